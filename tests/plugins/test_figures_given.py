"""Session 27's FIG002 readings: given facts in a vague clause, trade shows, carried forecasts, "the figures".

Each table holds invented sentences where a wrong FIG002 finding of the audit's kind
stops, and near neighbours where a right one still fires.
"""

from __future__ import annotations

import time

import pytest
from copydesk import Finding
from copydesk.models import Context
from copydesk.plugins import figures
from copydesk.testing import document, run_scorer

SCORER = figures.copydesk_scorers()[0]


def single(text: str) -> list[Finding]:
    """Findings of the scorer on one article (batch of one)."""
    return run_scorer(SCORER, text)


def found(text: str) -> list[tuple[str, str]]:
    """Each finding as (code, matched text)."""
    return [(f.code, f.matched) for f in single(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Campaigners say the £4bn cost of the new bridge could not be met without tolls.", []),
        ("The film is expected to beat the 12bn yen (£60m) record of the studio's last hit.", []),
        ("Critics say the 9 million viewers for Channel Four's final will not return.", []),
        (
            "Sales are expected to fall 9% at a mill where the owners have invested $40 million in new looms.",
            [("FIG002", "9%")],
        ),
        ("Critics said that winter sales - which make up nearly 31% of yearly takings - would have fallen.", []),
        ("Crowds are expected at the fair which covers more than 2 million square feet.", []),
        # near neighbours: no owner after the description, a threshold the forecast names, a new
        # thing the hearsay describes, a relative clause of the future, "for" and no name
        ("Campaigners say the £4bn cost could not be met without tolls.", [("FIG002", "£4bn")]),
        ("Traders believe the index will climb above the 9,000 mark for the first time.", [("FIG002", "9,000")]),
        ("Ann is said to be hiring two nannies from Paris who charge $5,000 a week.", [("FIG002", "$5,000")]),
        ("Officials say the bridge which will cost $5bn is late.", [("FIG002", "$5bn")]),
        ("Critics say the 9 million viewers for the final will not return.", [("FIG002", "9 million")]),
    ],
    ids=[
        "cost-of",
        "record-of-with-conversion",
        "viewers-for-name",
        "where-invested",
        "dash-which",
        "definite-which",
        "no-owner",
        "mark-for-the-first-time",
        "indefinite-who",
        "which-will",
        "for-lower-case",
    ],
)
def test_a_figure_a_vague_clause_takes_as_given_is_no_finding(text: str, expected: list[tuple[str, str]]) -> None:
    """Session 27 audit: a past record, a cost, a venue's size inside a vague credit are neither FIG002 nor FIG001."""
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dealers at the motor show sold 2,000 cars.", [("FIG001", "2,000")]),
        ("Stars of the talk show earned $5 million.", [("FIG001", "$5 million")]),
        # near neighbours: documents and polls before "show" stay cues
        ("Polls show the mayor at 41 percent.", [("FIG002", "41 percent")]),
        ("The latest Harbour Bureau figures show sales of 2,000 cars.", []),
    ],
    ids=["motor-show", "talk-show", "polls-show", "figures-show"],
)
def test_show_after_the_kind_of_show_is_a_noun(text: str, expected: list[tuple[str, str]]) -> None:
    """Session 27 audit: "visit the motor show which ..." read "show" as a verb with "the trade" its source."""
    assert found(text) == expected


INSTITUTE = '"Exports will recover," the Harbour Institute said. '


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        (
            INSTITUTE + "Growth is expected at 2.6% this year. The main risk, the Harbour Institute said, was housing.",
            [],
        ),
        (
            "Northland has cut its growth forecast. Northland's economy is now expected to grow by 2.1%,"
            " rather than 3% as forecast before.",
            [],
        ),
        # near neighbours: named only before, a different source after, no revision, no name, a vague head
        (INSTITUTE + "Growth is expected at 2.6% this year. The main risk was housing.", ["2.6%"]),
        (INSTITUTE + "Growth is expected at 2.6% this year. The main risk, Acme said, was housing.", ["2.6%"]),
        ("Northland has opened a port. Northland's economy is now expected to grow by 2.1%.", ["2.1%"]),
        ("Northland has cut its growth forecast. The economy is now expected to grow by 2.1%.", ["2.1%"]),
        ("Analysts have cut their forecasts. Analysts' models are now expected to show 2.1%.", ["2.1%"]),
    ],
    ids=[
        "named-both-sides",
        "revised-forecast",
        "named-before-only",
        "other-source-after",
        "no-revision",
        "no-name-opens",
        "vague-head",
    ],
)
def test_an_agentless_forecast_is_the_named_forecaster_around_it(text: str, vague: list[str]) -> None:
    """Session 27 audit: "Growth is expected at 2.6%" between two credits of one institute, a revised forecast after its lead."""
    assert [f.matched for f in single(text) if f.code == "FIG002"] == vague


SWITCHING = '"People are switching browsers," '


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        (
            SWITCHING
            + "said Jo Roe, co-founder of Acme Metrics. Rivals now have 6.1% of the market, the figures suggest.",
            [],
        ),
        # near neighbours: no credit before, a vague one, a longer description of the figures
        ("Prices rose on Monday. Rivals now have 6.1% of the market, the figures suggest.", ["6.1%"]),
        (SWITCHING + "one analyst said. Rivals now have 6.1% of the market, the figures suggest.", ["6.1%"]),
        (SWITCHING + "said Jo Roe. Rivals now have 6.1% of the market, the overnight figures suggest.", ["6.1%"]),
        # other documents than "the figures" are no speaker's: reports, data, statistics are read as before
        (SWITCHING + "said Jo Roe of Acme Metrics. Rivals now have 6.1% of the market, the reports say.", ["6.1%"]),
        (SWITCHING + "said Jo Roe of Acme Metrics. The statistics show rivals now have 6.1% of it.", ["6.1%"]),
        (SWITCHING + "said Jo Roe of Acme Metrics. The data suggest rivals now have 6.1% of it.", ["6.1%"]),
    ],
    ids=["named-before", "no-credit", "vague-before", "overnight-figures", "reports", "statistics", "data"],
)
def test_the_figures_after_a_named_credit_are_its(text: str, vague: list[str]) -> None:
    """Session 27 audit: "the figures suggest" right after a firm's co-founder is quoted are the firm's."""
    assert [f.matched for f in single(text) if f.code == "FIG002"] == vague


