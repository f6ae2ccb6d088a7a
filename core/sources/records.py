"""JSONL (``.jsonl``, ``.ndjson``) and CSV (``.csv``) records into Articles, streamed one record at a time.

Field names come from ``[sources.fields]``; a record's other fields are kept as the
article's metadata. A record that cannot be read becomes an :class:`Unreadable` naming
its line, and the records after it are still read (a CSV file is split into rows first,
by :mod:`._csvrows`, so a malformed or overlong row costs only itself).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import IO, Any, Literal, overload

from copydesk.errors import describe, json_problem
from copydesk.models import Article, SourceRef, Unreadable
from copydesk.safety import quoted
from copydesk.sources._common import (
    Deferred,
    InputFormat,
    blank,
    bom_encoding,
    detect,
    no_words,
    read_western,
    skip_boms,
)
from copydesk.sources._csvrows import CsvRows, Row, csv_rows
from copydesk.sources._said import said_in_json, said_in_row, shown_id
from copydesk.suppress import IGNORE_META


def json_text(value: Any) -> str:
    """A record's value as text: a string as it is, anything else as canonical JSON (``true``, ``1``, ``{"a":1}``).

    So an ``id`` or ``title`` that is a number, boolean, list or object reads the same in
    every report format, never as a Python repr (``True``, ``{'a': 1}``).
    """
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


#: Names a CMS or an API gives the field that holds an article's text, compared without regard to case.
BODY_NAMES = frozenset(
    "body content article story articlebody article_body bodytext body_text articletext article_text "
    "fulltext full_text maintext main_text".split()
)
#: A field name that can be written, as it is, in the TOML a hint suggests.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_ .-]{1,64}")


def mapping_hint(name: str, found: Iterable[object]) -> str:
    """How to map the text field ``name`` a record or header lacks onto one of its ``found`` names, as a clause.

    A name that differs from ``name`` only in case is asked about ("did you mean 'TEXT'?":
    names are matched exactly); else a name a CMS gives an article's text (:data:`BODY_NAMES`)
    is suggested; else the setting is named. A suggested name is one a TOML string holds as written.
    """
    names = [n for n in found if isinstance(n, str) and _PLAIN_NAME.fullmatch(n)]
    cased = [n for n in names if n.casefold() == name.casefold()]
    if cased:
        return f'; did you mean {quoted(cased[0])}? names are matched exactly: map it with [sources.fields] text = "{cased[0]}"'
    body = [n for n in names if n.casefold() in BODY_NAMES]
    if body:
        return f'; map it with [sources.fields] text = "{body[0]}"'
    return '; if another one holds the text, name it with [sources.fields] text = "NAME"'


def _text_problem(record: Mapping[str, Any], name: str) -> str | None:
    """Why a record's text field ``name`` cannot be scored, if it cannot."""
    if name not in record:
        return f"record has no {quoted(name)} field" + mapping_hint(name, record)
    text = record[name]
    if not isinstance(text, str):
        return f"field {quoted(name)} is {json_type(text)}, not a string"
    if not text.strip():
        return f"field {quoted(name)} is empty"
    if blank(text):
        return f"field {quoted(name)} holds only control characters, no text"
    if no_words(text):
        return f"field {quoted(name)} holds only HTML comments, no text"
    return None


