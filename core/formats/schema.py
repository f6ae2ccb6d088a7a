"""Turn reports into plain, JSON-ready dictionaries: the documented output schema.

Every machine-readable format (JSON, JSONL, and the plugins' SARIF, JUnit, HTML) is
built from these dictionaries, so field names and meanings are defined once. Keys are
emitted in a fixed order and floats rounded, so the same input always gives the same
bytes. Timings are left out unless asked for, because they differ run to run.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from itertools import chain, repeat
from json.encoder import encode_basestring
from operator import attrgetter, mod
from typing import Any, NamedTuple

from copydesk import safety
from copydesk.formats import SCHEMA_VERSION as _SCHEMA_VERSION
from copydesk.formats.positions import file_positions, in_file, whole_article
from copydesk.modelfile import rounded
from copydesk.models import (
    ArticleReport,
    Finding,
    FrozenDict,
    Rule,
    RunInfo,
    RunSummary,
    ScorerResult,
    Severity,
    SourceRef,
)
from copydesk.rollup import SourceSummary
from copydesk.rules import RESERVED_PREFIX

#: The JSON schema's version (its history is beside its definition in :mod:`copydesk.formats`).
SCHEMA_VERSION = _SCHEMA_VERSION


def whole_record(finding: Finding, source: SourceRef | None) -> bool:
    """Whether ``finding`` is about a record as a whole (a core diagnostic without a span, on a record)."""
    return source is not None and source.record is not None and whole_article(finding)


def dumps(value: Any, what: str, **layout: Any) -> str:
    """``value`` as JSON text (``ensure_ascii=False``), never holding NaN or Infinity, which JSON has not.

    The runner rejects a plugin's non-finite numbers and non-JSON data at the boundary
    (:mod:`copydesk.containment`), so a failure here is copydesk's own bug: a ValueError
    naming the ``what`` report (an internal error, exit 3), never a report that is not JSON.

    :param layout: ``indent``, ``separators`` as for :func:`json.dumps`.
    """
    key = tuple(layout.items())
    encoder = _ENCODERS.get(key)
    if encoder is None:  # json.dumps makes an encoder at every call: one per layout, kept
        encoder = _ENCODERS[key] = json.JSONEncoder(ensure_ascii=False, allow_nan=False, **layout)
    try:
        return encoder.encode(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"the {what} report would not be JSON ({exc}): a value got past the plugin boundary") from exc


#: :func:`dumps`'s encoders, by layout (the keyword arguments as given).
_ENCODERS: dict[tuple[tuple[str, Any], ...], json.JSONEncoder] = {}


def _round(value: float | None, places: int = 4) -> float | None:
    """Round for stable output; None stays None.

    A whole number (0.0, 1.0: many features, most sub-scores and weights) is its own rounding,
    told by ``float.is_integer`` at a fraction of ``round``'s cost (a correctly rounded
    decimal conversion there and back).
    """
    if value is None:
        return None
    value = float(value)
    return value if value.is_integer() else round(value, places)


def location(finding: Finding, source: SourceRef | None) -> dict[str, Any]:
    """Where a finding is in the caller's copy of the input (file positions, or field positions in a record)."""
    if source is not None and whole_record(finding, source):
        line = None if source.format == "parquet" else source.record
        column = None if line is None else 1
        return {
            "path": source.path,
            "record": source.record,
            "field": None,
            "start": None,
            "end": None,
            "line": line,
            "column": column,
            "end_line": line,
            "end_column": column,
        }
    placed = in_file(finding, source)
    return {
        "path": source.path if source else None,
        "record": source.record if source else None,
        "field": finding.field,
        "start": placed.start,
        "end": placed.end,
        "line": placed.line,
        "column": placed.column,
        "end_line": placed.end_line,
        "end_column": placed.end_column,
    }


