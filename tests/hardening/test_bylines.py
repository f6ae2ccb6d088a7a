"""Issue 16 item 19: a finding about a byline spans the byline, where it is in the file.

A byline given apart from the body (front matter, a record's ``byline`` field) is not in
the body, so TPL002 used to point at an empty span at the body's start (a front-matter
byline on line 3 was reported at the first body line). It is now a finding in field
``byline`` that covers the byline text, placed on its own line in a ``.md``/``.txt`` file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from copydesk import Finding, Severity
from copydesk.containment import problem
from copydesk.models import Article, ScorerResult
from copydesk.text import Document
from support import CliResult

Cli = Callable[..., CliResult]
BODY = "\nThe council approved the budget on Tuesday after a long debate about roads.\nMembers voted seven to two.\n"


def _findings(cli: Cli, path: Path) -> list[dict[str, object]]:
    result = cli("score", str(path), "--select", "TPL002", "-f", "json")
    assert result.exit_code == 0, result.stderr
    findings: list[dict[str, object]] = json.loads(result.stdout)["articles"][0]["findings"]
    return findings


@pytest.mark.parametrize(
    ("front", "byline", "line", "column"),
    [
        ("title: Council approves budget\nbyline: By Staff Reporter\n", "By Staff Reporter", 3, 9),
        ('title: Council approves budget\nauthor: "Staff Reporter"\n', "Staff Reporter", 3, 10),
        ("byline:   Admin\ntitle: Council approves budget\n", "Admin", 2, 11),
        ("byline: Admin\n", "Admin", 2, 9),  # no title in the front matter: the title is the first body line
        # a YAML flow list is a list, as the block list is: no brackets in the byline (review 12b, item 11)
        (
            "title: Council approves budget\nauthor: [Staff Reporter, Desk Editor]\n",
            "Staff Reporter, Desk Editor",
            3,
            10,
        ),
        ('title: Council approves budget\nauthor: ["Staff Reporter"]\n', "Staff Reporter", 3, 11),
        # a block list of one item is placed on the item's line, as the flow list is
        ("title: Council approves budget\nauthor:\n  - Staff Reporter\n", "Staff Reporter", 4, 5),
        ('author:\n- "Staff Reporter"\n', "Staff Reporter", 3, 4),
    ],
    ids=[
        "byline",
        "quoted-author",
        "padded-before-title",
        "no-title",
        "flow-list",
        "quoted-flow-list",
        "block-list",
        "quoted-block-list-no-title",
    ],
)
def test_a_front_matter_byline_is_reported_on_its_own_line_and_spans_it(
    cli: Cli, tmp_path: Path, front: str, byline: str, line: int, column: int
) -> None:
    path = tmp_path / "by.md"
    text = f"---\n{front}---\n" + (BODY if "title" in front else "Council approves budget" + BODY)
    path.write_text(text)
    [finding] = _findings(cli, path)
    where = finding["location"]
    assert isinstance(where, dict)
    assert where["field"] == "byline" and finding["matched"] == byline
    assert (where["line"], where["column"]) == (line, column)
    assert (where["end_line"], where["end_column"]) == (line, column + len(byline))
    assert text[where["start"] : where["end"]] == byline
    text_report = cli("score", str(path), "--select", "TPL002").stdout
    assert f"by.md:{line}:{column} warning TPL002" in text_report
    github = cli("score", str(path), "--select", "TPL002", "-f", "github").stdout
    assert f"line={line},col={column}," in github


def test_a_block_list_byline_of_several_items_spans_them_from_the_first_to_the_last(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "by.md"
    text = "---\ntitle: Council approves budget\nauthor:\n  - Staff Reporter\n  - 'Desk Editor'\n---\n" + BODY
    path.write_text(text)
    [finding] = _findings(cli, path)
    where = finding["location"]
    assert isinstance(where, dict) and finding["matched"] == "Staff Reporter, Desk Editor"
    assert (where["field"], where["line"], where["column"], where["end_line"], where["end_column"]) == (
        "byline",
        4,
        5,
        5,
        17,
    )
    assert text[where["start"] : where["end"]] == "Staff Reporter\n  - 'Desk Editor"
    assert "by.md:4:5 warning TPL002" in cli("score", str(path), "--select", "TPL002").stdout


def test_a_record_byline_finding_spans_the_byline_field(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": BODY.strip(), "byline": "Staff Reporter"}) + "\n")
    [finding] = _findings(cli, path)
    where = finding["location"]
    assert isinstance(where, dict)
    assert (where["record"], where["field"], where["start"], where["end"]) == (1, "byline", 0, len("Staff Reporter"))
    assert finding["matched"] == "Staff Reporter"


def test_a_byline_in_the_body_is_still_a_finding_in_the_text(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Council approves budget\nBy Staff Reporter\n" + BODY)
    [finding] = _findings(cli, path)
    where = finding["location"]
    assert isinstance(where, dict)
    assert (where["field"], where["line"], where["column"]) == ("text", 2, 1)
    assert str(finding["matched"]).startswith("By Staff Reporter")


def _finding(start: int, end: int) -> Finding:
    return Finding("TST001", "x", "m", Severity.INFO, start, end, 1, start + 1, 1, end + 1, "", "", field="byline")


@pytest.mark.parametrize(("start", "end", "accepted"), [(0, 5, True), (0, 6, False), (0, 0, True)])
def test_the_core_checks_byline_spans_against_the_byline(start: int, end: int, accepted: bool) -> None:
    document = Document.from_article(Article("a", "Title", "Body text.", byline="Admin"))
    result = ScorerResult("TST", "tst", "tst", None, 1.0, 0.0, (_finding(start, end),), {}, None, 0.0)
    assert (problem(result, document) is None) == accepted
