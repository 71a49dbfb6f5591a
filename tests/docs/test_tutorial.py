"""docs/tutorial.md, run as written.

Every block after ``<!-- file: PATH -->`` is written to PATH (``<!-- append: PATH -->``
appends), every command after ``<!-- run -->`` (or ``<!-- run: exit N -->``) is run in
order, and each line of the ``<!-- output -->`` block that follows must appear in what
the commands printed. ``pip install -e DIR`` is done as pip would, without a network:
the package's ``src`` goes on the path and its metadata, with the entry points its
pyproject declares, into a site directory.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "docs" / "tutorial.md"
BLOCK = re.compile(
    r"<!-- (?P<verb>file|append|run|output)(?::\s*(?P<arg>[^>]*?))? -->\s*\n"
    r"```[\w-]*\n(?P<body>.*?)```",
    re.DOTALL,
)

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("disclosure_shanxi") is None,
    reason="the tutorial's plugin builds on the Shanxi plugin, which is not installed",
)


class Workspace:
    """An empty directory where the tutorial's files are written and commands run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site = root / ".site"
        self.site.mkdir()
        self.paths: list[str] = [str(self.site)]

    def install(self, project: Path) -> str:
        data = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
        meta = data["project"]
        dist = self.site / f"{meta['name'].replace('-', '_')}-{meta['version']}.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {meta['name']}\nVersion: {meta['version']}\n",
            encoding="utf-8",
        )
        groups = meta.get("entry-points", {})
        (dist / "entry_points.txt").write_text(
            "".join(
                f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in entries.items())
                for group, entries in groups.items()
            ),
            encoding="utf-8",
        )
        self.paths.append(str(project / "src"))
        return f"Successfully installed {meta['name']}-{meta['version']}\n"

    def run(self, command: str) -> tuple[int, str]:
        words = shlex.split(command)
        if words[:3] == ["pip", "install", "-e"]:
            return 0, self.install(self.root / words[3])
        if words[0] == "disclosure":
            argv = [sys.executable, "-m", "disclosure_core.cli", *words[1:]]
        elif words[:3] == ["python", "-m", "pytest"]:
            argv = [sys.executable, "-m", "pytest", *words[3:], "-p", "no:cacheprovider"]
        else:
            raise AssertionError(f"the tutorial runs a command the test cannot: {command}")
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                [*self.paths, *filter(None, [os.environ.get("PYTHONPATH")])]
            ),
        }
        done = subprocess.run(
            argv, check=False, cwd=self.root, env=env, capture_output=True, text=True, timeout=600
        )
        return done.returncode, done.stdout + done.stderr


def steps() -> list[re.Match[str]]:
    return list(BLOCK.finditer(TUTORIAL.read_text(encoding="utf-8")))


def test_the_tutorial_has_files_commands_and_outputs() -> None:
    verbs = [m["verb"] for m in steps()]
    assert verbs.count("file") >= 5
    assert verbs.count("run") >= 5
    # it ends by running the conformance kit
    runs = [m["body"] for m in steps() if m["verb"] == "run"]
    assert runs[-1].startswith("disclosure conformance")


def test_the_tutorial_works_as_written(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    workspace = Workspace(tmp_path)
    output = ""
    for step in steps():
        verb, arg, body = step["verb"], (step["arg"] or "").strip(), step["body"]
        if verb in ("file", "append"):
            path = tmp_path / arg
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a" if verb == "append" else "w", encoding="utf-8") as handle:
                handle.write(body)
        elif verb == "run":
            expected = int(arg.split()[-1]) if arg.startswith("exit") else 0
            output = ""
            for command in filter(None, (line.strip() for line in body.splitlines())):
                code, printed = workspace.run(command)
                output += printed
                last = (command, code)
            assert last[1] == expected, f"{last[0]} exited {last[1]}:\n{output}"
        else:
            for line in body.splitlines():
                wanted = line.strip()
                if wanted and wanted != "…":
                    assert wanted in output, f"not in the output: {wanted!r}\n---\n{output}"
