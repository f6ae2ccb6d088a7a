"""Bounded-memory batch statistics for the boilerplate scorer: hashed shingles and MinHash.

Every line, long sentence and headline frame of an article becomes a stable 64-bit
BLAKE2b hash (never Python's salted ``hash()``), de-duplicated within the article and
counted across the batch in sorted numpy arrays (16 bytes per distinct hash). Near
duplicates are found with a numpy MinHash of 5-word shingles (64 permutations, stored as
uint32) and banded LSH (16 bands of 4 rows) at the end of the pass. No text is kept,
only the article ids needed to name a near duplicate.
"""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import Any

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
PERMUTATIONS = 64
BANDS = 16
SHINGLE = 5
_FLUSH_AT = 1 << 20
_CHUNK = 4096
_MAX_GROUP = 64
_SIGNATURE_CHUNK = 4096
_RNG = np.random.default_rng(20081)
_A = _RNG.integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_B = _RNG.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_ALL_ONES = np.iinfo(np.uint64).max
_HALF = np.uint64(32)


#: An empty 8-byte BLAKE2b state: copying it is cheaper than making one with its parameters.
_EMPTY = hashlib.blake2b(digest_size=8)


def digest(key: str) -> bytes:
    """The 8-byte BLAKE2b digest of ``key``."""
    state = _EMPTY.copy()
    state.update(key.encode("utf-8", "surrogatepass"))
    return state.digest()


#: Digests of shingle words, kept across articles (a batch's vocabulary repeats); emptied when full.
_WORD_DIGESTS: dict[str, bytes] = {}
_WORD_DIGESTS_MAX = 1 << 15


def _word_digests(words: Sequence[str]) -> bytes:
    """The 8-byte digests of ``words``, concatenated in order.

    Each word is looked up once; only the words not yet known are hashed (a batch's
    vocabulary repeats, so most articles add few).
    """
    known = _WORD_DIGESTS
    parts = list(map(known.get, words))
    if None in parts:
        if len(known) + parts.count(None) > _WORD_DIGESTS_MAX:
            known.clear()
        for k in compress(range(len(parts)), map(operator.not_, parts)):  # a digest is never empty
            word = words[k]
            part = known.get(word)
            if part is None:
                part = known[word] = digest(word)
            parts[k] = part
    return b"".join(parts)  # type: ignore[arg-type]


