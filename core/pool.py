"""Worker processes that score articles, watched: a worker that dies, exits or hangs costs one scorer on one article.

The same pool runs a mapped batch pass (:mod:`copydesk.batchpass`), one chunk of
articles per job: there a worker lost in a scorer costs that scorer's batch pass.

Each worker (a fork of the run) scores one article at a time and records which scorer
it is in. When a scorer raises a ``BaseException`` (``sys.exit``, ...), calls
``os._exit``, is killed (the out-of-memory killer) or runs past ``[run]
article_timeout``, the worker is replaced and the article scored again without that
scorer, whose result becomes a ``CD001`` diagnostic. Reports come back in input
order. The time limit applies per article, also to each article of a batch-pass chunk
(the worker says when it starts each, and which one it is on). Workers ignore Ctrl-C
(the run handles it), die with the run (Linux) and lead their own process groups, which
are killed when they stop, so a process a scorer started ends with them
(:mod:`copydesk.processes`).
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any, Union

from copydesk import processes
from copydesk.errors import PluginFailure, describe
from copydesk.models import Article, ArticleReport, Unreadable

if TYPE_CHECKING:
    from copydesk.batchpass import Chunk
    from copydesk.runner import Runner
    from copydesk.sources._common import Deferred

Item = Article | Unreadable
#: What a worker makes of a report for the run: the report writers' text, and the report the run still reads.
Render = Callable[[ArticleReport], "Rendered"]
#: What a job carries: an article to score (perhaps still to be read), or a chunk of articles for the batch pass.
Task = Union[Item, "Deferred", "Chunk"]
#: Re-scoring an article after this many failed attempts gives up on every scorer.
MAX_ATTEMPTS = 64
#: Articles per job of the scoring pass (:class:`Group`): fewer messages between the run and its workers.
GROUP = 8
#: Groups per worker the run reads ahead of what it hands out, to see the end of the input coming (:meth:`Pool._fresh`).
AHEAD = 2


def tail_size(left: int, group: int, workers: int) -> int:
    """Articles in the next job once only ``left`` remain: a ``2 * workers``-th of them (at least one, at most ``group``).

    Each job near the end takes half a worker's share of what is left, so the last jobs
    are single articles and no worker is left alone with a whole group at the end.
    """
    return max(1, min(group, -(-left // (2 * workers))))


@dataclass(frozen=True)
class Group:
    """Consecutive articles sent to a worker as one job, each with its index; their reports come back together.

    Only articles not scored before are grouped: one that is scored again (a scorer
    failed on it) is a job of its own.
    """

    items: tuple[tuple[int, Task], ...]


@dataclass
class Job:
    """One article to score (or a :class:`Group` of them, from ``index`` on), and the scorers already known to fail on it."""

    index: int
    item: Task | Group
    failed: dict[str, str] = field(default_factory=dict)
    attempts: int = 0


@dataclass
class Worker:
    """A worker process, its end of the pipe, what it is doing, and the job sent to it to do next."""

    process: BaseProcess
    conn: Connection
    current: Any  # multiprocessing.Value("i"): the index of the scorer running, -1 for none
    clock: processes.Clock
    job: Job | None = None
    #: Sent while :attr:`job` runs, so the worker starts it without waiting for the run (:meth:`Pool._dispatch`).
    queued: Job | None = None


@dataclass(frozen=True)
class Rendered:
    """The text each report writer makes of a report (rendered in the worker, written by the run), and the report.

    ``report`` is what the run itself still reads of it (its tallies, the gate, the
    roll-up): it may be a lighter copy than the one rendered.
    """

    report: ArticleReport
    pieces: tuple[str | bytes, ...]
    #: Why the report could not be rendered ("" when it was): ``report`` is then the whole report, ``pieces`` empty.
    failure: str = ""

    @property
    def text(self) -> tuple[str | bytes, ...] | str:
        """The pieces, or (a str) why there are none: the run then writes the whole report itself and warns."""
        return self.failure or self.pieces


#: ``current``'s value while a worker renders a report (no scorer runs): a worker that dies then is the formats' fault.
RENDERING = -2


def _rendered(result: Any, render: Render | None, current: Any = None) -> Any:
    """``render(result)`` when ``result`` is a report and there is a ``render``; the whole report and why when rendering fails.

    A report that cannot be rendered goes back whole (:attr:`Rendered.failure`), and the
    run writes it itself, saying which format failed (a writer's ``render`` that raised).
    """
    if render is None or not isinstance(result, ArticleReport):
        return result
    if current is not None:
        current.value = RENDERING
    try:
        return render(result)
    except Exception as exc:  # isolation point: scoring (sent whole; the run renders it again)
        return Rendered(result, (), str(exc) if hasattr(exc, "label") else describe(exc))
    finally:
        if current is not None:
            current.value = -1


def _group(group: Group, runner: Runner, current: Any, clock: Any, render: Render | None) -> tuple[Any, ...]:
    """Score a group's articles in turn: every report, or those before the one where a scorer escaped and why.

    The clock is restarted at each article, so the time limit applies per article, and
    says which one is in hand if the worker dies or runs over.
    """
    results: list[Any] = []
    for place, (index, item) in enumerate(group.items):
        clock.start(place)
        current.value = -1
        try:
            result = runner.work(item, index, {})
            current.value = -1
            results.append(_rendered(result, render, current))
        except BaseException as exc:  # isolation point: scoring (SystemExit & co. escape except Exception)
            return ("raised", current.value, describe(exc), results)
    return ("reports", results)


def _serve(conn: Connection, runner: Runner, current: Any, clock: Any, render: Render | None = None) -> None:
    """Worker-process loop: score each job sent, send back the report or what escaped.

    ``current`` records the scorer running; ``clock`` when the article in hand was
    started and its place in the job (a chunk), so the time limit applies per article.
    ``render``, when given, turns each report into the report writers' text here
    (:class:`Rendered`), so the run only writes it.
    """
    processes.enter_group()
    runner.on_scorer = lambda i: setattr(current, "value", i)
    runner.on_article = clock.start
    while True:
        try:
            job: Job | None = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        clock.start()  # a job sent while the one before ran starts now
        current.value = -1
        if isinstance(job.item, Group):
            message = _group(job.item, runner, current, clock, render)
        else:
            try:
                result = runner.work(job.item, job.index, job.failed)
                current.value = -1
                message = ("report", _rendered(result, render, current))
            except BaseException as exc:  # isolation point: scoring (SystemExit & co. escape except Exception)
                message = ("raised", current.value, describe(exc))
        try:
            conn.send(message)
        except Exception as exc:  # isolation point: scoring (a result that cannot be pickled)
            conn.send(("raised", -1, f"its result cannot be sent between processes: {describe(exc)}"))


class Pool:
    """``workers`` watched worker processes scoring a batch for ``runner``."""

    def __init__(self, runner: Runner, workers: int, timeout: float, render: Render | None = None) -> None:
        """:param timeout: seconds one article may take in a worker (0: no limit).

        :param render: turns a report into the report writers' text in the worker: reports
            then come back as :class:`Rendered` (whole, when rendering failed).
        """
        self.runner = runner
        self.render = render
        self.size = workers
        self.timeout = timeout
        self.context = multiprocessing.get_context("fork")
        self.workers: list[Worker] = []
        self.redo: deque[Job] = deque()
        self.done: dict[int, Any] = {}
        self.group = 1
        #: Items read from the input but not yet handed out (several workers: see :meth:`_fresh`).
        self.ahead: deque[tuple[int, Task]] = deque()
        self.ended = False

    def _spawn(self) -> Worker:
        ours, theirs = self.context.Pipe()
        processes.widen(ours)  # a chunk of the batch pass, to the worker
        processes.widen(theirs)  # a group's rendered reports, back
        current = self.context.Value("i", -1, lock=False)
        clock = processes.Clock(self.context)
        process = self.context.Process(
            target=_serve, args=(theirs, self.runner, current, clock, self.render), daemon=True
        )
        process.start()
        processes.adopt(process)
        theirs.close()
        return Worker(process, ours, current, clock)

    def run(self, jobs: Iterable[tuple[int, Task]], group: int = 1) -> Iterator[Any]:
        """Do every job; yield results (reports, or a batch pass's chunk states) in index order.

        :param group: articles sent to a worker at once (:class:`Group`); each still has
            its own report, time limit and retries.
        Workers are stopped however this ends.
        """
        self.group = max(1, group)
        self.ahead, self.ended = deque(), False
        source = iter(jobs)
        following, exhausted = 0, False
        try:
            self.workers = [self._spawn() for _ in range(self.size)]
            while not exhausted or self.redo or any(w.job for w in self.workers):
                exhausted = self._dispatch(source, following) or exhausted
                self._collect()
                while following in self.done:
                    yield self.done.pop(following)
                    following += 1
        finally:
            self.close()

    def _dispatch(self, source: Iterator[tuple[int, Task]], following: int) -> bool:
        """Give idle workers work (retries first), and busy ones their next job; True once the input is used up.

        With several workers, a busy worker is sent its next job too (:attr:`Worker.queued`)
        until the end of the input is in sight, so it goes on at once instead of waiting for
        this process to read its reply and send more (on a busy machine, for a core).
        """
        for worker in self.workers:
            if worker.job is not None and (worker.queued is not None or self.size == 1 or self.ended):
                continue
            job = self.redo.popleft() if self.redo else None
            if job is None and len(self.done) < 4 * self.size * self.group:  # bound what waits for an earlier article
                job = self._fresh(source)
                if job is None:
                    return True
            if job is None:
                continue
            if worker.job is None:
                worker.job = job
                worker.clock.start()
            else:
                worker.queued = job
            try:
                worker.conn.send(job)
            except OSError:  # the worker ended as the job went out (a scorer exited, or it was killed)
                self._unsent(worker, job)
        return False

    def _unsent(self, worker: Worker, job: Job) -> None:
        """``job`` could not be sent to ``worker``, whose process has ended: it never ran there, so it costs nothing.

        A job sent ahead (:attr:`Worker.queued`) stays where it is: :meth:`_collect` sees
        the death and :meth:`_replace` charges the job that was running and queues this
        one again. An idle worker that died between jobs is replaced, and the job queued
        again with no scorer failed.
        """
        if worker.queued is job:
            return
        worker.job = None
        self.redo.appendleft(job)
        self._stop(worker)
        self.workers[self.workers.index(worker)] = self._spawn()

    def _fresh(self, source: Iterator[tuple[int, Task]]) -> Job | None:
        """The next job from the input: one item, or a :class:`Group` of up to :attr:`group` (None: the input is used up).

        With several workers, the input is read :data:`AHEAD` groups a worker ahead, so
        its end is seen coming: the last articles go out in smaller and smaller groups
        (a share of what is left, :func:`tail_size`), and the workers finish together
        instead of one scoring a last whole group while the others wait.
        """
        if self.size > 1:
            while not self.ended and len(self.ahead) < AHEAD * self.group * self.size:
                nxt = next(source, None)
                if nxt is None:
                    self.ended = True
                    break
                self.ahead.append(nxt)
            count = tail_size(len(self.ahead), self.group, self.size) if self.ended else self.group
            items = tuple(self.ahead.popleft() for _ in range(min(count, len(self.ahead))))
        else:
            items = tuple(itertools.islice(source, self.group))
        if not items:
            return None
        return Job(*items[0]) if len(items) == 1 else Job(items[0][0], Group(items))

    def _collect(self) -> None:
        """Wait for a report, a death or a time limit; deal with each."""
        busy = [w for w in self.workers if w.job is not None]
        if not busy:
            return
        waits = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        limit = None
        if self.timeout:
            limit = max(0.0, min(w.clock.since for w in busy) + self.timeout - time.monotonic())
        ready = set(wait(waits, timeout=limit))
        for worker in busy:
            if worker.conn in ready:
                self._receive(worker)
            elif worker.process.sentinel in ready:
                self._replace(worker, f"its worker process {processes.death(worker.process)}")
            elif self.timeout and time.monotonic() - worker.clock.since >= self.timeout:
                self._replace(worker, f"still running after run.article_timeout ({self.timeout:g} s); stopped")

    def _receive(self, worker: Worker) -> None:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker, f"its worker process {processes.death(worker.process)}")
            return
        job, worker.job, worker.queued = worker.job, worker.queued, None
        assert job is not None
        if worker.job is not None:  # the worker starts it now, if it has not already (its limit runs from then)
            worker.clock.touch()
        if message[0] == "report":
            self.done[job.index] = message[1]
        elif message[0] == "reports":
            assert isinstance(job.item, Group)
            self.done.update(zip((index for index, _ in job.item.items), message[1], strict=False))
        elif isinstance(job.item, Group):  # a scorer escaped on the article after the reports sent
            self._split(job.item, len(message[3]), message[1], f"raised {message[2]}", message[3])
        else:
            self._retry(job, message[1], f"raised {message[2]}")

    def _split(self, group: Group, at: int, culprit: int, why: str, reports: Sequence[Any] = ()) -> None:
        """A group that failed on its article ``at``: keep the ``reports`` before it, retry that one, queue the rest.

        The articles before it whose reports were lost (the worker died) and those after
        it are scored again as jobs of their own, with no scorer failed.
        """
        at = max(0, min(at, len(group.items) - 1))  # died before its first article: the first one's
        self.done.update(zip((index for index, _ in group.items[: len(reports)]), reports, strict=False))
        for index, item in (*group.items[len(reports) : at], *group.items[at + 1 :]):
            self.redo.append(Job(index, item))
        self._retry(Job(*group.items[at]), culprit, why)

    def _replace(self, worker: Worker, why: str) -> None:
        """Stop a dead or hung worker, start another, and score its article again without the culprit."""
        job, culprit, at = worker.job, worker.current.value, worker.clock.at
        self._stop(worker)
        self.workers[self.workers.index(worker)] = self._spawn()
        if worker.queued is not None:  # sent, never started
            self.redo.append(worker.queued)
        assert job is not None
        if isinstance(job.item, Group):
            self._split(job.item, at, culprit, why)
            return
        articles = getattr(job.item, "articles", None)
        if articles is not None and 0 <= at < len(articles):  # a chunk of the batch pass: name the article it was on
            why = f"{why} (on article {articles[at].id})"
        elif articles is not None and at < 0:  # a chunk before its first article: the passes' start
            why = f"{why} (in start)"
        self._retry(job, culprit, why)

    def _retry(self, job: Job, culprit: int, why: str) -> None:
        """Queue ``job`` again with scorer ``culprit`` failed (every scorer, if it failed outside one)."""
        active = self.runner.active
        if culprit == RENDERING:  # no scorer ran: a format's render ended the worker, and no report can be trusted
            names = getattr(getattr(self.render, "pieces", None), "culprits", "the report formats")
            raise PluginFailure(
                f"render(report) of {names} ended a worker process: {why.removeprefix('its worker process ')}"
            )
        job.attempts += 1
        if 0 <= culprit < len(active) and job.attempts <= MAX_ATTEMPTS:
            job.failed[active[culprit].scorer.prefix] = why
            self.redo.appendleft(job)
            return
        failed = {a.scorer.prefix: why for a in active} | job.failed
        assert not isinstance(job.item, Group)  # a group is split first (:meth:`_split`)
        self.done[job.index] = self.runner.work(job.item, job.index, failed)  # calls no scorer

    @staticmethod
    def _stop(worker: Worker, grace: float = 0.0) -> None:
        """Kill ``worker`` and every process it started (its process group), after ``grace`` seconds to exit."""
        processes.end(worker.process, grace)
        worker.conn.close()

    def close(self) -> None:
        """End every worker and what it started: idle ones are asked to stop, busy ones are killed."""
        for worker in self.workers:
            grace = 0.0
            if worker.job is None:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
                grace = 2.0
            self._stop(worker, grace)
        self.workers = []
