"""The rule contract and the selection logic: what a rule is, and which rules are on.

The contract: a scorer prefix is 2-4 capitals (``CD`` is the core's own); a rule code
is its scorer's prefix and three digits; a rule or scorer name is kebab-case naming
the pattern flagged (never ``no-...``/``avoid-...``); a message is a ``str.format``
template; a doc has the sections of :data:`DOC_SECTIONS`, in order, none empty. The
manager (at load), the conformance suite, the scaffold and the meta-tests all check
it through the functions here.

Selection: a selector is ``ALL``, a code prefix (``HDG``, ``HDG0``), a full code
(``HDG001``) or a rule name (``vague-attribution``). For each rule the most specific
matching selector decides: a full code or a name beats a longer prefix, which beats
a shorter one, which beats ``ALL``. On a tie ``ignore`` wins. A rule no selector
matches is off. An opt-in rule (:attr:`Rule.opt_in`) is on only when a ``select``
selector names it by its full code or name. Suppression comments name rules with the same selectors.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from copydesk.errors import ConfigError
from copydesk.safety import shown

if TYPE_CHECKING:
    from copydesk.models import Rule, Scorer

RULE_CODE = re.compile(r"[A-Z]{2,4}[0-9]{3}")
RULE_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
SCORER_PREFIX = re.compile(r"[A-Z]{2,4}")
#: The prefix of the core's own diagnostics; no scorer may take it.
RESERVED_PREFIX = "CD"
#: Name starts that give advice instead of naming the pattern flagged.
ADVICE_NAMES = ("no-", "avoid-")
#: The sections every rule doc has, in this order, each as ``**Section.**``.
DOC_SECTIONS = ("What it flags.", "Why it matters.", "Example.", "Known problems.", "Settings.")

ALL = "ALL"
EXACT = 1000


def prefix_problem(prefix: str) -> str | None:
    """Why ``prefix`` cannot be a scorer's rule-code prefix, or None."""
    if not SCORER_PREFIX.fullmatch(prefix) or prefix == RESERVED_PREFIX:
        return f"invalid scorer prefix {shown(prefix)}: not 2-4 capitals other than {RESERVED_PREFIX}"
    return None


def _template_problem(message: str) -> str | None:
    """Why ``message`` is not a usable ``str.format`` template, or None."""
    if not message.strip():
        return "is empty"
    try:
        list(string.Formatter().parse(message))
    except ValueError as exc:
        return f"is not a format template ({exc})"
    return None


def rule_problems(rule: Rule, prefix: str) -> list[str]:
    """What breaks the contract in one rule's code, name and message (``prefix``: its scorer's)."""
    found = []
    if not RULE_CODE.fullmatch(rule.code) or rule.code[:-3] != prefix:
        found.append(f"rule code {shown(rule.code)} is not {prefix} followed by three digits")
    if not RULE_NAME.fullmatch(rule.name) or rule.name.startswith(ADVICE_NAMES):
        found.append(f"rule {rule.code} name {shown(rule.name)} is not kebab-case naming the pattern flagged")
    if problem := _template_problem(rule.message):
        found.append(f"rule {rule.code} message {shown(rule.message)} {problem}")
    if rule.scope not in ("span", "article"):
        found.append(f"rule {rule.code} scope {shown(rule.scope)} is not 'span' or 'article'")
    return found


def scorer_problems(scorer: Scorer) -> list[str]:
    """What breaks the contract in a scorer's prefix, name and rules (docs aside), first problem first."""
    found = [problem] if (problem := prefix_problem(scorer.prefix)) else []
    if not RULE_NAME.fullmatch(scorer.name):
        found.append(f"invalid scorer name {shown(scorer.name)}: not kebab-case")
    if not scorer.rules:
        found.append("the scorer declares no rules")
    codes: set[str] = set()
    names: set[str] = set()
    for rule in scorer.rules:
        found += rule_problems(rule, scorer.prefix)
        if rule.code in codes:
            found.append(f"duplicate rule code {rule.code} (declared twice)")
        if rule.name in names:
            found.append(f"duplicate rule name {shown(rule.name)} (declared twice)")
        codes.add(rule.code)
        names.add(rule.name)
    return found


def feature_problems(scorer: Scorer) -> list[str]:
    """What breaks the contract in a scorer's declared features (docs aside), first problem first.

    A name that is not snake_case or is declared twice, a direction other than
    ``problem``/``evidence``, a unit not in ``FEATURE_UNITS``. Checked at load, as rules are: ``learn-weights`` would otherwise fit such a feature into
    a model file that copydesk then refuses to read.
    """
    from copydesk.models import FEATURE_NAME, FEATURE_UNITS

    found: list[str] = []
    names: set[str] = set()
    for feature in scorer.features:
        problems = []
        if not FEATURE_NAME.fullmatch(feature.name):
            problems.append("name is not snake_case")
        if feature.name in names:
            problems.append("is declared twice")
        if feature.direction not in ("problem", "evidence"):
            problems.append(f"direction {shown(feature.direction)} is not 'problem' or 'evidence'")
        if feature.unit not in FEATURE_UNITS:
            problems.append(f"unit {shown(feature.unit)} is not one of {', '.join(FEATURE_UNITS)}")
        names.add(feature.name)
        found += [f"feature {shown(feature.name)} {p}" for p in problems]
    return found


