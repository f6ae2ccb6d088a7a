"""Issue 15: the scoring pass leaves each JSONL record's parsing to the worker that scores it.

``Batch.deferred()`` must give, once each item is read, exactly what iterating the batch
gives: the same articles, and the same unreadable items (file, line, problem) for every
input in the bad-input catalogue.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from copydesk.config import load_config
from copydesk.models import Article, Unreadable
from copydesk.sources import Batch
from copydesk.sources._common import Deferred
from hardening.bad_inputs import CASES

SOURCES = load_config(None, Path.cwd()).sources
RECORDS = {name: files for name, (files, _) in CASES.items() if any(f.endswith((".jsonl", ".ndjson")) for f in files)}


def _read(item: object) -> object:
    return item.read() if isinstance(item, Deferred) else item


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_deferred_records_read_as_the_batch_reads_them(tmp_path: Path, name: str) -> None:
    for rel, data in RECORDS[name].items():
        if not rel.startswith("@"):
            (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / rel).write_bytes(data)
    sources = {**SOURCES, "max_bytes": 1000} if name == "jsonl-line-too-long" else SOURCES
    plain = list(Batch([str(tmp_path)], sources))
    later = Batch([str(tmp_path)], sources)
    first = list(later)  # the batch pass, then the scoring pass deferred, as a run reads them
    deferred = list(later.deferred())
    assert first == plain
    assert [_read(pickle.loads(pickle.dumps(item))) for item in deferred] == plain  # read in a worker
    assert [_read(item) for item in Batch([str(tmp_path)], sources).deferred()] == plain  # a first pass too


def test_a_jsonl_batch_is_deferred_record_by_record(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "Body."}\n\n{bad\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title\n\nA text article.", encoding="utf-8")
    items = list(Batch([str(tmp_path)], SOURCES).deferred())
    assert [type(i).__name__ for i in items] == ["Record", "Record", "Article"]  # a text file is read whole here
    good, bad = _read(items[0]), _read(items[1])
    assert isinstance(good, Article) and good.id == "a"
    assert isinstance(bad, Unreadable) and bad.record == 3 and bad.problem.startswith("not valid JSON")
