"""Attributions the unattributed-article rule (SRC002) reads besides a named source.

SRC002 flags a body that attributes nothing. The named-sources feature counts a name beside a
verb of saying, "according to" and credited quotations; news copy also attributes in forms that
name no person with two capitalised words, and these readings (SRC002's only: no feature reads
them) count them too:

- a person's name and a verb of saying the named-sources feature does not read ("Mr Cole
  revealed", "Ann Cole has denied", a name set off after its role: "the treasurer, Ann Cole,
  said", phrases set off after a name: "Ann McRoe, 45, of Vale Road, told reporters"), a named
  body and a verb of saying ("The Commerce Department said", "the Bank said"; not "the
  opposition argues", which names nobody), a noun standing for a named firm, show or star ("the
  brewery said", "The star admitted"), a name's possessive ("Ann Cole's defence team argued"), a
  website's name ("valegazette.com reports"), he or she ("She says that ...", "He claimed");
- a news agency or broadcaster known by its initials, as the speaker or the one told: "the
  KNA news agency reported", "ZTV reports", "a source told KNA", "confirmed to KNANews";
- a credit after the words or by "per": ", reports The Vale Gazette", "per the palace";
- a transcript: at least two distinct speaker labels in capitals opening a sentence or a
  line ("ANN COLE: Why not?" ... "ROE: Because ...");
- a post embedded with its author: "— Ann Cole (@anncole) May 3, 2021", '<tweet author="anncole">';
- a poll, a list, a count or a document credited to a named publication or body: "a Forbes report
  said", "the Radio Times list", "the Vale Gazette's The 100 Power List", "an Ashford Press count",
  "Vale Film Makers figures showed", "a poll by weekly magazine Road Notes";
- a surname alone with a verb of saying, once the copy has given the whole name ("Ann Cole ...
  Cole described the pier as"), and a name after "told by" ("as told by the agent Ann Cole");
- a quotation signed after a dash at the end of its line ('..." - Ann Cole'), and a line that
  opens with "Source:" or "Sources:" and names one ("Sources: Vale Gazette").

Each pattern reads a bounded run of words, so the scan is linear in the text.
"""

from __future__ import annotations

import re

from copydesk import TextView, measures
from copydesk.plugins.sourcing import patterns

