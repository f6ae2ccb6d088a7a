"""Attribution for the figures scorer: which source, if any, a figure is credited to.

Each sentence is read as words (the shared ``document.body.words``) and cue words
("said", "according to", "estimates", ...). Every cue gets a *source* (the phrase
before it, after it when inverted, or the ``by`` agent of a passive) and a *content*
region (what the source is credited with). A figure is attributed when it lies in a
content region of its own sentence, or, inside a quotation running over sentences, of
a neighbouring sentence within the attribution window. The source is *named* when it
holds a capitalised name, an acronym or a pronoun for a person named before; it is
*vague* when it is built on a collective head ("analysts", "reports", "estimates") or
missing (an agentless "estimated at"; auxiliaries alone, "has", are no source).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from copydesk.plugins.figures.frames import (
    OBJECT_RELATIVES,
    PLANS,
    SAMPLE_DOCS,
    SAMPLE_FRAMES,
    addressee_end,
    decision_by_other,
    is_sample,
    object_relative,
)
from copydesk.plugins.figures.phrase import (
    AGENT_FILLER,
    AUXILIARIES,
    BE_VERBS,
    BOUNDARY_WORDS,
    DETERMINERS,
    MID_ADVERBS,
    PREPOSITIONS,
    RELATIVES,
    SOURCE_LIMIT,
    TAIL_WORDS,
    Lexicon,
    Word,
    agent,
    appositive,
    clause_end,
    clause_start,
    closes_appositive,
    gap_breaks,
    is_named,
    is_passive,
    quoted,
    source_after,
    source_before,
    span,
    tail_words,
)

#: Words after "that"/"which" searched for the "by" of a passive relative naming a document's owner.
AGENT_REACH = 7
#: Participles that make the agent of such a relative the document's owner ("released by Acme");
#: others leave it someone else ("figures which were disputed by Acme": review s22v).
OWNER_VERBS = frozenset(
    "released published compiled issued produced collected gathered provided prepared supplied collated "
    "commissioned conducted obtained".split()
)
#: Cues read per sentence at most: real sentences have a few; this keeps the work linear.
MAX_CREDITS = 16
INFINITIVE = frozenset({"to"})
#: A cue word after this word is part of an idiom, not a cue ("All told, 5 million ...").
IDIOMS = frozenset({("all", "told")})
PRONOUNS = frozenset("he she they we i it you".split())
#: Cues that come before their source in "..., said the minister" (speech verbs).
INVERTIBLE = frozenset(
    "said says say added adds wrote writes noted notes explained continued argued insisted recalled "
    "tweeted told warned according reported explains argues insists warns recalls".split()
)
#: Inverted cues whose object is a hearer: "Jo Roe, the manager, told the BBC" is never "told" + speaker
#: (outside a closing quotation, where '"...," told Jo Roe' is rare but read as before).
_HEARD = frozenset("told tells".split())
#: Possessive pronouns that own a plan noun for a person named before ("his plan to").
POSSESSIVE_PRONOUNS = frozenset("his her".split())
HOLDS = frozenset("has had have gives gave puts".split())
FRAMES = frozenset("in to by from per of".split())
#: Cues only when "for" follows ("calls for $1 trillion").
FOR_CUES = frozenset("call calls called calling".split())
#: Words after "put"/"place" searched for the "at" of "put the toll at".
WEAK_REACH = 12
WEAK_CUES = frozenset({"put", "puts", "place", "places", "placed"})
#: Subjects of "put"/"place" that are the writer's own reckoning, no source ("That puts the club $7m short").
DEMONSTRATIVES = frozenset("that this which what".split())
#: Cues that give an order, not a report, before "to" ("was told to pay costs of £175").
ORDER_CUES = frozenset({"told"})
#: Words in "'s" that contract "is" or "has", not possessives.
CONTRACTIONS = frozenset("it's that's there's here's he's she's what's who's where's let's".split())
#: Cues that are not speech when a quantity is their object ("the U.S. added 292,000 jobs", "we have added 1 million",
#: "hospitals admitted 4,000 patients"), or in the passive before "to" ("were admitted to hospital").
COUNT_VERBS = frozenset("add adds added adding admit admits admitted concede concedes conceded".split())
#: Words allowed between such a verb and its quantity ("added around 292,000", "admitted a further 4,000").
APPROXIMATORS = frozenset("around about nearly almost roughly some over more than another a an extra further".split())
CURRENCY_MARKS = frozenset("$£€¥")
#: A cue followed by these words is an idiom, not a cue ("declared war", "finds its way", "conceded defeat",
#: "admitted defeat": a loss owned, nothing said about the figures beside it).
OBJECT_IDIOMS = frozenset(
    {("declared", "war"), ("declares", "war"), ("declare", "war"), ("declared", "independence")}
    | {(verb, "defeat") for verb in "admit admits admitted concede concedes conceded".split()}
    | {
        (verb, owned)
        for verb in "admit admits admitted".split()
        for owned in ("liability", "responsibility", "guilt", "wrongdoing")
    }
)
#: The verbs and what they give up after "the"/"a"/"an": a contest lost ("conceded the race after losing 7
#: million votes", "conceded a goal"), nothing said about the figures beside it (review s28r).
CONCEDE_VERBS = frozenset("concede concedes conceded".split())
CONCEDED = frozenset("race election contest game match seat title point goal penalty try".split())
WAY_VERBS = frozenset("find finds found finding".split())
WAY_OWNERS = frozenset("its their his her our my your".split())
#: Words that open the tail after a closing "X said" (adjuncts of time, place, manner).
TAIL_OPENERS = PREPOSITIONS | frozenset(
    "during after before last this earlier later yesterday today tonight then also again once "
    "monday tuesday wednesday thursday friday saturday sunday as while when".split()
)
#: Words of the source after "according to" ("a study of 1,200 students ... in the Journal").
ACCORDING_LIMIT = 16
#: Words between "there" and a participle ("there have been estimated losses").
THERE_REACH = 3
#: Past forms of verbs that take an object, read as the verb before a participle that
#: modifies that object ("made projected savings"); a lower-case word ending in "-ed" counts too.
OBJECT_VERBS = frozenset(
    "made took got gave paid spent lost won held brought sold bought sent saw found kept faced".split()
)
#: Words ending in "-ed" that are no past verb ("two hundred reported cases").
NOT_PAST = frozenset("hundred indeed need speed seed breed greed creed shed red bed fed".split())
#: Past forms that are no participle or adjective, so never a cue's object ("officials estimated came").
STRONG_PAST = frozenset("came went fell rose grew began became ran".split())
#: Most words of the subject of a clause a cue takes before its auxiliary ("estimated the scheme would cost").
OBJECT_CLAUSE_WORDS = 3
#: Verbs of expecting whose clause, after a verb of saying, ends a comparison ("than analysts said they expected").
EXPECTING = frozenset("expected forecast predicted anticipated estimated projected hoped feared".split())
#: Words that open the main clause's predicate after a relative clause ending in a cue ("estimated never came").
PREDICATE_OPENERS = AUXILIARIES | BE_VERBS | frozenset("did does do never".split()) | STRONG_PAST

#: Prepositions a relative clause may leave after its cue ("the 2% that the mayor hoped for").
STRANDED = frozenset("for on upon about of with at to".split())

#: Words that end a sentence's opening subject (see _opening_subject).
SUBJECT_ENDS = AUXILIARIES | BOUNDARY_WORDS | PREPOSITIONS
#: Conjunctions joining a cue to the predicate of the sentence's opening subject ("Acme cut jobs but said ...").
JOINING = frozenset({"and", "but"})
#: Conjunctions that open a sentence before its subject ("But ..., he said").
COORDINATORS = frozenset("but or so yet nor".split())

#: Speech verbs whose participle after a comma, with no credit before it, has the sentence's
#: opening subject for its speaker ("Acme Bank raised its forecast, saying sales would rise 5%").
SPEECH_ING = frozenset("saying adding noting explaining arguing claiming warning insisting telling".split())

#: Quantifiers that, as determiners do, make a participle after them an adjective ("no listed company").
QUANTIFIERS = frozenset("no any every each".split())
#: Subordinators before a gerund cue whose clause ends at its comma ("After saying ..., Jo Roe ...").
GERUND_OPENERS = frozenset("after before while since without by upon".split())
#: Heads of a share of respondents ("Almost half said", "two-thirds say"): a poll's answer, not a source.
SHARES = frozenset(
    "half third thirds two-thirds quarter quarters three-quarters fifth fifths majority minority".split()
)
#: Words a share's phrase may run on with ("Almost half said they wanted"): still the respondents.
SHARE_TAIL = frozenset("said say says they".split())
#: Number words of a "four in 10" share of respondents.
NUMERALS = frozenset("one two three four five six seven eight nine ten".split())

#: Words that cannot open the noun phrase a participle modifies ("Announced that ...").
NOT_NOUNS = BOUNDARY_WORDS | DETERMINERS | PREPOSITIONS | PRONOUNS | frozenset("how what".split())


@dataclass(frozen=True)
class Credit:
    """A source and the region of the sentence credited to it."""

    content: tuple[tuple[int, int], ...]
    source: tuple[int, int]
    source_text: str
    named: bool
    cue: int
    sample: bool = False  # the source describes its sample ("a survey of 5,196 firms")


def _credit(
    text: str,
    words: Sequence[Word],
    first: int,
    stop: int,
    cue: int,
    content: tuple[tuple[int, int], ...],
    lexicon: Lexicon,
    sentence_start: int,
) -> Credit:
    """A credit whose source is ``words[first:stop]``."""
    source = span(words, first, stop)
    named = stop > first and is_named(text, _without_set_off_clauses(text, words, first, stop), sentence_start, lexicon)
    shown = " ".join(text[source[0] : source[1]].split()) or f"{words[cue].lower} (no source given)"
    return Credit(content, source, shown, named, words[cue].start)


#: Words that open a clause set off by commas inside a source, which says where or what the source is,
#: not who: 'Sources, based in Dunmore,', 'A report, published on Monday,', 'Officials, who asked ...'.
_SET_OFF_OPENERS = frozenset("who whose which where when in on at from with for by after before".split())


def _without_set_off_clauses(text: str, words: Sequence[Word], first: int, stop: int) -> Sequence[Word]:
    """The source's words without its set-off participle or relative clauses (review s25v2, item 2).

    'Sources, based in Dunmore,' is as vague as 'Sources': the place in its participle
    clause names nobody. An appositive noun phrase stays ('The owner, Tam Brisk,',
    'Ann Vell, the spokeswoman,'), and a source without a comma is as it was.
    """
    kept: list[Word] = []
    dropping = False
    for at in range(first, stop):
        word = words[at]
        if at > first and "," in text[words[at - 1].end : word.start]:
            low = word.lower
            dropping = low in _SET_OFF_OPENERS or low.endswith(("ed", "ing"))
        if not dropping:
            kept.append(word)
    return kept if kept and len(kept) < stop - first else words[first:stop]


def _according(text: str, words: Sequence[Word], cue: int, bounds: tuple[int, int], lexicon: Lexicon) -> Credit:
    """A credit for "according to X": the whole sentence but the source is the content."""
    stop = _relative_agent_end(text, words, source_after(text, words, cue + 2, ACCORDING_LIMIT))
    source = span(words, cue + 2, stop)
    content = ((bounds[0], words[cue].start), (source[1], bounds[1]))
    credit = _credit(text, words, cue + 2, stop, cue, content, lexicon, bounds[0])
    if stop == cue + 3 == len(words) and words[cue + 2].lower == "the" and not text[source[1] : bounds[1]].strip():
        # "..., according to the" where the text is cut off: a definite description, as "the survey" is
        return replace(credit, named=True)
    return credit


def _relative_agent_end(text: str, words: Sequence[Word], stop: int) -> int:
    """Where "according to X" ends when a passive relative names X's owner ("figures that were released by Acme").

    "that"/"which", then a form of "be" within two words and "by" within AGENT_REACH words,
    after one of :data:`OWNER_VERBS`, with a capitalised word (or "the" and one) after it: the
    source runs on through the agent.
    Else ``stop``.
    """
    if stop + 2 >= len(words) or words[stop].lower not in ("that", "which"):
        return stop
    if not any(w.lower in BE_VERBS for w in words[stop + 1 : stop + 3]):
        return stop
    owned = False
    for at in range(stop + 2, min(len(words) - 1, stop + AGENT_REACH)):
        if gap_breaks(text, words[at - 1].end, words[at].start):
            return stop
        owned = owned or words[at].lower in OWNER_VERBS
        if words[at].lower == "by" and owned:
            name = at + 2 if words[at + 1].lower == "the" and at + 2 < len(words) else at + 1
            return source_after(text, words, at + 1) if text[words[name].start].isupper() else stop
    return stop


def _verb(text: str, words: Sequence[Word], cue: int, bounds: tuple[int, int], lexicon: Lexicon) -> Credit:
    """A verb cue: passive with agent, inverted ("..., said X"), or "X said ..."."""
    whole = ((bounds[0], bounds[1]),)
    if is_passive(text, words, cue):
        by = agent(text, words, cue)
        if by is None:
            after = ((words[cue].end, clause_end(text, words, cue, bounds[1])),)
            return _credit(text, words, cue, cue, cue, after, lexicon, bounds[0])
        return _credit(text, words, by[0], by[1], cue, whole, lexicon, bounds[0])
    if _speaker_cut_off(text, words, cue, bounds):
        before = ((bounds[0], words[cue].start),)
        return Credit(
            before, (words[cue].end, words[cue].end), f"{words[cue].lower} (speaker cut off)", True, words[cue].start
        )
    inverted = _inverted(text, words, cue, bounds, lexicon)
    if inverted is not None:
        return inverted
    first = source_before(text, words, cue)
    relative = _relative(text, words, first, cue, bounds, lexicon) if first < cue else None
    if relative is not None:
        return relative
    lead = _auxiliaries_only(words, first, cue)
    if lead > 1 and words[lead - 1].lower in RELATIVES | {"that"}:
        first = source_before(text, words, lead - 1)
        if first == lead - 1 and "," in text[words[lead - 2].end : words[lead - 1].start]:
            first = source_before(text, words, lead - 2)
        after = ((addressee_end(text, words, cue, INVERTIBLE), clause_end(text, words, cue, bounds[1])),)
        return _credit(text, words, first, lead, cue, after, lexicon, bounds[0])
    elif lead > 1:
        first = appositive(text, words, lead)
        if first < lead:
            return _credit(text, words, first, lead, cue, ((words[cue].end, bounds[1]),), lexicon, bounds[0])
    if lead == cue and cue > 1 and words[cue - 1].lower in JOINING:
        opener = _opener(text, words, cue - 1)
        opening = _opening_subject(text, words[opener:], cue - 1 - opener)
        first, lead = (opener, opener + opening) if opening > 0 else (first, lead)
    stop = lead if lead >= 0 else _before_auxiliaries(words, first, cue)
    return _credit(text, words, first, stop, cue, _content(text, words, first, cue, bounds), lexicon, bounds[0])


_NOT_SPACE = re.compile(r"\S")


def _speaker_cut_off(text: str, words: Sequence[Word], cue: int, bounds: tuple[int, int]) -> bool:
    """Whether an inverted speech verb ends the text with its speaker cut off ("... than last year, said").

    The verb follows a comma or a closing quotation mark and is the text's last word, with
    no full stop after it: a truncated text lost the speaker, whom the article named, as
    a text cut at "according to the" lost its source. Read as a named credit of the clause
    before it, as "..., said the minister." is; "Prices rose 5%, analysts said" and a
    finished "..., said." are read as before.
    """
    if cue + 1 != len(words) or cue == 0 or words[cue].lower not in INVERTIBLE:
        return False
    if _NOT_SPACE.search(text, words[cue].end) is not None:
        return False  # more text follows (a search that stops at the next sentence: linear)
    gap = text[words[cue - 1].end : words[cue].start]
    return "," in gap or quoted(gap)


def _ends_clause(text: str, words: Sequence[Word], cue: int) -> bool:
    """Whether a cue has no object: punctuation or the sentence's end follows it, or an adjunct ("in March.")."""
    if cue + 1 >= len(words) or gap_breaks(text, words[cue].end, words[cue + 1].start):
        return True
    tail = tail_words(text, words, cue)
    after = cue + tail + 1
    return tail <= TAIL_WORDS and _adjunct(words[cue + 1]) and (after >= len(words) or words[after].lower != "that")


