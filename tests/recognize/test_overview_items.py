"""Items of the overview named like the sections after it.

Many reports list the overview's items under the national format's own headings
(（一）主动公开政府信息情况, （五）因政府信息公开申请行政复议、提起行政诉讼的情况) before the
sections themselves (二、主动公开政府信息情况). Those items are no section headings:
the section starts at its own heading, and the overview keeps its items.
"""

from __future__ import annotations

from disclosure_core import read_text
from disclosure_core.api import builtin_templates
from disclosure_core.model.report import NoteCode, Report
from disclosure_core.testing import Layout, example_report, render_text

TEMPLATES = {template.id: template for template in builtin_templates()}


def _with_overview_items(items: str, template_id: str = "national-2021") -> tuple[str, Report]:
    report = example_report(TEMPLATES[template_id], seed=2)
    text = render_text(report, Layout.TSV)
    heading = "一、总体情况\n"
    assert text.count(heading) == 1
    return text.replace(heading, heading + items, 1), report


def _section(report: Report, section_id: str) -> str:
    return next(section.text for section in report.sections if section.id == section_id)


def test_an_overview_item_named_like_a_later_section_stays_in_the_overview() -> None:
    items = "（一）主动公开政府信息情况。全年主动公开政府信息52条。\n"
    text, truth = _with_overview_items(items)
    read = read_text(text)
    assert "全年主动公开政府信息52条" in _section(read, "overview")
    assert "全年主动公开政府信息52条" not in _section(read, "proactive")
    assert not list(read.notes_with(NoteCode.HEADING_NUMBER))
    assert {k: read.value(k) for k in truth.cells} == dict(truth.cells)


def test_an_overview_item_before_an_earlier_sections_heading_is_no_heading() -> None:
    # An excerpt cut before 四、: the overview's item （五）… is not section 四 (it would
    # stand before section 二, out of order).
    items = (
        "（一）主动公开政府信息情况。全年主动公开政府信息52条。\n"
        "（五）因政府信息公开申请行政复议、提起行政诉讼的情况。全年未发生。\n"
    )
    text, _ = _with_overview_items(items)
    cut = text[: text.index("三、收到和处理政府信息公开申请情况")]
    read = read_text(cut)
    assert "appeals" not in {section.id for section in read.sections}
    assert "全年未发生" in _section(read, "overview")
    assert not list(read.notes_with(NoteCode.SECTION_ORDER))
    assert not list(read.notes_with(NoteCode.HEADING_NUMBER))


def test_a_section_numbered_as_an_item_is_still_found_without_its_own_heading() -> None:
    # The seed report's way: section 三 printed as （三）收到和处理…, and no 三、 anywhere.
    text, truth = _with_overview_items("")
    text = text.replace(
        "三、收到和处理政府信息公开申请情况", "（三）收到和处理政府信息公开申请情况"
    )
    read = read_text(text)
    assert "requests" in {section.id for section in read.sections}
    [note] = read.notes_with(NoteCode.HEADING_NUMBER)
    assert note.element == "requests"
    assert {k: read.value(k) for k in truth.cells} == dict(truth.cells)


def test_the_preambles_list_of_parts_is_no_headings() -> None:
    # 本报告主要内容包括：1.总体情况；2.主动公开…；3.收到和处理… in the preamble names the
    # sections in figures. In an excerpt cut inside table 二, none of 三 to 六 is there.
    parts = "；".join(
        f"{n}.{heading}"
        for n, heading in enumerate(
            [
                "总体情况",
                "主动公开政府信息情况",
                "收到和处理政府信息公开申请情况",
                "政府信息公开行政复议、行政诉讼情况",
                "存在的主要问题及改进情况",
                "其他需要报告的事项",
            ],
            start=1,
        )
    )
    text, truth = _with_overview_items("")
    text = text.replace("一、总体情况\n", f"本报告主要内容包括：{parts}。\n一、总体情况\n", 1)
    cut = text[: text.index("三、收到和处理政府信息公开申请情况")]
    read = read_text(cut)
    assert [section.id for section in read.sections if section.id != "preamble"] == [
        "overview",
        "proactive",
    ]
    assert not list(read.notes_with(NoteCode.SECTION_ORDER))
    proactive = {k: v for k, v in truth.cells.items() if k.startswith("proactive.")}
    assert {k: read.value(k) for k in proactive} == proactive
