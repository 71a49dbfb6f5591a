"""A table whose rows each carry their own values is read directly (``tables.direct``,
``direct_rows``); the general path (``align`` and ``emit_aligned`` in
``tables.aligned``) must read it the same.

Pages are rendered from synthetic reports, read, and their tables changed the way
real pages differ (rows dropped, doubled or added, cells blanked, merged or given
units and signs, labels renamed, cells given columns and line breaks); each document
is recognised with the direct path and with it switched off, and the reports must be
equal in every cell, provenance and note.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_core.api import default_reader
from disclosure_core.readers.document import Document, Paragraph, Position, Table, TextCell
from disclosure_core.readers.html import read_html_bytes
from disclosure_core.recognize.recognizer import Recognizer
from disclosure_core.recognize.tables import reading
from disclosure_core.templates import builtin_template_paths, load_template_file
from disclosure_core.testing import example_report, render_html

TEMPLATES = [load_template_file(path) for path in builtin_template_paths()]

#: What a changed cell may hold: figures, blanks, units, signs, glued or wrapped text.
CELL_TEXTS = ["", "0", "7", "05", "—", "-", "无", "1646.5万元", "-3", "12.5", "1 2", "小计", "3件"]
CELL_TEXTS += ["1\n2", "a\tb", "1234567890"]


@functools.cache
def _page_document(template: int, seed: int) -> Document:
    return read_html_bytes(render_html(example_report(TEMPLATES[template], seed=seed)), "x.html")


def _labels(template: int) -> list[str]:
    spec = TEMPLATES[template]
    labels = []
    for table in spec.tables:
        for row in table.rows:
            labels.append(row.number + row.label)
            labels.extend(variant.text for variant in row.variants)
    return labels


@st.composite
def documents(draw: st.DrawFn) -> Document:
    template = draw(st.integers(0, len(TEMPLATES) - 1))
    document = _page_document(template, draw(st.integers(0, 30)))
    blocks = list(document.blocks)
    table_indexes = [i for i, block in enumerate(blocks) if isinstance(block, Table)]
    for _ in range(draw(st.integers(0, 4))):
        index = draw(st.sampled_from(table_indexes))
        table = blocks[index]
        assert isinstance(table, Table)
        rows = [list(row) for row in table.rows]
        at = draw(st.integers(0, len(rows) - 1))
        change = draw(st.integers(0, 6))
        if change == 0 and len(rows) > 1:
            del rows[at]
        elif change == 1:
            rows.insert(at, list(rows[at]))
        elif change == 2 and rows[at]:
            cell = draw(st.integers(0, len(rows[at]) - 1))
            rows[at][cell] = TextCell(draw(st.sampled_from(CELL_TEXTS)), rows[at][cell].position)
        elif change == 3 and rows[at]:
            label = draw(st.sampled_from([*_labels(template), "小计", "合计"]))
            rows[at][0] = TextCell(label, rows[at][0].position)
        elif change == 4 and len(rows[at]) > 1:
            cell = draw(st.integers(0, len(rows[at]) - 2))
            first, second = rows[at][cell], rows[at][cell + 1]
            rows[at][cell : cell + 2] = [TextCell(first.text + second.text, first.position)]
        elif change == 5:
            rows.insert(at, [TextCell("小计")] + [TextCell("1") for _ in rows[at][1:]])
        else:
            # Cells with columns of their own, as a text or Word reader gives them.
            rows = [
                [TextCell(c.text, Position(n + 1, 1 + 4 * k, 2)) for k, c in enumerate(row)]
                for n, row in enumerate(rows)
            ]
        blocks[index] = Table(tuple(tuple(row) for row in rows), table.position)
    return Document("x.html", "html", tuple(blocks), dict(document.properties))


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    return default_reader().recognizer


# The active profile's settings (dev 40 examples, ci 120, thorough 2000).
@settings(
    settings(),
    suppress_health_check=[*settings().suppress_health_check, HealthCheck.function_scoped_fixture],
)
@given(documents())
def test_direct_and_general_paths_read_the_same(
    recognizer: Recognizer, monkeypatch: pytest.MonkeyPatch, document: Document
) -> None:
    direct = recognizer.recognize(document)
    with monkeypatch.context() as patch:
        patch.setattr(reading, "DIRECT_TABLES", False)
        general = recognizer.recognize(document)
    assert direct == general


def test_pages_take_the_direct_path(
    recognizer: Recognizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tables of a rendered page are read directly (else the test above compares
    the general path with itself)."""
    read: list[bool] = []
    direct_rows = reading.direct_rows

    def spy(*args: object) -> object:
        rows = direct_rows(*args)  # type: ignore[arg-type]
        read.append(rows is not None)
        return rows

    monkeypatch.setattr(reading, "direct_rows", spy)
    for template in range(len(TEMPLATES)):
        recognizer.recognize(_page_document(template, 0))
    assert all(read)  # the appeals table too: its one value row fills its rows


def test_a_cell_row_reads_its_cells_positions() -> None:
    """Stream.cell_positions() is position() of each cell's start."""
    from disclosure_core.recognize.stream import Stream

    cells = ("规章", "0", "", "12", "—")
    document = Document(
        "x",
        "text",
        (
            Paragraph("前言", Position(1, 1)),
            Table((tuple(TextCell(t, Position(2, 1 + 3 * k, 1)) for k, t in enumerate(cells)),)),
        ),
    )
    stream = Stream(document)
    first = stream.text.index("\t", stream.text.index("规章")) + 1
    offsets = [first]
    for text in cells[1:-1]:
        offsets.append(offsets[-1] + len(text) + 1)
    assert stream.cell_positions(first, 4) == [stream.position(offset) for offset in offsets]
