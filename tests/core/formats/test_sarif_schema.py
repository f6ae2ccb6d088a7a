"""SARIF output validated against the official SARIF 2.1.0 JSON schema (OASIS sarif-spec)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from cdci_helpers import CLEAN, Desk
from copydesk.app import baseline_run
from copydesk.formats import sarif

#: OASIS's schema, shipped with the tests (licence: data/NOTICE-sarif-schema.md).
SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def valid(validator: Any, text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    return log


def batch(desk: Desk) -> list[str]:
    records = [
        {"id": "r1", "title": "meh", "text": "A bad line.\nAn awful second line."},
        {"id": "r2", "text": ""},  # unreadable: a CD002 result
    ]
    return [
        desk.write("clean.txt", CLEAN),
        desk.write("dir with space/a.md", "# Meh\n\nThe bad news: 100% <script>x</script>.\n"),
        desk.write("feed.jsonl", "".join(json.dumps(r) + "\n" for r in records)),
        desk.write("boom.txt", "Boom\n\nCRASH\n"),
    ]


def test_valid_with_rules_locations_and_fingerprints(desk: Desk, validator: Any) -> None:
    log = valid(validator, desk.run(batch(desk), ["sarif"]).stdout)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert {"CD001", "CD002", "CD005", "WRD001", "WRD002", "WRD003"} <= set(rules)
    assert rules["WRD002"]["defaultConfiguration"]["level"] == "error"
    assert rules["WRD001"]["properties"]["plugin"] == "test"
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert len(result["partialFingerprints"]["copydesk/v1"]) == 32
        assert "baselineState" not in result
        by_rule.setdefault(result["ruleId"], []).append(result)
    md = by_rule["WRD001"][0]["locations"][0]["physicalLocation"]
    assert md["artifactLocation"]["uri"].endswith("dir%20with%20space/a.md")
    assert (md["region"]["startLine"], md["region"]["startColumn"], md["region"]["endColumn"]) == (3, 5, 8)
    # review 14, item 11: the region's snippet is its own text; the excerpt is the context region's
    assert md["region"]["snippet"] == {"text": "bad"}
    assert md["contextRegion"] == {
        "startLine": 3,
        "endLine": 3,
        "snippet": {"text": "The bad news: 100% <script>x</script>."},
    }
    record = by_rule["WRD001"][1]
    assert record["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert record["locations"][0]["physicalLocation"]["contextRegion"] == {
        "startLine": 1,
        "snippet": {"text": "A bad line."},
    }
    assert (record["properties"]["fieldStart"], record["properties"]["fieldEnd"]) == (2, 5)
    assert by_rule["CD002"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert by_rule["CD001"][0]["level"] == "error"
    assert run["invocations"][0]["executionSuccessful"] is False  # the crash: exit 3


def test_rule_descriptions_are_words_and_help_text_is_plain(desk: Desk, validator: Any) -> None:
    """Review 14, item 11: no message template ('{problem}') as a short description, no Markdown in help.text."""
    rules = {
        r["id"]: r
        for r in valid(validator, desk.run(batch(desk), ["sarif"]).stdout)["runs"][0]["tool"]["driver"]["rules"]
    }
    assert rules["CD002"]["shortDescription"] == {"text": "Unreadable article"}
    assert all("{" not in rule["shortDescription"]["text"] for rule in rules.values())
    assert rules["CD002"]["help"]["markdown"].startswith("**What it flags.**")
    assert rules["CD002"]["help"]["text"].startswith("What it flags. ")
    assert all("**" not in rule["help"]["text"] and "`" not in rule["help"]["text"] for rule in rules.values())


def test_an_opt_in_rule_is_disabled_by_default() -> None:
    """Review of session 24: SRC001 is listed with every rule, but off unless selected by its code."""
    from copydesk.models import Rule

    on = sarif.rule_descriptor(Rule("WRD001", "bad-word", "Bad word"), "test")
    off = sarif.rule_descriptor(Rule("WRD001", "bad-word", "Bad word", opt_in=True), "test")
    assert on["defaultConfiguration"] == {"level": "warning"}
    assert off["defaultConfiguration"] == {"level": "warning", "enabled": False}


def test_baseline_state(desk: Desk, validator: Any, tmp_path: Path) -> None:
    path = desk.write("a.txt", "T\n\nA bad line.\n")
    target = tmp_path / "b.json"
    baseline_run(desk.options([path], []), target, False, io.StringIO(), lambda line: None)
    Path(path).write_text("T\n\nA bad line. An awful one.\n", encoding="utf-8")
    log = valid(validator, desk.run([path], ["sarif"], {"fail_on": "error"}, baseline=target).stdout)
    assert sorted((r["ruleId"], r["baselineState"]) for r in log["runs"][0]["results"]) == [
        ("WRD001", "unchanged"),
        ("WRD002", "new"),
    ]


@pytest.mark.parametrize(
    ("max_results", "max_bytes", "kept"),
    [
        (10_000, 10_000_000, 7),  # under both limits: everything
        (3, 10_000_000, 3),  # over the result cap
        (10_000, -300, None),  # over the size cap (300 bytes short of the full log): as many as fit
    ],
)
def test_caps_with_a_note(
    desk: Desk, validator: Any, monkeypatch: pytest.MonkeyPatch, max_results: int, max_bytes: int, kept: int | None
) -> None:
    body = "T\n\n" + " ".join(["bad"] * 6) + " awful.\n"
    path = desk.write("many.txt", body)
    if max_bytes < 0:
        max_bytes += len(desk.run([path], ["sarif"]).stdout.encode())
    monkeypatch.setattr(sarif, "MAX_RESULTS", max_results)
    monkeypatch.setattr(sarif, "MAX_BYTES", max_bytes)
    text = desk.run([path], ["sarif"]).stdout
    log = valid(validator, text)
    results = log["runs"][0]["results"]
    assert log["runs"][0]["properties"]["resultsTotal"] == 7
    if kept is not None:
        assert len(results) == kept
    else:
        assert 0 < len(results) < 7 and len(text.encode()) <= max_bytes
    truncated = len(results) < 7
    assert log["runs"][0]["properties"]["truncated"] is truncated
    notes = log["runs"][0]["invocations"][0].get("toolExecutionNotifications", [])
    assert any("left out" in n["message"]["text"] for n in notes) is truncated
    if truncated:
        assert results[0]["ruleId"] == "WRD002"  # the most severe result is kept first


def test_a_source_failing_the_gate_is_a_valid_error_notification(desk: Desk, validator: Any) -> None:
    path = desk.write("a.txt", "T\n\nA bad line.\n")
    result = desk.run([path], ["sarif"], {"source_fail_under": 99.0})
    assert result.code == 1
    (line,) = [ln for ln in result.stderr if ln.startswith("copydesk: FAIL source ")]
    invocation = valid(validator, result.stdout)["runs"][0]["invocations"][0]
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "error",
            "message": {"text": line.removeprefix("copydesk: ")},
            "descriptor": {"id": "copydesk/source-gate"},
        }
    ]


def _table(desk: Desk) -> str:
    """A Parquet file of two rows: row 1 with a flagged word, row 2 empty (a CD002)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(desk.write("table.parquet", ""))
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": ["A bad line.", ""]}), path)
    return str(path)


