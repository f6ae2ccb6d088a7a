"""Issue 13: the runner scores with the learned model (core/data/model.json) and its points add up."""

from __future__ import annotations

import json
import math
import pickle
from pathlib import Path
from typing import Any

import pytest
from copydesk import Rule, Severity, scoring
from copydesk.model import rarity_cost
from copydesk.modelfile import FORMAT_VERSION, load_model, packaged_model_path
from copydesk.plugins import hedging
from copydesk.sources import Batch
from copydesk.testing import article, config, plugin_set, score_batch, scorers_of
from support import SEEDS, run_copydesk

pytestmark = pytest.mark.skipif(not packaged_model_path().exists(), reason="core/data/model.json is not shipped")

BUILTINS = plugin_set(entry_points=True)
HEDGING = plugin_set(scorers=scorers_of(hedging, "hedging"))
PLAIN = "The council approved the budget on Monday. The mayor said the vote was 7 to 2.\n\n"
HEDGED = "Sources say the deal may reportedly collapse, and it could allegedly be delayed."
#: A 150-word wire-style brief with one hedge ("could"), written for this test.
BRIEF = (
    "Flood barriers along the River Ouse in York were raised on Tuesday after three days of heavy rain, "
    "the Environment Agency said. Water levels at the Viking Recorder gauge reached 4.1 metres by 14:00 GMT, "
    "about a metre below the record set in 2000. Agency spokeswoman Helen Barnes said crews had closed "
    "the Foss Barrier at 06:30 and pumps were moving 50 tonnes of water a second. Two car parks near "
    "Skeldergate were shut and residents of 40 homes in Clementhorpe were told to move valuables upstairs. "
    "North Yorkshire Police said the A19 at Fulford was closed in both directions. The Met Office has issued "
    "a yellow warning for rain until Wednesday evening, and forecaster Tom Price said a further 30mm could "
    "fall on the Dales overnight. The city council said schools would open as normal on Wednesday. "
    "Updates will be posted on the council's website."
)


def seeds():
    """The seeds as the CLI reads them (first line the title)."""
    return list(Batch([str(SEEDS)], config().sources))


def test_contributions_add_up_to_the_points_lost_in_hundredths():
    reports = score_batch(seeds(), BUILTINS)
    for report in reports:
        lost = round(100 * (100 - report.score))
        assert sum(round(100 * s.contribution) for s in report.scorers) == lost, report.id


def test_the_seeds_all_grade_d_or_f():
    reports = score_batch(seeds(), BUILTINS)
    assert [r.grade for r in reports] and all(r.grade in ("D", "F") for r in reports), [
        (r.id, r.score, r.grade) for r in reports
    ]


def test_a_150_word_brief_with_one_hedge_stays_a_or_b():
    [report] = score_batch([BRIEF], BUILTINS)
    assert 140 <= report.words <= 160
    assert any(f.code.startswith("HDG") for f in report.findings)  # the hedge is reported...
    assert report.grade in ("A", "B"), (report.score, [(s.name, s.contribution) for s in report.scorers])


def test_a_suppressed_finding_does_not_change_the_score():
    ignore = "<!-- copydesk: ignore HDG -->\n"
    neutral = "<!-- " + "n" * (len(ignore) - 10) + " -->\n"  # same length: the hedges' offsets agree
    [hedged] = score_batch([PLAIN + neutral + HEDGED], HEDGING)
    [silenced] = score_batch([PLAIN + ignore + HEDGED], HEDGING)
    spans = [(f.start, f.end) for f in hedged.findings]
    assert spans and hedged.score < silenced.score  # the hedges cost points when they are not suppressed
    # Scored as if the flagged words were not there: the same text with those spans blanked.
    [blanked] = score_batch([scoring.mask(PLAIN + ignore + HEDGED, spans)], HEDGING)
    assert silenced.scorers[0].features == blanked.scorers[0].features
    assert silenced.score == blanked.score


COMMENT = "<!-- copydesk: ignore HDG002 FIG -->"


