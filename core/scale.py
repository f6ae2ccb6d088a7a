"""Scale-out on a Dask cluster: workers read their own input partitions, the batch pass runs as map and merge.

``copydesk score --executor dask://HOST:PORT`` (or ``[run] executor``) sends the run to
a Dask scheduler. The client (the ``copydesk`` process) cuts the input into partitions
without parsing it: a JSONL file into byte ranges that start after a line break (with
the line number each starts at), a Parquet file into row groups; other inputs (text,
HTML, CSV, standard input) are read by the client and shipped in chunks. Each worker
reads its partitions itself, observes them with every mergeable batch pass, and the
client merges the states in input order (:mod:`copydesk.batchpass`), finishes them and
broadcasts the statistics; the workers then score their partitions and the client
writes the reports in input order, exactly as a local run does. Files must be visible
at the same absolute path on every worker (a shared or copied volume).

:func:`score_collection` scores a Dask bag of records or a Dask dataframe for code that
already has one. See docs/scale.md.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from copydesk import __version__, batchpass
from copydesk.batchpass import BatchRun, Observed
from copydesk.config import Config
from copydesk.errors import PluginError, PluginMismatch, UsageError, describe
from copydesk.manager import PluginInfo, PluginSet, load_plugins
from copydesk.models import Article, ArticleReport, Scorer, Unreadable
from copydesk.pool import Render, Rendered, _rendered
from copydesk.runner import Runner
from copydesk.sources import FORMATS, Batch, parquet, records
from copydesk.sources._common import WIDE_BOMS

Item = Article | Unreadable
#: Bytes of JSONL per partition at most (fewer when the batch is small: every worker gets work).
PART_BYTES = 8 << 20
#: Smallest JSONL partition worth a task.
MIN_PART_BYTES = 64 << 10
#: Articles per shipped chunk of input the client reads itself.
SHIPPED = 64
#: Partitions in flight per worker (bounds what the client holds).
IN_FLIGHT = 3
#: The scoring pass's partitions are this many times smaller (and as many more in flight: the same bytes), so the
#: workers end together: the batch pass keeps its own, larger ones (its states are merged per partition).
FINER = 4
NEEDS = "the Dask executor needs dask[distributed]: pip install 'copydesk[scale]'"
#: A loaded plugin as the client and the workers compare it: name, distribution, version, and the rule
#: codes its scorers declare (a plugin edited in place keeps its version, not its rules).
Identity = tuple[str, str, str, tuple[str, ...]]


@dataclass(frozen=True)
class Part:
    """One partition of the input, as a worker reads it.

    :ivar kind: ``jsonl`` (bytes ``start``-``stop``, first line ``line``), ``parquet``
        (row groups ``start``-``stop``; ``stop`` 0 for the whole file), or ``items``
        (read by the client, carried in ``items``).
    """

    kind: str
    path: str = ""
    display: str = ""
    start: int = 0
    stop: int = 0
    line: int = 1
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class RunSpec:
    """What a worker needs to rebuild the run's runner: the configuration, picklable.

    :ivar plugins: the client's loaded plugins (with the rule codes each declares) and
        copydesk's version, which each worker checks its own against before it reads or
        scores anything.
    """

    data: Mapping[str, Any]
    source: str
    user: tuple[frozenset[str], frozenset[str], frozenset[str]]
    plugins: tuple[str, tuple[Identity, ...]]

    @classmethod
    def of(cls, config: Config, plugins: Iterable[PluginInfo], scorers: Iterable[tuple[PluginInfo, Scorer]]) -> RunSpec:
        """The spec of ``config`` run with ``plugins`` and their ``scorers`` (the client's)."""
        user = (config.user_plugins, config.user_weights, config.user_severity)
        return cls(_thaw(config.data), config.source, user, (__version__, identities(plugins, scorers)))

    @property
    def token(self) -> str:
        """A digest naming this configuration and plugin set (workers cache one runner per token)."""
        return hashlib.blake2b(pickle.dumps((self.data, self.source, self.plugins)), digest_size=16).hexdigest()

    def config(self) -> Config:
        """The configuration again."""
        return Config(MappingProxyType(dict(self.data)), self.source, *self.user)


def _thaw(value: Any) -> Any:
    """Read-only mappings as plain dicts, recursively (mapping proxies do not pickle)."""
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_thaw(v) for v in value)
    return value


