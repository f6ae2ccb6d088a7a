"""Plain helpers shared by tests (importable: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

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


def load_script(name: str) -> ModuleType:
    """Import ``scripts/NAME.py`` as a module (the scripts run nothing on import).

    ``scripts/`` is on ``sys.path`` while it loads, so the modules it imports from there
    (``measured``, ``model_data``, ...) land in ``sys.modules`` for the test to use.
    """
    scripts = REPO / "scripts"
    sys.path.insert(0, str(scripts))
    try:
        spec = importlib.util.spec_from_file_location(f"copydesk_script_{name}", scripts / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(scripts))


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie left for init to reap does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"
