"""What the rule docs say was measured: audit precision and public evaluation, per rule.

Used by ``scripts/audit.py --write-docs``. Each rule gets its precision on the findings
audit (judged findings on real news, with a Wilson interval) and the summary lines of
the public evaluation that measures it (a ``scripts/eval_*.py`` run here), or the
reason none does. The result goes to ``core/data/precision.json`` (``copydesk
explain`` shows it under the rule's doc) and to a table in ``docs/audit/precision.md``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCRIPTS = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Evaluation:
    """A public evaluation: the script that runs it and the summary lines kept from its output."""

    command: tuple[str, ...]
    pattern: str
    what: str

    @property
    def shown(self) -> str:
        """The command as a reader types it."""
        return " ".join(("scripts/" + self.command[0], *self.command[1:]))


HEDGING = Evaluation(
    ("eval_hedging.py",),
    r"^\s*HDG001\|HDG002, half [AB].*$",
    "CoNLL-2010 Wikipedia sentences; a sentence is called uncertain when HDG001 or HDG002 fires",
)
FIGURES = Evaluation(
    ("eval_figures.py",),
    r"^(tuned|other) publishers.*$",
    "PolNeAR figures, unsourced class: figures, missed, P R F1 accuracy, then the all-unsourced baseline",
)
BOILERPLATE = Evaluation(
    ("eval_boilerplate.py",),
    r"^boilerplate scorer.*\n.*\n.*$",
    "L3S-GN1 blocks labelled boilerplate or content; a block is boilerplate when TPL001/002/003/006 covers it",
)
TRUNCATION = Evaluation(
    ("eval_truncation.py",),
    r"^(BBC mid-sentence pairs.*|\s+warning-level rules only.*)$",
    "BBC articles, each intact and cut mid-sentence; a text is truncated when a TRN rule fires",
)
READABILITY = Evaluation(
    ("eval_readability.py",),
    r"^\s+pooled\s+n=.*$",
    "share of real-news articles (BBC, PolNeAR pooled) with each finding, every one a false positive",
)

#: Each rule's public evaluation, or why it has none.
EVALUATIONS: dict[str, Evaluation | str] = {
    "HDG001": HEDGING,
    "HDG002": HEDGING,
    "HDG003": "none with gold labels; calibrated to fire on under 1 % of BBC and PolNeAR articles "
    "(scripts/eval_hedging.py --calibrate)",
    "HDG004": "none: no public corpus labels whose voice a hedge is in",
    "FIG001": FIGURES,
    "FIG002": "none: PolNeAR marks attribution whatever the source, so vague sources count as sourced there",
    "FIG003": "none: no public corpus labels figures across articles",
    "TPL001": BOILERPLATE,
    "TPL002": BOILERPLATE,
    "TPL003": BOILERPLATE,
    "TPL004": "none: L3S-GN1 labels blocks, not templated headlines",
    "TPL005": "none: L3S-GN1 labels blocks, not near-duplicate articles",
    "TPL006": BOILERPLATE,
    "TRN001": TRUNCATION,
    "TRN002": TRUNCATION,
    "TRN003": TRUNCATION,
    "TRN004": TRUNCATION,
    "TRN005": TRUNCATION,
    "TRN006": TRUNCATION,
    "RDB001": READABILITY,
    "RDB002": READABILITY,
    "SRC001": "none: no public corpus labels uncredited quotations",
    "SRC002": "none: no public corpus labels unattributed articles",
    "STY001": "none: no public corpus labels profanity",
}


def run_evaluation(evaluation: Evaluation, data: Path) -> list[str]:
    """The summary lines of one evaluation, run now; exits with a message when it fails."""
    command = [sys.executable, str(SCRIPTS / evaluation.command[0]), *evaluation.command[1:], "--data", str(data)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [m.group(0) for m in re.finditer(evaluation.pattern, done.stdout, re.MULTILINE)]
    if done.returncode != 0 or not lines:
        sys.exit(f"audit: {evaluation.shown} failed or printed no summary line: {done.stderr.strip()[-300:]}")
    return [" ".join(part.split()) for line in lines for part in line.splitlines()]


def evaluation_lines(data: Path, keep: dict[str, Any] | None, rerun: set[str] | None = None) -> dict[str, list[str]]:
    """Summary lines per evaluation command, run once each, or kept from ``keep``.

    With ``keep`` given, an evaluation is run only when its command is in ``rerun``
    (``None``: none is); the others reuse the lines on file.
    """
    found: dict[str, list[str]] = {}
    for evaluation in {e for e in EVALUATIONS.values() if isinstance(e, Evaluation)}:
        if keep is not None and evaluation.shown not in (rerun or set()):
            found[evaluation.shown] = next(
                (r["evaluation"]["lines"] for r in keep.values() if r["evaluation"].get("command") == evaluation.shown),
                [],
            )
        else:
            found[evaluation.shown] = run_evaluation(evaluation, data)
    return found


def rule_entry(audit: dict[str, Any] | None, code: str, lines: dict[str, list[str]]) -> dict[str, Any]:
    """One rule's measurements as stored in ``precision.json``."""
    evaluation = EVALUATIONS.get(code, "none recorded")
    if isinstance(evaluation, Evaluation):
        public = {"command": evaluation.shown, "what": evaluation.what, "lines": lines[evaluation.shown]}
    else:
        public = {"none": evaluation}
    return {"audit": audit, "evaluation": public}


