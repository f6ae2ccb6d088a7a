"""The boilerplate scorer's batch pass: what recurs across the articles of a batch.

``observe`` turns each article into hashes (normalised lines, sentences of at least
``repeated_min_sentence_words`` words, headline frames) and a MinHash signature;
``finish`` keeps the hashes found in at least two articles and the near-duplicate pairs.
The state never holds text: see :mod:`copydesk.plugins.boilerplate.hashing`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
from copydesk import Document, Settings, TextView
from copydesk.plugins.boilerplate.hashing import (
    U64,
    HashCounter,
    SignatureStore,
    digest,
    hash_array,
    key_hash,
    near_duplicates,
    signature,
)
from copydesk.plugins.boilerplate.lexicon import MAX_MATCH_CHARS, Lexicon, build
from copydesk.plugins.boilerplate.words import index_of

#: Words a stock headline frame is built from, beside its content words.
FRAME_WORDS = frozenset(
    """the a an of what how why when who it its it's for to is are this that these you your
    in on with and here's inside behind beyond new everything need know means""".split()
)
#: Characters that split a headline into parts ("Topic: What It Means for You").
HEADLINE_SPLITS = frozenset(":|?!–—")
_HEADLINE_MAX_WORDS = 20


class Headline(NamedTuple):
    """A headline-like span: the title, or a short unpunctuated line near the top of the body."""

    view: TextView
    start: int
    end: int


@dataclass(frozen=True)
class BatchStats:
    """What ``finish`` hands every article: repeated hashes with their article counts."""

    articles: int
    threshold: int
    keys: U64
    counts: npt.NDArray[np.uint32]
    near: dict[str, tuple[str, float]] = field(default_factory=dict)

    def count(self, key: str) -> int:
        """In how many articles of the batch ``key`` occurs (1 when it is not repeated)."""
        value = key_hash(key)
        index = int(np.searchsorted(self.keys, value))
        if index < len(self.keys) and self.keys[index] == value:
            return int(self.counts[index])
        return 1

    def count_all(self, keys: Sequence[str]) -> list[int]:
        """:meth:`count` of every key, in one vectorised look-up."""
        if not keys or not len(self.keys):
            return [1] * len(keys)
        values = np.frombuffer(b"".join(map(digest, keys)), dtype="<u8").astype(np.uint64)
        at = np.minimum(np.searchsorted(self.keys, values), len(self.keys) - 1)
        found = self.keys[at] == values
        return [int(c) for c in np.where(found, self.counts[at], 1).tolist()]


def line_key(words: str) -> str:
    """Hash key of a normalised line (see :func:`normal`)."""
    return "L:" + words


def sentence_key(words: str) -> str:
    """Hash key of a normalised sentence (see :func:`normal`)."""
    return "S:" + words


def frame_key(frame: str) -> str:
    """Hash key of a headline frame."""
    return "F:" + frame


def headlines(document: Document, first_lines: int) -> Iterator[Headline]:
    """The title and the headline-like lines among the body's first ``first_lines`` lines."""
    if document.title.lines and len(document.title.text) <= MAX_MATCH_CHARS:
        yield Headline(document.title, document.title.lines[0].start, document.title.lines[-1].end)
    body = document.body
    for line in body.lines[:first_lines]:
        if line.end - line.start > MAX_MATCH_CHARS or body.text[line.end - 1] in ".,;":
            continue
        first, last = index_of(body).count(line.start, line.end)
        if 3 <= last - first <= _HEADLINE_MAX_WORDS:
            yield Headline(body, line.start, line.end)


def frames(headline: Headline, lex: Lexicon) -> list[tuple[str, bool]]:
    """``(frame, from the lexicon)`` pairs of a headline: stock phrases, and part openings."""
    text = headline.view.text
    toks = index_of(headline.view).tokens(headline.start, headline.end)
    norms = [t.norm for t in toks]
    present = set(norms)
    found = {(" ".join(f), True) for f in lex.frames if f[0] in present and _contains(norms, f)}
    part_start = 0
    for i, tok in enumerate(toks):
        if i == part_start:
            found.update(_opening(norms[i : i + 4]))
        gap = text[tok.end : toks[i + 1].start] if i + 1 < len(toks) else ""
        if any(c in HEADLINE_SPLITS for c in gap):
            part_start = i + 1
    return sorted(found)


def _opening(words: list[str]) -> set[tuple[str, bool]]:
    """The first three words of a headline part, when they mix frame words and content words."""
    head = words[:3]
    if len(words) < 4 or not any(w in FRAME_WORDS for w in head) or all(w in FRAME_WORDS for w in head):
        return set()
    return {(" ".join(head), False)}


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    """True when ``phrase`` occurs as consecutive words of ``words``."""
    size = len(phrase)
    return any(tuple(words[i : i + size]) == phrase for i, w in enumerate(words) if w == phrase[0])


@dataclass
class _State:
    """The pass's running state: hash counts and signatures, no text."""

    settings: Settings
    counter: HashCounter = field(default_factory=HashCounter)
    store: SignatureStore = field(default_factory=SignatureStore)
    articles: int = 0


def start(settings: Settings) -> _State:
    """A fresh state for one batch."""
    return _State(settings)


def keys(document: Document, settings: Settings, lex: Lexicon) -> Iterator[str]:
    """Every hash key of one article: lines, long sentences, headline frames."""
    body = document.body
    min_words = int(settings["repeated_min_sentence_words"])
    index = index_of(body)
    for line in body.lines:
        words = index.normal(line.start, line.end)
        if words:
            yield line_key(words)
    for sentence in body.sentences:
        words = index.normal(sentence.start, sentence.end)
        if words.count(" ") + 1 >= min_words:
            yield sentence_key(words)
    for headline in headlines(document, int(settings["headline_lines"])):
        for frame, _ in frames(headline, lex):
            yield frame_key(frame)


def observe(state: _State, document: Document) -> None:
    """Count one article's keys and store its MinHash signature."""
    lex = build(state.settings)
    state.articles += 1
    state.counter.add(hash_array(keys(document, state.settings, lex)))
    words = index_of(document.body).low
    if len(words) >= int(state.settings["near_duplicate_min_words"]):
        sig = signature(words)
        if sig is not None:
            state.store.add(document.id, sig)


def finish(state: _State) -> BatchStats:
    """Keep the hashes found in at least two articles; pair the near duplicates."""
    settings = state.settings
    share = math.ceil(float(settings["repeated_min_share"]) * state.articles)
    threshold = max(2, int(settings["repeated_min_articles"]), share)
    repeated, counts = state.counter.repeated(2)
    near = near_duplicates(state.store, float(settings["near_duplicate_threshold"]))
    return BatchStats(state.articles, threshold, repeated, counts, near)


def frame_counts(document: Document, stats: BatchStats, lex: Lexicon, settings: Settings) -> Iterator[Any]:
    """``(headline, frame, count)`` for the most shared frame of each headline over its threshold."""
    generic_min = max(stats.threshold, int(settings["frame_min_articles"]))
    for headline in headlines(document, int(settings["headline_lines"])):
        best: tuple[int, str] | None = None
        for frame, known in frames(headline, lex):
            count = stats.count(frame_key(frame))
            if count >= (stats.threshold if known else generic_min) and (best is None or count > best[0]):
                best = (count, frame if known else frame + " ...")
        if best is not None:
            yield headline, best[1], best[0]