def identities(plugins: Iterable[PluginInfo], scorers: Iterable[tuple[PluginInfo, Scorer]]) -> tuple[Identity, ...]:
    """Each plugin's name, distribution, version and the rule codes its ``scorers`` declare (sorted), by name."""
    codes: dict[str, set[str]] = {}
    for info, scorer in scorers:
        codes.setdefault(info.name, set()).update(rule.code for rule in scorer.rules)
    return tuple(sorted((p.name, p.distribution, p.version, tuple(sorted(codes.get(p.name, ())))) for p in plugins))


def difference(client: tuple[str, tuple[Identity, ...]], here: tuple[str, tuple[Identity, ...]]) -> str:
    """How the plugins loaded ``here`` differ from the ``client``'s (each: copydesk's version, identities); empty when alike."""
    (ours, loaded), (theirs, wanted) = here, client
    mine, want = {i[0]: i for i in loaded}, {i[0]: i for i in wanted}
    parts = [f"copydesk {ours} (the client's {theirs})"] if ours != theirs else []
    parts += [f"missing {_shown(want[n])}" for n in sorted(want.keys() - mine.keys())]
    parts += [f"extra {_shown(mine[n])}" for n in sorted(mine.keys() - want.keys())]
    parts += [_other(mine[n], want[n]) for n in sorted(mine.keys() & want.keys()) if mine[n] != want[n]]
    return "; ".join(parts)


def _other(mine: Identity, want: Identity) -> str:
    """How one plugin loaded here differs from the client's: another version (or distribution), else other rules."""
    if mine[:3] != want[:3]:
        return f"{_shown(mine)} (the client's {_shown(want)})"
    missing, extra = sorted(set(want[3]) - set(mine[3])), sorted(set(mine[3]) - set(want[3]))
    said = [f"{kind} {', '.join(codes)}" for kind, codes in (("missing", missing), ("extra", extra)) if codes]
    return f"{_shown(mine)} declares other rules than the client's ({'; '.join(said)})"


def _shown(identity: Identity) -> str:
    """``name version``, with the distribution when it is not the name's own."""
    name, distribution, version, _ = identity
    shown = f"{name} {version}"
    return shown if distribution.replace("_", "-").lower() == name.lower() else f"{shown} ({distribution})"


def check_plugins(spec: RunSpec, loaded: PluginSet, where: str) -> None:
    """Raise PluginMismatch, naming ``where`` (a worker's address) and the difference, when ``loaded`` is not the client's."""
    if found := difference(spec.plugins, (__version__, identities(loaded.plugins, loaded.scorers))):
        worker = f"worker {where}: " if where else ""
        raise PluginMismatch(f"{worker}plugins differ from the client's: {found}")


def _here() -> str:
    """The address of the Dask worker running this (empty outside a worker)."""
    try:
        return str(importlib.import_module("distributed").get_worker().address)
    except (ImportError, ValueError):
        return ""


def worker_difference(spec: RunSpec) -> str:
    """Run on each worker before the run (``Client.run``): how its plugins differ from the client's (empty when alike)."""
    try:
        check_plugins(spec, load_plugins(disable=spec.data["run"]["disable"]), "")
    except (PluginError, PluginMismatch) as exc:
        return str(exc)
    return ""


_RUNNERS: dict[str, Runner] = {}


def _runner(spec: RunSpec, stats: tuple[str, Mapping[str, Any], Mapping[str, str]] | None = None) -> Runner:
    """The worker's runner for ``spec`` (built once), with the run's batch statistics when given."""
    key = spec.token + (stats[0] if stats else "")
    if key not in _RUNNERS:
        if len(_RUNNERS) > 4:
            _RUNNERS.clear()
        config = spec.config()
        plugins = load_plugins(disable=config.run["disable"])
        check_plugins(spec, plugins, _here())
        runner = Runner(plugins, config)
        if stats is not None:
            _, finished, errors = stats
            runner.active = tuple(
                replace(a, context=replace(a.context, batch=finished[a.scorer.prefix]))
                if a.scorer.prefix in finished
                else a
                for a in runner.active
            )
            runner.batch_errors.update(errors)
        _RUNNERS[key] = runner
    return _RUNNERS[key]


