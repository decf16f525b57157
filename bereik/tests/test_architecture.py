"""The architecture the docs describe (docs/architecture.md, ADR 0011), checked on every run:
no import inside a function but in AppConfig.ready(), and no module past 600 lines. The layers
and the absence of import cycles are import-linter's contracts (`lint-imports`, run by
`make test`)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]  # the bereik package
MAX_LINES = 600
# Imports a function may hold, with the reason. Django imports an app's package before its models
# are ready, so the audit trail's shortcuts (`bereik.audit.record`) load theirs when first called.
ALLOWED_INSIDE = {"audit/__init__.py"}


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "migrations" in parts or "tests" in parts or parts[-1] == "conftest.py":
            continue
        yield path


def _imports_inside_functions(path: Path, root: Path = ROOT) -> list[str]:
    """`module:line` of every import of a bereik module inside a function, except ready()."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node, function=None):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name)
                continue
            if function and function != "ready" and isinstance(child, ast.Import | ast.ImportFrom):
                names = (
                    [child.module or ""]
                    if isinstance(child, ast.ImportFrom)
                    else [alias.name for alias in child.names]
                )
                if any(name == "bereik" or name.startswith("bereik.") for name in names):
                    found.append(f"{path.relative_to(root)}:{child.lineno}")
            visit(child, function)

    visit(tree)
    return found


def test_the_checked_tree_holds_the_apps():
    names = {path.relative_to(ROOT).parts[0] for path in _modules()}
    assert {"dossiers", "triage", "intake", "lac", "lib"} <= names


def test_no_bereik_import_inside_a_function_but_in_ready():
    offending = [
        place
        for path in _modules()
        if str(path.relative_to(ROOT)) not in ALLOWED_INSIDE
        for place in _imports_inside_functions(path)
    ]
    assert offending == []


def test_an_import_inside_a_function_is_found(tmp_path):
    """The check above can fail: it sees an import hidden in a function."""
    module = tmp_path / "sample.py"
    module.write_text("def f():\n    from bereik.lac import actions\n", encoding="utf-8")
    assert _imports_inside_functions(module, root=tmp_path) == ["sample.py:2"]


@pytest.mark.parametrize("path", list(_modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_600_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)}: {lines} lines; split it by topic"
