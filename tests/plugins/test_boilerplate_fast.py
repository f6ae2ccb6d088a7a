"""Boilerplate's fast paths give exactly what the plain definitions give (issue 15: speed, same results)."""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import math
import random
import re
from pathlib import Path

import numpy as np
import pytest
from copydesk import Article, Context, TextView
from copydesk.plugins import boilerplate
from copydesk.plugins.boilerplate import batch, chrome, features, hashing, words
from copydesk.plugins.boilerplate import frames as frames_module
from copydesk.plugins.boilerplate.detect import CREDIT_LEAD_INS, Match, Scan, credit_line, phrase_starts
from copydesk.plugins.boilerplate.lexicon import MAX_MATCH_CHARS, Lexicon, build, normal, tokens
from copydesk.plugins.boilerplate.words import WordIndex
from copydesk.text import Document, Sentence
from hypothesis import example, given, settings
from hypothesis import strategies as st

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

_MASK = (1 << 64) - 1


def _plain_signature(words: list[str]) -> list[int]:
    """MinHash as defined: every shingle permuted, its high half kept, the minimum per permutation."""
    h = [int.from_bytes(hashing.digest(w), "little") for w in words]
    mix = int(hashing._MIX)
    shingles = []
    for i in range(len(words) - hashing.SHINGLE + 1):
        value = h[i]
        for offset in range(1, hashing.SHINGLE):
            value = (value * mix + h[i + offset]) & _MASK
        shingles.append(value)
    return [
        min((((a * s) & _MASK) + b & _MASK) >> 32 for s in shingles)
        for a, b in zip(map(int, hashing._A), map(int, hashing._B), strict=True)
    ]


@pytest.mark.parametrize("size", [5, 6, 300, hashing._SIGNATURE_CHUNK + 7])
def test_minhash_signature_equals_the_plain_definition(size: int) -> None:
    """The shift taken of each minimum (not of every value) and the chunking change no signature value."""
    rng = random.Random(size)
    words = [
        rng.choice(["the", "a", "court", "said", "#", "é", "x" * 30, str(size)]) + str(rng.randrange(40))
        for _ in range(size)
    ]
    assert hashing.signature(words).tolist() == _plain_signature(words)


def test_word_digests_stay_exact_and_bounded_when_the_cache_fills(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full word-digest cache is emptied, never grows past its bound, and never changes a digest."""
    monkeypatch.setattr(hashing, "_WORD_DIGESTS", hashing._DigestCache())
    monkeypatch.setattr(hashing, "_WORD_DIGESTS_MAX", 50)
    rng = random.Random(3)
    for _ in range(30):
        words = [f"w{rng.randrange(120)}" for _ in range(rng.randrange(0, 40))]
        assert hashing._word_digests(words) == b"".join(map(hashing.digest, words))
        assert len(hashing._WORD_DIGESTS) <= 50


def _texts() -> list[str]:
    rng = random.Random(11)
    pieces = ["By", "staff", "the", "12", "3", "4.5", "2024", "Pro", "Tip:", "don’t", "co-op", "x_y", "—", "é"]
    out = ["", "By Staff Writer", "1 2 3 4 5 6 7 8 9 10", "By Admin 2 3 4 5 6 7 8 9"]
    for _ in range(60):
        out.append("\n".join(" ".join(rng.choice(pieces) for _ in range(rng.randrange(0, 14))) for _ in range(4)))
    return out


@pytest.mark.parametrize("text", _texts())
def test_exceeds_never_says_more_tokens_than_tokenising_finds(text: str) -> None:
    """``exceeds`` is True only for a span with more tokens than the limit; exact for spans without numbers."""
    view = TextView(text)
    index = WordIndex(view)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1, 3):
            count = len(tokens(text, start, end))
            for limit in (0, 2, 4, 8):
                if index.exceeds(start, end, limit):
                    assert count > limit, (start, end, limit)
                elif index.span(start, end) is not None and not any(t.norm == "#" for t in tokens(text, start, end)):
                    assert count <= limit, (start, end, limit)


@pytest.mark.parametrize(
    "words", [["7"] * 200, ["By", "Admin", *(["12"] * 100)], ["Home", "News"] * 100, ["a", "1", "—", "2", "b"] * 50]
)
def test_exceeds_on_long_spans_reads_the_words_it_needs(words: list[str]) -> None:
    """A long span read word by word until past the limit: never more tokens than tokenising finds, exact for one run of numbers."""
    text = " ".join(words)
    index = WordIndex(TextView(text))
    found = tokens(text)
    for limit in (0, 1, 2, 3, 6, 60, 99, 100, 101, 150, 199, 200):
        exceeds = index.exceeds(0, len(text), limit)
        assert not exceeds or len(found) > limit, limit
        if sum(t.norm == "#" for t in found) <= 1:
            assert exceeds == (len(found) > limit), limit


def _plain_probabilities(document: Document, others: list[int]) -> list[float]:
    """The chrome model as documented: line features from each line's text alone, then the logistic model."""
    params = chrome.model()
    lines = [document.body.text[line.start : line.end] for line in document.body.lines]
    rows = chrome.features(lines, others, frozenset(params["stopwords"]))
    out = []
    for row in rows:
        total = sum(
            c * (x - m) / s for c, x, m, s in zip(params["coef"], row, params["mean"], params["scale"], strict=True)
        )
        out.append(1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, float(params["intercept"]) + total)))))
    return out


