"""Unit tests of the plain-text reader (``readers/text.py``) and of ``sniff.decode``.

The text reader only cuts lines into paragraphs and rows of cells; it never decides
what a cell means. These tests pin down how each line shape of the real layouts
(corpus README, "Table layouts") comes out, with positions that point back at the
source.
"""

from __future__ import annotations

import codecs

import pytest

from disclosure_core.errors import BinaryInputError, EmptyInputError, InputTooLargeError
from disclosure_core.readers.document import Document, Paragraph, Position, Table
from disclosure_core.readers.sniff import binary_kind, check_size, decode
from disclosure_core.readers.text import read_text, read_text_bytes

# ------------------------------------------------------------------------ helpers


def _rows(document: Document) -> list[list[str]]:
    """Every table row of the document, as cell texts, in order."""
    return [
        [cell.text for cell in row]
        for block in document.blocks
        if isinstance(block, Table)
        for row in block.rows
    ]


def _paragraphs(document: Document) -> list[str]:
    return [block.text for block in document.blocks if isinstance(block, Paragraph)]


# ------------------------------------------------------------------------ tab rows


def test_tab_row_keeps_trailing_empty_cells() -> None:
    document = read_text("规章\t0\t\t\n")
    assert _rows(document) == [["规章", "0", "", ""]]


def test_tab_row_keeps_empty_cells_in_the_middle() -> None:
    document = read_text("一、本年新收政府信息公开申请数量\t5\t\t\t1\t6")
    assert _rows(document) == [["一、本年新收政府信息公开申请数量", "5", "", "", "1", "6"]]


def test_tab_cells_are_stripped_of_stray_spaces() -> None:
    document = read_text("行政许可\t  12 \t 0")
    assert _rows(document) == [["行政许可", "12", "0"]]


def test_tab_row_keeps_a_leading_empty_cell() -> None:
    # The 15 appeals figures of a TSV report are one row without a label: when the
    # first of them (行政复议 结果维持) is blank the line starts with a tab.
    document = read_text("规章\t0\t1\n\t5\t0\t0\t5\n行政许可\t3")
    assert _rows(document) == [["规章", "0", "1"], ["", "5", "0", "0", "5"], ["行政许可", "3"]]


def test_tab_row_with_one_figure_keeps_its_leading_empty_cell() -> None:
    document = read_text("规章\t0\t1\n\t7\t\t\n行政许可\t3")
    assert _rows(document) == [["规章", "0", "1"], ["", "7", "", ""], ["行政许可", "3"]]


def test_indented_tab_document_leading_tab_is_indentation() -> None:
    document = read_text("\t规章\t0\n\t行政许可\t3\n")
    assert _rows(document) == [["规章", "0"], ["行政许可", "3"]]


def test_consecutive_row_lines_form_one_table_and_prose_splits_tables() -> None:
    document = read_text("a\t1\nb\t2\n说明文字\nc\t3\n")
    kinds = [type(block).__name__ for block in document.blocks]
    assert kinds == ["Table", "Paragraph", "Table"]
    first = document.blocks[0]
    assert isinstance(first, Table)
    assert [[cell.text for cell in row] for row in first.rows] == [["a", "1"], ["b", "2"]]


# ------------------------------------------------------------------------ pipe rows


def test_markdown_row_drops_its_edge_cells() -> None:
    document = read_text("| 规章 | 0 | 1 | 2 |")
    assert _rows(document) == [["规章", "0", "1", "2"]]


def test_a_pipe_b_row_drops_the_trailing_edge() -> None:
    document = read_text("规章 | 0 | 1 | 2 |")
    assert _rows(document) == [["规章", "0", "1", "2"]]


def test_trailing_pipe_padding_becomes_empty_cells() -> None:
    # 020/025: merged header cells come out as `| ||||`.
    document = read_text("第二十条第（一）项 | ||||")
    assert _rows(document) == [["第二十条第（一）项", "", "", "", ""]]


