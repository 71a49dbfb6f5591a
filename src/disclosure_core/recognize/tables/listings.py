"""Listed values: the labels of a block of rows, then their values apart from them,
row by row or column by column (PDF text that follows text boxes)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, NamedTuple

from disclosure_core.model.report import NoteCode, ParseNote
from disclosure_core.recognize.split import Value, split_row
from disclosure_core.recognize.stream import Chunk, Stream
from disclosure_core.recognize.tables.placing import table_labels
from disclosure_core.recognize.tables.plan import (
    BLANK,
    JUNK,
    NUMBER,
    Group,
    Placed,
    RowSlot,
    TablePlan,
    TableReading,
    TemplatePlan,
)

#: How a report lists the values of rows apart from their labels: all the labels of
#: a block of rows, then their values one a line, row by row or column by column.
#: PDF text extraction that follows text boxes (pdfminer's) gives the column order.
ListedOrder = Literal["row", "column"]


#: What a block's own arithmetic says of its order (see :func:`_order_by_arithmetic`).
ArithmeticOrder = Literal["row", "column", "either", "ambiguous"] | None


def is_listed(group: Group) -> bool:
    """Whether ``group`` is values listed one a line (each its own cell), two or more."""
    if group.cells is not None:
        return False  # the rest of a row on its label's line
    chunks = group.chunks
    if len(chunks) < 2:
        return False
    line = -1
    for chunk in chunks:
        if chunk.kind is JUNK or chunk.line <= line or (chunk.kind is BLANK and not chunk.text):
            return False
        line = chunk.line
    return True


class _Listing(NamedTuple):
    """A block of listed values and the rows whose labels come right before it."""

    group: Group
    slots: list[int]  # in template order
    columns: int


class _MovedTotal(NamedTuple):
    """Listed columns with the 总计 column out of its template place (see
    :func:`_moved_total`)."""

    positions: tuple[int, ...]  # for each template column, its place in the listing
    total: int  # the total column (its template place)
    doubts: tuple[tuple[bool, ...], ...]  # for each row, each value: in doubt


class OrderedListing(NamedTuple):
    """A listing and what its own arithmetic says of its order."""

    listing: _Listing
    order: ArithmeticOrder
    moved: _MovedTotal | None = None  # with ``order`` "column": the columns' places


def _listings(
    plan: TablePlan, row_hits: Sequence[Placed], candidates: Sequence[Group]
) -> list[_Listing]:
    """The listed groups that hold exactly the values of the rows labelled between the
    previous group and them (rows of one width; group rows printed as one row count
    when their own rows are not printed).

    A block right after a group with more numbers than the rows labelled before that
    group is not one: those numbers run on into the rows labelled next (PDF text that
    puts a row's values before its label), and taking that block's labels as its rows
    would shift every row by one, a shift no row's arithmetic shows.

    When the rows labelled before a block are of several widths, the first rows of
    one width are its rows if its values are exactly theirs; the rows after them wait
    for the next group (pdfminer puts the labels of two blocks of table 二 before the
    values of the first: 规章, 行政规范性文件, 行政许可, then six values).
    """
    slots = plan.slots
    index_of = plan.index_of
    members = plan.members
    listings: list[_Listing] = []
    previous_end = -1
    overflowing = False  # the previous group has more numbers than its rows take
    waiting: list[int] = []  # rows labelled before the previous block, not its own
    hits = sorted(row_hits, key=lambda p: p.start)
    for group in sorted(candidates, key=lambda g: g.start):
        start = group.start
        rows = sorted(
            {
                index_of[p.ref.element]
                for p in hits
                if previous_end < p.start < start and p.ref is not None
            }
        )
        labelled_here = set(rows)
        rows = waiting + [
            row
            for row in rows
            if slots[row].columns
            and not (slots[row].collapsed_group and any(j in labelled_here for j in members[row]))
            and row not in waiting
        ]
        waiting = []
        if not overflowing and len(rows) >= 2 and is_listed(group):
            width = len(slots[rows[0]].columns)
            same = 1
            while same < len(rows) and len(slots[rows[same]].columns) == width:
                same += 1
            if same >= 2 and len(group.chunks) == same * width:
                listings.append(_Listing(group, rows[:same], width))
                waiting = rows[same:]
                rows = rows[:same]
        numbers = (
            sum(1 for text in group.cells if text.isdecimal())
            if group.cells is not None
            else sum(1 for chunk in group.chunks if chunk.kind is NUMBER)
        )
        overflowing = numbers > sum(len(slots[row].columns) for row in rows)
        previous_end = group.last_start
    return listings


def _listed_rows(
    listing: _Listing, order: ListedOrder, positions: Sequence[int] | None = None
) -> list[list[Chunk]]:
    """The chunks of each row of ``listing`` read in ``order`` (column by column:
    template column ``c`` listed ``positions[c]``-th, in template order by default)."""
    chunks = listing.group.chunks
    count = len(listing.slots)
    width = listing.columns
    if order == "row":
        return [chunks[row * width : (row + 1) * width] for row in range(count)]
    places = range(width) if positions is None else positions
    return [[chunks[place * count + row] for place in places] for row in range(count)]


def _balanced_readings(
    slots: Sequence[RowSlot], rows: Sequence[Sequence[Chunk]]
) -> list[tuple[Value, ...]] | None:
    """The values of ``rows`` as ``slots``, when every row adds up (else ``None``)."""
    readings = []
    for chunks, slot in zip(rows, slots, strict=True):
        best = split_row(chunks, slot.kinds, slot.identities, slot.stock).best
        if best is None or not best.balanced:
            return None
        readings.append(best.values)
    return readings


def numbers_of(reading: Sequence[Value]) -> list[tuple[type, object]]:
    return [(value.number.__class__, value.number) for value in reading]


def _moved_total(plan: TablePlan, listing: _Listing) -> _MovedTotal | None:
    """The places of the columns of a block listed column by column whose rows add up
    only with the 总计 column listed out of its template place.

    PDF text extraction that follows text boxes (pdfminer's) lists a table's columns in
    the order it groups their boxes, which may put the 总计 column before 其他. The
    other columns keep their order. When the rows add up with 总计 at several places,
    the nearest to its template place is taken, and each value those readings give
    differently is in doubt (a report whose requests all came from natural persons
    adds up with 总计 first too, reading them as from another column). Only for rows
    of one identity over all their columns (the applicants table's): ``None`` when
    the block is not such, or adds up with 总计 at no other place.
    """
    slots = [plan.slots[row] for row in listing.slots]
    width = listing.columns
    identities = {slot.identities for slot in slots}
    if width < 3 or len(identities) != 1:
        return None
    (shared,) = identities
    if len(shared) != 1 or sorted((shared[0].total, *shared[0].parts)) != list(range(width)):
        return None
    total = shared[0].total
    others = [column for column in range(width) if column != total]
    found: list[tuple[int, tuple[int, ...], list[tuple[Value, ...]]]] = []
    for place in range(width):
        if place == total:
            continue  # the template's own order: the caller tried it
        places = [p for p in range(width) if p != place]
        positions = [0] * width
        positions[total] = place
        for column, listed_at in zip(others, places, strict=True):
            positions[column] = listed_at
        readings = _balanced_readings(slots, _listed_rows(listing, "column", positions))
        if readings is not None:
            found.append((abs(place - total), tuple(positions), readings))
    if not found:
        return None
    found.sort(key=lambda item: item[0])
    _, nearest, readings = found[0]
    chosen = [numbers_of(reading) for reading in readings]
    doubts = [[False] * width for _ in readings]
    for _, _, other in found[1:]:
        for row, reading in enumerate(other):
            for column, number in enumerate(numbers_of(reading)):
                if number != chosen[row][column]:
                    doubts[row][column] = True
    return _MovedTotal(nearest, total, tuple(map(tuple, doubts)))


def _order_by_arithmetic(plan: TablePlan, listing: _Listing) -> OrderedListing:
    """The order in which every row of ``listing`` adds up, when only one does;
    ``either`` when both orders read the same, ``ambiguous`` when both add up to
    different values; ``None`` when the rows have no arithmetic to tell by, or add up
    in neither order (the report's own figures are wrong, or the block is not a
    listing: the appeals table's one printed row). Column by column, the 总计 column
    may be listed out of its place (see :func:`_moved_total`)."""
    slots = [plan.slots[row] for row in listing.slots]
    if listing.columns == 1:
        return OrderedListing(listing, "either")  # one value a row: both orders are one
    if not any(slot.identities for slot in slots):
        return OrderedListing(listing, None)
    by_row = _balanced_readings(slots, _listed_rows(listing, "row"))
    by_column = _balanced_readings(slots, _listed_rows(listing, "column"))
    if by_row is not None and by_column is not None:
        same = list(map(numbers_of, by_row)) == list(map(numbers_of, by_column))
        return OrderedListing(listing, "either" if same else "ambiguous")
    if by_column is not None:
        return OrderedListing(listing, "column")
    if by_row is not None:
        return OrderedListing(listing, "row")
    moved = _moved_total(plan, listing)
    if moved is not None:
        return OrderedListing(listing, "column", moved)
    return OrderedListing(listing, None)


def find_listings(
    plan: TemplatePlan,
    own: dict[str | None, list[Placed]],
    grouped: dict[str | None, list[Group]],
) -> dict[str, list[OrderedListing]]:
    """The blocks of listed values of each table (see :func:`_listings`), each with
    what its own arithmetic says of its order."""
    found: dict[str, list[OrderedListing]] = {}
    for table_plan in plan.tables:
        table_id = table_plan.table.id
        _, row_hits, table_start = table_labels(table_plan, own.get(table_id, []))
        if table_start is None:
            continue
        candidates = [
            g for g in grouped.get(table_id, []) if g.start >= table_start and g.extra_label is None
        ]
        listings = _listings(table_plan, row_hits, candidates)
        if listings:
            found[table_id] = [_order_by_arithmetic(table_plan, listing) for listing in listings]
    return found


def listing_order(
    plan: TemplatePlan, listed: Mapping[str, Sequence[OrderedListing]]
) -> ListedOrder | None:
    """The order of the report's listed values, as the arithmetic of its tables shows
    it: ``column`` when some block adds up only read column by column, ``row`` when
    some adds up only read row by row (``None`` when none tells, or blocks disagree).
    A table printed as one row (表四) shows none: its values come in printed order
    whichever way the extractor lists a table."""
    one_row = {p.table.id for p in plan.tables if p.table.one_printed_row}
    found = {
        ordered.order
        for table_id, listings in listed.items()
        if table_id not in one_row
        for ordered in listings
        if ordered.order in ("row", "column")
    }
    return found.pop() if len(found) == 1 else None


def unlist(
    stream: Stream,
    plan: TablePlan,
    candidates: list[Group],
    listings: Sequence[OrderedListing],
    listed_order: ListedOrder | None,
    out: TableReading,
) -> list[Group]:
    """``candidates`` with each block of listed values (``listings``, with what their
    arithmetic says of their order) that can be read replaced by one group a row,
    anchored to its row.

    The order is the one the block's own arithmetic shows. Rows without arithmetic
    (the counts of table 二) take the one the report's other tables showed
    (``listed_order``), else are read row by row as doubtful (their cells uncertain).
    A block whose rows add up in both orders to different values is held out of any
    placement: its values stay unassigned rather than guessed. One whose rows add up
    in neither order is left to the general placement, as before this layout was
    known (it reads a block of up to three rows by order: the appeals table's one
    printed row, whose totals a report may get wrong). Either way its rows are noted
    as the block's (``claims``). A block that adds up only with its 总计 column listed
    out of place is read so, its values in doubt where the arithmetic leaves them so.
    """
    table_id = plan.table.id
    replaced: dict[int, list[Group]] = {}
    for listing, shown, moved in listings:
        order = shown
        doubtful = False
        if order is None and not any(plan.slots[row].identities for row in listing.slots):
            if listed_order is None:
                order, doubtful = "row", True
                basis = "nothing shows the order: the cells are uncertain"
            else:
                order = listed_order
                basis = "as the report's other tables list them"
        elif order == "either":
            basis = "both orders read the same"
        elif moved is not None:
            basis = (
                f"the rows add up only with {plan.table.columns[moved.total].label} listed as "
                f"column {moved.positions[moved.total] + 1} of {listing.columns}"
            )
            if any(any(row) for row in moved.doubts):
                basis += "; which other column is which they do not settle for every row"
        else:
            basis = "the rows add up only so"
        group = listing.group
        if order is None or order == "ambiguous":
            # Left to the general placement, which takes a block of a few rows by order
            # (the appeals table's printed row); an ambiguous one is held out of it.
            group.claims = tuple(plan.slots[row].row_id for row in listing.slots)
            group.held = order == "ambiguous"
            continue
        rows = []
        chunks_of_rows = _listed_rows(
            listing,
            "row" if order == "either" else order,
            moved.positions if moved is not None else None,
        )
        for index, (row, chunks) in enumerate(zip(listing.slots, chunks_of_rows, strict=True)):
            row_group = Group(list(chunks), group.table, group.after)
            row_group.anchored = plan.slots[row].row_id
            row_group.doubtful = doubtful
            if moved is not None and any(moved.doubts[index]):
                row_group.doubts = moved.doubts[index]
            rows.append(row_group)
        if group.at_end:  # the text ends in the block's last value, the last row's
            rows[-1].at_end = True
            rows[-1].claims = (plan.slots[listing.slots[-1]].row_id,)
        replaced[id(group)] = rows
        first, last = plan.slots[listing.slots[0]], plan.slots[listing.slots[-1]]
        way = {"row": "row by row", "column": "column by column"}.get(order, "in either order")
        out.notes.append(
            ParseNote(
                NoteCode.VALUE_ORDER,
                f"{table_id}: the values of rows {first.row_id} to {last.row_id} are "
                f"listed after their labels, {way} ({basis})",
                element=table_id,
                found=order,
                line=stream.position(group.start).line,
            )
        )
    if not replaced:
        return candidates
    unlisted: list[Group] = []
    for group in candidates:
        unlisted.extend(replaced.get(id(group), (group,)))
    return unlisted
