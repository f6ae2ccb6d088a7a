"""Measure the HTML report at scale, and take the screenshots of the seeds' report in docs/.

    .venv/bin/python scripts/bench_html.py [--articles 5000] [--runs 3]
    .venv/bin/python scripts/bench_html.py --screenshots docs/screenshots

The benchmark generates N articles (deterministic pseudo-random news-like prose,
about 450 words each, every one with a handful of findings), scores them with the
installed plugins plus a small benchmark scorer that guarantees highlighted spans,
writes the HTML report, and opens it in headless Chromium (Debian's, via Playwright)
to time: the page load (navigation start to the report's script having run), opening
the worst article (click to highlighted text on screen), and filtering the table.
It prints the file size and the median of each time over --runs loads.
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
from copydesk.manager import load_plugins

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
            out.write(json.dumps({"id": f"bench-{i:05d}", "title": title, "text": "\n\n".join(paragraphs)}) + "\n")


def write_report(paths: list[str], target: Path, extra: list[tuple[str, Any]], gate: dict[str, Any]) -> float:
    """Score ``paths`` into an HTML report; return the seconds it took."""
    options = RunOptions(
        paths=paths,
        outputs=parse_outputs([f"html:{target}"], None),
        overrides={"gate": gate},
        gate=True,
        plugins=load_plugins(extra=extra),
        cwd=ROOT,
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


def time_page(context: Any, report: Path) -> dict[str, float]:
    """One load of the report: load, open the worst article, filter."""
    page = context.new_page()
    started = time.perf_counter()
    page.goto(report.as_uri(), timeout=120_000)
    page.wait_for_selector("body[data-ready='1']", timeout=120_000)
    loaded = time.perf_counter() - started
    nav = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
    timing = json.loads(nav)
    started = time.perf_counter()
    page.click("#cd-table tbody tr:first-child a")
    page.wait_for_selector("#cd-detail mark")
    opened = time.perf_counter() - started
    started = time.perf_counter()
    page.fill("#cd-filter", "bench-04217")  # the report's CSP forbids eval, so poll from here
    while not (page.text_content("#cd-shown") or "").startswith("1 of"):
        time.sleep(0.005)
    filtered = time.perf_counter() - started
    page.close()
    return {
        "load_s": loaded,
        "dom_content_loaded_s": timing["domContentLoadedEventEnd"] / 1000,
        "open_article_s": opened,
        "filter_s": filtered,
    }


def bench(count: int, runs: int) -> None:
    """Generate, score, write and time the report; print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "bench.jsonl"
        generate(data, count)
        report = Path(tmp) / "report.html"
        seconds = write_report([str(data)], report, [("bench", BenchPlugin())], {"fail_under": 60})
        size = report.stat().st_size
        playwright, context = browser()
        try:
            loads = [time_page(context, report) for _ in range(runs)]
        finally:
            context.close()
            playwright.stop()
    print(f"articles: {count}")
    print(f"html report: {size:,} bytes ({size / 1e6:.1f} MB)")
    print(f"scoring and writing: {seconds:.1f} s ({count / seconds:.0f} articles/s)")
    for key in loads[0]:
        values = [run[key] for run in loads]
        print(f"{key}: median {statistics.median(values):.2f} (runs: {', '.join(f'{v:.2f}' for v in values)})")


def screenshots(folder: Path) -> None:
    """The seeds' report (installed plugins, gate at 60): overview, and the worst article."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "seeds.html"
        seeds = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "seeds").glob("*.txt"))
        write_report(seeds, report, [], {"fail_under": 60})
        playwright, context = browser()
        try:
            page = context.new_page()
            page.goto(report.as_uri())
            page.wait_for_selector("body[data-ready='1']")
            page.screenshot(path=str(folder / "seeds-overview.png"))
            page.click("#cd-table tbody tr:first-child a")
            page.wait_for_selector("#cd-detail mark")
            page.focus("#cd-detail .text.body mark")
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
