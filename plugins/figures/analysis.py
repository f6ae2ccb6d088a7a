"""Analysis for the figures scorer: every figure of a document with its attribution.

Shared by the per-article score and the batch pass, so both see the same verdicts.
A figure's own sentence is read first; neighbouring sentences (up to the attribution
window) only count when the figure sits inside a quotation that runs over sentences,
or when the sentence before introduces it with a colon ("The report said:").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from copydesk import Document, TextView
from copydesk.plugins.figures.attrib import Credit, covering, credit_openers, credits
from copydesk.plugins.figures.extract import Figure, sentence_figures
from copydesk.plugins.figures.forecasters import carried_forecaster
from copydesk.plugins.figures.given import given
from copydesk.plugins.figures.phrase import DOCUMENT_WORDS, ESC, Lexicon, Word, blank_controls, sentence_words
from copydesk.plugins.figures.units import WORD

UNSOURCED = "unsourced"
VAGUE = "vague"
SOURCED = "sourced"
#: A figure a vague credit's clause takes as a known fact (:mod:`~copydesk.plugins.figures.given`): no finding.
GIVEN = "given"


@dataclass(frozen=True)
class Attributed:
    """A figure, its sentence index, its verdict and (when credited) its source."""

    figure: Figure
    sentence: int
    verdict: str
    source: str
    words: tuple[str, ...] = ()


@cache
def wordlist(name: str) -> frozenset[str]:
    """A packaged word list (``data/NAME.txt``), comments and blanks dropped."""
    raw = files("copydesk.plugins.figures").joinpath(f"data/{name}.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


#: The settings lists a lexicon is built from.
LEXICON_KEYS = ("extra_cues", "remove_cues", "extra_cue_nouns", "extra_vague_sources", "remove_vague_sources")


def lexicon(settings: Mapping[str, Any]) -> Lexicon:
    """The cue and vague-source lists, with the settings' additions and removals (built once per value)."""
    return _lexicon(tuple(tuple(str(v) for v in settings[key]) for key in LEXICON_KEYS))


@lru_cache(maxsize=32)
def _lexicon(lists: tuple[tuple[str, ...], ...]) -> Lexicon:
    """The lexicon for the settings lists of :data:`LEXICON_KEYS`, in that order."""
    extra_cues, remove_cues, extra_nouns, extra_vague, remove_vague = map(_lower, lists)
    cues = (wordlist("cue_verbs") | extra_cues) - remove_cues
    vague = wordlist("vague_sources") | extra_vague
    nouns = (wordlist("cue_nouns") | extra_nouns) - remove_cues
    return Lexicon(frozenset(cues), frozenset(vague - remove_vague), frozenset(nouns))


def _lower(values: Any) -> frozenset[str]:
    """A settings list as a set of lower-cased words."""
    return frozenset(str(v).strip().lower() for v in values)


#: The characters a quotation mark can be made of (each is then read as :class:`QuoteMap` says).
QUOTE_MARK = re.compile("[“«”»\"']")


class QuoteMap:
    """Quotation marks of one sentence, with the quote state after each (built once).

    Curly marks say which side they are; a straight mark (``"`` or two apostrophes)
    opens when it follows a space, bracket, dash or colon (`:"I ...`) and closes when it follows anything else,
    except that a ``"`` right after a digit with no quotation open before it in the
    sentence is a unit (inches or seconds: "a 30" screen"), no quotation mark.
    """

    def __init__(self, text: str, start: int, end: int) -> None:
        """Scan ``text[start:end]`` once."""
        self.positions: list[int] = []
        self.states: list[bool] = []
        for match in QUOTE_MARK.finditer(text, start, end):
            pos = match.start()
            ch = text[pos]
            if ch in "“«":
                opening = True
            elif ch in "”»":
                opening = False
            elif ch == '"' and pos > start and text[pos - 1].isdigit() and not (self.states and self.states[-1]):
                continue
            elif ch == '"' or (ch == "'" and text[pos + 1 : pos + 2] == "'" and text[pos - 1 : pos] != "'"):
                opening = pos == start or text[pos - 1].isspace() or text[pos - 1] in "([{—–-:"
            else:
                continue
            self.positions.append(pos)
            self.states.append(opening)

    def inside(self, offset: int) -> bool | None:
        """True/False when the sentence's own marks decide ``offset``; None when they do not."""
        index = bisect.bisect_right(self.positions, offset)
        if index > 0:
            return self.states[index - 1]
        if index < len(self.positions):
            return not self.states[index]
        return None

    @property
    def open_at_end(self) -> bool | None:
        """Whether a quotation is left open at the end of the sentence (None: no marks)."""
        return self.states[-1] if self.states else None


def in_quotation(maps: Sequence[QuoteMap], index: int, offset: int, window: int) -> bool:
    """Whether ``offset`` in sentence ``index`` lies inside a quotation."""
    own = maps[index].inside(offset)
    if own is not None:
        return own
    for back in range(index - 1, max(-1, index - 1 - window), -1):
        state = maps[back].open_at_end
        if state is not None:
            return state
    return False


PAREN_LIMIT = 120
#: Characters searched after a figure for a "(via Outlet)" credit.
VIA_REACH = 300
#: Characters searched after a figure for the signature line of an embedded tweet.
TWEET_REACH = 400
SIGNATURE_DASHES = "—–"
NAME_LIMIT = 60