def _relative(
    text: str, words: Sequence[Word], first: int, cue: int, bounds: tuple[int, int], lexicon: Lexicon
) -> Credit | None:
    """The credit of a cue ending a relative clause on a figure ("the 50,000 a day city officials estimated"), or None.

    The cue ends its clause, or, inside the sentence, a predicate follows it, after an
    adjunct at most ("... estimated never came", "... predicted in March did not"), and
    its subject is a speaker: a vague head, a capitalised word or a pronoun ("The 3,000
    cases reported in March were mild" is a passive, no credit), or a phrase a determiner
    opens ("the 50,000 visitors the mayor estimated never came", "... that the mayor
    estimated never came", "the 40,000 the organisers had predicted ..."). The source
    shown leaves out the auxiliaries before the cue ("officials", not "officials had").
    Where "that"/"which" opens the clause or a determiner its subject, a past verb after
    the cue opens the predicate too ("the 50,000 that city officials estimated turned out
    ..."): the cue's object is the figure, so the verb cannot be one; so does a clause the
    cue takes whose verb has the figure as its object ("the £3bn that the Treasury
    estimated the scheme would cost rose to £5bn"), or a preposition stranded after the
    cue ("the 40,000 fans that officials had hoped for stayed at home"). Where
    "that"/"which"/"whom" opens the clause, any subject is its source ("the £3bn that
    ministers estimated never materialised"). A figure opening the sentence without
    "that" needs the main predicate after the cue ("£3bn officials estimated never
    materialised"; in "3,000 soldiers reported for duty." it is the subject).
    """
    after = _after_relative(text, words, cue)
    if after is None:
        return None
    relative = object_relative(text, words, first, cue, bounds[0])
    if relative is None:
        return None
    source = _subject_after_noun(words, relative[0], cue)
    determined = source > relative[0] or words[source].lower in DETERMINERS
    marked = relative[0] > 0 and words[relative[0] - 1].lower in OBJECT_RELATIVES
    if after == PAST and not (marked or determined):
        return None
    if after == ENDS and not marked and relative[1] == bounds[0]:
        return None  # a figure opening the sentence is its subject ("3,000 soldiers reported for duty.")
    speaker = marked or determined or any(_speaker_word(text, w, lexicon) for w in words[source:cue])
    if after != ENDS and not speaker:
        return None
    stop = _before_auxiliaries(words, source, cue)
    content = ((relative[1], words[source].start),)
    return _credit(text, words, source, stop, cue, content, lexicon, bounds[0])


