r"""Shapes of complete-article endings that carry no full stop, for the truncation scorer.

Articles from many sources end on lines that are whole without terminal punctuation:
a Markdown or bold heading, a list whose items are run together on one line ("Intro /
Song One / Song Two", "Ian Rose ... Risa Heller ... Serena Williams is 35"), an
enumeration after a label or lead-in ("Ingredients: flour, sugar, eggs"), a copyright
line ("© 2024 Example News"), an emoticon ("¯\_(ツ)_/¯"), and the sign-off lines that
close an article ("Reporting by ...", "... contributed to this report"), after which
nothing is article text. Each check looks at one line and scans it once.
"""

from __future__ import annotations

import re
import unicodedata

from copydesk import WORD
from copydesk.plugins.truncation.lexicon import Lexicons, normalise
from copydesk.plugins.truncation.lines import is_credit, is_long_credit, quote_left_open

#: Separators that run list items together on one line.
ITEM_SEPARATORS = (" / ", " // ", " | ", " • ", " · ", " ... ")
#: Words a run-together list item may have at most; half the items are much shorter.
MAX_ITEM_WORDS = 20
SHORT_ITEM_WORDS = 6
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+\S")
_ASCII_EMOTICON = re.compile(r"(?:[:;=8][-'^o]?[()\[\]DPp3|/\\*]|<3|\^_*\^|[xX]D)\Z")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_COPYRIGHT = re.compile(r"(?:copyright\s*)?(?:©|\(c\)\s*[0-9]|copyright\s+[0-9])", re.IGNORECASE)
#: Credit cues that close an article (sign-offs), unlike photo credits, which caption
#: pictures anywhere in it.
SIGN_OFF_CUES = frozenset(
    "reporting reported editing edited writing written contributed additional compiled copyright".split()
)
#: Multi-word sign-off cues, counted anywhere in the line (normalised form).
SIGN_OFF_PHRASES = ("contributed to this", "contributed reporting", "all rights reserved")
#: Opening words of closing furniture that introduces links to other stories.
LINK_HEADINGS = (
    "related",
    "see also",
    "more on",
    "more from",
    "more stories",
    "read more",
    "also read",
    "read also",
    "you may also",
    "you might also",
    "recommended",
    "further reading",
)
#: Verbs of saying that, with a trailing ellipsis, introduce a quotation ("he merely stated…").
REPORTING_VERBS = frozenset(
    """said says stated states wrote writes added adds tweeted tweets posted posts replied
    replies responded explained declared noted asked continued insisted told""".split()
)


def is_heading_markup(line: str) -> bool:
    """A Markdown heading (``## What next``) or a line wholly in bold (``**What next**``)."""
    stripped = line.strip()
    if _MARKDOWN_HEADING.match(stripped):
        return True
    for mark in ("**", "__"):
        inner = stripped[len(mark) : -len(mark)] if len(stripped) > 2 * len(mark) else ""
        if stripped.startswith(mark) and stripped.endswith(mark) and inner.strip() and mark not in inner:
            return len(WORD.findall(inner)) <= 16
    return False


