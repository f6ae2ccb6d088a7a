"""Fault injection (FLT): a scorer that misbehaves on purpose, for the hardening tests.

``COPYDESK_FAULT`` names the fault; it strikes only on articles whose body contains
``TRIGGER``, so every other article must still be scored normally. Faults: ``raise``,
``print``, ``hang``, ``exit`` (``sys.exit``), ``os_exit``, ``kill`` (SIGKILL, as the
out-of-memory killer does), ``base`` (a bare ``BaseException``), ``nan`` and ``inf``
(metrics), ``nan_subscore``, ``nan_data`` (a NaN nested in a finding's data), ``span``
(a finding past the end of the text), ``position`` (a finding at the right offsets with
a made-up line and column), and ``mutate`` (``object.__setattr__`` on the shared document). ``spawn`` starts
a child process that sleeps for an hour holding stderr open, and returns; ``spawn_hang``
starts one and hangs.

Faults in the batch pass: ``batch_hang`` hangs in ``observe`` of the (mergeable) pass,
in a worker; ``serial_hang`` in ``observe`` of a pass without ``merge``; ``merge_hang``
in ``merge`` (a batch of more than one chunk), ``finish_hang`` in ``finish``,
``start_hang`` in ``start`` (``serial_start_hang``: of a pass without ``merge``);
``serial_spawn`` starts a sleeping child process in ``observe`` of a pass without
``merge``. A hanging fault first appends its process id to the file
``COPYDESK_FAULT_READY`` names, if set, so a test can wait for it; a fault that starts a
child appends the child's, so a test can check that it is gone.

Faults that write to standard output, which belongs to the report (each writes a line
naming where it struck, in capitals): ``print`` (in ``score``), ``import_print`` (when
the plugin is imported), ``import_os_write`` (``os.write(1, ...)`` at import),
``hook_print`` (in the ``copydesk_scorers`` hook), ``dunder_stdout`` (an unflushed
write to ``sys.__stdout__`` in the hook), ``c_printf`` (the C library's buffered
``printf``, as an extension module's would be, in the hook), ``observe_print`` (the
mapped batch pass, in a worker), ``serial_print`` (a batch pass without ``merge``, in
the main process), ``merge_print`` (``merge`` and ``finish``, in the main process: a
batch of more than one chunk), ``segment_print`` (the segmenter), ``os_write``
(``os.write(1, ...)`` in ``score``) and ``subprocess`` (a child process ``score``
starts prints). Those at import and in the hook strike without a TRIGGER article.
"""

from __future__ import annotations

import ctypes
import dataclasses
import math
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

from copydesk import Assessment, BatchPass, Context, Document, Finding, Rule, Scorer, Segment, Severity, hookimpl

FAULT = os.environ.get("COPYDESK_FAULT", "raise")

if FAULT == "import_print":
    print("IMPORT-TIME PRINT")
if FAULT == "import_os_write":
    os.write(1, b"IMPORT-TIME OS.WRITE\n")

WORD = Rule(
    code="FLT001",
    name="trigger-word",
    message="Trigger word found",
    doc="**What it flags.** The word TRIGGER.\n\n**Why it matters.** Test.\n\n**Example.** TRIGGER\n\n"
    "**Known problems.** None.\n\n**Settings.** None.",
)


class Weird(BaseException):
    """Not an Exception: escapes ``except Exception``."""


def _out_of_range(document: Document) -> Assessment:
    n = len(document.body.text)
    bad = Finding("FLT001", "trigger-word", "far away", Severity.WARNING, n + 5, n + 999_999, 1, 999_999, 1, 1, "", "")
    return Assessment((bad,))


def _at_trigger(document: Document, **data: object) -> Finding:
    """A well-formed FLT001 finding at the word TRIGGER."""
    start = document.body.text.index("TRIGGER")
    return WORD.finding(document.body, start, start + len("TRIGGER"), data=data)


def _nan_data(document: Document) -> Assessment:
    return Assessment((_at_trigger(document, values=[1.0, {"ratio": math.nan}]),))


def _position(document: Document) -> Assessment:
    """The right offsets, but a line and column the text does not have."""
    return Assessment((dataclasses.replace(_at_trigger(document), line=77, column=999_995_125),))


def _mutate(document: Document) -> Assessment:
    object.__setattr__(document.article, "body", "MUTATED " + document.article.body)
    object.__setattr__(document, "body", dataclasses.replace(document.title))
    return Assessment(())


def _print(document: Document) -> Assessment:
    print("::error title=forged::printed by a plugin")
    return Assessment(())


def _os_write(document: Document) -> Assessment:
    os.write(1, b"SCORE OS.WRITE\n")
    return Assessment(())


def _subprocess(document: Document) -> Assessment:
    subprocess.run([sys.executable, "-c", "print('SUBPROCESS PRINT')"], check=True)
    return Assessment(())


def _ready() -> None:
    """Tell a waiting test the fault has struck: append this process's id to ``COPYDESK_FAULT_READY``."""
    path = os.environ.get("COPYDESK_FAULT_READY")
    if path:
        with open(path, "a", encoding="utf-8") as marker:
            marker.write(f"{os.getpid()}\n")


