"""Hedging scorer (HDG): hedge cues, vague attribution, attributed hedges, density, settings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from copydesk import Finding
from copydesk.errors import ConfigError
from copydesk.models import Context
from copydesk.plugins import hedging
from copydesk.plugins.hedging import cues, transcript
from copydesk.testing import article, codes, document, run_scorer
from copydesk.text import TextView

SCORER = hedging.copydesk_scorers()[0]
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CALM = (
    "The council approved the budget on Tuesday by nine votes to two. "
    "It sets aside 4 million pounds for road repairs and 1 million for libraries. "
    "Work on the ring road starts in June and ends in October, the council said. "
)
HEDGY = (
    "The plan could potentially collapse. It may fail, and it appears unlikely to pass. "
    "Perhaps the vote will slip; the outcome seems uncertain and possibly delayed. "
)


def matched(findings: list[Finding], code: str) -> list[str]:
    """The matched text of every finding of ``code``."""
    return [f.matched for f in findings if f.code == code]


def seed(prefix: str) -> str:
    """The body of the seed article whose file name starts with ``prefix``."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8").split("\n", 1)[1]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("The deal could potentially collapse.", ["could potentially"]),
        ("It appears unlikely to pass.", ["appears unlikely"]),
        ("The minister reportedly resigned.", ["reportedly"]),
        ("The vaccine may cause a mild fever.", ["may"]),
        ("The plan is possibly flawed and probably late.", ["possibly", "probably"]),
        ("A breach could not be ruled out.", ["could"]),
        ("Some scholars hold that the text is later.", ["some"]),
        ("The figures are disputed.", ["disputed"]),
        ("The painting was thought to be lost.", ["was thought"]),
        # near misses: the month, a name, past inability, fixed phrases, counts, superlatives
        ("Talks began in May 2024.", []),
        ("The summit ended on May 5.", []),
        ("May 5 was the deadline.", []),
        ("Theresa May spoke to reporters.", []),
        ("May Smith opened the shop.", []),
        ("He could not attend the meeting.", []),
        ("She couldn't find the file.", []),
        ("They fought with all their might.", []),
        ("Reply as soon as possible.", []),
        ("The bridge was made possible by a grant.", []),
        ("Some 200 people attended.", []),
        ("The museum has some paintings by Turner.", []),
        ("It was the most expensive film of the year.", []),
        ("He is certain that it works.", []),
        ("The company is known as Acme.", []),
        # 'many' generalises anywhere; the other quantifiers only as subjects
        ("The dye is used in many laboratories.", ["many"]),
        ("He served there for many years.", []),
        ("The car was tuned for races and several other projects.", []),
        ("The tax rose, and some firms left.", ["some"]),
        ("The tax rose, and several firms left.", []),  # 'several' counts
        # a condition or purpose, not doubt
        ("Depending on the dose, the effect may vary.", []),
        ("They pray so that every word may begin well.", []),
        ("The effect may vary.", ["may"]),
        # 'potential' the noun and the physics term; 'widely' and 'in general' as manner
        ("There is great potential in the films.", []),
        ("The ball gains potential energy.", []),
        ("Its potential to split water is the draw.", ["potential"]),
        ("Doses vary widely across patients.", []),
        ("It is a widely used drug.", ["widely"]),
        ("The word refers to chocolates in general.", []),
        ("In general, the plan works.", ["in general"]),
        # distancing 'claim' (MOS:CLAIM), evident-but-inferred 'apparent'
        ("They claim that the cure works.", ["claim that"]),
        ("The claim was rejected.", []),
        ("It is apparent that the plan failed.", ["apparent"]),
        ("More often than not the bus is late.", ["more often than not"]),
        ("The saint is known to us only from one biography.", []),
    ],
)
def test_hedge_cue(text: str, cues: list[str]) -> None:
    assert [f.data["cue"] for f in run_scorer(SCORER, text) if f.code == "HDG001"] == cues


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Sources indicate the talks stalled.", ["Sources indicate"]),
        ("Experts suggest a deal is near.", ["Experts suggest"]),
        ("Critics argue the plan is flawed.", ["Critics argue"]),
        ("Some believe the vote was rigged.", ["Some believe"]),
        ("It is widely believed that the plan will fail.", ["It is widely believed"]),
        ("It has been suggested that the letters are forged.", ["It has been suggested"]),
        ("According to sources, the talks stalled.", ["According to sources"]),
        ("A senior official said the talks stalled.", ["A senior official said"]),
        ("The painting is considered by many to be a forgery.", ["is considered by many"]),
        ("Reports of secret talks circulated.", ["Reports of"]),
        ("Recent reports of talks circulated.", ["Recent reports of"]),
        ("The film was described by other critics as tender.", ["was described by other critics"]),
        ("The plan was criticised by many.", ["was criticised by many"]),
        ("People familiar with the matter said the deal was close.", ["People familiar with the matter said"]),
        ("According to some chronicles, he was buried there.", ["According to some chronicles"]),
        ("It is widely accepted that the map is a forgery.", ["It is widely accepted"]),
        ("The generally accepted view is that it failed.", ["generally accepted"]),
        ("The towns, sometimes considered part of the region, are small.", ["sometimes considered"]),
        # near misses: a named person or organisation, an anaphoric "the official", no verb
        ("Kremlin spokesman Dmitri Peskov affirmed Tuesday that talks continue.", []),
        ("The talks, as reported by Axios, involve two envoys.", []),
        ("According to the IAEA, the plant is safe.", []),
        ("Reuters reported that talks stalled.", []),
        ("Kremlin officials said talks continue.", []),
        ("Pentagon sources said talks continue.", []),
        ("Experts at the IAEA said the plant is safe.", []),
        ("Officials at the ministry said the plant is safe.", []),
        ("Critics such as Jane Doe argue the plan is flawed.", []),
        ("The official said talks continue.", []),
        ("Many people died in the flood.", []),
        ("The victim was killed by several gunmen.", []),
        ("The plan was criticised by the IAEA.", []),
        ("The report by the World Bank was published.", []),
        ("He often thought the plan would fail.", []),
        ("According to the World Bank, some firms left.", []),
        # review 12, item 6: 'people' in the clause a named speaker reports is what she talks about
        ("Dr Maleeha Lodhi said people could not expect others to listen.", []),
        ("Lodhi has said that people believe the talks failed.", []),
        ("The minister said people believe the talks failed.", ["people believe"]),
        ("Dr Maleeha Lodhi said experts believe the talks failed.", ["experts believe"]),
        # session 22: a sentence's first word before a comma is fronted, no modifier of the source
        ("Meanwhile, officials said the ferry would stop.", ["officials said"]),
        ("Anyway, sources claim the mayor will resign.", ["sources claim"]),
        ("Separately, experts argue the cure works.", ["experts argue"]),
        # review s22v: a number word opening the sentence counts the sources, it names none
        ("Two sources said the deal may collapse.", ["sources said"]),
        # near neighbours: a name beside the source, or after a fronted place, still names it
        ("Harbourtown officials said the ferry would stop.", []),
        ("In Harbourtown, officials said the ferry would stop.", []),
    ],
)
def test_vague_attribution(text: str, vague: list[str]) -> None:
    assert matched(run_scorer(SCORER, text), "HDG002") == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Chief executive Ann Vell told analysts the bank may expect slower growth.", []),
        ("Ann Vell told analysts the company believes demand may recover.", []),
        ("Ann Vell told the analysts that demand may recover.", []),
        ("Ann Vell briefed investors that the sale could close in May.", []),
        # near neighbours: the told group speaks when a relative clause gives it the verb, or it is the subject
        ("Ann Vell briefed officials who said the plan could fail.", ["officials who said"]),
        ("Analysts told reporters that demand may recover.", ["Analysts told"]),
        ("Analysts said demand may recover.", ["Analysts said"]),
    ],
)
def test_who_is_told_is_a_hearer_not_a_vague_source(text: str, vague: list[str]) -> None:
    """Review s25v item 2: in 'Ann Vell told analysts the bank may expect ...' the analysts are told; Ann Vell speaks."""
    assert matched(run_scorer(SCORER, text), "HDG002") == vague


def test_a_hedge_credited_to_a_specific_unnamed_group_is_not_said_to_be_named() -> None:
    """Review s25v item 6: 'engineers said' is a specific source, the HDG004 message must not call it named."""
    [found] = [
        f for f in run_scorer(SCORER, "The bridge might reopen next week, engineers said.") if f.code == "HDG004"
    ]
    assert found.data["source"] == "named"
    assert found.message.endswith("credited to a named or specific source")


