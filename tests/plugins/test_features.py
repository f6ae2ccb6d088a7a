"""Features of the built-in scorers: definitions, floors and smoothing, contract, adversarial input."""

from __future__ import annotations

import math
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from types import ModuleType

import numpy as np
import pytest
from copydesk import Document, TextView
from copydesk import measures as m
from copydesk.plugins import boilerplate, figures, hedging, readability, sourcing, style
from copydesk.plugins.boilerplate import features as tpl
from copydesk.plugins.figures import features as fig
from copydesk.plugins.hedging import features as hdg
from copydesk.plugins.readability import features as rdb
from copydesk.plugins.sourcing import features as src
from copydesk.plugins.style import features as sty
from copydesk.testing import adversarial_text, document, plugin_set, score_batch

SCORERS: dict[str, tuple[ModuleType, ModuleType]] = {
    "hedging": (hedging, hdg),
    "figures": (figures, fig),
    "boilerplate": (boilerplate, tpl),
    "readability": (readability, rdb),
    "sourcing": (sourcing, src),
    "style": (style, sty),
}
NEWS = (
    "Flood barriers on the river were raised on Tuesday after two days of heavy rain.\n\n"
    "The city council said about 300 homes near the old bridge had been told to prepare to leave. "
    '"We are watching the water every hour," said Maria Lopez, who runs the emergency team. '
    "Forecasters expect the rain to ease by the weekend."
)


def value(module: ModuleType, text: str, name: str) -> float:
    """One feature of ``text`` as ``module.features`` computes it (a sourcing count: before its shrinkage)."""
    if name in ("specific_details", "relative_times"):
        return float(src.specific(text) if name == "specific_details" else m.count(src.p.RELATIVE_TIME, text))
    compute: Callable[[Document], dict[str, float]] = module.features
    return compute(document(text))[name]


@pytest.mark.parametrize(
    ("body", "title", "expected"),
    [
        pytest.param("The plan was approved. It was late.", "", None, id="no-title-no-title-features"),
        pytest.param("The plan was approved.\nIt was late.", "", None, id="a-sentence-is-not-a-heading"),
        pytest.param("Council Backs The Plan\nThe plan was approved.", "", 0.5, id="heading-like-first-line"),
        pytest.param("Council backs plan: what next\nThe plan was approved.", "", 0.1, id="heading-with-inner-colon"),
        pytest.param("The plan was approved.", "council backs plan", 0.0, id="title-field-wins"),
    ],
)
def test_title_features_come_from_the_title_or_a_heading_like_first_line(
    body: str, title: str, expected: float | None
) -> None:
    values = rdb.features(document(body, title=title))
    assert values.get("title_capitalisation") == (None if expected is None else pytest.approx(expected))
    assert ("title_exclamation" in values) == (expected is not None)


