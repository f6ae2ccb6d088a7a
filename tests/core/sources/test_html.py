"""HTML input: findings placed on the HTML file's own lines, with either extractor.

The page tests/fixtures/html/harbour.html is a news page with furniture (navigation,
a list of most-read links, a footer), entities, paragraphs broken over several lines,
inline markup and a block ``ignore`` comment. The README ("Inputs", HTML input) documents what
the two extractors do differently.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from copydesk.config import packaged_defaults
from copydesk.errors import ConfigError
from copydesk.formats.positions import in_file
from copydesk.models import Article, Finding, Severity, Unreadable
from copydesk.sources import Batch
from copydesk.sources.html import html_to_text, trafilatura_available
from support import REPO, run_copydesk

PAGE = REPO / "tests" / "fixtures" / "html" / "harbour.html"
SOURCES: dict[str, Any] = packaged_defaults()["sources"]
TRAFILATURA = pytest.mark.skipif(
    not trafilatura_available(), reason="trafilatura is not importable (pip install 'copydesk[html]')"
)
EXTRACTORS = ["builtin", pytest.param("trafilatura", marks=TRAFILATURA)]
QUOTED = re.compile(r"'([^']+)'")


def article(path: Path, extractor: str) -> Article:
    [item] = Batch([str(path)], {**SOURCES, "html_extractor": extractor})
    assert isinstance(item, Article)
    return item


def source_text(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    """The file's text from (line, column) to (line, column), 1-based, end exclusive, white space collapsed."""
    if start[0] == end[0]:
        text = lines[start[0] - 1][start[1] - 1 : end[1] - 1]
    else:
        middle = lines[start[0] : end[0] - 1]
        text = "\n".join([lines[start[0] - 1][start[1] - 1 :], *middle, lines[end[0] - 1][: end[1] - 1]])
    return " ".join(text.split())


def config(tmp_path: Path, extractor: str) -> str:
    path = tmp_path / "copydesk.toml"
    path.write_text(f'[sources]\nhtml_extractor = "{extractor}"\n')
    return str(path)


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_sarif_regions_point_at_the_quoted_words_in_the_html_source(tmp_path: Path, extractor: str) -> None:
    result = run_copydesk("score", str(PAGE), "-f", "sarif", "--config", config(tmp_path, extractor))
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    results = json.loads(result.stdout)["runs"][0]["results"]
    assert len(results) >= 5
    for item in results:
        region = item["locations"][0]["physicalLocation"]["region"]
        quoted = QUOTED.search(item["message"]["text"])
        assert quoted, item["message"]["text"]
        start, end = (region["startLine"], region["startColumn"]), (region["endLine"], region["endColumn"])
        assert source_text(lines, start, end) == quoted.group(1)


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_github_annotations_land_on_the_html_lines_of_their_words(tmp_path: Path, extractor: str) -> None:
    result = run_copydesk("score", str(PAGE), "-f", "github", "--config", config(tmp_path, extractor))
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    annotations = [a for a in result.stdout.splitlines() if a.startswith("::")]
    assert len(annotations) >= 5
    for annotation in annotations:
        line = int(re.search(r",line=(\d+)", annotation).group(1))  # type: ignore[union-attr]
        first_word = QUOTED.search(annotation).group(1).split()[0]  # type: ignore[union-attr]
        assert first_word in lines[line - 1], (annotation, lines[line - 1])
    # 'reportedly' is on line 18 of the page, after "spring, "
    assert any(",line=18,col=45," in a and "'reportedly'" in a for a in annotations)


