"""Loading plugins: validation failures name the plugin; disabling skips it."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from copydesk import Feature, Rule, Scorer, distributions, hookimpl
from copydesk.errors import PluginError
from copydesk.manager import load_plugins


def scorer(prefix: str = "TST", codes: tuple[str, ...] = ("TST001",), name: str = "tst") -> Scorer:
    return Scorer(
        prefix=prefix, name=name, rules=tuple(Rule(c, "some-rule", "m") for c in codes), score=lambda d, c: []
    )


def featured(**declared: str) -> Scorer:
    """The TST scorer declaring one feature, ``rate``, with ``declared`` fields in place of the valid ones."""
    fields = {"name": "rate", "direction": "problem", "doc": "a rate", "unit": "share", **declared}
    return dataclasses.replace(scorer(), features=(Feature(**fields),))


def described(docs: Any) -> Scorer:
    """The TST scorer with one setting, ``limit``, and ``docs`` as its ``setting_docs``."""
    return dataclasses.replace(scorer(), settings={"limit": 1}, setting_docs=docs)


class Provides:
    def __init__(self, *scorers: Scorer) -> None:
        self.scorers = list(scorers)

    @hookimpl
    def copydesk_scorers(self) -> list[Scorer]:
        return self.scorers


class Misspelled:
    @hookimpl
    def copydesk_scorer(self) -> list[Scorer]:  # the hook is copydesk_scorers
        return []


class Raises:
    @hookimpl
    def copydesk_scorers(self) -> list[Scorer]:
        raise RuntimeError("cannot build")


class Interrupts:
    @hookimpl
    def copydesk_scorers(self) -> list[Scorer]:
        raise KeyboardInterrupt  # no signal was sent: the plugin's own doing


@pytest.mark.parametrize(
    ("plugins", "culprit", "problem"),
    [
        ([("typo", Misspelled())], "typo", "unknown hook 'copydesk_scorer'"),
        ([("raiser", Raises())], "raiser", "RuntimeError: cannot build"),
        ([("kbi", Interrupts())], "kbi", "failed to load: KeyboardInterrupt;"),
        (
            [("a", Provides(scorer())), ("b", Provides(scorer(codes=("TST002",), name="b")))],
            "b",
            "prefix TST is already used by plugin 'a'",
        ),
        (
            [("a", Provides(scorer(), scorer("TSU", ("TST001",), "c")))],
            "a",
            "rule code 'TST001' is not TSU followed by three digits",
        ),
        ([("a", Provides(scorer("TST", ("TST01",))))], "a", "rule code 'TST01'"),
        ([("a", Provides(scorer("CD", ("CD100",))))], "a", "invalid scorer prefix 'CD'"),
        ([("a", Provides(scorer("TST", ("TST001", "TST001"))))], "a", "duplicate rule code TST001"),
        ([("a", Provides(scorer(name="Bad Name")))], "a", "invalid scorer name"),
        # a feature learn-weights would fit into a model file copydesk then refuses to read
        ([("a", Provides(featured(direction="up")))], "a", "feature 'rate' direction 'up' is not 'problem' or"),
        ([("a", Provides(featured(unit="percent")))], "a", "feature 'rate' unit 'percent' is not one of per_1000"),
        ([("a", Provides(featured(name="Rate")))], "a", "feature 'Rate' name is not snake_case"),
        # a misspelled description would describe nothing, in silence
        ([("a", Provides(described({"limt": "x"})))], "a", "setting_docs describes 'limt', which is no setting"),
        ([("a", Provides(described({"limit": 3})))], "a", "setting_docs['limit'] must be a str, not int"),
        (
            [("a", Provides(described(["limit"])))],
            "a",
            "setting_docs must be a mapping of setting to description, not list",
        ),
    ],
)
def test_invalid_plugins_fail_with_their_name(plugins: list[tuple[str, Any]], culprit: str, problem: str) -> None:
    with pytest.raises(PluginError) as info:
        load_plugins(extra=plugins, entry_points=False)
    assert info.value.plugin == culprit and problem in str(info.value)
    assert f"--disable {culprit}" in str(info.value) and "\n" not in str(info.value)


def test_disabled_plugin_is_not_registered() -> None:
    loaded = load_plugins(
        extra=[("typo", Misspelled()), ("ok", Provides(scorer()))], disable=["typo"], entry_points=False
    )
    assert [p.name for p in loaded.plugins] == ["ok"] and loaded.disabled == ("typo",)
    assert loaded.unmatched == ()
    assert load_plugins(extra=[("ok", Provides(scorer()))], disable=["okk"], entry_points=False).unmatched == ("okk",)
    assert [s.prefix for _, s in loaded.scorers] == ["TST"]


def test_builtins_come_through_entry_points_and_can_be_disabled() -> None:
    loaded = load_plugins()
    names = {p.name for p in loaded.plugins}
    assert {"reporters", "readability"} <= names
    assert all(p.distribution == "copydesk" for p in loaded.plugins if p.name in {"reporters", "readability"})
    without = load_plugins(disable=["readability"])
    assert "readability" not in {p.name for p in without.plugins}
    assert "RDB" not in {s.prefix for _, s in without.scorers}


def test_tolerant_loading_records_each_failed_plugin_and_keeps_the_others() -> None:
    half_valid = Provides(scorer("TSA", ("TSA001",), "tsa"), scorer("TSB", ("TSB01",), "tsb"))
    loaded = load_plugins(
        extra=[("typo", Misspelled()), ("half", half_valid), ("ok", Provides(scorer()))],
        entry_points=False,
        tolerant=True,
    )
    assert [p.name for p in loaded.plugins] == ["ok"]
    assert [s.prefix for _, s in loaded.scorers] == ["TST"]  # half's valid TSA is taken back with it
    assert [(info.name, error.plugin) for info, error in loaded.failed] == [("half", "half"), ("typo", "typo")]
    assert "unknown hook 'copydesk_scorer'" in loaded.failed[1][1].problem
    assert loaded.manager.get_plugin("half") is None and loaded.manager.get_plugin("typo") is None


@pytest.mark.usefixtures("standard_distribution_finders")
def test_a_distributions_metadata_is_parsed_once_for_all_its_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """copydesk's nine entry points share one read of its METADATA, and get importlib.metadata's name and version.

    Read by :mod:`copydesk.distributions`; were it to hand over to ``importlib.metadata``
    (another distribution finder on ``sys.meta_path``, say), that parses it once too.
    """
    import importlib.metadata

    own = importlib.metadata.distribution("copydesk")
    name, version = own.metadata["Name"], own.version
    reads: list[str] = []
    read = distributions._read

    def counted(folder: str, file: str) -> str | None:
        reads.append(file)
        return read(folder, file)

    monkeypatch.setattr(distributions, "_read", counted)
    plugins = load_plugins()
    infos = [p for p in plugins.plugins if p.distribution == name]
    assert len(infos) > 1 and {p.version for p in infos} == {version}
    assert reads.count("METADATA") == 1


CLASH = """
from copydesk import Rule, Scorer, hookimpl


