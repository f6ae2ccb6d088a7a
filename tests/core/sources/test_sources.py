"""Reading articles: formats, field mapping, positions, and every kind of bad input."""

from __future__ import annotations

import fnmatch
import io
import json
from pathlib import Path
from typing import Any

import pytest
from copydesk.config import load_config, packaged_defaults
from copydesk.errors import ConfigError, InputError
from copydesk.models import Article, Position
from copydesk.sources import BY_NAME, FORMATS, STDIN_FORMATS, Batch, Unreadable, parse_text
from copydesk.sources._common import Deferred
from hypothesis import given, settings
from hypothesis import strategies as st
from support import run_copydesk

SOURCES: dict[str, Any] = packaged_defaults()["sources"]


def read(tmp_path: Path, name: str, data: bytes, **sources: Any) -> list[Article | Unreadable]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(Batch([str(path)], {**SOURCES, **sources}))


def test_txt_title_is_first_non_empty_line_and_body_keeps_file_offsets() -> None:
    text = "\n\nThe Title\nFirst line of body.\nSecond."
    art = parse_text(text, "a.txt", "txt")
    assert isinstance(art, Article)
    assert art.title == "The Title" and art.body == "First line of body.\nSecond."
    assert art.source is not None and art.source.body_at is not None and art.source.title_at is not None
    assert text[art.source.body_at.offset :] == art.body
    assert (art.source.title_at.line, art.source.body_at.line) == (3, 4)


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("t.txt", "Just a title\n", "no body text after the title (line 1)"),
        ("t.txt", "\n\nJust a title", "no body text after the title (line 3)"),
        ("t.md", "<!-- copydesk: ignore-file HDG -->\n# Title\n \n\t\n", "no body text after the title (line 2)"),
    ],
)
def test_a_title_without_body_text_is_unreadable_as_an_empty_record_text_is(name: str, text: str, problem: str) -> None:
    item = parse_text(text, name, name[-2:])
    assert isinstance(item, Unreadable) and item.message == f"{name}: {problem}"


def test_front_matter_gives_byline_url_date_and_extra_meta() -> None:
    text = (
        "---\nauthor: Jane Roe\nurl: https://example.org/x\ndate: 2024-05-01\ndesk: world\n---\n# Headline\nBody text."
    )
    art = parse_text(text, "a.md", "md")
    assert isinstance(art, Article)
    assert (art.title, art.byline, art.url, art.published) == (
        "Headline",
        "Jane Roe",
        "https://example.org/x",
        "2024-05-01",
    )
    assert dict(art.meta) == {"desk": "world"}
    assert art.source is not None and art.source.title_at is not None
    assert art.source.title_at.column == 3 and text[art.source.title_at.offset :].startswith("Headline")


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    [art] = read(tmp_path, "bom.txt", "\ufeffTitle\nBody é.".encode())
    assert isinstance(art, Article) and art.title == "Title" and art.source and art.source.encoding == "utf-8"


def test_non_utf8_file_is_decoded_by_detection_and_recorded(tmp_path: Path) -> None:
    data = ("Café society\n" + "Le café était très animé ce matin-là, déclarait-il. " * 5).encode("cp1252")
    [art] = read(tmp_path, "latin.txt", data)
    assert isinstance(art, Article) and art.title.startswith("Caf") and art.title.endswith(" society")
    assert art.source is not None and art.source.encoding_detected and art.source.encoding != "utf-8"


def test_one_stray_windows_1252_byte_in_utf8_text_is_read_alone_and_the_rest_stays_utf8(tmp_path: Path) -> None:
    """A curly apostrophe pasted as Windows-1252 into a UTF-8 story: the other accents and dashes are
    not re-read in a guessed code page (a detector picked mac_iceland and cp874 for such files)."""
    text = (
        "Caf\u00e9 owner may sell\n\nThe caf\u00e9\u2019s owner \u2014 who said on Monday it{} time \u2014 will sell."
    )
    data = text.format("\x92s").encode("utf-8").replace(b"\xc2\x92", b"\x92")
    [art] = read(tmp_path, "mixed.txt", data)
    assert isinstance(art, Article) and art.title == "Caf\u00e9 owner may sell"
    assert art.body.strip() == text.split("\n\n", 1)[1].format("\u2019s")
    assert art.source is not None and art.source.encoding_detected and art.source.encoding == "utf-8+cp1252"


def test_a_mostly_ascii_windows_1252_story_is_read_as_windows_1252(tmp_path: Path) -> None:
    """A British story in Windows-1252: the pound sign stays a pound sign (a detector read it as cp1250's L-stroke)."""
    body = "The council spent \u00a34 million on the bridge, up from \u00a36 million, the clerk said on Monday."
    [art] = read(tmp_path, "gbp.txt", ("Budget\n\n" + body).encode("cp1252"))
    assert isinstance(art, Article) and art.body.strip() == body
    assert art.source is not None and art.source.encoding == "windows-1252"


def test_cyrillic_single_byte_text_is_left_to_detection(tmp_path: Path) -> None:
    """Text mostly above 0x7F is not Western copy: the detector decides, and Cyrillic stays Cyrillic."""
    body = (
        "\u0421\u043e\u0432\u0435\u0442 \u0443\u0442\u0432\u0435\u0440\u0434\u0438\u043b \u0431\u044e\u0434\u0436\u0435\u0442 \u0433\u043e\u0440\u043e\u0434\u0430. "
        * 6
    )
    [art] = read(tmp_path, "ru.txt", ("\u0411\u044e\u0434\u0436\u0435\u0442\n\n" + body).encode("cp1251"))
    assert isinstance(art, Article) and art.source is not None
    assert art.source.encoding not in ("windows-1252", "utf-8+cp1252") and art.body.strip() == body.strip()


