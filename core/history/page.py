"""``copydesk trend --html FILE``: each source's mean score over the recorded runs, as a page people read.

One self-contained HTML file, no script at all (its Content-Security-Policy allows
none, nor any fetch): per source, a line chart of its mean score per run on the fixed
0-100 scale (so sources compare), the same numbers as a sentence (first and last mean,
the change, the number of runs) and as a table of run, time recorded and mean. Source
names come from input and are neutralised and escaped like every other report's text.
The page is built from the history alone, so the same history gives the same bytes.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from copydesk import safety
from copydesk.formats._html_charts import trend_chart, trend_text
from copydesk.history.records import TrendPoint

#: No script, no fetch: the page is markup, inline styles and inline SVG only.
POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; overflow-wrap: anywhere; }
.muted { color: #555; } svg text { font-size: 11px; fill: #555; }
table { border-collapse: collapse; margin-top: .4rem; } td, th { padding: .15rem .8rem .15rem 0; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
"""


def _esc(value: object) -> str:
    return html.escape(safety.neutralise(str(value)), quote=True)


def shown_time(when: str) -> str:
    """A recorded ISO 8601 time to the second, ``Z`` for UTC: ``2026-12-02T14:04:39Z``."""
    return when[:19] + "Z" if len(when) > 20 else when


def _mean(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _section(index: int, source: str, points: Sequence[TrendPoint], total: int) -> str:
    """One source: heading, chart, its numbers as a sentence (of ``total`` runs recorded), and as a table."""
    runs = [p.run_id for p in points]
    means = [p.mean for p in points]
    head, _ = trend_text(runs, means, total)
    name = _esc(source)
    rows = "".join(
        f'<tr><td class="n">{p.run_id}</td><td>{_esc(shown_time(p.when))}</td><td class="n">{_mean(p.mean)}</td></tr>'
        for p in points
    )
    return (
        f'<section id="source-{index}"><h2>{name}</h2>'
        f"<figure>{trend_chart(runs, means, f'Mean score of {name} by run')}"
        f'<figcaption class="muted">Mean score {_esc(head)}.</figcaption></figure>'
        '<table><thead><tr><th class="n">run</th><th>recorded (UTC)</th><th class="n">mean score</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def trend_page(
    trends: Mapping[str, Sequence[TrendPoint]], history: str, version: str, totals: Mapping[str, int] | None = None
) -> str:
    """The whole page for ``trends`` (source -> its points, oldest run first) read from ``history`` (redacted).

    :param totals: each source's number of recorded runs, when ``trends`` holds only the latest ones.
    """
    sources = sorted(trends)
    body = "".join(
        _section(i, name, trends[name], (totals or {}).get(name, len(trends[name])))
        for i, name in enumerate(sources, 1)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>copydesk trend: {len(sources)} source(s)</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<h1>copydesk trend</h1><p class="muted">Each source\'s mean score in the runs recorded in'
        f" {_esc(history)}, oldest first, on a 0-100 scale (copydesk {_esc(version)}).</p>\n"
        f"<main>{body}</main>\n</body>\n</html>\n"
    )
