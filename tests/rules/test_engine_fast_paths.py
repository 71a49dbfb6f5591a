"""The engine's fast paths give what the plain code gives.

A context built by the engine (values and odd cells in one pass), a pattern read by
one getter, and the per-layout sums of a rule with optional cells are each checked
here against the plain way of doing it.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

import pytest
from attrs import evolve

from disclosure_core.checker import Checker
from disclosure_core.model.report import Cell, Report, Section
from disclosure_core.rules.compile import TemplateCells
from disclosure_core.rules.engine import make_context
from disclosure_core.rules.expr import Context
from disclosure_core.testing import Layout, example_report, render_text


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(entry_points=False)


@pytest.fixture(scope="module")
def report(checker: Checker) -> Report:
    template = next(t for t in checker.templates if t.id == "national-2021")
    text = render_text(example_report(template, seed=3), Layout.TSV)
    return checker.reader.read_text(text, source="fast-paths")


def _with(report: Report, changes: dict[str, Any]) -> Report:
    cells = dict(report.cells)
    for key, value in changes.items():
        if value is KeyError:
            del cells[key]
        else:
            cells[key] = Cell(value, cells[key].provenance if key in cells else None)
    return evolve(report, cells=cells)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"requests.new.total": None},
        {"requests.new.total": -2, "appeals.review.total": Decimal("1.5")},
        {"requests.new.total": None, "requests.granted.research": None},
        {"requests.new.total": True},
        {"requests.new.total": KeyError},
    ],
)
def test_engine_context_matches_a_plain_context(report: Report, changes: dict[str, Any]) -> None:
    changed = _with(report, changes)
    fast = make_context(changed, {})
    values = {cell_id: cell.value for cell_id, cell in changed.cells.items()}
    sections = {section.id: section.text for section in changed.sections}
    assert fast.sections == sections
    meta = changed.meta
    assert fast.variables["year"] == meta.year
    assert fast.variables["body"] == meta.body
    assert fast.variables["template"] == changed.template
    assert fast.variables["published"] == (meta.page_date or meta.published)
    assert [note[0] for note in fast.notes] == [note.code.value for note in changed.notes]
    plain = Context(values, sections, fast.variables, {}, fast.notes)
    assert list(fast.values.items()) == list(plain.values.items())
    assert list(fast.zero.items()) == list(plain.zero.items())
    assert fast.irregular == plain.irregular
    assert fast.has_blanks == plain.has_blanks


def test_a_repeated_section_is_seen_by_rules_as_its_first_printing(report: Report) -> None:
    first = report.sections[0]
    again = Section(first.id, first.heading, "printed twice: the second text", first.number)
    context = make_context(evolve(report, sections=(*report.sections, again)), {})
    assert context.sections[first.id] == first.text
    assert len(context.sections) == len({section.id for section in report.sections})


@pytest.mark.parametrize("missing", [None, "proactive.regulations.issued"])
def test_a_pattern_read_by_its_getter_matches_the_filtered_cells(
    checker: Checker, report: Report, missing: str | None
) -> None:
    cells = TemplateCells(next(t for t in checker.templates if t.id == "national-2021"))
    pattern = "proactive.*"
    expansion = cells.expand(pattern)
    changed = _with(report, {missing: KeyError} if missing else {})
    fast = make_context(changed, {}, cells.expansions, cells.getters)
    plain = make_context(changed, {}, cells.expansions)
    assert pattern in cells.getters
    assert fast.matching(pattern) == plain.matching(pattern)
    assert fast.matching_values(pattern) == plain.matching_values(pattern)
    assert fast.matching(pattern) == tuple(c for c in expansion if c in changed.cells)


def test_results_total_errors_are_found_in_every_layout(checker: Checker, report: Report) -> None:
    """NAT-B3 sums optional cells per layout of present cells, the last report's
    layout or a new one; a blank cell counts 0."""
    engine = checker.engine(["national"])
    column = "requests.results_total.natural_person"
    total = report.cells[column].value
    part = "requests.other_handling.fee_unpaid.natural_person"
    granted = "requests.granted.natural_person"
    variants: list[tuple[dict[str, Any], bool]] = [
        ({}, False),
        ({column: total + 1}, True),
        ({part: KeyError, column: total - report.cells[part].value}, False),
        ({part: KeyError, column: total - report.cells[part].value + 1}, True),
        ({granted: None, column: total - report.cells[granted].value}, False),
        ({granted: None}, report.cells[granted].value != 0),
    ]
    for first, second in itertools.permutations(variants, 2):
        for changes, wrong in (first, second, first):
            changed = _with(report, changes)
            found = {f.instance for f in engine.check(changed).by_rule("NAT-B3")}
            assert ("natural_person" in found) is wrong, changes