@pytest.mark.parametrize(
    ("text", "code", "source"),
    [
        ("The ministry said prices may rise.", "HDG004", "named"),
        ("Prices may rise, the ministry said.", "HDG004", "named"),
        ('"We may walk away," Peskov said.', "HDG004", "quote"),
        ("“Prices could rise,” she said.", "HDG004", "quote"),
        ("According to the IAEA, the plant could be at risk.", "HDG004", "named"),
        ("Reuters reported that talks could resume.", "HDG004", "named"),
        ("Prices may rise.", "HDG001", ""),
        ("Prices in the United States may rise.", "HDG001", ""),
        ("He denied his alleged role.", "HDG001", ""),
        ("He said the talks could fail.", "HDG004", "named"),
        ("We believe the talks failed.", "HDG001", ""),
        # the claim of a vague source is charged once, by HDG002 (review 14, item 12)
        ("Analysts said prices may rise.", "HDG004", "vague"),
        ("Prices may rise, said Peskov.", "HDG004", "named"),
        # a question to the reader has no source, whatever follows its verb
        ("What role do you believe European nations should play in these possible talks?", "HDG001", ""),
        ("Do you think Western leaders may balk?", "HDG001", ""),
    ],
)
def test_hedge_attribution(text: str, code: str, source: str) -> None:
    hedges = [f for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")]
    assert [(f.code, f.data["source"]) for f in hedges] == [(code, source)]


@pytest.mark.parametrize("weight", [0.0, 0.5])
def test_attributed_hedge_weighs_less(weight: float) -> None:
    own = hedging.score(document("Prices may rise."), Context(settings=hedging.SETTINGS))
    settings = {**hedging.SETTINGS, "attributed_weight": weight}
    credited = hedging.score(document("The ministry said prices may rise."), Context(settings=settings))
    words_ratio = 6 / 3  # the attributed sentence has twice the words
    expected = own.metrics["hedges_per_1000_words"] * weight / words_ratio
    assert credited.metrics["hedges_per_1000_words"] == pytest.approx(expected)
    assert credited.subscore is not None and own.subscore is not None
    assert credited.subscore > own.subscore


def test_seed_004_vague_sources() -> None:
    vague = " | ".join(matched(run_scorer(SCORER, seed("004")), "HDG002"))
    assert "Sources indicate" in vague
    assert "experts suggest" in vague


def test_seed_000_reports_found_named_sources_not_vague() -> None:
    findings = run_scorer(SCORER, seed("000"))
    vague = matched(findings, "HDG002")
    assert "Reports of" in vague
    assert "reportedly" in matched(findings, "HDG001")
    assert not [v for v in vague if "Peskov" in v or "affirmed" in v or "Axios" in v or v == "reported"]
    text = seed("000")
    for phrase in ("Kremlin spokesman Dmitri Peskov affirmed", "as reported by Axios"):
        start = text.index(phrase)
        assert not [f for f in findings if f.code == "HDG002" and f.start < start + len(phrase) and start < f.end]


@pytest.mark.parametrize(
    ("settings", "text", "code", "expected"),
    [
        ({"extra_cues": ["touted"]}, "The cure was touted as a miracle.", "HDG001", ["touted"]),
        ({"remove_cues": ["may"]}, "Prices may rise.", "HDG001", []),
        ({"remove_cues": ["MAY"]}, "Prices may rise.", "HDG001", []),
        ({"extra_vague_sources": ["pundits"]}, "Pundits say the bill is dead.", "HDG002", ["Pundits say"]),
        ({"remove_vague_sources": ["critics"]}, "Critics argue the plan is flawed.", "HDG002", []),
        ({}, "Pundits say the bill is dead.", "HDG002", []),
    ],
)
def test_settings_extend_and_trim_lexicon(
    settings: dict[str, list[str]], text: str, code: str, expected: list[str]
) -> None:
    assert matched(run_scorer(SCORER, text, settings=settings), code) == expected


def test_density_finding_above_threshold_only() -> None:
    hedgy, calm = HEDGY * 12, CALM * 6
    assert codes(run_scorer(SCORER, hedgy)).count("HDG003") == 1
    assert "HDG003" not in codes(run_scorer(SCORER, calm))
    assert "HDG003" not in codes(run_scorer(SCORER, HEDGY))  # below min_words
    assert "HDG003" not in codes(run_scorer(SCORER, hedgy, settings={"density_threshold": 1000.0}))
    density = next(f for f in run_scorer(SCORER, hedgy) if f.code == "HDG003")
    pattern = r"\d+\.\d hedges per 1,000 words in the author's own voice or an unnamed source's \(threshold \d+\.\d\); \d+% of sentences hedged"
    assert re.match(pattern, density.message)


def test_density_finding_points_at_the_most_hedged_sentence() -> None:
    worst = "Perhaps the deal could possibly collapse, and it may seemingly fail, apparently. "
    text = "by Chief Editor\n" + CALM * 3 + HEDGY * 6 + worst + CALM * 3
    density = next(f for f in run_scorer(SCORER, text) if f.code == "HDG003")
    assert density.matched == worst.strip()
    assert density.excerpt == worst.strip()
    assert density.line == 2


def test_subscore_depends_on_density_not_counts() -> None:
    context = Context(settings=hedging.SETTINGS)
    once = hedging.score(document(HEDGY * 10 + CALM * 10), context)
    twice = hedging.score(document((HEDGY * 10 + CALM * 10) * 2), context)
    calm = hedging.score(document(CALM * 20), context)
    assert once.subscore == pytest.approx(twice.subscore, rel=0.02)
    assert once.metrics["hedges_per_1000_words"] == pytest.approx(twice.metrics["hedges_per_1000_words"], rel=0.02)
    assert calm.subscore == 1.0
    assert once.subscore is not None and once.subscore < 0.5
    assert set(once.metrics) >= {"hedges_per_1000_words", "vague_attributions_per_1000_words", "hedged_sentence_share"}


def test_finding_points_at_cue_with_sentence_excerpt() -> None:
    text = "Talks resumed.\nThe deal could collapse. Prices rose."
    finding = next(f for f in run_scorer(SCORER, text) if f.code == "HDG001")
    assert (finding.line, finding.column, finding.matched) == (2, 10, "could")
    assert finding.excerpt == "The deal could collapse."
    assert finding.message == "Hedge 'could' (modals) in the author's own voice"


def test_title_is_scored_and_headings_are_not() -> None:
    findings = run_scorer(
        SCORER, article("Prices rose.\nPotential Scenarios\nThe plan may fail.", title="Deal could fail")
    )
    assert [(f.field, f.matched) for f in findings] == [("title", "could"), ("text", "may")]


def test_adversarial_megabyte_finishes() -> None:
    pieces = ["may may might could ", "sources sources say ", '"' * 50, "“ ” “ ", ", , ; ", "it is said that "]
    pieces += ["according to according to ", "May May May ", "." * 40 + " ", "reports of " * 5]
    text = ("".join(pieces) * 5000)[:1_000_000]
    assessment = hedging.score(document(text), Context(settings=hedging.SETTINGS))
    assert assessment.findings and assessment.subscore is not None


class _CountingText(str):
    """A text that adds up how many characters its ``find`` calls search."""

    searched = 0

    def find(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        lo = 0 if start is None else start
        hi = len(self) if end is None else end
        type(self).searched += max(0, hi - lo)
        return str.find(self, sub, start, end)


@pytest.mark.parametrize(
    "text",
    [
        "“" + "a “" * 5000,  # one quotation left open, thousands of marks inside it
        "«" + "x «" * 5000 + "\n" + "y «" * 5000,  # closed by a line break, then open again
        '"' + "“ " * 5000,
    ],
)
def test_quote_spans_searches_each_character_for_a_line_break_at_most_once(text: str) -> None:
    _CountingText.searched = 0
    counted = _CountingText(text)
    assert cues.quote_spans(counted) == cues.quote_spans(text)
    # Rescanning from the opening mark at every later mark searched about n * n / 6 characters here.
    assert _CountingText.searched <= len(text)


class _CountingFinds(str):
    """A text that counts its ``find`` calls."""

    calls = 0

    def find(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        type(self).calls += 1
        return str.find(self, sub, start, end)


@pytest.mark.parametrize(
    ("text", "finds"),
    [("a’" * 20000 + "b", 2), ("x ’ " * 10000 + "it’s", 10002), ("’" * 30000, 30001), ("no apostrophe", 1)],
)
def test_curly_apostrophes_are_straightened_word_by_word_in_one_search_of_the_text(text: str, finds: int) -> None:
    # A word of thousands of apostrophes is replaced once and the search resumes after it;
    # an apostrophe between words is passed over.
    stream = TextView(text).tokens
    _CountingFinds.calls = 0
    lows = cues._straightened(stream.forms, _CountingFinds(text), stream.starts, stream.ends)
    assert lows == [form.replace("’", "'") for form in stream.forms]
    assert _CountingFinds.calls == finds


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"density_threshold": 0.0}, "[plugins.hedging] density_threshold must be greater than 0, not 0.0"),
        ({"attributed_weight": -1.0}, "[plugins.hedging] attributed_weight must be between 0 and 1e+06, not -1.0"),
        (
            {"approximator_weight": 1e300},
            "[plugins.hedging] approximator_weight must be between 0 and 1e+06, not 1e+300",
        ),
    ],
)
def test_out_of_range_settings_are_a_config_error_naming_the_key(settings: dict[str, float], message: str) -> None:
    assert list(hedging.check(hedging.SETTINGS)) == []
    with pytest.raises(ConfigError, match=re.escape(message)):
        run_scorer(SCORER, "Prices may rise.", settings=settings)


def test_ignored_rule_is_neither_reported_nor_measured() -> None:
    text = "Sources say prices may rise. " * 20
    full = hedging.score(document(text), Context(settings=hedging.SETTINGS))
    selected = frozenset({"HDG001", "HDG003", "HDG004"})
    trimmed = hedging.score(document(text), Context(settings=hedging.SETTINGS, selected=selected))
    assert "HDG002" in codes(full.findings) and "HDG002" not in codes(trimmed.findings)
    assert trimmed.metrics["vague_attributions_per_1000_words"] == 0.0
    assert trimmed.subscore is not None and full.subscore is not None and trimmed.subscore > full.subscore


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        # a victim or population count is the toll, not the source; the named monitor is
        ("Shelling hit the square, killing nine people, the monitor group said.", []),
        ("Floods left 40 people homeless according to the Red Cross.", []),
        ("One in 12 people - according to the census office - rents a flat.", []),
        ("Nine people said they saw the blast.", []),  # near neighbour: still a count, not a source
        ("People said they saw the blast.", ["People said"]),
        # a word that only looks like a verb of saying
        ("Few people in show business are known by one name.", []),
        ("Some of those states allow early voting.", []),
        ("Ten people killed in Washington State were named.", []),
        ("Suits were filed against people alleged to have shared songs.", []),
        ("Some states allow early voting, and some claim it helps.", ["some claim"]),
        # respondents of a named poll or report, a benchmark, an indirect question
        ("Economists polled by Reuters expect rates to rise.", []),
        ("Prices rose 4%, the national statistics office said.", []),
        ("Visits fell by 12,000 last year, according to the library's annual report.", []),
        ("Visits fell by 12,000 last year, according to reports.", ["according to reports"]),
        ("According to Harbour Research, 30% of the people it questioned said they pay cash.", []),
        ("The review found that most staff liked the rota, though most agreed it was long.", []),
        ("Profits were lower than analysts had expected.", []),
        ("He went out to see what people really say about him.", []),
        (
            "The firm was beaten by what sources close to the deal claim was a rival.",
            ["sources close to the deal claim"],
        ),
        # named institutions and definite references to a named document
        ("Health officials in Powys said the clinic would close.", []),
        ("Senior health officials said the clinic would close.", ["officials said"]),
        ("Doctors cite an official NHS review which found few faults.", []),
        ("The research found that most cases were handled well.", []),
        ("Research found that most cases were handled well.", ["Research found"]),
        # a nationality says where a source is from, not who it is
        ("A Ukrainian official acknowledged the plan existed.", ["official acknowledged"]),
        ("Western analysts believe the plan will fail.", ["Western analysts believe"]),
        ("Kremlin officials said the plan would fail.", []),
        # rumours as the topic of the sentence
        ("Fans heard rumours that the band would split.", []),
        ("The singer denied rumours that the band would split.", []),
        ("Rumours that the band would split spread fast.", ["Rumours that"]),
    ],
)
def test_vague_attribution_needs_a_source_that_speaks(text: str, vague: list[str]) -> None:
    assert matched(run_scorer(SCORER, text), "HDG002") == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Some experts believe the ban could backfire. Jo Lee, an expert on the region, said so.", []),
        ("One analyst suggested a bid war. Bill Ames, a retail analyst at Kell & Co, said it was likely.", []),
        ("Critics think the show is tired. Bob Ray, from the Daily Post, thinks so too.", []),
        # near neighbours: the next sentence names someone else, or nobody
        ("Some experts believe the ban could backfire. Jo Lee, a farmer, disagreed.", ["Some experts believe"]),
        ("Some experts believe the ban could backfire. The ban starts in May.", ["Some experts believe"]),
    ],
)
def test_vague_lead_named_in_the_next_sentence_is_not_vague(text: str, vague: list[str]) -> None:
    assert matched(run_scorer(SCORER, text), "HDG002") == vague


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject of the verb of saying must name the source, not any capital before it
        (
            "The role of Ann Cole, a figure close to the board, suggests a deal may come.",
            [("HDG001", "suggests"), ("HDG001", "may")],
        ),
        ("The move raises fears that Oslo might be sidelined.", [("HDG001", "might")]),
        ("The talks mark a turning point and a possible shift.", [("HDG001", "possible")]),
        ("The firm, backed by Gulf states and Asia, may grow.", [("HDG001", "may")]),
        (
            "The absence of a meeting – with Lisbon officials – suggests a pause may follow.",
            [("HDG001", "suggests"), ("HDG001", "may")],
        ),
        # near neighbours: a named head, an appositive, adverbs between
        (
            "Ann Cole, a figure close to the board, suggests a deal may come.",
            [("HDG004", "may")],
        ),
        ("Dr Cole has repeatedly claimed he could win.", [("HDG004", "could")]),
        ("The ministry, in a statement, said prices may rise.", [("HDG004", "may")]),
        # the credited claim ends where the author speaks again
        (
            "Dr Cole has repeatedly claimed he could win, and the talks are possibly a first step.",
            [("HDG004", "could"), ("HDG001", "possibly")],
        ),
        # a named outlet in the sentence credits 'reportedly'
        ("The plan, as leaked to Politico, reportedly sets up a fund.", [("HDG004", "reportedly")]),
        ("The plan reportedly sets up a fund.", [("HDG001", "reportedly")]),
    ],
)
def test_hedge_credited_only_to_the_subject_of_a_verb_of_saying(text: str, expected: list[tuple[str, str]]) -> None:
    hedges = [(f.code, f.data["cue"]) for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")]
    assert hedges == expected


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # 'potential' before a noun is prospective; the noun of possibility hedges
        ("Potential investors toured the plant.", []),
        ("Talks on a potential peace agreement resumed.", []),
        ("Talks on a potential Ukraine peace agreement resumed.", []),  # the issue's wording
        ("The camp presents a different potential policy.", []),
        ("The law leaves the potential for abuse.", ["potential"]),
        ("Its potential to split water is the draw.", ["potential"]),
        # 'unlikely' meaning surprising; 'unlikely to' predicting
        ("Miami is the unlikely venue for the talks.", []),
        ("They make a most unlikely pair.", []),
        ("The bill is unlikely to pass.", ["unlikely"]),
        ("A deal looks unlikely.", ["unlikely"]),
        # 'uncertain' as a plain statement, an idiom, a manner; as a hedge
        ("The outcome remains uncertain.", []),
        ("She told him in no uncertain terms to leave.", []),
        ("He looked uncertain on the stage.", []),
        ("It is uncertain whether the bridge will open.", ["uncertain"]),
        ("The cause of the fire is uncertain.", ["uncertain"]),
        # 'several' counts
        ("Several former staff have pleaded guilty.", []),
        # a conditional risk: 'could ... if', 'if ..., could'
        ("Computers could be taken over if the flaw is left unpatched.", []),
        ("If the flaw is left unpatched, computers could be taken over.", []),
        ("Computers could be taken over.", ["could"]),
        ("He acted as if the flaw could be ignored.", ["could"]),
        # 'speculation' as the topic of the sentence or as a claim
        ("The family photo shut down the speculation.", []),
        ("Her agent dismissed speculation about a split.", []),
        ("Speculation grew that the band would split.", ["speculation"]),
        # a title of a work is not the author's hedge
        ("She sang 'If I Could Turn Back Time' at the show.", []),
        ("The film Something Might Happen opens today.", []),
        ("Fans ask one thing. Could this be the end?", ["could"]),
    ],
)
def test_hedge_senses_that_do_not_hedge(text: str, cues: list[str]) -> None:
    assert [f.data["cue"] for f in run_scorer(SCORER, text) if f.code == "HDG001"] == cues


