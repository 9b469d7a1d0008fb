"""`make test-lambda`: the Lambda image's locked dependency set, proven without Docker.

The image (backend/Dockerfile) cannot be built here: there is no Docker engine and its base
image's registry is out of reach. This check does what can be done without them, reading each
step from the Dockerfile itself so that it follows the image instead of a copy of it:

1. `uv export` with the Dockerfile's own flags turns uv.lock into the hashed requirements, and
   the rest of the image's first stage runs as written: the locked packages PyPI has only as
   source (http-ece, from pywebpush) are built into wheels by backend/deploy/sdist_wheels.py
   from their sdists, checked against the lock's hashes, with setuptools hash-checked from the
   lock's lambda-build group; each must come out pure Python (`none-any`, else this fails),
   and enters the requirements with the built wheel's hash. Why: the image, like this check,
   installs wheels only (`--only-binary=:all:`), the one way pip installs for a platform other
   than its own; a pure wheel built here is the very file arm64 and x86_64 install, so the
   steps below still prove both platforms, and `--require-hashes` still covers every file.
2. linux/arm64, the function's architecture: pip resolves and installs those requirements with
   `--require-hashes` for CPython of the image's version on the platforms the image's glibc
   (Amazon Linux 2023, 2.34) accepts, wheels only, into a clean task root; every compiled
   extension must be an AArch64 ELF file.
3. This machine's platform (x86_64), same resolution, into a clean task root like /var/task:
   the application is copied as `COPY . ${LAMBDA_TASK_ROOT}` copies it (.dockerignore applied),
   and the image's Python steps (collectstatic, compileall) run as written. Steps it cannot
   run (an ADD from the network) are listed; a CA bundle the image adds and names in its ENV
   is stood in for by botocore's, from the locked set.
4. With the image's Python (3.12 from pyenv here), PYTHONPATH set to that task root and nothing
   else, `config.lambda_handler` is imported in fresh processes with production settings and
   answers an API Gateway HTTP API v2 `GET /staging/health/` event with 200, then direct
   invocations of `check --deploy` (no issues) and `migrate --noinput`; once with the settings
   in the environment, once read from Secrets Manager and SSM (a local moto server) as the
   deployed function reads them.

Downloads are kept in var/lambda/wheels/ (keyed by their hashes in uv.lock), so a repeated run
resolves offline. Where no Python of the image's version exists, the check says so and runs
steps 1 and 2 with another Python's pip.

    backend/.venv/bin/python infra/lambda/check_dependencies.py [--build-only]

Environment: DATABASE_URL (PostgreSQL; without it the production checks run on SQLite and
expect the one warning that says so), REDIS_URL, LAMBDA_PYTHON (the interpreter to use),
LAMBDA_CHECK_DIR (instead of var/lambda).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import dockerfile as recipe  # noqa: E402

REPO = HERE.parent.parent
BACKEND = REPO / "backend"
WORK = Path(os.environ.get("LAMBDA_CHECK_DIR") or REPO / "var" / "lambda")
EVENT = BACKEND / "core" / "tests" / "fixtures" / "apigw_health.json"
PROBE = HERE / "probe.py"
# public.ecr.aws/lambda/python:3.12 is Amazon Linux 2023, whose glibc is 2.34: its pip accepts
# manylinux wheels for glibc 2.34 and older.
GLIBC_MINOR = 34
MACHINES = {"arm64": ("aarch64", 183), "x86_64": ("x86_64", 62)}  # ELF e_machine
HASH = re.compile(r"--hash=sha256:([0-9a-f]{64})")
ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
# What the Terraform stack writes into SSM besides the RDS-managed secret (module params).
SSM_SETTINGS = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "VAPID_PRIVATE_KEY",
    "VAPID_SUBJECT",
)

_started = time.monotonic()


class CheckFailed(Exception):
    pass


def step(title: str) -> None:
    print(f"\n==> {title} (at {time.monotonic() - _started:.0f}s)", flush=True)


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    # Every command is built in this file from fixed names and paths, never from input.
    return subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]  # noqa: S603


def quiet(output: str) -> str:
    # The machine's pip configuration names an extra index that holds nothing for most names.
    lines = [line for line in output.splitlines() if "is ignored: it is neither" not in line]
    return "\n".join(lines[-60:])


# --- the interpreters ---------------------------------------------------------------------------


def python_version_of(executable: str) -> str | None:
    try:
        result = run([executable, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def find_python(version: str) -> str | None:
    """An interpreter of the image's Python version on this machine; never downloads one."""
    candidates: list[str] = []
    if os.environ.get("LAMBDA_PYTHON"):
        candidates.append(os.environ["LAMBDA_PYTHON"])
    pyenv_root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    found = pyenv_root.glob(f"versions/{version}.*/bin/python{version}")
    candidates += sorted(
        (str(path) for path in found),
        key=lambda path: [int(part) for part in re.findall(r"\d+", path.split("/versions/")[1])],
        reverse=True,
    )
    candidates += [
        shutil.which(f"python{version}") or "",
        f"/usr/local/bin/python{version}",
        f"/usr/bin/python{version}",
    ]
    if shutil.which("uv"):
        result = run(["uv", "python", "find", "--no-python-downloads", version])
        candidates.append(result.stdout.strip() if result.returncode == 0 else "")
    for candidate in candidates:
        if candidate and python_version_of(candidate) == version:
            return candidate
    return None


