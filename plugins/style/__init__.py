"""Style (STY): the voice of opinion and sensation, as features for the learned aggregate.

Studies of fake and unreliable news (Horne and Adali 2017, the NELA feature set,
Pérez-Rosas et al. 2018) found that it appeals to emotion, swears, narrates in the
present rather than the past, pins events less often to days and months, and asks
questions in its headlines. The scorer measures those habits as features
(:mod:`copydesk.plugins.style.features`) for the learned aggregate to weigh against
professional norms, and flags profanity at info level. Its sub-score is always 1.0:
the aggregate, not a fixed penalty, decides what the style costs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from copydesk import Assessment, Context, Document, Finding, Rule, Scorer, Severity, hookimpl, measures
from copydesk.plugins.style.features import FEATURES, PROFANITY, place_hells
from copydesk.plugins.style.features import features as feature_values

PROFANE_WORD = Rule(
    code="STY001",
    name="profane-word",
    message="Profanity: '{word}'",
    severity=Severity.INFO,
    doc="""\
**What it flags.** Each swear word or vulgar insult in the body ("damn", "hell",
"crap", "bastard", ... 14 words of the project's own list, any case).

**Why it matters.** Professional news copy almost never swears in its own voice; the
NELA studies of unreliable news sites (Horne and Adali 2017) found swear words among
the marks of fake and hyper-partisan articles.

**Example.** `The senator's plan is a load of crap.` flags `crap`; `The senator's plan
was rejected.` flags nothing.

**Known problems.** Profanity inside a quotation, which a report may print verbatim, is
flagged as well. "hell" swearing at nobody is not flagged (nor counted in the
feature): a capitalised "Hell" used as a place, after "of" ("the gates of Hell"),
before "gate(s)" ("Hell's gates"), or paired with "Heaven" ("Heaven and Hell"); the
names "Hell's Kitchen" and "Hell's Angels"; the idioms "hell-bent" and "a/one/whole
hell of" ("a hell of a tough game", "a hell of shame"). Other idioms and names are still flagged
("hell and back", a proverb's "damned if you do", "the Damned").
The list holds the words as written, with no other inflections: "bastard" is flagged,
"bastards" is not (adding forms changes the feature the score is fitted on: a refit).

**Settings.** None.
""",
)

RULES = (PROFANE_WORD,)
#: Tried only where one of the words starts (the same matches as the pattern ignoring case).
PROFANE = measures.Anchored(re.compile(rf"\b(?:{measures.alternation(sorted(PROFANITY))})\b", re.IGNORECASE), PROFANITY)


def _profane(document: Document) -> Iterator[Finding]:
    """One finding per profane word of the body."""
    body = document.body
    places: set[int] | None = None  # read only once a match is "hell"
    for match in PROFANE.finditer(body):
        if match.end() - match.start() == 4 and body.text[match.start() : match.end()].lower() == "hell":
            places = set(place_hells(body.text)) if places is None else places
            if match.start() in places:
                continue
        yield PROFANE_WORD.finding(body, match.start(), match.end(), word=body.text[match.start() : match.end()])


def score(document: Document, context: Context) -> Assessment:
    """Flag profane words; measure the style features."""
    selected = context.selected or {rule.code for rule in RULES}
    findings = tuple(_profane(document)) if PROFANE_WORD.code in selected else ()
    return Assessment(findings=findings, subscore=1.0, features=feature_values(document))


@hookimpl
def copydesk_scorers() -> list[Scorer]:
    """Provide the STY scorer."""
    return [
        Scorer(
            prefix="STY",
            name="style",
            rules=RULES,
            score=score,
            description="Voice of opinion and sensation: emotion, profanity, tense, time references, question titles",
            features=FEATURES,
        )
    ]
