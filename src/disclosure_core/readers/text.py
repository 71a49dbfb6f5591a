"""Plain-text reader: text extracted from web pages, PDFs, Word files, markdown or OCR.

Each line becomes a table row when it has cell separators (tabs, or ``|`` as in
``a | b |`` rows and markdown tables) and a paragraph otherwise. Lines holding only
separators (``|||``, ``|---|---|``) and PDF page marks (``- 3 -``) are layout, not
content, and are dropped. Nothing else is decided here: matching text to a template
is the recogniser's job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from disclosure_core.readers.document import Block, Document, Paragraph, Position, Table, TextCell
from disclosure_core.readers.sniff import MAX_INPUT_BYTES, check_size, decode, drop_invisible

_SEPARATOR_ONLY = re.compile(r"^[\s|:\-=+]*$")
#: A PDF page mark on a line of its own: ``- 3 -``, ``— 5 —``, ``第3页``, ``第3页 共9页``.
PAGE_MARK = re.compile(
    r"^[-—–─]{1,3}\s*\d{1,4}\s*[-—–─]{1,3}$|^第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?$"
)
#: A cell that starts like a figure (0, 12, -3, +3, 1646.5万元).
_FIGURE_START = re.compile(r"[-+]?\d")
#: A line that goes on with a row's cells: a figure, a blank marker, a bare '|'.
_CELL_FOLLOWS = re.compile(r"\s*(?:[-+]?\d|[-—–/／]|\|\s*$)")


def _one_cell_line(
    cells: tuple[TextCell, ...], content: str, at: Position, previous: str, following: str
) -> tuple[TextCell, ...]:
    """The cells of a line (``content``, at ``at``) of a text written one cell a line,
    each ending ' |' (see :class:`_Layout`): ``previous`` and ``following`` are the lines
    with text around it.

    * A figure followed by empty cells (``0 | |``, a row's last value and the pad of a
      column the page hides) is that figure alone: blank cells have lines of their own.
    * A bare ``|`` among a row's cells (after a line with its own pipe, before a figure,
      a blank marker or another bare ``|``) is a cell left empty, kept as written, a
      blank marker. Before a label it ends a row; after a line without its own closing
      pipe it is that pipe: no cell.
    """
    if cells == ():
        if (
            content.strip() == "|"
            and previous.rstrip().endswith("|")
            and _CELL_FOLLOWS.match(following)
        ):
            return (TextCell("|", at),)
        return cells
    if (
        len(cells) > 1
        and _FIGURE_START.match(cells[0].text)
        and not any(cell.text for cell in cells[1:])
    ):
        return cells[:1]
    return cells


def _next_text(lines: list[str], number: int) -> str:
    """The next line with text after line ``number`` (1-based), or ''."""
    for line in lines[number : number + _LOOKAHEAD]:
        if line.strip():
            return line
    return ""


#: Lines looked at for the next line with text (blank lines between cells are common).
_LOOKAHEAD = 4
_LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029]")  # and Unicode line and paragraph separators
#: Table rules other than ``|`` and ``-``: the full-width pipe an input method types, and
#: the box-drawing characters of tables drawn by OCR and PDF-to-text tools (│ 规章 │ 0 │,
#: ├──┼──┤). Each becomes one ASCII character, so columns stay where they were.
_VERTICAL_RULES = "｜│┃║╎╏┆┇┊┋"
_HORIZONTAL_RULES = "─━═┄┅┈┉╌╍┼╋╬╪╫├┤┌┐└┘┬┴╔╗╚╝╠╣╦╩╞╡╤╧┝┥┯┷┠┨┰┸╒╕╘╛╓╖╙╜╟╢╥╨"
_RULES = str.maketrans(
    {**dict.fromkeys(_VERTICAL_RULES, "|"), **dict.fromkeys(_HORIZONTAL_RULES, "-")}
)
_HAS_RULES = re.compile(f"[{_VERTICAL_RULES}{_HORIZONTAL_RULES}]")


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
    # Columns count the characters that remain (see INVISIBLE_CHARACTERS).
    text = drop_invisible(text)
    if _HAS_RULES.search(text):
        text = text.translate(_RULES)
    lines = _LINE_BREAK.split(text)
    layout = _Layout.of(lines)
    page_marks = _page_marks(lines)
    blocks: list[Block] = []
    rows: list[tuple[TextCell, ...]] = []
    table_start: Position | None = None
    previous = ""  # the last line with text

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
        if not layout.indented and content.startswith("\t") and "\t" in content.lstrip():
            pass  # a tab row whose first cell is empty: the leading tab separates a cell
        else:
            content = content.lstrip()
        indent = len(line) - len(content)
        if layout.copied and "\t" not in content.strip():
            content = content.strip()  # tabs only at the edges: no row (see _Layout)
        cells = _split_cells(content, number, indent + 1, markdown=layout.markdown)
        if layout.cell_lines and cells is not None and "|" in content:
            at = Position(line=number, column=indent + 1)
            # only a bare '|' looks at the line after it
            following = _next_text(lines, number) if not cells else ""
            cells = _one_cell_line(cells, content, at, previous, following)
        previous = content
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
    ``copied``: most tab lines have tabs only at their edges (``0\t``, ``\t0\t``, one
    cell a line): a text copied out of a page's table, with a tab after every cell (and
    one cell a line indented). Such lines make no rows. Otherwise their tabs are empty
    cells (``规章\t\t\t``: a row printed blank).
    ``cell_lines``: most pipe lines hold one cell (``0 |``, one cell a line): a blank
    cell has a line of its own there (``— |``, or a bare ``|``; see
    :func:`_one_cell_line`), and empty cells after a figure are no cells.
    """

    def __init__(
        self, indented: bool, markdown: bool, copied: bool = False, cell_lines: bool = False
    ) -> None:
        self.indented = indented
        self.markdown = markdown
        self.copied = copied
        self.cell_lines = cell_lines

    @classmethod
    def of(cls, lines: list[str]) -> _Layout:
        tab_lines = tab_leading = edges = pipe_lines = pipe_leading = one_cell = 0
        for line in lines:
            if not line.strip():
                continue
            if "\t" in line:
                tab_lines += 1
                edges += "\t" not in line.strip()
                tab_leading += line.startswith("\t")
            elif "|" in line:
                pipe_lines += 1
                pipe_leading += line.lstrip().startswith("|")
                one_cell += sum(1 for piece in line.split("|") if piece.strip()) == 1
        return cls(
            indented=tab_leading * 2 > tab_lines,
            markdown=pipe_leading * 2 > pipe_lines,
            copied=edges * 2 > tab_lines,
            cell_lines=one_cell * 2 > pipe_lines,
        )


