"""Issue 15: the boilerplate and figures batch passes hold a bounded state, whatever the batch's size.

Past a fixed number of rows the state moves to unnamed temporary files (boilerplate's
signatures, ids and hashes) or SQLite's private temporary database (figures' records and
values), and the finished statistics are a :class:`copydesk.SpilledMap` on disk. The
results equal the ones computed with everything in memory, and no file is left behind.
"""

from __future__ import annotations

import os
import pickle
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from copydesk import Document, SpilledMap
from copydesk.plugins import boilerplate, figures
from copydesk.plugins.boilerplate import batch as tpl
from copydesk.plugins.boilerplate import hashing
from copydesk.plugins.figures import batch as fig
from copydesk.testing import document

REPO = Path(__file__).resolve().parents[2]
TPL = boilerplate.copydesk_scorers()[0].settings
FIG = figures.SETTINGS


def generated(count: int, seed: int = 7) -> list[Document]:
    """``scripts/bench.py``'s batch: the seeds' lines shuffled, so nearly every article is a near duplicate."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8").split("\n") for p in sorted((REPO / "seeds").glob("*.txt"))]
    docs = []
    for i in range(count):
        title, *body = seeds[i % len(seeds)]
        rng.shuffle(body)
        docs.append(document("\n".join(body), f"{title} #{i}", f"gen-{i % (count - 3)}"))  # three ids twice
    return docs


def chunked(module: Any, settings: Any, docs: list[Document], size: int = 64) -> Iterator[Any]:
    """The running state after each chunk is merged, as a keeper merges them (each chunk pickled)."""
    state = None
    for begin in range(0, len(docs), size):
        chunk = module.start(settings)
        for doc in docs[begin : begin + size]:
            module.observe(chunk, doc)
        later = pickle.loads(pickle.dumps(chunk))
        state = later if state is None else module.merge(state, later)
        yield state


def _open_files() -> set[str]:
    """What this process's descriptors point at."""
    found = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            found.add(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            pass
    return found


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary directory of the test's own, for every temporary file made (SQLite's too)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("SQLITE_TMPDIR", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    return tmp_path


def test_boilerplate_state_holds_a_bounded_number_of_rows_and_finishes_as_in_memory(
    monkeypatch: pytest.MonkeyPatch, private_tmp: Path
) -> None:
    docs = generated(400)
    whole = tpl.finish(list(chunked(tpl, TPL, docs, size=len(docs)))[-1])  # one chunk: 400 rows, below the spill
    monkeypatch.setattr(hashing, "_SPILL_ROWS", 16)
    for state in chunked(tpl, TPL, docs):
        assert len(state.store._sigs) < 16 and len(state.store._records) < 16 and len(state.log._held) < 16
    assert state.store.count == 400 and state.store.spilled > 380 and state.log.count == 400
    monkeypatch.setattr(tpl, "_RECORDS_AT", 7)  # the records' keys looked up 7 articles at a time
    spilled = tpl.finish(state)
    assert (spilled.keys == whole.keys).all() and (spilled.counts == whole.counts).all()
    assert dict(spilled.near) == dict(whole.near) and len(spilled.near) > 300
    assert isinstance(spilled.near, SpilledMap)
    # Each article's record, its signature row renumbered by the merges: as one chunk finds it.
    assert dict(spilled.records) == dict(whole.records) and len(spilled.records) == 397  # three ids twice
    assert sum(value is None for value in spilled.records.values()) == 3
    assert list(private_tmp.iterdir()) == []  # the files have no name


def test_spilled_signatures_find_the_same_near_duplicates(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    bases = rng.integers(0, 2**32, size=(6, hashing.PERMUTATIONS), dtype=np.uint32)
    rows = []
    for i in range(120):
        sig = bases[rng.integers(0, len(bases))].copy()
        changed = rng.integers(0, hashing.PERMUTATIONS, size=int(rng.integers(0, 30)))
        sig[changed] = rng.integers(0, 4, size=len(changed), dtype=np.uint32)
        rows.append((f"a{i % 100}", sig))
    memory = hashing.SignatureStore()
    for article_id, sig in rows:
        memory.add(article_id, sig)
    monkeypatch.setattr(hashing, "_SPILL_ROWS", 7)
    disk = hashing.SignatureStore()
    for article_id, sig in rows:
        disk.add(article_id, sig, np.array([len(article_id)], dtype=np.uint64))
    assert disk.spilled == 119 and memory.spilled == 0
    assert (disk.matrix() == memory.matrix()).all() and disk.ids == memory.ids
    assert disk.hashes(5).tolist() == [2] and disk.hashes(119).tolist() == [3]
    for threshold in (0.0, 0.5, 0.8):
        assert hashing.near_duplicates(disk, threshold) == hashing.near_duplicates(memory, threshold)


@pytest.mark.parametrize("spill", [7, 1024])
def test_signature_rows_read_a_run_at_a_time_are_the_matrixs_rows(spill: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows on disk (runs of consecutive rows read at once) and in memory (stacked) are those rows of the matrix."""
    monkeypatch.setattr(hashing, "_SPILL_ROWS", spill)
    rng = np.random.default_rng(5)
    store = hashing.SignatureStore()
    for i in range(60):
        store.add(f"a{i}", rng.integers(0, 2**32, size=hashing.PERMUTATIONS, dtype=np.uint32))
    assert store.spilled == (56 if spill == 7 else 0)
    whole = store.matrix()
    picks = [[], [0], [59], [55, 56], list(range(60)), [0, 1, 2, 5, 6, 20, 54, 55, 56, 57, 59]]
    picks += [sorted(rng.choice(60, size=int(rng.integers(1, 60)), replace=False).tolist()) for _ in range(20)]
    for rows in picks:
        got = store.rows(np.array(rows, dtype=np.intp))
        assert got.dtype == np.uint32 and got.shape == (len(rows), hashing.PERMUTATIONS)
        assert (got == whole[rows]).all(), rows


def test_figures_state_moves_records_to_sqlite_and_finishes_as_in_memory(
    monkeypatch: pytest.MonkeyPatch, private_tmp: Path
) -> None:
    docs = generated(400)
    whole = fig.finish(list(chunked(fig, FIG, docs, size=len(docs)))[-1])
    monkeypatch.setattr(fig, "SPILL_AT", 32)
    for state in chunked(fig, FIG, docs):
        assert len(state.records) + len(state.values) < 32 and len(state.verdicts) < 32
    assert state.spill is not None and state.spill.values > 360
    spilled = fig.finish(state)
    assert isinstance(spilled, SpilledMap) and len(spilled) > 50
    assert dict(spilled) == dict(whole)
    # each distinct text's verdicts, kept once, beside the contradictions
    texts = {fig.verdicts_key(doc.body.text, FIG) for doc in docs}
    assert {key for key in spilled if key.startswith(fig.VERDICTS)} == texts
    assert list(private_tmp.iterdir()) == []


def test_a_spilled_state_pickles_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fig, "SPILL_AT", 8)
    state = list(chunked(fig, FIG, generated(100), size=100))[-1]
    assert state.spill is not None
    copy = pickle.loads(pickle.dumps(state))
    assert copy.spill is not None and copy.spill is not state.spill  # its own database, filled from the bytes
    assert copy.articles == 100 and copy.spill.values + len(copy.values) == 100
    assert dict(fig.finish(copy)) == dict(fig.finish(state))


def test_spilled_map_looks_up_every_key_and_nothing_else() -> None:
    items = [(f"id-{i}", (f"other-{i}", i / 64)) for i in range(3000)] + [("\ud800 lone", ("x", 1.0)), ("", ("e", 0.5))]
    table = SpilledMap.build(items)
    assert len(table) == len(items) and dict(table) == dict(items)
    assert all(table[key] == value for key, value in items)
    assert table.get("id-3000") is None and "id-1" in table and "id-" not in table
    assert dict(pickle.loads(pickle.dumps(table))) == dict(items)  # a plain pickle carries the bytes
    assert not SpilledMap.build([]) and SpilledMap.build([]).get("x") is None


def test_spilled_map_file_has_no_name_and_closes_with_the_map() -> None:
    table = SpilledMap.build([("a", 1)])
    target = os.readlink(f"/proc/self/fd/{table.fileno()}")
    assert target.endswith("(deleted)")
    del table
    assert target not in _open_files()


def test_hash_counter_moves_distinct_hashes_to_sorted_runs_and_counts_as_in_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(5)
    common = rng.integers(0, 2**64, size=40, dtype=np.uint64)  # repeated across articles
    articles = []
    for _ in range(300):
        own = rng.integers(0, 2**64, size=20, dtype=np.uint64)  # distinct to each article
        picked = common[rng.integers(0, len(common), size=10)]
        articles.append(hashing.unique(np.concatenate([own, picked, np.array([2**64 - 1, 0], dtype=np.uint64)])))
    memory = hashing.HashCounter()
    for hashes in articles:
        memory.add(hashes)
    monkeypatch.setattr(hashing, "_KEYS_MAX", 100)
    disk = hashing.HashCounter(flush_at=64)
    for begin in range(0, len(articles), 16):  # chunks merged as a keeper merges them
        chunk = hashing.HashCounter()
        for hashes in articles[begin : begin + 16]:
            chunk.add(hashes)
        disk.merge(pickle.loads(pickle.dumps(chunk)))
        assert len(disk.keys) < 100
    assert len(disk._runs) > 10
    for minimum in (1, 2, 5):
        keys, counts = disk.repeated(minimum)
        expected_keys, expected_counts = memory.repeated(minimum)
        assert keys.tolist() == expected_keys.tolist() and counts.tolist() == expected_counts.tolist()
    assert disk.repeated(2)[0].tolist()[-1] == 2**64 - 1 and disk.repeated(300)[0].tolist() == [0, 2**64 - 1]
