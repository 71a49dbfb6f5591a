"""The article read into blocks in document order: every ``<table>`` a
:class:`Table`, every block-level run of text a :class:`Paragraph`; page marks
between the parts of a table dropped; tables written as paragraphs rebuilt."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from disclosure_core.readers.document import Block, Paragraph, Position, Table, TextCell
from disclosure_core.readers.html.page import BLOCK_TAGS, CELLS, ROW_GROUPS, Page, cell_span
from disclosure_core.readers.sniff import drop_invisible
from disclosure_core.readers.text import PAGE_MARK, read_text


def collapse_spaces(text: str) -> str:
    """Runs of white space (including ``&nbsp;`` and ``\\u3000``) become one space."""
    return " ".join(text.split())


def _without_page_marks(blocks: list[Block]) -> list[Block]:
    """``blocks`` without the page marks (``- 3 -``) of a PDF or Word file pasted into
    the page, where they stand between two parts of a table cut by a page break: read
    as text, the number would be a value no row takes. In a page's markup a table row
    is a ``<tr>``, so next to a table such a paragraph is no row of it."""
    if not any(isinstance(block, Table) for block in blocks):
        return blocks
    last = len(blocks) - 1
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if (
            isinstance(block, Paragraph)
            and PAGE_MARK.match(block.text)
            and not _NO_PAGE.search(block.text)
            and (
                (index > 0 and isinstance(blocks[index - 1], Table))
                or (index < last and isinstance(blocks[index + 1], Table))
            )
        ):
            continue
        kept.append(block)
    return kept


#: There is no page 0: ``- 0 -`` is a table's row (blank, 0, blank) written as text.
_NO_PAGE = re.compile(r"(?<!\d)0+(?!\d)")


class Blocks:
    """Paragraphs and tables of a content root, in document order."""

    def __init__(self, page: Page) -> None:
        self.skipped = page.skipped
        self.layout_tables = page.layout_tables
        self.rows = page.rows
        self._position = page.position
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.line: int | None = None

    def read(self, root: Any) -> list[Block]:
        if root.tag == "table" and root not in self.layout_tables:
            self._table(root)
        else:
            self._visit(root)
            self._flush()
        if any(isinstance(b, Paragraph) and b.text.count("|") >= 2 for b in self.blocks):
            return _text_table_rows(self.blocks)
        return _without_page_marks(self.blocks)

    def _add(self, text: str, line: int | None) -> None:
        if not self.buffer:
            if text.isspace():
                return
            self.line = line
        self.buffer.append(text)

    def _flush(self) -> None:
        if self.buffer:
            text = collapse_spaces("".join(self.buffer))
            self.buffer.clear()
            if not text.isprintable():  # collapsed text is, unless it holds a control
                text = drop_invisible(text)  # or invisible character: a paragraph of
                # zero-width spaces (an editor's "empty" paragraph) is no paragraph
            if text:
                self.blocks.append(Paragraph(text, self._position(self.line)))

    def _visit(self, element: Any) -> None:
        text = element.text
        if text:
            self._add(text, element.sourceline)
        skipped = self.skipped
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or (skipped and child in skipped):
                pass
            elif tag == "table" and child not in self.layout_tables:
                self._flush()
                self._table(child)
            elif tag == "pre":
                self._flush()
                self._preformatted(child)
            elif tag in BLOCK_TAGS:
                self._flush()
                if len(child):
                    self._visit(child)
                else:
                    text = child.text
                    if text:
                        self._add(text, child.sourceline)
                self._flush()
            elif len(child):  # inline markup lxml did not unwrap: <a>, <st1:chsdate>, ...
                self._visit(child)
            else:
                text = child.text
                if text:
                    self._add(text, child.sourceline)
            tail = child.tail
            if tail:
                self._add(tail, child.sourceline)

    def _preformatted(self, pre: Any) -> None:
        """A ``<pre>``: its white space is its layout (a text table's tabs, pipes and
        line breaks), so it is read as the text reader reads a text file, each block
        at its line of the page."""
        text = "".join(pre.itertext())
        if not text.strip():
            return
        base = (pre.sourceline or 1) - 1

        def at(where: Position) -> Position:
            return self._position(base + (where.line or 1))

        self.blocks.extend(_placed(read_text(text, "<pre>").blocks, at))

    def _table(self, table: Any) -> None:
        rows: list[tuple[TextCell, ...]] = []
        for child in table:
            tag = child.tag
            if tag == "tr":
                self._row(child, rows)
            elif tag in ROW_GROUPS:
                for row in child:
                    if row.tag == "tr":
                        self._row(row, rows)
            elif tag == "caption":
                caption = self._cell_text(child)
                if caption:
                    self.blocks.append(Paragraph(caption, self._position(child.sourceline)))
        if rows:
            self.blocks.append(Table(rows=tuple(rows), position=self._position(table.sourceline)))

    def _row(self, row: Any, rows: list[tuple[TextCell, ...]]) -> None:
        read = self.rows.get(row)
        if read is None:  # not read by Page._row (a childless row, or in tests all rows)
            read = [cell for cell in row if cell.tag in CELLS]
        if type(read) is tuple:  # all read by Page._row
            if read:
                rows.append(read)
        elif read:
            rows.append(
                tuple(
                    cell if isinstance(cell, TextCell) else self._read_cell(cell) for cell in read
                )
            )

    def _read_cell(self, cell: Any) -> TextCell:
        """A cell that ``Page._row`` left to read here."""
        rowspan = cell.get("rowspan")
        colspan = cell.get("colspan")
        return TextCell(
            self._cell_text(cell),
            self._position(cell.sourceline),
            1 if rowspan is None else cell_span(rowspan),
            1 if colspan is None else cell_span(colspan),
        )

    def _cell_text(self, cell: Any) -> str:
        count = len(cell)
        if not count:
            return collapse_spaces(cell.text or "")
        if count == 1:  # the usual Word cell, <td><p>text</p></td>
            child = cell[0]
            if not len(child) and child.tag in BLOCK_TAGS and child not in self.skipped:
                return collapse_spaces(f"{cell.text or ''} {child.text or ''} {child.tail or ''}")
        parts: list[str] = []
        self._gather(cell, parts)
        return collapse_spaces("".join(parts))

    def _gather(self, element: Any, parts: list[str]) -> None:
        text = element.text
        if text:
            parts.append(text)
        skipped = self.skipped
        for child in element:
            tag = child.tag
            if isinstance(tag, str) and not (skipped and child in skipped):
                block = tag in BLOCK_TAGS  # its boundaries are a space
                if block:
                    parts.append(" ")
                if len(child):
                    self._gather(child, parts)
                else:
                    text = child.text
                    if text:
                        parts.append(text)
                if block:
                    parts.append(" ")
            tail = child.tail
            if tail:
                parts.append(tail)


def _text_table_rows(blocks: list[Block]) -> list[Block]:
    """``blocks`` with each run of two or more paragraphs that are rows of a text table
    (``| 规章 | 0 | 0 |``: a table pasted into the page as text, as a PDF-to-markdown
    conversion writes it) read as the text reader reads those lines, each block at its
    paragraph's position."""
    out: list[Block] = []
    run: list[Paragraph] = []

    def flush() -> None:
        if len(run) < 2:
            out.extend(run)
        else:
            # each paragraph is one line of the text: line i is run[i - 1]
            lines = tuple(run)
            text = "\n".join(paragraph.text for paragraph in lines)
            out.extend(
                _placed(
                    read_text(text, "<rows>").blocks,
                    lambda where: lines[(where.line or 1) - 1].position,
                )
            )
        run.clear()

    for block in blocks:
        if isinstance(block, Paragraph) and block.text.count("|") >= 2:
            run.append(block)
        else:
            flush()
            out.append(block)
    flush()
    return out


def _placed(blocks: Iterable[Block], at: Callable[[Position], Position]) -> Iterator[Block]:
    """``blocks`` the text reader read from a page's text, each paragraph and cell at
    the page position ``at`` gives for its position in that text."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield Paragraph(block.text, at(block.position))
            continue
        rows = tuple(
            tuple(
                TextCell(cell.text, at(cell.position), cell.rowspan, cell.colspan) for cell in row
            )
            for row in block.rows
        )
        yield Table(rows=rows, position=at(block.position))
