"""Baselines: new findings fail, known ones pass, fingerprints survive edits, prune drops what is gone."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from cdci_helpers import FLAGGED, Desk
from copydesk import Finding, Severity
from copydesk.app import baseline_run
from copydesk.ci.baseline import NEW, UNCHANGED, Baseline, Entry, fingerprint, normalise
from copydesk.errors import EXIT_GATE, EXIT_OK, EXIT_USAGE, CopydeskError, UsageError
from copydesk.plugins.boilerplate.rules import NEAR_DUPLICATE_ARTICLE
from copydesk.plugins.hedging import HEDGE_DENSITY
from copydesk.plugins.sourcing import UNATTRIBUTED_ARTICLE
from copydesk.plugins.truncation.rules import LENGTH_OUTLIER
from support import SEEDS, CliResult

ARTICLE = "Budget vote\n\nThe bad plan passed on Monday.\n\nCritics called it awful in a statement.\n"
EDITED = (
    "Budget vote\n\nA new opening paragraph, added above, moves every line.\n\n"
    "The bad plan passed on Monday.\n\nCritics called it awful in a statement.\n"
)


def finding(matched: str, code: str = "WRD001", line: int = 1, excerpt: str = "") -> Finding:
    return Finding(code, "flagged-word", "m", Severity.WARNING, 0, len(matched), line, 1, line, 1, excerpt, matched)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("x.txt", finding("bad")), ("x.txt", finding("bad", line=40)), True),  # lines do not count
        (("x.txt", finding("Bad  news")), ("x.txt", finding("bad\nnews")), True),  # case and white space
        (("./x.txt", finding("bad")), ("x.txt", finding("bad")), True),  # a leading ./ is not part of the id
        (("x.txt", finding("ｂａｄ")), ("x.txt", finding("bad")), True),  # NFKC: full-width letters
        (("x.txt", finding("bad")), ("y.txt", finding("bad")), False),  # another article
        (("x.txt", finding("bad")), ("x.txt", finding("bad", code="WRD002")), False),  # another rule
        (("x.txt", finding("bad")), ("x.txt", finding("bade")), False),  # other words
        (("x.txt", finding("", excerpt="One sentence.")), ("x.txt", finding("", excerpt="Other.")), False),
    ],
)
def test_fingerprint(a: tuple[str, Finding], b: tuple[str, Finding], same: bool) -> None:
    assert (fingerprint(*a) == fingerprint(*b)) is same


def whole(matched: str, code: str = "SRC002") -> Finding:
    """A finding about the whole article, its span on ``matched`` (SRC002's: the first paragraph)."""
    return replace(finding(matched, code), scope="article")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("x.txt", whole("The lede.")), ("x.txt", whole("An edited lede, longer.")), True),  # evidence left out
        (("x.txt", whole("The lede.")), ("y.txt", whole("The lede.")), False),  # another article
        (("x.txt", whole("The lede.")), ("x.txt", whole("The lede.", code="HDG003")), False),  # another rule
        (("x.txt", whole("The lede.")), ("x.txt", finding("The lede.", code="SRC002")), False),  # a span finding
    ],
)
def test_a_whole_article_finding_is_fingerprinted_by_article_and_rule(
    a: tuple[str, Finding], b: tuple[str, Finding], same: bool
) -> None:
    assert (fingerprint(*a) == fingerprint(*b)) is same


def test_the_built_in_whole_article_rules_say_so_and_their_findings_carry_it() -> None:
    rules = (UNATTRIBUTED_ARTICLE, HEDGE_DENSITY, NEAR_DUPLICATE_ARTICLE, LENGTH_OUTLIER)
    assert {rule.scope for rule in rules} == {"article"} and FLAGGED.scope == "span"


def test_a_version_1_baseline_still_knows_its_whole_article_findings_after_the_lede_changed(tmp_path: Path) -> None:
    old_style = "5" * 32  # version 1 fingerprinted SRC002 by its matched text: no longer computed
    rows = [
        {"fingerprint": old_style, "article": "a.txt", "code": "SRC002", "matched": "The lede.", "count": 1},
        {
            "fingerprint": fingerprint("a.txt", finding("bad")),
            "article": "a.txt",
            "code": "WRD001",
            "matched": "bad",
            "count": 1,
        },
    ]
    target = tmp_path / "v1.json"
    target.write_text(json.dumps({"copydesk_baseline": 1, "articles": ["a.txt"], "findings": rows}))
    baseline = Baseline.load(target)
    assert baseline.entries[old_style] == Entry("a.txt", "SRC002", "The lede.", 1)  # kept as read
    assert baseline.entries[fingerprint("a.txt", whole("An edited lede."))] == Entry("a.txt", "SRC002", "", 1)
    assert baseline.entries[fingerprint("a.txt", finding("bad"))].count == 1  # span findings as before


