"""Issue 16 item 13: SIGTERM or Ctrl-C ends every worker and keeper and what they started, removes temporary files,
keeps the old output."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from copydesk import testing
from support import alive

FAULTS = Path(__file__).resolve().parents[1] / "faults"
BODY = "The council approved the budget on Tuesday, officials said. " * 5


def _marked(ready: Path) -> bool:
    """The fault plugin has written a process id to its marker: the file exists *and* holds a line.

    The plugin opens the marker, which creates it, before it writes; a signal sent between the two (seen on a
    loaded CI machine) kills the writer and leaves an empty marker, so waiting for the file alone is a race.
    """
    try:
        return ready.read_text(encoding="utf-8").endswith("\n")
    except FileNotFoundError:
        return False


@pytest.mark.parametrize(("sig", "code", "group"), [(signal.SIGTERM, 143, False), (signal.SIGINT, 130, True)])
@pytest.mark.parametrize("workers", ["1", "2"])
#: In the scoring pass, in the mapped batch pass (a worker), in a batch pass without merge (its keeper), and in
#: the scoring pass after starting a child process.
@pytest.mark.parametrize("fault", ["hang", "batch_hang", "serial_hang", "spawn_hang"])
def test_a_signal_stops_everything_and_keeps_the_old_report(
    tmp_path: Path, sig: signal.Signals, code: int, group: bool, workers: str, fault: str
) -> None:
    run = tmp_path / "run"
    run.mkdir()
    ready = tmp_path / "ready"
    batch = run / "batch.jsonl"
    batch.write_text("\n".join(json.dumps({"id": f"a{i}", "text": BODY + " TRIGGER"}) for i in range(4)) + "\n")
    report = run / "report.json"
    report.write_text("OLD\n")
    env = testing.python_env([FAULTS])
    env["COPYDESK_FAULT"] = fault
    env["COPYDESK_FAULT_READY"] = str(ready)
    args = ["score", "-j", workers, "-f", f"json:{report}", str(batch)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "copydesk", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        text=True,
    )
    deadline = time.monotonic() + 120  # start-up is slow on a loaded machine; the hang is what counts
    while not _marked(ready) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _marked(ready), "the fault plugin never started hanging"  # the workers now hang in the fault plugin
    if group:  # Ctrl-C reaches the whole foreground process group
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    _out, err = proc.communicate(timeout=30)  # returns only once no worker holds the pipes open
    assert proc.returncode == code, err
    assert "Traceback" not in err, err
    assert err.strip().splitlines()[-1].startswith(f"copydesk: error: {'terminated' if code == 143 else 'interrupted'}")
    assert report.read_text() == "OLD\n"
    assert sorted(p.name for p in run.iterdir()) == ["batch.jsonl", "report.json"]  # no .report.json.*.tmp
    with pytest.raises(ProcessLookupError):
        os.killpg(proc.pid, 0)  # no process of the run is left
    struck = [int(pid) for pid in ready.read_text().split()]  # workers, keepers and children lead their own groups
    assert struck and not [pid for pid in struck if alive(pid)]


@pytest.mark.parametrize("fmt", ["jsonl", "html", "sarif"])  # streamed line by line, spooled, kept to the end
def test_sigterm_leaves_no_temporary_file_whatever_the_format(tmp_path: Path, fmt: str) -> None:
    """Streamed and spooled writers too: SIGTERM mid-run removes their temporary files and keeps the old -o target."""
    run = tmp_path / "run"
    run.mkdir()
    ready = tmp_path / "ready"
    batch = run / "batch.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": BODY + (" TRIGGER" if i == 3 else "")}) for i in range(5)]
    batch.write_text("\n".join(lines) + "\n")
    report = run / f"report.{fmt}"
    report.write_text("OLD\n")
    env = testing.python_env([FAULTS])
    env["COPYDESK_FAULT"] = "hang"
    env["COPYDESK_FAULT_READY"] = str(ready)
    proc = subprocess.Popen(
        [sys.executable, "-m", "copydesk", "score", "-j", "2", "-f", fmt, "-o", str(report), str(batch)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        text=True,
    )
    deadline = time.monotonic() + 120  # start-up is slow on a loaded machine; the hang is what counts
    # The output is open and a worker hangs on the fourth article (the fault plugin has written its marker).
    while not (_marked(ready) and [p for p in run.iterdir() if p.name.endswith(".tmp")]):
        assert proc.poll() is None and time.monotonic() < deadline, "the run ended or never hung with its output open"
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 143, err
    assert report.read_text() == "OLD\n"
    assert sorted(p.name for p in run.iterdir()) == ["batch.jsonl", report.name]


def test_sigterm_while_the_history_waits_on_a_lock_says_the_reports_were_written(tmp_path: Path) -> None:
    """The history is recorded after the reports: a signal then must not claim that no report was written."""
    import sqlite3

    from copydesk.history import open_history
    from support import SEEDS

    database = tmp_path / "h.db"
    url = f"sqlite:///{database}"
    open_history(url).close()  # the schema, so the run waits on the lock only to record itself
    report = tmp_path / "report.json"
    report.write_text("OLD\n")
    lock = sqlite3.connect(database, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")  # another process writing: the run waits on it, up to its busy timeout
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "copydesk", "score", str(SEEDS), "--history", url, "-f", f"json:{report}"],
            env=testing.python_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 120
        while report.read_text() == "OLD\n" and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.3)  # the run is now waiting on the lock
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert proc.returncode == 143, err
    assert err.splitlines() == [
        "copydesk: error: terminated (SIGTERM); reports written; run not recorded in the history"
    ]
    assert len(json.loads(report.read_text())["articles"]) == 5
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("h.db")) == ["report.json"]
    with open_history(url) as history:
        assert history.runs(None) == []