def _hang(document: Document) -> Assessment:
    _ready()
    time.sleep(3600)
    return Assessment(())


def _spawn() -> None:
    """Start a child process that sleeps for an hour holding stderr open, never waited for; note its id."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"])
    path = os.environ.get("COPYDESK_FAULT_READY")
    if path:
        with open(path, "a", encoding="utf-8") as marker:
            marker.write(f"{child.pid}\n")


def _spawn_then(document: Document, hang: bool) -> Assessment:
    _spawn()
    if hang:
        _hang(document)
    return Assessment(())


def _exit(document: Document) -> Assessment:
    sys.exit(5)


def _base(document: Document) -> Assessment:
    raise Weird("not an Exception")


FAULTS: dict[str, Callable[[Document], Assessment]] = {
    "raise": lambda d: (_ for _ in ()).throw(RuntimeError("fault injected")),
    "print": _print,
    "hang": _hang,
    "exit": _exit,
    "os_exit": lambda d: os._exit(7),
    "kill": lambda d: os.kill(os.getpid(), signal.SIGKILL),  # type: ignore[func-returns-value]
    "base": _base,
    "nan": lambda d: Assessment((), metrics={"ratio": math.nan}),
    "inf": lambda d: Assessment((), metrics={"ratio": math.inf}),
    "nan_subscore": lambda d: Assessment((), subscore=math.nan),
    "nan_data": _nan_data,
    "span": _out_of_range,
    "position": _position,
    "mutate": _mutate,
    "os_write": _os_write,
    "subprocess": _subprocess,
    "spawn": lambda d: _spawn_then(d, hang=False),
    "spawn_hang": lambda d: _spawn_then(d, hang=True),
}


#: Faults that strike outside ``score`` (each where its name says).
ELSEWHERE = (
    "batch_hang",
    "serial_hang",
    "merge_hang",
    "finish_hang",
    "start_hang",
    "serial_start_hang",
    "serial_spawn",
    "import_print",
    "import_os_write",
    "hook_print",
    "dunder_stdout",
    "c_printf",
    "observe_print",
    "serial_print",
    "merge_print",
    "segment_print",
    "finish_exit",
    "hook_exit",
)


def score(document: Document, context: Context) -> Assessment:
    """Misbehave as ``COPYDESK_FAULT`` says on a body containing TRIGGER; else find nothing."""
    if "TRIGGER" in document.body.text and FAULT not in ELSEWHERE:
        return FAULTS[FAULT](document)
    return Assessment((), metrics={"ratio": 0.5})


def observe(state: list[str], document: Document) -> None:
    """Count the article; on TRIGGER hang (``batch_hang``, ``serial_hang``), start a child or print."""
    if "TRIGGER" in document.body.text:
        if FAULT in ("batch_hang", "serial_hang"):
            _ready()
            time.sleep(3600)
        if FAULT == "serial_spawn":
            _spawn()
        if FAULT in ("observe_print", "serial_print"):
            print(f"BATCH PRINT in {FAULT}")
    state.append(document.id)


def start(settings: object) -> list[str]:
    """An empty list of ids (``start_hang``, ``serial_start_hang``: never)."""
    if FAULT in ("start_hang", "serial_start_hang"):
        _ready()
        time.sleep(3600)
    return []


def merge(earlier: list[str], later: list[str]) -> list[str]:
    """Chunks in order."""
    if FAULT == "merge_print":
        print("MERGE PRINT")
    if FAULT == "merge_hang":
        _ready()
        time.sleep(3600)
    return earlier + later


def finish(state: list[str]) -> int:
    """The number of articles observed (``finish_exit``: ``sys.exit(4)`` instead; ``finish_hang``: never)."""
    if FAULT == "merge_print":
        print("FINISH PRINT")
    if FAULT == "finish_exit":
        sys.exit(4)
    if FAULT == "finish_hang":
        _ready()
        time.sleep(3600)
    return len(state)


def segment(document: Document, context: Context) -> Iterator[Segment]:
    """No segments; print on TRIGGER (``segment_print``)."""
    if FAULT == "segment_print" and "TRIGGER" in document.body.text:
        print("SEGMENT PRINT")
    return iter(())


@hookimpl
def copydesk_scorers() -> list[Scorer]:
    """Provide the FLT scorer (its batch pass without ``merge`` under the ``serial_*`` faults)."""
    if FAULT == "hook_print":
        print("HOOK PRINT")
    if FAULT == "hook_exit":
        sys.exit(9)
    if FAULT == "dunder_stdout":
        assert sys.__stdout__ is not None
        sys.__stdout__.write("DUNDER STDOUT WRITE\n")  # buffered: flushed whenever the interpreter likes
    if FAULT == "c_printf":
        ctypes.CDLL(None).printf(b"C PRINTF\n")  # buffered by the C library: flushed at exit
    batch = BatchPass(start=start, observe=observe, finish=finish, merge=None if FAULT.startswith("serial_") else merge)
    return [Scorer(prefix="FLT", name="faults", rules=(WORD,), score=score, batch=batch, segment=segment)]
