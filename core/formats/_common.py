"""What every format in :mod:`copydesk.formats` shares: locations, levels, rule catalogue.

All formats are built from the report dictionaries of :mod:`copydesk.formats.schema` (or the
same report objects), so a field means the same thing in every format.
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import attrgetter
from typing import Any

from copydesk import safety
from copydesk.diagnostics import CORE_RULES, UNREADABLE
from copydesk.diagnostics import RUN_ERRORS as RUN_ERRORS  # the formats mark these as run errors
from copydesk.formats.positions import file_positions
from copydesk.models import (
    ArticleReport,
    FeaturePoints,
    Finding,
    Rule,
    RunInfo,
    RunSummary,
    ScorerResult,
    Unreadable,
)
from copydesk.rollup import SourceSummary

#: copydesk severity -> SARIF level / GitHub annotation command.
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}

#: How a report marks an article the minimum-evidence floor raised (:attr:`ArticleReport.floored`).
FLOORED = "evidence floor"
#: The note under a report whose articles include one the floor raised, after their count.
FLOORED_NOTE = (
    "article(s) at the minimum-evidence floor: too short to judge (fewer than [scoring] min_words words)"
    " and nothing flagged, so the score before the truncation factor is raised to the B floor"
    " (copydesk explain; docs/scoring.md, section 5)"
)


def marks(report: ArticleReport) -> str:
    """What the text and JUnit reports say beside an article's grade: ``, truncated copy``, ``, evidence floor``."""
    return (", truncated copy" if report.truncated else "") + (f", {FLOORED}" if report.floored else "")


#: A finding's positions in its field, as :func:`~copydesk.formats.positions.file_positions` gives them in the file.
_POSITIONS_OF = attrgetter("start", "end", "line", "column", "end_line", "end_column")


def all_rules(info: RunInfo) -> list[Rule]:
    """The core's rules and every loaded plugin's rules, by code."""
    seen: dict[str, Rule] = {r.code: r for r in CORE_RULES}
    for rule in info.rules:
        seen.setdefault(rule.code, rule)
    return [seen[code] for code in sorted(seen)]


def rule_plugin(info: RunInfo, code: str) -> str:
    """The plugin that declares a rule (``copydesk`` for the core's CD rules)."""
    return "copydesk" if code.startswith("CD") else str(info.rule_plugins.get(code, ""))


def every_finding(report: ArticleReport) -> list[Finding]:
    """Diagnostics first (they concern the run), then the findings in reading order."""
    return [*report.diagnostics, *report.findings]


def placed_message(report: ArticleReport, finding: Finding) -> str:
    """A finding's message for a line that names its file already: a CD002's without the ``path[:line] (id): `` it opens with.

    CD002's message is the input's :attr:`~copydesk.models.Unreadable.message`, which names
    the file for standard error's line and the JSON report (where it stays whole); a line
    that leads with the place (``cyr.txt:1:1 error CD002 ...``) names it once, and the record's id
    once when it is the report's (its heading); the id a record that could not be parsed names
    is kept, ``(story-9): not valid JSON: ...``, since its report is filed under its place.
    """
    source = report.source
    if finding.code != UNREADABLE.code or source is None:
        return finding.message
    rest = finding.message.removeprefix(Unreadable(source.path, "", source.record, source.format).place)
    for said in (f" ({report.id}): ", ": "):  # the report's own id is its heading already
        if rest.startswith(said):
            return rest[len(said) :]
    return rest[1:] if rest.startswith(" (") else finding.message  # the id a broken record names: "(id): problem"


def location_path(report: ArticleReport) -> str:
    """The file a finding is in: the source path, else the article id."""
    return report.source.path if report.source is not None else report.id


def location_line(report: ArticleReport, finding: Finding) -> tuple[int, int, int, int] | None:
    """Line, column, end line, end column in the source file; None for a record.

    For a JSONL/CSV record the finding's lines are within a field of the record, not
    the file, so only the record's own line is meaningful (see :func:`record_line`).
    """
    if report.source is not None and report.source.record is not None:
        return None
    placed = file_positions(finding, report.source)  # in_file's numbers, without a copy of the finding
    _, _, line, column, end_line, end_column = placed or _POSITIONS_OF(finding)
    line, column = max(1, line), max(1, column)
    end_line = max(line, end_line)
    end_column = max(1, end_column)
    if end_line == line:
        end_column = max(end_column, column)
    return line, column, end_line, end_column


def record_line(report: ArticleReport) -> int | None:
    """The 1-based line of a JSONL/CSV record in its file, or None for a whole file or a Parquet row (no lines)."""
    if report.source is None or report.source.format == TABLE_FORMAT:
        return None
    return report.source.record


#: The source format whose records are rows of a table, not lines of a file.
TABLE_FORMAT = "parquet"


def table_row(report: ArticleReport) -> int | None:
    """The 1-based row of a Parquet record in its table, or None (a file, or a JSONL/CSV record)."""
    if report.source is None or report.source.format != TABLE_FORMAT:
        return None
    return report.source.record


def record_place(report: ArticleReport) -> str:
    """Where a record is, in words: ``record line N`` (JSONL/CSV) or ``row N`` (Parquet); empty for a file."""
    if (row := table_row(report)) is not None:
        return f"row {row}"
    line = record_line(report)
    return "" if line is None else f"record line {line}"


def failing(report: ArticleReport) -> bool:
    """Whether the article failed the gate (``copydesk check`` fills ``gate_reasons``)."""
    return bool(report.gate_reasons)


