"""Architecture meta-tests: plugins use only the public API; functions stay small.

Built-in scorers are written exactly as a third-party plugin would be, so they may import
copydesk things only from the public ``copydesk`` package (and their own package's
modules). Every function in core/ and plugins/ keeps to the house limits: radon
cyclomatic complexity grade C or better, at most 60 lines, at most 8 parameters (typer
command signatures in core/cli.py excepted).
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import copydesk
import pytest
from radon.complexity import cc_rank, cc_visit
from radon.visitors import Function
from support import REPO

PLUGINS = REPO / "plugins"
PACKAGES = {REPO / "core": "copydesk", PLUGINS: "copydesk.plugins"}
PUBLIC_MODULES = ("hookspecs", "models", "text", "errors", "testing", "conformance")
WORST_GRADE = "C"
MAX_LINES = 60
MAX_PARAMETERS = 8

#: Functions allowed over a limit, keyed by (path, function, limit): none today. An entry
#: must name a function that is still over its limit (see below), so none lingers.
KNOWN_OVER: set[tuple[str, str, str]] = set()


def module_name(path: Path) -> str:
    """The import name of a source file under core/ or plugins/."""
    for folder, package in PACKAGES.items():
        if path.is_relative_to(folder):
            parts = path.relative_to(folder).with_suffix("").parts
            return ".".join((package, *(p for p in parts if p != "__init__")))
    raise ValueError(path)


def own_package(path: Path) -> str:
    """The plugin package a file belongs to (``copydesk.plugins.NAME``)."""
    parts = path.relative_to(PLUGINS).parts
    return f"copydesk.plugins.{parts[0]}" if len(parts) > 1 else "copydesk.plugins"


def imported_modules(source: str, module: str, is_package: bool) -> Iterator[tuple[int, str, list[str]]]:
    """Each import in ``source`` as (line, absolute module, names), relative ones resolved."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            target = ".".join(p for p in (base, node.module or "") if p)
            yield node.lineno, target, [alias.name for alias in node.names]


def private_imports(source: str, module: str, own: str, is_package: bool = False) -> list[str]:
    """The imports of copydesk internals in a plugin module's source, as ``line: module``.

    Allowed: names in ``copydesk.__all__`` from ``copydesk`` itself, and anything from the
    plugin's own package ``own``.
    """
    public = set(copydesk.__all__)
    problems = []
    for line, target, names in imported_modules(source, module, is_package):
        if target != "copydesk" and not target.startswith("copydesk."):
            continue
        if target == own or target.startswith(own + "."):
            continue
        if target == "copydesk" and names and set(names) <= public:
            continue
        problems.append(f"{line}: {target} {', '.join(names)}".rstrip())
    return problems


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("from copydesk import Rule, Settings, WORD\n", "copydesk.plugins.demo.rules", []),
        ("from copydesk.plugins.demo.lexicon import X\n", "copydesk.plugins.demo.rules", []),
        ("from . import lexicon\nfrom .lexicon import X\n", "copydesk.plugins.demo.rules", []),
        ("from copydesk.models import Settings\n", "copydesk.plugins.demo", ["1: copydesk.models Settings"]),
        ("import copydesk.text\n", "copydesk.plugins.demo", ["1: copydesk.text"]),
        ("from copydesk import runner\n", "copydesk.plugins.demo", ["1: copydesk runner"]),
        ("from copydesk.plugins.other import x\n", "copydesk.plugins.demo", ["1: copydesk.plugins.other x"]),
        ("from ... import config\n", "copydesk.plugins.demo.rules", ["1: copydesk config"]),
        ("def f():\n    from copydesk.text import WORD\n", "copydesk.plugins.demo", ["2: copydesk.text WORD"]),
    ],
)
def test_private_import_check_tells_public_from_internal(source: str, module: str, expected: list[str]) -> None:
    own = ".".join(module.split(".")[:3])
    assert private_imports(source, module, own, is_package=module == own) == expected


