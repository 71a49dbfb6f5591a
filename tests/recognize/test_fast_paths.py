"""The fast paths of recognition give what the plain algorithms they replace give.

Each fast path (folding by replacing the few distinct characters present, the compact
map from ``str.split``, the chunker that splits lines and cells with ``str`` methods,
the rest of a table row read straight into values) is checked here against a plain
reference: the regular-expression algorithm it replaced, kept in this file. Reports
must not change when recognition gets faster.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from disclosure_core.api import ReportReader
from disclosure_core.readers.document import Document, Paragraph, Position, Table, TextCell
from disclosure_core.recognize.labels import LabelKind, LabelRef
from disclosure_core.recognize.normalize import (
    _TABLE,
    CompactText,
    compact,
    compact_with_offsets,
    fold,
)
from disclosure_core.recognize.split import RowIdentity, split_cells, split_row
from disclosure_core.recognize.stream import (
    BLANK_MARKERS,
    Chunk,
    ChunkKind,
    Stream,
    _word_chunks,
)
from disclosure_core.recognize.tables import groups, plan
from disclosure_core.templates import builtin_template_paths, load_template_file
from disclosure_core.templates.spec import ColumnKind
from disclosure_core.testing import example_report, render_html

# ------------------------------------------------------------------ references

_DIGIT_COMMA = re.compile(r"(?<=\d)、")
_RUNS = re.compile(r"\S+")
_TOKEN = re.compile(r"\n|\t|[^\s]+")


def reference_fold(text: str) -> str:
    return _DIGIT_COMMA.sub(".", text.translate(_TABLE))


def reference_compact_with_offsets(text: str) -> CompactText:
    pieces: list[str] = []
    run_compact: list[int] = []
    run_original: list[int] = []
    position = 0
    for match in _RUNS.finditer(reference_fold(text)):
        pieces.append(match.group())
        run_compact.append(position)
        run_original.append(match.start())
        position += len(match.group())
    return CompactText("".join(pieces), run_compact, run_original, len(text))


def reference_chunks(stream: Stream, start: int, end: int) -> list[Chunk]:
    """Stream.chunks as it was written first: one regular-expression match a token."""
    out: list[Chunk] = []
    line_no = stream.line_index(start)
    first_field = True
    field_empty = True
    field_start = start
    line_has_tab = False
    word_in_field = 0
    for match in _TOKEN.finditer(stream.text, start, end):
        token = match.group()
        if token == "\t":
            if field_empty and not first_field:
                out.append(Chunk(ChunkKind.BLANK, "", field_start, line_no, True))
            line_has_tab = True
            first_field, field_empty, word_in_field = False, True, 0
            field_start = match.end()
        elif token == "\n":
            if field_empty and line_has_tab and not first_field:
                out.append(Chunk(ChunkKind.BLANK, "", field_start, line_no, True))
            line_no += 1
            line_has_tab = False
            first_field, field_empty, word_in_field = False, True, 0
            field_start = match.end()
        else:
            offset = match.start()
            attached = first_field and word_in_field == 0 and offset == start
            hard = word_in_field == 0 and not attached
            field_empty = False
            word_in_field += 1
            if token.isdigit():
                out.append(Chunk(ChunkKind.NUMBER, token, offset, line_no, hard))
            else:
                _word_chunks(out, token, offset, line_no, hard)
    return out


# ------------------------------------------------------------------ strategies

#: Characters that fold, characters around them that matter (digits before 、), CJK
#: text, and every kind of white space the compact form drops.
_FOLDING = sorted(chr(code) for code in _TABLE)
_CHARACTERS = [*_FOLDING, "、", "0", "7", "١", "a", "行", "政", " ", "\t", "\n", "\r", "\x1c"]
texts = st.text(alphabet=st.sampled_from(_CHARACTERS), max_size=40) | st.text(max_size=40)

_CELLS = ["", "0", "7", "12", "05", "1234567890", "-", "—", "——", "无", "/", " ", "a 1"]
_CELLS += ["3万元", "1.5", "-2", "4—5", "数据1", "1、", "\u3000", "\t", "x\ny"]
cell_texts = st.sampled_from(_CELLS) | st.text(alphabet="0123456789 -—\t\n", max_size=6)
rows = st.lists(cell_texts, max_size=7)
documents = st.lists(st.one_of(st.lists(rows, min_size=1, max_size=3), cell_texts), max_size=5)


def make_document(blocks: list[list[list[str]] | str]) -> Document:
    made: list[Paragraph | Table] = []
    for line, block in enumerate(blocks, start=1):
        if isinstance(block, str):
            made.append(Paragraph(block, Position(line)))
        else:
            cells = tuple(tuple(TextCell(text, Position(line, 3)) for text in row) for row in block)
            made.append(Table(cells))
    return Document("x", "html", tuple(made))


# ------------------------------------------------------------------ normalize


@given(texts)
def test_fold_is_translate_then_digit_comma(text: str) -> None:
    assert fold(text) == reference_fold(text)


@given(texts)
def test_compact_map_is_the_runs_of_non_space(text: str) -> None:
    assert compact_with_offsets(text) == reference_compact_with_offsets(text)
    assert compact(text) == reference_compact_with_offsets(text).text


def test_fold_replaces_each_character_once() -> None:
    """｀ folds to `, which folds to a space: the result is `, as translate gives."""
    assert fold("｀`") == "` "
    assert fold("1、2、、x、") == "1.2.、x、"


# ------------------------------------------------------------------ stream


@given(documents, st.data())
def test_chunks_are_the_tokens_of_the_text(blocks: list, data: st.DataObject) -> None:
    stream = Stream(make_document(blocks))
    length = len(stream.text)
    start = data.draw(st.integers(0, length))
    end = data.draw(st.integers(start, length + 1))
    assert stream.chunks(start, end) == reference_chunks(stream, start, end)


@given(documents)
def test_stream_lines_and_positions(blocks: list) -> None:
    stream = Stream(make_document(blocks))
    assert stream._line_starts == [0] + [m.end() for m in re.finditer("\n", stream.text)]
    for segment in stream.segments:
        assert stream.position(segment.start) == segment.position
    assert "\r" not in stream.text


@given(documents, st.data())
def test_one_white_space_character_holds_no_chunk(blocks: list, data: st.DataObject) -> None:
    """value_groups() skips the gap between two labels when it is one white-space
    character: the chunker makes nothing of it."""
    stream = Stream(make_document(blocks))
    spaces = [i for i, char in enumerate(stream.text) if char.isspace()]
    if not spaces:
        return
    start = data.draw(st.sampled_from(spaces))
    assert stream.chunks(start, start + 1) == reference_chunks(stream, start, start + 1) == []


def test_any_white_space_character_holds_no_chunk() -> None:
    for char in (chr(code) for code in range(0x110000) if chr(code).isspace()):
        stream = Stream(make_document([[["一", "二"]], f"行{char}政"]))
        start = stream.text.index("政") - 1
        assert stream.chunks(start, start + 1) == reference_chunks(stream, start, start + 1) == []


# ------------------------------------------------------------------ rows


_ROW_REF = LabelRef("t", "tab", LabelKind.ROW, "r", "标签", None, "", False)
_KINDS = [ColumnKind.COUNT, ColumnKind.SIGNED, ColumnKind.AMOUNT]


_PLAIN_CELLS = ["0", "7", "12", "05", "1234567890", "-", "—"]


@given(
    # Half the rows are all plain cells, which the fast path reads; the rest are drawn
    # from everything, mostly rows it must leave to the chunker.
    st.one_of(
        st.lists(st.sampled_from(_PLAIN_CELLS), min_size=1),
        st.lists(st.sampled_from(["", *_PLAIN_CELLS, "无", "a"])),
    ),
    st.lists(st.sampled_from(_KINDS), min_size=1, max_size=8),
    st.booleans(),
    st.booleans(),
)
def test_row_rest_reads_as_its_chunks(
    cells: list[str], kinds: list[ColumnKind], total: bool, stock: bool
) -> None:
    """A row's rest read straight into values: the group, its chunks and its reading
    are what the chunker, the grouping and split_row make of it."""
    row = ("一、标签", *cells)
    stream = Stream(make_document([[list(row)], "（二）下一行"]))
    start = len(row[0])
    stop = stream.text.index("\n") + 1
    found = groups._row_cells(stream.text, start, stop)
    plain = bool(cells) and all(cell.isdigit() or cell in BLANK_MARKERS for cell in cells)
    assert (found is not None) == plain
    if found is None:
        return
    chunks = stream.chunks(start, stop)
    placed = plan.Placed(None, 0, start, _ROW_REF, "tab")  # type: ignore[arg-type]
    fast = groups._row_group(stream, placed, 0, "tab", found, start)
    [slow] = groups._residue_groups(stream, chunks, placed, 0, "tab")
    assert (fast.start, fast.last_start, fast.all_blank) == (
        slow.start,
        slow.chunks[-1].start,
        slow.all_blank,
    )
    for name in ("table", "after", "anchored", "clean", "extra_label", "after_label_on_line"):
        assert getattr(fast, name) == getattr(slow, name), name
    assert fast.chunks == chunks
    width = len(kinds)
    identities = [RowIdentity(width - 1, tuple(range(width - 1)))] if total and width > 1 else []
    stocks = [RowIdentity(0, tuple(range(1, width)))] if stock and width > 1 else []
    quick = split_cells(found, start + 1, kinds, identities, stocks)
    full = split_row(chunks, kinds, identities, stocks)
    if quick is None:
        assert not full.exact
    else:
        assert quick == full


# ------------------------------------------------------------------ the reader


def test_a_reader_reads_a_page_the_same_every_time() -> None:
    """Compiled plans and memos are shared between reads and readers: no read may
    leave anything behind that changes the next."""
    pages = [
        render_html(example_report(load_template_file(path), seed=seed))
        for path in builtin_template_paths()
        for seed in (0, 1)
    ]
    first = ReportReader()
    once = [first.read(page, name="x.html") for page in pages]
    again = [first.read(page, name="x.html") for page in reversed(pages)][::-1]
    other = [ReportReader().read(page, name="x.html") for page in pages]
    assert once == again == other
