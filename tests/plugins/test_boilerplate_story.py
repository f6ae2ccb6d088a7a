"""TPL006 leaves the story's own prose, lists, tables and post signatures alone (chrome.story_lines).

Every case is written for these tests. Each exempted line is one the chrome model
itself scores at or above the threshold, so a test fails if the exemption goes.
"""

from __future__ import annotations

import pytest
from copydesk import Article
from copydesk.plugins import boilerplate
from copydesk.plugins.boilerplate import chrome, owned
from copydesk.testing import article, plugin_set, score_batch
from copydesk.text import Document
from hypothesis import given, settings
from hypothesis import strategies as st

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


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_story_lines_are_the_unshared_lines_of_the_reading_without_the_batch(data: st.DataObject) -> None:
    # Every line shared (a batch of copies) reads nothing and gives nothing; otherwise the same lines.
    body = story(CAPTION_RUN_IN)
    document = Document.from_article(Article(id="a", title="", body=body))
    size = len(document.body.lines)
    others = data.draw(st.lists(st.integers(0, 3), min_size=size, max_size=size) | st.just([1] * size))
    alone = chrome.story_lines(document, [0] * size)
    assert alone
    assert chrome.story_lines(document, others) == {i for i in alone if not others[i]}


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


WRAPPED = [
    "The ferry company said on Monday that the late crossings would stop from",
    "next week, because too few passengers used them.",
    "Its chief executive, who took over in the spring, is said to have been",
    "furious at the cost of the night crews.",
    "Islanders said they would petition the council to keep at least one late boat",
    "running on Fridays.",
]


def test_a_sentence_carried_over_a_line_break_is_the_story_not_chrome() -> None:
    body = "\n\n".join([PARAGRAPH, *WRAPPED, PARAGRAPH.replace("Thursday", "Friday")])
    judged = [line for line in WRAPPED if model_says(body, line) >= THRESHOLD]
    assert judged  # the model alone would report the wrapped ends of sentences
    assert not set(judged) & set(chrome_found(body))


def test_a_lower_case_line_after_a_menu_line_is_still_judged_by_the_model() -> None:
    menu = "Weather traffic travel sport business politics health science culture and the arts"
    after = "more from our sister sites and partner newspapers"
    paragraphs = [PARAGRAPH, PARAGRAPH.replace("Thursday", "Friday"), PARAGRAPH.replace("spring", "summer")]
    body = "\n\n".join([*paragraphs, menu, after, "Contact us"])
    assert model_says(body, after) >= THRESHOLD
    assert after in chrome_found(body)


def test_a_wrapped_line_whose_next_line_does_not_close_the_sentence_is_not_carried() -> None:
    lines = [PARAGRAPH, "The board said that the work on the east bank would now start in", "march or april"]
    document = Document.from_article(Article(id="a", title="", body="\n".join(lines)))
    assert not chrome.story_lines(document, [0, 0, 0]) & {1, 2}
    closed = Document.from_article(Article(id="a", title="", body="\n".join([*lines[:2], "march or april."])))
    assert chrome.story_lines(closed, [0, 0, 0]) >= {1, 2}


@pytest.mark.parametrize(
    ("after", "carried"),
    [
        ("next week, because too few passengers used them.", True),
        ('"furious" at the cost of the night crews.', True),
        ("{% set width = 900 %} the width of the page, in pixels.", False),
        ("(next week) because too few passengers used them.", False),
    ],
)
def test_only_a_line_opening_on_a_lower_case_word_or_a_quote_carries_a_sentence_on(after: str, carried: bool) -> None:
    body = "\n".join([PARAGRAPH, "The ferry company said on Monday that the late crossings would stop from", after])
    document = Document.from_article(Article(id="a", title="", body=body))
    assert (2 in chrome.story_lines(document, [0, 0, 0])) is carried


def test_a_long_line_of_template_code_with_comments_is_not_prose() -> None:
    code = (
        '{% set pageWidth = "960px" %} /* This sets the width of the page; change it to make the page '
        "wider or narrower, and the side bars will follow it as well */"
    )
    prose = code.replace('{% set pageWidth = "960px" %} /* ', "").replace(" */", ".")
    for first, exempt in ((code, False), (prose, True)):
        document = Document.from_article(Article(id="a", title="", body="\n".join([first, PARAGRAPH, PARAGRAPH])))
        assert (0 in chrome.story_lines(document, [0, 0, 0])) is exempt


#: A draw the story lists under its last paragraph (invented clubs).
FIXTURES = ["Kestrel Town v Marlow Rovers", "Abbotsford v Dunmere United", "Port Evan v Hollins Athletic"]
REPORT = [PARAGRAPH, PARAGRAPH.replace("Thursday", "Friday"), PARAGRAPH.replace("spring", "summer")]


def test_a_fixture_table_under_the_story_is_its_content_not_chrome() -> None:
    body = "\n\n".join([*REPORT, *FIXTURES, "Caddick v Brenlow City"])
    judged = [line for line in FIXTURES if model_says(body, line) >= THRESHOLD]
    assert judged  # the model alone would report lines of the draw
    assert chrome_found(body) == []


def test_a_schedule_with_day_labels_between_its_lines_is_one_table() -> None:
    games = [
        "Kestrel at Marlow, 4:30 p.m. (Fox)",
        "Dunmere at Hollins, 8 p.m. (CBS)",
        "Brenlow at Caddick, 1 p.m. (CBS)",
    ]
    body = "\n\n".join([*REPORT, "Playoff schedule", "Saturday", *games[:2], "Sunday", games[2]])
    assert any(model_says(body, line) >= THRESHOLD for line in games)
    assert not set(games) & set(chrome_found(body))