@TRAFILATURA
def test_trafilatura_and_the_builtin_extractor_give_the_same_findings_on_the_page(tmp_path: Path) -> None:
    """README, HTML input: on a full news page both extractors give the same findings at the same places.

    The scores the README quotes for the page are each extractor's (review s25v, item 10: they were stale).
    """

    def findings(extractor: str) -> tuple[float, list[tuple[str, int, int, int, int]]]:
        result = run_copydesk("score", str(PAGE), "-f", "json", "--config", config(tmp_path, extractor))
        [report] = json.loads(result.stdout)["articles"]
        return report["score"], [
            (
                f["code"],
                f["location"]["line"],
                f["location"]["column"],
                f["location"]["end_line"],
                f["location"]["end_column"],
            )
            for f in report["findings"]
        ]

    (builtin_score, builtin), (traf_score, traf) = findings("builtin"), findings("trafilatura")
    assert builtin and traf == builtin
    assert "HDG001" in {code for code, *_ in builtin}
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    said = (
        f"`harbour.html` scores {builtin_score:.1f} with the built-in extractor and {traf_score:.1f} with trafilatura"
    )
    assert said in readme


@TRAFILATURA
def test_the_documented_differences_between_the_extractors() -> None:
    """README, HTML input: trafilatura drops the byline paragraph; on a very short page it keeps navigation."""
    page = PAGE.read_text(encoding="utf-8")
    builtin, traf = html_to_text(page, trafilatura=False), html_to_text(page, trafilatura=True)
    assert builtin[0] == traf[0] == "Harbour authority delays the dredging plan"
    assert builtin[1].splitlines()[0] == "By Mara Quist, port correspondent"
    assert traf[1] == builtin[1].split("\n", 1)[1]
    assert all(word not in traf[1] for word in ("Home", "Most read", "Lighthouse", "rights reserved"))
    short = "<html><body><nav>Home</nav><h1>Big news</h1><p>First para.</p></body></html>"
    assert html_to_text(short, trafilatura=False) == ("Big news", "First para.")
    assert html_to_text(short, trafilatura=True)[1].startswith("Home\n")


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_a_page_of_only_page_furniture_is_unreadable_with_either_extractor(tmp_path: Path, extractor: str) -> None:
    """trafilatura's fallback on such a page is its menu: no main text, as the built-in extractor finds."""
    path = tmp_path / "n.html"
    path.write_text("<html><body><nav>Home</nav><footer>About us</footer></body></html>")
    [item] = Batch([str(path)], {**SOURCES, "html_extractor": extractor})
    assert isinstance(item, Unreadable) and item.message == f"{path}: no main text found in the HTML"


CONTROL_PAGE = (
    "<html><head><title>Mill fire</title></head><body><article>\n<h1>Mill&#27; fire</h1>\n"
    "<p>A fire destroyed the old mill&#1; at Eastwick on Sunday night, the fire service said.</p>\n"
    "<p>Crew manager Dana Wolfe said thirty firefighters attended and nobody was hurt in the blaze.</p>\n"
    "<p>The cause of the fire is being investigated, the county police said on Monday.</p>\n"
    "</article></body></html>"
)


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_a_reference_to_a_control_character_does_not_cost_the_page_its_main_text(
    tmp_path: Path, extractor: str
) -> None:
    """lxml refuses ``&#1;``; the HTML standard reads it as no character, and so does each extractor."""
    path = tmp_path / "pasted.html"
    path.write_text(CONTROL_PAGE)
    art = article(path, extractor)
    assert art.title == "Mill fire"
    assert (
        art.body.splitlines()[0] == "A fire destroyed the old mill at Eastwick on Sunday night, the fire service said."
    )
    assert art.source is not None
    at = art.body.index("mill at")
    placed = in_file(finding("text", at, at + len("mill at")), art.source)
    assert CONTROL_PAGE[placed.start : placed.end] == "mill&#1; at"


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_a_page_of_only_control_character_references_still_has_no_main_text(tmp_path: Path, extractor: str) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><body><article><p>&#1;&#27;&#x1B;</p></article></body></html>")
    [item] = Batch([str(path)], {**SOURCES, "html_extractor": extractor})
    assert isinstance(item, Unreadable) and item.message == f"{path}: no main text found in the HTML"


def finding(field: str, start: int, end: int) -> Finding:
    return Finding(
        code="HDG001",
        name="hedge-cue",
        message="m",
        severity=Severity.INFO,
        start=start,
        end=end,
        line=1,
        column=start + 1,
        end_line=1,
        end_column=end + 1,
        excerpt="",
        matched="",
        field=field,
    )


