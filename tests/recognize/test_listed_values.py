"""Values listed after their labels, one a line: row by row or column by column.

PDF text extracted text box by text box (pdfminer's ``extract_text``) prints a block of
a table as all its row labels, then all its values, often column by column. The
reports here are synthetic: the labels are the template's, the figures invented.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from hypothesis import example, given
from hypothesis import strategies as st

from disclosure_core import read_text
from disclosure_core.api import builtin_templates
from disclosure_core.model.report import NoteCode, Report
from disclosure_core.templates import TableSpec

NATIONAL_2021 = {template.id: template for template in builtin_templates()}["national-2021"]
REQUESTS = NATIONAL_2021.table("requests")
PROACTIVE = NATIONAL_2021.table("proactive")
ROWS = REQUESTS.rows
WIDTH = len(REQUESTS.columns)
COLUMNS = tuple(column.id for column in REQUESTS.columns)

HEAD = (
    "某县某镇人民政府2022年政府信息公开工作年度报告\n"
    "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n"
)
APPEALS_HEADING = "四、政府信息公开行政复议、行政诉讼情况\n"

Figures = dict[str, tuple[int, ...]]  # row ID -> the row's values, 总计 last


def labels(table: TableSpec, rows: Sequence[int]) -> list[str]:
    """The label lines of ``rows``, with a group's label before its first row."""
    groups = {group.id: group for group in table.groups}
    lines = []
    for index in rows:
        row = table.rows[index]
        first_of_group = row.group is not None and (
            index == 0 or table.rows[index - 1].group != row.group
        )
        if first_of_group:
            group = groups[row.group]  # type: ignore[index]
            lines.append(f"{group.number}{group.label}")
        lines.append(f"{row.number}{row.label}")
    return lines


def listed(values: Sequence[Sequence[int]], order: str) -> list[str]:
    """The values of a block of rows, one a line, in ``order``."""
    if order == "row":
        return [str(value) for row in values for value in row]
    return [str(row[column]) for column in range(len(values[0])) for row in values]


def requests_lines(figures: Figures, blocks: Sequence[tuple[int, int]], order: str) -> list[str]:
    """Table 三 printed block by block: the labels of rows ``start..stop-1``, then
    their values listed in ``order``."""
    lines = ["三、收到和处理政府信息公开申请情况"]
    for start, stop in blocks:
        rows = range(start, stop)
        lines.extend(labels(REQUESTS, rows))
        lines.extend(listed([figures[ROWS[index].id] for index in rows], order))
    return lines


def requests_text(figures: Figures, blocks: Sequence[tuple[int, int]], order: str) -> str:
    return HEAD + "\n".join(requests_lines(figures, blocks, order)) + "\n" + APPEALS_HEADING


def request_cells(report: Report) -> dict[str, object]:
    return {key: cell.value for key, cell in report.cells.items() if key.startswith("requests.")}


def expected_cells(figures: Figures, rows: Sequence[int]) -> dict[str, int]:
    return {
        f"requests.{ROWS[index].id}.{column}": value
        for index in rows
        for column, value in zip(COLUMNS, figures[ROWS[index].id], strict=True)
    }


def with_total(*parts: int) -> tuple[int, ...]:
    return (*parts, sum(parts))


def zero_figures() -> Figures:
    return {row.id: (0,) * WIDTH for row in ROWS}


def value_order_notes(report: Report) -> list[tuple[str | None, str | None]]:
    return [(n.element, n.found) for n in report.notes if n.code is NoteCode.VALUE_ORDER]


# ------------------------------------------------------------------ examples

#: Figures whose rows add up only when read the way they are listed.
FIGURES = {
    **zero_figures(),
    "new": with_total(12, 1, 0, 2, 0, 0),
    "carried_over": with_total(1, 0, 0, 0, 0, 0),
    "granted": with_total(5, 1, 0, 0, 0, 0),
    "partially_granted": with_total(2, 0, 0, 1, 0, 0),
    "results_total": with_total(11, 1, 0, 2, 0, 0),
    "carry_forward": with_total(2, 0, 0, 0, 0, 0),
}
EVERY_ROW = (0, len(ROWS))


