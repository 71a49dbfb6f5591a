"""The general path: floating groups placed into the rows left free between anchors,
settled by the column arithmetic, and emitted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import product

from disclosure_core.model.report import NoteCode, ParseNote
from disclosure_core.recognize.split import MAX_READINGS, Reading, SplitResult, Value, parse_value
from disclosure_core.recognize.stream import Stream
from disclosure_core.recognize.tables.direct import value_row
from disclosure_core.recognize.tables.fitting import fit_group
from disclosure_core.recognize.tables.listings import numbers_of
from disclosure_core.recognize.tables.notes import blank_rows, extra_row_note
from disclosure_core.recognize.tables.plan import (
    BLANK,
    NUMBER,
    Assignment,
    Group,
    Placed,
    RowSlot,
    TablePlan,
    TableReading,
)
from disclosure_core.templates.spec import IdentityKind, IdentitySpec, TableSpec


def align(
    plan: TablePlan,
    labelled: dict[int, list[Placed]],
    groups: Sequence[Group],
    cache: dict[tuple[int, str], SplitResult] | None = None,
) -> list[Assignment]:
    """Anchored groups first, then floating groups in order between the anchors
    (``cache``: splits :func:`fit_group` made already)."""
    if cache is None:
        cache = {}
    slots = plan.slots
    index_of = plan.index_of
    assigned: dict[int, Assignment] = {}
    used: set[int] = set()
    anchored = sorted(
        (g for g in groups if g.anchored is not None and g.anchored in index_of),
        key=lambda g: (not g.clean, g.start),
    )
    # A label followed by empty cells only is a weak anchor: it fills its row only when
    # no numbers turn up for it (a header row's empty cells also follow labels). Blank
    # markers written on the label's line, one a cell (行政处罚 -), are the row itself.
    weak = [g for g in anchored if g.all_blank and not _printed_blank(g, slots, index_of)]
    weak_ids = {id(g) for g in weak}
    strong = [g for g in anchored if id(g) not in weak_ids]

    def anchor(group: Group) -> None:
        assert group.anchored is not None
        row = index_of[group.anchored]
        if row in assigned:
            return
        slot = slots[row]
        result = fit_group(group, [slot], cache)
        readings = result.readings
        if not readings:  # result.best is None
            return
        if slot.collapsed_group and any(j in labelled for j in plan.members[row]):
            return  # the group's own rows are printed: its label is only a label
        assigned[row] = Assignment(
            [slot],
            group,
            result,
            readings[0],
            by_order=group.doubtful,
            placement_certain=not group.doubtful and group.doubts is None,
            split_certain=result.certain,
        )
        used.add(id(group))

    for group in strong:
        anchor(group)
    anchors = sorted(assigned.items(), key=lambda item: item[1].group.start)
    # Blank groups float only when they fill a row exactly (a detached row of dashes);
    # the empty cells after captions and headers fill nothing.
    widths = plan.widths
    floating = [
        g
        for g in groups
        if id(g) not in used
        and not g.held
        and (not g.all_blank or (len(g.chunks) in widths and not g.after_label_on_line))
    ]
    # A row whose label is not in the text may take detached values only between rows
    # whose labels are (a label lost in conversion); beyond the last label the text
    # was cut off, and nothing may be invented there.
    found = [i for i in range(len(slots)) if i in labelled or i in assigned]
    first_found, last_found = (min(found), max(found)) if found else (0, -1)
    # Cut the floating groups into gaps between consecutive anchors (in text order).
    positions = [a.group.start for _, a in anchors]
    gaps: dict[int, list[Group]] = {}
    for group in floating:
        gap = sum(1 for p in positions if p < group.start)
        gaps.setdefault(gap, []).append(group)
    for gap, members in gaps.items():
        lower = anchors[gap - 1][0] if gap > 0 else -1
        upper = anchors[gap][0] if gap < len(anchors) else len(slots)
        if upper <= lower:
            upper = len(slots)
        free = [
            i
            for i in range(lower + 1, upper)
            if i not in assigned
            and not slots[i].collapsed_group
            and (i in labelled or first_found < i < last_found)
        ]
        for assignment in _fill_gap(slots, labelled, free, members, cache):
            for slot in assignment.rows:
                assigned[index_of[slot.row_id]] = assignment
    for group in weak:
        anchor(group)
    unique: dict[int, Assignment] = {id(a): a for a in assigned.values()}
    return sorted(unique.values(), key=lambda a: index_of[a.rows[0].row_id])


def _printed_blank(group: Group, slots: Sequence[RowSlot], index_of: dict[str, int]) -> bool:
    """A row printed blank on its label's line: one written blank marker a cell."""
    row = index_of.get(group.anchored or "")
    return (
        row is not None
        and group.after_label_on_line
        and len(group.chunks) == len(slots[row].columns)
        and all(chunk.kind is BLANK and chunk.text for chunk in group.chunks)
    )


