"""Tests of the boilerplate scorer (TPL): seeds as a batch and one at a time, near misses, batch pass."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pytest
from copydesk import Article, Context, Finding, Rule, Scorer, Segment
from copydesk.errors import ConfigError
from copydesk.formats.positions import in_file
from copydesk.models import ArticleReport
from copydesk.plugins import boilerplate
from copydesk.plugins.boilerplate import batch as batch
from copydesk.plugins.boilerplate.hashing import HashCounter, key_hash, signature
from copydesk.sources import parse_text
from copydesk.testing import article, codes, plugin_set, run_copydesk, run_scorer, score_batch
from copydesk.text import Document

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
FIXTURES = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "boilerplate").glob("*.txt"))
SCORER = boilerplate.SCORER
HASH_OF_LEAVE_A_COMMENT = 0x25DA0FA6356C3AA1
HASH_OF_A_FRAME = 0xB1BBD9647C0975B0


def load(paths: Iterable[Path]) -> list[Article]:
    """Articles from text files, with the file's stem as id (000, farm_bikes, ...)."""
    out = []
    for path in paths:
        parsed = parse_text(
            path.read_text(encoding="utf-8"),
            path.stem.split("_")[0] if path.parent.name == "seeds" else path.stem,
            "txt",
        )
        assert isinstance(parsed, Article)
        out.append(parsed)
    return out


def reports(articles: list[Article], settings: dict[str, object] | None = None) -> dict[str, ArticleReport]:
    """Score ``articles`` as one batch with the boilerplate plugin only."""
    overrides = {"plugins": {"boilerplate": settings}} if settings else None
    done = score_batch(articles, plugin_set(plugins=[("boilerplate", boilerplate)]), overrides)
    for report in done:
        assert not report.diagnostics, report.diagnostics
    return {r.id: r for r in done}


def has(findings: Iterable[Finding], code: str, matched: str) -> bool:
    """True when a finding of ``code`` matched text containing ``matched``."""
    return any(f.code == code and matched in f.matched for f in findings)


@pytest.fixture(scope="module")
def seed_batch() -> dict[str, ArticleReport]:
    return reports(load(SEEDS))


@pytest.fixture(scope="module")
def seeds_alone() -> dict[str, ArticleReport]:
    return {a.id: reports([a])[a.id] for a in load(SEEDS)}


FURNITURE_AND_BYLINE = [
    ("001", "TPL002", "by Chief Editor"),
    ("002", "TPL002", "by Chief Editor"),
    ("001", "TPL001", "Did you know?"),
    ("002", "TPL001", "Did you know?"),
    ("001", "TPL001", "Pro Tip:"),
    ("002", "TPL001", "Pro Tip:"),
    ("001", "TPL001", "You may also like"),
    ("002", "TPL001", "You may also like"),
    ("001", "TPL001", "Leave a Comment"),
    ("002", "TPL001", "Leave a Comment"),
    ("001", "TPL001", "Share your comments below"),
    ("001", "TPL001", "FAQ"),
    ("002", "TPL001", "FAQ: Understanding the Current Situation"),
    ("001", "TPL001", "Explore Further:"),
    ("000", "TPL001", "Share your perspective in the comments below!"),
    ("004", "TPL001", "Share your thoughts in the comments below!"),
]


@pytest.mark.parametrize(("seed", "code", "matched"), FURNITURE_AND_BYLINE)
def test_seed_batch_finds_furniture_and_bylines(
    seed_batch: dict[str, ArticleReport], seed: str, code: str, matched: str
) -> None:
    assert has(seed_batch[seed].findings, code, matched)


@pytest.mark.parametrize(("seed", "code", "matched"), FURNITURE_AND_BYLINE)
def test_seeds_scored_alone_still_find_furniture_and_bylines(
    seeds_alone: dict[str, ArticleReport], seed: str, code: str, matched: str
) -> None:
    assert has(seeds_alone[seed].findings, code, matched)


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seeds_scored_alone_have_no_batch_findings(seeds_alone: dict[str, ArticleReport], seed: str) -> None:
    assert not {"TPL003", "TPL004", "TPL005"} & set(codes(seeds_alone[seed].findings))


@pytest.mark.parametrize("seed", ["001", "002"])
@pytest.mark.parametrize("line", ["by Chief Editor", "You may also like", "Leave a Comment"])
def test_lines_shared_by_001_and_002_are_repeated_with_their_count(
    seed_batch: dict[str, ArticleReport], seed: str, line: str
) -> None:
    found = [f for f in seed_batch[seed].findings if f.code == "TPL003" and f.matched == line]
    assert len(found) == 1
    assert found[0].data["articles"] == 2
    assert "recurs in 2 distinct stories of the 5 articles" in found[0].message


