"""One scoring run from start to finish: configuration, plugins, batch, outputs, exit code.

The CLI parses arguments into :class:`RunOptions` and calls :func:`execute`; tests and
embedding programs can do the same. Diagnostics go to the ``stderr`` callback, one
line each; results go to the outputs.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TextIO

from copydesk import __version__
from copydesk.config import Config, load_config
from copydesk.errors import EXIT_GATE, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError
from copydesk.gate import Gate, GateSettings
from copydesk.manager import PluginSet, load_plugins
from copydesk.models import ArticleReport, ReportWriter, RunInfo, RunSummary
from copydesk.runner import Runner
from copydesk.sources import Batch

STDOUT = "-"


@dataclass(frozen=True)
class Output:
    """One requested output: a format name and a path (``-`` for standard output)."""

    format: str
    path: str = STDOUT


@dataclass(frozen=True)
class RunOptions:
    """Everything a run needs beyond the configuration files."""

    paths: Sequence[str]
    outputs: Sequence[Output] = (Output("text"),)
    config_path: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    gate: bool = False
    timings: bool = False
    progress: bool = False
    cwd: Path | None = None


def parse_outputs(formats: Sequence[str], output: str | None) -> list[Output]:
    """Turn ``--format NAME[:PATH]`` values and ``--output`` into Outputs."""
    specs = list(formats) or ["text"]
    outputs = []
    for spec in specs:
        name, sep, path = spec.partition(":")
        outputs.append(Output(name, path if sep else STDOUT))
    if output is not None:
        bare = [i for i, o in enumerate(outputs) if o.path == STDOUT]
        if len(bare) != 1:
            raise UsageError("--output needs exactly one --format without its own :PATH")
        outputs[bare[0]] = Output(outputs[bare[0]].format, output)
    to_stdout = [o.format for o in outputs if o.path == STDOUT]
    if len(to_stdout) > 1:
        raise UsageError(f"formats {', '.join(to_stdout)} all write to standard output; give each but one a :PATH")
    return outputs


@contextlib.contextmanager
def atomic_writer(path: str) -> Iterator[TextIO]:
    """Write a file via a temporary sibling renamed into place: never half a file."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"{path}: folder {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def run_info(plugins: PluginSet, paths: Sequence[str]) -> RunInfo:
    """The header every reporter may show."""
    rules = plugins.rules()
    return RunInfo(
        version=__version__,
        paths=tuple(paths),
        plugins=tuple((p.name, p.version) for p in plugins.plugins),
        rules=tuple(r for _, _, r in rules),
        rule_plugins={r.code: info.name for info, _, r in rules},
    )


class Outputs:
    """The open report writers of a run, each on its own (atomic) stream."""

    def __init__(
        self, outputs: Sequence[Output], plugins: PluginSet, info: RunInfo, stdout: TextIO, timings: bool
    ) -> None:
        unknown = [o.format for o in outputs if o.format not in plugins.reporters]
        if unknown:
            known = ", ".join(sorted(plugins.reporters))
            raise UsageError(f"unknown format {unknown[0]!r} (available: {known})")
        self.stack = contextlib.ExitStack()
        self.writers: list[ReportWriter] = []
        for o in outputs:
            stream = stdout if o.path == STDOUT else self.stack.enter_context(atomic_writer(o.path))
            reporter = plugins.reporters[o.format][1]
            writer = reporter.open(stream, info)
            if timings and hasattr(writer, "timings"):
                writer.timings = True
            self.writers.append(writer)

    def add(self, report: ArticleReport) -> None:
        """Hand a report to every writer."""
        for writer in self.writers:
            writer.add(report)

    def close(self, summary: RunSummary) -> None:
        """Close every writer, then move the files into place."""
        with self.stack:
            for writer in self.writers:
                writer.close(summary)


def _progress(enabled: bool) -> contextlib.AbstractContextManager[Callable[[], None]]:
    """A stderr progress counter when stderr is a terminal, else a no-op."""
    if not enabled:
        return contextlib.nullcontext(lambda: None)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    @contextlib.contextmanager
    def bar() -> Iterator[Callable[[], None]]:
        with Progress(
            SpinnerColumn(), TextColumn("{task.completed} articles"), TimeElapsedColumn(), transient=True
        ) as p:
            task = p.add_task("scoring", total=None)
            yield lambda: p.advance(task)

    return bar()


def execute(options: RunOptions, stdout: TextIO, stderr: Callable[[str], None], stdin: IO[bytes] | None = None) -> int:
    """Run a scoring (or gating) run and return its exit code.

    Raises :class:`copydesk.errors.CopydeskError` for problems that stop the run
    before any article is scored (configuration, plugins, missing paths, formats).
    """
    config: Config = load_config(options.config_path, options.cwd, options.overrides)
    plugins = load_plugins(disable=config.run["disable"])
    runner = Runner(plugins, config)
    batch = Batch(options.paths, config.sources, stdin)
    info = run_info(plugins, options.paths)
    outputs = Outputs(options.outputs, plugins, info, stdout, options.timings)
    gate = Gate(GateSettings.from_table(config.gate))
    input_errors: list[str] = []
    plugin_errors: list[str] = []
    scores: list[float] = []
    with _progress(options.progress) as tick:
        for report in runner.run(lambda: iter(batch), workers=int(config.run["workers"])):
            tick()
            for diag in report.diagnostics:
                if diag.code == "CD002":
                    input_errors.append(diag.message)
                    stderr(f"copydesk: error: {diag.message}")
                elif diag.code in ("CD001", "CD004"):
                    plugin_errors.append(f"{report.id}: {diag.message}")
                    stderr(f"copydesk: error: {report.id}: {diag.message}")
            if report.score is not None:
                scores.append(report.score)
            gate.observe(report)
            outputs.add(report)
    failing = tuple(a for a, _ in gate.failing) if options.gate else ()
    code = EXIT_OK
    if options.gate and not gate.passed:
        code = EXIT_GATE
    if input_errors:
        code = EXIT_USAGE
    if plugin_errors:
        code = EXIT_INTERNAL
    summary = RunSummary(
        articles=gate.articles,
        scored=len(scores),
        unreadable=gate.articles - len(scores),
        mean_score=sum(scores) / len(scores) if scores else None,
        failing=failing,
        gate=gate.summary() if options.gate else {},
        plugin_errors=tuple(plugin_errors),
        input_errors=tuple(input_errors),
        exit_code=code,
    )
    outputs.close(summary)
    if options.gate:
        _gate_lines(gate, stderr)
    return code


def _gate_lines(gate: Gate, stderr: Callable[[str], None]) -> None:
    """Say which lever failed for which articles, one line each, then the verdict."""
    for article, why in gate.failing:
        stderr(f"copydesk: FAIL {article}: {why}")
    allowed = gate.settings.allowed(gate.articles)
    verdict = "passed" if gate.passed else "FAILED"
    stderr(f"copydesk: gate {verdict}: {len(gate.failing)} of {gate.articles} article(s) failing, {allowed} allowed")


def default_stderr(line: str) -> None:
    """Write one diagnostic line to standard error."""
    print(line, file=sys.stderr)
