"""Template boilerplate (TPL): furniture, generic bylines and text repeated across a batch.

Content farms assemble articles from a template: a role for a byline, "Did you know?"
and "Pro Tip:" boxes, an FAQ, "You may also like", "Leave a Comment", a closing call to
share your thoughts in the comments below; scrapes add navigation, share counters and
cookie lines. Text recurring across many articles of one batch is template whatever its
words. The share of an article that is template (by characters) is the sub-score's
measure, and the template lines are handed to every other scorer as ``"boilerplate"``
segments (so truncation judges the last real sentence, not "Leave a Comment").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping

from copydesk import (
    WORD,
    Assessment,
    BatchPass,
    Context,
    Document,
    Finding,
    Scorer,
    Segment,
    Settings,
    hookimpl,
    measures,
)
from copydesk.plugins.boilerplate import batch as batch
from copydesk.plugins.boilerplate.chrome import chrome_lines, story_lines
from copydesk.plugins.boilerplate.detect import Match, Scan, generic_byline
from copydesk.plugins.boilerplate.features import FEATURES
from copydesk.plugins.boilerplate.features import features as feature_values
from copydesk.plugins.boilerplate.lexicon import MAX_MATCH_CHARS, entry_problem, phrase_key, tokens
from copydesk.plugins.boilerplate.rules import (
    GENERIC_BYLINE,
    NEAR_DUPLICATE_ARTICLE,
    PAGE_CHROME,
    REPEATED_ACROSS_BATCH,
    RULES,
    TEMPLATE_FURNITURE,
    TEMPLATED_HEADLINE,
)

__all__ = [
    "GENERIC_BYLINE",
    "NEAR_DUPLICATE_ARTICLE",
    "PAGE_CHROME",
    "REPEATED_ACROSS_BATCH",
    "SCORER",
    "TEMPLATED_HEADLINE",
    "TEMPLATE_FURNITURE",
]

LABEL = "boilerplate"
_QUOTE_LIMIT = 80
#: Characters of a long span read first for its quote.
_QUOTE_READ = 2 * _QUOTE_LIMIT


def segment(document: Document, context: Context) -> Iterator[Segment]:
    """Label template lines and sentences of the body as ``"boilerplate"`` segments."""
    scan = Scan.of(document, context.settings, context.batch)
    lines = document.body.lines
    # Lines with a segment match are segments whole; else their furniture sentences, each with the
    # reader question before it; the lines with neither are plain (only those are read one by one).
    whole = {i for i, matches in scan.matched_lines().items() if any(m.segment for m in matches)}
    spans = {(lines[i].start, lines[i].end) for i in whole}
    by_line = scan.every_sentence()
    spans.update((m.start, m.end) for i, found in by_line.items() if i not in whole for m in found)
    settings = context.settings
    if settings["chrome_model"] and len(lines) >= int(settings["chrome_min_lines"]):
        plain = [i for i in range(len(lines)) if i not in whole and i not in by_line]
        if plain:
            others = scan.others()
            # Each line's chance is its own (the lines asked about change none), so the story's own
            # prose and introduced lists (see chrome.story_lines), which are not judged, are read
            # only when the model flags a plain line: most articles have none.
            chrome = chrome_lines(document, others, plain, float(settings["chrome_threshold"]))
            if chrome:
                story = story_lines(document, others)
                spans.update((lines[i].start, lines[i].end) for i in chrome if i not in story)
    for start, end in sorted(spans):
        yield Segment(LABEL, start, end)


def _classify(scan: Scan, seg: Segment, line_at: dict[int, int]) -> list[Match]:
    """What a boilerplate segment is: the matches of its line and of the sentences in it."""
    body = scan.document.body
    index = line_at.get(seg.start)
    whole = index is not None and body.lines[index].end == seg.end
    found = scan.line(index, body.lines[index]) if index is not None and whole else []
    if not any(m.kind == "furniture" for m in found):
        # The matches of the sentences from the segment's start to its end, each with the sentence
        # before it on its line: only the sentences that have one are kept (see Scan.sentence_matches).
        by_sentence = scan.sentence_matches()[1]
        at = body.sentence_index(seg.start)
        if at is not None and by_sentence:
            for k in range(at, bisect.bisect_left(body.sentences, (seg.end,), at)):
                found += [m for m in by_sentence.get(k, ()) if m.start >= seg.start]
    if whole and not any(m.segment for m in found):
        found.append(Match("chrome", seg.start, seg.end))
    return found


def _outside(scan: Scan) -> Iterator[Match]:
    """Repeated long lines and sentences that are not inside a boilerplate segment.

    A line repeated across the batch is reported whole (its sentences are not looked
    at); otherwise each of its repeated long sentences is. Only the lines holding one or
    the other are visited (the scan knows them from its one look-up of the batch counts).
    """
    document = scan.document
    spans = document.segments.get(LABEL, ())
    starts = [seg.start for seg in spans]

    def inside(offset: int) -> bool:
        at = bisect.bisect_right(starts, offset) - 1
        return at >= 0 and spans[at].start <= offset < spans[at].end

    lines = document.body.lines
    repeated = set(scan.repeated_lines())
    sentences = scan.repeated_sentences()
    for i in sorted(repeated.union(sentences)):
        if inside(lines[i].start):
            continue
        if i in repeated:
            yield from scan.repeated_line(i, lines[i])
            continue
        yield from (match for match in sentences[i] if not inside(match.start))


def _quote(text: str) -> str:
    """A span's text on one line, clipped for a message.

    A long span's first :data:`_QUOTE_READ` characters are read first: their words joined
    are the start of the whole span's (the last one possibly cut short), so when they
    already run past the limit, the clipped quote is theirs.
    """
    if len(text) > _QUOTE_READ:
        start = " ".join(text[:_QUOTE_READ].split())
        if len(start) > _QUOTE_LIMIT:
            return start[: _QUOTE_LIMIT - 3] + "..."
    flat = " ".join(text.split())
    return flat if len(flat) <= _QUOTE_LIMIT else flat[: _QUOTE_LIMIT - 3] + "..."


def _finding(scan: Scan, match: Match) -> Finding:
    """The finding of one match in the body."""
    body = scan.document.body
    text = _quote(body.text[match.start : match.end])
    if match.kind == "furniture":
        return TEMPLATE_FURNITURE.finding(body, match.start, match.end, category=match.category, text=text)
    if match.kind == "byline":
        return GENERIC_BYLINE.finding(body, match.start, match.end, text=text)
    if match.kind == "repeated":
        articles = scan.stats.articles if scan.stats else 1
        unit = "Line" if match.category == "line" else "Sentence"
        data = {"articles": match.articles}
        return REPEATED_ACROSS_BATCH.finding(
            body, match.start, match.end, data=data, unit=unit, count=match.articles, articles=articles, text=text
        )
    span = scan.words.span(match.start, match.end)  # (the words of the line: WORD's matches in it, unless cut)
    words = span[1] - span[0] if span is not None else len(WORD.findall(body.text, match.start, match.end))
    return PAGE_CHROME.finding(body, match.start, match.end, words=words, text=text)


def _batch_findings(scan: Scan) -> Iterator[Finding]:
    """Templated headlines and the near-duplicate finding, which need the batch."""
    stats, document = scan.stats, scan.document
    if stats is None:
        return
    shared = batch.frame_counts(document, stats, scan.lex, scan.settings) if scan.frames_shared else ()
    for headline, frame, count in shared:
        unit = "Headline" if headline.view.field == "title" else "Sub-heading"
        yield TEMPLATED_HEADLINE.finding(
            headline.view, headline.start, headline.end, unit=unit, frame=frame, count=count, articles=stats.articles
        )
    near = scan.near if scan.recorded else stats.near.get(document.id)
    if near is not None and document.body.lines:
        first = document.body.lines[0]
        data = {"other": near[0], "similarity": near[1]}
        yield NEAR_DUPLICATE_ARTICLE.finding(
            document.body, first.start, first.end, data=data, other=near[0], similarity=near[1]
        )


def _byline_field(scan: Scan, found: list[Finding]) -> Iterator[Finding]:
    """A generic byline given in the article's ``byline`` field rather than in the body."""
    byline = scan.document.article.byline
    if not byline or len(byline) > MAX_MATCH_CHARS or any(f.code == GENERIC_BYLINE.code for f in found):
        return
    toks = tokens(byline if byline.lower().startswith("by ") else "by " + byline)
    if generic_byline(toks, scan.lex, scan.site):
        view = scan.document.byline  # the byline field itself: the span covers it wherever it is in the file
        yield GENERIC_BYLINE.finding(view, 0, len(view.text), excerpt=f"byline: {byline}", text=_quote(byline))


