"""The core's own rules (prefix ``CD``): problems with the run, not with the article's prose.

They are reported like any finding, so a crashed scorer or an unreadable record is
never lost: it appears on the article it concerns, in every output format.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace
from itertools import islice
from typing import Any

from copydesk.models import Finding, Rule, Severity
from copydesk.text import TextView

SCORER_ERROR = Rule(
    code="CD001",
    name="scorer-error",
    message="Scorer {prefix} ({plugin}) failed on this article: {error}",
    severity=Severity.ERROR,
    doc="""\
**What it flags.** A scorer raised an exception while scoring this article, or returned
what the core rejects at the plugin boundary: a finding that is not a `Finding` (a
string, an int), a number or finding data a JSON report cannot hold (NaN, Infinity, a
set, bytes), a span outside the text, a line or column that is not where its span is,
or a change to the shared document. The other scorers
still ran; the failed one is left out of the article's score.

**Why it matters.** The score is missing that scorer's evidence, so it may be too
high. `copydesk check` exits 3 when any scorer failed, so a broken plugin is never
mistaken for a passing batch.

**Example.** `CD001 Scorer EXC (exclaim) failed on this article: ZeroDivisionError: division by zero`

**Known problems.** None: it is a bug in the plugin named, or input it cannot handle.

**Settings.** Disable the plugin with `--disable NAME` or `[run] disable`.
""",
)

UNREADABLE = Rule(
    code="CD002",
    name="unreadable-article",
    message="{problem}",
    severity=Severity.ERROR,
    doc="""\
**What it flags.** An input that could not be read as an article: an empty or binary
file, text that is not valid UTF-8 and whose encoding could not be detected (or not with
confidence: charset-normalizer recognises no language in its best guess, as on one
sentence of KOI8-R Russian, which it reads as Japanese cp932), a JSONL
line that is not JSON, a record without a text field, a CSV row with missing columns.

**Why it matters.** Nothing can be said about an article nobody can read, and silently
dropping it would hide a broken feed. The rest of the batch is still scored; the run
exits 2.

**Example.** `CD002 articles.jsonl:17: not valid JSON: expecting ',' delimiter (column 42)`.
The message names the file (and record) for standard error's line
(`copydesk: error: articles.jsonl:17: not valid JSON: ...`) and the JSON report; a line
that leads with the place itself (the text report, GitHub annotations, JUnit, SARIF,
HTML) gives it once: `articles.jsonl:17 error CD002 not valid JSON: ...`.

**Known problems.** None.

**Settings.** `[sources]` (`max_bytes`, `encoding_fallback`, `fields`).
""",
)

ENCODING_GUESSED = Rule(
    code="CD003",
    name="encoding-guessed",
    message="not valid UTF-8; decoded as {encoding} ({how})",
    severity=Severity.INFO,
    doc="""\
**What it flags.** A file, CSV row or JSONL line that was not valid UTF-8 and was
decoded as Windows-1252 (whole, or only its stray bytes), with an encoding
charset-normalizer detected, or as UTF-16 because it starts with a UTF-16 byte order
mark.

**Why it matters.** A wrong guess garbles characters, which can create or hide
findings. Check the file and convert it to UTF-8.

**Example.** `CD003 not valid UTF-8; decoded as cp1252 (detected by charset-normalizer)`. On
standard error it is the line `copydesk: warning: x.txt: not valid UTF-8; decoded as ...`,
although the diagnostic is `info` (in `copydesk rules` and the reports): `warning:` there
marks a diagnostic that leaves the exit code alone, as against an `error:`, and it does not count for `--fail-on`.

**Known problems.** Short files give charset-normalizer little to go on; mostly-ASCII text and UTF-8 with stray bytes are read as Windows-1252 before it is asked (`decoded as windows-1252`, `decoded as utf-8+cp1252`), so Central European copy in Windows-1250 shows some wrong letters.

**Settings.** `[sources] encoding_fallback = false` reports such files, rows and lines as unreadable instead.
""",
)

BATCH_ERROR = Rule(
    code="CD004",
    name="batch-pass-error",
    message="Batch pass of scorer {prefix} ({plugin}) failed: {error}",
    severity=Severity.ERROR,
    doc="""\
