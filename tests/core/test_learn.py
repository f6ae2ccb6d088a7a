"""learn-weights fits a user's own model: it recovers a planted signal, writes a model file that
--model uses, reports cross-validated AUCs and what the grades mean; errors are one line."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from copydesk import Assessment, Context, Document, Feature, Rule, Scorer
from copydesk.errors import EXIT_OK, EXIT_USAGE
from copydesk.learn import LearnOptions, learn_weights
from copydesk.modelfile import load_model
from copydesk.testing import plugin_set
from support import CliResult

Cli = Callable[..., CliResult]
MARKER = "zebra"


def marker_score(document: Document, context: Context) -> Assessment:
    """Feature 1 when the marker word is in the body, else 0 (a problem feature)."""
    return Assessment(features={"marker": 1.0 if MARKER in document.body.text else 0.0})


def noise_score(document: Document, context: Context) -> Assessment:
    """A feature in [0, 10] that depends on the body's hash only: unrelated to any label."""
    digest = hashlib.sha256(document.body.text.encode()).digest()
    return Assessment(features={"marker": 10 * digest[0] / 255})


def anti_score(document: Document, context: Context) -> Assessment:
    """A problem feature that is higher for the articles *without* the marker (the reliable ones)."""
    return Assessment(features={"marker": 0.0 if MARKER in document.body.text else 1.0})


def scorer(prefix: str, name: str, function: Callable[[Document, Context], Assessment]) -> Scorer:
    feature = Feature("marker", "problem", "The planted marker (tests).", "count")
    return Scorer(prefix, name, (Rule(f"{prefix}001", f"{name}-signal", "m"),), function, features=(feature,))


SIGNAL = scorer("SIG", "signal", marker_score)
NOISE = scorer("NOI", "noise", noise_score)
ANTI = scorer("ANT", "anti", anti_score)


def planted(path: Path, n: int = 80) -> Path:
    """JSONL articles labelled 'bad' mostly when the marker is present (10 % of labels flipped)."""
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            bad = i % 2 == 0
            has_marker = bad if rng.random() > 0.1 else not bad
            body = f"Article {i} about the council budget {rng.random():.6f}." + (
                f" A {MARKER} appeared." if has_marker else ""
            )
            out.write(json.dumps({"id": f"a{i}", "text": body, "verdict": "bad" if bad else "good"}) + "\n")
    return path


def run_learn(options: LearnOptions) -> tuple[int, str, list[str]]:
    stdout = io.StringIO()
    errors: list[str] = []
    code = learn_weights(options, stdout, errors.append)
    return code, stdout.getvalue(), errors


def signal_options(folder: Path, target: Path, articles: int = 80) -> LearnOptions:
    """learn-weights over :func:`planted` articles with the signal scorer alone, writing ``target``."""
    return LearnOptions(
        [str(planted(folder / "a.jsonl", articles))],
        "verdict",
        "bad",
        output=str(target),
        cwd=folder,
        plugins=plugin_set(scorers=[SIGNAL]),
    )


def auc_row(stdout: str, name: str) -> float:
    line = next(line for line in stdout.splitlines() if line.startswith(f"  {name} "))
    return float(line.split()[-3])


def test_the_fitted_model_weighs_the_signal_over_loud_noise_and_beats_the_model_in_use(tmp_path: Path) -> None:
    target = tmp_path / "model.json"
    options = LearnOptions(
        [str(planted(tmp_path / "a.jsonl"))],
        "verdict",
        "bad",
        output=str(target),
        cwd=tmp_path,
        plugins=plugin_set(scorers=[SIGNAL, NOISE]),
    )
    code, stdout, errors = run_learn(options)
    assert code == EXIT_OK, errors
    model = load_model(target)
    learned = {f.key: f.learned for f in model.features}
    assert learned["signal.marker"] > learned["noise.marker"]
    # the packaged model knows neither scorer: every article scores 100 under it, a coin toss
    assert auc_row(stdout, "model in use (packaged)") == 0.5
    assert auc_row(stdout, "fitted model") > 0.75  # 10 % of the labels are flipped
    assert "  signal.marker " in stdout
    assert model.training["labelled"] == {"articles": 80, "unreliable": 40, "label": "verdict"}


