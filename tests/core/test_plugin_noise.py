"""A misbehaving plugin is named, and said once per run, not once per article."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import copydesk.formats.streams
import pytest
from copydesk import BatchPass, Context, Document, Finding, Rule, Scorer, containment, pipes
from copydesk.app import RunOptions
from copydesk.app import execute as run
from copydesk.formats.writers import Output
from copydesk.testing import plugin_set, score_batch

RULE = Rule("PRT001", "printed-word", "m")


def _prints(document: Document, context: Context) -> list[Finding]:
    print(f"debug: {len(document.body.text)} characters")
    return []


def test_a_scorer_printing_on_every_article_is_named_once(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipes.Warnings, "said", set())
    score_batch(["one", "two two", "three"], plugin_set(scorers=[Scorer("PRT", "printer", (RULE,), _prints)]))
    out, err = capfd.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "copydesk: warning: scorer PRT (printer) of plugin 'test' wrote to standard output: debug: 3 characters"
        " (said once: what it writes later is dropped)"
    ]


def _observe(state: Any, document: Document) -> None:
    raise RuntimeError("observe boom")


FAILING = Scorer(
    "BTF",
    "batchfail",
    (Rule("BTF001", "batch-word", "m"),),
    lambda d, c: [],
    batch=BatchPass(start=lambda settings: None, observe=_observe, finish=lambda state: state),
)


def test_a_batch_pass_failure_is_said_for_its_first_article_then_counted(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(f"Title {i}\n\nA body of text, the source said.\n")
    lines: list[str] = []
    options = RunOptions(
        paths=[str(tmp_path)],
        outputs=[Output("json", str(tmp_path / "o.json"))],
        plugins=plugin_set([("reporters", copydesk.formats.streams)], scorers=[FAILING]),
        cwd=tmp_path,
        history="",
    )
    assert run(options, io.StringIO(), lines.append) == 3
    said = [line for line in lines if "observe boom" in line]
    assert len(said) == 2, lines
    assert said[0].startswith("copydesk: error: ") and "a0.txt: Batch pass" in said[0]
    assert said[1].startswith("copydesk: error: Batch pass of scorer BTF") and said[1].endswith(
        "(on 3 articles in all)"
    )


def test_standard_output_is_given_back_after_an_article_whose_scorers_raise_through_the_redirect(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipes.Warnings, "said", set())
    before = sys.stdout
    with pytest.raises(KeyboardInterrupt), containment.stdout_as_warnings():
        assert isinstance(sys.stdout, pipes.Warnings)
        print("half a line", end="")
        raise KeyboardInterrupt  # not caught by the runner's isolation: escapes the article
    assert sys.stdout is before
    _, err = capfd.readouterr()
    assert "a scorer wrote to standard output: half a line" in err  # the unfinished line flushed on the way out
