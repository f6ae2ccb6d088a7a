"""Issue 16 item 18: the command line's surface.

``-h`` is ``--help`` everywhere; help shows plain metavars; an unknown option is one clean
line with a hint; ``--format`` help lists every built-in format; ``--workers`` help, README
and code agree on the range; the flags docs/ci.md uses are in the help it points at; the
tutorial points at files that exist; config type errors name the real types; an empty
``sources.fields.text`` is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest
import typer
from copydesk.cli import app
from copydesk.config import MAX_WORKERS, load_config
from copydesk.errors import ConfigError
from copydesk.manager import load_plugins
from support import REPO, SEEDS, CliResult, run_copydesk

Cli = Callable[..., CliResult]


def _commands(group: click.Command | None = None, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command path of the app: (), ("score",), ("baseline",), ("baseline", "write"), ..."""
    group = group or typer.main.get_command(app)
    yield path
    for name, command in getattr(group, "commands", {}).items():
        yield from _commands(command, (*path, name))


COMMANDS = list(_commands())


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "copydesk")
def test_dash_h_is_help_and_help_shows_plain_metavars(cli: Cli, path: tuple[str, ...]) -> None:
    short, long = cli(*path, "-h"), cli(*path, "--help")
    assert short.exit_code == 0 and short.stdout == long.stdout and short.stdout.startswith("Usage: ")
    for leak in ("{", "<", "list[", "range>"):
        assert leak not in long.stdout, f"{leak!r} in 'copydesk {' '.join(path)} --help':\n{long.stdout}"
    assert "-h, --help" in long.stdout


def test_usage_names_arguments_by_metavar(cli: Cli) -> None:
    assert cli("score", "-h").stdout.startswith("Usage: copydesk score [OPTIONS] PATH...\n")
    assert cli("baseline", "prune", "-h").stdout.startswith("Usage: copydesk baseline prune [OPTIONS] [PATH...]\n")
    assert cli("diff", "-h").stdout.startswith("Usage: copydesk diff [OPTIONS] RUN RUN\n")
    assert "  --config FILE " in cli("score", "-h").stdout and "  -j, --workers N " in cli("score", "-h").stdout


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--bogus"], "copydesk: error: No such option: --bogus; see 'copydesk --help'"),
        (
            ["score", str(SEEDS), "--selct", "HDG"],
            "copydesk: error: score: No such option: --selct (did you mean --select?); see 'copydesk score --help'",
        ),
        (
            ["baseline", "write", str(SEEDS), "--frob"],
            "copydesk: error: baseline write: No such option: --frob; see 'copydesk baseline write --help'",
        ),
        (["score"], "copydesk: error: score: Missing argument 'PATH'; see 'copydesk score --help'"),
    ],
)
def test_a_parser_error_is_one_clean_line_with_a_hint(args: list[str], line: str) -> None:
    result = run_copydesk(*args)
    assert result.exit_code == 2 and result.stderr.splitlines() == [line]


@pytest.mark.parametrize("command", ["score", "check"])
def test_format_help_lists_every_built_in_format(cli: Cli, command: str) -> None:
    text = " ".join(cli(command, "--help").stdout.split())
    names = set(load_plugins().reporters)
    assert len(names) >= 8
    for name in names:
        assert re.search(rf"\b{name}\b", text), f"--format help of {command} does not name {name}"


def test_workers_range_agrees_in_help_readme_and_code(cli: Cli) -> None:
    text = " ".join(cli("score", "--help").stdout.split())
    assert f"Worker processes, 1-{MAX_WORKERS}" in text and "x>=1" not in text
    assert f"`--workers/-j N`: score in N processes (1 to {MAX_WORKERS})." in (REPO / "README.md").read_text()
    for n, code in ((0, 2), (1, 0), (MAX_WORKERS + 1, 2)):
        result = cli("score", str(sorted(SEEDS.glob("*.txt"))[0]), "-j", str(n), "-f", "json")
        assert result.exit_code == code, result.stderr
        if code:
            assert result.stderr.startswith(f"copydesk: error: --workers {n}: run.workers must be at least 1")


