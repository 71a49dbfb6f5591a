"""Read a report's tables: place the numbers between labels into the template's rows.

The text between two labels is cut into chunks (``stream.py``) and the chunks into
*value groups*: a line of several values, or a run of one-value lines (one cell per
line). A group is *anchored* to a row when it follows that row's label directly (on the
same line, or on the next lines in a one-cell-per-line layout). Other groups float:
PDF text puts a row's numbers before its label, PDF-to-markdown conversions detach
them. Floating groups are placed, in order, into the rows left free between anchors;
when their number does not match the free rows, the placement is marked uncertain.
Glued digits are split with the row's arithmetic (``split.py``), and what a row cannot
settle the table's column arithmetic may.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from difflib import SequenceMatcher
from itertools import pairwise, product
from typing import Literal, NamedTuple

from attrs import define, field, frozen

from disclosure_core.model.report import Cell, NoteCode, ParseNote, Provenance
from disclosure_core.recognize.labels import Hit, LabelKind, LabelRef
from disclosure_core.recognize.normalize import (
    CompactText,
    compact,
    is_ideograph,
    shared_start,
)
from disclosure_core.recognize.split import (
    MAX_READINGS,
    Reading,
    RowIdentity,
    SplitResult,
    Value,
    fit_cells,
    parse_value,
    split_cells,
    split_row,
)
from disclosure_core.recognize.stream import BLANK_MARKERS, Chunk, ChunkKind, Stream
from disclosure_core.templates.spec import (
    ColumnKind,
    IdentityKind,
    IdentitySpec,
    RowSpec,
    TableSpec,
    TemplateSpec,
    VariantKind,
)

# Enum members as module constants: looking a member up on its class is slow in
# Python 3.11, and they are compared in every loop here.
_BLANK, _JUNK, _NUMBER = ChunkKind.BLANK, ChunkKind.JUNK, ChunkKind.NUMBER
_SECTION, _ROW, _GROUP = LabelKind.SECTION, LabelKind.ROW, LabelKind.GROUP
_CAPTION, _COLUMN = LabelKind.CAPTION, LabelKind.COLUMN


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

    A group read from the rest of a table row (see :func:`_row_cells`) keeps the
    row's cells as text and makes its chunks only when asked: most such groups
    fill their row directly (:func:`_fit`), and never need them.
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
        #: whose columns the arithmetic places only in part (see :func:`_moved_total`).
        self.doubts: tuple[bool, ...] | None = None
        self.at_end = False  # its last chunk ends the text: the text may cut it off
        #: The rows whose labels say these are their values, when they may stay unplaced
        #: (values the text cut off, a listed block in no certain order).
        self.claims: tuple[str, ...] = ()
        #: Kept out of placement by order: a listed block whose rows read to different
        #: values in either order.
        self.held = False
        self.extra_label: str | None = None  # a label the template does not have (小计)
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
                kind = _NUMBER if text.isdecimal() else _BLANK
                chunks.append(_tuple_new(Chunk, (kind, text, position, self.line, True)))
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
                blank = all(chunk.kind is _BLANK for chunk in self.chunks)
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
    """A template's tables compiled for :func:`read_tables` (build once, reuse)."""

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
    """Compile ``template``'s tables for :func:`read_tables`."""
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
    #: The cells made so far, by what they hold: a working cache (see _value_row).
    made: dict[tuple[object, ...], Cell] = field(factory=dict)


def read_tables(
    stream: Stream,
    text: CompactText,
    hits: Sequence[Hit],
    template: TemplateSpec,
    area: tuple[int, int],
    plan: TemplatePlan | None = None,
) -> TableReading:
    """Read every table of ``template`` from the hits inside ``area`` (original offsets).

    ``plan`` is ``template`` compiled by :func:`template_plan` (compiled here if not
    given: a caller reading many documents should compile it once).
    """
    if plan is None or plan.template is not template:
        plan = template_plan(template)
    source = stream.text
    length = len(source)
    template_id = template.id
    section_tables = plan.section_tables
    run_compact = text.run_compact
    run_original = text.run_original
    compact_length = len(text.text)
    original_length = text.original_length
    low, high = area
    placed: list[Placed] = []
    bracketed: list[tuple[int, int]] = []  # the notes in brackets after labels
    new = _tuple_new
    haystack = text.text
    for hit in hits:
        ref = hit.ref_for(template_id)
        hit_end = hit.end
        if ref is not None and (ref.kind is _ROW or ref.kind is _GROUP):
            # A long label matched by its short variant may go on in full (PDF text
            # wraps 申请人无正当理由逾期不补正 / 、行政机关不再处理其政府信 / 息公开申请
            # around its values): the hit covers what goes on, which would otherwise
            # read as a sentence around a mention or as the label of an extra row.
            rest = ref.continued
            if rest and haystack.startswith(rest[:2], hit_end):
                hit_end += shared_start(rest, haystack[hit_end : hit_end + len(rest)])
        # text.original_span(hit.start, hit_end), inlined: it runs for every hit.
        first = hit.start
        if first >= compact_length:
            start = end = original_length
        else:
            run = bisect_right(run_compact, first) - 1
            start = run_original[run] + first - run_compact[run]
            last = hit_end - 1
            if last >= first:
                run = bisect_right(run_compact, last) - 1
                end = run_original[run] + last - run_compact[run] + 1
            else:
                end = start
        if not low <= start < high:
            continue
        if bracketed and start < bracketed[-1][1]:
            continue  # a row named in the note of the label before: no label
        while end < length and source[end] in _CLOSING:
            end += 1
        if end < length and source[end] in _OPENING and ref is not None and ref.kind is _ROW:
            note_end = _past_note(source, end)
            if note_end > end:
                bracketed.append((end, note_end))
                end = note_end
        table = ref.table if ref is not None else None
        if ref is not None and ref.kind is _SECTION:
            table = section_tables.get(ref.element)
        placed.append(new(Placed, (hit, start, end, ref, table)))
    starts = {p.start for p in placed}
    ends = {p.end for p in placed}
    placed = [p for p in placed if not _mentioned_in_prose(p, source, starts, ends)]
    groups = _groups(stream, placed, area, plan.header_words)
    _mark_the_end(groups, source)
    if groups and groups[-1].at_end:
        _drop_cut_row_number(groups[-1], plan)
    # Each table's labels and groups, in text order.
    own: dict[str | None, list[Placed]] = {}
    for p in placed:
        if p.ref is not None:
            own.setdefault(p.table, []).append(p)
    grouped: dict[str | None, list[Group]] = {}
    for group in groups:
        grouped.setdefault(group.table, []).append(group)
    out = TableReading()
    listed = _find_listings(plan, own, grouped) if any(map(_is_listed, groups)) else {}
    listed_order = _listed_order(plan, listed)
    for table_plan in plan.tables:
        table_id = table_plan.table.id
        _read_table(
            stream,
            table_plan,
            placed,
            own.get(table_id, []),
            grouped.get(table_id, []),
            out,
            listed.get(table_id, ()),
            listed_order,
        )
    return out


