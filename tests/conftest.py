"""Shared fixtures and Hypothesis profiles.

Profiles: ``dev`` (default, quick), ``ci`` (what .ci/run uses: enough examples to find
bugs, bounded time), ``thorough`` (for releases). Choose with HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from disclosure_core.api import ReportReader, builtin_templates
from disclosure_core.templates import TemplateSpec

settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile(
    "ci",
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

#: The shared corpus of real reports (read-only, next to the project).
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"


def corpus_available() -> bool:
    return (CORPUS / "reports").is_dir() and (CORPUS / "expected").is_dir()


needs_corpus = pytest.mark.skipif(not corpus_available(), reason="../shared/corpus is not present")


def expected_figures() -> dict[str, dict[str, Any]]:
    """The hand-read figures of the corpus (``expected/*.json``) by file stem; {} without it."""
    if not (CORPUS / "expected").is_dir():
        return {}
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((CORPUS / "expected").glob("*.json"))
    }


@pytest.fixture(scope="session")
def templates() -> dict[str, TemplateSpec]:
    return {t.id: t for t in builtin_templates()}


@pytest.fixture(scope="session")
def reader() -> ReportReader:
    return ReportReader()


@pytest.fixture
def tmp_files(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path


# ---------------------------------------------------------------- throwaway plugins

PLUGIN_MODULE = '''\
"""A throwaway plugin written by a test."""
from importlib import resources

from disclosure_core.plugins import Level, PluginDescription, hookimpl

__version__ = "0.1.0"
PACKAGE = resources.files(__name__)


@hookimpl
def describe_plugin():
    return PluginDescription({name!r}, Level.{level}, {name!r}, parent={parent!r})


@hookimpl
def register_rulesets():
    return sorted(
        (entry for entry in (PACKAGE / "rulesets").iterdir() if entry.name.endswith(".toml")),
        key=lambda entry: entry.name,
    )
'''

RULESET_HEADER = """\
schema = 1

[ruleset]
id = "{name}"
title = {{ zh = "测试插件", en = "Test plugin" }}
version = "0.1.0"
templates = ["national-2021"]
"""


class PluginFactory:
    """Writes plugin packages into a directory on ``sys.path``, optionally with an
    installed distribution's metadata (``*.dist-info`` with an entry point in the
    ``disclosure_core`` group), as ``pip install`` would."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.modules: list[str] = []

    def __call__(
        self,
        name: str,
        rules: str = "",
        *,
        python: str = "",
        level: str = "COUNTY",
        parent: str | None = None,
        entry_point: bool = False,
    ) -> Any:
        """Write plugin ``name`` (rules: TOML after the ruleset header; python: extra
        module code, e.g. more hook implementations) and import it."""
        package = self.site / name
        (package / "rulesets").mkdir(parents=True)
        source = PLUGIN_MODULE.format(name=name, level=level, parent=parent) + python
        (package / "__init__.py").write_text(source, encoding="utf-8")
        (package / "rulesets" / f"{name}.toml").write_text(
            RULESET_HEADER.format(name=name) + rules, encoding="utf-8"
        )
        if entry_point:
            dist = self.site / f"{name}-0.1.0.dist-info"
            dist.mkdir()
            (dist / "METADATA").write_text(
                f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1.0\n", encoding="utf-8"
            )
            (dist / "entry_points.txt").write_text(
                f"[disclosure_core]\n{name} = {name}\n", encoding="utf-8"
            )
        importlib.invalidate_caches()
        self.modules.append(name)
        return importlib.import_module(name)


@pytest.fixture
def make_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PluginFactory]:
    """A factory of throwaway plugins, removed again after the test."""
    site = tmp_path / "site-packages"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    factory = PluginFactory(site)
    yield factory
    for name in factory.modules:
        sys.modules.pop(name, None)
    importlib.invalidate_caches()
