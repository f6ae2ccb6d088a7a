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
"""

from __future__ import annotations

import types
from typing import Any

from copydesk.models import ArticleReport
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


def main() -> int:
    """Score each brief without the plugin and with it at each weight; print one line each."""
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