#: One short sentence in Russian: too little for charset-normalizer to recognise a language in KOI8-R bytes.
SHORT_RUSSIAN = "\u041d\u043e\u0432\u043e\u0441\u0442\u0438\n\n\u041c\u044d\u0440 \u0433\u043e\u0440\u043e\u0434\u0430 \u0437\u0430\u044f\u0432\u0438\u043b, \u0447\u0442\u043e \u0431\u044e\u0434\u0436\u0435\u0442 \u0432\u044b\u0440\u043e\u0441.\n"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("ru.txt", SHORT_RUSSIAN.encode("koi8-r")),
        ("ru.jsonl", b'{"id": "r1", "text": "' + SHORT_RUSSIAN.replace("\n", " ").encode("koi8-r") + b'"}\n'),
    ],
)
def test_a_short_text_whose_encoding_is_a_guess_is_unreadable_not_mojibake(
    tmp_path: Path, name: str, data: bytes
) -> None:
    """One sentence of KOI8-R was decoded as Japanese cp932 and graded (review 14, item 8): a best guess
    in which charset-normalizer recognises no language is refused, and the problem says so."""
    [item] = read(tmp_path, name, data)
    assert isinstance(item, Unreadable)
    assert "not valid UTF-8" in item.problem and "could not be detected with confidence" in item.problem


@pytest.mark.parametrize(
    ("name", "data", "options", "problem"),
    [
        ("empty.txt", b"", {}, "empty file"),
        ("blank.txt", b"  \n\n ", {}, "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", {}, "binary file"),
        (
            "bad.txt",
            b"Title\nBody \xff\xfe here",
            {"encoding_fallback": False},
            "not valid UTF-8 (line 2, byte 6 of the line: invalid start byte)",
        ),
        ("big.txt", b"Title\n" + b"x" * 100, {"max_bytes": 50}, "larger than sources.max_bytes"),
        ("empty.csv", b"", {}, "empty file"),
    ],
)
def test_unreadable_files_are_reported_with_the_reason(
    tmp_path: Path, name: str, data: bytes, options: dict[str, Any], problem: str
) -> None:
    [item] = read(tmp_path, name, data, **options)
    assert isinstance(item, Unreadable)
    assert problem in item.problem and item.message.startswith(str(tmp_path / name))


def test_jsonl_bad_lines_are_reported_by_line_and_the_rest_is_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "title": "A", "text": "Alpha text."}),
        "{not json",
        json.dumps({"id": "c", "body": "no text field"}),
        "",
        json.dumps([1, 2]),
        json.dumps({"id": "f", "text": 5}),
        json.dumps({"id": "g", "text": "Gamma text.", "copydesk_ignore": ["HDG001"]}),
    ]
    items = read(tmp_path, "feed.jsonl", "\n".join(lines).encode())
    summary = [
        (i.id, i.source.record) if isinstance(i, Article) and i.source else (i.record, i.problem.split(":")[0])
        for i in items
    ]
    assert summary == [
        ("a", 1),
        (2, "not valid JSON"),
        (3, "record has no 'text' field; map it with [sources.fields] text = \"body\""),
        (5, "a JSON array, not an object"),
        (6, "field 'text' is number, not a string"),
        ("g", 7),
    ]
    assert isinstance(items[-1], Article) and items[-1].meta["copydesk_ignore"] == "HDG001"


def test_jsonl_invalid_utf8_line_is_unreadable_alone_without_the_encoding_fallback(tmp_path: Path) -> None:
    data = b'{"text": "ok one"}\n{"text": "bad \xff"}\n{"text": "ok two"}\n'
    items = read(tmp_path, "x.ndjson", data, encoding_fallback=False)
    assert [type(i).__name__ for i in items] == ["Article", "Unreadable", "Article"]
    assert isinstance(items[1], Unreadable) and items[1].record == 2
    assert items[1].problem == "not valid UTF-8 (byte 15 of the line)"


@pytest.mark.parametrize(
    ("line", "body", "encoding"),
    [
        # a Windows-1252 apostrophe pasted into UTF-8: only that byte is read as 1252
        (
            "caf\u00e9 \u2014 it{}s open".encode().replace(b"{}", b"\x92"),
            "caf\u00e9 \u2014 it\u2019s open",
            "utf-8+cp1252",
        ),
        # a whole line in Windows-1252 (no UTF-8 sequence, few bytes above 0x7F)
        ("caf\u00e9 costs \u00a34".encode("cp1252"), "caf\u00e9 costs \u00a34", "windows-1252"),
    ],
)
@pytest.mark.parametrize("deferred", [False, True])
def test_a_jsonl_line_that_is_not_utf8_is_decoded_as_a_text_file_is(
    tmp_path: Path, line: bytes, body: str, encoding: str, deferred: bool
) -> None:
    """The documented encoding fallback holds for JSONL lines as for text files and CSV rows (review 11, item 1)."""
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"text": "ok one"}\n{"id": "s", "text": "' + line + b'"}\n')
    batch = Batch([str(path)], SOURCES)
    items = [i.read() if isinstance(i, Deferred) else i for i in (batch.deferred() if deferred else batch)]
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    art = items[1]
    assert isinstance(art, Article) and art.source is not None
    assert (art.id, art.body, art.source.encoding, art.source.encoding_detected) == ("s", body, encoding, True)
    assert items[0].source is not None and not items[0].source.encoding_detected


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("feed.jsonl", b'{"id": "a1", "title": "T", "url": "https://x.example/a", "source": "feedA", "text": ""}\n'),
        ("feed.jsonl", b'{"id": "a1", "title": "T", "url": "https://x.example/a", "source": "feedA"}\n'),
        ("feed.jsonl", b'{"id": "a1", "title": "T", "url": "https://x.example/a", "source": "feedA", "text": 5}\n'),
        ("feed.csv", b"id,title,url,source,text\na1,T,https://x.example/a,feedA,\n"),
    ],
)
def test_a_record_with_no_text_keeps_its_id_title_url_and_fields(tmp_path: Path, name: str, data: bytes) -> None:
    """A scraper that breaks emits records with empty text: they stay under their own id and source (review 11, item 5)."""
    [item] = read(tmp_path, name, data)
    assert isinstance(item, Unreadable) and item.id == f"{tmp_path / name}:{1 if name.endswith('jsonl') else 2}"
    assert (item.report_id, item.title, item.url, dict(item.meta)) == (
        "a1",
        "T",
        "https://x.example/a",
        {"source": "feedA"},
    )


