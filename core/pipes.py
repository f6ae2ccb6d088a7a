"""Standard streams that outlive their reader, and standard output kept for the report.

``copydesk check ... | head`` closes the pipe early; a CI step may start copydesk with
standard error or output closed (``2>&-``). Writes to such a stream are dropped (the
file descriptor is pointed at ``/dev/null`` so nothing fails at exit either) and the run
goes on to its real exit code. :class:`Stream` records whether anything was lost.

Standard output belongs to the report. While plugin code may run (:func:`report_only`),
the report is written through a private duplicate of descriptor 1, and descriptor 1
itself points at standard error: whatever a plugin writes there, at import, in a hook,
in a batch pass or a scorer, in this process or a worker forked from it, through
``print``, ``os.write(1, ...)`` or a child process, reaches standard error. What it
prints becomes a warning line (:class:`Warnings`); bytes written to the descriptor
arrive as written.
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import io
import os
import sys
from collections.abc import Iterator
from typing import Any, ClassVar, TextIO, cast

from copydesk import safety
from copydesk.errors import WriteError

#: What standard output is called in errors.
STDOUT_NAME = "standard output"


class Stream(io.TextIOBase):
    """A text stream that drops writes once its reader is gone, remembering that it did.

    A stream with a ``name`` (standard output, the report's) that the system refuses to
    write for another reason (a full disk) raises :class:`~copydesk.errors.WriteError`
    naming it, once; what it still holds is dropped.
    """

    def __init__(self, stream: TextIO | None, name: str | None = None) -> None:
        """Wrap ``stream`` (``None``: the stream was closed when the process started), called ``name`` in errors."""
        self.stream = stream
        self.name = name
        #: the stream was closed from the start
        self.missing = stream is None
        #: output was written that no reader received
        self.lost = False
        #: :meth:`write_encoded` writes bytes as :meth:`write` would encode the text (set by :func:`_private`)
        self.encoded_utf8 = False
        self._text = False  # text was written since the last write_encoded (it goes first)

    def writable(self) -> bool:
        """It accepts writes (and may drop them)."""
        return True

    def write(self, text: str) -> int:
        """Write ``text``, or drop it when the reader is gone."""
        if self.stream is None:
            self.lost = self.lost or bool(text)
            return len(text)
        self._text = True
        with self._guarded():
            return self.stream.write(text)
        return len(text)

    def write_encoded(self, data: bytes) -> None:
        """Write ``data``, text already encoded as :meth:`write` would encode it (when :attr:`encoded_utf8`), or drop it.

        What a worker rendered and encoded goes to the stream's buffer as it is, after
        any text written before it: this process neither decodes nor encodes it again.
        """
        if self.stream is None:
            self.lost = self.lost or bool(data)
            return
        with self._guarded():
            if self._text:
                self.stream.flush()
                self._text = False
            self.stream.buffer.write(data)

    def flush(self) -> None:
        """Flush, or note that the reader is gone."""
        if self.stream is None:
            return
        with self._guarded():
            self.stream.flush()

    @contextlib.contextmanager
    def _guarded(self) -> Iterator[None]:
        """Around a write or a flush: a reader gone drops it and notes the loss; a refusal is :meth:`_refused`."""
        try:
            yield
        except (BrokenPipeError, ValueError):  # ValueError: I/O operation on closed file
            self._gone()
            self.lost = True
        except OSError as exc:
            self._refused(exc)
            raise

    def _refused(self, exc: OSError) -> None:
        """The system refused a write (a full disk): drop the stream; a named one raises WriteError instead of ``exc``."""
        self._gone()
        if self.name is not None:
            raise WriteError(self.name, exc) from None
        self.lost = True

    def _gone(self) -> None:
        """Point the descriptor at /dev/null, so the interpreter's final flush succeeds."""
        stream, self.stream = self.stream, None
        with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
            assert stream is not None
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, stream.fileno())
            os.close(null)

    def isatty(self) -> bool:
        """Whether the wrapped stream is a terminal."""
        try:
            return self.stream is not None and self.stream.isatty()
        except ValueError:
            return False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """The wrapped stream's encoding (UTF-8 when there is none)."""
        return getattr(self.stream, "encoding", None) or "utf-8"


