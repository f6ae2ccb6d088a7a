"""Batch pass of the truncation scorer: the median length of each source's articles.

The source of an article is the publisher its input names: the host of its URL, else a
``source``/``source_site``/``site`` meta field. An article that names neither is not
counted and not compared: the folder or dataset file it was read from says where copy
was saved, not who published it, and a file mixing outlets would compare unlike with
unlike. The state kept is a list of word counts per source, never the text; chunks
merge by appending the later chunk's counts.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from copydesk import Article, BatchPass, Document


@dataclass(frozen=True)
class SourceLength:
    """A source's article count and median length in words."""

    count: int
    median: float


def source_of(article: Article) -> str | None:
    """The publisher an article is compared with: URL host, else meta source; None when it names neither."""
    if article.url:
        try:
            host = urlsplit(article.url if "//" in article.url else f"//{article.url}").hostname or ""
        except ValueError:  # a malformed URL ("http://[bad/x") names no host: the meta fields may still
            host = ""
        host = host.removeprefix("www.")
        if host:
            return host
    for key in ("source", "source_site", "site"):
        value = (article.meta.get(key) or "").strip()
        if value:
            return value
    return None


def _start(settings: Mapping[str, Any]) -> dict[str, list[int]]:
    """An empty tally of word counts by source."""
    return {}


def _observe(state: dict[str, list[int]], document: Document) -> None:
    """Record one article's length under its source (an article naming no source is left out)."""
    source = source_of(document.article)
    if source is not None:
        state.setdefault(source, []).append(document.body.word_count)


def _finish(state: dict[str, list[int]]) -> Mapping[str, SourceLength]:
    """Each source's count and median length."""
    return {source: SourceLength(len(counts), float(statistics.median(counts))) for source, counts in state.items()}


def _merge(earlier: dict[str, list[int]], later: dict[str, list[int]]) -> dict[str, list[int]]:
    """Add a later chunk's word counts after the earlier chunk's (sources in first-seen order)."""
    for source, counts in later.items():
        earlier.setdefault(source, []).extend(counts)
    return earlier


BATCH = BatchPass(start=_start, observe=_observe, finish=_finish, merge=_merge)