def test_a_block_listed_column_by_column_is_read_so() -> None:
    report = read_text(requests_text(FIGURES, [EVERY_ROW], "column"))
    assert request_cells(report) == expected_cells(FIGURES, range(len(ROWS)))
    assert value_order_notes(report) == [("requests", "column")]
    assert not any(cell.uncertain for cell in report.cells.values())


def test_a_block_listed_row_by_row_is_read_so() -> None:
    report = read_text(requests_text(FIGURES, [EVERY_ROW], "row"))
    assert request_cells(report) == expected_cells(FIGURES, range(len(ROWS)))
    assert value_order_notes(report) == [("requests", "row")]


def test_blocks_of_a_page_each_are_read() -> None:
    blocks = [(0, 4), (4, 17), (17, len(ROWS))]
    report = read_text(requests_text(FIGURES, blocks, "column"))
    assert request_cells(report) == expected_cells(FIGURES, range(len(ROWS)))
    # (4, 17) is all 0: both orders read the same
    assert value_order_notes(report) == [
        ("requests", "column"),
        ("requests", "either"),
        ("requests", "column"),
    ]


def test_rows_that_add_up_in_neither_order_are_left_unassigned() -> None:
    wrong = {**FIGURES, "new": (12, 1, 0, 2, 0, 0, 16)}  # 总计 should be 15
    report = read_text(requests_text(wrong, [(0, 4)], "column"))
    assert request_cells(report) == {}  # unknown: not blank, not missing
    assert not value_order_notes(report)
    assert not [n for n in report.notes if n.code is NoteCode.BLANK_CELL]
    (missing,) = [n for n in report.notes if n.code is NoteCode.MISSING_ROW]
    assert f"{len(ROWS) - 4} rows" in missing.message  # the rows after the block only
    (unplaced,) = [n for n in report.notes if n.code is NoteCode.UNASSIGNED_VALUES]
    assert "the values of new, carried_over, granted, partially_granted" in unplaced.message
    assert unplaced.variant == "rows"  # figures not read: a warning (NAT-P3)
    assert NoteCode.UNASSIGNED_VALUES in {n.code for n in report.notes if n.element == "requests"}


def proactive_lines(order: str) -> list[str]:
    """Table 二's first block (规章, 行政规范性文件: 3 counts each) listed in ``order``."""
    return [
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        *labels(PROACTIVE, [0, 1]),
        *listed([(1, 0, 4), (3, 2, 27)], order),
    ]


def test_counts_without_arithmetic_follow_the_order_the_other_tables_show() -> None:
    lines = proactive_lines("column") + requests_lines(FIGURES, [EVERY_ROW], "column")
    report = read_text(HEAD + "\n".join(lines) + "\n" + APPEALS_HEADING)
    assert {key: cell.value for key, cell in report.cells.items() if "regulations" in key} == {
        "proactive.regulations.issued": 1,
        "proactive.regulations.repealed": 0,
        "proactive.regulations.in_force": 4,
    }
    assert report.value("proactive.normative_documents.in_force") == 27
    assert ("proactive", "column") in value_order_notes(report)


