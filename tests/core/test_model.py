"""The learned aggregate: rarity costs, monotonicity, exact points, missing features."""

from __future__ import annotations

import math

import pytest
from copydesk.model import (
    REMEMBERED,
    FeatureNorm,
    Model,
    _terms,
    balance,
    breakdown,
    ecdf,
    in_hundredths,
    rarity_cost,
    scorer_terms,
    verdict,
)
from copydesk.scoring import feature_vector
from hypothesis import given, settings
from hypothesis import strategies as st

#: Quantiles 0..100 (the reference's value at level p is 100 p): median 50.
LINEAR = tuple(float(i) for i in range(101))
#: 80 % of the reference at 0, then 1..20: a typical sparse problem density.
SPARSE = tuple([0.0] * 81 + [float(i) for i in range(1, 21)])


def norm(
    name: str, direction: str, quantiles: tuple[float, ...] = LINEAR, weight: float = 1.0, scorer: str = "s"
) -> FeatureNorm:
    return FeatureNorm(scorer, name, direction, "per_1000_words", 1.0, weight, weight, quantiles)


def model(*features: FeatureNorm, scale: float = 0.5, penalty: float = 0.35) -> Model:
    return Model(features=features, reference_size=100, scale=scale, truncation_penalty=penalty)


@pytest.mark.parametrize(
    ("quantiles", "x", "side", "expected"),
    [
        (LINEAR, 50.0, "left", 0.5),
        (LINEAR, 25.5, "right", 0.255),
        (LINEAR, -1.0, "left", 0.0),
        (LINEAR, 101.0, "right", 1.0),
        (SPARSE, 0.0, "left", 0.0),  # a tie: P(X < 0) takes the smallest level
        (SPARSE, 0.0, "right", 0.8),  # and P(X <= 0) the largest
        (SPARSE, 0.5, "left", 0.405),  # between the tie and the next value (1 at 0.81), linear from the smallest level
    ],
)
def test_ecdf_interpolates_between_quantiles_and_resolves_ties_by_side(quantiles, x, side, expected):
    assert ecdf(quantiles, x, side) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("direction", "x", "expected"),
    [
        ("problem", 50.0, 0.0),  # the professional median costs nothing
        ("problem", 90.0, math.log(5)),  # the 90th percentile costs ln 5
        ("problem", 0.0, -math.log(2)),  # below the whole reference: the bounded credit
        ("problem", 150.0, math.log(101) + 1.0),  # beyond the range: ECDF floor plus one slope per half-spread
        ("evidence", 50.0, 0.0),
        ("evidence", 10.0, math.log(5)),  # little evidence is the rare side
        ("evidence", 100.0, -math.log(2)),
        ("evidence", -50.0, math.log(101) + 1.0),
    ],
)
def test_rarity_cost_is_zero_at_the_median_and_grows_with_rarity(direction, x, expected):
    assert rarity_cost(norm("f", direction), x, 100) == pytest.approx(expected)


def test_a_typical_article_scores_100_and_loses_no_points():
    m = model(norm("a", "problem"), norm("b", "evidence", scorer="t"))
    v = m.score({"s.a": 50.0, "t.b": 50.0})
    assert v.score == 100.0
    assert v.points == {"s": 0.0, "t": 0.0}
    assert v.truncation_points == 0.0


def test_points_per_scorer_add_up_exactly_to_the_points_lost():
    m = model(norm("a", "problem"), norm("b", "problem", scorer="t", weight=0.3), norm("c", "evidence", scorer="t"))
    for values in ({"s.a": 97.0, "t.b": 99.5, "t.c": 3.0}, {"s.a": 70.1, "t.b": 10.0, "t.c": 12.3}):
        for truncation in (0.0, 0.4, 1.0):
            v = m.score(values, truncation)
            assert math.fsum([*v.points.values(), v.truncation_points]) == pytest.approx(100.0 - v.score, abs=1e-9)
            shown = in_hundredths({**v.points, "truncation": v.truncation_points}, 100.0 - round(v.score, 2))
            assert sum(round(p * 100) for p in shown.values()) == round((100.0 - round(v.score, 2)) * 100)
            assert math.fsum(f.points for f in v.features) == pytest.approx(math.fsum(v.points.values()))


def test_a_credit_shows_as_negative_points_of_its_scorer():
    m = model(norm("a", "problem"), norm("b", "evidence", scorer="t"))
    v = m.score({"s.a": 99.0, "t.b": 100.0})  # a rare problem, better-than-typical evidence
    assert v.points["t"] < 0 < v.points["s"]