@pytest.mark.parametrize(
    ("text", "code", "cue"),
    [
        # one rule for judgement passives: a vague crowd made explicit is a vague attribution ...
        ("The plan is seen by many as unfair.", "HDG002", "is seen by many"),
        ("The plan is widely seen as unfair.", "HDG002", "is widely seen"),
        ("The plan, widely seen as unfair, passed.", "HDG002", "widely seen"),
        ("The plan, seen by many as unfair, passed.", "HDG002", "seen by many"),
        ("The odds of a deal, once considered remote, are rising.", "HDG002", "once considered"),
        ("The site was once thought to be a fort.", "HDG002", "was once thought"),
        # ... bare, it is the author's hedge ...
        ("The terms are seen as unfair.", "HDG001", "are seen"),
        ("The idea is viewed as a non-starter.", "HDG001", "is viewed"),
        # ... and a named agent credits it
        ("The plan is seen by the IMF as unfair.", "", ""),
    ],
)
def test_judgement_passives_follow_one_rule(text: str, code: str, cue: str) -> None:
    found = [(f.code, f.matched) for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG002")]
    assert found == ([(code, cue)] if code else [])


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # quantifiers that count or list are not hedges; those that generalise are
        ("A number of firms closed, and a handful of shops reopened.", []),
        ("The market sells a variety of spices and various teas.", []),
        ("Numerous staff and a few managers left.", []),
        ("Some firms closed.", ["some"]),
        ("Many critics disliked the film.", ["many"]),
        # a group backed by named examples is not a generalisation
        ("Many critics, notably Jo Roe and Al Fay, disliked the film.", []),
        ("Some firms, including Acme, closed.", []),
    ],
)
def test_quantifiers_hedge_only_when_they_generalise(text: str, cues: list[str]) -> None:
    assert [f.data["cue"] for f in run_scorer(SCORER, text) if f.code == "HDG001"] == cues


