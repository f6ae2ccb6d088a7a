"""Candidate per-article features for the learned score, measured for transfer (leave one corpus out).

    .venv/bin/python scripts/feature_research.py [--data DIR] [--workers N] [--only NAME,...] [--greedy]
        [--without SCORER.NAME,...] [--resamples N]

Scores every corpus with the packaged defaults (scripts/model_data.py), computes each
candidate below from the same articles (the core's :class:`copydesk.Document`
tokenisation), and prints one row per candidate:

* its **single-feature AUC** per labelled corpus, in the direction the literature gives
  it (a *problem* candidate: a high value means unreliable; *evidence*: a low value
  does), so above 0.5 the literature's direction holds on that corpus;
* the **leave-one-corpus-out AUC** of the full model with the candidate added as one
  more column (``fit_model.fit_on``, measured as ``eval_model.loco`` does: FakeNewsNet
  and Pérez-Rosas with the truncation factor, XSum without), and the share of the
  BBC intact texts graded A or B by the model fitted on all three training corpora;
* whether it **clears the bar**: LOCO AUC up on at least two of FakeNewsNet,
  Pérez-Rosas and XSum, none down by more than 0.005, BBC A or B at least 90 %.

Directions are fixed from the literature before any measurement, never flipped to fit
these files (Horne and Adali 2017; the NELA feature set, Horne et al. 2018; Pérez-Rosas
et al. 2018; Rashkin et al. 2017; Newman et al. 2003 for exclusive words; Chakraborty
et al. 2016 for clickbait titles). Word lists are this project's own and short.
``--greedy`` then adds the clearing candidates one at a time, best first (mean LOCO
gain), keeping each only if the combination still clears the bar against the model
without it; the two candidates known to mark how a corpus was collected (paragraph
structure: FakeNewsAMT's fakes were typed as one paragraph; parentheses) are measured
but never combined. A few
settings of the model itself (the prior, C) are measured the same way, on the shipped
features.

**Model shapes** (``SHAPES``, rows ``model:``) change how each shipped feature becomes
its contribution instead of adding one: hinge basis functions of the rarity cost, raw or
log-density values standardised without the quantile normalisation, other weightings
of the training rows, invariant-feature selection. Each is fitted the way
``fit_model.fit_on`` fits the shipped model (norms from the professional reference,
sign-constrained logistic regression, the prior, the scale) and measured the same way
(LOCO, with a paired group bootstrap of the AUC change against the shipped model's fit;
in-sample AUC; professional copy at A or B per set; the seeds' grades). The control
shape ``rarity`` must print the shipped model's row. ``--only`` takes shape keys too.

**Short briefs** (``--only brief``, rows ``brief:``): ways to keep a short article with
no finding from falling below B on missing sourcing alone (issue 13, point 5), each
against the model without them (no minimum-evidence floor, the three unshrunk sourcing
densities as they are): the floor the runner applies (``copydesk.scoring.evidence_floor``),
and instead of it the sourcing densities ``said``, ``quotation_marks`` and
``distinct_names`` shrunk toward their professional medians (rounded: 9.5, 10.5 and 46.5
per 1,000) with 300 or 100 pseudo-words, or padded to 300 words at those rates when
shorter (``(count + rate * (300 - words) / 1000) / 300 * 1000``); each density variant
refits the model on the changed values.

**Headline capitals** (``--only capitals``, rows of the capitals round): the two title
shares the model read before one feature replaced them (capitalised words, words in
capitals) and the body's all-caps words, recomputed from each article, against the
variants a shouting headline is charged once under: either share dropped, the one
``title_capitalisation``, the body's count without a heading read as the title or
without a first line repeating the title; each variant refits the model.

``--without`` leaves shipped features out of the baseline, so the table can be
reproduced after the features it led to were added (docs/audit/feature-research.md
gives the command). docs/audit/feature-research.md holds this script's output.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import corpora
import eval_model
import fit_model
import model_data
import numpy as np
from copydesk import Article, Document, fitting, measures
from copydesk.fitting import Column, FitSettings
from copydesk.model import FeatureNorm, Verdict, rarity_cost
from copydesk.plugins.readability import voice
from copydesk.plugins.readability.features import FAST_ALL_CAPS
from copydesk.sources import Batch
from copydesk.testing import config
from copydesk.text import TextView

TARGETS = ("fnn", "amt", "xsum")
#: A candidate may lower no held-out AUC by more than this.
TOLERANCE = 0.005
#: A held-out AUC counts as raised when it gains more than this (it shows as +0.001 or more).
RAISE = 0.0005
#: The share of BBC intact texts graded A or B that must remain.
BBC_FLOOR = 0.90
SCORER = "research"
#: The single-AUC cells of a row without a candidate.
EMPTY = "| " * 6


@dataclass(frozen=True)
class Candidate:
    """One candidate feature: its name, direction and unit as the model reads it, and how it is computed."""

    name: str
    direction: str
    unit: str
    source: str
    compute: Callable[[Document], float | None]
    #: Known to separate the corpora by how they were collected (docs/scoring.md, "Limits"): measured, never combined.
    artefact: bool = False


def _words(*lists: str) -> frozenset[str]:
    """A lexicon from space-separated words."""
    return frozenset(w for part in lists for w in part.split())


STOP_WORDS = _words(
    "a an the and or but if of to in on at by for with from as is are was were be been being it its this that "
    "these those he she they we you i his her their our your my him them us me not no do does did has have had "
    "will would can could should may might must so than then there here who whom which what when where why how"
)
#: Strongly subjective words (an MPQA-style list of our own: judgement, emotion, opinion).
SUBJECTIVE = _words(
    "amazing awesome brilliant incredible shocking outrageous disgusting terrible horrible wonderful fantastic "
    "beautiful ugly stupid crazy insane ridiculous absurd pathetic disastrous catastrophic glorious magnificent "
    "astonishing stunning unbelievable bizarre hilarious tragic heartbreaking devastating appalling scandalous "
    "shameful evil wicked corrupt dishonest liar lies fraud hero heroic brave coward cowardly disgrace"
)
#: Modal adverbs of certainty and doubt (Rashkin et al. 2017).
MODAL_ADVERBS = _words(
    "probably certainly definitely clearly obviously surely undoubtedly apparently possibly perhaps presumably "
    "evidently seemingly supposedly allegedly reportedly actually literally truly really"
)
#: Intensifiers and boosters.
INTENSIFIERS = _words(
    "very extremely incredibly totally completely absolutely utterly highly hugely massively seriously "
    "terribly awfully entirely truly deeply"
)
#: Exclusive words (LIWC-style; more frequent in truthful accounts, Newman et al. 2003).
EXCLUSIVE = _words("but except without although unless whereas however rather instead besides exclude excluding")
#: Comparatives (trusted news in Rashkin et al. 2017).
COMPARATIVES = _words("more less fewer greater larger smaller higher lower better worse earlier later")
#: Generic connectives and buzzwords of machine-written prose.
GENERIC = _words(
    "additionally furthermore moreover overall crucial significant significantly various numerous ensure "
    "essential vital notably comprehensive innovative landscape showcasing highlighting underscores "
    "fostering pivotal commitment"
)
#: Opening words of clickbait titles (Chakraborty et al. 2016).
CLICKBAIT_OPENERS = _words("you your this these here here's why how what watch")
#: Articles and prepositions, and personal pronouns, auxiliaries, common adverbs, conjunctions and negations:
#: the two sides of LIWC's analytic-thinking index (Pennebaker et al. 2014), used by NELA.
ANALYTIC_PLUS = _words(
    "a an the of in on at by for with from to into onto over under about after before between through during "
    "against among across within without toward towards upon"
)
ANALYTIC_MINUS = _words(
    "i me my we us our you your he him his she her they them their it its am is are was were be been being "
    "have has had do does did will would can could should shall may might must very really just so too also "
    "quite and or but because if although though while not no never nothing nobody none"
)
#: Prepositions (NELA's function-word profile).
PREPOSITIONS = _words(
    "of in on at by for with from to into onto over under about after before between through during against "
    "among across within without toward towards upon"
)
FIRST_SINGULAR = _words("i me my mine myself")
SECOND = _words("you your yours yourself yourselves")
DIGIT = re.compile(r"\d")
PUNCTUATION = re.compile(r"[.,;:!?()\"\u201c\u201d\u2018\u2019'\-\u2013\u2014]")
CHARS = {
    "colons": ":",
    "semicolons": ";",
    "parentheses": "(",
    "dashes": "\u2013\u2014",
    "ellipses": "\u2026",
}


def _forms(view: TextView) -> tuple[str, ...]:
    """The field's words, lower-cased."""
    return view.tokens.forms


