"""The batch pass: each scorer's statistics over the whole batch, before any article is scored.

Each batch-pass scorer's state is held by a keeper process of its own
(:mod:`copydesk.keepers`), which runs its ``start``, ``observe`` (a pass without
``merge``), ``merge`` and ``finish`` under ``[run] article_timeout`` per call (per
article, for ``observe``). A scorer whose :class:`~copydesk.models.BatchPass` has
``merge`` is mapped: the batch is cut into chunks of :data:`CHUNK` consecutive readable
articles (the same cut at any worker count, so the same merges happen in the same
order), each chunk is observed in a watched worker process (:class:`copydesk.pool.Pool`,
the time limit per article), and the chunk states are merged by the keeper in input
order. A batch pass without ``merge`` observes every article in its keeper while the
chunks stream past. A pass that raises, exits, dies or runs over costs that scorer's
batch statistics, reported as ``CD004`` on every article, never the run. Either way the
input is read once and only the chunks in flight are held.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from copydesk.errors import describe, print_traceback
from copydesk.keepers import Held, Keeper, gather
from copydesk.models import Article, Unreadable
from copydesk.safety import shown
from copydesk.text import Document

if TYPE_CHECKING:
    from copydesk.runner import ActiveScorer, Runner

#: Articles per chunk of a mapped batch pass. Fixed, never derived from the worker count:
#: the output must not depend on how the batch was cut, and this makes even a merge
#: that breaks the contract give the same result at every ``-j``.
CHUNK = 64


@dataclass(frozen=True)
class Chunk:
    """Consecutive readable articles of the batch, observed together."""

    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Observed:
    """A chunk's batch-pass result: each mapped scorer's state (by prefix), or why it failed."""

    states: Mapping[str, bytes]  # pickled
    errors: Mapping[str, str]


def chunks(items: Iterable[Article | Unreadable], size: int = CHUNK) -> Iterator[Chunk]:
    """The readable articles of ``items`` in chunks of ``size`` (the last may be shorter)."""
    articles = (item for item in items if isinstance(item, Article))
    while batch := tuple(itertools.islice(articles, size)):
        yield Chunk(batch)


def observe(
    active: Sequence[ActiveScorer],
    articles: Iterable[Article],
    failed: Mapping[str, str],
    on_scorer: Callable[[int], None],
    on_article: Callable[[int], None],
) -> Observed:
    """Start a state for every mapped scorer not in ``failed`` and observe ``articles`` in order.

    :param on_scorer: called with the index in ``active`` of the scorer about to run
        (-1 while the core works), so a worker that dies names the culprit.
    :param on_article: called with the place of each article as it is started, so a
        worker's time limit applies per article and one that runs over names it.
    """
    mapped = [(i, a) for i, a in enumerate(active) if a.scorer.batch is not None and a.scorer.batch.merge is not None]
    states: dict[str, Any] = {}
    errors = {a.scorer.prefix: failed[a.scorer.prefix] for _, a in mapped if a.scorer.prefix in failed}
    for i, a in mapped:
        if a.scorer.prefix not in errors:
            on_scorer(i)
            _start(a, states, errors)
    for k, article in enumerate(articles):
        on_article(k)
        on_scorer(-1)
        document = Document.from_copy(article)
        for i, a in mapped:
            prefix = a.scorer.prefix
            if prefix in states:
                on_scorer(i)
                _observe(a, states, errors, document)
    return Observed(_packed(active, states, errors, on_scorer), errors)


def _packed(
    active: Sequence[ActiveScorer], states: dict[str, Any], errors: dict[str, str], on_scorer: Callable[[int], None]
) -> dict[str, bytes]:
    """Each state pickled on its own, so one that cannot cross processes costs only its scorer."""
    packed: dict[str, bytes] = {}
    for i, a in enumerate(active):
        if a.scorer.prefix in states:
            on_scorer(i)
            try:
                packed[a.scorer.prefix] = pickle.dumps(states[a.scorer.prefix], protocol=pickle.HIGHEST_PROTOCOL)
            except (
                Exception,
                SystemExit,
            ) as exc:  # isolation point: scoring (a state that cannot be pickled; sys.exit too)
                errors[a.scorer.prefix] = f"its batch state cannot be sent between processes: {describe(exc)}"
    on_scorer(-1)
    return packed


def _start(a: ActiveScorer, states: dict[str, Any], errors: dict[str, str]) -> None:
    """A fresh state for ``a`` in ``states``, or its error in ``errors``."""
    assert a.scorer.batch is not None
    try:
        states[a.scorer.prefix] = a.scorer.batch.start(a.context.settings)
    except (Exception, SystemExit) as exc:  # isolation point: scoring (sys.exit() too)
        errors[a.scorer.prefix] = describe(exc)
        print_traceback(exc, f"scorer {a.scorer.prefix}'s batch pass start")


def _observe(a: ActiveScorer, states: dict[str, Any], errors: dict[str, str], document: Document) -> None:
    """Fold one document into ``a``'s state; on failure drop the state and record why."""
    assert a.scorer.batch is not None
    prefix = a.scorer.prefix
    try:
        a.scorer.batch.observe(states[prefix], document)
    except (Exception, SystemExit) as exc:  # isolation point: scoring (sys.exit() too)
        del states[prefix]
        errors[prefix] = f"{describe(exc)} (on article {document.id})"
        print_traceback(exc, f"scorer {prefix}'s batch pass on article {shown(document.id)}")


