"""JUnit, GitHub annotations, Markdown summary and the HTML report's escaping, without a browser."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from cdci_helpers import CLEAN, Desk
from copydesk.formats import _html_charts, github, html, markdown
from copydesk.formats.junit import xml_attr, xml_text
from support import run_copydesk

EVIL_TITLE = "Meh <script>alert(1)</script> | `x` [a](http://e.example) @team"
EVIL_BODY = (
    "A bad <img src=x onerror=alert(2)> line. </textarea></script><script>alert(3)</script>\n"
    "An awful 50%, a:b, c\r\nend \u2028 x <!-- y --> & &amp; \x07\n"
)


@pytest.fixture
def paths(desk: Desk) -> list[str]:
    return [
        desk.write("clean.txt", CLEAN),
        desk.write("evil.txt", f"{EVIL_TITLE}\n{EVIL_BODY}"),
        desk.write("boom.txt", "Boom\n\nCRASH\n"),
    ]


def test_junit_one_case_per_article(desk: Desk, paths: list[str], tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    desk.run(paths, [f"junit:{out}"], {"fail_on": "error"})
    root = ET.parse(out).getroot()
    suite = root.find("testsuite")
    assert suite is not None
    cases = {Path(c.get("name", "")).name: c for c in suite.findall("testcase")}
    assert sorted(cases) == ["boom.txt", "clean.txt", "evil.txt"]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    assert cases["clean.txt"].find("failure") is None and cases["clean.txt"].find("error") is None
    failure = cases["evil.txt"].find("failure")
    assert failure is not None
    assert "fail_on: error+ findings WRD002" in failure.get("message", "")
    assert "WRD001 [warning] Word 'bad' is flagged" in (failure.text or "")
    assert "WRD002 [error] Word 'awful' is severe" in (failure.text or "")
    error = cases["boom.txt"].find("error")
    assert error is not None and "CD001" in error.get("message", "")


def test_junit_without_a_gate_passes_everything(desk: Desk, paths: list[str], tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    desk.run(paths[:2], [f"junit:{out}"])
    suite = ET.parse(out).getroot().find("testsuite")
    assert suite is not None and suite.get("failures") == "0"
    assert "WRD002" in "".join(suite.itertext())


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("a<b&c>", "a&lt;b&amp;c&gt;"),
        ("nul\x00bell\x07", "nul\\x00bell\\x07"),  # escapes as in every format (not U+FFFD)
        ("back\\slash", "back\\\\slash"),
        ("non-character\ufffe", "non-character\ufffd"),  # neither a control nor allowed in XML 1.0
        ("tab\tok\n", "tab\tok\n"),
    ],
)
def test_xml_escaping(raw: str, text: str) -> None:
    assert xml_text(raw) == text
    ET.fromstring(f"<x a={xml_attr(raw)}>{xml_text(raw)}</x>")  # well-formed


@pytest.mark.parametrize(
    ("value", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
        ("%0A", "%250A", "%250A"),  # an escape sequence in the text is not decoded by GitHub
    ],
)
def test_github_escaping(value: str, data: str, prop: str) -> None:
    assert github.escape_data(value) == data
    assert github.escape_property(value) == prop


def test_github_annotations(desk: Desk, paths: list[str]) -> None:
    lines = desk.run(paths, ["github"], {"fail_on": "error"}).stdout.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert all("\r" not in line for line in lines)
    evil = [line for line in lines if "evil.txt" in line]
    assert evil[0].startswith("::error file=") and "title=copydesk gate::" in evil[0]
    assert any(
        re.fullmatch(
            r"::warning file=.*evil\.txt,line=2,col=3,endLine=2,endColumn=6,title=WRD001 flagged-word::Word 'bad' is flagged",
            x,
        )
        for x in evil
    )
    assert any(line.startswith("::notice ") and "title=WRD003 flagged-title-word" in line for line in evil)
    assert any(line.startswith("::error ") and "CD001 scorer-error" in line for line in lines)


@pytest.mark.parametrize(
    ("raw", "rendered"),
    [
        ("a | b", "a \\| b"),
        ("`code`", "\\`code\\`"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert\\(1\\)&gt;"),
        ("[x](http://e)", "\\[x\\]\\(http\\://e\\)"),
        ("line\nbreak\r\nhere", "line break here"),
        ("@team", "&#64;team"),
        ("a & b", "a &amp; b"),
        ("plain words", "plain words"),
    ],
)
def test_markdown_escaping(raw: str, rendered: str) -> None:
    assert markdown.md(raw) == rendered


@pytest.mark.parametrize(
    ("raw", "rendered"),
    [  # review 14, item 15: copydesk's own words and numbers read as written...
        ("fail_under 40.0", "fail_under 40.0"),
        ("vague-attribution", "vague-attribution"),
        ("SRC sourcing (22.6): distinct names 3.33", "SRC sourcing (22.6): distinct names 3.33"),
        ("3.5 points", "3.5 points"),
        # ... and what would open Markdown anywhere is still escaped
        ("a | b", "a \\| b"),
        ("`code` *em* _em_ ~~s~~", "\\`code\\` \\*em\\* \\_em\\_ \\~\\~s\\~\\~"),
        ("[x](http://e) www.e.com", "\\[x\\](http\\://e) www\\.e.com"),
        ("<b> @team & co", "&lt;b&gt; &#64;team &amp; co"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("12. item", "12\\. item"),
        ("line\nbreak", "line break"),
    ],
)
def test_markdown_own_text_escapes_only_what_markdown_reads(raw: str, rendered: str) -> None:
    assert markdown.own(raw) == rendered


def test_markdown_summary(desk: Desk, paths: list[str]) -> None:
    text = desk.run(paths, ["markdown"], {"fail_on": "error"}).stdout
    assert text.startswith("## copydesk: run FAILED (exit 3)")
    assert "### Failing articles" in text and "fail_on: error+ findings WRD002" in text
    table = [line for line in text.splitlines() if "evil" in line]
    assert len(table) == 1 and table[0].count(" | ") == 5  # the title's pipe did not add a cell
    assert "<script" not in text and "`x`" not in text and "](http" not in text
    assert "| WRD001 |" not in text and "| `WRD001` | flagged-word | 1 | 1 |" in text


def test_markdown_names_an_untitled_record_by_its_id_then_where_it_is(desk: Desk) -> None:
    feed = desk.write("feed.jsonl", '{"id": "r1", "text": "It was bad."}\n{"id": "r2", "title": "T", "text": "Bad."}\n')
    text = desk.run([feed], ["markdown"]).stdout
    assert f"| r1<br>{markdown.md(feed + ':1')} |" in text and "| r1<br>r1 |" not in text
    assert "| T<br>r2 |" in text  # a titled record keeps its id under its title


def test_markdown_names_an_unreadable_line_once_by_where_it_is(desk: Desk) -> None:
    feed = desk.write("feed.jsonl", '{"id": "r1", "text": "It was bad."}\n{"id": "r2", "text": "cut\n')
    text = desk.run([feed], ["markdown"]).stdout
    where = markdown.md(feed + ":2")
    assert f"| {where} | - | ? |" in text and f"{where}<br>{where}" not in text


def test_markdown_caps_long_tables(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "MAX_ROWS", 2)
    paths = [desk.write(f"{i}.txt", "T\n\nA bad line.\n") for i in range(5)]
    text = desk.run(paths, ["markdown"], {"fail_on": "warning"}).stdout
    assert "3 more not shown." in text


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("abcdef", [], [["abcdef", []]]),
        ("abcdef", [(1, 3, 0)], [["a", []], ["bc", [0]], ["def", []]]),
        ("abcdef", [(0, 4, 0), (2, 6, 1)], [["ab", [0]], ["cd", [0, 1]], ["ef", [1]]]),
        ("abcdef", [(2, 2, 0)], [["ab", []], ["c", [0]], ["def", []]]),  # empty span: one character
        ("abc", [(3, 3, 0)], [["ab", []], ["c", [0]]]),  # empty span at the end
        ("abc", [(-5, 99, 0)], [["abc", [0]]]),  # clamped
        ("", [(0, 0, 0)], [["", []]]),
    ],
)
def test_segments(text: str, spans: list[tuple[int, int, int]], expected: list[list[object]]) -> None:
    assert html.segments(text, spans) == expected
    assert "".join(piece for piece, _ in html.segments(text, spans)) == text


def test_html_is_escaped_and_self_contained(desk: Desk, paths: list[str], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    desk.run(paths, [f"html:{out}"], {"fail_on": "error"})
    page = out.read_text(encoding="utf-8")
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
    assert [attrs for attrs, _ in scripts if "application/json" not in attrs] == [""]  # only ours runs
    for attrs, body in scripts:
        if "application/json" in attrs:
            assert "<" not in body and ">" not in body
            json.loads(body)
    outside = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)
    for payload in ("<script>alert", "<img src=x", "</textarea>", "onerror=alert"):
        assert payload not in outside
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outside  # the title, shown as text
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing to fetch
    assert "default-src 'none'" in page and "Content-Security-Policy" in page


def test_html_block_carries_spans_in_field_coordinates(desk: Desk, paths: list[str], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    desk.run(paths[1:2], [f"html:{out}"])
    block = re.search(r'id="cd-a-0">(.*?)</script>', out.read_text(encoding="utf-8"), flags=re.S)
    assert block is not None
    data = json.loads(block.group(1))
    marked = [(piece, [data["findings"][i][0] for i in ids]) for piece, ids in data["segments"] if ids]
    assert marked == [("bad", ["WRD001"]), ("awful", ["WRD002"])]
    assert [(p, ids) for p, ids in data["title_segments"] if ids] == [("Meh", [0])]


def test_sparkline_scale_is_fixed_and_a_missing_mean_breaks_the_line() -> None:
    svg = _html_charts.sparkline([100.0, 0.0, None, 50.0, 50.0])
    lines = re.findall(r'<polyline points="([^"]*)"', svg)
    dots = [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)]
    pad, height = _html_charts.SPARK_PAD, _html_charts.SPARK_HEIGHT
    assert [len(points.split()) for points in lines] == [2, 2]  # 100, 0 | 50, 50: the gap breaks it
    assert [y for _, y in dots] == [pad, height - pad, height / 2, height / 2]
    assert [x for x, _ in dots] == sorted(x for x, _ in dots) and 'r="2.6"' in svg.rsplit("<circle", 1)[1]
    assert 'aria-hidden="true"' in svg


@pytest.mark.parametrize(
    ("runs", "means", "head", "series"),
    [
        ((3, 5, None), (61.0, None, 58.25), "61.0 \u2192 58.2 (-2.8) over 3 runs", "run 3: 61.0, run 5: -, now: 58.2"),
        ((None,), (40.0,), "40.0 \u2192 40.0 over 1 run", "now: 40.0"),
        ((2, None), (None, None), "- \u2192 - over 2 runs", "run 2: -, now: -"),
    ],
)
def test_trend_text_gives_the_sparklines_numbers(
    runs: tuple[int | None, ...], means: tuple[float | None, ...], head: str, series: str
) -> None:
    assert _html_charts.trend_text(runs, means) == (head, series)


def test_the_distribution_caption_and_table_carry_every_bands_count() -> None:
    counts = _html_charts.bands([0.0, 9.99, 10.0, 55.5, 100.0])
    assert counts == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]
    caption = _html_charts.histogram_caption(counts, 3, 60)
    assert caption.startswith("Articles per score band: 0-10: 2, 10-20: 1, 20-30: 0")
    assert caption.endswith("90-100: 1; 3 unreadable; the gate fails scores under 60.")
    cells = re.findall(r'<td class="n">(\d+)</td>', _html_charts.histogram_table(counts, 3))
    assert [int(c) for c in cells] == [*counts, 3]


def test_html_sources_table_shows_trends_only_with_a_history(desk: Desk, paths: list[str], tmp_path: Path) -> None:
    plain, recorded = tmp_path / "plain.html", tmp_path / "recorded.html"
    desk.run(paths, [f"html:{plain}"])
    url = f"sqlite:///{tmp_path / 'h.db'}"
    desk.run(
        paths[:2], [f"html:{tmp_path / 'first.html'}"], history=url
    )  # (a run in which a scorer fails is not recorded)
    desk.run(paths[:2], [f"html:{recorded}"], history=url)
    assert "<th>trend (mean score by run)</th>" not in plain.read_text() and 'class="spark"' not in plain.read_text()
    page = recorded.read_text()
    assert "<th>trend (mean score by run)</th>" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="spark"') == len(
        re.findall(r"<tr><td><a href=\"#cd-table\" data-source=", page)
    )
    assert re.search(r"run 1: [\d.]+, now: [\d.]+</div>", page)


def test_every_builtin_format_names_a_writer_its_module_defines() -> None:
    """Each format's module is imported only when opened (LazyWriter): its module and class names must resolve."""
    import importlib

    from copydesk.formats import LazyWriter
    from copydesk.manager import load_plugins

    reporters = load_plugins().reporters
    assert {"text", "json", "jsonl", "sarif", "junit", "github", "markdown", "html"} <= set(reporters)
    for name in ("text", "json", "jsonl", "sarif", "junit", "github", "markdown", "html"):
        opener = reporters[name][1].open
        assert isinstance(opener, LazyWriter)
        writer = getattr(importlib.import_module(f"copydesk.formats.{opener.module}"), opener.name)
        assert callable(writer.add) and callable(writer.close), name


