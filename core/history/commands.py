"""What ``copydesk history``, ``trend`` and ``diff`` print: the run listing, source trends, run differences.

Plain text on the given stream, one line per item, sorted, so the output can be read
in a terminal and compared in a test. Which history to read is ``--history URL``, else
the configuration's ``[history] url``.
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from copydesk import __version__, safety
from copydesk.config import load_config
from copydesk.errors import UsageError
from copydesk.formats.writers import STDOUT, atomic_writer
from copydesk.history import History, RunDiff, TrendPoint, open_history
from copydesk.history.backends import redact, sqlite_file
from copydesk.history.page import shown_time, trend_page
from copydesk.history.recording import DIRTY, run_ref
from copydesk.rollup import change, spark_scale

#: Sparkline characters, lowest first: a mean score of 0-100 in eight steps.
BARS = "▁▂▃▄▅▆▇█"
#: A run in which the source had no scored article.
GAP = "·"


def resolve_url(given: str | None, config_path: Path | None) -> str:
    """``--history URL``, else ``[history] url`` of the configuration; neither is a usage error."""
    if given:
        return given
    url = load_config(config_path).history_url
    if not url:
        raise UsageError("no run history named: give --history URL or set [history] url in the configuration")
    return url


def _emit(out: TextIO, line: str) -> None:
    """Write one line: source names, keys, versions and URLs come from input, so it is made inert (:func:`copydesk.safety.line`)."""
    out.write(safety.line(line) + "\n")


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _exact(value: float | None) -> str:
    """A recorded score as reported, to two decimals: a grade change at a floor shows why ('58.96 -> 59.02')."""
    return "-" if value is None else f"{value:.2f}"


def list_runs(history: History, limit: int | None, out: TextIO) -> None:
    """The latest runs, newest first: number, time, version, commit, command, gate, articles, mean score.

    ``command`` is ``score`` or ``check`` and ``gate`` whether a ``check`` run's gate
    passed (``passed``, ``FAILED``); ``-`` where the run did not gate or was recorded
    before the history kept them.
    """
    entries = history.runs(limit)  # one at least: a history with no run is not opened for reading (NoHistoryYet)
    _emit(
        out,
        f"{'run':>5}  {'recorded (UTC)':<20}  {'version':<9}  {'commit':<16}  {'command':<7}  {'gate':<6}  "
        f"{'articles':>8}  {'mean':>6}",
    )
    for e in entries:
        when = shown_time(e.when)
        commit = shown_commit(e.commit)
        gate = "-" if e.passed is None else ("passed" if e.passed else "FAILED")
        _emit(
            out,
            f"{e.run_id:>5}  {when:<20}  {e.version:<9}  {commit:<16}  {e.command or '-':<7}  {gate:<6}  "
            f"{e.articles:>8}  {_score(e.mean_score):>6}",
        )


def shown_commit(commit: str | None) -> str:
    """A recorded commit shortened to 10 characters, keeping a ``+dirty`` mark; ``-`` for none."""
    if not commit:
        return "-"
    head, dirty, _ = commit.partition(DIRTY)
    return head[:10] + dirty


def sparkline(means: Sequence[float | None]) -> str:
    """One character per run: the mean score on the source's own scale (:func:`~copydesk.rollup.spark_scale`), ``·`` for none."""
    low, high = spark_scale(means)
    top = len(BARS) - 1
    return "".join(
        GAP if m is None else BARS[max(0, min(top, int((m - low) / (high - low) * len(BARS))))] for m in means
    )


def _over(shown: int, total: int) -> str:
    """``over N run(s)``, or ``over the last N of M run(s)`` when older runs are left out."""
    return f"over {shown} run(s)" if shown >= total else f"over the last {shown} of {total} run(s)"


def _trend_lines(source: str, points: list[TrendPoint], total: int) -> list[str]:
    """A source's sparkline with its first and last mean and the change, then every run's mean."""
    means = [p.mean for p in points]
    known = [m for m in means if m is not None]
    delta = change(means) or "n/a"
    head = (
        f"{source}  {sparkline(means)}  {_score(known[0] if known else None)} -> "
        f"{_score(known[-1] if known else None)} ({delta}) {_over(len(points), total)}"
    )
    return [head, "    " + ", ".join(f"run {p.run_id}: {_score(p.mean)}" for p in points)]