def test_every_flag_docs_ci_uses_is_in_the_help_it_points_at(cli: Cli) -> None:
    doc = (REPO / "docs" / "ci.md").read_text()
    opening = doc.split("\n## ")[0]
    pointed = [tuple(m.split()[1:-1]) for m in re.findall(r"`(copydesk [a-z ]+ --help)`", opening)]
    assert ("baseline", "write") in pointed and ("baseline", "prune") in pointed and ("check",) in pointed
    helps = {path: cli(*path, "--help") for path in pointed}
    assert all(h.exit_code == 0 for h in helps.values())
    used = 0
    for line in re.findall(r"^(copydesk (?:check|baseline write|baseline prune) .*)$", doc, re.M):
        path = next(p for p in pointed if line.startswith("copydesk " + " ".join(p) + " "))
        for flag in re.findall(r"(?<!\S)(--?[a-z][a-z-]*)", line.split("#")[0]):
            used += 1
            assert re.search(rf"(?<![\w-]){flag}\b", helps[path].stdout), f"{flag} of {line!r} not in its --help"
    assert used >= 5


def test_the_tutorial_names_only_files_the_repository_has() -> None:
    text = (REPO / "docs" / "tutorial.md").read_text()
    assert "STYLE.md" not in text
    for name in re.findall(r"`((?:plugins|core|docs|tests)/[\w/.-]+\.(?:py|md|toml))`", text):
        assert (REPO / name).exists(), name


@pytest.mark.parametrize(
    ("toml", "message", "line"),
    [
        ('[run]\nselect = [1, "HDG"]\n', "run.select must be array of strings, not array of integers and strings", 2),
        ("[run]\nignore = [[1]]\n", "run.ignore must be array of strings, not array of arrays", 2),
        ("[run]\nselect = 'HDG'\n", "run.select must be array of strings, not string", 2),
        ("[scoring.weights]\nhedging = 'high'\n", "scoring.weights.hedging must be number, not string", 2),
        ("[severity]\nHDG001 = 3\n", "severity.HDG001 must be string, not integer", 2),
        ("plugins = 3\n", "plugins must be a table of tables ([plugins.NAME]), not integer", 1),
        ("[plugins]\nhedging = 3\n", "plugins.hedging must be a table ([plugins.hedging]), not integer", 2),
        ("[run.select]\nx = 1\n", "run.select must be array of strings, not table", 1),
        ('[sources.fields]\ntext = ""\n', "sources.fields.text must name the field holding the text, not be empty", 2),
        (
            '[sources.fields]\ntext = "  "\n',
            "sources.fields.text must name the field holding the text, not be empty",
            2,
        ),
    ],
)
def test_config_type_errors_name_the_actual_types(tmp_path: Path, toml: str, message: str, line: int) -> None:
    """The error names the file and the line of the key (a table given where a value belongs: its header)."""
    path = tmp_path / "copydesk.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as info:
        load_config(path, cwd=tmp_path)
    assert str(info.value) == f"{path}:{line}: {message}"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            "[run]\narticle_timeout = 0.5\n",
            "run.article_timeout must be a whole number of seconds from 0 (no limit) to 86400, not 0.5",
        ),
        (
            "[run]\narticle_timeout = 1e9\n",
            "run.article_timeout must be a whole number of seconds from 0 (no limit) to 86400, not 1000000000.0",
        ),
        (
            "[run]\narticle_timeout = 100000\n",
            "run.article_timeout must be a whole number of seconds from 0 (no limit) to 86400, not 100000",
        ),
        ("[run]\nworkers = 1.5\n", f"run.workers must be a whole number from 1 to {MAX_WORKERS}, not 1.5"),
        ("[sources]\nmax_bytes = 1e3\n", "sources.max_bytes must be a whole number from 1 to 1073741824, not 1000.0"),
        (
            "[sources]\nmax_spool_bytes = 0.5\n",
            "sources.max_spool_bytes must be a whole number from 1 to 281474976710656, not 0.5",
        ),
        ("[scoring]\nmin_words = 2.5\n", "scoring.min_words must be a whole number of at least 1, not 2.5"),
    ],
)
def test_a_fraction_for_a_whole_number_setting_says_what_is_accepted(tmp_path: Path, toml: str, message: str) -> None:
    """Not ``must be integer, not number``: the message names the whole numbers the setting takes, and the value."""
    path = tmp_path / "copydesk.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as info:
        load_config(path, cwd=tmp_path)
    assert str(info.value) == f"{path}:2: {message}"


def test_a_fraction_for_a_plugins_whole_number_setting_names_it(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_text("[plugins.readability]\nmax_sentence_words = 7.5\n")
    result = cli("score", str(sorted(SEEDS.glob("*.txt"))[0]), "--config", str(path))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"copydesk: error: {path}:2: plugins.readability.max_sentence_words must be a whole number, not 7.5\n"
    )