@pytest.mark.parametrize("path", sorted(PLUGINS.rglob("*.py")), ids=lambda p: str(p.relative_to(REPO)))
def test_builtin_plugins_import_copydesk_only_through_the_public_package(path: Path) -> None:
    problems = private_imports(path.read_text(), module_name(path), own_package(path), path.name == "__init__.py")
    assert not problems, f"{path.relative_to(REPO)} imports copydesk internals: {problems}"


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_documented_public_modules_stay_importable(name: str) -> None:
    assert importlib.import_module(f"copydesk.{name}").__doc__


def test_every_public_name_resolves_to_its_home_module_object() -> None:
    models, text = importlib.import_module("copydesk.models"), importlib.import_module("copydesk.text")
    for name in copydesk.__all__:
        value = getattr(copydesk, name)
        home = next((m for m in (models, text) if hasattr(m, name)), None)
        assert home is None or getattr(home, name) is value, name


def source_files() -> list[Path]:
    """Every Python file of the framework and the built-in scorers."""
    return sorted(p for folder in PACKAGES for p in folder.rglob("*.py"))


def radon_functions(blocks: list[Function]) -> Iterator[Function]:
    """Every function radon found, methods and closures included."""
    for block in blocks:
        yield from radon_functions(getattr(block, "methods", []))
        if isinstance(block, Function):
            yield block
            yield from radon_functions(block.closures)


def ast_functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Every function definition in a module, nested ones included."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def is_typer_command(path: Path, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """True for a function in core/cli.py registered as a typer command or callback."""
    if path != REPO / "core" / "cli.py":
        return False
    for decorator in node.decorator_list:
        call = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(call, ast.Attribute) and call.attr in ("command", "callback"):
            if isinstance(call.value, ast.Name) and call.value.id.endswith("app"):
                return True
    return False


def parameter_count(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """How many parameters a function takes, ``self``/``cls`` not counted."""
    args = node.args
    named = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    starred = [a for a in (args.vararg, args.kwarg) if a is not None]
    return len([n for n in named if n not in ("self", "cls")]) + len(starred)


def over_limits(files: list[Path], root: Path = REPO) -> dict[tuple[str, str, str], str]:
    """Every (path, function, limit) over a house limit in ``files``, with what was measured."""
    found: dict[tuple[str, str, str], str] = {}
    for path in files:
        source, where = path.read_text(), str(path.relative_to(root))
        for block in radon_functions(cc_visit(source)):
            if cc_rank(block.complexity) > WORST_GRADE:
                found[(where, block.name, "complexity")] = f"line {block.lineno}: {block.complexity}"
        for node in ast_functions(ast.parse(source)):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_LINES:
                found[(where, node.name, "lines")] = f"line {node.lineno}: {length} lines"
            if parameter_count(node) > MAX_PARAMETERS and not is_typer_command(path, node):
                found[(where, node.name, "parameters")] = f"line {node.lineno}: {parameter_count(node)}"
    return found


OVER = over_limits(source_files())


@pytest.mark.parametrize("limit", ["complexity", "lines", "parameters"])
def test_no_function_in_core_or_plugins_is_over_a_house_limit(limit: str) -> None:
    over = {k: v for k, v in OVER.items() if k[2] == limit and k not in KNOWN_OVER}
    assert not over, f"over the {limit} limit: {over}"


def test_every_known_exception_is_still_over_its_limit() -> None:
    assert KNOWN_OVER <= set(OVER), f"now within the limits, drop from KNOWN_OVER: {KNOWN_OVER - set(OVER)}"


@pytest.mark.parametrize(
    ("source", "limit"),
    [
        ("def f(x):\n" + "".join(f"    if x == {i}:\n        return {i}\n" for i in range(21)), "complexity"),
        ("def f():\n" + "    pass\n" * 60, "lines"),
        ("def f(a, b, c, d, e, f, g, h, i):\n    pass\n", "parameters"),
    ],
)
def test_limit_checks_catch_a_function_over_each_limit(source: str, limit: str, tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(source)
    assert list(over_limits([tmp_path / "bad.py"], root=tmp_path)) == [("bad.py", "f", limit)]