def finding_dict(finding: Finding, source: SourceRef | None) -> dict[str, Any]:
    """One finding as a dictionary."""
    return {
        "code": finding.code,
        "name": finding.name,
        "plugin": finding.plugin,
        "prefix": finding.prefix,
        "severity": finding.severity.value,
        "message": finding.message,
        "excerpt": finding.excerpt,
        "matched": finding.matched,
        "location": location(finding, source),
        "data": {k: finding.data[k] for k in sorted(finding.data)},
    }


_FLOAT = frozenset((float,))


def _rounded(values: Mapping[str, float], places: int) -> dict[str, float | None]:
    """``values`` sorted by name, each :func:`_round`-ed (floats, the usual values, rounded without a call each)."""
    items = sorted(values.items())
    if _FLOAT.issuperset(map(type, values.values())):
        return {k: v if v.is_integer() else round(v, places) for k, v in items}
    return {k: _round(v, places) for k, v in items}


def scorer_dict(result: ScorerResult, timings: bool = False) -> dict[str, Any]:
    """One scorer's part of an article's report."""
    out: dict[str, Any] = {
        "prefix": result.prefix,
        "name": result.name,
        "plugin": result.plugin,
        "subscore": _round(result.subscore),
        "weight": _round(result.weight),
        "contribution": _round(result.contribution, 2),
        "findings": len(result.findings),
        "metrics": _rounded(result.metrics, 4),
        "features": _rounded(result.features, 6),
        "error": result.error,
    }
    if timings:
        out["seconds"] = _round(result.seconds, 6)
    return out


def source_dict(source: SourceRef | None) -> dict[str, Any] | None:
    """Where the article came from."""
    if source is None:
        return None
    return {
        "path": source.path,
        "format": source.format,
        "record": source.record,
        "encoding": source.encoding,
        "encoding_detected": source.encoding_detected,
    }


def article_dict(report: ArticleReport, timings: bool = False) -> dict[str, Any]:
    """One article's report as a dictionary (one JSONL line, one JSON array item).

    With a baseline, each finding also says whether it is ``new`` or ``unchanged``.
    """
    findings = [finding_dict(f, report.source) for f in report.findings]
    for item, state in zip(findings, report.baseline_state, strict=False):
        item["baseline"] = state
    return {
        **article_head(report, timings),
        "findings": findings,
        "diagnostics": [finding_dict(f, report.source) for f in report.diagnostics],
    }


def article_head(report: ArticleReport, timings: bool = False) -> dict[str, Any]:
    """:func:`article_dict` without its last two keys, ``findings`` and ``diagnostics``."""
    return {**_bare_head(report), "scorers": [scorer_dict(s, timings) for s in report.scorers]}


def _bare_head(report: ArticleReport) -> dict[str, Any]:
    """:func:`article_head` but its last key, ``scorers``."""
    return {
        "id": report.id,
        "title": report.title,
        "source": source_dict(report.source),
        "source_name": report.source_name,
        "score": _round(report.score, 2),
        "grade": report.grade,
        "verdict": report.verdict,
        "words": report.words,
        "truncated": report.truncated,
        "floored": report.floored,
        **({"omitted_findings": dict(report.omitted)} if report.omitted else {}),
    }