def show_trend(history: History, source: str | None, out: TextIO, page: str | None = None, last: int = 0) -> None:
    """Each source's (or only ``source``'s) mean score over its latest ``last`` runs (0: all), oldest first.

    :param page: also write them as an HTML page with a chart per source to this path
        (:mod:`copydesk.history.page`), atomically, and say so on stderr; ``-`` writes
        the page to ``out`` instead of the text.
    """
    _not_over_the_database(history, page)
    trends = history.trend(source)
    if not trends:
        what = f"source {safety.quoted(source)}" if source is not None else "any source"
        raise UsageError(f"history {history.url}: no run records {what} (see copydesk history)")
    totals = {name: len(points) for name, points in trends.items()}
    if last:
        trends = {name: points[-last:] for name, points in trends.items()}
    if page == STDOUT:
        out.write(trend_page(trends, redact(history.url), __version__, totals))
        return
    if page is None:
        _trend_text(trends, totals, out)
        return
    with atomic_writer(page) as handle:  # opened first: a page that cannot be written is refused before any text
        _trend_text(trends, totals, out)
        out.flush()  # the text before the page, when the page is standard output too (/dev/stdout)
        handle.write(trend_page(trends, redact(history.url), __version__, totals))
    sys.stderr.write(safety.line(f"copydesk: wrote {page}: {len(trends)} source(s)") + "\n")


def _trend_text(trends: Mapping[str, list[TrendPoint]], totals: Mapping[str, int], out: TextIO) -> None:
    """Each source's trend lines, by name."""
    for name in sorted(trends):
        for line in _trend_lines(name, trends[name], totals[name]):
            _emit(out, line)


def _not_over_the_database(history: History, page: str | None) -> None:
    """Refuse an ``--html`` page that would replace a file it is made from (a UsageError).

    Those are the history database and the configuration files :func:`read` looked at.
    """
    if page is None or page == STDOUT:
        return
    from copydesk.app import refuse_input

    files = [*_CONFIGURATION.get(history, ())]
    if (database := sqlite_file(history.url)) is not None:
        files.append(("the history database", database))
    refuse_input("the HTML page", page, files)


def _diff_lines(diff: RunDiff) -> list[str]:
    """The difference of two runs, one section per kind of change."""
    lines = [f"run {diff.run_a} -> run {diff.run_b}"]
    lines.append(f"grade changed: {len(diff.grade_changes)} article(s)")
    for g in diff.grade_changes:
        edited = ", text edited" if g.edited else ""
        lines.append(
            f"  {g.key}  {g.grade_a} -> {g.grade_b}  ({_exact(g.score_a)} -> {_exact(g.score_b)}; {g.source}{edited})"
        )
    for title, changes in (("findings appeared", diff.appeared), ("findings went away", diff.went_away)):
        total = sum(abs(c.after - c.before) for c in changes)  # findings, not the (article, rule) lines below
        lines.append(f"{title}: {total}" + (f" ({len(changes)} article/rule count(s) changed)" if changes else ""))
        lines += [f"  {c.key}  {c.code}  {c.before} -> {c.after}" for c in changes]
    for run_id, keys in ((diff.run_a, diff.only_a), (diff.run_b, diff.only_b)):
        if keys:
            lines.append(f"only in run {run_id}: {len(keys)} article(s)")
            lines += [f"  {key}" for key in keys]
    return lines


def show_diff(history: History, run_a: str, run_b: str, out: TextIO) -> None:
    """Articles whose grade changed from ``run_a`` to ``run_b``, and rule counts that appeared or went away."""
    for line in _diff_lines(history.diff(run_ref(run_a), run_ref(run_b))):
        _emit(out, line)


#: The configuration files of the command that opened each history by :func:`read`, as (what, path).
_CONFIGURATION: weakref.WeakKeyDictionary[History, list[tuple[str, str]]] = weakref.WeakKeyDictionary()


def read(given: str | None, config_path: Path | None) -> History:
    """Open the history the command names (see :func:`resolve_url`) to read it: a missing one is never created."""
    from copydesk.app import read_files

    history = open_history(resolve_url(given, config_path), create=False)
    _CONFIGURATION[history] = read_files(config_path, None, None)
    return history
