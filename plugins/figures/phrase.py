"""Phrase reading for the figures scorer: words of a sentence, source phrases, clause ends.

Helpers of :mod:`copydesk.plugins.figures.attrib`: where a source phrase starts and
ends around a cue word, whether it names someone, where a passive's agent is and where
the clause a cue governs stops. All of them look at a bounded number of words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import NamedTuple

from copydesk import TextView
from copydesk.plugins.figures.extract import in_control_sequence

ESC = "\x1b"
#: A terminal control sequence ("\x1b[0m", "\x1b[1;31m"): blanked in the text attribution reads.
CONTROL_SEQUENCE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]?")
_PARAMETERS = frozenset("0123456789;")
#: Punctuation that ends a phrase ("’" is left out: it is mostly an apostrophe).
BREAKS = frozenset(',;:()[]"“”‘—–')
BOUNDARY_WORDS = frozenset("that who which whom whose and but as when while because if although after before".split())
BE_VERBS = frozenset("is are was were be been being".split())
NAMED_PRONOUNS = frozenset("he she i we it his her".split())
DETERMINERS = frozenset("the a an this these those its their his her our my your some".split())
PREPOSITIONS = frozenset("in on at for with to by from of into among than".split())
SOURCE_LIMIT = 8
AUXILIARIES = frozenset("has have had is are was were will would can could may might must should".split())
#: Adverbs between a subject and its cue ("Its survey also found", "The bakery, which opened in
#: 1998, recently agreed"): no part of the source, as auxiliaries are not ("reportedly" is
#: left out: it says the writer has no source).
MID_ADVERBS = frozenset(
    "also recently previously already now still further separately specifically initially originally"
    " repeatedly subsequently later earlier then once again just first today yesterday jointly".split()
)
#: Longest acronym in brackets read as part of the name before it ("(ONS)", "(NIESR)").
ACRONYM_LETTERS = 8
#: At most this many words after "X said" ending a sentence ("..., the ministry said on Tuesday").
TAIL_WORDS = 4
#: Words after a cue searched for the end of its clause.
CLAUSE_WORDS = 80
RELATIVES = frozenset("who whom whose which where".split())
#: After a comma, these open a clause that is no longer the content of a cue: a relative
#: clause, or the author's inference ("lists the population as 21,090, meaning there were ...").
CLAUSE_AFTER_COMMA = RELATIVES | frozenset({"meaning"})
#: Words of an appositive or relative clause between a speaker and "said".
APPOSITIVE_WORDS = 16
QUOTES = frozenset('"“”‘')
FUNCTION_WORDS = DETERMINERS | frozenset(
    "that that's that’s it's it’s there there's here what which also has have had not who one once was were is are "
    "will would could should may might then than well still never already recently previously later very or "
    "though however even".split()
)
AGENT_FILLER = frozenset(
    "to at exceed be reach top around about over more than nearly almost some roughly least as much many "
    "million billion trillion thousand percent per cent dollars euros pounds".split()
)


class Word(NamedTuple):
    """A word of a sentence: its span and lower-cased text."""

    start: int
    end: int
    lower: str


@dataclass(frozen=True)
class Lexicon:
    """The word lists attribution reads (from data files, adjusted by settings)."""

    cues: frozenset[str]
    vague: frozenset[str]
    nouns: frozenset[str] = frozenset()


def sentence_words(view: TextView, start: int, end: int) -> list[Word]:
    """The shared words of ``view`` that lie in ``[start, end)`` (from the token stream).

    In a sentence holding an ESC, a terminal control sequence's parameters are no words:
    :func:`without_controls`.
    """
    stream = view.tokens
    span = stream.between(start, end)
    i, j = span.start, span.stop
    # Word(start, end, lower) for each, without the Python-level NamedTuple constructor.
    words = list(
        map(tuple.__new__, repeat(Word), zip(stream.starts[i:j], stream.ends[i:j], stream.forms[i:j], strict=True))
    )
    return without_controls(view.text, words) if view.text.find(ESC, start, end) >= 0 else words


def blank_controls(text: str) -> str:
    r"""``text`` with each terminal control sequence (``"\x1b[1;31m"``) as spaces, offsets kept.

    The text attribution reads (``analysis._Sentences.text``): a sequence's ``[`` and
    ``;`` would otherwise end a source phrase or a clause, and its characters would show
    in the source a FIG002 message quotes.
    """
    return CONTROL_SEQUENCE.sub(lambda m: " " * len(m.group()), text) if ESC in text else text


def without_controls(text: str, words: Sequence[Word]) -> list[Word]:
    r"""``words`` without the parameters and final letter of terminal control sequences.

    The shared words read ``"\x1b[0m officials"`` as ``0m`` and ``officials``, and
    ``"\x1b[1mWorld"`` as ``1mWorld``: a word that is all parameters is dropped, one that
    goes on into text keeps only the text (``World``), so a source phrase is the
    article's words, never ``'0m officials'`` (with :func:`blank_controls`).
    """
    kept: list[Word] = []
    for word in words:
        if not in_control_sequence(text, word.start):
            kept.append(word)
            continue
        at = word.start
        while at < word.end and text[at] in _PARAMETERS:
            at += 1
        at += at < word.end and text[at].isascii() and text[at].isalpha()  # the final letter ("m")
        if at < word.end:
            same = len(word.lower) == word.end - word.start
            kept.append(Word(at, word.end, word.lower[at - word.start :] if same else text[at : word.end].lower()))
    return kept


def quoted(gap: str) -> bool:
    """Whether the text between two words holds a quotation mark (two apostrophes count)."""
    return any(ch in QUOTES for ch in gap) or "''" in gap


def gap_breaks(text: str, left: int, right: int) -> bool:
    """True when the text between two words holds punctuation that ends a phrase.

    The comma of a grouped number ("20,000" is two shared words) is not a break.
    """
    if right - left == 1:  # one character between (a space, usually): no slice, no loop
        char = text[left]
        if char == ",":
            return not (text[left - 1].isdigit() and text[right : right + 1].isdigit())
        return char in BREAKS
    return not BREAKS.isdisjoint(text[left:right])


#: Vague words that are a kind of document or figures: one of these modifying the
#: phrase's last noun ("the national statistics office") is not its head, and one owned
#: by a definite body ("the library's annual report") is a particular document.
DOCUMENT_WORDS = frozenset(
    "accounts analyses analysis data estimate estimates figures numbers polls projections report reports research "
    "statistics studies study survey surveys".split()
)


#: Document words that, after "the"/"this"/"its"/..., name one particular document
#: ("according to the survey", "its analysis"); plurals ("the reports", "the estimates") stay
#: general, and so do mass words ("the data", "the figures show", "the statistics"), which
#: need no document behind them.
SINGLE_DOCUMENTS = frozenset("analysis estimate report research study survey".split())
#: Determiners that refer back to a document or to its named owner.
REFERRING = frozenset("the this its their his her our".split())
#: Possessive pronouns that own any document, plural or mass too ("its figures", "her data"): the
#: pronoun stands for an owner the article named, as "it" or "she" does for a speaker ("their"
#: is left out: "they" may be "analysts").
OWNING_PRONOUNS = frozenset("its his her our".split())
#: Possessives of a time that, before a single document, refer back to one met before, as "the"
#: does ("last year's survey", "this month's report").
TIME_POSSESSIVES = frozenset(
    f"{unit}{mark}s" for unit in "year month week quarter season today yesterday".split() for mark in "'’"
)
#: Words before a definite owner after a document word ("a study for the trust", "a report by the council").
OWNER_WORDS = frozenset("by for from".split())
#: Heads of an organisation: "the" and up to OWNER_MODIFIERS words before one name a body, as
#: "the residents' association said" does ("figures from the combined authority", "data from the
#: council's finance department"); people ("figures from the senior officials") and times ("figures
#: from the same period") are no organisation.
ORGANISATION_HEADS = frozenset(
    "authority authorities council councils department ministry agency board commission office trust"
    " service executive inspectorate regulator watchdog institute university government administration"
    " association federation committee union society organisation organization charity company firm"
    " bank exchange".split()
)
OWNER_MODIFIERS = 3
#: Words between a referring determiner and its document ("its annual report", "the latest
#: survey", "its latest quarterly earnings report"): at most DOCUMENT_MODIFIERS of them, none a
#: function word or a possessive.
DOCUMENT_MODIFIERS = 3
#: Modifiers naming the body that keeps a data set ("census data", "government figures", "official statistics").
KEEPERS = frozenset(
    "census government official police federal ministry treasury hospital court electoral customs".split()
)


def _specific_document(words: Sequence[Word], index: int, referring: bool = True) -> bool:
    """Whether the document word ``words[index]`` is specific.

    It is when it modifies the last noun, is owned by a definite body, is one document met
    before ("the survey", "its analysis"; unless ``referring`` is false) or is a data set a
    public body keeps ("census data", "official statistics").
    """
    word = words[index]
    if word.lower not in DOCUMENT_WORDS:
        return False
    if index > 0 and words[index - 1].lower in KEEPERS:
        return True
    if referring and 0 < index == len(words) - 1 and _referring_before(words, index):
        return True
    if index == len(words) - 4 and words[index + 1].lower in OWNER_WORDS and words[index + 2].lower == "the":
        return _content_head(words[-1])  # owned by a definite body met before ("a study for the trust")
    if _organisation_after(words, index):
        return True
    if index == len(words) - 2:
        return _content_head(words[-1])
    owner = next((n for n in range(index - 1, -1, -1) if words[n].lower.endswith(("'s", "’s"))), None)
    return owner is not None and owner > 0 and words[owner - 1].lower == "the"


def _referring_before(words: Sequence[Word], index: int) -> bool:
    """Whether the word before the document word ``words[index]`` makes it one met before or owned by a referent.

    "the survey", "its analysis", "last year's survey" (single documents); "its figures",
    "her data" (any document: the pronoun's owner was named).
    """
    at = index - 1
    while at > 0 and index - at <= DOCUMENT_MODIFIERS and _document_modifier(words[at].lower):
        at -= 1  # "its annual report", "last year's final survey": the determiner before the adjectives
    before = words[at].lower
    if before in OWNING_PRONOUNS:
        return True
    return words[index].lower in SINGLE_DOCUMENTS and (before in REFERRING or before in TIME_POSSESSIVES)


def _document_modifier(word: str) -> bool:
    """Whether ``word`` may stand between a determiner and its document: an adjective or noun, no possessive."""
    return word not in FUNCTION_WORDS and word.isalpha()


def _organisation_after(words: Sequence[Word], index: int) -> bool:
    """Whether the document word ``words[index]`` is "from"/"by"/"for" the words of a definite organisation to the end.

    "figures from the combined authority", "data from the council's finance department": "the",
    up to OWNER_MODIFIERS words, then an organisation's head ending the phrase.
    """
    owner = index + 3
    return (
        owner < len(words) <= owner + OWNER_MODIFIERS
        and words[index + 1].lower in OWNER_WORDS
        and words[index + 2].lower == "the"
        and words[-1].lower in ORGANISATION_HEADS
        and not any(w.lower in FUNCTION_WORDS for w in words[owner:])
    )


def _content_head(word: Word) -> bool:
    """Whether ``word`` can head a noun phrase naming a body: a content word, no participle."""
    head = word.lower
    return head not in FUNCTION_WORDS and not head.endswith(("ed", "ing")) and len(head) > 2


#: Determiners of one unnamed person ("a senior official said", "one analyst said").
INDEFINITE = frozenset({"a", "an", "one", "another"})
#: Heads of such a person: the singulars of the collective people heads ("officials", "analysts").
UNNAMED_PERSONS = frozenset(
    "analyst commentator critic economist expert insider observer official researcher scientist source"
    " resident witness eyewitness neighbour neighbor organiser organizer aide campaigner activist opponent"
    " diplomat trader dealer".split()
)


def _one_unnamed_person(words: Sequence[Word]) -> bool:
    """Whether a source phrase is one unnamed person: an indefinite determiner, then a person head in it.

    "A senior official said", "said one analyst", "a source close to the talks said": as
    vague as "officials said" (HDG002 reads them so too); "a spokesman for Acme" names the
    side, by its capital (review s22v).
    """
    return bool(words) and words[0].lower in INDEFINITE and any(w.lower in UNNAMED_PERSONS for w in words[1:])


#: Heads of a body a collective word may modify ("the residents' association", "a traders' group").
BODY_HEADS = frozenset(
    "association associations group groups union unions committee council federation body network forum alliance"
    " coalition organisation organization society trust".split()
)


def _body_modifier(words: Sequence[Word], index: int) -> bool:
    """Whether ``words[index]`` only modifies the body the next word heads ("the residents' association said")."""
    return index + 1 < len(words) and words[index + 1].lower in BODY_HEADS


def is_named(text: str, words: Sequence[Word], first: int, lexicon: Lexicon, referring: bool = True) -> bool:
    """Whether a source phrase names its source (see the module docstring).

    With ``referring`` false, "the report" or "its survey" alone is no name (a document noun's frame).
    """
    vague_head = any(
        w.lower in lexicon.vague and not _specific_document(words, n, referring) and not _body_modifier(words, n)
        for n, w in enumerate(words)
    ) or _one_unnamed_person(words)
    for index, word in enumerate(words):
        token = text[word.start : word.end]
        if token.isupper() and len(token) > 1 and any(ch.isalpha() for ch in token):
            return True
        if token[:1].isupper() and (word.start != first or not vague_head) and word.lower not in DETERMINERS:
            return True
        if word.lower in NAMED_PRONOUNS and index == len(words) - 1:
            return True
    return not vague_head and any(w.lower not in FUNCTION_WORDS and len(w.lower) > 2 for w in words)


def source_before(text: str, words: Sequence[Word], cue: int, stops: frozenset[str] = frozenset()) -> int:
    """Index of the first word of the source phrase that ends just before ``words[cue]``.

    An acronym in brackets belongs to the name before it: "The Office for National
    Statistics (ONS) said" is the office's, "a Harbour Budget Office (HBO) report that said"
    the office's report.
    """
    index = cue
    left = words[cue].start
    while index > 0 and cue - index < SOURCE_LIMIT:
        if _acronym_before(text, words, index):
            index, left = index - 1, text.rindex("(", words[index - 2].end, words[index - 1].start)
            continue
        previous = words[index - 1]
        if gap_breaks(text, previous.end, left) or previous.lower in BOUNDARY_WORDS or previous.lower in stops:
            break
        index -= 1
        left = previous.start
    if cue - index >= SOURCE_LIMIT:
        return _owner_before(text, words, index)
    return index


#: Documents whose owner's name may stand before them ("a Harbour Times/Rock the Vote survey of ...").
OWNED_HEADS = DOCUMENT_WORDS | {"poll"}
#: Words of such a name read back from its document: capitalised ones and these between them.
NAME_JOINERS = frozenset("the of and for".split())
#: At most this many words of the name.
OWNER_NAME_WORDS = 6


def _owner_before(text: str, words: Sequence[Word], first: int) -> int:
    """The first word of a source cut at SOURCE_LIMIT words, taken back over its document's owner.

    A document described at length ("A new Harbour Times/Rock the Vote survey of those 18 to 35
    years old shows") was cut after its owner's name; the capitalised words before the
    document, and "the", "of", "and" or "for" between them, belong to the source.
    """
    if words[first].lower not in OWNED_HEADS:
        return first
    index, start = first, first
    while index > 0 and first - index < OWNER_NAME_WORDS:
        previous = words[index - 1]
        if gap_breaks(text, previous.end, words[index].start):
            break
        if text[previous.start].isupper():
            start = index - 1
        elif previous.lower not in NAME_JOINERS:
            break
        index -= 1
    return start


def _acronym_before(text: str, words: Sequence[Word], cue: int) -> bool:
    """Whether "(ACRONYM)" ends right before ``words[cue]``: capitals alone, up to ACRONYM_LETTERS."""
    return (
        cue >= 2
        and _bracketed_acronym(text, words, cue - 1)
        and text[words[cue - 1].end : words[cue].start].strip() == ")"
    )


def _bracketed_acronym(text: str, words: Sequence[Word], index: int) -> bool:
    """Whether ``words[index]`` is an acronym in brackets right after a word ("Acme Glass (AG)")."""
    letters = text[words[index].start : words[index].end]
    after = text[words[index].end : words[index + 1].start] if index + 1 < len(words) else text[words[index].end :]
    return (
        0 < len(letters) <= ACRONYM_LETTERS
        and letters.isalpha()
        and letters.isupper()
        and after.lstrip().startswith(")")
        and text[words[index - 1].end : words[index].start].strip() == "("
    )


def appositive(text: str, words: Sequence[Word], cue: int) -> int:
    """First word of "NAME, APPOSITIVE," before a cue; ``cue`` if none.

    The appositive may be a noun phrase ("Adam Ozimek, an economist, calculates") or a
    relative clause ("Raj Patel, who chairs the committee, said"), up to APPOSITIVE_WORDS.
    An acronym in brackets goes with the name before it, as before a cue ("Its partner,
    Acme Glass (AG), announced"), also inside the appositive ("A Harbour News poll, conducted
    with Acme Research (D) and Bolt Research (R), shows").
    """
    if "," not in text[words[cue - 1].end : words[cue].start]:
        return cue
    start = cue - 1
    while start > 0 and cue - start < APPOSITIVE_WORDS:
        if start > 1 and _bracketed_acronym(text, words, start):
            start -= 1
            continue
        gap = text[words[start - 1].end : words[start].start]
        if gap.strip() == ")" and start > 2 and _bracketed_acronym(text, words, start - 1):
            start -= 1  # "(D) and": an acronym in brackets inside the appositive, read with its name
            continue
        if gap_breaks(text, words[start - 1].end, words[start].start) and "," not in gap:
            return cue
        if "," in gap:
            return source_before(text, words, start - 1)
        start -= 1
    return cue


def source_after(text: str, words: Sequence[Word], start: int, limit: int = SOURCE_LIMIT) -> int:
    """Index one past the last word of a source phrase starting at ``words[start]``.

    The phrase stops at punctuation, a clause word ("that", "who"), an auxiliary verb
    ("has", "will") or a determiner right after a name ("... for Policy Research the
    conflict has"), where a clause begins though its comma was dropped.
    """
    index = start
    while index < len(words) and index - start < limit:
        word = words[index]
        if index > start and (gap_breaks(text, words[index - 1].end, word.start) or _clause_begins(text, words, index)):
            break
        index += 1
    return index


def _clause_begins(text: str, words: Sequence[Word], index: int) -> bool:
    """Whether a new clause starts at ``words[index]`` inside a run of words (no punctuation)."""
    word = words[index]
    if word.lower in BOUNDARY_WORDS or word.lower in AUXILIARIES:
        return True
    return word.lower in ("the", "a", "an") and text[words[index - 1].start].isupper()


#: Characters that open a figure ("$4bn", "£3m", "12%").
FIGURE_OPENERS = frozenset("0123456789$£€¥")


def _agent_end(text: str, words: Sequence[Word], first: int, end: int) -> int:
    """Where a passive's agent ends: before "to" of an infinitive, or before the figure or the "at" of a value.

    "Sales are expected by analysts to reach $4bn" and "... estimated by analysts at $4bn"
    credit the analysts (session 23); the agent ran on to the figure and hid it.
    """
    for index in range(first + 1, end):
        word = words[index]
        if word.lower == "to" or text[word.start] in FIGURE_OPENERS:
            return index
        if word.lower == "at" and index + 1 < len(words):
            after = words[index + 1]
            if text[after.start] in FIGURE_OPENERS or after.lower in AGENT_FILLER:
                return index
    return end


def agent(text: str, words: Sequence[Word], cue: int) -> tuple[int, int] | None:
    """The ``by``-agent of a passive cue: right after it, or after the figure it introduces."""
    for index in range(cue + 1, min(len(words), cue + 8)):
        word = words[index]
        if word.lower == "by":
            end = _agent_end(text, words, index + 1, source_after(text, words, index + 1))
            return (index + 1, end) if end > index + 1 else None
        if gap_breaks(text, words[index - 1].end, word.start):
            return None
        if word.lower not in AGENT_FILLER and not word.lower[:1].isdigit():
            return None
    return None


def is_passive(text: str, words: Sequence[Word], cue: int) -> bool:
    """Whether a cue is passive: "is estimated at", "(estimated to exceed ... by", "as reported by"."""
    word = words[cue]
    if cue + 1 >= len(words) or not word.lower.endswith(("ed", "wn", "ld", "id")):
        return False
    nxt = words[cue + 1].lower
    if nxt != "by" and nxt not in AGENT_FILLER:
        return False
    before = cue - 1 if cue > 1 and words[cue - 1].lower in MID_ADVERBS else cue
    if cue == 0 or words[before - 1].lower in BE_VERBS or words[cue - 1].lower in BOUNDARY_WORDS:
        return True
    return gap_breaks(text, words[cue - 1].end, word.start) and not closes_appositive(text, words, cue)


def closes_appositive(text: str, words: Sequence[Word], cue: int) -> bool:
    """Whether a cue after a comma is the verb of a name set off by an appositive.

    "Jo Roe, the commissioner, said about 2,000 jobs ..." is Jo Roe's verb, not a
    participle set off by commas ("The cost, estimated at $3 billion, ..."): the comma
    before the cue (no quotation mark) closes "NAME, APPOSITIVE" whose name opens with a
    capital word that is no determiner ("In the end, the bill, estimated at ..." is no name).
    """
    gap = text[words[cue - 1].end : words[cue].start]
    if gap.strip() != ",":
        return False
    first = appositive(text, words, cue)
    if first >= cue or words[first].lower in PREPOSITIONS:
        return False
    name = first
    while name < cue and "," not in text[words[name].end : words[name + 1].start]:
        name += 1
    return any(text[w.start].isupper() and w.lower not in DETERMINERS for w in words[first : name + 1])


def span(words: Sequence[Word], first: int, stop: int) -> tuple[int, int]:
    """Character span of ``words[first:stop]`` (empty at the cue when there are none)."""
    if stop <= first:
        return (words[min(first, len(words) - 1)].start,) * 2
    return words[first].start, words[stop - 1].end


def clause_start(text: str, words: Sequence[Word], first: int, floor: int) -> int:
    """Where the clause holding ``words[first]`` starts: after a semicolon, or ``floor``."""
    for index in range(first, max(0, first - CLAUSE_WORDS), -1):
        if index > 0 and ";" in text[words[index - 1].end : words[index].start]:
            return words[index].start
    return floor


def tail_words(text: str, words: Sequence[Word], cue: int) -> int:
    """How many words follow a cue before punctuation or the sentence end (at most TAIL_WORDS + 1)."""
    count = 0
    for index in range(cue + 1, min(len(words), cue + TAIL_WORDS + 2)):
        if gap_breaks(text, words[index - 1].end, words[index].start) or words[index].lower == "that":
            break
        count += 1
    return count


def clause_end(text: str, words: Sequence[Word], cue: int, limit: int) -> int:
    """Where the content after a cue ends: a semicolon, or a relative clause or "meaning" after a comma."""
    for index in range(cue + 1, min(len(words), cue + CLAUSE_WORDS)):
        gap = text[words[index - 1].end : words[index].start]
        if ";" in gap or ("," in gap and words[index].lower in CLAUSE_AFTER_COMMA):
            return words[index - 1].end
    return limit
