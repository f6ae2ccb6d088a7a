"""Parquet (``.parquet``) rows into Articles, read one row group at a time through pyarrow.

Dataset pipelines keep their text in Parquet. Columns are named by ``[sources.fields]``
as for JSONL and CSV, the other columns become the article's metadata, and a row's
``record`` is its row number (1 for the first row). Only a row group is held at a
time, so memory follows the file's row-group size, not its length. pyarrow is the
``scale`` extra (``pip install 'copydesk[scale]'``); without it a Parquet file is
unreadable, with that reason.

A Dask worker reads only its own row groups (:func:`read_groups`).
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterator, Mapping
from typing import IO, Any

from copydesk.errors import describe
from copydesk.models import Article, Unreadable
from copydesk.safety import quoted, shown
from copydesk.sources._common import InputFormat
from copydesk.sources.records import _record_article

FORMAT = "parquet"
NEEDS = "reading Parquet needs pyarrow: pip install 'copydesk[scale]'"


def _plain(value: Any) -> Any:
    """A cell as a JSON-ready value: dates and times in ISO 8601, decimals and bytes as text."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _open(handle: IO[bytes], path: str) -> Any:
    """The pyarrow ParquetFile, or an Unreadable naming why not."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        return Unreadable(path, NEEDS, None, FORMAT)
    try:
        return pq.ParquetFile(handle)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError and more for a file it cannot read
        return Unreadable(path, f"not a readable Parquet file ({describe(exc)})", None, FORMAT)


def row_groups(handle: IO[bytes], path: str) -> list[int] | Unreadable:
    """Rows in each row group of a Parquet file (for partitioning), or why it cannot be read."""
    opened = _open(handle, path)
    if isinstance(opened, Unreadable):
        return opened
    return [opened.metadata.row_group(i).num_rows for i in range(opened.num_row_groups)]


def read_groups(
    handle: IO[bytes], path: str, sources: Mapping[str, Any], groups: range | None = None
) -> Iterator[Article | Unreadable]:
    """Rows of the row groups ``groups`` (None: all) as Articles, numbered from the file's first row."""
    opened = _open(handle, path)
    if isinstance(opened, Unreadable):
        yield opened
        return
    fields, max_bytes = sources["fields"], int(sources["max_bytes"])
    every = range(opened.num_row_groups)
    wanted = every if groups is None else groups
    row = sum(opened.metadata.row_group(i).num_rows for i in range(wanted.start if len(wanted) else 0))
    if groups is None and not opened.metadata.num_rows:
        yield Unreadable(path, "no rows", None, FORMAT)
        return
    for group in wanted:
        try:
            records = opened.read_row_group(group).to_pylist()
        except Exception as exc:  # a corrupt row group costs its rows, named
            yield Unreadable(path, f"row group {group} cannot be read ({describe(exc)})", row + 1, FORMAT)
            row += opened.metadata.row_group(group).num_rows
            continue
        for record in records:
            row += 1
            yield _row(record, fields, path, row, max_bytes)


def _row(
    record: dict[str, Any], fields: Mapping[str, str], path: str, row: int, max_bytes: int
) -> Article | Unreadable:
    """One row as an Article, or an Unreadable naming its problem."""
    text = record.get(fields["text"])
    if isinstance(text, bytes):  # a binary column is not text: never its hex digits
        return Unreadable(path, f"field {quoted(fields['text'])} is binary, not a string", row, FORMAT)
    if isinstance(text, str) and len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        return Unreadable(
            path, f"field {shown(fields['text'])} longer than sources.max_bytes ({max_bytes})", row, FORMAT
        )
    return _record_article({str(k): _plain(v) for k, v in record.items()}, fields, path, row, FORMAT)


def _read(handle: IO[bytes], path: str, sources: Mapping[str, Any]) -> Iterator[Article | Unreadable]:
    """The Parquet reader, configured by ``[sources]``."""
    return read_groups(handle, path, sources)


PARQUET = InputFormat(FORMAT, _read, "file")
