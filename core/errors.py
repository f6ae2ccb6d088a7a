"""The exception hierarchy and the documented exit codes.

Every error the core raises on purpose is a :class:`CopydeskError` carrying the exit
code it ends the run with and a one-line message that names the culprit. (An input
that cannot be read as an article is not raised: it is a
:class:`copydesk.models.Unreadable` value reported in its place.)
"""

from __future__ import annotations

import os
import sys
import traceback

from copydesk.safety import line as inert_line

#: Set (to anything but empty or 0) for tracebacks on stderr: of an internal error, and of
#: each plugin failure where it is caught (a scorer, segmenter or batch pass that raised).
TRACEBACK_VARIABLE = "COPYDESK_TRACEBACK"

#: The batch passed (and nothing went wrong).
EXIT_OK = 0
#: The gate failed: articles below the floor, findings at the fail-on severity.
EXIT_GATE = 1
#: Usage, input or configuration error.
EXIT_USAGE = 2
#: A plugin failed to load or raised, or copydesk itself failed.
EXIT_INTERNAL = 3
#: Interrupted by SIGINT (Ctrl-C): workers stopped, temporary files removed, old outputs kept.
EXIT_INTERRUPTED = 130
#: Terminated by SIGTERM: as for SIGINT.
EXIT_TERMINATED = 143


class CopydeskError(Exception):
    """Base of every deliberate copydesk error; ``str(error)`` is one line."""

    exit_code = EXIT_INTERNAL


class UsageError(CopydeskError):
    """A command-line argument is wrong."""

    exit_code = EXIT_USAGE


class ConfigError(CopydeskError):
    """A configuration file or value is wrong; the message names the file and key."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, key: tuple[str, ...] = ()) -> None:
        """Keep ``key``, the parts of the TOML key the message is about, when known: its line is found by them.

        A key of any spelling is then placed (quoted, with spaces, escapes or letters beyond
        ASCII), where the message's own text names it only as it is shown.
        """
        super().__init__(message)
        self.key = key


class InputError(CopydeskError):
    """An input path cannot be read at all (missing, not a file or directory)."""

    exit_code = EXIT_USAGE


class WriteError(UsageError):
    """A report could not be written (read-only, full, no permission): names the path the user gave, or standard output."""

    def __init__(self, path: str, exc: OSError, why: str = "") -> None:
        """``cannot write PATH: reason``, the reason being the system's (never a temporary file's name).

        :param why: what copydesk knows of the cause beyond the system's word, put before it:
            ``cannot write PATH: WHY (reason)``.
        """
        reason = exc.strerror or str(exc)
        super().__init__(f"cannot write {path}: {why} ({reason})" if why else f"cannot write {path}: {reason}")


class PluginError(CopydeskError):
    """A plugin failed to load or to validate; the message names it and its version."""

    exit_code = EXIT_INTERNAL

    def __init__(self, plugin: str, distribution: str, problem: str) -> None:
        """Record which plugin failed, from which distribution, and how."""
        self.plugin = plugin
        self.distribution = distribution
        self.problem = problem
        super().__init__(
            f"plugin '{plugin}' ({distribution}) failed to load: {problem}; "
            f"run with --disable {plugin} to go on without it"
        )


class PluginMismatch(CopydeskError):
    """A Dask worker loads other plugins (or another copydesk) than the client: its scores would differ (exit 3)."""

    exit_code = EXIT_INTERNAL


class PluginFailure(CopydeskError):
    """A plugin's code failed in a way that ends the run (exit 3); the message names the plugin and what happened."""

    exit_code = EXIT_INTERNAL


#: Set when SIGINT reached the process (:func:`copydesk.cli.main` installs the handler): a
#: KeyboardInterrupt then is a signal; one raised by a plugin's code, with no signal, is that plugin's failure.
SIGNALS: list[int] = []


def plugins_fault(exc: BaseException) -> bool:
    """Whether ``exc``, escaping a plugin's code, is that plugin's failure rather than the run's own end.

    Any Exception, ``SystemExit`` (``sys.exit()`` in a plugin), and a ``KeyboardInterrupt``
    the plugin raised itself (no SIGINT was received); never SIGTERM, a signal or a copydesk error.
    """
    if isinstance(exc, CopydeskError | BrokenPipeError | Terminated | ReportsWritten):
        return False
    if isinstance(exc, KeyboardInterrupt):
        return not SIGNALS
    return isinstance(exc, Exception | SystemExit)


