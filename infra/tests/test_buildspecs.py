"""The buildspecs the CodeBuild projects name exist and do what the pipelines promise."""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from conftest import INFRA, REPO

APP_ROLE = '{"manage":["create_app_role"]}'


def _buildspec(name: str) -> dict[str, Any]:
    return dict(yaml.safe_load((INFRA / "buildspec" / name).read_text()))


def test_every_codebuild_project_names_an_existing_buildspec(
    modules: dict[str, Any],
) -> None:
    projects = modules["cicd"]["locals"]["projects"]
    assert len(projects) == 5
    for project in projects.values():
        path = REPO / project["buildspec"]
        assert path.is_file(), path
        assert _buildspec(path.name)["version"] == 0.2


def test_the_backend_deploy_migrates_through_a_direct_invocation() -> None:
    commands = "\n".join(_buildspec("backend-deploy.yml")["phases"]["build"]["commands"])
    assert "aws lambda update-function-code" in commands
    assert '{"manage":["migrate","--noinput"]}' in commands
    assert commands.index("update-function-code") < commands.index('"migrate"')


def _deploy_commands() -> list[str]:
    return list(_buildspec("backend-deploy.yml")["phases"]["build"]["commands"])


def test_the_backend_deploy_creates_the_app_role_after_migrating() -> None:
    commands = "\n".join(_deploy_commands())
    # After migrate: the role's grants name the tables migrate has just created.
    assert commands.index('"migrate"') < commands.index(APP_ROLE)
    (invoke,) = [c for c in _deploy_commands() if APP_ROLE in c]
    assert '--function-name "${LAMBDA_FUNCTION_NAME}"' in invoke
    assert invoke.rstrip().endswith("app-role.json > invoke.json")


def _app_role_check(tmp_path: Path, answer: dict[str, Any]) -> int:
    """Run the buildspec's check of the create_app_role answer; its exit code."""
    (check,) = [c for c in _deploy_commands() if 'open("app-role.json")' in c]
    (tmp_path / "app-role.json").write_text(json.dumps(answer))
    return subprocess.run(
        ["sh", "-c", check], cwd=tmp_path, capture_output=True, check=False
    ).returncode


def _create_app_role_without_an_app_secret(tmp_path: Path) -> dict[str, Any]:
    """The handler's answer to {"manage": ["create_app_role"]} in the lean profile, which
    connects with DATABASE_URL and has no application secret."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DB_", "AWS_", "SSM_")) and k != "DATABASE_URL"
    }
    env |= {"DJANGO_ENV": "development", "VAR_DIR": str(tmp_path / "var")}
    code = (
        "import json\n"
        "from config.lambda_handler import handler\n"
        'print(json.dumps(handler({"manage": ["create_app_role"]}, None)))\n'
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO / "backend",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout.splitlines()[-1]))


def test_the_app_role_step_fails_the_deploy_unless_the_role_was_made_or_is_not_used(
    tmp_path: Path,
) -> None:
    made = {"ok": True, "output": "role habits_app: created"}
    assert _app_role_check(tmp_path, made) == 0
    assert _app_role_check(tmp_path, {"ok": False, "output": "permission denied"}) == 1
    assert _app_role_check(tmp_path, {"errorMessage": "Task timed out"}) == 1
    # The lean profile: the command's own answer, which must not fail the pipeline.
    lean = _create_app_role_without_an_app_secret(tmp_path)
    assert lean["ok"] is False
    assert _app_role_check(tmp_path, lean) == 0


def test_the_frontend_is_synced_to_s3_and_invalidated() -> None:
    commands = "\n".join(_buildspec("frontend.yml")["phases"]["build"]["commands"])
    assert "aws s3 sync dist/" in commands
    assert "aws cloudfront create-invalidation" in commands


def test_only_hashed_assets_are_immutable_and_every_fixed_name_is_revalidated() -> None:
    # A browser looks for a new service worker at /sw.js: cached for a year at CloudFront's
    # edge, it would keep every installed app on its old build. Vite hashes only what it
    # writes under assets/; the rest of the build (public/, sw.js, index.html) has fixed names.
    commands = _buildspec("frontend.yml")["phases"]["build"]["commands"]
    immutable = [c for c in commands if "immutable" in c]
    assert immutable, "the hashed assets should be cached for a year"
    assert all(c.startswith("aws s3 sync dist/assets/ ") for c in immutable), immutable
    (invalidation,) = [c for c in commands if "create-invalidation" in c]
    paths = [p.strip('"') for p in invalidation.split("--paths", 1)[1].split()]
    fixed = ["index.html", "sw.js"] + [
        str(f.relative_to(REPO / "frontend" / "public"))
        for f in (REPO / "frontend" / "public").rglob("*")
        if f.is_file()
    ]
    for name in fixed:
        assert any(fnmatch.fnmatch("/" + name, p) for p in paths), f"/{name} is not invalidated"
        uploads = [c for c in commands if c.startswith("aws s3 ") and "no-cache" in c]
        assert any(
            f"dist/{name} " in c or ("sync dist/ " in c and f"--exclude {name}" not in c)
            for c in uploads
        ), f"{name} is not uploaded with no-cache"
    (manifest,) = [c for c in commands if "dist/manifest.webmanifest" in c]
    assert "application/manifest+json" in manifest


def test_there_are_three_pipelines(modules: dict[str, Any]) -> None:
    assert set(modules["cicd"]["locals"]["pipelines"]) == {
        "infrastructure",
        "backend",
        "frontend",
    }
