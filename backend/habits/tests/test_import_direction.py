"""Imports run one way in every app: api -> services/selectors -> models and the pure rules.

The HTTP edge (api*.py, schemas.py) converts requests into plain values; nothing below it may
import it, so services can be called from a task, a command or another app. The walk covers
every Django app under backend/ (each folder with an apps.py), so apps added later are held to
the same direction without touching this test.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[2]
# Below the edge, the HTTP framework itself is off limits too.
CORE_LAYERS = {"services", "selectors", "models", "values", "tasks", "importers", "exporters"}


def apps() -> list[Path]:
    return sorted(path.parent for path in BACKEND.glob("*/apps.py"))


def is_edge(module: str) -> bool:
    """One of our HTTP-layer modules: a router (api, api_reading, ...) or schemas(_groups, ...)."""
    last = module.rsplit(".", 1)[-1]
    return last.startswith("api") or last == "schemas" or last.startswith("schemas_")


def is_command(module: str) -> bool:
    """A manage.py command: an entry point beside the HTTP edge, not a layer below it."""
    return ".management.commands." in module


def ours(module: str) -> bool:
    return module.split(".")[0] in {app.name for app in apps()} | {"config"}


def layer_modules() -> list[Path]:
    modules = []
    for app in apps():
        for path in app.rglob("*.py"):
            parts = path.relative_to(app).parts
            if "tests" in parts or "migrations" in parts or is_edge(path.stem):
                continue
            modules.append(path)
    return sorted(modules)


def imported(source: str, module: str) -> set[str]:
    """Every module a source imports, relative imports resolved and `from a import b` as a.b."""
    package = module.rsplit(".", 1)[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def problems(source: str, module: str) -> list[str]:
    found = []
    layers = set(module.split(".")[1:])
    for name in sorted(imported(source, module)):
        # export_openapi prints the assembled API's document, so it alone may load config.api;
        # a command still may not reach into an app's routers or schemas.
        if is_command(module) and name.split(".")[:2] == ["config", "api"]:
            continue
        if ours(name) and is_edge(name):
            found.append(f"{module} imports the HTTP layer {name}")
        elif layers & CORE_LAYERS and name.split(".")[0] == "ninja":
            found.append(f"{module} imports django-ninja ({name})")
        elif "models" in layers and name.rsplit(".", 1)[-1] in {"services", "selectors"}:
            found.append(f"{module} (a model) imports {name}")
    return found


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(BACKEND).with_suffix("").parts)


def test_the_walk_finds_every_app_and_their_services() -> None:
    names = {module_name(path) for path in layer_modules()}
    assert {app.name for app in apps()} >= {"core", "habits", "users"}
    assert {"habits.services", "habits.selectors", "users.services"} <= names
    assert {"habits.importers.json_format", "habits.exporters.json_format"} <= names
    assert not any(is_edge(name.rsplit(".", 1)[-1]) for name in names)


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("from habits.schemas import HabitIn", "habits.services"),
        ("from habits import schemas", "habits.selectors"),
        ("import habits.api", "reminders.tasks"),
        ("from habits.api_transfer import router", "integrations.services"),
        ("from ..schemas import ScheduleSchema", "habits.importers.common"),
        ("from . import api", "users.services"),
        ("from ninja import Schema", "habits.exporters.json_format"),
        ("from habits.services import habit_create", "habits.models"),
        ("from users.schemas_recovery import PasswordResetIn", "users.recovery"),
        ("from habits.schemas_groups import GroupIn", "habits.services_groups"),
        ("from habits.api import router", "core.management.commands.export_openapi"),
        ("from users.schemas import Message", "habits.management.commands.import_loop"),
    ],
)
def test_the_check_catches_an_import_against_the_direction(source: str, module: str) -> None:
    assert problems(source, module)


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("from habits.services import habit_create", "reminders.tasks"),
        ("from habits import selectors, services", "integrations.services"),
        ("from habits.values import HabitFields", "habits.importers.services"),
        ("from ninja.security import SessionAuth", "users.auth"),
        ("from habits.models import Habit", "habits.services"),
        ("from config.api import api", "core.management.commands.export_openapi"),
    ],
)
def test_the_check_allows_imports_along_the_direction(source: str, module: str) -> None:
    assert problems(source, module) == []


@pytest.mark.parametrize("path", layer_modules(), ids=module_name)
def test_no_module_below_the_http_edge_imports_it(path: Path) -> None:
    assert problems(path.read_text(), module_name(path)) == []
