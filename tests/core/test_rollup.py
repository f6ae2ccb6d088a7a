"""Source roll-up: choosing an article's source, and per-source summaries."""

from __future__ import annotations

import math
import posixpath
from pathlib import PurePath

import copydesk.rollup as rollup_module
import pytest
from copydesk.rollup import (
    UNKNOWN,
    SourceSummary,
    SourceTrend,
    check_strategy,
    mean_interval,
    rollup,
    source_name,
    trends,
)
from hypothesis import given, settings
from hypothesis import strategies as st

WIRE = "https://www.Wire.example/2024/story"


@pytest.mark.parametrize(
    ("meta", "url", "path", "by", "expected"),
    [
        # auto: source field first, then site, then URL host, then folder, then unknown
        ({"source": "Reuters", "site": "x"}, WIRE, "feeds/a.txt", "auto", "Reuters"),
        ({"site": " bbc "}, WIRE, "feeds/a.txt", "auto", "bbc"),
        ({"source": "  "}, WIRE, "feeds/a.txt", "auto", "wire.example"),
        ({}, "http://news.example:8080/x", None, "auto", "news.example"),
        ({}, "not a url", "feeds/wire/a.txt", "auto", "feeds/wire"),
        ({}, "http://[::1", "feeds/a.txt", "auto", "feeds"),
        ({}, None, "a.txt", "auto", "."),
        ({}, None, None, "auto", UNKNOWN),
        # however the path was typed, the same file is in the same folder; stdin and pipes have none (review 11, item 10)
        ({}, None, "./a.txt", "auto", "."),
        ({}, None, "feeds/./wire/../a.txt", "auto", "feeds"),
        ({}, None, "feeds//a.txt", "folder", "feeds"),
        ({}, None, "/abs/feeds/a.txt", "auto", "/abs/feeds"),
        ({}, None, "<stdin>", "auto", UNKNOWN),
        ({}, None, "<stdin>", "folder", UNKNOWN),
        ({}, None, "/dev/fd/63", "auto", UNKNOWN),
        ({}, None, "<dask>", "auto", UNKNOWN),  # a Dask collection's records have no folder either
        # one strategy alone
        ({"outlet": "AP", "source": "x"}, WIRE, "f/a.txt", "field:outlet", "AP"),
        ({"source": "x"}, WIRE, "f/a.txt", "field:outlet", UNKNOWN),
        ({"source": "x"}, WIRE, "f/a.txt", "host", "wire.example"),
        ({"source": "x"}, None, "f/a.txt", "host", UNKNOWN),
        ({"source": "x"}, WIRE, "f/g/a.txt", "folder", "f/g"),
        ({"source": "x"}, WIRE, None, "folder", UNKNOWN),
        ({}, "https://www./x", None, "host", UNKNOWN),
        # a URL without a scheme has the host it starts with; a trailing dot is the same host
        ({}, "www.BBC.co.uk/news/5", "feeds/a.txt", "auto", "bbc.co.uk"),
        ({}, " bbc.co.uk/news/5", "feeds/a.txt", "auto", "bbc.co.uk"),
        ({}, "www.bbc.co.uk", "feeds/a.txt", "auto", "bbc.co.uk"),
        ({}, "user@www.bbc.co.uk/news", "feeds/a.txt", "host", "bbc.co.uk"),
        ({}, "https://www.bbc.co.uk./news/5", None, "host", "bbc.co.uk"),
        ({}, "bbc.co.uk./news/5", None, "host", "bbc.co.uk"),
        ({}, "story.html", "feeds/a.txt", "auto", "feeds"),
        ({}, "news/5.html", "feeds/a.txt", "auto", "feeds"),
        ({}, "/news/5", "feeds/a.txt", "auto", "feeds"),
        ({}, "not a url/x", "feeds/a.txt", "auto", "feeds"),
        ({}, "mailto:desk@bbc.co.uk/x", "feeds/a.txt", "auto", "feeds"),
        ({}, "bbc.co.1/x", "feeds/a.txt", "auto", "feeds"),
        ({}, "bbc..uk/x", "feeds/a.txt", "auto", "feeds"),
        # a file's name at the start of a path is not a host (review 12b)
        ({}, "index.php/news/5", "feeds/a.txt", "auto", "feeds"),
        ({}, "summary.md/x", "feeds/a.txt", "auto", "feeds"),
    ],
)
def test_source_name_follows_the_strategy(
    meta: dict[str, str], url: str | None, path: str | None, by: str, expected: str
) -> None:
    assert source_name(meta, url, path, by) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://xn--bcher-kva.example/1",
        "https://bücher.example/2",
        "https://www.BÜCHER.example/3",
        "https://bu\u0308cher.example/4",  # decomposed: the same name once NFC-normalised
        "http://bücher\u3002example/5",  # an ideographic full stop separates labels as a dot does
        # review s25v2: a full-width letter is its ASCII letter (NFKC), and a URL without a scheme has its host too
        "https://\uff42\u00fccher.example/6",
        "bücher.example/7",
        "WWW.Bücher.Example/8",
    ],
)
def test_an_internationalised_host_is_one_source_in_its_ascii_form_however_it_is_spelled(url: str) -> None:
    assert source_name({}, url, "feeds/a.txt", "host") == "xn--bcher-kva.example"