def _rate(lexicon: frozenset[str]) -> Callable[[Document], float | None]:
    """Words of ``lexicon`` in the body per 1,000 words (floor 300)."""

    def compute(doc: Document) -> float | None:
        forms = _forms(doc.body)
        return measures.per_1000(sum(1 for w in forms if w in lexicon), len(forms))

    return compute


def _share(lexicon: frozenset[str]) -> Callable[[Document], float | None]:
    """Share of the body's words that belong to ``lexicon``."""

    def compute(doc: Document) -> float | None:
        forms = _forms(doc.body)
        return sum(1 for w in forms if w in lexicon) / len(forms) if forms else None

    return compute


def _char_rate(chars: str) -> Callable[[Document], float | None]:
    """Characters of ``chars`` in the body per 1,000 words (floor 300)."""

    def compute(doc: Document) -> float | None:
        return measures.per_1000(sum(doc.body.text.count(c) for c in chars), doc.body.word_count)

    return compute


def _title_words(doc: Document) -> list[str]:
    """The title's words as written (no title: empty)."""
    return [doc.title.tokens.word(i) for i in range(len(doc.title.tokens))]


def title_words(doc: Document) -> float | None:
    """Words in the title (Horne and Adali 2017: fake titles are longer)."""
    return float(len(_title_words(doc))) if doc.title.text.strip() else None


def title_stop_word_share(doc: Document) -> float | None:
    """Share of the title's words that are stop words (fewer in fake titles)."""
    forms = _forms(doc.title)
    return sum(1 for w in forms if w in STOP_WORDS) / len(forms) if forms else None


def title_has_number(doc: Document) -> float | None:
    """1.0 when the title holds a digit."""
    return (1.0 if DIGIT.search(doc.title.text) else 0.0) if doc.title.text.strip() else None


def title_clickbait(doc: Document) -> float | None:
    """1.0 when the title opens with a clickbait word or a number (Chakraborty et al. 2016)."""
    words = _title_words(doc)
    if not words:
        return None
    return 1.0 if words[0].lower() in CLICKBAIT_OPENERS or words[0][:1].isdigit() else 0.0


def title_mean_word_length(doc: Document) -> float | None:
    """Mean letters per title word."""
    words = _title_words(doc)
    return sum(map(len, words)) / len(words) if words else None


def log_words(doc: Document) -> float | None:
    """ln(1 + body words) (fake bodies are shorter, Horne and Adali 2017)."""
    return math.log1p(doc.body.word_count)


def type_token_ratio(doc: Document) -> float | None:
    """Distinct / all lower-cased words of the body (raw, length-dependent)."""
    forms = _forms(doc.body)
    return len(set(forms)) / len(forms) if forms else None


def punctuation_per_word(doc: Document) -> float | None:
    """Punctuation marks per word (fake news uses fewer, Horne and Adali 2017)."""
    return len(PUNCTUATION.findall(doc.body.text)) / max(doc.body.word_count, 1)


def _outside_quotes(doc: Document) -> list[str]:
    """Lower-cased body words outside double quotation marks (a quote left open runs to the line's end)."""
    text = doc.body.text
    inside = [False] * (len(text) + 1)
    state = False
    for i, ch in enumerate(text):
        if ch in '"\u201c\u201d':
            state = not state if ch == '"' else ch == "\u201c"
        elif ch == "\n":
            state = False
        inside[i] = state
    tokens = doc.body.tokens
    return [tokens.forms[i] for i in range(len(tokens)) if not inside[tokens.starts[i]]]


def narrator_first_person(doc: Document) -> float | None:
    """I, me, my, mine, myself outside quotations, per 1,000 words (the writer's own voice)."""
    words = _outside_quotes(doc)
    return measures.per_1000(sum(1 for w in words if w in FIRST_SINGULAR), doc.body.word_count)


def narrator_second_person(doc: Document) -> float | None:
    """You, your, ... outside quotations, per 1,000 words (addressing the reader)."""
    words = _outside_quotes(doc)
    return measures.per_1000(sum(1 for w in words if w in SECOND), doc.body.word_count)


def quoted_word_share(doc: Document) -> float | None:
    """Share of body words inside double quotation marks."""
    n = doc.body.word_count
    return 1.0 - len(_outside_quotes(doc)) / n if n else None


def paragraphs_per_1000_words(doc: Document) -> float | None:
    """Non-empty lines per 1,000 words (paragraph structure)."""
    return measures.per_1000(len(doc.body.lines), doc.body.word_count)


def sentence_opening_connective_share(doc: Document) -> float | None:
    """Share of sentences opening with And, But, So, Also, Plus (informal narration)."""
    text = doc.body.text
    opens = [text[s.start : s.end].split(None, 1)[0].lower().strip(",") for s in doc.body.sentences if s.end > s.start]
    hits = sum(1 for w in opens if w in {"and", "but", "so", "also", "plus"})
    return measures.share(hits, len(opens), 0.05)


