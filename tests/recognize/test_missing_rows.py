"""Rows a found table lacks: a ``missing-row`` note each, or one ``truncated`` note when
the text ends inside the table.

The texts are synthetic reports rendered tab-separated (one table row a line), with
lines cut out or the text cut off.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosure_core import read_text
from disclosure_core.api import builtin_templates
from disclosure_core.model.report import NoteCode, ParseNote, Report
from disclosure_core.testing import Layout, example_report, render_text

TEMPLATES = {t.id: t for t in builtin_templates()}
ROW_NOTES = (NoteCode.MISSING_ROW, NoteCode.TRUNCATED)


def _lines(template_id: str, seed: int = 0) -> list[str]:
    return render_text(example_report(TEMPLATES[template_id], seed=seed), Layout.TSV).splitlines()


def _row_notes(report: Report) -> list[ParseNote]:
    return [note for note in report.notes if note.code in ROW_NOTES]


def _line_of(lines: list[str], start: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(start))


@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
@given(seed=st.integers(0, 2**16))
def test_a_whole_report_has_no_missing_row(template_id: str, seed: int) -> None:
    report = read_text("\n".join(_lines(template_id, seed)))
    assert _row_notes(report) == []


def test_a_row_left_out_is_a_missing_row() -> None:
    lines = _lines("national-2021")
    del lines[_line_of(lines, "行政强制")]
    report = read_text("\n".join(lines))
    [note] = _row_notes(report)
    assert note.code is NoteCode.MISSING_ROW
    assert note.element == "proactive.enforcement"
    assert note.expected == "行政强制"
    assert not any(cell.startswith("proactive.enforcement.") for cell in report.cells)


def test_a_numbered_row_left_out_is_named_with_its_number() -> None:
    lines = _lines("national-2021")
    del lines[_line_of(lines, "7.属于行政执法案卷")]
    [note] = _row_notes(read_text("\n".join(lines)))
    assert note.code is NoteCode.MISSING_ROW
    assert note.element == "requests.withheld.enforcement_file"
    assert note.expected == "7.属于行政执法案卷"


@pytest.mark.parametrize(
    ("last_line", "last_row"),
    [
        ("二、上年结转", "carried_over"),
        ("（二）部分公开", "partially_granted"),
        ("3.其他", "other_handling.other"),
    ],
)
def test_text_ending_inside_a_table_is_truncated(last_line: str, last_row: str) -> None:
    lines = _lines("national-2021")
    report = read_text("\n".join(lines[: _line_of(lines, last_line) + 1]))
    [note] = _row_notes(report)
    assert note.code is NoteCode.TRUNCATED
    assert note.element == "requests"
    table = TEMPLATES["national-2021"].table("requests")
    row = table.row(last_row)
    assert note.found == f"{row.number}{row.label}"
    after = table.rows[table.rows.index(row) + 1 :]
    assert note.expected == "、".join(f"{r.number}{r.label}" for r in after)
    assert f"the {len(after)} rows after it" in note.message
    assert note.line == _line_of(lines, last_line) + 1  # the last row read, 1-based


def test_rows_missing_before_a_later_table_are_not_a_truncation() -> None:
    lines = _lines("national-2021")
    del lines[_line_of(lines, "（七）总计") : _line_of(lines, "四、政府信息公开行政复议")]
    report = read_text("\n".join(lines))
    found = {(note.code, note.element) for note in _row_notes(report)}
    assert found == {
        (NoteCode.MISSING_ROW, "requests.results_total"),
        (NoteCode.MISSING_ROW, "requests.carry_forward"),
    }


def test_a_single_other_handling_row_is_not_three_missing_rows() -> None:
    lines = _lines("national-2021")
    first = _line_of(lines, "（六）其他处理")
    lines[first : first + 3] = ["（六）其他处理\t1\t2\t3\t4\t5\t6\t21"]
    report = read_text("\n".join(lines))
    assert report.value("requests.other_handling.total") == 21
    assert _row_notes(report) == []


def test_a_2019_report_missing_a_row_names_it() -> None:
    lines = _lines("national-2019")
    del lines[_line_of(lines, "行政许可")]
    notes = _row_notes(read_text("\n".join(lines)))
    assert [(n.code, n.element) for n in notes] == [(NoteCode.MISSING_ROW, "proactive.licensing")]


def test_many_missing_rows_make_one_note_for_the_table() -> None:
    lines = _lines("national-2021")
    del lines[_line_of(lines, "（三）不予公开") : _line_of(lines, "（七）总计")]
    [note] = _row_notes(read_text("\n".join(lines)))
    assert note.code is NoteCode.MISSING_ROW
    assert note.element == "requests"
    table = TEMPLATES["national-2021"].table("requests")
    first = table.rows.index(table.row("withheld.state_secret"))
    last = table.rows.index(table.row("other_handling.other"))
    assert note.expected == "、".join(f"{r.number}{r.label}" for r in table.rows[first : last + 1])
    assert note.message.startswith(f"{last - first + 1} rows of table ")


_LISTED_APART = """示例县2023年政府信息公开工作年度报告
本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。
三、收到和处理政府信息公开申请情况
申请人情况 自然人 法人或其他组织 总计
商业企业 科研机构 社会公益组织 法律服务机构 其他
一、本年新收政府信息公开申请数量
二、上年结转政府信息公开申请数量
三、本年度办理结果
（一）予以公开
（二）部分公开（区分处理的，只计这一情形，不计其他情形）
{values}
四、政府信息公开行政复议、行政诉讼情况
"""


def test_rows_whose_values_were_left_unplaced_are_not_said_to_be_blank() -> None:
    # 16 values after four labels: no order of 7-cell rows takes them (a PDF tool that
    # lists columns apart). The rows may own them: they are unread, not printed blank.
    report = read_text(_LISTED_APART.format(values="1 0 0 0 0 0 1 2 0 0 0 0 0 2 5 1"))
    assert [n.found for n in report.notes_with(NoteCode.UNASSIGNED_VALUES)] == [
        "1 0 0 0 0 0 1 2 0 0 0 0 0 2 5 1"
    ]
    assert not list(report.notes_with(NoteCode.BLANK_CELL))
    assert not [k for k in report.cells if k.startswith(("requests.new.", "requests.granted."))]


def test_rows_printed_without_values_beside_a_stray_number_are_blank() -> None:
    # One stray number (a page number) is no row's values: the rows are printed blank.
    report = read_text(_LISTED_APART.format(values="3"))
    blank = {n.element for n in report.notes_with(NoteCode.BLANK_CELL)}
    assert {"requests.new", "requests.granted"} <= blank
    assert report.cells["requests.new.total"].value is None


def test_a_row_printed_narrower_than_the_table_is_unread_not_blank() -> None:
    # A crawl wrote each cell on a line ending ' |' and this row as one blank and one
    # 0: which of its seven cells the 0 is cannot be told, so the row is not read, and
    # it is not said to be printed without values.
    label = "一、本年新收政府信息公开申请数量"
    text = _LISTED_APART.replace(f"{label}\n", f"{label} |\n|\n0 |\n|||||||\n").format(values="")
    report = read_text(text)
    assert "requests.new" not in {n.element for n in report.notes_with(NoteCode.BLANK_CELL)}
    assert [n.found for n in report.notes_with(NoteCode.UNASSIGNED_VALUES)] == ["0"]
    assert not [k for k in report.cells if k.startswith("requests.new.")]


_CUT_AFTER_A_NUMBER = """示例县2023年政府信息公开工作年度报告
本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。
三、收到和处理政府信息公开申请情况
申请人情况 自然人 法人或其他组织 总计
商业企业 科研机构 社会公益组织 法律服务机构 其他
一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
三、本年度办理结果
（一）予以公开 3 0 0 0 0 0 3
（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0
（三）不予公开
1.属于国家秘密
0
0
0
0
0
0
0
{last}"""


def test_an_excerpt_cut_after_the_next_rows_number_reads_the_last_row() -> None:
    # An excerpt of a page's first characters ends with 2 of 2.其他法律行政法规禁止公开.
    report = read_text(_CUT_AFTER_A_NUMBER.format(last="2"))
    assert [
        report.value(f"requests.withheld.state_secret.{c}") for c in ("natural_person", "total")
    ] == [0, 0]
    assert not report.cells["requests.withheld.state_secret.total"].uncertain
    assert not list(report.notes_with(NoteCode.UNASSIGNED_VALUES))
    assert [n.code for n in _row_notes(report)] == [NoteCode.TRUNCATED]


def test_an_excerpt_ending_in_a_number_that_is_no_next_row_leaves_the_row_unread() -> None:
    report = read_text(_CUT_AFTER_A_NUMBER.format(last="5"))
    assert report.value("requests.withheld.state_secret.total") is None
    assert [n.found for n in report.notes_with(NoteCode.UNASSIGNED_VALUES)] == ["0 0 0 0 0 0 0 5"]


@pytest.mark.parametrize("ending", ["（一）予以公开", "（一）予以公开 | ", "（一）予以公开\t\n\n"])
def test_an_excerpt_cut_right_after_a_label_says_nothing_of_its_row(ending: str) -> None:
    lines = _lines("national-2021")
    cut = (
        "\n".join(lines[: _line_of(lines, "三、本年度办理结果")])
        + "\n三、本年度办理结果\t"
        + ending
    )
    report = read_text(cut)
    assert not [k for k in report.cells if k.startswith("requests.granted.")]
    assert not list(report.notes_with(NoteCode.BLANK_CELL))
    [note] = _row_notes(report)
    assert note.code is NoteCode.TRUNCATED


def test_a_value_after_the_first_label_is_no_header_debris() -> None:
    # A crawl that drops empty cells: 规章 keeps one 0 of its three cells, and no row
    # placed before it. The 0 is said to be left unplaced, and 规章 is not blank.
    text = (
        "示例县2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n0\n行政规范性文件\n"
        "第二十条第（五）项\n本年处理决定数量\n行政许可\n1894\n三、收到和处理政府信息公开申请情况\n"
    )
    report = read_text(text)
    assert [n.found for n in report.notes_with(NoteCode.UNASSIGNED_VALUES)] == ["0"]
    blank = {n.element for n in report.notes_with(NoteCode.BLANK_CELL)}
    assert "proactive.regulations" not in blank
    assert "proactive.normative_documents" in blank
    assert report.value("proactive.licensing.decisions") == 1894


def test_neither_up_nor_down_in_words_is_a_blank_change() -> None:
    # 本年增/减 written 未增未减: the row's other values are read, the change is blank.
    text = (
        "示例县2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项 |\n"
        "信息内容 |\n上一年项目数量 |\n本年增/减 |\n处理决定数量 |\n行政许可 |\n12 |\n未增未减 |\n"
        "30 |\n三、收到和处理政府信息公开申请情况\n"
    )
    report = read_text(text)
    assert report.value("proactive.licensing.prior_items") == 12
    assert report.value("proactive.licensing.decisions") == 30
    cell = report.cells["proactive.licensing.change"]
    assert cell.value is None and not cell.uncertain


def test_bare_pipe_lines_are_the_empty_cells_of_one_cell_lines() -> None:
    # One cell a line, each ending ' |', and a line '|' for each empty cell: the row
    # printed with only its 总计 reads blank cells and the total; 本年增/减 left empty
    # between two figures is blank.
    bare = "|\n" * 6
    text = (
        "示例县2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项 |\n"
        "信息内容 |\n上一年项目数量 |\n本年增/减 |\n处理决定数量 |\n行政许可 |\n12 |\n|\n30 |\n"
        "三、收到和处理政府信息公开申请情况\n申请人情况 |\n自然人 |\n法人或其他组织 |\n总计 |\n"
        f"一、本年新收政府信息公开申请数量 |\n{bare}3 |\n二、上年结转政府信息公开申请数量 |\n"
        f"{bare}0 |\n四、政府信息公开行政复议、行政诉讼情况\n"
    )
    report = read_text(text)
    assert [report.value(f"proactive.licensing.{c}") for c in ("prior_items", "decisions")] == [
        12,
        30,
    ]
    assert report.cells["proactive.licensing.change"].value is None
    assert report.value("requests.new.total") == 3
    assert report.value("requests.carried_over.total") == 0
    assert report.cells["requests.new.natural_person"].value is None
    assert not [k for k, c in report.cells.items() if c.uncertain]
    assert not list(report.notes_with(NoteCode.UNASSIGNED_VALUES))


_HEAD = """示例县2023年政府信息公开工作年度报告
本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。
三、收到和处理政府信息公开申请情况
"""
_REQUEST_COLUMNS = tuple(
    column.id
    for table in TEMPLATES["national-2021"].tables
    if table.id == "requests"
    for column in table.columns
)


def _row(report: Report, row: str) -> list[object]:
    return [report.value(f"requests.{row}.{column}") for column in _REQUEST_COLUMNS]


@pytest.mark.parametrize(
    "ending",
    [
        "二、上年结转政府信息公开申请数量 |\n2 |\n0 |\n1 |\n0",  # one cell a line
        "二、上年结转政府信息公开申请数量 | 2 | 0 | 1 | 0 |",  # a pipe row
        "二、上年结转政府信息公开申请数量\t2\t0\t1\t0",  # tabs
    ],
)
def test_an_excerpt_cut_inside_a_row_reads_its_first_cells_in_doubt(ending: str) -> None:
    """Excerpts end inside a row (几 of its 7 values): those values are its first
    cells, each in doubt (the last may be cut short too), and the others are not in
    the text: unread, not blank."""
    report = read_text(_HEAD + "一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4\n" + ending)
    assert _row(report, "new") == [3, 1, 0, 0, 0, 0, 4]
    assert _row(report, "carried_over") == [2, 0, 1, 0, None, None, None]
    read = [k for k in report.cells if k.startswith("requests.carried_over.")]
    assert len(read) == 4  # the three others are absent, not blank
    assert all(report.cells[k].uncertain for k in read)
    [note] = report.notes_with(NoteCode.UNCERTAIN_SPLIT)
    assert "after 4 of its 7 values" in note.message
    assert not list(report.notes_with(NoteCode.UNASSIGNED_VALUES))


def test_glued_digits_that_end_the_text_are_not_cut_into_a_row() -> None:
    """0100 is glued cells (a leading zero): cutting it would make the cells up."""
    report = read_text(
        _HEAD
        + "一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4\n"
        + "二、上年结转政府信息公开申请数量 0100"
    )
    assert _row(report, "carried_over") == [None] * 7
    assert [n.found for n in report.notes_with(NoteCode.UNASSIGNED_VALUES)] == ["0100"]


def test_a_last_row_like_the_rows_left_unread_before_it_is_not_taken_for_a_cut() -> None:
    """Where the rows before it were left unread with as few values, the last row's few
    values are the table's layout, not the text's end: it stays unread too."""
    report = read_text(
        _HEAD
        + "一、本年新收政府信息公开申请数量 |\n|\n5 |\n"
        + "二、上年结转政府信息公开申请数量 |\n|\n0 |"
    )
    assert _row(report, "new") == [None] * 7
    assert _row(report, "carried_over") == [None] * 7
    assert not list(report.notes_with(NoteCode.UNCERTAIN_SPLIT))


@pytest.mark.parametrize(
    "ending",
    [
        "二、上年结转政府信息公开申请数量 2 0 1 0",  # apart by spaces: PDF text drops blanks
        "二、上年结转政府信息公开申请数量\t23",  # a lone run may be glued cells
        "二、上年结转政府信息公开申请数量 2",  # a lone value after a space: any cell's
    ],
)
def test_values_ending_the_text_that_need_not_be_the_first_cells_stay_unread(
    ending: str,
) -> None:
    report = read_text(_HEAD + "一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4\n" + ending)
    assert _row(report, "carried_over") == [None] * 7
    assert list(report.notes_with(NoteCode.UNASSIGNED_VALUES))


@pytest.mark.parametrize(
    "ending",
    [
        "二、上年结转政府信息公开申请数量\t2",
        "二、上年结转政府信息公开申请数量 |\n2 |",  # one cell a line, with pipes
    ],
)
def test_a_lone_digit_in_a_cell_of_its_own_ending_the_text_is_the_first_cell(
    ending: str,
) -> None:
    """Real excerpts end one value into a row (``4.保护第三方合法权益 | 1 |``) after
    rows printed in full: a single digit in a cell of its own is one cell, the row's
    first, in doubt; the other six are not in the text."""
    report = read_text(_HEAD + "一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4\n" + ending)
    assert _row(report, "carried_over") == [2] + [None] * 6
    assert report.cells["requests.carried_over.natural_person"].uncertain
    assert len([k for k in report.cells if k.startswith("requests.carried_over.")]) == 1
    [note] = report.notes_with(NoteCode.UNCERTAIN_SPLIT)
    assert "after 1 of its 7 values" in note.message
    assert not list(report.notes_with(NoteCode.UNASSIGNED_VALUES))


@pytest.mark.parametrize(
    ("ending", "blank"),
    [
        ("其他对外管理服务事项(指行政许可以", False),  # cut inside the label's explanation
        ("其他对外管理服务事项（指行政许可以外的事项）|\n|", False),
        ("其他对外管理服务事项\n三、收到和处理政府信息公开申请情况\n", True),
    ],
)
def test_an_excerpt_cut_in_a_label_cell_leaves_the_row_unread(ending: str, blank: bool) -> None:
    """A real excerpt ends inside a label's explanation (``其他对外管理服务事项(指行政
    许可以``): its values are not in the text, which says nothing of them, so the
    row is unread, not printed blank. A row followed by the next section is printed
    blank."""
    report = read_text(
        "示例镇2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        "第二十条第(五)项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
        "行政许可\t71\t-11\t0\n" + ending
    )
    assert report.value("proactive.licensing.change") == -11
    cells = [k for k in report.cells if k.startswith("proactive.other_services.")]
    assert len(cells) == (3 if blank else 0)
    assert all(report.value(k) is None for k in cells)