def article_json(
    report: ArticleReport,
    what: str,
    *,
    spaced: bool,
    timings: bool = False,
    first: Any = None,
    end: str = "",
    shift: str = "",
) -> str:
    """The JSON text of ``{**first, **article_dict(report, timings)}``, made safe (:func:`copydesk.safety.json_text`).

    Exactly the bytes :func:`dumps` and ``json_text`` give of the dictionary, with
    ``indent=2`` when ``spaced``, else ``separators=(",", ":")``; but each finding is
    written from a template of its :func:`finding_dict` (:class:`_FindingText`), not
    built as dictionaries and encoded: findings are most of a report. The text is made
    of its pieces in one join and made safe once (an article's line is tens of kilobytes:
    each copy of it costs about as much as encoding its excerpts).

    :param first: keys to put before the report's (the JSONL line's ``schema_version``).
    :param end: ASCII text to put after it in the same string (the JSONL writer's line break).
    :param shift: spaces put after every line break of the indented layout (an article of the
        JSON document is indented one level deeper), as replacing each line break with a
        line break and ``shift`` would, made so at once.
    """
    head = None if timings else _head(report, first, what, spaced)
    if head is None:
        head = dumps({**(first or {}), **article_head(report, timings)}, what, **_LAYOUTS[spaced])
    texts = _finding_texts(spaced, shift)
    findings = texts.pieces(report.findings, report.source, report.baseline_state, what)
    diagnostics = texts.pieces(report.diagnostics, report.source, (), what)
    if spaced:  # the head ends "\n}"; the lists are the last keys, at the first level of indentation
        head = head.replace("\n", "\n" + shift) if shift else head
        parts = [head[: -2 - len(shift)], f',\n{shift}  "findings": ', *findings]
        parts += [f',\n{shift}  "diagnostics": ', *diagnostics, f"\n{shift}}}", end]
    else:
        parts = [head[:-1], ',"findings":', *findings, ',"diagnostics":', *diagnostics, "}", end]
    # json_text replaces characters one for one, so the whole is made safe as its pieces would be
    return safety.joined_json_text(parts)


def jsonl_line(report: ArticleReport, end: str = "") -> str:
    """The report's line of ``-f jsonl``, followed by ``end`` (``bag.map(jsonl_line).to_textfiles(...)`` adds the newlines)."""
    return article_json(report, "jsonl", spaced=False, first={"schema_version": SCHEMA_VERSION}, end=end)


def _head(report: ArticleReport, first: Any, what: str, spaced: bool) -> str | None:
    """The text of ``{**first, **article_head(report)}`` with its scorers written by :func:`_scorer_text`; None if one cannot be.

    The rest of the head (a few short values) goes through :func:`dumps`, with ``scorers``
    an empty list whose ``[]`` (last in the text but the closing brace) the scorers' texts then fill.
    """
    layout = _HEAD_LAYOUTS[spaced]
    scorers = [_scorer_text(s, layout) for s in report.scorers]
    if None in scorers:
        return None
    head = dumps({**(first or {}), **_bare_head(report), "scorers": []}, what, **_LAYOUTS[spaced])
    listed = layout.opening + layout.between.join(scorers) + layout.closing if scorers else "[]"  # type: ignore[arg-type]
    return head[: -2 - len(layout.end)] + listed + layout.end


class _HeadLayout(NamedTuple):
    """The punctuation of a report head's scorers in one layout (compact, or ``indent=2``), as ``json`` writes it."""

    #: What opens the scorers' list, separates two scorers' texts, and closes the list.
    opening: str
    between: str
    closing: str
    #: What closes the head after the list.
    end: str
    #: What follows a key (its colon), separates a scorer's items, opens its metrics' or features' items and separates them.
    colon: str
    item: str
    inner: str
    inner_between: str
    #: What closes a scorer's metrics or features (when not empty); what opens and closes a scorer.
    inner_end: str
    scorer_start: str
    scorer_end: str


_HEAD_LAYOUTS = {
    False: _HeadLayout("[", ",", "]", "}", ":", ",", "", ",", "", "{", "}"),
    True: _HeadLayout(
        "[\n    ",
        ",\n    ",
        "\n  ]",
        "\n}",
        ": ",
        ",\n      ",
        "\n        ",
        ",\n        ",
        "\n      ",
        "{\n      ",
        "\n    }",
    ),
}