def setting_doc_problems(scorer: Scorer) -> list[str]:
    """What breaks the contract in a scorer's ``setting_docs``: a key that is no setting, a description not a string.

    Checked at load, as rules are: a misspelled key would otherwise describe nothing, in silence.
    """
    if not isinstance(scorer.setting_docs, Mapping):
        return [f"setting_docs must be a mapping of setting to description, not {type(scorer.setting_docs).__name__}"]
    found: list[str] = []
    for key, text in scorer.setting_docs.items():
        if not isinstance(key, str) or key not in scorer.settings:
            found.append(f"setting_docs describes {shown(str(key))}, which is no setting of the scorer")
        elif not isinstance(text, str):
            found.append(f"setting_docs[{shown(key)}] must be a str, not {type(text).__name__}")
    return found


def doc_problems(rule: Rule) -> list[str]:
    """What is missing from a rule's doc: a section, their order, or a section's text."""
    doc = rule.doc
    positions = [doc.find(f"**{section}**") for section in DOC_SECTIONS]
    missing = [s for s, at in zip(DOC_SECTIONS, positions, strict=True) if at < 0]
    if missing:
        return [f"rule {rule.code} doc lacks the section(s) " + ", ".join(f"**{s}**" for s in missing)]
    if positions != sorted(positions):
        return [f"rule {rule.code} doc sections are not in the order {DOC_SECTIONS}"]
    ends = [*positions[1:], len(doc)]
    return [
        f"rule {rule.code} doc section **{section}** is empty"
        for section, start, end in zip(DOC_SECTIONS, positions, ends, strict=True)
        if not doc[start + len(section) + 4 : end].strip()
    ]


def specificity(selector: str, code: str, name: str) -> int:
    """How specifically ``selector`` names the rule ``code``/``name``; -1 when it does not match it."""
    if selector == ALL:
        return 0
    if selector in (code, name):
        return EXACT
    if code.startswith(selector):
        return len(selector)
    return -1


#: Why a selector or ``[severity]`` key naming only core diagnostics (``CD001``...) is refused.
CORE_FIXED = "CD rules are core diagnostics and cannot be deselected or given another severity"
#: The core diagnostic a configuration key turns off, by code and name: CD007's note says
#: nothing about the run itself, and a batch known not to be in English does not want it.
CORE_SWITCHES = dict.fromkeys(("CD007", "non-latin-script"), "[run] non_latin_note = false turns CD007 off")


def core_fixed(selector: str) -> str:
    """Why ``selector`` (or a ``[severity]`` key) cannot name a core diagnostic, and its switch if it has one."""
    switch = CORE_SWITCHES.get(selector)
    return f"{CORE_FIXED}; {switch}" if switch else CORE_FIXED


def check_selectors(selectors: Iterable[str], rules: Sequence[Rule], where: str, core: Sequence[Rule] = ()) -> None:
    """Raise ConfigError for a selector that matches no known rule, or (``core``) only core diagnostics."""
    for selector in selectors:
        if selector == ALL:
            continue
        if not any(specificity(selector, rule.code, rule.name) >= 0 for rule in rules):
            if any(specificity(selector, rule.code, rule.name) >= 0 for rule in core):
                raise ConfigError(f"{where}: {shown(selector)}: {core_fixed(selector)}")
            hint = _case_hint(selector, rules)
            raise ConfigError(
                f"{where}: {shown(selector)} matches no rule code, prefix or name{hint} (see 'copydesk rules')"
            )


def _case_hint(selector: str, rules: Sequence[Rule]) -> str:
    """``; selectors are case-sensitive: did you mean 'SRC001'?`` when another case of ``selector`` matches a rule."""
    for other in (selector.upper(), selector.lower()):
        if other != selector and any(specificity(other, rule.code, rule.name) >= 0 for rule in rules):
            return f"; selectors are case-sensitive: did you mean {shown(other)}?"
    return ""


def is_selected(rule: Rule, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Whether ``rule`` is on under ``select``/``ignore``."""
    best_select = max((specificity(s, rule.code, rule.name) for s in select), default=-1)
    best_ignore = max((specificity(s, rule.code, rule.name) for s in ignore), default=-1)
    if best_select < (EXACT if rule.opt_in else 0):
        return False
    return best_select > best_ignore


def selected_codes(rules: Iterable[Rule], select: Sequence[str], ignore: Sequence[str]) -> frozenset[str]:
    """The codes of every rule that is on."""
    return frozenset(rule.code for rule in rules if is_selected(rule, select, ignore))