def test_markdown_empty_inner_cells_are_kept() -> None:
    document = read_text("| 行政许可 |  | 3 |")
    assert _rows(document) == [["行政许可", "", "3"]]


def test_one_cell_line_ending_with_a_pipe() -> None:
    # 022: one cell a line, each ending " |".
    document = read_text("规章 |\n12 |\n")
    assert _rows(document) == [["规章"], ["12"]]


@pytest.mark.parametrize(
    "line",
    ["|||", "||", "|---|---|---|", "| --- | :---: | ---: |", "|:--|--:|", "  |  |  "],
)
def test_separator_only_lines_produce_nothing(line: str) -> None:
    document = read_text(f"规章 | 1 |\n{line}\n行政许可 | 2 |\n")
    assert _rows(document) == [["规章", "1"], ["行政许可", "2"]]
    # A separator line does not even split the table in two.
    assert sum(isinstance(block, Table) for block in document.blocks) == 1


def test_blank_marker_cell_line_is_a_cell_not_a_separator() -> None:
    # 022: a blank cell on its own line is written '— |' (or '- |').
    document = read_text("规章 |\n— |\n- |\n3 |\n")
    assert _rows(document) == [["规章"], ["—"], ["-"], ["3"]]


def test_a_pipe_b_document_keeps_a_leading_empty_cell() -> None:
    # In an `a | b |` document a line starting with a pipe starts with an empty cell;
    # in a markdown document (`| a | b |`) the leading pipe is the table's edge.
    document = read_text("规章 | 0 |\n | 5 | 6 |\n行政许可 | 3 |")
    assert _rows(document) == [["规章", "0"], ["", "5", "6"], ["行政许可", "3"]]


# ------------------------------------------------------------------------ page marks


@pytest.mark.parametrize("mark", ["— 5 —", "—5—", "第 3 页", "第3页 共10页", "第 2 页，共 9 页"])
def test_unmistakable_page_marks_are_dropped(mark: str) -> None:
    document = read_text(f"行政许可 3\n{mark}\n行政处罚 4\n")
    assert _paragraphs(document) == ["行政许可 3", "行政处罚 4"]


@pytest.mark.parametrize(
    ("first", "second"), [("- 2 -", "- 3 -"), ("-7-", "-8-"), ("– 11 –", "– 12 –")]
)
def test_page_footers_in_sequence_are_dropped(first: str, second: str) -> None:
    # PDF text (002): page footers fall between the lines of the text and its tables.
    document = read_text(f"标题\n{first}\n行政许可 3\n{second}\n行政处罚 4\n")
    assert _paragraphs(document) == ["标题", "行政许可 3", "行政处罚 4"]


def test_a_lone_dash_number_line_is_not_a_page_mark() -> None:
    # '- 3 -' is also a PDF table row (blank, 3, blank): alone it is not a footer.
    document = read_text("行政许可 3\n- 3 -\n行政处罚 4\n")
    assert _paragraphs(document) == ["行政许可 3", "- 3 -", "行政处罚 4"]


def test_a_number_between_dashes_in_prose_is_not_a_page_mark() -> None:
    document = read_text("本年增减 -3 件")
    assert _paragraphs(document) == ["本年增减 -3 件"]


# ------------------------------------------------------------------------ paragraphs


def test_paragraphs_keep_line_numbers_and_columns() -> None:
    text = "标题行\n\n   缩进的段落\n\t\n第四行"
    document = read_text(text)
    assert document.blocks == (
        Paragraph("标题行", Position(line=1, column=1)),
        Paragraph("缩进的段落", Position(line=3, column=4)),
        Paragraph("第四行", Position(line=5, column=1)),
    )


def test_blank_lines_and_white_space_lines_are_skipped() -> None:
    document = read_text("\n\n  \n\u3000\n正文\n\n")
    assert _paragraphs(document) == ["正文"]


