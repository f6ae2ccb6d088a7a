"""The fast paths of the figures, hedging, sourcing, truncation and style scorers give the plain paths' results.

Each fast path (a whole-text pass instead of one per sentence, a gate read from the
shared token stream instead of a pattern searched in every sentence) is compared with
the straightforward reading it replaces, on random text built from the words that
matter (drawn from the scorers' own word tables, not from the fast paths' sets), with
digits, hyphens, apostrophes, underscores, line breaks and the characters whose case
folding differs from ``str.lower()``, and exhaustively over every word that matters in
a few adversarial contexts.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from typing import Any

import pytest
from copydesk import measures
from copydesk.models import Article
from copydesk.plugins import figures
from copydesk.plugins.figures import analysis, attrib, frames, phrase, units
from copydesk.plugins.figures import extract as fx
from copydesk.plugins.figures import features as ff
from copydesk.plugins.figures.analysis import wordlist
from copydesk.plugins.truncation import lexicon as trn_lexicon
from copydesk.plugins.truncation import lines as trn_lines
from copydesk.text import Document, TextView
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.plugins.test_fast_paths import spellings

#: Every word a figure spelled in words can be read from, from the extraction's own tables.
FIGURE_WORDS = sorted(
    {
        *fx.UNITS,
        *fx.MULTIPLES,
        *fx.SCALES,
        *fx.CURRENCY_WORDS,
        *units.MAGNITUDE_HEADS,
        *units.MAGNITUDE_SCALES,
        *units.CURRENCY_NAMES,
        "percent",
        "per",
        "cent",
        "of",
        "in",
        "out",
        "the",
        "to",
        "people",
    }
)
FIGURE_PIECES = [
    "10,000",
    "3.5",
    "1,2",
    "2016",
    "800m",
    "42",
    "7",
    "$",
    "£",
    "%",
    "-",
    "'",
    "’",
    "_",
    ",",
    ".",
    ". ",
    "\n",
    " ",
    '"',
    "(",
    "x",
    "Aug",
    "G7",
    "\u00bd",  # ½: a word character, not a digit, for re
    "\u216b",  # Ⅻ
    "\u0663",  # Arabic-Indic three: a digit for re
    "\u0130",  # İ: lower-cases to two characters
    "\u017f",  # ſ: IGNORECASE reads it as s
    "\u212a",  # Kelvin sign: IGNORECASE reads it as k
    "\u00a0",
]
_figure_words = st.sampled_from(FIGURE_WORDS).flatmap(lambda w: st.sampled_from([w, w.capitalize(), w.upper()]))
figure_texts = st.lists(st.one_of(_figure_words, st.sampled_from(FIGURE_PIECES)), max_size=40).map(
    lambda parts: "".join(part if i % 3 == 0 else " " + part for i, part in enumerate(parts))
)

#: The same words and pieces glued together ("seventy-four", "3one-x"), no space between.
glued_texts = st.lists(st.one_of(_figure_words, st.sampled_from(FIGURE_PIECES)), max_size=30).map("".join)


def _per_sentence(view: TextView, threshold: float = 1000.0) -> list[tuple[int, list[fx.Figure]]]:
    """The plain reading: :func:`extract` on every sentence."""
    found = [(i, fx.extract(view.text, s.start, s.end, threshold)) for i, s in enumerate(view.sentences)]
    return [(i, figures) for i, figures in found if figures]


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(figure_texts, glued_texts), threshold=st.sampled_from([1.0, 1000.0]))
def test_figures_of_a_whole_text_pass_are_the_figures_of_every_sentence(text: str, threshold: float) -> None:
    view = TextView(text)
    assert list(fx.sentence_figures(view, threshold)) == _per_sentence(view, threshold)


def _spans(matches: Any) -> list[tuple[int, int]]:
    return [match.span() for match in matches]


#: Digit runs and what may join or end them: ASCII and other digits, separators, letters, a lone surrogate.
_run_texts = st.lists(
    st.sampled_from(
        ["0", "7", "12", "1,2", "3.5", ":", "/", "-", ",", ".", " ", "\n", "x", "\u0663", "\u00bd", "’", "\ud800"]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(_run_texts, figure_texts, glued_texts))
def test_digit_runs_found_from_the_digits_are_the_patterns_matches(text: str) -> None:
    """:func:`digit_runs` finds what ``NUMBER.finditer`` finds: the same spans, in order."""
    assert _spans(fx.digit_runs(text)) == _spans(fx.NUMBER.finditer(text))


def test_digit_runs_of_many_digits_or_digits_beyond_ascii_are_the_patterns_matches() -> None:
    """Past ``_FEW_DIGITS`` digits, with an Arabic-Indic digit, or beside curly quotes: the same runs."""
    texts = [
        "1" * (fx._FEW_DIGITS + 5),
        "1 " * (fx._FEW_DIGITS + 5),
        "9-" * (fx._FEW_DIGITS // 2) + " 12,000 people",
        "“It cost £12,000,” she said; 3\u0663 rose 4.5% by 2020.",
        "“It cost £12,000,” she said; 45 rose 4.5% by 2020-21 / 7:30.",
        "\ud800 12 \u00bd 3",
    ]
    for text in texts:
        assert _spans(fx.digit_runs(text)) == _spans(fx.NUMBER.finditer(text)), text[:40]
    assert _spans(fx.digit_runs("a 10,000-strong 3/4 x9")) == [(2, 9), (16, 19), (21, 22)]


def test_every_figure_word_in_every_context_is_found_by_the_whole_text_pass() -> None:
    """Exhaustive: each word that can start a figure, glued to digits, hyphens, apostrophes and letters."""
    contexts = [
        "{w}",
        "{w} million people",
        "3{w} and {w}3",
        "x-{w}-y, {w}-x",
        "{w}'s _{w} {w}_",
        "Some {w} in five. {w} of millions\nof dollars.",
        "\u017f{w} \u0130{w} \u00bd{w}",
        "to {w} of millions, the {w} among tens of {w} billions of dollars {w} millions",
    ]
    for word in FIGURE_WORDS:
        for variant in (word, word.capitalize(), word.upper()):
            for context in contexts:
                view = TextView(context.format(w=variant))
                assert list(fx.sentence_figures(view)) == _per_sentence(view), view.text


@settings(max_examples=500, deadline=None)
@given(text=figure_texts, threshold=st.sampled_from([1.0, 1000.0, 2050.0]))
def test_a_digit_run_passed_over_by_its_surroundings_is_no_figure(text: str, threshold: float) -> None:
    view = TextView(text)
    for sentence in view.sentences:
        for match in fx.NUMBER.finditer(text, sentence.start, sentence.end):
            if fx._plainly_none(text, match, sentence.start, sentence.end, threshold):
                assert fx.digit_figure(text, match, sentence.start, sentence.end, threshold) is None, text


def test_digit_runs_with_a_unit_currency_or_count_size_are_read_in_full() -> None:
    text = "In 2014, 12 of 40 rose; 12% and 3-year, 5 million, $12, 4 in 10, 12m, 1234567 and 12."
    passed = [m.group() for m in fx.NUMBER.finditer(text) if fx._plainly_none(text, m, 0, len(text), 1000.0)]
    assert passed == ["2014,", "12", "40", "10,", "12."]


def _assert_every_starting_word_read(text: str) -> None:
    """No word of the token stream that :func:`starting_words` leaves out holds a candidate of :func:`word_figures`."""
    view = TextView(text)
    stream = view.tokens
    read = set(fx.starting_words(view, [m.span() for m in fx.NUMBER.finditer(text)]))
    for index in set(range(len(stream))) - read:
        for word in fx.WORD.finditer(stream.lower, stream.starts[index], stream.ends[index]):
            form = word.group()
            assert form not in fx._WHOLE_STARTS and not ("-" in form and fx._may_start(form)), text


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(figure_texts, glued_texts))
def test_no_word_holding_a_word_that_starts_a_figure_is_left_unread(text: str) -> None:
    _assert_every_starting_word_read(text)


def test_no_hyphenated_or_digit_glued_starting_word_is_left_unread() -> None:
    for first in FIGURE_WORDS:
        for second in [*FIGURE_WORDS, "3", "x"]:
            _assert_every_starting_word_read(f"{first}-{second} 3{first} {second}'{first}-{second} \u0130{first}-x")


def _starting_words_by_forms(view: TextView, runs: list[tuple[int, int]]) -> list[int]:
    """:func:`starting_words` as it read before: the forms that may start one collected, then every word with one."""
    stream = view.tokens
    forms, starts, ends = stream.forms, stream.starts, stream.ends
    hits = set(fx._WHOLE_STARTS.intersection(forms))
    joined: set[str] = set()
    for start, end in runs:
        joined.update(forms[max(0, bisect.bisect_right(starts, start) - 1) : bisect.bisect_left(starts, end)])
    for at in (m.start() for m in re.finditer("-", stream.lower)):
        word = bisect.bisect_right(starts, at) - 1
        if word >= 0 and at < ends[word]:
            joined.add(forms[word])
    hits.update(
        form
        for form in joined
        if not form.isdecimal() and ("\u0307" in form or any(fx._may_start(w.group()) for w in fx.WORD.finditer(form)))
    )
    return [i for i, form in enumerate(forms) if form in hits]


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(figure_texts, glued_texts))
def test_starting_words_found_by_index_are_those_of_every_form_that_may_start_a_figure(text: str) -> None:
    """The words a run or hyphen lies in, found by index, are every word whose form was collected from them."""
    view = TextView(text)
    runs = [m.span() for m in fx.NUMBER.finditer(text)]
    assert fx.starting_words(view, runs) == _starting_words_by_forms(view, runs)


def test_starting_words_include_every_repeat_of_a_hyphenated_or_digit_glued_form() -> None:
    text = "Seventy-four came; seventy-four left. 3millions then 3Millions and twenty."
    view = TextView(text)
    runs = [m.span() for m in fx.NUMBER.finditer(text)]
    found = fx.starting_words(view, runs)
    assert [view.tokens.forms[i] for i in found] == ["seventy-four", "seventy-four", "3millions", "3millions", "twenty"]
    assert found == _starting_words_by_forms(view, runs)


def test_only_the_words_that_may_start_a_figure_are_read_for_worded_figures() -> None:
    view = TextView("It rose 5% in May. Seventy-four people came. Some said 3millions. The cat sat.")
    runs = [m.span() for m in fx.NUMBER.finditer(view.text)]
    assert [view.tokens.forms[i] for i in fx.starting_words(view, runs)] == ["seventy-four", "3millions"]


def test_a_number_word_read_up_to_the_word_after_it_gives_what_the_whole_sentence_gives() -> None:
    """Exhaustive over pairs: a starter, then any word (the reading stops early when it cannot follow)."""
    starters = sorted(fx.STARTERS | units.MAGNITUDE_HEADS.keys() | units.MAGNITUDE_SCALES.keys())
    for first in starters:
        for second in [*FIGURE_WORDS, "people", "five-six", "x"]:
            view = TextView(f"Of {first} {second} of dollars in 10 and {first} {second}")
            assert list(fx.sentence_figures(view)) == _per_sentence(view), view.text


#: The figures features' figure pattern as first written (each alternative opening with ``\b``),
#: with the bound on a number's run before a percent sign or "million" (``MAX_NUMBER_CHARS``).
PLAIN_FIGURE = re.compile(
    r"(?:[$£€¥]\s?\d[\d,.]*+(?:\s?(?:million|billion|trillion|bn|m|k)\b)?"
    r"|\b\d[\d,.]{0,64}+\s?(?:%|per\s?cent|percent)"
    r"|\b\d[\d,.]{0,64}+\s(?:million|billion|trillion)\b"
    r"|\b\d{1,3}(?:,\d{3})++\b"
    r"|\b\d++(?:\.\d++)?\b)"
)


@settings(max_examples=500, deadline=None)
@given(text=figure_texts)
def test_figure_pattern_opening_with_a_character_set_finds_what_the_plain_pattern_finds(text: str) -> None:
    assert [m.span() for m in ff.FIGURE.finditer(text)] == [m.span() for m in PLAIN_FIGURE.finditer(text)]
    for start in range(len(text)):  # a sentence can open anywhere: the look-behind reads no further back
        assert [m.span() for m in ff.FIGURE.finditer(text[start:])] == [
            m.span() for m in PLAIN_FIGURE.finditer(text[start:])
        ]


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(figure_texts, st.text(alphabet="12$£€¥ ,.-:/%xk\u0663", max_size=30)))
def test_figure_pattern_tried_at_currency_signs_and_digit_runs_finds_what_its_scan_finds(text: str) -> None:
    runs = [m.span() for m in fx.NUMBER.finditer(text)]
    assert [m.span() for m in ff.figure_matches(text, runs)] == [m.span() for m in ff.FIGURE.finditer(text)]


def test_figure_pattern_reads_a_number_before_a_percent_sign_up_to_64_characters() -> None:
    """A run of digits, commas and points is read whole up to the bound, so a real figure is unchanged.

    Past it, the percent sign is read with the tail of the run: every digit of "1,1,1,..."
    opens a try, and reading each try to the end of the run made such text quadratic.
    """
    assert ff.MAX_NUMBER_CHARS == 64
    figure = "1" + "0," * 32 + "%"  # 64 digits, commas and points after its first digit
    assert [m.group() for m in ff.FIGURE.finditer(f"Up {figure} now")] == [figure]
    longer = "1" + "0," * 40 + "%"
    found = [m.group() for m in ff.FIGURE.finditer(f"Up {longer} now")]
    assert (
        longer.endswith(found[-1])
        and len(found[-1]) <= 66
        and "".join(found).replace(",", "") == longer.replace(",", "")
    )
    assert [m.group() for m in ff.FIGURE.finditer("12,300,000,000,000,000,000,000.75 per cent")] == [
        "12,300,000,000,000,000,000,000.75 per cent"
    ]


def test_figure_pattern_finds_each_kind_of_figure_as_the_plain_pattern_does() -> None:
    for text in (
        "$5m, £ 3.2 billion, €4k",
        "x5 5% 5 per cent 7percent",
        "3 million 10,000,000 12.5 x1,000 1,0000",
        "a5 _5 5_ \u0663 12",
    ):
        found = [m.span() for m in ff.FIGURE.finditer(text)]
        assert found and found == [m.span() for m in PLAIN_FIGURE.finditer(text)], text


def _plain_figure_features(document: Document) -> dict[str, float]:
    """The figures features as first written: every sentence searched with the case-insensitive patterns."""
    body = document.body
    text = body.text
    total = unattributed = 0
    for span in body.sentences:
        sentence = text[span.start : span.end]
        if not re.search(r"\d", sentence) or not any(ch.isalpha() for ch in sentence):
            continue
        found = sum(1 for m in PLAIN_FIGURE.finditer(sentence) if ff._is_figure(m.group()))
        total += found
        if found and not (ff._attribution().search(sentence) or ff._document().search(sentence)):
            unattributed += found
    return {
        "unattributed_figures_per_1000_words": measures.per_1000(unattributed, body.word_count),
        "unattributed_figure_share": measures.share(unattributed, total, 0.5),
        "vague_quantities_per_1000_words": measures.per_1000(
            measures.count(ff.VAGUE_QUANTITY, body.text), body.word_count
        ),
    }


#: The words the figures features read: the verbs of saying and document nouns (the packaged
#: lists), the vague-quantity pattern's own phrases, and pieces of links.
CREDIT_WORDS = sorted(
    wordlist("cue_verbs")
    | wordlist("cue_nouns")
    | spellings(ff.VAGUE_QUANTITY)
    | {"according to", "http://x.org", "HTTPS://", "https:// ", "www.", "WWW.x", "xhttp://y", "to"}
)
credit_texts = st.lists(
    st.one_of(
        st.sampled_from(CREDIT_WORDS).map(str.capitalize), st.sampled_from(CREDIT_WORDS), st.sampled_from(FIGURE_PIECES)
    ),
    max_size=40,
).map(lambda parts: "".join(part if i % 3 == 0 else " " + part for i, part in enumerate(parts)))


@settings(max_examples=500, deadline=None)
@given(text=credit_texts)
def test_figure_features_from_word_runs_are_the_features_of_the_case_insensitive_patterns(text: str) -> None:
    document = Document.from_article(Article(id="a", title="", body=text))
    assert ff.features(document) == _plain_figure_features(document)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(figure_texts, credit_texts))
def test_figure_features_from_the_batch_pass_digit_runs_are_the_features(text: str) -> None:
    document = Document.from_article(Article(id="a", title="", body=text))
    runs: list[tuple[int, int]] = []
    analysis.analyse(document, figures.SETTINGS, runs)
    assert runs == [m.span() for m in fx.NUMBER.finditer(text)]
    counts = ff.figure_counts(document.body, ff.figure_matches(text, runs))
    assert ff.features(document, counts) == ff.features(document) == _plain_figure_features(document)


def test_figures_running_past_their_sentence_are_read_sentence_by_sentence() -> None:
    """A number, then its unit on the next line: the one scan of the body gives way to each sentence alone."""
    for tail in ("\npercent of voters said so.", "\nmillion people.", " %"):
        text = f"Officials counted 5{tail}\nIt cost $5\nbn in 2019, and 12 people left."
        document = Document.from_article(Article(id="a", title="", body=text))
        assert ff._figure_sentences(document.body) is None or "\n" not in tail
        assert ff.features(document) == _plain_figure_features(document), text
    document = Document.from_article(
        Article(id="a", title="", body="It rose 15%. Then 2019 came.\n\n42\nA 30 km walk.")
    )
    assert ff._figure_sentences(document.body) == {0: 1, 2: 1, 3: 1}  # "2019" is a year; the lone "42" is read too
    assert ff.features(document) == _plain_figure_features(document)


def test_every_credit_word_alone_and_glued_credits_a_figure_as_the_patterns_do() -> None:
    """Exhaustive: each verb of saying, document noun and vague quantity in adversarial contexts."""
    for word in CREDIT_WORDS:
        folded = word.replace("s", "\u017f").replace("i", "\u0131").replace("k", "\u212a")
        for variant in (word, word.capitalize(), word.upper(), folded):
            for context in ("It cost $5m, {w}.", "x{w} 5%", "5% {w}_", "5% un-{w}'s", "\u017f{w} 5%", "5%\u212a {w}"):
                document = Document.from_article(Article(id="a", title="", body=context.format(w=variant)))
                assert ff.features(document) == _plain_figure_features(document), document.body.text


def test_lower_casing_keeps_every_character_but_dotted_capital_i_one_character_of_its_kind() -> None:
    """What the number-word gate relies on to split a lower-cased word as the word itself splits."""

    def kind(char: str) -> tuple[bool, bool, bool]:
        return (re.fullmatch(r"[^\W\d_]", char) is not None, re.fullmatch(r"\d", char) is not None, char in "'’-_")

    for code in range(0x110000):
        char = chr(code)
        if char == "\u0130" or 0xD800 <= code < 0xE000:
            continue
        lowered = char.lower()
        assert len(lowered) == 1 and kind(lowered) == kind(char), hex(code)
    assert "\u0130".lower() == "i\u0307" and not re.fullmatch(r"\w", "\u0307")


def _every_word_credits(text: str, words: list, bounds: tuple[int, int], lexicon: Any) -> list:
    """The credits of a sentence with every word tried as a cue (no opener test)."""
    found: list = []
    for index in range(len(words)):
        if len(found) >= attrib.MAX_CREDITS:
            break
        credit = attrib._credit_at(text, words, index, bounds, lexicon, found)
        if credit is None:
            continue
        if attrib.is_sample(words, credit.source):
            definite = text[credit.source[0] : credit.source[1]].lower().startswith(("the ", "this "))
            credit = dataclasses.replace(credit, sample=True, named=credit.named or definite)
        if not attrib._respondents(text, credit):
            found.append(credit)
    return found


#: Words of the figures attribution: cue verbs and nouns, plan nouns, vague sources, frames.
ATTRIBUTION_WORDS = sorted(
    wordlist("cue_verbs")
    | wordlist("cue_nouns")
    | wordlist("vague_sources")
    | frames.PLANS
    | {"the", "a", "his", "her", "to", "at", "for", "by", "of", "in", "that", "Jo", "Roe's", "Smith", "World Bank"}
)
attribution_texts = st.lists(
    st.one_of(
        st.sampled_from(ATTRIBUTION_WORDS),
        st.sampled_from(ATTRIBUTION_WORDS).map(str.capitalize),
        st.sampled_from(FIGURE_PIECES),
    ),
    max_size=40,
).map(lambda parts: "".join(part if i % 3 == 0 else " " + part for i, part in enumerate(parts)))


@settings(max_examples=500, deadline=None)
@given(text=attribution_texts)
def test_figure_credits_read_at_cue_and_plan_words_are_the_credits_of_every_word(text: str) -> None:
    view = TextView(text)
    lexicon = analysis.lexicon(figures.SETTINGS)
    for sentence in view.sentences:
        words = phrase.sentence_words(view, sentence.start, sentence.end)
        bounds = (sentence.start, sentence.end)
        assert attrib.credits(text, words, bounds, lexicon) == _every_word_credits(text, words, bounds, lexicon)


def test_every_attribution_word_in_a_credit_frame_gives_the_credits_of_every_word() -> None:
    """Exhaustive: each cue verb, document noun and plan noun in the frames that credit a figure."""
    lexicon = analysis.lexicon(figures.SETTINGS)
    frames_ = (
        "Jo Roe's {w} to cut 5,000 jobs.",
        "Analysts {w} that 40% rose.",
        "His {w} to spend $5m, the minister {w}.",
        "In a Gallup {w}, 3 million left, {w} the World Bank.",
    )
    for word in ATTRIBUTION_WORDS:
        for frame in frames_:
            text = frame.format(w=word)
            view = TextView(text)
            for sentence in view.sentences:
                words = phrase.sentence_words(view, sentence.start, sentence.end)
                bounds = (sentence.start, sentence.end)
                plain = _every_word_credits(text, words, bounds, lexicon)
                assert attrib.credits(text, words, bounds, lexicon) == plain, text


@settings(max_examples=500, deadline=None)
@given(text=figure_texts, threshold=st.sampled_from([1.0, 1000.0]))
def test_figures_spelled_in_words_read_from_the_lower_cased_text_are_those_read_from_the_text(
    text: str, threshold: float
) -> None:
    text += " ΑΣ.Α three-ΑΣ ΣΑΣ'one"  # a final sigma lower-cases by its context, not by the word alone
    lower = TextView(text).tokens.lower
    assert fx.word_figures(text, 0, len(text), threshold, lower=lower) == fx.word_figures(text, 0, len(text), threshold)


def test_hyphenated_figure_words_between_whole_ones_are_read_in_reading_order() -> None:
    """Whole starters are found apart from hyphenated ones ("seventy-four"); both are read, in order."""
    text = "Two said seventy-four million people left, then one in five, and forty-two thousand dollars."
    found = [(text[f.start : f.end], f.kind, f.value) for f in fx.word_figures(text, 0, len(text), 1000.0)]
    assert found == [
        ("seventy-four million", "count", 74e6),
        ("one in five", "rate", 0.2),
        ("forty-two thousand dollars", "money", 42000.0),
    ]


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("1" * 18, 1.111111111111111e17),
        ("1" * 19, None),
        ("111,111,111,111,111,111", 111111111111111111.0),
        ("1,111,111,111,111,111,111", None),
        ("111,111,111,111,111,111.5", None),
        ("12.5", 12.5),
        ("1,00", None),
        ("\u0661\u0662", 12.0),
    ],
)
def test_a_digit_token_has_a_value_only_when_grouped_validly_and_of_at_most_max_digits(
    token: str, value: float | None
) -> None:
    assert fx._plain_value(token) == value


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("5 people came", ("", 1.0, "", 1)),
        ("5 million dollars", ("money", 1000000.0, "USD", 17)),
        ("5 per cent", ("percent", 1.0, "%", 10)),
        ("5 percentage points", ("percent", 1.0, "%", 19)),
        ("5 in 10", ("rate", 0.1, "ratio", 7)),
        ("5 out of 10", ("rate", 0.1, "ratio", 11)),
        ("5 out there", ("", 1.0, "", 1)),
        ("5 pounds", ("money", 1.0, "GBP", 8)),
        ("5 m", ("", 1.0, "", 1)),
        ("5 k people", ("", 1.0, "", 1)),
        ("5", ("", 1.0, "", 1)),
        ("5 bn euros", ("", 1.0, "", 1)),
        ("5 billion", ("count", 1000000000.0, "", 9)),
        ("5 Million Euros", ("money", 1000000.0, "EUR", 15)),
        ("5  in  ten", ("rate", 0.1, "ratio", 10)),
        ("5 pct", ("percent", 1.0, "%", 5)),
        ("5 per head", ("", 1.0, "", 1)),
        ("5\xa0percent", ("percent", 1.0, "%", 9)),
        ("5 in", ("", 1.0, "", 1)),
        ("5 thousand in 3", ("count", 1000.0, "", 10)),
    ],
)
def test_the_unit_after_a_number_is_read_from_its_first_word_on_only_when_that_word_can_open_one(
    text: str, unit: tuple[str, float, str, int]
) -> None:
    """A first word that opens no unit ends the reading at once, as reading three words concluded."""
    assert fx._unit_after(text, 1, len(text)) == unit


def _every_cue_at_every_word(line: str, lex: Any) -> tuple[str, int] | None:
    """Truncation's credit cue as first written: every cue of several words tried at every word, then one word."""
    tokens = trn_lexicon.normalise(line[:300]).split()
    for i in range(len(tokens)):
        for cue in lex.credit_cues:
            if " " in cue and tokens[i : i + cue.count(" ") + 1] == cue.split():
                return cue, i
    named = trn_lines.starts_with_name(line)
    for i, token in enumerate(tokens):
        if (token in lex.credit_cues and i < 3) or (named and token in lex.role_cues):
            return token, i
    return None