@pytest.mark.parametrize(
    ("before", "after", "without"),
    [
        pytest.param("", COMMENT + "\n", "", id="own-line"),
        # the word after it still opens its sentence (the blanked comment is a long run of spaces)
        pytest.param("", COMMENT, "", id="opening-the-paragraph"),
        pytest.param(" Buses", " " + COMMENT + " Buses", "  Buses", id="between-sentences"),
        # a line of its own goes with the comment: its characters are none of the digit share's
        pytest.param(" Buses", "\n" + COMMENT + "\n\nBuses", "\n\nBuses", id="own-line-between-paragraphs"),
        pytest.param(" Buses", "\r\n  " + COMMENT + " \r\n\r\nBuses", "\r\n\r\nBuses", id="own-line-crlf"),
    ],
)
def test_a_suppression_comment_is_not_words_of_the_article(before: str, after: str, without: str) -> None:
    """An idle comment changes no word count, feature or score of any scorer: the text reads as without it."""
    brief = UNSOURCED_BRIEF.replace("The coast road was", "The coast road, the A39, was")  # digits: a digit share
    [plain], [commented] = (
        score_batch([article(text, title="Storm closes coastal road")], BUILTINS)
        for text in (
            (brief.replace(before, without, 1) if before else brief),
            (brief.replace(before, after, 1) if before else after + brief),
        )
    )
    assert commented.words == plain.words
    assert [s.features for s in commented.scorers] == [s.features for s in plain.scorers]
    assert [(f.code, f.message) for f in commented.findings] == [(f.code, f.message) for f in plain.findings]
    assert commented.score == plain.score
    assert [d.code for d in commented.diagnostics] == ["CD005", "CD005"]  # both selectors idle, still reported


def test_more_evidence_of_a_problem_never_raises_the_score():
    scores = [score_batch([PLAIN * 4 + " ".join([HEDGED] * n)], HEDGING)[0].score for n in range(4)]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]


def test_a_cut_copy_is_marked_truncated_in_the_report_and_the_json():
    from copydesk.formats.schema import article_dict

    whole = seeds()[0].body
    cut = whole[: len(whole) // 2].rstrip() + " and the"
    intact, truncated = score_batch([whole, cut], BUILTINS)
    assert article_dict(truncated)["truncated"] is truncated.truncated
    trunc = next(s for s in truncated.scorers if s.name == "truncation")
    assert truncated.truncated == (trunc.subscore is not None and trunc.subscore <= 0.5)
    assert article_dict(intact)["truncated"] is False


def _write(tmp_path: Path, model: bytes) -> Path:
    (tmp_path / "model.json").write_bytes(model)
    config = tmp_path / "copydesk.toml"
    config.write_text('[scoring]\nmodel = "model.json"\n', encoding="utf-8")
    return config


def _newer() -> bytes:
    data = json.loads(packaged_model_path().read_text(encoding="utf-8"))
    data["format_version"] = FORMAT_VERSION + 1
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (lambda: b'{"format": "copydesk-model", ', "is not valid JSON"),
        (lambda: pickle.dumps({"format": "copydesk-model"}), "never loads pickles"),
        (_newer, "newer than this copydesk reads"),
    ],
    ids=["corrupt", "pickle", "newer-version"],
)
def test_a_bad_model_file_is_a_one_line_error_with_exit_2(cli, tmp_path, content, problem):
    config = _write(tmp_path, content())
    result = cli("score", str(SEEDS), "--config", str(config))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("copydesk: error:")]
    assert len(errors) == 1 and "model.json" in errors[0] and problem in errors[0], result.stderr


DUP_RULES = tuple(Rule(c, f"dup-{c[-1]}", "a doubled span", Severity.WARNING, "doc") for c in ("DUP001", "DUP002"))


def _twice(document, context):
    """One span ('bad') reported by two rules, as TPL001 and TPL003 once did on 'Leave a Comment'."""
    at = document.body.text.find("bad")
    for rule in DUP_RULES if context.settings.get("twice") else DUP_RULES[:1]:
        yield rule.finding(document.body, at, at + 3)


