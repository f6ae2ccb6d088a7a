"""Issue 16 items 7, 10 and 14: the verdict survives a reader that goes away, or a closed stream; stdout is the report's."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from copydesk import testing
from support import SEEDS

BODY = "The council may possibly approve the budget, officials said. " * 12


FAULTS = Path(__file__).resolve().parents[1] / "faults"


def _write_batch(path: Path, broken: bool = False, trigger: bool = False) -> Path:
    """300 articles, whose report is far larger than a pipe's buffer.

    :param broken: an unreadable record after article-149.
    :param trigger: TRIGGER in article-150, where the fault plugin (tests/faults) strikes.
    """
    lines = [json.dumps({"id": f"article-{i}", "title": f"Title {i}", "text": BODY}) for i in range(300)]
    if broken:
        lines.insert(150, "{broken")
    if trigger:
        lines[150] = json.dumps({"id": "article-150", "title": "Title 150", "text": BODY + " TRIGGER"})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A batch whose report is far larger than a pipe's buffer, with one unreadable record."""
    return _write_batch(tmp_path_factory.mktemp("big") / "big.jsonl", broken=True)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "copydesk", *args]


#: Each exit code a gating run can end with, the batch that gives it, and how the verdict line ends.
VERDICTS = {
    1: ({}, "max_failing 0 allows 0"),  # the gate failed, nothing else went wrong
    2: ({"broken": True}, "exit 2: input could not be read (see the CD002 lines above)"),
    3: ({"trigger": True}, "exit 3: a scorer failed (see the CD001 lines above)"),  # the fault plugin raises
}


#: Every format with exit 2; with exits 1 and 3, one that writes as it goes and one that writes at the end.
CLOSED_PIPES = [(2, fmt) for fmt in ("text", "jsonl", "json", "github")] + [
    (code, fmt) for code in (1, 3) for fmt in ("text", "json")
]