def test_a_line_that_is_no_record_is_reported_under_its_place(tmp_path: Path) -> None:
    [item] = read(tmp_path, "feed.jsonl", b"{nope\n")
    assert isinstance(item, Unreadable) and item.record_id is None and item.report_id == item.id


def test_configurable_field_names(tmp_path: Path) -> None:
    fields = {**SOURCES["fields"], "text": "content", "title": "headline", "id": "key"}
    [art] = read(tmp_path, "f.jsonl", b'{"key": "k1", "headline": "H", "content": "Body."}', fields=fields)
    assert isinstance(art, Article) and (art.id, art.title, art.body) == ("k1", "H", "Body.")


def test_csv_rows_stream_with_row_lines_and_column_errors(tmp_path: Path) -> None:
    data = b'id,title,text\n1,One,"First body,\nwith a newline."\n2,Two\n3,Three,Third body.\n'
    items = read(tmp_path, "a.csv", data)
    assert [
        (type(i).__name__, i.source.record if isinstance(i, Article) and i.source else i.record) for i in items
    ] == [("Article", 2), ("Unreadable", 4), ("Article", 5)]
    assert isinstance(items[1], Unreadable) and "2 columns, the header has 3" in items[1].problem


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b"\r"])
def test_a_jsonl_line_cut_off_before_its_brace_is_placed_at_the_end_of_its_text(tmp_path: Path, ending: bytes) -> None:
    """The column is the line's, past its last character, not column 1 of a line after it (review s25v, item 11)."""
    data = ending.join([b'{"id": "a", "text": "Ferry runs late."}', b'{"id": "b", "text": "Ferry"', b""])
    _, cut = read(tmp_path, "feed.jsonl", data)
    assert isinstance(cut, Unreadable) and (cut.record, cut.problem) == (
        2,
        "not valid JSON: expecting ',' delimiter (column 28)",
    )


