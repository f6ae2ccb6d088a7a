"""The plugin authors' helpers: run_scorer raises a scorer's own exception, and names a wrong argument."""

from __future__ import annotations

import os
import types
from typing import Any

import pytest
from copydesk import BatchPass, Context, Document, Finding, Rule, Scorer
from copydesk.testing import findings_by_article, run_scorer

RULE = Rule("BMB001", "bomb-rule", "m")


def detonate(document: Document, context: Context) -> list[Finding]:
    if "boom" in document.body.text:
        raise KeyError("boom requested")
    return []


BOMB = Scorer("BMB", "bomb", (RULE,), detonate)


def observe_and_fail(state: list[str], document: Document) -> None:
    if "boom" in document.body.text:
        raise LookupError("observed boom")
    state.append(document.id)


COUNTED = Scorer(
    "BMC",
    "bomb-counted",
    (Rule("BMC001", "counted-rule", "m"),),
    lambda document, context: [],
    batch=BatchPass(start=lambda settings: [], observe=observe_and_fail, finish=lambda state: len(state)),
)


def test_run_scorer_raises_the_scorers_exception_with_its_traceback() -> None:
    """Review 14, item 9: the scorer's own exception type (not an AssertionError), its frame in the traceback."""
    with pytest.raises(KeyError, match="boom requested") as caught:
        run_scorer(BOMB, "fine", "boom here")
    assert any(entry.name == "detonate" for entry in caught.traceback)


def test_run_scorer_raises_a_batch_pass_exception_too() -> None:
    with pytest.raises(LookupError, match="observed boom") as caught:
        run_scorer(COUNTED, "fine", "boom here")
    assert any(entry.name == "observe_and_fail" for entry in caught.traceback)


def test_run_scorer_reports_a_broken_contract_as_an_assertion() -> None:
    """A scorer that returns no findings iterable raises nothing itself: the run's message is the assertion's."""
    wrong = Scorer("BMW", "bomb-wrong", (Rule("BMW001", "wrong-rule", "m"),), lambda document, context: 3)
    with pytest.raises(AssertionError, match="scorer BMW failed on a0: "):
        run_scorer(wrong, "text")


def foreign_code(document: Document, context: Context) -> list[Finding]:
    return [Rule("ZZZ001", "other-rule", "m").finding(document.body, 0, 1)]


def test_run_scorer_reports_a_finding_of_a_rule_it_does_not_declare_as_an_assertion() -> None:
    """The core refuses the code, the scorer raised nothing: an AssertionError with the run's words, not a ValueError."""
    foreign = Scorer("BMF", "bomb-foreign", (Rule("BMF001", "foreign-rule", "m"),), foreign_code)
    with pytest.raises(
        AssertionError, match=r"scorer BMF failed on a0: finding code ZZZ001 is not a rule of scorer BMF$"
    ):
        run_scorer(foreign, "text")


def exit_process(document: Document, context: Context) -> list[Finding]:
    os._exit(3)


def test_a_scorer_whose_process_dies_is_an_assertion_and_is_not_called_again_here() -> None:
    """Called again in the test's process, os._exit would end the test run itself."""
    dying = Scorer("BMX", "bomb-exit", (Rule("BMX001", "exit-rule", "m"),), exit_process)
    with pytest.raises(AssertionError, match="scorer BMX failed on a0: its worker process exited with status 3"):
        run_scorer(dying, "text")


@pytest.mark.parametrize("helper", [run_scorer, findings_by_article])
def test_a_module_instead_of_a_scorer_is_named(helper: Any) -> None:
    """Review 14, item 9: not the command line's advice (--disable) but what was passed."""
    module = types.ModuleType("copydesk_exclaim")
    with pytest.raises(TypeError) as caught:
        helper(module, "x")
    assert str(caught.value) == "run_scorer expects a Scorer, got module copydesk_exclaim"
