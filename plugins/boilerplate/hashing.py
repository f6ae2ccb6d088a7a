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


def _words(hexadecimal: str) -> npt.NDArray[np.uint64]:
    """64-bit unsigned integers written as the hexadecimal of their little-endian bytes."""
    return np.frombuffer(bytes.fromhex(hexadecimal), dtype="<u8").astype(np.uint64)


#: The MinHash permutations' multipliers (odd) and offsets: what ``numpy.random.default_rng(20081)``
#: draws, ``integers(1, 2**63, 64) * 2 + 1`` then ``integers(0, 2**63, 64)``, written out so that
#: importing the scorer does not import ``numpy.random`` (about 15 ms of CPU); a test draws them again.
_A = _words(
    "655919fa7f490ac2972680e6ab9ca6f73fe7f1568d80a7124962401676296d1ac1d46d0d86eaabd6cf1224b9bd077f0b"
    "7d73be67b6f3b9deb1b476fefef7547743270b5e0d69f56e816f78ed3600f7cc8d21d0e3e62c157c8fefadb3f1644f79"
    "cd21a9373eb851e1c76f50511c07a172493a7f158de987f3132ca17f655166015bea1871ed3626837b5be4bd1fc917dc"
    "45c585c63cf3214b1baf9f6c1348940f07bdbd176832eb3157515d90fe3bb1b1e78afec3315e692b957730b0612bd651"
    "0534611f5cf622719346f31ed0061fa219220d20b395ecffa9d240be2444af76311f783192f26ce1d3a7cd4fc0ba1da7"
    "0fe3bbc13da48c26edcc561849865cac970e9993ac73852467f40ab0f21960f4834e1f03cc9007a0b9a7cee3f5e3f00f"
    "db9a4465327e4d96cf391c4149a9aee6c72625e95b8e1a5517a625ecfd386b189be42a047fc931c833b6bd838ddf2af1"
    "2b18352f5af3d4b7fb6e4d8cfc00573249344199d45c34d34d73e3dbc4f4c4b0513c06e884474526e1fda4dad0ca486e"
    "313deefc6a5139507726daea3a62defb0f2d13432eff4de08bb62cb4b3a9432c99a12905835e1078797fe1e570136a11"
    "2168870b679b1c783ba1e7b28b3a5ebb7915555b53c7414b45cb3c26c5f17839bf30bb5c3557de10319336a1fc2e8411"
    "7ded8df5376341ba2346cfa57c6890dce365c9ffa6013fc9bb012ab42e9b4122"
)
_B = _words(
    "10b27460de39976bb3e73bb5cec1fe7a00f0ae0d62d76a595b8f169858f50d4eb8a0e3fdb0342f6a6a6e7671541c9f28"
    "1b31b1575b00b426bd0b0a8a952a771ab2708a6e659dd05ba77032f6ee08d859e1908d83ca4c2b6f386fd8b7bc727c78"
    "f9905b679317f56c617e5b97aafa666bd54980c7af278e1dd8f6c3222b33ef79309dc12c801a6c7de079f60429c14b1f"
    "0c867da7de373f1f2c49c7fdbb38cd2c5aa1f602ea1a710528d8cc3d5c281071cae60c1f878b2f658ba61b09aa226874"
    "eaa9758b0adb3d30d037f3d7a405fc3155aa916c3a2e227272ca2ec160697c1ca17f3bffd90a172f4cc0b429fb18f313"
    "95bc4af625a363770393e8ac2a9bd279438908695a274152c57bff4db644724bb34cce2e074f5b7e280552575bcf6a44"
    "c895ff311ecc0262d60c048b111f72335582c7d8e6f4b545ea955551547c3350d65f540e36750c52fbd964d44658da52"
    "442140c74d85502104d8ee137d8c317958674fc5c55e56308dd80c85fec2e248d5b1df2549a9393c32694c55d158034e"
    "8614ce654bd81d4c79410017cddffe15aca785862b8a9e714d8adbe65b76594e52a1224f5ff14b050841d80553df990e"
    "a1f46c32d2c4622bb1228877c651b840aac15cc4bba7345501877df5a98c56185b7b5f4145f1d86e0847c6d75e06d702"
    "1bbe3fd7969d803064e2b0db6c184851f49df2bca099084496d439b8e6c46b41"
)
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
