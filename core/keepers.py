"""Batch passes held apart: each scorer's start, observe, merge and finish run in a process of its own.

The state of a scorer's batch pass lives in a *keeper*, a child process forked for
that scorer, which runs the scorer's hooks as the run asks and answers over a pipe.
Every call gets ``[run] article_timeout`` (each article observed counts on its own);
a keeper that runs over, raises, exits or dies is stopped with every process it started
(:mod:`copydesk.processes`) and that scorer's batch pass has failed (``CD004``), while
the other keepers go on. What crosses the pipe must pickle: the articles a pass without
``merge`` observes, the chunk states of a mapped pass (pickled in the workers already)
and what ``finish`` returns. An object of the statistics that has ``fileno()``,
``descriptor_state()`` and a class method ``from_descriptor(fd, *state)`` (an unnamed
temporary file, :class:`copydesk.spill.SpilledMap`) crosses by its descriptor, passed
over the pipe, not by its contents. Where the run cannot fork, or the conformance suite
measures this process, :class:`Held` runs the same calls here, without a time limit.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import pickle
import socket
import time
from collections.abc import Callable, Iterable
from multiprocessing import reduction
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any

from copydesk import processes
from copydesk.errors import describe
from copydesk.text import Document

if TYPE_CHECKING:
    from copydesk.runner import ActiveScorer

#: A pass that has no state yet (its first chunk's state becomes it, unmerged).
_EMPTY: Any = object()


class Failed(Exception):
    """A batch-pass call failed; the message is the reason ``CD004`` gives."""


class Held:
    """One scorer's batch pass in the process that holds it: its state, and the calls on it."""

    def __init__(
        self,
        a: ActiveScorer,
        on_article: Callable[[int], None] = lambda k: None,
        escapes: tuple[type[BaseException], ...] = (Exception, SystemExit),
    ) -> None:
        """Hold ``a``'s pass, with no state yet.

        :param on_article: called with the place of each article as it is observed.
        :param escapes: what a hook may raise and cost only its pass (a keeper catches everything).
        """
        self.a = a
        self.on_article = on_article
        self.escapes = escapes
        self.state: Any = _EMPTY
        self.answer: Any = None
        self.error: str | None = None

    def ask(self, op: str, payload: Any = None) -> None:
        """Run ``op`` now: its answer in :attr:`answer`, or why it failed in :attr:`error`."""
        try:
            self.answer = self.call(op, payload)
        except Failed as exc:
            self.error = str(exc)

    def call(self, op: str, payload: Any) -> Any:
        """Run one call: ``start``, ``observe`` (a tuple of articles), ``merge`` (a pickled state) or ``finish``.

        :returns: ``finish``'s statistics, else None.
        :raises Failed: the hook failed (its words as ``CD004`` gives them).
        """
        batch = self.a.scorer.batch
        assert batch is not None
        if op == "start" or (op == "finish" and self.state is _EMPTY):
            self.state = self._guarded("{}", batch.start, self.a.context.settings)
        if op == "observe":
            for k, article in enumerate(payload):
                self.on_article(k)
                document = Document.from_copy(article)
                self._guarded(f"{{}} (on article {document.id})", batch.observe, self.state, document)
        elif op == "merge":
            self.state = self._guarded("merge raised {}", self._merged, payload)
        elif op == "finish":
            return self._guarded("{}", batch.finish, self.state)
        return None

    def _merged(self, blob: bytes) -> Any:
        """The state with a later chunk's (pickled) state merged in; the first chunk's becomes the state."""
        assert self.a.scorer.batch is not None and self.a.scorer.batch.merge is not None
        later = pickle.loads(blob)
        return later if self.state is _EMPTY else self.a.scorer.batch.merge(self.state, later)

    def _guarded(self, words: str, hook: Callable[..., Any], *args: Any) -> Any:
        """``hook(*args)``, or :class:`Failed` with what it raised put into ``words``."""
        try:
            return hook(*args)
        except self.escapes as exc:  # isolation point: scoring (a batch-pass hook; sys.exit() too)
            raise Failed(words.format(describe(exc))) from exc


def _keep(conn: Connection, a: ActiveScorer, clock: processes.Clock) -> None:
    """Keeper-process loop: run each call sent, answer ``("ok", answer)`` or ``("failed", why)``.

    ``finish``'s statistics are sent pickled, so one that cannot be costs only its pass.
    """
    processes.enter_group()
    held = Held(a, clock.start, (BaseException,))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        op, payload = message
        descriptors: list[int] = []
        try:
            answer = held.call(op, payload)
            reply: tuple[str, Any] = ("ok", None)
            if op == "finish":
                blob, descriptors = _pickled(answer)
                reply = ("ok", (blob, len(descriptors)))
        except Failed as exc:
            reply = ("failed", str(exc))
        conn.send(reply)
        if descriptors:
            with socket.fromfd(conn.fileno(), socket.AF_UNIX, socket.SOCK_STREAM) as channel:
                reduction.sendfds(channel, descriptors)


