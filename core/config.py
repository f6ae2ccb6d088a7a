"""Load, merge and validate configuration: packaged defaults, project file, CLI flags.

Everything is read and checked here, once per run: the flags of the command line are
a :class:`Flags` value merged over the files (``--ignore`` and ``--disable`` add to
the file's lists, the others replace), and an out-of-range value is one
:class:`ConfigError` naming the file and key, or the flag.

The packaged ``config.toml`` is the schema: a key it does not have is unknown, and a
value must have the type of its default. Three tables are open (any key, typed
values): ``[scoring.weights]`` (scorer names), ``[severity]`` (rule codes or names)
and ``[plugins]`` (one sub-table per plugin, checked against the scorer's own
declared settings once plugins are loaded).
"""

from __future__ import annotations

import copy
import itertools
import math
import os
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from copydesk.errors import ConfigError, utf8_stop
from copydesk.models import FrozenDict, Scorer, Severity
from copydesk.rollup import check_strategy
from copydesk.safety import CONTROL, quoted, shown
from copydesk.scoring import ScoringSettings
from copydesk.smallfiles import CONFIG_BYTES, NotReadable, read_small
from copydesk.sources import STDIN_FORMATS

PACKAGED = "config.toml"
#: Largest weight or penalty: larger ones overflow the aggregate into infinities and NaN.
MAX_WEIGHT = 1e6
OPEN_TABLES = {("scoring", "weights"): (int, float), ("severity",): (str,)}
SEVERITIES = ("info", "warning", "error")
FAIL_ON = (*SEVERITIES, "none")
#: ``[gate] max_failing``: a count (``5``, up to 18 digits) or a share of the batch (``5%``, at most ``100%``).
MAX_FAILING = re.compile(r"(?:[0-9]{1,18}(?:\.[0-9]{1,18})?%|[0-9]{1,18})")  # ASCII digits: \d takes "٥"
MAX_FAILING_FORM = 'must be a count like "5" (at most 18 digits) or a share like "5%" (at most 100%)'
#: More worker processes than this is a typo, not a machine: each one is a fork.
MAX_WORKERS = 256
#: The longest ``run.article_timeout``, in seconds (a day).
MAX_TIMEOUT = 86400
#: The largest ``run.max_findings_per_article`` (a bigger number is a typo, not a cap: :mod:`copydesk.quota`).
MAX_FINDINGS = 10**9
#: The largest ``sources.max_bytes`` (an article or record is read whole, in one buffer of that size: 1 GiB) and
#: ``sources.max_spool_bytes`` (copied in chunks: 256 TiB). A bigger number is a typo, not a limit.
MAX_SIZE = {"max_bytes": 2**30, "max_spool_bytes": 2**48}
#: ``[run] executor``: this machine's worker processes, or a Dask scheduler's address.
EXECUTOR = re.compile(r"local|(?:dask|tcp|tls)://[^\s/]+:[0-9]{1,5}")
#: The ``[gate]`` keys ``copydesk check`` takes as flags, with the flag that sets each.
GATE_FLAGS = {
    "fail_under": "--fail-under",
    "fail_on": "--fail-on",
    "max_failing": "--max-failing",
    "source_fail_under": "--source-fail-under",
    "max_drop": "--max-drop",
    "max_fail_rise": "--max-fail-rise",
}