#: What follows a cue that ends a relative clause (:func:`_after_relative`).
ENDS, PREDICATE, PAST = "ends", "predicate", "past"


def _after_relative(text: str, words: Sequence[Word], cue: int) -> str | None:
    """How the clause a cue ends may be a relative clause: the main predicate follows, the sentence ends, or a past form.

    :data:`PREDICATE`: an auxiliary or "never" follows (:func:`_predicate_follows`);
    :data:`ENDS`: the cue has no object (:func:`_ends_clause`); :data:`PAST`: a past form
    follows, right after the cue or a stranded preposition, or a clause whose verb leaves
    the figure its object. None otherwise.
    """
    if _predicate_follows(text, words, cue):
        return PREDICATE
    if _ends_clause(text, words, cue):
        return ENDS
    if (
        _past_verb_follows(text, words, cue)
        or _object_clause_follows(text, words, cue)
        or _stranded_before_past(text, words, cue)
    ):
        return PAST
    return None


#: Words that open an adverbial set off by a comma before a sentence's subject ("In a statement, ...").
OPENER_HEADS = PREPOSITIONS | frozenset("after before during earlier later meanwhile separately yesterday".split())
#: At most this many words of such an adverbial, its comma after them.
OPENER_WORDS = 5


def _opener(text: str, words: Sequence[Word], limit: int) -> int:
    """How many words an opening adverbial and its comma take before a capitalised subject, else 0.

    "In a statement, Gov. Ann Cole blasted Congress and said ..." and "On Monday, Acme cut
    jobs and said ...": the subject after the comma is the opening subject (a name: a
    lower-case word there may be a fragment's). The comma comes within OPENER_WORDS words
    and before ``limit``, with no other punctuation before it.
    """
    if words[0].lower not in OPENER_HEADS:
        return 0
    for at in range(1, min(limit, OPENER_WORDS + 1)):
        gap = text[words[at - 1].end : words[at].start]
        if gap_breaks(text, words[at - 1].end, words[at].start):
            return at if gap.strip() == "," and text[words[at].start].isupper() else 0
    return 0


