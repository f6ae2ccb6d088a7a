"""Bounded-memory batch statistics for the boilerplate scorer: hashed shingles and MinHash.

Every line, long sentence and headline frame of an article becomes a stable 64-bit
BLAKE2b hash (never Python's salted ``hash()``; a line's or sentence's is taken over its
words' digests, see :func:`key_digest`), de-duplicated within the article and
counted across the batch in sorted numpy arrays (16 bytes per distinct hash). Near
duplicates are found with a numpy MinHash of 5-word shingles (64 permutations, stored as
uint32) and banded LSH (16 bands of 4 rows) at the end of the pass. No text is kept,
only the article ids needed to name a near duplicate. The signatures, ids and each
article's hashes go to unnamed temporary files past :data:`_SPILL_ROWS` rows
(:class:`SignatureStore`), so memory holds the distinct hashes' counts, not a row per
article; ``finish`` reads them back a block or a row at a time.
"""

from __future__ import annotations

import contextlib
import hashlib
import operator
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
PERMUTATIONS = 64
BANDS = 16
SHINGLE = 5
_FLUSH_AT = 1 << 16
#: Distinct hashes a counter holds in memory (12 bytes each) before it moves them to a sorted run on disk.
_KEYS_MAX = 1 << 18
_MAX_GROUP = 64
_SIGNATURE_CHUNK = 4096
#: Signature rows a store holds in memory before it appends them to its files.
_SPILL_ROWS = 1024
_SIG_BYTES = 4 * PERMUTATIONS
#: Signature rows read at once when the whole store is scanned.
_READ = 1024
#: Pairs of rows compared at once (and held before comparing) when looking for near duplicates: their
#: signatures, read at once, take at most 2 x 8,192 x 256 bytes (4 MiB).
_PAIRS_AT = 1 << 13


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
_HALF = np.uint64(32)


#: An empty 8-byte BLAKE2b state: copying it is cheaper than making one with its parameters.
_EMPTY = hashlib.blake2b(digest_size=8)


def digest(key: str) -> bytes:
    """The 8-byte BLAKE2b digest of ``key``."""
    state = _EMPTY.copy()
    state.update(key.encode("utf-8", "surrogatepass"))
    return state.digest()


class _DigestCache(dict[str, bytes]):
    """Word -> 8-byte digest: a word not known yet is hashed when it is looked up (emptied first when full)."""

    def __missing__(self, word: str) -> bytes:
        if len(self) >= _WORD_DIGESTS_MAX:
            self.clear()
        value = self[word] = digest(word)
        return value


#: Digests of shingle words, kept across articles (a batch's vocabulary repeats); emptied when full.
_WORD_DIGESTS = _DigestCache()
_WORD_DIGESTS_MAX = 1 << 15


def _word_digests(words: Sequence[str]) -> bytes:
    """The 8-byte digests of ``words``, concatenated in order.

    All are looked up in one call (an item getter of every word): the known ones at the
    dictionary's speed, and only the words not known yet are hashed, by the cache's
    ``__missing__`` (a batch's vocabulary repeats, so most articles add few).
    """
    if len(words) < 2:  # (an item getter of one word returns the digest itself, not a tuple)
        return _WORD_DIGESTS[words[0]] if words else b""
    return b"".join(operator.itemgetter(*words)(_WORD_DIGESTS))


#: The prefixes of the keys hashed over their words' digests (lines and sentences, see :func:`key_digest`).
WORD_KEYED = ("L:", "S:")


def span_digest(prefix: bytes, word_digests: bytes | memoryview) -> bytes:
    """The 8-byte BLAKE2b digest of a key's prefix (UTF-8) followed by its words' 8-byte digests."""
    state = _EMPTY.copy()
    state.update(prefix)
    state.update(word_digests)
    return state.digest()


def key_digest(key: str) -> bytes:
    """The 8-byte digest a hash key is counted by.

    A line's or sentence's key (prefix in :data:`WORD_KEYED`, then words joined by single
    spaces) is hashed over its words' digests (:func:`span_digest`), so the batch pass
    hashes a key from the digests of the article's words it already holds for the MinHash,
    without joining the words; any other key (a headline frame) is hashed as text
    (:func:`digest`).
    """
    prefix = key[:2]
    if prefix in WORD_KEYED:
        return span_digest(prefix.encode(), _word_digests(key[2:].split(" ")))
    return digest(key)


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
    raw = b"".join(map(key_digest, keys))
    return unique(np.frombuffer(raw, dtype="<u8").astype(np.uint64))