#: Verbs that put words in a speaker's mouth: the named-sources feature's verbs of saying
#: (:data:`patterns.SAY_VERBS`) without those a study, a figure or a question also has
#: ("found", "showed", "estimated", "asked", ...) or that do not end a credit ("saying", "posted"),
#: and with the admissions, denials, descriptions and concerns it does not read ("revealed", "denied", "conceded",
#: "The Harbour Trust describes the pier as", "Ann Cole expressed concern"; not after a comma, where "described" is a passive participle:
#: "Ann Cole, described by friends as shy").
NOT_SPEAKING = frozenset(
    "adding arguing asked asks concluded concludes declaring estimated estimates explaining finds found "
    "insisting noting posted predicted predicts recalled recalls saying showed shows stating telling urged urges "
    "warning writing".split()
)
SPEAKING_VERBS = [verb for verb in patterns.SAY_VERBS if verb not in NOT_SPEAKING] + (
    "asserts revealed reveals denied denies conceded concedes disclosed discloses describes described expressed "
    "expresses".split()
)
_VERB = "(?:" + "|".join(sorted(SPEAKING_VERBS, key=lambda word: (-len(word), word))) + r")(?![\w'’\-])"
#: Of those, the ones a body or initials only say: "added", "states" and "notes" are also a count added
#: ("the US economy added 200,000 jobs"), a noun ("EU states") or money ("Bank notes").
BODY_VERBS = [verb for verb in SPEAKING_VERBS if verb not in {"added", "adds", "states", "notes"}]
_BODY_VERB = "(?:" + "|".join(sorted(BODY_VERBS, key=lambda word: (-len(word), word))) + r")(?![\w'’\-])"
#: Helpers between a subject and its verb of saying ("has also said"), and adverbs of when or how a thing was
#: said ("The Harbour Trust originally said", "she publicly denied", "He has firmly denied", "ZTV exclusively
#: reports").
_AUXILIARY = (
    r"(?:(?:has|had|have|also|later|then|previously|repeatedly|once|originally|initially|first|earlier|publicly"
    r"|privately|formally|officially|recently|subsequently|separately|immediately|quickly|swiftly|openly|flatly"
    r"|firmly|strongly|vehemently|consistently|categorically|exclusively)\s){0,2}"
)
#: Words that end a definite subject before any verb: a preposition, a relative, a pronoun or a verb of
#: being ("the man who said", "the attack on the town was", "the crowd that said").
_NOT_SUBJECT_WORD = (
    r"(?!(?:of|on|in|at|for|with|by|from|to|and|or|but|the|a|an|against|about|who|whom|whose|which|that|"
    r"it|he|she|they|we|you|i|is|was|were|are|be|been|being|not|as|if|when|than)\s)"
)
#: Capitalised words before "'s" that are no name: contractions and days ("Let's", "Today's").
NOT_A_POSSESSOR = (
    "Let|It|That|There|Here|What|Who|Where|How|He|She|Today|Yesterday|Tomorrow|Tonight|Everyone|Nobody|Someone"
)
_WORD = rf"\s{_NOT_SUBJECT_WORD}[A-Za-z][\w'’\-]*+"
#: A named body as the speaker: "the", up to three words and a capitalised head, then a verb of saying
#: ("The Commerce Department said", "the Bank said", "The Daily Star reported"). A head in lower case
#: ("the opposition argues", "the report stated") names nobody: the reader is not told whose words they are.
NAMED_BODY_SAYS = re.compile(rf"(?<![\w'’\-])[Tt]he(?:{_WORD}){{0,3}}?\s[A-Z][\w'’\-]*+\s{_AUXILIARY}{_BODY_VERB}")
#: Nouns in lower case that stand for a body or a person the copy has named: a firm, a show, a campaign, a star
#: ("The Leuven-based brewery said", "the show announced", "the nominee's campaign announced", "The star admitted").
#: Unnamed sources ("the insider", "the sources"), documents ("the report"), a side ("the opposition") and a
#: collective that may be anyone ("the group", "the crowd") are none of them.
ROLE_NOUNS = (
    "company firm brewery bank carmaker retailer airline broadcaster network channel show studio publisher "
    "newspaper magazine campaign club band palace star singer actor actress rapper"
).split()
#: "The", up to three words and a noun of :data:`ROLE_NOUNS`, then a verb of saying.
ROLE_SAYS = re.compile(rf"(?<![\w'’\-])[Tt]he(?:{_WORD}){{0,3}}?\s(?:{'|'.join(ROLE_NOUNS)})\s{_AUXILIARY}{_BODY_VERB}")
#: Words of a name with "and" between two capitalised ones ("Racial and Violent Crime taskforce"): maybe a word,
#: a capitalised word, "and", then one to three words, the first capitalised.
_AND_IN_NAME = rf"(?:{_WORD})?\s[A-Z][\w'’\-]*+\sand(?=\s[A-Z])(?:{_WORD}){{1,3}}?"
#: A name's possessive and up to three words, or words of a name holding "and" (:data:`_AND_IN_NAME`), then a verb
#: of saying ("Ann Cole's defence team argued", "Vale Police's Road and Rail Crime unit said").
POSSESSIVE_SAYS = re.compile(
    rf"(?<![\w'’\-])(?!(?:{NOT_A_POSSESSOR})['’])[A-Z][\w\-]*+['’]s"
    rf"(?:(?:{_WORD}){{1,3}}?|{_AND_IN_NAME})\s{_AUXILIARY}{_BODY_VERB}"
)
#: One or two phrases of one to twelve words each set off by commas after a name ("Ann McRoe, head of the dental
#: lab, told"; "Ann Cole, 45, of Vale Road, said"), with no stop, colon or semicolon in them.
_APPOSITIVE = r"(?:(?:[^\s,.;:!?]++\s){0,11}[^\s,.;:!?]++,\s){0,2}"
#: A person's name and a verb of saying: an honorific and a capitalised word, or two or three capitalised
#: words ("Mr Cole revealed", "Speaker Ann Cole has also denied"), or set off by a comma after a role,
#: maybe with one or two phrases set off after it (:data:`_APPOSITIVE`), with any verb of saying ("the treasurer, Ann
#: Cole, added", "Ann McRoe, head of the lab, told reporters"; not "New York, said to be"); the
#: named-sources feature reads the verbs it shares with this list when no comma stands between, this
#: reading the rest ("revealed", "denied", "conceded", "disclosed").
PERSON_SAYS = re.compile(
    rf"(?<![\w'’\-])(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s[A-Z][\w'’\-]*+|[A-Z][a-z][\w'’\-]*+(?:\s[A-Z][a-z][\w'’\-]*+){{1,2}})"
    rf"(?:\s{_AUXILIARY}{_BODY_VERB}|,\s{_APPOSITIVE}{_AUXILIARY}(?!said\sto\s|described\s){_VERB})"
)
#: He or she and a verb of saying ("She says that", "he has also claimed").
PRONOUN_SAYS = re.compile(rf"(?<![\w'’\-])(?:[Hh]e|[Ss]he)\s{_AUXILIARY}{_VERB}")
#: A website's name and a verb of saying ("valegazette.com reports", "theVALEnews.com exclusively reported").
SITE_SAYS = re.compile(
    rf"(?<![\w'’\-.@/])[A-Za-z][\w\-]{{0,40}}\.(?:com|net|org|co\.uk)(?![\w\-.])\s{_AUXILIARY}{_BODY_VERB}"
)
#: Initials as the speaker, maybe with up to two words ("KNA news agency reported", "ZTV reports").
INITIALS_SAY = re.compile(
    rf"(?<![\w'’\-])[A-Z]{{2,6}}(?:\s{_NOT_SUBJECT_WORD}[A-Za-z][a-z]*+){{0,2}}?\s{_AUXILIARY}{_BODY_VERB}"
)
#: Initials as the one told, maybe glued to a capitalised word ("a source told KNA", "told the ZTV reporter",
#: "two sources confirmed to KNANews").
TOLD_INITIALS = re.compile(r"(?<![\w'’\-])(?:told|confirmed\sto)\s(?:the\s)?[A-Z]{2,6}(?:[A-Z][a-z]++)?(?![\w'’\-])")
#: A speaker's label in capitals opening a line or a sentence ("ANN COLE: Why not?"): one to three
#: words of capitals (two letters at least), a colon and a space.
SPEAKER_LABEL = re.compile(r"(?:^|(?<=[.!?] ))[ \t]*+([A-Z][A-Z'’.\-]++(?: [A-Z][A-Z'’.\-]++){0,2}):[ \t]", re.M)
#: Labels in capitals that are no speaker's ("VIDEO: ...", "UPDATE: ...").
NOT_A_SPEAKER = frozenset(
    {
        *"VIDEO VIDEOS UPDATE UPDATED WATCH PHOTO PHOTOS NOTE BREAKING EXCLUSIVE WARNING READ SOURCE".split(),
        *"SOURCES LISTEN CORRECTION RELATED MORE TRANSCRIPT".split(),
        *("EDITOR'S NOTE", "EDITOR’S NOTE", "SEE ALSO", "READ MORE", "SEE MORE", "SEE MORE HERE"),
    }
)
#: Nouns of a poll, a list, a count or a document that a named publication or body is credited with, in lower case
#: (a capitalised one is part of a title: "the New Year Honours List", "the Rest Study"). A possessive
#: name's "poll" or "polls" is the standing it measures ("Cole's poll numbers", "her decline in the polls").
DOCUMENT_NOUNS = "poll polls survey list report figures study data count tally".split()
_DOC_NOUN = rf"(?:{'|'.join(DOCUMENT_NOUNS)})(?![\w'’\-])"
_OWNED_NOUN = rf"(?:{'|'.join(noun for noun in DOCUMENT_NOUNS if not noun.startswith('poll'))})(?![\w'’\-])"
#: A capitalised word of a name (not a month, weekday or pronoun), at most 25 characters.
_NOT_A_NAME = "|".join(sorted(patterns.NOT_A_NAME))
_CAP = rf"(?!(?:{_NOT_A_NAME})(?![\w'’\-]))[A-Z][\w'’\-&.]{{0,24}}"
#: Capitalised words of a title that name nobody: the word right before a document's noun ("The Final
#: report", "The Top Ten list", "The Latest figures") or after its "by" ("a report by next Christmas")
#: is none of them, nor a month, weekday or pronoun; "The Latest Nielsen figures" still names Nielsen.
TITLE_WORDS = (
    "Top Final Latest Last Next First Second Third New Full Annual Official Original Initial Interim Recent "
    "Whole Daily Weekly Monthly Yearly Special Big Great Ultimate Best Worst One Two Three Four Five Six "
    "Seven Eight Nine Ten Twenty Fifty Hundred Thousand Christmas Easter Thanksgiving Halloween"
).split()
_NAME_CAP = rf"(?!(?:{_NOT_A_NAME}|{'|'.join(TITLE_WORDS)})(?![\w'’\-]))[A-Z][\w'’\-&.]{{0,24}}"
#: The nouns of :data:`DOCUMENT_NOUNS` capitalised, as a title's last word ("The 100 Power List").
_TITLED_NOUN = rf"(?:{'|'.join(noun.capitalize() for noun in DOCUMENT_NOUNS)})(?![\w'’\-])"
#: A poll, list or document credited to a named publication or body: "a Forbes report", "the Radio Times
#: list" (a capitalised run after "the" or "a"), "the HMIC's report", "Ann Cole's 2019 study" (a name's
#: possessive and up to three capitalised words or numbers), "Japan Film Producers figures showed" (two to
#: four capitalised words and a verb of showing), "a poll by listings magazine Radio Times" ("by", up to two
#: words, a capitalised word). A noun with no capitalised name ("the medical report", "a public poll")
#: credits nobody, and a verb "list" after a name ("sites such as Gaming Review list 200 titles") is no document.
#: A name's possessive and a title opening with "The" is that name's titled document, its noun maybe capitalised
#: ("the Vale Gazette's The 100 Power List").
NAMED_DOCUMENT = re.compile(
    rf"(?<![\w'’\-])(?:"
    rf"(?:[Tt]he|[Aa]n?)\s(?:{_CAP}\s){{0,3}}{_NAME_CAP}\s{_DOC_NOUN}"
    rf"|(?!(?:{NOT_A_POSSESSOR}|{_NOT_A_NAME})['’])[A-Z][\w\-]{{0,24}}['’]s\s"
    rf"(?:[A-Z0-9][^\s]{{0,24}}\s){{0,3}}{_OWNED_NOUN}"
    rf"|(?:{_CAP}\s){{2,4}}{_DOC_NOUN}\s(?:show|shows|showed|suggest|suggests|suggested|found|revealed)(?![\w'’\-])"
    rf"|{_DOC_NOUN}\sby\s(?:[a-z]{{1,25}}\s){{0,2}}{_NAME_CAP}"
    rf"|(?!(?:{NOT_A_POSSESSOR}|{_NOT_A_NAME})['’])[A-Z][\w\-]{{0,24}}['’]s\sThe\s"
    rf"(?:[A-Z0-9][^\s]{{0,24}}\s){{0,4}}(?:{_DOC_NOUN}|{_TITLED_NOUN})"
    rf")"
)
#: A verb of saying after a comma or a closing quotation mark, then "the" and a name: a credit put after the
#: words (", reports The Vale Gazette", "..." said The Harbour Trust); the named-sources feature reads a name
#: after "the" in lower case but not after "The".
SAYS_THE_NAME = re.compile(rf"(?<=[,\"”]\s){_VERB}\s[Tt]he\s{_NAME_CAP}")
#: Capitalised units after "per" that name nobody, in title case ("Earnings per Share", "£9 per Adult").
PER_UNITS = "Share Person Adult Child Head Capita Annum Cent Day Week Month Year Hour Night Unit".split()
#: "per" and a name, or "the" and a name or a noun of :data:`ROLE_NOUNS`, as a credit ("per the palace", "per
#: Vale Gazette", "Per the Harbour Trust,"; not "per cent", "per the rules", "£100 per company" or "per Share").
#: "Per" opens a credit only before "the": it is also a given name ("Per Holm scored").
PER_SOURCE = re.compile(
    rf"(?<![\w'’\-])(?:per|Per(?=\sthe\s))\s"
    rf"(?:[Tt]he\s(?:{_NAME_CAP}|(?:{'|'.join(ROLE_NOUNS)})(?![\w'’\-]))|(?!(?:{'|'.join(PER_UNITS)})(?![\w'’\-])){_NAME_CAP})"
)
#: A post embedded with its author: an embed's signature, a dash, the author's name, the handle and the date
#: ("— Ann Cole (@anncole) May 3, 2016"), or a post's markup naming its author ('<tweet author="anncole">').
POST_SIGNATURE = re.compile(
    rf"[—–]\s[^\n—–()]{{1,60}}\s\(@\w{{1,15}}\)\s(?:{patterns.MONTHS})\.?\s\d{{1,2}},\s\d{{4}}(?!\d)"
)
POST_MARKUP = re.compile(r"<tweet\s[^<>]{0,500}?\sauthor=[\"'][^\"'<>\s]")
#: A capitalised word alone before a verb of saying ("Cole described the pier as"), maybe with one or two phrases
#: set off by commas before it as :data:`PERSON_SAYS` reads them ("Cole, who had known her for years, initially
#: claimed"): a surname, when the copy gives the whole name anywhere (:func:`given_before`); "Critics described" or "Police denied" name nobody.
SURNAME_SAYS = re.compile(
    rf"(?<![\w'’\-])({_NAME_CAP})"
    rf"(?:\s{_AUXILIARY}{_BODY_VERB}|,\s{_APPOSITIVE}{_AUXILIARY}(?!said\sto\s|described\s){_VERB})"
)
#: "told by", maybe "the" and up to three words in lower case, then a name of two or three capitalised words or
#: initials: a credit in the passive ("as told by the exclusive agent Ann Cole", "she was told by ZTV"; not
#: "told by doctors" or "told by a friend"; not a place after "in" or "from": "told by police in New York", nor initials
#: before a plural noun: "told by US officials"; review s29q).
TOLD_BY_NAME = re.compile(
    rf"told\sby\s(?:the\s)?(?:(?!(?:in|near|outside|across|around|from)\s)[a-z][\w'’\-]*+\s){{0,3}}"
    rf"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s{_NAME_CAP}|{_NAME_CAP}(?:\s{_NAME_CAP}){{1,2}}|[A-Z]{{2,6}}(?!\s[a-z]+s\b))"
    rf"(?![\w'’\-])"
)
#: A quotation signed at the end of its line: a stop or a comma, a quotation mark, a dash and a name of one to four
#: capitalised words, nothing after them but white space ('... lies." - Ann Cole', "... “ – Ann Cole"; not a title
#: and its author, 'the album "Blue Skies" - Ann Cole'; review s29q).
DASH_SIGNED = re.compile(
    rf"[.!?…,][ \t]?[\"“”][ \t]?[\-–—]{{1,2}}[ \t]?{_NAME_CAP}(?:[ \t]{_NAME_CAP}){{0,3}}[ \t]*+$", re.M
)
#: A line that opens with "Source:" or "Sources:" and a name, a website or a link ("Source: Vale Gazette",
#: "Sources: valegazette.com"; not "Source: unknown", "Source: I ...", nor a picture's, "Source: Vale Images";
#: review s29q).
SOURCE_LINE = re.compile(
    r"^[ \t]*+(?:Sources?|SOURCES?)[ \t]*+:[ \t]*+"
    r"(?!I\s|[^\n]{0,80}\b(?:Images|Photos?|Pictures)[ \t]*+$)(?:[A-Z0-9@]|https?://|www\.|[a-z][\w\-]{0,40}\.(?:com|net|org|co\.uk)(?![\w\-]))",
    re.M,
)
#: Capitalised words after "From" that open a site's box or a platform, not a source ("From Around the Web:",
#: "From Our Partners:", "From Twitter:").
FROM_NOT_A_SOURCE = (
    "Around Our Your Elsewhere Across Other More Related Partner Partners Sponsor Sponsors Web Twitter Facebook "
    "Instagram YouTube TikTok Archive Archives Home Here There This That These Those"
).split()
#: A line of its own that credits the passage after it: "From", maybe "the", a name of one to five capitalised
#: words and a colon ("From the Daily Courier:", "From Harbour Trust:"; not "From Around the Web:").
FROM_LINE = re.compile(
    rf"^[ \t]*+From[ \t]++(?:the[ \t]++)?(?!(?:{'|'.join(FROM_NOT_A_SOURCE)})(?![\w'’\-]))"
    rf"{_CAP}(?:[ \t]{_CAP}){{0,4}}[ \t]*+:[ \t]*+$",
    re.M,
)
_DOCUMENTS = measures.Occurrences(DOCUMENT_NOUNS)
#: Distinct speaker labels that make a transcript.
TRANSCRIPT_LABELS = 2


