"""Build the plugin manager for one run: entry points, disabling, validation, load errors.

Built-in scorers are entry points of copydesk's own distribution, so they are found,
listed and disabled exactly like third-party ones. Entry points are iterated here
rather than through ``load_setuptools_entrypoints()`` so that a failure names its
plugin, distribution and version; :mod:`copydesk.distributions` reads them (what
``importlib.metadata`` would answer, without its cost at every start).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import pluggy
from copydesk import distributions, hookspecs
from copydesk.errors import PluginError, describe, plugin_raised
from copydesk.models import Reporter, Rule, Scorer
from copydesk.rules import feature_problems, scorer_problems, setting_doc_problems
from copydesk.safety import shown

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "copydesk"
#: copydesk's own distribution: its built-in plugins load first, so a clash is the other plugin's.
OWN_DISTRIBUTION = "copydesk"


@dataclass(frozen=True)
class PluginInfo:
    """A registered plugin: its entry-point name and where it comes from."""

    name: str
    distribution: str
    version: str
    module: str


@dataclass(frozen=True)
class PluginSet:
    """Everything one run loaded: the manager, the plugins and what they provide."""

    manager: pluggy.PluginManager
    plugins: tuple[PluginInfo, ...]
    scorers: tuple[tuple[PluginInfo, Scorer], ...]
    reporters: dict[str, tuple[PluginInfo, Reporter]]
    disabled: tuple[str, ...] = ()
    #: names in ``disabled`` that no installed or given plugin carries (a typo, or a
    #: plugin not installed here): the run warns and goes on
    unmatched: tuple[str, ...] = ()
    #: plugins that failed to load, when loaded with ``tolerant=True`` (``copydesk plugins``)
    failed: tuple[tuple[PluginInfo, PluginError], ...] = ()

    def rules(self) -> list[tuple[PluginInfo, Scorer, Rule]]:
        """Every rule with the plugin and scorer that declare it, in code order."""
        rows = [(info, scorer, rule) for info, scorer in self.scorers for rule in scorer.rules]
        return sorted(rows, key=lambda row: row[2].code)


def _entry_points() -> list[distributions.EntryPoint]:
    """The ``copydesk`` entry points of every installed distribution in load order.

    copydesk's own (the built-ins) first, then the others, each part sorted by name (then
    distribution, then object). Plugins are registered and validated in this order, so
    when two take the same name, scorer prefix, rule code or format, the later one fails
    to load (a third-party plugin, never a built-in) and the error names the earlier one.
    """
    points = distributions.entry_points(ENTRY_POINT_GROUP)
    return sorted(points, key=lambda ep: (ep.distribution != OWN_DISTRIBUTION, ep.name, ep.distribution, ep.value))


class NameTaken(PluginError):
    """A plugin whose entry-point name an earlier plugin has: ``--disable NAME`` would disable both."""

    def __init__(self, info: PluginInfo, holder: PluginInfo) -> None:
        """Name the plugin, the distribution already holding its name, and what to do instead of --disable."""
        problem = f"entry point name also used by {holder.distribution}"
        super().__init__(info.name, f"{info.distribution} {info.version}", problem)
        self.args = (
            f"plugin '{info.name}' ({info.distribution} {info.version}) failed to load: {problem}; "
            f"uninstall {info.distribution} or rename its entry point to go on without it"
            f" (--disable {info.name} would disable both)",
        )


def new_manager() -> pluggy.PluginManager:
    """A fresh plugin manager with copydesk's hookspecs and nothing registered."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    return manager


#: Called with a plugin that failed to load: raises its error, or records it (tolerant loading).
Failed = Callable[[PluginInfo, PluginError], None]


