"""The JSON writers' text of a report (``schema.article_json``) is exactly ``json.dumps`` of its dictionary.

Findings are written from a template rather than encoded as dictionaries (issue 15):
these tests hold the text to what ``json.dumps`` and ``safety.json_text`` give of
``schema.article_dict``, in both layouts, for findings of every shape a report can
carry, the unusual ones (written through their dictionary) included.
"""

from __future__ import annotations

import enum
import json
from dataclasses import replace
from typing import Any

import pytest
from copydesk import safety
from copydesk.formats import schema
from copydesk.models import ArticleReport, Finding, FrozenDict, Position, Rule, Scorer, Severity, SourceRef
from copydesk.testing import plugin_set, score_batch
from hypothesis import given, settings
from hypothesis import strategies as st

RULE = Rule("ONE001", "one-rule", "One {word}")
BODY = 'Some body "text" here\n\twith caf\u00e9, a \u202e bidi mark, a \u2028 separator and a \x7f.\nThe end.'


def _score(document: Any, context: Any) -> list[Finding]:
    view = document.body
    return [
        RULE.finding(view, 0, 4, word="some"),
        RULE.finding(view, 22, 40, word='"quoted" 50%', data={"n": 3, "share": 0.25, "ok": True, "none": None}),
        RULE.finding(view, 40, 60, word="\u202e", data={"z": "caf\u00e9", "a": [1, {"b": 2.5}], "m": {}}),
        RULE.finding(view, 60, 60, word="empty", excerpt="\x7f\u2066 \\ / \b"),
    ]


ONE = Scorer("ONE", "one", (RULE,), _score)


class Kind(enum.IntEnum):
    """An int subclass, as a plugin's position may be."""

    FOUR = 4


class Text(str):
    """A str subclass, as a plugin's text may be."""


@pytest.fixture(scope="module")
def report() -> ArticleReport:
    [scored] = score_batch([BODY], plugin_set(scorers=[ONE]))
    assert len(scored.findings) == 4 and not scored.diagnostics
    return scored


def _as_dumps(report: ArticleReport, spaced: bool, timings: bool = False, first: Any = None) -> str:
    layout: dict[str, Any] = {"indent": 2} if spaced else {"separators": (",", ":")}
    value = {**(first or {}), **schema.article_dict(report, timings)}
    return safety.json_text(json.dumps(value, ensure_ascii=False, allow_nan=False, **layout))


def _variants(report: ArticleReport) -> dict[str, ArticleReport]:
    first = report.findings[0]
    odd = (
        replace(first, start=Kind.FOUR),
        replace(first, message=Text("a subclass")),
        replace(first, matched=Text("x")),
        replace(first, data={1: "int key"}),
        replace(first, data={"big": 2**60}),
        replace(first, severity=Severity.ERROR, data={"t": (1, 2)}),
    )
    source = SourceRef("a.txt", "txt", title_at=Position(0, 1, 1), body_at=Position(20, 2, 5))
    return {
        "scored": report,
        "no findings": replace(report, findings=(), diagnostics=()),
        "a baseline for some": replace(report, baseline_state=("new", "unchanged")),
        "a baseline for all and more": replace(report, baseline_state=("new",) * 6),
        "a baseline state not a str": replace(report, baseline_state=(None, 1)),  # type: ignore[arg-type]
        "unusual values": replace(report, findings=odd, diagnostics=report.findings[:1]),
        "a file source": replace(report, source=source),
        "a record source": replace(report, source=SourceRef("a.jsonl", "jsonl", record=7)),
        "a title with specials": replace(report, title="\u2029 \u061c title", id="\ufeffid"),
        "ASCII but for a DEL": replace(
            report, findings=(replace(first, message="del \x7f", excerpt="x", matched="x"),)
        ),
        "a bidi mark only in data": replace(
            report,
            findings=tuple(
                replace(f, message="m", excerpt="x", matched="x", data={"k": "\u202e"}) for f in report.findings
            ),
        ),
        "a bidi mark only in the path": replace(
            report,
            findings=tuple(replace(f, message="m", excerpt="x", matched="x", data={}) for f in report.findings),
            source=SourceRef("caf\u00e9 \u2066.jsonl", "jsonl", record=2),
        ),
        "percent signs in a rule's texts": replace(
            report,
            findings=tuple(
                replace(f, name="50%-rule", plugin="p%s%d", prefix="%%", field="te%xt") for f in report.findings
            ),
        ),
    }


