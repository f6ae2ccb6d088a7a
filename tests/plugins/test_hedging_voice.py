"""Hedging scorer (HDG001): readings of session 22 (issue 13), each with a neighbour that still hedges.

The sentences are invented; each case names the reading it checks.
"""

from __future__ import annotations

import pytest
from copydesk.plugins import hedging
from copydesk.testing import run_scorer

SCORER = hedging.copydesk_scorers()[0]


def authors(text: str) -> list[str]:
    """The cues of the author's own hedges (HDG001) in ``text``."""
    return [f.data["cue"] for f in run_scorer(SCORER, text) if f.code == "HDG001"]


def voices(text: str) -> list[tuple[str, str, str]]:
    """Each hedge of ``text`` as (code, matched words, source kind), HDG001 and HDG004 only."""
    return [(f.code, f.matched, f.data["source"]) for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # after a negated modal, 'possibly' stresses the denial
        ("He couldn't possibly have known about the loan.", []),
        ("The hosts could not possibly win the cup now.", []),
        ("The council cannot possibly afford a second bridge.", []),
        ("The bridge is possibly unsafe.", ["possibly"]),
        ("The bridge could possibly close next week.", ["could possibly"]),
        ("The vote is not, possibly, the end of it.", ["possibly"]),
    ],
)
def test_possibly_after_a_negated_modal_is_emphatic_not_a_hedge(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # an active 'could not say/confirm/tell' reports what a source was unable to say
        ("The spokesman could not say when the line would reopen.", []),
        ("Police could not immediately confirm the arrest.", []),
        ("The coach could not tell how long the striker would be out.", []),
        # the doubt the author reports, or the writer's own 'we could not confirm', still hedges
        ("The arrest could not be confirmed.", ["could"]),
        ("A leak could not be ruled out.", ["could"]),
        ("Officials could not rule out a leak.", ["could"]),
        ("So far we could not confirm the arrest.", ["could"]),
        ("We could not immediately confirm the arrest.", ["could"]),
    ],
)
def test_a_source_that_could_not_say_or_confirm_is_no_hedge_of_the_author(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # 'some' before 'way', 'distance', 'time', 'while' is a degree or a stretch of time
        ("Sales rose in December, although some way below the peak of 1999.", []),
        ("Some time later, the ferry left the harbour.", []),
        ("The leader crossed first, and some distance behind came the pack.", []),
        # a vague group as a subject still hedges
        ("Some voters stayed at home.", ["some"]),
        ("The plant was shut for a week, but some workers returned early.", ["some"]),
    ],
)
def test_some_of_extent_is_no_vague_group(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # an inverted credit at the end takes the whole sentence before it, a clause of contrast included
        (
            "Some claims are hard to prove, while others matter little, said Jo Roe, a former envoy.",
            [("HDG004", "Some", "named")],
        ),
        (
            "The plan may fail, while the cost is high, said Jo Roe.",
            [("HDG004", "may", "named")],
        ),
        (
            "Apparently, the pair had tried to part, and the judge was upset, according to the Daily Post.",
            [("HDG004", "Apparently", "named")],
        ),
        # a verb after a parenthesis closed by a comma is no inversion: its subject came before it
        (
            "Jo Roe is seen as a strong contender while Ann Lee, who is retiring, believes the club must change.",
            [("HDG001", "is seen", "")],
        ),
        # a concessive clause of saying still credits only itself
        (
            "Jo Roe may resign, even though she said the plan could work.",
            [("HDG001", "may", ""), ("HDG004", "could", "named")],
        ),
        # a credit earlier in its own clause still reaches nothing before it
        (
            "The plan may fail, and Jo Roe said the cost is high.",
            [("HDG001", "may", "")],
        ),
    ],
)
def test_an_inverted_credit_reaches_back_over_a_clause_of_contrast(
    text: str, hedges: list[tuple[str, str, str]]
) -> None:
    assert voices(text) == hedges


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # a source noun after a name or a name's possessive speaks for the name
        ("Kremlin officials said the plan could fail.", [("HDG004", "could", "named")]),
        ("The talks went on. Jo Roe's aides said the deal could fail.", [("HDG004", "could", "named")]),
        (
            "The talks went on. Jo Roe's advisers suggested that her rival could be too rash.",
            [("HDG004", "could", "named")],
        ),
        ("A Labour source said the plan could fail.", [("HDG004", "could", "named")]),
        # a nationality is no name, nor the object of a preposition; a possessive pronoun makes a
        # definite subject of people, whose claim is theirs (session 23, the plain-noun reading)
        ("The talks went on. Russian officials said the plan could fail.", [("HDG004", "could", "vague")]),
        ("His aides said the deal could fail.", [("HDG004", "could", "named")]),
        ("Talks with Kremlin officials could resume soon.", [("HDG001", "could", "")]),
        # a name's document or decision is no speaker: the inference is the author's
        ("Jo Roe's decision suggests she may run.", [("HDG001", "suggests", ""), ("HDG001", "may", "")]),
    ],
)
def test_a_source_noun_after_a_name_credits_the_named_side(text: str, hedges: list[tuple[str, str, str]]) -> None:
    assert voices(text) == hedges


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # a fronted adjunct before the named subject: the name is no object of its preposition
        ("On Thursday, Jo Roe said the new terminal was likely to open in spring.", [("HDG004", "likely", "named")]),
        ("In a statement on Monday, Euro Mart said prices may rise.", [("HDG004", "may", "named")]),
        # a time phrase between the named subject and its verb
        ("Jo Roe on Sunday said the plan could fail.", [("HDG004", "could", "named")]),
        ("Jo Roe last week said the plan could fail.", [("HDG004", "could", "named")]),
        ("Jo Roe on Tuesday night said the plan could fail.", [("HDG004", "could", "named")]),
        # a name after a preposition, or a time phrase after no speaker, credits nothing
        ("The role of Ann Cole could grow.", [("HDG001", "could", "")]),
        ("Talks on Sunday went nowhere, and prices could fall.", [("HDG001", "could", "")]),
    ],
)
def test_a_named_speaker_is_found_past_a_fronted_adjunct_or_a_time_phrase(
    text: str, hedges: list[tuple[str, str, str]]
) -> None:
    assert voices(text) == hedges


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # an aside to the reader ('As you may know') hedges no claim
        ("As fans may recall, the pair split in June.", []),
        ("As readers of the column may already know, the pair split.", []),
        ("The result, as might be expected, was close.", []),
        ("The pair may know the truth.", ["may"]),
        ("As the storm may hit the coast, residents left.", ["may"]),
        # review s22v: a verb of knowing with an object, or an 'as' before a clause break, is no aside
        ("As the economy slows, shoppers may notice higher prices at the till.", ["may"]),
        ("Shares fell as traders may have heard talk of a takeover.", ["may"]),
        # a modal without its verb after an effort word measures effort
        ("He stayed on the pitch for as long as he possibly could.", []),
        ("The team did all it could to win.", []),
        ("He ran as fast as he could.", []),
        ("Prices could fall, or they might not.", ["could", "might"]),
    ],
)
def test_an_aside_to_the_reader_or_a_measure_of_effort_is_no_hedge(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # 'suggest' as 'propose': a gerund with its object, or a clause with a bare 'be'
        ("The report suggested building a new wall.", []),
        # review s22v: a gerund with its object that is a clause's subject is claimed, hedged
        ("The review suggests cutting the budget would harm schools.", ["suggests"]),
        ("Evidence suggests closing the road has made the town quieter.", ["suggests"]),
        ("The panel suggested that the mayor be given more time.", []),
        ("The memo suggests staff be told at once.", []),
        ("The ruling, suggesting doubling the fund, was welcomed.", []),
        # 'suggest' as 'indicate' still hedges: a participle before a noun, a modal before 'be'
        ("The data suggest rising demand.", ["suggest"]),
        ("The figures suggest it could be worse.", ["suggest", "could"]),
        ("The change suggests the firm will be sold.", ["suggests"]),
        ("The figures are suggesting a slowdown.", ["suggesting"]),
    ],
)
def test_suggest_meaning_propose_is_no_hedge(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # 'suggest' as the verb of a named speaker's credit reports what was said: no hedge in
        # the claim (session 23 audit of HDG004); the claim's own hedges stay the speaker's
        ("Jo Roe suggested that the bridge would close within a year.", []),
        ("Tom Vance, the union's treasurer, suggested the strike may spread.", [("HDG004", "may", "named")]),
        ("The rail fares will climb again next spring, Mr Pell suggested.", []),
        ("The harbour deal, Lina Marr suggested, was a poor bargain.", []),
        ("The vote could be delayed if, as Ann Cole has suggested, the count runs late.", []),
        ("She suggests the mill was sold too cheaply.", []),
        # near neighbours: evidence in the subject infers, a hedge credited to the named side
        (
            "A survey by Brannock suggests that many shoppers prefer to queue.",
            [("HDG004", "suggests", "named"), ("HDG004", "many", "named")],
        ),
        (
            "Data collected by Quillmart suggests that demand may ease.",
            [("HDG004", "suggests", "named"), ("HDG004", "may", "named")],
        ),
        (
            "A report by the IMF, released on Monday, suggests growth may slow.",
            [("HDG004", "suggests", "named"), ("HDG004", "may", "named")],
        ),
        ("It suggests the council may raise the levy.", [("HDG004", "suggests", "named"), ("HDG004", "may", "named")]),
        (
            "Research commissioned by the nine tenants' groups - among them the Orrin Fund, the Vell Group and"
            " Tamsin House - suggested rents may double.",
            [("HDG004", "suggested", "named"), ("HDG004", "may", "named")],
        ),
        # a quotation's 'suggest' and the author's own are read as before
        ('"The data suggest otherwise," Jo Roe said.', [("HDG004", "suggest", "quote")]),
        ("The figures suggest a slowdown.", [("HDG001", "suggest", "")]),
    ],
)
def test_suggest_as_a_named_speakers_verb_reports_no_hedge(text: str, hedges: list[tuple[str, str, str]]) -> None:
    assert voices(text) == hedges


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # a definite or possessive noun of people or a body, or a plural of people, as the subject of
        # a verb of saying, believing, fearing or denying: the hedge in its clause is the source's (session 23)
        ("The columnist suggested that the mayor may resign.", [("HDG004", "may", "named")]),
        ("The minister's advisers believe the bill could fail.", [("HDG004", "could", "named")]),
        ("Her husband insisted the boat could sink.", [("HDG004", "could", "named")]),
        ("The lawyer argued that the verdict may be overturned.", [("HDG004", "may", "named")]),
        ("Prices rose, and residents fear the river could flood.", [("HDG004", "could", "named")]),
        ("The plant could close, workers fear.", [("HDG004", "could", "named")]),
        ("The bridge may collapse, the engineer warned.", [("HDG004", "may", "named")]),
        ("The company denied that the plant could close.", [("HDG004", "could", "named")]),
        ("The Vell Party leadership fears that closures could spark protests.", [("HDG004", "could", "named")]),
        ("Jo Roe denied that the plant could close.", [("HDG004", "could", "named")]),
        ("The coach doubted that the striker could play.", [("HDG004", "could", "named")]),
        # a participle clause of saying, denying or fearing after a break is its sentence subject's
        ("Jo Roe attacked the bill, saying it could raise rents.", [("HDG004", "could", "named")]),
        ("The landlords attacked the bill, arguing that it could raise rents.", [("HDG004", "could", "named")]),
        ("The company cut 200 jobs, denying that the plant could close.", [("HDG004", "could", "named")]),
        ("Residents held a vigil, fearing the mine could reopen.", [("HDG004", "could", "named")]),
        # ... not the author's inference, nor a vague, first-person or lifeless subject's
        (
            "Rents rose sharply, suggesting the bill could backfire.",
            [("HDG001", "suggesting", ""), ("HDG001", "could", "")],
        ),
        ("We attacked the bill, saying it could raise rents.", [("HDG001", "could", "")]),
        # the participle's claim starts after it; 'according to' is no participle of a speaker
        (
            "The mayor, who could face a recall, backed the plan, saying jobs might return.",
            [("HDG001", "could", ""), ("HDG004", "might", "named")],
        ),
        ("The Vell Group could cut 300 jobs, according to newspaper reports.", [("HDG001", "could", "")]),
        ("The bill passed, saying nothing about rents that could rise.", [("HDG001", "could", "")]),
        (
            "Some critics attacked the bill, saying it could raise rents.",
            [("HDG001", "Some", ""), ("HDG001", "could", "")],
        ),
        # the author's adverb on the verb stays the author's
        ("Investors probably believe the rate could rise.", [("HDG001", "probably", ""), ("HDG004", "could", "named")]),
        # the author's own framing and what is no subject of the verb are read as before
        ("It is feared the bridge could collapse.", [("HDG001", "could", "")]),
        ("Many believe the bridge could collapse.", [("HDG002", "Many believe", ""), ("HDG004", "could", "vague")]),
        ("We believe the plan could fail.", [("HDG001", "We believe", ""), ("HDG001", "could", "")]),
        ("A lawyer said the verdict may be overturned.", [("HDG001", "may", "")]),
        (
            "But some lawyers warned the ruling could confuse tenants.",
            [("HDG001", "some", ""), ("HDG001", "could", "")],
        ),
        ("Talks with the lawyers suggest the deal could fail.", [("HDG001", "suggest", ""), ("HDG001", "could", "")]),
        ("The plan could fail because the engineers believe the soil is weak.", [("HDG001", "could", "")]),
        ("There is little doubt that this plan could work.", [("HDG001", "could", "")]),
        ("The bridge could fall sooner than the engineers feared", [("HDG001", "could", "")]),
        ("The mayor denied her alleged role in the deal.", [("HDG001", "alleged", "")]),
        ("The minister's doubts that the plan could work were well known.", [("HDG001", "could", "")]),
        ("The evidence suggests the bridge may collapse.", [("HDG001", "suggests", ""), ("HDG001", "may", "")]),
        # an object pronoun, then 'and': the next clause is the author's (review s23v2)
        ("The voters doubted him and the party could lose the seat.", [("HDG001", "could", "")]),
        ("The doctors believe her and the virus could spread.", [("HDG001", "could", "")]),
    ],
)
def test_a_plain_noun_source_credits_the_hedge_in_its_clause(text: str, hedges: list[tuple[str, str, str]]) -> None:
    assert hedges_with_vague(text) == hedges


