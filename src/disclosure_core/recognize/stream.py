"""A document as one linear text, with positions, and its tokens between labels.

Recognition works on one string: paragraphs and table rows one per line, table cells
separated by tabs. Every offset maps back to a source position. Between two label
hits the text is cut into *chunks*: numbers (possibly several glued together), blank
markers and junk, which the ``tables`` package groups into value rows.
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import NamedTuple

from disclosure_core.readers.document import Document, Paragraph, Position, TextCell
from disclosure_core.readers.sniff import drop_invisible, has_invisible

#: Written in a cell to mean "nothing": blank, not zero (data dictionary, cell values).
#: 未增未减 (neither up nor down) is how some reports fill 本年增/减: words, not a figure.
#: A bare ``|`` is a cell the text reader keeps for a line left empty (one cell a line).
BLANK_MARKERS = frozenset(
    {"", "-", "--", "---", "—", "——", "–", "−", "－", "/", "／", "\\", "无", "空", "—/—", "-/-"}
    | {"未增未减", "无增减", "无增无减", "|"}
)

_INNER_WHITESPACE = re.compile(r"[\t\n\r]+")
_FULL_WIDTH_DIGITS = "０１２３４５６７８９"
#: The measure words a count may carry in its cell: 5件, 3项, 2个, 31批次 (procurement
#: counts batches), 4次, 1宗. 批次 before 批, so that the longer is taken.
COUNT_UNITS = ("件", "项", "个", "条", "批次", "批", "次", "宗")
#: Units written after a figure: amounts in 万元 or 元, shares in %, and the measure
#: words of counts. 万元 before 元, so that the longer is taken.
UNITS = ("万元", "元", "%", "％", *COUNT_UNITS)
#: The measure words other than 件 also begin words (项目, 个人, 条例, 批准, 次年, 宗教):
#: followed by an ideograph, one is that word's, not a unit (9项目: 9, then 项目).
_WORD_UNITS = "|".join(unit for unit in COUNT_UNITS if unit != "件")
_UNIT_AFTER_NUMBER = "万元|元|%|％|件|(?:" + _WORD_UNITS + ")(?![\u3400-\u9fff])"
#: Words a change (本年增/减) is written with in place of its sign: 增10, 增加5, 减少2.
#: Longer words first, so that the longer is taken.
SIGN_WORDS = (("增加", "+"), ("新增", "+"), ("减少", "-"), ("增", "+"), ("减", "-"))
_NUMBER_PATTERN = r"[+\-−－]?\d(?:[\d.,\-−－]*\d)?(?:" + _UNIT_AFTER_NUMBER + ")?"
# A number, possibly several glued together (0000000, 2648-18538), with a sign and a
# unit; in a word with 增 or 减, the sign may be one of SIGN_WORDS (the pattern that
# looks for them at every place is kept for those words: it costs a few per cent).
_NUMBER_RUN = re.compile(_NUMBER_PATTERN)
_SIGNED_NUMBER_RUN = re.compile(
    "(?:" + "|".join(word for word, _sign in SIGN_WORDS) + ")?" + _NUMBER_PATTERN
)
#: A change (本年增/减) written as its increase and its decrease, each with its sign:
#: ``+(3) -(1)``, ``+3-1``. One figure, their difference (see ``split.parse_number``).
CHANGE_PAIR = re.compile(r"[+＋]\s*[(（]?\s*(\d+)\s*[)）]?\s*[-－−]\s*[(（]?\s*(\d+)\s*[)）]?")


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


def _linear(
    document: Document, *, clean: bool
) -> tuple[str, list[int], list[int], list[Position], list[int]]:
    """The linear text of ``document`` (without invisible characters when ``clean``), the
    start and end offsets of its segments, their positions, and where its lines start."""
    pieces: list[str] = []
    append = pieces.append
    # Segments are kept as three parallel lists: a page has hundreds of cells, and a
    # Segment tuple each would cost more than the rest of the work.
    starts: list[int] = []
    ends: list[int] = []
    positions: list[Position] = []
    line_starts = [0]
    offset = 0
    for block in document.blocks:
        if isinstance(block, Paragraph):
            rows: Iterable[Iterable[TextCell | Paragraph]] = ((block,),)
        else:
            rows = block.rows
        for row in rows:
            first = True
            for cell in row:
                if first:
                    first = False
                else:
                    append("\t")
                    offset += 1
                text = cell.text
                if clean:
                    text = drop_invisible(text)
                if "\t" in text or "\n" in text or "\r" in text:
                    text = _INNER_WHITESPACE.sub(" ", text)
                starts.append(offset)
                offset += len(text)
                ends.append(offset)
                positions.append(cell.position)
                append(text)
            append("\n")
            offset += 1
            line_starts.append(offset)
    return "".join(pieces), starts, ends, positions, line_starts


class Stream:
    """The linear text of a document and the map back to source positions."""

    def __init__(self, document: Document) -> None:
        text, starts, ends, positions, line_starts = _linear(document, clean=False)
        if has_invisible(text):  # rare: read again without them (INVISIBLE_CHARACTERS)
            text, starts, ends, positions, line_starts = _linear(document, clean=True)
        # Full-width digits (Word and Chinese input methods write figures so) are read
        # as ASCII ones: one character each, so offsets and columns stay as they are.
        # The membership tests cost microseconds; str.translate would cost a millisecond.
        if any(digit in text for digit in _FULL_WIDTH_DIGITS):
            for value, digit in enumerate(_FULL_WIDTH_DIGITS):
                text = text.replace(digit, str(value))
        self.text = text
        self._segment_starts = starts
        self._segment_ends = ends
        self._positions = positions
        self._line_starts = line_starts

    @property
    def segments(self) -> list[Segment]:
        """The stretches of the text that came from one paragraph or one cell."""
        return [
            Segment(start, end, position)
            for start, end, position in zip(
                self._segment_starts, self._segment_ends, self._positions, strict=True
            )
        ]

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
        base = self._positions[index]
        if base.column is None or offset >= self._segment_ends[index]:
            return base  # a page's cells have lines only: the usual case
        return Position(
            line=base.line,
            column=base.column + offset - self._segment_starts[index],
            page=base.page,
        )

    def cell_positions(self, offset: int, count: int) -> list[Position]:
        """The positions of ``count`` cells written one after another from ``offset``,
        the start of a cell: what :meth:`position` gives for the start of each.

        A cell's own position is what :meth:`position` gives for its first
        character (with its column plus nothing), so one lookup serves a whole row.
        """
        index = bisect_right(self._segment_starts, offset) - 1
        return self._positions[index : index + count]

    def chunks(self, start: int, end: int) -> list[Chunk]:
        """Chunks of ``text[start:end]``, the text between two labels.

        Cells are separated by tabs, lines by newlines, words by other white space. An
        empty cell between two tabs is a blank cell, but the edges of the text between
        two labels (the rest of the previous label's cell, the start of the next
        label's cell) and empty lines are not cells, so they yield no blank.
        """
        new = _tuple_new
        number_kind = _NUMBER
        blank_kind = _BLANK
        line_no = self.line_index(start)
        text = self.text[start:end]
        out: list[Chunk] = []
        append = out.append
        first_field = True
        line_has_tab = False
        position = start
        field_start = start
        field_empty = True
        # Split with str methods rather than one regex match a token: cells are short,
        # and most hold a single word. A tab or a newline is handled when the field
        # after it starts, as the previous field's end.
        newline = False
        for line in text.split("\n"):
            if newline:
                if field_empty and line_has_tab and not first_field:
                    append(new(Chunk, (blank_kind, "", field_start, line_no, True)))
                line_no += 1
                line_has_tab = False
                first_field = False
                position += 1
            newline = True
            tab = False
            for field in line.split("\t"):
                if tab:
                    if field_empty and not first_field:
                        append(new(Chunk, (blank_kind, "", field_start, line_no, True)))
                    line_has_tab = True
                    first_field = False
                    position += 1
                tab = True
                field_start = position
                if not field:
                    field_empty = True
                    continue
                if field.isdecimal():  # the usual cell: one number, nothing else
                    field_empty = False
                    # Text glued to the label before it continues the label's cell.
                    hard = not (first_field and position == start)
                    append(new(Chunk, (number_kind, field, position, line_no, hard)))
                    position += len(field)
                    continue
                if "+" in field or "＋" in field:
                    pair = _CHANGE_PAIR_CELL.fullmatch(field)
                    if pair is not None:  # one figure, though written as two words
                        field_empty = False
                        offset = position + pair.start(1)
                        hard = not (first_field and offset == start)
                        append(new(Chunk, (number_kind, pair.group(1), offset, line_no, hard)))
                        position += len(field)
                        continue
                words = field.split()
                field_empty = not words
                if words:
                    if len(words) == 1 and len(words[0]) == len(field):
                        spans: Iterable[tuple[str, int]] = ((field, position),)
                    else:
                        spans = [
                            (match.group(), position + match.start())
                            for match in _WORD.finditer(field)
                        ]
                    hard = True
                    for word, offset in spans:
                        if hard and first_field and offset == start:
                            hard = False
                        if word.isdecimal():
                            append(new(Chunk, (number_kind, word, offset, line_no, hard)))
                        else:
                            _word_chunks(out, word, offset, line_no, hard)
                        hard = False
                position += len(field)
        return out


_tuple_new = tuple.__new__
# Enum members as module constants: looking a member up on its class is slow in
# Python 3.11, and chunks are many.
_BLANK, _JUNK, _NUMBER = ChunkKind.BLANK, ChunkKind.JUNK, ChunkKind.NUMBER
_WORD = re.compile(r"\S+")
_CHANGE_PAIR_CELL = re.compile(r"\s*(" + CHANGE_PAIR.pattern + r")\s*")


def _word_chunks(out: list[Chunk], word: str, offset: int, line: int, hard: bool) -> None:
    if word in BLANK_MARKERS:
        out.append(Chunk(_BLANK, word, offset, line, hard))
        return
    cursor = 0
    pattern = _SIGNED_NUMBER_RUN if "增" in word or "减" in word else _NUMBER_RUN
    for match in pattern.finditer(word):
        if match.start() > cursor:
            _glued_pieces(out, word, cursor, match.start(), offset, line, hard, bool(cursor))
            hard = False
        out.append(Chunk(_NUMBER, match.group(), offset + match.start(), line, hard))
        hard = False
        cursor = match.end()
    if cursor < len(word):
        _glued_pieces(out, word, cursor, len(word), offset, line, hard, bool(cursor), False)


#: Dashes that mark a blank cell when glued to digits; a minus sign (-, −, －) is part
#: of the number run.
GLUED_DASHES = "—–"


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
    core = piece.rstrip(GLUED_DASHES) if before_number else piece
    lead = len(core) - len(core.lstrip(GLUED_DASHES)) if after_number else 0
    if lead:
        out.append(Chunk(_BLANK, piece[:lead], offset + start, line, hard))
        hard = False
    if len(core) > lead:
        out.append(Chunk(_JUNK, core[lead:], offset + start + lead, line, hard))
        hard = False
    if len(core) < len(piece):
        out.append(Chunk(_BLANK, piece[len(core) :], offset + start + len(core), line, hard))
