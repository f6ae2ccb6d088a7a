"""Boilerplate's fast paths give exactly what the plain definitions give (issue 15: speed, same results)."""

from __future__ import annotations

import random

import pytest
from copydesk import TextView
from copydesk.plugins.boilerplate import hashing
from copydesk.plugins.boilerplate.lexicon import tokens
from copydesk.plugins.boilerplate.words import WordIndex

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


def _texts() -> list[str]:
    rng = random.Random(11)
    pieces = ["By", "staff", "the", "12", "3", "4.5", "2024", "Pro", "Tip:", "don’t", "co-op", "x_y", "—", "é"]
    out = ["", "By Staff Writer", "1 2 3 4 5 6 7 8 9 10", "By Admin 2 3 4 5 6 7 8 9"]
    for _ in range(60):
        out.append("\n".join(" ".join(rng.choice(pieces) for _ in range(rng.randrange(0, 14))) for _ in range(4)))
    return out


@pytest.mark.parametrize("text", _texts())
def test_exceeds_never_says_more_tokens_than_tokenising_finds(text: str) -> None:
    """``exceeds`` is True only for a span with more tokens than the limit; exact for spans without numbers."""
    view = TextView(text)
    index = WordIndex(view)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1, 3):
            count = len(tokens(text, start, end))
            for limit in (0, 2, 4, 8):
                if index.exceeds(start, end, limit):
                    assert count > limit, (start, end, limit)
                elif index.span(start, end) is not None and not any(t.norm == "#" for t in tokens(text, start, end)):
                    assert count <= limit, (start, end, limit)
