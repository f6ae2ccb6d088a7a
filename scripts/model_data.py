"""Feature tables of the development corpora, scored by copydesk itself (for fit_model and eval_model).

Each corpus is written to a temporary JSONL file (id, title, text only) and scored as
one batch by an in-process copydesk session with the packaged defaults; each
article's per-scorer ``"features"`` are read from its JSON report dictionary
(``copydesk score -f json`` gives the same), keyed ``scorer.name``.

* Professional reference: BBC intact rows of ``truncation/bbc_truncation_pairs.jsonl``
  and the NYT, Washington Post, Politico and USA Today articles rebuilt from
  ``attribution/polnear_sentences.jsonl`` (sentences regrouped by ``article`` in
  sentence-number order; the first sentence is the headline).
* Labelled: FakeNewsNet and Pérez-Rosas (1 = fake), XSum (1 = ai; pairs share a
  ``pair``), FA-KES (1 = fake; groups ``text_group``; reported, never trained on).

The truncation confidence is ``1 - `` the truncation scorer's sub-score (0 on XSum,
where both texts of a pair were cut to the same length). The floor is the runner's
minimum-evidence floor of the article (``copydesk.scoring.evidence_floor``: the B floor
for fewer than 300 words and no finding, else 0).
"""

from __future__ import annotations

import json
import math
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import corpora
import numpy as np
from copydesk.fitting import Column
from copydesk.formats.schema import article_dict
from copydesk.model import features_only
from copydesk.scoring import evidence_floor
from copydesk.session import Options, Session
from copydesk.sources import Batch

PROFESSIONAL_POLNEAR = ("nyt", "wash-post", "politico", "usa-today")
#: name -> (file under the data folder, the unreliable label, the group field)
LABELLED = {
    "fnn": ("reliability/fakenewsnet_old_politifact_buzzfeed.jsonl", "fake", "id"),
    "amt": ("reliability/perezrosas2018_fakenewsamt_celebrity.jsonl", "fake", "id"),
    "xsum": ("reliability/xsum_ai.jsonl", "ai", "pair"),
    "fakes": ("reliability/fa_kes.jsonl", "fake", "text_group"),
}
#: Corpora the shipped model is trained on (FA-KES labels casualty-record matching: reported only).
TRAINING = ("fnn", "amt", "xsum")
#: The scorer whose sub-score is the truncation confidence; its features are never learned.
TRUNCATION = "truncation"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@dataclass
class Corpus:
    """One corpus scored: feature rows by key, label, group, subset, truncation confidence and floor."""

    name: str
    values: list[dict[str, float]] = field(default_factory=list)
    y: list[int] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    subsets: list[str] = field(default_factory=list)
    truncation: list[float] = field(default_factory=list)
    #: The least score of each article before the truncation factor (``copydesk.scoring.evidence_floor``).
    floors: list[float] = field(default_factory=list)
    #: Each article's word count (the core's, as the report gives it).
    words: list[int] = field(default_factory=list)
    #: Grades under the featureless model the corpora are scored with (always the top grade): not a measure.
    grades: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    def matrix(self, columns: list[Column]) -> np.ndarray:
        """Rows x columns, NaN where an article has no value."""
        return np.array([[v.get(c.key, math.nan) for c in columns] for v in self.values], dtype=np.float64)


def bbc(data: Path) -> Iterator[dict[str, Any]]:
    """BBC intact rows."""
    for row in corpora.rows(data / "truncation/bbc_truncation_pairs.jsonl"):
        if row.get("label") == "intact" and (row.get("text") or "").strip():
            yield {"id": row["id"], "title": "", "text": row["text"], "y": -1, "group": row["id"], "sub": "bbc"}


def polnear(data: Path) -> Iterator[dict[str, Any]]:
    """PolNeAR's professional publishers' articles, rebuilt from their sentences."""
    sentences: dict[str, list[tuple[int, str]]] = defaultdict(list)
    publisher: dict[str, str] = {}
    for row in corpora.rows(data / "attribution/polnear_sentences.jsonl"):
        if row["publisher"] in PROFESSIONAL_POLNEAR:
            sentences[row["article"]].append((int(row["id"].rsplit(":", 1)[1]), row["text"]))
            publisher[row["article"]] = row["publisher"]
    for article in sorted(sentences):
        parts = [text for _, text in sorted(sentences[article])]
        text = " ".join(parts[1:])
        yield {
            "id": f"polnear:{article}",
            "title": parts[0],
            "text": text,
            "y": -1,
            "group": article,
            "sub": publisher[article],
        }