def test_a_span_flagged_by_two_rules_counts_once_in_the_score():
    from copydesk.models import Scorer

    dup = Scorer(prefix="DUP", name="dup", rules=DUP_RULES, score=_twice, settings={"twice": False})
    plugins = plugin_set(scorers=[dup])
    text = "The council said the bad budget passed on Monday by seven votes to two."
    [once] = score_batch([text], plugins)
    [twice] = score_batch([text], plugins, {"plugins": {"dup": {"twice": True}}})
    assert len(twice.findings) == 2 and len(once.findings) == 1, twice.diagnostics  # both rules reported
    assert once.score < 100.0  # the span does cost points
    assert twice.score == once.score


def test_a_third_party_scorer_counts_by_its_subscore_until_the_model_weighs_its_features(tmp_path):
    """docs/hooks.md: the packaged model weighs no third-party feature; a model fitted with them does."""
    from copydesk import Assessment, Feature, Rule, Scorer
    from copydesk.model import FeatureNorm, Model
    from copydesk.modelfile import dumps

    marks = Feature(name="marks_per_1000_words", direction="problem", doc="'!' per 1,000 words", unit="per_1000_words")
    rule = Rule(code="EXM001", name="exclamation-mark", message="An exclamation mark", doc="Marks.")
    scorer = Scorer(
        prefix="EXM",
        name="exclaim-marks",
        rules=(rule,),
        score=lambda document, context: Assessment((), subscore=0.5, features={marks.name: 0.0}),
        features=(marks,),
    )
    plugins = plugin_set(scorers=[scorer])
    [packaged] = score_batch([PLAIN * 20], plugins)
    assert packaged.score == 50.0  # no packaged feature is loaded: the sub-score's factor is the whole score
    [brief] = score_batch([PLAIN], plugins)  # no finding in under 300 words: the minimum-evidence floor holds
    assert brief.score == 70.0 and brief.floored
    own = Model(
        (FeatureNorm("exclaim-marks", marks.name, "problem", "per_1000_words", 1.0, 1.0, 1.0, (0.0,) * 101),),
        100,
        0.1,
        0.35,
    )
    path = tmp_path / "own.json"
    path.write_text(dumps(own), encoding="utf-8")
    [weighed] = score_batch([PLAIN], plugins, {"scoring": {"model": str(path)}})
    assert weighed.score == 100.0  # a typical value costs nothing, and the sub-score no longer applies


#: A 147-word brief written for this test: no finding, but no name, quotation or "said" either.
UNSOURCED_BRIEF = (
    "The coast road was closed after high winds brought down power lines. Engineers worked through the night "
    "to restore supply to homes in the area. The road will reopen later in the week once the lines have been "
    "made safe. Buses are running on a diversion, which adds time to journeys. A warning for wind covers the "
    "whole of the coast until the evening. Strong gusts were recorded at the harbour overnight. Drivers are "
    "asked to avoid the area and to allow extra time for their journeys. Residents who lost power can call "
    "the helpline for updates. The diversion will stay in place while repairs continue, and further closures "
    "are not ruled out if the weather gets worse again. Schools in the area are open as normal. Bin "
    "collections will go ahead as planned. Anyone who sees a fallen line should keep well away and report it."
)


#: More of the same for the long article: still no name, quotation or "said" (written for this test).
MORE_OF_THE_SAME = (
    " The closure began early in the morning, when the first line came down across both lanes. A second line "
    "fell an hour later near the bridge, and the road was shut at both ends soon after. Traffic built up on "
    "the inland route for most of the day, and some journeys took twice as long as usual. The wind eased "
    "slightly in the afternoon but picked up again after dark. Crews used lifting platforms to reach the "
    "damaged poles, and several poles will have to be replaced before the road can open. Parts of the "
    "footpath along the sea wall were also closed because of loose stones and debris. The car park by the "
    "beach was cleared of vehicles as a precaution. Shops along the front opened late or stayed shut, and "
    "deliveries were held back until the road was safe. Farmers on the higher ground checked fences and "
    "sheds for damage. The ferry did not sail and will not sail again until the sea calms down."
)


