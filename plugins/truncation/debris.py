"""Scrape debris for the truncation scorer: extraction failures and navigation left in.

Two kinds: lines of the debris list anywhere in the title or body ("Failed to load
visualization", "Loading...", "[embedded content]", a bare "Image" placeholder), and
tag or breadcrumb lines above the headline ("russian ukraine", "Home > World >
Europe"), looked for in the title and the first lines of the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from copydesk import Document, TextView
from copydesk.plugins.truncation.lexicon import MAX_LINE_CHARS, Lexicons
from copydesk.plugins.truncation.lines import TERMINAL, line_words, word_count

BREADCRUMB_SEPARATORS = (" > ", " » ", " › ", " → ", " :: ")
#: Body lines above the first paragraph in which tag and breadcrumb lines are looked for.
TOP_LINES = 3
MAX_TAG_WORDS = 5
#: Debris lines reported per article at most (a page of "Loading..." is one problem).
MAX_REPORTED = 20


@dataclass(frozen=True)
class Debris:
    """One debris line: the field it is in, its span, and what it is."""

    view: TextView
    start: int
    end: int
    kind: str
    detail: str


def is_tag_line(text: str) -> bool:
    """A short all-lower-case line with no sentence punctuation: a tag or section label."""
    stripped = text.strip()
    words = word_count(stripped)
    if not 1 <= words <= MAX_TAG_WORDS or stripped[-1:] in TERMINAL + ":":
        return False
    letters = [c for c in stripped if c.isalpha()]
    return len(letters) >= 3 and not any(c.isupper() for c in letters)


def is_breadcrumb(text: str) -> bool:
    """``Home > World > Europe``: short parts joined by navigation separators."""
    if len(text) > 200:
        return False
    for separator in BREADCRUMB_SEPARATORS:
        parts = [p.strip() for p in text.split(separator)]
        if len(parts) < 2 or any(word_count(p) > 4 or not p for p in parts):
            continue
        if len(parts) >= 3 or parts[0].lower() == "home":
            return True
    return False


def _navigation(text: str) -> str | None:
    """``"tag line"`` or ``"breadcrumb"`` when a top line is navigation, else None.

    A whole-line HTML comment (a ``copydesk: ignore`` suppression, an editor's note)
    is markup the author put there, not navigation a scraper left behind.
    """
    stripped = text.strip()
    if stripped.startswith("<!--") and stripped.endswith("-->"):
        return None
    if is_breadcrumb(text):
        return "breadcrumb"
    if is_tag_line(text):
        return "tag line"
    return None


def _top_lines(document: Document) -> list[int]:
    """Indexes of the body lines above the first paragraph (at most ``TOP_LINES``)."""
    found: list[int] = []
    for index, line in enumerate(document.body.lines[: TOP_LINES + 1]):
        words = line_words(document.body, line)
        if (word_count(document.body.text[line.start : line.end], 8) if words is None else words) >= 8:
            break
        found.append(index)
    return found[:TOP_LINES]


def navigation_debris(document: Document) -> list[Debris]:
    """Tag and breadcrumb lines in the title and above the first paragraph."""
    found: list[Debris] = []
    body = document.body
    title = document.title
    kind = _navigation(title.text) if title.text.strip() and body.lines else None
    if kind is not None:
        start, end = title.lines[0] if title.lines else (0, len(title.text))
        found.append(Debris(title, start, end, kind, f"{kind} '{title.text.strip()}' stands in the headline's place"))
    top = _top_lines(document)
    for index in top:
        line = body.lines[index]
        text = body.text[line.start : line.end]
        kind = _navigation(text)
        if kind is not None and index + 1 < len(body.lines):
            found.append(Debris(body, line.start, line.end, kind, f"{kind} '{text}' above the headline"))
    return found


def listed_debris(document: Document, lex: Lexicons) -> list[Debris]:
    """Lines of the title and body that the debris list names (the first ``MAX_REPORTED``)."""
    found: list[Debris] = []
    for view in (document.title, document.body):
        for line in view.lines:
            if line.end - line.start > MAX_LINE_CHARS:  # never matches (LineList.match_line)
                continue
            text = view.text[line.start : line.end]
            entry = lex.debris.match_line(text)
            if entry is not None:
                found.append(Debris(view, line.start, line.end, "extraction failure", f"'{text}' (debris '{entry}')"))
                if len(found) >= MAX_REPORTED:
                    return found
    return found


def scrape_debris(document: Document, lex: Lexicons) -> list[Debris]:
    """Every debris line, navigation first then listed lines, without duplicates."""
    seen: set[tuple[str, int]] = set()
    found: list[Debris] = []
    for item in navigation_debris(document) + listed_debris(document, lex):
        key = (item.view.field, item.start)
        if key not in seen:
            seen.add(key)
            found.append(item)
    return found