def test_truncation_is_a_factor_that_keeps_the_rest_of_the_evidence():
    m = model(norm("a", "problem"), penalty=0.35)
    clean, cut = m.score({"s.a": 90.0}), m.score({"s.a": 90.0}, truncation=1.0)
    assert cut.score == pytest.approx(clean.score * 0.65)
    assert cut.truncation_points == pytest.approx(clean.score * 0.35)
    assert cut.points == pytest.approx(clean.points)


def test_a_missing_or_non_finite_feature_costs_nothing_and_is_listed():
    m = model(norm("a", "problem"), norm("b", "problem", scorer="t"))
    v = m.score({"s.a": 95.0, "t.b": math.nan})
    assert v.missing == ("t.b",)
    assert v.points["t"] == 0.0
    assert v.score == m.score({"s.a": 95.0}).score
    assert [f.value for f in v.features] == [95.0, None]


def test_feature_keys_not_in_the_model_are_ignored():
    m = model(norm("a", "problem"))
    assert m.score({"s.a": 95.0, "other.x": 1e9}).score == m.score({"s.a": 95.0}).score


FEATURES = (
    norm("p1", "problem"),
    norm("p2", "problem", SPARSE, weight=0.7, scorer="t"),
    norm("e1", "evidence", weight=0.4, scorer="t"),
    norm("e2", "evidence", SPARSE, weight=1.3),
)
MONO = model(*FEATURES)
VALUE = st.floats(min_value=-50, max_value=300, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(st.lists(VALUE, min_size=4, max_size=4), st.integers(0, 3), st.floats(0, 200), st.floats(0, 1))
def test_more_problem_evidence_never_raises_the_score_and_more_good_evidence_never_lowers_it(
    xs, which, step, truncation
):
    values = {f.key: x for f, x in zip(FEATURES, xs, strict=True)}
    feature = FEATURES[which]
    more = {**values, feature.key: values[feature.key] + step}
    before, after = MONO.score(values, truncation).score, MONO.score(more, truncation).score
    if feature.direction == "problem":
        assert after <= before
    else:
        assert after >= before


@settings(max_examples=200, deadline=None)
@given(st.lists(VALUE, min_size=4, max_size=4), st.floats(0, 1))
def test_score_stays_within_0_100_and_points_always_balance(xs, truncation):
    v = MONO.score({f.key: x for f, x in zip(FEATURES, xs, strict=True)}, truncation)
    assert 0.0 <= v.score <= 100.0
    assert math.fsum([*v.points.values(), v.truncation_points]) == pytest.approx(100.0 - v.score, abs=1e-9)
    lost = 100.0 - round(v.score, 2)
    shown = in_hundredths({**v.points, "truncation": v.truncation_points}, lost)
    assert sum(round(p * 100) for p in shown.values()) == round(lost * 100)
    assert all(abs(shown[k] - p) < 0.02 for k, p in {**v.points, "truncation": v.truncation_points}.items())


def test_a_floor_raises_the_score_before_truncation_and_the_points_still_balance():
    m = model(norm("a", "problem"), norm("b", "evidence", scorer="t"))
    values = {"s.a": 99.0, "t.b": 1.0}
    bare = m.score(values)
    assert bare.score < 70.0
    for truncation in (0.0, 0.5):
        v = m.score(values, truncation, floor=70.0)
        assert v.score == pytest.approx(70.0 * (1 - 0.35 * truncation))
        assert math.fsum([*v.points.values(), v.truncation_points]) == pytest.approx(100.0 - v.score, abs=1e-9)
        assert v.points["s"] / v.points["t"] == pytest.approx(bare.points["s"] / bare.points["t"])
    assert m.score({"s.a": 50.0, "t.b": 50.0}, floor=70.0).score == 100.0  # a floor never lowers a score


@settings(max_examples=300, deadline=None)
@given(st.lists(VALUE, min_size=4, max_size=4), st.integers(0, 3), st.floats(0, 200), st.floats(0, 100))
def test_under_a_floor_more_problem_evidence_still_never_raises_the_score(xs, which, step, floor):
    values = {f.key: x for f, x in zip(FEATURES, xs, strict=True)}
    feature = FEATURES[which]
    more = {**values, feature.key: values[feature.key] + step}
    before, after = MONO.score(values, floor=floor).score, MONO.score(more, floor=floor).score
    assert after <= before if feature.direction == "problem" else after >= before
    assert min(before, after) >= floor - 1e-9


#: 101 sorted quantiles: spread floats, or a few values with long ties (a sparse feature).
QUANTILES = st.one_of(
    st.lists(st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False), min_size=101, max_size=101),
    st.lists(st.sampled_from([-2.0, 0.0, 0.5, 1.0, 3.25, 40.0]), min_size=101, max_size=101),
).map(lambda qs: tuple(sorted(qs)))