def read_part(part: Part, sources: Mapping[str, Any]) -> Iterator[Item]:
    """The items of one partition, read as the local reader reads them."""
    if part.kind == "items":
        yield from part.items
        return
    with open(part.path, "rb") as handle:
        if part.kind == "parquet":
            groups = range(part.start, part.stop) if part.stop else None
            yield from parquet.read_groups(handle, part.display, sources, groups)
            return
        handle.seek(part.start)
        max_bytes = int(sources["max_bytes"])
        fallback = bool(sources["encoding_fallback"])
        yield from records.read_jsonl(
            handle, part.display, sources["fields"], max_bytes, part.line, part.stop or None, fallback=fallback
        )


def observe_part(spec: RunSpec, part: Part) -> tuple[int, Observed]:
    """Map step on a worker: the partition's item count and its mapped batch-pass states."""
    runner = _runner(spec)
    items = list(read_part(part, runner.config.sources))
    articles = [item for item in items if isinstance(item, Article)]
    return len(items), batchpass.observe(runner.active, articles, {}, _nothing, _nothing)


def score_part(
    spec: RunSpec, part: Part, stats: tuple[str, Mapping[str, Any], Mapping[str, str]], render: bytes | None = None
) -> list[Any]:
    """Score step on a worker: the partition's reports (indices from 0; the client renumbers them).

    With ``render`` (a pickled :data:`copydesk.pool.Render`), each report comes back as
    the report writers' text and the lighter report the run tallies
    (:class:`copydesk.pool.Rendered`), as from a local worker; whole where rendering
    failed, and every report whole when ``render`` cannot be loaded here (a writer's
    plugin this worker does not have).
    """
    runner = _runner(spec, stats)
    made = _unpickled(render)
    items = read_part(part, runner.config.sources)
    return [_rendered(runner.report(item, index), made) for index, item in enumerate(items)]


def _nothing(index: int) -> None:
    """No worker to tell which scorer runs."""


def _unpickled(render: bytes | None) -> Render | None:
    """The render function the client sent, or None when it cannot be loaded on this worker."""
    if render is None:
        return None
    try:
        return pickle.loads(render)  # type: ignore[no-any-return]  # made by this run's client
    except Exception:  # isolation point: plugin (a writer's class missing here: the client renders)
        return None


# -- partitioning (the client) ---------------------------------------------------------


