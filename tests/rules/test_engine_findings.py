"""What the engine reports: findings, results, layers and their adjustments.

A finding carries its rule, severity, a filled message in Chinese and English, the
cells involved with where each was read, expected and actual values of arithmetic
rules, the legal basis and the layer and ruleset that own the rule. A result is valid
unless an error was found; Python rules run beside TOML rules and may crash without
stopping them; relevels, disables and ``[[set]]`` parameters change what runs and are
recorded; the same report always gives the same findings in the same order.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from disclosure_core import read_text
from disclosure_core.checker import Checker
from disclosure_core.findings import Adjustment, Finding, Message, Result, Severity, Status
from disclosure_core.model.report import (
    Cell,
    Level,
    NoteCode,
    ParseNote,
    Provenance,
    Report,
    ReportMeta,
    Section,
)
from disclosure_core.rules.builtin import national_layer
from disclosure_core.rules.compile import Violation
from disclosure_core.rules.engine import Engine, LayerSpec, PythonRule
from disclosure_core.rules.expr import Context
from disclosure_core.rules.loader import load_ruleset_text
from disclosure_core.templates.spec import TemplateSpec
from disclosure_core.testing import Layout, example_report, render_text
from disclosure_core.testing.cases import (
    CaseSpec,
    apply_case,
    case_files,
    clean_report,
)
from disclosure_core.writers.results import finding_record

CHECKER = Checker(entry_points=False)
TEMPLATES = CHECKER.templates
BY_ID = {t.id: t for t in TEMPLATES}
T2019, T2021 = BY_ID["national-2019"], BY_ID["national-2021"]
NATIONAL = Engine([national_layer("1")], TEMPLATES)
CASES_DIR = Path(__file__).resolve().parents[2] / "rulesets" / "cases"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")

PLUGIN_HEADER = """\
[ruleset]
id = "plugin-rules"
title = { zh = "插件规则", en = "Plugin rules" }
version = "1.0.0"
templates = ["national-2019", "national-2021"]
"""


def plugin_layer(text: str, name: str = "plugin") -> LayerSpec:
    loaded = load_ruleset_text(PLUGIN_HEADER + text, source=f"plugins/{name}/rules.toml")
    return LayerSpec(name, "1.0.0", (loaded,))


def with_case(template: TemplateSpec = T2021, **changes: Any) -> Report:
    return apply_case(clean_report(template), CaseSpec(name="t", expect="fail", **changes))


def only(result: Result, rule_id: str) -> tuple[Finding, ...]:
    assert {f.rule_id for f in result.findings} == {rule_id}, result.findings
    return result.findings


# ------------------------------------------------------------- findings from a text


@pytest.fixture(scope="module")
def text_report() -> tuple[str, Report]:
    """A synthetic text report with one more 予以公开 (自然人) than （七）总计 counts."""
    synthetic = example_report(T2021, seed=7)
    cells = dict(synthetic.cells)
    for cell in ("requests.granted.natural_person", "requests.granted.total"):
        value = cells[cell]
        assert isinstance(value, int)
        cells[cell] = value + 1
    synthetic = attrs.evolve(synthetic, cells=cells, published=datetime.date(2023, 1, 20))
    text = render_text(synthetic, Layout.TSV)
    return text, read_text(text, source="synthetic.txt")


def test_findings_of_a_text_report(text_report: tuple[str, Report]) -> None:
    text, report = text_report
    result = NATIONAL.check(report)
    findings = only(result, "NAT-B3")
    assert [f.instance for f in findings] == ["natural_person", "total"]
    lines = text.splitlines()
    spec = NATIONAL.rules["NAT-B3"].spec
    for finding in findings:
        assert finding.severity is Severity.ERROR
        assert finding.status is Status.FAIL
        assert finding.layer == "national"
        assert finding.ruleset == "national-arithmetic"
        assert finding.basis == spec.basis and finding.basis.strip()
        assert finding.title == spec.title
        # expected is the sum of the parts, actual the reported total (one less)
        assert isinstance(finding.expected, int) and isinstance(finding.actual, int)
        assert finding.expected == finding.actual + 1
        # both languages, every placeholder filled with the values
        for text_of in (finding.message.zh, finding.message.en):
            assert not PLACEHOLDER.search(text_of), text_of
            assert str(finding.actual) in text_of
            assert str(finding.expected) in text_of
        # the cells: the total first, then the parts, each with where it was read
        total = finding.cells[0]
        assert total.cell == f"requests.results_total.{finding.instance}"
        assert total.value == finding.actual
        assert f"requests.granted.{finding.instance}" in [c.cell for c in finding.cells]
        for ref in finding.cells:
            assert ref.line is not None and ref.column is not None and ref.text
            assert lines[ref.line - 1][ref.column - 1 :].startswith(ref.text), ref
            assert Decimal(ref.text) == ref.value
        assert finding.line == total.line
    zh, en = findings[0].message.zh, findings[0].message.en
    assert "自然人" in zh and "自然人" in en  # {column_label}


def test_the_same_text_without_the_error_is_clean(text_report: tuple[str, Report]) -> None:
    synthetic = attrs.evolve(example_report(T2021, seed=7), published=datetime.date(2023, 1, 20))
    report = read_text(render_text(synthetic, Layout.TSV), source="synthetic.txt")
    assert NATIONAL.check(report).findings == ()


# ---------------------------------------------------- a minimal report with provenance


def appeals_report(upheld: int | None, total: int) -> Report:
    """A report of nothing but the 行政复议 row, each cell with its position."""
    values = {"upheld": upheld, "corrected": 1, "other": 0, "pending": 0, "total": total}
    cells = {
        f"appeals.review.{column}": Cell(
            value, Provenance("" if value is None else str(value), line=40, column=1 + 4 * index)
        )
        for index, (column, value) in enumerate(values.items())
    }
    return Report(
        template="national-2021",
        meta=ReportMeta(body="某县某镇人民政府", year=2022),
        cells=cells,
        source="minimal",
    )


def test_a_blank_cell_in_a_failed_sum_is_named() -> None:
    result = NATIONAL.check(appeals_report(upheld=None, total=2))
    (finding,) = only(result, "NAT-C1")
    assert finding.instance == "review"
    assert finding.expected == 1 and finding.actual == 2
    assert "blank cells counted as 0: appeals.review.upheld" in finding.message.en
    assert "空白单元格按0计" in finding.message.zh and "appeals.review.upheld" in finding.message.zh
    blank = next(c for c in finding.cells if c.cell == "appeals.review.upheld")
    assert blank.blank and blank.value is None
    assert (blank.line, blank.column) == (40, 1)
    total = finding.cells[0]
    assert (total.cell, total.value, total.line, total.column) == (
        "appeals.review.total",
        2,
        40,
        17,
    )
    assert finding.line == 40


def test_a_blank_cell_in_a_sum_that_holds_is_not_reported() -> None:
    assert NATIONAL.check(appeals_report(upheld=None, total=1)).findings == ()


def test_a_failed_sum_without_blank_cells_does_not_mention_blanks() -> None:
    (finding,) = NATIONAL.check(appeals_report(upheld=0, total=2)).findings
    assert "blank" not in finding.message.en
    assert "空白" not in finding.message.zh


def test_a_failed_sum_of_figures_read_with_uncertainty_is_a_warning() -> None:
    """A misread row (glued digits, blank cells not printed) must not make the report
    invalid on the reader's guess: the finding stays, as a warning that says so."""
    report = appeals_report(upheld=0, total=2)
    total = report.cells["appeals.review.total"]
    unsure = attrs.evolve(
        report, cells={**report.cells, "appeals.review.total": attrs.evolve(total, uncertain=True)}
    )
    certain = NATIONAL.check(report)
    (finding,) = certain.findings
    assert finding.severity is Severity.ERROR and not finding.reading_uncertain
    assert not certain.valid
    result = NATIONAL.check(unsure)
    (finding,) = result.findings
    assert finding.severity is Severity.WARNING and finding.reading_uncertain
    assert result.valid
    assert "read with uncertainty, check the original: appeals.review.total" in finding.message.en
    assert "读取不确定" in finding.message.zh
    assert [c.cell for c in finding.cells if c.uncertain] == ["appeals.review.total"]
    record = finding_record(finding)
    assert record["severity"] == "warning" and record["reading_uncertain"] is True
    assert [loc["cell"] for loc in record["locations"] if loc["uncertain"]] == [
        "appeals.review.total"
    ]


