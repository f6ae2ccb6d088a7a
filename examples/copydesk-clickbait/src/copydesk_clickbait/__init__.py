"""Clickbait headlines (CLK): capitals, curiosity-gap phrases, question and exclamation headlines.

A headline's job in news is to say what happened. Clickbait withholds it instead
("You won't believe what happened next"), shouts ("SHOCKING"), asks a question the
story does not answer yes to, or exclaims. Outlets that write this way optimise for
clicks rather than accuracy, so these patterns bear on how far the copy can be trusted.

This package is copydesk's example of a third-party plugin: it is installed and
discovered through its entry point exactly as any outside package would be.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib.resources import files

from copydesk import Context, Document, Finding, Rule, Scorer, Severity, TextView, hookimpl

HEADLINE_CAPITALS = Rule(
    code="CLK001",
    name="headline-capitals-word",
    message="Headline word '{word}' is in capitals",
    doc="""\
**What it flags.** A headline word written entirely in capitals with at least
`min_capitals` letters (4 by default) that is not a known acronym: `SHOCKING`, `HUGE`.

**Why it matters.** Capitals shout; news headlines are written in sentence or title
case, and capitalised words are a staple of clickbait and tabloid sensationalism.

**Example.** `SHOCKING footage shows council meeting` flags `SHOCKING`.

