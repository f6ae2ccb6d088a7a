"""Turn paths into a stream of Articles (or Unreadable items): files, folders, stdin.

Formats: ``.txt``/``.md`` (first non-empty line is the title; optional ``---`` front
matter), ``.jsonl``/``.ndjson`` and ``.csv`` records with configurable field names,
and ``.html`` (main text extracted; trafilatura when installed). JSONL and CSV are
streamed record by record; a text file is read whole, up to ``max_bytes``.

A :class:`Batch` can be iterated more than once (the batch pass reads the input
twice rather than holding it); standard input is spooled to a temporary file.
"""

from __future__ import annotations

import csv
import fnmatch
import io
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from copydesk import extract
from copydesk.errors import InputError
from copydesk.models import Article, Position, SourceRef

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
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class Unreadable:
    """An input that could not be read as an article, with the reason."""

    path: str
    problem: str
    record: int | None = None
    format: str = "txt"

    @property
    def id(self) -> str:
        """An id for the report: the path, with the record line if any."""
        return f"{self.path}:{self.record}" if self.record is not None else self.path

    @property
    def message(self) -> str:
        """One line: ``path[:line]: problem``."""
        return f"{self.id}: {self.problem}"


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


def _front_matter(text: str) -> tuple[dict[str, str], int, int]:
    """Parse ``---``-fenced ``key: value`` lines; return them, the body offset and lines used."""
    if not text.startswith("---"):
        return {}, 0, 0
    first = text.find("\n")
    if first < 0 or text[:first].strip() != "---":
        return {}, 0, 0
    pos, line = first + 1, 1
    meta: dict[str, str] = {}
    while pos < len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl
        row = text[pos:stop].strip()
        line += 1
        if row in ("---", "..."):
            return meta, (stop + 1 if nl >= 0 else stop), line
        key, sep, value = row.partition(":")
        if not sep:
            return {}, 0, 0
        meta[key.strip().lower()] = value.strip().strip("\"'")
        if nl < 0:
            break
        pos = nl + 1
    return {}, 0, 0


def parse_text(text: str, path: str, fmt: str, encoding: str = "utf-8", detected: bool = False) -> Article | Unreadable:
    """A ``.txt``/``.md`` document: front matter, then title line, then body."""
    meta, offset, line_no = _front_matter(text)
    pos = offset
    line = line_no + 1
    while pos < len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl
        raw = text[pos:stop]
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            title = raw.strip()
            column = lead + 1
            if fmt == "md" and title.startswith("#"):
                stripped = title.lstrip("#").lstrip()
                column += len(title) - len(stripped)
                title = stripped
            body_start = len(text) if nl < 0 else nl + 1
            source = SourceRef(
                path=path,
                format=fmt,
                encoding=encoding,
                encoding_detected=detected,
                title_at=Position(pos + column - 1, line, column),
                body_at=Position(body_start, line + 1, 1),
            )
            return Article(
                id=meta.get("id", path),
                title=meta.get("title", title) if "title" in meta else title,
                body=text[body_start:],
                byline=meta.get("byline", meta.get("author")),
                url=meta.get("url"),
                published=meta.get("published", meta.get("date")),
                source=source,
                meta={k: v for k, v in meta.items() if k not in FRONT_MATTER_KEYS},
            )
        if nl < 0:
            break
        pos = nl + 1
        line += 1
    return Unreadable(path, "no text after the front matter" if meta else "empty file", format=fmt)


def _record_article(
    record: Mapping[str, Any], fields: Mapping[str, str], path: str, line: int, fmt: str
) -> Article | Unreadable:
    """Build an Article from a JSONL object or CSV row using the configured field names."""
    text = record.get(fields["text"])
    if fields["text"] not in record:
        return Unreadable(path, f"record has no {fields['text']!r} field", line, fmt)
    if not isinstance(text, str):
        return Unreadable(path, f"field {fields['text']!r} is {json_type(text)}, not a string", line, fmt)
    if not text.strip():
        return Unreadable(path, f"field {fields['text']!r} is empty", line, fmt)

    def text_field(key: str) -> str | None:
        value = record.get(fields[key])
        return None if value is None or value == "" else str(value)

    # the record's other fields are kept as metadata (plugins read e.g. "source"):
    # strings as they are, other values as compact JSON
    known = set(fields.values())
    meta: dict[str, str] = {
        str(key): value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
        for key, value in record.items()
        if key not in known and key is not None and value is not None and value != ""
    }
    ignore = record.get(fields["ignore"])
    if ignore:
        if isinstance(ignore, list) and all(isinstance(v, str) for v in ignore):
            ignore = " ".join(ignore)
        if not isinstance(ignore, str):
            return Unreadable(path, f"field {fields['ignore']!r} must be a string or a list of strings", line, fmt)
        meta["copydesk_ignore"] = ignore
    return Article(
        id=text_field("id") or f"{path}:{line}",
        title=text_field("title") or "",
        body=text,
        byline=text_field("byline"),
        url=text_field("url"),
        published=text_field("published"),
        source=SourceRef(path=path, format=fmt, record=line),
        meta=meta,
    )


