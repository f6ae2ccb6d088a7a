"""Copies of streams that can be read only once (standard input, pipes), each within a documented bound.

The batch pass reads the input twice, so a stream is first copied to a temporary file.
How much of it is kept depends on its format's :attr:`~copydesk.sources.InputFormat.spool`:

- ``article`` (text, Markdown, HTML: one article, read whole): ``max_bytes + 1`` bytes,
  enough for the reader to find the article too large (one unreadable item naming
  ``sources.max_bytes``); the rest of the stream is not read.
- ``lines`` (JSONL, CSV: records at line breaks): up to ``max_spool_bytes``, cut after
  the last line break, so no record is cut in two; the records kept are read, each
  bounded by ``max_bytes`` as in a file, and one unreadable item says where reading stopped.
- ``file`` (Parquet, read at random, so useless in part): up to ``max_spool_bytes``; a
  longer stream is one unreadable item.

At most one byte past the bound is read (or the first 4 KB, to sniff the format, when
the bound is smaller), so neither the temporary folder nor the time spent grows with
the stream: ``yes | copydesk score -`` ends at once.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from typing import IO, Any, NamedTuple

from copydesk.sources._common import InputFormat

#: Bytes read before the rest of a stream, to sniff its format.
SNIFF = 4096
#: Bytes copied at a time.
CHUNK = 1 << 20


class Spool(NamedTuple):
    """A stream's copy: the temporary file, the format it is read in, its size, and why it stops short."""

    file: IO[bytes]
    format: InputFormat
    size: int
    #: why the copy stops short of the stream (reported after what it holds), or None
    cut: str | None = None


def head(source: IO[bytes], size: int = SNIFF) -> bytes:
    """The first ``size`` bytes of a stream (fewer at its end), however the reads come back."""
    got = b""
    while len(got) < size and (more := source.read(size - len(got))):
        got += more
    return got


def spool(source: IO[bytes], first: bytes, fmt: InputFormat, sources: Mapping[str, Any]) -> Spool:
    """Copy ``first`` and the rest of ``source`` to a temporary file, within the bound of ``fmt``."""
    if fmt.spool == "article":
        file, size, _ = _copy(source, first, int(sources["max_bytes"]) + 1, whole_lines=False)
        return Spool(file, fmt, size)  # a larger article is the reader's to refuse
    limit = int(sources["max_spool_bytes"])
    file, size, over = _copy(source, first, limit, whole_lines=fmt.spool == "lines")
    if not over:
        return Spool(file, fmt, size)
    more = f"more than sources.max_spool_bytes ({limit} bytes) to spool"
    if fmt.spool == "file":
        file.truncate(0)
        return Spool(file, fmt, 0, f"{more}; not read")
    return Spool(file, fmt, size, f"{more}; the records after its first {size} bytes were not read")


def _copy(source: IO[bytes], first: bytes, limit: int, whole_lines: bool) -> tuple[IO[bytes], int, bool]:
    """Copy at most ``limit`` bytes; the file, the bytes kept, and whether the stream holds more.

    At most ``limit + 1`` bytes are read. With ``whole_lines``, a stream cut short is cut
    after its last line break (LF or CR) instead.
    """
    file = tempfile.TemporaryFile()
    size = line_end = 0
    chunk = first
    while chunk:
        kept = chunk[: limit - size]
        file.write(kept)
        if (at := max(kept.rfind(b"\n"), kept.rfind(b"\r"))) >= 0:
            line_end = size + at + 1
        size += len(kept)
        if len(kept) < len(chunk):
            if whole_lines:
                file.truncate(line_end)
            return file, line_end if whole_lines else size, True
        chunk = source.read(min(CHUNK, limit + 1 - size))
    return file, size, False
