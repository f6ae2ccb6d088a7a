"""Issue 16 items 7-9, 11-13 and "what it must show": a misbehaving plugin never takes the run down.

The fault plugin (tests/faults/copydesk_faults.py) strikes on one article of six; at
``-j 1`` and ``-j 2`` the other five must be scored exactly as without it, the report
must be valid JSON, the run must end (nothing hangs) with exit 3 and a CD001 on the
struck article. A plugin that writes to standard output instead, wherever it does
(at import, in its hook, batch pass, segmenter or scorer; ``print``, ``os.write(1, ...)``,
a child process, the C library's ``printf``), leaves the report alone: what it wrote
reaches stderr and the run exits 0.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from copydesk import testing
from support import alive

FAULTS = Path(__file__).resolve().parents[1] / "faults"
BODY = "The council approved the budget on Tuesday, officials said, and it may possibly pass again. "
FAILING = [
    *("raise", "exit", "os_exit", "kill", "base", "hang"),
    *("nan", "inf", "nan_subscore", "nan_data", "span", "position", "mutate"),
]


def _batch(tmp_path: Path, articles: int = 6) -> Path:
    lines = []
    for i in range(articles):
        text = BODY * (3 + i % 6) + (" TRIGGER" if i == 2 else "")
        lines.append(json.dumps({"id": f"a{i}", "title": f"Article {i}", "text": text}))
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(
    fault: str, *args: str, timeout: float = 60, ready: Path | None = None, env_extra: dict[str, str] | None = None
) -> tuple[int, str, str]:
    """Run copydesk with ``fault``; return once it ended and nothing holds its stdout or stderr open.

    :param ready: the file the fault plugin appends the process ids of its hangs and children to.
    """
    import os
    import subprocess
    import sys

    env = testing.python_env([FAULTS])
    env["COPYDESK_FAULT"] = fault
    env.update(env_extra or {})
    if ready is not None:
        env["COPYDESK_FAULT_READY"] = str(ready)
    proc = subprocess.run(
        [sys.executable, "-m", "copydesk", *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert os.environ.get("COPYDESK_FAULT") is None
    return proc.returncode, proc.stdout, proc.stderr


def _articles(stdout: str) -> dict[str, dict[str, Any]]:
    document = json.loads(stdout, parse_constant=lambda c: pytest.fail(f"{c} in the JSON report"))
    return {a["id"]: a for a in document["articles"]}


def _others(article: dict[str, Any]) -> Any:
    """What every scorer but FLT said about an article (not where the file was)."""
    scorers = [{k: v for k, v in s.items() if k != "findings"} for s in article["scorers"] if s["prefix"] != "FLT"]
    findings = [(f["code"], f["message"], f["excerpt"], f["data"]) for f in article["findings"]]
    return (article["score"], scorers, findings)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The batch scored with a well-behaved fault plugin (no article triggers it)."""
    path = _batch(tmp_path_factory.mktemp("clean"))
    code, out, err = _run("none", "score", "-f", "json", "--config", str(_config(path.parent)), str(path))
    assert code == 3 and "KeyError" in err  # "none" is no fault: the trigger raises KeyError
    return _articles(out)


