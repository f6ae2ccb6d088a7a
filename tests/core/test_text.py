"""The shared text analysis: lines, sentences, words, positions, excerpts."""

from __future__ import annotations

import dataclasses
import gc
import re
import sys
import unicodedata
from collections.abc import Iterator

import pytest
from copydesk import text as text_module
from copydesk.models import Article, FrozenDict
from copydesk.testing import article
from copydesk.text import WORD, Document, Sentence, TextView
from hypothesis import given, settings
from hypothesis import strategies as st


def sentences(text: str) -> list[str]:
    view = TextView(text)
    return [text[s.start : s.end] for s in view.sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("He said so! Then left?", ["He said so!", "Then left?"]),
        ("Mr. Smith went to Washington. He stayed.", ["Mr. Smith went to Washington.", "He stayed."]),
        ("The U.S. economy grew. It was 3.5 percent.", ["The U.S. economy grew.", "It was 3.5 percent."]),
        ("J. R. Smith arrived. Late.", ["J. R. Smith arrived.", "Late."]),
        ('"We are done." Then silence.', ['"We are done."', "Then silence."]),
        ("a sentence. lower case start", ["a sentence. lower case start"]),
        ("Line one\nLine two. And three", ["Line one", "Line two.", "And three"]),
        ("Ends without a stop", ["Ends without a stop"]),
        ("It took £12m. Then it fell.", ["It took £12m.", "Then it fell."]),
        ("It took $4.5k. Then 3b. Then it fell.", ["It took $4.5k.", "Then 3b.", "Then it fell."]),
        ("It took £12bn. Then it fell.", ["It took £12bn.", "Then it fell."]),
        ("Section m. Then A. Smith left.", ["Section m. Then A. Smith left."]),
        ("Sales peaked in the 1990s. Then they fell.", ["Sales peaked in the 1990s.", "Then they fell."]),
        (
            "She was in her 20s. Her son was 5. He is 12 now.",
            ["She was in her 20s.", "Her son was 5.", "He is 12 now."],
        ),
        ("It cost 50p. Then 4x. Then more.", ["It cost 50p.", "Then 4x.", "Then more."]),
        ("We tried. We didn't. Then we left.", ["We tried.", "We didn't.", "Then we left."]),
        ("“I can’t. Not now,” she said.", ["“I can’t.", "Not now,” she said."]),
        ("He said he'd. No more.", ["He said he'd.", "No more."]),
        ("The 'A. Smith' file.", ["The 'A. Smith' file."]),
        ("Ask O'B. Kelly. He knows.", ["Ask O'B. Kelly.", "He knows."]),
        ("Ask O’B. Kelly. He knows.", ["Ask O’B. Kelly.", "He knows."]),
        # A month or a number's label before a number continues the sentence; any other word ends it.
        ("It was held on Sept. 5 in Paris. Oct. 12 is next.", ["It was held on Sept. 5 in Paris.", "Oct. 12 is next."]),
        ("He lives at No. 10 now. See Fig. 2 and pp. 4-5.", ["He lives at No. 10 now.", "See Fig. 2 and pp. 4-5."]),
        ("It was bought by Acme Inc. 20 jobs went.", ["It was bought by Acme Inc.", "20 jobs went."]),
        ("In the U.S. 2020 was hard. Plan B. 3 more.", ["In the U.S.", "2020 was hard.", "Plan B.", "3 more."]),
        ("He said no. 4 more came. A CEPT. 5 more.", ["He said no.", "4 more came.", "A CEPT.", "5 more."]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_sentences_split_at_boundaries_not_abbreviations(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_never_cross_lines_and_know_their_line() -> None:
    view = TextView("Title line\n\nFirst. Second.\nThird")
    assert [(view.text[s.start : s.end], s.line) for s in view.sentences] == [
        ("Title line", 0),
        ("First.", 1),
        ("Second.", 1),
        ("Third", 2),
    ]
    assert [view.text[a:b] for a, b in view.lines] == ["Title line", "First. Second.", "Third"]


@pytest.mark.parametrize(("offset", "expected"), [(0, (1, 1)), (3, (1, 4)), (4, (2, 1)), (9, (4, 1)), (8, (3, 1))])
def test_line_col_is_one_based(offset: int, expected: tuple[int, int]) -> None:
    assert TextView("abc\ndef\n\nxyz").line_col(offset) == expected


@pytest.mark.parametrize("text", ["", "abc", "abc\ndef\n\nxyz", "\n\n", "a\r\nb\n"])
def test_line_cols_of_a_span_are_the_line_col_of_its_ends(text: str) -> None:
    view = TextView(text)
    offsets = range(-2, len(text) + 3)
    for start in offsets:
        for end in offsets:
            if start <= end:
                assert view.line_cols(start, end) == (*view.line_col(start), *view.line_col(end))


def test_crlf_lines_are_trimmed_and_offsets_kept() -> None:
    text = "First line.\r\nSecond line.\r\n"
    view = TextView(text)
    assert [text[a:b] for a, b in view.lines] == ["First line.", "Second line."]
    assert view.line_col(text.index("Second")) == (2, 1)


def test_words_are_lazy_and_keep_contractions_and_hyphens() -> None:
    view = TextView("Don't over-react, U.S-led 3,000.")
    assert [view.text[a:b] for a, b in view.words] == ["Don't", "over-react", "U", "S-led", "3", "000"]
    assert view.word_count == 6


def test_excerpt_is_the_sentence_clipped_around_the_span() -> None:
    view = TextView("Short one. " + "word " * 200 + "target here. Next.")
    start = view.text.index("target")
    excerpt = view.excerpt(start, start + 6)
    assert "target" in excerpt and len(excerpt) <= 250
    assert TextView("Alpha beta. Gamma delta.").excerpt(12, 17) == "Gamma delta."


def test_document_segments_are_grouped_and_queried() -> None:
    from copydesk import Segment

    doc = Document.from_article(article("abc def ghi"))
    doc = doc.with_segments([Segment("boilerplate", 4, 7), Segment("other", 0, 1)])
    assert doc.in_segment("boilerplate", 5) and not doc.in_segment("boilerplate", 8)
    assert not doc.in_segment("missing", 0)


def test_splitting_is_linear_on_adversarial_text() -> None:
    # runs of periods, abbreviations and quotes: must finish (no backtracking blow-up)
    text = ("Mr. " * 50_000) + ("." * 100_000) + ("?!" * 50_000) + ('"' * 50_000) + ("a.b." * 50_000) + " End."
    view = TextView(text)
    assert view.sentences and view.word_count > 0


def test_token_stream_holds_each_word_once_in_compact_read_only_arrays() -> None:
    view = TextView("Mr. Smith didn't go.\nThe U.S-led TALKS resumed today.")
    tokens = view.tokens
    assert [tokens.word(i) for i in range(len(tokens))] == [view.text[s:e] for s, e in view.words]
    assert tokens.forms == ("mr", "smith", "didn't", "go", "the", "u", "s-led", "talks", "resumed", "today")
    assert tokens.starts.readonly and tokens.starts.format == "i"
    with pytest.raises(TypeError):
        tokens.starts[0] = 5  # type: ignore[index]
    assert list(tokens.sentence) == [0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    assert list(tokens.line) == [0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    assert tokens.lower == view.text.lower()
    assert tokens.between(*view.sentences[1][:2]) == range(4, 10)
    assert tokens.at(len(view.text)) == len(tokens) == view.word_count


@pytest.fixture
def collector_off() -> Iterator[None]:
    """The garbage collector emptied, then stopped for the test: what it finds afterwards is the test's."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_an_analysed_document_is_freed_without_the_garbage_collector(collector_off: None) -> None:
    # Each field's token stream used to refer back to its view, which holds it: every
    # article's analysis became a cycle left for the collector's rare full passes.
    document = Document.from_article(article("Mr. Smith didn't go.\nThe TALKS resumed.", title="Talks İstanbul"))
    for view in (document.title, document.body, document.byline):
        assert view.word_count >= 0 and view.words is not None and view.excerpt(0, 1) is not None
        assert len(view.tokens.sentence) == len(view.tokens.line) == len(view.tokens.forms)
    del document, view
    assert gc.collect() == 0


@pytest.mark.parametrize("text", ["İstanbul and ISTANBUL", "ΟΔΟΣ Α.Σ ΣΟΦΙΑ", "straße STRASSE", ""])
def test_token_forms_are_each_words_own_lower_case_whatever_the_script(text: str) -> None:
    # str.lower() can lengthen a character (İ) or depend on its neighbours (final sigma):
    # the forms stay each word's own lower case and the lower text keeps the offsets.
    tokens = TextView(text).tokens
    assert tokens.forms == tuple(text[s:e].lower() for s, e in zip(tokens.starts, tokens.ends, strict=True))
    assert len(tokens.lower) == len(text)


def test_lower_casing_keeps_every_character_a_word_character_or_not() -> None:
    # The token stream splits the lower-cased text when str.lower() keeps its length: that
    # gives the same words only if lower-casing never turns a word character into a
    # non-word one (or a joiner), nor back, for any character that lower-cases to one.
    word = re.compile(r"[^\W_]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        low = char.lower()
        if len(low) == 1:
            assert bool(word.match(char)) == bool(word.match(low)), hex(code)
            assert (char in "'’-") == (low in "'’-"), hex(code)


@pytest.mark.parametrize(
    "text",
    [
        "Don’t STOP: the U.S-led K-9 units’ “RE-ENTRY” — 3.5% ﬁles",
        "Plain ASCII, Mr. O'Neil's well-known X-ray--and 42nd.",
        "Kelvin \u212a and ΑΘΗΝΑ, ÉCOLE Ⅻ Ⓐ",
        "ΟΔΟΣ",
        "İ",
    ],
)
def test_token_words_and_forms_match_the_word_pattern(text: str) -> None:
    tokens = TextView(text).tokens
    spans = [m.span() for m in WORD.finditer(text)]
    assert list(zip(tokens.starts, tokens.ends, strict=True)) == spans
    assert tokens.forms == tuple(text[s:e].lower() for s, e in spans)


@pytest.mark.parametrize("seed", range(6))
def test_long_fields_split_with_numpy_give_the_word_patterns_words(seed: int) -> None:
    # A field of VECTOR_SPLIT characters or more is split by character class, not by the
    # regular expression: the words, offsets and forms must be the pattern's own.
    import random

    from copydesk.text import VECTOR_SPLIT

    rng = random.Random(seed)
    alphabet = [*"aZ9 '’-_.\n\t,σıßé—“”ﬁⅫ\x1c\u2028\U0001d400\U0001f600\udc80", "  ", "Ab-c", "o'-x"]
    if seed % 2:
        alphabet = [*"aZ9 '-_.\n,\x1c", "  ", "Ab-c", "o'-x"]  # ASCII only
    text = "".join(rng.choice(alphabet) for _ in range(VECTOR_SPLIT + 400))
    tokens = TextView(text).tokens
    spans = [m.span() for m in WORD.finditer(text)]
    assert list(zip(tokens.starts, tokens.ends, strict=True)) == spans
    assert tokens.forms == tuple(text[s:e].lower() for s, e in spans)
    assert tokens.starts.readonly and tokens.starts.format == tokens.ends.format == "i"


#: The reference's candidate ends: terminal punctuation, closing quotes/brackets, any white space (the core's
#: pattern also requires the space to stay within the line and the next character to be one that may open a sentence).
_REFERENCE_BOUNDARY = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+([\"'”’)\]]*+)\s++")


def split_sentences(text: str, start: int, end: int, line: int) -> list[Sentence]:
    """The reference: one line ``text[start:end]`` split into sentences on its own, as the core once did."""
    sentences: list[Sentence] = []
    begin = start
    for match in _REFERENCE_BOUNDARY.finditer(text, start, end):
        nxt = match.end()
        if nxt >= end:
            break
        following = text[nxt]
        digit = following.isdigit()
        symbol = not following.isascii() and unicodedata.category(following) in {"Sc", "So", "Sm", "Ps", "Pi"}
        if not (digit or following.isupper() or following in "\"'“‘([-–—•*" or symbol):
            continue
        stop = match.end(1)
        dot = match.start()
        # A lone period before a digit ends a sentence unless a month or a number's label precedes it.
        if (
            stop - dot == 1
            and text[dot] == "."
            and (text_module.before_number if digit else text_module._is_abbreviation)(text, dot, begin)
        ):
            continue
        sentences.append(Sentence(begin, stop, line))
        begin = nxt
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if end > begin:
        sentences.append(Sentence(begin, end, line))
    return sentences


#: Pieces of text around the sentence ends: every terminal character, runs of them, closers, spaces, openers.
_END_PIECES = [
    *".!?…",
    "..",
    "?!",
    "!?.",
    "…?",
    *"\"'”’)]“‘([-–—•*",
    " ",
    "  ",
    "\t",
    "\n",
    "\u2028",
    *"aA1éÉ£★«»”",
    "\U0001f600",
    "Mr",
    "U.S",
]


@given(st.lists(st.sampled_from(_END_PIECES), max_size=60))
@settings(max_examples=400, deadline=None)
def test_candidate_ends_searched_by_their_first_character_are_the_one_patterns(pieces: list[str]) -> None:
    # _boundaries merges one literal-led search per terminal character the text holds (faster than one
    # search led by a character class): the same matches, in the same order, as the single pattern.
    text = "".join(pieces)
    merged = [(m.span(), m.span(1)) for m in text_module._boundaries(text)]
    assert merged == [(m.span(), m.span(1)) for m in text_module._BOUNDARY.finditer(text)]


def test_a_long_texts_candidate_ends_are_merged_as_they_come_in_the_one_patterns_order() -> None:
    # Past _SORTED_BOUNDARIES characters the searches are merged lazily (heapq), not sorted together.
    import random

    rng = random.Random(5)
    text = "".join(rng.choice(_END_PIECES) for _ in range(3 * text_module._SORTED_BOUNDARIES // 2))
    assert len(text) > text_module._SORTED_BOUNDARIES
    merged = [(m.span(), m.span(1)) for m in text_module._boundaries(text)]
    assert merged == [(m.span(), m.span(1)) for m in text_module._BOUNDARY.finditer(text)]
    assert len(merged) > 1000


@pytest.mark.parametrize("seed", range(4))
def test_whole_text_sentence_search_gives_the_line_by_line_sentences(seed: int) -> None:
    # The sentences come from one search over the whole field: the same as splitting each
    # trimmed non-blank line on its own (split_sentences), white space being str.isspace's.
    import random

    from copydesk.text import Line

    rng = random.Random(seed)
    pieces = [*"aA1 .!?…\"'”’)]“(-—•*é²ǅ\t\r\n\u2028\x1c", "  ", "\n\n", "Mr", "U.S", "e.g", "St"]
    # the longest abbreviation, and a word one letter longer
    pieces += ["approx", "Approx. A", "Street. A", "approx. B", " éapprox. C", "Sept", "No", "éOct", "pp"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.choice([1, 5, 20, 80])))
        view = TextView(text)
        lines, expected, starts = [], [], [0]
        pos = 0
        for raw in text.split("\n"):
            start, end = pos, pos + len(raw)
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                expected += split_sentences(text, start, end, len(lines))
                lines.append(Line(start, end))
            pos += len(raw) + 1
            starts.append(pos)
        assert view.lines == tuple(lines)
        assert view.sentences == tuple(expected)
        assert view.line_col(len(text)) == (len(starts) - 1, len(text) - starts[-2] + 1)


@pytest.mark.parametrize(
    "text",
    [
        "Plain words here.",
        "Two  spaces.",
        " Lead.",
        "Tab\there.",
        "No\xa0break.",
        "Line\u2028sep.",
        "Ideo\u3000sp.",
        "x\x1cy",
    ],
)
def test_excerpt_white_space_is_made_single_spaces_whatever_the_kind(text: str) -> None:
    # An excerpt already in single ASCII spaces is returned as it is (no split and join):
    # every other white space character is not printable, so it still takes the long way.
    view = TextView(text)
    assert view.excerpt(0, len(text)) == " ".join(text.split())


def test_a_document_from_a_copy_reads_an_equal_article_that_is_not_the_one_given() -> None:
    """from_copy: the document's article equals the one given, but changing it (object.__setattr__) leaves the given one alone."""
    given = Article(id="a", title="T", body="One. Two.", byline="B", meta=FrozenDict({"k": "v"}))
    document = Document.from_copy(given)
    assert document.article == given and document.article is not given
    assert document.body.sentences == Document.from_article(given).body.sentences
    object.__setattr__(document.article, "body", "changed")
    assert given.body == "One. Two."

    @dataclasses.dataclass(frozen=True)
    class Own(Article):
        extra: int = 0

        def __post_init__(self) -> None:
            object.__setattr__(self, "extra", self.extra + 1)

    own = Document.from_copy(Own(id="b", title="", body="Text."))
    assert type(own.article) is Own and own.article.extra == 2  # a subclass is copied by replace (its __init__ ran)


@pytest.mark.parametrize(
    ("body", "sentences"),
    [
        pytest.param("It rose. £5m was spent.", ["It rose.", "£5m was spent."], id="currency-sign"),
        pytest.param(
            "Experts say so. \U0001f600 It costs $4m.", ["Experts say so.", "\U0001f600 It costs $4m."], id="emoji"
        ),
        pytest.param("It ended. ★ Next: the vote.", ["It ended.", "★ Next: the vote."], id="symbol"),
        pytest.param("He left. « Non », she said.", ["He left.", "« Non », she said."], id="opening-guillemet"),
        pytest.param(
            "See the list, e.g. élan and brio.", ["See the list, e.g. élan and brio."], id="lower-case-letter"
        ),
        pytest.param("He left. Élise stayed.", ["He left.", "Élise stayed."], id="capital-beyond-ascii"),
    ],
)
def test_a_sentence_opens_with_a_symbol_or_currency_sign_beyond_ascii(body: str, sentences: list[str]) -> None:
    """Review s24v, item 4: an emoji between two sentences joined them, so a figure borrowed the vague
    source of the sentence before (FIG002, info) instead of being unsourced (FIG001, a warning)."""
    view = TextView(body)
    assert [body[s.start : s.end] for s in view.sentences] == sentences
