"""Standard streams that outlive their reader: a closed pipe loses output, never the verdict.

``copydesk check ... | head`` closes the pipe early; a CI step may start copydesk with
standard error or output closed (``2>&-``). Writes to such a stream are dropped (the
file descriptor is pointed at ``/dev/null`` so nothing fails at exit either) and the run
goes on to its real exit code. :class:`Stream` records whether anything was lost.
"""

from __future__ import annotations

import contextlib
import io
import os
from typing import TextIO


class Stream(io.TextIOBase):
    """A text stream that drops writes once its reader is gone, remembering that it did."""

    def __init__(self, stream: TextIO | None) -> None:
        """Wrap ``stream`` (``None``: the stream was closed when the process started)."""
        self.stream = stream
        #: the stream was closed from the start
        self.missing = stream is None
        #: output was written that no reader received
        self.lost = False

    def writable(self) -> bool:
        """It accepts writes (and may drop them)."""
        return True

    def write(self, text: str) -> int:
        """Write ``text``, or drop it when the reader is gone."""
        if self.stream is None:
            self.lost = self.lost or bool(text)
            return len(text)
        try:
            return self.stream.write(text)
        except (BrokenPipeError, ValueError):  # ValueError: I/O operation on closed file
            self._gone()
            self.lost = True
            return len(text)

    def flush(self) -> None:
        """Flush, or note that the reader is gone."""
        if self.stream is None:
            return
        try:
            self.stream.flush()
        except (BrokenPipeError, ValueError):
            self._gone()
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