@pytest.mark.parametrize("seed", ["000", "003", "004"])
def test_articles_without_shared_lines_have_no_repeats(seed_batch: dict[str, ArticleReport], seed: str) -> None:
    assert "TPL003" not in codes(seed_batch[seed].findings)


@pytest.mark.parametrize(("seed", "field"), [("000", "title"), ("001", "text"), ("002", "text")])
def test_shifting_sands_frame_is_templated_headline(
    seed_batch: dict[str, ArticleReport], seed: str, field: str
) -> None:
    found = [f for f in seed_batch[seed].findings if f.code == "TPL004"]
    assert len(found) == 1
    assert found[0].field == field and "Shifting Sands" in found[0].matched
    assert "'shifting sands', shared by 3 of 5 articles" in found[0].message


@pytest.mark.parametrize("seed", ["003", "004"])
def test_headlines_without_the_frame_are_not_templated(seed_batch: dict[str, ArticleReport], seed: str) -> None:
    assert "TPL004" not in codes(seed_batch[seed].findings)


@pytest.mark.parametrize(
    ("seed", "heading"),
    [
        ("000", "The Miami Meetings and the Alaska Precedent"),
        ("000", "Beyond Ukraine: A Broader Framework for U.S.-Russia Relations"),
        ("004", "Why Miami? The Strategic Choice of a Neutral Ground"),
        ("004", "The Ukrainian Perspective: Balancing Security and Sovereignty"),
        ("001", "Trump’s Potential Role: A Disruptor or a Dealmaker?"),
        ("002", "Potential Future Scenarios: A Spectrum of Outcomes"),
    ],
)
@pytest.mark.parametrize("mode", ["batch", "alone"])
def test_section_headings_are_content(
    seed_batch: dict[str, ArticleReport], seeds_alone: dict[str, ArticleReport], seed: str, heading: str, mode: str
) -> None:
    report = (seed_batch if mode == "batch" else seeds_alone)[seed]
    item = next(a for a in load(SEEDS) if a.id == seed)
    start = item.body.index(heading)  # findings are in field offsets
    end = start + len(heading)
    assert not [f for f in report.findings if f.field == "text" and f.start < end and start < f.end]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("by Chief Editor\n\nThe council met on Tuesday to discuss the budget for next year.", ["TPL002"]),
        ("Posted by Admin\n\nThe council met on Tuesday to discuss the budget for next year.", ["TPL002"]),
        ("By Editorial Team\n\nThe council met on Tuesday to discuss the budget for next year.", ["TPL002"]),
        ("Staff Writer\n\nThe council met on Tuesday to discuss the budget for next year.", ["TPL002"]),
        ("By Jane Smith\n\nThe council met on Tuesday to discuss the budget for next year.", []),
        ("By Jane Smith, Staff Writer\n\nThe council met on Tuesday to discuss the budget.", []),
        ("By The Associated Press\n\nThe council met on Tuesday to discuss the budget.", []),
        ("Share your thoughts in the comments below!", ["TPL001"]),
        ("What do you think? Let us know in the comments.", ["TPL001"]),
        ("The minister declined to comment below the line of the statement, aides said.", []),
        ("Comments from readers flooded in after the broadcast on Sunday night.", []),
        ("Readers were asked to share their thoughts at a public meeting, the council said.", []),
        ("Did you know? The bridge opened in 1932.", ["TPL001"]),
        ("Did you know the bridge opened in 1932, the engineer asked the committee.", []),
        ("Pro Tip: Book early.", ["TPL001"]),
        ("1.2K Shares", ["TPL001"]),
        ("Shares in the company fell 4% on Monday after the profit warning.", []),
        ("Subscribe to our newsletter for weekly updates.", ["TPL001"]),
        ("Readers who subscribe to the paper's newsletter received the leak first.", []),
        ("We use cookies to improve your experience.", ["TPL001"]),
        ("Researchers said the bakery's cookies were sold out by noon.", []),
        ("You may also like", ["TPL001"]),
        ("You may also like the new bridge, the mayor told visitors.", []),
        ("FAQ", ["TPL001"]),
        ("Disclaimer: This post may contain affiliate links.", ["TPL001"]),
        ("We may earn a commission at no extra cost to you.", ["TPL001"]),
        ("As an Amazon Associate I earn from qualifying purchases.", ["TPL001"]),
        ("Affiliate disclosure: links below pay us a fee.", ["TPL001"]),
        (  # review s24v2, item 13
            "Some of the links in this article are affiliate links, which means we may receive a small fee.",
            ["TPL001"],
        ),
        ("The council said the links on the old site were broken.", []),
        ("Brokers may earn a commission of up to 5 percent, the regulator said.", []),
        ("The refund comes at no extra cost to you, the airline said in a statement.", []),
        ("Regulators said the scheme's emails carried affiliate links to fake shops.", []),
    ],
)
def test_single_article_rules_with_near_misses(body: str, expected: list[str]) -> None:
    assert codes(run_scorer(SCORER, article(body, title="Council budget"))) == expected


