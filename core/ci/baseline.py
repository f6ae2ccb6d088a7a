"""Baselines: record today's findings so ``copydesk check`` fails only on new ones.

Fingerprint design
------------------
A finding's fingerprint is the first 32 hex digits of SHA-256 over three parts,
joined by NUL characters:

1. the **article id** (for a file, its path with ``/`` separators and no leading
   ``./``; for a JSONL/CSV record, its id field, or ``path:line`` without one);
2. the **rule code** (``HDG001``);
3. the **normalised evidence**: the finding's matched text (``Finding.matched``), or
   its excerpt when the match is empty, NFKC-normalised, case-folded and with runs
   of white space collapsed to one space; empty for a finding about the whole
   article (its rule's ``scope`` is ``"article"``: SRC002, HDG003, TPL005, TRN005),
   whose span only shows where to look (SRC002's is the first paragraph, which an
   edit of the lede changes).

Line numbers, columns and offsets are deliberately left out: adding a paragraph
above a finding moves all of them, and the finding is still the same finding. The
message is left out too, since a message may quote a count that other edits change.
When one article has the same matched text for the same rule several times, the
fingerprint is the same and the baseline keeps a **count**, and with it, for a finding
about a span, the **sentences** its occurrences stood in: the first 12 hex digits of
SHA-256 over each one's normalised excerpt. An occurrence whose sentence the entry
holds is ``unchanged`` (each recorded sentence once); the others are ``unchanged`` in
order while the count leaves room, and ``new`` after that. So when a sentence with the
same word is inserted above old ones, the inserted one is ``new``, not the last old one;
an occurrence whose own sentence was edited still counts as known while the count
allows. An entry without ``sentences`` (written before copydesk kept them) falls back
to the count alone: the first ``count`` occurrences are ``unchanged``.

What this cannot follow: an edit of the matched words themselves (the finding is
then new, which is what a reviewer wants to see), and a renamed file or a record
whose id changes (its findings are all new; write or prune the baseline again).

The file is JSON, sorted, without timestamps, so it diffs well in review::

    {"copydesk_baseline": 2, "fingerprint": "...", "paths": [...], "articles": [...],
     "findings": [{"fingerprint": "...", "article": "...", "code": "HDG001",
                   "matched": "sources say", "count": 1, "sentences": ["9b1e0c2d4f6a"]}]}

Version 1 (before whole-article findings lost their evidence) is still read: its
entries are kept, and each article's entries of one rule are also entered under the
fingerprint without evidence, their counts added, so that the whole-article findings
it recorded stay ``unchanged``. ``baseline write`` and ``baseline prune`` write version 2.
``sentences`` is an optional key of version 2: a copydesk that predates it ignores it.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from copydesk.errors import UsageError, not_utf8_at
from copydesk.models import ARTICLE_SCOPE, ArticleReport, Finding, RunSummary
from copydesk.safety import shown
from copydesk.smallfiles import BASELINE_BYTES, NotReadable, read_small

FORMAT_VERSION = 2
#: The versions :meth:`Baseline.load` reads (1: whole-article findings fingerprinted by their matched text).
READS = (1, 2)
DESIGN = "sha256(article id NUL rule code NUL normalised matched text, empty for a whole-article rule)[:32]"
NEW = "new"
UNCHANGED = "unchanged"
SAMPLE = 120
#: Hex digits of a sentence key (:func:`sentence_key`).
SENTENCE_DIGITS = 12


def normalise(text: str) -> str:
    """NFKC, case-folded, white space collapsed: the evidence part of a fingerprint."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def article_key(article_id: str) -> str:
    """The article part: ids as given, paths with ``/`` and without a leading ``./``."""
    key = article_id.replace("\\", "/")
    while key.startswith("./"):
        key = key[2:]
    return key


def fingerprint(article_id: str, finding: Finding) -> str:
    """The stable fingerprint of one finding of one article (see the module docs)."""
    if finding.scope == ARTICLE_SCOPE:
        return _digest(article_key(article_id), finding.code, "")
    return _digest(article_key(article_id), finding.code, normalise(finding.matched) or normalise(finding.excerpt))


def _digest(article: str, code: str, evidence: str) -> str:
    """The first 32 hex digits of SHA-256 over the three parts joined by NUL characters."""
    return hashlib.sha256("\0".join((article, code, evidence)).encode("utf-8")).hexdigest()[:32]


