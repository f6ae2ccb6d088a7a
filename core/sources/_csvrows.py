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
  each field it opens, and no row of it spans lines.)
- a row that spans lines (a quoted field holds a line ending) but does not parse is a
  quote left open too, if the caller says so (:meth:`CsvRows.reread`): its quote opened
  on the row's first line and closed rows later, on another left open. Reading goes on
  from the line after the row's first, from the row's own bytes (kept, as the row is
  within ``max_bytes``), not the file. Only a row that starts past every row so read is
  read again, so each byte is split at most twice; with the pass after a quote the file
  ends inside (which may read the last line of such a row a third time), the file is
  read at most twice and split at most three times: in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, NamedTuple

#: Bytes read at a time.
CHUNK = 1 << 16
#: Outside quotes, what changes the state: a field that opens with a quote, or a row's end.
_UNQUOTED = re.compile(rb',"|\r\n?|\n')


def _unquoted(delimiter: bytes) -> re.Pattern[bytes]:
    """:data:`_UNQUOTED` for a file whose fields are separated by ``delimiter`` (one byte)."""
    return _UNQUOTED if delimiter == b"," else re.compile(re.escape(delimiter) + rb'"|\r\n?|\n')


#: Where a line ends, when skipping to the line after a quote left open.
_ENDING = re.compile(rb"\r\n?|\n")


class Row(NamedTuple):
    """One row: the line it starts on, its bytes (without the ending), and what is wrong with it, if anything."""

    line: int
    #: the row's bytes; None when it is longer than ``max_bytes`` or left open (not kept)
    data: bytes | None
    #: the line of a quote the file ends inside (the row is left open; reading goes on after that line)
    opened: int | None = None
    #: for a row left open, the file's last line (the line of the quote when no line follows it)
    last: int | None = None


def csv_rows(handle: IO[bytes], max_bytes: int, chunk: int = CHUNK) -> CsvRows:
    """The rows of ``handle`` from where it stands (a row that is only a line ending is an empty row)."""
    return CsvRows(handle, max_bytes, chunk)


class CsvRows:
    """The rows of a file, one pass: the buffer, the row being read, and the quote state."""

    def __init__(self, handle: IO[bytes], max_bytes: int, chunk: int = CHUNK) -> None:
        self.handle, self.max_bytes, self.chunk = handle, max_bytes, chunk
        self.buf, self.pos, self.base, self.eof = b"", 0, handle.tell(), False  # base: file offset of buf[0]
        self.line, self.at_ending = 1, False  # at_ending: the last byte taken inside quotes ends a line
        self.horizon = self.base  # no row that starts before this file offset is read again
        self.back: bool | None = None  # after a row with bytes is given: whether to read on from its second line
        #: what separates fields (:meth:`separate`), as text and bytes, and the scan outside quotes
        self.separator, self.delimiter, self._opens = ",", b",", _UNQUOTED
        self._new_row()
        self._rows = self._split()

    def __iter__(self) -> CsvRows:
        return self

    def __next__(self) -> Row:
        return next(self._rows)

    def separate(self, delimiter: str) -> None:
        """Split the rows after the one just given with ``delimiter`` between fields (a ';' export, say).

        A quoted field opens after it, so a quoted cell that holds a line ending is one cell.
        """
        self.separator, self.delimiter = delimiter, delimiter.encode()
        self._opens = _unquoted(self.delimiter)

    def reread(self) -> bool:
        """Take the row just given, which spans lines, as a quote left open on its first line: read on from its second.

        False (and the rows go on after it) when that row is on one line, is not kept (longer
        than ``max_bytes``), or starts before the end of a row already read again.
        """
        if self.back is None or self.row_offset < self.horizon:
            return False
        self.back = True
        return True

    def _new_row(self) -> None:
        """Start a row at the scan position."""
        self.parts: list[bytes] = []
        self.size, self.over, self.row_line, self.row_offset = 0, False, self.line, self.base + self.pos
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
            self.at_ending = part.endswith((b"\n", b"\r")) or (self.at_ending and not part)
        self.size += len(part)
        if self.size > self.max_bytes:
            self.parts, self.over = [], True
        elif part:
            self.parts.append(part)
        self.pos = end

    def _row(self) -> Row:
        return Row(self.row_line, None if self.over else b"".join(self.parts))

    def _split(self) -> Iterator[Row]:
        """Every row, in order; a file that ends inside a quote gives that row, then the rows after the quote's line."""
        while True:
            ended = self._quoted() if self.quoted else self._unquoted()
            if ended is None:
                continue
            if self.quoted:  # the end of the file inside a quoted field
                yield Row(self.row_line, None, self.opened[0], self.line - self.at_ending)
                self.horizon = self.base + self.pos  # every quote after it is paired: no row spans lines
                self._resume(*self.opened)
                continue
            if not ended and not (self.size or self.over):
                return
            row = self._row()
            self.back = None if self.over or self.line - ended == self.row_line else False
            yield row
            if self.back and row.data is not None:  # the row is taken as a quote left open on its first line
                self.horizon = self.base + self.pos
                ending = self.base + self.pos - self.row_offset - self.size  # the row's line ending, in the buffer
                self._resume(self.row_line, self.row_offset, row.data + self.buf[self.pos - ending :])
            elif ended:  # a line ending outside quotes
                self._new_row()
            else:
                return
            self.back = None

    def _unquoted(self) -> bool | None:
        """Scan outside quotes: True at a row's end, False at the file's end, None to go on."""
        if self.field_start and self.pos < len(self.buf):
            self.field_start = False
            if self.buf[self.pos] == ord('"'):
                self._open(self.pos)
                return None
        found = self._opens.search(self.buf, self.pos)
        if found is None or (found.group() == b"\r" and found.end() == len(self.buf) and not self.eof):
            # before the end of the file, a "," or "\r" at the buffer's end waits for the byte after it
            held = not self.eof and self.buf.endswith(self.delimiter)
            self._take(found.start() if found is not None else len(self.buf) - held)
            return None if self._more() or self.pos < len(self.buf) else False
        if found.group() == self.delimiter + b'"':
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

    def _resume(self, line: int, offset: int, held: bytes | None = None) -> None:
        """Read on from the line after ``line``, where the quote at file ``offset`` was left open.

        :param held: the file's bytes from ``offset`` up to what is yet to be read (else they are read again).
        """
        if held is None:
            self.handle.seek(offset)
            self.buf, self.eof = b"", False
        else:
            self.buf = held
        self.pos, self.base, self.line = 0, offset, line
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
