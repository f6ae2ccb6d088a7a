"""Source roll-up: which source an article belongs to, and per-source summaries.

Pure functions, no I/O. An article's source is chosen by a strategy (the ``by``
setting): ``"auto"`` takes a ``source`` or ``site`` field of the record's metadata,
else the URL's host without ``www.``, else the folder the file came from, else
:data:`UNKNOWN`; ``"field:NAME"``, ``"host"`` and ``"folder"`` each use one of those
alone. A summary gives, per source, the number of articles, how many were scored,
the mean score with a 95 % Student-t interval, the share failing, and the most
frequent rule codes.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlsplit

#: The source of an article that names none by the chosen strategy.
UNKNOWN = "(unknown)"
#: Metadata fields ``"auto"`` looks at, in order.
AUTO_FIELDS = ("source", "site")
#: The strategies ``by`` may name (``"field:NAME"`` with any non-empty NAME).
STRATEGIES = ("auto", "host", "folder", "field:NAME")
#: Coverage of the interval around a source's mean score.
CONFIDENCE = 0.95
#: Scores are 0-100; an interval is clipped to that range.
SCORE_RANGE = (0.0, 100.0)


@dataclass(frozen=True)
class SourceSummary:
    """One source's articles in a run.

    ``mean``/``low``/``high`` are None when no article of the source was scored;
    ``low``/``high`` are also None with a single scored article (no spread to measure).
    ``top_rules`` lists ``(code, findings)`` pairs, most findings first, ties by code.
    """

    source: str
    articles: int
    scored: int
    mean: float | None
    low: float | None
    high: float | None
    failing: int
    share_failing: float
    top_rules: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class SourceTrend:
    """A source's mean score in its latest recorded runs and in this run, oldest first.

    ``runs[i]`` is the number of the recorded run ``means[i]`` comes from; the last
    point is this run's (``None``: the run is recorded, and numbered, after its reports).
    """

    source: str
    runs: tuple[int | None, ...]
    means: tuple[float | None, ...]


def trends(
    recorded: Mapping[str, Sequence[tuple[int, float | None]]], current: Iterable[SourceSummary]
) -> tuple[SourceTrend, ...]:
    """Each of this run's sources with its recorded ``(run, mean)`` points followed by this run's mean.

    Sources only the history knows are left out: the trend sits beside this run's table.
    """
    return tuple(
        SourceTrend(
            summary.source,
            (*(run for run, _ in recorded.get(summary.source, ())), None),
            (*(mean for _, mean in recorded.get(summary.source, ())), summary.mean),
        )
        for summary in current
    )


def check_strategy(by: str) -> str:
    """Return ``by`` unchanged if it names a strategy, else raise ``ValueError`` saying which exist."""
    if by in ("auto", "host", "folder") or (by.startswith("field:") and by[len("field:") :].strip()):
        return by
    raise ValueError(f"unknown source strategy {by!r} (expected one of {', '.join(STRATEGIES)})")


def source_name(article_meta: Mapping[str, str], url: str | None, path: str | None, by: str) -> str:
    """The source an article belongs to under strategy ``by`` (see the module docstring).

    :param article_meta: the record's metadata fields (empty for plain files).
    :param url: the article's URL, if it has one.
    :param path: the file the article was read from, if any.
    :param by: ``"auto"``, ``"host"``, ``"folder"`` or ``"field:NAME"``.
    :returns: the source's name, or :data:`UNKNOWN`.
    :raises ValueError: ``by`` names no strategy.
    """
    check_strategy(by)
    if by.startswith("field:"):
        candidates = [_field(article_meta, by[len("field:") :].strip())]
    elif by == "host":
        candidates = [_host(url)]
    elif by == "folder":
        candidates = [_folder(path)]
    else:
        candidates = [*(_field(article_meta, name) for name in AUTO_FIELDS), _host(url), _folder(path)]
    return next((name for name in candidates if name), UNKNOWN)


def _field(meta: Mapping[str, str], name: str) -> str | None:
    """A metadata field's value with surrounding white space removed, if non-empty."""
    value = meta.get(name)
    return (value.strip() or None) if isinstance(value, str) else None


def _host(url: str | None) -> str | None:
    """The URL's host in lower case without a leading ``www.``; None if it has none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # an invalid IPv6 literal, for one
        return None
    if not host:
        return None
    return host.removeprefix("www.") or None


def _folder(path: str | None) -> str | None:
    """The folder part of ``path`` as written (``"."`` for a bare file name); None without a path."""
    if not path:
        return None
    return PurePath(path).parent.as_posix()


def rollup(
    items: Iterable[tuple[str, float | None, bool, Sequence[str]]],
    top: int = 3,
) -> tuple[SourceSummary, ...]:
    """Summarise articles per source, sorted by source name.

    :param items: per article ``(source, score or None if unscored, failing, rule codes)``;
        ``rule codes`` holds one code per finding, so a code may repeat.
    :param top: how many of the most frequent rule codes to keep per source.
    :returns: one :class:`SourceSummary` per source.
    """
    if top < 0:
        raise ValueError(f"top must be 0 or more, not {top}")
    groups: dict[str, list[tuple[float | None, bool, Sequence[str]]]] = {}
    for source, score, failing, codes in items:
        groups.setdefault(source, []).append((score, failing, codes))
    return tuple(_summary(source, groups[source], top) for source in sorted(groups))


def _summary(source: str, rows: list[tuple[float | None, bool, Sequence[str]]], top: int) -> SourceSummary:
    """One source's summary from its articles' rows."""
    scores = [score for score, _, _ in rows if score is not None]
    mean, low, high = mean_interval(scores)
    failing = sum(1 for _, fails, _ in rows if fails)
    counts = Counter(code for _, _, codes in rows for code in codes)
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:top]
    return SourceSummary(
        source=source,
        articles=len(rows),
        scored=len(scores),
        mean=mean,
        low=low,
        high=high,
        failing=failing,
        share_failing=failing / len(rows),
        top_rules=tuple(ranked),
    )


def mean_interval(scores: Sequence[float]) -> tuple[float | None, float | None, float | None]:
    """The mean of ``scores`` and its 95 % Student-t interval, clipped to 0-100.

    Closed form, so deterministic: ``mean ± t(0.975, n-1) * s / sqrt(n)`` with ``s``
    the sample standard deviation. ``(None, None, None)`` without scores; the bounds
    are None with a single score.
    """
    if not scores:
        return None, None, None
    mean = statistics.fmean(scores)
    if len(scores) < 2:
        return mean, None, None
    from scipy.special import stdtrit  # imported here: scipy takes about a second to import

    half = float(stdtrit(len(scores) - 1, 0.5 + CONFIDENCE / 2)) * statistics.stdev(scores) / math.sqrt(len(scores))
    return mean, max(SCORE_RANGE[0], mean - half), min(SCORE_RANGE[1], mean + half)
