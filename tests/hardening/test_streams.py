"""Issue 16 items 10 and 14: the verdict survives a reader that goes away, or a closed stream."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from copydesk import testing

BODY = "The council may possibly approve the budget, officials said. " * 12


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A batch whose report is far larger than a pipe's buffer, with one unreadable record."""
    lines = [json.dumps({"id": f"article-{i}", "title": f"Title {i}", "text": BODY}) for i in range(300)]
    lines.insert(150, "{broken")
    path = tmp_path_factory.mktemp("big") / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "copydesk", *args]


@pytest.mark.parametrize("fmt", ["text", "jsonl", "json", "github"])
def test_a_reader_that_stops_early_does_not_change_the_exit_code(big: Path, fmt: str) -> None:
    proc = subprocess.Popen(
        _cli("check", "--fail-under", "99", "-f", fmt, str(big)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=testing.python_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()  # `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 2, err  # the unreadable record: exit 2, as with a full reader
    assert "copydesk: FAIL article-0:" in err and "gate FAILED" in err
    assert "Traceback" not in err and "Exception ignored" not in err, err


def test_closed_stderr_keeps_the_exit_code_and_stdout_clean(big: Path) -> None:
    proc = subprocess.run(
        _cli("check", "--fail-under", "99", "-f", "json", str(big)),
        capture_output=False,
        stdout=subprocess.PIPE,
        stderr=None,
        env=testing.python_env(),
        pass_fds=(),
        preexec_fn=lambda: __import__("os").close(2),
        check=False,
    )
    assert proc.returncode == 2
    assert len(json.loads(proc.stdout)["articles"]) == 301


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_closed_stdout_is_an_error_on_stderr_not_a_silent_pass(big: Path, fmt: str) -> None:
    proc = subprocess.run(
        _cli("score", "-f", fmt, str(big)),
        stdout=None,
        stderr=subprocess.PIPE,
        env=testing.python_env(),
        preexec_fn=lambda: __import__("os").close(1),
        check=False,
        text=True,
    )
    assert proc.returncode == 2, proc.stderr
    assert "standard output is closed" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
