"""Configuration: lookup order, merging, and errors that name the key and the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from copydesk.config import Flags, load_config
from copydesk.errors import ConfigError
from copydesk.models import Scorer
from copydesk.testing import config


def test_packaged_defaults_load_and_every_table_is_present() -> None:
    cfg = load_config(discover=False)
    assert cfg.run["select"] == ["ALL"] and cfg.gate["fail_under"] == 0
    assert cfg.scoring().grades[0][0] == "A" and cfg.scoring().grades[-1] == ("F", 0.0)


def test_lookup_order_explicit_then_copydesk_toml_then_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.copydesk.run]\nworkers = 3\n")
    assert load_config(cwd=tmp_path).run["workers"] == 3
    (tmp_path / "copydesk.toml").write_text("[run]\nworkers = 2\n")
    assert load_config(cwd=tmp_path).run["workers"] == 2
    explicit = tmp_path / "ci.toml"
    explicit.write_text("[run]\nworkers = 4\n")
    assert load_config(explicit, cwd=tmp_path).run["workers"] == 4
    assert load_config(explicit, cwd=tmp_path, overrides={"run": {"workers": 5}}).run["workers"] == 5


def test_pyproject_without_tool_table_falls_back_to_defaults(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    cfg = load_config(cwd=tmp_path)
    assert cfg.run["workers"] == 1 and "packaged" in cfg.source


def test_a_pyproject_named_by_config_is_read_for_its_tool_copydesk_table(tmp_path: Path) -> None:
    # as ruff, mypy and pytest read a pyproject.toml given to --config: not "unknown key 'project'"
    other = tmp_path / "sub"
    other.mkdir()
    named = other / "pyproject.toml"
    named.write_text('[project]\nname = "x"\n\n[tool.copydesk.run]\nworkers = 3\n')
    cfg = load_config(named, cwd=tmp_path)
    assert cfg.run["workers"] == 3 and cfg.source == f"{named} [tool.copydesk]"
    named.write_text('[project]\nname = "x"\n\n[tool.copydesk.gate]\nfail_under = "x"\n')
    with pytest.raises(ConfigError) as info:
        load_config(named, cwd=tmp_path)
    assert str(info.value) == f"{named}:5: [tool.copydesk] gate.fail_under must be number, not string"
    named.write_text('[project]\nname = "x"\n')
    with pytest.raises(ConfigError) as info:
        load_config(named, cwd=tmp_path)
    assert str(info.value) == f"{named}: no [tool.copydesk] table to read the configuration from"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[run]\nselekt = ['HDG']\n", "unknown key 'run.selekt'"),
        ("[nonsense]\nx = 1\n", "unknown key 'nonsense'"),
        ("[run]\nworkers = 'two'\n", "run.workers must be integer, not string"),
        ("[run]\nselect = 'HDG'\n", "run.select must be array of strings, not string"),
        ("[gate]\nfail_under = -5\n", "gate.fail_under must be between 0 and 100"),
        ("[gate]\nfail_on = 'fatal'\n", "gate.fail_on must be one of"),
        ("[gate]\nmax_failing = 'lots'\n", "gate.max_failing must be a count"),
        (
            "[gate]\nmax_failing = '٥'\n",
            'gate.max_failing must be a count like "5" (at most 18 digits) or a share like "5%" (at most 100%), not \'٥\'',
        ),
        ("[severity]\nHDG001 = 'loud'\n", "severity.HDG001 must be info, warning or error"),
        ("[scoring.weights]\nhedging = -1\n", "scoring.weights.hedging must not be negative"),
        ("[scoring.weights]\nhedging = 1e308\n", "scoring.weights.hedging must be a number up to 1e+06, not 1e+308"),
        ("[scoring.weights]\nhedging = nan\n", "scoring.weights.hedging must be a finite number, not nan"),
        (
            "[scoring.severity_penalty]\nerror = inf\n",
            "scoring.severity_penalty.error must be a finite number, not inf",
        ),
        (
            "[run]\narticle_timeout = -1\n",
            "run.article_timeout must be a whole number of seconds from 0 (no limit) to 86400, not -1",
        ),
        ("[run]\nworkers = 0\n", "run.workers must be at least 1"),
        ("[run\n", "invalid TOML"),
        ("plugins = 3\n", "plugins must be a table of tables"),
    ],
)
def test_bad_configuration_names_file_and_key(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as info:
        load_config(path, cwd=tmp_path)
    assert message in str(info.value) and str(path) in str(info.value)
    assert "\n" not in str(info.value)


PLACED = """# team settings
[gate]
fail_under = 50   # the bar

