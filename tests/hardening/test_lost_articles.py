"""Issue 16 items 1-5: one bad record, row or folder never costs the rest of the batch."""

from __future__ import annotations

import io
import json
import random
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from copydesk import Article
from copydesk.sources.records import read_csv
from copydesk.testing import config
from support import CliResult, run_copydesk

BODY = "The council approved the budget on Tuesday, officials said. " * 10
GOOD = json.dumps({"id": "good", "text": BODY})


def _ids(stdout: str) -> list[str]:
    return [a["id"] for a in json.loads(stdout)["articles"]]


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ('{"id": "deep", "text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}", "integer too long"),
        ('{"id": "deep-ok", "text": "x", "n": ' + "[" * 200 + "]" * 200 + "}", None),
    ],
)
@pytest.mark.parametrize("stdin", [False, True])
def test_a_pathological_json_record_is_unreadable_and_the_rest_scored(
    tmp_path: Path, bad: str, problem: str | None, stdin: bool
) -> None:
    data = "\n".join([GOOD, bad, GOOD.replace('"good"', '"after"')]) + "\n"
    if stdin:
        result = run_copydesk("score", "-f", "json", "-", stdin=data.encode())
    else:
        path = tmp_path / "batch.jsonl"
        path.write_text(data, encoding="utf-8")
        result = run_copydesk("score", "-f", "json", str(path))
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    ids = _ids(result.stdout)
    assert ids[0] == "good" and ids[-1] == "after" and len(ids) == 3
    if problem is None:
        assert result.exit_code == 0, result.stderr
    else:
        assert result.exit_code == 2, result.stderr
        first = result.stderr.splitlines()[0]
        assert first.startswith("copydesk: error: ") and ":2" in first and problem in first, first


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_jsonl_with_any_line_ending_gives_one_article_per_record(tmp_path: Path, ending: str) -> None:
    records = [json.dumps({"id": f"r{i}", "text": BODY}) for i in range(3)]
    path = tmp_path / "mac.jsonl"
    path.write_bytes((ending.join(records) + ending).encode())
    result = run_copydesk("score", "-f", "json", str(path))
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [(a["id"], a["source"]["record"]) for a in document["articles"]] == [("r0", 1), ("r1", 2), ("r2", 3)]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_a_jsonl_file_larger_than_max_bytes_keeps_every_record_whatever_its_line_endings(
    tmp_path: Path, ending: str
) -> None:
    """Records that straddle a read boundary stay whole; an overlong record costs only itself (CR-only too)."""
    short = "A council said the plan would work."
    records = [json.dumps({"id": f"r{i}", "text": f"{short} {i}"}) for i in range(60)]
    records[30] = json.dumps({"id": "long", "text": "x" * 1500})  # over max_bytes: unreadable, alone
    path = tmp_path / "many.jsonl"
    path.write_bytes((ending.join(records) + ending).encode())  # about 3.5 KB, over max_bytes three times
    config = tmp_path / "c.toml"
    config.write_text("[sources]\nmax_bytes = 1000\n")
    result = run_copydesk("score", "--config", str(config), "-f", "json", str(path))
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines()[0].endswith("many.jsonl:31: line longer than sources.max_bytes (1000)")
    document = json.loads(result.stdout)
    scored = [(a["id"], a["source"]["record"]) for a in document["articles"] if a["score"] is not None]
    assert scored == [(f"r{i}", i + 1) for i in range(60) if i != 30]


def test_reading_lines_in_chunks_matches_splitting_the_whole_file() -> None:
    """The JSONL line reader against a plain split, on every mix of endings, read sizes, limits and stops."""
    import io
    import random
    import re

    from copydesk.sources.records import _lines

    def expected(data: bytes, max_bytes: int, stop: int | None) -> list[bytes]:
        out = []
        for m in re.finditer(rb"(.*?)(\r\n|\r|\n|$)", data, re.S):
            line, end = m.group(1), m.group(2)
            if (m.start() >= len(data) and not line) or (stop is not None and m.start() >= stop):
                break
            out.append(line[: max_bytes + 1] if len(line) > max_bytes else line + (b"\n" if end else b""))
            if not end:
                break
        return out

    rng = random.Random(7)
    for _ in range(5000):
        pieces = [
            bytes(rng.choice(b"ab{}") for _ in range(rng.randint(0, 12))) + rng.choice([b"\n", b"\r", b"\r\n", b""])
            for _ in range(rng.randint(0, 12))
        ]
        data = b"".join(pieces)
        max_bytes, chunk = rng.randint(1, 10), rng.randint(1, 7)
        stop = rng.choice([None, rng.randint(0, len(data) + 1)])
        got = list(_lines(io.BytesIO(data), max_bytes, stop, chunk=chunk))
        assert got == expected(data, max_bytes, stop), (data, max_bytes, chunk, stop)