@pytest.mark.parametrize("extra", [[], ["filed  from", "reporting by", " by the", "by the way"]])
def test_credit_cues_of_several_words_tried_at_their_first_word_are_those_tried_at_every_word(
    extra: list[str],
) -> None:
    from copydesk.plugins import truncation

    lex = trn_lexicon.lexicons({**truncation.SETTINGS, "extra_credit_cues": extra})
    cues = sorted(lex.credit_cues | lex.role_cues | {"Jane Smith", "by", "the", "filed", "from", "3"})
    for first in cues:
        for second in cues:
            for line in (f"{first} {second} {first}", f"Jane Smith {second} {first}", f"{second.upper()}: {first}"):
                assert trn_lines.credit_cue(line, lex) == _every_cue_at_every_word(line, lex), line


def _gap_breaks_by_scan(text: str, left: int, right: int) -> bool:
    """:func:`phrase.gap_breaks` as it read before: a grouped number's comma, else any break character in the gap."""
    if right - left == 1 and text[left] == "," and text[left - 1].isdigit() and text[right : right + 1].isdigit():
        return False
    return any(ch in phrase.BREAKS for ch in text[left:right])


def test_gap_breaks_of_one_character_read_without_a_scan_as_the_scan_reads_them() -> None:
    """Every gap of zero to three characters between two words, the comma between digits and at the text's ends."""
    pieces = sorted(phrase.BREAKS | {" ", "\u00a0", "x", "1", "'", "-", "."})
    for before in ("a", "1", ""):
        for after in ("b", "2", ""):
            for size in range(4):
                for gap in ("".join(p) for p in itertools.product(pieces, repeat=size)):
                    text = f"{before}{gap}{after}"
                    left, right = len(before), len(before) + len(gap)
                    assert phrase.gap_breaks(text, left, right) == _gap_breaks_by_scan(text, left, right), repr(text)


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(st.text(st.characters(max_codepoint=127)), figure_texts.filter(str.isascii)))
def test_the_ascii_digit_run_pattern_finds_the_digit_runs_of_an_ascii_text(text: str) -> None:
    assert [m.span() for m in fx.ASCII_NUMBER.finditer(text)] == [m.span() for m in fx.NUMBER.finditer(text)]


