"""The boilerplate scorer's batch pass: what recurs across the articles of a batch.

``observe`` turns each article into hashes (normalised lines, sentences of at least
``repeated_min_sentence_words`` words, headline frames) and a MinHash signature;
``finish`` groups the articles into stories (near duplicates and rewrites: MinHash
similarity of at least ``repeated_cluster_threshold``), keeps the hashes found in at least
two distinct stories, counted once per story, and the near-duplicate pairs. Text that
recurs only inside one story is duplication (TPL005), not template. The state never holds
text: see :mod:`copydesk.plugins.boilerplate.hashing`.
"""

from __future__ import annotations

import math
import sys
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, islice, pairwise
from typing import Any

import numpy as np
import numpy.typing as npt
from copydesk import Document, Settings, SpilledMap, TextView
from copydesk.plugins.boilerplate.frames import frames, headlines
from copydesk.plugins.boilerplate.hashing import (
    U64,
    HashCounter,
    RecordLog,
    SignatureStore,
    digest,
    key_digest,
    key_hash,
    near_pairs,
    signature,
    span_digest,
    unique,
    unique_counts,
    word_digests,
)
from copydesk.plugins.boilerplate.hints import hints
from copydesk.plugins.boilerplate.lexicon import Lexicon, build, normal, options
from copydesk.plugins.boilerplate.words import index_of

#: Hashes of one story's articles counted at once (the rest wait in sorted arrays).
_GROUP_FLUSH = 1 << 16