def _register(manager: pluggy.PluginManager, info: PluginInfo, plugin: Any) -> PluginError | None:
    """Register one plugin object and check its hooks; unregister it and return the error on failure."""
    try:
        manager.register(plugin, name=info.name)
        manager.check_pending()
    except BaseException as exc:  # isolation point: plugin loading (sys.exit() and a KeyboardInterrupt it raised too)
        if not plugin_raised(exc):
            raise
        if manager.get_plugin(info.name) is not None:
            manager.unregister(name=info.name)
        return PluginError(info.name, f"{info.distribution} {info.version}", describe(exc))
    return None


def validate_scorer(scorer: Scorer, seen_codes: dict[str, str], seen_prefixes: dict[str, str], owner: str) -> None:
    """Raise ValueError when a scorer breaks the rule contract or takes a prefix or code already used."""
    if not isinstance(scorer, Scorer):
        raise ValueError(f"copydesk_scorers returned {type(scorer).__name__}, not Scorer")
    if problems := scorer_problems(scorer) + feature_problems(scorer) + setting_doc_problems(scorer):
        raise ValueError(problems[0])
    if scorer.prefix in seen_prefixes:
        raise ValueError(
            f"scorer prefix {scorer.prefix} is already used by plugin {shown(seen_prefixes[scorer.prefix])}"
        )
    # Names select rules and weigh scorers as codes do: a second holder would share the first's settings and selectors.
    if (named := seen_codes.get(f"scorer {scorer.name}")) is not None:
        raise ValueError(f"scorer name {shown(scorer.name)} is already used by plugin {shown(named)}")
    for rule in scorer.rules:
        if rule.code in seen_codes:
            raise ValueError(f"duplicate rule code {rule.code} (also in plugin {shown(seen_codes[rule.code])})")
        if (named := seen_codes.get(f"rule {rule.name}")) is not None:
            raise ValueError(f"rule name {shown(rule.name)} of {rule.code} is already used by plugin {shown(named)}")
        seen_codes[rule.code] = seen_codes[f"rule {rule.name}"] = owner
    seen_codes[f"scorer {scorer.name}"] = owner
    seen_prefixes[scorer.prefix] = owner


class _Collected:
    """What the plugins loaded so far provide, and the codes and prefixes they took."""

    def __init__(self) -> None:
        self.scorers: list[tuple[PluginInfo, Scorer]] = []
        self.reporters: dict[str, tuple[PluginInfo, Reporter]] = {}
        self.codes: dict[str, str] = {}
        self.prefixes: dict[str, str] = {}

    def add(self, info: PluginInfo, provided: list[Any], formats: list[Any]) -> None:
        """Validate one plugin's scorers and formats; take them all, or raise and take none."""
        codes, prefixes, reporters = dict(self.codes), dict(self.prefixes), dict(self.reporters)
        for scorer in provided:
            validate_scorer(scorer, codes, prefixes, info.name)
        for reporter in formats:
            if not isinstance(reporter, Reporter):
                raise ValueError(f"copydesk_reporters returned {type(reporter).__name__}, not Reporter")
            if reporter.name in reporters:
                raise ValueError(
                    f"format {shown(reporter.name)} is already provided by {shown(reporters[reporter.name][0].name)}"
                )
            reporters[reporter.name] = (info, reporter)
        self.scorers += [(info, scorer) for scorer in provided]
        self.codes, self.prefixes, self.reporters = codes, prefixes, reporters


