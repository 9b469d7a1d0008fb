"""Build the locked packages published only as source into pure-Python wheels, hash-checked.

The Lambda image installs its dependencies from wheels only (`pip install --only-binary=:all:`,
backend/Dockerfile), which is what lets the same requirements install for an architecture other
than the builder's (`--platform ...aarch64`) and what infra/lambda/check_dependencies.py proves
for arm64 and x86_64. A few locked packages have no wheel on PyPI at all (http-ece, pulled in by
pywebpush); without this step a wheels-only install cannot install them.

For each such package this script, run in the image's first stage (and by the check, the same
way), does:

1. downloads its source archive with `--require-hashes` against the hashes uv.lock pins;
2. builds it with `--no-build-isolation` against setuptools installed, hash-checked, from the
   lock's `lambda-build` group, so that nothing unpinned takes part in the build (pip's usual
   isolated build would fetch whatever setuptools is newest, unchecked);
3. refuses the result unless it is a pure-Python wheel (`py3-none-any`, Root-Is-Purelib):
   compiled code built here would be for this machine, not for the function's architecture;
4. writes the requirements file the image installs from, in which that package's sdist hashes
   are replaced by the hash of the wheel just built from the verified source. Every other line
   is kept as uv exported it, so `--require-hashes` still checks every file that is installed.

    python deploy/sdist_wheels.py requirements.txt --lock uv.lock \\
        --build-requirements build-requirements.txt --wheels wheels -o wheels/requirements.txt

Standard library only: it runs with the base image's Python and pip, before anything else is
installed. `--find-links DIR --no-index` makes it work offline from a folder of downloads.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

HASH = re.compile(r"--hash=sha256:([0-9a-f]{64})")
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ ;\\]+)")


class BuildFailed(Exception):
    pass


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_blocks(text: str) -> list[list[str]]:
    """The requirements file as blocks: one requirement with its continuation lines, or one
    line of anything else (comments)."""
    blocks: list[list[str]] = []
    continued = False
    for line in text.splitlines():
        if continued:
            blocks[-1].append(line)
        else:
            blocks.append([line])
        continued = line.rstrip().endswith("\\")
    return blocks


def source_only(lock: dict[str, object]) -> dict[tuple[str, str], str]:
    """(name, version) -> sdist sha256 of every locked package that has no wheel."""
    found: dict[tuple[str, str], str] = {}
    for package in lock.get("package", []):  # type: ignore[attr-defined]
        sdist = package.get("sdist")
        if sdist and not package.get("wheels"):
            digest = str(sdist.get("hash", "")).removeprefix("sha256:")
            found[(normalise(package["name"]), str(package["version"]))] = digest
    return found


def pip(*arguments: str, env: dict[str, str] | None = None) -> None:
    command = [sys.executable, "-m", "pip", *arguments]
    environment = (env or dict(os.environ)) | {
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_INPUT": "1",
        "PIP_ROOT_USER_ACTION": "ignore",
    }
    # Built from fixed words and the files named on the command line, never from input.
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BuildFailed(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}{result.stderr}")


def wheel_is_pure(wheel: Path) -> bool:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/WHEEL"))
        text = archive.read(name).decode()
    tags = re.findall(r"^Tag: (.+)$", text, re.M)
    pure = re.search(r"^Root-Is-Purelib: true$", text, re.M) is not None
    return pure and bool(tags) and all(tag.split("-")[1:] == ["none", "any"] for tag in tags)


def build(arguments: argparse.Namespace) -> list[str]:
    requirements = Path(arguments.requirements).read_text()
    lock = tomllib.loads(Path(arguments.lock).read_text())
    wanted = source_only(lock)
    wheels = Path(arguments.wheels)
    wheels.mkdir(parents=True, exist_ok=True)
    index = ["--no-index"] if arguments.no_index else []
    links = [word for folder in arguments.find_links for word in ("--find-links", folder)]
    blocks = requirement_blocks(requirements)
    built: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        downloads = Path(arguments.download_dir or scratch) / "downloads"
        build_env = Path(scratch) / "build-env"
        for position, block in enumerate(blocks):
            match = REQUIREMENT.match(block[0])
            if not match:
                continue
            name, version = normalise(match.group(1)), match.group(2)
            sdist_hash = wanted.get((name, version))
            if sdist_hash is None:
                continue
            hashes = HASH.findall(" ".join(block))
            if sdist_hash not in hashes:
                raise BuildFailed(f"{name}=={version}: the lock's sdist hash is not exported")
            if not build_env.exists():
                # setuptools from the lock's lambda-build group, hash-checked, wheels only.
                pip(
                    "download", *index, *links, "--only-binary=:all:", "--require-hashes",
                    "-r", arguments.build_requirements, "-d", str(downloads),
                )  # fmt: skip
                pip(
                    "install", "--no-index", "--find-links", str(downloads), "--only-binary=:all:",
                    "--require-hashes", "-r", arguments.build_requirements,
                    "--target", str(build_env),
                )  # fmt: skip
            pinned = Path(scratch) / f"{name}.txt"
            pinned.write_text(f"{name}=={version} --hash=sha256:{sdist_hash}\n")
            pip(
                "download", *index, *links, "--no-deps", "--no-binary=:all:", "--require-hashes",
                "-r", str(pinned), "-d", str(downloads),
            )  # fmt: skip
            out = Path(scratch) / f"{name}-wheel"
            pip(
                "wheel", "--no-index", "--find-links", str(downloads), "--no-deps",
                "--no-binary=:all:", "--no-build-isolation", "--require-hashes",
                "-r", str(pinned), "-w", str(out),
                env=dict(os.environ) | {"PYTHONPATH": str(build_env)},
            )  # fmt: skip
            (wheel,) = out.glob("*.whl")
            if not wheel_is_pure(wheel):
                raise BuildFailed(
                    f"{name}=={version} has no wheel on PyPI and builds one with compiled code "
                    f"({wheel.name}): built here it would be for this machine, not for the "
                    "function's architecture. Pin a version that publishes wheels."
                )
            target = wheels / wheel.name
            target.write_bytes(wheel.read_bytes())
            digest = hashlib.sha256(target.read_bytes()).hexdigest()
            blocks[position] = [
                f"# {name} {version}: no wheel on PyPI; built from its sdist sha256:{sdist_hash}",
                f"{match.group(0)} \\",
                f"    --hash=sha256:{digest}",
            ]
            built.append(f"{wheel.name} (sha256:{digest}) from sdist sha256:{sdist_hash}")
    output = Path(arguments.output)
    output.write_text("\n".join(line for block in blocks for line in block) + "\n")
    return built


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requirements", help="the hashed requirements uv export wrote")
    parser.add_argument("--lock", required=True, help="uv.lock, which says what has no wheel")
    parser.add_argument("--build-requirements", required=True, help="hashed setuptools pins")
    parser.add_argument("--wheels", required=True, help="folder the built wheels go to")
    parser.add_argument("-o", "--output", required=True, help="requirements file to write")
    parser.add_argument("--find-links", action="append", default=[], help="extra download folder")
    parser.add_argument("--no-index", action="store_true", help="download nothing")
    parser.add_argument("--download-dir", help="keep downloads here (default: a temporary one)")
    arguments = parser.parse_args()
    try:
        built = build(arguments)
    except BuildFailed as failure:
        print(f"sdist_wheels: {failure}", file=sys.stderr)
        return 1
    for line in built or ["every locked package has a wheel: nothing to build"]:
        print(f"sdist_wheels: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