def test_the_day_labels_of_a_schedule_are_its_content_not_chrome() -> None:
    games = ["Kestrel at Marlow, 4:30 p.m.", "Dunmere at Hollins, 8 p.m.", "Brenlow at Caddick, 1 p.m."]
    body = "\n\n".join([*REPORT, "Saturday", *games[:2], "Sunday", games[2]])
    assert any(model_says(body, day) >= THRESHOLD for day in ("Saturday", "Sunday"))
    assert chrome_found(body) == []


def test_a_short_line_after_the_last_line_of_a_table_is_still_judged() -> None:
    body = "\n\n".join([*REPORT, *FIXTURES, "Weather", "Traffic", "Contact us"])
    assert model_says(body, "Weather") >= THRESHOLD
    assert "Weather" in chrome_found(body)


@pytest.mark.parametrize(
    "page",
    [
        [*FIXTURES, "Latest news", *REPORT],  # a sidebar above the story
        [*REPORT, "Home", "News", "Sport", "Contact us", *FIXTURES],  # a box below the page's navigation
    ],
    ids=["before-the-story", "after-the-navigation"],
)
def test_a_fixture_table_away_from_the_story_is_still_judged_by_the_model(page: list[str]) -> None:
    body = "\n\n".join(page)
    judged = [line for line in FIXTURES if model_says(body, line) >= THRESHOLD]
    assert judged
    assert set(judged) <= set(chrome_found(body))


@pytest.mark.parametrize(
    ("line", "pairs"),
    [
        ("Kestrel Town v Marlow Rovers", True),
        ("Ohio State vs. Iowa", True),
        ("Kestrel v Marlow; Dunmere v Hollins.", True),
        ("Kestrel at Marlow, 4:30 p.m.", True),
        ("Kestrel at Marlow", False),  # "at" needs a time or a date in the line
        ("Protest at City Hall", False),
        ("Class v action", False),
        ("v Marlow", False),
        ("Kestrel v Marlow: player ratings from the game", False),  # a headline about the match (review s21v)
        ("Kestrel 2 Marlow 1: what we learned", False),
    ],
)
def test_a_pairing_joins_two_names_with_v_vs_or_a_dated_at(line: str, pairs: bool) -> None:
    assert owned.pairing(line) is pairs


def report_with_post(signature: str) -> str:
    """A report ending with an embedded post: a lead-in, the post's text, its signature line."""
    return "\n\n".join([*REPORT, "Read her post below.", "So proud of our crews #Lowmarsh", signature])


@pytest.mark.parametrize(
    "signature",
    [
        "- Ada Brennick (@adabrennick) March 3, 2021",
        "So proud of our crews — Ada Brennick (@ada_brennick) March 3, 2021",
    ],
)
def test_the_signature_of_an_embedded_post_is_the_story_not_chrome(signature: str) -> None:
    body = report_with_post(signature)
    assert model_says(body, signature) >= THRESHOLD
    assert chrome_found(body) == []


@pytest.mark.parametrize(
    "line",
    [
        "Ada Brennick (@adabrennick) March 3, 2021",  # no dash: not a post's signature
        "- Follow us (@lowmarshnews)",  # no date
        "- Ada Brennick (@adabrennick) March 3, 2021 | More posts",  # more after the date
        "- Ada Brennick (@adabrennick) Tuesday",
    ],
)
def test_a_handle_line_that_is_not_a_post_signature_is_still_judged_by_the_model(line: str) -> None:
    body = report_with_post(line)
    assert model_says(body, line) >= THRESHOLD
    assert chrome_found(body) == [line]


def report_with_picture(line: str) -> str:
    """A report with a caption and ``line`` under it between its paragraphs (six lines: the model runs)."""
    return "\n\n".join([*REPORT[:2], "Residents gather at the depot", line, *REPORT[2:], PARAGRAPH.replace("the", "a")])


@pytest.mark.parametrize("line", ["Photo: Lowmarsh Wire", "Picture: Tom Quill", "Ada Brennick/Harbour Pictures"])
def test_a_photo_credit_between_the_paragraphs_is_the_story_not_chrome(line: str) -> None:
    body = report_with_picture(line)
    assert model_says(body, line) >= THRESHOLD
    assert chrome_found(body) == []


@pytest.mark.parametrize("line", ["Gallery: Harbour week", "More photos", "Lowmarsh/Harbour Wire Service Photo Desk"])
def test_a_short_line_between_the_paragraphs_that_is_no_credit_is_still_judged(line: str) -> None:
    body = report_with_picture(line)
    assert model_says(body, line) >= THRESHOLD
    assert chrome_found(body) == [line]


def test_a_credit_outside_the_paragraphs_is_still_judged_by_the_model() -> None:
    line = "Photo: Lowmarsh Wire"
    body = "\n\n".join([*REPORT, "Home", "News", line, "Contact us"])
    assert model_says(body, line) >= THRESHOLD
    assert line in chrome_found(body)


@pytest.mark.parametrize(
    ("line", "is_credit"),
    [
        ("Photo: Lowmarsh Wire", True),
        ("PICTURE: Harbour Pictures", True),
        ("Ada Brennick/Harbour Pictures", True),
        ("Brennick/Wire", True),
        ("Photos", False),
        ("Photographers were turned away", False),
        ("Lowmarsh/Harbour Wire Service Photo Desk", False),  # too long for a credit without a label
        ("either/or", False),
    ],
)
def test_a_credit_opens_on_a_credit_label_or_joins_a_name_to_an_agency(line: str, is_credit: bool) -> None:
    assert owned.credit(line) is is_credit


