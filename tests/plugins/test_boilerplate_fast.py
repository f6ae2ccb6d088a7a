"""Boilerplate's fast paths give exactly what the plain definitions give (issue 15: speed, same results)."""

from __future__ import annotations

import random

import pytest
from copydesk.plugins.boilerplate import hashing

_MASK = (1 << 64) - 1


def _plain_signature(words: list[str]) -> list[int]:
    """MinHash as defined: every shingle permuted, its high half kept, the minimum per permutation."""
    h = [int.from_bytes(hashing.digest(w), "little") for w in words]
    mix = int(hashing._MIX)
    shingles = []
    for i in range(len(words) - hashing.SHINGLE + 1):
        value = h[i]
        for offset in range(1, hashing.SHINGLE):
            value = (value * mix + h[i + offset]) & _MASK
        shingles.append(value)
    return [
        min((((a * s) & _MASK) + b & _MASK) >> 32 for s in shingles)
        for a, b in zip(map(int, hashing._A), map(int, hashing._B), strict=True)
    ]


@pytest.mark.parametrize("size", [5, 6, 300, hashing._SIGNATURE_CHUNK + 7])
def test_minhash_signature_equals_the_plain_definition(size: int) -> None:
    """The shift taken of each minimum (not of every value) and the chunking change no signature value."""
    rng = random.Random(size)
    words = [
        rng.choice(["the", "a", "court", "said", "#", "é", "x" * 30, str(size)]) + str(rng.randrange(40))
        for _ in range(size)
    ]
    assert hashing.signature(words).tolist() == _plain_signature(words)


def test_word_digests_stay_exact_and_bounded_when_the_cache_fills(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full word-digest cache is emptied, never grows past its bound, and never changes a digest."""
    monkeypatch.setattr(hashing, "_WORD_DIGESTS", {})
    monkeypatch.setattr(hashing, "_WORD_DIGESTS_MAX", 50)
    rng = random.Random(3)
    for _ in range(30):
        words = [f"w{rng.randrange(120)}" for _ in range(rng.randrange(1, 40))]
        assert hashing._word_digests(words) == b"".join(map(hashing.digest, words))
        assert len(hashing._WORD_DIGESTS) <= 50
