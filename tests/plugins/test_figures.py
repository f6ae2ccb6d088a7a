"""Figures scorer (FIG): extraction, attribution, vague sources, batch contradictions, settings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from copydesk import Article, Finding
from copydesk.conformance import assert_conformance
from copydesk.errors import ConfigError
from copydesk.models import Context
from copydesk.plugins import figures
from copydesk.plugins.figures import analysis
from copydesk.plugins.figures.extract import Figure, extract
from copydesk.testing import (
    article,
    codes,
    document,
    findings_by_article,
    plugin_set,
    run_copydesk,
    run_scorer,
    score_batch,
)
from hypothesis import given, settings
from hypothesis import strategies as st

SCORER = figures.copydesk_scorers()[0]
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> Article:
    """The seed article whose file name starts with ``prefix`` (first line is the title)."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    title, body = path.read_text(encoding="utf-8").split("\n", 1)
    return article(body, title=title, id=prefix)


CONTROL = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def figure_texts(text: str) -> list[tuple[str, str]]:
    """Each figure the extractor finds in ``text``, as (text, kind)."""
    return [(text[f.start : f.end], f.kind) for f in extract(text, 0, len(text))]


def by_code(findings: list[Finding], code: str) -> list[str]:
    """The matched text of every finding of ``code``."""
    return [f.matched for f in findings if f.code == code]


def single(text: str, **settings: object) -> list[Finding]:
    """Findings of the scorer on one article (batch of one)."""
    return run_scorer(SCORER, text, settings=settings or None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A staggering $281 billion was lost.", [("$281 billion", "money")]),
        ("It costs £600m, or €1.2bn.", [("£600m", "money"), ("€1.2bn", "money")]),
        ("The fund holds half a trillion dollars.", [("half a trillion dollars", "money")]),
        ("The fund holds US$5 billion.", [("US$5 billion", "money")]),
        ("Support fell to 59.6 percent, or 12%.", [("59.6 percent", "percent"), ("12%", "percent")]),
        (
            "Turnout rose 5 per cent and 2 percentage points.",
            [("5 per cent", "percent"), ("2 percentage points", "percent")],
        ),
        ("Seventy-four percent agreed.", [("Seventy-four percent", "percent")]),
        ("Over half a million casualties.", [("half a million", "count")]),
        ("They sent 10,000 troops and 5000 tanks.", [("10,000", "count"), ("5000", "count")]),
        ("Three million people fled.", [("Three million", "count")]),
        ("One in five adults and four in 10 voters.", [("One in five", "rate"), ("four in 10", "rate")]),
        ("Prices tripled, then halved.", [("tripled", "multiple"), ("halved", "multiple")]),
        ("They lost 3 out of 4 seats.", [("3 out of 4", "rate")]),
        ("A $3-million deal and a 20-percent rise.", [("$3-million", "money"), ("20-percent", "percent")]),
        ("A $15-an-hour wage for 72-75 percent of staff.", [("$15", "money"), ("72-75 percent", "percent")]),
        ("A 3,000-word article on a 1,100-mile border; call 555-5555.", []),
        (
            "Tickets cost $5-$10, a 82%-12% split.",
            [("$5", "money"), ("$10", "money"), ("82%", "percent"), ("12%", "percent")],
        ),
        # near misses: years, dates, times, ordinals, ages, labels, references, phones, small counts
        ("The war began in 2014 and the accord dates from 1995.", []),
        ("On 3 March 2023 at 10:30, on 9/11.", []),
        ("It was the 3rd attempt in the 21st century, in the 1990s.", []),
        ("The minister, 54, and a 45-year-old aide resigned.", []),
        ("The 28-point plan and a 10-year compact.", []),
        ("The G7 bought F-35 jets after COVID-19.", []),
        ("See page 12, section 230 and Article 5.", []),
        ("Call 555-123-4567 or (202) 555-0100.", []),
        ("Twelve people and 999 voters came.", []),
        ("He got 3,000 in 2015 votes.", [("3,000", "count")]),
    ],
)
def test_extraction_finds_figures_and_skips_non_figures(text: str, expected: list[tuple[str, str]]) -> None:
    assert figure_texts(text) == expected


@pytest.mark.parametrize("threshold", [500, 1000, 20000])
def test_large_count_threshold_decides_plain_counts(threshold: int) -> None:
    text = "About 800 and 15,000 troops."
    counts = [text[f.start : f.end] for f in extract(text, 0, len(text), threshold)]
    assert counts == [n for n, v in (("800", 800), ("15,000", 15000)) if v >= threshold]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("A staggering $281 billion – that's the estimated cost of the war.", ["$281 billion"]),
        ("Unemployment rose to 7 percent last year.", ["7 percent"]),
        ("One in five adults smoke.", ["One in five"]),
        ("Exports tripled in a decade.", ["tripled"]),
        ("Of those asked, 61 percent said they had decided.", ["61 percent"]),
        ("The report was long. Exports fell 5 percent.", ["5 percent"]),
        ("Analysts say growth will slow; in 2012, exports fell 27 percent.", ["27 percent"]),
        ("The city raised $64 million for an event which is expected to draw 50,000 people.", ["$64 million"]),
        ("Among voters, 67 percent, say they will vote for him.", ["67 percent"]),
        ("“It is a revolution,” Ramos said, pointing to a share of 17 percent.", ["17 percent"]),
        ("A group called Citizens raised $5 million.", ["$5 million"]),
        # a bare "the survey" framing a sentence names no document (only "according to the survey" refers back)
        ("In the survey, 45 percent backed the plan.", ["45 percent"]),
        # near misses: the same figures credited
        ("Unemployment rose to 7 percent last year, the Labor Department said.", []),
        ("According to the IAEA, 40 percent of the site was damaged.", []),
        ("Reuters reported that 3,000 troops had crossed.", []),
        ("The plan will cost $2 billion (Congressional Budget Office).", []),
        ("Smith, an economist at the IMF, estimates growth at 3 percent.", []),
        ("The war began in 2014.", []),
    ],
)
def test_unsourced_figure(text: str, flagged: list[str]) -> None:
    assert by_code(single(text), "FIG001") == flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Conservative estimates place combined casualties at over half a million.", ["half a million"]),
        ("Analysts say the deal is worth $5 billion.", ["$5 billion"]),
        ("Reports suggest 10,000 people fled.", ["10,000"]),
        ("Officials said 2,000 homes were destroyed.", ["2,000"]),
        ("The assets are estimated at $486 billion.", ["$486 billion"]),
        # near misses: a named source, or no source at all (FIG001 instead)
        ("On Monday, Pentagon officials said 2,000 homes were destroyed.", []),
        ("The World Bank estimates the cost at $400 billion.", []),
        ("The assets are worth $486 billion.", []),
        # issue 14: a definite institution or a definite body's document is a source, not a vague one
        ("Prices rose 4%, the national statistics office said.", []),
        ("Visits fell by 12,000 last year, according to the library's annual report.", []),
        ("Prices rose 4%, the survey team said.", []),
        # near neighbours: the bare collective, an unowned report, people of the body
        ("Prices rose 4%, statistics showed.", ["4%"]),
        ("Visits fell by 12,000 last year, according to a report.", ["12,000"]),
        ("Visits fell by 12,000 last year, according to the library's analysts.", ["12,000"]),
        ("Prices rose 4%, data compiled by researchers showed.", ["4%"]),
        # session 19 audit: a data set a public body keeps, or one particular document, is named
        ("Rents rose 9 percent last year, according to census data from 2020.", []),
        ("More than 3,000 shops closed last year, official statistics show.", []),
        ("Crashes fell to 4,000, according to police figures.", []),
        ("The union said that, according to its analysis, 70 percent of members backed the deal.", []),
        ("Rents rose 9 percent in two towns, according to the survey.", []),
        # near neighbours: a bare, unowned or plural document stays vague
        ("Rents rose 9 percent last year, according to some data.", ["9 percent"]),
        ("Rents rose 9 percent last year, according to the reports.", ["9 percent"]),
        ("Rents rose 9 percent last year, according to the estimates.", ["9 percent"]),
        ("Rents rose 9 percent last year, recent statistics show.", ["9 percent"]),
        # mass words need no document behind them: "the data" alone is no particular source (review 19)
        ("Rents rose 9 percent, according to the data.", ["9 percent"]),
        ("Rents rose 9 percent, according to the statistics.", ["9 percent"]),
        ("Rents rose 9 percent, the figures show.", ["9 percent"]),
        # session 19 audit: auxiliaries alone are no source; the speaker is before the aside or the relative
        ("The senator, who unveiled her plan on Monday, has proposed cuts of $4 billion.", []),
        ("The agency, which runs the buses, has said 2,000 drivers will be hired.", []),
        ("The bank, which has forecast growth of 2 percent, kept its rate on hold.", []),
        # near neighbours: a vague speaker before the aside, a vague subject with its auxiliaries
        ("On Monday, officials, who spoke to reporters, have said 2,000 drivers will be hired.", ["2,000"]),
        ("Officials have said 2,000 drivers will be hired.", ["2,000"]),
        # session 19 audit: a cue after "and" with no subject of its own is the opening subject's
        ("Acme, a chip maker, runs 40 plants and says that more than 3,000 workers join each year.", []),
        # session 20: a name of two capitalised words before a present verb is the subject
        ("Jo Roe runs the plants and says that 3,000 workers will lose their jobs.", []),
        ("Acme Bank owns two mills and says 3,000 workers will lose their jobs.", []),
        # near neighbours: one capitalised first word is no name; a vague head stays vague
        ("Farmers grow wheat and say that 3,000 workers will lose their jobs.", ["3,000"]),
        ("Many analysts expect cuts and say that 3,000 workers will lose their jobs.", ["3,000"]),
        # session 20: a share right after "Some" is a poll's respondents, no source
        ("Some 34% say the debates matter.", []),
        ("Some analysts say the reform will cost 3,000 jobs.", ["3,000"]),
        ("Acme will also pay the legal costs and said the total charge was expected to be £235m.", []),
        # near neighbours: a vague opening subject stays vague, whatever capitalised word follows
        ("Officials met on Monday and said 2,000 homes were destroyed.", ["2,000"]),
        ("Many analysts were cautious and said growth would reach 4%.", ["4%"]),
        # session 21: "but" joins a cue to the opening subject as "and" does; a capital inside one word is a name
        ("Acme Bank owns two mills but says 3,000 workers will lose their jobs.", []),
        ("Shore-Q keeps its accounts private but says its business has tripled.", []),
        ("NordaBank runs 40 plants and says that 3,000 workers join each year.", []),
        # near neighbours: a vague opening subject, or one plain capitalised first word
        ("Officials declined to comment but said 2,000 homes were destroyed.", ["2,000"]),
        ("Farmers grow wheat but say that 3,000 workers will lose their jobs.", ["3,000"]),
        # session 21: a cue after "NAME, APPOSITIVE," is the name's verb, not a participle set off by commas
        ("Jane Roe, the commissioner, said about 2,000 jobs were lost.", []),
        ("Jane Roe, the commissioner, said most of the 6,400 new posts were part-time.", []),
        ("Acme, a chip maker, reported nearly $3 billion in sales.", []),
        # near neighbours: a participle set off by commas after a common noun or an opening phrase
        ("The cost, estimated at $3 billion, is high.", ["$3 billion"]),
        ("In the end, the bill, estimated at $3 billion, was paid.", ["$3 billion"]),
        ("Officials, speaking to reporters, said about 2,000 jobs were lost.", ["2,000"]),
        # session 21: "they" takes up a source named just before (the sentence before or its own)
        ("The Green Party wants to scrap the levy. They say the change would raise £400m a year.", []),
        ("The Harbour Rowing Club wants a new boathouse, which they expect to cost £2m.", []),
        ("The Greens back a levy on second homes, which they claim would bring in £90m.", []),
        ("The Greens promised tax cuts, which they say are due. They say they can save £4bn.", []),
        # near neighbours: a vague source before "they", or nothing named before it
        ("Analysts said the market was weak. They said sales fell by 12% in May.", ["12%"]),
        ("set their own budgets. They said the council lost £150,000 each month.", ["£150,000"]),
        ("They say the change would raise £400m a year.", ["£400m"]),
        # a capitalised word that is not the subject's head names nothing (review s21v)
        ("Residents of Northtown gathered in the square. They said about 3,000 people took part.", ["3,000"]),
        ("Officials at the Town Hall were cautious. They estimated that 40 per cent had voted.", ["40 per cent"]),
        ("Choirs led by Dame Ada Brook are recording an album. They hope it will raise more than £3m.", ["£3m"]),
        # session 21: a lead's unowned document named in the next sentence ("by"/"from" and a name)
        ("Farm output rose 24% last year, a report says. The joint report from the Harbour Institute said more.", []),
        (
            "Some 4 million adults keep hens, according to new research. The survey, conducted by Ashdown, showed it.",
            [],
        ),
        # near neighbours: the next sentence gives a date or an unrelated name, not the document's owner
        (
            "Some 4 million adults keep hens, according to new research. The survey, released on Monday, showed it.",
            ["4 million"],
        ),
        ("Some 4 million adults keep hens, according to new research. Hens from Kent are popular.", ["4 million"]),
        # session 22: an adverb between a subject and its cue is no part of the source
        ("Its survey also found that 3.6 million adults keep hens.", []),
        ("The poll, run for the Harbour Trust, also found that support rose to 19 percent.", []),
        ("The bakery, which opened in 1998, recently agreed terms to buy 40% of Mill Lane Foods.", []),
        ("The Green Party wants a levy. They specifically hope to limit it to 150,000 homes.", []),
        # near neighbours: a vague subject stays vague, and a passive's "it was" stays the source
        ("Analysts also said sales would fall by 12% in May.", ["12%"]),
        ("Officials were also said to have paid $4.5 million.", ["$4.5 million"]),
        ("Acme, the chip maker, is already said to make $4 million a month.", ["$4 million"]),
        ("Sales were also estimated at $4.5 million.", ["$4.5 million"]),
        # session 22: an acronym in brackets before the cue belongs to the name before it
        ("The Office for Farm Statistics (OFS) said prices could fall by 15%.", []),
        ("Economists at Harbour Partners (HP) warned prices could fall by 15% by 2030.", []),
        # near neighbours: a bracket of lower-case words cuts the source off, as before
        ("Economists (most of them) said prices could fall by 15%.", ["15%"]),
        # session 22: "said, adding that ..." keeps "said" as the cue of a quotation's speaker
        (
            'Jo Roe spoke in the square. "We will send letters to these 206,000 people," she said, adding that more would follow.',
            [],
        ),
        ('"Prices will rise by 12%," said Ana Ruiz, adding that rents would follow.', []),
        # near neighbour: an unnamed speaker stays unnamed
        ('"We will send letters to these 206,000 people," officials said, adding that more would follow.', ["206,000"]),
        # session 22: a present-tense speech verb before its source at a quotation's end
        ('"By 2040 pensioners will account for nearly 25% of voters in the town," explains Ana Ruiz.', []),
        ('"By 2040 pensioners will account for nearly 25% of voters in the town," argues the Harbour Institute.', []),
        ('"By 2040 pensioners will account for nearly 25% of voters in the town," argues a team of analysts.', ["25%"]),
        # session 22: a speech participle after a comma, with no credit before it, is the opening subject's
        ("Acme Bank raised its forecast on Monday, saying sales would rise 5%.", []),
        ("The company lowered its forecast, adding that sales would fall 5%.", []),
        # near neighbours: a vague subject stays vague; a participle of inference, or no subject, is no speaker
        ("Officials raised the forecast on Monday, saying sales would rise 5%.", ["5%"]),
        ("Sales rose in May, suggesting growth of 5%.", ["5%"]),
        # session 22: a lead's "reports" named by the outlet credited in the next sentence
        (
            "Acme plans to shed as many as 1,500 posts, reports said. The Sunday Courier said most cuts are in sales.",
            [],
        ),
        (
            "Acme could cut 7,000 jobs, according to newspaper reports. Jo Roe was quoted by The Harbour Times as saying so.",
            [],
        ),
        (
            "Trade is booming, with new figures showing exports up threefold. "
            "Exports rose to $186m from $64m, the Harbour Government said.",
            [],
        ),
        ("The trade gap hit $671bn in 2024, latest figures show. The Trade Department said imports rose.", []),
        # session 22: a passive relative names the owner of the document "according to" credits
        ("Donors gave $5,395, according to figures that were released on Monday by Crowdfund.", []),
        ("Donors gave $5,395, according to data which has been compiled by the Harbour Trust.", []),
        # near neighbours: a relative with no agent, or an agent with no name, leaves the figures unowned
        ("Donors gave $5,395, according to figures that were released on Monday.", ["$5,395"]),
        ("Donors gave $5,395, according to figures which are kept by officials.", ["$5,395"]),
        # review s22v: a passive relative whose verb does not own the document leaves it unowned
        ("Donors gave $5,395, according to figures which were disputed by Crowdfund.", ["$5,395"]),
        # review s22v: one unnamed person ("a senior official", "one analyst") is as vague as "officials"
        ("A senior official said prices rose 4%.", ["4%"]),
        ("Inflation will hit 4% next year, said one analyst.", ["4%"]),
        ("A source close to the talks said the fee was $5m.", ["$5m"]),
        # near neighbours: a person named, a side named beside the person, a definite official
        ("Jo Roe, an analyst, said prices rose 4%.", []),
        ("A spokesman for Acme said prices rose 4%.", []),
        ("The official said prices rose 4%.", []),
        # near neighbours: the next sentence credits no one, a vague source, a person, or a lower-case definite one
        ("Prices rose 5%, figures showed. Jo Roe, a trader, said she was worried.", ["5%"]),
        ("Acme plans to shed as many as 1,500 posts, reports said. The plans were first drawn up in May.", ["1,500"]),
        ("Acme plans to shed as many as 1,500 posts, reports said. Officials said most cuts are in sales.", ["1,500"]),
        ("Reports suggest Acme will lift its offer to £5m. The club said talks went on.", ["£5m"]),
        # review s22v: only the lead's unowned figures are named by the next sentence's credit
        (
            "The match ended late. The data show attendance fell 12% this season. The Rovers manager said it rained.",
            ["12%"],
        ),
        # session 23: a document owned by a definite body ("for the trust"), one met before
        # ("last year's survey"), or owned by a possessive pronoun's referent ("its figures")
        ("Pensioners vote, says the Elder Trust. A study for the trust found 70% of them always do.", []),
        ("Meanwhile, last year's study showed a 15% fall in bakeries.", []),
        ("Jo Roe, head of sales at Acme, said its figures showed a 40% rise in online orders.", []),
        # near neighbours: the survey's respondents, "for the first time", plural or "their" stay vague
        ("A survey of the residents suggests 70% of them always vote.", ["70%"]),
        ("A survey for the first time suggests 70% of pensioners always vote.", ["70%"]),
        ("Meanwhile, last year's figures showed a 15% fall in bakeries.", ["15%"]),
        ("Analysts met on Monday, and their figures showed 90% of buyers were men.", ["90%"]),
        # session 23: unnamed people who speak as a group ("Residents said", "Organisers hope") or alone
        ("The town held a vote on Monday. Residents said about 3,000 people took part.", ["3,000"]),
        ("Organisers expect the fair to bring in £40,000.", ["£40,000"]),
        ("Opponents say the new bridge would cost £2bn.", ["£2bn"]),
        ("A witness said about 3,000 people ran from the hall.", ["3,000"]),
        # near neighbours: a body the word only modifies, a name beside it
        ("The residents' association said about 3,000 people took part.", []),
        ("Organisers of the Harbour Fair expect it to bring in £40,000.", []),
        # session 23: a passive's agent ends before an infinitive or a value, so it credits the figure
        ("Sales are expected by analysts to reach $4bn this year.", ["$4bn"]),
        ("The deal is estimated by analysts at $4bn.", ["$4bn"]),
        # near neighbours: a named agent names it; a name after "at" stays in the agent
        ("Profits are expected by Acme analysts to reach $4bn.", []),
        ("The toll was estimated by officials at the Harbour Trust at 3,000.", []),
        # session 23: a cue in "-s" after a possessive is a plural noun ("the council's demands"), not a verb
        ("The firms insist they met the council's demands in a $90bn deal.", []),
        # near neighbours: a named possessor's claim credits the figure; "It's" is a contraction
        ("Jo Roe's claims that her shops earn $4 million a year were doubted.", []),
        ("It's estimated that 3,000 people came.", []),
        # session 23: "That puts ..." is the writer's reckoning, not a vague source; "told to" is an order
        ("That puts the club $3m behind its target.", []),
        ("That puts the bill at £2m.", []),
        ("This places the cost at $40m.", []),
        ("She was told to repay a £1,750 grant.", []),
        # near neighbours: a vague subject of "put", or an "at" after it, still credits the figure
        ("Officials put the toll at 3,000.", ["3,000"]),
        ("That puts the toll at 3,000, officials estimate.", ["3,000"]),
        # session 23: only the lead's unowned document is named by the next sentence's owner
        (
            "The farm fair closed on Sunday. Output rose 24% last year, a report says. "
            "The joint report from the Harbour Institute said more.",
            ["24%"],
        ),
        (
            "The farm fair closed on Sunday. Some 4 million adults keep hens, according to new research. "
            "The survey, conducted by Ashdown, showed it.",
            ["4 million"],
        ),
    ],
)
def test_vaguely_sourced_figure(text: str, flagged: list[str]) -> None:
    assert by_code(single(text), "FIG002") == flagged


