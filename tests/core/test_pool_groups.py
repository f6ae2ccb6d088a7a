"""Issue 15: the scoring pass sends a worker several articles per job (``pool.GROUP``).

A scorer that exits, kills its worker or raises ``SystemExit`` on one article of a group
still costs only its own result on that article; the articles before and after it in
the group are scored as if nothing happened, and the reports come back in input order.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace

import pytest
from copydesk import Context, Document, Finding, Rule, Scorer
from copydesk.pool import AHEAD, GROUP, Group, Pool, tail_size
from copydesk.testing import article, score_batch
from copydesk.testing import plugin_set as plugins

RULE = Rule("GRP001", "group-word", "Word found")


def _faulty(fault: str) -> Scorer:
    def score(document: Document, context: Context) -> list[Finding]:
        if "FAULT" in document.body.text:
            if fault == "exit":
                os._exit(7)
            if fault == "system-exit":
                sys.exit(3)
            if fault == "hang":
                time.sleep(30)
        return [RULE.finding(document.body, 0, 4)]

    return Scorer("GRP", "group", (RULE,), score)


def _outcome(report: object) -> object:
    return (
        report.id,  # type: ignore[attr-defined]
        report.score,  # type: ignore[attr-defined]
        report.findings,  # type: ignore[attr-defined]
        tuple(replace(s, seconds=0.0) for s in report.scorers),  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize("fault", ["exit", "system-exit"])
@pytest.mark.parametrize("workers", [1, 2])
def test_a_scorer_failing_inside_a_group_costs_only_its_result_on_that_article(fault: str, workers: int) -> None:
    count = GROUP * 2 + 3
    struck = {1, GROUP + GROUP // 2, count - 1}  # early in a group, in the middle of another, the last article
    bodies = [f"Body {i} of an article{' FAULT' if i in struck else ''}, the source said." for i in range(count)]
    articles = [article(body, id=f"a{i}") for i, body in enumerate(bodies)]
    clean = [article(body.replace(" FAULT", " fault"), id=f"a{i}") for i, body in enumerate(bodies)]
    reports = score_batch(articles, plugins(scorers=[_faulty(fault)]), workers=workers)
    reference = score_batch(clean, plugins(scorers=[_faulty(fault)]), workers=workers)
    assert [r.id for r in reports] == [f"a{i}" for i in range(count)]
    for i, (report, same) in enumerate(zip(reports, reference, strict=True)):
        if i in struck:
            assert [d.code for d in report.diagnostics] == ["CD001"], i
            assert [s.prefix for s in report.scorers if s.error] == ["GRP"]
        else:
            assert _outcome(report) == _outcome(replace(same, id=report.id)), i


def _sizes(workers: int, count: int) -> list[int]:
    """The number of articles in each job the pool hands out for ``count`` articles (no worker started)."""
    pool = Pool(None, workers, 0.0)  # type: ignore[arg-type]  # _fresh reads no runner
    pool.group = GROUP
    source = iter((i, article(f"Body {i}.", id=f"a{i}")) for i in range(count))
    sizes, handed = [], []
    while (job := pool._fresh(source)) is not None:
        items = job.item.items if isinstance(job.item, Group) else ((job.index, job.item),)
        sizes.append(len(items))
        handed.extend(index for index, _ in items)
    assert handed == list(range(count))  # every article once, in input order
    return sizes


def test_the_last_articles_go_out_in_smaller_groups_so_two_workers_end_together() -> None:
    sizes = _sizes(2, 100)
    assert sizes[:4] == [GROUP] * 4  # whole groups while the end is not in sight
    assert sizes[-3:] == [1, 1, 1]  # the last jobs are single articles
    assert sizes == sorted(sizes, reverse=True)  # never a larger job after a smaller one
    assert tail_size(32, GROUP, 2) == GROUP and tail_size(9, GROUP, 2) == 3 and tail_size(1, GROUP, 2) == 1


def test_one_worker_gets_whole_groups_to_the_end() -> None:
    assert _sizes(1, 100) == [GROUP] * 12 + [4]  # nothing to balance: no more messages than needed


@pytest.mark.parametrize("fault", ["exit", "system-exit", "hang"])
def test_a_worker_lost_with_its_next_job_already_sent_costs_only_the_culprits_result(fault: str) -> None:
    count = AHEAD * GROUP * 2 * 3  # long enough that busy workers are sent their next job before they finish
    struck = {GROUP * 3 + 2, GROUP * 6 + 7}  # far from the end: the next job was sent while this one ran
    bodies = [f"Body {i} of an article{' FAULT' if i in struck else ''}, the source said." for i in range(count)]
    articles = [article(body, id=f"a{i}") for i, body in enumerate(bodies)]
    clean = [article(body.replace(" FAULT", " fault"), id=f"a{i}") for i, body in enumerate(bodies)]
    settings = {"run": {"article_timeout": 1}}
    reports = score_batch(articles, plugins(scorers=[_faulty(fault)]), settings, workers=2)
    reference = score_batch(clean, plugins(scorers=[_faulty(fault)]), settings, workers=2)
    assert [r.id for r in reports] == [f"a{i}" for i in range(count)]
    for i, (report, same) in enumerate(zip(reports, reference, strict=True)):
        if i in struck:
            assert [d.code for d in report.diagnostics] == ["CD001"], i
            assert [s.prefix for s in report.scorers if s.error] == ["GRP"]
        else:
            assert _outcome(report) == _outcome(replace(same, id=report.id)), i


class _LateSend:
    """A worker's pipe whose ``send`` first waits for the worker to end (see the test below)."""

    def __init__(self, conn: object, process: object, before: object) -> None:
        self.conn, self.process, self.before, self.sent = conn, process, before, 0

    def send(self, job: object) -> None:
        self.before(self)
        self.sent += 1
        self.conn.send(job)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.conn, name)