def _opening_subject(text: str, words: Sequence[Word], limit: int) -> int:
    """Where the sentence's opening subject ends, for a cue after "and" with no subject of its own.

    "Acme, a chip maker, cut 300 jobs and said ..." and "Acme will pay the costs and said
    ...": the subject runs from the sentence start up to a comma, an auxiliary, a boundary
    word, a preposition or a past verb, at most SOURCE_LIMIT words and never to ``limit``
    (the "and"), so "Officials met on Monday and said" is the officials' (vague). None (0)
    when the sentence opens with a lower-case word (a fragment), a conjunction or a
    preposition ("But instead of ..., he decided ... and tell"), or when no predicate
    stands between the subject and the "and" ("Desperation and hope": nouns joined).
    """
    if not text[words[0].start].isupper() or words[0].lower in SUBJECT_ENDS | COORDINATORS:
        return 0
    stop = 1
    while stop < min(limit, SOURCE_LIMIT):
        word = words[stop]
        if gap_breaks(text, words[stop - 1].end, word.start) or word.lower in SUBJECT_ENDS or _past_verb(text, word):
            break
        stop += 1
    return stop if stop < limit else _name_before_present(text, words, limit)


def _name_before_present(text: str, words: Sequence[Word], limit: int) -> int:
    """Where an opening name of two or more capitalised words ends before a present verb ("Jo Roe runs ..."), else 0.

    The word after the name must be lower case and end in a single "s" ("runs", "owns",
    "leads"), the name's own predicate, before ``limit``: "Jo Roe runs the plants and
    says ..." is Jo Roe's. One capitalised word may be any sentence's first word
    ("Farmers grow wheat and say ..."), so it is no name here, unless a capital inside it
    shows a name ("Shore-Q keeps its accounts private but says ...", "NordaBank runs ...").
    """
    stop = 0
    while stop < min(limit, SOURCE_LIMIT) and text[words[stop].start].isupper():
        if stop and gap_breaks(text, words[stop - 1].end, words[stop].start):
            return 0
        stop += 1
    inner = stop == 1 and any(ch.isupper() for ch in text[words[0].start + 1 : words[0].end])
    if (stop < 2 and not inner) or stop >= limit or gap_breaks(text, words[stop - 1].end, words[stop].start):
        return 0
    verb = words[stop].lower
    if not text[words[stop].start].islower() or not verb.endswith("s") or verb.endswith("ss"):
        return 0
    return stop


def _auxiliaries_only(words: Sequence[Word], first: int, cue: int) -> int:
    """The first word of a subject of auxiliaries alone before a cue, or -1 when it holds another word.

    "has" in "Ana Ruiz, who leads the panel, has said" or "which has said" is no speaker: the
    speaker is before the aside or the relative, and with neither the cue is agentless. An
    empty subject gives ``cue``; with another word the subject is the source itself (-1).
    """
    if all(word.lower in AUXILIARIES | BE_VERBS | MID_ADVERBS for word in words[first:cue]):
        return first
    return -1


def _before_auxiliaries(words: Sequence[Word], first: int, cue: int) -> int:
    """Where a subject before a cue ends: before its auxiliaries ("officials had", "officials had been predicting").

    Not before a passive's "be" ("it was reported that", "it was also reported": "it" is no
    speaker there). Adverbs before the cue go with the auxiliaries ("Its survey also found").
    """
    stop = cue
    while stop - 1 > first and words[stop - 1].lower in MID_ADVERBS:
        stop -= 1
    if words[stop - 1].lower in BE_VERBS and not words[cue].lower.endswith("ing"):
        return stop
    while stop - 1 > first and words[stop - 1].lower in AUXILIARIES | BE_VERBS | MID_ADVERBS:
        stop -= 1
    return stop


def _stranded_before_past(text: str, words: Sequence[Word], cue: int) -> bool:
    """Whether a preposition stranded after a cue is followed by a past form ("hoped for stayed at home ...").

    The cue's object is then the figure the preposition's gap stands for, and the past
    form opens the main predicate ("the 40,000 fans that officials had hoped for stayed
    at home on Sunday").
    """
    if cue + 2 >= len(words) or words[cue + 1].lower not in STRANDED:
        return False
    if gap_breaks(text, words[cue].end, words[cue + 1].start):
        return False
    return _past_verb_follows(text, words, cue + 1)


def _subject_after_noun(words: Sequence[Word], first: int, cue: int) -> int:
    """Where a relative clause's subject starts: at a determiner after the counted noun ("visitors the mayor"), else ``first``."""
    for index in range(first + 1, cue):
        if words[index].lower in DETERMINERS:
            return index
    return first


def _past_verb_follows(text: str, words: Sequence[Word], cue: int) -> bool:
    """Whether a lower-case past form ("turned", "proved") follows a cue right after it."""
    if cue + 1 >= len(words) or gap_breaks(text, words[cue].end, words[cue + 1].start):
        return False
    return _past_verb(text, words[cue + 1]) or words[cue + 1].lower in STRONG_PAST


def _object_clause_follows(text: str, words: Sequence[Word], cue: int) -> bool:
    """Whether the cue takes a clause whose last verb leaves the figure its object, then the main predicate follows.

    ("the £3bn that the Treasury estimated the scheme would cost rose to ..."): a determiner
    or pronoun right after the cue opens a subject of at most :data:`OBJECT_CLAUSE_WORDS`
    words, then an auxiliary, a lower-case verb, and a word that opens a predicate or a past form.
    """
    if cue + 1 >= len(words) or words[cue + 1].lower not in DETERMINERS | PRONOUNS:
        return False
    for index in range(cue + 1, min(len(words) - 2, cue + OBJECT_CLAUSE_WORDS + 2)):
        if gap_breaks(text, words[index - 1].end, words[index + 2].start):
            return False
        if words[index].lower in AUXILIARIES:
            verb, after = words[index + 1], words[index + 2]
            if not verb.lower.isalpha() or not text[verb.start].islower():
                return False
            return after.lower in PREDICATE_OPENERS or _past_verb(text, after)
    return False


def _speaker_word(text: str, word: Word, lexicon: Lexicon) -> bool:
    """Whether a word of a subject shows a speaker: a vague head ("officials"), a capitalised word or a pronoun."""
    return word.lower in lexicon.vague or word.lower in PRONOUNS or text[word.start].isupper()


def _predicate_follows(text: str, words: Sequence[Word], cue: int) -> bool:
    """Whether an auxiliary or "never" follows a cue, after an adjunct at most ("estimated never came", "in March did not").

    The cue then ends a relative clause inside the sentence's subject ("The 50,000 a day
    city officials estimated never came"): the word opens the main clause's predicate.
    """
    for index in range(cue + 1, min(len(words), cue + TAIL_WORDS + 2)):
        if gap_breaks(text, words[index - 1].end, words[index].start):
            return False
        if words[index].lower in PREDICATE_OPENERS:
            return index == cue + 1 or _adjunct(words[cue + 1])
    return False


def _figure_opens(text: str, word: Word) -> bool:
    """Whether a word after a cue opens its object's figure ("about", "nearly", "$3", "2,000"), not a speaker."""
    return word.lower in AGENT_FILLER or text[word.start - 1 : word.start + 1].lstrip().startswith(
        tuple("$£€0123456789")
    )


