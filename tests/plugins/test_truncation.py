"""Tests of the truncation scorer (TRN): endings, unfinished structure, tails, debris, length."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import ModuleType

import pytest
from copydesk import Article, Assessment, Context, Document, Rule, Scorer, Segment
from copydesk.config import packaged_defaults
from copydesk.conformance import assert_conformance
from copydesk.errors import ConfigError
from copydesk.plugins import truncation
from copydesk.plugins.truncation.batch import source_of
from copydesk.sources import Batch, parse_text
from copydesk.testing import article, codes, document, plugin_set, run_scorer, score_batch

SCORER = truncation.copydesk_scorers()[0]
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ALL = frozenset(rule.code for rule in SCORER.rules)
INTRO = "The council met on Tuesday to discuss the budget for next year.\n\n"


def trn(body: str, title: str = "", **settings: object) -> list[str]:
    """The TRN codes found on one article."""
    return codes(run_scorer(SCORER, article(body, title), settings=settings or None))


def signals(body: str) -> list[str]:
    """The ``signal`` data of every finding on one article."""
    return [f.data["signal"] for f in run_scorer(SCORER, article(body))]


def assess(doc: Document, **settings: object) -> Assessment:
    """Score a prepared document directly, every rule selected."""
    context = Context(settings={**truncation.SETTINGS, **settings}, selected=ALL)
    return truncation.score(doc, context)


@pytest.mark.parametrize(
    ("ending", "signal"),
    [
        ("Officials said the plan would cut costs by", "non-final-word"),
        ("A third possibility is a", "non-final-word"),
        ("The report was welcomed by unions and", "non-final-word"),
        ("The minister said the changes will", "non-final-word"),
        ("The decision was taken by Ukraine's", "non-final-word"),
        ("The bill was introduced by Mr", "non-final-word"),
        ('The report called the plan "a serious step backwards for', "non-final-word"),
        ('She told reporters "there is no going back on this decision', "open-quotation"),
        ("The figures (released on Monday by the statistics office", "open-parenthesis"),
        ('"We are confident the deal will hold," said the spokesman,', "continuing-punctuation"),
        ("The committee met on Tuesday and agreed the budget for the coming year", "no-terminal-punctuation"),
        ("On a visit to India, the 60-year-old", "no-terminal-punctuation"),
        ("Scottish National Party leader Nicola Sturgeon accused", "no-terminal-punctuation"),
        ("Yukos has been presented with a $27.5bn (£13bn)", "no-terminal-punctuation"),
        ("So, is this for real or is it all just a rumour? We'll", "non-final-word"),
        ("Officials expect the report in May.\n\nShe", "non-final-word"),
        ("Officials expect the report in May.\n\nPhoto: Jane Smith/AP\n\nThe scene grew", "no-terminal-punctuation"),
    ],
)
def test_ends_mid_sentence(ending: str, signal: str) -> None:
    assert signals(INTRO + ending) == [signal]


@pytest.mark.parametrize(
    "ending",
    [
        'She said: "We will not give up."',
        "He finished (as expected) in second place.",
        '"It is a good day," he said. "We will win."',
        "The talks resume next week. What comes after that?",
        "Did you watch the final? Tell us what you thought in the comments!",
        "Officials expect the report to be published in May.\n\n— Jane Smith",
        "Officials expect the report to be published in May.\n\n(Reuters)",
        "Officials expect the report to be published in May.\n\nPhoto: Jane Smith/AP",
        "Officials expect the report to be published in May.\n\nReporting by Jane Smith; Editing by John Doe",
        "Officials expect the report to be published in May.\n\nEdited by Jane Smith",
        "Officials expect the report to be published in May.\n\nFeatured image via video screen capture",
        "Officials expect the report to be published in May.\n\nAdditional reporting by Jane Smith in London",
        "Officials expect the report to be published in May.\n\nLONDON, March 3",
        "Officials expect the report to be published in May.\n\nThe View From Brussels",
        "Officials expect the report to be published in May.\n\nFollow Jane Smith on Twitter @janesmith",
        "Officials expect the report to be published in May.\n\nLeave a Comment",
        "Officials expect the report to be published in May.\n\nYou may also like\n\nLeave a Comment",
        "Officials expect the report to be published in May.\n\nRead More",
        "Officials expect the report to be published in May.\n\nRead the original article on Example News",
        "Officials expect the report to be published in May.\n\nSincerely,\nJane",
        "Officials expect the report to be published in May.\n\nCongratulations to the whole team 🎉",
        "Officials expect the report to be published in May.\n\n###",
        "Officials expect the report to be published in May. Read more…",
        "Officials expect the report to be published in May.\n\n80510 SHARES Facebook Twitter",
        "Officials expect the report to be published in May.\n\nThe views expressed are the author's own",
        "The plan has three parts:\n- Cut taxes\n- Hire more teachers\n- Build homes",
        "Steps agreed:\n1. Cut taxes\n2. Hire more teachers",
        "Watch it here — pic.twitter.com/abc123 — Jane Smith (@jsmith) September 19, 2016",
        "Find out more at www.example.com/report",
        'He said the plan was "a start". Officials agreed.',
        'He said: "We will not give up." The talks resume on Monday.',
        'The Carters, " she posted.',
        "Officials expect the report in May.\n\nJane Doe is a senior correspondent for Example News",
        "Officials expect the report in May.\n\nReporting by Jane Smith; additional reporting by Tom Jones in Washington; editing by Mark Potter",
        "Officials expect the report in May.\n\nAP writer Jane Doe contributed to this report from Kyiv",
        "Officials expect the report in May.\n\nHow the minister dug deep for her new budget\n\nWhy the council keeps missing its targets",
        "You will need:\nflour\nsugar and butter",
        "The squad: \nJane Smith\nJohn Doe\nMark Roe (captain)",
        "Officials expect the report to be published in May.\n\nRelated: Why the budget matters\n\nThe old plan and its critics",
    ],
)
def test_legitimate_endings_are_not_truncation(ending: str) -> None:
    assert trn(INTRO + ending) == []


#: The last paragraph of a complete article.
WHOLE = "Officials expect the report to be published in May.\n\n"
#: A last paragraph cut mid-sentence that only the missing full stop shows.
CUT = "The committee met on Tuesday and agreed the budget for the coming year\n\n"

#: Complete-article endings from many sources: (kind, closing lines). Each is checked
#: twice: after a complete paragraph (no finding), and after a cut one (TRN001).
CLOSINGS = [
    ("dash byline", "— Jane Doe, Reuters"),
    ("byline with outlet", "Jane Doe, Example News"),
    ("bio", "Jane Doe is a reporter at the Example Times"),
    ("long bio", "Jane Doe is a senior reporter at Example News, where she covers housing and transport"),
    (
        "bio with other role",
        "Jane Doe is a professor of economics at Example University and a fellow at the Example Institute",
    ),
    ("bio and handle", "Jane Doe covers energy for Example News. Follow her on Twitter @janedoe"),
    ("photo credit", "Photo: AP"),
    ("wire photo credit", "(AP Photo/John Smith)"),
    ("agency credit", "Getty Images"),
    ("photograph credit", "Photograph: Jane Smith/Getty Images"),
    ("graphics credit", "Graphics by Jane Doe and Tom Smith"),
    ("update note", "This story has been updated to include comments from the mayor"),
    ("correction", "Correction: An earlier version of this article misstated the date of the vote"),
    ("editor's note", "Editor's note: This article was first published in 2019"),
    ("amendment note", "This article was amended on 3 March 2024 to correct the spelling of a name"),
    ("earlier version note", "An earlier version of this story gave the wrong date for the vote"),
    ("partnership note", "This report was produced in partnership with Example Trust"),
    ("editing credit", "Editing by Jane Smith"),
    (
        "reporting and editing",
        "Reporting by Jane Smith in London; Additional reporting by Tom Jones; Editing by Mark Potter",
    ),
    ("bracketed credits", "(Reporting by Jane Smith; Editing by John Doe)"),
    ("contributor line", "The Associated Press contributed to this report"),
    ("dateline", "LONDON, March 3"),
    ("publication date", "Published March 3, 2024"),
    ("update stamp", "Updated: 3 March 2024 14:05 GMT"),
    ("contact e-mail", "Email: news@example.com"),
    ("contact sentence", "Contact the author at jane.smith@example.com or follow her on Twitter"),
    ("tip line", "Got a tip? Email tips@example.com"),
    ("hashtags", "#Budget2024 #Politics"),
    ("hashtag sentence", "Follow the debate with #AskTheMayor"),
    ("markdown heading", "## What happens next"),
    ("bold heading", "**What happens next**"),
    ("title-case heading", "What Happens Next"),
    ("capitals heading", "WHAT HAPPENS NEXT"),
    ("copyright sign", "© 2024 Example News. All rights reserved"),
    ("copyright (c)", "(c) 2024 Example Corp"),
    ("copyright word", "Copyright 2024 The Associated Press. All rights reserved. This material may not be published"),
    ("related link", "Related: Why the budget matters"),
    ("related capitals", "RELATED: Council approves budget after late-night vote"),
    ("related URL", "Related: https://example.com/budget"),
    ("related list", "Related\n- Council approves budget\n- Mayor resigns"),
    ("related headlines", "Related\nCouncil approves budget\nMayor resigns"),
    ("read-more link", "Read more: Council approves budget after late-night vote"),
    ("short link", "Read it here: bit.ly/abc123"),
    ("trailing URL", "The full report is at https://example.com/report"),
    ("setlist", "Intro / Song One / Song Two / Song Three / Encore: Song Four"),
    ("ellipsis-separated list", "Ian Rose ... Risa Heller ... Andrew Goldston ... Serena Williams is 35"),
    (
        "sign-off then headline",
        "Reporting by Jane Smith\n\nMayor resigns after row over housing plans in the city centre",
    ),
    (
        "contributor then headline",
        "AP writer Jane Doe contributed to this story.\n\nCouncil approves budget after late-night vote on cuts",
    ),
]


@pytest.mark.parametrize(("kind", "closing"), CLOSINGS, ids=[k for k, _ in CLOSINGS])
def test_complete_article_closings_are_not_truncation(kind: str, closing: str) -> None:
    assert trn(INTRO + WHOLE + closing) == []


@pytest.mark.parametrize(("kind", "closing"), CLOSINGS, ids=[k for k, _ in CLOSINGS])
def test_cut_before_a_closing_is_still_found(kind: str, closing: str) -> None:
    assert signals(INTRO + CUT + closing) == ["no-terminal-punctuation"]


@pytest.mark.parametrize(
    ("ending", "flagged"),
    [
        # A last sentence ending in a closing quotation mark, parenthesis or URL.
        ('She called the decision "a disgrace."', False),
        ('She called the decision "a disgrace for the', True),
        ("He said: ‘We will win.’", False),
        ("The report is due in May (the date was set by law).", False),
        ("The report is due in May. (The date was set by law.)", False),
        ("The report is due in May (the date was set by", True),
        ("The full report is at https://example.com/report", False),
        ("The full report, published at https://example.com/report, shows that the", True),
        # Lists and tables whose last item has no full stop.
        ("The plan:\n- Lower taxes\n- More homes\n- Better buses", False),
        ("Ingredients: flour, sugar, eggs", False),
        ("Ingredients: flour, sugar, eggs and", True),
        ("The results:\nOhio (18), Utah (6), Iowa (6), Maine (4) (34 total)", False),
        ("He visited France, Germany, Spain, Italy", True),
        ("Party Seats Change\nLabour 412 +211\nConservative 121 -244\nLib Dem 72 +64", False),
        ("Intro / Song One / Song Two / Encore: Song Four", False),
        ("The deal / as officials put it / was signed by the", True),
        # Emoji and emoticons.
        ("What a night! 🎉🎉", False),
        ("We will see what she says. ¯\\_(ツ)_/¯", False),
        ("We will see what she says :)", False),
        ("The tickets cost £", True),
        # Headings: marked up or capitalised pass; a plain lower-case short line does not.
        ("## What happens next", False),
        ("What happens next", True),
        # Notes and contact lines, against prose that opens the same way.
        ("This story has been updated to include comments from the mayor", False),
        ("This is the story of a council that could not agree on its budget", True),
        ("Contact the author at jane.smith@example.com or follow her on Twitter", False),
        ("Contact between the two sides has been limited since the summer", True),
        ("Copyright 2024 Example News", False),
        ("Copyright holders say the change will hurt musicians", True),
        ("Mr Smith is the minister responsible for the budget in the coming year", True),
        # A single unpunctuated line is a linked headline under "Related", not under an advert marker.
        ("Related\nThe committee met on Tuesday and agreed the budget for the coming year", False),
        ("Advertisement\n\nThe committee met on Tuesday and agreed the budget for the coming year", True),
        ("RELATED: Council approves budget!\nThe committee met on Tuesday and agreed the budget for the", True),
        ("RELATED: Council approves budget!\nThe committee met on Tuesday and agreed the budget for the year", True),
        # A quotation with its attribution but no full stop reads as cut: cuts end so.
        ('"We will keep fighting," she said', True),
        ('"We will keep fighting," she said.', False),
        ('"We will keep fighting." — Jane Smith, union leader', False),
    ],
)
def test_ending_shapes(ending: str, flagged: bool) -> None:
    assert bool(trn(INTRO + ending)) is flagged


@pytest.mark.parametrize(
    ("ending", "flagged"),
    [
        ("When pressed, he merely stated…", False),
        ("Another columnist wrote, “Do not compare them. It belittles…", False),
        ("Ian Rose ... Risa Heller ... Steve Janack is 40 ...", False),
        ("The talks, officials said, would continue...", True),
        ("The talks would continue. Officials said the plan…", True),
    ],
)
def test_trailing_ellipsis_that_elides_a_quotation_or_separates_items(ending: str, flagged: bool) -> None:
    assert ("TRN003" in trn(INTRO + ending)) is flagged


@pytest.mark.parametrize(
    ("ending", "signal"),
    [
        ('The union called the offer "a serious step backwards for all staff.', "open-quotation-after-stop"),
        ("The figures (released on Monday by the statistics office.", "open-parenthesis-after-stop"),
        ('He said: "We will not give up." The talks resume on Monday.', None),
        ('She called it "a start". Officials agreed.', None),
    ],
)
def test_open_quotation_after_full_stop_is_a_setting(ending: str, signal: str | None) -> None:
    assert signals(INTRO + ending) == []
    found = run_scorer(SCORER, article(INTRO + ending), settings={"open_quote_after_stop": True})
    assert [f.data["signal"] for f in found] == ([signal] if signal else [])


def test_cut_paragraph_is_still_found_behind_byline_and_furniture() -> None:
    body = INTRO + "The minister said the plan would\n\nReporting by Jane Smith\n\nLeave a Comment"
    findings = run_scorer(SCORER, article(body))
    assert codes(findings) == ["TRN001"]
    assert findings[0].matched == "would"


@pytest.mark.parametrize(
    ("items", "flagged"),
    [
        ("- Taxes rise next year.\n- Spending falls.\n- Borrowing is held at", True),
        ("- Taxes rise next year.\n- Spending falls.\n- Borrowing stays flat", False),
        ("- Taxes rise next year.\n- Spending falls.\n- Borrowing is flat. Debt keeps rising", True),
        ("- Taxes rise next year\n- Spending falls\n- Borrowing is flat. Debt keeps rising", False),
        ("- Taxes rise next year\n- Spending falls\n- Borrowing stays flat", False),
        ("- Taxes rise next year.\n- Spending falls.\n- Borrowing stays flat.", False),
    ],
)
def test_list_item_without_full_stop(items: str, flagged: bool) -> None:
    assert ("TRN001" in trn(INTRO + "The budget has three parts:\n" + items)) is flagged


def test_title_case_furniture_outside_boilerplate_segment_is_judged() -> None:
    body = INTRO + "the council will publish its response on the city website"
    doc = document(body)
    assert codes(assess(doc).findings) == ["TRN006"]
    start = body.index("the council will")
    segmented = doc.with_segments([Segment("boilerplate", start, len(body))])
    assert codes(assess(segmented).findings) == []


def test_boilerplate_segments_from_another_plugin_are_skipped() -> None:
    furniture = "Sign in to our newsletter for updates on this and more"

    def segment(doc: Document, context: Context) -> list[Segment]:
        start = doc.body.text.find(furniture)
        return [Segment("boilerplate", start, start + len(furniture))] if start >= 0 else []

    marker = Rule(code="TST001", name="test-marker", message="marker")
    segmenter = Scorer(prefix="TST", name="segmenter", rules=(marker,), score=lambda d, c: [], segment=segment)
    body = INTRO + "The vote is on Friday.\n\n" + furniture
    plain = score_batch([article(body)], plugin_set(plugins=[("truncation", truncation)]))
    both = score_batch([article(body)], plugin_set(plugins=[("truncation", truncation)], scorers=[segmenter]))
    assert codes(plain[0].findings) == ["TRN006"]
    assert codes(both[0].findings) == []


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("There are three key areas:\n- Taxes rise next year.\n- Spending falls.", "short-count"),
        ("Five reasons stand out:\n1. Prices.\n2. Wages.\n3. Rents.", "short-count"),
        (
            "Several potential outcomes lie ahead.\nPotential Scenarios:\n- Stalemate: Talks fail.\n- Deal: A",
            "stopped-list",
        ),
        ("Steps:\n1. The council votes.\n2. The mayor signs the", "stopped-list"),
        ("FAQ\nWhen does it start?\nIn May.\nWho pays for it?", "unanswered-question"),
        ("Q: When does it start?", "unanswered-question"),
        ("The vote is on Friday.\n\nFAQ", "empty-section"),
        ("The vote is on Friday.\n\nKey Takeaways:", "lead-in"),
    ],
)
def test_unfinished_structure(body: str, kind: str) -> None:
    found = [f for f in run_scorer(SCORER, article(INTRO + body)) if f.code == "TRN002"]
    assert [f.data["signal"] for f in found] == [kind]


@pytest.mark.parametrize(
    "body",
    [
        "There are three key areas:\n- Taxes rise.\n- Spending falls.\n- Borrowing is flat.",
        "Dyer smashed the ball past the keeper from six yards.\n- Bolton boss said the defeat hurt.",
        "The season ran for 12 weeks:\n- Spring.\n- Summer.",
        "FAQ\nWhen does it start?\nIn May.\nWho pays for it?\nThe council does.",
        "What role should Europe play? Share your perspective in the comments below!",
        "The vote is on Friday.\n\nWatch the debate below:",
        "Potential Scenarios:\n- Stalemate: Talks fail.\n- Deal: Both sides sign.",
    ],
)
def test_structure_near_misses(body: str) -> None:
    assert "TRN002" not in trn(INTRO + body)


@pytest.mark.parametrize(
    ("ending", "signal"),
    [
        ("The vote is on Friday.\n\nContinue reading the main story", "continuation"),
        ("The vote is on Friday.\n\nSubscribe to read the full story", "continuation"),
        ("The vote is on Friday. Read the full article on our website.", "continuation"),
        ("The vote is on Friday.\n\nAlready a subscriber? Log in\n\nLeave a Comment", "continuation"),
        ("The talks, officials said, would continue...", "ellipsis"),
        ("The talks, officials said, would continue…", "ellipsis"),
    ],
)
def test_continuation_tail(ending: str, signal: str) -> None:
    found = [f for f in run_scorer(SCORER, article(INTRO + ending)) if f.code == "TRN003"]
    assert [f.data["signal"] for f in found] == [signal]


@pytest.mark.parametrize(
    "ending",
    [
        "The vote is on Friday.\n\nRead more",
        'He paused. "And then…"',
        "Reading continues to be popular with children.",
    ],
)
def test_continuation_near_misses(ending: str) -> None:
    assert "TRN003" not in trn(INTRO + ending)


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("", "Failed to load visualization\n" + INTRO, [("text", "extraction failure")]),
        ("", INTRO + "Loading...\nThe vote is on Friday.", [("text", "extraction failure")]),
        (
            "",
            INTRO + "JavaScript is required to view this chart.\nThe vote is on Friday.",
            [("text", "extraction failure")],
        ),
        ("", INTRO + "[embedded content]\nThe vote is on Friday.", [("text", "extraction failure")]),
        ("", INTRO + "Image\nThe vote is on Friday.", [("text", "extraction failure")]),
        ("russian ukraine", INTRO, [("title", "tag line")]),
        ("Budget Passed", "Home > World > Europe\n" + INTRO, [("text", "breadcrumb")]),
        ("Budget Passed", "politics\n" + INTRO, [("text", "tag line")]),
    ],
)
def test_scrape_debris(title: str, body: str, expected: list[tuple[str, str]]) -> None:
    found = [f for f in run_scorer(SCORER, article(body, title)) if f.code == "TRN004"]
    assert [(f.field, f.data["signal"]) for f in found] == expected


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Putin Briefed on Peace Proposals | Russia-US Talks", INTRO),
        ("Budget Passed", INTRO + "Photo: Jane Smith/AP\nThe vote is on Friday."),
        ("Budget Passed", INTRO + "Loading the lorries took all night.\nThe vote is on Friday."),
        ("Budget Passed", "By Jane Smith\n" + INTRO),
        ("Budget Passed", "2016/17 results in 3 charts\n" + INTRO),
        ("iPhone sales rise", INTRO),
        ("Budget Passed", "<!-- copydesk: ignore -->\n" + INTRO),  # a suppression comment, not a tag line
        ("Budget Passed", "<!-- editor: check the figures -->\n" + INTRO),
    ],
)
def test_debris_near_misses(title: str, body: str) -> None:
    assert "TRN004" not in trn(body, title)


def _long(words: int, id: str, url: str | None = "https://example.com/a", **fields: object) -> Article:
    """A complete article of about ``words`` words."""
    sentence = "The council met to discuss the budget for the year. "
    return article(sentence * (words // 10), id=id, url=url, **fields)


#: A short copy of the council's story that stops mid-sentence (TRN001 as well).
CUT_SHORT = "The council met to discuss the budget for the year. " * 4 + "The vote is on"


def _outlier_report(short: Article, peers: list[Article]) -> tuple[set[str], bool]:
    """The codes and ``truncated`` mark of ``short`` scored in one batch with ``peers``."""
    reports = score_batch([*peers, short], plugin_set(plugins=[("truncation", truncation)]))
    assert all("TRN005" not in codes(r.findings) for r in reports if r.id != short.id)
    report = next(r for r in reports if r.id == short.id)
    return set(codes(report.findings)), bool(report.truncated)


@pytest.mark.parametrize(
    ("peers", "url", "flagged"),
    [
        (12, "https://example.com/short", True),
        (12, "https://other.org/short", False),
        (6, "https://example.com/short", False),
    ],
)
def test_length_outlier(peers: int, url: str, flagged: bool) -> None:
    short = article(CUT_SHORT, id="short", url=url)
    found, _ = _outlier_report(short, [_long(300, f"p{i}") for i in range(peers)])
    assert ("TRN005" in found) is flagged


@pytest.mark.parametrize(
    ("ending", "flagged"),
    [
        # a complete brief ending on a full stop: short by design, not a truncation lead (issue 13)
        ("The vote is on Friday.", False),
        ("The vote is on Friday.\n\nFailed to load visualization", False),  # a debris line is no sign of a cut
        ("The mayor said the city would pay for it.\n\nReporting by Jane Doe", False),  # whole above a credit
        ("The vote is on", True),  # the ending is cut as well (TRN001)
        ("The vote is on Friday", True),  # no final stop: TRN006 as well
    ],
)
def test_a_short_article_with_a_complete_ending_is_not_a_length_outlier(ending: str, flagged: bool) -> None:
    short = article(
        "The council met to discuss the budget for the year. " * 4 + ending, id="short", url="https://example.com/s"
    )
    found, truncated = _outlier_report(short, [_long(300, f"p{i}") for i in range(12)])
    assert ("TRN005" in found) is flagged
    assert truncated is flagged


def test_a_short_body_with_no_prose_ending_to_judge_is_a_length_outlier() -> None:
    """A headline and dateline, nothing else: no ending says the article is whole."""
    short = article("LONDON, March 3\n\nCOUNCIL BUDGET VOTE", id="short", url="https://example.com/s")
    found, _ = _outlier_report(short, [_long(300, f"p{i}") for i in range(12)])
    assert "TRN005" in found


@pytest.mark.parametrize(
    ("fields", "flagged"),
    [
        ({}, False),  # no URL, no source field: nothing names the publisher, so nothing to compare with
        ({"meta": {"source": "Example Gazette"}}, True),
        ({"meta": {"site": "gazette"}}, True),
        ({"meta": {"source": "  "}}, False),  # a blank field names no one
    ],
)
def test_a_length_outlier_is_compared_only_within_a_publisher_the_input_names(
    fields: dict[str, object], flagged: bool
) -> None:
    peers = [_long(300, f"p{i}", url=None, **fields) for i in range(12)]
    short = article(CUT_SHORT, id="short", **fields)
    found, _ = _outlier_report(short, peers)
    assert ("TRN005" in found) is flagged


def test_records_of_one_file_without_a_publisher_are_not_one_source(tmp_path: Path) -> None:
    """A JSONL file mixing outlets, with no URL or source field: its folder is not a publisher."""
    rows = [{"id": f"p{i}", "text": _long(300, "x").body} for i in range(12)] + [{"id": "short", "text": CUT_SHORT}]
    (tmp_path / "mixed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    items = [item for item in Batch([str(tmp_path / "mixed.jsonl")], packaged_defaults()["sources"])]
    assert all(isinstance(item, Article) and source_of(item) is None for item in items)
    articles = [item for item in items if isinstance(item, Article)]
    found, _ = _outlier_report(articles[-1], articles[:-1])
    assert "TRN005" not in found


@pytest.mark.parametrize(
    ("settings", "ending", "expected"),
    [
        ({"extra_furniture": ["Sign up now"]}, "The vote is on Friday.\n\nSign up now", []),
        ({"remove_furniture": ["leave a comment"]}, "The vote is on Friday.\n\nLeave a comment", ["TRN006"]),
        (
            {"extra_continuation": ["more after the break"]},
            "The vote is on Friday.\n\nMore after the break",
            ["TRN003"],
        ),
        ({"extra_debris": ["chart unavailable"]}, "The vote is on Friday.\nChart unavailable\nIt ends.", ["TRN004"]),
        ({"remove_credit_cues": ["photo"]}, "The vote is on Friday.\n\nphoto of the council chamber", ["TRN006"]),
        ({"short_line_words": 2}, "The vote is on Friday.\n\nThe View From Brussels", ["TRN006"]),
    ],
)
def test_settings_extend_and_trim_lexicons(settings: dict[str, object], ending: str, expected: list[str]) -> None:
    assert trn(INTRO + ending, **settings) == expected


def test_empty_or_missing_list_settings_give_the_packaged_lexicons() -> None:
    """A list setting that is absent, None or empty adds nothing; a list's items are read as strings."""
    from copydesk.plugins.truncation.lexicon import lexicons

    packaged = lexicons(truncation.SETTINGS)
    assert lexicons({}) is packaged
    for empty in (None, [], ()):
        assert lexicons({**truncation.SETTINGS, "extra_debris": empty, "remove_furniture": empty}) is packaged
    numbered = lexicons({**truncation.SETTINGS, "extra_debris": [404, "Chart unavailable"]})
    assert numbered.debris.match_line("404") == "0" and numbered.debris.match_line("chart unavailable")


