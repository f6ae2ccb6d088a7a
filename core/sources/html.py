"""HTML files (``.html``, ``.htm``): the main text extracted, trafilatura when installed, else a small stdlib parser.

trafilatura (the ``copydesk[html]`` extra) pulls in lxml and friends, so it stays
optional; ``[sources] html_extractor`` pins one extractor. The built-in one keeps the
text of block elements one per line (a table's rows too, a space between cells) and
drops ``script``, ``style``, ``nav``, ``header``, ``footer``, ``aside``, ``form`` and
``noscript``; it does not try to tell content from boilerplate beyond that.

Findings are placed in the HTML file itself: every character of the title and body
remembers the span of the file it came from (:mod:`copydesk.sources._placed`), so
SARIF regions and GitHub annotations point at the words in the page's source.
trafilatura gives no positions, so its lines are found again, in order, in the
page's visible text (:func:`align`).

Suppression comments (``<!-- copydesk: ignore ... -->``, see ``copydesk.suppress``)
survive extraction: each becomes a line of the text where it stood, and the block
after an ``ignore`` comment is followed by a blank line, so the comment covers
exactly that block. trafilatura drops comments, so they are put back before the first
of its lines that follows them in the file. Comments inside scripts and other
invisible elements are not directives.

Both extractors read the page's metadata the same way (:class:`PageMeta`): its URL
(``<link rel="canonical">``, a relative one resolved against ``<meta property="og:url">``,
else ``og:url``; absolute ``http(s)`` only) becomes the article's ``url``, so the page
rolls up under its host, as a record with a ``url`` does; ``og:site_name`` is kept as
metadata ``site_name``; the byline is ``<meta name="author">`` (with trafilatura, else
the author it finds in JSON-LD or a byline element). The byline is placed where its
text first stands in the page's visible text outside navigation, asides and footers
(:data:`NOT_BYLINE`), so a finding about it (``TPL002``) points there; else at the
``content`` of the ``<meta>`` tag it came from; else (an author only trafilatura found)
it is a field of its own, as a record's ``byline`` is.
"""

from __future__ import annotations

import codecs
import functools
import html as _html
import re
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from typing import IO, Any, NamedTuple
from urllib.parse import urljoin, urlsplit

from copydesk.models import Article, SourceRef, Unreadable
from copydesk.sources._common import InputFormat, read_whole
from copydesk.sources._placed import LineStarts, Piece, Placed, collapse, decoded, joined, text_map, words

#: Elements never read as text (code, styles, markup for machines).
INVISIBLE = frozenset({"script", "style", "noscript", "template", "svg"})
#: Elements the built-in extractor drops: the invisible ones and page furniture.
SKIP = INVISIBLE | {"nav", "header", "footer", "aside", "form"}
#: Page furniture: a page with no text outside it has no main text, whatever trafilatura returns
#: (its fallback is then the menu). Not ``form``: some sites wrap the whole page in one.
FURNITURE = frozenset({"nav", "header", "footer", "aside"})
#: The choices of ``[sources] html_extractor``.
EXTRACTORS = ("auto", "builtin", "trafilatura")
#: How far past the previous line (characters) a trafilatura line is looked for.
WINDOW = 65_536
#: How far past the previous word a word of an unmatched line is looked for.
WORD_WINDOW = 256
#: The ``<meta>`` tags read as page metadata, by their ``property`` or ``name``, and the key each is kept under.
META_TAGS = {"og:url": "og:url", "og:site_name": "site_name", "author": "author"}
#: Where a page's byline text is not looked for: page furniture other than headers, whose text is not the byline
#: (a footer naming the same desk, a list of most-read stories).
NOT_BYLINE = INVISIBLE | {"nav", "aside", "footer"}
#: Where a ``<meta>`` tag's value starts in the tag's own text (linear: a literal, then bounded white space runs).
CONTENT_ATTR = re.compile(r"\bcontent\s*=\s*[\"']?", re.IGNORECASE)
#: A metadata value longer than this (characters, white space collapsed) is cut.
MAX_META = 1000
#: Table cells: each starts a new word (a space before it), rows a new line (``tr`` is a block).
CELLS = frozenset({"td", "th"})
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


def _meta_text(value: str | None) -> str | None:
    """A metadata value with its white space collapsed, cut at :data:`MAX_META` characters; None when empty."""
    return " ".join((value or "")[: MAX_META * 4].split())[:MAX_META] or None


