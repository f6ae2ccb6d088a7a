"""A named ``.json`` file: an array of records read as JSONL lines are (review 11, item 3b), streamed element by element."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from copydesk import testing
from copydesk.config import packaged_defaults
from copydesk.models import Article, Unreadable
from copydesk.sources import Batch
from copydesk.sources.records import CHUNK

SOURCES: dict[str, Any] = packaged_defaults()["sources"]


def read(tmp_path: Path, data: bytes, **sources: Any) -> list[tuple[str, int | None, str]]:
    path = tmp_path / "x.json"
    path.write_bytes(data)
    items = list(Batch([str(path)], {**SOURCES, **sources}))
    return [
        (i.id, i.source.record if i.source else None, i.source.format if i.source else "")
        if isinstance(i, Article)
        else ("!", i.record, i.problem)
        for i in items
    ]


WRAPPED = (
    "a JSON object that holds an array under {}, not an array of records"
    " (save that array as the file, or its records one a line as .jsonl)"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'[{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}]', [("a", 1, "json"), ("b", 1, "json")]),
        (
            b'\xef\xbb\xbf[\n {"id": "a",\n  "text": "One."},\n {"text": "Two."}\n]\n',
            [("a", 2, "json"), ("x.json:4", 4, "json")],
        ),
        (
            b'[{"id": "a", "text": ""}, 7, {"id": "c", "text": "Three."}]',
            [("!", 1, "field 'text' is empty"), ("!", 1, "a JSON number, not an object"), ("c", 1, "json")],
        ),
        (b"[]", [("!", None, "no records (an empty JSON array)")]),
        (b"  ", [("!", None, "empty file")]),
        (
            b'{"text": "One."}',
            [
                (
                    "!",
                    None,
                    "a JSON object, not an array of records (one record: put it in [ ], or save records one a line as .jsonl)",
                )
            ],
        ),
        (b'"One."', [("!", None, "a JSON string, not an array of records")]),
        # an API's wrapper: the key holding the records is named, not "put it in [ ]" (review 12b, item 11)
        (
            b'{"status": "ok", "tags": ["a"], "articles": [{"text": "One."}]}',
            [("!", None, WRAPPED.format("'articles'"))],
        ),
        (b'{"total": 2, "items": [1, 2]}', [("!", None, WRAPPED.format("'items'"))]),
        # a key as it is: the line that shows the problem neutralises it once (no repr())
        (b'{"\\u001b[31m": [{}]}', [("!", None, WRAPPED.format("'\x1b[31m'"))]),
        (b'{"a\\\\b": [{}]}', [("!", None, WRAPPED.format("'a\\b'"))]),
        (
            b'[{"id": "a", "text": "One."} {"text": "Two."}]',
            [("a", 1, "json"), ("!", 1, "expected ',' or ']' after a record, not '{'")],
        ),
        (
            b'[{"id": "a", "text": "One."} \\]',
            [("a", 1, "json"), ("!", 1, "expected ',' or ']' after a record, not '\\'")],
        ),
        (
            b'[{"id": "a", "text": "One."},\n{"text": "Tw',
            [("a", 1, "json"), ("!", 2, "not valid JSON: unterminated string (line 2)")],
        ),
        (b'[{"id": "a", "text": "One."}', [("a", 1, "json"), ("!", 1, "the JSON array ends without its ']'")]),
        # a record cut off by the end of the file is on the line its text ends on, not the one after (review s25v, item 11)
        (
            b'[{"id": "a", "text": "One."}, {"id": "b"\n',
            [("a", 1, "json"), ("!", 1, "not valid JSON: expecting ',' delimiter (line 1)")],
        ),
        (
            b'[{"id": "a", "text": "One."},\r\n {"id": "b"\r\n\r\n  \r\n',
            [("a", 1, "json"), ("!", 2, "not valid JSON: expecting ',' delimiter (line 2)")],
        ),
        (
            b'[{"id": "a", "text": "One."}]\n[{"id": "b"}]',
            [("a", 1, "json"), ("!", 2, "text after the JSON array's closing ']' is not read")],
        ),
        (b'[{"id": "a", "text": "caf\xe9 owner."}]', [("a", 1, "json")]),  # the encoding fallback, as for JSONL
        ("[{}]".encode("utf-16"), [("!", None, "encoded as UTF-16 (a byte order mark); JSON must be UTF-8")]),
    ],
)
def test_a_json_array_is_read_record_by_record(
    tmp_path: Path, data: bytes, expected: list[tuple[str, Any, str]]
) -> None:
    got = read(tmp_path, data)
    assert [(i if i[0] == "!" else (i[0].removeprefix(f"{tmp_path}/"), *i[1:])) for i in got] == expected


def test_records_without_an_id_on_one_line_each_get_an_id_of_their_own(tmp_path: Path) -> None:
    """A minified export: the first is path:1, the later ones path:1#2, path:1#3 (not one id shared by all)."""
    data = b'[{"text": "One."}, {"text": "Two."}, {"id": "c", "text": "Three."}, {"text": ""},\n{"text": "Five."}]'
    path = tmp_path / "x.json"
    path.write_bytes(data)
    items = list(Batch([str(path)], SOURCES))
    ids = [i.id if isinstance(i, Article) else i.report_id for i in items]
    assert ids == [f"{path}:1", f"{path}:1#2", "c", f"{path}:1#4", f"{path}:2"]
    assert [i.source.record if isinstance(i, Article) and i.source else i.record for i in items] == [1, 1, 1, 1, 2]


