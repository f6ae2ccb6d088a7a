"""Find template text in one article: furniture, generic bylines, batch-repeated lines.

A :class:`Scan` holds what one article needs (its lexicon, the batch statistics, its
site name, and the batch counts of every line and long sentence, looked up at once)
and classifies a whole line or a single sentence. The boilerplate plugin uses it twice:
``segment`` scans every line to label the boilerplate segments, and ``score``
classifies only the segments it is handed, plus the repeated long lines and sentences
outside them (reported but not segmented), which the counts already name.
"""

from __future__ import annotations

import bisect
import sys
from array import array
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from copydesk import Document, Line, Sentence, Settings
from copydesk.plugins.boilerplate.batch import BatchStats, slotted_digests
from copydesk.plugins.boilerplate.hashing import word_digests
from copydesk.plugins.boilerplate.hints import (
    BARE_BYLINE_WORDS,
    SENTENCE_KINDS,
    cut_starts,
    looked_up_lines,
    phrase_starts,
    unpack,
)
from copydesk.plugins.boilerplate.lexicon import (
    LABEL_CHARS,
    MAX_MATCH_CHARS,
    READER,
    Lexicon,
    Token,
    build,
)
from copydesk.plugins.boilerplate.words import WordIndex, index_of

_TLDS = frozenset({"com", "net", "org", "co", "uk", "info", "news", "online", "io", "us", "biz", "www"})


class Match(NamedTuple):
    """One piece of template: what it is, where, and whether it is a boilerplate segment."""

    kind: str
    start: int
    end: int
    category: str = ""
    articles: int = 0
    segment: bool = True


def site_name(url: str | None) -> str:
    """The site's own name from its URL ("https://www.daily-news.com/x" -> "dailynews")."""
    if not url:
        return ""
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:  # a malformed URL ("http://[bad/x") names no site
        return ""
    parts = [p for p in host.split(".") if p and p not in _TLDS]
    return parts[-1].replace("-", "") if parts else ""


def generic_byline(toks: list[Token], lex: Lexicon, site: str = "") -> bool:
    """True when a byline line names a role or the site ("by Chief Editor"), not a person."""
    if not toks or len(toks) > lex.byline_max_words:
        return False
    norms = [t.norm for t in toks]
    rest: list[str] | None = None
    for lead in lex.lead_ins:
        if tuple(norms[: len(lead)]) == lead:
            rest = norms[len(lead) :]
            break
    if rest is None:
        rest = norms if len(norms) <= BARE_BYLINE_WORDS else []
    rest_site = "".join(w for w in rest if w not in _TLDS)
    if site and rest_site == site:
        return True
    return bool(rest) and all(w in lex.roles for w in rest) and any(w in lex.strong_roles for w in rest)


#: The lead-ins of a wire story's credit line ("Reporting by Ann Cole; Editing by Tom Vell").
CREDIT_LEAD_INS = (
    ("additional", "reporting", "by"),
    ("reporting", "by"),
    ("editing", "by"),
    ("writing", "by"),
)
#: The first words of :data:`CREDIT_LEAD_INS`: a credit line's first token is one of them.
_CREDIT_FIRSTS = frozenset(lead[0] for lead in CREDIT_LEAD_INS)
#: Lower-case particles of a person's name ("Luis de Souza").
_NAME_PARTICLES = frozenset(
    {"de", "da", "del", "dos", "di", "du", "van", "von", "der", "den", "ter", "al", "el", "bin"}
)
#: Most words a credit line may have (the line is tokenised only up to :data:`MAX_MATCH_CHARS`).
CREDIT_MAX_WORDS = 40


def _credit_lead(norms: list[str], i: int) -> int:
    """The number of words of the credit lead-in at ``norms[i]``, or 0."""
    for lead in CREDIT_LEAD_INS:
        if tuple(norms[i : i + len(lead)]) == lead:
            return len(lead)
    return 0


