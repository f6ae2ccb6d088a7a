"""The HTML report in a real headless Chromium (Debian's, driven by Playwright; see conftest.py).

It renders the seeds' report plus a hostile article: charts with their numbers as
text, the per-source table with each source's trend from a run history, sorting and
filtering, an article's text beside its findings with each finding linked to its
highlight and back (mouse and keyboard), and no script from hostile ids, titles,
sources or text. The 5,000-article filters are in test_html_scale_browser.py.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cdci_helpers import Desk
from support import load_script, run_copydesk

pytestmark = pytest.mark.browser

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
EVIL_TITLE = "Meh <script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>"
EVIL_BODY = (
    'It was a bad day. <img src=x onerror="window.__pwned=3"> </textarea><script>window.__pwned=4</script>\n'
    "</script><script>window.__pwned=5</script><svg onload=window.__pwned=6> An awful end.\n"
    '<!-- --><iframe src="javascript:window.__pwned=7"></iframe> &lt;b&gt; ${window.__pwned=8}\n'
)
#: Bidirectional and other control characters that must never reach the page raw.
RAW_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
Opener = Callable[[Path], Any]


@pytest.fixture
def report(desk: Desk, tmp_path: Path) -> Path:
    paths = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    paths.append(desk.write("evil.txt", f"{EVIL_TITLE}\n{EVIL_BODY}"))
    out = tmp_path / "report.html"
    result = desk.run(paths, [f"html:{out}"], {"fail_on": "error"})
    assert result.code == 1
    return out


@pytest.fixture
def page(open_page: Opener, report: Path) -> Any:
    return open_page(report)


def visible_rows(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#cd-table tbody tr:not([hidden])", "rows => rows.map(r => r.cells[6].querySelector('.muted').textContent)"
    )


def test_overview_sort_and_filter(page: Any) -> None:
    rows = visible_rows(page)
    assert len(rows) == 6 and rows[0].endswith("evil.txt")  # worst first
    assert page.text_content("#cd-shown") == "6 of 6 shown"
    page.fill("#cd-filter", "evil")
    assert [r.rsplit("/", 1)[-1] for r in visible_rows(page)] == ["evil.txt"]
    page.fill("#cd-filter", "seeds/00")
    assert len(visible_rows(page)) == 5
    page.fill("#cd-filter", "")
    page.check("#cd-failing")
    assert [r.rsplit("/", 1)[-1] for r in visible_rows(page)] == ["evil.txt"]
    page.uncheck("#cd-failing")
    page.click("#cd-rules a[data-rule='WRD002']")  # a rule in the overview filters by that rule
    assert page.input_value("#cd-rule") == "WRD002" and len(visible_rows(page)) == 1
    page.select_option("#cd-rule", "")
    seeds = str(SEEDS)  # the source of a file is its folder
    page.click(f"#cd-sources a[data-source='{seeds}']")  # so does a source
    assert page.input_value("#cd-source") == seeds and len(visible_rows(page)) == 5
    page.select_option("#cd-source", "")
    page.click("#cd-table th:nth-child(1)")  # score, ascending
    page.click("#cd-table th:nth-child(1)")  # descending
    scores = page.eval_on_selector_all("#cd-table tbody tr", "rows => rows.map(r => +r.cells[0].dataset.v)")
    assert scores == sorted(scores, reverse=True) and scores[-1] < 100
    assert page.get_attribute("#cd-table th:nth-child(1)", "aria-sort") == "descending"


def test_the_distribution_chart_renders_with_its_numbers_as_text(page: Any) -> None:
    assert page.locator("svg[aria-label='Score distribution'] rect").count() == 10
    assert page.get_attribute("svg[aria-label='Score distribution']", "aria-describedby") == "cd-hist-caption"
    bars = page.eval_on_selector_all(
        "svg[aria-label='Score distribution'] rect", "rs => rs.map(r => r.getBBox().height > 0 ? 1 : 0)"
    )
    scores = page.eval_on_selector_all("#cd-table tbody tr", "rows => rows.map(r => +r.cells[0].dataset.v)")
    counts = [sum(1 for s in scores if min(9, int(s // 10)) == band) for band in range(10)]
    assert bars == [int(n > 0) for n in counts]  # a drawn bar exactly where articles are
    caption = page.text_content("#cd-hist-caption")
    assert (
        caption
        == "Articles per score band: " + ", ".join(f"{b * 10}-{b * 10 + 10}: {n}" for b, n in enumerate(counts)) + "."
    )
    page.click("figure.chart details summary")
    table = page.eval_on_selector_all("table.chart-data tbody tr", "rs => rs.map(r => +r.cells[1].textContent)")
    assert table == counts and page.is_visible("table.chart-data")


def test_article_highlights_and_injected_markup_stays_text(page: Any) -> None:
    index = page.get_attribute("#cd-table tbody tr[data-fail='1']", "data-i")
    page.click(f"a[href='#a-{index}']")
    page.wait_for_selector("#cd-detail mark")
    marks = page.eval_on_selector_all("#cd-detail mark", "ms => ms.map(m => [m.textContent, m.className])")
    assert marks == [["Meh", "sev-info"], ["bad", "sev-warning"], ["awful", "sev-error"]]
    body = page.text_content("#cd-detail .text.body")
    assert "</textarea><script>window.__pwned=4</script>" in body and "<svg onload=" in body
    assert EVIL_TITLE in page.text_content("#cd-detail h2")
    page.focus("#cd-detail mark.sev-warning a")
    tip = page.evaluate("getComputedStyle(document.querySelector('#cd-detail mark.sev-warning'), '::after').content")
    assert "WRD001 Word 'bad' is flagged" in tip
    assert "Gate: fail_on: error+ findings WRD002" in page.text_content("#cd-detail")
    assert page.locator("#cd-detail table tr").count() == 2  # the per-scorer breakdown
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#cd-detail script, #cd-detail img, #cd-detail iframe, #cd-detail svg").count() == 0
    assert page.events == []  # no dialog, no error, no CSP violation, no request


def test_seed_article_renders_lazily(page: Any) -> None:
    assert page.locator("#cd-detail *").count() == 0  # nothing rendered until opened
    page.click("a[href='#a-0']")
    page.wait_for_selector("#cd-detail .text.body")
    assert len(page.text_content("#cd-detail .text.body")) > 1000
    assert page.evaluate("window.__pwned") is None and page.events == []


def _settled(page: Any) -> None:
    """Wait until the page has acted on its current hash: hashchange runs as a later task, so
    a key press or click returns before focus and highlighting have moved."""
    page.wait_for_function("() => document.body.getAttribute('data-shown') === location.hash", timeout=10000)


def _long_article(desk: Desk) -> str:
    """About 1,700 words: one 'awful' near the top, two 'bad' near the end."""
    sentence = "Officials said the bridge opened on Monday after two years of work on its deck. "
    paragraphs = [sentence * 6 for _ in range(24)]
    paragraphs[1] = "It was awful. " + paragraphs[1]
    paragraphs[-2] += "A bad sign. "
    paragraphs[-1] += "Another bad sign."
    return desk.write("long.txt", "Bridge opens\n" + "\n\n".join(paragraphs) + "\n")


def _in_view(page: Any, selector: str, pane: str) -> bool:
    """Whether the element comes to rest inside its scrolling pane's visible box and inside the window.

    Polled for up to five seconds: the browser scrolls after the click or key press
    returns, later on a loaded machine.
    """
    script = """([sel, pane]) => { const e = document.querySelector(sel).getBoundingClientRect();
               const p = document.querySelector(pane).getBoundingClientRect();
               return e.top >= p.top - 1 && e.bottom <= p.bottom + 1 && e.top >= 0 && e.bottom <= innerHeight; }"""
    try:
        page.wait_for_function(script, arg=[selector, pane], timeout=5000)
    except Exception as exc:  # playwright's TimeoutError: it never came into view
        if type(exc).__name__ != "TimeoutError":
            raise
        return False
    return True


def test_findings_sit_beside_the_text_and_link_to_their_highlights_and_back(
    desk: Desk, tmp_path: Path, open_page: Opener
) -> None:
    out = tmp_path / "long.html"
    desk.run([_long_article(desk)], [f"html:{out}"])
    page = open_page(out)
    page.click("a[href='#a-0']")
    page.wait_for_selector("#cd-detail mark")
    assert page.evaluate("document.querySelector('#cd-detail .text.body').textContent.split(/\\s+/).length") > 1500
    text = page.evaluate(
        "JSON.parse(JSON.stringify(document.querySelector('#cd-detail .pane.main').getBoundingClientRect()))"
    )
    side = page.evaluate(
        "JSON.parse(JSON.stringify(document.querySelector('#cd-detail .pane.side').getBoundingClientRect()))"
    )
    assert side["left"] >= text["right"] and abs(side["top"] - text["top"]) < 5  # beside, not below
    assert page.evaluate("document.querySelector('#cd-detail .pane.main').scrollHeight > innerHeight")  # own scrolling
    items = page.eval_on_selector_all("#cd-detail ol.findings li", "ls => ls.map(l => [l.id, l.textContent])")
    assert [(i, t.split()[0]) for i, t in items] == [
        ("a-0-f-0", "WRD002"),
        ("a-0-f-1", "WRD001"),
        ("a-0-f-2", "WRD001"),
    ]

    page.click("#a-0-f-2 a")  # the last finding: its highlight is far down the text
    _settled(page)
    focused = page.evaluate("[document.activeElement.id, document.activeElement.textContent, location.hash]")
    assert focused == ["a-0-m-2", "bad", "#a-0-m-2"]
    assert page.evaluate("document.querySelector('#cd-detail .pane.main').scrollTop") > 1000
    assert _in_view(page, "#a-0-m-2", "#cd-detail .pane.main")
    assert page.get_attribute("#a-0-m-2", "href") == "#a-0-f-2"

    page.keyboard.press("Enter")  # back from the highlight to its finding, by keyboard
    _settled(page)
    assert page.evaluate("[document.activeElement.getAttribute('href'), location.hash]") == ["#a-0-m-2", "#a-0-f-2"]
    assert page.get_attribute("#a-0-f-2", "class") == "current"
    assert _in_view(page, "#a-0-f-2", "#cd-detail .pane.side")

    page.focus("#a-0-f-0 a")  # and forward again by keyboard, to the first finding at the top
    page.keyboard.press("Enter")
    _settled(page)
    assert page.evaluate("document.activeElement.id") == "a-0-m-0"
    assert _in_view(page, "#a-0-m-0", "#cd-detail .pane.main")
    assert page.eval_on_selector_all("#cd-detail mark.current", "ms => ms.map(m => m.textContent)") == ["awful"]
    assert page.events == []


def _history_runs(desk: Desk, tmp_path: Path, url: str) -> list[dict[str, Any]]:
    """Three runs of two sources whose words change, recorded in ``url``; each run's JSON sources."""
    seen = []
    for run, (wire, blog) in enumerate([(0, 1), (1, 1), (2, 0)]):
        records = [
            {"id": f"w{i}", "source": "wire", "title": "T", "text": "A calm day. " + "It was bad. " * (wire + i)}
            for i in range(2)
        ] + [{"id": "b1", "source": "blog", "title": "T", "text": "It was awful. " * (blog + 1) + "bad " * run}]
        data = desk.write(f"run{run}.jsonl", "".join(json.dumps(r) + "\n" for r in records))
        out = tmp_path / f"run{run}.json"
        result = desk.run([data], [f"json:{out}", f"html:{tmp_path / 'trend.html'}"], history=url)
        assert result.code == 0, result.err
        seen.append({s["source"]: s["mean_score"] for s in json.loads(out.read_text())["sources"]})
    return seen