def _config(folder: Path, timeout: int = 8) -> Path:
    config = folder / "copydesk.toml"
    config.write_text(f"[run]\narticle_timeout = {timeout}\n", encoding="utf-8")
    return config


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("fault", FAILING)
def test_a_failing_plugin_costs_only_its_own_result(
    tmp_path: Path, clean: dict[str, dict[str, Any]], fault: str, workers: str
) -> None:
    path = _batch(tmp_path)
    code, out, err = _run(fault, "score", "-f", "json", "-j", workers, "--config", str(_config(tmp_path)), str(path))
    assert code == 3, err
    assert "Traceback" not in err, err
    articles = _articles(out)
    assert list(articles) == [f"a{i}" for i in range(6)]
    for name, article in articles.items():
        if name != "a2":
            assert _others(article) == _others(clean[name]), name
    struck = articles["a2"]
    assert [d["code"] for d in struck["diagnostics"]] == ["CD001"], struck["diagnostics"]
    assert "FLT" in struck["diagnostics"][0]["message"]
    assert [s["prefix"] for s in struck["scorers"] if s["error"]] == ["FLT"]
    assert not [f for f in struck["findings"] if f["prefix"] == "FLT"]  # nothing of the rejected result is published
    assert _others(struck)[1] == _others(clean["a2"])[1]  # every other scorer as without the fault
    for scorer in (s for a in articles.values() for s in a["scorers"]):
        assert all(math.isfinite(v) for v in scorer["metrics"].values())
    assert (
        f"copydesk: error: {path}:3 (a2): {struck['diagnostics'][0]['message']}" in err
    )  # its file and line, then its id


@pytest.mark.parametrize("workers", ["1", "2"])
def test_copydesk_traceback_shows_where_a_plugin_failed_and_leaves_the_report_alone(
    tmp_path: Path, workers: str
) -> None:
    """COPYDESK_TRACEBACK=1: a failing scorer's traceback on stderr (from the worker that ran it), the report unchanged."""
    path = _batch(tmp_path)
    args = ("score", "-f", "json", "-j", workers, "--config", str(_config(tmp_path)), str(path))
    code, out, err = _run("raise", *args)
    assert code == 3 and "Traceback" not in err
    code_tb, out_tb, err_tb = _run("raise", *args, env_extra={"COPYDESK_TRACEBACK": "1"})
    assert code_tb == 3 and out_tb == out
    lines = err_tb.splitlines()
    at = lines.index("copydesk: traceback of scorer FLT on article 'a2':")
    assert lines[at + 1] == "Traceback (most recent call last):"
    assert "RuntimeError: fault injected" in lines[at + 2 :]
    assert any("copydesk_faults.py" in line for line in lines[at + 2 :])  # the plugin's own frames are shown


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sys_exit_in_a_batch_pass_finish_costs_only_that_scorer(tmp_path: Path, workers: str) -> None:
    """A plugin cannot pick the run's exit code: ``sys.exit(4)`` in ``finish`` is a CD004 and exit 3, the report whole."""
    code, out, err = _run("finish_exit", "score", "-f", "json", "-j", workers, str(_batch(tmp_path)))
    assert code == 3, err
    articles = _articles(out)
    assert list(articles) == [f"a{i}" for i in range(6)]
    assert all([d["code"] for d in a["diagnostics"]] == ["CD004"] for a in articles.values()), articles
    assert "Batch pass of scorer FLT (faults) failed: SystemExit: 4" in err and "Traceback" not in err, err


def test_sys_exit_in_a_plugins_hook_is_a_load_failure_naming_it(tmp_path: Path) -> None:
    """``sys.exit(9)`` while a plugin provides its scorers: one line naming it, exit 3 (it used to exit 9 silently)."""
    code, out, err = _run("hook_exit", "score", "-f", "json", str(_batch(tmp_path)))
    assert code == 3, err
    assert out == "" and len(err.strip().splitlines()) == 1 and "faults" in err and "SystemExit" in err, err