def _fill_gap(
    slots: Sequence[RowSlot],
    labelled: dict[int, list[Placed]],
    free: list[int],
    groups: list[Group],
    cache: dict[tuple[int, str], SplitResult],
) -> list[Assignment]:
    """Place floating groups into free rows in order, maximising fit (monotone DP)."""
    if not free or not groups:
        return []
    n, m = len(free), len(groups)
    skip_group, skip_row = -6.0, -1.0
    neg = float("-inf")
    # best[i][j]: best score placing groups[j:] into free[i:]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    choice: list[list[tuple[str, int]]] = [[("end", 0)] * (m + 1) for _ in range(n + 1)]
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            if i == n and j == m:
                continue
            options: list[tuple[float, tuple[str, int]]] = []
            if j < m:
                options.append((skip_group + best[i][j + 1], ("skip-group", 0)))
            if i < n:
                options.append((skip_row + best[i + 1][j], ("skip-row", 0)))
            if i < n and j < m:
                spans = _spans(slots, free, i)
                run_on = _run_on_span(slots, labelled, free, i, groups[j])
                if run_on:
                    spans.append(run_on)
                for span in spans:
                    rows = [slots[free[k]] for k in range(i, i + span)]
                    score = _score(
                        groups[j],
                        rows,
                        cache,
                        any(free[k] in labelled for k in range(i, i + span)),
                        span == len(slots),
                    )
                    if score > neg:
                        options.append((score + best[i + span][j + 1], ("take", span)))
            best[i][j], choice[i][j] = max(options, key=lambda o: o[0])
    out: list[Assignment] = []
    i = j = 0
    taken = 0
    while i < n or j < m:
        action, span = choice[i][j]
        if action == "take":
            rows = [slots[free[k]] for k in range(i, i + span)]
            result = fit_group(groups[j], rows, cache, span == len(slots))
            assert result.best is not None
            out.append(Assignment(rows, groups[j], result, result.best, by_order=True))
            taken += span
            i += span
            j += 1
        elif action == "skip-group":
            j += 1
        elif action == "skip-row":
            i += 1
        else:
            break
    # Values that fit no free row at all (a stray 1 from a page break) do not make the
    # placement of the others doubtful; values that could have gone elsewhere do.
    # A group of run-on rows fits only the rows it took (see _run_on_span).
    run_on_groups = {id(a.group) for a in out if len(a.rows) > _SPAN_WITHOUT_ARITHMETIC}
    fitting = sum(
        1
        for group in groups
        if id(group) in run_on_groups
        or any(_score(group, [slots[row]], cache, row in labelled) > neg for row in free)
        or _score(
            group,
            [slots[row] for row in free[:3]],
            cache,
            any(row in labelled for row in free[:3]),
            len(free[:3]) == len(slots),
        )
        > neg
    )
    exact_fit = taken == n and len(out) == fitting
    for assignment in out:
        assignment.placement_certain = exact_fit
        assignment.split_certain = assignment.result.certain
    return out


#: Rows a group may fill without arithmetic: the appeals table's three of one line.
_SPAN_WITHOUT_ARITHMETIC = 3


