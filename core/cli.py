"""The ``copydesk`` command line: thin typer commands over :mod:`copydesk.app`.

Exit codes: 0 passed, 1 the gate failed, 2 usage, input or configuration error, 3 a
plugin or internal failure, 130 interrupted (SIGINT, Ctrl-C), 143 terminated (SIGTERM). Every error is one line on stderr, never a traceback.

``plugins``, ``rules`` and ``explain`` show what loaded even when a plugin fails to load
(they name it and exit 3) or a setting would stop a run (a warning, exit 0).
"""

from __future__ import annotations

import copy
import json
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from copydesk import __version__, errors, pipes, precision, processes, safety
from copydesk.app import RunOptions, baseline_run, default_stderr, execute, parse_outputs
from copydesk.config import Flags
from copydesk.diagnostics import CORE_RULES
from copydesk.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, Terminated, UsageError, WriteError, interruption
from copydesk.formats.schema import rule_dict
from copydesk.formats.writers import Output
from copydesk.manager import PluginSet
from copydesk.options import (
    HELP_OPTIONS,
    BaselineOpt,
    ChangedSinceOpt,
    CheckMinSeverityOpt,
    Command,
    CompareOpt,
    ConfigOpt,
    DisableOpt,
    ExecutorOpt,
    FailOnOpt,
    FailUnderOpt,
    FormatOpt,
    Group,
    HistoryOpt,
    IgnoreOpt,
    MaxDropOpt,
    MaxFailingOpt,
    MaxFailRiseOpt,
    MinSeverityOpt,
    ModelOpt,
    OnlyNewOpt,
    OutputOpt,
    PathsArg,
    SelectOpt,
    SourceFailUnderOpt,
    TimingsOpt,
    WorkersOpt,
    check_compare,
    check_only_new,
    check_severity,
    fail,
    fail_rise,
    flags,
    format_specs,
    guard,
    list_format,
    split,
    utc_now,
)
from copydesk.session import Options, Session, Survey

if TYPE_CHECKING:
    from copydesk.history import History
    from copydesk.models import Rule, Scorer

#: The largest ``history --limit`` and ``trend --last`` (the databases' 64-bit integers, as
#: :data:`copydesk.history.store.MAX_RUN`): no history holds more runs, so a larger number is a typo.
MAX_RUN = 2**63 - 1


def _run_count(option: str, value: int) -> None:
    """A usage error (exit 2, one line) when a number of runs is beyond what any history can hold, as every option's range is."""
    if value > MAX_RUN:  # SQLite and PostgreSQL take no larger LIMIT
        raise fail(f"{option} {value}: give at most {MAX_RUN} runs (the most a history can number)", EXIT_USAGE)


app = typer.Typer(
    name="copydesk",
    help="Score news articles for source-reliability signals, and gate batches in CI.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=HELP_OPTIONS,
    cls=Group,
)


#: What ``score`` says when the reader of standard output went away before the report's end.
CUT_SHORT = "standard output was closed by its reader: the report was cut short"


def _run(options: RunOptions) -> int:
    """Execute a run, writing the report to stdout: the report alone (:func:`copydesk.pipes.report_only`).

    A report cut short by a reader that went away (``score | head``) is said so, exit 2
    for ``score``, while ``check`` keeps its verdict's code. (One that cannot be written
    at all, on a full disk, is a :class:`~copydesk.errors.WriteError` like a report file's.)
    """
    with pipes.report_only() as report:
        code = execute(options, report, default_stderr)
    if getattr(report, "lost", False) and not getattr(report, "missing", False) and not options.gate:
        default_stderr(f"copydesk: error: {CUT_SHORT}")
        return max(code, EXIT_USAGE)
    return code


