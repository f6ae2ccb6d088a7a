"""Containment: the fingerprint that tells whether a scorer changed the shared document."""

from __future__ import annotations

from dataclasses import dataclass

from copydesk import containment
from copydesk.models import Article
from copydesk.text import Document


@dataclass(frozen=True)
class One:
    value: list[int]


@dataclass(frozen=True)
class Nothing:
    pass


def test_the_fingerprint_changes_when_a_frozen_field_is_replaced() -> None:
    document = Document.from_article(Article(id="a", title="T", body="Some body text."))
    before = containment.fingerprint(document)
    assert containment.fingerprint(document) == before
    object.__setattr__(document.article, "title", "Other")
    assert containment.fingerprint(document) != before


def test_field_ids_are_a_tuple_whatever_the_number_of_fields() -> None:
    """One field is a one-tuple (attrgetter of one name would give the value), none an empty tuple."""
    one = One([1])
    assert containment._field_ids(one) == (id(one.value),)
    object.__setattr__(one, "value", [1])
    assert containment._field_ids(one) == (id(one.value),)
    assert containment._field_ids(Nothing()) == ()


def test_a_deleted_field_counts_as_none() -> None:
    one = One([1])
    object.__delattr__(one, "value")
    assert containment._field_ids(one) == (id(None),)
