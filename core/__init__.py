"""copydesk: score news articles for source-reliability signals and gate batches in CI.

Plugin authors import what they need from here::

    from copydesk import Assessment, Finding, Rule, Scorer, Severity, hookimpl

Everything a scorer needs is exported here, the built-in scorers included: the models
that cross the core/plugin boundary (``Settings`` is the read-only mapping a scorer's
settings arrive as) and the text view every scorer shares (``Document``, ``TextView``,
its ``Line`` and ``Sentence`` spans and the ``WORD`` pattern that splits words). A
format plugin writes text from input through ``inert``, as the built-in formats do.
"""

from __future__ import annotations

from copydesk import distributions, measures
from copydesk.hookspecs import hookimpl
from copydesk.models import (
    Article,
    ArticleReport,
    Assessment,
    BatchPass,
    Context,
    Feature,
    FeatureDirection,
    FeatureUnit,
    Finding,
    Reporter,
    ReportWriter,
    Rule,
    RunInfo,
    RunSummary,
    Scorer,
    ScorerResult,
    Segment,
    Settings,
    Severity,
    SourceRef,
)
from copydesk.safety import inert
from copydesk.spill import SpilledMap
from copydesk.text import WORD, Document, Line, Sentence, TextView, Tokens

try:
    __version__ = distributions.version("copydesk")
except LookupError:  # pragma: no cover - running from an uninstalled tree
    __version__ = "0+unknown"

__all__ = [
    "WORD",
    "Article",
    "ArticleReport",
    "Assessment",
    "BatchPass",
    "Context",
    "Document",
    "Feature",
    "FeatureDirection",
    "FeatureUnit",
    "Finding",
    "Line",
    "ReportWriter",
    "Reporter",
    "Rule",
    "RunInfo",
    "RunSummary",
    "Scorer",
    "ScorerResult",
    "Segment",
    "Sentence",
    "Settings",
    "Severity",
    "SourceRef",
    "SpilledMap",
    "TextView",
    "Tokens",
    "__version__",
    "hookimpl",
    "inert",
    "measures",
]