class _TextParser(HTMLParser):
    """Collect the title and the block-separated visible text of a page, as placed pieces.

    ``skip`` names the elements whose text is dropped. Each finished line is a list of
    :class:`Piece` objects that remember where their text stood in the file.
    """

    def __init__(self, source: str, lines: LineStarts, skip: frozenset[str] = SKIP) -> None:
        super().__init__(convert_charrefs=True)
        self.source, self.line_starts, self.skip = source, lines, skip
        self.skip_depth = 0
        self.furniture_depth = 0  # inside FURNITURE the skip set keeps (it drops it by default)
        self.main_text = False  # text seen outside FURNITURE, the title and skipped elements
        self.in_title = False
        self.in_h1 = False
        self.title: list[Piece] = []
        self.h1: list[Piece] = []
        self.lines: list[list[Piece]] = []
        self.current: list[Piece] = []
        self.comments: list[Piece] = []  # copydesk directives outside skipped elements
        self.end_paragraph = False  # a suppression comment covers the next block only
        self.meta: dict[str, str] = {}  # canonical, og:url, site_name, author: the first of each
        self.author_tag: tuple[int, str] | None = None  # where the author's <meta> tag starts, and its text

    def _here(self) -> int:
        return self.line_starts.offset(*self.getpos())

    def _flush(self) -> None:
        line = collapse(self.current)
        if line:
            self.lines.append(line)
            if self.end_paragraph:
                self.lines.append([])
                self.end_paragraph = False
        self.current = []

    def handle_comment(self, data: str) -> None:
        directive = " ".join(data.split())
        if self.skip_depth or not directive.lower().startswith("copydesk:"):
            return
        self._flush()
        at = self._here()
        comment = Piece(f"<!-- {directive} -->", at, at + len(data) + 7)
        self.lines.append([comment])
        self.comments.append(comment)
        words = directive.split(":", 1)[1].split()
        self.end_paragraph = bool(words) and words[0].lower() == "ignore"

    def _metadata(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep a ``<link rel="canonical">`` or a :data:`META_TAGS` ``<meta>`` (the first of each)."""
        values = dict(attrs)
        if tag == "link":
            key = "canonical" if "canonical" in (values.get("rel") or "").lower().split() else None
            value = values.get("href")
        else:
            key = META_TAGS.get((values.get("property") or values.get("name") or "").strip().lower())
            value = values.get("content")
        if key and (text := _meta_text(value)) and key not in self.meta:
            self.meta[key] = text
            if key == "author":
                self.author_tag = (self._here(), self.get_starttag_text() or "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "link"):
            self._metadata(tag, attrs)
        elif tag in self.skip:
            self.skip_depth += 1
        elif tag in FURNITURE:
            self.furniture_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag in BLOCK:
            self._flush()
            self.in_h1 = tag == "h1" and not self.h1
        elif tag in CELLS and not self.skip_depth:
            at = self._here()
            self.current.append(Piece(" ", at, at))  # collapsed away at the start of a row

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skip:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in FURNITURE:
            self.furniture_depth = max(0, self.furniture_depth - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in BLOCK:
            if tag == "h1":
                self.in_h1 = False
            self._flush()

    def handle_data(self, data: str) -> None:
        if not (self.in_title or not self.skip_depth):
            return
        pieces = list(words(decoded(self.source, self._here(), data), self.source))
        if self.in_title:
            self.title.extend(pieces)
        else:
            self.current.extend(pieces)
            self.main_text = self.main_text or (bool(pieces) and not self.furniture_depth)
            if self.in_h1:
                self.h1.extend(pieces)


class PageMeta(NamedTuple):
    """A page's metadata: its byline (and the pieces placing it in the file, if known), URL and site name."""

    byline: str | None = None
    byline_at: tuple[Piece, ...] = ()
    url: str | None = None
    site_name: str | None = None


class Extracted(NamedTuple):
    """A page's title and body, each as pieces placed in the file, and its metadata."""

    title: list[Piece]
    body: list[Piece]
    meta: PageMeta = PageMeta()


def _web_url(value: str | None) -> str | None:
    """``value`` when it is an absolute http(s) URL with a host (a relative one names no site)."""
    try:
        parts = urlsplit(value or "")
        host = parts.hostname
    except ValueError:
        return None
    return value if parts.scheme.lower() in ("http", "https") and host else None


def _page_url(found: Mapping[str, str]) -> str | None:
    """The page's URL: its canonical link, resolved against ``og:url`` when relative, else ``og:url``."""
    og_url = _web_url(found.get("og:url"))
    canonical = found.get("canonical")
    if canonical and og_url and not _web_url(canonical):
        try:
            canonical = urljoin(og_url, canonical)
        except ValueError:
            canonical = None
    return _web_url(canonical) or og_url


def _in_text(byline: str, texts: Iterator[list[Piece]]) -> tuple[Piece, ...]:
    """The pieces of ``byline``'s first occurrence in the first of ``texts`` (lazily parsed) that holds it."""
    for pieces in texts:
        text = Placed(pieces)
        if (at := text.text.find(byline)) >= 0:
            return tuple(text.slice(at, at + len(byline)))
    return ()


def _in_tag(byline: str, tag: tuple[int, str]) -> tuple[Piece, ...]:
    """``byline`` placed at the ``content`` value of its ``<meta>`` tag, else on the whole tag."""
    at, raw = tag
    for match in CONTENT_ATTR.finditer(raw):
        if raw.startswith(byline, match.end()):
            return (Piece(byline, at + match.end(), at + match.end() + len(byline), True),)
    return (Piece(byline, at, at + len(raw)),)


def _page_meta(parser: _TextParser, author: str | None, texts: Iterator[list[Piece]]) -> PageMeta:
    """The page's metadata from its tags (read by ``parser``); ``author`` when the page names none.

    The byline is placed at its first occurrence in ``texts`` (the page's visible text,
    parsed only when needed), else at its ``<meta>`` tag, else left without a place.
    """
    found = parser.meta
    byline = found.get("author") or author
    placed: tuple[Piece, ...] = ()
    if byline:
        placed = _in_text(byline, texts)
        if not placed and parser.author_tag and byline == found.get("author"):
            placed = _in_tag(byline, parser.author_tag)
    return PageMeta(byline, placed, _page_url(found), found.get("site_name"))


def _byline_texts(html: str, lines: LineStarts, *first: list[Piece]) -> Iterator[list[Piece]]:
    """``first``, then the page's text outside :data:`NOT_BYLINE` elements, parsed when asked for."""
    yield from first
    yield joined(_parse(html, lines, NOT_BYLINE).lines)


def _parse(html: str, lines: LineStarts, skip: frozenset[str] = SKIP) -> _TextParser:
    parser = _TextParser(html, lines, skip)
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser


def _without_title(title: list[Piece], lines: list[list[Piece]]) -> list[list[Piece]]:
    """The body's lines without a first line that repeats the title."""
    text = "".join(p.text for p in title)
    if lines and text and "".join(p.text for p in lines[0]) == text:
        return lines[1:]
    return lines


def _fallback(html: str, lines: LineStarts) -> Extracted:
    """Title and body with the stdlib parser."""
    parser = _parse(html, lines)
    title = collapse(parser.h1 or parser.title)
    body = joined(_without_title(title, parser.lines))
    if not parser.meta:
        return Extracted(title, body)
    return Extracted(title, body, _page_meta(parser, None, _byline_texts(html, lines, joined(parser.lines))))


#: A numeric character reference (``&#1;``, ``&#x1B;``), its digits bounded so the search stays linear.
_CHARREF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _unheld(match: re.Match[str]) -> str:
    """A reference ``html.unescape`` reads as no character at all (``&#1;``) as nothing, any other as written."""
    reference = match.group(0)
    return "" if _html.unescape(reference) == "" else reference


def _for_lxml(html: str) -> str:
    """``html`` without the character references to characters XML cannot hold, which it reads as no character.

    lxml refuses a page with a reference to a C0 control character such as ``&#1;`` or
    ``&#27;`` (text pasted from a word processor into a CMS), and trafilatura then finds
    no text at all. Python's ``html.unescape``, and so the built-in parser, read such a
    reference as nothing (the HTML standard keeps the character, with a parse error), so
    dropping it changes no word of what either extractor sees; positions are
    unchanged, as trafilatura's lines are placed in the page as written (:func:`align`).
    """
    return _CHARREF.sub(_unheld, html) if "&#" in html else html


def _trafilatura(html: str, lines: LineStarts) -> Extracted:
    """Title and body by trafilatura, placed by aligning them with the page's visible text.

    trafilatura gives no positions, so each of its lines is looked for, in order, in
    the text the built-in parser sees when it drops only scripts, styles and the like
    (:func:`align`); it is given the page without references to characters XML cannot hold
    (:func:`_for_lxml`). It drops comments, so the page's copydesk comments are put back
    before the first line that follows them in the file, as the built-in extractor
    keeps them (a block ``ignore`` then covers the same block with either extractor).
    A page with no text outside :data:`FURNITURE` has no body: trafilatura's is its menu.
    """
    import trafilatura  # type: ignore[import-not-found, unused-ignore]

    held = _for_lxml(html)
    text = trafilatura.extract(held, include_comments=False, include_tables=False, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(held)
    visible = _parse(html, lines, INVISIBLE)
    page_title = collapse(visible.title)
    placed = Placed(joined([*([page_title] if page_title else []), *visible.lines]))
    page = _page_meta(visible, _meta_text(getattr(meta, "author", None)), _byline_texts(html, lines))
    heading = collapse(visible.h1 or visible.title)
    wanted = " ".join(((meta.title if meta is not None else "") or "").split())
    if not wanted or wanted == "".join(p.text for p in heading):
        title = heading
    else:
        title = align([wanted], placed)[0]
    if not visible.main_text:  # only menus, headers and footers: what trafilatura returned is page furniture
        return Extracted(title, [], page)
    body = align([" ".join(line.split()) for line in text.splitlines()], placed)
    return Extracted(title, joined(_with_comments(_without_title(title, body), visible.comments)), page)


def _with_comments(body: list[list[Piece]], comments: list[Piece]) -> list[list[Piece]]:
    """``body`` with each comment line before the first line that starts after it in the file."""
    out: list[list[Piece]] = []
    pending = list(reversed(comments))
    for line in body:
        if not line:
            continue
        closes = False
        while pending and pending[-1].start < line[0].start:
            comment = pending.pop()
            out.append([comment])
            closes = comment.text.split(":", 1)[1].split()[:1] == ["ignore"]
        out.append(line)
        if closes:
            out.append([])
    out.extend([c] for c in reversed(pending))
    return out


def align(lines: list[str], placed: Placed) -> list[list[Piece]]:
    """Pieces for each of ``lines`` (another extractor's text), found in order in ``placed``.

    A line is looked for within :data:`WINDOW` characters of where the previous one
    ended, so the search stays linear; a line not found is placed word by word, and a
    word not found stands where the previous word ended.
    """
    out: list[list[Piece]] = []
    cursor, end = 0, 0
    for line in lines:
        if not line:
            continue
        found = placed.text.find(line, cursor, cursor + len(line) + WINDOW)
        if found >= 0:
            out.append(placed.slice(found, found + len(line)))
            cursor = found + len(line)
        else:
            pieces, cursor = _align_words(line, placed, cursor, end)
            out.append(pieces)
        end = out[-1][-1].end if out[-1] else end
    return out


def _align_words(line: str, placed: Placed, cursor: int, end: int) -> tuple[list[Piece], int]:
    pieces: list[Piece] = []
    for number, word in enumerate(line.split(" ")):
        if number:
            pieces.append(Piece(" ", end, end))
        found = placed.text.find(word, cursor, cursor + len(word) + WORD_WINDOW)
        if found >= 0:
            pieces.extend(placed.slice(found, found + len(word)))
            cursor = found + len(word)
            end = pieces[-1].end
        else:
            pieces.append(Piece(word, end, end))
    return pieces, cursor


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


def extractor(choice: str = "auto") -> str:
    """Which HTML extractor ``sources.html_extractor = choice`` uses here, and why, for ``copydesk --version``."""
    problem = _trafilatura_problem()
    if choice == "builtin":
        return "built-in (html.parser); chosen by sources.html_extractor"
    if problem is None:
        import importlib.metadata

        return f"trafilatura {importlib.metadata.version('trafilatura')}"
    return f"built-in (html.parser); {problem}"


def uses_trafilatura(sources: Mapping[str, Any]) -> bool:
    """Whether ``[sources] html_extractor`` picks trafilatura here ("auto": when it can be imported)."""
    choice = sources.get("html_extractor", "auto")
    return choice == "trafilatura" or (choice == "auto" and trafilatura_available())


def html_to_text(html: str, trafilatura: bool | None = None) -> tuple[str, str]:
    """Extract ``(title, main text)`` from an HTML page (trafilatura by default when it can be imported)."""
    lines = LineStarts(html)
    use = trafilatura_available() if trafilatura is None else trafilatura
    title, body, _ = (_trafilatura if use else _fallback)(html, lines)
    return "".join(p.text for p in title), "".join(p.text for p in body)


#: A charset declared in a page's first bytes: ``<meta charset=...>`` or ``http-equiv`` Content-Type's ``charset=``.
#: Each run is bounded, so the search stays linear on any page.
_CHARSET = re.compile(rb"<meta\b[^<>]{0,512}?charset\s{0,8}=\s{0,8}[\"']?\s{0,8}([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
#: How many bytes of a page are searched for its charset (the HTML standard's prescan looks at 1024).
CHARSET_PRESCAN = 1024
#: Labels the HTML standard reads as another encoding: Latin-1 and ASCII as Windows-1252, Shift_JIS as Microsoft's.
_CHARSET_ALIASES = {
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "shift_jis": "cp932",
    "gb2312": "gbk",
}
#: The text encodings the HTML standard lets a page declare, by Python codec name. Python knows
#: more codecs than browsers do; some are no text encoding at all ("hex", "rot13", "zlib"), and
#: some would turn a page's own words into other characters ("unicode_escape" makes a literal
#: ``\x1b`` an escape character, "utf-7" decodes ``+AD4-``): none of those is taken.
HTML_ENCODINGS = frozenset(
    (
        "utf-8 cp866 iso8859-2 iso8859-3 iso8859-4 iso8859-5 iso8859-6 iso8859-7 iso8859-8 iso8859-10 "
        "iso8859-13 iso8859-14 iso8859-15 iso8859-16 koi8-r koi8-u mac-roman mac-cyrillic cp874 cp1250 "
        "cp1251 cp1252 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 gbk gb2312 gb18030 big5 euc_jp iso2022_jp "
        "shift_jis euc_kr iso8859-1 ascii"
    ).split()
)


def declared_charset(data: bytes) -> str | None:
    """The Python codec of the charset a page declares in its first 1024 bytes; None when none, unknown or UTF-16/32.

    A UTF-16 or UTF-32 declaration in bytes read as ASCII cannot be true (the HTML standard
    reads it as UTF-8), so it is not taken; nor is a label Python has no codec for, or one
    that is not among the standard's encodings (:data:`HTML_ENCODINGS`): the page is then
    decoded as if it declared nothing.
    """
    found = _CHARSET.search(data[:CHARSET_PRESCAN])
    if found is None:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None
    if name not in HTML_ENCODINGS:
        return None
    return _CHARSET_ALIASES.get(name, name)


def _no_text(html: str, lines: LineStarts, trafilatura: bool) -> str:
    """Why a page gave no body; when trafilatura found none in a page the built-in extractor reads, that and the remedy.

    lxml, which trafilatura parses with, stops at 256 nested elements ("Excessive depth in
    document"), so a page nested deeper has no text for trafilatura though it has for the
    built-in extractor: the message names the limit when lxml reports it.
    """
    words = len("".join(p.text for p in _fallback(html, lines).body).split()) if trafilatura else 0
    if not words:
        return "no main text found in the HTML"
    cause = _lxml_limit(html)
    return (
        f"no main text found in the HTML by trafilatura, though the built-in extractor finds {words} word(s) in it"
        + (f" (lxml: {cause})" if cause else "")
        + '; set [sources] html_extractor = "builtin" to read it'
    )


def _lxml_limit(html: str) -> str | None:
    """The resource limit lxml hit parsing ``html`` (``Excessive depth in document: 256, ...``), if it hit one."""
    from lxml import etree  # type: ignore[import-untyped, import-not-found, unused-ignore]
    from lxml import html as lxml_html  # type: ignore[import-untyped, import-not-found, unused-ignore]

    parser = lxml_html.HTMLParser()
    try:
        lxml_html.document_fromstring(_for_lxml(html), parser=parser)
    except (etree.LxmlError, ValueError):  # lxml refusing the page outright is no limit to name
        return None
    found = [e.message for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"]
    return found[0].split(",")[0].strip() if found else None


def read_html(handle: IO[bytes], path: str, sources: Mapping[str, Any]) -> Iterator[Article | Unreadable]:
    """Read a whole HTML file as one article: its main text and its title, each mapped into the file."""
    doc = read_whole(handle, path, "html", sources, declared_charset)
    if isinstance(doc, Unreadable):
        yield doc
        return
    lines = LineStarts(doc.text)
    title, body, meta = (_trafilatura if uses_trafilatura(sources) else _fallback)(doc.text, lines)
    body_text = "".join(p.text for p in body)
    if not body_text.strip():
        yield Unreadable(path, _no_text(doc.text, lines, uses_trafilatura(sources)), format="html")
        return
    source = SourceRef(
        path=path,
        format="html",
        encoding=doc.encoding,
        encoding_detected=doc.detected,
        title_map=text_map(title, lines) if title else None,
        body_map=text_map(body, lines),
        byline_map=text_map(meta.byline_at, lines) if meta.byline_at else None,
    )
    yield Article(
        id=path,
        title="".join(p.text for p in title),
        body=body_text,
        byline=meta.byline,
        url=meta.url,
        source=source,
        meta={"site_name": meta.site_name} if meta.site_name else {},
    )


HTML = InputFormat("html", read_html)