def partitions(batch: Batch, sources: Mapping[str, Any], workers: int, finer: int = 1) -> Iterator[Part]:
    """The batch's partitions in input order: JSONL byte ranges, Parquet row groups, shipped chunks.

    :param finer: cut JSONL and Parquet input into this many times more partitions (the scoring pass's).
    """
    files = list(batch.files())
    sizes = {f: os.path.getsize(f) for f in files if f not in batch.spooled and os.path.isfile(f)}
    target = max(MIN_PART_BYTES, min(PART_BYTES, sum(sizes.values()) // max(1, IN_FLIGHT * workers * finer)))
    for path in files:
        fmt = FORMATS.get(Path(path).suffix.lower()) if path in sizes else None
        display = Path(path).as_posix()
        if fmt is records.JSONL:
            yield from _jsonl_parts(os.path.realpath(path), display, target)
        elif fmt is parquet.PARQUET:
            yield from _parquet_parts(os.path.realpath(path), display, sizes[path], target)
        else:
            yield from _shipped(batch.read(path))


def _jsonl_parts(path: str, display: str, target: int) -> Iterator[Part]:
    """Byte ranges of about ``target`` bytes, each starting after a line feed, with its first line number.

    A file with a lone carriage return (a classic Mac line break, at which the reader
    also splits records) or a UTF-16 or UTF-32 byte order mark is one partition: counting line
    feeds would number its records wrongly.
    """
    cuts, size, lone_cr = _line_cuts(path, target)
    with open(path, "rb") as handle:
        head = handle.read(4)
    cuts = [(start, line) for start, line in cuts if start < size]
    if lone_cr or head.startswith(WIDE_BOMS) or len(cuts) <= 1:
        yield Part("jsonl", path, display)
        return
    ends = [start for start, _ in cuts[1:]] + [0]
    for (start, first), stop in zip(cuts, ends, strict=True):
        yield Part("jsonl", path, display, start, stop, first)


def _line_cuts(path: str, target: int) -> tuple[list[tuple[int, int]], int, bool]:
    """Offsets just after a line feed about ``target`` bytes apart with their line numbers; the size; a lone CR seen."""
    cuts: list[tuple[int, int]] = [(0, 1)]
    offset, line, carriage, pairs, last = 0, 1, 0, 0, b""
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            carriage += block.count(b"\r")
            pairs += block.count(b"\r\n") + (last == b"\r" and block[:1] == b"\n")
            at = 0
            while (want := cuts[-1][0] + target - offset) < len(block):
                found = block.find(b"\n", max(want, at))
                if found < 0:
                    break
                line += block.count(b"\n", at, found + 1)
                at = found + 1
                cuts.append((offset + at, line))
            line += block.count(b"\n", at)
            offset += len(block)
            last = block[-1:]
    return cuts, offset, carriage != pairs


def _parquet_parts(path: str, display: str, size: int, target: int) -> Iterator[Part]:
    """Runs of row groups of about ``target`` bytes; the whole file when it cannot be listed or is one group."""
    with open(path, "rb") as handle:
        groups = parquet.row_groups(handle, display)
    if isinstance(groups, Unreadable) or len(groups) <= 1:
        yield Part("parquet", path, display)
        return
    per_group = max(1, size // len(groups))
    step = max(1, target // per_group)
    for start in range(0, len(groups), step):
        yield Part("parquet", path, display, start, min(len(groups), start + step))


def _shipped(items: Iterable[Item]) -> Iterator[Part]:
    """Input the client reads itself, in chunks of SHIPPED items."""
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == SHIPPED:
            yield Part("items", items=tuple(chunk))
            chunk = []
    if chunk:
        yield Part("items", items=tuple(chunk))


# -- running on the cluster (the client) -------------------------------------------------


def connect(address: str) -> Any:
    """A ``distributed.Client`` for ``dask://HOST:PORT`` (a UsageError when the cluster cannot be reached)."""
    try:
        distributed = importlib.import_module("distributed")
    except ImportError as exc:
        raise UsageError(NEEDS) from exc
    scheduler = "tcp://" + address.removeprefix("dask://") if address.startswith("dask://") else address
    try:
        return distributed.Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"--executor {address}: cannot reach the Dask scheduler ({describe(exc)})") from exc


def check_workers(client: Any, spec: RunSpec) -> None:
    """Raise PluginMismatch, naming the first worker and the difference, when a worker's plugins are not the client's.

    Each worker checks again when it builds its runner (for a worker that joins later).
    """
    try:
        found = client.run(worker_difference, spec)
    except Exception as exc:  # isolation point: plugin (a worker's copydesk without this check, or failing it)
        why = f"a worker cannot compare its plugins with the client's (another copydesk there?): {describe(exc)}"
        raise PluginMismatch(why) from exc
    for address, differs in sorted(found.items()):
        if differs:
            raise PluginMismatch(f"worker {address}: {differs}")


def _active_client() -> Any:
    """The ``distributed.Client`` Dask computes with, or None (no distributed, or no client)."""
    try:
        return importlib.import_module("distributed").default_client()
    except (ImportError, ValueError):
        return None


class Cluster:
    """One run on a Dask cluster through ``client``."""

    def __init__(self, client: Any, runner: Runner, spec: RunSpec, render: Render | None = None) -> None:
        self.client = client
        self.runner = runner
        self.spec = spec
        self.render = _pickled(render)
        self.workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))

    def _ordered(self, calls: Iterable[tuple[Callable[..., Any], tuple[Any, ...]]], finer: int = 1) -> Iterator[Any]:
        """Submit calls with a bounded number in flight (``finer`` times more for smaller partitions); yield each result (or the exception) in order."""
        pending: deque[Any] = deque()
        limit = IN_FLIGHT * self.workers * finer
        for function, args in calls:
            pending.append(self.client.submit(function, *args, pure=False))
            if len(pending) >= limit:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())

    def run(
        self, batch: Batch, context: Batch | None = None
    ) -> Iterator[tuple[ArticleReport, tuple[str | bytes, ...] | str | None]]:
        """The batch pass as map and merge, then every report in input order, with its text when a worker rendered it.

        ``context``: what the batch pass reads instead of ``batch`` (see :func:`rendered`).
        """
        check_workers(self.client, self.spec)
        seen = list(partitions(batch if context is None else context, self.runner.config.sources, self.workers))
        run = BatchRun(self.runner)
        observed = self._ordered((observe_part, (self.spec, part)) for part in seen)
        serial_items = (item for part in seen for item in read_part(part, self.runner.config.sources))
        timeout = float(self.runner.config.run.get("article_timeout", 0))
        states = (self._observed(got, part) for got, part in zip(observed, seen, strict=True))
        errors = run.fold(states, serial_items, timeout)
        self.runner.batch_errors.update(errors)
        finished = {a.scorer.prefix: a.context.batch for a in self.runner.active if a.scorer.batch is not None}
        token = hashlib.blake2b(pickle.dumps(finished), digest_size=16).hexdigest()
        stats = self.client.scatter((token, finished, dict(self.runner.batch_errors)), broadcast=True)
        index = 0
        parts, finer = seen, 1
        if context is not None or any(part.kind != "items" for part in seen):  # what the client reads, it reads once
            parts, finer = list(partitions(batch, self.runner.config.sources, self.workers, FINER)), FINER
        scored = self._ordered(((score_part, (self.spec, part, stats, self.render)) for part in parts), finer)
        for got, part in zip(scored, parts, strict=True):
            for result in self._reports(got, part):
                if isinstance(result, Rendered):
                    yield replace(result.report, index=index), result.text
                else:
                    yield replace(result, index=index), None
                index += 1

    def _observed(self, got: Any, part: Part) -> Observed:
        """A partition's batch-pass states, or every mapped pass failed on it when the cluster lost the task."""
        if isinstance(got, BaseException):
            why = f"the cluster lost a partition of {part.display or 'the input'}: {describe(got)}"
            mapped = [a.scorer.prefix for a in self.runner.active if a.scorer.batch and a.scorer.batch.merge]
            return Observed({}, {prefix: why for prefix in mapped})
        return got[1]  # type: ignore[no-any-return]

    def _reports(self, got: Any, part: Part) -> list[ArticleReport | Rendered]:
        """A partition's reports; when the cluster lost the task, read here and reported with every scorer failed."""
        if not isinstance(got, BaseException):
            return got  # type: ignore[no-any-return]
        why = f"the cluster lost this article's partition: {describe(got)}"
        failed = {a.scorer.prefix: why for a in self.runner.active}
        items = read_part(part, self.runner.config.sources)
        return [self.runner.report(item, 0, failed) for item in items]