def test_passive_agent_before_an_infinitive_is_the_figures_named_source() -> None:
    """ "estimated by Acme to be $4bn": the agent stops at "to", so the figure is Acme's (neither FIG001 nor FIG002)."""
    found = single("Her estate, estimated by Acme Weekly to be worth $30m, goes to charity.")
    assert by_code(found, "FIG001") == [] and by_code(found, "FIG002") == []


@pytest.mark.parametrize(
    "text",
    [
        "“We lost 3,000 jobs,” said Mayor Jane Smith.",
        '"The budget is $4 billion short. We need 2,000 more teachers," the mayor said.',
        "The mayor said:\nThe budget is $4 billion short.",
        "A recent CBO report highlighted the $175 billion already spent.",
        "In a new Quinnipiac poll, 45 percent backed the plan.",
        "Sales reached $3 billion, see https://example.com/report for the filing.",
        "Ukraine's needs are estimated to exceed $1 trillion by the World Bank.",
        "Bernie Sanders’ campaign says it raised more than $21 million in January.",
        "On Monday, the company said on Friday that it had suspended 125,000 accounts.",
        "“Come early,” said Tim Selaty of Citizens for Trump, which expects 5,000 to attend.",
        "In a CNN/ORC International Poll, 38 percent of voters backed the plan.",
        "A Field Poll in May put his support among likely Democratic voters at 5 percent.",
        "He calls for $1 trillion in new spending.",
        "For instance, the paper notes the government monitors 20,000 of 70,000 mosques.",
        "“We get that back,” Ms. Acosta said, explaining how an outlay of $120 million was justified.",
        # a named admission or concession credits its figures as a statement does
        "The council admitted that 12,000 letters went to the wrong homes.",
        "The minister conceded that 4,000 homes were still without power.",
        "Acme admits to paying $29m in bribes.",
    ],
)
def test_sourced_figures_give_no_finding(text: str) -> None:
    assert codes(single(text)) == []


def test_quotation_speaker_counts_anywhere_in_the_quotation_and_within_window_beyond_it() -> None:
    text = "“Costs are rising. We will need $5 billion,” said Jane Smith."
    assert codes(single(text)) == []
    # the speaker of a quotation running over sentences holds for all of them (session 20)
    quoted_far = "“We will need $5 billion. Costs are rising. Staff are tired. It is hard,” said Jane Smith."
    assert codes(single(quoted_far, window=1)) == []
    assert by_code(single(quoted_far, window=0), "FIG001") == ["$5 billion"]
    # beyond the quotation's ends, only `window` sentences count
    far_before = (
        "Jane Smith said she was tired. The hall was full. It was late. “Costs are rising. We will need $5 billion.”"
    )
    assert by_code(single(far_before, window=1), "FIG002") == ["$5 billion"]
    assert codes(single(far_before, window=3)) == []
    unspoken = "The hall was full. “Costs are rising. Staff are tired. We will need $5 billion.” The meeting ended."
    assert by_code(single(unspoken, window=1), "FIG002") == ["$5 billion"]


@pytest.mark.parametrize(
    "text",
    [
        # a quotation carried over paragraphs: each opens again, the one before is left open
        '"It was the best time," Jo Roe said. "I was also nuts. I loved it.\n\n'
        '"It was everything to me. Nothing beat playing in front of 25,000 people.\n\n"That is who I am."',
        '"We will build a bridge!" he said to a cheer. "And they will pay! One hundred percent. They know it."',
        # the speaker closes the quotation several sentences after the figure
        '"We lost 3,000 jobs. Costs rose. Staff left. Orders fell," said Mayor Ann Lee.',
    ],
)
def test_quotation_running_past_the_window_keeps_its_speaker(text: str) -> None:
    assert by_code(single(text), "FIG002") == []


@pytest.mark.parametrize(
    "text",
    [
        # a closed quotation is not carried on by an opening mark after narration
        '"I was nuts," Jo Roe said. The crowd was loud. The hall was hot.\n\n"Nothing beat playing before 25,000 people."',
        # a paragraph that does not open with a mark ends the quotation before it
        '"I was nuts," Jo Roe said. "I loved it.\n\nThe crowd was loud. The hall was hot. "Nothing beat 25,000 people."',
    ],
)
def test_quotation_speaker_does_not_reach_a_later_quotation(text: str) -> None:
    assert by_code(single(text), "FIG002") == ["25,000"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a straight double mark right after a digit, with no quotation open, is inches or seconds
        ('The desktop ships with 2,600 fonts and drives two 30" displays.', "FIG001"),
        ('The model, priced at $2,600, has a 17" screen.', "FIG001"),
        # after an opening mark it still closes the quotation, so what follows is outside it
        ('Fans chanted "we want Row 40" and 2,600 seats were sold.', "FIG001"),
    ],
)
def test_straight_mark_after_a_digit_is_a_unit_unless_a_quotation_is_open(text: str, code: str) -> None:
    assert [f.code for f in single(text) if f.code in ("FIG001", "FIG002")] == [code]


def test_quotation_is_not_credited_to_an_agentless_cue_of_the_previous_sentence() -> None:
    text = (
        "Mr Negroponte is in talks with the Chinese education ministry, who are expected to make a large order. "
        '"In China they spend $17 per child per year on textbooks."'
    )
    found = [f for f in single(text) if f.code == "FIG002"]
    assert [f.matched for f in found] == ["$17"]
    assert "expected" not in found[0].message
    assert "an unnamed speaker" in found[0].message


def test_neighbour_sentence_without_quotation_does_not_source() -> None:
    text = "The World Bank published its survey on Monday. Ukraine will need $400 billion."
    assert by_code(single(text), "FIG001") == ["$400 billion"]


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, ["FIG001"]),
        ({"extra_cues": ["reckoned"]}, ["FIG001"]),
        ({"extra_cues": ["mused"]}, []),
        ({"remove_cues": ["estimates"]}, ["FIG001"]),
    ],
)
def test_cue_lexicon_settings(settings: dict[str, list[str]], expected: list[str]) -> None:
    text = "The World Bank mused that $400 billion is needed."
    if settings.get("remove_cues"):
        text = "The World Bank estimates that $400 billion is needed."
    assert codes(single(text, **settings)) == expected