def long_sentence_share(doc: Document) -> float | None:
    """Share of sentences of 40 words or more."""
    tokens = doc.body.tokens
    lengths = Counter(tokens.sentence.tolist())
    n = len(doc.body.sentences)
    return measures.share(sum(1 for k in lengths.values() if k >= 40), n, 0.05)


def capitalised_word_share(doc: Document) -> float | None:
    """Share of body words that start with a capital and do not open a sentence (named-entity density)."""
    tokens = doc.body.tokens
    n = len(tokens)
    if not n:
        return None
    opening = {s.start for s in doc.body.sentences}
    hits = sum(1 for i in range(n) if tokens.word(i)[:1].isupper() and tokens.starts[i] not in opening)
    return hits / n


def analytic_index(doc: Document) -> float | None:
    """(articles and prepositions - pronouns, auxiliaries, adverbs, conjunctions, negations) / words."""
    forms = _forms(doc.body)
    if not forms:
        return None
    plus = sum(1 for w in forms if w in ANALYTIC_PLUS)
    minus = sum(1 for w in forms if w in ANALYTIC_MINUS)
    return (plus - minus) / len(forms)


def punctuation_variety(doc: Document) -> float | None:
    """How many of 10 punctuation kinds (, ; : ( " ' - dash ? !) the body uses at all."""
    text = doc.body.text
    kinds = (",", ";", ":", "(", '"\u201c', "'\u2018\u2019", "-", "\u2013\u2014", "?", "!")
    return float(sum(1 for kind in kinds if any(c in text for c in kind)))


CANDIDATES: tuple[Candidate, ...] = (
    Candidate("title_words", "problem", "count", "Horne & Adali 2017", title_words),
    Candidate("title_stop_word_share", "evidence", "share", "Horne & Adali 2017", title_stop_word_share),
    Candidate("title_has_number", "problem", "presence", "Chakraborty et al. 2016", title_has_number),
    Candidate("title_clickbait_opening", "problem", "presence", "Chakraborty et al. 2016", title_clickbait),
    Candidate("title_mean_word_length", "evidence", "ratio", "Horne & Adali 2017", title_mean_word_length),
    Candidate("log_words", "evidence", "ratio", "Horne & Adali 2017", log_words),
    Candidate("type_token_ratio", "evidence", "share", "Horne & Adali 2017 (redundancy)", type_token_ratio),
    Candidate("punctuation_per_word", "evidence", "ratio", "Horne & Adali 2017", punctuation_per_word),
    Candidate(
        "narrator_first_person_per_1000_words", "problem", "per_1000_words", "Rashkin 2017", narrator_first_person
    ),
    Candidate(
        "narrator_second_person_per_1000_words", "problem", "per_1000_words", "Rashkin 2017", narrator_second_person
    ),
    Candidate("subjective_per_1000_words", "problem", "per_1000_words", "MPQA / Rashkin 2017", _rate(SUBJECTIVE)),
    Candidate("modal_adverbs_per_1000_words", "problem", "per_1000_words", "Rashkin 2017", _rate(MODAL_ADVERBS)),
    Candidate("intensifiers_per_1000_words", "problem", "per_1000_words", "NELA", _rate(INTENSIFIERS)),
    Candidate("exclusive_per_1000_words", "evidence", "per_1000_words", "Newman et al. 2003", _rate(EXCLUSIVE)),
    Candidate("comparatives_per_1000_words", "evidence", "per_1000_words", "Rashkin 2017", _rate(COMPARATIVES)),
    Candidate("generic_words_per_1000_words", "problem", "per_1000_words", "AI-text markers", _rate(GENERIC)),
    Candidate("quoted_word_share", "evidence", "share", "Horne & Adali 2017 (quotes)", quoted_word_share),
    Candidate("colons_per_1000_words", "evidence", "per_1000_words", "NELA punctuation", _char_rate(CHARS["colons"])),
    Candidate("semicolons_per_1000_words", "evidence", "per_1000_words", "NELA", _char_rate(CHARS["semicolons"])),
    Candidate(
        "parentheses_per_1000_words", "evidence", "per_1000_words", "NELA", _char_rate(CHARS["parentheses"]), True
    ),
    Candidate("dashes_per_1000_words", "evidence", "per_1000_words", "NELA punctuation", _char_rate(CHARS["dashes"])),
    Candidate("ellipses_per_1000_words", "problem", "per_1000_words", "NELA punctuation", _char_rate("\u2026")),
    Candidate(
        "paragraphs_per_1000_words", "evidence", "per_1000_words", "Perez-Rosas 2018", paragraphs_per_1000_words, True
    ),
    Candidate("connective_opening_share", "problem", "share", "informal narration", sentence_opening_connective_share),
    Candidate("long_sentence_share", "problem", "share", "NELA complexity", long_sentence_share),
    Candidate("analytic_index", "evidence", "ratio", "NELA / LIWC analytic", analytic_index),
    Candidate("prepositions_share", "evidence", "share", "NELA function words", _share(PREPOSITIONS)),
    Candidate("punctuation_variety", "evidence", "count", "Horne & Adali 2017 (punctuation)", punctuation_variety),
    Candidate(
        "capitalised_word_share", "evidence", "share", "Horne & Adali 2017 (proper nouns)", capitalised_word_share
    ),
)
#: Settings of the model itself measured on the shipped features: (label, FitSettings).
MODEL_VARIANTS: tuple[tuple[str, FitSettings], ...] = (
    ("prior 0.5", FitSettings(prior=0.5)),
    ("prior 2", FitSettings(prior=2.0)),
    ("C 0.03", FitSettings(c=0.03)),
    ("C 3", FitSettings(c=3.0)),
)


def documents(data: Path) -> dict[str, dict[str, Document]]:
    """Every corpus's articles as the core analyses them, by corpus and id."""
    sources = {"bbc": model_data.bbc(data), "polnear": model_data.polnear(data)}
    sources.update({name: model_data.labelled(data, name) for name in model_data.LABELLED})
    return {
        name: {row["id"]: Document.from_article(Article(row["id"], row["title"], row["text"])) for row in rows}
        for name, rows in sources.items()
    }


def add_candidates(scored: dict[str, model_data.Corpus], docs: dict[str, dict[str, Document]]) -> None:
    """Put every candidate's value into each scored article's feature row (key ``research.NAME``)."""
    for name, by_id in docs.items():
        corpus = scored[name]
        for row, ident in zip(corpus.values, corpus.ids, strict=True):
            doc = by_id[ident]
            for candidate in CANDIDATES:
                value = candidate.compute(doc)
                if value is not None:
                    row[f"{SCORER}.{candidate.name}"] = float(value)


@dataclass(frozen=True)
class Result:
    """LOCO AUC per target corpus, BBC A/B share and FA-KES AUC of one model configuration."""

    loco: dict[str, float]
    bbc: float
    fakes: float


