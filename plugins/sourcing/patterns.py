r"""Patterns of the sourcing scorer: verbs of saying, names, quotations, dates, places.

All are linear: no nested unbounded quantifiers (token runs are possessive, repeats of
tokens bounded), so 1 MB of hostile text is scanned in one pass per pattern. Patterns
that open with ``\b`` and a word list are wrapped in :class:`copydesk.measures.WordBounded`
or :class:`copydesk.measures.Anchored` (the same matches, found several times faster).
Patterns the fast ones were rewritten from and are compared with live in the tests.
"""

from __future__ import annotations

import functools
import re

from copydesk import measures

SAY_VERBS = (
    "said says say told tells added adds stated states explained explains announced announces wrote writes "
    "noted notes argued argues insisted insists confirmed confirms declared declares warned warns testified "
    "testifies recalled recalls commented acknowledged acknowledges admitted admits claimed claims asserted "
    "replied responded remarked tweeted posted reported reports estimated estimates predicted predicts "
    "concluded concludes found finds showed shows urged urges asked asks saying stating adding telling noting "
    "explaining writing warning insisting arguing declaring"
).split()
SAY = measures.alternation(SAY_VERBS)
#: A trie of words: each character leads to the rest; ``""`` marks the end of a word.
Trie = dict[str, "Trie"]


def trie(words: list[str]) -> str:
    r"""A regex of ``words`` shaped as a trie: each shared prefix written once (``sa(?:id|ys?|ying)``).

    It matches the same strings as :func:`copydesk.measures.alternation` of the words; where
    the words are made of word characters and followed by ``\b`` (or by a character that is
    no word character), at most one of them can match at an offset, so the matches are the
    same too, while ``re`` reads each character once instead of trying every word in turn.
    """
    node: Trie = {}
    for word in words:
        here = node
        for char in word:
            here = here.setdefault(char, {})
        here[""] = {}
    return _branches(node)


def _branches(node: Trie) -> str:
    """The regex of one trie node's branches (its end, ``""``, made an optional tail)."""
    parts = [re.escape(char) + _branches(rest) for char, rest in sorted(node.items()) if char]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(parts) > 1 or len(parts[0]) > 1 else f"{body}?"


#: :data:`SAY` as a trie (see :func:`trie`).
SAY_TRIE = trie(SAY_VERBS)
HONORIFICS = "Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Rev|St"
_CAP = r"[A-Z][a-z\u00C0-\u024F'’\-]++"
#: The tokens of a name after its first: capitalised tokens, initials or particles.
_NAME_TAIL = rf"(?:\s(?:{_CAP}|[A-Z]\.|de|van|von|al|bin|el)){{0,3}}"
#: A name: an optional honorific, then 1-4 capitalised tokens, initials or particles.
NAME = rf"(?P<name>(?P<hon>(?:{HONORIFICS})\.?\s)?(?P<first>{_CAP}){_NAME_TAIL})"
#: A capitalised token that may hold one more capital ("DiCaprio", "MacKenzie", "McEvoy").
_MIXED_CAP = rf"{_CAP}(?:[A-Z][a-z\u00C0-\u024F'’\-]++)?"
#: :data:`NAME` whose tokens may be :data:`_MIXED_CAP` (the speakers of quotations, SRC001).
SPEAKER_NAME = (
    rf"(?P<name>(?P<hon>(?:{HONORIFICS})\.?\s)?(?P<first>{_MIXED_CAP})"
    rf"(?:\s(?:{_MIXED_CAP}|[A-Z]\.|de|van|von|al|bin|el)){{0,3}})"
)
MONTH_NAMES = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = measures.alternation(MONTH_NAMES)
#: Institution nouns and news agencies (capitalised, as in names of organisations).
ORG_WORDS = (
    "Ministry Department Agency University Court Police Council Commission Institute Bank Office Committee "
    "Parliament Congress Senate Bureau Board Authority Association Federation Union Organisation Organization "
    "Foundation Service Corporation Company Group Party Army Government Administration Tribunal Centre Center "
    "Hospital School Reuters AP AFP"
).split()
#: First tokens that make a capitalised run a date or a pronoun, not a source.
NOT_A_NAME = frozenset(MONTH_NAMES + WEEKDAYS + "The A An It He She They We I This That There".split())
#: First tokens that make a capitalised run after "in"/"from" a date or an organisation, not a place.
NOT_A_PLACE = NOT_A_NAME | frozenset(ORG_WORDS + HONORIFICS.split("|"))
#: Single capitalised words that are sources even at the start of a sentence.
AGENCIES = frozenset({"Reuters", "AP", "AFP", "Bloomberg"})