@pytest.mark.parametrize("key", analysis.LEXICON_KEYS)
@pytest.mark.parametrize("entry", ["mused that", "mused.", "re-mused!", "#mused"])
def test_a_word_list_entry_that_is_not_one_word_is_a_config_error_not_a_cue_that_never_matches(
    key: str, entry: str
) -> None:
    """Cue and source words are looked up one word at a time: "mused that" could never match."""
    with pytest.raises(ConfigError, match=re.escape(f"[plugins.figures] {key} entry '{entry}' is not one word")):
        single("The World Bank mused that $400 billion is needed.", **{key: [entry]})


def test_a_word_list_entry_that_is_not_one_word_is_quoted_once_on_the_error_line(tmp_path: Path) -> None:
    """A real ESC reads ``\\x1b`` and a typed backslash ``\\\\``: no repr() before the line is neutralised."""
    (tmp_path / "a.txt").write_text("Title\n\nThe World Bank mused that $400 billion is needed.\n", encoding="utf-8")
    (tmp_path / "c.toml").write_text('[plugins.figures]\nextra_cues = ["x\\u001b\\\\"]\n', encoding="utf-8")
    result = run_copydesk("score", "a.txt", "--config", "c.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "copydesk: error: c.toml:2: [plugins.figures] extra_cues entry 'x\\x1b\\\\' is not one word:"
        " cue and source words are matched one word at a time"
    ]


def test_a_word_list_entry_is_read_without_regard_to_case_or_surrounding_spaces() -> None:
    assert codes(single("The World Bank mused that $400 billion is needed.", extra_cues=[" Mused "])) == []
    assert codes(single("The World Bank re-mused that $400 billion is needed.", extra_cues=["re-mused"])) == []


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, ["FIG002"]),
        ({"remove_vague_sources": ["analysts"]}, []),
        ({"extra_vague_sources": ["bankers"]}, ["FIG002", "FIG002"]),
    ],
)
def test_vague_source_settings(settings: dict[str, list[str]], expected: list[str]) -> None:
    text = "Analysts say $5 billion left."
    if settings.get("extra_vague_sources"):
        text += " Bankers say $4 billion came back."
    assert codes(single(text, **settings)) == expected


def test_findings_carry_figure_span_sentence_and_source() -> None:
    text = "Prices rose. Conservative estimates place losses at $5 billion."
    [finding] = single(text)
    assert (finding.code, finding.matched, text[finding.start : finding.end]) == ("FIG002", "$5 billion", "$5 billion")
    assert finding.excerpt == "Conservative estimates place losses at $5 billion."
    assert finding.data["source"] == "Conservative estimates" and finding.data["kind"] == "money"
    assert (
        finding.message == "Figure '$5 billion' (money) is credited only to an unnamed source: 'Conservative estimates'"
    )


def test_seed_verdicts() -> None:
    found = findings_by_article(SCORER, seed("000"), seed("001"), seed("002"))
    assert "$281 billion" in by_code(found["000"], "FIG001")
    assert "half a million" in by_code(found["002"], "FIG002")
    assert "$486 billion" in by_code(found["002"], "FIG001") + by_code(found["002"], "FIG002")
    flagged = {f.matched for fs in found.values() for f in fs if f.code in ("FIG001", "FIG002")}
    assert not flagged & {"$400 billion", "$1 trillion", "$175 billion"}
    assert not {m for m in flagged if re.fullmatch(r"\d{4}", m)}
    assert "28" not in flagged


def test_seed_world_bank_contradiction_found_on_both_articles() -> None:
    seeds = [seed(p) for p in ("000", "001", "002", "003", "004")]
    reports = score_batch(seeds, plugin_set(plugins=[("figures", figures)]))
    contradictions = {r.id: [f for f in r.findings if f.code == "FIG003"] for r in reports}
    [on_001] = contradictions["001"]
    [on_002] = contradictions["002"]
    assert (on_001.matched, on_001.data["other_article"], on_001.data["other_figure"]) == (
        "$400 billion",
        "002",
        "$1 trillion",
    )
    assert (on_002.matched, on_002.data["other_article"], on_002.data["other_figure"]) == (
        "$1 trillion",
        "001",
        "$400 billion",
    )
    assert "002" in on_001.message and "$1 trillion" in on_001.message and "World Bank" in on_001.message
    assert contradictions["000"] == contradictions["003"] == contradictions["004"] == []


BANK_A = "The World Bank estimates reconstruction of Ukraine at $400 billion."


@pytest.mark.parametrize(
    ("other", "settings", "found"),
    [
        ("The World Bank says reconstruction in Ukraine will cost $1 trillion.", {}, True),
        # near misses: within tolerance, another source, another subject, another kind
        ("The World Bank says reconstruction in Ukraine will cost $450 billion.", {}, False),
        ("The IMF says reconstruction in Ukraine will cost $1 trillion.", {}, False),
        ("The World Bank says global debt will reach $1 trillion.", {}, False),
        ("The World Bank says reconstruction in Ukraine is 40 percent done.", {}, False),
        ("Reconstruction in Ukraine will cost $1 trillion.", {}, False),
        # settings move the lines
        ("The World Bank says reconstruction in Ukraine will cost $450 billion.", {"tolerance": 1.1}, True),
        ("The World Bank says reconstruction in Ukraine will cost $1 trillion.", {"tolerance": 3.0}, False),
        ("The World Bank says reconstruction will cost $1 trillion.", {"subject_overlap": 1}, True),
        ("The World Bank says reconstruction will cost $1 trillion.", {}, False),
    ],
)
def test_contradictory_figure(other: str, settings: dict[str, float], found: bool) -> None:
    result = findings_by_article(SCORER, article(BANK_A, id="a"), article(other, id="b"), settings=settings)
    assert ("FIG003" in codes(result["a"]), "FIG003" in codes(result["b"])) == (found, found)


def test_contradiction_needs_two_articles() -> None:
    text = BANK_A + " The World Bank says reconstruction in Ukraine will cost $1 trillion."
    assert "FIG003" not in codes(single(text))


def test_batch_state_holds_records_not_text() -> None:
    from copydesk.plugins.figures import batch

    state = batch.start(figures.SETTINGS)
    long_text = "Filler words without numbers. " * 2000 + BANK_A
    batch.observe(state, document(long_text, id="x"))
    [record] = state.records
    assert (record.source, record.kind, record.value, record.article) == ("world bank", "money:USD", 4e11, "x")
    assert len(record.subject) <= batch.SUBJECT_WORDS


def test_score_without_batch_context_reports_no_contradiction() -> None:
    found = list(figures.score(document(BANK_A), Context(settings=figures.SETTINGS)).findings)
    assert codes(found) == []


def test_adversarial_megabyte_finishes() -> None:
    pieces = ["9" * 5000, " $$$$ ", "1," * 3000, " 1,000,000,000,000,000,000,000 ", "$" * 50 + "5 ", "%%% 5%%% "]
    pieces += ["“", "half a half a million ", "one in one in ", "said according to estimates ", "(((( ", '"' * 9]
    text = ("".join(pieces) * 200)[:1_000_000]
    found = list(figures.score(document(text), Context(settings=figures.SETTINGS)).findings)
    assert all(0 <= f.start <= f.end <= len(text) for f in found)


def test_every_setting_is_named_in_a_rule_doc() -> None:
    docs = " ".join(rule.doc for rule in figures.RULES)
    assert [key for key in SCORER.settings if f"`{key}`" not in docs] == []


def test_conformance() -> None:
    assert_conformance(figures, examples=["Exports rose 5 percent.", "Analysts say $5 billion left."])


def test_many_contradicting_copies_give_one_finding_per_figure_with_a_count() -> None:
    """Near-copies of a batch are folded into claims: no finding per pair of articles."""
    copies = [article(BANK_A, id=f"a{i}") for i in range(30)]
    others = [
        article("The World Bank says reconstruction in Ukraine will cost $1 trillion.", id=f"b{i}") for i in range(20)
    ]
    result = findings_by_article(SCORER, *copies, *others)
    [on_a0] = [f for f in result["a0"] if f.code == "FIG003"]
    assert (on_a0.data["other_article"], on_a0.data["other_articles"]) == ("b0", 20)
    assert on_a0.message.endswith("in article b0 and 19 other(s)")
    [on_b7] = [f for f in result["b7"] if f.code == "FIG003"]
    assert (on_b7.data["other_article"], on_b7.data["other_articles"]) == ("a0", 30)


def test_values_one_article_gives_side_by_side_never_contradict() -> None:
    """An article giving both values ("$400 billion ... $1 trillion") shows both can be true."""
    both = BANK_A + " The World Bank says reconstruction in Ukraine will cost $1 trillion."
    result = findings_by_article(SCORER, article(both, id="both"), article(BANK_A, id="a"))
    assert "FIG003" not in codes(result["both"]) + codes(result["a"])


HARBOUR_A = "The Port Authority said the harbour handled 40,000 containers in 2019."


@pytest.mark.parametrize(
    ("first", "other", "found"),
    [
        # the same measure, the same year, values far apart: a contradiction
        (HARBOUR_A, "The Port Authority said the harbour handled 90,000 containers in 2019.", True),
        # another counted noun after the figure: a different quantity
        (HARBOUR_A, "The Port Authority said the harbour handled 90,000 passengers in 2019.", False),
        # another year: a different quantity
        (HARBOUR_A, "The Port Authority said the harbour handled 90,000 containers in 2023.", False),
        # a month against a year
        (
            "The Port Authority said the harbour handled 40,000 containers in 2019.",
            "The Port Authority said the harbour handled 9,000 containers in March.",
            False,
        ),
        # a yearly sum against a ten-year total
        (
            "The Port Authority said the harbour costs $30 million yearly to run.",
            "The Port Authority said the harbour costs $400 million over 10 years to run.",
            False,
        ),
        # the noun before "of": a population against a death toll
        (
            "The Relief Agency said the harbour town had a population of 90,000 before the storm.",
            "The Relief Agency said the harbour town storm killed 4,000 people.",
            False,
        ),
        # a percentage of another group
        (
            "The Sports Council said 12% of club swimmers in the harbour league admitted doping.",
            "The Sports Council said 45% of club coaches in the harbour league admitted doping.",
            False,
        ),
        # one poll's approval figure changed between two versions of a story
        (
            "The mayor's approval rating rose to a new high of 71 percent in the Civic Institute poll.",
            "The mayor's approval rating fell to a new low of 38 percent in the Civic Institute poll.",
            True,
        ),
        # the same counted noun, but the words around each figure are about other things
        (
            "The Health Institute found that 3% of children under five in the north live in cold homes.",
            "Health Institute figures also show that 40% of children who left school early now earn well.",
            False,
        ),
        # the same counted noun of different verbs: the killed are not the trapped (review 14 verification)
        (
            "The Relief Agency said more than a quarter of a million people have been killed in the harbour war.",
            "The Relief Agency said nearly 174,500 people trapped in the harbour town were forced to flee.",
            False,
        ),
        (
            "The Relief Agency said more than a quarter of a million people have been killed in the harbour war.",
            "The Relief Agency said nearly 174,500 people were killed in the harbour war.",
            True,
        ),
        # one article holding both values (old and new) is not contradicted by its copy
        (
            "The Port Authority said the harbour handled 90,000 containers, up from 40,000 in the harbour.",
            HARBOUR_A.replace("2019", "the harbour"),
            False,
        ),
    ],
)
def test_contradiction_needs_the_same_measure(first: str, other: str, found: bool) -> None:
    result = findings_by_article(SCORER, article(first, id="a"), article(other, id="b"))
    assert ("FIG003" in codes(result["a"]), "FIG003" in codes(result["b"])) == (found, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weight in pounds is not money; money in pounds still is
        ("The boxer shed 15 pounds before the bout.", []),
        ("The trawler landed 4,000 pounds of cod.", [("4,000", "count")]),
        ("The fete raised 4,000 pounds for the hospice.", [("4,000 pounds", "money")]),
        ("It wasted 4,000 pounds of public money.", [("4,000 pounds", "money")]),
        # race distances in metres are not millions; the same digits before money or a noun are
        ("She took the 400m gold and ran the 1500m in Rome.", []),
        ("He won the 110m hurdles.", []),
        ("The club raised 400m from new investors.", [("400m", "count")]),
        ("The club paid a 400m fee.", [("400m", "count")]),
        ("The fund lost 364m euros.", [("364m euros", "money")]),
        # dates whose comma was stripped, share counters and URL widgets are page furniture
        ("Posted on Mar 032019 the report named him.", []),
        ("Posted on Mar 03 2019 about 250,000 readers saw it.", [("250,000", "count")]),
        ("18.2k SHARES Facebook Twitter", []),
        ("3.1k Shares", []),
        ("Dealers sold 1.2m shares on Monday.", [("1.2m", "count")]),
        ("Get short URL 5521 The army moved.", []),
        ("The army moved 5,521 troops.", [("5,521", "count")]),
        # vague magnitudes are figures of their own kind
        ("Repairs will cost tens of billions of dollars.", [("tens of billions of dollars", "magnitude")]),
        (
            "Millions are displaced and hundreds of thousands are hungry.",
            [("Millions", "magnitude"), ("hundreds of thousands", "magnitude")],
        ),
        ("Hundreds of millions of euros were spent.", [("Hundreds of millions of euros", "magnitude")]),
        ("Thousands of fans and hundreds of people came.", []),
    ],
)
def test_extraction_reads_units_from_context(text: str, expected: list[tuple[str, str]]) -> None:
    assert figure_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # a sample size inside the credit is part of the source
        (
            "According to a survey of 2,400 nurses carried out last spring for the Royal College of Nursing, "
            "35% planned to quit.",
            [],
        ),
        ("Researchers drew on data from 310,000 patients in the Danish National Registry to test it.", []),
        # the issue's own wording
        (
            "Sleeping less than six hours raised the risk by 30%, according to a study of 1,200 undergraduates "
            "published in the Journal of Sleep Research.",
            [],
        ),
        ("The team used data from 449,563 people in the UK Biobank.", []),
        ("Council member Raj Patel, who chairs the budget committee, said the plan would cost $12 million.", []),
        ("The study of 8,000 pupils found that 12% skipped breakfast.", []),
        ("A poll of 1,500 adults by Gallup found 40% backed it.", []),
        # near neighbours: a share of respondents as "source", or no document at all
        ("About 1,500 adults said they backed it.", ["1,500"]),
        ("Researchers looked at 310,000 patients to test it.", ["310,000"]),
        # the speaker split from "said" by an appositive or relative clause, or inverted with a title
        ("Board member Ana Ruiz, who leads the finance panel, said the county will borrow $8 million.", []),
        ("The agency, which runs the buses, said 4,000 drivers had signed.", []),
        ("Ana Ruiz, the treasurer of the county since 2015, said it will borrow $8 million.", []),
        ("About 4,000 drivers signed, said secretary of transport Ana Ruiz.", []),
        ("The county, facing a deficit, will borrow $8 million.", ["$8 million"]),
        # a court's or regulator's decision credits its content; a passive or another actor does not
        ("The Supreme Court has ordered the firm to repay £45,000 to tenants.", []),
        ("The regulator fined the lender $25 million on Friday.", []),
        ("The lender was fined $25 million on Friday.", ["$25 million"]),
        ("The governor ordered 2,000 guardsmen to the coast.", ["2,000"]),
        # a "(via Outlet)" credit later in the sentence
        ("The pair spent nearly half a million dollars (via E! News) on a yacht.", []),
        ("The pair spent nearly half a million dollars (via a friend) on a yacht.", ["half a million dollars"]),
        # an embedded tweet is the speech of its signer
        ("THE NEW TAX HITS THE BOTTOM 40% HARDEST\n\n— Pat Doe (@patdoe) June 2, 2017\n\nMore text.", []),
        ("The new tax hits the bottom 40% hardest — the data are clear.", ["40%"]),
        ("The new tax hits the bottom 40% hardest.\n\n— Pat Doe, June 2, 2017", ["40%"]),
        # vague magnitudes are flagged when unsourced, not when credited
        ("Rebuilding the port will cost tens of billions of dollars.", ["tens of billions of dollars"]),
        ("Millions are displaced by the floods.", ["Millions"]),
        ("The UN says millions are displaced by the floods.", []),
    ],
)
def test_attribution_of_issue_14_cases(text: str, flagged: list[str]) -> None:
    assert by_code(single(text), "FIG001") == flagged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The series is known to millions of viewers.", []),
        ("She was one of millions who applied.", []),
        ("They were among the tens of millions affected.", []),
        ("Millions of viewers watched the final.", [("Millions", "magnitude")]),
        ("Tens of millions were affected.", [("Tens of millions", "magnitude")]),
        ("Her runaway 800m victory stood.", []),
        ("The rent came to 30 000 euros a year.", []),
        ("The rent came to 30,000 euros a year.", [("30,000 euros", "money")]),
    ],
)
def test_extraction_skips_idioms_and_number_fragments(text: str, expected: list[tuple[str, str]]) -> None:
    assert figure_texts(text) == expected