def test_editing_the_lede_keeps_an_unattributed_articles_src002_unchanged(
    cli: Callable[..., CliResult], no_project_config: Path
) -> None:
    """Review 12, item 8: seed 004 has SRC002 on its first paragraph; a line added above it is no new finding."""
    article = no_project_config / "004.txt"
    shutil.copy(SEEDS / "004_91f16627d1be3ee9.txt", article)
    assert cli("baseline", "write", "004.txt", "-o", "b.json").exit_code == EXIT_OK
    assert json.loads((no_project_config / "b.json").read_text())["copydesk_baseline"] == 2
    lines = article.read_text(encoding="utf-8").split("\n")
    article.write_text("\n".join([lines[0], "The council met on Monday.", *lines[1:]]), encoding="utf-8")
    report = json.loads(cli("check", "004.txt", "--baseline", "b.json", "-f", "json").stdout)["articles"][0]
    states = {(f["code"], f["baseline"]) for f in report["findings"] if f["code"] == "SRC002"}
    assert states == {("SRC002", UNCHANGED)}


def test_normalise() -> None:
    assert normalise("  Sources\u00a0SAY\n that ") == "sources say that"


def write_baseline(desk: Desk, paths: list[str], target: Path, prune: bool = False) -> int:
    options = desk.options(paths, [])
    return baseline_run(options, target, prune, io.StringIO(), lambda line: None)


def test_old_findings_pass_new_ones_fail(desk: Desk, tmp_path: Path) -> None:
    path = desk.write("a.txt", ARTICLE)
    target = tmp_path / "baseline.json"
    assert write_baseline(desk, [path], target) == EXIT_OK
    gate = {"fail_on": "warning"}
    assert desk.run([path], ["json"], gate).code == EXIT_GATE  # without the baseline it fails
    assert desk.run([path], ["json"], gate, baseline=target).code == EXIT_OK
    Path(path).write_text(ARTICLE + "\nA bad second call.\n", encoding="utf-8")
    result = desk.run([path], ["sarif"], gate, baseline=target)
    assert result.code == EXIT_GATE
    assert "fail_on: new warning+ findings WRD001" in result.err
    states = [(r["ruleId"], r["baselineState"]) for r in json.loads(result.stdout)["runs"][0]["results"]]
    assert sorted(states) == [("WRD001", NEW), ("WRD001", UNCHANGED), ("WRD002", UNCHANGED)]
    findings = json.loads(desk.run([path], ["json"], gate, baseline=target).stdout)["articles"][0]["findings"]
    assert sorted((f["code"], f["baseline"]) for f in findings) == sorted(states)
    assert "baseline" not in json.loads(desk.run([path], ["json"], gate).stdout)["articles"][0]["findings"][0]


def test_edited_paragraph_keeps_its_fingerprint(desk: Desk, tmp_path: Path) -> None:
    path = desk.write("a.txt", ARTICLE)
    target = tmp_path / "baseline.json"
    write_baseline(desk, [path], target)
    before = json.loads(desk.run([path]).stdout)["articles"][0]["findings"]
    Path(path).write_text(EDITED, encoding="utf-8")
    result = desk.run([path], ["json"], {"fail_on": "info"}, baseline=target)
    after = json.loads(result.stdout)["articles"][0]["findings"]
    assert [f["location"]["line"] for f in after] == [f["location"]["line"] + 2 for f in before]
    assert result.code == EXIT_OK


def test_counts_repeat_occurrences(desk: Desk, tmp_path: Path) -> None:
    path = desk.write("a.txt", "Title\n\nOne bad thing.\n")
    target = tmp_path / "baseline.json"
    write_baseline(desk, [path], target)
    Path(path).write_text("Title\n\nOne bad thing. Another bad thing.\n", encoding="utf-8")
    result = desk.run([path], ["sarif"], {"fail_on": "warning"}, baseline=target)
    assert result.code == EXIT_GATE
    assert [r["baselineState"] for r in json.loads(result.stdout)["runs"][0]["results"]] == [UNCHANGED, NEW]


