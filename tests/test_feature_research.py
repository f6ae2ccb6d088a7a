"""scripts/feature_research.py: its arguments checked before the corpora are loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import load_script

feature_research = load_script("feature_research")


def test_an_unknown_candidate_is_refused_before_any_corpus_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        feature_research.main(["--only", "title_words,no_such_feature", "--data", str(tmp_path / "absent")])
    assert exit_info.value.code == 2
    assert "no candidate named no_such_feature" in capsys.readouterr().err
