"""Frozen dataclasses that cross the boundary between the core and its plugins.

Everything a plugin receives or returns is defined here: the article (or the
unreadable input reported in its place), the rules a scorer declares, the findings it
yields, the scorer itself with its optional batch pass, and the per-article report the
core assembles from scorer results.
"""

from __future__ import annotations

import bisect
import dataclasses
import enum
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, TextIO

if TYPE_CHECKING:
    from copydesk.model import ReferenceGroup
    from copydesk.rollup import SourceSummary, SourceTrend
    from copydesk.text import Document, TextView

FEATURE_NAME = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
#: What a feature's number measures (``Feature.unit``):
#: ``per_1000_words`` a count per 1,000 words of the body; ``share`` a fraction from 0 to 1;
#: ``words_per_sentence`` a mean length of sentences in words; ``ratio`` another quotient
#: (letters per word, commas per sentence, a coefficient of variation); ``presence`` 1.0
#: when a pattern is there, 0.0 when not; ``count`` a plain count.
FEATURE_UNITS = ("per_1000_words", "share", "words_per_sentence", "ratio", "presence", "count")
FeatureDirection = Literal["problem", "evidence"]
FeatureUnit = Literal["per_1000_words", "share", "words_per_sentence", "ratio", "presence", "count"]

Settings = Mapping[str, Any]


class FrozenDict(dict[str, Any]):
    """A read-only dict: safe to share across the core/plugin boundary, and picklable.

    (``types.MappingProxyType`` cannot be pickled, and reports travel back from worker
    processes.)
    """

    def _readonly(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("FrozenDict is read-only")

    __setitem__ = __delitem__ = _readonly
    clear = pop = popitem = setdefault = update = _readonly  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self),))

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items(), key=lambda kv: kv[0])))


EMPTY: Mapping[str, Any] = FrozenDict()


class Severity(enum.StrEnum):
    """How much a finding weighs: ``info`` < ``warning`` < ``error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Order of severities, for comparisons (info 0, warning 1, error 2)."""
        return _SEVERITY_RANK[self.value]


_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Position:
    """Where a field of an article starts in its source file.

    ``offset`` is 0-based (characters into the decoded file); ``line`` and ``column``
    are 1-based.
    """

    offset: int
    line: int
    column: int = 1


@dataclass(frozen=True)
class TextMap:
    """Where each character of an extracted field came from in its source file (HTML input).

    An extractor rewrites the file's text (entities decoded, white space collapsed, tags
    dropped), so one base :class:`Position` cannot place a finding. ``starts`` are the
    field offsets where segments begin (ascending, the first 0); ``spans[i]`` is
    ``(offset, end, line, column)`` of segment ``i`` in the file. A segment whose
    source is exactly as long as its text was copied character for character (never
    across a line break); any other segment (an entity, collapsed white space, a line
    the extractor added) maps each of its characters to the whole source span.
    """

    starts: tuple[int, ...]
    spans: tuple[tuple[int, int, int, int], ...]
    size: int  # the field's length

    def locate(self, offset: int, *, end: bool = False) -> Position:
        """The file position of field offset ``offset`` (exclusive when ``end``)."""
        if not self.starts:
            return Position(0, 1, 1)
        char = min(max(offset - 1 if end else offset, 0), max(self.size - 1, 0))
        index = bisect.bisect_right(self.starts, char) - 1
        start, (at, stop, line, column) = self.starts[index], self.spans[index]
        following = self.starts[index + 1] if index + 1 < len(self.starts) else self.size
        if stop - at == following - start:  # copied: one source character per character
            at += char - start
            stop = at + 1
        if end and offset > 0:
            return Position(stop, line, column + stop - self.spans[index][0])
        return Position(at, line, column + at - self.spans[index][0])