def source_failures(gate: Mapping[str, Any]) -> list[str]:
    """Why sources fail the gate: one message per failing source lever, in the words and order of stderr's FAIL lines.

    Read from the run summary's ``gate`` (:meth:`copydesk.ci.sources.SourceVerdict.summary`):
    the sources below ``source_fail_under``, then the regressions since the ``--compare`` run.
    Empty when not gating or when no source lever failed. The messages hold source names,
    which come from the input: each format escapes them as it escapes any input text.
    """
    below = gate.get("sources_below") or {}
    compare = gate.get("compare") or {}
    return [str(message) for message in (*below.values(), *compare.get("regressions", ()))]


def shown_score(score: float | None, floors: tuple[float, ...] = ()) -> str:
    """``score`` as the reports show it: one decimal, or two where one would round it up to a grade floor it has not reached.

    A score of 84.96 is graded B when A starts at 85, so it is shown as ``84.96``, not as
    ``85.0`` beside a B; ``-`` for an unreadable article. Reported scores have two decimals,
    so two show the score exactly.
    """
    if score is None:
        return "-"
    text = f"{score:.1f}"
    if any(score < floor <= float(text) for floor in floors):
        return f"{score:.2f}"
    return text


def clean(text: str) -> str:
    """Text safe to encode as UTF-8: lone surrogates (from JSON escapes) become U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\N{REPLACEMENT CHARACTER}" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    return text


def source_cells(summary: SourceSummary) -> tuple[str, str, str, str, str, str]:
    """A source's summary as table cells: source, articles, mean, 95 % interval, failing, top rules.

    Every format's per-source table shows these same strings; ``-`` where there is no number.
    """
    mean = "-" if summary.mean is None else f"{summary.mean:.1f}"
    interval = "-" if summary.low is None or summary.high is None else f"{summary.low:.1f}-{summary.high:.1f}"
    failing = f"{summary.failing} ({summary.share_failing:.0%})"
    top = ", ".join(f"{code} ({n})" for code, n in summary.top_rules) or "-"
    articles = (
        str(summary.articles) if summary.scored == summary.articles else f"{summary.articles} ({summary.scored} scored)"
    )
    return summary.source, articles, mean, interval, failing, top


#: The per-source table's column headings, in :func:`source_cells` order.
SOURCE_COLUMNS = ("source", "articles", "mean score", "95% interval", "failing", "top rules")


def source_columns(summary: RunSummary) -> tuple[str, ...]:
    """:data:`SOURCE_COLUMNS`, with ``failing`` as ``failing the gate`` under ``check`` (not the failing grades)."""
    if not summary.gate:
        return SOURCE_COLUMNS
    return tuple("failing the gate" if column == "failing" else column for column in SOURCE_COLUMNS)


#: How many features a report names under an article as those that cost it the most points.
SHOWN_COSTS = 3


def feature_words(name: str) -> str:
    """A feature's name in words: ``said_per_1000_words`` is ``said per 1,000 words``."""
    return name.replace("_per_1000_words", " per 1,000 words").replace("_", " ")


def _value(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"


def cost_phrase(cost: FeaturePoints) -> str:
    """One costly feature in words: ``said per 1,000 words 0 (professional median 9.3): 5.3 points``.

    Feature names are the plugins' (not input text); each format still neutralises the phrase.
    """
    return (
        f"{feature_words(cost.name)} {_value(cost.value)}"
        f" (professional median {_value(cost.median)}): {cost.points:.1f} points"
    )


def costs_line(scorer: ScorerResult) -> str:
    """Why a scorer cost points: its costliest features (:attr:`ScorerResult.costs`) in words, ``""`` when none cost any.

    A scorer's contribution is its features' points net of the credits of those on the
    better side of the professional median, so these need not add up to it.
    """
    return "; ".join(cost_phrase(cost) for cost in scorer.costs)


#: How much of a title :func:`title_line` shows (longer ones end in an ellipsis).
TITLE_SHOWN = 120


def title_line(report: ArticleReport, scorer: ScorerResult) -> str:
    """The title the scorer's costly ``title_*`` features read, in words; ``""`` when none of its shown costs is one.

    A title feature is charged for a line the reader may not see as the title (a record
    without a title field reads a heading-like first line of its body; a scrape's first line
    may be a share counter), so the report names what was read. The text is the input's:
    each format neutralises it.
    """
    if not any(cost.name.startswith("title_") and cost.points > 0 for cost in scorer.costs):
        return ""
    title = " ".join(report.title.split())
    if not title:
        first = " ".join(report.text.lstrip().partition("\n")[0].split())
        if not first:
            return "title: none given, so a heading-like first line of the body was read as one"
        return f"title: none given, so the body's first line {safety.quoted(_clipped(first))} was read as one"
    return f"title: {safety.quoted(_clipped(title))}"


def _clipped(text: str) -> str:
    """``text`` cut to :data:`TITLE_SHOWN` characters, an ellipsis marking a cut."""
    return text if len(text) <= TITLE_SHOWN else text[: TITLE_SHOWN - 1] + "…"


def costliest(report: ArticleReport) -> ScorerResult | None:
    """The scorer that cost the article the most points (the largest positive contribution), if any did."""
    losing = [s for s in report.scorers if s.error is None and s.contribution > 0]
    return max(losing, key=lambda s: s.contribution) if losing else None
