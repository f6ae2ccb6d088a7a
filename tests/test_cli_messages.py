"""Messages of the command line that name what the user gave, as given."""

from __future__ import annotations

import subprocess
import sys

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
