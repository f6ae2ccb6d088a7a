"""The files a run itself reads (configuration, model, baseline) are read within bounds.

A device, FIFO or pipe named as one is refused before a byte is read, and a file over its
bound (``copydesk.smallfiles``) is refused after reading one byte past it: one error line
naming the file, exit 2. Each run is a fresh process under a 2 GB address-space limit, so
an unbounded read fails the test with a MemoryError (exit 3) instead of taking the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from copydesk.errors import EXIT_USAGE
from copydesk.smallfiles import BASELINE_BYTES, CONFIG_BYTES, MODEL_BYTES, read_small

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "004_91f16627d1be3ee9.txt"
LIMIT = 2_000_000_000


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """copydesk ARGS in a fresh process under the address-space limit."""
    return subprocess.run(
        [sys.executable, "-m", "copydesk", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited,
        check=False,
    )


def sparse(path: Path, size: int) -> Path:
    """A regular file of ``size`` NUL bytes that takes no disk space."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


COMMANDS = {
    "model": ["score", str(SEED), "-o", os.devnull, "--model"],
    "config": ["score", str(SEED), "-o", os.devnull, "--config"],
    "baseline": ["check", str(SEED), "-o", os.devnull, "--baseline"],
    "explain-model": ["explain", "--model"],
}
NAMED = {
    "model": "model file {path}: ",
    "config": "{path}: ",
    "baseline": "{path}: ",
    "explain-model": "model file {path}: ",
}


@pytest.mark.parametrize("kind", sorted(COMMANDS))
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_named_as_a_run_file_is_refused_in_one_line(kind: str, device: str, tmp_path: Path) -> None:
    result = run(*COMMANDS[kind], device, cwd=tmp_path)
    assert result.returncode == EXIT_USAGE, result.stderr
    assert result.stderr.startswith("copydesk: error: " + NAMED[kind].format(path=device))
    assert "is not a regular file" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize("kind", sorted(COMMANDS))
def test_a_fifo_named_as_a_run_file_is_refused_without_waiting_for_a_writer(kind: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run(*COMMANDS[kind], str(fifo), cwd=tmp_path)
    assert result.returncode == EXIT_USAGE, result.stderr
    assert "is not a regular file" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("kind", "bound"), [("model", MODEL_BYTES), ("config", CONFIG_BYTES), ("baseline", BASELINE_BYTES)]
)
def test_a_run_file_over_its_bound_is_refused_in_one_line(kind: str, bound: int, tmp_path: Path) -> None:
    path = sparse(tmp_path / f"big.{kind}", bound + 1)
    result = run(*COMMANDS[kind], str(path), cwd=tmp_path)
    assert result.returncode == EXIT_USAGE, result.stderr
    assert result.stderr.startswith("copydesk: error: " + NAMED[kind].format(path=path))
    assert f"is over {bound >> 20} MB" in result.stderr and result.stderr.count("\n") == 1


def test_read_small_reads_a_file_of_exactly_its_bound_and_refuses_one_byte_more(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 10)
    assert read_small(path, 10) == b"x" * 10
    with pytest.raises(Exception, match="is over"):
        read_small(path, 9)