def _page_marks(lines: list[str]) -> set[int]:
    """Line numbers of page marks (``- 3 -``, ``— 5 —``, ``第3页``).

    A line like ``- 3 -`` may also be a row of a table (blank, 3, blank): such lines are
    page marks only when they form a run of page numbers counting up by one, down the
    text, as footers do, or when the first of them reads page 1 and no run is found.
    Where a table row could stand in a run for a footer of the same number, the footers
    evenly spaced down the text win.
    """
    marks: set[int] = set()
    candidates: list[tuple[int, int]] = []  # (line number, page) of '- 3 -' lines
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not PAGE_MARK.match(text):
            continue
        digits = re.search(r"\d+", text)
        page = int(digits.group()) if digits else 0
        if not page:
            continue  # there is no page 0: '- 0 -' is a table row (blank, 0, blank)
        if text.startswith(("第", "—", "－", "─")) or "页" in text:
            marks.add(number)
        else:
            candidates.append((number, page))
    # A second numbering (a cover letter before the report) runs outside the first.
    spans: list[tuple[int, int]] = []
    for _ in range(_MAX_NUMBERINGS):
        free = [c for c in candidates if not any(low <= c[0] <= high for low, high in spans)]
        chain = _page_run(free)
        if len(chain) < 2:
            break
        marks.update(number for number, _ in chain)
        spans.append((chain[0][0], chain[-1][0]))
    if not spans and candidates and candidates[0][1] == 1:
        # No run at all, and the first such line reads page 1: the footer of a text cut
        # off after its first page (partial reports), or of a one-page text.
        marks.add(candidates[0][0])
    return marks


#: Most separate page numberings looked for in one text.
_MAX_NUMBERINGS = 4
#: How many earlier lines with the previous page number a footer is compared with.
_RUN_CHOICES = 8


def _page_run(candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``candidates`` whose pages count up by one, evenly spaced.

    Among runs of the same length, the first pass prefers the smallest sum of squared
    gaps (even spacing between fixed ends); the second the gaps closest to the median
    gap of the first, which also settles the ends of the run.
    """
    chain = _page_run_by(candidates, lambda gap: float(gap * gap))
    if len(chain) < 2:
        return chain
    gaps = sorted(b[0] - a[0] for a, b in pairwise(chain))
    typical = gaps[len(gaps) // 2]
    return _page_run_by(candidates, lambda gap: float(abs(gap - typical)))


def _page_run_by(
    candidates: list[tuple[int, int]], cost: Callable[[int], float]
) -> list[tuple[int, int]]:
    by_page: dict[int, list[int]] = {}
    best: list[tuple[int, float]] = []  # (length, -cost) of the best run ending here
    before: list[int] = []
    for index, (number, page) in enumerate(candidates):
        score, previous = (1, 0.0), -1
        for other in by_page.get(page - 1, [])[-_RUN_CHOICES:]:
            length, negative = best[other]
            option = (length + 1, negative - cost(number - candidates[other][0]))
            if option > score:
                score, previous = option, other
        best.append(score)
        before.append(previous)
        by_page.setdefault(page, []).append(index)
    if not best:
        return []
    index = max(range(len(best)), key=lambda i: best[i])
    chain = []
    while index >= 0:
        chain.append(candidates[index])
        index = before[index]
    return chain[::-1]


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
    # A cell's column is where its text starts: after the spaces around `| 0 |`.
    return tuple(
        TextCell(
            piece.strip(),
            Position(line=line, column=column + start + len(piece) - len(piece.lstrip())),
        )
        for piece, start in zip(pieces, offsets, strict=True)
    )


def _is_separator_line(content: str) -> bool:
    """``|||``, ``|---|:---:|``: layout only. ``— |`` or ``- |`` is a blank cell."""
    if not _SEPARATOR_ONLY.match(content):
        return False
    if not content.replace("|", "").strip():
        return True
    return "--" in content or "==" in content or ":-" in content