@dataclass(frozen=True)
class SourceRef:
    """Where an article came from, so findings can point into the caller's own copy.

    For a file (``record`` is None) ``title_at``/``body_at`` give the position of each
    field in the decoded file; an extracted field (HTML) has a ``title_map``/``body_map``
    (and a ``byline_map`` when the page's byline was found in its text or tags) instead, placing
    each character; so does a front-matter byline written as a block list of several items. For a JSONL/CSV record, ``record`` is the 1-based line (JSONL) or
    line of the row's start (CSV), and offsets are into the record's fields.
    """

    path: str
    format: str
    record: int | None = None
    encoding: str = "utf-8"
    encoding_detected: bool = False
    title_at: Position | None = None
    body_at: Position | None = None
    #: Where the byline's value stands in the file (front matter); None when it is not in the text.
    byline_at: Position | None = None
    title_map: TextMap | None = None
    body_map: TextMap | None = None
    #: Where each character of the byline stands in the file (HTML input: the page's byline text, else its <meta> tag;
    #: a text file: the items of a front-matter block list).
    byline_map: TextMap | None = None
    #: A ``---`` block at the top of a text file that was read as body text: its line, and why (``CD006``).
    front_matter_ignored: tuple[int, str] | None = None


@dataclass(frozen=True)
class Article:
    """One article as read from a source; the text is untrusted input."""

    id: str
    title: str
    body: str
    byline: str | None = None
    url: str | None = None
    published: str | None = None
    source: SourceRef | None = None
    meta: Mapping[str, str] = dataclasses.field(default_factory=lambda: EMPTY)


@dataclass(frozen=True)
class Unreadable:
    """An input that could not be read as an article, with the reason.

    A record that was read but cannot be scored (its text is empty or missing) keeps
    what it says of itself: its ``record_id``, ``title``, ``url`` and other fields
    (``meta``), so its report is filed under its own id and source.
    """

    path: str
    problem: str
    record: int | None = None
    format: str = "txt"
    #: The record's own id field, when it was read (its report's id; :attr:`id` is where it is).
    record_id: str | None = None
    title: str = ""
    url: str | None = None
    meta: Mapping[str, str] = dataclasses.field(default_factory=lambda: EMPTY)
    #: The id a record that could not be parsed whole says it has (read before the point where
    #: it breaks): its message names it, its report keeps :attr:`id` (nothing of it was read).
    said_id: str | None = None

    @property
    def id(self) -> str:
        """Where it is: the path, with the record line if any."""
        return f"{self.path}:{self.record}" if self.record is not None else self.path

    @property
    def report_id(self) -> str:
        """The id of its report: the record's own id field, else :attr:`id`."""
        return self.record_id or self.id

    @property
    def place(self) -> str:
        """Where it is, as its message names it: ``path[:line]``, ``path row N`` for a Parquet row, ``path:line#N``.

        The second and later record to start on one line of a JSON document (a minified
        export) are named as their reports are, ``path:line#N``, so each error says which it is.
        """
        if self.format == "parquet" and self.record is not None:
            return f"{self.path} row {self.record}"
        if self.record_id is not None and self.record_id.startswith(f"{self.id}#"):
            return self.record_id
        return self.id

    @property
    def message(self) -> str:
        """One line: :attr:`place`, then the record's id in brackets when it has one of its own, then the problem.

        ``feed.jsonl:4 (story-9): field 'text' is empty``; the id is the record's id field,
        or, for a record that could not be parsed, the one it names before it breaks
        (:attr:`said_id`); a Parquet row has no line: ``path row N (id): problem``.
        """
        place = self.place
        named = self.record_id if self.record_id is not None else self.said_id
        return f"{place} ({named}): {self.problem}" if named and named != place else f"{place}: {self.problem}"


@dataclass(frozen=True)
class Finding:
    """One piece of evidence: a rule broken at a span of one field of an article.

    ``start``/``end`` are character offsets into ``field`` (``"text"``, ``"title"`` or ``"byline"``);
    ``line``/``column`` are 1-based within that field. The runner fills ``plugin`` and
    ``prefix``; positions stay in the field (``copydesk.formats.positions.in_file``
    gives them in the source file). ``scope`` is its rule's (:attr:`Rule.scope`), as
    :meth:`Rule.finding` sets it.
    """

    code: str
    name: str
    message: str
    severity: Severity
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str
    matched: str
    field: str = "text"
    data: Mapping[str, Any] = dataclasses.field(default_factory=lambda: EMPTY)
    plugin: str = ""
    prefix: str = ""
    scope: str = "span"


