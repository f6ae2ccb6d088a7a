"""copydesk's wording of errors it passes on from Python."""

from __future__ import annotations

import json

import pytest
from copydesk.errors import json_problem


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"text": "a\tb"}', "invalid control character"),  # review 14, item 16: not "Invalid control character at"
        ('{"text": "ab', "unterminated string"),
        ('{"text": 1,}', "expecting property name enclosed in double quotes"),
        ("", "expecting value"),
    ],
)
def test_a_json_error_is_worded_without_pythons_dangling_at(text: str, said: str) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text)
    assert json_problem(caught.value.msg) == said
