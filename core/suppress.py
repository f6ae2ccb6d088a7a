"""Suppressions: findings an article's author has chosen to accept, and stale ones.

Three forms, each naming rule selectors as ``--select`` does (a code ``HDG001``, a
prefix ``HDG`` or ``HDG0``, a rule name ``vague-attribution``; ``ALL`` or none at all
means every rule):

* ``<!-- copydesk: ignore HDG001 -->`` suppresses those rules in the next paragraph:
  from the end of the comment, past white space, to the next blank line;
* ``<!-- copydesk: ignore-file HDG001 FIG -->`` suppresses them in the whole article
  (title included);
* a JSONL/CSV record's ignore field (``[sources.fields] ignore``, which the sources
  put in ``article.meta["copydesk_ignore"]``) works like ``ignore-file``.

A suppression that matched no finding is reported as ``CD005`` (as ruff reports an
unused ``noqa``), but only when one of its selectors names a rule that this run
checked: a suppression of a rule that is turned off is not stale, just idle. A selector
that names no installed rule at all (a typo, ``HGD002``) is reported as ``CD005`` too
("matches no rule"), as ``--select`` would refuse it, unless a plugin was disabled (its
rules were never loaded, so the selector may name one); one that names only core
diagnostics (``CD005``) is reported as such: no suppression covers them.

Parsing is one left-to-right scan with ``str.find``: linear in the text length
whatever it contains (an unclosed ``<!--`` ends the scan).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from copydesk import diagnostics, rules
from copydesk.models import Article, Finding
from copydesk.text import TextView

IGNORE_META = "copydesk_ignore"
ALL = "all"
_DIRECTIVES = ("ignore", "ignore-file")


@dataclass
class Suppression:
    """One suppression comment (or ignore field) and which of its selectors were used."""

    selectors: tuple[str, ...]
    scope: str  # "paragraph", "file" or "record"
    start: int = 0  # the body span it covers (paragraph scope)
    end: int = 0
    comment: tuple[int, int] = (0, 0)  # where the comment is in the body
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> bool:
        """Whether the finding lies where this suppression applies."""
        if self.scope != "paragraph":
            return True
        return finding.field == "text" and self.start <= finding.start < max(self.end, self.start + 1)

    def selector_for(self, code: str, name: str) -> str | None:
        """The first selector that names this rule, or None."""
        if not self.selectors:
            return ALL
        return next((s for s in self.selectors if rules.specificity(s, code, name) >= 0), None)


def _selectors(words: Iterable[str]) -> tuple[str, ...]:
    """Selector tokens, split on white space and commas; ``ALL`` means every rule."""
    tokens = [t.strip() for w in words for t in w.split(",") if t.strip()]
    return () if any(t.upper() == "ALL" for t in tokens) else tuple(tokens)


def _paragraph(text: str, pos: int, known: tuple[int, int] = (0, -1)) -> tuple[int, int]:
    """The paragraph that starts at the first non-blank character from ``pos``.

    ``known`` is the paragraph found for the previous comment: when this one starts
    inside it, it ends where that one does, and the text is not scanned again (many
    comments in one long paragraph would otherwise make the scan quadratic).
    """
    size = len(text)
    while pos < size and text[pos].isspace():
        pos += 1
    start = pos
    if known[0] <= start <= known[1]:
        return start, known[1]
    while pos < size:
        nl = text.find("\n", pos)
        if nl < 0:
            return start, size
        nxt = nl + 1
        while nxt < size and text[nxt] in " \t\r":
            nxt += 1
        if nxt >= size or text[nxt] == "\n":
            return start, nl
        pos = nxt
    return start, size


def comment_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every closed HTML comment in ``text``, in order, in one linear scan.

    An unclosed ``<!--`` ends the scan: what follows it is text, not a comment.
    """
    pos = 0
    while (open_at := text.find("<!--", pos)) >= 0 and (close_at := text.find("-->", open_at + 4)) >= 0:
        pos = close_at + 3
        yield open_at, pos


def parse_comments(text: str) -> list[Suppression]:
    """Every ``<!-- copydesk: ... -->`` suppression comment in ``text``, in order."""
    found: list[Suppression] = []
    paragraph = (0, -1)
    for open_at, pos in comment_spans(text):
        tag, colon, rest = text[open_at + 4 : pos - 3].strip().partition(":")
        words = rest.split()
        if not colon or tag.strip().lower() != "copydesk" or not words or words[0].lower() not in _DIRECTIVES:
            continue
        selectors = _selectors(words[1:])
        if words[0].lower() == "ignore-file":
            found.append(Suppression(selectors, "file", comment=(open_at, pos)))
        else:
            paragraph = _paragraph(text, pos, paragraph)
            start, end = paragraph
            found.append(Suppression(selectors, "paragraph", start, end, comment=(open_at, pos)))
    return found


