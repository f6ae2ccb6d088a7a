"""JSON documents (``.json``): a top-level array of records, each read as a JSONL line is.

An export from a CMS or an API is often one JSON array of objects rather than JSONL. The
array is streamed element by element (:meth:`json.JSONDecoder.raw_decode` over a growing
buffer), so memory stays within about ``max_bytes`` per record whatever the file's size.
Each element is then read by the JSONL reader's own code (:func:`records._jsonl_record`):
the same field names, the same problems, the same encoding fallback; its ``record`` is
the line it starts on. A record without an ``id`` is ``path:line``, as a JSONL line is;
when several start on one line (a minified export), the second and later are
``path:line#2``, ``path:line#3``, ... so each keeps an id of its own. A document that
is not an array, or whose structure breaks, is
reported where it breaks and read no further (no later element can be found safely);
an object wrapping its records (``{"articles": [...]}``, as many APIs answer) is named
by the key that holds them.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import IO, Any

from copydesk.errors import describe, json_problem
from copydesk.models import Article, Unreadable
from copydesk.safety import quoted
from copydesk.sources._common import InputFormat, bom_encoding, skip_boms
from copydesk.sources.records import CHUNK, _jsonl_record, json_type

FORMAT = "json"
_SPACE = " \t\r\n"
_DECODER = json.JSONDecoder()


class _Buffer:
    """The document's text, decoded as it is read (bytes that are not UTF-8 kept as surrogate escapes)."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        self.text = ""
        self.pos = 0  # where reading stands in ``text``
        self.line = 1  # the line ``pos`` is on
        self.eof = False

    def more(self, want: int) -> bool:
        """Read until ``text`` holds at least ``want`` characters from ``pos`` (or the end); False at the end."""
        if self.eof:
            return False
        self.text, self.pos = self.text[self.pos :], 0  # drop what was read
        size = max(CHUNK, want - len(self.text))
        while len(self.text) < want and not self.eof:
            data = self.handle.read(size)
            self.eof = not data
            self.text += self.decoder.decode(data, final=self.eof)
        return True

    def skip_space(self) -> str:
        """Move past white space; the next character ('' at the end)."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _SPACE:
                self.line += self.text[self.pos] == "\n"
                self.pos += 1
            if self.pos < len(self.text) or not self.more(1):
                return self.text[self.pos : self.pos + 1]

    def advance(self, end: int) -> None:
        """Move to ``end``, counting the lines passed."""
        self.line += self.text.count("\n", self.pos, end)
        self.pos = end


def _element(buf: _Buffer, max_bytes: int) -> tuple[Any, int] | str:
    """Decode the value at ``buf.pos``: it and where it ends, or why it cannot be read.

    The buffer grows (doubling) until the value decodes, the file ends, or the value
    would be longer than ``max_bytes``.
    """
    want = CHUNK
    while True:
        try:
            found: tuple[Any, int] = _DECODER.raw_decode(buf.text, buf.pos)
        except json.JSONDecodeError as exc:
            error = exc
        except RecursionError:
            return "not readable JSON: arrays or objects nested too deeply"
        except ValueError as exc:  # int() refuses more than sys.get_int_max_str_digits() digits
            return f"not readable JSON: integer too long ({describe(exc)})"
        else:
            if found[1] < len(buf.text) or not buf.more(len(buf.text) - buf.pos + 1):
                return found
            continue  # a number at the end of what was read may go on
        if len(buf.text) - buf.pos > max_bytes:
            return f"a record longer than sources.max_bytes ({max_bytes}), or not valid JSON: {json_problem(error.msg)}"
        want = min(2 * max(want, len(buf.text) - buf.pos), max_bytes + 2)
        if buf.eof:  # an error past the last text (the file ends inside the record) is on the line the text ends on
            stop = min(error.pos, len(buf.text.rstrip(_SPACE)))
            line = buf.line + buf.text.count("\n", buf.pos, max(stop, buf.pos))
            return f"not valid JSON: {json_problem(error.msg)} (line {line})"
        buf.more(want)


def read_json(handle: IO[bytes], path: str, sources: Mapping[str, Any]) -> Iterator[Article | Unreadable]:
    """Stream a JSON document's array: one Article or Unreadable per element (see the module's docstring)."""
    start = handle.read(4)
    if (wide := bom_encoding(start)) is not None:
        yield Unreadable(path, f"encoded as {wide.upper()} (a byte order mark); JSON must be UTF-8", None, FORMAT)
        return
    handle.seek(handle.tell() - len(start))
    skip_boms(handle)
    buf = _Buffer(handle)
    first = buf.skip_space()
    if first != "[":
        yield Unreadable(path, _not_an_array(first, buf, int(sources["max_bytes"])), None, FORMAT)
        return
    buf.advance(buf.pos + 1)
    yield from _elements(buf, path, sources)


def _elements(buf: _Buffer, path: str, sources: Mapping[str, Any]) -> Iterator[Article | Unreadable]:
    """The array's elements from after its ``[``, up to its ``]``; a break in the structure ends the file.

    Whatever is unreadable on the line of an earlier record takes the next ``#N`` there, as
    a record would (a minified export cut short is ``path:1`` and ``path:1#2``, not ``path:1`` twice).
    """
    fields, max_bytes, fallback = sources["fields"], int(sources["max_bytes"]), bool(sources["encoding_fallback"])
    count = on_line = last_line = 0

    def unreadable(problem: str, line: int) -> Unreadable:
        item = _as_json(Unreadable(path, problem, line, FORMAT), on_line + 1 if line == last_line else 1)
        assert isinstance(item, Unreadable)
        return item

    while True:
        if buf.skip_space() == "]" and count == 0:
            yield Unreadable(path, "no records (an empty JSON array)", None, FORMAT)
            return
        line = buf.line
        found = _element(buf, max_bytes)
        if isinstance(found, str):
            yield unreadable(found, line)
            return
        raw = buf.text[buf.pos : found[1]].encode("utf-8", "surrogateescape")
        buf.advance(found[1])
        count += 1
        on_line, last_line = (on_line + 1 if line == last_line else 1), line
        if len(raw) > max_bytes:
            yield _as_json(
                Unreadable(path, f"a record longer than sources.max_bytes ({max_bytes})", line, FORMAT), on_line
            )
        else:
            yield _as_json(_jsonl_record(raw, path, fields, line, fallback, in_array=True), on_line)
        after = buf.skip_space()
        if after == "]":
            buf.advance(buf.pos + 1)
            if buf.skip_space():
                yield unreadable("text after the JSON array's closing ']' is not read", buf.line)
            return
        if after != ",":
            problem = (
                "the JSON array ends without its ']'"
                if not after
                else f"expected ',' or ']' after a record, not {quoted(after)}"
            )
            yield unreadable(problem, buf.line)
            return
        buf.advance(buf.pos + 1)


def _as_json(item: Article | Unreadable, on_line: int) -> Article | Unreadable:
    """An element read by the JSONL reader, with its format named ``json``; the ``on_line``-th to start on its line.

    One without an ``id`` of its own is ``path:line``, and from the second on its line,
    ``path:line#N``.
    """
    if isinstance(item, Unreadable):
        if item.record_id is None and on_line > 1:
            item = replace(item, record_id=f"{item.id}#{on_line}")
        return replace(item, format=FORMAT)
    source = item.source
    assert source is not None
    if on_line > 1 and source.record is not None and item.id == f"{source.path}:{source.record}":
        item = replace(item, id=f"{item.id}#{on_line}")
    return replace(item, source=replace(source, format=FORMAT))


def _not_an_array(first: str, buf: _Buffer, max_bytes: int) -> str:
    """Why a document that does not start with ``[`` cannot be read."""
    if not first:
        return "empty file"
    found = _element(buf, max_bytes)
    if isinstance(found, str):
        return found
    if isinstance(found[0], dict):
        if (key := _array_key(found[0])) is not None:
            return (
                f"a JSON object that holds an array under {quoted(key)}, not an array of records"
                f" (save that array as the file, or its records one a line as .jsonl)"
            )
        return (
            "a JSON object, not an array of records (one record: put it in [ ], or save records one a line as .jsonl)"
        )
    return f"a JSON {json_type(found[0])}, not an array of records"


def _array_key(document: dict[str, Any]) -> str | None:
    """The key of an API wrapper's records (``{"articles": [...]}``): the first holding objects, else an array; cut."""
    arrays = [key for key, value in document.items() if isinstance(value, list)]
    records = [key for key in arrays if any(isinstance(item, dict) for item in document[key][:10])]
    if not (keys := records or arrays):
        return None
    return keys[0][:60] + ("..." if len(keys[0]) > 60 else "")


JSON = InputFormat(FORMAT, read_json, "file")
