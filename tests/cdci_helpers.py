"""Helpers for the CI-gating tests: a tiny deterministic scorer and an in-process run helper."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import copydesk.formats
import copydesk.formats.streams
from copydesk import Context, Document, Finding, Rule, Scorer, Severity
from copydesk.app import RunOptions, execute, parse_outputs
from copydesk.testing import plugin_set

DOC = "**What it flags.** x\n\n**Why it matters.** x\n\n**Example.** x\n\n**Known problems.** x\n\n**Settings.** None."
FLAGGED = Rule("WRD001", "flagged-word", "Word '{word}' is flagged", Severity.WARNING, DOC)
SEVERE = Rule("WRD002", "severe-word", "Word '{word}' is severe", Severity.ERROR, DOC)
TITLED = Rule("WRD003", "flagged-title-word", "Title word '{word}' is flagged", Severity.INFO, DOC)


def score(document: Document, context: Context) -> Iterator[Finding]:
    """'bad' is a warning, 'awful' an error, 'meh' in the title info; 'CRASH' raises."""
    body = document.body
    if "CRASH" in body.text:
        raise RuntimeError("scorer blew up")
    for start, end in document.title.words:
        if document.title.text[start:end].lower() == "meh":
            yield TITLED.finding(document.title, start, end, word="meh")
    for start, end in body.words:
        word = body.text[start:end]
        if word.lower() == "bad":
            yield FLAGGED.finding(body, start, end, word=word)
        elif word.lower() == "awful":
            yield SEVERE.finding(body, start, end, word=word)


SCORER = Scorer(prefix="WRD", name="words", rules=(FLAGGED, SEVERE, TITLED), score=score)
CLEAN = "A calm report.\n\nOfficials said the bridge opened on Monday after two years of work.\n"


@dataclass
class Result:
    """What one run gave: exit code, standard output and the stderr lines."""

    code: int
    stdout: str
    stderr: list[str] = field(default_factory=list)

    @property
    def err(self) -> str:
        return "\n".join(self.stderr)


class Desk:
    """Write articles into a temporary folder and run copydesk on them in-process."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, text: str) -> str:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return str(path)

    def plugins(self) -> Any:
        return plugin_set(
            plugins=[("reporters", copydesk.formats.streams), ("formats", copydesk.formats)], scorers=[SCORER]
        )

    def options(
        self, paths: Sequence[str], formats: Sequence[str] = ("json",), gate: dict[str, Any] | None = None, **kw: Any
    ) -> RunOptions:
        overrides = {"gate": gate} if gate else {}
        return RunOptions(
            paths=list(paths),
            outputs=parse_outputs(list(formats), None),
            overrides=overrides,
            gate=gate is not None,
            plugins=self.plugins(),
            cwd=self.root,
            **kw,
        )

    def run(
        self, paths: Sequence[str], formats: Sequence[str] = ("json",), gate: dict[str, Any] | None = None, **kw: Any
    ) -> Result:
        out = io.StringIO()
        lines: list[str] = []
        code = execute(self.options(paths, formats, gate, **kw), out, lines.append)
        return Result(code, out.getvalue(), lines)
