"""Invisible characters (zero-width spaces, BOMs, soft hyphens, direction marks) that
web editors leave in crawled text change nothing a reader reads.

They sit anywhere: in an "empty" cell, between two digits of a figure, inside a label.
Readers drop them before anything else looks at the text (``INVISIBLE_CHARACTERS``).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_core.api import ReportReader, builtin_templates
from disclosure_core.model.report import Report
from disclosure_core.readers.sniff import INVISIBLE_CHARACTERS, drop_invisible, has_invisible
from disclosure_core.readers.text import read_text
from disclosure_core.testing import Layout, example_report, render_html, render_text

TEMPLATES = {t.id: t for t in builtin_templates()}
READER = ReportReader()
# Reading a glued rendering takes tenths of a second: the others make the property.
LAYOUTS = [layout for layout in Layout if layout is not Layout.GLUED]


def _figures(report: Report) -> dict[str, Any]:
    return {cell_id: (cell.value, cell.uncertain) for cell_id, cell in report.cells.items()}


def _insert(text: str, places: list[tuple[int, str]]) -> str:
    pieces = []
    last = 0
    for offset, char in sorted((min(offset, len(text)), char) for offset, char in places):
        pieces.append(text[last:offset])
        pieces.append(char)
        last = offset
    pieces.append(text[last:])
    return "".join(pieces)


seeds = st.integers(min_value=0, max_value=2**32 - 1)
template_ids = st.sampled_from(sorted(TEMPLATES))
places = st.lists(
    st.tuples(st.integers(min_value=0, max_value=20_000), st.sampled_from(INVISIBLE_CHARACTERS)),
    max_size=200,
)


def _budget() -> Any:
    current = settings()
    return settings(current, max_examples=max(5, current.max_examples // 4))


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.value)
@_budget()
@given(seed=seeds, template_id=template_ids, at=places)
def test_text_with_invisible_characters_reads_the_same(
    layout: Layout, seed: int, template_id: str, at: list[tuple[int, str]]
) -> None:
    text = render_text(example_report(TEMPLATES[template_id], seed=seed), layout)
    clean = READER.read_text(text)
    dirty = READER.read_text(_insert(text, at))
    assert (dirty.template, dirty.meta) == (clean.template, clean.meta)
    assert _figures(dirty) == _figures(clean)
    assert dirty.sections == clean.sections


@_budget()
@given(seed=seeds, template_id=template_ids, data=st.data())
def test_a_page_with_invisible_characters_reads_the_same(
    seed: int, template_id: str, data: st.DataObject
) -> None:
    page = render_html(example_report(TEMPLATES[template_id], seed=seed)).decode("utf-8")
    # Only in text (after a tag's end): as characters, or as character references.
    text_starts = [index + 1 for index, char in enumerate(page) if char == ">"]
    chosen = data.draw(
        st.lists(st.tuples(st.sampled_from(text_starts), st.sampled_from(INVISIBLE_CHARACTERS)))
    )
    written = [
        (offset, char if data.draw(st.booleans()) else f"&#{ord(char)};") for offset, char in chosen
    ]
    clean = READER.read(page.encode("utf-8"), name="x.html")
    dirty = READER.read(_insert(page, written).encode("utf-8"), name="x.html")
    assert (dirty.template, dirty.meta) == (clean.template, clean.meta)
    assert _figures(dirty) == _figures(clean)


def test_invisible_characters_inside_figures_and_labels() -> None:
    text = "\t".join(["规\u200b章", "1\u200b2", "\ufeff0", "3\u00ad4", "\u200b"])
    document = read_text(text)
    (table,) = document.blocks
    # a cell holding only a zero-width space is an empty cell
    assert [cell.text for cell in table.rows[0]] == ["规章", "12", "0", "34", ""]  # type: ignore[union-attr]


def test_drop_invisible() -> None:
    assert drop_invisible("a\u200bb\u2060c\u202ed") == "abcd"
    assert not has_invisible("政府信息公开 123\u3000\u00a0")  # spaces are not invisible
    text = "无"
    assert drop_invisible(text) is text