#: An unknown label names a row (as a piece of its label, or written a little
#: differently) only with this many ideographs (其他处理 does not).
_FRAGMENT_IDEOGRAPHS = 5
#: An unknown label is a row's, written a little differently, when it is this alike
#: (difflib's ratio) to the row's label, ordinal included, and to no other.
_NEAR_LABEL = 0.85


def _unlabelled_rows(
    plan: TablePlan, labelled: dict[int, list[Placed]], group: Group
) -> tuple[str, list[tuple[int, str]]]:
    """The unknown label before ``group``'s values (compact) and, when it has
    :data:`_FRAGMENT_IDEOGRAPHS` ideographs or more, the slots with cells whose rows
    are labelled nowhere, each with its compact label, ordinal included."""
    assert group.extra_label is not None
    written = compact(group.extra_label)
    if sum(1 for char in written if is_ideograph(char)) < _FRAGMENT_IDEOGRAPHS:
        return written, []
    return written, [
        (index, compact(slot.spec.number + slot.spec.label))
        for index, slot in enumerate(plan.slots)
        if index not in labelled and slot.columns
    ]


def _take_for_row(
    plan: TablePlan, index: int, group: Group, out: TableReading, how: str, variant: str
) -> None:
    """``group`` is the row of slot ``index``, not an extra row: a ``label-variant``
    note says the label was written ``how`` (``variant``)."""
    slot = plan.slots[index]
    found = compact(group.extra_label or "")
    expected = f"{slot.spec.number}{slot.spec.label}"
    group.extra_label = None
    group.anchored = slot.row_id
    out.notes.append(
        ParseNote(
            NoteCode.LABEL_VARIANT,
            f"{plan.table.id}.{slot.row_id}: label {how.format(found=repr(found))}, "
            f"template: {expected}",
            element=f"{plan.table.id}.{slot.row_id}",
            found=found,
            expected=expected,
            variant=variant,
        )
    )


def _label_fragment(
    plan: TablePlan, labelled: dict[int, list[Placed]], group: Group, out: TableReading
) -> bool:
    """Whether the unknown label before ``group``'s values is a piece of the labels of
    rows not labelled elsewhere (PDF text wraps a long label around its values, and a
    merged cell's text beside it cuts it: 2.申请人逾期未按收费通知要 / 他处理 /
    求缴纳费用、行政机关不再处理 6 0 0 …). Then it is no extra row: the group is that
    row's when the piece is one row's (a ``label-variant`` note says so), else it is
    left to be placed by order among those rows. ``False`` when it is no such piece.
    """
    piece, candidates = _unlabelled_rows(plan, labelled, group)
    rows = [index for index, label in candidates if piece in label]
    if not rows:
        return False
    if len(rows) != 1:
        group.extra_label = None
        return True
    _take_for_row(plan, rows[0], group, out, "printed in part, {found} (fragment)", "fragment")
    return True


def _near_label(
    plan: TablePlan, labelled: dict[int, list[Placed]], group: Group, out: TableReading
) -> bool:
    """Whether the unknown label before ``group``'s values is the label of a row not
    labelled elsewhere, written a little differently (二、上年结转政府信息公开数量 for
    二、上年结转政府信息公开申请数量: a word left out, a typo no variant lists). Then the
    group is that row's, with a ``label-variant`` note (``typo``)."""
    written, candidates = _unlabelled_rows(plan, labelled, group)
    near = []
    for index, label in candidates:
        matcher = SequenceMatcher(None, label, written, autojunk=False)
        if (
            matcher.real_quick_ratio() >= _NEAR_LABEL
            and matcher.quick_ratio() >= _NEAR_LABEL
            and matcher.ratio() >= _NEAR_LABEL
        ):
            near.append(index)
    if len(near) != 1:
        return False
    how = "written {found} (near the template's)"
    _take_for_row(plan, near[0], group, out, how, VariantKind.TYPO.value)
    return True