def plugin_raised(exc: BaseException) -> bool:
    """Whether ``exc``, escaping a plugin's hook, is that plugin's failure: any Exception, ``SystemExit``, and a ``KeyboardInterrupt`` with no signal received."""
    if isinstance(exc, KeyboardInterrupt):
        return not isinstance(exc, Terminated | ReportsWritten) and not SIGNALS
    return isinstance(exc, Exception | SystemExit)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, so it unwinds like Ctrl-C (workers stopped, temp files removed)."""


class ReportsWritten(KeyboardInterrupt):
    """SIGINT or SIGTERM (``signal``) after the reports were written, while the run was being recorded in the history."""

    def __init__(self, signal: KeyboardInterrupt) -> None:
        """Keep which signal it was: the exit code is still its own."""
        super().__init__()
        self.signal = signal


def interruption(exc: BaseException | None) -> tuple[str, int]:
    """The one-line message and exit code of a run ended by SIGINT (Ctrl-C) or SIGTERM.

    The message says what became of the reports: none written (earlier files kept), or
    written, when the signal came while the history was recording the run (:class:`ReportsWritten`).
    """
    outcome = "no report written, earlier files kept"
    if isinstance(exc, ReportsWritten):
        exc, outcome = exc.signal, "reports written; run not recorded in the history"
    if isinstance(exc, Terminated):
        return f"terminated (SIGTERM); {outcome}", EXIT_TERMINATED
    return f"interrupted (SIGINT); {outcome}", EXIT_INTERRUPTED


def traceback_wanted() -> bool:
    """Whether ``COPYDESK_TRACEBACK`` asks for tracebacks (off by default: every error is one line)."""
    return os.environ.get(TRACEBACK_VARIABLE, "") not in ("", "0")


def print_traceback(exc: BaseException, where: str = "") -> bool:
    """``exc``'s traceback on stderr, after a line saying ``where`` it was caught, when asked for; say whether.

    Each line is neutralised as every diagnostic is (an exception's message may hold
    article text). A plugin's failure is caught in the process that ran it (a worker at
    ``-j 2``), which writes its traceback there; the run's stderr gathers them all.
    """
    if not traceback_wanted():
        return False
    lines = [f"copydesk: traceback of {where}:"] if where else []
    for chunk in traceback.format_exception(exc):
        lines.extend(chunk.rstrip("\n").split("\n"))
    try:
        sys.stderr.write("".join(inert_line(text) + "\n" for text in lines))
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):  # no stderr, or a closed one: the traceback is lost, not the run
        pass
    return True


def describe(exc: BaseException) -> str:
    r"""``Type: first line of message``: an exception in one line, for errors and diagnostics.

    A lone surrogate in the message (a plugin's, or a file name's) is written ``\udcff``:
    no report or stream in UTF-8 could hold it.
    """
    lines = str(exc).strip().splitlines()
    text = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def json_problem(message: str) -> str:
    """Python's JSON error message (``JSONDecodeError.msg``) as copydesk words it: ``invalid control character``.

    The first letter is lower-cased and a trailing ``at``/``starting at`` (Python puts the
    position after it; copydesk puts it in brackets after the message) is dropped:
    ``Invalid control character at`` is ``invalid control character``, ``Unterminated
    string starting at`` is ``unterminated string``.
    """
    for tail in (" starting at", " at"):
        if message.endswith(tail):
            message = message[: -len(tail)]
            break
    return message[:1].lower() + message[1:]


def utf8_stop(data: bytes, exc: UnicodeDecodeError) -> tuple[int, int]:
    """The line of ``data`` where its decoding as UTF-8 failed, and the byte in that line, both counted from 1.

    Counted from 1 as line and column numbers are, and as ``cut -b`` and an editor's
    go-to-byte count bytes (Python's ``UnicodeDecodeError.start`` counts from 0). A line
    ends at LF, CRLF or a lone CR, as the readers split lines. ``exc`` may come from
    decoding ``data`` without a prefix (a byte order mark dropped): the byte is counted in
    ``data`` as the file holds it.
    """
    start = exc.start + len(data) - len(exc.object)
    before = data[:start]
    line = 1 + before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n")
    return line, start - max(before.rfind(b"\n"), before.rfind(b"\r"))


def not_utf8_at(data: bytes, exc: UnicodeDecodeError) -> str:
    """Where ``data`` stops being UTF-8, in words (:func:`utf8_stop`): ``line 3, byte 6 of the line: invalid start byte``."""
    line, byte = utf8_stop(data, exc)
    return f"line {line}, byte {byte} of the line: {exc.reason}"