def key_hash(key: str) -> np.uint64:
    """The stable 64-bit hash of one key (as :func:`hash_array` computes it)."""
    return np.uint64(int.from_bytes(key_digest(key), "little"))


class HashCounter:
    """How many articles each hash occurs in; pending hashes are merged in large batches."""

    def __init__(self, flush_at: int = _FLUSH_AT) -> None:
        self.flush_at = flush_at
        self.keys: U64 = np.zeros(0, dtype=np.uint64)
        self.counts: npt.NDArray[np.uint32] = np.zeros(0, dtype=np.uint32)
        self._pending: list[U64] = []
        self._size = 0
        #: Sorted runs of keys and counts moved to unnamed temporary files: (descriptor, keys).
        self._runs: list[tuple[int, int]] = []

    def add(self, hashes: U64) -> None:
        """Count one article's de-duplicated hashes."""
        if hashes.size:
            self._pending.append(hashes)
            self._size += int(hashes.size)
            if self._size >= self.flush_at:
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
        for keys, counts in other.parts():
            self._insert(keys, counts)

    def _insert(self, fresh: U64, fresh_counts: npt.NDArray[Any]) -> None:
        """Add sorted, distinct ``fresh`` hashes with their counts."""
        at = np.searchsorted(self.keys, fresh)
        known = at < len(self.keys)
        known[known] = self.keys[at[known]] == fresh[known]
        np.add.at(self.counts, at[known], fresh_counts[known].astype(np.uint32))
        new = ~known
        self.keys = np.insert(self.keys, at[new], fresh[new])
        self.counts = np.insert(self.counts, at[new], fresh_counts[new].astype(np.uint32))
        if len(self.keys) >= _KEYS_MAX:
            self._spill()

    def _spill(self) -> None:
        """Move the sorted keys and counts to a run on disk (memory holds at most :data:`_KEYS_MAX`)."""
        fd = _unnamed()
        os.pwrite(fd, self.keys.astype("<u8").tobytes() + self.counts.astype("<u4").tobytes(), 0)
        self._runs.append((fd, len(self.keys)))
        self.keys, self.counts = np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint32)

    def parts(self) -> Iterator[tuple[U64, npt.NDArray[np.uint32]]]:
        """Every hash with its count summed over the runs and memory, in hash order, a range of hashes at a time."""
        self.flush()
        if not self._runs:
            yield self.keys, self.counts
            return
        total = len(self.keys) + sum(n for _, n in self._runs)
        ranges = -(-total // _KEYS_MAX)
        cuts = [np.uint64((2**64 * k) // ranges) for k in range(1, ranges)]
        for lo, hi in zip([None, *cuts], [*cuts, None], strict=True):
            keys, counts = [_cut(self.keys, lo, hi, self.keys)], [_cut(self.keys, lo, hi, self.counts)]
            for fd, n in self._runs:
                start, stop = _run_bounds(fd, n, lo, hi)
                keys.append(np.frombuffer(os.pread(fd, (stop - start) * 8, start * 8), "<u8").astype(np.uint64))
                counts.append(np.frombuffer(os.pread(fd, (stop - start) * 4, n * 8 + start * 4), "<u4"))
            merged = np.concatenate(keys)
            order = np.argsort(merged, kind="stable")
            ordered = merged[order]
            first = _distinct(ordered)
            summed = np.add.reduceat(np.concatenate(counts)[order], np.flatnonzero(first)) if len(order) else ordered
            yield ordered[first], summed.astype(np.uint32)

    def __getstate__(self) -> dict[str, Any]:
        """Every count in memory (a chunk's counter crosses to the merging process; it is small)."""
        keys, counts = zip(*self.parts(), strict=True)
        return {"flush_at": self.flush_at, "keys": np.concatenate(keys), "counts": np.concatenate(counts)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["flush_at"])  # type: ignore[misc]
        self.keys, self.counts = state["keys"], state["counts"]

    def __del__(self) -> None:
        for fd, _ in getattr(self, "_runs", ()):
            with contextlib.suppress(OSError):
                os.close(fd)

    def repeated(self, minimum: int) -> tuple[U64, npt.NDArray[np.uint32]]:
        """The hashes counted at least ``minimum`` times, with their counts."""
        kept = [(keys[counts >= minimum], counts[counts >= minimum]) for keys, counts in self.parts()]
        return np.concatenate([k for k, _ in kept]), np.concatenate([c for _, c in kept])


def _cut(keys: U64, lo: np.uint64 | None, hi: np.uint64 | None, values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """``values`` at the sorted ``keys`` from ``lo`` (included) to ``hi`` (excluded); None: open."""
    start = 0 if lo is None else int(np.searchsorted(keys, lo))
    stop = len(keys) if hi is None else int(np.searchsorted(keys, hi))
    return values[start:stop]


def _run_bounds(fd: int, n: int, lo: np.uint64 | None, hi: np.uint64 | None) -> tuple[int, int]:
    """Where the keys from ``lo`` to ``hi`` are in a run of ``n`` sorted keys on disk (binary search by pread)."""

    def first_at_least(value: np.uint64 | None, default: int) -> int:
        if value is None:
            return default
        low, high = 0, n
        while low < high:
            mid = (low + high) // 2
            if np.uint64(int.from_bytes(os.pread(fd, 8, mid * 8), "little")) < value:
                low = mid + 1
            else:
                high = mid
        return low

    return first_at_least(lo, 0), first_at_least(hi, n)


def _permuted_minima(shingles: U64) -> U64:
    """Each permutation's minimum over ``shingles`` (the whole 64-bit permuted values)."""
    block = np.multiply.outer(_A, shingles)
    block += _B[:, None]
    minima: U64 = block.min(axis=1)
    return minima


def word_digests(words: Sequence[str]) -> bytes:
    """The 8-byte BLAKE2b digests of ``words``, concatenated in order (what :func:`signature` hashes)."""
    return _word_digests(words)


def signature(words: Sequence[str], digests: bytes | None = None) -> npt.NDArray[np.uint32] | None:
    """MinHash signature of the 5-word shingles of ``words`` (None when too short).

    :param digests: :func:`word_digests` of ``words`` when the caller has them.
    """
    if len(words) < SHINGLE:
        return None
    raw = _word_digests(words) if digests is None else digests
    h = np.frombuffer(raw, dtype="<u8").astype(np.uint64, copy=False)  # (only read)
    size = len(words) - SHINGLE + 1
    shingles = h[:size] * _MIX
    shingles += h[1 : 1 + size]
    for offset in range(2, SHINGLE):
        shingles *= _MIX
        shingles += h[offset : offset + size]
    # A repeated shingle cannot change a minimum, so the shingles are not de-duplicated. The
    # high half of each permuted value is kept; shifting is monotonic, so the shift is taken
    # of each permutation's minimum rather than of every value.
    # An article of one block of shingles (most) takes that block's minima as they are.
    sig = _permuted_minima(shingles[:_SIGNATURE_CHUNK])
    for begin in range(_SIGNATURE_CHUNK, size, _SIGNATURE_CHUNK):
        np.minimum(sig, _permuted_minima(shingles[begin : begin + _SIGNATURE_CHUNK]), out=sig)
    sig >>= _HALF
    out: npt.NDArray[np.uint32] = sig.astype(np.uint32)
    return out


class SignatureStore:
    """MinHash signatures with the article ids (and hashes) they belong to, spilled to disk past a buffer.

    The last :data:`_SPILL_ROWS` rows are held in memory; earlier ones are in unnamed
    temporary files (gone however the run ends): the signatures as fixed 256-byte rows,
    each row's id and hashes as one variable record, and each record's end offset as a
    fixed 8-byte row. So memory does not grow with the batch.
    """

    def __init__(self) -> None:
        self.count = 0
        #: Rows on disk (the buffer holds rows ``spilled`` to ``count``).
        self.spilled = 0
        self._sigs: list[npt.NDArray[np.uint32]] = []
        self._records: list[tuple[str, bytes]] = []
        self._files: tuple[int, int, int] | None = None  # signatures, records, record ends
        self._end = 0

    def add(self, article_id: str, sig: npt.NDArray[np.uint32], hashes: U64 | None = None) -> None:
        """Store one signature (and the article's hashes)."""
        self._sigs.append(np.asarray(sig, dtype=np.uint32))
        self._records.append((article_id, b"" if hashes is None else hashes.astype("<u8").tobytes()))
        self.count += 1
        if len(self._sigs) >= _SPILL_ROWS:
            self._spill()

    def _spill(self) -> None:
        """Append the buffered rows to the files."""
        if self._files is None:
            self._files = (_unnamed(), _unnamed(), _unnamed())
        sigs, records, ends = self._files
        packed = [_pack(article_id, raw) for article_id, raw in self._records]
        offsets = np.cumsum([len(p) for p in packed], dtype=np.uint64) + np.uint64(self._end)
        os.pwrite(sigs, np.stack(self._sigs).astype("<u4").tobytes(), self.spilled * _SIG_BYTES)
        os.pwrite(records, b"".join(packed), self._end)
        os.pwrite(ends, offsets.astype("<u8").tobytes(), self.spilled * 8)
        self._end = int(offsets[-1])
        self.spilled = self.count
        self._sigs, self._records = [], []

    def extend(self, other: SignatureStore) -> None:
        """Store ``other``'s rows after this store's, in their order."""
        for start in range(0, other.count, _SPILL_ROWS):
            stop = min(other.count, start + _SPILL_ROWS)
            sigs = other.signatures(start, stop)
            for row, sig in zip(range(start, stop), sigs, strict=True):
                article_id, raw = other.record(row)
                self._sigs.append(sig)
                self._records.append((article_id, raw))
                self.count += 1
                if len(self._sigs) >= _SPILL_ROWS:
                    self._spill()

    def signatures(self, start: int, stop: int) -> npt.NDArray[np.uint32]:
        """Rows ``start`` to ``stop`` of the signatures."""
        parts = []
        if start < self.spilled and self._files is not None:
            upto = min(stop, self.spilled)
            raw = os.pread(self._files[0], (upto - start) * _SIG_BYTES, start * _SIG_BYTES)
            parts.append(np.frombuffer(raw, dtype="<u4").reshape(-1, PERMUTATIONS))
        if stop > self.spilled:
            parts += [s[None, :] for s in self._sigs[max(0, start - self.spilled) : stop - self.spilled]]
        if not parts:
            return np.zeros((0, PERMUTATIONS), dtype=np.uint32)
        whole = parts[0] if len(parts) == 1 else np.concatenate(parts)
        return whole.astype(np.uint32, copy=False)

    def rows(self, rows: npt.NDArray[np.intp]) -> npt.NDArray[np.uint32]:
        """The signatures of ``rows`` (ascending, without repeats).

        Each run of consecutive rows on disk is read at once, and the rows in memory are
        stacked, rather than each row read and made an array of its own.
        """
        cut = int(np.searchsorted(rows, self.spilled))
        parts = []
        if cut and self._files is not None:
            on_disk = rows[:cut]
            opens = np.flatnonzero(np.diff(on_disk) != 1) + 1  # where a run of consecutive rows starts
            firsts, lasts = on_disk[np.append(0, opens)].tolist(), on_disk[np.append(opens - 1, cut - 1)].tolist()
            fd = self._files[0]
            raw = b"".join(
                os.pread(fd, (last + 1 - first) * _SIG_BYTES, first * _SIG_BYTES)
                for first, last in zip(firsts, lasts, strict=True)
            )
            parts.append(np.frombuffer(raw, dtype="<u4").reshape(-1, PERMUTATIONS).astype(np.uint32, copy=False))
        if cut < len(rows):
            held, base = self._sigs, self.spilled
            parts.append(np.stack([held[row - base] for row in rows[cut:].tolist()]))
        if not parts:
            return np.zeros((0, PERMUTATIONS), dtype=np.uint32)
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def record(self, row: int) -> tuple[str, bytes]:
        """Row ``row``'s article id and hashes (little-endian uint64 bytes)."""
        if row >= self.spilled:
            return self._records[row - self.spilled]
        assert self._files is not None
        _, records, ends = self._files
        start = int.from_bytes(os.pread(ends, 8, (row - 1) * 8), "little") if row else 0
        stop = int.from_bytes(os.pread(ends, 8, row * 8), "little")
        return _unpack(os.pread(records, stop - start, start))

    def article_id(self, row: int) -> str:
        """Row ``row``'s article id."""
        return self.record(row)[0]

    def hashes(self, row: int) -> U64:
        """Row ``row``'s hashes."""
        return np.frombuffer(self.record(row)[1], dtype="<u8").astype(np.uint64)

    @property
    def ids(self) -> list[str]:
        """Every row's article id (reads them all: for tests and small batches)."""
        return [self.article_id(row) for row in range(self.count)]

    def matrix(self) -> npt.NDArray[np.uint32]:
        """All signatures, one row per stored article (reads them all: for tests and small batches)."""
        return self.signatures(0, self.count)

    def __getstate__(self) -> dict[str, Any]:
        """Every row, in memory (a chunk's state crosses to the merging process; it is small)."""
        rows = [self.record(row) for row in range(self.count)]
        return {"sigs": list(self.matrix()), "records": rows}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]
        self._sigs, self._records, self.count = state["sigs"], state["records"], len(state["records"])
        if self.count >= _SPILL_ROWS:
            self._spill()

    def close(self) -> None:
        """Close the files (they are gone once every process holding them closed them)."""
        for fd in self._files or ():
            os.close(fd)
        self._files = None

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()


class RecordLog:
    """Each article's id with a byte record, in the order added, past :data:`_SPILL_ROWS` records in an unnamed file.

    Read back in that order a block at a time (:meth:`__iter__`), so memory holds at most
    one buffer of records whatever the batch.
    """

    def __init__(self) -> None:
        self.count = 0
        self._held: list[bytes] = []
        self._fd: int | None = None
        self._end = 0

    def add(self, article_id: str, raw: bytes) -> None:
        """Append one record."""
        packed = _pack(article_id, raw)
        self._held.append(len(packed).to_bytes(4, "little") + packed)
        self.count += 1
        if len(self._held) >= _SPILL_ROWS:
            self._spill()

    def _spill(self) -> None:
        """Append the buffered records to the file."""
        if self._fd is None:
            self._fd = _unnamed()
        data = b"".join(self._held)
        os.pwrite(self._fd, data, self._end)
        self._end += len(data)
        self._held = []

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        """Every ``(id, record)`` in the order added."""
        at, pending = 0, b""
        while at < self._end:
            assert self._fd is not None
            block = pending + os.pread(self._fd, min(1 << 20, self._end - at), at)
            at += len(block) - len(pending)
            done = 0
            while done + 4 <= len(block):
                size = int.from_bytes(block[done : done + 4], "little")
                if done + 4 + size > len(block):
                    break
                yield _unpack(block[done + 4 : done + 4 + size])
                done += 4 + size
            pending = block[done:]
        for packed in self._held:
            yield _unpack(packed[4:])

    def extend(self, other: RecordLog) -> None:
        """Append ``other``'s records after this log's, in their order."""
        for article_id, raw in other:
            self.add(article_id, raw)

    def __getstate__(self) -> dict[str, Any]:
        """Every record, in memory (a chunk's log crosses to the merging process; it is small)."""
        return {"records": list(self)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]
        for article_id, raw in state["records"]:
            self.add(article_id, raw)

    def close(self) -> None:
        """Close the file."""
        if self._fd is not None:
            os.close(self._fd)
        self._fd = None

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()


def _pack(article_id: str, raw: bytes) -> bytes:
    """One record: the id's UTF-8 length (4 bytes), the id, the hashes."""
    encoded = article_id.encode("utf-8", "surrogatepass")
    return len(encoded).to_bytes(4, "little") + encoded + raw


def _unpack(record: bytes) -> tuple[str, bytes]:
    """The id and hashes of one record (see :func:`_pack`)."""
    size = int.from_bytes(record[:4], "little")
    return record[4 : 4 + size].decode("utf-8", "surrogatepass"), record[4 + size :]


def _unnamed() -> int:
    """The descriptor of a new temporary file without a name."""
    with tempfile.TemporaryFile() as handle:
        return os.dup(handle.fileno())


def _band_keys(sigs: npt.NDArray[np.uint32], band: int) -> U64:
    """One 64-bit key per row for the ``band``-th group of rows of the signatures."""
    rows = PERMUTATIONS // BANDS
    part = sigs[:, band * rows : (band + 1) * rows].astype(np.uint64)
    key = np.full(len(sigs), band, dtype=np.uint64)
    for column in range(rows):
        key = key * _MIX + part[:, column]
    return key


def _best_of(store: SignatureStore, codes: list[npt.NDArray[np.int64]], score: npt.NDArray[np.int64]) -> None:
    """Update each row's best pairing (see :func:`_pairing`) from pairs of rows of one LSH bucket.

    ``codes`` hold pairs ``low * count + high``. A row keeps the greatest pairing it is
    in: the most similar row, the lowest on a tie, which does not depend on the order the
    pairs come in, nor on a pair coming twice.
    """
    if not codes:
        return
    count = store.count
    pairs = unique(np.concatenate(codes).astype(np.uint64)).astype(np.int64)
    for begin in range(0, len(pairs), _PAIRS_AT):
        chunk = pairs[begin : begin + _PAIRS_AT]
        low, high = chunk // count, chunk % count
        rows = unique(np.concatenate([low, high]).astype(np.uint64)).astype(np.intp)
        sigs = store.rows(rows)
        same = np.count_nonzero(sigs[np.searchsorted(rows, low)] == sigs[np.searchsorted(rows, high)], axis=1)
        paired = same.astype(np.int64) * count + (count - 1)
        np.maximum.at(score, low, paired - high)
        np.maximum.at(score, high, paired - low)


def _pairing(score: npt.NDArray[np.int64], count: int) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.intp]]:
    """Each row's estimated Jaccard with its best other row (-1: none) and that row (``count``: none).

    A row's best pairing is one number, ``same * count + count - 1 - other``, with ``same``
    the signatures' equal values (of 64) and ``other`` the other row: the greater, the
    more similar and, as similar, the lower the other row; -1 where the row was paired
    with none. The Jaccard is ``same / 64``, exact, as a mean of 64 flags.
    """
    paired = score >= 0
    best = np.where(paired, (score // count) / float(PERMUTATIONS), -1.0)
    other = np.where(paired, count - 1 - score % count, count).astype(np.intp)
    return best, other


def _bucket_pairs(order: npt.NDArray[np.intp], ordered: U64) -> Iterator[npt.NDArray[np.int64]]:
    """The pairs of rows sharing an LSH bucket (each bucket's first :data:`_MAX_GROUP` rows), as ``low * count + high``.

    ``ordered`` is one band's keys in sorted order and ``order`` their rows; buckets of
    the same size are paired at once.
    """
    count = len(order)
    starts = np.flatnonzero(_distinct(ordered))
    sizes = np.diff(np.append(starts, count))
    for size in sorted(set(sizes[sizes > 1].tolist())):  # not np.unique: its first call imports numpy.ma
        low, high = np.triu_indices(min(size, _MAX_GROUP), 1)
        step = max(1, _PAIRS_AT // len(low))  # buckets paired at once: about _PAIRS_AT pairs
        every = starts[sizes == size]
        for begin in range(0, len(every), step):
            at = every[begin : begin + step]
            members = np.sort(order[at[:, None] + np.arange(size)], axis=1)[:, :_MAX_GROUP].astype(np.int64)
            yield (members[:, low] * count + members[:, high]).ravel()


def band_keys(store: SignatureStore, band: int) -> U64:
    """:func:`_band_keys` of every stored signature, read a block at a time."""
    parts = [_band_keys(store.signatures(s, min(store.count, s + _READ)), band) for s in range(0, store.count, _READ)]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)


def near_pairs(store: SignatureStore) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.intp]]:
    """Each row's best estimated Jaccard with another row of one of its LSH buckets (-1: none), and that row."""
    count = store.count
    score = np.full(count, -1, dtype=np.int64)
    codes: list[npt.NDArray[np.int64]] = []
    held = 0
    for band in range(BANDS):
        keys = band_keys(store, band)
        order = np.argsort(keys, kind="stable")
        for found in _bucket_pairs(order, keys[order]):
            codes.append(found)
            held += len(found)
            if held >= _PAIRS_AT:  # compared a chunk at a time: memory holds about this many pairs
                _best_of(store, codes, score)
                codes, held = [], 0
    _best_of(store, codes, score)
    return _pairing(score, count)


def near_duplicates(store: SignatureStore, threshold: float) -> dict[str, tuple[str, float]]:
    """For every article with a near duplicate, ``id -> (other id, estimated Jaccard)`` (a dict: for small stores)."""
    best, other = near_pairs(store)
    found: dict[str, tuple[str, float]] = {}
    for index in np.flatnonzero(best >= threshold):
        article_id, other_id = store.article_id(int(index)), store.article_id(int(other[index]))
        if article_id != other_id:
            found.setdefault(article_id, (other_id, round(float(best[index]), 4)))
    return found
