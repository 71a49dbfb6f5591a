"""The HTML speed verdict of ``benchmarks/bench_parse.py``: judged on real pages only."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_parse.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_parse", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_parse"] = module  # dataclasses look their module up by name
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["bench_parse"]
    return module


def _rows(name: str, ratio: float) -> list[dict[str, Any]]:
    return [
        {"set": name, "measure": "end to end", "ratio_to_floor": ratio},
        {"set": name, "measure": "reader only", "ratio_to_floor": ratio / 2},
        {"set": name, "measure": "recognition only", "ratio_to_floor": ratio / 2},
    ]


def _page_set(bench: ModuleType, name: str, group: str, page: bytes) -> Any:
    page_set = bench.InputSet(name, "html")
    page_set.inputs.append(bench.Input("x", group, page, "utf-8"))
    return page_set


def test_markup_per_cell_counts_td_and_th_start_tags(bench: ModuleType) -> None:
    page = b"<table><tr><TH>a</TH><td class=x>1</td><td>2</td></tr></table><thead>"
    assert bench.markup_per_cell(page) == len(page) / 3
    assert bench.markup_per_cell(b"<p>no table</p>") is None


def test_only_real_pages_get_a_verdict(bench: ModuleType) -> None:
    page = b"<table><tr><td>1</td></tr></table>"
    sets = [
        _page_set(bench, "html/synthetic", "html", page),
        _page_set(bench, "html/corpus", "corpus", page),
    ]
    rows = _rows("html/synthetic", 4.0) + _rows("html/corpus", 2.9)
    verdicts = {v["set"]: v for v in bench.html_verdicts(rows, sets)}
    assert verdicts["html/synthetic"]["pass"] is None
    assert verdicts["html/synthetic"]["real_pages"] is False
    assert verdicts["html/corpus"]["pass"] is True
    assert verdicts["html/corpus"]["bytes_per_cell"] == [len(page), len(page)]

    over = bench.html_verdicts(_rows("html/corpus", 3.1), sets[1:])
    assert over[0]["pass"] is False