def test_recommendation_of_a_named_board_credits_its_amount() -> None:
    assert codes(single("The board of Alder Foods has recommended paying a dividend of 2,000 euros.")) == []
    assert by_code(single("The board paid a dividend of 2,000 euros."), "FIG001") == ["2,000 euros"]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # a named owner's plan or pledge credits the clause after it
        ("Lisbon's pledge to hire 4,000 nurses was welcomed.", []),
        ("The pledge to hire 4,000 nurses was welcomed.", ["4,000"]),
        # a council's vote credits its amount, like a court's order
        ("The city council voted to pay $3.5 million to the families.", []),
        ("The shareholders voted to pay $3.5 million to the families.", ["$3.5 million"]),
        # the addressee of a speech verb is not what the speaker said
        ("The mayor told a crowd of 2,500 that the park would reopen.", ["2,500"]),
        ("The mayor wrote to her 40,000 followers that the park would reopen.", ["40,000"]),
        ("The mayor told reporters that 2,500 homes had flooded.", []),
        ("The mayor told the council 2,500 homes had flooded.", []),
    ],
)
def test_plans_votes_and_addressees(text: str, flagged: list[str]) -> None:
    assert by_code(single(text), "FIG001") == flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # a possessive pronoun owns a plan for the person named before, one word between at most
        ("The senator repeated his pledge to hire 4,000 nurses.", []),
        ("Ms Ortiz defended her costly plan to build 3,000 homes.", []),
        ("Ms Ortiz defended her very costly plan to build 3,000 homes.", ["3,000"]),
        ("Their plan to hire 4,000 nurses was welcomed.", ["4,000"]),
        ("The plan to hire 4,000 nurses was welcomed.", ["4,000"]),
        # "all told" means "in total": nobody told anything
        ("All told, 5 million people could be eligible.", ["5 million"]),
        ("In all, 5 million people could be eligible.", ["5 million"]),
        ("The mayor told reporters 3,000 homes had flooded.", []),
        # "expecting" is a cue like "expects"
        ("The Ohio secretary of state is expecting 4 million voters.", []),
        ("The Ohio secretary of state is counting 4 million ballots.", ["4 million"]),
    ],
)
def test_possessive_plans_idioms_and_expectations(text: str, flagged: list[str]) -> None:
    assert by_code(single(text), "FIG001") == flagged


@pytest.mark.parametrize(
    ("first", "other", "found"),
    [
        # a pollster's releases share the campaign's words: two shared words are not one question
        (
            "A Harbour Post poll found 91 percent of harbour voters said they disliked the mayor.",
            "In the latest Harbour Post poll, 47 percent of harbour voters said they backed the mayor.",
            False,
        ),
        # one poll question worded alike in both (three subject words shared): still paired
        (
            "The mayor's approval rating among harbour voters is 71 percent, a Harbour Post poll found.",
            "The mayor's approval rating among harbour voters is 38 percent, a Harbour Post poll found.",
            True,
        ),
        # a tally's counts of different dates
        (
            "The Harbour Press count gives the mayor 1,280 delegates so far.",
            "By Friday the mayor had 2,205 delegates, according to a Harbour Press tally.",
            False,
        ),
        # the source's own words ("poll", "News") are not what the figure measures
        (
            "A Harbour News poll gave the mayor 6 percent nationally.",
            "The latest Harbour News poll gave the challenger 47 percent among the young.",
            False,
        ),
        # "I" names nobody: two speakers' "I think" figures are not one source's
        (
            "“I think maybe 1,500 people were killed in the harbour last year,” he said.",
            "“That's 33,000 people killed in the harbour a year,” I said.",
            False,
        ),
        # figures listed as alternatives are none of them a claim ...
        (
            "The Harbour Board said it is not taking 100,000, 200,000 or 250,000 Syrian refugees.",
            "The Harbour Board said it has offered to take 10,000 Syrian refugees.",
            False,
        ),
        # ... while one figure of the same sentence still is
        (
            "The Harbour Board said it is taking 100,000 Syrian refugees.",
            "The Harbour Board said it has offered to take 10,000 Syrian refugees.",
            True,
        ),
    ],
)
def test_contradiction_needs_one_release_and_one_claim(first: str, other: str, found: bool) -> None:
    """Cases of the findings audit on PolNeAR articles (docs/audit/findings.jsonl), reworded."""
    result = findings_by_article(SCORER, article(first, id="a"), article(other, id="b"))
    assert ("FIG003" in codes(result["a"]), "FIG003" in codes(result["b"])) == (found, found)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # the author's gloss between dashes inside reported speech is the author's figure
        ("The mayor vowed to rehouse every tenant — 12,000 families in all — before winter.", ["12,000"]),
        ("The mayor said the city — home to 400,000 people — would cut bus fares.", ["400,000"]),
        ("Tenants — 12,000 families in all — must leave, the mayor said.", ["12,000"]),
        # near neighbours: no dash pair, a dash carrying the clause on, a quotation, a cue inside the aside
        ("The mayor vowed to rehouse all 12,000 families before winter.", []),
        ("The mayor said the deficit would grow -- reaching $4 billion by 2030.", []),
        ("“We will rehouse every tenant — 12,000 families — before winter,” the mayor said.", []),
        ("The mayor vowed to rehouse them — officials put the number at 12,000 — before winter.", []),
        ("The city — home to 400,000 people, the census shows — will cut bus fares.", []),
    ],
)
def test_dash_aside_inside_reported_speech_is_the_authors(text: str, flagged: list[str]) -> None:
    assert by_code(single(text), "FIG001") == flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # "added" with a quantity as its object is growth, not speech
        ("The economy added 292,000 jobs in December.", ["292,000"]),
        ("The economy added around 292,000 jobs in December.", ["292,000"]),
        ("Since 2010 we have added 1 million private sector jobs.", ["1 million"]),
        ("The fund added $40 million to its reserves.", ["$40 million"]),
        # near neighbours: "added" as a speech verb keeps its content credited
        ("The minister added that 292,000 jobs were created in December.", []),
        ("About 292,000 jobs were created in December, the minister added.", []),
        # "admitted" likewise: patients admitted are a count, an admission of a fact is speech
        ("Hospitals admitted 4,000 patients last winter.", ["4,000"]),
        ("Some 4,000 patients were admitted to hospital last winter.", ["4,000"]),
        ("The hospital admitted that 4,000 patients waited too long.", []),
        # a contest conceded, liability admitted, goals conceded: nothing said about the figures (review s28r)
        ("The senator conceded the race after losing 7 million votes.", ["7 million"]),
        ("The firm admitted liability and paid $5m to 2,000 families.", ["$5m", "2,000"]),
        ("The club conceded 4,000 tickets to the visitors.", ["4,000"]),
        ("The hospital has admitted a further 4,000 patients this winter.", ["4,000"]),
        ("The economy added a further 20,000 jobs in May.", ["20,000"]),
        ("The minister conceded that 4,000 homes were still without power.", []),
        # a quantity opening a clause of its own, "that" left out, is what was said, not a count
        ("The bank admitted 4,000 customers were overcharged.", []),
        ("The bank admitted 4,000 of its customers had been overcharged.", []),
        ("He added 2,000 jobs would go by May.", []),
        ("The hospital admitted 4,000 patients and was full by May.", ["4,000"]),
        ("The hospital admitted 4,000 patients who were ill.", ["4,000"]),
        # "declared war" and "found its way" are idioms, not cues
        ("The junta declared war on its neighbour, a conflict that killed 30,000 people.", ["30,000"]),
        ("She conceded defeat after polling 12,000 votes.", ["12,000"]),
        ("He admitted defeat once 40,000 fans had left.", ["40,000"]),
        ("Each year a new wave of 13,000 refugees finds its way to the city.", ["13,000"]),
        ("The junta declared that 30,000 people had died.", []),
        ("The inquiry found that 13,000 refugees had arrived.", []),
    ],
)
def test_quantity_objects_and_idioms_are_not_cues(text: str, flagged: list[str]) -> None:
    assert by_code(single(text), "FIG001") == flagged


@pytest.mark.parametrize(
    ("text", "flagged", "vague"),
    [
        # a capitalised cue after a colon still credits the clause
        ("It has not gone unnoticed: According to recent polls, he holds only 14 percent.", [], ["14 percent"]),
        ("It has not gone unnoticed: according to recent polls, he holds only 14 percent.", [], ["14 percent"]),
        ("It has not gone unnoticed: he holds only 14 percent.", ["14 percent"], []),
        # a clause after "..., X found" is what X found, not the tail of a closing "X said"
        ("In its breakdown, Gallup found Democrats favoured her, 72 percent to 8 percent.", [], []),
        ("Democrats favoured her by 72 percent, Gallup found on Tuesday.", [], []),
        ("Democrats favoured her by 72 percent, Gallup found.", [], []),
        (
            "In its breakdown, the paper printed Democrats favoured her, 72 percent to 8 percent.",
            ["72 percent", "8 percent"],
            [],
        ),
        # replies and reminders report speech
        ("Ms Cole reminded him he would need 15 percent in the polls.", [], []),
        ("Mr Thor countered that he would need only 15 percent.", [], []),
        ("Mr Thor needed 15 percent in the polls.", ["15 percent"], []),
    ],
)
def test_cues_after_colons_clauses_after_found_and_replies(text: str, flagged: list[str], vague: list[str]) -> None:
    found = single(text)
    assert (by_code(found, "FIG001"), by_code(found, "FIG002")) == (flagged, vague)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # a document noun right before a figure modifies it; it is no source
        ("Entry was capped at 16,000, against the average 80,000 a year.", ["16,000", "80,000"]),
        ("Entry was capped at 16,000, against an average of 80,000.", ["16,000", "80,000"]),
        ("Entry was capped at 16,000, according to the Gallup average.", []),
        ("In the Gallup average, 80,000 people a year arrived.", []),
        # "..., meaning" opens the author's inference after what a source reported
        ("The agency lists the town's population as 21,090, meaning 5 crimes for every 1,000 residents.", ["1,000"]),
        ("The agency lists the town's population as 21,090 and its budget as $4 million.", []),
        ("The agency lists the town's population as 21,090, which it revised from 20,100.", ["20,100"]),
    ],
)
def test_figure_modifiers_and_inferences_after_a_credit(text: str, flagged: list[str]) -> None:
    assert by_code(single(text), "FIG001") == flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("According to the Statistics Board's report 12 million people are not saving enough.", []),
        ("According to the Statistics Board, 12 million people are not saving enough.", []),
        ("The average 12 million people are not saving enough.", ["12 million"]),
    ],
)
def test_an_owned_document_before_a_figure_is_still_its_source(text: str, flagged: list[str]) -> None:
    assert by_code(single(text), "FIG001") == flagged


def _finished(*docs: object, settings: dict[str, object] | None = None) -> object:
    """The figures batch pass's finished map over ``docs``."""
    from copydesk.plugins.figures import batch

    state = batch.start(settings or figures.SETTINGS)
    for doc in docs:
        batch.observe(state, doc)
    return batch.finish(state)


