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

from attrs import frozen

from disclosure_core.readers.document import Document, Paragraph, Position

#: Written in a cell to mean "nothing": blank, not zero (data dictionary, cell values).
BLANK_MARKERS = frozenset(
    {"", "-", "--", "---", "—", "——", "–", "−", "－", "/", "／", "\\", "无", "空", "—/—", "-/-"}
)

_INNER_WHITESPACE = re.compile(r"[\t\n\r]+")
# A number, possibly several glued together (0000000, 2648-18538), with a unit.
_NUMBER_RUN = re.compile(r"[+\-−－]?\d(?:[\d.,\-−－]*\d)?(?:万元|元|%|％)?")


@frozen
class Segment:
    """A stretch of the linear text that came from one paragraph or one cell."""

    start: int
    end: int
    position: Position


class ChunkKind(str, enum.Enum):
    """What a piece of text between labels is."""

    NUMBER = "number"  # one number, or a run of glued numbers
    BLANK = "blank"  # an empty cell or a blank marker (-, —, /, 无)
    JUNK = "junk"  # anything else: header text, stray characters, prose


@frozen
class Chunk:
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
                    clean = _INNER_WHITESPACE.sub(" ", text)
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

        The first field is the rest of the cell the previous label ended in, the last
        field the start of the cell the next label begins in: when empty they are not
        cells of their own, so they yield no blank.
        """
        out: list[Chunk] = []
        text = self.text
        line_start = start
        line_no = self.line_index(start)
        lines = text[start:end].split("\n")
        for line_index, line in enumerate(lines):
            fields = line.split("\t")
            field_offset = line_start
            for field_index, field_text in enumerate(fields):
                first = line_index == 0 and field_index == 0
                last = line_index == len(lines) - 1 and field_index == len(fields) - 1
                # Text glued to the label before it continues the label's cell.
                attached = first and field_text[:1] not in ("", " ", "\u00a0", "\u3000")
                self._field_chunks(
                    out,
                    field_text,
                    field_offset,
                    line_no,
                    first,
                    last,
                    multi_field=len(fields) > 1,
                    attached=attached,
                )
                field_offset += len(field_text) + 1
            line_start += len(line) + 1
            line_no += 1
        return out

    def _field_chunks(
        self,
        out: list[Chunk],
        field: str,
        offset: int,
        line: int,
        first: bool,
        last: bool,
        *,
        multi_field: bool,
        attached: bool,
    ) -> None:
        stripped = field.strip()
        if not stripped:
            # An empty cell between separators is a blank cell; the edges of the text
            # between two labels, and empty lines, are not cells.
            if multi_field and not first and not last:
                out.append(Chunk(ChunkKind.BLANK, "", offset, line, True))
            return
        hard = not attached
        position = 0
        for word in field.split():
            index = field.find(word, position)
            position = index + len(word)
            self._word_chunks(out, word, offset + index, line, hard)
            hard = False

    @staticmethod
    def _word_chunks(out: list[Chunk], word: str, offset: int, line: int, hard: bool) -> None:
        if word in BLANK_MARKERS:
            out.append(Chunk(ChunkKind.BLANK, word, offset, line, hard))
            return
        cursor = 0
        for match in _NUMBER_RUN.finditer(word):
            if match.start() > cursor:
                out.append(
                    Chunk(ChunkKind.JUNK, word[cursor : match.start()], offset + cursor, line, hard)
                )
                hard = False
            out.append(Chunk(ChunkKind.NUMBER, match.group(), offset + match.start(), line, hard))
            hard = False
            cursor = match.end()
        if cursor < len(word):
            out.append(Chunk(ChunkKind.JUNK, word[cursor:], offset + cursor, line, hard))
