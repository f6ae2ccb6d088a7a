"""Tables the built-in scorers write out instead of computing at import: each equal to what it replaces."""

from __future__ import annotations

import re
import sys

import numpy as np
from copydesk.plugins.boilerplate import hashing
from copydesk.plugins.sourcing import patterns


def test_minhash_permutations_are_the_seeded_generators_draws() -> None:
    """``hashing._A``/``_B`` are what ``numpy.random.default_rng(20081)`` drew at every import before."""
    rng = np.random.default_rng(20081)
    multipliers = rng.integers(1, 2**63, size=hashing.PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    offsets = rng.integers(0, 2**63, size=hashing.PERMUTATIONS, dtype=np.uint64)
    for ours, drawn in ((hashing._A, multipliers), (hashing._B, offsets)):
        assert ours.dtype == drawn.dtype == np.uint64
        assert ours.tolist() == drawn.tolist()


def test_word_start_outside_ascii_opens_with_the_same_characters() -> None:
    """The complement written for sourcing's ``[A-Z\\x80-\\U0010ffff]`` (5 ms to compile) holds every code point it did."""
    source = patterns.WORD_START_OUTSIDE_ASCII.pattern
    written, rest = source.split("]", 1)
    assert written == "[^\\x00-\\x40\\x5b-\\x7f" and rest.startswith("(?<=")
    ours, theirs = re.compile(written + "]"), re.compile("[A-Z\\x80-\\U0010ffff]")
    text = "".join(map(chr, range(sys.maxunicode + 1)))
    assert [m.start() for m in ours.finditer(text)] == [m.start() for m in theirs.finditer(text)]