def test_missing_final_stop_message_says_it_once() -> None:
    """TRN006's message names the missing stop once and quotes the last word (it once read
    "without terminal punctuation without terminal punctuation after ...")."""
    found = run_scorer(SCORER, article(INTRO + "The council will vote on the plan next month"))
    assert [f.message for f in found] == ["Text ends without terminal punctuation after 'month'"]


@pytest.mark.parametrize(
    ("settings", "signal"),
    [
        ({}, "non-final-word"),
        ({"remove_non_final_words": ["the"]}, "no-terminal-punctuation"),
        ({"extra_non_final_words": ["report"]}, "non-final-word"),
    ],
)
def test_non_final_words_from_settings(settings: dict[str, object], signal: str) -> None:
    ending = "The council will publish the report" if "extra_non_final_words" in settings else "Bring me the"
    found = run_scorer(SCORER, article(INTRO + ending), settings=settings or None)
    assert [f.data["signal"] for f in found] == [signal]


@pytest.mark.parametrize(
    ("key", "entry", "problem"),
    [
        ("extra_non_final_words", "et al", "is not one word"),
        ("extra_non_final_words", "etc.", "is not one word"),
        ("remove_non_final_words", "of the", "is not one word"),
        ("extra_furniture", "--", "has no words"),
        ("remove_continuation", "*", "has no words"),
        ("extra_debris", " ... ", "has no words"),
        ("extra_credit_cues", "-", "has no words"),
    ],
)
def test_a_list_entry_that_could_match_nothing_is_a_config_error_not_a_silent_no_op(
    key: str, entry: str, problem: str
) -> None:
    """A non-final word is a line's last word alone; a line or cue with no words is dropped from its list."""
    with pytest.raises(ConfigError, match=re.escape(f"[plugins.truncation] {key} entry '{entry}' {problem}")):
        run_scorer(SCORER, article(INTRO + "Bring me the"), settings={key: [entry]})