#: What stands between a name and its verb of saying: an appositive, an auxiliary or adverb.
_BEFORE_SAY = r"(?:,\s[^,.;:!?\n]{1,80},)?\s(?:has\s|had\s|also\s|later\s|then\s)?"
NAME_THEN_SAY = re.compile(rf"\b{NAME}{_BEFORE_SAY}(?:{SAY})\b")
#: :data:`NAME_THEN_SAY` with the verbs as a trie (:data:`SAY_TRIE`): the same matches, found faster.
FAST_NAME_THEN_SAY = re.compile(NAME_THEN_SAY.pattern.replace(f"(?:{SAY})", f"(?:{SAY_TRIE})"))
SAY_THEN_NAME = re.compile(rf"\b(?:{SAY})\s(?:the\s)?(?:[a-z]++\s){{0,3}}?{NAME}")
ACCORDING_TO_NAME = re.compile(rf"\baccording\sto\s(?:the\s|a\s|an\s)?(?:[a-z\-]++\s){{0,3}}?{NAME}")
ACCORDING_TO = re.compile(r"\baccording\sto\b", re.IGNORECASE)
ANY_ATTRIBUTION = re.compile(rf"\b(?:{SAY}|according\sto)\b", re.IGNORECASE)
#: :data:`ANY_ATTRIBUTION` for lower-cased text (the same matches where no character of ``UNFOLDED`` occurs).
#: The verbs of saying as a trie (:data:`SAY_TRIE`), so the windows around a quotation are each read once.
ANY_ATTRIBUTION_LOWER = measures.WordBounded(re.compile(rf"\b(?:{SAY_TRIE}|according\sto)\b"))
SAID = measures.WordBounded(re.compile(r"\b(?:said|says|told)\b"))
#: :data:`ANY_ATTRIBUTION` tried only where its first words start (for a whole body: every credit at once).
FAST_ANY_ATTRIBUTION = measures.Anchored(ANY_ATTRIBUTION, [*SAY_VERBS, "according"])
#: A direct quotation in straight or curly double quotes, 3-600 characters on one line.
QUOTATION = re.compile(r"[\"“](?P<inner>[^\"“”\n]{3,600})[\"”]")
#: Characters either side of a quotation searched for a verb of saying.
CREDIT_WINDOW = 100
#: Characters at the end of a quotation searched too ("..., he said, "...").
CREDIT_TAIL = 40

