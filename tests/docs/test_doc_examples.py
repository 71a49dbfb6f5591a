"""The ``>>>`` examples of the user docs run as written (doctest)."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ["api.md", "model.md", "templates.md", "readers.md"]


@pytest.mark.parametrize("name", DOCS)
def test_doc_examples_run(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples read examples/… relative to the project root
    path = ROOT / "docs" / name
    assert ">>>" in path.read_text(encoding="utf-8"), f"{name} has no examples to run"
    result = doctest.testfile(
        os.fspath(path),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
        report=True,
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed"
