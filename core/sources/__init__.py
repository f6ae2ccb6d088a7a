"""Turn paths into a stream of Articles (or Unreadable items): files, folders, stdin.

One module per input kind, each holding its reader: :mod:`.text` (``.txt``, ``.md``),
:mod:`.records` (JSONL and CSV, streamed record by record), :mod:`.jsondoc` (a ``.json``
array of records, element by element), :mod:`.html` and :mod:`.parquet` (row group by
row group, through pyarrow). A named file with no extension is text; one whose extension
is not in the table is unreadable (:data:`UNKNOWN`), never guessed. The
:data:`FORMATS` table maps a file extension to its reader; the ``stdin_format``
choices and their validation derive from it. A whole-file format is read up to
``max_bytes``.

A :class:`Batch` can be iterated more than once (the batch pass reads the input
twice rather than holding it). The files are listed once: a later pass reads the
files the first one listed, so a file or folder deleted in between, or a file left
with fewer articles, is reported, not dropped. Standard input and pipes are copied to
a temporary file, each within a bound that depends on its format (:mod:`._spool`).
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import os
import stat
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from copydesk.errors import InputError
from copydesk.models import Article, Unreadable
from copydesk.paths import unreachable
from copydesk.safety import quoted
from copydesk.sources import html, jsondoc, parquet, records, text
from copydesk.sources._common import Deferred, InputFormat, ReadDeferred, bom_encoding
from copydesk.sources._spool import Spool, head, spool
from copydesk.sources.text import parse_text

__all__ = ["BY_NAME", "FORMATS", "STDIN", "STDIN_FORMATS", "Batch", "InputFormat", "Unreadable", "parse_text"]

#: File extension (lower case) -> input format. A file with no extension is read as text; one
#: with any other extension is unreadable (:func:`_format`).
FORMATS: dict[str, InputFormat] = {
    ".txt": text.TXT,
    ".md": text.MD,
    ".markdown": text.MD,
    ".jsonl": records.JSONL,
    ".ndjson": records.JSONL,
    ".csv": records.CSV,
    ".json": jsondoc.JSON,
    ".html": html.HTML,
    ".htm": html.HTML,
    ".parquet": parquet.PARQUET,
}
#: Input formats by name (``source.format``), in table order.
BY_NAME: dict[str, InputFormat] = {f.name: f for f in FORMATS.values()}
#: What ``[sources] stdin_format`` accepts: ``auto`` (sniff JSONL, JSON, HTML, else text) or a format name.
STDIN_FORMATS = ("auto", *BY_NAME)
STDIN = "-"
#: How a stream that is an HTML page starts (lower-cased, after white space and a byte order mark).
_HTML_STARTS = ("<!doctype html", "<html")


class Batch:
    """The articles named by a list of paths; iterate it as often as needed."""

    def __init__(self, paths: Sequence[str], sources: Mapping[str, Any], stdin: IO[bytes] | None = None) -> None:
        """Check the paths (InputError otherwise); spool standard input and pipes named on the command line.

        A path named twice (or ``-`` twice) is read once. A pipe, such as the
        ``/dev/fd/63`` of ``<(command)``, can be read only once, so it is spooled
        like standard input; a folder that holds no article is an error.
        """
        self.sources = sources
        self._spooled: dict[str, Spool] = {}
        self._listed: list[str] | None = None  # the first complete listing, replayed by later passes
        self._counts: dict[str, int] | None = None  # items per file of the first complete pass
        self._stats: dict[str, os.stat_result] = {}  # what a spooled stream was read from (a file, when stdin is one)
        self.paths = list(dict.fromkeys(paths))
        #: (file, path named, the file as first found, the path named then): each file is read once
        self._twice: list[tuple[str, str, str, str]] = [(path, path, path, path) for path in _repeated(paths)]
        for path in self.paths:
            if path != STDIN:
                _check_path(path, sources)
        for path in self.paths:
            if path == STDIN:
                source = stdin if stdin is not None else sys.stdin.buffer if sys.stdin is not None else None
                if source is None:
                    raise InputError("-: standard input is closed")
                self._spooled[path] = self._spool(source, path)
            elif not os.path.isdir(path) and not os.path.isfile(path):
                with open(path, "rb") as pipe:
                    self._spooled[path] = self._spool(pipe, path)

    def _spool(self, source: IO[bytes], path: str) -> Spool:
        """Copy a stream within the bound of its format: named by extension, configured for stdin, else sniffed.

        Sniffing reads the first bytes: JSONL when they start with ``{``, JSON with ``[{``, HTML with
        ``<!doctype html`` or ``<html``, else text (:func:`_sniffed`).
        """
        with contextlib.suppress(AttributeError, OSError, ValueError):
            self._stats[path] = os.fstat(source.fileno())
        first = head(source)
        fmt = FORMATS.get(Path(path).suffix.lower()) if path != STDIN else None
        if fmt is None and path == STDIN and self.sources["stdin_format"] != "auto":
            fmt = BY_NAME[str(self.sources["stdin_format"])]
        return spool(source, first, fmt or _sniffed(first), self.sources)

    def files(self) -> Iterator[str]:
        """Every file named or found below a named folder, folders walked in sorted order, each once.

        The first complete listing is kept (names only) and later calls replay it, so every
        pass reads the same files in the same order: the runner's batch pass and scoring
        agree, and a file deleted in between is reported (:meth:`__iter__`), not dropped.
        """
        if self._listed is not None:
            yield from self._listed
            return
        listed: list[str] = []
        for name in self._list():
            listed.append(name)
            yield name
        self._listed = listed

    def _list(self) -> Iterator[str]:
        """Walk the named paths: every file once (by device and inode, as ``os.path.samestat`` tells), in sorted order."""
        seen: dict[object, tuple[str, str]] = {}  # the file -> (the name it was found as, the path named)
        for path in self.paths:
            found = [path] if path == STDIN or not os.path.isdir(path) else _walk(path, self.sources)
            for name in found:
                key = self._identity(name)
                if key not in seen:
                    seen[key] = (name, path)
                    yield name
                else:
                    self._twice.append((name, path, *seen[key]))

    def _identity(self, name: str) -> object:
        """What tells one file from another: its device and inode (a link, a hard link, standard input read from it).

        A spooled stream that was not read from something ``fstat`` could see is itself;
        a file that cannot be seen now (deleted meanwhile) is its real path.
        """
        try:
            found = self._stats.get(name) if name in self._spooled else os.stat(name)
        except OSError:
            found = None
        if found is not None:
            return (found.st_dev, found.st_ino)
        return name if name in self._spooled else os.path.realpath(name)

    def reached_twice(self) -> list[str]:
        """What reached a file an earlier path reached (each file is read once), one line each: a path, and how.

        Lists the files, once (:meth:`files` replays the listing).
        """
        for _ in self.files():
            pass
        said = []
        for name, path, first, first_path in self._twice:
            if name != first:  # another name for it: a link, another spelling of a folder, standard input
                said.append(f"{_stdin(name)}: the same file as {_stdin(first)}")
                continue
            folder = path if path != name else first_path  # named, and found under a named folder
            said.append(f"{name}: named twice" if folder == name else f"{name}: named, and found under {folder}")
        return said

    def inputs(self) -> Iterator[tuple[str, os.stat_result]]:
        """Every file read, with what ``os.stat`` says of it: to tell an output that would overwrite one.

        A spooled stream is there when it was read from a file (``- < a.jsonl``).
        """
        for name in self.files():
            if name in self._spooled:
                if name in self._stats:
                    yield _display(name), self._stats[name]
            elif not isinstance(name, Unlistable):
                with contextlib.suppress(OSError):
                    yield name, os.stat(name)

    @property
    def spooled(self) -> frozenset[str]:
        """The paths read from a spool (standard input, pipes): they cannot be opened again."""
        return frozenset(self._spooled)

    def read(self, path: str) -> Iterator[Article | Unreadable]:
        """The items of one of :meth:`files` (a cluster's client reads what workers cannot)."""
        return self._read(path)  # type: ignore[return-value]  # without defer, no Deferred

    def __iter__(self) -> Iterator[Article | Unreadable]:
        """Yield every article (or unreadable input) in a stable order.

        The first complete pass counts what each file gave; a later pass (scoring, after
        the batch pass) reports what it cannot read again (:meth:`_reread`).
        """
        return self._items(False)  # type: ignore[return-value]  # without defer, no Deferred

    def deferred(self) -> Iterator[Article | Unreadable | Deferred]:
        """:meth:`__iter__`, each record of a format that can defer it (JSONL) left to be parsed where it is scored.

        The same items in the same order, each a :class:`Deferred` whose ``read()`` gives
        the Article or Unreadable the plain pass gives: a run's worker processes parse
        them, not its main process.
        """
        return self._items(True)

    def _items(self, defer: bool) -> Iterator[Article | Unreadable | Deferred]:
        if self._counts is not None:
            for path in self.files():
                yield from self._reread(path, self._counts.get(path), defer)
            return
        counts: dict[str, int] = {}
        for path in self.files():
            counts[path] = 0
            for item in self._read(path, defer):
                counts[path] += 1
                yield item
        self._counts = counts

    def _reread(self, path: str, before: int | None, defer: bool = False) -> Iterator[Article | Unreadable | Deferred]:
        """One file again: its items, and an unreadable item for those the first pass read and this one cannot.

        :param before: how many items the first pass read there (None: it did not read it).
        A file deleted since is unreadable; one that now gives fewer items (truncated,
        rewritten) gets an unreadable item after the ones still there, saying how many are gone.
        """
        named = path != STDIN and path not in self._spooled and not isinstance(path, Unlistable)
        if before is not None and named and not os.path.lexists(path):
            counted = f" ({before} articles)" if before != 1 else ""
            yield Unreadable(
                _display(path), f"vanished since the batch pass read it{counted}", format=_format(path).name
            )
            return
        count = 0
        for item in self._read(path, defer):
            count += 1
            yield item
        if before is not None and count < before:
            gone = f"changed since the batch pass read it: {before - count} of its {before} articles are gone"
            yield Unreadable(_display(path), gone, format=_format(path).name)

    def _read(self, path: str, defer: bool = False) -> Iterator[Article | Unreadable | Deferred]:
        """Read one file (or stdin, or a spooled pipe) in its format; with ``defer``, its deferring reader if it has one."""
        display = _display(path)
        if isinstance(path, Unlistable):
            yield Unreadable(display, path.problem, format="folder")
            return
        if path in self._spooled:
            copy = self._spooled[path]
            if copy.size or copy.cut is None:
                copy.file.seek(0)
                yield from _reader(copy.format, defer)(copy.file, display, self.sources)
            if copy.cut is not None:
                yield Unreadable(display, copy.cut, format=copy.format.name)
            return
        fmt = _format(path)
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                yield Unreadable(
                    display, "not a regular file (a pipe, socket or device found in a folder)", format=fmt.name
                )
                return
            with open(path, "rb") as handle:
                yield from _reader(fmt, defer)(handle, display, self.sources)
        except OSError as exc:
            yield Unreadable(display, f"cannot read: {exc.strerror}", format=fmt.name)


def _reader(fmt: InputFormat, defer: bool) -> ReadDeferred:
    """``fmt``'s deferring reader when ``defer`` and it has one, else its plain reader."""
    return fmt.deferred if defer and fmt.deferred is not None else fmt.read


def _sniffed(first: bytes) -> InputFormat:
    """The format of a stream by its first bytes: JSONL, a JSON array of records, HTML, or text.

    JSONL when they start a JSON object; JSON when they start an array of objects (``[`` then
    ``{``, white space between) or are an empty array and nothing more: a title such as
    ``[Updated] ...`` or a checklist's ``[ ] Call the council`` stays text. HTML when they
    start, in any case, with ``<!doctype html`` or ``<html`` (a page saved or fetched with
    ``curl``), also after comments and an XML declaration (:func:`_past_prologue`); a text
    that starts with another tag stays text.

    UTF-16 or UTF-32 with a byte order mark is read through the mark, so such a JSONL stream is
    JSONL, refused as such, exactly as the same file named ``.jsonl`` would be.
    """
    if (wide := bom_encoding(first)) is not None:
        start = first.decode(wide, errors="ignore").lstrip("\ufeff \t\r\n\x00")
    else:
        start = first.lstrip(b"\xef\xbb\xbf \t\r\n").decode("utf-8", errors="ignore")
    if start.startswith("{"):
        return records.JSONL
    inside = start[1:].lstrip(" \t\r\n") if start[:1] == "[" else ""
    if inside.startswith("{") or (inside.startswith("]") and not inside[1:].strip(" \t\r\n")):
        return jsondoc.JSON
    if _past_prologue(start)[:14].lower().startswith(_HTML_STARTS):
        return html.HTML
    return text.TXT


#: Constructs a page may open with before its doctype or ``<html>``: comments and an XML declaration.
_PROLOGUE = (("<!--", "-->"), ("<?xml", "?>"))


def _past_prologue(start: str) -> str:
    """``start`` after the comments and XML declaration a saved or served page may open with.

    '<!-- served by cache -->' and '<?xml version="1.0"?>' come before an XHTML page's
    doctype (review s25v2, item 9); a construct not closed within the sniffed bytes ends
    the search, so the stream stays text.
    """
    for _ in range(8):
        start = start.lstrip(" \t\r\n")
        closing = next((end for opening, end in _PROLOGUE if start.startswith(opening)), None)
        if closing is None or (at := start.find(closing)) < 0:
            return start
        start = start[at + len(closing) :]
    return start


def _repeated(paths: Sequence[str]) -> Iterator[str]:
    """Each path named again after its first time."""
    named: set[str] = set()
    for path in paths:
        if path in named:
            yield path
        named.add(path)


def _stdin(path: str) -> str:
    """A path as named, standard input as ``<stdin>``."""
    return "<stdin>" if path == STDIN else path


def _display(path: str) -> str:
    """How a path is named in reports: ``<stdin>`` for standard input, else with forward slashes."""
    return "<stdin>" if path == STDIN else Path(path).as_posix()


def _format(path: str) -> InputFormat:
    """The format of a named file, by its extension: text with none, :data:`UNKNOWN` for one not in :data:`FORMATS`."""
    suffix = Path(path).suffix.lower()
    return FORMATS.get(suffix, UNKNOWN) if suffix else text.TXT


def _unknown(handle: IO[bytes], path: str, sources: Mapping[str, Any]) -> Iterator[Article | Unreadable]:
    """A file whose extension names no input format: unreadable, saying which are known (never guessed as text)."""
    known = ", ".join(FORMATS)
    problem = f"unknown input format {quoted(Path(path).suffix)} (known: {known}; rename it, or pipe it to '-' with [sources] stdin_format)"
    yield Unreadable(path, problem, format=UNKNOWN.name)


#: The format of a named file whose extension is not in :data:`FORMATS` (a JSON array, an RSS feed, a word processor's file).
UNKNOWN = InputFormat("unknown", _unknown)


def _check_path(path: str, sources: Mapping[str, Any]) -> None:
    """InputError for a named path that does not exist, or a folder with no article in it."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise InputError(f"{path}: {_not_found(path, exc)}") from None
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a character device" if stat.S_ISCHR(mode) else "a block device"
        raise InputError(f"{path}: not a file, folder or pipe ({kind})")
    if os.path.isdir(path) and next(_walk(path, sources), None) is None:
        globs = ", ".join(sources["include"]) or "none"
        raise InputError(f"{path}: no articles in this folder (none of its files matches [sources] include: {globs})")


def _not_found(path: str, exc: OSError) -> str:
    """Why a named path cannot be found, in the words of its real cause (not "no such file" for a name too long)."""
    if exc.errno == errno.ELOOP or (exc.errno == errno.ENOENT and os.path.lexists(path)):
        return "a symbolic link to nothing (broken, or a loop)"
    if (problem := unreachable(path, exc)) is not None:
        return problem
    if path.lower().startswith(("http://", "https://")):
        return "URLs are not fetched; save the page as .html and score the file"
    return "no such file or directory"


def _walk(folder: str, sources: Mapping[str, Any]) -> Iterator[str]:
    """The files below ``folder`` that the include/exclude globs let through, in sorted order.

    Symbolic links to folders are followed, but a folder already walked (a link loop,
    or two links to one folder) is walked once, under the first path in sorted order.
    """
    # include globs match names case-insensitively, as the reader table reads extensions (B.TXT, D.HTML)
    include, exclude = [g.lower() for g in sources["include"]], sources["exclude"]
    walked = {os.path.realpath(folder)}
    failed: list[OSError] = []
    for root, dirs, names in os.walk(folder, onerror=failed.append, followlinks=True):
        yield from (Unlistable(err) for err in failed)
        failed.clear()
        rel_root = os.path.relpath(root, folder)
        keep = []
        for name in sorted(dirs):
            if _excluded(os.path.join(rel_root, name), name, exclude):
                continue
            real = os.path.realpath(os.path.join(root, name))
            if real not in walked:
                walked.add(real)
                keep.append(name)
        dirs[:] = keep
        for name in sorted(names):
            rel = os.path.normpath(os.path.join(rel_root, name))
            if any(fnmatch.fnmatchcase(name.lower(), g) for g in include) and not _excluded(rel, name, exclude):
                yield os.path.join(root, name)
    yield from (Unlistable(err) for err in failed)


class Unlistable(str):
    """A folder below a named one that could not be listed (permissions, deleted meanwhile): reported, not skipped."""

    problem: str

    def __new__(cls, error: OSError) -> Unlistable:
        """The folder's path, carrying why it could not be listed."""
        path = cls._path(error)
        self = super().__new__(cls, path)
        self.problem = f"cannot list this folder: {error.strerror or error}"
        return self

    @staticmethod
    def _path(error: OSError) -> str:
        return str(error.filename) if error.filename is not None else "?"


def _excluded(rel: str, name: str, patterns: Sequence[str]) -> bool:
    """Whether a path (relative to the folder given) or its name matches an exclude glob."""
    rel = rel[2:] if rel.startswith("./") else rel
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in patterns)