#: :attr:`Rule.scope` of a rule whose finding is about the whole article.
ARTICLE_SCOPE = "article"


@dataclass(frozen=True)
class Rule:
    """A rule a scorer checks: stable code, kebab-case name, message template, docs.

    ``message`` is a ``str.format`` template filled from the keyword arguments of
    :meth:`finding`; ``doc`` is Markdown with the sections *What it flags*, *Why it
    matters*, *Example*, *Known problems* and *Settings*. ``scope`` is ``"article"``
    for a rule whose finding is about the whole article (its span only shows where to
    look, as SRC002's first paragraph): a baseline then knows the finding by its rule
    and article, not by its matched text; ``"span"`` (the default) otherwise.
    ``opt_in`` marks a rule that is off unless a ``select`` selector names it by its full
    code or name (``ALL`` and prefixes leave it off): for a rule whose measured precision
    is too low to show every reader by default. Its scorer still runs for its other rules
    and its features, so turning it on moves only a short article's score whose only
    findings are its own (the evidence floor, :func:`copydesk.scoring.evidence_floor`).
    """

    code: str
    name: str
    message: str
    severity: Severity = Severity.WARNING
    doc: str = ""
    scope: str = "span"
    opt_in: bool = False

    def finding(
        self,
        view: TextView,
        start: int,
        end: int,
        *,
        excerpt: str | None = None,
        data: Mapping[str, Any] | None = None,
        **params: Any,
    ) -> Finding:
        """Build a finding of this rule at ``view.text[start:end]``.

        :param view: the field the span is in (``doc.body`` or ``doc.title``).
        :param start: first character of the evidence.
        :param end: one past its last character (``end >= start``).
        :param excerpt: the text to show; defaults to the sentence around ``start``.
        :param data: machine-readable details kept in the JSON report.
        :param params: values for the message template.
        :returns: a finding with line, column and excerpt filled in.
        """
        stop = end if end > start else start
        line, column, end_line, end_column = view.line_cols(start, stop)
        found: Finding = object.__new__(Finding)
        # Finding(...) without its frozen __init__'s object.__setattr__ per field: the same instance dictionary.
        found.__dict__.update(
            code=self.code,
            name=self.name,
            message=self.message.format(**params),
            severity=self.severity,
            start=start,
            end=stop,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            excerpt=view.excerpt(start, end) if excerpt is None else excerpt,
            matched=view.text[start:end],
            field=view.field,
            data=FrozenDict(data) if data else EMPTY,
            plugin="",
            prefix="",
            scope=self.scope,
        )
        return found


@dataclass(frozen=True)
class Segment:
    """A labelled span of an article's body that a scorer tells every other scorer about.

    The boilerplate scorer labels template furniture ``"boilerplate"``; the truncation
    scorer then judges the last sentence that is not inside such a segment.
    """

    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Feature:
    """A numeric per-article measurement a scorer declares, for the learned aggregate.

    :ivar name: snake_case, unique within the scorer (``vague_attribution_per_1000_words``).
    :ivar direction: ``"problem"`` when more of it means a less reliable article,
        ``"evidence"`` when more of it means a more reliable one.
    :ivar doc: one or two sentences saying exactly what is counted and how.
    :ivar unit: one of :data:`FEATURE_UNITS`.
    """

    name: str
    direction: FeatureDirection
    doc: str
    unit: FeatureUnit