**What it flags.** A scorer's batch pass raised an exception. The scorer then scores
every article without batch statistics (its batch-only rules find nothing).

**Why it matters.** Findings that need the whole batch (repeated text, contradictory
figures) are missing from this run. The run exits 3.

**Example.** `CD004 Batch pass of scorer BP (boilerplate) failed: MemoryError`

**Known problems.** None.

**Settings.** Disable the plugin with `--disable NAME`.
""",
)

UNUSED_SUPPRESSION = Rule(
    code="CD005",
    name="unused-suppression",
    message="Suppression of {selector} {problem}",
    severity=Severity.INFO,
    doc="""\
**What it flags.** A `copydesk: ignore` comment or ignore field that suppressed
nothing, as ruff reports unused `noqa` comments: a selector naming a rule this run
checked that matched no finding there ("matched no finding"), a selector naming no
installed rule at all, such as a misspelt code ("matches no rule"), or one naming only
core diagnostics, which no suppression covers. A selector naming an installed rule that
is turned off (`--ignore`, `--select`) is idle, not reported.

**Why it matters.** Stale suppressions hide future findings of the same rule, and a
misspelt one never suppressed anything.

**Example.** `<!-- copydesk: ignore HDG001 -->` before a paragraph with no hedge;
`<!-- copydesk: ignore HGD001 -->` anywhere (`Suppression of HGD001 matches no rule`).

**Known problems.** When a plugin is disabled (`--disable`, `[run] disable`), its rules
are not loaded, so a selector that names no loaded rule may name one of them: no
"matches no rule" is reported in such a run.

**Settings.** None.
""",
)

FRONT_MATTER_IGNORED = Rule(
    code="CD006",
    name="front-matter-read-as-body",
    message="{problem}",
    severity=Severity.INFO,
    doc="""\
**What it flags.** A text or Markdown file that opens with a `---` line whose block
could not be read as front matter: a line in it is not `key: value` (nor a blank line, a
`# comment`, a `- list item` or an indented line under a key), or no `---` (or `...`)
line closes it; and Hugo's TOML front matter between `+++` lines, which is not read. The
block is then read as the article's title and body.

**Why it matters.** The title becomes `---`, the `key: value` lines are scored as body
text (and collect findings), and the `url`, `author` and `title` in the block are lost:
the article's byline is missing and it rolls up under its folder, not its site.

**Example.** `CD006 front matter line 4 ('Council approves budget') is not 'key: value'; the block is read as body text`.
On standard error it is the line `copydesk: warning: x.md: front matter line 4 ...`, although
the diagnostic is `info` (in `copydesk rules` and the reports), as CD003's is: `warning:`
there marks a diagnostic that leaves the exit code alone, as against an `error:`, and it does not count for `--fail-on`.

**Known problems.** Front matter is read as a subset of YAML: nested mappings are
skipped, and a list's items are joined with `, `; a list on one line is read as a list for
`author` and `byline` only (`tags: [a, b]` stays as written).

**Settings.** None: fix the block, or drop its opening `---` when it was meant as a rule.
""",
)

NON_LATIN_TEXT = Rule(
    code="CD007",
    name="non-latin-script",
    message="{share}% of the body's letters are {script}, not Latin: the scorers read English only",
    severity=Severity.INFO,
    doc="""\
**What it flags.** An article whose body has at least 20 letters, more than half of them
in a script other than Latin (Cyrillic, Greek, Arabic, Hebrew, CJK, ...); the message names
the commonest.

**Why it matters.** Every built-in scorer reads English: its word lists, hedges, verbs
of saying and sentence rules find next to nothing in Russian or Japanese, so such an
article scores well for want of evidence, not on its merits. The score is still given;
this note says what it is worth.

