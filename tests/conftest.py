"""Shared fixtures and Hypothesis profiles.

Profiles: ``dev`` (default, quick), ``ci`` (what .ci/run uses: enough examples to find
bugs, bounded time), ``thorough`` (for releases). Choose with HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from disclosure_core.api import ReportReader
from disclosure_core.templates import TemplateSpec, builtin_template_paths, load_template_file

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


@pytest.fixture(scope="session")
def templates() -> dict[str, TemplateSpec]:
    return {t.id: t for t in (load_template_file(p) for p in builtin_template_paths())}


@pytest.fixture(scope="session")
def reader() -> ReportReader:
    return ReportReader()


@pytest.fixture
def tmp_files(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