def _version(value: bool) -> None:
    """``--version``: the version, and which HTML extractor reads .html files."""
    if value:
        from copydesk.sources.html import extractor

        print(f"copydesk {__version__}\nHTML extractor: {extractor()}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Score news articles for source-reliability signals, and gate batches in CI."""


@app.command(cls=Command)
def score(
    paths: PathsArg,
    config: ConfigOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    disable: DisableOpt = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    workers: WorkersOpt = None,
    timings: TimingsOpt = False,
    history: HistoryOpt = None,
    min_severity: MinSeverityOpt = "info",
    model: ModelOpt = None,
    executor: ExecutorOpt = None,
) -> None:
    """Score articles and report each one's score, grade and evidence."""

    def action() -> int:
        options = RunOptions(
            paths=paths,
            outputs=parse_outputs(format_specs(format), output),
            config_path=config,
            flags=flags(select, ignore, disable, workers, model=model, executor=executor),
            timings=timings,
            min_severity=check_severity(min_severity),
            progress=sys.stderr.isatty(),
            history=history,
            now=utc_now(),
        )
        return _run(options)

    raise typer.Exit(guard(action))


@app.command(cls=Command)
def check(
    paths: PathsArg,
    fail_under: FailUnderOpt = None,
    fail_on: FailOnOpt = None,
    max_failing: MaxFailingOpt = None,
    baseline: BaselineOpt = None,
    changed_since: ChangedSinceOpt = None,
    config: ConfigOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    disable: DisableOpt = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    workers: WorkersOpt = None,
    source_fail_under: SourceFailUnderOpt = None,
    history: HistoryOpt = None,
    compare: CompareOpt = None,
    max_drop: MaxDropOpt = None,
    max_fail_rise: MaxFailRiseOpt = None,
    min_severity: CheckMinSeverityOpt = "info",
    only_new: OnlyNewOpt = False,
    model: ModelOpt = None,
    executor: ExecutorOpt = None,
) -> None:
    """Gate a batch: exit 1 when more articles fail than the batch tolerates, or a source fails or regressed."""

    def action() -> int:
        gate = {
            "fail_under": fail_under,
            "fail_on": fail_on,
            "max_failing": max_failing,
            "source_fail_under": source_fail_under,
            "max_drop": max_drop,
            "max_fail_rise": fail_rise(max_fail_rise),
        }
        options = RunOptions(
            paths=paths,
            outputs=parse_outputs(format_specs(format), output),
            config_path=config,
            flags=flags(select, ignore, disable, workers, gate, model=model, executor=executor),
            gate=True,
            min_severity=check_severity(min_severity),
            only_new=check_only_new(only_new, baseline),
            progress=sys.stderr.isatty(),
            baseline=baseline,
            changed_since=changed_since,
            history=history,
            compare=check_compare(compare),
            now=utc_now(),
        )
        return _run(options)

    raise typer.Exit(guard(action))


baseline_app = typer.Typer(
    help="Record today's findings so 'copydesk check --baseline' fails only on new ones.",
    epilog="'copydesk baseline write -h' and 'copydesk baseline prune -h' list their flags (-o/-b FILE, --select, ...).",
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=Group,
)
app.add_typer(baseline_app, name="baseline")
BaselineFile = Annotated[
    str,  # as given: a Path would drop the '/' of 'out/', which names a folder
    typer.Option("--output", "-o", "--baseline", "-b", metavar="FILE", help="The baseline file (written atomically)."),
]


def _baseline(paths: list[str], target: str, prune: bool, **given: Any) -> None:
    """Score ``paths`` and write or prune the baseline file."""

    def action() -> int:
        options = RunOptions(
            paths=paths,
            outputs=(),
            config_path=given["config"],
            flags=flags(given["select"], given["ignore"], given["disable"], given["workers"]),
            progress=sys.stderr.isatty(),
        )
        with pipes.report_only() as report:
            return baseline_run(options, target, prune, report, default_stderr)

    raise typer.Exit(guard(action))


@baseline_app.command("write", cls=Command)
def baseline_write(
    paths: PathsArg,
    output: BaselineFile = "copydesk-baseline.json",
    config: ConfigOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    disable: DisableOpt = None,
    workers: WorkersOpt = None,
) -> None:
    """Score articles and record every finding's fingerprint in a baseline file."""
    _baseline(paths, output, False, config=config, select=select, ignore=ignore, disable=disable, workers=workers)


@baseline_app.command("prune", cls=Command)
def baseline_prune(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Articles to score (default: the paths the baseline was written over).",
            show_default=False,
        ),
    ] = None,
    output: BaselineFile = "copydesk-baseline.json",
    config: ConfigOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    disable: DisableOpt = None,
    workers: WorkersOpt = None,
) -> None:
    """Drop baseline entries whose findings no longer occur (the file is rewritten in place)."""
    _baseline(paths or [], output, True, config=config, select=select, ignore=ignore, disable=disable, workers=workers)


