"""Lexicons of the hedging scorer: packaged word lists, merged with a run's settings.

The lists live in ``plugins/hedging/data/*.txt`` (one cue per line, ``#`` comments).
They are read once per process and cached; the settings' ``extra_*``/``remove_*``
lists are applied on top, and each distinct combination is built once and cached.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

from copydesk import measures

#: Data file (without ``.txt``) of each hedge-cue category, in reading order.
CUE_FILES = ("modals", "adverbs", "adjectives", "nouns", "verbs", "approximators")
#: Category of cues added through the ``extra_cues`` setting.
CUSTOM = "custom"
#: Vague sources that are quantifier pronouns ("some say", "many believe").
QUANTIFIERS = frozenset({"some", "many", "most", "several", "others", "those", "few"})


def normalise(word: str) -> str:
    """Lower-case a token and straighten its apostrophes, for lookups."""
    return word.lower().replace("’", "'")


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The word tuple of a cue phrase as written in a list or a setting."""
    return tuple(normalise(part) for part in phrase.split())


@functools.cache
def read_list(name: str) -> tuple[str, ...]:
    """The entries of ``data/NAME.txt``: stripped, non-blank, non-comment lines."""
    path = resources.files("copydesk.plugins.hedging").joinpath(f"data/{name}.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(" ".join(line.split()) for line in lines if line.strip() and not line.lstrip().startswith("#"))


@dataclass(frozen=True)
class Cue:
    """A hedge cue: its words and the category of the list it came from."""

    words: tuple[str, ...]
    category: str


#: Verbs of denying and doubting: like a verb of saying, they credit their clause to a named or
#: definite subject ("the company denied that the plant could close"; session 23). No vague attribution.
#: Their '-ing' forms, and 'fearing', open a participle clause of the sentence's subject ('..., denying that ...').
DENYING = frozenset("deny denies denied denying doubt doubts doubted doubting fearing".split())


@dataclass(frozen=True)
class Lexicon:
    """Every word list the detector consults, as sets and a first-word cue index.

    :ivar cues: first word of a cue -> the cues starting with it, longest first.
    :ivar vague_sources: unnamed/collective source nouns and quantifier pronouns.
    :ivar speech_verbs: verbs linking a source to a claim.
    :ivar impersonal: participles of agentless attribution ("it is said").
    :ivar institutions: nouns that after "the" name a checkable source.
    :ivar demonyms: nationality and regional adjectives, which name no source ("Russian officials").
    :ivar people: nouns of people and bodies that head a definite subject of a verb of saying ("the columnist").
    """

    cues: Mapping[str, tuple[Cue, ...]]
    vague_sources: frozenset[str]
    speech_verbs: frozenset[str]
    impersonal: frozenset[str]
    institutions: frozenset[str]
    demonyms: frozenset[str]
    people: frozenset[str] = frozenset()

    @functools.cached_property
    def credit_verbs(self) -> frozenset[str]:
        """The verbs that credit a claim to a named or definite subject: of saying, and of denying (:data:`DENYING`)."""
        return self.speech_verbs | DENYING

    @functools.cached_property
    def triggers(self) -> frozenset[str]:
        """Words that can start a hit alone: a one-word cue or a vague source (passives: :attr:`passive_triggers`)."""
        single = {first for first, group in self.cues.items() if any(len(cue.words) == 1 for cue in group)}
        return frozenset(single) | self.vague_sources

    @functools.cached_property
    def single_cues(self) -> frozenset[str]:
        """The cues of one word."""
        return frozenset(first for first, group in self.cues.items() if any(len(cue.words) == 1 for cue in group))

    @functools.cached_property
    def vague_only(self) -> frozenset[str]:
        """Vague sources that start no one-word cue.

        Such a word alone calls for a sentence's analysis only where it may credit a claim
        (:func:`~copydesk.plugins.hedging.sources.may_credit`).
        """
        single = {first for first, group in self.cues.items() if any(len(cue.words) == 1 for cue in group)}
        return frozenset(self.vague_sources - single)

    @functools.cached_property
    def cue_lookup(self) -> Mapping[str, tuple[tuple[int, ...], dict[tuple[str, ...], Cue]]]:
        """First word of a cue -> the lengths of its cues, longest first, and its cues by their words.

        A group holds one cue per word tuple, so the longest cue whose words follow is
        the one of the first length whose tuple of following words is among them.
        """
        return {
            first: (tuple(sorted({len(cue.words) for cue in group}, reverse=True)), {cue.words: cue for cue in group})
            for first, group in self.cues.items()
        }

    @functools.cached_property
    def cue_bigrams(self) -> frozenset[tuple[str, str]]:
        """The first two words of every cue of several words.

        Where a word that opens cues is not followed by the second word of one, only its cue
        of one word can start there (``match_cues`` looks no further). Which sentences the
        detector analyses is decided from :attr:`cue_anchors` instead.
        """
        return frozenset(
            (cue.words[0], cue.words[1]) for group in self.cues.values() for cue in group if len(cue.words) > 1
        )

    @functools.cached_property
    def cue_anchors(self) -> Mapping[str, tuple[tuple[int, tuple[str, ...]], ...]]:
        """The anchor word of every cue of several words -> ``(its place in the cue, the cue's words)`` of each cue.

        A cue of several words is looked for where its anchor occurs, not where its first word
        does: most open with a common word ("to", "a", "in", "for", "it", "is", "not", "i"),
        rarely followed by the rest. The anchor is a word of the cue already watched alone (a
        one-word trigger or a passive word: "certain" in "to a certain extent", "most" in
        "for the most part"), else its longest word, the later one on a tie ("general" in
        "in general", "less" in "more or less"). Which word is the anchor changes how often
        a cue is looked for, never where it is found.
        """
        watched_alone = self.triggers | self.passive_triggers
        anchors: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for group in self.cues.values():
            for cue in group:
                if len(cue.words) > 1:
                    place = max(
                        range(len(cue.words)), key=lambda j: (cue.words[j] in watched_alone, len(cue.words[j]), j)
                    )
                    anchors.setdefault(cue.words[place], []).append((place, cue.words))
        return MappingProxyType({word: tuple(found) for word, found in anchors.items()})

    @functools.cached_property
    def passive_triggers(self) -> frozenset[str]:
        """The words a passive judgement or report is found at: an impersonal participle, or "by"."""
        return self.impersonal | {"by"}

    @functools.cached_property
    def watched(self) -> frozenset[str]:
        """Every word the detector looks at: of :attr:`triggers`, :attr:`passive_triggers` or :attr:`cue_anchors`."""
        return self.triggers | self.passive_triggers | frozenset(self.cue_anchors)

    @functools.cached_property
    def occurrences(self) -> measures.Occurrences | None:
        """Where the :attr:`watched` words occur, read from the word index the core shares (:class:`~copydesk.measures.Occurrences`).

        ``None`` when a watched word holds an apostrophe: the detector straightens curly
        apostrophes in the forms it reads, the index does not, so the forms are read instead.
        """
        if any("'" in word or "’" in word for word in self.watched):
            return None
        return measures.Occurrences(self.watched)

    @property
    def longest_cue(self) -> int:
        """Number of words of the longest cue."""
        return max((len(c.words) for group in self.cues.values() for c in group), default=1)


def cue_starts(lows: Sequence[str], k: int, anchored: Sequence[tuple[int, tuple[str, ...]]]) -> list[int]:
    """The first word of each cue of ``anchored`` (``(place of word k in it, its words)``) whose words all stand around word ``k``."""
    return [
        k - place
        for place, words in anchored
        if place <= k and tuple(lows[k - place : k - place + len(words)]) == words
    ]


def _index(cues: Iterable[Cue]) -> Mapping[str, tuple[Cue, ...]]:
    """Group cues by first word, longest first (ties in input order)."""
    grouped: dict[str, list[Cue]] = {}
    for cue in cues:
        grouped.setdefault(cue.words[0], []).append(cue)
    return MappingProxyType({k: tuple(sorted(v, key=lambda c: -len(c.words))) for k, v in sorted(grouped.items())})


def _cues(extra: tuple[str, ...], remove: tuple[str, ...]) -> list[Cue]:
    """Packaged cues minus ``remove``, plus ``extra`` (category ``custom``), deduplicated."""
    removed = {phrase_key(p) for p in remove}
    seen: set[tuple[str, ...]] = set()
    cues: list[Cue] = []
    listed = [(phrase_key(p), name) for name in CUE_FILES for p in read_list(name)]
    for words, category in [*listed, *((phrase_key(p), CUSTOM) for p in extra)]:
        if words and words not in removed and words not in seen:
            seen.add(words)
            cues.append(Cue(words, category))
    return cues


@functools.lru_cache(maxsize=32)
def build_lexicon(
    extra_cues: tuple[str, ...] = (),
    remove_cues: tuple[str, ...] = (),
    extra_vague: tuple[str, ...] = (),
    remove_vague: tuple[str, ...] = (),
) -> Lexicon:
    """The lexicon for one combination of settings (cached)."""
    vague = {normalise(w) for w in read_list("vague_sources") if " " not in w}
    vague |= {normalise(w) for w in extra_vague}
    vague -= {normalise(w) for w in remove_vague}
    return Lexicon(
        cues=_index(_cues(extra_cues, remove_cues)),
        vague_sources=frozenset(vague),
        speech_verbs=frozenset(read_list("speech_verbs")),
        impersonal=frozenset(read_list("impersonal")),
        institutions=frozenset(read_list("institutions")),
        demonyms=frozenset(read_list("demonyms")),
        people=frozenset(read_list("people")),
    )


def _strings(settings: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """A list-of-strings setting as a tuple (hashable, for the cache)."""
    value = settings.get(key, ())
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def lexicon_for(settings: Mapping[str, Any]) -> Lexicon:
    """The lexicon a run's ``[plugins.hedging]`` settings ask for."""
    return build_lexicon(
        _strings(settings, "extra_cues"),
        _strings(settings, "remove_cues"),
        _strings(settings, "extra_vague_sources"),
        _strings(settings, "remove_vague_sources"),
    )