class _Sentences:
    """Per-document caches: words, credits and quote maps of sentences, built on demand."""

    def __init__(self, view: TextView, lex: Lexicon) -> None:
        self.view = view
        #: The text attribution reads: the body's, terminal control sequences blanked.
        self.text = blank_controls(view.text)
        self.lex = lex
        self._words: dict[int, list[Word]] = {}
        self._credits: dict[int, list[Credit]] = {}
        self._quotes: dict[int, QuoteMap] = {}
        self._links: dict[int, bool] = {}
        self._asides: dict[int, Asides] = {}
        self._brackets: list[tuple[int, str]] | None = None
        #: The name a colon introduces each sentence's first quotation with (:func:`_introducer_of`).
        self.introducers: dict[int, str | None] = {}

    def linked(self, index: int) -> bool:
        """Whether sentence ``index`` holds a web address (a linked source)."""
        if index not in self._links:
            sentence = self.view.sentences[index]
            self._links[index] = self.view.text.find("http", sentence.start, sentence.end) >= 0
        return self._links[index]

    def words(self, index: int) -> list[Word]:
        """The words of sentence ``index``."""
        if index not in self._words:
            sentence = self.view.sentences[index]
            self._words[index] = sentence_words(self.view, sentence.start, sentence.end)
        return self._words[index]

    def credits(self, index: int) -> list[Credit]:
        """The credits of sentence ``index``.

        None in a sentence none of whose words can open one (:func:`~attrib.credit_openers`; half
        the sentences with a figure): its words' forms are asked, its words are not built. (A
        sentence holding an ESC has its words built: they are not all the stream's.)
        """
        if index not in self._credits:
            start, end, _ = self.view.sentences[index]
            stream = self.view.tokens
            span = stream.between(start, end)
            if credit_openers(self.lex).isdisjoint(stream.forms[span.start : span.stop]) and (
                self.view.text.find(ESC, start, end) < 0
            ):
                found: list[Credit] = []
            else:
                found = credits(self.text, self.words(index), (start, end), self.lex)
            self._credits[index] = found
        return self._credits[index]

    def asides(self, index: int) -> Asides:
        """The semicolons and aside dashes of sentence ``index``."""
        if index not in self._asides:
            sentence = self.view.sentences[index]
            self._asides[index] = Asides(self.text, sentence.start, sentence.end)
        return self._asides[index]

    def bracket_credits(self) -> list[tuple[int, str]]:
        """Where each bracketed credit after a closing quotation mark starts, with its name (:data:`BRACKET_CREDIT`)."""
        if self._brackets is None:
            self._brackets = [
                (m.start(), " ".join((m.group(1) or m.group(2)).split())) for m in BRACKET_CREDIT.finditer(self.text)
            ]
        return self._brackets

    def quotes(self, index: int) -> QuoteMap:
        """The quote map of sentence ``index``."""
        if index not in self._quotes:
            sentence = self.view.sentences[index]
            self._quotes[index] = QuoteMap(self.text, sentence.start, sentence.end)
        return self._quotes[index]


def _verdict(credit: Credit) -> tuple[str, str]:
    """The verdict and source a credit gives."""
    return (SOURCED if credit.named else VAGUE), credit.source_text or "an unnamed source"


#: Plural pronouns that stand for a source named just before ("Labour says ... They say ...").
PLURAL_PRONOUNS = frozenset({"they", "them"})
BY_FROM = frozenset({"by", "from"})


def _antecedent_named(sents: _Sentences, index: int, before: int) -> bool:
    """Whether a plural pronoun source at ``before`` in sentence ``index`` stands for a named source.

    Read: the sentence before and this one up to the pronoun. The last credit with a
    source there decides ("Analysts said ... They said ..." stays vague), looking past
    other plural pronouns ("The Tories have promised cuts, which they say ... They say
    ..." is the Tories'). With no credit there, a sentence opening on "The" and a
    capitalised word names it ("The Greens back a levy, which they say ..."), and so does
    a group opening it with its named members ("Singers including Ann Vell ..."); a capitalised
    word elsewhere does not ("Residents of Northtown gathered. They said about 3,000 ..."
    is the residents', not Northtown's), nor does nothing ("They said: ..." opening the
    text).
    """
    spans = [(other, sents.view.sentences[other].end) for other in range(max(0, index - 1), index)]
    spans.append((index, before))
    earlier = [
        c
        for other, end in spans
        for c in sents.credits(other)
        if c.source[0] < c.source[1] <= end and c.source_text.lower() not in PLURAL_PRONOUNS
    ]
    if earlier:
        return max(earlier, key=lambda c: c.source[0]).named
    return any(_the_name_opens(sents, other, end) for other, end in spans)


def _the_name_opens(sents: _Sentences, index: int, end: int) -> bool:
    """Whether sentence ``index`` opens on a name before ``end``.

    "The" and a capitalised word ("The Greens back ..."), or a group and the names of its
    members ("Singers including Ann Vell and Bo Lee are recording ...", "Firms such as
    Acme ...": the group is named by them, as "they" then is).
    """
    words, text = sents.words(index), sents.text
    if len(words) > 1 and words[0].lower == "the" and words[1].end <= end and text[words[1].start].isupper():
        return True
    at = 2 if len(words) > 2 and words[1].lower == "including" else 3
    if at == 3 and not (len(words) > 3 and words[1].lower == "such" and words[2].lower == "as"):
        return False
    return words[at].end <= end and text[words[at].start].isupper() and not text[words[1].start].isupper()