def _mark_the_end(groups: Sequence[Group], source: str) -> None:
    """Mark the last group when its values end the text (see :func:`_fit`)."""
    if not groups:
        return
    group = groups[-1]
    cells = group.cells
    if cells is not None:
        last_end = group.last_start + len(cells[-1])
    else:
        last = group.chunks[-1]
        last_end = last.start + len(last.text)
    group.at_end = last_end >= len(source.rstrip())
    if group.at_end and group.anchored is not None:
        group.claims = (group.anchored,)


def _drop_cut_row_number(group: Group, plan: TemplatePlan) -> None:
    """A text cut off just after the number of the next row's label (an excerpt that
    ends ``1.属于国家秘密 / 0 … 0 / 2``): ``group``, the last, then holds its row's
    values and that number on a line of its own. The number is dropped, and the
    values, which the label after them closes, are not cut short."""
    chunks = group.chunks
    if group.cells is not None or group.anchored is None or len(chunks) < 2:
        return
    last = chunks[-1]
    if last.kind is not _NUMBER or last.line == chunks[-2].line or not last.text.isdecimal():
        return
    table_plan = next((t for t in plan.tables if t.table.id == group.table), None)
    if table_plan is None or group.anchored not in table_plan.index_of:
        return
    index = table_plan.index_of[group.anchored]
    if index + 1 >= len(table_plan.slots):
        return
    slot = table_plan.slots[index]
    number = table_plan.slots[index + 1].spec.number.rstrip(".．、")
    if (
        number.isdecimal()
        and int(number) == int(last.text)
        and len(chunks) == len(slot.columns) + 1
    ):
        del chunks[-1]
        group.at_end = False
        group.claims = ()


#: Closing quotes after a label (危及“三安全一稳定”) belong to the label, not to its cell.
_CLOSING = frozenset("”’\"'」』")
_OPENING = frozenset("(（")
_CLOSING_BRACKETS = frozenset(")）")
#: The longest note in brackets a label is followed by (and the note that follows
#: 规范性文件 in some provinces' tables runs to 75 characters).
_MAX_NOTE = 200
_ROW_NUMBER_NOTE = re.compile(r"[(（][一二三四五六七八九十\d]{1,3}[)）]")


def _past_note(source: str, start: int) -> int:
    """Where a note in brackets that opens at ``start``, right after a row's label,
    ends: 规章（设区的市、自治州人民政府应提供相关数据）, 规范性文件（…一般情况下属于规范性
    文件）. The note belongs to the label, not to its cells, and the other rows it names
    are no labels. ``start`` itself when the brackets do not close on the line within
    :data:`_MAX_NOTE` characters, or hold a row number (the next row's （一）)."""
    if _ROW_NUMBER_NOTE.match(source, start):
        return start
    depth = 0
    for index in range(start, min(len(source), start + _MAX_NOTE)):
        char = source[index]
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING_BRACKETS:
            depth -= 1
            if not depth:
                return index + 1
        elif char == "\n":
            break
    return start


_tuple_new = tuple.__new__


#: Words that count what a number before them is (13件, 39条): running text, not cells.
_MEASURE_WORDS = frozenset("件条项个次人家户份篇期场")
#: Punctuation that continues a sentence after a label (行政许可、行政确认).
_SENTENCE_PUNCTUATION = frozenset("、。；;，")
#: Punctuation that ends a clause after a number: a sentence's figure (处罚1,回复…).
_CLAUSE_ENDS = _SENTENCE_PUNCTUATION | {","}


def _mentioned_in_prose(placed: Placed, source: str, starts: set[int], ends: set[int]) -> bool:
    """A row label named in running text (规章13件, 行政许可、行政确认, 行政处罚信息39条).

    In every table layout a row label is followed by its cells, a cell or line break,
    or another label. Followed on its line by a word, a sentence mark or a counted
    number, it is a mention: a report cut off before its tables names rows in its
    overview, and such mentions must not become rows printed without values.
    """
    ref = placed.ref
    if ref is None or ref.kind not in (_ROW, _GROUP):
        return False
    index = placed.end
    length = len(source)
    while index < length and source[index] in " \u3000":
        index += 1
    if index >= length or index in starts:
        return False
    char = source[index]
    if char in _SENTENCE_PUNCTUATION:
        return True
    if char.isdecimal():
        while index < length and source[index].isdecimal():
            index += 1
        if (
            index + 1 < length
            and source[index] in _CLAUSE_ENDS
            and not source[index + 1].isdecimal()
        ):
            return True  # 行政处罚1,回复公众诉求件9 (not 1,234 nor 1,2,3)
        while index < length and source[index] in " \u3000":
            index += 1  # PDF text sets figures apart: 行政规范性文件 13 件
        return index < length and source[index] in _MEASURE_WORDS
    if char == "\n":
        # A label closing a wrapped line of prose (…全年共办理行政许可 / 事项…): glued
        # to a word before it and continued by a word after the break.
        line_start = source.rfind("\n", 0, placed.start) + 1
        before = placed.start - 1
        after = index + 1
        return (
            before >= line_start
            and placed.start not in ends
            and is_ideograph(source[before])
            and after < length
            and after not in starts
            and is_ideograph(source[after])
        )
    return is_ideograph(char)


