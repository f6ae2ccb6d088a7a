"""Issue 16 item 6: text from the input never forges output lines or drives a terminal.

An id carrying a newline followed by ``::error`` would be a GitHub Actions workflow
command; ESC/OSC/BEL sequences and bidi overrides would drive or mislead the terminal.
Every format and every stderr line must carry them as inert, visible escapes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from copydesk import safety
from support import run_copydesk

#: Workflow commands shaped exactly like the annotations copydesk writes, to be smuggled onto lines of their own.
LOOKALIKES = (
    "::error file=a.txt,line=1,col=1,endLine=1,endColumn=2,title=CD001 scorer-error::forged",
    "::error title=copydesk::forged",
)
FORGED_ID = "a\n::error title=forged::pwned\x1b]0;title\x07\x1b[2J\u202eevil\r::set-output name=x::y" + "".join(
    f"\n{command}\r\n" for command in LOOKALIKES
)
BODY = "Officials said the plan may possibly work. " * 20
#: Anything that must never appear raw in output meant for a terminal or a CI log.
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

#: A property value as the github format writes it: percent-escaped, so no raw ``,``, ``:`` or line break.
_VALUE = r"[^,:\r\n]+"
#: Every line the github format writes (core/formats/github.py), whole: a finding's or
#: diagnostic's annotation (columns only on a one-line span, a record's at its line), an
#: article's gate failure, a source's gate failure, an error of the run.
ANNOTATION = re.compile(
    rf"::(?:error|warning|notice) file={_VALUE},line=[0-9]+"
    r"(?:,col=[0-9]+,endLine=[0-9]+,endColumn=[0-9]+|,endLine=[0-9]+)?"
    r",title=[A-Z]{2,4}[0-9]{3} [a-z0-9]+(?:-[a-z0-9]+)*::[^\r\n]*"
    rf"|::error file={_VALUE},line=[0-9]+,title=copydesk gate::[^\r\n]*"
    r"|::error title=copydesk gate::source [^\r\n]*"
    r"|::error title=copydesk::[^\r\n]*"
)


def _forged(stream: str, github: bool) -> list[str]:
    """The lines a GitHub runner would execute as workflow commands (it trims leading space), but copydesk's own.

    In the github format every line must be one of copydesk's annotations, exactly.
    """
    if github:
        return [ln for ln in stream.splitlines() if not ANNOTATION.fullmatch(ln)]
    return [ln for ln in stream.splitlines() if ln.lstrip().startswith("::")]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A JSONL batch: one record with a forged id, one unreadable record, one plain."""
    records = [
        json.dumps({"id": FORGED_ID, "title": "T\x1b[31m\n" + LOOKALIKES[0], "text": BODY}),
        "{not json " + FORGED_ID.replace("\n", " "),
        json.dumps({"id": "plain", "source": FORGED_ID, "text": BODY}),  # its source fails --source-fail-under
    ]
    path = tmp_path / f"bad\x1b[2Jname\n{LOOKALIKES[1]}\n.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "github", "markdown", "junit", "sarif", "json", "jsonl", "html"])
def test_no_format_and_no_stderr_line_can_be_forged(hostile: Path, fmt: str) -> None:
    result = run_copydesk("check", "--fail-under", "99", "--source-fail-under", "99", "-f", fmt, str(hostile))
    assert result.exit_code == 2, result.stderr
    assert "FAIL source 'a\\n::error title=forged" in result.stderr  # the hostile source fails, shown inert
    if fmt == "github":
        # a line break in a message is %0A, as GitHub's toolkit escapes it (it was shown as repr's \n)
        assert "::error title=copydesk gate::source 'a%0A::error title=forged" in result.stdout
    for stream in (result.stdout, result.stderr):
        assert not RAW.search(stream), repr(RAW.search(stream))
        forged = _forged(stream, github=fmt == "github" and stream is result.stdout)
        assert forged == [], forged
    assert "FAIL" in result.stderr and "\\x1b" in result.stderr  # the id is shown, escaped