def test_each_source_shows_its_trend_as_a_sparkline_and_as_numbers(
    desk: Desk, tmp_path: Path, open_page: Opener
) -> None:
    means = _history_runs(desk, tmp_path, f"sqlite:///{tmp_path / 'history.db'}")
    page = open_page(tmp_path / "trend.html")
    rows = page.eval_on_selector_all(
        "#cd-sources tbody tr",
        "rs => rs.map(r => [r.cells[0].textContent, r.querySelectorAll('svg.spark circle').length,"
        " r.querySelector('svg.spark polyline').getAttribute('points').split(' ').length,"
        " r.querySelector('.series').textContent, r.querySelector('.trend-head').textContent])",
    )
    assert [r[:3] for r in rows] == [["blog", 3, 3], ["wire", 3, 3]]
    for name, _, _, series, head in rows:
        shown = re.fullmatch(r"run 1: ([\d.]+), run 2: ([\d.]+), now: ([\d.]+)", series)
        assert shown is not None, series
        assert [float(v) for v in shown.groups()] == pytest.approx([m[name] for m in means], abs=0.051)
        assert head.startswith(f"{shown[1]} \u2192 {shown[3]} (") and head.endswith("over 3 runs")
    assert page.get_attribute("svg.spark", "aria-hidden") == "true"  # read as the numbers beside it
    ys = page.eval_on_selector_all(
        "#cd-sources tbody tr:nth-child(2) svg.spark circle", "cs => cs.map(c => +c.getAttribute('cy'))"
    )
    wire = [m["wire"] for m in means]
    assert [a < b for a, b in itertools.pairwise(ys)] == [
        a > b for a, b in itertools.pairwise(wire)
    ]  # higher mean, higher dot
    assert page.events == []


