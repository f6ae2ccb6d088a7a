"""SRC002's attribution readings tried only where they can match find what a scan of the whole text finds.

:func:`~copydesk.plugins.sourcing.attribution.attributes` with the body's view searches
the patterns that end in a verb of saying only in the stretch before each verb, "told" and
initials only where "told" or "confirmed" starts, a credit after the words (", reports The Vale
Gazette") only where a verb starts, "per" and a source only where "per" starts, and the transcript's labels only on lines with a colon before a space. These tests compare that with the plain searches of the whole text, on
random text built from the pieces the patterns read (names, bodies, helpers, verbs in both
cases, initials, labels, joiners, underscores, line breaks and white space of every kind).
"""

from __future__ import annotations

import time

import pytest
from copydesk.plugins.sourcing import attribution, speakers
from copydesk.text import TextView
from hypothesis import example, given, settings
from hypothesis import strategies as st

PIECES = [
    *"The the Bank Commerce Department Ann Cole Mr Dr. Cole's Let's team he He she She KNA ZTV news agency".split(),
    *"has also later said said. says claimed denied revealed added adds reported told SAID Said saying found".split(),
    *"told_ said- said’ said's x-said of who was a source ANN COLE: ROE: VIDEO: UPDATE: Q: A:".split(),
    *("the big old red Bank", "The big Bank", "Ann Cole's big red team", "KNA news agency", "has also", "had then"),
    *("Speaker Ann Cole", "She has also", "told the ZTV", "the big old red new Bank", "Mr Cole"),
    *("originally", "has publicly", "flatly"),
    *("report", "figures showed", "poll by", "list", "Polls", "report_", "data-", "a Bank poll", "Cole's 2019 study"),
    *("the big brewery", "star", "Ann McRoe,", "head of the lab,", "Road and Rail", "describes", "described"),
    *(", reports The", "Gazette", "said The", "\u201d", '"'),
    *("confirmed to", "KNANews", "confirmed", "per", "Per", "per the", "palace", "count", "expressed"),
    *("45,", "of Vale Road,", "firmly", "exclusively", "valegazette.com", "x.co.uk", ".com"),
    ".",
    ",",
    ":",
    ": ",
    ":\t",
    "\n",
    "\r\n",
    " ",
    "  ",
    "\t",
    "\u00a0",
    "\u2028",
    "'",
    "’",
    "-",
    "_",
    "x" * 30,
]
texts = st.lists(st.sampled_from(PIECES), max_size=45).map(" ".join) | st.lists(
    st.sampled_from(PIECES), max_size=45
).map("".join)


def plain_transcript(text: str) -> bool:
    """The transcript reading as one scan of the whole text."""
    labels = {m.group(1) for m in attribution.SPEAKER_LABEL.finditer(text)} - attribution.NOT_A_SPEAKER
    return len(labels) >= attribution.TRANSCRIPT_LABELS


@settings(max_examples=800, deadline=None)
@given(text=texts)
# a stretch cut four characters past "SAID" read the "say" of "saying" as a verb (found in session 24)
@example(text="SAID saying")
@example(text="The storm hit New York, said to be the worst hit.")
@example(text="x y Ann Roe McRoe, a b c d e f g h i j k l, m n o p q r s t u v w x, has also told y")
@example(text="x y Ann Roe McRoe, a b c d e f g h i j k l m, has also told y")
def test_attributions_searched_before_each_verb_are_those_of_searching_the_whole_text(text: str) -> None:
    view = TextView(text)
    readings = (
        *attribution._ENDING_IN_VERB,
        attribution.TOLD_INITIALS,
        attribution.SAYS_THE_NAME,
        attribution.PER_SOURCE,
    )
    for pattern in readings:
        plain = pattern.search(text) is not None
        if pattern is attribution.TOLD_INITIALS:
            fast = any(pattern.match(text, at) for at in attribution._TOLD.starts(view))
        elif pattern is attribution.SAYS_THE_NAME:
            fast = any(pattern.match(text, at) for at in attribution._SPEAKING.starts(view))
        elif pattern is attribution.PER_SOURCE:
            fast = any(pattern.match(text, at) for at in attribution._PER.starts(view))
        else:
            regions = attribution._verb_regions(text, attribution._SPEAKING.starts(view))
            fast = any(pattern.search(text, start, end) for start, end in regions)
        assert fast == plain, pattern.pattern[:60]
    assert attribution.transcript(text) == plain_transcript(text)
    assert attribution.attributes(text, view) == attribution.attributes(text)


def test_a_named_body_seven_white_spaces_before_its_verb_is_read_and_one_word_more_is_not() -> None:
    near = "x " * 40 + "the big old red Bank has also reported it. " + "y " * 40
    assert attribution.attributes(near) and attribution.attributes(near, TextView(near))
    far = "x " * 40 + "the big old red new Bank has also reported it. " + "y " * 40
    assert not attribution.attributes(far) and not attribution.attributes(far, TextView(far))


def test_a_verb_joined_to_a_hyphen_or_underscore_credits_nothing_either_way() -> None:
    for text in ("The Bank said- it", "The Bank said_ it", "He said’s", "The Bank said-so"):
        assert attribution.attributes(text, TextView(text)) == attribution.attributes(text) is False


