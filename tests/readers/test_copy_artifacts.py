"""What copying text out of a page or a converter adds around lines changes nothing read:
a tab or spaces after every line (or after every cell-sized line), and Unicode line
separators instead of line feeds.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_core.api import ReportReader, builtin_templates
from disclosure_core.model.report import Report
from disclosure_core.readers.document import Paragraph, Table
from disclosure_core.readers.text import read_text
from disclosure_core.testing import Layout, example_report, render_text

TEMPLATES = {t.id: t for t in builtin_templates()}
READER = ReportReader()
LAYOUTS = [layout for layout in Layout if layout is not Layout.GLUED]  # glued: one line

#: What a copy may add at the end of a line.
ENDINGS = ["\t", "  ", " \t", "\u3000"]


def _figures(report: Report) -> dict[str, Any]:
    return {cell_id: (cell.value, cell.uncertain) for cell_id, cell in report.cells.items()}


def _budget() -> Any:
    current = settings()
    return settings(current, max_examples=max(5, current.max_examples // 4))


seeds = st.integers(min_value=0, max_value=2**32 - 1)
template_ids = st.sampled_from(sorted(TEMPLATES))


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.value)
@_budget()
@given(
    seed=seeds,
    template_id=template_ids,
    ending=st.sampled_from(ENDINGS),
    longest=st.sampled_from([30, 10_000]),  # cell-sized lines only, or every line
)
def test_line_endings_a_copy_adds_change_nothing(
    layout: Layout, seed: int, template_id: str, ending: str, longest: int
) -> None:
    text = render_text(example_report(TEMPLATES[template_id], seed=seed), layout)
    copied = "\n".join(
        line + ending if 0 < len(line.strip()) <= longest else line for line in text.split("\n")
    )
    clean = READER.read_text(text)
    read = READER.read_text(copied)
    assert (read.template, read.meta.year) == (clean.template, clean.meta.year)
    assert _figures(read) == _figures(clean)


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.value)
@_budget()
@given(seed=seeds, template_id=template_ids, separator=st.sampled_from(["\u2028", "\u2029"]))
def test_unicode_line_separators_break_lines(
    layout: Layout, seed: int, template_id: str, separator: str
) -> None:
    text = render_text(example_report(TEMPLATES[template_id], seed=seed), layout)
    clean = READER.read_text(text)
    read = READER.read_text(text.replace("\n", separator))
    assert (read.template, read.meta.year) == (clean.template, clean.meta.year)
    assert _figures(read) == _figures(clean)


def test_a_line_with_tabs_only_at_its_end_is_no_row() -> None:
    first, second, third = read_text("本年新收政府信息公开申请数量\t\n0\t\t\n规章\t0\t\n").blocks
    assert isinstance(first, Paragraph) and isinstance(second, Paragraph)
    assert (first.text, second.text) == ("本年新收政府信息公开申请数量", "0")
    # a tab inside the line makes a row; its trailing tab an empty last cell, as before
    assert isinstance(third, Table)
    assert [cell.text for cell in third.rows[0]] == ["规章", "0", ""]


def test_tab_separated_rows_keep_a_row_printed_blank() -> None:
    # Most tab lines have tabs inside: tabs at a line's end are its empty cells.
    header = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"
    text = f"{header}\n规章\t\t\t\n行政规范性文件\t2\t1\t14"
    (table,) = read_text(text).blocks
    assert isinstance(table, Table)
    assert [cell.text for cell in table.rows[1]] == ["规章", "", "", ""]


def test_one_cell_a_line_indented_and_followed_by_a_tab() -> None:
    text = "\t规章\t\n\t0\t\n\t0\t\n\t5\t\n"
    blocks = read_text(text).blocks
    assert all(isinstance(block, Paragraph) for block in blocks)
    assert [block.text for block in blocks] == ["规章", "0", "0", "5"]  # type: ignore[union-attr]