def _record_article(
    record: Mapping[str, Any], fields: Mapping[str, str], path: str, line: int, fmt: str
) -> Article | Unreadable:
    """Build an Article from a JSONL object or CSV row using the configured field names.

    A record whose text cannot be scored is an Unreadable that keeps the record's id,
    title, url and other fields, so it is reported under its own id and source.
    """

    def text_field(key: str) -> str | None:
        value = record.get(fields[key])
        return None if value is None or value == "" else json_text(value)

    # the record's other fields are kept as metadata (plugins read e.g. "source"): strings as
    # they are, an empty one too (an empty cell is not a missing column: learn-weights says so), other values as JSON
    known = set(fields.values())
    meta: dict[str, str] = {
        str(key): value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
        for key, value in record.items()
        if key not in known and key is not None and value is not None
    }
    problem = _text_problem(record, fields["text"])
    ignore = record.get(fields["ignore"]) if problem is None else None
    if ignore:
        if isinstance(ignore, list) and all(isinstance(v, str) for v in ignore):
            ignore = " ".join(ignore)
        if isinstance(ignore, str):
            meta[IGNORE_META] = ignore
        else:
            problem = f"field {quoted(fields['ignore'])} must be a string or a list of strings"
    if problem is not None:
        title, url = text_field("title") or "", text_field("url")
        return Unreadable(path, problem, line, fmt, record_id=text_field("id"), title=title, url=url, meta=meta)
    return Article(
        id=text_field("id") or f"{path}:{line}",
        title=text_field("title") or "",
        body=record[fields["text"]],
        byline=text_field("byline"),
        url=text_field("url"),
        published=text_field("published"),
        source=SourceRef(path=path, format=fmt, record=line),
        meta=meta,
    )


class Record(Deferred):
    """A JSONL line not parsed yet: :meth:`read` parses it where it is scored (:func:`read_jsonl` with ``defer``)."""

    __slots__ = ("fallback", "fields", "line", "path", "raw")

    def __init__(self, raw: bytes, path: str, fields: Mapping[str, str], line: int, fallback: bool = False) -> None:
        """The line's bytes (without a byte order mark), its file as reports name it, the field names, its number.

        :param fallback: decode a line that is not UTF-8 as a text file would be (``[sources] encoding_fallback``).
        """
        self.raw, self.path, self.fields, self.line, self.fallback = raw, path, fields, line, fallback

    def __reduce__(self) -> tuple[Any, ...]:
        return (Record, (self.raw, self.path, dict(self.fields), self.line, self.fallback))

    def read(self) -> Article | Unreadable:
        """The line as an Article, or an Unreadable naming its problem."""
        return _jsonl_record(self.raw, self.path, self.fields, self.line, self.fallback)


@overload
def read_jsonl(
    handle: IO[bytes],
    path: str,
    fields: Mapping[str, str],
    max_bytes: int,
    first: int = ...,
    stop: int | None = ...,
    defer: Literal[False] = ...,
    fallback: bool = ...,
) -> Iterator[Article | Unreadable]: ...


@overload
def read_jsonl(
    handle: IO[bytes],
    path: str,
    fields: Mapping[str, str],
    max_bytes: int,
    first: int = ...,
    stop: int | None = ...,
    *,
    defer: Literal[True],
    fallback: bool = ...,
) -> Iterator[Article | Unreadable | Record]: ...


def read_jsonl(
    handle: IO[bytes],
    path: str,
    fields: Mapping[str, str],
    max_bytes: int,
    first: int = 1,
    stop: int | None = None,
    defer: bool = False,
    fallback: bool = False,
) -> Iterator[Article | Unreadable | Record]:
    """Stream a JSONL file: one Article or Unreadable per non-blank line (a file with none is unreadable).

    :param first: the line number of the handle's position (a partition read on a cluster
        worker starts after a line feed).
    :param stop: read no line that starts at or after this byte offset (None: to the end).
    :param defer: yield each non-blank line that fits ``max_bytes`` as a :class:`Record`,
        parsed when it is read (a line the file's reading itself refuses stays an Unreadable).
    :param fallback: a line that is not UTF-8 is decoded as a text file's bytes would be
        (:func:`_line_text`), and its article's ``CD003`` names the encoding
        (``[sources] encoding_fallback``); without it, the line is unreadable.
    """
    records = 0
    whole = first == 1 and stop is None
    for line_no, raw in enumerate(_lines(handle, max_bytes, stop), start=first):
        records += 1
        if line_no == 1 and (wide := bom_encoding(raw)) is not None:
            yield Unreadable(path, f"encoded as {wide.upper()} (a byte order mark); JSONL must be UTF-8", None, "jsonl")
            return
        if len(raw) > max_bytes and not raw.endswith(b"\n"):  # the rest of the line was skipped unread
            yield Unreadable(path, f"line longer than sources.max_bytes ({max_bytes})", line_no, "jsonl")
            continue
        while raw.startswith(BOM):  # at line 1, or where two exports were joined with cat (one or more)
            raw = raw[3:]
        if not raw.strip():
            records -= 1
            continue
        yield (
            Record(raw, path, fields, line_no, fallback)
            if defer
            else _jsonl_record(raw, path, fields, line_no, fallback)
        )
    if not records and whole:
        yield Unreadable(path, "empty file (no JSON records)", None, "jsonl")


