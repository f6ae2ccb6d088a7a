"""The HTML report's filters on 5,000 articles, in headless Chromium (see conftest.py).

Every filter (grade, rule, source, search, failing the gate) and combinations of them
must show exactly the articles the JSON report of the same run says match, and an
article must still open with its highlights. How long a 5,000-article report takes to
load is measured by scripts/bench_html.py, not here (no timed tests).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cdci_helpers import Desk

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTICLES = 5000
SOURCES = ("wire.example", "daily.example", "blog.example", "feed.example", "post.example", "zine.example")
WORDS = "officials said the council voted on the budget after a long debate about roads and schools".split()


@dataclass(frozen=True)
class Article:
    """What the filters look at, as the JSON report gives it."""

    id: str
    title: str
    grade: str
    source: str
    codes: frozenset[str]
    failing: bool


def _records(count: int) -> list[dict[str, str]]:
    rng = random.Random(5000)
    records = []
    for i in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(30, 60))]
        for flagged in ("bad",) * rng.randint(0, 3) + ("awful",) * (rng.random() < 0.2):
            words.insert(rng.randrange(len(words)), flagged)
        title = f"{'Meh ' if rng.random() < 0.1 else ''}Story {i}"
        records.append(
            {"id": f"art-{i:05d}", "title": title, "text": " ".join(words) + ".", "source": rng.choice(SOURCES)}
        )
    return records


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Article]]:
    """5,000 articles over six sources scored into an HTML report, and the JSON report's view of them."""
    root = tmp_path_factory.mktemp("scale")
    desk = Desk(root)
    data = desk.write("batch.jsonl", "".join(json.dumps(r) + "\n" for r in _records(ARTICLES)))
    html, report = root / "batch.html", root / "batch.json"
    result = desk.run([data], [f"html:{html}", f"json:{report}"], {"fail_under": 60})
    assert result.code == 1, result.err
    document = json.loads(report.read_text())
    failing = set(document["summary"]["failing"])
    articles = [
        Article(
            a["id"],
            a["title"],
            a["grade"],
            a["source_name"],
            frozenset(f["code"] for f in a["findings"]),
            a["id"] in failing,
        )
        for a in document["articles"]
    ]
    return html, articles


def _shown(page: Any) -> set[str]:
    ids = page.eval_on_selector_all(
        "#cd-table tbody tr:not([hidden])", "rows => rows.map(r => r.cells[6].querySelector('.muted').textContent)"
    )
    assert page.text_content("#cd-shown") == f"{len(ids)} of {ARTICLES} shown"
    return set(ids)


def _set(page: Any, grade: str = "", rule: str = "", source: str = "", text: str = "", failing: bool = False) -> None:
    page.select_option("#cd-grade", grade)
    page.select_option("#cd-rule", rule)
    page.select_option("#cd-source", source)
    page.fill("#cd-filter", text)
    page.set_checked("#cd-failing", failing)


def test_every_filter_shows_exactly_the_matching_articles_of_5000(
    batch: tuple[Path, list[Article]], open_page: Callable[[Path], Any]
) -> None:
    html, articles = batch
    page = open_page(html)
    assert page.locator("#cd-table tbody tr").count() == ARTICLES
    grades = sorted({a.grade for a in articles})
    rules = sorted(set().union(*(a.codes for a in articles)))
    assert len(grades) >= 3 and rules == ["WRD001", "WRD002", "WRD003"]
    severe = next(a.grade for a in articles if a.source == SOURCES[2] and "WRD002" in a.codes)
    checks: list[tuple[dict[str, Any], Callable[[Article], bool]]] = [
        *(({"grade": g}, lambda a, g=g: a.grade == g) for g in grades),
        *(({"rule": r}, lambda a, r=r: r in a.codes) for r in rules),
        *(({"source": s}, lambda a, s=s: a.source == s) for s in SOURCES),
        ({"text": "art-0421"}, lambda a: a.id.startswith("art-0421")),
        ({"text": "meh"}, lambda a: "meh" in a.title.lower()),
        ({"failing": True}, lambda a: a.failing),
        (
            {"source": SOURCES[2], "rule": "WRD002", "grade": severe},
            lambda a: a.source == SOURCES[2] and "WRD002" in a.codes and a.grade == severe,
        ),
        (
            {"source": SOURCES[0], "text": "story 1", "failing": True},
            lambda a: a.source == SOURCES[0] and "story 1" in a.title.lower() and a.failing,
        ),
    ]
    for settings, match in checks:
        _set(page, **settings)
        expected = {a.id for a in articles if match(a)}
        assert expected, settings  # each check selects something, and not everything
        assert len(expected) < ARTICLES, settings
        assert _shown(page) == expected, settings
    _set(page)
    assert len(_shown(page)) == ARTICLES
    page.click("#cd-table tbody tr:first-child a")
    page.wait_for_selector("#cd-detail mark")
    assert page.events == []