@pytest.mark.parametrize(("articles", "warned"), [(80, True), (100, False)])
def test_fewer_than_50_articles_in_a_class_is_one_warning_line_and_the_model_is_still_written(
    tmp_path: Path, articles: int, warned: bool
) -> None:
    target = tmp_path / "model.json"
    code, _, errors = run_learn(signal_options(tmp_path, target, articles))
    assert code == EXIT_OK and target.exists()
    warning = (
        "copydesk: warning: 40 unreliable and 40 other article(s) scored, fewer than 50 in a class:"
        " the AUCs and the learned weights are unreliable"
    )
    assert errors[:-1] == ([warning] if warned else []) and errors[-1].startswith("copydesk: wrote ")


def test_the_model_file_carries_what_a_grade_means_on_the_labelled_articles(tmp_path: Path) -> None:
    target = tmp_path / "model.json"
    code, stdout, _ = run_learn(signal_options(tmp_path, target))
    assert code == EXIT_OK
    groups = {g.name: g for g in load_model(target).reference}
    assert set(groups) == {"reliable", "unreliable"}
    assert groups["reliable"].articles == groups["unreliable"].articles == 40
    assert groups["reliable"].label == "the articles not labelled 'verdict' = 'bad' in the labelled set"
    assert list(groups["reliable"].grades) == ["A", "B", "C", "D", "F"]
    # the one feature is the marker: an article without it grades A, one with it (calibrated so 95 % of
    # the reliable class reaches B) grades B; so the shares are exactly the marker's shares per class
    rows = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    for name, verdict in (("reliable", "good"), ("unreliable", "bad")):
        marked = [MARKER in r["text"] for r in rows if r["verdict"] == verdict]
        assert groups[name].grades["A"] == pytest.approx(1 - sum(marked) / len(marked))
        assert groups[name].grades["B"] == pytest.approx(sum(marked) / len(marked))
    assert "Of the articles labelled 'verdict' = 'bad' in the labelled set, " in stdout


def test_no_feature_rising_with_the_label_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "model.json"
    options = LearnOptions(
        [str(planted(tmp_path / "a.jsonl"))],
        "verdict",
        "bad",
        output=str(target),
        cwd=tmp_path,
        plugins=plugin_set(scorers=[ANTI]),
    )
    code, stdout, errors = run_learn(options)
    assert code == EXIT_USAGE and not target.exists()
    assert errors[-1:] == [
        "copydesk: error: no feature's cost rises with the label: every learned weight is 0; nothing written"
    ]
    assert "0 learned a weight" in stdout


HEDGED = "Sources say the council may reportedly approve the plan, and insiders suggest it could possibly fail."
PLAIN = "The council approved the plan on Tuesday by seven votes to two. The mayor, Jane Smith, signed it."


def small_corpus(folder: Path, per_class: int = 6) -> Path:
    """Tiny JSONL articles: hedged ones labelled fake, plain ones real."""
    path = folder / "labelled.jsonl"
    rows = []
    for i in range(per_class):
        rows.append({"id": f"f{i}", "title": f"Plan story {i}", "text": f"{HEDGED} Item {i}.", "label": "fake"})
        rows.append({"id": f"r{i}", "title": f"Council story {i}", "text": f"{PLAIN} Item {i}.", "label": "real"})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


FEW = (
    "copydesk: warning: 6 unreliable and 6 other article(s) scored, fewer than 50 in a class:"
    " the AUCs and the learned weights are unreliable\n"
)