def _seed(name: str) -> Article:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    parsed = parse_text(path.read_text(encoding="utf-8"), str(path), "txt")
    assert not isinstance(parsed, str) and hasattr(parsed, "body")
    return parsed  # type: ignore[return-value]


@pytest.mark.parametrize("name", ["000", "001", "002", "004"])
def test_complete_seeds_have_no_finding(name: str) -> None:
    assert codes(run_scorer(SCORER, _seed(name))) == []


def test_seed_003_is_truncated_with_debris() -> None:
    findings = run_scorer(SCORER, _seed("003"))
    assert sorted(set(codes(findings))) == ["TRN001", "TRN002", "TRN004"]
    debris = {f.matched for f in findings if f.code == "TRN004"}
    assert debris == {"russian ukraine", "Failed to load visualization"}
    assert next(f for f in findings if f.code == "TRN001").matched == "a"
    assert "Potential Scenarios:" in next(f for f in findings if f.code == "TRN002").message


def test_subscore_is_confidence_of_incompleteness() -> None:
    cut = assess(Document.from_article(_seed("003")))
    whole = assess(Document.from_article(_seed("000")))
    assert whole.subscore == 1.0 and whole.metrics["incomplete_confidence"] == 0.0
    assert cut.subscore is not None and cut.subscore < 0.05
    assert cut.metrics["debris_lines"] == 2.0


