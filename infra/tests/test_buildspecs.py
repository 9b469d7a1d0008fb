"""The buildspecs the CodeBuild projects name exist and do what the pipelines promise."""

from __future__ import annotations

from typing import Any

import yaml
from conftest import INFRA, REPO


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
    commands = "\n".join(
        _buildspec("backend-deploy.yml")["phases"]["build"]["commands"]
    )
    assert "aws lambda update-function-code" in commands
    assert '{"manage":["migrate","--noinput"]}' in commands
    assert commands.index("update-function-code") < commands.index('"migrate"')


def test_the_frontend_is_synced_to_s3_and_invalidated() -> None:
    commands = "\n".join(_buildspec("frontend.yml")["phases"]["build"]["commands"])
    assert "aws s3 sync dist/" in commands
    assert "aws cloudfront create-invalidation" in commands


def test_there_are_three_pipelines(modules: dict[str, Any]) -> None:
    assert set(modules["cicd"]["locals"]["pipelines"]) == {
        "infrastructure",
        "backend",
        "frontend",
    }
