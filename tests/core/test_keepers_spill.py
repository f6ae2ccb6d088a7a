"""Issue 15: batch statistics on disk cross from a keeper to the run by file descriptor.

A :class:`copydesk.SpilledMap` that ``finish`` returns reaches every article's ``score``
(in the main process's scoring workers, after the keeper ended) as a SpilledMap reading
the same unnamed file, not as a copy of its contents; a plain pickle carries the bytes.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import replace
from typing import Any

import pytest
from copydesk import Article, BatchPass, Context, Document, Finding, Rule, Scorer, SpilledMap, testing
from copydesk.keepers import _pickled, _Receiving

RULE = Rule(
    code="SPL001",
    name="spilled-note",
    message="{note}",
    doc="**What it flags.** x\n\n**Why it matters.** x\n\n**Example.** x\n\n**Known problems.** x\n\n**Settings.** x",
)


def _finish(ids: list[str]) -> SpilledMap:
    return SpilledMap.build((article_id, f"note for {article_id} of {len(ids)}") for article_id in ids)


def _score(document: Document, context: Context) -> list[Finding]:
    table = context.batch
    kind = type(table).__name__
    note = table.get(document.id, "none") if table is not None else "no batch"
    return [RULE.finding(document.body, 0, 1, note=f"{kind}: {note}")]


SCORER = Scorer(
    prefix="SPL",
    name="spilled",
    rules=(RULE,),
    score=_score,
    batch=BatchPass(
        start=lambda s: [], observe=lambda st, d: st.append(d.id), finish=_finish, merge=lambda a, b: a + b
    ),
)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_spilled_map_from_finish_reaches_every_article(workers: int) -> None:
    articles = [Article(id=f"a{i}", title="", body="Plain words here. " * 5) for i in range(70)]
    reports = testing.score_batch(articles, testing.plugin_set(scorers=[SCORER]), workers=workers)
    notes = [f.message for r in reports for f in r.findings if f.code == "SPL001"]
    assert notes == [f"SpilledMap: note for a{i} of 70" for i in range(70)]


def test_the_keeper_pickles_a_spilled_map_as_its_descriptor_not_its_contents() -> None:
    table = SpilledMap.build((f"k{i}", "x" * 1000) for i in range(200))
    blob, descriptors = _pickled({"near": table})
    assert descriptors == [table.fileno()]
    assert len(blob) < 2000  # the 200 KB of records stay in the file
    received = _Receiving(blob, [os.dup(table.fileno())]).load()["near"]
    assert isinstance(received, SpilledMap) and received.fileno() != table.fileno()
    assert dict(received) == dict(table)
    plain = pickle.dumps(table)  # anywhere else (a Dask worker): the bytes go with it
    assert len(plain) > 200_000 and dict(pickle.loads(plain)) == dict(table)


def test_statistics_without_descriptors_cross_as_before() -> None:
    stats: Any = {"a": (1, 2.5), "b": replace(RULE, code="SPL002")}
    blob, descriptors = _pickled(stats)
    assert descriptors == [] and _Receiving(blob, []).load() == stats


@pytest.mark.parametrize("buckets", [None, 5])
def test_a_spilled_map_finds_every_key_and_no_other_among_blocks_and_equal_hashes(
    buckets: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys spread over many index blocks, and (with ``buckets``) hundreds sharing one hash: each finds its own value."""
    if buckets is not None:
        from copydesk import spill

        full = spill.key_hash
        monkeypatch.setattr(spill, "key_hash", lambda key: full(key) % buckets)
    items = {f"article-{i}": (i, str(i) * (i % 3)) for i in range(0, 2400, 2)}
    spilled = SpilledMap.build(items.items())
    for i in range(2400):
        key = f"article-{i}"
        assert spilled.get(key) == items.get(key), key
    assert dict(spilled) == items
