"""A CSV file's bytes split into rows: quote-aware, any line ending, each row bounded, in linear time.

The :mod:`csv` module is fed lines, and a row it cannot parse (or one longer than any
article) costs the rest of the file. Splitting the bytes into rows first, as the
``excel`` dialect reads them, makes each of those problems its own row's:

- a ``"`` opens a quoted field only at the start of a field (a quote inside an unquoted
  field is a character like any other); inside, ``""`` is a quote and a lone ``"``
  closes the field;
- outside quotes, a line feed, CRLF or a lone carriage return ends the row; inside,
  line endings belong to the field (and still count as lines, so rows keep their line
  numbers);
- a row longer than ``max_bytes`` is skipped unread: memory stays within ``max_bytes``
  plus one chunk whatever the file;
- a quote that the file ends inside costs its row only: that row is reported with the
  line of the quote, and reading goes on from the line after it. (Once is enough: every
  quote after the one left open is paired, so a second pass, from a line start, closes
  each field it opens; the file is read at most twice.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, NamedTuple

#: Bytes read at a time.
CHUNK = 1 << 16
#: Outside quotes, what changes the state: a field that opens with a quote, or a row's end.
_UNQUOTED = re.compile(rb',"|\r\n?|\n')
#: Where a line ends, when skipping to the line after a quote left open.
_ENDING = re.compile(rb"\r\n?|\n")


class Row(NamedTuple):
    """One row: the line it starts on, its bytes (without the ending), and what is wrong with it, if anything."""

    line: int
    #: the row's bytes; None when it is longer than ``max_bytes`` or left open (not kept)
    data: bytes | None
    #: the line of a quote the file ends inside (the row is left open; reading goes on after that line)
    opened: int | None = None


def csv_rows(handle: IO[bytes], max_bytes: int, chunk: int = CHUNK) -> Iterator[Row]:
    """The rows of ``handle`` from where it stands (a row that is only a line ending is an empty row)."""
    return _Splitter(handle, max_bytes, chunk).rows()


class _Splitter:
    """The state of one pass over a file: the buffer, the row being read, and the quote state."""

    def __init__(self, handle: IO[bytes], max_bytes: int, chunk: int) -> None:
        self.handle, self.max_bytes, self.chunk = handle, max_bytes, chunk
        self.buf, self.pos, self.base, self.eof = b"", 0, handle.tell(), False  # base: file offset of buf[0]
        self.line = 1
        self._new_row()

    def _new_row(self) -> None:
        """Start a row at the scan position."""
        self.parts: list[bytes] = []
        self.size, self.over, self.row_line = 0, False, self.line
        self.quoted, self.field_start, self.after_cr = False, True, False
        self.opened = (0, 0)  # line and file offset of the quote that opened the current quoted field

    def _more(self) -> bool:
        """Read the next chunk behind what is left of the buffer; False at the end of the file."""
        if self.eof:
            return False
        data = self.handle.read(self.chunk)
        self.base += self.pos
        self.buf, self.pos, self.eof = self.buf[self.pos :] + data, 0, not data
        return bool(data)

    def _take(self, end: int) -> None:
        """Add ``buf[pos:end]`` to the row (unless it is too long to keep), counting the line endings in it."""
        part = self.buf[self.pos : end]
        if self.quoted:  # only a quoted field holds line endings (outside, one ends the row)
            crlf = part.count(b"\r\n") + (self.after_cr and part.startswith(b"\n"))
            self.line += part.count(b"\n") + part.count(b"\r") - crlf
            self.after_cr = part.endswith(b"\r") or (self.after_cr and not part)
        self.size += len(part)
        if self.size > self.max_bytes:
            self.parts, self.over = [], True
        elif part:
            self.parts.append(part)
        self.pos = end

    def _row(self) -> Row:
        return Row(self.row_line, None if self.over else b"".join(self.parts))

    def rows(self) -> Iterator[Row]:
        """Every row, in order; a file that ends inside a quote gives that row, then the rows after the quote's line."""
        while True:
            ended = self._quoted() if self.quoted else self._unquoted()
            if ended is None:
                continue
            if ended:  # a line ending outside quotes
                yield self._row()
                self._new_row()
                continue
            if self.quoted:  # the end of the file inside a quoted field
                yield Row(self.row_line, None, self.opened[0])
                self._resume(*self.opened)
                continue
            if self.size or self.over:
                yield self._row()
            return

    def _unquoted(self) -> bool | None:
        """Scan outside quotes: True at a row's end, False at the file's end, None to go on."""
        if self.field_start and self.pos < len(self.buf):
            self.field_start = False
            if self.buf[self.pos] == ord('"'):
                self._open(self.pos)
                return None
        found = _UNQUOTED.search(self.buf, self.pos)
        if found is None or (found.group() == b"\r" and found.end() == len(self.buf) and not self.eof):
            # before the end of the file, a "," or "\r" at the buffer's end waits for the byte after it
            held = not self.eof and self.buf.endswith(b",")
            self._take(found.start() if found is not None else len(self.buf) - held)
            return None if self._more() or self.pos < len(self.buf) else False
        if found.group() == b',"':
            self._open(found.start() + 1)
            return None
        self._take(found.start())
        self.pos = found.end()
        self.line += 1
        return True

    def _open(self, at: int) -> None:
        """A quote at ``buf[at]`` opens a quoted field."""
        self._take(at)
        self.quoted, self.opened = True, (self.line, self.base + at)
        self._take(at + 1)

    def _quoted(self) -> bool | None:
        """Scan inside quotes: False at the file's end (the quote was left open), None to go on."""
        at = self.buf.find(b'"', self.pos)
        if at < 0 or (at + 1 == len(self.buf) and not self.eof):  # a quote at the buffer's end waits for the next byte
            self._take(len(self.buf) if at < 0 else at)
            return None if self._more() or at >= 0 else False
        if self.buf[at + 1 : at + 2] == b'"':  # an escaped quote
            self._take(at + 2)
            return None
        self._take(at + 1)  # the closing quote
        self.quoted = False
        return None

    def _resume(self, line: int, offset: int) -> None:
        """Read on from the line after ``line``, where the quote at file ``offset`` was left open."""
        self.handle.seek(offset)
        self.buf, self.pos, self.base, self.eof, self.line = b"", 0, offset, False, line
        while (found := _ENDING.search(self.buf, self.pos)) is None or (
            found.group() == b"\r" and found.end() == len(self.buf) and not self.eof
        ):
            self.pos = len(self.buf) if found is None else found.start()
            if not self._more():
                self.pos = len(self.buf)
                break
        else:
            self.pos, self.line = found.end(), line + 1
        self._new_row()