def _distinct(ordered: U64) -> npt.NDArray[np.bool_]:
    """Where each run of equal values starts in the sorted array ``ordered``."""
    first = np.empty(len(ordered), dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return first


def unique(values: U64) -> U64:
    """``np.unique(values)`` of a 1-D array: its values sorted, without repeats.

    The same arrays as numpy's, without its first call's import of ``numpy.ma`` (about
    20 ms of CPU in every process; ``tests/plugins/test_boilerplate_batch.py`` compares
    the results).
    """
    ordered = np.sort(values)
    return ordered[_distinct(ordered)]


def unique_counts(values: U64) -> tuple[U64, npt.NDArray[np.intp]]:
    """``np.unique(values, return_counts=True)`` of a 1-D array (see :func:`unique`)."""
    ordered = np.sort(values)
    first = _distinct(ordered)
    bounds = np.append(np.flatnonzero(first), np.intp(len(ordered)))
    counts: npt.NDArray[np.intp] = bounds[1:] - bounds[:-1]
    return ordered[first], counts


def hash_array(keys: Iterable[str]) -> U64:
    """Stable 64-bit hashes of ``keys``, as a sorted array without repeats."""
    raw = b"".join(map(digest, keys))
    return unique(np.frombuffer(raw, dtype="<u8").astype(np.uint64))


def key_hash(key: str) -> np.uint64:
    """The stable 64-bit hash of one key (as :func:`hash_array` computes it)."""
    return np.uint64(int.from_bytes(digest(key), "little"))


class HashCounter:
    """How many articles each hash occurs in; pending hashes are merged in large batches."""

    def __init__(self) -> None:
        self.keys: U64 = np.zeros(0, dtype=np.uint64)
        self.counts: npt.NDArray[np.uint32] = np.zeros(0, dtype=np.uint32)
        self._pending: list[U64] = []
        self._size = 0

    def add(self, hashes: U64) -> None:
        """Count one article's de-duplicated hashes."""
        if hashes.size:
            self._pending.append(hashes)
            self._size += int(hashes.size)
            if self._size >= _FLUSH_AT:
                self.flush()

    def flush(self) -> None:
        """Merge the pending hashes into the sorted key and count arrays (in place where it can)."""
        if not self._pending:
            return
        fresh, fresh_counts = unique_counts(np.concatenate(self._pending))
        self._pending, self._size = [], 0
        self._insert(fresh, fresh_counts)

    def merge(self, other: HashCounter) -> None:
        """Add ``other``'s counts to this counter's (the result does not depend on the order)."""
        self.flush()
        other.flush()
        self._insert(other.keys, other.counts)

    def _insert(self, fresh: U64, fresh_counts: npt.NDArray[Any]) -> None:
        """Add sorted, distinct ``fresh`` hashes with their counts."""
        at = np.searchsorted(self.keys, fresh)
        known = at < len(self.keys)
        known[known] = self.keys[at[known]] == fresh[known]
        np.add.at(self.counts, at[known], fresh_counts[known].astype(np.uint32))
        new = ~known
        self.keys = np.insert(self.keys, at[new], fresh[new])
        self.counts = np.insert(self.counts, at[new], fresh_counts[new].astype(np.uint32))

    def repeated(self, minimum: int) -> tuple[U64, npt.NDArray[np.uint32]]:
        """The hashes counted at least ``minimum`` times, with their counts."""
        self.flush()
        keep = self.counts >= minimum
        return self.keys[keep], self.counts[keep]


def signature(words: Sequence[str]) -> npt.NDArray[np.uint32] | None:
    """MinHash signature of the 5-word shingles of ``words`` (None when too short)."""
    if len(words) < SHINGLE:
        return None
    h = np.frombuffer(_word_digests(words), dtype="<u8").astype(np.uint64)
    size = len(words) - SHINGLE + 1
    shingles = h[:size] * _MIX
    shingles += h[1 : 1 + size]
    for offset in range(2, SHINGLE):
        shingles *= _MIX
        shingles += h[offset : offset + size]
    # A repeated shingle cannot change a minimum, so the shingles are not de-duplicated. The
    # high half of each permuted value is kept; shifting is monotonic, so the shift is taken
    # of each permutation's minimum rather than of every value.
    sig = np.full(PERMUTATIONS, _ALL_ONES, dtype=np.uint64)
    for begin in range(0, size, _SIGNATURE_CHUNK):
        block = np.multiply.outer(_A, shingles[begin : begin + _SIGNATURE_CHUNK])
        block += _B[:, None]
        np.minimum(sig, block.min(axis=1), out=sig)
    sig >>= _HALF
    out: npt.NDArray[np.uint32] = sig.astype(np.uint32)
    return out


@dataclass
class SignatureStore:
    """MinHash signatures in fixed-size numpy chunks, with the article ids they belong to."""

    chunks: list[npt.NDArray[np.uint32]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    #: Rows used in the last chunk.
    used: int = 0

    def add(self, article_id: str, sig: npt.NDArray[np.uint32]) -> None:
        """Store one signature."""
        if not self.chunks or self.used == len(self.chunks[-1]):
            self.chunks.append(np.zeros((_CHUNK, PERMUTATIONS), dtype=np.uint32))
            self.used = 0
        self.chunks[-1][self.used] = sig
        self.used += 1
        self.ids.append(article_id)

    def extend(self, other: SignatureStore) -> None:
        """Store ``other``'s signatures after this store's, in their order."""
        for article_id, sig in zip(other.ids, other.matrix(), strict=True):
            self.add(article_id, sig)

    def matrix(self) -> npt.NDArray[np.uint32]:
        """All signatures, one row per stored article."""
        if not self.ids:
            return np.zeros((0, PERMUTATIONS), dtype=np.uint32)
        return np.concatenate([*self.chunks[:-1], self.chunks[-1][: self.used]])

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the used rows only (a chunk's state crosses to the merging process)."""
        return {"chunks": [self.matrix()] if self.ids else [], "ids": self.ids, "used": len(self.ids)}


def _band_keys(sigs: npt.NDArray[np.uint32], band: int) -> U64:
    """One 64-bit key per row for the ``band``-th group of rows of the signatures."""
    rows = PERMUTATIONS // BANDS
    part = sigs[:, band * rows : (band + 1) * rows].astype(np.uint64)
    key = np.full(len(sigs), band, dtype=np.uint64)
    for column in range(rows):
        key = key * _MIX + part[:, column]
    return key


def _compare_group(
    sigs: npt.NDArray[np.uint32],
    members: npt.NDArray[np.intp],
    best: npt.NDArray[np.float64],
    other: npt.NDArray[np.intp],
) -> None:
    """Update each member's most similar other member (estimated Jaccard) within one LSH bucket.

    A member takes its most similar other member (the first, so the lowest row, on a tie)
    when that is more similar than its best so far, or as similar and a lower row.
    """
    block = sigs[members]
    sims = (block[:, None, :] == block[None, :, :]).mean(axis=2)
    np.fill_diagonal(sims, -1.0)
    cols = sims.argmax(axis=1)
    sim = sims[np.arange(len(members)), cols]
    candidate = members[cols]
    held, holder = best[members], other[members]
    better = (sim > held) | ((sim == held) & (candidate < holder))
    best[members[better]] = sim[better]
    other[members[better]] = candidate[better]


def near_duplicates(store: SignatureStore, threshold: float) -> dict[str, tuple[str, float]]:
    """For every article with a near duplicate, ``id -> (other id, estimated Jaccard)``."""
    sigs = store.matrix()
    count = len(sigs)
    best = np.full(count, -1.0)
    other = np.full(count, count, dtype=np.intp)
    compared: set[bytes] = set()
    for band in range(BANDS):
        keys = _band_keys(sigs, band)
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        bounds = np.flatnonzero(np.diff(ordered)) + 1
        starts = np.concatenate([[0], bounds])
        ends = np.concatenate([bounds, [count]])
        for run in np.flatnonzero(ends - starts > 1):
            group = np.sort(order[starts[run] : ends[run]])[:_MAX_GROUP]
            key = group.tobytes()
            if key not in compared:  # the same bucket again (in another band) changes nothing
                compared.add(key)
                _compare_group(sigs, group, best, other)
    found: dict[str, tuple[str, float]] = {}
    for index in np.flatnonzero(best >= threshold):
        article_id, other_id = store.ids[int(index)], store.ids[int(other[index])]
        if article_id != other_id:
            found.setdefault(article_id, (other_id, round(float(best[index]), 4)))
    return found