def test_a_model_fitted_on_a_small_labelled_set_is_used_by_score_and_check_with_model(
    cli: Cli, no_project_config: Path
) -> None:
    corpus = str(small_corpus(no_project_config))
    learned = cli("learn-weights", corpus, "--label", "label", "--unreliable", "fake", "--folds", "3", "-o", "m.json")
    assert learned.exit_code == EXIT_OK, learned.stderr
    assert learned.stderr == FEW + "copydesk: wrote m.json; score with it: --model m.json, or [scoring] model\n"
    model = load_model(no_project_config / "m.json")
    assert any(f.scorer == "hedging" and f.learned > 0 for f in model.features)

    def scores(*extra: str) -> dict[str, float]:
        result = cli("score", corpus, "-f", "json", *extra)
        assert result.exit_code == EXIT_OK, result.stderr
        document = json.loads(result.stdout)
        return {a["id"]: a["score"] for a in document["articles"]}

    packaged, own = scores(), scores("--model", "m.json")
    assert packaged != own
    assert max(v for k, v in own.items() if k.startswith("f")) < min(v for k, v in own.items() if k.startswith("r"))
    gate = cli("check", corpus, "--model", "m.json", "--fail-under", "0", "-f", "json")
    assert gate.exit_code == EXIT_OK and json.loads(gate.stdout)["run"]["model"]["file"].endswith("m.json")


def test_the_report_and_the_model_file_are_reproducible(cli: Cli, no_project_config: Path) -> None:
    corpus = str(small_corpus(no_project_config))
    args = ("learn-weights", corpus, "--label", "label", "--unreliable", "fake", "--folds", "3")
    first, second, parallel = (
        cli(*args, "-o", "a.json"),
        cli(*args, "-o", "b.json"),
        cli(*args, "-j", "2", "-o", "c.json"),
    )
    assert first.exit_code == EXIT_OK and first.stdout == second.stdout == parallel.stdout
    assert "unreliable ('label' = 'fake'): 6\nother ('real' 6): 6\n" in first.stdout
    written = [(no_project_config / f"{n}.json").read_bytes() for n in "abc"]
    assert written[0] == written[1] == written[2]
    bare = cli(*args)
    assert (
        bare.stdout == first.stdout and bare.stderr == FEW + "copydesk: no model written (give -o FILE to write it)\n"
    )


def write_as(fmt: str, folder: Path) -> list[str]:
    """The small corpus as CSV (one row with a line break in a field) or as Markdown files with front matter."""
    rows = [json.loads(line) for line in small_corpus(folder).read_text().splitlines()]
    if fmt == "csv":
        rows[0]["text"] = rows[0]["text"].replace(". ", ".\n\n", 1)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, ["id", "label", "title", "text"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        (folder / "labelled.csv").write_text(buffer.getvalue(), encoding="utf-8")
        return [str(folder / "labelled.csv")]
    for row in rows:
        text = f"---\nlabel: {row['label']}\n---\n# {row['title']}\n\n{row['text']}\n"
        (folder / "md" / f"{row['id']}.md").parent.mkdir(exist_ok=True)
        (folder / "md" / f"{row['id']}.md").write_text(text, encoding="utf-8")
    return [str(folder / "md")]


@pytest.mark.parametrize("fmt", ["csv", "md"])
def test_labels_are_read_from_csv_columns_and_front_matter_like_jsonl(
    cli: Cli, no_project_config: Path, fmt: str
) -> None:
    args = ("--label", "label", "--unreliable", "fake", "--folds", "3")
    expected = cli("learn-weights", str(small_corpus(no_project_config)), *args)
    result = cli("learn-weights", *write_as(fmt, no_project_config), *args)
    assert result.exit_code == EXIT_OK, result.stderr
    counts = "unreliable ('label' = 'fake'): 6\nother ('real' 6): 6\n"
    assert counts in result.stdout and counts in expected.stdout


def test_records_without_the_label_are_one_error_line_each_and_the_rest_is_used(
    cli: Cli, no_project_config: Path
) -> None:
    corpus = small_corpus(no_project_config)
    lines = corpus.read_text().splitlines()
    extra = [json.dumps({"id": "x1", "text": PLAIN}), json.dumps({"id": "x2", "text": PLAIN, "label": ""}), "not json"]
    corpus.write_text("\n".join([*lines, *extra]) + "\n")
    result = cli("learn-weights", str(corpus), "--label", "label", "--unreliable", "fake", "--folds", "3")
    assert result.exit_code == EXIT_USAGE and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"copydesk: error: {corpus}:13 (x1): no 'label' field to label the article by",
        f"copydesk: error: {corpus}:14 (x2): empty label: the 'label' field is empty",
        f"copydesk: error: {corpus}:15: not valid JSON: expecting value (column 1)",
        FEW.strip(),
        "copydesk: no model written (give -o FILE to write it)",
    ]
    assert "other ('real' 6): 6\n" in result.stdout and "fitted model: " in result.stdout