def test_transcript_labels_on_two_lines_make_a_transcript_and_one_label_does_not() -> None:
    assert attribution.transcript("Intro line.\nANN COLE: Why not?\nROE: Because. Then more.")
    assert attribution.transcript("It ended. ANN COLE: Why not? ROE: Because.")
    assert not attribution.transcript("VIDEO: clip\nANN COLE: Why not?\nANN COLE: Again.")
    assert not attribution.transcript("no colon here at all")


SAYER_PIECES = [
    *"He he She They the mayor The prime minister Ann Cole Mr Cole one insider has also had said says told".split(),
    *"added explained noted tweeted warned claims x-said said’s saidx said_ Said of who".split(),
    ",",
    ".",
    "'s",
    "’s",
    "Cole's",
    "Ann Cole’",
    "the senator's",
    "answer",
    "suggestion",
    "\n",
    "\t",
    "\u00a0",
    "",
]


@settings(max_examples=800, deadline=None)
@given(text=st.lists(st.sampled_from(SAYER_PIECES), max_size=30).map(" ".join), cut=st.integers(0, 5))
def test_a_stretch_without_a_verb_after_white_space_has_no_speaker_and_verb_of_saying(text: str, cut: int) -> None:
    start = max(0, len(text) - cut)
    for opening in range(0, min(len(text), 12)):
        plain = speakers.SAYER_IN_SENTENCE.search(text, opening, start) is not None
        assert not plain or speakers.SAY_AFTER_SPACE.search(text, opening, start) is not None
        found = any(
            speakers._named(m, m.start() == opening, bool)
            for m in speakers.SAYER_IN_SENTENCE.finditer(text, opening, start)
        )
        assert speakers._sayer_in(text, opening, start, bool) == found


def test_a_possessive_speaker_is_read_with_either_apostrophe_and_none_without_one() -> None:
    for text in ("Ann Cole's suggestion that ", "Ann Cole’s suggestion that ", "The senator's answer was that "):
        assert speakers.named_in_sentence(text, 0, len(text), bool)
    assert not speakers.named_in_sentence("Ann Coles suggestion that ", 0, 26, bool)


def test_two_phrases_of_twelve_words_set_off_after_a_name_are_read_and_one_word_more_is_not() -> None:
    near = (
        "x " * 40 + "Ann Roe McRoe, a b c d e f g h i j k l, m n o p q r s t u v w x, has also told them. " + "y " * 40
    )
    assert attribution.attributes(near) and attribution.attributes(near, TextView(near))
    for longer in ("a b c d e f g h i j k l m, n,", "a, b, c,"):
        far = "x " * 40 + f"Ann Roe McRoe, {longer} has also told them. " + "y " * 40
        assert not attribution.attributes(far) and not attribution.attributes(far, TextView(far))


@pytest.mark.parametrize(
    "piece",
    [
        "Ann McRoe, a b c d e f g h i j k l m, ",  # a phrase set off, one word too long, over and over
        "Ann McRoe, a, b, c, ",  # three phrases set off, one too many
        "x.com x.com.com y.co.uk ",  # websites' names with no verb
        "— Ann Cole Ann Cole (@x) ",  # an embed's signature with no date
        "<tweet a=b c=d ",  # a post's markup never closed, no author
        "Vale's The Big Big ",  # a titled document with no noun
        ", reports The ",  # a credit after the words with no name
        "the big brewery the star ",  # role nouns with no verb
        "Yard's Racial and Violent and ",  # "and" in a possessive name with no verb
        "per per the the per ",  # "per" with no source
        "confirmed to confirmed to KNANewsNews ",  # an outlet's initials glued to too much
    ],
)
def test_session_28_readings_stay_linear_on_their_own_pattern_repeated(piece: str) -> None:
    text = piece * 20_000  # about 400 KB with no match
    started = time.perf_counter()
    assert not attribution.attributes(text, TextView(text)) and not attribution.attributes(text)
    assert time.perf_counter() - started < 10  # about 1 s when linear; a quadratic scan takes hours


@pytest.mark.parametrize(
    "piece",
    [
        "Zq said no. Zr denied it. ",  # surnames alone before verbs of saying, no name given in full
        "Ann Cole Ann Roe Cole ",  # names given in full, over and over, with no verb
        "told by the a b c told by ",  # "told by" with no name
        '" - "- \u201c \u2013 \u201d\u2014 ',  # quotation marks and dashes with no name after them
        "Source: source: Sources : ",  # source labels naming nobody
        "Zq, a b c, d e, Zr, f, claimed no. ",  # surnames set off before verbs of saying, no name given in full
        "\nFrom the Vale Gazette From Ann ",  # "From" and names with no colon ending the line
    ],
)
def test_session_29_readings_stay_linear_on_their_own_pattern_repeated(piece: str) -> None:
    text = piece * 20_000  # about 300-500 KB with no match
    started = time.perf_counter()
    assert not attribution.attributes(text, TextView(text)) and not attribution.attributes(text)
    assert time.perf_counter() - started < 10  # about 1 s when linear; a quadratic scan takes hours