def transcript(text: str) -> bool:
    """Whether ``text`` holds at least :data:`TRANSCRIPT_LABELS` distinct speakers' labels in capitals.

    Only the lines that hold a colon before a space or tab are scanned (a label ends in one;
    :data:`SPEAKER_LABEL` never crosses a line, opens after the line's start and looks behind
    into the text as it is, so each line's scan finds what the whole text's finds there).
    """
    labels: set[str] = set()
    for start, end in _colon_lines(text):
        for found in SPEAKER_LABEL.finditer(text, start, end):
            if (label := found.group(1)) not in NOT_A_SPEAKER:
                labels.add(label)
                if len(labels) >= TRANSCRIPT_LABELS:
                    return True
    return False


def _colon_lines(text: str) -> list[tuple[int, int]]:
    """The span of each line of ``text`` (without its line feed) holding ":" before a space or tab, in order."""
    colons: list[int] = []
    for after in (": ", ":\t"):
        at = text.find(after)
        while at >= 0:
            colons.append(at)
            at = text.find(after, at + 2)
    lines: list[tuple[int, int]] = []
    for at in sorted(colons):
        if lines and at < lines[-1][1]:
            continue
        end = text.find("\n", at)
        lines.append((text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end))
    return lines


#: The patterns that end in a verb of saying (:data:`SPEAKING_VERBS`), and the most white-space
#: characters a match of any of them holds (a name of three words, a comma, two phrases of twelve words set
#: off, two helpers and the verb: :data:`PERSON_SAYS`).
_ENDING_IN_VERB = (NAMED_BODY_SAYS, ROLE_SAYS, POSSESSIVE_SAYS, PERSON_SAYS, PRONOUN_SAYS, INITIALS_SAY, SITE_SAYS)
_VERB_SPACES = 29
#: Read in the text backwards from a verb: past :data:`_VERB_SPACES` white-space characters, the next (group 1).
_SPACES_BACK_REVERSED = re.compile(rf"(?:\S*+\s){{{_VERB_SPACES}}}\S*+(\s)")
#: Where the verbs of saying and "told" occur (the view's shared word index: lower-cased whole words).
_SPEAKING = measures.Occurrences(SPEAKING_VERBS)
_TOLD = measures.Occurrences(["told", "confirmed"])
_PER = measures.Occurrences(["per"])
#: A word's letters and digits (a verb's token, to its end).
_WORD_RUN = re.compile(r"[^\W_]+")