@dataclass(frozen=True)
class Context:
    """What the runner hands a scorer beside the document.

    :ivar settings: this scorer's ``[plugins.NAME]`` section merged over its defaults.
    :ivar batch: the value the scorer's batch pass returned from ``finish``, or None.
    :ivar selected: the codes of this scorer's rules that the run selected.
    """

    settings: Settings = dataclasses.field(default_factory=lambda: EMPTY)
    batch: Any = None
    selected: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Assessment:
    """A scorer's full answer for one article, when findings alone do not say enough.

    :ivar findings: the evidence.
    :ivar subscore: 1.0 for no sign of a problem down to 0.0; None lets the core
        derive it from the findings' severities and the article's length.
    :ivar metrics: named measurements shown in reports (``hedges_per_1000_words``).
    :ivar features: values of the scorer's declared features (``Scorer.features``), by
        name, each a finite number; the runner rejects an undeclared name.
    """

    findings: tuple[Finding, ...] = ()
    subscore: float | None = None
    metrics: Mapping[str, float] = dataclasses.field(default_factory=lambda: EMPTY)
    features: Mapping[str, float] = dataclasses.field(default_factory=lambda: EMPTY)


ScoreOutput = Assessment | Iterable[Finding]
ScoreFunction = Callable[["Document", Context], ScoreOutput]


@dataclass(frozen=True)
class BatchPass:
    """An optional first pass over the whole batch, before any article is scored.

    The core calls ``start(settings)`` once, ``observe(state, document)`` for every
    article in input order, then ``finish(state)``; the result reaches ``score`` as
    ``context.batch``. Keep the state to per-batch statistics (counts of hashes,
    attributed figures), never the text of the batch: the core reads the input twice
    instead of holding it.

    **Map and merge.** With ``merge``, the pass runs in parallel: the core cuts the
    batch into consecutive chunks, and for each chunk (in a worker process, or on a
    cluster node) calls ``start(settings)`` and ``observe`` on the chunk's articles in
    input order. It then folds the chunk states in input order, ``merge(earlier,
    later)``, and calls ``finish`` on the result. ``merge`` may change and return
    ``earlier``, but must leave ``later`` unread afterwards. Its contract, which
    :func:`copydesk.conformance.check_merge` tests:

    - **order-consistent**: ``finish`` of the merged chunks equals ``finish`` of one
      state that observed every article in order, however the batch was cut (an
      article's place in the batch is its place in ``earlier`` plus the articles
      ``earlier`` observed);
    - **associative**: ``merge(merge(a, b), c)`` finishes like ``merge(a, merge(b, c))``;
    - states cross process boundaries, so they must pickle.

    Without ``merge`` the pass observes one article after another. Either way the state
    is held by a process of the scorer's own (:mod:`copydesk.keepers`), every call
    under ``[run] article_timeout``, and what ``finish`` returns crosses back, so it
    must pickle too.
    """

    start: Callable[[Settings], Any]
    observe: Callable[[Any, Document], None]
    finish: Callable[[Any], Any]
    merge: Callable[[Any, Any], Any] | None = None


@dataclass(frozen=True)
class Scorer:
    """A named set of rules and the function that checks them.

    :ivar prefix: the rule-code prefix, 2-4 capitals (``HDG``); ``CD`` is the core's.
    :ivar name: the plugin's settings section name (``[plugins.NAME]``).
    :ivar rules: every rule the scorer can report.
    :ivar score: ``score(document, context)`` returning findings or an Assessment;
        pure and deterministic.
    :ivar weight: default weight in the aggregate score (``[scoring.weights]``).
    :ivar settings: default settings, every key the scorer accepts.
    :ivar batch: optional batch pass.
    :ivar segment: optional ``segment(document, context)`` yielding Segments that
        every scorer sees as ``document.segments``; runs before any ``score``.
    :ivar description: one line for ``copydesk plugins``.
    :ivar check: optional ``check(settings)`` yielding ``(key, problem)`` for each bad
        value of the merged settings (``problem`` reads after the key: ``"must be
        greater than 0, not -1"``); the core calls it once, before any article is read,
        and reports the first as a configuration error naming the file and key. It must
        yield nothing for the defaults.
    :ivar features: the numeric features ``score`` reports in ``Assessment.features``.
    :ivar setting_docs: one line per key of ``settings`` saying what it does, which
        ``copydesk explain`` shows in the settings table; a key that is no setting is a load error.
    """

    prefix: str
    name: str
    rules: tuple[Rule, ...]
    score: ScoreFunction
    weight: float = 1.0
    settings: Settings = dataclasses.field(default_factory=lambda: EMPTY)
    batch: BatchPass | None = None
    segment: Callable[[Document, Context], Iterable[Segment]] | None = None
    description: str = ""
    check: Callable[[Settings], Iterable[tuple[str, str]]] | None = None
    features: tuple[Feature, ...] = ()
    setting_docs: Mapping[str, str] = dataclasses.field(default_factory=lambda: EMPTY)


