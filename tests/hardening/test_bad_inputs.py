"""The standing bad-input catalogue (issue 16): every case, beside one good article, gives its
documented exit code, its one-line first error, no traceback, and a report naming every
article that could be read (and every one that could not).

The inputs are in bad_inputs.py; EXPECTED holds, per case, the exit code, the first stderr
line (``{d}`` is the case's folder) and the reported articles as ``(id, unreadable?)``,
``None`` when the run stops before scoring (configuration, missing paths).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hardening.bad_inputs import ARTICLE, CASES
from hardening.expected_bad_inputs import EXPECTED
from support import CliResult


def _build(folder: Path, files: dict[str, bytes]) -> None:
    (folder / "good.txt").write_text(ARTICLE)
    (folder / "small.toml").write_text("[sources]\nmax_bytes = 1000\n")
    for rel, data in files.items():
        target = folder / rel.lstrip("@")
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel.startswith("@"):
            os.symlink(data.decode(), target)
        else:
            target.write_bytes(data)


def _arguments(files: dict[str, bytes], extra: list[str]) -> list[str]:
    values = {"small.toml", "bad.toml", "absent.toml", "ZZZ999", "0"}
    paths = [a for a in extra if not a.startswith("-") and a not in values]
    options = [a for a in extra if a not in paths]
    named = sorted(f for f in files if not f.startswith("@") and "/" not in f and not f.endswith(".toml"))
    return ["score", "-f", "json", *options, "good.txt", *(paths or named)]


def test_the_catalogue_has_at_least_sixty_cases_each_with_an_expectation() -> None:
    assert len(CASES) >= 60 and set(CASES) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., CliResult]) -> None:
    files, extra = CASES[name]
    code, first, articles = EXPECTED[name]
    _build(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    result = cli(*_arguments(files, extra))
    assert result.exit_code == code, result.stderr
    lines = result.stderr.splitlines()
    assert (lines[0] if lines else "") == first.replace("{d}", str(tmp_path))
    assert "Traceback" not in result.stderr
    if articles is None:
        assert result.stdout == ""
        return
    report: dict[str, Any] = json.loads(result.stdout)
    assert [(a["id"], a["verdict"] == "unreadable") for a in report["articles"]] == [tuple(a) for a in articles]