def measure(columns: list[Column], scored: dict[str, model_data.Corpus], settings: FitSettings | None = None) -> Result:
    """Fit leave-one-corpus-out and on all training corpora, as eval_model does."""
    loco = {}
    for name in TARGETS:
        model = fit_model.fit_on(columns, scored, [n for n in model_data.TRAINING if n != name], settings)
        loco[name] = eval_model.auc(scored[name].y, eval_model.scores(model, scored[name], name != "xsum"))
    full = fit_model.fit_on(columns, scored, model_data.TRAINING, settings)
    bbc = eval_model.scores(full, scored["bbc"])
    good = sum(1 for s in bbc if eval_model.grade(s) in ("A", "B")) / len(bbc)
    fakes = eval_model.auc(scored["fakes"].y, eval_model.scores(full, scored["fakes"]))
    return Result(loco, good, fakes)


def clears(result: Result, base: Result) -> bool:
    """Up on at least two targets, none down by more than the tolerance, BBC A/B kept."""
    deltas = [result.loco[n] - base.loco[n] for n in TARGETS]
    return sum(d > RAISE for d in deltas) >= 2 and min(deltas) >= -TOLERANCE and result.bbc >= BBC_FLOOR


def single_auc(candidate: Candidate, corpus: model_data.Corpus) -> str:
    """AUC of the raw value in the candidate's direction (unreliable positive); '-' when absent."""
    key = f"{SCORER}.{candidate.name}"
    pairs = [(v[key], y) for v, y in zip(corpus.values, corpus.y, strict=True) if key in v]
    if len(pairs) < 10 or len({y for _, y in pairs}) < 2:
        return "  -  "
    values = np.array([p[0] for p in pairs])
    found = -values if candidate.direction == "problem" else values  # a low "score" means unreliable
    return f"{eval_model.auc([y for _, y in pairs], found):.3f}"


def row(label: str, result: Result, base: Result, singles: str = "", verdict: str | None = None) -> str:
    """One table row: singles, LOCO per target with its change, BBC A/B, FA-KES, verdict (default: the bar's)."""
    cells = [f"{result.loco[n]:.3f} ({result.loco[n] - base.loco[n]:+.3f})" for n in TARGETS]
    if verdict is None:
        verdict = "clears" if clears(result, base) else ""
    return f"| {label} | {singles}{' | '.join(cells)} | {100 * result.bbc:.1f} % | {result.fakes:.3f} | {verdict} |"


def column_of(candidate: Candidate) -> Column:
    """The model column of a candidate."""
    return Column(SCORER, candidate.name, candidate.direction, candidate.unit)


# --- Model shapes: how each feature's value becomes its contribution, measured like the candidates ---------------


def _knot_cost(level: float) -> float:
    """The rarity cost at quantile ``level`` on a feature's rare side: ln(0.5 / (1 - level)), 0 at the median."""
    return math.log(0.5 / (1.0 - level))


@dataclass(frozen=True)
class Shape:
    """A shape of the model, decided before measuring (docs/audit/feature-research.md, "Model shapes").

    :ivar basis: ``rarity`` (the shipped rarity cost), ``hinge`` (the rarity cost plus one
        hinge ``max(0, c - c_k)`` per knot, each with its own weight), ``standardised`` (the
        raw value minus the professional median over the interquartile range, signed by
        direction), ``log-standardised`` (the same after ``ln(1 + x)`` for densities and counts).
    :ivar knots: quantile levels of the hinges, on the feature's rare side.
    :ivar weighting: ``corpus`` (every corpus weighs the same, both classes within it: the
        shipped fit) or ``pooled`` (both classes weigh the same over all training rows).
    :ivar invariant: learn only the columns whose sign-constrained weight is positive when
        fitted on each training corpus alone (the others keep the prior).
    """

    key: str
    name: str
    source: str
    basis: str = "rarity"
    knots: tuple[float, ...] = ()
    weighting: str = "corpus"
    invariant: bool = False


SHAPES: tuple[Shape, ...] = (
    Shape("rarity", "rarity cost (shipped), refitted here", "control: equals the shipped row"),
    Shape("hinge4", "hinges at p50/p75/p90/p97", "monotone piecewise-linear GAM", "hinge", (0.5, 0.75, 0.9, 0.97)),
    Shape("hinge90", "one hinge at p90", "monotone piecewise-linear GAM", "hinge", (0.9,)),
    Shape("standardised", "raw values, standardised", "no quantile normalisation", "standardised"),
    Shape("log-standardised", "ln(1 + density), standardised", "no quantile normalisation", "log-standardised"),
    Shape("pooled", "pooled class balance", "no per-corpus balance", weighting="pooled"),
    Shape("invariant", "invariant features", "Peters et al. 2016 (invariant prediction)", invariant=True),
    # Decided after the rows above were measured (round 2): both transforms per feature, each weight >= 0;
    # the corpora weighted toward the worst-served one (group DRO).
    Shape("dro", "group DRO weighting", "round 2: Sagawa et al. 2020", weighting="dro"),
    Shape(
        "rarity+log", "rarity cost and ln(1 + density) standardised", "round 2: both bases", "rarity+log-standardised"
    ),
)
#: Units whose values are transformed by ln(1 + x) in the ``log-standardised`` basis.
LOG_UNITS = ("per_1000_words", "count")


@dataclass(frozen=True)
class ShapeVerdict:
    """What :class:`ShapeModel.score` returns: the final score, as :class:`copydesk.model.Verdict` has it."""

    score: float


@dataclass(frozen=True)
class ShapeModel:
    """A model of one :class:`Shape`: per feature its basis columns' weights (all >= 0), and the scale."""

    shape: Shape
    norms: tuple[FeatureNorm, ...]
    reference_size: int
    weights: np.ndarray
    scale: float
    truncation_penalty: float = 0.35

    def basis(self, values: dict[str, float]) -> np.ndarray:
        """The article's basis columns."""
        return _basis_row(self.shape, self.norms, self.reference_size, values)

    def z(self, values: dict[str, float]) -> float:
        """The weighted sum of the basis columns."""
        return float(self.basis(values) @ self.weights)

    def score(self, values: dict[str, float], truncation: float = 0.0, floor: float = 0.0) -> ShapeVerdict:
        """``max(100 * exp(-scale * max(z, 0)), floor)``, times the truncation factor, as the shipped model scores."""
        before = max(100.0 * math.exp(-self.scale * max(self.z(values), 0.0)), floor)
        return ShapeVerdict(before * (1.0 - self.truncation_penalty * min(1.0, max(0.0, truncation))))


def _columns_per_feature(shape: Shape) -> int:
    """Basis columns per feature."""
    if shape.basis == "hinge":
        return 1 + len(shape.knots)
    return 2 if shape.basis == "rarity+log-standardised" else 1