def attributes(text: str, view: TextView | None = None) -> bool:
    """Whether ``text`` attributes something by one of this module's readings.

    ``view``, when given, is ``text``'s view: the patterns that end in a verb of saying are then
    searched only in the stretch before each verb (:func:`_verb_regions`),
    :data:`TOLD_INITIALS` matched only where "told" or "confirmed" starts, :data:`PER_SOURCE` only
    where "per" starts, :data:`SAYS_THE_NAME` only where a verb
    starts, and :data:`NAMED_DOCUMENT` searched only
    when one of its nouns occurs (the nouns it reads are lower case, so the index holds each).
    """
    if view is None:
        patterns = (*_ENDING_IN_VERB, TOLD_INITIALS, TOLD_BY_NAME, SAYS_THE_NAME, PER_SOURCE)
        return (
            any(pattern.search(text) for pattern in patterns)
            or _named_document(text)
            or _signed_or_named_again(text, [(0, len(text))])
        )
    verbs = _SPEAKING.starts(view)
    regions = _verb_regions(text, verbs)
    for start, end in regions:
        if any(pattern.search(text, start, end) for pattern in _ENDING_IN_VERB):
            return True
    told, told_by, says_the_name, per = TOLD_INITIALS.match, TOLD_BY_NAME.match, SAYS_THE_NAME.match, PER_SOURCE.match
    return (
        any(told(text, at) or told_by(text, at) for at in _TOLD.starts(view))
        or any(says_the_name(text, at) for at in verbs)
        or any(per(text, at) for at in _PER.starts(view))
        or (bool(_DOCUMENTS.starts(view)) and _named_document(text))
        or _signed_or_named_again(text, regions)
    )


