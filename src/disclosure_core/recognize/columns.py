"""Columns a report's tables add to the national format's: a row-number column.

Some offices build the tables in a spreadsheet or a CMS that numbers the rows: a first
column 序号 with 1, 2, 3 … before each row's label. Those numbers are no cells of the
format. Read as values, each would be an extra figure of the row before it (reported as
unassigned), and the one before the appeals table's single line of figures would be
taken for its first. They are dropped before recognition, with the column's header.
"""

from __future__ import annotations

from disclosure_core.readers.document import Block, Document, Table, TextCell
from disclosure_core.recognize.normalize import compact, is_ideograph

#: Headers of a row-number column.
INDEX_HEADERS = frozenset({"序号", "编号", "行次"})
#: Rows numbered 1, 2, 3 … before their labels that make a row-number column without
#: a header saying so.
MIN_NUMBERED_ROWS = 3
#: Rows a table's header takes at most (the requests table's: caption, two rows).
_HEADER_ROWS = 4
#: Most digits a row number has.
_MAX_INDEX_DIGITS = 3


def without_index_columns(document: Document) -> Document:
    """``document`` with the row-number column of each of its tables dropped (the same
    document when no table has one)."""
    blocks: list[Block] = []
    untrimmed: list[int] = []
    changed = False
    for block in document.blocks:
        if isinstance(block, Table):
            trimmed = _without_index_column(block)
            if trimmed is block:
                untrimmed.append(len(blocks))
            else:
                changed = True
            blocks.append(trimmed)
        else:
            blocks.append(block)
    if not changed:
        return document
    # Beside tables whose rows are numbered, one numbered row makes the same column
    # (第二十条第（五）项 has one), and the appeals table's single line of figures is
    # numbered 1 under header cells left blank: alone, that 1 could be a first figure.
    for index in untrimmed:
        table = blocks[index]
        assert isinstance(table, Table)
        trimmed = _without_index_column(table, numbered_rows=1)
        blocks[index] = _without_lone_row_number(table) if trimmed is table else trimmed
    return Document(
        source=document.source,
        format=document.format,
        blocks=tuple(blocks),
        properties=document.properties,
    )


def _without_lone_row_number(table: Table) -> Table:
    """``table`` without the row number 1 before its only line of figures: when that
    line starts with 1 and holds no label, and every other row's first cell is blank
    (the row-number column's header cells). Otherwise ``table`` itself."""
    figures: int | None = None
    for index, row in enumerate(table.rows):
        if not row or not row[0].text:
            continue
        if figures is not None or row[0].text != "1" or len(row) < 2:
            return table
        if any(_is_label(cell) for cell in row):
            return table
        figures = index
    if figures is None:
        return table
    return Table(
        rows=tuple(row[1:] if i == figures else row for i, row in enumerate(table.rows)),
        position=table.position,
    )


def _is_index(cell: TextCell) -> bool:
    text = cell.text
    return text.isdecimal() and text.isascii() and len(text) <= _MAX_INDEX_DIGITS


def _is_label(cell: TextCell) -> bool:
    """A row label: text with an ideograph in it (not a figure, not a blank marker)."""
    return any(map(is_ideograph, cell.text))


def _without_index_column(table: Table, numbered_rows: int = MIN_NUMBERED_ROWS) -> Table:
    """``table`` without its row-number column, when it has one: a first column headed
    序号 (or 编号, 行次) whose cells below are row numbers, or, without such a header,
    at least ``numbered_rows`` rows whose first cell numbers them 1, 2, 3 … before a
    label. Otherwise ``table`` itself."""
    rows = table.rows
    top = rows[:_HEADER_ROWS]
    header = next(
        (i for i, row in enumerate(top) if row and compact(row[0].text) in INDEX_HEADERS), None
    )
    if header is None and not any(row and row[0].text == "1" for row in rows[: _HEADER_ROWS + 1]):
        return table  # the usual table: no such header, no numbering from 1 at its top
    start = header + 1 if header is not None else 0
    numbered = [
        i
        for i in range(start, len(rows))
        if len(rows[i]) >= 2 and _is_index(rows[i][0]) and _is_label(rows[i][1])
    ]
    numbers = [int(rows[i][0].text) for i in numbered]
    consecutive = (
        numbers == list(range(numbers[0], numbers[0] + len(numbers))) if numbers else False
    )
    if header is None:
        if len(numbered) < numbered_rows or not consecutive or numbers[0] != 1:
            return table
        dropped = set(numbered)
    else:
        if numbers and not consecutive:
            return table
        # under the header, every row that starts with a row number: the appeals
        # table's line of figures too (it has no label after its number)
        dropped = {
            i for i in range(start, len(rows)) if len(rows[i]) >= 2 and _is_index(rows[i][0])
        }
        if not dropped:
            return table
        dropped.add(header)
    return Table(
        rows=tuple(row[1:] if i in dropped else row for i, row in enumerate(rows)),
        position=table.position,
    )