def _basis_row(shape: Shape, norms: Sequence[FeatureNorm], size: int, values: dict[str, float]) -> np.ndarray:
    """One article's basis columns (every feature's, in norm order; a missing value: all 0)."""
    per = _columns_per_feature(shape)
    out = np.zeros(len(norms) * per)
    for k, norm in enumerate(norms):
        x = values.get(norm.key)
        if x is None or not math.isfinite(x):
            continue
        if shape.basis in ("rarity", "hinge", "rarity+log-standardised"):
            c = rarity_cost(norm, float(x), size)
            out[k * per] = c
            for i, level in enumerate(shape.knots):
                out[k * per + 1 + i] = max(0.0, c - _knot_cost(level))
            if shape.basis == "rarity":
                continue
        if shape.basis != "hinge":
            out[k * per + per - 1] = _standardised(norm, float(x), shape.basis != "standardised")
    return out


def _standardised(norm: FeatureNorm, x: float, log: bool) -> float:
    """(x - professional median) / interquartile range, signed so that more is worse (densities: ln(1 + x) if log)."""
    q = np.asarray(norm.quantiles)
    slope = norm.slope
    if log and norm.unit in LOG_UNITS:
        q, x, slope = np.log1p(np.maximum(q, 0.0)), math.log1p(max(x, 0.0)), math.log1p(slope)
    spread = max(float(q[75] - q[25]), slope)
    sign = 1.0 if norm.direction == "problem" else -1.0
    return sign * (x - float(q[50])) / spread


def _weights(shape: Shape, corpus: Sequence[str], y: np.ndarray) -> np.ndarray:
    """Training rows' weights: per corpus and class (shipped and ``dro``'s start), or per class only (``pooled``)."""
    if shape.weighting == "pooled":
        return fitting.balanced_weights(["all"] * len(y), y)
    return fitting.balanced_weights(corpus, y)


#: Group DRO (Sagawa et al. 2020), as exponentiated-gradient steps on the corpora's weights: rounds and step.
DRO_ROUNDS = 10
DRO_STEP = 1.0


def _robust_weights(b: np.ndarray, y: np.ndarray, corpus: Sequence[str], base: np.ndarray, c: float) -> np.ndarray:
    """``base`` with each corpus re-weighted toward the corpus the fit serves worst (its balanced log-loss)."""
    from sklearn.linear_model import LogisticRegression

    groups = np.asarray(corpus)
    names = sorted(set(corpus))
    q = np.full(len(names), 1.0 / len(names))
    for _ in range(DRO_ROUNDS):
        weights = base * np.array([q[names.index(g)] * len(names) for g in groups])
        coef = fitting.nonnegative_fit(b, y, weights, c)
        kept = coef > 0
        if not kept.any():
            break
        model = LogisticRegression(C=c, max_iter=2000).fit(b[:, kept], y, sample_weight=weights)
        p = np.clip(model.predict_proba(b[:, kept])[:, 1], 1e-12, 1 - 1e-12)
        loss = -(y * np.log(p) + (1 - y) * np.log(1 - p))
        found = np.array([np.average(loss[groups == g], weights=base[groups == g]) for g in names])
        q = q * np.exp(DRO_STEP * found)
        q = q / q.sum()
    return np.asarray(base * np.array([q[names.index(g)] * len(names) for g in groups]), dtype=np.float64)


def fit_shape(
    shape: Shape,
    columns: list[Column],
    scored: dict[str, model_data.Corpus],
    names: Sequence[str],
    cache: dict[tuple[str, tuple[float, ...], str], np.ndarray],
    settings: FitSettings | None = None,
) -> ShapeModel:
    """Fit a :class:`ShapeModel` as ``fit_model.fit_on`` fits the shipped one (norms, sign constraint, prior, scale)."""
    settings = settings or FitSettings()
    reference = np.vstack([scored["bbc"].matrix(columns), scored["polnear"].matrix(columns)])
    norms = tuple(fitting.norms(columns, reference))
    size = int(reference.shape[0])

    def rows(name: str) -> np.ndarray:
        key = (shape.basis, shape.knots, name)
        if key not in cache:
            found = [_basis_row(shape, norms, size, v) for v in scored[name].values]
            cache[key] = np.array(found).reshape(len(found), len(norms) * _columns_per_feature(shape))
        return cache[key]

    b = np.vstack([rows(n) for n in names])
    y = np.concatenate([np.array(scored[n].y, dtype=np.int_) for n in names])
    corpus = [n for n in names for _ in scored[n].y]
    mask = np.ones(b.shape[1], dtype=bool)
    if shape.invariant:
        for name in names:
            alone = fitting.nonnegative_fit(
                rows(name),
                np.array(scored[name].y),
                _weights(shape, [name] * len(scored[name].y), np.array(scored[name].y)),
                settings.c,
            )
            mask &= alone > 0
    learned = np.zeros(b.shape[1])
    if mask.any():
        weights = _weights(shape, corpus, y)
        if shape.weighting == "dro":
            weights = _robust_weights(b[:, mask], y, corpus, weights, settings.c)
        learned[mask] = fitting.nonnegative_fit(b[:, mask], y, weights, settings.c)
    positive = learned[learned > 0]
    added = settings.prior * (float(positive.mean()) if positive.size else 1.0)
    weights = learned.copy()
    weights[:: _columns_per_feature(shape)] += added
    z = np.vstack([rows("bbc"), rows("polnear")]) @ weights
    return ShapeModel(shape, norms, size, weights, fitting.calibrate(z, settings), settings.truncation_penalty)


class Scoring(Protocol):
    """Anything that scores an article's features as :class:`copydesk.model.Model` does."""

    def score(self, values: dict[str, float], truncation: float = 0.0, floor: float = 0.0) -> ShapeVerdict | Verdict:
        """The article's verdict; only ``.score`` is read."""
        ...


def _scores(model: Scoring, corpus: model_data.Corpus, truncation: bool = True) -> list[float]:
    """``eval_model.scores`` for any :class:`Scoring` (each article's minimum-evidence floor applied)."""
    rows = zip(corpus.values, corpus.truncation, eval_model.floors(corpus), strict=True)
    return [model.score(v, t if truncation else 0.0, f).score for v, t, f in rows]


@dataclass(frozen=True)
class ShapeResult:
    """Held-out scores and AUC per target, in-sample AUC, professional A/B per set, seeds' grades, FA-KES."""

    held_out: dict[str, list[float]]
    loco: dict[str, float]
    in_sample: dict[str, float]
    professional: dict[str, float]
    seeds: str
    fakes: float