#: A single document credited without its owner ("a report says", "according to new research").
LEAD_DOCUMENTS = frozenset("analysis poll report research study survey".split())
#: Unowned plurals of a lead named by the source the next sentence credits (:func:`_outlet_next`).
UNOWNED_PLURALS = frozenset("reports figures data statistics".split())
#: Words after a document word searched for "by"/"from", and after that for a name.
OWNER_GAP = 3
OWNER_NAME_GAP = 4


def _named_next(sents: _Sentences, index: int, credit: Credit) -> bool:
    """Whether a document a lead credits without its owner is named in the next sentence.

    A news lead credits "a report" or "new research" and the sentence after names it: "...,
    a report says. The joint report from the Harbour Institute said ...", "The survey,
    conducted by the Ashdown Trust, showed ...": a document word, "by" or "from" within
    :data:`OWNER_GAP` words, then a capitalised word within :data:`OWNER_NAME_GAP` words.
    Only the lead's (:func:`_is_lead`, session 23): further down "a study found ... The
    survey from the Harbour Trust ..." may be another document.
    """
    head = credit.source_text.rsplit(None, 1)[-1].lower() if credit.source_text else ""
    if index + 1 >= len(sents.view.sentences):
        return False
    if head in UNOWNED_PLURALS:
        return _is_lead(sents, index) and _outlet_next(sents, index + 1)
    if head not in LEAD_DOCUMENTS or not _is_lead(sents, index):
        return False
    text, words = sents.text, sents.words(index + 1)
    for at, word in enumerate(words):
        if word.lower not in DOCUMENT_WORDS:
            continue
        owner = next(
            (n for n in range(at + 1, at + 1 + OWNER_GAP) if n < len(words) and words[n].lower in BY_FROM), None
        )
        if owner is not None and any(text[w.start].isupper() for w in words[owner + 1 : owner + 1 + OWNER_NAME_GAP]):
            return True
    return False


#: Characters that end a sentence of prose; a line before the lead without one is a heading or a byline.
_PROSE_ENDS = tuple(".!?…\"'”’)")
#: Most headings and bylines before a lead (a title, a sub-heading, a byline, a date line).
LEAD_AFTER = 4


def _is_lead(sents: _Sentences, index: int) -> bool:
    """Whether sentence ``index`` is the body's lead: every sentence before it is a heading or a byline.

    Only a lead's unowned "reports" or "figures" are named by the next sentence's credit
    (review s22v: "The data show attendance fell 12%. The Rovers manager said ..." later in
    a story names no owner of the data).
    """
    if index > LEAD_AFTER:
        return False
    view = sents.view
    return not any(view.text[s.start : s.end].rstrip().endswith(_PROSE_ENDS) for s in view.sentences[:index])


def _outlet_next(sents: _Sentences, index: int) -> bool:
    """Whether sentence ``index`` credits a named source opening on "the" and a capital (a lead's "reports" named).

    "..., reports said Sunday. The Sunday Courier said ..." and "..., according to newspaper
    reports. Jo Roe was quoted by The Harbour Times as saying ...": news copy names the outlets
    behind a lead's "reports", and the body behind its "new figures", in the sentence after it
    ("..., with new figures showing trade up threefold. ..., the Harbour Government said.").
    """
    text = sents.text
    for credit in sents.credits(index):
        source = text[credit.source[0] : credit.source[1]]
        if credit.named and source.startswith(("The ", "the ")) and source[4:5].isupper():
            return True
    return False


def _credit_verdict(sents: _Sentences, index: int, credit: Credit) -> tuple[str, str]:
    """The verdict of a credit covering a figure: a plural pronoun takes its referent's, a lead's document its name.

    A list item's subjectless cue speaks for the line introducing the list, and an agentless
    forecast for the named forecaster around it (:mod:`~copydesk.plugins.figures.forecasters`).
    """
    if credit.named:
        return _verdict(credit)
    if credit.source_text.lower() in PLURAL_PRONOUNS and _antecedent_named(sents, index, credit.source[0]):
        return SOURCED, credit.source_text
    if _named_next(sents, index, credit) or _named_before(sents, index, credit):
        return SOURCED, credit.source_text
    carrier = _list_introducer(sents, index, credit) or carried_forecaster(sents, index, credit)
    if carrier is not None:
        return SOURCED, carrier
    return _verdict(credit)


#: Marks that open the item of a list ("- Announced ...", "• Pledged ...").
BULLETS = frozenset("-–—•*·")
#: Items of a list followed back to the line that introduces it.
LIST_REACH = 12
PERSONAL_PRONOUNS = frozenset("he she we".split())


def _bullet(sents: _Sentences, index: int) -> bool:
    """Whether sentence ``index`` is the item of a list: a bullet mark, then its first word."""
    sentence, found = sents.view.sentences[index], sents.words(index)
    lead = sents.text[sentence.start : found[0].start] if found else ""
    return bool(lead.strip()) and all(ch in BULLETS or ch.isspace() for ch in lead)


