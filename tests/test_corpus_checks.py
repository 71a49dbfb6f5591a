"""``disclosure check`` on the real reports of the shared corpus: the seed's findings,
and arithmetic errors found exactly where the hand-read expected files saw them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest

from conftest import CORPUS, expected_figures, needs_corpus
from disclosure_core.checker import Checker
from disclosure_core.cli import main
from disclosure_core.findings import Result

pytestmark = [pytest.mark.corpus, needs_corpus]

#: Where the expected files' arithmetic_errors_seen put each error: (rule, instance,
#: a cell the finding must name).
ARITHMETIC_ERRORS: dict[str, set[tuple[str, str, str]]] = {
    # （七）总计 filled, the result rows' 总计 cells blank
    "001": {("NAT-B3", "total", "requests.results_total.total")},
    # 行政复议 and 复议后起诉: the parts add up to 11 and 5, 总计 printed 0
    "002": {
        ("NAT-C1", "review", "appeals.review.total"),
        ("NAT-C1", "litigation_after_review", "appeals.litigation_after_review.total"),
    },
    # 四、结转 总计 blank in the text: 一+二=36 but 三（七）+四=35
    "005": {("NAT-B1", "total", "requests.carry_forward.total")},
    # the result rows add up to 4, （七）总计 printed 0, so 一+二 ≠ 三+四 too
    "044": {
        ("NAT-B3", "natural_person", "requests.results_total.natural_person"),
        ("NAT-B3", "total", "requests.results_total.total"),
        ("NAT-B1", "natural_person", "requests.results_total.natural_person"),
        ("NAT-B1", "total", "requests.results_total.total"),
    },
    # the results add up to 10, （七）总计 printed 9 (legal_services 1 vs 0)
    "052": {
        ("NAT-B3", "legal_services", "requests.results_total.legal_services"),
        ("NAT-B3", "total", "requests.results_total.total"),
    },
}
ARITHMETIC_KINDS = {"sum", "balance"}


def _report_path(stem: str) -> Any:
    for suffix in (".txt", "-page.html", ".html"):
        path = CORPUS / "reports" / f"{stem}{suffix}"
        if path.exists():
            return path
    return None


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(entry_points=False)


@pytest.fixture(scope="module")
def results(checker: Checker) -> Mapping[str, Result]:
    out = {}
    for stem, expected in expected_figures().items():
        path = _report_path(stem)
        if path is not None and expected.get("complete") == "yes":
            outcome = checker.check_path(path)
            assert outcome.result is not None, outcome.error
            out[stem] = outcome.result
    return out


def _arithmetic_errors(checker: Checker, result: Result) -> set[tuple[str, str, str]]:
    rules = checker.catalog().rules
    return {
        (f.rule_id, f.instance or "", cell.cell)
        for f in result.findings
        if f.severity.value == "error" and rules[f.rule_id].kind in ARITHMETIC_KINDS
        for cell in f.cells
    }


def test_every_listed_arithmetic_error_is_known_here() -> None:
    listed = {s for s, e in expected_figures().items() if e.get("arithmetic_errors_seen")}
    # 002-original is the PDF of 002 (no PDF reader yet)
    assert listed - {"002-original"} == set(ARITHMETIC_ERRORS)


@pytest.mark.parametrize("stem", sorted(ARITHMETIC_ERRORS))
def test_arithmetic_errors_are_found_on_the_cells_involved(
    stem: str, checker: Checker, results: Mapping[str, Result]
) -> None:
    found = _arithmetic_errors(checker, results[stem])
    missing = ARITHMETIC_ERRORS[stem] - found
    assert not missing, f"{stem}: no error finding {sorted(missing)}"
    assert not results[stem].valid


def test_complete_reports_without_arithmetic_errors_get_no_arithmetic_error(
    checker: Checker, results: Mapping[str, Result]
) -> None:
    clean = [s for s in results if s not in ARITHMETIC_ERRORS]
    assert len(clean) >= 10
    flagged = {s: sorted(_arithmetic_errors(checker, results[s]))[:3] for s in clean}
    assert {s: f for s, f in flagged.items() if f} == {}


def test_the_seed_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(CORPUS / "reports" / "seed.txt"), "--format", "json", "--no-plugins"])
    document = json.loads(capsys.readouterr().out)
    assert code == 1
    [report] = document["reports"]
    assert [layer["layer"] for layer in report["stack"]] == ["national"]
    findings: dict[str, list[dict[str, Any]]] = {}
    for finding in report["findings"]:
        findings.setdefault(finding["rule_id"], []).append(finding)
    # the fee row headed 本年处理决定数量 instead of 本年收费金额（单位：万元）
    [fee] = findings["NAT-E7A"]
    assert fee["severity"] == "error"
    assert "proactive.fees.amount" in fee["cells"]
    # 规范性文件 instead of 行政规范性文件
    [normative] = findings["NAT-E7B"]
    assert normative["severity"] == "warning"
    assert any(c.startswith("proactive.normative_documents") for c in normative["cells"])
    # 总体情况 lacks 政府信息公开平台建设 and 监督保障
    [topics] = findings["NAT-E14"]
    assert topics["severity"] == "warning"
    assert topics["section"] == "overview"
    assert "平台建设" in topics["message"]["zh"] and "监督保障" in topics["message"]["zh"]
    # section 二 without a number, section 三 numbered （三）
    headings = {f["section"] for f in findings["NAT-H1"]}
    assert {"proactive", "requests"} <= headings
    assert {f["severity"] for f in findings["NAT-H1"]} == {"warning"}
    # every 主动公开 figure is 0
    [zero] = findings["NAT-Q12"]
    assert zero["severity"] == "warning"
    # all its figures are 0 and balance: no arithmetic finding at all
    rules = Checker(entry_points=False).catalog().rules
    assert not [r for r in findings if rules[r].kind in ARITHMETIC_KINDS]