#: A line ending: LF, CRLF, or a lone CR (classic Mac OS).
_ENDING = re.compile(rb"\r\n?|\n")
#: Bytes read at a time by :func:`_lines`.
CHUNK = 1 << 16


def _lines(handle: IO[bytes], max_bytes: int, stop: int | None = None, chunk: int = CHUNK) -> Iterator[bytes]:
    """The lines of ``handle`` from where it stands, each ended by a line feed whatever its ending (LF, CRLF, lone CR).

    A line longer than ``max_bytes`` is yielded as its first ``max_bytes + 1`` bytes with
    no ending, and the rest of it is skipped unread into memory: memory stays within
    ``max_bytes + chunk`` whatever the file. The last line may have no ending. With
    ``stop``, lines that start at or after that byte offset are not yielded (a partition
    reads every line that starts inside it, to its end).
    """
    start = handle.tell()  # file offset of buf[pos]
    buf, pos, eof, skipping = b"", 0, False, False
    while True:
        if stop is not None and start >= stop and not skipping:
            return
        found = _line_end(buf, pos)
        if found is None or (found[1] == len(buf) and buf[found[0]] == _CR and not eof):
            if (len(buf) if found is None else found[0]) - pos > max_bytes and not skipping:  # overlong: say so once
                yield buf[pos : pos + max_bytes + 1]
                skipping = True
            if eof:
                if len(buf) > pos and not skipping:
                    yield buf[pos:]
                return
            if skipping and found is None:  # drop what was searched: the line is not kept
                start += len(buf) - pos
                buf, pos = b"", 0
            data = handle.read(chunk)
            eof = not data
            buf, pos = buf[pos:] + data, 0
            continue
        if not skipping:
            size = found[0] - pos
            yield buf[pos : found[0]] + b"\n" if size <= max_bytes else buf[pos : pos + max_bytes + 1]
        skipping = False
        start += found[1] - pos
        pos = found[1]


_CR = ord("\r")


def _line_end(buf: bytes, pos: int) -> tuple[int, int] | None:
    """Where the first line ending at or after ``pos`` starts and ends, as ``_ENDING.search(buf, pos)`` finds it; None if none.

    Found with ``bytes.find`` (a scan for one byte) rather than the pattern, which the
    regex engine tries at every byte: the main process finds every line of a batch twice.
    """
    feed = buf.find(b"\n", pos)
    ret = buf.find(b"\r", pos, len(buf) if feed < 0 else feed)
    if ret < 0:
        return None if feed < 0 else (feed, feed + 1)
    return (ret, ret + 2) if ret + 1 == feed else (ret, ret + 1)


def _line_text(raw: bytes, fallback: bool, line_no: int | None = None) -> tuple[str, str | None] | str:
    """A JSONL line's text and, when it was not UTF-8, the encoding it was decoded in; or why it cannot be decoded.

    With ``fallback``, a line that is not UTF-8 is read as a text file is
    (:func:`read_western`: UTF-8 with its stray bytes read as Windows-1252, or Windows-1252
    text), else in the encoding charset-normalizer detects (and is sure of) from that line alone (lines
    are read apart, in worker processes, so there is no guess for the file). ``line_no``
    is given for a record of a JSON array, which starts on that line (:func:`_in_record`).
    """
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start + 1} of the line" if line_no is None else _in_record(raw, exc.start, line_no)
        problem = f"not valid UTF-8 ({where})"
    if not fallback:
        return problem
    if (western := read_western(raw)) is not None:
        return western
    found = detect(raw)
    return f"{problem}, and {found}" if isinstance(found, str) else found


