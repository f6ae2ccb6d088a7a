"""Property-based (hypothesis) checks over every source format and every output format (issue 16).

Whatever bytes a .txt, .md, .jsonl, .csv or .html file holds: the run ends with exit 0
or 2, never an exception; every article the batch yields is reported (readable or
not); JSON, JSONL and SARIF parse, JUnit is well-formed XML; and the text, github and
markdown formats carry no raw control or bidi character and no forged workflow command.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from copydesk import safety
from copydesk.app import RunOptions, execute
from copydesk.config import load_config
from copydesk.formats.writers import Output
from copydesk.sources import Batch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FORMATS = ("text", "json", "jsonl", "sarif", "junit", "github", "markdown", "html")
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = st.sampled_from(["\n", "\r", "\x1b[2J", "\x07", "\u202e", "::error::x", "\x00", "\ud800", ",", '"', "{", "<"])
TEXT = st.lists(st.one_of(st.text(max_size=40), HOSTILE), max_size=12).map("".join)


@st.composite
def source(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and its bytes: raw bytes, hostile text, or records around hostile fields."""
    suffix = draw(st.sampled_from([".txt", ".md", ".jsonl", ".csv", ".html"]))
    kind = draw(st.sampled_from(["bytes", "text", "records"]))
    if kind == "bytes":
        return suffix, draw(st.binary(max_size=300))
    if kind == "text":
        return suffix, draw(TEXT).encode("utf-8", "surrogatepass")
    records = draw(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=4))
    if suffix == ".csv":
        body = "id,text\n" + "".join(f'"{i.replace(chr(34), "")}","{t.replace(chr(34), "")}"\n' for i, t in records)
    else:
        body = "".join(json.dumps({"id": i, "text": t + " said the mayor."}) + "\n" for i, t in records)
    return suffix, body.encode("utf-8", "surrogatepass")


def _inert(text: str, github: bool = False) -> None:
    assert not RAW.search(text), repr(RAW.search(text))
    for line in text.splitlines():
        if line.lstrip().startswith("::"):
            assert github and re.match(r"::(error|warning|notice) (file|title)=", line), line


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=source())
def test_any_input_gives_valid_reports_in_every_format(tmp_path: Path, data: tuple[str, bytes]) -> None:
    suffix, content = data
    folder = tmp_path / f"case{abs(hash(content)) % 10**8}"
    folder.mkdir(exist_ok=True)
    path = folder / f"in{suffix}"
    path.write_bytes(content)
    outputs = [Output(fmt, str(folder / f"out.{fmt}")) for fmt in FORMATS]
    errors: list[str] = []
    options = RunOptions(paths=[str(path)], outputs=outputs, cwd=folder)
    code = execute(options, io.StringIO(), errors.append)
    assert code in (0, 2), errors
    expected = len(list(Batch([str(path)], load_config(discover=False).sources)))
    report = json.loads((folder / "out.json").read_text())
    assert len(report["articles"]) == expected
    assert len((folder / "out.jsonl").read_text().splitlines()) == expected
    json.loads((folder / "out.sarif").read_text())
    ET.fromstring((folder / "out.junit").read_bytes())
    _inert((folder / "out.text").read_text())
    _inert((folder / "out.markdown").read_text())
    _inert((folder / "out.github").read_text(), github=True)
    for line in errors:  # as default_stderr writes them
        _inert(safety.line(line))
