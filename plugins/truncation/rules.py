"""The truncation scorer's rules (TRN001-TRN005), and how much each signal weighs.

Each signal that fires carries a confidence that the text is incomplete; the
article's confidence is their noisy-or, and its sub-score is one minus that.
"""

from __future__ import annotations

from collections.abc import Iterable

from copydesk import Rule, Severity

ENDS_MID_SENTENCE = Rule(
    code="TRN001",
    name="ends-mid-sentence",
    message="Text stops mid-sentence {detail}",
    severity=Severity.WARNING,
    doc="""\
**What it flags.** The last real sentence of the body stops before its end: it ends on
a word that cannot end an English sentence (an article, preposition, conjunction,
auxiliary, possessive, determiner, subject pronoun, contracted auxiliary: "A third
possibility is a", "We'll"), leaves a quotation or parenthesis open, or ends on a comma,
semicolon or dash. An ending that only lacks terminal punctuation is TRN006 (info). With `open_quote_after_stop`,
a last sentence that ends on a full stop inside a quotation it opened is cut too. A list item is judged on punctuation alone only when it holds more than
one sentence and the list's other items end on a full stop ("- Cut taxes" may end a
list). "Real" means after template furniture: lines in the boilerplate scorer's
segments, the closing-furniture list ("Leave a Comment", "You may also like"), short
bylines, credits, captions, headings and sign-offs ("Photo: AP", "— Jane Smith",
"(Reuters)", "Reporting by ...", "Jane Doe is a reporter at ...", title-case or
all-capital lines, Markdown headings, copyright lines, editorial notes and corrections),
lines that run short items together ("A / B / C"), and runs of short unpunctuated lines
(linked headlines, unmarked lists, a headline after a sign-off or under "Related") are
passed over, as are trailing "— Name (@handle) date" signatures of embedded posts. A
comma-separated list after a label or colon, and an ending on an emoji or emoticon, are
complete.

**Why it matters.** A text cut mid-sentence was not read whole by whoever published or
scraped it: the reader is missing the rest of the argument, and often the caveat.

**Example.** `TRN001 Text stops mid-sentence on the article 'a'` on "- A Frozen
Conflict: A third possibility is a".

Page residue glued to the last sentence (a counter, initials and numbers, an embed id,
a bare address, a short agency or source credit) is trimmed before judging, and a body
of template code is not judged.

**Measured.** Findings audit (`scripts/audit.py --rule TRN001`, development corpora):
precision 0.85 (11 of the 13 audited findings that still fire; Wilson 95 % [0.58, 0.96]),
was 0.35 when a missing full stop alone was enough; see docs/scorers/truncation.md for
the audit after new findings were judged. Public evaluation (`scripts/eval_truncation.py`,
BBC mid-sentence pairs): precision 1.000, recall 0.560 for TRN001-TRN003 alone, and
recall 0.997 with TRN006; no intact copy flagged.

**Known problems.** A final title-case line that is really a cut sentence ("Mr Smith")
is taken for a byline. A cut at a word that can end a sentence is TRN006, not TRN001.

**Settings.** `short_line_words` (longest closing line, in words, that may be a byline
or heading; 12), `max_tail_lines` (closing lines passed over at most; 8),
`open_quote_after_stop` (false: scraped and excerpted copy often drops closing quotes),
`extra_non_final_words`/`remove_non_final_words`, `extra_furniture`/`remove_furniture`,
`extra_credit_cues`/`remove_credit_cues` (lists of strings).
""",
)

