"""Read the Lambda image's build recipe: the Dockerfile's instructions and .dockerignore.

`check.py` mirrors the image build step by step without Docker; this module is what it reads
the steps from, so that the mirror follows the Dockerfile instead of a copy of it. Pure: no
subprocess, no network, tested by `test_dockerfile.py` beside it.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Instruction:
    kind: str  # FROM, RUN, COPY, ENV, ...
    argument: str
    stage: int  # 0 for the first FROM


def instructions(text: str) -> list[Instruction]:
    """The Dockerfile's instructions, continuation lines joined and comments dropped."""
    logical: list[str] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):  # a comment inside a continued instruction
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    if pending.strip():
        logical.append(pending)
    result: list[Instruction] = []
    stage = -1
    for line in logical:
        kind, _, argument = line.partition(" ")
        kind = kind.upper()
        if kind == "FROM":
            stage += 1
        result.append(Instruction(kind, " ".join(argument.split()), max(stage, 0)))
    return result


def python_version(steps: list[Instruction]) -> str:
    """The Python version of the runtime image, from the last FROM's Lambda base image tag."""
    base = [step.argument.split()[0] for step in steps if step.kind == "FROM"][-1]
    match = re.fullmatch(r"public\.ecr\.aws/lambda/python:(\d+\.\d+)(?:[.-].*)?", base)
    if not match:
        raise ValueError(f"the runtime image {base!r} is not an AWS Lambda Python base image")
    return match.group(1)


def runtime_env(steps: list[Instruction]) -> dict[str, str]:
    """ENV of the last stage (only the KEY=value form; the legacy `ENV KEY value` too)."""
    last = steps[-1].stage
    env: dict[str, str] = {}
    for step in steps:
        if step.stage != last or step.kind != "ENV":
            continue
        words = shlex.split(step.argument)
        if words and "=" not in words[0] and len(words) >= 2:
            env[words[0]] = " ".join(words[1:])
            continue
        for word in words:
            key, _, value = word.partition("=")
            env[key] = value
    return env


def uv_export_command(steps: list[Instruction]) -> list[str]:
    """The `uv export ...` command the image turns uv.lock into requirements with."""
    for step in steps:
        if step.kind == "RUN" and step.argument.startswith("uv export "):
            return shlex.split(step.argument)
    raise ValueError("the Dockerfile has no `RUN uv export ...` step")


def requirements_stage_steps(steps: list[Instruction]) -> list[Instruction]:
    """The first stage's COPY and RUN steps after its `uv export` of the requirements: what
    turns the export into what the runtime stage installs (the wheels built from sdists)."""
    first = [step for step in steps if step.stage == 0]
    for index, step in enumerate(first):
        if step.kind == "RUN" and step.argument.startswith("uv export "):
            return [later for later in first[index + 1 :] if later.kind in {"RUN", "COPY"}]
    raise ValueError("the Dockerfile has no `RUN uv export ...` step")


def runtime_requirements(steps: list[Instruction]) -> tuple[str, str | None]:
    """The requirements file and the --find-links folder the runtime stage's `pip install`
    reads, as paths relative to the first stage's WORKDIR they are copied from."""
    last = steps[-1].stage
    workdir = "/"
    copied: dict[str, str] = {}  # destination in the runtime stage -> source in the first
    words: list[str] = []
    for step in steps:
        if step.stage == 0 and step.kind == "WORKDIR":
            workdir = step.argument.strip()
        elif step.stage == last and step.kind == "COPY" and step.argument.startswith("--from="):
            parts = shlex.split(step.argument)
            copied[parts[-1].rstrip("/")] = parts[-2].rstrip("/")
        elif step.stage == last and step.kind == "RUN" and "pip install" in step.argument:
            words = words or shlex.split(step.argument.split("&&")[0])

    def source(path: str) -> str:
        for destination, origin in copied.items():
            if path == destination or path.startswith(destination + "/"):
                return os.path.relpath(origin + path[len(destination) :], workdir)
        raise ValueError(f"{path} is not copied from the first stage")

    requirements = source(words[words.index("-r") + 1])
    links = source(words[words.index("--find-links") + 1]) if "--find-links" in words else None
    return requirements, links


def pinned_uv(steps: list[Instruction]) -> str | None:
    for step in steps:
        match = re.search(r"\buv==([\w.]+)", step.argument) if step.kind == "RUN" else None
        if match:
            return match.group(1)
    return None


# The options of the image's `pip install` that the mirror reproduces (it always installs wheels
# only, and passes --no-compile on when the image uses it); another one means the image installs
# differently and the check has to learn it first.
MIRRORED_PIP_OPTIONS = {
    "--no-cache-dir",
    "--require-hashes",
    "-r",
    "--target",
    "--only-binary=:all:",
    "--find-links",
    "--no-compile",
}


