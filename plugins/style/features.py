"""The style scorer's features: emotion, profanity, tense, time references and question headlines.

Each feature was kept because it carries over between corpora: added to the learned
aggregate, it did not lower the leave-one-corpus-out AUC on any training corpus
(FakeNewsNet, Pérez-Rosas, XSum) and raised it on at least one (docs/scorers/style.md).
Word lists are this project's own, short and deliberately plain; each list's count is read
from the core's shared word index (a :class:`copydesk.measures.Occurrences`: where its words
occur, indexed once per body for every scorer), and the regular pasts are found by one search
of the lower-cased text (:func:`regular_pasts`), so no count passes over every word.
"""

from __future__ import annotations

import re
from collections import Counter

from copydesk import Document, Feature, FeatureDirection, FeatureUnit, TextView, measures

#: Words of anger, fear, disgust, sadness and contempt (the emotional-appeal vocabulary of Horne and Adali 2017).
NEGATIVE_EMOTION = frozenset(
    "hate hated hates hateful angry anger furious outrage outraged rage afraid fear fears scared terrified "
    "horrible terrible awful disgusting disgusted pathetic stupid idiot idiots evil sick sad tragic shameful "
    "shame ashamed hurt pain painful cruel nasty ugly vicious disgrace disgraceful despicable ridiculous "
    "worthless miserable wicked vile".split()
)
#: Swear words and vulgar insults (NELA's "swear" category, a list of our own).
PROFANITY = frozenset(
    "damn damned hell crap shit bullshit fuck fucked fucking ass asshole bitch bastard pissed".split()
)
#: "Hell" as a place, not an oath (review 14, item 14): capitalised, after "of" ("the gates of
#: Hell", "a bat out of Hell"), before "gate(s)" ("Hell's gates", "Hell Gate"), or paired with
#: "Heaven" ("Heaven and Hell", "Hell or Heaven"). Each match is the word "Hell" alone; every
#: lookaround is of fixed width, so the search is linear.
PLACE_HELL = re.compile(
    r"(?:(?<=\bof )|(?<=\bOf )|(?<=\bHeaven and )|(?<=\bHeaven or ))Hell\b(?![-'\u2019]\w)"
    r"|\bHell(?=(?:'s|\u2019s)? [Gg]ates?\b| (?:and|or) Heaven\b)"
)


#: "hell" in an idiom or a name that swears at nobody (session 19, audit of STY001): the
#: intensifier "a/one/whole hell of" ("a hell of a tough game", "a whole hell of a lot", "a hell
#: of shame"; after "a" the noun "hell of" is at worst a figure, never an oath),
#: "hell-bent" (determined), and the names "Hell's Kitchen" (the New York district, the TV
#: show) and "Hell's Angels". Each match is the word "hell" alone; every lookaround is of fixed
#: width, so the search is linear. In any case, as the oath is matched ("One Hell Of A Night",
#: "A HELL OF A NIGHT").
IDIOM_HELL = re.compile(
    r"(?:(?<=\ba )|(?<=\bone )|(?<=\bwhole ))hell(?= of\b)"
    r"|\bhell(?=-bent\b)"
    r"|\bhell(?=(?:'s|\u2019s) (?:kitchen|angels?)\b)",
    re.IGNORECASE,
)
#: The word "hell" in any case, where :data:`IDIOM_HELL` is tried (its lookbehinds see before the match).
_HELL = re.compile("hell", re.IGNORECASE)


def place_hells(text: str) -> list[int]:
    """Where "hell" is no oath in ``text``: the offset of each place "Hell" (:data:`PLACE_HELL`) or idiom (:data:`IDIOM_HELL`)."""
    places = [match.start() for match in PLACE_HELL.finditer(text)] if "Hell" in text else []
    idioms = [match.start() for match in _HELL.finditer(text) if IDIOM_HELL.match(text, match.start())]
    return sorted(places + idioms) if places and idioms else places or idioms


#: Weekday and month names and "yesterday" ("May" is left out: it is mostly the modal).
TIME_REFERENCES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
    "september october november december yesterday".split()
)
#: Common irregular past-tense verbs (regular ones end in -ed).
IRREGULAR_PAST = frozenset(
    "said told was were had did went came made took found gave got became left began brought held kept "
    "met ran saw sent spent stood thought wrote won lost paid".split()
)
#: Present-tense forms of be, have, do and say.
PRESENT = frozenset("is are am has have does do says say".split())
#: Typical rate of :data:`TIME_REFERENCES` in professional copy, per 1,000 words (the shrinkage target).
TYPICAL_TIME_REFERENCES = 5.0
#: Prior of the smoothed past-tense share.
TYPICAL_PAST_SHARE = 0.6
#: A regular past form has at least this many letters before "ed" (so "bed", "red", "shed" do not count).
PAST_STEM = 2
#: A regular past form (:data:`PAST_STEM` letters or more, then "ed"), one per line: every such
#: form among distinct forms joined by line breaks (no form holds one), found in one search.
REGULAR_PAST = re.compile(rf"^.{{{PAST_STEM},}}ed$", re.MULTILINE)
_RATE = "per 1,000 words (at least 300 words assumed)"