@st.composite
def feature_norms(draw: st.DrawFn, index: int) -> FeatureNorm:
    """A random model feature: either direction, any sorted quantiles, any weight and slope."""
    direction = draw(st.sampled_from(["problem", "evidence"]))
    slope = draw(st.floats(1e-6, 10.0))
    weight = draw(st.one_of(st.just(0.0), st.floats(0.0, 5.0)))
    return FeatureNorm(f"s{index % 2}", f"f{index}", direction, "share", slope, weight, weight, draw(QUANTILES))


@st.composite
def value_for(draw: st.DrawFn, feature: FeatureNorm) -> object:
    """A value for ``feature``: on a stored quantile, near or beyond the range, non-finite, a bool, an int."""
    q = feature.quantiles
    return draw(
        st.one_of(
            st.sampled_from(q),
            st.floats(q[0] - 50.0, q[-1] + 50.0, allow_nan=False),
            st.floats(allow_nan=True, allow_infinity=True),
            st.sampled_from([math.nan, math.inf, -math.inf, True, False]),
            st.integers(-1000, 1000),
        )
    )


@st.composite
def models_and_values(draw: st.DrawFn) -> tuple[Model, dict[str, object]]:
    features = tuple(draw(feature_norms(i)) for i in range(draw(st.integers(1, 5))))
    m = Model(features=features, reference_size=draw(st.integers(1, 5000)), scale=0.5, truncation_penalty=0.35)
    values: dict[str, object] = {}
    for f in features:
        if draw(st.booleans()) or len(values) == 0:  # some features missing
            values[f.key] = draw(value_for(f))
    return m, values


def assert_terms_are_weight_times_rarity_cost(m: Model, values: dict[str, object]) -> None:
    """Per feature, _terms' term is ``weight * rarity_cost`` to the bit; a missing or non-finite value is 0 and unused.

    Asked twice: the second time each value's term is the one the feature remembered.
    """
    terms, used = _terms(m, values)  # bools and ints too, as a plugin may return them
    assert _terms(m, values) == (terms, used)
    assert len(terms) == len(used) == len(m.features)
    for feature, term, x_used in zip(m.features, terms, used, strict=True):
        x = values.get(feature.key)
        if x is None or not math.isfinite(x):
            assert (term, x_used) == (0.0, None)
            continue
        expected = feature.weight * rarity_cost(feature, x, m.reference_size)
        assert x_used == float(x)
        assert term == expected, (feature, x)


@settings(max_examples=300, deadline=None)
@given(models_and_values())
def test_the_inlined_terms_are_weight_times_rarity_cost_exactly(case: tuple[Model, dict[str, object]]) -> None:
    """_terms writes rarity_cost out inline for speed: on random models and values the two agree exactly."""
    assert_terms_are_weight_times_rarity_cost(*case)


@pytest.mark.parametrize("direction", ["problem", "evidence"])
@pytest.mark.parametrize("quantiles", [LINEAR, SPARSE, tuple([1.0] * 30 + [2.0] * 41 + [3.0] * 30), (4.0,) * 101])
def test_the_inlined_terms_agree_on_every_quantile_and_its_neighbours(
    direction: str, quantiles: tuple[float, ...]
) -> None:
    """Every stored quantile value (ties at either end too), just beside it and beyond the range, both directions."""
    m = model(norm("a", direction, quantiles, weight=1.7))
    for q in sorted(set(quantiles)):
        for x in (q, math.nextafter(q, -math.inf), math.nextafter(q, math.inf), q - 0.5, q + 0.5, q - 1e6, q + 1e6):
            assert_terms_are_weight_times_rarity_cost(m, {"s.a": x})
    for odd in (True, False, 0, 3, math.nan, math.inf, -math.inf):
        assert_terms_are_weight_times_rarity_cost(m, {"s.a": odd})


def test_a_remembered_term_keeps_the_value_as_given_and_memory_is_bounded() -> None:
    """-0.0 after 0.0 gets 0.0's remembered term but is used as -0.0; past REMEMBERED values terms are computed, not kept."""
    m = model(norm("a", "problem", SPARSE, weight=1.3))
    assert_terms_are_weight_times_rarity_cost(m, {"s.a": 0.0})
    terms, used = _terms(m, {"s.a": -0.0})
    assert math.copysign(1.0, used[0]) == -1.0 and terms[0] == 1.3 * rarity_cost(m.features[0], 0.0, 100)
    for i in range(REMEMBERED + 50):
        assert_terms_are_weight_times_rarity_cost(m, {"s.a": i / 7})
    assert len(m._plan[0][7]) == REMEMBERED


