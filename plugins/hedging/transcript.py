"""Interview transcripts: the turns after a speaker label ("Q:", "A:", "TAPPER:", "Morton:") are speech.

A transcript prints each turn of an interview after its speaker's label and no quotation
marks, so "A: I think he may run" is the interviewee's voice, as a quotation is. A text
reads as a transcript when at least two labels each open two turns or more and at least
two turns are questions (end with "?"): the exchange of an interviewer and a guest. A
caption or a note ("Photo: ...", "Update: ...") asks nothing, and its label is page
furniture (:data:`NOT_SPEAKERS`), so a page of captions is not read as one, even one whose
captions ask. A turn runs from its label to the next label or its line's end; its
words are quoted, like those of a quotation (``cues.quote_spans``).
"""

from __future__ import annotations

import re
from collections import Counter

#: A speaker label at a line's start or after a sentence's end (or a semicolon: "Some
#: highlights; AP: Why ..."): "Q" or "A", one to three words in capitals ("JAKE TAPPER"),
#: or one or two capitalised words ("Morton"), then a colon and a space. Each part is a
#: bounded run of one character class, and the lookbehind is one character: linear.
_LABEL = re.compile(
    r"(?m)(?:^[ \t]*|(?<=[.?!;…\"”’)\]])[ \t]+)"
    r"(Q|A|[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,2}|[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?):[ \t]"
)
#: What follows a label's colon, and how many spaces a label holds at most ("JAKE P. TAPPER").
_AFTER_COLON = frozenset({" ", "\t"})
_LABEL_SPACES = 2
#: Labels of page furniture, not speakers ("Photo: ...?", "Update: ..."), compared in capitals.
NOT_SPEAKERS = frozenset(
    {
        *"PHOTO PHOTOS PICTURE PICTURED IMAGE CAPTION CREDIT VIDEO VIDEOS WATCH LISTEN READ MORE RELATED".split(),
        *"UPDATE UPDATED NOTE CORRECTION SOURCE SOURCES BREAKING EXCLUSIVE WARNING TRANSCRIPT".split(),
        *("EDITOR'S NOTE", "EDITOR’S NOTE", "SEE ALSO", "READ MORE", "SEE MORE"),
    }
)
#: How many turns a label opens, at least, for it to be a speaker's, and how many speakers.
_TURNS = 2
_SPEAKERS = 2
#: How many turns are questions, at least, in a transcript.
_QUESTIONS = 2


def label_matches(text: str) -> list[tuple[int, int, str]]:
    """Each match of :data:`_LABEL` in ``text``: its label's start, its end and the label, as ``finditer`` finds them.

    The pattern opens with no literal, so ``finditer`` tries it at every character of the
    text. A match ends with a colon and a space or tab, and its label holds no colon and at
    most two spaces, so each such colon is searched for only from the third space before it
    (and the run of spaces and tabs that space is in), no earlier than the previous colon
    (the end of a match is the space after one): ``finditer`` would find no match that starts
    earlier and ends there (a test compares the two).
    """
    found: list[tuple[int, int, str]] = []
    search, find, rfind = _LABEL.search, text.find, text.rfind
    floor = 0  # the character after the previous colon: no match runs across one
    colon = find(":")
    while colon >= 0:
        if text[colon + 1 : colon + 2] in _AFTER_COLON:
            start = colon
            for _ in range(_LABEL_SPACES + 1):  # the space before the label's first word, or earlier
                start = rfind(" ", floor, start)
                if start < 0:
                    start = floor
                    break
            while start > floor and text[start - 1] in " \t":
                start -= 1
            if (match := search(text, start, colon + 2)) is not None:
                found.append((match.start(1), match.end(), match[1]))
        floor = colon + 1
        colon = find(":", floor)
    return found


def transcript_spans(text: str) -> list[tuple[int, int]]:
    """The spans of a transcript's turns, each from after its label to the next label or its line's end.

    Empty when the text is no transcript (see the module's docstring). A label in
    capitals that opens a single turn ("TRUMP:" for a clip played in the interview) still
    opens one once the text is a transcript; a capitalised word that opens one only does not.
    """
    if text.count(": ") < _TURNS * _SPEAKERS:
        return []
    labels = [(start, after, label) for start, after, label in label_matches(text) if label.upper() not in NOT_SPEAKERS]
    counts = Counter(label for _, _, label in labels)
    if sum(count >= _TURNS for count in counts.values()) < _SPEAKERS:
        return []
    opening = [(start, after) for start, after, label in labels if counts[label] >= _TURNS or label.isupper()]
    spans: list[tuple[int, int]] = []
    line_end = -1
    for index, (_, after) in enumerate(opening):
        if after > line_end:  # found once per line, so a long line of many turns is searched once
            line_end = text.find("\n", after)
            line_end = len(text) if line_end < 0 else line_end
        end = line_end
        if index + 1 < len(opening):
            end = min(end, opening[index + 1][0])
        spans.append((after, end))
    questions = sum(text[start:end].rstrip().endswith("?") for start, end in spans)
    return spans if questions >= _QUESTIONS else []
