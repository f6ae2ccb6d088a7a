"""Helpers for the run history tests (tests/core/history): runs to record, raw driver connections."""

from __future__ import annotations

import sqlite3
from typing import Any

from copydesk.history import ArticleRecord, RunRecord
from copydesk.rollup import rollup


def raw_connect(url: str) -> Any:
    """A driver connection in autocommit mode, for setting up bad databases behind the store's back."""
    if url.startswith("sqlite:///"):
        return sqlite3.connect(url[len("sqlite:///") :], isolation_level=None)
    import psycopg

    return psycopg.connect(url, autocommit=True)


#: One article as the tests write it: source, score, grade, rule counts.
Spec = tuple[str, float | None, str, dict[str, int]]


def make_run(when: str, articles: dict[str, Spec], digests: dict[str, str] | None = None) -> RunRecord:
    """A run of ``articles`` (key -> spec), with its per-source roll-up computed from them."""
    records = tuple(
        ArticleRecord(key, (digests or {}).get(key, f"sha256:{key}"), source, score, grade, rules)
        for key, (source, score, grade, rules) in articles.items()
    )
    items = [
        (source, score, grade in ("D", "F", "?"), [code for code, n in rules.items() for _ in range(n)])
        for source, score, grade, rules in articles.values()
    ]
    return RunRecord(when, "0.1.0", ("hedging 0.1.0", "figures 0.1.0"), "sha256:cfg", "abc123", records, rollup(items))