def _scorer_text(result: ScorerResult, layout: _HeadLayout) -> str | None:
    """The JSON text :func:`dumps` gives of :func:`scorer_dict` (no timings) in a head, or None when a value is not of the usual types.

    The usual types: exact strings (the error may be None), float sub-score (or None),
    weight and contribution, metrics and features dictionaries of floats keyed by strings.
    Each number is written by :func:`_numbers`: what ``json`` writes of it after :func:`_round`.
    The text around the numbers and the error (names, keys, punctuation) is the scorer's
    template (:func:`_scorer_template`), made once per scorer, layout and set of names.
    """
    prefix, name, plugin, error, subscore = result.prefix, result.name, result.plugin, result.error, result.subscore
    if (type(prefix), type(name), type(plugin)) != _THREE_STR or type(error) not in _TEXT_OR_NONE:
        return None
    metrics, features = result.metrics, result.features
    key = (layout, prefix, name, plugin, subscore is None, tuple(metrics), tuple(features))
    made = _SCORER_TEMPLATES.get(key)
    if made is None:
        if not (_STR.issuperset(map(type, metrics)) and _STR.issuperset(map(type, features))):
            return None
        made = _scorer_template(key)
    template, metric_keys, feature_keys = made
    heads = [result.weight] if subscore is None else [subscore, result.weight]
    scores = _numbers(
        [*heads, *(metrics.values() if metric_keys is None else map(metrics.__getitem__, metric_keys))], "%.4f", 4
    )
    values = _numbers(
        list(features.values() if feature_keys is None else map(features.__getitem__, feature_keys)), "%.6f", 6
    )
    contribution = _numbers([result.contribution], "%.2f", 2)
    if scores is None or values is None or contribution is None:
        return None
    texts = (*scores[: len(heads)], contribution[0], len(result.findings), *scores[len(heads) :], *values)
    return template % (*texts, "null" if error is None else encode_basestring(error))


def _scorer_template(key: tuple[Any, ...]) -> tuple[str, tuple[str, ...] | None, tuple[str, ...] | None]:
    """A scorer's text as :func:`_scorer_text` writes it, every number and the error a ``%``-slot; kept under ``key``.

    With the template, the order of the metrics' and features' names in it (sorted, as
    ``json`` writes them), each None when the results give them in that order already.
    """
    layout, prefix, name, plugin, no_subscore, metric_names, feature_names = key
    colon, item = layout.colon, layout.item
    metric_keys, feature_keys = sorted(metric_names), sorted(feature_names)
    texts = [encode_basestring(text).replace("%", "%%") for text in (prefix, name, plugin)]
    template = "".join(
        (
            layout.scorer_start,
            f'"prefix"{colon}{texts[0]}{item}"name"{colon}{texts[1]}{item}"plugin"{colon}{texts[2]}{item}',
            f'"subscore"{colon}{"null" if no_subscore else "%s"}{item}"weight"{colon}%s{item}',
            f'"contribution"{colon}%s{item}"findings"{colon}%d{item}"metrics"{colon}',
            _items(metric_keys, ["%s"] * len(metric_keys), layout),
            f'{item}"features"{colon}',
            _items(feature_keys, ["%s"] * len(feature_keys), layout),
            f'{item}"error"{colon}%s',
            layout.scorer_end,
        )
    )
    if len(_SCORER_TEMPLATES) >= _RULES_KEPT:
        _SCORER_TEMPLATES.clear()
    made = _SCORER_TEMPLATES[key] = (
        template,
        None if metric_keys == list(metric_names) else tuple(metric_keys),
        None if feature_keys == list(feature_names) else tuple(feature_keys),
    )
    return made


#: :func:`_scorer_template`'s templates by layout, scorer and names.
_SCORER_TEMPLATES: dict[tuple[Any, ...], tuple[str, tuple[str, ...] | None, tuple[str, ...] | None]] = {}


_THREE_STR = (str, str, str)
_TEXT_OR_NONE = frozenset((str, type(None)))


def _items(names: list[str], values: list[str], layout: _HeadLayout) -> str:
    """A dictionary of ``names`` and their values' texts in ``layout``, as ``json`` writes it (``{}`` when empty).

    For a ``%``-template: each name's ``%`` is doubled (the values are the template's slots).
    """
    if not names:
        return "{}"
    keys = [encode_basestring(name).replace("%", "%%") + layout.colon for name in names]
    return "".join(
        ("{", layout.inner, layout.inner_between.join(map(str.__add__, keys, values)), layout.inner_end, "}")
    )


_STR = frozenset((str,))


