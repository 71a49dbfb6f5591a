"""The Shanxi plugin: jurisdiction, template extension, rules and cases."""

from __future__ import annotations

from pathlib import Path

import disclosure_shanxi
import pytest

from disclosure_core.checker import Checker
from disclosure_core.testing.cases import check_case, installed_case_files

SEED = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "reports" / "seed.txt"

REPORT_2022 = """大同市某县某镇人民政府2022年政府信息公开工作年度报告
本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号编制。本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。
一、总体情况
（一）主动公开，做好政策解读。（二）依申请公开。（三）政府信息管理。（四）政府信息公开平台建设。（五）监督保障，开展考核。
二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t1\t0\t3
五、存在的主要问题及改进情况
存在的问题是公开深度不够。
六、其他需要报告的事项
（一）信息处理费。本年度未收取信息处理费。
（二）2022年政务公开工作要点落实情况
对照《山西省2022年政务公开工作要点》，建设政务公开专区。
（三）其他。无。
某县某镇人民政府
2023年1月16日
"""


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(plugins=[disclosure_shanxi], entry_points=False)


def test_shanxi_reports_get_the_shanxi_layer_and_their_city_code(checker: Checker) -> None:
    report = checker.read(REPORT_2022.encode(), name="x.txt")
    assert checker.stack_for(report) == ["national", "shanxi"]
    assert report.meta.division_code == "140200"  # 大同市


def test_other_provinces_get_national_rules_and_a_note(checker: Checker) -> None:
    report = checker.read(REPORT_2022.replace("大同市某县", "上海市某区").encode(), name="x.txt")
    assert checker.stack_for(report) == ["national"]
    result = checker.check(report)
    assert "CORE-JURISDICTION" in result.rule_ids()


def test_the_yaodian_part_is_read_as_its_own_section_without_cutting_section_six(
    checker: Checker,
) -> None:
    report = checker.read(REPORT_2022.encode(), name="x.txt")
    assert report.template == "shanxi-2022"
    yaodian = report.section("shanxi_yaodian")
    assert yaodian is not None and "政务公开专区" in yaodian.text
    other = report.section("other")
    assert other is not None and "信息处理费" in other.text and "（三）其他" in other.text


def test_a_2022_report_without_the_part_gets_a_warning(checker: Checker) -> None:
    text = REPORT_2022.replace("（二）2022年政务公开工作要点落实情况\n", "")
    result = checker.check(checker.read(text.encode(), name="x.txt"))
    findings = result.by_rule("SX-YAODIAN")
    assert len(findings) == 1 and findings[0].severity.value == "warning"
    assert findings[0].layer == "shanxi"


def test_the_township_deadline_is_an_error_in_shanxi(checker: Checker) -> None:
    text = REPORT_2022.replace("2023年1月16日", "2023年2月16日")
    result = checker.check(checker.read(text.encode(), name="x.txt"))
    late = result.by_rule("NAT-E1C")
    assert late and late[0].severity.value == "error" and late[0].relevelled_from is not None
    assert any(
        a.verb == "relevel" and a.target == "NAT-E1C" and a.reason for a in result.adjustments
    )


def test_the_rule_cases_of_the_plugin_pass(checker: Checker) -> None:
    files = [f for f in installed_case_files(checker) if f.rule.startswith("SX-")]
    assert {f.rule for f in files} >= {
        "SX-YAODIAN",
        "SX-YAODIAN-YEAR",
        "SX-STAT-PERIOD",
        "SX-TEMPLATE-2021",
        "SX-SCOPE",
        "SX-LEGACY-HEADINGS",
    }
    problems = [check_case(checker, f, c) for f in files for c in f.case]
    assert [p for p in problems if p] == []


def test_every_rule_of_the_layer_has_cases_and_a_basis(checker: Checker) -> None:
    engine = checker.engine(["national", "shanxi"])
    ours = [info for info in engine.rules.values() if info.layer == "shanxi"]
    covered = {f.rule for f in installed_case_files(checker)}
    for info in ours:
        assert info.spec.basis.strip(), info.id
        assert info.id in covered, f"{info.id} has no cases"


@pytest.mark.skipif(not SEED.exists(), reason="the shared corpus is not present")
def test_the_seed_gets_shanxi_findings(checker: Checker) -> None:
    result = checker.check(checker.read(SEED))
    layers = {f.layer for f in result.findings}
    assert {"national", "shanxi"} <= layers
    assert [layer.name for layer in result.stack] == ["national", "shanxi"]
