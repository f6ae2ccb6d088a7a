"""The ledger: per-source tallies equal to the roll-up over every row, in memory bounded by the sources."""

from __future__ import annotations

import random
import statistics
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from copydesk import rollup as rollup_module
from copydesk.ledger import Ledger, SeenKeys, SourceTally
from copydesk.models import ArticleReport
from copydesk.rollup import T_QUANTILE_FILE, mean_interval, rollup, t_quantile, t_quantile_from_scipy
from hypothesis import given, settings
from hypothesis import strategies as st

SCORES = st.one_of(st.none(), st.floats(0, 100).map(lambda x: round(x, 2)), st.sampled_from([0.0, 100.0, 50.0]))
ROWS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c"]), SCORES, st.booleans(), st.lists(st.sampled_from(["X1", "Y2", "Z3", "W4"]))
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(ROWS)
def test_tallies_equal_the_rollup_over_every_row(rows: list[tuple[str, float | None, bool, list[str]]]) -> None:
    """Exact rational sums give the same mean, interval, failing share and top rules as the roll-up's lists."""
    tallies: dict[str, SourceTally] = {}
    for source, score, failing, codes in rows:
        tallies.setdefault(source, SourceTally()).add(score, failing, codes)
    got = tuple(tallies[s].summary(s, 3) for s in sorted(tallies))
    assert got == rollup(rows, top=3)


def test_interval_is_bit_identical_on_many_scores() -> None:
    """Thousands of two-decimal scores: the streamed mean and bounds are the very floats the list gives."""
    rng = random.Random(5)
    scores = [round(rng.uniform(0, 100), 2) for _ in range(5000)]
    tally = SourceTally()
    for score in scores:
        tally.add(score, False, ())
    assert tally.interval() == mean_interval(scores)
    assert tally.interval()[0] == statistics.fmean(scores)


def _report(i: int, source: str, score: float | None) -> ArticleReport:
    return ArticleReport(
        id=f"a{i}",
        title="t",
        source=None,
        score=score,
        grade="A" if score is not None else "?",
        verdict="",
        words=1,
        scorers=(),
        findings=(),
        diagnostics=(),
        index=i,
        text="body",
        source_name=source,
    )


def test_ledger_without_rows_keeps_one_tally_per_source() -> None:
    """A run that is not recorded keeps no row per article, only a tally per source."""
    ledger = Ledger(gating=False, failing_grades=frozenset({"F"}), keep_rows=False)
    for i in range(2000):
        ledger.add(_report(i, f"s{i % 3}", float(i % 100)))
    assert ledger.rows == []
    assert sorted(ledger.tallies) == ["s0", "s1", "s2"]
    assert [s.articles for s in ledger.sources()] == [667, 667, 666]
    assert ledger.articles() == ()


def test_ledger_with_rows_makes_shared_ids_unique() -> None:
    """A recorded run keeps a row per article; a repeated id gets its place in the batch."""
    ledger = Ledger(gating=False, failing_grades=frozenset())
    ledger.add(_report(0, "s", 1.0))
    ledger.add(_report(0, "s", 2.0))
    assert [a.key for a in ledger.articles()] == ["a0", "a0 #1"]


def test_seen_keys_spill_to_disk_and_stay_correct() -> None:
    """Past the limit the ids move to a temporary database: membership is unchanged, memory holds none."""
    seen = SeenKeys(limit=100)
    for i in range(1000):
        assert f"id{i}" not in seen
        seen.add(f"id{i}")
        seen.add(f"id{i}")  # adding twice is harmless
        assert len(seen.memory) < 100
    assert all(f"id{i}" in seen for i in range(0, 1000, 37))
    assert "id1000" not in seen
    assert len(seen) == 1000
    seen.close()
    assert "id1" not in seen


def test_seen_keys_under_the_limit_use_no_database() -> None:
    """A small run never opens SQLite."""
    seen = SeenKeys(limit=100)
    for i in range(99):
        seen.add(str(i))
    assert seen.disk is None and "5" in seen and len(seen) == 99


def test_t_quantile_table_is_scipys() -> None:
    """Every tabled quantile is scipy's float for that many degrees of freedom (rebuild: scripts/build_student_t.py)."""
    import numpy as np
    from copydesk.rollup import T_QUANTILE_MAX_DF, _t_quantiles
    from scipy.special import stdtrit

    quantiles = _t_quantiles()
    assert quantiles is not None
    table = np.array(quantiles)
    assert len(table) == T_QUANTILE_MAX_DF
    assert np.array_equal(table, stdtrit(np.arange(1, T_QUANTILE_MAX_DF + 1), 0.975))
    for df in [*range(1, 40), 99, 1000, 12345, 65536, T_QUANTILE_MAX_DF, T_QUANTILE_MAX_DF + 1]:
        assert t_quantile(df) == t_quantile_from_scipy(df), df


@pytest.fixture
def fresh_table() -> Iterator[None]:
    """Forget the table read so far, before and after the test (which may point it at another file)."""
    rollup_module._t_quantiles.cache_clear()
    yield
    rollup_module._t_quantiles.cache_clear()


BAD_TABLES = {
    "truncated": lambda good: good[: len(good) // 2],  # zlib: "Error -5 ... incomplete or truncated stream"
    "not zlib": lambda good: b"not a zlib stream",
    "too short": lambda good: zlib.compress(zlib.decompress(good)[:-8]),  # 99,999 quantiles
    "ragged": lambda good: zlib.compress(zlib.decompress(good) + b"\0"),  # not a whole number of doubles
}


@pytest.mark.parametrize("bad", [*BAD_TABLES, "missing"])
@pytest.mark.usefixtures("fresh_table")
def test_a_bad_table_falls_back_to_scipy_and_the_interval_is_unchanged(
    bad: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A truncated, corrupt, wrong-sized or missing quantile file costs a warning, not the run: scipy's values are the same."""
    rng = random.Random(7)
    tally = SourceTally()
    for _ in range(40):
        tally.add(round(rng.uniform(20, 90), 2), False, ())
    from_table = tally.interval()
    assert from_table[1] is not None
    copy = tmp_path / "student_t975.bin"
    if bad != "missing":
        copy.write_bytes(BAD_TABLES[bad](T_QUANTILE_FILE.read_bytes()))
    monkeypatch.setattr(rollup_module, "T_QUANTILE_FILE", copy)
    rollup_module._t_quantiles.cache_clear()
    assert tally.interval() == from_table
    assert rollup_module._t_quantiles() is None
    assert all(t_quantile(df) == t_quantile_from_scipy(df) for df in (1, 2, 39, 1000))
    assert f"{copy}" in caplog.text and "come from scipy" in caplog.text


def test_interval_needs_no_scipy() -> None:
    """A source's interval reads the table: scipy's import (python -X importtime -c "import scipy.special") stays out of the run."""
    import subprocess

    code = (
        "import sys; from copydesk.ledger import SourceTally; from copydesk.rollup import mean_interval;"
        "t = SourceTally(); [t.add(float(i % 97), False, ()) for i in range(3000)]; t.interval();"
        "mean_interval([1.0, 2.0, 4.0]); print('scipy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