def measure_fit(
    fit: Callable[[Sequence[str]], Scoring],
    scored: dict[str, model_data.Corpus],
    data: Callable[[Sequence[str]], dict[str, model_data.Corpus]] | None = None,
) -> ShapeResult:
    """LOCO as eval_model measures it, and the all-corpora fit's in-sample AUC, professional grades and seeds.

    :param data: the corpora as the model fitted on the given training corpora reads them
        (a feature fitted on those corpora differs per fold); default: ``scored`` in every fold.
    """
    held_out, loco = {}, {}
    for name in TARGETS:
        train = [n for n in model_data.TRAINING if n != name]
        model = fit(train)
        held_out[name] = _scores(model, (data(train) if data else scored)[name], name != "xsum")
        loco[name] = eval_model.auc(scored[name].y, held_out[name])
    full = fit(model_data.TRAINING)
    scored = data(model_data.TRAINING) if data else scored
    in_sample = {n: eval_model.auc(scored[n].y, _scores(full, scored[n], n != "xsum")) for n in TARGETS}
    sets = {"BBC": _scores(full, scored["bbc"])}
    polnear = _scores(full, scored["polnear"])
    for publisher in model_data.PROFESSIONAL_POLNEAR:
        sets[publisher] = [s for s, sub in zip(polnear, scored["polnear"].subsets, strict=True) if sub == publisher]
    sets["all"] = sets["BBC"] + polnear
    good = {k: sum(1 for s in v if eval_model.grade(s) in ("A", "B")) / len(v) for k, v in sets.items()}
    seeds = "".join(eval_model.grade(s) for s in _scores(full, scored["seeds"]))
    fakes = eval_model.auc(scored["fakes"].y, _scores(full, scored["fakes"]))
    return ShapeResult(held_out, loco, in_sample, good, seeds, fakes)


def paired_interval(corpus: model_data.Corpus, a: list[float], b: list[float], resamples: int) -> tuple[float, float]:
    """95 % interval of AUC(b) - AUC(a) over group-bootstrap draws (eval_model's groups and seed)."""
    names = sorted(set(corpus.groups))
    index = {name: i for i, name in enumerate(names)}
    members: list[list[int]] = [[] for _ in names]
    for r, name in enumerate(corpus.groups):
        members[index[name]].append(r)
    y, first, second = np.asarray(corpus.y), np.asarray(a), np.asarray(b)
    rng = np.random.default_rng(eval_model.SEED)
    draws = []
    for _ in range(resamples):
        rows = np.concatenate([members[i] for i in rng.integers(0, len(names), len(names))])
        draws.append(eval_model.auc(y[rows], second[rows]) - eval_model.auc(y[rows], first[rows]))
    low, high = np.nanpercentile(draws, [2.5, 97.5])
    return float(low), float(high)


def shape_clears(result: ShapeResult, base: ShapeResult, intervals: dict[str, tuple[float, float]]) -> bool:
    """Up beyond noise (paired interval above 0) on two targets, none down > tolerance, professional copy and seeds kept."""
    up = sum(1 for n in TARGETS if intervals[n][0] > 0)
    kept = min(result.loco[n] - base.loco[n] for n in TARGETS) >= -TOLERANCE
    professional = min(result.professional.values()) >= BBC_FLOOR
    return up >= 2 and kept and professional and set(result.seeds) <= {"D", "F"}


def shapes(
    columns: list[Column], scored: dict[str, model_data.Corpus], chosen: Sequence[Shape], resamples: int
) -> None:
    """One row per model shape against the shipped model (fit_model.fit_on), with paired bootstrap intervals."""
    base = measure_fit(lambda names: fit_model.fit_on(columns, scored, names), scored)
    cache: dict[tuple[str, tuple[float, ...], str], np.ndarray] = {}
    sets = ["BBC", *model_data.PROFESSIONAL_POLNEAR, "all"]
    loco = " | ".join(f"LOCO {eval_model.NAMES[n]} [paired 95 %]" for n in TARGETS)
    inside = " | ".join(f"in-sample {eval_model.NAMES[n]}" for n in TARGETS)
    print("\nModel shapes (shipped features; each against the shipped model's fit)\n")
    print(f"| shape | source | {loco} | {inside} | A/B {' / '.join(sets)} | seeds | FA-KES | bar |")
    print("|---" * 12 + "|")

    def line(
        label: str, source: str, result: ShapeResult, verdict: str, intervals: dict[str, tuple[float, float]]
    ) -> None:
        cells = " | ".join(
            f"{result.loco[n]:.3f} ({result.loco[n] - base.loco[n]:+.3f} [{intervals[n][0]:+.3f}, {intervals[n][1]:+.3f}])"
            for n in TARGETS
        )
        inner = " | ".join(f"{result.in_sample[n]:.3f}" for n in TARGETS)
        good = " / ".join(f"{100 * result.professional[s]:.1f}" for s in sets)
        print(
            f"| {label} | {source} | {cells} | {inner} | {good} | {result.seeds} | {result.fakes:.3f} | {verdict} |",
            flush=True,
        )

    zero = {n: (0.0, 0.0) for n in TARGETS}
    line("shipped model (fit_model.fit_on)", "", base, "", zero)
    for shape in chosen:
        result = measure_fit(lambda names, s=shape: fit_shape(s, columns, scored, names, cache), scored)
        intervals = {n: paired_interval(scored[n], base.held_out[n], result.held_out[n], resamples) for n in TARGETS}
        line(
            f"model: {shape.name}",
            shape.source,
            result,
            "clears" if shape_clears(result, base, intervals) else "",
            intervals,
        )


#: Professional medians (docs/scoring.md, rounded to 0.5) of the three sourcing densities that are not shrunk.
UNSHRUNK = {
    "sourcing.said_per_1000_words": 9.5,
    "sourcing.quotation_marks_per_1000_words": 10.5,
    "sourcing.distinct_names_per_1000_words": 46.5,
}


def _shrunk(prior: float) -> Callable[[dict[str, float], int], None]:
    """Shrink the unshrunk densities toward their medians with ``prior`` pseudo-words (as measures.shrunk_per_1000)."""

    def change(values: dict[str, float], words: int) -> None:
        for key, rate in UNSHRUNK.items():
            if key in values:
                count = values[key] * max(words, measures.MIN_WORDS) / 1000.0
                values[key] = (count + rate * prior / 1000.0) / (words + prior) * 1000.0

    return change


def _padded(values: dict[str, float], words: int) -> None:
    """Read a text shorter than 300 words as padded to 300 with words at the median rates."""
    for key, rate in UNSHRUNK.items():
        if key in values:
            count = values[key] * max(words, measures.MIN_WORDS) / 1000.0
            missing = max(measures.MIN_WORDS - words, 0)
            values[key] = (count + rate * missing / 1000.0) / max(words, measures.MIN_WORDS) * 1000.0


