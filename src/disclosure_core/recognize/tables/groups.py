"""Value groups: the numbers between labels, cut into lines of values or runs of
one-value lines, and what of them is header debris."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from disclosure_core.recognize.normalize import compact, is_ideograph
from disclosure_core.recognize.stream import BLANK_MARKERS, Chunk, Stream
from disclosure_core.recognize.tables.placing import MEASURE_WORDS
from disclosure_core.recognize.tables.plan import (
    GROUP,
    JUNK,
    NUMBER,
    ROW,
    Group,
    Placed,
    TemplatePlan,
)


def mark_the_end(groups: Sequence[Group], source: str) -> None:
    """Mark the last group when its values end the text (see :func:`.fitting.fit_group`)."""
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


def drop_cut_row_number(group: Group, plan: TemplatePlan) -> None:
    """A text cut off just after the number of the next row's label (an excerpt that
    ends ``1.属于国家秘密 / 0 … 0 / 2``): ``group``, the last, then holds its row's
    values and that number on a line of its own. The number is dropped, and the
    values, which the label after them closes, are not cut short."""
    chunks = group.chunks
    if group.cells is not None or group.anchored is None or len(chunks) < 2:
        return
    last = chunks[-1]
    if last.kind is not NUMBER or last.line == chunks[-2].line or not last.text.isdecimal():
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


def value_groups(
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
    if ref is not None and (ref.kind is ROW or ref.kind is GROUP):
        group.anchored = ref.element
    return group


def _is_header_junk(text: str, header_words: Sequence[str]) -> bool:
    label = compact(text)
    for word in header_words:
        label = label.replace(word, "")
    return len(label) < 2


#: What a number glued before is no cell's: a measure word of prose (13件), or a date's
#: part (a header's 2019年, 1月). Either would otherwise pass as a short header word.
_COUNTED_WORDS = MEASURE_WORDS | frozenset("年月日")
#: A heading's ordinal (四、, （五）): what follows a number there is no word it counts.
_HEADING_ORDINAL = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]")


def _demote_embedded(chunks: Sequence[Chunk], header_words: Sequence[str]) -> list[Chunk]:
    """Numbers that are part of a word of prose (13件, 2024年, 数据1) are not values."""
    out = list(chunks)
    junk = JUNK
    if not any(chunk.kind is junk for chunk in out):
        return out  # only a number glued to junk is demoted, and none is
    for index, chunk in enumerate(out):
        if chunk.kind is not NUMBER:
            continue
        end = chunk.start + len(chunk.text)
        after = out[index + 1] if index + 1 < len(out) else None
        before = out[index - 1] if index else None
        glued_after = (
            after is not None
            and after.kind is JUNK
            and after.start == end
            and (after.text[0] in _COUNTED_WORDS or not _is_header_junk(after.text, header_words))
            # the next heading, which flattened text glues to a table's last values
            and not _HEADING_ORDINAL.match(after.text)
        )
        glued_before = (
            before is not None
            and before.kind is JUNK
            and before.hard_start
            and before.start + len(before.text) == chunk.start
            and not _is_header_junk(before.text, header_words)
        )
        if glued_after or glued_before:
            out[index] = Chunk(JUNK, chunk.text, chunk.start, chunk.line, chunk.hard_start)
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
    if chunks[-1].line == line and not any(chunk.kind is JUNK for chunk in chunks):
        # The usual case, one line of values and nothing else: a single group, as the
        # general code below makes it.
        hit_line = stream.line_index(hit.end - 1) if hit is not None else -1
        group = Group(list(chunks), table, after)
        group.after_label_on_line = hit is not None and line == hit_line
        ref = hit.ref if hit is not None else None
        if (
            ref is not None
            and (ref.kind is ROW or ref.kind is GROUP)
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
        if chunk.kind is JUNK:
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
        label_anchor.kind is ROW or label_anchor.kind is GROUP
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
            next_chunk is not None and next_chunk.kind is JUNK and next_chunk.line == last.line
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
            and any(c.kind is NUMBER for c in group_chunks)
            and not _is_header_junk(junk_chunk.text, header_words)
            and not any(c.isdecimal() for c in junk_chunk.text)
        ):
            group.extra_label = junk_chunk.text
        elif junk_chunk is not None and junk_chunk.line < group_chunks[0].line:
            group.label_above = _label_above(stream, junk_chunk, header_words)
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


#: Ideographs a line must hold to be taken for the label of a row the template lacks.
_LABEL_IDEOGRAPHS = 4
#: Longest such label (a note in brackets after it not counted).
_LABEL_LENGTH = 30
_PROSE_MARKS = frozenset("，。；：,;:！？!?")
_CELL_MARKS = "|｜ \t"


def _label_above(stream: Stream, junk: Chunk, header_words: Sequence[str]) -> str | None:
    """The line of ``junk`` as the label of a row, when it is one: text alone on its
    line (but for cell marks), without figures, with a few ideographs that are no
    header's words. A note in brackets after its name is left out."""
    start, end = stream.line_span(junk.line)
    text = stream.text[start:end].strip(_CELL_MARKS)
    if not text or any(char.isdecimal() for char in text) or _is_header_junk(text, header_words):
        return None
    name = re.split(r"[(（]", text, maxsplit=1)[0].strip(_CELL_MARKS)
    if (
        sum(map(is_ideograph, name)) < _LABEL_IDEOGRAPHS
        or len(name) > _LABEL_LENGTH
        or any(char.isspace() or char in _PROSE_MARKS for char in name)
    ):
        return None  # several header cells on a line, or a sentence
    return name


def _lone_cell(chunk: Chunk, label: str) -> bool:
    """Whether one number after a label on its line is that label's row: a cell of its
    own (行政检查<tab>5, as a one-column table of 主动公开 prints its rows) after a
    label of two ideographs or more, not a number inside a phrase (第3页)."""
    return (
        chunk.kind is NUMBER
        and chunk.hard_start
        and sum(1 for char in label if is_ideograph(char)) >= 2
    )