def _pickled(render: Render | None) -> bytes | None:
    """``render`` pickled for the workers, or None when it does not pickle (a plugin's writer): the client renders."""
    if render is None:
        return None
    try:
        return pickle.dumps(render)
    except Exception:  # isolation point: plugin (a writer that does not pickle: the client renders)
        return None


def _result(future: Any) -> Any:
    """A future's result, or the exception that ended its task (a worker that died, a task that raised)."""
    try:
        return future.result()
    except PluginMismatch:
        raise
    except Exception as exc:  # isolation point: scoring (the task ran a plugin on a worker)
        return exc


def reports(runner: Runner, batch: Batch, executor: str, workers: int) -> Iterator[ArticleReport]:
    """Score ``batch`` locally (``local``: worker processes) or on the Dask cluster ``executor`` names."""
    for report, _ in rendered(runner, batch, executor, workers):
        yield report


def rendered(
    runner: Runner,
    batch: Batch,
    executor: str,
    workers: int,
    render: Render | None = None,
    context: Batch | None = None,
) -> Iterator[tuple[ArticleReport, tuple[str | bytes, ...] | str | None]]:
    """:func:`reports`, each with the report writers' text ``render`` made of it in a local worker (else None).

    See :meth:`copydesk.runner.Runner.rendered`; a cluster's workers render too, when
    ``render`` pickles (else the client renders their reports). ``context``: what the
    batch pass reads instead of ``batch`` (``--changed-since``: every file under the
    paths given, of which ``batch`` holds the changed ones).
    """
    if executor == "local":
        seen = None if context is None else (lambda: iter(context))
        yield from runner.rendered(lambda: iter(batch), workers, render, batch.deferred, seen)
        return
    client = connect(executor)
    try:
        yield from Cluster(client, runner, RunSpec.of(runner.config, runner.plugins, runner.scorers), render).run(
            batch, context
        )
    finally:
        client.close()