class BatchRun:
    """One batch pass of a runner: each scorer's pass held by a keeper, mapped ones observed chunk by chunk in workers.

    Every scorer's state lives in its keeper (:mod:`copydesk.keepers`), which starts it,
    observes the articles (a pass without ``merge``), merges the chunk states the workers
    send back (a mapped pass) and finishes it, each call under ``[run] article_timeout``.
    """

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        self.batchers = [a for a in runner.active if a.scorer.batch is not None]
        self.mapped = [a for a in self.batchers if a.scorer.batch is not None and a.scorer.batch.merge is not None]
        self.serial = [a for a in self.batchers if a.scorer.batch is not None and a.scorer.batch.merge is None]
        self.passes: dict[str, Held | Keeper] = {}
        self.errors: dict[str, str] = {}

    def run(self, items: Iterable[Article | Unreadable], workers: int, timeout: float) -> dict[str, str]:
        """Observe every article, merge, finish; set each scorer's ``context.batch``; return the errors.

        :param timeout: ``[run] article_timeout``: what each hook call, and each article observed, may take.
        """
        with self._held(timeout):
            self._ask(self.serial, "start")
            for observed in self._map(self._stream(items), workers, timeout):
                self._merge(observed)
            self._finish()
        return self.errors

    def fold(
        self, observed: Iterable[Observed], items: Iterable[Article | Unreadable], timeout: float = 0.0
    ) -> dict[str, str]:
        """Merge chunk states observed elsewhere (a cluster) in order, observe ``items`` with the serial passes, finish.

        ``items`` is read only when some batch pass has no ``merge``.
        """
        with self._held(timeout):
            self._ask(self.serial, "start")
            for _ in self._stream(items) if self.serial else ():
                pass
            for chunk in observed:
                self._merge(chunk)
            self._finish()
        return self.errors

    @contextlib.contextmanager
    def _held(self, timeout: float) -> Iterator[None]:
        """A keeper per batch-pass scorer while the pass runs (here, when this process cannot or must not fork)."""
        here = self.runner.diagnosing or "fork" not in multiprocessing.get_all_start_methods()
        try:
            for a in self.batchers:
                self.passes[a.scorer.prefix] = Held(a) if here else Keeper(a, timeout)
            yield
        finally:
            for held in self.passes.values():
                if isinstance(held, Keeper):
                    held.close(kill=held.asked is not None)
            self.passes = {}

    def _ask(self, scorers: Iterable[ActiveScorer], op: str, payloads: Mapping[str, Any] | None = None) -> None:
        """Ask each of ``scorers`` not failed yet to run ``op`` (with its payload), all at once; record failures."""
        asked = []
        for a in scorers:
            prefix = a.scorer.prefix
            if prefix not in self.errors:
                held = self.passes[prefix]
                held.ask(op, None if payloads is None else payloads[prefix])
                asked.append((prefix, held))
        gather(held for _, held in asked)
        for prefix, held in asked:
            if held.error is not None:
                self.errors[prefix] = held.error

    def _stream(self, items: Iterable[Article | Unreadable]) -> Iterator[Chunk]:
        """The chunks, each observed by the serial passes as it streams past."""
        for chunk in chunks(items):
            if self.serial:
                self._ask(self.serial, "observe", {a.scorer.prefix: chunk.articles for a in self.serial})
            yield chunk

    def _map(self, stream: Iterator[Chunk], workers: int, timeout: float) -> Iterator[Observed]:
        """Each chunk's mapped states, in input order: in watched workers, else in this process."""
        if not self.mapped:
            for _ in stream:
                pass
            return
        if self.runner.diagnosing or "fork" not in multiprocessing.get_all_start_methods():
            for chunk in stream:
                yield self.runner.work(chunk, 0, {})
            return
        from copydesk.pool import Pool

        yield from Pool(self.runner, workers, timeout).run(enumerate(stream))

    def _merge(self, observed: Observed) -> None:
        """Fold one chunk's states into the running ones, in input order; the first error of a scorer stays."""
        for prefix in observed.errors:
            if prefix not in self.errors and prefix in self.passes:
                self.errors[prefix] = observed.errors[prefix]
                held = self.passes[prefix]
                if isinstance(held, Keeper):
                    held.close()
        merging = [a for a in self.mapped if a.scorer.prefix in observed.states]
        self._ask(merging, "merge", observed.states)

    def _finish(self) -> None:
        """Finish every pass not failed: its statistics become the scorer's ``context.batch``."""
        self._ask(self.batchers, "finish")
        finished = {p: held.answer for p, held in self.passes.items() if p not in self.errors}
        self.runner.active = tuple(
            replace(a, context=replace(a.context, batch=finished[a.scorer.prefix]))
            if a.scorer.prefix in finished
            else a
            for a in self.runner.active
        )
