"""The HTML report in a real headless Chromium (Debian's, driven by Playwright).

It renders the seeds' report plus a hostile article, highlights spans with their
messages on focus, sorts and filters the table, fetches nothing and runs no
injected script. Skipped when Chromium or Playwright is missing, except under CI
(``CI=true``), where that is a failure: ``make test`` installs both.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cdci_helpers import Desk

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("COPYDESK_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEEDS = Path(__file__).resolve().parents[3] / "seeds"
EVIL_TITLE = "Meh <script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>"
EVIL_BODY = (
    'It was a bad day. <img src=x onerror="window.__pwned=3"> </textarea><script>window.__pwned=4</script>\n'
    "</script><script>window.__pwned=5</script><svg onload=window.__pwned=6> An awful end.\n"
    '<!-- --><iframe src="javascript:window.__pwned=7"></iframe> &lt;b&gt; ${window.__pwned=8}\n'
)


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing under CI (make test installs it)")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright")
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        _missing(CHROMIUM)
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=ARGS, headless=True, viewport={"width": 1280, "height": 900}
        )
        yield context
        context.close()


@pytest.fixture
def report(desk: Desk, tmp_path: Path) -> Path:
    paths = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    paths.append(desk.write("evil.txt", f"{EVIL_TITLE}\n{EVIL_BODY}"))
    out = tmp_path / "report.html"
    result = desk.run(paths, [f"html:{out}"], {"fail_on": "error"})
    assert result.code == 1
    return out


@pytest.fixture
def page(browser: Any, report: Path) -> Iterator[Any]:
    page = browser.new_page()
    page.events: list[str] = []  # type: ignore[misc]
    page.on("console", lambda m: page.events.append(f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: page.events.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (page.events.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: page.events.append(f"request: {r.url}") if r.url != report.as_uri() else None)
    page.goto(report.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    yield page
    page.close()


def visible_rows(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#cd-table tbody tr:not([hidden])", "rows => rows.map(r => r.cells[5].querySelector('.muted').textContent)"
    )


def test_overview_sort_and_filter(page: Any) -> None:
    assert page.locator("svg[aria-label='Score distribution'] rect").count() == 10
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
    page.click("#cd-rules a[data-rule='WRD002']")
    assert page.input_value("#cd-filter") == "wrd002" and len(visible_rows(page)) == 1
    page.fill("#cd-filter", "")
    page.click("#cd-table th:nth-child(1)")  # score, ascending
    page.click("#cd-table th:nth-child(1)")  # descending
    scores = page.eval_on_selector_all("#cd-table tbody tr", "rows => rows.map(r => +r.cells[0].dataset.v)")
    assert scores == sorted(scores, reverse=True) and scores[-1] < 100
    assert page.get_attribute("#cd-table th:nth-child(1)", "aria-sort") == "descending"


def test_article_highlights_and_injected_markup_stays_text(page: Any) -> None:
    index = page.get_attribute("#cd-table tbody tr[data-fail='1']", "data-i")
    page.click(f"a[href='#a-{index}']")
    page.wait_for_selector("#cd-detail mark")
    marks = page.eval_on_selector_all("#cd-detail mark", "ms => ms.map(m => [m.textContent, m.className])")
    assert marks == [["Meh", "sev-info"], ["bad", "sev-warning"], ["awful", "sev-error"]]
    body = page.text_content("#cd-detail .text.body")
    assert "</textarea><script>window.__pwned=4</script>" in body and "<svg onload=" in body
    assert EVIL_TITLE in page.text_content("#cd-detail h2")
    page.focus("#cd-detail mark.sev-warning")
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