[run]
# two workers on the build machine
workers = "two"
"""


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        pytest.param(PLACED, "7: run.workers must be integer, not string", id="key-under-its-table"),
        pytest.param("[run]\n\n\nselekt = []\n", "4: unknown key 'run.selekt'", id="unknown-key"),
        pytest.param('gate.fail_under = "x"\n', "1: gate.fail_under must be number, not string", id="dotted-key"),
        pytest.param(
            '[gate]\n"fail_under" = 500\n', "2: gate.fail_under must be between 0 and 100, not 500", id="quoted"
        ),
        pytest.param("[run.select]\nx = 1\n", "1: run.select must be array of strings, not table", id="header"),
        pytest.param(
            "x = 1\n[run\n", "2: invalid TOML: Expected ']' at the end of a table declaration (column 5)", id="syntax"
        ),
        # the key at fault is named (and placed), not every key of the check
        pytest.param(
            "[scoring]\nmin_words = 300\ndensity_scale = -1\n",
            "3: scoring.density_scale must be positive, not -1",
            id="one-key-of-two",
        ),
        pytest.param("[scoring]\nmin_words = 0\n", "2: scoring.min_words must be at least 1, not 0", id="min-words"),
        # a [history] url in no accepted form is the file's error, at its line (nothing is opened)
        pytest.param(
            '[history]\nurl = "sqlite:x.db"\n',
            "2: history.url: sqlite:x.db: not a history URL; give a file path (history.db),"
            " sqlite:///relative/path.db, sqlite:////absolute/path.db, or postgresql://user@host/database"
            " (./sqlite:x.db for a file name with a colon)",
            id="history-url-form",
        ),
        pytest.param(
            '\n[history]\nurl = "postgresql://u:s3cr3t@[::1/db"\n',
            "3: history.url: postgresql://u:***@[::1/db: malformed URL (Invalid IPv6 URL); give a file path"
            " (history.db), sqlite:///relative/path.db, sqlite:////absolute/path.db, or postgresql://user@host/database",
            id="history-url-malformed",
        ),
        # a blank url would make a file named by its spaces; "" is no history
        pytest.param(
            '\n[history]\nurl = "   "\n',
            "3: history.url: '   ': a URL of white space alone names no database; give a file path (history.db),"
            " sqlite:///relative/path.db, sqlite:////absolute/path.db, or postgresql://user@host/database",
            id="history-url-blank",
        ),
        pytest.param(
            '[history]\nurl = "sqlite:///  "\n',
            "2: history.url: sqlite:///  : a SQLite URL is sqlite:///relative/path.db or sqlite:////absolute/path.db,"
            " with no ?query or #fragment (SQLite would make them part of the file name)",
            id="history-url-blank-sqlite-path",
        ),
        # grade floors: each within 0-100, A > B > C > D > F strictly; of two out of order, the one set is named
        pytest.param(
            "[scoring.grades]\nA = 50\nB = 70\n",
            "3: scoring.grades.B must be below scoring.grades.A (50), not 70",
            id="grades-out-of-order",
        ),
        pytest.param(
            "[scoring.grades]\nA = 60\n",
            "2: scoring.grades.A must be above scoring.grades.B (70), not 60",
            id="grade-below-a-default",
        ),
        pytest.param(
            "[scoring.grades]\nC = 70\n",
            "2: scoring.grades.C must be below scoring.grades.B (70), not 70",
            id="grades-equal",
        ),
        pytest.param(
            "[scoring.grades]\nA = 150\n", "2: scoring.grades.A must be between 0 and 100, not 150", id="grade-over-100"
        ),
        pytest.param(
            "\n[scoring.grades]\nF = -5\n", "3: scoring.grades.F must be between 0 and 100, not -5", id="grade-negative"
        ),
        # F is the bottom band: every score reaches it, so a floor above 0 would be ignored
        pytest.param(
            "[scoring.grades]\nD = 40\nF = 35\n",
            "3: scoring.grades.F is the bottom band: its floor must be 0 (every score reaches it), not 35",
            id="bottom-grade-above-0",
        ),
        # a number out of range is echoed as given, not rounded to look in range
        pytest.param(
            "[gate]\nfail_under = 100.00001\n",
            "2: gate.fail_under must be between 0 and 100, not 100.00001",
            id="echoed-unrounded",
        ),
        pytest.param(
            "[gate]\nsource_fail_under = 100.000001\n",
            "2: gate.source_fail_under must be between 0 and 100, not 100.000001",
            id="source-floor-echoed-unrounded",
        ),
        # a line inside a multi-line string is no key, even when it reads like one
        pytest.param(
            '[sources.fields]\nid = """\n[gate]\nfail_under = 1\n"""\n[gate]\nfail_under = "x"\n',
            "7: gate.fail_under must be number, not string",
            id="multi-line-string",
        ),
        pytest.param(
            "[sources.fields]\nid = '''\n[gate]\nfail_under = 1\n'''\n[gate]\nfail_under = \"x\"\n",
            "7: gate.fail_under must be number, not string",
            id="multi-line-literal-string",
        ),
        # quotes inside a one-line string or a comment open no multi-line string
        pytest.param(
            '[sources.fields]\nid = "a\\"\\"\\"b" # """\n[gate]\nfail_under = "x"\n',
            "4: gate.fail_under must be number, not string",
            id="quotes-in-a-string",
        ),
        # an unknown table is placed where a dotted key or a header first opens it
        pytest.param("\nbogus.key = 1\n", "2: unknown key 'bogus'", id="unknown-dotted-table"),
        pytest.param("\n[bogus.sub]\nkey = 1\n", "2: unknown key 'bogus'", id="unknown-header-table"),
        # a key of any spelling is placed by its parts as TOML reads them, not as the message shows them
        pytest.param('[run]\nworkers = 1\n"a b" = 1\n', "3: unknown key 'run.a b'", id="quoted-key-with-a-space"),
        pytest.param('[run]\n\n"\\u00e9t\\u00e9" = 1\n', "3: unknown key 'run.\u00e9t\u00e9'", id="escaped-key"),
        pytest.param('[run]\n\n"\u00e9" = 1\n', "3: unknown key 'run.\u00e9'", id="non-ascii"),
        pytest.param('\n[scoring."we[ird"]\nx = 1\n', "2: unknown key 'scoring.we[ird'", id="bracket-in-a-header"),
        # a key set inside an inline table is not placed: the file alone is named
        pytest.param(
            "gate = { fail_under = 500 }\n", " gate.fail_under must be between 0 and 100, not 500", id="inline"
        ),
    ],
)
def test_a_configuration_error_names_the_line_of_its_key(tmp_path: Path, toml: str, expected: str) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as info:
        load_config(path, cwd=tmp_path)
    assert str(info.value) == f"{path}:{expected}"