def _inverted(text: str, words: Sequence[Word], cue: int, bounds: tuple[int, int], lexicon: Lexicon) -> Credit | None:
    """A cue before its source ("..., said the minister."), or None when it is not one."""
    word = words[cue]
    if cue + 1 >= len(words) or gap_breaks(text, word.end, words[cue + 1].start):
        return None
    if cue > 0 and (word.lower not in INVERTIBLE or not gap_breaks(text, words[cue - 1].end, word.start)):
        return None
    if words[cue + 1].lower in ("that", "how", "what", "to"):
        return None
    if _figure_opens(text, words[cue + 1]) and closes_appositive(text, words, cue):
        return None
    stop = source_after(text, words, cue + 1)
    if word.lower.endswith("ing"):
        stop = source_after(text, words, 0)
        return _credit(text, words, 0, stop, cue, ((word.start, bounds[1]),), lexicon, bounds[0])
    if _content_not_speaker(text, words, cue, stop):
        return None
    if stop == cue + 2 and words[cue + 1].lower in DETERMINERS:
        return None  # '49%, say the "sharing economy" ...': a lone determiner is no speaker
    if stop < len(words) and not gap_breaks(text, words[stop - 1].end, words[stop].start):
        if words[stop].lower not in BOUNDARY_WORDS and not _speaker_after_quotation(text, words, cue):
            return None
    if words[cue + 1].lower in PRONOUNS and stop > cue + 2:
        return None
    return _credit(text, words, cue + 1, stop, cue, ((bounds[0], word.start),), lexicon, bounds[0])


def _content_not_speaker(text: str, words: Sequence[Word], cue: int, stop: int) -> bool:
    """Whether the words after a cue up to ``stop`` are what was said or who heard it, not an inverted speaker.

    '..., said the budget rose 30%': a speaker holds no figure, the clause is the content;
    '..., said on Monday that': a preposition opens an adjunct, not a speaker;
    '..., told the BBC that': who is told is the hearer ('told' inverts only after a quotation).
    """
    if any(_figure_opens(text, w) for w in words[cue + 1 : stop]):
        return True
    if words[cue + 1].lower in PREPOSITIONS and words[cue + 1].lower != "by":
        return True  # ', said on Monday that ...': an adjunct opens no speaker
    return words[cue].lower in _HEARD and not (cue > 0 and quoted(text[words[cue - 1].end : words[cue].start]))


def _speaker_after_quotation(text: str, words: Sequence[Word], cue: int) -> bool:
    """Whether an inverted cue closes a quotation and a capitalised name follows it ('," explains Jo Pell of ...').

    Such a speaker's description may run past SOURCE_LIMIT words ("Jo Pell of the Harbour
    Longevity Centre in Northtown"); its first words are the speaker all the same.
    """
    return cue > 0 and quoted(text[words[cue - 1].end : words[cue].start]) and text[words[cue + 1].start].isupper()


def _content(
    text: str, words: Sequence[Word], first: int, cue: int, bounds: tuple[int, int]
) -> tuple[tuple[int, int], ...]:
    """What "X said" credits: the clause after it, the clause before it, or both."""
    after = ((addressee_end(text, words, cue, INVERTIBLE), clause_end(text, words, cue, bounds[1])),)
    before = ((bounds[0], words[first].start),)
    gap = text[words[first - 1].end : words[first].start] if first > 0 else ""
    tail = tail_words(text, words, cue)
    if "," in gap and not quoted(gap) and 0 < tail <= TAIL_WORDS and not _adjunct(words[cue + 1]):
        return before + after
    if quoted(gap) or ("," in gap and 0 < tail <= TAIL_WORDS):
        that = cue + tail + 1 < len(words) and words[cue + tail + 1].lower == "that"
        return before + after if that else before
    if "," in gap and tail == 0:
        return ((clause_start(text, words, first, bounds[0]), words[first].start), after[0])
    return after


def _adjunct(word: Word) -> bool:
    """Whether a word can open the tail of a closing "..., the ministry said on Tuesday".

    A preposition, a time word or an adverb opens one; anything else opens the clause
    the cue reports ("..., Military Times found Democrats favored Clinton, 72 percent").
    """
    return word.lower in TAIL_OPENERS or word.lower.endswith("ly")


def _modifier(text: str, words: Sequence[Word], cue: int) -> bool:
    """Whether a document noun right after a determiner modifies the figure after it ("the average 80,000").

    An owned document before a figure is still a source ("the Commission's report 12 million ...").
    """
    if cue == 0 or cue + 1 >= len(words) or words[cue - 1].lower not in DETERMINERS:
        return False
    return text[words[cue + 1].start].isdigit() and text[words[cue].end] == " "


def _noun(text: str, words: Sequence[Word], cue: int, bounds: tuple[int, int], lexicon: Lexicon) -> Credit | None:
    """A named document in a source frame ("in a CNN/ORC poll", "by the CBO's outlook").

    Its content is the whole sentence. A document that is the subject of a sentence
    credits it only with "has"/"had"/"gives" ("a CNN poll has Clinton at 46 percent"),
    not otherwise ("The poll surveyed 1,000 adults"; its verb may be a cue itself).
    """
    if _modifier(text, words, cue):
        return None
    first = source_before(text, words, cue, PREPOSITIONS)
    framed = first > 0 and words[first - 1].lower in FRAMES
    sampled = words[cue].lower in SAMPLE_DOCS and cue + 2 < len(words) and words[cue + 1].lower in SAMPLE_FRAMES
    if not framed and not sampled and not any(w.lower in HOLDS for w in words[cue + 1 : cue + 4]):
        return None
    stop = cue + 1
    if stop + 1 < len(words) and words[stop].lower in ("by", "from", "of"):
        stop = source_after(text, words, stop + 1, ACCORDING_LIMIT if sampled else SOURCE_LIMIT)
    content = ((bounds[0], words[first].start), (words[stop - 1].end, bounds[1]))
    credit = _credit(text, words, first, stop, cue, content, lexicon, bounds[0])
    # "the report" alone names no document here: "in the report" frames as "to the way the data" does
    return credit if credit.named and is_named(text, words[first:stop], bounds[0], lexicon, False) else None


def _is_cue(text: str, words: Sequence[Word], index: int, lexicon: Lexicon) -> bool:
    """Whether ``words[index]`` is used as an attribution cue here.

    Not when capitalised inside the sentence, when followed by another cue ("estimates
    place": a noun), after "to" ("likely to say"), between commas (", say,"), or, for a
    verb, after a determiner ("the estimated cost"); the weak cues "put"/"place" only
    when an "at" follows ("estimates put the toll at").
    """
    if not _cue_word(text, words, index, lexicon):
        return False
    if words[index].lower == "according":
        return index + 2 < len(words) and words[index + 1].lower == "to"
    if _cue_ruled_out(text, words, index, lexicon):
        return False
    return _is_noun(words, index, lexicon) or _verb_cue(text, words, index, lexicon)