def hedges_with_vague(text: str) -> list[tuple[str, str, str]]:
    """Each finding of ``text`` as (code, matched words, source kind), HDG001, HDG002 and HDG004."""
    codes = ("HDG001", "HDG002", "HDG004")
    return [(f.code, f.matched, f.data.get("source", "")) for f in run_scorer(SCORER, text) if f.code in codes]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # 'possible' of feasibility or a maximum; 'possible that' and a possible term hedge
        ("It is possible to see the lake from the tower.", []),
        ("She ran as fast as is possible.", []),
        ("Such crowds were never possible before the bridge.", []),
        ("It was the worst possible start.", []),
        ("It is possible that the bridge will close.", ["possible"]),
        ("He faces a possible 10 years in jail.", ["possible"]),
        # 'disputed' of a place or a call in dispute; of a claim it hedges
        ("Troops entered the disputed region at dawn.", []),
        ("The referee awarded a disputed penalty.", []),
        ("He repeated disputed claims about the vote.", ["disputed"]),
        ("The figures are disputed.", ["disputed"]),
        # 'a certain amount/number of' is a particular measure; 'to a certain extent' hedges
        ("The trust can only borrow a certain amount of cash.", []),
        ("To a certain extent the plan works.", ["To a certain extent"]),
        # 'potential for growth' is a capacity; 'potential for abuse' a risk
        ("The town has a strong potential for growth.", []),
        ("The law leaves the potential for abuse.", ["potential"]),
    ],
)
def test_senses_of_capacity_feasibility_and_dispute_are_no_hedge(text: str, cues: list[str]) -> None:
    """Session 23 (helper s23h6): senses of HDG001's and HDG004's shared cues that carry no doubt."""
    assert [f.matched for f in run_scorer(SCORER, text) if f.code in ("HDG001", "HDG004")] == cues


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # a body whose name holds 'of' or 'for' is the speaker (session 24 review)
        ("The Bank of England said the rate could rise.", [("HDG004", "could", "named")]),
        ("The Department for Education said the fees could rise.", [("HDG004", "could", "named")]),
        ("The Ministry of Defence said the base could close.", [("HDG004", "could", "named")]),
        ("The Office for National Statistics said output could fall.", [("HDG004", "could", "named")]),
        ("The Governor of the Bank of England said the rate could rise.", [("HDG004", "could", "named")]),
        ("The rate could rise, the Bank of England said.", [("HDG004", "could", "named")]),
        # such a name as the object of a preposition, or after a sentence-initial word, names no speaker
        ("A letter to the Bank of England said the rate could rise.", [("HDG001", "could", "")]),
        ("Talks with the Bank of England said the rate could rise.", [("HDG001", "could", "")]),
        ("Most of England said the rate could rise.", [("HDG001", "Most", ""), ("HDG001", "could", "")]),
        ("Fans of Arsenal said the club could win.", [("HDG001", "could", "")]),
    ],
)
def test_a_name_holding_of_or_for_is_the_speaker(text: str, hedges: list[tuple[str, str, str]]) -> None:
    assert voices(text) == hedges