@pytest.mark.parametrize(
    ("label", "problem"),
    [
        ("", "empty label: the 'label' field is empty"),
        ("   ", "empty label: the 'label' field is white space alone ('   ')"),
        ("\t\n", "empty label: the 'label' field is white space alone ('\\t\\n')"),
    ],
)
def test_an_empty_or_blank_label_is_named_as_such_and_never_becomes_a_class(
    cli: Cli, no_project_config: Path, label: str, problem: str
) -> None:
    corpus = small_corpus(no_project_config)
    rows = [*corpus.read_text().splitlines(), json.dumps({"id": "b1", "text": PLAIN, "label": label})]
    corpus.write_text("\n".join(rows) + "\n")
    result = cli("learn-weights", str(corpus), "--label", "label", "--unreliable", "fake", "--folds", "3")
    assert result.exit_code == EXIT_USAGE and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == f"copydesk: error: {corpus}:13 (b1): {problem}"
    assert "other ('real' 6): 6\n" in result.stdout  # a blank label is no third class, nor "other"


def test_labels_left_out_are_named_before_a_class_check_that_they_made_fail(cli: Cli, no_project_config: Path) -> None:
    corpus = small_corpus(no_project_config, per_class=5)
    rows = [json.loads(line) for line in corpus.read_text().splitlines()]
    rows[1]["label"] = ""  # r0's label left blank: 4 real articles left, one too few
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = cli("learn-weights", str(corpus), "--label", "label", "--unreliable", "fake", "--folds", "3")
    assert result.exit_code == EXIT_USAGE and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"copydesk: error: {corpus}:2 (r0): empty label: the 'label' field is empty",
        "copydesk: error: learn-weights needs at least 5 articles in each class, whatever --folds;"
        " there are 5 unreliable and 4 other",
    ]


def test_a_label_that_is_the_unreliable_one_but_for_case_or_spaces_is_one_warning_line_each(
    cli: Cli, no_project_config: Path
) -> None:
    corpus = small_corpus(no_project_config, per_class=8)
    rows = [json.loads(line) for line in corpus.read_text().splitlines()]
    for row, label in zip([r for r in rows if r["label"] == "fake"], ["Fake ", "Fake ", " FAKE"], strict=False):
        row["label"] = label
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = cli("learn-weights", str(corpus), "--label", "label", "--unreliable", "fake", "--folds", "3")
    assert result.exit_code == EXIT_OK, result.stderr
    said = "only by case or spaces: those articles are trained as reliable"
    assert result.stderr.splitlines()[:2] == [
        f"copydesk: warning: 'label' = ' FAKE' (1 article(s)) differs from --unreliable 'fake' {said}",
        f"copydesk: warning: 'label' = 'Fake ' (2 article(s)) differs from --unreliable 'fake' {said}",
    ]
    assert "unreliable ('label' = 'fake'): 5\n" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--label", "verdict", "--unreliable", "fake"), "no article has a 'verdict' field (--label)"),
        (
            ("--label", "label", "--unreliable", "bogus"),
            "every labelled article is in one class: none has 'label' = 'bogus' (labels seen: 'fake', 'real')",
        ),
        (
            ("--label", "label", "--unreliable", "fake", "--folds", "7"),
            "7 folds need at least 7 articles in each class; there are 6 unreliable and 6 other",
        ),
        (
            ("--label", "label", "--unreliable", "fake", "-o", "missing/m.json"),
            "missing/m.json: folder missing does not exist",
        ),
        (
            ("--label", "title", "--unreliable", "fake"),
            "--label 'title': that field is read as the article itself ([sources.fields])",
        ),
    ],
    ids=["unknown-field", "one-class", "too-few-for-folds", "output-folder-missing", "article-field"],
)
def test_usage_errors_are_one_line_and_exit_2(
    cli: Cli, no_project_config: Path, args: tuple[str, ...], message: str
) -> None:
    result = cli("learn-weights", str(small_corpus(no_project_config)), *args)
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == f"copydesk: error: {message}\n" and result.stdout == ""