@pytest.mark.parametrize(
    "line",
    [
        "Source: Lowmarsh Herald",
        "Via Lowmarsh Herald",
        "Sources: Harbour Board, Lowmarsh Council",
        "Featured image via Tom Quill/Harbour Pictures",
    ],
)
def test_a_source_line_under_the_story_is_its_text_not_chrome(line: str) -> None:
    more = ["Engineers said the pumps had failed twice since October.", PARAGRAPH.replace("the", "a")]
    body = "\n\n".join([*REPORT, *more, "Watch the meeting below:", line])  # an embed left nothing between
    assert model_says(body, line) >= THRESHOLD
    assert chrome_found(body) == []


def test_a_source_line_below_the_page_navigation_is_still_judged_by_the_model() -> None:
    line = "Source: Lowmarsh Herald"
    body = "\n\n".join([*REPORT, "Home", "News", "Sport", line])
    assert model_says(body, line) >= THRESHOLD
    assert line in chrome_found(body)


@pytest.mark.parametrize(
    ("line", "reach"),
    [
        ("Source: Lowmarsh Herald", True),
        ("Via the wire", True),
        ("Via Lowmarsh Herald", True),
        ("Via Twitter", False),  # a share button (review s21v)
        ("Sourced locally", False),
        ("Viaduct works", False),
    ],
)
def test_a_source_line_opens_on_a_source_label(line: str, reach: bool) -> None:
    text = "\n".join(["x", line])
    found = list(owned.sources(text, [(0, 1), (2, len(text))], [1, len(line.split())], (0, 1)))
    assert (found == [1]) is reach


QUOTED = (
    "Residents said the dredgers ran through the night, that the council never answered their letters, "
    "and that the noise on the east bank had kept children awake for most of the autumn term."
)


def owned_text(body: str) -> list[str]:
    """The lines of ``body`` that chrome.story_lines reads as the story's own (no other article has them)."""
    document = Document.from_article(Article(id="a", title="", body=body))
    text, lines = document.body.text, document.body.lines
    return [text[s:e] for i, (s, e) in enumerate(lines) if i in chrome.story_lines(document, [0] * len(lines))]


@pytest.mark.parametrize(
    ("after", "owned_lead_in"),
    [
        (QUOTED, True),  # the paragraph it introduces
        ("Harbour board delays dredging again", False),  # a headline under a label
    ],
)
def test_a_lead_in_is_the_story_only_before_a_paragraph_of_the_story(after: str, owned_lead_in: bool) -> None:
    lead_in = "As the Lowmarsh Herald reports:"
    body = "\n\n".join([*REPORT[:2], lead_in, after, REPORT[2]])
    assert (lead_in in owned_text(body)) is owned_lead_in


@pytest.mark.parametrize("lead_in", ["Read more:", "The council said: the plan stands"])
def test_a_two_word_label_or_a_line_not_ending_on_a_colon_is_no_lead_in(lead_in: str) -> None:
    body = "\n\n".join([*REPORT[:2], lead_in, QUOTED, REPORT[2]])
    assert lead_in not in owned_text(body)


@pytest.mark.parametrize("note", ["Matches to be played on the weekend of 8 May.", "All times local."])
def test_the_note_under_a_fixture_table_is_its_content_not_chrome(note: str) -> None:
    body = "\n\n".join([*REPORT, *FIXTURES, note])
    assert model_says(body, note) >= THRESHOLD
    assert chrome_found(body) == []


def test_a_call_to_action_under_a_fixture_table_is_no_note_of_the_table() -> None:
    """Review s21v: "Sign up for our ... newsletter" under a table was owned as the table's note."""
    prompt = "Sign up for our free sports newsletter today."
    body = "\n\n".join([*REPORT, *FIXTURES, prompt])
    assert set(FIXTURES) <= set(owned_text(body))
    assert prompt not in owned_text(body)


def test_a_box_of_headlines_about_matches_is_no_table_of_the_story() -> None:
    """Review s21v: a related-stories box of match headlines right after the story stays with the model."""
    box = [
        "Kestrel v Marlow: player ratings from the game",
        "Abbotsford v Dunmere: all the goals and reaction",
        "Port Evan v Hollins: what we learned on Sunday",
    ]
    body = "\n\n".join([*REPORT, "More on this story", *box])
    assert not set(box) & set(owned_text(body))


def _pairing_by_words(piece: str) -> bool:
    """The pairing reading word by word, without the quick test before the split (a reference)."""
    words = piece.split()
    if any(word.endswith(":") for word in words[2:]):
        return False
    dated = any(c.isdigit() for c in piece)
    return any(
        (words[k] in ("v", "v.", "vs", "vs.") or (dated and words[k] == "at"))
        and (words[k - 1][0].isupper() or words[k - 1][0].isdigit())
        and (words[k + 1][0].isupper() or words[k + 1][0].isdigit())
        for k in range(1, len(words) - 1)
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Kestrel", "v", "v.", "vs", "vs.", "at", "4:30", "Marlow:", "2", "x", "At", "V"]), max_size=8
    ),
    st.sampled_from([" ", "\t", "  ", "\u00a0"]),
)
def test_the_quick_test_before_a_pairing_changes_no_reading(words: list[str], space: str) -> None:
    piece = space.join(words)
    assert owned.pairing(piece) is _pairing_by_words(piece)


#: An oath the story quotes line by line: one sentence broken over short lines, each but the first in lower case.
OATH = [
    "I promise to serve the people of this valley,",
    "whose trust I have asked for,",
    "whose laws I will keep and defend, and",
    "whose children I will never fail.",
]
MORE = [PARAGRAPH.replace("spring", "summer"), PARAGRAPH.replace("weeks", "months"), PARAGRAPH.replace("east", "west")]