def test_balance_findings_carry_both_sides() -> None:
    report = with_case(
        cells={"requests.carry_forward.natural_person": "+1", "requests.carry_forward.total": "+1"}
    )
    findings = only(NATIONAL.check(report), "NAT-B1")
    assert {f.instance for f in findings} == {"natural_person", "total"}
    for finding in findings:
        assert finding.actual == finding.expected + 1  # right side one more than the left
        assert str(finding.expected) in finding.message.en
        assert str(finding.actual) in finding.message.en


def test_range_findings_name_the_cell_and_value() -> None:
    report = with_case(cells={"proactive.fees.amount": "-100000"})
    (finding,) = only(NATIONAL.check(report), "NAT-A1F")
    assert [c.cell for c in finding.cells] == ["proactive.fees.amount"]
    assert finding.actual == finding.cells[0].value < 0
    assert str(finding.actual) in finding.message.en and "below 0" in finding.message.en


def test_note_findings_take_element_and_line_from_the_note() -> None:
    note = ParseNote(NoteCode.BLANK_CELL, "requests.new: blank", element="requests.new", line=31)
    report = attrs.evolve(clean_report(T2021), notes=(note,))
    (finding,) = only(NATIONAL.check(report), "NAT-E6")
    assert finding.line == 31
    cells = [c.cell for c in finding.cells]
    assert cells and all(c.startswith("requests.new.") for c in cells)
    assert finding.message.en.startswith("requests.new: blank")