def _in_record(raw: bytes, start: int, line_no: int) -> str:
    """Where byte ``start`` of a JSON array's record, which starts on line ``line_no``, is: its line and the byte in it.

    Counted from 1 (:func:`copydesk.errors.utf8_stop`). On a later line than the record's
    first, the byte is counted in that line; on its first line (where the record may start
    after others, in a minified export), from the record's own first byte.
    """
    before = raw[:start]
    if (feed := before.rfind(b"\n")) < 0:
        return f"byte {start + 1} of the record, from its first character on line {line_no}"
    line = line_no + before.count(b"\n")
    return f"line {line}, byte {start - feed} of the line"


def _jsonl_record(
    raw: bytes, path: str, fields: Mapping[str, str], line_no: int, fallback: bool = False, in_array: bool = False
) -> Article | Unreadable:
    """One non-blank JSONL line (or, ``in_array``, a JSON array's record) as an Article, or an Unreadable naming its problem.

    ``fallback``: :func:`_line_text`.
    """
    decoded = _line_text(raw, fallback, line_no if in_array else None)
    if isinstance(decoded, str):
        return Unreadable(path, decoded, line_no, "jsonl")
    text, encoding = decoded
    try:
        record = json.loads(text.removesuffix("\n"))  # so a line cut off before its '}' is placed at its end
    except json.JSONDecodeError as exc:
        problem = f"not valid JSON: {json_problem(exc.msg)} (column {exc.colno})"
    except RecursionError:
        problem = DEEP
    except ValueError as exc:  # int() refuses more than sys.get_int_max_str_digits() digits
        problem = f"not readable JSON: integer too long ({describe(exc)})"
    else:
        return _parsed_record(record, raw, path, fields, line_no, encoding)
    return Unreadable(path, problem, line_no, "jsonl", said_id=said_in_json(text, fields["id"]))


#: The problem of a JSONL line whose arrays or objects are nested too deeply to read.
DEEP = "not readable JSON: arrays or objects nested too deeply"


def _parsed_record(
    record: Any, raw: bytes, path: str, fields: Mapping[str, str], line_no: int, encoding: str | None
) -> Article | Unreadable:
    """A parsed JSONL line as an Article, or an Unreadable naming its problem and the id it gives (``said_id``)."""
    if not isinstance(record, dict):
        return Unreadable(path, f"a JSON {json_type(record)}, not an object", line_no, "jsonl")
    try:
        if b"\\u" in raw and (bad := _lone_surrogate(record)) is not None:
            problem = f"not valid Unicode: an unpaired surrogate U+{ord(bad):04X}"
            return Unreadable(path, problem, line_no, "jsonl", said_id=shown_id(record.get(fields["id"])))
        article = _record_article(record, fields, path, line_no, "jsonl")
    except RecursionError:  # parsed, but too deep to walk or to keep as metadata
        return Unreadable(path, DEEP, line_no, "jsonl", said_id=shown_id(record.get(fields["id"])))
    if encoding is not None and isinstance(article, Article) and article.source is not None:
        article = replace(article, source=replace(article.source, encoding=encoding, encoding_detected=True))
    return article


def json_type(value: Any) -> str:
    """A decoded value's type for messages, in JSON's names: null, boolean, number, string, array, object.

    ``binary`` for bytes (a Parquet binary column); another type (a Parquet timestamp) by its Python name.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, bytes | bytearray):
        return "binary"
    return type(value).__name__


def _lone_surrogate(value: Any) -> str | None:
    """The first unpaired surrogate in a decoded JSON value's strings, if any (JSON allows them, UTF-8 does not)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return value[exc.start]
        return None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if (bad := _lone_surrogate(key) if isinstance(key, str) else None) or (bad := _lone_surrogate(item)):
            return bad
    return None