VARIANTS = [
    "scored",
    "no findings",
    "a baseline for some",
    "a baseline for all and more",
    "a baseline state not a str",
    "unusual values",
    "a file source",
    "a record source",
    "a title with specials",
    "ASCII but for a DEL",
    "a bidi mark only in data",
    "a bidi mark only in the path",
    "percent signs in a rule's texts",
]


@pytest.mark.parametrize("spaced", [False, True], ids=["compact", "indented"])
@pytest.mark.parametrize("name", VARIANTS)
def test_the_text_of_a_report_is_json_dumps_of_its_dictionary(report: ArticleReport, name: str, spaced: bool) -> None:
    variants = _variants(report)
    assert list(variants) == VARIANTS
    variant = variants[name]
    assert schema.article_json(variant, "json", spaced=spaced) == _as_dumps(variant, spaced)


@pytest.mark.parametrize("name", VARIANTS)
def test_an_article_of_the_json_document_is_indented_as_a_shifted_copy_would_be(
    report: ArticleReport, name: str
) -> None:
    """The JSON document's article (``shift``) is made at its depth: every line break followed by the shift."""
    variant = _variants(report)[name]
    for shift in ("    ", "\t"):
        shifted = schema.article_json(variant, "json", spaced=True, timings=True, shift=shift)
        assert shifted == schema.article_json(variant, "json", spaced=True, timings=True).replace("\n", "\n" + shift)


@pytest.mark.parametrize("spaced", [False, True], ids=["compact", "indented"])
def test_the_text_keeps_timings_and_leading_keys_where_json_dumps_puts_them(
    report: ArticleReport, spaced: bool
) -> None:
    first = {"schema_version": schema.SCHEMA_VERSION}
    got = schema.article_json(report, "jsonl", spaced=spaced, timings=True, first=first)
    assert got == _as_dumps(report, spaced, timings=True, first=first)
    assert '"seconds"' in got


def test_a_finding_with_a_nan_in_its_data_is_refused_with_the_reports_name(report: ArticleReport) -> None:
    finding = replace(report.findings[0], data={"v": float("nan")})
    with pytest.raises(ValueError, match=r"^the jsonl report would not be JSON"):
        schema.article_json(replace(report, findings=(finding,)), "jsonl", spaced=False)


#: What ``safety.json_text`` escapes, written out as its pattern was before long texts got their own check.
_RAW = "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"


@pytest.mark.parametrize(
    "char",
    [
        "\x7e",
        "\x7f",
        "\x9f",
        "\xa0",
        "\u061c",
        "\u200d",
        "\u200e",
        "\u200f",
        "\u2027",
        "\u2028",
        "\u2029",
        "\u202a",
        "\u202e",
        "\u202f",
        "\u2065",
        "\u2066",
        "\u2069",
        "\u206a",
        "\ufeff",
        "\ufffe",
        "\ud800",
        "\U0001f600",
        "\U000efeff",
    ],
)
def test_a_text_long_or_short_is_escaped_as_the_pattern_escapes_it(char: str) -> None:
    import re

    expected = re.compile(_RAW)
    for text in ("a" * 3000 + char, char + "\u2019" * 3000, "\U0001f600" * 1500 + char + "x" * 1500, "a" + char):
        want = expected.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
        assert safety.json_text(text) == want
    assert (len("a" * 3000 + char) >= safety._LONG) and safety._holds_raw("a" * 3000 + char) == bool(
        expected.search(char)
    )


#: Pieces of a report's text: ASCII, typographic quotes, the characters json_text escapes and their neighbours, long runs.
PIECES = st.lists(
    st.one_of(
        st.text(
            st.sampled_from(["a", " ", '"', "\x7e", "\x7f", "\u2019", "\xa0", "\x9f", "\u2028", "\u202f", "\ufeff"])
        ),
        st.sampled_from(["x" * 3000, "\u2019" * 2100, "\u201c" * 1000 + "\u2066", "plain ascii", ""]),
    ),
    max_size=12,
)


