"""Unfinished structure for the truncation scorer: promises the text does not keep.

A list that stops mid-item after an introduction ("Potential Scenarios:") or in the
middle of a numbering, a counted promise ("three key areas") followed by fewer items
before the text ends, a question section whose last question has no answer, and a
text that ends on a lead-in colon. Each check looks only at the ending and the few
lines before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from copydesk import WORD, Document
from copydesk.plugins.truncation.ending import Ending, Verdict, line_text
from copydesk.plugins.truncation.lexicon import normalise
from copydesk.plugins.truncation.lines import is_item, is_title_case, list_marker, word_count

NUMBER_WORDS = {
    w: n for n, w in enumerate("two three four five six seven eight nine ten eleven twelve".split(), start=2)
}
#: Plural nouns after a number that count time or quantities, not items to come.
UNITS = frozenset(
    """years months weeks days hours minutes seconds decades centuries times percent
    dollars pounds euros miles metres meters kilometres kilometers points votes people""".split()
)
VAGUE_PROMISES = ("several", "following", "these", "various", "some key", "potential", "possible")
FAQ_HEADINGS = frozenset({"faq", "faqs", "frequently asked questions", "q a", "questions and answers"})
MAX_ITEMS = 60


@dataclass(frozen=True)
class Unfinished:
    """One unkept promise: where it ends, which kind, and the specifics."""

    start: int
    end: int
    kind: str
    detail: str


def item_run(document: Document, index: int) -> tuple[int, int]:
    """``(first, count)``: the run of list items that ends at line ``index``."""
    first = index
    while first > 0 and index - first < MAX_ITEMS and is_item(line_text(document, first - 1)):
        first -= 1
    return first, index - first + 1


def _plural(word: str) -> bool:
    """A lower-case plural noun that counts items ("areas", "reasons"), not a unit."""
    return (
        word.isalpha()
        and word.islower()
        and len(word) > 3
        and word.endswith("s")
        and not word.endswith("ss")
        and word not in UNITS
    )


def promised_count(text: str) -> tuple[str, int] | None:
    """A counted promise in ``text`` ("three key areas" -> 3), with its wording."""
    words = [(m.group(), m.start(), m.end()) for m in WORD.finditer(text[:2000])]
    for i, (word, start, _) in enumerate(words):
        lower = word.lower()
        number = NUMBER_WORDS.get(lower) or (int(lower) if lower.isdigit() and len(lower) <= 2 else 0)
        if not 2 <= number <= 12:
            continue
        previous_end = words[i][2]
        for noun, noun_start, noun_end in words[i + 1 : i + 4]:
            if text[previous_end:noun_start].strip(" -"):
                break
            if _plural(noun):
                return text[start:noun_end], number
            if not noun.isalpha() or not noun.islower():
                break
            previous_end = noun_end
    return None


def _introduction(document: Document, first: int) -> tuple[int, str] | None:
    """The line that introduces a list starting at line ``first``, if it does so."""
    for index in range(first - 1, max(-1, first - 3), -1):
        text = line_text(document, index)
        lowered = text.lower()
        if text.rstrip().endswith(":") or promised_count(text) or any(p in lowered for p in VAGUE_PROMISES):
            return index, text
        if not is_title_case(text) or word_count(text) > 8:
            return None
    return None


def stopped_list(document: Document, ending: Ending, verdict: Verdict) -> Unfinished | None:
    """A list that the cut ending stops mid-item, after an introduction or a numbering."""
    text = line_text(document, ending.line)
    if not verdict.signal or not is_item(text):
        return None
    first, count = item_run(document, ending.line)
    intro = _introduction(document, first)
    if intro is not None:
        detail = f"the list introduced by '{_clip(intro[1])}' stops mid-item after {count} item(s)"
    elif list_marker(text) == "number":
        detail = f"the numbered list stops mid-item at item {count}"
    else:
        return None
    return Unfinished(ending.start, ending.end, "stopped-list", detail)


def short_count(document: Document, ending: Ending) -> Unfinished | None:
    """A counted promise ("three key areas") with fewer items before the text ends.

    The promise is in the last sentence of the line just before the items (or of the
    line before a short heading there), and that sentence ends on a colon or makes the
    promise within its first words; unmarked ``Label: text`` items need two.
    """
    text = line_text(document, ending.line)
    if not is_item(text):
        return None
    first, count = item_run(document, ending.line)
    if count < 2 and list_marker(text) is None:
        return None
    for index in range(first - 1, max(-1, first - 3), -1):
        intro = line_text(document, index)
        body = document.body
        last = body.sentences[body.sentence_index(body.lines[index].end - 1) or 0]
        sentence = body.text[last.start : last.end]
        promise = promised_count(sentence)
        if promise is not None and (
            sentence.rstrip().endswith(":") or word_count(sentence[: sentence.find(promise[0])]) < 6
        ):
            if count >= promise[1]:
                return None
            detail = f"'{promise[0]}' promises {promise[1]} items; the text ends after {count}"
            return Unfinished(ending.start, ending.end, "short-count", detail)
        if not is_title_case(intro) or word_count(intro) > 8:
            return None
    return None


def unanswered_question(document: Document, ending: Ending, verdict: Verdict) -> Unfinished | None:
    """A question section whose last question is the end of the text."""
    if verdict.tail.char != "?":
        return None
    text = line_text(document, ending.line)
    marked = normalise(text[:12]).split()[:1] in (["q"], ["question"])
    in_faq = any(
        normalise(line_text(document, i)) in FAQ_HEADINGS for i in range(max(0, ending.line - MAX_ITEMS), ending.line)
    )
    body = document.body
    alone = body.sentence_index(ending.start) == body.sentence_index(ending.end - 1)
    untrimmed = ending.end == body.lines[ending.line].end
    if marked or (in_faq and alone and (untrimmed or list_marker(text))):
        return Unfinished(ending.start, ending.end, "unanswered-question", "the last question has no answer")
    return None


def dangling_heading(document: Document, ending: Ending) -> Unfinished | None:
    """A question-section heading ("FAQ") after the last real line, with nothing under it."""
    for index in ending.skipped:
        if normalise(line_text(document, index)) in FAQ_HEADINGS:
            line = document.body.lines[index]
            detail = f"the section '{_clip(line_text(document, index))}' has no content"
            return Unfinished(line.start, line.end, "empty-section", detail)
    return None


def lead_in(ending: Ending, verdict: Verdict, document: Document) -> Unfinished | None:
    """The text ends on a colon that introduces something that never comes."""
    if not verdict.lead_in or _answered(document, ending):
        return None
    text = document.body.text[ending.start : ending.end]
    return Unfinished(ending.start, ending.end, "lead-in", f"the text ends on the lead-in '{_clip(text)}'")


def _answered(document: Document, ending: Ending) -> bool:
    """A line of three or more words passed over right after the lead-in answers it ("See more: <title>").

    The answer may be a linked title that the boilerplate scorer segments (it recurs in
    the batch); a one- or two-word line ("Share") does not answer.
    """
    after = ending.line + 1
    if after not in ending.skipped:
        return False
    return len(line_text(document, after).split()) >= 3


def unfinished(document: Document, ending: Ending, verdict: Verdict) -> list[Unfinished]:
    """Every unkept promise at the ending, in a fixed order."""
    found = [
        stopped_list(document, ending, verdict),
        short_count(document, ending),
        unanswered_question(document, ending, verdict),
        dangling_heading(document, ending),
        lead_in(ending, verdict, document),
    ]
    return [f for f in found if f is not None]


def _clip(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to about ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