def read_jsonl(
    handle: IO[bytes], path: str, fields: Mapping[str, str], max_bytes: int
) -> Iterator[Article | Unreadable]:
    """Stream a JSONL file: one Article or Unreadable per non-blank line (a file with none is unreadable)."""
    records = 0
    for line_no, raw in enumerate(iter(lambda: handle.readline(max_bytes + 1), b""), start=1):
        records += 1
        if line_no == 1 and raw.startswith(UTF16_BOMS):
            yield Unreadable(path, "encoded as UTF-16 (a byte order mark); JSONL must be UTF-8", None, "jsonl")
            return
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            yield Unreadable(path, f"line longer than sources.max_bytes ({max_bytes})", line_no, "jsonl")
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(max_bytes + 1)
            continue
        if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            records -= 1
            continue
        try:
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield Unreadable(path, f"not valid UTF-8 (byte {exc.start} of the line)", line_no, "jsonl")
            continue
        except json.JSONDecodeError as exc:
            yield Unreadable(path, f"not valid JSON: {exc.msg} (column {exc.colno})", line_no, "jsonl")
            continue
        if not isinstance(record, dict):
            yield Unreadable(path, f"a JSON {json_type(record)}, not an object", line_no, "jsonl")
            continue
        if b"\\u" in raw and (bad := _lone_surrogate(record)) is not None:
            yield Unreadable(path, f"not valid Unicode: an unpaired surrogate \\u{ord(bad):04x}", line_no, "jsonl")
            continue
        yield _record_article(record, fields, path, line_no, "jsonl")
    if not records:
        yield Unreadable(path, "empty file (no JSON records)", None, "jsonl")


def json_type(value: Any) -> str:
    """A decoded JSON value's type for messages: ``null`` for null, else the Python type (``int``, ``list``)."""
    return "null" if value is None else type(value).__name__


def _lone_surrogate(value: Any) -> str | None:
    """The first unpaired surrogate in a decoded JSON value's strings, if any (JSON allows them, UTF-8 does not)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return value[exc.start]
        return None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if (bad := _lone_surrogate(key) if isinstance(key, str) else None) or (bad := _lone_surrogate(item)):
            return bad
    return None


def read_csv(handle: IO[bytes], path: str, fields: Mapping[str, str], max_bytes: int) -> Iterator[Article | Unreadable]:
    """Stream a CSV file with a header row: one Article or Unreadable per row."""
    csv.field_size_limit(max(max_bytes, 131072))
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    reader = csv.reader(text, strict=True)  # a quote left open is an error, not the rest of the file
    start = 1
    try:
        header = next(reader, None)
        if header is None:
            yield Unreadable(path, "empty file", None, "csv")
            return
        if fields["text"] not in header:
            yield Unreadable(path, f"no {fields['text']!r} column in the header ({', '.join(header)})", 1, "csv")
            return
        twice = sorted({name for name in header if header.count(name) > 1} & set(fields.values()))
        if twice:
            yield Unreadable(path, f"column {twice[0]!r} appears more than once in the header", 1, "csv")
            return
        start = reader.line_num + 1
        rows = 0
        for row in reader:
            if not any(cell.strip() for cell in row):
                start = reader.line_num + 1
                continue
            rows += 1
            if len(row) != len(header):
                yield Unreadable(path, f"row has {len(row)} columns, the header has {len(header)}", start, "csv")
            else:
                yield _record_article(dict(zip(header, row, strict=True)), fields, path, start, "csv")
            start = reader.line_num + 1
        if not rows:
            yield Unreadable(path, "no rows after the header", None, "csv")
    except UnicodeDecodeError as exc:
        yield Unreadable(
            path, f"not valid UTF-8 (byte {exc.start}); rows after this one were not read", reader.line_num + 1, "csv"
        )
    except csv.Error as exc:
        yield Unreadable(path, f"malformed CSV: {exc}; rows after this one were not read", start, "csv")


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
        if extract.trafilatura_available() and (selectors := extract.file_suppressions(text)):
            meta["copydesk_ignore"] = selectors  # trafilatura drops the comments themselves
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
    """The files below ``folder`` that the include/exclude globs let through, in sorted order."""
    include, exclude = sources["include"], sources["exclude"]
    for root, dirs, names in os.walk(folder):
        rel_root = os.path.relpath(root, folder)
        dirs[:] = sorted(d for d in dirs if not _excluded(os.path.join(rel_root, d), d, exclude))
        for name in sorted(names):
            rel = os.path.normpath(os.path.join(rel_root, name))
            if any(fnmatch.fnmatch(name, g) for g in include) and not _excluded(rel, name, exclude):
                yield os.path.join(root, name)


def _excluded(rel: str, name: str, patterns: Sequence[str]) -> bool:
    """Whether a path (relative to the folder given) or its name matches an exclude glob."""
    rel = rel[2:] if rel.startswith("./") else rel
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in patterns)
