"""Plain-text reader: text extracted from web pages, PDFs, Word files, markdown or OCR.

Each line becomes a table row when it has cell separators (tabs, or ``|`` as in
``a | b |`` rows and markdown tables) and a paragraph otherwise. Lines holding only
separators (``|||``, ``|---|---|``) and PDF page marks (``- 3 -``) are layout, not
content, and are dropped. Nothing else is decided here: matching text to a template
is the recogniser's job.
"""

from __future__ import annotations

import re

from disclosure_core.readers.document import Block, Document, Paragraph, Position, Table, TextCell
from disclosure_core.readers.sniff import MAX_INPUT_BYTES, check_size, decode

_SEPARATOR_ONLY = re.compile(r"^[\s|:\-—–=+]*$")
_PAGE_MARK = re.compile(
    r"^[-—–─]{1,3}\s*\d{1,4}\s*[-—–─]{1,3}$|^第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?$"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def read_text_bytes(data: bytes, source: str, *, limit: int = MAX_INPUT_BYTES) -> Document:
    """Decode and read report text given as bytes."""
    check_size(data, source, limit=limit)
    text, encoding = decode(data, source)
    document = read_text(text, source)
    return Document(
        source=document.source,
        format=document.format,
        blocks=document.blocks,
        properties={**document.properties, "encoding": encoding},
    )


def read_text(text: str, source: str = "<text>") -> Document:
    """Read report text into a :class:`Document`."""
    blocks: list[Block] = []
    rows: list[tuple[TextCell, ...]] = []
    table_start: Position | None = None

    def flush_table() -> None:
        nonlocal rows, table_start
        if rows:
            blocks.append(Table(rows=tuple(rows), position=table_start or Position()))
        rows = []
        table_start = None

    for number, raw in enumerate(_LINE_BREAK.split(text.replace("\ufeff", "")), start=1):
        line = raw.rstrip("\r\n")
        content = line.lstrip()
        indent = len(line) - len(content)
        if not content.strip():
            continue
        if _PAGE_MARK.match(content.strip()):
            continue
        cells = _split_cells(content, number, indent + 1)
        if cells is None:
            flush_table()
            blocks.append(Paragraph(content.strip(), Position(line=number, column=indent + 1)))
        elif cells:
            if table_start is None:
                table_start = Position(line=number, column=indent + 1)
            rows.append(cells)
    flush_table()
    return Document(source=source, format="text", blocks=tuple(blocks))


def _split_cells(content: str, line: int, column: int) -> tuple[TextCell, ...] | None:
    """Cells of a row line, ``()`` for a separator-only line, ``None`` for prose."""
    if "\t" in content:
        separator = "\t"
    elif "|" in content:
        if _SEPARATOR_ONLY.match(content):
            return ()
        separator = "|"
    else:
        return None
    pieces = content.split(separator)
    offsets = []
    offset = 0
    for piece in pieces:
        offsets.append(offset)
        offset += len(piece) + 1
    if separator == "|":
        # `| a | b |` (markdown) and `a | b |`: the edges of the line are not cells.
        if pieces and not pieces[0].strip():
            pieces, offsets = pieces[1:], offsets[1:]
        if pieces and not pieces[-1].strip():
            pieces, offsets = pieces[:-1], offsets[:-1]
    return tuple(
        TextCell(piece.strip(), Position(line=line, column=column + start))
        for piece, start in zip(pieces, offsets, strict=True)
    )
