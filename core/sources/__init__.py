"""Turn paths into a stream of Articles (or Unreadable items): files, folders, stdin.

Formats: ``.txt``/``.md`` (first non-empty line is the title; optional ``---`` front
matter), ``.jsonl``/``.ndjson`` and ``.csv`` records with configurable field names,
and ``.html`` (main text extracted; trafilatura when installed). JSONL and CSV are
streamed record by record; a text file is read whole, up to ``max_bytes``.

A :class:`Batch` can be iterated more than once (the batch pass reads the input
twice rather than holding it); standard input is spooled to a temporary file.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from copydesk.errors import InputError
from copydesk.models import Article, Position, SourceRef, Unreadable
from copydesk.sources import html as extract
from copydesk.sources.records import UTF16_BOMS, read_csv, read_jsonl
from copydesk.suppress import IGNORE_META, file_selectors

__all__ = ["FORMATS", "STDIN", "Batch", "Unreadable", "parse_text", "read_document"]

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
}
FRONT_MATTER_KEYS = {
    "title": "title",
    "byline": "byline",
    "author": "byline",
    "url": "url",
    "date": "published",
    "published": "published",
    "id": "id",
}
STDIN = "-"


def _decode(data: bytes, path: str, fallback: bool) -> tuple[str, str, bool] | str:
    """Decode bytes: UTF-8 (BOM stripped), else a detected encoding; or a problem string."""
    if not data.strip():
        return "empty file"
    if data.startswith(UTF16_BOMS):
        if not fallback:
            return "not valid UTF-8 (a UTF-16 byte order mark)"
        try:
            return data.decode("utf-16"), "utf-16", True
        except UnicodeDecodeError as exc:
            return f"not valid UTF-16 after its byte order mark (byte {exc.start}: {exc.reason})"
    if b"\x00" in data[:8192]:
        return "binary file (contains NUL bytes)"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        reason = f"not valid UTF-8 (byte {exc.start}: {exc.reason})"
        if not fallback:
            return reason
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return f"{reason}, and its encoding could not be detected"
    return str(best), best.encoding, True


def _front_matter(text: str) -> tuple[dict[str, str], int, int, Position | None]:
    """Parse ``---``-fenced ``key: value`` lines.

    Returns them, the body offset, the lines used, and where the ``title`` value
    stands in the file (None without one).
    """
    if not text.startswith("---"):
        return {}, 0, 0, None
    first = text.find("\n")
    if first < 0 or text[:first].strip() != "---":
        return {}, 0, 0, None
    pos, line = first + 1, 1
    meta: dict[str, str] = {}
    title_at: Position | None = None
    while pos < len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl
        row = text[pos:stop].strip()
        line += 1
        if row in ("---", "..."):
            return meta, (stop + 1 if nl >= 0 else stop), line, title_at
        key, sep, value = row.partition(":")
        if not sep:
            return {}, 0, 0, None
        meta[key.strip().lower()] = value.strip().strip("\"'")
        if key.strip().lower() == "title" and meta["title"]:
            at = text.find(meta["title"], pos + len(key) + 1, stop)
            title_at = Position(at, line, at - pos + 1) if at >= 0 else None
        if nl < 0:
            break
        pos = nl + 1
    return {}, 0, 0, None


def parse_text(text: str, path: str, fmt: str, encoding: str = "utf-8", detected: bool = False) -> Article | Unreadable:
    """A ``.txt``/``.md`` document: front matter, then title line, then body.

    With a ``title`` in the front matter, the body is everything after the front
    matter, and title findings point at the title's value there. Otherwise the title is
    the first non-empty line that is not a whole-line HTML comment; ``ignore-file``
    suppression comments above it still apply to the whole article.
    """
    meta, offset, line_no, meta_title_at = _front_matter(text)
    extra = {k: v for k, v in meta.items() if k not in FRONT_MATTER_KEYS}
    pos = offset
    line = line_no + 1
    if "title" in meta:
        if not text[offset:].strip():
            return Unreadable(path, "no text after the front matter", format=fmt)
        return _article(
            meta, meta["title"], text[offset:], extra, path, fmt, encoding, detected, meta_title_at, pos, line
        )
    while pos < len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl
        raw = text[pos:stop]
        title = raw.strip()
        if title.startswith("<!--") and title.endswith("-->"):  # a comment above the title
            if selectors := file_selectors(title):
                extra[IGNORE_META] = f"{extra.get(IGNORE_META, '')} {selectors}".strip()
        elif title:
            column = len(raw) - len(raw.lstrip()) + 1
            if fmt == "md" and title.startswith("#"):
                stripped = title.lstrip("#").lstrip()
                column += len(title) - len(stripped)
                title = stripped
            body_start = len(text) if nl < 0 else nl + 1
            title_at = Position(pos + column - 1, line, column)
            return _article(
                meta, title, text[body_start:], extra, path, fmt, encoding, detected, title_at, body_start, line + 1
            )
        if nl < 0:
            break
        pos = nl + 1
        line += 1
    return Unreadable(path, "no text after the front matter" if meta else "empty file", format=fmt)


def _article(
    meta: Mapping[str, str],
    title: str,
    body: str,
    extra: dict[str, str],
    path: str,
    fmt: str,
    encoding: str,
    detected: bool,
    title_at: Position | None,
    body_offset: int,
    body_line: int,
) -> Article:
    """The Article of a text file, its title and body placed in the file."""
    source = SourceRef(
        path=path,
        format=fmt,
        encoding=encoding,
        encoding_detected=detected,
        title_at=title_at,
        body_at=Position(body_offset, body_line, 1),
    )
    return Article(
        id=meta.get("id", path),
        title=title,
        body=body,
        byline=meta.get("byline", meta.get("author")),
        url=meta.get("url"),
        published=meta.get("published", meta.get("date")),
        source=source,
        meta=extra,
    )


def read_document(data: bytes, path: str, fmt: str, fallback: bool) -> Article | Unreadable:
    """A whole-file article: text, Markdown or HTML."""
    decoded = _decode(data, path, fallback)
    if isinstance(decoded, str):
        return Unreadable(path, decoded, format=fmt)
    text, encoding, detected = decoded
    if fmt == "html":
        title, body = extract.html_to_text(text)
        if not body.strip():
            return Unreadable(path, "no main text found in the HTML", format=fmt)
        source = SourceRef(path=path, format=fmt, encoding=encoding, encoding_detected=detected)
        meta: dict[str, str] = {}
        if extract.trafilatura_available() and (selectors := file_selectors(text)):
            meta[IGNORE_META] = selectors  # trafilatura drops the comments themselves
        return Article(id=path, title=title, body=body, source=source, meta=meta)
    return parse_text(text, path, fmt, encoding, detected)


class Batch:
    """The articles named by a list of paths; iterate it as often as needed."""

    def __init__(self, paths: Sequence[str], sources: Mapping[str, Any], stdin: IO[bytes] | None = None) -> None:
        """Check the paths (InputError otherwise); spool standard input and pipes named on the command line.

        A path named twice (or ``-`` twice) is read once. A pipe, such as the
        ``/dev/fd/63`` of ``<(command)``, can be read only once, so it is spooled
        like standard input; a folder that holds no article is an error.
        """
        self.sources = sources
        self.fields: Mapping[str, str] = sources["fields"]
        self._spooled: dict[str, Any] = {}
        self.paths = list(dict.fromkeys(paths))
        for path in self.paths:
            if path != STDIN:
                _check_path(path, sources)
        for path in self.paths:
            if path == STDIN:
                source = stdin if stdin is not None else sys.stdin.buffer if sys.stdin is not None else None
                if source is None:
                    raise InputError("-: standard input is closed")
                self._spooled[path] = _spool(source)
            elif not os.path.isdir(path) and not os.path.isfile(path):
                with open(path, "rb") as pipe:
                    self._spooled[path] = _spool(pipe)

    def files(self) -> Iterator[str]:
        """Every file named or found below a named folder, folders walked in sorted order, each once."""
        seen: set[str] = set()
        for path in self.paths:
            found = [path] if path == STDIN or not os.path.isdir(path) else _walk(path, self.sources)
            for name in found:
                key = name if name == STDIN else os.path.realpath(name)
                if key not in seen:
                    seen.add(key)
                    yield name

    def __iter__(self) -> Iterator[Article | Unreadable]:
        """Yield every article (or unreadable input) in a stable order."""
        for path in self.files():
            yield from self._read(path)

    def _sniffed_format(self, path: str) -> str:
        """The format of spooled input: configured for stdin, else sniffed from its first byte."""
        fmt = str(self.sources["stdin_format"])
        if path == STDIN and fmt != "auto":
            return fmt
        spool = self._spooled[path]
        spool.seek(0)
        head = spool.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
        return "jsonl" if head.startswith(b"{") else "txt"

    def _read(self, path: str) -> Iterator[Article | Unreadable]:
        """Read one file (or stdin, or a spooled pipe) in its format."""
        max_bytes = int(self.sources["max_bytes"])
        display = "<stdin>" if path == STDIN else Path(path).as_posix()
        fmt = FORMATS.get(Path(path).suffix.lower(), "txt") if path != STDIN else ""
        if path in self._spooled:
            fmt = fmt if path != STDIN and Path(path).suffix.lower() in FORMATS else self._sniffed_format(path)
            self._spooled[path].seek(0)
            yield from self._read_handle(self._spooled[path], display, fmt, max_bytes)
            return
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                yield Unreadable(display, "not a regular file (a pipe, socket or device found in a folder)", format=fmt)
                return
            with open(path, "rb") as handle:
                yield from self._read_handle(handle, display, fmt, max_bytes)
        except OSError as exc:
            yield Unreadable(display, f"cannot read: {exc.strerror}", format=fmt)

    def _read_handle(self, handle: IO[bytes], path: str, fmt: str, max_bytes: int) -> Iterator[Article | Unreadable]:
        """Dispatch on format; whole documents are size-checked before decoding."""
        if fmt == "jsonl":
            yield from read_jsonl(handle, path, self.fields, max_bytes)
        elif fmt == "csv":
            yield from read_csv(handle, path, self.fields, max_bytes)
        else:
            data = handle.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield Unreadable(path, f"larger than sources.max_bytes ({max_bytes} bytes)", format=fmt)
            else:
                yield read_document(data, path, fmt, bool(self.sources["encoding_fallback"]))


def _spool(source: IO[bytes]) -> IO[bytes]:
    """Copy a stream that can be read only once into a temporary file."""
    spool = tempfile.TemporaryFile()
    shutil.copyfileobj(source, spool)
    return spool


def _check_path(path: str, sources: Mapping[str, Any]) -> None:
    """InputError for a named path that does not exist, or a folder with no article in it."""
    if not os.path.exists(path):
        if os.path.lexists(path):
            raise InputError(f"{path}: a symbolic link to nothing (broken, or a loop)")
        raise InputError(f"{path}: no such file or directory")
    if os.path.isdir(path) and next(_walk(path, sources), None) is None:
        globs = ", ".join(sources["include"]) or "none"
        raise InputError(f"{path}: no articles in this folder (none of its files matches [sources] include: {globs})")


def _walk(folder: str, sources: Mapping[str, Any]) -> Iterator[str]:
    """The files below ``folder`` that the include/exclude globs let through, in sorted order.

    Symbolic links to folders are followed, but a folder already walked (a link loop,
    or two links to one folder) is walked once, under the first path in sorted order.
    """
    include, exclude = sources["include"], sources["exclude"]
    walked = {os.path.realpath(folder)}
    for root, dirs, names in os.walk(folder, followlinks=True):
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
            if any(fnmatch.fnmatch(name, g) for g in include) and not _excluded(rel, name, exclude):
                yield os.path.join(root, name)


def _excluded(rel: str, name: str, patterns: Sequence[str]) -> bool:
    """Whether a path (relative to the folder given) or its name matches an exclude glob."""
    rel = rel[2:] if rel.startswith("./") else rel
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in patterns)
