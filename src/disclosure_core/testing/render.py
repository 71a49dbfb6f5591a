"""Synthetic annual reports, rendered in the layouts real reports come in.

A :class:`SyntheticReport` is a report known cell by cell: a template, an issuing body,
a year and a value for every cell. :func:`render_text` prints it in one of the text
layouts real reports reach us in (see :class:`Layout` and the corpus README, "Table
layouts"), :func:`render_html` as a crawled web page with a Word-pasted table. A reader
that is given the rendering must give back :func:`cells_of` the report: that is the
property the tests of the readers and of plugins check.

:func:`example_report` makes a deterministic report whose figures satisfy every
arithmetic identity of the template (row totals, column totals, the 一+二 = 三+四
balance). All narrative text is synthetic.

Tables are printed as the national format lays them out, which every layout follows:

* a table with blocks (主动公开): for each block a caption row (第二十条第（一）项), a
  header row ``信息内容`` + the block's column labels, then the block's rows;
* a table with groups (申请): the header (the 勾稽关系 note, 申请人情况, 自然人 /
  法人或其他组织 / 总计, then the organisation columns), then one row per template row,
  a group's label (三、本年度办理结果, （三）不予公开) spanning its rows and printed on
  the first of them only, as a merged cell comes out of a real table;
* an appeals-like table (its headers name 行政诉讼 and its rows share their columns):
  transposed, as in the national format: the rows become column groups under a
  three-row header and all the figures form a single row (15 for the national table);
* any other table: a header row (项目 + column labels), then one row per template row.

Row labels are printed with their ordinal (``（一）予以公开``, ``1.属于国家秘密``).
"""

from __future__ import annotations

import codecs
import datetime
import enum
import html
import random
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Literal, Union, overload

import attrs

from disclosure_core.model.report import CellValue
from disclosure_core.templates.spec import (
    ColumnKind,
    GroupSpec,
    IdentityKind,
    IdentitySpec,
    RowSpec,
    SectionSpec,
    TableSpec,
    TemplateSpec,
)

__all__ = [
    "BLANK_MARKERS",
    "Layout",
    "SyntheticReport",
    "cells_of",
    "example_report",
    "render",
    "render_html",
    "render_text",
]


class Layout(str, enum.Enum):
    """The text layouts of real reports (corpus README, "Table layouts").

    ``TSV`` (001): one table row per line, cells tab-separated, blank cells empty; a
    group label only on the first row of its group, so that row has one cell more.
    ``PIPE_ROWS`` (020, 025): ``a | b | c |`` rows; caption and header rows padded
    with trailing ``| ||||`` up to the widest row of the table; blank cells empty.
    ``MARKDOWN`` (007-like): ``# title``, ``## 二、…`` headings, one ``| a | b |``
    table per block or row group under a ``### …`` heading, ``|---|`` separators.
    ``CELL_PER_LINE`` (seed, 017, 034): one cell per line with a blank line between
    cells; column headers split over two lines (``本年新`` / ``制作数量``, ``商业`` /
    ``企业``); stray spaces around some figures (``  0``, ``0 ``); blanks as ``—``.
    ``CELL_PIPE_LINES`` (026): one cell per line, each followed by a line ``|``;
    column headers split over two lines as in ``CELL_PER_LINE``; blanks as ``—``.
    ``CELL_TRAILING_PIPE`` (022): each cell on a line ending ``" |"``; after a caption
    or header row narrower than the table, a separator-only line (``|||``); split
    headers come out space-joined (``本年新 公开数量``); blanks as ``—``.
    ``PDF_TEXT`` (002): narrative wrapped at 34 characters; each table row one line
    ``label v1 v2 …``, but every fifth row's figures on the line *before* its label;
    group labels on a line of their own; the appeals figures on one line under a
    flattened header; page footers ``- 3 -`` every 30 lines; blanks as ``-``.
    ``GLUED`` (036, 040): the title on the first line, then the whole body on one
    line with every heading, label and cell glued to the next (``规章000行政规范性文件…``);
    blanks as ``—``. Digit runs are ambiguous by nature; the row arithmetic resolves them.
    """

    TSV = "tsv"
    PIPE_ROWS = "pipe-rows"
    MARKDOWN = "markdown"
    CELL_PER_LINE = "cell-per-line"
    CELL_PIPE_LINES = "cell-pipe-lines"
    CELL_TRAILING_PIPE = "cell-trailing-pipe"
    PDF_TEXT = "pdf-text"
    GLUED = "glued"


#: How each text layout prints a blank (``None``) cell.
BLANK_MARKERS: Mapping[Layout, str] = {
    Layout.TSV: "",
    Layout.PIPE_ROWS: "",
    Layout.MARKDOWN: "",
    Layout.CELL_PER_LINE: "—",
    Layout.CELL_PIPE_LINES: "—",
    Layout.CELL_TRAILING_PIPE: "—",
    Layout.PDF_TEXT: "-",
    Layout.GLUED: "—",
}


class PageStyle(str, enum.Enum):
    """How :func:`render_html` writes the tables of a page, as real sites do.

    ``WORD`` (036-053): a table pasted from Word, every cell ``<td><p><span>…``, blank
    cells ``&nbsp;``, the ``本年新制作数量`` headers split by ``<br>``.
    ``PLAIN``: a CMS table, ``<th>`` header cells and ``<td>`` figures with nothing
    inside them but their text; blank cells empty.
    ``DIVS``: every cell's text in ``<div><span>``; blank cells ``/``; a group label
    spanning rows written one character a line (``三<br>、<br>本…``), as a vertical
    merged cell comes out of an editor.
    ``NUMBERED``: ``PLAIN`` with a row-number column: a header cell ``序号`` over the
    header rows, then 1, 2, 3 … before each row of figures of a table (the appeals
    table's single line of figures is numbered 1 too).
    """

    WORD = "word"
    PLAIN = "plain"
    DIVS = "divs"
    NUMBERED = "numbered"


