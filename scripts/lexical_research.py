"""Third research round for the learned score: function-word stylometry, lexical n-grams, more NELA features.

    .venv/bin/python scripts/lexical_research.py [--data DIR] [--workers N] [--only NAME,...] [--resamples N]

Measured exactly as the model shapes of scripts/feature_research.py are (its
``measure_fit`` and ``paired_interval``): each candidate is one more column of the
shipped model, fitted by ``fit_model.fit_on`` leave one corpus out (FakeNewsNet,
Pérez-Rosas, XSum; FakeNewsNet and Pérez-Rosas with the truncation factor), with a
paired group bootstrap of the held-out AUC change against the shipped model, the
professional copy graded A or B per set, and the seeds' grades. The bar is
``feature_research.shape_clears``: the change's interval above 0 on two of the three
corpora, none lower by more than 0.005, professional copy at A or B >= 90 % in every set,
every seed D or F.

Candidates (all decided before measuring; directions from the literature):

* **Function words** (a closed list of English pronouns, determiners, prepositions,
  auxiliaries, conjunctions and particles, :data:`FUNCTION_WORDS`, written for this
  script). Each word's relative frequency is standardised against the professional
  reference (BBC + PolNeAR) at the article's own length: ``z = (f - p) / sqrt(p (1 - p)
  / n + tau^2)``, ``p`` the reference's pooled rate, ``tau^2`` its between-article
  variance beyond sampling, so a professional article of any length has the same
  expected ``|z|``. ``fw_delta`` is Burrows' Delta (2002) of that profile from
  professional copy, the mean ``|z|`` (problem: further from professional style);
  ``fw_score`` is an L2 logistic regression on the ``z`` vector, fitted on the training
  corpora of each fold only (C 0.1; every corpus and class weighing the same, as the
  shipped fit) and cross-fitted (grouped 5-fold) on those corpora's own rows, so that
  the model above it never sees a score fitted on the row it is fitted on;
  ``fw_class_score`` is the same regression on the seven classes' rates (pronouns,
  determiners, prepositions, ...: :data:`FUNCTION_CLASSES`), a lower-dimensional projection.
* **Lexical n-grams**, a reference for what lexical content can do across corpora, never
  a feature the score could ship (over 100,000 weights, not explainable one by one):
  word 1-2-gram and character 3-5-gram (within words, ``char_wb``) TF-IDF logistic
  regressions (C 1), fitted and cross-fitted like ``fw_score``; and the character
  n-grams of the text with every word outside the function-word list masked letter by
  letter and every digit a ``#`` (Stamatatos 2017, text distortion), which keeps function
  words, word lengths and punctuation and drops the topic, to tell style from content in
  what the character n-grams find. Round 3b, decided after those rows were seen: the
  same with typographic quotation marks, dashes and ellipses made ASCII and any other
  non-ASCII character dropped (is the masked rows' transfer typography?). Also printed:
  each regression alone, held out (LOCO) and within each corpus (grouped 5-fold
  cross-validation).
* **NELA / Horne and Adali 2017 features not measured before**: ``mtld`` (lexical
  diversity robust to length, McCarthy and Jarvis 2010; evidence), factive and
  assertive verbs (Hooper 1975, the bias cues of Recasens et al. 2013 that NELA uses;
  problem).

docs/audit/feature-research.md ("Round 3") holds this script's output.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import corpora
import eval_model
import feature_research
import fit_model
import model_data
import numpy as np
from copydesk import Document, fitting, measures
from copydesk.config import packaged_defaults
from copydesk.fitting import Column
from copydesk.sources import Batch
from feature_research import TARGETS, ShapeResult, _words

SCORER = "research"
LETTERS = re.compile(r"[^\W\d_]+")
DIGITS = re.compile(r"\d+")
#: Typographic characters and their plain ASCII forms (round 3b).
TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u2026": "...",
        "\u00a0": " ",
    }
)
#: Grouped folds of the cross-fitting and of the within-corpus cross-validation.
FOLDS = 5
#: Fewest words for which MTLD is computed (McCarthy and Jarvis 2010 advise 100; fewer is noise).
MTLD_MIN_WORDS = 50
MTLD_THRESHOLD = 0.72

#: A closed list of English function words by class (this project's own, from general knowledge).
FUNCTION_CLASSES: dict[str, frozenset[str]] = {
    "personal pronouns": _words(
        "i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself "
        "she her hers herself it its itself they them their theirs themselves one oneself"
    ),
    "other pronouns": _words(
        "who whom whose which what that whoever whatever whichever anybody anyone anything everybody "
        "everyone everything nobody none nothing somebody someone something"
    ),
    "determiners": _words(
        "a an the this these those another other others each every either neither some any many much more "
        "most few fewer less least several all both half enough such no"
    ),
    "prepositions": _words(
        "about above across after against along amid among around as at before behind below beneath beside "
        "besides between beyond by despite down during except for from in inside into like near of off on "
        "onto out outside over past per since than through throughout till to toward towards under "
        "underneath unlike until up upon via with within without"
    ),
    "auxiliaries": _words(
        "am is are was were be been being have has had having do does did doing will would shall should can "
        "could may might must ought"
    ),
    "conjunctions": _words(
        "and but or nor so yet because although though while whereas if unless whether once when whenever "
        "where wherever"
    ),
    "particles": _words(
        "not never also just only even still already again ever here there now then too very quite rather "
        "almost perhaps however therefore thus instead else"
    ),
}
FUNCTION_WORDS = tuple(sorted(frozenset().union(*FUNCTION_CLASSES.values())))
#: Which class each function word belongs to (a word may belong to several): words x classes.
MEMBERSHIP = np.array([[w in members for members in FUNCTION_CLASSES.values()] for w in FUNCTION_WORDS], dtype=float)
#: Factive verbs (Hooper 1975; Recasens et al. 2013): presuppose that their complement is true.
FACTIVES = _words(
    "realize realizes realized realise realises realised know knows knew known regret regrets regretted "
    "discover discovers discovered reveal reveals revealed notice notices noticed forget forgets forgot "
    "recognize recognizes recognized recognise recognises recognised aware"
)
#: Assertive verbs (Hooper 1975; Recasens et al. 2013): assert a complement whose truth they leave open.
ASSERTIVES = _words(
    "assert asserts asserted insist insists insisted claim claims claimed argue argues argued believe believes "
    "believed think thinks thought suppose supposes supposed guess guessed imagine imagined allege alleges alleged"
)


@dataclass(frozen=True)
class Profile:
    """The professional reference's function-word rates and between-article variances, one per word."""

    rate: np.ndarray
    tau2: np.ndarray

    def z(self, counts: np.ndarray, words: np.ndarray) -> np.ndarray:
        """Rows of length-calibrated z-scores (rows without a word: 0)."""
        n = np.maximum(words, 1.0)[:, None]
        spread = np.sqrt(self.rate * (1.0 - self.rate) / n + self.tau2)
        return np.where(words[:, None] > 0, (counts / n - self.rate) / spread, 0.0)