def _blocks(page: str) -> list[dict[str, Any]]:
    """The per-article data blocks of an HTML report."""
    return [json.loads(b) for b in re.findall(r'id="cd-a-\d+">(.*?)</script>', page, flags=re.S)]


def test_html_scorer_table_shows_sub_score_and_weight_only_for_a_scorer_the_model_does_not_weigh(
    desk: Desk, paths: list[str], tmp_path: Path
) -> None:
    """Review 12, item 3: "sourcing: sub-score 1.000" beside 27.51 points lost read as a contradiction."""
    seeds, words = tmp_path / "seeds.html", tmp_path / "words.html"
    run_copydesk("score", "seeds/003_1d813d5afd5ed48d.txt", "-f", f"html:{seeds}")
    [seed] = _blocks(seeds.read_text(encoding="utf-8"))
    sourcing = next(s for s in seed["scorers"] if s["prefix"] == "SRC")
    assert sourcing["modelled"] and sourcing["subscore"] is None and sourcing["weight"] is None
    assert sourcing["contribution"] > 25 and sourcing["costs"].startswith(
        "uncredited quotation share 0.52 (professional median"
    )
    truncation = next(s for s in seed["scorers"] if s["prefix"] == "TRN")  # its sub-score is the model's factor
    assert not truncation["modelled"] and truncation["subscore"] is not None
    desk.run(paths[:1], [f"html:{words}"])  # a third-party scorer: the model has no feature of it
    [clean] = _blocks(words.read_text(encoding="utf-8"))
    [scorer] = clean["scorers"]
    assert not scorer["modelled"] and scorer["subscore"] == 1.0 and scorer["weight"] == 1.0 and scorer["costs"] == ""
    assert "its sub-score and weight play no part in the score" in html.JS and "costliest features" in html.JS