def test_a_utf8_byte_order_mark_starting_a_later_jsonl_line_is_dropped_as_at_line_1(tmp_path: Path) -> None:
    """Two exports joined with cat: the second's byte order mark is no part of its first record (README, JSONL)."""
    bom = b"\xef\xbb\xbf"
    data = bom + b'{"id": "a", "text": "Ferry runs late."}\n' + bom + b'{"id": "b", "text": "Ferry runs early."}\n'
    data += bom * 2 + b'{"id": "c", "text": "Ferry runs twice."}\n'  # review s25v2: two joins, two marks
    assert [(i.id, i.body) for i in read(tmp_path, "feed.jsonl", data) if isinstance(i, Article)] == [
        ("a", "Ferry runs late."),
        ("b", "Ferry runs early."),
        ("c", "Ferry runs twice."),
    ]


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        (
            "cms.csv",
            b"ID,Headline,Body\n1,Ferry late,The ferry ran late again.\n",
            "no 'text' column in the header (ID, Headline, Body); map it with [sources.fields] text = \"Body\"",
        ),
        (
            "cms.csv",
            b"id,title,TEXT\n1,Ferry late,The ferry ran late again.\n",
            "no 'text' column in the header (id, title, TEXT); did you mean 'TEXT'? names are matched exactly:"
            ' map it with [sources.fields] text = "TEXT"',
        ),
        (
            "cms.jsonl",
            b'{"id": "1", "Text": "The ferry ran late again."}\n',
            "record has no 'text' field; did you mean 'Text'? names are matched exactly:"
            ' map it with [sources.fields] text = "Text"',
        ),
        (
            "cms.jsonl",
            b'{"id": "1", "content": "The ferry ran late again."}\n',
            "record has no 'text' field; map it with [sources.fields] text = \"content\"",
        ),
        (
            "cms.csv",
            b"id,summary\n1,The ferry ran late again.\n",
            "no 'text' column in the header (id, summary);"
            ' if another one holds the text, name it with [sources.fields] text = "NAME"',
        ),
        (  # a tab-separated export is read with tabs (test below), so its columns can be mapped
            "cms.csv",
            b"id\tBody\n1\tThe ferry ran late again.\n",
            "no 'text' column in the header (id, Body); map it with [sources.fields] text = \"Body\"",
        ),
        (
            "cms.jsonl",
            b'{"id": "1", "Body\\"\\u001b": "The ferry ran late again."}\n',
            "record has no 'text' field; if another one holds the text, name it with [sources.fields] text = \"NAME\"",
        ),
    ],
)
def test_a_missing_text_field_names_the_mapping_that_fixes_it(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    """Review s25v, item 12: one line, the fix named; a name TOML cannot hold as written is not suggested."""
    [item] = read(tmp_path, name, data)
    assert isinstance(item, Unreadable) and item.record == 1 and item.problem == problem


@pytest.mark.parametrize("separator", [";", "\t", "|"])
def test_a_csv_exported_with_another_list_separator_is_read_with_it(tmp_path: Path, separator: str) -> None:
    """Session 26: a spreadsheet set to another list separator (';' in much of Europe) exports "CSV" with it.

    The header reads as one column holding the separator, and no text column: the whole
    file is read with that separator, quoted cells and all. Before, the file was unreadable.
    """
    rows = ["id;title;text", '1;"Ferry; late";The ferry ran late again.', "2;Bridge;The bridge opened on Monday."]
    data = "\r\n".join(row.replace(";", separator) for row in rows).encode() + b"\r\n"
    items = read(tmp_path, "cms.csv", data)
    assert [(a.id, a.title, a.body) for a in items] == [
        ("1", f"Ferry{separator} late", "The ferry ran late again."),
        ("2", "Bridge", "The bridge opened on Monday."),
    ]


@pytest.mark.parametrize("separator", [";", "\t", "|"])
def test_a_cell_spanning_lines_in_a_csv_exported_with_another_separator_is_one_cell(
    tmp_path: Path, separator: str
) -> None:
    """Review of session 26: a quoted cell that holds a line ending opens after the file's own separator.

    A spreadsheet quotes a body of several paragraphs; before, only ',"' opened a quoted
    field, so the line ending inside it ended the row ('unexpected end of data') and its
    second line was a row of one column.
    """
    rows = [
        "id;title;text",
        '1;"Ferry";"The ferry ran late again.\nIt was the third time; a record."',
        "2;Bridge;Open.",
    ]
    data = "\n".join(row.replace(";", separator) for row in rows).encode() + b"\n"
    items = read(tmp_path, "cms.csv", data)
    assert [(a.id, a.body) for a in items] == [
        ("1", f"The ferry ran late again.\nIt was the third time{separator} a record."),
        ("2", "Open."),
    ]


def test_a_text_column_whose_name_holds_a_semicolon_is_read_with_commas(tmp_path: Path) -> None:
    """The separator is only guessed when the one column read is not the text column itself."""
    fields = {**SOURCES["fields"], "text": "body;main"}
    items = read(tmp_path, "a.csv", b"body;main\nThe ferry ran late again.\n", fields=fields)
    assert [a.body for a in items] == ["The ferry ran late again."]


def test_csv_without_text_column_names_the_column(tmp_path: Path) -> None:
    [item] = read(tmp_path, "a.csv", b"id,title\n1,One\n")
    assert isinstance(item, Unreadable) and "no 'text' column" in item.problem


def test_html_main_text_is_extracted_without_scripts(tmp_path: Path) -> None:
    html = b"<html><head><title>T</title><script>alert(1)</script></head><body><nav>Home</nav><h1>Big news</h1><p>First para.</p><p>Second para.</p></body></html>"
    [art] = read(tmp_path, "page.html", html, html_extractor="builtin")
    assert isinstance(art, Article) and art.title == "Big news"
    assert art.body == "First para.\nSecond para."  # no script, no nav, no repeated h1


def test_directories_are_walked_sorted_with_include_and_exclude(tmp_path: Path) -> None:
    for rel in ["b/2.txt", "a/1.md", "a/skip.txt", "a/notes.pdf", ".git/x.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Title\nBody.")
    batch = Batch([str(tmp_path)], {**SOURCES, "exclude": [*SOURCES["exclude"], "skip.txt"]})
    assert [Path(f).relative_to(tmp_path).as_posix() for f in batch.files()] == ["a/1.md", "b/2.txt"]


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        Batch([str(tmp_path / "nope.txt")], SOURCES)


@pytest.mark.parametrize(
    ("data", "kind"), [(b'{"text": "From stdin."}\n', "jsonl"), (b"Title\nBody from stdin.", "txt")]
)
def test_stdin_is_spooled_sniffed_and_readable_twice(data: bytes, kind: str) -> None:
    batch = Batch(["-"], SOURCES, stdin=io.BytesIO(data))
    first, second = list(batch), list(batch)
    assert first == second and len(first) == 1 and isinstance(first[0], Article)
    assert first[0].source is not None and first[0].source.format == kind


@pytest.mark.parametrize(
    "data",
    [
        b'[{"id": "a", "text": "From stdin."}, {"id": "b", "text": "Also."}]',
        b'\xef\xbb\xbf\n[\n  {\n    "id": "a",\n    "text": "From stdin."\n  },\n  {"id": "b", "text": "Also."}\n]\n',
    ],
)
def test_a_json_array_of_records_on_stdin_is_read_record_by_record_not_as_one_text(data: bytes) -> None:
    items = list(Batch(["-"], SOURCES, stdin=io.BytesIO(data)))
    assert [(i.id, i.source.format) for i in items if isinstance(i, Article) and i.source] == [
        ("a", "json"),
        ("b", "json"),
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"<!doctype html><html><head><title>Mill fire</title></head><body><h1>Mill fire</h1><p>A mill burned down, the fire service said.</p></body></html>",
        b"\xef\xbb\xbf\n  <HTML><body><h1>Mill fire</h1><p>A mill burned down, the fire service said.</p></body></HTML>",
        # review s25v2: after a comment or an XML declaration, as a served or XHTML page opens
        b"<!-- cached 2026-12-01 -->\n<!doctype html><html><body><h1>Mill fire</h1><p>A mill burned down, the fire service said.</p></body></html>",
        b'<?xml version="1.0" encoding="utf-8"?>\n<!-- a -->\n<html><body><h1>Mill fire</h1><p>A mill burned down, the fire service said.</p></body></html>',
    ],
)
def test_an_html_page_on_stdin_is_read_as_html_not_as_a_text_of_tags(data: bytes) -> None:
    [item] = Batch(["-"], {**SOURCES, "html_extractor": "builtin"}, stdin=io.BytesIO(data))
    assert isinstance(item, Article) and item.source is not None and item.source.format == "html"
    assert (item.title, item.body) == ("Mill fire", "A mill burned down, the fire service said.")


@pytest.mark.parametrize(
    "data",
    [
        b"<!-- an unclosed comment\nMill fire\n\nA mill burned down.",
        b'<?xml version="1.0"?>\n<rss><channel><title>Mill fire</title></channel></rss>',
    ],
)
def test_a_comment_or_xml_declaration_before_no_html_start_stays_text(data: bytes) -> None:
    [item] = Batch(["-"], SOURCES, stdin=io.BytesIO(data))
    assert isinstance(item, Article) and item.source is not None and item.source.format == "txt"


def test_text_that_starts_with_another_tag_on_stdin_is_still_text() -> None:
    [item] = Batch(["-"], SOURCES, stdin=io.BytesIO(b"<b>Mill fire</b>\n\nA mill burned down."))
    assert isinstance(item, Article) and item.source is not None and item.source.format == "txt"


def test_text_whose_title_starts_with_a_bracket_on_stdin_is_still_text() -> None:
    [item] = Batch(["-"], SOURCES, stdin=io.BytesIO(b"[Updated] Council approves budget\n\nBody from stdin."))
    assert isinstance(item, Article) and item.source is not None and item.source.format == "txt"
    assert item.title == "[Updated] Council approves budget"