ListFormat = Annotated[str, typer.Option("--format", "-f", metavar="text|json", help="text or json.")]


def _read_only(
    action: Callable[[Survey], None], config: Path | None, disable: list[str] | None, model: Path | None = None
) -> None:
    """Run ``plugins``/``rules``/``explain`` over a :class:`Survey`: show what loaded, name each problem.

    A plugin that failed to load is an error line and exit 3 (after the output); a setting
    that ``score`` and ``check`` would refuse is a warning line, and the command still exits 0.
    """

    def surveyed() -> int:
        with pipes.report_only():  # what a plugin prints when loaded goes to stderr, not into the listing
            given = Flags(disable=tuple(split(disable)), model=None if model is None else str(model))
            survey = Survey.open(Options(config_path=config, flags=given))
        for _, error in survey.plugins.failed:
            default_stderr(f"copydesk: error: {error}")
        if survey.refused is not None:
            code = survey.refused.exit_code
            default_stderr(f"copydesk: warning: {survey.refused} ('score' and 'check' stop on this with exit {code})")
        action(survey)
        return EXIT_INTERNAL if survey.plugins.failed else EXIT_OK

    raise typer.Exit(guard(surveyed))


def _plugin_rows(loaded: PluginSet) -> list[dict[str, Any]]:
    """One row per plugin, loaded or not: where it comes from, what it provides, or why it failed."""
    rows = []
    for info in loaded.plugins:
        rows.append(
            {
                "name": info.name,
                "distribution": info.distribution,
                "version": info.version,
                "module": info.module,
                "scorers": [s.prefix for i, s in loaded.scorers if i.name == info.name],
                "formats": sorted(name for name, (i, _) in loaded.reporters.items() if i.name == info.name),
                "descriptions": _descriptions(loaded, info.name),
            }
        )
    for info, error in loaded.failed:
        rows.append(
            {
                "name": info.name,
                "distribution": info.distribution,
                "version": info.version,
                "module": info.module,
                "error": error.problem,
            }
        )
    return sorted(rows, key=lambda row: str(row["name"]))


def _descriptions(loaded: PluginSet, plugin: str) -> dict[str, str]:
    """The one-line ``description`` of each scorer (by prefix) and format (``format:NAME``) a plugin provides that has one."""
    found = {s.prefix: s.description for i, s in loaded.scorers if i.name == plugin}
    found |= {f"format:{n}": r.description for n, (i, r) in sorted(loaded.reporters.items()) if i.name == plugin}
    return {key: " ".join(str(text).split()) for key, text in found.items() if text}


def _plugin_table(rows: list[dict[str, Any]], disabled: tuple[str, ...]) -> list[str]:
    """The text listing: name, distribution and version in aligned columns, then what each provides."""
    width = {key: max([len(str(r[key])) for r in rows], default=0) for key in ("distribution", "version")}
    width["name"] = max([14, *(len(r["name"]) for r in rows), *(len(n) for n in disabled)])
    lines = []
    for row in rows:
        if "error" in row:
            provides = f"failed to load: {row['error']}"
        else:
            provides = ", ".join([*row["scorers"], *(f"format:{f}" for f in row["formats"])])
        columns = (f"{row[key]:<{width[key]}}" for key in ("name", "distribution", "version"))
        lines.append(safety.line(f"{'  '.join(columns)}  {provides}".rstrip()))
        lines += [safety.line(f"    {key}: {text}") for key, text in row.get("descriptions", {}).items()]
    return lines + [safety.line(f"{name:<{width['name']}}  (disabled)") for name in disabled]


