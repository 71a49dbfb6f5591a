"""Reports are untrusted input: whatever characters a file holds, reading it gives a
report or a typed input error, never another exception.

Generated reports are rendered in every layout and as pages, then characters are
dropped into them at random places: any Unicode text, and the characters that look
like figures but are not what ``int()`` reads (superscripts, circled numbers), digits
of other scripts, dashes, units and numbers in odd notations.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_core.api import ReportReader, builtin_templates
from disclosure_core.errors import InputError
from disclosure_core.model.report import Report
from disclosure_core.templates import TemplateSpec
from disclosure_core.templates.spec import ColumnKind
from disclosure_core.testing import Layout, example_report, render_html, render_text

TEMPLATES = builtin_templates()
_READER = ReportReader()
_LOOKALIKES = [
    *"²³¹①⑩٣۴०০๐០０𝟎½Ⅻ∞",
    *"\u200b\u00a0\ufeff\u0301\u202e\u3000",
    *"—–−－.,，．%％万元年月日十〇",
    *["1.5", "1e5", "0x1F", "NaN", "-0", "+3", "1,000", "1,00", "9" * 40, ".5", "1..2", "—0—"],
]
insertions = st.lists(
    st.tuples(
        st.floats(min_value=0, max_value=1),
        st.sampled_from(_LOOKALIKES)
        | st.text(st.characters(exclude_categories=("Cs",)), max_size=4),
    ),
    min_size=1,
    max_size=12,
)


def _insert(text: str, where: list[tuple[float, str]]) -> str:
    for fraction, piece in where:
        at = int(fraction * len(text))
        text = text[:at] + piece + text[at:]
    return text


def _read(data: bytes, name: str) -> Report | None:
    try:
        return _READER.read(data, name=name)
    except InputError:
        return None


@settings(settings(), max_examples=max(10, settings().max_examples // 2))
@given(
    template=st.sampled_from(TEMPLATES),
    seed=st.integers(0, 40),
    layout=st.sampled_from(list(Layout)),
    where=insertions,
)
def test_odd_characters_in_a_text_never_crash_the_reader(
    template: TemplateSpec, seed: int, layout: Layout, where: list[tuple[float, str]]
) -> None:
    text = render_text(example_report(template, seed=seed), layout)
    report = _read(_insert(text, where).encode("utf-8"), "x.txt")
    if report is not None:  # what was read are figures, each with its line
        for cell in report.cells.values():
            assert cell.value is None or type(cell.value) in (int, Decimal)
            assert cell.provenance.line is not None


@settings(settings(), max_examples=max(10, settings().max_examples // 4))
@given(template=st.sampled_from(TEMPLATES), seed=st.integers(0, 40), where=insertions)
def test_odd_characters_in_a_page_never_crash_the_reader(
    template: TemplateSpec, seed: int, where: list[tuple[float, str]]
) -> None:
    page = render_html(example_report(template, seed=seed)).decode("utf-8")
    _read(_insert(page, where).encode("utf-8"), "x.html")


def test_a_long_glued_digit_run_costs_what_a_normal_row_costs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A row whose digits run on for thousands of characters (a broken extraction) is
    cut into values no longer than any value can be written: the work does not grow
    with the run. (Every cut was tried before: 5,000 digits took over a minute.)"""
    from disclosure_core.recognize import split

    attempts = [0]
    parse = split.parse_value

    def counted(text: str, kind: ColumnKind) -> object:
        attempts[0] += 1
        return parse(text, kind)

    monkeypatch.setattr(split, "parse_value", counted)
    template = next(t for t in TEMPLATES if t.id == "national-2021")
    text = render_text(example_report(template, seed=1), Layout.GLUED)
    costs = []
    for digits in (500, 5000):
        attempts[0] = 0
        long_run = text.replace("（七）总计", "（七）总计" + "7" * digits, 1)
        assert _READER.read_text(long_run, source="x.txt").template == "national-2021"
        costs.append(attempts[0])
    assert costs[1] <= costs[0] * 1.1