def _list_introducer(sents: _Sentences, index: int, credit: Credit) -> str | None:
    """The named subject of the line introducing a list whose item opens on a subjectless cue, or None.

    "In her budget Ms Ana Ruiz has:" then "- Announced that $2bn will go to schools": the
    item continues the introducing line, whose subject speaks ("Ms Ana Ruiz has ...
    announced"). The cue opens an item after a bullet mark; the items before it lead
    back (at most :data:`LIST_REACH`) to a line ending in a colon that holds a capitalised
    word after its first, or opens on "He", "She" or "We". "Highlights of the plan:"
    names no one, and the item's cue stays agentless.
    """
    if credit.source[0] < credit.source[1] or not _bullet(sents, index) or sents.words(index)[0].start != credit.cue:
        return None
    text = sents.text
    for other in range(index - 1, max(-1, index - 1 - LIST_REACH), -1):
        if _bullet(sents, other):
            continue
        sentence = sents.view.sentences[other]
        line = text[sentence.start : sentence.end].rstrip()
        found = sents.words(other)
        if not line.endswith(":") or not found:
            return None
        capital = any(text[w.start].isupper() for w in found[1:])
        if capital or found[0].lower in PERSONAL_PRONOUNS:
            return " ".join(line[:-1].split())
        return None
    return None


#: Plural documents that "the" refers back to ("the reports", "the figures").
REFERRED_PLURALS = frozenset("reports figures data estimates statistics filings accounts".split())
#: Sentences before searched for the named documents "the reports" refers to.
REFERRED_BACK = 2


def _named_before(sents: _Sentences, index: int, credit: Credit) -> bool:
    """Whether "the reports" (a plural document after "the") refers to named ones of the sentences just before.

    "... freshly filed Harbour Election Commission reports track spending. The reports show
    ...": the same document word right after a capitalised word (not a sentence's first,
    unless an acronym: "FEC filings") within :data:`REFERRED_BACK` sentences; or, for "the
    figures" alone, a named speaker credited in the sentence right before ('"...," said Jo
    Roe, co-founder of Acme. The figures suggest ...': the figures she or her firm gave;
    "the reports", "the data" or "the statistics" are no speaker's; a document credited
    there, "Official figures show a fall.", needs its owner's name as above). "The
    overnight figures" (three words) are not read.
    """
    words = credit.source_text.lower().split()
    if len(words) != 2 or words[0] != "the" or words[1] not in REFERRED_PLURALS:
        return False
    if (
        words[1] == "figures"
        and index > 0
        and any(c.named and not _cites_document(c) for c in sents.credits(index - 1))
    ):
        return True  # '"...," said Jo Roe of Acme. The figures suggest ...': hers, or her firm's (not "the reports")
    text = sents.text
    for other in range(max(0, index - REFERRED_BACK), index):
        found = sents.words(other)
        for at in range(1, len(found)):
            owner = text[found[at - 1].start : found[at - 1].end]
            if found[at].lower == words[1] and owner[:1].isupper() and (at > 1 or owner.isupper()):
                return True
    return False


def _cites_document(credit: Credit) -> bool:
    """Whether a credit's source is a document ("Official figures show ..."): its owner is read as above, not here."""
    return any(word in DOCUMENT_WORDS or word in REFERRED_PLURALS for word in credit.source_text.lower().split())


def _parenthetical(text: str, end: int, limit: int) -> str | None:
    """A source in brackets right after a figure ("(World Bank)", "(source: ...)"), or None."""
    pos = end
    while pos < limit and text[pos] == " ":
        pos += 1
    if pos >= limit or text[pos] != "(":
        return None
    close = text.find(")", pos, min(limit, pos + PAREN_LIMIT))
    inner = text[pos + 1 : close] if close > 0 else ""
    named = any(ch.isupper() for ch in inner) or "source" in inner.lower() or "http" in inner
    numbers = [t for t in inner.replace(",", " ").replace(")", " ").split() if any(ch.isdigit() for ch in t)]
    return " ".join(inner.split()) if named and all(len(t) == 4 and t.isdigit() for t in numbers) else None


def _via(text: str, end: int, limit: int) -> str | None:
    """A "(via Outlet)" credit later in the figure's sentence ("... dollars (via E! News)"), or None."""
    at = text.find("(via ", end, min(limit, end + VIA_REACH))
    if at < 0 or not text[at + 5 : at + 6].isupper():
        return None
    close = text.find(")", at, min(len(text), at + PAREN_LIMIT))
    return " ".join(text[at + 1 : close].split()) if close > 0 else None


def _line_end(text: str, pos: int) -> int:
    """The end of the line (paragraph) holding ``pos``, at most TWEET_REACH characters on."""
    end = text.find("\n", pos, pos + TWEET_REACH)
    return end if end >= 0 else min(len(text), pos + TWEET_REACH)