class Warnings(io.TextIOBase):
    """A text stream that turns each line written to it into a neutralised warning on standard error."""

    #: Who has been warned about, in this process, by the streams that warn once (:attr:`once`).
    said: ClassVar[set[str]] = set()

    def __init__(self, who: str, once: bool = False) -> None:
        """A stream warning about what ``who`` writes.

        :param who: what wrote, as the warning names it (``a scorer``; the runner names each scorer as it calls it).
        :param once: warn once per writer and process (its first line), not once per line: a scorer that
            prints on every article would otherwise fill standard error.
        """
        self.who = who
        self.once = once
        self.pending = ""

    def writable(self) -> bool:
        """It is a writable stream."""
        return True

    def write(self, text: str) -> int:
        """Buffer ``text``; emit every complete line."""
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            self._emit(line)
        return len(text)

    def _emit(self, line: str) -> None:
        note = ""
        if self.once:
            if self.who in Warnings.said:
                return
            Warnings.said.add(self.who)
            note = " (said once: what it writes later is dropped)"
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.write(
                f"copydesk: warning: {self.who} wrote to standard output: {safety.neutralise(line)}{note}\n"
            )

    def flush(self) -> None:
        """Emit what is left of an unfinished line."""
        if self.pending:
            self._emit(self.pending)
            self.pending = ""


def occupy(fd: int) -> None:
    """Open ``/dev/null`` on descriptor ``fd`` if it is closed, so no file opened later takes its number.

    With standard output closed at start, the first file the run opens would otherwise
    become descriptor 1, and a plugin's ``os.write(1, ...)`` would write into it.
    """
    try:
        os.fstat(fd)
    except OSError:
        with contextlib.suppress(OSError):
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            os.set_inheritable(fd, True)


def _descriptor(stream: Any) -> int | None:
    """The file descriptor ``stream`` (or the stream a :class:`Stream` wraps) writes to, or None."""
    inner: Any = stream.stream if isinstance(stream, Stream) else stream
    try:
        return int(inner.fileno())
    except (AttributeError, OSError, ValueError, TypeError):  # io.UnsupportedOperation is an OSError
        return None


def _flush(stream: Any) -> None:
    """Flush ``stream`` if it can be flushed; a stream that cannot loses nothing of the report's."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        stream.flush()


def _flush_c_stdio() -> None:
    """Flush the C library's buffered streams (what an extension ``printf``-ed), while descriptor 1 is stderr."""
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(None).fflush(None)


def _private(given: Any, saved: int | None) -> tuple[Any, io.TextIOWrapper | None]:
    """The stream the report is written to, and the wrapper of ``saved`` opened for it (None: ``given`` itself).

    When ``given`` writes to descriptor 1, the report goes to ``saved`` (its duplicate)
    with ``given``'s encoding and buffering; any other stream (a test's buffer, a stream
    closed from the start) is used as it is.
    """
    if saved is None or _descriptor(given) != 1:
        return given, None
    inner = given.stream if isinstance(given, Stream) else given
    wrapper = io.TextIOWrapper(
        io.BufferedWriter(io.FileIO(saved, "w", closefd=False)),
        encoding=getattr(inner, "encoding", None) or "utf-8",
        errors=getattr(inner, "errors", None) or "strict",
        line_buffering=bool(getattr(inner, "line_buffering", False)),
    )
    report = Stream(wrapper, given.name if isinstance(given, Stream) else STDOUT_NAME)
    # bytes UTF-8-encoded are what this wrapper writes of the text (no newline changed, nothing held for a terminal)
    report.encoded_utf8 = (
        os.linesep == "\n" and not wrapper.line_buffering and codecs.lookup(wrapper.encoding).name == "utf-8"
    )
    return report, wrapper


def _to_stderr() -> None:
    """Point descriptor 1 at standard error (at ``/dev/null`` when that is closed too)."""
    try:
        os.dup2(2, 1)
    except OSError:
        with contextlib.suppress(OSError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.close(null)


def _restore(saved: int | None) -> None:
    """Give descriptor 1 back what it was (``saved``, closed after); close it if it was closed."""
    with contextlib.suppress(OSError):
        if saved is None:
            os.close(1)
        else:
            os.dup2(saved, 1)
            os.close(saved)


@contextlib.contextmanager
def report_only() -> Iterator[TextIO]:
    """Keep standard output for the report while plugin code may run; yield the stream to write the report to.

    Meanwhile descriptor 1 points at standard error, so a plugin's ``os.write(1, ...)``
    or child process writes there (worker processes forked now inherit it), and
    ``sys.stdout`` is a :class:`Warnings` stream, so what a plugin prints becomes a
    warning line. On the way out, what is still buffered for descriptor 1
    (``sys.__stdout__``, the C library's ``stdout``) is flushed to standard error and
    descriptor 1 and ``sys.stdout`` are restored.
    """
    given = sys.stdout
    _flush(given)
    try:
        saved: int | None = os.dup(1)
    except OSError:  # descriptor 1 closed (main() normally occupies it)
        saved = None
    report, wrapper = _private(given, saved)
    plugins = Warnings("a plugin")
    _to_stderr()
    sys.stdout = plugins
    try:
        yield cast(TextIO, report)
    finally:
        sys.stdout = given
        _flush(plugins)
        _flush(report)
        _flush(sys.__stdout__)
        _flush_c_stdio()
        if wrapper is not None:
            with contextlib.suppress(OSError, ValueError):
                wrapper.close()
        _restore(saved)