def _long(sentence: str, filler: str, times: int) -> str:
    """A body of ``sentence`` once and ``filler`` ``times`` times."""
    return sentence + " " + " ".join([filler] * times)


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        # the author's own hedges above the threshold
        (_long("It may rain.", "The plan may fail and could stall.", 25), True),
        # the same hedges inside quotations or credited to a named speaker do not decide it
        (_long("It may rain.", '"The plan may fail and could stall," Ann Cole said.', 25), False),
        (_long("It may rain.", "Ann Cole said the plan may fail and could stall.", 25), False),
        # credited to an unnamed source they count as the author's: nobody named answers for them
        # (reported as HDG004 'vague'; they decided HDG003 before that rule existed, and still do)
        (_long("It may rain.", "Sources say the plan may fail and could stall.", 25), True),
        # an embedded tweet is its signatory's words
        (_long("It may rain.", "\nThe plan may fail and could stall. — Ann Cole (@anncole) May 2, 2024\n", 25), False),
    ],
)
def test_density_is_decided_by_the_authors_own_hedges(text: str, fires: bool) -> None:
    assert ("HDG003" in codes(run_scorer(SCORER, text))) is fires


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Cole: ‘The plan may fail’", "HDG004"),  # a headline quoting its speaker
        ("Cole’s plan may fail", "HDG001"),
    ],
)
def test_single_quoted_headline_quotation_is_attributed(title: str, code: str) -> None:
    findings = [
        f for f in run_scorer(SCORER, article("The council met.", title=title)) if f.code in ("HDG001", "HDG004")
    ]
    assert [f.code for f in findings] == [code]


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        # the verb belongs to another subject: a named comparison, the clause defining 'those'
        ("Fans who liked him, as Mo Dean said, stayed loyal.", []),
        ("The fee is waived for those who say they are broke.", []),
        ("Many say he is shy.", ["Many say"]),
        ("Fans who liked him said he was shy.", []),
        ("People who liked him said he was shy.", ["People who liked him said"]),
    ],
)
def test_vague_source_must_be_the_subject_of_its_verb(text: str, vague: list[str]) -> None:
    assert matched(run_scorer(SCORER, text), "HDG002") == vague


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'it said' stands for an organisation; lower-case organisation nouns are sources
        ("It claimed revenues were likely to fall.", [("HDG004", "named")]),
        ("The bourse said it may raise its offer.", [("HDG004", "named")]),
        ("The newspaper suggested he may quit.", [("HDG004", "named")]),
        ("It is likely to rain.", [("HDG001", "")]),
        # single curly quotes quote a speaker; an apostrophe opens nothing
        ("‘I was probably too tired,’ she said later.", [("HDG004", "quote")]),
        ("She sighed: ‘Maybe next year.’", [("HDG004", "quote")]),
        ("The fans’ hopes may fade.", [("HDG001", "")]),
    ],
)
def test_organisations_and_single_quotes_credit_their_hedges(text: str, expected: list[tuple[str, str]]) -> None:
    hedges = [(f.code, f.data["source"]) for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")]
    assert hedges == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the author's hedge before a subordinate clause with a verb of saying stays the author's
        ("She is probably happy, even though she would never admit it.", [("HDG001", "probably")]),
        ("She is probably happy, he said.", [("HDG004", "probably")]),
        ("Prices may rise, said Ann Cole.", [("HDG004", "may")]),
        ("The court has never suggested the law may change.", [("HDG004", "may")]),
    ],
)
def test_claim_credited_from_its_own_clause(text: str, expected: list[tuple[str, str]]) -> None:
    hedges = [(f.code, f.data["cue"]) for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")]
    assert hedges == expected


@pytest.mark.parametrize(
    ("prefix", "line", "column", "expected"),
    [
        # issue 14: hedges that nobody named made are the author's own (HDG001), not a named source's
        ("001", 11, 543, "HDG001"),  # suggests
        ("001", 29, 94, "HDG001"),  # the potential for
        ("001", 29, 163, "HDG001"),  # might
        ("002", 7, 424, "HDG001"),  # suggests
        ("003", 19, 453, "HDG001"),  # suggests
        ("004", 8, 675, "HDG001"),  # suggests
        # 'potential' before a noun is prospective, no hedge at all
        ("002", 17, 260, None),
        ("002", 54, 115, None),
        ("003", 29, 298, None),
        # a politician's reported claim, and 'reportedly' beside a named outlet: the source's voice
        ("003", 14, 246, "HDG004"),  # could
        ("002", 19, 37, "HDG004"),  # reportedly
    ],
)
def test_issue_14_seed_hedges_are_credited_to_the_right_voice(
    prefix: str, line: int, column: int, expected: str | None
) -> None:
    """The seed positions issue 14 lists (file line and column, as the text report gives them)."""
    lines = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8").split("\n")
    offset = sum(len(text) + 1 for text in lines[1 : line - 1]) + column - 1  # the body starts on line 2
    found = [f.code for f in run_scorer(SCORER, seed(prefix)) if f.start == offset and f.code.startswith("HDG")]
    assert found == ([expected] if expected else [])


def test_issue_14_speculation_is_labelled_a_noun() -> None:
    lines = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8").split("\n")
    offset = sum(len(text) + 1 for text in lines[1:6]) + 534  # 000 7:535
    [finding] = [f for f in run_scorer(SCORER, seed("000")) if f.start == offset]
    assert (finding.matched, finding.code) == ("speculation", "HDG001") and "(nouns)" in finding.message


@pytest.mark.parametrize(
    ("text", "code", "source"),
    [
        # a compound subject whose first conjunct is named credits the claim (review 14, item 12)
        ("But Sanders and his supporters argue the system could lead to chaos.", "HDG004", "named"),
        ("Smith and two aides said the deal could collapse.", "HDG004", "named"),
        # a second verb whose elided subject is the sentence's opening name (review 15, item 7)
        ("Senator Smith won the primary - but said the outcome could still be overturned.", "HDG004", "named"),
        ("Jo Roe won the primary, and said the outcome could still be overturned.", "HDG004", "named"),
        ("Voters elected Jo Roe - but said the outcome could still be overturned.", "HDG001", ""),
        ("The Senate passed the bill - but said the outcome could still be overturned.", "HDG001", ""),
        # near neighbour: the name is governed by a preposition, nobody speaks
        ("Talks between Sanders and his aides say the deal could collapse.", "HDG001", ""),
        # a hedge inside a vaguely credited claim is not the author's own voice
        ("Many observers believe that the unit could fall into the hands of rebels.", "HDG004", "vague"),
        ("The unit could fall into rebel hands, many observers believe.", "HDG004", "vague"),
        # near neighbours: the hedge stands outside the vague source's claim
        ("The plan could fail because many experts believe it is badly drawn.", "HDG001", ""),
        ("Critics say the plan is bad, and it could fail.", "HDG001", ""),
        # what reports of something credit is that something; the comment after it is the author's
        # a relative clause closed inside the claim is no comment: the claim goes on past it
        ("Many observers believe that the unit, which makes 60% of the oil, could fall to rebels.", "HDG004", "vague"),
        ("Reports say Standard Life, which owns a 1% stake in the firm, may seek a vote.", "HDG004", "vague"),
        # a named speaker's claim ends at the author's inference (review 15, item 9) ...
        ("King has warned against reading one month's data, meaning rates could stay on hold.", "HDG001", ""),
        # ... not at the speaker's own next words
        ("King has warned against reading one month's data, adding that rates could stay on hold.", "HDG004", "named"),
        ("Reports of secret talks in Geneva, held last week, could unsettle Kyiv.", "HDG001", ""),
        ("Reports of talks possibly held in Geneva unsettled Kyiv.", "HDG004", "vague"),
        ('An official admitted, "We know little," meaning that talks could stall.', "HDG001", ""),
    ],
)
def test_hedge_follows_the_claim_it_sits_in(text: str, code: str, source: str) -> None:
    hedges = [f for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")]
    assert [(f.code, f.data["source"]) for f in hedges] == [(code, source)]


@pytest.mark.parametrize(
    "text",
    [
        # the author's comment after a vague source's claim stays the author's (review 15, item 1)
        "Many experts warn the economy may shrink, which is probably too gloomy.",
        "Many experts warn the economy may shrink, a view that is probably too gloomy.",
        "Many experts warn the economy may shrink, a rather gloomy view which is probably wrong.",
        "Many experts warn the economy may shrink; that is probably too gloomy.",
    ],
)
def test_vague_claim_ends_where_the_authors_comment_starts(text: str) -> None:
    hedges = [f for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")]
    assert [(f.code, f.matched, f.data["source"]) for f in hedges] == [
        ("HDG004", "may", "vague"),
        ("HDG001", "probably", ""),
    ]


def test_vague_claim_charged_once_by_its_attribution() -> None:
    found = run_scorer(SCORER, "Many observers believe that the unit could fall into the hands of rebels.")
    assert codes(found) == ["HDG002", "HDG004"]
    assert "unnamed source" in next(f.message for f in found if f.code == "HDG004")


def test_lead_named_in_the_next_sentence_credits_its_hedges_to_the_name() -> None:
    text = "Some experts believe the ban could backfire. Jo Lee, an expert on the region, said so."
    hedges = [f for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG002", "HDG004")]
    assert [(f.code, f.data["source"]) for f in hedges] == [("HDG004", "named")]


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        # a definite source after a named one stands for it (review 14, item 13a)
        ('"People can learn it," said Dr Jo Wolpaw of the health department. The researchers said it was chance.', []),
        ("Mr Smith, the transport minister, said the road would open. The officials said it could be late.", []),
        ("Jo Roe and Ann Cole, both economists, said prices fell. The two analysts said rates may fall.", []),
        # ... only when plausible: a title of that noun beside the name, at most three sentences
        # before in the same paragraph (review 15, item 2)
        (
            '"People can learn it," said Jo Wolpaw of the health department. The researchers said it was chance.',
            ["researchers said"],
        ),
        ("The ministry said the mice recovered. The researchers said it was chance.", ["researchers said"]),
        ("Dr Jane Roe said the mice recovered. The two experts argue it was chance.", ["experts argue"]),
        ("Dr Jane Roe said the mice recovered.\n\nThe researchers said it was chance.", ["researchers said"]),
        (
            "Mr Smith, the transport minister, said the road would open. It rained. It snowed. It froze. It thawed."
            " The officials said it could be late.",
            ["officials said"],
        ),
        ("Mr Smith said the road would open. The officials said it could be late.", ["officials said"]),
        ("Mr Smith said the road would open. The protesters said it could be late.", []),
        ("Researchers at Leeds University said the drug worked. The two researchers said the dose was low.", []),
        ("Dr Ann Cole led the trial, she said. Later the scientists said the dose was low.", []),
        # near neighbours: nobody named before, or the definite source comes first
        ("The researchers said it was chance.", ["researchers said"]),
        ("Officials said the road was shut. The officials said it would reopen.", ["Officials said", "officials said"]),
        ("The researchers said it was chance. Jo Wolpaw of the health department agreed.", ["researchers said"]),
        ("Jo Wolpaw led the trial. Researchers said it was chance.", ["Researchers said"]),
        # the same source noun was vague before: the definite one stands for that unnamed group
        (
            "Current officials said the case was open. Jo Roe said so. The officials said it was grave.",
            ["officials said", "officials said"],
        ),
        # a dash aside closes the source's clause (item 13b)
        (
            "Clark said Brooks had called members - two from each district, plus four statewide officials"
            " - but said the outcome was still open.",
            [],
        ),
        ("Brooks had called members, plus four statewide officials said the outcome was open.", ["officials said"]),
        # an impersonal passive in a claim credited to a named source is the source's (item 13c)
        ("It is estimated that 53% of over 65s own a mobile, according to Intervoice.", []),
        ("It is said to be struggling to pay its staff, said Mr Armstrong.", []),
        # ... with the speaker before the verb too (review 15, item 3)
        ("It is thought that jobs could be lost, Mr Armstrong said.", []),
        ("It is thought that jobs could be lost, he added.", []),
        ("It is thought that jobs could be lost, chief executive Jo Roe said.", []),
        ("It is thought that jobs could be lost, and Mr Armstrong said talks were held.", ["It is thought"]),
        ("It is estimated that 53% of over 65s own a mobile.", ["It is estimated"]),
        # the named credit comes later in its own clause: it does not reach back
        ("It is thought Leeds want £6m for him but chief executive Jo Roe has confirmed talks.", ["It is thought"]),
        (
            "It is estimated that 53% of over 65s own a mobile, according to some analysts.",
            ["It is estimated", "according to some analysts"],
        ),
    ],
)
def test_vague_attribution_resolved_by_a_named_source(text: str, vague: list[str]) -> None:
    assert matched(run_scorer(SCORER, text), "HDG002") == vague


def test_definite_source_after_a_name_credits_its_hedges_to_it() -> None:
    text = "Dr Jo Wolpaw of the health department said the trial worked. The researchers said this could be chance."
    hedges = [f for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG002", "HDG004")]
    assert [(f.code, f.data["source"]) for f in hedges] == [("HDG004", "named")]


def test_impersonal_passive_credited_to_a_name_is_an_attributed_hedge() -> None:
    found = run_scorer(SCORER, "It is estimated that 53% of over 65s own a mobile, according to Intervoice.")
    assert [(f.code, f.matched, f.data["source"]) for f in found] == [("HDG004", "It is estimated", "named")]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a quotation whose speaker is unnamed is an unnamed source's claim (review 15b, gap 1)
        ('"The merger could still fall apart," a source said.', "vague"),
        ('"The merger could still fall apart," said an official who asked not to be named.', "vague"),
        ('"The merger could still fall apart," one banker said, speaking on condition of anonymity.', "vague"),
        ('A lawyer, who declined to be identified, said: "The merger could still fall apart."', "vague"),
        # near neighbours: a named speaker, or a refusal that hides nobody
        ('"The merger could still fall apart," Jo Roe said.', "quote"),
        ('"The merger could still fall apart," said Jo Roe, who asked to be named in full.', "quote"),
    ],
)
def test_quotation_of_an_unnamed_source_is_the_unnamed_sources_claim(text: str, source: str) -> None:
    hedges = [f for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")]
    assert [(f.code, f.matched, f.data["source"]) for f in hedges] == [("HDG004", "could", source)]


@pytest.mark.parametrize(
    ("filler", "fires"),
    [
        ('"The merger may fail and could stall," a source said.', True),
        ('"The merger may fail and could stall," said a banker who asked not to be named.', True),
        ('"The merger may fail and could stall," Ann Cole said.', False),
    ],
)
def test_density_counts_an_unnamed_sources_quoted_hedges_as_the_authors(filler: str, fires: bool) -> None:
    assert ("HDG003" in codes(run_scorer(SCORER, _long("It may rain.", filler, 25)))) is fires


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        # the next sentence names a minister, not the officials: the lead stays vague, and so
        # does a later definite 'the officials' (review 15b, gap 3)
        (
            "Current and former officials said the plan was ready. Mr Smith, the transport minister, said"
            " it was fine. The officials said it could be delayed.",
            ["officials said", "officials said"],
        ),
        ("Some officials said the road may shut. Ann Cole, the council leader, said so.", ["Some officials said"]),
        # near neighbour: the next sentence names one of them
        ("Some officials said the road may shut. Ann Cole, a council official, said so.", []),
    ],
)
def test_lead_is_named_only_by_its_own_source_noun(text: str, vague: list[str]) -> None:
    assert matched(run_scorer(SCORER, text), "HDG002") == vague


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a named speaker's claim ends where the author's comment starts, as a vague one's does (review 15b, gap 4)
        ("Jo Roe said the harvest may fail; that is probably too bleak.", [("may", "named"), ("probably", "")]),
        ("Jo Roe said the harvest may fail, a view that is probably too bleak.", [("may", "named"), ("probably", "")]),
        ("Jo Roe said the harvest may fail, which is probably too bleak.", [("may", "named"), ("probably", "")]),
        # near neighbours: a relative clause closed inside the claim, and the speaker's own next words
        ("Jo Roe said the harvest, which is late, may fail.", [("may", "named")]),
        ("Jo Roe said the harvest was late, adding that it may fail.", [("may", "named")]),
    ],
)
def test_named_claim_ends_where_the_authors_comment_starts(text: str, expected: list[tuple[str, str]]) -> None:
    hedges = [f for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")]
    assert [(f.matched, f.data["source"]) for f in hedges] == expected


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        # a postposed credit reaches back over 'it is believed' with a short tail after its verb,
        # and a role names its holder (review 15b, gap 2)
        ("It is believed the mill may shut, Jo Roe said on Monday.", []),
        ("It is believed the mill may shut, Jo Roe told reporters.", []),
        ("It is believed the mill may shut, Jo Roe said in a statement.", []),
        ("It is estimated that 80 posts could go, the chief executive said.", []),
        # near neighbours: the verb reports a clause of its own, or the credit is vague
        ("It is believed the mill may shut, Jo Roe said the firm was failing.", ["It is believed"]),
        ("It is believed the mill may shut, some analysts said on Monday.", ["It is believed", "some analysts said"]),
    ],
)
def test_postposed_credit_with_a_tail_reaches_an_impersonal_passive(text: str, vague: list[str]) -> None:
    assert matched(run_scorer(SCORER, text), "HDG002") == vague


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a role held by one person credits the claim, placed before or after it (review 15, item 7)
        ("Jobs could be lost, the chief executive said.", "named"),
        ("The mayor said the park might close.", "named"),
        ("Prices could rise, the finance director warned on Tuesday.", "named"),
        # a two-word role before the verb, after it, or inverted (review 16, item 3)
        ("The party leader said the mill may close.", "named"),
        ("The mill may close, the chief constable told reporters.", "named"),
        ("The merger could fail, said the chief executive.", "named"),
        ("The merger could fail, said the finance minister.", "named"),
        # near neighbour: a role noun that is no subject
        ("Prices could rise under the new director.", ""),
    ],
)
def test_a_role_held_by_one_person_credits_its_claim(text: str, source: str) -> None:
    hedges = [f for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")]
    assert [f.data["source"] for f in hedges] == [source]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a common noun capitalised only as the first word names nobody (review 15b)
        ("Analysis suggests the merger could fail.", [("HDG001", ""), ("HDG001", "")]),
        ("Evidence suggests the merger could fail.", [("HDG001", ""), ("HDG001", "")]),
        ("Ministry officials said the merger could fail.", [("HDG002", ""), ("HDG004", "vague")]),
        # near neighbours: a name, and an institution usually capitalised as one
        ("Peskov suggests the merger could fail.", [("HDG004", "named")]),
        ("Health ministry officials said the merger could fail.", [("HDG002", ""), ("HDG004", "vague")]),
    ],
)
def test_capitalised_common_noun_at_sentence_start_is_no_name(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.code, f.data["source"]) for f in run_scorer(SCORER, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a compound subject whose first conjunct is named credits the claim (review 15, item 7)
        ("Sanders and the others say the levy could fail.", [("HDG004", "named")]),
        ("The mayor and many residents believe the levy might fail.", [("HDG004", "named"), ("HDG004", "named")]),
        # near neighbour: the name is governed by a preposition
        ("Talks between Sanders and others say the levy could fail.", [("HDG002", ""), ("HDG004", "vague")]),
        # a possessor's that-clause is not credited to the possessor (reverted after review 16b: where the
        # main predicate starts cannot be told reliably, and a hedge there is the author's)
        ("Shares fell after Opec's announcement that a cut was now unlikely.", [("HDG001", "")]),
        ("Shares fell after the announcement that rates may rise.", [("HDG001", "")]),
        # 'considered' deliberated, not judged (review 15, item 9)
        ("The levy will be considered at the annual meeting.", []),
        ("The levy will be considered on Monday.", []),
        ("The mill is considered at risk of closure.", [("HDG001", "")]),
        # only a meeting or a date after 'at'/'on' makes it deliberated (review 16)
        ("The levy is being considered at the council's next meeting.", []),
        ("The levy is considered at best a stopgap.", [("HDG001", "")]),
        ("The winger is considered at her best on the left.", [("HDG001", "")]),
        ("The levy is considered on balance the fairest option.", [("HDG001", "")]),
        # a judgement made at a meeting judges (review 16b)
        ("He was considered at the meeting to be the best candidate.", [("HDG001", "")]),
        ("The scheme was considered at the conference too risky to pursue.", [("HDG001", "")]),
    ],
)
def test_review_15_smaller_hedging_misses(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.code, f.data["source"]) for f in run_scorer(SCORER, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hedge in the main clause after a possessor's that-clause is the author's (reviews 16 and 16b)
        ("The bank's forecast that rates would fall was probably a bluff.", [("HDG001", "")]),
        ("The union's warning that the mill was unsafe may have come too late.", [("HDG001", "")]),
        ("The firm's statement that sales rose was possibly misleading.", [("HDG001", "")]),
        ("The bank's forecast that rates would fall probably was a bluff.", [("HDG001", "")]),
        ("The bank's forecast that rates would fall, which traders doubted, was probably a bluff.", [("HDG001", "")]),
        ("The minister's insistence that the scheme works may be misplaced.", [("HDG001", "")]),
        # a bare 'claim' after a possessive is the noun, not a verb crediting the whole sentence
        ("Jo Roe's claim that the mill was failing may be right.", [("HDG001", ""), ("HDG001", "")]),
    ],
)
def test_a_possessors_that_clause_is_not_credited_to_the_possessor(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.code, f.data["source"]) for f in run_scorer(SCORER, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation a named speaker's claim holds stays a quotation inside a vague claim
        ('Officials said Jo Roe told them the plan "could fail".', [("HDG002", ""), ("HDG004", "quote")]),
        # a capitalised institution opening the sentence still takes 'in' + a name
        ("Army sources in Syria said the bridge could fall.", [("HDG001", "")]),
        # a named speaker's participle after a semicolon is still the speaker's
        ("Jo Roe warned the plan may fail; pointing out that it could stall.", [("HDG004", "named")] * 2),
    ],
)
def test_review_15b_fixes_keep_their_near_neighbours(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.code, f.data["source"]) for f in run_scorer(SCORER, text)] == expected


