"""HTML files (``.html``, ``.htm``): the main text extracted, trafilatura when installed, else a small stdlib parser.

trafilatura (the ``copydesk[html]`` extra) pulls in lxml and friends, so it stays
optional. The fallback keeps the text of block elements one per line and drops
``script``, ``style``, ``nav``, ``header``, ``footer``, ``aside``, ``form`` and
``noscript``; it does not try to tell content from boilerplate beyond that.

Suppression comments (``<!-- copydesk: ignore ... -->``, see ``copydesk.suppress``)
survive the fallback's extraction: each becomes a line of the text where it stood,
and the block after an ``ignore`` comment is followed by a blank line, so the comment
covers exactly that block. trafilatura drops comments; with it, ``ignore-file``
comments are still honoured (:func:`copydesk.suppress.file_selectors`, applied to
the whole article) and block-level ``ignore`` comments are not.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from typing import IO, Any

from copydesk.models import Article, SourceRef, Unreadable
from copydesk.sources._common import InputFormat, read_whole
from copydesk.suppress import IGNORE_META, file_selectors

SKIP = frozenset({"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "svg"})
BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "br",
        "tr",
        "table",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "hr",
    }
)


class _TextParser(HTMLParser):
    """Collect the title and block-separated visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.in_title = False
        self.in_h1 = False
        self.title: list[str] = []
        self.h1: list[str] = []
        self.lines: list[str] = []
        self.current: list[str] = []
        self.end_paragraph = False  # a suppression comment covers the next block only

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(text)
            if self.end_paragraph:
                self.lines.append("")
                self.end_paragraph = False
        self.current = []

    def handle_comment(self, data: str) -> None:
        directive = " ".join(data.split())
        if self.skip_depth or not directive.lower().startswith("copydesk:"):
            return
        self._flush()
        self.lines.append(f"<!-- {directive} -->")
        words = directive.split(":", 1)[1].split()
        self.end_paragraph = bool(words) and words[0].lower() == "ignore"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag in BLOCK:
            self._flush()
            self.in_h1 = tag == "h1" and not self.h1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in BLOCK:
            if tag == "h1":
                self.in_h1 = False
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip_depth:
            self.current.append(data)
            if self.in_h1:
                self.h1.append(data)


def _fallback(html: str) -> tuple[str, str]:
    """Title and body text with the stdlib parser."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    parser._flush()
    title = " ".join("".join(parser.h1 or parser.title).split())
    lines = parser.lines
    if lines and title and lines[0] == title:
        lines = lines[1:]
    return title, "\n".join(lines)


@functools.cache
def _trafilatura_problem() -> str | None:
    """Why trafilatura cannot be used (asked once a process), or None when it can."""
    try:
        import trafilatura  # type: ignore[import-not-found, unused-ignore]  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name == "trafilatura":
            return "trafilatura is not installed (pip install 'copydesk[html]')"
        return f"trafilatura is installed but cannot be imported: {exc}"
    except ImportError as exc:  # e.g. lxml >= 5.2 without lxml_html_clean
        return f"trafilatura is installed but cannot be imported: {exc}"
    return None


def trafilatura_available() -> bool:
    """Whether the optional trafilatura extractor can be used."""
    return _trafilatura_problem() is None


def extractor() -> str:
    """Which HTML extractor this installation uses, and why, for ``copydesk --version``."""
    problem = _trafilatura_problem()
    if problem is None:
        import importlib.metadata

        return f"trafilatura {importlib.metadata.version('trafilatura')}"
    return f"built-in (html.parser); {problem}"


def html_to_text(html: str) -> tuple[str, str]:
    """Extract ``(title, main text)`` from an HTML page."""
    try:
        import trafilatura  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return _fallback(html)
    body = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta is not None and meta.title else "") or _fallback(html)[0]
    return title, body


def read_html(handle: IO[bytes], path: str, sources: Mapping[str, Any]) -> Iterator[Article | Unreadable]:
    """Read a whole HTML file as one article: its main text, and its title."""
    doc = read_whole(handle, path, "html", sources)
    if isinstance(doc, Unreadable):
        yield doc
        return
    title, body = html_to_text(doc.text)
    if not body.strip():
        yield Unreadable(path, "no main text found in the HTML", format="html")
        return
    source = SourceRef(path=path, format="html", encoding=doc.encoding, encoding_detected=doc.detected)
    meta: dict[str, str] = {}
    if trafilatura_available() and (selectors := file_selectors(doc.text)):
        meta[IGNORE_META] = selectors  # trafilatura drops the comments themselves
    yield Article(id=path, title=title, body=body, source=source, meta=meta)


HTML = InputFormat("html", read_html)
