"""Batch pass of the figures scorer: the same source credited with different figures.

``observe`` keeps one small record per figure credited to a *named* source (the
source's names, the figure's kind and value, a few subject words from its sentence,
the article id and span), never the text of the batch; past :data:`SPILL_AT` records
and per-article values they move to SQLite's private temporary database
(:class:`Spill`), so memory does not grow with the batch. ``finish`` groups records by
source and kind, folds records with the same value and subject words into one claim
(which keeps its articles' places, not its records), and pairs claims that share
subject words and differ by more than the tolerance ratio; each figure then gets one
contradiction (the first other article, and how many others there are), so a batch of
near-copies costs claims squared, not articles squared. The contradictions per article
are handed on as a :class:`copydesk.SpilledMap` on disk.

The same map hands on each article's analysis, so the per-article pass does not analyse
again: ``observe`` keeps what the FIG001/FIG002 findings need (:func:`verdicts`) under a
digest of the body text and the settings the analysis reads (:func:`verdicts_key`), and
``score`` looks it up; a text the batch pass did not see (a suppressed finding's masked
copy, an article whose pass failed) is analysed there. Contradictions are keyed
``"c" + article id``, analyses ``"r" + digest``, so no id can name an analysis.
"""

from __future__ import annotations

import array
import hashlib
import itertools
import pickle
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from itertools import groupby, pairwise
from typing import Any

from copydesk import Document, SpilledMap
from copydesk.plugins.figures.analysis import LEXICON_KEYS, SOURCED, UNSOURCED, VAGUE, Attributed, analyse
from copydesk.plugins.figures.features import figure_counts, figure_matches
from copydesk.plugins.figures.measure import measure, same_measure, times

SUBJECT_WORDS = 12
MAX_CLAIMS = 2000  # distinct claims compared pairwise per (source, kind) group
#: Records and per-article values a state holds in memory before it moves them to SQLite's temporary database.
SPILL_AT = 2048
#: SQLite's page cache for the spilled records, in KiB (negative: a size, not a page count).
SPILL_CACHE_KIB = 1024
NEAR = 10  # words either side of a figure read for its subject words
NEAR_CHARS = 160  # at most this many characters either side (bounds the work)
STOPWORDS = frozenset(
    """the a an and or but of to in on at by for from with as is are was were be been will would
    that this these those it its their his her they he she we our which who whom what over under
    more than less about around nearly almost some estimated estimate estimates according said says
    reported report also only just per cent percent million billion trillion thousand dollars""".split()
)
#: A source of one word that is a pronoun ("I think maybe 1,500 ...") names nobody.
PRONOUNS = frozenset({"i"})
#: Head nouns of a source that publishes a series of releases: a pollster's or a tally's
#: figures of different dates share the topic's words ("Trump", "voters", "delegates"),
#: so two of them must share one subject word more than ``subject_overlap`` to be paired.
SERIES = frozenset("poll polls polling survey surveys count tally average tracking tracker".split())
#: What joins two figures of a list of alternatives ("100,000, 200,000 or 250,000"): none of them is a claim.
ALTERNATIVES = re.compile(r"\s*(?:,\s*(?:or\s+)?|or\s+)")
#: One unsourced or vaguely sourced figure as the findings need it: start, end, kind, value, unit, verdict, source.
Verdict = tuple[int, int, str, float, str, str, str]
#: What the finished map keeps of a text: its :func:`verdicts`, and how many figures the
#: features count in it and how many of those are unattributed (``features.figure_counts``).
Reading = tuple[tuple[Verdict, ...], tuple[int, int]]
#: Key prefixes in the finished map: an article's contradictions, a text's verdicts.
FOUND, VERDICTS = "c", "r"


def verdicts(items: Iterable[Attributed]) -> tuple[Verdict, ...]:
    """The unsourced and vaguely sourced figures of an analysis, as the findings need them, in reading order."""
    return tuple(
        (i.figure.start, i.figure.end, i.figure.kind, i.figure.value, i.figure.unit, i.verdict, i.source)
        for i in items
        if i.verdict in (UNSOURCED, VAGUE)
    )


