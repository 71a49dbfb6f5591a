"""A row-number column (序号 1, 2, 3 …) some offices put before the tables' labels."""

from __future__ import annotations

from disclosure_core import read_text
from disclosure_core.api import ReportReader
from disclosure_core.model.report import NoteCode
from disclosure_core.readers.document import Document, Paragraph, Table, TextCell
from disclosure_core.recognize.columns import without_index_columns
from disclosure_core.testing import Layout, cells_of, example_report, render_text


def _table(*rows: list[str]) -> Table:
    return Table(rows=tuple(tuple(TextCell(text) for text in row) for row in rows))


def _texts(document: Document) -> list[list[list[str]]]:
    return [
        [[cell.text for cell in row] for row in block.rows]
        for block in document.blocks
        if isinstance(block, Table)
    ]


def test_a_headed_row_number_column_is_dropped() -> None:
    document = Document(
        "x",
        "text",
        (
            Paragraph("四、政府信息公开行政复议、行政诉讼情况"),
            _table(
                ["序号", "行政复议", "行政诉讼"],
                ["结果维持", "结果纠正", "总计"],
                ["1", "2", "0", "2"],
            ),
        ),
    )
    assert _texts(without_index_columns(document)) == [
        [["行政复议", "行政诉讼"], ["结果维持", "结果纠正", "总计"], ["2", "0", "2"]]
    ]


def test_rows_numbered_from_one_before_their_labels() -> None:
    document = Document(
        "x",
        "text",
        (_table(["信息内容", "本年制发件数"], ["1", "规章", "0"], ["2", "行政规范性文件", "5"],
                ["3", "行政许可", "7"]),),
    )  # fmt: skip
    assert _texts(without_index_columns(document)) == [
        [["信息内容", "本年制发件数"], ["规章", "0"], ["行政规范性文件", "5"], ["行政许可", "7"]]
    ]


def test_figures_before_labels_are_no_row_numbers() -> None:
    """Without a header, only rows numbered 1, 2, 3 … make the column; figures that
    happen to stand first (12, 5, 7), or two numbered rows, do not."""
    for first in (["12", "5", "7"], ["1", "2"]):
        labels = ["规章", "行政规范性文件", "行政许可"]
        document = Document(
            "x",
            "text",
            (
                _table(
                    *[[n, label, "0"] for n, label in zip(first, labels[: len(first)], strict=True)]
                ),
            ),
        )
        assert without_index_columns(document) is document


def test_a_report_whose_tables_number_their_rows() -> None:
    reader = ReportReader()
    report = example_report(reader.recognizer.templates["national-2021"], seed=4)
    lines: list[str] = []
    number = 0
    headed = False
    for line in render_text(report, Layout.TSV).split("\n"):
        if "\t" not in line:
            lines.append(line)
            number, headed = 0, False
        elif not headed:
            lines.append("序号\t" + line)
            headed = True
        else:
            number += 1
            lines.append(f"{number}\t{line}")
    read = read_text("\n".join(lines))
    assert {k: read.value(k) for k in cells_of(report)} == cells_of(report)
    assert not list(read.notes_with(NoteCode.UNASSIGNED_VALUES))


def test_a_page_whose_table_numbers_its_rows() -> None:
    page = (
        "<html><body><div><p>示例县2023年政府信息公开工作年度报告</p>"
        "<p>二、主动公开政府信息情况</p><table>"
        "<tr><td colspan='5'>第二十条第（一）项</td></tr>"
        "<tr><td>序号</td><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td>"
        "<td>现行有效件数</td></tr>"
        "<tr><td>1</td><td>规章</td><td>0</td><td>1</td><td>3</td></tr>"
        "<tr><td>2</td><td>行政规范性文件</td><td>5</td><td>0</td><td>5</td></tr>"
        "</table><p>三、收到和处理政府信息公开申请情况</p></div></body></html>"
    )
    read = ReportReader().read(page.encode(), name="x.html")
    assert [
        read.value(f"proactive.regulations.{c}") for c in ("issued", "repealed", "in_force")
    ] == [
        0,
        1,
        3,
    ]
    assert read.value("proactive.normative_documents.in_force") == 5
    assert not list(read.notes_with(NoteCode.UNASSIGNED_VALUES))


def test_the_appeals_line_numbered_under_a_blank_header_beside_numbered_tables() -> None:
    """Tables whose row-number column has a blank header: the appeals table's only line
    of figures starts with 1 too, which is its row number, not its first figure."""
    reader = ReportReader()
    report = example_report(reader.recognizer.templates["national-2021"], seed=1)
    lines: list[str] = []
    number = 0
    for line in render_text(report, Layout.TSV).split("\n"):
        cells = line.split("\t")
        if len(cells) < 2:
            lines.append(line)
            number = 0
        elif not any(cell.strip().replace(".", "").isdecimal() for cell in cells):
            lines.append("\t" + line)  # a header row: the column's cell is blank
        else:
            number += 1
            lines.append(f"{number}\t{line}")
    assert any(line.startswith("1\t") and "复议" not in line for line in lines[-40:])
    read = read_text("\n".join(lines))
    assert {k: read.value(k) for k in cells_of(report)} == cells_of(report)
    assert not list(read.notes_with(NoteCode.UNASSIGNED_VALUES))


def test_a_lone_line_of_figures_starting_with_1_is_kept_without_numbered_tables() -> None:
    appeals = _table(["", "行政复议", "行政诉讼"], ["", "结果维持", "总计"], ["1", "2", "0", "3"])
    document = Document("x", "text", (appeals,))
    assert without_index_columns(document) is document
    numbered = _table(["", "信息内容", "本年制发件数"], ["1", "规章", "0"],
                      ["2", "行政规范性文件", "5"], ["3", "行政许可", "7"])  # fmt: skip
    both = Document("x", "text", (numbered, appeals))
    assert _texts(without_index_columns(both))[1] == [
        ["", "行政复议", "行政诉讼"], ["", "结果维持", "总计"], ["2", "0", "3"]
    ]  # fmt: skip