def test_section_findings_point_at_the_section() -> None:
    report = clean_report(T2021)
    sections = tuple(
        attrs.evolve(s, text="无。", provenance=Provenance("六、其他需要报告的事项", line=77))
        if s.id == "other"
        else s
        for s in report.sections
    )
    (finding,) = only(NATIONAL.check(attrs.evolve(report, sections=sections)), "NAT-E11")
    assert finding.section == "other"
    assert finding.line == 77
    assert finding.cells == ()


def test_expr_findings_fill_values_and_report_metadata() -> None:
    report = with_case(meta={"level": "department", "year": 2022, "published": "2023-02-03"})
    (finding,) = only(NATIONAL.check(report), "NAT-E1A")
    assert finding.message.en == "Published on 2023-02-03, after the deadline 2023-01-31"
    assert finding.message.zh == "报告发布于2023-02-03，晚于2023-01-31"


@pytest.mark.parametrize(
    ("path", "index"),
    [
        (file.source, index)
        for file in case_files(CASES_DIR)
        for index, case in enumerate(file.case)
        if case.expect == "fail"
    ],
)
def test_every_failing_case_fills_every_placeholder(path: str, index: int) -> None:
    file = next(f for f in case_files(CASES_DIR) if f.source == path)
    case = file.case[index]
    info = NATIONAL.rules[file.rule]
    template = case.template or next(t for t in info.templates if t in BY_ID)
    result = NATIONAL.check(apply_case(clean_report(BY_ID[template]), case))
    assert result.findings
    for finding in result.findings:
        for text in (finding.message.zh, finding.message.en):
            assert not PLACEHOLDER.search(text), f"{file.rule}: {case.name}: {text}"


# ------------------------------------------------------------------------- validity


