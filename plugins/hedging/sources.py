"""Who a sentence credits its claims to: vague sources and agentless passives.

Two scans over one sentence's tokens, each looking only a few tokens either side
of a trigger word, so the work is linear in the sentence length:

* :func:`vague_sources`: an unnamed or collective source ("sources", "experts",
  "some", "a senior official") with a verb of saying or thinking after it or
  "according to" before it, and no name or organisation beside it;
* :func:`passives`: "is thought to", "was considered", "it is said", "is widely
  believed", "is regarded by many as" (the agentless forms are vague attributions);
* the helpers :func:`_named` and :func:`_agent_named`, which ``speakers`` also uses
  to find a named source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress, count, pairwise

from copydesk.plugins.hedging.content import content_noun, first_finding, modifier_noun
from copydesk.plugins.hedging.cues import BE, LOW, Token, clause_break, dash
from copydesk.plugins.hedging.lexicon import QUANTIFIERS, Lexicon

#: Words that may stand between a source and its verb ("sources close to the talks said").
WINDOW = 6
_MODIFIERS = frozenset(
    "some many most several other others unnamed anonymous senior top leading independent outside western "
    "certain a an one another various numerous few unidentified local foreign recent unconfirmed media press "
    "multiple initial latest early widespread persistent".split()
)
_INTRODUCERS = frozenset({"a", "an", "one", "another", "some"})
_SPECIFIC_AFTER = frozenset({"at", "from", "for", "by", "including", "like", "such", "in", "of", "with"})
_AUXILIARIES = frozenset("have has had also still would may might could will now long who privately publicly".split())
_VAGUE_ADVERBS = frozenset(
    "widely generally commonly often long popularly broadly traditionally frequently variously increasingly "
    "usually sometimes once".split()
)
_OTHER_ADVERBS = frozenset("also now still originally initially previously formerly later even".split())
#: Both lists of adverbs (a union made once, not at every test).
_ADVERBS = _VAGUE_ADVERBS | _OTHER_ADVERBS
_ANY_NEXT = frozenset(
    "considered believed thought rumored rumoured alleged reputed presumed assumed regarded speculated understood".split()
)
_NEEDS_NEXT = frozenset({"to", "as", "that", "at"})
_STARTERS = frozenset(
    "the a an this that these those it its there they their i we you our my in on at for but and however while "
    "although as if "
    "when after before since because so yet also then thus still now here such what which who according".split()
)
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december today yesterday".split()
)
#: Common nouns that, capitalised only because they open the sentence, name nobody
#: ("Analysis suggests", "Evidence suggests").
COMMON_OPENERS = frozenset(
    "analysis evidence data experience history science logic polling modelling modeling testing footage documents"
    " records figures statistics results findings experiments tests surveys".split()
)


#: Number words that open a sentence before a source noun ("Two sources said"): a count, no name.
NUMBER_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve dozens hundreds".split())


def _skipped_opener(low: str, lexicon: Lexicon) -> bool:
    """Whether a sentence's capitalised first word ``low`` names nobody: a starter, modifier, count, vague source, ...

    A starter, a modifier of a source ("Top aides"), a number word ("Two sources"), a vague
    source, a demonym or a common opener; look-ups, not a union of the sets built at every call.
    """
    return (
        low in _STARTERS
        or low in _MODIFIERS
        or low in NUMBER_WORDS
        or low in lexicon.vague_sources
        or low in lexicon.demonyms
        or low in COMMON_OPENERS
    )


#: Institution nouns usually capitalised as a name: at a sentence start they stay one ("Kremlin officials").
_PROPER_INSTITUTIONS = frozenset({"kremlin", "senate", "congress", "parliament"})
#: Endings of a capitalised first word that is an adjective, not a name ("Recent reports").
_ADJECTIVE_ENDINGS = ("ent", "al", "ous", "ive", "ic", "ary", "ful", "less", "able", "ible", "ing", "ed", "ant", "est")
_AGENT_END = frozenset({"as", "to", "that", "and", "for", "in", "of", "who"})
#: Words after 'considered' that make it deliberated, not a judgement ('will be considered at the AGM').
_DELIBERATED = frozenset(
    "at on during next later tomorrow today tonight when before after".split()
    # no complement follows: 'should be considered, including ...', 'was considered and rejected' (session 19)
    + "including and or but if because".split()
)
_REDUCED = frozenset("accepted considered regarded thought believed seen viewed".split())
_SUBJECTS = frozenset("i you he she we they who it one".split())
_OBJECT_PRONOUNS = frozenset("us me him her them you all everyone scholars historians the".split())
_REPORT_NOUNS = frozenset({"reports", "rumors", "rumours", "report"})
#: Verbs that make reports or rumours the topic of the sentence, not its source ('denied rumours that').
_TOPIC_VERBS = frozenset(
    "hear heard deny denied denies dismiss dismissed dismisses quash quashed reject rejected spread fuel fuelled "
    "fueled address addressed debunk debunked".split()
)
#: Words after which a speech-verb form is a noun ('in show business', 'the report').
_NOUN_BEFORE = frozenset("in on of for with to from into the a an this these its their".split())
#: Speech-verb forms that are also plural nouns ('those states', 'several claims').
_NOUN_FORMS = frozenset("states claims reports notes points shows finds estimates fears".split())
#: Participles that after a bare noun start a reduced relative clause ('people said to be').
#: Collective subjects that, right after a named speaker's verb of saying, are what the speaker talks about.
_REPORTED_SUBJECTS = frozenset({"people", "others"})
#: Verbs whose object is who is told, not who tells ('Jo Roe told analysts the bank expected growth').
_TELLING = frozenset("told tells tell telling briefed briefs briefing assured assures reassured reassures".split())
_PARTICIPLES = frozenset("said alleged thought believed reported rumored rumoured considered expected known".split())


@dataclass(frozen=True)
class Attribution:
    """A span of tokens ``[first, last)`` that credits a claim; ``vague`` if nobody checkable."""

    first: int
    last: int
    vague: bool
    pattern: str


def _named(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """True when token ``k`` names a source: a capitalised non-stopword, or 'the' + institution."""
    tok = tokens[k]
    if tok.low == "the":
        return k + 1 < len(tokens) and tokens[k + 1].low in lexicon.institutions
    if tok.capitalised and tok.low in lexicon.vague_sources and k > 0 and not tok.quoted:
        return _publication(tokens, k)
    if not tok.capitalised or tok.low in lexicon.vague_sources or tok.low in lexicon.demonyms:
        return False
    if tok.low.removesuffix("'s").removesuffix("\u2019s") in _CALENDAR:  # 'Monday's report' names a day
        return False
    if k > 0:
        return True
    # A capitalised first word is a name when it looks like one ("McAloon", "IAEA",
    # "Dmitri Peskov") or is the subject of a verb of saying ("Peskov said", "Loomis
    # further suggests"); "Experiments have shown" stays unknown.
    if tok.low in _STARTERS or tok.low in COMMON_OPENERS or len(tokens) < 2:
        return False
    verb = 2 if tokens[1].low in _AUXILIARIES or tokens[1].low == "further" else 1
    verb = progressive_verb(tokens, verb)
    said = verb < len(tokens) and tokens[verb].low in lexicon.speech_verbs
    return said or tokens[1].capitalised or any(map(str.isupper, tok.raw[1:]))


def _publication(tokens: Sequence[Token], k: int) -> bool:
    """True when source noun ``k``, capitalised inside its sentence, is a publication's name (session 26).

    'according to People', '..., People reported', 'Insider reported'; a plural in -s more
    likely opens a sentence whose full stop is missing ('the dollar Analysts said'), and a
    Title Case run ('Why Experts Say') capitalises every word.
    """
    return not tokens[k].low.endswith("s") and not _title_case(tokens, k)


def progressive(tokens: Sequence[Token], j: int) -> bool:
    """True when the verb form ``j`` is an '-ing' form after 'be' ('had been predicting', 'was saying'): active, no passive."""
    return j > 0 and tokens[j - 1].low in BE and tokens[j].low.endswith("ing")


def progressive_verb(tokens: Sequence[Token], j: int) -> int:
    """The index of the '-ing' verb after the forms of 'be' from ``j`` ('been predicting'), or ``j`` when there is none."""
    k = j
    while k < len(tokens) and k - j < 2 and tokens[k].low in BE:
        k += 1
    return k if k > j and k < len(tokens) and tokens[k].low.endswith("ing") else j


#: Characters between two words that set the second off from the first.
_SETTING_OFF = frozenset(",;:\u2014\u2013")


def _set_off(text: str, left: Token, right: Token) -> bool:
    """True when a comma, semicolon, colon or dash (a spaced hyphen too) stands between two adjacent tokens."""
    return not _SETTING_OFF.isdisjoint(text[left.end : right.start]) or dash(text, left, right)


#: Prepositions of place that open a sentence's fronted place ('In Harbourtown, officials said').
_PLACE_PREPOSITIONS = frozenset({"in", "at", "across", "throughout", "inside", "outside"})
#: Most words of a fronted place before the source.
FRONTED_PLACE = 5


def _fronted_place(tokens: Sequence[Token], k: int) -> bool:
    """True when source ``k`` follows a sentence-initial place of at most :data:`FRONTED_PLACE` words, no date."""
    if not 2 <= k <= FRONTED_PLACE or tokens[0].low not in _PLACE_PREPOSITIONS:
        return False
    return not any(t.low.removesuffix("'s") in _CALENDAR for t in tokens[1:k])


def _title_case(tokens: Sequence[Token], k: int) -> bool:
    """True when the words on both sides of token ``k`` are capitalised too (a headline's 'Why Experts Say ...')."""
    return 0 < k < len(tokens) - 1 and tokens[k - 1].raw[:1].isupper() and tokens[k + 1].raw[:1].isupper()


def _capitalised_name(tokens: Sequence[Token], k: int, text: str) -> bool:
    """True when source noun ``k`` is capitalised inside its sentence, outside a Title Case run: a name ('People reported').

    Not the sentence's first word, nor one after a colon, a bracket or an opening quotation
    mark, nor a plural in -s (more likely the first word of a sentence whose full stop is
    missing: 'fell against the dollar Analysts said').
    """
    if k == 0 or not tokens[k].raw[:1].isupper() or not _publication(tokens, k):
        return False
    gap = text[tokens[k - 1].end : tokens[k].start]
    return not any(mark in gap for mark in ':"\u201c\u2018(')


def _specific(tokens: Sequence[Token], k: int, text: str, lexicon: Lexicon) -> bool:
    """True when a name or organisation stands beside source noun ``k`` ('Kremlin officials').

    A capitalised word set off from the source by a comma, semicolon, colon or dash is no
    modifier of it: in 'The deal may close on Friday, officials say' the credit is postposed
    and vague (session 26; before, 'Friday' named the officials), unless it ends a fronted
    place ('In Harbourtown, officials said': the place's officials, :func:`_fronted_place`).
    A bracket is no such break ('the Prison Service (HMPS) officials say'). A source noun capitalised inside a
    sentence before a verb in lower case is a name ('..., People reported': the magazine);
    in a Title Case run ('Why Officials Say') or opening a quoted sentence it is not.
    """
    if _capitalised_name(tokens, k, text):
        return True
    before = tokens[k - 1] if k else None
    if (
        before is not None
        and before.capitalised
        and before.low not in lexicon.vague_sources
        and before.low not in lexicon.demonyms
        and not (_set_off(text, before, tokens[k]) and not _fronted_place(tokens, k))
    ):
        opener = _skipped_opener(before.low, lexicon) or before.low.endswith(_ADJECTIVE_ENDINGS)
        if k >= 2 or not (opener or _common_opener(before.low, lexicon) or clause_break(text, before, tokens[k])):
            return True  # a sentence's first word before a comma is fronted ('Meanwhile, officials said'), no modifier
    if k + 1 >= len(tokens):
        return False
    nxt = tokens[k + 1]
    if nxt.capitalised and clause_break(text, tokens[k], nxt):
        return True
    if nxt.low not in _SPECIFIC_AFTER:
        return False
    agent = k + 3 if nxt.low == "such" else k + 2
    return _agent_named(tokens, agent, lexicon)


def _common_opener(low: str, lexicon: Lexicon) -> bool:
    """True for a common noun that is capitalised only as a sentence's first word ('Ministry officials said').

    An institution noun (not one usually capitalised as a name, 'Kremlin') or one of
    :data:`COMMON_OPENERS`: read as the lower-case word ('Health ministry officials', vague).
    """
    return low in COMMON_OPENERS or (low in lexicon.institutions and low not in _PROPER_INSTITUTIONS)


def _verb_after(tokens: Sequence[Token], k: int, text: str, lexicon: Lexicon, tight: bool) -> int | None:
    """Index of a verb of saying/thinking within a few words after ``k``, in the same clause.

    A spaced hyphen ends the clause as a dash does ('plus four statewide officials - but
    said the outcome was open': the one who said is named before the aside), unless a
    second one closes an aside of at most :data:`ASIDE_WORDS` words with no clause break
    in it: the verb may follow the aside ('some economists - including two of the bank's
    own - warn that ...'; session 26), the window growing by the aside's length.
    """
    limit = min(len(tokens), k + (3 if tight else WINDOW + 1))
    j = k + 1
    while j < limit:
        if not tight and _aside_mark(text, tokens[j - 1], tokens[j]):
            close = _aside_closes(tokens, j, text)
            if close is None:
                return None
            limit, j = min(len(tokens), limit + close - j), close
        elif clause_break(text, tokens[j - 1], tokens[j]) or dash(text, tokens[j - 1], tokens[j]):
            return None
        if tokens[j].low in lexicon.speech_verbs and _governs_clause(tokens, j, k):
            return j
        if tight and tokens[j].low not in _AUXILIARIES and tokens[j].low not in BE:
            return None
        j += 1
    return None


#: Most words of an aside between two spaced hyphens that a source's verb may follow.
ASIDE_WORDS = 12


def _aside_mark(text: str, left: Token, right: Token) -> bool:
    """True when only a dash stands between two adjacent tokens: a spaced hyphen or '--', an en or em dash."""
    gap = text[left.end : right.start]
    mark = gap.strip()
    return mark in _DASHES or (mark in ("-", "--") and mark != gap)


_DASHES = frozenset({"\u2013", "\u2014"})


def _aside_closes(tokens: Sequence[Token], j: int, text: str) -> int | None:
    """The token after the dash that closes an aside opened before token ``j``, or None.

    The aside holds at most :data:`ASIDE_WORDS` words, no other clause break and no
    capitalised word: one that names them ('two officials - Mr Smith and Ms Jones - said',
    'officials - including those at the Treasury - said') makes the sources no vague ones,
    so the dash ends their clause as before (review of session 26).
    """
    if tokens[j].capitalised and tokens[j].low != "i":
        return None
    for m in range(j + 1, min(len(tokens), j + ASIDE_WORDS + 1)):
        if _aside_mark(text, tokens[m - 1], tokens[m]):
            return m
        if tokens[m].capitalised and tokens[m].low != "i":
            return None
        if clause_break(text, tokens[m - 1], tokens[m]) or dash(text, tokens[m - 1], tokens[m]):
            return None
    return None


#: Verbs of hoping: with a clause they credit it ("the party hopes that ..."); "hoped for" takes none.
_HOPING = frozenset({"hope", "hopes", "hoped"})


#: Words after a verb of hoping that leave it no clause ('hoped for', 'hope so', 'hope not').
_NO_CLAUSE_AFTER_HOPE = frozenset({"for", "so", "not"})


def hoped_for(tokens: Sequence[Token], j: int) -> bool:
    """True when verb ``j`` hopes with no clause ('the savings Jo Roe had hoped for', 'Fans hope not')."""
    return tokens[j].low in _HOPING and j + 1 < len(tokens) and tokens[j + 1].low in _NO_CLAUSE_AFTER_HOPE


def _governs_clause(tokens: Sequence[Token], j: int, k: int) -> bool:
    """True when the speech-verb form at ``j`` is a verb with the source ``k`` as subject.

    Not a verb: a capitalised word ('Washington State'), 'according', a noun after a
    preposition or a quantifier ('in show business', 'those states', 'many reports'),
    a participle after a passive 'be' or before 'to' ('people alleged to have'), or a
    verb with a bare 'not' after it ('those who acknowledge not the religion').
    """
    tok, before = tokens[j], tokens[j - 1].low
    nxt = tokens[j + 1].low if j + 1 < len(tokens) else ""
    if tok.capitalised or tok.low == "according" or before in _NOUN_BEFORE:
        return False
    if before in BE and not progressive(tokens, j):
        return False
    if tok.low.endswith("ing") and not _participle_of(tokens, j, k):
        return False
    if j == k + 1 and tokens[k].low in QUANTIFIERS and tok.low in _NOUN_FORMS:
        return False
    if _other_subject(tokens, j, k) or hoped_for(tokens, j):
        return False
    return nxt != "not" and not (j == k + 1 and nxt == "to" and tok.low in _PARTICIPLES)


#: Progressive verbs of expecting, which credit a vague source only with a that-clause (:func:`_participle_of`).
_EXPECTING = frozenset("predicting forecasting estimating expecting".split())


def _participle_of(tokens: Sequence[Token], j: int, k: int) -> bool:
    """True when the '-ing' verb form at ``j`` is the source ``k``'s verb.

    After 'be', only auxiliaries and forms of 'be' stand between ('analysts had been
    expecting'; in 'rumours she is expecting' the subject is 'she'). Otherwise the form
    follows 'as' ('quoted sources as saying'), or is 'saying' anywhere in the window
    ('people coming up saying'), as it was read before the other '-ing' forms were verbs
    of saying, or follows the source with 'that' after it ('a source claiming that'; not
    'an official warning to the trio', 'people claiming a certificate'), and never in
    'left without warning'. A phrase that modifies the source may stand before 'be' (:func:`_postmodifies`:
    'people close to her are speculating'; session 29). A progressive verb of expecting (:data:`_EXPECTING`) credits
    only a that-clause: 'analysts had been forecasting a 0.1% rise' and 'twice what some
    analysts had been expecting' give a market's consensus, a benchmark for a figure
    (the findings audit judges those wrong), not a claim.
    """
    that = j + 1 < len(tokens) and tokens[j + 1].low == "that"
    if progressive(tokens, j):
        between = tokens[k + 1 : j - 1]
        verbal = all(t.low in _AUXILIARIES or t.low in BE for t in between)
        return (verbal or _postmodifies(between)) and (that or tokens[j].low not in _EXPECTING)
    if tokens[j - 1].low == "as" or tokens[j].low == "saying":
        return True
    return j == k + 1 and that


#: Words that open a phrase after a source noun and before its 'be' ('people close to her are
#: saying', 'officials familiar with the talks are predicting', 'staff inside the firm were claiming').
_POSTMODIFIER_OPENERS = frozenset("close closest familiar near inside within among around across".split())
#: Words that open a clause of their own inside such a phrase ('close to where she says ...').
_CLAUSE_WORDS = frozenset("that who which where when while because and but or".split())


def _postmodifies(between: Sequence[Token]) -> bool:
    """True when the words between a source and its 'be' are a phrase that modifies the source.

    It opens with :data:`_POSTMODIFIER_OPENERS` ('close to her', 'familiar with the talks')
    and holds no clause opener; in 'rumours she is expecting' the word between is a new
    subject, and the progressive verb is hers (session 29).
    """
    if not between or between[0].low not in _POSTMODIFIER_OPENERS:
        return False
    return all(t.low not in _CLAUSE_WORDS for t in between)


def _other_subject(tokens: Sequence[Token], j: int, k: int) -> bool:
    """True when verb ``j`` belongs to another subject than source ``k``.

    A comparison with a name ('people who dug me, like Linda said') or the relative
    clause that defines 'those' ('waived for those who say they are homeless').
    """
    named = j >= 2 and tokens[j - 1].capitalised and tokens[j - 2].low in ("like", "as")
    return named or (tokens[k].low == "those" and j == k + 2 and tokens[k + 1].low == "who")


def _according_before(tokens: Sequence[Token], k: int) -> int | None:
    """Index of 'according' when the source noun ``k`` follows 'according to [modifiers]'."""
    j = k - 1
    while j >= 0 and tokens[j].low in _MODIFIERS:
        j -= 1
    if j >= 1 and tokens[j].low == "to" and tokens[j - 1].low == "according":
        return j - 1
    return None


def _source_start(tokens: Sequence[Token], k: int) -> int:
    """First token of the source phrase ending at ``k`` (back over 'some', 'senior', ...)."""
    while k > 0 and tokens[k - 1].low in _MODIFIERS:
        k -= 1
    return k


def _bare_singular(tokens: Sequence[Token], k: int, text: str) -> bool:
    """True for a singular source noun that is no unnamed person: 'the source', 'an official NHS review'."""
    low = tokens[k].low
    if low.endswith("s") or low in ("people", "research"):
        return False
    introduced = _INTRODUCERS & {tokens[j].low for j in range(max(0, k - 2), k)}
    return not introduced or modifier_noun(tokens, k, text)


#: Words between 'and' and the second conjunct of a compound subject ('Sanders and the others').
_CONJUNCT_DETERMINERS = frozenset({"the", "his", "her", "their", "its"})
_BEFORE_NAME = frozenset("of in with for from about on at to between among into over against by".split())


def _named_conjunct(tokens: Sequence[Token], start: int, text: str, lexicon: Lexicon) -> bool:
    """True when the source phrase at ``start`` is the second conjunct after a named subject.

    'Sanders and the others say', 'Smith and others argue': the compound subject names
    its first conjunct, as in 'Sanders and his supporters argue'; not after a preposition
    ('talks between Sanders and others').
    """
    j = start - 1
    if j >= 0 and tokens[j].low in _CONJUNCT_DETERMINERS:
        j -= 1
    if j < 1 or tokens[j].low != "and" or clause_break(text, tokens[j - 1], tokens[j]):
        return False
    name = j - 1
    if name == 0:
        first = tokens[0]
        named = first.capitalised and not _skipped_opener(first.low, lexicon)
    else:
        named = _named(tokens, name, lexicon)
    # back over the name's words, a few at most (a run of capitals is not walked again for every source)
    stop = max(0, name - WINDOW)
    while name > stop and tokens[name].capitalised:
        name -= 1
    return named and tokens[name].low not in _BEFORE_NAME


def _vague_source(tokens: Sequence[Token], k: int, text: str, lexicon: Lexicon) -> Attribution | None:
    """The vague attribution whose source word is token ``k``, if it is one."""
    low = tokens[k].low
    if _named_or_told(tokens, k, text, lexicon):
        return None
    if low in QUANTIFIERS:
        if k + 1 < len(tokens) and tokens[k + 1].low in lexicon.vague_sources:
            return None
        according = _according_before(tokens, k)
        if according is not None:
            # 'according to some chronicles': the quantifier makes any source vague.
            end = k + 2 if k + 1 < len(tokens) and not clause_break(text, tokens[k], tokens[k + 1]) else k + 1
            return Attribution(according, end, True, "according-to")
        verb = _verb_after(tokens, k, text, lexicon, tight=True)
        return None if verb is None else Attribution(k, verb + 1, True, "quantifier")
    if _bare_singular(tokens, k, text) or _specific(tokens, k, text, lexicon):
        return None
    according = _according_before(tokens, k)
    if according is not None:
        return Attribution(according, k + 1, True, "according-to")
    verb = _verb_after(tokens, k, text, lexicon, tight=False)
    if verb is not None and not (low in _REPORTED_SUBJECTS and _named_says_before(tokens, k, lexicon)):
        return Attribution(_source_start(tokens, k), verb + 1, True, "source-says")
    return _without_verb_after(tokens, _source_start(tokens, k), k, text)


def _without_verb_after(tokens: Sequence[Token], start: int, k: int, text: str) -> Attribution | None:
    """The vague attribution of source phrase ``start``..``k`` when no verb of saying follows it.

    An inverted credit after its claim (:func:`_inverted_after_claim`), or 'reports of/that'.
    """
    if _inverted_after_claim(tokens, start, k, text):
        return Attribution(start - 1, k + 1, True, "source-says")
    topic = start > 0 and tokens[start - 1].low in _TOPIC_VERBS
    if tokens[k].low in _REPORT_NOUNS and k + 1 < len(tokens) and tokens[k + 1].low in ("of", "that") and not topic:
        return Attribution(start, k + 2, True, "reports-of")
    return None


#: Verbs of saying that open an inverted credit after its claim (', say some economists.').
INVERTING = frozenset(
    "say says said add adds added argue argues argued warn warns warned insist insists insisted".split()
)
#: Words that may follow an inverted credit's source, besides a clause break or the sentence's end.
_AFTER_INVERTED = frozenset({"who"})


def _inverted_after_claim(tokens: Sequence[Token], start: int, k: int, text: str) -> bool:
    """True when the source phrase ``start``..``k`` is the subject of an inverted credit after its claim.

    'The plan may fail, say some economists.', '..., said officials, who ...': a verb of
    saying (:data:`INVERTING`) after a clause break, the source right after it, and the
    sentence's end, a clause break or 'who' after the source. The claim before the break is
    theirs, as in 'The plan may fail, some economists say.'
    """
    j = start - 1
    if j < 1 or tokens[j].low not in INVERTING or not clause_break(text, tokens[j - 1], tokens[j]):
        return False
    return k + 1 == len(tokens) or tokens[k + 1].low in _AFTER_INVERTED or clause_break(text, tokens[k], tokens[k + 1])


def _named_or_told(tokens: Sequence[Token], k: int, text: str, lexicon: Lexicon) -> bool:
    """Whether the source phrase ending at ``k`` is joined to a name, or is a hearer (:func:`_told`)."""
    start = _source_start(tokens, k)
    return _named_conjunct(tokens, start, text, lexicon) or _told(tokens, start, k)


def _told(tokens: Sequence[Token], start: int, k: int) -> bool:
    """Whether the source phrase ``start``..``k`` is the object of a verb of telling: a hearer, not a source.

    'Jo Roe told analysts the bank expected growth': the analysts are told; whatever the
    clause after them credits is the teller's. 'told the analysts' too; but 'briefed
    officials who said' makes the officials speak.
    """
    if k + 1 < len(tokens) and tokens[k + 1].low == "who":
        return False
    before = start - 1 if start > 0 and tokens[start - 1].low != "the" else start - 2
    return before >= 0 and tokens[before].low in _TELLING


def _named_says_before(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """True when the subject ``k`` opens a clause a named speaker reports ('Dr Lodhi said people could not expect').

    The verb of saying stands right before it (or before 'that'), after a name or a name
    and one auxiliary ('Lodhi has said'): the claim is the speaker's, not the people's.
    """
    j = k - 1 if k > 0 and tokens[k - 1].low != "that" else k - 2
    if j < 1 or tokens[j].low not in lexicon.speech_verbs:
        return False
    subject = j - 2 if tokens[j - 1].low in _AUXILIARIES and j >= 2 else j - 1
    return _named(tokens, subject, lexicon)


def vague_sources(
    tokens: Sequence[Token], text: str, lexicon: Lexicon, lows: Sequence[str] | None = None
) -> list[Attribution]:
    """Every vague source with its verb ('experts suggest', 'according to sources').

    ``lows``, when given, is the tokens' lower-cased forms (read from the token stream, not from each token).
    """
    found: list[Attribution] = []
    findings: int | None = None  # the sentence's first findings word, looked up once (a long sentence stays linear)
    for k in compress(count(), map(lexicon.vague_sources.__contains__, map(LOW, tokens) if lows is None else lows)):
        if not found or k >= found[-1].last:
            findings = first_finding(tokens, lows) if findings is None else findings
            if content_noun(tokens, _source_start(tokens, k), k, findings):
                continue
            hit = _vague_source(tokens, k, text, lexicon)
            if hit is not None:
                found.append(hit)
    return found


def _vague_agent(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> int | None:
    """Index of the vague source that the agent phrase at ``k`` (after 'by') ends with, if any.

    'by many', 'by other critics', 'by some observers' are vague; a quantifier followed
    by another noun ('by several gunmen') is a count, not a source.
    """
    while k + 1 < len(tokens) and tokens[k].low in _MODIFIERS and tokens[k].low not in lexicon.vague_sources:
        k += 1
    if tokens[k].low not in lexicon.vague_sources:
        return None
    if tokens[k].low in QUANTIFIERS and k + 1 < len(tokens) and tokens[k + 1].low not in _AGENT_END:
        return k + 1 if tokens[k + 1].low in lexicon.vague_sources else None
    return k


def _passive_by_vague(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> Attribution | None:
    """Any passive with a vague agent ('was criticised by many', 'detected by other observers')."""
    if k < 2 or k + 1 >= len(tokens):
        return None
    be = k - 2 if tokens[k - 2].low in BE else k - 3
    if be < 0 or tokens[be].low not in BE or (be == k - 3 and tokens[k - 2].low not in _ADVERBS):
        return None
    agent = _vague_agent(tokens, k + 1, lexicon)
    return None if agent is None else Attribution(be, agent + 1, True, "passive-by-vague")


def _reduced_passive(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> Attribution | None:
    """'widely accepted', 'once considered', 'seen by many as' without 'is': a vague consensus.

    A subject pronoun or name before the adverb makes the participle an active past
    tense ('he often thought'); a 'by' agent must be vague ('a plan seen by many as').
    """
    if k < 1 or tokens[k].low not in _REDUCED:
        return None
    if k + 2 < len(tokens) and tokens[k + 1].low == "by":
        agent = _vague_agent(tokens, k + 2, lexicon)
        return None if agent is None else Attribution(k, agent + 1, True, "passive-by-vague")
    if tokens[k - 1].low not in _VAGUE_ADVERBS:
        return None
    if k >= 2 and (tokens[k - 2].low in _SUBJECTS or (k > 2 and tokens[k - 2].capitalised)):
        return None
    return Attribution(k - 1, k + 1, True, "impersonal")


def _judgement_form(tokens: Sequence[Token], k: int) -> bool:
    """True when participle ``k`` after 'be' judges or reports ('is thought to', 'was seen as', 'is known that')."""
    nxt = tokens[k + 1].low if k + 1 < len(tokens) else ""
    if tokens[k].low == "known" and not _known_as_judgement(tokens, k):
        return False
    if tokens[k].low == "seen" and nxt == "at":
        # where someone was seen, as in a photo caption ('jets are seen at the air base'): no judgement
        return False
    if tokens[k].low == "considered" and (nxt in _DELIBERATED or not nxt):
        # at the sentence's end nothing is judged: 'The matter will be considered.' (session 19)
        return bool(nxt) and not _deliberated(tokens, k)
    if tokens[k].low == "considered" and _selected(tokens, k):
        return False
    return tokens[k].low in _ANY_NEXT or nxt in _NEEDS_NEXT or nxt == "by"


#: Words after 'considered for' that make it a stretch of time, so 'considered' still judges
#: ('was considered for years the best'); any other 'for' selects ('is being considered for the post').
_SPAN_OPENERS = frozenset("years decades centuries generations months long many some most much".split())


def _selected(tokens: Sequence[Token], k: int) -> bool:
    """True when 'considered' at ``k`` picks among candidates or folds in, not judges (session 24).

    'She is being considered for the post', 'Three sites are considered for the plant',
    'will be considered as part of the review': a selection or a deliberation, nobody's
    view of the subject. 'considered for years (to be) the best' and 'considered as a
    threat' judge.
    """
    nxt = tokens[k + 1].low
    after = tokens[k + 2].low if k + 2 < len(tokens) else ""
    if nxt == "for":
        return bool(after) and after not in _SPAN_OPENERS
    return nxt == "as" and after == "part" and k + 3 < len(tokens) and tokens[k + 3].low == "of"


#: Nouns of a meeting or a time that, after 'considered at/on/during', make it deliberated.
_MEETINGS = frozenset(
    "agm egm meeting meetings hearing session sessions committee board council summit conference cabinet"
    " inquiry review stage length weekend week month".split()
)


def _deliberated(tokens: Sequence[Token], k: int) -> bool:
    """True when 'considered' at ``k`` is deliberated, not a judgement.

    A time word after it ('considered tomorrow', 'considered next week'), or 'at'/'on'/
    'during' with a meeting-like noun or a date within four words ('will be considered
    at the AGM', 'considered on Monday', 'considered at length'); 'considered at best a
    stopgap', 'considered at his best', 'considered at risk' judge.
    """
    nxt = tokens[k + 1].low
    if nxt not in ("at", "on", "during"):
        return True
    window = [t.low for t in tokens[k + 2 : k + 6]]
    if not any(w in _MEETINGS or w in _CALENDAR for w in window):
        return False
    # a judgement made at the meeting: 'considered at the meeting to be the best', '... too risky', '... as'
    after = [t.low for t in tokens[k + 2 : k + 9]]
    pairs = pairwise(after)
    return not (any(w in ("too", "as") for w in after) or any(w == "to" and v == "be" for w, v in pairs))


#: Words after the first word of a 'considered by' agent that start a judgement's complement
#: ('by his peers to be', '... as', '... too risky', '... a genius').
_COMPLEMENT_STARTS = frozenset({"to", "as", "too", "a", "an"})
#: Words of a 'considered by' agent and what follows it that are looked at.
WEIGHED_WINDOW = 10


def _weighed_by(tokens: Sequence[Token], k: int) -> bool:
    """True when 'considered by' + an agent at ``k`` means examined by it, not judged (session 26).

    'Ways to protect children are to be considered by the games industry' and 'the bid
    was considered by the board on Monday' say who will examine a thing: no complement
    follows the agent. 'considered by his peers to be the best', '... as a threat', '...
    a genius' judge; a vague agent ('by many') is read before this, a named one credits.
    """
    if k + 2 >= len(tokens) or tokens[k + 1].low != "by":
        return False
    after = tokens[k + 3 : k + 2 + WEIGHED_WINDOW]
    if len(tokens) > k + 2 + WEIGHED_WINDOW:
        return False  # the clause runs on past the window: no telling, keep the judgement
    return not any(t.low in _COMPLEMENT_STARTS or t.low.endswith("est") for t in after)


def _by_agent(tokens: Sequence[Token], k: int, first: int, lexicon: Lexicon) -> Attribution | None:
    """The attribution a 'by' agent makes of the passive at ``k``: vague ('by many'), or named (pattern 'named')."""
    if k + 2 >= len(tokens) or tokens[k + 1].low != "by":
        return None
    agent = _vague_agent(tokens, k + 2, lexicon)
    if agent is not None:
        return Attribution(first, agent + 1, True, "passive-by-vague")
    return Attribution(first, k + 1, False, "named") if _agent_named(tokens, k + 2, lexicon) else None


def _passive(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> Attribution | None:
    """The passive judgement whose participle is token ``k`` ('is thought to'), if any.

    With a vague crowd made explicit ('it is said', 'is widely seen as', 'was once
    thought', 'is seen by many as') it is a vague attribution; bare ('is seen as',
    'is viewed as', 'was considered') it is a hedge; a named agent credits it.
    """
    j = k - 1
    adverb = j >= 0 and tokens[j].low in _ADVERBS
    if adverb:
        j -= 1
    if j < 0 or tokens[j].low not in BE:
        return _reduced_passive(tokens, k, lexicon)
    if not _judgement_form(tokens, k):
        return None
    first = j - 1 if j >= 1 and tokens[j - 1].low in ("has", "have", "had") else j
    by = _by_agent(tokens, k, first, lexicon)
    if by is not None:
        return None if by.pattern == "named" else by
    if tokens[k].low == "considered" and _weighed_by(tokens, k):
        return None
    impersonal = first >= 1 and tokens[first - 1].low == "it"
    vague = impersonal or (adverb and tokens[k - 1].low in _VAGUE_ADVERBS)
    return Attribution(first - 1 if impersonal else first, k + 1, vague, "impersonal" if vague else "passive")


def _known_as_judgement(tokens: Sequence[Token], k: int) -> bool:
    """'is known to have', 'it is known that' credit a claim; 'known as' names, 'known to us' is access."""
    nxt = tokens[k + 1].low if k + 1 < len(tokens) else ""
    after = tokens[k + 2].low if k + 2 < len(tokens) else ""
    return nxt == "that" or (nxt == "to" and after not in _OBJECT_PRONOUNS)


def passives(tokens: Sequence[Token], lexicon: Lexicon, lows: Sequence[str] | None = None) -> list[Attribution]:
    """Every passive judgement or report without a named agent (``lows``: as in :func:`vague_sources`)."""
    found = []
    impersonal = lexicon.impersonal
    for k in compress(count(), map(lexicon.passive_triggers.__contains__, map(LOW, tokens) if lows is None else lows)):
        if tokens[k].low in impersonal:
            hit = _passive(tokens, k, lexicon)
        else:
            hit = _passive_by_vague(tokens, k, lexicon)
        if hit is not None:
            found.append(hit)
    return found


def may_be_passive(lows: Sequence[str], k: int, lexicon: Lexicon) -> bool:
    """False when word ``k`` of a field (its lower-cased ``lows``) can start no passive in :func:`passives`.

    An impersonal participle needs 'be' one or two words before it and a judging form
    (:func:`_judgement_form`: a participle of :data:`_ANY_NEXT`, or 'to', 'as', 'that', 'at'
    or 'by' after it), or to be one of the reduced-passive participles with a vague adverb
    before it or 'by' after it ('widely accepted', 'seen by many'); 'by' needs 'be' two or
    three words before it and a vague source after it, over modifiers only
    (:func:`_vague_agent`). The words looked at may lie in another sentence: the test is
    only ever too generous, never too strict, so a sentence it clears has no passive.
    """
    low = lows[k]
    following = lows[k + 1] if k + 1 < len(lows) else ""
    if low in lexicon.impersonal:
        if low in _REDUCED and (following == "by" or (k >= 1 and lows[k - 1] in _VAGUE_ADVERBS)):
            return True
        judging = low in _ANY_NEXT or following in _NEEDS_NEXT or following == "by"
        return judging and any(lows[j] in BE for j in range(max(0, k - 2), k))
    if low != "by" or not any(lows[j] in BE for j in range(max(0, k - 3), k - 1)):
        return False
    return _may_be_vague_agent(lows, k + 1, lexicon)


def _may_be_vague_agent(lows: Sequence[str], k: int, lexicon: Lexicon) -> bool:
    """False when the words from ``k`` on (after 'by') cannot be a vague agent (:func:`_vague_agent`).

    The agent is a vague source after modifiers only; a run of more than :data:`WINDOW`
    modifiers, or one reaching the field's end, may be one.
    """
    vague = lexicon.vague_sources
    for word in lows[k : k + WINDOW + 1]:
        if word in vague:
            return True
        if word not in _MODIFIERS:
            return False
    return True


def may_credit(lows: Sequence[str], k: int, lexicon: Lexicon, dashed: Callable[[int], bool] = bool) -> bool:
    """False when vague-source word ``k`` of a field (its lower-cased ``lows``) can start no attribution.

    :func:`_vague_source` needs a verb of saying within :data:`WINDOW` words after the
    source (past an aside of up to :data:`ASIDE_WORDS` words where ``dashed(k)``: a dash
    may follow word ``k`` within that window; by default, always), 'according to' or an inverted verb of saying
    (:data:`INVERTING`: ', say some economists') before it (over modifiers only), or, for a report noun,
    'of' or 'that' right after it. As in :func:`may_be_passive`, the words looked at may
    lie in another sentence: the test is only ever too generous, never too strict. A run of
    more than :data:`WINDOW` modifiers before the source is not walked back over (it may
    span many sentences, and be walked again for each of its words): it may credit.
    """
    if not lexicon.speech_verbs.isdisjoint(lows[k + 1 : k + WINDOW + 1]):
        return True
    if dashed(k) and not lexicon.speech_verbs.isdisjoint(lows[k + WINDOW + 1 : k + WINDOW + ASIDE_WORDS + 1]):
        return True  # past an aside between dashes (:func:`_verb_after`)
    if lows[k] in _REPORT_NOUNS and k + 1 < len(lows) and lows[k + 1] in ("of", "that"):
        return True
    j = k - 1
    while j >= 0 and lows[j] in _MODIFIERS:
        if k - j > WINDOW:
            return True
        j -= 1
    return j >= 1 and (lows[j] in INVERTING or (lows[j] == "to" and lows[j - 1] == "according"))


def _agent_named(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """True when the phrase at ``k`` (after 'by' or 'according to') names a source.

    'the' + a modifier + a role or institution names one too ('said the chief executive').
    """
    if k < len(tokens) and tokens[k].low == "the" and not _named(tokens, k, lexicon):
        if k + 2 < len(tokens) and tokens[k + 2].low in lexicon.institutions:
            return True
        k += 1
    return k < len(tokens) and _named(tokens, k, lexicon)