def _signed_or_named_again(text: str, regions: list[tuple[int, int]]) -> bool:
    """Whether the whole text's readings find an attribution.

    A transcript, an embedded post, a signed quotation or a source line, or a surname alone before a
    verb of saying in ``regions`` once the copy has given the whole name.
    """
    return transcript(text) or embedded_post(text) or signed(text) or _surname_says(text, regions)


def embedded_post(text: str) -> bool:
    """Whether ``text`` embeds a post with its author (:data:`POST_SIGNATURE`, :data:`POST_MARKUP`).

    Each pattern is searched only in a text that holds its first fixed piece ("(@", "<tweet").
    """
    return ("(@" in text and POST_SIGNATURE.search(text) is not None) or (
        "<tweet" in text and POST_MARKUP.search(text) is not None
    )


def signed(text: str) -> bool:
    """Whether ``text`` signs a quotation after a dash (:data:`DASH_SIGNED`) or credits it on a line of its own.

    A source line (:data:`SOURCE_LINE`) or a "From NAME:" line (:data:`FROM_LINE`); each pattern is searched only
    in a text that holds its fixed piece (a dash, "ource" or "OURCE", "From ").
    """
    return (
        (any(dash in text for dash in "-–—") and DASH_SIGNED.search(text) is not None)
        or (("ource" in text or "OURCE" in text) and SOURCE_LINE.search(text) is not None)
        or ("From " in text and FROM_LINE.search(text) is not None)
    )


