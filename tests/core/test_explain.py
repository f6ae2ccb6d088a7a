"""``copydesk explain``: Markdown when piped, rendered by rich on a terminal, with each setting's default."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import tomllib

import pytest
from copydesk import explain
from copydesk.config import packaged_defaults
from copydesk.manager import load_plugins
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


def test_the_table_takes_the_scorers_declared_defaults_and_descriptions_and_escapes_cells() -> None:
    declared = {"limit": 3, "words": ["a|b"], "on": True}
    docs = {"limit": "Most \x1b[31mhits|marks\u202e allowed."}  # a plugin's text: inert in the table cell
    table = explain.settings_table("not-packaged", declared, {"limit": 5}, docs)
    assert "| `limit` | `3` | `5` | Most \\x1b[31mhits\\|marks\\u202e allowed. |" in table
    assert '| `words` | `["a\\|b"]` | (default) | - |' in table and "| `on` | `true` | (default) | - |" in table
    assert explain.settings_table("not-packaged", {}, {}, {}) == ""


def test_a_blank_description_is_shown_as_none() -> None:
    # loading accepts it (the conformance suite names it): the cell says '-', as for no description
    table = explain.settings_table("not-packaged", {"limit": 3}, {}, {"limit": "  \t "})
    assert "| `limit` | `3` | (default) | - |" in table


def test_show_renders_on_a_terminal_and_passes_markdown_through_otherwise() -> None:
    markdown = explain.page(RULE, "demo", explain.settings_table("x", {"limit": 3}, {}, {}))
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


def config_comments(section: str) -> dict[str, str]:
    """The comment lines above each key of ``[plugins.SECTION]`` in the packaged config.toml, joined into one line."""
    notes: dict[str, str] = {}
    inside, pending = False, list[str]()
    for line in (REPO / "core" / "config.toml").read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            inside, pending = stripped == f"[plugins.{section}]", []
        elif stripped.startswith("#"):
            pending.append(stripped.lstrip("#").strip())
        elif inside and "=" in stripped:
            notes[stripped.split("=", 1)[0].strip()] = " ".join(pending)
            pending = []
        else:
            pending = []
    return notes


@pytest.mark.parametrize("name", sorted(packaged_defaults()["plugins"]))
def test_each_builtin_describes_its_settings_as_a_plugin_does_and_as_config_toml_says(name: str) -> None:
    """The built-ins' descriptions come from Scorer.setting_docs, the plugin API; config.toml's comments say the same."""
    (scorer,) = [s for _, s in load_plugins().scorers if s.name == name]
    packaged = tomllib.loads((REPO / "core" / "config.toml").read_text())["plugins"][name]
    assert set(scorer.setting_docs) == set(scorer.settings) == set(packaged)
    assert dict(scorer.setting_docs) == config_comments(name)


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


def test_a_description_over_several_lines_follows_the_table_with_its_later_lines_indented() -> None:
    docs = {
        "limit": "Most marks allowed\n        in one story, counted\n          per paragraph.\n",
        "on": "Turn it on.",
    }
    table = explain.settings_table("not-packaged", {"limit": 3, "on": True}, {}, docs)
    assert "\\n" not in table
    assert "| `limit` | `3` | (default) | Most marks allowed (more below the table) |" in table
    assert "| `on` | `true` | (default) | Turn it on. |" in table
    assert table.endswith("\n\n- `limit`: Most marks allowed\n  in one story, counted\n    per paragraph.")
    rendered = io.StringIO()
    explain.show(explain.page(RULE, "demo", table), rendered, terminal=True)
    assert "\\n" not in rendered.getvalue() and "in one story, counted" in rendered.getvalue()