@pytest.mark.parametrize(
    ("byline", "url", "expected"),
    [
        ("Admin", None, ["TPL002"]),
        ("by Staff", None, ["TPL002"]),
        ("Jane Smith", None, []),
        ("Newsdaily", "https://www.newsdaily.com/2024/story", ["TPL002"]),
        ("Newsdaily", "https://www.otherpaper.com/2024/story", []),
    ],
)
def test_byline_field(byline: str, url: str | None, expected: list[str]) -> None:
    item = article("The council met on Tuesday to discuss the budget for next year.", byline=byline, url=url)
    assert codes(run_scorer(SCORER, item)) == expected


def test_byline_naming_the_site_in_the_body() -> None:
    item = article("By NewsDaily.com\n\nThe council met on Tuesday.", url="https://newsdaily.com/a")
    assert codes(run_scorer(SCORER, item)) == ["TPL002"]


def boilerplate_spans(doc: Document, batch_stats: object = None) -> list[Segment]:
    return list(boilerplate.segment(doc, Context(settings=SCORER.settings, batch=batch_stats)))


@pytest.mark.parametrize(
    ("seed", "last_real"),
    [
        ("001", "The plant remains under Russian control, and its safety is a major international concern."),
        ("004", "The coming days will be crucial in determining whether this diplomatic momentum"),
        ("000", "The coming months will be critical in determining whether this latest diplomatic push"),
    ],
)
def test_last_sentence_outside_boilerplate_segments_is_real_text(seed: str, last_real: str) -> None:
    doc = Document.from_article(next(a for a in load(SEEDS) if a.id == seed))
    doc = doc.with_segments(boilerplate_spans(doc))
    real = [s for s in doc.body.sentences if not doc.in_segment("boilerplate", s.start)]
    assert doc.body.text[real[-1].start : real[-1].end].startswith(last_real)


@pytest.mark.parametrize(
    ("seed", "line"),
    [
        ("001", "Leave a Comment"),
        ("001", "You may also like"),
        ("001", "by Chief Editor"),
        ("002", "FAQ: Understanding the Current Situation"),
    ],
)
def test_furniture_lines_are_whole_line_segments(seed: str, line: str) -> None:
    doc = Document.from_article(next(a for a in load(SEEDS) if a.id == seed))
    spans = {doc.body.text[s.start : s.end] for s in boilerplate_spans(doc)}
    assert line in spans


PROBE = Rule(code="PRB001", name="last-real-sentence", message="Last real sentence: {text}")


def probe_score(doc: Document, context: Context) -> list[Finding]:
    """A stand-in for the truncation scorer: report the last sentence outside boilerplate."""
    real = [s for s in doc.body.sentences if not doc.in_segment("boilerplate", s.start)]
    return [PROBE.finding(doc.body, real[-1].start, real[-1].end, text="")] if real else []


def test_other_scorers_see_the_segments_through_the_core() -> None:
    probe = Scorer(prefix="PRB", name="probe", rules=(PROBE,), score=probe_score)
    seeds = load(SEEDS)
    done = score_batch(seeds, plugin_set(plugins=[("boilerplate", boilerplate)], scorers=[probe]))
    last = {r.id: next(f for f in r.findings if f.code == "PRB001").matched for r in done}
    assert last["001"].endswith("a major international concern.")
    assert last["002"].endswith("a lasting peace or a deepening crisis.")


@pytest.mark.parametrize(
    ("body", "template"),
    [
        ("The council met on Tuesday to discuss the budget.\nLeave a Comment", "Leave a Comment"),
        (
            "The council met on Tuesday to discuss the budget.\nYou may also like\nLeave a Comment",
            "You may also likeLeave a Comment",
        ),
        ("The council met on Tuesday to discuss the budget.", ""),
    ],
)
def test_subscore_is_one_minus_template_share_of_characters(body: str, template: str) -> None:
    result = reports([article(body, id="a")])["a"].scorers[0]
    lines = [line.strip() for line in body.splitlines()]
    share = len(template) / sum(len(line) for line in lines)
    assert result.metrics["template_share"] == pytest.approx(round(share, 4))
    assert result.subscore == pytest.approx(1 - share)


@pytest.fixture(scope="module")
def fixture_batch() -> dict[str, ArticleReport]:
    return reports(load(FIXTURES))