def test_digit_runs_of_a_text_with_other_digits_are_read_with_the_unicode_digit_class() -> None:
    text = "It cost \u0663\u0660 dinars and 40,000 people came; \u00e9t\u00e9 12."
    runs: list[tuple[int, int]] = []
    list(fx.sentence_figures(TextView(text), 1000.0, runs))
    assert runs == [m.span() for m in fx.NUMBER.finditer(text)] and len(runs) == 3


@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(figure_texts, credit_texts, credit_texts.map(lambda t: t.replace(" said", " \x1b[1msaid\x1b[0m")))
)
def test_sentence_credits_skipped_without_an_opening_word_are_the_credits_of_its_words(text: str) -> None:
    """A sentence none of whose forms can open a credit has none; any other has those of its built words."""
    view = TextView(text)
    lexicon = analysis.lexicon(figures.SETTINGS)
    sents = analysis._Sentences(view, lexicon)
    for index, sentence in enumerate(view.sentences):
        bounds = (sentence.start, sentence.end)
        words = phrase.sentence_words(view, *bounds)
        assert sents.credits(index) == attrib.credits(sents.text, words, bounds, lexicon), text
        if not sents.credits(index) and attrib.credit_openers(lexicon).isdisjoint(w.lower for w in words):
            assert index not in sents._words or "\x1b" in text  # its words were never built


