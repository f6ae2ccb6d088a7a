"""Hedging language and vague attribution (HDG): uncertainty the article leaves open.

A report rests on what it can stand behind. Hedges the author never resolves ("could
potentially", "appears to", "is likely") and authorities nobody can check ("sources
indicate", "experts suggest", "it is widely believed") let a text suggest more than it
shows. The scorer finds Hyland's hedge categories (modals, epistemic adverbs,
adjectives and verbs, approximators) and the unsupported attributions of Wikipedia's
MOS:WEASEL, drops the non-hedging senses ("in May 2024", "could not", "as soon as
possible"), and separates the author's own hedges from those inside a direct
quotation or credited to a named source ("the ministry said prices may rise"), which
weigh less. Its sub-score depends on densities (per 1,000 words and per sentence).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping

from copydesk import (
    Assessment,
    Context,
    Document,
    Finding,
    Rule,
    Scorer,
    Settings,
    Severity,
    TextView,
    hookimpl,
    measures,
)
from copydesk.plugins.hedging.detect import ATTRIBUTED, HEDGE, VAGUE, Hit, analyse
from copydesk.plugins.hedging.features import FEATURES
from copydesk.plugins.hedging.features import features as feature_values
from copydesk.plugins.hedging.lexicon import lexicon_for

HEDGE_CUE = Rule(
    code="HDG001",
    name="hedge-cue",
    message="Hedge '{cue}' ({category}) in the author's own voice",
    severity=Severity.INFO,
    doc="""\
