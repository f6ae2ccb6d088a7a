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


SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def _articles(result_stdout: str) -> dict[str, list[str]]:
    """Each article's id (without a leading ./) and its finding codes, from a JSON report."""
    return {
        a["id"].removeprefix("./"): sorted(f["code"] for f in a["findings"])
        for a in json.loads(result_stdout)["articles"]
    }


def _full(paths: list[str], **kw: object) -> tuple[int, str, list[str]]:
    """A run with the built-in scorers (entry points), in process: exit code, stdout, stderr lines."""
    import io

    from copydesk.app import RunOptions, execute, parse_outputs

    out, lines = io.StringIO(), []
    code = execute(RunOptions(paths=paths, outputs=parse_outputs(["json"], None), **kw), out, lines.append)  # type: ignore[arg-type]
    return code, out.getvalue(), lines


def test_a_changed_article_is_compared_with_the_unchanged_ones_by_the_batch_aware_rules(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 11, item 8: a pull request that copies an article already there is a near duplicate of it."""
    root = desk.root
    monkeypatch.chdir(root)
    git(root, "init", "-q", "-b", "main")
    for name in ("000_e91f38832a2364a5.txt", "001_246854b7cc8041c6.txt"):
        desk.write(f"articles/{name}", (SEEDS / name).read_text(encoding="utf-8"))
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    desk.write("articles/dup.txt", (SEEDS / "000_e91f38832a2364a5.txt").read_text(encoding="utf-8"))
    code, stdout, err = _full(["articles"], changed_since="HEAD", cwd=root)
    assert code in (EXIT_OK, 1), err
    changed = _articles(stdout)
    assert list(changed) == ["articles/dup.txt"]  # only the changed file is scored and reported
    assert "TPL005" in changed["articles/dup.txt"], changed
    assert any("compared with all 3 under the paths given" in line for line in err), err
    _, everything, _ = _full(["articles"], cwd=root)
    assert _articles(everything)["articles/dup.txt"] == changed["articles/dup.txt"]  # as a full run finds


def test_a_changed_since_run_is_not_recorded_in_the_history_and_cannot_compare(desk: Desk, repo: Path) -> None:
    """Review 11, item 8: a run of the changed files only would read as a dip in the trend and skew --compare last."""
    from copydesk.history import open_history

    url = f"sqlite:///{repo / 'runs.db'}"
    full = desk.run(["articles"], ["json"], {"fail_on": "none"}, history=url)
    assert full.code == EXIT_OK, full.err
    partial = desk.run(["articles"], ["json"], {"fail_on": "none"}, changed_since="main", history=url)
    assert partial.code == EXIT_OK, partial.err
    assert (
        "copydesk: run not recorded in the history: --changed-since 'main' scored the changed files only,"
        " not the whole batch" in partial.stderr
    )
    with open_history(url) as history:
        assert [r.articles for r in history.runs()] == [4]  # the full run alone
    with pytest.raises(UsageError, match="--compare last cannot be used with --changed-since") as info:
        desk.run(["articles"], ["json"], {"fail_on": "none"}, changed_since="main", history=url, compare="last")
    assert info.value.exit_code == EXIT_USAGE