def function_counts(doc: Document) -> tuple[np.ndarray, int]:
    """Each function word's count in the body, and the body's word count."""
    index = {w: i for i, w in enumerate(FUNCTION_WORDS)}
    counts = np.zeros(len(FUNCTION_WORDS))
    forms = doc.body.tokens.forms
    for form in forms:
        i = index.get(form)
        if i is not None:
            counts[i] += 1.0
    return counts, len(forms)


def profile(counts: np.ndarray, words: np.ndarray) -> Profile:
    """The reference's pooled rates, and each rate's variance across articles beyond binomial sampling (floored)."""
    rate = counts.sum(axis=0) / max(words.sum(), 1.0)
    n = np.maximum(words, 1.0)[:, None]
    observed = ((counts / n - rate) ** 2).mean(axis=0)
    sampling = (rate * (1.0 - rate) / n).mean(axis=0)
    return Profile(rate, np.maximum(observed - sampling, 1e-8))


def mtld_pass(forms: Sequence[str]) -> float:
    """One direction of MTLD: words per factor (a factor ends where the running TTR falls to 0.72)."""
    factors, types, count, ttr = 0.0, set(), 0, 1.0
    for form in forms:
        count += 1
        types.add(form)
        ttr = len(types) / count
        if ttr <= MTLD_THRESHOLD:
            factors, types, count, ttr = factors + 1.0, set(), 0, 1.0
    if count:
        factors += (1.0 - ttr) / (1.0 - MTLD_THRESHOLD)
    return len(forms) / factors if factors else float(len(forms))


