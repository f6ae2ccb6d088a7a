"""Does compiling a scorer's modules with mypyc make it faster? Build a compiled copy and time both.

Copies this checkout's package into two temporary trees laid out as installed
(``copydesk`` from core/, ``copydesk/plugins`` from plugins/), compiles the named modules of
one with mypyc (mypy's compiler, a dev dependency; it needs a C compiler and the
interpreter's headers), then times ``--plugin``'s ``score`` on the articles of
``scripts/bench_scorers.py`` (the shared data) in a child process per tree, the trees
alternating ``--rounds`` times so that load on the machine hits both alike. Each child
prints its CPU milliseconds per article and a digest of the findings and metrics, which
must be the same for both trees (the compiled code must read alike).

    .venv/bin/python scripts/mypyc_trial.py                      # hedging's five reading modules
    .venv/bin/python scripts/mypyc_trial.py --plugin figures --modules analysis attrib phrase
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The child: score every article with one plugin, print "MS DIGEST".
CHILD = """
import hashlib, sys, time
from pathlib import Path
sys.path.insert(1, {scripts!r})
import bench_scorers
from copydesk import measures
from copydesk.models import Context
from copydesk.text import Document
plugin = __import__("copydesk.plugins." + {plugin!r}, fromlist=["x"])
(scorer,) = plugin.copydesk_scorers()
context = Context(settings=dict(scorer.settings))
docs = []
for article in bench_scorers.articles(bench_scorers.shared_texts(Path({data!r})), {count}):
    doc = Document.from_article(article)
    _ = doc.body.tokens.forms, doc.title.tokens.forms
    docs.append(doc)
digest, spent = hashlib.sha256(), 0.0
for doc in docs:
    measures._word_index(doc.body)
    started = time.process_time()
    found = plugin.score(doc, context)
    spent += time.process_time() - started
    digest.update(repr((found.findings, sorted((found.metrics or {{}}).items()))).encode())
print(f"{{1000 * spent / len(docs):.3f}} {{digest.hexdigest()[:16]}}")
"""


def tree(into: Path) -> Path:
    """This checkout's package laid out as installed, under ``into``."""
    package = into / "copydesk"
    shutil.copytree(ROOT / "core", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "plugins", package / "plugins", ignore=shutil.ignore_patterns("__pycache__"))
    return package


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plugin", default="hedging")
    parser.add_argument("--modules", nargs="+", default=["detect", "cues", "senses", "sources", "speakers"])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    mypyc = Path(sys.executable).with_name("mypyc")
    if not args.data.is_dir() or not mypyc.exists():
        print(f"mypyc_trial: needs {args.data} and {mypyc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        plain, compiled = Path(tmp) / "plain", Path(tmp) / "compiled"
        tree(plain)
        package = tree(compiled)
        sources = [str(package / "plugins" / args.plugin / f"{name}.py") for name in args.modules]
        subprocess.run([str(mypyc), *sources], cwd=compiled, check=True, capture_output=True)
        code = CHILD.format(scripts=str(ROOT / "scripts"), plugin=args.plugin, data=str(args.data), count=args.articles)
        for round_ in range(args.rounds):
            for name, where in (("plain", plain), ("compiled", compiled))[:: 1 if round_ % 2 == 0 else -1]:
                out = subprocess.run(
                    [sys.executable, "-c", code],
                    cwd=tmp,
                    env={"PYTHONPATH": str(where)},
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout.split()
                print(f"round {round_}: {name:<8} {out[0]} CPU ms an article, digest {out[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
