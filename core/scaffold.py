"""``copydesk new-plugin NAME``: write a plugin package that passes its own tests at once.

The package is laid out as an outside author would publish it: ``pyproject.toml``
declaring the entry point in group ``copydesk``, the plugin module under ``src/`` with
one documented rule and a setting, table-driven tests that use :mod:`copydesk.testing`
and the conformance suite, and a README.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from copydesk.errors import UsageError
from copydesk.rules import RESERVED_PREFIX, RULE_NAME, prefix_problem
from copydesk.safety import shown


@dataclass(frozen=True)
class PluginNames:
    """Every name a new plugin needs, derived from its kebab-case name."""

    name: str
    prefix: str

    @property
    def distribution(self) -> str:
        """The PyPI distribution name (``copydesk-loaded-words``)."""
        return f"copydesk-{self.name}"

    @property
    def module(self) -> str:
        """The import name (``copydesk_loaded_words``)."""
        return "copydesk_" + self.name.replace("-", "_")

    @property
    def title(self) -> str:
        """The name in words (``Loaded words``)."""
        return self.name.replace("-", " ").capitalize()


def default_prefix(name: str) -> str:
    """Initials of a hyphenated name (``loaded-words`` -> ``LW``), else its first three letters."""
    parts = [re.sub(r"[^a-z]", "", part) for part in name.split("-")]
    parts = [part for part in parts if part]
    letters = "".join(part[0] for part in parts[:4]) if len(parts) > 1 else "".join(parts)[:3]
    return letters.upper()


def plugin_names(name: str, prefix: str | None = None) -> PluginNames:
    """Check ``name`` and ``prefix`` (derived when None); raise UsageError naming the bad one."""
    if not RULE_NAME.fullmatch(name):
        raise UsageError(
            f"plugin name {shown(name)} must be kebab-case: a lowercase letter, then lowercase letters, digits"
            " and single hyphens (not at the end)"
        )
    chosen = prefix if prefix is not None else default_prefix(name)
    if prefix_problem(chosen):
        raise UsageError(
            f"prefix {shown(chosen)} must be 2-4 capital letters other than {RESERVED_PREFIX}; give --prefix"
        )
    return PluginNames(name, chosen)


def taken(names: PluginNames) -> str | None:
    """Why an installed plugin already holds the name or the prefix of ``names``; None when neither is taken.

    Such a package would fail to load beside it (the installed one loads first when it is a
    built-in), and ``--disable NAME`` of a shared name would disable both.
    """
    from copydesk.manager import load_plugins

    loaded = load_plugins(tolerant=True)
    holders = {info.name: info for info in loaded.plugins} | {info.name: info for info, _ in loaded.failed}
    if (holder := holders.get(names.name)) is not None:
        return f"plugin name {shown(names.name)} is already used by an installed plugin ({holder.distribution}); choose another name"
    for info, scorer in loaded.scorers:
        if scorer.prefix == names.prefix:
            return (
                f"prefix {shown(names.prefix)} is already used by plugin {shown(info.name)} ({info.distribution});"
                " give another --prefix"
            )
    return None


#: The name of the scaffold's one rule, the same in every package it writes: rename it in yours.
TEMPLATE_RULE = "sensational-word"


def rule_name_holder() -> str | None:
    """The installed plugin whose rule already has the scaffold's rule name (:data:`TEMPLATE_RULE`), or None.

    Rule names are unique across the plugins a run loads: the new package, installed as it
    is, would fail to load beside that plugin (two packages that both keep the scaffold's
    rule cannot be installed together), so ``new-plugin`` says to rename the rule.
    """
    from copydesk.manager import load_plugins

    for info, scorer in load_plugins(tolerant=True).scorers:
        if any(rule.name == TEMPLATE_RULE for rule in scorer.rules):
            return info.name
    return None


def render(template: str, names: PluginNames) -> str:
    """Fill a template's ``__NAME__``-style tokens."""
    tokens = {
        "__NAME__": names.name,
        "__PREFIX__": names.prefix,
        "__MODULE__": names.module,
        "__DIST__": names.distribution,
        "__TITLE__": names.title,
    }
    for token, value in tokens.items():
        template = template.replace(token, value)
    return template