def _spans(slots: Sequence[RowSlot], free: Sequence[int], first: int) -> list[int]:
    """How many free rows from ``free[first]`` one group may fill, up to three: only
    consecutive template rows, and more than one only of the same columns (the
    appeals table's rows printed on one line)."""
    spans = []
    for span in range(1, _SPAN_WITHOUT_ARITHMETIC + 1):
        if first + span > len(free) or free[first + span - 1] - free[first] != span - 1:
            break
        if span > 1:
            columns = slots[free[first]].columns
            if len(columns) < 2 or slots[free[first + span - 1]].columns != columns:
                break
        spans.append(span)
    return spans


def _run_on_span(
    slots: Sequence[RowSlot],
    labelled: dict[int, list[Placed]],
    free: Sequence[int],
    first: int,
    group: Group,
) -> int:
    """How many free rows from ``free[first]`` ``group`` may fill beyond three: the
    values of several rows run on after the first one's label, their labels printed
    after them (pdftotext's default reading order puts 5.要求行政机关确认… and the
    three rows of （六）其他处理 after the 35 values of these five rows). Only from
    the row whose label the group follows, over rows of one width whose labels are
    all in the text and which have arithmetic, and only when the group holds exactly
    their values (its fit must still add up in every row, two of them at least with
    figures other than 0; see :func:`_score`). 0 when it may not."""
    if group.anchored != slots[free[first]].row_id:
        return 0
    width = len(slots[free[first]].columns)
    count = len(group.chunks)
    if width < 2 or count % width or count // width <= _SPAN_WITHOUT_ARITHMETIC:
        return 0
    span = count // width
    rows = free[first : first + span]
    if len(rows) < span:
        return 0
    # consecutive rows of the template, but for the heading of a group between them
    taken = set(rows)
    if any(
        index not in taken and not slots[index].collapsed_group
        for index in range(rows[0], rows[-1] + 1)
    ):
        return 0
    if not all(
        index in labelled and slots[index].identities and len(slots[index].columns) == width
        for index in rows
    ):
        return 0
    return span


def _shown_by_arithmetic(result: SplitResult, rows: Sequence[RowSlot]) -> bool:
    """Whether the one reading of a group over ``rows`` adds up in every row, two rows
    at least with a figure other than 0 (rows of zeros add up whatever their order)."""
    best = result.best
    if best is None or not (result.exact and best.balanced):
        return False
    start = figured = 0
    for row in rows:
        end = start + len(row.columns)
        figured += any(value.number for value in best.values[start:end])
        start = end
    return figured >= 2


def _score(
    group: Group,
    rows: Sequence[RowSlot],
    cache: dict[tuple[int, str], SplitResult],
    labelled: bool,
    whole_table: bool = False,
) -> float:
    """How well ``group`` fits ``rows`` (``labelled``: a row's label is in the text;
    ``whole_table``: see :func:`fit_group`)."""
    result = fit_group(group, rows, cache, whole_table)
    best = result.best
    if best is None:
        return float("-inf")
    if len(rows) > _SPAN_WITHOUT_ARITHMETIC and not _shown_by_arithmetic(result, rows):
        return float("-inf")  # run-on rows are taken on their arithmetic only
    if result.gaps:
        # Rows a placement among blanks leaves all blank are claimed on no evidence: only
        # the rows that take a value count (the appeals table printed on one line).
        filled = start = 0
        for row in rows:
            end = start + len(row.columns)
            filled += any(value.number is not None for value in best.values[start:end])
            start = end
        score = 10.0 * filled
    else:
        score = (4.0 if group.all_blank else 10.0) * len(rows)
    if result.exact:
        score += 3
    if result.certain:
        score += 2
    if not best.balanced:
        score -= 4
    if labelled:
        score += 1
    # Break ties by the labels around the values: a value line right after a label, or
    # (in PDF text) right before one, belongs to that label.
    if group.label_before == rows[0].row_id:
        score += 0.6
    if group.label_after == rows[-1].row_id:
        score += 0.5
    return score


#: Most combinations of doubtful rows the column arithmetic is asked to settle.
MAX_COMBINATIONS = 4096


