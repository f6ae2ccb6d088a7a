"""The labelled corpora the eval scripts read, in ../shared/data beside the repository.

    .venv/bin/python scripts/corpora.py [--data DIR]

Lists every JSONL corpus under the data folder with its record count, so a missing or
cut-short download shows before an eval run. The eval scripts take the folder
(``DATA``) and the JSONL reader (``rows``) from here.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def rows(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSONL file, in file order (blank lines skipped)."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def main(argv: list[str] | None = None) -> int:
    """Print each corpus under the data folder with its number of records."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data directory")
    data = parser.parse_args(argv).data
    corpora = sorted(data.rglob("*.jsonl"))
    if not corpora:
        print(f"corpora: no JSONL corpus under {data}")
        return 1
    for path in corpora:
        with path.open(encoding="utf-8") as handle:
            count = sum(1 for line in handle if line.strip())
        print(f"{count:>9,}  {path.relative_to(data)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
