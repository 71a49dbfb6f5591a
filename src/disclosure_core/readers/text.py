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

_SEPARATOR_ONLY = re.compile(r"^[\s|:\-=+]*$")
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
    lines = _LINE_BREAK.split(text.replace("\ufeff", ""))
    layout = _Layout.of(lines)
    page_marks = _page_marks(lines)
    blocks: list[Block] = []
    rows: list[tuple[TextCell, ...]] = []
    table_start: Position | None = None

    def flush_table() -> None:
        nonlocal rows, table_start
        if rows:
            blocks.append(Table(rows=tuple(rows), position=table_start or Position()))
        rows = []
        table_start = None

    for number, raw in enumerate(lines, start=1):
        if number in page_marks or not raw.strip():
            continue
        line = raw.rstrip("\r\n")
        content = line.lstrip(" \u3000\u00a0") if not layout.indented else line.lstrip()
        if not layout.indented and content.startswith("\t") and "\t" in content.strip():
            pass  # a tab row whose first cell is empty: the leading tab separates a cell
        else:
            content = content.lstrip()
        indent = len(line) - len(content)
        cells = _split_cells(content, number, indent + 1, markdown=layout.markdown)
        if cells is None:
            flush_table()
            blocks.append(Paragraph(content.strip(), Position(line=number, column=indent + 1)))
        elif cells:
            if table_start is None:
                table_start = Position(line=number, column=indent + 1)
            rows.append(cells)
    flush_table()
    return Document(source=source, format="text", blocks=tuple(blocks))


class _Layout:
    """How the document's rows are written, decided once for the whole text.

    ``indented``: most tab lines start with a tab (one cell per line, indented): the
    leading tab is indentation. Otherwise a leading tab is an empty first cell.
    ``markdown``: most pipe lines start with ``|`` (``| a | b |``): the line's edges are
    not cells. Otherwise (``a | b |``) an empty first piece is an empty first cell.
    """

    def __init__(self, indented: bool, markdown: bool) -> None:
        self.indented = indented
        self.markdown = markdown

    @classmethod
    def of(cls, lines: list[str]) -> _Layout:
        tab_lines = tab_leading = pipe_lines = pipe_leading = 0
        for line in lines:
            if not line.strip():
                continue
            if "\t" in line:
                tab_lines += 1
                tab_leading += line.startswith("\t")
            elif "|" in line:
                pipe_lines += 1
                pipe_leading += line.lstrip().startswith("|")
        return cls(indented=tab_leading * 2 > tab_lines, markdown=pipe_leading * 2 > pipe_lines)


def _page_marks(lines: list[str]) -> set[int]:
    """Line numbers of page marks (``- 3 -``, ``— 5 —``, ``第3页``).

    A line like ``- 3 -`` may also be a row of a table (blank, 3, blank): such lines are
    page marks only when they continue a sequence of page numbers.
    """
    candidates = []
    for number, line in enumerate(lines, start=1):
        match = _PAGE_MARK.match(line.strip())
        if match:
            digits = re.search(r"\d+", line)
            candidates.append((number, int(digits.group()) if digits else 0, line.strip()))
    marks: set[int] = set()
    previous: int | None = None
    for index, (number, page, text) in enumerate(candidates):
        neighbours = [candidates[i][1] for i in (index - 1, index + 1) if 0 <= i < len(candidates)]
        in_sequence = any(abs(page - other) == 1 for other in neighbours) or (
            previous is not None and page == previous + 1
        )
        unmistakable = text.startswith(("第", "—", "－", "─")) or "页" in text
        if in_sequence or unmistakable:
            marks.add(number)
            previous = page
    return marks


def _split_cells(
    content: str, line: int, column: int, *, markdown: bool = True
) -> tuple[TextCell, ...] | None:
    """Cells of a row line, ``()`` for a separator-only line, ``None`` for prose."""
    if "\t" in content:
        separator = "\t"
    elif "|" in content:
        if _is_separator_line(content):
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
        # `| a | b |` (markdown): the edges of the line are not cells; `a | b |`: only
        # the piece after the last pipe is not.
        if markdown and pieces and not pieces[0].strip():
            pieces, offsets = pieces[1:], offsets[1:]
        if pieces and not pieces[-1].strip():
            pieces, offsets = pieces[:-1], offsets[:-1]
    return tuple(
        TextCell(piece.strip(), Position(line=line, column=column + start))
        for piece, start in zip(pieces, offsets, strict=True)
    )


def _is_separator_line(content: str) -> bool:
    """``|||``, ``|---|:---:|``: layout only. ``— |`` or ``- |`` is a blank cell."""
    if not _SEPARATOR_ONLY.match(content):
        return False
    if not content.replace("|", "").strip():
        return True
    return "--" in content or "==" in content or ":-" in content