def test_junit_attributes_show_newlines_tabs_and_crs_as_visible_escapes(hostile: Path) -> None:
    """A CI reporter prints a test's name and message as read: ``&#10;`` in the file would be a real line break."""
    import xml.etree.ElementTree as ET

    result = run_copydesk("check", "--fail-under", "99", "--source-fail-under", "99", "-f", "junit", str(hostile))
    assert result.exit_code == 2, result.stderr
    assert "&#10;" not in result.stdout and "&#13;" not in result.stdout and "&#9;" not in result.stdout
    values = [value for element in ET.fromstring(result.stdout).iter() for value in element.attrib.values()]
    assert [v for v in values if re.search(r"[\n\r\t]", v)] == []
    names = [tc.get("name", "") for tc in ET.fromstring(result.stdout).iter("testcase")]
    assert any(name.startswith("a\\n::error title=forged::pwned") for name in names), names


def test_a_file_named_like_a_workflow_command_cannot_start_a_line(tmp_path: Path) -> None:
    name = tmp_path / "::error title=forged::x.txt"
    name.write_text("Title\n\n" + BODY, encoding="utf-8")
    result = run_copydesk("score", str(name))
    assert not [ln for ln in result.stdout.splitlines() if ln.lstrip().startswith("::")], result.stdout


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain: text", "plain: text"),
        ("a\nb", "a\\nb"),
        ("\x1b]8;;http://x\x07link", "\\x1b]8;;http://x\\x07link"),
        ("\u202eabc", "\\u202eabc"),
        ("\x9b2J", "\\x9b2J"),
        ("tab\there", "tab\\there"),
        # a backslash is escaped, so a typed "\x1b" (four characters) is not an escaped ESC
        ("typed \\x1b", "typed \\\\x1b"),
        ("\\", "\\\\"),
        ("lone \ud800 half", "lone \\ud800 half"),
        ("\udcff", "\\udcff"),
    ],
)
def test_neutralise_makes_controls_visible(raw: str, shown: str) -> None:
    assert safety.neutralise(raw) == shown


@pytest.mark.parametrize(("raw", "shown"), [("::error::x", "\\::error::x"), ("  ::x", "\\  ::x"), ("a::b", "a::b")])
def test_a_leading_workflow_command_is_escaped(raw: str, shown: str) -> None:
    assert safety.line(raw) == shown


#: History URLs with controls in them, and how the one error line shows each (password redacted).
HOSTILE_URLS = [
    ("sqlite:///{d}/x\x1b[2J\n::error::forged.db", "sqlite:///{d}/x\\x1b[2J\\n::error::forged.db"),
    ("{d}/a\r.db", "{d}/a\\r.db"),
    ("postgresql://u:secret@h\x07st/db", "postgresql://u:***@h\\x07st/db"),
    ("{d}/\u202eevil.db", "{d}/\\u202eevil.db"),
]


@pytest.mark.parametrize(("url", "shown"), HOSTILE_URLS)
@pytest.mark.parametrize("command", [("score",), ("check",), ("history",)])
def test_a_history_url_with_control_characters_is_refused_on_one_inert_line(
    tmp_path: Path, url: str, shown: str, command: tuple[str, ...]
) -> None:
    paths = () if command == ("history",) else (str(tmp_path / "a.txt"),)
    (tmp_path / "a.txt").write_text("Title\n\n" + BODY, encoding="utf-8")
    result = run_copydesk(*command, *paths, "--history", url.format(d=tmp_path))
    shown = shown.format(d=tmp_path)
    prefix = "" if command == ("history",) else "--history: "
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"copydesk: error: {prefix}history {shown}: a history URL must not contain control characters"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no database file made


