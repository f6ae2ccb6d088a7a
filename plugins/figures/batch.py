"""Batch pass of the figures scorer: the same source credited with different figures.

``observe`` keeps one small record per figure credited to a *named* source (the
source's names, the figure's kind and value, a few subject words from its sentence,
the article id and span): memory grows with the number of attributed figures, never
with the text of the batch. ``finish`` groups records by source and kind, folds
records with the same value and subject words into one claim, and pairs claims that
share subject words and differ by more than the tolerance ratio; each figure then gets
one contradiction (the first other article, and how many others there are), so a
batch of near-copies costs claims squared, not articles squared.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from copydesk import Document
from copydesk.plugins.figures.analysis import SOURCED, Attributed, analyse

SUBJECT_WORDS = 12
MAX_CLAIMS = 2000  # distinct claims compared pairwise per (source, kind) group
NEAR = 160
STOPWORDS = frozenset(
    """the a an and or but of to in on at by for from with as is are was were be been will would
    that this these those it its their his her they he she we our which who whom what over under
    more than less about around nearly almost some estimated estimate estimates according said says
    reported report also only just per cent percent million billion trillion thousand dollars""".split()
)


@dataclass(frozen=True)
class Record:
    """One figure credited to a named source, as the batch pass keeps it."""

    source: str
    kind: str
    value: float
    shown: str
    subject: frozenset[str]
    article: str
    start: int
    end: int
    text: str
    index: int = 0  # the article's place in the batch (observe order)


@dataclass
class BatchState:
    """What the batch pass accumulates: settings and one record per attributed figure."""

    settings: Mapping[str, Any]
    records: list[Record] = field(default_factory=list)
    articles: int = 0


@dataclass
class Claim:
    """Records of one group (source, kind) with the same value and subject words."""

    value: float
    subject: frozenset[str]
    records: list[Record] = field(default_factory=list)
    # the first record of each article that makes this claim, in batch order
    firsts: list[Record] = field(default_factory=list)

    def add(self, record: Record) -> None:
        """Add a record (records arrive in batch order)."""
        self.records.append(record)
        if not self.firsts or self.firsts[-1].index != record.index:
            self.firsts.append(record)


@dataclass(frozen=True)
class Contradiction:
    """A figure of this article and the other article's figure it contradicts."""

    start: int
    end: int
    figure: str
    source: str
    other_article: str
    other_figure: str
    others: int = 1  # how many other articles contradict this figure (``other_article`` is the first)


def source_key(source: str) -> str:
    """The names in a source phrase ("a recent CBO report" -> "cbo"), or "" if none."""
    names = [w.strip(".,'’s") for w in source.split() if w[:1].isupper() and w.lower() not in STOPWORDS]
    return " ".join(n.lower() for n in names if n)


def _bare(word: str) -> str:
    """A word lower-cased, without possessive or punctuation ("Ukraine's," -> "ukraine")."""
    letters = "".join(ch for ch in word.lower().replace("’", "'").removesuffix("'s") if ch.isalpha())
    return letters.removesuffix("s") if len(letters) > 4 and not letters.endswith("ss") else letters


def subject_words(document: Document, item: Attributed) -> frozenset[str]:
    """Up to SUBJECT_WORDS content words of the figure's sentence near the figure (±NEAR chars)."""
    view = document.body
    sentence = view.sentences[item.sentence]
    left, right = max(sentence.start, item.figure.start - NEAR), min(sentence.end, item.figure.end + NEAR)
    words = [_bare(w) for w in view.text[left:right].split()]
    source = set(source_key(item.source).split())
    kept = [w for w in words if len(w) > 3 and w not in STOPWORDS and w not in source]
    return frozenset(kept[:SUBJECT_WORDS])


def start(settings: Mapping[str, Any]) -> BatchState:
    """A fresh batch state."""
    return BatchState(settings)


def observe(state: BatchState, document: Document) -> None:
    """Keep a record of every figure of ``document`` credited to a named source."""
    text = document.body.text
    index = state.articles
    state.articles += 1
    for item in analyse(document, state.settings):
        key = source_key(item.source)
        if item.verdict != SOURCED or not key or item.figure.value <= 0:
            continue
        figure = item.figure
        kind = f"{figure.kind}:{figure.unit}"
        subject = subject_words(document, item)
        span = text[figure.start : figure.end]
        record = Record(
            key, kind, figure.value, item.source, subject, document.id, figure.start, figure.end, span, index
        )
        state.records.append(record)


def _conflict(a: Claim, b: Claim, tolerance: float, overlap: int) -> bool:
    """Whether two claims of one group contradict each other."""
    low, high = sorted((a.value, b.value))
    return high / low > tolerance and len(a.subject & b.subject) >= overlap


def _group_contradictions(claims: list[Claim], tolerance: float, overlap: int) -> Iterator[tuple[str, Contradiction]]:
    """The contradictions among the claims of one (source, kind) group.

    Claims are compared pairwise (at most MAX_CLAIMS of them, in batch order). Each
    record then gets at most one contradiction: the first other article (in batch
    order) with a conflicting claim, and how many other articles have one. So a batch
    of near-copies gives one finding per figure, not one per pair of articles, and the
    result stays proportional to the records.
    """
    claims = claims[:MAX_CLAIMS]
    against: list[list[int]] = [[] for _ in claims]
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            if _conflict(a, claims[j], tolerance, overlap):
                against[i].append(j)
                against[j].append(i)
    # which claims each article makes, to leave an article's own claims out of its count
    made: dict[int, set[int]] = {}
    for number, claim in enumerate(claims):
        for record in claim.firsts:
            made.setdefault(record.index, set()).add(number)
    for number, claim in enumerate(claims):
        if not against[number]:
            continue
        total = sum(len(claims[j].firsts) for j in against[number])
        # the two earliest articles of each conflicting claim: one of them is another article
        earliest = sorted((r.index, j, r) for j in against[number] for r in claims[j].firsts[:2])
        conflicting = set(against[number])
        for record in claim.records:
            others = total - len(made[record.index] & conflicting)
            first = next((r for index, _, r in earliest if index != record.index), None)
            if others <= 0 or first is None:
                continue
            found = Contradiction(
                record.start, record.end, record.text, record.shown, first.article, first.text, others
            )
            yield record.article, found


def finish(state: BatchState) -> dict[str, tuple[Contradiction, ...]]:
    """Contradictions per article id, in reading order."""
    tolerance = float(state.settings["tolerance"])
    overlap = int(state.settings["subject_overlap"])
    groups: dict[tuple[str, str], dict[tuple[float, frozenset[str]], Claim]] = {}
    for record in state.records:
        claims = groups.setdefault((record.source, record.kind), {})
        claim = claims.get((record.value, record.subject))
        if claim is None:
            claim = claims[record.value, record.subject] = Claim(record.value, record.subject)
        claim.add(record)
    found: dict[str, set[Contradiction]] = {}
    for _, claims in sorted(groups.items()):
        for article, contradiction in _group_contradictions(list(claims.values()), tolerance, overlap):
            found.setdefault(article, set()).add(contradiction)
    return {k: tuple(sorted(v, key=lambda c: (c.start, c.other_article, c.other_figure))) for k, v in found.items()}