@pytest.mark.parametrize("data", [b"[ ] Call the council\nThe vote is on Monday.", b"[]\nMinutes of the meeting."])
def test_text_opening_with_an_empty_checkbox_on_stdin_is_text_not_an_empty_json_array(data: bytes) -> None:
    [item] = Batch(["-"], SOURCES, stdin=io.BytesIO(data))
    assert isinstance(item, Article) and item.source is not None and item.source.format == "txt"
    assert item.title == data.decode().splitlines()[0]


@pytest.mark.parametrize("data", [b"[]", b" [ ]\n", b"[\n]\n\n"])
def test_an_empty_json_array_alone_on_stdin_is_still_read_as_json(data: bytes) -> None:
    [item] = Batch(["-"], SOURCES, stdin=io.BytesIO(data))
    assert isinstance(item, Unreadable) and "empty JSON array" in item.problem


def test_record_fields_beyond_the_configured_ones_are_kept_as_metadata(tmp_path: Path) -> None:
    from copydesk.plugins.truncation.batch import source_of

    record = {"id": "a", "text": "Body.", "source": "bbc", "rank": 3, "tags": ["x", "y"], "empty": "", "none": None}
    [item] = read(tmp_path, "feed.jsonl", (json.dumps(record) + "\n").encode())
    assert isinstance(item, Article)
    # an empty string is kept (an empty label is not a missing one: learn-weights says which), a null is not
    assert dict(item.meta) == {"source": "bbc", "rank": "3", "tags": '["x", "y"]', "empty": ""}
    assert source_of(item) == "bbc"  # the length-outlier rule compares articles of one source
    [row] = read(tmp_path, "feed.csv", b"id,text,source_site\nb,Body.,example.org\n")
    assert isinstance(row, Article) and dict(row.meta) == {"source_site": "example.org"}


def test_a_folder_walk_matches_include_globs_whatever_the_case_of_a_name(tmp_path: Path) -> None:
    """Upper-case extensions from a CMS or Windows export are read in a folder, as they are when named."""
    for name in ("a.txt", "B.TXT", "c.Md", "D.HTML", "e.Csv", "notes.docx"):
        (tmp_path / name).write_text("Title\nBody.")
    batch = Batch([str(tmp_path)], SOURCES)
    assert [Path(f).name for f in batch.files()] == ["B.TXT", "D.HTML", "a.txt", "c.Md", "e.Csv"]


def test_linked_folders_are_followed_once_and_link_loops_end(tmp_path: Path) -> None:
    real = tmp_path / "b_real"
    real.mkdir()
    (real / "1.txt").write_text("Title\nBody.")
    (tmp_path / "a_link").symlink_to(real)  # the same folder twice: walked under the first name
    (real / "loop").symlink_to(tmp_path)  # a loop back to the top
    elsewhere = tmp_path.parent / f"{tmp_path.name}-outside"
    elsewhere.mkdir()
    (elsewhere / "2.txt").write_text("Title\nBody.")
    (tmp_path / "c_outside").symlink_to(elsewhere)  # a linked folder is followed
    batch = Batch([str(tmp_path)], SOURCES)
    assert [Path(f).relative_to(tmp_path).as_posix() for f in batch.files()] == ["a_link/1.txt", "c_outside/2.txt"]


