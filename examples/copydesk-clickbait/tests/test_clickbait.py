"""Tests of the CLK scorer: each rule with its near misses, the settings, packaging, conformance."""

from importlib.metadata import PackageNotFoundError, distribution

import copydesk_clickbait
import pytest
from copydesk.conformance import assert_conformance
from copydesk.testing import article, codes, run_scorer, scorers_of

(SCORER,) = scorers_of(copydesk_clickbait, "clickbait")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("SHOCKING footage from the council meeting", [("CLK001", "SHOCKING")]),
        ("Mayor's HUGE mistake costs city", [("CLK001", "HUGE")]),
        ("NASA and NATO sign COVID-19 pact", []),  # acronyms in the default list
        ("FBI and CIA brief MPs", []),  # near miss: three letters or fewer
        ("Shocking footage from the meeting", []),  # near miss: only the first letter
        ("Council votes to close the library!", [("CLK004", "!")]),
        ("Council votes!!! Library closes!", [("CLK004", "!!!"), ("CLK004", "!")]),
        ("Really?! Council votes again", [("CLK004", "?!")]),
        ("Is the mayor hiding something?", [("CLK003", "?")]),
        ("Is the mayor hiding something?  ", [("CLK003", "?")]),
        ('"Who is next?" asks the union', []),  # near miss: the question is not at the end
        ("Council approves budget", []),
        ("", []),
    ],
)
def test_headline_rules(title: str, expected: list[tuple[str, str]]) -> None:
    found = run_scorer(SCORER, article("The council met on Tuesday.", title))
    assert [(f.code, f.matched) for f in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You won't believe what the mayor said.", ["You won't believe"]),
        ("You won\u2019t believe it.", ["You won\u2019t believe"]),  # curly apostrophe
        ("And what happened next will shock you.", ["what happened next", "will shock you"]),
        ("This one trick cuts bills.", ["This one trick"]),
        ("I did not believe what happened.", []),  # near miss: the words, not the phrase
        ("You won't be believed.", []),  # near miss: one word differs
        ("You need to go.", []),  # near miss: a prefix of a phrase
    ],
)
def test_curiosity_gap_phrases_in_body(text: str, expected: list[str]) -> None:
    found = run_scorer(SCORER, text)
    assert codes(found) == ["CLK002"] * len(expected)
    assert [f.matched for f in found] == expected


def test_curiosity_gap_in_headline_is_reported_on_the_title() -> None:
    (finding,) = run_scorer(SCORER, article("Body.", "You'll never guess who won"))
    assert (finding.code, finding.field, finding.start, finding.end) == ("CLK002", "title", 0, 18)
    assert finding.message == "Phrase 'You'll never guess' withholds the news to draw a click"


@pytest.mark.parametrize(
    ("settings", "title", "body", "expected"),
    [
        ({"min_capitals": 3}, "FBI raid", "", ["CLK001"]),
        ({"acronyms": ["SHOCKING"]}, "SHOCKING footage", "", []),
        ({"extra_phrases": ["you must see"]}, "", "You must see this.", ["CLK002"]),
        ({"remove_phrases": ["this one trick"]}, "", "This one trick works.", []),
    ],
)
def test_settings(settings: dict[str, object], title: str, body: str, expected: list[str]) -> None:
    assert codes(run_scorer(SCORER, article(body, title), settings=settings)) == expected


def test_entry_point_names_the_package() -> None:
    try:
        points = distribution("copydesk-clickbait").entry_points
    except PackageNotFoundError:
        pytest.skip("copydesk-clickbait is not installed (pip install -e .)")
    assert [(ep.group, ep.name, ep.value) for ep in points] == [("copydesk", "clickbait", "copydesk_clickbait")]


def test_conforms_to_the_plugin_contract() -> None:
    assert_conformance(copydesk_clickbait, examples=["You won't believe what happened next!"])