def sentence_key(finding: Finding) -> str:
    """The occurrence part: the first 12 hex digits of SHA-256 over the normalised excerpt (empty for a whole-article rule)."""
    if finding.scope == ARTICLE_SCOPE or not finding.excerpt:
        return ""
    return hashlib.sha256(normalise(finding.excerpt).encode("utf-8")).hexdigest()[:SENTENCE_DIGITS]


@dataclass(frozen=True)
class Entry:
    """One fingerprint in the baseline, with what it stands for (for reviewers) and the sentences of its occurrences."""

    article: str
    code: str
    matched: str
    count: int
    #: :func:`sentence_key` of each occurrence recorded (sorted); empty for an entry written before they were kept.
    sentences: tuple[str, ...] = ()


@dataclass
class Baseline:
    """Fingerprints with counts, and the articles the baseline was written over."""

    entries: dict[str, Entry] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    paths: tuple[str, ...] = ()
    #: How many fingerprints the file held (a version-1 file's entries also stand under a
    #: second fingerprint in :attr:`entries`); None for a baseline not read from a file.
    stored: int | None = None

    def add(self, report: ArticleReport) -> None:
        """Record every finding of one article."""
        self.articles.add(article_key(report.id))
        for finding in report.findings:
            fp = fingerprint(report.id, finding)
            old = self.entries.get(fp)
            count = 1 if old is None else old.count + 1
            sentences = () if old is None else old.sentences
            if key := sentence_key(finding):
                sentences = tuple(sorted((*sentences, key)))
            sample = " ".join((finding.matched or finding.excerpt).split())[:SAMPLE]
            self.entries[fp] = Entry(article_key(report.id), finding.code, sample, count, sentences)

    @classmethod
    def of(cls, reports: Iterable[ArticleReport]) -> Baseline:
        """A baseline of these reports' findings."""
        baseline = cls()
        for report in reports:
            baseline.add(report)
        return baseline

    def knows(self, article_id: str) -> bool:
        """Whether the article was in the batch the baseline was written over."""
        return article_key(article_id) in self.articles

    def classify(self, report: ArticleReport) -> tuple[str, ...]:
        """``new`` or ``unchanged`` for each of the report's findings, in order.

        First each occurrence whose sentence its entry recorded (each recorded sentence
        once); then the others, in order, while the entry's count leaves room.
        """
        prints = [fingerprint(report.id, finding) for finding in report.findings]
        unmatched: dict[str, Counter[str]] = {}
        budget: Counter[str] = Counter()
        known: list[bool] = []
        for fp, finding in zip(prints, report.findings, strict=True):
            entry = self.entries.get(fp)
            if entry is None:
                known.append(False)
                continue
            if fp not in unmatched:
                unmatched[fp], budget[fp] = Counter(entry.sentences), entry.count
            key = sentence_key(finding)
            hit = bool(key) and unmatched[fp][key] > 0 and budget[fp] > 0
            if hit:
                unmatched[fp][key] -= 1
                budget[fp] -= 1
            known.append(hit)
        states = []
        for fp, hit in zip(prints, known, strict=True):
            if not hit and budget[fp] > 0:
                budget[fp] -= 1
                hit = True
            states.append(UNCHANGED if hit else NEW)
        return tuple(states)

    def pruned(
        self, current: Baseline, checked: Collection[str] | None = None, unread: Collection[str] = ()
    ) -> Baseline:
        """Keep only what still occurs (``current``: today's findings), counts lowered to today's.

        ``checked``, when given, are the codes of the rules today's run had on: an entry of
        another rule (an opt-in rule not selected, or one turned off by ``--ignore``) stays as
        it was while its article is still scored, since the run could not see it either way.
        So do the entries of an article in ``unread``, today's articles that could not be
        read (a file that is binary or not UTF-8 today): whether their findings still occur
        is unknown, and dropping them would make each new once the article is mended.
        """
        kept: dict[str, Entry] = {}
        for fp, entry in self.entries.items():
            now = current.entries.get(fp)
            if now is not None:
                count = min(entry.count, now.count)
                sentences = tuple(sorted((Counter(entry.sentences) & Counter(now.sentences)).elements()))
                kept[fp] = Entry(entry.article, entry.code, entry.matched or now.matched, count, sentences)
            elif checked is not None and entry.code not in checked and entry.article in current.articles:
                kept[fp] = entry
            elif entry.article in unread:
                kept[fp] = entry
        return Baseline(kept, self.articles & (current.articles | set(unread)), current.paths or self.paths)

    def to_dict(self) -> dict[str, Any]:
        """The file's content, in a stable order."""
        rows = sorted(self.entries.items(), key=lambda kv: (kv[1].article, kv[1].code, kv[0]))
        return {
            "copydesk_baseline": FORMAT_VERSION,
            "fingerprint": DESIGN,
            "paths": list(self.paths),
            "articles": sorted(self.articles),
            "findings": [_row(fp, e) for fp, e in rows],
        }

    def dump(self, out: TextIO) -> None:
        """Write the baseline as JSON."""
        json.dump(self.to_dict(), out, ensure_ascii=False, indent=1)
        out.write("\n")

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline file; a missing or malformed one is a usage error (exit 2)."""
        data = _read(path)
        version = data.get("copydesk_baseline") if isinstance(data, dict) else None
        plausible = isinstance(version, int) and not isinstance(version, bool) and abs(version) <= MAX_COUNT
        if plausible and version not in READS:
            raise UsageError(
                f"{path}: a copydesk baseline of version {version}, which this copydesk does not read"
                f" (it reads versions {READS[0]} to {READS[-1]}; write it again with 'copydesk baseline write')"
            )
        if not isinstance(data, dict) or isinstance(version, bool) or version not in READS:  # true == 1
            raise UsageError(f'{path}: not a copydesk baseline (no "copydesk_baseline": {FORMAT_VERSION})')
        _check_arrays(path, data)
        entries = dict(_entry(path, number, row) for number, row in enumerate(data["findings"], 1))
        if version == 1:
            entries.update(_whole_article_entries(entries.values()))
        recorded = data.get("paths", [])
        return cls(entries, set(data["articles"]), tuple(recorded), stored=len(data["findings"]))


def _check_arrays(path: Path, data: dict[str, Any]) -> None:
    """Refuse a baseline whose ``findings``, ``articles`` or ``paths`` is missing or of the wrong shape."""
    for key in ("findings", "articles", "paths"):
        if key in data and not isinstance(data[key], list):
            raise UsageError(f"{path}: malformed baseline: {shown(key)} must be a JSON array")
    for key in ("findings", "articles"):
        if key not in data:
            raise UsageError(f"{path}: malformed baseline: no {shown(key)} array")
    if not all(isinstance(a, str) and a.strip() for a in data["articles"]):
        raise UsageError(f"{path}: malformed baseline: {shown('articles')} must hold article ids (non-blank strings)")
    if not all(isinstance(p, str) and p for p in data.get("paths", [])):
        raise UsageError(f"{path}: malformed baseline: {shown('paths')} must hold path strings")


def _row(fp: str, entry: Entry) -> dict[str, Any]:
    """An entry as the file holds it (``sentences`` only when it has any)."""
    row: dict[str, Any] = {
        "fingerprint": fp,
        "article": entry.article,
        "code": entry.code,
        "matched": entry.matched,
        "count": entry.count,
    }
    if entry.sentences:
        row["sentences"] = list(entry.sentences)
    return row


def _whole_article_entries(entries: Iterable[Entry]) -> dict[str, Entry]:
    """A version-1 file's entries also under the fingerprint without evidence: one per article and rule, counts added.

    Version 1 fingerprinted a whole-article finding by its matched text; which rules are
    whole-article the file does not say, so every article's rule gets the entry (only a
    whole-article finding, or one with no matched text or excerpt, asks for it).
    """
    counts: Counter[tuple[str, str]] = Counter()
    for entry in entries:
        counts[entry.article, entry.code] += entry.count
    return {
        _digest(article, code, ""): Entry(article, code, "", min(count, MAX_COUNT))
        for (article, code), count in counts.items()
    }


#: The keys of a baseline entry, and the JSON type each holds.
ENTRY_KEYS = (("fingerprint", str), ("article", str), ("code", str), ("matched", str), ("count", int))

#: An entry's count is how many times its finding occurs (1 or more), and no more than a
#: JSON reader holds exactly (as ``copydesk.containment.JSON_INT``): a 400-digit count is
#: a damaged file, not a finding seen that often.
MAX_COUNT = 2**53 - 1


def _read(path: Path) -> Any:
    """The JSON value of the file at ``path``; a missing file, or one that is not JSON, is a UsageError."""
    try:
        raw = read_small(path, BASELINE_BYTES)
        return json.loads(raw.decode("utf-8"), parse_int=_bounded_int)
    except NotReadable as exc:
        raise UsageError(f"{path}: not a copydesk baseline: it {exc}") from None
    except FileNotFoundError:
        raise UsageError(f"{path}: baseline file not found (write one with 'copydesk baseline write')") from None
    except OSError as exc:  # a folder, a link loop, no permission: the file is not damaged, it cannot be read
        raise UsageError(f"{path}: cannot read the baseline file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:  # said as the model file's is, not in the codec's words
        raise UsageError(
            f"{path}: not a copydesk baseline: not valid UTF-8 ({not_utf8_at(raw, exc)}), so not JSON"
        ) from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: not a copydesk baseline: {exc}") from None
    except RecursionError:
        raise UsageError(f"{path}: not a copydesk baseline: its JSON is nested too deeply") from None


def _bounded_int(text: str) -> int:
    """A JSON integer; one of more than 30 digits reads as ±(2**53), past any bound checked here.

    Python refuses to convert more than 4,300 digits (and converting fewer is quadratic), so a
    damaged file's 5,000-digit count would otherwise be an internal error, not a malformed entry.
    """
    if len(text) <= 30:
        return int(text)
    return -(MAX_COUNT + 1) if text.startswith("-") else MAX_COUNT + 1


def _json_kind(value: object) -> str:
    """What a JSON value is, for a message (never the value itself, which may be long)."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    kinds = ((str, "a string"), (int, "a whole number"), (float, "a number"), (list, "an array"), (dict, "an object"))
    return next((name for kind, name in kinds if isinstance(value, kind)), type(value).__name__)