UNFINISHED_STRUCTURE = Rule(
    code="TRN002",
    name="unfinished-structure",
    message="Unfinished structure: {detail}",
    severity=Severity.WARNING,
    doc="""\
**What it flags.** A promise the text does not keep at its end: a list introduced by a
lead-in ("Potential Scenarios:", "Several potential outcomes") or a numbered list that
stops mid-item; a counted promise ("three key areas", "5 reasons") followed by fewer
items before the text ends; a question section (FAQ, "Q:") whose last question has no
answer, or an FAQ heading with nothing under it; a text ending on a lead-in colon.

**Why it matters.** A cut made at a sentence boundary leaves every sentence whole; the
structure around it is what shows that text is missing.

**Example.** `TRN002 Unfinished structure: 'three key areas' promises 3 items; the text
ends after 2`.

**Known problems.** A text ending on a colon before an embedded video or tweet that
the extraction dropped is flagged too (the text as given is incomplete). Counted
promises are only checked against list items (marked lines or "Label: text"
paragraphs), not against items written as running prose.

A title-case lead-in is answered when the line under it (three words or more, passed
over as a heading or linked title) follows it.

**Measured.** Findings audit (`scripts/audit.py --rule TRN002`, a census: 2 findings
judged in all): the rule fires once on all the development corpora today (a cut BBC
text), audited and right; the wrong one (a lead-in followed by its linked title line) is
fixed by the answered-lead-in test. Too few findings for a precision.

**Settings.** None of its own; the ending is found as for TRN001.
""",
)

CONTINUATION_TAIL = Rule(
    code="TRN003",
    name="continuation-tail",
    message="Text ends on a continuation tail: {detail}",
    severity=Severity.WARNING,
    doc="""\
**What it flags.** The end of the text says the article goes on elsewhere: a paywall or
continuation line ("Continue reading", "Subscribe to read", "Read the full article",
"Already a subscriber?") among the closing lines, or a last sentence that ends on an
ellipsis with evidence of a cut: a word before it that cannot end a sentence, two dots
or more than three ("unlik..", "brought….."), or a teaser-length body (80 words or
fewer). A complete clause trailing off at the end of a longer item ("... what happened
next…") is not a tail. A bare "Read more" is closing furniture, not a tail: publishers
put it after complete articles.

**Why it matters.** The text is a teaser or a paywalled excerpt: whatever it claims is
stated without the rest of the article behind it.

**Example.** `TRN003 Text ends on a continuation tail: 'Subscribe to read the full
story' (tail 'subscribe to read*')`.

**Measured.** Findings audit (`scripts/audit.py --rule TRN003`, a census: all 9
findings on the development corpora today are audited, 13 judged in all): 9 of 9 are
right (Wilson 95 % [0.70, 1.00]); the 4 rhetorical ellipses at the end of complete
gossip items no longer fire.
There is no public evaluation set for tails (`scripts/eval_truncation.py` counts TRN003
among the ending rules).

**Known problems.** A quotation that trails off on an ellipsis at the end of a teaser
reads as a tail; a cut teaser of more than 80 words ending on a complete-looking clause
and three dots is missed.

**Settings.** `extra_continuation`/`remove_continuation` (list of strings; normalised
lower-case words, a trailing `*` matches any line starting with them).
""",
)

SCRAPE_DEBRIS = Rule(
    code="TRN004",
    name="scrape-debris",
    message="Scrape debris: {detail}",
    severity=Severity.INFO,
    doc="""\
**What it flags.** Rendering and extraction failures left in the text ("Failed to load
visualization", "Loading...", "JavaScript is required", "[embedded content]", a bare
"Image" placeholder, "Image caption ..."), and tag or breadcrumb lines in the title or
above the first paragraph ("russian ukraine", "Home > World > Europe"): short lines in
lower case without sentence punctuation, or short parts joined by `>`, `»`, `›`.

**Why it matters.** Debris shows that nobody read the text after it was scraped, and a
failed visualization or embed is content the reader never gets.

**Example.** `TRN004 Scrape debris: tag line 'russian ukraine' stands in the headline's
place`.

**Known problems.** A headline written all in lower case is taken for a tag line.
Credits such as "Photo: Jane Smith/AP" are not debris; a bare "Image" or "Photo" line is.

**Settings.** `extra_debris`/`remove_debris` (list of strings, same matching as the
continuation list).
""",
)