@pytest.mark.parametrize(
    "text",
    [
        "Officials_said 5 million left.",
        "They said_ 5 million left.",
        "It is un-said: 5 million left.",
        "A said-so of 5 million.",
        "A so-said 5 million.",
        "Police say\u2019s 12% rose.",
        "The report's 12% rose.",
        "No credit: 12% rose, 40 people left.",
        "See www.x.org: 12% rose.",
    ],
)
def test_credit_words_read_from_the_forms_credit_as_the_runs_do(text: str) -> None:
    """Underscores, joiners and apostrophes around a credit word: the forms' reading falls back to the runs."""
    document = Document.from_article(Article(id="a", title="", body=text))
    assert ff.features(document) == _plain_figure_features(document)


#: Pieces of truncation test lines: words of its lists and shapes, joiners, closers, non-ASCII letters and digits.
TRUNCATION_PIECES = [
    *"aZé\u0130\u017f\u03a3_-'’“”\"()[].!?…,:;—/|@#*",
    "\u0663",
    "\u00bd",
    "\u00a0",
    "\t",
    "Related",
    "Read more",
    "Share",
    "By Jane Smith",
    "Reuters",
    "Jane Smith is a staff writer",
    "Home > World",
    "FAQ",
    "1.",
    "- ",
    "the",
    "and",
    "of",
    "Photo: AP",
    "contributed to this report",
    "www.example.com",
    "Loading...",
    "long-running",
    "it’s",
]
_truncation_piece = st.sampled_from(TRUNCATION_PIECES)
truncation_lines = st.lists(_truncation_piece, max_size=30).map(
    lambda parts: "".join(p if i % 2 else " " + p for i, p in enumerate(parts))
)
truncation_texts = st.lists(truncation_lines, min_size=1, max_size=8).map("\n".join)


