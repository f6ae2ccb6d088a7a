"""Speakers of quotations that no verb of saying stands beside (SRC001 and the quotation features).

A quotation is credited when a verb of saying or "according to" lies near it, or a name is
set off right before it (:mod:`copydesk.plugins.sourcing.features`). Three more readings
credit it here, each a short look around the quotation (at most :data:`REACH` characters,
so the whole text is read in linear time):

- the clause that holds it opens with a named subject or he/she/they and a verb of any kind
  ("Ann Cole thanked the crew and "..."", "He replies: "...""), or the quotation is
  followed by one (""...," he joked");
- the next sentence opens with a speaker and a verb of saying ("... "...". She said ...");
- it goes on with the previous speaker's quotation: it comes right after that quotation (or
  after only its speaker's tag, ""...," he joked. "...""), or it opens a sentence or
  paragraph after a quotation left unclosed (British copy opens each paragraph of a long
  quotation with a mark and closes only the last), or it opens the paragraph after one that
  opened with a credited quotation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from copydesk.plugins.sourcing import patterns as p

#: Characters read back for the start of a quotation's sentence, or ahead for its end.
REACH = 200
#: A sentence end (a stop, closing marks, a space) or a line break.
SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s|\n")
#: Capitalised words that open a sentence without being a name.
NOT_A_SUBJECT = p.NOT_A_NAME | frozenset(
    "In On At For With By From After Before When While If As Last Next These Those Some Many Most All Both "
    "Each Every No Its His Her Their Our Your My Meanwhile However Also Yet So And But Or Then Here Now Still "
    "Even Only Such What Why How Where Who Which".split()
)
#: Words after a subject that are no verb it says something with (a copula: the quotation is said of it).
NOT_A_VERB = frozenset(
    "is are was were be been being am of in on at for with by from and or who whom whose which that to into "
    "after before than as the a an".split()
)
_APPOSITIVE = r"(?:,\s[^,.;:!?\n]{1,80},)?"
_AUXILIARY = r"(?:(?:has|had|have|will|would|could|can|may|might|should|did|does|do|also|later|then)\s){0,2}"
_OPENER = r"(?:(?:And|But)\s)?"
#: An introductory phrase before a clause's subject ("Accepting the prize, ...").
_INTRODUCTION = r"(?:[^,\n\"“]{1,60},\s)?"
#: A clause's subject and its verb: he/she/they, or a name (with an appositive), maybe after an introduction.
SUBJECT = re.compile(
    rf"\s*{_INTRODUCTION}{_OPENER}(?:(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey)|{p.NAME}{_APPOSITIVE})\s{_AUXILIARY}(?P<verb>[a-z][a-z'’\-]*+)"
)
#: A speaker and verb right after a quotation that ends in a comma, "?" or "!" (""...," he joked").
SPEAKER_AFTER = re.compile(
    rf"\s(?:(?P<pronoun>he|she|they)|{p.NAME}{_APPOSITIVE})\s{_AUXILIARY}(?P<verb>[a-z][a-z'’\-]*+)"
)
#: A verb and the speaker after it, right after a quotation (""...," agreed Ann Cole.").
VERB_THEN_SPEAKER = re.compile(rf"\s(?P<verb>[a-z][a-z'’\-]*+)\s{p.NAME}(?=[.,;])")
#: A sentence that opens with a speaker and a verb of saying ("She said", "Ann Cole added").
SPEAKER_SAYS = re.compile(
    rf"\s*{_OPENER}(?:(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey)|{p.NAME}{_APPOSITIVE})\s"
    rf"(?:(?:also|later|then|has|had)\s)?(?:{p.SAY_TRIE})\b"
)
#: A speaker's tag between two quotations of theirs (""...," he joked. "...").
TAG = re.compile(
    rf"\s*(?:(?P<pronoun>he|she|they)|{p.NAME}{_APPOSITIVE})\s{_AUXILIARY}(?P<verb>[a-z][a-z'’\-]*+)[.,:]?\s*"
)
#: A speaker's tag with the verb first between two quotations of theirs (""...," agreed Ann Cole. "...").
VERB_THEN_TAG = re.compile(rf"\s*(?P<verb>[a-z][a-z'’\-]*+)\s{p.NAME}[.,:]?\s*")
#: What ends the clause that holds a quotation between its subject's verb and the quotation.
CLAUSE_BREAK = re.compile(
    r";|,\s(?:and|but|or)\b|\b(?:who|whom|whose|which|when|while|whereas|after|before|because|although|though"
    r"|since|unless|if|but|where|until|once)\b"
)


def _named(match: re.Match[str], initial: bool, known: Callable[[str], bool]) -> bool:
    """Whether a :data:`SUBJECT`-like match names a speaker (a pronoun, or a name not a common opener).

    A single capitalised word opening a sentence is a name only if ``known`` (seen capitalised
    mid-sentence) or an agency, as for the named-sources feature.
    """
    if match.groupdict().get("pronoun"):
        return True
    first = match.group("first")
    if first in NOT_A_SUBJECT:
        return False
    if match.group("hon") or " " in match.group("name").strip() or first in p.AGENCIES or not initial:
        return True
    return known(first)


def sentence_start(text: str, at: int) -> int | None:
    """Where the sentence holding offset ``at`` starts, if that is within :data:`REACH` characters."""
    floor = max(0, at - REACH)
    start = floor if floor == 0 else None
    for end in SENTENCE_END.finditer(text, floor, at):
        start = end.end()
    return start


def subject_before(text: str, start: int, known: Callable[[str], bool]) -> bool:
    """Whether the clause holding the quotation at ``start`` opens with a named subject and its verb."""
    opening = sentence_start(text, start)
    if opening is None:
        return False
    found = SUBJECT.match(text, opening, start)
    return (
        found is not None
        and found.group("verb") not in NOT_A_VERB
        and CLAUSE_BREAK.search(text, found.end(), start) is None
        and _named(found, True, known)
    )


def speaker_after(text: str, end: int, inner: str, known: Callable[[str], bool]) -> bool:
    """Whether a quotation ending in a comma, "?" or "!" is followed by its speaker and a verb."""
    if inner.rstrip()[-1:] not in (",", "?", "!"):
        return False
    return any(
        found is not None and found.group("verb") not in NOT_A_VERB and _named(found, False, known)
        for found in (SPEAKER_AFTER.match(text, end, end + REACH), VERB_THEN_SPEAKER.match(text, end, end + REACH))
    )


def next_sentence_says(text: str, end: int, known: Callable[[str], bool]) -> bool:
    """Whether the sentence after the one holding the quotation ending at ``end`` opens with "She said", "Ann Cole added"."""
    at = end - 2 if end >= 2 and text[end - 2] in ".!?" else end
    stop = SENTENCE_END.search(text, at, end + REACH)
    if stop is None:
        return False
    found = SPEAKER_SAYS.match(text, stop.end(), stop.end() + REACH)
    return found is not None and _named(found, True, known)


def is_tag(text: str, start: int, end: int, known: Callable[[str], bool]) -> bool:
    """Whether ``text[start:end]`` is white space, or a speaker's tag alone (" he joked. ")."""
    if end - start > REACH:
        return False
    gap = text[start:end]
    if not gap or gap.isspace():
        return True
    return any(
        found is not None and found.group("verb") not in NOT_A_VERB and _named(found, False, known)
        for found in (TAG.fullmatch(gap), VERB_THEN_TAG.fullmatch(gap))
    )


