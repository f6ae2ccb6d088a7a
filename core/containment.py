"""Check what crosses the plugin boundary, so one misbehaving scorer costs only its own result.

A scorer's metrics and sub-score must be finite numbers (JSON has no NaN), its
findings' spans must lie inside the field they point at, and it must leave the shared
:class:`~copydesk.text.Document` as it found it. A scorer that breaks any of these gets
the same treatment as one that raised: its result is dropped and the article carries a
``CD001`` diagnostic saying what it did. What a scorer prints goes to standard error as
a warning naming it a scorer's (standard output belongs to the report; what any other
plugin code writes there is kept off the report by :func:`copydesk.pipes.report_only`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
from collections.abc import Callable, Iterator
from dataclasses import replace
from operator import attrgetter
from typing import Any

from copydesk import pipes
from copydesk.models import FrozenDict, ScorerResult
from copydesk.text import Document

_VIEW_FIELDS = ("field", "text", "lines", "sentences", "_line_starts", "_sentence_starts")


_NAMES: dict[type, tuple[str, ...]] = {}
_GETTERS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """The fields compared of objects of class ``cls`` (a dataclass's fields, or a view's), listed once."""
    names = _NAMES.get(cls)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else _VIEW_FIELDS
        _NAMES[cls] = names
    return names


def _field_ids(obj: Any) -> tuple[int, ...]:
    """The identities of an object's field values (``object.__setattr__`` replaces one; a deleted one counts as None)."""
    cls = type(obj)
    getter = _GETTERS.get(cls)
    if getter is None:
        names = _field_names(cls)
        getter = _GETTERS[cls] = _tuple_getter(names)
    try:
        values = getter(obj)
    except AttributeError:
        return tuple(id(getattr(obj, name, None)) for name in _field_names(cls))
    return tuple(map(id, values))


def _tuple_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """``attrgetter(*names)``, returning a tuple even of one field (``attrgetter`` of one name returns the value)."""
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        (name,) = names
        return lambda obj: (getattr(obj, name),)
    return attrgetter(*names)


def fingerprint(document: Document) -> tuple[tuple[int, ...], ...]:
    """What a scorer must not change: the document's, its article's and its two views' fields."""
    return tuple(_field_ids(p) for p in (document, document.article, document.title, document.body))


def problem(result: ScorerResult, document: Document, spans: bool = True) -> str | None:
    """Why ``result`` cannot be accepted (non-finite numbers, a span outside its text), or None.

    :param spans: check the findings' spans too.
    """
    bad = sorted(k for k, v in result.metrics.items() if not math.isfinite(v))
    if bad:
        return f"returned a non-finite metric {bad[0]!r} ({result.metrics[bad[0]]})"
    if result.subscore is not None and not math.isfinite(result.subscore):
        return f"returned a non-finite sub-score ({result.subscore})"
    for finding in result.findings if spans else ():
        view = {"title": document.title, "text": document.body, "byline": document.byline}.get(finding.field)
        size = len(view.text) if view is not None else 0
        if view is None or not 0 <= finding.start <= finding.end <= size:
            return (
                f"returned {finding.code} at {finding.field} {finding.start}-{finding.end}, "
                f"outside the {finding.field} ({size} characters)"
            )
    return None


def finite(value: float, what: str) -> float:
    """``value``, or a ValueError (the scorer's failure) when it is NaN or infinite."""
    if not math.isfinite(value):
        raise ValueError(f"returned a non-finite {what} ({value})")
    return value


def rejected(result: ScorerResult, why: str) -> ScorerResult:
    """``result`` turned into a failure: no findings, metrics or sub-score, ``why`` as its error."""
    return replace(result, subscore=None, findings=(), metrics=FrozenDict({}), error=why)


@contextlib.contextmanager
def stdout_as_warnings() -> Iterator[None]:
    """While scorers run, what they print becomes warnings on stderr, never part of the report."""
    stream = pipes.Warnings("a scorer")
    with contextlib.redirect_stdout(stream):
        try:
            yield
        finally:
            stream.flush()
