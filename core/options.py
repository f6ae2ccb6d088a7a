"""The command line's shared options and helpers.

The typer ``Annotated`` aliases every command reuses, the splitting of repeatable
flags into a :class:`copydesk.config.Flags` (which the configuration applies and
validates), and :func:`guard`, which turns every error into one line on stderr and
its documented exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from copydesk.app import default_stderr
from copydesk.ci.gate import number, share
from copydesk.config import MAX_WORKERS, SEVERITIES, Flags
from copydesk.errors import EXIT_INTERNAL, TRACEBACK_VARIABLE, CopydeskError, UsageError, interruption, print_traceback
from copydesk.safety import shown
from typer.core import TyperCommand, TyperGroup

T = TypeVar("T")

#: The formats copydesk itself provides, for ``--format``'s help (``copydesk plugins`` lists a plugin's too).
BUILTIN_FORMATS = ("text", "json", "jsonl", "html", "markdown", "github", "junit", "sarif")

PathsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH", help="Files, folders (searched recursively) or - for standard input.", show_default=False
    ),
]


def _config_file(text: object) -> Path:
    """``--config FILE``: a path; an empty one (``--config ""``, an unset variable) is a usage error saying so."""
    if isinstance(text, Path):
        return text
    if not isinstance(text, str):
        raise typer.BadParameter(f"a file name, not {type(text).__name__}")
    if not text:
        raise typer.BadParameter("the option is empty: give a configuration file")
    return Path(text)


def _number(text: object) -> float:
    """A number option (``--fail-under 50``): ASCII digits, finite; anything else is a usage error naming the option.

    typer's own coercion takes ``1e400`` as infinity and ``nan`` as a number, which a
    range check then reports as ``inf``, not as given.
    """
    if isinstance(text, float | int) and not isinstance(text, bool):
        return float(text)
    if not isinstance(text, str):
        raise typer.BadParameter(f"a number, not {type(text).__name__}")
    try:
        return number(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        parser=_config_file,
        metavar="FILE",
        help="Configuration file (instead of ./copydesk.toml or pyproject.toml); a pyproject.toml is read for its [tool.copydesk] table.",
        show_default=False,
    ),
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="RULE",
        help="Rules to turn on (code, prefix, name or ALL); replaces [run] select. Repeatable, or comma-separated.",
        show_default=False,
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar="RULE",
        help="Rules to turn off; added to [run] ignore. Repeatable, or comma-separated.",
        show_default=False,
    ),
]
DisableOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--disable",
        metavar="PLUGIN",
        help="Plugin (entry-point name) not to load; added to [run] disable. Repeatable.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT[:FILE]",
        help=f"Output format: {', '.join(BUILTIN_FORMATS)}, or one a plugin adds; FORMAT:FILE writes it to FILE. Repeatable.",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write the (single) format to this file, atomically.", show_default=False
    ),
]
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-j",
        metavar="N",
        help=f"Worker processes, 1-{MAX_WORKERS} (output is identical whatever the number).",
        show_default=False,
    ),
]
ExecutorOpt = Annotated[
    str | None,
    typer.Option(
        "--executor",
        metavar="local|dask://HOST:PORT",
        help="Where to score: local (worker processes) or dask://HOST:PORT (a Dask cluster). Same output either way.",
        show_default=False,
    ),
]
FailUnderOpt = Annotated[
    float | None,
    typer.Option(
        "--fail-under",
        parser=_number,
        metavar="SCORE",
        help="Fail an article scoring below this (0-100).",
        show_default=False,
    ),
]
FailOnOpt = Annotated[
    str | None,
    typer.Option(
        "--fail-on",
        metavar="SEVERITY",
        help="Fail an article with a finding at or above this severity: info, warning, error, none.",
        show_default=False,
    ),
]
MaxFailingOpt = Annotated[
    str | None,
    typer.Option(
        "--max-failing",
        metavar="N|N%",
        help="Failing articles the batch tolerates: a count (5) or a share (5%).",
        show_default=False,
    ),
]
BaselineOpt = Annotated[
    Path | None,
    typer.Option(
        "--baseline", metavar="FILE", help="Fail only on findings not in this baseline file.", show_default=False
    ),
]
ChangedSinceOpt = Annotated[
    str | None,
    typer.Option(
        "--changed-since",
        metavar="REF",
        help="Only files added or modified since this git ref (merge base with HEAD).",
        show_default=False,
    ),
]
SourceFailUnderOpt = Annotated[
    float | None,
    typer.Option(
        "--source-fail-under",
        parser=_number,
        metavar="SCORE",
        help="Fail the batch when a source's mean score is below this (0-100); see [rollup].",
        show_default=False,
    ),
]
HistoryOpt = Annotated[
    str | None,
    typer.Option(
        "--history",
        metavar="URL",
        help="Run history database: sqlite:///FILE.db, a file path, or postgresql://... (default: [history] url).",
        show_default=False,
    ),
]
CompareOpt = Annotated[
    str | None,
    typer.Option(
        "--compare",
        metavar="last|passing|RUN",
        help=(
            "Fail when a source regressed since this recorded run: last, passing (the last whose gate passed),"
            " or a run number (needs a history)."
        ),
        show_default=False,
    ),
]
MaxDropOpt = Annotated[
    float | None,
    typer.Option(
        "--max-drop",
        parser=_number,
        metavar="POINTS",
        help="With --compare: points a source's mean score may drop (default 5).",
        show_default=False,
    ),
]
MaxFailRiseOpt = Annotated[
    str | None,
    typer.Option(
        "--max-fail-rise",
        metavar="SHARE|N%",
        help="With --compare: by how much a source's failing share may rise, 0-1 or a percentage (default 0.1, 10%).",
        show_default=False,
    ),
]
MIN_SEVERITY = "Text report: list findings of this severity and above (info, warning, error);"
#: ``score --min-severity``: there is no gate to mention.
MinSeverityOpt = Annotated[
    str,
    typer.Option(
        "--min-severity", metavar="LEVEL", help=f"{MIN_SEVERITY} other formats and the scores count them all."
    ),
]
#: ``check --min-severity``.
CheckMinSeverityOpt = Annotated[
    str,
    typer.Option(
        "--min-severity", metavar="LEVEL", help=f"{MIN_SEVERITY} other formats, the scores and the gate count them all."
    ),
]
OnlyNewOpt = Annotated[
    bool,
    typer.Option(
        "--only-new",
        help="Text report: list only findings not in the --baseline file; other formats and the gate see all.",
    ),
]
ModelOpt = Annotated[
    Path | None,
    typer.Option(
        "--model",
        metavar="FILE",
        help="Model file (JSON, from 'copydesk learn-weights -o FILE') that turns features into the score;"
        " replaces [scoring] model.",
        show_default=False,
    ),
]
TimingsOpt = Annotated[
    bool, typer.Option("--timings", help="Include per-scorer seconds in JSON output (not reproducible).")
]


#: ``-h`` is ``--help`` on every command (the sub-commands inherit it from the app's context).
HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


class Command(TyperCommand):
    """A command whose help names its arguments by their metavar alone: ``PATH...``, never ``{paths}...``.

    Options show their own metavar (``--config FILE``); arguments get the same plain
    form in the usage line and the Arguments section, whatever typer would add. Its
    parameters are coerced by :class:`Coercion` (no pydantic for plain values).
    """

    def get_params(self, ctx: Any) -> list[Any]:
        """The parameters typer gives it (``--help`` included), each coerced by :class:`Coercion`."""
        return Coercion.installed(super().get_params(ctx))

    # ``ctx`` and ``formatter`` are click's (recent typer vendors its own copy of click): typed loosely.
    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """``[OPTIONS] PATH...``: each argument as its metavar, bracketed when optional."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """The Arguments and Options sections, each argument named as in the usage line."""
        sections: dict[str, list[tuple[str, str]]] = {"Arguments": [], "Options": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                sections["Arguments"].append((_argument_name(param), record[1]))
            else:
                sections["Options"].append(record)
        for title, rows in sections.items():
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class Coercion:
    """typer's coercion of one parameter's value, with pydantic only for a value that needs it.

    typer (0.2x) coerces every value, even one not given, through a pydantic
    ``TypeAdapter`` built on the parameter's first use: importing pydantic and building
    the adapters took about 0.1 s of CPU, a sixth of scoring one article from a cold
    start. A value not given (``None``) needs no adapter (typer returns ``None``, or
    ``()`` for a repeatable one, before calling it); for a ``str`` or ``list[str]``
    parameter the adapter gives back what it was given (the ``str`` itself, a sequence of
    them as a list), so that is what this does. Any other value (a number, a path, bytes,
    a string where several are expected) goes to typer's own coercion, errors included.
    """

    def __init__(self, strings: str | None) -> None:
        """:param strings: ``"str"`` or ``"list"`` for a plain string parameter, else None."""
        self.strings = strings
        self.typer: Any = None

    @classmethod
    def installed(cls, params: list[Any]) -> list[Any]:
        """``params``, each typer parameter whose coercion typer has not built yet given one of these."""
        for param in params:
            cls.install(param)
        return params

    @classmethod
    def install(cls, param: Any) -> None:
        """Coerce ``param``'s values with this when it is a typer parameter whose coercion typer builds lazily."""
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or not hasattr(param, "_runtime_param") or param._runtime_param is not None:
            return  # not a parameter of this typer's kind, or its coercion is built already
        strings = None
        if descriptor.parameter_info.parser is None and descriptor.file_annotation is None:
            strings = "str" if descriptor.annotation is str else "list" if descriptor.annotation == list[str] else None
        param._runtime_param = cls(strings)

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        """What typer's own ``RuntimeParam.coerce`` returns for ``value`` (or raises)."""
        if value is None:  # as typer's RuntimeParam.coerce, which returns before its adapter
            return () if param.multiple or param.nargs == -1 else None
        if self.strings == "list":
            if isinstance(value, list | tuple) and all(type(item) is str for item in value):
                return list(value)
        elif self.strings == "str" and type(value) is str:
            return value
        if self.typer is None:
            from typer._coercion import build_runtime_param

            self.typer = build_runtime_param(param.type_descriptor)
        return self.typer.coerce(value, param=param, ctx=ctx)