def opens_line(text: str, at: int) -> int | None:
    """The start of ``at``'s line if only spaces and tabs stand before ``at`` on it, else ``None``."""
    start = at
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start if start == 0 or text[start - 1] == "\n" else None


def previous_line_end(text: str, line: int) -> int:
    """The end of the last character before ``line`` (a line's start) that is no white space (0 if none)."""
    end = line
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


class Piece:
    """A quotation, or an opening mark left unclosed on its line, as the chain of speakers reads it.

    ``own`` asks its credit of its own (a verb of saying near it, a name set off before it);
    ``more`` the readings of this module (speaker beside it, in the next sentence). Each is
    asked only when needed (not for a piece the previous speaker credits, nor for a short
    quotation no later piece goes on with) and then once.
    """

    __slots__ = ("_more", "_own", "end", "left_open", "more", "own", "start")

    def __init__(
        self, start: int, end: int, left_open: bool, own: Callable[[], bool], more: Callable[[], bool]
    ) -> None:
        """A piece spanning ``start`` to ``end``, its two credits not asked yet."""
        self.start, self.end, self.left_open, self.own, self.more = start, end, left_open, own, more
        self._own: bool | None = None
        self._more: bool | None = None

    def credited(self, chained: bool) -> bool:
        """Whether the piece is credited: by the previous speaker (``chained``), of its own, or by ``more``."""
        if chained:
            return True
        if self._own is None:
            self._own = self.own()
        if self._own:
            return True
        if self._more is None:
            self._more = self.more()
        return self._more


