"""The boilerplate scorer's lexicon: furniture phrases, byline roles, stock headline frames.

Everything is matched on word tokens (lower-cased, numbers folded to ``#``) with set and
dict look-ups, never with regular expressions over the article, so matching is linear in
the text. The packaged data file is read once; settings extend or trim it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any, NamedTuple

from copydesk import WORD, Settings

KINDS = ("line", "label", "prompt", "sentence")
#: Characters that may follow a box label ("Pro Tip:", "Did you know?").
LABEL_ENDS = frozenset(":?!-–—|»›")
READER = frozenset({"you", "your", "you're", "yours", "yourself"})
#: Longest line or sentence (in characters) that is matched against the lexicon: furniture,
#: bylines, prompts and headlines are short, and the cap keeps huge lines linear.
MAX_MATCH_CHARS = 600
#: Characters at the start of a line read for a box label ("Did you know?").
LABEL_CHARS = 80


class Token(NamedTuple):
    """A normalised word and its span in the text."""

    norm: str
    start: int
    end: int


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of ``text[start:end]``: lower-cased, curly apostrophes straightened, numbers as ``#``."""
    out: list[Token] = []
    for match in WORD.finditer(text, start, len(text) if end is None else end):
        word = match.group().lower().replace("’", "'")
        if word[0].isdigit():
            if out and out[-1].norm == "#" and match.start() - out[-1].end <= 1:
                out[-1] = Token("#", out[-1].start, match.end())
                continue
            word = "#"
        out.append(Token(word, match.start(), match.end()))
    return out