def test_markdown_names_the_scorer_and_features_that_cost_the_most_points(tmp_path: Path) -> None:
    out = tmp_path / "s.md"
    run_copydesk("score", "seeds/003_1d813d5afd5ed48d.txt", "-f", f"markdown:{out}")
    summary = out.read_text(encoding="utf-8")
    assert "| Article | Score | Grade | Findings | Gate | Most points lost to |" in summary
    [row] = [line for line in summary.splitlines() if "003\\_1d813d5afd5ed48d" in line]
    assert "| 31 |  | SRC sourcing (30.0): uncredited quotation share 0.52 (professional median 0.1): " in row
    assert row.count("professional median") == 3


def cd002_lines(fmt: str, stdout: str) -> list[str]:
    """The lines of one output that give a CD002 with its place: the file it names, then the message."""
    if fmt == "json":
        return [d["message"] for article in json.loads(stdout)["articles"] for d in article["diagnostics"]]
    if fmt == "sarif":
        found = json.loads(stdout)["runs"][0]["results"]
        return [
            f"{r['locations'][0]['physicalLocation']['artifactLocation']['uri']} {r['message']['text']}" for r in found
        ]
    if fmt == "junit":
        return [ET.fromstring(stdout).findtext(".//error") or ""]
    return [line for line in stdout.splitlines() if "CD002" in line]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("koi.txt", "Новости дня: правительство обсудило бюджет.\n".encode("koi8-r"), "not valid UTF-8"),
        ("bad.jsonl", b'{"id": "a", "text": "fine"}\n{"id": \n', "not valid JSON"),
    ],
)
@pytest.mark.parametrize("fmt", ["text", "github", "junit", "sarif", "json"])
def test_an_unreadable_input_is_named_once_on_the_lines_that_lead_with_its_place(
    desk: Desk, name: str, content: bytes, problem: str, fmt: str
) -> None:
    """`koi.txt:1:1 error CD002 koi.txt: not valid UTF-8` named the file twice (verification of review 14, item 7).

    The JSON report and standard error's line, which show the message alone, keep its place.
    """
    path = desk.root / name
    path.write_bytes(content)
    result = desk.run([str(path)], [fmt])
    place = f"{path}:2" if name.endswith(".jsonl") else str(path)
    assert f"copydesk: error: {place}: {problem}" in result.err
    lines = [line for line in cd002_lines(fmt, result.stdout) if problem in line]
    assert lines, result.stdout
    for line in lines:
        if fmt == "json":
            assert line.startswith(f"{place}: {problem}"), line
        else:
            assert line.count(str(path)) == 1, line


def test_markdown_names_an_unreadable_file_once(desk: Desk) -> None:
    """An unreadable file has no title, so its id is the row's name: it was shown again under itself (review 15)."""
    path = desk.root / "koi.txt"
    path.write_bytes("Новости дня: правительство обсудило бюджет.\n".encode("koi8-r"))
    text = desk.run([str(path)], ["markdown"]).stdout
    rows = [line for line in text.splitlines() if line.startswith("| ") and "koi" in line]
    assert len(rows) == 1 and rows[0].count("koi") == 1, rows
