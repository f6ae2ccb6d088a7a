"""Containment: the fingerprint that tells whether a scorer changed the shared document, and the
checks that what a scorer returns is JSON and points where it says."""

from __future__ import annotations

import bisect
import datetime
import json
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

import pytest
from copydesk import Assessment, Context, Finding, Rule, Scorer, containment
from copydesk.formats.schema import article_dict
from copydesk.models import Article
from copydesk.testing import plugin_set, score_batch
from copydesk.text import Document, TextView
from hypothesis import example, given, settings
from hypothesis import strategies as st


@dataclass(frozen=True)
class One:
    value: list[int]


@dataclass(frozen=True)
class Nothing:
    pass


def test_the_fingerprint_changes_when_a_frozen_field_is_replaced() -> None:
    document = Document.from_article(Article(id="a", title="T", body="Some body text."))
    before = containment.fingerprint(document)
    assert containment.unchanged(before, containment.fingerprint(document))
    object.__setattr__(document.article, "title", "Other")
    assert not containment.unchanged(before, containment.fingerprint(document))


def test_a_field_replaced_by_an_equal_object_is_a_change() -> None:
    """The fields are compared by identity: an equal copy put in a field's place is still a change."""
    document = Document.from_article(Article(id="a", title="T", body="Some body text.", meta={"k": "v"}))
    before = containment.fingerprint(document)
    object.__setattr__(document.article, "meta", dict(document.article.meta))
    assert not containment.unchanged(before, containment.fingerprint(document))


def test_field_values_are_a_tuple_whatever_the_number_of_fields() -> None:
    """One field is a one-tuple (attrgetter of one name would give the value), none an empty tuple."""
    one = One([1])
    (value,) = containment._field_values(one)
    assert value is one.value
    object.__setattr__(one, "value", [1])
    (value,) = containment._field_values(one)
    assert value is one.value
    assert containment._field_values(Nothing()) == ()


def test_a_deleted_field_counts_as_none() -> None:
    one = One([1])
    object.__delattr__(one, "value")
    assert containment._field_values(one) == (None,)


# What a scorer hands the core must be JSON and point where it says (issue 16 items 8 and 9).

PLAIN = Rule("PLN001", "plain-rule", "Plain")
BODY = "Some body text here.\nA second line of it."


def _returning(change: Callable[[Finding], Finding] | None = None, **assessment: Any) -> Scorer:
    """A scorer returning one PLN001 finding at "body" in line 1, as ``change`` alters it, and ``assessment``."""

    def score(document: Document, context: Context) -> Assessment:
        found = PLAIN.finding(document.body, 5, 9)
        return Assessment((change(found) if change else found,), **assessment)

    return Scorer("PLN", "plain", (PLAIN,), score)


OTHER_RULE = Rule("OTH001", "other-rule", "Other")
#: A well-behaved scorer beside the broken one: one finding at "Some".
OTHER = Scorer("OTH", "other", (OTHER_RULE,), lambda document, context: [OTHER_RULE.finding(document.body, 0, 4)])


def _with(**fields: Any) -> Callable[[Finding], Finding]:
    return lambda found: replace(found, **fields)