def test_a_configured_history_url_with_control_characters_is_refused_on_one_inert_line(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[history]\nurl = "h\\u001b]0;title\\u0007.db"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Title\n\n" + BODY, encoding="utf-8")
    for args in (("check", str(tmp_path / "a.txt")), ("history",)):
        result = run_copydesk(*args, "--config", str(config))
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.splitlines() == [
            f"copydesk: error: {config}:2: history.url: history h\\x1b]0;title\\x07.db:"
            " a history URL must not contain control characters"
        ]


#: Records whose id and title are not strings: each id and title as canonical JSON text.
NON_STRING = [
    ({"id": True, "title": 1}, "true", "1"),
    ({"id": {"b": 2, "a": 1}, "title": False}, '{"a":1,"b":2}', "false"),
    ({"id": 1.5, "title": ["x", None]}, "1.5", '["x",null]'),
]


def test_non_string_ids_and_titles_are_canonical_json_text_in_the_json_report(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps({**rec, "text": BODY}) + "\n" for rec, _, _ in NON_STRING), encoding="utf-8")
    result = run_copydesk("score", "-f", "json", str(path))
    assert result.exit_code == 0, result.stderr
    shown = sorted((a["id"], a["title"]) for a in json.loads(result.stdout)["articles"])
    assert shown == sorted((id_, title) for _, id_, title in NON_STRING)


@pytest.mark.parametrize("fmt", ["text", "github", "markdown", "junit", "sarif", "jsonl", "html"])
def test_non_string_ids_are_never_python_reprs_in_any_format(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps({**rec, "text": BODY}) + "\n" for rec, _, _ in NON_STRING), encoding="utf-8")
    result = run_copydesk("check", "--fail-under", "99", "-f", fmt, str(path))
    assert result.exit_code == 1, result.stderr
    for stream in (result.stdout, result.stderr):
        for python in ("True", "False", "{'a'", "['x'"):
            assert python not in stream, (python, fmt)
    assert "copydesk: FAIL true: " in result.stderr and 'copydesk: FAIL {"a":1,"b":2}: ' in result.stderr


def test_neutralise_tells_a_typed_escape_from_a_control() -> None:
    assert safety.neutralise("\\x1b") != safety.neutralise("\x1b")
    assert safety.neutralise("\\n") != safety.neutralise("\n")


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("a\nb", "a%0Ab"),
        ("a\r\nb", "a%0D%0Ab"),
        ("100%", "100%25"),
        ("%0A typed", "%250A typed"),
        ("esc\x1b bell\x07 \u202e", "esc\\x1b bell\\x07 \\u202e"),
        ("back\\slash", "back\\\\slash"),
        ("a: b, c", "a: b, c"),  # ':' and ',' only matter in properties
    ],
)
def test_github_messages_escape_as_the_workflow_command_spec(message: str, shown: str) -> None:
    from copydesk.formats.github import command

    assert command("error", {}, message) == f"::error ::{shown}"


def test_github_properties_escape_colon_comma_percent_and_line_breaks() -> None:
    from copydesk.formats.github import command

    line = command("warning", {"file": "a:b,c%d\ne\rf\\g", "line": 3}, "m")
    assert line == "::warning file=a%3Ab%2Cc%25d%0Ae%0Df\\\\g,line=3::m"


#: An id holding the four characters backslash, x, 1, b, then a real ESC; and a source with a backslash and BEL.
TYPED = {"id": "typed\\x1b|esc\x1b", "title": "T", "text": BODY, "source": "src\\q\x07"}


@pytest.mark.parametrize(
    ("fmt", "shown_id", "shown_source"),
    [
        ("text", "typed\\\\x1b|esc\\x1b", "'src\\\\q\\x07'"),
        ("github", "typed\\\\x1b|esc\\x1b", "'src\\\\q\\x07'"),
        ("junit", "typed\\\\x1b|esc\\x1b", "'src\\\\q\\x07'"),
        # Markdown escapes each backslash of the neutralised text for its renderer (and the pipe)
        ("markdown", "typed\\\\\\\\x1b\\|esc\\\\x1b", "'src\\\\\\\\q\\\\x07'"),
    ],
)
def test_each_format_escapes_input_once(tmp_path: Path, fmt: str, shown_id: str, shown_source: str) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(TYPED) + "\n", encoding="utf-8")
    result = run_copydesk("check", "--fail-under", "99", "--source-fail-under", "99", "-f", fmt, str(path))
    assert result.exit_code == 1, result.stderr
    assert "copydesk: FAIL typed\\\\x1b|esc\\x1b: fail_under" in result.stderr
    assert "copydesk: FAIL source 'src\\\\q\\x07': mean score" in result.stderr
    assert shown_id in result.stdout and f"source {shown_source}" in result.stdout
    for doubled in ("\\\\\\\\x1b|esc", "esc\\\\\\x1b", "\\\\\\\\\\\\"):  # escaped twice
        assert doubled not in result.stdout.replace(shown_id, "").replace(shown_source, ""), doubled
    assert "\\'" not in result.stdout + result.stderr  # no repr() quoting