def test_valid_means_no_error_finding() -> None:
    clean = NATIONAL.check(clean_report(T2021))
    assert clean.valid and clean.complete and clean.findings == ()

    warning_only = NATIONAL.check(
        attrs.evolve(
            clean_report(T2021),
            notes=(ParseNote(NoteCode.SECTION_ORDER, "out of order", found="x"),),
        )
    )
    assert [f.severity for f in warning_only.findings] == [Severity.WARNING]
    assert warning_only.valid

    info_only = NATIONAL.check(
        attrs.evolve(
            clean_report(T2021),
            notes=(ParseNote(NoteCode.HEADING_VARIANT, "worded differently", found="x"),),
        )
    )
    assert [f.severity for f in info_only.findings] == [Severity.INFO]
    assert info_only.valid

    error = NATIONAL.check(with_case(cells={"appeals.review.upheld": "+1"}))
    assert [f.severity for f in error.findings] == [Severity.ERROR]
    assert not error.valid
    assert error.complete  # invalid, but every rule ran


def test_result_records_what_ran() -> None:
    result = NATIONAL.check(clean_report(T2021))
    assert result.template == "national-2021"
    assert result.rules_run == NATIONAL.plan("national-2021", 2022).instances > len(NATIONAL.rules)
    assert [layer.name for layer in result.stack] == ["national"]
    assert result.stack[0].rules == len(NATIONAL.rules)
    assert result.adjustments == ()


# ----------------------------------------------------------------------- Python rules


def _new_is_even(ctx: Context) -> list[Violation] | None:
    value = ctx.values.get("requests.new.total")
    if value is None or value % 2 == 0:
        return None
    return [Violation(cells=("requests.new.total",), values={"value": value})]


def _explodes(ctx: Context) -> None:
    raise KeyError("no such thing")


PY_OK = PythonRule(
    id="PY-EVEN",
    severity=Severity.WARNING,
    title=Message("新收申请数为偶数", "New applications are even"),
    message=Message("新收申请数为{value}", "{value} new applications is odd"),
    basis="测试",
    function=_new_is_even,
    reads=("requests.new.total",),
)
PY_CRASH = PythonRule(
    id="PY-BOOM",
    severity=Severity.INFO,
    title=Message("崩溃", "Crash"),
    message=Message("不会出现", "never shown"),
    basis="测试",
    function=_explodes,
)


def test_python_rules_run_and_crash_without_stopping_others() -> None:
    engine = Engine(
        [national_layer("1"), LayerSpec("py", "1", python_rules=(PY_CRASH, PY_OK))], TEMPLATES
    )
    report = with_case(
        cells={
            "requests.new.total": 1001,  # odd, and NAT-B4 (row) / NAT-B1 (column) fail too
        }
    )
    result = engine.check(report)
    national = NATIONAL.check(report)
    ids = [f.rule_id for f in result.findings]
    assert "PY-EVEN" in ids and "PY-BOOM" in ids
    (even,) = result.by_rule("PY-EVEN")
    assert even.message.en == "1001 new applications is odd"
    assert even.severity is Severity.WARNING and even.status is Status.FAIL
    assert even.layer == "py" and even.ruleset == "py:python"
    assert even.cells[0].cell == "requests.new.total" and even.cells[0].value == 1001
    (boom,) = result.by_rule("PY-BOOM")
    assert boom.status is Status.CRASH
    assert boom.severity is Severity.ERROR  # a crash is an error whatever the rule's level
    assert "KeyError" in boom.message.en and "test_engine_findings.py" in boom.message.en
    assert not result.complete and not result.valid
    rest = tuple(f for f in result.findings if not f.rule_id.startswith("PY-"))
    assert rest == national.findings and national.findings
    assert result.rules_run == national.rules_run + 2


def test_python_rule_ids_cannot_clash() -> None:
    from disclosure_core.rules.loader import RulesetError

    clash = attrs.evolve(PY_OK, id="NAT-B1")
    with pytest.raises(RulesetError) as caught:
        Engine([national_layer("1"), LayerSpec("py", "1", python_rules=(clash,))], TEMPLATES)
    assert "NAT-B1" in str(caught.value) and "national" in str(caught.value)


