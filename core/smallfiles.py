"""Read a file the run itself needs (configuration, model, baseline) within a size bound.

Such a file is read whole before it is parsed, so it is refused unless it is a regular
file (a device or pipe such as ``/dev/zero`` or ``<(yes)`` never ends) and no longer than
its bound; reading stops one byte past the bound even if the file grows meanwhile. The
bounds are far above any real file: copydesk's own ``config.toml`` is about 20 KB, its
model about 0.1 MB (one fitted with ``learn-weights`` about 0.3 MB), and a baseline of
100,000 findings about 20-50 MB (some 200 bytes a finding, more with long ids).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: The largest configuration file (``--config``, ``copydesk.toml``, ``pyproject.toml``) read.
CONFIG_BYTES = 1 << 20
#: The largest model file (``--model``, ``[scoring] model``) read.
MODEL_BYTES = 16 << 20
#: The largest baseline file (``--baseline``, ``baseline prune``) read.
BASELINE_BYTES = 64 << 20


class NotReadable(Exception):
    """A file that is not a regular file or is over its bound; the message says which, without the path."""


def size_text(limit: int) -> str:
    """A bound in the units the docs use: ``1 MB``, ``16 MB``."""
    return f"{limit >> 20} MB"


def read_small(path: Path | str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    :raises NotReadable: the path is a device, FIFO, socket or pipe, or the file is longer than ``limit``.
    :raises OSError: it cannot be opened or read (``FileNotFoundError``, ``IsADirectoryError``, ...).
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO with no writer must not block the open
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotReadable("is not a regular file (a device, FIFO or pipe): name the file itself")
        os.set_blocking(descriptor, True)
        with open(descriptor, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise NotReadable(f"is over {size_text(limit)}, the most copydesk reads of such a file")
    return data
