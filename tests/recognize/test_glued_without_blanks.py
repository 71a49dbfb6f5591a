"""Glued figures of rows printed without their blank cells: ``8213521859``.

A crawled page that lost its table markup glues each row's cells together; when the
page's blank cells were empty, they leave nothing at all. ``8213521859`` is then
821|35|-|-|2|1|859: the digits must be cut *and* placed among blanks. The row's total
is a stretch of the run, the digits before it are cut into values that add up to it,
and those keep their order among the part cells.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from disclosure_core import read_text
from disclosure_core.model.report import NoteCode
from disclosure_core.recognize.split import RowIdentity, Value, split_row
from disclosure_core.recognize.stream import Chunk, ChunkKind
from disclosure_core.templates.spec import ColumnKind

KINDS = [ColumnKind.COUNT] * 7
ROW_TOTAL = [RowIdentity(6, (0, 1, 2, 3, 4, 5))]
APPEALS = [RowIdentity(s + 4, tuple(range(s, s + 4))) for s in (0, 5, 10)]


def _run(*texts: str, hard: bool = False) -> list[Chunk]:
    chunks, offset = [], 10
    for text in texts:
        chunks.append(Chunk(ChunkKind.NUMBER, text, offset, 0, hard))
        offset += len(text) + 1
    return chunks


def _numbers(values: tuple[Value, ...]) -> list[int | Decimal | None]:
    return [value.number for value in values]


def test_a_glued_row_without_blanks_is_cut_and_placed() -> None:
    result = split_row(_run("8213521859"), KINDS, ROW_TOTAL, gaps=True, glued_gaps=True)
    assert result.gaps and not result.certain
    readings = [_numbers(r.values) for r in result.readings]
    assert readings[0] == [821, 35, 2, 1, None, None, 859]  # leftmost first
    assert [821, 35, None, None, 2, 1, 859] in readings  # what the report printed
    # every reading has the same figures in the same order, and adds up
    assert {tuple(n for n in r if n is not None) for r in readings} == {(821, 35, 2, 1, 859)}
    assert all(r[6] == 859 and sum(n or 0 for n in r[:6]) == 859 for r in readings)


def test_figures_written_apart_are_not_cut() -> None:
    """Each its own cell (a line or a column of PDF text): placing them among blanks is
    the plain placement's job; cutting ``10`` into 1|0 to make a row add up is not."""
    figures = ["0", "0", "0", "0", "0", "1", "10", "0", "0", "0"]
    chunks = _run(*figures, hard=True)
    result = split_row(chunks, [ColumnKind.COUNT] * 15, APPEALS, gaps=True, glued_gaps=True)
    written = {(chunk.text, chunk.start) for chunk in chunks}
    for reading in result.readings:
        assert all((v.text, v.offset) in written for v in reading.values if v.number is not None)


def test_one_figure_alone_is_not_placed() -> None:
    assert not split_row(_run("0"), KINDS, ROW_TOTAL, gaps=True, glued_gaps=True).gaps
    assert not split_row(_run("7"), KINDS, ROW_TOTAL, gaps=True, glued_gaps=True).readings


def test_without_gaps_the_run_is_only_cut() -> None:
    assert not split_row(_run("8213521859"), KINDS, ROW_TOTAL).gaps
    # placing figures written apart among blanks does not cut a run among them
    assert not split_row(_run("8213521859"), KINDS, ROW_TOTAL, gaps=True).gaps


def test_a_plain_cut_that_adds_up_is_kept() -> None:
    """Seven cells all printed (0000000 glued) need no blanks: the plain cut stands."""
    result = split_row(_run("3000003"), KINDS, ROW_TOTAL, gaps=True, glued_gaps=True)
    assert not result.gaps
    assert result.best is not None and _numbers(result.best.values) == [3, 0, 0, 0, 0, 0, 3]


def test_the_appeals_table_glued_on_one_line_without_blanks() -> None:
    result = split_row(_run("527819"), [ColumnKind.COUNT] * 15, APPEALS, gaps=True, glued_gaps=True)
    assert result.gaps
    best = _numbers(result.readings[0].values)
    assert best[4] == 7 and best[9] == 9 and best[10:] == [None] * 5
    assert best[0] == 5 and best[5] == 8


_GLUED_HEAD = (
    "某县人民政府2019年政府信息公开工作年度报告\n"
    "本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。"
    "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，"
    "等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构"
    "社会公益组织法律服务机构其他"
)


def test_a_crawled_page_with_empty_cells_keeps_its_totals() -> None:
    report = read_text(
        _GLUED_HEAD
        + "一、本年新收政府信息公开申请数量8213521859"
        + "二、上年结转政府信息公开申请数量1818"
        + "三、本年度办理结果（一）予以公开2581211281"
        + "四、政府信息公开行政复议、行政诉讼情况"
    )
    assert report.value("requests.new.total") == 859
    assert report.value("requests.new.natural_person") == 821
    assert report.value("requests.carried_over.total") == 18
    assert report.value("requests.granted.total") == 281
    # the totals are the same in every reading; which cells were blank the text does
    # not say, so the others are in doubt (自然人 too: it may be blank)
    assert not report.cells["requests.new.total"].uncertain
    assert not report.cells["requests.granted.total"].uncertain
    assert report.cells["requests.new.natural_person"].uncertain
    assert report.cells["requests.new.research"].uncertain
    notes = [n for n in report.notes if n.code is NoteCode.UNCERTAIN_SPLIT]
    assert any("printed without its blank cells" in n.message for n in notes)
    assert not [n for n in report.notes if n.code is NoteCode.UNASSIGNED_VALUES]


