"""Where labels stand in the text: their notes in brackets, mentions in prose, and
unknown labels taken for rows (a piece of a label, or one written a little differently)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher

from disclosure_core.model.report import NoteCode, ParseNote
from disclosure_core.recognize.labels import Hit
from disclosure_core.recognize.normalize import CompactText, compact, is_ideograph, shared_start
from disclosure_core.recognize.tables.plan import (
    GROUP,
    ROW,
    SECTION,
    Group,
    Placed,
    TablePlan,
    TableReading,
    tuple_new,
)
from disclosure_core.templates.spec import VariantKind

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


def label_fragment(
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


def near_label(
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


#: Words that count what a number before them is (13件, 39条): running text, not cells.
MEASURE_WORDS = frozenset("件条项个次人家户份篇期场")


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
    if ref is None or ref.kind not in (ROW, GROUP):
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
        return index < length and source[index] in MEASURE_WORDS
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


def table_labels(
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
        if kind is not SECTION and (table_start is None or p.start < table_start):
            table_start = p.start
        if (kind is ROW or kind is GROUP) and ref.element in index_of:
            labelled.setdefault(index_of[ref.element], []).append(p)
            row_hits.append(p)
    return labelled, row_hits, table_start


def place_labels(
    source: str,
    text: CompactText,
    hits: Sequence[Hit],
    template_id: str,
    section_tables: Mapping[str, str],
    area: tuple[int, int],
) -> list[Placed]:
    """The hits inside ``area`` placed in ``source`` (the linear text; ``text`` is its
    compact form) with their meaning in the template ``template_id``: a label's span
    takes in the closing quotes and the note in brackets after it; labels named in
    such a note or in running text are dropped. ``section_tables``: the table of each
    section that holds one."""
    length = len(source)
    run_compact = text.run_compact
    run_original = text.run_original
    compact_length = len(text.text)
    original_length = text.original_length
    low, high = area
    placed: list[Placed] = []
    bracketed: list[tuple[int, int]] = []  # the notes in brackets after labels
    new = tuple_new
    haystack = text.text
    for hit in hits:
        ref = hit.ref_for(template_id)
        hit_end = hit.end
        if ref is not None and (ref.kind is ROW or ref.kind is GROUP):
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
        if end < length and source[end] in _OPENING and ref is not None and ref.kind is ROW:
            note_end = _past_note(source, end)
            if note_end > end:
                bracketed.append((end, note_end))
                end = note_end
        table = ref.table if ref is not None else None
        if ref is not None and ref.kind is SECTION:
            table = section_tables.get(ref.element)
        placed.append(new(Placed, (hit, start, end, ref, table)))
    starts = {p.start for p in placed}
    ends = {p.end for p in placed}
    return [p for p in placed if not _mentioned_in_prose(p, source, starts, ends)]
