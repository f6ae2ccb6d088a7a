"""Installed distributions' entry points and versions, read from their metadata folders.

``importlib.metadata`` gives these answers, but importing it (it pulls in the ``email``
package) and its ``entry_points()`` (which parses every installed distribution's entry
points and copydesk's METADATA with ``email``) cost a one-article run about 50 ms of CPU.
:func:`entry_points` and :func:`version` read the same files the way ``importlib.metadata``
does (its finder's order along ``sys.path``, the first distribution of each name, its
``entry_points.txt`` syntax, the ``Name`` and ``Version`` fields of ``METADATA``), and hand
the question to ``importlib.metadata`` itself wherever a plain reading might not agree: a
distribution finder on ``sys.meta_path`` other than the standard one, a ``sys.path`` entry
that is a zip file or an egg, a file that cannot be read, an entry-point line without
``=``, a folded or missing header. So the answers are always ``importlib.metadata``'s.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: ``importlib.metadata.EntryPoint.pattern``: a module, then optionally ``:attribute`` and ``[extras]``.
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_SEPARATORS = re.compile(r"[-_.]+")
_SUFFIXES = (".dist-info", ".egg-info")


class _Unsure(Exception):
    """A plain reading might not give ``importlib.metadata``'s answer here: ask it instead."""


@dataclass(frozen=True)
class EntryPoint:
    """One entry point of one group, with the name and version of the distribution declaring it."""

    name: str
    value: str
    group: str
    distribution: str
    version: str

    def load(self) -> Any:
        """Import the object the entry point names, as ``importlib.metadata.EntryPoint.load`` does."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"entry point {self.name!r} = {self.value!r} names no module")
        module = importlib.import_module(match.group("module"))
        attrs = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, attrs, module)


def normalized(name: str) -> str:
    """A distribution name as ``importlib.metadata`` compares them (PEP 503, dashes as underscores)."""
    return _SEPARATORS.sub("-", name).lower().replace("-", "_")


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` of every installed distribution (the first of each name), in finding order."""
    try:
        points = []
        for folder in _unique(_folders()):
            text = _read(folder, "entry_points.txt")
            pairs = _section(text, group) if text is not None else []
            if pairs:  # METADATA read once for all of a distribution's points
                name, version = _name_and_version(folder)
                points += [EntryPoint(key, value, group, name, version) for key, value in pairs]
        return points
    except _Unsure:
        return _asked_entry_points(group)


def version(name: str) -> str:
    """The version of the installed distribution ``name``; raises LookupError when none is installed."""
    try:
        wanted = normalized(name)
        for folder in _folders():
            if _stem_name(folder) == wanted:
                return _name_and_version(folder)[1]
    except _Unsure:
        import importlib.metadata

        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            pass
    raise LookupError(name)


def _asked_entry_points(group: str) -> list[EntryPoint]:
    """:func:`entry_points` from ``importlib.metadata`` (a distribution's METADATA is parsed once for all its points)."""
    import importlib.metadata

    found: dict[int, tuple[str, str]] = {}
    points = []
    for ep in importlib.metadata.entry_points(group=group):
        dist = ep.dist
        if dist is None:  # pragma: no cover - entry points always come from a distribution here
            name, version_ = "unknown", "0"
        elif id(dist) not in found:
            metadata = dist.metadata
            name, version_ = found[id(dist)] = metadata["Name"] or "unknown", metadata["Version"]
        else:
            name, version_ = found[id(dist)]
        points.append(EntryPoint(ep.name, ep.value, group, name, version_))
    return points


def _folders() -> Iterator[str]:
    """Every ``*.dist-info`` and ``*.egg-info`` folder along ``sys.path``, in ``importlib.metadata``'s order."""
    from importlib.machinery import PathFinder

    if any(getattr(f, "find_distributions", None) is not None and f is not PathFinder for f in sys.meta_path):
        raise _Unsure("another distribution finder")
    for root in sys.path:
        if not isinstance(root, str) or os.path.basename(root).lower().endswith(".egg"):
            raise _Unsure(f"sys.path entry {root!r}")
        try:
            children = os.listdir(root or ".")
        except OSError:
            if os.path.isfile(root):
                raise _Unsure(f"sys.path entry {root!r} is a file") from None
            continue
        grouped: dict[str, list[str]] = {}  # importlib.metadata's Lookup: by name, first seen first
        for child in children:
            if child.lower().endswith(_SUFFIXES):
                if not child.endswith(_SUFFIXES):
                    raise _Unsure(f"metadata folder {child!r}")
                grouped.setdefault(_stem_name(child), []).append(os.path.join(root, child))
        for folders in grouped.values():
            yield from folders


def _stem_name(folder: str) -> str:
    """The normalised distribution name of a metadata folder's name (``Foo.Bar-1.0.dist-info`` -> ``foo_bar``)."""
    return normalized(os.path.splitext(os.path.basename(folder))[0].partition("-")[0])


def _unique(folders: Iterator[str]) -> Iterator[str]:
    """The first folder of each distribution name."""
    seen: set[str] = set()
    for folder in folders:
        if (name := _stem_name(folder)) not in seen:
            seen.add(name)
            yield folder


def _read(folder: str, name: str) -> str | None:
    """A metadata file's text, or None where ``importlib.metadata`` finds no such file."""
    try:
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            return handle.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None
    except (OSError, UnicodeError) as exc:
        raise _Unsure(f"{folder}/{name}") from exc


def _section(text: str, group: str) -> list[tuple[str, str]]:
    """The ``name = value`` pairs of section ``[group]`` of an ``entry_points.txt`` (``importlib.metadata``'s parse)."""
    pairs = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section is not None:
            key, equals, value = line.partition("=")
            if not equals:
                raise _Unsure(f"entry point line {line!r}")  # importlib.metadata raises TypeError
            if section == group:
                pairs.append((key.strip(), value.strip()))
    return pairs


def _name_and_version(folder: str) -> tuple[str, str]:
    """The ``Name`` (``unknown`` if empty) and ``Version`` fields of a distribution's METADATA (PKG-INFO)."""
    text = _read(folder, "METADATA")
    if text is None:
        text = _read(folder, "PKG-INFO")
    if text is None or "\r" in text:
        raise _Unsure(f"no plain METADATA in {folder}")
    fields: dict[str, str] = {}
    lines = text.split("\n")
    for at, line in enumerate(lines):
        if not line:  # the end of the headers
            break
        if line[0] in " \t" and at:  # the continuation of a field not wanted (wanted ones are checked)
            continue
        key, colon, value = line.partition(":")
        if not colon or not key or key != key.strip():
            raise _Unsure(f"METADATA line {line!r} in {folder}")
        field = key.lower()
        if field in ("name", "version") and field not in fields:
            if lines[at + 1 : at + 2] and lines[at + 1][:1] in (" ", "\t"):
                raise _Unsure(f"folded {key} in {folder}")
            fields[field] = value.lstrip(" \t")
    if "version" not in fields:
        raise _Unsure(f"no Version in {folder}")
    return fields.get("name") or "unknown", fields["version"]