def item_parts(line: str) -> list[str]:
    """The items of a line that runs three or more short items together, else ``[]``.

    Items are separated by one of :data:`ITEM_SEPARATORS` (an ellipsis may be written
    ``…`` or ``...``); none may have more than :data:`MAX_ITEM_WORDS` words and the
    median item at most :data:`SHORT_ITEM_WORDS`.
    """
    line = line.replace(" … ", " ... ")
    for separator in ITEM_SEPARATORS:
        if line.count(separator) < 2:
            continue
        parts = [p for p in (part.strip() for part in line.split(separator)) if p]
        sizes = sorted(len(WORD.findall(p)) for p in parts)
        if len(parts) >= 3 and sizes[-1] <= MAX_ITEM_WORDS and sizes[len(sizes) // 2] <= SHORT_ITEM_WORDS:
            return parts
    return []


def is_enumeration(text: str) -> bool:
    """Three or more short comma-separated items: "flour, sugar, eggs", "Ohio (18), Utah (6)".

    Only a line introduced as a list (after a label or a line ending on a colon) is
    asked; items may have up to :data:`SHORT_ITEM_WORDS` words.
    """
    parts = [p.strip() for p in text.split(",")]
    if len(parts) < 3 or not all(parts):
        return False
    return all(len(WORD.findall(p)) <= SHORT_ITEM_WORDS for p in parts)


def label_rest(text: str) -> str | None:
    """The text after a short label ("Ingredients: flour, sugar"), or None without one."""
    label, colon, _ = text[:300].partition(": ")
    if not colon or not 1 <= len(WORD.findall(label)) <= 4 or not label[:1].isupper():
        return None
    return text[len(label) + 2 :]


def is_copyright(line: str) -> bool:
    """A copyright line: "© 2024 Example News", "(c) 2024 Example Corp", "Copyright 2024 AP"."""
    return _COPYRIGHT.match(line.strip()) is not None


def ends_on_emoticon(text: str, start: int, end: int) -> bool:
    r"""The stretch ends on an emoticon or kaomoji token (``:)``, ``¯\_(ツ)_/¯``).

    The token has no ASCII letter or digit and holds a symbol that is not a currency
    sign, or is a common ASCII emoticon; a lone dash or bracket is never one.
    """
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    begin = stop
    while begin > start and not text[begin - 1].isspace() and stop - begin < 24:
        begin -= 1
    token = text[begin:stop]
    if len(token) < 2:
        return False
    if _ASCII_EMOTICON.match(token):
        return True
    if _ASCII_ALNUM.search(token):
        return False
    return any(unicodedata.category(c) in ("Sk", "So", "Sm") for c in token)


def is_sign_off(line: str, lex: Lexicons) -> bool:
    """A line that closes an article: a reporting, editing or contribution credit, a copyright.

    Photo and image credits do not count: captions stand anywhere in an article.
    """
    if is_copyright(line):
        return True
    tokens = normalise(line[:300]).split()
    if not tokens:
        return False
    joined = " ".join(tokens)
    if any(phrase in joined for phrase in SIGN_OFF_PHRASES):
        return True
    opening = tokens[:3] if tokens[0] not in ("with", "and") else tokens[1:4]
    if not any(token in SIGN_OFF_CUES for token in opening):
        return False
    return is_credit(line, lex) or is_long_credit(line, lex)


def introduces_links(line: str, lex: Lexicons) -> bool:
    """A bare heading over links to other stories: "Related", "More on this story:".

    A line that carries its own link ("Related: Council approves budget") is not one:
    scrapes leave such lines inside articles, and the text under them is the article's.
    """
    label = line.strip().rstrip(":")
    if ":" in label or len(WORD.findall(label)) > 5 or lex.furniture.match_line(line) is None:
        return False
    normal = normalise(label)
    return any(normal == h or normal.startswith(h + " ") for h in LINK_HEADINGS)


def introduced_enumeration(line: str, above: str) -> bool:
    """``line`` is a comma-separated list after a label or after a line ending on a colon."""
    rest = label_rest(line)
    if rest is not None:
        return is_enumeration(rest)
    return above.rstrip().endswith(":") and is_enumeration(line)


def elided_ellipsis(line: str, last_word: str) -> bool:
    """A trailing ellipsis on ``line`` that is no excerpt mark.

    It elides a quotation (inside one left open, or after "he said…"), or it separates
    items, as the line's other spaced ellipses do ("Ian Rose ... Risa Heller ...").
    """
    dotted = line.replace("…", "...")
    separator = dotted.count(" ... ") >= 2 and dotted.rstrip().endswith(" ...")
    return separator or last_word in REPORTING_VERBS or quote_left_open(line) is not None
