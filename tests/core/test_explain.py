"""``copydesk explain``: Markdown when piped, rendered by rich on a terminal, with each setting's default."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import tomllib

from copydesk import explain
from copydesk.config import packaged_defaults
from copydesk.models import Rule, Severity
from support import REPO, run_copydesk

RULE = Rule(
    "XYZ001", "odd-thing", "Odd {x}", Severity.WARNING, "**What it flags.** Odd things.\n\n**Settings.** `limit`."
)


def test_piped_explain_prints_markdown_with_every_setting_and_its_packaged_default() -> None:
    result = run_copydesk("explain", "HDG001")
    assert result.exit_code == 0 and result.stdout.startswith("HDG001 (hedge-cue) - plugin hedging")
    assert "**What it flags.**" in result.stdout and "**Settings of `[plugins.hedging]`.**" in result.stdout
    rows = {line.split("|")[1].strip(" `"): line for line in result.stdout.splitlines() if line.startswith("| `")}
    assert set(rows) == set(packaged_defaults()["plugins"]["hedging"])
    assert "| `min_words` | `150` | (default) | HDG003 judges only articles" in rows["min_words"]
    assert "| `remove_cues` | `[]` | (default) |" in rows["remove_cues"]


def test_a_setting_the_configuration_changes_shows_both_values(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "copydesk.toml").write_text('[plugins.hedging]\nremove_cues = ["potential"]\nmin_words = 80\n')
    result = run_copydesk("explain", "HDG001", cwd=folder)
    assert '| `remove_cues` | `[]` | `["potential"]` |' in result.stdout
    assert "| `min_words` | `150` | `80` |" in result.stdout


def test_a_core_rule_has_no_settings_table() -> None:
    result = run_copydesk("explain", "CD001")
    assert result.exit_code == 0 and "Settings of" not in result.stdout


def test_the_table_takes_the_scorers_declared_defaults_and_escapes_cells() -> None:
    table = explain.settings_table("not-packaged", {"limit": 3, "words": ["a|b"], "on": True}, {"limit": 5})
    assert "| `limit` | `3` | `5` | - |" in table
    assert '| `words` | `["a\\|b"]` | (default) | - |' in table and "| `on` | `true` |" in table
    assert explain.settings_table("not-packaged", {}, {}) == ""


def test_show_renders_on_a_terminal_and_passes_markdown_through_otherwise() -> None:
    markdown = explain.page(RULE, "demo", explain.settings_table("x", {"limit": 3}, {}))
    piped, terminal = io.StringIO(), io.StringIO()
    explain.show(markdown, piped, terminal=False)
    explain.show(markdown, terminal, terminal=True)
    assert piped.getvalue() == markdown
    rendered = terminal.getvalue()
    assert "What it flags." in rendered and "**" not in rendered and "|---|" not in rendered
    assert "limit" in rendered and "\x1b[" in rendered  # styled by rich


def test_explain_on_a_terminal_is_rendered() -> None:
    """Run the real command on a pseudo-terminal: no Markdown markers reach the screen."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "copydesk", "explain", "HDG001"], stdout=slave, stderr=subprocess.PIPE, cwd=REPO, env=env
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=60) == 0
    screen = b"".join(chunks).decode()
    assert "What it flags." in screen and "**What it flags.**" not in screen and "min_words" in screen


def test_the_packaged_config_comments_describe_the_settings() -> None:
    notes = explain.comments("figures")
    packaged = tomllib.loads((REPO / "core" / "config.toml").read_text())["plugins"]["figures"]
    assert set(notes) == set(packaged) and all(notes.values())


def test_a_plugins_controls_in_a_rule_page_are_escaped_whether_piped_or_on_a_terminal() -> None:
    hostile = Rule(
        "XYZ002", "odd-thing", "Odd \x1b]0;title\x07{x}", Severity.WARNING, "**What it flags.** \x1b[2J `a\\b`"
    )
    for terminal in (False, True):
        out = io.StringIO()
        explain.show(explain.page(hostile, "odd"), out, terminal)
        assert "\x1b]0" not in out.getvalue() and "\x1b[2J" not in out.getvalue() and "\x07" not in out.getvalue()
    piped = io.StringIO()
    explain.show(explain.page(hostile, "odd"), piped, False)
    assert "Message: Odd \\x1b]0;title\\x07{x}" in piped.getvalue()
    assert "`a\\b`" in piped.getvalue()  # the page's own Markdown backslashes are kept
