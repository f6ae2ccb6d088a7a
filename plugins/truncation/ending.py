"""Find an article's real ending and say whether it stops mid-sentence.

The real ending is the last line that is not template furniture: lines inside the
boilerplate scorer's ``"boilerplate"`` segments, lines of the closing-furniture,
continuation and debris lists, and short closing structure (bylines, credits,
captions, headings, sign-offs) are passed over, up to ``max_tail_lines`` of them.
Trailing sentences of the last line that are furniture ("Read more") are trimmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from copydesk import Document
from copydesk.plugins.truncation.lexicon import Lexicons
from copydesk.plugins.truncation.lines import (
    CONTINUING,
    TERMINAL,
    Tail,
    ends_capitalised,
    ends_with_address,
    has_letters,
    is_all_caps,
    is_credit,
    is_item,
    is_long_credit,
    is_title_case,
    line_tail,
    line_words,
    list_marker,
    non_final_category,
    open_bracket,
    quote_left_open,
    signature_start,
    tail,
    word_count,
)
from copydesk.plugins.truncation.residue import is_footer_label, is_glued_sign_off, is_headline_case, is_residue
from copydesk.plugins.truncation.shapes import (
    elided_ellipsis,
    ends_on_emoticon,
    introduced_enumeration,
    introduces_links,
    is_copyright,
    is_heading_markup,
    is_sign_off,
    item_parts,
)

BOILERPLATE = "boilerplate"
#: The signal of an ending that only lacks terminal punctuation: weak evidence on its own (TRN006).
WEAK_SIGNAL = "no-terminal-punctuation"


@dataclass(frozen=True)
class Ending:
    """The real ending of an article's body.

    :ivar line: index of the last real line in ``document.body.lines``.
    :ivar start: where that line starts.
    :ivar end: where its real text ends (trailing furniture sentences trimmed).
    :ivar skipped: indexes of the tail lines passed over, last first.
    :ivar continuations: ``(start, end, entry)`` of continuation tails met on the way.
    """

    line: int
    start: int
    end: int
    skipped: tuple[int, ...]
    continuations: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class Verdict:
    """Why the ending looks cut, or ``signal == ""`` when it does not.

    ``signal`` is one of ``non-final-word``, ``open-quotation``,
    ``open-parenthesis``, ``continuing-punctuation``, ``no-terminal-punctuation``,
    ``unpunctuated-list-item``, ``open-quotation-after-stop``,
    ``open-parenthesis-after-stop``; ``lead_in`` is set when the text ends on a
    title-case lead-in colon and ``ellipsis`` when it ends on an ellipsis.
    """

    signal: str
    detail: str
    tail: Tail
    lead_in: bool = False
    ellipsis: bool = False


def _open_ended(text: str, end: Tail, lex: Lexicons) -> bool:
    """The line visibly continues: a colon, an open bracket, a comma, a non-final word."""
    if end.char == ":" or end.char in CONTINUING or open_bracket(text):
        return True
    return end.char.isalnum() and non_final_category(end.word, lex) is not None


def _closing_structure(text: str, lex: Lexicons, short_words: int, count: int | None = None) -> bool:
    """A tail line that legitimately ends an article without being its last sentence.

    :param count: how many words ``text`` has, if already known (:func:`line_words`); else they are counted.
    """
    end = line_tail(text)
    if not has_letters(text):
        return True
    if _open_ended(text, end, lex):
        return False
    if ends_with_address(text) or is_heading_markup(text) or is_copyright(text) or item_parts(text):
        return True
    if is_headline_case(text):
        return True
    # Only compared with short_words and twice that: the exact count gives what word_count's capped one does.
    words = word_count(text, 2 * short_words) if count is None else count
    if words > 2 * short_words or list_marker(text):
        return False
    if words > short_words:
        return is_long_credit(text, lex)
    if is_credit(text, lex):
        return True
    if is_all_caps(text):
        return True
    heading = is_title_case(text) and ends_capitalised(text) and text.count(",") < 2
    return end.char not in TERMINAL and heading


def _unpunctuated_short(text: str, lex: Lexicons, most_words: int) -> bool:
    """A line that may be a linked headline or a list entry: short, unpunctuated, not cut."""
    end = line_tail(text)
    return (
        end.char not in TERMINAL
        and not _open_ended(text, end, lex)
        and not list_marker(text)
        and 1 <= word_count(text, most_words) <= most_words
        and not is_credit(text, lex)
    )


def _headline_run(document: Document, index: int, lex: Lexicons, short_words: int) -> int:
    """How many lines up from ``index`` form a run of short unpunctuated lines, or 0.

    A run is linked headlines (two or more lines of at least four words) or an unmarked
    list (three or more lines, or two after a line ending on a colon). The last line of
    the run may have ``short_words`` and a third words, the others twice ``short_words``:
    a long last line without punctuation is more likely a cut paragraph.
    """
    body = document.body
    count = 0
    headlines = True
    while index - count >= 0 and count < 20:
        line = body.lines[index - count]
        text = body.text[line.start : line.end]
        most = 2 * short_words if count else short_words + short_words // 3
        if not _unpunctuated_short(text, lex, most) or introduces_links(text, lex):
            break
        headlines = headlines and word_count(text) >= 4
        count += 1
    if not count:  # (the line above is read only for a run)
        return 0
    above = index - count
    heading = line_text(document, above) if above >= 0 else ""
    if introduces_links(heading, lex) or is_sign_off(heading, lex):
        return count
    if count >= 2 and (headlines or count >= 3):
        return count
    if headlines and _segment_headlines_below(document, index, lex, short_words):
        return count
    introduced = heading.endswith(":") or lex.furniture.match_line(heading) is not None
    return count if count >= 2 and introduced else 0


def _segment_headlines_below(document: Document, index: int, lex: Lexicons, short_words: int) -> int:
    """How many headline-like lines right below ``index`` the boilerplate scorer's segments passed over.

    A run of linked headlines or captions is one run whether or not the boilerplate
    scorer marked its last lines: those count towards it when they are short,
    unpunctuated lines of four words or more that are not furniture ("Share this").
    """
    body = document.body
    count = 0
    while index + count + 1 < len(body.lines) and count < 20:
        line = body.lines[index + count + 1]
        text = body.text[line.start : line.end]
        if not document.in_segment(BOILERPLATE, line.start) or lex.furniture.match_line(text) is not None:
            break
        if not _unpunctuated_short(text, lex, 2 * short_words) or word_count(text) < 4:
            break
        count += 1
    return count


def _furniture_list(document: Document, index: int, lex: Lexicons) -> int:
    """How many marked list items end at ``index`` under a furniture heading ("Related"), or 0."""
    count = 0
    while index - count >= 0 and count < 20 and list_marker(line_text(document, index - count)):
        count += 1
    above = index - count
    return count if count and above >= 0 and introduces_links(line_text(document, above), lex) else 0


def _trailing_sentence_is_furniture(text: str, lex: Lexicons, short_words: int) -> bool:
    """A closing sentence on the last line that is not prose: "Read more…", "— Jane Smith", "12"."""
    if lex.furniture.match_line(text) is not None or is_residue(text, lex) or is_glued_sign_off(text, lex):
        return True
    stripped = text.rstrip()
    if is_footer_label(stripped) or (
        is_headline_case(stripped) and not _open_ended(stripped, line_tail(stripped), lex)
    ):
        return True
    if stripped.endswith(("…", "...")) and word_count(stripped) <= 3 and is_title_case(stripped):
        return True
    if (
        "/" in stripped
        and word_count(stripped) <= 6
        and is_title_case(stripped)
        and tail(stripped, 0, len(stripped)).char.isalnum()
    ):
        return True
    return stripped[:1] in "—―(" and _closing_structure(stripped, lex, short_words)


def _trim_sentences(
    document: Document, index: int, lex: Lexicons, short_words: int, hits: list[tuple[int, int, str]]
) -> int:
    """Where line ``index`` really ends once trailing furniture sentences are dropped."""
    body = document.body
    line = body.lines[index]
    end = line.end
    position = body.sentence_index(line.end - 1)
    while position is not None and position >= 0:
        sentence = body.sentences[position]
        if sentence.line != index or sentence.start <= line.start:
            break
        text = body.text[sentence.start : sentence.end]
        entry = lex.continuation.match_line(text)
        if entry is not None:
            hits.append((sentence.start, sentence.end, entry))
        elif not _trailing_sentence_is_furniture(text, lex, short_words):
            break
        end = _rstrip(body.text, line.start, sentence.start)
        position -= 1
    signature = signature_start(body.text[line.start : end])
    return end if signature is None else _rstrip(body.text, line.start, line.start + signature)


def _rstrip(text: str, start: int, end: int) -> int:
    """``end`` moved back over white space, not before ``start``."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _skippable(
    document: Document, index: int, lex: Lexicons, short_words: int, hits: list[tuple[int, int, str]]
) -> bool:
    """Whether tail line ``index`` is furniture, debris, a continuation or closing structure."""
    line = document.body.lines[index]
    if document.in_segment(BOILERPLATE, line.start):
        return True
    text = document.body.text[line.start : line.end]
    entry = lex.continuation.match_line(text)
    if entry is not None:
        hits.append((line.start, line.end, entry))
        return True
    if lex.furniture.match_line(text) or lex.debris.match_line(text) or is_residue(text, lex):
        return True
    return _closing_structure(text, lex, short_words, line_words(document.body, line))