def test_score_reads_the_batch_pass_analysis_instead_of_analysing_again(monkeypatch: pytest.MonkeyPatch) -> None:
    text = BANK_A + " A staggering $281 billion was lost. Analysts say 3 million people fled."
    expected = figures.score(document(text, id="a"), Context(settings=figures.SETTINGS)).findings
    finished = _finished(document(text, id="a"))

    def analysed_again(*_: object) -> None:
        raise AssertionError("analysed twice")

    monkeypatch.setattr(figures, "analyse", analysed_again)
    found = figures.score(document(text, id="a"), Context(settings=figures.SETTINGS, batch=finished)).findings
    assert codes(found) == ["FIG001", "FIG002"] and found == expected


def test_score_reads_the_features_figure_counts_from_the_batch_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    from copydesk.plugins.figures import features

    text = BANK_A + " A staggering $281 billion was lost, and 12% of 3,000 homes. Analysts say 3 million people fled."
    expected = figures.score(document(text, id="a"), Context(settings=figures.SETTINGS)).features
    finished = _finished(document(text, id="a"))

    def counted_again(*_: object) -> None:
        raise AssertionError("figures counted twice")

    monkeypatch.setattr(features, "figure_counts", counted_again)
    found = figures.score(document(text, id="a"), Context(settings=figures.SETTINGS, batch=finished)).features
    assert found == expected and found["unattributed_figure_share"] != 0.5


@pytest.mark.parametrize(
    ("scored", "settings"),
    [
        ("They sent 5000 tanks. Analysts say 3 million people fled.", figures.SETTINGS),  # another text
        ("They sent 5000 tanks.", {**figures.SETTINGS, "large_count": 10000}),  # other settings
    ],
)
def test_score_analyses_a_text_or_settings_the_batch_pass_did_not_see(scored: str, settings: dict[str, object]) -> None:
    seen = "They sent 5000 tanks."
    finished = _finished(document(seen, id="a"))
    stored = figures.score(document(seen, id="a"), Context(settings=figures.SETTINGS)).findings
    expected = figures.score(document(scored, id="a"), Context(settings=settings)).findings
    found = figures.score(document(scored, id="a"), Context(settings=settings, batch=finished)).findings
    assert found == expected and codes(found) != codes(stored)


def test_an_article_id_cannot_name_another_texts_analysis() -> None:
    from copydesk.plugins.figures import batch

    text = "Exports rose 5 percent."
    key = batch.verdicts_key(text, figures.SETTINGS)
    finished = _finished(document(text, id=key), document("Nothing here.", id=key[1:]))
    found = figures.score(document("Nothing here.", id=key), Context(settings=figures.SETTINGS, batch=finished))
    assert codes(found.findings) == []


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("\x1b[0m officials said 12,000 people came.", [("12,000", "count")]),
        ("\x1b[1;31m 5m people came \x1b[38;5;196m.", [("5m", "count")]),
        ("Turnout [5m] was high; 4m voted.", [("5m", "count"), ("4m", "count")]),  # near miss: no ESC
    ],
    ids=["reset", "colour-parameters", "brackets-without-escape"],
)
def test_a_terminal_control_sequence_is_not_a_figure(text: str, figures: list[tuple[str, str]]) -> None:
    """Review 13 item 8: "\\x1b[0m" is no figure '0m' (0 million); the text's own figures still are."""
    assert figure_texts(text) == figures
    assert by_code(single(f"Intro line.\n{text}"), "FIG001") == [t for t, _ in figures if t != "12,000"]


def test_control_sequence_parameters_are_read_back_a_bounded_distance() -> None:
    """A digit run after a long run of parameters is read (it is no real sequence), and reading stays linear."""
    assert extract("\x1b[" + "1;" * 20 + "5m people.", 0, 50)  # more than CSI_PARAMETERS back: read as a figure
    text = "\x1b[" + "1;" * 200_000 + "m"
    assert extract(text, 0, len(text)) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # the escape's parameters are no word of the source, whether a space follows them or not
        ("The project cost $4.5 billion, \x1b[0m officials said on Monday.", "'officials'"),
        ("The project cost $4.5 billion, \x1b[0mofficials said on Monday.", "'officials'"),
        # nor are the escapes between the source's words, in its phrase or in the message
        ("The project cost $4.5 billion, the \x1b[1mgovernment\x1b[0m officials said.", "'the government officials'"),
        ("The project cost $4.5 billion, \x1b[1;31mgovernment officials\x1b[0m said.", "'government officials'"),
    ],
    ids=["reset-then-space", "reset-glued", "bold-word", "colour-phrase"],
)
def test_a_terminal_control_sequence_is_no_part_of_a_vague_source(text: str, message: str) -> None:
    """The FIG002 of "..., \\x1b[0m officials said" credits 'officials', not '0m officials', as without the escape."""
    plain = single(f"Intro line.\n{CONTROL.sub('', text)}")
    [found] = [f for f in single(f"Intro line.\n{text}") if f.code == "FIG002"]
    assert found.message == f"Figure '$4.5 billion' (money) is credited only to an unnamed source: {message}"
    assert [f.message for f in plain if f.code == "FIG002"] == [found.message]


def test_a_named_source_in_bold_is_still_named() -> None:
    """'\\x1b[1mWorld Bank\\x1b[0m said': the escapes' brackets do not cut the name off its cue (no FIG002)."""
    text = "Intro line.\nThe project cost $4.5 billion, the \x1b[1mWorld Bank\x1b[0m said on Monday."
    assert by_code(single(text), "FIG002") == by_code(single(text), "FIG001") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In the first quarter, 3 million people signed up.", [("3 million", "count")]),
        (
            "His haul in the third quarter - $6 million - was far less than expected.",
            [("$6 million", "money")],
        ),
        ("The first quarter million barrels went to China.", []),
        ("A quarter of a million people marched.", [("quarter of a million", "count")]),
        ("A quarter million people marched.", [("quarter million", "count")]),
        ("Nearly half a million people marched.", [("half a million", "count")]),
        ("There were two, three million people there.", [("three million", "count")]),
    ],
    ids=["comma", "dashes", "period-quarter", "of-a", "a-quarter", "half-a", "comma-between-numbers"],
)
def test_half_and_quarter_multiply_only_as_fractions_and_never_across_punctuation(
    text: str, expected: list[tuple[str, str]]
) -> None:
    """Review 14 item 1: "quarter, 3 million" is 3 million, not a quarter of a million."""
    assert figure_texts(text) == expected
    assert by_code(single(f"Intro line.\n{text}"), "FIG001") == [t for t, _ in expected]


def test_agreeing_articles_with_a_quarter_before_the_figure_do_not_contradict() -> None:
    """Review 14 item 1: the same 3 million credited to one ministry in two articles is no FIG003."""
    first = "In the first quarter, 3 million people signed up for the scheme, the Health Ministry said on Monday."
    other = "Some 3 million people signed up for the scheme, the Health Ministry said on Tuesday."
    result = findings_by_article(SCORER, article(first, id="a"), article(other, id="b"))
    assert codes(result["a"]) == codes(result["b"]) == []


@pytest.mark.parametrize("amount", ["£12m", "$12m", "12m", "$5k", "€3b"])
def test_a_sentence_ending_in_a_glued_scale_ends_there(amount: str) -> None:
    """Review 14 item 2: a later sentence's "said" does not credit a figure ending "£12m." (as with "£12bn.")."""
    text = f"The party received {amount}. Jane Roe, the party treasurer, said on Monday that the books were open."
    flagged = by_code(single(text, large_count=1000), "FIG001")
    assert flagged == [amount]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The studio took $19.1m (£9.9m) on Christmas Day alone.", [("$19.1m", "money")]),
        ("The firm made £546m ($1.04bn) last year.", [("£546m", "money")]),
        ("The firm made £546m (£300m in Asia) last year.", [("£546m", "money"), ("£300m", "money")]),
        ("The firm made £546m and ($1.04bn) later.", [("£546m", "money"), ("$1.04bn", "money")]),
        ("The estimate is between 150,000 and 300,000 people.", [("150,000 and 300,000", "count")]),
        ("Sales rose between $5m and $7m last year.", [("$5m and $7m", "money")]),
        ("Some 150,000 and 300,000 more came.", [("150,000", "count"), ("300,000", "count")]),
        ("It was between 150,000 people and 3 percent.", [("150,000", "count"), ("3 percent", "percent")]),
    ],
    ids=["conversion", "conversion-2", "same-currency", "not-bracketed", "range", "money-range", "no-between", "kinds"],
)
def test_a_bracketed_conversion_is_not_a_second_figure_and_between_x_and_y_is_one(
    text: str, expected: list[tuple[str, str]]
) -> None:
    """Review 14 item 6: "$19.1m (£9.9m)" is one figure; so is "between 150,000 and 300,000" (valued at its top)."""
    assert figure_texts(text) == expected
    assert by_code(single(f"Intro line.\n{text}"), "FIG001") == [t for t, _ in expected]


def test_a_range_is_valued_at_its_upper_end() -> None:
    [figure] = extract("between 150,000 and 300,000 people", 0, 34)
    assert figure.value == 300_000


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Shoppers are expected to put £269bn on plastic cards in 2004, Apacs said.", []),
        ("Shoppers are expected to put £269bn on plastic cards in 2004.", ["£269bn"]),
    ],
)
def test_a_named_source_ending_the_sentence_beats_an_agentless_cue(text: str, flagged: list[str]) -> None:
    """Review 14 item 6: "..., Apacs said." credits the figure, not the agentless "are expected"."""
    found = single(text)
    assert by_code(found, "FIG001") + by_code(found, "FIG002") == flagged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The virus targets the main screen of the Nokia 7610 phone.", []),
        ("The virus targets the Nokia 7610.", []),
        ("Some 5000 people came.", [("5000", "count")]),
        ("In Iraq 12000 troops died.", [("12000", "count")]),
        ("The firm sold 7610 phones.", [("7610", "count")]),
    ],
    ids=["model", "model-at-end", "sentence-start", "plural-noun-after", "no-name"],
)
def test_a_number_right_after_a_capitalised_name_is_a_model_number(text: str, expected: list[tuple[str, str]]) -> None:
    """Review 14 item 6: "Nokia 7610" is a model, not 7,610 of something."""
    assert figure_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'Billions,' on Showtime, is a Wall Street drama.", []),
        ("He stars in the show Billions on Showtime.", []),
        ("*Billions* returns in May.", []),
        ("Millions of viewers watched the final.", [("Millions", "magnitude")]),
        ("They lost millions on the deal.", [("millions", "magnitude")]),
    ],
    ids=["quoted", "mid-sentence", "italics", "sentence-start", "lower-case"],
)
def test_a_capitalised_magnitude_word_used_as_a_title_is_no_figure(text: str, expected: list[tuple[str, str]]) -> None:
    """Review 14 item 6: the TV show *Billions* is no magnitude of a billion."""
    assert figure_texts(text) == expected
    assert by_code(single(f"Intro line.\n{text}"), "FIG001") == [t for t, _ in expected]


@pytest.mark.parametrize(
    ("text", "flagged", "vague"),
    [
        # a participle modifying the noun after it is no verb of saying: the figures stay unsourced
        ("There were reported donations in 2003, with nearly £12m from big gifts.", ["£12m"], []),
        ("Most of the money was in reported donations, with nearly £12m from big gifts.", ["£12m"], []),
        ("Funds for projected repairs rose to $5 billion last year.", ["$5 billion"], []),
        ("Projected savings of £12m were cut from the plan.", ["£12m"], []),
        ("The economy grew more than expected, expanding at a rate of 3.8% last year.", ["3.8%"], []),
        ("Sales grew faster than predicted and reached $5 billion.", ["$5 billion"], []),
        ("There have been estimated losses of $40 million at the port.", ["$40 million"], []),
        # near misses: the same participles used as verbs still credit
        ("The agency reported donations of nearly £12m from big gifts.", [], []),
        ("Donations of nearly £12m were reported by the agency.", [], []),
        ("Officials reported that donations of £12m came from big gifts.", [], ["£12m"]),
        ("Estimated at $5 billion, the losses fell on the port.", [], ["$5 billion"]),
        ("There were reported to be 5,000 troops in the town.", [], ["5,000"]),
        ("Announced that £12m will go to rural roads.", [], ["£12m"]),
    ],
    ids=[
        "there-were",
        "after-in",
        "after-for",
        "sentence-start",
        "than-comma",
        "than-and",
        "there-have-been",
        "verb",
        "passive-by",
        "vague-verb",
        "passive-first",
        "passive-there",
        "clause-after",
    ],
)
def test_a_participle_before_its_noun_is_no_verb_of_saying(text: str, flagged: list[str], vague: list[str]) -> None:
    """Review 14 verification item 2: "in reported donations" credits nothing after it."""
    found = single(text)
    assert (by_code(found, "FIG001"), by_code(found, "FIG002")) == (flagged, vague)


@pytest.mark.parametrize(
    ("text", "flagged", "vague"),
    [
        # a participle between a verb and the noun it modifies names no one: nobody said the figure
        ("The club received reported gifts of $3 million in June.", ["$3 million"], []),
        ("The airline suffered estimated losses of €40m in the strike.", ["€40m"], []),
        ("The school made projected savings of £2m on heating.", ["£2m"], []),
        ("The clinic treated reported cases of 4,000 a month.", ["4,000"], []),
        # near misses: the verb itself is the cue, and stays one before such a participle
        ("Officials reported gifts of $3 million in June.", [], ["$3 million"]),
        ("Officials reported estimated losses of €40m in the strike.", [], ["€40m"]),
        ("Two hundred estimated cases, officials said, came to 4,000 a month.", [], ["4,000"]),
    ],
)
def test_a_participle_after_a_verb_modifies_its_object(text: str, flagged: list[str], vague: list[str]) -> None:
    """Review 15 item 5: "The party received reported donations of £12m" credits the party with nothing."""
    found = single(text)
    assert (by_code(found, "FIG001"), by_code(found, "FIG002")) == (flagged, vague)