@dataclass(frozen=True)
class FeaturePoints:
    """What one of a scorer's features cost an article under the model, for reports that explain a contribution.

    :ivar name: the feature's name (``Feature.name`` of the scorer).
    :ivar value: the article's value of the feature.
    :ivar median: the feature's median over the model's professional reference (its norm).
    :ivar points: the points of the score it cost (its part of the scorer's contribution).
    """

    name: str
    value: float
    median: float
    points: float


@dataclass(frozen=True)
class ScorerResult:
    """One scorer's outcome on one article, as it appears in the report."""

    prefix: str
    name: str
    plugin: str
    subscore: float | None
    weight: float
    contribution: float
    findings: tuple[Finding, ...]
    metrics: Mapping[str, float]
    error: str | None
    seconds: float
    #: The scorer's feature values, sorted by name (empty when it declares none or failed).
    features: Mapping[str, float] = dataclasses.field(default_factory=lambda: EMPTY)
    #: Whether the model reads this scorer's features: its ``subscore`` and ``weight`` then play no
    #: part in the score (they weigh only a scorer the model has no feature of).
    modelled: bool = False
    #: The features that cost the article the most points, costliest first (at most
    #: :data:`copydesk.runner.COSTLIEST`, only those that cost points; never in JSON).
    costs: tuple[FeaturePoints, ...] = ()


@dataclass(frozen=True)
class ArticleReport:
    """Everything copydesk concluded about one article.

    ``score`` is None, ``grade`` ``"?"`` and ``verdict`` ``"unreadable"`` when the
    article could not be read; its diagnostics then say why. ``text``,
    ``baseline_state`` and ``gate_reasons`` are filled by the runner and by
    ``copydesk check``; they default to empty so reports can be built without them.
    """

    id: str
    title: str
    source: SourceRef | None
    score: float | None
    grade: str
    verdict: str
    words: int
    scorers: tuple[ScorerResult, ...]
    findings: tuple[Finding, ...]
    diagnostics: tuple[Finding, ...]
    index: int = 0
    #: The article's body as scored, for reports that show it (HTML); never in JSON.
    text: str = dataclasses.field(default="", repr=False, compare=False)
    #: Per finding (same order as ``findings``): ``"new"`` or ``"unchanged"`` when the
    #: run compares against a baseline; empty otherwise.
    baseline_state: tuple[str, ...] = ()
    #: Why the article fails the gate of ``copydesk check`` (empty when it passes, or
    #: when the run does not gate).
    gate_reasons: tuple[str, ...] = ()
    #: The source the article is rolled up under (``[rollup] by``; see :mod:`copydesk.rollup`).
    source_name: str = ""
    #: Whether the truncation scorer is at least 50 % sure the copy was cut
    #: (:data:`copydesk.scoring.TRUNCATED_AT`); the score is then graded down by a factor.
    truncated: bool = False
    #: Whether the minimum-evidence floor raised the score (:func:`copydesk.scoring.evidence_floor`):
    #: fewer than ``[scoring] min_words`` words and no finding, so the score before the truncation
    #: factor is the floor of grade B rather than what the features alone give.
    floored: bool = False
    #: Findings the per-article cap left out of ``findings`` (``[run] max_findings_per_article``), by
    #: rule code, sorted; empty when none was (:mod:`copydesk.quota`). The score counts them all.
    omitted: Mapping[str, int] = dataclasses.field(default_factory=lambda: EMPTY)

    @property
    def omitted_count(self) -> int:
        """How many findings the per-article cap left out of ``findings``."""
        return sum(self.omitted.values())

    @property
    def failed_scorers(self) -> tuple[ScorerResult, ...]:
        """Scorers that raised on this article."""
        return tuple(s for s in self.scorers if s.error is not None)