def _not_utf8(row: list[str]) -> int | None:
    """The index in its cell of the first byte of ``row`` that was not UTF-8, if any."""
    for cell in row:
        for index, char in enumerate(cell):
            if "\udc80" <= char <= "\udcff":
                return index
    return None


#: Separators a spreadsheet exports "CSV" with in place of commas (a list separator set to ';', tabs, '|').
_OTHER_SEPARATORS = (";", "\t", "|")


def _other_separator(header: list[str], text: str) -> str | None:
    """The separator of a header read as one cell that holds another one (``id;title;text``), or None.

    Only when the text column is not the header's one cell: a file whose text column's
    name holds a ';' is read with commas, as it was written.
    """
    if len(header) != 1 or header[0] == text:
        return None
    most = max(_OTHER_SEPARATORS, key=header[0].count)
    return most if header[0].count(most) else None


def _csv_header(header: list[str] | None, path: str, fields: Mapping[str, str], line: int = 1) -> Unreadable | None:
    """Why a CSV header (on ``line``) cannot be used, if it cannot."""
    if header is None:
        return Unreadable(path, "empty file", None, "csv")
    if (at := _not_utf8(header)) is not None:
        return Unreadable(path, f"not valid UTF-8 (header, character {at + 1} of a cell)", line, "csv")
    if fields["text"] not in header:
        missing = f"no {quoted(fields['text'])} column in the header ({', '.join(header)})"
        return Unreadable(path, missing + mapping_hint(fields["text"], header), line, "csv")
    twice = sorted({name for name in header if header.count(name) > 1} & set(fields.values()))
    if twice:
        return Unreadable(path, f"column {quoted(twice[0])} appears more than once in the header", line, "csv")
    return None


def _csv_row(
    row: list[str], header: list[str], path: str, fields: Mapping[str, str], start: int
) -> Article | Unreadable:
    """One data row as an Article, or an Unreadable naming its problem."""
    said = said_in_row(row, header, fields["id"])
    if (at := _not_utf8(row)) is not None:
        return Unreadable(path, f"not valid UTF-8 (character {at + 1} of a cell)", start, "csv", said_id=said)
    if len(row) != len(header):
        return Unreadable(path, f"row has {len(row)} columns, the header has {len(header)}", start, "csv", said_id=said)
    return _record_article(dict(zip(header, row, strict=True)), fields, path, start, "csv")


def _cells(row: Row, max_bytes: int, what: str = "row", delimiter: str = ",") -> list[str] | str:
    """A row's cells, decoded alone (bytes that are not UTF-8 become lone surrogates, found per row), or why it cannot be read.

    :param what: what the row is, for the problem (``row``, ``header``).
    :param delimiter: the file's separator (:func:`_other_separator`).
    """
    if row.opened is not None:
        if what == "header":
            return f"malformed CSV header: a quote opened on line {row.opened} is never closed"
        if row.last is not None and row.last <= row.opened:
            return f"malformed CSV row: a quote opened on line {row.opened}, the last line, is never closed"
        return f"malformed CSV row: a quote opened on line {row.opened} is never closed; read on from line {row.opened + 1}"
    if row.data is None:
        return f"{what} longer than sources.max_bytes ({max_bytes})"
    try:
        return next(csv.reader([row.data.decode("utf-8", "surrogateescape")], delimiter=delimiter, strict=True), [])
    except csv.Error as exc:
        return f"malformed CSV {what}: {exc}"