def test_an_unpaired_surrogate_is_named_as_a_code_point(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(b'{"id": "s", "text": "bad \\ud800 half"}\n')
    result = run_copydesk("score", str(path))
    assert (
        result.stderr.splitlines()[0]
        == f"copydesk: error: {path}:1 (s): not valid Unicode: an unpaired surrogate U+D800"
    )


def test_explain_shows_a_plugins_controls_as_escapes_on_a_pipe(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[plugins.hedging]\nextra_cues = ["typed\\\\x1b", "esc\\u001b[2J"]\n', encoding="utf-8")
    result = run_copydesk("explain", "HDG001", "--config", str(config))
    assert result.exit_code == 0, result.stderr
    assert not RAW.search(result.stdout)
    assert '"typed\\\\x1b", "esc\\x1b[2J"' in result.stdout  # inside a code span: shown as neutralised


@pytest.mark.parametrize("fmt", ["text", "github", "junit", "markdown", "html"])
def test_a_file_name_that_is_not_utf8_shows_its_byte_as_a_lone_surrogate_escape(tmp_path: Path, fmt: str) -> None:
    import os

    os.makedirs(tmp_path / "d")
    with open(os.path.join(os.fsencode(tmp_path / "d"), b"bad\xff.txt"), "wb") as handle:
        handle.write(("Title\n\n" + BODY).encode())
    result = run_copydesk("score", "-f", fmt, str(tmp_path / "d"))
    assert result.exit_code == 0, result.stderr
    shown = "bad\\\\udcff\\.txt" if fmt == "markdown" else "bad\\udcff.txt"  # Markdown escapes \ and .
    assert shown in result.stdout and "\ufffd" not in result.stdout  # the byte 0xff, not U+FFFD


#: Messages that quote what the user typed (an argument or a config value), each with an ESC and a backslash in it:
#: (arguments, config file text or None, the input as the one stderr line must show it).
QUOTING_MESSAGES = [
    (("score", "a.txt", "--select", "\x1b[31mZZ\\"), None, "'\\x1b[31mZZ\\\\' matches no rule code"),
    (("score", "a.txt", "-f", "js\x1bon\\"), None, "unknown format 'js\\x1bon\\\\'"),
    (
        ("score", "a.txt", "--min-severity", "x\x1b\\"),
        None,
        "--min-severity must be info, warning or error, not 'x\\x1b\\\\'",
    ),
    (("rules", "-f", "x\x1b\\"), None, "--format must be text or json, not 'x\\x1b\\\\'"),
    (("check", "a.txt", "--max-fail-rise", "x\x1b\\"), None, "'x\\x1b\\\\' is not a share like 0.1 or 10%"),
    (("score", "a.txt"), '[run]\n"a\\u001b[2Jb\\\\" = 1\n', "unknown key 'run.a\\x1b[2Jb\\\\'"),
    (("score", "a.txt"), '[severity]\nHDG001 = "x\\u001b\\\\"\n', "must be info, warning or error, not 'x\\x1b\\\\'"),
    (("score", "a.txt"), '[sources]\nhtml_extractor = "x\\u001b\\\\"\n', "or trafilatura, not 'x\\x1b\\\\'"),
    (("score", "a.txt"), '[rollup]\nby = "x\\u001b\\\\"\n', "unknown source strategy 'x\\x1b\\\\'"),
]


@pytest.mark.parametrize(("args", "config", "shown"), QUOTING_MESSAGES)
def test_a_message_quoting_input_escapes_it_exactly_once(
    tmp_path: Path, args: tuple[str, ...], config: str | None, shown: str
) -> None:
    """A real ESC reads ``\\x1b`` and a typed backslash ``\\\\`` (repr() quoted it, and stderr escaped that again)."""
    (tmp_path / "a.txt").write_text("Title\n\n" + BODY, encoding="utf-8")
    extra = ()
    if config is not None:
        (tmp_path / "c.toml").write_text(config, encoding="utf-8")
        extra = ("--config", "c.toml")
    result = run_copydesk(*args, *extra, cwd=tmp_path)
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and shown in lines[0], lines
    assert not RAW.search(result.stderr)


def test_a_plugins_data_key_and_metric_name_are_quoted_once_in_its_failure_message() -> None:
    """A scorer's bad result is named by its data key or metric name, escaped only where the message is written."""
    from copydesk.containment import data_problem

    problem = data_problem({"k\x1b\\": float("nan")}, "data")
    assert problem is not None and safety.neutralise(problem).startswith("data['k\\x1b\\\\']")


#: A zero-width space in an id and a source name: the names must never look like "a1" and "wire".
ZW_BODY = "Officials said the plan may possibly work for the team \U0001f469\u200d\U0001f4bb in the town. " * 6
#: What each format shows of the id and the source (the Markdown report escapes the escape's backslash).
ZW_SHOWN = {
    "text": ["a\\u200b1", "wire\\u200b"],
    "markdown": ["a\\\\u200b1", "wire\\\\u200b"],
    "github": ["a\\u200b1"],
    "junit": ['name="a\\u200b1"'],
    "html": ['data-source="wire\\u200b"', "a\\u200b1"],
}


@pytest.fixture
def zero_width(tmp_path: Path) -> Path:
    """Two articles an invisible character apart in id and source, and a third that repeats the first's id."""
    records = [
        {"id": "a\u200b1", "source": "wire\u200b", "text": ZW_BODY},
        {"id": "a1", "source": "wire", "text": ZW_BODY},
        {"id": "a\u200b1", "source": "wire", "text": ZW_BODY},
    ]
    path = tmp_path / "zw.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ZW_SHOWN)
def test_an_invisible_character_in_an_id_or_source_is_shown_as_an_escape_in_every_format(
    zero_width: Path, fmt: str
) -> None:
    result = run_copydesk("score", str(zero_width), "-f", fmt)
    assert result.exit_code == 0, result.stderr
    for shown in ZW_SHOWN[fmt]:
        assert shown in result.stdout, shown
    assert "\u200b" not in result.stdout and "\u200b" not in result.stderr
    assert "id 'a\\u200b1' is also an earlier article's id" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_the_articles_text_keeps_a_joiner_that_is_part_of_its_writing(zero_width: Path, fmt: str) -> None:
    """The text report's excerpts and the HTML report's body show an emoji sequence as written.

    A message that quotes the text (TPL003's recurring line) is copydesk's line about it, and
    shows the joiner as an escape: two lines an invisible character apart read apart there.
    """
    out = run_copydesk("score", str(zero_width), "-f", fmt).stdout
    emoji = "\U0001f469\u200d\U0001f4bb"
    if fmt == "text":
        excerpts = [line for line in out.splitlines() if line.startswith("      | ")]
        assert excerpts and all(emoji in line and "\\u200d" not in line for line in excerpts)
    else:
        assert emoji in out  # the body's segments
    assert "team \U0001f469\\u200d\U0001f4bb in the town" in out.replace("\\\\", "\\")  # TPL003's message


def test_json_keeps_an_id_with_an_invisible_character_exactly(zero_width: Path) -> None:
    report = json.loads(run_copydesk("score", str(zero_width), "-f", "json").stdout)
    assert [a["id"] for a in report["articles"]] == ["a\u200b1", "a1", "a\u200b1"]
    assert sorted(s["source"] for s in report["sources"]) == ["wire", "wire\u200b"]