def _chrome_bodies() -> list[str]:
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    rng = random.Random(5)
    words = ["Home", "the", "of", "News", "2024", "٣", "Élan", "ß", "|", "said.", "“Quote”", "a", "co-op", "½"]
    made = []
    for _ in range(12):
        lines = [
            " ".join(rng.choice(words) for _ in range(rng.choice([0, 1, 3, 12, 30])))
            for _ in range(rng.randrange(1, 25))
        ]
        made.append("\n".join(lines))
    made.append(" ".join(["word"] * 5000) + ".\nHome | About")  # a line longer than the log table
    return [*seeds, *made, "", "x"]


@pytest.mark.parametrize("body", _chrome_bodies())
def test_chrome_probabilities_equal_the_per_line_model(body: str) -> None:
    """All lines' features counted at once give every line the probability its own features give it."""
    document = Document.from_article(Article(id="a", title="", body=body))
    rng = random.Random(len(body))
    others = [rng.choice([0, 0, 1, 3, 9000]) for _ in document.body.lines]
    assert chrome.probabilities(document, others) == _plain_probabilities(document, others)


@pytest.mark.parametrize("body", _chrome_bodies())
def test_chrome_lines_bounded_first_are_the_lines_whose_probability_reaches_the_threshold(body: str) -> None:
    """Counting shares only where a line's bound reaches the threshold picks the lines every probability picks."""
    document = Document.from_article(Article(id="a", title="", body=body))
    rng = random.Random(len(body))
    others = [rng.choice([0, 0, 1, 3, 9000]) for _ in document.body.lines]
    chances = chrome.probabilities(document, others)
    every = range(len(chances))
    some = [i for i in every if rng.random() < 0.5]
    for threshold in (0.0, 1e-30, 0.05, 0.4, 0.6, 0.9, 1 - 1e-12, 1.0):
        for lines in (every, some):
            expected = [i for i in lines if chances[i] >= threshold]
            assert chrome.chrome_lines(document, others, lines, threshold) == expected, threshold


@pytest.mark.parametrize("body", _chrome_bodies())
def test_chrome_lines_judged_before_the_story_lines_are_taken_out_are_the_same_lines(body: str) -> None:
    """``segment`` asks the model about every plain line and drops the story's lines after: the lines of asking without them."""
    document = Document.from_article(Article(id="a", title="", body=body))
    rng = random.Random(len(body) + 1)
    size = len(document.body.lines)
    for others in ([0] * size, [rng.choice([0, 0, 1, 3]) for _ in range(size)], [1] * size):
        story = chrome.story_lines(document, others)
        for plain in (list(range(size)), [i for i in range(size) if rng.random() < 0.6]):
            for threshold in (0.0, 0.05, 0.4, 0.6, 0.9, 1.0):
                unjudged = [i for i in plain if i not in story]
                before = chrome.chrome_lines(document, others, unjudged, threshold) if unjudged else []
                after = [i for i in chrome.chrome_lines(document, others, plain, threshold) if i not in story]
                assert after == before, (others, plain, threshold)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=())))
@example("plain ASCII 123")
@example("Caf\u00e9 \u2019quoted\u2019 \ud800 lone \udfff \U0001f600 \u0663 \u00c9")
def test_characters_outside_ascii_from_the_utf8_bytes_are_those_a_pattern_finds(text: str) -> None:
    """The chrome flags' test for digits and capitals outside ASCII reads the same characters as ``[^\\x00-\\x7f]``."""
    assert chrome._non_ascii(text) == set(re.findall(r"[^\x00-\x7f]", text))


@pytest.mark.parametrize("threshold", [0.0, 1e-300, 1e-30, 1e-9, 0.3, 0.6, 0.999, 1 - 1e-12, 1 - 2**-53, 1.0])
def test_no_logit_below_the_cut_reaches_the_threshold(threshold: float) -> None:
    """A logit under the cut never gives a probability at the threshold, the model's clamp at +-60 included."""
    cut = chrome._logit_cut(threshold)
    for step in range(-1600, 1601):
        logit = step / 20 + 1e-3 * (step % 7)
        chance = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, logit))))
        if chance >= threshold:
            assert logit >= cut, (logit, chance)


