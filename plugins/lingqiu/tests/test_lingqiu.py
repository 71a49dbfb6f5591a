"""The Lingqiu plugin: a county layer on top of Shanxi."""

from __future__ import annotations

from pathlib import Path

import disclosure_lingqiu
import disclosure_shanxi
import pytest

from disclosure_core.checker import Checker
from disclosure_core.findings import Severity
from disclosure_core.testing.cases import check_case, installed_case_files

SEED = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "reports" / "seed.txt"

TOWNSHIP = """灵丘县{unit}人民政府2023年政府信息公开工作年度报告
本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。
一、总体情况
本乡镇工作情况。
六、其他需要报告的事项
本年度未收取信息处理费。本年度报告已在灵丘县人民政府门户网公开。
灵丘县{unit}人民政府
2024年1月18日
"""


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(plugins=[disclosure_shanxi, disclosure_lingqiu], entry_points=False)


def test_a_lingqiu_township_gets_the_county_stack_and_code(checker: Checker) -> None:
    report = checker.read(TOWNSHIP.format(unit="史庄乡").encode(), name="x.txt")
    assert checker.stack_for(report) == ["national", "shanxi", "lingqiu"]
    assert report.meta.division_code == "140224"


def test_another_shanxi_county_does_not_get_lingqiu(checker: Checker) -> None:
    report = checker.read(
        TOWNSHIP.format(unit="史庄乡").replace("灵丘县", "浑源县").encode(), name="x.txt"
    )
    assert checker.stack_for(report) == ["national", "shanxi"]


def test_the_county_relevel_is_recorded_with_its_reason(checker: Checker) -> None:
    report = checker.read(TOWNSHIP.format(unit="史庄乡").encode(), name="x.txt")
    result = checker.check(report)
    relevels = [a for a in result.adjustments if a.verb == "relevel" and a.target == "NAT-Q12"]
    assert relevels and relevels[0].layer == "lingqiu" and "乡镇" in relevels[0].reason
    assert checker.engine(checker.stack_for(report)).rules["NAT-Q12"].severity is Severity.INFO


def test_a_batch_names_the_units_that_filed_nothing(checker: Checker) -> None:
    reports = [
        checker.read(TOWNSHIP.format(unit=unit).encode(), name=f"{unit}.txt")
        for unit in ("史庄乡", "下关乡")
    ]
    findings = checker.check_collection(reports)
    filing = [f for f in findings if f.rule_id == "LQ-FILING"]
    assert len(filing) == 1
    message = filing[0].message.zh
    assert "武灵镇" in message and "史庄乡" not in message and "下关乡" not in message
    assert filing[0].layer == "lingqiu"


def test_the_rule_cases_of_the_plugin_pass(checker: Checker) -> None:
    files = [f for f in installed_case_files(checker) if f.rule.startswith("LQ-")]
    assert {f.rule for f in files} == {"LQ-PORTAL", "LQ-SCOPE", "LQ-DEADLINE"}
    problems = [check_case(checker, f, c) for f in files for c in f.case]
    assert [p for p in problems if p] == []


@pytest.mark.skipif(not SEED.exists(), reason="the shared corpus is not present")
def test_the_seed_shows_national_shanxi_and_lingqiu_findings(checker: Checker) -> None:
    result = checker.check(checker.read(SEED))
    assert [layer.name for layer in result.stack] == ["national", "shanxi", "lingqiu"]
    assert {"national", "shanxi", "lingqiu"} <= {f.layer for f in result.findings}
    assert result.by_rule("LQ-SCOPE")  # the seed speaks of 全县 in its 总体情况


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_a_batch_on_the_command_line_reports_the_units_in_one_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    import json

    from disclosure_core.cli import main

    for unit in ("史庄乡", "下关乡"):
        (tmp_path / f"{unit}.txt").write_text(TOWNSHIP.format(unit=unit), encoding="utf-8")
    code = main(["check", str(tmp_path), "--format", fmt])
    out = capsys.readouterr().out
    assert code == 1  # LQ-FILING is an error
    if fmt == "json":
        document = json.loads(out)  # one document, not two
        assert len(document["reports"]) == 2
        assert [f["rule_id"] for f in document["collection"]] == ["LQ-FILING"]
        assert document["collection"][0]["layer"] == "lingqiu"
    elif fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        assert "LQ-FILING" in [r["ruleId"] for r in results]
    else:
        assert "Across all reports:" in out
        assert "LQ-FILING" in out
