"""Where the boilerplate lexicon may match a body: the lines a table may match, the words a phrase may start at.

Most lines and words of an article can match no phrase of the lexicon, and telling
which ones can is work over every line and word. The batch pass already has the body's
word index, so it finds them once (:func:`hints`) and hands them to the scoring pass in
the article's record; without a record to trust, the scoring pass finds them itself
with the same functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from operator import itemgetter

from copydesk import TextView
from copydesk.plugins.boilerplate.lexicon import LABEL_CHARS, MAX_MATCH_CHARS, Lexicon
from copydesk.plugins.boilerplate.words import WordIndex

#: Most tokens of a byline without a lead-in ("Chief Editor", "Admin"): longer lines need "by", "posted by", ...
BARE_BYLINE_WORDS = 4
#: The kinds of phrase looked for in sentences (a prompt to the reader, a newsletter or cookie line).
SENTENCE_KINDS = ("prompt", "sentence")


def looked_up_lines(body: TextView, words: WordIndex, lex: Lexicon) -> list[int]:
    """The indexes of the body lines a lexicon table may match (the others have at most their batch repeat).

    A line may match when its first token starts a phrase of the line or label table
    (known from the word index without tokenising; a label is read in the line's first
    :data:`LABEL_CHARS` characters when the line is longer than :data:`MAX_MATCH_CHARS`),
    or it is among the first lines and may be a byline: it opens with a lead-in's first
    word or has at most :data:`BARE_BYLINE_WORDS` tokens.
    """
    head, table, low, exceeds = words.head, words.table, words.low, words.exceeds
    line_firsts, label_firsts = lex.by_first["line"], lex.by_first["label"]
    byline_lines, lead_ins = lex.byline_first_lines, lex.lead_in_firsts
    found: list[int] = []
    for index, line in enumerate(body.lines):
        short = line.end - line.start <= MAX_MATCH_CHARS
        first: str | None
        if short and (span := table.get(line)) is not None:  # head(), read from the line's words
            first = "" if span[0] == span[1] else "#" if low[span[0]][0].isdigit() else low[span[0]]
        else:
            first = head(line.start, line.end if short else line.start + LABEL_CHARS)
        if first is None or first in label_firsts:
            found.append(index)
        elif short and (
            first in line_firsts
            or (index < byline_lines and (first in lead_ins or not exceeds(*line, BARE_BYLINE_WORDS)))
        ):
            found.append(index)
    return found


def cut_starts(words: WordIndex) -> list[int]:
    """The start of each line and sentence of the field whose edge cuts a word (its tokens need the original split)."""
    return [start for start, _ in words.cut]


def hints(body: TextView, words: WordIndex, lex: Lexicon) -> list[int]:
    """:func:`looked_up_lines`, :func:`phrase_starts` (for :data:`SENTENCE_KINDS`) and :func:`cut_starts` of a body.

    As one list of integers: the number of lines, the lines, the number of phrase starts,
    the phrase starts, then the cut starts (see :func:`unpack`).
    """
    lines = looked_up_lines(body, words, lex)
    starts = phrase_starts(lex, words.low, SENTENCE_KINDS)
    return [len(lines), *lines, len(starts), *starts, *cut_starts(words)]


def unpack(values: Sequence[int]) -> tuple[list[int], list[int], list[int]]:
    """The lines, phrase starts and cut starts of a list made by :func:`hints`."""
    lines = int(values[0])
    starts = int(values[1 + lines])
    return list(values[1 : 1 + lines]), list(values[2 + lines : 2 + lines + starts]), list(values[2 + lines + starts :])


def phrase_starts(lex: Lexicon, low: Sequence[str], kinds: tuple[str, ...]) -> list[int]:
    """Sorted word indexes of ``low`` where a phrase of one of ``kinds`` may start among a span's tokens.

    A phrase matches tokens (numbers folded to ``#``) inside one span; every word of it
    is then among the field's words, and a phrase without ``#`` is the very words from
    its first one on. So only phrases whose words all occur are looked for, and those
    without ``#`` only where they occur whole: a span holding none of the indexes
    returned holds no phrase of ``kinds``.
    """
    present = set(lex.words_of(kinds).intersection(low))  # the phrase words in ``low``
    present.add("#")
    keys = [
        key
        for kind in kinds
        for first in lex.by_first[kind].keys() & present
        for key in lex.by_first[kind][first]
        if present.issuperset(key)
    ]
    if not keys:
        return []
    firsts = {key[0] for key in keys}
    positions = set(compress(range(len(low)), map(firsts.__contains__, low)))
    if "#" in firsts:
        positions.update(compress(range(len(low)), map(str.isdigit, map(itemgetter(0), low))))
    hits = []
    for at in sorted(positions):
        first = "#" if low[at][0].isdigit() else low[at]
        for key in keys:
            if key[0] == first and ("#" in key or tuple(low[at : at + len(key)]) == key):
                hits.append(at)
                break
    return hits