def test_a_plugin_list_setting_of_the_wrong_element_type_names_it(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_text("[plugins.hedging]\nextra_cues = [1, 2]\n")
    result = cli("score", str(SEEDS), "--config", str(path))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"copydesk: error: {path}:2: plugins.hedging.extra_cues must be array of strings, not array of integers"
    )


def test_an_empty_text_field_is_one_config_error_line(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_text('[sources.fields]\ntext = ""\n')
    (tmp_path / "a.jsonl").write_text('{"": "Some text here."}\n')
    result = cli("score", str(tmp_path / "a.jsonl"), "--config", str(path))
    assert result.exit_code == 2 and result.stdout == ""
    assert (
        result.stderr.strip()
        == f"copydesk: error: {path}:2: sources.fields.text must name the field holding the text, not be empty"
    )


#: ``[gate] max_failing`` as TOML and what it allows of a batch of 5 (None: refused).
MAX_FAILING_TOML = [
    ("5", 5),  # an integer count, as the docs show it
    ('"5"', 5),
    ("0", 0),
    ('"100%"', 5),
    ('"40%"', 2),
    ('"150%"', None),  # more than the whole batch
    ('"100.5%"', None),
    ("-1", None),
    ('"-1"', None),
    ('"-5%"', None),
    ("true", None),
    ("nan", None),
    ("1.5", None),  # a fractional count
    ('"1.5"', None),
    ("5.0", None),
    (f'"{"9" * 5000}"', None),  # was an internal ValueError (int() over 4300 digits), exit 3
]


@pytest.mark.parametrize(("toml", "allows"), MAX_FAILING_TOML, ids=[t[:12] for t, _ in MAX_FAILING_TOML])
def test_max_failing_in_the_config_takes_a_count_or_a_share_up_to_the_batch(
    tmp_path: Path, toml: str, allows: int | None
) -> None:
    from copydesk.ci.gate import GateSettings

    path = tmp_path / "copydesk.toml"
    path.write_text(f"[gate]\nmax_failing = {toml}\n")
    if allows is not None:
        assert GateSettings.from_table(load_config(path).gate).allowed(5) == allows
        return
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(
        f'{path}:2: gate.max_failing must be a count like "5" (at most 18 digits) or a share like "5%"'
    )
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("value", ["150%", "-1", "-1%", "true", "nan", "nan%", "1.5", "0.5", "9" * 5000])
def test_max_failing_flag_out_of_range_is_one_line_and_exit_2(value: str) -> None:
    result = run_copydesk("check", str(SEEDS), "--max-failing", value)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"copydesk: error: --max-failing {value}: gate.max_failing must be a count like"
        f' "5" (at most 18 digits) or a share like "5%" (at most 100%), not {value!r}'
    ]


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('[sources.fields]\nid = ""\n', "sources.fields.id must name a field (JSONL key or CSV column), not be empty"),
        (
            '[sources.fields]\ntitle = " "\n',
            "sources.fields.title must name a field (JSONL key or CSV column), not be empty",
        ),
        (
            '[sources.fields]\nignore = ""\n',
            "sources.fields.ignore must name a field (JSONL key or CSV column), not be empty",
        ),
        ('[run]\nselect = [""]\n', "run.select item 1 is an empty string"),
        ('[run]\nignore = ["HDG", " "]\n', "run.ignore item 2 is an empty string"),
        ('[run]\ndisable = [""]\n', "run.disable item 1 is an empty string"),
        ('[sources]\nexclude = [""]\n', "sources.exclude item 1 is an empty string"),
        ('[plugins.hedging]\nextra_cues = ["may", ""]\n', "plugins.hedging.extra_cues item 2 is an empty string"),
        (
            '[plugins.truncation]\nremove_debris = ["\\t"]\n',
            "plugins.truncation.remove_debris item 1 is an empty string",
        ),
    ],
)
def test_an_empty_field_name_or_list_entry_is_one_config_error_line(
    cli: Cli, tmp_path: Path, toml: str, key: str
) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_text(toml)
    result = cli("score", str(SEEDS), "--config", str(path))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [f"copydesk: error: {path}:2: {key}"]


@pytest.mark.parametrize("flag", ["--select", "--ignore", "--disable"])
def test_an_empty_list_flag_is_refused(cli: Cli, flag: str) -> None:
    result = cli("score", str(SEEDS), flag, " , ")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"copydesk: error: {flag} needs ") and result.stderr.count("\n") == 1