def _collect(manager: pluggy.PluginManager, infos: dict[str, PluginInfo], failed: Failed) -> _Collected:
    """Call each plugin's hooks one plugin at a time, in load order, validating what each returns.

    A plugin that fails is unregistered and handed to ``failed`` (which raises, unless tolerant).
    What they provide is kept in plugin-name order.
    """
    collected = _Collected()
    impls = {impl.plugin_name: impl for impl in manager.hook.copydesk_scorers.get_hookimpls()}
    rimpls = {impl.plugin_name: impl for impl in manager.hook.copydesk_reporters.get_hookimpls()}
    for name in list(infos):
        info = infos[name]
        try:
            provided: list[Any] = list(cast(Iterable[Any], impls[name].function())) if name in impls else []
            formats: list[Any] = list(cast(Iterable[Any], rimpls[name].function())) if name in rimpls else []
            collected.add(info, provided, formats)
        except (
            BaseException
        ) as exc:  # isolation point: plugin loading (sys.exit() and a KeyboardInterrupt it raised too)
            if not plugin_raised(exc):
                raise
            manager.unregister(name=name)
            del infos[name]
            failed(info, PluginError(name, f"{info.distribution} {info.version}", describe(exc)))
    collected.scorers.sort(key=lambda pair: pair[0].name)  # stable: a plugin's own scorers keep their order
    collected.reporters = dict(sorted(collected.reporters.items(), key=lambda item: item[1][0].name))
    return collected


def _candidates(
    points: list[distributions.EntryPoint],
    extra: Sequence[tuple[str, Any]],
    disabled: tuple[str, ...],
    failed: Failed,
) -> list[tuple[PluginInfo, Any]]:
    """Import every enabled entry point, then take the ``extra`` objects; a failed import goes to ``failed``."""
    candidates: list[tuple[PluginInfo, Any]] = []
    names: dict[str, PluginInfo] = {}
    for ep in points:
        if ep.name in disabled:
            continue
        dist, version = ep.distribution, ep.version
        info = PluginInfo(ep.name, dist, version, ep.value)
        if ep.name in names:
            failed(info, NameTaken(info, names[ep.name]))
            continue
        names[ep.name] = info
        try:
            candidates.append((info, ep.load()))
        except (
            BaseException
        ) as exc:  # isolation point: plugin loading (sys.exit() and a KeyboardInterrupt it raised too)
            if not plugin_raised(exc):
                raise
            failed(info, PluginError(ep.name, f"{dist} {version}", describe(exc)))
    for name, plugin in extra:
        if name not in disabled:
            candidates.append(
                (PluginInfo(name, "local", "0", getattr(plugin, "__name__", type(plugin).__name__)), plugin)
            )
    return candidates


def load_plugins(
    disable: Iterable[str] = (),
    extra: Sequence[tuple[str, Any]] = (),
    entry_points: bool = True,
    tolerant: bool = False,
) -> PluginSet:
    """Build a manager, register every enabled plugin and collect what they provide.

    :param disable: plugin names not to import or register.
    :param extra: ``(name, plugin_object)`` pairs registered after the entry points
        (tests and ``copydesk.testing`` use this).
    :param entry_points: False registers only ``extra``.
    :param tolerant: True loads every plugin that can be loaded and records the others in
        :attr:`PluginSet.failed` (``copydesk plugins``, ``rules``, ``explain``).
    :returns: the loaded plugins; unless tolerant, raises :class:`PluginError` naming the
        first plugin that fails to import or validate.
    """
    disabled = tuple(sorted(set(disable)))
    failures: list[tuple[PluginInfo, PluginError]] = []

    def failed(info: PluginInfo, error: PluginError) -> None:
        if not tolerant:
            raise error
        failures.append((info, error))

    manager = new_manager()
    points = _entry_points() if entry_points else []
    infos: dict[str, PluginInfo] = {}
    for info, plugin in _candidates(points, extra, disabled, failed):
        if (error := _register(manager, info, plugin)) is not None:
            failed(info, error)
        else:
            infos[info.name] = info
    collected = _collect(manager, infos, failed)
    log.debug("loaded plugins: %s", ", ".join(sorted(infos)))
    known = {ep.name for ep in points} | {name for name, _ in extra}
    return PluginSet(
        manager=manager,
        plugins=tuple(infos[n] for n in sorted(infos)),
        scorers=tuple(collected.scorers),
        reporters=collected.reporters,
        disabled=disabled,
        unmatched=tuple(name for name in disabled if name not in known),
        failed=tuple(sorted(failures, key=lambda pair: pair[0].name)),
    )