def _tweet(text: str, end: int) -> str | None:
    """The signer of an embedded tweet holding a figure ("... — Name (@handle) May 5, 2017"), or None.

    The signature follows the figure on its own line, or opens the next non-blank line.
    """
    stop = _line_end(text, end)
    dash = max(text.rfind(d, end, stop) for d in SIGNATURE_DASHES)
    if dash < 0:
        nxt = stop
        while nxt < len(text) and nxt - stop < 4 and text[nxt] in "\n \r":
            nxt += 1
        if nxt >= len(text) or text[nxt] not in SIGNATURE_DASHES:
            return None
        dash, stop = nxt, _line_end(text, nxt)
    handle = text.find("(@", dash, min(stop, dash + NAME_LIMIT))
    if handle < 0:
        return None
    name = " ".join(text[dash + 1 : handle].split())
    return f"{name} (tweet)" if name[:1].isupper() else None


#: Most sentences a quotation is followed over, each way from a figure, to find where it opens and closes.
QUOTE_RUN = 12


def _opens_sentence(sents: _Sentences, index: int, mark: int) -> bool:
    """Whether the mark at ``mark`` opens sentence ``index`` (nothing but spaces before it)."""
    return not sents.text[sents.view.sentences[index].start : mark].strip()


def _reopens(sents: _Sentences, index: int, mark: int) -> bool:
    """Whether an opening mark at ``mark`` re-opens a quotation that the sentences before leave open.

    News copy carries a quotation over paragraphs by opening each one again without
    closing the one before; the mark must open sentence ``index`` (nothing before it),
    and the last mark before it (at most QUOTE_RUN sentences back) must open, with no
    paragraph between them that opens without a mark.
    """
    if index == 0 or not _opens_sentence(sents, index, mark):
        return False
    sentences = sents.view.sentences
    for before in range(index - 1, max(-1, index - 1 - QUOTE_RUN), -1):
        state = sents.quotes(before).open_at_end
        if state is not None:
            return state
        if before > 0 and "\n" in sents.text[sentences[before - 1].end : sentences[before].start]:
            return False  # a paragraph without a mark: the quotation ended before it
    return False


def _quotation_opens(sents: _Sentences, index: int, offset: int) -> int:
    """The sentence where the quotation holding ``offset`` (in sentence ``index``) opens, at most QUOTE_RUN back."""
    current, at = index, offset
    while current > 0 and index - current < QUOTE_RUN:
        marks = sents.quotes(current)
        before = bisect.bisect_left(marks.positions, at) - 1
        if before >= 0:
            if not marks.states[before]:
                return current + 1 if current < index else current
            if not _reopens(sents, current, marks.positions[before]):
                return current
        current -= 1
        at = sents.view.sentences[current].end
    return current


def _quotation_closes(sents: _Sentences, index: int, offset: int) -> int:
    """The sentence where the quotation holding ``offset`` (in sentence ``index``) closes, at most QUOTE_RUN on."""
    total = len(sents.view.sentences)
    current, at = index, offset
    while current < total - 1 and current - index < QUOTE_RUN:
        marks = sents.quotes(current)
        after = bisect.bisect_right(marks.positions, at)
        if after < len(marks.positions):
            if not marks.states[after]:
                return current
            if current == index or not _opens_sentence(sents, current, marks.positions[after]):
                return current - 1 if current > index else current
        current += 1
        at = sents.view.sentences[current].start - 1
    return current


#: Most sentences a split after an abbreviation is followed back (:func:`_continued_back`).
CONTINUED_BACK = 2


def _continued_back(sents: _Sentences, index: int) -> int:
    """Sentence ``index``, or the sentence it continues when a split after an abbreviation made it.

    '"...," Jo Roe said, referring to the Oct. 12 vote. "..."': the split after "Oct."
    leaves "12 vote." a sentence of its own, which opens on a digit or a lower-case
    letter; the window before a quotation counts the whole sentence, so the speaker in it
    is reached. At most :data:`CONTINUED_BACK` such splits are followed.
    """
    text, sentences = sents.text, sents.view.sentences
    for _ in range(CONTINUED_BACK):
        if index == 0:
            break
        head = text[sentences[index].start : sentences[index].end].lstrip()[:1]
        if not (head.isdigit() or head.islower()):
            break
        index -= 1
    return index


def _neighbour(sents: _Sentences, index: int, window: int, offset: int) -> tuple[int, Credit] | None:
    """The nearest credit that names a speaker for a quotation holding sentence ``index``, or None.

    Searched: the quotation's own sentences (where it opens and closes, followed over
    paragraphs it is carried into, at most QUOTE_RUN sentences each way from ``offset``)
    and ``window`` sentences beyond either end, nearest to ``index`` first: "..., he
    said. "I was nuts. It was my life. I played before 25,000 people." credits the
    figure to "he".

    A cue without a source (an agentless "are expected to") credits only its own
    clause and speaks for no quotation: "... who are expected to make a large order.
    "In China they spend $17 ..."" does not credit the quotation to "expected".

    Sentences after the one where the quotation closes are searched only when the
    quotation and the sentences before it name no one: a new sentence after a closed
    quotation is the writer's own ('"...," Jo Roe said. "... 20,000 people left."
    Polls show ...' is Jo Roe's, not the polls'). In a sentence a credit outside the
    marks comes before one inside them ('"These figures show ...," said NAME' is NAME's).
    """
    total = len(sents.view.sentences)
    low = _continued_back(sents, max(0, _quotation_opens(sents, index, offset) - window))
    close = _quotation_closes(sents, index, offset)
    order = [o for d in range(max(index - low, close - index) + 1) for o in (index - d, index + d) if low <= o <= close]
    for other in [*dict.fromkeys(order), *range(close + 1, min(total - 1, close + window) + 1)]:
        spoken = [c for c in sents.credits(other) if c.source[0] < c.source[1]]
        if spoken:
            outside = [c for c in spoken if not _quoted(sents, other, c.cue, 1)]
            return other, (outside or spoken)[0]
    return None


