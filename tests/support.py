"""Plain helpers shared by tests (importable: pytest puts tests/ on sys.path)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from copydesk import testing

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: pip-install a package folder into a target folder, isolated from the test venv.
pip_install_target = testing.pip_install


@dataclass
class CliResult:
    """What a CLI invocation gave."""

    exit_code: int
    stdout: str
    stderr: str


def run_copydesk(
    *args: str, pythonpath: list[Path] | None = None, cwd: Path = REPO, stdin: bytes | None = None
) -> CliResult:
    """Run the copydesk command line in a fresh interpreter with extra import paths."""
    proc = testing.run_copydesk(
        *args, pythonpath=pythonpath or [], cwd=cwd, stdin=None if stdin is None else stdin.decode()
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)