class Group(TyperGroup):
    """The command group, its own options (``--version``, ``--help``) coerced by :class:`Coercion`."""

    def get_params(self, ctx: Any) -> list[Any]:
        """The parameters typer gives it (``--help`` included), each coerced by :class:`Coercion`."""
        return Coercion.installed(super().get_params(ctx))


def _argument_name(param: Any) -> str:
    """An argument's metavar (else its name in capitals), with ``...`` when it takes several values."""
    name = param.metavar or (param.name or "ARG").upper()
    return f"{name}..." if param.nargs != 1 else name


def utc_now() -> str:
    """The time now in UTC, ISO 8601: when a recorded run happened (read here, in the command line)."""
    return datetime.now(UTC).isoformat()


def split(values: list[str] | None) -> list[str]:
    """Flatten repeatable, comma-separated option values."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def format_specs(values: list[str] | None) -> list[str]:
    """The ``--format`` values as ``NAME`` or ``NAME:FILE`` each; one given but naming nothing (``-f ""``) is a usage error.

    A value may list several names with commas (``-f text,json``), but everything after its
    ``:`` is the file name, commas included (``-f json:out,v2.json`` writes ``out,v2.json``).
    """
    found = []
    for value in values or []:
        names, sep, path = value.strip().partition(":")
        parts = [part.strip() for part in names.split(",")]
        last = parts.pop() + sep + path
        found += [part for part in parts if part] + ([last] if last else [])
    if values and not found:
        raise UsageError("--format needs a format name (text, json, html, ...), with :FILE for a file")
    return found


def selectors(flag: str, values: list[str] | None, what: str = "a rule code, prefix, name or ALL") -> list[str]:
    """A ``--select``/``--ignore``/``--disable`` list; given but empty (``--select ,``) is a usage error."""
    parts = split(values)
    if values and not parts:
        raise UsageError(f"{flag} needs {what}")
    return parts


def check_severity(value: str) -> str:
    """The ``--min-severity`` level, checked."""
    if value not in SEVERITIES:
        raise UsageError(f"--min-severity must be info, warning or error, not {shown(value)}")
    return value


def fail_rise(value: str | None) -> float | None:
    """``--max-fail-rise``: a share (0.1) or a percentage (10%), as ``--max-failing``'s share."""
    if value is None:
        return None
    try:
        rise = share(value)
    except ValueError as exc:
        raise UsageError(f"--max-fail-rise: {exc}") from None
    if not 0 <= rise <= 1:  # refused here, so the message echoes the value as given (150%, not 1.5)
        raise UsageError(f"--max-fail-rise {value.strip()}: a share must be between 0 and 1 (0% and 100%)")
    return rise