def test_entities_and_collapsed_white_space_map_back_to_their_source(tmp_path: Path) -> None:
    html = "<html><head><title>T</title></head><body>\n<h1>The   &ldquo;title&rdquo;</h1>\n<p>AT&amp;T said,\n     and then  it <b>said</b> more.</p>\n</body></html>"
    path = tmp_path / "page.html"
    path.write_text(html)
    art = article(path, "builtin")
    assert (art.title, art.body) == ("The “title”", "AT&T said, and then it said more.")
    assert art.source is not None

    def where(field: str, word: str) -> tuple[int, int, int, int, str]:
        text = art.title if field == "title" else art.body
        at = text.index(word)
        placed = in_file(finding(field, at, at + len(word)), art.source)
        return placed.line, placed.column, placed.end_line, placed.end_column, html[placed.start : placed.end]

    assert where("title", "“title”") == (2, 11, 2, 30, "&ldquo;title&rdquo;")
    assert where("text", "AT&T") == (3, 4, 3, 12, "AT&amp;T")
    assert where("text", "said, and then") == (3, 13, 4, 14, "said,\n     and then")
    assert where("text", "said more") == (4, 22, 4, 35, "said</b> more")


def test_an_unknown_html_extractor_is_a_config_error(tmp_path: Path) -> None:
    from copydesk.config import load_config

    path = tmp_path / "copydesk.toml"
    path.write_text('[sources]\nhtml_extractor = "lxml"\n')
    with pytest.raises(ConfigError, match=r"sources\.html_extractor must be auto, builtin or trafilatura, not 'lxml'"):
        load_config(path)


#: A page whose generic byline stands in the article's header (the built-in extractor drops
#: headers, trafilatura drops byline paragraphs) and in ``<meta name="author">``.
STAFF_PAGE = """<html><head><title>Council approves plan | Gazette</title>
<meta name="author" content="Staff Reporter">
<link rel="canonical" href="https://www.gazette.example.com/news/plan">
<meta property="og:site_name" content="The Gazette"></head>
<body><article><header><h1>Council approves plan</h1>
<p class="byline">By Staff Reporter</p></header>
<p>The council approved a plan to rebuild the harbour wall on Monday, the council leader, Tom Jones, said.</p>
<p>Critics said the cost could rise, and residents will be asked for their views next week, the clerk said.</p>
</article></body></html>
"""


def scored(tmp_path: Path, html: str, extractor: str) -> dict[str, Any]:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    result = run_copydesk("score", str(path), "-f", "json", "--config", config(tmp_path, extractor))
    [report] = json.loads(result.stdout)["articles"]
    return report  # type: ignore[no-any-return]


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_a_generic_byline_in_the_page_is_flagged_where_it_stands_with_either_extractor(
    tmp_path: Path, extractor: str
) -> None:
    """README, HTML input: the page's author is its byline, placed where its text is in the page."""
    report = scored(tmp_path, STAFF_PAGE, extractor)
    [byline] = [f for f in report["findings"] if f["code"] == "TPL002"]
    where = byline["location"]
    assert where["field"] == "byline" and byline["matched"] == "Staff Reporter"
    assert (where["line"], where["column"], where["end_line"], where["end_column"]) == (6, 22, 6, 36)
    lines = STAFF_PAGE.splitlines()
    assert source_text(lines, (where["line"], where["column"]), (where["end_line"], where["end_column"])) == (
        "Staff Reporter"
    )


