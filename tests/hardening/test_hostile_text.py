"""Issue 16 item 6: text from the input never forges output lines or drives a terminal.

An id carrying a newline followed by ``::error`` would be a GitHub Actions workflow
command; ESC/OSC/BEL sequences and bidi overrides would drive or mislead the terminal.
Every format and every stderr line must carry them as inert, visible escapes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from copydesk import safety
from support import run_copydesk

FORGED_ID = "a\n::error title=forged::pwned\x1b]0;title\x07\x1b[2J\u202eevil\r::set-output name=x::y"
BODY = "Officials said the plan may possibly work. " * 20
#: Anything that must never appear raw in output meant for a terminal or a CI log.
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _lines_forge(text: str) -> list[str]:
    """Lines a GitHub runner would execute as workflow commands (it trims leading space)."""
    return [ln for ln in text.splitlines() if ln.lstrip().startswith("::") and "forged" in ln + "set-output"]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A JSONL batch: one record with a forged id, one unreadable record, one plain."""
    records = [
        json.dumps({"id": FORGED_ID, "title": "T\x1b[31m", "text": BODY}),
        "{not json " + FORGED_ID.replace("\n", " "),
        json.dumps({"id": "plain", "text": BODY}),
    ]
    path = tmp_path / "bad\x1b[2Jname.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "github", "markdown", "junit", "sarif", "json", "jsonl", "html"])
def test_no_format_and_no_stderr_line_can_be_forged(hostile: Path, fmt: str) -> None:
    result = run_copydesk("check", "--fail-under", "99", "-f", fmt, str(hostile))
    assert result.exit_code == 2, result.stderr
    for stream in (result.stdout, result.stderr):
        assert not RAW.search(stream), repr(RAW.search(stream))
        forged = [ln for ln in stream.splitlines() if ln.lstrip().startswith("::") and "title=copydesk" not in ln]
        if fmt == "github" and stream is result.stdout:
            forged = [ln for ln in forged if not re.match(r"::(error|warning|notice) (file|title)=", ln)]
        assert forged == [], forged
    assert "FAIL" in result.stderr and "\\x1b" in result.stderr  # the id is shown, escaped


def test_a_file_named_like_a_workflow_command_cannot_start_a_line(tmp_path: Path) -> None:
    name = tmp_path / "::error title=forged::x.txt"
    name.write_text("Title\n\n" + BODY, encoding="utf-8")
    result = run_copydesk("score", str(name))
    assert not [ln for ln in result.stdout.splitlines() if ln.lstrip().startswith("::")], result.stdout


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain: text", "plain: text"),
        ("a\nb", "a\\nb"),
        ("\x1b]8;;http://x\x07link", "\\x1b]8;;http://x\\x07link"),
        ("\u202eabc", "\\u202eabc"),
        ("\x9b2J", "\\x9b2J"),
        ("tab\there", "tab\\there"),
    ],
)
def test_neutralise_makes_controls_visible(raw: str, shown: str) -> None:
    assert safety.neutralise(raw) == shown


@pytest.mark.parametrize(("raw", "shown"), [("::error::x", "\\::error::x"), ("  ::x", "\\  ::x"), ("a::b", "a::b")])
def test_a_leading_workflow_command_is_escaped(raw: str, shown: str) -> None:
    assert safety.line(raw) == shown
