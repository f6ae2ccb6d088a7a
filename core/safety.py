r"""Neutralise input-derived text before it reaches a terminal, a log or a CI runner.

Ids, file names, titles, excerpts and messages come from the articles, and articles
are untrusted. Written raw, a newline lets them start a line of their own (GitHub
Actions executes a line starting ``::`` as a workflow command), ESC/CSI/OSC sequences
and BEL drive the terminal (clear the screen, set its title, plant a hyperlink), and
bidirectional controls reorder what the reader sees. :func:`neutralise` turns every
such character into a visible escape (``\n``, ``\x1b``, ``\u202e``, a lone surrogate
``\ud800``) and a backslash into ``\\``, so an escape copydesk wrote can be told from
the same characters typed in the input (a title holding the four characters ``\x1b``
is shown ``\\x1b``); :func:`line` also defuses a ``::`` at the start of a line.

Ids, source names, file names and messages are for telling things apart, so
:func:`neutralise` also shows every character that is not seen (:data:`INVISIBLE`: zero-width
space and joiners, word joiner, soft hyphen, variation selectors, tag characters, every
format character): ``story\u200b1`` and ``story1`` never look alike. The article's own
text shown as text (the text report's excerpts, the HTML report's title and body beside
their findings) goes through :func:`prose` instead, which keeps them as written: a joiner
in an emoji sequence or an Indic or Persian word, a soft hyphen, are part of the writing
there, and change neither what the text does to the display nor what it says.

Neutralise once, where text is written: an escape neutralised again doubles its backslash.
"""

from __future__ import annotations

import re
from itertools import filterfalse
from typing import Any

