"""Notes on a table read: rows printed blank, label variants, renamed headers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from disclosure_core.model.report import Cell, NoteCode, ParseNote, Provenance
from disclosure_core.recognize.stream import Stream
from disclosure_core.recognize.tables.plan import (
    CAPTION,
    COLUMN,
    ROW,
    SECTION,
    Group,
    Placed,
    TablePlan,
    TableReading,
)
from disclosure_core.templates.spec import TableSpec, VariantKind

#: The text ends in a label's own cell: after the label, nothing or the rest of its
#: cell (``其他对外管理服务事项(指行政许可以``, an excerpt cut inside the label's
#: explanation), with no figure and no blank marker, then only white space and pipes.
_TEXT_ENDS = re.compile(r"[^\n\t|｜\d无空/／\-－−—–]*[\s|｜]*\Z")


def blank_rows(
    stream: Stream,
    plan: TablePlan,
    labelled: dict[int, list[Placed]],
    filled: set[str],
    out: TableReading,
) -> None:
    """Blank cells and a note for each row whose label is printed without values."""
    table = plan.table
    position = stream.position
    for number, slot in enumerate(plan.slots):
        if slot.row_id in filled or slot.collapsed_group:
            continue
        label_hits = labelled.get(number)
        if label_hits:
            first = label_hits[0]
            if _TEXT_ENDS.match(stream.text, label_hits[-1].end):
                # The text ends with the label's cell (an excerpt cut right after it):
                # its values are not in the text, which says nothing of them.
                out.unread.add(f"{table.id}.{slot.row_id}")
                continue
            # The blank row's cells point just past its label, where its values would be.
            after = position(first.end)
            blank = Cell(None, Provenance("", after.line, after.column, after.page))
            for cell_id in slot.cell_ids:
                out.cells[cell_id] = blank
            out.notes.append(
                ParseNote(
                    NoteCode.BLANK_CELL,
                    f"{table.id}.{slot.row_id}: the row is printed without values",
                    element=f"{table.id}.{slot.row_id}",
                    found="",
                    line=position(first.start).line,
                )
            )


def label_notes(plan: TablePlan, labelled: dict[int, list[Placed]], out: TableReading) -> None:
    table = plan.table
    for number, slot in enumerate(plan.slots):
        for placed in labelled.get(number, ())[:1]:
            ref = placed.ref
            if ref is None or ref.variant is None:
                continue
            code = (
                NoteCode.LABEL_DEVIATION
                if ref.variant is VariantKind.DEVIATION
                else NoteCode.LABEL_VARIANT
            )
            out.notes.append(
                ParseNote(
                    code,
                    f"{table.id}.{slot.row_id}: label written {placed.hit.text!r} "
                    f"({ref.variant.value}), "
                    f"template: {ref.canonical}",
                    element=f"{table.id}.{slot.row_id}",
                    found=placed.hit.text,
                    expected=ref.canonical,
                    variant=ref.variant.value,
                )
            )


def header_notes(
    stream: Stream,
    table: TableSpec,
    own: Sequence[Placed],
    placed: Sequence[Placed],
    out: TableReading,
) -> None:
    """Check each block's column header against the block's columns (表二 blocks)."""
    if not table.blocks:
        return
    captions = [p for p in own if p.ref is not None and p.ref.kind is CAPTION]
    for caption in captions:
        assert caption.ref is not None
        block = next((b for b in table.blocks if b.caption == caption.ref.element), None)
        if block is None:
            continue
        index = placed.index(caption)
        headers: list[Placed] = []
        for later in placed[index + 1 :]:
            if later.ref is not None and later.ref.kind in (
                ROW,
                CAPTION,
                SECTION,
            ):
                break
            if later.ref is not None and later.ref.kind is COLUMN:
                headers.append(later)
        for position, header in enumerate(headers):
            assert header.ref is not None
            if header.ref.element in block.columns:
                if header.ref.variant is not None:
                    column = table.column(header.ref.element)
                    out.notes.append(
                        ParseNote(
                            NoteCode.LABEL_VARIANT,
                            f"{table.id}: column header written {header.hit.text!r}, "
                            f"template: {column.label}",
                            element=f"{table.id}.{block.rows[0]}.{column.id}",
                            found=header.hit.text,
                            expected=column.label,
                            variant=header.ref.variant.value,
                            line=stream.position(header.start).line,
                        )
                    )
                continue
            expected_column = block.columns[min(position, len(block.columns) - 1)]
            column = table.column(expected_column)
            for row in block.rows:
                out.notes.append(
                    ParseNote(
                        NoteCode.LABEL_DEVIATION,
                        f"{table.id}.{row}: the {block.caption} column is headed "
                        f"{header.hit.text!r}, "
                        f"the template has {column.label}",
                        element=f"{table.id}.{row}.{expected_column}",
                        found=header.hit.text,
                        expected=column.label,
                        variant=VariantKind.DEVIATION.value,
                        line=stream.position(header.start).line,
                    )
                )


def extra_row_note(stream: Stream, table_id: str, label: str, group: Group) -> ParseNote:
    """The note on ``group``'s values, the row of a ``label`` the template lacks."""
    return ParseNote(
        NoteCode.EXTRA_ROW,
        f"{table_id}: a row the template does not have: {label} "
        f"({' '.join(chunk.text or '_' for chunk in group.chunks)})",
        element=table_id,
        found=label,
        line=stream.position(group.start).line,
    )