# ----------------------------------------------------------------- relevel and disable

RELEVEL = """
[[relevel]]
rule = "NAT-C1"
severity = "warning"
reason = "本省复议数据由司法部门另行统计"
"""

DISABLE = """
[[disable]]
rule = "NAT-C1"
reason = "本省不填报表四"
basis = "某省政务公开办〔2023〕1号"
"""

APPEALS_ERROR = {"appeals.review.upheld": "+1"}


def test_relevel_changes_severity_and_is_recorded() -> None:
    engine = Engine([national_layer("1"), plugin_layer(RELEVEL)], TEMPLATES)
    result = engine.check(with_case(cells=APPEALS_ERROR))
    (finding,) = only(result, "NAT-C1")
    assert finding.severity is Severity.WARNING
    assert finding.relevelled_from is Severity.ERROR
    assert finding.layer == "national"  # the rule still belongs to its layer
    assert result.valid  # only a warning now
    assert result.adjustments == (
        Adjustment(
            "relevel",
            "NAT-C1",
            "plugin",
            "本省复议数据由司法部门另行统计",
            None,
            "error",
            "warning",
        ),
    )
    assert engine.rules["NAT-C1"].severity is Severity.WARNING
    # the national engine is not affected
    (national,) = NATIONAL.check(with_case(cells=APPEALS_ERROR)).findings
    assert national.severity is Severity.ERROR and national.relevelled_from is None


def test_two_relevels_remember_the_original_severity() -> None:
    county = RELEVEL.replace('"warning"', '"info"').replace("本省", "本县")
    engine = Engine(
        [national_layer("1"), plugin_layer(RELEVEL, "province"), plugin_layer(county, "county")],
        TEMPLATES,
    )
    (finding,) = engine.check(with_case(cells=APPEALS_ERROR)).findings
    assert finding.severity is Severity.INFO
    assert finding.relevelled_from is Severity.ERROR
    assert [(a.layer, a.old, a.new) for a in engine.adjustments] == [
        ("province", "error", "warning"),
        ("county", "warning", "info"),
    ]


def test_disable_removes_findings_and_is_recorded() -> None:
    engine = Engine([national_layer("1"), plugin_layer(DISABLE)], TEMPLATES)
    report = with_case(cells=APPEALS_ERROR)
    result = engine.check(report)
    assert result.findings == ()
    assert result.valid and result.complete
    assert result.adjustments == (
        Adjustment("disable", "NAT-C1", "plugin", "本省不填报表四", "某省政务公开办〔2023〕1号"),
    )
    assert result.rules_run == NATIONAL.check(report).rules_run - 3  # one per appeals row
    assert engine.rules["NAT-C1"].disabled_by == result.adjustments[0]


# ---------------------------------------------------------------------------- [[set]]


def set_layer(text: str) -> LayerSpec:
    """A province layer of ``[[set]]``s."""
    return plugin_layer(text, "province")


def department(year: int, published: str) -> Report:
    return with_case(meta={"level": "department", "year": year, "published": published})


def test_set_by_year_changes_the_deadline_from_a_year_on() -> None:
    by_year = """
[[set]]
param = "deadline_department"
by_year = { "2023" = "02-28" }
reason = "本省自2023年度起2月底前公布"
"""
    engine = Engine([national_layer("1"), set_layer(by_year)], TEMPLATES)
    assert engine.params_for(2022)["deadline_department"] == "01-31"
    assert engine.params_for(2023)["deadline_department"] == "02-28"
    assert engine.params_for(2030)["deadline_department"] == "02-28"
    assert engine.params_for(None)["deadline_department"] == "01-31"

    # a 2022 report: the national deadline still applies
    late_2022 = engine.check(department(2022, "2023-02-15"))
    (finding,) = only(late_2022, "NAT-E1A")
    assert "2023-01-31" in finding.message.en
    # a 2023 report published on the same day of the year is now in time
    assert engine.check(department(2023, "2024-02-15")).findings == ()
    assert engine.check(department(2023, "2024-02-28")).findings == ()
    (finding,) = only(engine.check(department(2023, "2024-02-29")), "NAT-E1A")
    assert "2024-02-28" in finding.message.en
    # the national engine keeps 1月31日 for every year
    only(NATIONAL.check(department(2023, "2024-02-15")), "NAT-E1A")

    (adjustment,) = late_2022.adjustments
    assert (adjustment.verb, adjustment.target, adjustment.layer) == (
        "set",
        "deadline_department",
        "province",
    )
    assert adjustment.reason == "本省自2023年度起2月底前公布"
    assert "02-28" in (adjustment.new or "")