HOSTILE = [
    {
        "id": "<script>window.__pwned=11</script>\u202egnp.exe\n::error title=forged::x",
        "title": "javascript:window.__pwned=12 <img src=x onerror=window.__pwned=13>\u2066",
        "text": 'A bad day \u202eevil\u202c here.\u0007\x1b[2J <a href="javascript:window.__pwned=14">x</a> awful.\n'
        "Next\tline <body onload=window.__pwned=15> \u2028 end.",
        "source": "<svg onload=window.__pwned=16>\u202e",
    },
    {
        "id": "javascript:window.__pwned=17",
        "title": 'Meh " onmouseover="window.__pwned=18',
        "text": "bad ' onfocus='window.__pwned=19' autofocus x='",
        "source": "javascript:window.__pwned=20",
    },
]


def test_hostile_records_run_no_script_and_show_controls_as_escapes(
    desk: Desk, tmp_path: Path, open_page: Opener
) -> None:
    data = desk.write("hostile.jsonl", "".join(json.dumps(r) + "\n" for r in HOSTILE))
    out = tmp_path / "hostile.html"
    desk.run([data], [f"html:{out}"], history=f"sqlite:///{tmp_path / 'h.db'}")
    page = open_page(out)
    for index in ("0", "1"):
        page.click(f"a[href='#a-{index}']")
        _settled(page)  # else the mark looked for may be the previous article's, and its links stale
        page.wait_for_selector("#cd-detail mark")
        for link in page.eval_on_selector_all(
            "#cd-detail ol.findings a", "as => as.map(a => a.id || a.getAttribute('href'))"
        ):
            page.click(f"#cd-detail a[href='{link}']")
            page.keyboard.press("Enter")
        page.hover("#cd-detail mark")
    page.select_option("#cd-source", index=1)
    page.fill("#cd-filter", "javascript")
    page.click("#cd-sources a[data-source]")
    assert page.evaluate("window.__pwned") is None and page.events == []
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
        ".filter(n => n.startsWith('on'))"
    )
    assert handlers == []
    hrefs = page.eval_on_selector_all(
        "[href], [src]", "es => es.map(e => e.getAttribute('href') || e.getAttribute('src'))"
    )
    assert all(h.startswith("#") for h in hrefs), hrefs
    rendered = page.evaluate("document.documentElement.outerHTML")
    assert not RAW_CONTROLS.search(rendered)  # no bidi or control character reaches the page
    page.click("a[href='#a-0']")
    _settled(page)
    body = page.text_content("#cd-detail .text.body")
    assert "\\u202eevil\\u202c" in body and "\\x07\\x1b[2J" in body and "\\u2028" in body
    assert "Next\tline" in body and "\n" in body  # the body keeps its layout
    assert "\\u202egnp.exe\\n::error" in page.text_content("#cd-detail .muted")
    assert "\\u202e" in page.text_content("#cd-sources tbody td")


