"""The CSV row splitter: rows as the csv module reads them, at their lines, bounded, each problem its row's own."""

from __future__ import annotations

import csv
import io

import pytest
from copydesk.sources._csvrows import Row, csv_rows

#: bytes -> the rows they split into (line, bytes; None when not kept; the line of a quote left open and the
#: file's last line), max_bytes 100
ROWS: list[tuple[bytes, list[Row]]] = [
    (b"", []),
    (b"a,b", [Row(1, b"a,b")]),
    (b"a,b\n\nc", [Row(1, b"a,b"), Row(2, b""), Row(3, b"c")]),
    (b"a\rb\r\nc\nd\r", [Row(1, b"a"), Row(2, b"b"), Row(3, b"c"), Row(4, b"d")]),
    (b'a,"b\r\nc\rd\ne",f\ng', [Row(1, b'a,"b\r\nc\rd\ne",f'), Row(5, b"g")]),
    (b'"a""\nb",c\nd', [Row(1, b'"a""\nb",c'), Row(3, b"d")]),
    (b'a,b"c\nd', [Row(1, b'a,b"c'), Row(2, b"d")]),  # a quote inside an unquoted field
    (b'"a"b\nc', [Row(1, b'"a"b'), Row(2, b"c")]),  # malformed (the csv module says so), but one row
    (b'a, "b\nc', [Row(1, b'a, "b'), Row(2, b"c")]),  # a quote after a space opens nothing
    (b'1,"a\n2,b\n3,c\n', [Row(1, None, 1, 3), Row(2, b"2,b"), Row(3, b"3,c")]),  # left open
    (b'1,"a\nb"\n2,"c\r\n3,d', [Row(1, b'1,"a\nb"'), Row(3, None, 3, 4), Row(4, b"3,d")]),
    (b'1,"a', [Row(1, None, 1, 1)]),
    (b'1\n2,"a\r\n', [Row(1, b"1"), Row(2, None, 2, 2)]),  # no line follows the quote's
    (b'1\n2,"a\r\n\r', [Row(1, b"1"), Row(2, None, 2, 3), Row(3, b"")]),
    (
        b"1" * 99 + b"\n" + b"2" * 100 + b"\n" + b"3" * 101 + b"\n4",
        [Row(1, b"1" * 99), Row(2, b"2" * 100), Row(3, None), Row(4, b"4")],
    ),
    (
        b'"1\n' + b"2" * 96 + b'"\n"1\n' + b"2" * 97 + b'"\n5',
        [Row(1, b'"1\n' + b"2" * 96 + b'"'), Row(3, None), Row(5, b"5")],
    ),
]


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1 << 16])
@pytest.mark.parametrize(("data", "rows"), ROWS)
def test_rows_and_their_lines_whatever_the_chunk_size(data: bytes, rows: list[Row], chunk: int) -> None:
    assert list(csv_rows(io.BytesIO(data), 100, chunk)) == rows


@pytest.mark.parametrize(
    "text",
    [
        'id,text\r\n1,"a\r\nb"\r\n2,"say ""hi"""\r\n',
        'a,b\r"c\rd",e\rf,"g"\r',
        'x,"",""""\n\n"a,b",c\n',
        'a,b"c,d\n"e"f,g\n',
    ],
)
def test_rows_parse_as_the_csv_module_parses_the_file(text: str) -> None:
    rows = list(csv_rows(io.BytesIO(text.encode()), 1000))
    parsed = [cells for row in rows for cells in csv.reader([(row.data or b"").decode()])]
    assert parsed == list(csv.reader(io.StringIO(text, newline="")))