def write(path: Path, doc: Path, rules: dict[str, dict[str, Any]], command: str) -> None:
    """Write the JSON file and the Markdown table."""
    payload = {"generated_by": command, "rules": dict(sorted(rules.items()))}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    doc.write_text(markdown(payload), encoding="utf-8")


def census_words(count: int) -> str:
    """The census words: all N findings, or its only finding for one."""
    return "its only finding" if count == 1 else f"all {count} findings"


def audit_cell(audit: dict[str, Any] | None) -> str:
    """A rule's audit result in one table cell."""
    census = audit is not None and audit.get("unaudited") == 0
    if not audit or not audit["firing"]:
        if census and not audit["audited"]:
            return "no finding on the dev corpora"
        return "not audited" if not audit else f"{audit['audited']} audited, none fires today"
    low, high = audit["interval"]
    return (
        f"{audit['correct']}/{audit['firing']} = **{audit['correct'] / audit['firing']:.2f}** ({low:.2f}-{high:.2f}); "
        f"{audit['audited']} audited"
        + (f"; {census_words(audit['firing'])} on the dev corpora audited" if census else "")
    )


def markdown(payload: dict[str, Any]) -> str:
    """The generated Markdown page."""
    out = [
        "# Measured precision of each rule",
        "",
        f"Generated by `{payload['generated_by']}`; do not edit. The same figures appear under each",
        "rule's doc in `copydesk explain RULE`. Audit: findings judged right or wrong on real news",
        "(`docs/audit/findings.jsonl`), precision of those that still fire today with a Wilson 95 %",
        'interval; "all N findings on the dev corpora audited": a census, no finding of the rule on the',
        "development corpora (`DEV_BATCHES` in `scripts/audit.py`) is left unjudged, so a rule audited",
        "fewer than 50 times has no more findings there. Public evaluation: the summary lines of the script named.",
        "",
        "| rule | audit on real news | public evaluation |",
        "|---|---|---|",
    ]
    for code, entry in payload["rules"].items():
        public = entry["evaluation"]
        if "none" in public:
            cell = public["none"]
        else:
            cell = f"`{public['command']}`: " + "; ".join(public["lines"])
        out.append(f"| {code} | {audit_cell(entry['audit'])} | {cell.replace('|', '/')} |")
    return "\n".join(out) + "\n"


def main() -> int:
    """Print the measured-precision page as the file on record gives it (regenerate with audit.py --write-docs)."""
    path = SCRIPTS.parent / "core" / "data" / "precision.json"
    if not path.is_file():
        print(f"measured: {path} not found; run scripts/audit.py --write-docs", file=sys.stderr)
        return 2
    print(markdown(json.loads(path.read_text(encoding="utf-8"))), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
