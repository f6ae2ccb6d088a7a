"""Plain helpers shared by tests (importable: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class CliResult:
    """What a CLI invocation gave."""

    exit_code: int
    stdout: str
    stderr: str


def pip_install_target(package: Path, target: Path) -> None:
    """pip-install a package directory into ``target`` (isolated from the test venv)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(package),
        ],
        check=True,
        capture_output=True,
    )


def run_copydesk(
    *args: str, pythonpath: list[Path] | None = None, cwd: Path = REPO, stdin: bytes | None = None
) -> CliResult:
    """Run ``python -m copydesk`` in a subprocess with extra import paths."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in pythonpath or [])
    proc = subprocess.run([sys.executable, "-m", "copydesk", *args], cwd=cwd, env=env, input=stdin, capture_output=True)
    return CliResult(proc.returncode, proc.stdout.decode(), proc.stderr.decode())
