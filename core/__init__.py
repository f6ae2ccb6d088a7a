"""copydesk: score news articles for source-reliability signals and gate batches in CI.

Plugin authors import what they need from here::

    from copydesk import Assessment, Finding, Rule, Scorer, Severity, hookimpl
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from copydesk.hookspecs import hookimpl
from copydesk.models import (
    Article,
    ArticleReport,
    Assessment,
    BatchPass,
    Context,
    Feature,
    Finding,
    Reporter,
    ReportWriter,
    Rule,
    RunInfo,
    RunSummary,
    Scorer,
    ScorerResult,
    Segment,
    Severity,
    SourceRef,
)
from copydesk.text import Document, TextView

try:
    __version__ = version("copydesk")
except PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
    __version__ = "0+unknown"

__all__ = [
    "Article",
    "ArticleReport",
    "Assessment",
    "BatchPass",
    "Context",
    "Document",
    "Feature",
    "Finding",
    "ReportWriter",
    "Reporter",
    "Rule",
    "RunInfo",
    "RunSummary",
    "Scorer",
    "ScorerResult",
    "Segment",
    "Severity",
    "SourceRef",
    "TextView",
    "__version__",
    "hookimpl",
]
