"""A table's last values glued to a heading the template does not know.

Flattened page text (a crawler's, the whole body on one line) glues every cell to the
next: a table's last row runs into the next section's heading. When that heading is a
wording the template lists, the heading's label ends the run; when it is not, the run
is followed by text, and it must still be read as the row's values, not as a number
of a sentence (13件, 2024年).
"""

from __future__ import annotations

import pytest

from disclosure_core import read_text
from disclosure_core.api import builtin_templates
from disclosure_core.model.report import NoteCode
from disclosure_core.recognize import sections
from disclosure_core.testing import Layout, example_report, render_text

NATIONAL_2021 = {template.id: template for template in builtin_templates()}["national-2021"]
KNOWN = "四、政府信息公开行政复议、行政诉讼情况"
COLUMNS = (
    "natural_person", "commercial", "research", "public_interest", "legal_services",
    "other_org", "total",
)  # fmt: skip


def glued_report_with_heading(heading: str) -> tuple[str, dict[str, object]]:
    report = example_report(NATIONAL_2021, seed=1)
    text = render_text(report, Layout.GLUED)
    assert text.count(KNOWN) == 1
    return text.replace(KNOWN, heading), dict(report.cells)


def test_values_glued_to_an_unknown_heading_are_the_rows() -> None:
    text, truth = glued_report_with_heading("四、政府信息公开工作被复议被诉讼情况")
    report = read_text(text)
    for column in COLUMNS:
        key = f"requests.carry_forward.{column}"
        assert report.value(key) == truth[key]
    assert not [n for n in report.notes if n.code is NoteCode.BLANK_CELL]


def test_the_appeals_heading_may_join_its_parts_with_yu() -> None:
    text, _ = glued_report_with_heading("四、政府信息公开行政复议与行政诉讼情况")
    report = read_text(text)
    assert "appeals" in {section.id for section in report.sections}
    assert not [n for n in report.notes if n.code is NoteCode.MISSING_SECTION]


PROBLEMS = "五、存在的主要问题及改进情况"


def section_ids(text: str) -> list[str]:
    return [section.id for section in read_text(text).sections]


def test_a_heading_with_a_typo_is_its_section() -> None:
    text, _ = glued_report_with_heading("四、政府信息公开行政法复议、行政诉讼情况")
    report = read_text(text)
    (appeals,) = [section for section in report.sections if section.id == "appeals"]
    assert appeals.heading == "政府信息公开行政法复议、行政诉讼情况"
    assert not [n for n in report.notes if n.code is NoteCode.MISSING_SECTION]
    (variant,) = [n for n in report.notes if n.code is NoteCode.HEADING_VARIANT]
    assert variant.element == "appeals"


def test_a_heading_with_its_own_ending_is_its_section() -> None:
    text, _ = glued_report_with_heading(KNOWN)
    assert text.count(PROBLEMS) == 1
    report = read_text(text.replace(PROBLEMS, "五、存在的主要问题及明年工作计划"))
    (problems,) = [section for section in report.sections if section.id == "problems"]
    assert problems.heading == "存在的主要问题及明年工作计划"
    assert not [n for n in report.notes if n.code is NoteCode.MISSING_SECTION]


def test_another_text_under_the_ordinal_is_no_heading() -> None:
    text, _ = glued_report_with_heading(KNOWN)
    report = read_text(text.replace(PROBLEMS, "五、加强队伍建设工作"))
    assert "problems" not in [section.id for section in report.sections]
    assert [n.element for n in report.notes if n.code is NoteCode.MISSING_SECTION] == ["problems"]


def test_the_places_looked_at_after_an_ordinal_are_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # untrusted text may repeat an ordinal without end: each place costs a comparison
    calls = []
    original = sections._near_length

    def counting(*args: object) -> tuple[int, bool]:
        calls.append(args)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(sections, "_near_length", counting)
    text = "某县2023年政府信息公开工作年度报告\n一、总体情况\n" + "四、某某某某某某某某某某" * 1000
    read_text(text)
    # 四 and 五 … 六 are missing: each section looks at its ordinal's places, bounded
    assert 0 < len(calls) <= sections._NEAR_TRIES * 6


def test_a_row_named_with_a_figure_in_a_sentence_is_a_mention() -> None:
    # A web excerpt's half-width punctuation: 行政处罚1,回复公众诉求件9 names 行政处罚 in a
    # sentence (a figure, then a comma and words), not the row with its value; a row's
    # values written 1,234 or 1,2,3 are no sentence.
    report = example_report(NATIONAL_2021, seed=1)
    text = render_text(report, Layout.TSV)
    heading = "二、主动公开政府信息情况\n"
    sentence = "全年主动公开信息66条，其中行政许可事项3条、行政处罚1,回复公众诉求件9。\n"
    read = read_text(text.replace(heading, heading + sentence, 1))
    assert not list(read.notes_with(NoteCode.UNASSIGNED_VALUES))
    assert (
        read.value("proactive.penalties.decisions") == report.cells["proactive.penalties.decisions"]
    )
    licensing = report.cells["proactive.licensing.decisions"]
    assert isinstance(licensing, int)
    thousands = text.replace(f"行政许可\t{licensing}\n", f"行政许可\t1,{licensing:03d}\n", 1)
    assert thousands != text
    assert read_text(thousands).value("proactive.licensing.decisions") == 1000 + licensing
