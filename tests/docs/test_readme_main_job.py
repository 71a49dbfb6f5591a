"""The README's main job, ``disclosure check examples/``, does what the README says:
it reads every file in ``examples/`` and exits 1 on the deliberate errors (not 2)."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from disclosure_core.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_runs_disclosure_check_on_examples() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"\.venv/bin/disclosure check examples/\s*$", readme, re.MULTILINE)
    assert "exits with code 1" in readme


def test_check_examples_reads_every_file_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    code = main(["check", "examples/", "--format", "json"])
    reports = json.loads(capsys.readouterr().out)["reports"]
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").iterdir())
    assert sorted(r["source"] for r in reports) == files  # nothing but reports there
    assert not [r for r in reports if "error" in r]
    assert code == 1
    by_source = {r["source"]: r for r in reports}
    text_report = by_source["examples/lingqiu-shizhuang-2023.txt"]
    assert {"NAT-B1", "NAT-B3", "NAT-E7B"} <= {f["rule_id"] for f in text_report["findings"]}
    assert by_source["examples/lingqiu-shizhuang-2023.html"]["valid"]


def test_the_plugins_are_at_work_on_the_examples(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for plugin in ("disclosure_shanxi", "disclosure_lingqiu"):
        if importlib.util.find_spec(plugin) is None:
            pytest.skip(f"{plugin} is not installed")
    monkeypatch.chdir(ROOT)
    main(["check", "examples/", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    layers = {layer["layer"] for r in document["reports"] for layer in r["stack"]}
    assert layers == {"national", "shanxi", "lingqiu"}
    assert [f["rule_id"] for f in document["collection"]] == ["LQ-FILING"]
