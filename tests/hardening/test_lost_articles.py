"""Issue 16 items 1-5: one bad record, row or folder never costs the rest of the batch."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from support import CliResult, run_copydesk

BODY = "The council approved the budget on Tuesday, officials said. " * 10
GOOD = json.dumps({"id": "good", "text": BODY})


def _ids(stdout: str) -> list[str]:
    return [a["id"] for a in json.loads(stdout)["articles"]]


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ('{"id": "deep", "text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}", "integer too long"),
        ('{"id": "deep-ok", "text": "x", "n": ' + "[" * 200 + "]" * 200 + "}", None),
    ],
)
@pytest.mark.parametrize("stdin", [False, True])
def test_a_pathological_json_record_is_unreadable_and_the_rest_scored(
    tmp_path: Path, bad: str, problem: str | None, stdin: bool
) -> None:
    data = "\n".join([GOOD, bad, GOOD.replace('"good"', '"after"')]) + "\n"
    if stdin:
        result = run_copydesk("score", "-f", "json", "-", stdin=data.encode())
    else:
        path = tmp_path / "batch.jsonl"
        path.write_text(data, encoding="utf-8")
        result = run_copydesk("score", "-f", "json", str(path))
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    ids = _ids(result.stdout)
    assert ids[0] == "good" and ids[-1] == "after" and len(ids) == 3
    if problem is None:
        assert result.exit_code == 0, result.stderr
    else:
        assert result.exit_code == 2, result.stderr
        first = result.stderr.splitlines()[0]
        assert first.startswith("copydesk: error: ") and ":2" in first and problem in first, first


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_jsonl_with_any_line_ending_gives_one_article_per_record(tmp_path: Path, ending: str) -> None:
    records = [json.dumps({"id": f"r{i}", "text": BODY}) for i in range(3)]
    path = tmp_path / "mac.jsonl"
    path.write_bytes((ending.join(records) + ending).encode())
    result = run_copydesk("score", "-f", "json", str(path))
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [(a["id"], a["source"]["record"]) for a in document["articles"]] == [("r0", 1), ("r1", 2), ("r2", 3)]


def test_a_sub_folder_that_cannot_be_listed_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from copydesk.config import load_config
    from copydesk.models import Article, Unreadable
    from copydesk.sources import Batch

    (tmp_path / "a.txt").write_text("Title\n\n" + BODY)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("Title\n\n" + BODY)
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)  # type: ignore[arg-type]

    batch = Batch([str(tmp_path)], load_config(discover=False).sources)
    monkeypatch.setattr(os, "scandir", scandir)  # as root, chmod 000 would not stop us
    items = list(batch)
    assert [type(i) for i in items] == [Article, Unreadable]
    assert isinstance(items[1], Unreadable) and items[1].path.endswith("locked")
    assert "cannot list this folder: Permission denied" in items[1].problem


def test_a_sub_folder_deleted_between_the_batch_pass_and_scoring_is_reported_not_dropped(
    cli: Callable[..., CliResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copydesk.runner import Runner

    data = tmp_path / "data"
    names = ["a.txt", "b.txt", "sub/c.txt", "sub/d.txt"]
    for name in names:
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(f"Title {name}\n\n" + BODY)
    batch_pass = Runner.batch_pass

    def then_delete(self: Runner, items: Iterable[object], workers: int = 1) -> None:
        batch_pass(self, items, workers)  # type: ignore[arg-type]
        shutil.rmtree(data / "sub")

    monkeypatch.setattr(Runner, "batch_pass", then_delete)
    result = cli("score", "-f", "json", str(data))
    assert not (data / "sub").exists(), "the batch pass did not run"
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"copydesk: error: {data.as_posix()}/sub/{name}: vanished since the batch pass read it"
        for name in ("c.txt", "d.txt")
    ]
    articles = json.loads(result.stdout)["articles"]
    verdicts = ["unreadable" if a["verdict"] == "unreadable" else "scored" for a in articles]
    assert [a["id"] for a in articles] == [f"{data.as_posix()}/{name}" for name in names]
    assert verdicts == ["scored", "scored", "unreadable", "unreadable"]


def test_a_device_named_on_the_command_line_is_refused_not_spooled() -> None:
    result = run_copydesk("score", "/dev/zero")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["copydesk: error: /dev/zero: not a file, folder or pipe (a character device)"]


def test_standard_input_without_line_breaks_stops_at_max_bytes(tmp_path: Path) -> None:
    config = tmp_path / "copydesk.toml"
    config.write_text("[sources]\nmax_bytes = 1000\n")
    result = run_copydesk("score", "--config", str(config), "-", stdin=b"x" * 3_000_000)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "copydesk: error: -: more than sources.max_bytes (1000) bytes without a line break; not read"
    ]


def test_a_csv_row_in_another_encoding_costs_only_that_row(tmp_path: Path) -> None:
    line = BODY.replace(",", "").strip()
    rows = [f"{i},{line}".encode() for i in range(10)] + [f"bad,caf\u00e9 {line}".encode("latin-1")]
    rows.append(f"after,{line}".encode())
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"id,text\n" + b"\n".join(rows) + b"\n")
    result = run_copydesk("score", "-f", "json", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].endswith("mixed.csv:12: not valid UTF-8 (character 4 of a cell)")
    articles = json.loads(result.stdout)["articles"]
    assert [a["id"] for a in articles if a["verdict"] != "unreadable"] == [str(i) for i in range(10)] + ["after"]


def test_a_csv_field_over_the_size_limit_costs_only_its_row(tmp_path: Path) -> None:
    config = tmp_path / "copydesk.toml"
    config.write_text("[sources]\nmax_bytes = 1000\n")
    line = BODY.replace(",", "").strip()
    path = tmp_path / "big.csv"
    path.write_text(f"id,text\n1,{line}\n2,{'x' * 200_000}\n3,{line}\n")
    result = run_copydesk("score", "-f", "json", "--config", str(config), str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].endswith("big.csv:3: a field longer than sources.max_bytes (1000)")
    ids = [a["id"] for a in json.loads(result.stdout)["articles"]]
    assert ids[0] == "1" and ids[1].endswith("big.csv:3") and ids[2] == "3"
