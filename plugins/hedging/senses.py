"""Sense filters and cue matching of the hedging scorer: which match of a cue hedges.

Cues are matched longest first from a first-word index, so the work per token is
bounded by the longest cue; each match then passes a filter that drops a
non-hedging sense ("in May 2024", "could not", "as soon as possible", "the most",
"depending on the dose, the effect may vary", "potential energy"). Each filter looks
a bounded number of words around the cue, so the scan stays linear. No regular
expression is involved.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, count

from copydesk.plugins.hedging.cues import BE, CLAUSE_BREAKS, LOW, Token, clause_break, dash
from copydesk.plugins.hedging.lexicon import Cue, Lexicon, read_list

NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred hundreds thousand thousands million millions billion billions dozen dozens "
    "half quarter third".split()
)
_POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your", "the", "all", "military", "economic"})
_AFTER_POSSIBLE = frozenset({"where", "if", "whenever", "wherever", "when"})
_MAKE = frozenset({"make", "makes", "made", "making"})
_CERTAIN_BOOSTER = frozenset(
    "is are was were be been being not so very quite almost fairly absolutely feel felt seem seems remain remains "
    "make made makes for pretty less more".split()
)
_CERTAIN_AFTER = frozenset({"that", "to", "of", "whether", "about", "if", "how", "what", "when", "who"})
_MOST_BEFORE = frozenset({"the", "at", "a", "an", "its", "his", "her", "their", "our", "my", "your", "is", "are"})
_CLAUSE_ADVERBS = frozenset({"fairly", "relatively", "somewhat", "partly", "largely", "mostly", "mainly"})
QUANTIFIER_CUES = (
    "some",
    "many",
    "several",
    "various",
    "numerous",
    "a few",
    "a number of",
    "a variety of",
    "a handful of",
)
_CLAUSE_OPENERS = frozenset(
    "but that while whereas although though because where when which who since whom yet".split()
)
_PREPOSITIONS = frozenset(
    "in on at of for to from with by as across among between within throughout over under depending and or".split()
)
#: Words before 'unlikely' that make it attributive and mean 'surprising' ('the unlikely venue').
_SURPRISING_BEFORE = frozenset("the a an most this that their his her its seemingly rather".split())
_UNCERTAIN_NOT_AFTER = frozenset("remain remains remained remaining looked looks look felt sounded no".split())
#: Words before 'speculation' that make it the topic of a sentence ('the speculation', 'ended speculation').
_TOPIC_BEFORE = frozenset("the this that such any end ending ends dismiss denies deny fuel quash".split())
#: Words that introduce named members of a group ('including Derrida', 'notably Foucault').
_EXAMPLE_MARKERS = frozenset({"including", "notably", "like", "especially", "particularly", "namely"})
#: Words after a quantifier searched for named examples.
EXAMPLE_WINDOW = 6
_AUXILIARY_VERBS = frozenset("will would can could may might should must shall do does did has have had".split())
#: The forms of 'be' and the auxiliary verbs, made once.
_BE_OR_AUXILIARY = BE | _AUXILIARY_VERBS
#: Words a modal looks back over for 'depending on' or 'so that'.
ROOT_WINDOW = 15
#: Quantifiers that hedge wherever they stand, not only as a subject.
ANY_POSITION = frozenset({"many"})
#: Nouns after 'some' that make it a degree or a stretch of time ('some way below', 'some time later').
_EXTENT = frozenset({"way", "distance", "time", "while"})
TIME_UNITS = frozenset("years decades centuries months weeks days hours minutes times generations".split())
#: Units a quantifier measures time in at a clause's opening ('Some years ago', 'Some time later'): not 'generations'.
_STRETCHES = (TIME_UNITS - {"generations"}) | {"time"}
_COORDINATORS = frozenset({"and", "or"})
#: Words after 'could not' that make it a doubt the author reports ('could not be ruled out', 'could not
#: be confirmed'); an active 'could not say/confirm/tell' is a source's inability (session 22).
_RULE_OUT = frozenset({"rule", "ruled", "exclude", "excluded", "confirmed"})


def _low(tokens: Sequence[Token], index: int) -> str:
    """The lower-cased token at ``index``, or "" outside the sentence."""
    return tokens[index].low if 0 <= index < len(tokens) else ""


def _is_number(word: str) -> bool:
    """True for a numeral or a number word."""
    return word[:1].isdigit() or word in NUMBER_WORDS


#: Verbs before 'who'/'what' that make it open an embedded question ('nobody knows what could ...').
_QUESTION_VERBS = frozenset("know knows knew wonder wonders wondered ask asks asked decide decides decided see".split())
#: Prepositions before 'who' (a relative would be 'whom') that make it a question ('the question of who might').
#: Not before 'what': 'for what could be a record' is a free relative and hedges.
_QUESTION_HEADS = _QUESTION_VERBS | frozenset("of for about over".split())


def _embedded_question(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True when the modal at ``i`` follows 'who'/'what' opening an embedded question ('as for who may attend').

    The question asks, it asserts nothing for the modal to hedge; a relative clause
    ('the man who might win', 'officials, who may resign') and a pseudo-cleft at the
    sentence start ('What could start this is ...') keep theirs.
    """
    wh, head = _low(tokens, i - 1), _low(tokens, i - 2)
    if (wh == "who" and head in _QUESTION_HEADS) or (wh == "what" and head in _QUESTION_VERBS):
        return True
    return _question_with_subject(tokens, i, text)


#: Question words that open an embedded question with its own subject before the modal
#: ('decide how best the port could be defended', 'no word on where the grant might go').
_WH_WITH_SUBJECT = frozenset({"how", "where", "whether", "why", "what"})
#: Heads of such a question besides :data:`_QUESTION_HEADS` ('discuss whether', 'on where').
_MORE_HEADS = frozenset(
    "on explain explained discuss discussed consider considering determine understand"
    # 'gave no details, including where the plant might be built' (session 25)
    " including".split()
)
#: Verbs of thinking or saying that make the words before the modal a clause of their own
#: ('what she felt may be a tense lunch': the modal is her view, not the question's).
_VIEW_VERBS = frozenset(
    "felt feel feels think thinks thought believe believes believed say says said fear fears feared hope hopes hoped"
    " expect expects expected argue argues argued".split()
)
#: Words that end the subject of such a question: a verb, a clause opener, a view ('what he felt may').
_NOT_IN_SUBJECT = _BE_OR_AUXILIARY | _CLAUSE_OPENERS | _VIEW_VERBS | _WH_WITH_SUBJECT
#: Nouns before 'of how' that make the clause a case shown, not a question ('an example of how storms could').
_SHOWING = frozenset("example examples reminder sign signs illustration demonstration evidence proof case".split())


