"""One focused test per layout quirk of the corpus README.

Each test reads a small hand-written synthetic report in one of the real layouts
("Table layouts" 1-10, "Characters, blanks, numbers", "Label and template variants")
with :func:`disclosure_core.read_text` and checks the exact cell values and the parse
notes. No text of the real reports is used: titles, bodies and figures are invented,
only the *shapes* follow the corpus.

Tests marked ``xfail(strict=True, reason="BUG: ...")`` pin down bugs found while
writing them; each holds a minimal reproduction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

import pytest

from disclosure_core import read_text
from disclosure_core.model.report import NoteCode, ParseNote, Report
from disclosure_core.recognize.normalize import compact
from disclosure_core.templates import TemplateSpec

# --------------------------------------------------------------------- helpers

APPLICANTS = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_services",
    "other_org",
    "total",
)
APPEALS_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


def head(year: int, body: str = "某县某镇人民政府", sep: str = "\n") -> str:
    """A title line with the year and the 统计期限 sentence."""
    return (
        f"{body}{year}年政府信息公开工作年度报告{sep}"
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。{sep}"
    )


def row(table_row: str, *values: int | Decimal | None, columns: Iterable[str] = APPLICANTS):
    """Expected cells of one row: ``{"requests.new.natural_person": 5, ...}``."""
    names = tuple(columns)
    assert len(names) == len(values), (names, values)
    return {f"{table_row}.{column}": value for column, value in zip(names, values, strict=True)}


def cells(report: Report, prefix: str = "") -> dict[str, object]:
    return {key: cell.value for key, cell in report.cells.items() if key.startswith(prefix)}


def notes(report: Report, code: NoteCode, element: str | None = None) -> list[ParseNote]:
    return [
        note
        for note in report.notes
        if note.code is code and (element is None or note.element == element)
    ]


def uncertain(report: Report) -> set[str]:
    return {key for key, cell in report.cells.items() if cell.uncertain}


def assert_subset(report: Report, expected: Mapping[str, object]) -> None:
    got = {key: report.value(key) for key in expected}
    missing = [key for key in expected if key not in report.cells]
    assert not missing, f"cells not read: {missing}"
    assert got == dict(expected)


def _row_labels(template: TemplateSpec, cell_id: str) -> list[str]:
    table_id, rest = cell_id.split(".", 1)
    row_id = rest.rsplit(".", 1)[0]
    table = next(t for t in template.tables if t.id == table_id)
    for spec in table.rows:
        if spec.id == row_id:
            return [spec.label, *(variant.text for variant in spec.variants)]
    for group in table.groups:
        if group.id == row_id:
            return [group.label, *(variant.text for variant in group.variants)]
    raise AssertionError(f"{cell_id} names no row of {template.id}")


def cells_without_label(report: Report, text: str, template: TemplateSpec) -> list[str]:
    """Cell IDs whose row label (or a variant of it) does not occur in ``text``."""
    haystack = compact(text)
    return sorted(
        cell_id
        for cell_id in report.cells
        if not any(compact(label) in haystack for label in _row_labels(template, cell_id))
    )


# Header rows of the 申请 table as each layout prints them.
REQUESTS_HEADER_TSV = (
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
    "自然人\t法人或其他组织\t总计\n"
    "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n"
)


# ============================================================ 1. tab-separated rows


def test_tsv_rows_with_empty_cells_and_group_label_on_first_row() -> None:
    text = head(2022) + (
        "三、收到和处理政府信息公开申请情况\n"
        + REQUESTS_HEADER_TSV
        + "一、本年新收政府信息公开申请数量\t5\t1\t\t\t\t\t6\n"
        "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
        # the group label spans its rows: only the first row has it (one cell more)
        "三、本年度办理结果\t（一）予以公开\t3\t1\t\t\t\t\t\n"
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t1\t0\t0\t0\t0\t0\t\n"
        "（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n"
        "2.其他法律行政法规禁止公开\t1\t0\t0\t0\t0\t0\t1\n"
        "（七）总计\t5\t1\t0\t0\t0\t0\t6\n"
        "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
    )
    report = read_text(text)
    assert report.template == "national-2021"
    assert report.meta.year == 2022
    assert cells(report, "requests.") == {
        **row("requests.new", 5, 1, None, None, None, None, 6),
        **row("requests.carried_over", 0, 0, 0, 0, 0, 0, 0),
        **row("requests.granted", 3, 1, None, None, None, None, None),
        **row("requests.partially_granted", 1, 0, 0, 0, 0, 0, None),
        **row("requests.withheld.state_secret", 0, 0, 0, 0, 0, 0, 0),
        **row("requests.withheld.prohibited_by_law", 1, 0, 0, 0, 0, 0, 1),
        **row("requests.results_total", 5, 1, 0, 0, 0, 0, 6),
        **row("requests.carry_forward", 0, 0, 0, 0, 0, 0, 0),
    }
    assert not uncertain(report)
    blank_rows = {note.element for note in notes(report, NoteCode.BLANK_CELL)}
    assert blank_rows == {"requests.new", "requests.granted", "requests.partially_granted"}


def test_tsv_blank_cells_are_blank_not_zero() -> None:
    text = head(2022) + (
        "二、主动公开政府信息情况\n"
        "第二十条第（一）项\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "规章\t\t\t\n"
        "行政规范性文件\t2\t\t14\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    report = read_text(text)
    assert cells(report, "proactive.") == {
        "proactive.regulations.issued": None,
        "proactive.regulations.repealed": None,
        "proactive.regulations.in_force": None,
        "proactive.normative_documents.issued": 2,
        "proactive.normative_documents.repealed": None,
        "proactive.normative_documents.in_force": 14,
    }
    # blank cells are present (the row was printed) and said so, never zero
    assert all(report.cells[k].is_blank for k in report.cells if ".regulations." in k)
    assert {n.element for n in notes(report, NoteCode.BLANK_CELL)} == {
        "proactive.regulations",
        "proactive.normative_documents",
    }


def test_tsv_appeals_row_starting_with_a_blank_cell() -> None:
    text = head(2022) + (
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议\t行政诉讼\n"
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n"
        + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
        + "\n"
        + "\t".join(["", "2", "0", "0", "2", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"])
        + "\n五、存在的主要问题及改进情况\n无。\n"
    )
    report = read_text(text)
    assert cells(report, "appeals.") == {
        **row("appeals.review", None, 2, 0, 0, 2, columns=APPEALS_COLUMNS),
        **row("appeals.litigation_direct", 1, 0, 0, 0, 1, columns=APPEALS_COLUMNS),
        **row("appeals.litigation_after_review", 0, 0, 0, 0, 0, columns=APPEALS_COLUMNS),
    }


# ============================================================ 2. `a | b |` rows


def test_pipe_rows_with_trailing_padding_and_clipped_headers() -> None:
    text = head(2020) + (
        "二、主动公开政府信息情况\n"
        "第二十条第（一）项 | ||||\n"
        # clipped header cells, as 020 prints them
        "信息内容 | 本年新 | 本年新 | 对外公开总数量 |\n"
        "规章 | 0 | 0 | 2 |\n"
        "规范性文件 | 3 | 1 | 27 |\n"
        "第二十条第（五）项 | ||||\n"
        "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n"
        "行政许可 | 152 | -4 | 140 |\n"
        "其他对外管理服务事项 | 0 | 0 | 0 |\n"
        "三、收到和处理政府信息公开申请情况\n"
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 "
        "| ||||||\n"
        "自然人 | 法人或其他组织 | 总计 | |||||\n"
        "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | ||\n"
        "一、本年新收政府信息公开申请数量 | 12 | 2 | 0 | 0 | 1 | 0 | 15 |\n"
        "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
    )
    report = read_text(text)
    assert report.template == "national-2019"
    assert report.meta.year == 2020
    assert cells(report) == {
        **row("proactive.regulations", 0, 0, 2, columns=("made", "published", "total_published")),
        **row(
            "proactive.normative_documents",
            3,
            1,
            27,
            columns=("made", "published", "total_published"),
        ),
        **row("proactive.licensing", 152, -4, 140, columns=("prior_items", "change", "decisions")),
        **row("proactive.other_services", 0, 0, 0, columns=("prior_items", "change", "decisions")),
        **row("requests.new", 12, 2, 0, 0, 1, 0, 15),
        **row("requests.carried_over", 1, 0, 0, 0, 0, 0, 1),
    }
    assert not uncertain(report)
    assert [n.element for n in notes(report, NoteCode.SIGNED)] == ["proactive.licensing.change"]


# ============================================================ 3. one cell per line


def test_one_cell_per_line_with_blank_lines_stray_spaces_and_split_labels() -> None:
    lines = [
        "某县某镇人民政府2020年政府信息公开工作年度报告",
        "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
        "二、主动公开政府信息情况",
        "第二十条第(一)项",
        "信息内容",
        "本年新\n制作数量",
        "本年新\n公开数量",
        "对外公开总数量",
        "规章",
        "  0",
        "0 ",
        "4",
        "规范性文件",
        "2",
        " 2",
        "31 ",
        "三、收到和处理政府信息公开申请情况",
        "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "总计",
        "商业\n\n企业",
        "科研\n\n机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "一、本年新收政府信息公开申请数量",
        *["3", " 0", "0", "0 ", "0", "0", "3"],
        "(三)\n\n不予公开",
        "1.属于国家秘密",
        *["0", "0", "0", "0", "0", "0", "0"],
        "2.其他法律行政法规禁止公开",
        *["1", "0", "0", "0", "0", "0", "1"],
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    report = read_text("\n\n".join(lines) + "\n")
    assert report.template == "national-2019"
    assert report.meta.year == 2020
    made = ("made", "published", "total_published")
    assert cells(report) == {
        **row("proactive.regulations", 0, 0, 4, columns=made),
        **row("proactive.normative_documents", 2, 2, 31, columns=made),
        **row("requests.new", 3, 0, 0, 0, 0, 0, 3),
        **row("requests.withheld.state_secret", 0, 0, 0, 0, 0, 0, 0),
        **row("requests.withheld.prohibited_by_law", 1, 0, 0, 0, 0, 0, 1),
    }
    assert not uncertain(report)
    # the half-width labels and the header split over lines are still the template's
    assert not notes(report, NoteCode.UNASSIGNED_VALUES)
    assert not notes(report, NoteCode.EXTRA_ROW)


def test_one_cell_per_line_with_blank_markers() -> None:
    lines = [
        head(2022, sep="\n\n"),
        "二、主动公开政府信息情况",
        "第二十条第（八）项",
        "信息内容",
        "本年收费金额（单位：万元）",
        "行政事业性收费",
        "—",
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量",
        *["2", "—", "/", "无", "0", "-", "2"],
        "二、上年结转政府信息公开申请数量",
        *["0", "0", "0", "0", "0", "0", "0"],
    ]
    report = read_text("\n\n".join(lines))
    assert cells(report) == {
        "proactive.fees.amount": None,
        **row("requests.new", 2, None, None, None, 0, None, 2),
        **row("requests.carried_over", 0, 0, 0, 0, 0, 0, 0),
    }


def test_one_cell_per_line_label_ending_in_a_quote_anchors_its_values() -> None:
    lines = [
        head(2022, sep="\n\n"),
        "三、收到和处理政府信息公开申请情况",
        "2.其他法律行政法规禁止公开",
        *["0", "—", "—", "0", "—", "—", "—"],
        "3.危及“三安全一稳定”",
        *["—", "—", "0", "—", "—", "0", "38"],
        "4.保护第三方合法权益",
        *["—"] * 7,
        "5.属于三类内部事务信息",
        *["1", "0", "0", "0", "0", "0", "1"],
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    report = read_text("\n\n".join(lines))
    assert_subset(
        report,
        {
            **row("requests.withheld.security_stability", None, None, 0, None, None, 0, 38),
            **row("requests.withheld.third_party", *[None] * 7),
        },
    )


# ============================================================ 4. cells alternating with `|`


def test_cells_alternating_with_pipe_lines() -> None:
    cells_ = [
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容",
        "本年制发\n件数",
        "本年废止\n件数",
        "现行有效\n件数",
        "规章",
        "0",
        "1",
        "5",
        "行政规范性文件",
        "2",
        "0",
        "44",
        "第二十条第（八）项",
        "信息内容",
        "本年收费金额（单位：万元）",
        "行政事业性收费",
        "0.5",
    ]
    text = head(2022) + "\n|\n".join(cells_) + "\n|\n三、收到和处理政府信息公开申请情况\n"
    report = read_text(text)
    assert report.template == "national-2021"
    issued = ("issued", "repealed", "in_force")
    assert cells(report) == {
        **row("proactive.regulations", 0, 1, 5, columns=issued),
        **row("proactive.normative_documents", 2, 0, 44, columns=issued),
        "proactive.fees.amount": Decimal("0.5"),
    }
    assert not uncertain(report)


# ============================================================ 5. cells ending ` |`


def test_cells_ending_with_pipe_and_separator_lines() -> None:
    text = head(2022) + (
        "二、主动公开政府信息情况\n"
        "第二十条第（一）项 |\n|||\n"
        "信息内容 |\n本年制发件数 |\n本年废止件数 |\n现行有效件数 |\n"
        "规章 |\n0 |\n0 |\n1 |\n"
        "行政规范性文件 |\n6 |\n2 |\n38 |\n"
        "第二十条第（六）项 |\n|||\n"
        "信息内容 |\n本年处理决定数量 |\n||\n"
        "行政处罚 |\n17 |\n"
        "行政强制 |\n3 |\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    report = read_text(text)
    issued = ("issued", "repealed", "in_force")
    assert cells(report) == {
        **row("proactive.regulations", 0, 0, 1, columns=issued),
        **row("proactive.normative_documents", 6, 2, 38, columns=issued),
        "proactive.penalties.decisions": 17,
        "proactive.enforcement.decisions": 3,
    }
    assert not uncertain(report)


def test_cells_ending_with_pipe_keep_blank_markers() -> None:
    text = head(2022) + (
        "二、主动公开政府信息情况\n"
        "第二十条第（一）项 |\n|||\n"
        "信息内容 |\n本年制发件数 |\n本年废止件数 |\n现行有效件数 |\n"
        "规章 |\n— |\n16 |\n123 |\n"
        "行政规范性文件 |\n0 |\n0 |\n1 |\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    report = read_text(text)
    issued = ("issued", "repealed", "in_force")
    assert cells(report) == {
        **row("proactive.regulations", None, 16, 123, columns=issued),
        **row("proactive.normative_documents", 0, 0, 1, columns=issued),
    }


def test_backslash_change_header_in_pipe_cell_layout() -> None:
    # 022 writes the 2019 header 本年增/减 as 本年增\减.
    text = head(2020) + (
        "二、主动公开政府信息情况\n"
        "第二十条第（五）项 |\n|||\n"
        "信息内容 |\n上一年项目数量 |\n本年增\\减 |\n处理决定数量 |\n"
        "行政许可 |\n120 |\n-18 |\n95 |\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    report = read_text(text)
    assert report.template == "national-2019"
    assert cells(report) == row(
        "proactive.licensing", 120, -18, 95, columns=("prior_items", "change", "decisions")
    )
    assert [n.found for n in notes(report, NoteCode.SIGNED)] == ["-18"]
    assert not notes(report, NoteCode.LABEL_DEVIATION)


# ============================================================ 6. PDF text


PDF_REQUESTS = (
    "- 2 -\n"
    "三、收到和处理政府信息公开申请情况\n"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况\n"
    "自然人 法人或其他组织 总计\n"
    "商业 科研 社会公益 法律服务\n"
    "其他\n"
    "企业 机构 组织 机构\n"
    "一、本年新收政府信息公开申请数量 20 1 0 0 0 0 21\n"
    "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
    # a merged vertical label comes out one character per line
    "三\n、\n本\n年\n度\n办\n理\n结\n果\n"
    # the number line before its label
    "12 0 0 0 0 0 12\n"
    "（一）予以公开\n"
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 4 0 0 0 0 0 4\n"
    # a page footer inside the table
    "- 3 -\n"
    "（三）不予公开\n"
    "1.属于国家秘密 1 0 0 0 0 0 1\n"
)


def test_pdf_text_number_line_before_label_and_page_footer() -> None:
    report = read_text(head(2022) + PDF_REQUESTS + "四、政府信息公开行政复议、行政诉讼情况\n")
    assert report.template == "national-2021"
    assert cells(report) == {
        **row("requests.new", 20, 1, 0, 0, 0, 0, 21),
        **row("requests.carried_over", 0, 0, 0, 0, 0, 0, 0),
        **row("requests.granted", 12, 0, 0, 0, 0, 0, 12),
        **row("requests.partially_granted", 4, 0, 0, 0, 0, 0, 4),
        **row("requests.withheld.state_secret", 1, 0, 0, 0, 0, 0, 1),
    }
    assert not uncertain(report)
    # the footer's 3 is not a value of the table
    assert not notes(report, NoteCode.UNASSIGNED_VALUES)


def test_pdf_text_appeals_figures_on_one_line_under_flattened_header() -> None:
    text = head(2022) + (
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议 行政诉讼\n"
        "结果 结果 其他 尚未 未经复议直接起诉 复议后起诉\n"
        "总计\n"
        "维持 纠正 结果 审结 结果维持 结果纠正 其他结果 尚未审结 总计 "
        "结果维持 结果纠正 其他结果 尚未审结 总计\n"
        "- 3 -\n"
        "3 1 0 0 4 2 0 0 1 3 0 0 0 0 0\n"
        "- 4 -\n"
        "五、存在的主要问题及改进情况\n"
        "无。\n"
    )
    report = read_text(text)
    assert cells(report) == {
        **row("appeals.review", 3, 1, 0, 0, 4, columns=APPEALS_COLUMNS),
        **row("appeals.litigation_direct", 2, 0, 0, 1, 3, columns=APPEALS_COLUMNS),
        **row("appeals.litigation_after_review", 0, 0, 0, 0, 0, columns=APPEALS_COLUMNS),
    }
    assert not uncertain(report)


def test_pdf_text_number_line_before_label_next_to_a_blank_row() -> None:
    text = head(2022) + (
        "二、主动公开政府信息情况\n"
        "第二十条第（六）项\n"
        "信息内容 本年处理决定数量\n"
        "行政处罚 0\n"
        "27\n"
        "行政强制\n"
        "第二十条第（八）项\n"
        "信息内容 本年收费金额（单位：万元）\n"
        "行政事业性收费 -\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    report = read_text(text)
    assert cells(report) == {
        "proactive.penalties.decisions": 0,
        "proactive.enforcement.decisions": 27,
        "proactive.fees.amount": None,
    }


def test_pdf_text_detached_values_stay_with_the_label_that_follows() -> None:
    text = head(2020) + (
        "二、主动公开政府信息情况\n"
        "第二十条第（六）项\n"
        "信息内容 上一年项目数量 本年增/减 处理决定数量\n"
        "19 0 26\n"
        "行政处罚\n"
        "行政强制 - - -\n"
        "第二十条第（八）项\n"
        "信息内容 上一年项目数量 本年增/减\n"
        "行政事业性收费 29 0\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    report = read_text(text)
    columns = ("prior_items", "change", "decisions")
    assert_subset(
        report,
        {
            **row("proactive.penalties", 19, 0, 26, columns=columns),
            **row("proactive.enforcement", None, None, None, columns=columns),
        },
    )


def test_pdf_text_value_line_that_looks_like_a_page_footer() -> None:
    text = head(2020) + (
        "二、主动公开政府信息情况\n"
        "第二十条第（六）项\n"
        "信息内容 上一年项目数量 本年增/减 处理决定数量\n"
        "- 3 -\n"
        "行政处罚\n"
        "行政强制 1 0 2\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    report = read_text(text)
    assert report.value("proactive.penalties.change") == 3


def test_pdf_text_detached_values_after_a_blank_row() -> None:
    text = head(2022) + (
        "二、主动公开政府信息情况\n"
        "第二十条第（六）项\n"
        "信息内容 本年处理决定数量\n"
        "行政处罚 -\n"
        "30\n"
        "行政强制\n"
        "第二十条第（八）项\n"
        "信息内容 本年收费金额（单位：万元）\n"
        "行政事业性收费 18.57\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    report = read_text(text)
    assert cells(report) == {
        "proactive.penalties.decisions": None,
        "proactive.enforcement.decisions": 30,
        "proactive.fees.amount": Decimal("18.57"),
    }
    assert not uncertain(report)


def test_pdf_text_value_line_next_to_the_first_page_footer() -> None:
    text = head(2020) + (
        "二、主动公开政府信息情况\n"
        "第二十条第（五）项\n"
        "信息内容 上一年项目数量 本年增/减 处理决定数量\n"
        "行政许可 0 0 0\n"
        "- 1 -\n"
        "第二十条第（六）项\n"
        "信息内容 上一年项目数量 本年增/减 处理决定数量\n"
        "- 0 -\n"
        "行政处罚\n"
        "行政强制 0 - 0\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    report = read_text(text)
    assert cells(report, "proactive.penalties.") == row(
        "proactive.penalties", None, 0, None, columns=("prior_items", "change", "decisions")
    )


# ============================================================ 7. PDF -> markdown

MD_HEADER = (
    "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
    "|---|---|---|---|---|---|---|---|\n"
)


def test_markdown_fragments_with_detached_value_rows_keep_order() -> None:
    text = (
        "# 某县某镇人民政府2022年政府信息公开工作年度报告\n\n"
        "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n\n"
        "## 三、收到和处理政府信息公开申请情况\n\n"
        + MD_HEADER
        + "| 一、本年新收政府信息公开申请数量 | 30 | 2 | 0 | 0 | 0 | 0 | 32 |\n"
        "| 二、上年结转政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n\n"
        "— 5 —\n\n"
        # the heading and the header repeated on the next page
        "## 三、收到和处理政府信息公开申请情况\n\n"
        + MD_HEADER
        # value rows detached from their labels, in order
        + "| 20 | 1 | 0 | 0 | 0 | 0 | 21 |\n"
        "| 5 | 1 | 0 | 0 | 0 | 0 | 6 |\n\n"
        "三、本年度办理结果\n\n"
        "（一）予以公开\n\n"
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n\n"
        + MD_HEADER
        + "| （三）不予公开 | | | | | | | |\n"
        "| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\n"
        "## 四、政府信息公开行政复议、行政诉讼情况\n"
    )
    report = read_text(text)
    assert report.template == "national-2021"
    assert report.meta.year == 2022
    assert cells(report) == {
        **row("requests.new", 30, 2, 0, 0, 0, 0, 32),
        **row("requests.carried_over", 4, 0, 0, 0, 0, 0, 4),
        **row("requests.granted", 20, 1, 0, 0, 0, 0, 21),
        **row("requests.partially_granted", 5, 1, 0, 0, 0, 0, 6),
        **row("requests.withheld.state_secret", 0, 0, 0, 0, 0, 0, 0),
    }
    assert not uncertain(report)


def test_markdown_stray_number_is_reported_not_placed() -> None:
    text = (
        "# 某县2022年政府信息公开工作年度报告\n\n"
        "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n\n"
        "## 三、收到和处理政府信息公开申请情况\n\n"
        + MD_HEADER
        + "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n\n"
        "— 2 —\n\n1\n\n"
        "| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\n"
        "## 四、政府信息公开行政复议、行政诉讼情况\n"
    )
    report = read_text(text)
    assert cells(report) == {
        **row("requests.new", 3, 0, 0, 0, 0, 0, 3),
        **row("requests.carried_over", 0, 0, 0, 0, 0, 0, 0),
    }
    assert not uncertain(report)
    # A number no printed row is known to own: information (NAT-P2), not a warning.
    assert [(n.found, n.variant) for n in notes(report, NoteCode.UNASSIGNED_VALUES)] == [
        ("1", "stray")
    ]


def test_markdown_appeals_value_row_stays_under_its_heading() -> None:
    header = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n"
    text = (
        "# 某县2022年政府信息公开工作年度报告\n\n"
        "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n\n"
        "## 四、政府信息公开行政复议、行政诉讼情况\n\n"
        "### 行政复议\n\n" + header + "|  | 26 | 3 | 8 |  |\n\n"
        "### 行政诉讼（未经复议直接起诉）\n\n" + header + "|  |  |  |  |  |\n\n"
        "### 行政诉讼（复议后起诉）\n\n" + header + "|  |  |  |  |  |\n\n"
        "## 五、存在的主要问题及改进情况\n\n无。\n"
    )
    report = read_text(text)
    assert cells(report, "appeals.review.") == row(
        "appeals.review", None, 26, 3, 8, None, columns=APPEALS_COLUMNS
    )


PARTIALLY_GRANTED = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
#: Table 三 as a converter that draws every column prints it: a label merged over
#: two or three columns leaves empty cells between itself and the row's values.
PADDED_REQUESTS = (
    ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况"),
    ("一、本年新收政府信息公开申请数量", "", "", "23", "0", "0", "1", "0", "0", "24"),
    ("二、上年结转政府信息公开申请数量", "", "", "2", "0", "0", "0", "0", "0", "2"),
    ("三、本年度办理结果", "（一）予以公开", "", "7", "0", "0", "1", "0", "0", "8"),
    (PARTIALLY_GRANTED, "", "1", "0", "0", "0", "0", "0", "1"),
    ("（七）总计", "", "26", "0", "0", "1", "0", "0", "27"),
    ("四、结转下年度继续办理", "", "", "0", "0", "0", "0", "0", "0", "0"),
)


@pytest.mark.parametrize(
    "draw",
    [lambda cells: "| " + " | ".join(cells) + " |", "\t".join],
    ids=["markdown", "tab-separated"],
)
def test_empty_cells_a_merged_label_leaves_before_the_values_are_padding(draw) -> None:
    text = (
        head(2022)
        + "三、收到和处理政府信息公开申请情况\n"
        + "\n".join(draw(cells) for cells in PADDED_REQUESTS)
        + "\n四、政府信息公开行政复议、行政诉讼情况\n"
    )
    report = read_text(text)
    assert report.template == "national-2021"
    assert cells(report, "requests.") == {
        **row("requests.new", 23, 0, 0, 1, 0, 0, 24),
        **row("requests.carried_over", 2, 0, 0, 0, 0, 0, 2),
        **row("requests.granted", 7, 0, 0, 1, 0, 0, 8),
        **row("requests.partially_granted", 1, 0, 0, 0, 0, 0, 1),
        **row("requests.results_total", 26, 0, 0, 1, 0, 0, 27),
        **row("requests.carry_forward", 0, 0, 0, 0, 0, 0, 0),
    }
    assert not uncertain(report)
    assert not notes(report, NoteCode.UNASSIGNED_VALUES)


# ============================================================ 8. OCR markdown

OCR_HEADER = (
    "| 项目 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n"
    "|---|---|---|---|---|---|---|---|\n"
)


def test_ocr_small_tables_with_generic_headers_and_dash_cells() -> None:
    text = (
        "# 某县2020年政府信息公开工作年度报告\n\n"
        "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n\n"
        "## 三、收到和处理政府信息公开申请情况\n\n"
        "### （四）无法提供\n\n"
        + OCR_HEADER
        + "| 1.本机关不掌握相关政府信息 | 2 | - | - | - | - | - | 2 |\n"
        "| 2.没有现成信息需要另行制作 | - | - | - | - | - | - | - |\n"
        "| 3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\n"
        "### （五）不予处理\n\n"
        + OCR_HEADER
        + "| 1.信访举报投诉类申请 | 1 | - | - | - | - | - | 1 |\n"
        "| 2.重复申请 | - | - | - | - | - | - | - |\n"
        # the 2019 form's single row, written （六）其他
        "| （六）其他 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
        "| （七）总计 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\n"
        "## 四、政府信息公开行政复议、行政诉讼情况\n"
    )
    report = read_text(text)
    assert report.template == "national-2019"
    blank = (None,) * 5
    assert cells(report) == {
        **row("requests.unavailable.not_held", 2, *blank, 2),
        **row("requests.unavailable.needs_creation", *(None,) * 7),
        **row("requests.unavailable.still_unclear", 0, 0, 0, 0, 0, 0, 0),
        **row("requests.not_processed.petition", 1, *blank, 1),
        **row("requests.not_processed.duplicate", *(None,) * 7),
        **row("requests.other_handling", 2, 0, 0, 0, 0, 0, 2),
        **row("requests.results_total", 5, 0, 0, 0, 0, 0, 5),
    }
    assert not uncertain(report)
    # `-` is blank, never zero; 数据1…数据6 are header words, not values 1…6
    assert report.cells["requests.not_processed.duplicate.total"].is_blank
    assert not notes(report, NoteCode.UNASSIGNED_VALUES)
    (variant,) = notes(report, NoteCode.LABEL_VARIANT)
    assert (variant.element, variant.found) == ("requests.other_handling", "其他")


def test_ocr_detached_all_dash_value_row_keeps_its_place() -> None:
    text = (
        "# 某县2022年政府信息公开工作年度报告\n\n"
        "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n\n"
        "三、收到和处理政府信息公开申请情况\n\n"
        "（四）无法提供\n\n"
        "| 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "| - | - | - | - | - | - | - |\n"
        "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n\n"
        "1.本机关不掌握相关政府信息\n\n"
        "2.没有现成信息需要另行制作\n\n"
        "3.补正后申请内容仍不明确\n\n"
        "（五）不予处理\n"
    )
    report = read_text(text)
    assert cells(report) == {
        **row("requests.unavailable.not_held", 1, 0, 0, 0, 0, 0, 1),
        **row("requests.unavailable.needs_creation", *(None,) * 7),
        **row("requests.unavailable.still_unclear", 2, 0, 0, 0, 0, 0, 2),
    }


# ============================================================ 9. glued digits

GLUED_2021 = (
    "某县某镇人民政府2022年政府信息公开工作年度报告\n"
    "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"
    "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
    "规章000行政规范性文件77132470"
    "第二十条第（五）项信息内容本年处理决定数量行政许可1529"
    "三、收到和处理政府信息公开申请情况"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况"
    "自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    "一、本年新收政府信息公开申请数量21710000218"
    "二、上年结转政府信息公开申请数量0000000"
    "（四）无法提供1.本机关不掌握相关政府信息310000031"
    "2.没有现成信息需要另行制作0000000"
    "3.补正后申请内容仍不明确0000000"
    "四、政府信息公开行政复议、行政诉讼情况"
)


@pytest.fixture(scope="module")
def glued_2021() -> Report:
    return read_text(GLUED_2021)


def test_glued_all_zero_row_and_ambiguous_run(glued_2021: Report) -> None:
    assert glued_2021.template == "national-2021"
    issued = ("issued", "repealed", "in_force")
    assert cells(glued_2021, "proactive.regulations.") == row(
        "proactive.regulations", 0, 0, 0, columns=issued
    )
    assert cells(glued_2021, "proactive.normative_documents.") == row(
        "proactive.normative_documents", 77, 132, 470, columns=issued
    )
    assert glued_2021.value("proactive.licensing.decisions") == 1529


def test_glued_ambiguous_split_is_marked_uncertain(glued_2021: Report) -> None:
    # 77132470 may also be read 77|13|2470 or 771|3|2470: no arithmetic decides it.
    marked = {
        key for key in uncertain(glued_2021) if key.startswith("proactive.normative_documents.")
    }
    assert marked == {
        f"proactive.normative_documents.{c}" for c in ("issued", "repealed", "in_force")
    }
    (note,) = notes(glued_2021, NoteCode.UNCERTAIN_SPLIT, "proactive.normative_documents")
    assert note.found == "77132470"
    assert "77 13 2470" in note.message  # the other readings are named
    # rows with only one reading are not marked
    assert "proactive.regulations.issued" not in uncertain(glued_2021)
    assert "requests.new.total" not in uncertain(glued_2021)


def test_glued_request_row_is_split_by_its_row_total(glued_2021: Report) -> None:
    assert cells(glued_2021, "requests.new.") == row("requests.new", 217, 1, 0, 0, 0, 0, 218)
    assert cells(glued_2021, "requests.carried_over.") == row(
        "requests.carried_over", 0, 0, 0, 0, 0, 0, 0
    )


def test_glued_next_ordinal_sticks_to_the_run(glued_2021: Report) -> None:
    # …相关政府信息310000031 2.没有现成信息… : the run is 31|0|0|0|0|0|31, and 2. is
    # the next row's ordinal.
    assert cells(glued_2021, "requests.unavailable.") == {
        **row("requests.unavailable.not_held", 31, 0, 0, 0, 0, 0, 31),
        **row("requests.unavailable.needs_creation", 0, 0, 0, 0, 0, 0, 0),
        **row("requests.unavailable.still_unclear", 0, 0, 0, 0, 0, 0, 0),
    }
    assert not uncertain(glued_2021) & set(cells(glued_2021, "requests."))


def test_glued_table_whose_section_heading_has_no_number_starts_at_its_caption() -> None:
    # As the seed report flattened: 主动公开政府信息情况 without 二、 runs into the
    # overview's last sentence, so it is no heading; the table starts at its caption.
    text = (
        head(2022, sep="") + "一、总体情况全年主动公开政府信息36条。"
        "主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
        "规章000行政规范性文件203"
        "三、收到和处理政府信息公开申请情况"
        "一、本年新收政府信息公开申请数量2171 0000218"
        "四、政府信息公开行政复议、行政诉讼情况"
    )
    report = read_text(text)
    issued = ("issued", "repealed", "in_force")
    assert cells(report, "proactive.") == {
        **row("proactive.regulations", 0, 0, 0, columns=issued),
        **row("proactive.normative_documents", 2, 0, 3, columns=issued),
    }
    assert not notes(report, NoteCode.MISSING_TABLE, "proactive")


def test_glued_stray_space_inside_a_run() -> None:
    text = (
        head(2022, sep="") + "三、收到和处理政府信息公开申请情况"
        "一、本年新收政府信息公开申请数量2171 0000218"
        "二、上年结转政府信息公开申请数量00 00000"
        "四、政府信息公开行政复议、行政诉讼情况"
    )
    report = read_text(text)
    assert cells(report) == {
        **row("requests.new", 217, 1, 0, 0, 0, 0, 218),
        **row("requests.carried_over", 0, 0, 0, 0, 0, 0, 0),
    }
    assert not uncertain(report)


def test_glued_negative_change_inside_a_2019_run() -> None:
    text = (
        head(2020, sep="")
        + "二、主动公开政府信息情况第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量"
        "行政许可2648-18538其他对外管理服务事项000"
        "三、收到和处理政府信息公开申请情况"
    )
    report = read_text(text)
    assert report.template == "national-2019"
    assert report.value("proactive.licensing.prior_items") == 2648
    change = report.value("proactive.licensing.change")
    assert isinstance(change, int)
    assert change < 0
    assert cells(report, "proactive.other_services.") == row(
        "proactive.other_services", 0, 0, 0, columns=("prior_items", "change", "decisions")
    )
    # 2648|-18|538 and 2648|-185|38 both fit the 2019 row (it has no arithmetic):
    # the reader must say so rather than pick one silently. Every reading starts
    # with 2648: that cell is read for certain.
    doubtful = {f"proactive.licensing.{c}" for c in ("change", "decisions")}
    assert doubtful <= uncertain(report)
    assert "proactive.licensing.prior_items" not in uncertain(report)
    (note,) = notes(report, NoteCode.UNCERTAIN_SPLIT, "proactive.licensing")
    assert note.found == "2648-18538"
    assert "2648 -18 538" in note.message
    assert [n.element for n in notes(report, NoteCode.SIGNED)] == ["proactive.licensing.change"]


def test_glued_blank_marker_between_runs() -> None:
    text = (
        head(2022, sep="") + "三、收到和处理政府信息公开申请情况"
        "一、本年新收政府信息公开申请数量440157—576172—1345"
        "二、上年结转政府信息公开申请数量0000000"
        "四、政府信息公开行政复议、行政诉讼情况"
    )
    report = read_text(text)
    new = {key: report.cells[key] for key in report.cells if key.startswith("requests.new.")}
    wrong = {
        key: cell.value
        for key, cell in new.items()
        if not cell.uncertain
        and cell.value != row("requests.new", 440, 157, None, 576, 172, None, 1345)[key]
    }
    assert len(new) == 7
    assert not wrong


def test_glued_rows_ambiguous_together_stay_uncertain() -> None:
    text = (
        head(2022, sep="") + "三、收到和处理政府信息公开申请情况"
        "（四）无法提供1.本机关不掌握相关政府信息0000000"
        "2.没有现成信息需要另行制作12110270050"
        "3.补正后申请内容仍不明确0000000"
        "（五）不予处理1.信访举报投诉类申请0000000"
        "2.重复申请0000000"
        "3.要求提供公开出版物0000000"
        "4.无正当理由大量反复申请1611700034"
        "5.要求行政机关确认或重新出具已获取信息0000000"
        "（七）总计281217270084"
        "四、政府信息公开行政复议、行政诉讼情况"
    )
    report = read_text(text)
    # Both readings of the pair are consistent with the row totals, the （七）总计
    # column totals and each other: the text cannot tell them apart.
    ambiguous = {
        f"requests.{row_id}.{column}"
        for row_id in ("unavailable.needs_creation", "not_processed.excessive")
        for column in ("commercial", "research")
    }
    assert ambiguous <= uncertain(report)
    assert notes(report, NoteCode.UNCERTAIN_SPLIT)


# ============================================================ 10. pre-2019 statistics table


def test_pre_2019_statistics_table_is_not_national_format() -> None:
    text = (
        "某县2018年政府信息公开工作年度报告\n"
        "本报告所列数据的统计期限自2018年1月1日起至2018年12月31日止。\n"
        "一、概述\n本年度本县政府信息公开工作有序开展。\n"
        "二、主动公开政府信息情况\n全年主动公开政府信息1200条。\n"
        "三、政府信息依申请公开办理情况\n全年受理申请15件。\n"
        "六、政府信息公开情况统计表\n"
        "指标名称\t计量单位\t2018年度\t历年累计\n"
        "一、主动公开情况\t\t\t\n"
        "（一）主动公开政府信息数\t条\t1200\t8600\n"
        "其中：主动公开规范性文件数\t条\t12\t140\n"
        "二、依申请公开情况\t\t\t\n"
        "（一）收到申请数\t件\t15\t120\n"
        "三、行政复议数量\t件\t0\t1\n"
        "四、行政诉讼数量\t件\t0\t0\n"
    )
    report = read_text(text)
    assert report.template is None
    assert report.meta.year == 2018
    assert report.cells == {}
    (note,) = notes(report, NoteCode.NOT_NATIONAL_FORMAT)
    assert note.found == "2018"


# ============================================================ characters, blanks, numbers


def _fees(value: str, year: int = 2022) -> Report:
    return read_text(
        head(year)
        + "二、主动公开政府信息情况\n第二十条第（八）项\n"
        + "信息内容\t本年收费金额（单位：万元）\n"
        + f"行政事业性收费\t{value}\n三、收到和处理政府信息公开申请情况\n"
    )


def test_value_with_unit_keeps_the_unit_and_says_so() -> None:
    report = _fees("1646.5万元")
    cell = report.cells["proactive.fees.amount"]
    assert cell.value == Decimal("1646.5")
    assert cell.unit == "万元"
    (note,) = notes(report, NoteCode.UNIT)
    assert (note.element, note.found) == ("proactive.fees.amount", "1646.5万元")


@pytest.mark.parametrize(
    ("written", "value"),
    [("7730.28", Decimal("7730.28")), ("5949.088667", Decimal("5949.088667")), ("0", 0)],
)
def test_amounts_without_unit_and_decimals(written: str, value: object) -> None:
    report = _fees(written)
    cell = report.cells["proactive.fees.amount"]
    assert cell.value == value
    assert type(cell.value) is type(value)
    assert cell.unit is None
    assert not notes(report, NoteCode.UNIT)


def test_amount_in_yuan_in_the_2019_procurement_row() -> None:
    report = read_text(
        head(2020)
        + "二、主动公开政府信息情况\n第二十条第（九）项\n"
        + "信息内容\t采购项目数量\t采购总金额\n政府集中采购\t3\t251000元\n"
        + "三、收到和处理政府信息公开申请情况\n"
    )
    assert report.value("proactive.procurement.items") == 3
    cell = report.cells["proactive.procurement.amount"]
    assert (cell.value, cell.unit) == (251000, "元")


def test_decimal_in_a_count_column_is_not_read_as_a_count() -> None:
    report = read_text(
        head(2022)
        + "二、主动公开政府信息情况\n第二十条第（五）项\n"
        + "信息内容\t本年处理决定数量\n行政许可\t12.5\n三、收到和处理政府信息公开申请情况\n"
    )
    assert report.value("proactive.licensing.decisions") != Decimal("12.5")


def _licensing(value: str) -> Report:
    return read_text(
        head(2022)
        + "二、主动公开政府信息情况\n第二十条第（五）项\n"
        + f"信息内容\t本年处理决定数量\n行政许可\t{value}\n三、收到和处理政府信息公开申请情况\n"
    )


@pytest.mark.parametrize(
    ("written", "value", "unit"),
    [
        ("2629件", 2629, "件"),
        ("1,234件", 1234, "件"),
        ("12项", 12, "项"),
        ("3个", 3, "个"),
        ("5次", 5, "次"),
        ("2宗", 2, "宗"),
    ],
)
def test_count_with_its_measure_word_is_the_count_and_says_so(
    written: str, value: int, unit: str
) -> None:
    report = _licensing(written)
    cell = report.cells["proactive.licensing.decisions"]
    assert (cell.value, cell.unit) == (value, unit)
    (note,) = notes(report, NoteCode.UNIT)
    assert (note.element, note.found) == ("proactive.licensing.decisions", written)


def test_procurement_batches_and_amount_in_yuan_one_cell_a_line() -> None:
    """A real excerpt's procurement row: the count in 批次 (batches) and the amount in
    元, one cell a line. Without the measure word the count was junk, and the amount's
    digits alone were cut into two cells (7094 and 55.9)."""
    report = read_text(
        head(2020)
        + "二、主动公开政府信息情况\n\n第二十条第(九)项\n\n信息内容\n\n采购项目数量\n\n"
        + "采购总金额\n\n政府集中采购\n\n31批次\n\n709455.9元\n\n\n"
        + "三、收到和处理政府信息公开申请情况\n"
    )
    items = report.cells["proactive.procurement.items"]
    amount = report.cells["proactive.procurement.amount"]
    assert (items.value, items.unit, items.uncertain) == (31, "批次", False)
    assert (amount.value, amount.unit, amount.uncertain) == (Decimal("709455.9"), "元", False)


def _licensing_row(cells: str) -> Report:
    return read_text(
        head(2020)
        + "二、主动公开政府信息情况\n第二十条第（五）项\n"
        + "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
        + f"行政许可\t{cells}\n其他对外管理服务事项\t0\t0\t0\n"
        + "三、收到和处理政府信息公开申请情况\n"
    )


@pytest.mark.parametrize(
    ("written", "change"), [("增10", 10), ("增加5", 5), ("新增2", 2), ("减3", -3), ("减少12", -12)]
)
def test_a_change_written_with_a_word_for_its_sign(written: str, change: int) -> None:
    """Real excerpts write 本年增/减 as 增10 or 增加5: the word is the sign."""
    report = _licensing_row(f"8\t{written}\t18")
    values = [report.value(f"proactive.licensing.{column}") for column in COLUMNS_5]
    assert values == [8, change, 18]
    assert report.cells["proactive.licensing.change"].provenance.text == written
    assert not report.cells["proactive.licensing.change"].uncertain


def test_a_sign_word_makes_no_count() -> None:
    """增10 in a count column is no count: the row is not read from it."""
    report = _licensing_row("增8\t10\t18")
    assert not [key for key in report.cells if key.startswith("proactive.licensing.")]


@pytest.mark.parametrize(
    ("written", "change"),
    [("+(3) -(1)", 2), ("+3 -1", 2), ("+(0)-(0)", 0), ("＋（2） －（5）", -3), ("+ 4 − 0", 4)],
)
def test_a_change_written_as_its_increase_and_its_decrease(written: str, change: int) -> None:
    """A real excerpt writes 本年增/减 as +(0) -(0): one figure, the difference, with a
    note that says how it was read. It was junk, and cost the row its other cells."""
    report = _licensing_row(f"8\t{written}\t18")
    values = [report.value(f"proactive.licensing.{column}") for column in COLUMNS_5]
    assert values == [8, change, 18]
    cell = report.cells["proactive.licensing.change"]
    assert (cell.provenance.text, cell.uncertain) == (written, False)
    (note,) = notes(report, NoteCode.SIGNED)
    assert (note.element, note.found) == ("proactive.licensing.change", written)
    assert "increase and a decrease" in note.message


def test_an_increase_and_a_decrease_make_no_count() -> None:
    """+(3) -(1) in a count column is no count: the row is not read from it."""
    report = _licensing_row("+(3) -(1)\t0\t18")
    assert not [key for key in report.cells if key.startswith("proactive.licensing.")]


def test_a_year_in_a_header_cell_is_no_value() -> None:
    """A real excerpt's header 上一年项目数量 2019年, one cell a line with pipes, above a
    row whose change cell is written +(0) -(0): 2019 is no value (it was cut into
    2 | 0 | 19 and given to the row), and the row is read with its change 0."""
    report = read_text(
        head(2020)
        + "二、主动公开政府信息情况\n第二十条第（五）项 |\n信息内容 |\n"
        + "上一年项目数量 2019年 |\n本年 增/减 |\n处理决定数量 |\n|\n"
        + "行政许可 |\n43 |\n+(0) -(0) |\n66 |\n|\n"
        + "其他对外管理服务事项 |\n19 |\n0 |\n0 |\n|\n"
        + "三、收到和处理政府信息公开申请情况\n"
    )
    assert [report.value(f"proactive.licensing.{column}") for column in COLUMNS_5] == [43, 0, 66]
    assert [report.value(f"proactive.other_services.{column}") for column in COLUMNS_5] == [
        19,
        0,
        0,
    ]
    assert not [n for n in notes(report, NoteCode.UNASSIGNED_VALUES) if "2019" in n.message]


COLUMNS_5 = ("prior_items", "change", "decisions")


def test_a_measure_word_that_begins_a_word_is_no_unit() -> None:
    """9项目: the 项 is 项目's (a header cell glued to the value in flattened text)."""
    from disclosure_core.recognize.stream import _NUMBER_RUN

    assert [m.group() for m in _NUMBER_RUN.finditer("9项目")] == ["9"]
    assert [m.group() for m in _NUMBER_RUN.finditer("2个人")] == ["2"]
    assert [m.group() for m in _NUMBER_RUN.finditer("3件行政")] == ["3件"]
    assert [m.group() for m in _NUMBER_RUN.finditer("31批次7")] == ["31批次", "7"]