@pytest.mark.parametrize(
    ("text", "hedges", "vague"),
    [
        # a progressive verb of saying or predicting credits its clause to its subject
        ("Mayor Jo Roe had been predicting that growth could reach 3%.", [("HDG004", "could", "named")], []),
        ("Peskov had been predicting that growth could reach 3%.", [("HDG004", "could", "named")], []),
        ("Jo Roe was saying that prices may rise.", [("HDG004", "may", "named")], []),
        ("Jo Roe has been warning that prices may rise.", [("HDG004", "may", "named")], []),
        (
            "Officials had been predicting that growth could reach 3%.",
            [("HDG004", "could", "vague")],
            ["Officials had been predicting"],
        ),
        ("Some were claiming that the vote may slip.", [("HDG004", "may", "vague")], ["Some were claiming"]),
        # a vague source's progressive expectation of a quantity is a benchmark, no claim
        ("Sales rose 0.6%, twice what some analysts had been expecting.", [], []),
        ("Analysts had been forecasting a 0.1% rise in output.", [], []),
        # near misses: a passive's "be" is no progressive; a noun after a determiner; the author's participle
        ("Talks were said to be close, and prices may rise.", [("HDG001", "were said", ""), ("HDG001", "may", "")], []),
        ("Jo Roe issued a warning that prices may rise.", [("HDG001", "may", "")], []),
        ("Officials left without warning, so prices may rise.", [("HDG001", "may", "")], []),
        ("The board issued an official warning to the club, which may appeal.", [("HDG001", "may", "")], []),
        ("The number of people claiming benefits may rise.", [("HDG001", "may", "")], []),
        ("A source claiming that the vote may slip was cited.", [("HDG004", "may", "vague")], ["A source claiming"]),
        ("Prices rose 3%, warning the government that rates may rise.", [("HDG001", "may", "")], []),
    ],
)
def test_a_progressive_verb_of_saying_credits_its_subject(
    text: str, hedges: list[tuple[str, str, str]], vague: list[str]
) -> None:
    """Session 18: "Officials had been predicting that growth could reach 3%" is the officials' hedge, not the author's."""
    found = run_scorer(SCORER, text)
    assert [(f.code, f.matched, f.data["source"]) for f in found if f.code in ("HDG001", "HDG004")] == hedges
    assert matched(found, "HDG002") == vague


