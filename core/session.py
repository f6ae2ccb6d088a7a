"""One run's loaded state, each part built once: the configuration, the plugins, the runner.

Every command that scores starts here (``score``, ``check``, ``baseline``,
``learn-weights``): the configuration files are read once, the plugins loaded once, and
every setting, each scorer's own included, is validated before any article is read, so a
bad value is one configuration error (exit 2).

The commands that only describe the installation (``plugins``, ``rules``, ``explain``)
start from a :class:`Survey` instead: the same configuration and plugins, but a plugin
that fails to load and a setting the run would refuse are recorded, not raised, so the
command still shows what it can and names each problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from copydesk import __version__, processes, safety
from copydesk.config import Config, Flags, load_config
from copydesk.errors import CopydeskError
from copydesk.manager import PluginSet, load_plugins
from copydesk.model import Model
from copydesk.runner import TRUNCATION, Runner


class Setup(Protocol):
    """Where a session's configuration and plugins come from (RunOptions, LearnOptions, Options)."""

    @property
    def config_path(self) -> Path | None:
        """The ``--config`` file, if given."""

    @property
    def cwd(self) -> Path | None:
        """Where to look for ``copydesk.toml``/``pyproject.toml`` (None: the working directory)."""

    @property
    def overrides(self) -> Mapping[str, Any]:
        """Values shaped like the TOML that replace the files' (embedding, tests)."""

    @property
    def flags(self) -> Flags:
        """The command line's configuration flags."""

    @property
    def plugins(self) -> PluginSet | None:
        """A plugin set to use instead of loading entry points (embedding, tests)."""


@dataclass(frozen=True)
class Options:
    """A :class:`Setup` for the commands that score nothing (``rules``, ``plugins``, ``explain``)."""

    config_path: Path | None = None
    flags: Flags = field(default_factory=Flags)
    overrides: Mapping[str, Any] = field(default_factory=dict)
    cwd: Path | None = None
    plugins: PluginSet | None = None


@dataclass(frozen=True)
class Session:
    """The configuration, the plugins and the resolved runner of one run."""

    config: Config
    plugins: PluginSet
    runner: Runner

    @classmethod
    def open(cls, setup: Setup, model: Model | None = None) -> Session:
        """Read the configuration, load the plugins and resolve the runner, validating everything.

        Raises :class:`copydesk.errors.ConfigError` (a bad value, naming the file and key)
        or :class:`copydesk.errors.PluginError` (a plugin that fails to load).

        :param model: score with this model, reading no model file (the scripts that
            extract features before any model exists pass :func:`copydesk.model.features_only`).
        """
        config = load_config(setup.config_path, setup.cwd, setup.overrides, flags=setup.flags)
        plugins = setup.plugins or load_plugins(disable=config.run["disable"])
        session = cls(config, plugins, Runner(plugins, config, model))
        processes.settle()  # start-up is over (the console script paused garbage collection for it)
        return session

    @property
    def workers(self) -> int:
        """Worker processes for scoring (``[run] workers`` or ``--workers``)."""
        return int(self.config.run["workers"])

    @property
    def executor(self) -> str:
        """Where articles are scored: ``local`` or a Dask scheduler (``[run] executor`` or ``--executor``)."""
        return str(self.config.run["executor"])

    def warnings(self, scores: bool = True) -> list[str]:
        """Lines to warn with before the run: names in ``disable`` no installed plugin has, and idle weights.

        A ``[scoring.weights]`` entry only weighs a scorer the model in use has no feature of
        (its sub-score's factor); for any other, and for truncation (the model's fixed
        factor), it changes nothing, which a user who set it would not otherwise learn.

        :param scores: False for a run whose result holds no score (``copydesk baseline``
            records findings only): nothing is said of what the score measures, and a run
            where no scorer runs is said to record no findings.
        """
        lines = [
            f"copydesk: warning: disable {safety.quoted(name)}: no plugin of that name is installed (see 'copydesk plugins')"
            for name in self.plugins.unmatched
        ]
        lines += self._idle_workers()
        if not scores:
            if not self.runner.active:
                lines.append(
                    "copydesk: warning: no scorer runs (every scorer's rules are deselected or its plugin disabled):"
                    " the baseline records no findings"
                )
            return lines
        idle = self.runner.model.scorers | {TRUNCATION}  # truncation is the model's fixed factor
        lines += [
            f"copydesk: warning: {self.config.source}: scoring.weights.{safety.neutralise(name)} has no effect"
            " under the model in use (weights apply only to scorers it has no feature of; truncation is its fixed factor)"
            for name in sorted(self.config.user_weights & idle)
        ]
        return lines + self._unmeasured() + self._unweighed()

    def _idle_workers(self) -> list[str]:
        """A warning when ``-j``/``[run] workers`` is set for a run on a Dask cluster, which it does not change."""
        if self.executor == "local" or self.workers == 1:
            return []
        return [
            f"copydesk: warning: workers = {self.workers} (-j/--workers, [run] workers) has no effect with executor"
            f" {safety.neutralise(self.executor)}: the cluster's workers and their threads set how many articles"
            " are scored at once"
        ]

    def _unweighed(self) -> list[str]:
        """A warning per running scorer the model weighs that declares a feature the model lacks, saying why it does."""
        model = self.runner.model
        keys = {feature.key for feature in model.features}
        missing = [
            f"{active.scorer.name}.{feature.name}"
            for active in self.runner.active
            if active.scorer.name in model.scorers
            for feature in active.scorer.features
            if f"{active.scorer.name}.{feature.name}" not in keys
        ]
        return [
            f"copydesk: warning: the model in use has no feature {safety.neutralise(key)}, which its scorer declares:"
            f" the score goes without it ({_why_unweighed(model, key)})"
            for key in missing
        ]

    def _unmeasured(self) -> list[str]:
        """A warning when no scorer runs, or when scorers the score reads do not (rules deselected, plugin disabled).

        A scorer none of whose rules is selected does not run, so its features leave the
        score as they do with ``--disable``: the score then measures less than the model's.
        """
        running = {active.scorer.name for active in self.runner.active}
        if not running:
            return [
                "copydesk: warning: no scorer runs (every scorer's rules are deselected or its plugin disabled):"
                " every article scores 100 and grades A"
            ]
        model = self.runner.model.scorers
        if model and not model & running:
            return [self._idle_model(TRUNCATION in running), *self._absent({TRUNCATION} - running)]
        return self._absent((model | {TRUNCATION}) - running)  # truncation: the model's fixed factor on every score

    def _absent(self, absent: AbstractSet[str]) -> list[str]:
        """The warning naming the scorers the score reads that do not run (none: no line)."""
        if not absent:
            return []
        one = len(absent) == 1
        return [
            f"copydesk: warning: the {_listed(absent)} scorer{'' if one else 's'} {'does' if one else 'do'} not run"
            f" (no rule selected, or {'its plugin' if one else 'their plugins'} disabled):"
            f" what {'it measures leaves' if one else 'they measure leaves'} the score, which measures less than the model in use"
        ]

    def _idle_model(self, truncation: bool) -> str:
        """The warning when no scorer any feature of the model belongs to runs: the model scores nothing.

        :param truncation: whether the truncation scorer runs (its factor then still applies; else it is named apart).
        """
        path = self.config.model_path()
        which = "the packaged model" if path is None else f"model file {safety.neutralise(str(path))}"
        scorers = self.runner.model.scorers
        one = len(scorers) == 1
        return (
            f"copydesk: warning: {which}: no feature of it can be computed: the {_listed(scorers)}"
            f" scorer{'' if one else 's'} it reads {'does' if one else 'do'} not run (no rule selected, or"
            f" {'its plugin' if one else 'their plugins'} disabled or not installed): the model costs nothing, so each score"
            f" comes from {'the truncation factor and ' if truncation else ''}the scorers it has no feature of alone,"
            " and what its grades mean does not apply"
        )