# ------------------------------------------------------------------------ the report


def _copy_cells(cells: Mapping[str, CellValue]) -> dict[str, CellValue]:
    return dict(cells)


def _copy_sections(sections: Mapping[str, str]) -> dict[str, str]:
    return dict(sections)


def _check_cells(
    instance: SyntheticReport,
    _: attrs.Attribute[Mapping[str, CellValue]],
    cells: Mapping[str, CellValue],
) -> None:
    known = set(instance.template.cell_ids())
    unknown = sorted(cell_id for cell_id in cells if cell_id not in known)
    if unknown:
        raise ValueError(f"cells not in template {instance.template.id!r}: {', '.join(unknown)}")
    for cell_id, value in cells.items():
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise TypeError(f"{cell_id}: a cell value is an int, a Decimal or None, not {value!r}")
        if isinstance(value, Decimal) and not value.is_finite():
            raise ValueError(f"{cell_id}: {value} is not a finite amount")


def _check_sections(
    instance: SyntheticReport,
    _: attrs.Attribute[Mapping[str, str]],
    sections: Mapping[str, str],
) -> None:
    known = {section.id for section in instance.template.sections}
    unknown = sorted(section_id for section_id in sections if section_id not in known)
    if unknown:
        raise ValueError(f"sections not in template {instance.template.id!r}: {', '.join(unknown)}")


@attrs.frozen(unsafe_hash=False)
class SyntheticReport:
    """A report known cell by cell, to be rendered in the layouts of real reports.

    ``cells`` maps cell IDs of ``template`` to values (``None`` for a blank cell); a
    cell ID the mapping leaves out is printed blank too. ``sections`` maps section IDs
    to narrative text (paragraphs separated by newlines); sections left out get a
    short synthetic narrative. ``published`` is the date of the closing signature.
    """

    template: TemplateSpec
    body: str
    year: int
    published: datetime.date | None
    cells: Mapping[str, CellValue] = attrs.field(converter=_copy_cells, validator=_check_cells)
    sections: Mapping[str, str] = attrs.field(
        factory=dict, converter=_copy_sections, validator=_check_sections
    )

    @property
    def title(self) -> str:
        """The report's title: ``{body}{year}年政府信息公开工作年度报告``."""
        return f"{self.body}{self.year}年政府信息公开工作年度报告"


def cells_of(report: SyntheticReport) -> dict[str, CellValue]:
    """Every cell of the report's template with its value (``None`` when blank).

    This is what a reader must give back from any rendering of ``report``.
    """
    return {cell_id: report.cells.get(cell_id) for cell_id in report.template.cell_ids()}


# ------------------------------------------------------------------------ the example


_BODIES = (
    "灵丘县某乡人民政府",
    "某市某区人民政府",
    "某县人民政府办公室",
    "某市生态环境局",
    "某县某镇人民政府",
    "某市交通运输局",
    "某区某街道办事处",
)


def example_report(template: TemplateSpec, *, seed: int = 0) -> SyntheticReport:
    """A deterministic report for ``template`` whose figures satisfy its identities.

    Counts are small (mostly 0–30, a few up to 500), amounts are Decimals with two
    places, signed columns may be negative but never below minus the column before
    them (上一年项目数量 + 本年增/减 >= 0), a row's stock column (现行有效件数) is at
    least its other figures. Leaf figures are drawn first; totals, column totals and
    the balancing row (结转下年度继续办理) are then derived, never negative.
    """
    rng = random.Random(seed)
    body = rng.choice(_BODIES)
    last_year = template.last_year if template.last_year is not None else template.first_year + 4
    year = rng.randint(template.first_year, max(template.first_year, last_year))
    published = datetime.date(year + 1, rng.randint(1, 3), rng.randint(1, 28))
    cells: dict[str, CellValue] = {}
    for table in template.tables:
        cells.update(_example_table(table, rng))
    return SyntheticReport(template, body, year, published, cells)


def _count(rng: random.Random) -> int:
    draw = rng.random()
    if draw < 0.55:
        return 0
    if draw < 0.97:
        return rng.randint(1, 30)
    return rng.randint(31, 500)


def _amount(rng: random.Random) -> Decimal:
    cents = 0 if rng.random() < 0.3 else rng.randint(1, 200_000)
    return Decimal(cents).scaleb(-2).quantize(Decimal("0.01"))


def _expand_rows(table: TableSpec, patterns: Iterable[str]) -> list[RowSpec]:
    """The rows a list of identity patterns names (``group.*`` = the group's rows)."""
    rows: list[RowSpec] = []
    for pattern in patterns:
        if pattern.endswith(".*"):
            base = pattern[:-2]
            matched = [r for r in table.rows if r.group == base or r.id.startswith(base + ".")]
        else:
            matched = [r for r in table.rows if r.id == pattern]
        rows.extend(row for row in matched if row not in rows)
    return rows


_Number = Union[int, Decimal]  # noqa: UP007 - mirrors CellValue


def _example_table(table: TableSpec, rng: random.Random) -> dict[str, CellValue]:
    values: dict[tuple[str, str], _Number] = {}
    for row in table.rows:
        columns = table.row_columns(row)
        for index, column_id in enumerate(columns):
            kind = table.column(column_id).kind
            if kind is ColumnKind.AMOUNT:
                values[row.id, column_id] = _amount(rng)
            elif kind is ColumnKind.SIGNED:
                base = values.get((row.id, columns[index - 1]), 0) if index else 0
                floor = -min(int(base), 20) if isinstance(base, int) else 0
                values[row.id, column_id] = 0 if rng.random() < 0.4 else rng.randint(floor, 20)
            else:
                values[row.id, column_id] = _count(rng)
        if row.stock_column is not None:
            others = [
                value
                for (row_id, column_id), value in values.items()
                if row_id == row.id and column_id != row.stock_column
            ]
            floor_value = max([0, *others])
            values[row.id, row.stock_column] = int(floor_value) + rng.randint(0, 300)

    derived_columns = {
        identity.total
        for identity in table.identities
        if identity.kind is IdentityKind.ROW_TOTAL and identity.total
    }
    order = (
        IdentityKind.ROW_TOTAL,
        IdentityKind.COLUMN_TOTAL,
        IdentityKind.COLUMN_BALANCE,
        IdentityKind.ROW_TOTAL,
    )
    for _ in range(2):
        for step in order:
            for identity in table.identities:
                if identity.kind is step:
                    _apply_identity(table, identity, values, derived_columns, rng)
    problems = _identity_problems(table, values)
    if problems:  # pragma: no cover - only a template with contradictory identities
        raise ValueError(f"{table.id}: cannot satisfy identities: {'; '.join(problems)}")
    return {
        f"{table.id}.{row_id}.{column_id}": value for (row_id, column_id), value in values.items()
    }


