"""Issue 16 hardening: a ``.txt``/``.md`` article gives the same findings at the same lines and
columns whether its lines end in LF, CRLF or a lone CR (classic Mac OS).

The title, the front matter (title and byline values) and the body are all placed by
line; a CR-only file used to be one line, its whole text taken as the title.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from support import SEEDS, CliResult

Cli = Callable[..., CliResult]
ENDINGS = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}
BODY = (
    "Officials said the plan may possibly work, sources say.\n"
    "Some experts claim 40% of residents might leave.\n\n"
    "It could perhaps happen, critics suggest!!!\n"
)
#: Articles shaped differently at the top, each with findings in the title, byline and body.
ARTICLES = {
    "front-matter.md": '---\ntitle: Council says "maybe"\nbyline: By Staff Reporter\npublished: 2024-01-01\n---\n\n'
    + BODY,
    "front-matter-no-title.md": "---\nauthor: Admin\n---\n\n# Plan may possibly work\n\n" + BODY,
    "comment-then-title.txt": "<!-- copydesk: ignore-file ZZZ -->\n\n  Plan may perhaps work\n" + BODY,
    "seed.txt": (SEEDS / "002_b8b5bad5e92ce38e.txt").read_text(encoding="utf-8"),
}


def _places(cli: Cli, path: Path) -> tuple[str, list[tuple[object, ...]]]:
    result = cli("score", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    article = json.loads(result.stdout)["articles"][0]
    places = [
        (f["code"], f["location"]["field"], *(f["location"][k] for k in ("line", "column", "end_line", "end_column")))
        for f in article["findings"]
    ]
    return article["title"], places


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_the_same_article_in_lf_crlf_and_cr_endings_has_the_same_title_and_finding_places(
    cli: Cli, tmp_path: Path, name: str
) -> None:
    seen = {}
    for ending, newline in ENDINGS.items():
        path = tmp_path / ending / name
        path.parent.mkdir()
        path.write_bytes(ARTICLES[name].replace("\n", newline).encode("utf-8"))
        seen[ending] = _places(cli, path)
    title, places = seen["lf"]
    assert "\n" not in title and "\r" not in title and len(title) < 100
    assert len(places) >= 3 and any(line > 2 for _, _, line, *_ in places)
    assert seen["crlf"] == seen["lf"]
    assert seen["cr"] == seen["lf"]


def test_a_cr_only_front_matter_byline_is_placed_on_its_own_line(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(ARTICLES["front-matter.md"].replace("\n", "\r").encode())
    _, places = _places(cli, path)
    assert ("TPL002", "byline", 3, 9, 3, 26) in places
    assert ("HDG004", "title", 2, 22, 2, 27) in places