@pytest.mark.parametrize(
    ("name", "code", "matched"),
    [
        ("farm_gardens", "TPL002", "Posted by Admin"),
        ("farm_gardens", "TPL001", "1.2K Shares"),
        ("farm_gardens", "TPL001", "Key Takeaways:"),
        ("farm_gardens", "TPL001", "Frequently Asked Questions"),
        ("farm_gardens", "TPL001", "Drop a comment below and let us know!"),
        ("farm_gardens", "TPL001", "What do you grow on your balcony?"),
        ("farm_gardens", "TPL001", "Subscribe to our newsletter"),
        ("farm_gardens", "TPL001", "Don't forget to share this article"),
        ("farm_gardens", "TPL001", "We use cookies"),
        ("farm_gardens", "TPL001", "Leave a Reply Cancel reply"),
        ("farm_bikes", "TPL001", "845 Shares"),
        ("farm_bikes", "TPL001", "Pro Tip:"),
        ("farm_bikes", "TPL003", "Subscribe to our newsletter for weekly gardening tips."),
        ("farm_bikes", "TPL004", "What It Means for Cities"),
        ("farm_gardens", "TPL004", "What It Means for Renters"),
        ("scraped_page", "TPL001", "Home"),
        ("scraped_page", "TPL001", "Contact Us"),
        ("scraped_page", "TPL006", "Site Map | Privacy | Terms | Advertise"),
    ],
)
def test_modern_furniture_fixtures(fixture_batch: dict[str, ArticleReport], name: str, code: str, matched: str) -> None:
    assert has(fixture_batch[name].findings, code, matched)


def test_clean_article_with_near_misses_has_no_findings(fixture_batch: dict[str, ArticleReport]) -> None:
    report = fixture_batch["clean_council"]
    assert report.findings == ()
    assert report.scorers[0].subscore == 1.0


def test_scraped_page_keeps_its_article_paragraphs(fixture_batch: dict[str, ArticleReport]) -> None:
    report = fixture_batch["scraped_page"]
    flagged = {in_file(f, report.source).line for f in report.findings}  # lines of the file
    assert not flagged & {9, 10, 11, 12}
    assert {2, 3, 7, 16} <= flagged


def story(seed: int, words: int = 200) -> str:
    """A deterministic pseudo-article of ``words`` words from a 2,000-word vocabulary."""
    rng = np.random.default_rng(seed)
    vocab = [f"w{i}" for i in range(2000)]
    tokens = [vocab[i] for i in rng.integers(0, len(vocab), size=words)]
    return " ".join(". ".join(" ".join(tokens[i : i + 10]) for i in range(j, j + 40, 10)) for j in range(0, words, 40))


def test_near_duplicate_article_names_the_other() -> None:
    base = story(1)
    copy = base.replace("w1", "x1", 1) + " An added closing sentence here."
    findings = {
        r.id: r.findings
        for r in score_batch(
            [article(base, id="orig"), article(copy, id="copy"), article(story(2), id="other")],
            plugin_set(plugins=[("boilerplate", boilerplate)]),
        )
    }
    near = {k: [f for f in v if f.code == "TPL005"] for k, v in findings.items()}
    assert near["orig"][0].data["other"] == "copy" and near["copy"][0].data["other"] == "orig"
    assert near["orig"][0].data["similarity"] >= 0.8
    assert near["other"] == []


@pytest.mark.parametrize(
    ("last_line", "repeated"),
    [
        ("Reporting by Ann Cole; Editing by Tom Vell", False),
        (
            "(Reporting by Ann Cole in Lowmarsh and Ivo Brandt; additional reporting by Luis de Sousa; editing by Tom Vell)",
            False,
        ),
        ("Writing by Mara Quist and editing by Tom Vell", False),
        ("Follow us on X for more updates", True),
        ("by Chief Editor", True),
        ("Editing by Chief Editor", True),
        ("Reporting by our staff; Editing by Tom Vell", True),
        ("Reporting by Ann Cole; Editing by", True),
    ],
)
def test_a_wire_credit_line_naming_people_is_not_template_but_a_site_sign_off_is(
    last_line: str, repeated: bool
) -> None:
    items = [article(story(seed) + "\n\n" + last_line, id=f"s{seed}") for seed in range(10, 14)]
    found = reports(items)
    assert all(has(found[f"s{seed}"].findings, "TPL003", last_line) is repeated for seed in range(10, 14))


@pytest.mark.parametrize(
    ("credit", "repeated"),
    [
        ("Reporting by Ann Cole and Ivo Brandt; Editing by Tom Vell and Mara Quist", False),
        ("Reporting by Ann Cole and Ivo Brandt; Editing by the Chief Editor desk team", True),
    ],
)
def test_a_credit_sentence_closing_a_paragraph_is_not_template_but_a_role_credit_is(
    credit: str, repeated: bool
) -> None:
    items = [
        article(story(seed) + f"\n\nThe agency gave no details on day {seed} of the talks. {credit}", id=f"s{seed}")
        for seed in range(10, 14)
    ]
    found = reports(items)
    assert all(has(found[f"s{seed}"].findings, "TPL003", credit) is repeated for seed in range(10, 14))