@app.command(cls=Command)
def plugins(config: ConfigOpt = None, disable: DisableOpt = None, format: ListFormat = "text") -> None:
    """List the plugins found (built-in and installed), with their scorers and formats, or why one failed to load.

    Exits 3 when a plugin failed to load (it is listed with its error), else 0.
    """
    guard(lambda: list_format(format))

    def action(survey: Survey) -> None:
        from copydesk.sources.html import extractor

        loaded, html = survey.plugins, extractor(survey.config.sources["html_extractor"])
        rows = _plugin_rows(loaded)
        if format == "json":
            print(json.dumps({"plugins": rows, "disabled": list(loaded.disabled), "html_extractor": html}, indent=2))
            return
        print("\n".join(_plugin_table(rows, loaded.disabled)))
        print(f"HTML extractor: {html}")

    _read_only(action, config, disable)


@app.command(cls=Command)
def rules(config: ConfigOpt = None, disable: DisableOpt = None, format: ListFormat = "text") -> None:
    """List every rule: code, name, plugin and default severity; an opt-in rule (off unless selected by its code or name) is marked."""
    guard(lambda: list_format(format))

    def action(survey: Survey) -> None:
        loaded = survey.plugins
        rows = [rule_dict(r, "copydesk", "CD") for r in CORE_RULES]
        rows += [rule_dict(rule, info.name, scorer.prefix) for info, scorer, rule in loaded.rules()]
        if format == "json":
            print(json.dumps({"rules": rows}, indent=2, ensure_ascii=False))
            return
        for row in rows:
            opt_in = "  (opt-in)" if row["opt_in"] else ""
            print(f"{row['code']:<8} {row['name']:<28} {row['severity']:<8} {row['plugin']}{opt_in}")

    _read_only(action, config, disable)


@app.command(cls=Command)
def explain(
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="[CODE]",
            help="A rule code (HDG001) or name (vague-attribution); none: how the score is made and what a grade"
            " means in measured terms.",
            show_default=False,
        ),
    ] = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
) -> None:
    """Show a rule's documentation and settings, or (without CODE) how the score is made and what its grades mean."""
    if code is None:

        def score_page() -> None:
            from copydesk.meaning import explain_score

            with pipes.report_only():
                session = Session.open(Options(config_path=config, flags=flags(None, None, None, None, model=model)))
            print("\n".join(safety.line(line) for line in explain_score(session)))

        guard(score_page)
        return

    def action(survey: Survey) -> None:
        from copydesk import explain as pages

        candidates: list[tuple[Rule, str, Scorer | None]] = [(r, "copydesk", None) for r in CORE_RULES]
        candidates += [(r, info.name, scorer) for info, scorer, r in survey.plugins.rules()]
        for rule, plugin, scorer in candidates:
            if code.casefold() in (rule.code.casefold(), rule.name.casefold()):  # in any case, as the README says
                table = (
                    ""
                    if scorer is None
                    else pages.settings_table(
                        scorer.name, scorer.settings, survey.config.plugin_settings(scorer), scorer.setting_docs
                    )
                )
                extra = "\n\n".join(part for part in (precision.section(rule.code), table) if part)
                pages.show(pages.page(rule, plugin, extra), sys.stdout, sys.stdout.isatty())
                return
        prefixed = sorted(r.code for r, _, _ in candidates if code and r.code.startswith(code.upper()))
        if prefixed:  # a selector's prefix ('HDG'): name its rules
            shown = prefixed[:12] + ([f"{len(prefixed) - 12} more"] if len(prefixed) > 12 else [])
            listed = ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]
            raise UsageError(f"no rule {safety.quoted(code)}: it is the prefix of {listed}; explain one of them")
        raise UsageError(f"no rule {safety.quoted(code)} (see 'copydesk rules')")

    _read_only(action, config, None, model)


@app.command("new-plugin", cls=Command)
def new_plugin(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Plugin name, kebab-case: the entry point and [plugins.NAME].")
    ],
    prefix: Annotated[
        str | None, typer.Option(metavar="PREFIX", help="Rule-code prefix, 2-4 capitals.", show_default=False)
    ] = None,
    directory: Annotated[
        Path, typer.Option("--directory", "-d", metavar="DIR", help="Where to create copydesk-NAME/.")
    ] = Path("."),
) -> None:
    """Create copydesk-NAME/: a plugin package with one rule, its tests and a README."""
    from copydesk.scaffold import command

    message, warnings = guard(lambda: command(name, prefix, directory))
    for warning in warnings:
        print(warning, file=sys.stderr)
    print(message)


