"""``--changed-since REF``: only the articles a pull request adds or modifies.

The changed files are those that differ between the merge base of ``REF`` and
``HEAD`` and the working tree (added, copied, modified, renamed or type-changed;
deleted files are not articles any more), plus untracked files that git does not
ignore. Comparing against the merge base, as ``git diff REF...`` does, keeps
commits that landed on ``REF`` after the branch was made out of the run.

The paths given on the command line still decide what is read: a changed file is
checked when it is one of them, or lies under one of them and passes the
``[sources]`` include/exclude globs. Git runs in the repository that holds each path
(the working directory may be elsewhere, or another repository); a path in no
repository is a usage error naming it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from copydesk.errors import UsageError
from copydesk.safety import shown
from copydesk.sources import STDIN, Batch


class GitFailed(UsageError):
    """A git command ran and failed (its last line of standard error is the message)."""


def _git(args: Sequence[str], cwd: Path) -> str:
    """Run git and return its output; any failure is a usage error naming the command."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False, timeout=120
        )
    except FileNotFoundError:
        raise UsageError("--changed-since needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {' '.join(args)} took longer than 120 s") from None
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise GitFailed(f"--changed-since: git {args[0]}: {message}")
    return done.stdout


def changed_files(ref: str, cwd: Path) -> set[Path]:
    """Resolved paths of files added or modified since the merge base of ``ref`` and HEAD."""
    if ref.startswith("-"):
        raise UsageError(f"--changed-since: {shown(ref)} is not a git revision")
    root = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    base = _git(["merge-base", ref, "HEAD"], cwd).strip()
    diff = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACMRT", base, "--"], root)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], root)
    names = [n for n in (diff + untracked).split("\0") if n]
    return {(root / name).resolve() for name in names}


def filter_paths(paths: Sequence[str], ref: str, sources: Mapping[str, Any], cwd: Path | None = None) -> list[str]:
    """The files among (or under) ``paths`` changed since ``ref``, in the batch's order.

    Files keep the form their path was given in (relative paths stay relative to
    ``cwd``), so article ids, and with them baseline fingerprints, do not change.
    """
    return split_paths(paths, ref, sources, cwd)[0]


def split_paths(
    paths: Sequence[str], ref: str, sources: Mapping[str, Any], cwd: Path | None = None
) -> tuple[list[str], list[str]]:
    """:func:`filter_paths`, and every file among (or under) ``paths``, changed or not, each once, in the same forms.

    The second list is what the batch pass reads (near-duplicates and contradictory
    figures are looked for among all of them); the first, what is scored, reported and
    gated. An article has the same id in both, as batch statistics are kept by id.
    """
    here = cwd or Path.cwd()
    if STDIN in paths:
        raise UsageError("--changed-since cannot be used with standard input (-)")
    if ref.startswith("-"):
        raise UsageError(f"--changed-since: {shown(ref)} is not a git revision")
    by_repository: dict[Path, set[Path]] = {}
    keep: list[str] = []
    every: dict[Path, str] = {}
    for given in paths:
        absolute = os.path.isabs(given)
        root = _repository(here / given, given)
        if root not in by_repository:
            by_repository[root] = changed_files(ref, root)
        changed = by_repository[root]
        for path in Batch([given if absolute else str(here / given)], sources).files():
            form = path if absolute else os.path.relpath(path, here)
            resolved = Path(path).resolve()
            every.setdefault(resolved, form)
            if resolved in changed:
                keep.append(form)
    return keep, list(every.values())


def _repository(path: Path, given: str) -> Path:
    """The top folder of the git repository holding ``path`` (its nearest existing folder); else a UsageError."""
    folder = path if path.is_dir() else path.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], folder).strip()).resolve()
    except GitFailed:
        raise UsageError(f"--changed-since: {shown(given)} is in no git repository") from None