@pytest.mark.parametrize(
    "text",
    [
        "word " * 200_000,
        "a\n" * 500_000,
        '"(“ ' * 250_000,
        "- Item: of the\n" * 70_000,
        "Loading...\n" * 90_000,
        "three key areas: " * 60_000,
        "Home > " * 140_000,
        "." * 1_000_000,
        "Ian Rose ... Risa / Heller | " * 35_000,
        "Label: a, b, c, " * 70_000,
    ],
    ids=[
        "words",
        "short-lines",
        "brackets",
        "list-items",
        "debris",
        "promises",
        "breadcrumb",
        "dots",
        "separators",
        "commas",
    ],
)
def test_one_megabyte_adversarial_input_finishes(text: str) -> None:
    doc = document(text[:1_000_000], title="russian ukraine")
    result = assess(doc)
    assert 0.0 <= (result.subscore or 0.0) <= 1.0
    assert len(result.findings) <= 30


def test_conformance() -> None:
    assert_conformance(truncation, examples=[p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))])


def test_module_is_a_plugin() -> None:
    assert isinstance(truncation, ModuleType)
    assert [s.prefix for s in truncation.copydesk_scorers()] == ["TRN"]
    assert {r.name for r in SCORER.rules} == {
        "ends-mid-sentence",
        "unfinished-structure",
        "continuation-tail",
        "scrape-debris",
        "length-outlier",
        "missing-final-stop",
    }