def _share(document: Document, spans: list[tuple[int, int]]) -> tuple[int, float]:
    """Characters of the body inside ``spans`` (overlaps counted once), and their share."""
    total = sum(line.end - line.start for line in document.body.lines)
    covered, reach = 0, 0
    for start, end in sorted(spans):
        start = max(start, reach)
        if end > start:
            covered += end - start
            reach = end
    return covered, (covered / total if total else 0.0)


def score(document: Document, context: Context) -> Assessment:
    """Report the article's boilerplate segments and batch repeats; sub-score = 1 - template share."""
    scan = Scan.of(document, context.settings, context.batch)
    body = document.body
    matches: list[Match] = []
    if segments := document.segments.get(LABEL, ()):
        line_at = {line.start: i for i, line in enumerate(body.lines)}
        matches = [m for seg in segments for m in _classify(scan, seg, line_at)]
    matches += _outside(scan)
    findings = [_finding(scan, m) for m in matches]
    findings += _byline_field(scan, findings)
    findings += _batch_findings(scan)
    covered, share = _share(document, [(m.start, m.end) for m in matches])
    findings.sort(key=lambda f: (f.field != "title", f.start, f.end, f.code, f.message))
    metrics = {"template_share": round(share, 4), "template_characters": float(covered)}
    return Assessment(tuple(findings), subscore=1.0 - share, metrics=metrics, features=feature_values(document))