def test_a_sentence_broken_over_short_lines_is_the_story_not_chrome() -> None:
    body = "\n\n".join([PARAGRAPH, *MORE[1:], "The new members read the oath aloud:", *OATH])
    judged = [line for line in OATH if model_says(body, line) >= THRESHOLD]
    assert judged == OATH  # the model alone takes every line of the oath for chrome
    assert chrome_found(body) == []


@pytest.mark.parametrize(
    "lines",
    [
        ["Tags: harbour board", "dredging", "east bank", "noise complaints"],  # never closes on punctuation
        ["Harbour news,", "dredging,", "weather."],  # too few words for a sentence
        ["Lowmarsh Harbour,", "east bank,", "dredging works,", "noise complaints,", "council minutes,", "tide tables."],
        # readers' comments under their signatures: a name or a time does not break off a sentence
        ["Posted by: Ann Lee | Jan 5, 2008 8:43 AM", "i agree with every word of this and so do my friends."],
        ["ann lee, Lowmarsh, England", "i hope the two of them stay on the show until the very end."],
    ],
)
def test_short_lower_case_lines_that_are_no_sentence_are_still_judged_by_the_model(lines: list[str]) -> None:
    # No full stop at the end, under ten words, hardly a function word, or a line that does not break off
    # inside a sentence before the lower-case one: a tag list or a signed comment, not a broken sentence.
    document = Document.from_article(Article(id="a", title="", body="\n\n".join([PARAGRAPH, *MORE, *lines])))
    assert not chrome.story_lines(document, [0] * len(document.body.lines)) & set(range(4, 4 + len(lines)))


@pytest.mark.parametrize("divider", ["-----", "* * *", "~~~"])
def test_a_divider_between_the_paragraphs_is_the_story_not_chrome(divider: str) -> None:
    body = "\n\n".join([PARAGRAPH, *MORE[:1], MORE[2], divider, "Original story:", *MORE[1:]])
    assert model_says(body, divider) >= THRESHOLD
    assert divider not in chrome_found(body)


def test_a_divider_below_the_story_is_still_judged_by_the_model() -> None:
    body = "\n\n".join([PARAGRAPH, *MORE, "Related", "-----", "Home"])
    assert model_says(body, "-----") >= THRESHOLD
    assert "-----" in chrome_found(body)


@pytest.mark.parametrize(
    ("line", "is_divider"),
    [("***", True), ("* * *", True), ("———", True), ("~~~~~~~~", True), ("**", False), ("|", False),
     (",", False), ("*-*", False), ("...", True), ("$$$", False)],
)  # fmt: skip
def test_a_divider_is_one_mark_repeated_three_times_or_more(line: str, is_divider: bool) -> None:
    assert owned.divider(line) is is_divider


POST_SIGNATURE = "— Ada Brennick (@adabrennick) March 3, 2021"


@pytest.mark.parametrize(
    "post",
    [
        ["THE DREDGERS RAN ALL NIGHT AGAIN,WHO SIGNED THIS OFF"],
        ["night three of the dredgers:", "no sleep on the east bank"],
    ],
)
@pytest.mark.parametrize("where", ["between the paragraphs", "closing the story"])
def test_the_text_of_a_post_quoted_in_the_story_is_the_story_not_chrome(post: list[str], where: str) -> None:
    quoted = ["She wrote on Tuesday night:", *post, POST_SIGNATURE]
    body = "\n\n".join([*REPORT[:2], *quoted, *MORE] if where == "between the paragraphs" else [*REPORT, *quoted])
    assert all(model_says(body, line) >= THRESHOLD for line in post)
    assert chrome_found(body) == []


def test_the_text_of_a_post_in_a_sidebar_below_the_story_is_still_judged_by_the_model() -> None:
    post = "So proud of our crews #Lowmarsh"
    body = "\n\n".join([*REPORT, "Related", "Home", "Weather", "Latest from us", post, POST_SIGNATURE, "Contact us"])
    assert model_says(body, post) >= THRESHOLD
    assert post in chrome_found(body)


def test_a_post_takes_at_most_a_few_short_lines_above_its_signature() -> None:
    # Three lines of text, then a fourth and a line of 61 words: neither is read as the post's.
    counts = [30, 61, 5, 4, 4, 4, 0, 30, 30]
    assert sorted(owned.posts(counts, {6}, (0, 8))) == [3, 4, 5]
    assert sorted(owned.posts([30, 30, 61, 0, 30], {3}, (0, 4))) == []
    # The signature of the post before ends the text of the next.
    assert sorted(owned.posts([30, 30, 30, 30, 0, 5, 0, 30], {4, 6}, (0, 7))) == [1, 2, 3, 5]


SURVEY = "Three small harbour towns top this year's survey of the cleanest beaches, the council said."
RANKED = ["1. Lowmarsh", "2. Caddick Bay", "3. Brenlow", "4. East Tarn", "5. Orwick", "6. Hale Point", "7. Tarnby"]
RANKED_LEAD_IN = "Towns that top the list:"


def test_a_ranked_list_under_a_short_lead_in_the_story_goes_on_from_is_the_story_not_chrome() -> None:
    body = "\n\n".join([SURVEY, RANKED_LEAD_IN, *RANKED, "(Source: a survey of beach users)", *REPORT, *MORE])
    judged = [line for line in [RANKED_LEAD_IN, *RANKED] if model_says(body, line) >= THRESHOLD]
    assert len(judged) >= 4  # the model alone takes the lead-in and the list's first items as chrome
    assert not set(judged) & set(chrome_found(body))