#: Faults that hang in a batch pass, and how many articles the batch needs (``merge`` needs two chunks of 64).
BATCH_HANGS = {"batch_hang": 6, "serial_hang": 6, "merge_hang": 70, "finish_hang": 6}


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("fault", list(BATCH_HANGS))
def test_a_batch_pass_that_hangs_is_stopped_at_the_time_limit_and_costs_only_its_statistics(
    tmp_path: Path, clean: dict[str, dict[str, Any]], fault: str, workers: str
) -> None:
    """Observe in a worker or in the keeper, merge, finish: each call gets ``article_timeout``, then CD004 and exit 3.

    Observe is timed per article (a chunk used to get the limit once per article it held,
    so one hang on a chunk of 70 ran for 64 times the limit): the message names the article.
    """
    articles = BATCH_HANGS[fault]
    path = _batch(tmp_path, articles)
    code, out, err = _run(fault, "score", "-f", "json", "-j", workers, "--config", str(_config(tmp_path, 2)), str(path))
    assert code == 3, err
    assert "Traceback" not in err, err
    reports = _articles(out)
    assert list(reports) == [f"a{i}" for i in range(articles)]
    where = {"batch_hang": "(on article a2)", "serial_hang": "(on article a2)"}.get(fault, f"(in {fault[:-5]})")
    words = f"Batch pass of scorer FLT (faults) failed: still running after run.article_timeout (2 s); stopped {where}"
    for name, article in reports.items():
        assert [(d["code"], d["message"]) for d in article["diagnostics"]] == [("CD004", words)], article
        assert not [s for s in article["scorers"] if s["error"]]  # FLT still scores, without batch statistics
        if articles == len(clean):  # the same batch: every other scorer's batch statistics as without the fault
            assert _others(article) == _others(clean[name]), name
    assert words in err, err


@pytest.mark.parametrize("fault", ["start_hang", "serial_start_hang"])
def test_a_batch_pass_that_hangs_in_start_says_so(tmp_path: Path, fault: str) -> None:
    """A hang in ``start`` is named ``(in start)``, as one in merge or finish is (a mapped pass's, in a worker, was not)."""
    path = _batch(tmp_path)
    code, out, err = _run(fault, "score", "-f", "json", "-j", "1", "--config", str(_config(tmp_path, 2)), str(path))
    assert code == 3, err
    words = (
        "Batch pass of scorer FLT (faults) failed: still running after run.article_timeout (2 s); stopped (in start)"
    )
    for article in _articles(out).values():
        assert [(d["code"], d["message"]) for d in article["diagnostics"]] == [("CD004", words)], article
    assert words in err and "Traceback" not in err, err


#: Faults that start a child process which would sleep for an hour holding stderr open, and the exit code.
SPAWNS = {"spawn": 0, "spawn_hang": 3, "serial_spawn": 0}


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("fault", list(SPAWNS))
def test_a_process_a_plugin_starts_ends_with_the_run(tmp_path: Path, fault: str, workers: str) -> None:
    """A child of a scorer or batch pass is stopped with its worker or keeper: a capturing runner is not blocked.

    ``_run`` returns only once no process holds the run's stderr open; before, the child
    kept it open for an hour.
    """
    ready = tmp_path / "ready"
    path = _batch(tmp_path)
    args = ["score", "-f", "json", "-j", workers, "--config", str(_config(tmp_path, 2)), str(path)]
    code, out, err = _run(fault, *args, ready=ready)
    assert code == SPAWNS[fault], err
    reports = _articles(out)
    assert list(reports) == [f"a{i}" for i in range(6)]
    if fault == "spawn_hang":
        assert [d["code"] for d in reports["a2"]["diagnostics"]] == ["CD001"]
    pids = [int(line) for line in ready.read_text().split()]
    assert pids and not [pid for pid in pids if alive(pid)]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_printing_plugin_does_not_corrupt_the_report(tmp_path: Path, workers: str) -> None:
    path = _batch(tmp_path)
    code, out, err = _run("print", "score", "-f", "json", "-j", workers, str(path))
    assert code == 0, err
    assert len(_articles(out)) == 6  # stdout is still one JSON document
    assert "printed by a plugin" in err
    assert not [ln for ln in err.splitlines() if ln.lstrip().startswith("::")], err