def _variant(
    scored: dict[str, model_data.Corpus], change: Callable[[dict[str, float], int], None] | None, floor: bool
) -> dict[str, model_data.Corpus]:
    """The corpora with each row's values changed (None: as scored) and the floors kept or zeroed."""
    out = {}
    for name, corpus in scored.items():
        values = [dict(v) for v in corpus.values]
        if change is not None:
            for row, words in zip(values, corpus.words, strict=True):
                change(row, words)
        floors = list(corpus.floors) if floor else [0.0] * len(values)
        out[name] = replace(corpus, values=values, floors=floors)
    return out


BRIEF_VARIANTS: tuple[tuple[str, Callable[[dict[str, float], int], None] | None, bool], ...] = (
    ("minimum-evidence floor (shipped)", None, True),
    ("shrunk, 300 pseudo-words", _shrunk(300.0), False),
    ("shrunk, 100 pseudo-words", _shrunk(100.0), False),
    ("padded to 300 words", _padded, False),
)


def briefs(columns: list[Column], scored: dict[str, model_data.Corpus], resamples: int) -> None:
    """One row per short-brief variant against the model without any (paired bootstrap intervals)."""
    plain = _variant(scored, None, False)
    base = measure_fit(lambda names: fit_model.fit_on(columns, plain, names), plain)
    sets = ["BBC", *model_data.PROFESSIONAL_POLNEAR, "all"]
    loco = " | ".join(f"LOCO {eval_model.NAMES[n]} [paired 95 %]" for n in TARGETS)
    print("\nShort briefs (each against the model without a floor and with the three densities unshrunk)\n")
    print(f"| variant | {loco} | A/B {' / '.join(sets)} | seeds | FA-KES |")
    print("|---" * 7 + "|")
    rows = [("no floor, unshrunk (before)", base, {n: (0.0, 0.0) for n in TARGETS})]
    for label, change, floor in BRIEF_VARIANTS:
        changed = _variant(scored, change, floor)
        result = measure_fit(lambda names, c=changed: fit_model.fit_on(columns, c, names), changed)
        intervals = {n: paired_interval(scored[n], base.held_out[n], result.held_out[n], resamples) for n in TARGETS}
        rows.append((label, result, intervals))
    for label, result, intervals in rows:
        cells = " | ".join(
            f"{result.loco[n]:.3f} ({result.loco[n] - base.loco[n]:+.3f} [{intervals[n][0]:+.3f}, {intervals[n][1]:+.3f}])"
            for n in TARGETS
        )
        good = " / ".join(f"{100 * result.professional[s]:.1f}" for s in sets)
        print(f"| brief: {label} | {cells} | {good} | {result.seeds} | {result.fakes:.3f} |", flush=True)


#: The readability keys of the headline-capitals round (``--only capitals``).
CAPITALISED, IN_CAPITALS = "readability.title_capitalised_share", "readability.title_all_caps_share"
SHIPPED_CAPITALS, BODY_CAPITALS = "readability.title_capitalisation", "readability.all_caps_words_per_1000_words"


def old_capitals(doc: Document) -> tuple[dict[str, float], int, int]:
    """The two title shares the model read before the round, and the all-caps words of the title's line.

    :returns: the shares (none without a title), the all-caps words of a heading-like
        first line read as the title (no title field; the body counted them before), and
        those of a first line that repeats the title field (the body still counts them).
    """
    title, heading, repeated = doc.title.text.strip(), 0, 0
    if not title and (found := voice.heading(doc.body.text)) is not None:
        title, heading = found[0], len(FAST_ALL_CAPS.findall(found[0]))
    elif title and doc.body.text.lstrip().partition("\n")[0].strip() == title:
        repeated = len(FAST_ALL_CAPS.findall(title))
    words = voice.TITLE_WORD.findall(title)
    if not words:
        return {}, heading, repeated
    shares = {
        CAPITALISED: sum(1 for w in words if w[0].isupper()) / len(words),
        IN_CAPITALS: sum(1 for w in words if len(w) >= 2 and w.isupper()) / len(words),
    }
    return shares, heading, repeated


def _capitals_variant(
    scored: dict[str, model_data.Corpus],
    found: dict[str, list[tuple[dict[str, float], int, int]]],
    old: bool,
    body: int,
) -> dict[str, model_data.Corpus]:
    """The corpora with the old title shares (``old``) and the body's all-caps words counting the title's line or not.

    ``body``: 0 counts a heading read as the title (as before), 1 does not (as shipped),
    2 leaves out a first line repeating the title field too.
    """
    out = {}
    for name, corpus in scored.items():
        rows = [dict(v) for v in corpus.values]
        for row, words, (shares, heading, repeated) in zip(rows, corpus.words, found[name], strict=True):
            if old:
                row.pop(SHIPPED_CAPITALS, None)
                row.update(shares)
            extra = heading if body == 0 else -repeated if body == 2 else 0
            if extra and BODY_CAPITALS in row:
                count = round(row[BODY_CAPITALS] * max(words, measures.MIN_WORDS) / 1000.0)
                row[BODY_CAPITALS] = measures.per_1000(count + extra, words)
        out[name] = replace(corpus, values=rows)
    return out


#: Label, title features (``both``: the two old shares; ``capitalised``/``in capitals``: one of
#: them; ``one``: the shipped ``title_capitalisation``), how the body counts all-caps words.
CAPITALS_VARIANTS = (
    ("(a) drop title_capitalised_share", "in capitals", 0),
    ("(b) drop title_all_caps_share", "capitalised", 0),
    ("(c) one feature, title_capitalisation", "one", 0),
    ("(d) body all-caps words without a heading read as the title", "both", 1),
    ("(c) + (d) (shipped)", "one", 1),
    ("(d2) body all-caps words without a title's line", "both", 2),
    ("(a) + (d2)", "in capitals", 2),
    ("(b) + (d2)", "capitalised", 2),
    ("(c) + (d2)", "one", 2),
)


def _capitals_columns(columns: list[Column], title: str) -> list[Column]:
    """The shipped columns with the title's capitals read as ``title`` says (sorted by key, as model_data's)."""
    kept = [c for c in columns if c.key != SHIPPED_CAPITALS] if title != "one" else list(columns)
    if title in ("both", "capitalised"):
        kept.append(Column("readability", "title_capitalised_share", "problem", "share"))
    if title in ("both", "in capitals"):
        kept.append(Column("readability", "title_all_caps_share", "problem", "share"))
    return sorted(kept, key=lambda c: c.key)


