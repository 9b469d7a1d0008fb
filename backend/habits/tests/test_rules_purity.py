"""The rules engine stays pure: no Django, no clock."""

from __future__ import annotations

import ast
from pathlib import Path

RULES = Path(__file__).resolve().parent.parent / "rules"


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_rules_module_imports_django() -> None:
    modules = sorted(RULES.rglob("*.py"))
    assert modules, "the rules package should not be empty"
    for path in modules:
        offenders = [m for m in imported_modules(path) if m.split(".")[0] == "django"]
        assert not offenders, f"{path.name} imports {offenders}"


def test_no_rules_module_reads_the_clock() -> None:
    for path in RULES.rglob("*.py"):
        source = path.read_text()
        for call in ("date.today(", "datetime.now(", "time.time(", "datetime.utcnow("):
            assert call not in source, f"{path.name} calls {call}"