def test_session_27_readings_finish_on_hostile_text() -> None:
    """Given descriptions, relative clauses, trade shows and carried forecasts, each repeated at length.

    Each reading looks at a bounded number of words (a bisection finds the figure's first):
    20,000 repeats in one sentence finish in seconds.
    """
    pieces = [
        "Critics say the £4bn cost of the 3% which ",
        "the trade show which has 2 million ",
        "Northland has cut its forecast and ",
        'a" b" $5m ',
        'Jo Roe: "$5m ',
    ]
    for piece in pieces:
        text = "Northland has cut its forecast. " + "Northland's growth is expected at " + piece * 20_000 + "."
        began = time.process_time()
        result = list(figures.score(document(text), Context(settings=figures.SETTINGS)).findings)
        assert time.process_time() - began < 30
        assert all(0 <= f.start <= f.end <= len(text) for f in result)


def test_a_colon_introducer_is_read_once_for_a_quotation_of_many_figures() -> None:
    """A long sentence before the colon and 20,000 figures in its quotation: the words before the colon are read once.

    Each figure of the quotation asks for its introducer; reading the whole head for each
    (split into words) took 27 s for 16,000 figures and timed out at 32,000. Read once, it
    is about a second, as the same text was before the colon introducer.
    """
    n = 20_000
    text = "Jo Roe " + "and more words " * n + ': "' + "Prices rose 5% and " * n + 'that is all"'
    began = time.process_time()
    result = list(figures.score(document(text), Context(settings=figures.SETTINGS)).findings)
    assert time.process_time() - began < 15
    assert result and all(0 <= f.start <= f.end <= len(text) for f in result)


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ('"It was our biggest night," Jo Roe said, referring to the Oct. 12 vote. "Pay me $5 million."', []),
        # near neighbours: a split after an abbreviation in a sentence with no speaker, and a whole sentence
        ('"It was our night," Jo Roe said. Rain fell in Oct. 12 shops shut. "Pay me $5 million."', ["$5 million"]),
        ('"It was our night," Jo Roe said. Rain fell all week. "Pay me $5 million."', ["$5 million"]),
    ],
    ids=["split-after-sept", "split-without-speaker", "two-sentences-back"],
)
def test_a_split_after_an_abbreviation_keeps_the_speaker_in_the_window(text: str, vague: list[str]) -> None:
    """Session 27 audit: a speaker's sentence split after "Oct." left "12 vote." a sentence of its own."""
    assert [f.matched for f in single(text) if f.code == "FIG002"] == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        (
            "A Harbour News poll, conducted with Acme Research (D) and Bolt Research (R), shows Jo Roe at 47 percent.",
            [],
        ),
        # near neighbour: a bracket that is no acronym still parts the poll from its verb
        ("A Harbour News poll, conducted (in part) online, shows Jo Roe at 47 percent.", ["47 percent"]),
    ],
    ids=["acronyms-inside", "bracket-no-acronym"],
)
def test_an_acronym_in_brackets_inside_an_appositive_keeps_its_subject(text: str, vague: list[str]) -> None:
    """Session 27 audit: "A NAME poll, conducted with X (D) and Y (R), shows" lost its poll at "(D) and"."""
    assert [f.matched for f in single(text) if f.code == "FIG002"] == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ('Jo Roe spoke. He added: "2021 started well, with the first £50 million market hall."', []),
        ('One aide added: "2021 started well, with the first £50 million market hall."', ["£50 million"]),
        # near neighbour: a sum stays a sum
        ("The economy added 292,000 jobs in May, officials said.", ["292,000"]),
    ],
    ids=["he-added-colon", "vague-added-colon", "added-jobs"],
)
def test_added_before_a_colon_and_a_quotation_is_speech_not_a_sum(text: str, vague: list[str]) -> None:
    """Session 27 audit: 'He added: "2017 has ..."' read "added 2017" as a sum, so the quotation had no speaker."""
    assert [f.matched for f in single(text) if f.code == "FIG002"] == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ('Rep. Ann Vell (D-Harbour) :"I never heard that. Who told you that 95 percent of the mail was kept?"', []),
        ('Former minister Jo Roe: "We spent $5 million on it."', []),
        ('The hearing went on.\nJo Roe (Harbour): "We spent $5 million on it."', []),
        # near neighbours: a label names no one, nor does a lone capitalised word, nor no colon
        ('Highlights: "We spent $5 million on it."', ["$5 million"]),
        ('Note from the desk: "We spent $5 million on it."', ["$5 million"]),
        ('"We spent $5 million on it."', ["$5 million"]),
    ],
    ids=["name-colon-no-space", "name-colon", "own-line", "label", "lone-capital", "no-colon"],
)
def test_a_name_and_a_colon_introduce_a_quotations_speaker(text: str, vague: list[str]) -> None:
    """Session 27 audit: 'Rep. NAME (R-S.C.) :"... Who told you that 90 to 95 percent ...?"' is NAME's question."""
    assert [f.matched for f in single(text) if f.code == "FIG002"] == vague