@pytest.mark.parametrize(
    ("text", "flagged", "vague"),
    [
        # "than X expected" names a benchmark the figure is compared with, not its source
        ("Inflation eased to 2.9%, lower than economists expected.", ["2.9%"], []),
        ("Exports grew 8%, more than the ministry had forecast.", ["8%"], []),
        ("Profits reached $4 billion, higher than Acme predicted in May.", ["$4 billion"], []),
        # near misses: "than" opening a quantity in the subject, or the cue with an object of its own
        ("More than 40 economists said inflation would reach 2.9%.", [], ["2.9%"]),
        ("More than half of the economists said inflation would reach 2.9%.", [], ["2.9%"]),
    ],
)
def test_a_comparison_than_someone_expected_is_no_source(text: str, flagged: list[str], vague: list[str]) -> None:
    """Review 15 item 6: "Unemployment fell to 4.1%, lower than analysts expected" is unsourced."""
    found = single(text)
    assert (by_code(found, "FIG001"), by_code(found, "FIG002")) == (flagged, vague)


@pytest.mark.parametrize(
    ("text", "flagged", "vague"),
    [
        # the relative clause ends inside the sentence, before the main clause's predicate
        ("The 20,000 a week union officials predicted never marched.", [], ["20,000"]),
        ("The 20,000 a week union leaders predicted never marched.", ["20,000"], []),  # documented limit
        ("The 8,000 jobs that economists had forecast were not created.", [], ["8,000"]),
        ("The 30,000 officials had expected in June did not arrive.", [], ["30,000"]),
        ("The 12,000 homes that Governor Ann Lee promised have not been built.", [], []),
        # near misses: a passive participle after the counted noun, which is no speaker
        ("The 3,000 cases reported in March were mild.", ["3,000"], []),
        ("The 5,000 workers expected will lose their jobs.", ["5,000"], []),
        ("The 20,000 officials estimated the cost at $9 million.", ["20,000", "$9 million"], []),
    ],
)
def test_a_relative_clause_inside_the_sentence_credits_the_figure(
    text: str, flagged: list[str], vague: list[str]
) -> None:
    """Review 15 item 4: "The 50,000 a day city officials estimated never came" is vaguely sourced."""
    found = single(text)
    assert (by_code(found, "FIG001"), by_code(found, "FIG002")) == (flagged, vague)


@pytest.mark.parametrize(
    ("text", "flagged", "vague"),
    [
        # "that"/"which" or a determiner marks the relative clause: a past verb after the cue is the predicate
        ("The 8,000 jobs that union officials predicted turned out to be too few.", [], ["8,000"]),
        ("The 40,000 fans the club expected stayed away.", [], []),
        ("The 40,000 fans the club officials expected stayed away.", [], ["40,000"]),
        # a past form that is no participle is the predicate whatever marks the clause
        ("Only half of the 40,000 a day union officials predicted came.", [], ["40,000"]),
        # near misses: unmarked, the past verb may be the cue's own object; a passive participle
        ("The 40,000 a day union officials predicted increased by half.", ["40,000"], []),
        ("The 40,000 officials predicted increased costs.", ["40,000"], []),
        ("The 3,000 cases reported in June were mild.", ["3,000"], []),
    ],
)
def test_a_marked_relative_clause_before_a_past_verb_credits_the_figure(
    text: str, flagged: list[str], vague: list[str]
) -> None:
    """Review 15b: "The 50,000 a day that city officials estimated turned out to be too low" is vaguely sourced."""
    found = single(text)
    assert (by_code(found, "FIG001"), by_code(found, "FIG002")) == (flagged, vague)


@pytest.mark.parametrize(
    ("text", "flagged", "vague"),
    [
        # a determiner opens the subject after "that", or an auxiliary stands before the cue
        ("The 8,000 jobs that the union predicted never came.", [], []),
        ("The 90,000 a week that the council forecast turned out to be too many.", [], []),
        ("The 6,000 the club had expected in May stayed away.", [], []),
        # the cue takes a clause whose verb has the figure as its object
        ("The £2bn that the ministry estimated the bridge would cost rose to £4bn.", ["£4bn"], []),
        # near misses: no cue; a passive; no main predicate after the clause
        ("The 8,000 jobs that the union cut never came back.", ["8,000"], []),
        ("The 3,000 cases that were reported in June were mild.", ["3,000"], []),
        ("The 8,000 jobs that the union predicted the plant would create.", ["8,000"], []),
    ],
)
def test_a_relative_clause_with_a_determined_subject_credits_the_figure(
    text: str, flagged: list[str], vague: list[str]
) -> None:
    """Review 16: "The 50,000 visitors that the mayor estimated never came" is credited as without "that"."""
    found = single(text)
    assert (by_code(found, "FIG001"), by_code(found, "FIG002")) == (flagged, vague)


def test_the_source_of_a_relative_clause_leaves_out_its_auxiliary() -> None:
    """Review 16: "The 40,000 officials had predicted ..." shows 'officials', not 'officials had'."""
    found = [f for f in single("The 7,000 officials had forecast in May did not come.") if f.code == "FIG002"]
    assert [f.data["source"] for f in found] == ["officials"]


@pytest.mark.parametrize(
    ("text", "flagged", "vague"),
    [
        ("Exports grew to $8 billion, higher than economists said they expected.", ["$8 billion"], []),
        ("Exports grew 8%, more than the ministry said it had forecast.", ["8%"], []),
        # near miss: what was said is no expectation, so the speaker is the figure's source
        ("Exports grew 8%, the ministry said they confirmed.", [], []),
    ],
)
def test_a_comparison_with_what_someone_said_they_expected_is_no_source(
    text: str, flagged: list[str], vague: list[str]
) -> None:
    """Review 15b: "higher than analysts said they expected" names a benchmark, not the source."""
    found = single(text)
    assert (by_code(found, "FIG001"), by_code(found, "FIG002")) == (flagged, vague)


@pytest.mark.parametrize(
    ("text", "flagged", "vague"),
    [
        # the figure is what a relative clause ending in the cue reports: credited to its source
        ("It fell far short of the 50,000 a day that city officials estimated.", [], ["50,000"]),
        ("It fell far short of the 50,000 per day city officials estimated.", [], ["50,000"]),
        ("Turnout was well below the 40,000 officials had predicted in March.", [], ["40,000"]),
        ("Sales reached $5 billion, which analysts had expected.", [], ["$5 billion"]),
        ("Turnout fell below the 40,000 of 2014 that officials had predicted.", [], ["40,000"]),
        ("The port took in less than the $5 billion the agency projected for 2005.", [], []),
        ("It fell short of the 50,000 visitors Mayor Jane Roe had forecast.", [], []),
        # near misses: the cue has an object, or the figure is its subject, or not the head of the relative
        ("The 50,000 officials estimated the cost at $5 billion.", ["50,000", "$5 billion"], []),
        ("Of the 3,000 people asked, 61 percent said no.", ["3,000", "61 percent"], []),
        (
            "The city spent $2 million on a fair, and the 40,000 seats officials had predicted.",
            ["$2 million"],
            ["40,000"],
        ),
        ("The 3.3% fall in car sales had been expected, after a 4% rise.", ["3.3%", "4%"], []),
        ("She attends only 10% of the meetings that are expected of her.", ["10%"], []),
    ],
)
def test_a_figure_before_a_relative_clause_ending_in_a_cue_is_its_content(
    text: str, flagged: list[str], vague: list[str]
) -> None:
    """Review 14 item 6 remainder: "the 50,000 per day city officials estimated" is vaguely sourced, not unsourced."""
    found = single(text)
    assert (by_code(found, "FIG001"), by_code(found, "FIG002")) == (flagged, vague)


def _scanned_set_off(text: str, floor: int, limit: int, cue: int, start: int, end: int) -> bool:
    """set_off as it was written before its sentence's dashes were found once: one scan per question."""
    dash = analysis.ASIDE_DASH
    clause = max(floor, text.rfind(";", floor, start) + 1)
    if len(dash.findall(text, clause, start)) % 2 == 0:
        return False
    semicolon = text.find(";", end, limit)
    if dash.search(text, end, semicolon if semicolon >= 0 else limit) is None:
        return False
    low, high = (cue, start) if cue < start else (end, cue)
    return dash.search(text, low, high) is not None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([" -- ", "\u2014", " \u2013 ", ";", "said", " ", "5", "-", "\u2015"]), max_size=30))
def test_asides_found_once_answer_as_a_scan_per_question_did(pieces: list[str]) -> None:
    """Asides (a sentence's dashes and semicolons found once, asked by bisection) agrees with a scan per question.

    A figure and a cue at every word position of a sentence of dashes, semicolons and
    words: the answers must be those of the scans, which grew with the square of a long
    sentence (a run-on sentence of thousands of figures, the conformance suite's kind).
    """
    text = "".join(pieces)
    words = [m.span() for m in re.finditer(r"said|5", text)]
    asides = analysis.Asides(text, 0, len(text))
    for start, end in (span for span in words if text[span[0]] == "5"):
        figure = Figure(start, end, "number", 5.0, "")
        for cue, _ in (span for span in words if text[span[0]] == "s"):
            expected = _scanned_set_off(text, 0, len(text), cue, start, end)
            assert analysis.set_off(asides, cue, figure) == expected, (text, cue, start)


@pytest.mark.parametrize(
    ("text", "flagged", "vague"),
    [
        # "that"/"which"/"whom" marks the relative clause: its subject is the source, whatever its head
        ("The £3bn that ministers estimated never materialised.", [], []),
        ("£3bn that ministers estimated the scheme would cost was spent in a year.", [], []),
        ("£3bn that officials estimated never materialised.", [], ["£3bn"]),
        # an unmarked relative clause on a figure opening the sentence, before the main predicate
        ("£3bn officials estimated never materialised.", [], ["£3bn"]),
        # near misses: the figure is the subject of its sentence, or a passive participle follows it
        ("3,000 soldiers reported for duty.", ["3,000"], []),
        ("£3bn officials estimated the cost at £5bn.", ["£3bn"], ["£5bn"]),
        ("5,000 workers expected will lose their jobs.", ["5,000"], []),
        ("The 3,000 cases that were reported in June were mild.", ["3,000"], []),
    ],
)
def test_a_relative_clause_on_a_bare_or_marked_figure_credits_its_subject(
    text: str, flagged: list[str], vague: list[str]
) -> None:
    """Session 18: "The £3bn that ministers estimated ..." is the ministers'; "£3bn officials estimated ..." the officials'."""
    found = single(text)
    assert (by_code(found, "FIG001"), by_code(found, "FIG002")) == (flagged, vague)


@pytest.mark.parametrize(
    ("text", "flagged", "vague"),
    [
        ("Turnout fell short of the 40,000 whom officials expected.", [], ["40,000"]),
        ("The 40,000 visitors whom the mayor expected never came.", [], []),
        ("The 40,000 whom officials had expected stayed away.", [], ["40,000"]),
        # near miss: "whom" after a preposition opens no clause whose object is the figure
        ("The 40,000 officials, some of whom estimated the cost, never came.", ["40,000"], []),
    ],
)
def test_a_relative_clause_opened_by_whom_credits_its_subject(text: str, flagged: list[str], vague: list[str]) -> None:
    """Session 18: "the 40,000 whom the mayor expected" is the mayor's figure, as with "that"."""
    found = single(text)
    assert (by_code(found, "FIG001"), by_code(found, "FIG002")) == (flagged, vague)


@pytest.mark.parametrize(
    ("text", "flagged", "vague", "source"),
    [
        ("Officials had been predicting 30,000 visitors.", [], ["30,000"], "Officials"),
        ("Officials were forecasting 3% growth for the year.", [], ["3%"], "Officials"),
        ("Analysts have been projecting a $2 billion loss.", [], ["$2 billion"], "Analysts"),
        ("Officials have been estimating 3% growth.", [], ["3%"], "Officials"),
        ("Officials had predicted 30,000 visitors.", [], ["30,000"], "Officials"),
        ("The mayor had been predicting 30,000 visitors.", [], [], ""),
        # near misses: the participle opens no clause of saying
        ("Predicting 30,000 visitors was easy, and 40,000 came.", ["30,000", "40,000"], [], ""),
    ],
)
def test_a_progressive_verb_of_estimating_credits_its_subject(
    text: str, flagged: list[str], vague: list[str], source: str
) -> None:
    """Session 18: "officials had been predicting 3 %" credits the officials, shown without "had been"."""
    found = single(text)
    assert (by_code(found, "FIG001"), by_code(found, "FIG002")) == (flagged, vague)
    assert [f.data["source"] for f in found if f.code == "FIG002"] == ([source] if vague else [])


@pytest.mark.parametrize(
    ("text", "flagged", "vague"),
    [
        ("Growth fell short of the 2% that officials had hoped for.", [], ["2%"]),
        ("The 2% officials hoped for never came.", [], ["2%"]),
        ("The 40,000 fans that officials had hoped for stayed at home on Sunday.", [], ["40,000"]),
        ("The 40,000 fans the mayor had planned for stayed at home on a wet Sunday.", [], []),
        # after a stranded preposition a past verb cannot be the cue's object, marked or not
        ("The 40,000 a day union officials hoped for increased by half.", [], ["40,000"]),
        # near miss: no cue before the preposition
        ("The 40,000 fans that officials had waited for stayed at home on Sunday.", ["40,000"], []),
    ],
)
def test_a_preposition_stranded_after_the_cue_ends_the_relative_clause(
    text: str, flagged: list[str], vague: list[str]
) -> None:
    """Session 18: "the 2 % that the mayor hoped for" is the mayor's figure, whatever predicate follows."""
    found = single(text)
    assert (by_code(found, "FIG001"), by_code(found, "FIG002")) == (flagged, vague)


def test_an_agentless_passive_keeps_its_be_in_the_source() -> None:
    """Session 18: "it was reported that ... $4 million" stays vague: the "was" is not dropped to leave a pronoun."""
    found = single("In 2012, it was reported that he made $4 million.")
    assert [(f.matched, f.data["source"]) for f in found if f.code == "FIG002"] == [("$4 million", "it was")]