# ------------------------------------------------------------------ value groups


def _groups(
    stream: Stream, placed: Sequence[Placed], area: tuple[int, int], header_words: Sequence[str]
) -> list[Group]:
    groups: list[Group] = []
    table: str | None = None
    source = stream.text
    bounds = [area[0]] + [p.end for p in placed]
    stops = [p.start for p in placed] + [area[1]]
    for index, (start, stop) in enumerate(zip(bounds, stops, strict=True)):
        after = index - 1 if index else None
        if after is not None and placed[after].table is not None:
            table = placed[after].table
        if stop <= start:
            continue
        if stop - start == 1 and source[start].isspace():
            # The tab or line break between two labels (most of a page's gaps): one
            # white-space character holds no chunk, so it makes no group.
            continue
        if after is not None:
            cells = _row_cells(source, start, stop)
            if cells is not None:
                groups.append(_row_group(stream, placed[after], after, table, cells, start))
                continue
        chunks = stream.chunks(start, stop)
        groups.extend(
            _residue_groups(
                stream,
                chunks,
                placed[after] if after is not None else None,
                after,
                table,
                header_words,
            )
        )
    return groups


def _row_cells(source: str, start: int, stop: int) -> list[str] | None:
    """The cells of ``source[start:stop]`` when it is the rest of a table row after
    its label: a tab, cells separated by tabs, each a number or a blank marker (empty
    too), and the line's end; else ``None``.
    """
    if source[start : start + 1] != "\t" or source.find("\n", start, stop) != stop - 1:
        return None
    cells = source[start + 1 : stop - 1].split("\t")
    for cell in cells:
        if not cell.isdecimal() and cell not in BLANK_MARKERS:
            return None
    return cells


def _row_group(
    stream: Stream, hit: Placed, after: int, table: str | None, cells: list[str], start: int
) -> Group:
    """The group _residue_groups() makes of a row's rest (its one-line fast path)."""
    group = Group(None, table, after, cells, start + 1, stream.line_index(start))
    # The rest starts right at the label's end, with a tab: it is on the label's line.
    group.after_label_on_line = True
    ref = hit.ref
    if ref is not None and (ref.kind is _ROW or ref.kind is _GROUP):
        group.anchored = ref.element
    return group


def _is_header_junk(text: str, header_words: Sequence[str]) -> bool:
    label = compact(text)
    for word in header_words:
        label = label.replace(word, "")
    return len(label) < 2


#: A heading's ordinal (四、, （五）): what follows a number there is no word it counts.
_HEADING_ORDINAL = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]")


def _demote_embedded(chunks: Sequence[Chunk], header_words: Sequence[str]) -> list[Chunk]:
    """Numbers that are part of a word of prose (13件, 2024年, 数据1) are not values."""
    out = list(chunks)
    junk = _JUNK
    if not any(chunk.kind is junk for chunk in out):
        return out  # only a number glued to junk is demoted, and none is
    for index, chunk in enumerate(out):
        if chunk.kind is not _NUMBER:
            continue
        end = chunk.start + len(chunk.text)
        after = out[index + 1] if index + 1 < len(out) else None
        before = out[index - 1] if index else None
        glued_after = (
            after is not None
            and after.kind is _JUNK
            and after.start == end
            and (after.text[0] in _MEASURE_WORDS or not _is_header_junk(after.text, header_words))
            # the next heading, which flattened text glues to a table's last values
            and not _HEADING_ORDINAL.match(after.text)
        )
        glued_before = (
            before is not None
            and before.kind is _JUNK
            and before.hard_start
            and before.start + len(before.text) == chunk.start
            and not _is_header_junk(before.text, header_words)
        )
        if glued_after or glued_before:
            out[index] = Chunk(_JUNK, chunk.text, chunk.start, chunk.line, chunk.hard_start)
    return out


