"""Why a path the run was given cannot be reached, in the words of the real cause.

``os.path.exists`` and ``os.path.isfile`` answer False for every error, so a path too
long for the file system, or one through a file used as a folder, would be reported as
missing: :func:`unreachable` names what the system said instead.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path


def unreachable(path: str, exc: OSError) -> str | None:
    """Why ``os.stat(path)`` raised ``exc``, when it is not that nothing is there (``ENOENT``: None).

    A name or path over the system's limits is said with its length and the limit
    (``name too long for the file system: a name in the path is 304 bytes (at most 255)``);
    any other error (a file used as a folder, a folder that cannot be searched, a loop of
    links) as the system words it: ``cannot be reached: Not a directory``.
    """
    if exc.errno == errno.ENOENT:
        return None
    if exc.errno == errno.ENAMETOOLONG:
        return _too_long(path)
    return f"cannot be reached: {exc.strerror or exc}"


def _too_long(path: str) -> str:
    """Why a path is too long (ENAMETOOLONG): one of its names, or the whole of it, and the limit it passes."""
    name = max(Path(path).parts, key=lambda part: len(os.fsencode(part)), default="")
    most = _limit("PC_NAME_MAX", 255)
    if len(os.fsencode(name)) > most:
        return (
            f"name too long for the file system: a name in the path is {len(os.fsencode(name))} bytes (at most {most})"
        )
    return f"path too long for the system: {len(os.fsencode(path))} bytes (at most {_limit('PC_PATH_MAX', 4096)})"


def _limit(name: str, default: int) -> int:
    """A path limit of the file system of the current folder (``os.pathconf``), or ``default`` where none is said."""
    try:
        found = os.pathconf(".", name)
    except (OSError, ValueError, AttributeError):  # no pathconf (Windows), or a name it does not know
        return default
    return found if found > 0 else default  # -1: no limit said
