"""scripts/audit.py --write-docs --rule: only the named rules' entries are regenerated, the rest kept."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def script(name: str) -> Any:
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(SCRIPTS))


audit = script("audit")
measured = sys.modules["measured"]

OLD_EVALUATION = {"command": "scripts/eval_figures.py", "what": "old", "lines": ["tuned publishers old"]}
ON_FILE = {
    "generated_by": "scripts/audit.py --write-docs",
    "rules": {
        "FIG001": {"audit": {"audited": 1, "firing": 0}, "evaluation": OLD_EVALUATION},
        "HDG001": {
            "audit": {"audited": 9, "firing": 9, "correct": 8, "precision": 0.889, "interval": [0.57, 0.98]},
            "evaluation": {"none": "kept as on file"},
        },
    },
}
VERDICTS = [
    audit.Verdict("c.jsonl", "file", "a", "text", 0, 5, "FIG001", "correct", "why"),
    audit.Verdict("c.jsonl", "file", "a", "text", 9, 12, "FIG001", "wrong", "why"),
]
FOUND = {("c.jsonl", "file", "a", "text", "FIG001"): {(0, 5), (9, 12), (20, 25)}}


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    path = tmp_path / "precision.json"
    path.write_text(json.dumps(ON_FILE), encoding="utf-8")
    monkeypatch.setattr(audit, "MEASURED", path)
    monkeypatch.setattr(audit, "MEASURED_DOC", tmp_path / "precision.md")
    monkeypatch.setattr(audit, "REPO", tmp_path)
    ran: list[str] = []

    def run(evaluation: Any, data: Path) -> list[str]:
        ran.append(evaluation.shown)
        return [f"{evaluation.shown} today"]

    monkeypatch.setattr(measured, "run_evaluation", run)
    return path, ran


def regenerate(keep: bool, only: set[str] | None) -> None:
    args = argparse.Namespace(data=Path("unused"), keep_evaluations=keep)
    audit.write_docs(args, VERDICTS, FOUND, only)


@pytest.mark.parametrize(
    ("keep", "lines"), [(False, ["scripts/eval_figures.py today"]), (True, OLD_EVALUATION["lines"])]
)
def test_named_rule_is_regenerated_and_others_kept(files: tuple[Path, list[str]], keep: bool, lines: list[str]) -> None:
    path, ran = files
    regenerate(keep, {"FIG001"})
    rules = json.loads(path.read_text(encoding="utf-8"))["rules"]
    assert rules["HDG001"] == ON_FILE["rules"]["HDG001"]
    assert rules["FIG001"]["audit"]["firing"] == 2 and rules["FIG001"]["audit"]["correct"] == 1
    assert rules["FIG001"]["audit"]["unaudited"] == 1
    assert rules["FIG001"]["evaluation"]["lines"] == lines
    assert ran == ([] if keep else ["scripts/eval_figures.py"])  # only the evaluation FIG001 needs
    assert set(rules) == {"FIG001", "HDG001"}


def test_without_rules_every_rule_is_regenerated(files: tuple[Path, list[str]]) -> None:
    path, ran = files
    regenerate(False, None)
    rules = json.loads(path.read_text(encoding="utf-8"))["rules"]
    assert set(rules) >= set(measured.EVALUATIONS)
    assert rules["HDG001"]["audit"] is None  # no HDG001 verdict given: regenerated, not kept
    assert len(ran) == len({e.shown for e in measured.EVALUATIONS.values() if isinstance(e, measured.Evaluation)})


def test_rules_without_a_file_on_disk_is_refused(files: tuple[Path, list[str]]) -> None:
    path, _ = files
    path.unlink()
    with pytest.raises(SystemExit, match="needs"):
        regenerate(False, {"FIG001"})