DATE = re.compile(
    rf"\b(?:(?:{MONTHS})\.?\s\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}(?:st|nd|rd|th)?\s(?:{MONTHS})\b"
    r"|(?:in|since|until|by|from|of)\s(?:early\s|late\s|mid-)?(?:1[89]\d\d|20\d\d)\b"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
)
WEEKDAY = measures.WordBounded(re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b"))
CLOCK = measures.WordBounded(
    re.compile(r"\b\d{1,2}(?::\d{2})?\s?(?:am\b|pm\b|a\.m\.|p\.m\.|GMT\b|BST\b|EST\b|ET\b|local\stime\b)")
)
PLACE = measures.WordBounded(
    re.compile(
        r"\b(?:in|at|near|outside|from)\s(?:the\s)?(?:city\sof\s|town\sof\s|village\sof\s)?"
        r"(?P<place>[A-Z][a-z]{2,}+(?:\s[A-Z][a-z]{2,}+)?)(?:,\s[A-Z][a-z]{2,}+)?"
    )
)
ORG = measures.WordBounded(re.compile(rf"\b(?:{measures.alternation(ORG_WORDS)})\b"))
DOCUMENT_WORDS = frozenset(
    "report study survey poll statement filing document documents record records data figures statistics census "
    "transcript ruling judgment indictment complaint lawsuit memo letter audit journal published released".split()
)
DOCUMENT_REFERENCE = re.compile(
    rf"https?://\S++|www\.\S++|\b(?:{measures.alternation(DOCUMENT_WORDS)}|press\srelease|white\spaper)\b",
    re.IGNORECASE,
)
#: The parts of DOCUMENT_REFERENCE that are not single words (counted beside a word lookup).
LINK_OR_PHRASE = re.compile(r"https?://\S++|www\.\S++|\b(?:press\srelease|white\spaper)\b", re.IGNORECASE)
SAY_WORDS = frozenset(SAY_VERBS)
DATELINE = re.compile(
    r"\s*+(?:[A-Z][A-Z .'\-]{2,40}|[A-Z][a-z]++(?:\s[A-Z][a-z]++)?)(?:,\s[A-Za-z .]{2,30})?\s?"
    r"(?:\([A-Za-z .]{2,30}\)\s?)?[—–-]{1,2}\s"
)
TITLE_WORDS = (
    "president minister secretary spokesman spokeswoman spokesperson chairman chairwoman chief director senator "
    "governor mayor professor officer commissioner ambassador judge lawyer attorney economist analyst executive "
    "manager head leader official researcher scientist author chancellor representative commander coach captain "
    "founder ceo editor"
).split()
TITLED_NAME = re.compile(rf"\b(?i:{measures.alternation(TITLE_WORDS)})\s{NAME}")
#: :data:`TITLED_NAME` with its role words as a trie (:func:`trie`): the same matches, each role word read once
#: instead of every word of the list tried in turn (ignoring case, ``re`` cannot skip a word by its first letter).
FAST_TITLED_NAME = re.compile(TITLED_NAME.pattern.replace(measures.alternation(TITLE_WORDS), trie(TITLE_WORDS)))
#: Where TITLED_NAME can start: its case-insensitive role word and space, matched on lower-cased text.
TITLE_THEN_SPACE = re.compile(rf"\b(?:{measures.alternation(TITLE_WORDS)})\s")
#: Characters ``re.IGNORECASE`` matches with an ASCII letter that ``str.lower()`` does not turn into it.
UNFOLDED = ("\u0130", "\u0131", "\u017f")
#: A capitalised word of at least three letters (runs of them make the "distinct names"): the
#: matches of ``\b[A-Z][a-z]{2,}+``, rewritten to open with a character set (a ``\b`` before a
#: capital is a look-behind for no word character; the tests compare the two).
FAST_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]{2,}+")
#: A run of :data:`FAST_CAPITALISED` words, each after one white-space character or a CRLF line
#: break ("White House"; a file with Windows line endings reads as the same file with LF).
CAPITALISED_RUN = re.compile(rf"{FAST_CAPITALISED.pattern}(?:(?:\r\n|\s){FAST_CAPITALISED.pattern})*+")
#: The start of a word of the token stream (:data:`copydesk.text.WORD`: letters and digits joined by
#: apostrophes or hyphens) written as an ASCII capital then a small letter ("Ann", "Mc"): a capital
#: with neither a letter or digit, nor one and a joiner, before it. A look-behind after the capital,
#: so ``re`` skips ahead to capitals.
WORD_CAPITALISED_ASCII = re.compile(r"[A-Z](?<![^\W_][A-Z])(?<![^\W_]['’\-][A-Z])(?=[a-z])")
#: The start of a word of the token stream whose first character is outside ASCII, or an ASCII
#: capital before a character outside ASCII: the words :data:`WORD_CAPITALISED_ASCII` leaves to a
#: test of ``str.isupper`` and ``str.islower``. Its first character set, an ASCII capital or any
#: character outside ASCII, is written as what it leaves out (``[A-Z\x80-\U0010ffff]`` took ``re``
#: about 5 ms of CPU to compile, at every start; a test compares the two sets).
WORD_START_OUTSIDE_ASCII = re.compile(
    r"[^\x00-\x40\x5b-\x7f](?<=[^\W_])(?<![^\W_].)(?<![^\W_]['’\-].)(?:(?<=[A-Z])(?=[^\x00-\x7f])|(?<![A-Z]))",
    re.DOTALL,
)
#: A run of the spaces and opening quotes/brackets that may stand between a sentence end and its next word.
OPENING_RUN = re.compile(r"[ \t\"“'‘(\[]*+")
#: A sentence end or line break and the run of spaces and opening quotes/brackets after it.
AFTER_SENTENCE_END = re.compile(r"[.!?\n][ \t\"“'‘(\[]*+")
#: :data:`AFTER_SENTENCE_END` where :data:`WORD_CAPITALISED_ASCII` matches at its end: the sentence
#: openings (but the text's first) written as a capitalised word, counted in one scan. Each sentence
#: end or line break is tried as :data:`AFTER_SENTENCE_END` tries it (no match holds another).
CAPITALISED_AFTER_SENTENCE_END = re.compile(rf"{AFTER_SENTENCE_END.pattern}(?={WORD_CAPITALISED_ASCII.pattern})")
#: :data:`AFTER_SENTENCE_END` after its sentence end or line break.
_AFTER_SENTENCE_END_RUN = AFTER_SENTENCE_END.pattern.removeprefix(r"[.!?\n]")
#: The runs of names (:data:`CAPITALISED_RUN`, with the sentence end and opening marks before one
#: that opens a sentence) and the proper nouns' capitals and sentence ends before them
#: (:data:`WORD_CAPITALISED_ASCII`, :data:`CAPITALISED_AFTER_SENTENCE_END`) in one scan, each match told apart by its first
#: character: a sentence end or line break opens its run of opening marks where a
#: :data:`WORD_CAPITALISED_ASCII` capital follows, with the :data:`CAPITALISED_RUN` there when
#: there is one; a joiner after a letter or digit opens a run whose first word is no such
#: capital (``x-Ray``: the run is "Ray", the capital counts for no proper noun); a capital opens
#: a run, or else is a :data:`WORD_CAPITALISED_ASCII` capital alone. One character set opens every
#: way, so ``re`` skips ahead to it once; each way reads what the two scans read, and no match
#: holds the start of another's (a run holds letters and white space only; the line breaks in
#: it are the sentence ends before its words that the proper nouns' scan finds).
CAPITALS = re.compile(
    rf"[.!?\nA-Z'’\-](?:(?<=[.!?\n]){_AFTER_SENTENCE_END_RUN}(?={WORD_CAPITALISED_ASCII.pattern})"
    rf"(?:{CAPITALISED_RUN.pattern})?"
    rf"|(?<=[^\W_]['’\-]){CAPITALISED_RUN.pattern}"
    rf"|(?<=[A-Z]){CAPITALISED_RUN.pattern.removeprefix('[A-Z]')}"
    rf"|(?<=[A-Z]){WORD_CAPITALISED_ASCII.pattern.removeprefix('[A-Z]')})"
)
#: Units that make a number an amount (see :data:`FAST_AMOUNT`).
UNITS = (
    "per cent percent million billion trillion km kg miles mile metres metre meters meter feet ft tons tonnes ton "
    "tonne hours hour minutes minute seconds second years year months month weeks week days day points point "
    "goals goal votes vote people dollars pounds euros mph mm cm lb lbs"
).split()
FULL_MONTH = re.compile(rf"\b(?:{measures.alternation(MONTH_NAMES[:12])})\b")
#: An honorific and a surname ("Mr Greenspan", "Sen. Warren").
HONORIFIC_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Lord|Lady|Sen|Rep|Gov|Gen|Capt|Insp|Det|Supt|Cllr)\.?\s[A-Z][a-z]"
)
#: Time relative to the report ("yesterday", "last week", "on Monday"): reporting of recent events.
RELATIVE_TIME = re.compile(
    r"\b(?:yesterday|today|tomorrow|tonight|overnight|(?:last|next|this)\s(?:week|month|year|weekend)"
    r"|(?:earlier|later)\sthis|on\s(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
    re.IGNORECASE,
)