def _row_total_rows(table: TableSpec, identity: IdentitySpec) -> list[RowSpec]:
    candidates = _expand_rows(table, identity.rows) if identity.rows else list(table.rows)
    needed = {identity.total, *identity.parts}
    return [row for row in candidates if needed <= set(table.row_columns(row))]


def _shared_columns(table: TableSpec, rows: Sequence[RowSpec]) -> list[str]:
    if not rows:
        return []
    shared = list(table.row_columns(rows[0]))
    for row in rows[1:]:
        own = set(table.row_columns(row))
        shared = [c for c in shared if c in own]
    return shared


def _apply_identity(
    table: TableSpec,
    identity: IdentitySpec,
    values: dict[tuple[str, str], _Number],
    derived_columns: set[str],
    rng: random.Random,
) -> None:
    if identity.kind is IdentityKind.ROW_TOTAL and identity.total:
        for row in _row_total_rows(table, identity):
            values[row.id, identity.total] = sum(
                (values[row.id, part] for part in identity.parts), start=0
            )
    elif identity.kind is IdentityKind.COLUMN_TOTAL and identity.total:
        total_rows = [row for row in table.rows if row.id == identity.total]
        if not total_rows:
            return
        total_row = total_rows[0]
        parts = [row for row in _expand_rows(table, identity.parts) if row.id != total_row.id]
        for column in table.row_columns(total_row):
            if column in derived_columns:
                continue
            values[total_row.id, column] = sum(
                (values[row.id, column] for row in parts if (row.id, column) in values), start=0
            )
    elif identity.kind is IdentityKind.COLUMN_BALANCE and identity.right:
        left = _expand_rows(table, identity.left)
        right = _expand_rows(table, identity.right)
        if not left or not right:
            return
        balancing, others = right[-1], right[:-1]
        for column in _shared_columns(table, [*left, *right]):
            if column in derived_columns:
                continue
            left_sum = sum((values[row.id, column] for row in left), start=0)
            right_sum = sum((values[row.id, column] for row in others), start=0)
            if left_sum < right_sum:
                bump = right_sum - left_sum + rng.randint(0, 5)
                values[left[0].id, column] = values[left[0].id, column] + bump
                left_sum += bump
            values[balancing.id, column] = left_sum - right_sum


def _identity_problems(table: TableSpec, values: Mapping[tuple[str, str], _Number]) -> list[str]:
    problems: list[str] = []
    for identity in table.identities:
        if identity.kind is IdentityKind.ROW_TOTAL and identity.total:
            for row in _row_total_rows(table, identity):
                parts = sum((values[row.id, part] for part in identity.parts), start=0)
                if values[row.id, identity.total] != parts:
                    problems.append(f"row total of {row.id}")
        elif identity.kind is IdentityKind.COLUMN_TOTAL and identity.total:
            totals = [row for row in table.rows if row.id == identity.total]
            parts_rows = [r for r in _expand_rows(table, identity.parts) if r.id != identity.total]
            for total_row in totals:
                for column in table.row_columns(total_row):
                    parts = sum(
                        (values[r.id, column] for r in parts_rows if (r.id, column) in values),
                        start=0,
                    )
                    if values[total_row.id, column] != parts:
                        problems.append(f"column total {total_row.id}.{column}")
        elif identity.kind is IdentityKind.COLUMN_BALANCE:
            left = _expand_rows(table, identity.left)
            right = _expand_rows(table, identity.right)
            for column in _shared_columns(table, [*left, *right]):
                left_sum = sum((values[r.id, column] for r in left), start=0)
                right_sum = sum((values[r.id, column] for r in right), start=0)
                if left_sum != right_sum or any(values[r.id, column] < 0 for r in right):
                    problems.append(f"balance of column {column}")
    return problems


# ------------------------------------------------------------------ narrative text


def _figure(report: SyntheticReport, cell_id: str) -> CellValue:
    return report.cells.get(cell_id)


def _default_narrative(report: SyntheticReport, section: SectionSpec) -> list[str]:
    body, year = report.body, report.year
    if section.id == "overview":
        proactive = 120 + (year * 37 + len(body) * 53) % 880
        requests = _figure(report, "requests.new.total")
        request_sentence = (
            f"全年新收政府信息公开申请{_plain(requests)}件，均在法定期限内作出答复。"
            if requests is not None
            else "申请的登记、办理和答复均按规定时限完成。"
        )
        return [
            f"{year}年，{body}按照《中华人民共和国政府信息公开条例》的要求，"
            "结合本单位职能把政府信息公开作为日常工作的一部分，各项工作平稳推进。",
            "（一）主动公开。通过门户网站公开专栏和政务新媒体发布政策文件、通知公告、"
            f"财政资金和工作动态等信息，全年主动公开政府信息{proactive}条。",
            "（二）依申请公开。明确受理渠道和办理流程，做好登记、审核、答复和归档，"
            + request_sentence,
            "（三）政府信息管理。坚持先审查后公开，对拟公开信息逐条核对，"
            "定期清理过时和失效的内容，保持公开信息准确。",
            "（四）政府信息公开平台建设。维护门户网站公开专栏，调整栏目设置，"
            "完善检索功能，方便公众查找信息。",
            "（五）监督保障。把政务公开纳入年度考核，组织经办人员参加业务培训，"
            "对检查中发现的问题限期整改。",
        ]
    if section.id == "proactive":
        return ["本年度主动公开政府信息的情况见下表。"]
    if section.id == "requests":
        return ["本年度收到和处理政府信息公开申请的情况见下表。"]
    if section.id == "appeals":
        return ["本年度因政府信息公开引起的行政复议、行政诉讼情况见下表。"]
    if section.id == "problems":
        return [
            "工作中还存在一些不足：一是公开内容的深度和解读的通俗程度还不够；"
            "二是个别经办人员对办理规范掌握不够熟练。",
            "下一步，将加强业务培训，细化办理规范，丰富解读形式，持续提升公开质量。",
        ]
    if section.id == "other":
        return ["本年度未收取政府信息公开信息处理费，无其他需要报告的事项。"]
    return [f"本年度{section.heading}方面的工作按计划推进。"]


