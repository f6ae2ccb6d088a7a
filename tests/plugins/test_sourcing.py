"""Sourcing scorer (SRC): uncredited quotations, unattributed articles, evidence features."""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import Any

import pytest
from copydesk import Assessment, Context
from copydesk.conformance import assert_conformance
from copydesk.plugins import sourcing
from copydesk.plugins.sourcing import features as src
from copydesk.plugins.sourcing import patterns, speakers
from copydesk.testing import codes, document, run_scorer

SCORER = sourcing.copydesk_scorers()[0]

CREDITED = '"We have waited three years for this road," said Ann Cole, who chairs the residents group.'
UNCREDITED = 'Residents were angry. "We have waited three years for this road." Work is due to start in May.'
FILLER = "The council met again and the plan for the new road was approved by a large majority. "


def assess(text: str, **settings: Any) -> Assessment:
    """Score ``text`` directly with the defaults overlaid by ``settings``."""
    return sourcing.score(document(text), Context(settings=MappingProxyType({**sourcing.DEFAULTS, **settings})))


def readings(text: str) -> list[str]:
    """SRC001's code once per quotation the speaker readings leave uncredited, whatever its shape.

    The readings decide whether a quotation is credited (the quotation features count them); SRC001
    then flags only the uncredited ones that :func:`sourcing.stands_alone`, tested on its own.
    """
    return ["SRC001" for quote in src.quotation_list(document(text).body) if not quote.credited]


def feature(text: str, name: str) -> float:
    """One sourcing feature of ``text``."""
    return src.features(document(text))[name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(CREDITED, [], id="quotation-with-named-speaker"),
        pytest.param(UNCREDITED, ["SRC001"], id="quotation-without-speaker"),
        pytest.param('She said: "We have waited three years."', [], id="speaker-before-the-quotation"),
        pytest.param('"We have waited three years for this," she told reporters.', [], id="pronoun-and-verb-credit"),
        pytest.param('Critics call it a "road to nowhere".', [], id="three-word-scare-quote-not-judged"),
        pytest.param("\u201cWe will not stop until the road is built.\u201d", ["SRC001"], id="curly-quotes"),
        pytest.param(
            'Residents were angry. "We have waited three years for this road,\n and longer."', [], id="quote-over-lines"
        ),
    ],
)
def test_uncredited_quotation(text: str, expected: list[str]) -> None:
    assert codes(assess(text).findings) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(UNCREDITED, ["SRC001"], id="opens-a-sentence"),
        pytest.param(
            '"We have waited three years for this road." Work starts in May.', ["SRC001"], id="opens-the-text"
        ),
        pytest.param('Tempers ran high.\n"We have waited three years for this road."', ["SRC001"], id="opens-a-line"),
        pytest.param('Tempers ran high at the depot: "We have waited three years."', ["SRC001"], id="after-a-colon"),
        pytest.param('The new town policy is "no road without the valley" for now.', ["SRC001"], id="after-a-copula"),
        pytest.param('The depot\'s "steady but never hurried" rule is famous.', ["SRC001"], id="after-a-possessive"),
        pytest.param('The plan was called a "road to nowhere and back" last year.', [], id="inside-the-sentence"),
        pytest.param(
            'Fines are due for a "long and repeated run of late trains" here.', [], id="a-fragment-after-for-a"
        ),
        pytest.param('Tempers ran high ... "we have waited three years" ... and more.', [], id="after-an-ellipsis"),
        # an abbreviation's stop ends no sentence (review s21v)
        pytest.param('Trade with the U.S. "has never been this hard for us" now.', [], id="after-an-abbreviation"),
        pytest.param('The visit by Dr. "we have waited three years" Bell was brief.', [], id="after-a-title"),
        pytest.param('Tempers ran high in the town. "We have waited three years."', ["SRC001"], id="after-a-word-stop"),
    ],
)
def test_src001_flags_only_quotations_that_stand_alone(text: str, expected: list[str]) -> None:
    """SRC001 flags an uncredited quotation opening a sentence, line or text, or after a colon, copula or possessive."""
    assert readings(text) == ["SRC001"]
    assert codes(assess(text).findings) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('Bolton boss Sam Allardyce: "I am bitterly disappointed with the result."', [], id="name-colon"),
        pytest.param('Mr Negroponte - "We will ship a million laptops next year."', [], id="name-spaced-dash"),
        pytest.param('Reaction.\n- Bolton boss Sam Allardyce "I am bitterly disappointed."', [], id="list-line-credit"),
        pytest.param('BBC NEWS: "We have waited three years for this road."', ["SRC001"], id="capitals-are-no-name"),
        pytest.param('Residents were angry: "We have waited three years for this road."', ["SRC001"], id="no-name"),
        pytest.param('Sam Allardyce:\n"I am bitterly disappointed with the result."', ["SRC001"], id="other-line"),
        pytest.param(
            'Sam Allardyce was there and the whole crowd stood up - "I am bitterly disappointed."',
            ["SRC001"],
            id="dash-after-a-clause",
        ),
        pytest.param(
            'Reaction.\n- One two three four five six seven Sam Allardyce "I am bitterly disappointed."',
            ["SRC001"],
            id="list-line-too-long-for-a-credit",
        ),
    ],
)
def test_name_set_off_before_a_quotation_credits_it(text: str, expected: list[str]) -> None:
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Maria Okafor won the prize for best director. Okafor thanked her family and "the people who believed '
            'in this film when nobody else did".',
            [],
            id="named-subject-other-verb",
        ),
        pytest.param(
            'Mr Patel went on to suggest the plan was "a gift to the big developers in the south".', [], id="honorific"
        ),
        pytest.param(
            'She described the ruling as "a victory for every family on the estate".', [], id="pronoun-subject"
        ),
        pytest.param(
            'Accepting the prize, Okafor described the jury as "the bravest panel she had ever faced in Europe".',
            [],
            id="subject-after-an-introduction",
        ),
        pytest.param('"I knew the bridge would open before I retired," he joked.', [], id="pronoun-and-verb-after"),
        pytest.param(
            '"You only get one chance to run at home like that," agreed Ann Cole.', [], id="verb-then-name-after"
        ),
        pytest.param(
            'Critics described the ruling as "a victory for nobody but the lawyers".', ["SRC001"], id="no-name"
        ),
        pytest.param('Okafor was described as "the most gifted director of her generation".', ["SRC001"], id="copula"),
        pytest.param(
            'Maria Okafor won the prize after the jury praised "a film of rare and quiet power".',
            ["SRC001"],
            id="another-clause-holds-it",
        ),
        pytest.param(
            'The minutes thanked the crew and "the people who believed in this film".', ["SRC001"], id="common-noun"
        ),
    ],
)
def test_named_subject_of_the_quotations_clause_credits_it(text: str, expected: list[str]) -> None:
    """A named subject (or he/she/they) of the clause holding a quotation is its speaker, whatever the verb."""
    assert readings(text) == expected


#: A quotation whose sentence runs on for more than 100 characters after it.
LONG_SENTENCE = (
    'The campaign against the bypass wants "a proper public inquiry into the whole scheme" before any of the '
    "fields beside the river are sold off to the developers who bought the old mill next spring."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(LONG_SENTENCE + " Ann Cole said the council had ignored residents.", [], id="name-said"),
        pytest.param(LONG_SENTENCE + " She added that nobody had asked the farmers.", [], id="she-added"),
        pytest.param(LONG_SENTENCE + " The council met on Monday.", ["SRC001"], id="no-speaker-next"),
        pytest.param(
            LONG_SENTENCE + " The council met on Monday. She said nobody had asked.", ["SRC001"], id="two-sentences-on"
        ),
    ],
)
def test_speaker_opening_the_next_sentence_credits_a_quotation(text: str, expected: list[str]) -> None:
    """'She said' / 'NAME said' opening the sentence right after the quotation's sentence credits it."""
    assert readings(text) == expected


INTRODUCED = "Ann Cole, who chairs the residents group on the estate, said: "
NARRATIVE = "Residents met on Monday evening in the village hall to hear the plans for the new road and the bridge."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            INTRODUCED + '"We have waited three years for this road. "Every winter the lane floods and the school bus '
            'cannot reach the farms up the valley. "We will keep pressing the council until the work begins."',
            [],
            id="paragraphs-run-on-one-line",
        ),
        pytest.param(
            INTRODUCED + '"We have waited three years for this road, and every winter the lane floods so badly that '
            'the bus cannot reach the farms.\n\n"We will keep pressing the council until the work begins."',
            [],
            id="paragraph-after-one-left-unclosed",
        ),
        pytest.param(
            '"We have waited three years for this road," said Ann Cole, who chairs the residents group on the '
            'estate and has lived in the village for over forty years.\n\n"Every winter the lane floods and the '
            'school bus cannot reach the farms."',
            [],
            id="paragraph-after-a-credited-quotation",
        ),
        pytest.param(
            '"I knew the bridge would open before I retired," he joked. "It only took thirty years of letters to the '
            'council and two public inquiries."',
            [],
            id="after-the-speakers-tag",
        ),
        pytest.param(
            NARRATIVE + '\n\n"Every winter the lane floods and the school bus cannot reach the farms."',
            ["SRC001"],
            id="paragraph-after-narrative",
        ),
        pytest.param(
            INTRODUCED + '"We have waited three years for this road, and every winter the lane floods so badly that '
            "the bus cannot reach the farms.\n\n" + NARRATIVE + '\n\n"We will keep pressing the council until '
            'the work begins."',
            ["SRC001"],
            id="a-paragraph-between",
        ),
        pytest.param(
            NARRATIVE + ' "We have waited three years for this road. "Every winter the lane floods and the bus '
            'cannot reach the farms up the valley. "We will keep pressing the council until the work begins."',
            ["SRC001", "SRC001"],
            id="uncredited-run-stays-uncredited",
        ),
    ],
)
def test_follow_on_quotation_goes_on_with_the_previous_speaker(text: str, expected: list[str]) -> None:
    """A quotation opening a paragraph or sentence after one left unclosed (or a credited one) is the same speaker's."""
    assert readings(text) == expected


def test_piece_asks_its_own_credit_only_when_no_previous_speaker_credits_it_and_then_once() -> None:
    """A piece's own credit (its windows, a name before it) and the speaker readings are asked lazily, each once."""
    asked: list[str] = []

    def answer(name: str, value: bool) -> Callable[[], bool]:
        return lambda: asked.append(name) is None and value

    piece = speakers.Piece(0, 10, False, answer("own", False), answer("more", True))
    assert piece.credited(True) and asked == []
    assert piece.credited(False) and piece.credited(False)
    assert asked == ["own", "more"]
    credited = speakers.Piece(0, 10, False, answer("own", True), answer("more", False))
    assert credited.credited(False) and asked == ["own", "more", "own"]


def test_uncredited_quotation_points_at_the_quotation() -> None:
    [finding] = assess(UNCREDITED).findings
    assert finding.matched == '"We have waited three years for this road."'
    assert (finding.line, finding.column) == (1, 23)
    assert finding.message == "Quotation of 8 words has no verb of saying or 'according to' within 100 characters"
    assert finding.matched in finding.excerpt