@hookimpl
def copydesk_scorers():
    return [Scorer(prefix="HDG", name="foo-bar", rules=(Rule("HDG900", "foo-rule", "m"),), score=lambda d, c: [])]
"""


def with_third_party(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> None:
    """Install (as far as copydesk can tell) copydesk-NAME 0.1.0, whose plugin NAME takes the prefix HDG."""
    (tmp_path / "clash_plugin.py").write_text(CLASH)
    monkeypatch.syspath_prepend(str(tmp_path))
    installed = distributions.entry_points
    third = distributions.EntryPoint(name, "clash_plugin", "copydesk", f"copydesk-{name}", "0.1.0")
    monkeypatch.setattr(distributions, "entry_points", lambda group: [third, *installed(group)])


@pytest.mark.parametrize("name", ["foo-bar", "zz-last"])
def test_a_third_party_plugin_taking_a_builtin_prefix_is_the_one_that_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str
) -> None:
    """Built-ins load first, whatever the names' order: the newcomer is named, with advice that keeps hedging."""
    with_third_party(monkeypatch, tmp_path, name)
    with pytest.raises(PluginError) as info:
        load_plugins()
    assert str(info.value) == (
        f"plugin '{name}' (copydesk-{name} 0.1.0) failed to load: ValueError: scorer prefix HDG is already used"
        f" by plugin 'hedging'; run with --disable {name} to go on without it"
    )
    loaded = load_plugins(disable=[name])
    assert "HDG" in {s.prefix for _, s in loaded.scorers}


def test_a_third_party_plugin_reusing_a_builtin_name_fails_and_the_builtin_loads(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """--disable hedging would disable both: the advice is to uninstall or rename the newcomer."""
    with_third_party(monkeypatch, tmp_path, "hedging")
    with pytest.raises(PluginError) as info:
        load_plugins()
    assert str(info.value) == (
        "plugin 'hedging' (copydesk-hedging 0.1.0) failed to load: entry point name also used by copydesk;"
        " uninstall copydesk-hedging or rename its entry point to go on without it"
        " (--disable hedging would disable both)"
    )
    loaded = load_plugins(tolerant=True)
    [(holder, scorer)] = [(i, s) for i, s in loaded.scorers if s.prefix == "HDG"]
    assert (holder.distribution, scorer.name) == ("copydesk", "hedging")
    assert [(i.name, i.distribution) for i, _ in loaded.failed] == [("hedging", "copydesk-hedging")]


@pytest.mark.parametrize(
    ("scorer", "problem"),
    [
        (
            'Scorer(prefix="QQQ", name="hedging", rules=(Rule("QQQ001", "qq-rule", "m"),), score=lambda d, c: [])',
            "scorer name 'hedging' is already used by plugin 'hedging'",
        ),
        (
            'Scorer(prefix="QQQ", name="qq", rules=(Rule("QQQ001", "vague-attribution", "m"),), score=lambda d, c: [])',
            "rule name 'vague-attribution' of QQQ001 is already used by plugin 'hedging'",
        ),
    ],
    ids=["scorer-name", "rule-name"],
)
def test_a_third_party_scorer_or_rule_taking_a_builtin_name_is_the_one_that_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, scorer: str, problem: str
) -> None:
    """Names select rules and weigh scorers: a second holder would share the built-in's settings and selectors."""
    module = f"name_clash_{len(problem)}"  # one module per case (an imported module is kept)
    (tmp_path / f"{module}.py").write_text(
        f"from copydesk import Rule, Scorer, hookimpl\n\n\n@hookimpl\ndef copydesk_scorers():\n    return [{scorer}]\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    installed = distributions.entry_points
    third = distributions.EntryPoint("yy", module, "copydesk", "copydesk-yy", "0.1.0")
    monkeypatch.setattr(distributions, "entry_points", lambda group: [third, *installed(group)])
    with pytest.raises(PluginError) as info:
        load_plugins()
    assert str(info.value) == (
        f"plugin 'yy' (copydesk-yy 0.1.0) failed to load: ValueError: {problem}; run with --disable yy to go on without it"
    )
