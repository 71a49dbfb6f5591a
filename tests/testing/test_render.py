"""Tests of the synthetic report renderer (disclosure_core.testing.render).

Every builtin template is rendered in every text layout and as HTML; the checks read
the rendering back with small independent parsers, so that a wrong cell order or a
misplaced label is caught, not only a missing number.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

import attrs
import pytest
from lxml import html as lxml_html

from disclosure_core.model.report import CellValue
from disclosure_core.templates import (
    IdentityKind,
    RowSpec,
    TableSpec,
    TemplateSpec,
    builtin_template_paths,
    load_template_file,
)
from disclosure_core.testing import (
    BLANK_MARKERS,
    Layout,
    PageStyle,
    SyntheticReport,
    cells_of,
    example_report,
    render,
    render_html,
    render_text,
)

TEMPLATES = [load_template_file(path) for path in builtin_template_paths()]
TEMPLATE_IDS = [template.id for template in TEMPLATES]
TARGETS: list[Layout | Literal["html"]] = [*Layout, "html"]
TARGET_IDS = [str(getattr(target, "value", target)) for target in TARGETS]

templates = pytest.mark.parametrize("template", TEMPLATES, ids=TEMPLATE_IDS)
targets = pytest.mark.parametrize("target", TARGETS, ids=TARGET_IDS)
layouts = pytest.mark.parametrize("layout", list(Layout), ids=[layout.value for layout in Layout])

_PAGE_MARK = re.compile(r"^- \d+ -$")


# --------------------------------------------------------------------- helpers


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _fmt(value: CellValue, blank: str) -> str:
    if value is None:
        return blank
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _with_blanks(report: SyntheticReport) -> SyntheticReport:
    """The report with every third cell (and a whole row) blank."""
    cells: dict[str, CellValue] = dict(report.cells)
    for index, cell_id in enumerate(report.template.cell_ids()):
        if index % 3 == 1 or ".carried_over." in cell_id:
            cells[cell_id] = None
    return attrs.evolve(report, cells=cells)


def _reports(template: TemplateSpec) -> list[SyntheticReport]:
    report = example_report(template, seed=7)
    return [report, _with_blanks(report)]


def _article_text(page: bytes) -> str:
    tree = lxml_html.fromstring(_decode(page))
    (article,) = tree.xpath('//div[@class="article"]')
    return str(article.text_content())


def _decode(page: bytes) -> str:
    match = re.search(rb'<meta charset="([^"]+)"', page)
    assert match, "no <meta charset>"
    return page.decode(match.group(1).decode("ascii"))


def _rendered_text(report: SyntheticReport, target: Layout | Literal["html"]) -> str:
    """The rendering as text: the article of a page, a text layout without page marks."""
    if target == "html":
        return _article_text(render_html(report))
    lines = render_text(report, Layout(target)).split("\n")
    return "\n".join(line for line in lines if not _PAGE_MARK.match(line))


def _is_transposed(table: TableSpec) -> bool:
    return table.id == "appeals"


def _label(row: RowSpec) -> str:
    return f"{row.number}{row.label}"


def _row_orders(table: TableSpec) -> Iterator[tuple[RowSpec, tuple[str, ...]]]:
    """Each row with its columns in printed order (a block's, or the table's)."""
    if table.blocks:
        for block in table.blocks:
            for row_id in block.rows:
                yield table.row(row_id), block.columns
    else:
        for row in table.rows:
            yield row, tuple(column.id for column in table.columns)


def _expected_rows(
    report: SyntheticReport, blank: str
) -> Iterator[tuple[TableSpec, str, list[str]]]:
    """(table, row label, printed values) for every row of the non-transposed tables."""
    for table in report.template.tables:
        if _is_transposed(table):
            continue
        for row, columns in _row_orders(table):
            values = [_fmt(report.cells.get(f"{table.id}.{row.id}.{c}"), blank) for c in columns]
            yield table, _label(row), values


def _transposed_values(report: SyntheticReport, table: TableSpec, blank: str) -> list[str]:
    return [_fmt(report.cells.get(cell_id), blank) for cell_id in table.cell_ids()]


def _find_sequence(items: list[str], sequence: list[str]) -> bool:
    width = len(sequence)
    return any(items[i : i + width] == sequence for i in range(len(items) - width + 1))


def _pipe_cells(line: str) -> list[str] | None:
    if not line.endswith(" |"):
        return None
    return line[:-2].split(" | ")


def _markdown_cells(line: str) -> list[str] | None:
    if not line.startswith("| ") or not line.endswith(" |"):
        return None
    return [cell.strip() for cell in line[1:-1].split("|")]


def _identity_rows(table: TableSpec, patterns: tuple[str, ...]) -> list[RowSpec]:
    rows: list[RowSpec] = []
    for pattern in patterns:
        if pattern.endswith(".*"):
            base = pattern[:-2]
            rows += [r for r in table.rows if r.group == base or r.id.startswith(base + ".")]
        else:
            rows += [r for r in table.rows if r.id == pattern]
    return rows


def identity_problems(template: TemplateSpec, cells: dict[str, CellValue]) -> list[str]:
    """Every identity of the template that ``cells`` break (independent of the module)."""
    problems: list[str] = []

    def value(table: TableSpec, row: str, column: str) -> int | Decimal:
        found = cells[f"{table.id}.{row}.{column}"]
        assert found is not None
        return found

    for table in template.tables:
        for identity in table.identities:
            if identity.kind is IdentityKind.ROW_TOTAL:
                assert identity.total
                for row in table.rows:
                    if identity.total not in table.row_columns(row):
                        continue
                    parts = sum(value(table, row.id, part) for part in identity.parts)
                    if value(table, row.id, identity.total) != parts:
                        problems.append(f"{table.id}.{row.id}: row total")
            elif identity.kind is IdentityKind.COLUMN_TOTAL:
                assert identity.total
                parts_rows = _identity_rows(table, identity.parts)
                assert parts_rows
                for column in table.row_columns(table.row(identity.total)):
                    parts = sum(value(table, row.id, column) for row in parts_rows)
                    if value(table, identity.total, column) != parts:
                        problems.append(f"{table.id}.{identity.total}.{column}: column total")
            else:
                left = _identity_rows(table, identity.left)
                right = _identity_rows(table, identity.right)
                for column in table.row_columns(left[0]):
                    left_sum = sum(value(table, row.id, column) for row in left)
                    right_sum = sum(value(table, row.id, column) for row in right)
                    if left_sum != right_sum:
                        problems.append(f"{table.id}.{column}: balance")
                    if any(value(table, row.id, column) < 0 for row in right):
                        problems.append(f"{table.id}.{column}: negative balancing row")
    return problems


# ------------------------------------------------------------------- the example


@templates
@pytest.mark.parametrize("seed", range(30))
def test_example_report_satisfies_every_identity(template: TemplateSpec, seed: int) -> None:
    report = example_report(template, seed=seed)
    cells = cells_of(report)
    assert set(cells) == set(template.cell_ids())
    assert all(value is not None for value in cells.values())
    assert identity_problems(template, cells) == []


@templates
@pytest.mark.parametrize("seed", range(30))
def test_example_report_values(template: TemplateSpec, seed: int) -> None:
    report = example_report(template, seed=seed)
    assert template.first_year <= report.year
    assert report.published is not None and report.published.year == report.year + 1
    for table in template.tables:
        for row in table.rows:
            columns = table.row_columns(row)
            for index, column_id in enumerate(columns):
                value = report.cells[f"{table.id}.{row.id}.{column_id}"]
                kind = table.column(column_id).kind.value
                if kind == "amount":
                    assert isinstance(value, Decimal)
                    assert value.as_tuple().exponent == -2
                    assert value >= 0
                elif kind == "signed":
                    assert isinstance(value, int) and index > 0
                    base = report.cells[f"{table.id}.{row.id}.{columns[index - 1]}"]
                    assert isinstance(base, int) and base + value >= 0
                else:
                    assert isinstance(value, int) and not isinstance(value, bool)
                    assert value >= 0
            if row.stock_column:
                stock = report.cells[f"{table.id}.{row.id}.{row.stock_column}"]
                others = [report.cells[f"{table.id}.{row.id}.{c}"] for c in columns]
                assert stock is not None
                assert all(other is not None and other <= stock for other in others)


def test_example_report_is_deterministic_and_seeded() -> None:
    template = TEMPLATES[0]
    assert example_report(template, seed=3) == example_report(template, seed=3)
    assert example_report(template) == example_report(template, seed=0)
    assert example_report(template, seed=3).cells != example_report(template, seed=4).cells


def test_signed_changes_are_sometimes_negative() -> None:
    (template,) = [t for t in TEMPLATES if t.id == "national-2019"]
    changes = [
        value
        for seed in range(60)
        for cell_id, value in example_report(template, seed=seed).cells.items()
        if cell_id.endswith(".change")
    ]
    assert any(value is not None and value < 0 for value in changes)


# ---------------------------------------------------------- every layout, content


@templates
@targets
def test_rendering_is_deterministic(
    template: TemplateSpec, target: Layout | Literal["html"]
) -> None:
    first = render(example_report(template, seed=5), target)
    again = render(example_report(template, seed=5), target)
    assert first == again
    other = render(example_report(template, seed=6), target)
    assert first != other


@templates
@targets
def test_rendering_has_title_preamble_sections_labels(
    template: TemplateSpec, target: Layout | Literal["html"]
) -> None:
    for report in _reports(template):
        text = _squash(_rendered_text(report, target))
        assert report.title in text
        assert f"统计期限自{report.year}年1月1日起至{report.year}年12月31日止。" in text
        assert "《中华人民共和国政府信息公开条例》" in text
        assert template.basis in text
        positions = []
        for section in template.sections:
            heading = f"{section.number}、{section.heading}"
            assert heading in text
            positions.append(text.index(heading))
        assert positions == sorted(positions)
        for table in template.tables:
            for row in table.rows:
                assert _squash(_label(row)) in text, _label(row)
            for group in table.groups:
                assert _squash(f"{group.number}{group.label}") in text
            for block in table.blocks:
                assert block.caption in text
            for column in table.columns:
                assert _squash(column.label) in text or target in (
                    Layout.CELL_PER_LINE,
                    Layout.CELL_PIPE_LINES,
                    Layout.CELL_TRAILING_PIPE,
                )
        assert report.published is not None
        date = f"{report.published.year}年{report.published.month}月{report.published.day}日"
        assert text.endswith(report.body + date)


@templates
@targets
def test_every_printed_value_appears(
    template: TemplateSpec, target: Layout | Literal["html"]
) -> None:
    blank = BLANK_MARKERS[Layout(target)] if target != "html" else ""
    for report in _reports(template):
        text = _squash(_rendered_text(report, target))
        for cell_id, value in cells_of(report).items():
            if value is not None:
                assert _fmt(value, blank) in text, cell_id


# ------------------------------------------------------- every layout, row by row


def _check_rows_tsv(report: SyntheticReport, text: str) -> None:
    lines = [line.split("\t") for line in text.split("\n")]
    for _, label, values in _expected_rows(report, ""):
        width = len(values) + 1
        assert any(cells[-width:] == [label, *values] for cells in lines), label
    for table in report.template.tables:
        if _is_transposed(table):
            assert _transposed_values(report, table, "") in lines
    # a group label is printed on the first row of the group only
    for table in report.template.tables:
        for group in table.groups:
            group_label = f"{group.number}{group.label}"
            rows = [cells for cells in lines if group_label in cells]
            assert len(rows) == 1, group_label


def _check_rows_pipe(report: SyntheticReport, text: str) -> None:
    rows = [cells for line in text.split("\n") if (cells := _pipe_cells(line)) is not None]
    for _, label, values in _expected_rows(report, ""):
        width = len(values) + 1
        assert any(cells[-width:] == [label, *values] for cells in rows), label
    for table in report.template.tables:
        if _is_transposed(table):
            assert _transposed_values(report, table, "") in rows
    assert any(line.endswith(" |||") for line in text.split("\n"))


def _check_rows_markdown(report: SyntheticReport, text: str) -> None:
    lines = text.split("\n")
    rows = [cells for line in lines if (cells := _markdown_cells(line)) is not None]
    for _, label, values in _expected_rows(report, ""):
        assert [label, *values] in rows, label
    assert any(re.fullmatch(r"\|(---\|)+", line) for line in lines)
    assert any(line.startswith("## 二、") for line in lines)
    for table in report.template.tables:
        if not _is_transposed(table):
            continue
        values = _transposed_values(report, table, "")
        width = len(table.row_columns(table.rows[0]))
        for index, row in enumerate(table.rows):
            (heading,) = [
                i for i, line in enumerate(lines) if line.startswith("### ") and row.label in line
            ]
            after = [cells for line in lines[heading:] if (cells := _markdown_cells(line))]
            assert after[0] == [table.column(c).label for c in table.row_columns(row)]
            assert after[1] == values[index * width : (index + 1) * width]


def _check_rows_sequence(report: SyntheticReport, items: list[str], blank: str) -> None:
    for _, label, values in _expected_rows(report, blank):
        starts = [i for i, item in enumerate(items) if item == label]
        assert starts, label
        assert any(items[i + 1 : i + 1 + len(values)] == values for i in starts), label
    for table in report.template.tables:
        if _is_transposed(table):
            assert _find_sequence(items, _transposed_values(report, table, blank))


def _check_rows_cell_per_line(report: SyntheticReport, text: str) -> None:
    paragraphs = [paragraph.strip() for paragraph in text.split("\n\n")]
    _check_rows_sequence(report, paragraphs, "—")
    assert "本年新\n" in text or "商业\n企业" in text
    assert any(paragraph.startswith(" ") for paragraph in text.split("\n\n"))


def _check_rows_cell_pipe_lines(report: SyntheticReport, text: str) -> None:
    lines = text.split("\n")
    _check_rows_sequence(report, [line for line in lines if line != "|"], "—")
    assert "商业\n企业\n|" in text
    # after the first table starts, cells alternate with `|` lines
    start = lines.index("信息内容")
    assert lines[start + 1] == "|"


def _check_rows_cell_trailing_pipe(report: SyntheticReport, text: str) -> None:
    lines = text.split("\n")
    cells = [line[:-2] for line in lines if line.endswith(" |")]
    _check_rows_sequence(report, cells, "—")
    assert any(re.fullmatch(r"\|{2,}", line) for line in lines)


def _check_rows_pdf(report: SyntheticReport, text: str) -> None:
    all_lines = text.split("\n")
    assert any(_PAGE_MARK.match(line) for line in all_lines)
    lines = [line for line in all_lines if not _PAGE_MARK.match(line)]
    before = 0
    for _, label, values in _expected_rows(report, "-"):
        figures = " ".join(values)
        if f"{label} {figures}" in lines:
            continue
        index = lines.index(label)
        assert lines[index - 1] == figures, label
        before += 1
    assert before > 0
    for table in report.template.tables:
        if _is_transposed(table):
            assert " ".join(_transposed_values(report, table, "-")) in lines


def _check_rows_glued(report: SyntheticReport, text: str) -> None:
    lines = text.rstrip("\n").split("\n")
    assert lines[0] == report.title
    assert len(lines) == 2
    body = lines[1]
    for _, label, values in _expected_rows(report, "—"):
        assert label + "".join(values) in body, label
    for table in report.template.tables:
        if _is_transposed(table):
            assert "总计" + "".join(_transposed_values(report, table, "—")) in body
    assert "。二、主动公开政府信息情况" in body


_ROW_CHECKS = {
    Layout.TSV: _check_rows_tsv,
    Layout.PIPE_ROWS: _check_rows_pipe,
    Layout.MARKDOWN: _check_rows_markdown,
    Layout.CELL_PER_LINE: _check_rows_cell_per_line,
    Layout.CELL_PIPE_LINES: _check_rows_cell_pipe_lines,
    Layout.CELL_TRAILING_PIPE: _check_rows_cell_trailing_pipe,
    Layout.PDF_TEXT: _check_rows_pdf,
    Layout.GLUED: _check_rows_glued,
}


@templates
@layouts
def test_rows_read_back_in_order(template: TemplateSpec, layout: Layout) -> None:
    for report in _reports(template):
        text = render_text(report, layout)
        assert text.endswith("\n")
        _ROW_CHECKS[layout](report, text)


@layouts
def test_blank_markers(layout: Layout) -> None:
    template = TEMPLATES[-1]
    report = _with_blanks(example_report(template, seed=1))
    text = render_text(report, layout)
    marker = BLANK_MARKERS[layout]
    if marker:
        assert marker in text
    assert "None" not in text


# ---------------------------------------------------------------------- HTML


def _td_text(td: lxml_html.HtmlElement) -> str:
    return str(td.text_content()).replace("\xa0", " ").strip()


def _tables(page: bytes) -> list[lxml_html.HtmlElement]:
    tree = lxml_html.fromstring(_decode(page))
    return list(tree.xpath('//div[@class="article"]//table'))


@templates
def test_html_tables_read_back(template: TemplateSpec) -> None:
    for report in _reports(template):
        tables = _tables(render_html(report))
        assert len(tables) == len(template.tables)
        for table, element in zip(template.tables, tables, strict=True):
            rows = [[_td_text(td) for td in tr.xpath("./td")] for tr in element.xpath(".//tr")]
            if _is_transposed(table):
                assert rows[-1] == _transposed_values(report, table, "")
                continue
            for row, columns in _row_orders(table):
                values = [_fmt(report.cells.get(f"{table.id}.{row.id}.{c}"), "") for c in columns]
                width = len(values) + 1
                assert [_label(row), *values] in [cells[-width:] for cells in rows], row.id


@templates
def test_html_spans_follow_the_national_template(template: TemplateSpec) -> None:
    tables = _tables(render_html(example_report(template)))
    by_id = dict(zip((table.id for table in template.tables), tables, strict=True))

    def span(element: lxml_html.HtmlElement, text: str) -> tuple[int, int]:
        (td,) = [td for td in element.xpath(".//td") if _td_text(td) == text]
        return int(td.get("rowspan", "1")), int(td.get("colspan", "1"))

    requests = by_id["requests"]
    note = requests.xpath(".//tr")[0].xpath("./td")[0]
    assert "勾稽关系" in _td_text(note)
    assert (note.get("rowspan"), note.get("colspan")) == ("3", "3")
    assert span(requests, "申请人情况") == (1, 7)
    assert span(requests, "法人或其他组织") == (1, 5)
    assert span(requests, "自然人") == (2, 1)
    spec = template.table("requests")
    groups = {group.id: f"{group.number}{group.label}" for group in spec.groups}
    results = [row for row in spec.rows if row.group is not None]
    assert span(requests, groups["results"]) == (len(results), 1)
    for group_id in ("withheld", "unavailable", "not_processed"):
        count = sum(1 for row in spec.rows if row.group == group_id)
        assert span(requests, groups[group_id]) == (count, 1)
    assert span(requests, "一、本年新收政府信息公开申请数量") == (1, 3)
    assert span(requests, "（一）予以公开") == (1, 2)
    assert span(requests, "1.属于国家秘密") == (1, 1)

    appeals = by_id["appeals"]
    assert span(appeals, "行政复议") == (1, 5)
    assert span(appeals, "行政诉讼") == (1, 10)
    assert span(appeals, "未经复议直接起诉") == (1, 5)
    assert span(appeals, "复议后起诉") == (1, 5)

    proactive = by_id["proactive"]
    width = 1 + max(len(block.columns) for block in template.table("proactive").blocks)
    for block in template.table("proactive").blocks:
        assert span(proactive, block.caption) == (1, width)
    assert "<p" in lxml_html.tostring(proactive, encoding="unicode")
    assert proactive.xpath(".//td/p/span")


@templates
def test_html_blank_cells_are_nbsp(template: TemplateSpec) -> None:
    page = render_html(_with_blanks(example_report(template)))
    assert b"<span" in page and b"&nbsp;</span>" in page


@templates
def test_page_styles_write_the_markup_they_say(template: TemplateSpec) -> None:
    report = _with_blanks(example_report(template))
    word, plain, divs, numbered = (_tables(render_html(report, style=style)) for style in PageStyle)
    assert word[0].xpath(".//td/p/span") and not word[0].xpath(".//th")
    assert plain[0].xpath(".//th") and not plain[0].xpath(".//td/*")
    assert plain[0].xpath(".//td[not(text())]")  # a blank cell is empty
    assert divs[0].xpath(".//td/div/span") and divs[0].xpath('.//td//span[text()="/"]')
    requests = divs[[t.id for t in template.tables].index("requests")]
    assert requests.xpath(".//td[@rowspan>2]//br")  # a group label a character a line
    appeals = numbered[[t.id for t in template.tables].index("appeals")]
    rows = appeals.xpath(".//tr")
    assert _td_text(rows[0].xpath("./th")[0]) == "序号"
    assert rows[0].xpath("./th")[0].get("rowspan") == str(len(rows) - 1)
    assert _td_text(rows[-1].xpath("./td")[0]) == "1"


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "gb18030"])
@templates
def test_html_encodings(template: TemplateSpec, encoding: str) -> None:
    report = example_report(template, seed=2)
    page = render_html(report, encoding=encoding)
    assert f'<meta charset="{encoding}"/>'.encode("ascii") in page
    text = page.decode(encoding)
    assert f"<title>{report.title}" in text
    assert _squash(report.title) in _squash(_article_text(page))
    if encoding == "gbk":
        with pytest.raises(UnicodeDecodeError):
            page.decode("utf-8")


def test_html_chrome() -> None:
    report = example_report(TEMPLATES[0])
    page = render_html(report).decode("utf-8")
    bare = render_html(report, chrome=False).decode("utf-8")
    for marker in ("<form", "<script", 'class="nav"', 'class="footer"'):
        assert marker in page
        assert marker not in bare
    assert bare.count("<table") == page.count("<table") == len(TEMPLATES[0].tables)
    assert f"<title>{report.title}</title>" in bare


def test_html_unknown_encoding() -> None:
    with pytest.raises(LookupError):
        render_html(example_report(TEMPLATES[0]), encoding="no-such-encoding")


# ------------------------------------------------------------------ the API


def test_render_dispatch() -> None:
    report = example_report(TEMPLATES[0])
    assert render(report, "html") == render_html(report)
    for layout in Layout:
        assert render(report, layout) == render_text(report, layout)
    assert render_text(report, "tsv") == render_text(report, Layout.TSV)  # type: ignore[arg-type]


def test_cells_of_lists_every_template_cell() -> None:
    template = TEMPLATES[0]
    report = example_report(template)
    cells = dict(report.cells)
    removed = next(iter(cells))
    del cells[removed]
    partial = attrs.evolve(report, cells=cells)
    result = cells_of(partial)
    assert list(result) == list(template.cell_ids())
    assert result[removed] is None
    assert "—" in render_text(partial, Layout.GLUED)


def test_synthetic_report_validation() -> None:
    template = TEMPLATES[0]
    date = datetime.date(2024, 1, 20)
    with pytest.raises(ValueError, match=r"no\.such"):
        SyntheticReport(template, "某县人民政府", 2023, date, {"no.such.cell": 1})
    cell_id = template.cell_ids()[0]
    with pytest.raises(TypeError):
        SyntheticReport(template, "某县人民政府", 2023, date, {cell_id: True})
    with pytest.raises(TypeError):
        SyntheticReport(template, "某县人民政府", 2023, date, {cell_id: 1.5})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="nowhere"):
        SyntheticReport(template, "某县人民政府", 2023, date, {}, {"nowhere": "x"})


def test_minimal_report_renders_blank() -> None:
    template = TEMPLATES[-1]
    report = SyntheticReport(template, "某县某镇人民政府", 2023, None, {})
    for layout in Layout:
        text = _squash(_rendered_text(report, layout))
        assert report.title in text
        assert text.endswith("的事项。" + report.body)  # no closing date without `published`
    assert all(value is None for value in cells_of(report).values())


def test_custom_sections_replace_the_narrative() -> None:
    template = TEMPLATES[-1]
    base = example_report(template)
    report = attrs.evolve(base, sections={"problems": "第一段自定义文字。\n\n第二段自定义文字。"})
    for layout in Layout:
        text = render_text(report, layout)
        assert "第一段自定义文字。" in text and "第二段自定义文字。" in text
    assert "第一段自定义文字。" in _article_text(render_html(report))
    default = render_text(base, Layout.TSV)
    assert "第一段自定义文字。" not in default


def test_amounts_print_plain() -> None:
    template = TEMPLATES[-1]
    report = example_report(template)
    amount_cells = [
        f"{table.id}.{row.id}.{column.id}"
        for table in template.tables
        for row in table.rows
        for column in table.columns
        if column.kind.value == "amount" and column.id in table.row_columns(row)
    ]
    assert amount_cells
    cells = dict(report.cells)
    cells[amount_cells[0]] = Decimal("1.5E+3")
    text = render_text(attrs.evolve(report, cells=cells), Layout.TSV)
    assert "\t1500" in text and "E+" not in text
