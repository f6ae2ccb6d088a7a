"""Suppressions: comments for the next paragraph or the whole file, record ignore fields, CD005."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from cdci_helpers import SCORER, Desk
from copydesk import Article
from copydesk.sources.html import trafilatura_available
from copydesk.suppress import Suppressions, parse_comments
from copydesk.testing import plugin_set, score_batch

BODY = "First bad line.\n\n{comment}\nSecond bad line.\nStill the same bad paragraph.\n\nThird bad paragraph.\n"


def codes_and_lines(body: str, meta: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    """(kept finding 'code@line' list, CD005 selectors) for one article."""
    article = Article(id="x", title="Meh title", body=body, meta=meta or {})
    report = score_batch([article], plugin_set(scorers=[SCORER]))[0]
    kept = [f"{f.code}@{f.field}:{f.line}" for f in report.findings]
    unused = [d.message for d in report.diagnostics if d.code == "CD005"]
    return kept, unused


ALL_BAD = ["WRD003@title:1", "WRD001@text:1", "WRD001@text:4", "WRD001@text:5", "WRD001@text:7"]


@pytest.mark.parametrize(
    ("comment", "kept", "unused"),
    [
        ("", ALL_BAD, []),
        # next paragraph only (two lines), by code, prefix, name, or no selector at all
        ("<!-- copydesk: ignore WRD001 -->", ["WRD003@title:1", "WRD001@text:1", "WRD001@text:7"], []),
        ("<!-- copydesk: ignore WRD -->", ["WRD003@title:1", "WRD001@text:1", "WRD001@text:7"], []),
        ("<!-- copydesk: ignore flagged-word -->", ["WRD003@title:1", "WRD001@text:1", "WRD001@text:7"], []),
        ("<!-- copydesk: ignore -->", ["WRD003@title:1", "WRD001@text:1", "WRD001@text:7"], []),
        (
            "<!--copydesk:ignore WRD001,WRD002-->",
            ["WRD003@title:1", "WRD001@text:1", "WRD001@text:7"],
            ["Suppression of WRD002 matched no finding"],
        ),
        # whole file, title included
        ("<!-- copydesk: ignore-file WRD001 -->", ["WRD003@title:1"], []),
        ("<!-- copydesk: ignore-file ALL -->", [], []),
        # unused: a checked rule with nothing to suppress is reported, and so is a rule no plugin has
        ("<!-- copydesk: ignore WRD002 -->", ALL_BAD, ["Suppression of WRD002 matched no finding"]),
        (
            "<!-- copydesk: ignore WRD001 WRD002 -->",
            [*ALL_BAD[:1], "WRD001@text:1", "WRD001@text:7"],
            ["Suppression of WRD002 matched no finding"],
        ),
        ("<!-- copydesk: ignore XYZ001 -->", ALL_BAD, ["Suppression of XYZ001 matches no rule"]),
        ("<!-- copydesk: ignore WDR001 -->", ALL_BAD, ["Suppression of WDR001 matches no rule"]),
        (
            "<!-- copydesk: ignore NOPE999, NOPE999 -->",
            ALL_BAD,
            ["Suppression of NOPE999 matches no rule"],
        ),
        (
            "<!-- copydesk: ignore CD005 -->",
            ALL_BAD,
            ["Suppression of CD005 names only core diagnostics, which no suppression covers"],
        ),
        # near misses: not a copydesk directive, or a misspelt one
        ("<!-- copy desk: ignore WRD001 -->", ALL_BAD, []),
        ("<!-- copydesk: ignroe WRD001 -->", ALL_BAD, []),
        ("<!-- copydesk ignore WRD001 -->", ALL_BAD, []),
        ("<!-- copydesk: ignore WRD001", ALL_BAD, []),  # never closed
    ],
)
def test_comments(comment: str, kept: list[str], unused: list[str]) -> None:
    assert codes_and_lines(BODY.format(comment=comment)) == (kept, unused)


def test_comment_covers_only_the_next_paragraph_after_a_blank_line() -> None:
    body = "<!-- copydesk: ignore WRD001 -->\n\nA bad paragraph.\n\nAnother bad one.\n"
    assert codes_and_lines(body)[0] == ["WRD003@title:1", "WRD001@text:5"]


@pytest.mark.parametrize(
    ("field", "kept", "unused"),
    [
        ("WRD001", ["WRD003@title:1"], []),
        ("WRD001 WRD003", [], []),
        ("WRD", [], []),
        (
            "WRD002",
            ["WRD003@title:1", "WRD001@text:1"],
            ["Suppression of WRD002 matched no finding (record ignore field)"],
        ),
        ("", ["WRD003@title:1", "WRD001@text:1"], []),
    ],
)
def test_record_ignore_field(field: str, kept: list[str], unused: list[str]) -> None:
    meta = {"copydesk_ignore": field} if field else {}
    assert codes_and_lines("A bad line.\n", meta) == (kept, unused)


def test_a_misspelt_record_ignore_field_matches_no_rule() -> None:
    meta = {"copydesk_ignore": "WRD001, nope"}
    assert codes_and_lines("A bad line.\n", meta) == (
        ["WRD003@title:1"],
        ["Suppression of nope matches no rule (record ignore field)"],
    )


@pytest.mark.parametrize(
    ("overrides", "disable"),
    [
        ({"run": {"ignore": ["WRD002"]}}, ()),
        ({"run": {"select": ["WRD001"]}}, ()),
        ({"run": {"ignore": ["WRD002"]}}, ("gone",)),
    ],
    ids=["ignored", "not-selected", "a-plugin-disabled"],
)
def test_an_installed_rule_turned_off_or_a_disabled_plugins_rule_stays_quiet(
    overrides: dict[str, dict[str, list[str]]], disable: tuple[str, ...]
) -> None:
    """WRD002 is installed but off: idle. With a plugin disabled, NOPE999 may be one of its rules."""
    body = "A bad line.\n\n<!-- copydesk: ignore WRD002 severe-word -->\n<!-- copydesk: ignore NOPE999 -->\nFine.\n"
    plugins = replace(plugin_set(scorers=[SCORER]), disabled=disable)  # as if plugin 'gone' were installed
    report = score_batch([Article(id="x", title="t", body=body)], plugins, overrides)[0]
    expected = [] if disable else ["Suppression of NOPE999 matches no rule"]
    assert [d.message for d in report.diagnostics if d.code == "CD005"] == expected


def test_jsonl_ignore_field_end_to_end(desk: Desk) -> None:
    records = [
        {"id": "r1", "title": "t", "text": "A bad line.", "copydesk_ignore": ["WRD001"]},
        {"id": "r2", "title": "t", "text": "A bad line.", "copydesk_ignore": "WRD002"},
    ]
    path = desk.write("feed.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    articles = json.loads(desk.run([path]).stdout)["articles"]
    assert [[f["code"] for f in a["findings"]] for a in articles] == [[], ["WRD001"]]
    assert [[d["code"] for d in a["diagnostics"]] for a in articles] == [[], ["CD005"]]


def test_unused_suppression_points_at_the_comment_in_the_file(desk: Desk) -> None:
    path = desk.write("a.md", "# Title\n\nIntro.\n\n<!-- copydesk: ignore WRD001 -->\nNothing here.\n")
    diag = json.loads(desk.run([path]).stdout)["articles"][0]["diagnostics"][0]
    assert (diag["code"], diag["location"]["line"], diag["location"]["column"]) == ("CD005", 5, 1)
    assert diag["matched"] == "<!-- copydesk: ignore WRD001 -->"


def test_suppressed_findings_do_not_lower_the_score(desk: Desk) -> None:
    plain = desk.write("plain.txt", "T\n\nA bad line.\n")
    hushed = desk.write("hushed.txt", "T\n\n<!-- copydesk: ignore WRD001 -->\nA bad line.\n")
    scores = [a["score"] for a in json.loads(desk.run([plain, hushed]).stdout)["articles"]]
    assert scores[0] < 100 and scores[1] == 100


@pytest.mark.parametrize(
    "text",
    [
        "<!--" * 250_000,  # a million characters of unclosed comment openers
        "<!-- copydesk: ignore WRD001 -->\n" * 30_000,
        "<!-- copydesk: ignore " + "A," * 500_000 + " -->",
        "<!-- copydesk: ignore X -->" + "\n \n" * 300_000,
    ],
)
def test_adversarial_comments_finish(text: str) -> None:
    assert len(text) >= 900_000
    items = parse_comments(text)
    assert isinstance(items, list)
    assert bool(Suppressions.of(Article(id="x", title="", body=text))) == bool(items)


HTML_PAGE = """<html><head><title>Page</title></head><body>
<h1>Meh title</h1>
<p>First bad line.</p>
{comment}
<p>Second bad line.</p>
<p>Third bad paragraph.</p>
<!-- an ordinary comment -->
<script><!-- copydesk: ignore-file --></script>
</body></html>
"""


EXTRACTORS = [
    "builtin",
    pytest.param(
        "trafilatura",
        marks=pytest.mark.skipif(
            not trafilatura_available(), reason="trafilatura is not importable (pip install 'copydesk[html]')"
        ),
    ),
]


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize(
    ("comment", "kept"),
    [
        # findings are placed on the lines of the HTML file (the paragraphs are on 3, 5, 6)
        ("", ["WRD003", "WRD001@3", "WRD001@5", "WRD001@6"]),
        # the block right after the comment (line 5), not the blocks after it (line 6)
        ("<!-- copydesk: ignore WRD001 -->", ["WRD003", "WRD001@3", "WRD001@6"]),
        ("<!-- copydesk: ignore-file WRD -->", []),
        # near miss: not a copydesk directive
        ("<!-- copydesk ignore WRD001 -->", ["WRD003", "WRD001@3", "WRD001@5", "WRD001@6"]),
    ],
)
def test_comments_in_html_input_survive_extraction(desk: Desk, comment: str, kept: list[str], extractor: str) -> None:
    """Either HTML extractor keeps copydesk comments where they stood (trafilatura's text gets them back).

    A comment inside a script is not a directive: the page ends with one that would
    otherwise suppress everything.
    """
    desk.write("copydesk.toml", f'[sources]\nhtml_extractor = "{extractor}"\n')
    page = desk.write("page.html", HTML_PAGE.format(comment=comment))
    [report] = json.loads(desk.run([page]).stdout)["articles"]
    got = [
        f["code"] if f["location"]["field"] == "title" else f"{f['code']}@{f['location']['line']}"
        for f in report["findings"]
    ]
    assert got == kept


def test_ignore_file_selectors_are_collected_in_one_scan() -> None:
    """``file_selectors`` (ignore-file comments where the body will not hold them) reads every one, linearly."""
    from copydesk.suppress import file_selectors

    page = "<p>x</p><!-- copydesk: ignore-file HDG, FIG --><!-- copydesk: ignore TPL --><!-- copydesk: ignore-file -->"
    assert file_selectors(page) == "HDG FIG ALL"
    assert file_selectors("<!--" * 100_000) == ""  # unclosed openers: one scan