def test_labels_of_the_next_blocks_before_a_block_s_values_wait_for_their_own() -> None:
    """pdfminer puts the labels of table 二's (五) block before the values of its (一)
    block, and those of (六) after (五)'s value: 规章, 行政规范性文件, 行政许可, six
    values, 本年处理决定数量, one value, 行政处罚, 行政强制, two values. The first rows
    of one width take the six values; 行政许可 waits for the next one. (The six were
    read row by row in doubt, two of them wrong, and (六)'s values were left
    unplaced.)"""
    lines = [
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容",
        *labels(PROACTIVE, [0, 1]),
        "第二十条第（五）项",
        "信息内容",
        "行政许可",
        "本年制发件数",
        "本年废止件数 现行有效件数",
        *listed([(1, 0, 11), (8, 26, 66)], "column"),
        "本年处理决定数量",
        "447228",
        "第二十条第（六）项",
        "信息内容",
        "行政处罚",
        "行政强制",
        "本年处理决定数量",
        "3985758",
        "88283",
        *requests_lines(FIGURES, [EVERY_ROW], "column"),
    ]
    report = read_text(HEAD + "\n".join(lines) + "\n" + APPEALS_HEADING)
    proactive = {k: c.value for k, c in report.cells.items() if k.startswith("proactive.")}
    assert proactive == {
        "proactive.regulations.issued": 1,
        "proactive.regulations.repealed": 0,
        "proactive.regulations.in_force": 11,
        "proactive.normative_documents.issued": 8,
        "proactive.normative_documents.repealed": 26,
        "proactive.normative_documents.in_force": 66,
        "proactive.licensing.decisions": 447228,
        "proactive.penalties.decisions": 3985758,
        "proactive.enforcement.decisions": 88283,
    }
    assert ("proactive", "column") in value_order_notes(report)
    assert not [k for k, c in report.cells.items() if k.startswith("proactive.") and c.uncertain]


def test_counts_without_arithmetic_are_doubtful_when_nothing_shows_the_order() -> None:
    # Read row by row, as one-cell-per-line text would be, but marked uncertain: the
    # report could as well list them column by column.
    report = read_text(HEAD + "\n".join(proactive_lines("column")) + "\n" + APPEALS_HEADING)
    regulations = [cell for key, cell in report.cells.items() if ".regulations." in key]
    assert [cell.value for cell in regulations] == [1, 3, 0]
    assert all(cell.uncertain for cell in regulations)
    assert value_order_notes(report) == [("proactive", "row")]
    assert NoteCode.UNCERTAIN_SPLIT in {n.code for n in report.notes}


def test_a_block_after_values_printed_before_their_label_is_not_read_shifted() -> None:
    # 一's values, then 二's values before 二's label (PDF text does this), then the
    # labels of 二, （一） and （二） and the values of （一）, （二） and （三）1, whose label
    # follows. Taking 二..（二） as the block's rows would shift each row by one, and
    # every row would still add up: the block is left to the general placement.
    figures = {**FIGURES, "withheld.state_secret": with_total(3, 0, 0, 0, 0, 0)}
    assert [ROWS[index].id for index in range(5)] == [
        "new",
        "carried_over",
        "granted",
        "partially_granted",
        "withheld.state_secret",
    ]
    lines = [
        "三、收到和处理政府信息公开申请情况",
        *labels(REQUESTS, [0]),
        *listed([figures["new"], figures["carried_over"]], "row"),
        *labels(REQUESTS, [1, 2, 3]),
        *listed([figures[ROWS[index].id] for index in (2, 3, 4)], "column"),
        *labels(REQUESTS, [4]),
    ]
    report = read_text(HEAD + "\n".join(lines) + "\n" + APPEALS_HEADING)
    assert not value_order_notes(report)
    assert report.value("requests.carried_over.natural_person") != figures["granted"][0]


# ------------------------------------------------------------------ the property

counts = st.integers(min_value=0, max_value=40) | st.just(0)


@st.composite
def figures_and_blocks(draw: st.DrawFn) -> tuple[Figures, list[tuple[int, int]]]:
    figures = {row.id: with_total(*draw(st.lists(counts, min_size=6, max_size=6))) for row in ROWS}
    cuts = draw(st.sets(st.integers(min_value=1, max_value=len(ROWS) - 1), max_size=6))
    bounds = [0, *sorted(cuts), len(ROWS)]
    return figures, list(pairwise(bounds))


def adds_up(values: Sequence[int]) -> bool:
    return values[-1] == sum(values[:-1])


