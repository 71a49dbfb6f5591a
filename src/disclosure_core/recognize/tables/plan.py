"""The template compiled for reading tables, and the working types of a reading."""

from __future__ import annotations

from typing import NamedTuple

from attrs import define, field, frozen

from disclosure_core.model.report import Cell, ParseNote
from disclosure_core.recognize.labels import Hit, LabelKind, LabelRef
from disclosure_core.recognize.normalize import compact
from disclosure_core.recognize.split import Reading, RowIdentity, SplitResult
from disclosure_core.recognize.stream import Chunk, ChunkKind
from disclosure_core.templates.spec import (
    ColumnKind,
    IdentityKind,
    RowSpec,
    TableSpec,
    TemplateSpec,
)

# Enum members as module constants: looking a member up on its class is slow in
# Python 3.11, and they are compared in every loop here.
BLANK, JUNK, NUMBER = ChunkKind.BLANK, ChunkKind.JUNK, ChunkKind.NUMBER
SECTION, ROW, GROUP = LabelKind.SECTION, LabelKind.ROW, LabelKind.GROUP
CAPTION, COLUMN = LabelKind.CAPTION, LabelKind.COLUMN


class Placed(NamedTuple):
    """A hit with its original offsets and its meaning in the chosen template.

    A tuple, not an attrs class: one is made for every label of every report.
    """

    hit: Hit
    start: int
    end: int
    ref: LabelRef | None
    table: str | None


class Group:
    """Values that belong together: one row's cells, or several rows' (appeals).

    A group read from the rest of a table row (see :func:`.groups._row_cells`) keeps the
    row's cells as text and makes its chunks only when asked: most such groups
    fill their row directly (:func:`.fitting.fit_group`), and never need them.
    """

    __slots__ = (
        "_blank",
        "_chunks",
        "after",
        "after_label_on_line",
        "anchored",
        "at_end",
        "cells",
        "claims",
        "clean",
        "doubtful",
        "doubts",
        "extra_label",
        "first",
        "held",
        "label_above",
        "label_after",
        "label_before",
        "line",
        "prose_after",
        "table",
    )

    def __init__(
        self,
        chunks: list[Chunk] | None,
        table: str | None,
        after: int | None,  # index of the placed hit before it
        cells: list[str] | None = None,
        first: int = 0,
        line: int = 0,
    ) -> None:
        self._chunks = chunks
        self._blank: bool | None = None
        #: The cells of a row's rest, the first at offset ``first`` on ``line``, each
        #: after a tab: numbers and blank markers only.
        self.cells = cells
        self.first = first
        self.line = line
        self.table = table
        self.after = after
        self.anchored: str | None = None  # row ID it follows directly
        self.clean = True  # nothing but white space between the label and the values
        self.doubtful = False  # anchored by a guess (listed values in an unknown order)
        #: For each value, whether it is in doubt when only some are: listed values
        #: whose columns the arithmetic places only in part (see :func:`.listings._moved_total`).
        self.doubts: tuple[bool, ...] | None = None
        self.at_end = False  # its last chunk ends the text: the text may cut it off
        #: The rows whose labels say these are their values, when they may stay unplaced
        #: (values the text cut off, a listed block in no certain order).
        self.claims: tuple[str, ...] = ()
        #: Kept out of placement by order: a listed block whose rows read to different
        #: values in either order.
        self.held = False
        self.extra_label: str | None = None  # a label the template does not have (小计)
        #: Text the line before the values holds alone, which may be such a label (one
        #: cell a line): said to be one when no row takes the values.
        self.label_above: str | None = None
        self.label_before: str | None = None  # the nearest row label before the values
        self.label_after: str | None = None  # the nearest row label after them
        self.after_label_on_line = False  # on the same line as the label before it
        #: Text follows its last value on its line (2024 年…): a figure of a sentence.
        self.prose_after = False

    @property
    def chunks(self) -> list[Chunk]:
        chunks = self._chunks
        if chunks is None:
            # What Stream.chunks() makes of the row's rest: each cell a chunk.
            assert self.cells is not None
            chunks = []
            position = self.first
            for text in self.cells:
                kind = NUMBER if text.isdecimal() else BLANK
                chunks.append(tuple_new(Chunk, (kind, text, position, self.line, True)))
                position += len(text) + 1
            self._chunks = chunks
        return chunks

    @property
    def start(self) -> int:
        if self._chunks is None:
            return self.first
        return self._chunks[0].start

    @property
    def last_start(self) -> int:
        """Where the last chunk starts."""
        cells = self.cells
        if self._chunks is None and cells is not None:
            return self.first + sum(map(len, cells)) + len(cells) - 1 - len(cells[-1])
        return self.chunks[-1].start

    @property
    def all_blank(self) -> bool:
        blank = self._blank
        if blank is None:
            # A group's chunks never change once made: asked several times, read once.
            if self._chunks is None and self.cells is not None:
                blank = not any(text.isdecimal() for text in self.cells)
            else:
                blank = all(chunk.kind is BLANK for chunk in self.chunks)
            self._blank = blank
        return blank


@frozen(eq=False)
class RowSlot:
    """A template row as recognition sees it: its kinds and arithmetic.

    Slots are compiled once per template (:class:`TablePlan`) and shared by every
    read, so the label hits of one read are kept apart (``labelled``: slot index ->
    the hits of the slot's label).
    """

    spec: RowSpec
    row_id: str
    columns: tuple[str, ...]
    kinds: tuple[ColumnKind, ...]
    identities: tuple[RowIdentity, ...]
    stock: tuple[RowIdentity, ...]
    collapsed_group: bool = False  # a group printed as one row (（六）其他处理)
    cell_ids: tuple[str, ...] = ()  # table.row.column of each column