@dataclass(frozen=True)
class Flags:
    """Configuration given as command-line flags; :func:`load_config` applies it over the files.

    :ivar select: replaces ``[run] select`` (empty: not given).
    :ivar ignore: added to ``[run] ignore``.
    :ivar disable: added to ``[run] disable``.
    :ivar workers: replaces ``[run] workers`` (None: not given).
    :ivar executor: replaces ``[run] executor`` (None: not given).
    :ivar gate: ``[gate]`` values by key (``fail_under``, ``fail_on``, ``max_failing``).
    :ivar model: ``--model FILE``: replaces ``[scoring] model`` (relative to the working folder; None: not given).
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    workers: int | None = None
    gate: Mapping[str, Any] = field(default_factory=dict)
    model: str | None = None
    executor: str | None = None

    def table(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """The flags as an override shaped like the TOML, lists extended from ``data``."""
        run: dict[str, Any] = {}
        if self.select:
            run["select"] = list(self.select)
        if self.ignore:
            run["ignore"] = [*data["run"]["ignore"], *self.ignore]
        if self.disable:
            run["disable"] = [*data["run"]["disable"], *self.disable]
        if self.workers is not None:
            run["workers"] = self.workers
        if self.executor is not None:
            run["executor"] = self.executor
        table: dict[str, Any] = {"run": run} if run else {}
        if self.gate:
            table["gate"] = dict(self.gate)
        if self.model is not None:
            table["scoring"] = {"model": str(Path(self.model).expanduser().absolute())}
        return table

    def label(self, key: str) -> str:
        """How an error names ``key`` (dotted): the flag and its value, else the command line."""
        section, _, name = key.partition(".")
        if section == "gate" and name in self.gate:
            value = self.gate[name]
            return f"{GATE_FLAGS[name]} {as_given(value) if isinstance(value, float) else value}: {key}"
        if key == "run.workers" and self.workers is not None:
            return f"--workers {self.workers}: {key}"
        if key == "scoring.model" and self.model is not None:
            return f"--model {self.model}: {key}"
        return f"command line: {key}"


def as_given(value: float) -> str:
    """A number as the user wrote it: ``:g``'s short form (``100``, ``-5``) unless that rounds it, then Python's (``100.00001``)."""
    short = f"{value:g}"
    return short if float(short) == value else repr(value)


def packaged_defaults() -> dict[str, Any]:
    """The packaged default configuration (copydesk's ``config.toml``)."""
    text = resources.files("copydesk").joinpath(PACKAGED).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _read_toml(path: Path) -> dict[str, Any]:
    """Parse one TOML file; a parse error becomes a ConfigError naming file and line."""
    try:
        data = read_small(path, CONFIG_BYTES)
        return tomllib.loads(data.removeprefix(b"\xef\xbb\xbf").decode("utf-8"))
    except NotReadable as exc:
        raise ConfigError(f"{path}: cannot read the configuration file: it {exc}") from None
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, not a configuration file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration file: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        if (at := _AT.search(str(exc))) is not None:  # "file:LINE: ..." like every other configuration error
            raise ConfigError(f"{path}:{at[1]}: invalid TOML: {str(exc)[: at.start()]}(column {at[2]})") from None
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(_not_utf8(path, data, exc)) from None


def _not_utf8(path: Path, data: bytes, exc: UnicodeDecodeError) -> str:
    """Where a configuration file stops being UTF-8: its line and the byte in it, or its UTF-16/32 byte order mark."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return f"{path}: encoded as UTF-16 or UTF-32 (a byte order mark); a configuration file must be UTF-8"
    line, byte = utf8_stop(data, exc)
    return f"{path}:{line}: not valid UTF-8 (byte {byte} of the line: {exc.reason})"


#: The file whose ``[tool.copydesk]`` table is the configuration, found or named by ``--config``.
PYPROJECT = "pyproject.toml"


def find_project_config(explicit: Path | None, cwd: Path) -> tuple[dict[str, Any], str | None]:
    """The project configuration and its file name, by the documented lookup order.

    A ``pyproject.toml`` named by ``--config`` is read for its ``[tool.copydesk]`` table, as
    the one in ``cwd`` is (and must have one: the file was named to configure copydesk).
    """
    if explicit is not None and explicit.name != PYPROJECT:
        return _read_toml(explicit), str(explicit)
    if explicit is not None:
        table = _tool_table(explicit)
        if table is None:
            raise ConfigError(f"{explicit}: no [tool.copydesk] table to read the configuration from")
        return table, f"{explicit} [tool.copydesk]"
    own = cwd / "copydesk.toml"
    if own.is_file():
        return _read_toml(own), str(own)
    pyproject = cwd / PYPROJECT
    if pyproject.is_file() and (table := _tool_table(pyproject)) is not None:
        return table, f"{pyproject} [tool.copydesk]"
    return {}, None


def _tool_table(pyproject: Path) -> dict[str, Any] | None:
    """The ``[tool.copydesk]`` table of ``pyproject``, None when it has none; a value that is no table is a ConfigError."""
    tool = _read_toml(pyproject).get("tool", {})
    table = tool.get("copydesk") if isinstance(tool, dict) else tool
    if table is None or isinstance(table, dict):
        return table
    # a value where copydesk's table (or the tool table holding it) must be
    key = "tool.copydesk" if isinstance(tool, dict) else "tool"
    text = read_small(pyproject, CONFIG_BYTES).decode("utf-8-sig")
    at = f":{line}" if (line := key_line(text, key)) is not None else ""
    raise ConfigError(f"{pyproject}{at}: {key} must be a table ([{key}]), not {_type_name(table)}")


#: Where tomllib's message says a syntax error is.
_AT = re.compile(r"\(at line (\d+), column (\d+)\)$")
#: A table header line of a TOML file: ``[gate]``, ``[plugins.figures]``, ``[[x]]``, ``[plugins."a[1]"]``.
_HEADER = re.compile(r"\[\[?((?:[^\[\]#\"']++|\"(?:[^\"\\]|\\.)*+\"|'[^']*+')*+)\]\]?\s*+(?:#.*)?")
#: Comments and strings of a TOML text, leftmost first: a multi-line string's lines are not
#: keys (a comment or a one-line string is matched only so that no string starts inside it).
_MULTILINE = re.compile(
    r'#[^\n]*+|"""(?:[^"\\]|\\.|"(?!""))*+"{3,5}|\'\'\'(?:[^\']|\'(?!\'\'))*+\'{3,5}|"(?:[^"\\\n]|\\.)*+"|\'[^\'\n]*+\'',
    re.DOTALL,
)
#: The key of a ``key = value`` line: bare or quoted parts joined by dots.
_KEY = re.compile(
    r"((?:[A-Za-z0-9_\-]++|\"[^\"]*+\"|'[^']*+')(?:[ \t]*+\.[ \t]*+(?:[A-Za-z0-9_\-]++|\"[^\"]*+\"|'[^']*+'))*+)[ \t]*+="
)
#: The key a message about a file names first: ``gate.fail_under must ...``, ``unknown key 'a.b'``,
#: ``[plugins.x] names ...``, ``[plugins.x] key must ...`` (a plugin's own check of its settings).
_NAMED = re.compile(r"(?:unknown key ')?\[?([A-Za-z0-9_\-]++(?:\.[A-Za-z0-9_\-]++)*+)(\]\s([A-Za-z0-9_\-]++))?")


def _parts(dotted: str) -> tuple[str, ...]:
    """A key's parts as written in a file (``a."b c".d``): TOML reads quoted ones (escapes and all)."""
    if '"' in dotted or "'" in dotted:
        try:
            table: Any = tomllib.loads(f"{dotted} = 0")
        except tomllib.TOMLDecodeError:
            pass
        else:
            parts = []
            while isinstance(table, dict) and len(table) == 1:
                ((part, table),) = table.items()
                parts.append(part)
            return tuple(parts)
    return tuple(part.strip().strip("\"'") for part in dotted.split("."))


def key_line(text: str, dotted: str | tuple[str, ...]) -> int | None:
    """The line of a TOML text that sets ``dotted`` (or opens it as a table), from 1; None when not found.

    A line scan, not a parser: headers and ``key = value`` lines, dotted or quoted keys (a
    line that opens a table below ``dotted`` places it too); the lines of a multi-line
    string are skipped. A key set inside an inline table or a multi-line array is not found
    (the error then names the file alone).
    """
    want = _parts(dotted) if isinstance(dotted, str) else dotted
    table: tuple[str, ...] = ()
    text = _MULTILINE.sub(lambda m: "\n" * m[0].count("\n") if m[0][:3] in ('"""', "'''") else m[0], text)
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if (header := _HEADER.fullmatch(stripped)) is not None:
            table = _parts(header.group(1))
            if table[: len(want)] == want:
                return number
        elif (key := _KEY.match(stripped)) is not None and (*table, *_parts(key.group(1)))[: len(want)] == want:
            return number
    return None


def placed(message: str, where: str, key: tuple[str, ...] = ()) -> str:
    """``where: <key> ...`` with the line of that key in the file: ``copydesk.toml:4: gate.fail_under ...``.

    ``where`` is a file name or ``FILE [tool.copydesk]``; ``key`` the key's parts when the
    raiser knew them (:attr:`ConfigError.key`), else the key is read from the message. The
    message is returned as it was when it is about something else (the command line, the
    packaged file) or the key is not found.
    """
    file, _, table = where.partition(" [")
    rest = message.removeprefix(f"{where}: ")
    if rest == message or file.endswith("(packaged)"):
        return message
    if key:
        keys = [key]
    elif (named := _NAMED.match(rest)) is not None:
        keys = [_parts(f"{named.group(1)}.{named.group(3)}")] if named.group(3) else []
        keys.append(_parts(named.group(1)))
    else:
        return message
    prefix = tuple(table.removesuffix("]").split(".")) if table else ()
    try:
        text = read_small(file, CONFIG_BYTES).decode("utf-8-sig")
    except (OSError, NotReadable, UnicodeDecodeError):
        return message
    for parts in keys:
        if (line := key_line(text, (*prefix, *parts))) is not None:
            return f"{file}:{line}: {rest}" if not table else f"{file}:{line}: [{table} {rest}"
    return message


TYPE_NAMES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "table"}


def _type_name(value: Any) -> str:
    """A TOML-ish name for a value's type, for error messages: ``integer``, ``array of strings``.

    An array is named with its elements' types (``array of integers and strings``), so a
    message never reads ``must be array, not array``.
    """
    if isinstance(value, list) and value:
        kinds = sorted({_type_name(item).split(" ")[0] for item in value})
        return f"array of {' and '.join(f'{kind}s' for kind in kinds)}"
    return TYPE_NAMES.get(type(value), type(value).__name__)


def _expected_name(default: Any) -> str:
    """What a value of ``default``'s key must be: lists hold strings (every list setting is one)."""
    return "array of strings" if isinstance(default, list) else _type_name(default)


#: What the core's whole-number settings accept, said when one is given a fraction (``0.5``, ``1e9``).
WHOLE = {
    "run.workers": f"from 1 to {MAX_WORKERS}",
    "run.article_timeout": f"of seconds from 0 (no limit) to {MAX_TIMEOUT}",
    "run.max_findings_per_article": f"from 0 (no cap) to {MAX_FINDINGS:,}",
    "sources.max_bytes": f"from 1 to {MAX_SIZE['max_bytes']}",
    "sources.max_spool_bytes": f"from 1 to {MAX_SIZE['max_spool_bytes']}",
    "scoring.min_words": "of at least 1",
}


def _check_value(key: str, value: Any, default: Any, where: str) -> Any:
    """Check ``value`` has the type of ``default``; ints are accepted for floats."""
    if isinstance(default, bool) or isinstance(value, bool):
        ok = isinstance(value, bool) and isinstance(default, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float))
        value = float(value) if ok else value
    elif isinstance(default, list):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    else:
        ok = isinstance(value, type(default))
    if not ok and isinstance(default, int) and isinstance(value, float):
        accepted = f" {WHOLE[key]}" if key in WHOLE else ""
        raise ConfigError(f"{where}: {key} must be a whole number{accepted}, not {value}")
    if not ok:
        raise ConfigError(f"{where}: {key} must be {_expected_name(default)}, not {_type_name(value)}")
    if isinstance(value, list) and (blank := next((i for i, v in enumerate(value, 1) if not v.strip()), None)):
        raise ConfigError(f"{where}: {key} item {blank} is an empty string")
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{where}: {key} must be a finite number, not {value}")
    return value


def merge(
    defaults: dict[str, Any], override: Mapping[str, Any], where: str, path: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Merge ``override`` into a copy of ``defaults``, validating keys and types."""
    merged = copy.deepcopy(defaults)
    for key, value in override.items():
        here = (*path, key)
        dotted = ".".join(here)
        if path == () and key == "plugins":
            if not isinstance(value, dict):
                raise ConfigError(
                    f"{where}: plugins must be a table of tables ([plugins.NAME]), not {_type_name(value)}"
                )
            for name, table in value.items():
                if not isinstance(table, dict):
                    raise ConfigError(
                        f"{where}: plugins.{name} must be a table ([plugins.{name}]), not {_type_name(table)}"
                    )
            plugins = merged.setdefault("plugins", {})
            for name, table in value.items():
                plugins[name] = {**plugins.get(name, {}), **table}
            continue
        if path in OPEN_TABLES:
            if not isinstance(value, OPEN_TABLES[path]) or isinstance(value, bool):
                wanted = "number" if float in OPEN_TABLES[path] else "string"
                raise ConfigError(f"{where}: {dotted} must be {wanted}, not {_type_name(value)}")
            if isinstance(value, float) and not math.isfinite(value):
                raise ConfigError(f"{where}: {dotted} must be a finite number, not {value}")
            merged[key] = value
            continue
        if key not in defaults:
            raise ConfigError(f"{where}: unknown key {shown(dotted)}", here)
        if isinstance(defaults[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: {dotted} must be a table, not {_type_name(value)}")
            merged[key] = merge(defaults[key], value, where, here)
        elif dotted == "gate.max_failing":
            merged[key] = _max_failing(value, where)
        else:
            merged[key] = _check_value(dotted, value, defaults[key], where)
    return merged


def _max_failing(value: Any, where: str) -> str:
    """``gate.max_failing`` as its text: a string, or an integer count (``max_failing = 5``); nothing else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ConfigError(f"{where}: gate.max_failing {MAX_FAILING_FORM}, not {_type_name(value)}")
    return value


@dataclass(frozen=True)
class Config:
    """A validated run configuration (the merged TOML plus where it came from)."""

    data: Mapping[str, Any]
    source: str
    #: ``[plugins.NAME]`` tables given by the user (not only the packaged defaults).
    user_plugins: frozenset[str] = frozenset()
    #: ``[scoring.weights]`` and ``[severity]`` keys given by the user.
    user_weights: frozenset[str] = frozenset()
    user_severity: frozenset[str] = frozenset()
    #: The config file that set ``[scoring] model`` ("": the packaged model, ``--model`` or overrides).
    model_from: str = ""
    #: The config file that set ``[history] url`` ("": the packaged default or overrides).
    history_from: str = ""

    @property
    def run(self) -> Mapping[str, Any]:
        """The ``[run]`` table."""
        table: Mapping[str, Any] = self.data["run"]
        return table

    @property
    def sources(self) -> Mapping[str, Any]:
        """The ``[sources]`` table."""
        table: Mapping[str, Any] = self.data["sources"]
        return table

    @property
    def rollup(self) -> Mapping[str, Any]:
        """The ``[rollup]`` table."""
        table: Mapping[str, Any] = self.data["rollup"]
        return table

    @property
    def history_url(self) -> str:
        """``[history] url`` (empty: no history); a relative SQLite file is in the folder of the config file that named it.

        Relative paths in a configuration file are read from its folder, as ``[scoring] model``
        is (:meth:`model_path`) and as ruff and pytest read theirs; left as written when that
        folder is the working directory, where it names the same file.
        """
        url = str(self.data["history"]["url"])
        folder = str(Path(self.history_from).parent)
        if not url or not self.history_from:
            return url
        from copydesk.history.backends import in_folder  # the history's code only when a run uses one

        return in_folder(url, "" if os.path.abspath(folder) == os.getcwd() else folder)

    @property
    def gate(self) -> Mapping[str, Any]:
        """The ``[gate]`` table."""
        table: Mapping[str, Any] = self.data["gate"]
        return table

    def scoring(self) -> ScoringSettings:
        """The ``[scoring]`` table as ScoringSettings (grades sorted best first)."""
        table = self.data["scoring"]
        grades = sorted(((k, float(v)) for k, v in table["grades"].items()), key=lambda kv: -kv[1])
        return ScoringSettings(
            severity_penalty=MappingProxyType(dict(table["severity_penalty"])),
            min_words=int(table["min_words"]),
            density_scale=float(table["density_scale"]),
            grades=tuple(grades),
            verdicts=MappingProxyType(dict(table["verdicts"])),
        )

    def model_path(self) -> Path | None:
        """The ``[scoring] model`` file (relative to the config file's folder), or None for the packaged model."""
        value = str(self.data["scoring"].get("model", ""))
        if not value:
            return None
        path = Path(value).expanduser()
        if not path.is_absolute() and not self.source.endswith("(packaged)"):
            path = Path(self.source).parent / path
        return path

    def model_problem(self, message: str) -> str:
        """A model file's error placed at ``[scoring] model`` of the config file that named it (``c.toml:2: scoring.model: ...``)."""
        if not self.model_from:
            return message
        return placed(f"{self.model_from}: scoring.model: {message}", self.model_from)

    def weight(self, scorer: Scorer) -> float:
        """The weight of ``scorer``: configured, else its own default."""
        return float(self.data["scoring"]["weights"].get(scorer.name, scorer.weight))

    def severity_override(self, code: str, name: str) -> Severity | None:
        """The configured severity of a rule (by code, then name), if any."""
        table = self.data["severity"]
        value = table.get(code, table.get(name))
        return Severity(value) if value is not None else None

    def plugin_settings(self, scorer: Scorer) -> Mapping[str, Any]:
        """The scorer's declared defaults overlaid with its ``[plugins.NAME]`` table.

        Read-only and picklable: a batch pass's state may keep it, and states cross processes.
        """
        table = self.data.get("plugins", {}).get(scorer.name, {})
        return FrozenDict({**dict(scorer.settings), **table})

    def validate_plugins(self, scorers: list[Scorer], disabled: tuple[str, ...]) -> None:
        """Check ``[plugins.NAME]`` tables, and the user's weights and severities, against the scorers.

        A weight or severity that names nothing loaded is a typo, unless a disabled
        plugin may own it.
        """
        try:
            self._validate_plugins(scorers, disabled)
        except ConfigError as exc:
            raise ConfigError(placed(str(exc), self.source, exc.key)) from None

    def _validate_plugins(self, scorers: list[Scorer], disabled: tuple[str, ...]) -> None:
        by_name = {s.name: s for s in scorers}
        for name in sorted(self.user_weights - set(by_name) - set(disabled)):
            raise ConfigError(
                f"{self.source}: scoring.weights.{name} names no loaded scorer", ("scoring", "weights", name)
            )
        from copydesk.diagnostics import CORE_RULES
        from copydesk.rules import core_fixed

        for key in sorted(self.user_severity & {key for r in CORE_RULES for key in (r.code, r.name)}):
            raise ConfigError(f"{self.source}: severity.{key}: {core_fixed(key)}")
        if not disabled:
            known = {key for s in scorers for r in s.rules for key in (r.code, r.name)}
            for key in sorted(self.user_severity - known):
                raise ConfigError(
                    f"{self.source}: severity.{key} names no rule (see 'copydesk rules')", ("severity", key)
                )
        for name, table in self.data.get("plugins", {}).items():
            scorer = by_name.get(name)
            if scorer is None:
                if name in disabled or name not in self.user_plugins:
                    continue
                raise ConfigError(f"{self.source}: [plugins.{name}] names no loaded scorer", ("plugins", name))
            for key, value in table.items():
                if key not in scorer.settings:
                    raise ConfigError(
                        f"{self.source}: unknown key {shown(f'plugins.{name}.{key}')}", ("plugins", name, key)
                    )
                _check_value(f"plugins.{name}.{key}", value, scorer.settings[key], self.source)


def _gate_problems(gate: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """``(key, problem)`` for each ``[gate]`` value out of range."""
    if not 0 <= gate["fail_under"] <= 100:
        yield "fail_under", f"must be between 0 and 100, not {as_given(gate['fail_under'])}"
    if gate["fail_on"] not in FAIL_ON:
        yield "fail_on", f"must be one of {', '.join(FAIL_ON)}"
    text = str(gate["max_failing"])
    if not MAX_FAILING.fullmatch(text) or (text.endswith("%") and float(text[:-1]) > 100):
        yield "max_failing", f"{MAX_FAILING_FORM}, not {quoted(text)}"
    for key, top in (("source_fail_under", 100), ("max_drop", 100), ("max_fail_rise", 1)):
        if not 0 <= gate[key] <= top:
            yield key, f"must be between 0 and {top}, not {as_given(gate[key])}"


def _grade_problems(grades: Mapping[str, float], given: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """``(grade, problem)`` for ``[scoring.grades]`` floors out of 0-100 or out of order (A > B > C > D > F, strictly).

    Of two floors out of order, the one the file sets is named (the lower grade when it sets both).
    """
    for band, floor in grades.items():
        if not 0 <= floor <= 100:
            yield band, f"must be between 0 and 100, not {as_given(floor)}"
    bottom = list(grades)[-1] if grades else None
    if bottom is not None and 0 < grades[bottom] <= 100:
        yield (
            bottom,
            f"is the bottom band: its floor must be 0 (every score reaches it), not {as_given(grades[bottom])}",
        )
    for high, low in itertools.pairwise(grades):
        if grades[high] <= grades[low]:
            if low in given or high not in given:
                yield (
                    low,
                    f"must be below scoring.grades.{high} ({as_given(grades[high])}), not {as_given(grades[low])}",
                )
            else:
                yield (
                    high,
                    f"must be above scoring.grades.{low} ({as_given(grades[low])}), not {as_given(grades[high])}",
                )


def _rollup_problems(data: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """``(key, problem)`` for each ``[rollup]`` value that names no strategy or grade."""
    try:
        check_strategy(data["rollup"]["by"])
    except ValueError as exc:
        yield "by", f"is an {exc}"
    grades = data["scoring"]["grades"]
    for grade in data["rollup"]["failing_grades"]:
        if grade not in grades:
            yield (
                "failing_grades",
                f"names {quoted(grade)}, which is not a grade of [scoring.grades] ({', '.join(grades)})",
            )


def _sources_problems(sources: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """``(key, problem)`` for each ``[sources]`` value out of range: field names, sizes, the stdin format."""
    if not sources["fields"]["text"].strip():
        yield "fields.text", "must name the field holding the text, not be empty"
    for key, name in sources["fields"].items():
        if not name.strip():
            yield f"fields.{key}", "must name a field (JSONL key or CSV column), not be empty"
    for key in ("max_bytes", "max_spool_bytes"):
        if not 1 <= sources[key] <= MAX_SIZE[key]:
            top = MAX_SIZE[key]
            yield key, f"must be from 1 to {top} (2**{top.bit_length() - 1}), not {sources[key]}"
    if sources["stdin_format"] not in STDIN_FORMATS:
        yield "stdin_format", "must be " + ", ".join(STDIN_FORMATS[:-1]) + f" or {STDIN_FORMATS[-1]}"


def _history_url_problem(url: Any) -> str | None:
    """Why a ``[history] url`` a file sets names no database it could use (the form only: nothing is opened)."""
    if not isinstance(url, str) or not url:
        return None
    from copydesk.history.backends import parse_url
    from copydesk.history.records import HistoryError

    try:
        parse_url(url)
    except HistoryError as exc:
        return str(exc).removeprefix("history ")
    return None


def _validate_extractor(choice: str, where: str) -> None:
    """``sources.html_extractor``: one of the choices, and trafilatura only when it can be imported."""
    from copydesk.sources.html import EXTRACTORS, extractor

    if choice not in EXTRACTORS:
        raise ConfigError(f"{where}: sources.html_extractor must be auto, builtin or trafilatura, not {shown(choice)}")
    if choice == "trafilatura" and not extractor().startswith("trafilatura"):
        raise ConfigError(f"{where}: sources.html_extractor is trafilatura, but {extractor().split('; ', 1)[1]}")


def _executor_ok(executor: str) -> bool:
    """Whether ``executor`` is ``local`` or a scheduler address whose port a socket can have (1 to 65535)."""
    return bool(EXECUTOR.fullmatch(executor)) and (executor == "local" or 1 <= int(executor.rsplit(":", 1)[1]) <= 65535)


def _validate_values(
    data: Mapping[str, Any],
    where: str,
    label: Callable[[str], str] | None = None,
    given: Mapping[str, Any] | None = None,
) -> None:
    """Range and enum checks that types alone do not catch; ``label`` names a key in the error.

    ``given`` is what ``where`` itself set (a check of two values then names the one it set).
    """
    name = label or (lambda key: f"{where}: {key}")
    for key, problem in _gate_problems(data["gate"]):
        raise ConfigError(f"{name(f'gate.{key}')} {problem}")
    set_grades = (given or {}).get("scoring", {}).get("grades", {})
    for band, problem in _grade_problems(data["scoring"]["grades"], set_grades):
        raise ConfigError(f"{where}: scoring.grades.{band} {problem}")
    for key, problem in _rollup_problems(data):
        raise ConfigError(f"{where}: rollup.{key} {problem}")
    if not 1 <= data["run"]["workers"] <= MAX_WORKERS:
        raise ConfigError(
            f"{name('run.workers')} must be at least 1 and at most {MAX_WORKERS}, not {data['run']['workers']}"
        )
    if not _executor_ok(data["run"]["executor"]):
        raise ConfigError(
            f"{name('run.executor')} must be local or dask://HOST:PORT (a Dask scheduler; PORT 1 to 65535),"
            f" not {quoted(data['run']['executor'])}"
        )
    if not 0 <= data["run"]["article_timeout"] <= MAX_TIMEOUT:
        raise ConfigError(
            f"{name('run.article_timeout')} must be a whole number {WHOLE['run.article_timeout']},"
            f" not {data['run']['article_timeout']}"
        )
    if not 0 <= data["run"]["max_findings_per_article"] <= MAX_FINDINGS:
        raise ConfigError(
            f"{name('run.max_findings_per_article')} must be a whole number {WHOLE['run.max_findings_per_article']},"
            f" not {data['run']['max_findings_per_article']}"
        )
    for key, problem in _sources_problems(data["sources"]):
        raise ConfigError(f"{where}: sources.{key} {problem}")
    _validate_extractor(data["sources"]["html_extractor"], where)
    if CONTROL.search(data["history"]["url"]):
        from copydesk.history.backends import control_problem

        raise ConfigError(f"{where}: history.url: {control_problem(data['history']['url'])}")
    if (url_problem := _history_url_problem((given or {}).get("history", {}).get("url"))) is not None:
        raise ConfigError(f"{where}: history.url: {url_problem}")
    for key, problem in _scoring_problems(data):
        raise ConfigError(f"{where}: {key} {problem}")


def _scoring_problems(data: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """The ``[scoring]`` and ``[severity]`` values out of range, as (dotted key, problem)."""
    scoring = data["scoring"]
    if scoring["min_words"] < 1:
        yield "scoring.min_words", f"must be at least 1, not {scoring['min_words']}"
    if scoring["density_scale"] <= 0:
        yield "scoring.density_scale", f"must be positive, not {as_given(scoring['density_scale'])}"
    for code, value in data["severity"].items():
        if value not in SEVERITIES:
            yield f"severity.{code}", f"must be info, warning or error, not {shown(value)}"
    for table in ("weights", "severity_penalty"):
        for key, value in scoring[table].items():
            if value < 0:
                yield f"scoring.{table}.{key}", "must not be negative"
            if not value <= MAX_WEIGHT:  # also true for NaN: the aggregate would overflow into NaN/Infinity
                yield f"scoring.{table}.{key}", f"must be a number up to {MAX_WEIGHT:g}, not {value}"


def _history_from_file(project: Mapping[str, Any], overrides: Mapping[str, Any] | None) -> bool:
    """Whether ``[history] url`` in use is the project file's (not replaced by overrides)."""
    return "url" in project.get("history", {}) and "url" not in (overrides or {}).get("history", {})


def _model_from_file(project: Mapping[str, Any], overrides: Mapping[str, Any] | None, flags: Flags | None) -> bool:
    """Whether ``[scoring] model`` in use is the project file's (not replaced by overrides or ``--model``)."""
    replaced = (flags is not None and flags.model is not None) or "model" in (overrides or {}).get("scoring", {})
    return "model" in project.get("scoring", {}) and not replaced


def load_config(
    explicit: Path | None = None,
    cwd: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    discover: bool = True,
    flags: Flags | None = None,
) -> Config:
    """Build the run configuration: packaged defaults, project file, ``overrides``, then ``flags``.

    :param explicit: the ``--config`` path, if given.
    :param cwd: where to look for ``copydesk.toml``/``pyproject.toml``.
    :param overrides: values shaped like the TOML that replace the files' (embedding, tests).
    :param discover: False skips the project file lookup (packaged defaults only).
    :param flags: the command line's flags.
    """
    defaults = packaged_defaults()
    project, source = find_project_config(explicit, cwd or Path.cwd()) if discover else ({}, None)
    where = source or "config.toml (packaged)"
    try:
        data = merge(defaults, project, where)
        _validate_values(data, where, given=project)
    except ConfigError as exc:
        raise ConfigError(placed(str(exc), where, exc.key)) from None
    if overrides:
        data = merge(data, overrides, "command line")
        _validate_values(data, "command line", given=overrides)
    if flags is not None and (table := flags.table(data)):
        for section, values in table.items():  # one flag at a time, so an error names its flag
            for name, value in values.items():
                flag = flags.label(f"{section}.{name}").rpartition(": ")[0]
                data = merge(data, {section: {name: value}}, flag)
        _validate_values(data, "command line", flags.label)
    given = [project, overrides or {}]
    return Config(
        MappingProxyType(data),
        where,
        frozenset(name for table in given for name in table.get("plugins", {})),
        frozenset(name for table in given for name in table.get("scoring", {}).get("weights", {})),
        frozenset(key for table in given for key in table.get("severity", {})),
        where if _model_from_file(project, overrides, flags) else "",
        where if _history_from_file(project, overrides) else "",
    )