# The same patterns, tried only where their first words start (see copydesk.measures.Anchored).
FAST_ACCORDING_TO = measures.Anchored(ACCORDING_TO, ["according"])
FAST_ACCORDING_TO_NAME = measures.Anchored(ACCORDING_TO_NAME, ["according"])
FAST_FULL_MONTH = measures.Anchored(FULL_MONTH, [month.lower() for month in MONTH_NAMES[:12]])
#: :data:`WEEKDAY` and :data:`ORG` tried only where their words start (for a whole body; the
#: patterns stay for any text). :data:`SAID`'s words are read from the verbs of saying.
FAST_WEEKDAY = measures.Anchored(WEEKDAY.pattern, [day.lower() for day in WEEKDAYS])
FAST_ORG = measures.Anchored(ORG.pattern, [word.lower() for word in ORG_WORDS])
#: :data:`PLACE` tried only where its prepositions start (for a whole body).
FAST_PLACE = measures.Anchored(PLACE.pattern, ["in", "at", "near", "outside", "from"])
FAST_HONORIFIC_NAME = measures.Anchored(
    HONORIFIC_NAME, "mr mrs ms dr prof sir lord lady sen rep gov gen capt insp det supt cllr".split()
)
#: :data:`RELATIVE_TIME` written in lower case (the same matches: it ignores case).
FAST_RELATIVE_TIME = measures.Anchored(
    re.compile(RELATIVE_TIME.pattern.lower(), re.IGNORECASE),
    "yesterday today tomorrow tonight overnight last next this earlier later on".split(),
)
#: What every match of :data:`LINK_OR_PHRASE`'s links opens with, in lower case (they may open inside a word).
LINK_OPENINGS = ("http", "www.")
#: :data:`LINK_OR_PHRASE`'s two phrases, whole words, tried only where "press" or "white" starts (from the
#: shared word index, not a search of the text for each word: every match of the phrases is one of these).
FAST_PHRASES = measures.Anchored(re.compile(r"\b(?:press\srelease|white\spaper)\b", re.IGNORECASE), ["press", "white"])
#: :data:`LINK_OR_PHRASE` for lower-cased text (the same matches where no character of ``UNFOLDED``
#: occurs), each branch opening with a letter so ``re`` skips ahead to where one can match (a ``\b``
#: before a word character is a look-behind for no word character).
LINK_OR_PHRASE_LOWER = re.compile(r"https?://\S++|www\.\S++|p(?<!\wp)ress\srelease\b|w(?<!\ww)hite\spaper\b")
#: Where :data:`TITLED_NAME` can start: its role word and a space, ignoring case (as on lower-cased text).
FAST_TITLE_THEN_SPACE = measures.Anchored(re.compile(TITLE_THEN_SPACE.pattern, re.IGNORECASE), TITLE_WORDS)
#: A person's age: ", 34," / "aged 34" / "34-year-old": the matches of
#: ``,\s\d{1,2},|\baged\s\d{1,3}\b|\b\d{1,2}-year-old\b``, rewritten to open with a character set,
#: so ``re`` skips ahead to where it can match (a ``\b`` before a word character is a look-behind
#: for no word character; the tests compare the two).
FAST_AGE = re.compile(r"[,a\d](?:(?<=,)\s\d{1,2},|(?<=a)(?<!\wa)ged\s\d{1,3}\b|(?<=\d)(?<!\w\d)\d?-year-old\b)")
#: The ages of :data:`FAST_AGE` written with digits first (", 34,", "34-year-old"): a scan that skips
#: ahead to commas and digits, not to every "a".
AGE_IN_DIGITS = re.compile(r"[,\d](?:(?<=,)\s\d{1,2},|(?<=\d)(?<!\w\d)\d?-year-old\b)")
#: :data:`AGE_IN_DIGITS` in a text without "-year-old", where only its comma branch can match: the
#: same matches, found by a scan that skips ahead to commas alone (a literal first character).
AGE_AFTER_COMMA = re.compile(r",\s\d{1,2},")
#: The ages of :data:`FAST_AGE` written "aged 34", tried only where "aged" starts (see :func:`~copydesk.plugins.sourcing.features.ages`).
AGED = measures.Anchored(re.compile(r"\baged\s\d{1,3}\b"), ["aged"])
#: An amount with a currency sign, or a number with a unit (counted as a specific detail): the
#: matches of ``[$£€]\s?\d[\d,.]*+(?:\s?(?:m|bn|k|million|billion|trillion)\b)?`` or
#: ``(?<![\d,.])\d[\d,.]*+(?:%|\s?(?i:UNITS)\b)``, rewritten to open with a character set, its units
#: as a trie (:func:`trie`: ignoring case, ``re`` tries every word of an alternation in turn; the tests
#: compare the two).
FAST_AMOUNT = re.compile(
    r"[$£€\d](?:(?<=[$£€])\s?\d[\d,.]*+(?:\s?(?:m|bn|k|million|billion|trillion)\b)?"
    rf"|(?<=\d)(?<![\d,.]\d)[\d,.]*+(?:%|\s?(?i:{trie(UNITS)})\b))"
)