def _residue_groups(
    stream: Stream,
    chunks: Sequence[Chunk],
    hit: Placed | None,
    after: int | None,
    table: str | None,
    header_words: Sequence[str] = (),
) -> list[Group]:
    """Group the chunks between two labels."""
    if not chunks:
        return []
    line = chunks[0].line
    if chunks[-1].line == line and not any(chunk.kind is _JUNK for chunk in chunks):
        # The usual case, one line of values and nothing else: a single group, as the
        # general code below makes it.
        hit_line = stream.line_index(hit.end - 1) if hit is not None else -1
        group = Group(list(chunks), table, after)
        group.after_label_on_line = hit is not None and line == hit_line
        ref = hit.ref if hit is not None else None
        if (
            ref is not None
            and (ref.kind is _ROW or ref.kind is _GROUP)
            and (line == hit_line or len(chunks) == 1)
        ):
            group.anchored = ref.element
        return [group]
    chunks = _demote_embedded(chunks, header_words)
    units: list[tuple[list[Chunk], bool, Chunk | None]] = []  # chunks, junk before, junk chunk
    current: list[Chunk] = []
    junk_before = False
    last_junk: Chunk | None = None
    for chunk in chunks:
        if chunk.kind is _JUNK:
            if current:
                units.append((current, junk_before, last_junk))
                current = []
            junk_before = True
            last_junk = chunk
            continue
        if current and chunk.line != current[-1].line:
            units.append((current, junk_before, last_junk))
            current = []
            junk_before = False
        if not current and not junk_before:
            last_junk = None
        current.append(chunk)
    if current:
        units.append((current, junk_before, last_junk))

    groups: list[Group] = []
    hit_line = stream.line_index(hit.end - 1) if hit is not None else -1
    label_anchor = hit.ref if hit is not None else None
    anchorable = label_anchor is not None and (
        label_anchor.kind is _ROW or label_anchor.kind is _GROUP
    )
    first = True
    pending: list[Chunk] = []
    following = {id(chunk): after_it for chunk, after_it in pairwise(chunks)}

    def emit(group_chunks: list[Chunk], junk: bool, junk_chunk: Chunk | None, cells: bool) -> None:
        nonlocal first
        group = Group(list(group_chunks), table, after)
        last = group_chunks[-1]
        next_chunk = following.get(id(last))
        group.prose_after = (
            next_chunk is not None and next_chunk.kind is _JUNK and next_chunk.line == last.line
        )
        group.after_label_on_line = first and hit is not None and group_chunks[0].line == hit_line
        if first and anchorable and label_anchor is not None:
            same_line = group_chunks[0].line == hit_line
            soft_junk = junk and junk_chunk is not None and not junk_chunk.hard_start and same_line
            if (same_line and (not junk or soft_junk)) or (cells and not junk and not same_line):
                group.anchored = label_anchor.element
                group.clean = not junk
        elif (
            junk_chunk is not None
            and junk_chunk.hard_start
            and junk_chunk.line == group_chunks[0].line
            and (len(group_chunks) > 1 or _lone_cell(group_chunks[0], junk_chunk.text))
            and any(c.kind is _NUMBER for c in group_chunks)
            and not _is_header_junk(junk_chunk.text, header_words)
            and not any(c.isdecimal() for c in junk_chunk.text)
        ):
            group.extra_label = junk_chunk.text
        groups.append(group)
        first = False

    pending_junk = False
    pending_junk_chunk: Chunk | None = None
    for unit_chunks, junk, junk_chunk in units:
        if (
            len(unit_chunks) == 1
            and not junk
            and pending
            and unit_chunks[0].line == pending[-1].line + 1
        ):
            pending.extend(unit_chunks)
            continue
        if pending:
            emit(pending, pending_junk, pending_junk_chunk, cells=True)
            pending = []
        if len(unit_chunks) == 1 and unit_chunks[0].line != hit_line:
            pending = list(unit_chunks)
            pending_junk, pending_junk_chunk = junk, junk_chunk
        else:
            # a row line, or a value on the label's own line (行政处罚 20): complete as is
            emit(unit_chunks, junk, junk_chunk, cells=False)
    if pending:
        emit(pending, pending_junk, pending_junk_chunk, cells=True)
    return groups


def _lone_cell(chunk: Chunk, label: str) -> bool:
    """Whether one number after a label on its line is that label's row: a cell of its
    own (行政检查<tab>5, as a one-column table of 主动公开 prints its rows) after a
    label of two ideographs or more, not a number inside a phrase (第3页)."""
    return (
        chunk.kind is _NUMBER
        and chunk.hard_start
        and sum(1 for char in label if is_ideograph(char)) >= 2
    )


# ------------------------------------------------------------------ one table


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


def _read_table(
    stream: Stream,
    plan: TablePlan,
    placed: Sequence[Placed],
    own: Sequence[Placed],
    groups: Sequence[Group],
    out: TableReading,
    listings: Sequence[_OrderedListing] = (),
    listed_order: ListedOrder | None = None,
) -> None:
    """Read one table from its own labels and groups (``placed``: every label;
    ``listings``: its blocks of listed values, see :func:`_find_listings`;
    ``listed_order``: how the report lists values apart from their labels, when a
    table with arithmetic showed it)."""
    table = plan.table
    table_id = table.id
    labelled, row_hits, table_start = _table_labels(plan, own)
    if table_start is None:
        return
    for group in groups:
        if group.extra_label is not None and group.start >= table_start:
            if _label_fragment(plan, labelled, group, out) or _near_label(
                plan, labelled, group, out
            ):
                continue
            out.notes.append(
                ParseNote(
                    NoteCode.EXTRA_ROW,
                    f"{table_id}: a row the template does not have: {group.extra_label} "
                    f"({' '.join(chunk.text or '_' for chunk in group.chunks)})",
                    element=table_id,
                    found=group.extra_label,
                    line=stream.position(group.start).line,
                )
            )
    # The splits of the groups, shared by both paths: a table the direct path gives
    # up on is not split twice (glued digits cost a search).
    cache: dict[tuple[int, str], SplitResult] = {}
    direct = (
        _direct_rows(stream, plan, labelled, groups, table_start, out.made, cache)
        if DIRECT_TABLES
        else None
    )
    if direct is not None:
        out.tables.add(table_id)
        _emit_direct(stream, plan, labelled, direct, out)
    else:
        _read_aligned(
            stream,
            plan,
            labelled,
            row_hits,
            groups,
            table_start,
            out,
            cache,
            listings,
            listed_order,
        )
    _label_notes(plan, labelled, out)
    _header_notes(stream, table, own, placed, out)