def check(settings: Settings) -> Iterator[tuple[str, str]]:
    """``(key, problem)`` for each malformed list entry or numeric setting out of range.

    A role is matched one word of a byline at a time, so a role of two words or none
    could never match; a frame with no words would match nothing either: each is an
    error rather than a setting that silently does nothing.
    """
    for entry in settings.get("extra_furniture", ()):
        if problem := entry_problem(entry):
            yield "extra_furniture", problem
    for key in ("extra_roles", "remove_roles"):
        for entry in settings.get(key, ()):
            word = str(entry).strip()
            if not WORD.fullmatch(word):
                yield key, f"entry '{entry}' is not one word: role words are matched one word of a byline at a time"
            elif any(ch.isdigit() for ch in word):
                yield key, f"entry '{entry}' has a digit: a byline's numbers are read as '#', so it could match no word"
    for key in ("extra_frames", "remove_frames"):
        for entry in settings.get(key, ()):
            if not phrase_key(str(entry)):
                yield key, f"entry '{entry}' has no words, so it could match no headline"
    yield from measures.out_of_range({**SCORER.settings, **settings}, BOUNDS)


#: Inclusive bounds of the numeric settings (``None``: open on that side).
BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "repeated_min_articles": (1, None),
    "repeated_min_share": (0, 1),
    "repeated_min_sentence_words": (1, None),
    "repeated_segment_max_words": (1, None),
    "repeated_min_sentence_stories": (1, None),
    "repeated_cluster_threshold": (0, 1),
    "headline_lines": (0, None),
    "frame_min_articles": (1, None),
    "near_duplicate_threshold": (0, 1),
    "near_duplicate_min_words": (0, None),
    "chrome_threshold": (0, 1),
    "chrome_min_lines": (0, None),
}