def settle_with_columns(table: TableSpec, assignments: list[Assignment]) -> None:
    """Pick the readings of doubtful rows that the table's column arithmetic confirms.

    All doubtful rows are settled together: two wrong readings can cancel out in a
    column sum, so a row is only made certain when exactly one combination of readings
    of all doubtful rows satisfies every column identity.
    """
    checks = [i for i in table.identities if i.kind is not IdentityKind.ROW_TOTAL]
    doubtful = [a for a in assignments if not a.result.certain and len(a.result.readings) > 1]
    if not checks or not doubtful:
        return
    if any(len(a.result.readings) >= MAX_READINGS for a in doubtful):
        # The search stopped at MAX_READINGS: the right reading may not be among them,
        # and one combination adding up would prove nothing.
        return
    options = [a.result.readings for a in doubtful]
    combinations = 1
    for readings in options:
        combinations *= len(readings)
    if combinations > MAX_COMBINATIONS:
        return
    winners: list[tuple[Reading, ...]] = []
    for combination in product(*options):
        values = _table_values(assignments, dict(zip(map(id, doubtful), combination, strict=True)))
        if all(_identity_holds(table, identity, values) for identity in checks):
            winners.append(combination)
            if len(winners) > 1:
                break
    if len(winners) != 1:
        return
    for assignment, reading in zip(doubtful, winners[0], strict=True):
        assignment.reading = reading
        assignment.split_certain = True
        assignment.result = assignment.result._replace(certain=True)


def _table_values(
    assignments: Sequence[Assignment], replace: dict[int, Reading] | None = None
) -> dict[str, int | Decimal | None]:
    values: dict[str, int | Decimal | None] = {}
    for assignment in assignments:
        reading = (replace or {}).get(id(assignment), assignment.reading)
        index = 0
        for row in assignment.rows:
            for column in row.columns:
                values[f"{row.row_id}.{column}"] = reading.values[index].number
                index += 1
    return values


def _expand(patterns: Iterable[str], rows: Iterable[str]) -> list[str]:
    row_ids = list(rows)
    out: list[str] = []
    for pattern in patterns:
        if pattern.endswith(".*"):
            prefix = pattern[:-1]
            out.extend(r for r in row_ids if r.startswith(prefix))
        elif pattern in row_ids:
            out.append(pattern)
    return out


def _identity_holds(
    table: TableSpec, identity: IdentitySpec, values: dict[str, int | Decimal | None]
) -> bool:
    rows_present = {key.rsplit(".", 1)[0] for key in values}
    columns = [c.id for c in table.columns]
    if identity.kind is IdentityKind.COLUMN_TOTAL:
        assert identity.total is not None
        left, right = [identity.total], _expand(identity.parts, rows_present)
    else:
        left, right = _expand(identity.left, rows_present), _expand(identity.right, rows_present)
    for column in columns:
        lhs = [values.get(f"{r}.{column}") for r in left]
        rhs = [values.get(f"{r}.{column}") for r in right]
        if not lhs or not rhs or any(v is None for v in lhs + rhs):
            continue
        if sum(v for v in lhs if v is not None) != sum(v for v in rhs if v is not None):
            return False
    return True