def test_a_line_ending_is_found_where_the_ending_pattern_finds_it() -> None:
    """The reader finds endings with ``bytes.find``: the same place as ``\\r\\n?|\\n`` on every mix and start."""
    import random

    from copydesk.sources.records import _ENDING, _line_end

    rng = random.Random(11)
    for _ in range(20000):
        data = bytes(rng.choice(b"ab\r\n") for _ in range(rng.randint(0, 12)))
        pos = rng.randint(0, len(data))
        found = _ENDING.search(data, pos)
        assert _line_end(data, pos) == (None if found is None else found.span()), (data, pos)


def test_a_sub_folder_that_cannot_be_listed_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from copydesk.config import load_config
    from copydesk.models import Article, Unreadable
    from copydesk.sources import Batch

    (tmp_path / "a.txt").write_text("Title\n\n" + BODY)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("Title\n\n" + BODY)
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)  # type: ignore[arg-type]

    batch = Batch([str(tmp_path)], load_config(discover=False).sources)
    monkeypatch.setattr(os, "scandir", scandir)  # as root, chmod 000 would not stop us
    items = list(batch)
    assert [type(i) for i in items] == [Article, Unreadable]
    assert isinstance(items[1], Unreadable) and items[1].path.endswith("locked")
    assert "cannot list this folder: Permission denied" in items[1].problem


