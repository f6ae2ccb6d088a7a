"""scripts/audit.py --write-docs: what it re-measures with --rule, and what it keeps from the file on record."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from support import load_script

audit = load_script("audit")
measured = sys.modules["measured"]

OLD_AUDIT = {"audited": 9, "firing": 9, "correct": 9, "precision": 1.0, "interval": [0.7, 1.0]}


def on_file() -> dict[str, Any]:
    """A precision.json on record: every rule with an old audit entry and old evaluation lines."""
    rules = {}
    for code, evaluation in measured.EVALUATIONS.items():
        if isinstance(evaluation, measured.Evaluation):
            public = {"command": evaluation.shown, "what": evaluation.what, "lines": [f"old {evaluation.shown}"]}
        else:
            public = {"none": evaluation}
        rules[code] = {"audit": dict(OLD_AUDIT), "evaluation": public}
    return {"generated_by": "scripts/audit.py --write-docs", "rules": rules}


def verdict(rule: str, start: int, verdict: str) -> Any:
    return audit.Verdict("c.jsonl", "file", "a1", "text", start, start + 3, rule, verdict, "why")


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "precision.json"
    path.write_text(json.dumps(on_file()), encoding="utf-8")
    monkeypatch.setattr(audit, "MEASURED", path)
    monkeypatch.setattr(audit, "MEASURED_DOC", tmp_path / "precision.md")
    monkeypatch.setattr(audit, "REPO", tmp_path)
    return path


@pytest.mark.parametrize(
    ("keep_evaluations", "rerun"),
    [
        (True, []),  # audit only: no evaluation runs
        (False, ["scripts/eval_truncation.py"]),  # the named rule's evaluation runs, no other
    ],
)
def test_write_docs_with_rule_remeasures_only_that_rule(
    files: Path, monkeypatch: pytest.MonkeyPatch, keep_evaluations: bool, rerun: list[str]
) -> None:
    ran: list[str] = []

    def run_evaluation(evaluation: Any, data: Path) -> list[str]:
        ran.append(evaluation.shown)
        return [f"new {evaluation.shown}"]

    monkeypatch.setattr(measured, "run_evaluation", run_evaluation)
    rows = [verdict("TRN003", 0, "correct"), verdict("TRN003", 10, "wrong")]
    found = {("c.jsonl", "file", "a1", "text", "TRN003"): {(0, 3), (10, 13)}}
    args = argparse.Namespace(data=files.parent, keep_evaluations=keep_evaluations)
    audit.write_docs(args, rows, found, {"TRN003"})
    rules = json.loads(files.read_text(encoding="utf-8"))["rules"]
    before = on_file()["rules"]
    assert ran == rerun
    assert rules["TRN003"]["audit"]["audited"] == 2 and rules["TRN003"]["audit"]["precision"] == 0.5
    # every other rule keeps its audit; an evaluation re-run is shown for every rule it measures
    assert {code: entry["audit"] for code, entry in rules.items() if code != "TRN003"} == {
        code: entry["audit"] for code, entry in before.items() if code != "TRN003"
    }
    trn001 = rules["TRN001"]["evaluation"]["lines"]
    assert trn001 == (["new scripts/eval_truncation.py"] if rerun else ["old scripts/eval_truncation.py"])
    assert rules["FIG001"]["evaluation"] == before["FIG001"]["evaluation"]
    assert "| TRN003 | 1/2 = **0.50**" in (files.parent / "precision.md").read_text(encoding="utf-8")


def test_write_docs_without_rule_remeasures_every_audited_rule(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [verdict("TRN003", 0, "correct")]
    found = {
        ("c.jsonl", "file", "a1", "text", "TRN003"): {(0, 3)},
        ("c.jsonl", "file", "a1", "text", "FIG001"): {(5, 8)},
    }
    args = argparse.Namespace(data=files.parent, keep_evaluations=True)
    audit.write_docs(args, rows, found, None)
    rules = json.loads(files.read_text(encoding="utf-8"))["rules"]
    assert rules["TRN003"]["audit"]["precision"] == 1.0 and rules["TRN003"]["audit"]["unaudited"] == 0
    assert rules["FIG001"]["audit"] is None  # fires, but nothing of it is audited
    assert rules["FIG001"]["evaluation"]["lines"] == ["old scripts/eval_figures.py"]
    # no finding at all on the corpora: a census of nothing, said as such
    assert (rules["TPL002"]["audit"]["audited"], rules["TPL002"]["audit"]["unaudited"]) == (0, 0)
    table = (files.parent / "precision.md").read_text(encoding="utf-8")
    assert "| TPL002 | no finding on the dev corpora |" in table
    assert "| TRN003 | 1/1 = **1.00** (0.21-1.00); 1 audited; its only finding on the dev corpora audited |" in table


def test_write_docs_with_rule_needs_the_file_on_record(files: Path) -> None:
    files.unlink()
    args = argparse.Namespace(data=files.parent, keep_evaluations=True)
    with pytest.raises(SystemExit, match="keeps the other rules"):
        audit.write_docs(args, [verdict("TRN003", 0, "correct")], {}, {"TRN003"})