@dataclass(frozen=True)
class BatchStats:
    """What ``finish`` hands every article: repeated hashes with their article counts."""

    articles: int
    threshold: int
    keys: U64
    counts: npt.NDArray[np.uint32]
    #: ``id -> (other id, estimated Jaccard)`` for each article with a near duplicate (a dict, or on disk).
    near: Mapping[str, tuple[str, float]] = field(default_factory=dict)
    sentence_threshold: int = 2
    #: ``id -> record`` of what the batch pass found for each article (see :func:`_records`): None for a
    #: shared id. Valid only for settings whose :func:`made_with` is :attr:`made_with`.
    records: Mapping[str, Any] = field(default_factory=dict)
    made_with: tuple[Any, ...] = ()

    def record(self, document: Document, settings: Settings) -> tuple[bytes, bytes, bytes, Any, bytes] | None:
        """The batch pass's record of ``document`` (see :func:`_records`), or None when there is none to trust.

        None unless the pass ran with the same keying settings and saw this very text
        (title and body) under this id, and no other article of the batch had the id.
        """
        if not self.made_with or self.made_with != made_with(settings):
            return None
        found: tuple[bytes, bytes, bytes, Any, bytes] | None = self.records.get(document.id)
        return found if found is not None and found[0] == fingerprint(document) else None

    def count(self, key: str) -> int:
        """In how many distinct stories of the batch ``key`` occurs (1 when it is not repeated)."""
        value = key_hash(key)
        index = int(np.searchsorted(self.keys, value))
        if index < len(self.keys) and self.keys[index] == value:
            return int(self.counts[index])
        return 1

    def count_all(self, keys: Sequence[str]) -> list[int]:
        """:meth:`count` of every key, in one vectorised look-up."""
        return self.counts_of(b"".join(map(key_digest, keys)))

    def counts_of(self, digests: bytes) -> list[int]:
        """:meth:`count` of each key given by its 8-byte :func:`~copydesk.plugins.boilerplate.hashing.key_digest` (joined)."""
        if not digests or not len(self.keys):
            return [1] * (len(digests) // 8)
        values = np.frombuffer(digests, dtype="<u8").astype(np.uint64)
        at = np.minimum(np.searchsorted(self.keys, values), len(self.keys) - 1)
        found = self.keys[at] == values
        counts: list[int] = np.where(found, self.counts[at], 1).tolist()  # Python ints already
        return counts


def made_with(settings: Settings) -> tuple[Any, ...]:
    """The settings an article's keys depend on: long sentences' words, headline lines, the lexicon."""
    return int(settings["repeated_min_sentence_words"]), int(settings["headline_lines"]), options(settings)


def fingerprint(document: Document) -> bytes:
    """The 8-byte digest of the article's title and body, as analysed (the batch pass and the scoring pass compare them)."""
    title = document.title.text
    return digest(f"{len(title)}:{title}{document.body.text}")


def line_key(words: str) -> str:
    """Hash key of a normalised line (see :func:`normal`)."""
    return "L:" + words


def sentence_key(words: str) -> str:
    """Hash key of a normalised sentence (see :func:`normal`)."""
    return "S:" + words


def frame_key(frame: str) -> str:
    """Hash key of a headline frame."""
    return "F:" + frame


@dataclass
class _State:
    """The pass's running state: hash counts and signatures (with each article's id and hashes, on disk), no text."""

    settings: Settings
    counter: HashCounter = field(default_factory=HashCounter)
    store: SignatureStore = field(default_factory=SignatureStore)
    #: Per article in order: its id, fingerprint, signature row, keys' hashes and their slots, hints (see :func:`observe`).
    log: RecordLog = field(default_factory=RecordLog)
    articles: int = 0


def start(settings: Settings) -> _State:
    """A fresh state for one batch."""
    return _State(settings)


def keys(document: Document, settings: Settings, lex: Lexicon) -> Iterator[str]:
    """Every hash key of one article: lines, long sentences, headline frames."""
    yield from slotted_keys(document, settings, lex)[1]


def slotted_keys(document: Document, settings: Settings, lex: Lexicon) -> tuple[list[int], list[str]]:
    """:func:`keys` with each one's slot: line ``i`` is ``i``, sentence ``k`` is lines + ``k``, a frame past both.

    A sentence without words, keyed when ``repeated_min_sentence_words`` is at most 1 (it
    counts as one word, as ``"".count(" ") + 1``), has slot -1: the scoring pass looks up
    only sentences with words.
    """
    body = document.body
    min_words = int(settings["repeated_min_sentence_words"])
    index = index_of(body)
    lines = index.normals(body.lines)
    slots = list(compress(range(len(lines)), lines))
    out = list(map(line_key, filter(None, lines)))
    sentences = index.normals(body.sentences, min_words)
    first = len(lines)
    if min_words <= 1:
        slots += [first + k if words else -1 for k, words in enumerate(sentences)]
        out += map(sentence_key, sentences)
    else:
        slots += compress(range(first, first + len(sentences)), sentences)
        out += map(sentence_key, filter(None, sentences))
    first += len(sentences)
    for headline in headlines(document, int(settings["headline_lines"]), lex):
        for frame, _ in frames(headline, lex):
            slots.append(first)
            out.append(frame_key(frame))
    return slots, out


def slotted_digests(
    document: Document, settings: Settings, lex: Lexicon, words: bytes, headline_frames: bool = True
) -> tuple[list[int], bytes]:
    """:func:`slotted_keys` with each key's :func:`~copydesk.plugins.boilerplate.hashing.key_digest` (joined) for the key.

    ``words`` are the body's word digests (:func:`~copydesk.plugins.boilerplate.hashing.word_digests`
    of the word index's words): a line or sentence whose span the word index knows is hashed
    from its slice of them, without joining its words; one whose edge cuts a word, from its
    normal form. Without ``headline_frames``, the lines' and sentences' keys only.
    """
    body = document.body
    min_words = int(settings["repeated_min_sentence_words"])
    lines, spans = len(body.lines), index_of(body).spans_in_order()
    view = memoryview(words)
    slots: list[int] = []
    found: list[bytes] = []
    for slot, span in enumerate(spans):
        line = slot < lines
        if span is not None and span[1] - span[0] >= (1 if line else max(min_words, 1)):
            slots.append(slot)
            found.append(span_digest(b"L:" if line else b"S:", view[8 * span[0] : 8 * span[1]]))
        elif span is None and (key := _cut_key(body, slot, lines, min_words)):
            slots.append(slot)
            found.append(key_digest(key))
        elif slot >= lines and min_words <= 1:  # a sentence without words (counted as one word)
            slots.append(-1)
            found.append(key_digest(sentence_key("")))
    first = len(spans)
    for headline in headlines(document, int(settings["headline_lines"]), lex) if headline_frames else ():
        for frame, _ in frames(headline, lex):
            slots.append(first)
            found.append(key_digest(frame_key(frame)))
    return slots, b"".join(found)


def _cut_key(body: TextView, slot: int, lines: int, min_words: int) -> str:
    """The key of line or sentence ``slot`` (lines first) whose edge cuts a word, from its normal form; "" for none."""
    if slot < lines:
        words = normal(body.text, *body.lines[slot])
        return line_key(words) if words else ""
    sentence = body.sentences[slot - lines]
    words = normal(body.text, sentence.start, sentence.end)
    return sentence_key(words) if words and words.count(" ") + 1 >= min_words else ""


def observe(state: _State, document: Document) -> None:
    """Count one article's keys, store its MinHash signature, and log its keys' hashes and its hints for :func:`_records`.

    The log's record: the fingerprint (8 bytes), the signature row (8), the number of
    keys (4), their hashes in order (8 each) and slots (4 each), then the body's
    :func:`~copydesk.plugins.boilerplate.hints.hints` (4 each), all little-endian.
    """
    lex = build(state.settings)
    state.articles += 1
    words = index_of(document.body).low
    raw = word_digests(words)
    slots, found = slotted_digests(document, state.settings, lex, raw)
    ordered = np.frombuffer(found, dtype="<u8")
    hashes = unique(ordered.astype(np.uint64))
    state.counter.add(hashes)
    row = -1
    if len(words) >= int(state.settings["near_duplicate_min_words"]):
        sig = signature(words, raw)
        if sig is not None:
            row = state.store.count
            state.store.add(document.id, sig, hashes)
    head = fingerprint(document) + row.to_bytes(8, "little", signed=True) + len(slots).to_bytes(4, "little")
    hinted = hints(document.body, index_of(document.body), lex)  # (after the signature: its words are hashed)
    state.log.add(document.id, head + ordered.tobytes() + _little_int32(slots) + _little_int32(hinted))


def _little_int32(values: list[int]) -> bytes:
    """``values`` as little-endian 32-bit integers."""
    packed = array("i", values)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def merge(earlier: _State, later: _State) -> _State:
    """Add a later chunk's hash counts, signatures and article hashes after the earlier chunk's."""
    earlier.counter.merge(later.counter)
    earlier.store.extend(later.store)
    later.store.close()
    rows = earlier.store.count - later.store.count  # the later chunk's signature rows now start here
    for article_id, raw in later.log:
        row = int.from_bytes(raw[8:16], "little", signed=True)
        earlier.log.add(
            article_id, raw[:8] + (row + rows if row >= 0 else row).to_bytes(8, "little", signed=True) + raw[16:]
        )
    later.log.close()
    earlier.articles += later.articles
    return earlier


def finish(state: _State) -> BatchStats:
    """Keep the hashes found in at least two distinct stories; pair the near duplicates."""
    settings = state.settings
    share = math.ceil(float(settings["repeated_min_share"]) * state.articles)
    threshold = max(2, int(settings["repeated_min_articles"]), share)
    near_threshold = float(settings["near_duplicate_threshold"])
    story_threshold = min(near_threshold, float(settings["repeated_cluster_threshold"]))
    store = state.store
    first, last = same_ids(store)
    best, other = near_pairs(store)
    rows = similar_rows(best, other, first, story_threshold)
    repeated, counts = state.counter.repeated(2)
    counts = counts - story_surplus(store, stories(store.count, last[rows], last[other[rows]]), repeated)
    keep = counts >= 2
    near = SpilledMap.build(_near(store, rows, best, other, near_threshold))
    sentence_threshold = max(threshold, int(settings["repeated_min_sentence_stories"]))
    kept, kept_counts = repeated[keep], counts[keep]
    near_rows = np.zeros(store.count, dtype=bool)
    near_rows[[row for row in rows.tolist() if round(float(best[row]), 4) >= near_threshold]] = True
    records = SpilledMap.build(_records(state.log, kept, kept_counts, (store, near_rows, best, other)))
    return BatchStats(
        state.articles, threshold, kept, kept_counts, near, sentence_threshold, records, made_with(settings)
    )


def _shared_ids(log: RecordLog) -> set[str]:
    """The ids that more than one article of ``log`` has."""
    hashed = np.frombuffer(b"".join(digest(article_id) for article_id, _ in log), dtype="<u8")
    ordered = np.sort(hashed)
    twice = set(ordered[1:][ordered[1:] == ordered[:-1]].tolist())
    if not twice:
        return set()
    seen: set[str] = set()
    shared: set[str] = set()
    for article_id, _ in log:
        if int.from_bytes(digest(article_id), "little") in twice:
            (shared if article_id in seen else seen).add(article_id)
    return shared


def _records(log: RecordLog, keys: U64, counts: npt.NDArray[np.uint32], near: tuple[Any, ...]) -> Iterator[Any]:
    """``(id, record)`` of each article: what the scoring pass would look up for it, found once here.

    A record is ``(fingerprint, slots, counts, near duplicate, hints)``: the slots
    (little-endian int32, see :func:`slotted_keys`) of the article's keys repeated in at
    least two stories with their counts (uint32), ``(other id, similarity)`` or None, and
    the body's hints (int32, see :func:`~copydesk.plugins.boilerplate.hints.hints`). None for a shared id.
    The keys of :data:`_RECORDS_AT` articles are looked up at once.
    """
    store, near_rows, best, other = near
    shared = _shared_ids(log)
    given: set[str] = set()
    logged = iter(log)
    while block := list(islice(logged, _RECORDS_AT)):
        for (article_id, raw), (slots, found, hinted) in zip(block, _found(block, keys, counts), strict=True):
            if article_id in shared:
                if article_id not in given:  # (once: the map's keys are distinct)
                    given.add(article_id)
                    yield article_id, None
                continue
            row = int.from_bytes(raw[8:16], "little", signed=True)
            pair = (
                (store.article_id(int(other[row])), round(float(best[row]), 4)) if row >= 0 and near_rows[row] else None
            )
            yield article_id, (raw[:8], slots, found, pair, hinted)


#: Articles whose keys :func:`_records` looks up at once.
_RECORDS_AT = 1024


def _found(
    block: list[tuple[str, bytes]], keys: U64, counts: npt.NDArray[np.uint32]
) -> list[tuple[bytes, bytes, bytes]]:
    """Per logged article of ``block``: the slots of its keys found in ``keys``, their counts, its hints (bytes of each)."""
    sizes = [int.from_bytes(raw[16:20], "little") for _, raw in block]
    hinted = [raw[20 + 12 * n :] for (_, raw), n in zip(block, sizes, strict=True)]
    if not len(keys) or not any(sizes):
        return [(b"", b"", h) for h in hinted]
    hashes = np.frombuffer(b"".join(raw[20 : 20 + 8 * n] for (_, raw), n in zip(block, sizes, strict=True)), "<u8")
    slots = np.frombuffer(
        b"".join(raw[20 + 8 * n : 20 + 12 * n] for (_, raw), n in zip(block, sizes, strict=True)), "<i4"
    )
    at = np.minimum(np.searchsorted(keys, hashes.astype(np.uint64)), len(keys) - 1)
    found = np.flatnonzero(keys[at] == hashes)
    found_slots = slots[found].astype("<i4").tobytes()
    found_counts = counts[at[found]].astype("<u4").tobytes()
    # Article k's keys are positions cum[k] to cum[k + 1]: its found ones, found[bounds[k]:bounds[k + 1]].
    bounds = np.searchsorted(found, np.cumsum([0, *sizes])).tolist()
    return [
        (found_slots[4 * a : 4 * b], found_counts[4 * a : 4 * b], h)
        for (a, b), h in zip(pairwise(bounds), hinted, strict=True)
    ]


def same_ids(store: SignatureStore) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """For each row, the first and the last row with the same article id (ids are compared, not only hashed)."""
    count = store.count
    first, last = np.arange(count), np.arange(count)
    hashed = np.empty(count, dtype=np.uint64)
    for start in range(0, count, 1024):
        ids = range(start, min(count, start + 1024))
        hashed[start : start + len(ids)] = np.frombuffer(b"".join(digest(store.article_id(r)) for r in ids), "<u8")
    order = np.argsort(hashed, kind="stable")
    for run in _runs(order, hashed[order]):
        by_id: dict[str, list[int]] = {}
        for row in sorted(run.tolist()):
            by_id.setdefault(store.article_id(row), []).append(row)
        for members in by_id.values():
            first[members], last[members] = members[0], members[-1]
    return first, last


def _runs(order: npt.NDArray[np.intp], ordered: npt.NDArray[Any]) -> Iterator[npt.NDArray[np.intp]]:
    """The runs of two or more equal values of the sorted ``ordered``, as their slices of ``order``."""
    bounds = np.flatnonzero(np.diff(ordered)) + 1
    starts = np.concatenate([[0], bounds])
    ends = np.concatenate([bounds, [len(order)]])
    for run in np.flatnonzero(ends - starts > 1).tolist():
        yield order[starts[run] : ends[run]]


def similar_rows(
    best: npt.NDArray[np.float64], other: npt.NDArray[np.intp], first: npt.NDArray[np.intp], threshold: float
) -> npt.NDArray[np.intp]:
    """The rows with a similar row of another id at ``threshold`` or above: the first such row of each id."""
    rows = np.flatnonzero(best >= threshold)
    rows = rows[first[rows] != first[other[rows]]]
    ids = first[rows]
    order = np.argsort(ids, kind="stable")
    keep = np.ones(len(rows), dtype=bool)
    keep[order[1:]] = ids[order[1:]] != ids[order[:-1]]
    kept: npt.NDArray[np.intp] = rows[keep]
    return kept


def _near(
    store: SignatureStore,
    rows: npt.NDArray[np.intp],
    best: npt.NDArray[np.float64],
    other: npt.NDArray[np.intp],
    threshold: float,
) -> Iterator[tuple[str, tuple[str, float]]]:
    """``(id, (other id, similarity))`` of each row of ``rows`` whose similarity (rounded) is at least ``threshold``."""
    for row in rows.tolist():
        similarity = round(float(best[row]), 4)
        if similarity >= threshold:
            yield store.article_id(row), (store.article_id(int(other[row])), similarity)


def stories(count: int, left: npt.NDArray[np.intp], right: npt.NDArray[np.intp]) -> Iterator[npt.NDArray[np.intp]]:
    """Rows ``0 .. count - 1`` grouped into stories: connected by a pair ``(left[k], right[k])`` (groups of two or more)."""
    parent = np.arange(count)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    for a, b in zip(left.tolist(), right.tolist(), strict=True):
        ra, rb = root(a), root(b)
        parent[max(ra, rb)] = min(ra, rb)
    while not np.array_equal(parent, parent[parent]):
        parent = parent[parent]
    order = np.argsort(parent, kind="stable")
    return _runs(order, parent[order])


def story_surplus(
    store: SignatureStore, groups: Iterable[npt.NDArray[np.intp]], repeated: U64
) -> npt.NDArray[np.uint32]:
    """Per repeated hash, how many articles beyond the first of their story also hold it.

    The stories' hashes are counted a few stories at a time (about :data:`_GROUP_FLUSH`
    hashes, a story never split), each ``(story, repeated hash)`` pair in one sorted pass.
    """
    surplus = np.zeros(len(repeated), dtype=np.uint32)
    if not len(repeated):
        return surplus
    hashes: list[U64] = []
    labels: list[int] = []
    held = 0
    for label, members in enumerate(groups):
        for row in members.tolist():
            hashes.append(store.hashes(row))
            labels.append(label)
            held += len(hashes[-1])
        if held >= _GROUP_FLUSH:
            _add_surplus(surplus, repeated, hashes, labels)
            hashes, labels, held = [], [], 0
    _add_surplus(surplus, repeated, hashes, labels)
    return surplus


def _add_surplus(surplus: npt.NDArray[np.uint32], repeated: U64, hashes: list[U64], labels: list[int]) -> None:
    """Add to ``surplus`` each repeated hash's articles beyond the first within each story (``labels``: each article's)."""
    if not hashes:
        return
    values = np.concatenate(hashes)
    story = np.repeat(np.asarray(labels, dtype=np.uint64), [len(h) for h in hashes])
    at = np.minimum(np.searchsorted(repeated, values), len(repeated) - 1)
    found = repeated[at] == values  # an article's hashes are distinct: a pair's count is its articles
    pairs, counts = unique_counts(story[found] * np.uint64(len(repeated)) + at[found].astype(np.uint64))
    extra = counts > 1
    np.add.at(surplus, (pairs[extra] % np.uint64(len(repeated))).astype(np.intp), (counts[extra] - 1).astype(np.uint32))


def frame_counts(document: Document, stats: BatchStats, lex: Lexicon, settings: Settings) -> Iterator[Any]:
    """``(headline, frame, count)`` for the most shared frame of each headline over its threshold."""
    generic_min = max(stats.threshold, int(settings["frame_min_articles"]))
    found = [
        (headline, frames(headline, lex)) for headline in headlines(document, int(settings["headline_lines"]), lex)
    ]
    counts = iter(stats.count_all([frame_key(frame) for _, pairs in found for frame, _ in pairs]))
    for headline, pairs in found:
        best: tuple[int, str] | None = None
        for frame, known in pairs:
            count = next(counts)
            if count >= (stats.threshold if known else generic_min) and (best is None or count > best[0]):
                best = (count, frame if known else frame + " ...")
        if best is not None:
            yield headline, best[1], best[0]