def test_a_parquet_row_has_no_line_region_but_a_logical_location_naming_the_row(desk: Desk, validator: Any) -> None:
    log = valid(validator, desk.run([_table(desk)], ["sarif"]).stdout)
    places = {r["ruleId"]: (r["locations"][0], r["properties"]["row"]) for r in log["runs"][0]["results"]}
    for code, row in (("WRD001", 1), ("CD002", 2)):
        located, said = places[code]
        assert "region" not in located["physicalLocation"] and said == row
        assert located["physicalLocation"]["artifactLocation"]["uri"].endswith("table.parquet")
        assert located["logicalLocations"] == [{"name": f"row {row}", "kind": "object"}]


def test_github_and_junit_name_a_parquet_row_as_a_row_not_a_line(desk: Desk) -> None:
    path = _table(desk)
    github = desk.run([path], ["github"]).stdout.splitlines()
    assert [line.split("::")[1] for line in github[:2]] == [
        f"warning file={path},title=WRD001 flagged-word (row 1)",
        f"error file={path},title=CD002 unreadable-article (row 2)",
    ]
    junit = desk.run([path], ["junit"]).stdout
    assert f"{path}:row 1 text:1:3 WRD001" in junit and f"{path}:row 2 CD002" in junit
    assert "record line" not in junit