@settings(max_examples=1000, deadline=None)
@given(PIECES)
def test_pieces_are_made_safe_as_their_joined_text_would_be(pieces: list[str]) -> None:
    assert safety.joined_json_text(pieces) == safety.json_text("".join(pieces))


def test_many_findings_are_written_as_json_dumps_writes_them(report: ArticleReport) -> None:
    first, second, third, fourth = report.findings
    many = tuple(
        replace(f, start=f.start + i % 3, data={**f.data, "i": i} if i % 2 else f.data)
        for i, f in enumerate([first, second, third, fourth] * 20)
    )
    for findings in (many, (*many, replace(first, data={"t": (1, 2)})), (*many, replace(first, matched=Text("m")))):
        variant = replace(report, findings=findings)
        for spaced in (False, True):
            assert schema.article_json(variant, "jsonl", spaced=spaced) == _as_dumps(variant, spaced)


def test_jsonl_line_is_the_dumps_of_the_report_with_its_schema_version(report: ArticleReport) -> None:
    line = schema.jsonl_line(report)
    assert line == _as_dumps(report, False, first={"schema_version": schema.SCHEMA_VERSION})
    assert "\n" not in line  # to_textfiles puts the newlines between lines


SHAPES = [
    {},
    [],
    (),
    {"a": [], "b": {}, "c": ()},
    [1, 2.5, -0.0, 1e300, 'x\n\u2019"', None, True, False, 2**70],
    {"a": {"b": [1, {"c": 2, "d": [None, {"e": "f"}]}], "g": 1e-7}},
    {"scorers": [{"metrics": {"m": 0.5}, "features": {}, "error": None}, {"metrics": {}}]},
    {1: "an int key", "s": 1},
    {"a": {2.5: "a float key"}},
    {"frozen": FrozenDict(b=1, a=[1, 2])},
    {"subclass": Text("a str subclass"), "n": Kind.FOUR},
    [[[]], [{}], [[1, [2, [3]]]]],
]


@pytest.mark.parametrize("value", SHAPES, ids=[str(i) for i in range(len(SHAPES))])
def test_the_indented_layout_is_json_dumps_with_indent_2(value: Any) -> None:
    assert schema.dumps(value, "json", indent=2) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [{"a": float("nan")}, [1, {"b": float("inf")}], {"a": object()}])
def test_the_indented_layout_refuses_what_json_dumps_refuses(value: Any) -> None:
    with pytest.raises(ValueError, match=r"^the json report would not be JSON"):
        schema.dumps(value, "json", indent=2)


@settings(max_examples=500, deadline=None)
@given(st.floats(allow_nan=False), st.sampled_from([2, 4, 6]))
def test_a_value_is_rounded_as_round_writes_it(value: float, places: int) -> None:
    # whole numbers skip round(): the same float, sign of zero and infinities included
    assert repr(schema._round(value, places)) == repr(round(value, places))
    assert repr(schema._rounded({"v": value}, places)["v"]) == repr(round(value, places))


@pytest.mark.parametrize("value", [0.0, -0.0, 1.0, -3.0, 2.0**53 + 2, 1e300, float("inf"), 0.12345678, 2.5])
def test_whole_and_other_numbers_are_rounded_as_round_writes_them(value: float) -> None:
    for places in (2, 4, 6):
        assert repr(schema._round(value, places)) == repr(round(value, places))


#: Floats where the compact head's number text could go wrong: near its range's edges (1e-4,
#: 1e9), near halves of the last place kept, whole numbers, signed zeros, the very large and small.
NUMBERS = st.one_of(
    st.floats(allow_nan=False),
    st.integers(-(10**13), 10**13).map(lambda n: n / 10**7),
    st.integers(-(10**9), 10**9).map(lambda n: (n + 0.5) / 10**6),
    st.floats(min_value=1e-6, max_value=1e-3),
    st.floats(min_value=-1e-3, max_value=-1e-6),
    st.floats(min_value=5e8, max_value=2e9),
    st.sampled_from([0.0, -0.0, 1e-4, -1e-4, 1e9, -1e9, 999999999.9999999, 0.00009999995, 0.005, -0.005, 2.0**53]),
)


