"""Tables the built-in scorers write out instead of computing at import: each equal to what it replaces."""

from __future__ import annotations

import numpy as np
from copydesk.plugins.boilerplate import hashing


def test_minhash_permutations_are_the_seeded_generators_draws() -> None:
    """``hashing._A``/``_B`` are what ``numpy.random.default_rng(20081)`` drew at every import before."""
    rng = np.random.default_rng(20081)
    multipliers = rng.integers(1, 2**63, size=hashing.PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    offsets = rng.integers(0, 2**63, size=hashing.PERMUTATIONS, dtype=np.uint64)
    for ours, drawn in ((hashing._A, multipliers), (hashing._B, offsets)):
        assert ours.dtype == drawn.dtype == np.uint64
        assert ours.tolist() == drawn.tolist()