def test_a_sub_folder_deleted_between_the_batch_pass_and_scoring_is_reported_not_dropped(
    cli: Callable[..., CliResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copydesk.runner import Runner

    data = tmp_path / "data"
    names = ["a.txt", "b.txt", "sub/c.txt", "sub/d.txt"]
    for name in names:
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(f"Title {name}\n\n" + BODY)
    batch_pass = Runner.batch_pass

    def then_delete(self: Runner, items: Iterable[object], workers: int = 1) -> None:
        batch_pass(self, items, workers)  # type: ignore[arg-type]
        shutil.rmtree(data / "sub")

    monkeypatch.setattr(Runner, "batch_pass", then_delete)
    result = cli("score", "-f", "json", str(data))
    assert not (data / "sub").exists(), "the batch pass did not run"
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"copydesk: error: {data.as_posix()}/sub/{name}: vanished since the batch pass read it"
        for name in ("c.txt", "d.txt")
    ]
    articles = json.loads(result.stdout)["articles"]
    verdicts = ["unreadable" if a["verdict"] == "unreadable" else "scored" for a in articles]
    assert [a["id"] for a in articles] == [f"{data.as_posix()}/{name}" for name in names]
    assert verdicts == ["scored", "scored", "unreadable", "unreadable"]


def test_a_device_named_on_the_command_line_is_refused_not_spooled() -> None:
    result = run_copydesk("score", "/dev/zero")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["copydesk: error: /dev/zero: not a file, folder or pipe (a character device)"]


class _Stream:
    """A stream read once, like standard input: ``chunk`` repeated until ``total`` bytes, counting what was read."""

    def __init__(self, chunk: bytes, total: int) -> None:
        self.data = (chunk * (total // len(chunk) + 1))[:total]
        self.taken = 0

    def read(self, size: int = -1) -> bytes:
        size = len(self.data) - self.taken if size < 0 else size
        got = self.data[self.taken : self.taken + size]
        self.taken += len(got)
        return got


class _Spools:
    """Every temporary file made while reading, with the bytes written to each."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import tempfile

        self.written: list[int] = []
        real = tempfile.TemporaryFile

        def watched() -> object:
            file = real()
            self.written.append(0)
            index, write = len(self.written) - 1, file.write

            def counted(data: bytes) -> int:
                self.written[index] += len(data)
                return write(data)

            file.write = counted  # type: ignore[method-assign]
            return file

        monkeypatch.setattr(tempfile, "TemporaryFile", watched)


def _parquet(rows: int) -> bytes:
    import io

    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    sink = io.BytesIO()
    noise = random.Random(0)  # text that does not compress, so the file is as large as it says
    texts = ["".join(noise.choices("abcdefghij ", k=200)) for _ in range(rows)]
    pq.write_table(pa.Table.from_pylist([{"id": f"p{i}", "text": t} for i, t in enumerate(texts)]), sink)
    return sink.getvalue()


SMALL = {"max_bytes": 1000, "max_spool_bytes": 5000}
RECORD = json.dumps({"id": "r", "text": "The council approved the budget."}).encode() + b"\n"
ROW = b"r,The council approved the budget.\n"
BIG = "larger than sources.max_bytes (1000 bytes)"


@pytest.mark.parametrize(
    ("stdin_format", "chunk", "first"),
    [
        ("auto", b"y\n", b""),  # yes | copydesk score -
        ("md", b"# y\n", b""),
        ("html", b"<p>y</p>\n", b""),
        ("auto", RECORD, b""),
        ("csv", ROW, b"id,text\n"),
        ("jsonl", b"x", b"{"),  # no line break at all
    ],
)
def test_every_form_of_standard_input_is_spooled_within_its_bound(
    monkeypatch: pytest.MonkeyPatch, stdin_format: str, chunk: bytes, first: bytes
) -> None:
    from copydesk.config import packaged_defaults
    from copydesk.models import Article, Unreadable
    from copydesk.sources import Batch

    spools = _Spools(monkeypatch)
    records = chunk in (RECORD, ROW) or first == b"{"
    bound = SMALL["max_spool_bytes"] if records else SMALL["max_bytes"] + 1
    stream = _Stream(chunk, 100 * bound)  # endless, as far as the bound is concerned
    stream.data = first + stream.data
    batch = Batch(["-"], {**packaged_defaults()["sources"], **SMALL, "stdin_format": stdin_format}, stream)  # type: ignore[arg-type]
    assert spools.written and max(spools.written) <= bound
    assert stream.taken <= max(bound + 1, 4096)  # the rest of the stream is never read
    items = list(batch)
    assert items == list(batch)  # the batch pass and scoring read the same
    kept = stream.data[:bound].rfind(b"\n") + 1  # whole records only
    articles = stream.data[:kept].count(b"\n") - first.count(b"\n") if records else 0
    problem = f"the records after its first {kept} bytes were not read" if records else BIG
    assert sum(isinstance(i, Article) for i in items) == articles
    assert sum(isinstance(i, Unreadable) for i in items) == 1
    assert isinstance(items[-1], Unreadable) and items[-1].path == "<stdin>" and problem in items[-1].problem, items[-1]


def test_a_parquet_stream_over_max_spool_bytes_is_unreadable_not_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    from copydesk.config import packaged_defaults
    from copydesk.models import Unreadable
    from copydesk.sources import Batch

    data = _parquet(200)
    assert len(data) > 2 * SMALL["max_spool_bytes"]
    spools = _Spools(monkeypatch)
    stream = _Stream(data, len(data))
    sources = {**packaged_defaults()["sources"], **SMALL, "stdin_format": "parquet"}
    assert list(Batch(["-"], sources, stream)) == [  # type: ignore[arg-type]
        Unreadable("<stdin>", "more than sources.max_spool_bytes (5000 bytes) to spool; not read", None, "parquet")
    ]
    assert max(spools.written) <= 5000 and stream.taken <= 5001


@pytest.mark.parametrize("extra", [0, 1])
def test_a_record_stream_of_exactly_max_spool_bytes_is_read_whole(extra: int) -> None:
    from copydesk.config import packaged_defaults
    from copydesk.models import Article
    from copydesk.sources import Batch

    data = RECORD * 50 + b"\n" * extra
    sources = {**packaged_defaults()["sources"], "max_spool_bytes": len(RECORD) * 50}
    items = list(Batch(["-"], sources, _Stream(data, len(data))))  # type: ignore[arg-type]
    assert sum(isinstance(i, Article) for i in items) == 50
    assert len(items) == 50 + extra  # one byte past the bound: reported, though it was a blank line


def test_yes_piped_into_copydesk_ends_at_once_with_one_unreadable_article(tmp_path: Path) -> None:
    import subprocess
    import sys
    import threading

    from copydesk import testing

    config = tmp_path / "copydesk.toml"
    config.write_text("[sources]\nmax_bytes = 1000\n")
    with open(tmp_path / "out", "wb") as out, open(tmp_path / "err", "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "copydesk", "score", "--config", str(config), "-f", "json", "-"],
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=err,
            env=testing.python_env(),
        )
    sent = [0]

    def yes() -> None:  # 64 MB of "y\n", as `yes` would send for ever
        assert proc.stdin is not None
        try:
            for _ in range(1024):
                sent[0] += proc.stdin.write(b"y\n" * 32768)
            proc.stdin.close()
        except (BrokenPipeError, ValueError):
            pass

    writer = threading.Thread(target=yes, daemon=True)
    writer.start()
    assert proc.wait(timeout=120) == 2, (tmp_path / "err").read_text()
    writer.join(timeout=10)
    assert (tmp_path / "err").read_text().splitlines() == [f"copydesk: error: <stdin>: {BIG}"]
    assert [a["verdict"] for a in json.loads((tmp_path / "out").read_text())["articles"]] == ["unreadable"]
    assert sent[0] < 4 << 20, f"copydesk read {sent[0]} bytes of standard input for a 1000-byte article"


def test_a_jsonl_stream_over_max_spool_bytes_scores_what_was_kept_and_reports_the_rest(tmp_path: Path) -> None:
    config = tmp_path / "copydesk.toml"
    config.write_text("[sources]\nmax_spool_bytes = 5000\n")
    records = [json.dumps({"id": f"r{i}", "text": BODY[:40]}) for i in range(200)]
    result = run_copydesk("score", "--config", str(config), "-f", "json", "-", stdin="\n".join(records).encode())
    assert result.exit_code == 2, result.stderr
    kept = sum(1 for _ in "\n".join(records)[:5000].split("\n")[:-1])
    assert result.stderr.splitlines() == [
        f"copydesk: error: <stdin>: more than sources.max_spool_bytes (5000 bytes) to spool; "
        f"the records after its first {sum(len(r) + 1 for r in records[:kept])} bytes were not read"
    ]
    ids = _ids(result.stdout)
    assert ids == [f"r{i}" for i in range(kept)] + ["<stdin>"]


def test_a_pipe_named_beside_files_is_bounded_like_standard_input_and_costs_only_itself(tmp_path: Path) -> None:
    import os
    import threading

    from copydesk.config import packaged_defaults
    from copydesk.models import Article, Unreadable
    from copydesk.sources import Batch

    good = tmp_path / "good.txt"
    good.write_text("Title\n\n" + BODY)
    fifo = tmp_path / "stream"
    os.mkfifo(fifo)

    sent = [0]

    def yes() -> None:  # 8 MB of "y\n"
        try:
            with open(fifo, "wb") as pipe:
                for _ in range(1024):
                    sent[0] += pipe.write(b"y\n" * 4096)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=yes, daemon=True)
    writer.start()
    items = list(Batch([str(fifo), str(good)], {**packaged_defaults()["sources"], **SMALL}))
    assert [type(i) for i in items] == [Unreadable, Article]
    assert isinstance(items[0], Unreadable) and items[0].problem == BIG
    writer.join(timeout=10)
    assert sent[0] < 1 << 20, f"{sent[0]} bytes of the pipe were read for a 1000-byte article"


def test_a_csv_row_in_another_encoding_costs_only_that_row_without_the_fallback(tmp_path: Path) -> None:
    line = BODY.replace(",", "").strip()
    rows = [f"{i},{line}".encode() for i in range(10)] + [f"bad,caf\u00e9 {line}".encode("latin-1")]
    rows.append(f"after,{line}".encode())
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"id,text\n" + b"\n".join(rows) + b"\n")
    ids = [str(i) for i in range(10)] + ["after"]
    config = tmp_path / "strict.toml"
    config.write_text("[sources]\nencoding_fallback = false\n", encoding="utf-8")
    result = run_copydesk("score", "-f", "json", "--config", str(config), str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].endswith("mixed.csv:12 (bad): not valid UTF-8 (character 4 of a cell)")
    articles = json.loads(result.stdout)["articles"]
    assert [a["id"] for a in articles if a["verdict"] != "unreadable"] == ids
    # With the documented fallback (the default), the row is decoded, said on stderr, and none is lost.
    result = run_copydesk("score", "-f", "json", str(path))
    assert result.exit_code == 0, result.stderr
    assert "mixed.csv:12 (bad): not valid UTF-8; decoded as" in result.stderr
    articles = json.loads(result.stdout)["articles"]
    assert [a["id"] for a in articles] == [*ids[:10], "bad", "after"]


def test_a_later_csv_row_in_an_encoding_the_files_guess_cannot_decode_is_decoded_in_its_own() -> None:
    """The file's encoding is guessed from its first row that is not UTF-8 (Shift_JIS here); a later row
    that does not decode in that (cp1252: "caf\u00e9 " is a lead byte and a space, no Shift_JIS pair) has
    its own detected, is not lost, and names the encoding it was decoded in (each row's CD003). The
    Japanese is said twice: one sentence is too short for charset-normalizer to recognise a language
    in, and such a guess is refused (review 14, item 8)."""
    japanese = (
        "\u6771\u4eac\u90fd\u306f\u6708\u66dc\u65e5\u306b\u65b0\u3057\u3044\u4e88\u7b97\u3092\u627f\u8a8d\u3057\u305f\u3002"
        * 2
    )
    french = "Le caf\u00e9 est ouvert \u00e0 Paris depuis l'\u00e9t\u00e9 dernier a d\u00e9clar\u00e9 le maire."
    raw = {"jp": japanese.encode("shift_jis"), "fr": french.encode("cp1252")}
    data = b"id,text\njp," + raw["jp"] + b"\nfr," + raw["fr"] + b"\nen,Plain text.\n"
    items = list(read_csv(io.BytesIO(data), "mixed.csv", config().sources["fields"], 10**6, True))
    assert all(isinstance(item, Article) and item.source is not None for item in items)
    sources = {item.id: item.source for item in items if isinstance(item, Article) and item.source is not None}
    assert [(key, ref.encoding_detected) for key, ref in sources.items()] == [("jp", True), ("fr", True), ("en", False)]
    assert sources["jp"].encoding == "cp932" and sources["fr"].encoding != "cp932"
    bodies = {item.id: item.body for item in items if isinstance(item, Article)}
    assert bodies["jp"] == japanese
    assert bodies["fr"] == raw["fr"].decode(sources["fr"].encoding)


LINE = BODY.replace(",", "").strip()  # one CSV cell


def _csv_run(tmp_path: Path, data: bytes, max_bytes: int | None = None, stdin: bool = False) -> tuple[CliResult, list]:
    """Score ``data`` as a CSV file (or as CSV on standard input): the result and each article's (id, line)."""
    config = tmp_path / "copydesk.toml"
    config.write_text("[sources]\n" + (f"max_bytes = {max_bytes}\n" if max_bytes else "") + 'stdin_format = "csv"\n')
    path = tmp_path / "feed.csv"
    path.write_bytes(data)
    result = run_copydesk("score", "-f", "json", "--config", str(config), "-" if stdin else str(path), stdin=data)
    assert "Traceback" not in result.stderr, result.stderr
    return result, [(a["id"], a["source"]["record"]) for a in json.loads(result.stdout)["articles"]]


@pytest.mark.parametrize("stdin", [False, True])
def test_a_csv_row_over_max_bytes_costs_only_its_row(tmp_path: Path, stdin: bool) -> None:
    # the long row's cells are each well under the csv module's own field limit (131072)
    long = ",".join(["x" * 600] * 5)
    data = f'id,text,a,b,c,d\n1,{LINE},,,,\n2,{long}\n3,"{LINE}\n{LINE}",,,,\n4,{LINE},,,,\n'.encode()
    result, articles = _csv_run(tmp_path, data, max_bytes=2000, stdin=stdin)
    where = "<stdin>" if stdin else str(tmp_path / "feed.csv")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"copydesk: error: {where}:3: row longer than sources.max_bytes (2000)"]
    assert articles == [("1", 2), (f"{where}:3", 3), ("3", 4), ("4", 6)]


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_csv_with_any_line_ending_gives_one_article_per_row_at_its_line(tmp_path: Path, ending: str) -> None:
    rows = ["id,text", f"1,{LINE}", f'2,"{LINE}{ending}{LINE}"', f"3,{LINE}"]
    result, articles = _csv_run(tmp_path, (ending.join(rows) + ending).encode())
    assert result.exit_code == 0, result.stderr
    assert articles == [("1", 2), ("2", 3), ("3", 5)]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (f'2,"{LINE}" said he', "malformed CSV row: ',' expected after '\"'"),  # text after a closing quote
        (f"2,{LINE}\r2b,{LINE}", None),  # a lone CR in a file of LF endings ends a row too
    ],
)
def test_a_malformed_csv_row_costs_only_itself(tmp_path: Path, row: str, problem: str | None) -> None:
    feed = tmp_path / "feed.csv"
    result, articles = _csv_run(tmp_path, f"id,text\n1,{LINE}\n{row}\n3,{LINE}\n".encode())
    if problem is None:
        assert result.exit_code == 0, result.stderr
        assert articles == [("1", 2), ("2", 3), ("2b", 4), ("3", 5)]
    else:
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [f"copydesk: error: {feed}:3: {problem}"]
        assert articles == [("1", 2), (f"{feed}:3", 3), ("3", 4)]


def test_a_csv_quote_left_open_costs_its_row_and_says_where_reading_went_on(tmp_path: Path) -> None:
    feed = tmp_path / "feed.csv"
    result, articles = _csv_run(tmp_path, f'id,text\n1,"{LINE}\nmore"\n2,"{LINE}\n3,{LINE}\n4,{LINE}\n'.encode())
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"copydesk: error: {feed}:4: malformed CSV row: a quote opened on line 4 is never closed; read on from line 5"
    ]
    assert articles == [("1", 2), (f"{feed}:4", 4), ("3", 5), ("4", 6)]


