"""Session.open: the configuration read once, the plugins loaded once, every setting checked before scoring.

Also :class:`Survey`, the read-only commands' tolerant variant: the same reading and
loading, with a failed plugin or a refused setting recorded instead of raised.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from copydesk import Rule, Scorer, config, hookimpl, session
from copydesk.config import Flags
from copydesk.errors import ConfigError, PluginError
from copydesk.manager import PluginSet, load_plugins
from copydesk.model import features_only
from copydesk.modelfile import ModelError, dumps
from copydesk.session import Options, Session, Survey

TST = Scorer(
    prefix="TST",
    name="tst",
    rules=(Rule("TST001", "test-rule", "m", doc="d"),),
    score=lambda d, c: [],
    settings={"limit": 3},
)
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


class Provides:
    """A plugin providing one scorer."""

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer

    @hookimpl
    def copydesk_scorers(self) -> list[Scorer]:
        return [self.scorer]


class Raises:
    """A plugin whose hook raises when the plugins are collected."""

    @hookimpl
    def copydesk_scorers(self) -> list[Scorer]:
        raise RuntimeError("cannot build")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every configuration file read, in order."""
    seen: list[Path] = []
    real = config._read_toml

    def counting(path: Path) -> dict[str, Any]:
        seen.append(path)
        return real(path)

    monkeypatch.setattr(config, "_read_toml", counting)
    return seen


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """Every load_plugins call of a session (its arguments); the plugins are TST's and, when asked, a raising one."""
    calls: list[dict[str, Any]] = []
    extra: list[tuple[str, Any]] = [("tst", Provides(TST))]

    def counting(**kwargs: Any) -> PluginSet:
        calls.append(kwargs)
        return load_plugins(extra=extra, entry_points=False, **kwargs)

    monkeypatch.setattr(session, "load_plugins", counting)
    calls.append({"extra": extra})  # the first entry lets a test add plugins; the calls follow
    yield calls


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "copydesk.toml"
    path.write_text(text)
    return path


def test_open_reads_the_configuration_once_and_loads_the_plugins_once(
    tmp_path: Path, reads: list[Path], loads: list[dict[str, Any]]
) -> None:
    path = _write(tmp_path, '[run]\nworkers = 2\ndisable = ["other"]\n[plugins.tst]\nlimit = 5\n')
    opened = Session.open(Options(config_path=path, flags=Flags(disable=("more",))))
    assert reads == [path]
    assert loads[1:] == [{"disable": ["other", "more"]}]
    assert opened.workers == 2 and opened.config.source == str(path)
    [active] = opened.runner.active
    assert active.scorer is TST and active.context.settings["limit"] == 5
    assert opened.runner.config is opened.config


def test_open_uses_a_given_plugin_set_without_loading(tmp_path: Path, reads: list[Path], loads: list[Any]) -> None:
    given = load_plugins(extra=[("tst", Provides(TST))], entry_points=False)
    opened = Session.open(Options(config_path=_write(tmp_path, ""), plugins=given))
    assert opened.plugins is given and loads[1:] == [] and len(reads) == 1


def test_open_finds_the_project_file_in_cwd_once(tmp_path: Path, reads: list[Path], loads: list[Any]) -> None:
    path = _write(tmp_path, "[run]\nworkers = 3\n")
    assert Session.open(Options(cwd=tmp_path)).workers == 3 and reads == [path]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[run]\nselekt = []\n", "unknown key 'run.selekt'"),
        ("[run\n", "invalid TOML"),
        ("[plugins.tst]\nlimt = 1\n", "unknown key 'plugins.tst.limt'"),
        ("[plugins.tst]\nlimit = 'x'\n", "plugins.tst.limit must be integer, not string"),
        ("[plugins.nobody]\nx = 1\n", "[plugins.nobody] names no loaded scorer"),
        ("[run]\nselect = ['ZZZ999']\n", "'ZZZ999' matches no rule"),
        # a quoted key (a space, an escape, a bracket) is placed on its line by its parts, not by the message's text
        ('[plugins.tst]\n\n"li mit" = 1\n', "copydesk.toml:3: unknown key 'plugins.tst.li mit'"),
        ('[plugins.tst]\n\n"lim\\u001bit" = 1\n', "copydesk.toml:3: unknown key 'plugins.tst.lim\x1bit'"),
        ('[plugins."no[body"]\nx = 1\n', "copydesk.toml:1: [plugins.no[body] names no loaded scorer"),
        ('[scoring.weights]\n\n"t st" = 1.0\n', "copydesk.toml:3: scoring.weights.t st names no loaded scorer"),
        ('[severity]\n\n"TST 001" = "error"\n', "copydesk.toml:3: severity.TST 001 names no rule"),
    ],
)
def test_a_bad_configuration_is_one_config_error_naming_file_and_key(
    tmp_path: Path, loads: list[Any], toml: str, message: str
) -> None:
    path = _write(tmp_path, toml)
    with pytest.raises(ConfigError) as info:
        Session.open(Options(config_path=path))
    assert message in str(info.value) and str(path) in str(info.value) and "\n" not in str(info.value)