@pytest.mark.parametrize(
    ("text", "settings", "expected"),
    [
        pytest.param(FILLER * 12, {}, ["SRC002"], id="long-article-attributing-nothing"),
        pytest.param(FILLER * 12 + "Maria Lopez said the vote was fair.", {}, [], id="named-source-with-verb"),
        pytest.param(FILLER * 12 + "The cost, according to the audit, rose.", {}, [], id="according-to"),
        pytest.param(FILLER * 12 + CREDITED, {}, [], id="credited-quotation"),
        pytest.param(FILLER * 12 + "Officials said the vote was fair.", {}, ["SRC002"], id="officials-are-not-named"),
        pytest.param(FILLER * 5, {}, [], id="short-article-not-judged"),
        pytest.param(FILLER * 5, {"min_words": 50}, ["SRC002"], id="min-words-from-settings"),
    ],
)
def test_unattributed_article(text: str, settings: dict[str, Any], expected: list[str]) -> None:
    assert codes(assess(text, **settings).findings) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("The Transport Department said the road would open in May.", [], id="named-body-says"),
        pytest.param("The Harbour Trust had also said it would pay.", [], id="named-body-after-auxiliary"),
        pytest.param("Work stopped when the Port Authority warned of delays.", [], id="named-body-mid-sentence"),
        pytest.param("The Daily Courier reported the vote on Friday.", [], id="newspaper-reports"),
        pytest.param("Ann Cole's legal team argued that the vote was void.", [], id="possessive-name-says"),
        pytest.param("She says that the road will help her shop.", [], id="she-says"),
        pytest.param("He later claimed the vote had been rigged.", [], id="he-claimed"),
        pytest.param("The KNA news agency reported heavy rain in the hills.", [], id="agency-initials-report"),
        pytest.param("ZTV reports that the bridge has closed.", [], id="broadcaster-initials-report"),
        pytest.param("A police source told KNA that two men were held.", [], id="told-agency-initials"),
        pytest.param("ANN COLE: Why not vote now? JO ROE: Because the plan is not ready.", [], id="transcript-labels"),
        pytest.param("The opposition argues the plan is too costly.", ["SRC002"], id="lower-case-body-names-nobody"),
        pytest.param("The medical report stated that nobody was hurt.", ["SRC002"], id="unnamed-document"),
        pytest.param("Let's just say the plan was not popular.", ["SRC002"], id="contraction-is-no-possessive"),
        pytest.param("Critics say the plan is too costly.", ["SRC002"], id="bare-plural-names-nobody"),
        pytest.param("The man who said it was fair has left.", ["SRC002"], id="relative-clause-is-no-subject"),
        pytest.param(
            "VIDEO: the road at night. UPDATE: the road is shut.", ["SRC002"], id="labels-that-are-no-speakers"
        ),
        pytest.param("ANN COLE: Why not vote now?", ["SRC002"], id="one-label-is-no-transcript"),
        pytest.param("Residents told the KNA reporter nothing had changed.", [], id="told-the-agency-reporter"),
        pytest.param("They said the plan was fair.", ["SRC002"], id="they-says-names-nobody"),
        pytest.param("The US economy added 200,000 jobs in May.", ["SRC002"], id="initials-adding-a-count"),
        pytest.param("The Harbour Trust added two cranes last year.", ["SRC002"], id="named-body-adding-things"),
        pytest.param("He added that the plan was fair.", [], id="he-added"),
        pytest.param("Mr Cole revealed that two members had resigned.", [], id="honorific-name-revealed"),
        pytest.param("Speaker Ann Cole has denied any wrongdoing.", [], id="name-has-denied"),
        pytest.param("He conceded that the plan was late.", [], id="he-conceded"),
        pytest.param(
            "The budget rose by 4%, the treasurer, Ann Cole, said.", [], id="name-set-off-after-its-role-then-said"
        ),
        pytest.param("We met the treasurer, Ann Cole, in May.", ["SRC002"], id="name-set-off-without-a-verb"),
        pytest.param("The budget rose by 4%, the treasurer, Ann Cole, added.", [], id="name-set-off-then-added"),
        pytest.param("The storm hit New York, said to be the worst hit.", ["SRC002"], id="place-said-to-be"),
        pytest.param("The revealed plan was late and nobody denied it.", ["SRC002"], id="no-subject-for-the-verbs"),
        pytest.param("The Harbour Trust originally said the pier would stay.", [], id="named-body-adverb-said"),
        pytest.param("She has publicly denied the claims.", [], id="she-auxiliary-and-adverb-denied"),
        pytest.param("The Harbour Trust originally planned a pier.", ["SRC002"], id="named-body-adverb-no-saying"),
        pytest.param("The US economy quickly added 200,000 jobs.", ["SRC002"], id="initials-adverb-adding-a-count"),
    ],
)
def test_unattributed_article_reads_attributions_without_a_two_word_name(sentence: str, expected: list[str]) -> None:
    assert codes(assess(FILLER * 12 + sentence).findings) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'The plan would be funded by "closing loopholes for the very richest firms".', [], id="plan-as-subject"
        ),
        pytest.param(
            'The river safety (amendment) bill would give councils a duty to act with "speed, care and openness'
            ' at every stage".',
            [],
            id="bill-with-a-bracketed-word",
        ),
        pytest.param(
            'The plan was dropped, and the town was left with "a hole in the budget of every school".',
            ["SRC001"],
            id="clause-break-after-the-document",
        ),
        pytest.param(
            'The weather would be blamed for "a hole in the budget of every school".', ["SRC001"], id="no-document"
        ),
        pytest.param(
            'The city transport policy is "no road for anyone without a vote for everyone" this year.',
            ["SRC001"],
            id="a-policy-named-by-a-copula",
        ),
        pytest.param(
            'The harbour policy on anchoring fees is a mistake: "It was rushed through in a week by the board."',
            ["SRC001"],
            id="words-about-a-policy-after-a-colon",
        ),
        pytest.param(
            'The planners\' bus would carry "the loudest band in the whole county".',
            ["SRC001"],
            id="document-word-inside-another",
        ),
    ],
)
def test_a_document_as_its_clause_subject_credits_a_quotation(text: str, expected: list[str]) -> None:
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("A Harbour Gazette report said the pier would close.", [], id="a-named-paper-s-report"),
        pytest.param("The band topped the Valley Echo list for a second year.", [], id="the-named-paper-s-list"),
        pytest.param(
            "The road was voted the worst in a poll by weekly magazine Road Notes.", [], id="a-poll-by-a-name"
        ),
        pytest.param("Vale Film Makers figures showed that ticket sales fell.", [], id="a-named-body-s-figures-showed"),
        pytest.param("The Port Trust's 2019 report blamed the tides.", [], id="a-possessive-name-s-report"),
        pytest.param("The medical report said nobody was hurt.", ["SRC002"], id="a-document-with-no-name"),
        pytest.param("The band won a three-month public poll.", ["SRC002"], id="a-poll-with-no-name"),
        pytest.param("Sites such as Vale Game Review list over 200 games.", ["SRC002"], id="a-verb-list-after-a-name"),
        pytest.param("She rose in the Queen's Birthday Honours List.", ["SRC002"], id="a-capitalised-noun-is-a-title"),
        pytest.param("The Rest Study is a way to examine the body.", ["SRC002"], id="a-study-s-title"),
        pytest.param("Critics blamed Ann Cole's fall in the polls on the press.", ["SRC002"], id="a-name-s-polls"),
        pytest.param("Ann Cole's poll numbers fell in May.", ["SRC002"], id="a-name-s-poll-is-her-standing"),
        pytest.param("Official figures showed that sales fell.", ["SRC002"], id="one-word-opening-a-sentence"),
        pytest.param("The report by Monday was late.", ["SRC002"], id="by-a-weekday"),
        # words of a title that name nobody (review s27r), before the noun or after 'by'
        pytest.param("The Top Ten list of walks is out.", ["SRC002"], id="a-count-in-a-title"),
        pytest.param("The Final report was late.", ["SRC002"], id="an-adjective-in-a-title"),
        pytest.param("The Latest figures showed a rise.", ["SRC002"], id="latest-is-no-name"),
        pytest.param("Tonight's list of events is long.", ["SRC002"], id="tonight-is-no-possessor"),
        pytest.param("A report by next Christmas is due.", ["SRC002"], id="by-a-holiday"),
        pytest.param("The Latest Vale Gazette figures showed a rise.", [], id="a-name-after-a-title-word"),
    ],
)
def test_unattributed_article_reads_a_poll_list_or_document_credited_to_a_name(
    sentence: str, expected: list[str]
) -> None:
    assert codes(assess(FILLER * 12 + sentence).findings) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a lower-case noun standing for a body or person the copy has named (attribution.ROLE_NOUNS)
        pytest.param("The Vale-based brewery said it would shut two pubs.", [], id="the-firm-s-description-said"),
        pytest.param("The pier will reopen in May, the show announced on Friday.", [], id="the-show-announced"),
        pytest.param("The mayor's re-election campaign announced two rallies.", [], id="a-possessive-s-campaign"),
        pytest.param("The star admitted that the tour had been too long.", [], id="the-star-admitted"),
        pytest.param("The insider admitted that the tour had been too long.", ["SRC002"], id="an-unnamed-source"),
        pytest.param("The medical report said nobody was hurt.", ["SRC002"], id="a-document-still-names-nobody"),
        pytest.param("The local group said the road was unsafe.", ["SRC002"], id="a-group-may-be-anyone"),
        pytest.param("The firm added 200 jobs in May.", ["SRC002"], id="a-firm-adding-a-count"),
        # a phrase set off by commas between a name and its verb, the name with a second capital
        pytest.param(
            "Col. Ann McRoe, head of the hospital's dental lab, told reporters the wound was old.",
            [],
            id="a-name-then-a-phrase-set-off-then-told",
        ),
        pytest.param("Ann McRoe, who was at the dental lab, revealed the wound was old.", [], id="a-relative-set-off"),
        pytest.param("Ann Cole, described by friends as shy, left the lab.", ["SRC002"], id="described-is-passive"),
        pytest.param(
            "Ann McRoe, head of the lab, and nine more people were there.", ["SRC002"], id="a-phrase-set-off-no-verb"
        ),
        # "and" in a possessive body's name
        pytest.param("Vale Police's Road and Rail Crime unit announced two arrests.", [], id="and-in-a-body-s-name"),
        pytest.param("Ann Cole's cats and dogs announced nothing.", ["SRC002"], id="and-between-lower-case-words"),
        # describe ... as
        pytest.param("The Harbour Trust describes the pier as a hazard.", [], id="a-named-body-describes"),
        pytest.param("Ann Cole has described the plan as a failure.", [], id="a-name-has-described"),
        pytest.param("The pier was described as a hazard.", ["SRC002"], id="described-with-no-speaker"),
        # a credit put after the words, "The" and a name
        pytest.param("Most of them live in the town, reports The Vale Gazette.", [], id="reports-the-named-paper"),
        pytest.param("The pier is a hazard, said The Harbour Trust.", [], id="said-the-named-body"),
        pytest.param("Most of them live in the town, reports The Monday paper.", ["SRC002"], id="reports-the-weekday"),
        pytest.param("Reports The Gazette made were late.", ["SRC002"], id="no-comma-before-the-verb"),
        # a name's titled document, its noun capitalised
        pytest.param("She was named in the Vale Gazette's The 100 Power List 2024.", [], id="a-name-s-titled-list"),
        pytest.param("She rose in the Queen's Birthday Honours List.", ["SRC002"], id="no-the-opening-the-title"),
        # an embedded post with its author
        pytest.param("The road flooded. — Ann Cole (@anncole) May 3, 2021", [], id="an-embed-s-signature"),
        pytest.param('Roads shut. <tweet pic="" author="anncole" id="7">Roads shut</tweet>.', [], id="a-post-s-markup"),
        pytest.param("Write to us (@valegazette) on May 3, 2021.", ["SRC002"], id="a-handle-with-no-signature"),
        # a surname alone once the copy gave the whole name; a name after "told by" (session 29's sample)
        pytest.param("Ann Cole runs the lab. Cole described the pier as a wreck.", [], id="a-surname-given-before"),
        pytest.param("Ann Cole met the mayor. Later, Cole has denied it.", [], id="a-surname-with-a-helper"),
        pytest.param("Cole described the pier as a wreck.", ["SRC002"], id="a-surname-never-given"),
        pytest.param("Critics described the pier as a wreck.", ["SRC002"], id="a-plural-is-no-surname"),
        pytest.param("The Police met. Police denied it.", ["SRC002"], id="the-is-no-given-name"),
        pytest.param(
            "Police Scotland shut the road. Later, Scotland denied the claims.",
            ["SRC002"],
            id="a-body-s-word-is-no-given-name",
        ),
        pytest.param("New York shut the road. Later, York denied it.", ["SRC002"], id="a-title-word-is-no-given-name"),
        pytest.param("The house is for sale, as told by the exclusive agent Ann Cole.", [], id="as-told-by-a-name"),
        pytest.param("The house is for sale, as told by ZTV.", [], id="told-by-initials"),
        pytest.param("She was told by doctors to rest.", ["SRC002"], id="told-by-a-common-noun"),
        pytest.param("She was told by a friend in May.", ["SRC002"], id="told-by-someone-unnamed"),
        # a quotation signed after a dash at the end of its line, and a source line
        pytest.param("\n\u201cWe will not go back. \u201c \u2013 Ann Cole", [], id="a-quotation-signed-after-a-dash"),
        pytest.param('\n"It is late." - Cole\nThe pier shut.', [], id="signed-with-a-surname-then-a-line"),
        pytest.param('\n"It is late." - Cole was there too.', ["SRC002"], id="a-dash-then-a-sentence"),
        pytest.param('\nThe "new" pier - Monday', ["SRC002"], id="a-dash-then-a-weekday"),
        pytest.param("\nSources: Vale Gazette, Harbour Trust", [], id="a-sources-line"),
        pytest.param("\nSource: valegazette.com", [], id="a-source-line-naming-a-site"),
        pytest.param("\nSource: unknown", ["SRC002"], id="a-source-line-naming-nobody"),
        pytest.param("The source: a leaked memo.", ["SRC002"], id="source-inside-a-sentence"),
        # a surname with a phrase set off before its verb, the whole name given anywhere; a "From NAME:" line
        pytest.param(
            "Cole, who had known her for years, initially claimed she fell. Ann Cole was jailed in May.",
            [],
            id="a-surname-set-off-name-given-after",
        ),
        pytest.param(
            "Cole, who had known her for years, initially claimed she fell.", ["SRC002"], id="set-off-never-given"
        ),
        pytest.param("\nFrom the Vale Gazette:\nThe pier shut in May.", [], id="a-from-line-naming-a-paper"),
        pytest.param("\nFrom the Daily Courier:\nThe pier shut in May.", [], id="a-from-line-with-a-title-word"),
        pytest.param("\nFrom Around the Web:\nThe pier shut in May.", ["SRC002"], id="a-site-box-label"),
        pytest.param("\nFrom Twitter:\nThe pier shut in May.", ["SRC002"], id="a-platform-is-no-source"),
        pytest.param("\nFrom Harbour Trust: the pier shut.", ["SRC002"], id="from-with-words-after-the-colon"),
        pytest.param("She came from New York: a long way.", ["SRC002"], id="from-a-place-in-a-sentence"),
        # review s29q: near misses of session 29's readings
        pytest.param("They were told by US officials to leave.", ["SRC002"], id="told-by-initials-before-a-plural"),
        pytest.param("They were told by the BBC that it would air.", [], id="told-by-initials-before-that"),
        pytest.param('\nThe album "Blue Skies" - Ann Cole\nIt sold well.', ["SRC002"], id="a-title-and-its-author"),
        pytest.param('\n"It is late," - Ann Cole', [], id="a-quotation-closing-on-a-comma-signed"),
        pytest.param("\nSource: Vale Images", ["SRC002"], id="a-picture-s-source"),
        pytest.param("\nSource: I made it up", ["SRC002"], id="a-source-line-of-the-writer"),
        pytest.param('Roads shut. <tweet pic="" id="7">Roads shut</tweet>.', ["SRC002"], id="a-post-with-no-author"),
        # round 2: an outlet told, a count, "expressed", "per"
        pytest.param(
            "Two sources confirmed to KNANews that the deal was off.", [], id="confirmed-to-an-outlet-s-initials"
        ),
        pytest.param("The deal was off, a source told ZTVNews.", [], id="told-initials-glued-to-a-word"),
        pytest.param("The deal was confirmed to be off.", ["SRC002"], id="confirmed-to-be"),
        pytest.param("The race is close, based on an Ashford Press count.", [], id="a-named-agency-s-count"),
        pytest.param("The race is close, based on the latest count.", ["SRC002"], id="a-count-with-no-name"),
        pytest.param("Envoy Ann Cole expressed concern over the delay.", [], id="a-name-expressed-concern"),
        pytest.param("The delay expressed itself in long queues.", ["SRC002"], id="a-thing-expressed"),
        pytest.param("Per the palace, 9,000 cups of tea were served.", [], id="per-the-palace"),
        pytest.param("The pier will shut, per Vale Gazette.", [], id="per-a-name"),
        pytest.param("Per Holm scored twice in the second half.", ["SRC002"], id="per-is-a-given-name"),
        pytest.param("Prices rose 4 per cent in May.", ["SRC002"], id="per-cent"),
        pytest.param("The fees are set per the rules.", ["SRC002"], id="per-the-rules"),
        pytest.param("Fees are £100 per company and £20 per show.", ["SRC002"], id="per-a-role-noun-without-the"),
        pytest.param("Earnings per Share rose to 40p.", ["SRC002"], id="per-a-capitalised-unit"),
        pytest.param("The pier will shut, per Reuters.", [], id="per-a-one-word-name"),
        # round 3: two phrases set off, adverbs of how it was said, a website's name
        pytest.param(
            "Ann Roe, founder of the Vale Fund (VF), one of the groups through which the money is paid, said it"
            " was a start.",
            [],
            id="two-phrases-set-off-then-said",
        ),
        pytest.param(
            "Ann Cole, 45, a nurse from the town, revealed the pier was unsafe.", [], id="an-age-and-a-job-set-off"
        ),
        pytest.param(
            "When Ann Cole, the mayor, lost the vote, the town was quiet.", ["SRC002"], id="phrases-set-off-no-verb"
        ),
        pytest.param("He has firmly declared his innocence.", [], id="he-has-firmly-declared"),
        pytest.param("valegazette.com exclusively reports that the pier will shut.", [], id="a-website-reports"),
        pytest.param("Visit valegazette.com for more news about the pier.", ["SRC002"], id="a-website-with-no-verb"),
    ],
)
def test_session_28_unattributed_article_readings(sentence: str, expected: list[str]) -> None:
    assert codes(assess(FILLER * 12 + sentence).findings) == expected


