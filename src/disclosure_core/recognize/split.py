"""Turn the chunks of one table row into its cell values.

When every cell is written apart (tabs, pipes, spaces, HTML cells) this is plain
parsing. When digits are glued together (``77132470`` for three cells, crawled pages
that lost their table markup), every way of cutting the run into the row's cells is
enumerated, and the row's arithmetic (总计 = the sum of its parts) picks the readings
that can be right. What stays ambiguous is reported as such, never decided silently.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from itertools import combinations, product
from typing import NamedTuple, Union

from attrs import frozen

from disclosure_core.recognize.stream import (
    CHANGE_PAIR,
    COUNT_UNITS,
    GLUED_DASHES,
    SIGN_WORDS,
    UNITS,
    Chunk,
    ChunkKind,
)
from disclosure_core.templates.spec import ColumnKind

#: Most digits a count may have; a 行政许可 count of a big county has six or seven.
MAX_COUNT_DIGITS = 9
#: How many readings are kept, and how many search steps one row may take.
MAX_READINGS = 64
SEARCH_BUDGET = 200_000
#: Longest written value a glued run is cut into: an amount's 12 digits with separators,
#: a sign and decimals. Longer cuts cannot parse, and trying them made a long run cost
#: time quadratic in its length (a 5,000-digit run took over a minute).
MAX_WRITTEN = 24

_UNIT = re.compile("(" + "|".join(UNITS) + ")$")
#: The measure words of a count (5件, 31批次), written in any column: the number, with
#: a unit.
_COUNT_UNITS = frozenset(COUNT_UNITS)
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_MINUS = str.maketrans({"−": "-", "－": "-"})
_SIGN_WORD_STARTS = frozenset(word[0] for word, _sign in SIGN_WORDS)


# Enum members as module constants: looking a member up on its class is slow in
# Python 3.11, and they are compared for every cell.
_BLANK, _JUNK, _NUMBER = ChunkKind.BLANK, ChunkKind.JUNK, ChunkKind.NUMBER


class Value(NamedTuple):
    """One cell value read from the text: the number (``None`` when blank), its text
    as written, its offset in the linear text and the unit written with it."""

    number: int | Decimal | None
    text: str
    offset: int
    unit: str | None = None


@frozen
class RowIdentity:
    """Within the slots of a row: ``slots[total] == sum(slots[parts])``."""

    total: int
    parts: tuple[int, ...]


class Reading(NamedTuple):
    """One way to read a row: its values and how plausible that is.

    Readings and split results are tuples, not attrs classes: every row of every
    report makes one of each.
    """

    values: tuple[Value, ...]
    balanced: bool  # every identity holds (or could not be checked for blanks)
    plausible: bool  # stock columns are not smaller than flows
    adds_up: bool = True  # every identity holds with blank cells counted as zero


class SplitResult(NamedTuple):
    """The readings of a row, best first; ``certain`` when the text allows only one."""

    readings: tuple[Reading, ...]
    certain: bool
    exact: bool  # every cell was written apart: nothing had to be cut
    #: The row was printed without its blank cells: its values were placed among them.
    gaps: bool = False

    @property
    def best(self) -> Reading | None:
        """The most plausible reading, or ``None`` when the chunks fit no reading."""
        return self.readings[0] if self.readings else None


def parse_number(text: str, kind: ColumnKind) -> tuple[int | Decimal, str | None] | None:
    """Parse one written number for a column, returning ``(number, unit)``, or ``None``.

    Leading zeros (``05``) are not numbers: they are two glued cells.
    """
    raw = text.translate(_MINUS)
    if raw[:1] in "+＋" and len(raw) > 3:
        pair = CHANGE_PAIR.fullmatch(raw)
        if pair is not None:
            return _change_pair(pair.group(1), pair.group(2), kind)
    if raw[:1] in _SIGN_WORD_STARTS:  # a change written with a word: 增10 is +10
        for word, sign in SIGN_WORDS:
            if raw.startswith(word):
                raw = sign + raw[len(word) :]
                break
    if not raw.isascii():  # digits of another script (Stream made full-width ones ASCII)
        raw = _ascii_digits(raw)  # so that a leading zero is seen: ٠٥ is two cells
    unit = None
    match = _UNIT.search(raw)
    if match:
        unit = match.group(1).replace("％", "%")
        raw = raw[: match.start()]
    if _THOUSANDS.match(raw):
        raw = raw.replace(",", "")
    sign = ""
    if raw[:1] in "+-" and raw:
        if kind is not ColumnKind.SIGNED:
            return None
        sign, raw = raw[:1], raw[1:]
    if not raw or not raw[0].isdecimal() or not raw[-1].isdecimal():
        return None
    whole, dot, fraction = raw.partition(".")
    if not whole.isdecimal() or (dot and not fraction.isdecimal()):
        return None
    if len(whole) > 1 and whole[0] == "0":
        return None
    if dot:
        if kind is ColumnKind.AMOUNT:
            return Decimal(sign + raw), unit
        if fraction.strip("0"):
            return None  # a count has no fraction
        # 5.00: a count from a spreadsheet formatted with decimals; still the count 5
    if len(whole) > MAX_COUNT_DIGITS + (3 if kind is ColumnKind.AMOUNT else 0):
        return None
    number = int(whole)
    if unit is not None and unit not in _COUNT_UNITS and kind is not ColumnKind.AMOUNT:
        return None  # 万元 or % on a count (5件 on an amount is 5, with its unit noted)
    return (-number if sign == "-" else number), unit


def _change_pair(
    increase: str, decrease: str, kind: ColumnKind
) -> tuple[int | Decimal, str | None] | None:
    """A change written as its increase and its decrease (``+(3) -(1)``): the
    difference, in a column of changes only."""
    if kind is not ColumnKind.SIGNED:
        return None
    for digits in (increase, decrease):
        if (len(digits) > 1 and digits[0] == "0") or len(digits) > MAX_COUNT_DIGITS:
            return None
    return int(_ascii_digits(increase)) - int(_ascii_digits(decrease)), None


def is_change_pair(text: str) -> bool:
    """Whether ``text`` is a change written as its increase and its decrease."""
    return text[:1] in "+＋" and CHANGE_PAIR.fullmatch(text.translate(_MINUS)) is not None


def _ascii_digits(text: str) -> str:
    """Decimal digits of any script (what ``str.isdecimal`` and ``int`` accept) as ASCII."""
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


def split_row(
    chunks: Sequence[Chunk],
    slots: Sequence[ColumnKind],
    identities: Sequence[RowIdentity] = (),
    stock: Sequence[RowIdentity] = (),
    *,
    gaps: bool = False,
    glued_gaps: bool = False,
) -> SplitResult:
    """All readings of ``chunks`` as the values of ``slots``, best first.

    ``gaps``: fewer values than slots may be a row (or rows of one line, as the appeals
    table prints them) printed without blank cells (space-separated PDF text, a cell a
    line): each value is tried as one cell among blanks first (see :func:`_gapped`),
    and taken so when the rows' arithmetic shows where each total is; only then are
    digits cut. ``glued_gaps`` (with ``gaps``): so may one glued run, cut and placed
    among blanks at once when no cut into every cell adds up (see
    :func:`_glued_gapped`); the caller says when the run stands where a row's values
    do, since a stray figure of a sentence can add up too (2024: 2 + 0 + 2 = 4).
    """
    usable = chunks
    if len(usable) > len(slots) and usable[-1].kind is _BLANK:
        usable = list(chunks)
        while len(usable) > len(slots) and usable and usable[-1].kind is _BLANK:
            usable.pop()  # trailing empty cells of a row that is wider than the template
    if len(usable) > len(slots):  # the empty cells a merged label left before the values
        usable = usable[leading_padding([c.text for c in usable], len(usable), len(slots)) :]
    usable, spaced = _zeros_apart(usable, len(slots))
    exact = _exact(usable, slots)
    if exact is not None:
        return _tuple_new(SplitResult, ((_reading(exact, identities, stock),), True, True, False))
    if gaps:
        # Numbers written apart whose last is the sum of the others: blank cells left
        # out, not digits glued (a cut of them that happens to add up proves less).
        placements = _gapped(usable, slots, identities)
        if spaced:  # the blank cells the spaces mark go first (a crawl's empty cell)
            placements.sort(key=lambda values: _blanks(values) != spaced)
        placed = _among_blanks(placements, stock)
        if placed is not None:
            return placed
    readings = _search(usable, slots, identities)
    balanced = any(_balanced(r, identities) for r in readings)
    if not balanced:
        merged = _merge_soft(usable)
        if len(merged) != len(usable):
            relaxed = _search(merged, slots, identities)
            if any(_balanced(r, identities) for r in relaxed):
                readings, balanced = relaxed, True
    if glued_gaps and gaps and identities and not balanced:
        # Glued digits of a row printed without its blank cells (a crawled page whose
        # empty cells left nothing): cut and placed among blanks at once.
        placed = _among_blanks(_glued_gapped(usable, slots, identities), stock)
        if placed is not None:
            return placed
    forced = False
    if not readings:
        readings = _digit_a_cell(usable, slots)
        # certain only when no placement among blank cells could read the run either
        forced = bool(readings) and not (gaps and glued_gaps)
    scored = [_reading(values, identities, stock) for values in readings]
    if not scored:
        return SplitResult((), certain=False, exact=False)
    scored.sort(key=_rank)
    top = [r for r in scored if r.balanced] or scored
    top = [r for r in top if r.plausible] or top
    certain = len(top) == 1 and (bool(identities) or len(scored) == 1) and not forced
    return SplitResult(tuple(scored), certain=certain, exact=False)


def split_cells(
    cells: Sequence[str],
    first: int,
    slots: Sequence[ColumnKind],
    identities: Sequence[RowIdentity] = (),
    stock: Sequence[RowIdentity] = (),
) -> SplitResult | None:
    """:func:`split_row` of the chunks of a row's cells written apart, when each cell
    is a value of its slot; else ``None`` (split the chunks then).

    ``cells`` are numbers and blank markers, the first at offset ``first``, each
    after a tab: their chunks are one a cell, a number when it is all digits. Reading
    them here saves making the chunks.
    """
    width = len(slots)
    fitted = fit_cells(cells, first, width)
    if fitted is None:
        return None
    cells, first = fitted
    values: list[Value] = []
    append = values.append
    parse = parse_value
    new = _tuple_new
    position = first
    complete = True
    for text, kind in zip(cells, slots, strict=False):  # the first ``width`` cells
        if text.isdecimal():
            parsed = parse(text, kind)
            if parsed is None:
                return None
            append(new(Value, (parsed[0], text, position, parsed[1])))
        else:
            complete = False
            append(new(Value, (None, text, position, None)))
        position += len(text) + 1
    reading = _reading(tuple(values), identities, stock, complete)
    return new(SplitResult, ((reading,), True, True, False))


def fit_cells(cells: Sequence[str], first: int, width: int) -> tuple[Sequence[str], int] | None:
    """The cells of a row (each after a tab, the first at offset ``first``) that are its
    ``width`` values, and the offset of the first; ``None`` when they are not ``width``.

    The empty cells trailing a row that is wider than the template are dropped, and so
    are those a merged label leaves before the values (:func:`leading_padding`). The
    cells returned may run on past ``width``: read the first ``width``.
    """
    count = len(cells)
    while count > width and not cells[count - 1].isdecimal():
        count -= 1  # trailing empty cells of a row that is wider than the template
    skip = leading_padding(cells, count, width)
    if skip:
        return cells[skip:count], first + skip  # each empty cell and its tab
    return (cells, first) if count == width else None


def leading_padding(cells: Sequence[str], count: int, width: int) -> int:
    """How many of a row's first ``count`` cells are padding: when there are more than
    ``width`` and the excess at the start is empty cells, those (else 0).

    A label merged over several columns (a colspan, or a group label beside it) leaves
    empty cells between the label and the values when a converter draws every column
    (``| 一、本年新收… | | | 23 | 0 |``): they are not the row's values.
    """
    excess = count - width
    if excess <= 0 or any(cells[index] for index in range(excess)):
        return 0
    return excess


def _exact(chunks: Sequence[Chunk], slots: Sequence[ColumnKind]) -> tuple[Value, ...] | None:
    if len(chunks) != len(slots):
        return None
    values: list[Value] = []
    append = values.append
    blank = _BLANK
    parse = parse_value
    # tuple.__new__ directly: Value() is a Python-level __new__, and rows are many.
    new = _tuple_new
    for (chunk_kind, text, start, _, _), kind in zip(chunks, slots, strict=True):
        if chunk_kind is blank:
            append(new(Value, (None, text, start, None)))
            continue
        parsed = parse(text, kind)
        if parsed is None:
            return None
        append(new(Value, (parsed[0], text, start, parsed[1])))
    return tuple(values)


_tuple_new = tuple.__new__


def _merge_soft(chunks: Sequence[Chunk]) -> list[Chunk]:
    """Join number chunks separated only by spaces (a stray space inside a run)."""
    if all(chunk.hard_start for chunk in chunks):
        return list(chunks)  # only a chunk that starts softly joins the one before
    merged: list[Chunk] = []
    for chunk in chunks:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and chunk.kind is _NUMBER
            and previous.kind is _NUMBER
            and not chunk.hard_start
            and not _UNIT.search(previous.text)
        ):
            merged[-1] = Chunk(
                _NUMBER,
                previous.text + chunk.text,
                previous.start,
                previous.line,
                previous.hard_start,
            )
        else:
            merged.append(chunk)
    return merged


def _search(
    chunks: Sequence[Chunk], slots: Sequence[ColumnKind], identities: Sequence[RowIdentity]
) -> list[tuple[Value, ...]]:
    """Enumerate the readings of glued chunks (a bounded depth-first search).

    Two cuts keep it fast on long runs: a total whose parts are all read is the only
    candidate for its slot; and when the last part of a total and the total itself are
    the rest of the run, the total is one of the run's few suffixes and fixes the part,
    so the part is derived instead of searched.
    """
    if len(chunks) > len(slots) or any(chunk.kind is _JUNK for chunk in chunks):
        return []  # a chunk fills a slot at least: the search would find nothing
    totals = {identity.total: identity.parts for identity in identities}
    # slot -> total slot, when ``slot`` is the last part and its total comes right after
    closing = {
        max(identity.parts): identity.total
        for identity in identities
        if identity.parts and identity.total == max(identity.parts) + 1
    }
    # A unit (1646.5万元) belongs to the last number of its chunk.
    cores: list[tuple[str, str | None]] = []
    for chunk in chunks:
        text = chunk.text.translate(_MINUS)
        match = _UNIT.search(text)
        cores.append((text[: match.start()], match.group(1)) if match else (text, None))
    # digits_from[i][p]: digits in cores[i][0][p:]; capacity[i]: most slots chunks[i:] fill
    digits_from = []
    for text, _ in cores:
        counts = [0] * (len(text) + 1)
        for position in range(len(text) - 1, -1, -1):
            counts[position] = counts[position + 1] + text[position].isdecimal()
        digits_from.append(counts)
    capacity = [0] * (len(chunks) + 1)
    blank_spans = [_blank_span(chunk) for chunk in chunks]
    for index in range(len(chunks) - 1, -1, -1):
        own = blank_spans[index] if chunks[index].kind is _BLANK else 0
        capacity[index] = capacity[index + 1] + (own or digits_from[index][0])
    found: list[tuple[Value, ...]] = []
    budget = [SEARCH_BUDGET]
    width = len(slots)
    last_chunk = len(chunks) - 1
    acc: list[Value] = []

    def take(slot: int, index: int, position: int, end: int) -> Value | None:
        text, unit = cores[index]
        written = text[position:end] + (unit or "" if end == len(text) else "")
        parsed = parse_value(written, slots[slot])
        if parsed is None:
            return None
        return Value(parsed[0], written, chunks[index].start + position, parsed[1])

    def visit(slot: int, index: int, position: int) -> None:
        budget[0] -= 1
        if budget[0] < 0 or len(found) >= MAX_READINGS:
            return
        if slot == width or index == len(chunks):
            if slot == width and index == len(chunks):
                found.append(tuple(acc))
            return
        chunk = chunks[index]
        left = width - slot
        if left < len(chunks) - index:
            return  # every chunk left needs a slot of its own
        if chunk.kind is _BLANK:
            for span in range(1, min(blank_spans[index], left) + 1):
                acc.extend(_blank_values(chunk, span))
                visit(slot + span, index + 1, 0)
                del acc[-span:]
            return
        text = cores[index][0]
        if left > digits_from[index][position] + capacity[index + 1]:
            return
        expected = _expected_total(totals.get(slot), acc)
        if expected is not None:
            ends: Sequence[int] = (
                [position + len(expected)] if text.startswith(expected, position) else []
            )
        elif (
            slot in closing
            and closing[slot] == width - 1
            and index == last_chunk
            and slots[slot] is ColumnKind.COUNT
        ):
            ends = _closing_ends(text, position, totals[closing[slot]], slot, acc)
        else:
            ends = range(position + 1, min(len(text), position + MAX_WRITTEN) + 1)
        for end in ends:
            value = take(slot, index, position, end)
            if value is None:
                continue
            acc.append(value)
            if end == len(text):
                visit(slot + 1, index + 1, 0)
            else:
                visit(slot + 1, index, end)
            acc.pop()

    visit(0, 0, 0)
    return found


def _zeros_apart(chunks: Sequence[Chunk], width: int) -> tuple[Sequence[Chunk], tuple[int, ...]]:
    """``chunks`` with runs of zeros (``0 00000``: a zero row with a space in it) as one
    chunk a zero: a run of zeros has no other cut, and its zeros are then values written
    apart, which may also be placed among blank cells when they are fewer than the
    cells. Unchanged unless every chunk is such a run and some run is glued.

    Also the cells the spaces between the runs mark blank, when the zeros and the spaces
    together are as many as the cells (a crawl glues the cells of a row and leaves a
    space for an empty one: 0|空|0|0|0|0|0), else ``()``.
    """
    if len(chunks) >= width or not chunks:
        return chunks, ()
    digits = 0
    for chunk in chunks:
        text = chunk.text
        if chunk.kind is not _NUMBER or text.strip("0"):
            return chunks, ()
        digits += len(text)
    if digits == len(chunks) or digits > width:
        return chunks, ()
    apart = _digit_chunks(chunks)
    gaps = {index for index in range(1, len(chunks)) if not chunks[index].hard_start}
    if digits + len(gaps) != width:
        return apart, ()
    spaced = []
    cell = 0
    for index, chunk in enumerate(chunks):
        if index in gaps:
            spaced.append(cell)
            cell += 1
        cell += len(chunk.text)
    return apart, tuple(spaced)


def _blanks(values: Sequence[Value]) -> tuple[int, ...]:
    return tuple(index for index, value in enumerate(values) if value.number is None)


def _digit_a_cell(chunks: Sequence[Chunk], slots: Sequence[ColumnKind]) -> list[tuple[Value, ...]]:
    """The one cut of glued digits that are as many as the cells, one digit a cell,
    whether or not the row adds up (:func:`_search` only makes cuts that add up, but
    this one is the only cut there is: a report's own wrong total, 0|1|0|0|0 read so,
    is for the rules to find)."""
    if not all(chunk.kind is _NUMBER and chunk.text.isdecimal() for chunk in chunks):
        return []
    if sum(len(chunk.text) for chunk in chunks) != len(slots):
        return []
    values = _exact(_digit_chunks(chunks), slots)
    return [values] if values is not None else []


def _digit_chunks(chunks: Sequence[Chunk]) -> list[Chunk]:
    """``chunks`` of digits cut into one chunk a digit, each at its own offset."""
    return [
        Chunk(_NUMBER, digit, chunk.start + offset, chunk.line, chunk.hard_start and not offset)
        for chunk in chunks
        for offset, digit in enumerate(chunk.text)
    ]


#: Most steps :func:`_gapped` takes to place a row's values among its blank cells (a
#: step is one cell taken or left blank; the appeals table on one line takes hundreds).
GAPPED_STEPS = 20_000


def _among_blanks(
    placements: Sequence[tuple[Value, ...]], stock: Sequence[RowIdentity]
) -> SplitResult | None:
    """The result of a row's values placed among its blank cells (each placement adds
    up), plausible ones first; certain when one alone is plausible; ``None`` when there
    is no placement."""
    if not placements:
        return None
    readings = [
        _tuple_new(Reading, (values, True, _plausible(values, stock), True))
        for values in placements[:MAX_READINGS]
    ]
    readings.sort(key=lambda reading: not reading.plausible)
    certain = sum(reading.plausible for reading in readings) == 1
    return SplitResult(tuple(readings), certain=certain, exact=False, gaps=True)


def _gapped(
    chunks: Sequence[Chunk],
    slots: Sequence[ColumnKind],
    identities: Sequence[RowIdentity],
) -> list[tuple[Value, ...]]:
    """Placements of the values of a row printed without its blank cells, leftmost
    first (at most one more than :data:`MAX_READINGS`); empty when none adds up.

    PDF text and some conversions drop empty cells: ``821 35 2 1 859`` is a row of
    seven cells, two of them blank, with nothing to say which. Each number is taken as
    one cell, in order, and the placements among the slots are searched cell by cell.
    A placement is kept when each row total is printed and is the sum of its parts
    (blanks count as zero), or its cells are all blank (see :func:`_closed`): a total
    is checked as soon as the search has passed its cells, which prunes the rest. The
    values go to the leftmost slots first (自然人 before the kinds of organisation).
    Several placements leave the row uncertain, as it is. A lone number is no such
    row: it is as likely a page number or a stray figure.
    """
    count, width = len(chunks), len(slots)
    if not 1 < count < width or any(chunk.kind is not _NUMBER for chunk in chunks):
        return []
    # identities checked once the search has passed their last slot
    checked_at: dict[int, list[RowIdentity]] = {}
    for identity in identities:
        checked_at.setdefault(max(identity.total, *identity.parts), []).append(identity)
    # The blank cells take the place of the value after them (or of the row's end).
    ends = [chunk.start for chunk in chunks]
    ends.append(chunks[-1].start + len(chunks[-1].text))
    found: list[tuple[Value, ...]] = []
    values: list[Value] = []
    steps = [GAPPED_STEPS]

    def visit(slot: int, taken: int) -> None:
        steps[0] -= 1
        if steps[0] < 0 or len(found) > MAX_READINGS:
            return
        if slot == width:
            if taken == count:
                found.append(tuple(values))
            return
        options: list[tuple[Value, int]] = []
        if taken < count:  # the next number in this cell
            chunk = chunks[taken]
            parsed = parse_value(chunk.text, slots[slot])
            if parsed is not None:
                options.append((Value(parsed[0], chunk.text, chunk.start, parsed[1]), 1))
        if width - slot > count - taken:  # or this cell blank
            options.append((Value(None, "", ends[taken]), 0))
        for value, used in options:
            values.append(value)
            if _closed(values, checked_at.get(slot, ())):
                visit(slot + 1, taken + used)
            values.pop()

    visit(0, 0)
    return found


#: Where a value is written in a glued run: ``text[start:end]``.
_Span = tuple[int, int]
#: One block of a glued row: ``None`` when all blank, else its parts' spans and its
#: total's span.
_Filled = Union[tuple[list[_Span], _Span], None]  # noqa: UP007 - a runtime alias


def _glued_gapped(
    chunks: Sequence[Chunk],
    slots: Sequence[ColumnKind],
    identities: Sequence[RowIdentity],
) -> list[tuple[Value, ...]]:
    """Placements of glued digits of a row printed without its blank cells, leftmost
    first (at most one more than :data:`MAX_READINGS`); empty when none adds up.

    A crawled page whose empty cells left nothing glues a row's figures into one run:
    ``8213521859`` is 821|35|-|-|2|1|859. The row's cells must form blocks, each its
    parts then their total (a request row; the appeals table's three rows on one
    line). Each block's total is a stretch of the run ending where the next block
    starts, and the digits before it are cut into values that add up to it exactly (no
    value above it, which bounds the cuts), or the block is all blank; the values of a
    block then go among its part cells in order, leftmost first. Only such readings
    are kept: a cut that merely fits proves nothing here. Only one run is so read:
    figures written apart (``300 3``) are not cut to make a row add up, and
    :func:`_gapped` places them as they are. One figure alone is no such row either.
    """
    blocks = _row_blocks(identities, len(slots))
    if (
        blocks is None
        or len(chunks) != 1
        or chunks[0].kind is not _NUMBER
        or not chunks[0].text.isdecimal()
        or any(kind is not ColumnKind.COUNT for kind in slots)
    ):
        return []
    run = chunks[0]
    text = run.text
    steps = [GAPPED_STEPS]

    def whole(start: int, end: int) -> bool:
        """Whether ``text[start:end]`` can be one written count."""
        return end - start <= MAX_COUNT_DIGITS and (text[start] != "0" or end - start == 1)

    def cuts(start: int, end: int, total: int, room: int) -> list[list[_Span]]:
        """The ways to cut ``text[start:end]`` into at most ``room`` values adding up to
        ``total``."""
        found: list[list[_Span]] = []
        spans: list[_Span] = []
        longest = len(str(total))

        def visit(position: int, running: int) -> None:
            steps[0] -= 1
            if steps[0] < 0:
                return
            if position == end:
                if running == total:
                    found.append(list(spans))
                return
            if end - position > (room - len(spans)) * longest:
                return  # too many digits left for the values left, none above the total
            for stop in range(position + 1, min(end, position + longest) + 1):
                if not whole(position, stop):
                    break
                value = int(text[position:stop])
                if running + value > total:
                    break
                spans.append((position, stop))
                visit(stop, running + value)
                spans.pop()

        visit(start, 0)
        return found

    solutions: list[list[_Filled]] = []

    def solve(block: int, position: int, chosen: list[_Filled]) -> None:
        if steps[0] < 0 or len(solutions) > MAX_READINGS:
            return
        if block == len(blocks):
            if position == len(text):
                solutions.append(list(chosen))
            return
        first, total_slot = blocks[block]
        room = total_slot - first
        # The last block's total ends the run.
        ends = [len(text)] if block == len(blocks) - 1 else range(position + 1, len(text) + 1)
        for end in ends:
            for size in range(1, min(MAX_COUNT_DIGITS, end - position) + 1):
                start = end - size
                if not whole(start, end):
                    continue
                for parts in cuts(position, start, int(text[start:end]), room):
                    chosen.append((parts, (start, end)))
                    solve(block + 1, end, chosen)
                    chosen.pop()
        chosen.append(None)
        solve(block + 1, position, chosen)
        chosen.pop()

    solve(0, 0, [])
    found: list[tuple[Value, ...]] = []
    for solution in solutions:
        for values in _placements(solution, blocks, text, run.start):
            if sum(value.number is not None for value in values) > 1:
                found.append(values)
                if len(found) > MAX_READINGS:
                    return found
    return found


def _row_blocks(identities: Sequence[RowIdentity], width: int) -> list[tuple[int, int]] | None:
    """``(first slot, total slot)`` of each identity when the identities cut the slots
    into consecutive blocks of parts followed by their total; else ``None``."""
    blocks: list[tuple[int, int]] = []
    first = 0
    for identity in sorted(identities, key=lambda identity: identity.total):
        if identity.parts != tuple(range(first, identity.total)) or identity.total == first:
            return None
        blocks.append((first, identity.total))
        first = identity.total + 1
    return blocks if blocks and first == width else None


def _placements(
    solution: Sequence[_Filled],
    blocks: Sequence[tuple[int, int]],
    text: str,
    offset: int,
) -> Iterator[tuple[Value, ...]]:
    """Every way to put each block's values among its part cells, in order, leftmost
    first; a blank cell sits where the value after it (or the block's total) starts.
    ``offset``: where ``text``, the run, starts in the linear text."""
    per_block: list[list[list[Value]]] = []
    position = 0
    for filled, (first, total_slot) in zip(solution, blocks, strict=True):
        room = total_slot - first
        if filled is None:
            blank = Value(None, "", offset + position)
            per_block.append([[blank] * (room + 1)])
            continue
        parts, (start, end) = filled
        total = Value(int(text[start:end]), text[start:end], offset + start)
        values = [Value(int(text[a:b]), text[a:b], offset + a) for a, b in parts]
        ways = []
        for chosen in combinations(range(room), len(values)):
            row: list[Value] = []
            taken = 0
            for slot in range(room):
                if taken < len(values) and chosen[taken] == slot:
                    row.append(values[taken])
                    taken += 1
                else:
                    where = values[taken].offset if taken < len(values) else total.offset
                    row.append(Value(None, "", where))
            row.append(total)
            ways.append(row)
        per_block.append(ways)
        position = end
    for combination in product(*per_block):
        yield tuple(value for row in combination for value in row)


def _closed(values: Sequence[Value], identities: Sequence[RowIdentity]) -> bool:
    """Whether every identity's total is printed and is the sum of its parts (blanks
    as zero), unless all its cells are blank."""
    for identity in identities:
        total = values[identity.total].number
        if total is None:
            if any(values[part].number is not None for part in identity.parts):
                return False
        elif sum(values[part].number or 0 for part in identity.parts) != total:
            return False
    return True


def _blank_span(chunk: Chunk) -> int:
    """How many cells a blank chunk may stand for.

    Glued to a digit run, ``——`` is one blank written as a long dash or two blank
    cells glued together; a blank written apart is one cell.
    """
    text = chunk.text
    if (
        chunk.hard_start
        or len(text) < 2
        or text[0] not in GLUED_DASHES
        or text != text[0] * len(text)
    ):
        return 1
    return len(text)


def _blank_values(chunk: Chunk, span: int) -> list[Value]:
    if span == 1:
        return [Value(None, chunk.text, chunk.start)]
    # Each cell but the last takes one dash; the last takes the rest.
    values = [Value(None, chunk.text[i], chunk.start + i) for i in range(span - 1)]
    values.append(Value(None, chunk.text[span - 1 :], chunk.start + span - 1))
    return values


def _closing_ends(
    text: str, position: int, parts: tuple[int, ...], slot: int, acc: Sequence[Value]
) -> list[int]:
    """Ends of the last part when the rest of ``text`` is that part and the total.

    The total is a suffix of at most :data:`MAX_COUNT_DIGITS` digits; it fixes the last
    part (total minus the parts read), so only suffixes that leave exactly that part in
    between are kept.
    """
    known = [acc[part].number for part in parts if part != slot]
    if any(not isinstance(n, int) for n in known):
        return list(range(position + 1, len(text) + 1))
    running = sum(n for n in known if isinstance(n, int))
    ends = []
    for length in range(1, min(MAX_COUNT_DIGITS, len(text) - position - 1) + 1):
        total_text = text[len(text) - length :]
        if not total_text.isdecimal() or (length > 1 and total_text[0] == "0"):
            continue
        part = int(total_text) - running
        if part < 0:
            continue
        middle = text[position : len(text) - length]
        if middle == str(part):
            ends.append(len(text) - length)
    return ends


@lru_cache(maxsize=8192)
def parse_value(text: str, kind: ColumnKind) -> tuple[int | Decimal, str | None] | None:
    """:func:`parse_number`, cached: a report repeats the same few figures (0 above all)."""
    return parse_number(text, kind)


def _expected_total(parts: tuple[int, ...] | None, acc: Sequence[Value]) -> str | None:
    if parts is None or any(part >= len(acc) for part in parts):
        return None
    numbers = [acc[part].number for part in parts]
    if any(number is None or not isinstance(number, int) for number in numbers):
        return None
    return str(sum(n for n in numbers if isinstance(n, int)))


def _adds_up(values: Sequence[Value], identities: Sequence[RowIdentity]) -> bool:
    for identity in identities:
        total = values[identity.total].number
        if total is None:
            continue
        if sum(values[part].number or 0 for part in identity.parts) != total:
            return False
    return True


def _balanced(values: Sequence[Value], identities: Sequence[RowIdentity]) -> bool:
    for identity in identities:
        total = values[identity.total].number
        if total is None:
            continue
        running: int | Decimal = 0
        for part in identity.parts:
            number = values[part].number
            if number is None:
                break
            running += number
        else:
            if running != total:
                return False
    return True


def _plausible(values: Sequence[Value], stock: Sequence[RowIdentity]) -> bool:
    for hint in stock:
        base = values[hint.total].number
        if base is None:
            continue
        for part in hint.parts:
            number = values[part].number
            if number is not None and number > base:
                return False
    return True


def _reading(
    values: tuple[Value, ...],
    identities: Sequence[RowIdentity],
    stock: Sequence[RowIdentity],
    complete: bool | None = None,
) -> Reading:
    """``complete``: whether every value is a number, when the caller knows."""
    if not identities:
        balanced = adds_up = True
    else:
        balanced = _balanced(values, identities)
        # Only a balanced reading with blank parts can fail to add up; checking it ranks
        # 440|157|—|576|172|—|1345 above cuts the blanks merely keep from being checked.
        if not balanced:
            adds_up = False
        else:
            if complete is None:
                complete = all(value.number is not None for value in values)
            adds_up = complete or _adds_up(values, identities)
    plausible = _plausible(values, stock) if stock else True
    return _tuple_new(Reading, (values, balanced, plausible, adds_up))


def _rank(reading: Reading) -> tuple[bool, bool, bool, int, float]:
    """Prefer balanced, plausible readings that add up with blanks as zero, then even
    digit lengths, then small numbers.

    Cells of one row are usually of similar size, so among readings the text allows,
    the one whose longest number is shortest is the likeliest; ties go to the reading
    with the smaller numbers (a log-uniform prior on counts).
    """
    lengths = [len(v.text.lstrip("+-")) for v in reading.values if v.number is not None]
    magnitude = sum(
        math.log10(abs(float(v.number)) + 1) for v in reading.values if v.number is not None
    )
    return (
        not reading.balanced,
        not reading.plausible,
        not reading.adds_up,
        max(lengths, default=0),
        magnitude,
    )