@settings(max_examples=2000, deadline=None)
@given(NUMBERS, st.sampled_from([2, 4, 6]))
def test_the_compact_heads_number_text_is_what_json_writes_of_the_rounded_value(value: float, places: int) -> None:
    written = schema._numbers([value], f"%.{places}f", places)
    if value in (float("inf"), float("-inf")):
        assert written is None  # the head goes through json.dumps, which refuses it
    else:
        assert written == [json.dumps(round(value, places))]


#: A scorer's values as a plugin may give them, usual (finite floats, exact strings) or not.
FINITE = NUMBERS.filter(lambda value: value not in (float("inf"), float("-inf")))
ODD_VALUES = st.one_of(NUMBERS, st.just(float("nan")), st.integers(-5, 5), st.booleans())
NAMES = st.one_of(st.text(max_size=8), st.sampled_from(["a", "b", "rate", 'q"uote', "caf\u00e9", "\u2028", "%s"]))
ODD_NAMES = st.one_of(NAMES, NAMES.map(Text))


@st.composite
def scorer_results(draw: Any, first: Any, usual: bool) -> Any:
    """A ScorerResult like ``first`` with drawn texts, numbers, metrics and features, of the usual types or not."""
    values, texts = (FINITE, NAMES) if usual else (ODD_VALUES, ODD_NAMES)
    keys = NAMES if usual else st.one_of(ODD_NAMES, st.integers(0, 3))
    return replace(
        first,
        prefix=draw(texts),
        name=draw(texts),
        plugin=draw(texts),
        subscore=draw(st.one_of(st.none(), values)),
        weight=draw(values),
        contribution=draw(values),
        metrics=draw(st.dictionaries(keys, values, max_size=5)),
        features=draw(st.dictionaries(NAMES, values, max_size=8)),
        error=draw(st.one_of(st.none(), texts)),
    )


@settings(max_examples=300, deadline=None)
@given(st.data(), st.booleans())
def test_a_heads_scorers_are_json_dumps_of_their_dictionaries_whatever_they_hold(
    report: ArticleReport, data: Any, spaced: bool
) -> None:
    usual = [data.draw(st.booleans()) for _ in range(data.draw(st.integers(0, 3)))]
    scorers = tuple(data.draw(scorer_results(report.scorers[0], ok)) for ok in usual)
    for ok, scorer in zip(usual, scorers, strict=True):
        if ok:  # the usual types are written by the fast path
            assert schema._scorer_text(scorer, schema._HEAD_LAYOUTS[spaced]) is not None
    variant = replace(report, scorers=scorers)
    try:
        expected = _as_dumps(variant, spaced, first={"schema_version": schema.SCHEMA_VERSION})
    except (TypeError, ValueError):
        with pytest.raises((TypeError, ValueError)):
            schema.article_json(variant, "jsonl", spaced=spaced)
        return
    first = {"schema_version": schema.SCHEMA_VERSION}
    assert schema.article_json(variant, "jsonl", spaced=spaced, first=first) == expected
    if spaced:  # an article of the JSON document: the same text, one level deeper
        shifted = schema.article_json(variant, "json", spaced=True, shift="  ")
        assert shifted == _as_dumps(variant, True).replace("\n", "\n  ")
    else:
        assert schema.jsonl_line(variant) == expected


def test_a_scorer_metric_that_is_nan_is_refused_with_the_reports_name(report: ArticleReport) -> None:
    variant = replace(report, scorers=(replace(report.scorers[0], metrics={"m": float("nan")}),))
    assert schema._scorer_text(variant.scorers[0], schema._HEAD_LAYOUTS[False]) is None  # then through json.dumps
    with pytest.raises(ValueError, match=r"^the jsonl report would not be JSON"):
        schema.jsonl_line(variant)