def test_near_duplicate_threshold_setting() -> None:
    words = story(3).split()
    changed = " ".join(words[:170] + story(4).split()[:30])  # about 0.7 of the shingles shared
    items = [article(" ".join(words), id="a"), article(changed, id="b")]
    assert "TPL005" not in codes(reports(items)["a"].findings)
    assert "TPL005" in codes(reports(items, {"near_duplicate_threshold": 0.5})["a"].findings)


@pytest.mark.parametrize(
    ("settings", "line", "code", "present"),
    [
        ({"extra_furniture": ["line:promo:limited time offer"]}, "Limited Time Offer", "TPL001", True),
        ({}, "Limited Time Offer", "TPL001", False),
        ({"remove_furniture": ["leave a comment"]}, "Leave a Comment", "TPL001", False),
        ({"extra_roles": ["intern"]}, "by Intern", "TPL002", True),
        ({}, "by Intern", "TPL002", False),
    ],
)
def test_lexicon_settings(settings: dict[str, object], line: str, code: str, present: bool) -> None:
    body = f"{line}\n\nThe council met on Tuesday to discuss the budget for next year."
    found = reports([article(body, id="a")], settings)["a"].findings
    assert has(found, code, line) is present


@pytest.mark.parametrize(
    ("settings", "repeated"), [({}, True), ({"repeated_min_articles": 3}, False), ({"repeated_min_share": 0.5}, False)]
)
def test_repeat_thresholds(seed_batch: dict[str, ArticleReport], settings: dict[str, object], repeated: bool) -> None:
    done = reports(load(SEEDS), settings) if settings else seed_batch
    assert ("TPL003" in codes(done["001"].findings)) is repeated


def test_chrome_model_can_be_turned_off() -> None:
    page = load([p for p in FIXTURES if p.stem == "scraped_page"])
    assert "TPL006" not in codes(reports(page, {"chrome_model": False})["scraped_page"].findings)


def test_extra_furniture_entry_must_name_its_kind() -> None:
    assert list(SCORER.check(SCORER.settings)) == []  # type: ignore[misc]
    with pytest.raises(ConfigError, match=r"\[plugins\.boilerplate\] extra_furniture entry 'banner:sale' is not"):
        run_scorer(SCORER, "Some text here.", settings={"extra_furniture": ["banner:sale"]})


@pytest.mark.parametrize("entry", ["line::", "line:", "sentence:promo:...", "label:promo: - "])
def test_an_extra_furniture_entry_with_no_words_is_a_config_error_not_a_phrase_silently_dropped(entry: str) -> None:
    """An empty phrase matches no line, so the lexicon used to drop it without a word."""
    message = f"[plugins.boilerplate] extra_furniture entry '{entry}' has no words in its phrase"
    with pytest.raises(ConfigError, match=re.escape(message)):
        run_scorer(SCORER, "Some text here.", settings={"extra_furniture": [entry]})


@pytest.mark.parametrize(
    ("key", "entry", "problem"),
    [
        ("extra_roles", "night shift", "is not one word"),
        ("remove_roles", "chief editor", "is not one word"),
        ("extra_roles", "desk.", "is not one word"),
        ("extra_roles", "24", "has a digit"),
        ("extra_roles", "3rd", "has a digit"),
        ("extra_frames", "::", "has no words"),
        ("remove_frames", " - ", "has no words"),
    ],
)
def test_a_role_of_two_words_or_a_frame_of_none_is_a_config_error_not_an_entry_that_never_matches(
    key: str, entry: str, problem: str
) -> None:
    """Roles are matched one byline word at a time and a wordless frame matches no headline."""
    with pytest.raises(ConfigError, match=re.escape(f"[plugins.boilerplate] {key} entry '{entry}' {problem}")):
        run_scorer(SCORER, "Some text here.", settings={key: [entry]})


@pytest.mark.parametrize("role", ["night", "Night", " NIGHT "])
def test_an_extra_role_counts_whatever_its_case(role: str) -> None:
    """A byline's words are compared lower-cased, so "Night" used to be a role that never matched."""
    text = "by Night Editor\n\nThe council met on Tuesday to discuss the budget for next year."
    assert codes(run_scorer(SCORER, text)) == []
    assert codes(run_scorer(SCORER, text, settings={"extra_roles": [role]})) == ["TPL002"]


def test_a_malformed_extra_furniture_entry_is_quoted_once_on_the_error_line(tmp_path: Path) -> None:
    """A real ESC reads ``\\x1b`` and a typed backslash ``\\\\``: no repr() before the line is neutralised."""
    (tmp_path / "a.txt").write_text("Title\n\nThe council met on Tuesday to discuss the budget.\n", encoding="utf-8")
    (tmp_path / "c.toml").write_text('[plugins.boilerplate]\nextra_furniture = ["x\\u001b\\\\"]\n', encoding="utf-8")
    result = run_copydesk("score", "a.txt", "--config", "c.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0].startswith(
        "copydesk: error: c.toml:2: [plugins.boilerplate] extra_furniture entry 'x\\x1b\\\\' is not 'kind:"
    )