def mtld(doc: Document) -> float | None:
    """MTLD (McCarthy and Jarvis 2010): the mean of the forward and the backward pass; None under 50 words."""
    forms = doc.body.tokens.forms
    if len(forms) < MTLD_MIN_WORDS:
        return None
    return (mtld_pass(forms) + mtld_pass(forms[::-1])) / 2.0


def _rate(lexicon: frozenset[str]) -> Callable[[Document], float | None]:
    """Words of ``lexicon`` in the body per 1,000 words (floor 300, as the problem densities)."""

    def compute(doc: Document) -> float | None:
        forms = doc.body.tokens.forms
        return measures.per_1000(sum(1 for w in forms if w in lexicon), len(forms))

    return compute


@dataclass(frozen=True)
class Fixed:
    """A candidate whose value depends on the article alone (and the professional reference)."""

    name: str
    direction: str
    unit: str
    source: str


@dataclass(frozen=True)
class Fitted:
    """A candidate whose value is a regression fitted on each fold's training corpora (cross-fitted on them)."""

    name: str
    source: str
    features: str
    c: float
    shippable: bool


FIXED = (
    Fixed("fw_delta", "problem", "ratio", "Burrows 2002 (Delta from professional function-word use)"),
    Fixed("mtld", "evidence", "ratio", "McCarthy & Jarvis 2010; Horne & Adali 2017 (lexical diversity)"),
    Fixed("factives_per_1000_words", "problem", "per_1000_words", "Hooper 1975; Recasens et al. 2013 (NELA bias)"),
    Fixed("assertives_per_1000_words", "problem", "per_1000_words", "Hooper 1975; Recasens et al. 2013 (NELA bias)"),
)
FITTED = (
    Fitted("fw_score", "function-word L2 logistic regression", "function", 0.1, True),
    Fitted("fw_class_score", "function-word class L2 logistic regression (7 classes)", "class", 0.1, True),
    Fitted("word_ngram_score", "word 1-2-gram TF-IDF regression (reference only)", "word", 1.0, False),
    Fitted("char_ngram_score", "char 3-5-gram TF-IDF regression (reference only)", "char", 1.0, False),
    Fitted("masked_char_ngram_score", "char 3-5-grams, content words masked (reference only)", "masked", 1.0, False),
    # Decided after the rows above were seen (round 3b): is the masked rows' transfer typography?
    Fitted(
        "masked_plain_char_ngram_score",
        "round 3b: the same, typography made plain ASCII (reference only)",
        "masked-plain",
        1.0,
        False,
    ),
)
COMPUTE: dict[str, Callable[[Document], float | None]] = {
    "mtld": mtld,
    "factives_per_1000_words": _rate(FACTIVES),
    "assertives_per_1000_words": _rate(ASSERTIVES),
}
#: Every corpus the fits read, in a fixed order.
ALL = ("bbc", "polnear", *model_data.LABELLED, "seeds")


def seed_documents() -> dict[str, Document]:
    """The seeds as the core reads them, by the id their reports carry."""
    batch = Batch([str(model_data.SEEDS)], packaged_defaults()["sources"])
    return {a.id: Document.from_article(a) for a in batch if not hasattr(a, "reason")}


@dataclass
class Texts:
    """Per corpus, in the scored rows' order: body text, function-word counts and word counts; the reference profile."""

    text: dict[str, list[str]]
    counts: dict[str, np.ndarray]
    words: dict[str, np.ndarray]
    reference: Profile | None = None
    classes: Profile | None = None