def test_unattributed_article_points_at_the_first_sentence() -> None:
    [finding] = assess(FILLER * 12).findings
    assert finding.matched == FILLER.strip()
    assert finding.message.startswith("Article of 204 words attributes nothing")


@pytest.mark.parametrize("value", [0, -5, 1.5, "150"])
def test_min_words_out_of_range_names_the_key(value: object) -> None:
    with pytest.raises(ValueError, match=r"\[plugins.sourcing\] min_words"):
        assess(FILLER * 12, min_words=value)


def test_the_settings_check_refuses_what_scoring_would_fail_on() -> None:
    assert list(sourcing.check({"min_words": 0})) == [("min_words", "must be at least 1, not 0")]
    assert list(sourcing.check({"min_words": 1})) == []


def test_subscore_is_one_whatever_the_findings() -> None:
    assert assess(FILLER * 12 + UNCREDITED).subscore == 1.0


def test_selection_applies_to_the_findings_and_src001_is_opt_in() -> None:
    assert codes(run_scorer(SCORER, FILLER * 12 + UNCREDITED)) == ["SRC002"]  # ALL leaves the opt-in rule off
    assert codes(run_scorer(SCORER, FILLER * 12 + UNCREDITED, select=["SRC"])) == ["SRC002"]
    assert codes(run_scorer(SCORER, FILLER * 12 + UNCREDITED, select=["ALL", "SRC001"])) == ["SRC002", "SRC001"]
    assert codes(run_scorer(SCORER, FILLER * 12 + UNCREDITED, select=["SRC001"])) == ["SRC001"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Maria Lopez said the vote was fair.", 1, id="name-then-verb"),
        pytest.param("The vote was fair, said Maria Lopez.", 1, id="verb-then-name"),
        pytest.param("The vote was fair, according to Maria Lopez.", 1, id="according-to-name"),
        pytest.param("Mr Brown said the vote was fair.", 1, id="honorific-single-name"),
        pytest.param("Officials said the vote was fair.", 0, id="sentence-initial-common-noun"),
        pytest.param("Police said the road was closed.", 0, id="sentence-initial-police"),
        pytest.param("Reuters reported the vote.", 1, id="agency-at-sentence-start"),
        pytest.param("We spoke to Smith at noon. Smith said the vote was fair.", 1, id="surname-seen-mid-sentence"),
        pytest.param("The vote was held, he said on Tuesday.", 0, id="weekday-is-not-a-name"),
        pytest.param("He said in March that it was fair.", 0, id="month-is-not-a-name"),
    ],
)
def test_named_sources(text: str, expected: int) -> None:
    assert src.named_sources(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The flood hit homes in Leeds.", 1, id="town"),
        pytest.param("Talks began in March.", 0, id="month"),
        pytest.param("The talks began on a Monday in Geneva, Switzerland.", 1, id="place-with-country"),
        pytest.param("The figures came from Reuters.", 0, id="news-agency"),
        pytest.param("He spoke at the Health Ministry.", 0, id="institution"),
        pytest.param("She fled from the Gaza Strip.", 1, id="two-word-place"),
        pytest.param("The letter from Mr Brown arrived.", 0, id="honorific"),
    ],
)
def test_places(text: str, expected: int) -> None:
    assert src.places(text) == expected