@pytest.mark.parametrize("folds", ["2", "4"])
def test_fewer_than_5_articles_in_a_class_is_refused_in_one_line_whatever_the_folds(
    cli: Cli, no_project_config: Path, folds: str
) -> None:
    corpus = small_corpus(no_project_config)
    rows = [json.loads(line) for line in corpus.read_text().splitlines()]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows if r["id"] not in ("f0", "f1")), encoding="utf-8")
    args = ("--label", "label", "--unreliable", "fake", "--folds", folds, "-o", "m.json")
    result = cli("learn-weights", str(corpus), *args)
    assert result.exit_code == EXIT_USAGE and result.stdout == ""
    assert result.stderr == (
        "copydesk: error: learn-weights needs at least 5 articles in each class, whatever --folds;"
        " there are 4 unreliable and 6 other\n"
    )
    assert not (no_project_config / "m.json").exists()


def test_standard_input_and_a_missing_path_are_usage_errors(cli: Cli, no_project_config: Path) -> None:
    for path, message in [
        ("-", "learn-weights reads files and folders, not standard input"),
        ("nope", "nope: no such file or directory"),
    ]:
        result = cli("learn-weights", path, "--label", "label", "--unreliable", "fake")
        assert (result.exit_code, result.stderr) == (EXIT_USAGE, f"copydesk: error: {message}\n")


def test_an_output_that_is_one_of_the_labelled_files_is_refused_and_the_data_kept(
    cli: Cli, no_project_config: Path
) -> None:
    corpus = small_corpus(no_project_config)
    data = corpus.read_bytes()
    (no_project_config / "link.jsonl").symlink_to(corpus)
    for output, named in [(str(corpus), ""), ("link.jsonl", f" ({corpus})")]:
        result = cli(
            "learn-weights", str(corpus), "--label", "label", "--unreliable", "fake", "--folds", "3", "-o", output
        )
        assert (result.exit_code, result.stdout) == (EXIT_USAGE, "")
        assert result.stderr == (
            f"copydesk: error: {output}: the model file would overwrite this input{named}; write it elsewhere\n"
        )
        assert corpus.read_bytes() == data


def test_the_fitted_models_scores_apply_each_articles_minimum_evidence_floor():
    """As the runner scores: the floor (a short article with no finding) first, then the truncation factor."""
    import numpy as np
    from copydesk.learn import model_scores
    from copydesk.model import FeatureNorm, Model

    norm = FeatureNorm("s", "a", "problem", "per_1000_words", 1.0, 1.0, 1.0, tuple(float(i) for i in range(101)))
    model = Model(features=(norm,), reference_size=100, scale=0.5, truncation_penalty=0.35)
    x = np.array([[99.0], [99.0], [99.0]])
    bare = model_scores(model, ["s.a"], x, [0.0, 0.0, 1.0], [0.0, 0.0, 0.0])
    assert bare[0] < 70.0
    floored = model_scores(model, ["s.a"], x, [0.0, 0.0, 1.0], [0.0, 70.0, 70.0])
    assert floored.tolist() == pytest.approx([bare[0], 70.0, 70.0 * 0.65])