@pytest.mark.parametrize(
    ("module", "text", "name", "expected"),
    [
        pytest.param(hdg, "Prices may rise. " * 10, "hedges_per_1000_words", 10 * 1000 / 300, id="hedges-floor"),
        pytest.param(hdg, "Prices rose. " * 10, "hedges_per_1000_words", 0.0, id="no-hedges"),
        pytest.param(hdg, "Prices may rise. Prices fell.", "hedged_sentence_share", (1 + 0.6) / 5, id="hedged-share"),
        pytest.param(
            hdg, "Sources say the deal is off.", "vague_attributions_per_1000_words", 1000 / 300, id="sources-say"
        ),
        pytest.param(
            hdg, "The minister said the deal is off.", "vague_attributions_per_1000_words", 0.0, id="named-not-vague"
        ),
        pytest.param(hdg, "A shocking and massive loss.", "loaded_words_per_1000_words", 2000 / 300, id="loaded"),
        pytest.param(
            hdg, "It was the biggest flood ever.", "superlatives_per_1000_words", 2000 / 300, id="superlative"
        ),
        pytest.param(hdg, "It will rain and we must wait.", "modals_per_1000_words", 2000 / 300, id="modals"),
        pytest.param(fig, "Sales rose 15 percent last year.", "unattributed_figure_share", (1 + 1.5) / 4, id="fig-own"),
        pytest.param(
            fig, "Sales rose 15 percent, the company said.", "unattributed_figure_share", 1.5 / 4, id="fig-said"
        ),
        pytest.param(
            fig, "Sales rose 15 percent, a report shows.", "unattributed_figure_share", 1.5 / 4, id="fig-document"
        ),
        pytest.param(
            fig, "In 2019 there were 5 cases.", "unattributed_figure_share", 0.5, id="years-small-not-figures"
        ),
        pytest.param(fig, "It cost $4 billion in 2020.", "unattributed_figures_per_1000_words", 1000 / 300, id="money"),
        pytest.param(
            fig, "Thousands of people marched.", "vague_quantities_per_1000_words", 1000 / 300, id="vague-quantity"
        ),
        pytest.param(
            tpl, "Title\nKey Facts About The Plan\nText.", "heading_lines_per_1000_words", 1000 / 300, id="hd"
        ),
        pytest.param(tpl, "Title\nThe plan was approved.", "heading_lines_per_1000_words", 0.0, id="sentence-no-hd"),
        pytest.param(tpl, "Why it matters: the plan.", "colon_label_lines_per_1000_words", 1000 / 300, id="label"),
        pytest.param(tpl, "Intro.\n- one\n- two\n3) three", "bullet_line_share", 3 / 7, id="bullets-smoothed"),
        pytest.param(tpl, "Read more: subscribe now.", "calls_to_action_per_1000_words", 2000 / 300, id="cta"),
        pytest.param(tpl, "by Chief Editor\nThe plan was approved.", "generic_byline", 1.0, id="generic-byline"),
        pytest.param(tpl, "by Maria Lopez\nThe plan was approved.", "generic_byline", 0.0, id="named-byline"),
        pytest.param(rdb, "One two three. Four five six seven eight.", "words_per_sentence", 4.0, id="wps"),
        pytest.param(rdb, "One two. One two.", "sentence_length_cv", 1.5 / 5, id="cv-shrunk-to-half"),
        pytest.param(rdb, "Extraordinary events happened.", "long_word_share", 1 / 3, id="long-words"),
        pytest.param(rdb, "the the the the", "moving_type_token_ratio", 0.25, id="mattr-short-text"),
        pytest.param(rdb, "I think we should go.", "first_person_per_1000_words", 2000 / 300, id="first-person"),
        pytest.param(rdb, "US troops left.", "first_person_per_1000_words", 0.0, id="US-is-not-us"),
        pytest.param(rdb, "Did you see? Wow!", "questions_per_1000_words", 1000 / 300, id="questions"),
        pytest.param(rdb, "NASA and NATO met.", "all_caps_words_per_1000_words", 2000 / 300, id="all-caps"),
        pytest.param(
            rdb,
            "HUGE NEWS TODAY\nNASA and NATO met.",
            "all_caps_words_per_1000_words",
            2000 / 300,
            id="all-caps-not-in-a-heading-read-as-the-title",
        ),
        pytest.param(rdb, "The cat and the dog.", "function_word_share", 3 / 5, id="function-words"),
        pytest.param(rdb, "He left. He came. She sat.", "same_start_sentence_share", 2 / 3, id="same-start"),
        pytest.param(
            rdb, "The nation, information, management.", "abstract_nouns_per_1000_words", 2000 / 300, id="abstract"
        ),
        pytest.param(rdb, "a b a c", "hapax_share", 2 / 4, id="hapax-short-text-is-one-window"),
        pytest.param(rdb, "a b c a b c", "repeated_trigram_share", 2 / 4, id="repeated-trigrams"),
        pytest.param(rdb, "a b c d e a b c d e", "repeated_trigram_share", 6 / 8, id="repeated-trigrams-all"),
        pytest.param(rdb, "a b c a b c", "repeated_5grams_per_1000_words", 0.0, id="no-repeated-5gram"),
        pytest.param(
            rdb, "a b c d e a b c d e", "repeated_5grams_per_1000_words", 1000 / 150, id="5gram-short-text-one-window"
        ),
        pytest.param(rdb, "The cat sat on the mat.", "stop_word_share", 3 / 6, id="stop-words"),
        pytest.param(rdb, "The cat saw a dog.", "article_share", 2 / 5, id="articles"),
        pytest.param(rdb, "He told them his plan.", "third_person_share", 3 / 5, id="third-person"),
        pytest.param(
            rdb, "It is what it is and they have it.", "present_auxiliaries_per_1000_words", 3000 / 300, id="present"
        ),
        pytest.param(rdb, "He left. The dog sat. They ran.", "pronoun_opening_share", 2 / 6, id="pronoun-opening"),
        pytest.param(rdb, "aa aaaa", "word_length_sd", 1.0, id="word-length-sd"),
        pytest.param(rdb, "a a b", "yule_k", 1e4 * (5 - 3) / 9, id="yule-k"),
        pytest.param(
            rdb, "Big NEWS Today!\nThe council approved the news.", "title_capitalisation", 4 / 6, id="t-capitalisation"
        ),
        pytest.param(
            rdb, "BIG NEWS TODAY\nThe council approved the news.", "title_capitalisation", 1.0, id="t-shouting"
        ),
        pytest.param(rdb, "big news today\nThe council approved the news.", "title_capitalisation", 0.0, id="t-lower"),
        pytest.param(rdb, "Big NEWS Today!\nThe council approved the news.", "title_exclamation", 1.0, id="t-bang"),
        pytest.param(
            rdb, "Big NEWS Today!\nThe council approved the news.", "title_body_overlap", 1 / 3, id="t-overlap"
        ),
        pytest.param(
            src, "Mr Greenspan, 78, said 15% of 300 people left in March.", "specific_details", 5, id="specific"
        ),
        pytest.param(src, "Yesterday it ended; on Monday it resumes.", "relative_times", 2, id="relative-times"),
    ],
)
def test_feature_definitions(module: ModuleType, text: str, name: str, expected: float) -> None:
    assert value(module, text, name) == pytest.approx(expected)