#: C0 and C1 controls, DEL, bidi marks/embeddings/overrides/isolates, line and paragraph separators,
#: and surrogates (a lone one cannot be encoded: JSON input may hold one).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
#: Characters that are not seen, as ranges of code points: every format character (Unicode
#: category Cf: soft hyphen, zero-width space, non-joiner and joiner, word joiner, invisible
#: operators, interlinear annotation marks, tag characters...) and the other default-ignorable
#: code points (combining grapheme joiner, Hangul fillers, variation selectors, the unassigned
#: rest of the tag block). ``tests/core/test_safety.py`` checks it holds every Cf character.
INVISIBLE_RANGES = (
    (0xAD, 0xAD),
    (0x34F, 0x34F),
    (0x600, 0x605),
    (0x61C, 0x61C),
    (0x6DD, 0x6DD),
    (0x70F, 0x70F),
    (0x890, 0x891),
    (0x8E2, 0x8E2),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_INVISIBLE_CLASS = "".join(f"{chr(low)}-{chr(high)}" for low, high in INVISIBLE_RANGES)
#: :data:`INVISIBLE_RANGES` as a pattern.
INVISIBLE = re.compile(f"[{_INVISIBLE_CLASS}]")
#: What :func:`prose` escapes: :data:`CONTROL`, and the backslash that starts every escape.
_SHOWN_PROSE = re.compile(CONTROL.pattern[:-1] + r"\\]")
#: What :func:`neutralise` escapes: those, and every character of :data:`INVISIBLE`.
_SHOWN = re.compile(CONTROL.pattern[:-1] + _INVISIBLE_CLASS + r"\\]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code > 0xFFFF:  # eight digits, as Python writes it: "\ue0001" would read as U+E000 then "1"
        return f"\\U{code:08x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def neutralise(text: str, keep: str = "") -> str:
    r"""``text`` with every control, bidi, line-breaking and invisible character (and lone surrogate) as a visible escape, ``\`` as ``\\``.

    For names and messages: an id, a source, a file name, a title in a table (:data:`INVISIBLE`
    shown too, so two different names never look alike).

    :param keep: characters to leave alone (a format that escapes them its own way).
    """
    return _substitute(_SHOWN, text, keep)


def prose(text: str, keep: str = "") -> str:
    r"""``text`` as :func:`neutralise` shows it, but its :data:`INVISIBLE` characters kept as written.

    For the article's own text shown as text (an excerpt, the HTML report's title and body):
    a zero-width joiner in an emoji or an Indic word, a soft hyphen, are part of the writing
    there. Controls, bidi and line-breaking characters are escaped all the same.
    """
    return _substitute(_SHOWN_PROSE, text, keep)


def _substitute(pattern: re.Pattern[str], text: str, keep: str) -> str:
    """Every match of ``pattern`` in ``text`` as its escape, but characters in ``keep``."""
    if keep:
        return pattern.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return pattern.sub(_escape, text)


def quoted(text: str) -> str:
    r"""``text`` in single quotes, as it is, for a message: the line that writes the message neutralises it.

    Never ``repr()``: it escapes backslashes and controls a first time, and neutralising
    the message escapes them again (``'a\\\\b'`` for ``a\b``).
    """
    return f"'{text}'"


def shown(value: object) -> str:
    """``value`` for a message: a string :func:`quoted`, anything else (a number, a list, None) as Python writes it."""
    return quoted(value) if isinstance(value, str) else repr(value)


def line(text: str) -> str:
    """One inert output line: neutralised, and a leading ``::`` (a workflow command) escaped."""
    text = neutralise(text)
    if text.lstrip().startswith("::"):
        return "\\" + text
    return text


def inert(text: str) -> str:
    r"""Text from input made inert for a plugin's output, as the built-in formats make it: ``copydesk.inert``.

    Every control, bidi, line-breaking and invisible character (zero-width space and
    joiners, soft hyphen, variation selectors: :data:`INVISIBLE`) becomes a visible escape
    (``\x1b``, ``\n``, ``\u200b``), a backslash ``\\``, and a leading ``::`` (a GitHub
    Actions workflow command) ``\::``, so the text cannot drive a terminal or start a line
    of its own, and two different ids never look alike. Apply it once to each piece of
    input text (id, title, excerpt...) where it is written.
    """
    return line(text)


#: What JSON leaves raw with ``ensure_ascii=False`` yet a terminal or viewer would act on, as ranges of code points.
_JSON_RAW_RANGES = (
    (0x7F, 0x9F),
    (0x61C, 0x61C),
    (0x200E, 0x200F),
    (0x2028, 0x2029),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
    (0xFEFF, 0xFEFF),
)
#: The same characters as a pattern.
_JSON_RAW = re.compile("[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in _JSON_RAW_RANGES) + "]")


def json_text(serialised: str) -> str:
    r"""A JSON document with DEL, C1, bidi and separator characters as ``\uXXXX`` escapes.

    Such characters only occur inside strings, where the escape denotes the same
    character: the data is unchanged, the bytes are inert. (``json`` escapes C0 itself.)
    An ASCII text without DEL holds none (``str.isascii`` reads a flag); a long text that
    holds none of them (the usual case) is told so by :func:`_holds_raw`, several times
    faster than the pattern searches it.
    """
    if serialised.isascii() and "\x7f" not in serialised:  # every such character but DEL is beyond ASCII
        return serialised
    if len(serialised) >= _LONG and not _holds_raw(serialised):
        return serialised
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", serialised)


def joined_json_text(pieces: list[str]) -> str:
    """:func:`json_text` of the pieces joined, the pieces outside ASCII alone searched for the characters it escapes.

    Every character :func:`json_text` escapes but DEL is beyond ASCII, so only in a piece
    that is not ASCII (``str.isascii`` reads a flag), and DEL is looked for in the ASCII
    pieces, joined as a one-byte string; a report line's findings are mostly ASCII, and
    its pieces beyond ASCII (excerpts with typographic quotes) are searched alone. When
    one holds such a character the whole text goes through :func:`json_text` as before.
    """
    text = "".join(pieces)
    if text.isascii():
        return json_text(text)
    if "\x7f" in "".join(filter(str.isascii, pieces)):
        return json_text(text)
    beyond = "".join(filterfalse(str.isascii, pieces))
    held = _holds_raw(beyond) if len(beyond) >= _LONG else _JSON_RAW.search(beyond) is not None
    return json_text(text) if held else text


#: Texts at least this long are checked with :func:`_holds_raw` first (a short one costs less through the pattern).
_LONG = 2048
#: Per UTF-16 code unit, whether it is a character :data:`_JSON_RAW` matches (made on first use).
_RAW_UNITS: list[object] = []


def _holds_raw(text: str) -> bool:
    """Whether ``text`` holds a character :data:`_JSON_RAW` matches, from a table lookup per UTF-16 code unit (numpy).

    Every character the pattern matches is in the Basic Multilingual Plane and no surrogate,
    so it is one code unit of the text's UTF-16 (``surrogatepass``: a lone surrogate is one
    unit too), and a unit of a surrogate pair is no such character.
    """
    import numpy as np  # loaded by any run that scores (copydesk.text), and not before

    if not _RAW_UNITS:
        table = np.zeros(0x10000, dtype=np.bool_)
        for low, high in _JSON_RAW_RANGES:
            table[low : high + 1] = True
        _RAW_UNITS.append(table)
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    held: Any = _RAW_UNITS[0]
    return bool(held.take(units).any())
