"""Line shapes for the truncation scorer: list items, credits, headings, sentence ends.

Everything here looks at one line (or the end of one line) of an article and says
what it is: a list item, a byline or credit, a heading, a URL; whether it ends on
terminal punctuation, on a word that cannot end a sentence, or with a quotation or
parenthesis left open. All checks scan the line once; no regular expression has
nested or overlapping unbounded quantifiers.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from copydesk import WORD, Line, TextView
from copydesk.plugins.truncation.lexicon import Lexicons, normalise

TERMINAL = ".!?…"
#: Characters that may follow terminal punctuation: closing quotes and brackets.
CLOSERS = "\"'”’»)]}*_` \t"
#: Punctuation that announces more text: a sentence cannot stop on it.
CONTINUING = ",;&/-–—(“‘«"
BULLETS = "-*•·‣◦▪▸►●○■□✓✔"
_NUMBERED = re.compile(r"\(?(?:[0-9]{1,3}|[a-zA-Z])[.)]\s")
_URLISH = re.compile(
    r"(?:https?://|www\.|@|#)[^\W_]|\S@\S|\.(?:com|org|net|co\.uk|gov|edu|io)\b|[^\W_]\.[a-z]{2,6}/[^\W_]",
    re.IGNORECASE,
)
MINOR_WORDS = frozenset("a an the of in on at to for and or but by via with from as vs".split())
#: "we'll", "they're", "I've", "I'm", "she'd": an auxiliary cannot end a sentence contracted.
CONTRACTED_AUXILIARIES = tuple(a + s for a in "'’" for s in ("ll", "re", "ve", "m", "d"))
#: Words a credit naming someone by role may have ("Jane Smith is a staff writer ...").
SHORT_CREDIT = 12
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?] +[A-Z]")
OPENERS = {"“": "”", "«": "»", "(": ")"}
#: Up to this many characters a line's words are all found at once, even when only a few are counted.
_SHORT_LINE_CHARS = 160


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
        """Whether the stretch ends on sentence-final punctuation (or an emoji or symbol)."""
        return self.char in TERMINAL or self.char == "" or unicodedata.category(self.char) == "So"


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


#: The text :func:`line_tail` read last and its :class:`Tail` (one tuple, replaced whole).
_LAST_TAIL: tuple[str, Tail] = ("", Tail(0, "", "", 0))


def line_tail(text: str, start: int = 0) -> Tail:
    """:func:`tail` of the whole of ``text``, offsets moved on by ``start``; the last text's read again from memory.

    The ending's checks read how the same line ends two or three times (closing structure,
    a headline run, the verdict). The word pattern looks at nothing before where it starts,
    so ``tail(whole, start, start + len(text))``, where ``text`` is that stretch of ``whole``,
    is ``line_tail(text, start)`` (the tests compare them).
    """
    global _LAST_TAIL  # a memory of one line, replaced whole (one assignment)
    last, found = _LAST_TAIL
    if last != text:
        found = tail(text, 0, len(text))
        _LAST_TAIL = (text, found)
    if start:
        return Tail(found.stop + start, found.char, found.word, found.word_start + start)
    return found


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
    if category is None and word.endswith(("'s", "’s")) and len(word) > 3:
        return "possessive"
    if category is None and word.endswith(CONTRACTED_AUXILIARIES):
        return "contracted auxiliary"
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


def is_label_item(text: str) -> bool:
    """A ``Label: text`` paragraph: one to five capitalised words, a colon, then text."""
    label, colon, rest = text[:80].partition(": ")
    words = label.split()
    if not colon or not 1 <= len(words) <= 5 or len(rest.split()) < 2:
        return False
    return all(w.isalpha() and (w[:1].isupper() or w in MINOR_WORDS) for w in words) and words[0][:1].isupper()


def is_item(text: str) -> bool:
    """A list item: a marked line or a ``Label: text`` paragraph."""
    return list_marker(text) is not None or is_label_item(text)


def credit_cue(line: str, lex: Lexicons) -> tuple[str, int] | None:
    """The credit cue of a byline-like line and its word position, if any.

    A one-word cue counts among the first three words, or anywhere when the line
    starts with a name (two capitalised words: "Jane Smith is a staff writer"); a
    cue of several words ("contributed to this report") counts anywhere.
    """
    tokens = normalise(line[:300]).split()
    phrases = _phrases(lex.credit_cues)
    for i, token in enumerate(tokens):
        for cue, size, words in phrases.get(token, ()):
            if tokens[i : i + size] == words:
                return cue, i
    named = starts_with_name(line)
    for i, token in enumerate(tokens):
        if (token in lex.credit_cues and i < 3) or (named and token in lex.role_cues):
            return token, i
    return None


#: The cues of several words of each credit-cue set, by first word (:func:`_phrases`); a few sets, each kept whole.
_PHRASES: dict[int, tuple[frozenset[str], dict[str, list[tuple[str, int, list[str]]]]]] = {}


def _phrases(cues: frozenset[str]) -> dict[str, list[tuple[str, int, list[str]]]]:
    """The cues of several words, as ``(cue, words read, words)`` by first word, in the set's own order.

    :func:`credit_cue` tries at each word of a line the cues whose first word it is, in
    the order it would meet them going through the whole set (the set itself is the key,
    not an equal one, whose order may differ), rather than every cue at every word. A
    cue whose word count differs from its spaces plus one (two spaces in a row) matches
    nowhere and is left out.
    """
    kept = _PHRASES.get(id(cues))
    if kept is not None and kept[0] is cues:
        return kept[1]
    phrases: dict[str, list[tuple[str, int, list[str]]]] = {}
    for cue in cues:
        size, words = cue.count(" ") + 1, cue.split()
        if " " in cue and len(words) == size:
            phrases.setdefault(words[0], []).append((cue, size, words))
    if len(_PHRASES) >= 32:
        _PHRASES.clear()
    _PHRASES[id(cues)] = (cues, phrases)
    return phrases


def starts_with_name(line: str) -> bool:
    """The line opens with two capitalised words, as a name does ("Jane Smith is ...")."""
    words = _words(line[:40])[:2]
    return len(words) == 2 and all(w[:1].isupper() for w in words)


def _names_someone(line: str) -> bool:
    """``by``/``via`` introduces a source: "Reporting by Jane Smith", "image via screen capture"."""
    words = _words(line)
    for word, following in itertools.pairwise(words):
        lowered = word.lower()
        if lowered == "via" or (lowered == "by" and following[:1].isupper()):
            return True
    return False


def is_credit(line: str, lex: Lexicons) -> bool:
    """A byline, credit, caption or sign-off ("Photo: AP", "— Jane Smith", "(Reuters)")."""
    stripped = line.strip()
    if stripped.startswith(("—", "--", "―")):
        return True
    if stripped[:1] in "([" and stripped[-1:] in ")]":
        return True
    found = credit_cue(stripped, lex)
    if found is None:
        return False
    cue, position = found
    if (" " in cue or position < 2) and word_count(stripped) <= 5:
        return True
    linked = any(c in stripped for c in ":/|@") or _names_someone(stripped)
    named = cue in lex.role_cues and starts_with_name(stripped) and word_count(stripped) <= SHORT_CREDIT
    return linked or named or " " in cue or not is_prose_like(stripped)


def is_prose_like(line: str) -> bool:
    """At least half the words after the first start in lower case."""
    words = _words(line)[1:]
    if not words:
        return False
    lower = sum(1 for w in words if w[:1].islower())
    return lower >= 0.5 * len(words)


def word_count(line: str, most: int | None = None) -> int:
    """How many words a line has; with ``most``, counting stops at ``most + 1`` (enough to compare with ``most``)."""
    if most is None or len(line) <= _SHORT_LINE_CHARS:
        return len(_words(line))
    return sum(1 for _ in itertools.islice(WORD.finditer(line), most + 1))


def line_words(view: TextView, line: Line) -> int | None:
    """How many words line ``line`` of ``view`` has (:func:`word_count` of its text), read from the token stream.

    The stream's words are the matches of the same pattern over the whole text, and none
    crosses a line break, so the words starting inside the line are the line's own (two
    bisections instead of a search of the line; the tests compare them). None when the
    view's stream is not built yet: the caller counts the line itself rather than split
    the whole text for it (this scorer run alone reads a long text's last lines only).
    """
    stream = view.__dict__.get("tokens")
    return None if stream is None else len(stream.between(line.start, line.end))


def signature_start(line: str) -> int | None:
    """Where a closing signature ``— Name (@handle) date`` starts in the line, if it has one."""
    dash = line.rfind("—")
    if dash <= 0 or len(line) - dash > 120:
        return None
    part = line[dash + 1 :].strip()
    if not part or word_count(part) > 10 or part[-1] in TERMINAL:
        return None
    return dash if "@" in part or (is_title_case(part) and ends_capitalised(part)) else None


def is_long_credit(line: str, lex: Lexicons) -> bool:
    """A sign-off longer than a byline: one sentence that opens on a credit cue, or a bio.

    A bio opens on a name, then "is a"/"was the" and a role within a few words: "Jane
    Doe is a senior reporter at Example News, where she covers housing".
    """
    if _SENTENCE_BREAK.search(line):
        return False
    found = credit_cue(line, lex)
    return found is not None and ((found[1] <= 1 and is_credit(line, lex)) or _is_bio(line, found, lex))


def _is_bio(line: str, found: tuple[str, int], lex: Lexicons) -> bool:
    """``Name Name is a <role> ...``: a name, ``is``/``was``, an article, the role soon after."""
    if found[0] not in lex.role_cues or not starts_with_name(line):
        return False
    tokens = normalise(line[:300]).split()
    verb = next((i for i in (2, 3) if i < len(tokens) and tokens[i] in ("is", "was")), None)
    return verb is not None and tokens[verb + 1 : verb + 2] in (["a"], ["an"], ["the"]) and found[1] <= verb + 5


def quote_left_open(text: str) -> str | None:
    """The quotation mark or parenthesis left open at the end of ``text``, if any.

    Only the last quotation mark and the last parenthesis count, so quotes mangled
    earlier in a paragraph do not matter: the text is open when the last one opens.
    A straight double quote opens when it follows white space, ``(``, ``[``, ``:``, a
    dash or the start and is followed by a non-space; it closes otherwise.
    """
    quote = max(text.rfind('"'), text.rfind("“"), text.rfind("”"))
    if quote >= 0:
        char = text[quote]
        previous = text[quote - 1] if quote else " "
        following = text[quote + 1 : quote + 2] or " "
        straight_opens = (previous.isspace() or previous in "([:—–") and not following.isspace()
        if char == "“" or (char == '"' and straight_opens):
            return char
    return "(" if text.rfind("(") > text.rfind(")") else None
