"""Boilerplate's own sorted-unique helpers give exactly numpy's ``np.unique`` arrays, without importing numpy.ma."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from copydesk.plugins.boilerplate import hashing


def _cases() -> list[np.ndarray]:
    rng = np.random.default_rng(15)
    return [
        np.zeros(0, dtype=np.uint64),
        np.array([7], dtype=np.uint64),
        np.array([2**64 - 1, 0, 2**64 - 1, 5, 0], dtype=np.uint64),
        rng.integers(0, 50, size=1000, dtype=np.uint64),
        rng.integers(0, 2**63, size=5000, dtype=np.uint64) * np.uint64(2),
    ]


@pytest.mark.parametrize("values", _cases(), ids=["empty", "one", "extremes", "many-repeats", "few-repeats"])
def test_unique_and_counts_equal_numpys(values: np.ndarray) -> None:
    """Same values, counts and dtypes as np.unique, so every hash count of the batch pass is unchanged."""
    expected = np.unique(values)
    got = hashing.unique(values)
    assert got.dtype == expected.dtype and got.tolist() == expected.tolist()
    expected_values, expected_counts = np.unique(values, return_counts=True)
    got_values, got_counts = hashing.unique_counts(values)
    assert got_values.dtype == expected_values.dtype and got_values.tolist() == expected_values.tolist()
    assert got_counts.dtype == expected_counts.dtype and got_counts.tolist() == expected_counts.tolist()


def test_hashing_and_counting_do_not_import_numpy_ma() -> None:
    """np.unique's first call imports numpy.ma (about 20 ms in every process); the batch pass's hashing does not."""
    code = (
        "import sys; from copydesk.plugins.boilerplate import hashing as h;"
        "c = h.HashCounter(); c.add(h.hash_array(['a b', 'c d', 'a b'])); c.add(h.hash_array(['a b'])); c.flush();"
        "print(c.counts.tolist(), 'numpy.ma' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("]")[1].split() == ["False"]