@pytest.mark.parametrize("body", _chrome_bodies())
def test_chrome_bounds_are_at_least_every_lines_logit(body: str) -> None:
    """Each line's bound, from its uncounted features with the shares at their worst, is never below its logit."""
    document = Document.from_article(Article(id="a", title="", body=body))
    rng = random.Random(len(body))
    others = [rng.choice([0, 0, 1, 3, 9000]) for _ in document.body.lines]
    stats = chrome._indexed_stats(document, words.index_of(document.body), chrome._stopwords())
    for shares in (stats, [(s[0], rng.random(), rng.random(), rng.random(), s[4]) for s in stats]):
        pipes = chrome._pipes(document)
        rows = chrome.stats_features(shares, pipes, others)
        run = chrome.main_run([s[0] for s in stats], [s[4] for s in stats])
        logs = [0.0, 0.0, *(math.log1p(s[0]) for s in stats), 0.0, 0.0]
        bounds = chrome._bounds(shares, pipes, others, run, logs)
        params = chrome.model()
        for row, bound in zip(rows, bounds, strict=True):
            logit = float(params["intercept"]) + sum(
                c * (x - m) / s for c, x, m, s in zip(params["coef"], row, params["mean"], params["scale"], strict=True)
            )
            assert bound >= logit - 1e-9


def _plain_near_pairs(store: hashing.SignatureStore) -> tuple[list[float], list[int]]:
    """Every LSH bucket of every band compared row by row, in order, as the pass is defined."""
    sigs = store.matrix()
    count = len(sigs)
    best = [-1.0] * count
    other = [count] * count
    for band in range(hashing.BANDS):
        buckets: dict[int, list[int]] = {}
        for row, key in enumerate(hashing._band_keys(sigs, band).tolist()):
            buckets.setdefault(key, []).append(row)
        for key in sorted(buckets):
            members = buckets[key][: hashing._MAX_GROUP]
            if len(buckets[key]) < 2:  # a row alone in its bucket is compared with none
                continue
            for index in members:
                sims = [-1.0 if m == index else float((sigs[index] == sigs[m]).mean()) for m in members]
                top = max(sims)
                candidate = members[sims.index(top)]
                if top > best[index] or (top == best[index] and candidate < other[index]):
                    best[index], other[index] = top, candidate
    return best, other


def _plain_near_duplicates(store: hashing.SignatureStore, threshold: float) -> dict[str, tuple[str, float]]:
    """The near duplicates of :func:`_plain_near_pairs`, by id."""
    best, other = _plain_near_pairs(store)
    found: dict[str, tuple[str, float]] = {}
    for index in range(len(best)):
        if best[index] >= threshold and store.ids[index] != store.ids[other[index]]:
            found.setdefault(store.ids[index], (store.ids[other[index]], round(best[index], 4)))
    return found


