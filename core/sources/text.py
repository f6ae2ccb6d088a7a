"""Plain text and Markdown files (``.txt``, ``.md``, ``.markdown``): one article per file.

The first non-empty line that is not a whole-line HTML comment is the title (a
Markdown ``#`` is dropped), the rest is the body (a file with no body, or one of only white space and HTML comments, is unreadable). Optional ``---`` front matter gives
``title`` (then the whole text after it is the body), ``byline``/``author``, ``url``,
``date``/``published`` and ``id``; other keys are kept as metadata. ``ignore-file``
suppression comments above the title still apply to the whole article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import IO, Any

from copydesk.models import Article, Position, SourceRef, Unreadable
from copydesk.sources._common import Decoded, InputFormat, no_words, read_whole
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


def _front_matter(text: str) -> tuple[dict[str, str], int, int, dict[str, Position]]:
    """Parse ``---``-fenced ``key: value`` lines.

    Returns them, the body offset, the lines used, and where the values of
    :data:`PLACED_KEYS` stand in the file (by key, for those given and non-empty).
    """
    if not text.startswith("---"):
        return {}, 0, 0, {}
    first = text.find("\n")
    if first < 0 or text[:first].strip() != "---":
        return {}, 0, 0, {}
    pos, line = first + 1, 1
    meta: dict[str, str] = {}
    placed: dict[str, Position] = {}
    while pos < len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl
        row = text[pos:stop].strip()
        line += 1
        if row in ("---", "..."):
            return meta, (stop + 1 if nl >= 0 else stop), line, placed
        key, sep, value = row.partition(":")
        if not sep:
            return {}, 0, 0, {}
        name = key.strip().lower()
        meta[name] = value.strip().strip("\"'")
        if name in PLACED_KEYS and meta[name]:
            at = text.find(meta[name], text.find(":", pos, stop) + 1, stop)
            if at >= 0:
                placed[name] = Position(at, line, at - pos + 1)
            else:
                placed.pop(name, None)
        if nl < 0:
            break
        pos = nl + 1
    return {}, 0, 0, {}


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
    meta, offset, line_no, placed = _front_matter(text)
    extra = {k: v for k, v in meta.items() if k not in FRONT_MATTER_KEYS}
    pos = offset
    line = line_no + 1
    byline_at = placed.get("byline" if "byline" in meta else "author")
    if "title" in meta:
        if no_words(text[offset:]):
            return Unreadable(path, "no text after the front matter", format=fmt)
        return _article(meta, meta["title"], extra, doc, (placed.get("title"), Position(pos, line, 1), byline_at))
    while pos < len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl
        raw = text[pos:stop]
        title = raw.strip()
        if title.startswith("<!--") and title.endswith("-->"):  # a comment above the title
            if selectors := file_selectors(title):
                extra[IGNORE_META] = f"{extra.get(IGNORE_META, '')} {selectors}".strip()
        elif title:
            column = len(raw) - len(raw.lstrip()) + 1
            if fmt == "md" and title.startswith("#"):
                stripped = title.lstrip("#").lstrip()
                column += len(title) - len(stripped)
                title = stripped
            body_start = len(text) if nl < 0 else nl + 1
            if no_words(text[body_start:]):  # a headline alone (or with comments) is no article, as an empty JSONL text is not
                return Unreadable(path, f"no body text after the title (line {line})", format=fmt)
            title_at = Position(pos + column - 1, line, column)
            return _article(meta, title, extra, doc, (title_at, Position(body_start, line + 1, 1), byline_at))
        if nl < 0:
            break
        pos = nl + 1
        line += 1
    return Unreadable(path, "no text after the front matter" if meta else "empty file", format=fmt)


def _article(
    meta: Mapping[str, str],
    title: str,
    extra: dict[str, str],
    doc: Decoded,
    places: tuple[Position | None, Position, Position | None],
) -> Article:
    """The Article of a text file: its title, and the body from ``body_at`` to the end, placed in the file.

    ``places`` are where the title, the body and the front matter's byline stand in the file.
    """
    title_at, body_at, byline_at = places
    source = SourceRef(
        path=doc.path,
        format=doc.format,
        encoding=doc.encoding,
        encoding_detected=doc.detected,
        title_at=title_at,
        body_at=body_at,
        byline_at=byline_at,
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