def _after_first(words: list[str], followed: str = "") -> str:
    r"""``words`` (each opening with a letter) as branches read after their first letter.

    Each branch looks behind at the letter already read (``(?<=J)(?:anuary|une|...)``), so a
    pattern can open with a character set of the first letters and ``re`` skips ahead to them.
    Words are grouped by their first letter, keeping their order within each group.
    """
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"(?<={re.escape(first)})(?:{'|'.join(rest)}){followed}" for first, rest in rests.items())


def _months_after_first() -> str:
    r"""The month names as branches read after their first letter, each group's rests as a :func:`trie`.

    ``(?<=J)(?:an(?:uary)?|u(?:ly?|ne?))``: ``re`` reads each letter once instead of trying each
    name in turn. In :data:`DATE_BY_NAME_OR_NUMBER` a name is followed by ``\.?\s``, which no letter
    is, so at most one name can be read at an offset: the matches are those of the names longest first.
    """
    rests: dict[str, list[str]] = {}
    for word in MONTH_NAMES:
        rests.setdefault(word[0], []).append(word[1:])
    return "|".join(f"(?<={re.escape(first)})(?:{trie(rest)})" for first, rest in rests.items())


#: The source of :func:`name_then_say_span`: :data:`NAME_THEN_SAY`'s matches (spans only: no groups),
#: found in one scan by ``re`` alone. Its
#: every match opens with a capital at a word boundary, so the pattern opens with that character
#: set (a capital with no word character before it) and reads on with what each way of opening
#: reads after the capital: an honorific's other letters (looking behind at the capital, the
#: honorifics in their order) then the first name token, or the rest of the first name token; then
#: the same as :data:`NAME_THEN_SAY` (the verbs as :data:`SAY_TRIE`). The ways are tried in the same
#: order as there, so each match ends where :data:`NAME_THEN_SAY`'s ends; the tests compare the two.
_NAME_THEN_SAY_SPAN = (
    rf"[A-Z](?<!\w[A-Z])(?:(?:{_after_first(HONORIFICS.split('|'))})\.?\s{_CAP}|{_CAP.removeprefix('[A-Z]')})"
    rf"{_NAME_TAIL}{_BEFORE_SAY}(?:{SAY_TRIE})\b"
)


