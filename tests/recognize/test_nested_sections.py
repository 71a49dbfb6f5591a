"""A plugin's section nested in a national one (Shanxi's 要点 part inside 六)."""

from __future__ import annotations

from disclosure_core.api import ReportReader, builtin_templates
from disclosure_core.model.report import NoteCode
from disclosure_core.plugins import TemplateExtension, extend_template
from disclosure_core.templates.spec import SectionSpec

BASE = next(t for t in builtin_templates() if t.id == "national-2021")
PART = SectionSpec(
    id="county_part", number="", heading="县定事项落实情况", required=True, parent="other"
)
EXTENDED = extend_template(
    BASE, TemplateExtension("county-2021", "national-2021", "县格式", "县通知", sections=(PART,))
)
READER = ReportReader([*builtin_templates(), EXTENDED])

REPORT = """某县某局2022年政府信息公开工作年度报告
一、总体情况
本年度工作有序开展。
六、其他需要报告的事项
本年度未收取信息处理费。
{part}"""


def missing(text: str) -> list[str]:
    report = READER.read_text(text, template="county-2021")
    return [n.message for n in report.notes if n.code is NoteCode.MISSING_SECTION]


def test_a_required_nested_section_that_is_there_is_not_missing() -> None:
    report = READER.read_text(
        REPORT.format(part="县定事项落实情况\n已落实。"), template="county-2021"
    )
    assert report.section("county_part") is not None
    assert not [m for m in missing(REPORT.format(part="县定事项落实情况\n已落实。")) if "县定" in m]


def test_a_required_nested_section_that_is_absent_is_missing_once() -> None:
    messages = [m for m in missing(REPORT.format(part="")) if "县定事项" in m]
    # no stray "、" before a heading that has no number
    assert messages == ["no heading found for section 县定事项落实情况"]
