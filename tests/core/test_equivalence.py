"""The core's fast paths give exactly what their straightforward versions give.

Each optimised helper is checked against a plain reference implementation of the same
thing, on a fixed batch built like ``scripts/bench.py`` builds its batch (the seed
articles with their body lines shuffled) and the sample articles:
the runner's finding copies (stamping and relocation) against ``dataclasses.replace``.
No timing here.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from copydesk.manager import load_plugins
from copydesk.models import Article, ArticleReport, Finding, Position, Severity, SourceRef
from copydesk.runner import evolve, relocate
from copydesk.testing import sample_articles, score_batch

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def shuffled_seed_articles(count: int, seed: int = 7) -> list[Article]:
    """``count`` articles from the seeds, body lines shuffled with a fixed seed (as the bench does)."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8").split("\n") for p in sorted(SEEDS.glob("*.txt"))]
    articles = []
    for i in range(count):
        lines = list(seeds[i % len(seeds)])
        title, body = lines[0], lines[1:]
        rng.shuffle(body)
        articles.append(Article(id=f"gen-{i}", title=f"{title} #{i}", body="\n".join(body)))
    return articles


@pytest.fixture(scope="module")
def reports() -> list[ArticleReport]:
    """Every built-in scorer on twelve shuffled seed articles and the sample articles."""
    batch = shuffled_seed_articles(12) + sample_articles()
    return score_batch(batch, load_plugins())


def every_finding(reports: list[ArticleReport]) -> Iterator[Finding]:
    for report in reports:
        yield from report.findings
        yield from report.diagnostics


def test_the_fixed_batch_has_findings_of_four_builtin_scorers(reports: list[ArticleReport]) -> None:
    prefixes = {f.prefix for f in every_finding(reports)}
    assert {"HDG", "FIG", "TPL", "TRN"} <= prefixes  # readability flags none of these articles


def test_evolve_builds_what_dataclasses_replace_builds(reports: list[ArticleReport]) -> None:
    changes = {"severity": Severity.ERROR, "plugin": "other", "prefix": "OTH", "line": 7}
    for finding in every_finding(reports):
        fast, plain = evolve(finding, **changes), dataclasses.replace(finding, **changes)
        assert fast == plain
        assert vars(fast) == vars(plain) and type(fast) is Finding
        assert fast is not finding and vars(finding) != vars(fast)


def test_evolve_leaves_the_original_finding_unchanged(reports: list[ArticleReport]) -> None:
    finding = next(every_finding(reports))
    before = dict(vars(finding))
    evolve(finding, message="changed")
    assert vars(finding) == before


@dataclasses.dataclass(frozen=True)
class CheckedFinding(Finding):
    """A subclass whose ``__post_init__`` must run on every copy."""

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError("start after end")


def test_evolve_runs_a_subclass_init_like_replace() -> None:
    base = Finding("X001", "x", "m", Severity.INFO, 1, 2, 1, 2, 1, 3, "e", "m")
    checked = CheckedFinding(**vars(base))
    assert type(evolve(checked, end=5)) is CheckedFinding
    with pytest.raises(ValueError, match="start after end"):
        evolve(checked, start=9)


def plain_relocate(finding: Finding, source: SourceRef | None) -> Finding:
    """Relocation written out with ``dataclasses.replace``, as the reference."""
    if source is None or source.record is not None:
        return finding
    base = source.title_at if finding.field == "title" else source.body_at
    if base is None:
        return finding
    return dataclasses.replace(
        finding,
        start=finding.start + base.offset,
        end=finding.end + base.offset,
        line=finding.line + base.line - 1,
        column=finding.column + base.column - 1 if finding.line == 1 else finding.column,
        end_line=finding.end_line + base.line - 1,
        end_column=finding.end_column + base.column - 1 if finding.end_line == 1 else finding.end_column,
    )


@pytest.mark.parametrize(
    "source",
    [
        None,
        SourceRef("feed.jsonl", "jsonl", record=3),
        SourceRef("a.txt", "txt", title_at=Position(4, 2, 3), body_at=Position(30, 4)),
        SourceRef("a.txt", "txt", title_at=None, body_at=Position(0, 1)),
    ],
)
def test_relocate_matches_the_replace_based_reference(reports: list[ArticleReport], source: SourceRef | None) -> None:
    for finding in every_finding(reports):
        assert vars(relocate(finding, source)) == vars(plain_relocate(finding, source))