NAMED = [("HDG004", "could", "named")]
AUTHOR = [("HDG001", "could", "")]


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # a source noun of people at, from or in a named body speaks for it (session 25)
        ("Officials at the Bank of England said the rate could rise.", NAMED),
        ("Economists at Farrowgate said the rate could rise.", NAMED),
        ("A source at Downing Street told reporters the deal could collapse.", NAMED),
        ("Doctors at Kelvin General Hospital said the ward could close.", NAMED),
        ("In Leeds, officials from the Marlow Trust said the ward could close.", NAMED),
        # a role or an aide of a named body or person: 'for', 'of', 'to'
        ("A spokesman for Brightwell Foods said prices could rise.", NAMED),
        ("The chairman of Brightwell Foods said prices could rise.", NAMED),
        ("The head of the Bank of England said the rate could rise.", NAMED),
        ("Lawyers for Jo Roe argued she could appeal.", NAMED),
        ("Aides to Jo Roe say she could resign.", NAMED),
        # the body's officer named by a role after the name
        ("The Bank of England chief said the rate could rise.", NAMED),
        ("The police chief said the road could close.", NAMED),
        # the same speakers after their claim, or after 'according to'
        ("The rate could rise, officials at the Bank of England said.", NAMED),
        ("The rate could rise, said a spokesman for the Bank of England.", NAMED),
        ("The rate could rise, according to officials at the Bank of England.", NAMED),
        # a crowd, a fan or an opponent speaks for nobody; nor a phrase that is an object
        ("Fans of Arsenal said the club could win.", AUTHOR),
        ("Fans at Arsenal said the club could win.", AUTHOR),
        ("People in Leeds said the road could close.", AUTHOR),
        ("Critics of Jo Roe said she could resign.", AUTHOR),
        ("A letter to officials at the Bank of England said the rate could rise.", AUTHOR),
        ("Army sources in Halden said the bridge could fall.", AUTHOR),
        # a quantifier leaves the officials uncounted, as 'some lawyers' (session 25)
        ("Some officials at the Bank of England said the rate could rise.", [("HDG001", "Some", ""), *AUTHOR]),
    ],
)
def test_a_source_noun_of_a_named_body_is_the_speaker(text: str, hedges: list[tuple[str, str, str]]) -> None:
    """Session 25 (HDG001 audit): 'officials at' a body and a body's officer credit its claim like its name does."""
    assert voices(text) == hedges


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # a sentence-initial 'May' before its verb, a conjunction or a comma is the month (session 24 review)
        ("May was a busy month for the port, the harbour master, Ann Cole, said.", []),
        ("May is the wettest month.", []),
        ("May saw record crowds at the pier.", []),
        ("May and June were busy.", []),
        ("May, the busiest month, ended well.", []),
        # a verb of saying or a modal after it: a name or the month, never the modal (review s24v2)
        ("May said the talks were over.", []),
        ("May could be a difficult month for the port.", ["could"]),
        # the modal keeps its hedge, and 'May be' (for 'maybe') stays one
        ("Prices may rise in May.", ["may"]),
        ("May be the council will pay.", ["may"]),
    ],
)
def test_a_sentence_initial_may_before_its_verb_is_the_month(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # 'the' + a superlative + a pronoun subject + 'could': the limit of what was possible (session 24 review)
        ('The mayor said the rise was "the smallest we could make while keeping buses running".', []),
        ("It was the best we could do.", []),
        ("It was the best deal they could get.", []),
        ("It was the fastest that she could run.", []),
        # a relative clause with no pronoun subject, or a superlative subject, keeps its hedge
        ("It is the largest rise that could happen this year.", [("HDG001", "could", "")]),
        ("The smallest change could still cost jobs.", [("HDG001", "could", "")]),
        ("The interest we could earn is small.", [("HDG001", "could", "")]),
        ("The latest figures show we could lose the grant.", [("HDG001", "could", "")]),
    ],
)
def test_could_after_a_superlative_and_its_subject_is_ability(text: str, hedges: list[tuple[str, str, str]]) -> None:
    assert voices(text) == hedges


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        # ', which' + a modal of what the claimed event would do goes on with a named claim (session 24 review)
        (
            "Fiona Grey said the works would close the road, which could take until spring.",
            [("HDG004", "could", "named")],
        ),
        # the author's comment or inference after it stays the author's, as after a vague source
        # and so does ', which' after a credit placed after its claim
        ("The road will close, Fiona Grey said, which could anger shops.", [("HDG001", "could", "")]),
        ("Fiona Grey said the works would close the road, which is probably too gloomy.", [("HDG001", "probably", "")]),
        ("Fiona Grey said the road would close, which may be why shops are worried.", [("HDG001", "may", "")]),
        ("Fiona Grey said the fees would rise, which could mean fewer pupils.", [("HDG001", "could", "")]),
        # a verb with an indefinite noun object and no clause: a relative clause on the object is the author's
        (
            "The Agency for Land Mines announced a deal to inspect the towns where mines were reportedly laid.",
            [("HDG001", "reportedly", "")],
        ),
        ("The Treasury announced a plan which would possibly cut costs.", [("HDG004", "possibly", "named")]),
        ("Jo Roe said the firm where he worked had reportedly lost money.", [("HDG004", "reportedly", "named")]),
    ],
)
def test_a_relative_clause_goes_on_with_a_named_claim_or_not(text: str, hedges: list[tuple[str, str, str]]) -> None:
    assert voices(text) == hedges


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # 'suggest' + a subject + 'should' proposes what ought to be done (session 25)
        ("The emails showed staff members suggesting someone should resign.", []),
        ("One aide suggested that the council should pay for the road.", []),
        # an inference from evidence, or a modal of likelihood, still hedges
        ("The figures suggest the council could pay for the road.", ["suggest", "could"]),
        ("The figures suggest demand is falling.", ["suggest"]),
    ],
)
def test_suggest_with_should_proposes(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # an embedded question after 'including' asks, it asserts nothing (session 25)
        ("The board gave no details, including where the plant might be built.", []),
        ("The trust has yet to publish the terms, including how much the first grant might be.", []),
        # a free relative after 'including' keeps its hedge
        ("The works, including what could be the longest tunnel, start soon.", ["could"]),
    ],
)
def test_a_question_after_including_asserts_nothing(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # session 26: 'I believe in' + a person, a name or a thing is trust or support, no view
        ("I believe in him because he built the firm.", []),
        ("I believe in Jo Roe and her plan.", []),
        ("I believe in the power of local papers.", []),
        # 'I think about' is left alone: parenthetical, it hedges ('one review, I think about the album')
        ("One review, I think about the second album, was cruel.", ["i think"]),
        # a time phrase after 'in', then the view: still a hedge
        ("I believe in the end the bridge will be built.", ["i believe"]),
        ("I believe in March the plan was dropped.", ["i believe"]),
        # review of s26i: a place or a frame of mind after 'in', then a clause (a subject and
        # 'be' or a modal): the view follows, still a hedge; a relative clause that ends at its
        # verb keeps the support
        ("I believe in my heart he is innocent.", ["i believe"]),
        ("I believe in these circumstances he was right to resign.", ["i believe"]),
        ("I believe in the US the law is different.", ["i believe"]),
        ("I believe in the people we serve.", []),
        ("I believe in the man he is.", []),
        ("I believe the plan was dropped.", ["i believe"]),
        ("I think the plan was dropped.", ["i think"]),
    ],
)
def test_believing_in_someone_is_support_not_a_hedge(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # session 26: 'commonly' says how often, like 'usually' ('commonly used', 'more commonly taken')
        ("Those jobs were more commonly taken by men.", []),
        ("The drug is commonly used for back pain.", []),
        # a vague consensus is still read, by the sources (HDG002, not HDG001)
        ("The drug is commonly believed to be safe.", []),
        ("The drug is generally safe.", ["generally"]),
    ],
)
def test_commonly_states_a_frequency_not_a_doubt(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


def test_commonly_believed_is_still_a_vague_attribution() -> None:
    assert [f.code for f in run_scorer(SCORER, "The drug is commonly believed to be safe.")] == ["HDG002"]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # session 26: 'considered by' an agent with no complement after it: examined, not judged
        ("New rules for game ratings are to be considered by the games industry.", []),
        ("The bid was considered by the board on Monday.", []),
        ("The bid was considered by a panel of judges.", []),
        # a complement after the agent judges: still a hedge
        ("He is considered by his peers a genius.", ["is considered"]),
        ("He is considered by his peers the greatest living poet.", ["is considered"]),
        ("The bid is considered by his rivals to be too low.", ["is considered"]),
        ("The bid is considered by his rivals as too low.", ["is considered"]),
        ("The bid was considered too low.", ["was considered"]),
    ],
)
def test_considered_by_an_agent_with_no_complement_is_deliberation(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # session 26: a vague source's verb after an aside between two spaced hyphens or dashes
        (
            "Some economists - including two of the bank's own advisers - warn that rates could rise.",
            [("HDG004", "could", "vague")],
        ),
        ("Officials \u2014 two of them \u2014 said the plant could close.", [("HDG004", "could", "vague")]),
        ("Officials -- two of them -- said the plant could close.", [("HDG004", "could", "vague")]),
        # one hyphen ends the source's clause; an aside with a comma in it is not walked over
        ("Four officials - but said the plant could close.", [("HDG001", "could", "")]),
        ("Officials - two of them, both senior - said the plant could close.", [("HDG001", "could", "")]),
        # a hyphen inside a word is no aside
        ("Officials-two of them-said the plant could close.", [("HDG001", "could", "")]),
        # review of s26i: an aside that names them (a capitalised word) ends the vague source's
        # clause, as one hyphen does: no vague source, as before session 26
        ("Two officials - Mr Smith and Ms Jones - said the plant could close.", [("HDG004", "could", "named")]),
        ("The officials -- Smith among them -- said the plant could close.", [("HDG001", "could", "")]),
        (
            "Critics \u2013 notably the union leader Bob Crow \u2013 say the plant could close.",
            [("HDG001", "could", "")],
        ),
        (
            "Officials - including those at the Treasury - said the plant could close.",
            [("HDG004", "could", "named")],
        ),
    ],
)
def test_a_vague_source_reaches_its_verb_over_an_aside_between_dashes(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert voices(text) == expected


def _hedges(text: str) -> list[tuple[str, str, str]]:
    """Every hedging finding of ``text`` as (code, matched words, source kind), in report order."""
    return [(f.code, f.matched, f.data.get("source", "")) for f in run_scorer(SCORER, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # session 26: a capitalised word set off by a comma does not name the source after it
        (
            "The deal may close on Friday, officials say.",
            [("HDG004", "may", "vague"), ("HDG002", "officials say", "")],
        ),
        (
            "On Monday, officials said the deal may close.",
            [("HDG002", "officials said", ""), ("HDG004", "may", "vague")],
        ),
        # a modifier right before the source still names it, a bracket between them too, and a
        # fronted place its officials ('In Harbourtown, officials said': test_vague_attribution)
        ("In London, officials said the deal may close.", [("HDG004", "may", "named")]),
        ("Kremlin officials say the deal may close.", [("HDG004", "may", "named")]),
        ("The prison may close, Prison Service (HMPS) officials say.", [("HDG001", "may", "")]),
        # a source noun capitalised inside a sentence is a publication ('People', 'Insider')
        ("Kate may attend the gala, People reports.", [("HDG004", "may", "named")]),
        ("According to People, Kate may attend.", [("HDG004", "may", "named")]),
        ("Kate may attend the gala, Insider reported.", [("HDG004", "may", "named")]),
        # a capitalised plural is more likely a sentence whose full stop is missing
        (
            "The rupee fell against the dollar Analysts said rates may rise.",
            [("HDG002", "Analysts said", ""), ("HDG004", "may", "vague")],
        ),
    ],
)
def test_a_capitalised_word_names_a_source_only_beside_it_or_as_a_publication(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _hedges(text) == expected


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # session 28: 'possible' before its noun of what may come names a prospect, as 'potential' does
        ("The ferry firm held talks over a possible takeover of its rival.", []),
        ("Dockers criticised the possible move, saying the port was busy.", []),
        ("The mayor is tipped as a possible future party leader.", []),
        ("Both men face a possible ten-year jail sentence.", []),
        ("There are two possible outcomes: a win or a loss.", []),
        ("The council named three possible candidates for the post.", []),
        # and after 'make' with an object of up to three words
        ("A grant made the whole trip possible.", []),
        ("Volunteers are making the impossible possible.", []),
        # predicative 'possible', and a noun of what is already there, keep their hedge
        ("It is possible the ferry firm will close.", ["possible"]),
        ("It's entirely possible that fares rise.", ["possible"]),
        # nouns as often of what is there or past keep it (review s28r)
        ("Police are looking into a possible sale of stolen goods last week.", ["possible"]),
        ("A possible effect of the drug is damage to the liver.", ["possible"]),
        ("The report flagged a possible increase in fraud last year.", ["possible"]),
        ("A strike seemed possible by Friday.", ["seemed", "possible"]),
        ("Police are looking into a possible break-in at the depot.", ["possible"]),
        ("One possible cause of the fire was a heater.", ["possible"]),
        ("His possible involvement in the fraud is under review.", ["possible"]),
        ("With possible rain, the fair may move indoors.", ["possible", "may"]),
    ],
)
def test_possible_before_a_noun_of_what_may_come_is_no_hedge(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # session 28: a person's 'could' + a verb of a skill or of knowing is past ability
        ("She could swim before she could walk.", []),
        ("Almost all could identify the prime minister.", []),
        ("At every match he could remember, the stands were full.", []),
        ("He could still recall the crash.", []),
        ("Voters who could read the leaflets were few.", []),
        # and one of perception after 'where/when' and a person
        ("Her aunt lifted her to the window where she could see the parade.", []),
        # a forecast keeps its hedge: another verb, no person as subject, perception without 'where'
        ("They could face charges next week.", ["could"]),
        ("Investors could see gains this year.", ["could"]),
        ("They could see their bills rise.", ["could"]),
        ("The clinic could identify the strain within days.", ["could"]),
        # an option not taken ('could/might have' ... 'but' + the subject's own past, or 'instead')
        ("She could have won but lost in the final.", []),
        ("The golfer could have shot lower but didn't.", []),
        ("He could have focused on taxes, but chose to attack his rival.", []),
        # a past verb of another kind carries the guess on (review s28r)
        ("The virus might have originated in bats but jumped to humans.", ["might"]),
        ("The fire could have started in the kitchen but was not found until dawn.", ["could"]),
        ("She might have taken the bus instead of the train.", []),
        # a new subject after 'but', a reaction, or 'have' as the main verb keep the hedge
        ("The fire could have started in the kitchen, but investigators are unsure.", ["could"]),
        ("The aide might have been involved but denied any role.", ["might"]),
        ("The ruling could have a big impact, but lawyers doubt it.", ["could"]),
        # an aside set off by commas without 'as'
        ("The 1920 election, we might recall, was a rout.", []),
        ("The vote, one may remember, was close.", []),
        ("Prices, traders may recall, rose.", ["may"]),
        ("We might recall the ambassador.", ["might"]),
    ],
)
def test_ability_options_not_taken_and_asides_are_no_hedge(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # session 28: 'speculating' after 'be' is a source's verb, as 'claiming' is
        (
            "People are speculating that the singer may retire.",
            [("HDG002", "People are speculating", ""), ("HDG004", "may", "vague")],
        ),
        ("Jo Roe was speculating that the firm may close.", [("HDG004", "may", "named")]),
    ],
)
def test_speculating_after_be_credits_its_clause(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _hedges(text) == expected


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # session 28: a group whose colon opens the list of its members is no vague group
        ("Some highlights: a new bridge, a park and a pool.", []),
        ("The app offers many things: maps, music and games.", []),
        ("Some of the best moments include: the opening goal and the late save.", []),
        ("Some were: a judge, a mayor and a bishop.", []),
        # a verb, a conjunction or a clause break before the colon keeps the vague group
        ("Many fans had one question: where is he?", ["many"]),
        ("There is a threat many people make but few keep: to move abroad.", ["many"]),
        ("Many critics praised it: the best film of the year.", ["many"]),
        ("For many, the question becomes: can it last?", ["many"]),
        # a verb read by its object's opening word; a preposition before the word keeps the label (review)
        ("Many voters want one thing: lower taxes.", ["many"]),
        ("Many voters want the same thing: lower taxes.", ["many"]),
        ("Some highlights of the budget: a tax cut and new schools.", []),
        ("Some key facts about the plan: it costs $5m and ends in May.", []),
    ],
)
def test_a_group_whose_colon_opens_its_list_is_no_vague_group(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # session 29: a 'could' in what is hoped, expected or believed is a prospect, no ability shown
        ("They hope they could identify the fault by Monday.", ["could"]),
        ("The crew expected that they could trace the leak.", ["could"]),
        ("The engineers could identify the fault within an hour.", ["could"]),
        ("As a child she could identify every bird in the garden.", []),
        # verbs of a skill, and perception told with a degree adverb or an '-ing' complement
        ("By the age of six she could paint portraits of her sisters.", []),
        ("He could speak four languages when he left school.", []),
        ("From the hotel he could hear the crowd chanting his name.", []),
        ("In the dim light she could see smoke rising from the roof.", []),
        ("In the fog we could barely see the harbour wall.", []),
        ("Residents could hear more noise from the new runway.", ["could"]),
        ("They could see their rents rise again in spring.", ["could"]),
        # an aside without 'as' is set off on both sides; a fronted phrase before a main clause is none
        ("By Friday, we may know.", ["may"]),
        ("After the count, we might remember.", ["might"]),
        ("The 1950 final, you may remember, went to a replay.", []),
        # an option not taken, the next sentence saying what was done instead
        ("He could have taken the night train. Instead he drove for ten hours.", []),
        ("She might have stayed in the post. But she chose to quit in June.", []),
        ("The leak could have started at the valve. Engineers are still checking.", ["could"]),
        ("The leak could have started at the valve. Instead of waiting, crews shut the plant.", ["could"]),
        ("The virus might have come from bats. But scientists disagree.", ["might"]),
        # 'possible' before a noun of a contest to come
        ("The hearings set up possible contrasts between the two nominees.", []),
        ("A possible showdown between the two clubs looms in May.", []),
        ("A possible clash of the two clubs' fans worries the police.", []),
        ("Police are examining a possible link between the two fires.", ["possible"]),
    ],
)
def test_hoped_ability_asides_and_options_not_taken_of_session_29(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # session 29: a clause whose verb follows the group's plural noun keeps its vague group
        ("Many questions remain: who paid, and when?", ["many"]),
        ("Some problems persist: leaks, delays and noise.", ["some"]),
        ("Many questions still remain: who paid?", ["many"]),
        # a label of nouns, or of a noun and a preposition, is still a list
        ("Some sports stars: a boxer, a jockey and a golfer.", []),
        ("Some things to know: the road is shut and the bus is late.", []),
        ("Some tips for visitors: bring water and a hat.", []),
    ],
)
def test_a_verb_after_the_groups_plural_noun_is_no_list_label(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # session 29: a phrase that modifies the source may stand before its 'be' and progressive verb
        (
            "People close to the coach are speculating that he may resign.",
            [("HDG002", "People close to the coach are speculating", ""), ("HDG004", "may", "vague")],
        ),
        (
            "Officials familiar with the plan are saying the tunnel may close.",
            [("HDG002", "Officials familiar with the plan are saying", ""), ("HDG004", "may", "vague")],
        ),
        # a new subject before 'be' keeps the progressive verb its own
        ("There are rumours she is expecting twins and may retire.", [("HDG004", "may", "named")]),
    ],
)
def test_a_source_with_a_postmodifier_and_a_progressive_verb_credits_its_clause(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _hedges(text) == expected


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # session 29: 'suggesting' after a preposition is what the main clause's subject did
        ("The board caused a row by suggesting a cut in grants.", []),
        ("He resigned after suggesting that the vote was rigged.", []),
        ("The tests are suggesting a fault in the pump.", ["suggesting"]),
        # a concessive 'may' grants a view or a stance before the point made against it
        ("Critics may blame the heat, but the pipes were old.", []),
        ("The chef may know his sauces but can he run a kitchen?", []),
        ("Prices may rise, but wages will too.", ["may"]),
        ("Critics may well blame the heat, but the pipes were old.", ["may well"]),
        ("Critics may blame the heat for the burst pipes.", ["may"]),
        ("The club may argue at the hearing that it was a joke but not a threat.", ["may"]),
        # 'seem' in a yes/no question asks how something will look
        ("Will the mayor seem ready for the debate?", []),
        ("Does the new fee seem fair to drivers?", []),
        ("Doesn't it seem odd that nobody asked?", ["seem"]),
        ("The mayor seems ready for the debate.", ["seems"]),
        # 'widely' before a word of circulation is a spread, no judgement
        ("The leaflet was widely circulated online.", []),
        ("The fears are widely shared among economists.", ["widely"]),
        # a topic's verb before one modifier of 'speculation'
        ("He rejected newspaper speculation that he would quit.", []),
        ("Shares rose amid market speculation that a bid was near.", ["speculation"]),
    ],
)
def test_proposals_concessions_questions_and_topics_of_session_29(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # session 29's review of its own runs: a preposition or a determiner two words back is no topic's verb
        ("Shares jumped amid speculation that the firms will merge.", ["speculation"]),
        ("The biggest speculation is whether she runs again.", ["speculation"]),
        ("The rumour mill bears this out - speculation about the winner has stopped.", ["speculation"]),
        # 'feel' after 'may' foretells an experience, no stance conceded
        ("At first you may feel tired, but the effect passes.", ["may"]),
    ],
)
def test_what_session_29_keeps_hedging(text: str, cues: list[str]) -> None:
    assert authors(text) == cues