def test_mattr_averages_fifty_token_windows() -> None:
    tokens = [f"w{i % 25}" for i in range(100)]  # every 50-token window holds 25 types
    assert rdb.mattr(tokens) == pytest.approx(0.5)
    assert rdb.mattr([]) == 1.0


def sliding_mattr(toks: list[str], window: int) -> float:
    """MATTR with a sliding counter, adding each window's ratio in order (the reference)."""
    if len(toks) <= window:
        return len(set(toks)) / len(toks) if toks else 1.0
    counts = Counter(toks[:window])
    total = len(counts) / window
    for new, old in zip(toks[window:], toks, strict=False):
        counts[new] += 1
        counts[old] -= 1
        if not counts[old]:
            del counts[old]
        total += len(counts) / window
    return total / (len(toks) - window + 1)


@pytest.mark.parametrize("seed", range(40))
def test_mattr_is_exactly_the_sliding_window_average(seed: int) -> None:
    # The fast MATTR (previous and next occurrences) gives the same float, bit for bit.
    rng = random.Random(seed)
    toks = [f"w{rng.randrange(rng.choice([2, 5, 30, 300]))}" for _ in range(rng.randrange(0, 400))]
    for window in (1, 2, 3, 7, 50):
        assert rdb.mattr(toks, window) == sliding_mattr(toks, window)


