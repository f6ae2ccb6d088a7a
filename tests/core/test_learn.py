"""Learned aggregation: weights recover a planted signal, the table is valid config, errors are one line."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import tomllib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from copydesk import Assessment, Context, Document, Rule, Scorer
from copydesk.config import load_config
from copydesk.errors import EXIT_OK, EXIT_USAGE
from copydesk.learn import LearnOptions, fit_weights, learn_weights
from copydesk.manager import load_plugins
from copydesk.testing import plugin_set
from support import CliResult

Cli = Callable[..., CliResult]
MARKER = "zebra"


def marker_score(document: Document, context: Context) -> Assessment:
    """Sub-score 0.2 when the marker word is in the body, else 1."""
    return Assessment(subscore=0.2 if MARKER in document.body.text else 1.0)


def noise_score(document: Document, context: Context) -> Assessment:
    """A sub-score in [0.01, 1] that depends on the body's hash only: unrelated to any label."""
    digest = hashlib.sha256(document.body.text.encode()).digest()
    return Assessment(subscore=0.01 + 0.99 * digest[0] / 255)


def anti_score(document: Document, context: Context) -> Assessment:
    """Sub-score 0.2 when the marker is absent: lower for the reliable articles."""
    return Assessment(subscore=1.0 if MARKER in document.body.text else 0.2)


def scorer(prefix: str, name: str, function: Callable[[Document, Context], Assessment]) -> Scorer:
    return Scorer(prefix, name, (Rule(f"{prefix}001", f"{name}-signal", "m"),), function)


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


def auc_row(stdout: str, name: str) -> float:
    line = next(line for line in stdout.splitlines() if line.startswith(f"#   {name} "))
    return float(line.split()[-3])


def test_learned_weights_favour_the_signal_scorer_over_loud_noise_and_beat_the_default(tmp_path: Path) -> None:
    plugins = plugin_set(scorers=[SIGNAL, NOISE])
    options = LearnOptions([str(planted(tmp_path / "a.jsonl"))], "verdict", "bad", cwd=tmp_path, plugins=plugins)
    code, stdout, errors = run_learn(options)
    assert code == EXIT_OK and errors == []
    weights = tomllib.loads(stdout)["scoring"]["weights"]
    assert weights["signal"] > weights["noise"]
    assert auc_row(stdout, "signal alone") > 0.8 > auc_row(stdout, "noise alone")
    assert auc_row(stdout, "learned aggregate") > auc_row(stdout, "default aggregate")


def test_a_scorer_that_ranks_backwards_gets_weight_zero_and_the_rest_mean_one() -> None:
    rng = np.random.default_rng(0)
    y = np.array([0, 1] * 50)
    signal = y * 2.0 + rng.random(100)
    backwards = (1 - y) * 2.0 + rng.random(100)
    constant = np.full(100, 0.7)
    weights = fit_weights(np.column_stack([signal, backwards, constant, rng.random(100) + signal]), y)
    assert weights[1] == 0 and weights[2] == 0
    assert weights[0] > 0 and weights[3] > 0 and weights[[0, 3]].mean() == pytest.approx(1.0)


def test_no_scorer_rising_with_the_label_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "weights.toml"
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
    assert errors == [
        "copydesk: error: no scorer's sub-score rises with the label: every learned weight is 0; nothing written"
    ]
    assert "[scoring.weights]" not in stdout


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


def test_output_table_is_a_valid_copydesk_toml_naming_every_scorer(cli: Cli, no_project_config: Path) -> None:
    corpus = small_corpus(no_project_config)
    result = cli(
        "learn-weights", str(corpus), "--label", "label", "--unreliable", "fake", "--folds", "3", "-o", "copydesk.toml"
    )
    assert result.exit_code == EXIT_OK, result.stderr
    written = (no_project_config / "copydesk.toml").read_text()
    assert written.startswith(result.stdout) and written.endswith("\n")
    config = load_config(cwd=no_project_config)
    assert config.source.endswith("copydesk.toml")
    scorers = {s.name for _, s in load_plugins().scorers}
    weights = config.data["scoring"]["weights"]
    assert set(weights) == scorers and all(w >= 0 for w in weights.values()) and weights["hedging"] > 0
    assert cli("score", str(corpus)).exit_code == EXIT_OK


def test_stdout_without_output_is_the_same_document_and_reproducible(cli: Cli, no_project_config: Path) -> None:
    corpus = str(small_corpus(no_project_config))
    args = ("learn-weights", corpus, "--label", "label", "--unreliable", "fake", "--folds", "3")
    first, second, parallel = cli(*args), cli(*args), cli(*args, "--workers", "2")
    assert first.exit_code == EXIT_OK and first.stdout == second.stdout == parallel.stdout
    assert "# unreliable (label = 'fake'): 6\n# other (real 6): 6\n" in first.stdout
    cli(*args, "-o", "out.toml")
    assert (no_project_config / "out.toml").read_text() == first.stdout
    assert tomllib.loads(first.stdout)["scoring"]["weights"]["hedging"] > 0


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
    counts = "# unreliable (label = 'fake'): 6\n# other (real 6): 6\n"
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
        f"copydesk: error: {corpus}:13: no 'label' field to label the article by",
        f"copydesk: error: {corpus}:14: no 'label' field to label the article by",
        f"copydesk: error: {corpus}:15: not valid JSON: Expecting value (column 1)",
    ]
    assert "# other (real 6): 6\n" in result.stdout and "[scoring.weights]" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--label", "verdict", "--unreliable", "fake"), "no article has a 'verdict' field (--label)"),
        (
            ("--label", "label", "--unreliable", "bogus"),
            "every labelled article is in one class: none has label = 'bogus' (labels seen: fake, real)",
        ),
        (
            ("--label", "label", "--unreliable", "fake", "--folds", "7"),
            "7 folds need at least 7 articles in each class; there are 6 unreliable and 6 other",
        ),
        (
            ("--label", "label", "--unreliable", "fake", "-o", "missing/w.toml"),
            "missing/w.toml: folder missing does not exist",
        ),
        (
            ("--label", "title", "--unreliable", "fake"),
            "--label title: that field is read as the article itself ([sources.fields])",
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


def test_standard_input_and_a_missing_path_are_usage_errors(cli: Cli, no_project_config: Path) -> None:
    for path, message in [
        ("-", "learn-weights reads files and folders, not standard input"),
        ("nope", "nope: no such file or directory"),
    ]:
        result = cli("learn-weights", path, "--label", "label", "--unreliable", "fake")
        assert (result.exit_code, result.stderr) == (EXIT_USAGE, f"copydesk: error: {message}\n")