@pytest.mark.parametrize("written", ["2629万元", "26%", "2629元"])
def test_count_with_an_amount_unit_is_not_a_count(written: str) -> None:
    assert _licensing(written).value("proactive.licensing.decisions") is None


def test_amount_written_with_a_measure_word_keeps_it_as_its_unit() -> None:
    cell = _fees("0件").cells["proactive.fees.amount"]
    assert (cell.value, cell.unit) == (0, "件")


# ============================================================ label and template variants


def test_label_variants_legacy_typo_and_ordinals() -> None:
    text = head(2022) + (
        "二、主动公开政府信息情况\n"
        "第二十条 第（一）项\n"  # with a space
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "规章\t0\t0\t0\n"
        "规范性文件\t2\t1\t9\n"
        "三、收到和处理政府信息公开申请情况\n"
        "（三）不予公开\t1、属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n"
        "2.其他法律行政止公开\t1\t0\t0\t0\t0\t0\t1\n"
        "3、危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0\n"
        "（六）其他\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        "\t2\t0\t0\t0\t0\t0\t2\n"
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        "\t0\t0\t0\t0\t0\t0\t0\n"
        "3.其他\t1\t0\t0\t0\t0\t0\t1\n"
        "（七）总计\t4\t0\t0\t0\t0\t0\t4\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
    )
    report = read_text(text)
    assert report.template == "national-2021"
    assert cells(report) == {
        **row("proactive.regulations", 0, 0, 0, columns=("issued", "repealed", "in_force")),
        **row("proactive.normative_documents", 2, 1, 9, columns=("issued", "repealed", "in_force")),
        **row("requests.withheld.state_secret", 0, 0, 0, 0, 0, 0, 0),
        **row("requests.withheld.prohibited_by_law", 1, 0, 0, 0, 0, 0, 1),
        **row("requests.withheld.security_stability", 0, 0, 0, 0, 0, 0, 0),
        **row("requests.other_handling.no_correction", 2, 0, 0, 0, 0, 0, 2),
        **row("requests.other_handling.fee_unpaid", 0, 0, 0, 0, 0, 0, 0),
        **row("requests.other_handling.other", 1, 0, 0, 0, 0, 0, 1),
        **row("requests.results_total", 4, 0, 0, 0, 0, 0, 4),
    }
    by_element = {n.element: n for n in report.notes if n.code is NoteCode.LABEL_VARIANT}
    legacy = by_element["proactive.normative_documents"]
    assert (legacy.found, legacy.variant) == ("规范性文件", "legacy")
    typo = by_element["requests.withheld.prohibited_by_law"]
    assert (typo.found, typo.variant) == ("其他法律行政止公开", "typo")
    group = by_element["requests.other_handling"]
    assert group.found == "其他"
    # 1、 for 1. is the same label, not a variant
    assert "requests.withheld.state_secret" not in by_element
    # the sub-rows are printed: no single-row note
    assert not [n for n in notes(report, NoteCode.TEMPLATE) if n.variant == "single-row"]