def normal(text: str, start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` as lower-cased words joined by single spaces (the form that is hashed)."""
    found = WORD.findall(text, start, len(text) if end is None else end)
    return " ".join(found).lower().replace("’", "'")


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The token tuple a lexicon phrase is matched as (``#`` stands for a number)."""
    return tuple(w for part in phrase.split() for w in (("#",) if part == "#" else (t.norm for t in tokens(part))))


@dataclass(frozen=True)
class Lexicon:
    """Compiled phrase tables: ``kind -> {token tuple: category}`` and the byline vocabulary."""

    phrases: dict[str, dict[tuple[str, ...], str]]
    by_first: dict[str, dict[str, list[tuple[str, ...]]]]
    imperatives: frozenset[str]
    sentence_max_words: int
    lead_ins: tuple[tuple[str, ...], ...]
    roles: frozenset[str]
    strong_roles: frozenset[str]
    byline_max_words: int
    byline_first_lines: int
    frames: tuple[tuple[str, ...], ...]
    longest: dict[str, int]
    #: The first word of every byline lead-in ("by", "posted", "author", ...).
    lead_in_firsts: frozenset[str] = frozenset()
    #: :attr:`frames` by their first word.
    frame_firsts: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    #: Per kind, every word of its phrases.
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    #: :meth:`words_of`'s answers, kept (the lexicon is built once per settings).
    _unions: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def words_of(self, kinds: tuple[str, ...]) -> frozenset[str]:
        """Every word of the phrases of ``kinds`` (the union of their :attr:`words`), built once per ``kinds``."""
        found = self._unions.get(kinds)
        if found is None:
            found = self._unions[kinds] = frozenset().union(*(self.words[kind] for kind in kinds))
        return found

    def line_category(self, toks: list[Token]) -> str | None:
        """Category when the whole line is a furniture phrase (kind ``line``)."""
        if len(toks) > self.longest["line"]:
            return None
        return self.phrases["line"].get(tuple(t.norm for t in toks))

    def label_category(self, text: str, toks: list[Token], line_end: int) -> tuple[str, int] | None:
        """``(category, end of label)`` when the line opens with a box label such as "Pro Tip:"."""
        if toks[0].norm not in self.by_first["label"]:
            return None
        norms = tuple(t.norm for t in toks[:4])
        for size in range(min(len(toks), 4), 0, -1):
            category = self.phrases["label"].get(norms[:size])
            if category is None:
                continue
            pos = toks[size - 1].end
            while pos < line_end and text[pos] == " ":
                pos += 1
            if pos >= line_end or text[pos] in LABEL_ENDS:
                return category, pos
        return None

    def contained(self, kind: str, toks: list[Token]) -> tuple[str, int] | None:
        """``(category, token index)`` of the first ``kind`` phrase inside ``toks``."""
        table, firsts = self.phrases[kind], self.by_first[kind]
        norms = [t.norm for t in toks]
        if firsts.keys().isdisjoint(norms):
            return None
        for i, word in enumerate(norms):
            for key in firsts.get(word, ()):
                if tuple(norms[i : i + len(key)]) == key:
                    return table[key], i
        return None

    def prompt_category(self, toks: list[Token]) -> str | None:
        """Category of a sentence that asks the reader to comment, share or follow."""
        found = self.contained("prompt", toks)
        if found is None:
            return None
        addressed = any(t.norm in READER for t in toks) or toks[0].norm in self.imperatives
        return found[0] if addressed else None

    def sentence_category(self, toks: list[Token]) -> str | None:
        """Category of a short sentence carrying a newsletter, cookie or scrape phrase."""
        if len(toks) > self.sentence_max_words:
            return None
        found = self.contained("sentence", toks)
        return found[0] if found else None


def _entries(data: dict[str, Any], settings: Settings) -> dict[str, dict[tuple[str, ...], str]]:
    """Phrase tables from the data file, plus ``extra_furniture``, minus ``remove_furniture``."""
    tables: dict[str, dict[tuple[str, ...], str]] = {kind: {} for kind in KINDS}
    for kind, categories in data["furniture"].items():
        for category, phrases in categories.items():
            for phrase in phrases:
                tables[kind][phrase_key(phrase)] = category
    for entry in settings.get("extra_furniture", ()):
        kind, category, phrase = _split_entry(entry)
        tables[kind][phrase_key(phrase)] = category
    removed = {phrase_key(p) for p in settings.get("remove_furniture", ())}
    return {kind: {k: v for k, v in table.items() if k and k not in removed} for kind, table in tables.items()}


def entry_problem(entry: str) -> str | None:
    """Why an ``extra_furniture`` entry is malformed, or None."""
    parts = entry.split(":", 2)
    if len(parts) < 2 or parts[0] not in KINDS:
        return f"entry '{entry}' is not 'kind:category:phrase' with kind in {KINDS}"
    if not phrase_key(parts[-1]):
        return f"entry '{entry}' has no words in its phrase, so it could match no line"
    return None


def _split_entry(entry: str) -> tuple[str, str, str]:
    """``"kind:category:phrase"`` (or ``"kind:phrase"``, category ``custom``) into its parts."""
    if problem := entry_problem(entry):
        raise ValueError(f"extra_furniture {problem}")
    parts = entry.split(":", 2)
    if len(parts) == 2:
        parts = [parts[0], "custom", parts[1]]
    return parts[0], parts[1], parts[2]


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """The packaged lexicon file, read once."""
    path = files("copydesk.plugins.boilerplate").joinpath("data/furniture.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _adjusted(base: list[str], extra: Any, remove: Any) -> list[str]:
    """``base + extra`` without the entries of ``remove`` (compared case-insensitively, spaces around ignored)."""
    dropped = {str(r).strip().lower() for r in remove or ()}
    return [w for w in [*base, *(extra or ())] if str(w).strip().lower() not in dropped]


def options(settings: Settings) -> tuple[tuple[str, ...], ...]:
    """The settings a lexicon is built from (:func:`build`'s cache key)."""
    keys = ("extra_furniture", "remove_furniture", "extra_roles", "remove_roles", "extra_frames", "remove_frames")
    return tuple(tuple(settings.get(k, ())) for k in keys)


def build(settings: Settings) -> Lexicon:
    """The lexicon for these settings (cached per distinct lexicon settings)."""
    return _build(options(settings))


@lru_cache(maxsize=16)
def _build(options: tuple[tuple[str, ...], ...]) -> Lexicon:
    """Compile the lexicon; ``options`` is the tuple of list settings named in :func:`build`."""
    extra_f, remove_f, extra_r, remove_r, extra_fr, remove_fr = options
    data = _data()
    tables = _entries(data, {"extra_furniture": extra_f, "remove_furniture": remove_f})
    by_first: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for kind, table in tables.items():
        firsts: dict[str, list[tuple[str, ...]]] = {}
        for key in sorted(table, key=lambda k: (-len(k), k)):
            firsts.setdefault(key[0], []).append(key)
        by_first[kind] = firsts
    byline = data["byline"]
    frames = _adjusted(data["frames"], extra_fr, remove_fr)
    lead_ins = tuple(sorted({phrase_key(p) for p in byline["lead_ins"]}, key=lambda k: (-len(k), k)))
    frame_keys = tuple(sorted({phrase_key(f) for f in frames if phrase_key(f)}))
    frame_firsts: dict[str, tuple[tuple[str, ...], ...]] = {}
    for key in frame_keys:
        frame_firsts[key[0]] = (*frame_firsts.get(key[0], ()), key)
    return Lexicon(
        phrases=tables,
        by_first=by_first,
        imperatives=frozenset(phrase_key(" ".join(data["imperatives"]))),
        sentence_max_words=int(data["sentence_max_words"]),
        lead_ins=lead_ins,
        roles=frozenset(str(w).strip().lower() for w in _adjusted(byline["roles"], extra_r, remove_r)),
        strong_roles=frozenset(str(w).strip().lower() for w in _adjusted(byline["strong"], extra_r, remove_r)),
        byline_max_words=int(byline["max_words"]),
        byline_first_lines=int(byline["first_lines"]),
        frames=frame_keys,
        longest={kind: max(map(len, table), default=0) for kind, table in tables.items()},
        words={kind: frozenset(word for key in table for word in key) for kind, table in tables.items()},
        lead_in_firsts=frozenset(lead[0] for lead in lead_ins if lead),
        frame_firsts=frame_firsts,
    )
