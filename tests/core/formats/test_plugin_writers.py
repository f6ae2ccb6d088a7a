"""A format plugin's writer that fails: named, alone, exit 3; the run's other reports are still written."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import copydesk.formats.streams
import pytest
from copydesk import Context, Document, Finding, Reporter, Rule, RunInfo, Scorer, hookimpl
from copydesk.app import RunOptions, execute
from copydesk.config import Flags
from copydesk.errors import PluginFailure
from copydesk.formats.writers import Output, Outputs, RenderFailed
from copydesk.manager import PluginSet
from copydesk.testing import plugin_set, score_batch

WORD = Rule("WRD001", "flagged-word", "Word '{word}' is flagged")


def _words(document: Document, context: Context) -> Iterator[Finding]:
    body = document.body
    for start, end in body.words:
        if body.text[start:end] == "bad":
            yield WORD.finding(body, start, end, word="bad")


WORDS = Scorer("WRD", "words", (WORD,), _words)


class Bad:
    """A writer that misbehaves in the step ``FAULT[0]`` says, the way ``FAULT[1]`` says."""

    def __init__(self, stream: TextIO, info: RunInfo) -> None:
        self.stream = stream
        self._strike("open")
        stream.write("start\n")

    def _strike(self, step: str) -> None:
        where, how = FAULT
        if where != step:
            return
        if how == "exit":
            sys.exit(5)
        if how == "interrupt":
            raise KeyboardInterrupt
        raise RuntimeError(f"{step} boom")

    def add(self, report: Any) -> None:
        self._strike("add")
        self.stream.write(f"{report.id}\n")

    def close(self, summary: Any) -> None:
        self._strike("close")
        self.stream.write("end\n")


FAULT = ("", "")


class BadFormat:
    @staticmethod
    @hookimpl
    def copydesk_reporters() -> list[Reporter]:
        return [Reporter(name="bad", open=Bad, description="misbehaves", extension=".bad")]


def plugins() -> PluginSet:
    return plugin_set([("reporters", copydesk.formats.streams), ("badfmt", BadFormat)], scorers=[WORDS])


@pytest.mark.parametrize("how", ["raise", "exit", "interrupt"])
@pytest.mark.parametrize("step", ["open", "add", "close"])
def test_a_failing_format_plugin_is_named_its_report_alone_is_lost_and_the_run_exits_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, how: str
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "FAULT", (step, how))
    (tmp_path / "a.txt").write_text("Title\n\nA bad day for the council, the source said.\n")
    (tmp_path / "out.bad").write_text("earlier report\n")
    lines: list[str] = []
    outputs = [Output("bad", str(tmp_path / "out.bad")), Output("json", str(tmp_path / "out.json"))]
    options = RunOptions(paths=[str(tmp_path / "a.txt")], outputs=outputs, plugins=plugins(), cwd=tmp_path, history="")
    code = execute(options, io.StringIO(), lines.append)
    assert code == 3
    assert json.loads((tmp_path / "out.json").read_text())["articles"][0]["score"] is not None
    assert (tmp_path / "out.bad").read_text() == "earlier report\n"
    failed = [line for line in lines if "format 'bad'" in line]
    assert len(failed) == 1, lines
    assert (
        failed[0].startswith("copydesk: error: format 'bad' of plugin 'badfmt' (")
        and f" failed in {step}: " in failed[0]
    )
    assert failed[0].endswith("its report was not written; run with --disable badfmt to go on without it")
    assert not list(tmp_path.glob(".out.bad.*"))  # no temporary file left behind


class Renders:
    """A writer whose ``render`` (run in a worker) misbehaves as ``RENDER`` says."""

    def __init__(self, stream: TextIO, info: RunInfo) -> None:
        self.stream = stream

    def render(self, report: Any) -> str:
        if RENDER == "raise":
            raise RuntimeError("render boom")
        if RENDER == "exit":
            sys.exit(4)
        if RENDER == "die":
            os._exit(3)
        return f"{report.id}\n"

    def add_rendered(self, text: str) -> None:
        self.stream.write(text)

    def add(self, report: Any) -> None:
        self.stream.write(f"added {report.id}\n")

    def close(self, summary: Any) -> None:
        pass


RENDER = ""


class RenderFormat:
    @staticmethod
    @hookimpl
    def copydesk_reporters() -> list[Reporter]:
        return [Reporter(name="rnd", open=Renders, description="renders", extension=".rnd")]


@pytest.mark.parametrize("how", ["raise", "exit"])
def test_a_render_that_fails_is_warned_about_once_naming_the_format_and_the_reports_are_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "RENDER", how)
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(f"Title {i}\n\nA bad day for the council, the source said.\n")
    lines: list[str] = []
    ps = plugin_set([("rnd", RenderFormat)], scorers=[WORDS])
    options = RunOptions(
        paths=[str(tmp_path)], outputs=[Output("rnd", str(tmp_path / "out.rnd"))], plugins=ps, cwd=tmp_path, history=""
    )
    assert execute(options, io.StringIO(), lines.append) == 0
    assert (tmp_path / "out.rnd").read_text().count("added ") == 3
    warned = [line for line in lines if "failed in render" in line]
    name = "format 'rnd' of plugin 'rnd' (local 0)"
    why = "RuntimeError: render boom" if how == "raise" else "SystemExit: 4"
    assert warned == [
        f"copydesk: warning: {name} failed in render: {why}; such reports are written through add() instead",
        f"copydesk: warning: {name} failed in render on 3 reports in all",
    ]


def test_the_renderer_names_the_writer_whose_render_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "RENDER", "exit")
    outputs = Outputs([Output("rnd")], plugin_set([("rnd", RenderFormat)]), _info(), io.StringIO())
    renderer = outputs.renderer()
    assert renderer is not None
    with pytest.raises(RenderFailed, match=r"^format 'rnd' of plugin 'rnd' \(.*\) failed in render: SystemExit: 4$"):
        renderer(score_batch(["a bad day"], plugin_set(scorers=[WORDS]))[0])


def test_a_worker_ended_by_a_render_fails_the_run_naming_the_formats_not_the_scorers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "RENDER", "die")
    (tmp_path / "a.txt").write_text("Title\n\nA bad day for the council, the source said.\n")
    ps = plugin_set([("rnd", RenderFormat)], scorers=[WORDS])
    options = RunOptions(
        paths=[str(tmp_path / "a.txt")],
        outputs=[Output("rnd", str(tmp_path / "out.rnd"))],
        plugins=ps,
        cwd=tmp_path,
        history="",
        flags=_workers(1),
    )
    with pytest.raises(
        PluginFailure,
        match=r"^render\(report\) of format 'rnd' of plugin 'rnd' .* ended a worker process: exited with status 3$",
    ):
        execute(options, io.StringIO(), lambda line: None)
    assert not (tmp_path / "out.rnd").exists()


def _workers(n: int) -> Flags:
    return Flags(workers=n)


def _info() -> RunInfo:
    return RunInfo(version="0", paths=(), plugins=(), rules=())
