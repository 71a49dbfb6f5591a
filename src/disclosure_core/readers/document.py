"""The intermediate document every reader produces.

A :class:`Document` is a sequence of blocks in reading order: paragraphs of text and
tables of cell strings. It knows nothing about annual reports: it is what a source
format (text, HTML, Word, PDF) looks like once its layout has been read, with the
position of every piece so that findings can point back at the source.
"""

from __future__ import annotations

from typing import Union

from attrs import field, frozen


@frozen
class Position:
    """A place in the source: 1-based line and column, and page for paged formats."""

    line: int | None = None
    column: int | None = None
    page: int | None = None


@frozen
class TextCell:
    """One cell of a table, its text as written (line breaks inside become spaces)."""

    text: str
    position: Position = Position()
    rowspan: int = 1
    colspan: int = 1


@frozen
class Paragraph:
    """A run of text outside tables: one line of a text file, one ``<p>`` of a page."""

    text: str
    position: Position = Position()


@frozen
class Table:
    """A table: rows of cells in source order (spanned cells appear once)."""

    rows: tuple[tuple[TextCell, ...], ...]
    position: Position = Position()


Block = Union[Paragraph, Table]  # noqa: UP007 - runtime alias


@frozen
class Document:
    """A source read into blocks.

    ``source`` names where it came from (a path or ``<text>``), ``format`` the reader
    that produced it (``text``, ``html``), ``properties`` page metadata such as a
    ``<title>`` or a ``发布日期`` the reader found outside the body.
    """

    source: str
    format: str
    blocks: tuple[Block, ...]
    properties: dict[str, str] = field(factory=dict)

    def text(self) -> str:
        """All text in reading order, one block or table row per line, cells tab-joined."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                lines.extend("\t".join(cell.text for cell in row) for row in block.rows)
        return "\n".join(lines)
