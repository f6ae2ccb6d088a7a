"""Measure the HTML report at scale, and take the screenshots of the seeds' report in docs/.

    .venv/bin/python scripts/bench_html.py [--articles 5000] [--runs 3]
    .venv/bin/python scripts/bench_html.py --screenshots docs/screenshots

The benchmark generates N articles (deterministic pseudo-random news-like prose,
about 450 words each, every one with a handful of findings, spread over twelve
sources), records a week of earlier runs' source summaries in a run history (so the
report carries every source's trend), scores the articles with the installed plugins
plus a small benchmark scorer that guarantees highlighted spans, writes the HTML
report, and opens it in headless Chromium (Debian's, via Playwright) to time: the
page load (navigation start to the report's script having run), opening the worst
article (click to highlighted text on screen), following a finding to its highlight,
and filtering the table by search text, grade, rule and source. It prints the file
size and the median of each time over --runs loads.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from copydesk import Context, Document, Finding, Rule, Scorer, Severity, hookimpl
from copydesk.app import RunOptions, execute, parse_outputs
from copydesk.history import RunRecord, open_history
from copydesk.manager import load_plugins
from copydesk.rollup import SourceSummary

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
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
WORDS = (
    "the minister said on tuesday that talks would continue despite reported objections from several "
    "regional officials who asked not to be named because negotiations were private analysts expect "
    "prices to rise by 4 percent next year while critics argue the plan may possibly fail according "
    "to sources familiar with the matter reportedly including senior aides council budget vote city "
    "residents police statement court ruling company shares fell sharply after earnings report"
).split()
SOURCES = tuple(
    f"{name}.example" for name in "wire daily metro courier herald post times gazette ledger sun star echo".split()
)
MARK = Rule("BEN001", "benchmark-word", "Benchmark word '{word}'", Severity.WARNING, "Benchmark only.")


def bench_score(document: Document, context: Context) -> Iterator[Finding]:
    """Flag 'reportedly' and 'possibly' so every generated article has highlights."""
    body = document.body
    for start, end in body.words:
        word = body.text[start:end]
        if word in ("reportedly", "possibly"):
            yield MARK.finding(body, start, end, word=word)


class BenchPlugin:
    """Provides the benchmark scorer."""

    @hookimpl
    def copydesk_scorers(self) -> list[Scorer]:
        """The BEN scorer."""
        return [Scorer(prefix="BEN", name="bench", rules=(MARK,), score=bench_score)]


def generate(path: Path, count: int) -> None:
    """Write ``count`` articles as JSONL (deterministic)."""
    rng = random.Random(20261122)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            paragraphs = []
            for _ in range(rng.randint(4, 8)):
                words = [rng.choice(WORDS) for _ in range(rng.randint(40, 90))]
                paragraphs.append(" ".join(words).capitalize() + ".")
            title = " ".join(rng.choice(WORDS) for _ in range(8)).title()
            source = SOURCES[i % len(SOURCES)]
            record = {"id": f"bench-{i:05d}", "title": title, "text": "\n\n".join(paragraphs), "source": source}
            out.write(json.dumps(record) + "\n")


def earlier_runs(url: str, days: int = 7) -> None:
    """Record ``days`` earlier runs in the history at ``url``: each source's summary only, means drifting."""
    rng = random.Random(7)
    with open_history(url) as history:
        for day in range(days):
            sources = tuple(
                SourceSummary(name, 400, 400, rng.uniform(30, 70), None, None, 40, 0.1, ()) for name in SOURCES
            )
            when = f"2026-11-{20 + day:02d}T06:00:00Z"
            history.record(RunRecord(when, "bench", (), "sha256:bench", None, (), sources))


def write_report(
    paths: list[str], target: Path, extra: list[tuple[str, Any]], gate: dict[str, Any], history: str = ""
) -> float:
    """Score ``paths`` into an HTML report (recording the run in ``history``, if any); return the seconds it took."""
    options = RunOptions(
        paths=paths,
        outputs=parse_outputs([f"html:{target}"], None),
        overrides={"gate": gate},
        gate=True,
        plugins=load_plugins(extra=extra),
        cwd=ROOT,
        history=history,
    )
    started = time.perf_counter()
    execute(options, io.StringIO(), lambda line: None)
    return time.perf_counter() - started


def browser() -> Any:
    """A started Playwright and a Chromium context with the required flags."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    profile = tempfile.mkdtemp(prefix="copydesk-chromium-")
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=ARGS, headless=True, viewport={"width": 1280, "height": 900}
    )
    return playwright, context


def painted(page: Any) -> None:
    """Wait until the browser has drawn the next frame (two animation frames: style, layout, paint done)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def timed(page: Any, action: Any) -> float:
    """Seconds from starting ``action()`` to the next frame drawn after it."""
    started = time.perf_counter()
    action()
    painted(page)
    return time.perf_counter() - started