_APPEALS_GLUED = (
    "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果"
    "尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计"
    "结果维持结果纠正其他结果尚未审结总计{values}"
    "五、存在的主要问题及改进情况无。"
)


def test_the_appeals_figures_glued_after_their_header() -> None:
    report = read_text(_GLUED_HEAD + _APPEALS_GLUED.format(values="527819"))
    assert report.value("appeals.review.total") == 7
    assert report.value("appeals.litigation_direct.total") == 9
    assert report.value("appeals.litigation_direct.upheld") == 8


def test_a_year_in_a_sentence_is_no_row() -> None:
    """2024 = 2|0|2|-|4 adds up, but a figure that text follows on its line is a
    sentence's (2024 年…), not the appeals table's."""
    report = read_text(
        _GLUED_HEAD + _APPEALS_GLUED.format(values="\n（一）主要问题\n本委 2024 年机构调整。\n")
    )
    assert all(
        report.value(f"appeals.{row}.{column}") is None
        for row in ("review", "litigation_direct", "litigation_after_review")
        for column in ("upheld", "corrected", "other", "pending", "total")
    )
    assert not [n for n in report.notes if n.code is NoteCode.UNCERTAIN_SPLIT]


@given(
    st.lists(
        st.one_of(st.none(), st.integers(0, 9), st.integers(10, 99), st.integers(100, 2000)),
        min_size=6,
        max_size=6,
    ).filter(lambda parts: 1 <= sum(part is not None for part in parts) <= 5)
)
def test_the_printed_row_is_among_the_readings(parts: list[int | None]) -> None:
    """Glued without its blanks, a row is read among blanks: the readings all add up,
    the row as printed is one of them (unless the run also cuts into seven cells that
    add up, which is then read), and what every reading agrees on is what was printed."""
    total = sum(part or 0 for part in parts)
    run = "".join(str(part) for part in parts if part is not None) + str(total)
    result = split_row(_run(run), KINDS, ROW_TOTAL, gaps=True, glued_gaps=True)
    if not result.gaps:
        assert result.best is not None and result.best.balanced
        assert all(v.number is not None for v in result.best.values)
        return
    readings = [_numbers(r.values) for r in result.readings]
    assert all(r[6] == sum(n or 0 for n in r[:6]) for r in readings)
    if len(readings) < 64:
        assert [*parts, total] in readings
        for column in range(7):
            if len({r[column] for r in readings}) == 1:
                assert readings[0][column] == [*parts, total][column]


def test_a_glued_row_that_does_not_add_up_is_read_a_digit_a_cell() -> None:
    # As many digits as cells: one cut only, whether the report's total is right or
    # not (the rules then find the wrong total). No placement among blanks reads it.
    result = split_row(_run("3000004"), KINDS, ROW_TOTAL, gaps=True, glued_gaps=True)
    assert result.certain
    (reading,) = result.readings
    assert _numbers(reading.values) == [3, 0, 0, 0, 0, 0, 4]
    assert not reading.balanced


def test_a_digit_a_cell_is_in_doubt_where_blanks_were_not_tried() -> None:
    # a run that floats (no row label before it) might be values among blank cells
    result = split_row(_run("1001101"), KINDS, ROW_TOTAL, gaps=True, glued_gaps=False)
    assert not result.certain
    assert [_numbers(r.values) for r in result.readings] == [[1, 0, 0, 1, 1, 0, 1]]


def test_the_appeals_line_with_a_wrong_total_is_read_as_printed() -> None:
    head = (
        "某县某镇人民政府2023年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
    )
    header = (
        "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
        "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
    )
    report = read_text(head + header + "010000000000000五、存在的主要问题及改进情况无。")
    review = [report.value(f"appeals.review.{c}") for c in ("upheld", "corrected", "total")]
    assert review == [0, 1, 0]  # 1 corrected, total 0: the report's own error
    assert report.value("appeals.litigation_after_review.total") == 0


def test_zeros_with_a_stray_space_are_placed_among_blanks() -> None:
    # 0 00000: six zeros for seven cells; a run of zeros has no other cut
    chunks = [_run("0", hard=True)[0], Chunk(ChunkKind.NUMBER, "00000", 12, 0, False)]
    result = split_row(chunks, KINDS, ROW_TOTAL, gaps=True, glued_gaps=True)
    assert result.gaps and not result.certain
    readings = [_numbers(r.values) for r in result.readings]
    assert all(r.count(None) == 1 and r.count(0) == 6 and r[6] == 0 for r in readings)
    assert len(readings) == 6  # any part cell may be the blank one, never 总计
    # the space is where a crawl left the empty cell: that placement is read
    assert readings[0] == [0, None, 0, 0, 0, 0, 0]


def test_zeros_apart_without_a_marking_space_go_leftmost() -> None:
    # written apart as cells (0<tab>00000): no space marks the blank
    chunks = [_run("0", hard=True)[0], Chunk(ChunkKind.NUMBER, "00000", 12, 0, True)]
    result = split_row(chunks, KINDS, ROW_TOTAL, gaps=True, glued_gaps=True)
    assert _numbers(result.readings[0].values) == [0, 0, 0, 0, 0, None, 0]


def test_a_zero_run_as_wide_as_the_row_is_its_cells() -> None:
    result = split_row(_run("0000000"), KINDS, ROW_TOTAL, gaps=True, glued_gaps=True)
    assert result.certain
    assert [_numbers(r.values) for r in result.readings] == [[0] * 7]