def _surname_says(text: str, regions: list[tuple[int, int]]) -> bool:
    """Whether a capitalised word alone before a verb of saying is a surname the copy gives in full anywhere.

    :data:`SURNAME_SAYS` is searched in ``regions`` (the stretches before the verbs); the names
    given in ``text`` (:func:`given_names`) are read once, on the first such word, so the check
    stays linear however many there are.
    """
    given: frozenset[str] | None = None
    for start, end in regions:
        for found in SURNAME_SAYS.finditer(text, start, end):
            if given is None:
                given = given_names(text)
            if found.group(1) in given:
                return True
    return False


#: A capitalised word that is no article, pronoun, month or weekday, nor the word of a body or a title that opens
#: the name of a body or a place ("Police Scotland", "New York", "Daily Courier": review s29q), a space, and
#: (looked ahead at, so names of three words give both their second and third) the capitalised word it gives in full.
_NOT_A_GIVEN_NAME = "|".join(sorted({*patterns.NOT_A_NAME, *patterns.ORG_WORDS, *TITLE_WORDS}))
_GIVEN = re.compile(rf"(?<![\w'’\-])(?!(?:{_NOT_A_GIVEN_NAME})\s)[A-Z][a-z][\w'’\-]*+\s(?=([A-Z][\w'’\-]*+))")