def counted_repetition(toks: list[str], window: int = rdb.REPEAT_WINDOW) -> tuple[float, float]:
    """The repetition measures counted n-gram by n-gram (the reference)."""
    spans = rdb.windows(len(toks), window)
    trigram_share = fivegram_rate = 0.0
    for a, b in spans:
        part = toks[a:b]
        trigrams = Counter(zip(part, part[1:], part[2:], strict=False))
        fivegrams = Counter(zip(part, part[1:], part[2:], part[3:], part[4:], strict=False))
        trigram_share += sum(c for c in trigrams.values() if c > 1) / max(len(part) - 2, 1)
        fivegram_rate += sum(c - 1 for c in fivegrams.values() if c > 1) * 1000.0 / max(len(part), window)
    return trigram_share / len(spans), fivegram_rate / len(spans)


def counted_hapax(toks: list[str], window: int = rdb.HAPAX_WINDOW) -> float:
    """The hapax share counted token type by token type (the reference)."""
    if not toks:
        return 0.0
    shares = [
        sum(1 for c in Counter(toks[a:b]).values() if c == 1) / (b - a) for a, b in rdb.windows(len(toks), window)
    ]
    return sum(shares) / len(shares)


@pytest.mark.parametrize("seed", range(40))
def test_repetition_and_hapax_from_totals_are_exactly_the_counted_values(seed: int) -> None:
    # Repeated 3-grams as all but the ones seen once, 5-gram repeats as all but one per distinct
    # 5-gram: the same integers, so the same floats, short texts and partial windows included.
    rng = random.Random(seed)
    toks = [f"w{rng.randrange(rng.choice([2, 3, 8, 40]))}" for _ in range(rng.randrange(0, 700))]
    for window in (1, 4, 5, 6, 100, 150):
        assert rdb.repetition(toks, window) == counted_repetition(toks, window)
        assert rdb.hapax_share(toks, window) == counted_hapax(toks, window)


@pytest.mark.parametrize("seed", range(10))
def test_repetition_of_16_bit_codes_is_the_counted_value(seed: int) -> None:
    # body_words hands the window measures 16-bit codes: their 3- and 5-gram keys are made in
    # 64 bits (a key of three codes near 700 overflows 16 bits), so the counts are the counted ones.
    rng = random.Random(seed)
    toks = [f"w{rng.randrange(rng.choice([2, 40, 700]))}" for _ in range(rng.randrange(0, 700))]
    codes = rdb.token_codes(toks).astype(np.int16)
    for window in (3, 4, 5, 150):
        assert rdb.coded_repetition(codes, window) == counted_repetition(toks, window)


def test_hapax_share_past_the_window_table_is_the_counted_value() -> None:
    # More tokens than the table of window starts holds: the starts are computed, with the same share.
    rng = random.Random(5)
    toks = [f"w{rng.randrange(400)}" for _ in range(rdb.WINDOW_TABLE + 250)]
    assert rdb.hapax_share(toks) == counted_hapax(toks)
    assert rdb.hapax_share(toks[: rdb.WINDOW_TABLE]) == counted_hapax(toks[: rdb.WINDOW_TABLE])


@pytest.mark.parametrize("seed", range(10))
def test_repetition_of_codes_too_large_for_one_5_gram_key_is_the_counted_value(seed: int) -> None:
    # Codes whose 5-gram keys would pass the key limit go through gram_keys' renumbering:
    # only which codes are equal matters, so spreading them out gives the counted values still.
    rng = random.Random(seed)
    toks = [f"w{rng.randrange(rng.choice([2, 8, 40]))}" for _ in range(rng.randrange(0, 700))]
    codes = rdb.token_codes(toks)
    for window in (4, 5, 150):
        assert rdb.coded_repetition(codes * 100_003, window) == counted_repetition(toks, window)


def matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


