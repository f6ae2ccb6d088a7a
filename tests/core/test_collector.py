"""The garbage collector while a run scores: what the run loaded frozen, collections rarer, all restored after."""

from __future__ import annotations

import contextlib
import gc
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from copydesk import app
from copydesk.app import RunOptions, execute

SEED = Path(__file__).resolve().parents[2] / "seeds"


def test_while_articles_are_scored_the_loaded_heap_is_frozen_and_collections_rarer() -> None:
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    with app._long_lived_heap():
        assert gc.get_freeze_count() >= frozen and gc.get_freeze_count() > 0
        assert gc.get_threshold() == (max(before[0], app.COLLECT_AFTER), *before[1:])
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_collector_switched_off_stays_off() -> None:
    before = gc.get_threshold()
    gc.set_threshold(0)
    try:
        with app._long_lived_heap():
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def test_what_a_host_program_froze_stays_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with app._long_lived_heap():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_a_run_scores_its_articles_inside_the_tuned_collector(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entered: list[bool] = []
    tuned = app._long_lived_heap

    @contextlib.contextmanager
    def recording() -> Iterator[None]:
        with tuned():
            entered.append(gc.get_freeze_count() > 0)
            yield

    monkeypatch.setattr(app, "_long_lived_heap", recording)
    monkeypatch.chdir(tmp_path)
    seed = sorted(SEED.glob("*.txt"))[0]
    code = execute(RunOptions(paths=[str(seed)], outputs=[], cwd=tmp_path), io.StringIO(), lambda line: None)
    assert code in (0, 1) and entered == [True]
    assert gc.get_freeze_count() == 0