# -- the Python API for an existing Dask collection ----------------------------------------


def _records_part(spec: RunSpec, records_: Sequence[Any], first: int) -> list[Item]:
    """A collection partition's rows as Articles (an Article passes as it is), numbered from ``first``."""
    config = spec.config()
    fields = config.sources["fields"]
    return [
        row if isinstance(row, Article) else records._record_article(dict(row), fields, "<dask>", first + i, "dask")
        for i, row in enumerate(records_)
    ]


def _observe_records(spec: RunSpec, rows: Sequence[Any]) -> tuple[int, Observed]:
    items = _records_part(spec, rows, 1)
    return observe_part(spec, Part("items", items=tuple(items)))


def _score_records(spec: RunSpec, rows: Sequence[Any], first: int, stats: Any) -> list[ArticleReport]:
    runner = _runner(spec, stats)
    items = _records_part(spec, rows, first + 1)
    return [runner.report(item, first + i) for i, item in enumerate(items)]


def score_collection(collection: Any, config: Config | None = None) -> Any:
    """Score a Dask bag of records (or of Articles), or a Dask dataframe, as one batch.

    Records are dicts named like JSONL fields (``[sources.fields]``: ``text`` required,
    ``id``, ``title``, ``url``...; other keys become metadata); a dataframe's rows are
    read the same way. The batch pass runs now, as map and merge over the partitions,
    on whatever scheduler Dask uses (a ``distributed.Client`` if one is active); the
    scoring stays lazy. Returns a Dask bag of :class:`~copydesk.models.ArticleReport`
    in input order (``report.index`` is the position in the collection); turn one into
    its ``-f jsonl`` line with :func:`copydesk.formats.schema.jsonl_line`, or a
    JSON-ready dict with :func:`copydesk.formats.schema.article_dict`.

    :param config: the run configuration (default: the packaged one plus the project's
        ``copydesk.toml``, as ``copydesk score`` finds it).
    :raises copydesk.errors.PluginMismatch: a worker loads other plugins, or another
        copydesk, than this process (checked on every worker of an active
        ``distributed.Client`` first, and by each worker before it reads or scores).
    """
    try:
        dask = importlib.import_module("dask")
        bags = importlib.import_module("dask.bag")
    except ImportError as exc:
        raise UsageError(NEEDS) from exc
    from copydesk.config import load_config

    config = config or load_config()
    bag = collection.to_bag(format="dict") if hasattr(collection, "to_bag") else collection
    parts = bag.to_delayed()
    runner = Runner(load_plugins(disable=config.run["disable"]), config)
    spec = RunSpec.of(config, runner.plugins, runner.scorers)
    if (client := _active_client()) is not None:
        check_workers(client, spec)
    observed = dask.compute(*[dask.delayed(_observe_records)(spec, part) for part in parts])
    errors = BatchRun(runner).fold((o for _, o in observed), (), float(config.run.get("article_timeout", 0)))
    if any(a.scorer.batch is not None and a.scorer.batch.merge is None for a in runner.active):
        raise UsageError("score_collection needs every batch pass to have merge (see docs/hooks.md)")
    finished = {a.scorer.prefix: a.context.batch for a in runner.active if a.scorer.batch is not None}
    stats = (hashlib.blake2b(pickle.dumps(finished), digest_size=16).hexdigest(), finished, errors)
    firsts = [0]
    for count, _ in observed:
        firsts.append(firsts[-1] + count)
    scored = [
        dask.delayed(_score_records)(spec, part, first, stats) for part, first in zip(parts, firsts, strict=False)
    ]
    return bags.from_delayed(scored)