CLINIC = "The ministry said the new clinic would open in May and serve four villages."


@pytest.mark.parametrize(
    ("ending", "expected"),
    [
        # a complete last sentence that only lacks its full stop is a weak, informational signal
        ("The ministry said the new clinic would open in May and serve four villages", ["TRN006"]),
        ("Photo of the clinic's new waiting room with its blue chairs and wide windows", ["TRN006"]),
        # real evidence of a cut stays a warning
        ("The ministry said the new clinic would open in May and serve the", ["TRN001"]),
        ("The ministry said the new clinic would open in May, and", ["TRN001"]),
        ("The ministry said (in a statement on Monday the new clinic", ["TRN001"]),
        # agency and source credits glued to the last line, by shape
        (CLINIC + " --Wirenews", []),
        (CLINIC + " Source WireOne and agencies", []),
        (CLINIC + "\n\nvia: dailyexample.com", []),
        (CLINIC + "\n\nSOURCE: https://example.org/2017/06/clinic-story/", []),
        # page residue glued to the last sentence: counters, initials, embed ids
        (CLINIC + " 12", []),
        (CLINIC + " 212-11", []),
        (CLINIC + " KT 14", []),
        (CLINIC + " XaP3kQ9mZt", []),
        # wire copy signed off on the same line: an agency's or reporter's initials, a dash sign-off (issue 13)
        (CLINIC + " WNA", []),
        (CLINIC + " JKL", []),
        ('"We will open in May," she said. - Wirenews', []),
        (CLINIC + " \u2013 Jane Doe", []),
        # near neighbours of those: a pronoun or article after the stop, a phrase, a long dash aside
        (CLINIC + " A", ["TRN001"]),
        (CLINIC + " Q", ["TRN006"]),  # a lone capital may be a word cut short
        (CLINIC + " NATO members", ["TRN006"]),
        (CLINIC + " The Prime", ["TRN006"]),
        (CLINIC + " - the mayor agreed", ["TRN006"]),
        (CLINIC + " - Jane Doe Of Northtown", ["TRN006"]),
        # near neighbours: a real sentence after the full stop is still judged
        (CLINIC + " The new clinic", ["TRN006"]),
        (CLINIC + " It will cost the", ["TRN001"]),
    ],
)
def test_missing_stop_credits_and_residue(ending: str, expected: list[str]) -> None:
    assert trn(INTRO + ending) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a "page not found" notice has no article ending to judge (issue 13)
        ("Whoops! Error 404\n\nSorry, that page has moved.\n\nYou can go back to the front page", []),
        ("Page not found\n\nTry the search box or visit our homepage", []),
        # near misses: the phrase deep in a short brief, or at the top of a long article, is prose
        (
            "The council met on Tuesday.\n\nIts website was down all day, and residents saw only a notice "
            + "that said page not found when they tried to pay",
            ["TRN006"],
        ),
        (
            "Page not found errors hit the council website.\n\n" + "Residents could not pay. " * 15 + "It was fixed",
            ["TRN006"],
        ),
    ],
)
def test_an_error_page_is_not_judged(body: str, expected: list[str]) -> None:
    assert trn(body) == expected