@pytest.mark.parametrize(
    ("seed", "pairs_at", "group"), [*((seed, 1 << 16, 64) for seed in range(6)), (6, 5, 64), (7, 3, 4)]
)
def test_near_duplicates_equal_every_bucket_compared_row_by_row(
    seed: int, pairs_at: int, group: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pairing the buckets' rows at once, a chunk of pairs at a time, each pair once, changes no row's best match."""
    monkeypatch.setattr(hashing, "_PAIRS_AT", pairs_at)
    monkeypatch.setattr(hashing, "_MAX_GROUP", group)
    rng = np.random.default_rng(seed)
    bases = rng.integers(0, 2**32, size=(8, hashing.PERMUTATIONS), dtype=np.uint32)
    store = hashing.SignatureStore()
    for i in range(90):
        sig = bases[rng.integers(0, len(bases))].copy()
        changed = rng.integers(0, hashing.PERMUTATIONS, size=int(rng.integers(0, 30)))
        sig[changed] = rng.integers(0, 4, size=len(changed), dtype=np.uint32)  # few values: many ties
        store.add(f"a{i % 70}", sig)  # some ids twice: a pair of one id is never reported
    best, other = hashing.near_pairs(store)
    assert (best.tolist(), other.tolist()) == _plain_near_pairs(store)
    for threshold in (0.0, 0.5, 0.8):
        assert hashing.near_duplicates(store, threshold) == _plain_near_duplicates(store, threshold)


@pytest.mark.parametrize("key", ["", "L:leave a comment", "S:é’ 日本", "F:\ud800 lone surrogate", "x" * 5000])
def test_digest_is_blake2b_of_the_keys_utf8(key: str) -> None:
    """The copied empty BLAKE2b state digests each key as a fresh one does, and is never changed by it."""
    expected = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    assert hashing.digest(key) == expected
    assert hashing.digest(key) == expected


_KEY_PARTS = ["leave", "a", "comment", "Share", "12", "3.5", "don’t", "U.S.", "İzmir", "ΣΑΣ", "x_y", "é", "“q”", "…"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*_KEY_PARTS, " ", " ", "\n", ". ", "! ", "\n\n", ": ", "-"]), max_size=80),
    st.sampled_from([0, 1, 2, 8]),
    st.sampled_from(["whole", "cut", "cut after the table"]),
)
@example(["leave", " ", "a", " ", "comment", ". ", "Share", "\n", "12", " ", "x_y"], 1, "cut")
def test_key_digests_from_the_word_digests_equal_each_keys_own(parts: list[str], min_words: int, edges: str) -> None:
    """The batch pass's key digests, lines and sentences hashed from the body's word digests, are each key's digest.

    Also where sentence edges cut words (their keys come from the text), and where the
    sentences were replaced after the word index's table was built.
    """
    document = Document.from_article(Article(id="k", title="How to make it", body="".join(parts)))
    view = document.body
    if edges == "cut after the table":
        _ = words.index_of(view).table
    if edges != "whole":
        view.sentences = tuple(Sentence(min(s.start + 1, s.end), s.end, s.line) for s in view.sentences)
    config = {**boilerplate.SCORER.settings, "repeated_min_sentence_words": min_words}
    lex = build(config)
    slots, keys = batch.slotted_keys(document, config, lex)
    digests = hashing.word_digests(words.index_of(view).low)
    assert batch.slotted_digests(document, config, lex, digests) == (slots, b"".join(map(hashing.key_digest, keys)))


def _plain_span(view: TextView, start: int, end: int) -> tuple[int, int] | None:
    """Word indexes of ``[start, end)`` by bisecting the word offsets; None when an edge cuts a word."""
    starts, ends = list(view.tokens.starts), list(view.tokens.ends)
    i, j = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    return None if (i > 0 and ends[i - 1] > start) or (j > i and ends[j - 1] > end) else (i, j)


_SPAN_TEXTS = [
    "",
    "  \n ",
    "...",
    "U.S. officials said 3.5 million. Then 12 34 rock’n’roll don’t stop!\nBy Admin\n\n“Quoted.” x_y 5’6",
    "One line, no words at the end: …",
    "İstanbul and İzmir: Ünal’s İİ report. Then ΣΑΣ said so.\nİ",  # lower case longer than the word
    *(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))[:2]),
]


@pytest.mark.parametrize("text", _SPAN_TEXTS)
def test_line_and_sentence_spans_from_the_table_equal_bisecting(text: str) -> None:
    """The spans found for every line and sentence at once are the ones bisecting finds for each."""
    view = TextView(text)
    index = WordIndex(view)
    for start, end, *_ in [*view.lines, *view.sentences]:
        plain = _plain_span(view, start, end)
        assert index.span(start, end) == plain
        if plain is not None:
            assert index.count(start, end) == plain
            assert index.normal(start, end) == normal(text, start, end)
            assert index.tokens(start, end) == tokens(text, start, end)
        head = index.head(start, end)
        assert head is None or head == next((t.norm for t in tokens(text, start, end)), "")


@pytest.mark.parametrize("bisected", [0, 10**6])
def test_spans_in_the_table_that_cut_words_equal_bisecting(bisected: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Spans of the table whose edges cut a word (given as sentences here) are None, as bisecting says.

    Both ways of building the table: numpy's sorted search, and one binary search per span (few spans).
    """
    monkeypatch.setattr(words, "_BISECTED_KEYS", bisected)
    text = "ab cd-ef 12 34 don’t x_y."
    view = TextView(text)
    view.sentences = tuple(
        Sentence(start, end, 0) for start in range(len(text) + 1) for end in range(start, len(text) + 1)
    )
    index = WordIndex(view)
    cut = 0
    for start, end, _ in view.sentences:
        plain = _plain_span(view, start, end)
        cut += plain is None
        assert index.span(start, end) == plain, (start, end)
        assert index.count(start, end) == (
            plain or (bisect.bisect_left(index.starts, start), bisect.bisect_left(index.starts, end))
        )
    assert cut > 100
    for min_words in (0, 1, 2, 3):
        every = [index.long_normal(start, end, min_words) for start, end, _ in view.sentences]
        assert index.normals(view.sentences, min_words) == every, min_words
    assert index.normals([(0, 5), (3, 12)]) == [normal(text, 0, 5), normal(text, 3, 12)]  # spans not in the table


@pytest.mark.parametrize("text", _SPAN_TEXTS)
def test_line_spans_in_one_search_equal_each_lines_count(text: str) -> None:
    """Every line's word span found at once is what counting its words (bisecting or from the table) gives."""
    view = TextView(text)
    index = WordIndex(view)
    expected = [index.count(start, end) for start, end in view.lines]
    assert index.line_spans() == expected
    _ = index.table  # (count reads the table once it is built)
    assert index.line_spans() == [index.count(start, end) for start, end in view.lines] == expected


@pytest.mark.parametrize("text", _SPAN_TEXTS)
def test_normals_of_lines_and_sentences_at_once_equal_each_ones_normal(text: str) -> None:
    """The batch keys' words of every line and long sentence, taken in one loop, are each one's :meth:`long_normal`."""
    view = TextView(text)
    index = WordIndex(view)
    assert index.normals(view.lines) == [normal(text, start, end) for start, end in view.lines]
    for min_words in (0, 1, 8):
        every = [index.long_normal(start, end, min_words) for start, end, _ in view.sentences]
        assert index.normals(view.sentences, min_words) == every


def test_every_sentence_looks_at_the_sentences_whose_edge_cuts_a_word() -> None:
    """A sentence whose edge cuts a word is looked up although no phrase starts among the body's words.

    Its tokens are the text's from that edge ("share your thoughts" out of "reshare your
    thoughts"), so every such sentence is looked at, as when each one is computed.
    """
    body = "Intro line here.\nPlease reshare your thoughts with us below!\nEnd."
    document = Document.from_article(Article(id="cut", title="", body=body))
    view = document.body
    inside = body.index("share your")  # inside the word "reshare"
    view.sentences = tuple(s if s.line != 1 else Sentence(inside, s.end, s.line) for s in view.sentences)
    view._sentence_starts = [s.start for s in view.sentences]
    scan = Scan.of(document, boilerplate.SCORER.settings, None)
    assert not scan._phrase_hits() and scan.words.span(inside, view.sentences[1].end) is None
    plain: dict[int, list[Match]] = {}
    for k, sentence in enumerate(view.sentences):
        before = view.sentences[k - 1] if k and view.sentences[k - 1].line == sentence.line else None
        if matches := scan._sentence(sentence, before):
            plain.setdefault(sentence.line, []).extend(matches)
    assert plain == {1: [Match("furniture", inside, view.sentences[1].end, "comment-prompt")]}
    assert scan.every_sentence() == plain


def test_phrase_starts_equal_looking_for_every_phrase_among_all_the_words() -> None:
    """Only the phrase words found among the text's words are looked for: the same starts as all of them."""
    lex = build(boilerplate.SCORER.settings)
    rng = random.Random(2)
    vocabulary = sorted({word for kind in ("prompt", "sentence") for key in lex.phrases[kind] for word in key})
    vocabulary += ["the", "12", "3", "news"]
    for _ in range(200):
        low = [rng.choice(vocabulary) for _ in range(rng.randrange(0, 30))]
        assert phrase_starts(lex, low, ("prompt", "sentence")) == _plain_phrase_starts(lex, low)


def _plain_phrase_starts(lex: Lexicon, low: list[str]) -> list[int]:
    """Every word index where a prompt or sentence phrase (``#`` for a number) may start, by trying each."""
    hits = []
    for at, word in enumerate(low):
        first = "#" if word[0].isdigit() else word
        keys = [key for kind in ("prompt", "sentence") for key in lex.by_first[kind].get(first, ())]
        present = {*low, "#"}
        if any(
            all(w in present for w in key) and ("#" in key or tuple(low[at : at + len(key)]) == key) for key in keys
        ):
            hits.append(at)
    return hits


def _plain_rows(stats: list[chrome.LineStats], pipes: list[bool], others: list[int]) -> list[list[float]]:
    """The chrome features as listed in ``chrome.FEATURES``, each computed from its definition."""
    size = len(stats)
    first, last = chrome.main_run([s[0] for s in stats], [s[4] for s in stats])

    def logw(j: int) -> float:
        return math.log1p(stats[j][0]) if 0 <= j < size else 0.0

    def around(j: int) -> list[float]:
        return [stats[j][1], stats[j][4], math.log1p(others[j])] if 0 <= j < size else [0.0, 0.0, 0.0]

    rows = []
    for i, (count, stop, caps, digits, terminal) in enumerate(stats):
        inside = first <= i <= last
        distance = 0 if inside else (first - i if i < first else i - last)
        row = [math.log1p(count), stop, caps, digits, terminal, logw(i - 1), logw(i + 1), logw(i - 2), logw(i + 2)]
        row += [float(inside), math.log1p(distance), float(i > last), math.log1p(others[i]), float(count <= 4)]
        rows.append([*row, float(pipes[i]), *around(i - 1), *around(i + 1)])
    return rows


@pytest.mark.parametrize("size", [0, 1, 2, 3, 5, 12])
def test_chrome_feature_rows_equal_each_feature_computed_from_its_definition(size: int) -> None:
    """Neighbours' word counts and cues are read from lists padded with zeros, as their definitions say."""
    rng = random.Random(size)
    stats = [
        (rng.choice([0, 1, 4, 12, 30]), rng.random(), rng.random(), rng.random(), rng.choice([0.0, 1.0]))
        for _ in range(size)
    ]
    pipes = [rng.random() < 0.3 for _ in range(size)]
    others = [rng.choice([0, 1, 7]) for _ in range(size)]
    rows = chrome.stats_features(stats, pipes, others)
    assert rows == _plain_rows(stats, pipes, others)
    assert all(len(row) == len(chrome.FEATURES) for row in rows)


def _seed_scans(batch_known: bool) -> list[Scan]:
    """A scan of each seed article, with a long sentence added to each, with the batch statistics (or none)."""
    settings = boilerplate.SCORER.settings
    shared = " This report was produced with the support of our partners at the regional wire service."
    documents = []
    for path in sorted(SEEDS.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        lines = body.split("\n")
        lines[2] += shared  # in a line of its own words: the sentence repeats, the line does not
        documents.append(Document.from_article(Article(id=path.stem, title=title, body="\n".join(lines))))
    state = batch.start(settings)
    for document in documents:
        batch.observe(state, document)
    stats = batch.finish(state) if batch_known else None
    return [Scan.of(document, settings, stats) for document in documents]


@pytest.mark.parametrize("batch_known", [True, False])
def test_every_line_looked_up_only_where_a_table_may_match_equals_each_line_computed(batch_known: bool) -> None:
    """Lines whose first token starts no phrase of the lexicon keep only their batch repeat: as the full look-up says."""
    looked = 0
    for scan in _seed_scans(batch_known):
        for index, line in enumerate(scan.document.body.lines):
            assert scan.every_line()[index] == scan._line(index, line), (scan.document.id, index)
            looked += bool(scan._line(index, line))
    assert looked > 10


_BYLINE_LINES = [
    "By Chief Editor",
    "Daily Report",
    "daily report com",
    "By the Editorial Team Staff",
    "Posted by the news desk team",
    "Posted by Admin on 12 May 2024 at 10:30",
    "Author: Editorial Team of the Daily News",
    "Staff",
    "The Daily News Staff Team Today",
    "Written by the Newsroom and the Desk team",
    "Jane Doe reports from the capital",
    "1 2 3 4 5 6",
    "The minister said on Tuesday that talks would resume.",
]


def test_every_line_leaves_out_only_first_lines_that_cannot_be_bylines() -> None:
    """A first line is a byline only after a lead-in or in a few tokens: the others have no byline to find."""
    settings = boilerplate.SCORER.settings
    found = 0
    for shift in range(len(_BYLINE_LINES)):
        lines = _BYLINE_LINES[shift:] + _BYLINE_LINES[:shift]
        article = Article(id="a", title="t", body="\n".join(lines), url="https://www.dailyreport.com/x")
        scan = Scan.of(Document.from_article(article), settings, None)
        for index, line in enumerate(scan.document.body.lines):
            assert scan.every_line()[index] == scan._line(index, line), lines[index]
            found += any(match.kind == "byline" for match in scan._line(index, line))
    assert found >= 30


def test_a_changed_scan_equals_dataclasses_replace() -> None:
    """A scan changed without ``__init__`` has the fields ``dataclasses.replace`` gives, the memo shared."""
    scan = _seed_scans(True)[0]
    other = Document.from_copy(scan.document.article)
    for changes in ({"document": other}, {"frames_shared": False, "recorded": True, "near": ("b", 0.9)}):
        changed, replaced = scan.changed(**changes), dataclasses.replace(scan, **changes)
        assert type(changed) is Scan
        for item in dataclasses.fields(Scan):
            assert getattr(changed, item.name) is getattr(replaced, item.name), item.name
        assert changed.memo is scan.memo


def test_repeated_lines_and_sentences_equal_their_definitions() -> None:
    """The lines and long sentences the one batch look-up reports are the ones counting each key finds."""
    min_words = int(boilerplate.SCORER.settings["repeated_min_sentence_words"])
    lines = sentences = 0
    for scan in _seed_scans(batch_known=True):
        assert scan.stats is not None
        body = scan.document.body
        plain_lines = [i for i, line in enumerate(body.lines) if any(m.kind == "repeated" for m in scan._line(i, line))]
        assert scan.repeated_lines() == plain_lines
        plain_sentences: dict[int, list[Match]] = {}
        for sentence in body.sentences:
            words = normal(body.text, sentence.start, sentence.end)
            count = batch.BatchStats.count(scan.stats, batch.sentence_key(words))
            if words and words.count(" ") + 1 >= min_words and count >= scan.stats.sentence_threshold:
                match = Match("repeated", sentence.start, sentence.end, "sentence", count, False)
                plain_sentences.setdefault(sentence.line, []).append(match)
        assert scan.repeated_sentences() == plain_sentences
        lines, sentences = lines + len(plain_lines), sentences + len(plain_sentences)
    assert lines and sentences


def _plain_heading_like(line: str) -> bool:
    """A line of 2-14 whitespace-separated words, at least 60 % capitalised, not ending a sentence."""
    words = line.split()
    return (
        2 <= len(words) <= 14
        and not features.SENTENCE_END.search(line)
        and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)
    )


def test_heading_like_splitting_at_most_fifteen_words_equals_splitting_the_whole_line() -> None:
    """A line is split only as far as its fifteenth word: headings are found as splitting all of it finds them."""
    rng = random.Random(4)
    pieces = ["Home", "news", "The", "A", "x", "Éclair", "\u3000", "\t", "  ", "said.", "Why?", "1"]
    for _ in range(3000):
        line = " ".join(rng.choice(pieces) for _ in range(rng.randrange(0, 40))).strip()
        assert features._heading_like(line) == _plain_heading_like(line), line


@pytest.mark.parametrize("flush", [1 << 16, 5])
def test_story_surplus_counted_in_one_pass_equals_counting_each_story(
    flush: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each repeated hash gains, per story, the articles holding it beyond the first: as counting story by story."""
    monkeypatch.setattr(batch, "_GROUP_FLUSH", flush)
    rng = np.random.default_rng(flush)
    store = hashing.SignatureStore()
    held = []
    for i in range(60):
        hashes = hashing.unique(rng.integers(0, 40, size=int(rng.integers(0, 12))).astype(np.uint64))
        store.add(f"a{i}", np.zeros(hashing.PERMUTATIONS, dtype=np.uint32), hashes)
        held.append(set(hashes.tolist()))
    repeated = hashing.unique(rng.integers(0, 50, size=30).astype(np.uint64))
    groups = [np.array(sorted(rng.choice(60, size=int(rng.integers(2, 6)), replace=False))) for _ in range(9)]
    plain = [0] * len(repeated)
    for members in groups:
        for k, value in enumerate(repeated.tolist()):
            holding = sum(value in held[row] for row in members.tolist())
            plain[k] += max(0, holding - 1)
    assert batch.story_surplus(store, iter(groups), repeated).tolist() == plain
    assert any(plain)


@pytest.mark.parametrize("batch_known", [True, False])
def test_every_sentence_looked_at_only_where_a_phrase_may_start_equals_each_sentence_computed(
    batch_known: bool,
) -> None:
    """Sentences are looked up only where a prompt or sentence phrase may start: the matches of looking up every one."""
    found = 0
    for scan in _seed_scans(batch_known):
        plain: dict[int, list[Match]] = {}
        body = scan.document.body
        for k, sentence in enumerate(body.sentences):
            before = body.sentences[k - 1] if k and body.sentences[k - 1].line == sentence.line else None
            if matches := scan._sentence(sentence, before):
                plain.setdefault(sentence.line, []).extend(matches)
        assert scan.every_sentence() == plain, scan.document.id
        found += len(plain)
    assert found


def _generated_batch() -> tuple[list[Document], list[Document]]:
    """Seed articles with their body lines shuffled (near duplicates, shared lines, frames), an id given twice.

    Returned twice: as the batch pass sees them, and as the scoring pass does, where one
    article's text differs from what the batch pass saw under its id.
    """
    rng = random.Random(5)
    seeds = [p.read_text(encoding="utf-8").split("\n") for p in sorted(SEEDS.glob("*.txt"))]
    seen, scored = [], []
    for i in range(60):
        title, *body = seeds[i % len(seeds)]
        rng.shuffle(body)
        body.insert(3, "* * *")  # a sentence without words
        if i % 3 == 0:  # furniture lines, a byline and a reader prompt inside a paragraph
            body[:0] = ["by Admin", "You may also like"]
            body[-1] += " What do you think? Share your thoughts in the comments below!"
        article = Article(id=f"gen-{i % 58}", title=title, body="\n".join(body))  # gen-0 and gen-1 twice
        seen.append(Document.from_article(article))
        if i == 7:
            article = Article(id=article.id, title=article.title, body=article.body + "\nOne more line.")
        scored.append(Document.from_article(article))
    return seen, scored


_HEADLINES = [
    "The Shifting Sands of Ukraine Peace Talks: What It Means for You",
    "A Closer Look at the Rise of a Deep Dive: a closer look",
    "Behind the Scenes at a Crossroads of a New Era",
    "the the the shifting shifting sands sands",
    "Nothing to see here",
    "",
]


@pytest.mark.parametrize(
    "title", _HEADLINES + [p.read_text(encoding="utf-8").split("\n")[0] for p in sorted(SEEDS.glob("*.txt"))]
)
def test_stock_frames_found_at_their_first_words_equal_looking_for_each_frame(title: str) -> None:
    """A headline's stock frames, found where their first word occurs, are the lexicon's frames it holds as consecutive words."""
    lex = build({"extra_frames": ["the the"]})
    document = Document.from_article(Article(id="h", title=title, body="Body."))
    for headline in frames_module.headlines(document, 3, lex):
        norms = [t.norm for t in words.index_of(headline.view).tokens(headline.start, headline.end)]
        plain = {
            " ".join(f)
            for f in lex.frames
            if any(tuple(norms[i : i + len(f)]) == f for i, w in enumerate(norms) if w == f[0])
        }
        assert {frame for frame, known in frames_module.frames(headline, lex) if known} == plain


def test_quotes_read_from_a_long_spans_start_equal_quoting_the_whole_span() -> None:
    """A message's quote clipped from the first characters of a long span is the whole span's quote."""
    rng = random.Random(11)
    pieces = ["word", "a", " ", "  ", "\n", "\t", "x" * 90, "é", "—", "  \n  "]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 80)))
        flat = " ".join(text.split())
        assert boilerplate._quote(text) == (flat if len(flat) <= 80 else flat[:77] + "...")


def _plain_classify(scan: Scan, seg: boilerplate.Segment) -> list[Match]:
    """What a segment is, as defined: its line's matches, else those of every sentence in it, computed one by one."""
    body = scan.document.body
    index = next((i for i, line in enumerate(body.lines) if line.start == seg.start), None)
    whole = index is not None and body.lines[index].end == seg.end
    found = scan._line(index, body.lines[index]) if index is not None and whole else []
    if not any(m.kind == "furniture" for m in found):
        # From the last sentence starting at or before the segment to the last starting inside it.
        first = max((at for at, s in enumerate(body.sentences) if s.start <= seg.start), default=len(body.sentences))
        for at, sentence in enumerate(body.sentences):
            if at < first or sentence.start >= seg.end:
                continue
            previous = body.sentences[at - 1] if at and body.sentences[at - 1].line == sentence.line else None
            found += [m for m in scan._sentence(sentence, previous) if m.start >= seg.start]
    if whole and not any(m.segment for m in found):
        found.append(Match("chrome", seg.start, seg.end))
    return found


def test_segments_classified_from_the_sentences_with_matches_equal_each_sentence_computed() -> None:
    """A segment's sentence matches read from the sentences that have one equal computing every sentence in it."""
    settings = boilerplate.SCORER.settings
    seen, scored = _generated_batch()
    state = batch.start(settings)
    for document in seen:
        batch.observe(state, document)
    stats = batch.finish(state)
    context = Context(settings=settings, batch=stats)
    classified = 0
    for document in scored:
        segments = list(boilerplate.segment(document, context))
        scan = Scan.of(document.with_segments(segments), settings, stats)
        line_at = {line.start: i for i, line in enumerate(document.body.lines)}
        for seg in segments:
            assert boilerplate._classify(scan, seg, line_at) == _plain_classify(scan, seg), (document.id, seg)
            classified += 1
    assert classified > 100


@pytest.mark.parametrize("min_words", [8, 1])
def test_the_batch_pass_records_give_the_segments_and_findings_of_looking_each_article_up(min_words: int) -> None:
    """The scoring pass reads each article's counts, shared frames and near duplicate from the batch pass's record.

    Segments and assessments equal those of looking every line, sentence and frame up in
    the batch statistics; an article whose id another shares, or whose text changed, or
    other keying settings, has no record to trust and is looked up. With sentences of one
    word counted, a sentence without words is keyed too (and never reported).
    """
    settings = {**boilerplate.SCORER.settings, "repeated_min_sentence_words": min_words}
    seen, scored = _generated_batch()
    state = batch.start(settings)
    for document in seen:
        batch.observe(state, document)
    stats = batch.finish(state)
    plain = dataclasses.replace(stats, records={}, made_with=())

    def scored_with(document: Document, with_stats: batch.BatchStats) -> tuple[object, ...]:
        context = Context(settings=settings, batch=with_stats)
        segments = list(boilerplate.segment(document, context))
        marked = document.with_segments(segments) if segments else document
        return segments, boilerplate.score(marked, context), Scan.of(marked, settings, with_stats).recorded

    used = []
    codes: set[str] = set()
    for document in scored:
        segments, assessment, recorded = scored_with(document, stats)
        assert (segments, assessment, False) == scored_with(document, plain), document.id
        used.append(recorded)
        codes.update(f.code for f in assessment.findings)
    assert used[:2] == [False, False] and used[7] is False and sum(used) == len(scored) - 5
    assert {"TPL001", "TPL002", "TPL003", "TPL004", "TPL005"} <= codes
    other = {**settings, "headline_lines": 2}
    assert stats.record(scored[3], settings) is not None and stats.record(scored[3], other) is None


_CREDIT_WORDS = ["Reporting", "reporting", "by", "Editing", "Writing", "Additional", "and", "in", "Ann", "Cole"]
_CREDIT_WORDS += ["de", "Chief", "Editor", "Tom", "12", "3", "the", "Vell’s", "Lowmarsh", "re-porting", ";", "”"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(_CREDIT_WORDS), max_size=12).map(" ".join),
        min_size=1,
        max_size=6,
    ),
    st.integers(min_value=0, max_value=6),
)
def test_a_credit_read_from_the_first_word_is_the_credit_of_every_token(lines: list[str], cut: int) -> None:
    """A span whose first token opens no credit lead-in is no credit: the same answer as reading all its tokens.

    Every line and sentence, and each shortened by ``cut`` characters at its start (an
    edge inside a word, where the first token is the tokenizer's own), as the plain
    definition answers: short enough, and a credit line (:func:`credit_line`) of its tokens.
    """
    body = "\n".join(lines)
    scan = Scan.of(Document.from_article(Article(id="c", title="", body=body)), boilerplate.SCORER.settings, None)
    view = scan.document.body
    spans = [*view.lines, *((s.start, s.end) for s in view.sentences)]
    spans += [(min(start + cut, end), end) for start, end in spans]
    for start, end in spans:
        plain = end - start <= MAX_MATCH_CHARS and credit_line(body, tokens(body, start, end), scan.lex)
        assert scan._credit(start, end) is plain, body[start:end]


@pytest.mark.parametrize("lead", CREDIT_LEAD_INS)
def test_a_credit_line_is_still_found_after_its_first_word_is_read(lead: tuple[str, ...]) -> None:
    """The first-word check lets every lead-in's credit line through: it is still wire copy ("Reporting by Ann Cole")."""
    opening = " ".join(lead).capitalize()
    body = f"The council met on Monday.\n{opening} Ann Cole in Lowmarsh; Editing by Tom Vell"
    scan = Scan.of(Document.from_article(Article(id="c", title="", body=body)), boilerplate.SCORER.settings, None)
    line = scan.document.body.lines[1]
    assert scan._credit(line.start, line.end)
    assert not scan._credit(*scan.document.body.lines[0])