def files(names: PluginNames) -> dict[str, str]:
    """Relative path -> content of every file of the new package."""
    return {
        "pyproject.toml": render(PYPROJECT, names),
        "README.md": render(README, names),
        f"src/{names.module}/__init__.py": render(MODULE, names),
        f"tests/test_{names.module}.py": render(TESTS, names),
    }


def new_plugin(name: str, directory: Path, prefix: str | None = None) -> Path:
    """Write ``directory/copydesk-NAME/``; return it.

    Refuses a name or prefix an installed plugin already uses, and a non-empty folder.
    """
    names = plugin_names(name, prefix)
    if (problem := taken(names)) is not None:
        raise UsageError(problem)
    root = directory / names.distribution
    made = False
    try:
        if (problem := _occupied(root)) is not None:
            raise UsageError(problem)
        made = not root.exists()
        for relative, content in files(names).items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    except OSError as exc:  # --directory is a file, read-only, ...: the user's to fix (exit 2), not copydesk's
        if made:  # no half a package left behind (a name too long for one file of it, a full disk)
            shutil.rmtree(root, ignore_errors=True)
        if exc.errno == errno.ENAMETOOLONG:  # the name's doing, not the folder's
            raise UsageError(
                f"plugin name {shown(name)} is too long: a file of the package cannot be named after it here"
            ) from None
        raise UsageError(f"--directory {directory}: cannot write the package: {exc.strerror or exc}") from None
    return root


def _occupied(root: Path) -> str | None:
    """Why ``root`` cannot take the new package (a file, a folder with files in it, a link to nothing); None when free."""
    if root.is_symlink() and not root.exists():
        return f"{root} already exists: a symbolic link to {os.readlink(root)}, which does not exist"
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        return f"{root} already exists and is not an empty folder"
    return None


def command(name: str, prefix: str | None, directory: Path) -> tuple[str, list[str]]:
    """Create the package; return what to tell the user (``copydesk new-plugin``) and any warnings for stderr."""
    names = plugin_names(name, prefix)
    root = new_plugin(name, directory, prefix)
    warnings = []
    if (holder := rule_name_holder()) is not None:
        warnings.append(
            f"copydesk: warning: rule name {shown(TEMPLATE_RULE)} is already used by installed plugin {shown(holder)}:"
            f" rename rule {names.prefix}001 in {root / 'src' / names.module / '__init__.py'} before you install"
            " this package, or it fails to load beside that plugin"
        )
    return (
        f"Created {root}/ (plugin {names.name}, rules {names.prefix}001...). Next:\n"
        f"  cd {root}\n  pip install -e '.[test]'\n  python -m pytest\n  copydesk plugins"
    ), warnings


PYPROJECT = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "__DIST__"
version = "0.1.0"
description = "copydesk plugin: __TITLE__ (rules __PREFIX__001...)."
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["copydesk"]

[project.optional-dependencies]
test = ["pytest>=8"]

# copydesk finds plugins through this entry-point group; the name on the left is the
# plugin's name in 'copydesk plugins', --disable and [plugins.__NAME__].
[project.entry-points.copydesk]
__NAME__ = "__MODULE__"

[tool.setuptools.packages.find]
where = ["src"]

[tool.pytest.ini_options]
addopts = "--import-mode=importlib -q"
testpaths = ["tests"]
"""

MODULE = '''\
"""__TITLE__ (__PREFIX__): sensational words in the headline and the body.

Straight news copy reports what happened in neutral words; words such as "shocking"
or "unbelievable" tell the reader what to feel, a mark of advocacy and clickbait
rather than of reporting.
"""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import Context, Document, Finding, Rule, Scorer, hookimpl

SENSATIONAL_WORD = Rule(
    code="__PREFIX__001",
    name="sensational-word",
    message="Word '{word}' tells the reader what to feel",
    doc="""\\
**What it flags.** A word from the `words` setting ("shocking", "unbelievable", ...)
in the headline or the body, in any capitalisation.

**Why it matters.** Reporting describes events and lets readers judge them; loaded
adjectives judge for them, which is common in advocacy and clickbait.

**Example.** `Shocking vote splits the council` flags "Shocking".

**Known problems.** Quoted speech is flagged too ("It was shocking," she said).