@pytest.mark.parametrize(("expected", "fmt"), CLOSED_PIPES)
def test_a_reader_that_stops_early_does_not_change_the_exit_code(tmp_path: Path, expected: int, fmt: str) -> None:
    batch, verdict = VERDICTS[expected]
    path = _write_batch(tmp_path / "batch.jsonl", **batch)
    env = testing.python_env([FAULTS])
    env["COPYDESK_FAULT"] = "raise"
    proc = subprocess.Popen(
        _cli("check", "--fail-under", "99", "-f", fmt, str(path)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()  # `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == expected, err  # as with a reader that reads it all
    assert "copydesk: FAIL article-0:" in err and "copydesk: FAIL article-299:" in err, err
    last = err.strip().splitlines()[-1]
    assert last.startswith("copydesk: gate FAILED:") and last.endswith(verdict), last
    assert "Traceback" not in err and "Exception ignored" not in err, err


CUT_SHORT = "copydesk: error: standard output was closed by its reader: the report was cut short"


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_a_score_report_cut_short_by_its_reader_says_so_and_exits_2(tmp_path: Path, fmt: str) -> None:
    proc = subprocess.Popen(
        _cli("score", "-f", fmt, str(_write_batch(tmp_path / "batch.jsonl"))),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=testing.python_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()  # `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 2, err  # the batch itself is clean: exit 0 had every line been read
    assert err.splitlines() == [CUT_SHORT], err


def test_a_check_report_cut_short_keeps_the_verdict_and_its_code(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        _cli("check", "--fail-under", "0", "-f", "json", str(_write_batch(tmp_path / "batch.jsonl"))),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=testing.python_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0, err  # the gate passed: the reader's choice to stop changes nothing
    assert err.splitlines()[-1].startswith("copydesk: gate passed:") and CUT_SHORT not in err, err


@pytest.mark.parametrize(
    "args",
    [
        ["score", str(SEEDS), "-f", "json"],
        ["score", str(SEEDS), "-f", "text", "-j", "2"],
        ["score", str(sorted(SEEDS.glob("*.txt"))[0]), "-f", "github"],  # smaller than any buffer: fails at the end
        ["check", str(SEEDS), "--fail-under", "99", "-f", "jsonl"],
        ["rules", "-f", "json"],
    ],
    ids=["json", "text-j2", "github-small", "check", "rules"],
)
def test_a_full_disk_under_standard_output_is_exit_2_with_one_line(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(_cli(*args), stdout=full, stderr=subprocess.PIPE, env=testing.python_env(), text=True)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == ["copydesk: error: cannot write standard output: No space left on device"]


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


@pytest.mark.parametrize("workers", ["1", "2"])
def test_closed_stdout_sends_what_a_plugin_writes_there_to_stderr(tmp_path: Path, workers: str) -> None:
    env = testing.python_env([FAULTS])
    env["COPYDESK_FAULT"] = "os_write"  # os.write(1, ...) in score, on article-150
    proc = subprocess.run(
        _cli("score", "-f", "json", "-j", workers, str(_write_batch(tmp_path / "batch.jsonl", trigger=True))),
        stdout=None,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=lambda: os.close(1),
        check=False,
        text=True,
    )
    assert proc.returncode == 2, proc.stderr  # the report was lost, and nothing else went wrong
    assert "SCORE OS.WRITE" in proc.stderr and "standard output is closed" in proc.stderr, proc.stderr


def test_the_progress_counter_is_drawn_on_a_terminal_stderr_not_into_the_report(tmp_path: Path) -> None:
    master, slave = pty.openpty()  # stderr a terminal: the run shows its progress counter there
    drawn: list[bytes] = []

    def drain() -> None:  # read as the run draws, so a full terminal buffer never blocks it
        with contextlib.suppress(OSError):  # EIO once the terminal's last writer is gone
            while chunk := os.read(master, 1 << 16):
                drawn.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    proc = subprocess.Popen(
        _cli("score", "-f", "json", str(_write_batch(tmp_path / "batch.jsonl"))),
        stdout=subprocess.PIPE,
        stderr=slave,
        env=testing.python_env(),
    )
    os.close(slave)
    out, _ = proc.communicate(timeout=300)
    reader.join(timeout=30)
    os.close(master)
    err = b"".join(drawn)
    assert proc.returncode == 0, err
    assert len(json.loads(out)["articles"]) == 300
    assert b" articles" in err, err


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


def _score_bytes(*args: str, stdin: bytes | None = None) -> tuple[int, list[str], list[tuple[str, str]]]:
    """Exit code, stderr lines and (id, verdict) of each article of ``copydesk score -f json ARGS``."""
    proc = subprocess.run(
        [sys.executable, "-m", "copydesk", "score", "-f", "json", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=testing.python_env(),
        check=False,
    )
    articles = json.loads(proc.stdout)["articles"]
    return proc.returncode, proc.stderr.decode().splitlines(), [(a["id"], a["verdict"]) for a in articles]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32", "utf-32-be-bom"])
def test_a_utf16_or_utf32_jsonl_on_stdin_is_refused_as_the_same_file_named(tmp_path: Path, encoding: str) -> None:
    text = json.dumps({"id": "rec", "title": "T", "text": BODY}) + "\n"
    data = {
        "utf-16": text.encode("utf-16"),
        "utf-16-le-bom": b"\xff\xfe" + text.encode("utf-16-le"),
        "utf-16-be-bom": b"\xfe\xff" + text.encode("utf-16-be"),
        "utf-32": text.encode("utf-32"),
        "utf-32-be-bom": b"\x00\x00\xfe\xff" + text.encode("utf-32-be"),
    }[encoding]
    wide = encoding[:6].upper()
    path = tmp_path / "x.jsonl"
    path.write_bytes(data)
    named = _score_bytes(str(path))
    piped = _score_bytes("-", stdin=data)
    assert named[0] == piped[0] == 2
    assert (
        [line.replace(str(path), "<stdin>") for line in named[1]]
        == piped[1]
        == [f"copydesk: error: <stdin>: encoded as {wide} (a byte order mark); JSONL must be UTF-8"]
    )
    assert [(a.replace(str(path), "<stdin>"), v) for a, v in named[2]] == piped[2] == [("<stdin>", "unreadable")]


def test_utf16_text_on_stdin_is_still_read_as_text() -> None:
    code, stderr, articles = _score_bytes("-", stdin=("Title\n\n" + BODY).encode("utf-16"))
    assert code == 0 and articles == [("<stdin>", articles[0][1])] and articles[0][1] != "unreadable"
    assert stderr == ["copydesk: warning: <stdin>: not valid UTF-8; decoded as utf-16 (byte order mark)"]