def test_hashes_are_stable_across_processes() -> None:
    # BLAKE2b (little-endian, 8 bytes), not Python's salted hash(): a fixed value in every run.
    assert int(key_hash("L:leave a comment")) == HASH_OF_LEAVE_A_COMMENT
    assert int(key_hash("F:how to make")) == HASH_OF_A_FRAME


def test_line_and_sentence_keys_hash_their_words_digests_and_frames_their_text() -> None:
    """A line's or sentence's key is BLAKE2b of its prefix and its words' BLAKE2b digests; a frame's, of its text."""

    def blake(data: bytes) -> bytes:
        return hashlib.blake2b(data, digest_size=8).digest()

    words = b"".join(blake(word.encode()) for word in ("leave", "a", "comment"))
    assert key_hash("L:leave a comment") == int.from_bytes(blake(b"L:" + words), "little")
    assert key_hash("S:leave a comment") == int.from_bytes(blake(b"S:" + words), "little")
    assert key_hash("S:") == int.from_bytes(blake(b"S:" + blake(b"")), "little")  # a sentence without words
    assert key_hash("F:how to make") == int.from_bytes(blake(b"F:how to make"), "little")


def test_batch_state_holds_hashes_not_text() -> None:
    state = batch.start(SCORER.settings)
    for item in load(SEEDS):
        batch.observe(state, Document.from_article(item))
    state.counter.flush()
    assert state.counter.keys.dtype == np.uint64 and state.counter.counts.dtype == np.uint32
    assert state.store.ids == ["000", "001", "002", "003", "004"]
    stats = batch.finish(state)
    assert stats.articles == 5 and stats.threshold == 2


def test_minhash_signature_is_deterministic_and_order_sensitive() -> None:
    words = story(5).split()
    first, again = signature(words), signature(list(words))
    assert first is not None and again is not None and (first == again).all()
    assert signature(words[:4]) is None


def test_results_are_reproducible(seed_batch: dict[str, ArticleReport]) -> None:
    again = reports(load(SEEDS))
    assert {k: v.findings for k, v in again.items()} == {k: v.findings for k, v in seed_batch.items()}


ADVERSARIAL = [
    "a " * 500_000,
    "Did you know? " * 75_000,
    "by admin\n" * 110_000,
    "x" * 1_000_000,
    "Share your thoughts in the comments below! " * 23_000,
    "1 2 3 4 5 6 7 8 9 " * 55_000,
    ("word " * 40 + "\n" + "Home\n") * 4_000,
]


@pytest.mark.slow
@pytest.mark.parametrize("body", ADVERSARIAL, ids=lambda b: re.sub(r"\W+", "-", b[:16]).strip("-") or "blank")
def test_one_megabyte_adversarial_input_finishes(body: str) -> None:
    found = run_scorer(SCORER, article(body, id="big"))
    assert all(f.code.startswith("TPL") for f in found)


@pytest.mark.parametrize("flush_every", [1, 7, 1000])
def test_hash_counter_counts_exactly_whatever_the_merge_schedule(flush_every: int) -> None:
    rng = np.random.default_rng(flush_every)
    counter, expected = HashCounter(), Counter[int]()
    for step in range(200):
        hashes = np.unique(rng.integers(0, 300, size=15).astype(np.uint64))
        counter.add(hashes)
        expected.update(int(h) for h in hashes)
        if step % flush_every == 0:
            counter.flush()
    keys, counts = counter.repeated(2)
    assert [int(k) for k in keys] == sorted(k for k, v in expected.items() if v >= 2)
    assert [int(c) for c in counts] == [expected[int(k)] for k in keys]


FLOOD_STORY = [
    "Heavy rain flooded the lower town of Marrowby on Sunday night after the river burst its banks.",
    "Firefighters moved forty residents from their homes by boat before midnight, the county fire service said.",
    "The mayor said the new flood wall on the east bank had held but the older west bank wall had not.",
    "Shops along the high street stayed shut on Monday while owners pumped water from their cellars.",
    "The weather office expects two more days of rain across the valley before a drier spell at the weekend.",
    "Engineers from the river authority will inspect the west bank wall once the water level falls.",
    "Families who left their homes are staying with relatives or in the sports hall on Mill Road.",
    "Insurance firms have opened a helpline for householders whose homes were damaged by the water.",
]
OTHER_STORIES = [
    [
        "The county council approved a new bus route linking the two hospitals on Tuesday evening.",
        "Buses will run every twenty minutes from March and will stop at the railway station on the way.",
        "Council members said the route answers years of complaints from patients and hospital staff.",
        "The operator will add six electric buses to its fleet to run the service at no extra cost.",
        "A consultation on the timetable opens next week and runs until the end of the month.",
        "Campaigners welcomed the decision but asked for later evening services at weekends too.",
    ],
    [
        "A primary school in Eastfold will close for a week so builders can repair its leaking roof.",
        "Pupils will be taught at the church hall next door while the work is done, the head teacher said.",
        "The roof was damaged in a storm last winter and patched twice since then by the council.",
        "Parents were told of the closure in a letter sent home with the children on Friday afternoon.",
        "The repairs will cost about ninety thousand pounds and are paid for from the schools budget.",
        "The school expects to reopen on the following Monday if the weather allows the work to finish.",
    ],
]
SIGN_OFF = "Sign up for our morning briefing in your inbox"