@frozen(eq=False)
class TablePlan:
    """What recognition needs of a template table, compiled once."""

    table: TableSpec
    slots: tuple[RowSlot, ...]
    index_of: dict[str, int]  # row ID -> slot (the last slot of an ID, as a dict builds)
    widths: frozenset[int]
    #: For each slot, the slots of the rows of the group it stands for (collapsed groups).
    members: tuple[tuple[int, ...], ...]


@frozen(eq=False)
class TemplatePlan:
    """A template's tables compiled for :func:`.reading.read_tables` (build once, reuse)."""

    template: TemplateSpec
    tables: tuple[TablePlan, ...]
    header_words: tuple[str, ...]
    #: The table of each section that has one (the first, as the template lists them).
    section_tables: dict[str, str]
    #: :func:`row_cell_ids` of each table, by table ID.
    row_ids: dict[str, tuple[RowCellIds, ...]]


#: A row's cell IDs, and those of its collapsible group printed as one row (the group's
#: ID in place of the row's, over the row's columns; empty when there is no such group).
RowCellIds = tuple[tuple[str, ...], tuple[str, ...]]


def row_cell_ids(table: TableSpec) -> tuple[RowCellIds, ...]:
    """:data:`RowCellIds` of each row of ``table``, in order."""
    collapsible = {group.id for group in table.groups if group.collapsible}
    out = []
    for row in table.rows:
        columns = table.row_columns(row)
        own = tuple(f"{table.id}.{row.id}.{column}" for column in columns)
        grouped = (
            tuple(f"{table.id}.{row.group}.{column}" for column in columns)
            if row.group in collapsible
            else ()
        )
        out.append((own, grouped))
    return tuple(out)


def template_plan(template: TemplateSpec) -> TemplatePlan:
    """Compile ``template``'s tables for :func:`.reading.read_tables`."""
    # Generic column headers (总计, 其他) are not indexed as labels; they are still
    # header text, not the label of a row the template lacks.
    header_words = sorted(
        {compact(c.label) for t in template.tables for c in t.columns}
        | {compact(v.text) for t in template.tables for v in t.headers},
        key=len,
        reverse=True,
    )
    section_tables: dict[str, str] = {}
    for table in template.tables:
        section_tables.setdefault(table.section, table.id)
    return TemplatePlan(
        template,
        tuple(_table_plan(table) for table in template.tables),
        tuple(header_words),
        section_tables,
        {table.id: row_cell_ids(table) for table in template.tables},
    )


def _table_plan(table: TableSpec) -> TablePlan:
    slots = tuple(_row_slots(table))
    index_of = {slot.row_id: i for i, slot in enumerate(slots)}
    members = tuple(
        tuple(j for j, other in enumerate(slots) if other.spec.group == slot.row_id)
        for slot in slots
    )
    return TablePlan(table, slots, index_of, frozenset(len(s.columns) for s in slots), members)


@define
class Assignment:
    """Values placed into one or more consecutive rows."""

    rows: list[RowSlot]
    group: Group
    result: SplitResult
    reading: Reading
    by_order: bool = False
    placement_certain: bool = True  # the group surely belongs to these rows
    split_certain: bool = True  # the values surely read this way

    @property
    def certain(self) -> bool:
        return self.placement_certain and self.split_certain


@define
class TableReading:
    """What was read for a template's tables."""

    cells: dict[str, Cell] = field(factory=dict)
    notes: list[ParseNote] = field(factory=list)
    tables: set[str] = field(factory=set)
    #: Rows (``table.row``) whose labels are printed but whose values were left unplaced.
    unread: set[str] = field(factory=set)
    #: The cells made so far, by what they hold: a working cache (see value_row).
    made: dict[tuple[object, ...], Cell] = field(factory=dict)


tuple_new = tuple.__new__


def _row_slots(table: TableSpec) -> list[RowSlot]:
    slots: list[RowSlot] = []
    seen_groups: set[str] = set()
    collapsible = {group.id: group for group in table.groups if group.collapsible}
    for row in table.rows:
        if row.group in collapsible and row.group not in seen_groups:
            group = collapsible[row.group]
            pseudo = RowSpec(id=group.id, label=group.label, number=group.number)
            slots.append(_slot(table, pseudo, collapsed=True))
        if row.group is not None:
            seen_groups.add(row.group)
        slots.append(_slot(table, row))
    return slots


def _slot(table: TableSpec, row: RowSpec, *, collapsed: bool = False) -> RowSlot:
    columns = table.row_columns(row)
    kinds = tuple(table.column(c).kind for c in columns)
    identities = []
    for identity in table.identities:
        if identity.kind is not IdentityKind.ROW_TOTAL or identity.total not in columns:
            continue
        if identity.rows and row.id not in identity.rows:
            continue
        if all(part in columns for part in identity.parts):
            identities.append(
                RowIdentity(
                    columns.index(identity.total), tuple(columns.index(p) for p in identity.parts)
                )
            )
    stock = []
    if row.stock_column is not None:
        base = columns.index(row.stock_column)
        stock.append(RowIdentity(base, tuple(i for i in range(len(columns)) if i != base)))
    return RowSlot(
        row,
        row.id,
        columns,
        kinds,
        tuple(identities),
        tuple(stock),
        collapsed_group=collapsed,
        cell_ids=tuple(f"{table.id}.{row.id}.{column}" for column in columns),
    )
