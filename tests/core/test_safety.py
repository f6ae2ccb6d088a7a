"""Invisible characters: shown as escapes in names and messages, kept as written in the article's text shown as text."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from copydesk import safety

#: Characters that are not seen, each a way for two ids or source names to look alike.
INVISIBLES = {
    "\u200b": "\\u200b",  # zero-width space
    "\u200c": "\\u200c",  # zero-width non-joiner
    "\u200d": "\\u200d",  # zero-width joiner
    "\u2060": "\\u2060",  # word joiner
    "\u2062": "\\u2062",  # invisible times
    "\u00ad": "\\xad",  # soft hyphen
    "\u180e": "\\u180e",  # Mongolian vowel separator
    "\ufe0f": "\\ufe0f",  # variation selector 16
    "\u3164": "\\u3164",  # Hangul filler
    "\u034f": "\\u034f",  # combining grapheme joiner
    "\U000e0001": "\\U000e0001",  # language tag: eight digits, never read as U+E000 then "1"
    "\U000e0041": "\\U000e0041",  # tag latin capital A
}


def test_every_format_character_of_this_pythons_unicode_is_invisible() -> None:
    """Category Cf, the characters Unicode calls format controls, whatever the Unicode version."""
    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf" and not safety.INVISIBLE.fullmatch(chr(code))
    ]
    assert not missing, f"add to safety.INVISIBLE_RANGES: {missing}"


@pytest.mark.parametrize(("char", "escape"), INVISIBLES.items())
def test_an_invisible_character_in_a_name_is_shown_as_an_escape(char: str, escape: str) -> None:
    assert safety.neutralise(f"story{char}1") == f"story{escape}1"
    assert safety.line(f"copydesk: error: feed.jsonl:2 (story{char}1): bad") == (
        f"copydesk: error: feed.jsonl:2 (story{escape}1): bad"
    )
    assert safety.inert(f"Harbour{char}News") == f"Harbour{escape}News"


@pytest.mark.parametrize("char", INVISIBLES)
def test_two_ids_an_invisible_character_apart_never_look_alike(char: str) -> None:
    assert safety.neutralise(f"story{char}1") != safety.neutralise("story1")


@pytest.mark.parametrize(
    "text",
    [
        "\U0001f469\u200d\U0001f4bb at work",  # an emoji sequence joined with ZWJ
        "\u0915\u094d\u200d\u0937",  # Devanagari half form with ZWJ
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian with ZWNJ
        "news\u00adpaper",  # a soft hyphen from a web page
        "\u2764\ufe0f",  # a heart with its emoji presentation selector
    ],
)
def test_the_articles_text_shown_as_text_keeps_its_invisible_characters(text: str) -> None:
    assert safety.prose(text) == text
    assert safety.neutralise(text) != text  # as a name, the same text is shown with its escapes


def test_prose_still_escapes_what_acts_on_the_display() -> None:
    assert safety.prose("a\u202eb\x1bc\nd\\e\ufeff") == "a\\u202eb\\x1bc\\nd\\\\e\\ufeff"
