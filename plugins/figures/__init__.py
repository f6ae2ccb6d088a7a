"""Unsourced figures (FIG): numbers with no one behind them, and sources that disagree.

Numbers are what readers remember and repeat, and a figure with no source is the
cheapest way to sound authoritative. The scorer finds money, percentages, large
counts, rates and multiples in the body, and asks of each whether its sentence (or,
for quotations running over sentences, the quotation or a neighbour within the attribution
window beyond it)
credits it to a named person, organisation, document or dataset. A figure credited to
no one is FIG001; one credited only to an unnamed or collective authority ("analysts
say", "conservative estimates place") is FIG002. Across a batch, the same named
source credited with figures of one kind for one subject that differ beyond the
tolerance is FIG003 on every article involved.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from copydesk import (
    WORD,
    Assessment,
    BatchPass,
    Context,
    Document,
    Finding,
    Rule,
    Scorer,
    Settings,
    Severity,
    hookimpl,
    measures,
)
from copydesk.plugins.figures import batch
from copydesk.plugins.figures.analysis import LEXICON_KEYS, UNSOURCED, VAGUE, analyse
from copydesk.plugins.figures.batch import FOUND, Reading, Verdict, verdicts, verdicts_key
from copydesk.plugins.figures.features import FEATURES
from copydesk.plugins.figures.features import features as feature_values

UNSOURCED_FIGURE = Rule(
    code="FIG001",
    name="unsourced-figure",
    message="Figure '{figure}' ({kind}) has no attribution {where}",
    severity=Severity.WARNING,
    doc="""\