def test_score_floor_under_a_baseline(desk: Desk, tmp_path: Path) -> None:
    known = desk.write("known.txt", ARTICLE)
    target = tmp_path / "baseline.json"
    write_baseline(desk, [known], target)
    fresh = desk.write("fresh.txt", ARTICLE)  # same text, but not in the baseline
    result = desk.run([known, fresh], ["json"], {"fail_under": 90}, baseline=target)
    assert result.code == EXIT_GATE
    assert [Path(a).name for a in json.loads(result.stdout)["summary"]["failing"]] == ["fresh.txt"]


def test_prune_removes_what_is_gone(desk: Desk, tmp_path: Path) -> None:
    a = desk.write("a.txt", ARTICLE)
    b = desk.write("b.txt", "Other\n\nA bad day.\n")
    target = tmp_path / "baseline.json"
    write_baseline(desk, [a, b], target)
    written = json.loads(target.read_text())
    assert sorted(e["code"] for e in written["findings"]) == ["WRD001", "WRD001", "WRD002"]
    Path(a).write_text("Budget vote\n\nThe bad plan passed on Monday.\n", encoding="utf-8")  # 'awful' gone
    Path(b).unlink()
    assert write_baseline(desk, [a], target, prune=True) == EXIT_OK
    pruned = json.loads(target.read_text())
    assert [(e["code"], e["matched"]) for e in pruned["findings"]] == [("WRD001", "bad")]
    assert [Path(p).name for p in pruned["articles"]] == ["a.txt"]
    # prune never adds: a new finding stays out of the baseline
    Path(a).write_text("Budget vote\n\nThe bad plan was awful.\n", encoding="utf-8")
    write_baseline(desk, [], target, prune=True)  # no paths: the ones recorded in the file
    assert [e["code"] for e in json.loads(target.read_text())["findings"]] == ["WRD001"]


def test_prune_over_the_recorded_paths_drops_the_entries_of_files_that_are_gone(desk: Desk, tmp_path: Path) -> None:
    a = desk.write("a.txt", ARTICLE)
    b = desk.write("b.txt", "Other\n\nA bad day.\n")
    target = tmp_path / "baseline.json"
    write_baseline(desk, [a, b], target)
    Path(a).unlink()
    lines: list[str] = []
    assert baseline_run(desk.options([], []), target, True, io.StringIO(), lines.append) == EXIT_OK
    pruned = json.loads(target.read_text())
    assert pruned["paths"] == [b] and [Path(p).name for p in pruned["articles"]] == ["b.txt"]
    assert [(e["code"], e["matched"]) for e in pruned["findings"]] == [("WRD001", "bad")]
    assert lines[0] == f"copydesk: 1 path(s) {target} records no longer exist: their entries are dropped"
    assert lines[-1].endswith("1 fingerprint(s) in 1 article(s), 2 dropped")


def test_prune_keeps_the_entries_of_an_article_that_cannot_be_read_today(desk: Desk, tmp_path: Path) -> None:
    """A file binary today (a bad export): its findings may still occur; dropped, each would be new once it is mended."""
    a = desk.write("a.txt", ARTICLE)
    b = desk.write("b.txt", "Other\n\nA bad day.\n")
    target = tmp_path / "baseline.json"
    write_baseline(desk, [a, b], target)
    before = json.loads(target.read_text())
    Path(a).write_bytes(b"\x00\x01 not text")
    lines: list[str] = []
    assert baseline_run(desk.options([], []), target, True, io.StringIO(), lines.append) == EXIT_USAGE
    pruned = json.loads(target.read_text())
    assert pruned["findings"] == before["findings"] and pruned["articles"] == before["articles"]
    assert lines[-1].endswith(
        "3 fingerprint(s) in 2 article(s), 0 dropped; the entries of 1 article(s) that could not be read are kept as they were"
    )
    Path(a).write_text(ARTICLE, encoding="utf-8")  # mended: nothing of it is new
    assert desk.run([a, b], ["json"], {"fail_on": "info"}, baseline=target).code == EXIT_OK


def test_a_path_named_twice_is_recorded_once(desk: Desk, tmp_path: Path) -> None:
    """Read once, as the run reads it: recorded twice, every prune over the recorded paths warned 'named twice'."""
    a = desk.write("a.txt", ARTICLE)
    target = tmp_path / "baseline.json"
    write_baseline(desk, [a, a], target)
    assert json.loads(target.read_text())["paths"] == [a]