def emit_aligned(
    stream: Stream,
    plan: TablePlan,
    labelled: dict[int, list[Placed]],
    assignments: Sequence[Assignment],
    groups: Sequence[Group],
    out: TableReading,
) -> None:
    table = plan.table
    cells = out.cells
    notes = out.notes
    position = stream.position
    made = out.made
    filled: set[str] = set()
    for assignment in assignments:
        values = assignment.reading.values
        uncertain = not assignment.certain
        doubts = _doubts(assignment) if uncertain else ()
        line = position(assignment.group.start).line
        index = 0
        for row in assignment.rows:
            width = len(row.columns)
            _, row_cells, row_notes = value_row(
                table.id,
                row,
                values[index : index + width],
                stream,
                line,
                made,
                doubts[index : index + width],
            )
            index += width
            cells.update(row_cells)
            notes.extend(row_notes)
            filled.add(row.row_id)
        if uncertain:
            read = " ".join(v.text or "_" for v in values)
            alternatives = [
                " ".join(str(v.number) if v.number is not None else "_" for v in r.values)
                for r in assignment.result.readings[:4]
            ]
            if assignment.group.at_end:
                how = "the text ends in these values: they may be cut short"
            elif assignment.group.doubts is not None:
                how = "listed column by column, which column is which not settled"
            elif assignment.by_order:
                how = "placed by order among detached values"
                if assignment.result.gaps:
                    how += ", printed without their blank cells"
            elif assignment.result.gaps:
                how = "printed without its blank cells, the values placed among them"
            else:
                how = "glued digits"
            notes.append(
                ParseNote(
                    NoteCode.UNCERTAIN_SPLIT,
                    f"{table.id}.{'+'.join(r.row_id for r in assignment.rows)}: {how}; "
                    f"read {read!r}"
                    + (
                        f"; other readings: {'; '.join(alternatives[1:])}"
                        if len(alternatives) > 1
                        else ""
                    ),
                    element=f"{table.id}.{assignment.rows[0].row_id}",
                    found=" ".join(c.text for c in assignment.group.chunks),
                    line=line,
                )
            )
    used = {id(a.group) for a in assignments}
    unplaced = [
        g for g in groups if id(g) not in used and not g.all_blank and g.extra_label is None
    ]
    # Only in a table whose other values all found their rows: where others were left
    # too, the last row's few values are more likely its layout than the text's end.
    if len(unplaced) == 1 and _read_cut_row(stream, plan, unplaced[0], filled, out):
        used.add(id(unplaced[0]))
    # A row whose values are among values left unplaced is not printed without values.
    unread = {row for g in groups if id(g) not in used for row in g.claims}
    # Numbers before the table's first row (its first values placed, or its first
    # label when that comes first) are header debris; with no values placed, values
    # listed before their labels (PDF text) are none.
    first_row = (
        min(
            [a.group.start for a in assignments]
            + [hits[0].start for hits in labelled.values() if hits]
        )
        if assignments
        else None
    )
    left = [
        group
        for group in groups
        if id(group) not in used
        and not group.all_blank
        and group.extra_label is None
        and (first_row is None or group.start >= first_row or group.claims)
    ]
    unfilled = [
        slot
        for number, slot in enumerate(plan.slots)
        if slot.row_id not in filled
        and slot.row_id not in unread
        and not slot.collapsed_group
        and labelled.get(number)
    ]
    if unfilled and sum(len(group.chunks) for group in left) >= max(
        2, min(len(slot.cell_ids) for slot in unfilled)
    ):
        # Values enough for a row were left unplaced (a text that lists a table's
        # values apart from its labels in an order not made out): a labelled row
        # without values may own some of them, and is not said to be printed blank.
        unread.update(slot.row_id for slot in unfilled)
    else:
        # Nor is a row whose label the values left unplaced follow (a row printed
        # narrower than the table: `label | | 0 |`, which cell the 0 is unknown).
        after_label = {group.label_before for group in left}
        unread.update(slot.row_id for slot in unfilled if slot.row_id in after_label)
    filled.update(unread)
    out.unread.update(f"{table.id}.{row}" for row in unread)
    blank_rows(stream, plan, labelled, filled, out)
    for group in left:
        if (
            group.label_above is not None
            and not group.claims
            and len(group.chunks) in plan.widths  # a row's worth of values
        ):
            out.notes.append(extra_row_note(stream, table.id, group.label_above, group))
            continue
        whose = f" (the values of {', '.join(group.claims)})" if group.claims else ""
        written = " ".join(c.text for c in group.chunks)
        out.notes.append(
            ParseNote(
                NoteCode.UNASSIGNED_VALUES,
                f"{table.id}: values no row could take{whose}: {written}",
                element=table.id,
                found=written,
                line=stream.position(group.start).line,
                # "rows": figures of printed rows are among them and were not read;
                # "stray": numbers no printed row is known to own (a page number).
                variant="rows" if group.claims else "stray",
            )
        )


