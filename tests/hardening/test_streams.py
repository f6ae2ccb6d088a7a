"""Issue 16 items 10 and 14: the verdict survives a reader that goes away, or a closed stream."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from copydesk import testing
from support import SEEDS

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


def _history_of_two_runs(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'h.db'}"
    for _ in range(2):
        done = subprocess.run(
            _cli("score", str(SEEDS), "--history", url, "-f", "json:/dev/null"),
            capture_output=True,
            env=testing.python_env(),
            check=False,
        )
        assert done.returncode == 0, done.stderr
    return url


@pytest.mark.parametrize(
    "args",
    [["score", str(SEEDS), "-f", "json:/dev/stdout"], ["score", str(SEEDS), "-f", "html", "-o", "/dev/stdout"]],
    ids=["format-path", "output"],
)
def test_a_report_to_dev_stdout_on_a_pipe_is_written_into_the_pipe(args: list[str]) -> None:
    done = subprocess.run(_cli(*args), capture_output=True, env=testing.python_env(), check=False)
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    assert done.stdout.startswith(b"{") or done.stdout.startswith(b"<!DOCTYPE html>")
    assert done.stdout.rstrip().endswith((b"}", b"</html>"))


def test_the_trend_page_to_dev_stdout_on_a_pipe_follows_the_text(tmp_path: Path) -> None:
    url = _history_of_two_runs(tmp_path)
    done = subprocess.run(
        _cli("trend", "--history", url, "--html", "/dev/stdout"), capture_output=True, env=testing.python_env()
    )
    assert done.returncode == 0, done.stderr
    text, _, page = done.stdout.partition(b"<!DOCTYPE html>")
    assert b"over 2 run(s)" in text and page.rstrip().endswith(b"</html>")


@pytest.mark.parametrize("command", ["score", "trend"])
def test_a_report_to_dev_null_is_written_and_dev_null_stays(tmp_path: Path, command: str) -> None:
    if command == "trend":
        args = ["trend", "--history", _history_of_two_runs(tmp_path), "--html", "/dev/null"]
    else:
        args = ["score", str(SEEDS), "-f", "html:/dev/null"]
    done = subprocess.run(_cli(*args), capture_output=True, env=testing.python_env())
    assert done.returncode == 0 and b"error" not in done.stderr, done.stderr
    assert Path("/dev/null").is_char_device()