def test_extra_rows_the_template_lacks_are_not_absorbed() -> None:
    text = head(2022) + (
        "二、主动公开政府信息情况\n第二十条第（六）项\n"
        "信息内容\t本年处理决定数量\n"
        "行政处罚\t12\n行政强制\t3\n行政检查\t40\n行政确认\t5\n"
        "第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    report = read_text(text)
    assert cells(report) == {
        "proactive.penalties.decisions": 12,
        "proactive.enforcement.decisions": 3,
        "proactive.fees.amount": 0,
    }
    extra = {note.found: note.message for note in notes(report, NoteCode.EXTRA_ROW)}
    assert extra == {
        "行政检查": "proactive: a row the template does not have: 行政检查 (40)",
        "行政确认": "proactive: a row the template does not have: 行政确认 (5)",
    }
    assert not notes(report, NoteCode.UNASSIGNED_VALUES)


_OTHER_DOCUMENTS = "其他主动公开文件（含以本单位名义正式签发的、除规范性文件以外的主动公开文件）"


@pytest.mark.parametrize(
    ("label", "extra"),
    [(_OTHER_DOCUMENTS, "其他主动公开文件"), ("小计 |", None), ("二是规范办理，流程清晰。", None)],
)
def test_an_unknown_label_on_its_own_line_names_an_extra_row(label: str, extra: str | None) -> None:
    """One cell a line, a row some provinces add (其他主动公开文件, with a note in
    brackets) before its values: no row takes them, and they are an extra row's, not
    values no row could take. Short words and sentences are no such label."""
    text = head(2020) + (
        "二、主动公开政府信息情况\n\n第二十条第(一)项\n\n信息内容\n\n本年新制作数量\n\n"
        "本年新公开数量\n\n对外公开总数量\n\n规章\n\n0\n\n0\n\n0\n\n规范性文件\n\n2\n\n2\n\n9\n\n"
        f"{label}\n\n3\n\n3\n\n7\n\n第二十条第(五)项\n\n"
    )
    report = read_text(text)
    assert report.value("proactive.normative_documents.total_published") == 9
    found = [note.found for note in notes(report, NoteCode.EXTRA_ROW)]
    unplaced = [note.found for note in notes(report, NoteCode.UNASSIGNED_VALUES)]
    if extra is None:
        assert (found, unplaced) == ([], ["3 3 7"])
    else:
        assert (found, unplaced) == ([extra], [])


@pytest.mark.parametrize("footer", ["第3页", "第 3 页", "- 3 -", "3"])
def test_a_number_in_a_page_footer_is_no_extra_row(footer: str) -> None:
    text = head(2022) + (
        "二、主动公开政府信息情况\n第二十条第（六）项\n"
        f"信息内容\t本年处理决定数量\n行政处罚\t12\n{footer}\n行政强制\t3\n"
        "第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    report = read_text(text)
    assert report.value("proactive.penalties.decisions") == 12
    assert report.value("proactive.enforcement.decisions") == 3
    assert not notes(report, NoteCode.EXTRA_ROW)


def test_2021_report_printed_with_the_2019_tables() -> None:
    text = head(2021) + (
        "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n"
        "规章\t0\t0\t0\n规范性文件\t1\t1\t12\n"
        "第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
        "行政许可\t40\t2\t35\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    report = read_text(text)
    assert report.template == "national-2019"
    assert report.meta.year == 2021
    assert report.value("proactive.normative_documents.total_published") == 12
    assert report.value("proactive.licensing.change") == 2
    outdated = [n for n in notes(report, NoteCode.TEMPLATE) if n.variant == "outdated"]
    assert len(outdated) == 1
    assert "2021" in outdated[0].message
    assert outdated[0].found == "national-2019"


def test_2021_report_with_a_single_other_handling_row() -> None:
    text = head(2021) + (
        "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n"
        "三、收到和处理政府信息公开申请情况\n"
        "（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0\n"
        "（六）其他处理\t3\t0\t0\t0\t0\t0\t3\n"
        "（七）总计\t3\t0\t0\t0\t0\t0\t3\n"
        "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
    )
    report = read_text(text)
    assert report.template == "national-2021"
    assert cells(report, "requests.other_handling") == row(
        "requests.other_handling", 3, 0, 0, 0, 0, 0, 3
    )
    (single,) = [n for n in notes(report, NoteCode.TEMPLATE) if n.variant == "single-row"]
    assert single.element == "requests.other_handling"
    assert report.value("requests.results_total.total") == 3


def _one_cell_a_line(rows: list[tuple[str, list[int]]]) -> str:
    return "".join(
        f"{label}\n\n" + "".join(f"{value}\n\n" for value in values) for label, values in rows
    )


def test_a_year_written_into_the_new_and_carried_over_labels() -> None:
    """一、本年(2021)新收… and 二、上年(2020)结转… (a real township report): the year
    does not hide the labels."""
    report = read_text(
        head(2021)
        + "三、收到和处理政府信息公开申请情况\n\n"
        + _one_cell_a_line(
            [
                ("一、本年(2021)新收政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
                ("二、上年（2020年）结转政府信息公开申请数量", [0, 0, 0, 0, 0, 2, 2]),
            ]
        )
        + "三、本年度办理结果\n"
    )
    assert [report.value(f"requests.new.{c}") for c in APPLICANTS] == [1, 0, 0, 0, 0, 0, 1]
    assert [report.value(f"requests.carried_over.{c}") for c in APPLICANTS] == [0] * 5 + [2, 2]


def test_a_numbered_label_takes_no_digit_of_the_value_before_it() -> None:
    """One cell a line, rows numbered 1. 2. where the template has （一）（二）: the text
    compacted glues the 0 before 2.部分公开 into 02., which is no ordinal (it took that
    0 from 予以公开's row, read then as six values among blanks)."""
    report = read_text(
        head(2021)
        + "三、收到和处理政府信息公开申请情况\n\n"
        + _one_cell_a_line(
            [
                ("一、本年新收政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
                ("二、上年结转政府信息公开申请数量", [0] * 7),
                ("三、本年度办理结果\n\n1.予以公开", [1, 0, 0, 0, 0, 0, 1]),
                ("2.部分公开（区分处理的，只计这一情形，不计其他情形）", [0] * 7),
                ("3.不予公开\n\n1.属于国家秘密", [0] * 7),
            ]
        )
        + "2.其他法律行政法规禁止公开\n"
    )
    assert [report.value(f"requests.granted.{c}") for c in APPLICANTS] == [1, 0, 0, 0, 0, 0, 1]
    for row in ("partially_granted", "withheld.state_secret"):
        assert [report.value(f"requests.{row}.{c}") for c in APPLICANTS] == [0] * 7
    assert not any(cell.uncertain for cell in report.cells.values())


# ============================================================ headings

PROACTIVE_TABLE = (
    "第二十条第（一）项\n"
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
    "规章\t0\t0\t0\n"
    "行政规范性文件\t0\t0\t3\n"
)


def section_ids(report: Report) -> list[str]:
    """The sections found under a heading (the text before the first is the preamble)."""
    return [section.id for section in report.sections if section.id != "preamble"]


def _heading_numbers(report: Report) -> dict[str | None, str | None]:
    return {n.element: n.found for n in notes(report, NoteCode.HEADING_NUMBER)}


def test_dash_headings_without_numbers() -> None:
    text = head(2023) + (
        "- 总体情况\n本年度工作平稳。\n"
        "- 主动公开政府信息情况\n" + PROACTIVE_TABLE + "- 存在的主要问题及改进情况\n无。\n"
    )
    report = read_text(text)
    assert section_ids(report) == ["overview", "proactive", "problems"]
    assert all(s.number == "" for s in report.sections if s.id != "preamble")
    assert _heading_numbers(report) == {"overview": "", "proactive": "", "problems": ""}
    assert report.value("proactive.normative_documents.in_force") == 3


def test_heading_variant_work_basics() -> None:
    text = head(2022) + (
        "一、工作基本情况\n本年度工作平稳。\n"
        "二、主动公开政府信息情况\n" + PROACTIVE_TABLE + "五、存在的主要问题及整改措施\n无。\n"
    )
    report = read_text(text)
    overview = report.section("overview")
    assert overview is not None
    assert (overview.number, overview.heading) == ("一、", "工作基本情况")
    assert overview.text == "本年度工作平稳。"
    variants = {n.element: n.found for n in notes(report, NoteCode.HEADING_VARIANT)}
    assert variants == {"overview": "工作基本情况", "problems": "存在的主要问题及整改措施"}
    assert not notes(report, NoteCode.HEADING_NUMBER)


def test_seed_style_numbering_unnumbered_two_and_bracketed_three() -> None:
    text = head(2022) + (
        "一、总体情况\n本年度工作平稳。\n"
        "主动公开政府信息情况\n" + PROACTIVE_TABLE + "（三）收到和处理政府信息公开申请情况\n"
        "本年度未收到申请。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n无。\n"
        "五、存在的主要问题及改进情况\n无。\n"
        "六、其他需要报告的事项\n无。\n"
    )
    report = read_text(text)
    assert section_ids(report) == [
        "overview",
        "proactive",
        "requests",
        "appeals",
        "problems",
        "other",
    ]
    numbers = _heading_numbers(report)
    assert set(numbers) == {"proactive", "requests"}
    assert numbers["proactive"] == ""
    assert numbers["requests"] in ("(三)", "（三）")
    assert not notes(report, NoteCode.MISSING_SECTION)


def test_numbering_that_restarts() -> None:
    text = head(2022) + (
        "一、总体情况\n（一）主动公开\n本年度工作平稳。\n"
        "二、主动公开政府信息情况\n" + PROACTIVE_TABLE + "一、收到和处理政府信息公开申请情况\n"
        "本年度未收到申请。\n"
        "二、政府信息公开行政复议、行政诉讼情况\n无。\n"
        "五、存在的主要问题及改进情况\n无。\n"
    )
    report = read_text(text)
    assert section_ids(report) == [
        "overview",
        "proactive",
        "requests",
        "appeals",
        "problems",
    ]
    assert _heading_numbers(report) == {"requests": "一、", "appeals": "二、"}
    assert not notes(report, NoteCode.SECTION_ORDER)


# ============================================================ dates

DATES_BODY = "二、主动公开政府信息情况\n" + PROACTIVE_TABLE + "五、存在的主要问题及改进情况\n无。\n"


def test_closing_date_line_is_the_publication_date() -> None:
    report = read_text(head(2022) + DATES_BODY + "某县某镇人民政府\n2023年1月18日\n")
    assert report.meta.published == date(2023, 1, 18)
    assert report.meta.page_date is None
    assert report.meta.body == "某县某镇人民政府"


def test_page_header_date_is_the_page_date() -> None:
    text = "某县某镇人民政府2019年政府信息公开工作年度报告\n发布日期：2020-01-31\n" + (
        "本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。\n"
        + DATES_BODY.replace(
            "本年制发件数\t本年废止件数\t现行有效件数",
            "本年新制作数量\t本年新公开数量\t对外公开总数量",
        )
    )
    report = read_text(text)
    assert report.meta.page_date == date(2020, 1, 31)
    assert report.meta.published is None
    assert report.meta.year == 2019


def test_page_header_date_above_the_title_is_not_part_of_the_title() -> None:
    text = (
        "发布日期：2020-01-31\n某县2019年政府信息公开工作年度报告\n"
        "本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。\n"
        "一、总体情况\n无。\n"
    )
    report = read_text(text)
    assert report.meta.page_date == date(2020, 1, 31)
    assert report.meta.title == "某县2019年政府信息公开工作年度报告"
    assert report.meta.body == "某县"


def test_no_date_at_all() -> None:
    report = read_text(head(2022) + DATES_BODY + "截至2023年1月18日，本单位未收到申请。\n")
    assert report.meta.published is None
    assert report.meta.page_date is None


# ============================================================ partial (cut-off) reports


def test_cut_off_report_yields_only_the_cells_present(
    templates: dict[str, TemplateSpec],
) -> None:
    text = head(2022) + (
        "一、总体情况\n本年度工作平稳。\n"
        "二、主动公开政府信息情况\n"
        "第二十条第（一）项\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "规章\t0\t0\t0\n"
        "行政规范性文件\t2\t0\t11"  # the text ends here, mid-table
    )
    report = read_text(text)
    assert report.template == "national-2021"
    assert cells(report) == row(
        "proactive.regulations", 0, 0, 0, columns=("issued", "repealed", "in_force")
    ) | row("proactive.normative_documents", 2, 0, 11, columns=("issued", "repealed", "in_force"))
    assert cells_without_label(report, text, templates["national-2021"]) == []
    # The text ends in the last row: its 11 may be cut short (of 110), so the row is
    # uncertain, and says why; the row before it is not.
    assert uncertain(report) == {
        f"proactive.normative_documents.{column}" for column in ("issued", "repealed", "in_force")
    }
    (note,) = notes(report, NoteCode.UNCERTAIN_SPLIT, "proactive.normative_documents")
    assert "the text ends in these values" in note.message


def test_cut_off_inside_a_glued_run_splits_nothing() -> None:
    # A flattened page cut inside the run of 规范性文件 (77132470 of 771324700): every
    # split of the digits left would be made up.
    text = head(2022, sep="") + (
        "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
        "规章000行政规范性文件77132470"
    )
    report = read_text(text)
    assert report.value("proactive.regulations.in_force") == 0
    assert not [key for key in report.cells if ".normative_documents." in key]
    assert notes(report, NoteCode.UNASSIGNED_VALUES, "proactive")


def test_cut_off_mid_row_invents_no_cells(templates: dict[str, TemplateSpec]) -> None:
    text = head(2022) + (
        "二、主动公开政府信息情况\n"
        "第二十条第（一）项\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "规章\t0\t0\t0\n"
        "行政规范性文件\t2"
    )
    report = read_text(text)
    assert cells_without_label(report, text, templates["national-2021"]) == []
    # The cut row's one value, a single digit in a cell of its own after full rows, is
    # its first cell, in doubt; the cells after it are not in the text (no cells).
    issued = report.cells["proactive.normative_documents.issued"]
    assert (issued.value, issued.uncertain) == (2, True)
    for column in ("repealed", "in_force"):
        assert f"proactive.normative_documents.{column}" not in report.cells
    codes = {note.code for note in report.notes}
    assert {NoteCode.UNCERTAIN_SPLIT, NoteCode.TRUNCATED} <= codes
    assert NoteCode.UNASSIGNED_VALUES not in codes


@pytest.mark.parametrize("ending", ["行政规范性文件\t23", "行政规范性文件 2", "行政规范性文件\t—"])
def test_a_cut_row_s_lone_value_of_several_digits_or_apart_by_a_space_is_not_placed(
    ending: str,
) -> None:
    """23 may be two glued cells, a value set apart by a space only may be any cell of
    a PDF row that leaves its blanks out, and a lone blank marker says nothing: the
    row's cells are not in the report."""
    report = read_text(
        head(2022)
        + "二、主动公开政府信息情况\n第二十条第（一）项\n"
        + "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n"
        + ending
    )
    assert not [k for k in report.cells if k.startswith("proactive.normative_documents.")]


def test_cut_off_before_the_tables_yields_no_cells() -> None:
    text = head(2022) + ("一、总体情况\n全年制定行政规范性文件2件。\n全年主动公开政府信息120条")
    report = read_text(text)
    assert report.template == "national-2021"
    assert report.cells == {}


def test_cut_off_pdf_text_overview_with_figures_set_apart_yields_no_cells() -> None:
    # PDF text sets figures apart with spaces (13 件, 2024 年) and wraps lines; the
    # overview names rows (行政规范性文件, 行政复议) that are mentions, not rows.
    text = head(2024) + (
        "一、总体情况\n"
        "本年度通过部门网站发布政府信息 393 件，其中包\n"
        "括：行政规范性文件 13 件；规划计划文件 2 件；2024 年度部门\n"
        "预算、2023 年度部门决算。全年有 1 件涉及政府信息公开工作的行政复\n"
        "议，该行政复议件未被纠错。今年有 1 件行政复议，\n"
        "涉及的行政诉讼数为 0 件。\n"
    )
    report = read_text(text)
    assert report.template == "national-2021"
    assert report.cells == {}


def test_a_tie_between_formats_says_it_was_broken_by_the_year() -> None:
    # every label here is one both national formats print
    text = head(2022) + (
        "三、收到和处理政府信息公开申请情况\n"
        "（一）予以公开\t0\t0\t0\t0\t0\t0\t0\n"
        "1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n"
        "（七）总计\t0\t0\t0\t0\t0\t0\t0\n"
    )
    report = read_text(text)
    assert report.template == "national-2021"
    [chosen] = [n for n in notes(report, NoteCode.TEMPLATE) if n.variant == "labels"]
    assert "0 labels" not in chosen.message
    assert "the year 2022" in chosen.message
    assert "only labels the formats share" in chosen.message