def _headline_run_as_it_read(document: Document, index: int, lex: Any, short_words: int) -> int:
    """``ending._headline_run`` as it read before: the line above the run read whatever the run's length."""
    from copydesk.plugins.truncation import ending, shapes

    body = document.body
    count = 0
    headlines = True
    while index - count >= 0 and count < 20:
        line = body.lines[index - count]
        text = body.text[line.start : line.end]
        most = 2 * short_words if count else short_words + short_words // 3
        if not ending._unpunctuated_short(text, lex, most) or shapes.introduces_links(text, lex):
            break
        headlines = headlines and trn_lines.word_count(text) >= 4
        count += 1
    above = index - count
    heading = ending.line_text(document, above) if above >= 0 else ""
    introduced = heading.endswith(":") or lex.furniture.match_line(heading) is not None
    if count >= 1 and (shapes.introduces_links(heading, lex) or shapes.is_sign_off(heading, lex)):
        return count
    return count if count >= 2 and (headlines or introduced or count >= 3) else 0


@settings(max_examples=400, deadline=None)
@given(text=truncation_texts, stretch=st.tuples(st.integers(0, 400), st.integers(0, 400)))
def test_truncation_reads_line_words_and_tails_as_the_line_searches_do(text: str, stretch: tuple[int, int]) -> None:
    """``line_words`` is ``word_count`` of the line's text (None before the token stream is built); ``line_tail`` of
    a stretch is ``tail`` of the whole text there.

    The closing-structure check given the line's word count says what it says counting
    them itself, and a headline run reads as it did when the line above was read first.
    """
    from copydesk.plugins import truncation
    from copydesk.plugins.truncation import ending

    document = Document.from_article(Article(id="a", title="", body=text))
    body = document.body
    lex = trn_lexicon.lexicons(truncation.SETTINGS)
    assert all(trn_lines.line_words(body, line) is None for line in body.lines)  # no stream split for it
    assert len(body.tokens) >= 0  # the stream built, as any other scorer of a run builds it
    for index, line in enumerate(body.lines):
        line_text = body.text[line.start : line.end]
        assert trn_lines.line_words(body, line) == trn_lines.word_count(line_text), repr(line_text)
        assert trn_lines.line_tail(line_text) == trn_lines.tail(line_text, 0, len(line_text))
        for short_words in (1, 3, 12):
            counted = ending._closing_structure(line_text, lex, short_words, trn_lines.line_words(body, line))
            assert counted == ending._closing_structure(line_text, lex, short_words), repr(line_text)
            assert ending._headline_run(document, index, lex, short_words) == _headline_run_as_it_read(
                document, index, lex, short_words
            )
    start, end = sorted(min(bound, len(text)) for bound in stretch)
    for _ in range(2):  # read afresh, then from memory
        assert trn_lines.line_tail(text[start:end], start) == trn_lines.tail(text, start, end)