**Settings.** `words`: the lowercase words flagged (replaces the default list).
""",
)


def score(document: Document, context: Context) -> Iterator[Finding]:
    """Yield one finding per sensational word in the title and the body."""
    words = frozenset(word.lower() for word in context.settings["words"])
    for view in (document.title, document.body):
        for start, end in view.words:
            word = view.text[start:end]
            if word.lower() in words:
                yield SENSATIONAL_WORD.finding(view, start, end, word=word)


@hookimpl
def copydesk_scorers() -> list[Scorer]:
    """Provide the __PREFIX__ scorer."""
    return [
        Scorer(
            prefix="__PREFIX__",
            name="__NAME__",
            rules=(SENSATIONAL_WORD,),
            score=score,
            settings={"words": ["shocking", "unbelievable", "stunning", "outrageous", "jaw-dropping"]},
            # One line per setting: 'copydesk explain' shows it in the settings table.
            setting_docs={"words": "The lowercase words flagged (replaces the default list)."},
            description="Sensational words in headline and body",
            # The packaged model weighs none of this scorer's features, so its sub-score is a factor
            # subscore ** weight on the score. A word list's hits are weak evidence (a quoted speaker
            # may say "shocking"): at 1.0, two hits would take a 150-word brief from B to F. Raise it
            # ([scoring.weights] __NAME__ = ..., or here) once you have measured what a hit means.
            weight=0.25,
        )
    ]
'''

TESTS = '''\
"""Tests of the __PREFIX__ scorer: its rule, its setting, its packaging, and the conformance suite."""

from importlib.metadata import PackageNotFoundError, distribution

import pytest
from copydesk.conformance import assert_conformance
from copydesk.testing import article, codes, run_scorer, scorers_of

import __MODULE__

(SCORER,) = scorers_of(__MODULE__, "__NAME__")


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("Shocking vote splits council", "", ["__PREFIX__001"]),
        ("", "The result was UNBELIEVABLE, he said.", ["__PREFIX__001"]),
        ("Stunning", "An outrageous, jaw-dropping claim.", ["__PREFIX__001"] * 3),
        ("", "The vote shocked observers.", []),  # near miss: another form of the word
        ("", "Shockingly few people voted.", []),  # near miss: the word inside a longer one
        ("", "", []),
    ],
)
def test_flags_sensational_words(title: str, body: str, expected: list[str]) -> None:
    assert codes(run_scorer(SCORER, article(body, title))) == expected


def test_finding_points_at_the_word() -> None:
    (finding,) = run_scorer(SCORER, "Calm day.\\nIt was stunning.")
    assert (finding.matched, finding.line, finding.column) == ("stunning", 2, 8)
    assert finding.message == "Word 'stunning' tells the reader what to feel"


def test_words_setting_replaces_the_default_list() -> None:
    found = run_scorer(SCORER, "A dramatic and shocking day.", settings={"words": ["dramatic"]})
    assert [f.matched for f in found] == ["dramatic"]


def test_entry_point_names_the_module() -> None:
    try:
        points = distribution("__DIST__").entry_points
    except PackageNotFoundError:
        pytest.skip("__DIST__ is not installed (pip install -e .)")
    assert [(ep.group, ep.name, ep.value) for ep in points] == [("copydesk", "__NAME__", "__MODULE__")]


def test_conforms_to_the_plugin_contract() -> None:
    assert_conformance(__MODULE__, examples=["A shocking, unbelievable result."])
'''

README = """\
# __DIST__

A copydesk plugin: __TITLE__ (rules `__PREFIX__001`...).

| Code | Name | What it flags |
|------|------|---------------|
| __PREFIX__001 | sensational-word | a word from the `words` setting in headline or body |

`copydesk explain __PREFIX__001` shows the rule's full documentation.

## Install and use

    pip install __DIST__
    copydesk plugins            # lists __NAME__
    copydesk score articles/

## Settings

In `copydesk.toml` (or `[tool.copydesk]` in `pyproject.toml`):

    [plugins.__NAME__]
    # The lowercase words flagged (replaces the default list).
    words = ["shocking", "unbelievable"]

`copydesk explain __PREFIX__001` lists each setting with its default, this configuration's
value and what it does (the scorer's `setting_docs`).

The scorer's weight in the score is 0.25 (a hit of a word list is weak evidence);
change it without a new release:

    [scoring.weights]
    __NAME__ = 0.5

If the plugin breaks a run, `copydesk score --disable __NAME__ ...` goes on without it.

## Develop

    pip install -e '.[test]'
    python -m pytest
"""
