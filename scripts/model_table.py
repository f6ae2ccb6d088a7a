"""Print the shipped model's features as the Markdown table in docs/scoring.md.

    .venv/bin/python scripts/model_table.py [--model FILE]

One row per feature of core/data/model.json (or ``--model``), heaviest first: scorer,
feature, unit, direction, the professional reference's 10th, 50th and 90th
percentiles (the norms), the weight the logistic regression learned and the total
weight (learned + the uniform prior). Then the model's scale, prior and grade shares.
Needs no corpora: everything is read from the model file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from copydesk.modelfile import load_model, packaged_model_path


def _number(value: float) -> str:
    """A quantile, to 3 significant digits."""
    return f"{value:.3g}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=packaged_model_path())
    args = parser.parse_args(argv)
    model = load_model(args.model)
    print("| scorer | feature | unit | direction | p10 | median | p90 | learned | weight |")
    print("|---|---|---|---|---|---|---|---|---|")
    for f in sorted(model.features, key=lambda f: (-f.weight, f.key)):
        q = f.quantiles
        print(
            f"| {f.scorer} | `{f.name}` | {f.unit} | {f.direction} | {_number(q[10])} | {_number(q[50])} | "
            f"{_number(q[90])} | {f.learned:.3f} | {f.weight:.3f} |"
        )
    training = model.training
    print(
        f"\n{len(model.features)} features; {sum(1 for f in model.features if f.learned > 0)} with a learned weight; "
        f"prior weight {training.get('prior_weight')} ({training.get('prior')} x the mean learned weight); "
        f"C {training.get('c')}; scale k {model.scale}; reference {model.reference_size} articles"
    )
    shares = ", ".join(f"{band} {100 * share:.1f} %" for band, share in model.grade_shares.items())
    print(f"grades of the reference: {shares}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