def test_template_code_page_is_not_judged() -> None:
    code = (
        "/* Button colours */\n\n{% set buttonRadius = '4px' %} /* rounded edges */\n\nTurn this module off when done"
    )
    assert trn(code) == []
    assert trn(INTRO + "Turn this module off when done") == ["TRN006"]


LONG_ITEM = INTRO + " ".join([CLINIC] * 8) + "\n\n"


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        (LONG_ITEM + "Nobody could have guessed what happened next…", False),  # rhetorical, complete clause
        (LONG_ITEM + "Fans will have to wait and see what the clinic does next ...", False),
        (LONG_ITEM + "Officials said the storm would reach the coast by…", True),  # non-final word before it
        (LONG_ITEM + "The storm was huge and unlik..", True),  # two dots: a truncator's mark
        (LONG_ITEM + "The changes the storm has brought…..", True),  # more than three dots
        ("A short teaser about the storm. Officials said it was the worst in years…", True),  # teaser length
    ],
)
def test_trailing_ellipsis_needs_evidence_of_a_cut(body: str, flagged: bool) -> None:
    assert ("TRN003" in trn(body)) is flagged


@pytest.mark.parametrize(
    ("tail", "flagged"),
    [
        ("The Full Statement:\n\nWhy The Clinic Plan Matters | Jane Doe | Health Office", False),  # answered
        ("The Full Statement:", True),
        ("The Full Statement:\n\nShare", True),  # furniture does not answer it
    ],
)
def test_lead_in_answered_by_its_linked_title(tail: str, flagged: bool) -> None:
    assert ("TRN002" in trn(INTRO + CLINIC + "\n\n" + tail)) is flagged


