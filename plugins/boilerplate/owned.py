"""Short lines a story owns that the page-chrome model takes for navigation (see chrome.story_lines).

Three kinds, all read from the line's own words, never from a list of sites, teams or agencies:

* a table of pairings the story carries: three or more short lines that each join two
  names by ``v``/``vs`` ("Leeds v Hull") or, in a line with a digit, by ``at`` ("Leeds
  at Hull, 3 p.m."), one after another (a label of a few words, such as a day, may sit
  between two of them), beginning inside the run of paragraphs or within
  ``TABLE_REACH`` lines after it: a fixture list, a draw, a schedule or results;
* the signature of an embedded social post: a line ending on a dash, a name, ``(@handle)``
  and a date ("... — Ann Lee (@annlee) May 5, 2017"), the form a quoted post keeps when
  it is pasted or scraped as text;
* a photo credit between two lines of the run of paragraphs: a line of at most
  ``CREDIT_MAX_WORDS`` words opening on a credit label ("Photo: Ann Lee"), or of at most
  three words joining a name to an agency by ``/`` ("Ann Lee/Agency Images"); the same
  line above or below the story (a teaser's thumbnail in a sidebar) is left to the model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from copydesk import Line

#: Words that join the two sides of a fixture or a result ("Leeds v Hull", "Ohio vs. Iowa").
_VERSUS = frozenset({"v", "v.", "vs", "vs."})
#: The least number of pairing lines that make a table.
TABLE_MIN_LINES = 3
#: A pairing line has at most this many words (a line of a draw may list three matches).
TABLE_MAX_WORDS = 20
#: A line of at most this many words may sit between two pairing lines ("Sunday").
TABLE_LABEL_WORDS = 4
#: A table must begin inside the main run or at most this many lines after it.
TABLE_REACH = 3
_MONTHS = frozenset("January February March April May June July August September October November December".split())
#: How far before ``(@`` a post's signature dash may be (the name it signs with).
_NAME_CHARS = 60
_DASHES = ("- ", "– ", "— ")
#: The longest handle a post may sign with.
_HANDLE_CHARS = 30


def owned_lines(text: str, lines: Sequence[Line], counts: Sequence[int], run: tuple[int, int]) -> set[int]:
    """The lines of every kind above: the tables' pairing lines, the post signatures, the credits.

    ``counts`` holds each line's words, ``run`` the main run's first and last line.
    """
    return {*tables(text, lines, counts, run), *signatures(text, lines), *credits(text, lines, counts, run)}


def pairing(piece: str) -> bool:
    """Whether a line joins two names as a fixture or result does: "Leeds v Hull", "Iowa at Ohio, 1 p.m."."""
    words = piece.split()
    dated = any(c.isdigit() for c in piece)
    for k in range(1, len(words) - 1):
        if words[k] in _VERSUS or (dated and words[k] == "at"):
            before, after = words[k - 1][0], words[k + 1][0]
            if (before.isupper() or before.isdigit()) and (after.isupper() or after.isdigit()):
                return True
    return False


def tables(text: str, lines: Sequence[Line], counts: Sequence[int], run: tuple[int, int]) -> Iterable[int]:
    """The pairing lines of every table that begins inside the main run ``run`` or just after it."""
    first, last = run
    found: list[int] = []
    gap = 0
    for i, (start, end) in enumerate(lines):
        if counts[i] <= TABLE_MAX_WORDS and pairing(text[start:end]):
            found.append(i)
            gap = 0
            continue
        gap += 1
        if gap == 1 and counts[i] <= TABLE_LABEL_WORDS and found:
            continue  # a label between two lines of the table ("Sunday"), if one follows
        yield from _table(found, first, last)
        found = []
    yield from _table(found, first, last)


def _table(found: list[int], first: int, last: int) -> list[int]:
    """``found`` if it is a table: enough pairing lines, the first inside the run or within reach after it."""
    if len(found) >= TABLE_MIN_LINES and first <= found[0] <= last + TABLE_REACH:
        return found
    return []


def signatures(text: str, lines: Sequence[Line]) -> Iterable[int]:
    """The lines ending on an embedded post's signature: a dash, a name, ``(@handle)`` and a date."""
    for i, (start, end) in enumerate(lines):
        at = text.rfind("(@", start, end)
        if (
            at >= 0
            and _signed(text[at:end])
            and any(text.find(d, max(start, at - _NAME_CHARS), at) >= 0 for d in _DASHES)
        ):
            yield i


def _signed(tail: str) -> bool:
    """Whether ``tail`` is ``(@handle) Month day, year`` and nothing more."""
    close = tail.find(")")
    handle = tail[2:close]
    if close < 0 or not 0 < len(handle) <= _HANDLE_CHARS or not handle.replace("_", "").isalnum():
        return False
    date = tail[close + 1 :].split()
    return (
        len(date) == 3
        and date[0] in _MONTHS
        and date[1][-1:] == ","
        and date[1][:-1].isdigit()
        and len(date[1]) <= 3
        and len(date[2]) == 4
        and date[2].isdigit()
    )


#: What a photo credit opens with ("Photo: Ann Lee", "Picture: Agency"), lower-cased.
_CREDIT_LABELS = ("photo:", "photograph:", "picture:", "image:", "credit:", "photo credit:")
#: A credit line has at most this many words.
CREDIT_MAX_WORDS = 6
#: A credit without a label ("Ann Lee/Agency Images") has at most this many words.
_BARE_CREDIT_WORDS = 3


def credits(text: str, lines: Sequence[Line], counts: Sequence[int], run: tuple[int, int]) -> Iterable[int]:
    """The photo credits between two lines of the main run ``run``: "Photo: Ann Lee", "Ann Lee/Agency"."""
    first, last = run
    for i in range(first + 1, last):
        start, end = lines[i]
        if 0 < counts[i] <= CREDIT_MAX_WORDS and credit(text[start:end]):
            yield i


def credit(piece: str) -> bool:
    """Whether a short line reads as a photo credit: a credit label, or a name joined to an agency by ``/``."""
    if piece.lower().startswith(_CREDIT_LABELS):
        return True
    words = piece.split()
    return len(words) <= _BARE_CREDIT_WORDS and any(_slashed(word) for word in words)


def _slashed(word: str) -> bool:
    """Whether a word joins two capitalised names by ``/`` ("Lee/Agency")."""
    left, _, right = word.partition("/")
    return left[:1].isupper() and right[:1].isupper()