def labelled(data: Path, name: str) -> Iterator[dict[str, Any]]:
    """One labelled corpus's rows with a non-empty text."""
    relative, bad, group = LABELLED[name]
    for row in corpora.rows(data / relative):
        if (row.get("text") or "").strip():
            sub = row.get("dataset") if name in ("fnn", "amt") else row.get("generator") or ""
            y = 1 if row["label"] == bad else 0
            yield {
                "id": row["id"],
                "title": row.get("title") or "",
                "text": row["text"],
                "y": y,
                "group": str(row.get(group) or row["id"]),
                "sub": sub,
            }


def score(name: str, rows: list[dict[str, Any]], session: Session, workdir: Path) -> Corpus:
    """Score ``rows`` as one batch; the corpus's features, labels and grades."""
    path = workdir / f"{name}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({"id": row["id"], "title": row["title"], "text": row["text"]}) + "\n")
    return collect(name, Batch([str(path)], session.config.sources), rows, session)


def collect(name: str, batch: Batch, rows: list[dict[str, Any]] | None, session: Session) -> Corpus:
    """Run ``batch``; ``rows`` give each article's label, group and subset (None: unlabelled, -2)."""
    corpus = Corpus(name)
    for report in session.runner.run(lambda: iter(batch), workers=session.workers):
        data = article_dict(report)
        row = rows[report.index] if rows is not None else {"id": report.id, "y": -2, "group": report.id}
        values: dict[str, float] = {}
        truncation = 0.0
        for scorer in data["scorers"]:
            values.update({f"{scorer['name']}.{k}": float(v) for k, v in scorer.get("features", {}).items()})
            if scorer["name"] == TRUNCATION and scorer["subscore"] is not None and name != "xsum":
                truncation = 1.0 - float(scorer["subscore"])
        corpus.values.append(values)
        corpus.y.append(row["y"])
        corpus.groups.append(row["group"])
        corpus.subsets.append(row.get("sub", ""))
        corpus.truncation.append(truncation)
        corpus.words.append(report.words)
        corpus.floors.append(evidence_floor(report.words, len(report.findings), session.runner.scoring))
        corpus.grades.append(report.grade)
        corpus.ids.append(row["id"])
    return corpus


def columns(session: Session) -> list[Column]:
    """Every feature the loaded scorers declare, except the truncation scorer's (sorted by key)."""
    found = [
        Column(scorer.name, feature.name, feature.direction, feature.unit)
        for _, scorer in session.plugins.scorers
        if scorer.name != TRUNCATION
        for feature in scorer.features
    ]
    return sorted(found, key=lambda c: c.key)


def load(data: Path, workers: int = 2) -> tuple[list[Column], dict[str, Corpus]]:
    """Score every corpus with the packaged defaults: the feature columns and the corpora by name."""
    out: dict[str, Corpus] = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        # Features never depend on the model; one with no feature (no model file is read)
        # lets the first fit run before any model exists.
        options = Options(cwd=workdir, overrides={"run": {"workers": workers}})
        session = Session.open(options, model=features_only())
        out["bbc"] = score("bbc", list(bbc(data)), session, workdir)
        out["polnear"] = score("polnear", list(polnear(data)), session, workdir)
        for name in LABELLED:
            out[name] = score(name, list(labelled(data, name)), session, workdir)
        out["seeds"] = collect("seeds", Batch([str(SEEDS)], session.config.sources), None, session)
        return columns(session), out


def main(argv: list[str] | None = None) -> int:
    """Score every corpus and print, per corpus, its articles and how many have each feature."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    found, scored = load(args.data, args.workers)
    print(f"{len(found)} feature(s): {', '.join(c.key for c in found) or '(none declared)'}")
    for name, corpus in scored.items():
        having = min((sum(1 for v in corpus.values if c.key in v) for c in found), default=0)
        print(f"{name:<8} {len(corpus.y):>5} articles, every feature present in at least {having}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