def _read_cut_row(
    stream: Stream, plan: TablePlan, group: Group, filled: set[str], out: TableReading
) -> bool:
    """Read the values that end the text after their own row's label, fewer than the
    row has cells (an excerpt cut inside the row): each in a cell of its own (after a
    tab, a pipe or on a line of its own) is its column's, from the first on, and in
    doubt (the last may be cut short too); the cells after them are not in the text
    and stay unread. Not so a lone value of several digits (glued digits may be several
    cells: every cut would be made up), nor values set apart by spaces only. Whether
    the group was read so."""
    row_id = group.anchored
    if not group.at_end or row_id is None or row_id in filled or row_id not in plan.index_of:
        return False
    slot = plan.slots[plan.index_of[row_id]]
    chunks = group.chunks
    if not 1 <= len(chunks) < len(slot.kinds) or slot.collapsed_group:
        return False
    if len(chunks) == 1:
        # A lone 0 or 7 in a cell of its own is one cell; a lone 23 may be two, and a
        # value after a space may be any cell of a PDF row that leaves blanks out.
        lone = chunks[0]
        if lone.kind is not NUMBER or len(lone.text) != 1:
            return False
        if lone.start and stream.text[lone.start - 1] not in "\t\n":
            return False
    if not all(chunk.hard_start for chunk in chunks):
        return False  # values apart by spaces only: PDF text leaves blank cells out
    values: list[Value] = []
    for chunk, kind in zip(chunks, slot.kinds, strict=False):
        if chunk.kind is BLANK:
            values.append(Value(None, chunk.text, chunk.start))
            continue
        parsed = parse_value(chunk.text, kind) if chunk.kind is NUMBER else None
        if parsed is None:
            return False
        values.append(Value(parsed[0], chunk.text, chunk.start, parsed[1]))
    count = len(values)
    written = RowSlot(
        slot.spec,
        slot.row_id,
        slot.columns[:count],
        slot.kinds[:count],
        (),
        (),
        cell_ids=slot.cell_ids[:count],
    )
    line = stream.position(group.start).line
    _, row_cells, row_notes = value_row(
        plan.table.id, written, values, stream, line, out.made, [True] * count
    )
    out.cells.update(row_cells)
    out.notes.extend(row_notes)
    out.notes.append(
        ParseNote(
            NoteCode.UNCERTAIN_SPLIT,
            f"{plan.table.id}.{row_id}: the text ends in this row after {count} of its "
            f"{len(slot.kinds)} values: read {' '.join(v.text or '_' for v in values)!r} "
            f"into its first {'cell' if count == 1 else 'cells'}; the others are not in the text",
            element=f"{plan.table.id}.{row_id}",
            found=" ".join(chunk.text for chunk in chunks),
            line=line,
        )
    )
    filled.add(row_id)
    return True


def _doubts(assignment: Assignment) -> list[bool]:
    """For each value of a doubtful assignment, whether it is in doubt.

    When the group surely belongs to its rows and only the split is in doubt, a value
    that every reading the rows' arithmetic allows gives alike is read for certain (the
    总计 of a row printed without its blank cells). Not when the search stopped at its
    limit: the readings it did not make might differ.
    """
    width = len(assignment.reading.values)
    group = assignment.group
    if group.doubts is not None and not group.at_end:
        return list(group.doubts)  # which listed column is which (see _moved_total)
    result = assignment.result
    readings = result.readings
    if (
        not assignment.placement_certain
        or assignment.group.at_end  # the text may have cut any value short
        or result.exact  # the doubt is not which split
        or len(readings) >= MAX_READINGS
    ):
        return [True] * width
    # As for the whole row (split_row): only a row's arithmetic rules readings out; a
    # row without it (本年制发/废止/现行有效) keeps every reading the text allows.
    top: Sequence[Reading] = readings
    if all(row.identities for row in assignment.rows):
        top = [r for r in readings if r.balanced and r.plausible] or readings
    best = numbers_of(assignment.reading.values)
    others = [numbers_of(reading.values) for reading in top]
    return [any(other[i] != best[i] for other in others) for i in range(width)]