#: A dash that sets off an aside: an em dash or horizontal bar, or a spaced en dash or double hyphen.
ASIDE_DASH = re.compile(r"[—―]| (?:–|--) ")


class Asides:
    """Where a sentence's semicolons and aside dashes are, found once: :func:`set_off` asks by bisection.

    Asked per figure and credit, a scan of the sentence for each would grow with the
    square of a long sentence's length (a run-on sentence of thousands of figures).
    """

    __slots__ = ("ends", "floor", "limit", "semicolons", "starts", "text")

    def __init__(self, text: str, floor: int, limit: int) -> None:
        self.text, self.floor, self.limit = text, floor, limit
        self.semicolons = [m.start() for m in SEMICOLON.finditer(text, floor, limit)]
        dashes = [m.span() for m in ASIDE_DASH.finditer(text, floor, limit)]
        self.starts = [start for start, _ in dashes]
        self.ends = [end for _, end in dashes]

    def clause(self, at: int) -> int:
        """Where the clause holding ``at`` opens: after the last semicolon before it, or at the sentence start."""
        before = bisect.bisect_left(self.semicolons, at) - 1
        return self.semicolons[before] + 1 if before >= 0 else self.floor

    def semicolon_after(self, at: int) -> int:
        """The first semicolon at or after ``at``, or the sentence end."""
        after = bisect.bisect_left(self.semicolons, at)
        return self.semicolons[after] if after < len(self.semicolons) else self.limit

    def count(self, low: int, high: int) -> int:
        """How many aside dashes lie wholly within ``[low, high)``."""
        return max(0, bisect.bisect_right(self.ends, high) - bisect.bisect_left(self.starts, low))

    def any(self, low: int, high: int) -> bool:
        """Whether an aside dash lies wholly within ``[low, high)`` (a range beyond the sentence is searched)."""
        if low < self.floor or high > self.limit:
            return ASIDE_DASH.search(self.text, low, high) is not None
        first = bisect.bisect_left(self.starts, low)
        return first < len(self.starts) and self.ends[first] <= high


SEMICOLON = re.compile(";")


def set_off(asides: Asides, cue: int, figure: Figure) -> bool:
    """Whether ``figure`` sits in an aside between two dashes that the cue at ``cue`` lies outside.

    Reported speech credits its source with the clause it reports, not with the
    author's gloss set into it: in "pledged to ban all Muslims — 1.6 billion members of
    an entire religion — from entering", the figure is the author's. The aside opens
    at an odd-numbered dash of the figure's clause (from the sentence start or the last
    semicolon) and closes at the next dash before the clause ends; a dash left open to
    the end of the sentence ("-- reaching $1.4 trillion") usually carries the reported
    clause on, and is not an aside. The cue is outside when a dash lies between them.
    """
    if asides.count(asides.clause(figure.start), figure.start) % 2 == 0:
        return False
    if not asides.any(figure.end, asides.semicolon_after(figure.end)):
        return False
    low, high = (cue, figure.start) if cue < figure.start else (figure.end, cue)
    return asides.any(low, high)


def _reports(lex: Lexicon, text: str, credit: Credit) -> bool:
    """Whether a credit reports speech or intention (a verb cue), not a document or "according to"."""
    match = WORD.match(text, credit.cue)
    word = match.group().lower() if match is not None else ""
    return not credit.sample and word != "according" and word not in lex.nouns


def _speaker_over_agentless(
    sents: _Sentences, index: int, figure: Figure, window: int, credit: Credit
) -> tuple[str, str] | None:
    """The named speaker of a quotation whose own words credit ``figure`` to no one, or None.

    Inside a quotation an agentless cue is the speaker's wording ("So many are shown to
    be wrong - one in five ..."): the figure is the named speaker's, as the words around
    it are. Only a covering credit without a source yields, and only to a named speaker
    credited outside the marks (a name inside them is the speaker's subject, not the speaker).
    """
    if credit.source[0] < credit.source[1] or window <= 0 or not _quoted(sents, index, figure.start, window):
        return None
    near = _neighbour(sents, index, window, figure.start)
    if near is None or not near[1].named or _quoted(sents, near[0], near[1].cue, window):
        introducer = _colon_introducer(sents, index, figure.start)
        return None if introducer is None else (SOURCED, introducer)
    return _verdict(near[1])


#: Most words of a name introducing a quotation with a colon ("Rep. Ann Vell (D-Harbour):").
INTRODUCER_WORDS = 12


