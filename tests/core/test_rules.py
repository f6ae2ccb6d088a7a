"""The rule contract, and selection with ruff's semantics: the most specific selector wins, ignore on ties."""

from __future__ import annotations

from dataclasses import replace

import pytest
from copydesk import Article, Scorer, diagnostics
from copydesk.diagnostics import CORE_RULES, WARNINGS
from copydesk.errors import ConfigError
from copydesk.models import Rule, Severity
from copydesk.rules import check_selectors, doc_problems, is_selected, scorer_problems
from copydesk.suppress import Suppressions
from copydesk.testing import plugin_set, run_scorer, score_batch

HEDGE = Rule("HDG001", "hedge-cue", "m")
VAGUE = Rule("HDG002", "vague-attribution", "m")
FIGURE = Rule("FIG001", "unsourced-figure", "m")


@pytest.mark.parametrize(
    ("select", "ignore", "on"),
    [
        (["ALL"], [], {"HDG001", "HDG002", "FIG001"}),
        (["HDG"], [], {"HDG001", "HDG002"}),
        (["ALL"], ["HDG"], {"FIG001"}),
        (["HDG"], ["HDG001"], {"HDG002"}),
        (["HDG001"], ["HDG"], {"HDG001"}),
        (["HDG"], ["HDG"], set()),
        (["vague-attribution"], [], {"HDG002"}),
        (["ALL"], ["unsourced-figure"], {"HDG001", "HDG002"}),
        (["HDG00"], ["HDG"], {"HDG001", "HDG002"}),
        ([], [], set()),
    ],
)
def test_most_specific_selector_decides(select: list[str], ignore: list[str], on: set[str]) -> None:
    assert {r.code for r in (HEDGE, VAGUE, FIGURE) if is_selected(r, select, ignore)} == on


QUOTE = Rule("SRC001", "uncredited-quotation", "m", opt_in=True)


@pytest.mark.parametrize(
    ("select", "ignore", "opt_in_on", "default_on"),
    [
        (["ALL"], [], False, True),
        (["SRC"], [], False, True),
        (["SRC00"], [], False, True),
        (["SRC001"], [], True, True),
        (["uncredited-quotation"], [], True, True),
        (["ALL", "SRC001"], [], True, True),
        (["SRC001"], ["SRC"], True, True),
        (["SRC001"], ["SRC001"], False, False),
        (["ALL", "SRC001"], ["uncredited-quotation"], False, False),
    ],
)
def test_an_opt_in_rule_is_on_only_when_select_names_it(
    select: list[str], ignore: list[str], opt_in_on: bool, default_on: bool
) -> None:
    assert is_selected(QUOTE, select, ignore) is opt_in_on
    assert is_selected(replace(QUOTE, opt_in=False), select, ignore) is default_on


SELECTORS = ["ALL", "HDG", "HDG0", "HDG00", "HDG001", "vague-attribution", "FIG", "FI", "XYZ", "hdg001", "hedge"]


@pytest.mark.parametrize("selector", SELECTORS)
def test_a_suppression_comment_names_the_rules_select_names(selector: str) -> None:
    comment = Suppressions.of(Article(id="a", title="", body=f"<!-- copydesk: ignore {selector} -->\nText."))
    (item,) = comment.items
    for rule in (HEDGE, VAGUE, FIGURE):
        assert (item.selector_for(rule.code, rule.name) is not None) == is_selected(rule, [selector], []), rule.code


def test_a_digit_prefix_in_a_comment_suppresses_like_select() -> None:
    def score(document: object, context: object) -> list[object]:
        return [HEDGE.finding(document.body, 0, 4)]  # type: ignore[attr-defined]

    scorer = Scorer(prefix="HDG", name="hedging-test", rules=(HEDGE,), score=score)  # type: ignore[arg-type]
    assert [f.code for f in run_scorer(scorer, "Maybe so.")] == ["HDG001"]
    assert run_scorer(scorer, "<!-- copydesk: ignore-file HDG0 -->\nMaybe so.") == []


DOC = "**What it flags.** a\n**Why it matters.** b\n**Example.** c\n**Known problems.** d\n**Settings.** e\n"
GOOD = Scorer(prefix="TST", name="tester", rules=(Rule("TST001", "alpha-word", "Word {word}", doc=DOC),), score=print)


@pytest.mark.parametrize(
    ("scorer", "problem"),
    [
        (GOOD, None),
        (replace(GOOD, prefix="CD"), "invalid scorer prefix 'CD'"),
        (replace(GOOD, prefix="T5T"), "invalid scorer prefix 'T5T'"),
        (replace(GOOD, name="Tester"), "invalid scorer name 'Tester'"),
        (replace(GOOD, rules=()), "declares no rules"),
        (replace(GOOD, rules=(replace(GOOD.rules[0], code="TST01"),)), "'TST01' is not TST followed by three digits"),
        (replace(GOOD, rules=(replace(GOOD.rules[0], name="avoid-alpha"),)), "not kebab-case naming the pattern"),
        (replace(GOOD, rules=(replace(GOOD.rules[0], message="{word"),)), "is not a format template"),
        (replace(GOOD, rules=GOOD.rules * 2), "duplicate rule code TST001"),
        (
            replace(GOOD, rules=(replace(GOOD.rules[0], scope="document"),)),
            "scope 'document' is not 'span' or 'article'",
        ),
    ],
)
def test_scorer_contract_names_the_first_problem(scorer: Scorer, problem: str | None) -> None:
    found = scorer_problems(scorer)
    assert (found[0] if found else None) == problem or (problem is not None and problem in found[0])