#: Every verb of saying as written (lower case), a whole word: where :data:`NAME_THEN_SAY`'s matches
#: end (its verb follows white space), tried only where the verbs start.
SAY_WORD = measures.Anchored(re.compile(rf"\b(?:{SAY_TRIE})\b"), SAY_VERBS)
#: The most characters :data:`NAME_THEN_SAY` reads between a name and its verb of saying: an
#: appositive (``,\s`` and at most 80 characters and ``,``: 83), ``\s`` (1) and ``later\s`` (6).
SAY_REACH = 83 + 1 + len("later ")
#: The most white-space characters a name holds: after its honorific, and between its 4 tokens.
NAME_SPACES = 4
#: Fully matched up to a place, the white-space character that has :data:`NAME_SPACES` more after it
#: (group 1): a name ending at or after that place opens after it. Linear: the rest is possessive.
SPACES_BACK = re.compile(rf"(?s:.*)(\s)(?:\S*+\s){{{NAME_SPACES}}}\S*+")
#: :data:`SPACES_BACK` for the text read backwards from the place: past :data:`NAME_SPACES`
#: white-space characters, the next one (group 1). Possessive: it reads each character once.
SPACES_AHEAD_REVERSED = re.compile(rf"(?:\S*+\s){{{NAME_SPACES}}}\S*+(\s)")


