"""Issue 15 item 3: scale-out on a real Dask cluster (two worker processes) gives byte-identical reports.

The cluster is a ``distributed.LocalCluster`` with two worker processes, started once
for the module; ``copydesk score --executor dask://...`` runs against it as a separate
process, as a user's would, and its output is compared byte for byte with a local run.
"""

from __future__ import annotations

import io
import json
import pickle
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from copydesk import app, scale, testing
from copydesk.errors import PluginMismatch
from copydesk.formats.json import JsonlWriter, JsonWriter
from copydesk.formats.schema import article_dict
from copydesk.formats.writers import Renderer
from copydesk.manager import load_plugins
from copydesk.models import ArticleReport, RunInfo
from copydesk.pool import Rendered
from copydesk.runner import Runner
from copydesk.scale import Part, RunSpec, _jsonl_parts, read_part
from copydesk.sources import Batch

REPO = Path(__file__).resolve().parents[2]
distributed = pytest.importorskip("distributed")
#: A plugin the cluster's workers do not load.
LOADED_WORDS = ("loaded-words", "loaded-words", "0.1.0", ("LW001",))


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, host="127.0.0.1"
    )
    try:
        yield "dask://" + cluster.scheduler_address.removeprefix("tcp://")
    finally:
        cluster.close()


def records(count: int, seed: int = 5) -> list[dict[str, str]]:
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8").split("\n") for p in sorted((REPO / "seeds").glob("*.txt"))]
    rows = []
    for i in range(count):
        title, *body = seeds[i % len(seeds)]
        if i % 5:
            rng.shuffle(body)
        rows.append({"id": f"r{i}", "title": title, "text": "\n".join(body), "source": f"site{i % 3}"})
    return rows


def score(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "copydesk", "score", "-f", "json", *args],
        capture_output=True,
        check=False,
        env=testing.python_env(),
        cwd=REPO,
    )


def test_a_two_worker_cluster_gives_the_local_run_byte_for_byte(tmp_path: Path, scheduler: str) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = [json.dumps(r) for r in records(300)]
    lines[7] = "{not json"  # an unreadable record, named by its line on the cluster too
    lines.insert(20, "")  # a blank line: the line numbers after it must still be right
    batch.write_text("\n".join(lines) + "\n")
    extra = tmp_path / "one.txt"
    extra.write_text("A title\n" + "Officials said the plan may work. " * 30)  # read by the client, shipped
    local = score("-j", "2", str(batch), str(extra))
    cluster = score("--executor", scheduler, str(batch), str(extra))
    assert local.returncode == cluster.returncode == 2, cluster.stderr  # exit 2: the unreadable record
    assert cluster.stdout == local.stdout
    assert cluster.stderr == local.stderr
    assert len(json.loads(cluster.stdout)["articles"]) == 301  # 300 records (one unreadable) and the text file


def test_parquet_row_groups_are_read_by_the_workers_and_score_as_locally(tmp_path: Path, scheduler: str) -> None:
    path = tmp_path / "batch.parquet"
    pq.write_table(pa.Table.from_pylist(records(150)), path, row_group_size=16)
    local = score(str(path))
    cluster = score("--executor", scheduler, str(path))
    assert local.returncode == cluster.returncode and cluster.returncode in (0, 1), cluster.stderr
    assert cluster.stdout == local.stdout


def test_jsonl_partitions_read_back_every_record_with_its_line_number(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps(r) for r in records(120)]
    lines[3:3] = ["", "   ", "[1]"]
    path.write_text("\n".join(lines) + "\n")
    sources = testing.config().sources
    parts = list(_jsonl_parts(str(path), path.as_posix(), 20_000))
    assert len(parts) > 5
    whole = list(Batch([str(path)], sources))
    read = [item for part in parts for item in read_part(part, sources)]
    assert read == whole
    assert [type(i).__name__ for i in read[2:5]] == ["Article", "Unreadable", "Article"]


def test_the_scoring_pass_cuts_jsonl_finer_than_the_batch_pass_and_reads_the_same_records(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records(400)))
    sources = testing.config().sources
    batch = Batch([str(path)], sources)
    coarse = list(scale.partitions(batch, sources, 2))
    fine = list(scale.partitions(batch, sources, 2, scale.FINER))
    assert len(fine) >= 3 * len(coarse) > 3  # smaller tasks at the end of the scoring pass: the workers end together
    assert [item for part in fine for item in read_part(part, sources)] == list(Batch([str(path)], sources))


def test_a_file_with_classic_mac_line_breaks_is_one_partition(tmp_path: Path) -> None:
    path = tmp_path / "mac.jsonl"
    path.write_bytes(b"\r".join(json.dumps(r).encode() for r in records(50)) + b"\r")
    assert list(_jsonl_parts(str(path), "mac.jsonl", 4096)) == [Part("jsonl", str(path), "mac.jsonl")]