def verdicts_key(text: str, settings: Mapping[str, Any]) -> str:
    """The finished map's key of the verdicts of a body ``text`` analysed with ``settings`` (a digest of both)."""
    lists = tuple(tuple(str(v) for v in settings[key]) for key in LEXICON_KEYS)  # as the analysis reads them
    read = (repr(int(settings["window"])), repr(float(settings["large_count"])), repr(lists))
    # SHA-256 (128 bits of it): hashed by the processor's SHA instructions where it has them, about
    # twice as fast as BLAKE2b on a body here
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
    digest.update("\0".join(read).encode("utf-8", "surrogatepass"))
    return VERDICTS + digest.hexdigest()[:32]


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
    measure: str = ""  # the counted noun ("displaced", "package"), "" if none is written
    times: frozenset[str] = frozenset()  # years, months and periods written near the figure
    series: bool = False  # the source is a poll, survey, count or tally (one release of a series)


class Spill:
    """Records, per-article values and contradictions in SQLite's private temporary database.

    The database has an empty file name: SQLite deletes its file as soon as it is opened,
    so nothing is left behind however the run ends.
    """

    def __init__(self) -> None:
        import sqlite3

        self.db = sqlite3.connect("", isolation_level=None)
        for statement in (
            f"PRAGMA cache_size = -{SPILL_CACHE_KIB}",
            "PRAGMA journal_mode = OFF",
            "PRAGMA synchronous = OFF",
            "CREATE TABLE records (seq INTEGER PRIMARY KEY, source BLOB, kind BLOB, record BLOB)",
            "CREATE TABLE vals (article INTEGER PRIMARY KEY, vals BLOB)",
            "CREATE TABLE found (seq INTEGER PRIMARY KEY, article BLOB, found BLOB)",
            "CREATE TABLE verdicts (key TEXT PRIMARY KEY, verdicts BLOB)",
        ):
            self.db.execute(statement)
        self.values = 0  # articles whose values are here

    def add(
        self,
        records: Iterable[Record],
        values: list[frozenset[tuple[str, float]]],
        verdicts: Mapping[str, Reading],
    ) -> None:
        """Append records (in batch order), the next articles' values, and verdicts by key (a key kept once)."""
        self.db.executemany(
            "INSERT OR IGNORE INTO verdicts VALUES (?, ?)",
            ((k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in verdicts.items()),
        )
        self.db.executemany(
            "INSERT INTO records (source, kind, record) VALUES (?, ?, ?)",
            ((_bytes(r.source), _bytes(r.kind), pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL)) for r in records),
        )
        self.db.executemany(
            "INSERT INTO vals VALUES (?, ?)",
            ((self.values + k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in enumerate(values)),
        )
        self.values += len(values)

    def records(self, grouped: bool = True) -> Iterator[Record]:
        """Every record, by (source, kind) and in batch order within each (``grouped``), else in batch order."""
        order = "source, kind, seq" if grouped else "seq"
        for (blob,) in self.db.execute(f"SELECT record FROM records ORDER BY {order}"):
            record: Record = pickle.loads(blob)
            yield record

    def value(self, article: int) -> frozenset[tuple[str, float]]:
        """The values of one article (by its place in the batch)."""
        (blob,) = self.db.execute("SELECT vals FROM vals WHERE article = ?", (article,)).fetchone()
        found: frozenset[tuple[str, float]] = pickle.loads(blob)
        return found

    def verdicts(self) -> Iterator[tuple[str, Reading]]:
        """Every text's verdicts, by key."""
        for key, blob in self.db.execute("SELECT key, verdicts FROM verdicts"):
            yield key, pickle.loads(blob)

    def keep(self, found: Iterable[tuple[str, Contradiction]]) -> None:
        """Store contradictions found, by article id."""
        self.db.executemany(
            "INSERT INTO found (article, found) VALUES (?, ?)",
            ((_bytes(article), pickle.dumps(c, protocol=pickle.HIGHEST_PROTOCOL)) for article, c in found),
        )

    def found(self) -> Iterator[tuple[str, list[Contradiction]]]:
        """The contradictions stored, grouped by article id."""
        rows = self.db.execute("SELECT article, found FROM found ORDER BY article, seq")
        for article, group in groupby(rows, key=lambda row: bytes(row[0])):
            yield article.decode("utf-8", "surrogatepass"), [pickle.loads(blob) for _, blob in group]

    def groups(self) -> Iterator[tuple[str, Callable[[], Iterator[Record]]]]:
        """Each (source, kind) group, sorted: its kind and what reads its records in batch order."""
        self.db.execute("CREATE INDEX IF NOT EXISTS grouped ON records (source, kind, seq)")
        for source, kind in self.db.execute(
            "SELECT DISTINCT source, kind FROM records ORDER BY source, kind"
        ).fetchall():
            yield bytes(kind).decode("utf-8", "surrogatepass"), partial(self._group, source, kind)

    def _group(self, source: bytes, kind: bytes) -> Iterator[Record]:
        """The records of one group, in batch order."""
        query = "SELECT record FROM records WHERE source = ? AND kind = ? ORDER BY seq"
        for (blob,) in self.db.execute(query, (source, kind)):
            record: Record = pickle.loads(blob)
            yield record

    def close(self) -> None:
        """Drop the database."""
        self.db.close()


def _bytes(text: str) -> bytes:
    """``text`` as UTF-8 (lone surrogates too): bytes sort as the text's code points do."""
    return text.encode("utf-8", "surrogatepass")


@dataclass
class BatchState:
    """What the batch pass accumulates: settings and one record per attributed figure.

    Past :data:`SPILL_AT` records and values, they move to a :class:`Spill`; ``records``
    and ``values`` then hold the ones not yet moved (values of the articles from
    ``spill.values`` on).
    """

    settings: Mapping[str, Any]
    records: list[Record] = field(default_factory=list)
    articles: int = 0
    # every figure of each article as (kind, value), by batch order: two values that one
    # article gives side by side ("36%, up from 7%") never contradict each other
    values: list[frozenset[tuple[str, float]]] = field(default_factory=list)
    #: Each text's :data:`Reading`, by :func:`verdicts_key` (for the per-article pass), not yet moved.
    verdicts: dict[str, Reading] = field(default_factory=dict)
    spill: Spill | None = None

    def value(self, article: int) -> frozenset[tuple[str, float]]:
        """The values of the article at ``article`` in the batch."""
        moved = self.spill.values if self.spill is not None else 0
        return self.values[article - moved] if article >= moved else self.spill.value(article)  # type: ignore[union-attr]

    def move(self, always: bool = False) -> None:
        """Move the records, values and verdicts to the spill once there are :data:`SPILL_AT` records and values, or verdicts (or ``always``)."""
        if always or len(self.records) + len(self.values) >= SPILL_AT or len(self.verdicts) >= SPILL_AT:
            if self.spill is None:
                self.spill = Spill()
            self.spill.add(self.records, self.values, self.verdicts)
            self.records, self.values, self.verdicts = [], [], {}

    def __getstate__(self) -> dict[str, Any]:
        """A chunk's state crosses to the merging process whole (it is small): its records and values in memory."""
        if self.spill is None:
            return dict(self.__dict__)
        state = dict(self.__dict__, spill=None)
        state["records"] = [*self.spill.records(grouped=False), *self.records]
        state["values"] = [self.spill.value(k) for k in range(self.spill.values)] + self.values
        state["verdicts"] = {**dict(self.spill.verdicts()), **self.verdicts}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.move()


@dataclass
class Claim:
    """Records of one group (source, kind) with the same value and subject words.

    It keeps the place in the batch of each article that makes it (in batch order) and
    the first record of the first two such articles, not every record: the group's
    records are read again for the contradictions.
    """

    value: float
    subject: frozenset[str]
    measure: tuple[str, frozenset[str]] = ("", frozenset())
    #: The place of each article that makes this claim, in batch order.
    articles: array.array[int] = field(default_factory=lambda: array.array("q"))
    #: The first record of the first two of those articles.
    early: list[Record] = field(default_factory=list)
    series: bool = False  # some record credits the claim to a poll, survey, count or tally

    def add(self, record: Record) -> None:
        """Add a record (records arrive in batch order)."""
        self.series = self.series or record.series
        if not self.articles or self.articles[-1] != record.index:
            self.articles.append(record.index)
            if len(self.early) < 2:
                self.early.append(record)


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
    return " ".join(n.lower() for n in names if n and n.lower() not in PRONOUNS)


@lru_cache(maxsize=4096)
def _bare(word: str) -> str:
    """A word lower-cased, without possessive or punctuation ("Ukraine's," -> "ukraine"); each form read once."""
    letters = "".join(ch for ch in word.lower().replace("’", "'").removesuffix("'s") if ch.isalpha())
    return letters.removesuffix("s") if len(letters) > 4 and not letters.endswith("ss") else letters


def subject_words(document: Document, item: Attributed) -> frozenset[str]:
    """Up to SUBJECT_WORDS content words of the figure's sentence near the figure (NEAR words either side).

    Only the words next to the figure count: two figures of one long sentence ("2% of
    children live in poor homes ... 60% of children are well educated") share the
    sentence's words but not their neighbours.
    """
    view = document.body
    sentence = view.sentences[item.sentence]
    text = view.text
    before = text[max(sentence.start, item.figure.start - NEAR_CHARS) : item.figure.start].split()[-NEAR:]
    after = text[item.figure.end : min(sentence.end, item.figure.end + NEAR_CHARS)].split()[:NEAR]
    words = [_bare(w) for w in before + after]
    # the source's own words ("poll", "count", "Post-ABC") say who, not what: both records share them
    source = {_bare(w) for w in item.source.split()}
    kept = [w for w in words if len(w) > 3 and w not in STOPWORDS and w not in source]
    return frozenset(kept[:SUBJECT_WORDS])


def _series(source: str) -> bool:
    """Whether a source phrase names a poll, survey, count or tally ("a new Gallup poll")."""
    return any(w.strip(".,;:'’").lower() in SERIES for w in source.split())


def _listed(items: list[Attributed], text: str) -> set[int]:
    """Indexes of the figures written as a list of alternatives ("100,000, 200,000 or 250,000")."""
    spans = sorted((item.figure.start, item.figure.end, n) for n, item in enumerate(items))
    listed: set[int] = set()
    for (_, end, n), (start, _, m) in pairwise(spans):
        if 0 < start - end <= 6 and ALTERNATIVES.fullmatch(text, end, start):
            listed.update((n, m))
    return listed


def start(settings: Mapping[str, Any]) -> BatchState:
    """A fresh batch state."""
    return BatchState(settings)


def observe(state: BatchState, document: Document) -> None:
    """Keep a record of every figure of ``document`` credited to a named source."""
    view = document.body
    index = state.articles
    state.articles += 1
    runs: list[tuple[int, int]] = []
    items = analyse(document, state.settings, runs)
    key = verdicts_key(view.text, state.settings)
    if key not in state.verdicts:
        counts = figure_counts(view, figure_matches(view.text, runs))  # the digit runs the analysis found
        state.verdicts[key] = (verdicts(items), counts)
    state.values.append(frozenset((f"{i.figure.kind}:{i.figure.unit}", i.figure.value) for i in items))
    listed = _listed(items, view.text)
    for number, item in enumerate(items):
        key = source_key(item.source)
        figure = item.figure
        if item.verdict != SOURCED or not key or figure.value <= 0 or figure.kind == "magnitude" or number in listed:
            continue
        sentence = view.sentences[item.sentence]
        bounds = (sentence.start, sentence.end)
        record = Record(
            key,
            f"{figure.kind}:{figure.unit}",
            figure.value,
            item.source,
            subject_words(document, item),
            document.id,
            figure.start,
            figure.end,
            view.text[figure.start : figure.end],
            index,
            measure(view.text, figure.start, figure.end, figure.kind, bounds),
            times(view.text, figure.start, figure.end, bounds),
            _series(item.source),
        )
        state.records.append(record)
    state.move()


def merge(earlier: BatchState, later: BatchState) -> BatchState:
    """Append a later chunk's records and values, its articles numbered after the earlier chunk's."""
    offset = earlier.articles
    whole = later.__getstate__()
    earlier.records.extend(replace(record, index=record.index + offset) for record in whole["records"])
    earlier.values.extend(whole["values"])
    for key, found in whole["verdicts"].items():
        earlier.verdicts.setdefault(key, found)
    earlier.articles += later.articles
    earlier.move()
    return earlier


def _together(a: Claim, b: Claim, kind: str, state: BatchState) -> bool:
    """Whether an article making one claim also gives the other's value (both can be true)."""
    return any((kind, b.value) in state.value(index) for index in a.articles) or any(
        (kind, a.value) in state.value(index) for index in b.articles
    )


def _conflict(a: Claim, b: Claim, settings: tuple[float, int]) -> bool:
    """Whether two claims of one group could contradict: same measure, subject, beyond tolerance."""
    tolerance, overlap = settings
    low, high = sorted((a.value, b.value))
    if high / low <= tolerance or len(a.subject & b.subject) < overlap + (a.series or b.series):
        return False
    return same_measure(a.measure, b.measure)


def _pairs(claims: list[Claim], kind: str, state: BatchState) -> list[list[int]]:
    """For each claim (at most MAX_CLAIMS, in batch order), the claims that contradict it."""
    settings = (float(state.settings["tolerance"]), int(state.settings["subject_overlap"]))
    against: list[list[int]] = [[] for _ in claims]
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            b = claims[j]
            if _conflict(a, b, settings) and not _together(a, b, kind, state):
                against[i].append(j)
                against[j].append(i)
    return against


def _key(record: Record) -> tuple[float, frozenset[str], str, frozenset[str]]:
    """What records of one claim share: value, subject words, measure, times."""
    return (record.value, record.subject, record.measure, record.times)


def _group_contradictions(
    claims: list[Claim], against: list[list[int]], numbers: Mapping[Any, int], records: Iterable[Record]
) -> Iterator[tuple[str, Contradiction]]:
    """The contradictions among the claims of one (source, kind) group.

    Each record gets at most one contradiction: the first other article (in batch
    order) with a conflicting claim, and how many other articles have one. So a batch
    of near-copies gives one finding per figure, not one per pair of articles, and the
    result stays proportional to the records. ``records`` are the group's records again,
    in batch order (an article's are next to each other); ``numbers`` gives each listed
    claim's place by its key.
    """
    total = [sum(len(claims[j].articles) for j in conflicting) for conflicting in against]
    # the two earliest articles of each conflicting claim: one of them is another article
    earliest = [sorted((r.index, j, r) for j in conflicting for r in claims[j].early) for conflicting in against]
    sets = [set(conflicting) for conflicting in against]
    for _, own in groupby(records, key=lambda r: r.index):
        mine = [(numbers.get(_key(record)), record) for record in own]
        made = {number for number, _ in mine if number is not None}  # the listed claims this article makes
        for number, record in mine:
            if number is None or not against[number]:
                continue
            others = total[number] - len(made & sets[number])
            first = next((r for index, _, r in earliest[number] if index != record.index), None)
            if others <= 0 or first is None:
                continue
            found = Contradiction(
                record.start, record.end, record.text, record.shown, first.article, first.text, others
            )
            yield record.article, found


def _groups(state: BatchState) -> Iterator[tuple[str, Callable[[], Iterator[Record]]]]:
    """Each (source, kind) group, sorted: its kind and what reads its records in batch order (again and again)."""
    if state.spill is not None:
        state.move(always=True)
        yield from state.spill.groups()
        return
    records = sorted(state.records, key=lambda r: (r.source, r.kind))  # stable: batch order within a group
    for (_, kind), group in groupby(records, key=lambda r: (r.source, r.kind)):
        yield kind, partial(iter, list(group))


def _contradictions(state: BatchState) -> Iterator[tuple[str, Contradiction]]:
    """Every contradiction found, with the id of the article it is in."""
    for kind, records in _groups(state):
        grouped: dict[tuple[float, frozenset[str], str, frozenset[str]], Claim] = {}
        for record in records():
            key = _key(record)
            claim = grouped.get(key)
            if claim is None:
                claim = grouped[key] = Claim(record.value, record.subject, (record.measure, record.times))
            claim.add(record)
        numbers = {key: number for number, key in enumerate(itertools.islice(grouped, MAX_CLAIMS))}
        listed = list(grouped.values())[:MAX_CLAIMS]
        yield from _group_contradictions(listed, _pairs(listed, kind, state), numbers, records())


def _ordered(found: Iterable[Contradiction]) -> tuple[Contradiction, ...]:
    """An article's contradictions without repeats, in reading order (then by every other field)."""
    return tuple(
        sorted(
            set(found), key=lambda c: (c.start, c.other_article, c.other_figure, c.end, c.figure, c.source, c.others)
        )
    )


def finish(state: BatchState) -> SpilledMap:
    """Contradictions per article id (in reading order) and verdicts per text (on disk: see :class:`copydesk.SpilledMap`).

    The keys: ``FOUND + article id`` and :func:`verdicts_key`.
    """
    if state.spill is None:
        found: dict[str, list[Contradiction]] = {}
        for article, contradiction in _contradictions(state):
            found.setdefault(article, []).append(contradiction)
        contradictions: Iterable[tuple[str, list[Contradiction]]] = found.items()
        texts: Iterable[tuple[str, Reading]] = state.verdicts.items()
    else:
        state.spill.keep(_contradictions(state))  # moves the verdicts too (``_groups``)
        contradictions, texts = state.spill.found(), state.spill.verdicts()
    kept = ((FOUND + k, _ordered(v)) for k, v in contradictions)
    return SpilledMap.build(itertools.chain(kept, texts))