def _left_open(row: Row, cells: list[str] | str, header: list[str], rows: CsvRows) -> str | None:
    """Why a row that spans lines and does not parse (or has the wrong number of columns) is taken as a quote left open.

    Its quote opened on its first line and closed rows later, on another left open (the
    rows between would be lost in silence): reading goes on at its second line
    (:meth:`CsvRows.reread`). None for a row on one line, or one that parses.
    """
    if row.data is None or (b"\n" not in row.data and b"\r" not in row.data):
        return None
    if isinstance(cells, str):
        shape = f"is malformed ({cells.removeprefix('malformed CSV row: ')})"
    elif len(cells) != len(header):
        shape = f"has {len(cells)} columns, the header has {len(header)}"
    else:
        return None
    last = row.line + sum(1 for _ in _ENDING.finditer(row.data))
    problem = f"malformed CSV row: a quote opened on line {row.line} runs the row to line {last}, and the row {shape}"
    return f"{problem}; read on from line {row.line + 1}" if rows.reread() else problem


BOM = b"\xef\xbb\xbf"


def _detected(data: bytes) -> str | None:
    """The encoding charset-normalizer detects in ``data`` (None: none, or one it is unsure of: :func:`detect`)."""
    found = detect(data)
    return None if isinstance(found, str) else found[1]


def _decoded(data: bytes, encoding: str | None, delimiter: str = ",") -> list[str] | None:
    """A row's cells decoded in ``encoding``; None when there is none or the row does not decode (or parse) in it."""
    if encoding is None:
        return None
    try:
        return next(csv.reader([data.decode(encoding)], delimiter=delimiter, strict=True), [])
    except (UnicodeDecodeError, LookupError, csv.Error):
        return None


class _Guess:
    """The encoding of a CSV file that is not UTF-8, detected once (charset-normalizer), from its first row that is not.

    A later row that is not UTF-8 and does not decode in it either (another encoding) has
    its own detected, for that row alone. A later row in another encoding that does decode
    in the file's (a single-byte encoding decodes almost any bytes) is decoded in the
    file's: its ``CD003`` names the encoding used, but the characters may be wrong.
    """

    def __init__(self, fallback: bool, delimiter: str = ",") -> None:
        self.fallback = fallback
        self.delimiter = delimiter
        self.tried = False
        self.encoding: str | None = None

    def cells(self, data: bytes) -> tuple[list[str], str] | None:
        """The row's cells and the encoding they were decoded in; None when fallback is off or no detected encoding decodes it."""
        if not self.fallback:
            return None
        if (western := read_western(data)) is not None:
            try:
                return next(csv.reader([western[0]], delimiter=self.delimiter, strict=True), []), western[1]
            except csv.Error:
                pass
        if not self.tried:
            self.tried = True
            self.encoding = _detected(data)
        if (cells := _decoded(data, self.encoding, self.delimiter)) is not None and self.encoding is not None:
            return cells, self.encoding
        own = _detected(data) if self.encoding is not None else None  # the file's guess came from this row otherwise
        if own is None or own == self.encoding or (cells := _decoded(data, own, self.delimiter)) is None:
            return None
        return cells, own


def _data_row(
    row: Row, cells: list[str], header: list[str], path: str, fields: Mapping[str, str], guess: _Guess
) -> Article | Unreadable:
    """A parsed data row as an Article; a row that is not UTF-8 is decoded in the file's detected encoding (CD003)."""
    if _not_utf8(cells) is None or row.data is None or (again := guess.cells(row.data)) is None:
        return _csv_row(cells, header, path, fields, row.line)
    decoded, encoding = again
    article = _csv_row(decoded, header, path, fields, row.line)
    if isinstance(article, Article) and article.source is not None:
        article = replace(article, source=replace(article.source, encoding=encoding, encoding_detected=True))
    return article


