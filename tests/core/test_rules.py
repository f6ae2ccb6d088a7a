"""Rule selection with ruff's semantics: the most specific selector wins, ignore on ties."""

from __future__ import annotations

import pytest
from copydesk.models import Rule
from copydesk.rules import is_selected

HEDGE = Rule("HDG001", "hedge-cue", "m")
VAGUE = Rule("HDG002", "vague-attribution", "m")
FIGURE = Rule("FIG001", "unsourced-figure", "m")


@pytest.mark.parametrize(
    ("select", "ignore", "on"),
    [
        (["ALL"], [], {"HDG001", "HDG002", "FIG001"}),
        (["HDG"], [], {"HDG001", "HDG002"}),
        (["ALL"], ["HDG"], {"FIG001"}),
        (["HDG"], ["HDG001"], {"HDG002"}),
        (["HDG001"], ["HDG"], {"HDG001"}),
        (["HDG"], ["HDG"], set()),
        (["vague-attribution"], [], {"HDG002"}),
        (["ALL"], ["unsourced-figure"], {"HDG001", "HDG002"}),
        (["HDG00"], ["HDG"], {"HDG001", "HDG002"}),
        ([], [], set()),
    ],
)
def test_most_specific_selector_decides(select: list[str], ignore: list[str], on: set[str]) -> None:
    assert {r.code for r in (HEDGE, VAGUE, FIGURE) if is_selected(r, select, ignore)} == on