@pytest.mark.parametrize(
    ("text", "hedges", "vague"),
    [
        # the relative clause reports the source's expectation: a hedge in it is the source's
        ("The 40% whom the mayor expected would probably vote stayed at home.", [("HDG004", "probably", "named")], []),
        ("£3bn that the Treasury estimated could be saved was spent.", [("HDG004", "could", "named")], []),
        ("Turnout reached the 40% whom officials had expected.", [], ["officials had expected"]),
        # the main predicate after the clause is the author's, a stranded preposition or not
        ("The savings that Jo Roe had hoped for would probably come later.", [("HDG001", "probably", "")], []),
        ("The 2% that officials hoped for may be too little.", [("HDG001", "may", "")], []),
    ],
)
def test_a_relative_clause_of_expecting_credits_only_its_own_clause(
    text: str, hedges: list[tuple[str, str, str]], vague: list[str]
) -> None:
    """Session 18: checked, not an error today: a hedge in the clause is the source's, after it the author's."""
    found = run_scorer(SCORER, text)
    assert [(f.code, f.matched, f.data["source"]) for f in found if f.code in ("HDG001", "HDG004")] == hedges
    assert matched(found, "HDG002") == vague


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # a time or focus adverb between a named subject and its verb of saying
        ("He later suggested the plan could fail.", [("HDG004", "could", "named")]),
        ("Jo Roe then said the plan could fail.", [("HDG004", "could", "named")]),
        ("Jo Roe once argued that prices might fall.", [("HDG004", "might", "named")]),
        # a relative clause of saying about the name before its comma
        ("The talks are watched by Jo Roe, who believes they could fail.", [("HDG004", "could", "named")]),
        ("Jo Roe, who believes the talks could fail, left early.", [("HDG004", "could", "named")]),
        ("The ministry, which said the plan could fail, declined to comment.", [("HDG004", "could", "named")]),
        # "confessed" is a verb of saying
        ("Jo Roe confessed the crisis could last for years.", [("HDG004", "could", "named")]),
        # near misses stay the author's: no verb of saying, a relative about no name, the author's own clause
        ("The talks may fail, and Jo Roe, who arrived late, left.", [("HDG001", "may", "")]),
        ("The plan could fail, which worried Jo Roe.", [("HDG001", "could", "")]),
        ("The harvest, which came late, could fail.", [("HDG001", "could", "")]),
        ("The crisis could last for years, and Jo Roe later left.", [("HDG001", "could", "")]),
    ],
)
def test_session_19_speaker_tags_the_reading_missed(text: str, hedges: list[tuple[str, str, str]]) -> None:
    """Session 19 audit of HDG001: a named speaker's hedge read as the author's because the tag was missed."""
    found = run_scorer(SCORER, text)
    assert [(f.code, f.matched, f.data["source"]) for f in found if f.code in ("HDG001", "HDG004")] == hedges


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # a partitive relative picks out part of a group just named
        ("Three men, some of whom were armed, broke in.", []),
        ("The firm owns ten mills, some of which may close.", ["may"]),
        ("Some of the men were armed.", ["Some"]),
        ("Many of whom were armed.", ["Many"]),
        # 'of a possible N' is a maximum
        ("The paper took three of a possible five awards.", []),
        ("He scored 90 out of a possible 100 points.", []),
        ("A possible delay of five years looms.", ["possible"]),
        ("He faces a possible 10 years in jail.", ["possible"]),
        # after 'all/every' and its noun it means 'all that can be done'
        ("The coalition takes all measures possible to avoid harm.", []),
        ("Staff made every effort possible to help.", []),
        ("All outcomes are possible, and talks may fail.", ["possible", "may"]),
        # 'considered' with no complement is deliberated
        ("Measures to cut waste should be considered - including a tax.", []),
        ("The matter will be considered.", []),
        ("The idea was considered and rejected.", []),
        ("He is considered the best.", ["is considered"]),
        ("The bridge is considered unsafe, and it may close.", ["is considered", "may"]),
    ],
)
def test_session_19_senses_that_do_not_hedge(text: str, cues: list[str]) -> None:
    """Session 19 audit of HDG001: partitive 'some of whom', 'of a possible five', 'considered' as deliberated."""
    assert [f.matched for f in run_scorer(SCORER, text) if f.code == "HDG001"] == cues


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # each paragraph of a long quotation opens with a mark, only the last closes: all quoted
        (
            'Jo Roe said: "We must be bold. "With costs rising, the plan may fail. "I know many fear it." '
            "The plan could fail.",
            [("HDG004", "may", "quote"), ("HDG004", "many", "quote"), ("HDG001", "could", "")],
        ),
        (
            '"It is late. "The vote may slip. "We will see." Prices may rise.',
            [("HDG004", "may", "quote"), ("HDG001", "may", "")],
        ),
        # a closed quotation and the next one: the author's words between stay the author's
        (
            '"It may rain," he said. "The match could be off." Tickets may be refunded.',
            [("HDG004", "may", "quote"), ("HDG004", "could", "quote"), ("HDG001", "may", "")],
        ),
        ('He said "no." Prices may rise. "We will see," she said.', [("HDG001", "may", "")]),
    ],
)
def test_session_19_quoted_paragraphs_run_into_one_line_stay_quoted(
    text: str, hedges: list[tuple[str, str, str]]
) -> None:
    """Session 19 audit of HDG001: '. "With' inside a quotation opens its next paragraph, it does not close it."""
    found = run_scorer(SCORER, text)
    assert [(f.code, f.matched, f.data["source"]) for f in found if f.code in ("HDG001", "HDG004")] == hedges


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # a hedge after the relative clause closes is the author's, in the main clause
        ("Jo Roe, who told us in June, may resign.", [("HDG001", "may", "")]),
        ("Jo Roe, who wrote a book, could win the prize.", [("HDG001", "could", "")]),
        ("Jo Roe, who said hello, bought a car that may break.", [("HDG001", "may", "")]),
        ("The report, which said profits fell, may be wrong.", [("HDG001", "may", "")]),
        ("The ministry, which denied it, might yet act.", [("HDG001", "might", "")]),
        # a hedge inside the relative clause's own claim stays the speaker's
        ("Jo Roe, who said the plan may fail, left.", [("HDG004", "may", "named")]),
        ("Jo Roe, who said hello, claimed the plan may fail.", [("HDG004", "may", "named")]),
        ("Jo Roe, who is tall, said the plan may fail.", [("HDG004", "may", "named")]),
    ],
)
def test_a_relative_clause_of_saying_credits_nothing_after_it_closes(
    text: str, hedges: list[tuple[str, str, str]]
) -> None:
    """Session 19 review: ', who said hello,' credits its own clause, not the main clause after its comma."""
    found = run_scorer(SCORER, text)
    assert [(f.code, f.matched, f.data["source"]) for f in found if f.code in ("HDG001", "HDG004")] == hedges


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # the main clause after a fronted concessive clause of saying is the author's
        (
            "While Jo Roe said the levy was fair, she appears somewhat uneasy about it.",
            [("HDG001", "somewhat", "")],
        ),
        (
            "Although the ministry said prices may rise, the bank could cut rates.",
            [("HDG004", "may", "named"), ("HDG001", "could", "")],
        ),
        ("Though Dr Ray Venn argued otherwise, the scheme might work.", [("HDG001", "might", "")]),
        (
            "The deal may hold, although Ray Venn said it could fail, and talks are likely to resume.",
            [("HDG001", "may", ""), ("HDG004", "could", "named"), ("HDG001", "likely", "")],
        ),
        # the speaker's claim in the main clause, or inside the concessive clause, stays credited
        ("While the plan is popular, Jo Roe said it may fail.", [("HDG004", "may", "named")]),
        ("Although Jo Roe said the plan may fail, she voted for it.", [("HDG004", "may", "named")]),
        ("As Jo Roe said, the plan may fail.", [("HDG004", "may", "named")]),
    ],
)
def test_a_fronted_concessive_clause_of_saying_credits_nothing_after_it_closes(
    text: str, hedges: list[tuple[str, str, str]]
) -> None:
    """Session 20 audit of HDG004: 'While Jo Roe said ...,' credits its own clause, not the main clause after its comma."""
    found = run_scorer(SCORER, text)
    assert [(f.code, f.matched, f.data["source"]) for f in found if f.code in ("HDG001", "HDG004")] == hedges


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # before 'X said:' the frame is the author's; the claim follows the colon
        (
            "In an apparent reply to his critics, Jo Roe said: the levy may rise.",
            [("HDG001", "apparent", ""), ("HDG004", "may", "named")],
        ),
        (
            "After an apparent snub, the minister told reporters: talks may resume.",
            [("HDG001", "apparent", ""), ("HDG004", "may", "named")],
        ),
        # without a colon the claim before its credit stays the speaker's
        ("The levy may rise, Jo Roe said.", [("HDG004", "may", "named")]),
        ("The levy may rise, Jo Roe said: it is overdue.", [("HDG004", "may", "named")]),
        ("Jo Roe said the levy may rise.", [("HDG004", "may", "named")]),
        ("Perhaps the levy will rise, Jo Roe said: it is overdue.", [("HDG004", "Perhaps", "named")]),
    ],
)
def test_a_credit_before_a_colon_credits_only_what_follows_it(text: str, hedges: list[tuple[str, str, str]]) -> None:
    """Session 20 audit of HDG004: 'In an apparent reply, he said: ...' leaves 'apparent' the author's."""
    found = run_scorer(SCORER, text)
    assert [(f.code, f.matched, f.data["source"]) for f in found if f.code in ("HDG001", "HDG004")] == hedges