#: The byline only in the metadata: the page names no author in its text, or only in furniture (review 12b, item 10).
METADATA_ONLY = {
    "no byline in the text": STAFF_PAGE.replace('<p class="byline">By Staff Reporter</p>', ""),
    "the same words in the page footer": STAFF_PAGE.replace('<p class="byline">By Staff Reporter</p>', "").replace(
        "</article>", "</article><aside>Most read: Staff Reporter picks</aside><footer>Staff Reporter</footer>"
    ),
}


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("page", METADATA_ONLY.values(), ids=METADATA_ONLY.keys())
def test_a_generic_byline_only_in_the_metadata_is_placed_on_its_meta_tag(
    tmp_path: Path, extractor: str, page: str
) -> None:
    """README, HTML input: not in the page's text outside navigation, asides and footers, the finding points at
    the ``content`` of ``<meta name="author">``, not at 1:1 or at the page footer."""
    [byline] = [f for f in scored(tmp_path, page, extractor)["findings"] if f["code"] == "TPL002"]
    where = byline["location"]
    assert where["field"] == "byline"
    assert (where["line"], where["column"], where["end_line"], where["end_column"]) == (2, 30, 2, 44)
    assert source_text(page.splitlines(), (2, 30), (2, 44)) == "Staff Reporter"


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_a_meta_byline_not_copied_verbatim_is_placed_on_the_whole_tag(tmp_path: Path, extractor: str) -> None:
    """An entity or folded white space in ``content``: the byline's characters are not in the tag as read,
    so the finding spans the ``<meta>`` tag."""
    tag = '<meta name="author" content="Staff&#32;Reporter">'
    page = STAFF_PAGE.replace('<p class="byline">By Staff Reporter</p>', "").replace(
        '<meta name="author" content="Staff Reporter">', tag
    )
    [byline] = [f for f in scored(tmp_path, page, extractor)["findings"] if f["code"] == "TPL002"]
    where = byline["location"]
    assert (where["line"], where["column"], where["end_line"], where["end_column"]) == (2, 1, 2, 1 + len(tag))


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_a_page_with_a_canonical_url_rolls_up_under_its_host(tmp_path: Path, extractor: str) -> None:
    assert scored(tmp_path, STAFF_PAGE, extractor)["source_name"] == "gazette.example.com"
    path = tmp_path / "page.html"
    art = article(path, extractor)
    assert (art.byline, art.url, dict(art.meta)) == (
        "Staff Reporter",
        "https://www.gazette.example.com/news/plan",
        {"site_name": "The Gazette"},
    )


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_a_relative_canonical_link_is_resolved_against_og_url(tmp_path: Path, extractor: str) -> None:
    """README, HTML input: ``/news/plan`` with og:url on another host is that host's /news/plan (review 12b, item 10);
    og:url alone stands in for a missing canonical link, and with neither absolute the page has no URL."""
    page = STAFF_PAGE.replace("https://www.gazette.example.com/news/plan", "/news/plan").replace(
        "<head>", '<head><meta property="og:url" content="https://Other.example.org/a">'
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert article(path, extractor).url == "https://Other.example.org/news/plan"  # resolved against og:url
    path.write_text(page.replace('<link rel="canonical" href="/news/plan">', ""), encoding="utf-8")
    assert article(path, extractor).url == "https://Other.example.org/a"
    path.write_text(page.replace("https://Other.example.org/a", "/a"), encoding="utf-8")
    assert article(path, extractor).url is None  # a relative URL names no site: the page rolls up by folder


def test_the_builtin_extractor_keeps_table_cells_apart_and_placed(tmp_path: Path) -> None:
    """A row is a line and its cells are words apart, not ``YearBudget`` (review 12, item 10)."""
    html = (
        "<html><body><article><h1>T</h1><p>Intro, the clerk said.</p>\n"
        "<table><tr><th>Year</th><th>Budget</th></tr>\n<tr><td>2024</td><td>&pound;4m</td></tr></table>"
        "</article></body></html>"
    )
    assert html_to_text(html, trafilatura=False)[1] == "Intro, the clerk said.\nYear Budget\n2024 £4m"
    path = tmp_path / "table.html"
    path.write_text(html, encoding="utf-8")
    art = article(path, "builtin")
    at = art.body.index("2024 £4m")
    placed = in_file(finding("text", at, at + len("2024 £4m")), art.source)
    assert html[placed.start : placed.end] == "2024</td><td>&pound;4m"


BUDGET = "The council approved the budget on Tuesday, officials said. " * 4


@pytest.mark.parametrize(
    ("head", "words", "encoding"),
    [
        ('<meta charset="shift_jis">', "\u65e5\u672c\u8a9e", "cp932"),
        ("<meta charset='windows-1251'>", "\u041c\u043e\u0441\u043a\u0432\u0430", "cp1251"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
            "caf\u00e9 \u2019",  # Latin-1 as the HTML standard reads it: Windows-1252, curly quote included
            "cp1252",
        ),
    ],
)
def test_a_page_that_is_not_utf8_is_decoded_in_the_charset_it_declares(
    tmp_path: Path, head: str, words: str, encoding: str
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(f"<html><head>{head}</head><body><p>{BUDGET}{words}.</p></body></html>".encode(encoding))
    item = article(path, "builtin")
    assert words in item.body
    assert item.source is not None
    assert (item.source.encoding, item.source.encoding_detected) == (encoding, False)


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="utf-16">',  # cannot be true of bytes read as ASCII: not taken
        '<meta charset="no-such-charset">',
        '<meta charset="utf-8">',  # a false declaration: the bytes are not UTF-8
        "",
        # codecs Python knows that are no page encoding (review s20v): not taken, never a crash
        '<meta charset="hex">',
        '<meta http-equiv="Content-Type" content="text/html; charset=rot13">',
        '<meta charset="zlib">',
        '<meta charset="unicode_escape">',
        '<meta charset="utf-7">',
        '<meta charset="cp037">',
    ],
)
def test_a_page_whose_charset_is_absent_false_or_unknown_is_decoded_as_before(tmp_path: Path, head: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(f"<html><head>{head}</head><body><p>{BUDGET}caf\u00e9.</p></body></html>".encode("cp1252"))
    item = article(path, "builtin")
    assert "caf\u00e9." in item.body
    assert item.source is not None
    assert (item.source.encoding, item.source.encoding_detected) == ("windows-1252", True)


def test_a_declared_charset_the_bytes_do_not_decode_in_is_not_taken(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    # b"\xe9." is no EUC-JP character (its second byte is below 0xA1): the page is read as if it declared nothing
    path.write_bytes(f'<meta charset="euc-jp"><p>{BUDGET}'.encode() + b"caf\xe9.</p>")
    item = article(path, "builtin")
    assert "caf\u00e9." in item.body
    assert item.source is not None
    assert (item.source.encoding, item.source.encoding_detected) == ("windows-1252", True)


def test_a_page_declaring_unicode_escape_keeps_its_backslashes_as_written(tmp_path: Path) -> None:
    """A page's literal ``\\x1b`` is four characters, never turned into an escape character by its declared codec."""
    path = tmp_path / "page.html"
    words = "T\\x1b]0;owned\\x07 caf\u00e9."
    path.write_bytes(f'<meta charset="unicode_escape"><p>{BUDGET}{words}</p>'.encode("cp1252"))
    item = article(path, "builtin")
    assert "T\\x1b]0;owned\\x07 caf\u00e9." in item.body and "\x1b" not in item.body


@pytest.mark.parametrize(("depth", "extractor"), [(300, "builtin"), (300, "trafilatura"), (100, "trafilatura")])
def test_a_page_nested_deeper_than_lxml_reads_says_so_and_how_to_read_it(
    tmp_path: Path, depth: int, extractor: str
) -> None:
    if extractor == "trafilatura" and not trafilatura_available():
        pytest.skip("trafilatura is not importable (pip install 'copydesk[html]')")
    words = "The harbour board said on Tuesday that the new quay would open in spring. " * 12
    path = tmp_path / "deep.html"
    path.write_text(f"<html><body>{'<div>' * depth}<p>{words}</p>{'</div>' * depth}</body></html>")
    [item] = Batch([str(path)], {**SOURCES, "html_extractor": extractor})
    if depth < 256 or extractor == "builtin":  # read whole
        assert isinstance(item, Article) and item.body.split() == words.split()
        return
    assert isinstance(item, Unreadable)
    assert item.problem == (
        "no main text found in the HTML by trafilatura, though the built-in extractor finds 168 word(s) in it"
        ' (lxml: Excessive depth in document: 256); set [sources] html_extractor = "builtin" to read it'
    )
