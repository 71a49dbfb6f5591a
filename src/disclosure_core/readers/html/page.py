"""The one walk over a page's elements: container scores (readability-style), the
page's tables and the text of their plain cells, and the article's container."""

from __future__ import annotations

import re
from typing import Any, Union

from disclosure_core.readers.document import Position, TextCell
from disclosure_core.readers.sniff import drop_invisible

# fmt: off
#: Elements whose boundaries end a paragraph (and become a space inside a cell).
BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote",
        "pre", "section", "article", "center", "address", "ul", "ol", "dl", "main", "figure",
        "figcaption", "hr", "fieldset", "legend", "details", "summary", "form", "br",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "body", "html",
        "header", "footer", "nav", "aside", "menu", "dir", "listing", "xmp", "plaintext",
    }
)
# fmt: on
#: Scored for the text they hold whatever their content.
_SCORED_TAGS = frozenset({"p", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre"})
#: Scored when they hold text of their own (not only child blocks).
_SCORED_WHEN_TEXT = frozenset({"div", "td", "th"})
#: Childless elements that still need :meth:`Page.score`'s bookkeeping.
_WALKED_LEAVES = frozenset({"a", "td", "th", "tr", "table", "form"})
_SCORED_LEAVES = (_SCORED_TAGS | _SCORED_WHEN_TEXT) - _WALKED_LEAVES
#: Childless elements a cell may hold and still be read by ``Page._row``'s fast path.
_PLAIN_BLOCKS = BLOCK_TAGS - _WALKED_LEAVES
ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_TABLE_PARTS = frozenset({"table", "tr", "td", "th"})
CELLS = frozenset({"td", "th"})

#: A ``<form>`` with less non-link text than this is a search or login form.
_SMALL_FORM = 200
#: A table nested in another table with at least this many rows and cells makes the
#: outer table a layout table (read as blocks, not as one table of huge cells).
_DATA_TABLE_ROWS = 3
_DATA_TABLE_CELLS = 6
#: So does a cell holding most of the table's text when it is prose: this much text,
#: or this much in this many paragraphs (a report table's longest label is some 40
#: characters on one to three lines).
_ARTICLE_CELL = 200
_PROSE_CELL = 60
_PROSE_BLOCKS = 3
_PROSE_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"})
#: Tables with at least this share of the largest table's cells must be in the root.
_LARGE_TABLE_SHARE = 0.5
_MAX_SPAN = 1000


_SPAN_DIGITS = re.compile(r"\s*(\d+)")


#: A cell as ``Page._row`` reads it: a :class:`TextCell`, or the cell element itself
#: when it is left for ``Blocks`` to read.
_CellRead = Union[TextCell, Any]  # noqa: UP007 - runtime alias


class Page:
    """One walk over the page: container scores, tables, skipped forms, text pieces.

    The walk also reads the cells of the page's tables (see :meth:`_row`): they are
    most of a report page's elements, and each is touched once.
    """

    def __init__(self) -> None:
        self.accumulated: list[float] = []
        #: The best-scoring container so far: the first of equals in walk order.
        self.best: Any = None
        self.best_score = 0.0
        #: (element, own rows, own cells, text length, link text length) of every table.
        self.tables: list[tuple[Any, int, int, int, int]] = []
        #: [rows, cells, longest prose cell] of the open tables
        self.table_stack: list[list[int]] = []
        self.open_tables: list[Any] = []
        self.layout_tables: set[Any] = set()
        self.skipped: set[Any] = set()
        #: (owner, [piece, next pieces...]) of text holding a date keyword.
        self.dated: list[tuple[Any, list[str]]] = []
        self.pending: list[list[str]] = []  # of those, the ones still taking pieces
        #: The cells of every row (see :meth:`_row`): a tuple when all were read.
        self.rows: dict[Any, tuple[TextCell, ...] | list[_CellRead]] = {}
        #: Positions and cells are immutable: equal ones (on one line) are shared.
        self.positions: dict[int | None, Position] = {}
        #: (text, line, rowspan, colspan as written) -> cell
        self.cells: dict[tuple[str, int | None, str | None, str | None], TextCell] = {}

    def _piece(self, owner: Any, text: str) -> None:
        """Note a text piece that holds a date keyword, or follows one."""
        if self.pending:
            for parts in self.pending:
                parts.append(text)
            self.pending = [parts for parts in self.pending if len(parts) < 3]
        if "时间" in text or "日期" in text:
            parts = [text]
            self.dated.append((owner, parts))
            self.pending.append(parts)

    def score(self, element: Any, depth: int) -> tuple[int, int]:
        """Walk ``element``; return the length of its text and of its link text."""
        accumulated = self.accumulated
        if len(accumulated) <= depth:
            accumulated.append(0.0)
        else:
            accumulated[depth] = 0.0
        tag = element.tag
        if tag in _TABLE_PARTS:
            self._table_part(element, tag)

        total = links = 0
        own_text = False
        text = element.text
        if text:
            stripped = text.strip()
            if stripped and not stripped.isprintable():
                stripped = _visible(stripped)
            if stripped:
                total = len(stripped)
                own_text = True
                if self.pending or "时间" in stripped or "日期" in stripped:  # _DATE_KEYWORDS
                    self._piece(element, stripped)
        for child in element:
            child_tag = child.tag
            if len(child):
                if child_tag == "tr":
                    child_total, child_links = self._row(child, depth + 1)
                    total += child_total
                    links += child_links
                elif isinstance(child_tag, str):
                    child_total, child_links = self.score(child, depth + 1)
                    total += child_total
                    links += child_links
            elif child_tag in _WALKED_LEAVES:
                if child_tag == "a":  # a childless link: its text is link text
                    text = child.text
                    if text:
                        stripped = text.strip()
                        if stripped:
                            points = len(stripped)
                            total += points
                            links += points
                            if self.pending or "时间" in stripped or "日期" in stripped:
                                self._piece(child, stripped)
                else:
                    child_total, child_links = self.score(child, depth + 1)
                    total += child_total
                    links += child_links
            else:  # a childless <p>, <div>, <br>, ...: no call needed
                text = child.text
                if text:
                    stripped = text.strip()
                    if stripped:
                        points = len(stripped)
                        total += points
                        if self.pending or "时间" in stripped or "日期" in stripped:
                            self._piece(child, stripped)
                        if child_tag in _SCORED_LEAVES:
                            accumulated[depth] += points
                            if depth >= 1:
                                accumulated[depth - 1] += points / 2
            tail = child.tail
            if tail:
                stripped = tail.strip()
                if stripped and not stripped.isprintable():
                    stripped = _visible(stripped)
                if stripped:
                    total += len(stripped)
                    own_text = True
                    if self.pending or "时间" in stripped or "日期" in stripped:
                        self._piece(element, stripped)

        if tag in _WALKED_LEAVES:  # <a>, <form>, table parts
            if tag == "a":
                links = total
            elif tag == "form":
                if total - links < _SMALL_FORM:
                    self.skipped.add(element)
            elif tag == "table":
                self._table_end(element, total, links)
            elif tag in CELLS and self.table_stack and _holds_article(element, total - links):
                counts = self.table_stack[-1]
                counts[2] = max(counts[2], total - links)
        if (tag in _SCORED_TAGS and element not in self.layout_tables) or (
            own_text and tag in _SCORED_WHEN_TEXT
        ):
            points = total - links
            if points > 0 and depth >= 1:
                accumulated[depth - 1] += points
                if depth >= 2:
                    accumulated[depth - 2] += points / 2
        score = accumulated[depth]
        if score > self.best_score:
            self.best_score = score
            self.best = element
        return total, links

    def _row(self, row: Any, depth: int) -> tuple[int, int]:
        """:meth:`score` of a ``<tr>``, reading its plain cells on the way.

        A plain cell is the usual Word cell: one childless block element, such as
        ``<td><p>text</p></td>``, and only white space around it. It is scored here
        as :meth:`score` would score it, and its text, line and spans are kept in
        :attr:`rows`, so that :class:`Blocks` does not read it again. Other cells
        are scored by :meth:`score` and kept as they are, for ``Blocks`` to read.
        """
        accumulated = self.accumulated
        if len(accumulated) <= depth:
            accumulated.append(0.0)
        else:
            accumulated[depth] = 0.0
        counts = self.table_stack[-1] if self.table_stack else None
        if counts is not None:
            counts[0] += 1
        # The shares of the row's score and of its parent's score from what is read
        # here: sums of integers and halves, so exact whatever the order of addition.
        row_score = parent_score = 0.0
        others = 0  # cells left to score()

        total = links = 0
        text = row.text
        if text:
            stripped = text.strip()
            if stripped:
                total = len(stripped)
                if self.pending or "时间" in stripped or "日期" in stripped:
                    self._piece(row, stripped)
        cells: list[_CellRead] = []
        append = cells.append
        shared = self.cells
        for cell in row:
            tag = cell.tag
            if tag in CELLS and len(cell) == 1:
                child = cell[0]
                child_tag = child.tag
                if child_tag in _PLAIN_BLOCKS and not len(child):
                    cell_text = cell.text
                    child_tail = child.tail
                    if (not cell_text or cell_text.isspace()) and (
                        not child_tail or child_tail.isspace()
                    ):
                        # A plain cell, scored as score(cell, depth + 1) scores it: with
                        # no text of its own it is not scored itself; its child's points
                        # are its score, half of them the row's; with a single block it
                        # holds an article only from _ARTICLE_CELL characters on.
                        text = child.text
                        stripped = text.strip() if text else ""
                        if stripped:
                            points = len(stripped)
                            total += points
                            if self.pending or "时间" in stripped or "日期" in stripped:
                                self._piece(child, stripped)
                            if child_tag in _SCORED_LEAVES:
                                row_score += points / 2
                                if points > self.best_score:
                                    self.best_score = points
                                    self.best = cell
                            if points >= _ARTICLE_CELL and counts is not None:
                                counts[2] = max(counts[2], points)
                            # Blocks._cell_text: the text around the block is white
                            # space; a number or a word has none to collapse.
                            if not stripped.isalnum():
                                stripped = " ".join(stripped.split())
                        # Keyed by the spans as written: equal cells are shared, and
                        # the spans are read only for a cell not seen yet.
                        line = cell.sourceline
                        rowspan = cell.get("rowspan")
                        colspan = cell.get("colspan")
                        key = (stripped, line, rowspan, colspan)
                        text_cell = shared.get(key)
                        if text_cell is None:
                            text_cell = shared[key] = TextCell(
                                stripped,
                                self.position(line),
                                1 if rowspan is None else cell_span(rowspan),
                                1 if colspan is None else cell_span(colspan),
                            )
                        append(text_cell)
                        tail = cell.tail
                        if tail:
                            stripped = tail.strip()
                            if stripped:
                                total += len(stripped)
                                if self.pending or "时间" in stripped or "日期" in stripped:
                                    self._piece(row, stripped)
                        continue
            if tag in CELLS:  # any other cell: scored by score(), read by Blocks
                append(cell)
                others += 1
                cell_total, cell_links = self.score(cell, depth + 1)
                total += cell_total
                links += cell_links
            elif len(cell) or tag in _WALKED_LEAVES:
                if isinstance(tag, str):
                    cell_total, cell_links = self.score(cell, depth + 1)
                    total += cell_total
                    links += cell_links
            else:  # a childless element that is not a cell, as in score()
                text = cell.text
                if text:
                    stripped = text.strip()
                    if stripped:
                        points = len(stripped)
                        total += points
                        if self.pending or "时间" in stripped or "日期" in stripped:
                            self._piece(cell, stripped)
                        if tag in _SCORED_LEAVES:
                            row_score += points
                            if depth >= 1:
                                parent_score += points / 2
            tail = cell.tail
            if tail:
                stripped = tail.strip()
                if stripped:
                    total += len(stripped)
                    if self.pending or "时间" in stripped or "日期" in stripped:
                        self._piece(row, stripped)
        if counts is not None:
            counts[1] += len(cells) - others  # the plain cells (score() counts the others)
        self.rows[row] = cells if others else tuple(cells)
        if parent_score:
            accumulated[depth - 1] += parent_score
        score = accumulated[depth] + row_score
        accumulated[depth] = score
        if score > self.best_score:
            self.best_score = score
            self.best = row
        return total, links

    def position(self, line: int | None) -> Position:
        """The page's position for ``line``."""
        position = self.positions.get(line)
        if position is None:
            position = self.positions[line] = Position(line)
        return position

    def _table_part(self, element: Any, tag: str) -> None:
        if tag == "table":
            self.table_stack.append([0, 0, 0])
            self.open_tables.append(element)
        elif self.table_stack:
            self.table_stack[-1][0 if tag == "tr" else 1] += 1

    def _table_end(self, table: Any, total: int, links: int) -> None:
        rows, cells, prose = self.table_stack.pop()
        self.open_tables.pop()
        self.tables.append((table, rows, cells, total, links))
        if prose and 2 * prose >= total - links:
            # Most of its text is an article in one cell: it lays the page out.
            self.layout_tables.add(table)
        if rows >= _DATA_TABLE_ROWS and cells >= _DATA_TABLE_CELLS:
            # A data table inside a table: the outer one lays the page out.
            self.layout_tables.update(self.open_tables)

    def content_root(self, body: Any) -> Any:
        """The best-scoring container, widened to hold the largest data tables."""
        root = self.best
        if root is None:
            return body
        # A table row or row group is never the article: take its table.
        while root.tag in ROW_GROUPS or root.tag == "tr":
            parent = root.getparent()
            if parent is None:
                break
            root = parent
        lineage = _lineage(root)
        data_tables = [
            (element, cells)
            for element, rows, cells, total, links in self.tables
            if rows >= 2
            and cells >= _DATA_TABLE_CELLS
            and total > 2 * links  # a link list laid out as a table is chrome
            and element not in self.layout_tables
            and element not in lineage
        ]
        if data_tables:
            largest = max(cells for _element, cells in data_tables)
            for element, cells in data_tables:
                if cells >= largest * _LARGE_TABLE_SHARE:
                    root = _common_ancestor(lineage, element)
                    lineage = _lineage(root)
        return root

    def chrome_text(self, root: Any) -> list[tuple[int, str]]:
        """Text outside ``root`` near a date keyword, as ``(line, text)``."""
        found: list[tuple[int, str]] = []
        for owner, parts in self.dated:
            if owner is root or root in _lineage(owner):
                continue
            found.append((owner.sourceline or 0, " ".join(parts)))
        return found


def _visible(text: str) -> str:
    """``text`` stripped of white space and invisible characters: a text of zero-width
    spaces between two blocks is no text of their container's (see :meth:`Page.score`).
    Only called for text that is not printable, which text without them is."""
    return drop_invisible(text).strip()


def _holds_article(cell: Any, length: int) -> bool:
    """Whether a table cell holds an article (prose), not a figure or a label."""
    if length >= _ARTICLE_CELL:
        return True
    if length < _PROSE_CELL or len(cell) < _PROSE_BLOCKS:
        return False
    blocks = sum(1 for child in cell if child.tag in _PROSE_TAGS)
    return blocks >= _PROSE_BLOCKS


def _lineage(element: Any) -> set[Any]:
    """``element`` and its ancestors."""
    lineage = {element}
    lineage.update(element.iterancestors())
    return lineage


def _common_ancestor(lineage: set[Any], element: Any) -> Any:
    """The lowest ancestor-or-self of ``element`` in ``lineage``."""
    if element in lineage:
        return element
    for ancestor in element.iterancestors():
        if ancestor in lineage:
            return ancestor
    return element  # unreachable: the lineages share the root element


def cell_span(value: str | None) -> int:
    """A rowspan or colspan: leading digits as browsers read them, 1..1000, else 1."""
    if not value:
        return 1
    match = _SPAN_DIGITS.match(value)
    if match is None:
        return 1
    return min(max(int(match.group(1)), 1), _MAX_SPAN)