**What it flags.** A figure (an amount of money, a percentage, a large count such as
"10,000 troops" or "three million people", a rate such as "one in five" or a multiple
such as "tripled") whose
sentence credits it to no one: no "said", "according to", "estimates", "reported" or
other attribution cue whose content holds the figure, no source in brackets right after
it, no link in the sentence, and no quotation it belongs to. The message says the figure
has no attribution "in its sentence" only when the sentence holds none; otherwise it
names the cue of the nearest one, which does not cover it ("Ann Cole, who earns £40,000 a
year, told the inquiry she was underpaid": 'told' does not cover '£40,000').

**Why it matters.** A precise number reads as established fact. Without a source the
reader cannot check it, and invented or stale figures spread precisely because they
sound authoritative.

**Example.** `A staggering $281 billion – that's the estimated cost of the war.` flags
`$281 billion`; `The World Bank estimates that Ukraine will need over $400 billion.`
does not.

**Known problems.** Sources named only in a sentence before or after are not
credited unless the figure is inside a quotation running over sentences, or follows a
colon ("The report said:"). First-hand reporting (vote counts, a company's own
results, market moves) is flagged though it may need no source. Years, dates, times,
ordinals, phone, page and section numbers, numbers joined to a noun by a hyphen ("the
28-point plan", "a 10-year compact", but not money: "a $15-an-hour wage"), race
distances ("the 800m gold"), weights in pounds ("lost 15 pounds", "4,000 pounds of
cod"), dates whose comma was stripped ("Aug 142016"), ZIP codes after a state's code ("New
York, NY 10032"), model numbers after a name ("the Nokia 7610 phone", "The Atari 2600
is"), a markup tag's attribute values ('<tweet id="672138506081275904">') and page furniture ("24.8k
SHARES", a "Get short URL" counter) are not figures. Vague magnitudes ("tens of
billions of dollars", "millions are displaced", "hundreds of thousands") are figures of
kind `magnitude` and flagged here when unsourced, except after a preposition ("known to
millions"); rhetorical ones ("millions of Americans will watch") are flagged too. A
sample size inside the credit ("according to a survey of 2,400 nurses for the Royal
College of Nursing") is sourced. Long interview transcripts without quotation marks
read as the author's voice. Headlines are not checked. A figure a relative clause ending
in a cue modifies is that clause's subject's ("the 40,000 whom the mayor expected", "The
£3bn that ministers estimated never materialised", "the 2% that the mayor hoped for"), as
is one after a progressive verb of estimating ("had been predicting 3%"); but "The 40,000
officials hoped for increased funding" also credits its figure to the officials it
counts, a relative clause that cannot be told apart without a parser. A figure compared with a
forecast ("fell to 4.1%, lower than analysts expected") or described by a participle
after a verb ("received reported donations of £12m") is flagged: the forecast is a
benchmark and the participle names no one.

**Measured precision.** On the findings audit (`docs/audit/findings.jsonl`, real news:
BBC, FakeNewsNet, Pérez-Rosas, FA-KES, XSum), 81 of the 89 audited findings that still
fire are right: precision 0.91 (Wilson 95 % interval 0.83-0.95), with a stratum of
vague magnitudes judged on purpose (7 of the 10 magnitudes that fire are right). On PolNeAR (a gold figure
is unsourced when it lies outside every attribution's content), unsourced-figure F1 is
0.883 on the publishers the cues were tuned on and 0.887 on the three publishers first
only checked (whose errors issue 14 then studied: see docs/scorers/figures.md). An
aside between dashes inside reported speech ("pledged to ban all Muslims — 1.6
billion members of an entire religion — from entering") is the author's, not the
speaker's. Reproduce with
`scripts/audit.py --rule FIG001` and `scripts/eval_figures.py`; the generated section
below has today's figures.

**Settings.** `window` (sentences beyond a quotation's ends searched for its speaker, whose
own sentences always are; 0 turns neighbours off), `large_count` (smallest plain number counted as a figure),
`extra_cues` / `remove_cues` (attribution verbs, added or removed), `extra_cue_nouns`
(documents such as "poll" or "report" that credit a figure when named: "in a Gallup
poll").
""",
)

VAGUELY_SOURCED_FIGURE = Rule(
    code="FIG002",
    name="vaguely-sourced-figure",
    message="Figure '{figure}' ({kind}) is credited only to an unnamed source: '{source}'",
    severity=Severity.INFO,
    doc="""\
**What it flags.** A figure whose attribution names no one: a collective or anonymous
authority ("analysts say", "reports suggest", "conservative estimates place", "officials
said", "the 50,000 a day city officials estimated", "The 40,000 officials had predicted in
March did not turn up", "the 40,000 whom officials expected", "the 2% that officials had
hoped for", "£3bn officials estimated never materialised", "Analysts had been forecasting a
0.1% rise") or one unnamed person ("a senior official said", "said one analyst", "a source
close to the talks said"; not "a spokesman for Acme") or unnamed people speaking as a
group ("Residents said", "Organisers hope"; not "the residents' association said"), an agentless passive ("estimated at $486 billion"; in a quotation whose speaker
is named outside its marks the words are the speaker's: '"Rents keep climbing," Tom Vell
said. "Prices are expected to rise 12%."' is not flagged), or a quotation whose
speaker is not given in it or within the attribution window of its ends (a quotation is
followed over the paragraphs it is carried into, each opened again without the one
before being closed). A speaker after the closing mark is the quotation's however long
the description runs ('"...," explains Jo Pell of the Harbour Longevity Centre in
Northtown'). The source shown leaves out the auxiliaries and adverbs before the
cue ("Analysts", not "Analysts had also been"); an acronym in brackets goes
with the name before it ("The Office for National Statistics (ONS) said", "a Harbour
Budget Office (HBO) report that said" are named). A
passive's agent ends before "to", a figure or the "at" of a value ("expected by analysts to
reach $4bn" is the analysts'); "That puts the bill at £2m" is the writer's own reckoning,
not a source, "was told to pay £175" an order, not a report, and "are added to a turnover
of £210m" and "added up to $214bn" sums, not speech ("Jo Roe added to reporters" is). A
quotation followed by a name in square brackets ('... a year.” [Daily Planet]') or signed
after a dash ('... 1 percent." - Ann Vell.') is that name's, a text cut off at "..., said" lost a named speaker, and a list item opening on a cue
("- Announced that ...") speaks for a named line introducing the list ("Ms Ana Ruiz has:").
A quotation no credit speaks for is spoken by the "He" or "She" opening the sentence before
it, or by a tag after it whose verb is any past form in "-ed" ('"...?" Hannity pressed.').
A poll's share of
respondents is no source ("74 percent said", "four in 10 who said", "Almost half said
they"; not "Half of the economists said"), nor is a lone determiner ('49%, say the "gig
economy" ...'; a text cut off at "according to the" reads as a definite description,
named), nor a cue in "-s" right after a preposition ("on projects including ...": a
plural noun). A gerund cue with no source after "after", "before", "while", "since",
"without", "by" or "upon" credits only its own clause, up to its comma: "After saying ...,
Jo Roe lost the part that was to make her millions" does not credit the millions.

**Why it matters.** A vague source lends a figure the look of authority while leaving
nothing to check; it is a classic weasel construction.

**Example.** `Conservative estimates place combined casualties at over half a million.`
flags `half a million`; `On Monday, Pentagon officials estimated ...` does not (a
named institution).

**Known problems.** A capitalised word in the source counts as a name, so "U.S.
officials" or "Western analysts" read as named, while a capitalised first word of the
sentence before a collective head ("Pentagon officials said ..." opening a sentence)
does not. A definite description ("the company said", "according to the survey", "its
analysis", "its figures", "its annual report", "last year's survey", "a study for the trust",
"figures from the combined authority") is taken to
refer to a source named earlier (whether it was is not checked),
and a data set a public body keeps ("census data", "official statistics", "police
figures") counts as named; a mass word alone ("according to the data", "the figures
show") does not. A source that is "they" or "them" takes up the last credit with a
source in the sentence before or earlier in its own (named or vague: "Analysts said ...
They said ..." stays vague), or, with none, a sentence there opening on "The" and a
capitalised word ("The Greens back a levy, which they claim ..."; not "Residents of
Northtown gathered. They said ...": the residents are not named); which name it is, is
not checked. An unowned document of a lead ("a report says", "according
to new research") counts as named when the next sentence has a document word with "by" or
"from" and a capitalised word just after it ("The survey, conducted by Ashdown, ..."), and a
lead's (the body's first sentence of prose) "reports", "figures", "data" or "statistics"
when the next sentence credits a source
opening on "the" and a capitalised word ("The Sunday Courier said ...", "..., the Harbour
Government said"; that it is the outlet or the data's owner is not checked). "The
reports" (or figures, data, estimates, statistics, filings, accounts) count as named when
one of the two sentences before has the same word right after a capitalised word that
does not open its sentence ("Harbour Election Commission reports ... The reports show";
that they are the same documents is not checked), and so do "the figures" (two words) right
after a sentence crediting a named speaker ('"...," said Jo Roe of Acme. ..., the figures
suggest.'; whose figures they are is not checked). An agentless forecast ("is expected
at 2.6%") between two sentences crediting one named source is that source's, and so is one
opening on the name of a sentence before that says it cut, raised or revised its forecast
("Northland has cut its forecast. Northland's economy is now expected to grow 2.1%"). A
figure a vague clause takes as given is no finding at all (neither FIG002 nor FIG001): a
definite description naming whose it is ("Campaigners say the £4bn cost of the bridge cannot
be met"; "the 25,000 mark" has no "of" and stays flagged) or a relative clause after the
cue on a known thing ("... the motor show which covers 2 million square feet",
"... sales - which make up 31% of ... -", "a mill where the owners have invested $40m"; not
one of the future, "which will cost", nor "two nannies who charge $5,000"). "Show" after
its kind ("trade show", "talk show") is a noun, no cue. A name and a colon introduce a
quotation's speaker ('Former minister Jo Roe: "..."'; "Highlights:" names no one), and
"added" before a colon or quotation mark is speech, not a sum ('He added: "2021 ..."'). A
cue after "and" or "but" takes the sentence's opening subject, which ends at a
comma, an auxiliary or a past verb, or after an opening name of two or more capitalised
words, or of one with a capital inside it ("NordaBank", "Shore-Q"), before a present verb
("Jo Roe runs the plants and says ..."), also after an opening adverbial and its comma when
a capital opens the subject ("In a statement, Governor Ann Cole blasted the council and
said ..."); another one-word subject before a present verb
("Acme runs 40 plants and says ...") is not found, so the cue reads as agentless. A
speech participle after a comma with no credit before it ("..., saying", "..., adding
that") takes the opening subject the same way ("Acme Bank raised its forecast, saying
sales would rise 5%" is the bank's); "The company cut its forecast, saying ..." is not
found ("cut" is no past form it knows) and reads as agentless, and a subject that cannot
speak is taken for the speaker all the same ("Prices rose in May, saying ..."; which
subjects speak is not checked). A gerund cue after a subordinator keeps its own clause
agentless: "After saying 5,000 jobs would go, the minister left." flags 5,000 (the main
clause's subject is not taken for its speaker). A
cue after "NAME, APPOSITIVE," is the name's verb only when the name holds a capitalised
word: "The company, a chip maker, said about 2,000 ..." reads as an agentless passive. A straight double mark right after a digit with no quotation open is read
as inches or seconds ("a 30" screen"), not a quotation mark.

**Settings.** `extra_vague_sources` / `remove_vague_sources` (collective source words,
added or removed), `window`.
""",
)

CONTRADICTORY_FIGURE = Rule(
    code="FIG003",
    name="contradictory-figure",
    message="Figure '{figure}' credited to {source} differs from '{other}' credited to it in article {article}{more}",
    severity=Severity.WARNING,
    doc="""\
**What it flags.** Across the batch, two articles credit the same named source with
figures of the same kind (money in one currency, percentages, counts, rates) for the
same quantity, and the larger is more than `tolerance` times the smaller. The same
quantity means: at least `subject_overlap` shared content words among the ten words
either side of each figure, not counting the words of the source phrase itself, and one
more when either source is a poll, survey, count or tally (a series of releases whose
figures of different dates share the topic's words: "Trump", "voters", "delegates");
the same counted noun when both name one ("10 million
displaced" is not "174,500 people trapped"; "12% of swimmers" is not "45% of coaches";
"a population of 23 million" is not "470,000 people"), read with the "-ed" verb it is
the subject of when one follows ("174,500 people trapped" is not "a quarter of a
million people have been killed"); and a shared time expression
when both have one (2003 is not November; "yearly" is not "over 10 years"). Two values
that one article gives side by side ("36%, up from 7% in 2003") never contradict each
other, in that article or its copies. Figures written as a list of alternatives
("100,000, 200,000 or 250,000") are none of them a claim, and a source that is only
the pronoun "I" names nobody; neither is compared. Each article gets a finding naming the other
article and both figures; when several articles contradict the same figure, the
finding names the first of them (in batch order) and counts the rest, so a batch of
near-copies gives one finding per figure rather than one per pair.

**Why it matters.** At least one of the two misquotes its source, or one quotes a
stale figure; either way a reader of one article is misinformed.

**Example.** One article: `The World Bank estimates that Ukraine will require over $400
billion for reconstruction.` Another: `Ukraine's reconstruction needs are estimated to
exceed $1 trillion by the World Bank.`

**Known problems.** Subjects are matched by shared words, so one quantity worded
differently is missed, and two quantities of one source with the same counted noun and
overlapping neighbours can still be paired. Sources are matched by their capitalised
words only. Identical claims are folded together and the distinct claims of each
(source, kind) group are compared pairwise, at most the first 2,000 of a group: a batch
with more distinct figures for one source and kind leaves the later ones unchecked.

**Measured precision.** The findings audit holds every FIG003 the development corpora
gave (60: 30 on the reliability sets and BBC before this rule learned measures, 30 on
PolNeAR articles), of which 2 are right. The PolNeAR ones were poll figures of
different releases and questions, a running delegate tally, two speakers' "I", and
alternatives in a quoted headline; the series, pronoun and list tests above end them.
Today 2 fire on all the development corpora, both audited and both right (precision
1.00, Wilson 95 % interval 0.34-1.00): two findings are too few to show the 0.80 bar
is met, only that the 58 wrong ones are gone. PolNeAR has no cross-article gold.
Reproduce with `scripts/audit.py --rule FIG003`.

**Settings.** `tolerance`, `subject_overlap`.
""",
)

RULES = (UNSOURCED_FIGURE, VAGUELY_SOURCED_FIGURE, CONTRADICTORY_FIGURE)

SETTINGS = {
    "window": 1,
    "large_count": 1000,
    "extra_cues": [],
    "remove_cues": [],
    "extra_cue_nouns": [],
    "extra_vague_sources": [],
    "remove_vague_sources": [],
    "tolerance": 1.25,
    "subject_overlap": 2,
}

#: What each setting does, one line each (``copydesk explain`` shows it; config.toml says the same above each key).
SETTING_DOCS: Mapping[str, str] = {
    "window": 'Sentences beyond a quotation that runs over sentences searched for its speaker (its own sentences always are), and the "...said:" colon rule; 0 turns neighbours off.',
    "large_count": "Smallest plain number (no scale word, currency or percent) that counts as a large count.",
    "extra_cues": "Attribution cue words added to plugins/figures/data/cue_verbs.txt (one word each, lower case).",
    "remove_cues": "Cue words removed from the cue lists (verbs and document nouns).",
    "extra_cue_nouns": 'Document nouns added to plugins/figures/data/cue_nouns.txt ("poll", "report": they credit a figure when named).',
    "extra_vague_sources": 'Collective source words added to plugins/figures/data/vague_sources.txt ("analysts", "reports").',
    "remove_vague_sources": "Collective source words removed from the vague list.",
    "tolerance": "FIG003: the larger figure must exceed the smaller by more than this ratio.",
    "subject_overlap": "FIG003: content words near the two figures they must share to count as the same subject.",
}


def _clean(text: str) -> str:
    """A figure's text on one line."""
    return " ".join(text.split())


def score(document: Document, context: Context) -> Assessment:
    """The FIG findings (sub-score from their density, as the core derives it) and the figures features."""
    batch = context.batch or {}
    reading: Reading | None = batch.get(verdicts_key(document.body.text, context.settings)) if batch else None
    found, counts = reading if reading is not None else (None, None)
    return Assessment(
        findings=tuple(_findings(document, context, batch, found)), features=feature_values(document, counts)
    )


def _findings(
    document: Document, context: Context, batch: Mapping[str, Any], found: tuple[Verdict, ...] | None
) -> Iterator[Finding]:
    """Yield FIG001/FIG002 for each unsourced or vaguely sourced figure, FIG003 from the batch.

    ``found``: the body's verdicts as the batch pass read them, or None (the body is analysed here).
    """
    view = document.body
    if found is None:
        found = verdicts(analyse(document, context.settings))
    for start, end, kind, value, unit, verdict, source in found:
        text = _clean(view.text[start:end])
        data = {"kind": kind, "value": value, "unit": unit, "source": source}
        if verdict == UNSOURCED:
            # the source of an unsourced figure is the cue of a credit in its sentence that does not hold it
            where = f"of its own: its sentence's '{source}' does not cover it" if source else "in its sentence"
            data["source"] = ""
            yield UNSOURCED_FIGURE.finding(view, start, end, data=data, figure=text, kind=kind, where=where)
        elif verdict == VAGUE:
            yield VAGUELY_SOURCED_FIGURE.finding(view, start, end, data=data, figure=text, kind=kind, source=source)
    for clash in batch.get(FOUND + document.id, ()):
        data = {
            "other_article": clash.other_article,
            "other_figure": clash.other_figure,
            "other_articles": clash.others,
            "source": clash.source,
        }
        more = f" and {clash.others - 1} other(s)" if clash.others > 1 else ""
        yield CONTRADICTORY_FIGURE.finding(
            view,
            clash.start,
            clash.end,
            data=data,
            figure=_clean(clash.figure),
            source=clash.source,
            other=_clean(clash.other_figure),
            article=clash.other_article,
            more=more,
        )


#: Inclusive bounds of the numeric settings (``None``: open on that side).
BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "window": (0, None),
    "large_count": (1, None),
    "tolerance": (1, None),
    "subject_overlap": (1, None),
}


def check(settings: Settings) -> Iterator[tuple[str, str]]:
    """``(key, problem)`` for each word-list entry that is not one word, or numeric setting out of range.

    Cue and source words are looked up one word of the text at a time, so an entry of
    two words or with punctuation ("reported by", "said.") could never match: it is an
    error rather than a setting that silently does nothing.
    """
    for key in LEXICON_KEYS:
        for entry in settings.get(key, ()):
            if not WORD.fullmatch(str(entry).strip()):
                yield key, f"entry '{entry}' is not one word: cue and source words are matched one word at a time"
    yield from measures.out_of_range({**SETTINGS, **settings}, BOUNDS)


SCORER = Scorer(
    prefix="FIG",
    name="figures",
    rules=RULES,
    score=score,
    settings=SETTINGS,
    setting_docs=SETTING_DOCS,
    check=check,
    batch=BatchPass(start=batch.start, observe=batch.observe, finish=batch.finish, merge=batch.merge),
    description="Figures (money, percentages, counts, rates) with no source, a vague one, or contradicting sources",
    features=FEATURES,
)


@hookimpl
def copydesk_scorers() -> list[Scorer]:
    """Provide the FIG scorer."""
    return [SCORER]