def _colon_introducer(sents: _Sentences, index: int, offset: int) -> str | None:
    """The name a colon introduces a quotation with ('Jo Roe (Harbour Party): "..."'), or None.

    Transcripts and exchanges introduce each speaker's words with the name and a colon.
    The quotation holding ``offset`` opens right after a colon, and the words before the
    colon back to the start of their sentence or line are at most :data:`INTRODUCER_WORDS`
    and hold a capitalised word after their first ("Former minister Ann Vell:"): "Note:"
    or "Highlights:" name no one, and "He added:" is a credit the cue lists read.
    """
    opens = _quotation_opens(sents, index, offset)
    marks = sents.quotes(opens)
    if not marks.positions or not marks.states[0] or (opens == index and marks.positions[0] > offset):
        return None  # the sentence's first mark must open the quotation
    if opens not in sents.introducers:  # read once: every figure of a long quotation asks
        sents.introducers[opens] = _introducer_of(sents, opens, marks.positions[0])
    return sents.introducers[opens]


def _introducer_of(sents: _Sentences, opens: int, mark: int) -> str | None:
    """The name before the colon that ends sentence ``opens`` (or its line) up to its first quotation mark ``mark``, or None."""
    text, start = sents.text, sents.view.sentences[opens].start
    start = text.rfind("\n", start, mark) + 1 or start
    head = text[start:mark].rstrip()
    if not head.endswith(":"):
        return None
    words = head[:-1].split()
    if not 1 < len(words) <= INTRODUCER_WORDS or not any(w[:1].isupper() for w in words[1:]):
        return None
    return " ".join(words)


#: A quotation's closing mark and a credit right after it, up to four spaces (no-break ones too)
#: between: a name in square brackets ('... a year.” [Daily Planet]'; a capital opens it, no digit,
#: '[2]' a footnote, or line break inside), or a dash and a name of up to four capitalised words
#: ending its clause ('... the top 1 percent." - Ann Vell.'); bounded, so linear.
BRACKET_CREDIT = re.compile(
    '["”»“][^\\S\\n]{0,4}(?:\\[([A-Z][^\\]\\d\\n]{0,58})\\]'
    "|[-–—][^\\S\\n]{0,2}([A-Z][\\w'’-]{0,30}\\.?(?: [A-Z][\\w'’-]{0,30}\\.?){0,3})(?=[,.]|[^\\S\\n]{0,8}(?:\\n|$)))"
)


def _bracket_after_quotation(sents: _Sentences, index: int, offset: int) -> str | None:
    """The name in square brackets or after a dash right after the quotation holding ``offset``, or None.

    Digests and newsletters quote an item and credit it after the closing mark:
    '“... It will save $10 million a year.” [Daily Planet]' is the Daily Planet's, and a
    fact check quotes a claim and signs it ('"... the top 1 percent." - Ann Vell.'). The
    first such credit after the figure must come before the end of the sentence where
    the quotation closes. A bracket inside the quotation ('We won. [Laughter] We did.”')
    has no mark before it and credits nothing. The credits are found once per text.
    """
    close = _quotation_closes(sents, index, offset)
    found = sents.bracket_credits()
    at = bisect.bisect_left(found, (offset, ""))
    if at < len(found) and found[at][0] < sents.view.sentences[close].end:
        return found[at][1]
    return None


#: Pronouns opening the sentence before an untagged quotation, who speak it ('He plans ... "In China ...').
SPEAKING_PRONOUNS = frozenset("he she".split())


def _subject_before_quotation(sents: _Sentences, index: int, offset: int) -> str | None:
    """The "He" or "She" opening the sentence before a quotation no credit speaks for, or None.

    'He plans to ship them by May. "In China they spend $17 a year on books."': news copy
    quotes the person the paragraph is about without a tag, and the pronoun names them as
    "he said" does. The quotation opens its sentence; it has no credit with a source in its
    sentences or the window (the caller's :func:`_neighbour` found none), so a tagged
    quotation ('"...," a critic said') keeps its speaker. A sentence before about a thing
    ("It rose ...", "Prices ...") or a name is not read: a subject cannot be told from a
    place or a plural noun without a parser.
    """
    opens = _quotation_opens(sents, index, offset)
    marks = sents.quotes(opens)
    if opens == 0 or not marks.positions or not marks.states[0]:
        return None
    if not _opens_sentence(sents, opens, marks.positions[0]):
        return None
    words = sents.words(opens - 1)
    if len(words) > 1 and words[0].lower in SPEAKING_PRONOUNS:
        return sents.text[words[0].start : words[0].end]
    return None


#: A speech tag right after a closing mark whose verb the cue lists lack ('“... 11 million?” Hannity pressed.'):
#: "he"/"she" or up to three capitalised words, then a past verb in "-ed", then a full stop or comma
#: (each word bounded, so a match asked once per figure stays short on hostile text).
TAG_AFTER = re.compile(r"[^\S\n]{1,3}(he|she|[A-Z][\w'’.-]{0,30}(?: [A-Z][\w'’.-]{0,30}){0,2}) ([a-z]{2,20}ed)[.,]")


def _tag_after_quotation(sents: _Sentences, index: int, offset: int) -> str | None:
    """The speaker of a tag after the closing mark of a quotation no credit speaks for, or None.

    '“Would it cover the 11 million?” Hannity pressed.' and '"..., " she quipped.': any past
    verb in a tag is one of saying, though the cue lists hold a few dozen. A single
    capitalised word ending in "s" is read as a plural noun ('"We won." Markets rallied.'),
    no speaker.
    """
    close = _quotation_closes(sents, index, offset)
    marks = sents.quotes(close)
    after = bisect.bisect_right(marks.positions, offset) if close == index else 0
    if after >= len(marks.positions) or marks.states[after]:
        return None  # the next mark opens (or there is none): no closing mark to follow
    match = TAG_AFTER.match(sents.text, marks.positions[after] + 1)
    if match is None:
        return None
    name = match.group(1)
    return None if " " not in name and name.endswith("s") else name