def _narrative(report: SyntheticReport, section: SectionSpec) -> list[str]:
    text = report.sections.get(section.id)
    if text is None:
        return _default_narrative(report, section)
    return [line.strip() for line in text.splitlines() if line.strip()]


def _preamble(report: SyntheticReport) -> str:
    template = report.template
    year = report.year
    return (
        f"本报告由{report.body}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）"
        f"和《{template.title}》（{template.basis}）的要求编制。"
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        "如对本报告有疑问，请与本机关政府信息公开工作机构联系。"
    )


def _date_text(date: datetime.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


# ---------------------------------------------------------------- the table grid


class _Role(enum.Enum):
    CAPTION = "caption"  # 第二十条第（一）项
    NOTE = "note"  # the 勾稽关系 note
    HEADER = "header"  # a header text that is not a column label (申请人情况)
    COLUMN = "column"  # a column label
    GROUP = "group"  # a group label spanning rows
    LABEL = "label"  # a row label
    VALUE = "value"  # a figure


@attrs.frozen
class _GridCell:
    role: _Role
    text: str = ""
    value: CellValue = None
    cell_id: str | None = None
    colspan: int = 1
    rowspan: int = 1


@attrs.frozen
class _GridRow:
    kind: Literal["caption", "header", "data"]
    cells: tuple[_GridCell, ...]


@attrs.frozen
class _Grid:
    table: TableSpec
    shape: Literal["blocks", "rows", "transposed"]
    rows: tuple[_GridRow, ...]

    @property
    def max_cells(self) -> int:
        return max((len(row.cells) for row in self.rows), default=0)


def _row_label(row: RowSpec) -> str:
    return f"{row.number}{row.label}"


def _group_label(group: GroupSpec) -> str:
    return f"{group.number}{group.label}"


def _header_texts(table: TableSpec) -> list[str]:
    return [header.text for header in table.headers]


def _is_transposed(table: TableSpec) -> bool:
    if table.blocks or table.groups or len(table.rows) < 2:
        return False
    if "行政诉讼" not in _header_texts(table):
        return False
    first = table.row_columns(table.rows[0])
    return all(table.row_columns(row) == first for row in table.rows)


def _value_cell(report: SyntheticReport, table: TableSpec, row: RowSpec, column: str) -> _GridCell:
    if column not in table.row_columns(row):
        return _GridCell(_Role.VALUE)
    cell_id = f"{table.id}.{row.id}.{column}"
    return _GridCell(_Role.VALUE, value=report.cells.get(cell_id), cell_id=cell_id)


def _build_grid(report: SyntheticReport, table: TableSpec) -> _Grid:
    if table.blocks:
        return _Grid(table, "blocks", tuple(_blocks_rows(report, table)))
    if _is_transposed(table):
        return _Grid(table, "transposed", tuple(_transposed_rows(report, table)))
    return _Grid(table, "rows", tuple(_grouped_rows(report, table)))


def _blocks(table: TableSpec) -> list[tuple[str | None, tuple[str, ...], tuple[RowSpec, ...]]]:
    """The table's blocks as (caption, columns, rows), plus rows no block lists."""
    blocks: list[tuple[str | None, tuple[str, ...], tuple[RowSpec, ...]]] = [
        (block.caption, block.columns, tuple(table.row(row_id) for row_id in block.rows))
        for block in table.blocks
    ]
    listed = {row_id for block in table.blocks for row_id in block.rows}
    leftover = tuple(row for row in table.rows if row.id not in listed)
    if leftover:
        columns: list[str] = []
        for row in leftover:
            columns.extend(c for c in table.row_columns(row) if c not in columns)
        blocks.append((None, tuple(columns), leftover))
    return blocks


def _blocks_rows(report: SyntheticReport, table: TableSpec) -> Iterable[_GridRow]:
    blocks = _blocks(table)
    width = 1 + max(len(columns) for _, columns, _ in blocks)
    corner = table.headers[0].text if table.headers else "信息内容"
    for caption, columns, rows in blocks:
        fill = width - len(columns)  # the last cell of a narrow block spans the rest
        if caption is not None:
            yield _GridRow("caption", (_GridCell(_Role.CAPTION, caption, colspan=width),))
        header = [_GridCell(_Role.HEADER, corner)]
        for index, column in enumerate(columns):
            span = fill if index == len(columns) - 1 else 1
            header.append(_GridCell(_Role.COLUMN, table.column(column).label, colspan=span))
        yield _GridRow("header", tuple(header))
        for row in rows:
            cells = [_GridCell(_Role.LABEL, _row_label(row))]
            for index, column in enumerate(columns):
                cell = _value_cell(report, table, row, column)
                if index == len(columns) - 1:
                    cell = attrs.evolve(cell, colspan=fill)
                cells.append(cell)
            yield _GridRow("data", tuple(cells))


def _group_spans(table: TableSpec) -> dict[str, tuple[int, int]]:
    """Each group's first and last row index, over its own rows only."""
    spans: dict[str, tuple[int, int]] = {}
    for index, row in enumerate(table.rows):
        if row.group is None:
            continue
        first, last = spans.get(row.group, (index, index))
        spans[row.group] = (min(first, index), max(last, index))
    return spans


def _group_parents(table: TableSpec) -> dict[str, str | None]:
    """The group enclosing each group (三、本年度办理结果 encloses （三）不予公开)."""
    spans = _group_spans(table)
    parents: dict[str, str | None] = {}
    for group, (first, last) in spans.items():
        enclosing = [
            (other_last - other_first, other)
            for other, (other_first, other_last) in spans.items()
            if other != group
            and other_first <= first
            and last <= other_last
            and (other_first, other_last) != (first, last)
        ]
        parents[group] = min(enclosing)[1] if enclosing else None
    return parents


def _group_chains(table: TableSpec) -> dict[str, tuple[str, ...]]:
    """For each row, the groups it belongs to, outermost first."""
    parents = _group_parents(table)
    chains: dict[str, tuple[str, ...]] = {}
    for row in table.rows:
        chain: list[str] = []
        group = row.group
        while group is not None and group not in chain:
            chain.insert(0, group)
            group = parents.get(group)
        chains[row.id] = tuple(chain)
    return chains


def _national_applicant_header(table: TableSpec) -> bool:
    texts = _header_texts(table)
    return "申请人情况" in texts and "法人或其他组织" in texts and len(table.columns) >= 3


def _note_text(table: TableSpec) -> str | None:
    for text in _header_texts(table):
        if "勾稽关系" in text or "钩稽关系" in text:
            return text
    return None


def _grouped_rows(report: SyntheticReport, table: TableSpec) -> Iterable[_GridRow]:
    chains = _group_chains(table)
    groups = {group.id: group for group in table.groups}
    label_columns = 1 + max((len(chain) for chain in chains.values()), default=0)
    columns = [column.id for column in table.columns]
    labels = [table.column(column).label for column in columns]
    note = _note_text(table)
    if _national_applicant_header(table):
        yield _GridRow(
            "header",
            (
                _GridCell(_Role.NOTE, note or "", rowspan=3, colspan=label_columns),
                _GridCell(_Role.HEADER, "申请人情况", colspan=len(columns)),
            ),
        )
        yield _GridRow(
            "header",
            (
                _GridCell(_Role.COLUMN, labels[0], rowspan=2),
                _GridCell(_Role.HEADER, "法人或其他组织", colspan=len(columns) - 2),
                _GridCell(_Role.COLUMN, labels[-1], rowspan=2),
            ),
        )
        yield _GridRow("header", tuple(_GridCell(_Role.COLUMN, label) for label in labels[1:-1]))
    else:
        corner = _GridCell(
            _Role.NOTE if note else _Role.HEADER, note or "项目", colspan=label_columns
        )
        yield _GridRow("header", (corner, *(_GridCell(_Role.COLUMN, label) for label in labels)))

    # a group's rows run from the first to the last row of the group or its subgroups
    extent: dict[str, list[int]] = {}
    for index, row in enumerate(table.rows):
        for group in chains[row.id]:
            extent.setdefault(group, [index, index])[1] = index
    for index, row in enumerate(table.rows):
        chain = chains[row.id]
        cells: list[_GridCell] = []
        for group in chain:
            first, last = extent[group]
            if first == index:
                text = _group_label(groups[group]) if group in groups else group
                cells.append(_GridCell(_Role.GROUP, text, rowspan=last - first + 1))
        cells.append(_GridCell(_Role.LABEL, _row_label(row), colspan=label_columns - len(chain)))
        cells.extend(_value_cell(report, table, row, column) for column in columns)
        yield _GridRow("data", tuple(cells))


def _transposed_rows(report: SyntheticReport, table: TableSpec) -> Iterable[_GridRow]:
    rows = table.rows
    columns = table.row_columns(rows[0])
    labels = [table.column(column).label for column in columns]
    width = len(columns)
    yield _GridRow(
        "header",
        (
            _GridCell(_Role.HEADER, _row_label(rows[0]), colspan=width),
            _GridCell(_Role.HEADER, "行政诉讼", colspan=width * (len(rows) - 1)),
        ),
    )
    yield _GridRow(
        "header",
        (
            *(_GridCell(_Role.COLUMN, label, rowspan=2) for label in labels),
            *(_GridCell(_Role.HEADER, _row_label(row), colspan=width) for row in rows[1:]),
        ),
    )
    yield _GridRow(
        "header", tuple(_GridCell(_Role.COLUMN, label) for _ in rows[1:] for label in labels)
    )
    yield _GridRow(
        "data",
        tuple(_value_cell(report, table, row, column) for row in rows for column in columns),
    )


def _split_label(label: str) -> tuple[str, ...]:
    """How a narrow column header wraps in a real table: 本年新/制作数量, 商业/企业."""
    if label.startswith("本年新") and len(label) > 3:
        return ("本年新", label[3:])
    if len(label) == 4:
        return (label[:2], label[2:])
    return (label,)


# ------------------------------------------------------------------ the document


@attrs.frozen
class _Text:
    kind: Literal["title", "para", "heading", "sign"]
    text: str


_Item = Union[_Text, _Grid]  # noqa: UP007 - runtime alias


def _document(report: SyntheticReport) -> list[_Item]:
    items: list[_Item] = [_Text("title", report.title), _Text("para", _preamble(report))]
    for section in report.template.sections:
        items.append(_Text("heading", f"{section.number}、{section.heading}"))
        items.extend(_Text("para", text) for text in _narrative(report, section))
        items.extend(
            _build_grid(report, table)
            for table in report.template.tables
            if table.section == section.id
        )
    items.append(_Text("sign", report.body))
    if report.published is not None:
        items.append(_Text("sign", _date_text(report.published)))
    return items


def _plain(value: CellValue, blank: str = "") -> str:
    """A value as printed: digits, a Decimal in plain notation, ``blank`` for None."""
    if value is None:
        return blank
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _cell_text(cell: _GridCell, blank: str) -> str:
    return _plain(cell.value, blank) if cell.role is _Role.VALUE else cell.text


# ------------------------------------------------------------------ text layouts


def render_text(report: SyntheticReport, layout: Layout) -> str:
    """``report`` printed in one text layout, as a string ending in a newline."""
    layout = Layout(layout)
    items = _document(report)
    blank = BLANK_MARKERS[layout]
    renderers = {
        Layout.TSV: _render_tsv,
        Layout.PIPE_ROWS: _render_pipe_rows,
        Layout.MARKDOWN: _render_markdown,
        Layout.CELL_PER_LINE: _render_cell_per_line,
        Layout.CELL_PIPE_LINES: _render_cell_pipe_lines,
        Layout.CELL_TRAILING_PIPE: _render_cell_trailing_pipe,
        Layout.PDF_TEXT: _render_pdf_text,
        Layout.GLUED: _render_glued,
    }
    lines = renderers[layout](items, blank)
    return "\n".join(lines) + "\n"


def _render_tsv(items: Sequence[_Item], blank: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, _Text):
            lines.append(item.text)
        else:
            lines.extend(
                "\t".join(_cell_text(cell, blank) for cell in row.cells) for row in item.rows
            )
    return lines


def _render_pipe_rows(items: Sequence[_Item], blank: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, _Text):
            lines.append(item.text)
            continue
        width = item.max_cells
        for row in item.rows:
            line = " | ".join(_cell_text(cell, blank) for cell in row.cells) + " |"
            pad = width - len(row.cells)
            if row.kind != "data" and pad > 0:
                line += " " + "|" * pad
            lines.append(line)
    return lines


def _markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _render_markdown(items: Sequence[_Item], blank: str) -> list[str]:
    chunks: list[list[str]] = []
    for item in items:
        if isinstance(item, _Text):
            prefix = {"title": "# ", "heading": "## "}.get(item.kind, "")
            chunks.append([prefix + item.text])
        elif item.shape == "blocks":
            chunks.extend(_markdown_blocks(item, blank))
        elif item.shape == "transposed":
            chunks.extend(_markdown_transposed(item, blank))
        else:
            chunks.extend(_markdown_grouped(item, blank))
    lines: list[str] = []
    for chunk in chunks:
        if lines:
            lines.append("")
        lines.extend(chunk)
    return lines


def _markdown_blocks(grid: _Grid, blank: str) -> list[list[str]]:
    chunks: list[list[str]] = []
    header: list[str] = []
    body: list[list[str]] = []

    def flush() -> None:
        if header:
            chunks.append(_markdown_table(header, body))

    for row in grid.rows:
        texts = [_cell_text(cell, blank) for cell in row.cells]
        if row.kind == "caption":
            flush()
            header, body = [], []
            chunks.append(["### " + texts[0]])
        elif row.kind == "header":
            flush()
            header, body = texts, []
        else:
            body.append(texts)
    flush()
    return chunks


def _markdown_grouped(grid: _Grid, blank: str) -> list[list[str]]:
    table = grid.table
    chunks: list[list[str]] = []
    note = _note_text(table)
    if note:
        chunks.append([note])
    header = ["项目", *(column.label for column in table.columns)]
    body: list[list[str]] = []
    for row in grid.rows:
        if row.kind != "data":
            continue
        groups = [cell for cell in row.cells if cell.role is _Role.GROUP]
        if groups and body:
            chunks.append(_markdown_table(header, body))
            body = []
        chunks.extend(["### " + cell.text] for cell in groups)
        body.append([_cell_text(cell, blank) for cell in row.cells if cell.role is not _Role.GROUP])
    if body:
        chunks.append(_markdown_table(header, body))
    return chunks


def _markdown_transposed(grid: _Grid, blank: str) -> list[list[str]]:
    table = grid.table
    columns = table.row_columns(table.rows[0])
    header = [table.column(column).label for column in columns]
    values = list(grid.rows[-1].cells)
    chunks: list[list[str]] = []
    for index, row in enumerate(table.rows):
        title = _row_label(row) if index == 0 else f"行政诉讼（{_row_label(row)}）"
        own = values[index * len(columns) : (index + 1) * len(columns)]
        chunks.append(["### " + title])
        chunks.append(_markdown_table(header, [[_cell_text(cell, blank) for cell in own]]))
    return chunks


def _stray(text: str, counter: int) -> str:
    """Stray spaces around some figures, as web pages leave them (``  0``, ``0 ``)."""
    if counter % 5 == 1:
        return " " + text
    if counter % 7 == 3:
        return text + " "
    return text


def _render_cell_per_line(items: Sequence[_Item], blank: str) -> list[str]:
    paragraphs: list[str] = []
    counter = 0
    for item in items:
        if isinstance(item, _Text):
            paragraphs.append(item.text)
            continue
        for row in item.rows:
            for cell in row.cells:
                if cell.role is _Role.VALUE:
                    paragraphs.append(_stray(_cell_text(cell, blank), counter))
                    counter += 1
                elif cell.role is _Role.COLUMN:
                    paragraphs.append("\n".join(_split_label(cell.text)))
                else:
                    paragraphs.append(cell.text)
    return "\n\n".join(paragraphs).split("\n")


def _render_cell_pipe_lines(items: Sequence[_Item], blank: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, _Text):
            lines.append(item.text)
            continue
        for row in item.rows:
            for cell in row.cells:
                if cell.role is _Role.COLUMN:
                    lines.extend(_split_label(cell.text))
                else:
                    lines.append(_cell_text(cell, blank))
                lines.append("|")
    return lines


def _render_cell_trailing_pipe(items: Sequence[_Item], blank: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, _Text):
            lines.append(item.text)
            continue
        width = item.max_cells
        for row in item.rows:
            for cell in row.cells:
                text = (
                    " ".join(_split_label(cell.text))
                    if cell.role is _Role.COLUMN
                    else _cell_text(cell, blank)
                )
                lines.append(text + " |")
            pad = width - len(row.cells)
            if row.kind != "data" and pad > 0:
                lines.append("|" * pad)
    return lines


_PDF_WIDTH = 34
_PDF_PAGE_LINES = 30
_NO_LINE_START = "，。、；：！？）》”’"


def _wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of about ``width`` characters, never inside a digit run
    nor before closing punctuation."""
    lines: list[str] = []
    while len(text) > width:
        cut = width
        while cut > 1 and text[cut - 1].isdigit() and text[cut].isdigit():
            cut -= 1
        while cut < len(text) and text[cut] in _NO_LINE_START:
            cut += 1  # closing punctuation stays at the end of the line, as typeset
        lines.append(text[:cut])
        text = text[cut:]
    if text:
        lines.append(text)
    return lines


def _render_pdf_text(items: Sequence[_Item], blank: str) -> list[str]:
    lines: list[str] = []
    counter = 0
    for item in items:
        if isinstance(item, _Text):
            if item.kind == "para":
                lines.extend(_wrap(item.text, _PDF_WIDTH))
            else:
                lines.append(item.text)
            continue
        for row in item.rows:
            if row.kind != "data":
                lines.append(" ".join(_cell_text(cell, blank) for cell in row.cells))
                continue
            lines.extend(cell.text for cell in row.cells if cell.role is _Role.GROUP)
            labels = [cell.text for cell in row.cells if cell.role is _Role.LABEL]
            figures = " ".join(
                _cell_text(cell, blank) for cell in row.cells if cell.role is _Role.VALUE
            )
            if not labels:
                lines.append(figures)
            elif counter % 5 == 4:
                lines.extend([figures, labels[0]])
            else:
                lines.append(f"{labels[0]} {figures}")
            if labels:
                counter += 1
    paged: list[str] = []
    for index, line in enumerate(lines, start=1):
        paged.append(line)
        if index % _PDF_PAGE_LINES == 0:
            paged.append(f"- {index // _PDF_PAGE_LINES} -")
    if len(lines) % _PDF_PAGE_LINES:
        paged.append(f"- {len(lines) // _PDF_PAGE_LINES + 1} -")
    return paged


def _render_glued(items: Sequence[_Item], blank: str) -> list[str]:
    pieces: list[str] = []
    title = ""
    for item in items:
        if isinstance(item, _Text):
            if item.kind == "title":
                title = item.text
            else:
                pieces.append(item.text)
            continue
        pieces.extend(_cell_text(cell, blank) for row in item.rows for cell in row.cells)
    return [title, "".join(pieces)]


# ------------------------------------------------------------------ HTML


_TD_STYLE = "border:1px solid windowtext;padding:0pt 5.4pt 0pt 5.4pt"
_P_STYLE = "margin:0pt;text-align:center;line-height:20pt"
_SPAN_STYLE = "font-family:仿宋_GB2312;font-size:12pt"


def _html_cell(cell: _GridCell, style: PageStyle) -> str:
    attributes = ""
    if cell.rowspan > 1:
        attributes += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attributes += f' colspan="{cell.colspan}"'
    if style is PageStyle.WORD:
        if cell.role is _Role.VALUE:
            text = _plain(cell.value)
            inner = f'<span style="{_SPAN_STYLE}">{html.escape(text) if text else "&nbsp;"}</span>'
        else:
            parts = (
                _split_label(cell.text)
                if cell.role is _Role.COLUMN and cell.text.startswith("本年新")
                else (cell.text,)
            )
            inner = f'<span style="{_SPAN_STYLE}"><br/></span>'.join(
                f'<span style="{_SPAN_STYLE}">{html.escape(part)}</span>' for part in parts
            )
        return (
            f'<td{attributes} style="{_TD_STYLE}" valign="center">'
            f'<p style="{_P_STYLE}">{inner}</p></td>'
        )
    if cell.role is _Role.VALUE:
        text = html.escape(_plain(cell.value, "/" if style is PageStyle.DIVS else ""))
    elif style is PageStyle.DIVS and cell.role is _Role.GROUP and cell.rowspan > 2:
        text = "<br/>".join(html.escape(char) for char in cell.text)
    else:
        text = html.escape(cell.text)
    if style is PageStyle.DIVS:
        return f'<td{attributes} align="center"><div><span>{text}</span></div></td>'
    tag = "td" if cell.role in (_Role.VALUE, _Role.LABEL, _Role.GROUP) else "th"
    return f"<{tag}{attributes}>{text}</{tag}>"


def _html_table(grid: _Grid, style: PageStyle) -> str:
    rows = []
    numbered = style is PageStyle.NUMBERED
    headers = sum(1 for row in grid.rows if row.kind != "data") if numbered else 0
    number = 0
    for index, row in enumerate(grid.rows):
        first = ' class="firstRow"' if index == 0 else ""
        cells = "".join(_html_cell(cell, style) for cell in row.cells)
        if numbered:
            if index == 0 and headers:
                span = f' rowspan="{headers}"' if headers > 1 else ""
                cells = f"<th{span}>序号</th>" + cells
            elif row.kind == "data" and any(cell.role is _Role.VALUE for cell in row.cells):
                number += 1
                cells = f"<td>{number}</td>" + cells
            elif row.kind == "data":
                cells = "<td></td>" + cells
        if style is PageStyle.WORD:
            rows.append(f'<tr style="height:28pt"{first}>{cells}</tr>')
        else:
            rows.append(f"<tr>{cells}</tr>")
    if style is PageStyle.WORD:
        return (
            '<table border="1" cellspacing="0" cellpadding="0" align="center" '
            'style="border-collapse:collapse;border:none"><tbody>'
            + "".join(rows)
            + "</tbody></table>"
        )
    return '<table class="data" border="1"><tbody>' + "".join(rows) + "</tbody></table>"


def _html_article(report: SyntheticReport, style: PageStyle) -> list[str]:
    parts: list[str] = []
    for item in _document(report):
        if isinstance(item, _Grid):
            parts.append(_html_table(item, style))
        elif item.kind == "title":
            continue
        elif item.kind == "heading":
            parts.append(
                f'<p style="text-indent:2em"><strong>{html.escape(item.text)}</strong></p>'
            )
        elif item.kind == "sign":
            parts.append(f'<p style="text-align:right">{html.escape(item.text)}</p>')
        else:
            parts.append(
                f'<p style="text-indent:2em"><span style="{_SPAN_STYLE}">'
                f"{html.escape(item.text)}</span></p>"
            )
    return parts


_SITE = "某地人民政府门户网站"


def _chrome_head(report: SyntheticReport) -> list[str]:
    title = html.escape(report.title)
    date = report.published.isoformat() if report.published else ""
    return [
        '<meta name="viewport" content="width=device-width, initial-scale=1.0"/>',
        f'<meta name="SiteName" content="{_SITE}"/>',
        '<meta name="ColumnName" content="政府信息公开年报"/>',
        f'<meta name="ArticleTitle" content="{title}"/>',
        f'<meta name="PubDate" content="{date}"/>',
        '<link rel="stylesheet" type="text/css" href="/images/site_style.css"/>',
        '<script type="text/javascript" src="/images/jquery.min.js"></script>',
        '<script type="text/javascript">var siteConfig = {"column": "zfxxgknb", "size": 16};'
        "function setFontSize(size) { document.body.style.fontSize = size + 'px'; }</script>",
    ]


def _chrome_top() -> list[str]:
    return [
        '<div class="header">',
        '<div class="logo"><a href="/"><img src="/images/site_logo.png" alt="网站标识"/></a></div>',
        '<ul class="nav" role="navigation">'
        '<li><a href="/">首页</a></li>'
        '<li><a href="/zwgk/">政务公开</a></li>'
        '<li><a href="/zwgk/zfxxgk/">政府信息公开</a></li>'
        '<li><a href="/bsfw/">办事服务</a></li>'
        '<li><a href="/hdjl/">互动交流</a></li>'
        "</ul>",
        '<form class="search" action="/search/" method="get">'
        '<input type="text" name="q" placeholder="请输入关键词"/>'
        '<button type="submit">搜索</button></form>',
        "</div>",
        '<div class="crumb">当前位置：<a href="/">首页</a> &gt; '
        '<a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>',
    ]


def _chrome_bottom() -> list[str]:
    return [
        '<div class="share">【字体：<a href="javascript:setFontSize(18)">大</a> '
        '<a href="javascript:setFontSize(16)">中</a> '
        '<a href="javascript:setFontSize(14)">小</a>】 '
        '<a href="javascript:window.print()">打印</a></div>',
        '<div class="footer">',
        '<p><a href="/about/">关于我们</a> | <a href="/map/">网站地图</a> | '
        '<a href="/contact/">联系我们</a></p>',
        f"<p>主办单位：{_SITE}运行维护中心 网站标识码：0000000000</p>",
        "</div>",
        '<script type="text/javascript">(function () { var counter = 0; '
        "counter += 1; })();</script>",
    ]


def render_html(
    report: SyntheticReport,
    *,
    encoding: str = "utf-8",
    chrome: bool = True,
    style: PageStyle = PageStyle.WORD,
) -> bytes:
    """``report`` as a web page in ``encoding``: a ``<meta charset>``, a ``<title>``,
    the article as ``<p>`` paragraphs with one ``<table>`` per report table
    (rowspan/colspan as the national format has them), its cells written in ``style``
    (see :class:`PageStyle`; by default Word's, ``<p><span>`` in every cell, blank
    cells as ``&nbsp;``). With ``chrome`` the page also carries the navigation
    menu, search form, scripts and footer a reader must ignore. Characters the
    encoding lacks are written as character references.
    """
    codecs.lookup(encoding)  # an unknown encoding is a LookupError here, not later
    charset = encoding
    title = html.escape(report.title)
    head = [f'<meta charset="{html.escape(charset)}"/>']
    if chrome:
        head.extend(_chrome_head(report))
        head.append(f"<title>{title}_政府信息公开年报_{_SITE}</title>")
    else:
        head.append(f"<title>{title}</title>")
    body: list[str] = []
    if chrome:
        body.extend(_chrome_top())
    info = ""
    if chrome and report.published is not None:
        info = (
            f'<div class="info"><span>发布时间：{report.published.isoformat()}</span> '
            f"<span>来源：{html.escape(report.body)}</span></div>"
        )
    body.append('<div class="article">')
    body.append(f'<div class="article-title"><h1>{title}</h1></div>')
    if info:
        body.append(info)
    body.append('<div class="article-content">')
    body.extend(_html_article(report, PageStyle(style)))
    body.append("</div>")
    body.append("</div>")
    if chrome:
        body.extend(_chrome_bottom())
    page = "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            *head,
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )
    return page.encode(encoding, errors="xmlcharrefreplace")


@overload
def render(  # type: ignore[overload-overlap]  # Layout is a str enum, never "html"
    report: SyntheticReport, layout: Literal["html"]
) -> bytes: ...


@overload
def render(report: SyntheticReport, layout: Layout) -> str: ...


@overload
def render(report: SyntheticReport, layout: Layout | Literal["html"]) -> str | bytes: ...


def render(report: SyntheticReport, layout: Layout | Literal["html"]) -> str | bytes:
    """``report`` in a text layout (a ``str``) or, for ``"html"``, as a UTF-8 page."""
    if layout == "html":
        return render_html(report)
    return render_text(report, Layout(layout))