@pytest.mark.parametrize("tie", ["4, 5. (tied) East Tarn, Orwick", "4-5. East Tarn and Orwick", "4/5) East Tarn"])
def test_a_tied_rank_keeps_a_ranked_list_the_story_s_own(tie: str) -> None:
    """A tied rank ("4, 5.", "4-5.") is a numbered item: the list goes on past it (session 25, TPL006 audit)."""
    items = [*RANKED[:3], tie, *RANKED[5:]]
    page = [SURVEY, RANKED_LEAD_IN, *items, *REPORT, *MORE]
    document = Document.from_article(Article(id="a", title="", body="\n\n".join(page)))
    text, lines = document.body.text, document.body.lines
    owned_lines = chrome.story_lines(document, [0] * len(lines))
    assert {text[s:e] for i, (s, e) in enumerate(lines) if i in owned_lines} >= {RANKED_LEAD_IN, *items}


def test_a_line_opening_on_a_number_and_a_comma_is_no_list_item() -> None:
    """A figure run into the text ("4, 500 people came.") or a date is no tied rank."""
    for line in ["4, 500 people came.", "4-5 people came.", "12, 2016 was the year.", "4,500."]:
        assert not chrome._list_item(line, (0, len(line)))
    for line in ["4, 5. (tied) East Tarn", "4-5. East Tarn", "12) Brenlow"]:
        assert chrome._list_item(line, (0, len(line)))


@pytest.mark.parametrize(
    "page",
    [
        [*REPORT, *MORE, SURVEY, RANKED_LEAD_IN, *RANKED],  # under the last paragraph: the page ends with it
        [*REPORT, *MORE, RANKED_LEAD_IN, *RANKED[:2], *REPORT],  # two items: too few for a ranked list
    ],
)
def test_a_numbered_list_the_story_does_not_go_on_from_is_still_judged_by_the_model(page: list[str]) -> None:
    document = Document.from_article(Article(id="a", title="", body="\n\n".join(page)))
    text, lines = document.body.text, document.body.lines
    owned_lines = chrome.story_lines(document, [0] * len(lines))
    assert not {text[s:e] for i, (s, e) in enumerate(lines) if i in owned_lines} & set(RANKED)


@pytest.mark.parametrize(
    ("lead_in", "items"),
    [
        ("Explore more of our site:", ["1. Home", "2. News", "3. Sport", "4. Weather"]),
        ("Most popular stories this week:", ["1. Ferry fares to rise in May", "2. Pier reopens", "3. Mill sold"]),
        ("Towns that top the list today:", ["1. Home", "2. News", "3. Sport", "4. Weather"]),
    ],
)
def test_a_numbered_box_of_the_site_between_the_paragraphs_is_still_judged_by_the_model(
    lead_in: str, items: list[str]
) -> None:
    """A lead-in that reads as the site's box, or items that are only section names, are no ranked list (review s23v2)."""
    page = [SURVEY, lead_in, *items, *REPORT, *MORE]
    document = Document.from_article(Article(id="a", title="", body="\n\n".join(page)))
    text, lines = document.body.text, document.body.lines
    owned_lines = chrome.story_lines(document, [0] * len(lines))
    assert not {text[s:e] for i, (s, e) in enumerate(lines) if i in owned_lines} & {lead_in, *items}


#: An oath whose first line ends on a name, with no comma before the lower-case line that carries it on.
OATH_NO_COMMA = [
    "I promise to serve the people of Lowmarsh",
    "and to keep its laws without fear or favour,",
    "so help me God.",
]


def test_an_oath_whose_first_line_ends_without_a_comma_is_the_story_not_chrome() -> None:
    """A wrong reading the last review left: a prose line ending on a name, carried on in lower case, opens the sentence."""
    body = "\n\n".join([PARAGRAPH, *MORE, "The new members stood and read the oath aloud:", *OATH_NO_COMMA, PARAGRAPH])
    assert model_says(body, OATH_NO_COMMA[0]) >= THRESHOLD
    assert chrome_found(body) == []


#: Calls to action the story closes on, broken over two lines (a number or a short address on the second).
STORY_PROMPTS = [
    ["To donate to the appeal, visit", "lowmarshfund.org."],
    ["Anyone with information should call Lowmarsh police on 101", "or Crimestoppers anonymously."],
]


@pytest.mark.parametrize("prompt", STORY_PROMPTS)
def test_a_call_to_action_of_the_story_broken_over_two_lines_is_the_story_not_chrome(prompt: list[str]) -> None:
    body = "\n\n".join([PARAGRAPH, *MORE, *prompt])
    assert model_says(body, prompt[1]) >= THRESHOLD
    assert chrome_found(body) == []


@pytest.mark.parametrize(
    "lines",
    [
        ["Sign up for our newsletter", "here."],  # the site's own prompt: a word of one
        ["Follow the Herald on", "social media."],
        ["Posted by Ann Lee | Jan 5, 2008 8:43", "i agree with every word."],  # a signature is no prose
        ["Harbour news,", "dredging,", "weather."],  # too few words for a sentence
    ],
)
def test_a_short_broken_line_that_is_the_sites_prompt_or_no_prose_is_still_judged(lines: list[str]) -> None:
    document = Document.from_article(Article(id="a", title="", body="\n\n".join([PARAGRAPH, *MORE, *lines])))
    assert not chrome.story_lines(document, [0] * len(document.body.lines)) & set(range(4, 4 + len(lines)))


#: A pledge whose first line breaks off on a comma inside a bracket and whose second opens on the pronoun "I".
PLEDGE = [
    "From this day on, [with all my heart,]",
    "I promise my loyalty to Lowmarsh and its people,",
    "whose rights I respect, and",
    "whose laws I will keep.",
]


def test_a_pledge_carried_on_by_the_pronoun_i_after_a_bracketed_comma_is_the_story_not_chrome() -> None:
    body = "\n\n".join([PARAGRAPH, *MORE, "Here is the new pledge:", *PLEDGE, *MORE])
    assert model_says(body, PLEDGE[0]) >= THRESHOLD  # the model alone takes the pledge's first line for chrome
    assert set(PLEDGE) <= set(owned_text(body))
    assert chrome_found(body) == []