@pytest.mark.parametrize(
    "text",
    [
        # an agentless cue in a named speaker's own words: the figure is the speaker's
        '"We must act now," said Mara Quill of the Tenants Union. "Our members are angry.\n\n'
        '"So many are shown to be wrong - one in four decisions are overturned.\n\n"We need better judges."',
        '"Rents keep climbing," Tom Vell said. "Prices are expected to rise 12% next year."',
    ],
)
def test_agentless_cue_inside_a_named_speakers_quotation_is_the_speakers(text: str) -> None:
    assert by_code(single(text), "FIG002") == []


@pytest.mark.parametrize(
    "text",
    [
        # with no named speaker, the agentless cue still reads as vague
        'Rents keep climbing. "Prices are expected to rise 12% next year."',
        # outside the quotation, an agentless cue is not the speaker's
        '"Rents keep climbing," Tom Vell said. Prices are expected to rise 12% next year.',
        # a name credited inside the marks is what the quotation is about, not its speaker
        'Rents keep climbing. "A study by Harlow Trust found rents soar. Prices are expected to rise 12% next year.',
    ],
)
def test_agentless_cue_without_a_named_speaker_stays_vague(text: str) -> None:
    assert by_code(single(text), "FIG002") == ["12%"]


def test_quotation_after_named_speaker_is_not_credited_to_the_next_sentences_vague_source() -> None:
    text = '"We face a $3 billion gap," Jo Roe said. "That is bad. Some 20,000 people left." Polls show a close race.'
    assert by_code(single(text), "FIG002") == []
    # with no one named before, the sentence after the quotation still speaks for it
    unnamed = 'Rents rose. "That is bad. Some 20,000 people left." Polls show a close race.'
    assert [f.data["source"] for f in single(unnamed) if f.code == "FIG002"] == ["Polls"]


def test_quotation_speaker_they_takes_up_a_body_named_before() -> None:
    # a quotation's speaker "they" reads as a covering "they" does: the body named before
    text = (
        "The hosts of the Harbour Summit said they were pleased. "
        '"We sought more aid," they said. "Donors gave 4.5 billion dollars more this year."'
    )
    assert by_code(single(text), "FIG002") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The campaign doubled down on its attacks.", []),
        ("Profits doubled in May.", [("doubled", "multiple")]),
        ("Profits doubled, down from a tripling last year.", [("doubled", "multiple")]),
    ],
)
def test_doubled_down_is_an_idiom_not_a_multiple(text: str, expected: list[tuple[str, str]]) -> None:
    """Session 22 audit: "doubled down" (held firm) is no figure; "doubled" alone, or a comma before "down", is."""
    assert figure_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ('"Rents will rise 30% by 2050," explains Jo Pell of the Harbour Housing Centre in Northtown.', []),
        ('"Rents will rise 30% by 2050," says Jo Pell, head of research at the Harbour Housing Centre.', []),
        # an unnamed speaker past the limit stays vague
        (
            '"Rents will rise 30% by 2050," says a senior official at the housing agency in the north of the county.',
            ["30%"],
        ),
    ],
    ids=["long-name-after-quotation", "name-and-comma", "unnamed-speaker"],
)
def test_a_named_speaker_after_a_closing_quotation_may_run_past_the_source_limit(text: str, vague: list[str]) -> None:
    """Session 24 audit: '"...," explains NAME of a long body name' credits the quotation to NAME."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("The mill paid $6 million in fines, according to the", []),
        ("The mill paid $6 million in fines, according to reports.", ["$6 million"]),
        ('The graduates are wary of gig work. Just shy of half, 49%, say the "gig economy" helps.', []),
        ('Prices will rise 4%, say the analysts at "Harbour Watch".', ["4%"]),
    ],
    ids=["according-to-the-cut-off", "according-to-reports", "share-before-say-the", "vague-after-say"],
)
def test_a_lone_determiner_is_no_vague_source(text: str, vague: list[str]) -> None:
    """Session 24 audit: "according to the" ending a cut-off text, or 'say the "..."', shows 'the' as no source."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Almost half said they wanted an outsider, compared with four in 10 who said they preferred a veteran.", []),
        ("Half said they expected prices to rise 5%.", []),
        ("Almost half of the economists said prices would rise 5%.", ["5%"]),
        ("A majority of analysts said prices would rise 5%.", ["5%"]),
    ],
    ids=["four-in-10", "half-said-they", "half-of-economists", "majority-of-analysts"],
)
def test_a_share_of_respondents_is_no_source(text: str, vague: list[str]) -> None:
    """Session 24 audit: a poll's "four in 10 who said" or "Almost half said" is the answer share, not a source."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("The city plan allows rents up to 100% higher in the harbour area, on projects including homes.", []),
        ("The council projects rents up to 100% higher in the harbour area.", []),
        ("Analysts estimate rents will rise 100% in the harbour area.", ["100%"]),
    ],
    ids=["on-projects", "council-projects", "analysts-reckon"],
)
def test_a_cue_in_s_right_after_a_preposition_is_a_plural_noun(text: str, vague: list[str]) -> None:
    """Session 24 audit: "on projects including ..." is no verb "projects" whose source is "on"."""
    assert by_code(single(text), "FIG002") == vague


def test_a_model_number_before_is_or_was_is_no_count() -> None:
    """Session 24 audit: "The Atari 2600 is ..." is a model, as "the Nokia 7610 phone" is; "is" is no plural noun."""
    assert figure_texts("The Acme 2600 is the most copied console ever.") == []
    assert figure_texts("The Acme 2600 was sold out.") == []
    assert figure_texts("In Iraq 12000 troops died.") == [("12000", "count")]


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Sales of £3m are added to a group turnover of £210m.", []),
        ("New features being added to the line include maps of more than 6 million places.", []),
        ("Prices will rise 4%, analysts added.", ["4%"]),
        ('"It was 50 percent more than last year," Jo Roe added to the Harbour Times.', []),
        ('"It was 50 percent more than last year," one aide added to reporters.', ["50 percent"]),
    ],
    ids=["are-added-to", "being-added-to", "speech-added", "named-added-to", "unnamed-added-to"],
)
def test_added_to_is_a_sum_not_speech(text: str, vague: list[str]) -> None:
    """Session 24 audit: "added to a turnover of £210m" adds, it reports no one's words."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("After saying rude things about the mayor, Jo Roe lost the part that was to make her millions.", []),
        ("After saying 5,000 jobs would go, the minister left.", ["5,000"]),
    ],
    ids=["main-clause", "gerund-clause"],
)
def test_a_gerund_cue_after_a_subordinator_credits_only_its_own_clause(text: str, vague: list[str]) -> None:
    """Session 24 audit: "After saying ..., NAME ..." credits nothing after its comma to a missing speaker."""
    assert by_code(single(text), "FIG002") == vague


def test_an_acronym_in_brackets_inside_a_source_belongs_to_the_name_before_it() -> None:
    """Session 24 audit: "a Harbour Budget Office (HBO) report that said" is the office's report, not "report that"."""
    text = "He asked her to answer a recent Harbour Budget Office (HBO) report that said 22 million would lose cover."
    assert by_code(single(text), "FIG002") == []
    assert by_code(
        single("He asked her to answer a recent report that said 22 million would lose cover."), "FIG002"
    ) == ["22 million"]


def test_a_zip_code_after_a_state_code_is_no_figure() -> None:
    """Session 24 audit: "New York, NY 10032" in an address is a ZIP code, not 10,032 of something."""
    assert figure_texts("Gifts may be sent to 12 Haven Avenue, New York, NY 10032.") == []
    assert figure_texts("Gifts may be sent to 12 Haven Avenue, New York, NY, 10032.") == []
    assert figure_texts("The US 20000 troops left.") == [("20000", "count")]


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Under the rules, no listed company can be more than 80% owned by its 10 largest holders.", []),
        ("Under the rules, the listed company can be more than 80% owned by its 10 largest holders.", []),
        ("Analysts listed the company at $80m.", ["$80m"]),
    ],
    ids=["no-listed", "the-listed", "listed-verb"],
)
def test_a_participle_after_a_quantifier_is_an_adjective_not_a_cue(text: str, vague: list[str]) -> None:
    """Session 24 audit: "no listed company" lists nothing, as "the listed company" does not."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Eastline carried 41 million passengers last year, according to its annual report.", []),
        ("Eastline carried 41 million passengers, according to its latest quarterly figures.", []),
        ("Meanwhile, last year's final survey showed a 15% fall in bakeries.", []),
        ("Eastline made £41 million, according to its latest quarterly earnings report.", []),
        # near neighbours: no owner before the adjectives, or a vague owner, stays vague
        ("Eastline carried 41 million passengers, according to annual figures.", ["41 million"]),
        ("Eastline carried 41 million passengers, according to analysts' annual estimates.", ["41 million"]),
    ],
    ids=[
        "its-annual-report",
        "its-latest-quarterly-figures",
        "time-final-survey",
        "three-modifiers",
        "unowned",
        "analysts-owner",
    ],
)
def test_an_adjective_between_an_owner_and_its_document_keeps_it_owned(text: str, vague: list[str]) -> None:
    """Review s24f2: "its annual report" is owned by its referent as "its report" is; the adjectives change no owner."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Fares rose by 12% last year, according to figures from the combined authority.", []),
        ("Fares rose by 12% last year, according to figures from the council's finance department.", []),
        ("Fares rose by 12% last year, according to a study by the regional health authority.", []),
        # near neighbours: people with no organisation, or a time, stay vague
        ("Fares rose by 12% last year, according to figures from officials.", ["12%"]),
        ("Fares rose by 12% last year, according to figures from experts.", ["12%"]),
        ("Fares rose by 12% last year, according to data from sources.", ["12%"]),
        ("Fares rose by 12% last year, according to figures from the senior officials.", ["12%"]),
        ("Fares rose by 12% last year, according to figures from the same period.", ["12%"]),
    ],
    ids=[
        "combined-authority",
        "finance-department",
        "health-authority",
        "officials",
        "experts",
        "sources",
        "the-senior-officials",
        "the-same-period",
    ],
)
def test_a_document_from_a_definite_organisation_names_its_source(text: str, vague: list[str]) -> None:
    """Review s24f2: "figures from the combined authority" name the body, as "the residents' association said" does."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "flagged", "vague"),
    [
        ("Ann Vell, the spokeswoman, said the budget rose 30% this year.", [], []),
        ("The owner, Tam Brisk, said his rent rose 30% this year.", [], []),
        ("The firm, based in Dunmore, said profits rose 12% to £40m.", [], []),
        ("Mr Pell, the market's manager, told the radio station that footfall dropped 20% in June.", [], []),
        # the inverted order still names its speaker after the verb
        ("Prices rose 5%, said the minister, Ann Vell.", [], []),
        ("Exports fell 4%, said Tam Brisk, the trade minister, adding that imports rose.", [], []),
        ("Exports fell 4%, said officials at the port.", [], ["4%"]),
        # and a figure without a speaker stays flagged
        ("The budget rose 30% this year.", ["30%"], []),
        # a place or a day in a set-off clause names nobody (review s25v2, item 2)
        ("Sources, based in Dunmore, said profits rose 12%.", [], ["12%"]),
        ("A report, published on Monday, said the budget rose 30%.", [], ["30%"]),
        # an adjunct after the verb opens no speaker (review s25v2, item 1)
        ("Ann Vell, the spokeswoman, said on Monday that the budget rose 30%.", [], []),
        ("Ann Vell, the spokeswoman, said in a statement that the budget rose 30%.", [], []),
        ("Officials, speaking on Monday, said on Tuesday that the budget rose 30%.", [], ["30%"]),
    ],
    ids=[
        "appositive",
        "owner-named",
        "participle",
        "told-hearer",
        "inverted",
        "inverted-appositive",
        "vague",
        "none",
        "vague-set-off",
        "report-set-off",
        "adjunct-time",
        "adjunct-statement",
        "adjunct-vague",
    ],
)
def test_a_verb_after_a_set_off_phrase_takes_its_clause_as_content_not_as_an_inverted_speaker(
    text: str, flagged: list[str], vague: list[str]
) -> None:
    """Review s25v item 1: in "NAME, APPOSITIVE, said the budget rose 30%" the clause after the verb is what was said.

    It had been read as an inverted attribution ("..., said the minister") whose speaker
    was "the budget rose 30% this year", leaving the figure inside it uncredited (FIG001).
    A speaker holds no figure, and "told" never inverts: who is told is the hearer.
    """
    found = single(text)
    assert (by_code(found, "FIG001"), by_code(found, "FIG002")) == (flagged, vague)


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Weston Rovers lost £4.2m last season, according to its accounts.", []),
        ("Weston Rovers lost £4.2m last season, according to the club's latest accounts.", []),
        ("Weston Rovers lost £4.2m last season, its annual accounts show.", []),
        # near neighbours: accounts no one owns, or witnesses', or "their", stay vague
        ("Some 2,000 people were hurt, according to witness accounts.", ["2,000"]),
        ("Some 2,000 people were hurt, according to accounts from survivors.", ["2,000"]),
        ("Weston Rovers lost £4.2m last season, according to their accounts.", ["£4.2m"]),
    ],
    ids=["its-accounts", "the-clubs-accounts", "its-annual-accounts", "witness", "survivors", "their"],
)
def test_accounts_owned_by_a_referent_name_their_source(text: str, vague: list[str]) -> None:
    """Session 25: "according to its accounts" is the referent's own accounts, as "its figures" are its."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        (
            "A new Harbour Times/Westfield College survey of those 18 to 35 years old shows a wide divide"
            " on the issue, and opinion leans one way: 34% strongly agree they should pay.",
            [],
        ),
        (
            "A new Harbour Times/Westfield College study of those 18 to 35 years old shows a wide divide"
            " on the issue, and opinion leans one way: 34% strongly agree they should pay.",
            [],
        ),
        # near neighbour: no owner before the long description stays vague
        (
            "A new nationwide survey of those 18 to 35 years old shows a wide divide"
            " on the issue, and opinion leans one way: 34% strongly agree they should pay.",
            ["34%"],
        ),
    ],
    ids=["owner-before-survey", "owner-before-study", "no-owner"],
)
def test_a_long_document_source_keeps_its_owner_before_it(text: str, vague: list[str]) -> None:
    """Session 25 audit: a survey described in 8 words or more keeps the name of its owner before it."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("It found more than a third (35%) of young people say they know a cheat and 8% said they had cheated.", []),
        ("It found nearly half (48 percent) of young people say they know a cheat and 8% said they had cheated.", []),
        # near neighbour: a share in words with no bracketed percentage stays the young people's say
        ("It found more than a third of young people say they know a cheat and 8% said they had cheated.", ["8%"]),
    ],
    ids=["bracketed-percent", "bracketed-percent-word", "share-in-words"],
)
def test_a_bracketed_share_before_of_is_a_poll_line(text: str, vague: list[str]) -> None:
    """Session 25 audit: "a third (35%) of runners say" is a poll's share of respondents, as "35% of runners say" is."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Ann Cole, who earns £40,000 a year, told the inquiry she was underpaid.",
            "Figure '£40,000' (money) has no attribution of its own: its sentence's 'told' does not cover it",
        ),
        (
            "Sales rose 12% last year, and Ann Cole said she was pleased.",
            "Figure '12%' (percent) has no attribution of its own: its sentence's 'said' does not cover it",
        ),
        ("The bakery made £3m last year.", "Figure '£3m' (money) has no attribution in its sentence"),
    ],
    ids=["relative-clause", "other-clause", "no-cue"],
)
def test_an_unsourced_figure_message_names_a_cue_that_does_not_cover_it(text: str, message: str) -> None:
    """Session 25: FIG001 says "no attribution in its sentence" only when its sentence has no cue at all."""
    found = [f for f in single(text) if f.code == "FIG001"]
    assert [f.message for f in found] == [message]
    assert found[0].data["source"] == ""


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("In a statement, Governor Ann Cole blasted the council and said the town spent $26 million on roads.", []),
        ("On Monday, Weston Mills closed two plants and said it had lost $26 million last year.", []),
        # near neighbours: an unnamed subject after the opener, or no comma, stays agentless
        ("On Monday, the firm closed two plants and said it had lost $26 million last year.", ["$26 million"]),
        ("In 2019 Weston Mills closed two plants and said it had lost $26 million last year.", ["$26 million"]),
    ],
    ids=["in-a-statement", "on-monday", "lower-case-subject", "no-comma"],
)
def test_a_named_subject_after_an_opening_adverbial_speaks_after_and(text: str, vague: list[str]) -> None:
    """Session 25 audit: "In a statement, NAME blasted X and said ..." is NAME's, as "NAME blasted X and said" is."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "codes_found"),
    [
        ("Excluding fuel, shop sales were up 0.6% in May, twice what some analysts had been expecting.", ["FIG001"]),
        ("Bakery sales rose 4%, well above what economists predicted.", ["FIG001"]),
        # near neighbours: "what" with no comparing word before it is no benchmark
        ("Analysts said sales would be what they were last year, at $5m.", ["FIG002"]),
    ],
    ids=["twice-what", "above-what", "plain-what"],
)
def test_a_figure_compared_with_what_a_source_expected_is_unsourced(text: str, codes_found: list[str]) -> None:
    """Session 25 audit: "0.6%, twice what analysts had been expecting" compares with a forecast, as "than" does."""
    assert [f.code for f in single(text)] == codes_found


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        (
            "That is the lesson of freshly filed Harbour Election Commission reports that track spending."
            " The reports show the Westfield Fund replaced more than $500,000 of planned ads.",
            [],
        ),
        ("Ministers cited the latest HMRC figures on Monday. The figures show tax receipts rose by 4%.", []),
        # near neighbours: unnamed reports before, a sentence-initial capital, or named ones too far back
        ("Analysts published reports on Monday. The reports show the firm lost $500,000 last year.", ["$500,000"]),
        ("Official figures show a fall. The figures show the firm lost $500,000 last year.", ["$500,000"]),
        (
            "Harbour Election Commission reports came out. Ann Cole spoke. Jo Roe left. Bo Lee sang."
            " The reports show the firm lost $500,000 last year.",
            ["$500,000"],
        ),
    ],
    ids=["commission-reports", "acronym-figures", "unnamed", "sentence-initial", "too-far"],
)
def test_the_reports_refer_back_to_named_reports(text: str, vague: list[str]) -> None:
    """Session 25 audit: "The reports show" after "Harbour Election Commission reports" are the commission's."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('Scanner: a man left. <tweet id="709145588012345678" author="@Jo">shots fired</tweet>', []),
        ("<span data-count='250000'>Readers</span> liked it.", []),
        # near neighbours: a number after "=" outside a tag, and a tag before a number in prose
        ("The model sets x = 50,000 for the run.", [("50,000", "count")]),
        ('<p class="lead">Some 250,000 people marched.</p>', [("250,000", "count")]),
    ],
    ids=["tweet-id", "data-attribute", "equals-in-prose", "text-inside-tag"],
)
def test_a_markup_tags_attribute_value_is_no_figure(text: str, found: list[tuple[str, str]]) -> None:
    """Session 26 audit: '<tweet id="6721...">' left in the text is an identifier, not a count (FIG001/FIG002)."""
    assert figure_texts(text) == found