def only_column_order_adds_up(figures: Figures, start: int, stop: int) -> bool:
    """Whether reading the block row by row (it is listed column by column) leaves a
    row that does not add up, or reads the same: then the block's order is certain."""
    block = [figures[ROWS[index].id] for index in range(start, stop)]
    flat = listed(block, "column")
    as_rows = [tuple(int(v) for v in flat[i * WIDTH : (i + 1) * WIDTH]) for i in range(len(block))]
    return as_rows == [tuple(row) for row in block] or not all(map(adds_up, as_rows))


@given(figures_and_blocks())
@example(({**zero_figures(), **FIGURES}, [EVERY_ROW]))
@example(  # a first block that adds up in both orders was placed by order, row by row
    (
        {
            **zero_figures(),
            "carried_over": with_total(0, 0, 0, 0, 0, 1),
            "granted": with_total(17, 0, 0, 0, 0, 0),
        },
        [(0, 2), (2, 4), (4, len(ROWS))],
    )
)
@example(  # the last block adds up in both orders, to different values
    (
        {**zero_figures(), "carry_forward": with_total(0, 0, 0, 0, 0, 1)},
        [(0, 19), (19, len(ROWS))],
    )
)
def test_listed_values_are_read_right_or_left_unassigned(
    case: tuple[Figures, list[tuple[int, int]]],
) -> None:
    """No listed value is ever placed in a wrong cell; a block whose order the
    arithmetic makes certain is read whole."""
    figures, blocks = case
    report = read_text(requests_text(figures, blocks, "column"))
    truth = expected_cells(figures, range(len(ROWS)))
    got = request_cells(report)
    wrong = {
        key: (value, truth[key])
        for key, value in got.items()
        if value is not None and value != truth[key]
    }
    assert not wrong
    for start, stop in blocks:
        if stop - start >= 2 and only_column_order_adds_up(figures, start, stop):
            rows = range(start, stop)
            assert {key: got.get(key) for key in expected_cells(figures, rows)} == (
                expected_cells(figures, rows)
            )


def test_a_block_the_text_ends_in_leaves_its_last_row_uncertain() -> None:
    # The last value listed may be cut short (a partial report): the row it ends is
    # doubtful, the others are read as they are.
    text = requests_text(FIGURES, [EVERY_ROW], "column").replace(APPEALS_HEADING, "")
    report = read_text(text.rstrip())
    assert request_cells(report) == expected_cells(FIGURES, range(len(ROWS)))
    assert {key for key, cell in report.cells.items() if cell.uncertain} == {
        f"requests.carry_forward.{column}" for column in COLUMNS
    }


def test_an_unread_block_before_the_rows_read_is_reported() -> None:
    # The first block adds up in neither order; the second is read. The first block's
    # values come before every row read, where header numbers are not reported: these
    # are rows' values, and are.
    wrong = {**FIGURES, "new": (12, 1, 0, 2, 0, 0, 16)}  # 总计 should be 15
    report = read_text(requests_text(wrong, [(0, 4), (4, len(ROWS))], "column"))
    assert report.value("requests.carry_forward.total") == 2
    (unplaced,) = [n for n in report.notes if n.code is NoteCode.UNASSIGNED_VALUES]
    assert "the values of new, carried_over, granted, partially_granted" in unplaced.message
    assert unplaced.variant == "rows"  # figures not read: a warning (NAT-P3)


# ------------------------------------------------------------------ 总计 out of place


def listed_total_at(values: Sequence[Sequence[int]], place: int) -> list[str]:
    """The values of a block listed column by column with the 总计 column (the last)
    listed ``place``-th (from 0), the others in their order: pdfminer may list a table's
    column boxes so."""
    columns = list(range(len(values[0]) - 1))
    columns.insert(place, len(values[0]) - 1)
    return [str(row[column]) for column in columns for row in values]


def total_moved_text(figures: Figures, blocks: Sequence[tuple[int, int]], place: int) -> str:
    lines = ["三、收到和处理政府信息公开申请情况"]
    for start, stop in blocks:
        rows = range(start, stop)
        lines.extend(labels(REQUESTS, rows))
        lines.extend(listed_total_at([figures[ROWS[index].id] for index in rows], place))
    return HEAD + "\n".join(lines) + "\n" + APPEALS_HEADING