@app.command("learn-weights", cls=Command)
def learn_weights(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Labelled files or folders: JSONL, CSV, or text with front matter."),
    ],
    label: Annotated[
        str,
        typer.Option(
            "--label",
            metavar="FIELD",
            help="Field holding each article's label (JSONL key, CSV column, front matter).",
            show_default=False,
        ),
    ],
    unreliable: Annotated[
        str,
        typer.Option(
            "--unreliable",
            metavar="VALUE",
            help="Label value of unreliable articles; any other is reliable.",
            show_default=False,
        ),
    ],
    folds: Annotated[
        int, typer.Option("--folds", min=2, metavar="N", help="Cross-validation folds (stratified, fixed seed).")
    ] = 5,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the fitted model (JSON) here, atomically; use it with --model FILE or [scoring] model.",
            show_default=False,
        ),
    ] = None,
    config: ConfigOpt = None,
    disable: DisableOpt = None,
    workers: WorkersOpt = None,
    model: ModelOpt = None,
) -> None:
    """Fit your own model to labelled articles: cross-validated ROC AUCs, and the model file with -o."""
    from copydesk.learn import LearnOptions
    from copydesk.learn import learn_weights as learn

    def action() -> int:
        options = LearnOptions(
            paths,
            label,
            unreliable,
            folds,
            output,
            config_path=config,
            flags=flags(None, None, disable, workers, model=model),
        )
        with pipes.report_only() as report:
            return learn(options, report, default_stderr)

    raise typer.Exit(guard(action))


HistoryReadOpt = Annotated[
    str | None,
    typer.Option(
        "--history",
        metavar="URL",
        help="Run history database (default: [history] url of the configuration).",
        show_default=False,
    ),
]


def _read_history(history: str | None, config: Path | None, show: Callable[[History], None]) -> None:
    """Open the history the command names (``--history``, else ``[history] url``), show it, close it."""
    from copydesk.history.commands import read

    def action() -> None:
        with read(history, config) as store:
            show(store)

    guard(action)


@app.command(cls=Command)
def history(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, metavar="N", help="Show at most this many runs.")] = 20,
    history: HistoryReadOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List the recorded runs, newest first: number, time, version, commit, articles and mean score.

    Exits 2 when the history does not exist or has no run recorded in it yet, as trend and diff do.
    """
    from copydesk.history.commands import list_runs

    _run_count("--limit", limit)
    _read_history(history, config, lambda store: list_runs(store, limit, sys.stdout))


@app.command(cls=Command)
def trend(
    source: Annotated[
        str | None,
        typer.Option(
            "--source", "-s", metavar="SOURCE", help="Only this source (as the reports name it).", show_default=False
        ),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Also write a page with a chart and a table per source to FILE (self-contained, no script);"
            " '-' writes the page to standard output instead of the text.",
            show_default=False,
        ),
    ] = None,
    last: Annotated[
        int,
        typer.Option(
            "--last",
            "-n",
            min=0,
            metavar="N",
            help="Show each source's latest N runs (0: every run); the head line says when older runs are left out.",
        ),
    ] = 30,
    history: HistoryReadOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Show each source's mean score over its latest runs: a sparkline and the numbers (and a chart with --html)."""
    from copydesk.history.commands import show_trend

    _run_count("--last", last)
    page = None if html is None else str(html)
    _read_history(history, config, lambda store: show_trend(store, source, sys.stdout, page, last))