#: The faults that write to standard output (tests/faults), and what each writes there.
WRITERS = {
    "import_print": ["IMPORT-TIME PRINT"],
    "import_os_write": ["IMPORT-TIME OS.WRITE"],
    "hook_print": ["HOOK PRINT"],
    "dunder_stdout": ["DUNDER STDOUT WRITE"],
    "c_printf": ["C PRINTF"],
    "observe_print": ["BATCH PRINT in observe_print"],
    "serial_print": ["BATCH PRINT in serial_print"],
    "merge_print": ["MERGE PRINT", "FINISH PRINT"],
    "segment_print": ["SEGMENT PRINT"],
    "print": ["printed by a plugin"],
    "os_write": ["SCORE OS.WRITE"],
    "subprocess": ["SUBPROCESS PRINT"],
}
#: More articles than one chunk of the mapped batch pass holds (64), so ``merge`` runs.
MANY = 70


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("fault", list(WRITERS))
def test_whatever_a_plugin_writes_to_standard_output_goes_to_stderr_not_into_the_report(
    tmp_path: Path, fault: str, workers: str
) -> None:
    path = _batch(tmp_path, MANY)
    code, out, err = _run(fault, "score", "-f", "json", "-j", workers, str(path))
    assert code == 0, err  # writing to standard output is no failure
    assert list(_articles(out)) == [f"a{i}" for i in range(MANY)]  # stdout is exactly the report
    for text in WRITERS[fault]:
        assert text in err, err
    assert not [ln for ln in err.splitlines() if ln.lstrip().startswith("::")], err


@pytest.mark.parametrize("command", ["plugins", "rules"])
@pytest.mark.parametrize("fault", ["import_print", "import_os_write", "hook_print", "dunder_stdout", "c_printf"])
def test_a_plugin_that_prints_when_loaded_leaves_the_json_listings_valid(command: str, fault: str) -> None:
    code, out, err = _run(fault, command, "-f", "json")
    assert code == 0, err
    listing = json.loads(out)
    assert "faults" in json.dumps(listing)
    for text in WRITERS[fault]:
        assert text in err, err


def _labelled(folder: Path) -> Path:
    """Twelve labelled articles whose fakes are hedged, for learn-weights."""
    hedged = "Sources say the plan may possibly fail, and critics suggest it could perhaps stall."
    rows = [
        {"id": f"{label}{i}", "text": f"{hedged if label == 'fake' else 'The council met.'} Item {i}.", "label": label}
        for i in range(6)
        for label in ("fake", "real")
    ]
    path = folder / "labelled.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


#: Commands other than score and check that run or load plugins, and what belongs on their standard output.
OTHER_COMMANDS = {
    "learn-weights": (["--label", "label", "--unreliable", "fake", "--folds", "2"], "ROC AUC"),
    "baseline": ([], ""),  # writes the baseline file, nothing on stdout
    "explain": ([], "grade"),  # without a code: how the score is made
    "explain FLT001": ([], "FLT001"),
}


@pytest.mark.parametrize("fault", ["hook_print", "import_os_write"])
@pytest.mark.parametrize("command", list(OTHER_COMMANDS))
def test_other_commands_that_load_plugins_keep_their_standard_output_clean(
    tmp_path: Path, command: str, fault: str
) -> None:
    extra, expected = OTHER_COMMANDS[command]
    args = command.split()
    if command == "learn-weights":
        args += [str(_labelled(tmp_path)), *extra]
    elif command == "baseline":
        args += ["write", str(_batch(tmp_path)), "-o", str(tmp_path / "baseline.json")]
    code, out, err = _run(fault, *args)
    assert code == 0, err
    assert expected in out if expected else out == ""
    for text in WRITERS[fault]:
        assert text not in out and text in err, (out, err)


def test_the_gate_verdict_line_says_what_a_non_gate_exit_code_is_for(tmp_path: Path) -> None:
    code, _, err = _run("raise", "check", "--fail-under", "0", str(_batch(tmp_path)))
    assert code == 3
    verdict = err.strip().splitlines()[-1]
    assert verdict.startswith("copydesk: gate passed:")
    assert verdict.endswith("; exit 3: a scorer failed (see the CD001 lines above)")