def _indices(job: object) -> set[int]:
    item = getattr(job, "item", None)
    return {i for i, _ in item.items} if isinstance(item, Group) else {getattr(job, "index", -1)}


@pytest.mark.parametrize("moment", ["queued", "idle"])
def test_a_job_that_cannot_be_sent_to_a_worker_that_just_ended_is_scored_elsewhere(
    moment: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fresh-clone CI of session 25: the next job sent to a worker that had just exited raised BrokenPipeError.

    The race is made certain here: the send waits until the worker has ended, (queued) the
    worker scoring an article its scorer exits on, or (idle) the very first worker,
    killed before its first job. The run goes on; only the culprit's result is lost.
    """
    count = AHEAD * GROUP * 2 * 3
    struck = {GROUP * 3 + 2} if moment == "queued" else set()
    bodies = [f"Body {i} of an article{' FAULT' if i in struck else ''}, the source said." for i in range(count)]
    articles = [article(body, id=f"a{i}") for i, body in enumerate(bodies)]
    clean = [article(body.replace(" FAULT", " fault"), id=f"a{i}") for i, body in enumerate(bodies)]
    reference = score_batch(clean, plugins(scorers=[_faulty("exit")]), workers=2)
    spawn, workers, broken = Pool._spawn, [], []

    def late(pipe: _LateSend) -> None:
        worker = next(w for w in workers if w.conn is pipe)
        if moment == "idle" and worker is workers[0] and pipe.sent == 0:
            pipe.process.kill()  # type: ignore[attr-defined]
        elif moment == "queued" and worker.queued is not None and struck & _indices(worker.job):
            pass
        else:
            return
        pipe.process.join(10)  # type: ignore[attr-defined]
        broken.append(moment)

    def spawned(pool: Pool) -> object:
        worker = spawn(pool)
        worker.conn = _LateSend(worker.conn, worker.process, late)  # type: ignore[assignment]
        workers.append(worker)
        return worker

    monkeypatch.setattr(Pool, "_spawn", spawned)
    reports = score_batch(articles, plugins(scorers=[_faulty("exit")]), workers=2)
    assert broken  # the send met a worker that had ended
    assert [r.id for r in reports] == [f"a{i}" for i in range(count)]
    for i, (report, same) in enumerate(zip(reports, reference, strict=True)):
        if i in struck:
            assert [d.code for d in report.diagnostics] == ["CD001"], i
        else:
            assert _outcome(report) == _outcome(same), i


def test_widening_a_pipe_that_is_no_socket_leaves_no_file_descriptor_open() -> None:
    """Review of session 25: ``processes.widen`` on a plain pipe keeps its size and closes the duplicate it made."""
    import os

    from copydesk import processes

    read, write = os.pipe()

    class Plain:
        def fileno(self) -> int:
            return read

    try:
        before = len(os.listdir("/proc/self/fd"))
        for _ in range(5):
            processes.widen(Plain())
        assert len(os.listdir("/proc/self/fd")) == before
    finally:
        os.close(read)
        os.close(write)