#: What each setting does, one line each (``copydesk explain`` shows it; config.toml says the same above each key).
SETTING_DOCS: Mapping[str, str] = {
    "extra_furniture": 'TPL001 furniture added to plugins/boilerplate/data/furniture.json: "kind:category:phrase", kind one of line, label, prompt, sentence.',
    "remove_furniture": 'Furniture phrases removed from the packaged lexicon (e.g. "comments").',
    "extra_roles": 'TPL002 role words added to the byline vocabulary (e.g. "intern").',
    "remove_roles": "Role words removed from the byline vocabulary.",
    "extra_frames": 'TPL004 stock headline frames added to the lexicon (e.g. "a deep dive into").',
    "remove_frames": "Stock headline frames removed from the lexicon.",
    "repeated_min_articles": "TPL003: a line or sentence is repeated when at least this many distinct stories of the batch have it (near duplicates and rewrites of one story count once; see repeated_cluster_threshold).",
    "repeated_min_share": "TPL003: ... or at least this share of the batch (0.0 = off); the larger bound wins.",
    "repeated_min_sentence_words": "TPL003: shortest sentence (in words) counted on its own across the batch.",
    "repeated_segment_max_words": "Longest repeated line (in words) labelled a boilerplate segment; longer ones are reported only.",
    "repeated_min_sentence_stories": "TPL003: distinct stories a sentence inside a longer line must recur in (two stories on one event share quotes).",
    "repeated_cluster_threshold": "TPL003: estimated Jaccard similarity of 5-word shingles at or above which two bodies are one story (a copy, wire copy or rewrite), whose shared text is counted once; the lower of this and near_duplicate_threshold is used.",
    "headline_lines": "TPL004: lines at the top of the body, besides the title, that may hold a headline.",
    "frame_min_articles": "TPL004: articles that must share a headline opening not in the lexicon for it to count as a frame.",
    "near_duplicate_threshold": "TPL005: estimated Jaccard similarity of 5-word shingles at or above which two bodies are near duplicates (LSH finds pairs from about 0.5).",
    "near_duplicate_min_words": "TPL005: bodies shorter than this many words are not compared.",
    "chrome_model": "TPL006: run the page-chrome model (false turns the rule off).",
    "chrome_threshold": "TPL006: model probability at or above which a line is page chrome (chosen by page-split cross-validation).",
    "chrome_min_lines": "TPL006: bodies with fewer lines are not judged for page chrome.",
}

SCORER = Scorer(
    prefix="TPL",
    name="boilerplate",
    rules=RULES,
    score=score,
    features=FEATURES,
    settings={
        "extra_furniture": [],
        "remove_furniture": [],
        "extra_roles": [],
        "remove_roles": [],
        "extra_frames": [],
        "remove_frames": [],
        "repeated_min_articles": 2,
        "repeated_min_share": 0.0,
        "repeated_min_sentence_words": 8,
        "repeated_segment_max_words": 25,
        "repeated_min_sentence_stories": 3,
        "repeated_cluster_threshold": 0.5,
        "headline_lines": 3,
        "frame_min_articles": 3,
        "near_duplicate_threshold": 0.8,
        "near_duplicate_min_words": 50,
        "chrome_model": True,
        "chrome_threshold": 0.6,
        "chrome_min_lines": 6,
    },
    setting_docs=SETTING_DOCS,
    batch=BatchPass(start=batch.start, observe=batch.observe, finish=batch.finish, merge=batch.merge),
    segment=segment,
    check=check,
    description="Template boilerplate: furniture, generic bylines, text repeated across the batch.",
)


@hookimpl
def copydesk_scorers() -> list[Scorer]:
    """Provide the TPL scorer."""
    return [SCORER]
