"""The command line's coercion of option values: typer's results, without pydantic where it is not needed."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main
from copydesk import options
from copydesk.cli import app, parser_for
from copydesk.options import Coercion
from typer._click import Context
from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param
from typer.testing import CliRunner

VALUES: tuple[Any, ...] = (None, "x", "", "1", "a b", "\udcff", "-", b"bytes", ("a", "b"), ["c"], (), ("a", b"b"), 3)


def _parameters() -> list[tuple[Any, Any]]:
    """Every typer parameter of every command (the group's own too, ``--help`` included), with its context."""
    group = typer.main.get_command(app)
    found = []
    commands: list[Any] = [group]
    while commands:
        command = commands.pop()
        ctx = Context(command)
        found += [(ctx, param) for param in command.get_params(ctx) if hasattr(param, "type_descriptor")]
        commands += list(getattr(command, "commands", {}).values())
    return found


def _outcome(coerce: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        result = coerce(value, param=param, ctx=ctx)
    except BadParameter as exc:
        return "error", exc.format_message()
    return type(result).__name__, result


def test_every_parameter_is_coerced_by_coercion() -> None:
    """The group's options and ``--help`` too: typer's own coercion would import pydantic for a value not given."""
    parameters = _parameters()
    assert len(parameters) > 60
    assert all(isinstance(param._runtime_param, Coercion) for _, param in parameters)
    kinds = {param._runtime_param.strings for _, param in parameters}
    assert kinds == {"str", "list", None}


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_coercion_gives_what_typer_gives(value: Any) -> None:
    """Every parameter, given each kind of value, coerces it to what typer's own coercion returns (or raises)."""
    for ctx, param in _parameters():
        if param.type_descriptor.annotation is bool and isinstance(value, bool):
            continue  # typer does not coerce a flag's bool
        typer_own = build_runtime_param(param.type_descriptor)
        ours = _outcome(param._runtime_param.coerce, value, param, ctx)
        assert ours == _outcome(typer_own.coerce, value, param, ctx), (param.name, value)


def _names(typer_app: typer.Typer) -> list[str]:
    """The commands of an app, by the name typer gives them."""
    return [info.name or typer.main.get_command_name(info.callback.__name__) for info in typer_app.registered_commands]  # type: ignore[union-attr]


@pytest.mark.parametrize("name", _names(app))
def test_a_command_parsed_alone_answers_as_the_whole_app(name: str) -> None:
    """``parser_for`` builds only the command named first: the same help, usage errors and exit codes."""
    runner = CliRunner()
    assert _names(parser_for([name, "x"])) == [name]
    for args in ([name, "--help"], [name, "-h"], [name], [name, "--bogus"], [name, "--selct", "X"], [name, "-j", "x"]):
        whole, alone = runner.invoke(app, args), runner.invoke(parser_for(args), args)
        assert (alone.exit_code, alone.stdout, alone.stderr) == (whole.exit_code, whole.stdout, whole.stderr), args


def test_a_group_or_an_option_first_gets_the_whole_app() -> None:
    """``baseline write``, ``--version``, a misspelled command: every command is built, as typer does."""
    for args in (["baseline", "write"], ["--version"], ["scor"], []):
        assert parser_for(args) is app


def _broken() -> None:
    raise ValueError("bad \x1b[31mtext\u202e")


def test_an_internal_error_is_one_line_unless_copydesk_traceback_asks_for_more(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An internal error is one line and exit 3; COPYDESK_TRACEBACK=1 adds its traceback, neutralised, for a bug report."""
    monkeypatch.delenv("COPYDESK_TRACEBACK", raising=False)
    with pytest.raises(typer.Exit) as plain:
        options.guard(_broken)
    assert plain.value.exit_code == 3
    hint = " (re-run with COPYDESK_TRACEBACK=1 for its traceback)"
    assert capsys.readouterr().err == f"copydesk: error: internal error: ValueError: bad \\x1b[31mtext\\u202e{hint}\n"
    monkeypatch.setenv("COPYDESK_TRACEBACK", "0")
    with pytest.raises(typer.Exit):
        options.guard(_broken)
    assert "Traceback" not in capsys.readouterr().err
    monkeypatch.setenv("COPYDESK_TRACEBACK", "1")
    with pytest.raises(typer.Exit):
        options.guard(_broken)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert any("in _broken" in line for line in lines)
    assert lines[-2] == "ValueError: bad \\x1b[31mtext\\u202e" and "\x1b" not in "".join(lines)
    assert lines[-1] == "copydesk: error: internal error: ValueError: bad \\x1b[31mtext\\u202e"