def _credited(text: str, toks: list[Token], i: int, lex: Lexicon) -> tuple[int, int]:
    """``(name words, index after them)`` of the people a credit names from ``toks[i]``; -1 names when a word is no name.

    Names are capitalised words that are no byline role, joined by "and" (or punctuation),
    each optionally followed by "in" and a place ("Ann Cole in Lowmarsh"); they stop at the
    next lead-in (or "and" and a lead-in).
    """
    norms = [t.norm for t in toks]
    named, place, dangling = 0, False, False
    while i < len(toks) and not _credit_lead(norms, i):
        word = norms[i]
        if word == "and" and _credit_lead(norms, i + 1):
            return named, i + 1
        if word in ("and", "in"):
            if dangling or not named:
                return -1, i
            place, dangling = word == "in", True
        elif word in _NAME_PARTICLES and named and not dangling:
            pass
        elif not text[toks[i].start].isupper() or word in lex.roles:
            return -1, i
        else:
            named, dangling = named + (not place), False
        i += 1
    return (-1 if dangling else named), i


def credit_line(text: str, toks: list[Token], lex: Lexicon) -> bool:
    """True for a wire story's credit line naming people ("Reporting by Ann Cole; Editing by Tom Vell").

    Every part must be a lead-in of :data:`CREDIT_LEAD_INS` and at least one person's
    name (see :func:`_credited`): a site's sign-off ("by Chief Editor", "Editing by Staff",
    "Follow us on X") is not one.
    """
    if not toks or len(toks) > CREDIT_MAX_WORDS:
        return False
    norms = [t.norm for t in toks]
    i = 0
    while i < len(toks):
        lead = _credit_lead(norms, i)
        if not lead:
            return False
        named, i = _credited(text, toks, i + lead, lex)
        if named <= 0:
            return False
    return True


class _Memo:
    """What one article's scans have found so far: ``segment`` and ``score`` share it."""

    __slots__ = ("by_line", "by_sentence", "cut", "hits", "lines", "looked", "sentences", "site")

    def __init__(self) -> None:
        #: The matches of the body lines that have one (see :meth:`Scan.line`), found for every line at once.
        self.lines: dict[int, list[Match]] | None = None
        self.sentences: dict[tuple[Sentence, Sentence | None], list[Match]] = {}
        #: Word indexes where a prompt or sentence phrase of the lexicon may start.
        self.hits: list[int] | None = None
        #: The lines a lexicon table may match, and the starts of the lines and sentences whose
        #: edge cuts a word (see :mod:`~copydesk.plugins.boilerplate.hints`): from the record, or found.
        self.looked: list[int] | None = None
        self.cut: list[int] | None = None
        #: Per body line, the matches of its sentences (see :meth:`Scan.every_sentence`).
        self.by_line: dict[int, list[Match]] | None = None
        self.by_sentence: dict[int, list[Match]] = {}
        #: The site's name (see :meth:`Scan.site`).
        self.site: str | None = None


#: How many articles' scans are kept (``segment`` and ``score`` of one article share one).
_CACHED = 4
_SCANS: list[tuple[tuple[object, ...], Scan]] = []


