"""TPL006 leaves the story's own prose and introduced lists alone (chrome.story_lines).

Every case is written for these tests. Each exempted line is one the chrome model
itself scores at or above the threshold, so a test fails if the exemption goes.
"""

from __future__ import annotations

import pytest
from copydesk import Article
from copydesk.plugins import boilerplate
from copydesk.plugins.boilerplate import chrome
from copydesk.testing import article, plugin_set, score_batch
from copydesk.text import Document

THRESHOLD = 0.6
PARAGRAPH = (
    "The harbour board voted on Thursday to delay the dredging work until the spring, after residents "
    "of the east bank said the noise had kept them awake for weeks."
)
#: A photo caption and credit run into the headline, as scraped pages put them above the story.
CAPTION_RUN_IN = (
    "Councillor Ada Brennick walks past the flooded depot in Lowmarsh on Monday | Photo Wire "
    "Lowmarsh depot to stay shut for a month as engineers weigh the cost of the repairs and the council looks for money"
)
#: Headlines of other stories in one line: as long as a paragraph, but hardly any function words.
TEASERS = (
    "Storm Closes Coastal Road Mayor Names New Police Chief Markets Slide On Rate Fears Library Reopens "
    "After Repairs School Budget Passes Council Vote Bridge Works Delayed Again Festival Lineup Announced"
)
ITEMS = [
    "- New night limits on the dredgers",
    "- A fund for the worst hit streets",
    "- Monthly meetings with residents",
]
LEAD_IN = "The board's chair told reporters that the plan, agreed after a long meeting, would include these steps:"


def story(first: str) -> str:
    """A short report whose first line is ``first``."""
    return "\n\n".join(
        [
            first,
            PARAGRAPH,
            "Engineers said the pumps had failed twice since October.",
            PARAGRAPH.replace("Thursday", "Friday"),
            "Story Continued Below",
            PARAGRAPH.replace("spring", "summer"),
        ]
    )


def listed(lead_in: str) -> str:
    """A short report ending with ``lead_in`` and three bulleted items."""
    return "\n\n".join([PARAGRAPH, PARAGRAPH.replace("Thursday", "Monday"), lead_in, *ITEMS])


def chrome_found(body: str) -> list[str]:
    """The lines TPL006 reports in ``body``, scored alone."""
    done = score_batch([article(body, id="a")], plugin_set(plugins=[("boilerplate", boilerplate)]))[0]
    return [f.matched for f in done.findings if f.code == "TPL006"]


def model_says(body: str, line: str) -> float:
    """The chrome model's probability for ``line`` of ``body`` (no other article has it)."""
    document = Document.from_article(Article(id="a", title="", body=body))
    text = document.body.text
    chances = chrome.probabilities(document, [0] * len(document.body.lines))
    return next(p for p, (s, e) in zip(chances, document.body.lines, strict=True) if text[s:e] == line)


def test_a_caption_run_into_the_headline_is_prose_of_the_story_not_chrome() -> None:
    body = story(CAPTION_RUN_IN)
    assert model_says(body, CAPTION_RUN_IN) >= THRESHOLD
    assert chrome_found(body) == []


@pytest.mark.parametrize(
    "first",
    [TEASERS, CAPTION_RUN_IN.replace("| Photo Wire", "| Photo Wire | Gallery")],
    ids=["few-function-words", "two-pipes"],
)
def test_a_long_line_that_is_not_prose_is_still_judged_by_the_model(first: str) -> None:
    body = story(first)
    assert model_says(body, first) >= THRESHOLD
    assert [m[:40] for m in chrome_found(body)] == [first[:40]]


def test_bullets_a_sentence_of_the_story_introduces_are_its_list() -> None:
    body = listed(LEAD_IN)
    assert all(model_says(body, item) >= THRESHOLD for item in ITEMS)
    assert chrome_found(body) == []


@pytest.mark.parametrize("lead_in", ["Related stories:", "The plan agreed after a long meeting included these steps."])
def test_bullets_under_a_short_label_or_after_a_full_stop_are_still_judged_by_the_model(lead_in: str) -> None:
    body = listed(lead_in)
    judged = [item for item in ITEMS if model_says(body, item) >= THRESHOLD]
    assert judged
    assert chrome_found(body) == judged


def test_a_line_other_articles_share_is_left_to_the_model() -> None:
    body = story(CAPTION_RUN_IN)
    document = Document.from_article(Article(id="a", title="", body=body))
    alone = chrome.story_lines(document, [0] * len(document.body.lines))
    shared = chrome.story_lines(document, [2] + [0] * (len(document.body.lines) - 1))
    assert 0 in alone
    assert 0 not in shared


@pytest.mark.parametrize(
    ("line", "item"),
    [
        ("- Duty cuts", True),
        ("• Duty cuts", True),
        ("3. Quebec City", True),
        ("12) Second round", True),
        ("-5 degrees overnight", False),
        ("2024. A year of storms", False),
        ("1,000 people marched", False),
        ("Q3 results", False),
        ("-", False),
    ],
)
def test_list_items_open_with_a_bullet_and_a_space_or_a_short_number(line: str, item: bool) -> None:
    document = Document.from_article(Article(id="a", title="", body=line))
    assert chrome._list_item(document.body.text, document.body.lines[0]) is item