def test_a_block_listed_with_its_total_column_out_of_place_is_read_so() -> None:
    # pdfminer's text of a real report lists 总计 before 其他 (6th of 7)
    report = read_text(total_moved_text(FIGURES, [EVERY_ROW], WIDTH - 2))
    assert request_cells(report) == expected_cells(FIGURES, range(len(ROWS)))
    assert value_order_notes(report) == [("requests", "column")]
    (note,) = [n for n in report.notes if n.code is NoteCode.VALUE_ORDER]
    assert "总计 listed as column 6 of 7" in note.message
    assert not any(cell.uncertain for cell in report.cells.values())


def test_columns_the_arithmetic_cannot_tell_apart_are_uncertain() -> None:
    # Only natural persons applied: the rows add up with 总计 listed 6th (the truth)
    # and 1st (自然人 read as 总计, 总计 as 法律服务机构). The nearer place is read;
    # the two columns the readings give differently are in doubt, the rest is not.
    figures = {**zero_figures(), "new": with_total(5, 0, 0, 0, 0, 0)}
    figures["granted"] = figures["results_total"] = with_total(5, 0, 0, 0, 0, 0)
    report = read_text(total_moved_text(figures, [EVERY_ROW], WIDTH - 2))
    assert request_cells(report) == expected_cells(figures, range(len(ROWS)))
    doubted = {key for key, cell in report.cells.items() if cell.uncertain}
    assert doubted == {
        f"requests.{row}.{column}"
        for row in ("new", "granted", "results_total")
        for column in ("natural_person", "legal_services")
    }
    assert NoteCode.UNCERTAIN_SPLIT in {n.code for n in report.notes}


@given(figures_and_blocks(), st.integers(min_value=0, max_value=WIDTH - 1))
@example(({**zero_figures(), **FIGURES}, [EVERY_ROW]), WIDTH - 2)
@example(({**zero_figures(), "new": with_total(3, 0, 0, 0, 0, 0)}, [EVERY_ROW]), 0)
def test_a_total_column_anywhere_is_read_right_or_in_doubt(
    case: tuple[Figures, list[tuple[int, int]]], place: int
) -> None:
    """Wherever 总计 is listed, no value of a block is read wrong for certain, unless
    its rows also add up read in the template's order (then that order is taken, as
    for any listing). One row alone is no listing: its values out of place read as a
    report's wrong sum."""
    figures, blocks = case
    report = read_text(total_moved_text(figures, blocks, place))
    checked = [
        index
        for start, stop in blocks
        if stop - start >= 2 and not template_order_adds_up(figures, start, stop, place)
        for index in range(start, stop)
    ]
    truth = expected_cells(figures, checked)
    wrong = {
        key: (cell.value, truth[key])
        for key, cell in report.cells.items()
        if key in truth and cell.value != truth[key] and not cell.uncertain
    }
    assert not wrong


def template_order_adds_up(figures: Figures, start: int, stop: int, place: int) -> bool:
    """Whether the block, listed with 总计 ``place``-th, adds up read column by column
    in the template's order."""
    block = [figures[ROWS[index].id] for index in range(start, stop)]
    flat = [int(value) for value in listed_total_at(block, place)]
    count = len(block)
    rows = [[flat[column * count + row] for column in range(WIDTH)] for row in range(count)]
    return all(map(adds_up, rows))


APPEALS_LISTED = [
    "四、政府信息公开行政复议、行政诉讼情况",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "未经复议直接起诉",
    "复议后起诉",
    *[str(value) for value in (3, 1, 0, 0, 4, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0)],
    "五、存在的主要问题及改进情况",
]