def _f(name: str, unit: FeatureUnit, doc: str, direction: FeatureDirection = "problem") -> Feature:
    """A style feature (a problem unless said otherwise)."""
    return Feature(name=name, direction=direction, doc=doc, unit=unit)


FEATURES = (
    _f(
        "negative_emotion_per_1000_words",
        "per_1000_words",
        f"Words of anger, fear, disgust, sadness and contempt (hate, furious, terrified, disgusting, evil, "
        f"ridiculous, ... {len(NEGATIVE_EMOTION)} words) {_RATE}.",
    ),
    _f(
        "profanity_per_1000_words",
        "per_1000_words",
        f"Swear words and vulgar insults ({len(PROFANITY)} words) {_RATE}.",
    ),
    _f(
        "past_tense_share",
        "share",
        "Past-tense verbs (words ending in -ed with at least 2 letters before it, and 30 common irregular pasts: "
        "said, told, was, were, had, ...) / (those + present is, are, am, has, have, does, do, says, say), "
        f"smoothed toward {TYPICAL_PAST_SHARE} with 3 pseudo-words.",
        "evidence",
    ),
    _f(
        "time_references_per_1000_words",
        "per_1000_words",
        "Weekday and month names (May excepted) and 'yesterday' per 1,000 words, shrunk toward "
        f"{TYPICAL_TIME_REFERENCES:g} per 1,000 with 300 pseudo-words.",
        "evidence",
    ),
    _f("title_question", "presence", "1.0 when the article's title field contains '?' (no title: no value)."),
)


#: Each word list where its words occur in a body (the core's shared index).
NEGATIVE_WORDS, PROFANE_WORDS, TIME_WORDS, IRREGULAR_PAST_WORDS, PRESENT_WORDS = map(
    measures.Occurrences, (NEGATIVE_EMOTION, PROFANITY, TIME_REFERENCES, IRREGULAR_PAST, PRESENT)
)
#: "ed" ending a word (:data:`copydesk.WORD`: letters and digits joined by an apostrophe or hyphen)
#: with two more of the word's characters before it (:data:`PAST_STEM`): a letter or digit, then a letter, digit or
#: joiner, or a joiner between two of them. The literal opens the pattern, so ``re`` looks for
#: "ed" with its fast search and checks each one with fixed-width lookarounds: linear time.
_PAST_END = re.compile(
    r"ed(?![^\W_])(?!['\u2019\-][^\W_])(?:(?<=[^\W_][^\W_]ed)|(?<=[^\W_]['\u2019\-]ed)|(?<=[^\W_]['\u2019\-][^\W_]ed))"
)


def counted_regular_pasts(forms: tuple[str, ...]) -> int:
    """How many of ``forms`` are regular past forms (:data:`REGULAR_PAST`), found in one search over the distinct forms."""
    counts = Counter(forms)
    return sum(map(counts.__getitem__, REGULAR_PAST.findall("\n".join(counts))))


def regular_pasts(view: TextView) -> int:
    """:func:`counted_regular_pasts` of ``view``'s forms, read from the lower-cased text (no pass over the forms).

    A form is the lower-cased text of its word (the token stream's ``lower`` between the
    word's start and end), one character for one, unless the text holds ``İ``, the one
    character whose lower case is longer (then the forms are counted). So the regular
    pasts are the ends of words in "ed" with :data:`PAST_STEM` characters or more of the
    word before it (:data:`_PAST_END`).
    """
    if "\u0130" in view.text:
        return counted_regular_pasts(view.tokens.forms)
    return len(_PAST_END.findall(view.tokens.lower))


def _place_hell_words(text: str) -> int:
    """How many place or idiom "hell"s the token count took for the oath "hell" (not "Hell's", "hell-bent": other tokens)."""
    return sum(1 for start in place_hells(text) if text[start + 4 : start + 5] not in ("'", "\u2019", "-"))


def features(document: Document) -> dict[str, float]:
    """Every style feature of ``document`` (see :data:`FEATURES`)."""
    body = document.body
    words = body.word_count
    past = IRREGULAR_PAST_WORDS.count(body) + regular_pasts(body)
    present = PRESENT_WORDS.count(body)
    profane = PROFANE_WORDS.count(body)
    values = {
        "negative_emotion_per_1000_words": measures.per_1000(NEGATIVE_WORDS.count(body), words),
        "profanity_per_1000_words": measures.per_1000(profane - _place_hell_words(body.text) if profane else 0, words),
        "past_tense_share": measures.share(past, past + present, TYPICAL_PAST_SHARE),
        "time_references_per_1000_words": measures.shrunk_per_1000(
            TIME_WORDS.count(body), words, TYPICAL_TIME_REFERENCES
        ),
    }
    if title := document.title.text.strip():
        values["title_question"] = 1.0 if "?" in title else 0.0
    return values