@pytest.mark.parametrize(
    "url",
    [
        "https://b\u202ead.example/x",  # a bidi override is no letter of a name
        "https://a\x07b.example/x",
        "https://caf\u00e9\u2603.example/x",  # a symbol
        "https://" + "\u00e9" * 300 + ".example/x",  # longer than DNS allows
        "https://" + "\u00e9" * 64 + ".example/x",  # a label longer than DNS allows
    ],
)
def test_a_host_that_is_no_internationalised_name_is_kept_as_written_without_an_error(url: str) -> None:
    from urllib.parse import urlsplit

    assert source_name({}, url, "feeds/a.txt", "host") == urlsplit(url).hostname


@pytest.mark.parametrize(
    ("meta", "path", "by", "expected"),
    [
        ({"source": "(unknown)"}, None, "auto", '"(unknown)"'),
        ({"source": " (unknown) "}, None, "auto", '"(unknown)"'),
        ({"site": "(unknown)"}, None, "field:site", '"(unknown)"'),
        ({"source": '"(unknown)"'}, None, "auto", '""(unknown)""'),
        ({"source": '"(unknown)'}, None, "auto", '""(unknown)"'),
        ({}, "(unknown)/a.txt", "folder", '"(unknown)"'),
        ({"source": "(Unknown)"}, None, "auto", "(Unknown)"),
        ({"source": "(unknown) news"}, None, "auto", "(unknown) news"),
        ({}, None, "auto", UNKNOWN),
    ],
)
def test_a_literal_unknown_source_is_never_the_group_of_articles_that_name_none(
    meta: dict[str, str], path: str | None, by: str, expected: str
) -> None:
    """A source field (or folder) spelling "(unknown)" is kept apart from the articles without a source."""
    assert source_name(meta, None, path, by) == expected


@pytest.mark.parametrize("quotes", range(4))
def test_names_spelling_unknown_in_quotes_stay_distinct(quotes: int) -> None:
    names = {source_name({"source": '"' * n + UNKNOWN + '"' * n}, None, None, "auto") for n in range(quotes + 1)}
    assert len(names) == quotes + 1 and UNKNOWN not in names


@pytest.mark.parametrize("by", ["", "url", "field:", "field:  ", "Auto"])
def test_an_unknown_strategy_is_refused_naming_the_valid_ones(by: str) -> None:
    with pytest.raises(ValueError, match=r"unknown source strategy .*auto, host, folder, field:NAME"):
        source_name({}, None, None, by)
    with pytest.raises(ValueError):
        check_strategy(by)


@pytest.mark.parametrize(
    ("scores", "t_critical"),
    [
        # two-sided 95 % critical values of Student's t from a printed table
        ([60.0, 70.0, 80.0, 90.0], 3.182),
        ([50.0, 52.0, 55.0, 61.0, 47.0, 58.0, 49.0, 53.0, 51.0, 60.0, 56.0], 2.228),
    ],
)
def test_the_interval_is_a_student_t_interval(scores: list[float], t_critical: float) -> None:
    n = len(scores)
    mean = sum(scores) / n
    sd = math.sqrt(sum((s - mean) ** 2 for s in scores) / (n - 1))
    got_mean, low, high = mean_interval(scores)
    assert got_mean == pytest.approx(mean)
    assert low == pytest.approx(mean - t_critical * sd / math.sqrt(n), abs=1e-2)
    assert high == pytest.approx(mean + t_critical * sd / math.sqrt(n), abs=1e-2)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([], (None, None, None)),
        ([42.0], (42.0, None, None)),
        ([70.0, 70.0, 70.0], (70.0, 70.0, 70.0)),
    ],
)
def test_interval_edge_cases(scores: list[float], expected: tuple[float | None, ...]) -> None:
    assert mean_interval(scores) == expected


