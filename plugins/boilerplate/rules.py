"""The rules of the boilerplate scorer (TPL), with their documentation."""

from __future__ import annotations

from copydesk import Rule, Severity

TEMPLATE_FURNITURE = Rule(
    code="TPL001",
    name="template-furniture",
    message="Template furniture ({category}): '{text}'",
    severity=Severity.WARNING,
    doc="""\
**What it flags.** A line or sentence that is known template furniture rather than
reporting: explainer boxes ("Did you know?", "Pro Tip:", "Explore Further:"), FAQ
headers, related-content blocks ("You may also like"), comment prompts ("Leave a
Comment", "Share your thoughts in the comments below!"), engagement calls, share
counters ("335 SHARES"), newsletter and cookie lines, affiliate disclosures ("This post
may contain affiliate links.", "We may earn a commission ...", an "Affiliate
disclosure:" label), scrape residue ("Advertisement"). The whole line (or, for a prompt
or phrase inside a paragraph, the sentence and the reader question before it) becomes a
`boilerplate` segment. The core hands segments to every scorer; the truncation scorer
skips them when it looks for the real end of the text, others (hedging: the
disclosure's "may") still read them.

**Why it matters.** Content farms assemble articles from a template; the furniture is
the template's fingerprint, and the share of an article it fills is evidence about how
the article was made. It also hides the real end of a text from truncation checks.

**Example.** `You may also like` on a line of its own; `What are your thoughts? Share your
comments below and join the discussion!`

**Known problems.** A comment prompt is only flagged when it addresses the reader (you,
your, or an imperative such as "Share"), so a reported sentence such as "Comments from
readers flooded in" is not; an unusual phrasing of a prompt is missed. Single-word
lines such as "Print" or "Video" are furniture only when they stand alone on a line.

**Settings.** `extra_furniture` (entries `"kind:category:phrase"`, kind one of `line`,
`label`, `prompt`, `sentence`), `remove_furniture` (phrases).
""",
)

GENERIC_BYLINE = Rule(
    code="TPL002",
    name="generic-byline",
    message="Byline '{text}' names a role or the site instead of a person",
    severity=Severity.WARNING,
    doc="""\
**What it flags.** A byline near the top of the body (or in the `byline` field: front
matter, a record's field, an HTML page's author) whose words after "by", "posted by",
"author:" are all role words ("by Chief Editor", "by Admin", "Staff Writer", "by
Editorial Team"), or the site's own name taken from the article URL.

**Why it matters.** Naming who wrote a piece makes someone accountable for it;
NewsGuard counts "names its content creators" among its nine credibility criteria.
Template sites sign every article with the same role.

**Example.** `by Chief Editor` (flagged) beside `By Jane Smith, Staff Writer` (not
flagged: a person is named).

**Known problems.** Agencies ("By The Associated Press") are not flagged, which is
right for wire copy but misses a site that hides behind an agency-like name. Only the
first lines of the body are checked.

**Measured.** The rule fires on none of the development corpora (reliability sets, BBC
pairs, PolNeAR and L3S-GN1 articles: 0 findings, `scripts/audit.py --rule TPL002`), so
the findings audit has nothing to judge and its precision on real news is unmeasured;
the seeds' "by Chief Editor" bylines are where it fires.

**Settings.** `extra_roles`, `remove_roles` (role words).
""",
)