def check_compare(value: str | None) -> str | None:
    """``--compare``: ``last``, ``passing`` or a run number a database can hold, refused before any article is scored."""
    from copydesk.history.store import LATEST, MAX_RUN, run_number

    if value is not None and value not in LATEST and run_number(value) is None:
        raise UsageError(
            f"--compare: run {shown(value)} is neither a run number nor 'last' or 'passing' (runs go up to {MAX_RUN})"
        )
    return value


def check_only_new(value: bool, baseline: Path | None) -> bool:
    """``--only-new``, which needs a baseline to know what is new."""
    if value and baseline is None:
        raise UsageError("--only-new needs --baseline FILE (a finding is new only against a baseline)")
    return value


def list_format(format: str) -> str:
    """The ``--format`` of ``rules``/``plugins``: text or json."""
    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not {shown(format)}")
    return format


def fail(message: str, code: int) -> typer.Exit:
    """Print one error line and return the Exit to raise."""
    default_stderr(f"copydesk: error: {message}")
    return typer.Exit(code)


def guard(action: Callable[[], T]) -> T:
    """Run ``action``; turn copydesk errors into one line and their exit code.

    Ctrl-C and SIGTERM (:class:`copydesk.errors.Terminated`) exit 130 and 143.
    """
    try:
        return action()
    except CopydeskError as exc:
        raise fail(str(exc), exc.exit_code) from None
    except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM: by now workers are stopped, temp files removed
        raise fail(*interruption(exc)) from None
    except BrokenPipeError:
        # the reader (head, less) went away: not an error of ours
        sys.stderr.close()
        raise typer.Exit(0) from None
    except OSError as exc:  # the system refused (a full disk under the report, say): not a copydesk bug
        where = f"{exc.filename}: " if exc.filename else ""
        raise fail(f"{where}{exc.strerror or exc}", EXIT_INTERNAL) from None
    except Exception as exc:  # the CLI's last line of defence: a traceback only when asked for
        hint = "" if print_traceback(exc) else f" (re-run with {TRACEBACK_VARIABLE}=1 for its traceback)"
        raise fail(f"internal error: {type(exc).__name__}: {exc}{hint}", EXIT_INTERNAL) from None


def flags(
    select: list[str] | None,
    ignore: list[str] | None,
    disable: list[str] | None,
    workers: int | None,
    gate: dict[str, Any] | None = None,
    model: Path | None = None,
    executor: str | None = None,
) -> Flags:
    """The configuration flags of a command, split and checked for emptiness (values are the config's to check)."""
    return Flags(
        select=tuple(selectors("--select", select)),
        ignore=tuple(selectors("--ignore", ignore)),
        disable=tuple(selectors("--disable", disable, "a plugin name (see 'copydesk plugins')")),
        workers=workers,
        gate={key: value for key, value in (gate or {}).items() if value is not None},
        model=None if model is None else str(model),
        executor=executor,
    )
