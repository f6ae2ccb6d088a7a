"""Find template text in one article: furniture, generic bylines, batch-repeated lines.

A :class:`Scan` holds what one article needs (its lexicon, the batch statistics, its
site name) and classifies a whole line or a single sentence. The boilerplate plugin
uses it twice: ``segment`` scans every line to label the boilerplate segments, and
``score`` classifies only the segments it is handed, plus the lines outside them for
repeated long lines and sentences (which are reported but not segmented).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from copydesk import Document, Line, Sentence, Settings
from copydesk.plugins.boilerplate.batch import BatchStats, line_key, sentence_key
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
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
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
        rest = norms if len(norms) <= 4 else []
    rest_site = "".join(w for w in rest if w not in _TLDS)
    if site and rest_site == site:
        return True
    return bool(rest) and all(w in lex.roles for w in rest) and any(w in lex.strong_roles for w in rest)


@dataclass(frozen=True)
class Scan:
    """Classifies lines and sentences of one document."""

    document: Document
    lex: Lexicon
    stats: BatchStats | None
    settings: Settings
    site: str
    words: WordIndex
    #: Per body line: its normalised words, and in how many articles of the batch it occurs.
    line_words: list[str]
    line_counts: list[int]

    @classmethod
    def of(cls, document: Document, settings: Settings, batch: object) -> Scan:
        """A scan of ``document`` with the batch statistics (or None when unavailable)."""
        stats = batch if isinstance(batch, BatchStats) else None
        lex, site, words = build(settings), site_name(document.article.url), index_of(document.body)
        lines: list[str] = []
        counts: list[int] = []
        if stats is not None:
            lines = [words.normal(line.start, line.end) for line in document.body.lines]
            counts = stats.count_all([line_key(w) for w in lines])
        return cls(document, lex, stats, settings, site, words, lines, counts)

    def others(self) -> list[int]:
        """For every body line, in how many other articles of the batch it also occurs."""
        if self.stats is None:
            return [0] * len(self.document.body.lines)
        return [count - 1 if words else 0 for words, count in zip(self.line_words, self.line_counts, strict=True)]

    def line(self, index: int, line: Line) -> list[Match]:
        """Matches of a whole line: furniture line or box label, generic byline, batch repeat."""
        text = self.document.body.text
        short = line.end - line.start <= MAX_MATCH_CHARS
        toks = self.words.tokens(line.start, line.end if short else line.start + LABEL_CHARS)
        found: list[Match] = []
        category = self.lex.line_category(toks) if toks and short else None
        if category is None and toks:
            label = self.lex.label_category(text, toks, line.end)
            category = label[0] if label else None
        if category is not None:
            found.append(Match("furniture", line.start, line.end, category))
        if short and index < self.lex.byline_first_lines and generic_byline(toks, self.lex, self.site):
            found.append(Match("byline", line.start, line.end))
        words = self.line_words[index] if self.stats is not None else ""
        if self.stats is not None and words:
            count = self.line_counts[index]
            if count >= self.stats.threshold:
                small = words.count(" ") + 1 <= int(self.settings["repeated_segment_max_words"])
                found.append(Match("repeated", line.start, line.end, "line", count, small))
        return found

    def sentence(self, sentence: Sentence, previous: Sentence | None) -> list[Match]:
        """Matches of one sentence: a reader prompt or call (with the question before it)."""
        text = self.document.body.text
        if sentence.end - sentence.start > MAX_MATCH_CHARS:
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

    def repeated_sentence(self, sentence: Sentence) -> Match | None:
        """A long sentence that recurs across the batch (reported, not segmented)."""
        if self.stats is None:
            return None
        words = self.words.normal(sentence.start, sentence.end)
        if not words or words.count(" ") + 1 < int(self.settings["repeated_min_sentence_words"]):
            return None
        count = self.stats.count(sentence_key(words))
        if count < self.stats.sentence_threshold:
            return None
        return Match("repeated", sentence.start, sentence.end, "sentence", count, False)


def _reader_question(text: str, sentence: Sentence, words: WordIndex) -> bool:
    """True for a question put to the reader ("What are your thoughts?")."""
    if sentence.end - sentence.start > MAX_MATCH_CHARS or not text[sentence.start : sentence.end].rstrip().endswith(
        "?"
    ):
        return False
    return any(t.norm in READER for t in words.tokens(sentence.start, sentence.end))