def time_filters(page: Any) -> dict[str, float]:
    """Filter the 5,000 rows by search text, then grade, rule and source (each from all rows back)."""
    worst = page.get_attribute("#cd-table tbody tr:first-child", "data-grade")
    total = page.locator("#cd-table tbody tr").count()
    one = f"bench-{total * 5 // 6:05d}"  # 04166 of 5,000
    times = {"filter_search_s": timed(page, lambda: page.fill("#cd-filter", one))}
    assert (page.text_content("#cd-shown") or "").startswith("1 of"), page.text_content("#cd-shown")
    page.fill("#cd-filter", "")
    for name, select, value in (
        ("grade", "#cd-grade", worst),
        ("rule", "#cd-rule", "BEN001"),
        ("source", "#cd-source", SOURCES[3]),
    ):
        times[f"filter_{name}_s"] = timed(page, lambda s=select, v=value: page.select_option(s, v))
        page.select_option(select, "")
    return times


def time_page(context: Any, report: Path) -> dict[str, float]:
    """One load of the report: load, open the worst article, follow its last finding, filter."""
    page = context.new_page()
    started = time.perf_counter()
    page.goto(report.as_uri(), timeout=120_000)
    page.wait_for_selector("body[data-ready='1']", timeout=120_000)
    loaded = time.perf_counter() - started
    timing = json.loads(page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])"))
    opened = timed(
        page, lambda: (page.click("#cd-table tbody tr:first-child a"), page.wait_for_selector("#cd-detail mark"))
    )
    followed = timed(
        page,
        lambda: (
            page.click("#cd-detail ol.findings li:last-child a"),
            page.wait_for_selector("#cd-detail mark.current"),
        ),
    )
    figures = {
        "load_s": loaded,
        "dom_content_loaded_s": timing["domContentLoadedEventEnd"] / 1000,
        "open_article_s": opened,
        "finding_to_highlight_s": followed,
        **time_filters(page),
    }
    page.close()
    return figures


def bench(count: int, runs: int) -> None:
    """Generate, score, write and time the report; print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "bench.jsonl"
        generate(data, count)
        report = Path(tmp) / "report.html"
        history = f"sqlite:///{Path(tmp) / 'history.db'}"
        earlier_runs(history)
        seconds = write_report([str(data)], report, [("bench", BenchPlugin())], {"fail_under": 60}, history)
        size = report.stat().st_size
        playwright, context = browser()
        try:
            loads = [time_page(context, report) for _ in range(runs)]
        finally:
            context.close()
            playwright.stop()
    print(f"articles: {count}")
    print(f"html report: {size:,} bytes ({size / 1e6:.1f} MB)")
    print(f"scoring, writing and recording in the history: {seconds:.1f} s ({count / seconds:.0f} articles/s)")
    for key in loads[0]:
        values = [run[key] for run in loads]
        print(f"{key}: median {statistics.median(values):.2f} (runs: {', '.join(f'{v:.2f}' for v in values)})")


#: The article's heading on top, and the followed highlight and its finding in the frame. Following
#: a finding centres it in its pane, which starts below the scorer table (a row of costliest features
#: each): the panes are scrolled to bring what is current near their top, and the page, if even that
#: leaves the highlight and its tip below the frame, just far enough to show them.
IN_FRAME = """box => {
  box.scrollIntoView();
  for (const pane of box.querySelectorAll(".pane")) {
    const on = pane.querySelector(".current");
    if (on) { pane.scrollTop += on.getBoundingClientRect().top - pane.getBoundingClientRect().top - 48; }
  }
  const below = box.querySelector("mark.current").getBoundingClientRect().bottom + 64 - window.innerHeight;
  if (below > 0) { window.scrollBy(0, below); }
}"""


def followed(page: Any) -> dict[str, float]:
    """Open the worst article, follow its sixth finding to its highlight and frame it (:data:`IN_FRAME`).

    :returns: where the highlight followed is in the viewport (``top``, ``bottom``) and the viewport's ``height``.
    """
    page.click("#cd-table tbody tr:first-child a")
    page.wait_for_selector("#cd-detail mark")
    page.click("#cd-detail ol.findings li:nth-child(6) a")
    page.wait_for_selector("#cd-detail mark.current")
    page.eval_on_selector("#cd-detail", IN_FRAME)
    painted(page)
    box: dict[str, float] = page.eval_on_selector(
        "#cd-detail mark.current",
        "m => ({top: m.getBoundingClientRect().top, bottom: m.getBoundingClientRect().bottom, height: innerHeight})",
    )
    return box


def screenshots(folder: Path) -> None:
    """The seeds' report (installed plugins, gate at 60) after three real runs over the first two, three, four seeds.

    Overview (whole page: charts, the source with its trend, the table), and the worst
    article with a finding followed to its highlight, the highlight in the frame (:data:`IN_FRAME`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "seeds.html"
        history = f"sqlite:///{Path(tmp) / 'history.db'}"
        seeds = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "seeds").glob("*.txt"))
        for first in range(2, len(seeds) + 1):
            write_report(seeds[:first], report, [], {"fail_under": 60}, history)
        playwright, context = browser()
        try:
            page = context.new_page()
            page.goto(report.as_uri())
            page.wait_for_selector("body[data-ready='1']")
            page.screenshot(path=str(folder / "seeds-overview.png"), full_page=True)
            followed(page)
            page.screenshot(path=str(folder / "seeds-article.png"))
        finally:
            context.close()
            playwright.stop()
    print(f"wrote {folder / 'seeds-overview.png'} and {folder / 'seeds-article.png'}")


def main() -> int:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshots", type=Path, help="write the seeds' report screenshots here instead")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"bench_html: {CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
        return 2
    if args.screenshots:
        screenshots(args.screenshots)
    else:
        bench(args.articles, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