def read_texts(scored: dict[str, model_data.Corpus], docs: dict[str, dict[str, Document]]) -> Texts:
    """Every scored article's body, function-word counts and word count; the fixed candidates into its values."""
    texts = Texts({}, {}, {})
    for name in ALL:
        by_id, rows = docs[name], scored[name]
        found = [function_counts(by_id[i]) for i in rows.ids]
        texts.text[name] = [by_id[i].body.text for i in rows.ids]
        texts.counts[name] = np.array([c for c, _ in found]).reshape(len(found), len(FUNCTION_WORDS))
        texts.words[name] = np.array([float(n) for _, n in found])
        for row, ident in zip(rows.values, rows.ids, strict=True):
            for key, compute in COMPUTE.items():
                value = compute(by_id[ident])
                if value is not None:
                    row[f"{SCORER}.{key}"] = float(value)
    reference = profile(
        np.vstack([texts.counts["bbc"], texts.counts["polnear"]]),
        np.concatenate([texts.words["bbc"], texts.words["polnear"]]),
    )
    for name in ALL:
        delta = np.abs(reference.z(texts.counts[name], texts.words[name])).mean(axis=1)
        for row, value, n in zip(scored[name].values, delta, texts.words[name], strict=True):
            if n > 0:
                row[f"{SCORER}.fw_delta"] = float(value)
    texts.reference = reference
    texts.classes = profile(
        np.vstack([texts.counts["bbc"], texts.counts["polnear"]]) @ MEMBERSHIP,
        np.concatenate([texts.words["bbc"], texts.words["polnear"]]),
    )
    return texts


def design(texts: Texts, kind: str, train: Sequence[str]) -> Callable[[str], object]:
    """A function from corpus name to that corpus's design matrix for ``kind`` (TF-IDF learned on ``train``)."""
    if kind in ("function", "class"):
        reference, classes = texts.reference, texts.classes
        assert reference is not None and classes is not None, "read_texts sets the reference profiles"
        if kind == "class":
            return lambda name: classes.z(texts.counts[name] @ MEMBERSHIP, texts.words[name])
        return lambda name: reference.z(texts.counts[name], texts.words[name])
    from sklearn.feature_extraction.text import TfidfVectorizer

    if kind == "word":
        vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=100_000)
    else:
        vectoriser = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True, max_features=100_000
        )
    read = {"masked": masked, "masked-plain": plain_masked}.get(kind, str)
    vectoriser.fit([read(t) for n in train for t in texts.text[n]])
    return lambda name: vectoriser.transform([read(t) for t in texts.text[name]])


def masked(text: str) -> str:
    """``text`` with every letter of a word outside :data:`FUNCTION_WORDS` an asterisk, every digit a hash
    (Stamatatos 2017, text distortion): what remains is function words, word lengths and punctuation."""
    kept = frozenset(FUNCTION_WORDS)
    text = DIGITS.sub(lambda m: "#" * len(m.group()), text)
    return LETTERS.sub(lambda m: m.group() if m.group().lower() in kept else "*" * len(m.group()), text)


def plain_masked(text: str) -> str:
    """:func:`masked` of ``text`` with curly quotation marks, dashes and ellipses made ASCII, other non-ASCII dropped."""
    return masked(text.translate(TYPOGRAPHY)).encode("ascii", "ignore").decode("ascii")


def _stack(parts: list[object]) -> object:
    """Rows of dense or sparse matrices, one below the other."""
    from scipy import sparse

    if any(sparse.issparse(p) for p in parts):
        return sparse.vstack(parts).tocsr()
    return np.vstack(parts)  # type: ignore[call-overload]