#: The plain patterns :data:`rdb.FIRST_PERSON`, :data:`rdb.FAST_ALL_CAPS`, :data:`rdb.SECOND_PERSON` and
#: :data:`rdb.DEMONSTRATIVE` must match exactly.
FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Uu]s|[Oo]ur|[Oo]urs|[Oo]urselves)\b")
ALL_CAPS = re.compile(r"\b[A-Z]{4,}+\b")
SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
DEMONSTRATIVE = re.compile(r"\b(?:this|these|that|those)\b", re.IGNORECASE)


#: Pieces of random text for the word patterns: their words in several cases, joiners, "_" and
#: characters that ignoring case matches with ASCII letters.
WORD_PIECES = [
    "I",
    "me",
    "Me",
    "ME",
    "my",
    "myself",
    "mine",
    "we",
    "We",
    "us",
    "our",
    "ours",
    "ourselves",
    "some",
    "thus",
    "hour",
    "NATO",
    "USA",
    "ABCD",
    "AbCD",
    "_",
    "9",
    "-",
    "'",
    " ",
    " ",
    "\n",
    ".",
    "é",
    "É",
    "x",
    "you",
    "YOURS",
    "Yourself",
    "this",
    "THAT",
    "These",
    "those",
    "’",
    "İ",
    "ſ",
]


@pytest.mark.parametrize("seed", range(60))
def test_fast_word_patterns_find_exactly_the_original_matches(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(WORD_PIECES) for _ in range(rng.randrange(0, 200)))
    view = TextView(text)
    anchored = (
        (rdb.FIRST_PERSON, FIRST_PERSON),
        (rdb.SECOND_PERSON, SECOND_PERSON),
        (rdb.DEMONSTRATIVE, DEMONSTRATIVE),
    )
    for fast, plain in anchored:
        assert [found.span() for found in fast.finditer(view)] == matches(plain, text)
    assert matches(rdb.FAST_ALL_CAPS, text) == matches(ALL_CAPS, text)


#: Pieces of text for the all-capitals count: runs of capitals of every length, with and
#: without a word character, digit, underscore or letter outside ASCII beside them.
CAPS_PIECES = ["ABCD", "NATO", "USA", "AbCD", "ABCDEFGH", "A", "x", "9", "_", "-", "'", " ", "\n", ".", "é", "Ü", "’"]


@pytest.mark.parametrize("seed", range(80))
def test_all_caps_count_from_the_bytes_classes_is_the_patterns_count(seed: int) -> None:
    # Counted from the bytes' classes, or by the pattern where a run of four capitals touches
    # a character outside ASCII: either way, the number of the plain pattern's matches.
    rng = random.Random(seed)
    pieces = CAPS_PIECES if seed % 2 else [p for p in CAPS_PIECES if p.isascii()]
    text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 120)))
    assert rdb.all_caps_count(text) == len(matches(ALL_CAPS, text))


@pytest.mark.parametrize("seed", range(60))
def test_pronouns_and_demonstratives_counted_from_word_parts_are_the_patterns_counts(seed: int) -> None:
    # Without "_" (or the characters ignoring case matches with ASCII letters) the counts come
    # from the vocabulary's word parts; with them, part_counts declines and the patterns count.
    from copydesk.plugins.readability import words

    rng = random.Random(seed)
    plain = [p for p in WORD_PIECES if p not in ("_", "İ", "ſ")]
    for pieces in (plain, plain, WORD_PIECES):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 300)))
        view = TextView(text)
        counted = words.part_counts(view, words.body_words(view))
        if "_" in text or any(char in text for char in "İıſ"):
            assert counted is None
            continue
        expected = tuple(len(matches(p, text)) for p in (FIRST_PERSON, SECOND_PERSON, DEMONSTRATIVE))
        assert counted == expected, text


def test_windows_are_consecutive_full_windows_or_the_whole_short_text() -> None:
    assert rdb.windows(0, 100) == [(0, 0)]
    assert rdb.windows(99, 100) == [(0, 99)]
    assert rdb.windows(100, 100) == [(0, 100)]
    assert rdb.windows(299, 100) == [(0, 100), (100, 200)]  # the last 99 tokens, a partial window, dropped