def _listed(names: Iterable[str]) -> str:
    """Scorer names, sorted and neutralised, as "a", "a and b" or "a, b and c"."""
    shown = [safety.neutralise(name) for name in sorted(names)]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


@dataclass(frozen=True)
class Survey:
    """The configuration and plugins of the read-only commands, with the problems a run would stop on.

    :ivar plugins: every plugin that loaded; those that did not are in ``plugins.failed``.
    :ivar refused: what :meth:`Session.open` would raise over the settings (a bad
        ``[plugins.NAME]`` value, a selector naming no rule, an unreadable model), if anything.
    """

    config: Config
    plugins: PluginSet
    refused: CopydeskError | None = None

    @classmethod
    def open(cls, setup: Setup) -> Survey:
        """Read the configuration and load every plugin that loads; check the settings as a run would.

        Raises :class:`copydesk.errors.ConfigError` only when the configuration itself
        cannot be read (it names which plugins to load).
        """
        config = load_config(setup.config_path, setup.cwd, setup.overrides, flags=setup.flags)
        plugins = setup.plugins or load_plugins(disable=config.run["disable"], tolerant=True)
        try:
            Runner(plugins, config)
        except CopydeskError as exc:
            return cls(config, plugins, exc)
        return cls(config, plugins)


def _why_unweighed(model: Model, key: str) -> str:
    """Why ``model`` lacks the feature ``key``: left out by its fit (recorded), fitted by an older copydesk, or unknown.

    Only membership in the file's ``training.left_out`` is read: the words are copydesk's own.
    """
    left_out = model.training.get("left_out")
    if isinstance(left_out, dict) and key in left_out:
        return (
            "learn-weights left it out: none of the articles the model's norms come from had a value for it;"
            " fit on articles that have it to weigh it"
        )
    if model.copydesk_version != __version__:
        return "a model fitted with an older scorer; re-fit it with 'copydesk learn-weights'"
    return "the model file does not say why; fit on articles that have it, with 'copydesk learn-weights', to weigh it"