def test_a_short_brief_with_no_finding_stays_a_or_b():
    """docs/scoring.md, section 5: under 300 words with no finding, missing sourcing alone cannot go below B.

    The brief quotes, names and credits nobody; scored on its features alone it would be a C.
    """
    [report] = score_batch([article(UNSOURCED_BRIEF, title="Storm closes coastal road")], BUILTINS)
    assert 140 <= report.words <= 160 and report.findings == ()
    sourcing = next(s for s in report.scorers if s.name == "sourcing")
    assert sourcing.features["said_per_1000_words"] == sourcing.features["quotation_marks_per_1000_words"] == 0.0
    assert report.grade in ("A", "B"), report.score
    assert sum(round(100 * s.contribution) for s in report.scorers) == round(100 * (100 - report.score))


def test_a_long_article_that_names_quotes_and_credits_nobody_still_pays():
    text = UNSOURCED_BRIEF + MORE_OF_THE_SAME
    [report] = score_batch([article(text, title="Storm closes coastal road")], BUILTINS)
    assert report.words >= 300
    sourcing = next(s for s in report.scorers if s.name == "sourcing")
    assert sourcing.features["said_per_1000_words"] == sourcing.features["quotation_marks_per_1000_words"] == 0.0
    assert report.grade not in ("A", "B"), (report.score, report.findings)
    assert sourcing.contribution > 0


def test_one_finding_lifts_the_short_briefs_floor_and_a_suppressed_one_does_not():
    """The floor needs no finding at all: one hedge is evidence of a problem, unless it is suppressed."""
    brief = UNSOURCED_BRIEF
    hedged = brief.replace("gusts were recorded", "gusts were reportedly recorded")
    ignored = "<!-- copydesk: ignore HDG -->\n" + hedged
    # One batch each: near-duplicates in one batch would be boilerplate findings of their own.
    [[plain], [flagged], [silenced]] = [
        score_batch([article(t, title="Storm closes coastal road")], BUILTINS) for t in (brief, hedged, ignored)
    ]
    assert [f.code[:3] for f in flagged.findings] == ["HDG"]
    assert flagged.score < 70.0 <= plain.score  # more evidence of a problem: lower, never higher
    assert not silenced.findings and silenced.score >= 70.0


def test_the_report_says_when_the_minimum_evidence_floor_raised_the_score():
    """A brief at exactly the B floor is marked, so a reader sees why; a brief with a finding is not."""
    hedged = UNSOURCED_BRIEF.replace("gusts were recorded", "gusts were reportedly recorded")
    [[plain], [flagged], [long]] = [
        score_batch([article(t, title="Storm closes coastal road")], BUILTINS)
        for t in (UNSOURCED_BRIEF, hedged, UNSOURCED_BRIEF + MORE_OF_THE_SAME)
    ]
    assert plain.floored and plain.score == 70.0
    assert not flagged.floored and not long.floored


