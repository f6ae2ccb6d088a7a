"""Forked child processes the run watches: each leads its own process group, which ends with it.

A worker (:mod:`copydesk.pool`) or a batch-pass keeper (:mod:`copydesk.keepers`) may
start processes of its own (a scorer's ``subprocess.Popen``), which inherit its
standard error: one left running would hold that pipe open and block a CI runner that
captures it. So every watched child leads a process group, and stopping it kills the
whole group, whether the child hung, died, or finished and was asked to stop. A
process that leaves the group (``setsid``, ``start_new_session=True``) escapes this,
and so do the group's members when the run itself is killed with SIGKILL (the watched
children die with it, their own children do not). A group of its own is a background
group on a terminal: with ``stty tostop`` set, a child writing to the terminal is
stopped there, and then runs over its time limit.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import signal
import socket
import time
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from typing import Any

#: Whether :func:`pause_collection` stopped the garbage collector (and :func:`settle` has not yet resumed it).
_paused = False


def pause_collection() -> None:
    """Stop the cyclic garbage collector while a run starts up; :func:`settle` resumes it (the console script only).

    Start-up (parsing the command line, reading the configuration, importing the plugins
    and numpy) makes some 45,000 objects the run keeps to its end and next to no garbage:
    the 40-odd collections it set off walked them again and again for nothing (about
    30 ms of CPU on one article).
    """
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def settle() -> None:
    """Start-up is over: freeze what it made and resume collecting.

    Called once the plugins are loaded, before any worker or keeper is forked; does
    nothing unless :func:`pause_collection` paused the collector. Frozen, start-up's
    objects are not walked by the first collection (nor by any later one, here or in a
    fork: the run froze them for its scoring anyway, ``copydesk.app._long_lived_heap``).
    """
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def enter_group() -> None:
    """In a forked child: lead a process group of its own, ignore Ctrl-C and die with the run (Linux)."""
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


#: Bytes a watched child's pipe may hold unread (asked of the kernel, which caps it at ``net.core.wmem_max``).
PIPE_BYTES = 1 << 20


def widen(connection: Any, size: int = PIPE_BYTES) -> None:
    """Let ``connection`` (a duplex ``multiprocessing`` pipe, a socket pair) send ``size`` bytes before the reader reads.

    A worker's reply (a group's rendered reports, some 450 KB of JSONL on the bench batch)
    is then written at once and the worker goes on, instead of waiting, 200 KB at a time
    (Linux's default), for the run to read each piece. Best effort: a pipe that is no
    socket, or a system that refuses, keeps its size.
    """
    try:
        duplicate = os.dup(connection.fileno())
    except (OSError, ValueError):
        return
    try:
        end = socket.socket(fileno=duplicate)
    except OSError:  # not a socket: the duplicate would otherwise stay open
        os.close(duplicate)
        return
    with end, contextlib.suppress(OSError):
        end.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, size)


def adopt(process: BaseProcess) -> None:
    """In the run: make the child ``process`` lead its group now (it does so itself too; whichever comes first)."""
    with contextlib.suppress(OSError):  # it may already have done so, or already have exited
        assert process.pid is not None
        os.setpgid(process.pid, process.pid)


def death(process: BaseProcess) -> str:
    """How a child process ended, in words (it is reaped first: its sentinel can fire before its status is known)."""
    end(process)
    code = process.exitcode
    if code is not None and code < 0:
        return f"was killed by {signal.Signals(-code).name}"
    return f"exited with status {code}"


def end(process: BaseProcess, grace: float = 0.0) -> None:
    """Stop ``process`` and every process in its group, then reap it.

    :param grace: seconds to let it exit by itself first (it was asked to stop).
    The group is killed before the child is reaped (reading ``exitcode`` would reap it),
    while its number cannot be taken by another process.
    """
    if process.pid is None or _reaped(process):
        return
    if grace:
        wait([process.sentinel], timeout=grace)
    with contextlib.suppress(OSError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()  # not in its own group yet (killed between fork and setpgid)
    process.join()


def _reaped(process: BaseProcess) -> bool:
    """Whether ``process`` was reaped already (its group was ended then), without reaping it now."""
    return getattr(getattr(process, "_popen", None), "returncode", None) is not None


class Clock:
    """When a watched child started the article in hand, and that article's place in its job.

    Shared memory, written by the run when it hands the child a job and by the child as
    it starts each article of a chunk, so a time limit applies to each article.
    """

    def __init__(self, context: Any) -> None:
        """:param context: the ``fork`` multiprocessing context the child is made with."""
        self._since = context.Value("d", 0.0, lock=False)
        self._at = context.Value("i", -1, lock=False)

    def start(self, position: int = -1) -> None:
        """An article (``position`` in the job; -1: the job itself) starts now."""
        self._at.value = position
        self._since.value = time.monotonic()

    def touch(self) -> None:
        """The article in hand started no earlier than now (its place is left as the child wrote it)."""
        self._since.value = max(self._since.value, time.monotonic())

    @property
    def since(self) -> float:
        """When the article in hand was started (``time.monotonic``, the same clock in every process)."""
        return float(self._since.value)

    @property
    def at(self) -> int:
        """The place in its job of the article in hand (-1: none in particular)."""
        return int(self._at.value)
