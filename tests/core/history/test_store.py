"""The run history on SQLite and PostgreSQL: record, list, read back, trend, diff, compare, concurrent writers."""

from __future__ import annotations

import multiprocessing
from typing import Any

import pytest
from copydesk.history import FindingChange, HistoryError, open_history
from history_support import make_run

MON = "2024-05-06T09:00:00Z"
TUE = "2024-05-07T09:00:00+00:00"
WED = "2024-05-08T09:00:00Z"

RUN_MON = {
    "wire/1": ("wire", 90.0, "A", {"HDG001": 1}),
    "wire/2": ("wire", 80.0, "B", {}),
    "blog/1": ("blog", 40.0, "D", {"TPL001": 2, "FIG001": 1}),
}
RUN_TUE = {
    "wire/1": ("wire", 70.0, "C", {"HDG001": 3, "FIG002": 1}),
    "wire/2": ("wire", 80.0, "B", {}),
    "blog/1": ("blog", 45.0, "D", {"TPL001": 1}),
    "blog/2": ("blog", None, "?", {}),
}


def test_a_recorded_run_reads_back_whole(db_url: str) -> None:
    run = make_run(TUE, RUN_TUE)
    with open_history(db_url) as history:
        run_id = history.record(run)
        stored = history.run(run_id)
    assert stored.run_id == run_id
    assert stored.record == run
    assert stored.record.when == "2024-05-07T09:00:00Z"
    blog = stored.record.sources[0]
    assert (blog.source, blog.articles, blog.scored, blog.mean, blog.failing) == ("blog", 2, 1, 45.0, 2)


def test_runs_are_numbered_in_order_and_listed_newest_first(db_url: str) -> None:
    with open_history(db_url) as history:
        ids = [history.record(make_run(when, spec)) for when, spec in ((MON, RUN_MON), (TUE, RUN_TUE), (WED, RUN_MON))]
        listing = history.runs()
        assert history.runs(limit=1) == listing[:1]
        last = history.run("last")
    assert ids == sorted(ids) and len(set(ids)) == 3
    assert [entry.run_id for entry in listing] == ids[::-1]
    assert [entry.when for entry in listing] == [WED, "2024-05-07T09:00:00Z", MON]
    newest = listing[0]
    assert (newest.articles, newest.version, newest.commit, newest.config_digest) == (
        3,
        "0.1.0",
        "abc123",
        "sha256:cfg",
    )
    assert newest.mean_score == pytest.approx(70.0)
    assert listing[1].mean_score == pytest.approx((70 + 80 + 45) / 3)  # the unscored article is left out
    assert last.run_id == ids[-1]


def test_the_history_outlives_the_connection(db_url: str) -> None:
    with open_history(db_url) as history:
        history.record(make_run(MON, RUN_MON))
    with open_history(db_url) as history:
        assert [entry.when for entry in history.runs(limit=None)] == [MON]


@pytest.mark.parametrize(
    ("ref", "problem"),
    [
        ("last", "no run recorded yet"),
        ("passing", "no run whose gate passed recorded yet, so there is no 'passing' run"),
        (7, "no run 7 in the history"),
        ("7", "no run 7"),
        ("yesterday", "neither a run number nor 'last' or 'passing'"),
    ],
)
def test_an_unknown_run_is_a_history_error(db_url: str, ref: Any, problem: str) -> None:
    with open_history(db_url) as history, pytest.raises(HistoryError, match=problem):
        history.run(ref)


def test_passing_names_the_last_check_run_whose_gate_passed(db_url: str) -> None:
    """``--compare passing`` (review 11, item 7): a failed night is never the next night's base."""
    import dataclasses

    def checked(when: str, passed: bool | None, command: str = "check") -> Any:
        return dataclasses.replace(make_run(when, RUN_MON), command=command, passed=passed)

    with open_history(db_url) as history:
        history.record(checked(MON, True))
        history.record(checked(TUE, False))
        assert (history.resolve("passing"), history.resolve("last")) == (1, 2)
        history.record(checked(WED, None, "score"))  # a score run has no gate to pass
        history.record(checked(WED, True))
        history.record(checked(WED, False))
        assert (history.resolve("passing"), history.resolve("last")) == (4, 5)
        assert [history.run(n).record.passed for n in (1, 2, 3)] == [True, False, None]


def test_trend_gives_each_sources_mean_per_run_oldest_first(db_url: str) -> None:
    with open_history(db_url) as history:
        first = history.record(make_run(MON, RUN_MON))
        second = history.record(make_run(TUE, RUN_TUE))
        trend = history.trend()
        only_wire = history.trend("wire")
        nothing = history.trend("nowhere")
    assert sorted(trend) == ["blog", "wire"]
    assert [(p.run_id, p.when, p.mean) for p in trend["wire"]] == [
        (first, MON, 85.0),
        (second, "2024-05-07T09:00:00Z", 75.0),
    ]
    assert [p.mean for p in trend["blog"]] == [40.0, 45.0]
    assert only_wire == {"wire": trend["wire"]}
    assert nothing == {}