def _rewrite(sentences: list[str], version: int) -> str:
    """A version of a story with one sentence reworded and the site's sign-off line."""
    changed = [s.replace("said", "told reporters") if i == version else s for i, s in enumerate(sentences)]
    return " ".join(changed) + "\n\n" + SIGN_OFF


@pytest.mark.parametrize("copies", [2, 4])
def test_one_story_held_several_times_is_a_near_duplicate_not_template(copies: int) -> None:
    items = [article(_rewrite(FLOOD_STORY, v), id=f"flood{v}") for v in range(copies)]
    items += [article(" ".join(s) + "\n\n" + SIGN_OFF, id=f"other{k}") for k, s in enumerate(OTHER_STORIES)]
    done = reports(items)
    for v in range(copies):
        found = done[f"flood{v}"].findings
        assert "TPL005" in codes(found)
        repeated = [f for f in found if f.code == "TPL003"]
        assert [f.matched for f in repeated] == [SIGN_OFF]
        assert repeated[0].data["articles"] == 3  # one story and the two others
        result = next(r for r in done[f"flood{v}"].scorers if r.prefix == "TPL")
        assert result.metrics["template_share"] < 0.1


@pytest.mark.parametrize(
    ("stories", "repeated"),
    [
        (2, False),  # a sentence shared by two stories on one event (a common quotation) is not template
        (3, True),  # the same sentence in three distinct stories is
    ],
)
def test_shared_sentence_needs_three_distinct_stories(stories: int, repeated: bool) -> None:
    shared = "The agency said in a statement that it would review every case again by the end of the year."
    bodies = [FLOOD_STORY[:4], *OTHER_STORIES]
    items = [article(" ".join([*bodies[k], shared]), id=f"s{k}") for k in range(stories)]
    found = reports(items)["s0"].findings
    assert has(found, "TPL003", shared) is repeated


def test_story_groups_join_rewrites_through_their_most_similar_pair() -> None:
    # a-b, b-a and c-b similar, d alone (rows 0, 1, 2, 3)
    groups = list(batch.stories(4, np.array([0, 1, 2]), np.array([1, 0, 1])))
    assert [g.tolist() for g in groups] == [[0, 1, 2]]


@pytest.mark.parametrize(
    ("openings", "frame"),
    [
        (["Story highlights", "The Shifting Sands of the harbour deal"], None),  # label and the bullet under it
        (["[ad_1]", "The Shifting Sands of the harbour deal"], "shifting sands"),  # placeholder skipped, heading kept
        (["[The Shifting Sands of promo slot]"], None),  # a bracketed placeholder
        (["Key points", "The Shifting Sands of the harbour deal"], None),
        (["Briefing", "The Shifting Sands of the harbour deal"], "shifting sands"),  # a real sub-heading
        # a summary box with its first item on the label's line
        (["Story highlights The Shifting Sands of the harbour deal"], None),
        (["Key points The Shifting Sands of the harbour deal"], None),
        (
            ["Highlights of The Shifting Sands of the harbour deal"],
            "highlights of the ...",
        ),  # no box: a lower-case word
        # a line cut on a word no headline ends on (an ad plug-in's placeholder, a wrapped line)
        (["The Shifting Sands of the harbour deal, brought to you by"], None),
        (["The Shifting Sands of the harbour deal as told by the"], None),
        # a phrasal verb or a question may end on a preposition: still a sub-heading
        (["The Shifting Sands of the harbour deal: what to watch out for"], "shifting sands"),
        (["The Shifting Sands of the harbour deal kick in"], "shifting sands"),
        (["The Shifting Sands of the harbour deal as told"], "shifting sands"),
    ],
)
def test_labels_and_placeholders_are_not_sub_headings(openings: list[str], frame: str | None) -> None:
    items = [
        article("\n".join([*openings, " ".join(story)]), id=f"a{k}", title=f"Harbour news number {k} for the town")
        for k, story in enumerate([FLOOD_STORY, *OTHER_STORIES])
    ]
    found = [f for f in reports(items)["a0"].findings if f.code == "TPL004"]
    assert [f.message.split("'")[1] for f in found] == ([frame] if frame else [])
    assert all(f.message.startswith("Sub-heading uses") for f in found)


