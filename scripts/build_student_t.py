"""Write core/data/student_t975.bin: the roll-up interval's Student-t quantile for 1 to 100,000 degrees of freedom.

Each source's 95 % interval multiplies by ``scipy.special.stdtrit(n - 1, 0.975)``.
Importing scipy at the end of every run costs CPU time and memory; measure it (numpy is
already imported in a run, by boilerplate's MinHash) with:

    .venv/bin/python -c "import numpy, resource, time; t = time.process_time(); \\
        r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; import scipy.special; \\
        print(time.process_time() - t, 's', (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - r) / 1024, 'MiB')"

or ``.venv/bin/python -X importtime -c "import scipy.special"`` for where the time goes.
So the roll-up (``copydesk.rollup.t_quantile``) reads the quantile from this table
(zlib-compressed little-endian doubles, exactly scipy's values: ``tests/core/test_ledger.py``
checks them) and asks scipy only for a source of more than 100,001 scored articles, or
when the table cannot be read (a warning, same values). Rebuild after upgrading scipy:

    .venv/bin/python scripts/build_student_t.py
"""

from __future__ import annotations

import array
import sys
import zlib

from copydesk.rollup import T_QUANTILE_FILE, T_QUANTILE_MAX_DF, t_quantile_from_scipy


def main() -> None:
    """Compute every quantile with scipy, one call each, and write the file."""
    values = array.array("d", (t_quantile_from_scipy(df) for df in range(1, T_QUANTILE_MAX_DF + 1)))
    if sys.byteorder != "little":
        values.byteswap()
    T_QUANTILE_FILE.write_bytes(zlib.compress(values.tobytes(), 9))
    print(f"wrote {T_QUANTILE_FILE}: {len(values):,} quantiles, {T_QUANTILE_FILE.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