@dataclass(frozen=True)
class RunInfo:
    """Facts about the run that every reporter may show in a header."""

    version: str
    paths: tuple[str, ...]
    plugins: tuple[tuple[str, str], ...]
    rules: tuple[Rule, ...]
    rule_plugins: Mapping[str, str] = dataclasses.field(default_factory=lambda: EMPTY)
    #: ``--timings`` was given: formats that can show per-scorer seconds should (not reproducible).
    timings: bool = False
    #: ``--min-severity``: the text report lists findings of this severity and above.
    #: Only the text report filters; the other formats list every finding, and the gate
    #: judges every finding whatever is shown.
    min_severity: str = "info"
    #: ``check --only-new``: the text report lists only findings not in the baseline.
    only_new: bool = False
    #: The model that scored the run: ``packaged``, or its file as configured (``[scoring] model``, ``--model``).
    model: str = ""
    #: What a grade means under that model: its file's ``reference`` groups (empty: the file has none).
    reference: tuple[ReferenceGroup, ...] = ()
    #: Said under those figures when the run's ``[scoring.grades]`` floors differ from the model's ("" when not).
    floors_note: str = ""
    #: The run's grade floors (``[scoring.grades]``), best first: a score is shown with two
    #: decimals where one would round it up to a floor it has not reached (:func:`copydesk.formats._common.shown_score`).
    floors: tuple[float, ...] = ()
    #: The highest severity a selected rule reports in this run, after ``[severity]``
    #: (``none``: no scorer runs; ``error`` when not known): a gate's ``fail_on`` above it fails no article.
    top_severity: str = "error"


@dataclass(frozen=True)
class RunSummary:
    """Totals over the batch, handed to reporters once every article is reported."""

    articles: int
    scored: int
    unreadable: int
    mean_score: float | None
    failing: tuple[str, ...] = ()
    gate: Mapping[str, Any] = dataclasses.field(default_factory=lambda: EMPTY)
    plugin_errors: tuple[str, ...] = ()
    input_errors: tuple[str, ...] = ()
    exit_code: int = 0
    #: Per-source summaries, sorted by source (see :mod:`copydesk.rollup`).
    sources: tuple[SourceSummary, ...] = ()
    #: Per source of this run, its mean over the latest recorded runs and this one, when
    #: the run has a history (``--history`` or ``[history] url``); empty otherwise.
    trends: tuple[SourceTrend, ...] = ()


class ReportWriter(Protocol):
    """What a reporter returns for one output stream: fed reports, then closed."""

    def add(self, report: ArticleReport) -> None:
        """Take one article's report (in input order)."""

    def close(self, summary: RunSummary) -> None:
        """Write whatever remains once the batch is done."""


@dataclass(frozen=True)
class Reporter:
    """An output format: ``open(stream, run_info)`` returns a ReportWriter.

    :ivar name: the ``--format`` name (``json``, ``sarif``).
    :ivar open: called once per output stream.
    :ivar description: one line for ``copydesk plugins``.
    :ivar extension: the usual file suffix, for docs and defaults.
    :ivar wants_text: the writer shows article bodies, so its reports keep ``text``
        (every other writer gets reports with ``text`` empty, to hold less in memory).
    """

    name: str
    open: Callable[[TextIO, RunInfo], ReportWriter]
    description: str = ""
    extension: str = ".txt"
    wants_text: bool = False
