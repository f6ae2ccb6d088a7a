"""Source roll-up: which source an article belongs to, and per-source summaries.

Pure functions; the only I/O is reading the packaged Student-t table, once. An article's source is chosen by a strategy (the ``by``
setting): ``"auto"`` takes a ``source`` or ``site`` field of the record's metadata,
else the URL's host without ``www.`` (a URL without a scheme too; an internationalised host in its ASCII ``xn--``
form), else the folder the file came from, else
:data:`UNKNOWN` (a name no field or folder gives: a literal one is quoted); ``"field:NAME"``,
``"host"`` and ``"folder"`` each use one of those alone. A summary gives, per source, the number of articles, how many were scored,
the mean score with a 95 % Student-t interval, the share failing, and the most
frequent rule codes. :func:`summarise` makes every summary: :func:`rollup` from lists of
rows, :class:`copydesk.ledger.SourceTally` from a run's running totals.
"""

from __future__ import annotations

import array
import functools
import logging
import math
import posixpath
import statistics
import sys
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath
from urllib.parse import urlsplit

from copydesk.safety import shown

log = logging.getLogger(__name__)

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
#: The Student-t quantile of the interval for 1 to :data:`T_QUANTILE_MAX_DF` degrees of freedom,
#: precomputed with scipy by ``scripts/build_student_t.py`` (zlib, little-endian doubles).
T_QUANTILE_FILE = Path(__file__).with_name("data") / "student_t975.bin"
T_QUANTILE_MAX_DF = 100_000


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


def shown_change(before: float, after: float) -> float:
    """``after - before`` as the two numbers read when shown to one decimal (``43.547 -> 38.7`` is ``-4.8``).

    Every change copydesk prints, and every limit it checks one against, uses this, so
    a reader's arithmetic on the printed numbers agrees with the verdict; ``+0.0``, never ``-0.0``.
    """
    return round(round(after, 1) - round(before, 1), 1) + 0.0


def percent(share: float) -> float:
    """A share (0-1) as the percentage copydesk shows, to one decimal (``1/3`` is ``33.3``)."""
    return round(share * 100, 1) + 0.0


#: The least span, in points, of a sparkline's scale: a series that moves less is drawn in a
#: window of this many points around its middle, so noise of a few tenths stays flat.
SPARK_SPAN = 10.0


def spark_scale(means: Sequence[float | None]) -> tuple[float, float]:
    """The low and high ends of a source's sparkline: its lowest and highest known mean, at least :data:`SPARK_SPAN` apart.

    A sparkline shows a source's own movement (the fall the gate fails on, 42.6 -> 37.6, is
    a fall, not a flat line at one level of a 0-100 scale); the numbers beside it give the
    levels to compare sources by. A narrower series is centred in a window of
    :data:`SPARK_SPAN` points, kept inside 0-100. No known mean: ``(0.0, 100.0)``.
    """
    known = [m for m in means if m is not None]
    if not known:
        return 0.0, 100.0
    low, high = min(known), max(known)
    if high - low < SPARK_SPAN:
        middle = (low + high) / 2
        low = min(max(0.0, middle - SPARK_SPAN / 2), 100.0 - SPARK_SPAN)
        high = low + SPARK_SPAN
    return low, high


def change(means: Sequence[float | None]) -> str | None:
    """The change from the first known mean to the last, signed, or None with fewer than two means.

    It is the difference of the two means as shown (to one decimal, :func:`shown_change`), so
    ``41.4 -> 41.3`` reads ``-0.1`` whatever the digits behind them; no change is ``+0.0``.
    """
    known = [m for m in means if m is not None]
    if len(known) < 2:
        return None
    return f"{shown_change(known[0], known[-1]):+.1f}"


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
    raise ValueError(f"unknown source strategy {shown(by)} (expected one of {', '.join(STRATEGIES)})")


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
    return next((_kept_apart(name) for name in candidates if name), UNKNOWN)


def _kept_apart(name: str) -> str:
    """``name`` as a source's name, never :data:`UNKNOWN`: a literal ``(unknown)`` is ``"(unknown)"``.

    So a record whose ``source`` field says ``(unknown)`` (or a folder of that name) is not
    rolled up with the articles that name no source. Every name of that shape (``(unknown)``
    in any number of double quotes) takes one more pair, so no two names become one.
    """
    if name.strip('"') == UNKNOWN:  # (unknown) itself, or already in quotes
        return f'"{name}"'
    return name


