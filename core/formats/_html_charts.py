"""The HTML report's charts: inline SVG, each with its numbers as text beside it.

The score distribution is a bar chart with a caption that lists every band's count
and a table of the same numbers; a source's trend is a sparkline whose points are
written out as text in the same table cell (the SVG itself is hidden from assistive
technology, which reads the text instead). Nothing here comes from article text but
numbers; the callers escape the source names they put around them.
"""

from __future__ import annotations

from collections.abc import Sequence

from copydesk.rollup import change, spark_scale

BINS = 10
#: Sparkline size in CSS pixels; the y axis is the source's own scale (:func:`copydesk.rollup.spark_scale`).
SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 120, 30, 3


def bands(scores: Sequence[float]) -> list[int]:
    """How many scores fall in each band of ten points (100 goes in the last band)."""
    counts = [0] * BINS
    for score in scores:
        counts[min(BINS - 1, max(0, int(score // (100 / BINS))))] += 1
    return counts


def _band(i: int) -> str:
    return f"{i * 10}-{i * 10 + 10}"


def _bar_color(i: int) -> str:
    return "#1e6b34" if i >= 7 else ("#8a5a00" if i >= 4 else "#b3261e")


#: The distribution chart's size, plot and bands in CSS pixels: the floor's label has the top band to itself,
#: above the tallest bar's count, so it never covers a bar's label.
HIST_WIDTH, HIST_LEFT, HIST_LABEL_BAND, HIST_PLOT = 560, 36, 22, 150
HIST_BASE = HIST_LABEL_BAND + HIST_PLOT
#: The tallest bar's height: its count label sits just above it, still below the label band.
HIST_BAR_MAX = HIST_PLOT - 20


def histogram_svg(counts: Sequence[int], unreadable: int, floor: float) -> str:
    """The score distribution as an SVG bar chart (ten bands, unreadable articles apart, the gate's floor)."""
    top = max([*counts, unreadable, 1])
    width, left, base = HIST_WIDTH, HIST_LEFT, HIST_BASE
    bar = (width - left - 60) / BINS
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{base + 40}" role="img"'
        ' aria-label="Score distribution" aria-describedby="cd-hist-caption"><title>Score distribution</title>',
        f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#999"/>',
    ]
    for i, n in enumerate(counts):
        h = 0 if n == 0 else max(2.0, HIST_BAR_MAX * n / top)
        x = left + i * bar
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{base - h:.1f}" width="{bar - 4:.1f}" height="{h:.1f}" fill="{_bar_color(i)}">'
            f"<title>{_band(i)}: {n} article(s)</title></rect>"
        )
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{base - h - 4:.1f}" text-anchor="middle">{n or ""}</text>')
        parts.append(f'<text x="{x + 2:.1f}" y="{base + 14}">{i * 10}</text>')
    parts.append(f'<text x="{left + BINS * bar - 8:.1f}" y="{base + 14}">100</text>')
    if unreadable:
        x = left + BINS * bar + 14
        h = max(2.0, HIST_BAR_MAX * unreadable / top)
        parts.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="30" height="{h:.1f}" fill="#555"/>')
        parts.append(f'<text x="{x:.1f}" y="{base + 14}">n/a {unreadable}</text>')
    if floor > 0:
        parts += _floor_marks(left + floor / 100 * BINS * bar, floor, base)
    parts.append(f'<text x="{left}" y="{base + 32}">score</text></svg>')
    return "".join(parts)


def _floor_marks(x: float, floor: float, base: float) -> list[str]:
    """The gate's floor: a dashed line up the plot, its label in the band above the plot (clear of every bar's count)."""
    anchor, dx = ("end", -3) if floor > 60 else ("start", 3)
    return [
        f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{base}" stroke="#b3261e" stroke-dasharray="4 3"/>',
        f'<text class="floor" x="{x + dx:.1f}" y="{HIST_LABEL_BAND - 8}" text-anchor="{anchor}">fail under {floor:g}</text>',
    ]


def histogram_caption(counts: Sequence[int], unreadable: int, floor: float) -> str:
    """The chart's numbers in one sentence (the SVG's accessible description)."""
    listed = ", ".join(f"{_band(i)}: {n}" for i, n in enumerate(counts))
    extra = f"; {unreadable} unreadable" if unreadable else ""
    gate = f"; the gate fails scores under {floor:g}" if floor > 0 else ""
    return f"Articles per score band: {listed}{extra}{gate}."


def histogram_table(counts: Sequence[int], unreadable: int) -> str:
    """The chart's numbers as a two-column table."""
    rows = [f'<tr><td>{_band(i)}</td><td class="n">{n}</td></tr>' for i, n in enumerate(counts)]
    if unreadable:
        rows.append(f'<tr><td>unreadable</td><td class="n">{unreadable}</td></tr>')
    return (
        '<table class="chart-data"><thead><tr><th>score band</th><th class="n">articles</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def histogram(scores: Sequence[float], unreadable: int, floor: float) -> str:
    """The score distribution: chart, caption with its numbers, and the numbers as a table (folded)."""
    counts = bands(scores)
    return (
        f'<figure class="chart">{histogram_svg(counts, unreadable, floor)}'
        f'<figcaption id="cd-hist-caption" class="muted">{histogram_caption(counts, unreadable, floor)}</figcaption>'
        f"<details><summary>Numbers as a table</summary>{histogram_table(counts, unreadable)}</details></figure>"
    )


def _xy(i: int, mean: float, n: int, scale: tuple[float, float] = (0.0, 100.0)) -> tuple[float, float]:
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / max(1, n - 1)
    x = SPARK_PAD + (i * step if n > 1 else (SPARK_WIDTH - 2 * SPARK_PAD) / 2)
    low, high = scale
    y = SPARK_PAD + (1 - min(1.0, max(0.0, (mean - low) / (high - low)))) * (SPARK_HEIGHT - 2 * SPARK_PAD)
    return x, y


def sparkline(means: Sequence[float | None]) -> str:
    """Means over runs, oldest first, as a small SVG: a line through consecutive known points, a dot per point.

    The y axis runs from the source's lowest to its highest mean, at least ten points
    (:func:`~copydesk.rollup.spark_scale`), so its own movement shows; the numbers beside
    it compare sources. A run without a mean breaks the line. The last point (this run) is drawn larger.
    """
    n = len(means)
    scale = spark_scale(means)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="spark" width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}"'
        f' viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" aria-hidden="true" focusable="false">',
        f'<line x1="0" y1="{SPARK_HEIGHT / 2:.1f}" x2="{SPARK_WIDTH}" y2="{SPARK_HEIGHT / 2:.1f}" stroke="#e3e3e3"/>',
    ]
    run: list[str] = []
    for i, mean in enumerate([*means, None]):
        if mean is not None:
            x, y = _xy(i, mean, n, scale)
            run.append(f"{x:.1f},{y:.1f}")
            radius = 2.6 if i == n - 1 else 1.6
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="#1f5f99"/>')
        elif run:
            parts.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="#1f5f99" stroke-width="1.5"/>')
            run = []
    parts.append("</svg>")
    return "".join(parts)


def _mean(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def trend_text(runs: Sequence[int | None], means: Sequence[float | None], total: int | None = None) -> tuple[str, str]:
    """A trend's numbers: ``first -> last (change) over N runs``, and every run's mean in order.

    With ``total`` above N (older runs left out): ``over the last N of TOTAL runs``.
    """
    known = [m for m in means if m is not None]
    delta = change(means)
    head = f"{_mean(known[0] if known else None)} \u2192 {_mean(known[-1] if known else None)}"
    head += f" ({delta})" if delta else ""
    latest = f"the last {len(means)} of {total}" if total is not None and total > len(means) else f"{len(means)}"
    head += f" over {latest} run{'s' if (total or len(means)) != 1 else ''}"
    series = ", ".join(
        f"{'now' if run is None else f'run {run}'}: {_mean(m)}" for run, m in zip(runs, means, strict=True)
    )
    return head, series


#: The trend page's chart size and margins in CSS pixels.
CHART_WIDTH, CHART_HEIGHT, CHART_LEFT, CHART_RIGHT, CHART_TOP, CHART_BOTTOM = 640, 200, 36, 12, 10, 34


def trend_chart(runs: Sequence[int], means: Sequence[float | None], label: str) -> str:
    """A source's mean score per run as an SVG line chart on the 0-100 scale, one labelled dot per run.

    Gridlines at 0, 25, 50, 75 and 100; the x axis names runs (every ``k``-th when
    many, always the first and last). A run without a mean breaks the line. ``label``
    (already escaped by the caller) names the chart for assistive technology, which is
    pointed at the table of the same numbers.
    """
    n = len(runs)
    plot_w = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    plot_h = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    step = plot_w / max(1, n - 1)

    def x_of(i: int) -> float:
        return CHART_LEFT + (i * step if n > 1 else plot_w / 2)

    def y_of(mean: float) -> float:
        return CHART_TOP + (1 - min(100.0, max(0.0, mean)) / 100) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" width="{CHART_WIDTH}" height="{CHART_HEIGHT}"'
        f' viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" role="img" aria-label="{label}">'
    ]
    for level in (0, 25, 50, 75, 100):
        y = y_of(level)
        parts.append(
            f'<line x1="{CHART_LEFT}" y1="{y:.1f}" x2="{CHART_WIDTH - CHART_RIGHT}" y2="{y:.1f}" stroke="#e3e3e3"/>'
        )
        parts.append(f'<text x="{CHART_LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">{level}</text>')
    every = max(1, -(-n // 12))  # at most about a dozen run labels
    line: list[str] = []
    for i, (run, mean) in enumerate(zip([*runs, None], [*means, None], strict=True)):
        if mean is None:
            if len(line) > 1:
                parts.append(f'<polyline points="{" ".join(line)}" fill="none" stroke="#1f5f99" stroke-width="2"/>')
            line = []
        else:
            x, y = x_of(i), y_of(mean)
            line.append(f"{x:.1f},{y:.1f}")
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1f5f99"><title>run {run}: {mean:.1f}</title></circle>'
            )
        if run is not None and (i % every == 0 or i == n - 1):
            parts.append(f'<text x="{x_of(i):.1f}" y="{CHART_HEIGHT - 16}" text-anchor="middle">{run}</text>')
    parts.append(f'<text x="{CHART_LEFT}" y="{CHART_HEIGHT - 2}">run</text></svg>')
    return "".join(parts)