def find_ending(document: Document, lex: Lexicons, short_words: int, max_tail: int) -> Ending | None:
    """The real ending of the body, or None when there is no prose to judge."""
    lines = document.body.lines
    hits: list[tuple[int, int, str]] = []
    skipped: list[int] = []
    index = len(lines) - 1
    while index >= 0 and len(skipped) <= max_tail:
        if not _skippable(document, index, lex, short_words, hits):
            run = _headline_run(document, index, lex, short_words) or _furniture_list(document, index, lex)
            if run:
                skipped.extend(range(index, index - run, -1))
                index -= run
                continue
            end = _trim_sentences(document, index, lex, short_words, hits)
            if end > lines[index].start:
                return Ending(index, lines[index].start, end, tuple(skipped), tuple(hits))
        skipped.append(index)
        index -= 1
    return None


def line_text(document: Document, index: int) -> str:
    """The text of body line ``index``."""
    line = document.body.lines[index]
    return document.body.text[line.start : line.end]


def _siblings_punctuated(document: Document, index: int) -> bool:
    """Whether most earlier items of the list that line ``index`` ends are punctuated."""
    body = document.body
    kind = list_marker(body.text[body.lines[index].start : body.lines[index].end])
    punctuated = total = 0
    position = index - 1
    while position >= 0 and total < 50:
        line = body.lines[position]
        text = body.text[line.start : line.end]
        if list_marker(text) != kind or not is_item(text):
            break
        total += 1
        punctuated += tail(text, 0, len(text)).terminal
        position -= 1
    return total > 0 and punctuated * 2 > total


