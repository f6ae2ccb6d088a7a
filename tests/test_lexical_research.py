"""scripts/lexical_research.py: its length-calibrated function-word profile, MTLD, and the cross-fitted scores."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from copydesk import Article, Document
from support import load_script

lexical_research = load_script("lexical_research")
model_data = load_script("model_data")


def test_an_unknown_candidate_is_refused_before_any_corpus_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        lexical_research.main(["--only", "fw_delta,no_such_feature", "--data", str(tmp_path / "absent")])
    assert exit_info.value.code == 2
    assert "no candidate named no_such_feature" in capsys.readouterr().err


def _professional(rng: np.random.Generator, rates: np.ndarray, words: int, articles: int) -> np.ndarray:
    """Function-word counts of articles whose own rates vary around ``rates``, at ``words`` words each."""
    own = np.clip(rates * rng.lognormal(0.0, 0.3, (articles, rates.size)), 0.0, 0.5)
    return rng.binomial(words, own).astype(float)


def test_delta_from_the_professional_profile_does_not_grow_as_a_professional_text_gets_shorter() -> None:
    rng = np.random.default_rng(11)
    rates = rng.uniform(0.0005, 0.05, len(lexical_research.FUNCTION_WORDS))
    lengths = rng.integers(100, 1500, 600).astype(float)
    reference = np.vstack([_professional(rng, rates, int(n), 1) for n in lengths])
    profile = lexical_research.profile(reference, lengths)
    delta = {}
    for words in (80, 300, 1200):
        counts = _professional(rng, rates, words, 300)
        delta[words] = float(np.abs(profile.z(counts, np.full(300, float(words)))).mean())
    assert max(delta.values()) - min(delta.values()) < 0.1 * min(delta.values())


def _doc(text: str) -> Document:
    return Document.from_article(Article("t", "", text))


def test_mtld_is_lower_for_repetitive_text_and_keeps_its_value_as_the_text_grows() -> None:
    cycle = "alpha bravo charlie delta echo foxtrot golf hotel".split()
    varied = " ".join(f"word{i}" for i in range(240))
    short = lexical_research.mtld(_doc(" ".join(cycle * 15)))
    long = lexical_research.mtld(_doc(" ".join(cycle * 60)))
    assert short is not None and long is not None
    assert short < lexical_research.mtld(_doc(varied))
    assert long == pytest.approx(short, rel=0.1)
    assert lexical_research.mtld(_doc(" ".join(cycle))) is None  # under 50 words: no value


def test_a_fitted_score_on_its_own_training_rows_never_reads_their_labels() -> None:
    rng = np.random.default_rng(2)
    size = len(lexical_research.FUNCTION_WORDS)
    scored, texts = {}, lexical_research.Texts({}, {}, {})
    for name in lexical_research.ALL:
        rows = 120
        scored[name] = model_data.Corpus(
            name,
            values=[{} for _ in range(rows)],
            y=list(rng.integers(0, 2, rows)),
            groups=[str(i) for i in range(rows)],
        )
        texts.counts[name] = rng.poisson(3.0, (rows, size)).astype(float)  # noise: no word tells the label
        texts.words[name] = np.full(rows, 400.0)
        texts.text[name] = [""] * rows
    texts.reference = lexical_research.profile(texts.counts["bbc"], texts.words["bbc"])
    texts.classes = lexical_research.profile(texts.counts["bbc"] @ lexical_research.MEMBERSHIP, texts.words["bbc"])
    noisy = lexical_research.Fitted("noise", "test", "function", 100.0, False)
    train = ["fnn", "amt"]
    found = lexical_research.fitted_values(noisy, texts, scored, train)
    y = np.concatenate([scored[n].y for n in train])
    inside = np.concatenate([found[n] for n in train])
    auc = lexical_research.eval_model.auc
    assert abs(auc(y, -inside) - 0.5) < 0.1  # an in-sample fit of 225 columns on 240 rows would be near 1


def test_masking_keeps_function_words_punctuation_and_word_lengths_and_hides_every_other_letter_and_digit() -> None:
    text = "The senator said, in 2016, that the tax was not \u201cfair\u201d."
    assert lexical_research.masked(text) == "The ******* ****, in ####, that the *** was not \u201c****\u201d."
    assert lexical_research.plain_masked(text) == 'The ******* ****, in ####, that the *** was not "****".'