@pytest.mark.parametrize(
    ("line", "opens"),
    [("I promise to serve.", True), ("“I will,” she said.", True), ("It is late.", False), ("In May.", False)],
)
def test_only_the_pronoun_i_opening_a_line_carries_a_sentence_on_after_a_comma(line: str, opens: bool) -> None:
    assert chrome._opens_on_i(line, (0, len(line)), len(line.split())) is opens


#: A listicle's numbered subheadings, each under its photo's credit and over a paragraph of its own.
SUBHEADS = [
    "1. Late Ferry Keeps Running",
    "2. Night Work On Dredger Stops",
    "3. Residents Get Seat On Board",
    "4. East Bank Fund Grows",
]


def listicle(subheads: list[str], above: str = SURVEY) -> list[str]:
    """A report under the line ``above`` whose numbered subheadings each open a paragraph, a photo credit above each."""
    items = zip(subheads, [PARAGRAPH, *MORE][: len(subheads)], strict=True)
    return [above, *[line for head, paragraph in items for line in ("Ann Lee/Agency Images", head, paragraph)], *REPORT]


def test_the_numbered_subheadings_of_a_listicle_are_the_story_not_chrome() -> None:
    body = "\n\n".join(listicle(SUBHEADS))
    judged = [line for line in SUBHEADS if model_says(body, line) >= THRESHOLD]
    assert judged  # the model alone takes some of the subheadings for chrome
    assert set(SUBHEADS) <= set(owned_text(body))
    assert chrome_found(body) == []


@pytest.mark.parametrize(
    ("subheads", "above"),
    [
        (SUBHEADS[:2], SURVEY),  # two: too few for a list
        ([SUBHEADS[0], SUBHEADS[2], "5. East Bank Fund Grows"], SURVEY),  # not numbered in sequence
        (SUBHEADS[1:], SURVEY),  # no first item
        (SUBHEADS, "Most popular on the site this week"),  # a box of the site under its label
    ],
)
def test_numbered_lines_over_paragraphs_that_are_no_listicle_are_still_judged_by_the_model(
    subheads: list[str], above: str
) -> None:
    body = "\n\n".join(listicle(subheads, above))
    assert not set(subheads) & set(owned_text(body))


HEADLINE = "Harbour board delays the dredging until spring"
#: A blog's archive menu in one long line, as scraped pages carry it above the story.
MONTHS = "December November October September August July June May April March February January"
ARCHIVE = "Blog Archives Select Date " + " ".join(f"{month}, 2015" for month in MONTHS.split())


def headlined(body: str) -> list[str]:
    """The lines TPL006 reports in ``body``, scored alone under the title ``HEADLINE``."""
    done = score_batch([article(body, title=HEADLINE, id="a")], plugin_set(plugins=[("boilerplate", boilerplate)]))[0]
    return [f.matched for f in done.findings if f.code == "TPL006"]


def test_the_storys_headline_in_its_body_is_the_story_not_chrome() -> None:
    body = "\n\n".join([ARCHIVE, HEADLINE, "By Ann Lee", PARAGRAPH, *MORE])
    assert model_says(body, HEADLINE) >= THRESHOLD
    assert headlined(body) == [ARCHIVE, "By Ann Lee"]


@pytest.mark.parametrize(
    ("page", "line"),
    [
        ([PARAGRAPH, *MORE, "Most read", HEADLINE, "Ferry fares to rise in May"], 5),  # a box under the story
        ([ARCHIVE, "Harbour board delays the dredging", "By Ann Lee", PARAGRAPH, *MORE], 1),  # not the title's words
    ],
)
def test_a_line_under_the_story_or_not_the_titles_words_is_still_judged_by_the_model(
    page: list[str], line: int
) -> None:
    document = Document.from_article(Article(id="a", title=HEADLINE, body="\n\n".join(page)))
    assert line not in chrome.story_lines(document, [0] * len(document.body.lines))


QUOTED_TITLE = "Lowmarsh board: ‘Ada Brennick is right to wait for the spring’"
#: A photo's caption and credit run into the story's headline, as some sites' pages are scraped.
CAPTIONED = "Ada Brennick praised Tom Veller for his patience at the meeting. | AP Photo " + QUOTED_TITLE


def test_a_caption_and_credit_run_into_the_storys_headline_are_the_story_not_chrome() -> None:
    body = "\n\n".join([CAPTIONED, PARAGRAPH, *MORE])
    assert model_says(body, CAPTIONED) >= THRESHOLD
    document = Document.from_article(Article(id="a", title=QUOTED_TITLE, body=body))
    assert 0 in chrome.story_lines(document, [0] * len(document.body.lines))


@pytest.mark.parametrize(
    "first",
    [
        "Home | News | Harbour | " + QUOTED_TITLE,  # a breadcrumb trail ending on the title: no caption
        CAPTIONED.replace("Lowmarsh board", "Ferry board"),  # the words after the credit are not the title
    ],
)
def test_a_trail_or_a_caption_before_other_words_is_still_judged_by_the_model(first: str) -> None:
    document = Document.from_article(Article(id="a", title=QUOTED_TITLE, body="\n\n".join([first, PARAGRAPH, *MORE])))
    assert 0 not in chrome.story_lines(document, [0] * len(document.body.lines))


