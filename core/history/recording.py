"""A ``score``/``check`` run and its history: what is recorded, comparing with a recorded run, recording.

The run's facts that do not come from its reports are gathered here: the digest of
the configuration it ran under and the git commit it ran at. The clock is not read
here: the command line passes the time (UTC) in.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from copydesk.history import open_history
from copydesk.history.backends import redact
from copydesk.history.compare import regressions
from copydesk.history.records import ArticleRecord, HistoryError, NoHistoryYet, Regression, RunEntry, RunRecord
from copydesk.history.store import LATEST, RunRef, run_number

if TYPE_CHECKING:
    from copydesk.config import Config
from copydesk.rollup import SourceSummary, SourceTrend, trends

#: What the digest is for: telling whether a recorded run's scores, grades and rule counts (what
#: the history holds) could differ from this run's for the configuration alone. Settings that
#: cannot change them are left out, so changing one is no other configuration.
#:
#: Whole tables: where results go (``[history]``) and what the gate makes of them (``[gate]``,
#: ``--fail-under`` and the other levers).
NOT_DIGESTED = ("history", "gate")
#: Keys of a table, by table:
#:
#: - ``[run]`` ``workers`` and ``executor``: reports are byte-identical whatever they are;
#:   ``article_timeout``: a limit a complete run never reaches (a scorer past it is a plugin
#:   failure, exit 3, and a run with one is not recorded); ``max_findings_per_article``: which
#:   findings a report lists, never the score, grade or rule counts (those count every finding);
#:   ``non_latin_note``: whether a core diagnostic (CD007) is given, which no score, grade or rule count holds;
#: - ``[scoring.verdicts]``: the word shown beside a grade in the reports; the score and the
#:   grade are what is recorded, and the verdict is never compared.
NOT_DIGESTED_KEYS = {
    "run": ("workers", "executor", "article_timeout", "max_findings_per_article", "non_latin_note"),
    "scoring": ("verdicts",),
}


def config_digest(data: Mapping[str, Any]) -> str:
    """``sha256:`` and the hex digest of the resolved configuration as canonical JSON (sorted keys, no spaces).

    Without the tables and keys that cannot change a recorded score (:data:`NOT_DIGESTED`, :data:`NOT_DIGESTED_KEYS`).
    """
    table = {key: value for key, value in data.items() if key not in NOT_DIGESTED}
    for name, keys in NOT_DIGESTED_KEYS.items():
        if isinstance(section := table.get(name), Mapping):
            table[name] = {key: value for key, value in section.items() if key not in keys}
    text = json.dumps(table, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def digested(config: Config) -> Mapping[str, Any]:
    """What :func:`config_digest` digests: the configuration and, when it names a model file, that file's SHA-256.

    The configuration names its model by path only: a model re-fitted in place (``copydesk
    learn-weights -o`` over the same file) scores as differently as another configuration.
    The packaged model is left out (it changes only with copydesk's version, recorded apart).
    """
    path = config.model_path()
    if path is None:
        return config.data
    try:
        found = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        found = f"unreadable: {exc.strerror or exc}"
    return {**config.data, "model_file_sha256": found}


#: Appended to the recorded commit when tracked files had uncommitted changes.
DIRTY = "+dirty"


def _git(args: list[str], cwd: Path | None) -> str | None:
    """The output of ``git ARGS`` in ``cwd``, stripped; None when git is missing or fails (never an error)."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def git_commit(cwd: Path | None = None) -> str | None:
    """The commit ``HEAD`` names when ``cwd`` is inside a git work tree; None otherwise (never an error).

    With uncommitted changes to tracked files it is marked ``<commit>+dirty``: the run did
    not score what the commit holds (untracked files do not count).
    """
    commit = _git(["rev-parse", "--verify", "-q", "HEAD"], cwd)
    if commit is None or len(commit) < 40 or any(c not in "0123456789abcdef" for c in commit):
        return None
    return commit + DIRTY if _git(["status", "--porcelain", "--untracked-files=no"], cwd) else commit


def run_ref(text: str) -> RunRef:
    """A run as the user names it: ``last`` or a run number (anything else is the history's to refuse)."""
    number = run_number(text)
    return text if number is None else number


def compare_with(
    url: str, ref: str, sources: Sequence[SourceSummary], limits: tuple[float, float]
) -> tuple[RunEntry, list[Regression], list[str]] | None:
    """The run ``ref`` names in the history at ``url`` (its listing line), the sources that regressed since, and its sources' names.

    :param limits: ``(max_drop, max_fail_rise)``.
    :returns: None when ``ref`` is ``last`` or ``passing`` and no such run is recorded yet.
    :raises HistoryError: the history cannot be opened or has no such run (none at all, for a number).

    Only reads: a missing SQLite file or an empty database is left as it is (recording creates it).
    """
    try:
        opened = open_history(url, create=False)
    except NoHistoryYet as exc:
        if ref in LATEST:
            return None
        raise HistoryError(f"history {redact(url)}: no run {ref} in the history (none is recorded yet)") from exc
    with opened as history:
        if ref in LATEST and history.latest(ref) is None:
            return None
        run_id = history.resolve(run_ref(ref))
        base = history.sources(run_id)
        entry = history.entry(run_id)
    return entry, regressions(sources, base, *limits), sorted(summary.source for summary in base)


def none_shared(entry: RunEntry, sources: Sequence[SourceSummary], recorded: Sequence[str]) -> str | None:
    """When no source of this run is among the ``recorded`` sources of run ``entry`` (so none was compared), a caution.

    Runs are compared source by source: a batch named another way (``feed/`` then
    ``/srv/feed/``) rolls up under other names, and a gate that compared nothing would
    pass in silence.
    """
    names = sorted({summary.source for summary in sources})
    if not names or not recorded or set(names) & set(recorded):
        return None
    return (
        f"none of this run's {len(names)} source(s) ({_some(names)}) is in run {entry.run_id} ({_some(recorded)}), "
        "so no source was compared: name the input as that run did (a folder as its path was written)"
    )


def left_out(entry: RunEntry, sources: Sequence[SourceSummary], recorded: Sequence[str]) -> str | None:
    """When some (not all) of run ``entry``'s ``recorded`` sources are not in this run, a caution naming them.

    Only sources in both runs are compared: a source that vanished (its feed broke, or it
    was renamed or moved: ``feed/blog`` now ``feed/weblog``) would otherwise pass the
    regression gate in silence. This run's sources that ``entry`` lacks are named too, since
    a renamed source is one of each. None when every recorded source is here, or none is
    (:func:`none_shared` says that).
    """
    names = {summary.source for summary in sources}
    gone = sorted(set(recorded) - names)
    if not gone or not names & set(recorded):
        return None
    new = sorted(names - set(recorded))
    also = f"; this run's source(s) not in run {entry.run_id}: {_some(new)}" if new else ""
    verb, were = ("is", "it was") if len(gone) == 1 else ("are", "they were")
    return (
        f"{len(gone)} of run {entry.run_id}'s {len(set(recorded))} source(s) {verb} not in this run ({_some(gone)}), "
        f"so {were} not compared{also}"
    )


def _some(names: Sequence[str], most: int = 3) -> str:
    """Up to ``most`` of ``names``, and how many more."""
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def unlike(
    entry: RunEntry, version: str, config: Mapping[str, Any], plugins: Sequence[tuple[str, str]] = ()
) -> str | None:
    """How the recorded run ``entry`` was made differently from this one (another copydesk, plugins or configuration), or None.

    :param plugins: this run's plugins as ``(name, version)`` pairs; a plugin installed,
        removed or upgraded since changes scores as another configuration does (its
        findings and features), though the configuration file is the same.
    """
    changes = []
    if entry.version != version:
        changes.append(f"copydesk {entry.version}, not {version}")
    if plugins and (moved := _plugins_moved(entry, version, plugins)):
        changes.append(f"other plugins ({moved})")
    if entry.config_digest != config_digest(config):
        changes.append("another configuration")
    if not changes:
        return None
    return (
        f"run {entry.run_id} was recorded with {' and '.join(changes)}: "
        "a change in a source's score may come from that, not from its articles"
    )


def _plugins_moved(entry: RunEntry, version: str, plugins: Sequence[tuple[str, str]]) -> str:
    """The plugins only run ``entry`` had and only this run has (``""``: the same), each ``name version``.

    A plugin whose version moved exactly as copydesk's did (a built-in, versioned with
    copydesk) is left out: the version change is said already.
    """
    then, now = set(entry.plugins), {f"{name} {plugin_version}" for name, plugin_version in plugins}
    if entry.version != version:
        same = {name for name, plugin_version in plugins if plugin_version == version}
        now -= {f"{name} {version}" for name in same if f"{name} {entry.version}" in then}
        then -= {f"{name} {entry.version}" for name in same}
    parts = [
        f"{label}: {_some(sorted(names))}"
        for label, names in (("only then", then - now), ("only now", now - then))
        if names
    ]
    return "; ".join(parts)


def another_gate(entry: RunEntry, command: str, gate: str | None) -> str | None:
    """How the recorded run ``entry`` counted failing articles otherwise than this run, or None.

    A ``check`` run counts the articles that fail its gate, a ``score`` run those of the
    failing grades: under another command or gate the shares failing are not comparable.
    None too when ``entry`` was recorded before the history kept its command (unknown).
    """
    if entry.command is None or (entry.command, entry.gate) == (command, gate):
        return None

    def said(command: str, gate: str | None) -> str:
        return f"copydesk {command}" + (f" ({gate})" if gate else "")

    return (
        f"run {entry.run_id} was recorded by {said(entry.command, entry.gate)}, this run is {said(command, gate)}: "
        "their shares failing count different failures, so only the mean scores are compared"
    )


def unknown_gate(entry: RunEntry, command: str) -> str | None:
    """For a recorded run from before the history kept command and gate, a caution (None for a later run).

    Its shares failing are still compared (nothing says they count other failures), so a
    regression of the share failing against it may come from a changed gate instead.
    """
    if entry.command is not None:
        return None
    return (
        f"run {entry.run_id} was recorded before the history kept each run's command and gate: if it was not "
        f"copydesk {command} under this gate, a change in a source's share failing may come from that, not from its articles"
    )


#: How many of a source's latest recorded runs the reports show beside this run.
TREND_RUNS = 11


def source_trends(url: str, sources: Sequence[SourceSummary], last: int = TREND_RUNS) -> tuple[SourceTrend, ...]:
    """Each of ``sources`` with its mean in its latest ``last`` recorded runs of the history at ``url``, then now.

    :raises HistoryError: the history cannot be opened or read.

    Only reads: a missing SQLite file or an empty database has no trend, and is not created
    (a run that is not recorded, say because a plugin failed, leaves no history behind).
    """
    try:
        with open_history(url, create=False) as history:
            recorded = history.trend(last=last)
    except NoHistoryYet:
        recorded = {}
    return trends({name: [(p.run_id, p.mean) for p in points] for name, points in recorded.items()}, sources)


def record_run(url: str, run: RunRecord) -> int:
    """Record ``run`` in the history at ``url``; return its number.

    :raises HistoryError: the history cannot be opened or written.
    """
    with open_history(url) as history:
        return history.record(run)


def run_record(
    when: str,
    head: tuple[str, Sequence[tuple[str, str]]],
    config: Mapping[str, Any],
    articles: tuple[ArticleRecord, ...],
    sources: tuple[SourceSummary, ...],
    cwd: Path | None = None,
    recorded_by: tuple[str, str | None, bool | None] | None = None,
) -> RunRecord:
    """The record of a finished run.

    :param when: the time the command line read, ISO 8601 in UTC.
    :param head: the copydesk version and the plugins as ``(name, version)`` pairs.
    :param config: the resolved configuration (digested, see :func:`config_digest`).
    :param recorded_by: the command (``score``, ``check``) and, for ``check``, its gate
        (:meth:`copydesk.ci.gate.GateSettings.conditions`) and whether it passed.
    """
    version, plugins = head
    command, gate, passed = recorded_by or (None, None, None)
    return RunRecord(
        when=when,
        version=version,
        plugins=tuple(f"{name} {plugin_version}" for name, plugin_version in plugins),
        config_digest=config_digest(config),
        commit=git_commit(cwd),
        articles=articles,
        sources=sources,
        command=command,
        gate=gate,
        passed=passed,
    )