def _entry(path: Path, number: int, row: object) -> tuple[str, Entry]:
    """Entry ``number`` (from 1) of the ``findings`` array; one not shaped as written is a UsageError naming it."""
    where = f'{path}: malformed baseline entry {number} of "findings"'
    if not isinstance(row, dict):
        raise UsageError(f"{where}: an entry is a JSON object, not {_json_kind(row)}")
    for key, kind in ENTRY_KEYS:
        if key not in row:
            raise UsageError(f"{where}: it has no {shown(key)} key")
        value = row[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            wanted = "a whole number" if kind is int else "a string"
            raise UsageError(f"{where}: its {shown(key)} must be {wanted}, not {_json_kind(value)}")
    if not 1 <= row["count"] <= MAX_COUNT:
        problem = "below 1" if row["count"] < 1 else "beyond 2**53 - 1"
        raise UsageError(f"{where}: its 'count' must be a whole number from 1 to 2**53 - 1, not one {problem}")
    sentences = row.get("sentences", [])
    if (
        not isinstance(sentences, list)
        or not all(isinstance(k, str) for k in sentences)
        or len(sentences) > row["count"]
    ):
        raise UsageError(f"{where}: its 'sentences' must be an array of at most 'count' strings")
    return row["fingerprint"], Entry(
        row["article"], row["code"], row["matched"], row["count"], tuple(sorted(sentences))
    )


class BaselineCollector:
    """A ReportWriter that builds a baseline from the reports of a run."""

    def __init__(self, paths: Iterable[str] = ()) -> None:
        self.baseline = Baseline(paths=tuple(dict.fromkeys(paths)))  # a path named twice is read once, recorded once
        self.summary: RunSummary | None = None
        #: The articles (by :func:`article_key`) that could not be read, whose entries prune keeps.
        self.unread: set[str] = set()

    def add(self, report: ArticleReport) -> None:
        """Record the article's findings (an unreadable input has none: it is noted in :attr:`unread`)."""
        if report.score is not None:
            self.baseline.add(report)
        else:
            self.unread.add(article_key(report.id))

    def close(self, summary: RunSummary) -> None:
        """Keep the summary (its exit code decides whether the baseline is written)."""
        self.summary = summary