def test_line_tail_remembers_only_the_text_it_read_last() -> None:
    """A line read after another is read afresh: equal texts share a tail, different ones never do."""
    first, second = "It ended on the", "It ended on the."
    assert trn_lines.line_tail(first).word == "the" and trn_lines.line_tail(first).char == "e"
    assert trn_lines.line_tail(second).char == "."
    assert trn_lines.line_tail(first).char == "e"
    assert trn_lines.line_tail("x" + first, 10) == trn_lines.tail("0123456789x" + first, 10, 11 + len(first))


@pytest.mark.parametrize("heading", ["Related:", "Related", "Also:", "Read more", "Follow us", "It rained.", "", "- x"])
def test_a_headline_run_under_each_kind_of_heading_reads_as_it_did(heading: str) -> None:
    """Runs of one to three short lines (headline-long or not) under a colon, furniture, a sign-off or prose."""
    from copydesk.plugins import truncation
    from copydesk.plugins.truncation import ending

    lex = trn_lexicon.lexicons(truncation.SETTINGS)
    rows = ["Storm hits the town today", "Mayor quits", "New park", "Jane Smith", "It was cut off by the"]
    for size in range(1, 4):
        for run in itertools.product(rows, repeat=size):
            body = "\n".join(["A long first paragraph of prose ends here.", heading, *run])
            document = Document.from_article(Article(id="a", title="", body=body))
            for index in range(len(document.body.lines)):
                for short_words in (3, 12):
                    expected = _headline_run_as_it_read(document, index, lex, short_words)
                    assert ending._headline_run(document, index, lex, short_words) == expected, (body, index)