def test_trend_keeps_each_sources_latest_runs_when_asked(db_url: str) -> None:
    only_blog = {"blog/1": ("blog", 30.0, "D", {})}
    with open_history(db_url) as history:
        ids = [
            history.record(make_run(when, spec)) for when, spec in ((MON, RUN_MON), (TUE, RUN_TUE), (WED, only_blog))
        ]
        latest = history.trend(last=2)
        wire_only = history.trend("wire", last=1)
        everything = history.trend(last=None)
    assert [(p.run_id, p.mean) for p in latest["blog"]] == [(ids[1], 45.0), (ids[2], 30.0)]
    assert [(p.run_id, p.mean) for p in latest["wire"]] == [(ids[0], 85.0), (ids[1], 75.0)]  # its own latest two
    assert [(p.run_id, p.mean) for p in wire_only["wire"]] == [(ids[1], 75.0)] and list(wire_only) == ["wire"]
    assert [p.mean for p in everything["blog"]] == [40.0, 45.0, 30.0]


def test_diff_lists_grade_changes_and_findings_that_appeared_or_went_away(db_url: str) -> None:
    with open_history(db_url) as history:
        a = history.record(make_run(MON, RUN_MON))
        b = history.record(make_run(TUE, RUN_TUE, digests={"wire/1": "sha256:edited"}))
        diff = history.diff(a, b)
        same = history.diff(b, "last")
    assert (diff.run_a, diff.run_b) == (a, b)
    (change,) = diff.grade_changes
    assert (change.key, change.grade_a, change.grade_b, change.score_a, change.score_b, change.edited) == (
        "wire/1", "A", "C", 90.0, 70.0, True,
    )  # fmt: skip
    assert diff.appeared == (FindingChange("wire/1", "FIG002", 0, 1), FindingChange("wire/1", "HDG001", 1, 3))
    assert diff.went_away == (FindingChange("blog/1", "FIG001", 1, 0), FindingChange("blog/1", "TPL001", 2, 1))
    assert (diff.only_a, diff.only_b) == ((), ("blog/2",))
    assert (same.grade_changes, same.appeared, same.went_away, same.only_a, same.only_b) == ((), (), (), (), ())


@pytest.mark.parametrize(
    ("max_drop", "max_fail_rise", "expected"),
    [
        # wire: mean 85 -> 75 (10 points); blog: failing 1/1 -> 2/2 (no rise), mean 40 -> 45
        (5.0, 0.0, [("wire", "mean", 10.0)]),
        (10.0, 0.0, []),
        (9.99, 0.5, [("wire", "mean", 10.0)]),
    ],
)
def test_compare_reports_sources_that_regressed(
    db_url: str, max_drop: float, max_fail_rise: float, expected: list[tuple[str, str, float]]
) -> None:
    with open_history(db_url) as history:
        base = history.record(make_run(MON, RUN_MON))
        history.record(make_run(TUE, RUN_TUE))
        found = history.compare("last", base, max_drop, max_fail_rise)
    assert [(r.source, r.what, pytest.approx(r.by)) for r in found] == expected


def test_compare_sees_a_rise_in_the_failing_share(db_url: str) -> None:
    worse = {**RUN_MON, "wire/2": ("wire", 50.0, "D", {"HDG001": 1})}
    with open_history(db_url) as history:
        base = history.record(make_run(MON, RUN_MON))
        new = history.record(make_run(TUE, worse))
        found = history.compare(new, base, max_drop=100.0, max_fail_rise=0.25)
    (regression,) = found
    assert (regression.source, regression.what, regression.base, regression.new, regression.by) == (
        "wire",
        "failing",
        0.0,
        0.5,
        0.5,
    )
    assert regression.message == "source 'wire': share failing rose 50.0% (0.0% -> 50.0%; allowed 25.0%)"


def _record_runs(url: str, name: str, start: Any, errors: Any, count: int) -> None:
    """Child process: wait for the other writer, then record ``count`` runs."""
    try:
        start.wait(timeout=60)
        with open_history(url, timeout=30) as history:
            for i in range(count):
                history.record(
                    make_run(
                        f"2024-05-0{i + 1}T00:00:00Z",
                        {f"{name}/{k}": ("wire", 50.0 + k, "C", {"HDG001": k}) for k in range(20)},
                    )
                )
    except BaseException as exc:
        errors.put(f"{name}: {exc!r}")
        raise


def test_two_processes_recording_at_once_are_both_recorded(db_url: str) -> None:
    """Both writers also race to create the schema: the database starts empty."""
    ctx = multiprocessing.get_context("fork")
    start, errors = ctx.Barrier(2), ctx.Queue()
    writers = [ctx.Process(target=_record_runs, args=(db_url, name, start, errors, 5)) for name in ("left", "right")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert errors.empty(), errors.get()
    assert [writer.exitcode for writer in writers] == [0, 0]
    with open_history(db_url) as history:
        entries = history.runs(limit=None)
        owners = {history.run(e.run_id).record.articles[0].key.split("/")[0] for e in entries}
    assert len(entries) == 10 and len({e.run_id for e in entries}) == 10
    assert all(e.articles == 20 for e in entries)
    assert owners == {"left", "right"}