def test_cell_positions_point_at_the_cell_text() -> None:
    document = read_text("说明\n规章\t12\t0")
    table = document.blocks[1]
    assert isinstance(table, Table)
    assert table.position == Position(line=2, column=1)
    first, second, third = table.rows[0]
    assert (first.position.line, first.position.column) == (2, 1)
    assert (second.position.line, second.position.column) == (2, 4)
    assert (third.position.line, third.position.column) == (2, 7)


def test_pipe_cell_positions_skip_the_markdown_edge() -> None:
    document = read_text("| ab | cd |")
    table = document.blocks[0]
    assert isinstance(table, Table)
    columns = [cell.position.column for cell in table.rows[0]]
    assert columns == [3, 8]  # where ab and cd start, 1-based


def test_crlf_and_cr_line_breaks_count_as_lines() -> None:
    document = read_text("第一行\r\n第二行\r第三行\n第四行")
    assert [block.position.line for block in document.blocks] == [1, 2, 3, 4]
    assert _paragraphs(document) == ["第一行", "第二行", "第三行", "第四行"]


def test_byte_order_mark_in_text_is_ignored() -> None:
    document = read_text("\ufeff标题")
    assert _paragraphs(document) == ["标题"]


def test_document_source_and_format() -> None:
    document = read_text("正文", source="report.txt")
    assert (document.source, document.format) == ("report.txt", "text")


# ------------------------------------------------------------------------ bytes


def test_read_text_bytes_records_the_encoding() -> None:
    document = read_text_bytes("规章\t1\n".encode("gbk"), "r.txt")
    assert document.properties["encoding"] == "gb18030"
    assert _rows(document) == [["规章", "1"]]


def test_read_text_bytes_refuses_input_over_the_limit() -> None:
    with pytest.raises(InputTooLargeError) as raised:
        read_text_bytes(b"a" * 101, "big.txt", limit=100)
    assert raised.value.source == "big.txt"


# ------------------------------------------------------------------------ decode


def test_decode_utf8() -> None:
    assert decode("政府信息公开".encode(), "x") == ("政府信息公开", "utf-8")