def _numbers(values: list[Any], form: str, places: int) -> list[str] | None:
    """The JSON text of each value :func:`_round`-ed to ``places`` (``form``: ``"%.{places}f"``); None if one is not a finite float.

    A whole number is its own rounding (:func:`_round`), written as ``float.__repr__``
    writes it (as ``json`` does). Another of magnitude in [1e-4, 1e9) is the correctly
    rounded decimal ``form`` gives with its trailing zeros cut: the text ``repr`` gives of
    ``round(value, places)``, the double nearest that decimal of at most 15 significant
    digits, which is that decimal's shortest form (no other decimal of 15 digits or fewer
    is nearest the same double), never in exponent form in that range. The rest are rounded.
    """
    out: list[str] = []
    add = out.append
    for value in values:
        if type(value) is not float:
            return None
        if value.is_integer():
            add(float.__repr__(value))
        elif 1e-4 <= (value if value > 0.0 else -value) < 1e9:
            text = (form % value).rstrip("0")
            add(text + "0" if text[-1] == "." else text)
        elif math.isfinite(value):
            add(float.__repr__(round(value, places)))
        else:
            return None
    return out


#: :func:`dumps` layouts by ``spaced``: compact (a JSONL line), or indented (the JSON document).
_LAYOUTS: dict[bool, dict[str, Any]] = {False: {"separators": (",", ":")}, True: {"indent": 2}}
#: How deep a finding stands in an article's text (article 0, its ``findings`` 1, a finding 2), as spaces.
_ITEM = " " * 4
_SLOT = "@@{}@@"
_TEXT_SLOTS = ("code", "name", "plugin", "prefix", "severity", "message", "excerpt", "matched", "field")
_POSITION_SLOTS = ("start", "end", "line", "column", "end_line", "end_column")
_INTS = (int,) * len(_POSITION_SLOTS)
_STRS = (str,) * (len(_TEXT_SLOTS) - 1)  # all but the matched text
_FIELDS_OF = attrgetter(
    "code", "name", "plugin", "prefix", "severity", "message", "excerpt", "matched", "field", "data"
)
_POSITIONS_OF = attrgetter(*_POSITION_SLOTS)
#: A finding's baseline state when the report has none for it.
_UNMARKED = object()
#: A finding's texts but its severity, as :meth:`_FindingText.batch` reads them.
_BARE_SLOTS = ("code", "name", "plugin", "prefix", "message", "excerpt", "matched", "field")
_BARE_OF = attrgetter(*_BARE_SLOTS)
_SEVERITY_OF = attrgetter("severity")
_PREFIX_OF = attrgetter("prefix")
_DATA_OF = attrgetter("data")
#: The slots a finding of one rule shares with the others of that rule in a report, and their getter.
_RULE_SLOTS = ("code", "name", "plugin", "prefix", "severity", "field")
_RULE_OF = attrgetter(*_RULE_SLOTS)
#: How many rules' templates :meth:`_FindingText.batch` keeps (a plugin may make up names).
_RULES_KEPT = 1024
#: Each severity's JSON text.
_SEVERITY_TEXTS = {severity: encode_basestring(severity.value) for severity in Severity}


class _Sample:
    """A stand-in finding whose every field is its slot's name (its severity's ``value`` too)."""

    def __init__(self) -> None:
        for name in (*_TEXT_SLOTS, *_POSITION_SLOTS):
            setattr(self, name, _SLOT.format(name))
        self.value = _SLOT.format("severity")
        self.severity = self
        self.data: dict[str, Any] = {}


