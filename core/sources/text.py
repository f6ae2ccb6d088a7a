"""Plain text and Markdown files (``.txt``, ``.md``, ``.markdown``): one article per file.

The first non-empty line that is not a whole-line HTML comment is the title (a
Markdown ``#`` is dropped), the rest is the body (a file with no body, or one of only white space and HTML comments, is unreadable). Optional ``---`` front matter gives
``title`` (then the whole text after it is the body), ``byline``/``author``, ``url``,
``date``/``published`` and ``id``; other keys are kept as metadata (a subset of YAML:
:class:`_Block`; a block it cannot read is body text, and ``CD006`` says so). ``ignore-file``
suppression comments above the title still apply to the whole article.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from typing import IO, Any, NamedTuple

from copydesk.models import Article, Position, SourceRef, TextMap, Unreadable
from copydesk.safety import quoted
from copydesk.sources._common import Decoded, InputFormat, blank, no_words, read_whole
from copydesk.sources._placed import LineStarts, Piece, text_map
from copydesk.suppress import IGNORE_META, file_selectors

FRONT_MATTER_KEYS = {
    "title": "title",
    "byline": "byline",
    "author": "byline",
    "url": "url",
    "date": "published",
    "published": "published",
    "id": "id",
}


#: A carriage return that ends a line on its own (classic Mac OS), not as part of CRLF.
_LONE_CR = re.compile(r"\r(?!\n)")

#: Front-matter keys whose value a finding can point at (title and byline findings).
PLACED_KEYS = ("title", "byline", "author")
#: Keys whose YAML flow list (``[Staff Reporter, Jane Smith]``) is read as a list, as their block list (``- x``) is.
LIST_KEYS = frozenset({"byline", "author"})


class FrontMatter(NamedTuple):
    """What a ``---`` block at the top of a file gave.

    The keys and values, the body offset, the lines used, where the values of
    :data:`PLACED_KEYS` stand in the file (by key, for those given and non-empty), and,
    when a block opened and was read as body text instead, its line and why.
    """

    meta: dict[str, str]
    offset: int
    lines: int
    placed: dict[str, Position | TextMap]
    ignored: tuple[int, str] | None = None


#: A YAML block scalar's indicator (``|``, ``>-``, ...): the value is on the indented lines below.
_BLOCK_SCALARS = frozenset({"|", ">", "|-", ">-", "|+", ">+"})
#: Longest part of a line quoted in a front-matter problem.
_SHOWN = 60
#: A line that closes front matter.
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t\r]*$", re.MULTILINE)
_UNCLOSED = "front matter opened on line 1 is never closed by a '---' line"
_AS_BODY = "the block is read as body text"


class _Block:
    """The ``key: value`` lines of a front matter block, read one at a time (a subset of YAML).

    A blank line and a ``# comment`` are skipped. A list item (``- x``) or an indented line
    continues the key above it: list items become its value, joined with ``, ``; an
    indented line of a block scalar (``|``, ``>``) or of a plain value is appended to it
    with a space; an indented ``key: value`` (a nested mapping) is skipped. The byline's
    flow list (``author: [a, b]``, :data:`LIST_KEYS`) is joined the same way; other values
    are taken as written.

    A byline's block list is placed item by item (:meth:`placements`): one item at its
    :class:`Position`, several through a :class:`TextMap` (each item where it stands).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.meta: dict[str, str] = {}
        self.placed: dict[str, Position | TextMap] = {}
        self.last: str | None = None  # the key the lines below continue
        self.items = 0  # list items under it
        self.block = False  # its value is a block scalar
        #: Where each list item under a byline key stands: ``(offset, end, line, column)`` (:meth:`placements`).
        self.lists: dict[str, list[tuple[int, int, int, int]]] = {}
        self.spanned = 0  # the length of the value the last key's placed items make up, joined with ", "

    def add(self, pos: int, stop: int, line: int) -> bool:
        """Read the line from ``pos`` to ``stop`` (the file's line ``line``); False when it is no line of front matter."""
        raw = self.text[pos:stop]
        row = raw.strip()
        if not row or row.startswith("#"):
            return True
        if raw[0] in " \t" or row == "-" or row.startswith("- "):
            return self._continue(row, (pos, stop, line))
        key, sep, value = row.partition(":")
        if not sep:
            return False
        name = key.strip().lower()
        value = value.strip().strip("\"'")
        items = [value]
        if name in LIST_KEYS and value.startswith("[") and value.endswith("]"):
            items = [item for part in value[1:-1].split(",") if (item := part.strip().strip("\"'"))]
            value = ", ".join(items)
        self.last, self.items, self.block, self.spanned = name, 0, value in _BLOCK_SCALARS, 0
        self.meta[name] = "" if self.block else value
        self.lists.pop(name, None)
        if name in PLACED_KEYS and self.meta[name]:
            self._place(name, (pos, stop, line), value, items[0])
        return True

    def _place(self, name: str, where: tuple[int, int, int], *texts: str) -> None:
        """Place ``name``'s value where the first of ``texts`` stands after the colon of its line, else nowhere.

        A flow list written with quotes is not in the file as joined: it is placed at its first item.
        """
        pos, stop, line = where
        after = self.text.find(":", pos, stop) + 1
        for text in texts:
            if (at := self.text.find(text, after, stop)) >= 0:
                self.placed[name] = Position(at, line, at - pos + 1)
                return
        self.placed.pop(name, None)

    def _continue(self, row: str, where: tuple[int, int, int]) -> bool:
        """A list item or an indented line under the last key; False when there is no key above it."""
        if self.last is None:
            return False
        current = self.meta[self.last]
        if row == "-" or row.startswith("- "):
            item = row[1:].strip().strip("\"'")
            self.meta[self.last] = f"{current}, {item}" if self.items and item and current else item or current
            self.items += 1
            before = len(current) if self.items > 1 else 0  # the first item replaces a value on the key's line
            if self.last in LIST_KEYS and (not item or self._place_item(self.last, item, before, where)):
                return True  # placed (an empty item adds nothing to place)
        elif not self.items:
            _, sep, rest = row.partition(":")
            if sep and not self.block and (not rest or rest[0] in " \t"):
                return True  # a nested mapping's key: not kept
            self.meta[self.last] = f"{current} {row}" if current else row
        self.placed.pop(self.last, None)  # the value spans lines: it is not one place in the file
        self.lists.pop(self.last, None)
        self.spanned = -1  # nor are the items below it
        return True

    def _place_item(self, name: str, item: str, before: int, where: tuple[int, int, int]) -> bool:
        """Add ``item``, found after the dash of its line, to the places of ``name``'s list; False when it cannot be.

        ``before``: the length of the value the items above gave, which the items placed so far must make up.
        """
        pos, stop, line = where
        at = self.text.find(item, self.text.find("-", pos, stop) + 1, stop)
        if at < 0 or self.spanned != before:
            return False  # not in the file as read, or the value above is not the items placed
        self.lists.setdefault(name, []).append((at, at + len(item), line, at - pos + 1))
        self.spanned = before + len(item) + (2 if before else 0)
        self.placed.pop(name, None)  # a value on the key's line, which the items replace
        return True

    def placements(self) -> dict[str, Position | TextMap]:
        """Where the placed values stand, by key.

        A value on its key's line, or a block list of one item, at its :class:`Position`;
        a block list of several items through a :class:`TextMap` (each joining ``, ``
        stands for the line break and dash between two items).
        """
        placed = dict(self.placed)
        for name, spans in self.lists.items():
            if len(spans) == 1:
                at, _, line, column = spans[0]
                placed[name] = Position(at, line, column)
                continue
            pieces = [Piece(self.text[spans[0][0] : spans[0][1]], spans[0][0], spans[0][1], True)]
            for (_, end, _, _), (start, stop, _, _) in itertools.pairwise(spans):
                pieces += (Piece(", ", end, start), Piece(self.text[start:stop], start, stop, True))
            placed[name] = text_map(pieces, LineStarts(self.text[: spans[-1][1]]))
        return placed