@pytest.mark.parametrize("floor", [5, 25, 30, 45, 60, 61, 75, 95])
def test_the_floor_label_of_the_distribution_overlaps_no_other_label(
    open_page: Callable[..., Any], tmp_path: Path, floor: float
) -> None:
    """Every band as tall as it gets, each with its count above it: the floor's label must cover none of them."""
    from copydesk.formats._html_charts import histogram

    scores = [band * 10 + 5.0 for band in range(10) for _ in range(3)]
    chart = tmp_path / "chart.html"
    chart.write_text(
        f'<!DOCTYPE html><html><body style="font: 15px sans-serif">{histogram(scores, 2, floor)}</body></html>'
    )
    page = open_page(chart, "svg")
    boxes = page.eval_on_selector_all(
        "svg text", "ts => ts.map(t => { const b = t.getBBox(); return [t.textContent, b.x, b.y, b.width, b.height]; })"
    )
    [label] = [b for b in boxes if b[0] == f"fail under {floor:g}"]
    others = [b for b in boxes if b is not label and b[0]]
    assert len(others) == 10 + 11 + 2  # counts, axis ticks, the unreadable bar's label and "score"

    def apart(a: list[Any], b: list[Any]) -> bool:
        return a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1] or a[2] + a[4] <= b[2] or b[2] + b[4] <= a[2]

    assert all(apart(label, other) for other in others), [o for o in others if not apart(label, o)]
    svg = page.eval_on_selector("svg", "s => s.getBoundingClientRect().width")
    assert 0 <= label[1] and label[1] + label[3] <= svg  # and stays inside the chart