@pytest.mark.parametrize(
    ("text", "code", "source"),
    [
        ("The union hopes the strike could end soon.", "HDG004", "named"),
        ("The strike may end soon, the union hopes.", "HDG004", "named"),
        ("Officials hope the strike could end.", "HDG004", "vague"),
        # the author's own hope, hopes as a noun, and hoping for a thing credit no clause
        ("We hope the plan may work.", "HDG001", ""),
        ("Hopes that the strike may end are fading.", "HDG001", ""),
        ("Jo Roe's hopes that the strike may end are fading.", "HDG001", ""),
        ("The talks could collapse, dashing hopes of a deal.", "HDG001", ""),
        ("Supporters hope so and the vote may pass.", "HDG001", ""),
    ],
)
def test_a_verb_of_hoping_credits_its_clause_to_the_one_who_hopes(text: str, code: str, source: str) -> None:
    """Session 20: 'the party hopes that X may ...' reports the party's wish, not the author's doubt."""
    hedges = [f for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")]
    assert [(f.code, f.data["source"]) for f in hedges] == [(code, source)]


@pytest.mark.parametrize(
    ("text", "code", "source"),
    [
        ("Candidates probably need a third of the vote, political analysts say.", "HDG004", "vague"),
        ("Prices may rise next year, senior analysts said on Monday.", "HDG004", "vague"),
        # a source with words before it inside the claim's own clause, or in a later clause, credits no earlier hedge
        ("The plan could fail because many political experts believe it is bad.", "HDG001", ""),
        ("Prices may rise, and political analysts say the bank is worried.", "HDG001", ""),
        ("The vote could be close; political analysts say turnout matters.", "HDG001", ""),
    ],
)
def test_a_postposed_credit_with_words_before_its_source_credits_the_claim_before_it(
    text: str, code: str, source: str
) -> None:
    """Session 20: ', political analysts say.' credits the whole claim before it, as ', analysts say.' does."""
    hedges = [f for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004") and f.data["cue"] != "many"]
    assert [(f.code, f.data["source"]) for f in hedges] == [(code, source)]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("The question of who might lead the club next year will divide the fans.", []),
        ("As for who may attend the wedding, the list is short.", []),
        ("Nobody knows what could happen next.", []),
        # a relative clause and a pseudo-cleft at the sentence start still hedge
        ("The man who might win the race is tired.", ["might"]),
        ("Voters who could swing the race live in the suburbs.", ["could"]),
        ("What could start this process is a strong finish.", ["could"]),
        ("He scored in what could be his last match.", ["could"]),
    ],
)
def test_a_modal_in_an_embedded_question_is_no_hedge(text: str, cues: list[str]) -> None:
    """Session 20: 'the question of who might succeed him' asks; it asserts nothing for 'might' to hedge."""
    assert [f.data["cue"] for f in run_scorer(SCORER, text) if f.code == "HDG001"] == cues


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # an adverb or modal of the verb of saying itself hedges the telling: the author's
        (
            "Jo Roe reportedly told friends that the plan may fail.",
            [("HDG001", "reportedly", ""), ("HDG004", "may", "named")],
        ),
        (
            "The minister allegedly said the deal could collapse.",
            [("HDG001", "allegedly", ""), ("HDG004", "could", "named")],
        ),
        (
            "Jo Roe may have told the board that prices could rise.",
            [("HDG001", "may", ""), ("HDG004", "could", "named")],
        ),
        ("He probably told twenty lies in the debate.", [("HDG001", "probably", "")]),
        ("Prices could rise, Jo Roe reportedly said.", [("HDG004", "could", "named"), ("HDG001", "reportedly", "")]),
        # the same words inside the claim, or a manner adverb, leave the claim credited
        ("Jo Roe said the plan reportedly failed.", [("HDG004", "reportedly", "named")]),
        ("Jo Roe repeatedly said the plan may fail.", [("HDG004", "may", "named")]),
        ("Perhaps the plan will fail, Jo Roe said.", [("HDG004", "Perhaps", "named")]),
        # a credit after the claim still takes the whole sentence before it
        (
            "Anglers could find themselves in court under the plans, Jo Roe has warned.",
            [("HDG004", "could", "named")],
        ),
    ],
)
def test_a_hedge_on_the_verb_of_saying_is_the_authors(text: str, hedges: list[tuple[str, str, str]]) -> None:
    """Session 21 audit of HDG004: in 'Jo Roe reportedly told ...' the author doubts the telling; the claim is hers."""
    found = run_scorer(SCORER, text)
    assert [(f.code, f.matched, f.data["source"]) for f in found if f.code in ("HDG001", "HDG004")] == hedges


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # 'even' alone stresses the speaker: the claim runs on past a parenthesis
        ("Even Jo Roe said the plan, in her view, could fail.", [("HDG004", "could", "named")]),
        ("Even the ministry said that prices, in the short run, may rise.", [("HDG004", "may", "named")]),
        # 'even though/if/as' opens a concessive clause that closes at its comma
        (
            "Even though Jo Roe said prices may rise, the bank could cut rates.",
            [("HDG004", "may", "named"), ("HDG001", "could", "")],
        ),
        (
            "Even if the ministry said prices may rise, the bank could cut rates.",
            [("HDG004", "may", "named"), ("HDG001", "could", "")],
        ),
    ],
)
def test_even_before_a_speaker_is_no_concessive_clause(text: str, hedges: list[tuple[str, str, str]]) -> None:
    """Session 21: last session's fronted-concessive reading read 'Even Jo Roe said X, Y, Z' as closing at the first comma."""
    found = run_scorer(SCORER, text)
    assert [(f.code, f.matched, f.data["source"]) for f in found if f.code in ("HDG001", "HDG004")] == hedges


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # a modal of time after 'before'/'until' and its subject: what was possible then
        ("Both climbers died before they could reach the camp.", []),
        ("Before the mayor could reply, the hall emptied.", []),
        ("The ferry waited until the fog could lift.", []),
        ("Fares could rise before the winter.", ["could"]),
        ("Before the vote, fares could rise.", ["could"]),
        # 'before'/'until' as an adverb of time, or a fronted time phrase: the modal is the main clause's
        ("Until then the road could stay closed for months.", ["could"]),
        ("Before long the river may burst its banks.", ["may"]),
        ("Before the election the party could lose a dozen seats.", ["could"]),
        ("Until next year the plant may run at half speed.", ["may"]),
        ("The talks stalled before the prime minister could speak.", []),
        # a purpose 'so' straight after a verb; a consequence 'so' after a comma or 'and' is guessed at
        ("The band kept the photos back so they could sell them.", []),
        ("The vote slipped, so it could be weeks before a result.", ["could"]),
        ("The river is high and so it could flood.", ["could"]),
        ("The fund helps many towns - so they could be the winners this year.", ["many", "could"]),
        ("The club has not refused yet so there may still be hope.", ["may"]),
        ("She seems tired so she may have felt the need to rest.", ["seems", "may"]),
        ("We knew before the match that it might take an hour.", ["might"]),
        # 'seen at' a place, as in a photo caption; 'seen as'/'seen to' judge
        ("Two tankers are seen at the port on Friday.", []),
        ("The mayor is seen as a likely winner.", ["is seen", "likely"]),
        ("The striker is seen to be the key.", ["is seen"]),
        # 'widely' before a word of spread measures extent; before a judgement it hedges
        ("The leaflet is widely available in libraries.", []),
        ("The custom is still widely present in the valley.", []),
        ("The view is widely held among bankers.", ["widely"]),
        # a negated 'suggest' denies an indication; a bare one hedges
        ("The first memo did not suggest this.", []),
        ("The ledger doesn't suggest any fraud.", []),
        ("The figures suggest a slowdown.", ["suggest"]),
    ],
)
def test_session_21_modals_of_time_and_purpose_and_readings_of_extent_do_not_hedge(text: str, cues: list[str]) -> None:
    """Session 21 (issue 13): the author's-voice hedges the audit judged wrong, each with a neighbour that still hedges."""
    assert [f.data["cue"] for f in run_scorer(SCORER, text) if f.code == "HDG001"] == cues


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # 'likely to' after a comparative or superlative ranks chances; a bare one predicts
        ("Older drivers are more likely to crash at night, Jo Roe said.", []),
        ("Renters are less likely to register than owners.", []),
        ("The candidate most likely to win is a farmer.", []),
        ("Small towns were the least likely to recover.", []),
        ("The ferry is likely to sail late.", ["likely"]),
        ("The fire was most likely started by a heater.", ["most likely"]),
        ("A strike is more likely than not, Jo Roe said.", ["likely"]),
        ("More likely, the vote will slip to June.", ["likely"]),
        # a modal in the clause of 'wish' is counterfactual; the noun 'wish' and 'wish to' are not
        ("The defeats make him wish the club could start again.", []),
        ("Jo Roe said she wished that they might stay.", []),
        ("The wish list could grow next year.", ["could"]),
        ("Fans who wish to attend may need tickets.", ["may"]),
        ("They wish it could last, but prices may rise.", ["may"]),
        # 'some' before 'time' or a unit of time measures a stretch of it; before a group it generalises
        ("Some time later the keeper collapsed, Jo Roe said.", []),
        ("Some years ago the mill closed.", []),
        ("Some farmers fear the mill may close.", ["some", "may"]),
        ("Some generations of farmers fear the mill may close.", ["some", "may"]),
        # 'traditionally' states a custom; 'traditionally seen as' stays a vague attribution
        ("March is traditionally a quiet month for builders, Jo Roe said.", []),
        ("Jo Roe said the bank could win traditionally rural seats.", ["could"]),
    ],
)
def test_session_22_comparisons_of_chance_wishes_and_customs_do_not_hedge(text: str, cues: list[str]) -> None:
    """Session 22 audit of HDG004: 'more likely to', 'wish ... could' and 'traditionally' hedge nobody's claim."""
    found = run_scorer(SCORER, text)
    assert [f.data["cue"] for f in found if f.code in ("HDG001", "HDG004")] == cues


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # a negative subject negates the modal as 'not' does: what was impossible, no doubt
        ("Nothing could be heard above the gale.", []),
        ("No one could explain the delay at the depot.", []),
        ("No deal could be reached before midnight.", []),
        ("No other team could match the Rovers that year.", []),
        ("Neither could the ferry leave the harbour.", []),
        ("The deal could be reached before midnight.", ["could"]),
        ("In no time it could spread to the town.", ["could"]),
        ("No wonder prices could rise again in spring.", ["could"]),
        # harm that did not happen or was avoidable: a counterfactual, not doubt
        ("The driver could have died in the crash.", []),
        ("It could have been much worse, the farmer admitted.", []),
        ("The flooding could have been prevented.", []),
        ("The keeper might have been killed, the coach said.", []),
        # a death with its cause or time after it happened: the doubt is about how or when
        ("The three guards might have been killed by friendly fire.", ["might"]),
        ("The hiker could have died within minutes of the fall.", ["could"]),
        # unless the sentence says it did not happen
        ("Without the brake, she could have died within minutes.", []),
        ("Had the wall failed, the driver could have been killed by the rocks.", []),
        ("The driver could have died on Tuesday, but a nurse was passing.", []),
        ("The fire could have been started by a heater.", ["could"]),
        ("The keeper may have died at once.", ["may"]),
        ("The farmer might have won the seat.", ["might"]),
        # 'many more/fewer ... than' intensifies a comparison; with no 'than' the number stays vague
        ("The storm caused many more deaths than the flood.", []),
        ("The mill employs many more women than men.", []),
        ("Two people died and many more were hurt.", ["many"]),
        ("Many more than 200 fans were hurt in the crush.", ["many"]),
        ("Many fewer than forty seats were filled.", ["many"]),
        ("Many more voters turned out, and fewer than expected stayed home.", ["many"]),
        # 'could be seen/heard' and a participle is past perception; 'could be seen as/to' judges
        ("The senator could be seen sweating under the lights.", []),
        ("Screams could be heard coming from the flat.", []),
        ("The move could be seen as a snub to the unions.", ["could", "be seen"]),
        ("The effects could be seen for years.", ["could"]),
        # 'likely voters' is a pollster's category; 'likely winners' and 'likely to' predict
        ("The poll of 900 likely voters found a tie.", []),
        ("Jo Roe leads among likely Democratic primary voters.", []),
        ("The likely winners are the farmers.", ["likely"]),
        ("Turnout among likely voters is likely to fall.", ["likely"]),
    ],
)
def test_session_23_negative_subjects_averted_harm_perception_and_polling_terms_do_not_hedge(
    text: str, cues: list[str]
) -> None:
    """Session 23 audit of HDG001: 'Nothing could', 'could have died', 'many more ... than', 'could be seen
    sweating' and 'likely voters' hedge no claim; their neighbours still do."""
    assert [f.data["cue"] for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")] == cues


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # an embedded question with its own subject before the modal asks, it asserts nothing
        ("Parliament must decide how best the port could be defended.", []),
        ("There is still no word on where the grant might go.", []),
        ("Asked how the plan could work, the builder smiled.", []),
        ("Fans discussed whether the striker could have scored.", []),
        ("The win fuels expectations of what the Rovers might achieve.", []),
        ("It is unclear whether the plant could reopen.", ["it is unclear"]),
        # a relative 'where', a clause of 'that is why', a free relative after 'is' keep the modal
        ("The town where the plant could close is small.", ["could"]),
        ("That is why the bank may raise rates.", ["may"]),
        ("This is what the council could do.", ["could"]),
        ("In what could be a record, the river rose.", ["could"]),
        ("The chef was wary of what she felt may be a tense lunch.", ["may"]),
        ("The outage is an example of how storms could delay trains.", ["could"]),
    ],
)
def test_session_23_a_modal_in_an_embedded_question_with_its_own_subject_does_not_hedge(
    text: str, cues: list[str]
) -> None:
    """Session 23 audit of HDG001: 'decide how best the port could', 'on where the grant might' ask, they assert nothing."""
    assert [f.data["cue"] for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")] == cues


def test_traditionally_seen_as_stays_a_vague_attribution() -> None:
    """Dropping 'traditionally' from the approximators leaves 'is traditionally seen as' to the sources (HDG002)."""
    assert codes(run_scorer(SCORER, "The town is traditionally seen as a safe seat.")) == ["HDG002"]


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # the author's comment straight after a credit placed after its claim is the author's
        (
            "Fares will rise, Jo Roe said, a view that is probably too gloomy.",
            [("HDG001", "probably", "")],
        ),
        ("Fares will rise, the ministry said, which may anger commuters.", [("HDG001", "may", "")]),
        (
            "Voters oppose the tax, a new Daily Herald and Radio Kent poll finds, a fight that is likely to go on.",
            [("HDG001", "likely", "")],
        ),
        ("Fares will rise, Jo Roe said; rates may follow.", [("HDG001", "may", "")]),
        (
            "Fares will rise, Jo Roe said, suggesting the bank may act.",
            [("HDG001", "suggesting", ""), ("HDG001", "may", "")],
        ),
        # the claim going on after the credit, the speaker's own participle, or a conjunction stay credited
        ("Fares, Jo Roe said, may rise in May.", [("HDG004", "may", "named")]),
        ("Fares will rise, Jo Roe said, adding that rates may follow.", [("HDG004", "may", "named")]),
        ("Fares will rise, Jo Roe said, and rates may follow.", [("HDG004", "may", "named")]),
        (
            "Fares may rise, Jo Roe said, a view that is probably too gloomy.",
            [("HDG004", "may", "named"), ("HDG001", "probably", "")],
        ),
    ],
)
def test_a_comment_after_a_credit_placed_after_its_claim_is_the_authors(
    text: str, hedges: list[tuple[str, str, str]]
) -> None:
    """Session 22 audit of HDG004: in '..., Jo Roe said, a view that is probably ...' the comment is not hers."""
    found = run_scorer(SCORER, text)
    assert [(f.code, f.matched, f.data["source"]) for f in found if f.code in ("HDG001", "HDG004")] == hedges


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # a verb of saying in a relative clause credits that clause, not the main clause before it
        (
            "Roe, who has run mostly rural Kent for years, rallied farmers against the tax that she says is unfair.",
            [("HDG001", "mostly", "")],
        ),
        (
            "Probably the best plan is the one that Jo Roe says could work.",
            [("HDG001", "Probably", ""), ("HDG004", "could", "named")],
        ),
        (
            "Many voters back the plan which Jo Roe repeatedly said may fail.",
            [("HDG001", "Many", ""), ("HDG004", "may", "named")],
        ),
        # a speaker at the head of the sentence, or a relative clause after a comma, as before
        ("Jo Roe said that she believes the plan may fail.", [("HDG004", "may", "named")]),
        ("Perhaps the plan will fail, Jo Roe said.", [("HDG004", "Perhaps", "named")]),
        (
            "The minister, who said prices may rise, is probably wrong.",
            [("HDG004", "may", "named"), ("HDG001", "probably", "")],
        ),
    ],
)
def test_a_verb_of_saying_in_a_relative_clause_credits_only_that_clause(
    text: str, hedges: list[tuple[str, str, str]]
) -> None:
    """Session 22 audit of HDG004: in '... the tax that she says is unfair' the main clause before 'that' is the author's."""
    found = run_scorer(SCORER, text)
    assert [(f.code, f.matched, f.data["source"]) for f in found if f.code in ("HDG001", "HDG004")] == hedges


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # 'considered for' picks among candidates; 'considered as part of' folds in: no judgement
        ("Jo Roe is being considered for the post of coach.", []),
        ("Three sites are considered for the new depot.", []),
        ("The levy will be considered as part of the spending review.", []),
        ("The coach was considered for years the best in the league.", [("HDG001", "was considered")]),
        ("The levy is considered as a threat to small shops.", [("HDG001", "is considered")]),
        # 'you' and a modal of wondering address the reader
        ("So, you might be asking, what comes next for the club?", []),
        ("You may be wondering why the bridge closed.", []),
        ("You might think the bridge is safe.", []),
        ("You may need a ticket to enter the park.", [("HDG001", "may")]),
        ("Voters may think the levy is unfair.", [("HDG001", "may")]),
        # 'went on to' keeps the verb of saying its subject's
        ("Jo Roe went on to suggest the levy would fail.", []),
        ("The minister went on to argue that fares may rise.", [("HDG004", "may")]),
        ("Fares went on to fall, and may fall again.", [("HDG001", "may")]),
        # a noun of evidence owned by a name or a body speaks for it
        ("The Met Office's data suggest the lake may be shrinking.", [("HDG004", "suggest"), ("HDG004", "may")]),
        ("The ministry's figures suggest fares may rise.", [("HDG004", "suggest"), ("HDG004", "may")]),
        ("The data suggest the lake may be shrinking.", [("HDG001", "suggest"), ("HDG001", "may")]),
        ("Our figures suggest fares may rise.", [("HDG001", "suggest"), ("HDG001", "may")]),
    ],
)
def test_session_24_selection_reader_asides_and_owned_evidence(text: str, hedges: list[tuple[str, str]]) -> None:
    """Session 24 audit of HDG001: 'considered for', 'you might be wondering', 'went on to suggest', "X's data suggest"."""
    found = run_scorer(SCORER, text)
    assert [(f.code, f.matched) for f in found if f.code in ("HDG001", "HDG004")] == hedges


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        ("Councillors debated for three hours.", []),
        ("The motion was debated and passed by 30 votes to 4.", []),
        ("The claim is disputed by the company.", []),
        ("Ann Vell disputed the figures in a statement.", []),
        ("The seat will be contested by four candidates.", []),
        ("Informal hearings come before contested court cases.", []),
        # the adjective of a claim's standing still hedges
        ("The figures are disputed.", ["disputed"]),
        ("The cause of the fire remains hotly contested.", ["contested"]),
        ("It is a disputed claim.", ["disputed"]),
        ("Disputed figures circulated online.", ["Disputed"]),
        ("The issue is debated among scientists.", ["debated"]),
    ],
)
def test_disputed_contested_and_debated_hedge_only_as_adjectives_of_a_claim(text: str, hedges: list[str]) -> None:
    """Review s25v item 7: the verb ('Councillors debated') and a dispute credited to its party are no hedge."""
    assert matched(run_scorer(SCORER, text), "HDG001") == hedges


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("According to council documents, construction could take up to 18 months.", "HDG004"),
        ("Construction could take up to 18 months, according to council documents.", "HDG004"),
        ("According to court papers, the firm may owe millions.", "HDG004"),
        ("According to the ministry's figures, prices may rise.", "HDG004"),
        ("According to documents seen by the Harbour Herald, the firm may owe millions.", "HDG004"),
        ("According to figures from the Harbour Statistics Office, prices may rise.", "HDG004"),
        # near neighbours: documents nobody is named as owning stay the author's
        ("According to documents, the firm may owe millions.", "HDG001"),
        ("According to official figures, prices may rise.", "HDG001"),
        ("According to a February survey, prices may rise.", "HDG001"),
        ("According to Monday's report, the harbour may close next year.", "HDG001"),
        ("According to Monday's council report, the harbour may close next year.", "HDG004"),
        ("The firm could cut 300 jobs, according to newspaper reports.", "HDG001"),
        ("The firm could cut 300 jobs, according to the newspaper's reports.", "HDG004"),
    ],
)
def test_a_named_owners_document_after_according_to_credits_the_claim(text: str, code: str) -> None:
    """Review s25v item 7: 'according to council documents' credits the council's papers, as 'according to the council' does."""
    assert [f.code for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")] == [code]


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        ("The figures are disputed.", ["disputed"]),
        ("The figures were disputed.", []),
        ("The figures have long been disputed because the survey was small.", []),
        ("The motion was debated and passed.", []),
    ],
)
def test_disputed_after_a_past_or_perfect_be_reports_a_dispute(text: str, hedges: list[str]) -> None:
    """Review s25v2 item 3 asked for a hedge after 'were'/'been'; CoNLL-2010's gold reads 'has been disputed because ...' as certain."""
    assert matched(run_scorer(SCORER, text), "HDG001") == hedges


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ann Vell briefed investors that rates may rise in March.", "HDG004"),
        # near neighbours: 'briefed' that speaks for nobody; 'telling' is left out ('is telling the truth'
        # reports no speech: 'Flawed as he may be, he is telling more of the truth' would credit the 'may')
        ("The briefed officials may resign.", "HDG001"),
        ("Ann Vell was telling reporters the figures may be wrong.", "HDG001"),
    ],
)
def test_briefed_is_a_verb_of_saying_like_told(text: str, code: str) -> None:
    """Review s25v2 item 10: what Ann Vell briefed is hers, as what she told is."""
    assert [f.code for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")] == [code]


INTERVIEW = (
    "The author talked about her new book. Here are highlights.\n"
    "Q: Why this subject? A: When I met him, I realized he may be the most gifted man of his time. "
    "Q: Did you ask him for an interview? A: I asked and he declined. I think he was worried.\n"
    "The book is out on Tuesday and it may sell well."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each turn after a speaker's label is that speaker's voice, up to the next label or the line's end
        (INTERVIEW, [("HDG004", "may"), ("HDG004", "I think"), ("HDG001", "may")]),
        # labels in capitals and names, a clip played once ("CLIP:") inside the exchange
        (
            "Partial transcript follows. TAPPER: Do you think he can win? RUIZ: I think he probably can. "
            "TAPPER: Why? CLIP: We may win. RUIZ: Because voters seem tired.",
            [("HDG004", "I think"), ("HDG004", "probably"), ("HDG004", "may"), ("HDG004", "seem")],
        ),
        # captions and notes ask nothing: no transcript, the hedges stay the author's
        (
            "Photo: the bridge may close. Source: city data. Photo: traffic seems worse. Source: police.",
            [("HDG001", "may"), ("HDG001", "seems")],
        ),
        # nor are captions and notes that ask: their labels are page furniture
        (
            "Photo: Will the bridge close? Note: It may. Photo: Is traffic worse? Note: It seems so.",
            [("HDG001", "may"), ("HDG001", "seems")],
        ),
        # a verb of saying as a note's label speaks for nobody
        ("Note: the bridge may close.", [("HDG001", "may")]),
        # one interviewer's question is not an exchange
        ("Q: Will it rain? A: It may rain. The roads could flood.", [("HDG001", "may"), ("HDG001", "could")]),
    ],
)
def test_a_transcripts_turns_are_its_speakers_words(text: str, expected: list[tuple[str, str]]) -> None:
    findings = run_scorer(SCORER, text)
    assert [(f.code, f.matched) for f in findings if f.code in ("HDG001", "HDG004")] == expected