def _far_quote(rows: int) -> str:
    """A CSV whose line 3 opens a quote that the quote on line ``rows + 4`` closes: ``rows`` good rows between."""
    good = "".join(f"g{n},G,{LINE} {n}\n" for n in range(rows))
    return f'id,title,text\nr0,T,{LINE}\nr1,T,"open quote here\n{good}q,Q,"a quoted field"\nlast,L,{LINE}\n'


@pytest.mark.parametrize(
    ("data", "ids", "problem"),
    [
        (
            _far_quote(50),
            ["r0", "3", *(f"g{n}" for n in range(50)), "q", "last"],
            "a quote opened on line 3 runs the row to line 54, and the row is malformed (',' expected after '\"')",
        ),
        (  # the row the open quote makes is well formed, but has too many columns
            f'id,title,text\nr1,T,"open here\nr2,T,{LINE}\nr3,T,", she said."\nr4,T,{LINE}\n',
            ["2", "r2", "r3", "r4"],
            "a quote opened on line 2 runs the row to line 4, and the row has 4 columns, the header has 3",
        ),
    ],
)
def test_a_csv_quote_opened_mid_file_and_closed_rows_later_costs_only_its_line(
    tmp_path: Path, data: str, ids: list[str], problem: str
) -> None:
    feed = tmp_path / "feed.csv"
    result, articles = _csv_run(tmp_path, data.encode())
    assert result.exit_code == 2
    bad = ids.index(next(i for i in ids if i.isdigit()))
    line = int(ids[bad])
    assert result.stderr.splitlines() == [
        f"copydesk: error: {feed}:{line}: malformed CSV row: {problem}; read on from line {line + 1}"
    ]
    ids[bad] = f"{feed}:{line}"
    assert [i for i, _ in articles] == ids
    assert [n for _, n in articles] == list(range(2, len(ids) + 2))  # every line a row, each at its own line


