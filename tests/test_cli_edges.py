"""The command line against awkward input, paths and flags: one clear line, the right exit code, nothing lost."""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import SEEDS, CliResult, run_copydesk

Cli = Callable[..., CliResult]
GOOD = "A fine headline\nThe council approved the budget on Tuesday after a long debate.\n"
COPYDESK = str(Path(sys.executable).parent / "copydesk")


def error_lines(result: CliResult) -> list[str]:
    """Every stderr line, after checking there is no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr.splitlines()


def only_error(result: CliResult) -> str:
    """The one and only stderr line, which must be an error line."""
    [line] = error_lines(result)
    assert line.startswith("copydesk: error: "), line
    return line


def ids(result: CliResult) -> list[str]:
    """Article ids of a JSON report."""
    return [a["id"] for a in json.loads(result.stdout)["articles"]]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A readable article."""
    path = tmp_path / "good.txt"
    path.write_text(GOOD)
    return path


# parser errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score", str(SEEDS), "-j", "abc"], "copydesk: error: score: Invalid value for '--workers'"),
        (["score", str(SEEDS), "--workers", "0"], "--workers 0: run.workers must be at least 1 and at most 256"),
        (["score"], "Missing argument"),
        (["score", str(SEEDS), "--frobnicate"], "No such option: --frobnicate"),
        (["frob"], "No such command 'frob'"),
        (["check", str(SEEDS), "--fail-under", "abc"], "'--fail-under'"),
    ],
)
def test_parser_errors_are_one_line_with_exit_2(args: list[str], message: str) -> None:
    result = run_copydesk(*args)
    assert result.exit_code == 2 and message in only_error(result)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["check", str(SEEDS), "--fail-on", "critical"],
            "--fail-on critical: gate.fail_on must be one of info, warning, error, none",
        ),
        (["check", str(SEEDS), "--max-failing", "lots"], "--max-failing lots: gate.max_failing must be a count"),
        (["rules", "--format", "yaml"], "--format must be text or json"),
        (["plugins", "--format", "yaml"], "--format must be text or json"),
        (["score", str(SEEDS), "--select", ","], "--select needs a rule"),
        (["score", str(SEEDS), "-j", "100000"], "run.workers must be at least 1 and at most 256"),
        # a port no scheduler can listen on: refused at once, not a 20-second connection timeout
        (["score", str(SEEDS), "--executor", "dask://localhost:99999"], "not 'dask://localhost:99999'"),
        (["score", str(SEEDS), "--executor", "tcp://localhost:0"], "not 'tcp://localhost:0'"),
    ],
)
def test_bad_flag_values_name_the_flag_not_the_packaged_config(cli: Cli, args: list[str], message: str) -> None:
    result = cli(*args)
    line = only_error(result)
    assert result.exit_code == 2 and message in line and "config.toml (packaged)" not in line


# output targets