def test_a_feature_no_reliable_article_has_is_reported_left_out_and_the_model_does_not_blame_an_older_scorer(
    cli: Cli, no_project_config: Path
) -> None:
    path = small_corpus(no_project_config)
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    path.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "title"}) + "\n" for r in rows))
    args = ("learn-weights", str(path), "--label", "label", "--unreliable", "fake", "--folds", "3", "-o", "m.json")
    learned = cli(*args)
    assert learned.exit_code == EXIT_OK, learned.stderr
    assert "feature(s) that none of the 6 other article(s), whose values are the norms, has a value" in learned.stdout
    assert "\n  style.title_question: 1.0 when the article's title field contains '?'" in learned.stdout
    model = load_model(no_project_config / "m.json")
    assert model.training["left_out"]["style.title_question"] == "no article of the reference has a value for it"
    assert "style.title_question" not in {f.key for f in model.features}
    scored = cli("score", str(path), "--model", "m.json", "-f", "json")
    assert scored.exit_code == EXIT_OK
    warning = next(line for line in scored.stderr.splitlines() if "style.title_question" in line)
    assert "learn-weights left it out: none of the articles the model's norms come from had a value" in warning
    assert "older" not in warning
    (no_project_config / "titled").mkdir()
    titled = cli("learn-weights", str(small_corpus(no_project_config / "titled")), *args[2:8])
    assert titled.exit_code == EXIT_OK and "left out" not in titled.stdout  # every article has a title
    assert "no feature" not in cli("score", str(path), "-f", "json").stderr  # the packaged model has every one


def test_odd_labels_are_quoted_and_escaped_in_the_one_line_refusal(cli: Cli, no_project_config: Path) -> None:
    corpus = small_corpus(no_project_config)
    rows = [json.loads(line) for line in corpus.read_text().splitlines()]
    odd = ["real news", " real", "re\x1b[2Jal", "\tnews"] + [f"kind {i}" for i in range(7)] + ["real"]
    for row, label in zip(rows, odd, strict=True):
        row["my label"] = label
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = cli("learn-weights", str(corpus), "--label", "my label", "--unreliable", "")
    assert result.exit_code == EXIT_USAGE and result.stdout == ""
    kinds = ", ".join(f"'kind {i}'" for i in range(7))
    assert result.stderr == (
        "copydesk: error: every labelled article is in one class: none has 'my label' = ''"
        f" (labels seen: '\\tnews', ' real', {kinds}, 're\\x1b[2Jal' and 2 more)\n"
    )


def test_inputs_that_cannot_be_read_are_said_when_no_article_is_left_to_label(
    cli: Cli, no_project_config: Path
) -> None:
    folder = no_project_config / "blobs"
    folder.mkdir()
    for i in range(12):
        (folder / f"b{i:02}.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = cli("learn-weights", str(folder), "--label", "label", "--unreliable", "fake")
    assert result.exit_code == EXIT_USAGE and result.stdout == ""
    assert result.stderr.splitlines() == [
        *(f"copydesk: error: {folder / f'b{i:02}.txt'}: binary file (contains NUL bytes)" for i in range(10)),
        "copydesk: error: and 2 more input(s) that could not be read",
        "copydesk: error: none of the 12 file(s) and record(s) found could be read, so none has a label",
    ]


def test_a_record_that_cannot_be_read_is_said_when_it_leaves_a_class_too_small(
    cli: Cli, no_project_config: Path
) -> None:
    corpus = small_corpus(no_project_config, per_class=4)
    with corpus.open("a", encoding="utf-8") as out:
        out.write('{"id": "f4", "text": "cut off\n')
    result = cli("learn-weights", str(corpus), "--label", "label", "--unreliable", "fake")
    assert result.exit_code == EXIT_USAGE
    assert result.stderr.splitlines()[0].startswith(f"copydesk: error: {corpus}:9 (f4): not valid JSON")
    assert result.stderr.splitlines()[1:] == [
        "copydesk: error: 5 folds need at least 5 articles in each class; there are 4 unreliable and 4 other"
    ]


def test_a_left_out_features_doc_over_several_lines_is_shown_with_its_later_lines_indented() -> None:
    from types import SimpleNamespace

    from copydesk.learn import _left_out

    docs = {
        "demo.marks": "Marks per 1,000 words,\n        counted in the body\n        alone.",
        "demo.flat": "One line.",
    }
    data = SimpleNamespace(docs=docs)
    model = SimpleNamespace(training={"left_out": {"demo.marks": "x", "demo.flat": "x", "demo.bare": "x"}})
    lines = _left_out(data, model, 4)  # type: ignore[arg-type]
    assert lines[1:] == [
        "  demo.marks: Marks per 1,000 words,",
        "    counted in the body",
        "    alone.",
        "  demo.flat: One line.",
        "  demo.bare",
    ]
