"""--model FILE on score, check and explain: a bad model file is one line with exit 2, never loaded;
what a grade means comes from the model file, in explain and in the text, JSON and Markdown reports."""

from __future__ import annotations

import html
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from copydesk.errors import EXIT_OK, EXIT_USAGE
from copydesk.formats.markdown import own
from copydesk.modelfile import FORMAT_VERSION, packaged_model_path
from support import CliResult

Cli = Callable[..., CliResult]
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
#: Made-up figures no real fit gives: they can only come from the file.
GROUP = {
    "name": "desk",
    "label": "our own test desk",
    "articles": 7,
    "grades": {"A": 0.428571, "B": 0.285714, "C": 0.142857, "D": 0.142857, "F": 0.0},
}


def packaged() -> dict[str, Any]:
    return json.loads(packaged_model_path().read_text(encoding="utf-8"))


def write(folder: Path, data: Any, name: str = "model.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def renamed(data: dict[str, Any]) -> dict[str, Any]:
    data["features"][0]["name"] = "no_such_feature"
    return data


def flipped(data: dict[str, Any]) -> dict[str, Any]:
    feature = data["features"][0]
    feature["direction"] = "evidence" if feature["direction"] == "problem" else "problem"
    return data


def newer(data: dict[str, Any]) -> dict[str, Any]:
    data["format_version"] = FORMAT_VERSION + 1
    return data


def unsummed(data: dict[str, Any]) -> dict[str, Any]:
    data["reference"][0]["grades"]["A"] = 0.9
    return data


def unreferenced(data: dict[str, Any]) -> dict[str, Any]:
    del data["reference"]
    return data


def uncalibrated(data: dict[str, Any]) -> dict[str, Any]:
    data["calibration"]["share"] = "most"
    return data


def untrained(data: dict[str, Any]) -> dict[str, Any]:
    data["training"] = 7
    return data


def misgraded(data: dict[str, Any]) -> dict[str, Any]:
    data["grades"] = {"A": 10, "B": 20}  # bands straight under 'grades', not under 'floors'
    return data


def overcalibrated(data: dict[str, Any]) -> dict[str, Any]:
    data["calibration"]["floor"] = 500
    return data


def overshared(data: dict[str, Any]) -> dict[str, Any]:
    data["grades"]["shares"]["A"] = 1.5
    return data


def overweighted(data: dict[str, Any]) -> dict[str, Any]:
    data["features"][0]["weight"] = 1e300
    return data


def featureless(data: dict[str, Any]) -> dict[str, Any]:
    data["features"] = []  # the rest (the footer's shares) still that of the packaged model
    return data


def bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Each bad model file and the problem its error line must name."""
    corrupt = folder / "corrupt.json"
    corrupt.write_bytes(packaged_model_path().read_bytes()[:500])
    pickled = folder / "model.pkl"
    pickled.write_bytes(pickle.dumps(packaged()))
    return {
        "corrupt": (corrupt, "is not valid JSON (line"),
        "pickle": (pickled, "is a Python pickle, not a JSON model file; copydesk never loads pickles"),
        "newer-format": (
            write(folder, newer(packaged()), "newer.json"),
            f"format_version {FORMAT_VERSION + 1} is newer",
        ),
        "renamed-feature": (
            write(folder, renamed(packaged()), "renamed.json"),
            "is not one the loaded boilerplate scorer declares",
        ),
        "flipped-direction": (write(folder, flipped(packaged()), "flipped.json"), "but the loaded scorer declares a"),
        "shares-not-adding-up": (
            write(folder, unsummed(packaged()), "unsummed.json"),
            "reference[0]: the shares in 'grades' add up",
        ),
        "no-reference": (
            write(folder, unreferenced(packaged()), "unreferenced.json"),
            "model: 'reference' is missing or not a list",
        ),
        "missing": (folder / "nope.json", "cannot be read"),
        "calibration-not-a-number": (
            write(folder, uncalibrated(packaged()), "uncalibrated.json"),
            "model: every value in 'calibration' must be a finite number",
        ),
        "training-not-an-object": (
            write(folder, untrained(packaged()), "untrained.json"),
            "model: 'training' is not an object",
        ),
        "grades-malformed": (
            write(folder, misgraded(packaged()), "misgraded.json"),
            "grades: 'A' is not a key of 'grades' (it holds 'floors' and 'shares')",
        ),
        "calibration-floor-out-of-range": (
            write(folder, overcalibrated(packaged()), "overcalibrated.json"),
            "calibration: 'floor' must be within 0-100, not 500",
        ),
        "grade-share-out-of-range": (
            write(folder, overshared(packaged()), "overshared.json"),
            "grades.shares: 'A' must be within 0-1, not 1.5",
        ),
        "weight-too-large": (
            write(folder, overweighted(packaged()), "overweighted.json"),
            "features[0]: 'weight' must be within 0-1,000,000",
        ),
        "no-features": (
            write(folder, featureless(packaged()), "featureless.json"),
            "model: 'features' is empty (a model scores with at least one feature)",
        ),
    }


CASES = [
    "corrupt",
    "pickle",
    "newer-format",
    "renamed-feature",
    "flipped-direction",
    "shares-not-adding-up",
    "no-reference",
    "missing",
    "calibration-not-a-number",
    "training-not-an-object",
    "grades-malformed",
    "calibration-floor-out-of-range",
    "grade-share-out-of-range",
    "weight-too-large",
    "no-features",
]


@pytest.mark.parametrize("command", ["score", "check", "explain"])
@pytest.mark.parametrize("case", CASES)
def test_a_bad_model_file_is_one_line_naming_it_and_exit_2(
    cli: Cli, no_project_config: Path, monkeypatch: pytest.MonkeyPatch, command: str, case: str
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(pickle, "load", lambda *a, **k: calls.append(a))
    path, problem = bad_files(no_project_config)[case]
    args = [command] if command == "explain" else [command, str(SEEDS)]
    result = cli(*args, "--model", path.name)
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == "" and calls == []
    assert result.stderr.startswith(f"copydesk: error: model file {path}: ")
    assert problem in result.stderr and result.stderr.count("\n") == 1


def test_a_model_without_a_feature_its_scorer_declares_scores_with_a_warning_naming_it(
    cli: Cli, no_project_config: Path
) -> None:
    data = packaged()
    dropped = data["features"].pop(0)
    path = write(no_project_config, data, "short.json")
    result = cli("score", str(SEEDS), "--model", path.name, "-f", "json")
    key = f"{dropped['scorer']}.{dropped['name']}"
    assert result.exit_code == EXIT_OK
    assert f"copydesk: warning: the model in use has no feature {key}, which its scorer declares" in result.stderr
    assert "older scorer" not in result.stderr  # written by this copydesk: no older scorer to blame
    assert "the model file does not say why" in result.stderr
    assert "no feature" not in cli("score", str(SEEDS), "-f", "json").stderr  # the packaged model has every one
    data["copydesk_version"] = "0.0.1"
    old = cli("score", str(SEEDS), "--model", write(no_project_config, data, "old.json").name, "-f", "json")
    assert f"no feature {key}, which its scorer declares: the score goes without it (a model fitted with an older" in (
        old.stderr
    )


def test_the_config_key_names_the_model_relative_to_the_config_file(cli: Cli, no_project_config: Path) -> None:
    (no_project_config / "models").mkdir()
    write(no_project_config / "models", renamed(packaged()))
    (no_project_config / "copydesk.toml").write_text('[scoring]\nmodel = "models/model.json"\n')
    result = cli("score", str(SEEDS))
    assert result.exit_code == EXIT_USAGE
    config, model = no_project_config / "copydesk.toml", no_project_config / "models" / "model.json"
    assert result.stderr.startswith(f"copydesk: error: {config}:2: scoring.model: model file {model}: ")


def test_a_model_file_the_config_names_is_placed_at_its_key_and_one_given_by_model_is_not(
    cli: Cli, no_project_config: Path
) -> None:
    config = no_project_config / "copydesk.toml"
    config.write_text('# models\n[scoring]\nmodel = "nope.json"\n')
    result = cli("score", str(SEEDS))
    assert result.exit_code == EXIT_USAGE
    missing = no_project_config / "nope.json"
    assert result.stderr.startswith(
        f"copydesk: error: {config}:3: scoring.model: model file {missing}: cannot be read ("
    )
    assert result.stderr.count("\n") == 1
    flagged = cli("score", str(SEEDS), "--model", "other.json")
    assert flagged.exit_code == EXIT_USAGE
    assert flagged.stderr.startswith("copydesk: error: model file ")


def custom(folder: Path) -> Path:
    """The packaged model with made-up reference figures."""
    data = packaged()
    data["reference"] = [GROUP]
    return write(folder, data, "custom.json")


SENTENCE = "Of our own test desk, 43 % grade A, 29 % B, 14 % C, 14 % D and 0 % F (7 articles)."


def test_explain_without_a_rule_says_what_a_grade_means_from_the_model_file(cli: Cli, no_project_config: Path) -> None:
    path = custom(no_project_config)
    result = cli("explain", "--model", str(path))
    assert result.exit_code == EXIT_OK, result.stderr
    assert f"What the grades mean under the model {path}, measured on the data it was fitted on:" in result.stdout
    assert f"  {SENTENCE}\n" in result.stdout
    assert "professional copy" not in result.stdout
    shipped = cli("explain")
    reference = packaged()["reference"]
    assert [g["name"] for g in reference] == ["professional", "reliable", "unreliable"]
    a = round(100 * reference[0]["grades"]["A"])
    assert f"Of professional copy in the reference corpora (BBC, PolNeAR), {a} % grade A, " in shipped.stdout
    assert "An article of fewer than 300 words with no finding scores at least 70 (grade B)" in shipped.stdout


def test_a_format_1_model_loads_and_explain_says_it_has_no_figures(cli: Cli, no_project_config: Path) -> None:
    data = unreferenced(packaged())
    data["format_version"] = 1
    path = write(no_project_config, data)
    result = cli("explain", "--model", str(path))
    assert result.exit_code == EXIT_OK, result.stderr
    assert "This model file carries no measured grade figures" in result.stdout
    report = cli("score", str(SEEDS), "--model", str(path))
    assert report.exit_code == EXIT_OK and "What the grades mean" not in report.stdout
    page = cli("score", str(SEEDS), "--model", str(path), "-f", "html").stdout
    assert "cd-meaning" not in page and page.endswith("</html>\n")


def test_every_report_quotes_the_figures_of_its_model_file(cli: Cli, no_project_config: Path) -> None:
    path = custom(no_project_config)
    text = cli("score", str(SEEDS), "--model", str(path))
    assert text.stdout.endswith(
        f"What the grades mean under the model {path}, measured on the data it was fitted on:\n  {SENTENCE}\n"
    )
    document = json.loads(cli("score", str(SEEDS), "--model", str(path), "-f", "json").stdout)
    assert document["run"]["model"] == {"file": str(path), "reference": [GROUP]}
    markdown = cli("score", str(SEEDS), "--model", str(path), "-f", "markdown").stdout
    assert "### What the grades mean" in markdown
    assert "- Of our own test desk, 43 % grade A, 29 % B, 14 % C, 14 % D and 0 % F (7 articles)." in markdown
    page = cli("score", str(SEEDS), "--model", str(path), "-f", "html").stdout
    assert (
        '<section id="cd-meaning"><h2>What the grades mean</h2><p>What the grades mean under the model'
        f" {html.escape(str(path))}, measured on the data it was fitted on:</p><ul><li>{SENTENCE}</li></ul></section>"
    ) in page
    packaged_run = json.loads(cli("score", str(SEEDS), "-f", "json").stdout)["run"]["model"]
    assert packaged_run["file"] == "packaged" and packaged_run["reference"] == packaged()["reference"]


def test_a_group_label_cannot_open_markdown_and_a_control_character_is_refused(
    cli: Cli, no_project_config: Path
) -> None:
    data = packaged()
    data["reference"] = [dict(GROUP, label="desk [link](http://x) <b> @team")]
    path = write(no_project_config, data)
    assert "Of desk [link](http://x) <b> @team, 43 % grade A" in cli("score", str(SEEDS), "--model", str(path)).stdout
    markdown = cli("score", str(SEEDS), "--model", str(path), "-f", "markdown").stdout
    assert "- Of desk \\[link\\](http\\://x)" in markdown and "<b>" not in markdown and "@team" not in markdown
    page = cli("score", str(SEEDS), "--model", str(path), "-f", "html").stdout
    assert "<li>Of desk [link](http://x) &lt;b&gt; @team, 43 % grade A" in page and "<b> @team" not in page
    for i, label in enumerate(["desk\nline two", "desk \u202e reversed"]):
        data["reference"] = [dict(GROUP, label=label)]
        result = cli("explain", "--model", str(write(no_project_config, data, f"control{i}.json")))
        assert result.exit_code == EXIT_USAGE and "reference[0]: 'label' must be one line" in result.stderr


def test_reports_say_when_the_run_grades_by_other_floors_than_the_figures_were_measured_with(
    cli: Cli, no_project_config: Path
) -> None:
    note = (
        "Your [scoring.grades] floors (A 90, B 75, C 60, D 45) differ from those of the measurement"
        " (A 85, B 70, C 55, D 40): the shares are for the model's floors."
    )
    seed = str(SEEDS / "000_e91f38832a2364a5.txt")
    same = {fmt: cli("score", seed, "-f", fmt).stdout for fmt in ("text", "markdown", "html")}
    assert not any("differ from those of the measurement" in out for out in same.values())
    (no_project_config / "copydesk.toml").write_text("[scoring.grades]\nA = 90\nB = 75\nC = 60\nD = 45\n")
    text, markdown, page = (cli("score", seed, "-f", fmt).stdout for fmt in ("text", "markdown", "html"))
    assert f"  {note}\n" in text
    assert markdown.endswith(f"\n\n{own(note, 1000)}\n")
    assert f"<p>{html.escape(note)}</p></section>" in page


def test_explain_of_a_rule_judges_the_model_given_by_model_not_the_one_it_overrides(
    cli: Cli, no_project_config: Path
) -> None:
    pickled, _ = bad_files(no_project_config)["pickle"]
    (no_project_config / "copydesk.toml").write_text(f'[scoring]\nmodel = "{pickled.name}"\n')
    warned = cli("explain", "HDG001")
    placed = (
        f"warning: {no_project_config / 'copydesk.toml'}:2: scoring.model: model file {pickled}: is a Python pickle"
    )
    assert warned.exit_code == EXIT_OK and placed in warned.stderr
    overridden = cli("explain", "HDG001", "--model", str(packaged_model_path()))
    assert overridden.exit_code == EXIT_OK and overridden.stderr == "", overridden.stderr
    assert overridden.stdout == warned.stdout


def test_a_weight_for_a_scorer_the_model_weighs_is_idle_and_score_and_check_warn_so(
    cli: Cli, no_project_config: Path
) -> None:
    seed = str(SEEDS / "003_1d813d5afd5ed48d.txt")
    plain = cli("score", seed, "-f", "json")
    (no_project_config / "copydesk.toml").write_text("[scoring.weights]\nhedging = 0\ntruncation = 3\n")
    weighted = cli("score", seed, "-f", "json")
    assert weighted.exit_code == plain.exit_code == EXIT_OK
    scores = [[a["score"] for a in json.loads(r.stdout)["articles"]] for r in (plain, weighted)]
    assert scores[0] == scores[1]  # nothing changed...
    config = no_project_config / "copydesk.toml"
    assert weighted.stderr.splitlines() == [  # ...and the user is told
        f"copydesk: warning: {config}: scoring.weights.{name} has no effect under the model in use"
        " (weights apply only to scorers it has no feature of; truncation is its fixed factor)"
        for name in ("hedging", "truncation")
    ]
    assert cli("check", seed, "--fail-under", "0").stderr.startswith(weighted.stderr)


def test_no_floors_note_when_the_model_file_records_no_floors(cli: Cli, no_project_config: Path) -> None:
    data = packaged()
    del data["grades"]  # an optional block: the figures' floors are then unknown, not different
    path = write(no_project_config, data, "floorless.json")
    (no_project_config / "copydesk.toml").write_text("[scoring.grades]\nA = 90\nB = 75\nC = 60\nD = 45\n")
    result = cli("score", str(SEEDS / "000_e91f38832a2364a5.txt"), "--model", str(path))
    assert result.exit_code == EXIT_OK, result.stderr
    assert "What the grades mean under the model" in result.stdout and "differ from those" not in result.stdout


def test_explain_names_no_floors_when_the_model_file_records_none(cli: Cli, no_project_config: Path) -> None:
    data = packaged()
    del data["grades"]
    path = write(no_project_config, data, "floorless.json")
    (no_project_config / "copydesk.toml").write_text("[scoring.grades]\nA = 90\nB = 75\nC = 60\nD = 45\n")
    result = cli("explain", "--model", str(path))
    assert result.exit_code == EXIT_OK, result.stderr
    assert "grade floors of the measurement" not in result.stdout and "differ from these" not in result.stdout
    assert "What the grades mean" in result.stdout


def only_of(data: dict[str, Any], scorer: str) -> dict[str, Any]:
    data["features"] = [f for f in data["features"] if f["scorer"] == scorer]
    return data


def test_a_model_none_of_whose_scorers_runs_is_one_warning_naming_the_file_and_its_scorers(
    cli: Cli, no_project_config: Path
) -> None:
    path = write(no_project_config, only_of(packaged(), "hedging"), "hedging.json")
    line = (
        f"copydesk: warning: model file {path}: no feature of it can be computed: the hedging scorer it reads"
        " does not run (no rule selected, or its plugin disabled or not installed): the model costs nothing"
    )
    for command, *how in (["score", "--disable", "hedging"], ["check", "--select", "SRC,TRN"]):
        result = cli(command, str(SEEDS), "--model", path.name, *how, "-f", "json")
        # check adds its gate line, and with no lever set its no-lever warning
        warnings = [w for w in result.stderr.splitlines() if "warning" in w and "no gate lever" not in w]
        assert result.exit_code in (EXIT_OK, 1) and len(warnings) == 1
        assert warnings[0].startswith(line), result.stderr
    covered = cli("score", str(SEEDS), "--model", path.name, "--select", "HDG,TRN", "-f", "json")
    assert covered.exit_code == EXIT_OK and covered.stderr == ""  # the model reads only hedging: nothing left out
    partly = cli("score", str(SEEDS), "--disable", "hedging", "-f", "json")  # the packaged model: others still run
    assert (
        "no feature of it can be computed" not in partly.stderr and "the hedging scorer does not run" in partly.stderr
    )


def test_the_packaged_model_with_none_of_its_scorers_running_is_warned_of_and_truncation_named_apart(
    cli: Cli, no_project_config: Path
) -> None:
    result = cli(
        "score", str(SEEDS), "--select", "FIG", "--model", write(no_project_config, only_of(packaged(), "style")).name
    )
    assert result.exit_code == EXIT_OK and result.stderr.splitlines()[1:] == [
        "copydesk: warning: the truncation scorer does not run (no rule selected, or its plugin disabled):"
        " what it measures leaves the score, which measures less than the model in use"
    ]
    assert "the style scorer it reads does not run" in result.stderr.splitlines()[0]
    # truncation does not run either: its factor is not said to make the score (as with --select TRN below)
    assert result.stderr.splitlines()[0].endswith(
        "the model costs nothing, so each score comes from the scorers it has no feature of alone,"
        " and what its grades mean does not apply"
    )
    packaged_run = cli("score", str(SEEDS), "--select", "TRN", "-f", "json")
    assert packaged_run.stderr.startswith("copydesk: warning: the packaged model: no feature of it can be computed:")
    assert "the boilerplate, figures, hedging, readability, sourcing and style scorers it reads do not run" in (
        packaged_run.stderr
    )
    assert "so each score comes from the truncation factor and the scorers it has no feature of alone" in (
        packaged_run.stderr
    )