def _cue_word(text: str, words: Sequence[Word], index: int, lexicon: Lexicon) -> bool:
    """Whether ``words[index]`` is a cue word written as one: lower case inside the sentence.

    A capitalised document noun still counts after a capitalised word, as part of a
    name ("a Gallup Poll").
    """
    word = words[index]
    if word.lower not in lexicon.cues and word.lower not in lexicon.nouns:
        return False
    if index == 0 or text[word.start].islower() or ":" in text[words[index - 1].end : word.start]:
        return True
    return word.lower in lexicon.nouns and text[words[index - 1].start].isupper()


def _cue_ruled_out(text: str, words: Sequence[Word], index: int, lexicon: Lexicon) -> bool:
    """Whether the neighbours of a cue word show it is not one here.

    Followed by another cue ("estimates place"; not across a comma: "he said, adding that"
    keeps "said"), after "to" ("likely to say"), in an
    idiom ("all told": in total), or set off by commas on both sides (", say,").
    """
    word = words[index]
    nxt = words[index + 1] if index + 1 < len(words) else None
    previous = words[index - 1] if index > 0 else None
    if (
        nxt is not None
        and nxt.lower in lexicon.cues
        and nxt.lower != "according"
        and not gap_breaks(text, word.end, nxt.start)
    ):
        return not _participle_not_a_verb(text, words, index + 1)
    if previous is None:
        return False
    if previous.lower in INFINITIVE:
        return True
    if (previous.lower, word.lower) in IDIOMS and not gap_breaks(text, previous.end, word.start):
        return True
    return nxt is not None and gap_breaks(text, previous.end, word.start) and gap_breaks(text, word.end, nxt.start)


def _verb_cue(text: str, words: Sequence[Word], index: int, lexicon: Lexicon) -> bool:
    """Whether a cue word that is not a document noun is used as a cue verb.

    Not after a determiner or quantifier ("the estimated cost", "no listed company"), nor in
    "-s" right after a preposition ("on projects"); "call" only before "for"; the weak
    cues "put"/"place" after a named or vague source, or with an "at" following.
    """
    word = words[index]
    previous = words[index - 1] if index > 0 else None
    if previous is not None and previous.lower in DETERMINERS | QUANTIFIERS:
        return False  # "the estimated cost", "no listed company"
    if previous is not None and _plural_after_preposition(words, index):
        return False
    if _participle_not_a_verb(text, words, index) or _benchmark(text, words, index):
        return False
    if word.lower in FOR_CUES:
        return index + 1 < len(words) and words[index + 1].lower == "for"
    if word.lower in COUNT_VERBS and (_quantity_follows(text, words, index) or _added_to(text, words, index)):
        return False  # "added 292,000 jobs", "are added to a group turnover of £210m", "added up to": sums
    if _object_idiom(words, index) or _show_noun(words, index):
        return False
    if previous is not None and (_possessed_noun(words, index) or _order(words, index)):
        return False
    if word.lower in WEAK_CUES:
        return _weak_cue(text, words, index, lexicon)
    return True


#: Nouns that make "show" after them a noun: an event or a programme ("the trade show which ...").
SHOW_KINDS = frozenset(
    "trade road motor air boat car fashion flower talk chat game quiz comedy breakfast cookery reality variety"
    " awards award horse dog".split()
)


def _show_noun(words: Sequence[Word], index: int) -> bool:
    """Whether "show"/"shows" is a noun after the kind of show it is ("attend the trade show", "a talk show host").

    Data show, polls show: a document before "show" is its subject, and stays a cue; a
    trade fair or a programme shows nothing.
    """
    return words[index].lower in ("show", "shows") and index > 0 and words[index - 1].lower in SHOW_KINDS


def _added_to(text: str, words: Sequence[Word], index: int) -> bool:
    """Whether "added" is a passive before "to" ("are added to a turnover of £210m") or "add up": a sum, not speech.

    Speech adds to its addressee in the active ("Jo Roe added to reporters"), and stays a
    cue; "added up to $214bn" and "the costs add up" are sums whatever their subject, unless
    punctuation parts the two words ("he added, up to 40 ..." is speech).
    """
    if index + 1 < len(words) and words[index + 1].lower == "up":
        return not gap_breaks(text, words[index].end, words[index + 1].start)
    return 0 < index < len(words) - 1 and words[index - 1].lower in BE_VERBS and words[index + 1].lower == "to"


def _plural_after_preposition(words: Sequence[Word], index: int) -> bool:
    """Whether a cue in "-s" right after a preposition is a plural noun ("on projects including homes").

    A verb in "-s" never follows a preposition directly; "than" is left out ("more than
    forecasts"? rare, and its comparisons are read elsewhere).
    """
    word, previous = words[index].lower, words[index - 1].lower
    return previous in PREPOSITIONS and previous != "than" and word.endswith("s") and not word.endswith("ss")


def _weak_cue(text: str, words: Sequence[Word], index: int, lexicon: Lexicon) -> bool:
    """Whether "put"/"place" is a cue: after a named or vague source, or with an "at" following.

    Never after a demonstrative ("That puts the bill at £2m", "This places it at 40%"): the
    writer's own reckoning, whatever follows.
    """
    previous = words[index - 1] if index > 0 else None
    if previous is not None and previous.lower in DEMONSTRATIVES:
        return False
    named = previous is not None and (previous.lower in lexicon.vague or text[previous.start].isupper())
    return named or any(w.lower == "at" for w in words[index + 1 : index + WEAK_REACH])


def _order(words: Sequence[Word], index: int) -> bool:
    """Whether a cue gives an order before "to" ("was told to pay costs of £175"), not a report."""
    return words[index].lower in ORDER_CUES and index + 1 < len(words) and words[index + 1].lower in INFINITIVE


def _possessed_noun(words: Sequence[Word], index: int) -> bool:
    """Whether a cue in "-s" follows a possessive, so it is a plural noun ("the government's demands", "Acme's claims").

    Not after a contraction of "is"/"has" ("it's", "that's").
    """
    previous = words[index - 1].lower
    return (
        words[index].lower.endswith("s")
        and previous.endswith(("'s", "’s"))
        and previous.replace("’", "'") not in CONTRACTIONS
    )


def _participle_not_a_verb(text: str, words: Sequence[Word], index: int) -> bool:
    """Whether an "-ed" cue modifies the noun after it ("in reported donations"), as an adjective, not a verb.

    So it is when a word that can open a noun phrase follows it (not a clause word, a
    determiner, a preposition or a pronoun: "Announced that ..." is a verb) and it opens
    the sentence, follows a preposition, or follows "there" and forms of "be" ("there
    were reported donations", "there have been estimated losses"); after "than" it ends a
    comparison and names no one ("grew more than expected, to 3.8%"). A passive is a verb
    ("Estimated at $5 billion, ...", "there were reported to be", "than reported by").
    """
    if not words[index].lower.endswith("ed") or is_passive(text, words, index):
        return False
    if index > 0 and words[index - 1].lower == "than":
        return True
    if index + 1 >= len(words):
        return False
    nxt = words[index + 1]
    if gap_breaks(text, words[index].end, nxt.start) or nxt.lower in NOT_NOUNS:
        return False
    if index == 0:
        return True
    if not gap_breaks(text, words[index - 1].end, words[index].start) and (
        words[index - 1].lower in PREPOSITIONS or _past_verb(text, words[index - 1])
    ):
        return True
    back = index - 1
    while back > 0 and index - back <= THERE_REACH and words[back].lower in BE_VERBS | AUXILIARIES:
        back -= 1
    return back < index - 1 and words[back].lower == "there"


