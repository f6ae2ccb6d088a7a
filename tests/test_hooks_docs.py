"""docs/hooks.md documents every hookspec, exactly, with examples that run (datasette's test_docs)."""

from __future__ import annotations

import io
import re
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from copydesk import RunInfo, RunSummary, hookspecs
from copydesk.conformance import check_plugin
from copydesk.testing import article, plugin_set, score_batch

HOOKS_MD = Path(__file__).resolve().parents[1] / "docs" / "hooks.md"
CODE_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def hookspec_functions() -> dict[str, Callable[..., Any]]:
    """Every function in copydesk.hookspecs marked @hookspec, by name."""
    marker = f"{hookspecs.PROJECT}_spec"
    return {name: fn for name, fn in vars(hookspecs).items() if callable(fn) and hasattr(fn, marker)}


def signature(fn: Callable[..., Any]) -> str:
    """``name(param: type, ...) -> type`` as written in hookspecs.py (annotations are strings there)."""
    notes = dict(fn.__annotations__)
    returns = notes.pop("return")
    params = ", ".join(f"{name}: {kind}" for name, kind in notes.items())
    return f"{fn.__name__}({params}) -> {returns}"


def sections() -> dict[str, str]:
    """Each ``## `` heading of docs/hooks.md (without backticks) and the text under it."""
    parts = re.split(r"^## (.+)$", HOOKS_MD.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {heading.strip().strip("`"): body for heading, body in zip(parts[1::2], parts[2::2], strict=True)}


HOOKS = hookspec_functions()
SECTIONS = sections()


def test_there_are_hooks_and_sections() -> None:
    assert "copydesk_scorers" in HOOKS and "copydesk_reporters" in HOOKS
    assert len(SECTIONS) >= len(HOOKS)


@pytest.mark.parametrize("hook", sorted(HOOKS))
def test_every_hook_has_a_section_headed_by_its_signature(hook: str) -> None:
    headed = [h for h in SECTIONS if h.split("(")[0] == hook]
    assert headed, f"docs/hooks.md has no '## `{signature(HOOKS[hook])}`' section"
    assert headed == [signature(HOOKS[hook])], f"the heading differs from hookspecs.py: {headed}"


@pytest.mark.parametrize("heading", sorted(SECTIONS))
def test_every_section_names_a_hook(heading: str) -> None:
    assert heading.split("(")[0] in HOOKS, f"section '## {heading}' names no hook in copydesk.hookspecs"


@pytest.mark.parametrize("hook", sorted(HOOKS))
def test_every_parameter_and_the_return_value_is_described(hook: str) -> None:
    body = SECTIONS[signature(HOOKS[hook])]
    params = [name for name in HOOKS[hook].__annotations__ if name != "return"]
    if params:
        missing = [name for name in params if f"`{name}`" not in body]
        assert not missing, f"parameters not described: {missing}"
    else:
        assert "**Parameters.** None." in body
    assert "**Returns.**" in body and "**Example.**" in body


def example_module(hook: str, monkeypatch: pytest.MonkeyPatch) -> tuple[types.ModuleType, list[str]]:
    """Run a section's first code block as a module; return it and the section's other blocks.

    A later block saying "saved as NAME.py" imports the module under that name.
    """
    body = SECTIONS[signature(HOOKS[hook])]
    first, *rest = CODE_BLOCK.findall(body)
    saved = re.search(r"saved as (\w+)\.py", body)
    module = types.ModuleType(saved.group(1) if saved else f"hooks_md_{hook}")
    exec(compile(first, f"docs/hooks.md ({hook})", "exec"), module.__dict__)
    monkeypatch.setitem(__import__("sys").modules, module.__name__, module)
    return module, rest


@pytest.mark.parametrize("hook", sorted(HOOKS))
def test_every_example_runs_and_implements_its_hook(hook: str, monkeypatch: pytest.MonkeyPatch) -> None:
    module, rest = example_module(hook, monkeypatch)
    loaded = plugin_set(plugins=[("doc-example", module)])
    implementers = [impl.plugin_name for impl in getattr(loaded.manager.hook, hook).get_hookimpls()]
    assert implementers == ["doc-example"]
    for block in rest:
        exec(compile(block, f"docs/hooks.md ({hook}, later block)", "exec"), {})


def test_scorer_example_finds_what_it_says_and_conforms(monkeypatch: pytest.MonkeyPatch) -> None:
    module, _ = example_module("copydesk_scorers", monkeypatch)
    assert check_plugin(module, examples=[article("Body.", title="Wow!")], timing=False) == []
    reports = score_batch([article("Body.", "Calm"), article("Body.", "Wow!!")], plugin_set(plugins=[("x", module)]))
    assert [[f.code for f in r.findings] for r in reports] == [[], ["EXC001"]]


def test_reporter_example_writes_its_format(monkeypatch: pytest.MonkeyPatch) -> None:
    module, _ = example_module("copydesk_reporters", monkeypatch)
    scorers, _ = example_module("copydesk_scorers", monkeypatch)
    loaded = plugin_set(plugins=[("doc-example", module), ("exclaim", scorers)])
    reports = score_batch([article("One.", id="a"), article("Two.", id="b")], loaded)
    stream = io.StringIO()
    writer = loaded.reporters["tsv"][1].open(stream, RunInfo("0", (), (), ()))
    for report in reports:
        writer.add(report)
    writer.close(RunSummary(articles=2, scored=2, unreadable=0, mean_score=100.0))
    lines = stream.getvalue().splitlines()
    assert lines[0] == "id\tscore\tgrade\tfindings"
    assert [line.split("\t")[0] for line in lines[1:3]] == ["a", "b"]
    assert lines[3] == "# 2 of 2 articles scored"


def test_reporter_example_writes_a_hostile_id_inert(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plugin authors copy the example: an id with terminal escapes, a tab and a '::' line stays on its row, inert."""
    module, _ = example_module("copydesk_reporters", monkeypatch)
    loaded = plugin_set(plugins=[("doc-example", module)])
    hostile = "evil\x1b]8;;http://x\x07link\x1b[31mRED\tcol\n::error::pwn"
    [report] = score_batch([article("One.", id=hostile)], loaded)
    stream = io.StringIO()
    writer = loaded.reporters["tsv"][1].open(stream, RunInfo("0", (), (), ()))
    writer.add(report)
    [row] = stream.getvalue().splitlines()[1:]
    assert row.split("\t")[0] == "evil\\x1b]8;;http://x\\x07link\\x1b[31mRED\\tcol\\n::error::pwn"
    assert not any(ord(c) < 32 and c != "\t" for c in row) and row.count("\t") == 3
    [lead] = score_batch([article("One.", id="::error::pwn")], loaded)
    writer.add(lead)
    assert stream.getvalue().splitlines()[-1].startswith("\\::error::pwn\t")


TUTORIAL_MD = HOOKS_MD.parent / "tutorial.md"
TUTORIAL_PLUGINS = [
    block for block in CODE_BLOCK.findall(TUTORIAL_MD.read_text(encoding="utf-8")) if "@hookimpl" in block
]


@pytest.mark.parametrize("index", range(len(TUTORIAL_PLUGINS)))
def test_tutorial_plugins_load_and_conform(index: int) -> None:
    module = types.ModuleType(f"tutorial_plugin_{index}")
    exec(compile(TUTORIAL_PLUGINS[index], f"docs/tutorial.md (plugin {index})", "exec"), module.__dict__)
    assert check_plugin(module, timing=False) == []


def test_tutorial_batch_example_flags_repeated_headlines() -> None:
    (source,) = [block for block in TUTORIAL_PLUGINS if "BatchPass" in block]
    module = types.ModuleType("tutorial_batch")
    exec(compile(source, "docs/tutorial.md (batch)", "exec"), module.__dict__)
    items = [
        article("x", "Breaking  news"),
        article("y", "breaking news"),
        article("z", "BREAKING NEWS"),
        article("w", "Other"),
    ]
    reports = score_batch(items, plugin_set(plugins=[("rh", module)]))
    assert [[f.message for f in r.findings] for r in reports] == [
        ["Headline appears on 3 articles of the batch"]
    ] * 3 + [[]]
