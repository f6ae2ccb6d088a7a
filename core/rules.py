"""The rule registry's selection logic: ``select``/``ignore`` with ruff's semantics.

A selector is ``ALL``, a code prefix (``HDG``, ``HDG0``), a full code (``HDG001``) or
a rule name (``vague-attribution``). For each rule the most specific matching
selector decides: a full code or a name beats a longer prefix, which beats a shorter
one, which beats ``ALL``. On a tie ``ignore`` wins. A rule no selector matches is off.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from copydesk.errors import ConfigError
from copydesk.models import Rule

ALL = "ALL"
EXACT = 1000


def specificity(selector: str, rule: Rule) -> int:
    """How specifically ``selector`` names ``rule``; -1 when it does not match it."""
    if selector == ALL:
        return 0
    if selector == rule.code or selector == rule.name:
        return EXACT
    if rule.code.startswith(selector):
        return len(selector)
    return -1


def check_selectors(selectors: Iterable[str], rules: Sequence[Rule], where: str) -> None:
    """Raise ConfigError for a selector that matches no known rule."""
    for selector in selectors:
        if selector == ALL:
            continue
        if not any(specificity(selector, rule) >= 0 for rule in rules):
            raise ConfigError(f"{where}: {selector!r} matches no rule code, prefix or name (see 'copydesk rules')")


def is_selected(rule: Rule, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Whether ``rule`` is on under ``select``/``ignore``."""
    best_select = max((specificity(s, rule) for s in select), default=-1)
    best_ignore = max((specificity(s, rule) for s in ignore), default=-1)
    if best_select < 0:
        return False
    return best_select > best_ignore


def selected_codes(rules: Iterable[Rule], select: Sequence[str], ignore: Sequence[str]) -> frozenset[str]:
    """The codes of every rule that is on."""
    return frozenset(rule.code for rule in rules if is_selected(rule, select, ignore))