def _field(meta: Mapping[str, str], name: str) -> str | None:
    """A metadata field's value with surrounding white space removed, if non-empty."""
    value = meta.get(name)
    return (value.strip() or None) if isinstance(value, str) else None


def _host(url: str | None) -> str | None:
    """The URL's host in lower case without a leading ``www.`` or a trailing dot; None if it has none.

    A URL without a scheme (``www.bbc.co.uk/news/5``) has the host it starts with when
    that is a domain name (:func:`_schemeless_host`).
    """
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or _schemeless_host(url.strip())
    except ValueError:  # an invalid IPv6 literal, for one
        return None
    if not host:
        return None
    return _ascii_host(host).removeprefix("www.").rstrip(".") or None


#: The longest host name and label DNS allows: a longer host is no name to encode, and is kept as written.
MAX_HOST, MAX_LABEL = 253, 63
#: What IDNA reads as the dot between labels besides ``.`` (ideographic and full-width full stops).
_IDNA_DOTS = str.maketrans(dict.fromkeys("\u3002\uff0e\uff61", "."))


def _ascii_host(host: str) -> str:
    """An internationalised host in its ASCII (``xn--``) form, so each spelling of one host names one source.

    ``bücher.example`` (in any Unicode normalisation) and ``xn--bcher-kva.example`` are
    both ``xn--bcher-kva.example``. Each non-ASCII label is NFKC-normalised (a full-width
    ``ｂ`` is ``b``, as IDNA's mapping reads it), lower-cased and Punycode-encoded; a host with a label that is not a name's letters, digits, marks
    and hyphens (a control, a space, a symbol), or is longer than DNS allows, is kept as
    written (the reports escape it).
    """
    if host.isascii() or len(host) > MAX_HOST:
        return host
    labels = unicodedata.normalize("NFKC", host.translate(_IDNA_DOTS)).lower().split(".")
    if not all(len(label) <= MAX_LABEL and _name_label(label) for label in labels):
        return host
    return ".".join(label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii") for label in labels)


def _name_label(label: str) -> bool:
    """Whether a host label holds only letters, digits, combining marks and hyphens (of any script)."""
    return all(ch == "-" or ch.isalnum() or unicodedata.category(ch).startswith("M") for ch in label)


#: The characters of a domain name's labels (a hostname as urlsplit gives it: lower case).
_LABEL = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


#: Last labels that name a file, not a top-level domain, in a path without a scheme
#: (``index.php/news/5``). ``.md`` and ``.sh`` are country domains too, but a URL of one
#: without its scheme is rarer than a file path.
_FILE_ENDINGS = frozenset(
    {"php", "html", "htm", "asp", "aspx", "jsp", "cgi", "pl", "md", "txt", "json", "jsonl", "csv", "xml", "pdf", "sh"}
)


def _schemeless_host(url: str) -> str | None:
    """The domain name a URL without a scheme starts with (``www.bbc.co.uk/news/5``), else None.

    Only a name of two or more labels (of any script: ``bücher.example/g``) whose last is ASCII letters and not a file extension
    (:data:`_FILE_ENDINGS`), followed by a path or starting with ``www.``: ``story.html``,
    ``index.php/news/5`` and ``not a url`` have no host.
    """
    head, slash, _ = url.partition("/")
    if ":" in head or not (slash or head.lower().startswith("www.")):
        return None
    host = urlsplit("//" + head).hostname
    labels = (host or "").rstrip(".").split(".")
    if len(labels) < 2 or not labels[-1].isalpha() or not labels[-1].isascii() or labels[-1] in _FILE_ENDINGS:
        return None
    return host if all(label and (set(label) <= _LABEL or _name_label(label)) for label in labels) else None


#: How standard input is named as an article's path: it has no folder.
STDIN_PATH = "<stdin>"
#: How an article scored from a Dask collection (:func:`copydesk.scale.score_collection`) is named: no folder either.
COLLECTION_PATH = "<dask>"
#: The folders of a pipe named as a path (``<(command)`` is ``/dev/fd/63``): no folder of the articles.
_PIPE_FOLDERS = frozenset({"/dev/fd", "/proc/self/fd"})


def _folder(path: str | None) -> str | None:
    """The folder part of ``path`` as written, ``.``, ``..`` and doubled slashes folded (``"."`` for a bare name).

    ``a.txt``, ``./a.txt`` and ``x/../a.txt`` are all in ``.``; an absolute path stays
    absolute. None without a path, and for standard input, a pipe or a Dask collection,
    which have no folder. Memoised by what precedes the path's last name (every article
    of a file has the file's path, and the files of a folder share that part): a path
    whose last part is a name (not ``.`` or ``..``) has the folder of that part followed
    by any other name, as a POSIX path is parsed part by part at its slashes.
    """
    if not path or path in (STDIN_PATH, COLLECTION_PATH):
        return None
    name = path.rpartition("/")[2]
    if _POSIX and name and name not in (".", ".."):
        return _folder_of(path[: len(path) - len(name)] + "x")
    return _folder_of(path)


#: Whether ``PurePath`` parses paths as POSIX paths do (at ``/`` alone): :func:`_folder`'s shortcut holds then.
_POSIX = PurePath is PurePosixPath or issubclass(type(PurePath()), PurePosixPath)


@functools.lru_cache(maxsize=256)
def _folder_of(path: str) -> str | None:
    """:func:`_folder` of a path (not empty, not standard input or a collection), worked out and memoised."""
    folder = posixpath.normpath(PurePath(path).parent.as_posix())
    return None if folder in _PIPE_FOLDERS else folder


def t_quantile_from_scipy(df: int) -> float:
    """``scipy.special.stdtrit(df, 0.5 + CONFIDENCE / 2)``: the interval's Student-t quantile, from scipy."""
    # Imported here: a run reads the table instead, and importing scipy costs CPU time and
    # memory (measure: python -X importtime -c "import scipy.special").
    from scipy.special import stdtrit

    return float(stdtrit(df, 0.5 + CONFIDENCE / 2))


@functools.cache
def _t_quantiles() -> array.array[float] | None:
    """:data:`T_QUANTILE_FILE`'s quantiles; None (logged once) if it cannot be read, is corrupt or has the wrong length."""
    try:
        raw = zlib.decompress(T_QUANTILE_FILE.read_bytes())
    except (OSError, zlib.error) as exc:
        log.warning("%s is unreadable (%s): Student-t quantiles come from scipy", T_QUANTILE_FILE, exc)
        return None
    if len(raw) != 8 * T_QUANTILE_MAX_DF:
        log.warning(
            "%s holds %d bytes, not %d: Student-t quantiles come from scipy",
            T_QUANTILE_FILE,
            len(raw),
            8 * T_QUANTILE_MAX_DF,
        )
        return None
    values = array.array("d", raw)
    if sys.byteorder != "little":
        values.byteswap()
    return values


def t_quantile(df: int) -> float:
    """The interval's Student-t quantile for ``df`` degrees of freedom: from the table, else from scipy.

    Both give the same float (``tests/core/test_ledger.py`` checks every tabled value).
    """
    table = _t_quantiles() if 1 <= df <= T_QUANTILE_MAX_DF else None
    if table is not None:
        return table[df - 1]
    return t_quantile_from_scipy(df)


def summarise(
    source: str,
    articles: int,
    scored: int,
    failing: int,
    interval: tuple[float | None, float | None, float | None],
    codes: Mapping[str, int],
    top: int,
) -> SourceSummary:
    """One source's summary from its counts, its :func:`mean_interval` and its rule counts (the ``top`` kept).

    The one place a :class:`SourceSummary` is made: :func:`rollup` from lists, and
    :class:`copydesk.ledger.SourceTally` from running totals, both call it.
    """
    mean, low, high = interval
    ranked = sorted(codes.items(), key=lambda pair: (-pair[1], pair[0]))[:top]
    return SourceSummary(
        source=source,
        articles=articles,
        scored=scored,
        mean=mean,
        low=low,
        high=high,
        failing=failing,
        share_failing=failing / articles,
        top_rules=tuple(ranked),
    )


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
    failing = sum(1 for _, fails, _ in rows if fails)
    counts = Counter(code for _, _, codes in rows for code in codes)
    return summarise(source, len(rows), len(scores), failing, mean_interval(scores), counts, top)


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
    half = t_quantile(len(scores) - 1) * statistics.stdev(scores) / math.sqrt(len(scores))
    return mean, max(SCORE_RANGE[0], mean - half), min(SCORE_RANGE[1], mean + half)