#: Hugo's TOML front matter, fenced by ``+++``: not read (said, not silent).
_TOML = "TOML front matter ('+++') is not read (write it as YAML between '---' lines)"


def _front_matter(text: str) -> FrontMatter:
    """Parse ``---``-fenced ``key: value`` lines (:class:`_Block`), closed by ``---`` or ``...``.

    A block with a line that is not one of them, or never closed, is read as body text,
    and :attr:`FrontMatter.ignored` says where and why.
    """
    if not text.startswith(("---", "+++")):
        return FrontMatter({}, 0, 0, {})
    first = text.find("\n")
    if first >= 0 and text[:first].strip() == "+++":
        return FrontMatter({}, 0, 0, {}, (1, f"{_TOML}; {_AS_BODY}"))
    if first < 0 or text[:first].strip() != "---":
        return FrontMatter({}, 0, 0, {})
    pos, line = first + 1, 1
    block = _Block(text)
    while pos < len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl
        line += 1
        if text[pos:stop].strip() in ("---", "..."):
            return FrontMatter(block.meta, (stop + 1 if nl >= 0 else stop), line, block.placements())
        if not block.add(pos, stop, line):
            row = text[pos:stop].strip()
            shown = quoted(row if len(row) <= _SHOWN else row[:_SHOWN] + "...")
            if _FENCE.search(text, stop) is None:
                return FrontMatter(
                    {}, 0, 0, {}, (1, f"{_UNCLOSED} (line {line}, {shown}, is not 'key: value'); {_AS_BODY}")
                )
            return FrontMatter(
                {}, 0, 0, {}, (line, f"front matter line {line} ({shown}) is not 'key: value'; {_AS_BODY}")
            )
        if nl < 0:
            break
        pos = nl + 1
    return FrontMatter({}, 0, 0, {}, (1, f"{_UNCLOSED}; {_AS_BODY}"))