def blank_comments(text: str) -> tuple[str, int]:
    """``text`` with each suppression comment turned into spaces (line breaks kept), and how many characters went.

    A comment is an instruction to copydesk, not words of the article: the text scorers
    analyse (:meth:`copydesk.text.Document.from_article`) leaves it out, so it counts
    toward no word count, density or feature. Offsets do not move. The count is what a
    character share (of digits) subtracts so that a comment changes no such share: the
    comment's own characters (line breaks inside it kept out), and for a comment alone on
    its line, the white space around it and the line break (one, CRLF or LF): the line goes.
    """
    parts: list[str] = []
    pos = total = 0
    for item in parse_comments(text):
        start, end = item.comment
        blank = "".join(c if c in "\r\n" else " " for c in text[start:end])
        parts += (text[pos:start], blank)
        total += len(blank) - blank.count("\r") - blank.count("\n")
        line_start = text.rfind("\n", 0, start) + 1
        nl = text.find("\n", end)
        line_end = len(text) if nl < 0 else nl
        if not text[line_start:start].strip() and not text[end:line_end].strip():
            total += (start - line_start) + len(text[end:line_end].rstrip("\r")) + (nl >= 0)
        pos = end
    return ("".join((*parts, text[pos:])), total) if parts else (text, 0)


def file_selectors(text: str) -> str:
    """The selectors of every ``ignore-file`` comment in ``text``, space-separated (``ALL`` for none).

    For comments that do not reach an article's body (above a text file's title, or in
    an HTML page that trafilatura extracts without them): the sources keep them as the
    article's ignore field, which applies to the whole article, as ``ignore-file`` does.
    """
    return " ".join(s for item in parse_comments(text) if item.scope == "file" for s in item.selectors or ("ALL",))


class Suppressions:
    """The suppressions of one article: ask :meth:`allows` per finding, then :meth:`unused`."""

    def __init__(self, items: list[Suppression]) -> None:
        self.items = items

    @classmethod
    def of(cls, article: Article) -> Suppressions:
        """Parse the article's comments and its record ignore field."""
        items = parse_comments(article.body) if "<!--" in article.body else []
        field_value = article.meta.get(IGNORE_META, "") if article.meta else ""
        if field_value.strip():
            items.append(Suppression(_selectors(field_value.split()), "record"))
        return cls(items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def allows(self, finding: Finding) -> bool:
        """False when a suppression covers the finding (which marks it used)."""
        suppressed = False
        for item in self.items:
            if not item.covers(finding):
                continue
            selector = item.selector_for(finding.code, finding.name)
            if selector is not None:
                item.used.add(selector)
                suppressed = True
        return not suppressed

    def unused(
        self, active: Iterable[tuple[str, str]], body: TextView, installed: frozenset[str] | None = None
    ) -> list[Finding]:
        """``CD005`` diagnostics, in body coordinates, for selectors that suppressed nothing.

        Selectors naming a rule this run checked (``active``: code and name pairs) matched no
        finding; selectors naming only core diagnostics cannot suppress anything; selectors
        in no ``installed`` set (:func:`naming`) match no rule. Other selectors (a rule
        installed but turned off, or any when ``installed`` is None) are idle, not reported.
        """
        checked = list(active)
        out: list[Finding] = []
        for item in self.items:
            for selector in dict.fromkeys(item.selectors or (ALL,)):
                if selector in item.used:
                    continue
                problem = _problem(item, selector, checked, installed)
                if problem is None:
                    continue
                start, end = item.comment
                diag = diagnostics.diagnostic(
                    diagnostics.UNUSED_SUPPRESSION, body, start, end, selector=selector, problem=problem
                )
                if item.scope == "record":
                    diag = replace(diag, message=f"{diag.message} (record ignore field)")
                out.append(diag)
        return out


NO_FINDING = "matched no finding"
NO_RULE = "matches no rule"
CORE_ONLY = "names only core diagnostics, which no suppression covers"
_CORE = tuple((rule.code, rule.name) for rule in diagnostics.CORE_RULES)


def naming(installed: Iterable[tuple[str, str]]) -> frozenset[str]:
    """Every selector that names at least one of the ``installed`` rules (code and name pairs).

    Each code, each of its prefixes and each name: a set, so that checking a comment's
    selectors against it takes one look-up each, however many a (hostile) comment holds.
    """
    pairs = list(installed)
    return frozenset({ALL, *(code[:i] for code, _ in pairs for i in range(1, len(code) + 1)), *(n for _, n in pairs)})


def _problem(
    item: Suppression, selector: str, checked: list[tuple[str, str]], installed: frozenset[str] | None
) -> str | None:
    """Why an unused selector is reported (a CD005 message's end), or None when it is idle."""
    if any(item.selector_for(code, name) == selector for code, name in checked):
        return NO_FINDING
    if installed is None or selector in installed:
        return None
    if any(rules.specificity(selector, code, name) >= 0 for code, name in _CORE):
        return CORE_ONLY
    return NO_RULE