def _benchmark(text: str, words: Sequence[Word], index: int) -> bool:
    """Whether a cue ends a comparison "than X expected" (a benchmark, not the figure's source).

    "lower than analysts expected", "more than the company had forecast", "twice what analysts
    had been expecting": "than" (or "what" after a comparing word), then
    the subject (no number: "more than 40 officials said" is a subject, "less than the
    $5 billion the agency projected" a relative clause on the figure), then the cue
    ending its clause (no object of its own).
    """
    back = index - 1
    while back > 0 and index - back < SOURCE_LIMIT and not gap_breaks(text, words[back].end, words[back + 1].start):
        if words[back].lower in BOUNDARY_WORDS:
            return False
        if words[back].lower == "than" or _compared_what(words, back):
            numbers = any(w.lower[:1].isdigit() for w in words[back + 1 : index])
            return (
                back + 1 < index
                and not numbers
                and (_ends_clause(text, words, index) or _expecting_follows(text, words, index))
            )
        back -= 1
    return False


#: Words before "what" that compare a figure with it ("twice what analysts expected", "above what it forecast").
COMPARING_WHAT = frozenset("twice double triple half above below beyond under over".split())


def _compared_what(words: Sequence[Word], at: int) -> bool:
    """Whether ``words[at]`` is "what" after a comparing word: "twice what analysts had been expecting" is a benchmark, as "than" is."""
    return at > 0 and words[at].lower == "what" and words[at - 1].lower in COMPARING_WHAT


def _expecting_follows(text: str, words: Sequence[Word], index: int) -> bool:
    """Whether a clause of expecting ending its own clause is the cue's object ("said they expected", "said it had forecast")."""
    for at in range(index + 1, min(len(words), index + 4)):
        if gap_breaks(text, words[at - 1].end, words[at].start):
            return False
        if words[at].lower in EXPECTING:
            return _ends_clause(text, words, at)
    return False


def _past_verb(text: str, word: Word) -> bool:
    """Whether a word is the past form of a verb whose object a participle after it modifies ("suffered", "made")."""
    if word.lower in OBJECT_VERBS:
        return True
    lower = word.lower
    return lower.endswith("ed") and lower not in NOT_PAST and lower not in AUXILIARIES and text[word.start].islower()


#: Marks between a verb and what follows that make it a verb of speech, not a sum ("added: ...", 'added, "...').
SPEECH_OPENERS = frozenset(':"“‘«')


def _quantity_follows(text: str, words: Sequence[Word], index: int) -> bool:
    """Whether a quantity is the object of ``words[index]`` ("added around 292,000 jobs", "added $5 million").

    Not after a colon or a quotation mark: 'He added: "2017 has started well ..."' is speech.
    Nor when the quantity opens a clause of its own (:func:`_clause_follows`: "The bank admitted
    4,000 customers were overcharged"): the clause is what was said.
    """
    if index + 1 < len(words) and any(ch in SPEECH_OPENERS for ch in text[words[index].end : words[index + 1].start]):
        return False
    at = index + 1
    while at < len(words) and at - index <= 2 and words[at].lower in APPROXIMATORS:
        at += 1
    if at >= len(words):
        return False
    first = text[words[at].start]
    gap = text[words[at - 1].end : words[at].start]
    return (first.isdigit() or any(ch in CURRENCY_MARKS for ch in gap)) and not _clause_follows(text, words, at)


#: Most words from a quantity to the verb of the clause it opens ("4,000 of its customers were").
CLAUSE_REACH = 4
#: Words after such a quantity that end its phrase before any clause verb: a relative, a conjunction, a
#: preposition but "of" ("admitted 4,000 patients and was full", "added 200 jobs in a year that was hard").
_NOT_IN_SUBJECT = RELATIVES | DEMONSTRATIVES | (PREPOSITIONS - {"of"}) | frozenset({"and", "or", "but"})


def _clause_follows(text: str, words: Sequence[Word], at: int) -> bool:
    """Whether the quantity at ``words[at]`` is the subject of a clause: an auxiliary follows within :data:`CLAUSE_REACH` words.

    "admitted 4,000 customers were overcharged", "added 200 jobs would go": a that-less clause,
    speech; "admitted 4,000 patients who were ill" (a relative first), "added 292,000 jobs, as
    wages rose" (a clause break first), "admitted 4,000 patients and was full" and "admitted 4,000
    patients last winter" stay counts.
    """
    start = at + 1
    while start < len(words) and text[words[start].start].isdigit():  # the rest of the number ("4,000": two words)
        start += 1
    for k in range(start, min(len(words), start + CLAUSE_REACH)):
        if gap_breaks(text, words[k - 1].end, words[k].start) or words[k].lower in _NOT_IN_SUBJECT:
            return False
        if words[k].lower in AUXILIARIES:
            return True
    return False


def _object_idiom(words: Sequence[Word], index: int) -> bool:
    """Whether a cue word starts an idiom with its object ("declared war", "found their way", "conceded the race")."""
    nxt = words[index + 1].lower if index + 1 < len(words) else ""
    if (words[index].lower, nxt) in OBJECT_IDIOMS:
        return True
    after = words[index + 2].lower if index + 2 < len(words) else ""
    if words[index].lower in CONCEDE_VERBS and nxt in ("the", "a", "an") and after in CONCEDED:
        return True
    return words[index].lower in WAY_VERBS and nxt in WAY_OWNERS and after == "way"


def _is_noun(words: Sequence[Word], index: int, lexicon: Lexicon) -> bool:
    """Whether a cue word is used as a document noun ("a recent report", "the estimates")."""
    word = words[index]
    if word.lower not in lexicon.nouns:
        return False
    return word.lower not in lexicon.cues or (index > 0 and words[index - 1].lower in DETERMINERS)


def _numeral(token: str) -> bool:
    """Whether a lower-case token is a small number, in digits or words ("10", "four")."""
    return token.isdigit() or token in NUMERALS


def _respondents(text: str, credit: Credit) -> bool:
    """True when the "source" is a share of respondents ("74 percent said", "Some 34% say"), not a source.

    A word holds no "%", so a share ending the source phrase shows as the sign right after it.
    """
    if credit.sample:
        return False
    phrase = text[credit.source[0] : credit.source[1]].lower()
    if "percent" in phrase or "%" in phrase or text[credit.source[1] : credit.source[1] + 1] == "%":
        return True
    tokens = phrase.split()
    if any(t in SHARES and all(w in SHARE_TAIL for w in tokens[i + 1 :]) for i, t in enumerate(tokens[:3])):
        return True  # "Almost half said they ...", not "Half of economists"
    if any(
        _numeral(tokens[i - 1]) and tokens[i] == "in" and _numeral(tokens[i + 1]) for i in range(1, len(tokens) - 1)
    ):
        return True  # "four in 10 who said"
    if tokens[:1] == ["of"] and _bracketed_share(text, credit.source[0]):
        return True  # "a third (35%) of amateur runners say", read as "35% of amateur runners say" is
    return any(token[:1].isdigit() and "," in token for token in tokens)


