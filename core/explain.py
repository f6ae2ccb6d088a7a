"""``copydesk explain``: a rule's documentation as Markdown, with its plugin's settings table.

The page is Markdown: printed as it is when standard output is a pipe or a file (so
scripts and tests read stable text), rendered with rich when it is a terminal. The
settings table lists every setting of the rule's scorer with its default (the
scorer's declared default, as the packaged config.toml sets it), the value this run's
configuration gives when that differs, and the scorer's own description of it
(``Scorer.setting_docs``: the built-ins describe theirs the way any plugin does).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any, TextIO

from copydesk import safety
from copydesk.config import packaged_defaults
from copydesk.models import Rule


def page(rule: Rule, plugin: str, settings: str = "") -> str:
    """The Markdown page of a rule: heading line, message, its documentation, then ``settings`` (the measured precision and the settings table)."""
    opt_in = (
        f"; opt-in: off unless selected by its code or name (--select ALL,{rule.code} keeps every other rule on)"
        if rule.opt_in
        else ""
    )
    parts = [
        f"{rule.code} ({rule.name}) - plugin {plugin}, default severity {rule.severity.value}{opt_in}",
        f"Message: {rule.message}",
        rule.doc.strip() or "(no documentation)",
    ]
    return "\n\n".join([*parts, *([settings] if settings else [])]) + "\n"


def settings_table(
    section: str, declared: Mapping[str, Any], current: Mapping[str, Any], docs: Mapping[str, str]
) -> str:
    """The Markdown table of ``[plugins.SECTION]``: each setting, its default, this configuration's value, what it does.

    ``declared`` are the scorer's own defaults, ``current`` the merged settings of this
    run, ``docs`` the scorer's ``setting_docs`` (``-`` for a setting it does not describe).
    Empty when the scorer has no settings.
    """
    defaults = {**declared, **packaged_defaults().get("plugins", {}).get(section, {})}
    if not defaults:
        return ""
    rows = [
        "| setting | default | this configuration | what it does |",
        "|---|---|---|---|",
    ]
    longer = []
    for key in sorted(defaults):
        value = current.get(key, defaults[key])
        here = "(default)" if value == defaults[key] else _cell(value)
        lines = doc_lines(docs.get(key, ""))
        said = _escape(lines[0]) + (" (more below the table)" if len(lines) > 1 else "") if lines else "-"
        rows.append(f"| `{key}` | {_cell(defaults[key])} | {here} | {said} |")
        if len(lines) > 1:
            longer.append(f"- `{key}`: " + "\n  ".join(safety.neutralise(line) for line in lines))
    below = "\n\n" + "\n".join(longer) if longer else ""
    return f"**Settings of `[plugins.{section}]`.**\n\n" + "\n".join(rows) + below


def doc_lines(description: str) -> list[str]:
    r"""A plugin's description (of a setting, a feature) as its lines: blank lines around it dropped, the later lines' common indent removed.

    A plugin may write a description over several lines (a triple-quoted string, indented
    as its code is): shown, each later line is indented under the first, never joined with
    a literal ``\\n``. A settings table cell cannot hold a line break, so the table shows the
    first line and the whole text follows the table.
    """
    lines = [line.rstrip() for line in description.strip().splitlines()]
    rest = textwrap.dedent("\n".join(lines[1:])).splitlines()
    return [lines[0], *rest] if lines else []


def _cell(value: Any) -> str:
    """A setting's value as TOML-like code in a table cell."""
    return f"`{_escape(_toml(value))}`"


def _toml(value: Any) -> str:
    """A setting's value written as in config.toml."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


def _escape(text: str) -> str:
    """Text safe in one Markdown table cell: no control characters, no bare ``|``."""
    return safety.neutralise(text).replace("|", "\\|")


def show(markdown: str, out: TextIO, terminal: bool) -> None:
    """Print the page: rendered by rich on a terminal, else the Markdown itself; inert either way.

    A plugin writes its rules' messages and docs, so controls in them are shown as escapes
    (:func:`copydesk.safety.neutralise`) on both paths. Line breaks and backslashes are
    Markdown's own and kept; table cells from the configuration were neutralised once already.
    """
    markdown = safety.neutralise(markdown, keep="\n\\")
    if not terminal:
        out.write(markdown)
        return
    from rich.console import Console
    from rich.markdown import Markdown

    Console(file=out, highlight=False, force_terminal=True).print(Markdown(markdown))