def test_output_to_a_directory_is_refused_before_scoring(cli: Cli, tmp_path: Path) -> None:
    for args in (["-f", "json", "-o", str(tmp_path)], ["-f", f"html:{tmp_path}"]):
        result = cli("score", str(SEEDS), *args)
        assert result.exit_code == 2 and "is a directory" in only_error(result)
    result = cli("baseline", "write", str(SEEDS), "-o", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in only_error(result)


@pytest.mark.parametrize("suffix", ["/", "/.", "/.."])
def test_output_path_ending_in_a_slash_names_a_folder_and_is_refused(cli: Cli, tmp_path: Path, suffix: str) -> None:
    # 'out/' is a folder the user meant, not a file called 'out'; 'a.json/' is not a.json
    existing = tmp_path / "a.json"
    existing.write_text("kept")
    article = tmp_path / "in.txt"
    article.write_text(GOOD)
    for name in (f"{tmp_path}/out{suffix}", f"{existing}{suffix}"):
        for args in (
            ["score", str(article), "-f", "json", "-o", name],
            ["score", str(article), "-f", f"json:{name}"],
            ["baseline", "write", str(article), "-o", name],
        ):
            result = cli(*args)
            assert result.exit_code == 2, (args, result.stderr)
            assert only_error(result) == f"copydesk: error: {name}: names a folder, not a file to write the report to"
    assert not (tmp_path / "out").exists() and existing.read_text() == "kept"


def test_an_output_path_the_system_cannot_resolve_is_exit_2_before_scoring(cli: Cli, tmp_path: Path) -> None:
    # a link loop or a name longer than the file system allows is the user's path, not a copydesk failure (exit 3)
    article = tmp_path / "in.txt"
    article.write_text(GOOD)
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    long = tmp_path / ("a" * 300 + ".json")
    for target, reason in ((tmp_path / "loop1", "Too many levels of symbolic links"), (long, "File name too long")):
        for args in (["-f", "json", "-o", str(target)], ["-f", f"json:{target}"]):
            result = cli("score", str(article), *args)
            assert result.exit_code == 2, result.stderr
            assert only_error(result) == f"copydesk: error: cannot write {target}: {reason}"
        result = cli("baseline", "write", str(article), "-o", str(target))
        assert result.exit_code == 2 and only_error(result) == f"copydesk: error: cannot write {target}: {reason}"


def test_a_link_to_a_missing_folder_names_the_folder_it_points_into(cli: Cli, tmp_path: Path) -> None:
    article = tmp_path / "in.txt"
    article.write_text(GOOD)
    link = tmp_path / "report.json"
    link.symlink_to(tmp_path / "gone" / "r.json")
    result = cli("score", str(article), "-f", "json", "-o", str(link))
    assert result.exit_code == 2
    assert only_error(result) == (
        f"copydesk: error: {link}: a link to {tmp_path}/gone/r.json, whose folder {tmp_path}/gone does not exist"
    )


def test_output_under_a_file_says_that_file_is_no_folder_not_that_it_is_missing(cli: Cli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nThe council approved the budget on Tuesday, officials said.\n")
    for under in ("r.json", "sub/r.json", "sub/deeper/r.json"):  # a file anywhere above the report (review s20v)
        for args in (["-f", f"json:{article}/{under}"], ["-f", "json", "-o", f"{article}/{under}"]):
            result = cli("score", str(article), *args)
            assert result.exit_code == 2
            assert (
                only_error(result)
                == f"copydesk: error: {article}/{under}: {article} is a file, not a folder to write the report in"
            )
    missing = cli("score", str(article), "-o", f"{tmp_path}/nope/sub/r.json")
    assert (
        only_error(missing) == f"copydesk: error: {tmp_path}/nope/sub/r.json: folder {tmp_path}/nope/sub does not exist"
    )


@pytest.mark.parametrize(
    ("formats", "advice"),
    [
        (
            ("-f", "markdown:m.md"),
            "each one given has its own: for the text report in that file, write -f text:r.txt instead of -o",
        ),
        (("-f", "json", "-f", "html"), "2 have none (json, html): give each but one a :PATH"),
    ],
    ids=["every-format-has-a-file", "two-without"],
)
def test_output_without_exactly_one_bare_format_says_what_to_write(
    cli: Cli, tmp_path: Path, formats: tuple[str, ...], advice: str
) -> None:
    """``-f markdown:m.md -o r.txt`` meant the text report for r.txt: the error says ``-f text:r.txt`` (review 11)."""
    result = cli("score", str(SEEDS), *formats, "-o", "r.txt")
    line = "copydesk: error: --output needs exactly one --format without its own :PATH, and " + advice
    assert result.exit_code == 2 and only_error(result) == line


def test_format_with_an_empty_file_name_is_a_usage_error(cli: Cli) -> None:
    result = cli("score", str(SEEDS), "-f", "json:")
    assert result.exit_code == 2 and "no file name after ':'" in only_error(result)


def test_two_formats_to_one_file_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "same.out"
    result = cli("score", str(SEEDS), "-f", f"json:{target}", "-f", f"jsonl:{tmp_path}/./same.out")
    assert result.exit_code == 2 and "named by two formats" in only_error(result) and not target.exists()


def test_report_to_a_fifo_is_written_into_it_and_leaves_it_a_fifo(cli: Cli, tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = cli("score", str(SEEDS), "-f", f"json:{fifo}")
    reader.join(timeout=60)
    assert result.exit_code == 0 and stat.S_ISFIFO(fifo.lstat().st_mode)
    assert len(json.loads(received[0])["articles"]) == 5


def test_report_through_a_symlink_replaces_its_target_and_keeps_the_link(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "link.json").symlink_to("real.json")
    assert cli("score", str(SEEDS), "-f", f"json:{tmp_path / 'link.json'}").exit_code == 0
    assert (tmp_path / "link.json").is_symlink() and json.loads((tmp_path / "real.json").read_text())["articles"]


FAILURES = {
    errno.EROFS: "Read-only file system",
    errno.EACCES: "Permission denied",
    errno.ENOSPC: "No space left on device",
    errno.EDQUOT: "Disk quota exceeded",
}


def _refuse(code: int) -> Callable[..., object]:
    def refused(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code), str(args[0]) if args else None)

    return refused


@pytest.mark.parametrize("code", sorted(FAILURES), ids=errno.errorcode.get)
@pytest.mark.parametrize("where", ["create", "write", "replace"])
def test_a_report_that_cannot_be_written_names_the_given_path_and_exits_2(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, where: str
) -> None:
    from copydesk.formats import writers

    (tmp_path / "ro").mkdir()
    monkeypatch.chdir(tmp_path)
    if where == "create":
        monkeypatch.setattr(writers.tempfile, "mkstemp", _refuse(code))
    elif where == "write":
        monkeypatch.setattr(writers.io, "FileIO", type("Full", (io.FileIO,), {"write": _refuse(code)}))
    else:
        monkeypatch.setattr(writers.os, "replace", _refuse(code))
    for args in (["score", str(SEEDS), "-f", "html:ro/t.html"], ["score", str(SEEDS), "-f", "json", "-o", "ro/t.html"]):
        result = cli(*args)
        assert (
            result.exit_code == 2 and only_error(result) == f"copydesk: error: cannot write ro/t.html: {FAILURES[code]}"
        )
        assert os.listdir(tmp_path / "ro") == []


def test_a_folder_that_takes_no_new_file_is_named_not_reported_as_a_missing_path(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An existing folder where creating a file answers "no such file" (``/proc``): the folder is the cause (s19h)."""
    from copydesk.formats import writers

    (tmp_path / "procfs").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(writers.tempfile, "mkstemp", _refuse(errno.ENOENT))
    result = cli("score", str(SEEDS), "-f", "json:procfs/version")
    assert result.exit_code == 2 and only_error(result) == (  # the folder as given, not resolved ("/proc/self")
        "copydesk: error: cannot write procfs/version: its folder procfs takes no new file (No such file or directory)"
    )
    assert os.listdir(tmp_path / "procfs") == []


def test_a_trend_page_that_cannot_be_written_names_the_given_path_and_exits_2(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copydesk.formats import writers

    url = f"sqlite:///{tmp_path / 'h.db'}"
    assert cli("score", str(SEEDS), "--history", url, "-f", "json:/dev/null").exit_code == 0
    (tmp_path / "ro").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(writers.tempfile, "mkstemp", _refuse(errno.EROFS))
    result = cli("trend", "--history", url, "--html", "ro/t.html")
    assert (
        result.exit_code == 2 and only_error(result) == "copydesk: error: cannot write ro/t.html: Read-only file system"
    )
    assert os.listdir(tmp_path / "ro") == []
    assert result.stdout == ""  # refused before the text: a script reading it gets no trend with exit 2


def test_a_trend_page_onto_a_folder_is_refused_before_the_text(cli: Cli, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'h.db'}"
    assert cli("score", str(SEEDS), "--history", url, "-f", "json:/dev/null").exit_code == 0
    result = cli("trend", "--history", url, "--html", str(tmp_path))
    assert result.exit_code == 2 and result.stdout == "", result.stdout
    assert only_error(result) == f"copydesk: error: {tmp_path}: is a directory, not a file to write the report to"


def test_a_report_target_that_cannot_be_created_stops_the_run_like_a_missing_folder(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copydesk.formats import writers

    real = writers.tempfile.mkstemp
    (tmp_path / "ok").mkdir()
    (tmp_path / "ro").mkdir()
    monkeypatch.chdir(tmp_path)

    def read_only_ro(*args: object, dir: str, **kwargs: object) -> tuple[int, str]:
        if Path(dir).name == "ro":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), dir)
        return real(*args, dir=dir, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(writers.tempfile, "mkstemp", read_only_ro)
    result = cli("score", str(SEEDS), "-f", "json:ok/a.json", "-f", "html:ro/t.html", "-f", "jsonl:ok/b.jsonl")
    assert result.exit_code == 2 and "cannot write ro/t.html" in only_error(result)
    assert os.listdir(tmp_path / "ok") == []  # as for a missing folder: nothing scored, nothing written, no temp file
    missing = cli("score", str(SEEDS), "-f", "json:ok/a.json", "-f", "html:nowhere/t.html")
    assert missing.exit_code == 2 and os.listdir(tmp_path / "ok") == []


def test_a_full_device_is_named_and_exit_2(cli: Cli) -> None:
    result = cli("score", str(SEEDS), "-f", "json:/dev/full")
    assert (
        result.exit_code == 2
        and only_error(result) == "copydesk: error: cannot write /dev/full: No space left on device"
    )


@pytest.fixture
def umask_022() -> Iterator[None]:
    """Run with the common umask 022."""
    old = os.umask(0o22)
    yield
    os.umask(old)


def test_report_file_gets_umask_permissions_or_keeps_the_replaced_files(
    cli: Cli, tmp_path: Path, umask_022: None
) -> None:
    new, kept = tmp_path / "new.json", tmp_path / "kept.json"
    kept.write_text("{}")
    kept.chmod(0o640)
    assert cli("score", str(SEEDS), "-f", f"json:{new}", "-f", f"jsonl:{kept}").exit_code == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o644 and stat.S_IMODE(kept.stat().st_mode) == 0o640


# paths


def test_a_file_named_twice_or_inside_a_named_folder_is_read_once(cli: Cli, tmp_path: Path) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    result = cli("score", str(SEEDS), str(seed), f"{SEEDS}/./{seed.name}", "-f", "json")
    assert result.exit_code == 0 and len(ids(result)) == len(set(ids(result))) == 5


def test_stdin_named_twice_is_read_once(cli: Cli) -> None:
    result = cli("score", "-", "-", "-f", "json", input=GOOD)
    assert result.exit_code == 0 and ids(result) == ["<stdin>"]


def test_closed_stdin_is_a_usage_error() -> None:
    done = subprocess.run(["bash", "-c", f"'{COPYDESK}' score - <&-"], capture_output=True, text=True, check=False)
    result = CliResult(done.returncode, done.stdout, done.stderr)
    assert result.exit_code == 2 and "standard input is closed" in only_error(result)


def test_a_folder_with_no_articles_is_a_usage_error(cli: Cli, tmp_path: Path, good: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.docx").write_bytes(b"PK")
    result = cli("score", str(good), str(empty))
    assert result.exit_code == 2 and "no articles in this folder" in only_error(result)


@pytest.mark.parametrize("target", ["nowhere", "loop.txt"])
def test_a_broken_or_looping_symlink_is_named_as_such(cli: Cli, tmp_path: Path, target: str) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / target)
    result = cli("score", str(tmp_path / "loop.txt"))
    assert result.exit_code == 2 and "symbolic link to nothing" in only_error(result)


def test_a_pipe_named_as_a_path_is_read_once_and_sniffed_like_stdin(tmp_path: Path) -> None:
    command = f'\'{COPYDESK}\' score <(printf \'%s\\n\' \'{{"id": "p1", "text": "From a pipe."}}\') -f json'
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=False, timeout=120)
    result = CliResult(done.returncode, done.stdout, done.stderr)
    assert result.exit_code == 0, result.stderr
    assert ids(result) == ["p1"]


def test_a_fifo_found_in_a_folder_is_unreadable_not_waited_on(tmp_path: Path, good: Path) -> None:
    os.mkfifo(tmp_path / "stuck.txt")
    done = subprocess.run(
        [COPYDESK, "score", str(tmp_path), "-f", "json"], capture_output=True, text=True, check=False, timeout=120
    )
    result = CliResult(done.returncode, done.stdout, done.stderr)
    assert result.exit_code == 2 and "stuck.txt: not a regular file" in only_error(result)
    assert [Path(i).name for i in ids(result)] == ["good.txt", "stuck.txt"]


# input formats


def _jsonl(*records: object) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


BAD_RECORDS = [
    (
        "ignore-ints.jsonl",
        _jsonl({"text": "Body.", "copydesk_ignore": [1, 2]}),
        "must be a string or a list of strings",
    ),
    ("surrogate.jsonl", b'{"text": "bad \\ud800 half"}\n', "unpaired surrogate U+D800"),
    ("null.jsonl", _jsonl({"text": None}), "field 'text' is null, not a string"),
    ("empty.jsonl", b"", "empty file (no JSON records)"),
    ("blank.jsonl", b"\n  \n", "empty file (no JSON records)"),
    ("utf16.jsonl", '{"text": "hello"}\n'.encode("utf-16"), "encoded as UTF-16"),
    ("header.csv", b"id,text\n", "no rows after the header"),
    (
        "open.csv",
        b'id,text\n1,"never closed\n',
        "open.csv:2: malformed CSV row: a quote opened on line 2, the last line, is never closed",
    ),
    ("twice.csv", b"text,text\na,b\n", "column 'text' appears more than once"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_RECORDS)
def test_bad_records_are_one_error_line_and_the_rest_is_scored(
    cli: Cli, tmp_path: Path, good: Path, name: str, data: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(data)
    result = cli("score", str(tmp_path), "-f", "json")
    assert result.exit_code == 2 and message in only_error(result)
    verdicts = {Path(a["source"]["path"]).name: a["verdict"] for a in json.loads(result.stdout)["articles"]}
    assert verdicts["good.txt"] != "unreadable" and verdicts[name] == "unreadable"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (GOOD.encode("utf-16"), "utf-16"),
        (GOOD.encode("utf-32"), "utf-32"),  # its little-endian mark FF FE 00 00 begins with UTF-16's FF FE
        (b"\x00\x00\xfe\xff" + GOOD.encode("utf-32-be"), "utf-32"),
        (b"\xff\xfe\x00\x00" + GOOD.encode("utf-32-le"), "utf-32"),
    ],
    ids=["utf-16", "utf-32", "utf-32-be", "utf-32-le"],
)
def test_wide_text_with_a_byte_order_mark_is_decoded_with_a_warning(
    cli: Cli, tmp_path: Path, data: bytes, encoding: str
) -> None:
    (tmp_path / "wide.txt").write_bytes(data)
    result = cli("score", str(tmp_path), "-f", "json")
    [article] = json.loads(result.stdout)["articles"]
    assert result.exit_code == 0 and article["title"] == "A fine headline"
    assert article["source"]["encoding_detected"] and "warning" in error_lines(result)[0]
    assert article["diagnostics"][0]["message"] == f"not valid UTF-8; decoded as {encoding} (byte order mark)"


def test_a_cp1252_csv_row_is_decoded_in_the_encoding_detected_once_per_file(cli: Cli, tmp_path: Path) -> None:
    rows = "id,title,text\nr1,Caf\u00e9 owners said,{body}\nr2,Plain,{body}\nr3,R\u00e9sum\u00e9 plan,{body}\n"
    (tmp_path / "sheet.csv").write_bytes(rows.format(body=GOOD.replace("\n", " ")).encode("cp1252"))
    result = cli("score", str(tmp_path), "-f", "json")
    articles = {a["id"]: a for a in json.loads(result.stdout)["articles"]}
    assert result.exit_code == 0, result.stderr
    assert articles["r1"]["title"] == "Caf\u00e9 owners said" and articles["r3"]["title"] == "R\u00e9sum\u00e9 plan"
    assert articles["r1"]["source"]["encoding_detected"] and not articles["r2"]["source"]["encoding_detected"]
    assert [d["code"] for d in articles["r1"]["diagnostics"]] == ["CD003"]


def test_a_cp1252_csv_row_is_unreadable_without_the_encoding_fallback(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text("[sources]\nencoding_fallback = false\n", encoding="utf-8")
    (tmp_path / "sheet.csv").write_bytes(("id,text\nr1,Caf\u00e9 " + GOOD.replace("\n", " ") + "\n").encode("cp1252"))
    result = cli("score", str(tmp_path / "sheet.csv"), "--config", str(tmp_path / "c.toml"))
    assert result.exit_code == 2 and "not valid UTF-8 (character 4 of a cell)" in result.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_csv_with_a_wide_byte_order_mark_is_refused_naming_its_encoding(
    cli: Cli, tmp_path: Path, encoding: str
) -> None:
    (tmp_path / "sheet.csv").write_bytes(("id,text\nr1," + GOOD.replace("\n", " ") + "\n").encode(encoding))
    result = cli("score", str(tmp_path / "sheet.csv"))
    assert result.exit_code == 2
    assert error_lines(result) == [
        f"copydesk: error: {tmp_path / 'sheet.csv'}: encoded as {encoding.upper()} (a byte order mark); CSV must be UTF-8"
    ]


def test_text_of_nul_characters_after_a_byte_order_mark_is_binary_not_scored(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "wide.txt").write_bytes(GOOD.encode("utf-32-le").join([b"\xff\xfe", b""]))  # UTF-32 under a UTF-16 mark
    result = cli("score", str(tmp_path), "-f", "json")
    [article] = json.loads(result.stdout)["articles"]
    assert result.exit_code == 2 and article["verdict"] == "unreadable"
    assert "binary file (contains NUL characters after a UTF-16 byte order mark)" in error_lines(result)[0]


# configuration


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[scoring.weights]\nhedging = nan\n", "scoring.weights.hedging must be a finite number"),
        ("[scoring]\ndensity_scale = inf\n", "scoring.density_scale must be a finite number"),
        ("[scoring.severity_penalty]\nerror = -3\n", "scoring.severity_penalty.error must not be negative"),
        ("[scoring.weights]\nhedgin = 1.0\n", "scoring.weights.hedgin names no loaded scorer"),
        ('[severity]\nHDG999 = "error"\n', "severity.HDG999 names no rule"),
        ("[run]\nworkers = 100000\n", "run.workers must be at least 1 and at most 256"),
        ('[run]\nexecutor = "dask://h:65536"\n', "run.executor must be local or dask://HOST:PORT"),
        # a scorer's own check: one error before any article, not a CD001 crash on each
        ("[plugins.hedging]\ndensity_threshold = -1\n", "[plugins.hedging] density_threshold must be greater than 0"),
        ("[plugins.readability]\nmax_sentence_words = 0\n", "[plugins.readability] max_sentence_words must be at"),
        ('[plugins.boilerplate]\nextra_furniture = ["banner"]\n', "[plugins.boilerplate] extra_furniture entry"),
    ],
)
def test_config_values_that_would_be_silently_wrong_are_errors(
    cli: Cli, tmp_path: Path, toml: str, message: str
) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_text(toml)
    result = cli("score", str(SEEDS), "--config", str(path))
    line = only_error(result)
    assert result.exit_code == 2 and line.startswith(f"copydesk: error: {path}:2: ") and message in line


def test_config_with_a_utf8_byte_order_mark_is_read(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_bytes(b'\xef\xbb\xbf[run]\nignore = ["RDB"]\n')
    result = cli("rules", "--config", str(path))
    assert result.exit_code == 0 and not result.stderr


# baselines


ENTRY = '"fingerprint": "f", "article": "a", "code": "X", "matched": ""'


@pytest.mark.parametrize(
    "content",
    [
        '"paths": "seeds"',
        '"findings": {}',
        '"findings": [5]',
        '"findings": [{' + ENTRY + ', "count": -2}]',
        '"findings": [{' + ENTRY + ', "count": ' + "9" * 400 + "}]",
    ],
)
def test_malformed_baseline_is_a_usage_error(cli: Cli, tmp_path: Path, content: str) -> None:
    path = tmp_path / "baseline.json"
    fields = {"copydesk_baseline": 1, "findings": [], "articles": [], "paths": []}
    fields.update(json.loads("{" + content + "}"))
    path.write_text(json.dumps(fields))
    result = cli("baseline", "prune", str(SEEDS), "-o", str(path))
    assert result.exit_code == 2 and "malformed baseline" in only_error(result)


# a reader that goes away


def _closed_pipe(*args: str) -> CliResult:
    """Run copydesk with its stdout a pipe whose reader closed before anything was written."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([COPYDESK, *args], stdout=write, stderr=subprocess.PIPE, text=True, check=False)
    finally:
        os.close(write)
    return CliResult(done.returncode, "", done.stderr)


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_a_score_report_into_a_closed_pipe_says_it_was_cut_short_and_exits_2(fmt: str) -> None:
    result = _closed_pipe("score", str(SEEDS), "-f", fmt)
    assert result.exit_code == 2 and error_lines(result) == [
        "copydesk: error: standard output was closed by its reader: the report was cut short"
    ]


def test_disabling_a_plugin_that_is_not_installed_warns_and_goes_on(good: Path) -> None:
    result = run_copydesk("score", str(good), "-f", "json", "--disable", "readabilty", "--disable", "figures")
    assert result.exit_code == 0 and ids(result) == [str(good)]
    assert error_lines(result) == [
        "copydesk: warning: disable 'readabilty': no plugin of that name is installed (see 'copydesk plugins')",
        "copydesk: warning: the figures scorer does not run (no rule selected, or its plugin disabled):"
        " what it measures leaves the score, which measures less than the model in use",
    ]
    scorers = [s["prefix"] for s in json.loads(result.stdout)["articles"][0]["scorers"]]
    assert "FIG" not in scorers and "RDB" in scorers


def test_two_articles_with_one_id_are_both_scored_with_a_warning(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": i, "text": GOOD}) + "\n" for i in ["a", "b", "a"]))
    result = run_copydesk("score", str(feed), "-f", "json")
    assert result.exit_code == 0 and ids(result) == ["a", "b", "a"]
    assert error_lines(result) == [
        f"copydesk: warning: {feed}:3: id 'a' is also an earlier article's id; "
        "reports, gate lines and baselines cannot tell the two apart"
    ]


def test_an_unknown_selector_names_the_flag_or_the_file(tmp_path: Path) -> None:
    flag = run_copydesk("score", str(SEEDS), "--select", "NOPE", cwd=tmp_path)
    assert flag.exit_code == 2 and only_error(flag).startswith("copydesk: error: --select/--ignore: 'NOPE' matches no")
    (tmp_path / "copydesk.toml").write_text('[run]\nignore = ["NOPE"]\n')
    file = run_copydesk("score", str(SEEDS), cwd=tmp_path)
    assert file.exit_code == 2 and f"run.select/run.ignore in {tmp_path / 'copydesk.toml'}: 'NOPE'" in only_error(file)


def test_a_full_disk_under_the_report_is_one_line_and_exit_2() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [COPYDESK, "score", str(SEEDS), "-f", "json"], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert (result.returncode, result.stderr) == (
        2,
        "copydesk: error: cannot write standard output: No space left on device\n",
    )


def test_an_unreadable_record_is_located_on_its_own_line(tmp_path: Path) -> None:
    feed = tmp_path / "f.jsonl"
    feed.write_text('{"text": "a b"}\n{bad\n')
    result = run_copydesk("score", str(feed), "-f", "json")
    [diag] = json.loads(result.stdout)["articles"][1]["diagnostics"]
    where = diag["location"]
    assert (diag["code"], where["line"], where["column"], where["end_line"], where["end_column"]) == (
        "CD002",
        2,
        1,
        2,
        1,
    )


def test_baseline_writing_says_nothing_of_scores_it_does_not_hold(tmp_path: Path) -> None:
    target = tmp_path / "b.json"
    weights = tmp_path / "w.toml"
    weights.write_text("[scoring.weights]\nhedging = 2\n")
    for args in (["--ignore", "RDB"], ["--config", str(weights)]):
        result = run_copydesk("baseline", "write", str(SEEDS), "-o", str(target), *args)
        assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr
    nothing = run_copydesk("baseline", "write", str(SEEDS), "-o", str(target), "--ignore", "ALL")
    assert nothing.exit_code == 0
    assert nothing.stderr.splitlines() == [
        "copydesk: warning: no scorer runs (every scorer's rules are deselected or its plugin disabled):"
        " the baseline records no findings",
        f"copydesk: wrote {target}: 0 fingerprint(s) in 5 article(s)",
    ]


def test_a_scorer_left_out_of_the_score_is_warned_of_and_no_scorer_at_all_too() -> None:
    seeds = str(SEEDS)
    one_rule = run_copydesk("score", seeds, "--ignore", "HDG001", "-f", "json")
    assert "does not run" not in one_rule.stderr  # hedging still runs: its other rules are selected
    readability = run_copydesk("score", seeds, "--ignore", "RDB", "-f", "json")
    assert readability.exit_code == 0
    assert readability.stderr.splitlines() == [
        "copydesk: warning: the readability scorer does not run (no rule selected, or its plugin disabled):"
        " what it measures leaves the score, which measures less than the model in use"
    ]
    disabled = run_copydesk("score", seeds, "--disable", "hedging", "--ignore", "SRC", "-f", "json")
    assert "the hedging and sourcing scorers do not run" in disabled.stderr
    truncation = run_copydesk("score", seeds, "--ignore", "TRN", "-f", "json")
    assert "the truncation scorer does not run" in truncation.stderr  # its factor applies to every score
    nothing = run_copydesk("score", seeds, "--ignore", "ALL", "-f", "json")
    assert nothing.exit_code == 0
    assert "no scorer runs" in nothing.stderr
    assert "every article scores 100" in nothing.stderr


@pytest.mark.parametrize(
    "how", [("--ignore", "ALL"), ("--select", "HDG", "--ignore", "HDG")], ids=["ignore-all", "select-and-ignore"]
)
def test_check_with_no_scorer_running_is_a_usage_error_not_a_pass(how: tuple[str, ...]) -> None:
    """A gate with nothing measured would pass every article (review 11, item 14): exit 2, one line."""
    result = run_copydesk("check", str(SEEDS), *how, "--fail-under", "90")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "copydesk: error: no scorer runs (every scorer's rules are deselected or its plugin disabled):"
        " 'check' would pass every article; select at least one rule"
    ]


CORE_FIXED = "CD rules are core diagnostics and cannot be deselected or given another severity"
NON_LATIN_SWITCH = "[run] non_latin_note = false turns CD007 off"
RUSSIAN = "Новости дня\n\nСегодня в Москве прошло заседание правительства, на котором обсуждали бюджет.\n"


@pytest.mark.parametrize("note", [True, False])
def test_the_non_latin_note_and_its_warning_are_turned_off_by_run_non_latin_note(
    cli: Cli, tmp_path: Path, note: bool
) -> None:
    """A batch known not to be in English can silence CD007 (CD rules cannot be deselected): note and stderr line."""
    (tmp_path / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    (tmp_path / "copydesk.toml").write_text(f"[run]\nnon_latin_note = {str(note).lower()}\n")
    config = ("--config", str(tmp_path / "copydesk.toml"))
    result = cli("score", str(tmp_path / "ru.txt"), *config, "-f", "json")
    assert result.exit_code == 0, result.stderr
    [article] = json.loads(result.stdout)["articles"]
    assert [d["code"] for d in article["diagnostics"]] == (["CD007"] if note else [])
    assert ("Cyrillic, not Latin: the scorers read English only" in result.stderr) is note


@pytest.mark.parametrize(
    ("args", "toml", "line"),
    [
        (("--ignore", "CD005"), None, f"--select/--ignore: 'CD005': {CORE_FIXED}"),
        (("--select", "CD"), None, f"--select/--ignore: 'CD': {CORE_FIXED}"),
        ((), '[severity]\nCD005 = "error"\n', f"severity.CD005: {CORE_FIXED}"),
        ((), '[severity]\nencoding-guessed = "info"\n', f"severity.encoding-guessed: {CORE_FIXED}"),
        (("--disable", "hedging"), '[severity]\nCD003 = "error"\n', f"severity.CD003: {CORE_FIXED}"),
        (("--ignore", "CD007"), None, f"--select/--ignore: 'CD007': {CORE_FIXED}; {NON_LATIN_SWITCH}"),
        ((), '[severity]\nnon-latin-script = "info"\n', f"severity.non-latin-script: {CORE_FIXED}; {NON_LATIN_SWITCH}"),
    ],
    ids=[
        "ignore",
        "select-prefix",
        "severity",
        "severity-by-name",
        "severity-plugin-disabled",
        "ignore-cd007-names-its-switch",
        "severity-cd007-names-its-switch",
    ],
)
def test_core_diagnostics_cannot_be_deselected_or_re_severed(
    cli: Cli, tmp_path: Path, args: tuple[str, ...], toml: str | None, line: str
) -> None:
    """``copydesk rules`` lists CD001-CD005, but no selector or ``[severity]`` key reaches them: one line, exit 2."""
    config: tuple[str, ...] = ()
    if toml is not None:
        (tmp_path / "copydesk.toml").write_text(toml)
        config = ("--config", str(tmp_path / "copydesk.toml"))
        line = f"{tmp_path / 'copydesk.toml'}:2: {line}"
    result = cli("check", str(SEEDS), *config, *args)
    assert result.exit_code == 2 and only_error(result) == f"copydesk: error: {line}"


@pytest.mark.parametrize("url", ["http://[bad/x", "https://[::1/story", "//[/"])
def test_a_malformed_url_names_no_host_and_fails_no_scorer(cli: Cli, tmp_path: Path, url: str) -> None:
    """A URL urlsplit refuses (an invalid IPv6 literal) is no host for the truncation batch or the byline check (review s20v).

    Before, the boilerplate scorer failed on that article and the truncation batch pass on
    the whole batch: exit 3 for one bad field.
    """
    body = "The council approved the budget on Tuesday, officials said. " * 30
    rows = [
        {"id": f"a{i}", "url": url if i == 0 else f"https://example.com/{i}", "title": "Budget", "text": body}
        for i in range(12)
    ]
    batch = tmp_path / "b.jsonl"
    batch.write_text("".join(json.dumps(row) + "\n" for row in rows))
    result = cli("score", str(batch), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "failed" not in result.stderr
    assert all(not article.get("diagnostics") for article in json.loads(result.stdout)["articles"])