def test_grade_floors_in_order_and_range_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_text("[scoring.grades]\nA = 100\nB = 75\nC = 60\nD = 45\nF = 0\n")
    assert [band for band, _ in load_config(path, cwd=tmp_path).scoring().grades] == ["A", "B", "C", "D", "F"]


def test_a_config_file_not_named_toml_is_placed_too(tmp_path: Path) -> None:
    path = tmp_path / "team.conf"
    path.write_text('[run]\nworkers = "x"\n')
    with pytest.raises(ConfigError) as info:
        load_config(path, cwd=tmp_path)
    assert str(info.value) == f"{path}:2: run.workers must be integer, not string"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[project]\nname = "x"\n[tool]\ncopydesk = "x"\n',
            ":4: tool.copydesk must be a table ([tool.copydesk]), not string",
        ),
        ("[tool]\ncopydesk = []\n", ":2: tool.copydesk must be a table ([tool.copydesk]), not array"),
        ("tool = 3\n", ":1: tool must be a table ([tool]), not integer"),
    ],
)
def test_a_pyproject_copydesk_or_tool_entry_that_is_no_table_is_an_error_naming_its_line(
    tmp_path: Path, toml: str, message: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(toml)
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    assert str(info.value) == f"{tmp_path / 'pyproject.toml'}{message}"


def test_a_pyproject_table_error_names_the_line_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.copydesk.gate]\nfail_under = "x"\n')
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    assert (
        str(info.value)
        == f"{tmp_path / 'pyproject.toml'}:5: [tool.copydesk] gate.fail_under must be number, not string"
    )


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(tmp_path / "missing.toml")


SCORER = Scorer(
    prefix="ZZ", name="zz", rules=(), score=lambda d, c: [], settings={"limit": 3, "words": ["a"], "ratio": 0.5}
)


def test_plugin_sections_are_checked_against_the_scorer_settings() -> None:
    cfg = config({"plugins": {"zz": {"limit": 7, "ratio": 1}}})
    cfg.validate_plugins([SCORER], ())
    assert dict(cfg.plugin_settings(SCORER)) == {"limit": 7, "words": ["a"], "ratio": 1}
    with pytest.raises(ConfigError, match=r"unknown key 'plugins\.zz\.limt'"):
        config({"plugins": {"zz": {"limt": 7}}}).validate_plugins([SCORER], ())
    with pytest.raises(ConfigError, match=r"plugins\.zz\.words must be array"):
        config({"plugins": {"zz": {"words": "a"}}}).validate_plugins([SCORER], ())
    with pytest.raises(ConfigError, match=r"\[plugins.nobody\] names no loaded scorer"):
        config({"plugins": {"nobody": {"x": 1}}}).validate_plugins([SCORER], ())
    config({"plugins": {"nobody": {"x": 1}}}).validate_plugins([SCORER], ("nobody",))