@settings(max_examples=200, deadline=None)
@given(models_and_values(), st.floats(0.0, 1.0), st.floats(0.0, 100.0))
def test_breakdown_adds_each_scorers_shares_in_model_order_and_verdict_lists_them(
    case: tuple[Model, dict[str, object]], truncation: float, floor: float
) -> None:
    """A scorer's points are its features' shares added one by one in model order (to the bit); verdict's features are the shares."""
    m, values = case
    b = breakdown(m, values, truncation, floor)
    expected: dict[str, float] = {}
    for feature, share in zip(m.features, b.shares, strict=True):
        expected[feature.scorer] = expected.get(feature.scorer, 0.0) + share
    assert b.points == balance(expected, 100.0 - b.score, b.truncation_points)
    judged = verdict(m, values, truncation, floor)
    assert (judged.score, judged.points, judged.truncation_points) == (b.score, b.points, b.truncation_points)
    assert [(c.key, c.value, c.points) for c in judged.features] == [
        (f.key, x, share) for f, x, share in zip(m.features, b.used, b.shares, strict=True)
    ]


@pytest.mark.parametrize(
    ("parts", "total", "expected"),
    [
        ({"a": 1.005, "b": 2.005, "c": 0.0}, 3.01, {"a": 1.0, "b": 2.01, "c": 0.0}),
        ({"a": 10.333333, "b": 10.333333, "c": 10.333334}, 31.0, {"a": 10.33, "b": 10.33, "c": 10.34}),
        ({"a": -1.236, "b": 5.0}, 3.76, {"a": -1.24, "b": 5.0}),
    ],
)
def test_points_in_hundredths_add_up_to_the_rounded_total(parts, total, expected):
    assert in_hundredths(parts, total) == pytest.approx(expected)


#: Scorer and feature names, some with a dot: "a" with "b.c" and "a.b" with "c" are both "a.b.c" in a feature vector.
SCORER_NAMES = st.sampled_from(["s0", "s1", "a", "a.b"])
FEATURE_NAMES = st.sampled_from(["f0", "f1", "c", "b.c"])


@st.composite
def scorers_and_model(draw: st.DrawFn) -> tuple[Model, list[tuple[str, dict[str, object]]]]:
    """A model over drawn scorer and feature names, and scorers' features (a name may repeat, or hold a dot)."""
    keys = draw(st.lists(st.tuples(SCORER_NAMES, FEATURE_NAMES), min_size=1, max_size=6, unique=True))
    features = []
    for scorer, name in keys:
        drawn = draw(feature_norms(0))
        features.append(
            FeatureNorm(
                scorer, name, drawn.direction, "share", drawn.slope, drawn.weight, drawn.weight, drawn.quantiles
            )
        )
    m = Model(features=tuple(features), reference_size=draw(st.integers(1, 5000)), scale=0.5, truncation_penalty=0.35)
    per_scorer = []
    for scorer in draw(st.lists(SCORER_NAMES, max_size=4)):
        names = draw(st.lists(FEATURE_NAMES, max_size=4, unique=True))
        per_scorer.append((scorer, {name: draw(value_for(features[0])) for name in names}))
    return m, per_scorer


@settings(max_examples=400, deadline=None)
@given(scorers_and_model())
def test_terms_read_from_each_scorers_features_are_those_of_the_feature_vector(
    case: tuple[Model, list[tuple[str, dict[str, object]]]],
) -> None:
    """scorer_terms gives _terms of the feature vector to the bit, or None where a key could name two features."""
    m, per_scorer = case
    names = [name for name, _ in per_scorer]
    expected = _terms(m, feature_vector(per_scorer))  # type: ignore[arg-type]
    got = scorer_terms(m, per_scorer)  # type: ignore[arg-type]
    dotted = any("." in name for name in names) or any("." in f.scorer for f in m.features)
    assert (got is None) == (dotted or len(set(names)) != len(names))
    if got is not None:
        assert repr(got) == repr(expected)  # -0.0 and 0.0 told apart
        assert breakdown(m, {}, 0.3, 20.0, got) == breakdown(m, feature_vector(per_scorer), 0.3, 20.0)  # type: ignore[arg-type]
