"""The batch pass: each scorer's statistics over the whole batch, before any article is scored.

A scorer whose :class:`~copydesk.models.BatchPass` has ``merge`` is mapped: the batch
is cut into chunks of :data:`CHUNK` consecutive readable articles (the same cut at
any worker count, so the same merges happen in the same order), each chunk is observed
in a watched worker process (:class:`copydesk.pool.Pool`: a pass that raises, exits,
dies or hangs costs that scorer's batch statistics, reported as ``CD004`` on every
article, never the run), and the chunk states are merged in input order. A batch pass
without ``merge`` observes every article in the main process, while the chunks stream
past. Either way the input is read once and only the chunks in flight are held.
"""

from __future__ import annotations

import itertools
import multiprocessing
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from copydesk.errors import describe
from copydesk.models import Article, Unreadable
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
) -> Observed:
    """Start a state for every mapped scorer not in ``failed`` and observe ``articles`` in order.

    :param on_scorer: called with the index in ``active`` of the scorer about to run
        (-1 while the core works), so a worker that dies names the culprit.
    """
    mapped = [(i, a) for i, a in enumerate(active) if a.scorer.batch is not None and a.scorer.batch.merge is not None]
    states: dict[str, Any] = {}
    errors = {a.scorer.prefix: failed[a.scorer.prefix] for _, a in mapped if a.scorer.prefix in failed}
    for i, a in mapped:
        if a.scorer.prefix not in errors:
            on_scorer(i)
            _start(a, states, errors)
    for article in articles:
        on_scorer(-1)
        document = Document.from_article(replace(article))
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
            except (Exception, SystemExit) as exc:  # isolation point: scoring (a state that cannot be pickled; sys.exit too)
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


def _observe(a: ActiveScorer, states: dict[str, Any], errors: dict[str, str], document: Document) -> None:
    """Fold one document into ``a``'s state; on failure drop the state and record why."""
    assert a.scorer.batch is not None
    prefix = a.scorer.prefix
    try:
        a.scorer.batch.observe(states[prefix], document)
    except (Exception, SystemExit) as exc:  # isolation point: scoring (sys.exit() too)
        del states[prefix]
        errors[prefix] = f"{describe(exc)} (on article {document.id})"


class BatchRun:
    """One batch pass of a runner: serial scorers here, mapped scorers chunk by chunk, then finish."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        batchers = [a for a in runner.active if a.scorer.batch is not None]
        self.mapped = [a for a in batchers if a.scorer.batch is not None and a.scorer.batch.merge is not None]
        self.serial = [a for a in batchers if a.scorer.batch is not None and a.scorer.batch.merge is None]
        self.states: dict[str, Any] = {}
        self.errors: dict[str, str] = {}

    def run(self, items: Iterable[Article | Unreadable], workers: int, timeout: float) -> dict[str, str]:
        """Observe every article, merge, finish; set each scorer's ``context.batch``; return the errors.

        :param timeout: ``[run] article_timeout``: a chunk may take that long per article.
        """
        for a in self.serial:
            _start(a, self.states, self.errors)
        for observed in self._map(self._stream(items), workers, timeout):
            self._merge(observed)
        self.runner.active = tuple(self._finish(a) for a in self.runner.active)
        return self.errors

    def fold(self, observed: Iterable[Observed], items: Iterable[Article | Unreadable]) -> dict[str, str]:
        """Merge chunk states observed elsewhere (a cluster) in order, observe ``items`` with the serial passes, finish.

        ``items`` is read only when some batch pass has no ``merge``.
        """
        for a in self.serial:
            _start(a, self.states, self.errors)
        for _ in self._stream(items) if self.serial else ():
            pass
        for chunk in observed:
            self._merge(chunk)
        self.runner.active = tuple(self._finish(a) for a in self.runner.active)
        return self.errors

    def _stream(self, items: Iterable[Article | Unreadable]) -> Iterator[Chunk]:
        """The chunks, each observed by the serial scorers here as it streams past."""
        for chunk in chunks(items):
            for article in chunk.articles if self.serial else ():
                document = Document.from_article(replace(article))
                for a in self.serial:
                    if a.scorer.prefix in self.states:
                        _observe(a, self.states, self.errors, document)
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
        for a in self.mapped:
            prefix = a.scorer.prefix
            if prefix in self.errors:
                continue
            if prefix in observed.errors:
                self.errors[prefix] = observed.errors[prefix]
                self.states.pop(prefix, None)
            else:
                assert a.scorer.batch is not None and a.scorer.batch.merge is not None
                try:
                    later = pickle.loads(observed.states[prefix])
                    merged = later if prefix not in self.states else a.scorer.batch.merge(self.states[prefix], later)
                    self.states[prefix] = merged
                except (Exception, SystemExit) as exc:  # isolation point: scoring (sys.exit() too)
                    self.errors[prefix] = f"merge raised {describe(exc)}"
                    self.states.pop(prefix, None)

    def _finish(self, a: ActiveScorer) -> ActiveScorer:
        """``a`` with its finished statistics as ``context.batch`` (an empty batch gets a fresh state)."""
        prefix = a.scorer.prefix
        if a.scorer.batch is None or prefix in self.errors:
            return a
        if prefix not in self.states:
            _start(a, self.states, self.errors)
            if prefix in self.errors:
                return a
        try:
            stats = a.scorer.batch.finish(self.states.pop(prefix))
        except (Exception, SystemExit) as exc:  # isolation point: scoring (sys.exit() too)
            self.errors[prefix] = describe(exc)
            return a
        return replace(a, context=replace(a.context, batch=stats))