def pip_python(preferred: str | None) -> str:
    for candidate in [preferred, shutil.which("python3"), sys.executable]:
        if candidate and run([candidate, "-m", "pip", "--version"]).returncode == 0:
            return candidate
    raise CheckFailed("no Python with pip on this machine")


def pip(python: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = os.environ | {
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_ROOT_USER_ACTION": "ignore",
        "PIP_NO_INPUT": "1",
    }
    return run([python, "-m", "pip", *arguments], env=environment)


# --- 1. requirements ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Requirements:
    path: Path
    pins: dict[str, str]  # normalised name -> version
    markers: dict[str, str]  # name -> environment marker, for those that have one
    hashes: frozenset[str]
    built: tuple[Path, ...] = ()  # wheels the image's first stage builds from sdists


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def export_requirements(steps: list[recipe.Instruction], python: str) -> Requirements:
    command = recipe.uv_export_command(steps)
    build = WORK / "build"
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    # COPY pyproject.toml uv.lock ./ and the image's `uv export` as written.
    for name in ("pyproject.toml", "uv.lock"):
        shutil.copy2(BACKEND / name, build / name)
    uv = shutil.which("uv")
    if uv is None:
        raise CheckFailed("uv is not installed (make venv installs it)")
    local = run([uv, "--version"]).stdout.split()[1]
    pinned = recipe.pinned_uv(steps)
    if pinned and pinned != local:
        print(f"note: the image pins uv {pinned}, this machine has uv {local}")
    result = run([uv, *command[1:]], cwd=build)
    if result.returncode != 0:
        raise CheckFailed(f"{' '.join(command)} failed:\n{result.stderr}")
    output = build / command[command.index("-o") + 1]
    print(f"{' '.join(command)}: {len(HASH.findall(output.read_text()))} hashes")
    built = build_requirements_stage(steps, build, python, uv)
    relative, links = recipe.runtime_requirements(steps)
    output = build / relative
    text = output.read_text()
    pins: dict[str, str] = {}
    markers: dict[str, str] = {}
    for line in text.splitlines():
        match = re.match(
            r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ ;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$", line
        )
        if match:
            name = normalise(match.group(1))
            pins[name] = match.group(2)
            if match.group(3):
                markers[name] = match.group(3).strip()
    print(f"{relative}, as the image installs it: {len(pins)} pinned packages with their hashes")
    if any("platform_machine" in marker for marker in markers.values()):
        print("note: a marker names platform_machine; pip evaluates it for this machine")
    wheels = tuple(sorted((build / links).glob("*.whl"))) if links else ()
    if {wheel.name for wheel in wheels} != {wheel.name for wheel in built}:
        raise CheckFailed(f"the runtime's --find-links {links} holds {wheels}, not {built}")
    return Requirements(output, pins, markers, frozenset(HASH.findall(text)), wheels)


def build_requirements_stage(
    steps: list[recipe.Instruction], build: Path, python: str, uv: str
) -> list[Path]:
    """The first stage's steps after `uv export`, in the same folder: the locked packages that
    PyPI has only as source are built into wheels (backend/deploy/sdist_wheels.py) from their
    hash-checked sdists, with hash-checked setuptools, and enter the requirements with the built
    wheel's hash. The image installs wheels only so that one recipe serves both architectures:
    a wheel built here can stand in for arm64's only if it is pure Python, so the check fails on
    any built wheel that is not `none-any` (the script refuses those too). Downloads are kept
    in var/lambda/wheels/sdist-build so that a repeated run works offline, as the fetch does."""
    cache = WORK / "wheels" / "sdist-build"
    cache.mkdir(parents=True, exist_ok=True)
    before = set(build.rglob("*.whl"))
    for instruction in recipe.requirements_stage_steps(steps):
        words = shlex.split(instruction.argument)
        if instruction.kind == "COPY":
            *sources, destination = [word for word in words if not word.startswith("--")]
            for source in sources:
                target = build / destination
                if destination.endswith("/"):
                    target = target / Path(source).name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(BACKEND / source, target)
            continue
        if words[0] == "uv":
            result = run([uv, *words[1:]], cwd=build)
        elif words[0] in {"python", "python3"}:
            keep = ["--download-dir", str(cache)]
            offline = ["--no-index", "--find-links", str(cache / "downloads")]
            result = run([python, *words[1:], *keep, *offline], cwd=build)
            if result.returncode != 0:
                result = run([python, *words[1:], *keep], cwd=build)
        else:
            raise CheckFailed(f"the requirements stage runs `{instruction.argument}`, not mirrored")
        if result.returncode != 0:
            raise CheckFailed(
                f"RUN {instruction.argument} failed:\n{quiet(result.stdout + result.stderr)}"
            )
        shown = result.stdout.splitlines() if words[0] != "uv" else []  # uv echoes its file
        print(f"RUN {instruction.argument}: ok" + "".join(f"\n  {line}" for line in shown))
    built = sorted(set(build.rglob("*.whl")) - before)
    impure = [wheel.name for wheel in built if not wheel.name.endswith("-none-any.whl")]
    if impure:
        raise CheckFailed(f"wheels built from sdists must be pure Python for arm64 too: {impure}")
    return built


# --- 2 and 3. resolve, fetch and install for a platform ---------------------------------------


def platform_options(arch: str, version: str) -> list[str]:
    machine = MACHINES[arch][0]
    tags = [f"manylinux_2_{minor}_{machine}" for minor in range(GLIBC_MINOR, 4, -1)]
    tags.append(f"manylinux2014_{machine}")
    options = ["--only-binary=:all:"]
    for tag in tags:
        options += ["--platform", tag]
    return [*options, "--python-version", version, "--implementation", "cp"]


def fetch(python: str, arch: str, version: str, requirements: Requirements) -> Path:
    """Download the wheels pip picks for the platform into a cache folder, offline if it can."""
    wheelhouse = WORK / "wheels" / f"linux-{arch}-cp{version.replace('.', '')}"
    wheelhouse.mkdir(parents=True, exist_ok=True)
    for wheel in requirements.built:  # pure wheels built from sdists, by their new hashes
        shutil.copy2(wheel, wheelhouse / wheel.name)
    common = [
        *platform_options(arch, version),
        "--require-hashes",
        "-r",
        str(requirements.path),
        "-d",
        str(wheelhouse),
    ]
    started = time.monotonic()
    offline = pip(python, "download", "--no-index", "--find-links", str(wheelhouse), *common)
    if offline.returncode == 0:
        source = "from the wheel cache, offline"
    else:
        online = pip(python, "download", "--find-links", str(wheelhouse), *common)
        if online.returncode != 0:
            raise CheckFailed(
                f"pip cannot resolve the locked set for linux/{arch}:\n{quiet(online.stdout + online.stderr)}"
            )
        source = "downloaded"
    # The cache keeps only files that the lock names, so it cannot grow without bound.
    for wheel in wheelhouse.iterdir():
        if hashlib.sha256(wheel.read_bytes()).hexdigest() not in requirements.hashes:
            wheel.unlink()
    print(f"linux/{arch}: resolved, {source}, in {time.monotonic() - started:.1f}s")
    return wheelhouse


def install(
    python: str,
    arch: str,
    version: str,
    requirements: Requirements,
    wheelhouse: Path,
    image_options: set[str],
) -> Path:
    """`pip install --require-hashes -r ... --target` into a clean folder, as the image does."""
    target = WORK / f"linux-{arch}" / "task"
    started = time.monotonic()
    shutil.rmtree(target.parent, ignore_errors=True)
    target.mkdir(parents=True)
    result = pip(
        python,
        "install",
        *sorted(image_options & {"--no-compile"}),
        "--no-index",
        "--find-links",
        str(wheelhouse),
        *platform_options(arch, version),
        "--require-hashes",
        "-r",
        str(requirements.path),
        "--target",
        str(target),
    )
    if result.returncode != 0:
        raise CheckFailed(
            f"pip install for linux/{arch} failed:\n{quiet(result.stdout + result.stderr)}"
        )
    print(f"linux/{arch}: installed into {target} in {time.monotonic() - started:.1f}s")
    return target


def installed_wheels(target: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, wheel tags) of every distribution in a task root."""
    found: dict[str, tuple[str, list[str]]] = {}
    for info in target.glob("*.dist-info"):
        metadata = (info / "METADATA").read_text(errors="replace")
        name = re.search(r"^Name: (.+)$", metadata, re.M)
        version = re.search(r"^Version: (.+)$", metadata, re.M)
        tags = re.findall(r"^Tag: (.+)$", (info / "WHEEL").read_text(), re.M)
        if name and version:
            found[normalise(name.group(1).strip())] = (version.group(1).strip(), tags)
    return found


def glibc_needed(tags: list[str]) -> tuple[int, int] | None:
    """The oldest glibc a wheel says it runs on; None for a pure-Python wheel."""
    versions = []
    for tag in tags:
        platform = tag.split("-")[-1]
        if platform == "any":
            return None
        match = re.match(r"manylinux_(\d+)_(\d+)_", platform)
        if match:
            versions.append((int(match.group(1)), int(match.group(2))))
        legacy = {"manylinux2014": (2, 17), "manylinux2010": (2, 12), "manylinux1": (2, 5)}
        for prefix, glibc in legacy.items():
            if platform.startswith(prefix + "_"):
                versions.append(glibc)
    return min(versions) if versions else None


def verify_target(arch: str, target: Path, requirements: Requirements) -> dict[str, str]:
    wheels = installed_wheels(target)
    expected = {name: version for name, version in requirements.pins.items() if name in wheels}
    wrong = {
        name: (wheels[name][0], version)
        for name, version in expected.items()
        if wheels[name][0] != version
    }
    missing = sorted(set(requirements.pins) - set(wheels))
    unexplained = [name for name in missing if name not in requirements.markers]
    extra = sorted(set(wheels) - set(requirements.pins))
    if wrong or unexplained or extra:
        raise CheckFailed(
            f"linux/{arch}: the installed set differs from the lock: versions {wrong}, "
            f"missing {unexplained}, not in the lock {extra}"
        )
    skipped = ", ".join(f"{name} ({requirements.markers[name]})" for name in missing)
    print(
        f"linux/{arch}: {len(wheels)} distributions at the locked versions"
        + (f"; left out by their markers: {skipped}" if skipped else "")
    )
    # What the platform has to provide: the newest glibc any chosen wheel needs.
    needs = {
        name: glibc
        for name, (_, tags) in wheels.items()
        if (glibc := glibc_needed(tags)) is not None
    }
    newest = max(needs.values()) if needs else (2, 17)
    beyond_2014 = sorted(
        f"{name} (glibc {a}.{b})" for name, (a, b) in needs.items() if (a, b) > (2, 17)
    )
    print(
        f"linux/{arch}: {len(needs)} wheels with compiled code; they need glibc {newest[0]}.{newest[1]}"
        f" (the image has 2.{GLIBC_MINOR})"
        + (f"; newer than manylinux2014: {', '.join(beyond_2014)}" if beyond_2014 else "")
    )
    if newest > (2, GLIBC_MINOR):
        raise CheckFailed(f"linux/{arch}: a wheel needs glibc {newest}, newer than the image's")
    machine, elf_machine = MACHINES[arch]
    libraries = [path for path in target.rglob("*.so*") if path.is_file()]
    foreign = []
    for library in libraries:
        header = library.read_bytes()[:20]
        if header[:4] != b"\x7fELF" or int.from_bytes(header[18:20], "little") != elf_machine:
            foreign.append(str(library.relative_to(target)))
    if not libraries or foreign:
        raise CheckFailed(f"linux/{arch}: not {machine} ELF: {foreign or 'no libraries at all'}")
    print(f"linux/{arch}: all {len(libraries)} shared libraries are {machine} ELF files")
    return {name: version for name, (version, _) in wheels.items()}


# --- 3. the application, as COPY and the image's Python steps leave it --------------------------


def copy_application(target: Path) -> int:
    rules = recipe.ignore_rules((BACKEND / ".dockerignore").read_text())
    count = 0
    for relative in recipe.context_files(BACKEND, rules):
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(BACKEND / relative, destination)
        count += 1
    return count


def shim_folder(python: str) -> Path:
    """A folder whose `python` is the image's Python, for the Dockerfile's RUN lines."""
    folder = WORK / "bin"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("python", "python3"):
        link = folder / name
        link.unlink(missing_ok=True)
        link.symlink_to(python)
    return folder


def stand_ins(steps: list[recipe.Instruction], target: Path) -> dict[str, tuple[str, str]]:
    """Image ENV values that name a file the image ADDs from elsewhere (the mirror cannot fetch
    it): name -> (local stand-in of the same kind, what the image adds there)."""
    added = recipe.added_files(steps)
    found: dict[str, tuple[str, str]] = {}
    for name, value in recipe.runtime_env(steps).items():
        if value not in added:
            continue
        if not value.endswith((".pem", ".crt")):
            raise CheckFailed(
                f"the image's {name}={value} is added by `{added[value]}`; "
                "this check has no stand-in for it"
            )
        # A CA bundle: botocore's, from the locked set itself.
        found[name] = (str(target / "botocore" / "cacert.pem"), f"{value} from {added[value]}")
    return found


def image_environment(steps: list[recipe.Instruction], target: Path, home: Path) -> dict[str, str]:
    """What a process in the image starts with: no virtualenv, no user site, the task root."""
    environment = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TZ": ":UTC",
        "LAMBDA_TASK_ROOT": str(target),
        **recipe.runtime_env(steps),
    }
    for name, (local, _) in stand_ins(steps, target).items():
        environment[name] = local
    return environment


def build_application(python: str, steps: list[recipe.Instruction], target: Path) -> None:
    copied = copy_application(target)
    print(f"COPY . ${{LAMBDA_TASK_ROOT}}: {copied} files (.dockerignore applied)")
    python_runs, others = recipe.python_steps_after_copy(steps)
    with tempfile.TemporaryDirectory() as home:
        environment = image_environment(steps, target, Path(home))
        environment["PATH"] = f"{shim_folder(python)}:{environment['PATH']}"
        for command in python_runs:
            started = time.monotonic()
            result = run(["bash", "-c", command], cwd=target, env=environment)
            if result.returncode != 0:
                raise CheckFailed(f"RUN {command} failed:\n{result.stdout}\n{result.stderr}")
            print(f"RUN {command}: ok in {time.monotonic() - started:.1f}s")
    for other in others:
        print(f"not mirrored (needs Docker or the network): {other}")
    for name, (local, image) in stand_ins(steps, target).items():
        print(f"{name}: the image's {image}; here a stand-in, {local}")


# --- 4. the handler, in fresh processes of the image's Python -----------------------------------


@dataclass(frozen=True)
class Services:
    database_url: str
    redis_url: str

    @property
    def postgres(self) -> bool:
        return urlparse(self.database_url).scheme in {"postgres", "postgresql", "pgsql"}


def services(scratch: Path) -> Services:
    database_url = os.environ.get("DATABASE_URL", "")
    if urlparse(database_url).scheme not in {"postgres", "postgresql", "pgsql"}:
        print("DATABASE_URL names no PostgreSQL database: the production checks run on SQLite")
        database_url = f"sqlite:///{scratch / 'lambda.sqlite3'}"
    return Services(database_url, os.environ.get("REDIS_URL", ""))


def production_settings(event: dict[str, object]) -> dict[str, str]:
    host = str(event["headers"]["host"])  # type: ignore[index]
    return {
        "DJANGO_ENV": "production",
        "API_STAGE": str(event["requestContext"]["stage"]),  # type: ignore[index]
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": host,
        "CSRF_TRUSTED_ORIGINS": f"https://{host}",
        # Production warns (habits.W003) when e-mail would only reach the log.
        "EMAIL_BACKEND": "smtp",
        # Web Push (reminders.E001), as Terraform provides it (module params): 43 random letters
        # and digits, a raw base64url P-256 key; the subject is the site.
        "VAPID_PRIVATE_KEY": "".join(secrets.choice(ALPHANUMERIC) for _ in range(43)),
        "VAPID_SUBJECT": f"https://{host}",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_LAMBDA_FUNCTION_NAME": "habit-tracker-api",
        # The Lambda file system is read-only: nothing may write bytecode at run time.
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def probe(
    python: str, target: Path, environment: dict[str, str], *arguments: str
) -> dict[str, object]:
    result = run(
        [python, "-P", str(PROBE), str(EVENT), *arguments],
        cwd=target,
        env=environment | {"PYTHONPATH": str(target)},
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise CheckFailed(f"the handler failed under {python}:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def expect_answers(
    label: str, answer: dict[str, object], target: Path, allowed_warnings: set[str]
) -> None:
    if Path(str(answer["task_root"])) != target.resolve():
        raise CheckFailed(f"{label}: Django came from {answer['task_root']}, not {target}")
    if answer["outside"]:
        raise CheckFailed(f"{label}: modules from outside the task root: {answer['outside']}")
    body = json.loads(str(answer["body"]))
    if answer["status"] != 200 or body.get("database") != "ok" or body.get("cache") != "ok":
        raise CheckFailed(f"{label}: GET /staging/health/ answered {answer['status']} {body}")
    print(
        f"{label}: GET /staging/health/ -> 200 {body} "
        f"(import {answer['import_ms']:.0f} ms, first request {answer['first_request_ms']:.0f} ms)"
    )
    for command in answer["manage"]:  # type: ignore[attr-defined]
        argv = " ".join(command["argv"])
        output = command["output"].strip()
        if not command["ok"]:
            raise CheckFailed(f"{label}: manage {argv} failed:\n{output}")
        if command["argv"][0] == "check":
            found = set(re.findall(r"\(([\w.]+)\)", output))
            if found - allowed_warnings or ("no issues" not in output and not found):
                raise CheckFailed(f"{label}: manage {argv} reported:\n{output}")
        last = output.splitlines()[-1] if output else "(no output)"
        print(f"{label}: manage {argv} -> ok: {last}")


@contextmanager
def moto_server() -> Iterator[str]:
    """A moto server of our own on a free loopback port (from the backend's dev dependencies)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    executable = Path(sys.executable).parent / "moto_server"
    process = subprocess.Popen(  # noqa: S603
        [str(executable), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise CheckFailed("moto_server did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def seed_aws(
    endpoint: str, settings: dict[str, str], database_url: str, redis_url: str
) -> dict[str, str]:
    """Store the configuration as the Terraform stack does: the RDS-managed secret and SSM."""
    import boto3

    region = settings["AWS_REGION"]
    credentials: dict[str, Any] = {
        "aws_access_key_id": "testing",
        "aws_secret_access_key": "testing",
    }
    url = urlparse(database_url)
    secret = boto3.client(
        "secretsmanager", region_name=region, endpoint_url=endpoint, **credentials
    )
    arn = secret.create_secret(
        Name=f"rds!db-{secrets.token_hex(8)}",
        SecretString=json.dumps(
            {
                "username": unquote(url.username or "postgres"),
                "password": unquote(url.password or "unused-with-trust-auth"),
                "host": url.hostname,
                "port": url.port or 5432,
                "dbname": url.path.lstrip("/"),
                "engine": "postgres",
            }
        ),
    )["ARN"]
    prefix = f"/habit-tracker/check-{secrets.token_hex(4)}"
    ssm = boto3.client("ssm", region_name=region, endpoint_url=endpoint, **credentials)
    parameters = {name: settings[name] for name in SSM_SETTINGS}
    if redis_url:
        parameters["REDIS_URL"] = redis_url
    for name, value in parameters.items():
        ssm.put_parameter(Name=f"{prefix}/{name}", Value=value, Type="SecureString")
    return {
        # Both layouts: the endpoint in the secret (older code) and in the environment.
        "DB_HOST": url.hostname or "127.0.0.1",
        "DB_PORT": str(url.port or 5432),
        "DB_NAME": url.path.lstrip("/"),
        "DB_SECRET_ARN": arn,
        "SSM_PARAMETER_PREFIX": prefix,
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }


def files_of(folder: Path) -> set[tuple[str, int]]:
    return {(str(path), path.stat().st_mtime_ns) for path in folder.rglob("*") if path.is_file()}


def check_handler(python: str, steps: list[recipe.Instruction], target: Path) -> None:
    event = json.loads(EVENT.read_text())
    # In Lambda /var/task and its parent are read-only; only /tmp can be written. The baseline
    # is taken after one bare start of the interpreter on the task root, which imports nothing
    # of ours: what the host Python's own start-up hooks write there is not the handler's doing
    # (this machine's site-packages hold a .pth, not ours, that appends its proxy's CA to any
    # certifi bundle it can import, and requests brings certifi in with pywebpush).
    before = files_of(target.parent)
    with tempfile.TemporaryDirectory() as home:
        bare = image_environment(steps, target, Path(home)) | {"PYTHONPATH": str(target)}
        run([python, "-P", "-c", "pass"], cwd=target, env=bare)
    host = sorted({path for path, _ in files_of(target.parent) ^ before})
    if host:
        print(f"written by the host Python's start-up, not the application: {host}")
    before = files_of(target.parent)
    with tempfile.TemporaryDirectory() as scratch:
        found = services(Path(scratch))
        settings = production_settings(event)
        base = image_environment(steps, target, Path(scratch)) | settings
        allowed = set() if found.postgres else {"habits.W001"}
        if not found.redis_url:
            allowed.add("habits.W002")
        if allowed:
            print(f"warnings accepted for the services at hand: {', '.join(sorted(allowed))}")
        environment = base | {"DATABASE_URL": found.database_url, "VAR_DIR": scratch}
        if found.redis_url:
            environment["REDIS_URL"] = found.redis_url
        answer = probe(
            python,
            target,
            environment,
            "--manage",
            "check --deploy",
            "--manage",
            "migrate --noinput",
        )
        print(f"Python {answer['python']}, PYTHONPATH={target} only")
        expect_answers("settings from the environment", answer, target, allowed)
        if answer["boto3_loaded"]:
            raise CheckFailed("boto3 was imported although no AWS configuration was asked for")

        if not found.postgres:
            print("the Secrets Manager + SSM run needs PostgreSQL (the secret is RDS's): skipped")
        else:
            with moto_server() as endpoint:
                aws = seed_aws(endpoint, settings, found.database_url, found.redis_url)
                # Only what the function's Terraform sets: the rest comes from AWS.
                environment = base | aws
                for name in SSM_SETTINGS:
                    environment.pop(name)
                answer = probe(python, target, environment, "--manage", "check --deploy")
                if not answer["boto3_loaded"]:
                    raise CheckFailed("the AWS configuration was not read through boto3")
                expect_answers(
                    "settings from Secrets Manager + SSM (moto)", answer, target, allowed
                )
    after = files_of(target.parent)
    if after != before:
        changed = sorted({path for path, _ in after ^ before})[:10]
        raise CheckFailed(f"the handler wrote into the (read-only in Lambda) task root: {changed}")
    print("nothing was written into the task root")


# --- the whole check -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    python: str | None
    version: str
    steps: list[recipe.Instruction]
    requirements: Requirements
    task_root: Path | None
    pip_options: set[str]  # of the image's pip install


def prepare_task_root() -> Prepared:
    """Steps 1 and 3: the x86_64 task root built as the image builds /var/task."""
    steps = recipe.instructions((BACKEND / "Dockerfile").read_text())
    version = recipe.python_version(steps)
    options = recipe.pip_install_options(steps)
    unmirrored = options - recipe.MIRRORED_PIP_OPTIONS
    if unmirrored:
        raise CheckFailed(
            f"the image's pip install uses {sorted(unmirrored)}, which this check does not mirror"
        )
    python = find_python(version)
    step("uv export, as the image runs it")
    requirements = export_requirements(steps, pip_python(python))
    if python is None:
        print(
            f"NO PYTHON {version} ON THIS MACHINE (pyenv, PATH, uv, LAMBDA_PYTHON): the locked set "
            "is resolved and installed for both platforms, the handler is not imported"
        )
        return Prepared(None, version, steps, requirements, None, options)
    step(f"linux/x86_64, CPython {version} ({python}): install into a clean task root")
    wheelhouse = fetch(python, "x86_64", version, requirements)
    target = install(python, "x86_64", version, requirements, wheelhouse, options)
    verify_target("x86_64", target, requirements)
    step("the application into the task root, as the image's COPY and RUN steps do")
    build_application(python, steps, target)
    return Prepared(python, version, steps, requirements, target, options)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--build-only", action="store_true", help="only build var/lambda/linux-x86_64/task"
    )
    args = parser.parse_args()
    try:
        prepared = prepare_task_root()
        if args.build_only:
            return 0 if prepared.task_root else 1
        version, requirements = prepared.version, prepared.requirements
        options = prepared.pip_options
        installer = pip_python(prepared.python)
        if installer != prepared.python:
            step(f"linux/x86_64, CPython {version}: resolve and install, wheels only (not run)")
            print(f"using the pip of {installer}: its Python evaluates the requirements' markers")
            wheelhouse = fetch(installer, "x86_64", version, requirements)
            verify_target(
                "x86_64",
                install(installer, "x86_64", version, requirements, wheelhouse, options),
                requirements,
            )
        step(f"linux/arm64, CPython {version}: resolve and install, wheels only, clean task root")
        wheelhouse = fetch(installer, "arm64", version, requirements)
        arm64 = install(installer, "arm64", version, requirements, wheelhouse, options)
        arm_set = verify_target("arm64", arm64, requirements)
        if prepared.python is None or prepared.task_root is None:
            print(f"\nNO PYTHON {version} ON THIS MACHINE: the handler was not imported.")
            return 0
        x86_set = {
            name: version for name, (version, _) in installed_wheels(prepared.task_root).items()
        }
        if arm_set != x86_set:
            differ = set(arm_set.items()) ^ set(x86_set.items())
            raise CheckFailed(f"arm64 and x86_64 installed different sets: {sorted(differ)}")
        print("arm64 and x86_64 hold the same distributions at the same versions")
        step(f"the handler, with Python {version} from the task root and production settings")
        check_handler(prepared.python, prepared.steps, prepared.task_root)
    except CheckFailed as failure:
        print(f"\nFAILED: {failure}", file=sys.stderr)
        return 1
    print(f"\ninfra/lambda/check_dependencies.py passed in {time.monotonic() - _started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