def test_prune_refuses_when_none_of_the_recorded_paths_exists(desk: Desk, tmp_path: Path) -> None:
    """Run from another folder (or every article gone): refused, the baseline kept as it was."""
    a = desk.write("a.txt", ARTICLE)
    target = tmp_path / "baseline.json"
    write_baseline(desk, [a], target)
    before = target.read_bytes()
    Path(a).unlink()
    lines: list[str] = []
    with pytest.raises(UsageError) as caught:
        baseline_run(desk.options([], []), target, True, io.StringIO(), lines.append)
    assert str(caught.value) == (
        f"{target}: none of its recorded paths exists here ({a}); "
        "run prune from the folder it was written in, or name the paths"
    )
    assert lines == [] and target.read_bytes() == before


@pytest.mark.parametrize("alone", [True, False])
def test_prune_refuses_a_baseline_written_over_standard_input_without_the_paths_named(
    desk: Desk, tmp_path: Path, alone: bool
) -> None:
    """'-' is no path that stopped existing: its entries were dropped in silence (or 'run prune from the folder')."""
    a = desk.write("a.txt", ARTICLE)
    target = tmp_path / "baseline.json"
    write_baseline(desk, [a], target)
    data = json.loads(target.read_text())
    data["paths"] = ["-"] if alone else ["-", a]
    target.write_text(json.dumps(data))
    before = target.read_bytes()
    lines: list[str] = []
    with pytest.raises(UsageError) as caught:
        baseline_run(desk.options([], []), target, True, io.StringIO(), lines.append)
    assert str(caught.value) == (
        f"{target}: it was written over standard input ('-'), which prune cannot read again:"
        " name the paths, '-' among them with the articles piped in"
    )
    assert lines == [] and target.read_bytes() == before


@pytest.mark.parametrize("paths", [[1], [None], ["a.txt", ""], [["a.txt"]]])
def test_a_baseline_whose_paths_are_not_path_strings_is_malformed(tmp_path: Path, paths: list[object]) -> None:
    target = tmp_path / "baseline.json"
    target.write_text(json.dumps({"copydesk_baseline": 1, "findings": [], "articles": [], "paths": paths}))
    with pytest.raises(UsageError, match="malformed baseline: 'paths' must hold path strings"):
        Baseline.load(target)


@pytest.mark.parametrize("articles", [[1], [None], ["a.txt", ""], ["  "], [["a.txt"]], [True]])
def test_a_baseline_whose_articles_are_not_id_strings_is_malformed(tmp_path: Path, articles: list[object]) -> None:
    """An id of 1 used to be read as the article "1", so a hand-edited baseline passed unnoticed."""
    target = tmp_path / "baseline.json"
    target.write_text(json.dumps({"copydesk_baseline": 2, "findings": [], "articles": articles}))
    with pytest.raises(UsageError, match=r"malformed baseline: 'articles' must hold article ids \(non-blank strings\)"):
        Baseline.load(target)


def test_prune_over_named_paths_still_refuses_a_missing_one(desk: Desk, tmp_path: Path) -> None:
    a = desk.write("a.txt", ARTICLE)
    target = tmp_path / "baseline.json"
    write_baseline(desk, [a], target)
    with pytest.raises(CopydeskError, match="no such file"):
        write_baseline(desk, [a + ".gone"], target, prune=True)


def test_baseline_file_is_stable(desk: Desk, tmp_path: Path) -> None:
    path = desk.write("a.txt", ARTICLE)
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    write_baseline(desk, [path], first)
    write_baseline(desk, [path], second)
    assert first.read_bytes() == second.read_bytes()
    assert all(
        set(e) == {"fingerprint", "article", "code", "matched", "count", "sentences"}
        for e in json.loads(first.read_text())["findings"]
    )


REPEATED = "Title\n\nThe bad plan passed. Critics called it a bad idea.\n"
INSERTED = "Title\n\nA bad surprise came first.\n\nThe bad plan passed. Critics called it a bad idea.\n"


def _states(desk: Desk, path: str, target: Path) -> list[tuple[int, str]]:
    result = desk.run([path], ["json"], {"fail_on": "warning"}, baseline=target)
    findings = json.loads(result.stdout)["articles"][0]["findings"]
    return [(f["location"]["line"], f["baseline"]) for f in findings]


