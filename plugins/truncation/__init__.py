"""Truncation and scrape debris (TRN): text that stops before its end, or carries rubble.

An article that stops mid-sentence, promises three scenarios and gives two and a half,
ends on "Continue reading", or opens with "Failed to load visualization" was not read
whole by whoever published or scraped it: its claims are missing their context, and a
site that republishes such text unedited is not checking what it prints. Extractors
truncate silently and corpus filters only keep proxies (the share of lines ending in
punctuation); this scorer gives an article-level verdict with the reason.

The ending judged is the last line that is not template furniture: lines inside the
boilerplate scorer's ``"boilerplate"`` segments, a small list of closing furniture,
and bylines, credits, captions and headings (see
:mod:`copydesk.plugins.truncation.ending`). The sub-score is one minus the
confidence that the text is incomplete, combining the signals that fired.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from copydesk import WORD, Assessment, Context, Document, Finding, Scorer, Settings, hookimpl, measures
from copydesk.plugins.truncation.batch import BATCH, SourceLength, source_of
from copydesk.plugins.truncation.debris import scrape_debris
from copydesk.plugins.truncation.ending import WEAK_SIGNAL, Ending, Verdict, find_ending, judge
from copydesk.plugins.truncation.lexicon import Lexicons, lexicons, normalise
from copydesk.plugins.truncation.residue import cut_ellipsis, is_code, is_error_page
from copydesk.plugins.truncation.rules import (
    CONFIDENCE,
    CONTINUATION_TAIL,
    ENDS_MID_SENTENCE,
    LENGTH_OUTLIER,
    MISSING_FINAL_STOP,
    SCRAPE_DEBRIS,
    UNFINISHED_STRUCTURE,
    noisy_or,
)
from copydesk.plugins.truncation.structure import unfinished

SETTINGS: Mapping[str, object] = {
    "short_line_words": 12,
    "max_tail_lines": 8,
    "open_quote_after_stop": False,
    "extra_non_final_words": [],
    "remove_non_final_words": [],
    "extra_furniture": [],
    "remove_furniture": [],
    "extra_continuation": [],
    "remove_continuation": [],
    "extra_debris": [],
    "remove_debris": [],
    "extra_credit_cues": [],
    "remove_credit_cues": [],
    "min_source_articles": 10,
    "min_median_words": 150,
    "length_ratio": 0.3,
}

#: What each setting does, one line each (``copydesk explain`` shows it; config.toml says the same above each key).
SETTING_DOCS: Mapping[str, str] = {
    "short_line_words": "Longest closing line (in words) that may be a byline, credit or heading rather than a cut sentence.",
    "max_tail_lines": "Closing lines (furniture, credits, headings) passed over at most when looking for the real ending.",
    "open_quote_after_stop": "Also flag an ending on a full stop whose last sentence opens a quotation or parenthesis it never closes.",
    "extra_non_final_words": "Words added to the list of words a sentence cannot end on (articles, prepositions, auxiliaries, ...).",
    "remove_non_final_words": "Words removed from that list.",
    "extra_furniture": 'Closing furniture lines added (normalised lower-case words; a trailing "*" matches any line starting so).',
    "remove_furniture": "Closing furniture lines removed.",
    "extra_continuation": "Continuation/paywall tail lines added (same matching).",
    "remove_continuation": "Continuation/paywall tail lines removed.",
    "extra_debris": "Scrape-debris lines added (same matching).",
    "remove_debris": "Scrape-debris lines removed.",
    "extra_credit_cues": 'Words added to the list of those that open a credit or byline ("photo", "reporting", ...).',
    "remove_credit_cues": "Credit cues removed.",
    "min_source_articles": "TRN005: articles a source needs in the batch before its median length is used.",
    "min_median_words": "TRN005: smallest source median (words) that is used.",
    "length_ratio": "TRN005: flag an article shorter than this share of its source's median.",
}


def _ending_findings(
    document: Document, ending: Ending, verdict: Verdict, lex: Lexicons
) -> list[tuple[Finding, float]]:
    """TRN001, TRN002 and TRN003 findings at the real ending, with their confidence."""
    body = document.body
    found: list[tuple[Finding, float]] = []
    if verdict.signal:
        start = min(verdict.tail.word_start, ending.end)
        data = {"signal": verdict.signal, "last_word": verdict.tail.word}
        rule = MISSING_FINAL_STOP if verdict.signal == WEAK_SIGNAL else ENDS_MID_SENTENCE
        finding = rule.finding(body, start, ending.end, data=data, detail=verdict.detail)
        found.append((finding, CONFIDENCE[verdict.signal]))
    for item in unfinished(document, ending, verdict):
        finding = UNFINISHED_STRUCTURE.finding(
            body, item.start, item.end, data={"signal": item.kind}, detail=item.detail
        )
        found.append((finding, CONFIDENCE[item.kind]))
    for start, end, entry in sorted(ending.continuations):
        detail = f"'{body.text[start:end]}' (tail '{entry}')"
        finding = CONTINUATION_TAIL.finding(body, start, end, data={"signal": "continuation"}, detail=detail)
        found.append((finding, CONFIDENCE["continuation"]))
    if verdict.ellipsis and cut_ellipsis(document, verdict.tail, lex):
        start = max(ending.start, verdict.tail.stop - 3)
        detail = "a trailing ellipsis"
        finding = CONTINUATION_TAIL.finding(body, start, ending.end, data={"signal": "ellipsis"}, detail=detail)
        found.append((finding, CONFIDENCE["ellipsis"]))
    return found


def _length_finding(document: Document, context: Context, complete: bool) -> tuple[Finding, float] | None:
    """TRN005: far shorter than its source's median, when the source is well represented.

    ``complete``: the ending was judged and found whole (no TRN001-TRN003 or TRN006).
    A short article ending on a complete sentence with nothing else suggesting a cut is
    a brief as often as a cut copy, so it is not reported; nor is an article naming no
    source (:func:`source_of`).
    """
    stats: Mapping[str, SourceLength] | None = context.batch
    source = source_of(document.article)
    known = stats.get(source) if stats and source is not None and not complete else None
    settings = context.settings
    if known is None or known.count < int(settings["min_source_articles"]):
        return None
    words = document.body.word_count
    if known.median < float(settings["min_median_words"]) or words >= float(settings["length_ratio"]) * known.median:
        return None
    body = document.body
    start, end = (body.lines[-1].start, body.lines[-1].end) if body.lines else (0, 0)
    percent = round(100 * words / known.median)
    data = {"words": words, "median": known.median, "count": known.count, "source": source}
    finding = LENGTH_OUTLIER.finding(
        body,
        start,
        end,
        data=data,
        words=words,
        percent=percent,
        median=round(known.median),
        source=source,
        count=known.count,
    )
    return finding, CONFIDENCE["length-outlier"]


def assess(document: Document, context: Context, lex: Lexicons) -> Assessment:
    """Every TRN finding for one document, its sub-score and metrics."""
    settings = context.settings
    found: list[tuple[Finding, float]] = []
    ending = find_ending(document, lex, int(settings["short_line_words"]), int(settings["max_tail_lines"]))
    judged = ending is not None and not is_code(document) and not is_error_page(document)
    if ending is not None and judged:
        verdict = judge(document, ending, lex, bool(settings["open_quote_after_stop"]))
        found.extend(_ending_findings(document, ending, verdict, lex))
    complete = judged and not found
    debris = scrape_debris(document, lex)
    for item in debris:
        finding = SCRAPE_DEBRIS.finding(item.view, item.start, item.end, data={"signal": item.kind}, detail=item.detail)
        found.append((finding, CONFIDENCE["debris"]))
    outlier = _length_finding(document, context, complete)
    if outlier is not None:
        found.append(outlier)
    kept = [(f, c) for f, c in found if f.code in context.selected or not context.selected]
    confidence = noisy_or(c for _, c in kept)
    metrics = {
        "incomplete_confidence": round(confidence, 4),
        "debris_lines": float(len(debris)),
        "tail_lines_skipped": float(len(ending.skipped)) if ending is not None else 0.0,
    }
    findings = tuple(sorted((f for f, _ in kept), key=lambda f: (f.field != "title", f.start, f.end, f.code)))
    return Assessment(findings=findings, subscore=round(1.0 - confidence, 4), metrics=metrics)


def score(document: Document, context: Context) -> Assessment:
    """Judge whether the article is incomplete or carries scrape debris."""
    return assess(document, context, lexicons(context.settings))


#: Inclusive bounds of the numeric settings (``None``: open on that side).
BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "short_line_words": (1, None),
    "max_tail_lines": (0, None),
    "min_source_articles": (1, None),
    "min_median_words": (0, None),
    "length_ratio": (0, 1),
}


def check(settings: Settings) -> Iterator[tuple[str, str]]:
    """``(key, problem)`` for each list entry that could match nothing, or numeric setting out of range.

    A non-final word is compared with the last word of a line, so an entry of two words
    or with punctuation ("et al", "etc.") could never match; a line-list entry or credit
    cue with no words (``"*"``, ``"--"``) would be dropped from its list. Each is an error
    rather than a setting that silently does nothing.
    """
    for key in ("extra_non_final_words", "remove_non_final_words"):
        for entry in settings.get(key, ()):
            if not WORD.fullmatch(str(entry).strip()):
                yield key, f"entry '{entry}' is not one word: a sentence's last word is matched alone"
    for kind in ("furniture", "continuation", "debris", "credit_cues"):
        for key in (f"extra_{kind}", f"remove_{kind}"):
            for entry in settings.get(key, ()):
                if not normalise(str(entry).removesuffix("*")):
                    yield key, f"entry '{entry}' has no words, so it could match no line"
    yield from measures.out_of_range({**SETTINGS, **settings}, BOUNDS)


@hookimpl
def copydesk_scorers() -> list[Scorer]:
    """Provide the TRN scorer."""
    return [
        Scorer(
            prefix="TRN",
            name="truncation",
            rules=(
                ENDS_MID_SENTENCE,
                UNFINISHED_STRUCTURE,
                CONTINUATION_TAIL,
                SCRAPE_DEBRIS,
                LENGTH_OUTLIER,
                MISSING_FINAL_STOP,
            ),
            score=score,
            settings=SETTINGS,
            setting_docs=SETTING_DOCS,
            check=check,
            batch=BATCH,
            description="Text that stops mid-sentence or mid-list, paywall tails, and scrape debris",
        )
    ]