@pytest.mark.parametrize("end", ["", "\n", "\r\n"])
def test_a_csv_quote_left_open_on_the_last_line_says_no_line_follows(tmp_path: Path, end: str) -> None:
    feed = tmp_path / "feed.csv"
    result, articles = _csv_run(tmp_path, f'id,text\n1,{LINE}\n2,"{LINE}{end}'.encode())
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"copydesk: error: {feed}:3: malformed CSV row: a quote opened on line 3, the last line, is never closed"
    ]
    assert articles == [("1", 2), (f"{feed}:3", 3)]


def test_a_csv_row_of_utf8_with_one_stray_windows_1252_byte_keeps_its_utf8_characters() -> None:
    """A row that is UTF-8 but for one pasted Windows-1252 apostrophe: only that byte is read as 1252,
    its other accents and dashes stay what they were (a detector guessing from the one row read it as
    mac_iceland, turning every dash into three letters)."""
    text = "The caf\u00e9 owner \u2014 who said on Monday it\u2019s time \u2014 will sell."
    raw = text.encode("utf-8").replace("\u2019".encode(), b"\x92")
    data = b"id,text\nr1," + raw + b"\nr2,Plain text.\n"
    items = list(read_csv(io.BytesIO(data), "stray.csv", config().sources["fields"], 10**6, True))
    bodies = {item.id: item for item in items if isinstance(item, Article)}
    assert bodies["r1"].body == text and bodies["r1"].source is not None
    assert bodies["r1"].source.encoding == "utf-8+cp1252" and bodies["r2"].source.encoding == "utf-8"


