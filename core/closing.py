"""How a scoring run ends: the per-source verdict, the summary, and recording the run in its history.

After the last article, :func:`copydesk.app.execute` asks this module for the
per-source levers' verdict (comparing with a recorded run under ``check --compare``),
completes the run summary with the per-source summaries, and, once the reports are
written, records the run in the history (``--history URL`` or ``[history] url``).

A history that cannot be used (:class:`~copydesk.history.HistoryError`) never stops
the reports from being written: it is one error line on stderr and exit code 2
(a plugin failure's 3 still outranks it). A run in which a plugin failed is not
recorded, as a baseline is not written: its scores miss that plugin's part; nor is a
``--changed-since`` run, which scored a part of the batch only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from copydesk import __version__
from copydesk.ci.sources import SourceVerdict, judge
from copydesk.errors import EXIT_USAGE, UsageError
from copydesk.ledger import Ledger
from copydesk.models import RunInfo, RunSummary
from copydesk.rollup import SourceSummary, SourceTrend
from copydesk.session import Session


@dataclass(frozen=True)
class HistoryPlan:
    """Where the run is recorded (``url``, empty for nowhere) and what it is compared with (``compare``)."""

    url: str
    compare: str | None = None
    #: When the run started, ISO 8601 in UTC (the command line reads the clock).
    now: str | None = None
    cwd: Path | None = None
    #: ``--changed-since REF``: the run scores a part of the batch only, so it is neither
    #: recorded nor compared, and shows no trend (its sources' means are of that part).
    changed_since: str | None = None
    #: The command (``score`` or ``check``) and, for ``check``, what fails an article
    #: (:meth:`copydesk.ci.gate.GateSettings.conditions`): recorded with the run, and
    #: compared with the ``--compare`` run's.
    command: str = "score"
    gate: str | None = None
    #: For ``check``, whether its gate passed (recorded, for ``--compare passing``); None for ``score``.
    passed: bool | None = None

    @classmethod
    def of(
        cls,
        session: Session,
        given: str | None,
        compare: str | None,
        now: str | None,
        cwd: Path | None,
        changed_since: str | None = None,
    ) -> HistoryPlan:
        """``--history`` over ``[history] url``; ``--compare`` without either, or with ``--changed-since``, is a usage error."""
        url = given if given is not None else session.config.history_url
        if url:
            from copydesk.history.backends import control_problem  # the history's code only when a run uses one

            if (problem := control_problem(url)) is not None:
                raise UsageError(f"--history: {problem}" if given is not None else problem)
        if compare is not None and not url:
            raise UsageError(
                f"--compare {compare}: no run history to compare with (give --history URL or set [history] url)"
            )
        if compare is not None and changed_since is not None:
            raise UsageError(
                f"--compare {compare} cannot be used with --changed-since: a run of the changed files only"
                " is not comparable with a recorded run of the whole batch"
            )
        return cls(url, compare, now, cwd, changed_since)


@dataclass
class Ending:
    """The per-source verdict of a finished batch, the sources' trends, and any history error met on the way."""

    sources: tuple[SourceSummary, ...]
    verdict: SourceVerdict
    history_error: str | None = None
    #: Each source's recent trend, read from the history before this run is recorded in it.
    trends: tuple[SourceTrend, ...] = ()
    #: Warnings for stderr (``--compare last`` or ``passing`` with no such run recorded yet).
    warnings: tuple[str, ...] = ()

    @classmethod
    def judge(cls, session: Session, ledger: Ledger, plan: HistoryPlan) -> Ending:
        """Roll the batch up per source, read its trends, and apply the source levers (and ``--compare``) of ``[gate]``."""
        sources = ledger.sources()
        gate = session.config.gate
        if not plan.url or plan.changed_since is not None:  # a partial run: no trend (its means are of a part)
            return cls(sources, judge(gate, sources))
        from copydesk.history import HistoryError  # the history's code only when a run uses one
        from copydesk.history.backends import redact
        from copydesk.history.recording import (
            another_gate,
            compare_with,
            digested,
            left_out,
            none_shared,
            source_trends,
            unknown_gate,
            unlike,
        )

        try:
            trends = source_trends(plan.url, sources)
            if plan.compare is None:
                return cls(sources, judge(gate, sources), trends=trends)
            limits = (float(gate["max_drop"]), float(gate["max_fail_rise"]))
            compared = compare_with(plan.url, plan.compare, sources, limits)
        except HistoryError as exc:
            return cls(sources, judge(gate, sources), str(exc))
        if compared is None:
            which = "run" if plan.compare == "last" else "run whose gate passed"
            first = f"--compare {plan.compare}: nothing to compare with yet: history {redact(plan.url)} has no {which}"
            first += "; this run is the first" if plan.compare == "last" else ""
            return cls(sources, judge(gate, sources), trends=trends, warnings=(f"copydesk: warning: {first}",))
        entry, regressed, recorded = compared
        unshared = none_shared(entry, sources, recorded) or left_out(entry, sources, recorded)
        plugins = [(p.name, p.version) for p in session.plugins.plugins]
        differs = unlike(entry, __version__, digested(session.config), plugins)
        counted = another_gate(entry, plan.command, plan.gate)
        if counted is not None:  # shares failing of another gate: not a regression of the articles
            regressed = [r for r in regressed if r.what != "failing"]
        unknown = unknown_gate(entry, plan.command) if any(r.what == "failing" for r in regressed) else None
        warnings = tuple(
            f"copydesk: warning: --compare: {why}" for why in (unshared, differs, counted, unknown) if why is not None
        )
        return cls(sources, judge(gate, sources, (entry.run_id, regressed)), trends=trends, warnings=warnings)

    def exit_code(self, code: int) -> int:
        """``code`` raised to 2 when the history could not be used."""
        return max(code, EXIT_USAGE) if self.history_error else code

    def summary(self, summary: RunSummary, gating: bool, passed: bool) -> RunSummary:
        """The run summary with the per-source summaries and, when gating, the source levers' verdict."""
        if not gating:
            return dataclasses.replace(summary, sources=self.sources, trends=self.trends)
        gate = {**summary.gate, **self.verdict.summary(), "passed": passed}
        return dataclasses.replace(summary, sources=self.sources, trends=self.trends, gate=gate)

    def record(
        self, plan: HistoryPlan, session: Session, ledger: Ledger, info: RunInfo, stderr: Callable[[str], None]
    ) -> bool:
        """Record the run in ``plan.url``; say so, or why not, on stderr. False when the history failed."""
        from copydesk.history import HistoryError
        from copydesk.history.backends import redact
        from copydesk.history.recording import digested, record_run, run_record

        when = plan.now or datetime.now(UTC).isoformat()
        run = run_record(
            when,
            (info.version, info.plugins),
            digested(session.config),
            ledger.articles(),
            self.sources,
            plan.cwd,
            (plan.command, plan.gate, plan.passed),
        )
        try:
            number = record_run(plan.url, run)
        except HistoryError as exc:
            stderr(f"copydesk: error: {exc}")
            return False
        stderr(f"copydesk: recorded run {number} in history {redact(plan.url)}")
        return True