**Known problems.** Acronyms missing from `acronyms` (e.g. a party's initials) are
flagged; all-capitals wire headlines flag every long word.

**Settings.** `min_capitals` (shortest flagged word, in letters) and `acronyms`
(words never flagged, compared without their digits and hyphens).
""",
)

CURIOSITY_GAP = Rule(
    code="CLK002",
    name="curiosity-gap-phrase",
    message="Phrase '{phrase}' withholds the news to draw a click",
    doc="""\
**What it flags.** A curiosity-gap phrase in the headline or the body: "you won't
believe", "what happened next", "will shock you", "this one trick" and others from the
packaged list `data/curiosity_gap.txt`, matched word by word in any capitalisation.

**Why it matters.** The phrase promises a revelation instead of reporting one. It is
the defining pattern of clickbait, and rare in copy that leads with the facts.

**Example.** `You won't believe what the mayor said` flags "You won't believe".

**Known problems.** Quoting clickbait (a story about clickbait) is flagged too.

**Settings.** `extra_phrases` adds phrases; `remove_phrases` drops packaged ones.
""",
)

QUESTION_HEADLINE = Rule(
    code="CLK003",
    name="question-headline",
    message="Headline ends with a question mark",
    severity=Severity.INFO,
    doc="""\
**What it flags.** A headline whose last character is a question mark.

**Why it matters.** Betteridge's law: a headline that asks a question can usually be
answered "no"; the question lets the outlet suggest a claim it cannot support.

**Example.** `Is the mayor hiding something?`

**Known problems.** Genuine explainers ("What is inflation?") are flagged too; the
severity is info for that reason.

**Settings.** None.
""",
)

HEADLINE_EXCLAMATION = Rule(
    code="CLK004",
    name="headline-exclamation",
    message="Headline has {count} exclamation mark(s) in a row",
    doc="""\
**What it flags.** Each run of exclamation marks in the headline (`!`, `!!!`, `?!`).

**Why it matters.** News headlines state facts; exclamation marks sell excitement
and are common in clickbait, advocacy and satire.

**Example.** `Council votes to close the library!` flags the `!`.

**Known problems.** A quoted exclamation in the headline is flagged too.

**Settings.** None.
""",
)

RULES = (HEADLINE_CAPITALS, CURIOSITY_GAP, QUESTION_HEADLINE, HEADLINE_EXCLAMATION)
DEFAULT_ACRONYMS = ["AIDS", "ASEAN", "COVID", "FIFA", "NASA", "NATO", "NCAA", "OPEC", "UEFA", "UNESCO", "UNICEF"]


@cache
def packaged_phrases() -> tuple[str, ...]:
    """The packaged curiosity-gap phrases, read once."""
    text = files("copydesk_clickbait").joinpath("data/curiosity_gap.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _key(word: str) -> str:
    """A word as phrases are compared: lowercase, curly apostrophes made straight."""
    return word.lower().replace("\u2019", "'")


@cache
def phrase_index(extra: tuple[str, ...], remove: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases (as word tuples) by their first word, longest first (built once per settings)."""
    dropped = {_key(p) for p in remove}
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted({_key(p) for p in (*packaged_phrases(), *extra)} - dropped):
        words = tuple(phrase.split())
        if words:
            index.setdefault(words[0], []).append(words)
    for candidates in index.values():
        candidates.sort(key=lambda words: (-len(words), words))
    return index


def _phrases(view: TextView, index: dict[str, list[tuple[str, ...]]]) -> Iterator[Finding]:
    """One finding per phrase occurrence in ``view`` (linear: phrases are a few words long)."""
    spans = view.words
    keys = [_key(view.text[s:e]) for s, e in spans]
    i = 0
    while i < len(keys):
        match = next((p for p in index.get(keys[i], ()) if tuple(keys[i : i + len(p)]) == p), None)
        if match is None:
            i += 1
            continue
        start, end = spans[i][0], spans[i + len(match) - 1][1]
        yield CURIOSITY_GAP.finding(view, start, end, phrase=view.text[start:end])
        i += len(match)


def _capitals(title: TextView, min_letters: int, acronyms: frozenset[str]) -> Iterator[Finding]:
    """One finding per all-capitals headline word that is long enough and no acronym."""
    for start, end in title.words:
        word = title.text[start:end]
        letters = "".join(ch for ch in word if ch.isalpha())
        if len(letters) >= min_letters and letters.isupper() and letters not in acronyms:
            yield HEADLINE_CAPITALS.finding(title, start, end, word=word)


def _punctuation(title: TextView) -> Iterator[Finding]:
    """The question-mark ending and every run of exclamation marks in the headline."""
    text = title.text
    i = 0
    while (i := text.find("!", i)) >= 0:
        start = i - 1 if i > 0 and text[i - 1] == "?" else i
        while i < len(text) and text[i] in "!?":
            i += 1
        yield HEADLINE_EXCLAMATION.finding(title, start, i, count=text.count("!", start, i))
    end = len(text.rstrip())
    if end and text[end - 1] == "?":
        yield QUESTION_HEADLINE.finding(title, end - 1, end)


def score(document: Document, context: Context) -> Iterator[Finding]:
    """Yield the clickbait findings of the headline and the body, in reading order."""
    settings = context.settings
    acronyms = frozenset(a.upper() for a in settings["acronyms"])
    index = phrase_index(tuple(settings["extra_phrases"]), tuple(settings["remove_phrases"]))
    yield from _capitals(document.title, settings["min_capitals"], acronyms)
    yield from _punctuation(document.title)
    yield from _phrases(document.title, index)
    yield from _phrases(document.body, index)


@hookimpl
def copydesk_scorers() -> list[Scorer]:
    """Provide the CLK scorer."""
    return [
        Scorer(
            prefix="CLK",
            name="clickbait",
            rules=RULES,
            score=score,
            settings={
                "min_capitals": 4,
                "acronyms": DEFAULT_ACRONYMS,
                "extra_phrases": [],
                "remove_phrases": [],
            },
            setting_docs={
                "min_capitals": "Shortest all-capitals headline word flagged by CLK001, in letters.",
                "acronyms": "Words CLK001 never flags (compared without digits and hyphens: COVID-19 -> COVID).",
                "extra_phrases": "Curiosity-gap phrases added to the packaged list (CLK002).",
                "remove_phrases": "Packaged phrases CLK002 no longer flags.",
            },
            description="Clickbait headlines: capitals, curiosity gaps, questions, exclamations",
        )
    ]