def test_the_interval_is_clipped_to_the_score_range() -> None:
    mean, low, high = mean_interval([2.0, 98.0])
    assert (mean, low, high) == (50.0, 0.0, 100.0)


def test_rollup_summarises_each_source_sorted_by_name() -> None:
    items = [
        ("wire", 80.0, False, ["HDG001", "FIG001", "HDG001"]),
        ("blog", 30.0, True, ["TPL001"]),
        ("wire", 60.0, True, ["FIG001", "TRN001"]),
        ("wire", None, True, []),
        ("blog", 40.0, False, ["TPL001", "HDG002"]),
    ]
    blog, wire = rollup(items, top=2)
    assert wire.source == "wire" and blog.source == "blog"
    assert (wire.articles, wire.scored, wire.failing) == (3, 2, 2)
    assert wire.mean == 70.0 and wire.share_failing == pytest.approx(2 / 3)
    # FIG001 and HDG001 both twice: tie broken by code; TRN001 left out by top=2
    assert wire.top_rules == (("FIG001", 2), ("HDG001", 2))
    assert blog == SourceSummary(
        source="blog",
        articles=2,
        scored=2,
        mean=35.0,
        low=blog.low,
        high=blog.high,
        failing=1,
        share_failing=0.5,
        top_rules=(("TPL001", 2), ("HDG002", 1)),
    )
    assert blog.low is not None and blog.low < 35.0 < (blog.high or 0)


@pytest.mark.parametrize("top", [0, 1, 5])
def test_top_limits_the_rules_kept(top: int) -> None:
    (only,) = rollup([("s", 50.0, False, ["A", "B", "B", "C", "C", "C"])], top=top)
    assert only.top_rules == (("C", 3), ("B", 2), ("A", 1))[:top]


def test_an_unscored_source_has_no_mean_and_counts_its_failures() -> None:
    (only,) = rollup([("s", None, True, []), ("s", None, False, [])])
    assert (only.mean, only.low, only.high, only.scored, only.share_failing) == (None, None, None, 0, 0.5)


def test_rollup_is_deterministic_whatever_the_input_order() -> None:
    items = [("b", 10.0, False, ["X"]), ("a", 90.0, True, ["Y"]), ("b", 30.0, True, ["Z", "X"])]
    assert rollup(items) == rollup(list(reversed(items)))
    assert rollup([]) == ()


def test_a_negative_top_is_refused() -> None:
    with pytest.raises(ValueError, match="top must be 0 or more"):
        rollup([], top=-1)


def test_trends_follow_this_runs_sources_with_their_recorded_points_then_now() -> None:
    now = rollup([("wire", 70.0, False, []), ("blog", None, True, []), ("new", 50.0, False, [])])
    recorded = {"wire": [(3, 80.0), (5, 75.0)], "blog": [(5, 40.0)], "gone": [(1, 10.0)]}
    assert trends(recorded, now) == (
        SourceTrend("blog", (5, None), (40.0, None)),
        SourceTrend("new", (None,), (50.0,)),
        SourceTrend("wire", (3, 5, None), (80.0, 75.0, 70.0)),
    )


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b.txt", ".", "..", "", "c d", "\\", "x.."]), min_size=1, max_size=6), st.booleans()
)
def test_a_paths_folder_memoised_by_what_precedes_its_name_is_the_folder_of_the_path_itself(
    parts: list[str], absolute: bool
) -> None:
    path = ("/" if absolute else "") + "/".join(parts)
    if not path or path in ("<stdin>", "<dask>"):
        return
    folder = posixpath.normpath(PurePath(path).parent.as_posix())
    assert rollup_module._folder(path) == (None if folder in ("/dev/fd", "/proc/self/fd") else folder)