REPEATED_ACROSS_BATCH = Rule(
    code="TPL003",
    name="repeated-across-batch",
    message="{unit} recurs in {count} distinct stories of the {articles} articles of the batch: '{text}'",
    severity=Severity.WARNING,
    doc="""\
**What it flags.** A line, or a sentence of at least `repeated_min_sentence_words`
words, that occurs (after lower-casing and dropping punctuation) in at least
`repeated_min_articles` distinct stories of the batch, or in `repeated_min_share` of it;
a sentence inside a longer line needs `repeated_min_sentence_stories` (3). Articles whose
bodies are near copies or rewrites of each other (estimated Jaccard similarity of
5-word shingles of at least `repeated_cluster_threshold`) are one story, and text they
share counts once: a story held four times with small changes is a near duplicate
(TPL005), not template. Short repeated lines (at most `repeated_segment_max_words`
words) become `boilerplate` segments; long repeated lines and sentences are reported but
left to other scorers.

**Why it matters.** Text that recurs across many independent articles of one batch is
template by definition, whatever its words: a site's sign-offs ("Follow us on X", "by
Chief Editor"), disclaimers, navigation, a paragraph pasted into every article. A wire
story's credit line naming people is not: a line or sentence made only of "Reporting
by", "Additional reporting by", "Editing by" or "Writing by" and capitalised names that
are no byline role (joined by "and", ";" or ",", each name optionally "in" a place:
"(Reporting by Ann Cole in Lowmarsh; Editing by Tom Vell)") attributes the story to
people and is not reported however often it recurs; "Editing by Chief Editor" or
"Reporting by our staff" still is.

**Example.** `You may also like` in two different articles of the same site: `Line recurs
in 2 distinct stories of the 5 articles of the batch`.

**Known problems.** Scoring one article at a time finds nothing. Two outlets quoting the
same sentence also recur, as lines (sentences need three stories); a rewrite that keeps
less than about half of its source's 5-word shingles is a separate story, so its shared
sentences still count. Line-level repeats keep the threshold of two stories. A credit
naming an agency ("Reporting by Reuters") passes as a credit line; other credit forms
("Compiled by", "Photos by") are still reported when they recur.

**Measured.** Findings audit (`scripts/audit.py --rule TPL003`, development corpora):
precision 0.90 (26 of 29 firing audited findings; Wilson 95 % [0.74, 0.96]), was 0.24;
of the 50 first audited, 38 wrong ones (duplicated or derived articles) and 5 right ones
no longer fire. Public evaluation (`scripts/eval_boilerplate.py`, L3S-GN1 blocks, TPL
block rules together): macro-F1 0.908 (0.905 before).

**Settings.** `repeated_min_articles`, `repeated_min_share`,
`repeated_min_sentence_words`, `repeated_min_sentence_stories`,
`repeated_cluster_threshold`, `repeated_segment_max_words`.
""",
)

TEMPLATED_HEADLINE = Rule(
    code="TPL004",
    name="templated-headline",
    message="{unit} uses the stock frame '{frame}', shared by {count} of {articles} articles of the batch",
    severity=Severity.INFO,
    doc="""\
**What it flags.** A headline (the title, or a sub-heading: a short unpunctuated line
among the first `headline_lines` lines of the body; the message says which) built on a
stock frame that other headlines of the batch share: a known frame from the lexicon
("The Shifting Sands of ...", "...: What It Means for ...") in at least
`repeated_min_articles` articles, or the same opening three words of a headline part,
mixing frame words and content words, in at least `frame_min_articles` articles. Body
lines that label or hold a place are not sub-headings: furniture and box labels of the
lexicon, a summary label ("Story highlights", "Key points") and the line under it, or
with its first item on the same line ("Story highlights The panel voted ..."),
placeholder or code lines ("[ad_1]", "{{slot}}"), and lines that end on a word no
headline ends on ("a", "the", "of", "by", "and", ...: a cut or wrapped line such as an ad
plug-in's "Your ads will be inserted here by"). An opening is topical and makes no frame
when its only frame words join a name to the rest ("Jane Doe is", "Kim and Lee"), when
it reports a count, a number and a participle ("12 killed in", "40 dead in": wire
headlines on recurring events), or when it opens on a quotation mark (a show's or a
book's title: "'Dancing With the Stars': ...").

**Why it matters.** Generated articles reuse a few headline templates; one batch
repeating a frame is a sign of a template, where independent writers vary.

**Example.** "Secret Talks and Shifting Sands: ..." as a title and "The Shifting Sands
of Ukraine: ..." as a sub-heading in one batch: `Headline uses the stock frame 'shifting
sands', shared by 3 of 5 articles of the batch` and `Sub-heading uses ...`.

**Known problems.** Common idioms ("The Rise of") appear in honest headlines too; the
finding is informational. Topical openings shared by several stories on one subject can
form a frame when they contain a frame word ("The Ukraine War ...").

**Settings.** `extra_frames`, `remove_frames`, `frame_min_articles`, `headline_lines`.
""",
)