@pytest.mark.parametrize(
    ("doc", "problem"),
    [
        (DOC, None),
        (DOC.replace("**Example.** c\n", ""), "lacks the section(s) **Example.**"),
        (DOC.replace(" e\n", "\n"), "section **Settings.** is empty"),
        (
            "**Why it matters.** b\n**What it flags.** a\n**Example.** c\n**Known problems.** d\n**Settings.** e",
            "order",
        ),
    ],
)
def test_doc_contract_names_the_section(doc: str, problem: str | None) -> None:
    found = doc_problems(replace(GOOD.rules[0], doc=doc))
    assert (found == []) if problem is None else (len(found) == 1 and problem in found[0])


def test_rule_finding_holds_every_field_a_constructed_finding_has() -> None:
    """Rule.finding fills the instance dictionary itself: a field added to Finding must be filled there too."""
    from copydesk.models import Finding
    from copydesk.text import TextView

    view = TextView("One line here.\nAnd another.", "text")
    found = Rule("XX001", "some-rule", "saw {what}").finding(view, 4, 8, data={"k": 1}, what="it")
    built = Finding(**{name: getattr(found, name) for name in found.__dict__})
    assert found == built
    assert found.__dict__ == built.__dict__


def test_a_rules_finding_carries_its_scope() -> None:
    from copydesk.text import TextView

    view = TextView("One line here.", "text")
    assert Rule("XX001", "some-rule", "m", scope="article").finding(view, 0, 3).scope == "article"
    assert Rule("XX001", "some-rule", "m").finding(view, 0, 3).scope == "span"


@pytest.mark.parametrize("rule", [r for r in CORE_RULES if r.code in WARNINGS], ids=lambda r: r.code)
def test_an_info_diagnostic_said_as_a_warning_on_stderr_says_so_in_its_doc(rule: Rule) -> None:
    """CD003 and CD006 are ``info`` in ``copydesk rules`` and the reports, and their stderr line reads
    ``copydesk: warning:`` (the app's WARNINGS); each doc says so, not leaving the reader to wonder (review 12b, item 11)."""
    assert rule.severity is Severity.INFO
    assert "`copydesk: warning: " in rule.doc and "the diagnostic is `info`" in rule.doc


@pytest.mark.parametrize(
    ("body", "note"),
    [
        (
            "Мэр города заявил в понедельник, что бюджет вырос на пять процентов.",
            "100% of the body's letters are Cyrillic",
        ),
        ("Ο δήμαρχος είπε ότι ο προϋπολογισμός αυξήθηκε πολύ.", "are Greek"),
        ("東京都は月曜日に新しい予算を承認した。知事は記者会見で説明した。", "are CJK (Chinese/Japanese) characters"),
        ("Le café était très animé ce matin-là, déclarait-il, à Paris.", None),  # Latin script: no note
        ("The mayor of Moscow (Москва) said the budget grew by five per cent on Monday.", None),  # a name in passing
        ("Мэр: 5 %.", None),  # too few letters to judge
        ("The council approved the budget on Tuesday, the mayor said.", None),
    ],
)
def test_a_body_mostly_in_another_script_than_latin_gets_the_english_only_note(body: str, note: str | None) -> None:
    """A Russian article was graded B with no word that the scorers read English only (review 14, item 8)."""
    [report] = score_batch([Article(id="a", title="Title", body=body)], plugin_set())
    found = [d.message for d in report.diagnostics if d.code == "CD007"]
    assert len(found) == (0 if note is None else 1)
    assert note is None or (note in found[0] and found[0].endswith("not Latin: the scorers read English only"))


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said \u201cwe will\u201d \u2014 and left. " * 20,  # English with curly quotes: no note
        "Мэр города заявил, что бюджет вырос на 5 процентов. " * 3,
        "Caf\u00e9 na\u00efve \u00e0 la carte, Stra\u00dfe und \u0141\u00f3d\u017a. " * 5,  # Latin beyond ASCII
        "Half English and half \u0440\u0443\u0441\u0441\u043a\u0438\u0439 \ud800 text " * 4,  # a lone surrogate
    ],
)
def test_the_script_note_reads_the_non_ascii_characters_as_a_translate_that_drops_ascii_would(text: str) -> None:
    """The note reads the non-ASCII characters from the UTF-8 bytes; the plain reading drops ASCII with translate."""
    wide = text.translate(dict.fromkeys(range(128)))
    others = diagnostics._NON_LATIN.subn("", wide)[1]
    letters = diagnostics._LETTER.subn("", wide)[1] + sum(c.isascii() and c.isalpha() for c in text)
    found = diagnostics.non_latin(text)
    expected = letters >= diagnostics.SCRIPT_MIN_LETTERS and 2 * others > letters
    assert (found is not None) == expected
    if found is not None:
        assert found.message.startswith(f"{round(100 * others / letters)}% of the body's letters are ")


@pytest.mark.parametrize(
    ("selector", "meant"), [("hdg001", "HDG001"), ("Hdg", "HDG"), ("Vague-Attribution", "vague-attribution")]
)
def test_a_selector_in_the_wrong_case_is_refused_with_the_one_that_matches(selector: str, meant: str) -> None:
    rules = [Rule(code="HDG001", name="vague-attribution", message="m")]
    with pytest.raises(ConfigError) as info:
        check_selectors([selector], rules, "--select/--ignore")
    assert str(info.value) == (
        f"--select/--ignore: '{selector}' matches no rule code, prefix or name;"
        f" selectors are case-sensitive: did you mean '{meant}'? (see 'copydesk rules')"
    )


def test_a_selector_matching_nothing_in_any_case_gets_no_case_hint() -> None:
    with pytest.raises(ConfigError, match=r"^--select/--ignore: 'zzz9' matches no rule code, prefix or name \(see"):
        check_selectors(["zzz9"], [Rule(code="HDG001", name="vague-attribution", message="m")], "--select/--ignore")
