"""Line shapes for the truncation scorer: list items, credits, headings, sentence ends.

Everything here looks at one line (or the end of one line) of an article and says
what it is: a list item, a byline or credit, a heading, a URL; whether it ends on
terminal punctuation, on a word that cannot end a sentence, or with a quotation or
parenthesis left open. All checks scan the line once; no regular expression has
nested or overlapping unbounded quantifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copydesk.plugins._truncation_lexicon import Lexicons, normalise
from copydesk.text import WORD

TERMINAL = ".!?…"
#: Characters that may follow terminal punctuation: closing quotes and brackets.
CLOSERS = "\"'”’»)]}*_` \t"
#: Punctuation that announces more text: a sentence cannot stop on it.
CONTINUING = ",;&/-–—(“‘«"
BULLETS = "-*•·‣◦▪▸►●○■□✓✔"
_NUMBERED = re.compile(r"\(?(?:[0-9]{1,3}|[a-zA-Z])[.)]\s")
_URLISH = re.compile(r"(?:https?://|www\.|@|#)[^\W_]|\S@\S|\.(?:com|org|net|co\.uk|gov|edu|io)\b", re.IGNORECASE)
MINOR_WORDS = frozenset("a an the of in on at to for and or but by via with from as vs".split())
OPENERS = {"“": "”", "«": "»", "(": ")"}


@dataclass(frozen=True)
class Tail:
    """How a stretch of text ends.

    :ivar stop: position just after the last significant character (closers dropped).
    :ivar char: that character ("" for an empty stretch).
    :ivar word: the last word, lower case ("" if none).
    :ivar word_start: where the last word starts (``stop`` if none).
    """

    stop: int
    char: str
    word: str
    word_start: int

    @property
    def terminal(self) -> bool:
        """Whether the stretch ends on sentence-final punctuation."""
        return self.char in TERMINAL or self.char == ""


def tail(text: str, start: int, end: int) -> Tail:
    """Look at how ``text[start:end]`` ends (scans back over closers and one word)."""
    stop = end
    while stop > start and text[stop - 1] in CLOSERS:
        stop -= 1
    char = text[stop - 1] if stop > start else ""
    begin = max(start, stop - 60)
    words = list(WORD.finditer(text, begin, stop))
    if not words:
        return Tail(stop, char, "", stop)
    last = words[-1]
    return Tail(stop, char, last.group().lower(), last.start())


def list_marker(line: str) -> str | None:
    """``"bullet"`` or ``"number"`` when the line starts with a list marker, else None."""
    if len(line) >= 2 and line[0] in BULLETS and line[1] in " \t":
        return "bullet"
    if _NUMBERED.match(line):
        return "number"
    return None


def open_bracket(line: str) -> str | None:
    """The quotation mark or parenthesis the line leaves open, if any."""
    for opener, closer in OPENERS.items():
        if line.count(opener) > line.count(closer):
            return opener
    if line.count('"') % 2:
        return '"'
    return None


def non_final_category(word: str, lex: Lexicons) -> str | None:
    """The word class of ``word`` if a sentence cannot end on it, else None."""
    category = lex.non_final.get(word)
    if category is None and (word.endswith("'s") or word.endswith("’s")) and len(word) > 3:
        return "possessive"
    return category


def _words(line: str) -> list[str]:
    """The words of a line, as written."""
    return WORD.findall(line)


def is_title_case(line: str) -> bool:
    """Most of the line's non-minor words are capitalised (a heading, a name).

    Words starting with a digit count neither way.
    """
    all_words = _words(line)
    words = [w for w in all_words[1:] if w.lower() not in MINOR_WORDS and not w[:1].isdigit()]
    if not words:
        return bool(all_words) and all_words[0][:1].isupper()
    capital = sum(1 for w in words if w[:1].isupper())
    return capital >= 0.6 * len(words)


def ends_capitalised(line: str) -> bool:
    """The line's last word starts with a capital or a digit (names, headings, dates)."""
    words = _words(line[-80:])
    return bool(words) and (words[-1][:1].isupper() or words[-1][:1].isdigit())


def has_letters(line: str) -> bool:
    """Whether the line has any letter at all."""
    return any(c.isalpha() for c in line)


def is_all_caps(line: str) -> bool:
    """The line has at least two letters and no lower-case letter."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def ends_with_address(line: str) -> bool:
    """The line's last token is a URL, a domain, an e-mail address, a handle or a hashtag."""
    last = line.rstrip(CLOSERS + ".").rsplit(None, 1)[-1] if line.strip() else ""
    return bool(last) and bool(_URLISH.search(last))


def credit_cue(line: str, lex: Lexicons) -> str | None:
    """The credit cue among the first words of a byline-like line, if any."""
    tokens = normalise(line[:120]).split()[:4]
    for size in (2, 1):
        for i in range(len(tokens) - size + 1):
            cue = " ".join(tokens[i : i + size])
            if cue in lex.credit_cues and i < 3:
                return cue
    return None


def is_credit(line: str, lex: Lexicons) -> bool:
    """A byline, credit, caption or sign-off ("Photo: AP", "— Jane Smith", "(Reuters)")."""
    stripped = line.strip()
    if stripped.startswith(("—", "--", "―")):
        return True
    if stripped[:1] in "([" and stripped[-1:] in ")]":
        return True
    cue = credit_cue(stripped, lex)
    if cue is None:
        return False
    if cue.split()[0] in normalise(stripped).split()[:2] and word_count(stripped) <= 5:
        return True
    lowered = f" {normalise(stripped)} "
    linked = ":" in stripped or "/" in stripped or "|" in stripped or " by " in lowered or " via " in lowered
    return linked or not is_prose_like(stripped)


def is_prose_like(line: str) -> bool:
    """At least half the words after the first start in lower case."""
    words = _words(line)[1:]
    if not words:
        return False
    lower = sum(1 for w in words if w[:1].islower())
    return lower >= 0.5 * len(words)


def word_count(line: str) -> int:
    """How many words a line has."""
    return len(_words(line))


def signature_start(line: str) -> int | None:
    """Where a closing signature ``— Name (@handle) date`` starts in the line, if it has one."""
    dash = line.rfind("—")
    if dash <= 0 or len(line) - dash > 120:
        return None
    part = line[dash + 1 :].strip()
    if not part or word_count(part) > 10 or part[-1] in TERMINAL:
        return None
    return dash if "@" in part or (is_title_case(part) and ends_capitalised(part)) else None