def test_a_same_word_finding_inserted_above_old_ones_is_the_new_one(desk: Desk, tmp_path: Path) -> None:
    """Review 14, item 7: matched by sentence first, [new] lands on the inserted occurrence, not the last old one."""
    path = desk.write("a.txt", REPEATED)
    target = tmp_path / "baseline.json"
    write_baseline(desk, [path], target)
    Path(path).write_text(INSERTED, encoding="utf-8")
    assert _states(desk, path, target) == [(3, NEW), (5, UNCHANGED), (5, UNCHANGED)]
    # an old occurrence whose own sentence was edited still counts as known while the count allows
    Path(path).write_text("Title\n\nThe bad plan passed on Monday. Critics called it a bad idea.\n", encoding="utf-8")
    assert _states(desk, path, target) == [(3, UNCHANGED), (3, UNCHANGED)]


def test_an_entry_without_sentences_falls_back_to_the_count(desk: Desk, tmp_path: Path) -> None:
    """A baseline written before sentences were kept: the first count occurrences are unchanged, as documented."""
    path = desk.write("a.txt", REPEATED)
    target = tmp_path / "baseline.json"
    write_baseline(desk, [path], target)
    data = json.loads(target.read_text())
    for entry in data["findings"]:
        del entry["sentences"]
    target.write_text(json.dumps(data))
    Path(path).write_text(INSERTED, encoding="utf-8")
    assert _states(desk, path, target) == [(3, UNCHANGED), (5, UNCHANGED), (5, NEW)]