def pip_install_options(steps: list[Instruction]) -> set[str]:
    """The options of the runtime stage's `pip install` of the requirements file."""
    last = steps[-1].stage
    for step in steps:
        if step.kind != "RUN" or step.stage != last or "pip install" not in step.argument:
            continue
        command = step.argument.split("&&")[0]
        words = shlex.split(command)
        return {word for word in words[words.index("install") + 1 :] if word.startswith("-")}
    raise ValueError("the runtime stage has no `RUN pip install ...` step")


def python_steps_after_copy(steps: list[Instruction]) -> tuple[list[str], list[str]]:
    """The runtime stage's RUN steps after the application code is copied that only run Python
    (mirrored as they are), and every other step that puts something into the image besides
    the requirements' install and the code (reported, not mirrored)."""
    last = steps[-1].stage
    copied = False
    python_runs: list[str] = []
    others: list[str] = []
    for step in steps:
        if step.stage != last or step.kind not in {"RUN", "ADD", "COPY"}:
            continue
        words = step.argument.split()
        if step.kind == "COPY" and words[0] == ".":
            copied = True
        elif step.kind == "COPY" and words[0].startswith("--from="):
            continue  # the requirements file from the first stage
        elif step.kind == "RUN" and "pip install" in step.argument and "-r " in step.argument:
            continue  # the requirements' install, mirrored with its own options
        elif step.kind == "RUN" and copied and _runs_only_python(step.argument):
            python_runs.append(step.argument)
        else:
            others.append(f"{step.kind} {step.argument}")
    if not copied:
        raise ValueError("the runtime stage never runs `COPY . ${LAMBDA_TASK_ROOT}`")
    return python_runs, others


def added_files(steps: list[Instruction]) -> dict[str, str]:
    """destination -> source of the runtime stage's ADD and COPY steps other than the code and
    the requirements file: files the mirror cannot put at the same place."""
    last = steps[-1].stage
    added: dict[str, str] = {}
    for step in steps:
        if step.stage != last or step.kind not in {"ADD", "COPY"}:
            continue
        words = [word for word in shlex.split(step.argument) if not word.startswith("--")]
        if len(words) >= 2 and words[0] != "." and not step.argument.startswith("--from="):
            added[words[-1]] = " ".join(words[:-1])
    return added


def _runs_only_python(command: str) -> bool:
    if any(token in command for token in ("&&", "||", ";", "|", "`", "$(")):
        return False
    words = shlex.split(command)
    while words and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]):
        words.pop(0)
    return bool(words) and words[0] in {"python", "python3"}


# --- .dockerignore -----------------------------------------------------------------------------


@dataclass(frozen=True)
class IgnoreRule:
    regex: re.Pattern[str]
    negated: bool


def ignore_rules(text: str) -> list[IgnoreRule]:
    """Parse .dockerignore the way Docker does: comments, `!` exceptions, `**`, cleaned paths."""
    rules: list[IgnoreRule] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = line[1:].strip() if negated else line
        pattern = "/".join(part for part in pattern.strip("/").split("/") if part not in {"", "."})
        if pattern:
            rules.append(IgnoreRule(re.compile(_pattern_regex(pattern)), negated))
    return rules


def _pattern_regex(pattern: str) -> str:
    out = ["^"]
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif char == "*":
            out.append("[^/]*")
            index += 1
        elif char == "?":
            out.append("[^/]")
            index += 1
        elif char == "[":
            end = pattern.find("]", index + 1)
            if end == -1:
                out.append(re.escape(char))
                index += 1
            else:
                body = pattern[index + 1 : end]
                out.append("[^" + body[1:] + "]" if body.startswith("^") else "[" + body + "]")
                index = end + 1
        else:
            out.append(re.escape(char))
            index += 1
    out.append("$")
    return "".join(out)


def is_ignored(rules: list[IgnoreRule], path: str) -> bool:
    """Whether Docker leaves `path` (relative, `/`-separated) out of the build context.

    As in Docker, a pattern that matches one of the path's parent folders matches the path,
    and the last matching pattern wins.
    """
    parts = path.split("/")
    prefixes = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    ignored = False
    for rule in rules:
        if any(rule.regex.match(prefix) for prefix in prefixes):
            ignored = not rule.negated
    return ignored


def context_files(root: Path, rules: list[IgnoreRule]) -> Iterator[Path]:
    """The files of the build context `root` that `COPY .` copies, as paths relative to it."""
    prune = not any(rule.negated for rule in rules)
    for folder, dirs, files in os.walk(root):
        relative = Path(folder).relative_to(root)
        if prune:
            dirs[:] = [name for name in dirs if not is_ignored(rules, (relative / name).as_posix())]
        for name in files:
            path = relative / name
            if not is_ignored(rules, path.as_posix()):
                yield path
