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
    if text is None:
        return Unreadable(path, f"record has no {fields['text']!r} field", line, fmt)
    if not isinstance(text, str):
        return Unreadable(path, f"field {fields['text']!r} is {type(text).__name__}, not a string", line, fmt)
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
        meta["copydesk_ignore"] = " ".join(ignore) if isinstance(ignore, list) else str(ignore)
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
    """Stream a JSONL file: one Article or Unreadable per non-blank line."""
    for line_no, raw in enumerate(iter(lambda: handle.readline(max_bytes + 1), b""), start=1):
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            yield Unreadable(path, f"line longer than sources.max_bytes ({max_bytes})", line_no, "jsonl")
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(max_bytes + 1)
            continue
        if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
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
            yield Unreadable(path, f"a JSON {type(record).__name__}, not an object", line_no, "jsonl")
            continue
        yield _record_article(record, fields, path, line_no, "jsonl")


def read_csv(handle: IO[bytes], path: str, fields: Mapping[str, str], max_bytes: int) -> Iterator[Article | Unreadable]:
    """Stream a CSV file with a header row: one Article or Unreadable per row."""
    csv.field_size_limit(max(max_bytes, 131072))
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        header = next(reader, None)
        if header is None:
            yield Unreadable(path, "empty file", None, "csv")
            return
        if fields["text"] not in header:
            yield Unreadable(path, f"no {fields['text']!r} column in the header ({', '.join(header)})", 1, "csv")
            return
        start = reader.line_num + 1
        for row in reader:
            if not any(cell.strip() for cell in row):
                start = reader.line_num + 1
                continue
            if len(row) != len(header):
                yield Unreadable(path, f"row has {len(row)} columns, the header has {len(header)}", start, "csv")
            else:
                yield _record_article(dict(zip(header, row, strict=True)), fields, path, start, "csv")
            start = reader.line_num + 1
    except UnicodeDecodeError as exc:
        yield Unreadable(
            path, f"not valid UTF-8 (byte {exc.start}); rows after this one were not read", reader.line_num + 1, "csv"
        )
    except csv.Error as exc:
        yield Unreadable(path, f"malformed CSV: {exc}; rows after this one were not read", reader.line_num, "csv")


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
        """Check the paths exist (InputError otherwise); spool standard input if named."""
        self.sources = sources
        self.fields: Mapping[str, str] = sources["fields"]
        self._stdin_file: Any = None
        for path in paths:
            if path != STDIN and not os.path.exists(path):
                raise InputError(f"{path}: no such file or directory")
        self.paths = list(paths)
        if STDIN in self.paths:
            self._stdin_file = tempfile.TemporaryFile()
            shutil.copyfileobj(stdin if stdin is not None else sys.stdin.buffer, self._stdin_file)

    def files(self) -> Iterator[str]:
        """Every file named or found below a named folder, folders walked in sorted order."""
        include, exclude = self.sources["include"], self.sources["exclude"]
        for path in self.paths:
            if path == STDIN or not os.path.isdir(path):
                yield path
                continue
            for root, dirs, names in os.walk(path):
                rel_root = os.path.relpath(root, path)
                dirs[:] = sorted(d for d in dirs if not _excluded(os.path.join(rel_root, d), d, exclude))
                for name in sorted(names):
                    rel = os.path.normpath(os.path.join(rel_root, name))
                    if any(fnmatch.fnmatch(name, g) for g in include) and not _excluded(rel, name, exclude):
                        yield os.path.join(root, name)

    def __iter__(self) -> Iterator[Article | Unreadable]:
        """Yield every article (or unreadable input) in a stable order."""
        for path in self.files():
            yield from self._read(path)

    def _stdin_format(self) -> str:
        """The format of standard input: configured, or sniffed from its first byte."""
        fmt = str(self.sources["stdin_format"])
        if fmt != "auto":
            return fmt
        self._stdin_file.seek(0)
        head = self._stdin_file.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
        return "jsonl" if head.startswith(b"{") else "txt"

    def _read(self, path: str) -> Iterator[Article | Unreadable]:
        """Read one file (or stdin) in its format."""
        max_bytes = int(self.sources["max_bytes"])
        if path == STDIN:
            fmt = self._stdin_format()
            self._stdin_file.seek(0)
            yield from self._read_handle(self._stdin_file, "<stdin>", fmt, max_bytes)
            return
        fmt = FORMATS.get(Path(path).suffix.lower(), "txt")
        display = Path(path).as_posix()
        try:
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


def _excluded(rel: str, name: str, patterns: Sequence[str]) -> bool:
    """Whether a path (relative to the folder given) or its name matches an exclude glob."""
    rel = rel[2:] if rel.startswith("./") else rel
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in patterns)