def test_short_brief_evidence_densities_shrink_toward_typical_rates() -> None:
    """A 10-word brief without a date is pulled toward 4 per 1,000 words, not read as 0."""
    brief = "The council approved the new road plan after a long debate."
    assert feature(brief, "dates_per_1000_words") == pytest.approx(4.0 * 300 / 1000 / (11 + 300) * 1000)
    assert feature(brief + " It met on Tuesday.", "dates_per_1000_words") > feature(brief, "dates_per_1000_words")


def test_forty_word_brief_rates_use_the_300_word_floor() -> None:
    text = "Maria Lopez said the vote was fair. " + "The plan was approved. " * 8
    assert document(text).body.word_count == 39
    assert feature(text, "said_per_1000_words") == pytest.approx(1000 / 300)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        pytest.param("No quotations at all here.", "uncredited_quotation_share", 0.2, id="no-quotes-is-the-prior"),
        pytest.param(UNCREDITED, "uncredited_quotation_share", (1 + 0.6) / 4, id="one-uncredited"),
        pytest.param(CREDITED, "uncredited_quotation_share", 0.6 / 4, id="one-credited"),
        pytest.param("He said it. She says so.", "past_tense_said_share", (1 + 2.4) / 5, id="past-share-smoothed"),
        pytest.param("LONDON (Reuters) - The vote was held.", "dateline", 1.0, id="dateline"),
        pytest.param("The vote was held in London.", "dateline", 0.0, id="no-dateline"),
        pytest.param("It cost 12 dollars.", "digit_share", 2 / 19, id="digit-share"),
    ],
)
def test_feature_values(text: str, name: str, expected: float) -> None:
    assert feature(text, name) == pytest.approx(expected)


def test_titled_names_count_a_role_before_a_name() -> None:
    plain = "The vote was fair and the plan was approved."
    titled = "Foreign Minister Sergei Lavrov said the vote was fair."
    assert feature(titled, "titled_names_per_1000_words") > feature(plain, "titled_names_per_1000_words")


def test_distinct_names_drop_the_word_opening_a_sentence_and_count_repeats_once() -> None:
    text = "Anna met Boris Green in Paris. Boris Green left Paris. Later Anna wrote."
    assert src.distinct_names(text) == 4  # "Boris Green", "Paris", "Green" (after the opening "Boris"), "Anna"


def _plain_distinct_names(text: str) -> int:
    """distinct_names as first written: every run split and joined, whether it opens a sentence or not."""
    from copydesk.plugins.sourcing import patterns

    initial = src.sentence_starts(text)
    runs = set()
    for match in patterns.CAPITALISED_RUN.finditer(text):
        at, words, first = match.start(), match.group().split(), 0
        while first < len(words) and at in initial:
            at += len(words[first]) + 1
            first += 1
        if first < len(words):
            runs.add(" ".join(words[first:]))
    return len(runs)


@pytest.mark.parametrize(
    "text",
    [
        "Anna met Boris Green in Paris. Boris Green left Paris. Later Anna wrote.",
        "We saw Boris\nGreen, Boris Green and Boris\tGreen. Boris\u2003Green too; Green Boris.",
        "Anna Lee. Anna\nLee said. (Anna Lee) met \u201cBoris Day\u201d and Boris Day; Lee Anna Day.",
        "\n".join(["Tom Hill", "Tom Hill went.", "  Tom Hill", "Hill Tom Hill"]),
        "",
    ],
)
def test_distinct_names_join_each_distinct_run_once_as_every_run_was_joined(text: str) -> None:
    """Runs opening no sentence, normalised once per spelling, give the count of normalising each occurrence."""
    assert src.distinct_names(text) == _plain_distinct_names(text)


def test_every_declared_feature_is_reported_and_nothing_else() -> None:
    values = src.features(document(CREDITED + " " + UNCREDITED))
    assert sorted(values) == sorted(f.name for f in SCORER.features)