def given_names(text: str) -> frozenset[str]:
    """Each word ``text`` gives as the last of a name ("Ann Cole": ``Cole``).

    A capitalised word that is no article, pronoun, month, weekday, body's word or title word
    stands right before it ("Ann Cole" gives "Cole"; not "The Police", "Police Scotland" or "New York").
    """
    return frozenset(found.group(1) for found in _GIVEN.finditer(text))


def _named_document(text: str) -> bool:
    """Whether ``text`` credits a poll, a list or a document to a named publication or body (:data:`NAMED_DOCUMENT`)."""
    return NAMED_DOCUMENT.search(text) is not None


#: The word after a verb, after one white-space character: its stretch runs to one character past it.
_NEXT_WORD = re.compile(r"\s[^\W_]++")


def _verb_regions(text: str, verbs: list[int]) -> list[tuple[int, int]]:
    """The stretches of ``text`` that hold every match of :data:`_ENDING_IN_VERB`, given where each verb may start.

    A match ends with a verb, a whole word (a token of the word index, maybe in another case)
    after a white-space character, and holds at most :data:`_VERB_SPACES` white-space characters,
    so it opens after the one that many more stand after, counted back from the verb. Each
    stretch runs from there to one character past the word after the verb, or past the verb's
    letters when no word follows after a space (the patterns' look aheads read those characters,
    " to " after "said", as in the whole text: a stretch ends one character past a whole word, so
    no word is cut into a verb, and a match ending at the word after is one the whole text has);
    stretches that meet are joined. A search of a
    stretch looks behind its start into the text, so what it finds the text's search finds too.
    """
    size = len(text)
    reversed_text = text[::-1] if verbs else text
    regions: list[tuple[int, int]] = []
    for at in verbs:
        word = _WORD_RUN.match(text, at)
        verb_end = word.end() if word is not None else at
        after = _NEXT_WORD.match(text, verb_end)  # the word after it, whole: "said to" reads " to "
        end = min(size, (verb_end if after is None else after.end()) + 1)
        floor = regions[-1][1] if regions else 0
        found = _SPACES_BACK_REVERSED.match(reversed_text, size - at, size - floor) if at > floor else None
        start = floor if found is None else size - found.start(1)
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((start, end))
    return regions