def test_a_scorer_the_model_weighs_shows_its_costliest_features_not_a_sub_score(
    open_page: Opener, tmp_path: Path
) -> None:
    """Review 12, item 3: the scorer table read "sourcing: sub-score 1.000" beside 27.51 points lost."""
    out = tmp_path / "seed.html"
    assert run_copydesk("score", str(SEEDS / "003_1d813d5afd5ed48d.txt"), "-f", f"html:{out}").exit_code == 0
    page = open_page(out)
    page.click("a[href='#a-0']")
    page.wait_for_selector("#cd-detail table tr")
    rows = page.eval_on_selector_all(
        "#cd-detail table tr", "rows => rows.map(r => Array.from(r.cells, c => c.textContent))"
    )
    assert rows[0][:5] == ["scorer", "sub-score", "weight", "contribution", "costliest features"]
    sourcing = next(row for row in rows if row[0] == "SRC sourcing")
    assert sourcing[1:3] == ["\u2014", "\u2014"] and re.fullmatch(r"\d+\.\d\d", sourcing[3])  # 30.26 now
    assert float(sourcing[3]) > 25  # most of the seed's lost points
    assert sourcing[4].startswith("uncredited quotation share 0.52 (professional median 0.1): ")
    truncation = next(row for row in rows if row[0] == "TRN truncation")
    assert truncation[1] != "\u2014"  # its sub-score is the model's truncation factor
    note = page.text_content("#cd-detail section details p.muted") or ""
    assert note.startswith("\u2014: the model weighs this scorer through its features")
    assert page.events == []


def test_the_article_screenshot_frames_the_finding_it_follows(open_page: Opener, tmp_path: Path) -> None:
    """docs/screenshots/seeds-article.png: the costliest-features column pushed the followed highlight out of frame.

    ``scripts/bench_html.py --screenshots`` follows a finding of the worst seed (the built-in
    scorers' report, as the docs show it) and frames it: the highlight is in the 1280x900 shot.
    """
    bench_html = load_script("bench_html")
    report = tmp_path / "seeds.html"
    bench_html.write_report([str(p) for p in sorted(SEEDS.glob("*.txt"))], report, [], {"fail_under": 60})
    box = bench_html.followed(open_page(report))
    assert 0 <= box["top"] < box["bottom"] <= box["height"] - 40, box  # room under it for its tip
