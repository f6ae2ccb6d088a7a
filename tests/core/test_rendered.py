"""Issue 15: the worker processes serialise the reports; the run only writes their text in input order.

So the main process's share of a run (what caps ``-j 2``) no longer grows with each
report's size. What is written must be the same bytes the run would write itself.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from copydesk import app, pipes, safety
from copydesk.ci.gate import Gate, GateSettings
from copydesk.formats import schema, writers
from copydesk.formats.streams import JSON, JSONL
from copydesk.ledger import Ledger
from copydesk.models import ArticleReport, RunInfo, RunSummary, Severity
from copydesk.pool import Rendered
from copydesk.runner import Runner
from copydesk.testing import article, config_for, plugin_set, python_env, score_batch

REPO = Path(__file__).resolve().parents[2]
INFO = RunInfo(version="0", paths=(), plugins=(), rules=())


def _seed_articles(count: int) -> list[str]:
    """JSONL lines of seed articles, with an unreadable line, a blank line and a shared id among them."""
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    lines = []
    for i in range(count):
        title, _, body = seeds[i % len(seeds)].read_text(encoding="utf-8").partition("\n")
        lines.append(json.dumps({"id": f"s{i % (count - 2)}", "title": title, "text": body, "source": f"site{i % 3}"}))
    lines.insert(3, "{not json")
    lines.insert(5, "")
    lines.insert(
        7,
        json.dumps(
            {"id": "x", "title": 'Dir\u202eected \u2028 "t\u00eftle"\n', "text": "Caf\u00e9 text, the source said."}
        ),
    )
    return lines


def test_the_workers_render_each_report_and_the_run_receives_its_text() -> None:
    runner = Runner(plugin_set(entry_points=True), config_for(plugin_set(entry_points=True)))
    items = [article(f"Body {i} of the article, said the source.", id=f"a{i}") for i in range(5)]
    here = os.getpid()

    def render(report: ArticleReport) -> Rendered:
        return Rendered(report, (f"{report.id} in {os.getpid()}",))

    got = list(runner.rendered(lambda: iter(items), 2, render))
    assert [r.id for r, _ in got] == [f"a{i}" for i in range(5)]  # in input order
    for report, pieces in got:
        assert pieces is not None
        made, _, pid = pieces[0].partition(" in ")
        assert made == report.id and int(pid) != here  # rendered in a worker


def test_a_report_a_worker_cannot_render_comes_back_whole_for_the_run_to_render() -> None:
    runner = Runner(plugin_set(entry_points=True), config_for(plugin_set(entry_points=True)))
    items = [article("A body the source said was fine.", id="a0"), article("Another body.", id="a1")]

    def render(report: ArticleReport) -> Rendered:
        if report.id == "a1":
            raise ValueError("cannot render")
        return Rendered(report, ("text",))

    got = list(runner.rendered(lambda: iter(items), 1, render))
    assert [(r.id, p) for r, p in got] == [("a0", ("text",)), ("a1", "ValueError: cannot render")]  # and why
    assert got[1][0].scorers  # the whole report, not a lighter copy


def _run(tmp_path: Path, name: str, workers: str, *formats: str) -> tuple[int, str, dict[str, bytes]]:
    batch = tmp_path / "batch.jsonl"
    out = tmp_path / name
    out.mkdir()
    args = [a for f in formats for a in ("-f", f"{f}:{out / ('report.' + f)}")]
    proc = subprocess.run(
        [sys.executable, "-m", "copydesk", "score", "-j", workers, *args, str(batch)],
        capture_output=True,
        text=True,
        check=False,
        env=python_env(),
        cwd=tmp_path,
    )
    return proc.returncode, proc.stderr, {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.mark.parametrize("workers", ["1", "2"])
def test_what_the_workers_render_is_what_the_run_writes_itself(tmp_path: Path, workers: str) -> None:
    (tmp_path / "batch.jsonl").write_text("\n".join(_seed_articles(12)) + "\n", encoding="utf-8")
    # json and jsonl render in the workers; with a text report too (text does not), the run renders every report
    code, stderr, rendered = _run(tmp_path, "rendered", workers, "json", "jsonl")
    code_here, stderr_here, here = _run(tmp_path, "here", workers, "json", "jsonl", "text")
    assert code == code_here == 2  # the unreadable line
    assert stderr == stderr_here
    assert "is also an earlier article's id" in stderr
    assert rendered["report.json"] == here["report.json"]  # the per-source roll-up from the lighter reports too
    assert rendered["report.jsonl"] == here["report.jsonl"]
    assert b"\\u202e" in rendered["report.jsonl"] and b"\\u2028" in rendered["report.json"]


@pytest.mark.parametrize("count", [0, 1, 3, 130])  # 130: written in three groups of articles
def test_the_json_writer_writes_the_document_json_dumps_writes(count: int) -> None:
    bodies = [
        "Plain body, said the officials.",
        'Line one\nline two \u202e and \u2028 and "quoted".',
        "Caf\u00e9 \u00e9t\u00e9.",
    ]
    batch = [f"{bodies[i % 3]} {i}" for i in range(count)]
    reports = score_batch(batch, plugin_set(entry_points=True)) if count else []
    summary = RunSummary(articles=count, scored=count, unreadable=0, mean_score=50.0 if count else None)
    out = io.StringIO()
    writer = JSON.open(out, INFO)
    for report in reports:
        writer.add(report)
    writer.close(summary)
    document = {
        "schema_version": schema.SCHEMA_VERSION,
        "run": schema.run_dict(INFO),
        "articles": [schema.article_dict(r) for r in reports],
        "sources": [schema.source_summary_dict(s) for s in summary.sources],
        "summary": schema.summary_dict(summary),
    }
    assert out.getvalue() == safety.json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


@pytest.mark.parametrize("reporter", [JSON, JSONL], ids=["json", "jsonl"])
def test_a_writer_adds_what_it_renders(reporter: object) -> None:
    [report] = score_batch(["A body the source said was fine."], plugin_set(entry_points=True))
    summary = RunSummary(articles=1, scored=1, unreadable=0, mean_score=report.score)
    added, rendered = io.StringIO(), io.StringIO()
    one, other = reporter.open(added, INFO), reporter.open(rendered, INFO)  # type: ignore[attr-defined]
    one.add(report)
    other.add_rendered(other.render(report))
    one.close(summary)
    other.close(summary)
    assert added.getvalue() == rendered.getvalue()


def test_the_lighter_report_tallies_as_the_whole_one() -> None:
    bodies = [
        "Officials said the plan is bad. CLICK HERE to subscribe! Experts claim 90% of people agree.",
        "A short text.",
        "Some say that it might possibly be true, sources claimed, according to a report.",
    ]
    reports = score_batch(bodies, plugin_set(entry_points=True))
    assert any(len({f.code for f in r.findings}) < len(r.findings) for r in reports)  # codes repeat: one finding each
    for fail_on in ("info", "warning", "error"):
        gate = Gate(GateSettings(fail_under=60.0, fail_on=fail_on))
        assert [gate.reasons(app._tallied(r, False)) for r in reports] == [gate.reasons(r) for r in reports]
    for keep_rows in (False, True):
        whole, light = Ledger(False, frozenset({"D", "F"}), keep_rows), Ledger(False, frozenset({"D", "F"}), keep_rows)
        sent = Ledger(False, frozenset({"D", "F"}), keep_rows)
        for report in reports:
            whole.add(report)
            light.add(app._tallied(report, keep_rows))
            sent.add(pickle.loads(pickle.dumps(app._tallied(report, keep_rows), pickle.HIGHEST_PROTOCOL)))
        assert light.sources() == whole.sources() == sent.sources()
        assert light.articles() == whole.articles() == sent.articles()


def test_the_lighter_report_is_the_report_replaced_without_scorers_findings_or_text() -> None:
    reports = score_batch(["Officials said the plan is bad. CLICK HERE to subscribe!"], plugin_set(entry_points=True))
    for keep_text in (False, True):
        light = app._tallied(reports[0], keep_text)
        expected = dataclasses.replace(
            reports[0], scorers=(), findings=light.findings, text=reports[0].text if keep_text else ""
        )
        assert type(light) is ArticleReport
        assert light == expected
        assert list(light.__dict__.items()) == list(expected.__dict__.items())  # the same fields, in the same order
        assert reports[0].scorers and reports[0].text  # the report itself left as it was


def test_the_lighter_report_crosses_processes_as_the_findings_it_holds() -> None:
    bodies = ["Officials said the plan is bad. CLICK HERE to subscribe! Experts claim 90% of people agree."] * 2
    reports = score_batch([*bodies, "A short text."], plugin_set(entry_points=True))
    many = dataclasses.replace(reports[0], findings=reports[0].findings * 120)  # past 255 places in one byte each
    for report in (*reports, many):
        light = app._tallied(report, False)
        sent = pickle.loads(pickle.dumps(light, pickle.HIGHEST_PROTOCOL))
        assert type(sent.findings) is tuple
        assert sent == dataclasses.replace(light, findings=tuple(light.findings))  # every field of every finding
        shared = [f for f in light.findings if f is light.findings[0]]
        assert [f for f in sent.findings if f is sent.findings[0]] == shared  # one object per code and severity
        assert all(type(f.severity) is Severity for f in sent.findings)
    assert len(reports[0].findings) > len({(f.code, f.severity) for f in reports[0].findings})  # codes repeat


def test_a_report_file_gets_the_jsonl_lines_the_workers_encoded_as_its_own_text_writes_them(tmp_path: Path) -> None:
    reports = score_batch(
        ["Plain body, said the officials.", "Caf\u00e9 \u201cquoted\u201d \u202e and \u2028 text.", "A third one."],
        plugin_set(entry_points=True),
    )
    summary = RunSummary(articles=3, scored=3, unreadable=0, mean_score=50.0)
    files = {}
    for name, encoded in (("bytes.jsonl", True), ("text.jsonl", False)):
        with writers.atomic_writer(str(tmp_path / name)) as stream:
            writer = JSONL.open(stream, INFO)  # type: ignore[attr-defined]
            assert writer.encoded is True  # a report file copydesk opened
            writer.encoded = encoded
            render = writers.Renderer((), (writer,))
            stream.write("Caf\u00e9 first\n")  # text written before the encoded lines stays before them
            for report in reports:
                [piece] = render(report)
                assert isinstance(piece, bytes) is encoded
                writer.add_rendered(piece)
            writer.close(summary)
        files[name] = (tmp_path / name).read_bytes()
    assert files["bytes.jsonl"] == files["text.jsonl"]
    assert files["bytes.jsonl"].startswith("Caf\u00e9 first\n".encode())
    assert files["bytes.jsonl"].count(b"\n") == 4
    on_memory = JSONL.open(io.StringIO(), INFO)  # type: ignore[attr-defined]
    assert on_memory.encoded is False  # not a report file: text, as before
    assert isinstance(writers.Renderer((), (on_memory,))(reports[0])[0], str)


def test_text_utf8_cannot_encode_goes_to_the_writer_as_text() -> None:
    class Lone:
        encoded = True

        def render(self, report: ArticleReport) -> str:
            return "\ud800 alone\n"

    [report] = score_batch(["A body."], plugin_set(entry_points=True))
    assert writers.Renderer((), (Lone(),))(report) == ("\ud800 alone\n",)  # the write fails where it did


def test_the_kept_standard_output_writes_encoded_bytes_after_its_text_and_drops_them_once_its_reader_is_gone(
    tmp_path: Path,
) -> None:
    path = tmp_path / "out.txt"
    with path.open("wb") as raw:
        stream = pipes.Stream(io.TextIOWrapper(io.BufferedWriter(io.FileIO(raw.fileno(), "w", closefd=False))), "out")
        stream.write("Caf\u00e9 first\n")
        stream.write_encoded("\u201cline\u201d two\n".encode())
        stream.write("third\n")
        stream.write_encoded(b"fourth\n")
        stream.flush()
    assert path.read_text(encoding="utf-8") == "Caf\u00e9 first\n\u201cline\u201d two\nthird\nfourth\n"
    read, write = os.pipe()
    os.close(read)
    gone = pipes.Stream(io.TextIOWrapper(io.BufferedWriter(io.FileIO(write, "w"))), "out")
    gone.write_encoded(b"x" * 100_000)  # larger than the buffer: written at once, to no reader
    assert gone.lost and gone.stream is None


@pytest.mark.parametrize(
    ("encoding", "line_buffering", "encoded"),
    [("utf-8", False, True), ("UTF8", False, True), ("latin-1", False, False), ("utf-8", True, False)],
)
def test_standard_output_takes_encoded_bytes_only_when_they_are_what_its_text_becomes(
    encoding: str, line_buffering: bool, encoded: bool
) -> None:
    given = io.TextIOWrapper(io.BytesIO(), encoding=encoding, line_buffering=line_buffering)
    given.fileno = lambda: 1  # type: ignore[method-assign]  # as standard output is
    saved = os.dup(1)
    report, wrapper = pipes._private(given, saved)
    try:
        assert report.encoded_utf8 is encoded
        assert JSONL.open(report, INFO).encoded is encoded  # type: ignore[attr-defined]
    finally:
        assert wrapper is not None
        wrapper.close()
        os.close(saved)


def test_a_jsonl_run_to_standard_output_writes_what_it_writes_to_a_file(tmp_path: Path) -> None:
    (tmp_path / "batch.jsonl").write_text("\n".join(_seed_articles(12)) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "copydesk", "score", "-j", "2", "-f", "jsonl", str(tmp_path / "batch.jsonl")]
    env = python_env()
    piped = subprocess.run(command, capture_output=True, check=False, env=env, cwd=tmp_path)
    filed = subprocess.run([*command, "-o", "out.jsonl"], capture_output=True, check=False, env=env, cwd=tmp_path)
    assert piped.returncode == filed.returncode == 2  # the unreadable line
    assert piped.stderr == filed.stderr
    assert piped.stdout == (tmp_path / "out.jsonl").read_bytes()
    assert b"\\u202e" in piped.stdout and "t\u00eftle".encode() in piped.stdout