def _read_aligned(
    stream: Stream,
    plan: TablePlan,
    labelled: dict[int, list[Placed]],
    row_hits: list[Placed],
    groups: Sequence[Group],
    table_start: int,
    out: TableReading,
    cache: dict[tuple[int, str], SplitResult],
    listings: Sequence[_OrderedListing] = (),
    listed_order: ListedOrder | None = None,
) -> None:
    """The general path: place the groups by :func:`_align`, settle, emit."""
    table = plan.table
    candidates = [g for g in groups if g.start >= table_start and g.extra_label is None]
    row_hits.sort(key=lambda p: p.start)
    if listings:
        candidates = _unlist(stream, plan, candidates, listings, listed_order, out)
    starts = [p.start for p in row_hits]
    for group in candidates:
        before = bisect_right(starts, group.start) - 1
        after = bisect_right(starts, group.last_start)
        group.label_before = row_hits[before].ref.element if before >= 0 else None  # type: ignore[union-attr]
        group.label_after = row_hits[after].ref.element if after < len(row_hits) else None  # type: ignore[union-attr]
    assignments = _align(plan, labelled, candidates, cache)
    _settle_with_columns(table, assignments)
    out.tables.add(table.id)
    _emit(stream, plan, labelled, assignments, candidates, out)


def _table_labels(
    plan: TablePlan, own: Sequence[Placed]
) -> tuple[dict[int, list[Placed]], list[Placed], int | None]:
    """The label hits of each slot of a table (in text order), those of all its rows,
    and where the table starts (``None`` when none of its labels is in the text)."""
    index_of = plan.index_of
    labelled: dict[int, list[Placed]] = {}
    row_hits: list[Placed] = []
    table_start: int | None = None
    for p in own:
        ref = p.ref
        assert ref is not None
        kind = ref.kind
        if kind is not _SECTION and (table_start is None or p.start < table_start):
            table_start = p.start
        if (kind is _ROW or kind is _GROUP) and ref.element in index_of:
            labelled.setdefault(index_of[ref.element], []).append(p)
            row_hits.append(p)
    return labelled, row_hits, table_start


# ------------------------------------------------------------------ listed values

#: How a report lists the values of rows apart from their labels: all the labels of
#: a block of rows, then their values one a line, row by row or column by column.
#: PDF text extraction that follows text boxes (pdfminer's) gives the column order.
ListedOrder = Literal["row", "column"]
#: What a block's own arithmetic says of its order (see :func:`_order_by_arithmetic`).
ArithmeticOrder = Literal["row", "column", "either", "ambiguous"] | None


def _is_listed(group: Group) -> bool:
    """Whether ``group`` is values listed one a line (each its own cell), two or more."""
    if group.cells is not None:
        return False  # the rest of a row on its label's line
    chunks = group.chunks
    if len(chunks) < 2:
        return False
    line = -1
    for chunk in chunks:
        if chunk.kind is _JUNK or chunk.line <= line or (chunk.kind is _BLANK and not chunk.text):
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