def test_set_value_and_by_year_together() -> None:
    both = """
[[set]]
param = "deadline_department"
value = "02-10"
by_year = { "2024" = "03-01" }
reason = "x"
"""
    engine = Engine([national_layer("1"), set_layer(both)], TEMPLATES)
    assert engine.params_for(2022)["deadline_department"] == "02-10"
    assert engine.params_for(2024)["deadline_department"] == "03-01"
    assert engine.check(department(2022, "2023-02-10")).findings == ()
    only(engine.check(department(2022, "2023-02-11")), "NAT-E1A")


def test_set_of_a_word_list_changes_a_pattern_rule() -> None:
    words = """
[[set]]
param = "fee_words"
value = ["信息处理费"]
reason = "本省要求写明信息处理费"
"""
    engine = Engine([national_layer("1"), set_layer(words)], TEMPLATES)
    report = with_case(sections={"other": "本年度未收取处理费。"})
    assert NATIONAL.check(report).findings == ()
    only(engine.check(report), "NAT-E11")


# ------------------------------------------------------------------------------ guards


@pytest.mark.parametrize(
    "meta",
    [
        {"level": None, "published": datetime.date(2023, 12, 31)},
        {"level": Level.COUNTY, "published": None},
        {"level": Level.DEPARTMENT, "published": None},
        {"level": Level.TOWNSHIP, "published": None},
    ],
    ids=["no-level", "county-no-date", "department-no-date", "township-no-date"],
)
def test_deadline_rules_skip_reports_without_level_or_date(meta: dict[str, Any]) -> None:
    report = clean_report(T2021)
    report = attrs.evolve(report, meta=attrs.evolve(report.meta, **meta))
    assert NATIONAL.check(report).findings == ()


@pytest.mark.parametrize("level", ["township", "county", "department"])
def test_deadline_rules_skip_reports_without_a_year(level: str) -> None:
    report = clean_report(T2021)
    report = attrs.evolve(report, meta=attrs.evolve(report.meta, year=None, level=Level(level)))
    result = NATIONAL.check(report)
    assert result.complete
    assert result.findings == ()


def test_a_report_in_no_national_format_gets_only_the_any_template_rules() -> None:
    note = ParseNote(NoteCode.NOT_NATIONAL_FORMAT, "not a national format")
    report = Report(
        template=None,
        meta=ReportMeta(level=Level.DEPARTMENT, year=2022, published=datetime.date(2023, 6, 1)),
        sections=(Section("other", "六、其他", "无。", "六、"),),
        notes=(note,),
    )
    result = NATIONAL.check(report)
    (finding,) = only(result, "NAT-NF")
    assert "not a national format" in finding.message.en
    assert finding.layer == "national" and finding.ruleset == "national-conformance"
    any_template = [info.id for info in NATIONAL.rules.values() if "*" in info.templates]
    assert "NAT-NF" in any_template
    assert result.rules_run == len(any_template)


# ------------------------------------------------------------------------ determinism


