"""Short lines a story owns that the page-chrome model takes for navigation (see chrome.story_lines).

Seven kinds, all read from the line's own words, never from a list of sites, teams or agencies:

* a table of pairings the story carries: three or more short lines that each join two
  names by ``v``/``vs`` ("Leeds v Hull") or, in a line with a digit, by ``at`` ("Leeds
  at Hull, 3 p.m."), one after another (a label of a few words, such as a day, may sit
  between two of them, or just before the first), beginning inside the run of paragraphs or within
  ``TABLE_REACH`` lines after it: a fixture list, a draw, a schedule or results; and the
  note right under it, a short sentence ("Matches to be played on May 3.", "All times local."),
  not a call to action ("Sign up for our newsletter."); a pairing a colon follows is a
  headline ("Leeds v Hull: player ratings"), not a line of a table;
* the signature of an embedded social post: a line ending on a dash, a name, ``(@handle)``
  and a date ("... — Ann Lee (@annlee) May 5, 2017"), the form a quoted post keeps when
  it is pasted or scraped as text, and (for a post signed among the paragraphs) the post's
  text in the few short lines right above it;
* a photo credit between two lines of the run of paragraphs: a line of at most
  ``CREDIT_MAX_WORDS`` words opening on a credit label ("Photo: Ann Lee"), or of at most
  three words joining a name to an agency by ``/`` ("Ann Lee/Agency Images"); the same
  line above or below the story (a teaser's thumbnail in a sidebar) is left to the model;
  and the caption right above the credit after a single line break (session 29);
* a source line of the story: a line of at most ``SOURCE_MAX_WORDS`` words opening on
  ``Source:``, ``Sources:``, ``Via`` (three words or more) or ``Featured image`` ("Via the Lowmarsh Herald",
  "Featured image via Ann Lee/Agency"), inside the run of paragraphs or at most
  ``SOURCE_REACH`` lines after it (or after the posts quoted right under it), where a
  blog post names what it draws on;
* a divider between two lines of the run of paragraphs: a line of no words, one mark
  repeated at least ``DIVIDER_MIN_MARKS`` times ("***", "~~~", "-----"), spaces between
  them allowed, where a story sets an update or a second part apart; a lone ``|`` or
  ``,`` left by a menu, or a divider above or below the story, is left to the model;
* a photo's name and caption between two lines of the run of paragraphs (session 25): a
  line of at most ``CAPTION_NAME_WORDS`` capitalised words ("Ann Lee", the image's
  alternative text) and, after a single line break, the caption that repeats it ("Ann Lee"
  or "Officer Ann Lee of the Lowmarsh police", at most ``CAPTION_MAX_WORDS`` words), the
  form a scraped figure keeps; two lines apart by a blank line (a box's teaser headline
  shown twice) are left to the model;
* the address of an embedded post between two lines of the run of paragraphs (session
  29): a line that is one web address whose path names a post, a status or a video
  ("https://site.example/ann/status/123"), what an embed leaves when its script is lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from copydesk import Line

#: Words that join the two sides of a fixture or a result ("Leeds v Hull", "Ohio vs. Iowa").
_VERSUS = frozenset({"v", "v.", "vs", "vs."})
#: A joining word between two others, which every pairing line has (a quick test before the words are split).
_JOINER = re.compile(r"\s(?:v\.?|vs\.?|at)\s")
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
    """The lines of every kind above: the tables, the post signatures, the credits, the source lines, the dividers.

    ``counts`` holds each line's words, ``run`` the main run's first and last line.
    """
    table = set(tables(text, lines, counts, run))
    signed = set(signatures(text, lines))
    quoted = set(posts(counts, signed, run))
    return {
        *table,
        *notes(text, lines, counts, table),
        *signed,
        *quoted,
        *credits(text, lines, counts, run),
        *sources(text, lines, counts, (run[0], embeds_end(run[1], signed | quoted, len(lines)))),
        *dividers(text, lines, counts, run),
        *captions(text, lines, counts, run),
        *addresses(text, lines, counts, run),
    }


def embeds_end(last: int, embedded: set[int], size: int) -> int:
    """The last line of the embedded posts (``embedded``: signatures and their text) right under line ``last``.

    A story that closes on quoted posts has its source line below them, not below its last
    paragraph: ``last`` when no post follows it.
    """
    while last + 1 < size and last + 1 in embedded:
        last += 1
    return last


def pairing(piece: str) -> bool:
    """Whether a line joins two names as a fixture or result does: "Leeds v Hull", "Iowa at Ohio, 1 p.m.".

    Not a headline about a match, whose pairing a colon follows ("Leeds v Hull: player
    ratings from the game", a related-stories box).
    """
    if _JOINER.search(piece) is None:  # no word that could join two sides: most lines
        return False
    words = piece.split()
    if any(word.endswith(":") for word in words[2:]):
        return False
    dated = any(c.isdigit() for c in piece)
    for k in range(1, len(words) - 1):
        if words[k] in _VERSUS or (dated and words[k] == "at"):
            before, after = words[k - 1][0], words[k + 1][0]
            if (before.isupper() or before.isdigit()) and (after.isupper() or after.isdigit()):
                return True
    return False


def tables(text: str, lines: Sequence[Line], counts: Sequence[int], run: tuple[int, int]) -> Iterable[int]:
    """The lines of every table that begins inside the main run ``run`` or just after it.

    A table's lines are its pairing lines and the labels right before one of them ("Sunday").
    """
    first, last = run
    pairs: list[int] = []
    labels: list[int] = []
    label = -1  # a short line that a pairing line may follow
    for i, (start, end) in enumerate(lines):
        if counts[i] <= TABLE_MAX_WORDS and pairing(text[start:end]):
            pairs.append(i)
            labels += [label] if label >= 0 else []
            label = -1
        elif label < 0 and 0 < counts[i] <= TABLE_LABEL_WORDS:
            label = i  # a day or a heading, if a pairing line follows
        else:
            yield from _table(pairs, labels, first, last)
            pairs, labels = [], []
            label = i if 0 < counts[i] <= TABLE_LABEL_WORDS else -1
    yield from _table(pairs, labels, first, last)


def _table(pairs: list[int], labels: list[int], first: int, last: int) -> list[int]:
    """The table's lines if it is one: enough pairing lines, the first inside the run or within reach after it."""
    if len(pairs) >= TABLE_MIN_LINES and first <= pairs[0] <= last + TABLE_REACH:
        return pairs + labels
    return []


#: Words of a call to action, which a table's note never is ("Sign up for our newsletter.").
PROMPTS = frozenset("subscribe subscribers newsletter newsletters sign click follow share download register".split())


def notes(text: str, lines: Sequence[Line], counts: Sequence[int], table: set[int]) -> Iterable[int]:
    """The note right under a table: a sentence of at most ``TABLE_MAX_WORDS`` words ("All times local.").

    Not a call to action under it ("Sign up for our free sports newsletter today."): page chrome.
    """
    for i in table:
        j = i + 1
        if j < len(lines) and j not in table and 2 <= counts[j] <= TABLE_MAX_WORDS:
            start, end = lines[j]
            words = {word.strip(".,!:;").lower() for word in text[start:end].split()}
            if text[start].isupper() and text[end - 1] == "." and not words & PROMPTS:
                yield j


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


#: The most lines above its signature a post's text may take.
POST_MAX_LINES = 3
#: A line of a post's text has at most this many words (a post of 280 characters has about 55).
POST_MAX_WORDS = 60
#: A post whose text is read begins at most this many lines after the main run.
POST_REACH = 2


def posts(counts: Sequence[int], signed: set[int], run: tuple[int, int]) -> Iterable[int]:
    """The text of each embedded post quoted among the paragraphs: the lines right above its signature.

    At most ``POST_MAX_LINES`` lines of at most ``POST_MAX_WORDS`` words each, up to the
    signature of the post before (``signed``): a post's text scraped a line per paragraph
    ("THE BILL IS A GIVEAWAY" / "- Ann Lee (@annlee) May 5, 2017"). The post must begin
    after the main run's first line and at most ``POST_REACH`` lines after its last; one
    in a sidebar, above or well below the story, is left to the model.
    """
    first, last = run
    for i in sorted(signed):
        post: list[int] = []
        for j in range(i - 1, max(-1, i - 1 - POST_MAX_LINES), -1):
            if j in signed or not 0 < counts[j] <= POST_MAX_WORDS:
                break
            post.append(j)
        if post and first < post[-1] <= last + POST_REACH:
            yield from post


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
    """The photo credits between two lines of the main run ``run``: "Photo: Ann Lee", "Ann Lee/Agency".

    And the caption right above a credit, after a single line break, of at most
    ``CAPTION_MAX_WORDS`` words ("Ann Lee opens the pier" / "Photo: Agency"): the form a
    scraped figure keeps; a line a blank line sets apart from the credit is left to the model.
    """
    first, last = run
    for i in range(first + 1, last):
        start, end = lines[i]
        if 0 < counts[i] <= CREDIT_MAX_WORDS and credit(text[start:end]):
            above = lines[i - 1][1]
            if 0 < counts[i - 1] <= CAPTION_MAX_WORDS and text.count("\n", above, start) == 1:
                yield i - 1
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


#: What a source line opens with ("Source: Lowmarsh Herald", "Via the wire"), lower-cased.
_SOURCE_LABELS = ("source:", "sources:", "via ", "featured image ")
#: A source line has at most this many words ("Featured image via Ann Lee/Agency Images").
SOURCE_MAX_WORDS = 8
#: A source line may be at most this many lines after the main run (an embed between).
SOURCE_REACH = 2
#: A "Via" line has at least this many words: "Via Twitter" alone is a share button.
VIA_MIN_WORDS = 3


def sources(text: str, lines: Sequence[Line], counts: Sequence[int], run: tuple[int, int]) -> Iterable[int]:
    """The source lines inside the main run ``run`` or just after it: "Source: Lowmarsh Herald".

    ``run`` ends on the last of the posts quoted right under the paragraphs (:func:`embeds_end`).
    """
    first, last = run
    for i in range(first, min(len(lines), last + 1 + SOURCE_REACH)):
        if not 0 < counts[i] <= SOURCE_MAX_WORDS:
            continue
        start, end = lines[i]
        line = text[start:end].lower()
        if line.startswith(_SOURCE_LABELS) and (not line.startswith("via ") or counts[i] >= VIA_MIN_WORDS):
            yield i


#: The marks a divider repeats ("***", "~~~", "-----", "= = =").
_DIVIDER_MARKS = frozenset("-–—~*=_#•·.+")
#: A divider repeats its mark at least this many times.
DIVIDER_MIN_MARKS = 3


def dividers(text: str, lines: Sequence[Line], counts: Sequence[int], run: tuple[int, int]) -> Iterable[int]:
    """The dividers between two lines of the main run ``run``: a line of one mark repeated ("***", "-----")."""
    first, last = run
    for i in range(first + 1, last):
        start, end = lines[i]
        if not counts[i] and divider(text[start:end]):
            yield i


def divider(piece: str) -> bool:
    """Whether a line is one mark of :data:`_DIVIDER_MARKS` repeated at least ``DIVIDER_MIN_MARKS`` times (spaces between)."""
    marks = piece.replace(" ", "")
    return len(marks) >= DIVIDER_MIN_MARKS and len(set(marks)) == 1 and marks[0] in _DIVIDER_MARKS


#: A photo's alternative text (a name) has at most this many words ("Officer Ann Lee").
CAPTION_NAME_WORDS = 4
#: The caption under it has at most this many words.
CAPTION_MAX_WORDS = 15


def captions(text: str, lines: Sequence[Line], counts: Sequence[int], run: tuple[int, int]) -> Iterable[int]:
    """A scraped figure's name and caption between two lines of the main run ``run``: "Ann Lee" / "Officer Ann Lee ...".

    Line ``i`` is a name (at most ``CAPTION_NAME_WORDS`` words, each opening on a capital) and
    line ``i + 1``, after a single line break, holds it again as words of its own, in at most
    ``CAPTION_MAX_WORDS`` words; both lie strictly inside the run.
    """
    first, last = run
    for i in range(first + 1, last - 1):
        if not (0 < counts[i] <= CAPTION_NAME_WORDS and 0 < counts[i + 1] <= CAPTION_MAX_WORDS):
            continue
        (start, end), (below, stop) = lines[i], lines[i + 1]
        if text.count("\n", end, below) != 1:
            continue  # a blank line between them (or none: one line)
        name = text[start:end].split()
        if all(word[:1].isupper() for word in name) and _holds(text[below:stop].split(), name):
            yield from (i, i + 1)


def _holds(words: list[str], name: list[str]) -> bool:
    """Whether ``words`` hold ``name`` as a run of whole words ("Officer Ann Lee of ..." holds "Ann Lee")."""
    size = len(name)
    return any(words[k : k + size] == name for k in range(len(words) - size + 1))


#: What the address of an embedded post holds in its path: a post, a status, a video (``/status/123``).
_POST_PATHS = ("/status/", "/statuses/", "/posts/", "/p/", "/reel/", "/video/", "/watch?v=")


def addresses(text: str, lines: Sequence[Line], counts: Sequence[int], run: tuple[int, int]) -> Iterable[int]:
    """The address of an embedded post between two lines of the main run ``run``: "https://site.example/ann/status/123".

    A line that is one web address whose path names a post, a status or a video: what an
    embed leaves when a page is scraped without its script. A site's links are words or
    several addresses; a bare address of a page (no post in its path) stays with the model.
    """
    first, last = run
    for i in range(first + 1, last):
        start, end = lines[i]
        piece = text[start:end]
        if (
            counts[i]
            and piece.startswith(("http://", "https://"))
            and " " not in piece
            and any(p in piece for p in _POST_PATHS)
        ):
            yield i
