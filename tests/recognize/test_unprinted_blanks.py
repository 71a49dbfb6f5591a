"""Rows printed without their blank cells: ``821 35 2 1 859`` for seven cells.

PDF text extraction and some conversions drop empty cells, so a row of the requests
table comes out as fewer numbers than it has cells, separated by spaces (or one a
line). Which cells were blank is not written; the row's arithmetic (总计 = the sum of
its parts) shows which number is the total, and the numbers keep their order.
"""

from __future__ import annotations

from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

from disclosure_core import read_text
from disclosure_core.model.report import NoteCode
from disclosure_core.recognize.split import MAX_READINGS, RowIdentity, split_row
from disclosure_core.recognize.stream import Chunk, ChunkKind
from disclosure_core.templates.spec import ColumnKind

#: The requests table's columns: 自然人, five kinds of organisation, 总计.
KINDS = [ColumnKind.COUNT] * 7
ROW_TOTAL = [RowIdentity(6, (0, 1, 2, 3, 4, 5))]


def _chunks(numbers: list[int]) -> list[Chunk]:
    chunks, offset = [], 10
    for number in numbers:
        chunks.append(Chunk(ChunkKind.NUMBER, str(number), offset, 0, False))
        offset += len(str(number)) + 1
    return chunks


@given(
    st.lists(st.one_of(st.none(), st.integers(0, 500)), min_size=6, max_size=6).filter(
        lambda parts: 1 <= sum(part is not None for part in parts) <= 5
    )
)
def test_the_total_and_the_order_of_the_values_are_kept(parts: list[int | None]) -> None:
    printed = [part for part in parts if part is not None]
    total = sum(printed)
    result = split_row(_chunks([*printed, total]), KINDS, ROW_TOTAL, gaps=True)
    assert result.gaps
    best = result.best
    assert best is not None and best.balanced
    numbers = [value.number for value in best.values]
    assert numbers[6] == total
    assert [n for n in numbers[:6] if n is not None] == printed
    if result.certain:
        assert numbers[:6] == parts


def _closed_placements(numbers: list[int], width: int) -> list[tuple[int | None, ...]]:
    """Every placement of ``numbers`` in order among ``width`` cells of 7-cell rows
    whose totals are printed and add up (or all blank): the plain enumeration the
    search replaces."""
    found = []
    for positions in combinations(range(width), len(numbers)):
        row: list[int | None] = [None] * width
        for position, number in zip(positions, numbers, strict=True):
            row[position] = number
        closed = True
        for start in range(0, width, 7):
            parts, total = row[start : start + 6], row[start + 6]
            if total is None:
                closed = closed and all(part is None for part in parts)
            else:
                closed = closed and sum(part or 0 for part in parts) == total
        if closed:
            found.append(tuple(row))
    return found


@given(st.lists(st.integers(0, 9), min_size=2, max_size=10), st.sampled_from([7, 14]))
def test_the_search_finds_every_placement_that_adds_up(numbers: list[int], width: int) -> None:
    if len(numbers) >= width:
        return
    identities = [RowIdentity(s + 6, tuple(range(s, s + 6))) for s in range(0, width, 7)]
    expected = _closed_placements(numbers, width)
    result = split_row(_chunks(numbers), [ColumnKind.COUNT] * width, identities, gaps=True)
    found = [tuple(v.number for v in r.values) for r in result.readings] if result.gaps else []
    if len(expected) < MAX_READINGS:
        assert found == expected  # all of them, leftmost first
    else:
        assert len(found) == MAX_READINGS and set(found) <= set(expected)


@given(st.lists(st.integers(0, 500), min_size=2, max_size=6))
def test_values_that_add_up_to_no_total_are_not_placed(printed: list[int]) -> None:
    """Without a total the arithmetic shows nothing: the row stays unread (its values
    are reported as unassigned), as before."""
    last = printed[-1]
    if last == sum(printed[:-1]):
        return
    assert not split_row(_chunks(printed), KINDS, ROW_TOTAL, gaps=True).gaps


def test_a_lone_number_is_not_placed() -> None:
    """A number alone after a label is as likely a page number as a row."""
    assert not split_row(_chunks([1]), KINDS, ROW_TOTAL, gaps=True).readings


def test_without_gaps_such_a_row_has_no_reading() -> None:
    assert not split_row(_chunks([821, 35, 2, 1, 859]), KINDS, ROW_TOTAL).gaps


_HEAD = (
    "某县人民政府2023年政府信息公开工作年度报告\n"
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n"
    "三、收到和处理政府信息公开申请情况\n"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况\n"
    "自然人 法人或其他组织 总计\n"
    "商业企业 科研机构 社会公益组织 法律服务机构 其他\n"
)


def test_a_report_printed_without_blank_cells_keeps_its_totals() -> None:
    report = read_text(
        _HEAD
        + "一、本年新收政府信息公开申请数量 821 35 2 1 859\n"
        + "二、上年结转政府信息公开申请数量 18 18\n"
        + "三、本年度办理结果 （一）予以公开 258 12 270\n"
        + "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 3 3\n"
        + "四、政府信息公开行政复议、行政诉讼情况\n"
    )
    assert report.value("requests.new.total") == 859
    assert report.value("requests.new.natural_person") == 821
    assert report.value("requests.carried_over.total") == 18
    assert report.value("requests.granted.total") == 270
    assert report.value("requests.partially_granted.total") == 3
    # the arithmetic fixes each total: read for certain; which organisations' cells
    # are blank is not known: those are in doubt, and so is 自然人 (it may be blank)
    assert not report.cells["requests.new.total"].uncertain
    assert not report.cells["requests.carried_over.total"].uncertain
    assert report.cells["requests.new.natural_person"].uncertain
    assert report.cells["requests.new.commercial"].uncertain
    notes = [n for n in report.notes if n.code is NoteCode.UNCERTAIN_SPLIT]
    assert notes and all("printed without its blank cells" in n.message for n in notes)
    assert not [n for n in report.notes if n.code is NoteCode.UNASSIGNED_VALUES]


_APPEALS = (
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "行政复议 行政诉讼\n"
    "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n"
    "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n"
    "{values}\n"
    "五、存在的主要问题及改进情况\n无。\n"
)


def test_the_appeals_table_on_one_line_without_blank_cells() -> None:
    """Fifteen cells, six figures: the totals show which figures go together; the
    rows that take none are blank, not claimed for figures they do not hold."""
    report = read_text(_HEAD + _APPEALS.format(values="5 2 7 8 1 9"))
    assert report.value("appeals.review.total") == 7
    assert report.value("appeals.review.upheld") == 5
    assert report.value("appeals.litigation_direct.total") == 9
    assert report.value("appeals.litigation_direct.upheld") == 8
    after = [report.value(f"appeals.litigation_after_review.{c}") for c in _APPEAL_COLUMNS]
    assert after == [None] * 5
    notes = [n for n in report.notes if n.code is NoteCode.UNCERTAIN_SPLIT]
    assert any("printed without their blank cells" in n.message for n in notes)


def test_five_appeals_figures_are_one_row_written_apart() -> None:
    """Five figures that fill a row exactly are read as a row, not spread among blanks
    over three (which row stays in doubt, as before)."""
    report = read_text(_HEAD + _APPEALS.format(values="3 2 0 0 5"))
    rows = [
        [report.value(f"appeals.{row}.{c}") for c in _APPEAL_COLUMNS]
        for row in ("review", "litigation_direct", "litigation_after_review")
    ]
    assert [3, 2, 0, 0, 5] in rows
    assert sum(value is not None for row in rows for value in row) == 5


_APPEAL_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
