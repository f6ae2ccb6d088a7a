"""The id a record that cannot be read whole says it has, so its error line can name it.

A JSONL line that is not valid JSON, or a CSV row with the wrong number of columns, is
unreadable, and its report keeps its place (``path:line``) as its id. Its error line also
names the id the record gives, when that can be read without guessing: in JSON, the
members of the object before the point where it breaks are read as ``json`` reads them
(each value once, so a line costs time in proportion to its length); in CSV, only the
first cell is where the header says whatever went wrong later in the row, so only an id
column that comes first is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

#: JSON's white space.
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _skip(text: str, at: int) -> int:
    """The first position at or after ``at`` that is not JSON white space."""
    match = _SPACE.match(text, at)
    return at if match is None else match.end()


def _member(text: str, at: int) -> tuple[str, Any, int] | None:
    """The ``"key": value`` member of an object at ``at`` (after white space) and where it ends; None where it breaks."""
    at = _skip(text, at)
    if not text.startswith('"', at):
        return None
    try:
        key, at = _DECODER.raw_decode(text, at)  # a string: it starts with '"'
        at = _skip(text, at)
        if not text.startswith(":", at):
            return None
        value, at = _DECODER.raw_decode(text, _skip(text, at + 1))
    except (ValueError, RecursionError):  # a broken string or value, a too long integer, too deep nesting
        return None
    return key, value, at


def said_in_json(text: str, name: str) -> str | None:
    """The value of member ``name`` of the JSON object ``text`` opens, read from the members before it breaks.

    A string as it is, a number or boolean as its JSON text (as a record's id is read); None
    when the text opens no object or no member before the break is ``name`` (the last such
    member wins, as it does in ``json.loads``), or its value is null, empty, an array or an
    object, or a string holding an unpaired surrogate (which no report can write). A string
    ends at its closing quote; any other value only where a ``,`` or ``}`` follows it, so a
    line cut off inside a number does not give the number's first digits.
    """
    at = _skip(text, 0)
    if not text.startswith("{", at):
        return None
    found: str | None = None
    at += 1
    while (member := _member(text, at)) is not None:
        key, value, at = member
        at = _skip(text, at)
        ended = text.startswith((",", "}"), at)
        if key == name and (ended or isinstance(value, str)):  # a number cut short ("12" of "123") is not read
            found = shown_id(value)
        if not text.startswith(",", at):
            break
        at += 1
    return found


def shown_id(value: Any) -> str | None:
    """An id value as a record's id is read (a number or boolean as its JSON text), else None."""
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    if not isinstance(value, str) or not value:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # an unpaired surrogate
        return None
    return value


def said_in_row(row: Sequence[str], header: Sequence[str], name: str) -> str | None:
    """The id cell of a CSV row that does not fit its header: only when the id column is the first (see the module docstring)."""
    if not header or header[0] != name or not row:
        return None
    return shown_id(row[0])
