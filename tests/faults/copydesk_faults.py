"""Fault injection (FLT): a scorer that misbehaves on purpose, for the hardening tests.

``COPYDESK_FAULT`` names the fault; it strikes only on articles whose body contains
``TRIGGER``, so every other article must still be scored normally. Faults: ``raise``,
``print``, ``hang``, ``exit`` (``sys.exit``), ``os_exit``, ``kill`` (SIGKILL, as the
out-of-memory killer does), ``base`` (a bare ``BaseException``), ``nan`` and ``inf``
(metrics), ``nan_subscore``, ``nan_data`` (a NaN nested in a finding's data), ``span``
(a finding past the end of the text), ``position`` (a finding at the right offsets with
a made-up line and column), and ``mutate`` (``object.__setattr__`` on the shared document). ``batch_hang`` hangs in
the scorer's (mergeable) batch pass instead. A hanging fault first appends its process
id to the file ``COPYDESK_FAULT_READY`` names, if set, so a test can wait for it.
"""

from __future__ import annotations

import dataclasses
import math
import os
import signal
import sys
import time
from collections.abc import Callable

from copydesk import Assessment, BatchPass, Context, Document, Finding, Rule, Scorer, Severity, hookimpl

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
}


def score(document: Document, context: Context) -> Assessment:
    """Misbehave as ``COPYDESK_FAULT`` says on a body containing TRIGGER; else find nothing."""
    if "TRIGGER" in document.body.text:
        return FAULTS[os.environ.get("COPYDESK_FAULT", "raise")](document)
    return Assessment((), metrics={"ratio": 0.5})


def observe(state: list[str], document: Document) -> None:
    """Count the article; hang on TRIGGER when ``COPYDESK_FAULT`` is ``batch_hang``."""
    if os.environ.get("COPYDESK_FAULT") == "batch_hang" and "TRIGGER" in document.body.text:
        _ready()
        time.sleep(3600)
    state.append(document.id)


def merge(earlier: list[str], later: list[str]) -> list[str]:
    """Chunks in order."""
    return earlier + later


@hookimpl
def copydesk_scorers() -> list[Scorer]:
    """Provide the FLT scorer."""
    batch = BatchPass(start=lambda settings: [], observe=observe, finish=len, merge=merge)
    return [Scorer(prefix="FLT", name="faults", rules=(WORD,), score=score, batch=batch)]