def _covering_verdict(sents: _Sentences, index: int, figure: Figure, window: int, credit: Credit) -> tuple[str, str]:
    """The verdict of the credit covering ``figure``, or of its quotation's named speaker (:func:`_speaker_over_agentless`).

    A vague credit's clause may mention the figure as a given fact
    (:mod:`~copydesk.plugins.figures.given`): then no finding.
    """
    verdict = _speaker_over_agentless(sents, index, figure, window, credit) or _credit_verdict(sents, index, credit)
    if verdict[0] == VAGUE and given(sents.text, sents.words(index), credit.cue, figure):
        return GIVEN, verdict[1]
    return verdict


def _quoted(sents: _Sentences, index: int, offset: int, window: int) -> bool:
    """Whether ``offset`` in sentence ``index`` lies inside a quotation (opened at most ``window`` sentences back)."""
    maps = [sents.quotes(i) for i in range(max(0, index - window), index + 1)]
    return in_quotation(maps, len(maps) - 1, offset, window)


def judge(sents: _Sentences, index: int, figure: Figure, window: int) -> tuple[str, str]:
    """The verdict (sourced, vague, unsourced, given) and source text of one figure.

    A credit whose cue an aside separates from the figure does not hold it (see
    :func:`set_off`), unless the figure is inside a quotation (the aside is the speaker's).
    """
    text = sents.text
    sentence = sents.view.sentences[index]
    found = sents.credits(index)
    if found and not sents.quotes(index).inside(figure.start):
        asides = sents.asides(index)
        found = [c for c in found if not _reports(sents.lex, text, c) or not set_off(asides, c.cue, figure)]
    credit = covering(found, figure.start, figure.end)
    if credit is not None:
        return _covering_verdict(sents, index, figure, window, credit)
    paren = _parenthetical(text, figure.end, sentence.end) or _via(text, figure.end, sentence.end)
    if paren is not None or sents.linked(index):
        return SOURCED, paren or "a linked source"
    signer = _tweet(text, figure.end)
    if signer is not None:
        return SOURCED, signer
    maps = [sents.quotes(i) for i in range(max(0, index - window), index + 1)]
    if window > 0 and in_quotation(maps, len(maps) - 1, figure.start, window):
        return _quoted_verdict(sents, index, figure, window)
    if index > 0 and window > 0 and text[sents.view.sentences[index - 1].end - 1] == ":" and sents.credits(index - 1):
        return _verdict(sents.credits(index - 1)[-1])
    return UNSOURCED, uncovering_cue(sents, index, figure)


def _quoted_verdict(sents: _Sentences, index: int, figure: Figure, window: int) -> tuple[str, str]:
    """The verdict of a figure inside a quotation no credit of its sentence holds: its speaker's, if one is found.

    A credit of a sentence nearby (:func:`_neighbour`); else, when that credit names nobody,
    a bracketed name after the quotation; with no such credit, the subject before it or a
    tag after it; none of these: an unnamed speaker (vague).
    """
    near = _neighbour(sents, index, window, figure.start)
    if near is None or not near[1].named:
        bracket = _bracket_after_quotation(sents, index, figure.start)
        if bracket is not None:
            return SOURCED, bracket
    if near is None:
        subject = (
            _subject_before_quotation(sents, index, figure.start)
            or _tag_after_quotation(sents, index, figure.start)
            or _colon_introducer(sents, index, figure.start)
        )
        if subject is not None:
            return SOURCED, subject
    return _credit_verdict(sents, *near) if near is not None else (VAGUE, "an unnamed speaker")


def uncovering_cue(sents: _Sentences, index: int, figure: Figure) -> str:
    """The cue of the credit of sentence ``index`` nearest an unsourced ``figure`` ("" when it has none).

    That credit does not hold the figure ("Ann Cole, who earns £40,000, told the inquiry she
    was underpaid": the figure is in a relative clause, not in what she told), so FIG001's
    message names its cue rather than saying the sentence holds no attribution.
    """
    found = sents.credits(index)
    if not found:
        return ""
    nearest = min(found, key=lambda credit: abs(credit.cue - figure.start))
    match = WORD.match(sents.text, nearest.cue)
    word = match.group() if match is not None else ""
    return "according to" if word.lower() == "according" else word


def analyse(
    document: Document, settings: Mapping[str, Any], runs: list[tuple[int, int]] | None = None
) -> list[Attributed]:
    """Every figure of the body with its verdict, in reading order (the body's digit runs appended to ``runs``)."""
    view = document.body
    sents = _Sentences(view, lexicon(settings))
    window = int(settings["window"])
    threshold = float(settings["large_count"])
    found: list[Attributed] = []
    for index, figures in sentence_figures(view, threshold, runs):
        for figure in figures:
            verdict, source = judge(sents, index, figure, window)
            found.append(Attributed(figure, index, verdict, source))
    return found