@pytest.mark.parametrize(
    ("text", "codes_found"),
    [
        ("Trade between the two nations added up to $214bn last year.", ["FIG001"]),
        ("Trade between the two nations added up to $214bn last year, officials said.", ["FIG002"]),
        ("The fees for the three schools add up to £90,000, the council said.", []),
        # near neighbour: "added" as speech before "that" keeps its speaker
        ("Officials added that trade had grown to $214bn.", ["FIG002"]),
    ],
    ids=["added-up-unsourced", "added-up-vague", "add-up-named", "added-that"],
)
def test_add_up_is_a_sum_not_speech(text: str, codes_found: list[str]) -> None:
    """Session 26 audit: "X added up to 22,201bn yen" was credited to an agentless "added" (FIG002)."""
    assert [f.code for f in single(text)] == codes_found


@pytest.mark.parametrize(
    ("text", "codes_found"),
    [
        ("The charity ran the survey. Only 2% of donors gave twice, but gifts rose 6% on last year, said", []),
        ('The charity ran the survey. "Gifts rose 6% on last year," said', []),
        # near neighbours: a finished sentence, and a vague speaker before the verb
        ("The charity ran the survey. Gifts rose 6% on last year, said.", ["FIG002"]),
        ("The charity ran the survey. Gifts rose 6% on last year, analysts said", ["FIG002"]),
    ],
    ids=["comma-said", "quote-said", "full-stop", "analysts"],
)
def test_an_inverted_speech_verb_ending_a_cut_off_text_lost_a_named_speaker(text: str, codes_found: list[str]) -> None:
    """Session 26 audit: a text cut at "..., said" lost its speaker; it is no unnamed one (FIG002)."""
    assert [f.code for f in single(text)] == codes_found


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        (
            "TAX ENDS “Ohio ended the levy, so pads are free of the 4 percent sales tax. It saves $10 million.” [Daily Planet]",
            [],
        ),
        ("TAX ENDS “It will save shoppers an estimated $10 million a year. ” [Daily Planet] For more, read on.", []),
        ("TAX ENDS “It will save shoppers an estimated $10 million a year. “\xa0[Daily Planet] For more.", []),
        # near neighbours: a stage direction inside the quotation, a footnote, a credit after later sentences
        (
            "TAX ENDS “It will save shoppers an estimated $10 million a year. [Applause] We did it.” More.",
            ["$10 million"],
        ),
        ("TAX ENDS “It will save shoppers an estimated $10 million a year.” [2]", ["$10 million"]),
        (
            "TAX ENDS “It will save shoppers $10 million a year.” Then more. Yet more. “Yes.” [Daily Planet]",
            ["$10 million"],
        ),
        ('In a debate. "Almost all new income goes to the top 1 percent." - Ann Vell. The senator is wrong.', []),
        ('In a debate. "Almost all new income goes to the top 1 percent." — Ann Vell', []),
        # near neighbours: a dash opening the writer's own clause
        ('In a debate. "All new income goes to the top 1 percent" — Prices rose after that.', ["1 percent"]),
        ('In a debate. "All new income goes to the top 1 percent." - and then Ann Vell left.', ["1 percent"]),
    ],
    ids=[
        "two-sentences",
        "spaced-mark",
        "no-break-space",
        "stage-direction",
        "footnote",
        "later-quotation",
        "dash-signature",
        "dash-at-end",
        "dash-clause",
        "dash-lower",
    ],
)
def test_a_named_credit_after_a_quotation_credits_it(text: str, vague: list[str]) -> None:
    """Session 26 audit: a quoted item credited '” [Outlet]' after it, or a claim signed '." - NAME.', was read as an
    unnamed speaker's."""
    assert by_code(single(text), "FIG002") == vague


LIST_ITEMS = "\n\n- Raised spending on schools by 4%\n- Announced that $1.8bn will be spent on roads\n"


@pytest.mark.parametrize(
    ("introducer", "vague"),
    [
        ("In her budget Ms Ana Ruiz has:", []),
        ("Since May she has:", []),
        # near neighbours: an introducer naming no one, and one that is no introducer (no colon)
        ("Among the measures in the plan:", ["$1.8bn"]),
        ("In her budget Ms Ana Ruiz made cuts.", ["$1.8bn"]),
    ],
    ids=["named", "pronoun", "unnamed", "no-colon"],
)
def test_a_list_items_cue_speaks_for_the_subject_of_the_line_introducing_the_list(
    introducer: str, vague: list[str]
) -> None:
    """Session 26 audit: '- Announced that ...' under 'Mr X has:' is his, not an agentless cue (FIG002)."""
    assert by_code(single(introducer + LIST_ITEMS), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Singers including Ann Vell and Bo Lee are recording a song. They hope it will raise more than £2m.", []),
        ("Firms such as Acme and Brisk run the mills. They say they will give £2m to the fund.", []),
        # near neighbours: a group named by a place, and members who are not named
        ("Singers from Northtown are recording a song. They hope it will raise more than £2m.", ["£2m"]),
        ("Singers including many locals are recording a song. They hope it will raise more than £2m.", ["£2m"]),
    ],
    ids=["including-names", "such-as-names", "place", "unnamed-members"],
)
def test_they_takes_up_a_group_opening_the_sentence_before_with_its_named_members(text: str, vague: list[str]) -> None:
    """Session 26 audit: "Singers including NAME and NAME ... They hope ... £2m" is the singers', who are named."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Its partner, Acme Glass (AG), announced it will repay a $2.9 billion loan.", []),
        ("The first maker it works with, Acme Glass (AG), said it will repay a $2.9 billion loan.", []),
        # near neighbour: words in brackets that are no acronym still part the name from its verb
        ("Its partner, a chip firm (in Ohio), announced it will repay a $2.9 billion loan.", ["$2.9 billion"]),
    ],
    ids=["acronym", "description-first", "no-acronym"],
)
def test_an_acronym_in_brackets_inside_an_appositive_goes_with_its_name(text: str, vague: list[str]) -> None:
    """Session 26 audit: "..., NAME (ABBR), announced" lost its name to the bracket (FIG002, agentless)."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ('He plans to ship them by May. "In China they spend $17 a year per child on books."', []),
        ('She read the papers. "One in ten questions had the wrong answer."', []),
        # near neighbours: a sentence before about a thing, and a quotation a vague speaker tags
        ('It rose on Monday. "One in ten questions had the wrong answer."', ["One in ten"]),
        ('He plans to ship them. "One in ten questions had the wrong answer," a critic said.', ["One in ten"]),
    ],
    ids=["he", "she", "thing", "tagged"],
)
def test_an_untagged_quotation_is_spoken_by_the_he_or_she_opening_the_sentence_before(
    text: str, vague: list[str]
) -> None:
    """Session 26 audit: 'He plans ... "In China they spend $17 ..."' is his, not an unnamed speaker's (FIG002)."""
    assert by_code(single(text), "FIG002") == vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("The host turned to the wall. “Would it cover the 11 million?” Hannity pressed. “Or not?”", []),
        ('"It will cost $5 million," she quipped.', []),
        # near neighbours: a plural noun and its verb after the quotation, and a vague tag
        ('"It will cost $5 million." Markets rallied.', ["$5 million"]),
        ('"It will cost $5 million," one insider laughed.', ["$5 million"]),
    ],
    ids=["name-pressed", "she-quipped", "plural-noun", "vague-tag"],
)
def test_a_past_verb_in_a_tag_after_a_quotation_names_its_speaker(text: str, vague: list[str]) -> None:
    """Session 26 audit: '“... the 11 million?” Hannity pressed.' names the speaker though "pressed" is no cue."""
    assert by_code(single(text), "FIG002") == vague


def test_session_26_readings_finish_on_hostile_text() -> None:
    """Cut-off speakers, tags, bracketed and dash credits, list items and tag attributes, each repeated at length.

    Each reading is asked once per figure or cue and reads a bounded stretch (a tag's words,
    a bracket's name, LIST_REACH lines, TAG_REACH characters back): 20,000 repeats finish.
    """
    pieces = [
        "Prices rose 5%, said\n",
        '“$5m “$5m "$5m" Jo Roe pressed. ',
        '"$5m." [Acme' + "b" * 50 + '"$5m." - Ann',
        "- Announced that $5m will go\n",
        '<t id="' + "1" * 18 + '" x=',
    ]
    for piece in pieces:
        text = "Ms Ann Roe has:\n" + piece * 20_000
        found = list(figures.score(document(text), Context(settings=figures.SETTINGS)).findings)
        assert all(0 <= f.start <= f.end <= len(text) for f in found)
