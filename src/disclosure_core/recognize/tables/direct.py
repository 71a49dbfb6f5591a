"""The direct path: a table whose value groups each follow their own row's label."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from disclosure_core.model.report import Cell, NoteCode, ParseNote, Provenance
from disclosure_core.recognize.split import (
    SplitResult,
    Value,
    fit_cells,
    is_change_pair,
    parse_value,
)
from disclosure_core.recognize.stream import Stream
from disclosure_core.recognize.tables.fitting import fit_group
from disclosure_core.recognize.tables.notes import blank_rows
from disclosure_core.recognize.tables.plan import Group, Placed, RowSlot, TablePlan, TableReading


class DirectRow(NamedTuple):
    """A row read: its cells, by cell ID, and its notes, in the order the report
    keeps them (both paths build rows with :func:`value_row`)."""

    slot: RowSlot
    cells: list[tuple[str, Cell]]
    notes: list[ParseNote]


def direct_rows(
    stream: Stream,
    plan: TablePlan,
    labelled: dict[int, list[Placed]],
    groups: Sequence[Group],
    table_start: int,
    made: dict[tuple[object, ...], Cell],
    cache: dict[tuple[int, str], SplitResult],
) -> list[DirectRow] | None:
    """The rows of a table whose every value group is anchored to a row of its own,
    in template order.

    That is how a table with real cells is printed (a web page, a tab-separated
    text): each row's values follow its label on its line. Then :func:`.aligned.align` has
    nothing to decide: every group fills its row (no two claim one, none floats),
    and each row is read certainly (nothing for the column arithmetic to settle).
    ``None`` when the table is not so simple, or a group would not fill its row as
    :func:`fit_group` reads it: the general path reads the table then. ``made``: the
    cells made so far, by what they hold (see :func:`value_row`); ``cache``: the splits
    :func:`fit_group` made, which the general path reuses.
    """
    index_of = plan.index_of
    slots = plan.slots
    members = plan.members
    position = stream.position
    table_id = plan.table.id
    rows: dict[int, DirectRow] = {}
    for group in groups:
        if group.start < table_start or group.extra_label is not None:
            continue
        anchored = group.anchored
        row = index_of.get(anchored) if anchored is not None else None
        if row is None and not rows:
            return _filling_group(stream, plan, labelled, groups, group, table_start, made, cache)
        if row is None or row in rows or group.at_end:
            return None  # a floating group, two groups for one row, or cut-off values
        slot = slots[row]
        if slot.collapsed_group and any(j in labelled for j in members[row]):
            return None  # align leaves the group to float
        cells = group.cells
        if cells is not None:
            read = _cell_row(table_id, slot, cells, stream, group.first, made)
            if read is None:
                return None
            rows[row] = read
            continue
        result = fit_group(group, [slot], cache)
        if not result.readings or not result.certain:
            return None
        values = result.readings[0].values
        line = position(group.start).line
        rows[row] = value_row(table_id, slot, values, stream, line, made)
    return [rows[row] for row in sorted(rows)]


def _filling_group(
    stream: Stream,
    plan: TablePlan,
    labelled: dict[int, list[Placed]],
    groups: Sequence[Group],
    group: Group,
    table_start: int,
    made: dict[tuple[object, ...], Cell],
    cache: dict[tuple[int, str], SplitResult],
) -> list[DirectRow] | None:
    """The rows of a table whose only values are one line that fills every row.

    The appeals table of the national format is printed transposed: its rows are
    column groups of the header, and all its figures one row under it, anchored to
    no row label. :func:`.aligned.align` then places that one group into the rows free
    between the first and the last label found (:func:`.aligned._fill_gap`); when the group
    splits exactly, certainly and balanced over all of them (at most three rows of
    the same columns, as a group may span), taking them all outscores every other
    placement (10 a row, +5, against at most 10 a row +7.1 and -1 a skipped row),
    so that is what it does. ``None`` when the table is not that simple.
    """
    candidates = sum(1 for g in groups if g.start >= table_start and g.extra_label is None)
    if candidates != 1 or group.all_blank:
        return None  # several groups compete; blank values float by other rules
    slots = plan.slots
    found = [i for i in range(len(slots)) if i in labelled]
    if not found:
        return None
    first_found, last_found = found[0], found[-1]
    free = [
        i
        for i in range(len(slots))
        if not slots[i].collapsed_group and (i in labelled or first_found < i < last_found)
    ]
    rows = [slots[i] for i in free]
    if not 1 <= len(rows) <= 3 or free[-1] - free[0] != len(rows) - 1:
        return None  # _fill_gap gives a group at most three consecutive rows
    if len(rows) > 1 and (
        len(rows[0].columns) < 2 or any(row.columns != rows[0].columns for row in rows)
    ):
        return None
    result = fit_group(group, rows, cache)
    best = result.best
    if best is None or not (result.exact and result.certain and best.balanced):
        return None
    line = stream.position(group.start).line
    out = []
    index = 0
    for slot in rows:
        values = best.values[index : index + len(slot.columns)]
        index += len(slot.columns)
        out.append(value_row(plan.table.id, slot, values, stream, line, made))
    return out


def _cell_row(
    table_id: str,
    slot: RowSlot,
    cells: Sequence[str],
    stream: Stream,
    first: int,
    made: dict[tuple[object, ...], Cell],
) -> DirectRow | None:
    """The row read from a row's cells (numbers and blank markers, the first at
    offset ``first``) as :func:`~disclosure_core.recognize.split.split_cells` reads
    them, or ``None`` when it reads none (the general path splits the row's chunks
    then). Digits alone have no unit and no sign: a cell is a count or blank."""
    width = len(slot.kinds)
    fitted = fit_cells(cells, first, width)
    if fitted is None:
        return None
    cells, first = fitted
    parse = parse_value
    pairs: list[tuple[str, Cell]] = []
    append = pairs.append
    blanks = []
    positions = stream.cell_positions(first, width)
    for text, kind, column, cell_id, where in zip(
        cells, slot.kinds, slot.columns, slot.cell_ids, positions, strict=False
    ):  # the first ``width`` cells
        number: int | Decimal | None = None
        if text.isdecimal():
            parsed = parse(text, kind)
            if parsed is None:
                return None
            number = parsed[0]
        else:
            blanks.append(column)
        line = where.line
        key = (number.__class__, number, text, line, where.column, where.page, None, False)
        cell = made.get(key)
        if cell is None:
            cell = made[key] = Cell(number, Provenance(text, line, where.column, where.page))
        append((cell_id, cell))
    return DirectRow(slot, pairs, _row_notes(table_id, slot, blanks, positions[0].line, []))


def value_row(
    table_id: str,
    slot: RowSlot,
    values: Sequence[Value],
    stream: Stream,
    line: int | None,
    made: dict[tuple[object, ...], Cell],
    uncertain: Sequence[bool] = (),
) -> DirectRow:
    """The row of ``values`` (``line``: where its group starts; ``uncertain``: for each
    value, whether its reading is one of several; none is when empty).

    Equal cells are shared through ``made``: a page that puts a table on one line
    repeats the same few (0 on line 57), and building one costs more than a lookup.
    """
    position = stream.position
    pairs: list[tuple[str, Cell]] = []
    notes: list[ParseNote] = []
    blanks = []
    for index, (column, cell_id, (number, text, offset, unit)) in enumerate(
        zip(slot.columns, slot.cell_ids, values, strict=True)
    ):
        doubt = uncertain[index] if uncertain else False
        where = position(offset)
        line_no, column_no, page = where.line, where.column, where.page
        key = (number.__class__, number, text, line_no, column_no, page, unit, doubt)
        cell = made.get(key)
        if cell is None:
            cell = made[key] = Cell(number, Provenance(text, line_no, column_no, page), unit, doubt)
        pairs.append((cell_id, cell))
        if number is None:
            blanks.append(column)
        elif unit:
            notes.append(
                ParseNote(
                    NoteCode.UNIT,
                    f"{cell_id} is written with a unit: {text}",
                    element=cell_id,
                    found=text,
                    line=where.line,
                )
            )
        elif text[:1] in "+＋" and is_change_pair(text):
            notes.append(
                ParseNote(
                    NoteCode.SIGNED,
                    f"{cell_id} is written as an increase and a decrease: {text}, "
                    f"read as their difference, {number}",
                    element=cell_id,
                    found=text,
                    line=where.line,
                )
            )
        elif number < 0:
            notes.append(
                ParseNote(
                    NoteCode.SIGNED,
                    f"{cell_id} is negative: {text}",
                    element=cell_id,
                    found=text,
                    line=where.line,
                )
            )
    return DirectRow(slot, pairs, _row_notes(table_id, slot, blanks, line, notes))


def _row_notes(
    table_id: str, slot: RowSlot, blanks: list[str], line: int | None, notes: list[ParseNote]
) -> list[ParseNote]:
    """``notes`` (on the row's cells) and what is said of the row after them: the
    blank cells (``line``: where the row's group starts), a group printed as one row."""
    if blanks:
        notes.append(
            ParseNote(
                NoteCode.BLANK_CELL,
                f"{table_id}.{slot.row_id}: blank cells in " + ", ".join(blanks),
                element=f"{table_id}.{slot.row_id}",
                found="",
                line=line,
            )
        )
    if slot.collapsed_group:
        notes.append(
            ParseNote(
                NoteCode.TEMPLATE,
                f"{table_id}: {slot.spec.number}{slot.spec.label} is printed as a single row "
                "(the 2019 layout), not split into its sub-rows",
                element=f"{table_id}.{slot.row_id}",
                variant="single-row",
            )
        )
    return notes


def emit_direct(
    stream: Stream,
    plan: TablePlan,
    labelled: dict[int, list[Placed]],
    rows: Sequence[DirectRow],
    out: TableReading,
) -> None:
    """Keep the rows :func:`direct_rows` read, in row order as :func:`.aligned.emit_aligned` does,
    then the rows printed without values."""
    cells = out.cells
    notes = out.notes
    filled: set[str] = set()
    for slot, pairs, row_notes in rows:
        cells.update(pairs)
        notes.extend(row_notes)
        filled.add(slot.row_id)
    blank_rows(stream, plan, labelled, filled, out)