@app.command(cls=Command)
def diff(
    run_a: Annotated[
        str,
        typer.Argument(
            metavar="RUN", help="The earlier run: a number, last, or passing (the latest check run that passed)."
        ),
    ],
    run_b: Annotated[
        str,
        typer.Argument(
            metavar="RUN", help="The later run: a number, last, or passing (the latest check run that passed)."
        ),
    ],
    history: HistoryReadOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List articles whose grade changed between two runs, and findings that appeared or went away."""
    from copydesk.history.commands import show_diff

    _read_history(history, config, lambda store: show_diff(store, run_a, run_b, sys.stdout))


def _usage_line(exc: typer.TyperException) -> str:
    """A usage error of the argument parser as one line: the command, the problem, where to read more.

    ``copydesk: error: score: No such option: --selct (did you mean --select?); see 'copydesk score --help'``
    """
    command = getattr(getattr(exc, "ctx", None), "command_path", None) or app.info.name or "copydesk"
    where = command.partition(" ")[2]
    if type(exc).__name__ == "NoSuchOption":
        guesses = [name for name in getattr(exc, "possibilities", None) or () if name not in ("-h", "--help")]
        message = f"No such option: {getattr(exc, 'option_name', '')}"
        message += f" (did you mean {' or '.join(guesses)}?)" if guesses else ""
    else:
        message = " ".join(exc.format_message().split()).rstrip(".")
    return f"copydesk: error: {f'{where}: ' if where else ''}{message}; see '{command} --help'"


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _interrupt(signum: int, frame: object) -> None:
    """SIGINT: recorded (a KeyboardInterrupt then is the user's, not a plugin's: :func:`copydesk.errors.plugins_fault`), then raised."""
    errors.SIGNALS.append(signum)
    raise KeyboardInterrupt


#: The commands that score, whose start-up runs without garbage collection until the
#: plugins are loaded (:func:`copydesk.processes.pause_collection`).
RUNS = ("score", "check")


def main() -> None:
    """Console-script entry point: streams that outlive their reader, signals, then the app.

    The exit code survives a closed pipe (``check | head``); SIGINT and SIGTERM stop every
    worker, remove temporary files, keep the old outputs and exit 130 and 143.
    """
    if sys.argv[1:2] and sys.argv[1] in RUNS:
        processes.pause_collection()
    out, err = pipes.Stream(sys.stdout, pipes.STDOUT_NAME), pipes.Stream(sys.stderr)
    sys.stdout, sys.stderr = out, err
    pipes.occupy(1)  # a closed stream's number is taken by no file the run opens
    pipes.occupy(2)
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _interrupt)
    try:
        code = _main()
    except KeyboardInterrupt as exc:  # outside the app (its own handler turns it into Abort)
        code = _interrupted(exc)
    try:
        out.flush()  # a full disk under what a listing printed fails here, not at exit
    except WriteError as exc:
        default_stderr(f"copydesk: error: {exc}")
        code = max(code, EXIT_USAGE)
    if out.missing and out.lost:
        default_stderr("copydesk: error: standard output is closed: the report was not written")
        code = max(code, EXIT_USAGE)
    raise SystemExit(code)


def _interrupted(exc: BaseException | None) -> int:
    """Say which signal ended the run; its documented exit code."""
    message, code = interruption(exc)
    default_stderr(f"copydesk: error: {message}")
    return code


def parser_for(args: Sequence[str]) -> typer.Typer:
    """The app, or when ``args`` open with a command's name, the app with that command alone.

    typer builds every command's parser before it parses (about 10 ms of CPU): a run of
    one command needs only that one's. What the command parses, prints and refuses is the
    same (tests/core/test_options.py compares them).
    """
    if not args:
        return app
    for info in app.registered_commands:
        name = info.name or (info.callback and typer.main.get_command_name(info.callback.__name__))
        if name == args[0]:
            alone = copy.copy(app)
            alone.registered_commands, alone.registered_groups = [info], []
            return alone
    return app


def _main() -> int:
    """Run the app: the parser's usage errors become one line too."""
    try:
        code = parser_for(sys.argv[1:])(standalone_mode=False)
    except typer.TyperException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # a bare group: its help, as typer shows it
            print(exc.format_message(), file=sys.stderr)
        else:
            default_stderr(_usage_line(exc))
        return exc.exit_code or EXIT_USAGE
    except typer.Abort as exc:
        return _interrupted(exc.__context__)
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the parser's own failures: still one line
        default_stderr(f"copydesk: error: {type(exc).__name__}: {exc}")
        return EXIT_USAGE
    return code if isinstance(code, int) else EXIT_OK


__all__ = ["Output", "app", "main"]
