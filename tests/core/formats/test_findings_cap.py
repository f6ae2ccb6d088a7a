"""Every report format says what ``[run] max_findings_per_article`` left out of an article, and stderr names it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from cdci_helpers import Desk

#: 6 'bad' (WRD001, warning) and 2 'awful' (WRD002, error): 8 findings, 5 over a cap of 3.
BODY = "Title\n\nA bad bad day. An awful bad bad week, awful and bad bad.\n"
LINE = "5 findings left out of the report by run.max_findings_per_article (3 kept, the most severe): WRD001 5"


def capped(desk: Desk, formats: list[str], cap: int = 3) -> tuple[int, list[str]]:
    path = desk.write("many.txt", BODY)
    options = desk.options([path], formats)
    options = replace(options, overrides={"run": {"max_findings_per_article": cap}})
    from copydesk.app import execute

    lines: list[str] = []
    code = execute(options, _Sink(), lines.append)
    return code, lines


class _Sink:
    """Standard output, thrown away (every format here writes to a file)."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def test_stderr_names_the_article_and_says_what_was_left_out(desk: Desk, tmp_path: Path) -> None:
    code, lines = capped(desk, [f"json:{tmp_path / 'r.json'}"])
    assert code == 0
    assert f"copydesk: warning: {tmp_path / 'many.txt'}: {LINE}" in lines


def test_json_and_jsonl_carry_the_counts_only_when_findings_were_left_out(desk: Desk, tmp_path: Path) -> None:
    capped(desk, [f"json:{tmp_path / 'r.json'}", f"jsonl:{tmp_path / 'r.jsonl'}"])
    [article] = json.loads((tmp_path / "r.json").read_text())["articles"]
    [line] = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    for report in (article, line):
        assert report["omitted_findings"] == {"WRD001": 5}
        assert [f["code"] for f in report["findings"]] == ["WRD001", "WRD002", "WRD002"]
    capped(desk, [f"json:{tmp_path / 'all.json'}"], cap=0)
    [whole] = json.loads((tmp_path / "all.json").read_text())["articles"]
    assert "omitted_findings" not in whole and len(whole["findings"]) == 8
    assert whole["score"] == article["score"]


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("text", f"  {LINE}"),
        ("markdown", "1 article(s) had findings left out of their reports by run.max_findings_per_article (5 in all)"),
        ("junit", f"many.txt: {LINE}"),
        ("github", "::warning file="),
        ("html", LINE),
    ],
)
def test_each_format_says_what_was_left_out(desk: Desk, tmp_path: Path, fmt: str, expected: str) -> None:
    out = tmp_path / f"report.{fmt}"
    capped(desk, [f"{fmt}:{out}"])
    assert expected in out.read_text()


def test_github_warns_at_the_file_with_the_counts(desk: Desk, tmp_path: Path) -> None:
    out = tmp_path / "gh.txt"
    capped(desk, [f"github:{out}"])
    last = out.read_text().splitlines()[-1]
    assert last.startswith(f"::warning file={tmp_path / 'many.txt'},title=copydesk findings cap::")
    assert last.endswith(LINE)


def test_markdown_counts_include_what_was_left_out(desk: Desk, tmp_path: Path) -> None:
    capped(desk, [f"markdown:{tmp_path / 'r.md'}"])
    markdown = (tmp_path / "r.md").read_text()
    assert "| `WRD001` | flagged-word | 6 | 1 |" in markdown  # per rule
    assert "| 0.7 | F | 8 |" in markdown  # the article's findings: 3 kept, 5 left out
    assert "| WRD001 (6), WRD002 (2) |" in markdown  # the source's top rules


def test_sarif_has_a_notification_naming_the_article(desk: Desk, tmp_path: Path) -> None:
    out = tmp_path / "r.sarif"
    capped(desk, [f"sarif:{out}"])
    run = json.loads(out.read_text())["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes == [
        {
            "level": "warning",
            "message": {"text": f"{tmp_path / 'many.txt'}: {LINE}"},
            "descriptor": {"id": "copydesk/findings-cap"},
        }
    ]
    assert len(run["results"]) == 3


def test_junit_stays_well_formed(desk: Desk, tmp_path: Path) -> None:
    out = tmp_path / "r.xml"
    capped(desk, [f"junit:{out}"])
    assert LINE in "".join(ET.parse(out).getroot().itertext())