def busy_report() -> Report:
    report = with_case(
        cells={
            "requests.granted.natural_person": "+1",
            "requests.granted.total": "+1",
            "appeals.review.upheld": "+1",
            "proactive.fees.amount": "-100000",
        },
        meta={"level": "department", "year": 2022, "published": "2023-03-01"},
        sections={"other": "无。"},
    )
    notes = (
        ParseNote(NoteCode.SECTION_ORDER, "out of order", found="x"),
        ParseNote(NoteCode.HEADING_VARIANT, "worded", found="y", element="problems"),
        ParseNote(NoteCode.BLANK_CELL, "blank", element="requests.new"),
    )
    return attrs.evolve(report, notes=notes)


def test_results_are_deterministic() -> None:
    report = busy_report()
    first = NATIONAL.check(report)
    assert len({f.rule_id for f in first.findings}) >= 7
    for _ in range(3):
        assert NATIONAL.check(report) == first
    # a fresh engine (a fresh compile) gives the same findings in the same order
    again = Engine([national_layer("1")], TEMPLATES).check(busy_report())
    assert again.findings == first.findings
    assert [f.fingerprint for f in again.findings] == [f.fingerprint for f in first.findings]
    assert len({f.fingerprint for f in first.findings}) == len(first.findings)


def test_findings_follow_rule_order() -> None:
    result = NATIONAL.check(busy_report())
    order = list(NATIONAL.rules)
    positions = [order.index(f.rule_id) for f in result.findings]
    assert positions == sorted(positions)


def test_distinct_findings_have_distinct_fingerprints() -> None:
    notes = (
        ParseNote(NoteCode.EXTRA_ROW, "a", element="requests", found="小计", line=40),
        ParseNote(NoteCode.EXTRA_ROW, "b", element="requests", found="合计", line=55),
    )
    result = NATIONAL.check(attrs.evolve(clean_report(T2021), notes=notes))
    first, second = only(result, "NAT-E7D")
    assert first.message != second.message
    assert first.fingerprint != second.fingerprint


# ------------------------------------------------------------- expression functions

NOTE_RULE = """
[[rule]]
id = "PLUGIN-YEAR"
kind = "expr"
severity = "warning"
check = "not note('year', 'conflict')"
title = { zh = "年度不一致", en = "Years conflict" }
message = { zh = "年度不一致", en = "The years conflict" }
basis = "测试"
"""


def test_note_function_without_notes() -> None:
    engine = Engine([plugin_layer(NOTE_RULE)], TEMPLATES)
    assert engine.check(clean_report(T2021)).findings == ()


@pytest.mark.parametrize(
    ("variant", "fires"), [("conflict", True), ("title", False)], ids=["conflict", "title"]
)
def test_note_function_sees_notes(variant: str, fires: bool) -> None:
    engine = Engine([plugin_layer(NOTE_RULE)], TEMPLATES)
    note = ParseNote(NoteCode.YEAR, "years", variant=variant, found="2022")
    result = engine.check(attrs.evolve(clean_report(T2021), notes=(note,)))
    assert result.complete
    assert [f.rule_id for f in result.findings] == (["PLUGIN-YEAR"] if fires else [])


# ------------------------------------------------------- questionable rule behaviour


def test_q12_does_not_call_blank_figures_zero() -> None:
    report = clean_report(T2021)
    cells = {
        cell_id: (Cell(None) if cell_id.startswith("proactive.") else cell)
        for cell_id, cell in report.cells.items()
    }
    result = NATIONAL.check(attrs.evolve(report, cells=cells))
    assert "NAT-Q12" not in result.rule_ids()


def test_e14_accepts_platform_wording_of_real_reports() -> None:
    overview = (
        "（一）主动公开方面。全年主动公开政府信息2645条。"
        "（二）依申请公开方面。本年度共收到70件申请。"
        "（三）政府信息管理方面。落实政府信息发布审核制度。"
        "（四）平台载体建设方面。不断调整优化政府网站与政务新媒体栏目设置。"
        "（五）监督保障方面。常态化开展督查检查。"
    )
    result = NATIONAL.check(with_case(sections={"overview": overview}))
    assert result.findings == ()