def test_conformance() -> None:
    assert_conformance(sourcing, examples=[UNCREDITED, FILLER * 12])


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Sergei Lavrov and mayor Ann Cole met PRESIDENT Joe Doe and the chief.",
        "The ceo Dr. Kim de Vries said; chiefexecutive Jo Roe; director\nAnn Lee",
        "profeſſor Ann Lee and İ mayor Bob Day",  # characters lower-casing does not fold: the pattern as it is
        "",
    ],
)
def test_titled_names_are_the_titled_name_patterns_matches(text: str) -> None:
    from copydesk import TextView, measures
    from copydesk.plugins.sourcing import patterns

    assert src.titled_names(TextView(text)) == measures.count(patterns.TITLED_NAME, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Mr Okafor said that the bridge had been delayed by the winter floods, by the long dispute over the land "
            "and by the shortage of steel. "
            '"We predicted at the start that the river would be the hardest part of the whole job."',
            [],
            id="name-said-that-in-the-sentence-before",
        ),
        pytest.param(
            "Maria Okafor was keen to talk about the new season.\n\n"
            '"We have a young squad and nobody expects anything from us this year."',
            [],
            id="name-and-copula-in-the-paragraph-before",
        ),
        pytest.param(
            'She then moved to the coast with her two sons. "Every morning I walk along the beach before work."',
            [],
            id="pronoun-in-the-sentence-before",
        ),
        pytest.param(
            'Residents were angry at the delay. "We have waited three years for this road."',
            ["SRC001"],
            id="no-name-in-the-sentence-before",
        ),
        pytest.param(
            'Maria Okafor left the council in May. The plan was dropped. "We have waited three years for this road."',
            ["SRC001"],
            id="name-two-sentences-back",
        ),
        pytest.param(
            'Maria Okafor spoke to the press about the plan, calling it "a road to nowhere for the town".',
            [],
            id="quotation-in-the-sentence-itself",
        ),
        pytest.param(
            'Maria Okafor spoke to the press about the plan and its "many serious flaws in the design".',
            [],
            id="fragment-credited-by-its-clause",
        ),
    ],
)
def test_speaker_named_in_the_sentence_before_a_quotation_credits_it(text: str, expected: list[str]) -> None:
    """A quotation opening the sentence after one whose subject is a name or he/she/they is that speaker's."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Tom Reid is a hunted man.\n"He is dangerous and must not be approached by anyone."',
            ["SRC001"],
            id="quotation-speaks-of-the-subject",
        ),
        pytest.param(
            'Ann Cole praised Okafor after the match. "She is the best young player I have ever coached."',
            [],
            id="pronoun-may-stand-for-someone-else-named",
        ),
        pytest.param(
            'The bishop died in his sleep on Friday. "We have lost a good friend and a wise teacher."',
            ["SRC001"],
            id="subject-died",
        ),
        pytest.param(
            'The home secretary was jeered as she left the hall. "Shame on you, shame on you, shame on you all."',
            ["SRC001"],
            id="subject-jeered",
        ),
        pytest.param(
            'Tom Reid has been arrested again. "We knew where to find him all along, it was only a matter of time."',
            ["SRC001"],
            id="subject-arrested-after-has-been",
        ),
        pytest.param(
            'The coach was asked about the defeat. "We were not good enough in any part of the pitch today."',
            [],
            id="a-passive-that-introduces-the-speaker",
        ),
        pytest.param(
            'Tom Reid was delighted with the win. "We played well from the first minute to the last."',
            [],
            id="copula-and-a-feeling",
        ),
        pytest.param(
            'Hurricane Nadia flattened the island overnight. "Our whole village has gone, every single house."',
            ["SRC001"],
            id="a-named-storm",
        ),
        pytest.param(
            'Tom Reid has been charged with fraud. "This is a dark day for everyone who trusted the firm."',
            ["SRC001"],
            id="subject-charged (review 16b)",
        ),
        pytest.param(
            'Tom Reid is being held in custody. "We will not rest until the truth comes out in court."',
            ["SRC001"],
            id="subject-held (review 16b)",
        ),
        pytest.param(
            'Tom Reid was remanded in custody. "It is a relief to know he cannot hurt anyone else now."',
            ["SRC001"],
            id="subject-remanded (review 16b)",
        ),
        pytest.param(
            'Tom Reid is a hunted man.\n"He\'s dangerous and must not be approached by anyone."',
            ["SRC001"],
            id="quotation-opens-with-a-contraction (review 16b)",
        ),
    ],
)
def test_subject_of_the_sentence_before_who_is_spoken_of_is_no_speaker(text: str, expected: list[str]) -> None:
    """The sentence before names no speaker if it tells of a death, a crowd's jeers, an arrest, or a storm, or the quotation speaks of its subject as he/she."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'The plan was welcomed by Okafor, who described the deal as "a fair price for every family here".',
            [],
            id="name-who-verb",
        ),
        pytest.param(
            'The move was praised by Grantley Council, which called the scheme "the best news the valley has had".',
            [],
            id="name-which-verb",
        ),
        pytest.param(
            'Okafor, who has made more than forty films, was praised for her "rare and quiet sense of place".',
            ["SRC001"],
            id="relative-clause-closed-before-the-quotation",
        ),
    ],
)
def test_name_subject_of_a_relative_clause_credits_its_quotation(text: str, expected: list[str]) -> None:
    """'NAME, who/which VERB ... "..."' credits the quotation, unless the relative clause closed before it."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"That was my best year on the track," said Ann Cole, who retired last summer after a long injury '
            "that kept her off the track for most of two seasons. "
            '"Before, every race felt like a mountain and I now know I cannot do it alone."',
            [],
            id="quotation-after-a-tag-with-a-relative-clause",
        ),
        pytest.param(
            'The bridge has been shut since March. "We will open the bridge in the spring," Mr Okafor. It is late.',
            [],
            id="tag-with-the-verb-left-out",
        ),
        pytest.param(
            'The centre stayed shut all winter. "We will open the bridge in the spring," the report.',
            ["SRC001"],
            id="no-name-alone-after",
        ),
    ],
)
def test_quotation_after_its_speakers_tag_sentence_goes_on_with_it(text: str, expected: list[str]) -> None:
    """A quotation opening the sentence after a credited quotation's tag sentence is the same speaker's."""
    assert readings(text) == expected


#: A quotation left unclosed, a credited one, narrative, then a real quotation: the marks pair off one too late.
RUN_ON = (
    '"We have waited three years for this road. "Every winter the lane floods," said Ann Cole. Work is due to '
    "start in May once the county has raised the money for the new culverts and the bridge. "
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            RUN_ON + 'She was furious. "The bus cannot reach the farms up the valley."',
            [],
            id="speaker-after-narrative",
        ),
        pytest.param(
            RUN_ON + 'Residents were angry. "The bus cannot reach the farms up the valley."',
            ['"The bus cannot reach the farms up the valley."'],
            id="the-real-quotation-is-judged",
        ),
        pytest.param('Residents said: " We have waited three years for this road . "', [], id="spaced-marks-quote"),
    ],
)
def test_narrative_between_stray_marks_is_no_quotation(text: str, expected: list[str]) -> None:
    """The stretch between a closing mark and the next opening mark is not read as an uncredited quotation."""
    assert [f.matched for f in assess(text).findings] == expected


def test_stray_pair_reads_marks_by_the_characters_beside_them() -> None:
    text = 'road," said Ann Cole. Work starts in May. "Every winter'
    found = patterns.QUOTATION.search(text)
    assert found is not None and src.stray_pair(text, found)
    quote = 'She said: "We have waited three years."'
    found = patterns.QUOTATION.search(quote)
    assert found is not None and not src.stray_pair(quote, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'The prime minister conceded that the new powers were "difficult issues for any government".',
            [],
            id="the-role-as-subject",
        ),
        pytest.param(
            'The minister thanked the crew and "the people who believed in this film".', [], id="the-minister"
        ),
        pytest.param('"How is it that peace has not come?" the cardinal will ask.', [], id="the-role-after"),
        pytest.param(
            'The England coach was furious after the match. "Only one side was refereed out there today."',
            [],
            id="the-role-in-the-sentence-before",
        ),
        pytest.param(
            'Sales rose and the firm pointed out that "nobody is denying the talks".',
            ["SRC001"],
            id="a-later-clause-past-and",
        ),
        pytest.param(
            'The attack on the mayor was condemned. "We will not be silenced by anyone."',
            ["SRC001"],
            id="a-role-noun-in-a-longer-phrase",
        ),
    ],
)
def test_definite_role_speaker_credits_a_quotation(text: str, expected: list[str]) -> None:
    """'the prime minister', 'The England coach', 'the cardinal' name a speaker; 'one insider' does not."""
    assert readings(text) == expected


def test_tag_after_a_comma_outside_the_marks_credits_both_quotations() -> None:
    text = 'Fans wait. "It is an interesting dynamic", Snyder muses, "but I think audiences will like it."'
    assert codes(assess(text).findings) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The panel laughed at Mr Pryce's suggestion that the old bridge should "
            '"be painted gold and sold to tourists".',
            [],
            id="possessive-name-and-a-noun-of-saying",
        ),
        pytest.param(
            'There was laughter at the suggestion that the old bridge should "be painted gold and sold to tourists".',
            ["SRC001"],
            id="a-noun-of-saying-with-no-name",
        ),
        pytest.param(
            'The plan is sound, but as Ann Cole points out it is "far too late for the families already gone".',
            [],
            id="as-name-points-out",
        ),
        pytest.param(
            'As Ann Cole of the valley residents group put it: "Nobody here has seen a single plan yet."',
            [],
            id="as-name-of-a-group-put-it",
        ),
        pytest.param(
            'As the plans stand, the bridge will be "painted gold and sold to tourists".',
            ["SRC001"],
            id="as-with-no-speaker",
        ),
        pytest.param(
            "The party set out its plans, with Mr Pryce stressing that ministers should not "
            '"stir up a false row about it".',
            [],
            id="with-name-stressing",
        ),
        pytest.param(
            "On Monday Ann Cole - the chair of the residents group for the whole of the upper valley and the "
            "moors - said the plans were unlawful as they allowed building "
            '"on the flood plain without any study of the risk".',
            [],
            id="said-over-100-characters-before-in-the-sentence",
        ),
        pytest.param(
            "On Monday the chair of the residents group for the whole of the upper valley and the moors "
            'called the plans unlawful as they allowed building "on the flood plain without any study of the risk".',
            ["SRC001"],
            id="no-verb-of-saying-in-the-sentence-and-no-named-speaker",
        ),
    ],
)
def test_speaker_named_elsewhere_in_the_quotations_sentence_credits_it(text: str, expected: list[str]) -> None:
    """A possessive name with a noun of saying, 'as NAME points out', 'with NAME stressing', or 'said' far back credit it."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'GMB General Secretary Ann Cole called for "a fair deal for every worker in the valley".',
            [],
            id="initials-before-a-role-and-name",
        ),
        pytest.param(
            'A GMB rally called for "a fair deal for every worker in the valley".',
            ["SRC001"],
            id="an-event-is-no-speaker",
        ),
        pytest.param(
            'Last season he described the cup as the "be all and end all of the year".',
            [],
            id="time-phrase-with-no-comma",
        ),
        pytest.param(
            'Last season the cup was described as the "be all and end all of the year".',
            ["SRC001"],
            id="time-phrase-then-no-speaker",
        ),
        pytest.param(
            "Despite playing his part in the winning relay team at the games, Ann Cole still feels the loss. "
            '"That was hard, but I made it to the semi-final at least."',
            [],
            id="introduction-of-up-to-80-characters",
        ),
    ],
)
def test_subject_after_initials_a_time_phrase_or_a_long_introduction_credits_a_quotation(
    text: str, expected: list[str]
) -> None:
    """'TUC General Secretary NAME', 'Last season he', an introduction of 80 characters: the clause's subject is found."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'The festival praises her for her "rare and quiet sense of place", and a "long line of celebrated roles".',
            [],
            id="the-festival-and-a-list-after-and-a",
        ),
        pytest.param(
            'The report recommends that councils "set their courses to meet local demand first".',
            [],
            id="the-report",
        ),
        pytest.param(
            'The festival runs until May, and its films are "a long line of celebrated roles".',
            ["SRC001"],
            id="clause-closed-by-and-its",
        ),
        pytest.param(
            "The rules were opposed by the airline group (ELFA), which has attacked the plan as a "
            '"bad piece of law for everyone".',
            [],
            id="initials-in-a-relative-clause",
        ),
        pytest.param(
            'The rules were opposed by the airline group (ELFA), which is "a bad piece of law for everyone".',
            ["SRC001"],
            id="initials-then-a-copula",
        ),
    ],
)
def test_body_or_document_as_the_subject_credits_its_quotation(text: str, expected: list[str]) -> None:
    """'The festival praises ...', 'The report recommends ...', '(ELFA), which has attacked ...' give the quotation a source."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Doctors had wanted to operate at once but he insisted on waiting until he was home. "
            '"They were going to put rods either side of my spine."',
            [],
            id="he-in-the-later-clause-of-the-sentence-before",
        ),
        pytest.param(
            "Doctors had wanted to operate at once but the team waited until the morning. "
            '"They were going to put rods either side of my spine."',
            ["SRC001"],
            id="no-speaker-in-the-later-clause",
        ),
        pytest.param(
            "Doctors had wanted to operate at once but he was injured again in the crash. "
            '"They were going to put rods either side of my spine."',
            ["SRC001"],
            id="later-clause-tells-of-something-done-to-him",
        ),
        pytest.param(
            "Instead, said Mr Pryce, the locks on the players were meant to control the one group that the makers "
            'have most hold over, the buyers. "The studios want to sell you the same film again and again."',
            [],
            id="said-name-tag-in-the-sentence-before",
        ),
        pytest.param(
            "Instead, the locks on the players were meant to control the one group that the makers have the "
            'most hold over, the buyers. "The studios want to sell you the same film again and again."',
            ["SRC001"],
            id="no-tag-in-the-sentence-before",
        ),
    ],
)
def test_speaker_in_the_sentence_before_but_not_its_subject_credits_a_quotation(text: str, expected: list[str]) -> None:
    """'... but he insisted ...' or 'said Mr Pryce' in the sentence before credits a quotation opening the next."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"It is far easier being champion than training to stay at the top," points out former runner '
            "and radio pundit Ann Cole.",
            [],
            id="verb-and-out-then-a-long-role-and-name",
        ),
        pytest.param(
            '"It is far easier being champion than training to stay at the top," hangs on a wall at the Grantley Arena.',
            ["SRC001"],
            id="a-verb-that-is-no-saying",
        ),
    ],
)
def test_speaker_after_a_long_role_after_the_quotation_credits_it(text: str, expected: list[str]) -> None:
    """'"...," points out former runner and radio pundit NAME.' credits the quotation."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('Bloggers will mark the "Free Ann and Jo Cole Day" next month.', [], id="title-case"),
        pytest.param('Bloggers will mark the "free Ann and Jo Cole day" next month.', ["SRC001"], id="sentence-case"),
        pytest.param(
            'The party campaigns under the slogan: "It is not unfair to cap rents in the city".', [], id="slogan"
        ),
        pytest.param('In what is known as the "one time, last time" rule, aid is barred.', [], id="known-as-the"),
        pytest.param(
            'Some 80 MPs were heard for the study "Who runs the office here, minister".', [], id="study-title"
        ),
        pytest.param(
            'The party campaigns on rents. "It is not unfair to cap rents in the city".', ["SRC001"], id="no-label"
        ),
    ],
)
def test_titles_slogans_and_names_in_quotes_are_no_quotations(text: str, expected: list[str]) -> None:
    """Title Case words, or words right after 'the slogan:', 'known as the', 'the study', are no testimony."""
    assert readings(text) == expected
    assert src.is_title("Next Generation Secure Computing Base")
    assert not src.is_title("We Will Not Go. Never.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'The Grantley Players Association issued a statement calling Okafor "a giant of the northern stage".',
            [],
            id="capitalised-body-as-the-subject",
        ),
        pytest.param(
            'Accepting the prize, DiCaprio thanked director Ann Cole as "one of the finest minds in all of film".',
            [],
            id="name-with-a-second-capital",
        ),
        pytest.param(
            "Double try scorer Ann Cole was keen not to talk about the title. "
            '"We have more belief in ourselves these days."',
            [],
            id="role-of-three-words-before-a-name",
        ),
        pytest.param(
            "Despite playing her part in the relay, Okafor-Cole still feels the loss of the final. "
            '"That was hard, but I made it to the semi-final at least."',
            [],
            id="hyphenated-name-and-an-adverb-before-its-verb",
        ),
        pytest.param(
            "The film rights are sold but Okafor is keen for the project to be taken slowly. "
            '"A film will happen, but not a big one straight away."',
            [],
            id="name-in-the-later-clause-of-the-sentence-before",
        ),
        pytest.param(
            "Ireland, France and Israel are all now tied on five points from three matches. "
            '"In Basel we did not play great football at all."',
            ["SRC001"],
            id="a-list-of-names-is-no-later-clause",
        ),
        pytest.param(
            'I am reminded of a line attributed to Thomas Paine. "A nation that limits freedom will have neither."',
            [],
            id="attributed-to-a-name",
        ),
        pytest.param(
            'The debt levels were deemed "not in the best interests of the club" by Grantley Rovers\' board.',
            [],
            id="by-a-name-after-the-quotation",
        ),
        pytest.param(
            'The debt levels were deemed "not in the best interests of the club" by the end of the year.',
            ["SRC001"],
            id="by-and-no-speaker",
        ),
        pytest.param(
            'A van rolled into view, decked out in the message - "lowest mortgage rates for forty years".',
            [],
            id="a-message-set-off-by-a-dash",
        ),
    ],
)
def test_more_speaker_readings_credit_a_quotation(text: str, expected: list[str]) -> None:
    """Capitalised bodies, names with a second capital, long roles, 'but NAME is', 'attributed to', 'by NAME'."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ann Cole explained that the title of the year is given to the person who has had the greatest "
            'effect on the news in the whole of the year, "for good or for ill, as we see it".',
            [],
            id="name-and-any-verb-of-saying-far-before-in-the-sentence",
        ),
        pytest.param(
            "The title of the year is given to the person who has had the greatest effect on the news in the "
            'whole of the year, and so it goes, "for good or for ill, as we see it".',
            ["SRC001"],
            id="no-speaker-far-before-in-the-sentence",
        ),
        pytest.param(
            "As The Post's Ann Cole puts it, the mayor is trying to make the council "
            '"an offer they cannot afford to refuse".',
            [],
            id="as-the-papers-name-puts-it",
        ),
        pytest.param(
            'The US embassy has dismissed the claim. "We will go on working with the government of the day."',
            [],
            id="an-embassy-as-the-subject-of-the-sentence-before",
        ),
        pytest.param(
            'Her face inspired headlines like "Help! I Cannot Move My Face!" for years.', [], id="headlines-like"
        ),
    ],
)
def test_speaker_far_back_as_a_papers_writer_or_an_embassy_credits_a_quotation(text: str, expected: list[str]) -> None:
    """'NAME explained that ...' far back, 'As The Post's NAME puts it', 'The US embassy' credit it; headlines are none."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'The UN envoy on the region, Ann Cole, expressed regret that "many of the children have not lived".',
            [],
            id="a-role-then-the-name-set-off-by-commas",
        ),
        pytest.param(
            'The UN envoy on the region expressed regret that "many of the children have not lived".',
            ["SRC001"],
            id="a-role-that-is-no-definite-title",
        ),
        pytest.param(
            "Ann Cole's absurd and quite inaccurate claim that the deal "
            '"has to do with whether the town will give things up" shows she has no clue.',
            [],
            id="possessive-name-and-four-words-before-the-noun-of-saying",
        ),
    ],
)
def test_name_set_off_as_the_subject_or_a_possessive_before_a_long_claim_credits_it(
    text: str, expected: list[str]
) -> None:
    """'The UN envoy on the region, NAME, expressed ...' and 'NAME's absurd and ... claim that' credit the quotation."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Residents now expect "a full and final repair of the whole bridge" by Christmas.',
            ["SRC001"],
            id="by-a-holiday-is-a-time-not-a-speaker",
        ),
        pytest.param(
            'The plan was called "a full and final repair of the whole bridge" by Grantley council.',
            [],
            id="by-a-name-still-credits",
        ),
        pytest.param(
            'Residents questioned Mr Pryce\'s response, and one shouted "you should be ashamed of yourselves today".',
            ["SRC001"],
            id="a-possessive-name-before-a-clause-break-is-not-the-speaker",
        ),
        pytest.param(
            'Critics slam striker Ann Cole over "her weakest display of the whole season so far".',
            ["SRC001"],
            id="a-name-followed-by-a-preposition-is-no-subject",
        ),
        pytest.param(
            'Residents fled when Storm Ciara hit the town. "We have waited three years for this road and it still leaks."',
            ["SRC001"],
            id="a-named-storm-in-a-later-clause-is-no-speaker",
        ),
        pytest.param(
            'Doctors had wanted to operate but Ann Cole insisted on waiting. "We were right to wait for the scan."',
            [],
            id="a-name-in-a-later-clause-still-credits",
        ),
    ],
)
def test_review_18_over_credits_are_flagged_again(text: str, expected: list[str]) -> None:
    """Review 18: "by Christmas", a possessive past ", and", "slam striker NAME over" and a storm in a later clause credited quotations."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'On Monday, another senior adviser called the sale "the swindle of the century".',
            [],
            id="indefinite-subject",
        ),
        pytest.param(
            'On Monday, another rally called the sale "the swindle of the century".',
            ["SRC001"],
            id="an-indefinite-thing-is-no-speaker",
        ),
        pytest.param(
            'Both unions are silent, but one insider pointed out that "nobody is denying the talks".',
            [],
            id="indefinite-subject-of-a-later-clause",
        ),
        pytest.param(
            'Both unions are silent, but the talks went on as "nobody is denying the plan at all".',
            ["SRC001"],
            id="a-later-clause-without-a-speaker",
        ),
        pytest.param(
            'Fans wait. "It is driving everyone crazy, but she is coping," spilled another tipster.',
            [],
            id="indefinite-speaker-after-the-quotation",
        ),
        pytest.param(
            'Fans wait. "It is driving everyone crazy, but she is coping," spilled another drink.',
            ["SRC001"],
            id="an-indefinite-thing-after-the-quotation",
        ),
        pytest.param(
            'The row grew, with one teacher asking: "Where was the council when it mattered?"',
            [],
            id="with-an-indefinite-source-asking",
        ),
        pytest.param(
            'The row grew, with one teacher leaving: "Where was the council when it mattered?"',
            ["SRC001"],
            id="with-a-source-doing-no-saying",
        ),
        pytest.param(
            'Crowds gathered. "Hey, hey! Ho, ho! The mayor has got to go!" some protesters chanted as they marched.',
            [],
            id="indefinite-chanters-after-the-quotation",
        ),
    ],
)
def test_indefinite_source_credits_a_quotation(text: str, expected: list[str]) -> None:
    """An indefinite source ("one insider", "another tipster", "some protesters") is a speaker: the quotation is attributed."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'That man bought "the swindle of the century" for ten pounds.', ["SRC001"], id="indefinite-subject-buys-it"
        ),
        pytest.param(
            'A worker fixed the "long broken street lamp on the corner" on Tuesday.',
            ["SRC001"],
            id="indefinite-subject-fixes-it",
        ),
        pytest.param(
            'One protester carried a sign. "The road has been dangerous for years and years now."',
            ["SRC001"],
            id="indefinite-subject-before-carries-a-sign",
        ),
        pytest.param(
            'A fan threw a bottle. "It was a total disgrace to the whole game."',
            ["SRC001"],
            id="indefinite-subject-before-throws-a-bottle",
        ),
        pytest.param(
            'A neighbour painted the "old red fence by the bus stop" last week.',
            ["SRC001"],
            id="indefinite-subject-paints-it",
        ),
        pytest.param(
            'One insider pointed at the "empty seat in the front row" all night.',
            ["SRC001"],
            id="indefinite-subject-points-at-not-out",
        ),
        pytest.param(
            'A fan told reporters the match was "a total disgrace to the whole game".', [], id="indefinite-subject-told"
        ),
        pytest.param(
            'One resident added that the road was "dangerous for years and years now".',
            [],
            id="indefinite-subject-added",
        ),
        pytest.param(
            'A fan shouted at the referee. "It was a total disgrace to the whole game."',
            [],
            id="indefinite-subject-before-shouted",
        ),
        pytest.param(
            'One witness said so later. "The road has been dangerous for years and years now."',
            [],
            id="indefinite-subject-before-said",
        ),
        pytest.param(
            '"The road has been dangerous for years and years now," added one resident.',
            [],
            id="indefinite-speaker-after-added",
        ),
        pytest.param(
            'The mayor bought "the swindle of the century" for ten pounds.', [], id="definite-subject-keeps-any-verb"
        ),
    ],
)
def test_indefinite_source_credits_only_with_a_verb_of_saying(text: str, expected: list[str]) -> None:
    """An indefinite source credits a quotation only with a verb of saying, in its clause, after it or the sentence before."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Nonetheless, all Ann Cole cares about is the cap. "Missing the first game was hard but you move on."',
            [],
            id="the-one-name-with-a-verb-in-the-sentence-before",
        ),
        pytest.param(
            'Nonetheless, all Ann Cole cares about is beating Jo Roe. "Missing the first game was hard but you move on."',
            ["SRC001"],
            id="two-names-in-the-sentence-before",
        ),
        pytest.param(
            'While she was talking about jobs, she raised the question:\n"Why are we not fifty points ahead in the polls?"',
            [],
            id="she-the-only-subject-of-the-sentence-before",
        ),
        pytest.param(
            'While the band was playing, the crowd raised the question:\n"Why are we not fifty points ahead in the polls?"',
            ["SRC001"],
            id="no-person-in-the-sentence-before",
        ),
        pytest.param(
            'The former reality TV star accused Mr Obama of bowing to China. "This guy is the president and he bows."',
            [],
            id="accused-active-is-said",
        ),
        pytest.param(
            'The former reality TV star was accused of bowing to China. "This guy is the president and he bows."',
            ["SRC001"],
            id="accused-passive-is-done-to-the-subject",
        ),
        pytest.param('"The fact is that Congress has failed to act on this," it read.', [], id="it-read-after"),
        pytest.param(
            '"They are calm and patient and they learn fast," Certified Dog Trainer, Ann Cole shared.',
            [],
            id="role-comma-name-after",
        ),
        pytest.param(
            'The Florida senator\'s answer was that "the most important institution is the family," so he backs it.',
            [],
            id="a-definite-roles-possessive-answer",
        ),
        pytest.param(
            'The Florida senator\'s answer came after the crowd chanted that "the most important institution is the family".',
            ["SRC001"],
            id="a-definite-roles-possessive-past-a-clause-break",
        ),
        pytest.param(
            'Crows are called the "homicide detectives of the avian world." [Quartz]', [], id="outlet-in-brackets"
        ),
        pytest.param(
            'Crows are called the "homicide detectives of the avian world." [see below]',
            ["SRC001"],
            id="no-name-in-brackets",
        ),
        pytest.param(
            '"Nobody was pressing it, nobody cared," Ann Cole said, referring to the years before. "I figured you would ask."',
            [],
            id="after-a-tag-sentence-when-the-comma-is-inside-the-marks",
        ),
        pytest.param(
            'Ann Cole said: "Nobody was pressing it, nobody cared." The fans left the hall in silence after the long '
            'and bitter row over the vote. "I figured you would ask tonight."',
            ["SRC001"],
            id="a-new-sentence-after-a-stop-inside-the-marks",
        ),
        pytest.param(
            'The UN envoy on Syria, Jan Egeland, expressed regret that "many children have not lived through it".',
            [],
            id="a-month-that-is-a-given-name-before-a-surname",
        ),
        pytest.param(
            'Late in the year, Jan came and went and "many children have not lived through it".',
            ["SRC001"],
            id="a-month-alone-is-no-name",
        ),
        pytest.param(
            'Ann Cole, the party chair, is supporting Jo and in a statement credited him for "an exciting campaign here".',
            [],
            id="a-verb-in-ing-after-a-copula",
        ),
        pytest.param(
            'The town is changing fast and the mayor is "the least of our worries this year".',
            ["SRC001"],
            id="a-copula-alone-is-no-verb-of-a-speaker",
        ),
        pytest.param(
            'She kept quiet. When she finally learned she did not have cancer, "I dropped to my knees."',
            [],
            id="she-as-the-subject-of-an-introductory-clause",
        ),
        pytest.param(
            'The tests came back. When the results finally arrived, "I dropped to my knees in the hall."',
            ["SRC001"],
            id="an-introductory-clause-without-a-speaker",
        ),
        pytest.param(
            "Reports are wrong.\n\nSources close to the singer and with knowledge of the talks tell us ... "
            '"There is no conversation with the show about it at all."',
            [],
            id="tell-us-ending-the-sentence-before",
        ),
        pytest.param(
            "Sources close to the singer and with knowledge of the talks cheer us ... "
            '"There is no conversation with the show about it at all."',
            ["SRC001"],
            id="no-verb-of-saying-ending-the-sentence-before",
        ),
        pytest.param(
            "Ann Cole, the chair of the Grantley party, is backing Jo and in a statement thanked him for "
            '"an exciting and inspiring campaign".',
            [],
            id="a-subject-past-an-appositive-holding-a-preposition",
        ),
        pytest.param(
            'But it was Mr Milburn who took the stage, speaking of the plans for the "coming weeks and months".',
            [],
            id="a-cleft-sentences-name",
        ),
        pytest.param(
            'But it was the rain that took the stage, washing out the plans for the "coming weeks and months".',
            ["SRC001"],
            id="a-cleft-sentence-without-a-name",
        ),
    ],
)
def test_session_19_speaker_readings_credit_a_quotation(text: str, expected: list[str]) -> None:
    """Session 19: the one person of the sentence before, active "accused", "it read", "Role, NAME shared", a role's
    possessive answer, an outlet in brackets and the sentence after a tag when the comma is inside the marks."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Cuts hit the town hard ("no buses, no library, no anything at all" as he puts it), and the mood is grim.',
            [],
            id="as-he-puts-it-right-after-the-quotation",
        ),
        pytest.param(
            'Cuts hit the town hard, with "no buses, no library, no anything at all", as the mayor put it.',
            [],
            id="as-a-definite-role-put-it-after-a-comma",
        ),
        pytest.param(
            'Cuts hit the town hard, with "no buses, no library, no anything at all" as the rain came down.',
            ["SRC001"],
            id="an-as-clause-with-no-speaker-is-no-credit",
        ),
        pytest.param(
            "\"The 'big boss,' as staff call him, comes in late and uses the 'back door,'\" the insider divulged.",
            [],
            id="comma-before-a-closing-single-mark-then-a-definite-persons-tag",
        ),
        pytest.param(
            '"The big boss comes in late and uses the back door," the neighbours laughed.',
            [],
            id="a-plural-definite-person-after-the-comma",
        ),
        pytest.param(
            '"The big boss comes in late and uses the back door" the insider divulged.',
            ["SRC001"],
            id="no-comma-no-tag-reading",
        ),
        pytest.param(
            "Nobody was hurt. The crew, per Cole's recollections, spent the evening "
            '"singing old songs in the hotel bar until late".',
            [],
            id="per-a-possessive-name",
        ),
        pytest.param(
            'Nobody was hurt. The crew, per the Grantley Times, spent the evening "singing old songs in the bar".',
            [],
            id="per-a-newspaper",
        ),
        pytest.param(
            'Nobody was hurt. Fares rose 5 per cent a year, and fans spent the evening "singing old songs in the bar".',
            ["SRC001"],
            id="per-cent-is-no-source",
        ),
        pytest.param(
            'A worried pal reveals the actress has been keeping her children happy with "trips and fancy toys".',
            [],
            id="an-indefinite-pal-with-a-verb-of-saying",
        ),
        pytest.param(
            'A worried pal bought the actress "trips and fancy toys and gadgets".',
            ["SRC001"],
            id="an-indefinite-pal-with-another-verb",
        ),
        pytest.param(
            'Nobody was hurt. The watchdog fined the candidate £5,000 as a "cost of the whole offence" on Monday.',
            [],
            id="a-watchdog-as-a-definite-body",
        ),
        pytest.param(
            "Nobody was hurt. She said that the ferry timetable for the islands in the west of the county was "
            "badly planned and had to be rewritten before the start of the summer and that the habit of cancelling "
            'sailings at short notice was the chief cause of the anger among islanders "who have simply had enough".',
            [],
            id="a-subject-and-verb-of-saying-opening-a-sentence-over-200-characters-back",
        ),
        pytest.param(
            "Nobody was hurt. The storm hit the coast on the evening of the longest day in the year and the tide "
            "was high, and the roads in the north of the county were badly flooded by the end of the night, with "
            'many drivers "stuck for hours in the water on the road".',
            ["SRC001"],
            id="a-long-sentence-with-no-speaker",
        ),
        pytest.param(
            "Nobody was hurt. Ann Cole's latest wins in the race for the party's nomination for the county seat "
            "unleashed a wave of surprisingly warm comments across the local papers and their websites, from "
            'praise of her record as a "strong and steady hand" to hopes she will lift the town "out of its long slump '
            'at last".',
            ["SRC001", "SRC001"],
            id="a-long-sentence-opening-with-a-possessive-name",
        ),
    ],
)
def test_session_21_speaker_readings_credit_a_quotation(text: str, expected: list[str]) -> None:
    """Session 21: an as-clause after the quotation, a comma inside a closing single mark, a definite person's tag,
    "per" and a source, "pal", a watchdog or regulator, and a speaker opening a sentence up to 400 characters back."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Nobody was hurt. The pal shared: "The couple are happier than ever this summer."',
            [],
            id="a-definite-pal-shared",
        ),
        pytest.param(
            'Nobody was hurt. The pal bought a cake: "The couple are happier than ever this summer."',
            ["SRC001"],
            id="a-definite-pal-with-another-verb",
        ),
        pytest.param(
            'Nobody was hurt. An insider tattled: "The couple are happier than ever this summer."', [], id="tattled"
        ),
        pytest.param(
            'Nobody was hurt. The neighbour painted the fence. "They plan a wedding in the spring."',
            ["SRC001"],
            id="a-definite-neighbour-painted-in-the-sentence-before",
        ),
        pytest.param(
            '"The couple are happier than ever this summer," sources tell the Grantley Times. '
            '"They plan a big wedding in the spring."',
            [],
            id="bare-sources-tell-and-the-quotation-after-their-tag",
        ),
        pytest.param(
            '"The couple are happier than ever this summer," sources bought the Grantley Times. '
            '"They plan a big wedding in the spring."',
            ["SRC001", "SRC001"],
            id="bare-sources-with-another-verb",
        ),
        pytest.param(
            '"The couple are happier than ever this summer," a source close to the pair shares with the paper. '
            '"They plan a big wedding in the spring."',
            [],
            id="a-source-close-to-someone-shares",
        ),
        pytest.param(
            '"The couple are happier than ever this summer," a mole confesses to the paper.\n\n'
            '"They plan a big wedding in the spring and the whole town is invited."',
            [],
            id="a-mole-confesses-and-the-next-paragraph",
        ),
        pytest.param(
            '"The couple are happier than ever this summer," continues the friend, "and they plan a wedding."',
            [],
            id="verb-then-a-definite-friend",
        ),
        pytest.param(
            '"The couple are happier than ever this summer," bakes the friend, "and they plan a wedding."',
            ["SRC001", "SRC001"],
            id="another-verb-then-a-definite-friend",
        ),
        pytest.param(
            'Her record is long. "She ran the bank for seven years and the fund for three," her bio reads. '
            '"She speaks four languages and plays the cello."',
            [],
            id="a-possessive-document-reads-after-the-quotation",
        ),
        pytest.param(
            'Her record is long. "She ran the bank for seven years and the fund for three," her cat purrs. '
            '"She speaks four languages and plays the cello."',
            ["SRC001", "SRC001"],
            id="a-possessive-cat-purrs-after-the-quotation",
        ),
    ],
)
def test_session_23_unnamed_and_written_sources_credit_a_quotation(text: str, expected: list[str]) -> None:
    """Session 23: a definite person ("the pal") with a verb of saying, the verbs of saying of tag and gossip copy
    ("tattled", "confessed", "shares", "continues"), bare plural sources, "close to ...", a mole, and a written
    source's tag ("his bio reads") credit a quotation, and the quotation that goes on after that tag."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Nobody was hurt. He flings out wild ideas about the weather. ("It is 100 degrees in here and cool.")',
            [],
            id="a-bracketed-quotation-after-his-sentence",
        ),
        pytest.param(
            'Nobody was hurt. The weather turned in the night. ("It is 100 degrees in here and cool.")',
            ["SRC001"],
            id="a-bracketed-quotation-after-no-speaker",
        ),
        pytest.param(
            'Nobody was hurt. The Grantley crowd cheered. And then he promised them a fight. "We are in it until the last vote!"',
            [],
            id="and-then-he-in-the-sentence-before",
        ),
        pytest.param(
            'Nobody was hurt. But she\'s hoping to stay upbeat this winter. "I fretted about my brother as a boy."',
            [],
            id="shes-trying-in-the-sentence-before",
        ),
        pytest.param(
            'Nobody was hurt. But it\'s hoping to stay upbeat this winter. "I fretted about my brother as a boy."',
            ["SRC001"],
            id="its-trying-in-the-sentence-before",
        ),
        pytest.param(
            'Nobody was hurt. She\'s happy with the "new road through the valley" now.',
            ["SRC001"],
            id="shes-and-no-verb-in-the-clause",
        ),
        pytest.param(
            'Nobody was hurt. Ann Cole held nothing back in her reply. "It is unfair and it always was unfair."',
            [],
            id="active-held-in-the-sentence-before",
        ),
        pytest.param(
            'Nobody was hurt. Ann Cole was held at the station overnight. "It is unfair and it always was unfair."',
            ["SRC001"],
            id="passive-held-in-the-sentence-before",
        ),
        pytest.param(
            'Nobody was hurt. The county hopeful had warm words for the band: "You see them on stage and are stunned."',
            [],
            id="a-definite-hopeful",
        ),
        pytest.param(
            'The town backs Okafor. Okafor’s letter makes a plain case: "The valley needs its road before winter."',
            [],
            id="a-possessive-names-letter-before-a-colon",
        ),
        pytest.param(
            'The town backs Okafor. Okafor’s cake makes a plain case: "The valley needs its road before winter."',
            ["SRC001"],
            id="a-possessive-names-cake-before-a-colon",
        ),
        pytest.param(
            'Headline here\n\n"The price of a free town is paid in long meetings." \u2013 Ann Cole\n\nMore news.',
            [],
            id="a-dash-and-a-name-after-an-epigraph",
        ),
        pytest.param(
            'Headline here\n\n"The price of a free town is paid in long meetings." \u2013 and more of it\n\nMore news.',
            ["SRC001"],
            id="a-dash-and-no-name-after-it",
        ),
    ],
)
def test_session_23_speaker_readings_credit_a_quotation(text: str, expected: list[str]) -> None:
    """Session 23: a bracketed quotation opening a sentence, "And then he", "she's" with a verb in -ing, an active
    "held" in the sentence before; "the hopeful" as a role; a possessive name's letter; a dash and a name after an epigraph."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Nobody was hurt. But a friend of the pop singer confessed to the paper it is all true. "
            '"They have always been this way with each other."',
            [],
            id="a-friend-of-someone-confessed-in-the-sentence-before",
        ),
        pytest.param(
            "Nobody was hurt. But a friend of the pop singer bakes a cake for her. "
            '"They have always been this way with each other."',
            ["SRC001"],
            id="a-friend-of-someone-bakes-in-the-sentence-before",
        ),
        pytest.param(
            "Nobody was hurt. Ms Cole, a friend of the club captain, later disclosed that at school Mr Pell was "
            '"adored by every teacher in the place".',
            [],
            id="a-name-and-its-appositive-with-a-friend-of-stay-the-subject",
        ),
        pytest.param(
            '"We are having a serious debate," joked Ann Cole, who now lives in the U.S. '
            '"We will live with what comes of it."',
            [],
            id="an-initials-stop-ending-the-tag",
        ),
        pytest.param(
            '"Everyone feels sorry for the girl and her family in all this," snitched the friend.',
            [],
            id="snitched-the-friend",
        ),
        pytest.param(
            '"We are having a serious debate," Ann Cole joked, now the first U.S. envoy to the talks. '
            '"We will live with what comes of it."',
            [],
            id="an-initials-stop-in-the-tag-before-the-next-quotation",
        ),
        pytest.param(
            '"We are having a serious debate," Ann Cole joked, now the envoy. The talks ended at noon. '
            '"We will live with what comes of it."',
            ["SRC001"],
            id="a-second-sentence-after-the-tag",
        ),
    ],
)
def test_session_23_friends_of_gossip_tags_and_initials_in_a_tag(text: str, expected: list[str]) -> None:
    """Session 23: "a friend of ..." is an unnamed source with a verb of saying, "snitched" a verb of saying, and an
    initial's stop ("U.S.") in a tag does not end the sentence the next quotation goes on after (unless it is the tag's
    last); a name and its appositive holding "a friend of" stay the subject of the clause."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Nobody was hurt. During the hearing Ann B. boasted: "I am the best singer in the whole valley."',
            [],
            id="an-initials-stop-before-a-lower-case-verb-ends-no-sentence",
        ),
        pytest.param(
            'Nobody saw Ann Cole at the U.S. office. The room was cold: "We will live with what comes of it."',
            ["SRC001"],
            id="an-initials-stop-before-a-capital-still-ends-the-sentence",
        ),
        pytest.param(
            'Nobody was hurt. As Ann Cole, the No. 2 at the firm, put it: "We will live with what comes of it."',
            [],
            id="as-a-name-and-an-appositive-with-no-put-it",
        ),
        pytest.param(
            'The firm stayed shut all week. No. The staff went home: "We will live with what comes of it."',
            ["SRC001"],
            id="a-no-before-a-capital-ends-the-sentence",
        ),
        pytest.param(
            'Nobody was hurt. "We will live with what comes of it and more" yelled Ann Cole at the rally.',
            [],
            id="a-verb-of-saying-and-a-name-after-a-quotation-with-no-comma",
        ),
        pytest.param(
            'Nobody was hurt. "We will live with what comes of it and more" went the song at the rally.',
            ["SRC001"],
            id="another-verb-after-a-quotation-with-no-comma",
        ),
        pytest.param(
            'Nobody was hurt. "We are having a serious debate," disclosed a confidant. '
            '"We will live with what comes of it."',
            [],
            id="disclosed-a-confidant-and-the-quotation-after-the-tag",
        ),
        pytest.param(
            'Nobody was hurt. "We are having a serious debate," settled a confidant. '
            '"We will live with what comes of it."',
            ["SRC001", "SRC001"],
            id="settled-a-confidant-is-no-tag",
        ),
        pytest.param(
            'Nobody was hurt. It is Okafor\'s "we will live with what comes" promise that hurts.',
            [],
            id="a-names-possessive-and-a-noun-of-saying-around-it",
        ),
        pytest.param(
            'Nobody was hurt. It is Okafor\'s "we will live with what comes" cake that hurts.',
            ["SRC001"],
            id="a-names-possessive-and-another-noun-around-it",
        ),
    ],
)
def test_session_23_round_2_abbreviations_tags_and_possessives(text: str, expected: list[str]) -> None:
    """Session 23, round 2: a stop before a lower-case word, or "No." before a figure, ends no sentence; an as-clause's
    name may take an appositive; a verb of saying and a name after a quotation with no comma is its tag (and a name's
    may be followed by "at", "in", ...); "disclosed" is a verb of saying; a name's possessive before a quotation and a
    noun of saying after it credit the quotation to that person."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Nobody was hurt. The town campaign, in its spring leaflet, put it more plainly: "We will live with it all."',
            [],
            id="a-body-and-a-phrase-set-off-by-commas-before-its-verb",
        ),
        pytest.param(
            'Nobody was hurt. The town cake, in its spring box, put it plainly: "We will live with what comes of it."',
            ["SRC001"],
            id="a-thing-and-a-phrase-set-off-by-commas-before-its-verb",
        ),
        pytest.param(
            'Nobody was hurt. One insider, in a long note to staff, put it plainly: "We will live with what comes of it."',
            [],
            id="an-unnamed-source-and-a-phrase-set-off-by-commas-with-a-verb-of-saying",
        ),
        pytest.param(
            'Nobody was hurt. One insider, in a long note to staff, bought a cake: "We will live with what comes of it."',
            ["SRC001"],
            id="an-unnamed-source-and-a-phrase-set-off-by-commas-with-another-verb",
        ),
        pytest.param(
            'Nobody was hurt. "We held and hugged" the families of the crew before the long walk down to the harbour '
            "wall in the rain and the dark, he said.",
            [],
            id="a-tag-ending-the-sentence-past-the-window",
        ),
        pytest.param(
            'Nobody was hurt. "We held and hugged" the families of the crew before the long walk down to the harbour '
            "wall in the rain and the dark, he sang. Then the boats came in.",
            ["SRC001"],
            id="another-verb-ending-the-sentence-past-the-window",
        ),
        pytest.param(
            '"We are in a very bad place now," said former Sen. Ann Cole, a county farmer who declined to run again '
            'after the floods of last spring. "On the hill, that is a hard thing to bear."',
            [],
            id="a-titles-stop-in-a-tag-before-the-next-quotation",
        ),
        pytest.param(
            '"We are in a very bad place now," said former Sen. Ann Cole, a county farmer. The floods came in spring '
            "and stayed in the low fields for weeks, long after the river went down again. "
            '"On the hill, that is a hard thing to bear."',
            ["SRC001"],
            id="a-second-sentence-after-a-tag-with-a-titles-stop",
        ),
    ],
)
def test_session_23_round_2_appositives_sentence_end_tags_and_titles(text: str, expected: list[str]) -> None:
    """Session 23, round 2: a role, body or unnamed source may take a phrase set off by commas before its verb ("the
    campaign" a body); a comma, a speaker and a verb of saying ending the quotation's sentence credit it past the
    window; a title's stop ("Sen.") in a tag ends no sentence."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"The valley road will close for a month from May. Work on the bridge starts in June and ends in the '
            'autumn. Drivers must go by the ring road."',
            [],
            id="a-body-of-several-sentences-wrapped-in-quotes",
        ),
        pytest.param(
            'The valley road will close. "Work on the bridge starts in June and ends in the autumn. Drivers must go by '
            'the ring road."',
            ["SRC001"],
            id="a-quotation-of-several-sentences-after-narrative",
        ),
        pytest.param(
            "\u201cWe will not stop until the road is built.\u201d", ["SRC001"], id="a-body-of-one-quoted-sentence"
        ),
    ],
)
def test_session_23_round_2_a_body_wrapped_in_quotes_is_not_flagged(text: str, expected: list[str]) -> None:
    """Session 23, round 2: a body of several sentences wrapped in quotation marks, first character to last, is the
    copy's formatting: SRC001 does not flag it (a quotation of one sentence, or one after narrative, it still does)."""
    assert codes(assess(text).findings) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Nobody was hurt. One recent letter, written by a student at the college, reads in part: "
            '"We have worked hard to root it out."',
            [],
            id="a-letter-and-a-phrase-set-off-by-commas-reads-before-a-colon",
        ),
        pytest.param(
            'Nobody was hurt. Her latest post reads: "We have worked hard to root it out."',
            [],
            id="a-post-reads-before-a-colon",
        ),
        pytest.param(
            "Nobody was hurt. One recent cake, baked by a student at the college, tastes in part: "
            '"We have worked hard to root it out."',
            ["SRC001"],
            id="a-thing-that-is-not-written-before-a-colon",
        ),
        pytest.param(
            'Nobody was hurt. The crowd burned the flag by the gate. "Once a traitor always a traitor" read one sign.',
            [],
            id="read-one-sign-after-a-quotation",
        ),
        pytest.param(
            'Nobody was hurt. The crowd burned the flag by the gate. "Once a traitor always a traitor" read one man.',
            ["SRC001"],
            id="read-one-man-after-a-quotation",
        ),
        pytest.param(
            'Nobody was hurt. The notice reads: "No entry for anyone without a pass."',
            [],
            id="a-notice-reads-before-a-colon",
        ),
        pytest.param(
            'Nobody was hurt. One placard read: "Save our library from the cuts."',
            [],
            id="a-placard-read-before-a-colon",
        ),
    ],
)
def test_session_23_round_2_written_sources_give_their_words(text: str, expected: list[str]) -> None:
    """Session 23, round 2: a written source (maybe with a phrase set off by commas) and "reads", "says", ... before a
    colon, or "read" and a written source right after a quotation (a sign, a post), give the quotation's words."""
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ann Okafor and Sam Cole met the board last night. The plan was put to the vote. "
            'Okafor: "Our aim is not to slow the plan but to end it." Cole: "The aim is to end it, not to slow it."',
            [],
            id="a-transcripts-lone-names-the-copy-names-elsewhere",
        ),
        pytest.param(
            "Ann Okafor and Sam Cole met the board last night. The plan was put to the vote. "
            'Update: "Our aim is not to slow the plan but to end it."',
            ["SRC001"],
            id="a-lone-word-the-copy-names-nowhere-else",
        ),
        pytest.param(
            'The plan was put to the vote. Okafor: "Our aim is not to slow the plan but to end it."',
            ["SRC001"],
            id="a-lone-word-seen-only-opening-a-sentence",
        ),
        pytest.param(
            "The novel has nine parts, and the best is Chapter One, set on a farm. "
            'Chapter: "The cows came home late that night."',
            ["SRC001"],
            id="a-label-the-copy-capitalises-mid-sentence-is-no-speaker",
        ),
        pytest.param(
            "Ann Okafor met the board. The latest Update came at noon. "
            'Update: "Our aim is not to slow the plan but to end it."',
            ["SRC001"],
            id="update-capitalised-mid-sentence-is-still-a-label",
        ),
    ],
)
def test_session_23_round_2_a_transcripts_lone_name_and_colon(text: str, expected: list[str]) -> None:
    """Session 23, round 2: a lone name and a colon opening a sentence or line before a quotation (a debate's or an
    interview's transcript) credit it when the copy names that word mid-sentence elsewhere."""
    assert readings(text) == expected
