"""Messages of the command line that name what the user gave, as given."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from copydesk import testing


@pytest.mark.parametrize("command", [["score", "seeds/"], ["check", "seeds/"], ["rules"], ["history"]])
def test_an_empty_config_option_says_it_is_empty(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "copydesk", *command, "--config", ""],
        capture_output=True,
        text=True,
        env=testing.python_env(),
        check=False,
    )
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert "Invalid value for '--config': the option is empty: give a configuration file" in line, line
    assert "is a directory" not in line


STRICT = "[sources]\nencoding_fallback = false\n"


@pytest.mark.parametrize(
    ("name", "data", "args", "where"),
    [
        ("copydesk.toml", b"[run]\n# a\xff\n", ("score", "seeds/", "--config", "{path}"), "{path}:2: "),
        ("model.json", b'{\n "a\xff": 1}\n', ("score", "seeds/", "--model", "{path}"), "(line 2, "),
        ("base.json", b'{\n "a\xff": 1}\n', ("check", "seeds/", "--baseline", "{path}"), "(line 2, "),
        ("story.txt", b"Title\nBod\xff is here.\n", ("score", "{path}", "--config", "{strict}"), "(line 2, "),
        ("feed.jsonl", b'{"text": "ok"}\n{"t\xff": 1}\n', ("score", "{path}", "--config", "{strict}"), "{path}:2: "),
        ("feed.json", b'[{"text": "ok"},\n{"t\xff": 1}]\n', ("score", "{path}", "--config", "{strict}"), "{path}:2: "),
        ("nice.json", b'[\n{\n "t\xff": 1}]\n', ("score", "{path}", "--config", "{strict}"), "(line 3, "),
    ],
)
def test_a_byte_that_is_not_utf8_is_counted_from_1_in_its_line_in_every_message(
    cli: Any, tmp_path: Path, name: str, data: bytes, args: tuple[str, ...], where: str
) -> None:
    path, strict = tmp_path / name, tmp_path / "strict.toml"
    path.write_bytes(data)
    strict.write_text(STRICT)
    result = cli(*(a.format(path=path, strict=strict) for a in args), "-f", "json")
    assert result.exit_code == 2
    [line] = [x for x in result.stderr.splitlines() if "not valid UTF-8" in x]
    unit = "record, from its first character on line 2" if name == "feed.json" else "line"  # [{..},\n{..}]
    assert where.format(path=path) in line and f"byte 4 of the {unit}" in line, line
    line = int(where[len("(line ") :].rstrip(", ")) if where.startswith("(line") else 2
    assert data.splitlines()[line - 1][4 - 1 : 4] == b"\xff"  # what `cut -b 4` shows of that line


def test_a_byte_after_a_byte_order_mark_is_counted_as_the_file_holds_it(cli: Any, tmp_path: Path) -> None:
    path, strict = tmp_path / "bom.txt", tmp_path / "strict.toml"
    path.write_bytes(b"\xef\xbb\xbfT\xff\nThe body is here.\n")
    strict.write_text(STRICT)
    result = cli("score", str(path), "--config", str(strict), "-f", "json")
    assert result.exit_code == 2
    assert "not valid UTF-8 (line 1, byte 5 of the line: invalid start byte)" in result.stderr
