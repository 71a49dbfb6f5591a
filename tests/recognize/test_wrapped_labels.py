"""Row labels that PDF text wraps around their values, or that a merged cell cuts.

``pdftotext -layout`` prints a table's long row labels over several lines, the values
on one of them, and the text of a merged cell to the left (（六）其他处理) on lines of
its own between them. The reports here are synthetic, in that layout.
"""

from __future__ import annotations

from disclosure_core import read_text
from disclosure_core.model.report import NoteCode, Report

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
