"""Text that remembers where each character came from in its source file (HTML input).

An extractor builds a field from :class:`Piece` objects: text copied from the file, or
text standing for a source span (a decoded entity, collapsed white space, a comment, a
line break the extractor added). :func:`text_map` turns the pieces of a finished field
into the :class:`copydesk.models.TextMap` that :func:`copydesk.formats.positions.in_file`
uses to place findings in the file. Every step is linear in the text.
"""

from __future__ import annotations

import bisect
import html as html_lib
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from copydesk.models import TextMap

#: What ``html.unescape`` replaces (the standard library's own pattern).
CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_SPACE = re.compile(r"\s+")


class Piece(NamedTuple):
    """Text and the file span ``[start, end)`` it came from; ``copy`` when it is that span verbatim."""

    text: str
    start: int
    end: int
    copy: bool = False

    @property
    def blank(self) -> bool:
        """White space only (collapsed to one space when a line is finished)."""
        return self.text.isspace()


class LineStarts:
    """Line and column (1-based) of file offsets, lines counted at newlines as HTMLParser counts them."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def offset(self, line: int, column0: int) -> int:
        """The file offset of HTMLParser's ``getpos()`` (1-based line, 0-based column)."""
        return self.starts[line - 1] + column0

    def place(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` of a file offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


def decoded(source: str, at: int, data: str) -> list[Piece]:
    """Pieces of ``data``, which HTMLParser decoded from the file text starting at ``at``.

    Literal runs are copies; each character reference stands for its whole span. When
    the file text does not decode to ``data`` (which the parser would not do), the data
    stands for the span from ``at`` as one piece rather than being placed wrongly.
    """
    pieces: list[Piece] = []
    pos, produced = at, 0
    while produced < len(data):
        amp = source.find("&", pos, pos + len(data) - produced + 1)
        stop = amp if amp >= 0 else pos + len(data) - produced
        if stop > pos:
            pieces.append(Piece(source[pos:stop], pos, stop, True))
            produced += stop - pos
            pos = stop
            continue
        match = CHARREF.match(source, pos)
        text = html_lib.unescape(match.group()) if match else "&"
        end = match.end() if match and text != match.group() else pos + 1
        pieces.append(Piece(text if end > pos + 1 else "&", pos, end, end == pos + 1))
        produced += len(pieces[-1].text)
        pos = end
    if "".join(p.text for p in pieces) != data:
        return [Piece(data, at, at + len(data))]
    return pieces


def words(pieces: Iterable[Piece], source: str) -> Iterable[Piece]:
    """Split copied pieces at the white space that collapsing changes (anything but one plain space).

    Each such run becomes its own blank piece; single spaces stay inside their copy, so
    ordinary prose stays one piece per text node.
    """
    for piece in pieces:
        if not piece.copy:
            yield piece
            continue
        at = 0
        for match in _SPACE.finditer(piece.text):
            if match.group() == " ":
                continue
            if match.start() > at:
                yield Piece(piece.text[at : match.start()], piece.start + at, piece.start + match.start(), True)
            start = piece.start + match.start()
            yield Piece(" ", start, start + 1, source[start] == " ")
            at = match.end()
        if at < len(piece.text):
            yield Piece(piece.text[at:], piece.start + at, piece.end, True)


def collapse(pieces: Sequence[Piece]) -> list[Piece]:
    """``" ".join(text.split())`` on pieces: white space collapsed to one space, none at the ends."""
    out: list[Piece] = []
    for piece in pieces:
        after_space = not out or out[-1].text[-1:].isspace()
        if piece.blank:
            if not after_space:
                out.append(piece if piece.text == " " else Piece(" ", piece.start, piece.end))
            continue
        if after_space and piece.copy and piece.text.startswith(" "):
            piece = Piece(piece.text[1:], piece.start + 1, piece.end, True)
        if piece.text:
            out.append(piece)
    while out and out[-1].text[-1:].isspace():
        last = out.pop()
        if not last.blank:
            out.append(Piece(last.text[:-1], last.start, last.end - 1, True))
    return out


def joined(lines: Sequence[Sequence[Piece]], after: int = 0) -> list[Piece]:
    """The pieces of lines joined with newlines; each added line break stands at the end of the line before."""
    out: list[Piece] = []
    end = after
    for number, line in enumerate(lines):
        if number:
            out.append(Piece("\n", end, end))
        out.extend(line)
        end = line[-1].end if line else end
    return out


def text_map(pieces: Sequence[Piece], lines: LineStarts) -> TextMap:
    """The :class:`TextMap` of a field made of ``pieces`` (adjacent copies merged)."""
    starts: list[int] = []
    spans: list[tuple[int, int, int, int]] = []
    size, copied_to = 0, -1
    for piece in pieces:
        if not piece.text:
            continue
        if piece.copy and piece.start == copied_to and len(piece.text) == piece.end - piece.start:
            at, _, line, column = spans[-1]
            spans[-1] = (at, piece.end, line, column)
        else:
            starts.append(size)
            spans.append((piece.start, piece.end, *lines.place(piece.start)))
        copied_to = piece.end if piece.copy and len(piece.text) == piece.end - piece.start else -1
        size += len(piece.text)
    return TextMap(tuple(starts), tuple(spans), size)


class Placed:
    """A whole extracted text and its pieces, to take slices of (aligning another extractor's text)."""

    def __init__(self, pieces: Sequence[Piece]) -> None:
        self.pieces = [p for p in pieces if p.text]
        self.offsets: list[int] = []
        size = 0
        for piece in self.pieces:
            self.offsets.append(size)
            size += len(piece.text)
        self.text = "".join(p.text for p in self.pieces)

    def slice(self, start: int, stop: int) -> list[Piece]:
        """The pieces of ``text[start:stop]``, copies cut to the characters taken."""
        out: list[Piece] = []
        index = max(bisect.bisect_right(self.offsets, start) - 1, 0)
        while index < len(self.pieces) and self.offsets[index] < stop:
            piece, at = self.pieces[index], self.offsets[index]
            lo, hi = max(start - at, 0), min(stop - at, len(piece.text))
            if piece.copy and len(piece.text) == piece.end - piece.start:
                out.append(Piece(piece.text[lo:hi], piece.start + lo, piece.start + hi, True))
            else:
                out.append(Piece(piece.text[lo:hi], piece.start, piece.end))
            index += 1
        return out
