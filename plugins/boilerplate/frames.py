"""Headlines and their stock frames, for the templated-headline rule (TPL004).

A headline is the title, or a short unpunctuated line near the top of the body (a
content farm's in-body heading under a page title). Lines that only label or hold a
place are not headlines: furniture and box labels of the lexicon, summary labels such as
"Story highlights" and the bullet under them, and placeholder or code lines ("[ad_1]").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from copydesk import Document, TextView
from copydesk.plugins.boilerplate.lexicon import MAX_MATCH_CHARS, Lexicon, Token
from copydesk.plugins.boilerplate.words import index_of

#: Words a stock headline frame is built from, beside its content words.
FRAME_WORDS = frozenset(
    """the a an of what how why when who it its it's for to is are this that these you your
    in on with and here's inside behind beyond new everything need know means""".split()
)
#: Frame words that only join a name to the rest ("Kim Doe is ...", "Kim and Lee ..."):
#: an opening whose frame words are all of these is topical, not a frame.
LINKING_WORDS = frozenset({"is", "are", "and"})
#: Labels of a summary box at the top of a story; the label and the line under it are not headlines.
SUMMARY_LABELS = frozenset(
    {("story", "highlights"), ("highlights",), ("key", "points"), ("in", "brief"), ("at", "a", "glance"), ("summary",)}
)
#: A placeholder or code line: a bracketed shortcode, template braces, an identifier with underscores.
PLACEHOLDER = re.compile(r"^\s*[\[{<]|[\]}>]\s*$|\w_\w|\{\{|\}\}")
#: Characters that split a headline into parts ("Topic: What It Means for You").
HEADLINE_SPLITS = frozenset(":|?!–—")
#: Marks that open a quoted name or title ("'Dancing With the Stars': ..."): a part opening
#: on one names its topic, it is not a frame.
OPENING_QUOTES = frozenset("\"'“‘«")
#: Past participles of a count report ("12 killed in ...", "Three dead after ..."), besides
#: the regular "-ed" ones: a number and a participle open a wire headline, not a template.
IRREGULAR_PARTICIPLES = frozenset(
    "dead hurt slain shot held hit struck stuck missing feared taken caught found freed left lost".split()
)
#: Words a headline never ends on: a body line ending on one is cut or wrapped ("Your ads
#: will be inserted here by"), not a sub-heading. Prepositions that end phrasal verbs and
#: questions ("what to watch out for", "game on", "kick in") are not among them.
DANGLING_WORDS = frozenset("a an the of by and or".split())
_HEADLINE_MAX_WORDS = 20
_SUMMARY_MAX_WORDS = max(map(len, SUMMARY_LABELS))
_SUMMARY_FIRSTS = frozenset(label[0] for label in SUMMARY_LABELS)


class Headline(NamedTuple):
    """A headline-like span: the title, or a short unpunctuated line near the top of the body."""

    view: TextView
    start: int
    end: int


def _summary_label(view: TextView, start: int, end: int) -> bool:
    """Whether ``view.text[start:end]`` is a summary label (``_not_headline`` gives ``"summary"``)."""
    index = index_of(view)
    head = index.head(start, end)
    if (head is not None and head not in _SUMMARY_FIRSTS) or index.exceeds(start, end, _SUMMARY_MAX_WORDS):
        return False
    toks = index.tokens(start, end)
    return bool(toks) and len(toks) <= _SUMMARY_MAX_WORDS and tuple(t.norm for t in toks) in SUMMARY_LABELS


def _boxed_summary(text: str, toks: list[Token]) -> bool:
    """Whether the line is a summary box with its first item on the label's line.

    "Story highlights The panel voted ...": a summary label, then a capitalised word.
    """
    norms = tuple(t.norm for t in toks[: _SUMMARY_MAX_WORDS + 1])
    return any(
        norms[:k] in SUMMARY_LABELS and len(toks) > k and text[toks[k].start].isupper()
        for k in range(1, _SUMMARY_MAX_WORDS + 1)
    )