def _deep(levels: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(levels - 1):
        value = [value]
    return value


def _circular() -> list[Any]:
    loop: list[Any] = []
    loop.append(loop)
    return loop


class Exploding(Mapping[str, Any]):
    """Data that raises when read."""

    def __getitem__(self, key: str) -> Any:
        raise RuntimeError("cannot read me")

    def __iter__(self) -> Iterator[str]:
        raise RuntimeError("cannot read me")

    def __len__(self) -> int:
        return 1


BAD = [
    ("data-nan", _with(data={"v": math.nan}), "data['v'] is nan: JSON has no NaN or Infinity"),
    ("data-inf-in-list", _with(data={"v": [1, math.inf]}), "data['v'][1] is inf: JSON has no NaN"),
    ("data-inf-in-dict", _with(data={"v": [{"w": -math.inf}]}), "data['v'][0]['w'] is -inf"),
    ("data-set", _with(data={"v": {1, 2}}), "data['v'] is a set, not a JSON value"),
    ("data-datetime", _with(data={"v": datetime.datetime(2024, 1, 1)}), "data['v'] is a datetime, not a JSON value"),
    ("data-bytes", _with(data={"v": b"x"}), "data['v'] is a bytes, not a JSON value"),
    ("data-huge-int", _with(data={"v": 10**5000}), "data['v'] is an integer beyond ±(2**53 - 1)"),
    ("data-inexact-int", _with(data={"v": 2**53}), "data['v'] is an integer beyond ±(2**53 - 1)"),
    ("data-int-key", _with(data={1: "one"}), "data has a key that is an int"),
    ("data-surrogate", _with(data={"v": "a\ud800b"}), "data['v'] is not valid Unicode"),
    ("data-too-deep", _with(data={"v": _deep(40)}), "nests deeper than 32 levels"),
    ("data-circular", _with(data={"v": _circular()}), "nests deeper than 32 levels"),
    ("data-not-a-mapping", _with(data=[1]), "data is a list, not a mapping"),
    ("message-bytes", _with(message=b"Plain"), "message is a bytes, not a str"),
    ("excerpt-none", _with(excerpt=None), "excerpt is a NoneType, not a str"),
    ("matched-surrogate", _with(matched="\udc80"), "matched is not valid Unicode"),
    ("start-float", _with(start=5.0), "start is a float, not an int"),
    ("end-bool", _with(start=0, end=True, column=1), "end is a bool, not an int"),
    ("line-huge", _with(line=10**5000), "line is an integer beyond"),
    (
        "line-and-column-made-up",
        _with(line=77, column=999_995_125),
        "PLN001 at text 5-9 placed at line 77 column 999995125 to line 1 column 10, "
        "but the span is at line 1 column 6 to line 1 column 10",
    ),
    (
        "end-column-made-up",
        _with(end_column=3),
        "to line 1 column 3, but the span is at line 1 column 6 to line 1 column 10",
    ),
    ("end-line-made-up", _with(end_line=2), "to line 2 column 10, but"),
    ("data-raises-when-read", _with(data=Exploding()), "raised when checked: RuntimeError: cannot read me"),
]


@pytest.mark.parametrize(("change", "why"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_finding_that_is_not_json_or_not_where_it_says_is_that_scorers_cd001(
    change: Callable[[Finding], Finding], why: str
) -> None:
    [report] = score_batch([BODY], plugin_set(scorers=[_returning(change), OTHER]))
    assert [d.code for d in report.diagnostics] == ["CD001"]
    assert report.diagnostics[0].message.startswith("Scorer PLN (test) failed on this article: returned ")
    assert why in report.diagnostics[0].message
    assert report.scorers[0].error and not report.scorers[0].findings
    assert report.scorers[1].error is None and len(report.findings) == 1  # the other scorer's finding stands
    json.dumps(article_dict(report), allow_nan=False).encode("utf-8")


def test_a_metric_named_by_anything_but_a_string_is_that_scorers_cd001() -> None:
    [report] = score_batch([BODY], plugin_set(scorers=[_returning(metrics={("a", "b"): 1.0})]))
    assert report.scorers[0].error == "returned a metric whose name is a tuple, not a str"


def test_json_values_in_data_are_published_as_given() -> None:
    data = {
        "none": None,
        "flag": True,
        "text": "caf\u00e9 \U0001f600",
        "largest": 2**53 - 1,
        "smallest": -(2**53 - 1),
        "ratio": 0.25,
        "pair": (1, [2.5, "x"]),
        "nested": {"a": {"b": [None]}},
        "deep": _deep(31),  # 32 levels, data itself the first
    }
    [report] = score_batch([BODY], plugin_set(scorers=[_returning(_with(data=data))]))
    assert report.scorers[0].error is None
    published = json.loads(json.dumps(article_dict(report), allow_nan=False))["findings"][0]["data"]
    assert published == json.loads(json.dumps(data))


def test_a_scorer_exception_with_a_lone_surrogate_is_reported_escaped() -> None:
    def score(document: Document, context: Context) -> Assessment:
        raise ValueError("bad \ud800 input")

    [report] = score_batch([BODY], plugin_set(scorers=[Scorer("PLN", "plain", (PLAIN,), score)]))
    assert report.scorers[0].error == "ValueError: bad \\ud800 input"
    json.dumps(article_dict(report), ensure_ascii=False).encode("utf-8")


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**60), max_value=2**60)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(codec=None, exclude_categories=())),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=3) | st.integers(0, 3), inner, max_size=3)
        | st.frozensets(st.integers(0, 3), max_size=2)
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=4), _VALUES, max_size=4))
def test_the_fast_path_for_finding_data_accepts_only_what_the_full_check_accepts(data: dict[str, object]) -> None:
    """``_plain_json`` skips building messages for plain data; it must never pass what :func:`data_problem` refuses."""
    from copydesk.containment import _plain_json, data_problem

    if _plain_json(data, 0):
        assert data_problem(data, "data") is None


_ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=4)
_POSITION = st.integers(min_value=-(2**54), max_value=2**54) | st.booleans() | st.floats(allow_nan=False)


@settings(max_examples=400, deadline=None)
@given(
    st.tuples(*[_ANY_TEXT | st.none() | st.binary(max_size=2)] * 6),
    st.tuples(*[_POSITION] * 6),
    st.dictionaries(st.text(max_size=3), _VALUES, max_size=2) | st.lists(st.integers(), max_size=1),
)
def test_the_fast_path_for_a_finding_accepts_only_what_the_field_by_field_check_accepts(
    texts: tuple[object, ...], positions: tuple[object, ...], data: object
) -> None:
    """``_plain_finding`` checks all texts and positions at once; it must never pass what the slow path refuses."""
    from copydesk.containment import _POSITIONS, _TEXTS, _checked_values, _plain_finding

    found = PLAIN.finding(TextView(BODY), 5, 9)
    changed = {**dict(zip(_TEXTS, texts, strict=True)), **dict(zip(_POSITIONS, positions, strict=True))}
    finding = replace(found, data=data, **changed)
    if _plain_finding(finding):
        assert _checked_values(finding) is None
    plain = replace(found, data={}, **{k: v for k, v in changed.items() if type(v) in (str, int)})
    assert _plain_finding(plain) == (_checked_values(plain) is None)


def _returning_many(change: Callable[[Finding], Finding]) -> Scorer:
    """A scorer returning five PLN001 findings, the fourth as ``change`` alters it (more than one batch check)."""

    def score(document: Document, context: Context) -> Assessment:
        spans = [(0, 4), (5, 9), (10, 14), (5, 9), (21, 22)]
        found = [PLAIN.finding(document.body, start, end) for start, end in spans]
        found[3] = change(found[3])
        return Assessment(tuple(found))

    return Scorer("PLN", "plain", (PLAIN,), score)


@pytest.mark.parametrize(("change", "why"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_finding_among_good_ones_is_named_as_when_alone(change: Callable[[Finding], Finding], why: str) -> None:
    """The findings of a result are checked all at once; one that fails is still named, with what is wrong."""
    [report] = score_batch([BODY], plugin_set(scorers=[_returning_many(change), OTHER]))
    assert why in report.diagnostics[0].message
    assert report.scorers[0].error and not report.scorers[0].findings
    [good] = score_batch([BODY], plugin_set(scorers=[_returning_many(lambda found: found)]))
    assert good.scorers[0].error is None and len(good.findings) == 5


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.tuples(*[_ANY_TEXT | st.none()] * 6),
            st.tuples(*[_POSITION] * 6),
            st.dictionaries(st.text(max_size=3) | st.integers(0, 2), _VALUES, max_size=2) | st.lists(st.integers()),
        ),
        max_size=7,
    ),
    st.booleans(),
)
def test_the_batch_check_of_findings_passes_exactly_what_each_check_passes(
    changes: list[tuple[tuple[object, ...], tuple[object, ...], object]], plain: bool
) -> None:
    """``_plain_findings`` of a result's findings is ``_plain_finding`` of each, however many and whatever they hold."""
    from copydesk.containment import _POSITIONS, _TEXTS, _plain_finding, _plain_findings

    found = PLAIN.finding(TextView(BODY), 5, 9)
    findings = []
    for texts, positions, data in changes:
        changed = {**dict(zip(_TEXTS, texts, strict=True)), **dict(zip(_POSITIONS, positions, strict=True))}
        if plain:  # mostly acceptable values, so that a batch passes often enough to be tested
            changed = {k: v for k, v in changed.items() if type(v) in (str, int)}
        findings.append(replace(found, data=data, **changed))
    assert _plain_findings(findings) == all(map(_plain_finding, findings))