def parse_text(text: str, path: str, fmt: str, encoding: str = "utf-8", detected: bool = False) -> Article | Unreadable:
    """A ``.txt``/``.md`` document: front matter, then title line, then body.

    Lines end at LF, CRLF or a lone CR: a lone CR is read as LF, so a CR-only file has
    its title, front matter and finding lines as the same file with LF endings.

    With a ``title`` in the front matter, the body is everything after the front
    matter, and title findings point at the title's value there. Otherwise the title is
    the first non-empty line that is not a whole-line HTML comment; ``ignore-file``
    suppression comments above it still apply to the whole article.
    """
    text = _LONE_CR.sub("\n", text)  # one character for one: offsets stay the file's, lines count as editors do
    doc = Decoded(text, path, fmt, encoding, detected)
    meta, offset, line_no, placed, ignored = _front_matter(text)
    extra = {k: v for k, v in meta.items() if k not in FRONT_MATTER_KEYS}
    pos = offset
    line = line_no + 1
    byline_at = placed.get("byline" if "byline" in meta else "author")
    if "title" in meta:
        if no_words(text[offset:]):
            return Unreadable(path, "no text after the front matter", format=fmt)
        title_at = placed.get("title")  # never a block list's map: a title is one line
        at = title_at if isinstance(title_at, Position) else None
        return _article(meta, meta["title"], extra, doc, (at, Position(pos, line, 1), byline_at))
    while pos < len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl
        raw = text[pos:stop]
        title = raw.strip()
        if title.startswith("<!--") and title.endswith("-->"):  # a comment above the title
            if selectors := file_selectors(title):
                extra[IGNORE_META] = f"{extra.get(IGNORE_META, '')} {selectors}".strip()
        elif not blank(title):  # a line of control characters alone (debris) is no title
            column = len(raw) - len(raw.lstrip()) + 1
            if fmt == "md" and title.startswith("#"):
                stripped = title.lstrip("#").lstrip()
                column += len(title) - len(stripped)
                title = stripped
            body_start = len(text) if nl < 0 else nl + 1
            if no_words(
                text[body_start:]
            ):  # a headline alone (or with comments) is no article, as an empty JSONL text is not
                return Unreadable(path, f"no body text after the title (line {line})", format=fmt)
            title_at = Position(pos + column - 1, line, column)
            placed_at = (title_at, Position(body_start, line + 1, 1), byline_at)
            return _article(meta, title, extra, doc, placed_at, ignored)
        if nl < 0:
            break
        pos = nl + 1
        line += 1
    return Unreadable(path, _no_title(text, offset), format=fmt)


def _no_title(text: str, offset: int) -> str:
    """Why a file with bytes in it has no title line: what it holds instead (a file of no bytes is 'empty file')."""
    if offset:  # a front matter block, with keys or none
        return "no text after the front matter"
    if "<!--" in text:
        return "no text: only HTML comments and white space"
    return "no text: only white space and control characters"


def _article(
    meta: Mapping[str, str],
    title: str,
    extra: dict[str, str],
    doc: Decoded,
    places: tuple[Position | None, Position, Position | TextMap | None],
    ignored: tuple[int, str] | None = None,
) -> Article:
    """The Article of a text file: its title, and the body from ``body_at`` to the end, placed in the file.

    ``places`` are where the title, the body and the front matter's byline stand in the
    file (a byline's block list of several items: its map); ``ignored``, a front matter
    block read as body text (:attr:`FrontMatter.ignored`).
    """
    title_at, body_at, byline_at = places
    source = SourceRef(
        path=doc.path,
        format=doc.format,
        encoding=doc.encoding,
        encoding_detected=doc.detected,
        title_at=title_at,
        body_at=body_at,
        byline_at=byline_at if isinstance(byline_at, Position) else None,
        byline_map=byline_at if isinstance(byline_at, TextMap) else None,
        front_matter_ignored=ignored,
    )
    return Article(
        id=meta.get("id", doc.path),
        title=title,
        body=doc.text[body_at.offset :],
        byline=meta.get("byline", meta.get("author")),
        url=meta.get("url"),
        published=meta.get("published", meta.get("date")),
        source=source,
        meta=extra,
    )


def read_text(
    handle: IO[bytes], path: str, sources: Mapping[str, Any], fmt: str = "txt"
) -> Iterator[Article | Unreadable]:
    """Read a whole text or Markdown file as one article."""
    decoded = read_whole(handle, path, fmt, sources)
    yield decoded if isinstance(decoded, Unreadable) else parse_text(*decoded)


def read_markdown(handle: IO[bytes], path: str, sources: Mapping[str, Any]) -> Iterator[Article | Unreadable]:
    """Read a whole Markdown file as one article (a ``#`` before the title is dropped)."""
    return read_text(handle, path, sources, "md")


TXT = InputFormat("txt", read_text)
MD = InputFormat("md", read_markdown)