def test_a_file_unreadable_on_every_line_says_twenty_lines_then_how_many_more(tmp_path: Path) -> None:
    """A JSON array or CSV saved as .jsonl: each bad record is in the report, stderr says 20 and counts the rest."""
    from copydesk.app import SAID_PER_FILE

    path = tmp_path / "array.jsonl"
    path.write_text("[not json\n" * 50 + GOOD + "\n", encoding="utf-8")
    result = run_copydesk("check", "-f", "json", str(path))
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.splitlines()
    said = [line for line in lines if line.startswith("copydesk: error: ") and "not valid JSON" in line]
    assert [line.split(": ")[2] for line in said] == [f"{path}:{n}" for n in range(1, SAID_PER_FILE + 1)]
    assert f"copydesk: error: {path}: and 30 more unreadable record(s) (50 in all; each is in the reports)" in lines
    fails = [line for line in lines if line.startswith("copydesk: FAIL ")]
    assert len(fails) == SAID_PER_FILE + 1 and fails[-1].startswith("copydesk: FAIL and 30 more unreadable"), fails
    report = json.loads(result.stdout)
    assert len(report["articles"]) == 51 and len(report["summary"]["input_errors"]) == 50


def test_front_matter_read_as_body_is_a_cd006_diagnostic_at_its_line_and_a_warning(tmp_path: Path) -> None:
    """A ``---`` block that is not front matter is no longer read as body text in silence (review 11, item 4)."""
    path = tmp_path / "x.md"
    path.write_text("---\ntitle: T\nauthor: Staff\nnot a key\n---\n\n" + BODY, encoding="utf-8")
    result = run_copydesk("score", "-f", "json", str(path))
    assert result.exit_code == 0, result.stderr
    [article] = json.loads(result.stdout)["articles"]
    [diag] = article["diagnostics"]
    assert (diag["code"], diag["severity"], diag["location"]["line"]) == ("CD006", "info", 4)
    assert result.stderr == f"copydesk: warning: {path}: {diag['message']}\n"
    assert article["title"] == "---"


def test_a_record_with_empty_text_is_reported_under_its_own_id_title_and_source(tmp_path: Path) -> None:
    """When a feed's scraper breaks, its records stay in its source row, baseline and history (review 11, item 5)."""
    records = [
        {"source": "feedA", "id": "a1", "title": "Broken", "text": ""},
        {"id": "a2", "url": "https://www.example.com/x"},
        {"text": ""},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = run_copydesk("score", "-f", "json", str(path))
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    shown = [(a["id"], a["title"], a["source_name"], a["verdict"]) for a in report["articles"]]
    folder = tmp_path.as_posix()
    assert shown == [
        ("a1", "Broken", "feedA", "unreadable"),
        ("a2", "", "example.com", "unreadable"),
        (f"{path}:3", "", folder, "unreadable"),
    ]
    assert {s["source"]: s["failing"] for s in report["sources"]} == {"feedA": 1, "example.com": 1, folder: 1}
    # the stderr lines still name the file and line, then the record's id where it has one
    assert f"copydesk: error: {path}:1 (a1): field 'text' is empty" in result.stderr.splitlines()
