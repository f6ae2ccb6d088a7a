"""Fit the page-chrome model of the boilerplate scorer (TPL006) on L3S-GN1 blocks.

Writes ``plugins/boilerplate/data/chrome_model.json``: a scikit-learn logistic
regression over the general line features of ``chrome.features`` (length,
function-word share, closing punctuation, position against the main text run, repeats in
other pages of the batch), stored as plain coefficients. Before fitting on every page it
prints a page-split cross-validation of the whole scorer (model OR lexicon/batch rules,
each test fold scored as its own batch), the honest estimate for unseen pages.

    .venv/bin/python scripts/train_boilerplate.py [--data /work/shared/data] [--folds 4] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

import corpora
import numpy as np
from copydesk.models import Context
from copydesk.plugins import boilerplate
from copydesk.plugins.boilerplate import batch as batch
from copydesk.plugins.boilerplate.chrome import FEATURES, features, other_articles
from copydesk.text import Document
from eval_boilerplate import Page, load_pages, page_article, report
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

MODEL = Path(__file__).resolve().parents[1] / "plugins" / "data" / "boilerplate" / "chrome_model.json"
#: Function words whose share separates running text from navigation (as in jusText).
STOPWORDS = sorted(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers him his how i if in into is
    it its itself just me more most my no nor not now of off on once only or other our
    ours out over own said same says she should so some such than that the their theirs
    them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your""".split()
)
THRESHOLDS = (0.4, 0.5, 0.6, 0.7)
Rows = tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]


def rows(pages: list[Page]) -> Rows:
    """Features, gold labels and rule-based flags (chrome model off) of pages scored as one batch."""
    settings = {**boilerplate.SCORER.settings, "chrome_model": False}
    docs = [Document.from_article(page_article(p)) for p in pages]
    state = batch.start(settings)
    for doc in docs:
        batch.observe(state, doc)
    stats = batch.finish(state)
    x: list[list[float]] = []
    gold: list[bool] = []
    ruled: list[bool] = []
    for page, doc in zip(pages, docs, strict=True):
        lines = [doc.body.text[line.start : line.end] for line in doc.body.lines]
        x += features(lines, other_articles(doc, stats), frozenset(STOPWORDS))
        gold += [b for _, b in page[1]]
        flags = [False] * len(lines)
        for seg in boilerplate.segment(doc, Context(settings=settings, batch=stats)):
            flags[doc.body.line_col(seg.start)[0] - 1] = True
        ruled += flags
    return np.array(x), np.array(gold), np.array(ruled)


def cleaned(pages: list[Page]) -> list[Page]:
    """The pages as a perfect cleaner would leave them: content blocks only (augmentation).

    L3S pages always open and close with chrome, so without these the model would learn
    that the first and last lines of any document are chrome; cleaned pages teach it that
    a document of running text and headings is content wherever its lines sit.
    """
    return [(page + ":clean", [(t, False) for t, b in blocks if not b]) for page, blocks in pages]


def training_rows(pages: list[Page]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Rows of the pages (one batch) and of their cleaned copies (another batch)."""
    x, y, _ = rows(pages)
    cx, cy, _ = rows([p for p in cleaned(pages) if p[1]])
    return np.concatenate([x, cx]), np.concatenate([y, cy])


def fit(x: np.ndarray[Any, Any], y: np.ndarray[Any, Any]) -> tuple[StandardScaler, LogisticRegression]:
    """Scale and fit the logistic regression."""
    scaler = StandardScaler().fit(x)
    return scaler, LogisticRegression(C=1.0, max_iter=5000).fit(scaler.transform(x), y)


def cross_validate(pages: list[Page], folds: int) -> None:
    """Page-split cross-validation of model OR rules; each test fold is its own batch."""
    order = list(range(len(pages)))
    random.Random(7).shuffle(order)
    gold_all: list[bool] = []
    chance_all: list[float] = []
    ruled_all: list[bool] = []
    for fold in range(folds):
        test = [pages[i] for i in order[fold::folds]]
        train = [pages[i] for k, i in enumerate(order) if k % folds != fold]
        scaler, model = fit(*training_rows(train))
        tx, ty, truled = rows(test)
        gold_all += list(ty)
        chance_all += list(model.predict_proba(scaler.transform(tx))[:, 1])
        ruled_all += list(truled)
    for threshold in THRESHOLDS:
        pred = [bool(r) or c >= threshold for r, c in zip(ruled_all, chance_all, strict=True)]
        report(gold_all, pred, f"{folds}-fold page-split cross-validation, chrome_threshold {threshold}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--dry-run", action="store_true", help="cross-validate only; do not write the model")
    args = parser.parse_args()
    pages = load_pages(args.data)
    cross_validate(pages, args.folds)
    if args.dry_run:
        return
    x, y = training_rows(pages)
    scaler, model = fit(x, y)
    params = {
        "_comment": "Page-chrome model of the boilerplate scorer; regenerate with scripts/train_boilerplate.py.",
        "trained_on": f"L3S-GN1 dev split: {len(pages)} pages and their cleaned copies, {len(y)} lines",
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in scaler.mean_],
        "scale": [round(float(v), 6) for v in scaler.scale_],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "stopwords": STOPWORDS,
    }
    MODEL.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
