"""``copydesk explain`` without a rule: what it says about the score agrees with the model's own figures."""

from __future__ import annotations

import re
from dataclasses import replace

from copydesk import meaning
from copydesk.modelfile import load_model, packaged_model_path
from copydesk.testing import config


def explained() -> str:
    model = load_model(packaged_model_path())
    return "\n".join(meaning.explanation(model, meaning.PACKAGED, config().scoring()))


def test_the_calibration_share_and_the_figures_below_it_agree() -> None:
    """Review 12, item 9: "95 % ... scores at least 70" stood above figures adding up to 94 %."""
    text = explained()
    said = re.search(
        r"calibrated so that (\d+) % .* at least 70 before the truncation factor; after it.*?(\d+) % does", text
    )
    assert said is not None, text
    professional = re.search(r"Of professional copy .*?\), (\d+) % grade A, (\d+) % B", text)
    assert professional is not None
    model = load_model(packaged_model_path())
    assert int(said.group(1)) == round(100 * (model.grade_shares["A"] + model.grade_shares["B"]))  # before: 95
    grades = model.reference[0].grades
    assert int(said.group(2)) == round(100 * (grades["A"] + grades["B"]))  # after: 94, as the A and B figures give
    assert abs(int(said.group(2)) - int(professional.group(1)) - int(professional.group(2))) <= 1


def test_explain_says_a_typical_value_can_earn_a_credit_and_a_100_can_carry_warnings() -> None:
    """Review 12, item 2: "a typical value costs nothing" and "100: nothing costs anything" were untrue."""
    text = explained()
    assert "a typical value costs nothing" not in text and "nothing costs anything" not in text
    assert "22 of the 65 features credit their own median" in text
    assert "at the median of every feature sum to -1.72, not 0" in text
    assert "a 100 does not mean nothing is unusual and can come with warnings" in text


def test_a_small_learned_reference_states_the_share_reached_and_how_coarse_it_is() -> None:
    """Review s24v, item 12: a learn-weights model of 10 reliable articles said "95 % ... at least 70"
    above figures of 60 % A and 30 % B, with no word that only 90 % got there."""
    packaged = load_model(packaged_model_path())
    reliable = replace(
        packaged.reference[0], name="reliable", grades={"A": 0.6, "B": 0.3, "C": 0.1, "D": 0.0, "F": 0.0}
    )
    small = replace(packaged, reference=(reliable,), reference_size=10)
    line = meaning.calibration(small)
    assert "95 % of its reference copy scores at least 70 before the truncation factor" in line
    assert "after it, as in the figures below, 90 % does" in line
    assert "its reference is 10 articles, so a share moves in steps of 10 %" in line
    assert "its reference is" not in meaning.calibration(packaged)
