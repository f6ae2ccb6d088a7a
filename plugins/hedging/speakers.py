"""Named speakers: which part of a sentence a named person or organisation is credited with.

A verb of saying or thinking credits its clause to a named source when the head of
its subject names one: the word just before the verb, past auxiliaries and adverbs
("Trump has repeatedly claimed"), or the head before an appositive ("Peskov, the
Kremlin spokesman, said"); or when a name follows the verb in an inversion
(", said Peskov"), or comes after "according to", "by" or "as leaked to". Any
capitalised word somewhere before the verb is not enough: in "The involvement of
Dmitriev ... suggests" and "a turning point" nobody speaks.

:func:`credited_spans` returns the credited claims: each from the sentence start (or
from its own clause, when that opens with a conjunction after a clause break) to the
end of the sentence, or to where the author speaks again after the verb
(:func:`claim_ends`): a clause break before "and", "but", "while" ... ("X claimed he
could win, and the talks are possibly a first step"), the author's inference
(", suggesting ..."), a semicolon, or a trailing comment (", which is probably too
gloomy", ", a view that ...").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from itertools import compress, count
from operator import itemgetter

from copydesk.plugins.hedging.cues import BE, CLAUSE_BREAKS, LOW, Token, clause_break, dash
from copydesk.plugins.hedging.lexicon import DENYING, QUANTIFIERS, Lexicon
from copydesk.plugins.hedging.sources import (
    _CALENDAR,
    _STARTERS,
    _agent_named,
    _fronted_place,
    _named,
    _skipped_opener,
    _specific,
    _verb_after,
    hoped_for,
    progressive,
)

#: Third-person pronouns stand for a source named earlier ("it said": an organisation);
#: "I"/"we" are the author's own voice.
PRONOUNS = frozenset({"he", "she", "it"})
_FIRST_SECOND = frozenset({"you", "i", "we"})
#: Words between a subject and its verb ("has repeatedly claimed", "further suggests").
_BETWEEN = frozenset(
    "have has had also still would may might could will now long further not never do does did".split()
    # time and focus adverbs without "-ly" ("He later suggested", "Jo Roe then said"; session 19)
    + "later then once again earlier first already often even just always soon".split()
)
#: :data:`_BETWEEN` and the forms of 'be' (after a progressive verb), made once.
_BETWEEN_OR_BE = _BETWEEN | BE
#: Relative pronouns that open a clause about the name before their comma ("Jo Roe, who believes ...").
_RELATIVES = frozenset({"who", "which"})
#: Words before an institution noun that make it a definite organisation ("the ministry", "Moscow's bank").
_DETERMINERS = frozenset({"the", "its", "his", "her", "their", "this"})
#: Words that, after a clause break, start a new clause in the author's voice.
_NEW_CLAUSE = frozenset("and but while whereas although though yet so however meanwhile".split())
#: Participles that open the author's comment on a named speaker's claim (", suggesting ...");
#: not the speaker's own (", adding that ...", ", warning that ...").
_COMMENT_PARTICIPLES = frozenset(
    "suggesting meaning indicating implying signalling signaling raising prompting sparking fuelling fueling"
    " underlining underscoring hinting".split()
)
_PREPOSITIONS = frozenset("of in with for from about on at to between among into over against".split())
#: Words that open a subordinate clause ("even though she would admit it").
_SUBORDINATORS = _NEW_CLAUSE | frozenset("even because if when since as unless whether".split())
#: Quotation marks between a quotation and the verb of its inverted attribution ('" said the ministry').
_QUOTE_MARKS = frozenset("\"“”'’")
#: Longest appositive looked back over ("Name, the chief executive of the firm, said").
APPOSITIVE = 12
#: Longest second conjunct of a compound subject looked back over ("and his supporters").
CONJUNCT = 3
#: Most words of the subject of a credit placed after its claim (", chief executive Jo Roe said").
POSTPOSED = 4
#: Most words of the noun of an appositive comment (", a view that", ", a rather gloomy view which").
COMMENT_NOUN = 3


def _institution(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """True for an institution noun after a determiner or a name ('the health ministry', 'Kremlin spokesman')."""
    if tokens[k].low not in lexicon.institutions:
        return False
    return any(t.low in _DETERMINERS or t.capitalised or t.low.endswith("'s") for t in tokens[max(0, k - 2) : k])


def _head_named(tokens: Sequence[Token], k: int, lexicon: Lexicon, text: str = "") -> bool:
    """True when the subject head ``k`` of a verb of saying names a source.

    With ``text``, a compound subject whose first conjunct names one counts too
    ('Sanders and his supporters argue', :func:`_coordinated`).
    """
    if text and _coordinated(tokens, k, text, lexicon):
        return True
    tok = tokens[k]
    if tok.low in PRONOUNS or _institution(tokens, k, lexicon) or _source_of_name(tokens, k, lexicon):
        return True
    if _owned_evidence(tokens, k, lexicon):
        return True
    if k == 0:
        first = tok.capitalised and not _skipped_opener(tok.low, lexicon)
        return first and len(tokens) > 1
    return _named(tokens, k, lexicon) and (not _object_of_preposition(tokens, k) or _speaks_for(tokens, k, lexicon))


def _indefinite_body(tokens: Sequence[Token], k: int, text: str, lexicon: Lexicon) -> bool:
    """True when the subject head ``k`` is an institution noun after 'a'/'an' opening its subject (session 29).

    ', a report suggests.', 'a new study found', ', a government spokesman said.': a body, a
    role or a document of ``institutions.txt`` speaks as 'the report' does, and a hedge in its
    claim is its own, not the author's (a capital 'A' opening the sentence already counted). As
    a plain credit (:func:`plain_credit`) it credits the clause after its verb, or all before it
    when it follows its claim: in 'While many schools are old, a study found that ...' the
    fronted clause stays the author's.
    Back over at most :data:`MODIFIERS` lower-case words in one clause to the article, which
    follows no preposition ('sent to a report' is no subject). A singular noun of people
    ('a lawyer said') stays unnamed, as ``people.txt`` says.
    """
    if tokens[k].low not in lexicon.institutions:
        return False
    for m in range(k - 1, max(-1, k - 2 - MODIFIERS), -1):
        word = tokens[m].low
        if word in _ARTICLES:
            return _opens_subject(tokens, m - 1, text)
        if clause_break(text, tokens[m], tokens[m + 1]) or word in _PREPOSITIONS or word in _STOPS:
            return False
    return False


#: Documents and polls, which after 'according to' credit only with a named owner (:func:`_document_agent`).
_UNOWNED_DOCUMENTS = frozenset(
    "documents document papers report reports filings filing accounts minutes statement statements survey study "
    "letter poll".split()
)


def _indefinite_agent(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """True when the agent phrase at ``k`` is 'a'/'an' and an institution noun within :data:`MODIFIERS` words (session 29).

    ', according to a government spokesman', 'according to a new report', ', said a company
    spokeswoman': the claim before the credit is that body's, role's or document's, as after
    'the' (:func:`~sources._agent_named`). A vague source ('according to a senior official')
    is read by the vague attributions first; a preposition ends the phrase ('a letter to the
    board' names no agent). A document credits only with an owner named (:func:`_document_agent`,
    review s25v): 'according to a February survey', 'a government report' stay the author's.
    """
    if k >= len(tokens) or tokens[k].low not in _ARTICLES:
        return False
    found = False
    for h in range(k + 1, min(len(tokens), k + 1 + MODIFIERS)):
        if clause_break(tokens[h].text, tokens[h - 1], tokens[h]) or tokens[h].low in _PREPOSITIONS:
            break
        if tokens[h].low in _UNOWNED_DOCUMENTS:
            return False
        found = found or tokens[h].low in lexicon.institutions
    return found


#: Nouns of evidence that, owned by a name or a body, speak for it ("the Met Office's data suggest").
_OWNED = frozenset(
    "data figures evidence research findings results analysis statistics numbers estimates polling records".split()
)


def _owned_evidence(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """True when the head ``k`` is a noun of evidence after a named or an institution's possessive (session 24).

    "The Met Office's data suggest", "the ministry's figures suggest", "Jo Roe's findings
    suggest": the inference is the owner's, as 'Harvard's study suggests' is
    (:func:`_institution`); "our data" and "the data" name nobody.
    """
    if k < 1 or tokens[k].low not in _OWNED:
        return False
    owner = tokens[k - 1]
    if not owner.low.endswith(("'s", "s'")):
        return False
    return owner.capitalised or owner.low.removesuffix("'s").removesuffix("'") in lexicon.institutions


#: Source words that are no people: after a name they are its documents or a count, no speaker.
_NOT_PEOPLE = frozenset("reports rumors rumours studies research others those some many most several".split())
#: People who speak for the name before them ("Clinton's aides"), besides the vague source nouns.
_AIDES = frozenset("aide aides adviser advisers advisor advisors lawyer lawyers attorney attorneys allies".split())


def _source_of_name(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """True when the head ``k`` is a source noun of people after a name or its possessive (session 22).

    'Kremlin officials said', "Clinton's advisers suggested", 'a Labour source said',
    'In Harbourtown, officials said' (a fronted place, :func:`~sources._fronted_place`): a
    capitalised word before a vague source noun makes it no vague source (:mod:`.sources`),
    so the claim is the named side's; so for a named person's aides, advisers, lawyers. A nationality ('Russian officials') or the object of a
    preposition ('talks with Kremlin officials') names no speaker.
    """
    low = tokens[k].low
    if k == 0 or low in _NOT_PEOPLE or (low not in lexicon.vague_sources and low not in _AIDES):
        return False
    m = k - 1
    if not tokens[m].capitalised or tokens[m].low in _DETERMINERS:
        return False
    if clause_break(tokens[m].text, tokens[m], tokens[k]):
        # a fronted word ('Anyway, sources claim') is no name of the source, but a fronted
        # place is its officials' ('In Harbourtown, officials said', as the sources read it:
        # no vague source; session 26, so that their claim is theirs, not the author's)
        return _fronted_place(tokens, k) and _named(tokens, m, lexicon)
    if m == 0:
        return not _skipped_opener(tokens[m].low, lexicon)
    return _named(tokens, m, lexicon) and not _object_of_preposition(tokens, m)


def _coordinated(tokens: Sequence[Token], k: int, text: str, lexicon: Lexicon) -> bool:
    """True when the head ``k`` ends a conjunct after 'and' whose first conjunct names a source.

    'Sanders and his supporters argue', 'Smith and two aides said': the conjunct after
    'and' is at most :data:`CONJUNCT` words, in the same clause; the name before 'and'
    is a subject, not the object of a preposition ('talks between Sanders and his aides').
    """
    for a in range(k, max(0, k - CONJUNCT) - 1, -1):
        if a < 2 or clause_break(text, tokens[a - 1], tokens[a]):
            return False
        if tokens[a - 1].low == "and":
            return not clause_break(text, tokens[a - 2], tokens[a - 1]) and _head_named(tokens, a - 2, lexicon)
    return False


def _object_of_preposition(tokens: Sequence[Token], k: int) -> bool:
    """True when the name ending at ``k`` follows a preposition ('the role of Ann Cole'): not a subject.

    An 'of' or 'for' between capitalised words inside the name is part of it ('the Bank of
    England', 'the Office for National Statistics'; session 24): the look-back goes on past
    it (and a 'the' after it: 'the Governor of the Bank of England'), and past a 'the' before
    the name ('talks with the Bank of England' is an object);
    a sentence-initial word is no such part ('Most of England', 'Fans of the club').
    """
    before = _before_name(tokens, k)
    return before is not None and tokens[before].low in _PREPOSITIONS


def _before_name(tokens: Sequence[Token], k: int) -> int | None:
    """The index of the word before the name ending at ``k`` (see :func:`_object_of_preposition`).

    None when the name opens a clause after a fronted adjunct ('On Thursday, Jo Roe said'; session 22).
    """
    inner = False
    while k > 0 and tokens[k].capitalised:
        if clause_break(tokens[k].text, tokens[k - 1], tokens[k]):
            return None
        k -= 1
        m = k - 1 if tokens[k].low == "the" else k
        if _inner_of(tokens, m):
            k, inner = m - 1, True
    if inner and k > 0 and tokens[k].low == "the":
        k -= 1
    return k


def _inner_of(tokens: Sequence[Token], k: int) -> bool:
    """True when token ``k`` is an 'of' or 'for' after a capitalised word that is not sentence-initial ('the Bank of')."""
    if k < 2 or tokens[k].low not in ("of", "for"):
        return False
    left = tokens[k - 1]
    return left.capitalised and not clause_break(left.text, tokens[k - 2], left)


#: Prepositions that join a source noun of people to the body it works in or for ('officials at
#: the Bank of England', 'officials in Kent', 'doctors from Kelvin Hospital'; session 25).
_MEMBER_OF = frozenset("at from in with within inside".split())
#: Prepositions that join a role or an aide to the body or person it speaks for ('a spokesman for
#: Tesco', 'the chairman of Acme', 'aides to Jo Roe'): a critic or a fan 'of' a name speaks for nobody.
_OFFICER_OF = frozenset({"for", "of", "to"})
#: Roles held in or for a body or a person ('the head of the IMF', 'the Bank of England chief').
_ROLES = frozenset(
    "spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople head chief chair chairman chairwoman"
    " president director executive governor secretary minister chancellor commissioner leader boss founder"
    " representative representatives official officials".split()
)
#: Vague source nouns of a crowd: in or at a place they name no body ('people in Leeds said').
_CROWDS = frozenset({"people", "person"})
#: Unnamed sources: 'in' a place names no body they speak for ('Army sources in Syria'); 'at' one does.
_ANONYMOUS = frozenset({"source", "sources", "insider", "insiders"})


def _member(noun: str, preposition: str, lexicon: Lexicon) -> bool:
    """True when ``noun`` + ``preposition`` + a name make a source that speaks for the name (session 25).

    A role or an aide before any of :data:`_MEMBER_OF` and :data:`_OFFICER_OF` ('a spokesman
    for', 'the head of', 'lawyers for', 'aides to'); a noun of people or a vague source noun
    of people (not a crowd, :data:`_CROWDS`) before one of :data:`_MEMBER_OF` only ('officials
    at', 'doctors from', 'an economist at'; not 'critics of', 'supporters of'), an unnamed source
    not before 'in' ('a source at Downing Street', not 'Army sources in Syria').
    """
    if noun in _ROLES or noun in _AIDES:
        return preposition in _MEMBER_OF or preposition in _OFFICER_OF
    if preposition not in _MEMBER_OF or noun in _CROWDS or noun in _NOT_PEOPLE:
        return False
    if preposition == "in" and noun in _ANONYMOUS:
        return False
    return noun in lexicon.people or noun in lexicon.vague_sources


def _speaks_for(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """True when the name ending at ``k`` follows a preposition after a source that speaks for it (session 25).

    'Officials at the Bank of England said', 'An economist at Farrowgate said', 'A spokesman
    for Tesco said', 'The head of the IMF said', 'Aides to Jo Roe say' (:func:`_member`): the
    subject's head is the source noun, and the named body or person answers for it as 'the
    Bank of England said' does. The source's phrase is the subject (:func:`_phrase_opens`):
    in 'a letter to officials at the Bank of England said' nobody of the bank speaks.
    """
    p = _before_name(tokens, k)
    if p is None or p < 1 or not _member(tokens[p - 1].low, tokens[p].low, lexicon):
        return False
    return not clause_break(tokens[p].text, tokens[p - 1], tokens[p]) and _phrase_opens(tokens, p - 1, lexicon)


#: Articles that open a source noun's phrase besides :data:`_DEFINITE` ('a spokesman for Tesco').
_ARTICLES = frozenset({"a", "an"})


def _phrase_opens(tokens: Sequence[Token], h: int, lexicon: Lexicon) -> bool:
    """True when the noun phrase headed by ``h`` opens its clause: the sentence start or a clause break before it.

    Back over at most :data:`MODIFIERS` words and a determiner ('a', 'the', 'her', "Acme's");
    a preposition, a verb (of saying, or in '-ed') or a relative before them makes it no subject
    ('a letter to officials', 'said that officials', 'briefed officials'); so does an 'and' inside a
    clause (:func:`_opens_subject`).
    """
    text = tokens[h].text
    for m in range(h - 1, max(-1, h - MODIFIERS - 2), -1):
        if clause_break(text, tokens[m], tokens[m + 1]):
            return True
        word = tokens[m].low
        if word in _UNCOUNTED:
            return False  # 'some officials at the bank' stay uncounted, as 'some lawyers' do (:func:`_plain_source`)
        if word in _DEFINITE or word in _ARTICLES or word.endswith(("'s", "s'")):
            return _opens_subject(tokens, m - 1, text)
        if word in _PREPOSITIONS or word in lexicon.speech_verbs or word in _STOPS or word.endswith("ed"):
            return word in ("and", "or") and _opens_subject(tokens, m, text)
    return h <= MODIFIERS + 1


def _member_agent(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """True when the agent phrase at ``k`` is a source noun and the named body it speaks for (session 25).

    ', according to officials at the Bank of England', ', said a spokesman for Tesco': after at
    most :data:`MODIFIERS` words ('a', 'senior'), the noun, its preposition (:func:`_member`)
    and a name (:func:`~sources._agent_named`) in one clause.
    """
    for h in range(k, min(len(tokens) - 2, k + MODIFIERS + 1)):
        if h > k and clause_break(tokens[h].text, tokens[h - 1], tokens[h]):
            return False
        if _member(tokens[h].low, tokens[h + 1].low, lexicon):
            return not clause_break(tokens[h].text, tokens[h], tokens[h + 1]) and _agent_named(tokens, h + 2, lexicon)
        if tokens[h].low in _PREPOSITIONS or tokens[h].capitalised:
            return False
    return False


def _agent_credited(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """True when the agent phrase at ``k`` (after 'by' or 'according to') names a source, a body's member or its document."""
    return (
        _agent_named(tokens, k, lexicon)
        or _member_agent(tokens, k, lexicon)
        or _document_agent(tokens, k, lexicon)
        or _indefinite_agent(tokens, k, lexicon)
    )


#: Nouns of documents that speak for whoever owns or released them ('according to court papers'): the nouns of
#: evidence an owner answers for (:data:`_OWNED`) and those of documents.
_DOCUMENTS = _OWNED | frozenset(
    "documents document papers report reports filings filing accounts minutes statement statements survey study "
    "letter".split()
)
#: Participles after a document that name who holds or released it ('documents seen by the Herald').
_HELD_BY = frozenset("seen obtained published released reviewed filed compiled".split())


#: Institutions that name nobody as a bare modifier: 'newspaper reports', 'media reports' are anyone's.
_ANYONES = frozenset("newspaper paper magazine broadcaster network website report study survey poll statement".split())


def _owns_document(token: Token, lexicon: Lexicon) -> bool:
    """Whether a word before a document names its owner: a capitalised word, 'the ministry's', 'council' (not 'newspaper')."""
    low = token.low.removesuffix("'s").removesuffix("’s")
    if token.capitalised:
        return low not in _CALENDAR  # 'a February survey' names a month, not an owner
    return low in lexicon.institutions and (low != token.low or low not in _ANYONES)


def _document_agent(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """True when the agent phrase at ``k`` is a document of a named owner (session 25, review s25v).

    'according to council documents', 'court papers', 'the ministry's figures' (an
    institution or a capitalised word before the document, within :data:`MODIFIERS` words),
    'figures from the Office for National Statistics', 'documents seen by the Herald' (a
    named agent after it). 'According to documents' and 'official figures' name nobody.
    """
    for h in range(k, min(len(tokens), k + MODIFIERS + 1)):
        if h > k and clause_break(tokens[h].text, tokens[h - 1], tokens[h]):
            return False
        if tokens[h].low not in _DOCUMENTS:
            continue
        if any(_owns_document(t, lexicon) for t in tokens[k:h]):
            return True
        after = tokens[h + 1].low if h + 1 < len(tokens) else ""
        if after in _HELD_BY and h + 2 < len(tokens) and tokens[h + 2].low == "by":
            return _agent_named(tokens, h + 3, lexicon)
        return after in ("from", "by", "of") and _agent_named(tokens, h + 2, lexicon)
    return False


#: Forms of 'go' in 'went on to say': the verb of saying that follows is the subject's.
_GO = frozenset({"go", "goes", "went", "gone", "going"})


def _before_going_on(tokens: Sequence[Token], k: int) -> int:
    """The index before 'went on to' ending at ``k`` ('He went on to suggest', 'Jo Roe goes on to argue'), else ``k``.

    The verb after it is still the subject's own (session 24 audit of HDG001).
    """
    if k >= 2 and tokens[k].low == "to" and tokens[k - 1].low == "on" and tokens[k - 2].low in _GO:
        return k - 3
    return k


def _subject_named(tokens: Sequence[Token], j: int, text: str, lexicon: Lexicon) -> bool:
    """True when the subject of verb ``j`` names a source (its head, or the head before an appositive)."""
    k = _before_going_on(tokens, j - 1)
    between = _BETWEEN_OR_BE if progressive(tokens, j) else _BETWEEN
    while k > 0 and (tokens[k].low in between or tokens[k].low.endswith("ly")):
        if clause_break(text, tokens[k], tokens[k + 1]):
            break
        k -= 1
    k = _before_time_phrase(tokens, k, text)
    if k < 0:
        return False
    if k >= 2 and tokens[k].low in ("but", "and") and _broken(text, tokens[k - 1], tokens[k]):
        return _opening_name(tokens, k, lexicon)
    if k >= 1 and tokens[k].low in _RELATIVES and clause_break(text, tokens[k - 1], tokens[k]):
        return _relative_named(tokens, k, lexicon)
    if not clause_break(text, tokens[k], tokens[k + 1]):
        return _head_named(tokens, k, lexicon, text)
    for a in range(k, max(0, k - APPOSITIVE), -1):
        if clause_break(text, tokens[a - 1], tokens[a]):
            opener = tokens[a].low
            return opener not in _NEW_CLAUSE and _head_named(tokens, a - 1, lexicon)
    return False


#: Nouns that end a time phrase between a subject and its verb ('Jo Roe on Sunday said', 'last week').
_TIME_NOUNS = _CALENDAR | frozenset("week month year night morning afternoon evening weekend".split())
#: Words that open such a time phrase.
_TIME_OPENERS = frozenset("on last this next earlier early late".split())


def _before_time_phrase(tokens: Sequence[Token], k: int, text: str) -> int:
    """The index before a time phrase that ends at ``k`` ('Jo Roe on Sunday said', 'last week', 'on Tuesday night'), else ``k``.

    The phrase is two or three words in one clause, with a word before it for the subject
    (session 22).
    """
    if tokens[k].low not in _TIME_NOUNS:
        return k
    m = k - 1 if k >= 2 and tokens[k - 1].low in _CALENDAR else k
    opener = m - 1
    if opener < 1 or tokens[opener].low not in _TIME_OPENERS:
        return k
    if any(clause_break(text, tokens[a - 1], tokens[a]) for a in range(opener, k + 1)):
        return k
    return opener - 1


def _relative_named(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """True when the relative pronoun ``k`` after a comma stands for a name or an institution.

    "Jo Roe, who believes ...", "watched by President Jo Roe, who believes ..." (the
    antecedent may follow a preposition: the relative clause is still its claim), "the
    ministry, which said ..." ("which" for an institution only). A vague source before
    it is read by the vague attributions, not here.
    """
    if tokens[k].low == "which":
        return _institution(tokens, k - 1, lexicon)
    return _named(tokens, k - 1, lexicon) or _institution(tokens, k - 1, lexicon)


def _broken(text: str, left: Token, right: Token) -> bool:
    """True when a clause break or a spaced hyphen stands between two adjacent tokens."""
    return clause_break(text, left, right) or dash(text, left, right)


def _opening_name(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """True when the sentence, up to ``k``, opens with a name of at least two words and its verb.

    The elided subject of a second verb ('Senator Smith won the primary - but said ...');
    a single capitalised word ('Voters elected ...'), a sentence opener, a vague source
    or a nationality ('The Senate', 'Many Americans') is not enough.
    """
    skip, sources, demonyms = _STARTERS, lexicon.vague_sources, lexicon.demonyms
    m = 0
    while (
        m < k
        and tokens[m].capitalised
        and not tokens[m].low.endswith("'s")
        and tokens[m].low not in skip
        and tokens[m].low not in sources
        and tokens[m].low not in demonyms
    ):
        m += 1
    return 2 <= m < k and not tokens[m].capitalised and tokens[m].low not in _PREPOSITIONS


def _credits(tokens: Sequence[Token], j: int, text: str, lexicon: Lexicon) -> bool:
    """True when the verb of saying at ``j`` has a named source.

    A bare claim noun after a possessive is no verb ('Jo Roe's claim that the plan was
    flawed may be right': 'may' is the author's). Nor is the possessor credited with the
    that-clause: where the main clause's predicate starts cannot be told reliably without
    a parser ('... that output would fall probably was a bluff'), so a hedge there stays
    the author's (docs/scorers/hedging.md, known problems). An '-ing' form after 'be'
    is active ('Jo Roe had been predicting that ...', :func:`~sources.progressive`), not a
    passive; after a clause break it opens no inversion (', warning the council that').
    """
    nxt = tokens[j + 1].low if j + 1 < len(tokens) else ""
    before = tokens[j - 1].low if j else ""
    if before.endswith("'s") and tokens[j].low in CLAIM_NOUNS:
        return False
    passive = before in BE and not progressive(tokens, j)
    if tokens[j].low == "according" or nxt == "by" or passive or before == "as":
        return nxt in ("to", "by") and _agent_credited(tokens, j + 2, lexicon)
    if _reader_or_author(tokens, j):
        return False
    # an '-ing' form after a break is no inversion (', warning the council that ...')
    inverted = _inverted(tokens, j, text) and not tokens[j].low.endswith("ing")
    if _subject_named(tokens, j, text, lexicon):
        return True
    return inverted and (
        _agent_named(tokens, j + 1, lexicon)
        or _member_agent(tokens, j + 1, lexicon)
        or _some_of_a_name(tokens, j + 1, lexicon)
        or _indefinite_agent(tokens, j + 1, lexicon)
    )


def _some_of_a_name(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """True when the agent phrase at ``k`` is a quantifier before a named group (', say some Democrats').

    A named group credits its claim as it does before its verb ('Some Democrats say ...').
    """
    return k + 1 < len(tokens) and tokens[k].low in QUANTIFIERS and _agent_named(tokens, k + 1, lexicon)


def _claim_start(tokens: Sequence[Token], j: int, text: str) -> int:
    """Start of the claim credited by verb ``j``: the sentence start, or its own clause.

    A claim before its attribution (", the ministry said.", ", said Peskov.") runs from
    the sentence start; so does one whose verb opens the sentence's only clause. When
    the verb's clause follows a clause break and opens with a conjunction ("..., even
    though she would never admit it"), what comes before is the author's.
    """
    # from the verb itself when it opens an inverted credit (', said Jo Roe.'): it opens no clause of its own
    for k in range(j if _inversion(tokens, j) else j - 1, max(0, j - APPOSITIVE), -1):
        if clause_break(text, tokens[k - 1], tokens[k]):
            return k if tokens[k].low in _SUBORDINATORS or tokens[k].low in _RELATIVES else 0
    return 0


#: Verbs whose inversion may name the source after an article (', said a spokesman').
_INVERTING = frozenset({"said", "says", "added", "adds"})


def _inversion(tokens: Sequence[Token], j: int) -> bool:
    """True when verb ``j`` is followed by its subject: ', said Jo Roe', ', said the ministry', ', according to X'.

    Not a verb after a parenthesis closed by a comma (', who ..., believes there are ...'),
    whose subject came before it (session 22).
    """
    if tokens[j].low == "according":
        return True
    if j + 1 >= len(tokens):
        return False
    nxt = tokens[j + 1]
    return nxt.capitalised or (nxt.low in ("the", "a", "an") and tokens[j].low in _INVERTING)


def reach(
    tokens: Sequence[Token], text: str, spans: Sequence[tuple[int, int]], verbs: Sequence[int]
) -> list[tuple[int, int]]:
    """The parts of credited claims that a passive there belongs to: after the verb, or all of a postposed credit's.

    'Smith said it is thought that ...', '..., according to Intervoice', '..., said Mr Armstrong',
    '..., Mr Armstrong said' (:func:`_postposed`) reach the passive; in 'It is thought X wants Y but John Williams has confirmed Z' the
    credit comes later in its own clause and does not.
    """
    return [
        (start, end) if _postposed(tokens, j, text) else (j + 1, end)
        for (start, end), j in zip(spans, verbs, strict=True)
    ]


def _postposed(tokens: Sequence[Token], j: int, text: str) -> bool:
    """True when verb ``j`` ends a credit placed after its claim (', said Mr Armstrong.', ', Mr Armstrong said.', ', he added.').

    Inverted after a clause break; or a subject of at most :data:`POSTPOSED` words after
    a clause break, with the verb at the sentence end, before another clause break, or
    before a short tail that takes no clause (:func:`_tail_only`: ', Jo Roe said on
    Monday.', ', Jo Roe told reporters.').
    """
    if j == 0 or clause_break(text, tokens[j - 1], tokens[j]):
        return True
    if j + 1 < len(tokens) and not clause_break(text, tokens[j], tokens[j + 1]) and not _tail_only(tokens, j, text):
        return False
    return any(clause_break(text, tokens[k - 1], tokens[k]) for k in range(max(1, j - POSTPOSED), j))


#: Words that open a verb's tail that is no reported clause ('said on Monday', 'said in a statement').
_TAIL_OPENERS = frozenset(
    "on in at during after before from via through with to yesterday today tonight earlier later last this".split()
)
#: Verbs whose object is the hearer ('told reporters', 'told the BBC').
_TOLD = frozenset({"told", "tells", "telling"})
#: Most words of a postposed credit's tail ('said in a statement on Monday' is 5).
TAIL = 5


def _tail_only(tokens: Sequence[Token], j: int, text: str) -> bool:
    """True when verb ``j`` is followed, to the sentence end or a clause break, by a short tail that takes no clause.

    At most :data:`TAIL` words, opening with a preposition or a time word ('on Monday', 'in
    a statement') or, after 'told', the hearer ('told reporters', 'told the BBC'); not a
    reported clause ('Jo Roe said the firm was failing').
    """
    first = tokens[j + 1].low
    if tokens[j].low not in _TOLD and first not in _TAIL_OPENERS and first not in _CALENDAR:
        return False
    for k in range(j + 2, min(len(tokens), j + 2 + TAIL)):
        if clause_break(text, tokens[k - 1], tokens[k]):
            return True
    return len(tokens) <= j + 1 + TAIL


def claim_ends(tokens: Sequence[Token], text: str, named: bool = False) -> tuple[list[int], list[int]]:
    """For each verb index ``j``, the end of the claim a vague or definite source credits; and the next clause break.

    The claim ends at a new clause after a clause break (a conjunction, :data:`_NEW_CLAUSE`)
    or where the author's comment on the report starts (:func:`_comment_opens`:
    ", suggesting a degree of uncertainty", ", which is ...", ", a view that ...", "; ...").
    With ``named``, the ends of a named speaker's claim: the same, but of the participle
    clauses only the author's inferences (:data:`_COMMENT_PARTICIPLES`) end it, not the
    speaker's own ', adding that ...'. The second list gives, for each
    index, the first index at or after it with a clause break before it. One backward pass
    over the breaks alone (:func:`_breaks`): the indices between two breaks take the values
    of the later one in one slice each.
    """
    n = len(tokens)
    end = [n] * (n + 2)
    brk = [n] * (n + 2)
    after_break, after_end, upper = n, n, n  # the values of the indices [k + 1, upper), not breaks
    for k in reversed(_breaks(tokens, text)):
        brk[k + 1 : upper] = [after_break] * (upper - k - 1)
        end[k + 1 : upper] = [after_end] * (upper - k - 1)
        after_break = brk[k] = k
        if _comment_opens(tokens, k, text, brk[k + 1], end, named, goes_on=named):
            after_end = k
        end[k], upper = after_end, k
    if upper > 1:
        brk[1:upper] = [after_break] * (upper - 1)
        end[1:upper] = [after_end] * (upper - 1)
    return end[2:n] + [n] * min(n, 2), brk


#: A character of :data:`~copydesk.plugins.hedging.cues.CLAUSE_BREAKS`.
_CLAUSE_BREAK = re.compile("[" + re.escape("".join(sorted(CLAUSE_BREAKS))) + "]")


def _breaks(tokens: Sequence[Token], text: str) -> list[int]:
    """The indices ``k`` (1 to ``len(tokens) - 1``, in order) with a clause break before token ``k``, not quoted.

    The ``k`` where :func:`~copydesk.plugins.hedging.cues.clause_break` holds between tokens
    ``k - 1`` and ``k`` and token ``k`` is not in a quotation: the break characters between the
    first token's end and the last token's start are found by one search, each placed in the gap
    it lies in (one inside a token lies in none).
    """
    if len(tokens) < 2:
        return []
    starts = list(map(itemgetter(0), tokens))
    found: list[int] = []
    for match in _CLAUSE_BREAK.finditer(text, tokens[0].end, starts[-1]):
        k = bisect.bisect_right(starts, match.start())
        if (not found or found[-1] != k) and tokens[k - 1].end <= match.start() and not tokens[k].quoted:
            found.append(k)
    return found


def _comment_opens(
    tokens: Sequence[Token],
    k: int,
    text: str,
    following: int,
    end: Sequence[int],
    named: bool = False,
    goes_on: bool = False,
) -> bool:
    """True when the clause at ``k``, after a clause break, is the author's comment on a vague source's claim.

    A new clause ('and', 'but', ...), a participle clause (', suggesting ...', ', strongly
    suggesting ...'), anything
    after a semicolon; or a relative clause on the whole claim (', which is probably too
    gloomy') or an appositive comment (', a view that ...': 'a'/'an', at most
    :data:`COMMENT_NOUN` words, then 'that' or 'which') that runs to the sentence end or
    to another comment or new clause. ``following`` is the next clause break after ``k``,
    ``end`` the claim ends found so far: a relative clause closed by a comma inside the
    claim ('the unit, which produces 60% of the output, could fall') is no comment. With
    ``goes_on`` (a named claim after its verb), ', which' and a modal goes on with the claim
    (', which could take until spring'); after a credit placed after its claim (', the
    ministry said, which may anger commuters') it stays the author's comment.
    """
    low = tokens[k].low
    # an '-ly' adverb before an inference ('..., strongly suggesting ...'; session 29), not before
    # any '-ing' form (', potentially including ...' goes on with the claim)
    inferred = low.endswith("ly") and not tokens[k].capitalised and _low_at(tokens, k + 1) in _COMMENT_PARTICIPLES
    participle = low in _COMMENT_PARTICIPLES if named else low.endswith("ing")
    if low in _NEW_CLAUSE or participle or inferred:
        return True
    if ";" in text[tokens[k - 1].end : tokens[k].start]:
        # a named speaker's own participle goes on past it ('...; pointing out that ...')
        return not (named and low.endswith("ing"))
    if (
        goes_on
        and low == "which"
        and _low_at(tokens, k + 1) in _CLAUSE_MODALS
        and _low_at(tokens, k + 2) not in _INFERRING
    ):
        # ', which could take until spring': what the claimed event would do goes on with the claim;
        # ', which may be why ...', ', which could mean ...' stay the author's inference (session 24)
        return False
    relative = low == "which" or (
        low in ("a", "an") and any(t.low in ("that", "which") for t in tokens[k + 2 : k + 2 + COMMENT_NOUN])
    )
    return relative and (following >= len(tokens) or end[following] == following)


#: Verbs after ', which' + a modal that infer from the claim (', which may be why', ', which could mean').
_INFERRING = frozenset("be have explain explains mean suggest signal indicate reflect".split())


def _low_at(tokens: Sequence[Token], k: int) -> str:
    """The lower-cased token ``k``, or "" past the sentence end."""
    return tokens[k].low if k < len(tokens) else ""


def claim_span(tokens: Sequence[Token], first: int, j: int, text: str, end: int) -> tuple[int, int]:
    """The claim credited by a source phrase starting at ``first`` with its verb at ``j``.

    After a clause break (", many experts believe", ", according to Reuters"), in a credit
    placed after its claim with words before the source (", political analysts say."), or at the
    sentence start, as for a named speaker (:func:`_claim_start`); a source inside its
    clause ("The plan could fail because many experts believe it is bad") credits from
    itself on; to ``end`` (from :func:`claim_ends`).
    """
    before = first == 0 or clause_break(text, tokens[first - 1], tokens[first]) or _postposed(tokens, j, text)
    return (_claim_start(tokens, j, text) if before else first), end


def credited_spans(
    tokens: Sequence[Token],
    text: str,
    lexicon: Lexicon,
    used: set[int],
    lows: Sequence[str] | None = None,
    verbs: list[int] | None = None,
) -> list[tuple[int, int]]:
    """The token ranges of the sentence credited to a named source (none when nobody is named).

    Tokens in ``used`` (attributions, adjective and adverb cues such as 'alleged') and
    capitalised words inside the sentence ('the United States') are not verbs here.
    ``lows``, when given, is the tokens' lower-cased forms; ``verbs``, when given, gets
    each span's verb of saying ('according' for 'according to').
    """
    spans: list[tuple[int, int]] = []
    ends: list[int] = []
    brk: list[int] = []
    raw: list[int] = []
    speech = lexicon.credit_verbs.__contains__
    for j in compress(count(), map(speech, map(LOW, tokens) if lows is None else lows)):
        if _passed_over(tokens, j, used):
            continue
        if not spans or j >= spans[-1][1]:
            kind = _credit(tokens, j, text, lexicon)
            if not kind:
                continue
            if not ends:
                ends, brk = claim_ends(tokens, text, named=True)
                raw = [len(tokens)] * 2 + ends  # the ends indexed as claim_ends finds them
            start = max(
                _claim_start(tokens, j, text),
                _relative_clause(tokens, j, text),
                _contact_relative(tokens, j, text, lexicon),
                _complement(tokens, j, text, kind),
            )
            end = _object_relative(tokens, j, text, ends[j]) if kind == "named" else ends[j]
            if brk[j + 1] == j + 1 < end and _comment_after_credit(tokens, j, text, brk, raw):
                # ', Jo Roe said, a view that ...': the credit placed after its claim closes it
                end = j + 1
            if start < j and tokens[start].low in _FRAME_OPENERS and _colon_after(tokens, j, text):
                # 'In an apparent reply, he said: ...': the claim follows the colon; the frame is the author's
                start = j + 1
            if _closed_clause(tokens, start) and brk[start + 1] > j:
                # a relative or fronted concessive clause's claim ends where the clause closes
                # ("Jo Roe, who said hello, may resign"; "While Jo Roe said ..., she appears uneasy")
                end = min(end, brk[j + 1])
            parts = _around_telling(tokens, j, (start, end), text, lexicon)
            spans += parts
            if verbs is not None:
                verbs += [j] * len(parts)
    return spans


#: Relative words that open a clause on a noun of the object ('an agreement to inspect the towns where ...').
_OBJECT_RELATIVES = frozenset({"where", "which", "who", "whom"})


def _object_relative(tokens: Sequence[Token], j: int, text: str, end: int) -> int:
    """Where a named credit's claim ends when verb ``j`` takes an indefinite noun object and no clause, else ``end``.

    'The Agency for Mines announced an agreement to inspect the towns where mines were
    reportedly laid': the verb reports an act, and a relative clause on a noun of its
    object, with no comma before it, is the author's description (session 24); a verb that
    takes a clause (:func:`_clause_follows`: 'announced a plan that could cut costs') is read as before.
    """
    if j + 1 >= end or tokens[j + 1].low not in ("a", "an") or _clause_follows(tokens, j, text):
        return end
    for k in range(j + 3, end):
        if tokens[k].low in _OBJECT_RELATIVES and not clause_break(text, tokens[k - 1], tokens[k]):
            return k
    return end


#: Determiners after which a word of saying is a noun ('the report', 'its forecast'); not 'her' ('heard her say'),
#: 'this' ('This suggests ...') or 'that'. After 'a'/'an' nobody is named anyway, and a capital 'A' opening
#: the sentence is read as before ('A report by the IMF, released on Monday, suggests ...').
_NOUN_DETERMINERS = frozenset("the its his their our my your".split())


def _credit(tokens: Sequence[Token], j: int, text: str, lexicon: Lexicon) -> str:
    """How verb ``j`` credits its claim: 'named' (:func:`_credits`), 'plain' (:func:`plain_credit`) or '' (not at all).

    A verb of denying or doubting credits only a clause ('denied his alleged role' has none).
    A word of saying after 'the' or a possessive determiner is a noun ('may reject the report',
    'its forecast'; session 29: 'the' before an institution noun was read as its name): nobody speaks.
    """
    if j and tokens[j - 1].low in _NOUN_DETERMINERS:
        return ""
    if tokens[j].low in DENYING and not _clause_follows(tokens, j, text):
        return ""
    if _credits(tokens, j, text, lexicon) or _contact_relative(tokens, j, text, lexicon) > 0:
        return "named"
    if not plain_credit(tokens, j, text, lexicon):
        return ""
    return "body" if _indefinite_subject(tokens, j, text, lexicon) else "plain"


def _indefinite_subject(tokens: Sequence[Token], j: int, text: str, lexicon: Lexicon) -> bool:
    """True when verb ``j``'s subject, past its auxiliaries and '-ly' adverbs, is 'a'/'an' + an institution noun."""
    k = j - 1
    while k > 0 and (tokens[k].low in _BETWEEN or tokens[k].low.endswith("ly")):
        k -= 1
    return k > 0 and _indefinite_body(tokens, k, text, lexicon)


def _complement(tokens: Sequence[Token], j: int, text: str, kind: str) -> int:
    """Where a plain noun's claim starts: after its verb (or participle), unless the credit follows its claim; else 0.

    'The plan could fail because the engineers believe ...': the claim is the complement, the
    rest the author's; ', the engineer warned.' credits what comes before it. An indefinite
    body's (kind 'body', :func:`_indefinite_body`) starts at its verb: 'a report suggests' is
    the report's word, as 'the report suggests' is (session 29).
    """
    if kind not in ("plain", "body"):
        return 0
    # a participle clause of saying (', saying ...') is no credit placed after its claim
    if tokens[j].low.endswith("ing") or not _postposed(tokens, j, text):
        return j if kind == "body" else j + 1
    return 0


#: Relative words before the subject of a verb of saying inside a relative clause ('the tax that she says is unfair').
_RELATIVE_OPENERS = frozenset({"that", "which", "who", "whom"})
#: Most words of a name as the subject of such a verb ('the plan which Jo Roe said may fail').
NAME_WORDS = 4


def _relative_clause(tokens: Sequence[Token], j: int, text: str) -> int:
    """Start of the relative clause holding verb ``j`` and its one-word or name subject, or 0.

    In 'rallied farmers against the tax that she says is unfair' and 'the plan which Jo Roe
    said may fail' the speaker is credited with the relative clause, not with the author's
    main clause before it. The look-back crosses at most :data:`NAME_WORDS` words of
    :data:`_BETWEEN` or '-ly' adverbs ('that she has long said') and as many of a name, with no clause break.
    """
    k = j - 1
    while k > max(0, j - 1 - NAME_WORDS) and (tokens[k].low in _BETWEEN or tokens[k].low.endswith("ly")):
        k -= 1
    if k < 1 or any(clause_break(text, tokens[m], tokens[m + 1]) for m in range(k, j)):
        return 0
    if tokens[k].low in PRONOUNS or tokens[k].low == "they":
        k -= 1
    else:
        first = k
        while k > 0 and first - k < NAME_WORDS and tokens[k].capitalised:
            k -= 1
        if k == first:
            return 0
    if tokens[k].low in _RELATIVE_OPENERS and not clause_break(text, tokens[k], tokens[k + 1]):
        return k
    return 0


#: Pronoun subjects of a relative clause of believing or saying on an object ('the men they believe may ...').
_CONTACT_PRONOUNS = PRONOUNS | {"they"}
#: Words right after the verb that show its clause's subject is the relative's gap ('believe may be', 'say are').
_GAP_WORDS = frozenset("may might could would will can should must is are was were has have had".split())
#: Nouns of people without a final '-s' that a relative clause may follow ('a man they believe ...').
_PERSONS = frozenset("man woman person people child suspect men women children".split())


def _contact_relative(tokens: Sequence[Token], j: int, text: str, lexicon: Lexicon) -> int:
    """Start of a relative clause on an object whose pronoun subject's verb ``j`` credits it, else -1 (session 29).

    'The FBI has arrested five people they believe may be linked to the attack', 'charges
    against two men whom she says could have ...': 'they', 'he', 'she' or 'it' (after a
    relative word or none) right before the verb, a modal, a form of 'be' or 'have' right
    after it (the clause's subject is the relative's gap), and before the pronoun a noun of
    people or a plural that is the object of a verb in '-ed'/'-ing', of a verb after an
    auxiliary or a modal, or of a preposition (:func:`_object_noun`). The clause is what the
    pronoun's referent believes or says, not the author's. 'What they believe may be wrong' and 'The
    things they say may be wrong' (a subject: the modal is the main clause's) and 'the men
    we believe may ...' (the author) are not read so.
    """
    k = j - 1
    while k > max(0, j - 1 - NAME_WORDS) and (tokens[k].low in _BETWEEN or tokens[k].low.endswith("ly")):
        k -= 1
    if k < 2 or tokens[k].low not in _CONTACT_PRONOUNS or _low_at(tokens, j + 1) not in _GAP_WORDS:
        return -1
    start = k - 1 if tokens[k - 1].low in _RELATIVE_OPENERS else k
    if any(clause_break(text, tokens[m], tokens[m + 1]) for m in range(start - 1, j)):
        return -1
    return start if _object_noun(tokens, start - 1, text, lexicon) else -1


def _object_noun(tokens: Sequence[Token], n: int, text: str, lexicon: Lexicon) -> bool:
    """True when ``n`` is a lower-case noun of people or a plural, the object of a verb or a preposition.

    Back over at most :data:`MODIFIERS` + 1 words in one clause ('arrested five young men'): a
    preposition, a verb in '-ed'/'-ing', or a word after an auxiliary or a modal ('have found',
    'may question'); a relative or a conjunction first, or the clause's start, leaves it a subject.
    """
    noun = tokens[n]
    low = noun.low
    plural = low.endswith("s") and not low.endswith(("ss", "us", "is"))
    if noun.capitalised or not (plural or low in _PERSONS or low in lexicon.people):
        return False
    for m in range(n - 1, max(-1, n - 2 - MODIFIERS), -1):
        word = tokens[m].low
        if clause_break(text, tokens[m], tokens[m + 1]) or word in _STOPS - _ARTICLES:
            return False
        if word in _PREPOSITIONS or (len(word) > 4 and word.endswith(("ed", "ing"))):
            return True
        if m > 0 and tokens[m - 1].low in _GAP_WORDS:
            return True
    return False


def _comment_after_credit(tokens: Sequence[Token], j: int, text: str, brk: Sequence[int], raw: Sequence[int]) -> bool:
    """True when verb ``j`` ends a credit placed after its claim and the author's comment follows it at once.

    The credit follows a clause break at most :data:`APPOSITIVE` words before its verb.
    'Prices will rise, Jo Roe said, a view that is probably too gloomy', '..., Jo Roe said,
    which ...', '..., Jo Roe said, suggesting ...', '...; ...' (:func:`_comment_opens`): the
    comment is on the reported claim, as after a claim that follows its verb. A clause
    that goes on with the claim ('Prices, Jo Roe said, may rise') or a conjunction (', Jo Roe
    said, and ...', which may go on with the report) is no comment. ``brk`` and ``raw`` are
    :func:`claim_ends`' clause breaks and its ends as it indexes them.
    """
    k = j + 1
    if tokens[k].low in _NEW_CLAUSE:
        return False
    # the credit follows a clause break: its subject may be longer than a postposed one
    # (', a new Daily Herald and Radio Kent poll finds, a fight that ...')
    after_break = any(clause_break(text, tokens[m - 1], tokens[m]) for m in range(max(1, j - APPOSITIVE), j + 1))
    return after_break and _comment_opens(tokens, k, text, brk[k + 1], raw, named=True)


def _around_telling(
    tokens: Sequence[Token], j: int, span: tuple[int, int], text: str, lexicon: Lexicon
) -> list[tuple[int, int]]:
    """The claim ``span`` of verb ``j`` less the verb's own adverbs and auxiliaries, which are the author's.

    'Jo Roe reportedly told ...', 'she may have said ...': they hedge the telling, not the
    claim; unless a credit placed after its claim follows ('X could find ..., Jo Roe warned').
    """
    start, end = span
    group = _verb_group(tokens, j, text)
    if start < group < j and not _credited_after(tokens, j, end, text, lexicon):
        return [(start, group), (j, end)]
    return [span]


def _credited_after(tokens: Sequence[Token], j: int, end: int, text: str, lexicon: Lexicon) -> bool:
    """True when a credit placed after its claim follows verb ``j`` in its span ('X could find ..., Jo Roe warned')."""
    return any(
        tokens[k].low in lexicon.speech_verbs
        and not tokens[k].capitalised
        and _credits(tokens, k, text, lexicon)
        and _postposed(tokens, k, text)
        for k in range(j + 1, end)
    )


def _verb_group(tokens: Sequence[Token], j: int, text: str) -> int:
    """First token of the adverbs and auxiliaries right before verb ``j`` ('reportedly', 'may have'), or ``j``."""
    between = _BETWEEN_OR_BE if progressive(tokens, j) else _BETWEEN
    k = j
    while k > 0 and not tokens[k - 1].capitalised and not clause_break(text, tokens[k - 1], tokens[k]):
        low = tokens[k - 1].low
        if low not in between and not low.endswith("ly"):
            break
        k -= 1
    return k


#: Words opening a fronted adjunct before 'X said:' ('In an apparent reply, ...', 'Asked about it, ...').
_FRAME_OPENERS = _PREPOSITIONS | frozenset("after before despite amid during following asked".split())


def _passed_over(tokens: Sequence[Token], j: int, used: set[int]) -> bool:
    """True when verb ``j`` is no credit's: used, capitalised inside its sentence, 'hoped for', or a label (:func:`_label`).

    A used participle between 'as' and 'by' still credits its agent ('as alleged by the report';
    session 29: it was credited only by misreading 'the report' as a verb).
    """
    if j in used and not (j > 0 and tokens[j - 1].low == "as" and _low_at(tokens, j + 1) == "by"):
        return True
    return (j > 0 and tokens[j].capitalised) or hoped_for(tokens, j) or _label(tokens, j)


def _label(tokens: Sequence[Token], j: int) -> bool:
    """True when verb ``j`` opens its sentence right before a colon: a label ('Note: it may rain'), no one speaking."""
    token = tokens[j]
    return j == 0 and token.text.startswith(":", token.end)


def _colon_after(tokens: Sequence[Token], j: int, text: str) -> bool:
    """True when verb ``j``'s first clause break, at most :data:`TAIL` words on, is a colon ('he said:', 'told the BBC:')."""
    for k in range(j, min(len(tokens) - 1, j + TAIL + 1)):
        gap = text[tokens[k].end : tokens[k + 1].start]
        if ":" in gap:
            return True
        if not CLAUSE_BREAKS.isdisjoint(gap):
            return False
    return False


#: Concessive openers of a clause that holds the credit: the claim ends where the clause closes
#: ("Although the ministry said prices may rise, the bank could cut rates": "could" is the author's).
_CONCESSIVE = frozenset("while whereas although though even".split())
#: Words after 'even' that make it concessive ('even though', 'even if', 'even as', 'even while').
_EVEN_CONCESSIVE = frozenset("though if as while".split())


def _closed_clause(tokens: Sequence[Token], start: int) -> bool:
    """True when a claim starting at ``start`` sits in a clause that closes before the sentence goes on.

    A relative clause after a name ("Jo Roe, who said ...") or a concessive one ("While Jo Roe
    said ...", "..., although the ministry said ..."): what follows its closing break is the
    author's main clause, not the source's claim.
    """
    low = tokens[start].low
    if low == "even":
        # 'Even though/if/as Jo Roe said ...' concedes; 'Even Jo Roe said ...' only stresses the speaker
        return start + 1 < len(tokens) and tokens[start + 1].low in _EVEN_CONCESSIVE
    return (start > 0 and low in _RELATIVES) or low in _CONCESSIVE


#: Nouns of saying: after a possessive they are nouns, not verbs of saying ("Jo Roe's claim that ...").
CLAIM_NOUNS = frozenset(
    "announcement statement claim warning forecast prediction assessment view belief suggestion admission"
    " assertion insistence contention conclusion hopes doubt doubts denial".split()
)


#: Determiners and possessive pronouns that make a noun of people a definite subject ("her husband").
_DEFINITE = _DETERMINERS | frozenset("that these our my your".split())
#: Plurals of people without a final '-s'.
_PLURALS = frozenset({"men", "women", "children"})
#: Most words of modifiers between a determiner and the noun it governs ("the minister's two senior advisers").
MODIFIERS = 3


def plain_credit(tokens: Sequence[Token], j: int, text: str, lexicon: Lexicon) -> bool:
    """True when verb ``j``'s subject is a plain noun phrase of people that credits its clause (session 23).

    'The columnist suggested that ...', "the minister's advisers believe ...", 'critics'
    aside (a vague source), 'residents fear ...', ', the engineer warned.': the head of the
    subject, just before the verb and its auxiliaries, is a noun of people or a body
    (``people.txt``) in a definite or possessive phrase, or a plural of people
    (:func:`_plain_source`), or an institution noun after 'a'/'an' (:func:`_indefinite_body`:
    ', a report suggests.'); or an '-ing' form of saying after a clause break whose sentence
    opens with its speaker (:func:`_participle_of_saying`). A passive ('it is feared'), a verb
    with nothing after it, and 'you', 'I' or 'we' credit nobody.
    """
    low = tokens[j].low
    before = tokens[j - 1].low if j else ""
    if not j or (before in BE and not progressive(tokens, j)) or before == "as":
        return False
    if low.endswith("ing") and not progressive(tokens, j):
        return _participle_of_saying(tokens, j, text, lexicon)
    if _reader_or_author(tokens, j):
        return False
    if j + 1 >= len(tokens) and not _postposed(tokens, j, text):
        return False
    if _object_then_clause(tokens, j):
        return False
    k = _before_going_on(tokens, j - 1)
    between = _BETWEEN_OR_BE if progressive(tokens, j) else _BETWEEN
    while k > 0 and (tokens[k].low in between or tokens[k].low.endswith("ly")):
        if clause_break(text, tokens[k], tokens[k + 1]):
            return False
        k -= 1
    k = _before_time_phrase(tokens, k, text)
    if k < 0 or clause_break(text, tokens[k], tokens[k + 1]):
        return False
    return _plain_source(tokens, k, text, lexicon) or _indefinite_body(tokens, k, text, lexicon)


#: Object pronouns after a verb of believing or doubting ('doubted him'): what follows is no claim of the subject's.
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me"})


def _object_then_clause(tokens: Sequence[Token], j: int) -> bool:
    """True when verb ``j`` takes an object pronoun and 'and'/'but' opens a new clause after it.

    'The voters doubted him and the party could lose the seat': the second clause is the
    author's, not what the voters doubted.
    """
    after = [token.low for token in tokens[j + 1 : j + 3]]
    return len(after) == 2 and after[0] in _OBJECT_PRONOUNS and after[1] in ("and", "but")


def _participle_of_saying(tokens: Sequence[Token], j: int, text: str, lexicon: Lexicon) -> bool:
    """True when the '-ing' form ``j`` opens a participle clause of saying whose subject opens the sentence.

    'Jo Roe attacked the bill, saying it could raise rents', 'The landlords attacked it,
    arguing that ...', 'Airlines criticised the levy, warning fares could rise': the clause
    after the break is what the sentence's subject said. The subject is a name, 'he', 'she'
    or 'it' (:data:`PRONOUNS`; 'they' credits nobody, as with any verb), or a definite phrase of people or a body within its first :data:`MODIFIERS` + 2
    words (:func:`_plain_source`, :func:`_institution`); not a vague source ('Some critics
    ...'), a fronted adjunct or 'I'/'we'. The author's own inferences (', suggesting ...',
    ', meaning ...') are no participles of saying.
    """
    low = tokens[j].low
    if low == "according" or low in _COMMENT_PARTICIPLES or not clause_break(text, tokens[j - 1], tokens[j]):
        return False
    first = tokens[0]
    if first.low in PRONOUNS:
        return True
    if _named(tokens, 0, lexicon) and not clause_break(text, first, tokens[1]):
        return True  # a name ('Jo Roe', 'IAEA'), not a capitalised common noun ('Prices rose 3%, warning ...')
    for k in range(min(j, MODIFIERS + 2)):
        if k and clause_break(text, tokens[k - 1], tokens[k]):
            return False
        if tokens[k].low in lexicon.people or tokens[k].low in lexicon.institutions:
            return _institution(tokens, k, lexicon) or _plain_source(tokens, k, text, lexicon)
    return False


def _plain_source(tokens: Sequence[Token], k: int, text: str, lexicon: Lexicon) -> bool:
    """True when ``k`` heads a definite or possessive phrase of people or a body, or is a plural of people.

    Back over at most :data:`MODIFIERS` words in one clause to a determiner or a
    possessive ('the', 'her', "the minister's"); a plural needs neither ('angry residents'),
    unless a quantifier leaves it unnamed ('some lawyers', :data:`_UNCOUNTED`).
    The phrase is no object of a preposition ('talks with the lawyers suggest').
    """
    low = tokens[k].low
    if low not in lexicon.people:
        return False
    plural = (low.endswith("s") and not low.endswith("ss")) or low in _PLURALS
    m = k - 1
    while m >= 0 and k - m <= MODIFIERS + 1 and not clause_break(text, tokens[m], tokens[m + 1]):
        word = tokens[m].low
        if word in _DEFINITE or word.endswith(("'s", "s'")):
            return _opens_subject(tokens, m - 1, text)
        if word in _PREPOSITIONS or word in lexicon.speech_verbs or word in _STOPS:
            break
        m -= 1
    counted = any(tokens[x].low in _UNCOUNTED for x in range(m + 1, k))
    return plural and not counted and _opens_subject(tokens, m, text)


#: Quantifiers before a bare plural that leave it unnamed ('some lawyers warned'): read as before, not credited.
_UNCOUNTED = frozenset("some many most several few certain various numerous other unnamed anonymous".split())


def _opens_subject(tokens: Sequence[Token], m: int, text: str) -> bool:
    """True when the word ``m`` before a noun phrase leaves it a subject: no preposition, no 'and' inside a clause.

    'talks with the lawyers', 'talks between Jo Roe and his aides': the phrase is an object or a
    second conjunct; after ', and' it opens a clause ('Prices rose, and residents fear ...').
    """
    if m < 0:
        return True
    word = tokens[m].low
    if word in ("and", "or"):
        return m > 0 and clause_break(text, tokens[m - 1], tokens[m])
    return word not in _PREPOSITIONS


#: Modals that show a finite clause after a verb of denying ('denied the plant could close').
_CLAUSE_MODALS = frozenset("may might could would will can should must".split())


def _clause_follows(tokens: Sequence[Token], j: int, text: str) -> bool:
    """True when verb ``j`` takes a clause: 'that', or a modal before the next clause break within :data:`TAIL` * 2 words.

    'denied that ...', 'doubted the striker could play'; not a noun object ('denied his alleged role').
    """
    for k in range(j + 1, min(len(tokens), j + 1 + 2 * TAIL)):
        if k > j + 1 and clause_break(text, tokens[k - 1], tokens[k]):
            return False
        if (tokens[k].low == "that" and k == j + 1) or tokens[k].low in _CLAUSE_MODALS:
            return True
    return False


#: Words that end a subject's modifiers looking back: a relative or a conjunction ('the plan that teachers fear').
_STOPS = frozenset("that which who whom and or but than a an".split())


def _reader_or_author(tokens: Sequence[Token], j: int) -> bool:
    """True when verb ``j`` has 'you', 'I' or 'we' as subject ('do you believe', 'I think'): no source."""
    k = j - 1
    between = _BETWEEN_OR_BE if progressive(tokens, j) else _BETWEEN
    while k >= 0 and tokens[k].low in between:
        k -= 1
    return k >= 0 and tokens[k].low in _FIRST_SECOND


def _inverted(tokens: Sequence[Token], j: int, text: str) -> bool:
    """True when verb ``j`` opens an inverted attribution ('..., said Peskov', '" said the ministry')."""
    return (
        j == 0
        or clause_break(text, tokens[j - 1], tokens[j])
        or not _QUOTE_MARKS.isdisjoint(text[tokens[j - 1].end : tokens[j].start])
    )


def names_source(tokens: Sequence[Token], text: str, lexicon: Lexicon) -> bool:
    """True when the sentence credits a claim to a named source ('said Jo Roe of the IAEA').

    A verb of saying with a named subject or agent (:func:`credited_spans`), or a source
    noun with a name beside it ('researchers at Harvard said', 'Kremlin officials say').
    """
    if credited_spans(tokens, text, lexicon, set()):
        return True
    for k in range(len(tokens) - 1):
        if tokens[k].low in lexicon.vague_sources and _specific(tokens, k, text, lexicon):
            if _verb_after(tokens, k, text, lexicon, tight=False) is not None:
                return True
    return False


#: Forms of 'suggest' that, with a speaker as subject, report what was said ('Jo Roe suggested ...').
_SUGGEST = frozenset({"suggest", "suggests", "suggested"})
#: Nouns of evidence in the subject of 'suggest': then it infers from the evidence ('a survey by
#: Brannock suggests'), a hedge; so do the pronouns that stand for a document or a finding ('It suggests').
EVIDENCE = frozenset(
    "survey surveys poll polls polling study studies report reports research data figures evidence findings"
    " results analysis calculations statistics numbers estimates records documents document memo letter email"
    " emails filing filings review audit tests test pattern trend trends signs speculation model models footage"
    " photos it this that these which what".split()
)
#: Most words of the subject of 'suggest' read back for a noun of evidence ('Research by the 12
#: charities - including ... - suggested'): longer than an appositive, still bounded.
SUBJECT_WORDS = 20


def reporting_suggest(tokens: Sequence[Token], j: int, text: str) -> bool:
    """True when 'suggest' at ``j``, the verb of a named speaker's credit, reports what the speaker said.

    'Jo Roe suggested the plan may fail', 'He later suggested ...', 'Prices may rise, Jo Roe
    suggested.', 'as Jo Roe has suggested': the author's verb for the speaker's words (as
    'said' or 'hinted' is), no hedge inside the speaker's claim nor the author's doubt (session 23
    audit of HDG004). Its subject holds no noun of :data:`EVIDENCE` ('A survey by Brannock
    suggests', 'Data from the IMF suggests': an inference from evidence, still the named side's
    hedge). The subject is read back from the verb over at most :data:`SUBJECT_WORDS` words, across an
    appositive's commas, to a clause break before a subordinator ('as', 'while') or, in a credit
    placed after its claim, to the clause break before it. A passive ('as suggested by') and a
    quotation are left alone.
    """
    if tokens[j].low not in _SUGGEST or tokens[j].quoted:
        return False
    if (j and tokens[j - 1].low in BE) or (j + 1 < len(tokens) and tokens[j + 1].low == "by"):
        return False
    postposed = _postposed(tokens, j, text)
    for k in range(j - 1, max(-1, j - 1 - SUBJECT_WORDS), -1):
        low = tokens[k].low
        if low in EVIDENCE:
            return False
        if k and clause_break(text, tokens[k - 1], tokens[k]) and (postposed or low in _SUBORDINATORS):
            break
    return True