FILE = '[run]\nselect = ["HDG"]\nignore = ["HDG001"]\ndisable = ["figures"]\nworkers = 2\n'


@pytest.mark.parametrize(
    ("flags", "run"),
    [
        (Flags(), {"select": ["HDG"], "ignore": ["HDG001"], "disable": ["figures"], "workers": 2}),
        (Flags(select=("RDB",)), {"select": ["RDB"], "ignore": ["HDG001"], "disable": ["figures"], "workers": 2}),
        (Flags(ignore=("HDG002",)), {"select": ["HDG"], "ignore": ["HDG001", "HDG002"], "disable": ["figures"]}),
        (Flags(disable=("hedging",)), {"ignore": ["HDG001"], "disable": ["figures", "hedging"], "workers": 2}),
        (Flags(workers=7), {"select": ["HDG"], "workers": 7}),
    ],
)
def test_flags_replace_select_and_workers_and_add_to_ignore_and_disable(
    tmp_path: Path, flags: Flags, run: dict[str, object]
) -> None:
    (tmp_path / "copydesk.toml").write_text(FILE)
    cfg = load_config(cwd=tmp_path, flags=flags)
    assert {key: cfg.run[key] for key in run} == run


@pytest.mark.parametrize(
    ("gate", "message"),
    [
        ({"fail_under": 101.0}, "--fail-under 101: gate.fail_under must be between 0 and 100, not 101"),
        ({"fail_on": "fatal"}, "--fail-on fatal: gate.fail_on must be one of info, warning, error, none"),
        (
            {"max_failing": "many"},
            '--max-failing many: gate.max_failing must be a count like "5" (at most 18 digits) or a share like "5%" (at most 100%),'
            " not 'many'",
        ),
    ],
)
def test_gate_flags_are_validated_once_naming_the_flag(gate: dict[str, object], message: str) -> None:
    assert load_config(discover=False, flags=Flags(gate={"fail_under": 50.0})).gate["fail_under"] == 50.0
    with pytest.raises(ConfigError) as info:
        load_config(discover=False, flags=Flags(gate=gate))
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("key", "value", "ok"),
    [
        ("max_bytes", 1, True),
        ("max_bytes", 2**30, True),
        ("max_bytes", 0, False),
        ("max_bytes", 2**30 + 1, False),  # read in one buffer: a bigger one was a MemoryError, exit 3
        ("max_bytes", 10**20, False),  # was an OverflowError, exit 3
        ("max_spool_bytes", 2**48, True),
        ("max_spool_bytes", 2**48 + 1, False),
    ],
)
def test_source_size_limits_are_bounded_both_ways(tmp_path: Path, key: str, value: int, ok: bool) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f"[sources]\n{key} = {value}\n", encoding="utf-8")
    if ok:
        assert load_config(path).sources[key] == value
    else:
        with pytest.raises(ConfigError, match=rf"sources\.{key} must be from 1 to \d+ \(2\*\*\d+\), not {value}$"):
            load_config(path)


def test_a_flag_out_of_range_is_echoed_as_given_not_rounded_into_range() -> None:
    from copydesk.cli import app
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["check", "seeds/", "--fail-under", "100.00001"])
    assert result.exit_code == 2
    assert "--fail-under 100.00001: gate.fail_under must be between 0 and 100, not 100.00001" in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"[run]\nworkers = 2\n# caf\xe9 au lait\n",
            ":3: not valid UTF-8 (byte 6 of the line: invalid continuation byte)",
        ),
        (
            b"\xef\xbb\xbf[run]\n\xff = 1\n",
            ":2: not valid UTF-8 (byte 1 of the line: invalid start byte)",
        ),  # after a BOM
        ("[run]\nworkers = 2\n".encode("utf-16"), ": encoded as UTF-16 or UTF-32 (a byte order mark); a configuration"),
    ],
)
def test_a_configuration_file_that_is_not_utf8_is_named_with_the_line_it_breaks_on(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_bytes(content)
    with pytest.raises(ConfigError) as info:
        load_config(path, cwd=tmp_path)
    assert str(info.value).startswith(f"{path}{expected}"), str(info.value)