class _Passing(pickle.Pickler):
    """A pickler that leaves out the objects that cross by descriptor (see the module docstring), collecting their descriptors."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.descriptors: list[int] = []

    def persistent_id(self, obj: Any) -> Any:
        """``(place, class, state)`` for an object passed by descriptor, else None (pickled as usual)."""
        kind = type(obj)
        if callable(getattr(kind, "from_descriptor", None)) and callable(getattr(kind, "descriptor_state", None)):
            self.descriptors.append(obj.fileno())
            return (len(self.descriptors) - 1, kind, obj.descriptor_state())
        return None


class _Receiving(pickle.Unpickler):
    """The unpickler for :class:`_Passing`'s bytes, with the descriptors received beside them."""

    def __init__(self, blob: bytes, descriptors: list[int]) -> None:
        super().__init__(io.BytesIO(blob))
        self.descriptors = descriptors

    def persistent_load(self, pid: Any) -> Any:
        """The object passed by descriptor (it owns the descriptor from now on)."""
        place, kind, state = pid
        fd, self.descriptors[place] = self.descriptors[place], -1
        return kind.from_descriptor(fd, *state)


def _pickled(stats: Any) -> tuple[bytes, list[int]]:
    """``finish``'s statistics as bytes for the run and the descriptors that cross beside them, or :class:`Failed`."""
    out = io.BytesIO()
    try:
        pickler = _Passing(out)
        pickler.dump(stats)
    except BaseException as exc:  # isolation point: scoring (a plugin's object that cannot be pickled)
        raise Failed(f"its batch statistics cannot be sent between processes: {describe(exc)}") from exc
    return out.getvalue(), pickler.descriptors


def _unpickled(conn: Connection, answer: tuple[bytes, int]) -> Any:
    """``finish``'s statistics read back: the bytes, and the descriptors the keeper sent after them."""
    blob, count = answer
    descriptors: list[int] = []
    if count:
        with socket.fromfd(conn.fileno(), socket.AF_UNIX, socket.SOCK_STREAM) as channel:
            descriptors = list(reduction.recvfds(channel, count))
    receiving = _Receiving(blob, descriptors)
    try:
        return receiving.load()
    finally:
        for fd in receiving.descriptors:  # the ones no object took
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)


class Keeper:
    """One scorer's batch pass held in a keeper process, asked one call at a time."""

    def __init__(self, a: ActiveScorer, timeout: float) -> None:
        """Fork the keeper. :param timeout: seconds one call (one article, for ``observe``) may take; 0: no limit."""
        context = multiprocessing.get_context("fork")
        self.timeout = timeout
        self.clock = processes.Clock(context)
        ours, theirs = context.Pipe()
        self.process = context.Process(target=_keep, args=(theirs, a, self.clock), daemon=True)
        self.process.start()
        processes.adopt(self.process)
        theirs.close()
        self.conn = ours
        self.asked: tuple[str, Any] | None = None
        self.answer: Any = None
        self.error: str | None = None

    def ask(self, op: str, payload: Any = None) -> None:
        """Send ``op`` (see :meth:`Held.call`); :func:`gather` waits for the answer."""
        if self.error is not None:
            return
        self.asked = (op, payload)
        self.clock.start()
        with contextlib.suppress(OSError, ValueError):  # it is gone: its sentinel says how
            self.conn.send((op, payload))

    def deadline(self) -> float:
        """When the call in hand runs over (``inf`` without a limit)."""
        return self.clock.since + self.timeout if self.timeout else float("inf")

    def settle(self, ready: set[Any]) -> None:
        """Take the answer if ``ready`` has it; else stop the keeper if it ended or ran over."""
        if self.conn in ready:
            try:
                status, answer = self.conn.recv()
            except (EOFError, OSError):
                self._fail(f"its batch-pass process {processes.death(self.process)}")
                return
            if status == "failed":  # the hook's own failure, in the words an in-process pass gives it
                self.error, self.asked = answer, None
                self.close()
            else:
                self._answered(answer)
        elif self.process.sentinel in ready:
            self._fail(f"its batch-pass process {processes.death(self.process)}")
        elif time.monotonic() >= self.deadline():
            self._fail(f"still running after run.article_timeout ({self.timeout:g} s); stopped")

    def _answered(self, answer: Any) -> None:
        """The call succeeded: ``finish``'s statistics are read back here."""
        assert self.asked is not None
        op = self.asked[0]
        self.asked = None
        if op != "finish":
            return
        try:
            self.answer = _unpickled(self.conn, answer)
        except Exception as exc:  # isolation point: scoring (a plugin's object that cannot be read back)
            self.error = f"its batch statistics cannot be sent between processes: {describe(exc)}"
            self.close()

    def _fail(self, why: str) -> None:
        """The keeper ended or ran over: say where (the hook, the article), stop it and everything it started."""
        op, payload = self.asked or ("", ())
        where = f" (in {op})"
        if op == "observe" and 0 <= self.clock.at < len(payload):
            where = f" (on article {payload[self.clock.at].id})"
        self.error = f"{why}{where}"
        self.asked = None
        self.close(kill=True)

    def close(self, kill: bool = False) -> None:
        """Stop the keeper (asked to when it is idle, else killed) with its process group; close the pipe."""
        idle = not kill and self.asked is None
        if idle and not self.conn.closed:
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
        self.conn.close()
        processes.end(self.process, grace=2.0 if idle else 0.0)


def gather(passes: Iterable[Held | Keeper]) -> None:
    """Wait until every keeper among ``passes`` answered, failed or ran over its time limit."""
    busy = [p for p in passes if isinstance(p, Keeper) and p.asked is not None]
    while busy:
        limit = min(p.deadline() for p in busy) - time.monotonic()
        waits = [p.conn for p in busy] + [p.process.sentinel for p in busy]
        ready = set(wait(waits, timeout=None if limit == float("inf") else max(0.0, limit)))
        for p in busy:
            p.settle(ready)
        busy = [p for p in busy if p.asked is not None]
