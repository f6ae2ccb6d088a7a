"""What a scaffolded plugin's hits cost a brief: ``copydesk new-plugin loaded-words`` at weight 1.0 and 0.25.

The figures of docs/hooks.md, "Why the scaffold's weight is 0.25". The scaffold is written
as ``copydesk new-plugin loaded-words`` writes it and its scorer loaded beside the built-in
ones (not installed: its module is run from the text written). Two 18-word briefs that
quote a named clerk, one with one of its words ("shocking") and one with two
("shocking", "Unbelievable"), are scored each on its own: without the plugin, then with
it at weight 1.0 and at 0.25 (``[scoring.weights] loaded-words``). For each it prints the
score and grade, and with the plugin its factor (``subscore ** weight``) and, when the
minimum-evidence floor no longer holds, the score the features give before that factor::

    .venv/bin/python scripts/scaffold_cost.py

``--bbc`` measures the table of the same section on real copy instead: the intact BBC
texts of ``truncation/bbc_truncation_pairs.jsonl`` (in ``../shared/data``, or ``--data``)
of 140-170 words (briefs) and of 650-750 words, graded A to C without the plugin, each
with one sentence appended that holds one or two of the scaffold's words. Each is scored
without the plugin and with it at weight 1.0 and 0.25; per length and number of hits it
prints the median factor, the median change of the score and how many grades fell::

    .venv/bin/python scripts/scaffold_cost.py --bbc
"""

from __future__ import annotations

import argparse
import statistics
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import corpora
from copydesk.models import Article, ArticleReport
from copydesk.scaffold import files, plugin_names
from copydesk.testing import article, plugin_set, score_batch

NAME = "loaded-words"
TITLE = "Council news"
OPENING = "It was a shocking day for the council, the clerk, Jane Smith, said on Monday."
#: The briefs, by how many of the scaffold's words they hold.
BRIEFS = {
    1: f'{OPENING} "Remarkable," she said.',
    2: f'{OPENING} "Unbelievable," she said.',
}
WEIGHTS = (1.0, 0.25)
#: The sentence appended to a BBC text, by how many of the scaffold's words it holds.
APPENDED = {
    1: "Residents called the decision shocking.",
    2: "Residents called the decision shocking and unbelievable.",
}
#: Word-count windows of the BBC texts measured: briefs and full articles.
LENGTHS = ((140, 170), (650, 750))
PAIRS = Path("truncation") / "bbc_truncation_pairs.jsonl"


def scaffolded() -> types.ModuleType:
    """The scaffold's plugin module, run from the text ``copydesk new-plugin`` writes."""
    written = files(plugin_names(NAME))
    module = types.ModuleType("copydesk_loaded_words")
    exec(compile(written["src/copydesk_loaded_words/__init__.py"], "scaffold", "exec"), module.__dict__)
    return module


def line(report: ArticleReport) -> str:
    """``score grade``, and the scaffold's factor and the score before it when the floor does not hold."""
    said = f"{report.score:.1f} {report.grade}"
    mine = [s for s in report.scorers if s.name == NAME]
    if not mine:
        return said + (" (floored)" if report.floored else "")
    factor = float(mine[0].subscore) ** float(mine[0].weight)
    hits = [f.matched for f in report.findings if f.plugin == NAME]
    if report.floored:
        return f"{said}, factor x{factor:.2f}, hits {hits} (floored)"
    return f"{said}, factor x{factor:.2f}, hits {hits}; features alone {report.score / factor:.1f}"


def bbc_texts(data: Path, low: int, high: int) -> Iterator[tuple[str, str]]:
    """The intact BBC texts of ``low`` to ``high`` words, as (id, text), in file order."""
    for row in corpora.rows(data / PAIRS):
        if row["id"].endswith(":intact") and low <= len(row["text"].split()) <= high:
            yield row["id"], row["text"]


def one(item: Article, plugins: Any, overrides: dict[str, Any]) -> ArticleReport:
    """The report of one article scored as a batch of its own (so no batch statistic joins texts)."""
    [report] = score_batch([item], plugins, overrides)
    return report


def measured(texts: list[tuple[str, str]], hits: int) -> list[str]:
    """One line per weight: median factor, median score change, grades lowered, over ``texts``."""
    builtins = plugin_set(entry_points=True)
    both = plugin_set(plugins=[(NAME, scaffolded())], entry_points=True)
    alone = [one(article(text, id=key), builtins, {}) for key, text in texts]
    kept = [i for i, report in enumerate(alone) if report.grade in "ABC"]
    longer = [article(f"{texts[i][1]} {APPENDED[hits]}", id=texts[i][0]) for i in kept]
    lines = []
    for weight in WEIGHTS:
        overrides: dict[str, Any] = {"scoring": {"weights": {NAME: weight}}}
        reports = [one(item, both, overrides) for item in longer]
        factors = [float(s.subscore) ** float(s.weight) for r in reports for s in r.scorers if s.name == NAME]
        changes = [r.score - alone[i].score for i, r in zip(kept, reports, strict=True)]
        lower = sum(r.grade > alone[i].grade for i, r in zip(kept, reports, strict=True))
        lines.append(
            f"  weight {weight}: x{statistics.median(factors):.2f}, {statistics.median(changes):+.1f} points,"
            f" {lower} of {len(kept)} grades lower"
        )
    return lines


def bbc(data: Path) -> None:
    """Print the table's measures for each length window and number of hits."""
    for low, high in LENGTHS:
        texts = list(bbc_texts(data, low, high))
        for hits in APPENDED:
            print(f"{hits} warning(s), BBC texts of {low}-{high} words ({len(texts)} texts):")
            for text in measured(texts, hits):
                print(text)


def main(argv: list[str] | None = None) -> int:
    """Score each brief without the plugin and with it at each weight; print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bbc", action="store_true", help="measure on the intact BBC texts instead")
    parser.add_argument("--data", type=Path, default=corpora.DATA, help="the shared data directory")
    args = parser.parse_args(argv)
    if args.bbc:
        if not (args.data / PAIRS).is_file():
            parser.error(f"--bbc: no {PAIRS} under {args.data} (the shared data; --data names another folder)")
        bbc(args.data)
        return 0
    builtins = plugin_set(entry_points=True)
    both = plugin_set(plugins=[(NAME, scaffolded())], entry_points=True)
    for hits, body in BRIEFS.items():
        brief = article(body, title=TITLE)
        words = len(body.split())
        [alone] = score_batch([brief], builtins)
        print(f"{hits} hit(s), {words} words: without the plugin {line(alone)}")
        for weight in WEIGHTS:
            overrides: dict[str, Any] = {"scoring": {"weights": {NAME: weight}}}
            [report] = score_batch([brief], both, overrides)
            print(f"  weight {weight}: {line(report)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