@functools.cache
def name_then_say_span() -> re.Pattern[str]:
    """:data:`_NAME_THEN_SAY_SPAN` compiled, on first use rather than at import."""
    return re.compile(_NAME_THEN_SAY_SPAN)


#: :data:`DATE` without its year phrase ("in 2019"), rewritten to open with a character set (its
#: first character, checked for a word boundary before it by a look-behind, then what each of
#: :data:`DATE`'s branches reads after it, the month names as tries): the dates that open with a
#: capital or a digit, so ``re`` skips ahead to those only (see
#: :func:`~copydesk.plugins.sourcing.features.date_count`).
DATE_BY_NAME_OR_NUMBER = re.compile(
    r"[JFMASOND\d](?<!\w[JFMASOND\d])(?:"
    rf"(?:{_months_after_first()})\.?\s\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|(?<=\d)(?:\d?(?:st|nd|rd|th)?\s(?:{trie(MONTH_NAMES)})\b|\d{{3}}-\d{{2}}-\d{{2}}|\d?/\d{{1,2}}/\d{{2,4}}))"
)
#: The year of :data:`DATE`'s year phrase (after white space, or "mid-"), a scan that skips ahead to ones and twos.
PHRASE_YEAR = re.compile(r"[12](?<=[\s\-][12])(?:(?<=1)[89]\d\d|(?<=2)0\d\d)\b")
#: What stands before the year of :data:`DATE`'s year phrase, up to it (searched with ``endpos`` at the year).
BEFORE_YEAR = re.compile(r"(?:in|since|until|by|from|of)\s(?:early\s|late\s|mid-)?\Z")
#: The most characters :data:`BEFORE_YEAR` can match ("until early ").
BEFORE_YEAR_REACH = 12
#: The matches of :data:`CLOCK`, its opening ``\b`` and digit read as a digit with no word character before it.
FAST_CLOCK = re.compile(r"\d(?<!\w\d)\d?(?::\d{2})?\s?(?:am\b|pm\b|a\.m\.|p\.m\.|GMT\b|BST\b|EST\b|ET\b|local\stime\b)")


#: The start of a run of decimal digits: every match of :data:`FAST_CLOCK`, of :data:`PHRASE_YEAR` and of the
#: branches of :data:`FAST_AMOUNT` and :data:`DATE_BY_NAME_OR_NUMBER` that open with a digit opens at
#: the start of one (a digit with no digit before it), so those are matched only there (one scan). The
#: scan opens with the digit (a character set, which ``re`` skips ahead to) and looks behind it.
DIGITS = re.compile(r"\d(?<!\d\d)")
#: The currency signs that open :data:`FAST_AMOUNT`'s other branch.
CURRENCY = re.compile("[$£€]")
#: Where :data:`DATE_BY_NAME_OR_NUMBER`'s dates that open with a month name can open (a month name then
#: ``\.?\s``, as there), tried only where the names start.
MONTH_THEN_SPACE = measures.Anchored(
    re.compile(rf"\b(?:{MONTHS})\.?\s"), sorted({month.lower() for month in MONTH_NAMES})
)


@functools.cache
def ascii_digits(pattern: re.Pattern[str]) -> re.Pattern[str]:
    r"""``pattern`` with every ``\d`` written ``[0-9]`` (``0-9`` inside a character set), same flags.

    In a text with no decimal digit outside ASCII (``str.isdecimal``, which is what ``\d``
    asks of each character) every test of ``\d`` gives what ``[0-9]`` gives, so the matches
    are the same; a set of ASCII characters is tested with one table lookup, ``\d`` asks the
    Unicode database, so the scan is faster (the tests compare the matches). Each pattern is
    rewritten and compiled once, on first use (not at import).
    """
    source, out, index, in_set = pattern.pattern, [], 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            escape = source[index : index + 2]
            out.append(("0-9" if in_set else "[0-9]") if escape == "\\d" else escape)
            index += 2
            continue
        if char == "[" and not in_set:
            in_set = True
            out.append(source[index : index + 2] if source.startswith("[^", index) else char)
            index += 2 if source.startswith("[^", index) else 1
            continue
        in_set = in_set and char != "]"
        out.append(char)
        index += 1
    return re.compile("".join(out), pattern.flags)