**Example.** `CD007 100% of the body's letters are Cyrillic, not Latin: the scorers read
English only`. On standard error it is the line `copydesk: warning: ru.txt: 100% of ...`,
although the diagnostic is `info` (in `copydesk rules` and the reports), as CD003's is:
`warning:` there marks a diagnostic that leaves the exit code alone, as against an
`error:`, and it does not count for `--fail-on`.

**Known problems.** Latin-script languages other than English (French, German, ...)
get no note, though the scorers read them no better.

**Settings.** `[run] non_latin_note = false` leaves the note and its warning line out,
for a batch known not to be in English. It is a key of its own because CD rules cannot
be deselected (`--ignore CD007` is an error that names it): the others say a scorer
failed or an input could not be read, which no run should hide.
""",
)

#: Least letters in a body before its script is judged (a title-only note, a number table: no note).
SCRIPT_MIN_LETTERS = 20
#: Non-Latin letters read to name the commonest script (enough to name it, bounded on a long text).
SCRIPT_SAMPLE = 2000
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_BYTES = bytes(range(128))
_LETTER = re.compile(r"[^\W\d_]")
#: A letter outside the Latin blocks (Latin-1, Extended-A/B, IPA, Extended Additional/C/D/E, fullwidth).
_NON_LATIN = re.compile(
    r"(?![\u00aa\u00ba\u00c0-\u02af\u1d00-\u1dbf\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f"
    r"\uff21-\uff3a\uff41-\uff5a])[^\W\d_]"
)


#: Unicode name prefixes that are not the script's usual name.
_SCRIPTS = {
    "CJK": "CJK (Chinese/Japanese) characters",
    "HIRAGANA": "Japanese kana",
    "KATAKANA": "Japanese kana",
    "HANGUL": "Korean Hangul",
}


def non_latin(text: str) -> Finding | None:
    """CD007 when more than half of ``text``'s letters (at least :data:`SCRIPT_MIN_LETTERS`) are not Latin script."""
    if text.isascii():
        return None
    # the non-ASCII characters, in order: a UTF-8 sequence of one never holds an ASCII byte
    wide = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    others = _NON_LATIN.subn("", wide)[1]
    if not others:  # English with curly quotes and dashes: no letter to count (52 passes saved)
        return None
    letters = _LETTER.subn("", wide)[1] + sum(map(text.count, _ASCII_LETTERS))
    if letters < SCRIPT_MIN_LETTERS or 2 * others <= letters:
        return None
    sample = (unicodedata.name(m.group(), "?").split()[0] for m in islice(_NON_LATIN.finditer(wide), SCRIPT_SAMPLE))
    script = Counter(sample).most_common(1)[0][0]
    return diagnostic(NON_LATIN_TEXT, share=round(100 * others / letters), script=_SCRIPTS.get(script, script.title()))


CORE_RULES = (
    SCORER_ERROR,
    UNREADABLE,
    ENCODING_GUESSED,
    BATCH_ERROR,
    UNUSED_SUPPRESSION,
    FRONT_MATTER_IGNORED,
    NON_LATIN_TEXT,
)
#: Diagnostics of input that could not be read: the run exits 2.
INPUT_ERRORS = frozenset({UNREADABLE.code})
#: Diagnostics of a scorer or batch pass that raised: the run exits 3.
PLUGIN_ERRORS = frozenset({SCORER_ERROR.code, BATCH_ERROR.code})
#: Diagnostics that mean the run itself went wrong (input or plugin), as formats mark them.
RUN_ERRORS = INPUT_ERRORS | PLUGIN_ERRORS
#: Diagnostics worth a warning line on stderr (the run still passes).
WARNINGS = frozenset({ENCODING_GUESSED.code, FRONT_MATTER_IGNORED.code, NON_LATIN_TEXT.code})

_EMPTY_VIEW = TextView("", "text")


def diagnostic(rule: Rule, view: TextView | None = None, start: int = 0, end: int = 0, **params: Any) -> Finding:
    """A core diagnostic, at a span of ``view`` (the start of an empty text by default)."""
    found = rule.finding(view or _EMPTY_VIEW, start, end, excerpt="", **params)
    return replace(found, plugin="copydesk", prefix="CD")