def _not_headline(view: TextView, start: int, end: int, lex: Lexicon) -> str:
    """``"summary"`` for a summary label, ``"label"`` for another label, placeholder or code line, else ``""``.

    The line is ``view.text[start:end]``; its tokens come from the field's word index
    (the same tokens as splitting the line alone, offsets into the field).
    """
    text = view.text
    index = index_of(view)
    head = index.head(start, end)
    if head == "":
        return "label"
    lexical = head is None or head in _SUMMARY_FIRSTS or head in lex.by_first["line"] or head in lex.by_first["label"]
    if not lexical:  # no summary label, furniture line or box label starts with this word
        return "label" if PLACEHOLDER.search(text[start:end]) else ""
    toks = index.tokens(start, end)
    if toks and len(toks) <= _SUMMARY_MAX_WORDS and tuple(t.norm for t in toks) in SUMMARY_LABELS:
        return "summary"
    if _boxed_summary(text, toks):
        return "label"
    if not toks or PLACEHOLDER.search(text[start:end]) or lex.line_category(toks) is not None:
        return "label"
    return "label" if lex.label_category(text, toks, end) is not None else ""


def headlines(document: Document, first_lines: int, lex: Lexicon) -> Iterator[Headline]:
    """The title and the headline-like lines among the body's first ``first_lines`` lines."""
    if document.title.lines and len(document.title.text) <= MAX_MATCH_CHARS:
        yield Headline(document.title, document.title.lines[0].start, document.title.lines[-1].end)
    body = document.body
    kind = ""
    for line in body.lines[:first_lines]:
        under_summary = kind == "summary"
        if under_summary or line.end - line.start > MAX_MATCH_CHARS or body.text[line.end - 1] in ".,;":
            # Not a headline whatever its kind; only whether it is a summary label matters (to the next line).
            kind = "summary" if _summary_label(body, line.start, line.end) else "skipped"
            continue
        kind = _not_headline(body, line.start, line.end, lex)
        if kind:
            continue
        first, last = index_of(body).count(line.start, line.end)
        if 3 <= last - first <= _HEADLINE_MAX_WORDS and not _dangling(body, line.start, line.end):
            yield Headline(body, line.start, line.end)


def _dangling(view: TextView, start: int, end: int) -> bool:
    """Whether the line ``view.text[start:end]`` ends on a word no headline ends on (it was cut)."""
    toks = index_of(view).tokens(start, end)
    return bool(toks) and not view.text[toks[-1].end : end].strip() and toks[-1].norm in DANGLING_WORDS


def frames(headline: Headline, lex: Lexicon) -> list[tuple[str, bool]]:
    """``(frame, from the lexicon)`` pairs of a headline: stock phrases, and part openings."""
    text = headline.view.text
    toks = index_of(headline.view).tokens(headline.start, headline.end)
    norms = [t.norm for t in toks]
    # Each stock frame that occurs as consecutive words, found at its first word's occurrences.
    firsts = lex.frame_firsts
    found = {
        (" ".join(f), True)
        for i, word in enumerate(norms)
        if word in firsts
        for f in firsts[word]
        if tuple(norms[i : i + len(f)]) == f
    }
    part_start = 0
    for i, tok in enumerate(toks):
        if i == part_start and not (tok.start and text[tok.start - 1] in OPENING_QUOTES):
            found.update(_opening(norms[i : i + 4]))
        gap = text[tok.end : toks[i + 1].start] if i + 1 < len(toks) else ""
        if not HEADLINE_SPLITS.isdisjoint(gap):
            part_start = i + 1
    return sorted(found)


def _opening(words: list[str]) -> set[tuple[str, bool]]:
    """The first three words of a headline part, when they mix frame words and content words."""
    head = words[:3]
    if len(words) < 4 or not any(w in FRAME_WORDS for w in head) or all(w in FRAME_WORDS for w in head):
        return set()
    if all(w in LINKING_WORDS for w in head if w in FRAME_WORDS):
        return set()
    if head[0] == "#" and (head[1].endswith("ed") or head[1] in IRREGULAR_PARTICIPLES):
        return set()  # a count report: "12 killed in", "3 feared dead" ("#" is a number's norm)
    return {(" ".join(head), False)}
