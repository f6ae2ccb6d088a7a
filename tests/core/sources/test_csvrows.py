"""The CSV row splitter: rows as the csv module reads them, at their lines, bounded, each problem its row's own."""

from __future__ import annotations

import csv
import io

import pytest
from copydesk.sources._csvrows import Row, csv_rows

#: bytes -> the rows they split into (line, bytes; None when not kept; the line of a quote left open), max_bytes 100
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
    (b'1,"a\n2,b\n3,c\n', [Row(1, None, 1), Row(2, b"2,b"), Row(3, b"3,c")]),  # left open
    (b'1,"a\nb"\n2,"c\r\n3,d', [Row(1, b'1,"a\nb"'), Row(3, None, 3), Row(4, b"3,d")]),
    (b'1,"a', [Row(1, None, 1)]),
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
    ],
)
def test_a_quote_left_open_reads_the_file_at_most_twice(data: bytes) -> None:
    handle = _Counting(data)
    rows = list(csv_rows(handle, 1 << 20, chunk=4096))
    assert sum(row.opened is not None for row in rows) <= 1
    assert handle.taken <= 2 * len(data) + 4096


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