@pytest.mark.parametrize(
    ("titles", "templated"),
    [
        (["Jane Doe is back on tour", "Jane Doe is engaged again", "Jane Doe is leaving the show"], False),
        (["Kim and Lee split after years", "Kim and Lee spotted in Rome", "Kim and Lee deny the rumours"], False),
        (["What the tax means for renters", "What the tax means for farmers", "What the tax means for pupils"], True),
        # a count report opens wire headlines on any recurring event: a number and a participle
        (["12 killed in town flood", "32 killed in coach crash", "5 Killed in Factory Fire"], False),
        (["40 dead in ferry disaster", "3 dead in blaze", "12 Dead in Mine Collapse"], False),
        (["10 things you missed", "7 things you should know", "5 things you need"], True),  # a listicle frame
        # a quoted show's or book's title opening a headline part names its topic
        (
            [
                '"Singing With the Stars": pair wins',
                "'Singing With The Stars': host quits",
                "Recap: “Singing With the Stars” final",
            ],
            False,
        ),
        (
            [
                "Singing With the Stars: pair wins",
                "Singing With The Stars: host quits",
                "Recap: Singing With the Stars final",
            ],
            True,
        ),
    ],
)
def test_name_and_copula_openings_are_topical_not_frames(titles: list[str], templated: bool) -> None:
    items = [
        article(" ".join(s), id=f"t{k}", title=t)
        for k, (t, s) in enumerate(zip(titles, [FLOOD_STORY, *OTHER_STORIES], strict=True))
    ]
    assert ("TPL004" in codes(reports(items)["t0"].findings)) is templated


@pytest.mark.parametrize("seed", ["001", "002"])
def test_issue_14_seed_sub_heading_on_line_5_is_not_called_the_headline(
    seed_batch: dict[str, ArticleReport], seed: str
) -> None:
    """Issue 14: TPL004 at 001 5:1 and 002 5:1 is a sub-heading of the body, not the headline."""
    line = next(p for p in SEEDS if p.name.startswith(seed)).read_text(encoding="utf-8").split("\n")[4]
    found = [f for f in seed_batch[seed].findings if f.code == "TPL004" and f.matched == line.strip()]
    assert len(found) == 1 and found[0].message.startswith("Sub-heading uses the stock frame")


SPAN_TEXT = (
    "Did you know? Share your thoughts in the comments below! 12 34 rock’n’roll don’t stop.\n"
    "By Admin\nSign up for our newsletter – 1,200 readers; you may also like: e-mail x_y 5’6\n"
    "Leave a comment. Let us know what you think; we use cookies, accept all."
)


def test_word_index_head_is_the_first_token_of_every_span() -> None:
    """``WordIndex.head`` (used to skip lexicon look-ups) never disagrees with tokenising the span."""
    from copydesk.plugins.boilerplate.lexicon import tokens
    from copydesk.plugins.boilerplate.words import WordIndex
    from copydesk.text import TextView

    index = WordIndex(TextView(SPAN_TEXT))
    known = 0
    for start in range(len(SPAN_TEXT) + 1):
        for end in range(start, min(len(SPAN_TEXT), start + 40) + 1):
            head = index.head(start, end)
            toks = tokens(SPAN_TEXT, start, end)
            assert index.tokens(start, end) == toks
            if head is not None:
                known += 1
                assert head == (toks[0].norm if toks else ""), (start, end)
    assert known > len(SPAN_TEXT) * 10  # many spans are answered without tokenising


def test_phrase_starts_cover_every_prompt_and_sentence_phrase_match() -> None:
    """A span whose tokens hold a prompt or sentence phrase always holds one of ``phrase_starts``."""
    from copydesk.plugins.boilerplate.detect import phrase_starts
    from copydesk.plugins.boilerplate.lexicon import build
    from copydesk.plugins.boilerplate.words import WordIndex
    from copydesk.text import TextView

    lex = build(boilerplate.SCORER.settings)
    index = WordIndex(TextView(SPAN_TEXT))
    hits = phrase_starts(lex, index.low, ("prompt", "sentence"))
    matched = 0
    for i in range(len(index.starts)):
        for j in range(i + 1, len(index.starts) + 1):
            toks = index.tokens(index.starts[i], index.ends[j - 1])
            if lex.contained("prompt", toks) or lex.contained("sentence", toks):
                matched += 1
                assert any(i <= hit < j for hit in hits), SPAN_TEXT[index.starts[i] : index.ends[j - 1]]
    assert matched  # the text holds phrases of both kinds
    assert phrase_starts(lex, ("the", "harbour", "deal"), ("prompt", "sentence")) == []