def _reread(data: bytes, chunk: int, bad: bytes = b"open") -> list[Row]:
    """The rows of ``data``, each row spanning lines that holds ``bad`` taken as a quote left open on its first line."""
    rows = csv_rows(io.BytesIO(data), 100, chunk)
    return [row for row in rows if not (row.data is not None and bad in row.data and rows.reread())] + [
        Row(0, b"reread " + str(rows.reread()).encode())  # nothing to read again after the last row
    ]


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1 << 16])
def test_a_row_spanning_lines_taken_as_left_open_is_split_again_from_its_second_line(chunk: int) -> None:
    data = b'1,"open\n2,x\n3,"a ""q"" b",c\r\n4,"two\r\nlines"\r5,y'
    assert _reread(data, chunk) == [
        Row(2, b"2,x"),
        Row(3, b'3,"a ""q"" b",c'),
        Row(4, b'4,"two\r\nlines"'),  # a quoted field over two lines is one row still
        Row(6, b"5,y"),
        Row(0, b"reread False"),
    ]
    # a row on one line, or not kept, is not read again
    assert _reread(b"open,a\n" + b"x" * 101 + b"open\nz", chunk) == [
        Row(1, b"open,a"),
        Row(2, None),
        Row(3, b"z"),
        Row(0, b"reread False"),
    ]
    # at the file's end, with no line ending
    assert _reread(b'a\n1,"open\nb",c', chunk) == [Row(1, b"a"), Row(3, b'b",c'), Row(0, b"reread False")]


def test_a_row_is_split_again_only_past_every_row_split_again() -> None:
    # from line 2, the row is lines 2 to 4; from line 3, lines 3 to 4 again, and so on: once is enough
    data = b'1,"open\n' + b'2,x","open\n' * 3 + b'5,x"\n6,y\n7,"open\nx"\n9,z'
    assert _reread(data, 7) == [
        Row(2, b'2,x","open\n2,x","open\n2,x","open\n5,x"'),
        Row(6, b"6,y"),
        Row(8, b'x"'),
        Row(9, b"9,z"),
        Row(0, b"reread False"),
    ]


class _Counting(io.BytesIO):
    """A file that counts the bytes read from it."""

    taken = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.taken += len(data)
        return data


@pytest.mark.parametrize(
    "data",
    [
        b'1,"open\n' + b"2,x\n" * 10_000,
        b'1,"open\n' + b'2,"a""b",""\n' * 5_000 + b'3,"""\n' * 5_000,  # every quote after it paired
        b'"' * 20_001 + b"\n" + b'""\n' * 10_000,
        b'1,"a\n' * 10_000,  # every row spans two lines: read again from each second line
        b'1,"open\n' + b'2,x","open\n' * 10_000 + b'3,x"\n',  # from each line, a row to the end of the file
        b'1,"a\n2,"b' + b"\n3,x" * 10_000,  # read again, then a quote left open
    ],
)
def test_quotes_left_open_read_the_file_at_most_twice_and_split_it_at_most_three_times(data: bytes) -> None:
    handle = _Counting(data)
    rows, given = csv_rows(handle, 1 << 20, chunk=4096), []
    for row in rows:
        given.append(row)
        if row.data is not None and b"\n" in row.data:
            rows.reread()
    assert sum(row.opened is not None for row in given) <= 1
    split = sum(len(row.data or b"") + 1 for row in given)  # every byte split is in a row given
    assert handle.taken <= 2 * len(data) + 4096
    assert split <= 3 * len(data)


class _Endless(io.RawIOBase):
    """``head``, then ``size`` bytes of ``x``, then ``tail``, made as they are read (never held whole)."""

    def __init__(self, head: bytes, size: int, tail: bytes) -> None:
        self.parts, self.left = [head], size
        self.tail = tail

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.parts:
            return self.parts.pop()
        if self.left:
            n = min(size, self.left)
            self.left -= n
            return b"x" * n
        data, self.tail = self.tail, b""
        return data

    def tell(self) -> int:
        return 0


def test_a_row_over_max_bytes_is_not_kept_and_the_rows_after_it_are_read() -> None:
    import tracemalloc

    handle = _Endless(b"id,text\n1,", 50_000_000, b"\n2,y\n")
    tracemalloc.start()
    try:
        rows = list(csv_rows(handle, 1000, chunk=4096))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert rows == [Row(1, b"id,text"), Row(2, None), Row(3, b"2,y")]
    assert peak < 1_000_000  # within max_bytes and a chunk or two, not the 50 MB row