NEAR_DUPLICATE_ARTICLE = Rule(
    code="TPL005",
    name="near-duplicate-article",
    message="Body is a near duplicate of article '{other}' (estimated Jaccard similarity {similarity:.2f} of 5-word shingles)",
    severity=Severity.WARNING,
    scope="article",
    doc="""\
**What it flags.** An article whose body shares most of its 5-word shingles with
another article of the batch (MinHash estimate at least `near_duplicate_threshold`),
naming the most similar one. Bodies shorter than `near_duplicate_min_words` words are
not compared.

**Why it matters.** A body that largely repeats another one is a copy or a spin of it;
its apparent independence as a source is void.

**Example.** The same 600-word article under two titles: `Body is a near duplicate of
article 'site-b/123' (estimated Jaccard similarity 0.92 of 5-word shingles)`.

**Known problems.** The similarity is an estimate (64 permutations, about ±0.06); pairs
near the threshold may be missed or found. Syndicated wire copy is flagged as designed.

**Settings.** `near_duplicate_threshold`, `near_duplicate_min_words`.
""",
)

PAGE_CHROME = Rule(
    code="TPL006",
    name="page-chrome",
    message="Line of {words} word(s) reads as page chrome (navigation, footer or sidebar): '{text}'",
    severity=Severity.INFO,
    doc="""\
**What it flags.** A line of a scraped page (a body of at least `chrome_min_lines`
lines) that a small logistic model over general line features (length, share of function words, closing punctuation, position against
the run of long paragraphs, repetition in other articles of the batch) judges to be
navigation, footer or sidebar text with probability at least `chrome_threshold`.

**Why it matters.** Scrape residue is not the article: left in, it inflates word counts
and hides the real last sentence; a feed full of it was scraped without cleaning.

**Example.** `Home`, `Site Map | News Feeds (RSS) | Contact Us` above or below the text.

**Known problems.** Fitted on news pages from 2008 (L3S-GN1); short lines far from the
main text (a caption, a dateline, a subheading) can be taken for chrome,
and so can a list the story owns with no lead-in (a ranked list, player statistics). Prose
inside the run of paragraphs (25+ words, a quarter of them function words, at most one
`|`, not opening on markup), a sentence carried over a line break onto a lower-case line (or over several short
lines, an oath or a verse, closing on a full stop; its first line may end on a name or a number, "... the people of Lowmarsh",
the next open on "I" after a comma, and a closing call of 6+ words with no word of the site's own prompts counts:
"To donate to the appeal, visit" / "lowmarshfund.org."), a divider ("* * *") between the paragraphs, the bulleted or
numbered items after a sentence ending in `:` (or 3+ numbered items after a short lead-in
ending in `:` under a sentence, when the story goes on below them: "Towns that top the list:", and that sentence),
a short lead-in ending in `:` right above such a
paragraph ("As the Herald reports:"; of two words only with no word of the site's boxes or prompts:
"Original story:", not "Read more:" or "See also:"), a sentence of 10+ words ending on a word and `:` among the paragraphs,
a sentence of its own on one line (6+ words, capitalised, closing on punctuation, no prompt, no unquoted "our"/"your") between
two lines read as the story's (hard-wrapped text, a sentence under an embed or a credit), the numbered subheadings of a list story (3+ numbered in sequence from 1, each right over a
paragraph; not under a label of the site's box, "Most popular"), the story's headline in
its body (the first line, not below the paragraphs, with the words of a title of 4+ words,
alone or after a photo's caption and credit run into it: "... at the pier. | AP Photo <title>"),
a table of 3+ pairings ("Leeds v Hull",
"Iowa at Ohio, 1 p.m."; not a headline about a match, "Leeds v Hull: player ratings") that
begins in or just after the paragraphs with its day labels and the short sentence under it
(not a call to action, "Sign up for our newsletter."), an embedded
post's signature line ("- Ann Lee (@annlee) May 5, 2017") and, among the paragraphs, the few
short lines of the post's text above it, a photo credit between
the paragraphs ("Photo: Ann Lee", "Ann Lee/Agency") with the caption right above it, the address of
an embedded post between them (".../status/123"), and a source line in or just under them or under
the posts that close them ("Source: ...", "Via ..." of three words or more, "Featured image via ...") are not judged, unless another
article of the batch has the line.

**Settings.** `chrome_model` (false turns the rule off), `chrome_threshold`,
`chrome_min_lines`.
""",
)

RULES = (
    TEMPLATE_FURNITURE,
    GENERIC_BYLINE,
    REPEATED_ACROSS_BATCH,
    TEMPLATED_HEADLINE,
    NEAR_DUPLICATE_ARTICLE,
    PAGE_CHROME,
)