def test_each_unreadable_record_of_a_minified_export_is_named_on_stderr_as_its_report_is(tmp_path: Path) -> None:
    """Not five errors all at ``path:1``: each names the record its CD002 report is filed under."""
    path = tmp_path / "x.json"
    path.write_bytes(b'[{"text": "One."}, "two", 3, {"text": 4}, {"id": "e", "text": ""}]')
    items = [i for i in Batch([str(path)], SOURCES) if isinstance(i, Unreadable)]
    assert [i.message.split(": ")[0] for i in items] == [f"{path}:1#2", f"{path}:1#3", f"{path}:1#4", f"{path}:1 (e)"]
    assert [i.report_id for i in items] == [f"{path}:1#2", f"{path}:1#3", f"{path}:1#4", "e"]


@pytest.mark.parametrize(
    ("data", "max_bytes"),
    [
        (b'[{"text": "One."}', 1000),  # a minified export cut short
        (b'[{"text": "One."} {"text": "Two."}]', 1000),
        (b'[{"text": "One."}] x', 1000),
        (b'[{"text": "One."}, {"text": "Tw', 1000),
        (b'[{"text": "One."}, {"text": "' + b"w " * 600 + b'"}]', 1000),
    ],
)
def test_what_is_unreadable_after_a_record_on_its_line_gets_an_id_of_its_own(
    tmp_path: Path, data: bytes, max_bytes: int
) -> None:
    """The record is path:1, the break after it on the same line path:1#2, not a second path:1 (review 19)."""
    path = tmp_path / "x.json"
    path.write_bytes(data)
    items = list(Batch([str(path)], {**SOURCES, "max_bytes": max_bytes}))
    assert [type(i).__name__ for i in items] == ["Article", "Unreadable"]
    assert [i.id if isinstance(i, Article) else i.report_id for i in items] == [f"{path}:1", f"{path}:1#2"]


@pytest.mark.parametrize(
    ("data", "shown"),
    [
        (b'[{"text": "One."} \\]', "not '\\\\'"),
        (b'[{"text": "One."} \x1b]', "not '\\x1b'"),
        (b'{"a\\\\b\\u001b": [{}]}', "array under 'a\\\\b\\x1b'"),
    ],
)
def test_input_quoted_in_a_structure_error_is_escaped_once_on_stderr(tmp_path: Path, data: bytes, shown: str) -> None:
    """A typed backslash reads ``\\\\`` and an ESC ``\\x1b``, as in every other message (repr() escaped them twice)."""
    (tmp_path / "x.json").write_bytes(data)
    result = testing.run_copydesk("score", "x.json", "-f", "json", "-o", "out.json", cwd=tmp_path)
    assert result.returncode == 2
    [line] = [line for line in result.stderr.splitlines() if "error" in line]
    assert shown in line and "\\\\\\\\" not in line.replace(shown, ""), line
    assert "\x1b" not in result.stderr


def test_an_array_longer_than_a_read_is_streamed_and_each_record_is_bounded(tmp_path: Path) -> None:
    records = [{"id": str(i), "text": "Word " * 40, "n": 10**12 + i} for i in range(3 * CHUNK // 200)]
    got = read(tmp_path, json.dumps(records).encode())
    assert [g[0] for g in got] == [str(i) for i in range(len(records))]
    big = [{"id": "a", "text": "One."}, {"id": "b", "text": "w " * 2000}, {"id": "c", "text": "Three."}]
    got = read(tmp_path, json.dumps(big).encode(), max_bytes=1000)
    assert [g[0] for g in got] == ["a", "!", "c"] and got[1][2] == "a record longer than sources.max_bytes (1000)"
    broken = b'[{"id": "a", "text": "One."}, {"text": "' + b"w " * 40_000 + b"}]"  # a string never closed
    got = read(tmp_path, broken, max_bytes=1000)
    assert [g[0] for g in got] == ["a", "!"]
    assert got[1][2].startswith("a record longer than sources.max_bytes (1000), or not valid JSON: unterminated string")


def test_a_named_file_with_an_unknown_extension_is_unreadable_and_one_without_is_text(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text("<rss><item>Sources say the mayor may resign.</item></rss>")
    (tmp_path / "story").write_text("Title\n\nThe council met on Monday, the clerk said.\n")
    [xml, story] = Batch([str(tmp_path / "feed.xml"), str(tmp_path / "story")], SOURCES)
    assert isinstance(xml, Unreadable) and xml.format == "unknown"
    assert xml.problem.startswith(
        "unknown input format '.xml' (known: .txt, .md, .markdown, .jsonl, .ndjson, .csv, .json,"
    )
    assert isinstance(story, Article) and story.source is not None and story.source.format == "txt"