def _last_sentence(document: Document, ending: Ending) -> str:
    """The last sentence of the ending's line."""
    body = document.body
    index = body.sentence_index(ending.end - 1)
    start = ending.start if index is None else body.sentences[index].start
    return body.text[max(start, ending.start) : ending.end]


def _item_verdict(document: Document, ending: Ending, end: Tail) -> Verdict:
    """Judge an unpunctuated list item: cut only if it has several sentences and its siblings full stops."""
    body = document.body
    prose_item = body.sentence_index(ending.start) != body.sentence_index(end.stop - 1)
    if prose_item and _siblings_punctuated(document, ending.line):
        return Verdict("unpunctuated-list-item", f"without the full stop the other items have, after '{end.word}'", end)
    return Verdict("", "", end)


def _after_stop(document: Document, ending: Ending, end: Tail, open_after_stop: bool) -> Verdict:
    """An ending on terminal punctuation: an open quotation (if asked for), an ellipsis."""
    left = quote_left_open(_last_sentence(document, ending)) if open_after_stop else None
    if left is not None:
        name = "open-parenthesis" if left == "(" else "open-quotation"
        return Verdict(name + "-after-stop", f"after its full stop, with {left} left open", end)
    text = document.body.text
    quoted = end.stop < ending.end and text[end.stop] in "\"”’'»"
    dots = end.char == "…" or text.endswith("..", 0, end.stop)
    line = text[ending.start : ending.end]
    return Verdict("", "", end, ellipsis=dots and not quoted and not elided_ellipsis(line, end.word))


def judge(document: Document, ending: Ending, lex: Lexicons, open_after_stop: bool = True) -> Verdict:
    """Say whether the ending stops mid-sentence, and on which signal.

    With ``open_after_stop``, an ending on a full stop whose last sentence opens a
    quotation or parenthesis it never closes is cut too.
    """
    line = document.body.text[ending.start : ending.end]
    end = line_tail(line, ending.start)  # tail(document.body.text, ending.start, ending.end)
    if ends_on_emoticon(document.body.text, ending.start, ending.end):
        return Verdict("", "", end)
    category = non_final_category(end.word, lex) if end.char.isalnum() else None
    opened = open_bracket(line)
    if category is not None:
        return Verdict("non-final-word", f"on the {category} '{end.word}'", end)
    if opened is not None and not end.terminal:
        name = "open-parenthesis" if opened == "(" else "open-quotation"
        return Verdict(name, f"with {opened} left open", end)
    if end.char == ":":
        return Verdict("", "", end, lead_in=is_title_case(line) and word_count(line) <= 8)
    if end.char in CONTINUING:
        return Verdict("continuing-punctuation", f"on '{end.char}'", end)
    if end.terminal:
        return _after_stop(document, ending, end, open_after_stop)
    above = line_text(document, ending.line - 1) if ending.line > 0 else ""
    if ends_with_address(line) or introduced_enumeration(line, above):
        return Verdict("", "", end)
    if list_marker(line) or (is_item(line) and ending.line > 0 and is_item(line_text(document, ending.line - 1))):
        return _item_verdict(document, ending, end)
    return Verdict("no-terminal-punctuation", f"after '{end.word}'", end)
