"""The CI gate and its levers: fail-under floors, baselines, and changed files."""
