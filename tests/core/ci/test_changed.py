"""``--changed-since REF``: only articles added or modified since the merge base with REF."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cdci_helpers import CLEAN, Desk
from copydesk.errors import EXIT_OK, EXIT_USAGE, UsageError

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = desk.root
    monkeypatch.chdir(root)
    git(root, "init", "-q", "-b", "main")
    desk.write("articles/old.txt", CLEAN)
    desk.write("articles/edited.txt", CLEAN)
    desk.write("articles/gone.txt", CLEAN)
    desk.write("notes.txt", CLEAN)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "pr")
    desk.write("articles/added.md", "# Added\n\nA bad new article.\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "add")
    desk.write("articles/edited.txt", CLEAN + "\nOne more bad line.\n")  # modified, not committed
    desk.write("articles/untracked.txt", CLEAN)
    desk.write("articles/skip.py", "print('not an article')\n")  # not matched by [sources] include
    (root / "articles" / "gone.txt").unlink()
    git(root, "checkout", "-q", "main")
    desk.write("articles/later-on-main.txt", CLEAN)  # landed on main after the branch: not ours
    git(root, "add", "articles/later-on-main.txt")
    git(root, "commit", "-q", "-m", "main moves on")
    git(root, "checkout", "-q", "pr")
    return root


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (["articles"], ["articles/added.md", "articles/edited.txt", "articles/untracked.txt"]),
        (["."], ["articles/added.md", "articles/edited.txt", "articles/untracked.txt"]),
        (["articles/old.txt", "articles/added.md"], ["articles/added.md"]),
        (["notes.txt"], []),
    ],
)
def test_only_changed_files(desk: Desk, repo: Path, paths: list[str], expected: list[str]) -> None:
    result = desk.run(paths, ["json"], {"fail_on": "none"}, changed_since="main")
    assert result.code == EXIT_OK, result.err
    ids = [a["id"] for a in json.loads(result.stdout)["articles"]]
    assert sorted(i.removeprefix("./") for i in ids) == expected
    assert f"{len(expected)} file(s) changed since main" in result.err


@pytest.mark.parametrize(
    ("ref", "paths", "message"),
    [
        ("no-such-branch", ["articles"], "--changed-since: git merge-base"),
        ("--output=x", ["articles"], "is not a git revision"),
        ("main", ["-"], "cannot be used with standard input"),
    ],
)
def test_bad_refs(desk: Desk, repo: Path, ref: str, paths: list[str], message: str) -> None:
    with pytest.raises(UsageError, match=message) as info:
        desk.run(paths, ["json"], {"fail_on": "none"}, changed_since=ref)
    assert info.value.exit_code == EXIT_USAGE


def test_outside_a_repository(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(desk.root)
    desk.write("a.txt", CLEAN)
    with pytest.raises(UsageError, match=r"--changed-since: 'a\.txt' is in no git repository"):
        desk.run(["a.txt"], ["json"], {"fail_on": "none"}, changed_since="main")


def test_git_runs_in_the_repository_that_holds_the_paths_not_the_working_directory(
    desk: Desk, repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # outside the repository
    monkeypatch.chdir(elsewhere)
    result = desk.run([str(repo / "articles")], ["json"], {"fail_on": "none"}, changed_since="main")
    assert result.code == EXIT_OK, result.err
    ids = sorted(Path(a["id"]).relative_to(repo).as_posix() for a in json.loads(result.stdout)["articles"])
    assert ids == ["articles/added.md", "articles/edited.txt", "articles/untracked.txt"]
    relative = desk.run([os.path.relpath(repo / "articles")], ["json"], {"fail_on": "none"}, changed_since="main")
    assert len(json.loads(relative.stdout)["articles"]) == 3, relative.err
