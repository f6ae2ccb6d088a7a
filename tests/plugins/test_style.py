"""Style scorer (STY): emotion, profanity, tense, time references, question titles."""

from __future__ import annotations

import pytest
from copydesk import Context
from copydesk.conformance import assert_conformance
from copydesk.plugins import style
from copydesk.plugins.style import features as sty
from copydesk.testing import codes, document, run_scorer

SCORER = style.copydesk_scorers()[0]
NEWS = (
    "The council approved the new bridge on Tuesday. Work started in March and was finished by the end of June, "
    "the mayor said. Residents welcomed the opening."
)
RANT = "This is a damn disgrace. They are evil and I hate it. Who does this? Nobody cares, and it is ridiculous."


def feature(text: str, name: str, title: str = "") -> float | None:
    """One style feature of ``text`` (None when absent)."""
    return sty.features(document(text, title=title)).get(name)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        pytest.param("They were furious and afraid.", "negative_emotion_per_1000_words", 2000 / 300, id="emotion"),
        pytest.param("HATE, Hate and hate.", "negative_emotion_per_1000_words", 3000 / 300, id="emotion-any-case"),
        pytest.param("The hateful crowd left.", "negative_emotion_per_1000_words", 1000 / 300, id="listed-inflection"),
        pytest.param("The fearless crowd left.", "negative_emotion_per_1000_words", 0.0, id="unlisted-word"),
        pytest.param("What the hell, damn it.", "profanity_per_1000_words", 2000 / 300, id="profanity"),
        pytest.param("Hello, Shelly.", "profanity_per_1000_words", 0.0, id="no-profanity-inside-words"),
        pytest.param(" ".join(["word"] * 600) + " crap", "profanity_per_1000_words", 1000 / 601, id="long-text"),
        # past: said, walked, was (3); present: is, says (2) -> (3 + 3 * 0.6) / (5 + 3)
        pytest.param("He said he walked and was late; she says it is fine.", "past_tense_share", 4.8 / 8, id="tense"),
        pytest.param("The bed is red.", "past_tense_share", (0 + 1.8) / (1 + 3), id="short-ed-words-not-past"),
        pytest.param("It rained.", "past_tense_share", (1 + 1.8) / (1 + 3), id="regular-past"),
        pytest.param("Nothing here.", "past_tense_share", 0.6, id="no-verbs-prior"),
        # (count + 5 * 0.3) / (words + 300) * 1000
        pytest.param("On Monday and in March.", "time_references_per_1000_words", 3.5 / 305 * 1000, id="times"),
        pytest.param("It may rain.", "time_references_per_1000_words", 1.5 / 303 * 1000, id="may-is-not-a-month"),
        pytest.param("Yesterday it rained.", "time_references_per_1000_words", 2.5 / 303 * 1000, id="yesterday"),
    ],
)
def test_feature_definitions(text: str, name: str, expected: float) -> None:
    assert feature(text, name) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("Is this the end of the bridge?", 1.0, id="question"),
        pytest.param("Council approves bridge", 0.0, id="statement"),
        pytest.param("   ", None, id="blank-title-no-value"),
        pytest.param("", None, id="no-title-no-value"),
    ],
)
def test_title_question(title: str, expected: float | None) -> None:
    assert feature(NEWS, "title_question", title=title) == expected


def test_rant_is_rarer_than_news_in_each_problem_feature_and_poorer_in_evidence() -> None:
    news, rant = sty.features(document(NEWS)), sty.features(document(RANT))
    for f in sty.FEATURES:
        if f.name in news and f.name in rant:
            assert (rant[f.name] > news[f.name]) if f.direction == "problem" else (rant[f.name] < news[f.name]), f.name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("What the hell is this crap?", ["STY001", "STY001"], id="two-words"),
        pytest.param("DAMN.", ["STY001"], id="capitals"),
        pytest.param("Shelly passed the assessment.", [], id="inside-words"),
        pytest.param(NEWS, [], id="news"),
        # "Hell" as a place is not an oath (review 14, item 14)
        pytest.param("The gates of Hell have opened, the preacher said.", [], id="gates-of-hell"),
        pytest.param("Hell's gates will not be able to stay locked.", [], id="hells-gates"),
        pytest.param("Hell\u2019s gates stay shut.", [], id="hells-gates-curly"),
        pytest.param("The song is about Heaven and Hell on earth.", [], id="heaven-and-hell"),
        pytest.param("It was Hell or Heaven for the team.", [], id="hell-or-heaven"),
        pytest.param("He rode like a bat out of Hell.", [], id="out-of-hell"),
        pytest.param("Go to Hell, he shouted.", ["STY001"], id="go-to-hell"),
        pytest.param("Hell, nobody told us.", ["STY001"], id="sentence-start-oath"),
        pytest.param("What the Hell is going on?", ["STY001"], id="what-the-hell"),
        # "hell" in an idiom or a name is no oath (session 19, audit of STY001)
        pytest.param("We had a hell of a time.", [], id="hell-of-a"),
        pytest.param("It was one hell of an evening, she said.", [], id="one-hell-of-an"),
        pytest.param("There are a whole hell of a lot of voters.", [], id="whole-hell-of-a"),
        pytest.param("He thought it a hell of shame when it ended.", [], id="a-hell-of-shame"),
        pytest.param("The board seemed hell-bent on a merger.", [], id="hell-bent"),
        pytest.param("They opened a bar in Hell's Kitchen.", [], id="hells-kitchen"),
        pytest.param("She won a season of Hell\u2019s Kitchen.", [], id="hells-kitchen-curly"),
        pytest.param("Police arrested two Hell's Angels.", [], id="hells-angels"),
        pytest.param("The hell of it is that nobody came.", ["STY001"], id="the-hell-of-it"),
        pytest.param("Hell, what a hell they made.", ["STY001", "STY001"], id="hell-not-before-of-a"),
        pytest.param("It's hell's own job to get in.", ["STY001"], id="hells-own"),
        pytest.param("We went to hell and back.", ["STY001"], id="to-hell-and-back"),
        pytest.param("A year of hell for the team.", ["STY001"], id="lower-case-of-hell"),
        # the idioms in any case, as the oath is matched (session 19 review)
        pytest.param("It was One Hell Of A Night.", [], id="title-case-one-hell-of-a"),
        pytest.param("A HELL OF A NIGHT", [], id="upper-case-a-hell-of-a"),
        pytest.param("The board seemed HELL-BENT on a merger.", [], id="upper-case-hell-bent"),
        pytest.param("They opened a bar in HELL'S KITCHEN.", [], id="upper-case-hells-kitchen"),
        pytest.param("What The Hell Is This?", ["STY001"], id="title-case-what-the-hell"),
        pytest.param("A YEAR OF HELL, HE SAID.", ["STY001"], id="upper-case-year-of-hell"),
    ],
)
def test_profane_word_findings(text: str, expected: list[str]) -> None:
    assert codes(run_scorer(SCORER, text)) == expected