def test_score_collection_scores_a_dask_bag_and_dataframe_like_the_command_line(tmp_path: Path, scheduler: str) -> None:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    from copydesk.scale import score_collection

    rows = records(90)
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in rows))
    expected = json.loads(score(str(batch)).stdout)["articles"]
    with distributed.Client(scheduler.replace("dask://", "tcp://")):
        from_bag = score_collection(db.from_sequence(rows, npartitions=4)).compute()
        from_frame = score_collection(dd.from_pandas(pd.DataFrame(rows), npartitions=3)).compute()
    for reports in (from_bag, from_frame):
        assert [r.index for r in reports] == list(range(90))
        got = [article_dict(r) for r in reports]
        assert [(a["id"], a["score"], [f["message"] for f in a["findings"]]) for a in got] == [
            (a["id"], a["score"], [f["message"] for f in a["findings"]]) for a in expected
        ]


def test_the_python_example_of_scale_md_writes_the_jsonl_lines_of_the_command_line(tmp_path: Path) -> None:
    import dask
    import dask.bag as db
    from copydesk.formats.schema import jsonl_line
    from copydesk.scale import score_collection

    rows = records(12)
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert score("-f", f"jsonl:{tmp_path / 'cli.jsonl'}", str(batch)).returncode == 0
    expected = (tmp_path / "cli.jsonl").read_text().splitlines()
    with dask.config.set(scheduler="synchronous"):
        reports = score_collection(db.from_sequence(rows, npartitions=3))
        reports.map(jsonl_line).to_textfiles(str(tmp_path / "out" / "*.jsonl"))  # as docs/scale.md shows
    written = [line for path in sorted((tmp_path / "out").glob("*.jsonl")) for line in path.read_text().splitlines()]
    # the same lines, but that score_collection's articles come from "<dask>", not from a file
    where = (json.dumps(str(batch)), '"format":"jsonl"'), ('"<dask>"', '"format":"dask"')
    assert written == [line.replace(where[0][0], where[1][0]).replace(where[0][1], where[1][1]) for line in expected]


def test_the_cluster_workers_render_the_reports_and_the_client_gets_their_text(tmp_path: Path, scheduler: str) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records(40)))
    runner = Runner(load_plugins(), testing.config())
    info = RunInfo(version="0", paths=(), plugins=(), rules=())
    render = app._WorkerRender(Renderer((), (JsonlWriter(io.StringIO(), info),)), keep_text=False)
    got = list(scale.rendered(runner, Batch([str(path)], runner.config.sources), scheduler, 2, render))
    assert [(r.id, r.index) for r, _ in got] == [(f"r{i}", i) for i in range(40)]  # input order, renumbered
    assert all(pieces is not None and not report.scorers for report, pieces in got)  # made on a worker, lighter
    lines = [json.loads(pieces[0]) for _, pieces in got if pieces]
    assert [{k: v for k, v in line.items() if k != "schema_version"} for line in lines] == json.loads(
        score(str(path)).stdout
    )["articles"]


def test_the_run_s_json_and_jsonl_renderer_pickles_for_the_workers_and_renders_the_same_text() -> None:
    runner = Runner(load_plugins(), testing.config())
    report = runner.report(testing.article("Officials said the plan may work, a source said.", id="a"), 0)
    info = RunInfo(version="0", paths=(), plugins=(), rules=())
    renderer = Renderer((), (JsonWriter(io.StringIO(), info), JsonlWriter(io.StringIO(), info)))
    render = app._WorkerRender(renderer, keep_text=False)
    again = pickle.loads(pickle.dumps(render))
    assert again(report).pieces == render(report).pieces == renderer(report)
    assert scale._pickled(render) is not None
    assert scale._pickled(app._WorkerRender(lambda r: (), keep_text=False)) is None  # the client renders then


@dataclass(frozen=True)
class _HereOnly:
    """A render whose class the workers cannot import (this test module is not on their path)."""

    def __call__(self, report: ArticleReport) -> Rendered:
        return Rendered(report, ("text",))


def test_a_render_the_workers_cannot_load_leaves_the_rendering_to_the_client(tmp_path: Path, scheduler: str) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records(12)))
    runner = Runner(load_plugins(), testing.config())
    got = list(scale.rendered(runner, Batch([str(path)], runner.config.sources), scheduler, 2, _HereOnly()))
    assert [(r.id, p) for r, p in got] == [(f"r{i}", None) for i in range(12)]
    assert all(r.scorers and not r.failed_scorers for r, _ in got)  # scored whole, not lost with its partition