def test_prune_keeps_the_sentences_that_still_occur(desk: Desk, tmp_path: Path) -> None:
    path = desk.write("a.txt", REPEATED)
    target = tmp_path / "baseline.json"
    write_baseline(desk, [path], target)
    [before] = json.loads(target.read_text())["findings"]
    Path(path).write_text("Title\n\nThe bad plan passed.\n", encoding="utf-8")
    write_baseline(desk, [path], target, prune=True)
    [after] = json.loads(target.read_text())["findings"]
    assert (
        after["count"] == 1
        and len(before["sentences"]) == 2
        and after["sentences"] == [k for k in before["sentences"] if k in after["sentences"]]
    )
    Path(path).write_text(INSERTED, encoding="utf-8")
    assert _states(desk, path, target) == [(3, NEW), (5, UNCHANGED), (5, NEW)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file not found"),
        ("{not json", "not a copydesk baseline"),
        ("[" * 100_000 + "]" * 100_000, "not a copydesk baseline: its JSON is nested too deeply$"),
        ('{"copydesk_baseline": "1"}', 'not a copydesk baseline \\(no "copydesk_baseline": 2\\)'),
        ('{"copydesk_baseline": true}', 'not a copydesk baseline \\(no "copydesk_baseline": 2\\)'),
        ('{"copydesk_baseline": 3}', "a copydesk baseline of version 3, which this copydesk does not read"),
        ('{"copydesk_baseline": 1' + "0" * 5000 + "}", 'not a copydesk baseline \\(no "copydesk_baseline": 2\\)'),
        (
            '{"copydesk_baseline": 1, "articles": [], "findings": [{"code": "X"}]}',
            """malformed baseline entry 1 of "findings": it has no 'fingerprint' key$""",
        ),
        (
            '{"copydesk_baseline": 1, "articles": [], "findings": [{"fingerprint": "f", "code": "X", "matched": ""}]}',
            """malformed baseline entry 1 of "findings": it has no 'article' key$""",
        ),
        (
            '{"copydesk_baseline": 1, "articles": [], "findings": [{"fingerprint": "f", "article": "a", "code": "X",'
            ' "matched": "", "count": "two"}]}',
            """entry 1 of "findings": its 'count' must be a whole number, not a string$""",
        ),
        ('{"copydesk_baseline": 1, "articles": [], "findings": [[1, 2]]}', "entry 1 .* a JSON object, not an array$"),
        *(
            (
                '{"copydesk_baseline": 1, "articles": [], "findings": [{"fingerprint": "f", "article": "a", "code": "X",'
                f' "matched": "", "count": {count}}}]}}',
                f"""entry 1 of "findings": its 'count' must be a whole number from 1 to 2\\*\\*53 - 1, not one {problem}$""",
            )
            for count, problem in (
                ("-3", "below 1"),
                ("0", "below 1"),
                ("9" * 400, "beyond 2\\*\\*53 - 1"),
                ("-" + "9" * 5000, "below 1"),
            )
        ),
        ('{"copydesk_baseline": 1, "findings": []}', "malformed baseline: no 'articles' array"),
        *(
            (
                '{"copydesk_baseline": 2, "articles": [], "findings": [{"fingerprint": "f", "article": "a", "code": "X",'
                f' "matched": "", "count": 1, "sentences": {sentences}}}]}}',
                """entry 1 of "findings": its 'sentences' must be an array of at most 'count' strings$""",
            )
            for sentences in ('"abc"', "[1]", '["a", "b"]')
        ),
    ],
)
def test_bad_baseline_files(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(UsageError, match=message):
        Baseline.load(path)


def test_a_baseline_that_is_not_utf8_says_so_in_copydesk_s_words_not_the_codec_s(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_bytes(b'{"copydesk_baseline": "caf\xe9"}')
    with pytest.raises(UsageError) as info:
        Baseline.load(path)
    assert str(info.value) == (
        f"{path}: not a copydesk baseline: not valid UTF-8 (line 1, byte 27 of the line: invalid continuation byte), so not JSON"
    )


def test_a_baseline_the_system_cannot_read_says_so_once_not_that_it_is_no_baseline(tmp_path: Path) -> None:
    # a folder or a link loop is no damaged baseline; the system's reason is said once, without Python's errno form
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    for path, reason in ((tmp_path, "Is a directory"), (tmp_path / "loop1", "Too many levels of symbolic links")):
        with pytest.raises(UsageError) as caught:
            Baseline.load(path)
        assert str(caught.value) == f"{path}: cannot read the baseline file: {reason}"


def test_pruning_a_version_1_baseline_counts_what_the_file_held_not_its_second_fingerprints(
    cli: Callable[..., CliResult], no_project_config: Path
) -> None:
    """Review 12b: a v1 file's whole-article entries stand under two fingerprints once read; prune dropped none."""
    shutil.copy(SEEDS / "004_91f16627d1be3ee9.txt", no_project_config / "004.txt")
    assert cli("baseline", "write", "004.txt", "-o", "b.json").exit_code == EXIT_OK
    data = json.loads((no_project_config / "b.json").read_text())
    rows = data["findings"]
    [src002] = [row for row in rows if row["code"] == "SRC002"]
    src002["fingerprint"] = "5" * 32  # as version 1 fingerprinted it: by its matched text
    (no_project_config / "b.json").write_text(json.dumps({**data, "copydesk_baseline": 1}))
    result = cli("baseline", "prune", "004.txt", "--baseline", "b.json")
    assert result.exit_code == EXIT_OK, result.stderr
    assert f"{len(rows)} fingerprint(s) in 1 article(s), 0 dropped" in result.stderr, result.stderr
    assert json.loads((no_project_config / "b.json").read_text())["copydesk_baseline"] == 2


def test_prune_keeps_the_entries_of_rules_the_run_does_not_check(desk: Desk, tmp_path: Path) -> None:
    """Review s24v2, item 6: a plain prune dropped every entry of an opt-in rule written with
    --select ALL,SRC001 (and of any rule turned off), so a later check with it on saw them as new."""
    a = desk.write("a.txt", ARTICLE)
    b = desk.write("b.txt", "Other\n\nAn awful day.\n")
    target = tmp_path / "baseline.json"
    write_baseline(desk, [a, b], target)
    assert sorted(e["code"] for e in json.loads(target.read_text())["findings"]) == ["WRD001", "WRD002", "WRD002"]
    Path(b).unlink()
    options = replace(desk.options([a], []), overrides={"run": {"ignore": ["WRD002"]}})
    assert baseline_run(options, target, True, io.StringIO(), lambda line: None) == EXIT_OK
    kept = json.loads(target.read_text())["findings"]
    # a.txt's WRD002 ('awful') was not checked, so it stays; b.txt's went with its article
    assert sorted((e["code"], e["matched"]) for e in kept) == [("WRD001", "bad"), ("WRD002", "awful")]
    write_baseline(desk, [a], target, prune=True)  # checked again, and still there: kept
    assert len(json.loads(target.read_text())["findings"]) == 2
    Path(a).write_text("Budget vote\n\nThe bad plan passed on Monday.\n", encoding="utf-8")  # 'awful' gone
    write_baseline(desk, [a], target, prune=True)  # checked and gone: dropped
    assert [e["code"] for e in json.loads(target.read_text())["findings"]] == ["WRD001"]