def test_a_second_pass_reads_the_files_the_first_one_listed_and_reports_what_is_gone(tmp_path: Path) -> None:
    import shutil

    def records(*ids: str) -> str:
        return "".join(json.dumps({"id": i, "text": "Body."}) + "\n" for i in ids)

    for name in ("a.txt", "sub/b.txt", "sub/c.txt", "z.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"Title {name}\nBody.")
    (tmp_path / "feed.jsonl").write_text(records("r1", "r2", "r3"))
    (tmp_path / "gone.jsonl").write_text(records("g1", "g2"))
    batch = Batch([str(tmp_path)], SOURCES)
    first = list(batch)
    shutil.rmtree(tmp_path / "sub")  # deleted between the batch pass and scoring
    (tmp_path / "gone.jsonl").unlink()
    (tmp_path / "feed.jsonl").write_text(records("r1"))  # rewritten shorter
    (tmp_path / "new.txt").write_text("Title\nBody.")  # not seen by the batch pass: not scored either
    second = list(batch)
    assert [Path(i.id).name for i in first] == ["a.txt", "r1", "r2", "r3", "g1", "g2", "z.txt", "b.txt", "c.txt"]
    assert [i.id for i in first] != [i.id for i in second]
    got = [(Path(i.id).name, i.problem if isinstance(i, Unreadable) else None) for i in second]
    assert got == [
        ("a.txt", None),
        ("r1", None),
        ("feed.jsonl", "changed since the batch pass read it: 2 of its 3 articles are gone"),
        ("gone.jsonl", "vanished since the batch pass read it (2 articles)"),
        ("z.txt", None),
        ("b.txt", "vanished since the batch pass read it"),
        ("c.txt", "vanished since the batch pass read it"),
    ]


def test_a_comment_above_the_title_is_not_the_title_and_its_ignore_file_applies() -> None:
    art = parse_text(
        "<!-- copydesk: ignore-file HDG, FIG -->\n<!-- a note -->\nTitle may\n\nIt may rain.\n", "s.txt", "txt"
    )
    assert isinstance(art, Article) and art.title == "Title may" and art.body == "\nIt may rain.\n"
    assert art.meta["copydesk_ignore"] == "HDG FIG"
    assert art.source is not None and art.source.title_at == Position(56, 3, 1)


def test_a_front_matter_title_leaves_the_whole_text_as_body_and_is_located_in_the_file() -> None:
    text = '---\ntitle: "Rates may rise"\n---\n<!-- copydesk: ignore-file HDG -->\nFirst line of the body.\n'
    art = parse_text(text, "q.md", "md")
    assert isinstance(art, Article) and art.title == "Rates may rise"
    assert art.body == "<!-- copydesk: ignore-file HDG -->\nFirst line of the body.\n"
    assert art.source is not None and art.source.title_at is not None
    at = art.source.title_at
    assert text[at.offset : at.offset + len(art.title)] == art.title and (at.line, at.column) == (2, 9)
    assert art.source.body_at == Position(len('---\ntitle: "Rates may rise"\n---\n'), 4, 1)


HUGO = (
    '---\ntitle: "Council approves budget"\ndate: 2024-03-01\ndraft: false\n\n# the byline\nauthor:\n'
    "  - Jane Smith\n  - John Roe\nurl: https://www.example.com/a\nparams:\n  desk: city\n"
    "summary: >\n  Folded\n  text: kept\n---\n\nThe council approved the budget on Monday.\n"
)


@pytest.mark.parametrize(
    ("text", "title", "byline", "url", "meta"),
    [
        # a YAML list, a blank line, a comment, a nested mapping and a block scalar (review 11, item 4)
        (
            HUGO,
            "Council approves budget",
            "Jane Smith, John Roe",
            "https://www.example.com/a",
            {"draft": "false", "params": "", "summary": "Folded text: kept"},
        ),
        # list items at the key's own indentation, and one item alone
        (
            "---\nauthor:\n- Jane Smith\ntags:\n- a\n- b\n---\nHeadline\nBody.\n",
            "Headline",
            "Jane Smith",
            None,
            {"tags": "a, b"},
        ),
        # the byline's flow list is read as its block list is; another key's stays as written (review 12b, item 11)
        (
            "---\nauthor: [Jane Smith, 'John Roe']\ntags: [a, b]\n---\nHeadline\nBody.\n",
            "Headline",
            "Jane Smith, John Roe",
            None,
            {"tags": "[a, b]"},
        ),
    ],
)
def test_front_matter_reads_yaml_lists_blank_lines_comments_and_indented_lines(
    text: str, title: str, byline: str, url: str | None, meta: dict[str, str]
) -> None:
    art = parse_text(text, "h.md", "md")
    assert isinstance(art, Article) and art.source is not None
    assert (art.title, art.byline, art.url, dict(art.meta)) == (title, byline, url, meta)
    assert art.source.front_matter_ignored is None and art.body.strip().endswith("Body." if url is None else "Monday.")


def test_a_front_matter_block_list_byline_places_each_item_on_its_own_line() -> None:
    text = "---\nauthor:\n  - Jane Smith\n  - 'John Roe'\n  -   Ann Lee\n---\nHeadline\nBody.\n"
    art = parse_text(text, "h.md", "md")
    assert isinstance(art, Article) and art.source is not None and art.byline == "Jane Smith, John Roe, Ann Lee"
    mapped = art.source.byline_map
    assert mapped is not None and art.source.byline_at is None
    for name, (line, column) in {"Jane Smith": (3, 5), "John Roe": (4, 6), "Ann Lee": (5, 7)}.items():
        at = mapped.locate(art.byline.index(name))
        end = mapped.locate(art.byline.index(name) + len(name), end=True)
        assert (at.line, at.column, end.line, end.column) == (line, column, line, column + len(name))
        assert text[at.offset : end.offset] == name
    one = parse_text("---\nbyline:\n - Jane Smith\n---\nHeadline\nBody.\n", "o.md", "md")
    assert isinstance(one, Article) and one.source is not None
    assert (one.source.byline_at, one.source.byline_map) == (Position(15, 3, 4), None)
    gap = parse_text("---\nauthor:\n  -\n  - Jane Smith\n---\nHeadline\nBody.\n", "g.md", "md")
    assert isinstance(gap, Article) and gap.source is not None  # an empty item adds nothing (no leading ", ")
    assert (gap.byline, gap.source.byline_at) == ("Jane Smith", Position(20, 4, 5))
    lost = parse_text("---\nauthor:\n  - Jane\n    Smith\n  - Ann Lee\n---\nHeadline\nBody.\n", "l.md", "md")
    assert isinstance(lost, Article) and lost.source is not None  # a value over lines: no place rather than a wrong one
    assert (lost.source.byline_at, lost.source.byline_map) == (None, None)


@pytest.mark.parametrize(
    ("text", "ignored"),
    [
        (
            "---\ntitle: T\nnot a key\n---\nBody text.\n",
            (3, "front matter line 3 ('not a key') is not 'key: value'; the block is read as body text"),
        ),
        (
            "---\ntitle: T\nauthor: Staff\n\nBody text.\n",
            (
                1,
                "front matter opened on line 1 is never closed by a '---' line (line 5, 'Body text.', is not"
                " 'key: value'); the block is read as body text",
            ),
        ),
        (
            "---\ntitle: T\n",
            (1, "front matter opened on line 1 is never closed by a '---' line; the block is read as body text"),
        ),
        ("- item\n\nBody text.\n", None),  # no front matter at all
        # Hugo's TOML front matter is not read, and says so (it was body text in silence)
        (
            '+++\ntitle = "T"\n+++\n\nBody text.\n',
            (
                1,
                "TOML front matter ('+++') is not read (write it as YAML between '---' lines); the block is read as body text",
            ),
        ),
        ("+++ Breaking\n\nBody text.\n", None),  # a title that starts with +++ is a title
    ],
)
def test_front_matter_that_cannot_be_read_is_body_text_and_says_where(
    text: str, ignored: tuple[int, str] | None
) -> None:
    art = parse_text(text, "u.md", "md")
    assert isinstance(art, Article) and art.source is not None and art.source.front_matter_ignored == ignored
    if ignored is not None:
        fence = text[:3]
        assert art.title == fence and art.body.startswith(("title: T\n", 'title = "T"\n'))


def parquet_bytes(rows: list[dict[str, object]], row_group_size: int | None = None) -> bytes:
    """A Parquet file holding ``rows``, made with pyarrow."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows), sink, row_group_size=row_group_size)
    return sink.getvalue()


# One small valid file per input format, by name: a format added to sources.FORMATS
# without a sample here fails test_every_input_format_has_a_sample.
SAMPLES: dict[str, bytes] = {
    "txt": b"A title\nThe body of the article.\n",
    "md": b"# A title\n\nThe body of the article.\n",
    "jsonl": b'{"title": "A title", "text": "The body of the article."}\n',
    "csv": b"title,text\nA title,The body of the article.\n",
    "json": b'[{"title": "A title", "text": "The body of the article."}]\n',
    "html": b"<html><head><title>A title</title></head><body><p>The body of the article.</p></body></html>",
    "parquet": parquet_bytes([{"title": "A title", "text": "The body of the article."}]),
}


def test_every_input_format_has_a_sample() -> None:
    assert set(SAMPLES) == set(BY_NAME)


@pytest.mark.parametrize("extension", sorted(FORMATS))
def test_each_extension_is_read_by_its_format(tmp_path: Path, extension: str) -> None:
    name = FORMATS[extension].name
    [art] = read(tmp_path, f"a{extension.upper()}", SAMPLES[name])
    assert isinstance(art, Article) and art.source is not None
    assert (art.source.format, art.body.strip()) == (name, "The body of the article.")


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_stdin_format_reads_standard_input_in_each_format(name: str) -> None:
    [art] = Batch(["-"], {**SOURCES, "stdin_format": name}, stdin=io.BytesIO(SAMPLES[name]))
    assert isinstance(art, Article) and art.source is not None and art.source.format == name


def test_stdin_format_choices_are_auto_and_the_table_formats() -> None:
    assert STDIN_FORMATS == ("auto", "txt", "md", "jsonl", "csv", "json", "html", "parquet")
    for name in STDIN_FORMATS:
        assert load_config(overrides={"sources": {"stdin_format": name}}, discover=False)
    with pytest.raises(ConfigError, match="stdin_format must be auto, txt, md, jsonl, csv, json, html or parquet"):
        load_config(overrides={"sources": {"stdin_format": "xml"}}, discover=False)


#: Read when named, left out of folder walks by default: a repository's other JSON (a
#: baseline, package.json, a report) is not an article.
NAMED_ONLY = {".json"}


def test_default_include_globs_cover_every_extension_in_the_table_but_json() -> None:
    include = SOURCES["include"]
    covered = {ext for ext in FORMATS if any(fnmatch.fnmatch(f"article{ext}", glob) for glob in include)}
    assert set(FORMATS) - covered == NAMED_ONLY, (
        f"config.toml [sources] include lacks {set(FORMATS) - covered - NAMED_ONLY}"
    )


def test_a_folder_walk_skips_json_by_default_and_reads_it_when_included(tmp_path: Path) -> None:
    """A baseline or package.json in a scored folder is not read as an article (it would be unreadable, exit 2)."""
    (tmp_path / "a.txt").write_text("Title\n\nThe council met on Monday, the clerk said.\n", encoding="utf-8")
    (tmp_path / "copydesk-baseline.json").write_text('{"version": 2}', encoding="utf-8")
    (tmp_path / "feed.json").write_text(
        '[{"id": "f1", "text": "The mayor spoke on Friday, the clerk said."}]', encoding="utf-8"
    )
    default = run_copydesk("score", "-f", "jsonl", str(tmp_path))
    assert default.exit_code == 0, default.stderr
    assert [json.loads(line)["id"] for line in default.stdout.splitlines()] == [f"{tmp_path.as_posix()}/a.txt"]
    config = tmp_path / "copydesk.toml"
    config.write_text('[sources]\ninclude = ["*.txt", "feed.json"]\n', encoding="utf-8")
    included = run_copydesk("score", "-f", "jsonl", "--config", str(config), str(tmp_path))
    assert included.exit_code == 0, included.stderr
    assert [json.loads(line)["id"] for line in included.stdout.splitlines()] == [f"{tmp_path.as_posix()}/a.txt", "f1"]


def test_readme_inputs_table_names_every_extension() -> None:
    readme = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Inputs", 1)[1].split("\n\n", 2)[1]
    missing = [ext for ext in FORMATS if f"`{ext}`" not in table]
    assert not missing, f"README's Inputs table lacks {missing}"


@pytest.mark.parametrize("blank", ["", "  ", "\t"])
@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_blank_lines_above_a_csv_header_are_skipped_and_rows_keep_their_lines(
    tmp_path: Path, ending: str, blank: str
) -> None:
    data = ending.join([blank, "", "id,text", "a,The council met on Tuesday.", ""]).encode()
    [item] = read(tmp_path, "feed.csv", data)
    assert isinstance(item, Article) and item.id == "a" and item.source is not None and item.source.record == 4


def test_a_csv_header_below_blank_lines_is_named_at_its_own_line(tmp_path: Path) -> None:
    [item] = read(tmp_path, "feed.csv", b"\n\nid,body\na,The council met on Tuesday.\n")
    assert isinstance(item, Unreadable)
    assert item.message.startswith(f"{tmp_path / 'feed.csv'}:3: no 'text' column in the header (id, body);")


def test_the_appledouble_files_macos_copies_beside_articles_are_not_read_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Title\n\nThe council met on Tuesday.\n")
    (tmp_path / "._story.txt").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02")
    batch = Batch([str(tmp_path)], SOURCES)
    assert [Path(f).name for f in batch.files()] == ["story.txt"]
    [named] = Batch([str(tmp_path / "._story.txt")], SOURCES)  # named, it is read (and is binary)
    assert isinstance(named, Unreadable) and "binary" in named.problem


@pytest.mark.parametrize(
    ("line", "message"),
    [
        # parsed, but not scorable: the record's own id (its report is filed under it)
        (b'{"id": "s1", "title": "T"}', "(s1): record has no 'text' field"),
        (b'{"id": "s2", "text": 5}', "(s2): field 'text' is number, not a string"),
        (b'{"id": "s3", "text": "\\ud800 Body."}', "(s3): not valid Unicode: an unpaired surrogate U+D800"),
        # not JSON: the id the line gives before it breaks (its report keeps path:line)
        (b'{"id": "s4", "text": "Body.",}', "(s4): not valid JSON: expecting property name"),
        (b'{"id": 44, "text": "Body."', "(44): not valid JSON: expecting ',' delimiter"),
        (b'{"title": "T", "id": "s5", "text": "cut', "(s5): not valid JSON: unterminated string"),
        (b'{"id": "a", "id": "s6", "text": }', "(s6): not valid JSON: expecting value"),
        (b'{"id": "s7", "n": ' + b"[" * 5000 + b"]" * 5000 + b', "text": "B."}', "(s7): not readable JSON: arrays or"),
        # no id to read, or none before the break: the place alone
        (b'{"text": "B.", "x": 1,, "id": "never"}', ": not valid JSON: expecting property name"),
        (b'{"text": "Body.",}', ": not valid JSON: expecting property name"),
        (b'{"text": "B.", "id": "late"', "(late): not valid JSON: expecting ',' delimiter"),  # cut off after it
        (b'{"n": {"id": "inner"},}', ": not valid JSON: expecting property name"),  # a nested id is not the record's
        (b'{"id": "\\ud800", "text": "B.",}', ": not valid JSON: expecting property name"),
        (b'["id", "s8"]', ": a JSON array, not an object"),
    ],
)
def test_an_unreadable_jsonl_records_error_names_its_file_line_and_the_id_it_gives(
    tmp_path: Path, line: bytes, message: str
) -> None:
    [item] = read(tmp_path, "feed.jsonl", line + b"\n")
    assert isinstance(item, Unreadable)
    assert item.message.startswith(f"{tmp_path / 'feed.jsonl'}:1{' ' if message.startswith('(') else ''}{message}")


def test_a_broken_lines_report_keeps_its_place_as_id_while_its_message_names_the_id_it_gives(tmp_path: Path) -> None:
    [item] = read(tmp_path, "feed.jsonl", b'{"id": "s4", "text": "Body.",}\n')
    assert isinstance(item, Unreadable) and item.report_id == f"{tmp_path / 'feed.jsonl'}:1" and item.said_id == "s4"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"id,title,text\nc1,T,Body.,extra\n", ":2 (c1): row has 4 columns, the header has 3"),
        (b"id,title,text\nc2,T\n", ":2 (c2): row has 2 columns, the header has 3"),
        (b"id,text\nc3,Caf\xe9 tables.\n", ":2 (c3): not valid UTF-8"),
        # an id column that is not the first is not where the header says once a row went wrong
        (b"title,id,text\nT,c4,Body.,extra\n", ":2: row has 4 columns, the header has 3"),
        (b"id,title,text\n,T,Body.,extra\n", ":2: row has 4 columns, the header has 3"),
        (b"id,title,text\nc5,T,\n", ":2 (c5): field 'text' is empty"),
    ],
)
def test_an_unreadable_csv_rows_error_names_its_file_line_and_the_id_it_gives(
    tmp_path: Path, data: bytes, message: str
) -> None:
    config = {**SOURCES, "encoding_fallback": False}
    path = tmp_path / "feed.csv"
    path.write_bytes(data)
    [item] = Batch([str(path)], config)
    assert isinstance(item, Unreadable) and item.message.startswith(f"{path}{message}"), item.message


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["id", "text", "title", "x"]),
        st.one_of(st.text(), st.integers(), st.none(), st.lists(st.integers(), max_size=3)),
        max_size=4,
    ),
    st.integers(min_value=0, max_value=60),
)
def test_the_id_a_broken_line_gives_is_what_json_reads_of_the_members_before_the_break(
    record: dict[str, Any], cut: int
) -> None:
    """Whole, the line gives json's own id; cut anywhere, an id only from a member that ended before the cut."""
    from copydesk.sources._said import said_in_json, shown_id

    text = json.dumps(record)
    assert said_in_json(text, "id") == shown_id(record.get("id"))
    said = said_in_json(text[:cut], "id")
    assert said is None or said == shown_id(record.get("id"))


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        (
            "nul.jsonl",
            b'{"id": "n", "text": "\\u0000\\u0000 \\u0000"}\n',
            "field 'text' holds only control characters, no text",
        ),
        (
            "bell.jsonl",
            b'{"id": "b", "text": "\\u0007\\u0085\\u009f"}\n',
            "field 'text' holds only control characters, no text",
        ),
        ("nul.csv", b"id,text\n1,\x00\x00\n", "field 'text' holds only control characters, no text"),
        ("ctl.txt", b"A headline\n\x01\x02 \x03\n", "no body text after the title (line 1)"),
        ("ctl2.txt", b"\x01\x02\n\x03\n", "no text: only white space and control characters"),
        ("comment.md", b"<!-- a note -->\n\n<!-- another -->\n", "no text: only HTML comments and white space"),
        ("matter.md", b"---\n---\n\n", "no text after the front matter"),
    ],
)
def test_a_text_of_control_characters_alone_is_unreadable_not_scored(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    [item] = read(tmp_path, name, data)
    assert isinstance(item, Unreadable) and item.problem == problem


@pytest.mark.parametrize("boms", [1, 2, 3])
@pytest.mark.parametrize(
    ("name", "data", "title"),
    [
        ("bom.csv", b"text,title\nThe harbour opened on Monday.,Harbour\n", "Harbour"),
        ("bom.json", b'[{"title": "Harbour", "text": "The harbour opened on Monday."}]', "Harbour"),
        ("bom.txt", b"Harbour\nThe harbour opened on Monday.\n", "Harbour"),
    ],
)
def test_a_file_after_one_or_more_utf8_byte_order_marks_is_read_as_without_them(
    tmp_path: Path, boms: int, name: str, data: bytes, title: str
) -> None:
    [item] = read(tmp_path, name, b"\xef\xbb\xbf" * boms + data)
    assert isinstance(item, Article) and item.title == title and item.body.strip() == "The harbour opened on Monday."


def test_a_line_of_control_characters_alone_is_no_title(tmp_path: Path) -> None:
    [item] = read(tmp_path, "debris.txt", b"\x01\x02\nHarbour\nThe harbour opened on Monday.\n")
    assert (
        isinstance(item, Article) and item.title == "Harbour" and item.body.strip() == "The harbour opened on Monday."
    )
