"""Batch statistics kept on disk: a read-only mapping from strings to values in an unnamed temporary file.

A batch pass's finished statistics can hold something for every article of the batch
(the near duplicate of each, the contradictions of each). :class:`SpilledMap` keeps
them in a temporary file that has no name (deleted as it is created), so nothing is
left behind however the run ends, and holds in memory only every :data:`STEP`-th key
hash. A look-up reads one block of the sorted index and one record with ``os.pread``,
which keeps no file position, so the forked scoring workers read the file they
inherited side by side.

It crosses processes two ways. From a keeper to the run (:mod:`copydesk.keepers`), its
file descriptor is passed over the keeper's pipe (the protocol: an object with
``fileno()`` and a ``from_descriptor`` class method goes by descriptor). Pickled
anywhere else (a cluster's workers), it carries the file's bytes and the receiver
writes them to a temporary file of its own.
"""

from __future__ import annotations

import array
import bisect
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

#: Index entries per in-memory key hash (so memory holds 8 bytes per STEP keys).
STEP = 256
#: Bytes of one index entry: the key's hash, its record's offset and length (little-endian uint64 each).
ENTRY = 24
_EMPTY_HASH = hashlib.blake2b(digest_size=8)


def key_hash(key: str) -> int:
    """The stable 64-bit hash of ``key`` (BLAKE2b)."""
    state = _EMPTY_HASH.copy()
    state.update(key.encode("utf-8", "surrogatepass"))
    return int.from_bytes(state.digest(), "little")


class SpilledMap(Mapping[str, Any]):
    """A read-only ``str -> value`` mapping in an unnamed temporary file; see the module docstring."""

    def __init__(self, fd: int, count: int, index_at: int, sparse: list[int]) -> None:
        self._fd = fd
        self._count = count
        self._index_at = index_at
        self._sparse = sparse

    @classmethod
    def build(cls, items: Iterable[tuple[str, Any]], directory: str | None = None) -> SpilledMap:
        """A map of ``items`` (keys distinct), written to a new unnamed temporary file in ``directory``."""
        import numpy as np

        fd = _unnamed(directory)
        flat = array.array("Q")  # hash, offset, length of each record: 24 bytes a key
        at = 0
        with os.fdopen(os.dup(fd), "wb") as out:
            for key, value in items:
                record = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
                out.write(record)
                flat.extend((key_hash(key), at, len(record)))
                at += len(record)
            entries = np.frombuffer(flat, dtype=np.uint64).reshape(-1, 3)
            entries = entries[np.argsort(entries[:, 0], kind="stable")]
            del flat
            out.write(entries.astype("<u8").tobytes())
        return cls(fd, len(entries), at, [int(h) for h in entries[::STEP, 0]])

    @classmethod
    def from_descriptor(cls, fd: int, count: int, index_at: int, sparse: list[int]) -> SpilledMap:
        """The map whose file is open as ``fd`` (the descriptor a keeper passed)."""
        return cls(fd, count, index_at, sparse)

    def fileno(self) -> int:
        """The file's descriptor (passed by a keeper instead of the file's bytes)."""
        return self._fd

    def descriptor_state(self) -> tuple[int, int, list[int]]:
        """What :meth:`from_descriptor` needs besides the descriptor."""
        return self._count, self._index_at, self._sparse

    def _entries(self, start: int, stop: int) -> Any:
        """Index entries ``start`` to ``stop`` as an (n, 3) array."""
        import numpy as np

        raw = os.pread(self._fd, (stop - start) * ENTRY, self._index_at + start * ENTRY)
        return np.frombuffer(raw, dtype="<u8").reshape(-1, 3)

    def _record(self, offset: int, length: int) -> tuple[str, Any]:
        """One ``(key, value)`` record."""
        record: tuple[str, Any] = pickle.loads(os.pread(self._fd, length, offset))
        return record

    def __getitem__(self, key: str) -> Any:
        if not self._count:
            raise KeyError(key)
        h = key_hash(key)
        start = max(0, bisect.bisect_left(self._sparse, h) - 1) * STEP
        stop = min(self._count, bisect.bisect_right(self._sparse, h) * STEP)
        # The block's entries as plain integers, searched by bisection (numpy's set-up per
        # call cost more than the search in a block of at most 2 x STEP entries).
        entries = array.array("Q", os.pread(self._fd, (stop - start) * ENTRY, self._index_at + start * ENTRY))
        if sys.byteorder == "big":
            entries.byteswap()
        hashes = entries[0::3]
        at = bisect.bisect_left(hashes, h)
        while at < len(hashes) and hashes[at] == h:
            found, value = self._record(entries[3 * at + 1], entries[3 * at + 2])
            if found == key:
                return value
            at += 1
        raise KeyError(key)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        for start in range(0, self._count, STEP):
            for _, offset, length in self._entries(start, min(self._count, start + STEP)).tolist():
                yield self._record(offset, length)[0]

    def __repr__(self) -> str:
        return f"SpilledMap({self._count} keys)"

    def contents(self) -> bytes:
        """The whole file (records, then the index)."""
        size = self._index_at + self._count * ENTRY
        parts = [os.pread(self._fd, min(1 << 20, size - at), at) for at in range(0, size, 1 << 20)]
        return b"".join(parts)

    @classmethod
    def from_contents(cls, contents: bytes, count: int, index_at: int, sparse: list[int]) -> SpilledMap:
        """A map with a file of its own holding ``contents`` (a plain pickle's copy)."""
        fd = _unnamed(None)
        with os.fdopen(os.dup(fd), "wb") as out:
            out.write(contents)
        return cls(fd, count, index_at, sparse)

    def __reduce__(self) -> tuple[Any, ...]:
        return (SpilledMap.from_contents, (self.contents(), *self.descriptor_state()))

    def __del__(self) -> None:
        fd, self._fd = getattr(self, "_fd", -1), -1
        if fd >= 0:
            try:
                os.close(fd)
            except OSError:
                pass


def _unnamed(directory: str | None) -> int:
    """The descriptor of a new temporary file that has no name (removed from its directory at once)."""
    with tempfile.TemporaryFile(dir=directory) as handle:
        return os.dup(handle.fileno())