def _plugin_site(tmp_path: Path) -> Path:
    """A folder holding an installed plugin distribution (``loaded-words 0.1.0``) the cluster's workers do not see."""
    site = tmp_path / "site"
    info = site / "loaded_words-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: loaded-words\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[copydesk]\nloaded-words = loaded_words\n")
    (site / "loaded_words.py").write_text('"""A plugin that provides nothing: loading it is the difference."""\n')
    return site


def test_a_client_with_a_plugin_the_workers_lack_stops_with_one_line_and_exit_3(tmp_path: Path, scheduler: str) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in records(20)))
    out = tmp_path / "out.json"
    run = subprocess.run(
        [sys.executable, "-m", "copydesk", "score", "-f", "json", "-o", str(out), "--executor", scheduler, str(batch)],
        capture_output=True,
        check=False,
        env=testing.python_env([_plugin_site(tmp_path)]),
        cwd=REPO,
    )
    assert run.returncode == 3, run.stderr
    lines = run.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert re.fullmatch(
        r"copydesk: error: worker tcp://127\.0\.0\.1:\d+: plugins differ from the client's: missing loaded-words 0\.1\.0",
        lines[0],
    ), lines
    assert not out.exists()  # nothing scored, nothing written


def test_score_collection_refuses_workers_whose_plugins_differ_before_it_scores(
    scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dask.bag as db
    from copydesk.scale import score_collection

    real = scale.identities  # the workers run their own; only this client's spec gains the plugin
    monkeypatch.setattr(
        scale, "identities", lambda plugins, scorers: tuple(sorted((*real(plugins, scorers), LOADED_WORDS)))
    )
    with distributed.Client(scheduler.replace("dask://", "tcp://")), pytest.raises(PluginMismatch) as raised:
        score_collection(db.from_sequence(records(6), npartitions=2))
    assert re.fullmatch(
        r"worker tcp://127\.0\.0\.1:\d+: plugins differ from the client's: missing loaded-words 0\.1\.0",
        str(raised.value),
    )


def test_a_worker_builds_no_runner_for_a_spec_whose_plugins_are_not_its_own() -> None:
    config = testing.config()
    loaded = load_plugins()
    assert scale._runner(RunSpec.of(config, loaded.plugins, loaded.scorers)).plugins == loaded.plugins
    wanted = RunSpec.of(config, loaded.plugins, loaded.scorers)
    spec = replace(wanted, plugins=(wanted.plugins[0], tuple(sorted((*wanted.plugins[1], LOADED_WORDS)))))
    with pytest.raises(PluginMismatch, match=r"^plugins differ from the client's: missing loaded-words 0\.1\.0$"):
        scale._runner(spec)


def test_a_worker_whose_plugin_declares_other_rules_under_the_same_version_builds_no_runner() -> None:
    """A plugin edited in place (pip install -e) keeps its name and version: its rule codes tell it apart."""
    config = testing.config()
    loaded = load_plugins()
    wanted = RunSpec.of(config, loaded.plugins, loaded.scorers)
    client = tuple((*i[:3], (*i[3], "HDG901")) if i[0] == "hedging" else i for i in wanted.plugins[1])
    spec = replace(wanted, plugins=(wanted.plugins[0], client))
    message = r"^plugins differ from the client's: hedging [^ ]+ \(copydesk\) declares other rules than the client's"
    with pytest.raises(PluginMismatch, match=message + r" \(missing HDG901\)$"):
        scale._runner(spec)


def test_the_difference_names_each_missing_extra_and_other_plugin_and_copydesk_s_version() -> None:
    hedging = ("hedging", "copydesk", "1.0", ("HDG001",))
    ours = ("1.0", (hedging, ("loaded-words", "loaded-words", "0.2.0", ("LW001",)), ("rh", "rh", "1", ("RH001",))))
    client = ("1.1", (hedging, ("loaded-words", "loaded-words", "0.1.0", ("LW001",)), ("x", "pkg-x", "2", ("X001",))))
    assert scale.difference(ours, ours) == ""
    assert scale.difference(client, ours) == (
        "copydesk 1.0 (the client's 1.1); missing x 2 (pkg-x); extra rh 1;"
        " loaded-words 0.2.0 (the client's loaded-words 0.1.0)"
    )


def test_the_difference_names_the_rules_a_plugin_of_the_same_version_declares_otherwise() -> None:
    """Same name, distribution and version, other rule codes (review 12b follow-up): a mismatch too."""
    client = ("1.0", (("loaded-words", "loaded-words", "0.1.0", ("LW001", "LW002")),))
    ours = ("1.0", (("loaded-words", "loaded-words", "0.1.0", ("LW001", "LW003")),))
    assert scale.difference(client, ours) == (
        "loaded-words 0.1.0 declares other rules than the client's (missing LW002; extra LW003)"
    )
