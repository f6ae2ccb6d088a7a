"""Word ids (copydesk.vocabulary): one id per distinct form, per-id tables equal to the per-word string path."""

from __future__ import annotations

import numpy as np
import pytest
from copydesk import VOCABULARY, TextView, Vocabulary
from hypothesis import given, settings
from hypothesis import strategies as st

#: Words and separators that exercise the lower-casing paths: capital sigma (lowered by its
#: neighbours), 'İ' (whose lower case is longer), curly and straight apostrophes, hyphens, digits.
PIECES = st.sampled_from(
    ["Rates", "rates", "RATES", "ΣΟΦΙΑ", "σοφια", "Σ", "İstanbul", "istanbul", "don’t", "don't", "well-known",
     "2019", "naïve", "NAÏVE", "ß", "Straße", " ", " ", ". ", "\n", ", ", "’", "-", "x"]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=40).map("".join) | st.text(max_size=80)


def _shape(form: str) -> tuple[int, bool]:
    """A property computed from a form, as a scorer's table would."""
    return len(form), form[:1].isalpha()


LENGTHS = VOCABULARY.table(lambda forms: [len(form) for form in forms], np.int32)
SHAPES = VOCABULARY.table(lambda forms: [_shape(form) for form in forms], np.int32, width=2)


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS)
def test_table_gathers_by_id_equal_each_words_own_property(first: str, second: str) -> None:
    for text in (first, second, first + "\n" + second):
        tokens = TextView(text).tokens
        forms, ids = tokens.forms, tokens.ids
        assert len(ids) == len(forms) and not ids.flags.writeable
        assert LENGTHS.take(ids).tolist() == [len(form) for form in forms]
        assert SHAPES.take(ids).tolist() == [list(map(int, _shape(form))) for form in forms]
        # equal forms, equal ids; different forms, different ids
        assert len(set(zip(forms, ids.tolist(), strict=True))) == len(set(forms)) == len(set(ids.tolist()))
        assert [VOCABULARY.forms[i] for i in ids.tolist()] == list(forms)


def test_a_full_vocabulary_is_cleared_and_stale_ids_are_renumbered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(VOCABULARY, "limit", 6)
    early = TextView("One fish two fish.").tokens
    assert LENGTHS.take(early.ids).tolist() == [3, 4, 3, 4]
    generation = VOCABULARY.generation
    late = TextView("Red fish blue fish old fish new fish.").tokens
    assert LENGTHS.take(late.ids).tolist() == [3, 4, 4, 4, 3, 4, 3, 4]
    assert VOCABULARY.generation > generation and len(VOCABULARY) <= 6  # new forms past the limit: cleared
    # the early stream's ids were of the generation before: read again, they are numbered anew
    assert LENGTHS.take(early.ids).tolist() == [3, 4, 3, 4]
    assert [VOCABULARY.forms[i] for i in early.ids.tolist()] == ["one", "fish", "two", "fish"]


def test_one_text_with_more_forms_than_the_limit_is_numbered_whole() -> None:
    vocabulary = Vocabulary(limit=2)
    table = vocabulary.table(lambda forms: [form.upper() for form in forms], "U8")
    ids = vocabulary.ids(["a", "b", "c", "a"])
    assert ids.tolist()[0] == ids.tolist()[3] and len(set(ids.tolist())) == 3
    assert table.take(ids).tolist() == ["A", "B", "C", "A"]
    assert vocabulary.ids(["d"]).tolist() == [0] and vocabulary.generation == 1  # cleared: only "d"
    assert table.take(vocabulary.ids(["d"])).tolist() == ["D"]
    assert vocabulary.ids([]).tolist() == []


def test_a_table_grows_past_its_initial_room_and_keeps_earlier_values() -> None:
    vocabulary = Vocabulary()
    table = vocabulary.table(lambda forms: [int(form) for form in forms], np.int64)
    first = vocabulary.ids([str(n) for n in range(3)])
    assert table.take(first).tolist() == [0, 1, 2]
    many = vocabulary.ids([str(n) for n in range(10_000)])
    assert table.take(many).tolist() == list(range(10_000))
    assert table.take(first).tolist() == [0, 1, 2]


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_anchored_word_positions_by_id_are_those_read_form_by_form(text: str) -> None:
    from copydesk import measures

    indexed = measures._indexed() | {"rates", "σοφια", "don’t", "istanbul"}
    tokens = TextView(text).tokens
    expected: dict[str, list[int]] = {}
    for form, start in zip(tokens.forms, tokens.starts, strict=True):
        if form in indexed:
            expected.setdefault(form, []).append(start)
    assert measures._positions(tokens.ids, tokens.starts, indexed) == expected


def test_the_conformance_check_of_the_stream_catches_a_word_id_of_another_form() -> None:
    from copydesk.conformance import stream_problem

    view = TextView("Rates may rise.")
    assert stream_problem(view) is None
    ids = view.tokens.ids
    view.tokens.__dict__["_ids"] = (VOCABULARY.generation, ids[::-1].copy())
    assert stream_problem(view) == "a word's id is not its form's in the vocabulary"