**What it flags.** A hedge the article makes in its own voice: an epistemic modal
("may", "might", "could"), adverb ("possibly", "reportedly", "allegedly", "likely"),
adjective ("possible", "unclear", "potential", "apparent"), verb ("seems", "appears
to", "suggests", the distancing "claims that"), an agentless passive judgement ("is
thought to", "was considered"), or an approximator or vague quantifier ("generally",
"some", "many"). The non-hedging senses are left out: "May" the month or a name
(also sentence-initial before its verb, a conjunction or a comma: "May was busy"),
"might" the noun, "could not" as past inability, a modal after "depending on" or "so
that" or within a few words of "if"/"unless" (variation, purpose, a conditional risk,
not doubt), "as soon as possible", "some 200", "for many years", "the most", counting
quantifiers ("several", "a number of"), "potential" before a noun (prospective:
"potential investors", "a potential peace deal"), "the unlikely venue" (surprising),
"remains uncertain", "in no uncertain terms", "speculation" as a topic ("denied the
speculation"), "considered" meaning deliberated ("will be considered at the AGM", "should
be considered, including ...", "The matter will be considered.", not "considered at
best a stopgap") or selecting ("is being considered for the post", "considered as part of
the review"; not "considered for years the best"), a partitive relative ("three men, some of whom were armed"), a
maximum ("three of a possible five awards"), "all measures possible", a modal in an
embedded question ("the question of who might succeed him", "as for who may attend", also
with its own subject: "decide how best the port could be defended", "no word on where the grant
might go", "whether the striker could have scored"), a
modal of time or aim ("died before they could receive care", "drove him there so he could
see"; not after "before long", "until then" or a fronted time phrase: "Before the election
the party could lose seats" hedges), "seen at" a place (a photo caption), "widely" before
a word of spread ("widely available"), a negated "suggest" ("did not suggest this") or one
meaning "propose" ("suggested repainting the pier", "suggested that he be sacked"), "couldn't
possibly" (emphatic), a source that "could not say/confirm" (not "could not be
confirmed"), "some way below" and "some time later", an aside to the reader ("As fans may
recall", "you might be wondering", "You may think ..."), a modal of effort without its verb ("as much as she could"), "could" after a
negative subject ("Nothing could be heard", "no deal could be reached"), harm that did not
happen ("could have died", "might have been killed", "could have been much worse", "could
have been prevented"), "many more/fewer ... than" (a comparison), "could be seen sweating"
(perception), "likely voters" (a pollster's term), "possible" of feasibility or a maximum
("it is possible to see the lake", "as fast as is possible", "the worst possible", "never
possible"; not "it is possible that"), "possible" before its noun of what may come ("a
possible takeover", "possible candidates", "a possible future leader"; not "a possible
cause"), a person's "could" of a skill or of knowing ("she could swim", "Almost all could
identify", "he could speak French", "could barely see", "could hear the crowd chanting"; not
"hope they could identify"), an option not taken ("could have won but fell", "might have taken
the bus instead", "could have taken the train. Instead she drove."), an aside set off by commas
(", we might recall,"; not "By Friday, we may know."), a group whose colon opens its list
("Some highlights: ...", "many things: maps, music"; not "Many questions remain: ..."), a
concessive "may" granting a view before "but" ("Critics may blame the heat, but ..."),
"suggesting" after a preposition ("by suggesting a cut"), "seem" in a yes/no question ("Will
the mayor seem ready?"), "widely circulated", "rejected newspaper speculation",
"possible contrasts", "disputed" of a place or a call ("the disputed
region", "a disputed penalty"; not "disputed claims"), "a certain amount/number of" (not
"to a certain extent"), "the potential for growth" (not "for abuse"), cues inside a
Title Case title ("If I Could Turn Back Time"), and, in either voice, "more/less/most likely
to" comparing chances, a modal after "wish", "could" after "the" + a superlative and a pronoun
subject ("the smallest we could make"), "traditionally" and "some years ago" (HDG004's
text says more).
A hedge inside a claim credited to anyone (a quotation, a named source, or a vague
source already flagged by HDG002: "Many observers believe the unit could fall"; also
with a progressive verb: "Jo Roe had been predicting that growth could slow", a time
adverb, "He later suggested", "went on to": "He went on to suggest", a relative clause, "Jo Roe, who believes ...", a wish,
"the party hopes that two senators may ...", or a credit after the claim, ", political
analysts say.", ", said Jo Roe." also after a clause of contrast; a name after a fronted
adjunct, "On Thursday, Jo Roe said", or before a time phrase, "Jo Roe on Sunday said"; a
source noun after a name, "Kremlin officials said", "Jo Roe's aides said"; a noun of
evidence owned by a name or a body, "the Met Office's data suggest"; a definite or
possessive noun of people or a body, or a plural of people, with a verb of saying, believing,
fearing, denying or doubting, "the columnist suggested that", "the minister's advisers
believe", "residents fear", "the company denied that", of whose clause only; or a
participle clause of saying after a sentence that opens with its speaker, "Jo Roe attacked
the bill, saying it could ..."; since session 29 a body, a role or a document of
``institutions.txt`` after "a/an", ", a report suggests.", "a new study suggests that ...",
", according to a government spokesman", ", said a council spokeswoman" (not a document
nobody owns after "according to": "according to a February survey"); a pronoun's verb of
believing or saying in a relative clause on an object, "arrested five people they believe
may be ..." (not "the men we believe may ...", "The things they say may be wrong"); a
curly quotation nested in a straight one, '"... “We are done,” perhaps for good, he
quoted an analyst."') is not the author's: it is HDG004. The author's framing
stays the author's ("it is feared", "a lawyer said", "some lawyers warned"; "the report"
as an object, "may reject the report", credits nobody). A quotation whose paragraphs each open with a mark and
only the last closes stays quoted when they run into one line ('. "With ...'). A relative clause of expecting credits only itself:
"The 40% whom the mayor expected would probably vote stayed home" is the mayor's
hedge, "The savings that Jo Roe hoped for would probably come later" the author's.

**Why it matters.** Each hedge marks a claim the writer does not stand behind. A few
are honest caution; many leave the reader with suggestion instead of reporting.

**Example.** `The deal could potentially collapse, and it appears unlikely to pass.`
flags `could potentially` and `appears unlikely`; `Talks began in May 2024.` and `He
could not attend.` flag nothing.

**Known problems.** Approximators ("generally", "many") are weak signals and weigh
`approximator_weight`; "many" counts in any position, so a plain count ("sprinkled
with many lawns") is flagged. Dynamic "may" in generic descriptions ("uneven
pressure may cause damage") is still counted, and a prediction under a condition
("the song could top the chart if sales hold") is dropped with the risks. In Title
Case headlines "May" reads as the month.

**Measured precision.** On real news, the findings audit below. On CoNLL-2010 Wikipedia a
sentence with an HDG001 or HDG002 finding is labelled uncertain 0.79 of the time
(0.785 on the tuned half, 0.792 on the held-out half; recall 0.68 and 0.66):
`scripts/eval_hedging.py`.

**Settings.** `extra_cues`, `remove_cues`, `approximator_weight`.
""",
)

VAGUE_ATTRIBUTION = Rule(
    code="HDG002",
    name="vague-attribution",
    message="Claim credited to an unnamed or collective source: '{cue}'",
    severity=Severity.WARNING,
    doc="""\
**What it flags.** A claim credited to an authority nobody can check: an unnamed or
collective source with a verb of saying or thinking ("sources indicate", "experts
suggest", "critics argue", "some believe", "a senior official said"), "according to"
such a source or "according to some" anything, "reports of", a progressive verb of
saying ("reports were saying that", "many are claiming that", "officials had been
predicting that"), and agentless
attributions ("it is said", "it has been suggested", "is widely believed", "is
considered by many", "the generally accepted view", "widely regarded as"). A source
with a name or an
organisation beside it is not vague: "Kremlin officials", "experts at the IAEA",
"as reported by Axios"; a capitalised first word before a comma is no such name
("Meanwhile, officials said" is flagged).

**Why it matters.** Wikipedia's MOS:WEASEL: such wording gives a claim the look of
authority while leaving nothing to verify; it is how rumour reaches print.

**Example.** `Sources indicate the talks have stalled, and experts suggest a deal is
near.` flags `Sources indicate` and `experts suggest`; `Reuters reported that talks
stalled.` flags nothing.

**Not flagged.** The source noun must be the speaker of a verb that governs a clause:
a count ("killing nine people, the monitor said"), respondents of a poll or study
("Economists polled by Reuters", "the review found that most staff agreed"), a
benchmark ("than analysts expected", "twice what some analysts had been expecting"),
an indirect question ("see what people say"), a
definite document ("the research found"), a noun used as a modifier ("an official
NHS review"), a noun after "in/of/with" + a name ("officials in Powys"), a lead
whose source the next sentence names ("Some experts believe ..." then "Jo Roe, an
expert on ..."), a definite plural source after a source named just before with a title of its noun
("said Dr Jo Roe of the IAEA. The researchers said": it stands for her; at most three
sentences back in the same paragraph, and not when the same noun was a vague source
before: "Current officials said ... The officials said" stays vague), a verb after a spaced hyphen ("plus four statewide officials - but said": the
aside closes, as a dash does), "it is said/estimated ..." inside a claim a named source
credits and reaches ("..., according to Intervoice", "..., said Mr Armstrong",
"..., Mr Armstrong said", "..., he added";
it is then an HDG004 hedge of that source), or "people"/"others" opening the clause a named speaker reports ("Dr
Maleeha Lodhi said people could not expect ...": the claim is hers), or the second
conjunct of a compound subject whose first one is named ("Sanders and the others say").
Rumours as a topic ("denied rumours that") are not reports. A common noun capitalised
only as the first word is no name: "Ministry officials said" is vague, as "Health
ministry officials said" is.
A nationality is no name: "a Ukrainian official acknowledged" and "Western analysts"
are vague. Judgement passives follow one rule: an explicit vague crowd ("is seen by
many as", "is widely seen as", "once considered", "it is said") is a vague
attribution; a bare "is seen as"/"is viewed as" is an HDG001 hedge; a named agent
credits it.

**Known problems.** A capitalised organisation word beside the source counts as a
name ("a Labour source", "Kremlin officials"). "The official said" is taken to refer
to a source named earlier, and so is "the researchers said" after any named source,
even when the researchers were introduced unnamed ("research by four economists
suggests ... he said ... the researchers found"). A lead is resolved only by the very
next sentence; a spaced hyphen also ends a source's clause in "officials - two of
them - said".
Anonymous sourcing that a newsroom vetted is flagged like any other. "What others say
about ..." (and "are saying") after a verb that asks nothing is read as a source, not
a topic.

**Measured precision.** On the findings audit of real news (docs/audit/findings.jsonl,
`scripts/audit.py --rule HDG002`): 48 of the 50 audited findings that still fire are
right (0.96, 95 % CI 0.87-0.99; 0.56 before issue 14); of 25 findings sampled fresh
after the changes, 20 were right (0.80). Session 18's progressive verbs of saying added
7 findings, 6 right: 54 of 57 (0.95, 0.86-0.98). On CoNLL-2010 Wikipedia, sentences with an
HDG001 or HDG002 finding are uncertain 0.79 of the time (`scripts/eval_hedging.py`).

**Settings.** `extra_vague_sources`, `remove_vague_sources`.
""",
)

HEDGE_DENSITY = Rule(
    code="HDG003",
    name="hedge-density",
    message="{density:.1f} hedges per 1,000 words in the author's own voice or an unnamed source's (threshold {threshold:.1f}); {share:.0%} of sentences hedged",
    severity=Severity.INFO,
    scope="article",
    doc="""\
**What it flags.** An article of at least `min_words` words whose own weighted hedges
per 1,000 words (hedges in the author's voice count 1, approximators
`approximator_weight`) exceed `density_threshold`. The default is the 99th percentile
of the weighted measure with attributed hedges at `attributed_weight` over BBC News
and PolNeAR political reporting (see docs/scorers/hedging.md and
`scripts/eval_hedging.py --calibrate`), so the own-voice measure crosses it on fewer
than 1 % of those articles. The finding points
at the sentence carrying the most hedge weight, which is its excerpt.

**Why it matters.** Careful reporting hedges where the evidence is thin; an article
hedging more than almost all news copy is speculating rather than reporting.

**Example.** An 800-word piece built on "could", "may", "possibly" and "appears to"
in most sentences: `HDG003 41.3 hedges per 1,000 words in the author's own voice or an unnamed source's
(threshold 17.5); 62% of sentences hedged`.

Attributed hedges weigh in the sub-score but never decide HDG003: the author's own
hedges alone (attributed ones left out) must exceed the threshold, so an interview
built on the subject's "I think", embedded tweets or a headline quoting its speaker
do not make it fire. Hedges in a claim credited to an unnamed source ("sources say
the deal could collapse", '"It could collapse," a source said', HDG004 `vague`) count
as the author's here: nobody named
answers for them, and a rumour piece built on them is the author speculating.

**Known problems.** Analysis, forecasting and advice pieces hedge legitimately and
more than news ("your child may want ..."). Short articles (under `min_words`) are
not judged; just above it, one misread cue can decide the verdict.

**Why it is informational.** A warning-level rule must be right on at least 0.80 of
its findings on real news, and HDG003 is not: of the findings judged after the
issue 14 changes (drawn from findings not yet audited, on all seven development
corpora of real news), only 15 of 23 still firing are right. The wrong ones are
genres that hedge legitimately (sports previews forecasting a line-up, poll write-ups
full of "nearly" and "plus or minus", short briefs with a routine "expected to"), and a
higher `min_words` does not separate them from the speculative pieces (the fresh wrong
ones run from 150 to 450 words, as do the right ones). It stays in the report and in
the sub-score, at info weight. Make it a warning again with `[severity] HDG003 =
"warning"` where the genre mix suits.

**Measured precision.** On the findings audit of real news (`scripts/audit.py --rule
HDG003`; see docs/scorers/hedging.md, "Audit"). HDG003 fires on 0.4 % of BBC and
PolNeAR articles (`scripts/eval_hedging.py --calibrate`).

**Settings.** `density_threshold`, `min_words`, `attributed_weight`, `approximator_weight`.
""",
)

ATTRIBUTED_HEDGE = Rule(
    code="HDG004",
    name="attributed-hedge",
    message="Hedge '{cue}' ({category}) inside {where}",
    severity=Severity.INFO,
    doc="""\
**What it flags.** A hedge inside a direct quotation (`data.source` `quote`), in a
claim credited to a named person or organisation (`named`: "the ministry said prices
may rise", "according to the IAEA, the plant could be at risk", "Sanders and his
supporters argue the system could lead to chaos"; not a possessor's that-clause:
in "Opec's announcement that output would fall was probably a bluff" the "probably" is
the author's, and so is "unlikely" in "Opec's announcement that a cut was unlikely"),
or in a claim credited to a vague source (`vague`: "Many observers believe
the unit could fall"; the attribution itself is HDG002, so the author is not charged
again by HDG001). A quotation of an unnamed source is `vague` too ('"The deal could
collapse," a source said', "a spokesman who asked not to be named said"): nobody named
answers for it.

**Why it matters.** The uncertainty belongs to the source, and the reader can check
it; it weighs `attributed_weight` of an own hedge in the density and sub-score. It is
reported so a reader can see how much of the piece's caution is borrowed. A hedge
credited to a vague source is the exception: nobody named answers for it, so it
weighs as the author's own in the densities and counts toward HDG003.

**Example.** `"We may walk away," Peskov said.` flags `may` as quoted.

The source is named when the head of the subject of a verb of saying names one
("Trump has repeatedly claimed", "Peskov, the Kremlin spokesman, said", "the
ministry said", a role held by one person: "the chief executive said"; since session 23
a definite or possessive noun of people or a body, "the columnist said", "her husband
insisted", "the minister's advisers believe", or a plural of people, "residents fear",
credited with its complement clause, also after "denied/doubted that" and in a participle
clause, "..., saying it could ..."; since session 29 a body, a role or a document after
"a/an", "a new report suggests that ...", credited with its verb and what follows it, or all
before it when placed after its claim, ", a report suggests."), after "according to", "by"
or "as leaked to" (also "a/an" and a body or a role: "according to a government spokesman";
and "as alleged by the report"), or in an inversion
(", said Peskov", ", said the chief executive", ", said a council spokeswoman"); a pronoun
subject of a verb of believing or saying in a relative clause on an object ("the FBI has
arrested five people they believe may be linked ...") is credited with that clause; a compound subject counts when its first conjunct names one
("Sanders and his supporters argue", "Smith and two aides said", not "talks between
Sanders and his aides"); a definite plural source stands for one named at most three
sentences before in its paragraph with a title of its noun ("Dr Jo Roe said ... The
researchers said"; "Mr Smith said ... The officials said" stays HDG002); a name holding "of" or "for" names its body
("The Bank of England said", "the Office for National Statistics said"; not "Most of England said" or "a letter to
the Bank of England said"); a capital elsewhere before the verb ("The involvement of Dmitriev
... suggests", "ties with Gulf states") is not. The claim runs to a new clause in
the author's voice (", and ..."); a vague source's claim runs from the sentence start
when the source follows a clause break (", many observers believe"), else from the
source on ("The plan could fail because many experts believe ..." leaves "could" the
author's), and ends where the author's comment starts: a participle clause after a
clause break (", suggesting ..."), a semicolon, ", which ..." or an appositive comment
(", a view that ...") running to the sentence end; a named speaker's claim ends at the
same comments, of the participles only at ", suggesting/meaning/indicating ...", not (after its verb) at ", which" and a
modal of what the claimed event would do ("Jo Roe said ..., which could take until spring"; ", which may be why ..." and ", which could
mean ..." stay the author's); a relative clause on an indefinite noun object of a verb that takes no clause
("announced a deal to inspect the towns where mines were reportedly laid") is the author's; and one in a
relative or concessive clause ("Jo Roe, who said ...", "While Jo Roe said ...", not "Even Jo Roe said ...") where that clause closes;
a speaker inside a relative clause ("rallied farmers against the tax that she says is unfair") is credited with that
clause only; the author's comment straight after a credit placed after its claim (", Jo Roe said, a view that ...",
", which ...", ", suggesting ...", "; ...") is the author's (", and ..." and ", adding ..." stay the speaker's);
an adverb or auxiliary of the verb of saying ("Jo Roe reportedly told", "she may have said") is the author's;
"suggest" as a named speaker's verb of saying ("Jo Roe suggested the levy may rise", ", he suggested.") reports
what was said and is no hedge (the "may" stays hers), unless its subject holds a noun of evidence ("A survey by
Brannock suggests", "It suggests");
after a fronted adjunct ("In an apparent reply, Jo Roe said: ...") only what follows the colon is credited; a second verb after "- but"/", and" is
credited to the sentence's opening name ("Senator Smith won - but said ...");
"reports of/that" credit their content up to the next clause break. Embedded tweets ("— Name (@handle)"), a headline
quotation in single quotes after a colon and the turns of an interview transcript ("Q: ... A: ...") count as quotations;
a curly quotation nested in a straight one that looks like an opening ('"... “We are done,” perhaps ...,
he quoted an analyst."', with a straight quote to close it within 300 characters) does not close it.
Some words hedge in no voice: "more/less/most likely to" compares chances ("renters are less
likely to register"), a modal after "wish" is counterfactual ("wish they could go back"),
"could" after "the" + a superlative and a pronoun subject is the limit of what was possible ("the smallest we could
make", "the best deal they could get"; "the largest rise that could happen" keeps its hedge),
"traditionally" states a custom, and "some time later" or "many years" measures time.

**Known problems.** A forecast put as a comparison ("Storms are more likely to hit the
coast tomorrow") is read as a comparison of chances and not flagged (review s22v; on the
reference inputs the reading stopped 38 findings, most of them comparisons of groups
such as "renters are more likely to move"). An unbalanced quotation mark extends a quotation to the end of
its paragraph. A verb whose subject is "you", "I" or "we" ("what do you believe
European nations should do") credits nobody. A claim reported over several sentences
is credited only in the sentence of its verb. A fronted concessive clause of saying ends
at its first comma after the verb, so a parenthesis inside its claim ("While Jo Roe said
the plan, in her view, could fail, ...") leaves the rest of the claim the author's.

**Measured precision.** On real news, the findings audit below. On the five seeds, 4 findings:
2 credited to the right named source (12 before issue 14, about 10 of them wrong) and,
since review 14, 2 inside the claim of experts flagged by HDG002.

**Settings.** `attributed_weight`.
""",
)

RULES = (HEDGE_CUE, VAGUE_ATTRIBUTION, HEDGE_DENSITY, ATTRIBUTED_HEDGE)
SETTINGS: Settings = {
    "extra_cues": [],
    "remove_cues": [],
    "extra_vague_sources": [],
    "remove_vague_sources": [],
    "density_threshold": 17.5,
    "share_threshold": 0.34,
    "attributed_weight": 0.5,
    "approximator_weight": 0.5,
    "min_words": 150,
}
#: What each setting does, one line each (``copydesk explain`` shows it; config.toml says the same above each key).
SETTING_DOCS: Mapping[str, str] = {
    "extra_cues": 'Hedge cues added to the packaged lists (phrases, case-insensitive; category "custom").',
    "remove_cues": 'Hedge cues removed from the packaged lists (exact phrases, e.g. "potential").',
    "extra_vague_sources": 'Words added to the unnamed/collective sources of vague attribution (e.g. "pundits").',
    "remove_vague_sources": 'Words removed from the vague sources (e.g. "officials" to accept anonymous officials).',
    "density_threshold": "HDG003: weighted hedges per 1,000 words above which an article is flagged (pooled p99 of BBC + PolNeAR, rounded up).",
    "share_threshold": "Hedged-sentence share at which the sub-score's sentence term reaches one half (pooled p99 of BBC + PolNeAR).",
    "attributed_weight": "Weight of a hedge inside a quotation or credited to a named source, against 1 for the author's own (0 to 1e6).",
    "approximator_weight": 'Weight of an approximator or vague quantifier ("generally", "some", "many") (0 to 1e6).',
    "min_words": "HDG003 judges only articles of at least this many words; sub-score densities use at least this many words.",
}
#: Vague attributions per 1,000 words that cost a factor of e in the sub-score.
VAGUE_SCALE = 10.0
_CODES = {HEDGE: HEDGE_CUE.code, VAGUE: VAGUE_ATTRIBUTION.code, ATTRIBUTED: ATTRIBUTED_HEDGE.code}
_WHERE = {
    "quote": "a direct quotation",
    "named": "a claim credited to a named or specific source",
    "vague": "a claim credited to an unnamed source (see HDG002)",
}


def own_voice(hit: Hit) -> bool:
    """Whether a hedge counts as the author's own in the densities and HDG003.

    One in the author's voice does, and so does one in a claim credited to an unnamed
    source (HDG004 ``vague``): nobody named answers for it, so the author does.
    """
    return hit.kind == HEDGE or (hit.kind == ATTRIBUTED and hit.source == "vague")


def weight(hit: Hit, settings: Settings) -> float:
    """What one hedge adds to the density: 1, less for approximators and attributed ones."""
    base = float(settings["approximator_weight"]) if hit.category == "approximators" else 1.0
    return base * float(settings["attributed_weight"]) if hit.kind == ATTRIBUTED and not own_voice(hit) else base


def _finding(view: TextView, hit: Hit) -> Finding:
    """The finding of one hit."""
    data = {"category": hit.category, "cue": hit.cue, "source": hit.source}
    if hit.kind == VAGUE:
        return VAGUE_ATTRIBUTION.finding(view, hit.start, hit.end, data=data, cue=view.text[hit.start : hit.end])
    if hit.kind == ATTRIBUTED:
        rule, params = ATTRIBUTED_HEDGE, {"where": _WHERE[hit.source]}
    else:
        rule, params = HEDGE_CUE, {}
    return rule.finding(view, hit.start, hit.end, data=data, cue=hit.cue, category=hit.category, **params)


def measure(hits: Iterable[tuple[TextView, Hit]], words: int, sentences: int, settings: Settings) -> dict[str, float]:
    """Densities of a document's hits: per 1,000 words and per sentence."""
    per_k = 1000.0 / max(words, 1)
    hedged: set[tuple[str, int]] = set()
    weighted = own = vague = attributed = 0.0
    for view, hit in hits:
        if hit.kind == VAGUE or own_voice(hit):
            hedged.add((view.field, hit.sentence))
        if hit.kind == VAGUE:
            vague += 1
        else:
            weighted += weight(hit, settings)
            own += weight(hit, settings) if own_voice(hit) else 0.0
            attributed += hit.kind == ATTRIBUTED
    return {
        "words": float(words),
        "hedges_per_1000_words": weighted * per_k,
        "own_hedges_per_1000_words": own * per_k,
        "vague_attributions_per_1000_words": vague * per_k,
        "attributed_hedges_per_1000_words": attributed * per_k,
        "hedges_per_sentence": weighted / max(sentences, 1),
        "hedged_sentence_share": len(hedged) / max(sentences, 1),
    }


def subscore(metrics: dict[str, float], settings: Settings) -> float:
    """1.0 for no hedging; 0.5 at the density and share thresholds; vague sources cost more.

    Densities are taken over at least ``min_words`` words, so a short brief with one
    hedge is not read as a flood.
    """
    scale = metrics["words"] / max(metrics["words"], float(settings["min_words"]), 1.0)
    density = metrics["hedges_per_1000_words"] * scale / float(settings["density_threshold"])
    share = metrics["hedged_sentence_share"] / float(settings["share_threshold"])
    pressure = 0.5 * density**2 + 0.5 * share**2
    return math.pow(2.0, -pressure) * math.exp(-metrics["vague_attributions_per_1000_words"] * scale / VAGUE_SCALE)


def densest_sentence(hits: Iterable[tuple[TextView, Hit]], settings: Settings) -> tuple[TextView, int] | None:
    """The field and index of the sentence carrying the most hedge weight (the first on a tie).

    Vague attributions count 1 like an own hedge; attributed hedges weigh less (see :func:`weight`).
    """
    totals: dict[tuple[str, int], float] = {}
    views: dict[str, TextView] = {}
    for view, hit in hits:
        key = (view.field, hit.sentence)
        views[view.field] = view
        totals[key] = totals.get(key, 0.0) + (1.0 if hit.kind == VAGUE else weight(hit, settings))
    if not totals:
        return None
    field, index = max(totals, key=lambda key: totals[key])
    return views[field], index


def _density_finding(
    document: Document, hits: list[tuple[TextView, Hit]], metrics: dict[str, float], settings: Settings
) -> list[Finding]:
    """HDG003 on the most hedged sentence when the author's own hedges alone are above the threshold.

    Attributed hedges (quoted, credited to a named source) weigh in the sub-score but
    never decide HDG003: a piece built on a speaker's "I think" is not the author hedging.
    """
    threshold = float(settings["density_threshold"])
    densest = densest_sentence(hits, settings)
    density, share = metrics["own_hedges_per_1000_words"], metrics["hedged_sentence_share"]
    if metrics["words"] < int(settings["min_words"]) or density <= threshold or not densest:
        return []
    view, index = densest
    sentence = view.sentences[index]
    data = {
        "hedges_per_1000_words": round(metrics["hedges_per_1000_words"], 3),
        "own_hedges_per_1000_words": round(density, 3),
        "threshold": threshold,
    }
    return [
        HEDGE_DENSITY.finding(
            view, sentence.start, sentence.end, data=data, density=density, threshold=threshold, share=share
        )
    ]


#: The largest weight a hedge may carry: beyond it the weighted density overflows (a weight of 1e308).
MAX_WEIGHT = 1e6


def check(settings: Settings) -> Iterator[tuple[str, str]]:
    """``(key, problem)`` for each setting out of range (the core reports the first)."""
    merged = {**SETTINGS, **settings}
    for key in ("density_threshold", "share_threshold"):
        if not float(merged[key]) > 0:
            yield key, f"must be greater than 0, not {merged[key]}"
    yield from measures.out_of_range(
        merged,
        {
            "share_threshold": (None, 1),
            "attributed_weight": (0, MAX_WEIGHT),
            "approximator_weight": (0, MAX_WEIGHT),
            "min_words": (0, None),
        },
    )


def score(document: Document, context: Context) -> Assessment:
    """Find hedges and vague attributions in title and body; measure their densities.

    Only the hits of selected rules are reported and measured (``--ignore HDG001``
    leaves the author's own hedges out of the densities and the sub-score).
    """
    settings = {**SETTINGS, **context.settings}
    lexicon = lexicon_for(settings)
    selected = context.selected or {rule.code for rule in RULES}
    hits = [
        (view, hit)
        for view in (document.title, document.body)
        for hit in analyse(view, lexicon)
        if _CODES[hit.kind] in selected
    ]
    words = document.title.word_count + document.body.word_count
    sentences = len(document.title.sentences) + len(document.body.sentences)
    metrics = measure(hits, words, sentences, settings)
    findings = [_finding(view, hit) for view, hit in hits]
    findings.extend(_density_finding(document, hits, metrics, settings))
    return Assessment(tuple(findings), subscore(metrics, settings), metrics, features=feature_values(document))


@hookimpl
def copydesk_scorers() -> list[Scorer]:
    """Provide the HDG scorer."""
    return [
        Scorer(
            prefix="HDG",
            name="hedging",
            rules=RULES,
            score=score,
            settings=SETTINGS,
            setting_docs=SETTING_DOCS,
            check=check,
            description="Hedging language and vague attribution: uncertainty the article leaves open",
            features=FEATURES,
        )
    ]