def test_the_one_printed_row_of_the_appeals_table_shows_no_order() -> None:
    # Its 15 values come in printed order whichever way the extractor lists tables
    # (they add up only "row by row"): the applicants table's column order decides.
    lines = (
        proactive_lines("column") + requests_lines(FIGURES, [EVERY_ROW], "column") + APPEALS_LISTED
    )
    report = read_text(HEAD + "\n".join(lines) + "\n")
    regulations = {key: cell for key, cell in report.cells.items() if ".regulations." in key}
    assert {key: cell.value for key, cell in regulations.items()} == {
        "proactive.regulations.issued": 1,
        "proactive.regulations.repealed": 0,
        "proactive.regulations.in_force": 4,
    }
    assert not any(cell.uncertain for cell in regulations.values())
    assert report.value("appeals.review.total") == 4
    assert report.value("appeals.litigation_direct.total") == 2


#: Figures for rows 4.无正当理由… to 3.其他 printed before the labels of the last four.
RUN_ON = {
    **zero_figures(),
    "new": with_total(9, 1, 0, 0, 0, 0),
    "granted": with_total(3, 0, 0, 0, 0, 0),
    "other_handling.no_correction": with_total(4, 1, 0, 0, 0, 0),
    "other_handling.fee_unpaid": with_total(1, 0, 0, 0, 0, 0),
    "other_handling.other": with_total(1, 0, 0, 0, 0, 0),
    "results_total": with_total(9, 1, 0, 0, 0, 0),
}
EXCESSIVE = next(i for i, row in enumerate(ROWS) if row.id == "not_processed.excessive")
RESULTS_TOTAL = next(i for i, row in enumerate(ROWS) if row.id == "results_total")


def run_on_text(figures: Figures) -> str:
    """Table 三 as pdftotext's default reading order gives it: each row's label, then
    its values one a line, up to 4.无正当理由大量反复申请, whose label the values of
    five rows follow; then （七）总计 and 四、结转… with theirs; then the labels of the
    four rows whose values came before them."""
    lines = ["三、收到和处理政府信息公开申请情况"]
    for index in range(EXCESSIVE):
        lines.extend(labels(REQUESTS, [index]))
        lines.extend(listed([figures[ROWS[index].id]], "row"))
    lines.extend(labels(REQUESTS, [EXCESSIVE]))
    lines.extend(listed([figures[ROWS[i].id] for i in range(EXCESSIVE, RESULTS_TOTAL)], "row"))
    for index in (RESULTS_TOTAL, RESULTS_TOTAL + 1):
        lines.append(f"{ROWS[index].number}{ROWS[index].label}")
        lines.extend(listed([figures[ROWS[index].id]], "row"))
    lines.extend(labels(REQUESTS, range(EXCESSIVE + 1, RESULTS_TOTAL)))
    return HEAD + "\n".join(lines) + "\n" + APPEALS_HEADING


def test_values_of_rows_run_on_after_one_label_take_the_rows_labelled_after_them() -> None:
    """The 35 values after 4.无正当理由大量反复申请 are five rows' (each adds up, and
    three have figures): the five rows from it, whose other labels come later."""
    report = read_text(run_on_text(RUN_ON))
    assert request_cells(report) == expected_cells(RUN_ON, range(len(ROWS)))
    assert not [key for key, cell in report.cells.items() if cell.uncertain]
    assert not [n for n in report.notes if n.code is NoteCode.UNASSIGNED_VALUES]


def test_run_on_rows_of_zeros_show_nothing_and_are_not_taken() -> None:
    """Rows of zeros add up in any order: five of them after one label stay unplaced."""
    zeros = {**RUN_ON}
    for row in ("other_handling.no_correction", "other_handling.fee_unpaid"):
        zeros[row] = (0,) * WIDTH
    zeros["results_total"] = with_total(4, 0, 0, 0, 0, 0)
    zeros["new"] = with_total(4, 0, 0, 0, 0, 0)
    report = read_text(run_on_text(zeros))
    assert "requests.other_handling.other.total" not in report.cells
    assert [n for n in report.notes if n.code is NoteCode.UNASSIGNED_VALUES]
