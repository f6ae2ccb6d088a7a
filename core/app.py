"""One scoring run from start to finish: configuration, plugins, batch, outputs, exit code.

The CLI parses arguments into :class:`RunOptions` and calls :func:`execute`; tests and
embedding programs can do the same. The run starts from a :class:`Session` (the
configuration, plugins and runner, each built once). Diagnostics go to the ``stderr``
callback, one line each; results go to the outputs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TextIO

from copydesk import __version__, diagnostics, meaning, safety, scale
from copydesk.ci import changed
from copydesk.ci.baseline import Baseline, BaselineCollector
from copydesk.ci.gate import Gate, GateSettings, idle_fail_on, lever_set, levers_off
from copydesk.ci.sources import SourceVerdict
from copydesk.closing import Ending, HistoryPlan
from copydesk.config import GATE_FLAGS, Flags
from copydesk.errors import EXIT_GATE, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, ReportsWritten, UsageError
from copydesk.formats.writers import STDOUT, STDOUT_PATHS, Output, Outputs, atomic_writer, check_target
from copydesk.ledger import Ledger, SeenKeys
from copydesk.manager import PluginSet
from copydesk.models import EMPTY, ArticleReport, Finding, ReportWriter, RunInfo, RunSummary, Severity
from copydesk.pool import Render, Rendered
from copydesk.quota import omitted_line
from copydesk.session import Session
from copydesk.sources import STDIN, Batch


@dataclass(frozen=True)
class RunOptions:
    """Everything a run needs beyond the configuration files."""

    paths: Sequence[str]
    outputs: Sequence[Output] = (Output("text"),)
    config_path: Path | None = None
    #: Values shaped like the TOML that replace the files' (embedding, tests).
    overrides: dict[str, Any] = field(default_factory=dict)
    #: The command line's configuration flags (``--select``, ``--fail-under``, ...).
    flags: Flags = field(default_factory=Flags)
    gate: bool = False
    timings: bool = False
    #: The text report's filters (``--min-severity``, ``check --only-new``); see :class:`RunInfo`.
    min_severity: str = "info"
    only_new: bool = False
    progress: bool = False
    cwd: Path | None = None
    #: ``copydesk check --baseline FILE``: fail only on findings not in it.
    baseline: Path | None = None
    #: ``--changed-since REF``: only files added or modified since the git ref.
    changed_since: str | None = None
    #: A plugin set to use instead of loading entry points (embedding, tests).
    plugins: PluginSet | None = None
    #: Extra report writers fed like the outputs (``copydesk baseline`` collects with one).
    writers: Sequence[ReportWriter] = ()
    #: Files the run writes besides its outputs, as (what, path): ``copydesk baseline``'s file.
    writes: Sequence[tuple[str, str]] = ()
    #: ``--history URL``: record the run there (None: ``[history] url``; "" records nowhere).
    history: str | None = None
    #: ``check --compare last|passing|RUN``: gate on regressions since that recorded run.
    compare: str | None = None
    #: When the run started, ISO 8601 in UTC, as the history records it (None: read the clock).
    now: str | None = None
    #: False when what the run makes holds no score (``copydesk baseline``): no warning about scores.
    scores: bool = True


def _output_without_one(output: str, bare: list[str]) -> str:
    """Why ``-o FILE`` has no format to send there, and what to write instead."""
    problem = "--output needs exactly one --format without its own :PATH"
    if not bare:  # -f markdown:m.md -o report.txt: the text report was meant for report.txt
        return f"{problem}, and each one given has its own: for the text report in that file, write -f text:{output} instead of -o"
    return f"{problem}, and {len(bare)} have none ({', '.join(bare)}): give each but one a :PATH"


def parse_outputs(formats: Sequence[str], output: str | None) -> list[Output]:
    """Turn ``--format NAME[:PATH]`` values and ``--output`` into Outputs."""
    specs = list(formats) or ["text"]
    outputs = []
    for spec in specs:
        name, sep, path = spec.partition(":")
        if not name:
            raise UsageError(
                f"--format {safety.quoted(spec)}: no format name before ':' (write NAME:FILE, json:report.json)"
            )
        if sep and not path:
            raise UsageError(f"--format {spec}: no file name after ':' (use {name} alone for standard output)")
        outputs.append(Output(name, path if sep else STDOUT))
    if output is not None:
        bare = [i for i, o in enumerate(outputs) if o.path == STDOUT]
        if len(bare) != 1:
            raise UsageError(_output_without_one(output, [outputs[i].format for i in bare]))
        outputs[bare[0]] = Output(outputs[bare[0]].format, output)
    to_stdout = [o.format for o in outputs if o.path == STDOUT]
    if len(to_stdout) > 1:
        raise UsageError(f"formats {', '.join(to_stdout)} all write to standard output; give each but one a :PATH")
    seen: dict[str, str] = {}
    for o in outputs:
        if o.path == STDOUT:
            continue
        check_target(o.path)
        key = os.path.realpath(o.path)
        if key in seen:
            raise UsageError(f"{o.path}: named by two formats ({seen[key]} and {o.format}); give each its own file")
        seen[key] = o.format
    return outputs


def run_info(
    plugins: PluginSet, paths: Sequence[str], options: RunOptions | None = None, session: Session | None = None
) -> RunInfo:
    """The header every reporter may show, with the options reporters honour (timings, text filters).

    With ``session``: its model, and what a grade means under it.
    """
    rules = plugins.rules()
    model = "" if session is None else meaning.model_name(session.config)
    return RunInfo(
        version=__version__,
        paths=tuple(paths),
        plugins=tuple((p.name, p.version) for p in plugins.plugins),
        rules=tuple(r for _, _, r in rules),
        rule_plugins={r.code: info.name for info, _, r in rules},
        timings=options.timings if options else False,
        min_severity=options.min_severity if options else "info",
        only_new=options.only_new if options else False,
        model=model,
        reference=() if session is None else session.runner.model.reference,
        floors_note="" if session is None else meaning.floors_note(session.runner.model, session.config.scoring()),
        top_severity="error" if session is None else session.runner.top_severity,
        floors=() if session is None else tuple(floor for _, floor in session.config.scoring().grades),
    )


def _progress(enabled: bool) -> contextlib.AbstractContextManager[Callable[[], None]]:
    """A stderr progress counter when stderr is a terminal, else a no-op."""
    if not enabled:
        return contextlib.nullcontext(lambda: None)
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    @contextlib.contextmanager
    def bar() -> Iterator[Callable[[], None]]:
        columns = (SpinnerColumn(), TextColumn("{task.completed} articles"), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as p:
            task = p.add_task("scoring", total=None)
            yield lambda: p.advance(task)

    return bar()


#: How many unreadable records of one file get their own stderr line; the rest are counted
#: in one line at the end (a JSON array or a CSV saved as ``.jsonl`` is unreadable on
#: every line, and a CI log of thousands of such lines hides everything else).
SAID_PER_FILE = 20

SHARED_ID = "reports, gate lines and baselines cannot tell the two apart"


def _where(report: ArticleReport) -> str:
    """Where an article came from: ``path``, ``path:record`` (a record's line) or ``path row N`` (a Parquet row)."""
    source = report.source
    if source is None:
        return report.id
    if source.record is None:
        return source.path
    return f"{source.path} row {source.record}" if source.format == "parquet" else f"{source.path}:{source.record}"


def route_diagnostics(
    report: ArticleReport,
    stderr: Callable[[str], None],
    input_errors: list[str],
    plugin_errors: list[str],
    repeats: Counter[str] | None = None,
    unreadable: Counter[str] | None = None,
) -> None:
    """Put an article's core diagnostics on stderr, one line each, and collect the errors.

    Each line names where the article came from (``path``, ``path:line`` of a record,
    ``path row N``), then the article's id in brackets where that is something else.

    Unreadable input is an input error, a guessed encoding or front matter read as body a warning, a scorer or batch
    pass that raised a plugin error (the sets of :mod:`copydesk.diagnostics`). With
    ``repeats``, a batch pass's failure (the same on every article) is said for the first
    article only and counted there (:meth:`Tally.repeated` says the count at the end).
    With ``unreadable``, a file's unreadable records are said for the first
    :data:`SAID_PER_FILE` only; the rest are counted there, and every one is still in the
    reports.
    """
    where = _where(report)
    label = where if report.id == where else f"{where} ({report.id})"
    for diag in report.diagnostics:
        if diag.code in diagnostics.INPUT_ERRORS:
            input_errors.append(diag.message)
            if unreadable is not None and report.source is not None:
                unreadable[report.source.path] += 1
                if unreadable[report.source.path] > SAID_PER_FILE:
                    continue
            stderr(f"copydesk: error: {diag.message}")
        elif diag.code in diagnostics.WARNINGS:
            stderr(f"copydesk: warning: {label}: {diag.message}")
        elif diag.code in diagnostics.PLUGIN_ERRORS:
            plugin_errors.append(f"{label}: {diag.message}")
            if repeats is not None and diag.code == diagnostics.BATCH_ERROR.code:
                repeats[diag.message] += 1
                if repeats[diag.message] > 1:
                    continue
            stderr(f"copydesk: error: {label}: {diag.message}")


@dataclass
class Tally:
    """What a run has seen so far: the scores' count and sum, errors, and article ids (bounded in memory)."""

    scored: int = 0
    #: The scores added in input order, as ``sum()`` over them adds (the mean is byte-identical).
    total: float = 0
    input_errors: list[str] = field(default_factory=list)
    plugin_errors: list[str] = field(default_factory=list)
    seen: SeenKeys = field(default_factory=SeenKeys)  # article ids, to warn when two articles share one
    #: How many articles each batch pass failure was on (said once, for the first).
    repeats: Counter[str] = field(default_factory=Counter)
    #: How many unreadable records each file had (the first :data:`SAID_PER_FILE` said).
    unreadable: Counter[str] = field(default_factory=Counter)

    def observe(self, report: ArticleReport, stderr: Callable[[str], None]) -> None:
        """Count one report; warn about a shared id and put its diagnostics on stderr."""
        if report.id in self.seen:
            stderr(
                f"copydesk: warning: {_where(report)}: id {safety.quoted(report.id)} is also an earlier article's id; {SHARED_ID}"
            )
        self.seen.add(report.id)
        if report.omitted:
            stderr(f"copydesk: warning: {_where(report)}: {omitted_line(report)}")
        route_diagnostics(report, stderr, self.input_errors, self.plugin_errors, self.repeats, self.unreadable)
        if report.score is not None:
            self.scored += 1
            self.total += report.score

    def repeated(self) -> list[str]:
        """The closing lines of what was said only in part.

        One per batch pass failure said for its first article only (on how many articles it
        was in all), and one per file with more unreadable records than were said.
        """
        return [
            *(
                f"copydesk: error: {message} (on {count:,} articles in all)"
                for message, count in self.repeats.items()
                if count > 1
            ),
            *(
                f"copydesk: error: {path}: and {count - SAID_PER_FILE:,} more unreadable "
                f"record(s) ({count:,} in all; each is in the reports)"
                for path, count in self.unreadable.items()
                if count > SAID_PER_FILE
            ),
        ]

    def exit_code(self, gate_failed: bool) -> int:
        """A plugin failure outranks an input error, which outranks a failed gate."""
        if self.plugin_errors:
            return EXIT_INTERNAL
        if self.input_errors:
            return EXIT_USAGE
        return EXIT_GATE if gate_failed else EXIT_OK

    def summary(self, gate: Gate, gating: bool, code: int) -> RunSummary:
        """The totals every writer gets when the batch is done."""
        return RunSummary(
            articles=gate.articles,
            scored=self.scored,
            unreadable=gate.articles - self.scored,
            mean_score=self.total / self.scored if self.scored else None,
            failing=tuple(a for a, _ in gate.failing) if gating else (),
            gate=gate.summary() if gating else {},
            plugin_errors=tuple(self.plugin_errors),
            input_errors=tuple(self.input_errors),
            exit_code=code,
        )


def _judged(report: ArticleReport, gate: Gate, baseline: Baseline | None, gating: bool) -> ArticleReport:
    """The report with its baseline states and, when gating, why it fails the gate.

    The runner builds each report once; this is the CI layer's judgement of it, added in
    one step (and none at all when the run neither gates nor compares to a baseline).
    """
    states = baseline.classify(report) if baseline is not None else report.baseline_state
    why = gate.observe(report, states)
    reasons = tuple(why) if gating and why else report.gate_reasons
    if states == report.baseline_state and reasons == report.gate_reasons:
        return report
    return dataclasses.replace(report, baseline_state=states, gate_reasons=reasons)


def _worker_render(outputs: Outputs, keep_text: bool) -> Render | None:
    """What the worker processes make of each report, when every writer renders: its text and a lighter report.

    The workers then serialise the reports, and this process only writes the text in
    input order and keeps its tallies, from a copy of the report that keeps what they
    read (:func:`_tallied`). Only for a run that neither gates nor compares with a
    baseline, whose reports are written as the workers made them (:func:`_judged`
    leaves them as they are).
    """
    pieces = outputs.renderer()
    return None if pieces is None else _WorkerRender(pieces, keep_text)


@dataclass(frozen=True)
class _WorkerRender:
    """:func:`_worker_render`'s function: a module-level class, so a cluster's workers get it pickled."""

    pieces: Callable[[ArticleReport], tuple[str | bytes, ...]]
    keep_text: bool

    def __call__(self, report: ArticleReport) -> Rendered:
        return Rendered(_tallied(report, self.keep_text), self.pieces(report))


def _tallied(report: ArticleReport, keep_text: bool) -> ArticleReport:
    """The report as the run's tallies read it (:class:`Tally`, :class:`Gate`, :class:`Ledger`), lighter to send.

    The scorers' results go, and the body unless the run keeps it (``keep_text``: the
    run history's content digest); each finding is one finding per code and severity,
    with no message, text or position: the tallies count codes and severities only. The
    diagnostics stay whole (they go to standard error). The findings are a
    :class:`_SlimFindings`, which crosses to the main process as one row per code and
    severity and the order they come in.
    """
    slim: dict[tuple[str, Severity], Finding] = {}
    findings = []
    for f in report.findings:
        key = (f.code, f.severity)
        one = slim.get(key)
        if one is None:
            one = slim[key] = _slim_finding(f.code, f.name, f.severity, f.field, f.plugin, f.prefix)
        findings.append(one)
    slimmed = _SlimFindings(findings)
    if type(report) is not ArticleReport:  # a subclass: through its __init__
        return dataclasses.replace(report, scorers=(), findings=slimmed, text=report.text if keep_text else "")
    # dataclasses.replace without the frozen __init__'s setattr per field (an ArticleReport has no __post_init__)
    state = report.__dict__.copy()
    state["scorers"], state["findings"] = (), slimmed
    if not keep_text:
        state["text"] = ""
    light = object.__new__(ArticleReport)
    object.__setattr__(light, "__dict__", state)
    return light


def _slim_finding(code: str, name: str, severity: Severity, field: str, plugin: str, prefix: str) -> Finding:
    """A finding as :func:`_tallied` keeps it: no message, text or position."""
    one = object.__new__(Finding)  # Finding(...) without its frozen __init__'s object.__setattr__ per field
    one.__dict__.update(
        code=code,
        name=name,
        message="",
        severity=severity,
        start=0,
        end=0,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        excerpt="",
        matched="",
        field=field,
        data=EMPTY,
        plugin=plugin,
        prefix=prefix,
        scope="span",
    )
    return one


class _SlimFindings(tuple):  # type: ignore[type-arg]
    """:func:`_tallied`'s findings: a tuple, pickled as one row per distinct finding and the order of them.

    A report's findings repeat a few codes (about 9 distinct in 52 on the bench batch);
    pickled as themselves, each distinct one is a dictionary of 17 entries, its
    :class:`Severity` and its data rebuilt by calls, about 5 microseconds apiece in
    the main process. Unpickled, it is a plain tuple of plain findings again.
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        if any(type(f.severity) is not Severity for f in self):  # not made by the runner: pickled as it is
            return tuple, (tuple(self),)
        rows: dict[int, int] = {}
        distinct: list[tuple[str, str, str, str, str, str]] = []
        order = []
        for f in self:
            at = rows.get(id(f))
            if at is None:
                at = rows[id(f)] = len(distinct)
                distinct.append((f.code, f.name, f.severity._value_, f.field, f.plugin, f.prefix))
            order.append(at)
        return _unslimmed, (tuple(distinct), bytes(order) if len(distinct) < 256 else tuple(order))


def _unslimmed(distinct: tuple[tuple[str, str, str, str, str, str], ...], order: Sequence[int]) -> tuple[Finding, ...]:
    """:class:`_SlimFindings` again, as a plain tuple of findings (each distinct one made once)."""
    made = [_slim_finding(c, n, _SEVERITY_OF[s], f, p, x) for c, n, s, f, p, x in distinct]
    return tuple(map(made.__getitem__, order))


#: Each :class:`Severity` by its value.
_SEVERITY_OF = {s.value: s for s in Severity}


def _paths(options: RunOptions, session: Session, stderr: Callable[[str], None]) -> tuple[list[str], list[str] | None]:
    """The paths to score: as given, or only those changed since ``--changed-since``.

    With ``--changed-since``, also every file under the paths given, changed or not: the
    batch pass reads them all, so a changed article is compared with the others
    (near-duplicates, contradictory figures) as a full run compares it. Else None.
    """
    paths = list(options.paths)
    if options.changed_since is None:
        return paths, None
    paths, every = changed.split_paths(paths, options.changed_since, session.config.sources)  # cwd-relative
    stderr(
        f"copydesk: {len(paths)} file(s) changed since {options.changed_since}"
        f" (compared with all {len(every)} under the paths given by the batch-aware rules)"
    )
    return paths, every


#: ``check`` with every scorer's rules deselected (``--ignore ALL``) or every plugin disabled.
NOTHING_TO_GATE = (
    "no scorer runs (every scorer's rules are deselected or its plugin disabled):"
    " 'check' would pass every article; select at least one rule"
)


def _idle_regression_limits(options: RunOptions) -> list[str]:
    """A warning for ``--max-drop``/``--max-fail-rise`` given without ``--compare``, which they need (else none).

    Said once the configuration (flags included) is validated, so a bad value is an error, never after a warning.
    """
    given = [GATE_FLAGS[key] for key in ("max_drop", "max_fail_rise") if key in options.flags.gate]
    if options.compare is not None or not given:
        return []
    verb = "has" if len(given) == 1 else "have"
    return [f"copydesk: warning: {' and '.join(given)} {verb} no effect without --compare"]


def _idle_gate(options: RunOptions, gate: Mapping[str, Any], top: str) -> list[str]:
    """A warning for ``check`` whose gate can fail no readable article, or whose ``fail_on`` can fail none.

    No lever: no score floor, no severity an active rule reaches (``top``: the highest one
    reports), no source floor, no ``--compare``; only an unreadable article fails the gate then.
    """
    if not options.gate:
        return []
    if options.compare is not None or lever_set(gate, top):
        idle = idle_fail_on(gate, top)
        return [f"copydesk: warning: {idle}; see docs/ci.md"] if idle else []
    return [
        f"copydesk: warning: no gate lever is set ({levers_off(gate, top, compare=True)}): check passes every readable article;"
        " see docs/ci.md"
    ]


def _with_gate_floor(info: RunInfo, options: RunOptions, settings: GateSettings) -> RunInfo:
    """``info`` whose floors hold the gate's ``fail_under`` too, when the run gates on it.

    A score is then shown with the digits that keep it under that floor as well
    ('27.46', not '27.5', beside 'fail_under: score 27.46 < 27.5').
    """
    if not options.gate or settings.fail_under <= 0:
        return info
    return dataclasses.replace(info, floors=tuple(sorted({*info.floors, settings.fail_under}, reverse=True)))


def execute(options: RunOptions, stdout: TextIO, stderr: Callable[[str], None], stdin: IO[bytes] | None = None) -> int:
    """Run a scoring (or gating) run and return its exit code.

    Raises :class:`copydesk.errors.CopydeskError` for problems that stop the run
    before any article is scored (configuration, plugins, missing paths, formats).
    """
    session = _opened(options)
    for line in [*session.warnings(scores=options.scores), *_idle_regression_limits(options)]:
        stderr(line)
    paths, every = _paths(options, session, stderr)
    baseline = Baseline.load(options.baseline) if options.baseline is not None else None
    batch = Batch(paths, session.config.sources, stdin)
    context = Batch(every, session.config.sources) if every and paths and session.runner.needs_batch else None
    _check_inputs(batch, options, session, stderr)
    settings = GateSettings.from_table(session.config.gate)
    info = _with_gate_floor(run_info(session.plugins, paths, options, session), options, settings)
    outputs = Outputs(options.outputs, session.plugins, info, stdout, stderr)
    outputs.writers.extend(options.writers)
    gate = Gate(settings, baseline=baseline)
    plan = _planned(session, options, settings, baseline is not None)
    for line in _idle_gate(
        options, session.config.gate, info.top_severity
    ):  # once the history URL is known good: an error never follows it
        stderr(line)
    tally, ledger = Tally(), Ledger.from_table(session.config.rollup, options.gate, keep_rows=bool(plan.url))
    try:
        with _progress(options.progress) as tick, _long_lived_heap():
            render = _worker_render(outputs, ledger.keep_rows) if baseline is None and not options.gate else None
            scored = scale.rendered(session.runner, batch, session.executor, session.workers, render, context)
            for report, pieces in scored:
                tick()
                pieces = outputs.unrendered(pieces)
                tally.observe(report, stderr)
                judged = _judged(report, gate, baseline, options.gate)
                ledger.add(judged)
                if pieces is not None and judged is report:
                    outputs.add_rendered(pieces)
                else:  # judged anew (a baseline, the gate's reasons), or made in this process
                    outputs.add(judged)
    except BaseException:  # a signal, or a failure: no half-written report replaces an old one
        outputs.abort()
        raise
    finally:
        tally.seen.close()
    for line in tally.repeated():
        stderr(line)
    ending = Ending.judge(session, ledger, plan)
    failed = options.gate and (not gate.passed or ending.verdict.failed)
    if options.gate:
        plan = dataclasses.replace(plan, passed=not failed)
    code = _with_writers(ending.exit_code(tally.exit_code(failed)), outputs)
    outputs.close(ending.summary(tally.summary(gate, options.gate, code), options.gate, not failed))
    code = _with_writers(code, outputs)
    try:
        code = _history(ending, plan, (session, ledger, info), tally, stderr, code)
    except KeyboardInterrupt as exc:  # a signal while the history waits on a lock: the reports are written
        raise ReportsWritten(exc) from exc
    if options.gate:  # the verdict comes last, naming whatever else set the exit code
        _gate_lines(gate, ending.verdict, stderr, _not_the_gate(code, tally))
    return code


def _opened(options: RunOptions) -> Session:
    """The run's session; a :class:`UsageError` for ``check`` with no scorer running (every article would pass)."""
    session = Session.open(options)
    if options.gate and not session.runner.active:
        raise UsageError(NOTHING_TO_GATE)
    return session


def _planned(session: Session, options: RunOptions, settings: GateSettings, baselined: bool) -> HistoryPlan:
    """What the run records in the history: a ``check`` run also records its gate (what fails an article)."""
    plan = HistoryPlan.of(session, options.history, options.compare, options.now, options.cwd, options.changed_since)
    if options.gate:
        plan = dataclasses.replace(plan, command="check", gate=settings.conditions(baselined))
    return plan


#: The collector's first threshold while articles are scored (Python's default is 700).
COLLECT_AFTER = 10_000


@contextlib.contextmanager
def _long_lived_heap() -> Iterator[None]:
    """While the articles are scored, the garbage collector skips what the run has loaded, and runs less often.

    The plugins, configuration and model, loaded by now, live to the end of the run:
    :func:`gc.freeze` takes them out of the collector's generations, so its collections
    (here, and in the worker processes forked from here) no longer walk them; and a first
    threshold of :data:`COLLECT_AFTER` lets each article's short-lived objects go before a
    collection sees them. Both are restored afterwards (a collector switched off stays off).
    A host program that froze objects of its own keeps them frozen: the heap is then left
    as it is (:func:`gc.unfreeze` cannot tell the run's objects from the host's).
    """
    threshold = gc.get_threshold()
    ours = gc.get_freeze_count() == 0
    if ours:
        gc.freeze()
    if threshold[0]:
        gc.set_threshold(max(threshold[0], COLLECT_AFTER), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if ours:
            gc.unfreeze()


def read_files(
    config_path: Path | None,
    cwd: Path | None,
    session: Session | None,
    baseline: Path | None = None,
    history: str | None = None,
) -> list[tuple[str, str]]:
    """The files a run reads besides its articles, as (what, path): configuration, model, baseline, history.

    :param session: None for a command that reads only the configuration and the history (``trend``).
    :param history: ``--history URL`` (None or "": the configuration's ``[history] url``, whose
        file the project keeps even when this run records nowhere, as ``baseline`` runs do).
    """
    files = []
    if config_path is not None:
        files.append(("the configuration file", str(config_path)))
    else:
        where = cwd or Path.cwd()
        files += [("the configuration file", str(where / name)) for name in ("copydesk.toml", "pyproject.toml")]
    if session is not None and (model := session.config.model_path()) is not None:
        files.append(("the model file", str(model)))
    if baseline is not None:
        files.append(("the baseline", str(baseline)))
    url = history or (
        session.config.history_url if session is not None else None
    )  # "" records nowhere, yet the file is kept
    if url:
        from copydesk.history.backends import sqlite_file

        if (database := sqlite_file(url)) is not None:
            files.append(("the history database", database))
    return files


def refuse_input(what: str, path: str, inputs: Sequence[tuple[str, str]]) -> None:
    """A UsageError when ``path`` (written as ``what``) is one of ``inputs`` by ``os.path.samestat``: it would replace it."""
    try:
        target = os.stat(path)
    except OSError:
        return
    for role, name in inputs:
        with contextlib.suppress(OSError):
            if os.path.samestat(os.stat(name), target):
                also = role if name == path else f"{role} {name}"
                raise UsageError(f"{path}: {what} would overwrite this input ({also}); write it elsewhere")


def _check_inputs(batch: Batch, options: RunOptions, session: Session, stderr: Callable[[str], None]) -> None:
    """Before anything is written: warn of a file reached twice (read once); refuse an output that is an input.

    An output is an input when ``os.path.samestat`` says so (the same path, a link to it,
    a file found under a named folder): a UsageError, since the report would replace it.
    The inputs are the articles and every other file the run reads (:func:`read_files`).
    """
    for line in batch.reached_twice():
        stderr(f"copydesk: warning: {line}; read once")
    targets = [(f"the {o.format} report", o.path) for o in options.outputs if o.path not in STDOUT_PATHS]
    existing = []
    for what, path in (*targets, *options.writes):
        with contextlib.suppress(OSError):
            existing.append((what, path, os.stat(path)))
    if not existing:
        return
    files = read_files(options.config_path, options.cwd, session, options.baseline, options.history)
    for what, path, _ in existing:
        refuse_input(what, path, files)
    for name, found in batch.inputs():
        for what, path, target in existing:
            if os.path.samestat(found, target):
                also = "" if name == path else f" ({name})"
                raise UsageError(f"{path}: {what} would overwrite this input{also}; write it elsewhere")


def _history(
    ending: Ending,
    plan: HistoryPlan,
    run: tuple[Session, Ledger, RunInfo],
    tally: Tally,
    stderr: Callable[[str], None],
    code: int,
) -> int:
    """After the reports: say why the history failed, or record the run (not when a plugin failed)."""
    for warning in ending.warnings:
        stderr(warning)
    if ending.history_error:
        stderr(f"copydesk: error: {ending.history_error}")
    elif plan.url and tally.plugin_errors:
        stderr("copydesk: run not recorded in the history: a plugin failed, so its scores are incomplete")
    elif plan.url and plan.changed_since is not None:
        stderr(
            f"copydesk: run not recorded in the history: --changed-since {safety.shown(plan.changed_since)}"
            " scored the changed files only, not the whole batch"
        )
    elif plan.url and not ending.record(plan, *run, stderr):
        return max(code, EXIT_USAGE)
    return code


def baseline_run(
    options: RunOptions, given: str | Path, prune: bool, stdout: TextIO, stderr: Callable[[str], None]
) -> int:
    """``copydesk baseline write/prune``: score the batch, then write the baseline atomically.

    ``given`` is the baseline file's path, as written on the command line. ``prune`` keeps
    only the entries of the existing file that still occur, and those of rules the run does
    not check (:meth:`Baseline.pruned`) while their article is scored. Nothing is written
    when a plugin failed (exit 3): its findings would be missing.
    """
    check_target(os.fspath(given))  # as written: 'out/' names a folder, which a Path would hide
    target = Path(given)
    old = Baseline.load(target) if prune else None
    paths = list(options.paths) or (list(old.paths) if old is not None else [])
    if not paths:
        raise UsageError(f"{target} records no paths: name the articles to score")
    if old is not None and not options.paths:  # the recorded paths: prune drops those that are gone
        paths = _recorded_paths(paths, target, stderr)
    collector = BaselineCollector(paths)
    scoring = dataclasses.replace(
        options,
        paths=paths,
        outputs=(),
        writers=(collector,),
        writes=(("the baseline", str(target)),),
        history="",
        compare=None,
        scores=False,
    )
    code = execute(scoring, stdout, stderr)
    if code == EXIT_INTERNAL:
        stderr(f"copydesk: {target} not written: a plugin failed")
        return code
    unread = collector.unread
    new = collector.baseline if old is None else old.pruned(collector.baseline, _checked_codes(options), unread)
    with atomic_writer(str(target)) as out:
        new.dump(out)
    held = None if old is None else (len(old.entries) if old.stored is None else old.stored)
    dropped = f", {held - len(new.entries)} dropped" if held is not None else ""
    if old is not None and (kept := len(old.articles & unread)):
        dropped += f"; the entries of {kept} article(s) that could not be read are kept as they were"
    stderr(f"copydesk: wrote {target}: {len(new.entries)} fingerprint(s) in {len(new.articles)} article(s){dropped}")
    return code


def _recorded_paths(paths: list[str], target: Path, stderr: Callable[[str], None]) -> list[str]:
    """The paths baseline ``target`` recorded that prune can score again: those gone are dropped, with a line.

    Standard input cannot be read again as it was (a UsageError), nor can a batch none of
    whose paths exists here (more likely run from another folder than every article deleted).
    """
    if STDIN in paths:  # no path that is gone: its articles' entries must not be dropped as if it were
        raise UsageError(
            f"{target}: it was written over standard input ('-'), which prune cannot read again:"
            " name the paths, '-' among them with the articles piped in"
        )
    gone = [path for path in paths if not os.path.lexists(path)]
    if len(gone) == len(paths):
        recorded = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        raise UsageError(
            f"{target}: none of its recorded paths exists here ({recorded}); "
            "run prune from the folder it was written in, or name the paths"
        )
    if gone:
        stderr(f"copydesk: {len(gone)} path(s) {target} records no longer exist: their entries are dropped")
    return [path for path in paths if path not in gone]


def _checked_codes(options: RunOptions) -> frozenset[str]:
    """The codes of the rules a run with ``options`` has on: its active scorers' selected rules and the core's."""
    runner = Session.open(options).runner
    core = {rule.code for rule in diagnostics.CORE_RULES}
    return frozenset(code for a in runner.active for code in a.context.selected) | core


def _with_writers(code: int, outputs: Outputs) -> int:
    """``code``, or 3 when a report writer (a format plugin) failed: a plugin failure outranks the rest."""
    return max(code, EXIT_INTERNAL) if outputs.failures and code < EXIT_INTERNAL else code


def _not_the_gate(code: int, tally: Tally) -> str:
    """Why the run exits with ``code`` rather than the gate's own code, for the verdict line ("" when it does not)."""
    if code == EXIT_INTERNAL and not tally.plugin_errors:
        return "exit 3: a report format failed (see the error line above)"
    if code == EXIT_INTERNAL:
        return "exit 3: a scorer failed (see the CD001 lines above)"
    if code == EXIT_USAGE and tally.input_errors:
        return "exit 2: input could not be read (see the CD002 lines above)"
    if code == EXIT_USAGE:
        return "exit 2: the run history could not be used (see the error line above)"
    return ""


def _gate_lines(gate: Gate, sources: SourceVerdict, stderr: Callable[[str], None], exit_note: str = "") -> None:
    """Say which lever failed for which articles and sources, one line each, then the verdict (and ``exit_note``: why the exit code is not the gate's)."""
    said = 0
    for article, reason in gate.failing:
        if (
            reason.partition(":")[0] == "unreadable"
        ):  # its CD002 line said why: the first few say it again, the rest are counted
            said += 1
            if said > SAID_PER_FILE:
                continue
        stderr(f"copydesk: FAIL {article}: {reason}")
    if said > SAID_PER_FILE:
        stderr(f"copydesk: FAIL and {said - SAID_PER_FILE:,} more unreadable article(s) (each is in the reports)")
    for line in sources.lines():
        stderr(line)
    allowed = gate.settings.allowed(gate.articles)
    verdict = "passed" if gate.passed and not sources.failed else "FAILED"
    levers = ", ".join(f"{lever} {len(ids)}" for lever, ids in gate.levers.items() if ids)
    extra = ""
    if sources.below:
        extra += f"; {len(sources.below)} source(s) below source_fail_under {sources.floor:g}"
    if sources.compared_with is not None:
        extra += f"; {len(sources.regressions)} source regression(s) since run {sources.compared_with}"
    stderr(
        f"copydesk: gate {verdict}: {len(gate.failing)} of {gate.articles} article(s) failing"
        f"{f' ({levers})' if levers else ''}, max_failing {gate.settings.max_failing} allows {allowed}{extra}"
        f"{f'; {exit_note}' if exit_note else ''}"
    )


def default_stderr(line: str) -> None:
    """Write one diagnostic line to standard error, input-derived text neutralised (:mod:`copydesk.safety`).

    A closed standard error loses the line, never the run (nor does it go to stdout).
    """
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        print(safety.line(line), file=sys.stderr)