class _OrderedListing(NamedTuple):
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
    """
    slots = plan.slots
    index_of = plan.index_of
    members = plan.members
    listings: list[_Listing] = []
    previous_end = -1
    overflowing = False  # the previous group has more numbers than its rows take
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
        rows = [
            row
            for row in rows
            if slots[row].columns
            and not (slots[row].collapsed_group and any(j in labelled_here for j in members[row]))
        ]
        if not overflowing and len(rows) >= 2 and _is_listed(group):
            widths = {len(slots[row].columns) for row in rows}
            if len(widths) == 1:
                width = widths.pop()
                if len(group.chunks) == len(rows) * width:
                    listings.append(_Listing(group, rows, width))
        numbers = (
            sum(1 for text in group.cells if text.isdecimal())
            if group.cells is not None
            else sum(1 for chunk in group.chunks if chunk.kind is _NUMBER)
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


def _numbers(reading: Sequence[Value]) -> list[tuple[type, object]]:
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
    chosen = [_numbers(reading) for reading in readings]
    doubts = [[False] * width for _ in readings]
    for _, _, other in found[1:]:
        for row, reading in enumerate(other):
            for column, number in enumerate(_numbers(reading)):
                if number != chosen[row][column]:
                    doubts[row][column] = True
    return _MovedTotal(nearest, total, tuple(map(tuple, doubts)))


def _order_by_arithmetic(plan: TablePlan, listing: _Listing) -> _OrderedListing:
    """The order in which every row of ``listing`` adds up, when only one does;
    ``either`` when both orders read the same, ``ambiguous`` when both add up to
    different values; ``None`` when the rows have no arithmetic to tell by, or add up
    in neither order (the report's own figures are wrong, or the block is not a
    listing: the appeals table's one printed row). Column by column, the 总计 column
    may be listed out of its place (see :func:`_moved_total`)."""
    slots = [plan.slots[row] for row in listing.slots]
    if listing.columns == 1:
        return _OrderedListing(listing, "either")  # one value a row: both orders are one
    if not any(slot.identities for slot in slots):
        return _OrderedListing(listing, None)
    by_row = _balanced_readings(slots, _listed_rows(listing, "row"))
    by_column = _balanced_readings(slots, _listed_rows(listing, "column"))
    if by_row is not None and by_column is not None:
        same = list(map(_numbers, by_row)) == list(map(_numbers, by_column))
        return _OrderedListing(listing, "either" if same else "ambiguous")
    if by_column is not None:
        return _OrderedListing(listing, "column")
    if by_row is not None:
        return _OrderedListing(listing, "row")
    moved = _moved_total(plan, listing)
    if moved is not None:
        return _OrderedListing(listing, "column", moved)
    return _OrderedListing(listing, None)


def _find_listings(
    plan: TemplatePlan,
    own: dict[str | None, list[Placed]],
    grouped: dict[str | None, list[Group]],
) -> dict[str, list[_OrderedListing]]:
    """The blocks of listed values of each table (see :func:`_listings`), each with
    what its own arithmetic says of its order."""
    found: dict[str, list[_OrderedListing]] = {}
    for table_plan in plan.tables:
        table_id = table_plan.table.id
        _, row_hits, table_start = _table_labels(table_plan, own.get(table_id, []))
        if table_start is None:
            continue
        candidates = [
            g for g in grouped.get(table_id, []) if g.start >= table_start and g.extra_label is None
        ]
        listings = _listings(table_plan, row_hits, candidates)
        if listings:
            found[table_id] = [_order_by_arithmetic(table_plan, listing) for listing in listings]
    return found


def _listed_order(
    plan: TemplatePlan, listed: Mapping[str, Sequence[_OrderedListing]]
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


def _unlist(
    stream: Stream,
    plan: TablePlan,
    candidates: list[Group],
    listings: Sequence[_OrderedListing],
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


# ------------------------------------------------------------------ direct reading

#: Read a table directly when each of its value groups follows its own row's label
#: (see :func:`_direct_rows`); ``False`` forces the general path, which the tests
#: compare it with.
DIRECT_TABLES = True


class DirectRow(NamedTuple):
    """A row read: its cells, by cell ID, and its notes, in the order the report
    keeps them (both paths build rows with :func:`_value_row`)."""

    slot: RowSlot
    cells: list[tuple[str, Cell]]
    notes: list[ParseNote]


def _direct_rows(
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
    text): each row's values follow its label on its line. Then :func:`_align` has
    nothing to decide: every group fills its row (no two claim one, none floats),
    and each row is read certainly (nothing for the column arithmetic to settle).
    ``None`` when the table is not so simple, or a group would not fill its row as
    :func:`_fit` reads it: the general path reads the table then. ``made``: the
    cells made so far, by what they hold (see :func:`_value_row`); ``cache``: the splits
    :func:`_fit` made, which the general path reuses.
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
            return None  # _align leaves the group to float
        cells = group.cells
        if cells is not None:
            read = _cell_row(table_id, slot, cells, stream, group.first, made)
            if read is None:
                return None
            rows[row] = read
            continue
        result = _fit(group, [slot], cache)
        if not result.readings or not result.certain:
            return None
        values = result.readings[0].values
        line = position(group.start).line
        rows[row] = _value_row(table_id, slot, values, stream, line, made)
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
    no row label. :func:`_align` then places that one group into the rows free
    between the first and the last label found (:func:`_fill_gap`); when the group
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
    result = _fit(group, rows, cache)
    best = result.best
    if best is None or not (result.exact and result.certain and best.balanced):
        return None
    line = stream.position(group.start).line
    out = []
    index = 0
    for slot in rows:
        values = best.values[index : index + len(slot.columns)]
        index += len(slot.columns)
        out.append(_value_row(plan.table.id, slot, values, stream, line, made))
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
    offset ``first``) as :func:`split_cells` reads them, or ``None`` when it reads
    none (the general path splits the row's chunks then). Digits alone have no unit
    and no sign: a cell is a count or blank."""
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


def _value_row(
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


def _emit_direct(
    stream: Stream,
    plan: TablePlan,
    labelled: dict[int, list[Placed]],
    rows: Sequence[DirectRow],
    out: TableReading,
) -> None:
    """Keep the rows :func:`_direct_rows` read, in row order as :func:`_emit` does,
    then the rows printed without values."""
    cells = out.cells
    notes = out.notes
    filled: set[str] = set()
    for slot, pairs, row_notes in rows:
        cells.update(pairs)
        notes.extend(row_notes)
        filled.add(slot.row_id)
    _blank_rows(stream, plan, labelled, filled, out)


def _fit(
    group: Group,
    rows: Sequence[RowSlot],
    cache: dict[tuple[int, str], SplitResult],
    whole_table: bool = False,
) -> SplitResult:
    """How ``group`` reads as the values of ``rows``; ``whole_table``: the rows are all
    of their table's (the appeals table printed on one line), when values may also be
    placed among blank cells left out (as in a single row)."""
    if len(rows) == 1:
        row = rows[0]
        key = (id(group), row.row_id)
        result = cache.get(key)
        if result is None:
            if group.cells is not None:
                result = split_cells(group.cells, group.first, row.kinds, row.identities, row.stock)
            if result is None:
                result = split_row(
                    group.chunks,
                    row.kinds,
                    row.identities,
                    row.stock,
                    gaps=True,
                    glued_gaps=group.anchored is not None,
                )
            if group.at_end:
                result = _cut_off(result)
            cache[key] = result
        return result
    key = (id(group), "|".join(r.row_id for r in rows) + ("|*" if whole_table else ""))
    if key not in cache:
        kinds: list[ColumnKind] = []
        identities: list[RowIdentity] = []
        stock: list[RowIdentity] = []
        for row in rows:
            base = len(kinds)
            kinds.extend(row.kinds)
            identities.extend(
                RowIdentity(i.total + base, tuple(p + base for p in i.parts))
                for i in row.identities
            )
            stock.extend(
                RowIdentity(i.total + base, tuple(p + base for p in i.parts)) for i in row.stock
            )
        result = split_row(
            group.chunks,
            kinds,
            identities,
            stock,
            gaps=whole_table,
            glued_gaps=whole_table and not group.prose_after,
        )
        cache[key] = _cut_off(result) if group.at_end else result
    return cache[key]


def _cut_off(result: SplitResult) -> SplitResult:
    """What :func:`_fit` makes of values that end the text, which a partial report may
    have cut short (…行政规范性文件393 of 393件, 5949.08 of 5949.088667): glued digits
    are not split at all (every cut would be made up), values written apart are read
    but uncertain."""
    if not result.exact:
        return _NO_READING
    return SplitResult(result.readings, certain=False, exact=True)


_NO_READING = SplitResult((), certain=False, exact=False)


def _align(
    plan: TablePlan,
    labelled: dict[int, list[Placed]],
    groups: Sequence[Group],
    cache: dict[tuple[int, str], SplitResult] | None = None,
) -> list[Assignment]:
    """Anchored groups first, then floating groups in order between the anchors
    (``cache``: splits :func:`_fit` made already)."""
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
        result = _fit(group, [slot], cache)
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
        and all(chunk.kind is _BLANK and chunk.text for chunk in group.chunks)
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
                for span in (1, 2, 3):
                    if i + span > n:
                        break
                    rows = [slots[free[k]] for k in range(i, i + span)]
                    if free[i + span - 1] - free[i] != span - 1:
                        break  # only consecutive template rows share one group
                    if span > 1 and (
                        len(rows[0].columns) < 2
                        or any(row.columns != rows[0].columns for row in rows)
                    ):
                        break  # only rows of the same columns (the appeals table) do
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
            result = _fit(groups[j], rows, cache, span == len(slots))
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
    fitting = sum(
        1
        for group in groups
        if any(_score(group, [slots[row]], cache, row in labelled) > neg for row in free)
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


def _score(
    group: Group,
    rows: Sequence[RowSlot],
    cache: dict[tuple[int, str], SplitResult],
    labelled: bool,
    whole_table: bool = False,
) -> float:
    """How well ``group`` fits ``rows`` (``labelled``: a row's label is in the text;
    ``whole_table``: see :func:`_fit`)."""
    result = _fit(group, rows, cache, whole_table)
    best = result.best
    if best is None:
        return float("-inf")
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


def _settle_with_columns(table: TableSpec, assignments: list[Assignment]) -> None:
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


# ------------------------------------------------------------------ output


def _emit(
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
            _, row_cells, row_notes = _value_row(
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
    _blank_rows(stream, plan, labelled, filled, out)
    for group in left:
        whose = f" (the values of {', '.join(group.claims)})" if group.claims else ""
        out.notes.append(
            ParseNote(
                NoteCode.UNASSIGNED_VALUES,
                f"{table.id}: values no row could take{whose}: "
                + " ".join(c.text for c in group.chunks),
                element=table.id,
                found=" ".join(c.text for c in group.chunks),
                line=stream.position(group.start).line,
                # "rows": figures of printed rows are among them and were not read;
                # "stray": numbers no printed row is known to own (a page number).
                variant="rows" if group.claims else "stray",
            )
        )


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
    best = _numbers(assignment.reading.values)
    others = [_numbers(reading.values) for reading in top]
    return [any(other[i] != best[i] for other in others) for i in range(width)]


#: Nothing but white space and cell separators up to the end of the text.
_TEXT_ENDS = re.compile(r"[\s|｜]*\Z")


def _blank_rows(
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
                # The text ends with the label (an excerpt cut right after it): its
                # values are not in the text, which says nothing of them.
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


def _label_notes(plan: TablePlan, labelled: dict[int, list[Placed]], out: TableReading) -> None:
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


def _header_notes(
    stream: Stream,
    table: TableSpec,
    own: Sequence[Placed],
    placed: Sequence[Placed],
    out: TableReading,
) -> None:
    """Check each block's column header against the block's columns (表二 blocks)."""
    if not table.blocks:
        return
    captions = [p for p in own if p.ref is not None and p.ref.kind is _CAPTION]
    for caption in captions:
        assert caption.ref is not None
        block = next((b for b in table.blocks if b.caption == caption.ref.element), None)
        if block is None:
            continue
        index = placed.index(caption)
        headers: list[Placed] = []
        for later in placed[index + 1 :]:
            if later.ref is not None and later.ref.kind in (
                _ROW,
                _CAPTION,
                _SECTION,
            ):
                break
            if later.ref is not None and later.ref.kind is _COLUMN:
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
