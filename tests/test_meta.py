"""Meta-tests: everything registered is documented, wired and consistent."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from pathlib import Path

import pytest
from copydesk import errors
from copydesk.cli import app
from copydesk.config import packaged_defaults
from copydesk.diagnostics import CORE_RULES
from copydesk.manager import load_plugins
from copydesk.models import Scorer
from copydesk.rules import doc_problems, rule_problems
from copydesk.testing import run_copydesk
from support import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
ENTRY_POINTS: dict[str, str] = PYPROJECT["project"]["entry-points"]["copydesk"]
BUILTIN_MODULES = sorted(p.parent.name for p in (REPO / "plugins").glob("*/__init__.py"))
LOADED = load_plugins()


def test_every_builtin_plugin_module_is_an_entry_point() -> None:
    wired = {value.rsplit(".", 1)[-1] for value in ENTRY_POINTS.values() if value.startswith("copydesk.plugins.")}
    assert wired == set(BUILTIN_MODULES)
    assert set(ENTRY_POINTS) <= {p.name for p in LOADED.plugins}


def test_every_loaded_rule_keeps_the_rule_contract() -> None:
    """Codes and names unique, each rule valid under its prefix, each doc with every section in order."""
    rules = [("CD", r) for r in CORE_RULES] + [(scorer.prefix, rule) for _, scorer, rule in LOADED.rules()]
    codes = [r.code for _, r in rules]
    assert len(codes) == len(set(codes))
    names = [r.name for _, r in rules]
    assert len(names) == len(set(names))
    problems = [p for prefix, rule in rules for p in rule_problems(rule, prefix) + doc_problems(rule)]
    assert problems == []


@pytest.mark.parametrize("scorer", [s for info, s in LOADED.scorers if info.distribution == "copydesk"], ids=str)
def test_every_builtin_feature_is_documented_in_its_scorers_page(scorer: Scorer) -> None:
    page = (REPO / "docs" / "scorers" / f"{scorer.name}.md").read_text(encoding="utf-8")
    rows = {f.name: f for f in scorer.features}
    for name, feature in rows.items():
        assert f"| `{name}` | {feature.direction} | {feature.unit} | {feature.doc} |" in page, name
    documented = re.findall(r"^\| `([a-z0-9_]+)` \| (?:problem|evidence) \|", page, flags=re.MULTILINE)
    assert sorted(documented) == sorted(rows), "docs list features the scorer does not declare"


def test_config_toml_lists_each_builtin_scorers_defaults_exactly() -> None:
    tables = packaged_defaults().get("plugins", {})
    builtin = {s.name: s for info, s in LOADED.scorers if info.distribution == "copydesk"}
    assert set(tables) == set(builtin)
    for name, scorer in builtin.items():
        assert tables[name] == dict(scorer.settings), name


def test_the_top_level_config_toml_is_the_packaged_defaults_byte_for_byte() -> None:
    """``config.toml`` is what users read; ``core/config.toml`` is what the package ships: never two versions."""
    assert (REPO / "config.toml").read_bytes() == (REPO / "core" / "config.toml").read_bytes()


def test_every_config_key_is_documented_in_place() -> None:
    lines = (REPO / "config.toml").read_text().splitlines()
    previous = ""
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if re.match(r"^[A-Za-z_][\w-]*\s*=", stripped):
            assert previous.startswith("#") or previous == "key", (
                f"config.toml:{number}: {stripped} has no comment above"
            )
            previous = "key"
        elif stripped:
            previous = stripped if stripped.startswith("#") else "table"
        elif previous == "key":
            previous = ""


def test_readme_documents_commands_exit_codes_and_two_setup_commands() -> None:
    readme = (REPO / "README.md").read_text()
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        assert f"copydesk {name.replace('_', '-')}" in readme, name
    for group in app.registered_groups:
        assert f"copydesk {group.name}" in readme
    for code in (errors.EXIT_OK, errors.EXIT_GATE, errors.EXIT_USAGE, errors.EXIT_INTERNAL):
        assert re.search(rf"^\| {code} \|", readme, re.M)
    assert "make run" in readme and "make test" in readme
    assert not re.search(r"^[A-Z][A-Z_]{5,}$", readme, re.M), "a placeholder line is left in the README"


def test_readme_example_is_real_output_of_scoring_the_seeds() -> None:
    readme = (REPO / "README.md").read_text()
    example = readme.split("$ copydesk score seeds/\n", 1)[1].split("```", 1)[0].splitlines()
    shown = [line for line in example if line.strip() != "..."]
    result = run_copydesk("score", "seeds/", cwd=REPO)
    assert result.returncode == 0, result.stderr
    printed = result.stdout.splitlines()
    # every line shown is printed, in the same order (the example leaves findings out)
    at = 0
    for line in shown:
        assert line in printed[at:], line
        at = printed.index(line, at) + 1
    assert len(shown) > 20
    findings = [line for line in printed if re.match(r"  seeds/\S+:\d+:\d+ (?:info|warning|error) +[A-Z]+\d+ ", line)]
    assert f"the real run lists all {len(findings)}." in readme


@pytest.mark.parametrize("doc", sorted((REPO / "docs").rglob("*.md")), ids=lambda p: p.name)
def test_docs_are_linked_from_the_readme_or_another_doc(doc: Path) -> None:
    linked = (REPO / "README.md").read_text() + "".join(
        p.read_text() for p in (REPO / "docs").rglob("*.md") if p != doc
    )
    assert doc.relative_to(REPO).as_posix() in linked or doc.name in linked


@pytest.mark.parametrize("script", sorted((REPO / "scripts").glob("*.py")), ids=lambda p: p.name)
def test_every_script_imports_and_has_a_main(script: Path) -> None:
    """The eval, train and bench scripts are not run by the suite; at least their imports must resolve."""
    spec = importlib.util.spec_from_file_location(f"copydesk_script_{script.stem}", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(script.parent))
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)  # the scripts run nothing on import (a __main__ guard)
    finally:
        sys.path.remove(str(script.parent))
        del sys.modules[spec.name]
    assert callable(getattr(module, "main", None)), f"{script.name} has no main()"
    assert module.__doc__, f"{script.name} has no docstring saying what it measures"


def test_docs_ci_gate_example_is_real_output(tmp_path: Path) -> None:
    ci = (REPO / "docs" / "ci.md").read_text()
    command = "copydesk check seeds/ --fail-under 30 --fail-on error --max-failing 1"
    assert f"`{command}` prints:" in ci
    shown = ci.split(f"`{command}` prints:\n\n```\n", 1)[1].split("```", 1)[0].splitlines()
    (tmp_path / "seeds").mkdir()
    for seed in (REPO / "seeds").glob("*.txt"):
        (tmp_path / "seeds" / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "copydesk.toml").write_text('[severity]\nFIG003 = "error"\n')
    result = run_copydesk(*command.split()[1:], cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[: len(shown)] == shown


def test_readme_quotes_the_packaged_models_median_sum_and_unreliable_grade_shares() -> None:
    """Review s24v, items 2 and 3: the README said z = -1.69 and 34 % B after refits had made them -1.71 and 36 %."""
    from copydesk.modelfile import load_model, packaged_model_path

    model = load_model(packaged_model_path())
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    z = model.z({f.key: f.quantiles[50] for f in model.features})
    assert f"an article at every median sums to z = {z:.2f} and scores".replace("-", "\u2212") in readme
    unreliable = next(g for g in model.reference if g.name == "unreliable").grades
    said = f"{100 * unreliable['A']:.0f} % of the unreliable training articles\nstill grade A and {100 * unreliable['B']:.0f} % B."
    assert said in readme