def read_csv(
    handle: IO[bytes], path: str, fields: Mapping[str, str], max_bytes: int, fallback: bool = False
) -> Iterator[Article | Unreadable]:
    """Stream a CSV file with a header row: one Article or Unreadable per row.

    The file is split into rows first (:mod:`._csvrows`), so whatever is wrong with a
    row costs that row: another encoding, a row longer than ``max_bytes``, a malformed
    quote, a quote left open (that row, up to the quote's line; a row that spans lines and
    does not parse, or has the wrong number of columns, is a quote left open on its first
    line, closed by another rows later). A header that cannot be read ends the file. A blank
    line (nothing but its ending) is no row, above the header too (there, one of spaces or tabs as well); a row whose fields are all empty is one (its text is empty).
    With ``fallback`` (``[sources] encoding_fallback``) a row that is not UTF-8 is decoded
    in the encoding charset-normalizer detects from the first such row, once per file, or,
    when it does not decode in that, in the one detected from the row itself (:class:`_Guess`). A
    file starting with a UTF-16 or UTF-32 byte order mark is refused: CSV must be UTF-8. A
    header that reads as one column holding ';', tabs or '|' (a spreadsheet's export under
    another list separator) has the whole file read with that separator (:func:`_other_separator`).
    """
    csv.field_size_limit(max(max_bytes, 131072))  # a row, and so each of its cells, is within max_bytes
    start = handle.tell()
    if (wide := bom_encoding(handle.read(4))) is not None:
        yield Unreadable(path, f"encoded as {wide.upper()} (a byte order mark); CSV must be UTF-8", None, "csv")
        return
    handle.seek(start)
    skip_boms(handle)
    rows = csv_rows(handle, max_bytes)
    first = next(rows, None)
    # blank lines (or lines of spaces) above the header are no rows either; a row too long to keep is
    while first is not None and first.data is not None and not first.data.strip():
        first = next(rows, None)
    header = None if first is None else _cells(first, max_bytes, "header")
    if first is not None and isinstance(header, list) and (other := _other_separator(header, fields["text"])):
        # a spreadsheet's export under another list separator: the whole file is read with it
        rows.separate(other)  # its rows split with it too: a quoted cell that spans lines is one cell
        header = _cells(first, max_bytes, "header", other)
    if isinstance(header, str):
        yield Unreadable(path, header, 1 if first is None else first.line, "csv")
        return
    guess = _Guess(fallback, rows.separator)
    if (bad := _csv_header(header, path, fields, 1 if first is None else first.line)) is not None:
        yield bad
        return
    assert header is not None
    count = 0
    for row in rows:
        cells = _cells(row, max_bytes, delimiter=rows.separator)
        if (problem := _left_open(row, cells, header, rows)) is not None:
            count += 1
            yield Unreadable(path, problem, row.line, "csv")
            continue
        if row.data == b"":  # a blank line (nothing but its ending) is no row; a row of empty fields is one
            continue
        count += 1
        if isinstance(cells, str):
            yield Unreadable(path, cells, row.line, "csv")
        else:
            yield _data_row(row, cells, header, path, fields, guess)
    if not count:
        yield Unreadable(path, "no rows after the header", None, "csv")


def _jsonl(handle: IO[bytes], path: str, sources: Mapping[str, Any]) -> Iterator[Article | Unreadable]:
    """The JSONL reader, configured by ``[sources]``."""
    return read_jsonl(
        handle, path, sources["fields"], int(sources["max_bytes"]), fallback=bool(sources["encoding_fallback"])
    )


def _jsonl_deferred(
    handle: IO[bytes], path: str, sources: Mapping[str, Any]
) -> Iterator[Article | Unreadable | Record]:
    """The JSONL reader, each line's parsing left to where it is scored (:class:`Record`)."""
    fallback = bool(sources["encoding_fallback"])
    return read_jsonl(handle, path, sources["fields"], int(sources["max_bytes"]), defer=True, fallback=fallback)


def _csv(handle: IO[bytes], path: str, sources: Mapping[str, Any]) -> Iterator[Article | Unreadable]:
    """The CSV reader, configured by ``[sources]``."""
    return read_csv(handle, path, sources["fields"], int(sources["max_bytes"]), bool(sources["encoding_fallback"]))


JSONL = InputFormat("jsonl", _jsonl, "lines", _jsonl_deferred)
CSV = InputFormat("csv", _csv, "lines")