def test_text_markdown_html_junit_and_json_reports_mark_an_article_at_the_evidence_floor(tmp_path: Path) -> None:
    (tmp_path / "brief.txt").write_text("Storm closes coastal road\n\n" + UNSOURCED_BRIEF + "\n")
    (tmp_path / "long.txt").write_text("Storm closes coastal road\n\n" + UNSOURCED_BRIEF + MORE_OF_THE_SAME + "\n")
    formats = ("-f", "text", "-f", "markdown:r.md", "-f", "html:r.html", "-f", "json:r.json", "-f", "jsonl:r.jsonl")
    formats += ("-f", "junit:r.xml")
    result = run_copydesk("score", "brief.txt", "long.txt", *formats, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    document = json.loads((tmp_path / "r.json").read_text())
    assert document["schema_version"] == "2.3"
    assert {a["id"]: a["floored"] for a in document["articles"]} == {"brief.txt": True, "long.txt": False}
    lines = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert {a["id"]: (a["schema_version"], a["floored"]) for a in lines} == {
        "brief.txt": ("2.3", True),
        "long.txt": ("2.3", False),
    }
    assert "minor-concerns, evidence floor" in result.stdout
    assert "1 article(s) at the minimum-evidence floor" in " ".join(result.stdout.split())
    assert "B<br>evidence floor" in (tmp_path / "r.md").read_text()
    assert '<div class="muted">evidence floor</div>' in (tmp_path / "r.html").read_text()
    junit = (tmp_path / "r.xml").read_text()
    assert "<system-out>score 70.0 (B, minor-concerns, evidence floor)" in junit and junit.count("evidence floor") == 1


LOADED = Rule("LDW001", "loaded-word", "Loaded word 'gusts'", Severity.WARNING, "doc")


def _loaded(document, context):
    """One warning per 'gusts' in the body, as a small third-party lexicon scorer would give."""
    text, at = document.body.text, document.body.text.find("gusts")
    while at >= 0:
        yield LOADED.finding(document.body, at, at + 5)
        at = text.find("gusts", at + 5)


def _with_lexicon():
    from copydesk.models import Scorer

    lexicon = Scorer(prefix="LDW", name="loaded-test", rules=(LOADED,), score=_loaded)
    return plugin_set(scorers=[lexicon], entry_points=True)


def test_one_third_party_warning_cannot_take_a_floored_brief_below_b_and_several_can():
    """docs/hooks.md: a plugin's sub-score honours the minimum-evidence floor; one finding alone is not enough.

    Before, the one warning's factor (0.66 at the 300-word floor) lifted the floor and took the brief to D.
    """
    plugins = _with_lexicon()
    many = UNSOURCED_BRIEF.replace("gusts were recorded at the", "gusts, gusts and gusts hit the")
    [[one], [several]] = [
        score_batch([article(t, title="Storm closes coastal road")], plugins) for t in (UNSOURCED_BRIEF, many)
    ]
    assert [f.code for f in one.findings] == ["LDW001"]  # 'gusts' once
    assert one.grade == "B" and one.floored and one.score == 70.0
    assert sum(round(100 * s.contribution) for s in one.scorers) == round(100 * (100 - one.score))
    lexicon = next(s for s in one.scorers if s.name == "loaded-test")
    assert 0 < lexicon.contribution < 30  # the factor still has its share of the points lost
    assert [f.code for f in several.findings] == ["LDW001"] * 3  # and no built-in finding
    assert several.grade in ("D", "F") and not several.floored, several.score


def _listed_against_the_model(report, floor: float = 0.0) -> None:
    """Each scorer's listed costs are its costliest features under the model, with the verdict's value, median and points."""
    model = load_model(packaged_model_path())
    values = {f"{s.name}.{k}": v for s in report.scorers for k, v in s.features.items()}
    judged = model.score(values, floor=floor)
    medians = {f.key: f.quantiles[50] for f in model.features}
    for scorer in report.scorers:
        assert scorer.modelled == (scorer.name in model.scorers), scorer.name
        mine = sorted((c for c in judged.features if c.scorer == scorer.name and c.points > 0), key=lambda c: -c.points)
        # scaled as the runner scales them: to the scorer's contribution rounded to hundredths
        raw = math.fsum([c.points for c in judged.features if c.scorer == scorer.name])
        scale = scorer.contribution / raw if mine and raw > 0 else 1.0
        expected = [(c.key, c.value, medians[c.key], round(c.points * scale, 1)) for c in mine[:3]]
        listed = [(f"{scorer.name}.{c.name}", c.value, c.median, round(c.points, 1)) for c in scorer.costs]
        assert listed == expected, scorer.name


def test_each_scorer_lists_its_costliest_features_with_value_median_and_points():
    """Review 12, item 3: the points a scorer cost are explained by its features, not its findings."""
    reports = score_batch(seeds(), BUILTINS)
    for report in reports:
        _listed_against_the_model(report)
    cut = next(r for r in reports if r.id.endswith("003_1d813d5afd5ed48d.txt"))
    sourcing = next(s for s in cut.scorers if s.name == "sourcing")
    assert sourcing.contribution > 25 and not [f for f in sourcing.findings if f.severity is not Severity.INFO]
    assert sourcing.costs[0].name == "uncredited_quotation_share"  # its two slogans quoted without a speaker
    assert sourcing.costs[1].name == "said_per_1000_words" and sourcing.costs[1].value == 0.0


def test_at_the_evidence_floor_the_listed_points_are_those_of_the_floored_score():
    [report] = score_batch([article(UNSOURCED_BRIEF, title="Storm closes coastal road")], BUILTINS)
    assert report.floored and report.score == 70.0
    _listed_against_the_model(report, floor=70.0)  # fewer points than the features alone would cost
    sourcing = next(s for s in report.scorers if s.name == "sourcing")
    model = load_model(packaged_model_path())
    values = {f"{s.name}.{k}": v for s in report.scorers for k, v in s.features.items()}
    alone = next(c for c in model.score(values).features if c.key == f"sourcing.{sourcing.costs[0].name}")
    assert sourcing.costs[0].points < alone.points


def test_a_typical_article_starts_with_credits_that_hide_a_rare_feature_at_100():
    """docs/scoring.md, section 2: 22 features credit their median; a 96th-percentile feature still scores 100."""
    model = load_model(packaged_model_path())
    medians = {f.key: f.quantiles[50] for f in model.features}
    assert sum(rarity_cost(f, f.quantiles[50], model.reference_size) < -0.01 for f in model.features) == 22
    assert round(model.z(medians), 2) == -1.72
    rare = {**medians, "figures.unattributed_figures_per_1000_words": 20.0}
    judged = model.score(rare)
    cost = next(c for c in judged.features if c.key == "figures.unattributed_figures_per_1000_words").cost
    assert cost > math.log(5) and judged.score == 100.0
    assert all(c.points == 0 for c in judged.features)  # so no report lists a cost


#: A headline written for this test, set in sentence case and then in capitals.
HEADLINE = "Shocking: council plans huge tax raid on families"


def charged_features(calm: str, loud: str, as_heading: bool) -> tuple[list[str], dict[str, float], Any]:
    """The model features whose values differ between two headlines of one article, the loud one's values, the model.

    :param as_heading: the headline is the body's first line (no title field), else the title field.
    """

    def written(headline: str):
        return article(f"{headline}\n{PLAIN * 6}") if as_heading else article(PLAIN * 6, title=headline)

    model = load_model(packaged_model_path())

    def values(report) -> dict[str, float]:
        return {
            f"{s.name}.{k}": v for s in report.scorers for k, v in s.features.items() if f"{s.name}.{k}" in model.keys
        }

    before, after = (values(r) for r in score_batch([written(calm), written(loud)], BUILTINS))
    return sorted(k for k in model.keys if before.get(k) != after.get(k)), after, model


@pytest.mark.parametrize("as_heading", [False, True], ids=["title-field", "heading-line-as-title"])
def test_a_shouting_headline_is_charged_by_one_model_feature_only(as_heading: bool) -> None:
    # A new-user review: capitalised title words, title words in capitals and the body's all-caps
    # words each charged the same shouting headline (two or three correlated costs).
    changed, after, model = charged_features(HEADLINE, HEADLINE.upper(), as_heading)
    assert changed == ["readability.title_capitalisation"]
    [charged] = [c for c in model.score(after).features if c.key == changed[0]]
    assert charged.value == 1.0 and charged.cost > 0 and charged.points > 0  # charged, once


@pytest.mark.parametrize("as_heading", [False, True], ids=["title-field", "heading-line-as-title"])
def test_an_exclaiming_headline_is_charged_by_one_model_feature_only(as_heading: bool) -> None:
    # Verification of review 14, item 4: a first line read as the title charged its '!!!' twice, as
    # title_exclamation and in the body's exclamations_per_1000_words (the capitals' round 5, for '!').
    # Three spaces against three '!': the body is as long either way (sourcing.digit_share reads its length).
    changed, after, model = charged_features(f"{HEADLINE}   ", f"{HEADLINE}!!!", as_heading)
    assert changed == ["readability.title_exclamation"]
    assert after["readability.exclamations_per_1000_words"] == 0.0
    [charged] = [c for c in model.score(after).features if c.key == changed[0]]
    assert charged.value == 1.0 and charged.cost > 0 and charged.points > 0  # charged, once
