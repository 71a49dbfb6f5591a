"""A document as one linear text, with positions, and its tokens between labels.

Recognition works on one string: paragraphs and table rows one per line, table cells
separated by tabs. Every offset maps back to a source position. Between two label
hits the text is cut into *chunks*: numbers (possibly several glued together), blank
markers and junk, which ``tables.py`` groups into value rows.
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from typing import NamedTuple

from disclosure_core.readers.document import Document, Paragraph, Position

#: Written in a cell to mean "nothing": blank, not zero (data dictionary, cell values).
BLANK_MARKERS = frozenset(
    {"", "-", "--", "---", "—", "——", "–", "−", "－", "/", "／", "\\", "无", "空", "—/—", "-/-"}
)

_INNER_WHITESPACE = re.compile(r"[\t\n\r]+")
# A number, possibly several glued together (0000000, 2648-18538), with a unit.
_TOKEN = re.compile(r"\n|\t|[^\s]+")
_NUMBER_RUN = re.compile(r"[+\-−－]?\d(?:[\d.,\-−－]*\d)?(?:万元|元|%|％)?")


class Segment(NamedTuple):
    """A stretch of the linear text that came from one paragraph or one cell."""

    start: int
    end: int
    position: Position


class ChunkKind(str, enum.Enum):
    """What a piece of text between labels is."""

    NUMBER = "number"  # one number, or a run of glued numbers
    BLANK = "blank"  # an empty cell or a blank marker (-, —, /, 无)
    JUNK = "junk"  # anything else: header text, stray characters, prose


class Chunk(NamedTuple):
    """A piece of text between labels, with its offset and line in the linear text.

    ``hard_start`` is true when the chunk begins a new cell (after a tab, or at the
    start of a line) rather than after a space inside a cell.
    """

    kind: ChunkKind
    text: str
    start: int
    line: int
    hard_start: bool


class Stream:
    """The linear text of a document and the map back to source positions."""

    def __init__(self, document: Document) -> None:
        pieces: list[str] = []
        segments: list[Segment] = []
        offset = 0
        for block in document.blocks:
            if isinstance(block, Paragraph):
                rows = [[(block.text, block.position)]]
            else:
                rows = [[(cell.text, cell.position) for cell in row] for row in block.rows]
            for row in rows:
                for index, (text, position) in enumerate(row):
                    if index:
                        pieces.append("\t")
                        offset += 1
                    clean = (
                        _INNER_WHITESPACE.sub(" ", text)
                        if "\t" in text or "\n" in text or "\r" in text
                        else text
                    )
                    segments.append(Segment(offset, offset + len(clean), position))
                    pieces.append(clean)
                    offset += len(clean)
                pieces.append("\n")
                offset += 1
        self.text = "".join(pieces)
        self.segments = segments
        self._segment_starts = [segment.start for segment in segments]
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", self.text)]

    def line_index(self, offset: int) -> int:
        """0-based line of the linear text containing ``offset``."""
        return bisect_right(self._line_starts, offset) - 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets ``[start, end)`` of a line of the linear text, newline excluded."""
        start = self._line_starts[line]
        end = (
            self._line_starts[line + 1] - 1 if line + 1 < len(self._line_starts) else len(self.text)
        )
        return start, end

    def position(self, offset: int) -> Position:
        """The source position of a linear-text offset."""
        index = bisect_right(self._segment_starts, offset) - 1
        if index < 0:
            return Position()
        segment = self.segments[index]
        base = segment.position
        if base.column is None or offset >= segment.end:
            return base
        return Position(line=base.line, column=base.column + offset - segment.start, page=base.page)

    def chunks(self, start: int, end: int) -> list[Chunk]:
        """Chunks of ``text[start:end]``, the text between two labels.

        Cells are separated by tabs, lines by newlines, words by other white space. An
        empty cell between two tabs is a blank cell, but the edges of the text between
        two labels (the rest of the previous label's cell, the start of the next
        label's cell) and empty lines are not cells, so they yield no blank.
        """
        out: list[Chunk] = []
        line_no = self.line_index(start)
        first_field = True
        field_empty = True
        field_start = start
        line_has_tab = False
        word_in_field = 0
        for match in _TOKEN.finditer(self.text, start, end):
            token = match.group()
            if token == "\t":
                if field_empty and not first_field:
                    out.append(Chunk(ChunkKind.BLANK, "", field_start, line_no, True))
                line_has_tab = True
                first_field, field_empty, word_in_field = False, True, 0
                field_start = match.end()
            elif token == "\n":
                if field_empty and line_has_tab and not first_field:
                    out.append(Chunk(ChunkKind.BLANK, "", field_start, line_no, True))
                line_no += 1
                line_has_tab = False
                first_field, field_empty, word_in_field = False, True, 0
                field_start = match.end()
            else:
                offset = match.start()
                # Text glued to the label before it continues the label's cell.
                attached = first_field and word_in_field == 0 and offset == start
                hard = word_in_field == 0 and not attached
                field_empty = False
                word_in_field += 1
                if token.isdigit():
                    out.append(Chunk(ChunkKind.NUMBER, token, offset, line_no, hard))
                else:
                    _word_chunks(out, token, offset, line_no, hard)
        return out


def _word_chunks(out: list[Chunk], word: str, offset: int, line: int, hard: bool) -> None:
    if word in BLANK_MARKERS:
        out.append(Chunk(ChunkKind.BLANK, word, offset, line, hard))
        return
    cursor = 0
    for match in _NUMBER_RUN.finditer(word):
        if match.start() > cursor:
            _glued_pieces(out, word, cursor, match.start(), offset, line, hard, bool(cursor))
            hard = False
        out.append(Chunk(ChunkKind.NUMBER, match.group(), offset + match.start(), line, hard))
        hard = False
        cursor = match.end()
    if cursor < len(word):
        _glued_pieces(out, word, cursor, len(word), offset, line, hard, bool(cursor), False)


#: Dashes that mark a blank cell; a minus sign (-, −, －) is part of the number run.
_GLUED_DASHES = "—–"


def _glued_pieces(
    out: list[Chunk],
    word: str,
    start: int,
    end: int,
    offset: int,
    line: int,
    hard: bool,
    after_number: bool,
    before_number: bool = True,
) -> None:
    """The text of ``word[start:end]`` between digit runs: junk, or glued blanks.

    A dash glued to a digit run (440157—576172, 总计—12) is a blank cell next to a
    figure. A run of dashes (``——``) may be one blank written as a long dash or several
    blank cells glued together: :func:`~disclosure_core.recognize.split.split_row`
    tries both.
    """
    piece = word[start:end]
    core = piece.rstrip(_GLUED_DASHES) if before_number else piece
    lead = len(core) - len(core.lstrip(_GLUED_DASHES)) if after_number else 0
    if lead:
        out.append(Chunk(ChunkKind.BLANK, piece[:lead], offset + start, line, hard))
        hard = False
    if len(core) > lead:
        out.append(Chunk(ChunkKind.JUNK, core[lead:], offset + start + lead, line, hard))
        hard = False
    if len(core) < len(piece):
        out.append(
            Chunk(ChunkKind.BLANK, piece[len(core) :], offset + start + len(core), line, hard)
        )