def _distinct(n: int, prefix: str) -> list[str]:
    """``n`` different tokens."""
    return [f"{prefix}{i}" for i in range(n)]


@pytest.mark.parametrize(
    ("tokens", "hapax", "trigram_share", "fivegram_rate"),
    [
        pytest.param([], 0.0, 0.0, 0.0, id="empty"),
        pytest.param(_distinct(100, "a") + _distinct(50, "b") * 2, 0.5, 0.0, 0.0, id="hapax-one-of-two-windows"),
        # One 150-token window holding a 75-token passage twice: the same tokens counted over the whole
        # text, or with a third copy after the window (a partial window, dropped), give the same values.
        pytest.param(_distinct(75, "a") * 2, 0.5, 146 / 148, 71 * 1000 / 150, id="passage-twice-in-a-window"),
        pytest.param(_distinct(75, "a") * 2 + _distinct(75, "a"), 0.5, 146 / 148, 71 * 1000 / 150, id="tail"),
        # A passage repeated only across a window boundary is not a repeat within either window.
        pytest.param(_distinct(150, "a") * 2, 1.0, 0.0, 0.0, id="repeat-across-windows-not-counted"),
    ],
)
def test_windowed_hapax_and_repetition_known_values(
    tokens: list[str], hapax: float, trigram_share: float, fivegram_rate: float
) -> None:
    assert rdb.hapax_share(tokens) == pytest.approx(hapax)
    assert rdb.repetition(tokens) == (pytest.approx(trigram_share), pytest.approx(fivegram_rate))


def _letters(i: int) -> str:
    """A word of letters only for the number ``i`` (so that it is a token)."""
    word = ""
    while True:
        i, digit = divmod(i, 26)
        word += chr(ord("a") + digit)
        if not i:
            return "q" + word


#: One style: Zipf-distributed words with stock phrases now and then (as in news copy).
VOCABULARY = [_letters(i) for i in range(3000)]
ZIPF = [1 / (rank + 1) ** 1.1 for rank in range(len(VOCABULARY))]
PHRASES = [p.split() for p in ("said the minister on", "at the end of the", "in a statement on monday")]


