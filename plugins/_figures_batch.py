"""Batch pass of the figures scorer: the same source credited with different figures.

``observe`` keeps one small record per figure credited to a *named* source (the
source's names, the figure's kind and value, a few subject words from its sentence,
the article id and span): memory grows with the number of attributed figures, never
with the text of the batch. ``finish`` groups records by source and kind and pairs
figures from different articles that share subject words and differ by more than the
tolerance ratio.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from copydesk.plugins._figures_analysis import SOURCED, Attributed, analyse
from copydesk.text import Document

SUBJECT_WORDS = 12
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


@dataclass
class BatchState:
    """What the batch pass accumulates: settings and one record per attributed figure."""

    settings: Mapping[str, Any]
    records: list[Record] = field(default_factory=list)


@dataclass(frozen=True)
class Contradiction:
    """A figure of this article and the other article's figure it contradicts."""

    start: int
    end: int
    figure: str
    source: str
    other_article: str
    other_figure: str


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
    for item in analyse(document, state.settings):
        key = source_key(item.source)
        if item.verdict != SOURCED or not key or item.figure.value <= 0:
            continue
        figure = item.figure
        kind = f"{figure.kind}:{figure.unit}"
        subject = subject_words(document, item)
        span = text[figure.start : figure.end]
        record = Record(key, kind, figure.value, item.source, subject, document.id, figure.start, figure.end, span)
        state.records.append(record)


def _conflict(a: Record, b: Record, tolerance: float, overlap: int) -> bool:
    """Whether two records from different articles contradict each other."""
    if a.article == b.article or len(a.subject & b.subject) < overlap:
        return False
    low, high = sorted((a.value, b.value))
    return high / low > tolerance


def _contradiction(own: Record, other: Record) -> Contradiction:
    """The finding-to-be on ``own``'s article."""
    return Contradiction(own.start, own.end, own.text, own.shown, other.article, other.text)


def finish(state: BatchState) -> dict[str, tuple[Contradiction, ...]]:
    """Contradictions per article id, in reading order."""
    tolerance = float(state.settings["tolerance"])
    overlap = int(state.settings["subject_overlap"])
    groups: dict[tuple[str, str], list[Record]] = {}
    for record in state.records:
        groups.setdefault((record.source, record.kind), []).append(record)
    found: dict[str, set[Contradiction]] = {}
    for _, records in sorted(groups.items()):
        for i, a in enumerate(records):
            for b in records[i + 1 :]:
                if _conflict(a, b, tolerance, overlap):
                    found.setdefault(a.article, set()).add(_contradiction(a, b))
                    found.setdefault(b.article, set()).add(_contradiction(b, a))
    return {k: tuple(sorted(v, key=lambda c: (c.start, c.other_article, c.other_figure))) for k, v in found.items()}