def test_transcript_turns_are_found_in_linear_time_on_one_long_line() -> None:
    text = "Q: Why? A: I may. " * 50_000  # 100,000 turns on one line
    spans = transcript.transcript_spans(text)
    assert len(spans) == 100_000 and spans[1] == (text.index("A: ") + 3, text.index("Q: ", 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb of saying after the claim, an unnamed source after it: the claim is theirs
        ("The plan may fail, say some economists.", [("HDG004", "may"), ("HDG002", "say some economists")]),
        ("“We may sell,” said an insider, who knows them.", [("HDG004", "may"), ("HDG002", "said an insider")]),
        ("The plan, said some officials, may fail.", [("HDG002", "said some officials"), ("HDG004", "may")]),
        # a named group after a quantifier credits its claim, as 'Some Democrats say ...' does
        ("The mayor may not be a bad thing, say some Democrats, who cringe at his words.", [("HDG004", "may")]),
        # named, or specific, speakers stay named
        ("The plan may fail, said Ann Cole.", [("HDG004", "may")]),
        ("The plan may fail, said officials in Kyiv.", [("HDG004", "may")]),
        # no clause break before the verb, or words after the source: no inverted credit
        ("Say some economists: the plan may fail.", [("HDG001", "may")]),
        ("The plan may fail, said many people close to the talks.", [("HDG001", "may"), ("HDG001", "many")]),
    ],
)
def test_an_inverted_credit_after_its_claim_names_its_source(text: str, expected: list[tuple[str, str]]) -> None:
    findings = run_scorer(SCORER, text)
    got = [(f.code, f.matched) for f in findings if f.code in ("HDG001", "HDG002", "HDG004")]
    assert got == expected