def _paragraph(seed: int, words: int) -> str:
    """A paragraph of ``words`` tokens in that style, independent of the others (its own seed)."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < words:
        out.extend(rng.choice(PHRASES) if rng.random() < 0.05 else rng.choices(VOCABULARY, ZIPF))
    out = out[:words]
    return " ".join(w + ("." if i % 12 == 11 else "") for i, w in enumerate(out)) + "."


LENGTH_FEATURES = ("hapax_share", "repeated_trigram_share", "repeated_5grams_per_1000_words")


@pytest.mark.parametrize("paragraphs", [2, 4, 8, 16])
def test_window_aligned_paragraphs_concatenated_give_the_mean_of_their_values(paragraphs: int) -> None:
    # 300 tokens = 3 hapax windows = 2 repetition windows: the long text's windows are the paragraphs'.
    texts = [_paragraph(seed, 300) for seed in range(paragraphs)]
    alone = [rdb.features(document(t)) for t in texts]
    together = rdb.features(document("\n\n".join(texts)))
    for name in LENGTH_FEATURES:
        assert together[name] == pytest.approx(sum(v[name] for v in alone) / paragraphs, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("paragraphs", [1, 3, 6, 12])
def test_length_independent_features_do_not_drift_with_length(paragraphs: int) -> None:
    # Paragraphs of uneven length (windows straddle them): a text of 1 or 12 paragraphs in the
    # same style reads the same as a 3,000-token reference, within the sampling noise of a few
    # windows, where the whole-text hapax share falls from 0.40 to 0.12 with length.
    reference = rdb.features(document(_paragraph(1000, 3000)))
    text = "\n\n".join(_paragraph(seed, 170 + 37 * seed) for seed in range(paragraphs))
    values = rdb.features(document(text))
    tolerance = {"hapax_share": 0.05, "repeated_trigram_share": 0.04, "repeated_5grams_per_1000_words": 8.0}
    for name in LENGTH_FEATURES:
        assert values[name] == pytest.approx(reference[name], abs=tolerance[name]), name
    toks = m.tokens(document(text).body)
    whole_text_hapax = sum(1 for c in Counter(toks).values() if c == 1) / len(toks)
    if paragraphs >= 6:  # what the windows remove: the whole-text share is far lower on a long text
        assert whole_text_hapax < reference["hapax_share"] - 0.15


@pytest.mark.parametrize(
    ("compute", "args", "expected"),
    [
        pytest.param(m.per_1000, (1, 40), 1000 / 300, id="floor-for-a-40-word-brief"),
        pytest.param(m.per_1000, (3, 1500), 2.0, id="no-floor-above-300-words"),
        pytest.param(m.shrunk_per_1000, (0, 40, 8.0), 2.4 / 340 * 1000, id="shrunk-brief-without-evidence"),
        pytest.param(m.shrunk_per_1000, (30, 3000, 8.0), 32.4 / 3300 * 1000, id="shrunk-long-text"),
        pytest.param(m.share, (0, 0, 0.2), 0.2, id="empty-share-is-the-prior"),
        pytest.param(m.share, (2, 2, 0.2), 2.6 / 5, id="two-of-two-is-smoothed"),
    ],
)
def test_measures(compute: Callable[..., float], args: tuple[float, ...], expected: float) -> None:
    assert compute(*args) == pytest.approx(expected)


@pytest.mark.parametrize("name", sorted(SCORERS))
def test_scorer_reports_exactly_its_declared_finite_features(name: str) -> None:
    plugin, module = SCORERS[name]
    (scorer,) = plugin.copydesk_scorers()
    assert scorer.features == module.FEATURES and scorer.features
    [report] = score_batch([NEWS], plugin_set(scorers=[scorer]))
    result = report.scorers[0]
    assert result.error is None
    # NEWS has no title and its first line is a sentence: the title features are absent, so they cost nothing.
    title_free = sorted(f.name for f in scorer.features if not f.name.startswith("title_"))
    assert list(result.features) == title_free
    assert all(math.isfinite(v) for v in result.features.values())


@pytest.mark.parametrize("name", sorted(SCORERS))
@pytest.mark.parametrize("text", ["", "   \n\t", "!!!", '"', "12345"], ids=["empty", "blank", "marks", "quote", "num"])
def test_features_of_degenerate_bodies_are_finite(name: str, text: str) -> None:
    values = SCORERS[name][1].features(document(text))
    assert all(math.isfinite(v) for v in values.values()), values


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SCORERS))
def test_features_finish_quickly_on_a_megabyte_of_adversarial_text(name: str) -> None:
    doc = document(adversarial_text("mixed", 1_000_000) + "9" * 5000 + "A" + "a" * 100_000)
    started = time.process_time()
    values = SCORERS[name][1].features(doc)
    assert time.process_time() - started < 30.0
    assert all(math.isfinite(v) for v in values.values())


def test_distinct_counts_and_dense_ranks_are_numpy_uniques() -> None:
    """Readability's own ``len(np.unique(x))`` and ``np.unique(x, return_inverse=True)`` (no ``numpy.ma``) agree with numpy."""
    np = pytest.importorskip("numpy")
    rng = random.Random(13)
    for _ in range(500):
        top = rng.choice([1, 5, 100, 2**40])
        values = np.array([rng.randint(0, top) for _ in range(rng.randint(1, 60))], dtype=np.int64)
        assert rdb._distinct(values) == len(np.unique(values))
        unique, inverse = np.unique(values, return_inverse=True)
        ranks, count = rdb._dense(values)
        assert count == len(unique)
        assert ranks.tolist() == inverse.tolist()
