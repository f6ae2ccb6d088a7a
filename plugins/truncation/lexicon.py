"""Lexicons of the truncation scorer: packaged word and line lists, merged with settings.

The lists live in ``plugins/truncation/data/`` and are read once, lazily. Line lists
(closing furniture, continuation tails, debris, credit cues) are compared on a
normalised form of a line: lower case, words only, digit runs written ``0``. An entry
ending in ``*`` is a prefix: it matches a line that starts with its words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

_TOKEN = re.compile(r"[^\W_]+")
DATA = "data"
#: Longest line (characters) worth normalising for a line-list lookup.
MAX_LINE_CHARS = 300


def normalise(text: str) -> str:
    """Lower-case words of ``text`` joined by single spaces, digit runs as ``0``."""
    tokens = _TOKEN.findall(text.lower())
    return " ".join("0" if t.isdigit() else t for t in tokens)


def _entries(name: str) -> list[str]:
    """Non-comment, non-blank lines of a packaged data file."""
    text = files("copydesk.plugins.truncation").joinpath(f"{DATA}/{name}").read_text(encoding="utf-8")
    return [row.strip() for row in text.splitlines() if row.strip() and not row.lstrip().startswith("#")]


@functools.cache
def packaged_lines(name: str) -> tuple[str, ...]:
    """A packaged line list, entries normalised, the ``*`` prefix marker kept."""
    return tuple(_normal_entry(e) for e in _entries(name))


@functools.cache
def packaged_words() -> Mapping[str, str]:
    """The packaged non-final words, each mapped to its word class."""
    words: dict[str, str] = {}
    category = "word"
    for entry in _entries("non_final_words.txt"):
        if entry.startswith("[") and entry.endswith("]"):
            category = entry[1:-1]
        else:
            words[entry.lower()] = category
    return words


def _normal_entry(entry: str) -> str:
    """Normalise a list entry, keeping a trailing ``*``."""
    prefix = entry.endswith("*")
    body = normalise(entry[:-1] if prefix else entry)
    return body + "*" if prefix else body


@dataclass(frozen=True)
class LineList:
    """A set of normalised lines: exact entries and prefix entries."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    first_words: frozenset[str]

    @classmethod
    def build(cls, entries: Iterable[str]) -> LineList:
        """Split entries into exact ones and ``*`` prefixes."""
        exact = {e for e in entries if e and not e.endswith("*")}
        prefixes = sorted({e[:-1].strip() for e in entries if e.endswith("*") and e[:-1].strip()})
        first = {e.split()[0] for e in (*exact, *prefixes)}
        return cls(frozenset(exact), tuple(prefixes), frozenset(first))

    def match(self, normal: str) -> str | None:
        """The entry that ``normal`` (an already normalised line) matches, or None."""
        if not normal:
            return None
        if normal in self.exact:
            return normal
        for prefix in self.prefixes:
            if normal == prefix or normal.startswith(prefix + " "):
                return prefix + "*"
        return None

    def match_line(self, text: str) -> str | None:
        """The entry a raw line matches (long lines never match).

        The line's first word is looked up before the whole line is normalised, so a
        scan over every line of a long text stays cheap.
        """
        if len(text) > MAX_LINE_CHARS:
            return None
        first = _TOKEN.search(text)
        if first is None:
            return None
        word = first.group().lower()
        if ("0" if word.isdigit() else word) not in self.first_words:
            return None
        return self.match(normalise(text))


def _merged(packaged: Iterable[str], extra: Iterable[str], remove: Iterable[str]) -> list[str]:
    """Packaged entries plus ``extra`` minus ``remove`` (all normalised)."""
    removed = {_normal_entry(e) for e in remove}
    merged = [e for e in packaged if e not in removed]
    merged.extend(_normal_entry(e) for e in extra if _normal_entry(e) not in removed)
    return merged


def _strings(settings: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """A list-of-strings setting as a tuple (missing means empty)."""
    value = settings.get(key, ())
    return tuple(map(str, value)) if value else ()


#: The list settings :func:`lexicons` reads: ``extra_`` and ``remove_`` of each list, in fixed order.
_LIST_KEYS = tuple(
    (f"extra_{key}", f"remove_{key}")
    for key in ("non_final_words", "furniture", "continuation", "debris", "credit_cues")
)


@dataclass(frozen=True)
class Lexicons:
    """Every list the scorer uses, as configured for one run."""

    non_final: Mapping[str, str]
    furniture: LineList
    continuation: LineList
    debris: LineList
    credit_cues: frozenset[str]
    role_cues: frozenset[str]


def lexicons(settings: Mapping[str, Any]) -> Lexicons:
    """The lexicons for ``settings`` (cached per distinct list settings)."""
    args = tuple((_strings(settings, extra), _strings(settings, remove)) for extra, remove in _LIST_KEYS)
    return _lexicons(args)


@functools.lru_cache(maxsize=32)
def _lexicons(args: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]) -> Lexicons:
    """Build the lexicons from the ``(extra, remove)`` pairs of each list, in fixed order."""
    (nf_extra, nf_remove), furniture, continuation, debris, cues = args
    words = {w: c for w, c in packaged_words().items() if w not in {r.lower() for r in nf_remove}}
    words.update({w.lower(): "word" for w in nf_extra if w.lower() not in {r.lower() for r in nf_remove}})
    return Lexicons(
        non_final=words,
        furniture=LineList.build(_merged(packaged_lines("closing_furniture.txt"), *furniture)),
        continuation=LineList.build(_merged(packaged_lines("continuation_tails.txt"), *continuation)),
        debris=LineList.build(_merged(packaged_lines("debris_lines.txt"), *debris)),
        credit_cues=frozenset(_merged(_section("credit_cues.txt", ""), *cues)),
        role_cues=frozenset(_section("credit_cues.txt", "role")),
    )


@functools.cache
def _section(name: str, wanted: str) -> tuple[str, ...]:
    """The normalised entries of one ``[section]`` of a packaged list ("" before any header)."""
    found: list[str] = []
    section = ""
    for entry in _entries(name):
        if entry.startswith("[") and entry.endswith("]"):
            section = entry[1:-1]
        elif section == wanted:
            found.append(_normal_entry(entry))
    return tuple(found)