def capitals(columns: list[Column], scored: dict[str, model_data.Corpus], data: Path, resamples: int) -> None:
    """The headline-capitals round: each variant against the model before it (paired bootstrap intervals)."""
    docs = documents(data)
    docs["seeds"] = {a.id: Document.from_article(a) for a in Batch([str(model_data.SEEDS)], config().sources)}
    found = {name: [old_capitals(by_id[i]) for i in scored[name].ids] for name, by_id in docs.items()}
    before = _capitals_variant(scored, found, True, 0)
    base_columns = _capitals_columns(columns, "both")
    base = measure_fit(lambda names: fit_model.fit_on(base_columns, before, names), before)
    loco = " | ".join(f"LOCO {eval_model.NAMES[n]} [paired 95 %]" for n in TARGETS)
    print("\nHeadline capitals (each against the model before the round: both title shares)\n")
    print(f"| variant | {loco} | A/B {' / '.join(PROFESSIONAL_SETS)} | seeds | FA-KES |")
    print("|---" * 7 + "|")
    print(_capitals_row("before: both title shares, body counts a heading", base, base, {}), flush=True)
    for label, title, body in CAPITALS_VARIANTS:
        changed = _capitals_variant(scored, found, title != "one", body)
        chosen = _capitals_columns(columns, title)
        result = measure_fit(lambda names, c=changed, k=chosen: fit_model.fit_on(k, c, names), changed)
        intervals = {n: paired_interval(scored[n], base.held_out[n], result.held_out[n], resamples) for n in TARGETS}
        print(_capitals_row(label, result, base, intervals), flush=True)


#: The sets of professional copy whose share at A or B the rounds print.
PROFESSIONAL_SETS = ("BBC", *model_data.PROFESSIONAL_POLNEAR, "all")


def _capitals_row(label: str, result: ShapeResult, base: ShapeResult, intervals: dict[str, tuple[float, float]]) -> str:
    """One Markdown row of the capitals round (no interval: 0 to 0, the baseline's own)."""
    cells = []
    for n in TARGETS:
        low, high = intervals.get(n, (0.0, 0.0))
        cells.append(f"{result.loco[n]:.3f} ({result.loco[n] - base.loco[n]:+.3f} [{low:+.3f}, {high:+.3f}])")
    good = " / ".join(f"{100 * result.professional[s]:.1f}" for s in PROFESSIONAL_SETS)
    return f"| {label} | {' | '.join(cells)} | {good} | {result.seeds} | {result.fakes:.3f} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated candidate names, shape keys, brief or capitals (default: all but capitals)",
    )
    parser.add_argument("--greedy", action="store_true", help="combine the clearing candidates greedily")
    parser.add_argument("--resamples", type=int, default=1000, help="paired bootstrap draws of the model shapes")
    parser.add_argument(
        "--without",
        default="",
        help="comma-separated shipped features (scorer.name) left out of the baseline, e.g. those added since",
    )
    args = parser.parse_args(argv)
    only = set(filter(None, args.only.split(",")))
    unknown = sorted(only - {c.name for c in CANDIDATES} - {s.key for s in SHAPES} - {"brief", "capitals"})
    if unknown:  # before the corpora are loaded and scored (minutes), not after, measuring nothing
        parser.error(f"--only: no candidate named {', '.join(unknown)}")
    started = time.monotonic()
    columns, scored = model_data.load(args.data, args.workers)
    left_out = set(filter(None, args.without.split(",")))
    columns = [c for c in columns if c.key not in left_out]
    chosen = [c for c in CANDIDATES if not only or c.name in only]
    if chosen:
        candidates(columns, scored, chosen, args)
    shaped = [s for s in SHAPES if not only or s.key in only]
    if shaped:
        shapes(columns, scored, shaped, args.resamples)
    if not only or "brief" in only:
        briefs(columns, scored, args.resamples)
    if "capitals" in only:
        capitals(columns, scored, args.data, args.resamples)
    print(
        f"\n({len(columns)} shipped features, {len(chosen)} candidates, {len(shaped)} shapes; {time.monotonic() - started:.0f} s)"
    )
    return 0


def candidates(
    columns: list[Column], scored: dict[str, model_data.Corpus], chosen: Sequence[Candidate], args: argparse.Namespace
) -> None:
    """The candidate table (and the fit settings and the greedy combination when every candidate runs)."""
    add_candidates(scored, documents(args.data))
    base = measure(columns, scored)
    names = " | ".join(f"single {eval_model.NAMES[n]}" for n in (*TARGETS, "fakes"))
    loco = " | ".join(f"LOCO {eval_model.NAMES[n]}" for n in TARGETS)
    print(f"| candidate | direction | source | {names} | {loco} | BBC A/B | FA-KES (all-corpora fit) | bar |")
    print("|---" * 12 + "|")
    print(row("baseline (shipped features)", base, base, EMPTY))
    results: dict[str, Result] = {}
    for candidate in chosen:
        singles = " | ".join(single_auc(candidate, scored[n]) for n in (*TARGETS, "fakes"))
        results[candidate.name] = result = measure([*columns, column_of(candidate)], scored)
        label = f"`{candidate.name}`"
        print(row(label, result, base, f"{candidate.direction} | {candidate.source} | {singles} | "), flush=True)
    if len(chosen) == len(CANDIDATES):
        for label, settings in MODEL_VARIANTS:
            print(row(f"model: {label}", measure(columns, scored, settings), base, EMPTY), flush=True)
    if args.greedy:
        greedy(columns, scored, chosen, results, base)


def greedy(
    columns: list[Column],
    scored: dict[str, model_data.Corpus],
    chosen: Sequence[Candidate],
    results: dict[str, Result],
    base: Result,
) -> None:
    """Add clearing candidates best first (mean LOCO gain); keep each that clears against the set so far.

    So that small losses cannot pile up step by step, a step is also refused when it leaves
    a held-out AUC more than the tolerance below the best that corpus reached so far.
    """
    passing = [c for c in chosen if clears(results[c.name], base) and not c.artefact]
    passing.sort(key=lambda c: -sum(results[c.name].loco[n] - base.loco[n] for n in TARGETS))
    kept: list[Candidate] = []
    current = base
    best = dict(base.loco)
    print("\nGreedy combination of the clearing candidates (each against the set before it)\n")
    loco = " | ".join(f"LOCO {eval_model.NAMES[n]}" for n in TARGETS)
    print(f"| step | {loco} | BBC A/B | FA-KES (all-corpora fit) | bar |")
    print("|---" * 7 + "|")
    for candidate in passing:
        result = measure([*columns, *map(column_of, kept), column_of(candidate)], scored)
        ok = clears(result, current) and all(result.loco[n] >= best[n] - TOLERANCE for n in TARGETS)
        print(row(f"+ `{candidate.name}`", result, current, "", "kept" if ok else "dropped"), flush=True)
        if ok:
            kept.append(candidate)
            current = result
            best = {n: max(best[n], result.loco[n]) for n in TARGETS}
    print(f"\nkept: {', '.join(c.name for c in kept) or '(none)'}; against the baseline:\n")
    print(row("combination", current, base, ""))


if __name__ == "__main__":
    sys.exit(main())
