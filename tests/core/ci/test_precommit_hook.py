"""The pre-commit hook (``.pre-commit-hooks.yaml``): which staged files it gates, and what a named file bypasses.

pre-commit matches ``files`` and ``exclude`` with ``re.search`` on each staged path (forward
slashes, relative to the repository), then passes the matching names to ``entry``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from cdci_helpers import CLEAN, Desk
from copydesk.errors import InputError

HOOKS = Path(__file__).resolve().parents[3] / ".pre-commit-hooks.yaml"


def gated(path: str) -> bool:
    """Whether pre-commit would pass ``path`` to the copydesk hook under its default patterns."""
    [hook] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    return bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("articles/2024/council-budget.md", True),
        ("news/story.txt", True),
        ("feeds/wire.jsonl", True),
        ("site/page.HTML", True),
        ("docs/_posts/2024-03-01-budget.md", True),  # a Jekyll site's articles live under docs/
        ("articles/security-of-the-port.md", True),
        ("README.md", False),
        ("readme.txt", False),
        ("articles/README.md", True),  # the repository's files are skipped at the top level only
        ("articles/notice.md", True),
        ("articles/changes.md", True),
        ("news/2024/security.txt", True),
        ("articles/authors.md", True),
        ("articles/License.html", True),
        ("NOTICE", False),
        ("Security.md", False),
        ("docs/requirements.txt", False),
        ("tools/CMakeLists.txt", False),
        ("CHANGELOG.md", False),
        ("LICENSE.txt", False),
        ("CONTRIBUTING.md", False),
        ("requirements.txt", False),
        ("requirements-dev.txt", False),
        ("public/robots.txt", False),
        (".github/PULL_REQUEST_TEMPLATE.md", False),
        ("src/app.py", False),
    ],
)
def test_the_hook_gates_articles_not_a_repositorys_usual_files(path: str, expected: bool) -> None:
    """A commit of README.md or requirements.txt is not blocked as an unreadable article (review 11, item 12).

    The repository's own files (README, CHANGELOG, NOTICE, SECURITY, ...) are left out at the top level
    only, so a story named notice.md or security.txt in an articles folder is gated (review 12b, item 9).
    """
    assert gated(path) is expected


def test_a_named_file_is_read_whatever_sources_exclude_and_include_say(desk: Desk) -> None:
    """The rule docs/ci.md and the README state: the globs filter what a named folder holds, not what is named."""
    desk.write("news/drafts/a.txt", CLEAN)
    desk.write("news/pub/README.md", CLEAN)
    config = Path(desk.write("globs.toml", '[sources]\nexclude = ["drafts", "README.md"]\ninclude = ["*.txt"]\n'))
    named = [desk.root / "news/drafts/a.txt", desk.root / "news/pub/README.md"]
    ids = [a["id"] for a in json.loads(desk.run([str(p) for p in named], config_path=config).stdout)["articles"]]
    assert ids == [p.as_posix() for p in named]
    with pytest.raises(InputError, match="no articles in this folder"):  # the folder holds nothing let through
        desk.run([str(desk.root / "news")], config_path=config)
