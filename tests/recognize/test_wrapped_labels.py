"""Row labels that PDF text wraps around their values, or that a merged cell cuts.

``pdftotext -layout`` prints a table's long row labels over several lines, the values
on one of them, and the text of a merged cell to the left (（六）其他处理) on lines of
its own between them. The reports here are synthetic, in that layout.
"""

from __future__ import annotations

from disclosure_core import read_text
from disclosure_core.api import builtin_templates
from disclosure_core.model.report import NoteCode, Report
from disclosure_core.testing import Layout, example_report, render_text

HEAD = (
    "某县某镇人民政府2023年政府信息公开工作年度报告\n"
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n"
    "三、收到和处理政府信息公开申请情况\n"
    "                     自然人          法人或其他组织                        总计\n"
    "                             商业  科研  社会公益  法律服务  其他\n"
    "一、本年新收政府信息公开申请数量          80     5     0     0     1     0    86\n"
)
TAIL = "四、政府信息公开行政复议、行政诉讼情况\n"

WRAPPED = """\
     （五）不      3.要求提供公开出版物              0     0     0     0     0     0     0
     予处理
               4.无正当理由大量反复申请            0     0     0     0     0     0     0

               5.要求行政机关确认或重新出
                                        2     0     0     0     0     0     2
               具已获取信息


               1、申请人无正当理由逾期不补

               正、行政机关不再处理其政府信           37     4     0     0     1     0    42
               息公开申请

     （六）其
               2、申请人逾期未按收费通知要
     他处理
               求缴纳费用、行政机关不再处理           5     0     0     0     0     0     5
               其政府信息公开申请


               3、其他                  18     1     0     0     0     0    19
"""


def row(report: Report, row_id: str) -> list[object]:
    columns = (
        "natural_person", "commercial", "research", "public_interest", "legal_services",
        "other_org", "total",
    )  # fmt: skip
    return [report.value(f"requests.{row_id}.{column}") for column in columns]


def notes(report: Report, code: NoteCode) -> list[str]:
    return [note.message for note in report.notes if note.code is code]


def test_a_label_wrapped_around_its_values_is_one_label() -> None:
    report = read_text(HEAD + WRAPPED + TAIL)
    assert row(report, "other_handling.no_correction") == [37, 4, 0, 0, 1, 0, 42]
    assert row(report, "not_processed.confirmation") == [2, 0, 0, 0, 0, 0, 2]
    assert not notes(report, NoteCode.EXTRA_ROW)
    assert not [key for key, cell in report.cells.items() if cell.uncertain]


def test_a_piece_of_a_label_cut_by_a_merged_cell_names_its_row() -> None:
    report = read_text(HEAD + WRAPPED + TAIL)
    assert row(report, "other_handling.fee_unpaid") == [5, 0, 0, 0, 0, 0, 5]
    (piece,) = [
        note
        for note in report.notes
        if note.code is NoteCode.LABEL_VARIANT and note.variant == "fragment"
    ]
    assert piece.element == "requests.other_handling.fee_unpaid"
    assert piece.found == "求缴纳费用、行政机关不再处理"
    assert row(report, "other_handling.other") == [18, 1, 0, 0, 0, 0, 19]


#: A markdown conversion that lost two labels but kept pieces both rows share.
SHARED_PIECES = """\
| 4.无正当理由大量反复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 行政机关不再处理其政府信息公 | 40 | 1 | 0 | 0 | 2 | 0 | 43 |
| 缴纳费用、 | 行政机关不再处理其政 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
| 3.其他 | 26 | 12 | 0 | 0 | 0 | 0 | 38 |
"""


def test_pieces_two_rows_share_are_placed_by_order_among_them() -> None:
    report = read_text(HEAD + SHARED_PIECES + TAIL)
    assert row(report, "not_processed.confirmation") == [0] * 7
    assert row(report, "other_handling.no_correction") == [40, 1, 0, 0, 2, 0, 43]
    assert row(report, "other_handling.fee_unpaid") == [3, 0, 0, 0, 0, 0, 3]
    assert not notes(report, NoteCode.EXTRA_ROW)


def test_rows_the_template_does_not_have_stay_extra_rows() -> None:
    # 小计 is no piece of a label; 行政机关 is one of many, and too short to name one
    text = WRAPPED.replace(
        "               3、其他", "小计  60 5 0 0 1 0 66\n行政机关  1 0 0 0 0 0 1\n3、其他"
    )
    report = read_text(HEAD + text + TAIL)
    extra = notes(report, NoteCode.EXTRA_ROW)
    assert len(extra) == 2
    assert "小计" in extra[0] and "行政机关" in extra[1]
    assert row(report, "other_handling.other") == [18, 1, 0, 0, 0, 0, 19]


_NOTED = """某镇2020年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第(一)项
信息内容
本年新制作数量
本年新公开数量
对外公开总数量
规章(设区的市、自治州人民政府应提供相关数据)
0
0
0
规范性文件(行政机关制定发布的决定、公告、通告、意见、通知,以及标题采用“规定”“办法”“细则”等字样的公文,一般情况下属于规范性文件)
34
4
47
其他主动公开文件(含以本单位名义正式签发的、除规范性文件以外的主动公开文件)
1
2
3
第二十条第(五)项
信息内容
上一年项目数量
本年增/减
处理决定数量
行政许可
5
1
6
三、收到和处理政府信息公开申请情况
"""


def test_a_note_in_brackets_after_a_label_is_the_labels() -> None:
    """Some provinces' tables follow a label with a note that names other rows (the
    note after 规范性文件 ends 属于规范性文件, the extra row's names 规范性文件 too): the
    note is the label's, and the rows it names are no labels."""
    for text in (
        _NOTED,
        _NOTED.replace("\n0\n0\n0\n", " 0 0 0\n").replace("\n34\n4\n47\n", " 34 4 47\n"),
    ):
        report = read_text(text)
        assert [report.value(f"proactive.normative_documents.{c}")
                for c in ("made", "published", "total_published")] == [34, 4, 47]  # fmt: skip
        assert [report.value(f"proactive.regulations.{c}")
                for c in ("made", "published", "total_published")] == [0, 0, 0]  # fmt: skip
        assert not [cell_id for cell_id, cell in report.cells.items() if cell.uncertain]


def test_a_label_written_a_little_differently_is_its_rows() -> None:
    """A label no variant lists, near one row's (a word left out, a wrong character),
    is that row's, with a label-variant note; an unknown row (小计) stays an extra row."""
    template = {t.id: t for t in builtin_templates()}["national-2021"]
    report = example_report(template, seed=5)
    text = render_text(report, Layout.TSV)
    near = {
        "二、上年结转政府信息公开申请数量": "二、上年结转政府信息公开数量",
        "四、结转下年度继续办理": "四、结转下一年度继续办理",
    }
    for label, written in near.items():
        assert text.count(label) == 1
        text = text.replace(label, written)
    text = text.replace("（七）总计", "小计\t1\t1\t1\t1\t1\t1\t6\n（七）总计", 1)
    read = read_text(text)
    for cell_id, value in report.cells.items():
        assert read.value(cell_id) == value, cell_id
    variants = {n.element: n.found for n in read.notes_with(NoteCode.LABEL_VARIANT)}
    assert variants["requests.carried_over"] == "二、上年结转政府信息公开数量"
    assert variants["requests.carry_forward"] == "四、结转下一年度继续办理"
    assert [n.found for n in read.notes_with(NoteCode.EXTRA_ROW)] == ["小计"]