_SHIFT = st.sampled_from([0, 0, 0, 0, -1, 1])


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.text(alphabet="ab ", max_size=4), min_size=1, max_size=4).map("\n".join),
    st.text(alphabet="c\n", max_size=4),
    st.lists(
        st.tuples(
            st.sampled_from(["text", "text", "text", "title", "byline", "other"]),
            st.integers(0, 14),
            st.integers(0, 4) | st.just(20),
            st.tuples(_SHIFT, _SHIFT, _SHIFT, _SHIFT),
            st.booleans(),
        ),
        min_size=1,
        max_size=5,
    ),
)
@example("ab\nab", "", [("text", 3, 1, (-1, 0, 0, 0), True)])  # on the line before the span's, columns adding up
@example("ab\nab", "", [("text", 1, 2, (0, -1, 0, 0), True)])  # ending on the line before the end's
@example("ab\nab", "", [("text", 1, 1, (1, 1, 0, 0), True)])  # on the line after
@example("ab\nab", "", [("text", 0, 1, (0, 1, 0, 0), True)])  # ending on the line after the end's
@example("ab", "", [("byline", 0, 0, (0, 0, 0, 0), True)])  # placed right in the (empty) byline: checked alone
@example("ab\nab", "", [("text", 2, 1, (0, 0, 0, 0), True)])  # from the end of a line to the start of the next
def test_the_batch_placement_check_passes_exactly_what_each_finding_check_passes(
    body: str, title: str, spans: list[tuple[str, int, int, tuple[int, int, int, int], bool]]
) -> None:
    """``_all_placed`` passes a result's findings only when ``_placement_problem`` passes each of them.

    Each finding is at a span of a field (or beyond its end), its lines and columns where
    the span is or made up: another line with the column counted from that line's start
    (so the offset adds up), or a column off by one. The byline and an unknown field are
    left to the finding-by-finding check.
    """
    from copydesk.containment import _all_placed, _placement_problem

    document = Document.from_article(Article(id="a", title=title, body=body))
    findings = []
    for field, at, length, (line_shift, end_shift, column_shift, end_column_shift), counted in spans:
        view = document.title if field == "title" else document.body
        starts = view._line_starts
        start = at % (len(view.text) + 1)
        end = start + length
        line = bisect.bisect_right(starts, start) - 1 + line_shift  # 0-based, perhaps another line
        end_line = bisect.bisect_right(starts, end) - 1 + end_shift
        column = start - starts[line % len(starts)] + 1 + (0 if counted else column_shift)
        end_column = end - starts[end_line % len(starts)] + 1 + (0 if counted else end_column_shift)
        found = PLAIN.finding(view, 0, 0)
        placed = {"line": line + 1, "column": column, "end_line": end_line + 1, "end_column": end_column}
        findings.append(replace(found, field=field, start=start, end=end, **placed))
    each = all(_placement_problem(f, document) is None for f in findings)
    assert _all_placed(findings, document) == (each and {f.field for f in findings} <= {"text", "title"})


def _yielding(*items: Any) -> Scorer:
    """A scorer returning ``items`` as its findings (a list, or anything else when one item is given bare)."""
    return Scorer("PLN", "plain", (PLAIN,), lambda document, context: items[0] if len(items) == 1 else list(items))


@pytest.mark.parametrize(
    ("scorer", "why"),
    [
        (_yielding("not a finding", 42), "returned a str, not a Finding"),
        (_yielding(42, "not a finding"), "returned an int, not a Finding"),
        (_yielding(Assessment(("x",))), "returned a str, not a Finding"),  # type: ignore[arg-type]
        (_yielding(42), "returned an int, not an Assessment or an iterable of Findings"),
        (_yielding("text"), "returned a str, not an Assessment or an iterable of Findings"),
    ],
    ids=["str", "int", "in-an-assessment", "int-returned", "str-returned"],
)
def test_a_scorer_that_returns_what_is_not_a_finding_is_named_with_the_type(scorer: Scorer, why: str) -> None:
    """Review 13 item 3: not ``AttributeError: 'str' object has no attribute 'code'``."""
    [report] = score_batch([BODY], plugin_set(scorers=[scorer, OTHER]))
    assert report.scorers[0].error == why
    assert report.diagnostics[0].message == f"Scorer PLN (test) failed on this article: {why}"
    assert report.scorers[1].error is None and len(report.findings) == 1