def test_profane_word_finding_spans_the_word_and_names_it() -> None:
    [finding] = run_scorer(SCORER, "It was a load of Crap, he said.")
    assert (finding.matched, finding.message) == ("Crap", "Profanity: 'Crap'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The gates of Hell opened on Heaven and Hell. Hell's gates shut.", 0.0),
        ("The gates of Hell opened. What the hell.", 1000 / 300),
        ("It was a hell of a game, hell-bent on revenge, in Hell's Kitchen.", 0.0),
        ("It was a hell of a game. Go to hell.", 1000 / 300),
        ("It Was One Hell Of A Game, HELL-BENT On Revenge.", 0.0),
    ],
)
def test_place_hell_is_not_counted_as_profanity(text: str, expected: float) -> None:
    assert feature(text, "profanity_per_1000_words") == pytest.approx(expected)


def test_deselected_rule_reports_no_finding_but_keeps_features() -> None:
    result = style.score(document(RANT), Context(selected=frozenset({"HDG001"})))
    assert result.findings == () and result.subscore == 1.0
    assert set(result.features) == {f.name for f in sty.FEATURES} - {"title_question"}


def test_conformance() -> None:
    assert_conformance(style, examples=[RANT, NEWS * 20])


@pytest.mark.parametrize("seed", range(40))
def test_past_and_lexicon_counts_are_the_plain_per_form_counts(seed: int) -> None:
    # The regular pasts told from the words' ends (or, with "İ", found in one search over the
    # distinct forms) and the lexicons read from the shared word index are what checking each
    # form gives; short and long bodies (the core's two word splits), capitals, "İ" and "Σ".
    import random

    rng = random.Random(seed)
    pieces = ["ed", "ED", "bed", "shed", "Used", "red", "e", "d", "x", "naïve", "ſ", "d’", "-", "’", "9", "said"]
    pieces += ["hell", "Hate", "WAS", "is", "Monday", "İ", "Σ", "ΣED", "é", "🙂", "_", "'", "eded", ".", "\n", "ß"]
    words = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 4))) for _ in range(rng.randrange(0, 300))]
    view = document(" ".join(words)).body
    forms = view.tokens.forms
    plain = sum(1 for f in forms if len(f) >= sty.PAST_STEM + 2 and f.endswith("ed"))
    assert sty.regular_pasts(view) == sty.counted_regular_pasts(forms) == plain
    lexicons = {
        sty.NEGATIVE_WORDS: sty.NEGATIVE_EMOTION,
        sty.PROFANE_WORDS: sty.PROFANITY,
        sty.TIME_WORDS: sty.TIME_REFERENCES,
        sty.IRREGULAR_PAST_WORDS: sty.IRREGULAR_PAST,
        sty.PRESENT_WORDS: sty.PRESENT,
    }
    for occurrences, lexicon in lexicons.items():
        assert occurrences.count(view) == sum(1 for f in forms if f in lexicon)


def test_a_form_longer_than_its_word_is_counted_from_the_forms() -> None:
    # "İ" lower-cases to two characters: "İED" is the form "i̇ed", a regular past of 4 characters
    # although its word has 3, so the forms are read (the words' ends would miss it).
    view = document("The İED went off. " * 40).body
    assert "i\u0307ed" in view.tokens.forms
    assert sty.regular_pasts(view) == 40