class _FindingText:
    """Findings as the JSON text :func:`dumps` gives of their :func:`finding_dict` in one layout, without the dictionaries.

    The text around the values comes from ``json.dumps`` itself, of the dictionary of a
    stand-in finding whose values are slot names; each slot is then filled with its
    value's JSON (strings by ``json``'s own ``encode_basestring``). A finding with a value
    of an unusual type (a ``str`` or ``int`` subclass, data nested or not a dict) is
    written through its dictionary instead, so the text is the same whatever it holds.
    """

    def __init__(self, spaced: bool, shift: str = "") -> None:
        self.spaced = spaced
        #: What follows each line break of the indented layout: the spaces :func:`article_json`'s ``shift`` adds, a finding's indentation.
        self.indent = shift + _ITEM
        sample: dict[str, Any] = finding_dict(_Sample(), None)  # type: ignore[arg-type]
        sample["location"].update(path=_SLOT.format("path"), record=_SLOT.format("record"))
        sample["data"] = _SLOT.format("data")
        self.plain = self._template(sample)
        self.marked = self._template({**sample, "baseline": _SLOT.format("baseline")})
        #: :attr:`plain` with only a rule's slots to fill (:data:`_RULE_SLOTS`), the others left for a second ``%``.
        self.rule_template = self._template(sample, frozenset(_RULE_SLOTS))
        #: Per rule's slot values (:data:`_RULE_SLOTS`), :attr:`rule_template` filled with them: its findings' template.
        self.rules: dict[tuple[Any, ...], str] = {}
        #: What separates two findings' texts in the list, and what opens and closes the list.
        self.between, self.opening, self.closing = (
            (f",\n{self.indent}", f"[\n{self.indent}", f"\n{shift}  ]") if spaced else (",", "[", "]")
        )
        #: How a data value's key is followed, and data items are separated, in this layout.
        self.colon, self.comma = (": ", ",\n" + self.indent + "    ") if spaced else (":", ",")

    def _template(self, sample: dict[str, Any], first: frozenset[str] = frozenset()) -> str:
        """``%``-template of ``sample``'s text: each slot a ``%s``, each position a ``%d``.

        With ``first``, the slots named there are ``%s`` and the others escaped: a template
        whose ``%`` with those slots' values (each ``%`` doubled) gives one for the rest.
        """
        later = "%%" if first else "%"
        text = json.dumps(sample, ensure_ascii=False, **_LAYOUTS[self.spaced]).replace("%", later + later)
        if self.spaced:
            text = text.replace("\n", "\n" + self.indent)
        for name in _POSITION_SLOTS:
            text = text.replace(f'"{_SLOT.format(name)}"', later + "d")
        for name in (*_TEXT_SLOTS, "path", "record", "data", "baseline"):
            text = text.replace(f'"{_SLOT.format(name)}"', "%s" if name in first else later + "s")
        return text

    def pieces(
        self, findings: Sequence[Finding], source: SourceRef | None, states: Sequence[str], what: str
    ) -> list[str]:
        """The JSON list of ``findings`` as pieces to join (the ``i``-th marked with ``states[i]`` when there is one).

        Not yet made safe: :func:`article_json` makes the whole text safe at once.
        """
        if not findings:
            return ["[]"]
        where = (dumps(source.path, what), dumps(source.record, what)) if source else ("null", "null")
        placed = source is not None and source.record is None  # a file: positions as in_file gives them
        # a core diagnostic on a record may be placed at the record (whole_record): those go finding by finding
        if not states and (placed or source is None or RESERVED_PREFIX not in map(_PREFIX_OF, findings)):
            listed = self.batch(findings, where, source if placed else None)
            if listed is not None:
                return listed
        marks = len(states)
        texts = [
            self._item(finding, source, states[i] if i < marks else _UNMARKED, where, what)
            for i, finding in enumerate(findings)
        ]
        return [self.opening, self.between.join(texts), self.closing]

    def _item(self, finding: Finding, source: SourceRef | None, state: Any, where: tuple[str, str], what: str) -> str:
        """One finding's text (not yet made safe), marked with ``state`` unless it is :data:`_UNMARKED`."""
        placed = source is not None and source.record is None  # a file: positions as in_file gives them
        if not placed and whole_record(finding, source):
            text = None  # placed at the record, with nulls the template does not write: through its dictionary
        else:
            text = self._fast(in_file(finding, source) if placed else finding, where, state)
        if text is None:
            item = finding_dict(finding, source)
            if state is not _UNMARKED:
                item["baseline"] = state
            text = self._indented(dumps(item, what, **_LAYOUTS[self.spaced]))
        return text

    def batch(
        self, findings: Sequence[Finding], where: tuple[str, str], source: SourceRef | None = None
    ) -> list[str] | None:
        """The JSON list of ``findings`` (none marked) as pieces to join, or None when a value is of a type the template does not write.

        The same text as :meth:`_fast` gives finding by finding, joined: the type checks
        over all the findings at once, each finding's text from its rule's template
        (:attr:`rules`: the code, name, plugin, prefix, severity and field written once
        per rule), filled with its own values, the strings escaped (each distinct excerpt
        once, a matched text that is its excerpt with it). With a file's ``source``, the positions are those
        :func:`~copydesk.formats.positions.in_file` gives (no copy of each finding made).
        """
        texts = list(chain.from_iterable(map(_BARE_OF, findings)))
        if source is None:
            positions = list(chain.from_iterable(map(_POSITIONS_OF, findings)))
        else:
            placed = [file_positions(f, source) for f in findings]
            positions = list(chain.from_iterable(p or _POSITIONS_OF(f) for p, f in zip(placed, findings, strict=True)))
        severities = list(map(_SEVERITY_OF, findings))
        if set(map(type, texts)) != {str} or set(map(type, positions)) != {int}:
            return None
        datas = list(map(self._data, map(_DATA_OF, findings)))
        if None in datas or set(map(type, severities)) != {Severity}:
            return None
        step, count = len(_BARE_SLOTS), len(findings)
        message, excerpt, matched = texts[4::step], texts[5::step], texts[6::step]
        # an excerpt is its sentence, and one sentence often holds several findings: each escaped once
        escaped = {text: encode_basestring(text) for text in set(excerpt)}
        quoted = list(map(escaped.__getitem__, excerpt))
        kept, made = self.rules.get, self._rule_text
        templates = [kept(key) or made(key) for key in map(_RULE_OF, findings)]
        values = zip(
            map(encode_basestring, message),
            quoted,
            [q if m == e else encode_basestring(m) for m, e, q in zip(matched, excerpt, quoted, strict=True)],
            repeat(where[0], count),
            repeat(where[1], count),
            *(positions[i :: len(_POSITION_SLOTS)] for i in range(len(_POSITION_SLOTS))),
            datas,
            strict=True,
        )
        pieces = [self.opening, *chain.from_iterable(zip(map(mod, templates, values), repeat(self.between)))]
        pieces[-1] = self.closing  # the last separator
        return pieces

    def _rule_text(self, key: tuple[Any, ...]) -> str:
        """The template of the findings of one rule (``key``: the values of :data:`_RULE_SLOTS`), made and kept."""
        code, name, plugin, prefix, severity, field = key
        texts = (*map(encode_basestring, (code, name, plugin, prefix)), _SEVERITY_TEXTS[severity])
        text = self.rule_template % tuple(t.replace("%", "%%") for t in (*texts, encode_basestring(field)))
        if len(self.rules) >= _RULES_KEPT:
            self.rules.clear()
        self.rules[key] = text
        return text

    def _indented(self, text: str) -> str:
        """``text`` (a finding's, or a value of its data's) placed one level deeper, when spaced."""
        return text.replace("\n", "\n" + self.indent) if self.spaced else text

    def _fast(self, finding: Finding, where: tuple[str, str], state: Any) -> str | None:
        """The finding's text from the template, or None when a value is of a type the template does not write."""
        code, name, plugin, prefix, severity, message, excerpt, matched, field, data = _FIELDS_OF(finding)
        positions = _POSITIONS_OF(finding)
        # a Severity's value read from the instance, not through the enum's property (a call per finding)
        severity = severity._value_ if type(severity) is Severity else severity.value
        strings = (code, name, plugin, prefix, severity, message, excerpt, field)
        data = self._data(data)
        if data is None or tuple(map(type, positions)) != _INTS or tuple(map(type, strings)) != _STRS:
            return None
        if type(matched) is not str:
            return None
        quoted = tuple(map(encode_basestring, strings))
        # the matched text is often the excerpt itself (a whole line or sentence flagged)
        values = (*quoted[:7], quoted[6] if matched == excerpt else encode_basestring(matched), *where, quoted[7])
        if state is _UNMARKED:
            return self.plain % (*values, *positions, data)
        if type(state) is not str:
            return None
        return self.marked % (*values, *positions, data, encode_basestring(state))

    def _data(self, data: Any) -> str | None:
        """A finding's data as its text in the template, or None unless it is a dict of strings, ints, floats, bools and None."""
        if type(data) is not FrozenDict and type(data) is not dict:
            return None
        if not data:
            return "{}"
        parts = []
        for key in sorted(data) if len(data) > 1 else data:
            value = data[key]
            kind = type(value)
            if type(key) is not str:
                return None
            if kind is str:
                text = encode_basestring(value)
            elif kind is int:
                text = int.__repr__(value)
            elif kind is float and math.isfinite(value):
                text = float.__repr__(value)
            elif value is None or kind is bool:
                text = "null" if value is None else "true" if value else "false"
            else:
                return None
            parts.append(encode_basestring(key) + self.colon + text)
        if self.spaced:
            return "{\n" + self.indent + "    " + self.comma.join(parts) + "\n" + self.indent + "  }"
        return "{" + self.comma.join(parts) + "}"


