"""Figures survive the cosmetic ways real files differ from the template's rendering.

Each variant below is something seen in published reports or in the tools that
extract them (full-width digits from Word, cells parted by ideographic spaces in OCR
text, counts written 5.00 by a spreadsheet or 5件 by hand, full-width pipes and
box-drawing rules, CRLF line ends, upper-case
tags and Word's ``MsoNormal`` paragraphs in pages saved from Word, ``<th>`` cells,
tables wrapped for scrolling, labels broken by ``<br>``). The report read from a
changed rendering must hold every figure of the synthetic report it was rendered from.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from disclosure_core.api import ReportReader, builtin_templates
from disclosure_core.testing import Layout, cells_of, example_report, render_html, render_text

TEMPLATES = {template.id: template for template in builtin_templates()}
_READER = ReportReader()
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
#: A cell holding a whole number: after a tab, a pipe or a line start, to the next.
_WHOLE_CELL = re.compile(r"(?m)(?:(?<=[\t|])|^)[ ]*(\d+)(?=[ ]*(?:[\t|]|$))")

#: A markdown table's rule line: |---|---|.
_RULE_LINE = re.compile(r"\|[-| :]+\|?")

TEXT_VARIANTS: dict[str, Callable[[str], str]] = {
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "trailing-nbsp": lambda text: "\n".join(line + "\u00a0 " for line in text.split("\n")),
    "full-width-digits": lambda text: text.translate(_FULL_WIDTH_DIGITS),
    "page-footer": lambda text: text.replace(
        "（五）不予处理", "第 3 页 共 9 页\n（五）不予处理", 1
    ),
    "bom": lambda text: "\ufeff" + text,
    "double-space-cells": lambda text: text.replace("\t", "  "),
    "ideographic-space-cells": lambda text: text.replace("\t", "\u3000"),
    # counts from a spreadsheet formatted with decimals: 5.00 is the count 5
    "zero-decimals": lambda text: _WHOLE_CELL.sub(lambda match: match.group(1) + ".00", text),
    # the full-width pipe of a Chinese input method, and tables drawn with box-drawing
    # characters by OCR and PDF-to-text tools (│ 规章 │ 0 │ under ┼──┼)
    "full-width-pipes": lambda text: text.replace("|", "｜"),
    "box-drawing": lambda text: "\n".join(
        line.replace("|", "┼").replace("-", "─")
        if _RULE_LINE.fullmatch(line.strip())
        else line.replace("|", "│")
        for line in text.split("\n")
    ),
    # counts written with their measure word, as some offices fill the tables: 5件
    "measure-word": lambda text: _WHOLE_CELL.sub(lambda match: match.group(1) + "件", text),
}

_CELL_SPAN = re.compile(r'12pt">')
HTML_VARIANTS: dict[str, Callable[[str], str]] = {
    "upper-case-tags": lambda page: re.sub(
        r"</?(td|tr|table|p|span)\b", lambda match: match.group(0).upper(), page
    ),
    "font-tags": lambda page: _CELL_SPAN.sub("12pt\"><font face='宋体'>", page).replace(
        "</span></p></td>", "</font></span></p></td>"
    ),
    "th-cells": lambda page: page.replace("<td", "<th").replace("</td>", "</th>"),
    "scroll-wrapper": lambda page: page.replace(
        "<table", "<div style='overflow:auto'><table"
    ).replace("</table>", "</table></div>"),
    "mso-paragraphs": lambda page: page.replace("<p style=", "<p class=MsoNormal style=").replace(
        "</span></p>", "<o:p></o:p></span></p>"
    ),
    "line-breaks-in-cells": lambda page: _CELL_SPAN.sub('12pt">\n  ', page).replace(
        "</span>", "\n</span>"
    ),
    "br-in-labels": lambda page: page.replace("政府信息公开申请", "政府信息<br/>公开申请"),
    "measure-word": lambda page: re.sub(r'12pt">(\d+)</span>', r'12pt">\1件</span>', page),
}


def _assert_figures(data: bytes, name: str, template_id: str, seed: int) -> None:
    synthetic = example_report(TEMPLATES[template_id], seed=seed)
    report = _READER.read(data, name=name)
    assert report.template == template_id
    got = {cell_id: cell.value for cell_id, cell in report.cells.items()}
    wrong = {k: (v, got.get(k)) for k, v in cells_of(synthetic).items() if got.get(k) != v}
    assert not wrong, f"{len(wrong)} figures differ (expected, read): {list(wrong.items())[:5]}"


#: Variants that change how cells are parted apply to the layouts that part them so.
_VARIANT_LAYOUTS = {
    "double-space-cells": (Layout.TSV,),
    "ideographic-space-cells": (Layout.TSV,),
    "full-width-pipes": (Layout.PIPE_ROWS, Layout.MARKDOWN),
    "box-drawing": (Layout.PIPE_ROWS, Layout.MARKDOWN),
}
_TEXT_CASES = [
    (variant, layout)
    for variant in sorted(TEXT_VARIANTS)
    for layout in _VARIANT_LAYOUTS.get(
        variant, (Layout.TSV, Layout.CELL_PER_LINE, Layout.PIPE_ROWS)
    )
]


@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
@pytest.mark.parametrize(
    ("variant", "layout"), _TEXT_CASES, ids=[f"{v}-{layout.value}" for v, layout in _TEXT_CASES]
)
def test_text_variants_keep_every_figure(template_id: str, variant: str, layout: Layout) -> None:
    text = render_text(example_report(TEMPLATES[template_id], seed=5), layout)
    changed = TEXT_VARIANTS[variant](text)
    assert changed != text
    _assert_figures(changed.encode("utf-8"), "x.txt", template_id, 5)


@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
@pytest.mark.parametrize("variant", sorted(HTML_VARIANTS))
def test_page_variants_keep_every_figure(template_id: str, variant: str) -> None:
    page = render_html(example_report(TEMPLATES[template_id], seed=7)).decode("utf-8")
    changed = HTML_VARIANTS[variant](page)
    assert changed != page
    _assert_figures(changed.encode("utf-8"), "x.html", template_id, 7)


@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
@pytest.mark.parametrize("layout", list(Layout), ids=lambda layout: layout.value)
def test_full_width_digits_read_as_ascii_ones(template_id: str, layout: Layout) -> None:
    """Every layout, glued digits included: the same values, the same uncertain cells,
    at the same places, as the text written with ASCII digits."""
    text = render_text(example_report(TEMPLATES[template_id], seed=3), layout)
    ascii_report = _READER.read_text(text, source="x.txt")
    wide_report = _READER.read_text(text.translate(_FULL_WIDTH_DIGITS), source="x.txt")
    assert ascii_report.meta.year == wide_report.meta.year
    for cell_id, cell in ascii_report.cells.items():
        wide = wide_report.cells[cell_id]
        assert (wide.value, wide.uncertain) == (cell.value, cell.uncertain), cell_id
        assert (wide.provenance.line, wide.provenance.column) == (
            cell.provenance.line,
            cell.provenance.column,
        ), cell_id
    assert wide_report.cells.keys() == ascii_report.cells.keys()


@pytest.mark.parametrize("written", ["²", "¹²", "3²", "①", "⑩"])
def test_digits_that_are_not_decimal_are_not_figures(written: str) -> None:
    """Superscripts and circled numbers pass str.isdigit() but int() fails on them: they
    are text in a cell, never a crash."""
    template = TEMPLATES["national-2021"]
    text = render_text(example_report(template, seed=1), Layout.TSV)
    row = next(line for line in text.split("\n") if line.startswith("规章\t"))
    changed = text.replace(row, "规章\t" + written + row[row.index("\t", 3) :], 1)
    report = _READER.read_text(changed, source="x.txt")
    cell = report.cells["proactive.regulations.issued"]
    assert cell.value is None or cell.uncertain