LENGTH_OUTLIER = Rule(
    code="TRN005",
    name="length-outlier",
    message="Article has {words} words, {percent}% of the median {median} of its source '{source}' ({count} articles)",
    severity=Severity.INFO,
    scope="article",
    doc="""\
**What it flags.** Batch pass: an article far shorter than the median length of the
articles from the same source in the batch, whose ending is not judged whole: it has
another sign of a cut (TRN001-TRN003 or TRN006), or no prose ending to judge (a
headline and dateline only, a page of site footer). The source is the publisher the
input names: the URL host, else a `source`/`source_site`/`site` meta field. Only when
the source has at least `min_source_articles` articles in the batch and a median of at
least `min_median_words` words.

**Why it matters.** A copy far shorter than the same publisher's other articles, with a
ragged or missing ending, is more likely a cut or failed extraction than a brief.

**Example.** `TRN005 Article has 80 words, 18% of the median 440 of its source
'example.com' (25 articles)`.

**Known problems.** Briefs, corrections and live-blog entries are legitimately short,
so a short article that ends on a complete sentence with nothing else suggesting a cut
is not reported: a cut made at a sentence boundary is then missed too (on BBC copy
cut after a whole sentence, TRN005 had raised the recall from 0.2 % to 3.8 %). An
article that names no publisher (no URL, no `source`/`site` field) is not compared:
the folder or dataset file it was read from says where it was saved, not who published
it, and a file mixing outlets would compare unlike with unlike (`[rollup] by = "auto"`
still groups such articles by folder in the per-source report). The source is the URL
host first, unlike `[rollup] by = "auto"`, which takes a `source`/`site` field first:
lengths are compared within one publisher, which the host names exactly, while a
dataset's `source` field may name a feed or label that mixes publishers. The finding
depends on the batch (the same article alone never gets it).

**Settings.** `length_ratio` (flag below this share of the median; 0.3),
`min_source_articles` (10), `min_median_words` (150).
""",
)

#: Confidence that the text is incomplete, by the signal that fired.
MISSING_FINAL_STOP = Rule(
    code="TRN006",
    name="missing-final-stop",
    message="Text ends without terminal punctuation {detail}",
    severity=Severity.INFO,
    doc="""\
**What it flags.** The last real sentence of the body (judged as for TRN001, after
template furniture, credits and trailing page residue) has no terminal punctuation,
and nothing else says it was cut: its last word can end a sentence, no quotation or
bracket is left open, it does not end on a comma or dash. Bodies with no prose to judge
(an error page, template code, a headline and dateline only) are not judged.

**Why it matters.** A missing full stop is how a text cut at a word boundary looks, but
it is also how scraped and dataset copy looks when the last period, or a caption's, was
dropped: on its own it is a weak sign of truncation, so it is informational and weighs
in the sub-score without making the article fail a warning gate.

**Example.** "The council will vote on the plan next month" as the last line gives
`TRN006 Text ends without terminal punctuation after 'month'`.

**Known problems.** A real cut at a word that can end a sentence ("The minister said
the plan would cost") is reported here, not as TRN001. Poetry, lyrics, captions and
slogans end unpunctuated.

**Measured.** On the BBC mid-sentence pairs (`scripts/eval_truncation.py`), 262 of the
598 cut copies that the scorer flags are flagged by this signal alone; no intact copy is.

**Settings.** As TRN001: `short_line_words`, `max_tail_lines`, the furniture and credit
lists.
""",
)

CONFIDENCE = {
    "non-final-word": 0.95,
    "open-quotation": 0.9,
    "open-parenthesis": 0.9,
    "open-quotation-after-stop": 0.6,
    "open-parenthesis-after-stop": 0.6,
    "continuing-punctuation": 0.9,
    "no-terminal-punctuation": 0.85,
    "unpunctuated-list-item": 0.7,
    "stopped-list": 0.8,
    "short-count": 0.7,
    "unanswered-question": 0.7,
    "empty-section": 0.6,
    "lead-in": 0.6,
    "continuation": 0.8,
    "ellipsis": 0.6,
    "debris": 0.2,
    "length-outlier": 0.5,
}


def noisy_or(confidences: Iterable[float]) -> float:
    """The chance at least one signal is right, treating them as independent."""
    missing = 1.0
    for confidence in confidences:
        missing *= 1.0 - confidence
    return 1.0 - missing
