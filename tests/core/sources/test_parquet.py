"""Issue 15 item 3: Parquet input (the format dataset pipelines use), read row group by row group."""

from __future__ import annotations

import datetime
import io
import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from copydesk import Article
from copydesk.sources import Batch, Unreadable
from copydesk.sources.parquet import read_groups, row_groups
from copydesk.testing import config, python_env

SOURCES = config().sources
BODY = "The council approved the budget on Tuesday, officials said."


def write(path: Path, rows: list[dict[str, object]], row_group_size: int = 2) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


def rows(n: int) -> list[dict[str, object]]:
    return [
        {
            "id": f"r{i}",
            "title": f"Title {i}",
            "text": f"{BODY} Row {i}.",
            "source": "wire",
            "when": datetime.date(2024, 1, i + 1),
        }
        for i in range(n)
    ]


def test_rows_become_articles_numbered_by_row_with_other_columns_as_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "a.parquet", rows(5))
    items = list(Batch([str(path)], SOURCES))
    assert [a.id for a in items if isinstance(a, Article)] == [f"r{i}" for i in range(5)]
    first = items[0]
    assert isinstance(first, Article) and first.source is not None
    assert (first.source.format, first.source.record, first.title) == ("parquet", 1, "Title 0")
    assert first.meta == {"source": "wire", "when": "2024-01-01"}


def test_a_worker_reading_some_row_groups_numbers_rows_as_the_whole_file_does(tmp_path: Path) -> None:
    path = write(tmp_path / "a.parquet", rows(5), row_group_size=2)
    with path.open("rb") as handle:
        assert row_groups(handle, "a.parquet") == [2, 2, 1]
    with path.open("rb") as handle:
        whole = list(read_groups(handle, "a.parquet", SOURCES))
    parts = []
    for group in range(3):
        with path.open("rb") as handle:
            parts += list(read_groups(handle, "a.parquet", SOURCES, range(group, group + 1)))
    assert parts == whole


def test_a_bad_row_is_unreadable_naming_its_row_and_the_rest_is_read(tmp_path: Path) -> None:
    data = rows(3)
    data[1]["text"] = ""
    items = list(Batch([str(write(tmp_path / "a.parquet", data))], SOURCES))
    assert isinstance(items[1], Unreadable) and items[1].record == 2 and "'text' is empty" in items[1].problem
    assert [type(i).__name__ for i in items] == ["Article", "Unreadable", "Article"]


def test_a_bad_rows_message_says_row_not_a_line_number(tmp_path: Path) -> None:
    """A Parquet row has no line: its CD002 says ``path row 2:``, a JSONL record's ``path:2:`` (its line)."""
    data = rows(3)
    data[1]["text"] = ""
    path = write(tmp_path / "a.parquet", data)
    item = list(Batch([str(path)], SOURCES))[1]
    assert isinstance(item, Unreadable)
    assert item.message == f"{path} row 2 (r1): field 'text' is empty"  # the row, then its own id
    assert item.id == f"{path}:2"  # the report's id is as for any record
    line = Unreadable("a.jsonl", "field 'text' is empty", 2, "jsonl")
    assert line.message == "a.jsonl:2: field 'text' is empty"


def test_a_file_that_is_not_parquet_or_has_no_rows_is_unreadable(tmp_path: Path) -> None:
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 not really")
    [item] = list(Batch([str(bad)], SOURCES))
    assert isinstance(item, Unreadable) and item.problem.startswith("not a readable Parquet file")
    empty = tmp_path / "empty.parquet"
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), empty)
    [item] = list(Batch([str(empty)], SOURCES))
    assert isinstance(item, Unreadable) and item.problem == "no rows"


def test_missing_text_column_names_the_row(tmp_path: Path) -> None:
    path = write(tmp_path / "a.parquet", [{"body": BODY}])
    [item] = list(Batch([str(path)], SOURCES))
    assert isinstance(item, Unreadable) and item.record == 1 and "no 'text' field" in item.problem


def test_a_binary_or_number_text_column_is_unreadable_as_jsonl_says_never_its_hex(tmp_path: Path) -> None:
    binary = tmp_path / "b.parquet"
    pq.write_table(pa.table({"id": [1], "text": [b"\xff\xfe\x00bad"]}), binary)
    [item] = list(Batch([str(binary)], SOURCES))
    assert isinstance(item, Unreadable) and (item.record, item.problem) == (1, "field 'text' is binary, not a string")
    number = write(tmp_path / "n.parquet", [{"text": 5}])
    [item] = list(Batch([str(number)], SOURCES))
    assert isinstance(item, Unreadable) and item.problem == "field 'text' is number, not a string"


def test_parquet_and_jsonl_of_the_same_rows_score_the_same(tmp_path: Path) -> None:
    data = [{k: v for k, v in r.items() if k != "when"} for r in rows(4)]
    write(tmp_path / "a.parquet", data)
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in data))
    scores = []
    for name in ("a.parquet", "a.jsonl"):
        out = subprocess.run(
            [sys.executable, "-m", "copydesk", "score", "-f", "json", str(tmp_path / name)],
            capture_output=True,
            text=True,
            env=python_env(),
            check=False,
        ).stdout
        articles = json.loads(out)["articles"]
        scores.append([(a["id"], a["score"], [(f["code"], f["message"]) for f in a["findings"]]) for a in articles])
    assert scores[0] == scores[1] and len(scores[0]) == 4


def test_standard_input_can_be_parquet() -> None:
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows(2)), sink)
    items = list(Batch(["-"], {**SOURCES, "stdin_format": "parquet"}, stdin=io.BytesIO(sink.getvalue())))
    assert [a.id for a in items] == ["r0", "r1"]