class Chain:
    """Reads pieces in order and says whether each is credited, from its own credit or the previous speaker's.

    Each piece's credit is settled when it is read (the previous piece's readings of this
    module are asked only when the piece goes on with it), so no piece waits on a chain of
    earlier ones.
    """

    def __init__(self, text: str, known: Callable[[str], bool]) -> None:
        """Start before the text's first piece; ``known`` tells a name opening a sentence (see :func:`_named`)."""
        self.text, self.known = text, known
        self.previous: tuple[Piece, bool] | None = None
        self.line_opener: tuple[Piece, bool] | None = None

    def read(self, piece: Piece) -> Callable[[], bool]:
        """Read ``piece``: its credit, asked later (the chain moves on past it now)."""
        line = opens_line(self.text, piece.start)
        chained = self._goes_on(piece, line)
        self.previous = (piece, chained)
        if line is not None:
            self.line_opener = (piece, chained)
        return functools.partial(piece.credited, chained)

    def close(self, at: int) -> None:
        """A closing mark left alone at ``at``: the previous quotation is closed there."""
        if self.previous is not None:
            piece, chained = self.previous
            closed = Piece(piece.start, at + 1, False, piece.own, piece.more)
            closed._own, closed._more = piece._own, piece._more
            self.previous = (closed, chained)

    def _goes_on(self, piece: Piece, line: int | None) -> bool:
        """Whether ``piece`` goes on with a credited quotation before it (see the module's doc); ``line``: :func:`opens_line` of its start."""
        if self.previous is not None:
            before, chained = self.previous
            text = self.text
            if (
                is_tag(text, before.end, piece.start, self.known)
                or (before.left_open and self._opens_sentence_or_next_paragraph(before.end, piece.start))
            ) and before.credited(chained):
                return True
        return self._after_credited_paragraph(line)

    def _opens_sentence_or_next_paragraph(self, start: int, at: int) -> bool:
        """Whether ``at`` opens a sentence on the line of ``start``, or the paragraph right after that line."""
        text = self.text
        newline = text.find("\n", start, at)
        if newline >= 0:
            return opens_line(text, at) is not None and previous_line_end(text, at) <= newline
        return text[start:at].rstrip()[-1:] in (".", "!", "?")

    def _after_credited_paragraph(self, line: int | None) -> bool:
        """Whether a piece opening the line that starts at ``line`` (``None``: it opens none) opens the paragraph right after one that opened with a credited quotation."""
        if line is None or self.line_opener is None:
            return False
        opener, chained = self.line_opener
        if opener.start >= line:
            return False
        end = previous_line_end(self.text, line)
        return opener.start < end and self.text.find("\n", opener.start, end) < 0 and opener.credited(chained)


def left_open(text: str, match: re.Match[str]) -> bool:
    """Whether a quotation's closing mark opens the next paragraph instead ("... here. "Next ...": a space before it, none after)."""
    end = match.end()
    after = text[end : end + 1]
    return match.group("inner")[-1:].isspace() and bool(after) and not after.isspace()