def _regression(x: object, y: np.ndarray, weights: np.ndarray, c: float) -> object:
    """An L2 logistic regression."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000).fit(x, y, sample_weight=weights)


def _folds(groups: Sequence[str]) -> np.ndarray:
    """A fold number per row, whole groups together (deterministic: groups in sorted order, dealt in turn)."""
    names = sorted(set(groups))
    rng = np.random.default_rng(eval_model.SEED)
    fold = {name: i % FOLDS for i, name in enumerate(rng.permutation(names))}
    return np.array([fold[g] for g in groups])


def fitted_values(
    candidate: Fitted, texts: Texts, scored: dict[str, model_data.Corpus], train: Sequence[str]
) -> dict[str, np.ndarray]:
    """The candidate's value per corpus: cross-fitted on ``train``'s rows, the whole-``train`` fit elsewhere."""
    matrix = design(texts, candidate.features, train)
    x = _stack([matrix(n) for n in train])
    y = np.concatenate([np.array(scored[n].y) for n in train])
    corpus = [n for n in train for _ in scored[n].y]
    weights = fitting.balanced_weights(corpus, y)
    groups = [f"{n}:{g}" for n in train for g in scored[n].groups]
    fold = _folds(groups)
    inside = np.zeros(len(y))
    for k in range(FOLDS):
        model = _regression(x[fold != k], y[fold != k], weights[fold != k], candidate.c)  # type: ignore[index]
        inside[fold == k] = model.decision_function(x[fold == k])  # type: ignore[attr-defined, index]
    whole = _regression(x, y, weights, candidate.c)
    out, start = {}, 0
    for name in ALL:
        if name in train:
            out[name] = inside[start : start + len(scored[name].y)]
            start += len(scored[name].y)
        else:
            out[name] = whole.decision_function(matrix(name))  # type: ignore[attr-defined]
    return out


def with_values(
    scored: dict[str, model_data.Corpus], key: str, values: dict[str, np.ndarray]
) -> dict[str, model_data.Corpus]:
    """Copies of the corpora with ``key`` set in every row."""
    out = dict(scored)
    for name, found in values.items():
        rows = [{**v, key: float(x)} for v, x in zip(scored[name].values, found, strict=True)]
        out[name] = replace(scored[name], values=rows)
    return out


def alone(candidate: Fitted, texts: Texts, scored: dict[str, model_data.Corpus], resamples: int) -> str:
    """One row: the regression alone, held out (LOCO, with its interval) and within each corpus (5-fold CV)."""
    cells = []
    for name in TARGETS:
        train = [n for n in model_data.TRAINING if n != name]
        found = -fitted_values(candidate, texts, scored, train)[name]  # a low score means unreliable
        low, high = eval_model.interval(scored[name].y, found, scored[name].groups, resamples)
        cells.append(f"{eval_model.auc(scored[name].y, found):.3f} [{low:.2f}, {high:.2f}]")
    for name in TARGETS:
        inside = -fitted_values(candidate, texts, scored, [name])[name]
        cells.append(f"{eval_model.auc(scored[name].y, inside):.3f}")
    return f"| {candidate.source} | {' | '.join(cells)} |"


def measure_fitted(
    candidate: Fitted, columns: list[Column], texts: Texts, scored: dict[str, model_data.Corpus]
) -> ShapeResult:
    """The shipped features plus the candidate, each fold with the candidate fitted on its training corpora."""
    column = Column(SCORER, candidate.name, "problem", "ratio")
    cache: dict[tuple[str, ...], dict[str, model_data.Corpus]] = {}

    def data(names: Sequence[str]) -> dict[str, model_data.Corpus]:
        if tuple(names) not in cache:
            values = fitted_values(candidate, texts, scored, names)
            cache[tuple(names)] = with_values(scored, column.key, values)
        return cache[tuple(names)]

    return feature_research.measure_fit(
        lambda names: fit_model.fit_on([*columns, column], data(names), names), scored, data
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated candidate names (default: all)")
    parser.add_argument("--resamples", type=int, default=1000, help="bootstrap draws per corpus and candidate")
    args = parser.parse_args(argv)
    only = set(filter(None, args.only.split(",")))
    unknown = sorted(only - {c.name for c in (*FIXED, *FITTED)})
    if unknown:  # before the corpora are scored (minutes)
        parser.error(f"--only: no candidate named {', '.join(unknown)}")
    started = time.monotonic()
    columns, scored = model_data.load(args.data, args.workers)
    run(columns, scored, {**feature_research.documents(args.data), "seeds": seed_documents()}, only, args.resamples)
    print(
        f"\n({len(columns)} shipped features, {len(FUNCTION_WORDS)} function words; {time.monotonic() - started:.0f} s)"
    )
    return 0


def run(
    columns: list[Column],
    scored: dict[str, model_data.Corpus],
    docs: dict[str, dict[str, Document]],
    only: set[str],
    resamples: int,
) -> None:
    """Print both tables: the regressions alone, then each candidate added to the shipped model."""
    texts = read_texts(scored, docs)
    fitted = [c for c in FITTED if not only or c.name in only]
    loco = " | ".join(f"LOCO {eval_model.NAMES[n]} [95 %]" for n in TARGETS)
    within = " | ".join(f"within {eval_model.NAMES[n]} (5-fold)" for n in TARGETS)
    base = feature_research.measure_fit(lambda names: fit_model.fit_on(columns, scored, names), scored)
    if fitted:
        print("\nEach regression alone (its score as the article's score)\n")
        print(f"| regression | {loco} | {within} |")
        print("|---" * 7 + "|")
        shipped = []
        for name in TARGETS:
            low, high = eval_model.interval(scored[name].y, base.held_out[name], scored[name].groups, resamples)
            shipped.append(f"{base.loco[name]:.3f} [{low:.2f}, {high:.2f}]")
        print(f"| shipped model (66 features) | {' | '.join(shipped)} | | | |")
        for candidate in fitted:
            print(alone(candidate, texts, scored, resamples), flush=True)
    sets = ["BBC", *model_data.PROFESSIONAL_POLNEAR, "all"]
    paired = " | ".join(f"LOCO {eval_model.NAMES[n]} [paired 95 %]" for n in TARGETS)
    print("\nEach candidate added to the shipped features (against the shipped model's fit)\n")
    singles = " | ".join(f"single {eval_model.NAMES[n]}" for n in TARGETS)
    print(f"| candidate | direction | source | {singles} | {paired} | A/B {' / '.join(sets)} | seeds | FA-KES | bar |")
    print("|---" * 13 + "|")
    zero = {n: (0.0, 0.0) for n in TARGETS}
    print(line("shipped model (fit_model.fit_on) | | | | | |", base, base, zero, ""))
    for fixed in (c for c in FIXED if not only or c.name in only):
        column = Column(SCORER, fixed.name, fixed.direction, fixed.unit)
        result = feature_research.measure_fit(
            lambda names, c=column: fit_model.fit_on([*columns, c], scored, names), scored
        )
        found = feature_research.Candidate(fixed.name, fixed.direction, fixed.unit, fixed.source, lambda _: None)
        cells = " | ".join(feature_research.single_auc(found, scored[n]) for n in TARGETS)
        report(f"`{fixed.name}` | {fixed.direction} | {fixed.source} | {cells} |", result, base, scored, resamples)
    for candidate in fitted:
        result = measure_fitted(candidate, columns, texts, scored)
        report(f"`{candidate.name}` | problem | {candidate.source} | (above) | | |", result, base, scored, resamples)


def report(
    label: str,
    result: ShapeResult,
    base: ShapeResult,
    scored: dict[str, model_data.Corpus],
    resamples: int,
) -> None:
    """Print one candidate's row with its paired intervals and the bar's verdict."""
    intervals = {
        n: feature_research.paired_interval(scored[n], base.held_out[n], result.held_out[n], resamples) for n in TARGETS
    }
    verdict = "clears" if feature_research.shape_clears(result, base, intervals) else ""
    print(line(label, result, base, intervals, verdict), flush=True)


def line(
    label: str,
    result: ShapeResult,
    base: ShapeResult,
    intervals: dict[str, tuple[float, float]],
    verdict: str,
) -> str:
    """A table row after ``label`` (its first cells): held-out AUC, change and paired interval per corpus,
    professional A/B, seeds, FA-KES, verdict."""
    cells = " | ".join(
        f"{result.loco[n]:.3f} ({result.loco[n] - base.loco[n]:+.3f} [{intervals[n][0]:+.3f}, {intervals[n][1]:+.3f}])"
        for n in TARGETS
    )
    sets = ["BBC", *model_data.PROFESSIONAL_POLNEAR, "all"]
    good = " / ".join(f"{100 * result.professional[s]:.1f}" for s in sets)
    return f"| {label} {cells} | {good} | {result.seeds} | {result.fakes:.3f} | {verdict} |"


if __name__ == "__main__":
    sys.exit(main())
