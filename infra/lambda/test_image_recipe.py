"""How the check reads the image's recipe: the Dockerfile, .dockerignore and wheel tags."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest
from check_dependencies import BACKEND, glibc_needed, platform_options
from dockerfile import (
    MIRRORED_PIP_OPTIONS,
    added_files,
    context_files,
    ignore_rules,
    instructions,
    is_ignored,
    pip_install_options,
    python_steps_after_copy,
    python_version,
    requirements_stage_steps,
    runtime_env,
    runtime_requirements,
    uv_export_command,
)

sys.path.insert(0, str(BACKEND / "deploy"))
from sdist_wheels import requirement_blocks, source_only, wheel_is_pure

RECIPE = """\
# syntax=docker/dockerfile:1
FROM public.ecr.aws/lambda/python:3.12 AS requirements
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /build
RUN uv export --frozen --no-dev \\
    # a comment inside the continued line
    --format requirements-txt -o requirements.txt
FROM public.ecr.aws/lambda/python:3.12
COPY --from=requirements /build/requirements.txt /tmp/requirements.txt
RUN pip install --no-cache-dir --require-hashes -r /tmp/requirements.txt --target "${LAMBDA_TASK_ROOT}" \\
    && rm /tmp/requirements.txt
RUN python -c "print(1)"
COPY . ${LAMBDA_TASK_ROOT}
ADD --chmod=0644 https://truststore.example/global-bundle.pem /opt/ca.pem
ENV DJANGO_SETTINGS_MODULE=config.settings DB_SSLROOTCERT=/opt/ca.pem
RUN DJANGO_ENV=development SECRET_KEY=x python manage.py collectstatic --noinput
RUN python -m compileall -q "${LAMBDA_TASK_ROOT}"
RUN curl -o /opt/other.pem https://example.invalid/other.pem
CMD ["config.lambda_handler.handler"]
"""


def test_it_joins_continued_lines_and_numbers_the_stages() -> None:
    steps = instructions(RECIPE)
    export = [step for step in steps if step.argument.startswith("uv export")]
    assert export[0].stage == 0
    assert "--format requirements-txt -o requirements.txt" in export[0].argument
    assert steps[-1].kind == "CMD"
    assert steps[-1].stage == 1


def test_it_reads_the_python_version_from_the_lambda_base_image() -> None:
    assert python_version(instructions(RECIPE)) == "3.12"
    with pytest.raises(ValueError, match="not an AWS Lambda Python base image"):
        python_version(instructions("FROM python:3.12-slim\n"))


def test_it_runs_the_uv_export_command_as_written() -> None:
    assert uv_export_command(instructions(RECIPE)) == [
        "uv",
        "export",
        "--frozen",
        "--no-dev",
        "--format",
        "requirements-txt",
        "-o",
        "requirements.txt",
    ]


def test_it_lists_the_options_of_the_runtime_pip_install() -> None:
    options = pip_install_options(instructions(RECIPE))
    assert options == {"--no-cache-dir", "--require-hashes", "-r", "--target"}
    changed = RECIPE.replace("--require-hashes", "--require-hashes --pre")
    assert pip_install_options(instructions(changed)) - MIRRORED_PIP_OPTIONS == {"--pre"}


def test_it_mirrors_only_the_python_steps_after_the_copy() -> None:
    python_runs, others = python_steps_after_copy(instructions(RECIPE))
    assert python_runs == [
        "DJANGO_ENV=development SECRET_KEY=x python manage.py collectstatic --noinput",
        'python -m compileall -q "${LAMBDA_TASK_ROOT}"',
    ]
    assert others == [
        'RUN python -c "print(1)"',
        "ADD --chmod=0644 https://truststore.example/global-bundle.pem /opt/ca.pem",
        "RUN curl -o /opt/other.pem https://example.invalid/other.pem",
    ]


def test_it_lists_the_files_added_outside_the_code() -> None:
    assert added_files(instructions(RECIPE)) == {
        "/opt/ca.pem": "https://truststore.example/global-bundle.pem"
    }


def test_it_reads_the_runtime_environment_of_the_last_stage() -> None:
    assert runtime_env(instructions(RECIPE)) == {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DB_SSLROOTCERT": "/opt/ca.pem",
    }


@pytest.mark.parametrize(
    ("pattern", "path", "ignored"),
    [
        ("**/tests", "core/tests/test_views.py", True),
        ("**/tests", "tests", True),
        ("**/tests", "core/tests_helpers.py", False),
        ("**/test_*.py", "habits/rules/test_streaks.py", True),
        ("**/*.py[cod]", "config/__pycache__/settings.cpython-312.pyc", True),
        ("**/*.py[cod]", "config/settings.py", False),
        ("var/", "var/db.sqlite3", True),
        ("var/", "core/var/file", False),
        (".env.*", ".env.production", True),
        ("*.log", "core/app.log", False),
        ("Dockerfile", "Dockerfile", True),
    ],
)
def test_it_matches_dockerignore_patterns_as_docker_does(
    pattern: str, path: str, ignored: bool
) -> None:
    assert is_ignored(ignore_rules(pattern), path) is ignored


def test_the_last_matching_pattern_wins_and_exceptions_are_kept() -> None:
    rules = ignore_rules("# comment\n*.md\n!README.md\n")
    assert is_ignored(rules, "CHANGES.md")
    assert not is_ignored(rules, "README.md")


def test_the_real_context_holds_the_application_and_no_tests(tmp_path: Path) -> None:
    for name in ("config/settings.py", "core/tests/test_x.py", ".venv/bin/python", "manage.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    rules = ignore_rules((BACKEND / ".dockerignore").read_text())
    assert sorted(str(path) for path in context_files(tmp_path, rules)) == [
        "config/settings.py",
        "manage.py",
    ]


@pytest.mark.parametrize(
    ("tags", "glibc"),
    [
        (["py3-none-any"], None),
        (["cp312-cp312-manylinux_2_17_aarch64", "cp312-cp312-manylinux2014_aarch64"], (2, 17)),
        (
            ["cp310-abi3-manylinux_2_26_aarch64", "cp310-abi3-manylinux_2_28_aarch64"],
            (2, 26),
        ),
        (["cp312-cp312-manylinux1_x86_64"], (2, 5)),
    ],
)
def test_it_reads_the_oldest_glibc_a_wheel_runs_on(
    tags: list[str], glibc: tuple[int, int] | None
) -> None:
    assert glibc_needed(tags) == glibc


def test_it_offers_pip_every_manylinux_tag_the_image_glibc_accepts() -> None:
    options = platform_options("arm64", "3.12")
    platforms = [options[i + 1] for i, option in enumerate(options) if option == "--platform"]
    assert platforms[0] == "manylinux_2_34_aarch64"
    assert "manylinux_2_28_aarch64" in platforms
    assert "manylinux2014_aarch64" in platforms
    assert "manylinux_2_35_aarch64" not in platforms
    assert options[0] == "--only-binary=:all:"
    assert options[-4:] == ["--python-version", "3.12", "--implementation", "cp"]


def test_the_runtime_installs_what_the_first_stage_built_from_the_real_dockerfile() -> None:
    steps = instructions((BACKEND / "Dockerfile").read_text())
    assert runtime_requirements(steps) == ("wheels/requirements.txt", "wheels")
    later = requirements_stage_steps(steps)
    assert [step.kind for step in later] == ["RUN", "COPY", "RUN"]
    assert later[-1].argument.startswith("python sdist_wheels.py requirements.txt")
    # Wheels only, so that the same requirements install on arm64 and x86_64.
    assert {"--only-binary=:all:", "--require-hashes"} <= pip_install_options(steps)


def test_the_recipe_without_a_build_step_installs_the_export_itself() -> None:
    steps = instructions(RECIPE)
    assert runtime_requirements(steps) == ("requirements.txt", None)
    assert requirements_stage_steps(steps) == []


def test_only_locked_packages_without_any_wheel_are_built() -> None:
    lock = {
        "package": [
            {"name": "http_ece", "version": "1.2.1", "sdist": {"hash": "sha256:" + "a" * 64}},
            {
                "name": "pywebpush",
                "version": "2.5.0",
                "sdist": {"hash": "sha256:" + "b" * 64},
                "wheels": [{"hash": "sha256:" + "c" * 64}],
            },
            {"name": "habit-tracker", "version": "0", "source": {"virtual": "."}},
        ]
    }
    assert source_only(lock) == {("http-ece", "1.2.1"): "a" * 64}


def test_requirement_blocks_keep_each_requirement_with_its_hash_lines() -> None:
    text = "# header\nhttp-ece==1.2.1 \\\n    --hash=sha256:aa\n    # via pywebpush\n"
    assert requirement_blocks(text) == [
        ["# header"],
        ["http-ece==1.2.1 \\", "    --hash=sha256:aa"],
        ["    # via pywebpush"],
    ]


@pytest.mark.parametrize(
    ("wheel_text", "pure"),
    [
        ("Root-Is-Purelib: true\nTag: py2-none-any\nTag: py3-none-any\n", True),
        ("Root-Is-Purelib: false\nTag: cp312-cp312-linux_x86_64\n", False),
        ("Root-Is-Purelib: true\nTag: cp312-abi3-linux_x86_64\n", False),
    ],
)
def test_a_wheel_built_from_source_must_be_pure_python(
    tmp_path: Path, wheel_text: str, pure: bool
) -> None:
    wheel = tmp_path / "x-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("x-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\n" + wheel_text)
    assert wheel_is_pure(wheel) is pure