def _question_with_subject(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True when the modal at ``i`` ends the subject of an embedded question ('asked how the plan could work').

    Session 23: 'how/where/whether/why/what', a subject of at most :data:`TIME_SUBJECT` words
    with no verb, clause opener or clause break, then the modal, after a verb of knowing or
    asking or a preposition ('hopes of what the club might win'): the question asserts
    nothing. 'whether' needs no head. A relative 'where' after a noun ('the town where the
    plant could close'), 'in what could be a record', a view inside the subject ('what he
    felt may be awkward') and a case shown ('an example of how storms could') keep their hedges.
    """
    if i < 2 or _breaks(text, tokens[i - 1], tokens[i]) or _low(tokens, i - 1) in _NOT_IN_SUBJECT:
        return False
    for k in range(i - 2, max(0, i - TIME_SUBJECT - 1) - 1, -1):
        low = tokens[k].low
        if _breaks(text, tokens[k], tokens[k + 1]):
            return False
        if low in _WH_WITH_SUBJECT:
            head = _low(tokens, k - 1)
            if head == "of" and _low(tokens, k - 2) in _SHOWING:
                return False
            return low == "whether" or head in _QUESTION_HEADS or head in _MORE_HEADS
        if low in _NOT_IN_SUBJECT:
            return False
    return False


def _root_modal(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True when the modal at ``i`` states what a condition or purpose allows, not what the writer doubts.

    'Depending on the dose, the effect may vary' and 'so that every word may begin'
    describe variation and purpose; the look-back is bounded, so the scan stays linear.
    A modal in an embedded question asserts nothing (:func:`_embedded_question`), nor
    one of time or purpose after its subject (:func:`_time_or_purpose`).
    """
    if _embedded_question(tokens, i, text) or _time_or_purpose(tokens, i, text):
        return True
    if _aside(tokens, i, text) or _elliptical(tokens, i, text) or _wished(tokens, i, text):
        return True
    window = [tokens[k].low for k in range(max(0, i - ROOT_WINDOW), i)]
    if "depending" in window or tokens[0].low == "depending" or _conditional(tokens, i):
        return True
    return any(a in ("so", "order") and b == "that" for a, b in itertools.pairwise(window))


#: Verbs of knowing after 'as ... may' that address the reader ('As fans may recall', 'as might be expected').
_KNOWING = frozenset(
    "recall remember know expect expected imagine imagined guess guessed suspect suspected notice noticed heard read".split()
)
#: Verbs of the reader's wondering after 'you' and the modal: an aside whatever follows
#: ('you might be asking what comes next', 'You may think the bridge is safe').
_READER_THOUGHTS = _KNOWING | frozenset("wonder wondering ask asking think thinking".split())
#: Words between such a modal and its verb ('may already know', 'might have guessed', 'might be expected').
_ASIDE_BETWEEN = frozenset({"already", "also", "well", "have", "be"})
#: Subjects of an aside set off by clause breaks without 'as' (', we might recall,', ', one may remember,').
_ASIDE_PRONOUNS = frozenset({"we", "you", "one"})
#: Most words between 'as' and the modal of an aside ('As fans of the singer may recall').
ASIDE_SUBJECT = 5


def _aside(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True when the modal at ``i`` is in an aside to the reader ('As you may know', 'as might be expected'; session 22).

    So is 'you' and the modal before a verb of wondering or knowing (:data:`_READER_THOUGHTS`:
    'So, you might be asking', 'You may be wondering why'; session 24).

    The aside says what the reader knows or expects; it hedges no claim. 'as' stands at
    most :data:`ASIDE_SUBJECT` words before the modal in its clause, a verb of knowing after
    it ends the clause ('As fans may recall,'; 'As the economy slows, shoppers may notice
    higher prices' and 'as traders may have heard rumours' keep their hedges). Without 'as',
    'we', 'you' or 'one' set off by a clause break before it and after the verb is an aside
    too (', we might recall,'; session 28); 'Traders, we may recall, were wrong' is one, and
    'Prices, traders may recall, rose' keeps its hedge, as does a main clause after a fronted
    phrase that ends its sentence ('By Friday, we may know.'; session 29).
    """
    k = i + 1
    while k < i + 3 and _low(tokens, k) in _ASIDE_BETWEEN:
        k += 1
    if _low(tokens, i - 1) == "you" and _low(tokens, k) in _READER_THOUGHTS:
        # the reader's own question or first thought: 'you might be wondering', 'You may think ...' (session 24)
        return True
    if _low(tokens, k) not in _KNOWING:
        return False
    # the aside's verb takes no object: the clause ends after it ('As fans may recall, ...'; not
    # 'shoppers may notice higher prices'), and no clause break parts it from its 'as'
    if k + 1 < len(tokens) and not _breaks(text, tokens[k], tokens[k + 1]):
        return False
    if _low(tokens, i - 1) in _ASIDE_PRONOUNS and i >= 2 and _breaks(text, tokens[i - 2], tokens[i - 1]):
        # set off without 'as': 'The 1920 election, we might recall, was a rout' (session 28); the
        # sentence goes on after it, else the clause is the main one ('By Friday, we may know.'; session 29)
        return k + 1 < len(tokens)
    for m in range(i - 1, max(0, i - ASIDE_SUBJECT) - 1, -1):
        if tokens[m].low == "as":
            return True
        if _breaks(text, tokens[m], tokens[m + 1]):
            return False
    return False


#: Words before the subject of a modal without its verb that make it a measure of effort
#: ('as much as she could', 'did all it could to', 'did what he could').
_EFFORT = frozenset({"as", "all", "everything", "anything", "whatever", "what", "best"})


def _elliptical(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True when the modal at ``i`` lacks its verb after an effort word and a subject ('as fast as he could.').

    What someone was able to do, no doubt (session 22); a modal with its verb, or an
    elliptical one elsewhere ('Prices could fall, or they might not'), is left alone.
    """
    nxt = i + 1
    if nxt < len(tokens) and not _breaks(text, tokens[i], tokens[nxt]) and tokens[nxt].low != "to":
        return False
    k = i - 2 if _low(tokens, i - 1) == "possibly" else i - 1
    return k >= 1 and _low(tokens, k - 1) in _EFFORT


#: Forms of 'wish': the modal of the clause it takes is counterfactual ('wish they could go back').
_WISH = frozenset({"wish", "wishes", "wished", "wishing"})
#: Words that end the look-back for 'wish': a clause opener, or 'to' of an infinitive ('wish to attend').
_WISH_STOPS = _CLAUSE_OPENERS | {"to"}


def _wished(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True when the modal at ``i`` is in the clause of a 'wish' ('make him wish the party could start again').

    A wish states what is not so, no doubt of the writer's or a source's. The subject between
    is at most :data:`TIME_SUBJECT` words, after an optional 'that', with no auxiliary, other
    clause opener, 'to' or clause break between ('wished for a team that could win', 'fans who
    wish to attend may need tickets' and 'the wish list could grow' keep their modals).
    """
    for k in range(i - 1, max(0, i - TIME_SUBJECT - 2) - 1, -1):
        low = tokens[k].low
        if low in _WISH:
            # the verb with a subject after it, not the noun ('the wish list could grow')
            return k < i - 1 and _low(tokens, k - 1) not in _DETERMINERS
        if _breaks(text, tokens[k], tokens[k + 1]) or low in _BE_OR_AUXILIARY or low in _WISH_STOPS:
            return low == "that" and _low(tokens, k - 1) in _WISH
    return False


#: Conjunctions whose clause's modal is ability in time, not doubt ('died before they could receive help').
_BEFORE_UNTIL = frozenset({"before", "until", "till"})
#: Most words of the subject between such a conjunction and the modal ('before the prime minister could').
TIME_SUBJECT = 4
#: Words that make 'before'/'until' an adverb of time, not the conjunction: 'Before long the river
#: may', 'Until then the road could', 'Until next year the plant may' (the modal is the main clause's).
_TIME_ADVERB_OPENERS = frozenset(
    {"long", "then", "now", "next", "last", "this", "that", "today", "tomorrow", "tonight", "soon", "later", "recently"}
)
#: Determiners: a second one in the "subject" marks a fronted time phrase and a main clause
#: ('Before the election the party could'), not one noun phrase ('before the mayor could').
_DETERMINERS = frozenset({"the", "a", "an", "these", "those", "his", "her", "their", "its", "our", "my", "your"})


def _time_or_purpose(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True when the modal at ``i`` follows 'before'/'until' or a purpose 'so' and a short subject.

    'both climbers died before they could receive care', 'waited until the crew could
    land', 'kept the photos back so they could sell them': what was possible then, or
    the aim. The subject is at most :data:`TIME_SUBJECT` words with no verb, clause
    opener ('said before the game that it might') or clause break between.
    """
    for k in range(i - 1, max(0, i - TIME_SUBJECT - 1) - 1, -1):
        low = tokens[k].low
        if _breaks(text, tokens[k], tokens[k + 1]) or low in _BE_OR_AUXILIARY or low in _CLAUSE_OPENERS:
            return False
        if low in _BEFORE_UNTIL:
            return k < i - 1 and _one_noun_phrase([tokens[m].low for m in range(k + 1, i)])
        if low == "so":
            return k == i - 2 and _purpose_so(tokens, k, i, text)
    return False


def _one_noun_phrase(words: Sequence[str]) -> bool:
    """True when ``words`` (after 'before'/'until', before the modal) can be one subject: no time adverb first, at most one determiner, first."""
    if words[0] in _TIME_ADVERB_OPENERS:
        return False
    return all(word not in _DETERMINERS for word in words[1:])


def _breaks(text: str, left: Token, right: Token) -> bool:
    """True when a clause break or a spaced dash stands between two adjacent tokens."""
    return clause_break(text, left, right) or dash(text, left, right)


def _purpose_so(tokens: Sequence[Token], k: int, i: int, text: str) -> bool:
    """True when 'so' at ``k``, a one-word subject and 'could' at ``i`` state an aim ('drove him there so he could see').

    A consequence the writer infers is left to hedge: 'so' after a clause break, a dash
    or 'and' ('the vote slipped, so it could be weeks', 'and so it could flood'), with
    'there' ('so there may still be hope') or a perfect ('so she may have felt'), and
    'may'/'might', which in news copy after 'so' infer rather than aim.
    """
    if k == 0 or _breaks(text, tokens[k - 1], tokens[k]) or tokens[k - 1].low in _COORDINATORS:
        return False
    return tokens[i].low == "could" and tokens[k + 1].low != "there" and _low(tokens, i + 1) != "have"


def _conditional(tokens: Sequence[Token], i: int) -> bool:
    """True when 'if' or 'unless' is within a few words of the modal at ``i`` ('if left unpatched, it could').

    The modal then states what follows from a condition (a risk, a rule), not what
    the writer doubts; 'as if' and 'even if' are not conditions of the modal.
    """
    for k in range(max(0, i - ROOT_WINDOW), min(len(tokens), i + ROOT_WINDOW)):
        if tokens[k].low in ("if", "unless") and _low(tokens, k - 1) not in ("as", "even"):
            return True
    return False


#: Words after a sentence-initial 'May' that make it the month or a name: a verb it is the subject
#: of ('May was busy', 'May saw record sales', 'May said the talks could fail'), a modal ('May could
#: be a difficult month': the modal never follows the modal), a conjunction or a range ('May and
#: June', 'May to July').
_MODALS = frozenset("could can would will might may should".split())
_MONTH_FOLLOWERS = (
    (BE - {"be", "been", "being"})
    | _MODALS
    | frozenset(read_list("speech_verbs"))
    | frozenset("must has had saw sees brought brings and or to through until last this".split())
)


#: Verbs of a view, a stance or knowing that after a concessive 'may' grant what someone holds or does
#: ('Critics may blame the heat, but ...', 'He may know his trade, but ...'); not 'feel', which as often
#: foretells an experience ('you may feel tired at first, but ...').
_GRANTED = frozenset(
    "think thinks believe say claim argue insist blame like love hate prefer dislike call regard disagree".split()
)
#: Verbs of knowing that grant only a thing of the person's own ('He may know his trade, but ...'): 'The
#: mayor may know about the leak, but he has said nothing' doubts what he knows (review s29q). 'want' grants
#: a thing wished for, not an act ('may want a new toy, but'; 'may want to sell the land, but' keeps its hedge);
#: 'see', 'consider' and 'agree' are as often a prospect ('Investors may see gains, but ...').
_GRANTED_OWN = frozenset({"know", "knows"})
_OWN = frozenset("his her their its our my your".split())
#: Most words read after the granted verb for the 'but/yet' of the point made against it.
CONCESSION_REACH = 20


def _conceded(tokens: Sequence[Token], i: int) -> bool:
    """True when 'may' at ``i`` grants a view or a stance before a 'but/yet' that answers it.

    'Critics may blame the heat, but the pipes were old', 'The professor may know his physics
    but how will he fare on stage?': the writer concedes what someone holds or does and makes a
    point against it, no doubt (session 29). The verb (:data:`_GRANTED`) follows the modal at once,
    and 'but' or 'yet' comes within :data:`CONCESSION_REACH` words, before any 'that' (a 'but'
    in the clause the verb takes is that clause's own); 'may well' and a verb of another kind
    ('Prices may rise, but wages will too') keep the hedge.
    """
    verb = _low(tokens, i + 1)
    own = verb in _GRANTED_OWN and _low(tokens, i + 2) in _OWN
    wish = verb in ("want", "wants") and _low(tokens, i + 2) != "to"  # 'may want the latest toy, but'
    if not (verb in _GRANTED or own or wish) or _low(tokens, i - 1) in ("it", "there", "this", "that"):
        return False
    for token in tokens[i + 2 : i + 2 + CONCESSION_REACH]:
        if token.low == "that":
            return False  # a 'but' after it is the granted claim's own ('may argue that it was no slur but')
        if token.low in ("but", "yet"):
            return True
    return False


def _modal_may(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'may' is a modal unless it is the month or a name: capitalised mid-sentence, or before a number.

    A sentence-initial 'May' before a verb it is the subject of, a conjunction, a range or a
    clause break is the month too ('May was a busy month', 'May, the busiest month, ...';
    session 24): the modal opens a sentence only in a question or a wish ('May I ask'). A
    concessive 'may' grants a view before a 'but' (:func:`_conceded`; session 29).
    """
    if _root_modal(tokens, i, text) or _conceded(tokens, i):
        return False
    tok, nxt = tokens[i], _low(tokens, i + 1)
    if tok.raw[0].isupper() and (i > 0 or tok.raw.isupper()):
        return False
    if tok.raw[0].isupper() and nxt and (nxt in _MONTH_FOLLOWERS or _breaks(text, tok, tokens[i + 1])):
        return False
    if tok.raw[0].isupper() and (not nxt or _is_number(nxt) or tokens[i + 1].capitalised):
        return False
    return not _is_number(nxt)


#: Subjects that negate a clause as 'not' does ('Nothing could be heard', 'No one could explain').
_NEGATIVE_SUBJECTS = frozenset({"nothing", "nobody", "none", "neither", "noone"})
#: Words between 'no' and a modal that keep one negated subject ('no other team could', 'no such deal could').
_NO_MODIFIERS = frozenset({"other", "such", "single"})


def _negative_subject(tokens: Sequence[Token], i: int) -> bool:
    """True when the modal at ``i`` has a negative subject: 'Nothing could be heard', 'no deal could be reached'.

    Like 'could not', it states what was impossible, no doubt (session 23). The subject is
    a negative pronoun, 'no' and one word ('no one', 'no deal', 'No longer could'), or 'no
    other/such/single' and a noun; 'in no time it could spread' keeps its hedge.
    """
    if _low(tokens, i - 1) in _NEGATIVE_SUBJECTS or _low(tokens, i - 2) == "no":
        return True
    return _low(tokens, i - 3) == "no" and _low(tokens, i - 2) in _NO_MODIFIERS


#: Participles after 'could have'/'might have' that tell what did not happen ('she could have died',
#: 'the crash could have been much worse', 'the deaths could have been avoided').
_AVERTED = frozenset({"died", "killed", "worse", "avoided", "prevented", "averted"})
#: Words between 'have' and such a participle ('could have been far worse', 'might have easily died').
_AVERTED_BETWEEN = frozenset({"been", "much", "far", "even", "a", "lot", "so", "easily", "well", "all"})
#: Most words between 'have' and the participle ('could have been a lot worse').
AVERTED_GAP = 4
#: Words after 'died'/'killed' that give a cause or a time, so the death happened and the doubt is
#: its cause or moment ('might have been killed by friendly fire', 'could have died within minutes').
_CAUSE_OR_TIME = frozenset({"by", "from", "of", "within", "after", "at", "on", "before", "during", "while", "when"})
#: Words that mark the sentence a counterfactual whatever follows the harm ('Without the brake, she could have
#: died within minutes', 'could have died on Tuesday, but a nurse was passing').
_COUNTERFACTUAL = frozenset({"without", "but", "otherwise", "if", "unless", "luckily", "fortunately"})


#: Words read on each side of 'could have ... died' for :func:`_unreal` (a bounded look, so linear).
UNREAL_REACH = 12


def _unreal(tokens: Sequence[Token], i: int, k: int) -> bool:
    """True when the modal at ``i`` and its harm at ``k`` are told as not having happened.

    A word of :data:`_COUNTERFACTUAL` within :data:`UNREAL_REACH` words before the modal or after
    the harm, or 'Had' opening a sentence that reaches the modal within as many words.
    """
    if i <= UNREAL_REACH and _low(tokens, 0) == "had":
        return True
    return any(token.low in _COUNTERFACTUAL for token in tokens[max(0, i - UNREAL_REACH) : k + UNREAL_REACH])


def _averted(tokens: Sequence[Token], i: int) -> bool:
    """True when 'could/might have' at ``i`` tells of harm that did not happen or was avoidable (session 23).

    'The driver could have died', 'It could have been much worse', 'The flooding could have been
    prevented': a counterfactual, what did not happen, no doubt. 'The fire could have been started
    by a heater' and 'He may have died at once' keep their hedges, and so does a death with its
    cause or time after it ('might have been killed by friendly fire', 'could have died within
    minutes of the attack': the death happened; its cause or moment is in doubt), unless the
    sentence says it did not (:func:`_unreal`: 'Without the brake, she could have died within minutes').
    """
    if _low(tokens, i + 1) != "have":
        return False
    for k in range(i + 2, min(len(tokens), i + 2 + AVERTED_GAP)):
        if tokens[k].low in _AVERTED:
            return (
                tokens[k].low not in ("died", "killed")
                or _low(tokens, k + 1) not in _CAUSE_OR_TIME
                or _unreal(tokens, i, k)
            )
        if tokens[k].low not in _AVERTED_BETWEEN:
            return False
    return False


#: Words after 'but' that say the option was not taken ('might have run but didn't', 'could have focused
#: on it but chose not to', 'could have won but lost'). A past verb of another kind continues a guess as
#: often as it replaces one ('might have originated in bats but jumped to humans', 'could have started
#: in the kitchen but was not discovered until dawn'; review s28r): the hedge stays.
_TAKEN_INSTEAD = frozenset("did didn't didnt never chose opted decided failed lost".split())
#: Words after 'could/might have' that make 'have' the main verb ('could have a big impact'), no perfect.
_HAVE_OBJECTS = _DETERMINERS | frozenset({"to", "no", "any", "some", "more", "much", "many", "little", "few", "two"})
#: Words read after 'could/might have' for the path taken instead (a bounded look, so linear).
NOT_TAKEN_REACH = 12


def _not_taken(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True when 'could/might have' + a participle at ``i`` names an option not taken ('could have won but fell').

    A counterfactual, what did not happen, no doubt (session 28): within
    :data:`NOT_TAKEN_REACH` words after the modal, 'instead', or 'but' and a word that says
    the option was not taken (:data:`_TAKEN_INSTEAD`: 'could have run but didn't', 'could
    have won but lost'), or the next sentence says what was done instead (:func:`_taken_next`,
    when the modal is among the sentence's last words: 'could have taken the train. Instead
    she drove.'; session 29). 'The fire could have started in the kitchen, but investigators
    ...' (a new subject), 'might have been involved but denied it' (a reaction), 'might
    have originated in bats but jumped to humans' (a guess carried on) and 'could have a
    big impact' (no perfect) keep their hedge.
    """
    if _low(tokens, i + 1) != "have" or _low(tokens, i + 2) in _HAVE_OBJECTS or not _low(tokens, i + 2):
        return False
    for k in range(i + 3, min(len(tokens), i + 3 + NOT_TAKEN_REACH)):
        low = tokens[k].low
        if low == "instead":
            return True
        if low == "but":
            after = _low(tokens, k + 1)
            return after in _TAKEN_INSTEAD
    return len(tokens) - i <= NOT_TAKEN_REACH + 3 and _taken_next(text, tokens[-1].end)


#: Characters read after a sentence for the opening of the next one (a bounded look, so linear).
NEXT_READ = 160
#: A sentence's end and the words that open the next one (up to its own end or the look's).
_NEXT_SENTENCE = re.compile(r"""[.!?]["'\u201d\u2019)]?\s+([^.!?]*)""")
_WORD = re.compile(r"[A-Za-z']+")


def _taken_next(text: str, end: int) -> bool:
    """True when the sentence after the one ending at ``end`` says what was done instead.

    'She could have taken the train. Instead she drove.' and '... But she chose the car.':
    'instead' (not 'instead of') within its first :data:`NOT_TAKEN_REACH` words, or 'But/Yet'
    opening it with a word of :data:`_TAKEN_INSTEAD` within three words (session 29).
    'The fire could have started in the kitchen. Investigators are still looking.' keeps its hedge.
    """
    match = _NEXT_SENTENCE.match(text, end, min(len(text), end + NEXT_READ))
    if match is None:
        return False
    words = [word.lower() for word in _WORD.findall(match.group(1))][:NOT_TAKEN_REACH]
    if words and words[0] in ("but", "yet", "and", "so"):
        words = words[1:]
    if not words:
        return False
    # the one who had the option does the other thing: 'Instead he drove', 'He drove instead', 'But she chose ...';
    # 'But investigators lost the evidence instead' is another's doing (review s29q)
    reach = len(words) if words[0] in _PRONOUN_SUBJECTS else 1
    for k, word in enumerate(words[:reach]):
        if word == "instead" and (k + 1 == len(words) or words[k + 1] != "of"):
            return True
    return match.group(1)[:4].lower() in ("but ", "yet ") and (
        words[0] in _TAKEN_INSTEAD or (words[0] in _PRONOUN_SUBJECTS and len(words) > 1 and words[1] in _TAKEN_INSTEAD)
    )


_PRONOUN_SUBJECTS = frozenset("i he she we they".split())


def _perceived(tokens: Sequence[Token], i: int) -> bool:
    """True for 'could be seen/heard' and a participle: what was visible or audible ('could be seen sweating').

    Past perception, no doubt (session 23); 'could be seen as a snub' and 'could be seen to
    favour' judge, and keep their hedge.
    """
    after = _low(tokens, i + 3)
    return (
        _low(tokens, i + 1) == "be"
        and _low(tokens, i + 2) in ("seen", "heard")
        and after.endswith("ing")
        and after not in _NOT_GERUNDS
    )


#: Superlatives without '-est' ('the best we could do', 'the most they could offer').
_SUPERLATIVES = frozenset("best worst most least fewest furthest farthest".split())
#: Nouns in '-est' that are no superlatives ('the interest we could earn').
_NOT_SUPERLATIVES = frozenset(
    "interest forest protest request contest conquest harvest inquest unrest arrest quest guest rest west"
    " nest chest honest modest earnest digest manifest behest suggest".split()
)
#: Subjects of the modal after such a superlative.
_LIMIT_SUBJECTS = frozenset({"we", "i", "they", "he", "she", "you"})


def _limit(tokens: Sequence[Token], i: int) -> bool:
    """True when 'could' at ``i`` follows 'the' + a superlative (+ one noun) (+ 'that') + a pronoun subject.

    'the smallest we could make', 'the best deal they could get', 'the fastest that she
    could run': the limit of what was possible, no doubt (session 24). A relative clause
    with no pronoun subject ('the largest rise that could happen') keeps its hedge.
    """
    if _low(tokens, i - 1) not in _LIMIT_SUBJECTS:
        return False
    k = i - 3 if _low(tokens, i - 2) == "that" else i - 2
    for m in (k, k - 1):
        low = _low(tokens, m)
        superlative = low in _SUPERLATIVES or (low.endswith("est") and len(low) > 5 and low not in _NOT_SUPERLATIVES)
        if superlative and _low(tokens, m - 1) == "the":
            return True
    return False


#: Verbs that after a person's 'could' state what the person was able to do, no doubt: a skill
#: ('she could swim', 'he could paint', 'they could speak French') or knowing ('almost all could
#: identify the leader', 'as far back as he could remember').
_ABILITIES = frozenset(
    "remember recall recognise recognize identify read spell swim imagine understand"
    " speak sing dance paint cook type sew knit ski skate juggle".split()
)
#: Of the skills, those that before one of these words are an event to come, not a skill ('She could speak
#: at the conference', 'He could sing at the final'; review s29q). 'draw' is none ('could draw criticism').
_SKILL_EVENTS = frozenset("speak sing dance".split())
_EVENT_PREPOSITIONS = frozenset("at to on about before for with".split())
#: Verbs of perception: they state what a person perceived after 'where/when' ('the window where
#: she could see'), after an adverb of degree ('could barely see', 'could clearly hear') or with an
#: '-ing' complement ('could hear the crowd chanting'), but not by themselves ('Investors could see gains').
_PERCEPTIONS = frozenset({"see", "hear", "watch", "smell", "feel", "taste", "sense"})
#: Subjects of such a 'could': persons, and the quantifiers of a polled group ('Almost all could name').
_ABLE_SUBJECTS = frozenset("i you he she we they who all everyone everybody anyone anybody".split())
#: Adverbs between 'could' and the verb that keep the ability ('could still remember', 'could just see').
_ABLE_ADVERBS = frozenset({"still", "just", "only", "even", "also", "easily", "clearly", "truly", "barely"})
#: Adverbs of degree that before a verb of perception make it what was perceived ('could barely see').
_PERCEIVED_DEGREE = frozenset({"clearly", "barely", "hardly", "faintly", "dimly", "distinctly"})
#: Words that may stand between 'could' and its verb of ability or perception.
_BEFORE_ABLE_VERB = _ABLE_ADVERBS | _PERCEIVED_DEGREE
#: Verbs of hope, expectation or belief: the 'could' of the clause they take is a prospect, not an
#: ability shown ('hope they could identify the cause', 'expected she could read the result').
_PROSPECT_VERBS = frozenset(
    "hope hopes hoped hoping expect expects expected expecting believe believes believed think thinks thought"
    " trust trusts trusted pray prays prayed".split()
)
#: Words read after a verb of perception for its '-ing' complement ('could hear the crowd chanting').
PERCEIVED_REACH = 4


def _perceiving(tokens: Sequence[Token], i: int, verb: int) -> bool:
    """True when the verb of perception at ``verb`` (after 'could' at ``i``) tells what was perceived.

    After 'where/when' and the subject, after an adverb of degree (:data:`_PERCEIVED_DEGREE`:
    'could barely see'), or with an '-ing' complement within :data:`PERCEIVED_REACH` words
    ('could hear the crowd chanting'; session 29).
    """
    if _low(tokens, i - 2) in ("where", "when") or _low(tokens, verb - 1) in _PERCEIVED_DEGREE:
        return True
    if tokens[verb].low == "see" and _low(tokens, i - 1) in ("we", "you"):
        return False  # 'We could see rates rising' foretells what may come (review s29q)
    for k in range(verb + 2, min(len(tokens), verb + 2 + PERCEIVED_REACH)):
        low = tokens[k].low
        if low.endswith("ing") and low not in _NOT_GERUNDS:
            return True
        if low in _CLAUSE_OPENERS or low in _BE_OR_AUXILIARY:
            return False
    return False


def _able(tokens: Sequence[Token], i: int) -> bool:
    """True when 'could' at ``i`` states what a person was able to do: 'she could swim', 'all could identify'.

    A person or a polled group as the subject (:data:`_ABLE_SUBJECTS`) and a verb of a skill or
    of knowing (:data:`_ABILITIES`), or of perception that tells what was perceived
    (:func:`_perceiving`): past ability, no doubt (sessions 28, 29). 'The plant could close',
    'they could face charges' and 'Investors could see gains' keep their hedge: the verb is none
    of those, or the subject no person; so does a 'could' in what is hoped, expected or believed
    (:data:`_PROSPECT_VERBS`: 'They hope they could identify the cause'; session 29).
    """
    if _low(tokens, i - 1) not in _ABLE_SUBJECTS:
        return False
    governor = i - 3 if _low(tokens, i - 2) == "that" else i - 2
    if _low(tokens, governor) in _PROSPECT_VERBS:
        return False
    verb = i + 2 if _low(tokens, i + 1) in _BEFORE_ABLE_VERB else i + 1
    low = _low(tokens, verb)
    if low in _ABILITIES:
        return low not in _SKILL_EVENTS or _low(tokens, verb + 1) not in _EVENT_PREPOSITIONS
    return low in _PERCEPTIONS and _perceiving(tokens, i, verb)


def _modal_could(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'could not'/'could never' is past inability, unless something 'could not be ruled out'.

    Nor is 'could' after a superlative and its pronoun subject a hedge (:func:`_limit`).
    """
    if tokens[i].low in ("couldn't", "couldnt") or _root_modal(tokens, i, text) or _limit(tokens, i):
        return False
    if _negative_subject(tokens, i) or _averted(tokens, i) or _perceived(tokens, i) or _able(tokens, i):
        return False
    if _not_taken(tokens, i, text):
        return False
    if _low(tokens, i + 1) not in ("not", "never", "hardly", "barely", "no"):
        return True
    verb = i + 3 if _low(tokens, i + 2).endswith("ly") else i + 2  # 'could not immediately confirm'
    if _low(tokens, i - 1) in ("we", "i") and _low(tokens, verb) in ("confirm", "say", "tell"):
        # the writer's own 'we could not confirm' hedges; 'the spokesman could not say' is his inability
        return True
    return any(_low(tokens, k) in _RULE_OUT for k in range(i + 2, i + 5))


#: Negated modals after which 'possibly' stresses the denial ('could not possibly', 'can't possibly').
_NEGATED_MODALS = frozenset("couldn't couldnt can't cant cannot wouldn't wouldnt won't".split())


def _possibly(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'possibly' hedges ('is possibly flawed'); after a negated modal it stresses the denial ('couldn't possibly know')."""
    before = _low(tokens, i - 1)
    if before in _NEGATED_MODALS or (_low(tokens, i + 1) in _MODALS and _elliptical(tokens, i + 1, text)):
        # 'as long as he possibly could': effort, as the modal's
        return False
    return not (before in ("not", "never") and _low(tokens, i - 2) in _MODALS)


def _modal_might(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'might' after a possessive or 'all' is the noun ('with all its might'); 'might have died' did not happen.

    Nor did 'might have' an option not taken (:func:`_not_taken`: 'might have won but fell').
    """
    if _low(tokens, i - 1) in _POSSESSIVES or _averted(tokens, i) or _not_taken(tokens, i, text):
        return False
    return not _root_modal(tokens, i, text)


def _feasible(tokens: Sequence[Token], i: int) -> bool:
    """True for 'possible' of feasibility or a maximum: 'possible to get', 'as much as is possible', 'never possible'.

    Session 23 (helper s23h6): 'it is possible to see the coast' says what can be done,
    'as fast as is possible' and 'the worst possible' name a maximum, 'was never possible'
    denies it; 'it is possible that' and 'possible to' before a number keep their hedge.
    """
    before = _low(tokens, i - 1)
    if _low(tokens, i + 1) == "to" and not _is_number(_low(tokens, i + 2)):
        return True
    if before in BE and _low(tokens, i - 2) == "as":
        return True
    return before in ("never", "worst") or _low(tokens, i - 2) == "never"


#: Words after 'possible' that show it predicative ('it is possible that', 'possible in theory',
#: 'possible if', 'possible now'), not before its noun.
_AFTER_PREDICATIVE = frozenset(
    "that to for in on at with by if when whether but and or though although because as so unless"
    " now again yet then here there under without through within given after before since only even also"
    " too enough".split()
)
#: Words before 'possible' that make it predicative ('it is possible the plan', 'seemed possible').
_LINKING = BE | frozenset(
    "seem seems seemed become becomes became remain remains remained look looks looked appear appears"
    " appeared think thinks thought deem deems deemed find finds found".split()
)
#: Nouns of what may come, after 'possible' and at most :data:`PROSPECT_REACH` - 1 modifiers: a
#: deal or a move ('a possible takeover bid', 'the possible move'), a candidacy ('a possible
#: running mate', 'possible Republican opponents'), a legal step ('a possible ten-year sentence'),
#: an outcome ('two possible outcomes'), a contest to come ('sets up possible contrasts', 'a possible
#: showdown'; session 29). 'future' marks a prospect whatever its noun. Nouns as often of
#: what is already there or past are none ('a possible sale of stolen goods last week', 'a possible
#: effect of the drug', 'a possible increase in fraud last year'; review s28r): they keep the hedge.
_PROSPECTS = frozenset(
    "future takeover takeovers bid bids offer offers merger mergers deal deals move moves step steps"
    " option options measure measures solution solutions scenario scenarios outcome outcomes consequence"
    " consequences route routes path paths candidate candidates"
    " nominee nominees contender contenders successor successors opponent opponents rival rivals suitor"
    " suitors mate buyer buyers appeal appeals sentence sentences prosecution charges penalty penalties"
    " fine fines ban return comeback exit resignation departure visit trip meeting matchup tie-up alliance"
    " collaboration victory defeat downfall reform reforms vote referendum strike strikes"
    " contrast contrasts clash clashes showdown showdowns confrontation confrontations".split()
)
#: Most words from 'possible' to its noun of what may come ('a possible 10 year jail sentence').
PROSPECT_REACH = 4


def _prospective(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True for 'possible' before its noun of what may come: 'a possible takeover', 'possible candidates'.

    Like 'potential' before a noun, it names a prospect the text is about ('talks over a
    possible offer', 'the possible move', 'a possible future prime minister', 'two possible
    outcomes'), no doubt of the writer's (session 28). Predicative 'possible' ('it is possible
    the deal fails', 'a deal seemed possible', 'possible in theory') and a noun of what is
    already there ('a possible cause', 'his possible involvement', 'a possible break-in')
    keep their hedge: the nouns of prospects are listed (:data:`_PROSPECTS`), within
    :data:`PROSPECT_REACH` words and before a clause break or a preposition.
    """
    nxt = _low(tokens, i + 1)
    if not nxt or clause_break(text, tokens[i], tokens[i + 1]) or nxt in _AFTER_PREDICATIVE:
        return False
    before = _low(tokens, i - 1)
    if before in _LINKING or before.endswith("'s") or (before.endswith("ly") and _low(tokens, i - 2) in _LINKING):
        return False
    for k in range(i + 1, min(len(tokens), i + 1 + PROSPECT_REACH)):
        if tokens[k].low in _PROSPECTS:
            return True
        if tokens[k].low in _AFTER_PREDICATIVE or (
            k + 1 < len(tokens) and clause_break(text, tokens[k], tokens[k + 1])
        ):
            return False
    return False


def _possible(tokens: Sequence[Token], i: int, text: str) -> bool:
    """Drop fixed phrases ('as soon as possible', 'made possible', 'best possible', 'of a possible five', 'all measures possible') and 'not possible'.

    So is 'possible' before its noun of what may come (:func:`_prospective`), and after 'make'
    and its object ('made the trip possible', 'making the impossible possible').
    """
    before = _low(tokens, i - 1)
    if before == "as" or before in _AFTER_POSSIBLE or before.endswith("est") or _feasible(tokens, i):
        return False
    if _prospective(tokens, i, text):
        return False
    if before in ("every", "all", "only") or _low(tokens, i + 1) == "as":
        return False
    if _low(tokens, i - 2) in ("every", "all") and before.endswith(("s", "effort", "step", "care")):
        # postposed after its noun, as after 'every/all': 'all measures possible', 'every effort possible' (session 19)
        return False
    if "not" in (_low(tokens, i - 2), _low(tokens, i - 3)) or before == "not":
        return False
    if before == "a" and _low(tokens, i - 2) == "of" and _is_number(_low(tokens, i + 1)):
        # a maximum, not a doubt: 'three of a possible five awards' (session 19)
        return False
    return not _made_possible(tokens, i, text)


#: Most words of the object between 'make' and 'possible' ('made the whole trip possible').
MADE_OBJECT = 3


def _made_possible(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True when 'possible' at ``i`` follows 'make' and at most :data:`MADE_OBJECT` words of its object, no clause break between.

    'made possible by', 'made it possible', 'made this book possible', 'making the impossible
    possible' (session 28: the object was at most one word before) say what was enabled, no doubt.
    """
    for k in range(i - 1, max(-1, i - MADE_OBJECT - 2), -1):
        if tokens[k].low in _MAKE:
            return True
        if _breaks(text, tokens[k], tokens[k + 1]):
            return False
    return False


def _subject_position(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True when token ``i`` opens a clause: first word, after a clause break or a conjunction, or 'there are'."""
    before = _low(tokens, i - 1)
    if i == 0 or clause_break(text, tokens[i - 1], tokens[i]) or before in _CLAUSE_OPENERS:
        return True
    if before in _COORDINATORS:
        # 'and'/'or' open a clause after a comma ('..., and many fear'); else they join nouns.
        return i >= 2 and clause_break(text, tokens[i - 2], tokens[i - 1])
    return _low(tokens, i - 1) in BE and _low(tokens, i - 2) == "there"


def _quantifier(tokens: Sequence[Token], i: int, text: str) -> bool:
    """A vague quantifier hedges as a generalising subject ('Some scholars hold ...', 'several are').

    'many' generalises in any position ('used in many laboratories', 'many of whom'),
    except before a unit of time ('for many years' is a duration);
    the others as objects mostly count things ('has some ideas', 'for several years'),
    and before 'time' or a unit of time measure a stretch of it ('Some time later she left').
    Before a number ('some 200', 'many 1990s cars') it is left out;
    'how many'/'as many as' ask or bound. Other than 'many', a partitive relative
    ('three men, some of whom were armed', 'some of which') picks out part of a group
    just named, no vague generalisation (session 19).
    """
    if _is_number(_low(tokens, i + 1)) or _low(tokens, i - 1) in ("how", "as", "so", "too"):
        return False
    if tokens[i].low not in ANY_POSITION and _low(tokens, i + 1) == "of" and _low(tokens, i + 2) in ("whom", "which"):
        return False
    if _examples_named(tokens, i) or _listed(tokens, i, text):
        return False
    if tokens[i].low == "some" and _low(tokens, i + 1) in _EXTENT:
        # a degree or a stretch of time, no vague group: 'some way below', 'some time later' (session 22)
        return False
    if tokens[i].low in ANY_POSITION and _low(tokens, i + 1) not in TIME_UNITS:
        return not _compared(tokens, i, text)
    if _low(tokens, i + 1) in _STRETCHES:
        # a stretch of time opening a clause ('Some time later ...', 'Some years ago ...'; session 22;
        # 'Some generations of farmers believe' is a group: review s22v)
        return False
    return _subject_position(tokens, i, text)


#: Most words from 'many more/fewer' to the 'than' of its comparison ('many more deaths than the flood').
COMPARISON_WINDOW = 8


def _compared(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True when 'many' at ``i`` intensifies a comparison: 'many more deaths than the flood' (session 23).

    The comparison is the claim, no vague quantity is hedged; 'many more were hurt', with no
    'than' in its clause, and 'many more than 200 were hurt', a number after 'than', still leave
    the number vague.
    """
    if _low(tokens, i + 1) not in ("more", "fewer", "less"):
        return False
    for k in range(i + 2, min(len(tokens), i + 2 + COMPARISON_WINDOW)):
        if _breaks(text, tokens[k - 1], tokens[k]):
            return False
        if tokens[k].low == "than":
            return not _is_number(_low(tokens, k + 1))
    return False


def _examples_named(tokens: Sequence[Token], i: int) -> bool:
    """True when the group after quantifier ``i`` is backed by named examples ('Many critics, notably Jo Roe')."""
    for k in range(i + 1, min(len(tokens) - 1, i + EXAMPLE_WINDOW)):
        if tokens[k].low in _EXAMPLE_MARKERS and tokens[k + 1].capitalised:
            return True
    return False


#: Words that may end the group before the colon of its list ('Some highlights include:', 'Some were:').
_LIST_VERBS = frozenset({"include", "includes", "included", "are", "were"})
#: Verbs of saying: a colon after one opens what the group says, no list ('Some Americans say: ...').
_SAYING = frozenset(read_list("speech_verbs"))
#: Words that end the group before a list's colon: a verb ('Many fans had one question:', 'Some
#: Americans say:'), a conjunction or a clause opener ('a threat many make but few keep:').
_NOT_IN_LABEL = ((_BE_OR_AUXILIARY | _SAYING) - _LIST_VERBS) | _COORDINATORS | {"but"} | _CLAUSE_OPENERS
#: Most words from the quantifier to the colon of its list ('Some of the best moments include:').
LISTED_REACH = 6
#: Words that open a verb's object inside a label ('Many voters want one thing:'), unless a preposition
#: comes before them ('Some highlights of the year:', 'Some tips for a better night:').
_LABEL_OBJECT_OPENERS = _DETERMINERS | frozenset({"one", "two", "three"})
_BEFORE_A_LABEL_NOUN = _PREPOSITIONS | frozenset({"about", "during", "after", "before", "into", "like"})


#: Words that may follow a plural noun inside a list's label ('Some tips for visitors:', 'Some
#: highlights include:', 'Some things to know:'); another word without '-s' is read as its verb.
_AFTER_LABEL_PLURAL = _BEFORE_A_LABEL_NOUN | _LIST_VERBS | frozenset({"to", "worth", "from"})


def _verb_after_plural(noun: str, word: str) -> bool:
    """True when ``word`` after the plural noun ``noun`` reads as its verb: 'questions remain', 'problems persist'.

    A plural noun ends in '-s' (not '-ss', '-us', '-is'); the word after it is no preposition
    or list verb (:data:`_AFTER_LABEL_PLURAL`), no plural noun itself ('sports stars') and no
    '-ly' adverb, so a label of nouns ('Some key facts:') reads as one and a clause
    ('Many questions remain:') does not.
    """
    plural = noun.endswith("s") and not noun.endswith(("ss", "us", "is"))
    if not plural or word in _AFTER_LABEL_PLURAL or not word.isalpha():
        return False
    return not word.endswith(("s", "ly"))


def _listed(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True when the group after quantifier ``i`` ends at a colon that opens its list: 'Some highlights:'.

    'The app offers many things: maps, music and games', 'Some of the best moments
    include: ...', a list's label 'Some highlights:' (session 28): the members follow, as after
    'notably' (:func:`_examples_named`), no vague group. The words up to the colon are at most
    :data:`LISTED_REACH`, with no verb but a last 'include/are/were', and no other clause
    break; 'Many fans had one question: ...' and 'Some Americans say: ...' keep their hedge, and so
    does a verb read by its object's opening word ('Many voters want one thing: ...') or by the
    plural noun before it ('Many questions remain: ...'; :func:`_verb_after_plural`, session 29).
    """
    if i + 1 >= len(tokens) or _breaks(text, tokens[i], tokens[i + 1]):
        return False
    for k in range(i + 1, min(len(tokens), i + LISTED_REACH)):
        low = tokens[k].low
        if low in _NOT_IN_LABEL or (low not in _LIST_VERBS and low.endswith("ed")):
            return False
        if low in _LABEL_OBJECT_OPENERS and k > i + 1 and tokens[k - 1].low not in _BEFORE_A_LABEL_NOUN:
            return False  # a verb's object: 'Many voters want one thing:' (session 28's review)
        if k > i + 1 and _verb_after_plural(tokens[k - 1].low, low):
            return False  # the group's verb: 'Many questions remain:' (session 29)
        end = tokens[k + 1].start if k + 1 < len(tokens) else tokens[k].end + 2
        if ":" in text[tokens[k].end : end]:
            return True
        if k + 1 < len(tokens) and _breaks(text, tokens[k], tokens[k + 1]):
            return False
    return False


def _most(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'most' hedges as a generalising subject ('most audiences'), not as a superlative ('the most')."""
    nxt = _low(tokens, i + 1)
    if _low(tokens, i - 1) in _MOST_BEFORE or not nxt or not _subject_position(tokens, i, text):
        return False
    return nxt == "of" or (nxt.endswith("s") and not nxt.endswith(("ly", "ous", "ss")))


#: Nouns after 'a certain' that name a particular, unstated measure ('a certain amount of money'), not a vague one.
_CERTAIN_MEASURES = frozenset({"amount", "number", "level", "kind", "type", "sort", "sum", "age"})


def _certain(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'certain' hedges as a determiner ('certain states'), not as 'sure' ('is certain that').

    Nor in 'a certain amount/number/level of' (session 23, helper s23h6): a particular
    measure left unstated; 'to a certain extent/degree' still hedges.
    """
    before = _low(tokens, i - 1)
    if before == "a" and _low(tokens, i + 1) in _CERTAIN_MEASURES:
        return False
    return before not in _CERTAIN_BOOSTER and _low(tokens, i + 1) not in _CERTAIN_AFTER


def _clause_adverb(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'fairly'/'relatively' hedge a following word; at a clause end they are manner ('treated fairly')."""
    return i + 1 < len(tokens) and not clause_break(text, tokens[i], tokens[i + 1])


def _potential(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'potential' hedges as the noun of possibility ('its potential to divide', 'the potential for abuse').

    Before a noun it means prospective ('potential investors', 'a potential peace deal',
    'potential policy'), the noun as capacity ('great potential in films') and the
    physics term ('potential energy') do not hedge either.
    """
    nxt = _low(tokens, i + 1)
    if not nxt or clause_break(text, tokens[i], tokens[i + 1]):
        return False
    if nxt == "for" and _low(tokens, i + 2) in _GAINS:
        # a capacity, not a risk: 'a strong potential for growth' (session 23, helper s23h6)
        return False
    return nxt in ("to", "for")


#: Nouns of gain after 'potential for': the noun of capacity ('the potential for growth').
_GAINS = frozenset({"growth", "development", "improvement", "expansion", "innovation", "success", "progress"})
#: Nouns after 'disputed' that name a place, a contest's call or a thing in dispute ('the disputed region').
_IN_DISPUTE = frozenset(
    "region regions territory territories island islands border borders frontier area areas zone enclave province "
    "land lands waters sea strait file files goal goals penalty decision election seat seats ballots estate "
    "race races court case cases call calls vote votes primary primaries leadership".split()
)


#: Words before 'disputed', 'contested' or 'debated' that make it an adjective of a claim's
#: standing ('a disputed claim', 'remains hotly contested', 'is debated'); after any other word
#: it is a verb ('Councillors debated for three hours', 'Ann Vell disputed the figures').
_DISPUTE_ADJECTIVE_AFTER = frozenset(
    "a an the this that these those its their his her our your such many some much more most much "
    "is are remains remain seems seem appears appear still of as and or".split()
)


def _disputed(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'disputed', 'contested', 'debated' hedge a claim ('disputed claims', 'the figures are disputed').

    Not a place or a call in dispute (session 23, helper s23h6: 'the disputed region', 'a
    disputed penalty', 'retrieve disputed files' name the object of a dispute). Review s25v:
    nor the verb ('Councillors debated for three hours', 'Ann Vell disputed the figures',
    'the motion was debated and passed', 'the seat will be contested'), nor a dispute
    credited to its party ('is disputed by the company'): they report a dispute, they cast
    no doubt of the writer's. The adjective stands first in its sentence, after a
    determiner, a present form of 'be' or 'remain', an adverb of degree ('hotly') or a verb
    whose object it describes ('repeated disputed claims'). A past or perfect 'be' reports a
    dispute ('the claim has been disputed because he cites no data', certain in CoNLL-2010's
    gold; review s25v2 asked for a hedge there, the evaluation data says no).
    """
    nxt = _low(tokens, i + 1)
    if nxt in _IN_DISPUTE or nxt == "by":
        return False
    before = _low(tokens, i - 1)
    return not before or before in _DISPUTE_ADJECTIVE_AFTER or before.endswith(("ly", "ed"))


def _unlikely(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'unlikely' hedges a prediction ('is unlikely to pass'); 'the unlikely venue' means surprising."""
    return _low(tokens, i - 1) not in _SURPRISING_BEFORE or _low(tokens, i + 1) in ("to", "that")


def _uncertain(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'uncertain' hedges a claim ('it is uncertain whether', 'the cause is uncertain').

    Not: 'remains uncertain' (a plain statement of the state of things), 'looked
    uncertain' (a person's manner), 'in no uncertain terms', 'an uncertain future'.
    """
    before, nxt = _low(tokens, i - 1), _low(tokens, i + 1)
    if nxt in _CERTAIN_AFTER or nxt in ("whether", "if"):
        return True
    if before in _UNCERTAIN_NOT_AFTER or before in _SURPRISING_BEFORE or nxt == "terms":
        return False
    return before in BE or before in ("seems", "appears", "is", "was")


def _topic_noun(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'speculation' hedges as a claim ('Speculation grew that'), not as a topic ('shut down the speculation').

    A topic's verb may stand before one modifier of the noun ('rejected newspaper speculation';
    session 29); 'amid market speculation that' keeps its hedge.
    """
    before = _low(tokens, i - 1)
    if before in _TOPIC_BEFORE or before.endswith("ed"):
        return False
    if i < 2 or not before.isalpha() or before in _NOT_MODIFIERS or _breaks(text, tokens[i - 2], tokens[i - 1]):
        return True
    # one modifier between the topic's verb and the noun: 'rejected newspaper speculation' (session 29)
    earlier = _low(tokens, i - 2)
    return earlier not in _TOPIC_VERBS and not earlier.endswith("ed")


#: Verbs among the words before 'speculation' that make it a topic ('deny', 'fuel'; not 'the', 'this').
_TOPIC_VERBS = _TOPIC_BEFORE - _DETERMINERS - {"this", "that", "such", "any"}
#: Words that are no modifier of a noun after them ('amid speculation', 'was speculation', 'and speculation').
_NOT_MODIFIERS = (
    _DETERMINERS | _PREPOSITIONS | _BE_OR_AUXILIARY | _CLAUSE_OPENERS | frozenset("amid amidst about over out".split())
)


#: Words after 'widely' that give a physical spread, not a judgement ('widely available', 'widely spaced',
#: 'widely circulated online'; session 29). Not 'shared', as often of views held ('a concern widely shared').
_SPREAD = frozenset(
    "available present spread distributed dispersed scattered separated spaced travelled traveled apart"
    " varied varying different differing circulated circulating".split()
)


def _manner(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'widely' hedges a judgement ('widely believed'); after a verb at a clause end it is manner ('vary widely').

    Before a word of physical spread ('widely available', 'still widely present') it
    measures extent, nobody's view.
    """
    nxt = _low(tokens, i + 1)
    if not nxt or clause_break(text, tokens[i], tokens[i + 1]):
        return False
    return nxt not in _PREPOSITIONS and nxt not in _SPREAD


def _in_general(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'in general' hedges a clause ('In general, ...', 'is in general'); after a noun it means 'as a whole'."""
    if _subject_position(tokens, i, text) or _low(tokens, i - 1) in _BE_OR_AUXILIARY:
        return True
    return i + 2 < len(tokens) and not clause_break(text, tokens[i + 1], tokens[i + 2])


#: Degree words before 'likely' that make 'likely to' compare chances ('are more likely to register').
_COMPARATIVES = frozenset({"more", "less", "most", "least"})


def _likely(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'likely' hedges a prediction ('is likely to pass', 'most likely caused by'), not a comparison of chances.

    'Women are more likely to retire in poverty', 'the candidate most likely to win',
    'less likely to register than owners': before 'to', after a comparative or superlative
    (or the cue 'most likely'), it ranks groups' or people's chances as a fact, no doubt
    of the writer's or the source's. 'more likely than not' and 'more likely, ...' keep theirs.
    """
    if tokens[i].low == "most":
        return _low(tokens, i + 2) != "to"
    if _polled(tokens, i):
        return False
    return _low(tokens, i + 1) != "to" or _low(tokens, i - 1) not in _COMPARATIVES


#: Nouns after 'likely' that make it a pollster's category ('8% of likely voters').
_ELECTORS = frozenset("voters voter caucusgoers caucus-goers electorate".split())
#: Lower-case words between 'likely' and such a noun ('likely primary voters'); capitalised ones
#: ('likely Democratic voters', 'likely GOP primary voters') pass as well.
_ELECTOR_MODIFIERS = frozenset({"primary", "general", "election", "women", "black", "young", "older", "first-time"})
#: Most words between 'likely' and the noun.
ELECTOR_GAP = 3


def _polled(tokens: Sequence[Token], i: int) -> bool:
    """True when 'likely' at ``i`` names a polling group: 'likely voters', 'likely Democratic caucusgoers' (session 23).

    The voters a poll counts as likely to vote, a term of the trade, no doubt; 'likely
    winners' and 'likely to vote' keep their hedge.
    """
    for k in range(i + 1, min(len(tokens), i + 2 + ELECTOR_GAP)):
        low = tokens[k].low
        if low in _ELECTORS:
            return True
        if not (tokens[k].capitalised or low in _ELECTOR_MODIFIERS):
            return False
    return False


#: Negations before a verb that make 'suggest' deny an indication ('did not suggest this').
_NEGATIONS = frozenset("not didn't doesn't don't didnt doesnt dont".split())


def _suggest(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'suggest' hedges a claim ('the data suggest'); negated ('did not suggest this') it denies one, no doubt.

    Nor does it hedge as 'propose' (session 22): before a gerund with its object
    ('suggested repainting the pier') or a clause with a bare 'be' ('suggested that they be
    jailed', :func:`_proposal`), nor after a preposition ('by suggesting a cut', 'after suggesting
    that ...'): what the main clause's subject did, reported (session 29).
    """
    if tokens[i].low == "suggesting" and _low(tokens, i - 1) in _GERUND_PREPOSITIONS:
        # 'caused a row by suggesting a discount', 'after suggesting that ...': what the main clause's
        # subject did, its proposal or its claim reported, no doubt of the writer's (session 29)
        return False
    return _low(tokens, i - 1) not in _NEGATIONS and not _proposal(tokens, i, text)


#: Prepositions before a gerund whose subject is the main clause's ('by suggesting', 'after suggesting').
_GERUND_PREPOSITIONS = frozenset("by after before for without while upon on in since".split())


#: Words after a gerund that make it take an object ('suggested repainting the pier', 'doubling the fund').
_OBJECT_OPENERS = frozenset("a an the his her their its our my your every more some this that these those".split())
#: '-ing' words that are no gerunds ('suggests something').
_NOT_GERUNDS = frozenset("nothing something anything everything thing things king during".split())
#: Most words of the subject of a proposed clause before its bare 'be' ('suggested President Jo Roe be').
PROPOSAL_SUBJECT = 4


def _proposal(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True when 'suggest' at ``i`` proposes: a gerund and its object, or a subject and a bare 'be'.

    'The minister suggested raising the levy', 'Critics suggested that he be sacked': a
    proposal, no claim to hedge; so is a subject and 'should' ('suggested that the council should
    pay', session 25). 'The data suggest rising demand' (a participle before a noun) and 'suggests
    it could be' (a modal before 'be') still hedge.
    """
    nxt = _low(tokens, i + 1)
    if nxt.endswith("ing") and len(nxt) > 4 and nxt not in _NOT_GERUNDS:
        return _low(tokens, i + 2) in _OBJECT_OPENERS and not _gerund_subject(tokens, i + 3, text)
    start = i + 2 if nxt == "that" else i + 1
    for m in range(start + 1, min(len(tokens), start + PROPOSAL_SUBJECT + 1)):
        if _breaks(text, tokens[m - 1], tokens[m]):
            return False
        if tokens[m].low == "be":
            return tokens[m - 1].low not in _BE_OR_AUXILIARY and tokens[m - 1].low not in ("to", "not", "never")
        if tokens[m].low == "should":
            # 'suggested the council should pay', 'suggesting someone should ask': what ought to be done (session 25)
            return True
    return False


#: Most words of a gerund's object read for the verb of a clause it is the subject of.
GERUND_OBJECT = 5


def _gerund_subject(tokens: Sequence[Token], start: int, text: str) -> bool:
    """True when an auxiliary or 'be' follows the gerund's object in its clause: the gerund is a subject.

    'The review suggests cutting the budget would harm schools' claims, hedged, what
    cutting would do; 'suggested repainting the pier' proposes (review s22v).
    """
    for m in range(start, min(len(tokens), start + GERUND_OBJECT)):
        if _breaks(text, tokens[m - 1], tokens[m]):
            return False
        if tokens[m].low in _BE_OR_AUXILIARY:
            return True
    return False


#: Object pronouns after 'I believe in' that make it trust or support, not a view ('I believe in him').
_TRUSTED = frozenset("him her them you me us it myself yourself himself herself ourselves themselves god".split())
#: Words after 'I believe in the' that make the phrase a time, so a view follows ('I believe in the end it will').
_TIME_AFTER_IN = TIME_UNITS | frozenset("end long short meantime future past coming next first last".split())


def _believe_in(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'I believe' hedges a claim; 'I believe in him' states trust or support (session 26).

    'I believe in' + an object pronoun, a name or a determiner and a noun that is no time
    states what the speaker trusts or supports; 'I believe in the end it will work' and
    'I believe in 2020 rates rose' keep their hedge (a time phrase, then the view); so
    would 'I believe in London prices will fall' if a place were not read as a name.
    """
    nxt, after = _low(tokens, i + 2), _low(tokens, i + 3)
    if nxt != "in" or not after:
        return True
    if after in _TRUSTED or (tokens[i + 3].capitalised and not _is_number(after) and after not in _CALENDAR_WORDS):
        return False
    return not (
        after in _DETERMINERS
        and _low(tokens, i + 4) not in _TIME_AFTER_IN
        and not _is_number(_low(tokens, i + 4))
        and not _clause_after(tokens, i + 5)
    )


#: Subjects that open the view after 'I believe in' + a place or frame ('in my heart he is').
_VIEW_SUBJECTS = frozenset("he she it they we you i there".split())
#: Verbs that, right after such a subject and with words after them, make it a clause, no relative one.
_CLAUSE_VERBS = BE | _MODALS | frozenset({"must", "shall"})


def _clause_after(tokens: Sequence[Token], j: int) -> bool:
    """True when a clause starts at token ``j``: a subject pronoun, or 'the' + a noun, then 'be' or a modal, then more.

    'I believe in my heart he is innocent', 'I believe in the US the law is different'
    (review of session 26); a relative clause that ends at its verb ('the people we serve',
    'the man he is') is none.
    """
    verb = j + 1 if _low(tokens, j) in _VIEW_SUBJECTS else j + 2 if _low(tokens, j) == "the" else -1
    return verb > 0 and _low(tokens, verb) in _CLAUSE_VERBS and bool(_low(tokens, verb + 1))


#: Capitalised words after 'in' that make it a time, not a name ('I believe in January it rose').
_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter".split()
)


#: Auxiliaries that open a yes/no question ('Will the plan seem fair?', 'Does it seem right?').
_QUESTION_OPENERS = frozenset("will would does do did can could should shall".split())


def _seem(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'seem' hedges a claim ('They seem tired'); in a yes/no question it asks how something will look.

    'Will the minister seem prepared?', 'Does the fee seem fair?': an auxiliary opens the
    sentence and a question mark ends it; the writer asks and asserts nothing (session 29).
    A negated opener ('Doesn't it seem odd?') puts the writer's own view, and keeps the hedge.
    """
    if tokens[0].low not in _QUESTION_OPENERS or any(t.low in _EMBEDDERS for t in tokens[1:i]):
        return True  # 'Do you know why the figures seem wrong?' asks of a clause that holds the hedge (review s29q)
    return "?" not in text[tokens[-1].end : tokens[-1].end + 3]


#: Words that open a clause inside a question, whose 'seem' is the clause's own.
_EMBEDDERS = _CLAUSE_OPENERS | frozenset("why how if whether what".split())


SENSE_FILTERS: dict[str, Callable[[Sequence[Token], int, str], bool]] = {
    "seem": _seem,
    **dict.fromkeys(("suggest", "suggests", "suggested", "suggesting"), _suggest),
    "may": _modal_may,
    "could": _modal_could,
    "couldn't": _modal_could,
    "couldnt": _modal_could,
    "might": _modal_might,
    "possibly": _possibly,
    "possible": _possible,
    **dict.fromkeys(QUANTIFIER_CUES, _quantifier),
    "most": _most,
    "certain": _certain,
    **dict.fromkeys(_CLAUSE_ADVERBS, _clause_adverb),
    "potential": _potential,
    **dict.fromkeys(("disputed", "contested", "debated"), _disputed),
    "unlikely": _unlikely,
    **dict.fromkeys(("likely", "most likely"), _likely),
    "uncertain": _uncertain,
    "speculation": _topic_noun,
    "widely": _manner,
    "in general": _in_general,
    "i believe": _believe_in,
}


#: Characters between two words that may end a sentence or a clause between them.
_OPENING_BREAKS = CLAUSE_BREAKS | frozenset(".!?…\n")
#: Marks before a capital that open a quoted sentence rather than continue a title.
_QUOTING = frozenset("\"“‘':")
#: Words after which :func:`_subject_position` may hold without a break before the word.
_BEFORE_SUBJECT = _CLAUSE_OPENERS | _COORDINATORS | BE


def _may_open_clause(lows: Sequence[str], text: str, starts: Sequence[int], ends: Sequence[int], k: int) -> bool:
    """False when word ``k`` of a field is in subject position (:func:`_subject_position`) in no sentence.

    Between two words of one sentence without a clause break, it takes a word before
    that opens a clause; the first word of a sentence has a full stop or a line break
    between it and the word before.
    """
    if k == 0 or lows[k - 1] in _BEFORE_SUBJECT:
        return True
    return not _OPENING_BREAKS.isdisjoint(text[ends[k - 1] : starts[k]])


def _may_be_most(lows: Sequence[str], text: str, starts: Sequence[int], ends: Sequence[int], k: int) -> bool:
    """False when :func:`_most` keeps 'most' (word ``k`` of a field) in no sentence: it needs a plural or 'of' next."""
    if k + 1 >= len(lows) or not _may_open_clause(lows, text, starts, ends, k):
        return False
    nxt = lows[k + 1]
    return nxt == "of" or (nxt.endswith("s") and not nxt.endswith(("ly", "ous", "ss")))


#: For one-word cues whose sense filter keeps few matches, a test on the field's words that
#: is false where the filter drops the cue in every sentence (only ever too generous).
CUE_GATES: dict[str, Callable[[Sequence[str], str, Sequence[int], Sequence[int], int], bool]] = {
    **{word: _may_open_clause for word in QUANTIFIER_CUES if " " not in word and word not in ANY_POSITION},
    "most": _may_be_most,
}


def _in_title(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True for a capitalised cue inside a run of capitalised words: a title or a name ('If I Could Turn Back Time').

    A capital after a quotation mark or a colon starts a quoted sentence instead.
    """
    if i == 0 or not tokens[i].raw[:1].isupper():
        return False
    if not _QUOTING.isdisjoint(text[tokens[i - 1].end : tokens[i].start]):
        return False
    return tokens[i - 1].capitalised or (i + 1 < len(tokens) and tokens[i + 1].capitalised)


def match_cues(
    tokens: Sequence[Token],
    lexicon: Lexicon,
    text: str,
    skip: set[int],
    lows: Sequence[str] | None = None,
    opening: Iterable[int] | None = None,
) -> list[tuple[int, int, Cue]]:
    """Non-overlapping hedge cues as ``(first, last + 1, cue)`` token ranges, longest first.

    Tokens in ``skip`` (already part of an attribution) start no cue. Only tokens that
    begin some cue are tried; a kept cue's words start no other. ``lows``, when given, is
    the tokens' lower-cased forms. ``opening``, when given, is the tokens where a cue may
    start, in order: at least every cue of one word and every first word of a cue of
    several words whose words all follow (the detector has them from the field's words,
    :attr:`Lexicon.cue_anchors`); the other first words of cues ("to", "a", "in" without
    the rest of a cue) start none and are not tried.
    """
    found: list[tuple[int, int, Cue]] = []
    lookup, bigrams = lexicon.cue_lookup, lexicon.cue_bigrams
    lows = list(map(LOW, tokens)) if lows is None else lows
    last = len(lows) - 1
    free = 0
    if opening is None:
        opening = list(compress(count(), map(lookup.__contains__, lows)))
    for i in opening:
        if i < free or i in skip:
            continue
        low = lows[i]
        lengths, by_words = lookup[low]
        if i < last and (low, lows[i + 1]) not in bigrams:
            # No cue of several words opens with these two (most "to", "a", "in" ...): one word or none.
            cue = by_words.get((low,))
            if cue is None:
                continue
        else:
            for n in lengths:
                cue = by_words.get(tuple(lows[i : i + n]))
                if cue is not None:
                    break
            else:
                continue
        keep = SENSE_FILTERS.get(" ".join(cue.words))
        if _in_title(tokens, i, text):
            continue
        if keep is None or keep(tokens, i, text):
            found.append((i, i + len(cue.words), cue))
            free = i + len(cue.words)
    return found