@dataclass(frozen=True)
class Scan:
    """Classifies lines and sentences of one document."""

    document: Document
    lex: Lexicon
    stats: BatchStats | None
    settings: Settings
    words: WordIndex
    #: In how many articles of the batch a body line occurs, by line index: the lines with words found in 2 or more.
    line_counts: dict[int, int]
    #: In how many stories a body sentence of at least ``repeated_min_sentence_words`` words occurs: those in 2 or more.
    sentence_counts: dict[Sentence, int]
    #: Whether a headline frame may be shared (False: the batch pass's record shows none is).
    frames_shared: bool = True
    #: The batch pass's record was used: :attr:`near` is the near duplicate (else ask the batch statistics).
    recorded: bool = False
    near: tuple[str, float] | None = None
    memo: _Memo = field(default_factory=_Memo, compare=False)

    @classmethod
    def of(cls, document: Document, settings: Settings, batch: object) -> Scan:
        """A scan of ``document`` with the batch statistics (or None when unavailable).

        The scan of the same body, article, settings and batch is shared (the last few
        are kept), so what ``segment`` found is not looked for again by ``score``.
        """
        key = (document.body, document.article, settings, batch)
        for seen, scan in _SCANS:
            if all(a is b for a, b in zip(seen, key, strict=True)):
                return scan if scan.document is document else scan.changed(document=document)
        scan = cls._new(document, settings, batch)
        _SCANS.insert(0, (key, scan))
        del _SCANS[_CACHED:]
        return scan

    @classmethod
    def _new(cls, document: Document, settings: Settings, batch: object) -> Scan:
        """A fresh scan of ``document``: with batch statistics, the counts of its lines and long sentences.

        They come from the batch pass's record of the article when it has a trusted one
        (:meth:`BatchStats.record`), else from one look-up of every line's and long sentence's key.
        """
        stats = batch if isinstance(batch, BatchStats) else None
        scan = cls(document, build(settings), stats, settings, index_of(document.body), {}, {})
        if stats is None:
            return scan
        record = stats.record(document, settings)
        if record is not None:
            return _recorded(scan, record)
        # The lines' and long sentences' keys hashed as the batch pass hashes them (see batch.slotted_digests).
        body = document.body
        slots, found = slotted_digests(document, settings, scan.lex, word_digests(scan.words.low), False)
        lines = len(body.lines)
        for slot, count in zip(slots, stats.counts_of(found), strict=True):
            if slot >= lines and count >= 2:
                scan.sentence_counts[body.sentences[slot - lines]] = count
            elif 0 <= slot < lines and count >= 2:
                scan.line_counts[slot] = count
        return scan

    def changed(self, **changes: Any) -> Scan:
        """``dataclasses.replace(self, **changes)`` (the memo shared too), without its call of ``__init__``."""
        scan = object.__new__(Scan)
        scan.__dict__.update(self.__dict__, **changes)
        return scan

    @property
    def site(self) -> str:
        """The site's own name from the article's URL (:func:`site_name`), found when a byline first needs it."""
        if self.memo.site is None:
            self.memo.site = site_name(self.document.article.url)
        return self.memo.site

    def others(self) -> list[int]:
        """For every body line, in how many other articles of the batch it also occurs."""
        found = self.line_counts
        if not found:
            return [0] * len(self.document.body.lines)
        return [found.get(i, 1) - 1 for i in range(len(self.document.body.lines))]

    def line(self, index: int, line: Line) -> list[Match]:
        """Matches of a whole line of the body: furniture line or box label, generic byline, batch repeat."""
        return list(self.matched_lines().get(index, ()))

    def every_line(self) -> list[list[Match]]:
        """:meth:`line` of every body line, in order."""
        matched = self.matched_lines()
        return [list(matched.get(index, ())) for index in range(len(self.document.body.lines))]

    def matched_lines(self) -> dict[int, list[Match]]:
        """:meth:`line` of the body lines that have a match, by index (computed once; shared, not to be changed).

        A line is looked up in the lexicon only when a table of it may match the line
        (:func:`~copydesk.plugins.boilerplate.hints.looked_up_lines`, or the batch pass's
        record of them): most lines are not, and have at most their batch repeat.
        """
        if self.memo.lines is None:
            looked = self.memo.looked
            if looked is None:
                looked = looked_up_lines(self.document.body, self.words, self.lex)
            lines = self.document.body.lines
            found = {index: self._line(index, lines[index]) for index in looked}
            found.update((index, self.repeated_line(index, lines[index])) for index in self.line_counts.keys() - found)
            self.memo.lines = {index: matches for index, matches in found.items() if matches}
        return self.memo.lines

    def _line(self, index: int, line: Line) -> list[Match]:
        """:meth:`line`, computed (tokenised only where :meth:`_tables` finds a table that could match it)."""
        text, lex = self.document.body.text, self.lex
        stop, head, as_line, as_label, as_byline = self._tables(index, line)
        toks = self.words.tokens(line.start, stop) if head != "" and (as_line or as_label or as_byline) else []
        found: list[Match] = []
        category = lex.line_category(toks) if toks and as_line else None
        if category is None and toks and as_label:
            label = lex.label_category(text, toks, line.end)
            category = label[0] if label else None
        if category is not None:
            found.append(Match("furniture", line.start, line.end, category))
        if as_byline and generic_byline(toks, lex, self.site):
            found.append(Match("byline", line.start, line.end))
        found.extend(self.repeated_line(index, line))
        return found

    def _tables(self, index: int, line: Line) -> tuple[int, str | None, bool, bool, bool]:
        """Where line ``index`` is read to, its first token, and whether it may be a furniture line, a box label, a byline.

        A lexicon table could match the line when its first token starts a phrase of the
        table (known from the word index without tokenising), or, for a byline, when it is
        among the first lines; and, unless it may open with a box label, only when it may
        have no more tokens than a furniture line or a byline.
        """
        lex = self.lex
        short = line.end - line.start <= MAX_MATCH_CHARS
        stop = line.end if short else line.start + LABEL_CHARS
        head = self.words.head(line.start, stop)
        as_line = short and (head is None or head in lex.by_first["line"])
        as_label = head is None or head in lex.by_first["label"]
        as_byline = short and index < lex.byline_first_lines
        if (as_line or as_byline) and not as_label:  # tokens matter only to a line of few of them
            as_line = as_line and not self.words.exceeds(line.start, stop, lex.longest["line"])
            as_byline = as_byline and not self.words.exceeds(line.start, stop, lex.byline_max_words)
        return stop, head, as_line, as_label, as_byline

    def repeated_line(self, index: int, line: Line) -> list[Match]:
        """The line as repeated across the batch, when the batch pass counted it often enough."""
        if self.stats is None:
            return []
        count = self.line_counts.get(index, 0)
        if count < self.stats.threshold or self._credit(line.start, line.end):
            return []
        # Its normal form's words (one, when it has none), read from its span unless an edge cuts a word.
        span = self.words.span(line.start, line.end)
        size = max(1, span[1] - span[0]) if span is not None else self.words.normal(*line).count(" ") + 1
        small = size <= int(self.settings["repeated_segment_max_words"])
        return [Match("repeated", line.start, line.end, "line", count, small)]

    def sentence(self, sentence: Sentence, previous: Sentence | None) -> list[Match]:
        """Matches of one sentence: a reader prompt or call (with the question before it)."""
        found = self.memo.sentences.get((sentence, previous))
        if found is None:
            found = self.memo.sentences[sentence, previous] = self._sentence(sentence, previous)
        return list(found)

    def _sentence(self, sentence: Sentence, previous: Sentence | None) -> list[Match]:
        """:meth:`sentence`, computed (tokenised only where a prompt or sentence phrase may start)."""
        text = self.document.body.text
        if sentence.end - sentence.start > MAX_MATCH_CHARS or not self._may_hold_phrase(sentence):
            return []
        toks = self.words.tokens(sentence.start, sentence.end)
        if not toks:
            return []
        category = self.lex.prompt_category(toks) or self.lex.sentence_category(toks)
        if category is None:
            return []
        start = sentence.start
        if previous is not None and previous.line == sentence.line and _reader_question(text, previous, self.words):
            start = previous.start
        return [Match("furniture", start, sentence.end, category)]

    def every_sentence(self) -> dict[int, list[Match]]:
        """:meth:`sentence` of every body sentence (with the one before it on its line), by line; lines without one left out.

        Only a sentence that :meth:`_may_hold_phrase` can match: one holding a word where a
        prompt or sentence phrase may start (:meth:`_phrase_hits`: none in most articles), or
        one whose edge cuts a word. Each of those is found directly (the sentence of a
        hit's offset; the word index's cut spans), not by visiting every sentence. Computed once.
        """
        return self.sentence_matches()[0]

    def sentence_matches(self) -> tuple[dict[int, list[Match]], dict[int, list[Match]]]:
        """:meth:`every_sentence`, and the same matches by sentence index (each with the sentence before it on its line).

        A sentence left out has none: :meth:`sentence` of it, with the sentence before it
        on its line, is empty (it holds no phrase start and cuts no word).
        """
        if self.memo.by_line is None:
            found: dict[int, list[Match]] = {}
            by_sentence: dict[int, list[Match]] = {}
            body = self.document.body
            sentences = body.sentences
            starts = self.words.starts_view
            if self.memo.cut is None:
                self.memo.cut = cut_starts(self.words)
            offsets = [starts[hit] for hit in self._phrase_hits()] + self.memo.cut
            # (sentences start at strictly increasing offsets: a sentence's start finds that sentence)
            for at in sorted({at for offset in offsets if (at := body.sentence_index(offset)) is not None}):
                sentence = sentences[at]
                previous = sentences[at - 1] if at else None
                before = previous if previous is not None and previous.line == sentence.line else None
                if matches := self.sentence(sentence, before):
                    found.setdefault(sentence.line, []).extend(matches)
                    by_sentence[at] = matches
            self.memo.by_line, self.memo.by_sentence = found, by_sentence
        return self.memo.by_line, self.memo.by_sentence

    def _phrase_hits(self) -> list[int]:
        """:func:`phrase_starts` of the body's words for prompt and sentence phrases, computed once."""
        if self.memo.hits is None:
            self.memo.hits = phrase_starts(self.lex, self.words.low, SENTENCE_KINDS)
        return self.memo.hits

    def _may_hold_phrase(self, sentence: Sentence) -> bool:
        """False when no prompt or sentence phrase of the lexicon can be among the sentence's tokens."""
        span = self.words.span(sentence.start, sentence.end)
        if span is None:
            return True
        hits = self._phrase_hits()
        at = bisect.bisect_left(hits, span[0])
        return at < len(hits) and hits[at] < span[1]

    def _credit(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` is a credit line naming people (:func:`credit_line`): wire copy, not template.

        A span whose first token (the word index's :meth:`~WordIndex.head`, read without
        tokenising) opens no credit lead-in is none: most repeated lines and sentences.
        """
        if end - start > MAX_MATCH_CHARS:
            return False
        head = self.words.head(start, end)
        if (head is not None and head not in _CREDIT_FIRSTS) or self.words.exceeds(start, end, CREDIT_MAX_WORDS):
            return False
        return credit_line(self.document.body.text, self.words.tokens(start, end), self.lex)

    def repeated_lines(self) -> list[int]:
        """The indexes of the body lines repeated across the batch often enough to be reported (see :meth:`line`)."""
        if self.stats is None:
            return []
        threshold = self.stats.threshold
        return sorted(i for i, count in self.line_counts.items() if count >= threshold)

    def repeated_sentences(self) -> dict[int, list[Match]]:
        """Per body line index, its long sentences repeated across the batch (reported, not segmented), in order."""
        found: dict[int, list[Match]] = {}
        if self.stats is None:
            return found
        threshold = self.stats.sentence_threshold
        for sentence, count in self.sentence_counts.items():
            if count >= threshold and not self._credit(sentence.start, sentence.end):
                match = Match("repeated", sentence.start, sentence.end, "sentence", count, False)
                found.setdefault(sentence.line, []).append(match)
        return found


def _recorded(scan: Scan, record: tuple[bytes, bytes, bytes, tuple[str, float] | None, bytes]) -> Scan:
    """``scan`` with the counts and hints of the batch pass's record (see :func:`copydesk.plugins.boilerplate.batch._records`)."""
    _, slots, counts, near, hinted = record
    values = array("i", hinted)
    if sys.byteorder == "big":
        values.byteswap()
    scan.memo.looked, scan.memo.hits, scan.memo.cut = unpack(values)
    body = scan.document.body
    lines, sentences = len(body.lines), len(body.sentences)
    shared = False
    found, counted = array("i", slots), array("I", counts)
    if sys.byteorder == "big":  # (written little-endian)
        found.byteswap()
        counted.byteswap()
    for slot, count in zip(found, counted, strict=True):
        if slot < 0:  # a sentence without words (keyed only when any sentence is long enough)
            continue
        if slot < lines:
            scan.line_counts[slot] = count
        elif slot < lines + sentences:
            scan.sentence_counts[body.sentences[slot - lines]] = count
        else:
            shared = True
    return scan.changed(frames_shared=shared, recorded=True, near=near)


def _reader_question(text: str, sentence: Sentence, words: WordIndex) -> bool:
    """True for a question put to the reader ("What are your thoughts?")."""
    if sentence.end - sentence.start > MAX_MATCH_CHARS or not text[sentence.start : sentence.end].rstrip().endswith(
        "?"
    ):
        return False
    return any(t.norm in READER for t in words.tokens(sentence.start, sentence.end))
