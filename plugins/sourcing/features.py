"""The sourcing scorer's features: named sources, credited quotations, dates, places.

Evidence densities are shrunk toward the rate typical of professional copy (the
``TYPICAL`` rates, per 1,000 words: medians of BBC and US political news in the
issue-13 prototype, rounded), so a short brief without quotations is not read as
unsourced; see :mod:`copydesk.measures`. Everything is computed on the body.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from copydesk import Document, Feature, FeatureDirection, FeatureUnit, TextView, measures
from copydesk.plugins.sourcing import patterns as p
from copydesk.plugins.sourcing import speakers as sp

#: Typical professional rate (per 1,000 words) each shrunk evidence density is pulled toward.
TYPICAL = {
    "named_sources": 8.0,
    "credited_quotations": 6.5,
    "dates": 4.0,
    "places": 7.0,
    "institutions": 2.5,
    "document_references": 1.5,
    "titled_names": 0.5,
    "specific_details": 11.5,
    "relative_times": 2.5,
}
#: Quotations shorter than this many words are not judged (scare quotes, single terms).
MIN_QUOTE_WORDS = 4


def _feature(
    name: str, doc: str, unit: FeatureUnit = "per_1000_words", direction: FeatureDirection = "evidence"
) -> Feature:
    """A sourcing feature (evidence, per 1,000 words unless said otherwise)."""
    return Feature(name=name, direction=direction, doc=doc, unit=unit)


FEATURES = (
    _feature(
        "named_sources_per_1000_words",
        "A name (1-4 capitalised words, optional honorific) next to a verb of saying in either order "
        "('Maria Lopez said', 'said Maria Lopez'), or 'according to <Name>'; a single capitalised word "
        "opening a sentence ('Officials said') counts only if it also appears capitalised mid-sentence; "
        "months and weekdays never count. Shrunk toward 8 per 1,000.",
    ),
    _feature(
        "attributed_sentence_share",
        "Share of sentences with a verb of saying or 'according to' (smoothed, prior 0.25).",
        "share",
    ),
    _feature(
        "credited_quotations_per_1000_words",
        "Direct quotations of at least 4 words with a verb of saying or 'according to' within 100 "
        "characters either side or in the quotation's last 40 characters, or a speaker found by SRC001's "
        "readings (a named subject, definite role, indefinite source or he/she/they of its clause or of the sentence before, "
        "'She said' opening the next sentence, the previous speaker's quotation it goes on with). "
        "Shrunk toward 6.5 per 1,000.",
    ),
    _feature(
        "uncredited_quotation_share",
        "Share of quotations of at least 4 words with no verb of saying nearby, no name set off right before them "
        "and no speaker found by SRC001's readings (smoothed, prior 0.2).",
        "share",
        "problem",
    ),
    _feature("said_per_1000_words", "'said', 'says' and 'told' per 1,000 words (at least 300 words assumed)."),
    _feature(
        "past_tense_said_share", "'said' / ('said' + 'says'): past-tense reporting (smoothed, prior 0.8).", "share"
    ),
    _feature(
        "quotation_marks_per_1000_words",
        "Double quotation marks (straight or curly) halved, per 1,000 words (at least 300 words assumed).",
    ),
    _feature(
        "dates_per_1000_words",
        "Weekday names, 'March 3', '3 March', 'in 2019', ISO and d/m/y dates, clock times. Shrunk toward 4 per 1,000.",
    ),
    _feature(
        "places_per_1000_words",
        "1-2 capitalised words after in/at/near/outside/from ('in Leeds', 'from the West Bank'), not a "
        "month, weekday, honorific or institution ('in March', 'from Reuters'). Shrunk toward 7 per 1,000.",
    ),
    _feature(
        "institutions_per_1000_words",
        "Capitalised institution nouns and agencies (Ministry, Court, Police, University, Reuters, ...). "
        "Shrunk toward 2.5 per 1,000.",
    ),
    _feature(
        "document_references_per_1000_words",
        "Links and references to documents or data (report, study, statement, filing, data, ruling, "
        "published, ...). Shrunk toward 1.5 per 1,000.",
    ),
    _feature("dateline", "1.0 when the body opens with a dateline ('LONDON (Reuters) - ').", "presence"),
    _feature(
        "titled_names_per_1000_words",
        "A role title followed by a name ('Foreign Minister Sergei Lavrov', 'mayor Ann Cole'). "
        "Shrunk toward 0.5 per 1,000.",
    ),
    _feature(
        "distinct_names_per_1000_words",
        "Distinct runs of capitalised words (3+ letters each; a run opening a sentence loses its first "
        "word), per 1,000 words (at least 300 words assumed).",
    ),
    _feature(
        "specific_details_per_1000_words",
        "Amounts with a currency sign or a unit ('$4bn', '15%', '300 people', '12 miles'), month and weekday "
        "names, an honorific with a surname ('Mr Greenspan'), ages (', 34,', 'aged 34', '34-year-old'). "
        "Shrunk toward 11.5 per 1,000.",
    ),
    _feature(
        "relative_times_per_1000_words",
        "'yesterday', 'today', 'tonight', 'overnight', 'last/next/this week, month, year or weekend', "
        "'earlier/later this', 'on Monday' ... Shrunk toward 2.5 per 1,000.",
    ),
    _feature("proper_noun_share", "Capitalised words not opening a sentence / all words.", "share"),
    _feature(
        "digit_share",
        "Digit characters / all characters of the body, a CRLF counted as one, copydesk comments left out (specific numbers and dates).",
        "share",
    ),
)


@dataclass(frozen=True)
class Quotation:
    """A direct quotation of at least :data:`MIN_QUOTE_WORDS` words: span and whether it is credited."""

    start: int
    end: int
    credited: bool


def quotations(
    text: str, lower: str | None = None, view: TextView | None = None, speakers: bool = True
) -> Iterator[Quotation]:
    """Every quotation of at least four words in ``text``, credited or not.

    The credit is looked for in the windows of the lower-cased text with a case-sensitive
    pattern (the same matches as :data:`~patterns.ANY_ATTRIBUTION` on the windows as
    written, unless the text holds a character of ``UNFOLDED``). ``lower``, when given, is
    the text lower-cased with the same offsets (the token stream's ``lower``): it is not
    lower-cased again. (It differs from ``text.lower()`` only where that has another length,
    which a text without ``UNFOLDED`` never has, or at a capital sigma, a word character
    either way: the pattern matches the same.) ``view``, when given, is ``text``'s view:
    the windows are then read from one search of the whole text (:class:`_Credits`).
    With ``speakers`` (the default), a quotation is credited too by the readings of
    :mod:`~copydesk.plugins.sourcing.speakers` (a speaker beside it with any verb, in the
    next sentence, or the previous speaker's quotation it goes on with); without, only
    by its windows and a name set off before it.
    """
    if '"' not in text and "“" not in text:
        return
    windows = _Windows(text, lower, view)
    if not speakers:
        for match in _quotation_matches(text):
            if len(match.group("inner").split()) >= MIN_QUOTE_WORDS and not is_title(match.group("inner")):
                if labelled(text, match.start()):
                    continue
                start, end = match.span()
                yield Quotation(start, end, windows.credited(start, end) or named_before(text, start))
        return
    chain = sp.Chain(text, _mid_sentence_test(text))
    for found in _quotation_pieces(text, strays=True):
        if isinstance(found, int):
            _read_mark(chain, windows, found)
            continue
        start, end = found.span()
        own = functools.partial(_own_credit, windows, start, end, False)
        credited = chain.read(sp.Piece(start, end, sp.left_open(text, found), own, _more(text, found, chain.known)))
        if (
            len(found.group("inner").split()) >= MIN_QUOTE_WORDS
            and not is_title(found.group("inner"))
            and not labelled(text, start)
        ):
            yield Quotation(start, end, credited())


#: Lower-case words a title or a name in Title Case may hold ("Guide to the World Wide Web").
TITLE_SMALL_WORDS = frozenset("of the and to a an in on for at by with or from de".split())
#: The most words a quotation in Title Case may have and still be read as a title or a name.
TITLE_WORDS_MAX = 8


def is_title(inner: str) -> bool:
    """Whether a quotation's words are a title, a name or a slogan in Title Case, not testimony.

    ("Free Mojtaba and Arash Day", "Next Generation Secure Computing Base"): at most
    :data:`TITLE_WORDS_MAX` words, the first and last capitalised, every other word capitalised
    or one of :data:`TITLE_SMALL_WORDS`, and no stop, "?", "!" or ";" (a sentence has one).
    """
    words = inner.split()
    if len(words) > TITLE_WORDS_MAX or any(mark in inner for mark in ".?!;"):
        return False
    if not (words and words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    return all(word[:1].isupper() or word[:1].isdigit() or word in TITLE_SMALL_WORDS for word in words)


#: Words that show the quoted words right after them are a slogan, a chant, a title or lyrics, not
#: testimony ("the slogan: "...", "a poster trumpeting "...", "a shout of "...", "known as the "..."), or a
#: noun of a work right before it (the title: "the study "...", "the film "...").
LABEL = re.compile(
    r"(?i:\b(?:slogans?|mottos?|messages?|chants?|chanting|banners?|placards?|posters?(?:\s[a-z]++)?|headlines?|lyrics?"
    r"|titled|entitled|dubbed|nicknamed|billed\sas|known\sas|shouts?\sof|signs?\sreading)(?:\s(?:the|an?|like|such\sas))?[\s:,\-–—]*+"
    r"|\b(?:study|book|film|album|song|novel|play|series|programme|documentary|campaign)\s)\Z"
)
#: Characters read back from a quotation's opening mark for a :data:`LABEL` word.
LABEL_REACH = 40


#: The last word a :data:`LABEL` match ends with (before its run of spaces, colons, commas and dashes),
#: lower-cased: a label word, or what may follow one ("the", "like", "such as", "known as", "shouts of",
#: "signs reading"). After "poster" or "posters" any word may ("posters proclaiming").
_LABEL_LAST = frozenset(
    word.encode("ascii")
    for word in (
        "slogan slogans motto mottos message messages chant chants chanting banner banners placard placards poster"
        " posters headline headlines lyric lyrics titled entitled dubbed nicknamed as of reading the a an like"
        " study book film album song novel play series programme documentary campaign"
    ).split()
)
_POSTERS = (b"poster", b"posters")
#: The characters outside ASCII that ``re`` matches with an ASCII letter when ignoring case ("İ", "ı", "ſ", Kelvin's "K").
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
#: An ASCII letter lower-cased, every other byte a space (a window's words, by ``bytes.split``).
_LETTERS_LOWERED = bytes(c | 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))


def labelled(text: str, start: int) -> bool:
    """Whether the quotation opening at ``start`` comes right after a :data:`LABEL` word (a slogan or title, not testimony).

    The window is first read for its last two words, its ASCII letters lower-cased and every
    other character a space: a match of :data:`LABEL` ends at ``start`` with a run of characters
    that are no letters, so its last word is one of :data:`_LABEL_LAST`, or any after "poster(s)".
    Only then is the pattern searched (a search tries every one of the :data:`LABEL_REACH`
    offsets). Ignoring case, ``re`` matches an ASCII letter only with itself in either case and
    the four characters of :data:`_FOLDS_TO_ASCII`; a window holding one is searched as it is.
    """
    floor = start - LABEL_REACH if start > LABEL_REACH else 0
    window = text[floor:start]
    if window.isascii() or not any(char in window for char in _FOLDS_TO_ASCII):
        words = window.encode("ascii", "replace").translate(_LETTERS_LOWERED).split()
        if not words or (words[-1] not in _LABEL_LAST and (len(words) < 2 or words[-2] not in _POSTERS)):
            return False
    return LABEL.search(text, floor, start) is not None


def _own_credit(windows: _Windows, start: int, end: int, before_only: bool) -> bool:
    """A quotation's (or an unclosed mark's) credit of its own: a credit in its windows, or a name set off before it."""
    return windows.credited(start, end, before_only) or named_before(windows.text, start)


def _read_mark(chain: sp.Chain, windows: _Windows, at: int) -> None:
    """Read a mark no quotation was matched at: a quotation left unclosed, or a closing mark."""
    text = chain.text
    before = text[at - 1] if at else " "
    after = text[at + 1 : at + 2]
    if (before.isspace() or before in "([") and after and not after.isspace():
        own = functools.partial(_own_credit, windows, at, at + 1, True)
        chain.read(sp.Piece(at, at + 1, True, own, lambda: _speaker_before(text, at, chain.known)))
    else:
        chain.close(at)


def _more(text: str, found: re.Match[str], known: Callable[[str], bool]) -> Callable[[], bool]:
    """The speaker readings of a quotation match (:mod:`~copydesk.plugins.sourcing.speakers`), to ask later."""
    start, end = found.span()
    inner = found.group("inner")
    return lambda: (
        _speaker_before(text, start, known)
        or sp.speaker_after(text, end, inner, known)
        or sp.next_sentence_says(text, end, known)
        or sp.possessive_speaker(text, start, end, known)
        or sp.written_source(text, start, end)
        or sp.lone_name_before(text, start, known)
    )


def _speaker_before(text: str, start: int, known: Callable[[str], bool]) -> bool:
    """Whether a speaker is named before the quotation at ``start``: its clause's subject, or the sentence before's."""
    return sp.subject_before(text, start, known) or sp.previous_sentence_names(text, start, known)


class _Windows:
    """Whether a verb of saying or "according to" lies within a quotation's credit windows (see :func:`quotations`)."""

    def __init__(self, text: str, lower: str | None, view: TextView | None) -> None:
        """Choose the text searched (lower-cased when it folds) and the pattern; the whole search waits for a view."""
        folded = not unfolded(text)
        if folded and lower is None:
            lower = text.lower()
        searched, attribution = (
            (lower, p.ANY_ATTRIBUTION_LOWER) if folded and lower is not None else (text, p.ANY_ATTRIBUTION)
        )
        if len(searched) != len(text):
            searched, attribution = text, p.ANY_ATTRIBUTION
        self.text, self.searched, self.attribution, self.view = text, searched, attribution, view
        self.credits: _Credits | None = None

    def credited(self, start: int, end: int, before_only: bool = False) -> bool:
        """Whether the windows of the quotation ``text[start:end]`` hold a credit (only the one before it, if asked)."""
        if self.view is None:
            return any(
                self.attribution.search(self.searched[a:b])
                for a, b in _windows(start, end, len(self.text), before_only)
            )
        credits = self.credits
        if credits is None:
            credits = self.credits = _Credits(self.view, self.searched, self.attribution)
        within = credits.within
        if within(start - p.CREDIT_WINDOW if start > p.CREDIT_WINDOW else 0, start):
            return True
        if before_only:
            return False
        return within(end, min(len(self.text), end + p.CREDIT_WINDOW)) or within(
            max(start + 1, end - 1 - p.CREDIT_TAIL), end - 1
        )


def _windows(start: int, end: int, size: int, before_only: bool) -> list[tuple[int, int]]:
    """The credit windows of the quotation at ``start``-``end`` in a text of ``size`` characters: before it, after it, its tail."""
    windows = [(max(0, start - p.CREDIT_WINDOW), start)]
    if not before_only:
        windows += [(end, min(size, end + p.CREDIT_WINDOW)), (max(start + 1, end - 1 - p.CREDIT_TAIL), end - 1)]
    return windows


def _quotation_matches(text: str) -> Iterator[re.Match[str]]:
    """:data:`~patterns.QUOTATION`'s matches, tried only where an opening mark stands (found with ``str.find``, not a scan by ``re``)."""
    for found in _quotation_pieces(text):
        if not isinstance(found, int):
            yield found


def _quotation_pieces(text: str, strays: bool = False) -> Iterator[re.Match[str] | int]:
    """:func:`_quotation_matches`, and the offset of each opening mark that opens none and lies in none (in order).

    With ``strays``, a match that is two stray marks (:func:`stray_pair`) is no quotation: its first
    mark is given as an offset and its second is tried as an opening mark.
    """
    marks: list[int] = []
    for mark in _OPENING_MARKS:
        at = text.find(mark)
        while at >= 0:
            marks.append(at)
            at = text.find(mark, at + 1)
    marks.sort()
    match, resume = p.QUOTATION.match, 0
    for at in marks:
        if at < resume:
            continue
        found = match(text, at)
        if found is None or (strays and stray_pair(text, found)):
            yield at
        else:
            yield found
            resume = found.end()


#: Characters a quotation's opening mark may follow with no space between ("(", a dash, a slash).
_OPENING_AFTER = "([{—–-/'‘"


def stray_pair(text: str, found: re.Match[str]) -> bool:
    """Whether a quotation match is narrative between a closing mark and the next opening mark.

    Copy that runs paragraphs together (or closes a quotation with a space before its mark)
    leaves a closing mark where an opening one is looked for: ``heat. "But once I got ...``
    then ``... he added. Julie Howell disagreed. "There are ...`` reads the narrative between
    the two marks as a quotation. The match is such a pair when its first mark closes (it
    follows a word or stop with no space between, or a space follows it) and its second
    opens (a letter or digit follows it with no space between, or a space precedes it); a
    quotation spaced on both sides at both marks (`` " We will win " ``) is taken as one.
    """
    start, end = found.span()
    inner = found.group("inner")
    glued_before = start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENING_AFTER
    glued_after = text[end : end + 1].isalnum()
    spaced_in, spaced_out = inner[:1].isspace(), inner[-1:].isspace()
    if spaced_in and spaced_out and not glued_before and not glued_after:
        return False
    return (glued_before or spaced_in) and (glued_after or spaced_out)


#: The marks a quotation opens with (:data:`~patterns.QUOTATION`'s first character).
_OPENING_MARKS = '"“'
#: Marks that set a speaker's name off before a quotation ("Sam Allardyce: ...", "Sam Allardyce - ...").
_NAME_MARKS = (":", " -", " –", " —")
#: Marks that open a list line crediting the quotation after it ("- Bolton boss Sam Allardyce "...").
_LIST_MARKS = "-–—•"
#: Words a list line's credit may hold before its quotation (a role and a name).
_LIST_WORDS = 8


def named_before(text: str, start: int) -> bool:
    """Whether a name credits the quotation at ``start`` from right before it, on the same line.

    Either the name ends in a colon or a spaced dash ("Bolton boss Sam Allardyce: "...",
    "Sam Allardyce - "..."), or a list line opens with a dash and holds only a role and
    name before the quotation ("- Bolton boss Sam Allardyce "..."). A name is two
    capitalised words in a row, each with a lower-case letter ("Sam Allardyce", "Mr
    Negroponte"; not "BBC NEWS"). Only the :data:`~patterns.CREDIT_WINDOW` characters
    before the quotation are read.
    """
    floor = max(0, start - p.CREDIT_WINDOW)
    newline = text.rfind("\n", floor, start)
    prefix = text[newline + 1 if newline >= 0 else floor : start].rstrip()
    for mark in _NAME_MARKS:
        if prefix.endswith(mark):
            return _ends_in_name(prefix[: -len(mark)].split())
    opened = newline >= 0 or floor == 0
    head = prefix.lstrip()
    if not opened or not head or head[0] not in _LIST_MARKS:
        return False
    words = head[1:].split()
    return len(words) <= _LIST_WORDS and _ends_in_name(words)


def _ends_in_name(words: list[str]) -> bool:
    """Whether the last two of ``words`` are capitalised words with a lower-case letter (a name)."""
    return len(words) >= 2 and all(w[:1].isupper() and any(c.islower() for c in w) for w in words[-2:])


#: A run of word characters at a window's start, and one (of up to 13 characters) at its end.
_FIRST_RUN = re.compile(r"\w+")
_LAST_RUN = re.compile(r"\w{1,13}\Z")
#: The words a run cut by a window's start or end must be for the cut to make a match ("according
#: to" can only open or close with "according" or "to"): a cut that leaves any other word does not.
_OPENS_A_CREDIT = p.SAY_WORDS | {"according"}
_CLOSES_A_CREDIT = p.SAY_WORDS | {"to"}


class _Credits:
    """Whether a window of a body holds a credit, from one search of the whole body.

    :data:`~patterns.ANY_ATTRIBUTION`'s matches are whole words, or "according to", so no
    two can overlap: the whole text's matches (:data:`~patterns.FAST_ANY_ATTRIBUTION`, found
    where their first words start) are every place one can match, and a window holds one
    of its own where one of them lies inside it. The window as a slice differs only where
    its edge cuts a word (a word character either side): the slice gains a word boundary
    there, so a match may open at its start or close at its end that the text lacks. Only
    when the cut part is a verb of saying, "according" (at the start) or "to" (at the end)
    can one; that window is searched as a slice, as are all on the rare text holding a
    character of ``UNFOLDED`` (not searched lower-cased).
    """

    def __init__(self, view: TextView, searched: str, attribution: re.Pattern[str] | measures.WordBounded) -> None:
        """Find every match in ``view``'s text; ``searched`` and ``attribution`` are what a slice is searched with."""
        self.searched, self.attribution = searched, attribution
        self.folded = searched is not view.text
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in p.FAST_ANY_ATTRIBUTION.finditer(view):
            self.starts.append(match.start())
            self.ends.append(match.end())

    def within(self, start: int, end: int) -> bool:
        """Whether ``searched[start:end]`` holds a match of the attribution pattern.

        A match of the whole text inside the window is one of the slice's too (its word
        boundaries hold there as well), so the edges are checked for a cut only when none is.
        """
        if self.folded:
            index = bisect.bisect_left(self.starts, start)
            if index < len(self.starts) and self.ends[index] <= end:
                return True
            if not self._cut(start, end):
                return False
        return self.attribution.search(self.searched[start:end]) is not None

    def _cut(self, start: int, end: int) -> bool:
        """Whether the window's edges cut a word into one that may make a match of the slice's own.

        An edge cuts a word where the characters either side of it are both word characters
        (:data:`_WORD_PAIR`, one match instead of two tests).
        """
        searched = self.searched
        if 0 < start < end and _WORD_PAIR.match(searched, start - 1) is not None:
            first = _FIRST_RUN.match(searched, start, end)
            if first is not None and first.group() in _OPENS_A_CREDIT:
                return True
        if start < end < len(searched) and _WORD_PAIR.match(searched, end - 1) is not None:
            last = _LAST_RUN.search(searched, max(start, end - 13), end)
            return last is not None and last.group() in _CLOSES_A_CREDIT
        return False


#: Two word characters (``re``'s ``\w``, the characters :func:`_is_word` accepts): an edge between them cuts a word.
_WORD_PAIR = re.compile(r"\w\w")


@functools.lru_cache(maxsize=4)
def quotation_list(view: TextView) -> tuple[Quotation, ...]:
    """:func:`quotations` of ``view``'s text, found once for the scorer's rules and features."""
    return tuple(quotations(view.text, view.tokens.lower, view))


@functools.lru_cache(maxsize=4)
def source_count(view: TextView) -> int:
    """:func:`named_sources` of ``view``'s text, counted once for the scorer's rule and feature."""
    return named_sources(view.text, view=view)


@functools.lru_cache(maxsize=4)
def sentence_starts(text: str) -> frozenset[int]:
    """The offsets that open a sentence, before a character that is not a space or opening mark.

    Each is the end of a run of spaces and opening quotes/brackets (:data:`~patterns.OPENING_RUN`)
    after a sentence end or line break, or at the start of the text, however long the run (a
    blanked suppression comment is one: the word after it opens its sentence as it would
    without the comment). Found in one scan, for the words that need the test; the tests
    compare it with a look back from every offset.
    """
    first = p.OPENING_RUN.match(text)
    found = [first.end()] if first is not None else []
    found += [m.end() for m in p.AFTER_SENTENCE_END.finditer(text)]
    return frozenset(found)


#: The characters :data:`~patterns.OPENING_RUN` reads between a sentence end and its first word.
_OPENING = " \t\"“'‘(["
#: The characters before an offset :func:`opens_sentence` reads, before it asks :func:`sentence_starts`.
_LOOK_BACK = 64


def opens_sentence(text: str, at: int) -> bool:
    """Whether ``at`` is one of :func:`sentence_starts`, for an offset whose character is no space or opening mark.

    Read back from ``at`` (a few characters, not the whole text): it opens a sentence when the
    last character before it that is no space or opening mark ends a sentence or a line, or
    when there is none (the text's first word). Only a run of spaces and opening marks longer
    than :data:`_LOOK_BACK` sends the question to the scan of the whole text.
    """
    floor = at - _LOOK_BACK if at > _LOOK_BACK else 0
    before = text[floor:at].rstrip(_OPENING)
    if before:
        return before[-1] in ".!?\n"
    return floor == 0 or at in sentence_starts(text)


@functools.lru_cache(maxsize=4)
def capitalised_words(text: str) -> tuple[tuple[int, int, str, bool], ...]:
    """Each :data:`~patterns.FAST_CAPITALISED` word: start, end, the word, and whether it opens a sentence.

    For :func:`mid_sentence_capitals` (with :func:`sentence_starts` for the test).
    """
    initial = sentence_starts(text)
    return tuple((m.start(), m.end(), m.group(), m.start() in initial) for m in p.FAST_CAPITALISED.finditer(text))


def mid_sentence_capitals(text: str) -> set[str]:
    """Capitalised words that appear somewhere other than at the start of a sentence."""
    return {word for _, _, word, initial in capitalised_words(text) if not initial}


def capitalised_mid_sentence(text: str, word: str) -> bool:
    """Whether ``word`` is one of :func:`mid_sentence_capitals` of ``text``, looked for only where it occurs.

    A :data:`~patterns.FAST_CAPITALISED` word is a capital with no word character before it
    and every small ASCII letter after it (the pattern's run is possessive), so ``word`` is
    one where it occurs with no word character before it and no small ASCII letter after it
    (no other such word can hold that offset: its letters would all be word characters).
    """
    if p.FAST_CAPITALISED.fullmatch(word) is None:
        return False
    at = text.find(word)
    while at >= 0:
        after = text[at + len(word) : at + len(word) + 1]
        if (at == 0 or not _is_word(text[at - 1])) and not "a" <= after <= "z" and not opens_sentence(text, at):
            return True
        at = text.find(word, at + 1)
    return False


#: How many words :func:`named_sources` looks for where they occur (:func:`capitalised_mid_sentence`)
#: before it lists every capitalised word seen mid-sentence instead (:func:`mid_sentence_capitals`):
#: each lookup reads the text, so a text that asks for many would be read again and again.
WHERE_OCCURS_LOOKUPS = 4


def _mid_sentence_test(text: str) -> Callable[[str], bool]:
    """Whether a word is one of :func:`mid_sentence_capitals` of ``text``: each word looked for once.

    The first :data:`WHERE_OCCURS_LOOKUPS` words are looked for where they occur; after them,
    the set of every capitalised word seen mid-sentence is listed once and asked instead.
    """
    answers: dict[str, bool] = {}
    listed: list[set[str]] = []

    def known(word: str) -> bool:
        if listed:
            return word in listed[0]
        answer = answers.get(word)
        if answer is None:
            if len(answers) >= WHERE_OCCURS_LOOKUPS:
                listed.append(mid_sentence_capitals(text))
                return word in listed[0]
            answer = answers[word] = capitalised_mid_sentence(text, word)
        return answer

    return known


def _is_source(match: re.Match[str], text: str, known: Callable[[str], bool]) -> bool:
    """Whether a name matched beside a verb of saying is a source, not a date or a common noun.

    ``known`` says whether a word is seen capitalised mid-sentence; it is asked only for a
    single word that opens a sentence.
    """
    first = match.group("first")
    if first in p.NOT_A_NAME:
        return False
    single = " " not in match.group("name").strip()
    if match.group("hon") or not single or first in p.AGENCIES:
        return True
    return not opens_sentence(text, match.start("name")) or known(first)


def names_then_verbs(text: str, view: TextView | None = None) -> Iterator[re.Match[str]]:
    """:data:`~patterns.NAME_THEN_SAY`'s matches in ``text``, with their groups.

    Found in one scan by :func:`~patterns.name_then_say_span` (the same spans, no groups), each
    then matched again where it starts by :data:`~patterns.FAST_NAME_THEN_SAY` for its groups
    (the same match there): the pattern is tried at every capital by ``re``, not from Python.
    ``view``, when given, is ``text``'s view: the scan is then made only in the stretches of
    text before a verb of saying where a match can lie (:func:`say_regions`).
    """
    match = p.FAST_NAME_THEN_SAY.match
    spans = p.name_then_say_span()
    if view is None:
        found: Iterable[re.Match[str]] = spans.finditer(text)
    else:
        found = chain.from_iterable(spans.finditer(text, start, end) for start, end in say_regions(view))
    for span in found:
        if (named := match(text, span.start())) is not None:
            yield named


def say_regions(view: TextView) -> list[tuple[int, int]]:
    """The stretches of ``view``'s text that hold every match of :data:`~patterns.NAME_THEN_SAY`, in order, apart.

    A match ends with a verb of saying (:data:`~patterns.SAY_WORD`), at most
    :data:`~patterns.SAY_REACH` characters after its name, which holds at most
    :data:`~patterns.NAME_SPACES` white-space characters: so it opens after the white space
    that many more stand after, counted back from that reach (:func:`_opening_floor`). Each
    verb's stretch runs from there to the verb's end; stretches that meet are joined. No match
    crosses from one stretch into the next, and the scan of a stretch (``re`` looks behind its
    start as in the whole text; its end is the end of a verb, a word boundary either way) finds
    what the scan of the whole text finds there.
    """
    text = view.text
    regions: list[tuple[int, int]] = []
    for verb_start, verb_end in say_words(view):
        previous = regions[-1][1] if regions else 0
        start = _opening_floor(text, verb_start - p.SAY_REACH, previous)
        if regions and start <= previous:
            regions[-1] = (regions[-1][0], verb_end)
        else:
            regions.append((start, verb_end))
    return regions


@functools.lru_cache(maxsize=4)
def say_words(view: TextView) -> tuple[tuple[int, int], ...]:
    """The span of each verb of saying in ``view``'s text as written (:data:`~patterns.SAY_WORD`), found once for two readings."""
    return tuple(verb.span() for verb in p.SAY_WORD.finditer(view))


def says_then_names(view: TextView) -> Iterator[re.Match[str]]:
    """:data:`~patterns.SAY_THEN_NAME`'s matches in ``view``'s text, tried only where a verb of saying is (:func:`say_words`).

    Each opens with a verb as written and white space, where :data:`~patterns.SAY_WORD` matches:
    trying the pattern there, each try after the last match's end, finds what its scan finds.
    """
    text, match, resume = view.text, p.SAY_THEN_NAME.match, 0
    for start, _ in say_words(view):
        if start >= resume and (found := match(text, start)) is not None:
            yield found
            resume = found.end()


def _opening_floor(text: str, reach: int, floor: int) -> int:
    """Where a name ending at or after ``reach`` can open at the earliest, or ``floor`` if that is earlier.

    One past the white-space character with :data:`~patterns.NAME_SPACES` more after it before
    ``reach``, looked for back to ``floor`` only (so each stretch of text is read about once):
    read backwards from ``reach`` in the reversed text (:func:`_reversed`), up to that character
    (:data:`~patterns.SPACES_AHEAD_REVERSED`), not matched up to ``reach`` from further back.
    """
    if reach <= floor:
        return floor
    size = len(text)
    found = p.SPACES_AHEAD_REVERSED.match(_reversed(text), size - reach, size - floor)
    return floor if found is None else size - found.start(1)


@functools.lru_cache(maxsize=4)
def _reversed(text: str) -> str:
    """``text`` read backwards (character ``i`` is ``text[len(text) - 1 - i]``), made once per body."""
    return text[::-1]


def named_sources(text: str, known: set[str] | None = None, view: TextView | None = None) -> int:
    """Names next to a verb of saying, and 'according to <Name>' (see the feature's doc).

    ``view`` (of ``text``) lends its token stream to the searches; without it one is built.
    """
    capitalised = _mid_sentence_test(text) if known is None else known.__contains__
    view = TextView(text) if view is None else view
    matches = chain(
        names_then_verbs(text, view),
        says_then_names(view),
        p.FAST_ACCORDING_TO_NAME.finditer(view),
    )
    return sum(1 for m in matches if _is_source(m, text, capitalised))


def places(text: str, view: TextView | None = None) -> int:
    """Capitalised places after a preposition, months and institutions left out.

    ``view``, when given, is ``text``'s view: the prepositions are then found where they
    start (:data:`~patterns.FAST_PLACE`, the same matches).
    """
    found = 0
    for match in p.PLACE.finditer(text) if view is None else p.FAST_PLACE.finditer(view):
        words = match.group("place").split()
        if words[0] not in p.NOT_A_PLACE and not any(w in p.NOT_A_PLACE for w in words[1:]):
            found += 1
    return found


def titled_names(view: TextView) -> int:
    """How many matches :data:`~patterns.TITLED_NAME` has in ``view``'s text, found fast.

    Only where its role word and space match (on the lower-cased text, one scan) is the
    whole pattern tried (:data:`~patterns.FAST_TITLED_NAME`, its role words as a trie); that finds the same matches as ``TITLED_NAME.finditer``, which
    is used as it is on the rare text holding a character lower-casing does not fold.
    """
    text = view.text
    if unfolded(text):
        return measures.count(p.TITLED_NAME, text)
    found, pos = 0, 0
    for candidate in p.FAST_TITLE_THEN_SPACE.finditer(view):
        if candidate.start() < pos:
            continue
        match = p.FAST_TITLED_NAME.match(text, candidate.start())
        found += match is not None
        pos = match.end() if match is not None else candidate.start() + 1
    return found


def distinct_names(text: str) -> int:
    """Distinct runs of capitalised words; a run that opens a sentence loses its first word.

    Each run is one match of :data:`~patterns.CAPITALISED_RUN` (its words one white-space
    character or a CRLF apart), listed in one scan with the sentence end before it when it
    opens a sentence (:data:`~patterns.CAPITALS`, shared with the proper nouns; the text's first run
    opens one when only spaces and opening marks stand before it): such a run loses its first
    word, and each next word after a line break (which opens a sentence too). A run is read
    once per distinct spelling (names recur), its words joined by single spaces; a printable
    run that opens a sentence is cut after its first word (its words are one space apart).
    """
    found = capitals(text)
    distinct = set(found)
    opening = p.OPENING_RUN.match(text)
    if found and opening is not None and p.FAST_CAPITALISED.match(text, opening.end()) is not None:
        # the run there is the first found: it opens the text's first sentence
        distinct = set(found[1:])
        distinct.add("\n" + found[0])
    runs: set[str] = set()
    for run in distinct:
        if run[0] not in _SENTENCE_ENDS:
            if run[0] in _JOINERS:
                run = run[1:]  # a run after a joiner
            elif len(run) == 1:
                continue  # a capital alone (a proper noun's), no run
            # printable: its words are one space apart (every other white-space character is unprintable)
            runs.add(run if run.isprintable() else " ".join(run.split()))
            continue
        words = run.lstrip(_SENTENCE_ENDS + _OPENING)
        if words.isprintable():  # its words one space apart, so none after a line break
            if rest := words.partition(" ")[2]:  # less its first word
                runs.add(rest)
            continue
        pieces = _RUN_SEPARATOR.split(words)
        first = 2  # the first word and the separator after it
        while first < len(pieces) and pieces[first - 1] in _LINE_BREAKS:
            first += 2
        if first < len(pieces):
            runs.add(" ".join(pieces[first::2]))
    return len(runs)


#: What a sentence end or line break opening a sentence is (:data:`~patterns.AFTER_SENTENCE_END`'s first character).
_SENTENCE_ENDS = ".!?\n"
#: The joiners a run of :data:`~patterns.CAPITALS` may open with (one after a letter or digit).
_JOINERS = "'’-"


@functools.lru_cache(maxsize=4)
def capitals(text: str) -> list[str]:
    """:data:`~patterns.CAPITALS`' matches in ``text``: one scan for the runs of names and the proper nouns (not to be changed)."""
    return p.CAPITALS.findall(text)


def capital_counts(found: list[str]) -> tuple[int, int]:
    """The :data:`~patterns.WORD_CAPITALISED_ASCII` capitals among :func:`capitals`' matches, and the sentence ends before them.

    Counted over the matches joined (each after a NUL, which none holds): every ASCII capital in
    them is one of those capitals but the first of a run after a joiner; a match that opens
    with ".", "!" or "?", and each line break, is a sentence end before one (a run's line
    breaks stand right before its words).
    """
    joined = "\0" + "\0".join(found)
    raw = joined.encode("utf-8", "surrogatepass")
    upper = len(raw) - len(raw.translate(None, _ASCII_CAPITALS))
    after_joiner = sum(joined.count("\0" + joiner) for joiner in _JOINERS)
    ends = sum(joined.count("\0" + end) for end in ".!?") + joined.count("\n")
    return upper - after_joiner, ends


#: The ASCII capitals, as bytes (deleted by :func:`capital_counts`).
_ASCII_CAPITALS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: The separator between two words of a run (kept by ``split``), and the ones that open a sentence.
_RUN_SEPARATOR = re.compile(r"(\r\n|\s)")
_LINE_BREAKS = frozenset({"\n", "\r\n"})


@functools.lru_cache(maxsize=4)
def unfolded(text: str) -> bool:
    """Whether ``text`` holds a character of :data:`~patterns.UNFOLDED` (then read as written, not lower-cased): asked once per body."""
    return any(char in text for char in p.UNFOLDED)


@functools.lru_cache(maxsize=4)
def non_ascii(text: str) -> frozenset[str]:
    """The distinct characters of ``text`` outside ASCII: once for the digit share, the digit patterns and the proper nouns.

    What is left of the UTF-8 text when its ASCII bytes are deleted (one pass of a byte
    table, not a pattern tried at every character): each character outside ASCII encodes as
    bytes that are none of them, so what is left reads as those characters.
    """
    if text.isascii():
        return frozenset()
    return frozenset(text.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass"))


#: Every ASCII character, as bytes (deleted by :func:`non_ascii`).
_ASCII = bytes(range(128))


@functools.lru_cache(maxsize=4)
def ascii_digits_only(text: str) -> bool:
    """Whether every decimal digit of ``text`` is an ASCII one: its digit patterns may then be :func:`~patterns.ascii_digits`' twins.

    Asked of :func:`non_ascii`'s characters (one scan, shared with the proper nouns and the digit share).
    """
    return text.isascii() or not any(map(str.isdecimal, non_ascii(text)))


def _for_digits(pattern: re.Pattern[str], text: str) -> re.Pattern[str]:
    """``pattern``, or its twin with ASCII digits (:func:`~patterns.ascii_digits`) where every digit of ``text`` is ASCII."""
    return p.ascii_digits(pattern) if ascii_digits_only(text) else pattern


def _proper_nouns(document: Document) -> int:
    """Body words written Capitalised (upper then lower case) that do not open a sentence.

    A word of the token stream counts when its first character is upper case and its second,
    a letter of the word, lower case. The words that open with an ASCII capital and an ASCII
    small letter are found by :data:`~patterns.WORD_CAPITALISED_ASCII` (the only ASCII
    characters ``str.isupper`` and ``str.islower`` accept); the others that may count open
    with a character outside ASCII, or a capital before one, and are tested one by one, in a
    text where a character outside ASCII is a letter or digit (:func:`non_ascii`; curly quotes
    and dashes alone open or follow no such word).
    """
    text = document.body.text
    # the words opening a sentence (:func:`sentence_starts`): the text's first, and those after a sentence end
    opening = p.OPENING_RUN.match(text)
    first = opening is not None and p.WORD_CAPITALISED_ASCII.match(text, opening.end()) is not None
    # one scan, shared with the runs of names: the capitals and the sentence ends before them
    found, ends = capital_counts(capitals(text))
    found -= first + ends
    # A word counted here opens with a letter outside ASCII or has one second: none without one.
    if not text.isascii() and any(map(str.isalnum, non_ascii(text))):
        for match in p.WORD_START_OUTSIDE_ASCII.finditer(text):
            at = match.start()
            second = text[at + 1 : at + 2]
            if text[at].isupper() and second.isalnum() and second.islower() and not opens_sentence(text, at):
                found += 1
    return found


def specific(text: str, view: TextView | None = None, weekdays: int | None = None) -> int:
    """Specific details: amounts, month and weekday names, honorific names, ages.

    ``weekdays``, when given, is :data:`~patterns.WEEKDAY`'s count in ``text`` (counted once for the dates too).
    """
    view = TextView(text) if view is None else view
    weekdays = measures.count(p.WEEKDAY, text) if weekdays is None else weekdays
    anchored = (p.FAST_FULL_MONTH, p.FAST_HONORIFIC_NAME)
    return weekdays + _amounts(text) + ages(view) + sum(rx.count(view) for rx in anchored)


def ages(view: TextView) -> int:
    """How many matches :data:`~patterns.FAST_AGE` has in ``view``'s text, found where they can open.

    Its branches that open with a comma or digit (:data:`~patterns.AGE_IN_DIGITS`) are matched
    only where a run of digits starts (:func:`numbers`, shared with the dates and amounts): ", 34,"
    two characters before one that a comma stands before, "34-year-old" at one that "-year-old"
    follows after one or two digits (every match of theirs opens at one of those places; no scan
    of the text for commas, nor a search for "-year-old"). "aged 34" is matched where "aged" starts
    (:data:`~patterns.AGED`). The two overlap only when the number after "aged" opens
    "34-year-old": one scan of :data:`~patterns.FAST_AGE` takes "aged 34" and goes on after the
    number, so that "34-year-old" is not counted (nothing else can open inside either: a comma, a
    digit after no word character, or "aged" after none).
    """
    text = view.text
    in_digits = _for_digits(p.AGE_IN_DIGITS, text)
    starts: list[int] = []
    for at in numbers(text):
        if at >= 2 and text[at - 2] == ",":  # ", 34,": the comma, white space, then the number
            starts.append(at - 2)
        if text.startswith(_YEAR_OLD, at + 1) or text.startswith(_YEAR_OLD, at + 2):
            starts.append(at)  # in order: a comma before the next number stands after this one
    found = count_apart(matches_at(in_digits, text, starts))
    for match in p.AGED.finditer(view):
        number = match.end() - len(match.group().split()[-1])
        found += in_digits.match(text, number) is None
    return found


#: What follows an age's one or two digits in "34-year-old".
_YEAR_OLD = "-year-old"


def _quotation_features(view: TextView, words: int) -> dict[str, float]:
    """Credited quotations (density) and the share of uncredited ones."""
    found = quotation_list(view)
    credited = sum(1 for q in found if q.credited)
    return {
        "credited_quotations_per_1000_words": measures.shrunk_per_1000(credited, words, TYPICAL["credited_quotations"]),
        "uncredited_quotation_share": measures.share(len(found) - credited, len(found), 0.2),
    }


#: Where the verbs of saying and the document words occur (read from the view's shared word index).
_SAYING = measures.Occurrences(p.SAY_WORDS)
_DOCUMENTS = measures.Occurrences(p.DOCUMENT_WORDS)


def _word_counts(document: Document) -> tuple[int, int]:
    """Sentences with a verb of saying or "according to", and document references (words, links, phrases)."""
    body = document.body
    saying = _SAYING.starts(body)
    references = len(_DOCUMENTS.starts(body)) + _links_or_phrases(body)
    saying += [m.start() for m in p.FAST_ACCORDING_TO.finditer(body)]
    attributed = {body.sentence_index(start) for start in saying} - {None}
    return len(attributed), references


def _links_or_phrases(view: TextView) -> int:
    """:data:`~patterns.LINK_OR_PHRASE` counted, skipped on a text without any of the words it needs.

    Counted on the lower-cased text with :data:`~patterns.LINK_OR_PHRASE_LOWER` (the same
    matches), matched only where a match of one of its branches opens: a link where what it
    opens with stands (found by ``str.find``), a phrase where :data:`~patterns.FAST_PHRASES`
    finds one (read from the shared word index, not by two more searches of the text); or as
    written on the rare text holding a character of ``UNFOLDED``.
    """
    text = view.text
    if unfolded(text):
        return measures.count(p.LINK_OR_PHRASE, text)
    lower = view.tokens.lower
    starts = [phrase.start() for phrase in p.FAST_PHRASES.finditer(view)]
    for opening in p.LINK_OPENINGS:  # every match of the branch opens with it
        at = lower.find(opening)
        while at >= 0:
            starts.append(at)
            at = lower.find(opening, at + 1)
    if not starts:
        return 0
    starts.sort()
    return count_apart(matches_at(p.LINK_OR_PHRASE_LOWER, lower, starts))


#: The ASCII digits, as bytes (deleted by :func:`_digits`).
_ASCII_DIGITS = b"0123456789"


def _digits(text: str) -> int:
    """How many characters of ``text`` are digits (``str.isdigit``).

    The ASCII digits (the only ASCII characters ``str.isdigit`` accepts) are the runs of digits
    :func:`numbers` found (shared with the dates and amounts), each read to its end, where every
    decimal digit of the text is ASCII (:func:`ascii_digits_only`): then those runs are the runs of
    ASCII digits. Otherwise they are counted in one pass as the bytes of the UTF-8 text that
    deleting them removes (no byte of a character outside ASCII is one of them). Then each
    distinct non-ASCII character that is a digit ("٣", "²").
    """
    if ascii_digits_only(text):
        run = _ASCII_DIGIT_RUN.match
        found = sum(digits.end() - at for at in numbers(text) if (digits := run(text, at)) is not None)
    else:
        raw = text.encode("utf-8", "surrogatepass")
        found = len(raw) - len(raw.translate(None, _ASCII_DIGITS))
    if not text.isascii():
        found += sum(text.count(char) for char in non_ascii(text) if char.isdigit())
    return found


#: A run of ASCII digits (read from where :func:`numbers` says one starts).
_ASCII_DIGIT_RUN = re.compile("[0-9]+")


def _said(text: str, view: TextView | None = None) -> tuple[int, int, int]:
    r"""Matches of :data:`~patterns.SAID` (said, says, told), of ``\bsaid\b`` and of ``\bsays\b``.

    One scan with :data:`~patterns.SAID`: its three words are whole words, so each of
    its matches is a match of the one-word pattern of that word, and the other way round.
    ``view``, when given, is ``text``'s view: the words are then read from its verbs of saying
    (:func:`say_words`, whole words as written, among them every match of the three).
    """
    if view is None:
        found = [m.group() for m in p.SAID.finditer(text)]
    else:
        found = [word for start, end in say_words(view) if (word := text[start:end]) in _SAID]
    return len(found), found.count("said"), found.count("says")


#: The words :data:`~patterns.SAID` matches.
_SAID = frozenset({"said", "says", "told"})


def _is_word(char: str) -> bool:
    r"""Whether ``re`` counts ``char`` as a word character (``\w``)."""
    return char.isalnum() or char == "_"


def _year_phrases(text: str, numbers: list[int] | None = None) -> list[tuple[int, int]]:
    """The spans of :data:`~patterns.DATE`'s year phrase ("in 2019", "since early 1998"), in order.

    Found from their years (:data:`~patterns.PHRASE_YEAR`), each with what must stand before it
    (:data:`~patterns.BEFORE_YEAR`, at most one way) at a word boundary. Two never overlap.
    ``numbers``, when given, is :func:`numbers` of ``text``: a year is then matched only where
    a run of digits starts (where every one opens; none holds another).
    """
    found = []
    if numbers is None:
        years: Iterable[re.Match[str]] = p.PHRASE_YEAR.finditer(text)
    else:
        years = (year for at in numbers if (year := p.PHRASE_YEAR.match(text, at)) is not None)
    for year in years:
        at = year.start()
        before = p.BEFORE_YEAR.search(text, max(0, at - p.BEFORE_YEAR_REACH), at)
        if before is not None and (before.start() == 0 or not _is_word(text[before.start() - 1])):
            found.append((before.start(), year.end()))
    return found


@functools.lru_cache(maxsize=4)
def numbers(text: str) -> list[int]:
    """Where each run of decimal digits of ``text`` starts (:data:`~patterns.DIGITS`'s matches), in order.

    Where every digit of ``text`` is ASCII (:func:`ascii_digits_only`), each digit is found
    with ``str.find`` (:func:`copydesk.measures.digit_offsets`) and a run starts at each one whose
    previous character is not a digit: a few times faster than the pattern, which is tried at
    every character. A text with more than :data:`_FEW_DIGITS` digits, or others, is searched
    with the pattern.
    """
    if ascii_digits_only(text) and (found := measures.digit_offsets(text, _FEW_DIGITS)) is not None:
        held = set(found)
        return [at for at in found if at - 1 not in held]
    return [match.start() for match in _for_digits(p.DIGITS, text).finditer(text)]


#: Texts with more digits than this have their runs found with the pattern (no list of every digit).
_FEW_DIGITS = 4096


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> list[tuple[int, int]]:
    """The span of ``pattern``'s match at each of ``starts`` (sorted) where it has one, overlapping ones too.

    Where every match of ``pattern`` in ``text`` opens at one of ``starts``, the first of these at or
    after an offset is the match ``pattern.search`` finds from there (a match at an offset does not
    depend on where the search began).
    """
    match = pattern.match
    return [found.span() for at in starts if (found := match(text, at)) is not None]


def count_apart(spans: list[tuple[int, int]]) -> int:
    """How many of ``spans`` (from :func:`matches_at`) ``finditer`` takes: each next one opens at or after the last's end."""
    found, resume = 0, 0
    for start, end in spans:
        if start >= resume:
            found, resume = found + 1, end
    return found


def _amounts(text: str) -> int:
    """How many matches :data:`~patterns.FAST_AMOUNT` has in ``text``: it is matched where a number or a currency sign starts."""
    starts = numbers(text)
    if "$" in text or "£" in text or "€" in text:
        starts = sorted([*starts, *(sign.start() for sign in p.CURRENCY.finditer(text))])
    return count_apart(matches_at(_for_digits(p.FAST_AMOUNT, text), text, starts))


def _clock_times(text: str) -> int:
    """How many matches :data:`~patterns.FAST_CLOCK` has in ``text``: it is matched where a number starts."""
    return count_apart(matches_at(_for_digits(p.FAST_CLOCK, text), text, numbers(text)))


def date_count(text: str, view: TextView | None = None) -> int:
    """How many matches :data:`~patterns.DATE` has in ``text``, found faster.

    The dates that open with a capital or digit (:data:`~patterns.DATE_BY_NAME_OR_NUMBER`) and the
    year phrases (:func:`_year_phrases`) are merged as one scan of :data:`~patterns.DATE` takes
    them: the leftmost of the two at or after the end of the last one taken (no two open at one
    offset: their first characters differ), and one that opens inside it is passed over.
    ``view``, when given, is ``text``'s view: the dates are then matched only where a run of
    digits starts (:func:`numbers`) or a month name (:data:`~patterns.MONTH_THEN_SPACE`), where every one opens.
    """
    named = _for_digits(p.DATE_BY_NAME_OR_NUMBER, text)
    if view is None:
        phrases = _year_phrases(text)
        spans = None
    else:
        phrases = _year_phrases(text, numbers(text))
        months = [m.start() for m in p.MONTH_THEN_SPACE.finditer(view)]
        spans = matches_at(named, text, sorted({*numbers(text), *months}))
    return _merged_dates(text, named, phrases, spans)


def _merged_dates(
    text: str, named: re.Pattern[str], phrases: list[tuple[int, int]], spans: list[tuple[int, int]] | None
) -> int:
    """:func:`date_count`'s merge: ``spans`` are the named dates from :func:`matches_at`, or None to search ``named``."""
    found, pos, index, at = 0, 0, 0, 0
    match = _next_date(text, named, spans, 0, 0)
    while True:
        while index < len(phrases) and phrases[index][0] < pos:
            index += 1
        if match is not None and match[0] < pos:
            at = bisect.bisect_left(spans, (pos,)) if spans is not None else at
            match = _next_date(text, named, spans, pos, at)
        phrase = phrases[index] if index < len(phrases) else None
        if match is None and phrase is None:
            return found
        found += 1
        if match is not None and (phrase is None or match[0] < phrase[0]):
            pos = match[1]
        elif phrase is not None:
            pos = phrase[1]


def _next_date(
    text: str, named: re.Pattern[str], spans: list[tuple[int, int]] | None, pos: int, at: int
) -> tuple[int, int] | None:
    """The first named date at or after ``pos``: ``spans[at]`` (the first opening there), or a search."""
    if spans is None:
        found = named.search(text, pos)
        return None if found is None else found.span()
    return spans[at] if at < len(spans) else None


def _marks(text: str) -> int:
    """How many double quotation marks (straight or curly) ``text`` holds.

    Each mark is counted only where ``in`` finds one (a faster scan than ``count``'s): most
    bodies hold straight marks or curly ones, not both.
    """
    return sum(text.count(mark) for mark in '"“”' if mark in text)


def _crlf(text: str) -> int:
    """How many CRLF line breaks ``text`` holds: counted only in a text with a CR (``in`` scans faster than ``count``)."""
    return text.count("\r\n") if "\r" in text else 0


def features(document: Document) -> dict[str, float]:
    """Every sourcing feature of ``document`` (see :data:`FEATURES`)."""
    body = document.body
    text, words = body.text, body.word_count
    attributed, references = _word_counts(document)
    said, past, present = _said(text, body)
    weekdays = p.FAST_WEEKDAY.count(body)
    dates = weekdays + date_count(text, body) + _clock_times(text)
    values = {
        "named_sources_per_1000_words": measures.shrunk_per_1000(source_count(body), words, TYPICAL["named_sources"]),
        "attributed_sentence_share": measures.share(attributed, measures.sentence_count(body), 0.25),
        "said_per_1000_words": measures.per_1000(said, words),
        "past_tense_said_share": measures.share(past, past + present, 0.8),
        "quotation_marks_per_1000_words": measures.per_1000(_marks(text) / 2, words),
        "dates_per_1000_words": measures.shrunk_per_1000(dates, words, TYPICAL["dates"]),
        "places_per_1000_words": measures.shrunk_per_1000(places(text, body), words, TYPICAL["places"]),
        "institutions_per_1000_words": measures.shrunk_per_1000(p.FAST_ORG.count(body), words, TYPICAL["institutions"]),
        "document_references_per_1000_words": measures.shrunk_per_1000(
            references, words, TYPICAL["document_references"]
        ),
        "dateline": 1.0 if p.DATELINE.match(text[:120]) else 0.0,
        "titled_names_per_1000_words": measures.shrunk_per_1000(titled_names(body), words, TYPICAL["titled_names"]),
        "distinct_names_per_1000_words": measures.per_1000(distinct_names(text), words),
        "proper_noun_share": _proper_nouns(document) / max(words, 1),
        "specific_details_per_1000_words": measures.shrunk_per_1000(
            specific(text, body, weekdays), words, TYPICAL["specific_details"]
        ),
        "relative_times_per_1000_words": measures.shrunk_per_1000(
            p.FAST_RELATIVE_TIME.count(body), words, TYPICAL["relative_times"]
        ),
        # a CR before a line feed is not a character of the text: CRLF and LF files read alike;
        # nor is a suppression comment (blanked): a comment changes no share
        "digit_share": _digits(text) / max(len(text) - _crlf(text) - document.blanked, 1),
    }
    values.update(_quotation_features(body, words))
    return values
