"""Speakers of quotations that no verb of saying stands beside (SRC001 and the quotation features).

A quotation is credited when a verb of saying or "according to" lies near it, or a name is
set off right before it (:mod:`copydesk.plugins.sourcing.features`). More readings credit it
here, each a short look around the quotation (at most :data:`PREVIOUS_REACH` characters, so
the whole text is read in linear time):

- the clause that holds it opens with a named subject, a definite role ("the prime
  minister") or he/she/they and a verb of any kind ("Ann Cole thanked the crew and "..."",
  "He replies: "...""), or it lies in the relative clause of a name ("Beijing, which
  described ... as a "...""), or the quotation is followed by its speaker (""...," he
  joked", ""...," Mr Bootle.");
- it opens a sentence after one whose subject is such a speaker ("Mr Gates said that ... .
  "...""), unless that sentence tells of something done to the subject ("Jo Roe died ...",
  "was booed"), names a storm, or the quotation speaks of the subject ("... a wanted man. "He
  is armed ..."");
- the next sentence opens with a speaker and a verb of saying ("... "...". She said ...");
- it goes on with the previous speaker's quotation: it comes right after that quotation (or
  after only its speaker's tag, ""...," he joked. "..."", or opens the sentence after the
  rest of that quotation's sentence), or it opens a sentence or paragraph after a quotation
  left unclosed (British copy opens each paragraph of a long quotation with a mark and
  closes only the last), or it opens the paragraph after one that opened with a credited
  quotation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from copydesk.plugins.sourcing import patterns as p

#: Characters read back for the start of a quotation's sentence, or ahead for its end.
REACH = 200
#: Characters read back for the sentence before a quotation that opens a sentence.
PREVIOUS_REACH = 300
#: Words after a subject that are no verb of it (the name is part of a longer phrase), copulas allowed.
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
    "after before than as the a an over about against across under amid despite without within through "
    "toward towards among around behind beyond during upon via".split()
)
#: Words after a subject that show the name is part of a longer phrase (copulas are verbs here).
NOT_A_PREDICATE = NOT_A_VERB - {"is", "are", "was", "were", "be", "been", "being", "am"}
#: Role nouns a definite speaker is named by ("the prime minister", "The England coach"): the titles, and clergy.
ROLE_WORDS = (*p.TITLE_WORDS, "cardinal", "archbishop", "bishop", "pope", "star", "hopeful", "candidate", "nominee")
#: Nouns of a body or a document that speaks in its own words ("the festival praises him for his "..."",
#: "The report recommends "..."").
SOURCE_WORDS = (
    "report study survey review statement document code rules guidelines festival committee commission council "
    "board panel inquiry campaign court tribunal union association federation organisation organization institute agency "
    "ministry department foundation charity embassy government police watchdog regulator"
).split()
ROLE_AND_SOURCE_WORDS = (*ROLE_WORDS, *SOURCE_WORDS)
#: A speaker's name (:data:`~patterns.SPEAKER_NAME`: "DiCaprio" too).
_NAME = p.SPEAKER_NAME
#: :data:`_NAME` without its groups, for a second name in one pattern ("Certified Dog Trainer, Ann Cole shared").
_NAME2 = re.sub(r"\(\?P<\w+>", "(?:", _NAME)
#: Role nouns of sport and the arts that end a role of several words before a name ("Double try scorer NAME").
DESCRIPTOR_WORDS = (
    *ROLE_WORDS,
    *"boss striker midfielder defender winger scorer goalkeeper keeper forward player champion skipper star "
    "fly-half scrum-half full-back winner runner driver rider singer actor actress presenter star".split(),
)
#: Words that show a phrase before a role noun is no speaker's title ("the attack on the mayor").
_FUNCTION_WORD = "(?:of|on|in|at|for|with|by|from|to|and|or|the|a|an|against|about)"
_NOT_WORD_AFTER = r"(?![\w'’\-])"
#: A definite role as a speaker: "the", at most three words, a role noun ("the prime minister", "the cardinal").
_ROLE = (
    rf"(?P<role>the\s(?:(?!{_FUNCTION_WORD}\s)[A-Za-z][\w'’\-]*\s){{0,3}}?(?:{'|'.join(w for word in ROLE_AND_SOURCE_WORDS for w in (word, word.capitalize()))}))"
    + _NOT_WORD_AFTER
)
_ROLE_OPENING = _ROLE.replace("the", "[Tt]he", 1)
#: Nouns of people who speak, named by an indefinite phrase ("one insider", "a spokesman", "some protesters").
PERSON_WORDS = (
    *ROLE_AND_SOURCE_WORDS,
    *"source insider aide adviser advisor friend pal tipster confidant confidante witness resident expert observer "
    "member supporter critic fan neighbour neighbor colleague relative worker employee teacher doctor parent "
    "student voter protester demonstrator campaigner activist citizen man woman person people men women manifesto "
    "mole".split(),
)
#: The verbs with which an indefinite source credits a quotation (its own clause's, after it, or the sentence
#: before's): the verbs of saying and of voicing ("chanted", "spilled", "called it"); "pointed"/"points" only
#: before "out". With any other verb ("That man bought the "..."", "A fan threw a bottle. "..."") it does not.
INDEFINITE_SAY_VERBS = p.SAY_WORDS | frozenset(
    "chant chants chanted shout shouts shouted yell yells yelled cry cries cried scream screams screamed sing sings "
    "sang whisper whispers whispered call calls called describe describes described brand brands branded dub dubs "
    "dubbed spill spills spilled spilt reveal reveals revealed joke jokes joked quip quips quipped suggest suggests "
    "suggested agree agrees agreed concede concedes conceded complain complains complained put puts mutter mutters "
    "muttered sigh sighs sighed laugh laughs laughed exclaim exclaims exclaimed boast boasts boasted "
    # the verbs of saying of tag and gossip copy ("sources tell the paper", "an insider tattled:", "the pal
    # shared:", ""...," continues the friend"):
    "tell add note insist explain admit confess confesses confessed tattle tattles tattled dish dishes dished gush "
    "gushes gushed divulge divulges divulged continue continues continued share shares shared snitch snitches "
    "snitched blab blabs blabbed disclose discloses disclosed".split()
)
#: Whom a source is close to or a friend of, after its noun ("a source close to the pair", "the pal close to
#: Ann Cole", "a friend of the pop singer"): "close to" or "of", maybe "the" or a possessive pronoun, one or
#: two words (the second no verb of saying: "a source close to the pair shares"), then a verb of saying (not
#: "Ms Cole, a friend of the club captain, later disclosed": there the name and its appositive are the subject).
_SAY_VERB_AHEAD = rf"(?:{'|'.join(sorted(INDEFINITE_SAY_VERBS, key=len, reverse=True))})(?![\w'’\-])"
_CLOSE_TO = (
    r"(?:\s(?:close\sto|of)\s(?:(?:the|his|her|their)\s)?[A-Za-z][\w'’\-]*+"
    rf"(?:\s(?!{_SAY_VERB_AHEAD})[A-Za-z][\w'’\-]*+)?(?=\s(?:(?:has|had|have|also|then|later)\s)?{_SAY_VERB_AHEAD}))?"
)
#: An indefinite source: "a", "one", "another", "this", "some", ..., up to three words, a person noun (maybe
#: plural): "one insider", "another senior economic adviser", "some protesters". The quotation is then
#: attributed, if not to a name (as with "a spokesman said" beside it, which the verb of saying credits).
_INDEFINITE = (
    rf"(?P<indefinite>(?:an?|one|another|this|that|some|two|three|several|many)\s"
    rf"(?:(?!{_FUNCTION_WORD}\s)[A-Za-z][\w'’\-]*+\s){{0,3}}?(?:{'|'.join(PERSON_WORDS)})(?:s|es)?)(?![\w'’\-])"
    + _CLOSE_TO
)
_INDEFINITE_OPENING = _INDEFINITE.replace(
    "(?:an?|one|another|this|that|some|", "(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]his|[Tt]hat|[Ss]ome|", 1
)
#: A definite person after a quotation: "the", up to three words and a noun of :data:`PERSON_WORDS`,
#: maybe plural (""...," the insider divulged", ""...!" the protesters chanted"): a role, a body or
#: any person the copy has named before, the tag's subject.
_DEFINITE_PERSON = (
    rf"(?P<role>the\s(?:(?!{_FUNCTION_WORD}\s)[A-Za-z][\w'’\-]*+\s){{0,3}}?(?:{'|'.join(PERSON_WORDS)})(?:s|es)?)"
    + _NOT_WORD_AFTER
    + _CLOSE_TO
)
#: A definite person who credits a quotation only with a verb of saying, as an indefinite source does
#: (:data:`INDEFINITE_SAY_VERBS`): the subject of the quotation's clause or of the sentence before ("The pal
#: shared: "..."", "The same source confessed ... ."), or after the verb of a tag (""...," continues the friend").
_DEFINITE_SAYER = _DEFINITE_PERSON.replace("(?P<role>the", "(?P<person>the", 1)
_DEFINITE_SAYER_OPENING = _DEFINITE_SAYER.replace("the", "[Tt]he", 1)
#: Unnamed sources in the plural with no article, after a quotation (""...," sources tell the paper"), only with
#: a verb of saying.
_BARE_SOURCES = (
    r"(?P<bare>(?:sources|insiders|friends|pals|aides|witnesses|residents|neighbours|neighbors|fans|critics|experts|"
    r"observers|officials)(?![\w'’\-])" + _CLOSE_TO + ")"
)
_APPOSITIVE = r"(?:,\s[^,.;:!?\n]{1,80},)?"
_AUXILIARY = r"(?:(?:has|had|have|will|would|could|can|may|might|should|did|does|do|also|later|then|still|now|never|just|already|even)\s){0,2}"
_OPENER = r"(?:(?:And|But)\s)?(?:[Tt]hen\s)?"
#: An introductory phrase before a clause's subject ("Accepting the prize, ...").
_INTRODUCTION = r"(?:[^,\n\"“]{1,150},\s){0,2}"
#: A time phrase before a clause's subject with no comma ("Last season he ...", "Earlier this year Ann Cole ...").
_TIME = r"(?:(?:Last|Next|This|Earlier|Later)(?:\s[a-z]++){0,2}\s)?"
#: Capitals before a name, an organisation's initials ("TUC General Secretary Brendan Barber").
_INITIALS = r"(?:[A-Z]{2,6}\s)?"
#: A role of two to four words before a name, the first capitalised and the last a role noun
#: ("Double try scorer Ann Cole", "Wales coach Ann Cole"; not "In the end", a word of :data:`NOT_A_SUBJECT`;
#: no word between ending in "ed" or "s", a verb: "Okafor praised director Ann Cole").
_DESCRIPTOR = (
    rf"(?:(?!(?:{'|'.join(sorted(NOT_A_SUBJECT))})\s)[A-Z][\w'’\-]*+\s(?:(?![a-z]*+(?<=ed|[a-z]s)\s)[a-z][\w'’\-]*+\s){{0,2}}?"
    rf"(?:{'|'.join(DESCRIPTOR_WORDS)})\s(?=[A-Z]))?"
)
#: No preposition as a subject's verb: the match tries another reading of the clause's start ("Ms Cole, a
#: friend of ..., later disclosed": not "a friend" and "of").
_NO_PREPOSITION = rf"(?!(?:{'|'.join(sorted(NOT_A_PREDICATE))})(?![\w'’\-]))"
#: A clause's subject and its verb: he/she/they, a role, a source or a name (with an appositive: "The campaign,
#: in its leaflet, put it"), maybe after an introduction.
SUBJECT = re.compile(
    rf"\s*{_INTRODUCTION}{_OPENER}{_TIME}(?:(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey)(?P<contracted>['’](?:s|re|ve|d|ll))?|(?:{_ROLE_OPENING}|{_INDEFINITE_OPENING}|{_DEFINITE_SAYER_OPENING}){_APPOSITIVE}|{_INITIALS}{_DESCRIPTOR}{_NAME}{_APPOSITIVE},?)"
    rf"\s{_AUXILIARY}{_NO_PREPOSITION}(?P<verb>[a-z][a-z'’\-]*+)"
)
#: "It was NAME who ...": a cleft sentence, its subject the name ("But it was Ann Cole who took the stage").
CLEFT = re.compile(rf"\s*{_OPENER}[Ii]t\s(?:was|is)\s(?:{_ROLE}|{_NAME})\swho\s{_AUXILIARY}(?P<verb>[a-z][a-z'’\-]*+)")
#: A speaker and verb right after a quotation that ends in a comma, "?" or "!" (""...," he joked").
SPEAKER_AFTER = re.compile(
    rf"\s(?:(?P<pronoun>he|she|they|it)|{_DEFINITE_PERSON}|{_INDEFINITE}|{_BARE_SOURCES}|{_NAME}(?:{_APPOSITIVE}|,\s{_NAME2}))\s{_AUXILIARY}(?P<verb>[a-z][a-z'’\-]*+)"
)
#: A name and the relative clause it is the subject of ("Rooney, who believes "..."", "Beijing, which described").
RELATIVE_SUBJECT = re.compile(
    rf"(?<![\w'’])(?:{_NAME}|(?P<initials>[A-Z]{{2,8}}))\)?,\s(?:who|which)\s{_AUXILIARY}(?P<verb>[a-z][a-z'’\-]*+)"
)
#: A speaker's name alone after a quotation, the verb left out (""...," Mr Bootle.").
NAME_ALONE = re.compile(rf"\s{_NAME}\.")
#: Prepositions of where or when a speaker spoke, after a tag's name (""...," yelled Ann Cole at the rally").
_WHERE_SAID = "(?:at|in|on|during|outside|inside|after|before|from|to)"
#: A verb and the speaker after it, right after a quotation (""...," agreed Ann Cole.", ""...," yelled Ann Cole at
#: the rally").
VERB_THEN_SPEAKER = re.compile(
    rf"\s(?P<verb>[a-z][a-z'’\-]*+)\s(?:{_INDEFINITE}|{_DEFINITE_SAYER}|{_NAME})(?=[.,;]|\s{_WHERE_SAID}\s)"
)
#: A verb of saying (or a verb and "out") and a speaker named after a role of up to six words
#: (""...," points out former Olympian and BBC pundit Ann Cole.").
VERB_THEN_ROLE_AND_SPEAKER = re.compile(
    rf"\s(?P<verb>(?:{p.SAY_TRIE})|[a-z]++\sout)\s(?:[A-Za-z][\w'’\-]*+\s){{1,6}}?{_NAME}(?=[.,;])"
)
#: A sentence that opens with a speaker and a verb of saying ("She said", "Ann Cole added").
SPEAKER_SAYS = re.compile(
    rf"\s*{_OPENER}(?:(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey)|{_ROLE_OPENING}|{_NAME}{_APPOSITIVE})\s"
    rf"(?:(?:also|later|then|has|had)\s)?(?:{p.SAY_TRIE})\b"
)
#: A speaker's tag between two quotations of theirs (""...," he joked. "...", ""...", he said, "...").
TAG = re.compile(
    rf",?\s*(?:(?P<pronoun>he|she|they)|{_ROLE}|{_NAME}{_APPOSITIVE})\s{_AUXILIARY}(?P<verb>[a-z][a-z'’\-]*+)[.,:]?\s*"
)
#: A speaker's tag with the verb first between two quotations of theirs (""...," agreed Ann Cole. "...").
VERB_THEN_TAG = re.compile(rf"\s*(?P<verb>[a-z][a-z'’\-]*+)\s(?:{_DEFINITE_SAYER}|{_NAME})[.,:]?\s*")
#: What ends the clause that holds a quotation between its subject's verb and the quotation (", and" then
#: "a"/"an" goes on with a list of what the verb took: "praises his "...", and a "..."").
CLAUSE_BREAK = re.compile(
    r";|,\s(?:and\b(?!\san?\s)|but\b|or\b)|\b(?:who|whom|whose|which|when|while|whereas|after|before|because|although|though"
    r"|since|unless|if|but|where|until|once)\b"
)

#: Nouns of what someone said, after a possessive name ("Mr Smith's suggestion that ...").
SPEECH_NOUNS = (
    "suggestion suggestions claim claims comment comments remark remarks words view views description warning "
    "warnings statement promise pledge plea insistence argument assertion message response reply admission "
    "proposal call answer letter tweet email memo"
).split()
#: A possessive name and a noun of saying, maybe after up to four words ("Mr Smith's suggestion", "Okafor's
#: absurd and inaccurate claim").
POSSESSIVE_SPEAKER = re.compile(
    rf"(?<![\w'’])(?:(?P<name>[A-Z][\w'’\-]*+(?:\s[A-Z][\w'’\-]*+){{0,3}})|{_ROLE_OPENING.removesuffix(_NOT_WORD_AFTER)}['’]s)\s(?:[a-z]++\s){{0,4}}"
    rf"(?:{'|'.join(SPEECH_NOUNS)})(?![\w'’\-])"
)
#: Verbs of an "as NAME puts it" clause.
AS_VERBS = "put puts points pointed noted notes observed observes said says wrote writes argued argues remarked".split()
#: "as NAME points out", "As Ann Cole of the Grantley society put it": a speaker in an as-clause, maybe with
#: a phrase of up to 60 characters ("of ...", "at ...") or an appositive set off by commas (its stops no
#: sentence's end: "As Ann Cole, the No. 2 at the firm, put it") between the name and the verb.
AS_SPEAKER = re.compile(
    rf"(?<![\w'’])[Aa]s\s(?:(?P<pronoun>he|she|they)|{_ROLE}|(?:[Tt]he\s[A-Z][a-z]*+['’]s\s)?{_NAME})"
    rf"(?:\s(?:of|at|from)\s(?:[^,;:!?\n\"“.]|\.(?=\S)){{1,60}}?|,\s[^,;:!?\n\"“]{{1,60}},)?\s(?:{'|'.join(AS_VERBS)})(?![\w'’\-])"
)
#: What may stand between a quotation and an as-clause that credits it (""..." as he put it", ""...", as").
AS_AFTER = re.compile(r",?\s(?=[Aa]s\s)")
#: "per" and a source, anywhere before a quotation in its sentence ("Per Ann Cole's recollections, the crew spent
#: the night "..."", "per the report", "per a source close to him"): "per" as "according to".
PER_SPEAKER = re.compile(rf"(?<![\w'’\-])[Pp]er\s(?:{_ROLE}|{_INDEFINITE}|(?:[Tt]he\s)?{_NAME})(?![\w\-])")
#: Verbs of saying in "-ing" after "with NAME" ("with Mr Kennedy stressing that ...").
WITH_VERBS = (
    "stressing saying insisting arguing warning adding claiming calling describing urging pointing noting "
    "telling suggesting promising accusing vowing branding dismissing asking"
).split()
WITH_SPEAKER = re.compile(
    rf"(?<![\w'’])[Ww]ith\s(?:{_ROLE}|{_INDEFINITE}|{_NAME})\s(?:{'|'.join(WITH_VERBS)})(?![\w'’\-])"
)
#: The verbs of saying that credit a quotation from anywhere before it in its sentence ("Lord Cole said
#: the rules were ... as they allowed detentions "..."", the verb over 100 characters before).
SAID_IN_SENTENCE = re.compile(r"\b(?:said|says|say|told|tells|tell|added|adds|wrote|writes|stated|states)\b")
#: A speaker and any verb of saying anywhere before a quotation in its sentence ("Ann Cole explained that
#: ... "...""; "A reporter, Ann Cole, tweeted back at him ...: "..."").
SAYER_IN_SENTENCE = re.compile(
    rf"(?:(?<![\w'’])(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey)|{_ROLE_OPENING}|{_NAME})\s{_AUXILIARY}(?:{p.SAY_TRIE})(?![\w'’\-])"
)
#: A later clause of the sentence before a quotation with he/she/they as its subject
#: ("Doctors had wanted to operate but he insisted on waiting.").
LATER_CLAUSE = re.compile(
    r"(?:[,;]?\s(?P<conjunction>but|and|so|before|after|when|while|as|because|although|though|until|since)|;)\s"
    rf"(?:(?P<pronoun>he|she|they)|{_NAME})\s{_AUXILIARY}(?P<verb>[a-z][a-z'’\-]*+)"
)

#: A speaker's tag, verb first, anywhere in the sentence before a quotation ("Instead, said Mr Cole, the
#: firms ... . "...""): a verb of saying and a name of two words or an honorific.
SAID_NAME = re.compile(rf"\b(?:said|says|added|adds|explained|insisted|attributed\sto)\s{_NAME}")

#: A verb of saying ending the sentence before a quotation, with a colon or an ellipsis ("Sources close to
#: her tell us ... "...""; "Friends told reporters: "...""): the quotation is what was said.
SAYS_THEN = re.compile(
    r"\b(?:said|says|say|told|tells|tell|added|adds|wrote|writes|stated|states)"
    r"(?:\s(?:us|me|him|her|them|reporters))?\s*(?::|\.\.\.|…)\Z"
)
#: "by" and a speaker right after a quotation (""..." by the board", "by Ann Cole's board").
BY_SPEAKER = re.compile(rf"\sby\s(?:{_ROLE}|{_NAME})(?![\w'’\-])")
#: A source's name in square or round brackets right after a quotation (""..." [Reuters]", ""...". (Ann Cole)").
BRACKETED_SOURCE = re.compile(rf"[.,]?\s?[\[(]{_NAME}(?:,\s{_NAME2})?[\])]")
#: A dash and a source's name right after a quotation, ending its line or sentence (an epigraph's or a pull
#: quotation's credit: ""..." – Ann Cole", ""..." —Reuters."): a name of two words, an honorific's, or an agency.
DASH_SOURCE = re.compile(rf"\s?[–—-]{{1,2}}\s?{_NAME}(?=[ \t]*+(?:\n|\Z|[.,(]))")
#: Capitalised words after "by" that name a time, not a speaker (""..." by Christmas", "by Easter Monday").
NOT_BY_SPEAKER = p.NOT_A_NAME | frozenset(
    "Christmas Easter New Ramadan Eid Diwali Hanukkah Passover Thanksgiving Halloween Spring Summer Autumn Winter "
    "Midsummer Michaelmas Lent Advent Whitsun Hogmanay".split()
)


#: Months that are given names too: before a capitalised word they open a name ("Jan Egeland", "June Brown").
GIVEN_MONTHS = frozenset({"Jan", "May", "June", "April", "August"})


#: Verbs that say only with "out" after them ("one insider pointed out that ...").
_OUT_VERBS = frozenset({"point", "points", "pointed"})


def _indefinite_says(match: re.Match[str]) -> bool:
    """Whether a match whose speaker is an indefinite source has a verb of saying (or none: "with one teacher asking")."""
    groups = match.groupdict()
    if "verb" not in groups or groups["verb"] is None:
        return True
    verb = groups["verb"]
    if verb in _OUT_VERBS:
        return match.string.startswith(" out", match.end("verb"))
    return verb in INDEFINITE_SAY_VERBS


def _named(match: re.Match[str], initial: bool, known: Callable[[str], bool]) -> bool:
    """Whether a :data:`SUBJECT`-like match names a speaker (a pronoun, a definite role, or a name not a common opener).

    A single capitalised word opening a sentence is a name only if ``known`` (seen capitalised
    mid-sentence), an agency, as for the named-sources feature, or it holds a second capital
    ("DiCaprio", "Lewis-Francis").
    """
    groups = match.groupdict()
    if groups.get("indefinite") or groups.get("person") or groups.get("bare"):
        return _indefinite_says(match)  # only with a verb of saying: "That man bought the "..."" is no credit
    if groups.get("pronoun") or groups.get("role"):
        return True
    first = match.group("first")
    if first in NOT_A_SUBJECT and not (first in GIVEN_MONTHS and " " in match.group("name").strip()):
        return False  # a month, but "Jan Egeland", "June Brown": a given name before a surname
    if match.group("hon") or " " in match.group("name").strip() or first in p.AGENCIES or not initial:
        return True
    if any(char.isupper() for char in first[1:]):
        return True  # "DiCaprio", "Lewis-Francis": a second capital makes a word a name.
    return known(first)


def sentence_start(text: str, at: int, reach: int = REACH) -> int | None:
    """Where the sentence holding offset ``at`` starts, if that is within ``reach`` characters."""
    floor = max(0, at - reach)
    start = floor if floor == 0 else None
    for end in SENTENCE_END.finditer(text, floor, at):
        if not _stop_goes_on(text, end):
            start = end.end()
    return start


def _stop_goes_on(text: str, end: re.Match[str]) -> bool:
    """Whether a stop of :data:`SENTENCE_END` ends no sentence: an abbreviation's or an initial's stop.

    A lower-case word follows it ("Ann B. boasted"), it is a title's ("former Sen. Ann Cole"), or a
    figure follows "No." ("the No. 2").
    """
    after = text[end.end() : end.end() + 1]
    if end.group()[0] != "." or not after:
        return False
    if after.islower() or _TITLE_ABBREVIATION.search(text, max(0, end.start() - 5), end.start() + 1) is not None:
        return True
    return after.isdigit() and _NUMBER_ABBREVIATION.search(text, max(0, end.start() - 3), end.start() + 1) is not None


#: "No." (or "Nos.") before a figure: a number's abbreviation ("the No. 2"), read back from its stop.
_NUMBER_ABBREVIATION = re.compile(r"(?<![\w'’\-])[Nn]os?\.\Z")
#: A title's abbreviation before a name, whose stop ends no sentence ("former Sen. Ann Cole"; not "St.", a street).
_TITLE_ABBREVIATION = re.compile(rf"(?<![\w'’\-])(?:{p.HONORIFICS.replace('|St', '')})\.\Z")


def subject_before(text: str, start: int, known: Callable[[str], bool]) -> bool:
    """Whether the clause holding the quotation at ``start`` opens with a named subject and its verb.

    The clause is the sentence's, or the last clause joined to it by ", but", ", and", ", so",
    ", yet" or ";" ("Both unions are silent, but one insider pointed out that "..."").
    """
    opening = sentence_start(text, start)
    if opening is None:
        floor = max(0, start - REACH)
        return (
            relative_subject(text, floor, start, known)
            or named_in_sentence(text, floor, start, known)
            or _long_sentence_speaks(text, start, known)
        )
    if (
        _clause_subject(text, opening, start, True, known)
        or _introduction_speaks(text, opening, start, known)
        or document_subject(text, opening, start)
    ):
        return True
    cleft = CLEFT.match(text, opening, start)
    if (
        cleft is not None
        and cleft.group("verb") not in NOT_A_VERB
        and CLAUSE_BREAK.search(text, cleft.end(), start) is None
        and _named(cleft, False, known)
    ):
        return True
    joints = list(CLAUSE_JOINT.finditer(text, opening, start))
    if joints and _clause_subject(text, joints[-1].end(), start, False, known):
        return True
    return relative_subject(text, opening, start, known) or named_in_sentence(text, opening, start, known)


#: How far back a long sentence's start is looked for when its subject or a speaker and a verb of saying may
#: credit a quotation more than :data:`REACH` characters on ("She said that the system ..., adding that the
#: "..."").
LONG_REACH = 2 * REACH


def _long_sentence_speaks(text: str, start: int, known: Callable[[str], bool]) -> bool:
    """Whether a sentence opening :data:`REACH` to :data:`LONG_REACH` characters before the quotation at ``start`` credits it.

    Only by the strongest readings: its clause's subject and verb with no clause break before the
    quotation (not a possessive name: "Ann Cole's latest wins unleashed a wave of comments, from ...
    to "..."" names no speaker), or a speaker and a verb of saying (:data:`SAYER_IN_SENTENCE`)
    anywhere before it.
    """
    opening = sentence_start(text, start, LONG_REACH)
    if opening is None:
        return False
    subject = SUBJECT.match(text, opening, start)
    possessive = subject is not None and (subject.group("name") or "").endswith(("'s", "’s"))
    return (not possessive and _clause_subject(text, opening, start, True, known)) or _sayer_in(
        text, opening, start, known
    )


#: Nouns of a document whose wording a quotation may give ("The plan would be funded by "..."").
DOCUMENT_WORDS = (
    "plan bill code order act law proposal policy motion amendment treaty agreement legislation charter "
    "constitution directive regulation regulations guidance strategy contract declaration report study survey "
    "review statement document rules guidelines manifesto"
).split()
#: Nouns of a written source whose words a quotation gives, in a tag after it (""...," his bio reads").
WRITTEN_WORDS = (
    *DOCUMENT_WORDS,
    *"letter bio biography profile website post tweet caption note message email memo sign".split(),
    *"notice banner placard poster".split(),
)
#: "the", "his", "her", "their" or "its", up to two words, a written source and a verb it says with, right
#: after a quotation (""...," his bio reads.", ""...," the letter states"): the words are that source's.
DOCUMENT_AFTER = re.compile(
    rf"\s(?:the|his|her|their|its)\s(?:[a-z][\w\-]*+\s){{0,2}}?(?:{'|'.join(WRITTEN_WORDS)})\s"
    r"(?:reads|read|says|said|states|stated|continues|continued|adds|added|notes|noted|explains|explained)(?![\w'’\-])"
)
#: The verbs a written source gives its words with (""...," the letter states", "The letter reads in part:").
_WRITTEN_VERBS = "reads|read|says|said|states|stated|continues|continued|adds|added|notes|noted|explains|explained"
#: "read" or "reads", then a written source, right after a quotation, whatever ends it (""..." read one sign",
#: ""..." reads the caption"): the words are the source's wording.
READ_THEN_WRITTEN = re.compile(
    rf"\s(?:reads|read)\s(?:the|an?|one|another|his|her|their|its)\s(?:[a-z][\w\-]*+\s){{0,2}}?"
    rf"(?:{'|'.join(WRITTEN_WORDS)})(?:s)?{_NOT_WORD_AFTER}"
)
#: A written source, maybe with a phrase set off by commas, and a verb it says with, then a colon right before a
#: quotation ("One recent letter, written by a student, reads in part:", "The sign said:", "Her post reads:").
WRITTEN_BEFORE = re.compile(
    rf"(?<![\w'’\-])(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Aa]n?|[Oo]ne|[A-Z][\w\-]*+['’]s?)\s(?:[a-z][\w\-]*+\s){{0,2}}?"
    rf"(?:{'|'.join(WRITTEN_WORDS)})(?:s)?(?:,\s[^,;:!?\n\"“]{{1,80}},)?\s(?:{_WRITTEN_VERBS})(?:\sin\spart)?:[ \t]*+\Z"
)
#: Characters read back from a quotation's mark for :data:`WRITTEN_BEFORE`.
WRITTEN_REACH = 160


def written_source(text: str, start: int, end: int) -> bool:
    """Whether a written source gives the quotation at ``start``-``end`` (:data:`WRITTEN_BEFORE`, :data:`READ_THEN_WRITTEN`)."""
    if READ_THEN_WRITTEN.match(text, end, end + REACH) is not None:
        return True
    if start < 1 or text[start - 1] not in ": \t":
        return False
    return WRITTEN_BEFORE.search(text, max(0, start - WRITTEN_REACH), start) is not None


#: A document as a clause's subject: "the" or a capitalised possessive, up to four words (a bracketed one
#: too) and a document noun, maybe with "of" and a capitalised title ("The public transport (safety) bill",
#: "However, MSPs' Code of Conduct"); the quoted words in its clause are its own.
DOCUMENT_SUBJECT = re.compile(
    rf"\s*{_INTRODUCTION}{_OPENER}(?:[Tt]he|[A-Z][\w\-]*+['’]s?)(?:\s(?!{_FUNCTION_WORD}\s)[\w()'’\-]++){{0,4}}?"
    rf"\s(?:{'|'.join(w for word in DOCUMENT_WORDS for w in (word, word.capitalize()))})"
    rf"(?:\sof(?:\s[A-Z][\w'’\-]*+){{1,3}})?{_NOT_WORD_AFTER}"
)


#: A copula or a colon between the document and the quotation: the quotation names it, a slogan or a title
#: ("The official policy is "..."", "The law was dubbed "...""), or the words are someone's about it ("The
#: policy is a sham: "...""), not its wording.
DOCUMENT_COPULA = re.compile(r"(?<![\w'’\-])(?:is|are|was|were)(?![\w'’\-])|:")


def document_subject(text: str, opening: int, start: int) -> bool:
    """Whether the clause opening at ``opening`` has a document as its subject (:data:`DOCUMENT_SUBJECT`), no copula or colon after it and no clause break before ``start``."""
    found = DOCUMENT_SUBJECT.match(text, opening, start)
    return (
        found is not None
        and DOCUMENT_COPULA.search(text, found.end(), start) is None
        and CLAUSE_BREAK.search(text, found.end(), start) is None
    )


#: Where a later clause of a sentence opens: ", but", ", and", ", so", ", yet" or ";".
CLAUSE_JOINT = re.compile(r"(?:,\s(?:but|and|so|yet)|;)\s")


#: An introductory clause whose subject is a name or he/she/they, then a comma ("When she learned the news, ").
INTRODUCTORY_SUBJECT = re.compile(
    rf"{_OPENER}(?:When|After|As|Once|Before|While|Until|Since|Although|Though|If|Because)\s"
    rf"(?:(?:finally|first|later)\s)?(?:(?P<pronoun>he|she|they)|{_NAME})\s{_AUXILIARY}(?P<verb>[a-z][a-z'’\-]*+)"
    r"[^,\n\"“”]{0,150},\s*"
)


def _introduction_speaks(text: str, opening: int, start: int, known: Callable[[str], bool]) -> bool:
    """Whether the quotation at ``start`` is its sentence's main clause after an introductory clause with a speaker.

    ("When she finally learned the news, "I dropped to my knees."": the quotation follows the
    clause's comma right away; its subject, he/she/they or a name, says it.)
    """
    found = INTRODUCTORY_SUBJECT.match(text, opening, start)
    return (
        found is not None
        and found.end() == start
        and found.group("verb") not in NOT_A_PREDICATE
        and _named(found, False, known)
    )


def _clause_subject(text: str, opening: int, start: int, initial: bool, known: Callable[[str], bool]) -> bool:
    """Whether the clause opening at ``opening`` has a named subject and a verb, and no clause break before ``start``."""
    found = SUBJECT.match(text, opening, start)
    if found is not None and found.group("contracted") in ("'s", "’s", "'re", "’re"):
        verb = found.group("verb")  # "she's", "they're": a copula (or "has") before it
        return (verb.endswith("ing") or verb in p.SAY_WORDS) and CLAUSE_BREAK.search(text, found.end(), start) is None
    return (
        found is not None
        and (
            found.group("verb") not in NOT_A_VERB
            or (found.group("verb") in COPULAS and PROGRESSIVE.match(text, found.end()) is not None)
        )
        and CLAUSE_BREAK.search(text, found.end(), start) is None
        and _named(found, initial, known)
    )


#: A verb in "-ing" right after a copula: the subject is doing something ("Ann Cole is supporting ...").
PROGRESSIVE = re.compile(r"\s(?:(?:also|now|still)\s)?[a-z]{2}[a-z]*+(?<=ing)\b")
#: The copulas a verb in "-ing" may follow (:data:`PROGRESSIVE`).
COPULAS = frozenset({"is", "are", "was", "were"})


#: A verb of saying after white space, as every match of :data:`SAYER_IN_SENTENCE` ends (its verb follows
#: ``\s``): where this finds none, that pattern has none. Its scan skips ahead to white space, where the
#: other tries every offset (its first branch opens with a look-behind).
SAY_AFTER_SPACE = re.compile(rf"\s(?:{p.SAY_TRIE}){_NOT_WORD_AFTER}")


def _sayer_in(text: str, opening: int, start: int, known: Callable[[str], bool]) -> bool:
    """Whether a speaker and a verb of saying (:data:`SAYER_IN_SENTENCE`) stand in ``text[opening:start]``, read as there.

    Searched only where :data:`SAY_AFTER_SPACE` finds a verb of saying in the stretch (most
    quotations the readings reach have none near: their windows hold no credit).
    """
    if SAY_AFTER_SPACE.search(text, opening, start) is None:
        return False
    return any(
        _named(found, found.start() == opening, known) for found in SAYER_IN_SENTENCE.finditer(text, opening, start)
    )


def named_in_sentence(text: str, opening: int, start: int, known: Callable[[str], bool]) -> bool:
    """Whether a speaker is named elsewhere in the quotation's sentence before it (from ``opening``).

    A possessive name and a noun of saying ("Mr Smith's suggestion that ... "...""), "as NAME
    points out" or "As Ann Cole of the society put it:", "with Mr Kennedy stressing ...", "per
    Ann Cole's account" or "per the report" (the name after "Per" opens no sentence), or a verb
    of saying (:data:`SAID_IN_SENTENCE`) anywhere before it, within :data:`REACH` characters.
    """
    if SAID_IN_SENTENCE.search(text, opening, start) is not None or _sayer_in(text, opening, start, known):
        return True
    possessives: Iterable[re.Match[str]] = ()  # none without an apostrophe: a name's "'s" or "'", a role's "'s"
    if text.find("'", opening, start) >= 0 or text.find("’", opening, start) >= 0:
        possessives = POSSESSIVE_SPEAKER.finditer(text, opening, start)
    for found in possessives:
        name = found.group("name")
        if name is None:  # a definite role's: "The Florida senator's answer was that "...""
            if CLAUSE_BREAK.search(text, found.end(), start) is None:
                return True
            continue
        if name[-2:] in ("'s", "’s") or name[-1:] in ("'", "’"):
            head = name[:-2] if name[-1:] == "s" else name[:-1]
            first = head.split()[0]
            if (
                first not in NOT_A_SUBJECT
                and (" " in head or found.start() != opening or known(head))
                and CLAUSE_BREAK.search(text, found.end(), start) is None
            ):
                return True  # not past a clause break: "Mr Pryce's response, and one shouted "..."" is not his
    if any(
        _named(found, found.start() == opening, known)
        for pattern in (AS_SPEAKER, WITH_SPEAKER)
        for found in pattern.finditer(text, opening, start)
    ):
        return True
    return any(_named(found, False, known) for found in PER_SPEAKER.finditer(text, opening, start))


def relative_subject(text: str, opening: int, start: int, known: Callable[[str], bool]) -> bool:
    """Whether the quotation at ``start`` is in a relative clause whose subject is a name before it.

    ("... was welcomed by Beijing, which described the embargo as a "..."", "a view shared by
    Rooney, who believes "...""): the last "NAME, who/which VERB" of the sentence (from
    ``opening``), with a verb of any kind but a copula and no clause break between it and the
    quotation, nor a comma but one right before it (the relative clause has not closed: "Im, who
    has made 100 films, was hailed for his "..."" is not Im's).
    """
    last = None
    for found in RELATIVE_SUBJECT.finditer(text, opening, start):
        last = found
    return (
        last is not None
        and last.group("verb") not in NOT_A_VERB
        and "," not in text[last.end() : start].rstrip(" ,:")
        and CLAUSE_BREAK.search(text, last.end(), start) is None
        and (last.group("initials") is not None or _named(last, False, known))
    )


def previous_sentence_names(text: str, start: int, known: Callable[[str], bool]) -> bool:
    """Whether the quotation at ``start`` opens a sentence after one whose subject is a name or he/she/they.

    ("Mr Gates said that ... . "We predicted ..."", "Ann Cole was keen to move on." and a new paragraph "We ...").
    The quotation must open its sentence (a stop, "?", "!" or a colon before it, then only
    white space, a paragraph break included); the sentence before is read from its start, as
    in :func:`subject_before`, but a copula may follow the subject there ("Ann Cole was
    keen ...") and no clause break is asked for.
    """
    end, floor = start, max(0, start - REACH)
    if end > floor and text[end - 1] == "(":
        end -= 1  # a quotation in brackets opening a sentence: "He flings out claims. ("It's 100 degrees in here.")"
    while end > floor and text[end - 1].isspace():
        end -= 1
    if end == start or text[end - 1 : end] not in (".", "!", "?", ":"):
        return False
    opening = sentence_start(text, end - 1, PREVIOUS_REACH)
    if opening is None:
        return False
    found = SUBJECT.match(text, opening, end)
    if (
        found is not None
        and found.group("verb") not in NOT_A_PREDICATE
        and _named(found, True, known)
        and found.groupdict().get("first") not in NOT_A_SPEAKER
    ):
        return not done_to_subject(text, found) and not speaks_of_subject(text, found, end, start)
    if any(tag.group("hon") or " " in tag.group("name").strip() for tag in SAID_NAME.finditer(text, opening, end)):
        return True
    if SAYS_THEN.search(text, max(opening, end - 40), end) is not None:
        return True
    return any(
        _later_clause_speaks(text, clause, end, start, known) for clause in LATER_CLAUSE.finditer(text, opening, end)
    ) or _sole_subject_speaks(text, opening, end, start, known)


#: A name or he/she and its verb anywhere in a sentence (the subject of one of its clauses, wherever it stands).
ANY_SUBJECT = re.compile(rf"(?<![\w'’\-])(?:(?P<pronoun>[Hh]e|[Ss]he)|{_NAME})\s{_AUXILIARY}(?P<verb>[a-z][a-z'’\-]*+)")


def _sole_subject_speaks(text: str, opening: int, end: int, start: int, known: Callable[[str], bool]) -> bool:
    """Whether the sentence before (``opening`` to ``end``) has one speaker as the subject of its clauses, wherever they stand.

    ("Nonetheless, all Ann Cole is concerned about is the cap. "..."", "... on the way to what
    Jo hopes will be a return. "...""): every name (or, with none, he or she) followed by a
    verb that is no preposition is the same one, not a named storm, with nothing done to it,
    the sentence names nobody else (no other capitalised word past its first, but months,
    weekdays and openers), and the quotation at ``start`` does not speak of it. Two people
    named leave the speaker open.
    """
    names: dict[str, re.Match[str]] = {}
    pronouns: dict[str, re.Match[str]] = {}
    for found in ANY_SUBJECT.finditer(text, opening, end):
        if found.group("verb") in NOT_A_PREDICATE or not _named(found, found.start() == opening, known):
            continue
        if found.group("pronoun"):
            pronouns.setdefault(found.group("pronoun").lower(), found)
        elif found.group("first") in NOT_A_SPEAKER or done_to_subject(text, found):
            return False
        else:
            names.setdefault(found.group("name").split()[-1], found)
    subjects = names or pronouns
    if len(subjects) != 1:
        return False
    (found,) = subjects.values()
    name = found.group("name") or ""
    others = (
        word.group()
        for word in _CAPITALISED_WORD.finditer(text, opening, end)
        if word.start() != opening and word.group() not in NOT_A_SUBJECT
    )
    if any(word not in name for word in others):
        return False  # anyone else named: "Ireland, France and Israel are all tied ... . "...""
    return not done_to_subject(text, found) and not speaks_of_subject(text, found, end, start)


def _later_clause_speaks(text: str, clause: re.Match[str], end: int, start: int, known: Callable[[str], bool]) -> bool:
    """Whether a :data:`LATER_CLAUSE` of the sentence before (ending at ``end``) names the quotation's speaker.

    Its subject is he/she/they, or a name after a conjunction other than "and"/"as", not a
    named storm, with a verb that is no preposition, nothing done to it, and the quotation
    at ``start`` does not speak of it.
    """
    return (
        clause.group("verb") not in NOT_A_PREDICATE
        and (clause.group("pronoun") is not None or clause.group("conjunction") not in ("and", "as"))
        and _named(clause, False, known)
        and clause.groupdict().get("first") not in NOT_A_SPEAKER
        and not done_to_subject(text, clause)
        and not speaks_of_subject(text, clause, end, start)
    )


#: Heads of names that name no speaker: a named storm ("Storm Ciara battered the coast").
NOT_A_SPEAKER = frozenset("Storm Hurricane Typhoon Cyclone Tornado Tropical".split())
#: Verbs (and participles after a copula) that tell of something done to the subject, not by it:
#: dying, being killed, booed by a crowd, held or judged ("The cardinal died ...", "was booed", "was jailed").
DONE_TO = frozenset(
    "died dies drowned perished killed murdered stabbed shot buried booed jeered heckled arrested detained "
    "jailed imprisoned sentenced convicted found charged held remanded bailed accused injured wounded".split()
)
#: Verbs of :data:`DONE_TO` that, active, tell of something the subject said ("Ann Cole accused the minister of ...").
SPOKEN_DONE_TO = frozenset({"accused"})
#: Verbs of :data:`DONE_TO` that tell of something done to the subject only after a copula ("was held", "was
#: found"); active, the subject did it ("Ann Cole held nothing back", "Ann Cole found the letter").
PASSIVE_DONE_TO = frozenset({"held", "found"})
#: The word after a copula (maybe after "not", "also", "being", "been"): a participle if it is in :data:`DONE_TO`.
_AFTER_COPULA = re.compile(r"\s(?:(?:not|also|then|later|being|been)\s)?(?P<word>[a-z]++)")
#: A quotation that opens with he/she/his/her, or "He's", "She'd" (after "And", "But"): it speaks of someone, in the third person.
THIRD_PERSON_OPENING = re.compile(r"[\"“]\s*(?:(?:And|But)\s)?(?:He|She|His|Her)(?:['’](?:s|d|ll))?(?![\w'’\-])")
#: A capitalised word (a name of someone else the quotation may speak of).
_CAPITALISED_WORD = re.compile(r"(?<![\w'’\-])[A-Z][a-z'’\-]*+")


def done_to_subject(text: str, found: re.Match[str]) -> bool:
    """Whether the sentence whose subject and verb :data:`SUBJECT` ``found`` tells of something done to the subject.

    ("Jo Roe died in 1990", "The prime minister was booed as he arrived", "has been arrested"):
    a verb of :data:`DONE_TO`, or a copula then such a participle. The words quoted after it
    are others' (a tribute, a chant, a judge's), not the subject's.
    """
    verb = found.group("verb")
    if verb in DONE_TO and verb not in SPOKEN_DONE_TO and verb not in PASSIVE_DONE_TO:
        return True
    if verb not in NOT_A_VERB:
        return False
    after = _AFTER_COPULA.match(text, found.end())
    return after is not None and after.group("word") in DONE_TO


def speaks_of_subject(text: str, found: re.Match[str], end: int, start: int) -> bool:
    """Whether the quotation at ``start`` speaks of the subject ``found`` of the sentence before (ending at ``end``).

    It opens with he/she/his/her, and that sentence names nobody else after its subject (no
    capitalised word but a month or a weekday) for the pronoun to stand for: "Jo Roe is a
    wanted man. "He is armed ..."" is about Jo Roe, not by him; "Ann Cole praised Okafor. "She
    is ..."" may be Ann Cole's, of Okafor.
    """
    if THIRD_PERSON_OPENING.match(text, start) is None:
        return False
    return all(word.group() in NOT_A_SUBJECT for word in _CAPITALISED_WORD.finditer(text, found.end(), end))


#: A lone capitalised word and a colon right before a quotation (a transcript's "Bush: "..."").
LONE_NAME_BEFORE = re.compile(r"(?<![\w'’\-])(?P<first>[A-Z][a-z]++(?:-[A-Z][a-z]++)?):[ \t]*+\Z")
#: Characters read back from a quotation's mark for :data:`LONE_NAME_BEFORE`.
LONE_NAME_REACH = 40
#: Labels a copy also writes with a capital mid-sentence ("in Chapter One", "the latest Update"), no speaker.
LABEL_WORDS = frozenset(
    "Update Note Chapter Episode Part Section Act Scene Round Step Stage Question Answer Source Caption Photo "
    "Picture Video Watch Listen Read Quote Verdict Result Headline Warning Breaking Exclusive Editor Transcript".split()
)


def lone_name_before(text: str, start: int, known: Callable[[str], bool]) -> bool:
    """Whether a lone name and a colon open the sentence or line of the quotation at ``start`` (a transcript's).

    ("Clinton: "..." Bush: "..."", a debate's or an interview's lines): the word opens a line or
    follows a sentence's end, and the copy names it elsewhere (:func:`_named`: capitalised
    mid-sentence), not a word of :data:`NOT_A_SUBJECT` nor a label of :data:`LABEL_WORDS` ("Update:",
    "Chapter:", "Episode:"). A place the copy names ("Leeds:") is still taken for a speaker.
    """
    found = LONE_NAME_BEFORE.search(text, max(0, start - LONE_NAME_REACH), start)
    if found is None:
        return False
    before = text[max(0, found.start() - 3) : found.start()].rstrip(" \t")
    opens = not before or before[-1] == "\n" or before.rstrip("\"”’')")[-1:] in (".", "!", "?")
    first = found.group("first")
    return opens and first not in NOT_A_SUBJECT and first not in LABEL_WORDS and known(first)


#: A tag that ends a sentence: a comma, a speaker and a verb of saying, read back from the sentence's stop
#: (""..." the crews who cleared the road overnight, she said.").
SAID_AT_END = re.compile(rf",\s(?:(?P<pronoun>he|she|they)|{_ROLE}|{_NAME})\s(?:{p.SAY_TRIE})\Z")
#: Characters read back from a sentence's stop for :data:`SAID_AT_END`.
SAID_AT_END_REACH = 80


def said_at_sentence_end(text: str, end: int, known: Callable[[str], bool]) -> bool:
    """Whether the sentence holding the quotation that ends at ``end`` ends in a tag, past the credit window.

    ("... "..." the crews who worked through the night to clear the flooded road, she
    said."): its first stop within :data:`REACH` characters (not an initial's or a title's) comes
    right after a comma, a speaker and a verb of saying.
    """
    stops = [stop.start() for stop in SENTENCE_END.finditer(text, end, end + REACH) if not _goes_on(text, stop)]
    rest = text[end:].rstrip() if len(text) - end <= REACH else ""
    if rest.endswith((".", "!", "?")):
        stops.append(end + len(rest) - 1)  # the text's last stop, with no white space after it
    if not stops:
        return False
    found = SAID_AT_END.search(text, max(end, stops[0] - SAID_AT_END_REACH), stops[0])
    return found is not None and _named(found, False, known)


def _goes_on(text: str, stop: re.Match[str]) -> bool:
    """Whether a stop of :data:`SENTENCE_END` is an initial's or a title's, ending no sentence."""
    return stop.group()[0] == "." and (_initial_before(text, stop.start()) or _stop_goes_on(text, stop))


def source_follows(text: str, end: int, known: Callable[[str], bool]) -> bool:
    """Whether a quotation ending at ``end``, however it ends, is followed by its source.

    Its source's name in brackets (""..." [Reuters]", a digest's credit), a dash and a name (an
    epigraph's: ""..." – Ann Cole"), "by" and its speaker (""..." by Ann Cole's board", "by the
    minister"), an as-clause with a speaker (""..." as he put it", "("...", as the mayor noted)"),
    or a tag that ends its sentence (:func:`said_at_sentence_end`).
    """
    if said_at_sentence_end(text, end, known):
        return True
    if BRACKETED_SOURCE.match(text, end, end + REACH) is not None:
        return True
    dash = DASH_SOURCE.match(text, end, end + REACH)
    if dash is not None and (dash.group("hon") or " " in dash.group("name") or dash.group("first") in p.AGENCIES):
        return True
    by = BY_SPEAKER.match(text, end, end + REACH)
    if by is not None and by.groupdict().get("first") not in NOT_BY_SPEAKER and _named(by, False, known):
        return True
    as_clause = AS_AFTER.match(text, end, end + REACH)
    if as_clause is not None:
        found = AS_SPEAKER.match(text, as_clause.end(), end + REACH)
        if found is not None and _named(found, False, known):
            return True
    return False


#: A name's possessive right before a quotation's mark ("Okafor's "..." promise"), read back from the mark.
POSSESSIVE_QUOTED = re.compile(
    r"(?<![\w'’\-])(?P<name>(?P<hon>)(?P<first>[A-Z][a-z\-]++)(?:\s[A-Z][a-z\-]++){0,2})['’]s\s\Z"
)
#: Characters read back from a quotation's mark for :data:`POSSESSIVE_QUOTED`.
POSSESSIVE_REACH = 60
#: A noun of :data:`SPEECH_NOUNS` right after a quotation's closing mark ("... promise").
SPEECH_NOUN_AFTER = re.compile(rf"\s(?:{'|'.join(SPEECH_NOUNS)})(?![\w'’\-])")


def possessive_speaker(text: str, start: int, end: int, known: Callable[[str], bool]) -> bool:
    """Whether the quotation at ``start``-``end`` stands between a name's possessive and a noun of saying.

    Its words are then that person's ("Okafor's "we will build it" promise"; not "the depot's
    "..." rule", nor "Okafor's "..." cake").
    """
    if SPEECH_NOUN_AFTER.match(text, end) is None:
        return False
    found = POSSESSIVE_QUOTED.search(text, max(0, start - POSSESSIVE_REACH), start)
    return found is not None and _named(found, True, known)


def speaker_after(text: str, end: int, inner: str, known: Callable[[str], bool]) -> bool:
    """Whether a quotation ending in a comma (in or after its marks), "?" or "!" is followed by its speaker and a verb (or a name alone).

    Or a written source's tag (""...," his bio reads"); or, however it ends, by its source
    (:func:`source_follows`).
    """
    if source_follows(text, end, known):
        return True
    if text[end : end + 1] == ",":
        end += 1
    elif inner.rstrip().rstrip("'’")[-1:] not in (",", "?", "!"):
        # a comma before a single mark closing a quotation within it counts: "... the 'back door,'"; with none,
        # only a verb of saying then its speaker (""..." yelled Ann Cole at the rally") makes a tag
        found = VERB_THEN_SPEAKER.match(text, end, end + REACH)
        return found is not None and found.group("verb") in INDEFINITE_SAY_VERBS and _named(found, False, known)
    if DOCUMENT_AFTER.match(text, end, end + REACH) is not None:
        return True
    alone = NAME_ALONE.match(text, end, end + REACH)
    if alone is not None and (alone.group("hon") or " " in alone.group("name").strip()):
        return True
    return any(
        found is not None and found.group("verb") not in NOT_A_VERB and _named(found, False, known)
        for found in (
            SPEAKER_AFTER.match(text, end, end + REACH),
            VERB_THEN_SPEAKER.match(text, end, end + REACH),
            VERB_THEN_ROLE_AND_SPEAKER.match(text, end, end + REACH),
        )
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
    for pattern in (TAG, VERB_THEN_TAG):  # the second matched only if the first gives no tag
        found = pattern.fullmatch(gap)
        if found is not None and found.group("verb") not in NOT_A_VERB and _named(found, False, known):
            return True
    return False


def after_tag_sentence(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (after a quotation) is the rest of its sentence, a tag, then only white space.

    (""...," said Ann Cole, who has lived there for forty years. "..."", "... called it "a
    disgrace". "..."): the gap opens with a comma, a stop or a lower-case word, or the quotation ends in a comma inside its
    marks (the sentence goes on after the quotation), and holds one
    sentence end, where it ends (an initial's stop is none: "... the U.S. envoy. "...""). At most
    :data:`PREVIOUS_REACH` characters are read.
    """
    if end - start > PREVIOUS_REACH:
        return False
    head = text[start:end].lstrip(" \t")
    if not head or not (head[0] in ",.!?" or head[0].islower() or text[start - 2 : start - 1] == ","):
        return False  # a comma inside the marks goes on too: ""...," Ann Cole said, referring to ... . "...""
    for stop in SENTENCE_END.finditer(text, start, end):
        if (
            stop.group()[0] == "."
            and (_initial_before(text, stop.start()) or _stop_goes_on(text, stop))
            and text[stop.end() : end].strip()
        ):
            continue  # an initial's or a title's stop ("U.S.", "W.", "Sen.") ends no sentence, but the gap's last may
        return stop.group()[0] in ".!?" and text[stop.end() : end].strip() == ""
    return False


def _initial_before(text: str, at: int) -> bool:
    """Whether the stop at ``at`` follows an initial: one capital letter after a non-letter ("U.S.", "W.")."""
    return at >= 1 and text[at - 1].isupper() and (at < 2 or not text[at - 2].isalpha())


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
                or after_tag_sentence(text, before.end, piece.start)
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