def test_lead_in_answered_by_a_title_line_in_a_boilerplate_segment() -> None:
    title = "Why The Clinic Plan Matters | Jane Doe | Health Office"
    body = INTRO + CLINIC + "\n\nThe Full Statement:\n\n" + title
    doc = document(body).with_segments([Segment("boilerplate", body.index(title), len(body))])
    assert "TRN002" not in codes(assess(doc).findings)


@pytest.mark.parametrize(
    ("ending", "expected"),
    [
        # a related or repeated headline in headline case, glued on or on its own line (issue 13)
        (CLINIC + " Mayor Backs Plan To Open Second Clinic In Northtown", []),
        (
            CLINIC
            + "\n\nvia: dailyexample.com\n\nMayor Vows To Keep The New Clinic Open “Until The Very Last Patient Is Seen”",
            [],
        ),
        # near misses: a cut headline, a short name, a sentence with words in lower case are still judged
        (CLINIC + " Mayor Backs Plan To Open Second Clinic Of", ["TRN001"]),
        (CLINIC + " The Prime Minister Of", ["TRN001"]),
        (CLINIC + " Residents said they would Back The Plan", ["TRN006"]),
        # site-footer links and a comment widget's label run onto the last line
        (CLINIC + " Northtown Daily Watch Live iOS Android Careers Contact Us Terms of Use Privacy Policy", []),
        (CLINIC + " Nurses Strike Over Pay at Northtown Clinic Tags clinic health Comment via Facebook", []),
        (CLINIC + " Updated with more detail ... 0 0 Tags clinic health funding Comment via Facebook", []),
        # near misses: prose naming a policy or a comment is still judged
        (CLINIC + " Users must accept the Terms of Use and the Privacy Policy", ["TRN006"]),
        (CLINIC + " Patients can leave a comment via Facebook", ["TRN006"]),
        # a follow prompt, a last-update stamp and a reprint note after the story
        (CLINIC + "\n\nWant more local news? Follow Northtown Daily on Facebook, Twitter, YouTube and Instagram", []),
        (CLINIC + " Last Update: Monday 3 May 2021 KST 18:15 - GMT 09:15 12", []),
        (CLINIC + "\n\n*Reprinted with permission\n\nRelated", []),
        # near miss: a sentence that opens on "Follow" but does not end on a network
        (CLINIC + " Follow the river to the coast", ["TRN006"]),
    ],
)
def test_page_residue_after_the_last_sentence_is_not_the_ending(ending: str, expected: list[str]) -> None:
    assert trn(INTRO + ending) == expected


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        # captions or linked headlines: the boilerplate scorer's segment holds the last two (issue 13)
        ("A nurse checks a patient at the new clinic in Northtown\n\nThe clinic's waiting room on its first day", []),
        # near miss: a cut paragraph above short furniture in the segment is still judged
        ("The council will vote on the plan next month\n\nShare this\n\nLeave a Comment", ["TRN006"]),
    ],
)
def test_a_headline_run_continues_into_a_boilerplate_segment(tail: str, expected: list[str]) -> None:
    body = INTRO + CLINIC + "\n\n" + tail
    first = tail.split("\n\n")[0]
    doc = document(body).with_segments([Segment("boilerplate", body.index(first) + len(first) + 2, len(body))])
    assert codes(assess(doc).findings) == expected