@pytest.mark.parametrize(
    "figure",
    [
        "Ann Tarrow\nAnn Tarrow",
        "Ann Tarrow\nHarbour master Ann Tarrow at the east bank",
    ],
)
def test_a_figure_s_name_and_caption_between_the_paragraphs_are_the_story_not_chrome(figure: str) -> None:
    """A scraped figure keeps its alternative text over its caption (session 25, TPL006 audit)."""
    body = "\n\n".join([*REPORT, figure, *MORE])
    lines = figure.split("\n")
    assert any(model_says(body, line) >= THRESHOLD for line in lines)  # the model alone takes one for chrome
    assert not set(lines) & set(chrome_found(body))


@pytest.mark.parametrize(
    "page",
    [
        # a box's teaser shown twice, apart by a blank line; a name with a caption that does not repeat it
        [*REPORT, "Ann Tarrow", "Ann Tarrow", *MORE],
        [*REPORT, "Ann Tarrow\nThe east bank at dawn", *MORE],
        # the same figure under the last paragraph
        [*REPORT, *MORE, "Ann Tarrow\nAnn Tarrow"],
    ],
)
def test_lines_that_are_no_figure_between_the_paragraphs_are_still_judged(page: list[str]) -> None:
    document = Document.from_article(Article(id="a", title="", body="\n\n".join(page)))
    text, lines = document.body.text, document.body.lines
    owned_lines = chrome.story_lines(document, [0] * len(lines))
    found = {text[s:e] for i, (s, e) in enumerate(lines) if i in owned_lines}
    assert not found & {"Ann Tarrow", "The east bank at dawn"}


def test_a_figure_s_name_and_caption_keep_their_reading_under_windows_line_ends() -> None:
    body = "\r\n\r\n".join([*REPORT, "Ann Tarrow\r\nHarbour master Ann Tarrow at the east bank", *MORE])
    assert not {"Ann Tarrow", "Harbour master Ann Tarrow at the east bank"} & set(chrome_found(body))


@pytest.mark.parametrize("lead_in", ["From Harbourwatch:", "Original report:"])
def test_a_two_word_lead_in_above_a_paragraph_of_the_story_is_the_story_not_chrome(lead_in: str) -> None:
    """A two-word lead-in with no word of a site's box or prompt introduces the story's quote (session 29, TPL006 audit)."""
    body = "\n\n".join([*REPORT[:2], "Shocking!", lead_in, QUOTED, REPORT[2]])
    assert lead_in in owned_text(body)
    if lead_in == "From Harbourwatch:":
        assert model_says(body, lead_in) >= THRESHOLD  # the model alone takes it for chrome
        assert chrome_found(body) == []


@pytest.mark.parametrize(
    "label",
    # review s29q: a site's box labels of two words with no word of the prompts
    ["Read more:", "Share this:", "Related coverage:", "See also:", "More stories:", "Latest news:", "Editor's picks:"],
)
def test_a_two_word_label_of_the_site_above_a_paragraph_is_no_lead_in(label: str) -> None:
    body = "\n\n".join([*REPORT[:2], "Shocking!", label, QUOTED, REPORT[2]])
    assert label not in owned_text(body)


#: The sentence a ranked list's lead-in follows, the page's first line: the run of paragraphs starts below the list.
OPENING = "Most of the county's busiest beaches are on the north coast, but the water is not always cleaner there, the council found."


def test_the_sentence_above_a_ranked_list_s_lead_in_is_the_story_not_chrome() -> None:
    """The list holds the opening sentence apart from the paragraphs below it (session 29, TPL006 audit)."""
    body = "\n\n".join([OPENING, RANKED_LEAD_IN, *RANKED, "(Source: a survey of beach users)", *REPORT, *MORE])
    assert model_says(body, OPENING) >= THRESHOLD  # the model alone takes it for chrome
    assert OPENING in owned_text(body)
    assert OPENING not in chrome_found(body)


def test_the_sentence_above_a_numbered_box_of_the_site_is_still_judged_by_the_model() -> None:
    body = "\n\n".join([OPENING, "Most popular stories this week:", *RANKED, *REPORT, *MORE])
    assert OPENING not in owned_text(body)


def picture_between_paragraphs(caption: str, gap: str) -> str:
    """A report with a photo's caption, then ``gap``, then its credit, between its paragraphs."""
    figure = caption + gap + "Photo: Lowmarsh Wire"
    return "\n\n".join([*REPORT[:2], figure, *REPORT[2:], PARAGRAPH.replace("the", "a")])


def test_a_caption_right_above_a_photo_credit_is_the_story_not_chrome() -> None:
    """A caption a single line break keeps over its credit (session 29, TPL006 audit)."""
    body = picture_between_paragraphs("Harbour Week Fireworks", "\n")
    assert model_says(body, "Harbour Week Fireworks") >= THRESHOLD  # the model alone takes it for chrome
    assert chrome_found(body) == []


def test_a_line_a_blank_line_sets_apart_from_a_photo_credit_is_still_judged_by_the_model() -> None:
    body = picture_between_paragraphs("Harbour Week Fireworks", "\n\n")
    assert model_says(body, "Harbour Week Fireworks") >= THRESHOLD
    assert chrome_found(body) == ["Harbour Week Fireworks"]


#: Hard-wrapped sentences, each broken over two lines, as some feeds carry a story.
WRAPPED = [
    "Councillor Ada Brennick said the dredging would start again in the spring and",
    "go on until the autumn.",
    "The chair said the board would meet the residents of the east bank before",
    "the work began again.",
]
WRAPPED_AFTER = [
    "A spokesman for the contractor said the crews would keep to the new hours",
    "from Monday.",
    "Residents said they would hold the board to its word and meet again in",
    "a month.",
]