def test_a_plugin_that_fails_to_load_is_a_plugin_error_naming_it(tmp_path: Path, loads: list[Any]) -> None:
    loads[0]["extra"].append(("raiser", Raises()))
    with pytest.raises(PluginError) as info:
        Session.open(Options(config_path=_write(tmp_path, "")))
    assert info.value.plugin == "raiser" and "RuntimeError: cannot build" in str(info.value)
    disabled = Session.open(Options(config_path=_write(tmp_path, '[run]\ndisable = ["raiser"]\n')))
    assert [p.name for p in disabled.plugins.plugins] == ["tst"]


def test_a_settings_check_that_raises_is_the_plugins_failure_not_the_configs(tmp_path: Path) -> None:
    def check(settings: Any) -> Iterator[tuple[str, str]]:
        raise KeyError("limit")

    broken = load_plugins(extra=[("tst", Provides(replace(TST, check=check)))], entry_points=False)
    with pytest.raises(PluginError, match="settings check raised KeyError"):
        Session.open(Options(config_path=_write(tmp_path, ""), plugins=broken))


def test_warnings_name_a_disabled_plugin_nobody_has(tmp_path: Path, loads: list[Any]) -> None:
    opened = Session.open(Options(config_path=_write(tmp_path, '[run]\ndisable = ["nobdy"]\n')))
    # (the scorers this test loads are not the packaged model's: the next line says so)
    assert opened.warnings()[0] == (
        "copydesk: warning: disable 'nobdy': no plugin of that name is installed (see 'copydesk plugins')"
    )


def test_warnings_say_workers_have_no_effect_on_a_dask_cluster(tmp_path: Path) -> None:
    dask = Flags(workers=2, executor="dask://127.0.0.1:8786")
    line = (
        "copydesk: warning: workers = 2 (-j/--workers, [run] workers) has no effect with executor"
        " dask://127.0.0.1:8786: the cluster's workers and their threads set how many articles are scored at once"
    )
    assert line in Session.open(Options(config_path=_write(tmp_path, ""), flags=dask)).warnings()
    for flags in (replace(dask, workers=1), replace(dask, executor="local")):
        assert not [w for w in Session.open(Options(flags=flags)).warnings() if "workers =" in w]


def test_survey_records_a_failed_plugin_and_a_refused_setting_instead_of_raising(
    tmp_path: Path, reads: list[Path], loads: list[Any]
) -> None:
    loads[0]["extra"].append(("raiser", Raises()))
    path = _write(tmp_path, "[plugins.tst]\nlimt = 1\n")
    survey = Survey.open(Options(config_path=path))
    assert reads == [path] and loads[1:] == [{"disable": [], "tolerant": True}]
    assert [p.name for p in survey.plugins.plugins] == ["tst"]
    assert [error.plugin for _, error in survey.plugins.failed] == ["raiser"]
    assert isinstance(survey.refused, ConfigError) and "plugins.tst.limt" in str(survey.refused)
    with pytest.raises(ConfigError, match=r"unknown key 'run\.selekt'"):
        Survey.open(Options(config_path=_write(tmp_path, "[run]\nselekt = []\n")))


def test_survey_of_a_sound_setup_refuses_nothing(tmp_path: Path, loads: list[Any]) -> None:
    survey = Survey.open(Options(config_path=_write(tmp_path, "[plugins.tst]\nlimit = 4\n")))
    assert survey.refused is None and survey.plugins.failed == ()


def _features(opened: Session) -> list[dict[str, Any]]:
    """Each seed's features per scorer, as the JSON report gives them (what scripts/model_data.py reads)."""
    from copydesk.formats.schema import article_dict
    from copydesk.sources import Batch

    batch = Batch([str(SEEDS)], opened.config.sources)
    reports = opened.runner.run(lambda: iter(batch), workers=1)
    return [{s["name"]: s.get("features") for s in article_dict(r)["scorers"]} for r in reports]


def test_a_given_model_is_scored_with_and_no_model_file_is_read(tmp_path: Path) -> None:
    # scripts/model_data.py extracts the features before any model exists; a featureless model *file* is refused
    featureless = tmp_path / "featureless.json"
    featureless.write_text(dumps(features_only()), encoding="utf-8")
    named = Options(cwd=tmp_path, overrides={"scoring": {"model": str(featureless)}})
    with pytest.raises(ModelError, match="'features' is empty"):
        Session.open(named)
    opened = Session.open(named, model=features_only())
    assert opened.runner.model == features_only()
    extracted = _features(opened)
    assert len(extracted) == 5 and all(features["hedging"] for features in extracted)
    assert extracted == _features(Session.open(Options(cwd=tmp_path)))  # features never depend on the model