#: How far back from an "of ..." source a bracketed percentage is looked for.
SHARE_REACH = 16


def _bracketed_share(text: str, start: int) -> bool:
    """Whether a percentage in brackets ends just before ``start``: "a third (35%) of ...", "(35 percent) of"."""
    before = text[max(0, start - SHARE_REACH) : start].rstrip()
    if not before.endswith(")") or "(" not in before:
        return False
    inside = before[before.rindex("(") + 1 : -1].strip().lower()
    return inside.endswith(("%", " percent", " per cent")) and inside[:1].isdigit()


def _possessed(
    text: str, words: Sequence[Word], index: int, bounds: tuple[int, int], lexicon: Lexicon
) -> Credit | None:
    """A named plan or pledge ("Trump's plan to deport 11 million people"), or None.

    The noun credits the clause after it to its possessor: a capitalised name, or a
    possessive pronoun for a person named before, with at most one word between ("his
    call to", "her unlikely proposal to").
    """
    if words[index].lower not in PLANS or index == 0:
        return None
    owner = _pronoun_owner(text, words, index)
    if owner is None:
        token = text[words[index - 1].start : words[index - 1].end]
        if not token.endswith(("'s", "’s")) or not token[:1].isupper():
            return None
        if gap_breaks(text, words[index - 1].end, words[index].start):
            return None
        owner = source_before(text, words, index)
    content = ((words[index].end, clause_end(text, words, index, bounds[1])),)
    return _credit(text, words, owner, index, index, content, lexicon, bounds[0])


def _pronoun_owner(text: str, words: Sequence[Word], index: int) -> int | None:
    """The index of a possessive pronoun owning the plan noun at ``index`` ("his [unlikely] plan"), or None."""
    for back in (index - 1, index - 2):
        if back < 0 or any(gap_breaks(text, words[i].end, words[i + 1].start) for i in range(back, index)):
            return None
        if words[back].lower in POSSESSIVE_PRONOUNS:
            return back
    return None


def _credit_at(
    text: str, words: Sequence[Word], index: int, bounds: tuple[int, int], lexicon: Lexicon, found: list[Credit]
) -> Credit | None:
    """The credit a cue word at ``words[index]`` gives, or None when it gives none."""
    word = words[index]
    if not _is_cue(text, words, index, lexicon):
        return _possessed(text, words, index, bounds, lexicon)
    if word.lower == "according":
        return _according(text, words, index, bounds, lexicon)
    if _is_noun(words, index, lexicon):
        return _noun(text, words, index, bounds, lexicon)
    if word.lower.endswith("ing") and index > 0 and gap_breaks(text, words[index - 1].end, word.start):
        carried = _participle_credit(text, words, index, bounds, lexicon, found)
        if carried is not None:
            return carried
    credit = _verb(text, words, index, bounds, lexicon)
    if decision_by_other(text, words, index, credit.source):
        return None
    return _gerund_clause(text, words, index, credit)


def _gerund_clause(text: str, words: Sequence[Word], index: int, credit: Credit) -> Credit:
    """A credit whose cue is a gerund after a subordinator ("After saying ...,") held to the gerund's clause.

    Its speaker is the subject of the main clause after the comma, not found here; the
    main clause is no part of what the gerund reports ("After saying ..., Jo Roe lost the
    part that was to make her millions").
    """
    if index == 0 or not words[index].lower.endswith("ing") or words[index - 1].lower not in GERUND_OPENERS:
        return credit
    if credit.source[0] < credit.source[1]:
        return credit
    for at in range(index + 1, len(words)):
        gap = text[words[at - 1].end : words[at].start]
        if "," in gap and gap != ",":  # not the comma inside "5,000"
            return replace(credit, content=((words[index].end, words[at - 1].end),))
    return credit


def _participle_credit(
    text: str, words: Sequence[Word], index: int, bounds: tuple[int, int], lexicon: Lexicon, found: list[Credit]
) -> Credit | None:
    """The credit of a participle cue set off from the words before it (", adding that ..."), or None.

    It carries the sentence's last credit on ("..., the minister said, adding that ..."); with
    none before it, a speech participle after a comma has the sentence's opening subject for its
    speaker ("Acme Bank raised its forecast, saying sales would rise 5%"); otherwise None.
    """
    word = words[index]
    content = ((word.start, bounds[1]),)
    if found:
        return replace(found[-1], content=content, cue=word.start)
    if word.lower not in SPEECH_ING or "," not in text[words[index - 1].end : word.start]:
        return None
    opening = _opening_subject(text, words, index)
    return _credit(text, words, 0, opening, index, content, lexicon, bounds[0]) if opening > 0 else None


@lru_cache(maxsize=32)
def credit_openers(lexicon: Lexicon) -> frozenset[str]:
    """The words a credit can start from: the cue words, document nouns and plan nouns."""
    return lexicon.cues | lexicon.nouns | PLANS


def credits(text: str, words: Sequence[Word], bounds: tuple[int, int], lexicon: Lexicon) -> list[Credit]:
    """Every credit (source and content) in the sentence ``text[bounds[0]:bounds[1]]``."""
    found: list[Credit] = []
    # Only a cue word, a document noun or a plan noun gives a credit (see _credit_at).
    openers = credit_openers(lexicon)
    for index in [i for i, word in enumerate(words) if word.lower in openers]:
        if len(found) >= MAX_CREDITS:
            break
        credit = _credit_at(text, words, index, bounds, lexicon, found)
        if credit is None:
            continue
        if is_sample(words, credit.source):
            definite = text[credit.source[0] : credit.source[1]].lower().startswith(("the ", "this "))
            credit = replace(credit, sample=True, named=credit.named or definite)
        if not _respondents(text, credit):
            found.append(credit)
    return found


def covering(found: Sequence[Credit], start: int, end: int) -> Credit | None:
    """The credit whose content holds ``[start, end)`` and whose cue is nearest, or None.

    A figure inside a source that describes its sample ("a study of 1,200 students")
    is credited to that source. A credit with a source beats an agentless one ("are
    expected to put £269bn on cards, Apacs said" is Apacs's), whatever their distance.
    """
    best: Credit | None = None
    for credit in found:
        if credit.sample and credit.source[0] < start and end <= credit.source[1]:
            return credit
        if credit.source[0] <= start < credit.source[1] or start < credit.source[0] < end:
            continue
        if not any(s <= start and end <= e for s, e in credit.content):
            continue
        if best is None or _rank(credit, start) < _rank(best, start):
            best = credit
    return best


def _rank(credit: Credit, start: int) -> tuple[bool, int]:
    """How a credit ranks for a figure at ``start`` (lower first): agentless last, then by the cue's distance."""
    return credit.source[0] >= credit.source[1], abs(credit.cue - start)