def test_a_sentence_that_fits_one_line_among_hard_wrapped_lines_is_the_story_not_chrome() -> None:
    """Between two wrapped sentences the story goes on around it (session 29, TPL006 audit)."""
    line = "Nobody on the east bank was told."
    body = "\n\n".join([PARAGRAPH, *WRAPPED, line, *WRAPPED_AFTER])
    assert model_says(body, line) >= THRESHOLD  # the model alone takes it for chrome
    assert chrome_found(body) == []


@pytest.mark.parametrize(
    "line", ["Sign up for our newsletter today.", "see the harbour gallery", "Harbour gallery and more photos"]
)
def test_a_prompt_or_no_sentence_between_hard_wrapped_lines_is_not_read_as_one(line: str) -> None:
    document = Document.from_article(
        Article(id="a", title="", body="\n\n".join([PARAGRAPH, *WRAPPED, line, *WRAPPED_AFTER]))
    )
    text, lines = document.body.text, document.body.lines
    at = next(i for i, (s, e) in enumerate(lines) if text[s:e] == line)
    assert at not in chrome._own_lines(document)


#: A sentence of the story leading into what it quotes, among the paragraphs.
COLON_LEAD = "Then Ada Brennick, the Lowmarsh Harbour Board chair, posted this on Thursday:"


def test_a_sentence_ending_on_a_colon_among_the_paragraphs_is_the_story_not_chrome() -> None:
    """A lead-in of ten words or more, prose by its function words (session 29, TPL006 audit)."""
    body = "\n\n".join([*REPORT[:2], "Shocking!", COLON_LEAD, "Enough is enough", *REPORT[2:], *MORE])
    assert model_says(body, COLON_LEAD) >= THRESHOLD  # the model alone takes it for chrome
    assert COLON_LEAD not in chrome_found(body)


@pytest.mark.parametrize(
    "line",
    [
        "What would you most like the Lowmarsh Harbour Board to do about the dredging?:",  # a poll's label
        "Sign up to get the latest from the Lowmarsh Harbour Board sent to you every morning:",  # a prompt
        "Lowmarsh Harbour Board chair Ada Brennick then posted the following message to residents:",  # few function words
    ],
)
def test_a_poll_a_prompt_or_a_label_ending_on_a_colon_is_no_sentence_of_the_story(line: str) -> None:
    body = "\n\n".join([*REPORT[:2], "Shocking!", line, "Enough is enough", *REPORT[2:], *MORE])
    assert line not in owned_text(body)


def test_a_sentence_ending_on_a_colon_below_the_paragraphs_is_still_judged() -> None:
    body = "\n\n".join([*REPORT, *MORE, "Shocking!", COLON_LEAD, "Home", "Contact us"])
    assert COLON_LEAD not in owned_text(body)


#: Two embedded posts quoted under the story's last paragraph.
POSTS = [
    "The dredgers are back. Third night running. — Ann Tarrow (@anntarrow) May 5, 2017",
    "No sleep on the east bank again — Tom Veller (@tomveller) May 6, 2017",
]


def test_a_source_line_under_posts_that_close_the_story_is_its_text_not_chrome() -> None:
    """The source line's reach starts below the quoted posts, and the sentence between is the story's (session 29)."""
    closing = "I wonder whether the board reads any of these posts at all."
    source = "Featured image via Ann Lee"
    body = "\n\n".join([*REPORT, *MORE, *POSTS, closing, source])
    assert model_says(body, source) >= THRESHOLD and model_says(body, closing) >= THRESHOLD
    assert chrome_found(body) == []


def test_a_source_line_below_the_page_navigation_under_posts_is_still_judged() -> None:
    source = "Featured image via Ann Lee"
    body = "\n\n".join([*REPORT, *MORE, *POSTS, "Home", "News", "Contact us", source])
    assert source not in owned_text(body)


def test_the_address_of_an_embedded_post_between_the_paragraphs_is_the_story_not_chrome() -> None:
    """An embed scraped without its script leaves its address (session 29, TPL006 audit)."""
    address = "https://social.example/p/B7xQ2"
    body = "\n\n".join([*REPORT[:2], "Shocking!", address, "Enough is enough", *REPORT[2:], *MORE])
    assert model_says(body, address) >= THRESHOLD  # the model alone takes it for chrome
    assert address not in chrome_found(body)


@pytest.mark.parametrize(
    "line",
    [
        "https://lowmarsh.example/news/harbour",  # a page, not a post
        "https://social.example/p/B7xQ2 https://social.example/p/C8yR3",  # two addresses: a row of links
        "Follow us: https://social.example/p/B7xQ2",  # words before it
    ],
)
def test_a_line_that_is_no_post_address_is_still_judged(line: str) -> None:
    body = "\n\n".join([*REPORT[:2], "Shocking!", line, "Enough is enough", *REPORT[2:], *MORE])
    assert line not in owned_text(body)


def test_a_post_address_below_the_paragraphs_is_still_judged() -> None:
    address = "https://social.example/p/B7xQ2"
    body = "\n\n".join([*REPORT, *MORE, address, "Home", "Contact us"])
    assert address not in owned_text(body)


@pytest.mark.parametrize(
    "line",
    [
        "Have your say in the comments below.",
        "Join the conversation on our Facebook page today.",
        "Get the latest headlines delivered straight to your inbox every morning.",
    ],
)
def test_a_site_s_sentence_to_its_reader_between_the_paragraphs_is_not_the_story_s(line: str) -> None:
    """A sentence of its own with "our" or "your", unquoted, is the site's voice: left to the model (review s29q)."""
    body = "\n\n".join([*REPORT[:2], line, QUOTED, REPORT[2], *MORE])
    assert line not in owned_text(body)
    quoted = "\u201cWe will keep our promise to the east bank,\u201d the chair told the meeting."
    assert quoted in owned_text("\n\n".join([*REPORT[:2], quoted, QUOTED, REPORT[2], *MORE]))