def _credited(text: str) -> list[tuple[str, str]]:
    """Each hedge of ``text`` as (code, matched words), HDG001 and HDG004 only."""
    return [(code, words) for code, words, _ in voices(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # session 29 (from the sample of seed 2911): a trailing 'according to' + 'a/an' and a role or body credits the clause
        ("Prices may rise again next year, according to a government spokesman.", [("HDG004", "may")]),
        ("The bridge could close in May, said a council spokeswoman.", [("HDG004", "could")]),
        ("The bridge could close in May, a council spokeswoman said.", [("HDG004", "could")]),
        # near neighbours: the credit introduces only another clause's figure, or a document nobody owns
        ("According to a spokesman, the fund lost £2m, but the plan may fail.", [("HDG001", "may")]),
        ("The fund, according to a government spokesman, lost £2m, and the plan may fail.", [("HDG001", "may")]),
        ("Prices may rise again, according to a February survey.", [("HDG001", "may")]),
        ("The plan may fail, a lawyer said.", [("HDG001", "may")]),
    ],
)
def test_an_indefinite_role_or_body_after_according_to_or_as_subject_credits_the_clause(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _credited(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # session 29: a document as the subject of a verb of saying ('a report suggests') speaks as 'the report' does
        ("Fares could rise by a fifth, a report suggests.", [("HDG004", "could"), ("HDG004", "suggests")]),
        (
            "Prices may rise, but a new study suggests wages could fall.",
            [("HDG001", "may"), ("HDG004", "suggests"), ("HDG004", "could")],
        ),
        (
            "Councils may act after a survey suggested rents could double.",
            [("HDG001", "may"), ("HDG004", "suggested"), ("HDG004", "could")],
        ),
        # near neighbours: the document as an object, or the subject of a relative clause, credits nothing
        ("The minister may reject the report.", [("HDG001", "may")]),
        ("The minister may read the report today.", [("HDG001", "may")]),
        ("The council may shelve a report that suggests fares should rise.", [("HDG001", "may")]),
        # a fronted clause before the document's subject stays the author's
        (
            "While many schools are old, a study found that pupils may learn less.",
            [("HDG001", "many"), ("HDG004", "may")],
        ),
    ],
)
def test_an_indefinite_document_as_the_subject_of_a_verb_of_saying_credits_its_claim(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _credited(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # session 29: a modal in what the pronoun's referent believes or says, in a relative clause on an object
        ("Police have arrested five people they believe may be responsible.", [("HDG004", "may")]),
        ("Police arrested two men whom they believe may have set the fire.", [("HDG004", "may")]),
        ("Police charged two men she says could have set the fire.", [("HDG004", "could")]),
        ("Police have found two men they believe may have set the fire.", [("HDG004", "may")]),
        ("Police may question the men they say could help.", [("HDG001", "may"), ("HDG004", "could")]),
        # near neighbours: the writer's own belief, a subject's relative clause (the modal is the main verb's)
        ("We have found two men we believe may have set the fire.", [("HDG001", "we believe"), ("HDG001", "may")]),
        ("I met two people I believe may know the truth.", [("HDG001", "I believe"), ("HDG001", "may")]),
        ("What they believe may be wrong.", [("HDG001", "may")]),
        ("The things they say may be wrong.", [("HDG001", "may")]),
        ("They believe the fire may have started in the kitchen.", [("HDG001", "may")]),
    ],
)
def test_a_modal_in_what_a_pronoun_source_believes_in_a_relative_clause_is_the_sources(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _credited(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # session 29: a curly quotation nested in a straight one does not close it
        (
            'Roe wrote: "The state did little. “We are nearly done,” perhaps for good, he quoted an analyst." Then she left.',
            [("HDG004", "perhaps")],
        ),
        (
            'He told us: "“It is over,” perhaps, the coach said, and the club may fold."',
            [("HDG004", "perhaps"), ("HDG004", "may")],
        ),
        # a stray straight quote that closes a lost opening ('sign "Exit",') is still closed by the curly one
        (
            'over". It ran above the sign "Exit", twice. It was a “sad day” and it will probably be so again. He said, "Yes.',
            [("HDG001", "probably")],
        ),
        # with no straight quote near to close the outer one, the curly close ends it as before
        ('The banner had "hello “there” and perhaps more' + " x" * 200 + '."', [("HDG001", "perhaps")]),
    ],
)
def test_a_curly_quotation_nested_in_a_straight_one_leaves_the_rest_quoted(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _credited(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # session 29: 'as' + a cue participle + 'by' still credits its agent; an '-ly' adverb before an inference ends the claim
        ("They were planning a trip, as alleged by the report.", [("HDG004", "alleged")]),
        ("They were planning a trip, as alleged by some reports.", [("HDG001", "alleged")]),
        (
            "Jo Roe said pupils did as well, strongly suggesting the meals may be futile.",
            [("HDG001", "suggesting"), ("HDG001", "may")],
        ),
        (
            "Some experts suggest a deal with key states - potentially including Chile - may follow.",
            [("HDG004", "potentially"), ("HDG004", "may")],
        ),
    ],
)
def test_what_session_29s_crediting_readings_keep(text: str, expected: list[tuple[str, str]]) -> None:
    assert _credited(text) == expected


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # review s29q: the session-29 readings must not take a true hedge of the writer's
        # a concessive 'may' grants a view; knowing grants only a thing of one's own
        ("The mayor may know about the leak, but he has said nothing.", ["may"]),
        ("Investors may see gains, but the risks are high.", ["may"]),
        ("The council may want to sell the land, but no decision has been made.", ["may"]),
        ("The board may agree to the deal, but shareholders must vote first.", ["may"]),
        ("The chef may know his sauces, but can he run a kitchen?", []),
        ("Your nephew may want a new bike this year, but a savings account lasts longer.", []),
        # 'see' with an '-ing' complement foretells; a skill before an event is a prospect
        ("We could see interest rates climbing further.", ["could"]),
        ("She could speak at the conference next week.", ["could"]),
        ("They could draw criticism from the unions.", ["could"]),
        ("From the hotel he could hear the crowd chanting his name.", []),
        ("In the dim light she could see smoke rising from the roof.", []),
        ("He could speak four languages when he left school.", []),
        # the next sentence must say what the one who had the option did instead
        ("The fire could have started in the kitchen. But investigators lost the evidence instead.", ["could"]),
        ("He could have taken the night train. He drove instead.", []),
        ("He could have taken the night train. But he chose to drive.", []),
        # 'seem' in a clause inside a question is the clause's hedge
        ("Do you know why the figures seem wrong?", ["seem"]),
        ("Did anyone notice that the figures seem wrong?", ["seem"]),
        ("Does the fee seem fair?", []),
    ],
)
def test_the_session_29_readings_keep_the_writers_own_hedges(text: str, cues: list[str]) -> None:
    assert authors(text) == cues