def test_decode_utf8_bom_is_removed() -> None:
    text, encoding = decode(codecs.BOM_UTF8 + "年度报告".encode(), "x")
    assert (text, encoding) == ("年度报告", "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text, encoding = decode(bom + "年度报告\n规章".encode(codec), "x")
    assert text == "年度报告\n规章"
    assert encoding == "utf-16"


#: A report's text: line feeds, spaces, digits and Chinese punctuation among the words.
_REPORT_TEXT = "某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n规章 0 0 0\n行政许可 12\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_bom(codec: str) -> None:
    """Written by a tool that sets no byte-order mark, the text has NUL bytes (the high
    byte of each ASCII character): it is still text, in the byte order that reads as
    one."""
    data = _REPORT_TEXT.encode(codec)
    assert binary_kind(data) is None
    assert decode(data, "x") == (_REPORT_TEXT, codec)


def test_the_byte_order_of_utf16_is_worked_out_once() -> None:
    """Checking that the bytes are text and decoding them both need the byte order: the
    second asks the first's answer, not the bytes again."""
    from disclosure_core.readers.sniff import utf16_without_bom

    utf16_without_bom.cache_clear()
    decode(("再读一次。" + _REPORT_TEXT).encode("utf-16-le"), "x")
    assert utf16_without_bom.cache_info().misses == 1


@pytest.mark.parametrize(
    "data",
    [b"\x00" * 64, bytes(range(256)) * 4, "一二三四五六七八九十".encode("utf-16-le")],
    ids=["nul-bytes", "all-bytes", "no-common-characters"],
)
def test_nul_bytes_that_read_as_no_report_text_are_binary(data: bytes) -> None:
    assert binary_kind(data) == "binary data (it contains NUL bytes)"


def test_decode_utf32_with_bom() -> None:
    text, encoding = decode(codecs.BOM_UTF32_LE + "年度报告".encode("utf-32-le"), "x")
    assert (text, encoding) == ("年度报告", "utf-32")


@pytest.mark.parametrize("codec", ["gbk", "gb2312", "gb18030"])
def test_decode_falls_back_to_gb18030(codec: str) -> None:
    text, encoding = decode("灵丘县政府信息公开工作年度报告".encode(codec), "x")
    assert text == "灵丘县政府信息公开工作年度报告"
    assert encoding == "gb18030"


def test_decode_gb18030_only_characters() -> None:
    original = "𠀀某镇报告"  # outside GBK: only GB18030 encodes it
    assert decode(original.encode("gb18030"), "x") == (original, "gb18030")


def test_decode_prefers_a_declared_encoding_over_the_gb18030_guess() -> None:
    data = "café".encode("latin-1")
    text, encoding = decode(data, "x", declared="latin-1")
    assert (text, encoding) == ("café", "latin-1")


@pytest.mark.parametrize("data", [b"", b"   ", b"\n\r\n\t"])
def test_decode_empty_input(data: bytes) -> None:
    with pytest.raises(EmptyInputError) as raised:
        decode(data, "empty.txt")
    assert raised.value.source == "empty.txt"
    assert "empty.txt" in str(raised.value)


def test_decode_bom_followed_by_white_space_is_empty() -> None:
    with pytest.raises(EmptyInputError):
        decode(codecs.BOM_UTF8 + b"  \n", "x")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a", "GIF"),
        (b"\x7fELF\x02\x01\x01", "executable"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE"),
        (b"abc\x00def", "NUL"),
        (bytes(range(1, 9)) * 20, "control"),
    ],
)
def test_decode_refuses_binary_input(data: bytes, kind: str) -> None:
    with pytest.raises(BinaryInputError) as raised:
        decode(data, "f.txt")
    assert kind in str(raised.value)
    assert raised.value.where == "byte 0"
    assert str(raised.value).startswith("f.txt")


def test_binary_kind_accepts_text_with_tabs_and_form_feeds() -> None:
    assert binary_kind("规章\t1\f\r\n".encode()) is None


def test_check_size() -> None:
    check_size(b"x" * 10, "a", limit=10)
    with pytest.raises(InputTooLargeError):
        check_size(b"x" * 11, "a", limit=10)


def test_one_cell_lines_drop_the_pad_after_a_rows_last_value() -> None:
    # A page with a hidden last column, copied one cell a line: each row's last value
    # ends `0 | |`. The pad is no blank cell (blank cells have lines of their own); in
    # a text of `a | b |` rows, empty cells after a value stay cells.
    text = "规章 |\n0 |\n1 |\n2 | |\n行政规范性文件 |\n3 |\n4 |\n5 | |\n"
    assert _rows(read_text(text)) == [["规章"], ["0"], ["1"], ["2"], ["行政规范性文件"],
                                      ["3"], ["4"], ["5"]]  # fmt: skip
    rows = "规章 | 0 | 1 | 2 |\n行政规范性文件 | 3 | | |\n行政许可 | 4 |\n"
    assert _rows(read_text(rows))[1] == ["行政规范性文件", "3", "", ""]


def test_a_bare_pipe_line_among_one_cell_lines_is_an_empty_cell() -> None:
    # `label |`, then a line `|` for each empty cell: kept as written, a blank marker.
    text = "规章 |\n0 |\n|\n2 |\n行政规范性文件 |\n3 |\n"
    assert _rows(read_text(text)) == [["规章"], ["0"], ["|"], ["2"], ["行政规范性文件"], ["3"]]
    # Where lines of `|` separate cells (026), they are no cells.
    separated = "规章\n|\n0\n|\n1\n|\n2\n|\n行政规范性文件\n"
    assert not [row for row in _rows(read_text(separated)) if row == ["|"]]