_FINDING_TEXTS = {(False, ""): _FindingText(False), (True, ""): _FindingText(True)}


def _finding_texts(spaced: bool, shift: str) -> _FindingText:
    """The findings' writer of a layout (``shift``: see :func:`article_json`), made on first use."""
    texts = _FINDING_TEXTS.get((spaced, shift))
    if texts is None:
        texts = _FINDING_TEXTS[spaced, shift] = _FindingText(spaced, shift if spaced else "")
    return texts


def rule_dict(rule: Rule, plugin: str, prefix: str) -> dict[str, Any]:
    """One rule as ``copydesk rules --format json`` lists it."""
    return {
        "code": rule.code,
        "name": rule.name,
        "plugin": plugin,
        "prefix": prefix,
        "severity": rule.severity.value,
        "opt_in": rule.opt_in,
        "message": rule.message,
        "doc": rule.doc,
    }


def run_dict(info: RunInfo) -> dict[str, Any]:
    """The run's header: version, inputs, plugins, and the model with what a grade means under it."""
    return {
        "version": info.version,
        "paths": list(info.paths),
        "plugins": [{"name": n, "version": v} for n, v in info.plugins],
        "model": {
            "file": info.model,
            "reference": [
                {
                    "name": g.name,
                    "label": g.label,
                    "articles": g.articles,
                    "grades": {band: rounded(share) for band, share in g.grades.items()},
                }
                for g in info.reference
            ],
        },
    }


def source_summary_dict(summary: SourceSummary) -> dict[str, Any]:
    """One source's summary: counts, mean score with its 95 % interval, share failing, top rules."""
    return {
        "source": summary.source,
        "articles": summary.articles,
        "scored": summary.scored,
        "mean_score": _round(summary.mean, 2),
        "low": _round(summary.low, 2),
        "high": _round(summary.high, 2),
        "failing": summary.failing,
        "share_failing": _round(summary.share_failing),
        "top_rules": [{"code": code, "findings": n} for code, n in summary.top_rules],
    }


def summary_dict(summary: RunSummary) -> dict[str, Any]:
    """The batch totals."""
    return {
        "articles": summary.articles,
        "scored": summary.scored,
        "unreadable": summary.unreadable,
        "mean_score": _round(summary.mean_score, 2),
        "failing": list(summary.failing),
        "gate": {k: summary.gate[k] for k in sorted(summary.gate)},
        "plugin_errors": list(summary.plugin_errors),
        "input_errors": list(summary.input_errors),
        "exit_code": summary.exit_code,
    }
