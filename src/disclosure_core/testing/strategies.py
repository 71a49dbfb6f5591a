"""Hypothesis strategies for reports a rule stack accepts.

:func:`leaf_values` draws the leaf figures of a template (shrinking towards 0);
:func:`consistent_reports` turns them into a report that satisfies every numeric rule of
the stack, by deriving totals from the ``sum`` rules and repairing the rest (see
``model.py``): the national tables are never described here, the rules are.
:func:`section_texts` draws narrative for each section, using the strategies plugins
register for their own sections.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from disclosure_core.model.report import Level, Report
from disclosure_core.templates.spec import ColumnKind, TemplateSpec
from disclosure_core.testing.cases import CLEAN_SECTIONS, clean_report
from disclosure_core.testing.model import StackModel

#: Figures real reports have: mostly small, sometimes large.
COUNTS = st.one_of(st.integers(0, 12), st.integers(0, 3000))
AMOUNTS = st.decimals(
    min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False
)
CHANGES = st.integers(-50, 50)


def leaf_values(model: StackModel) -> st.SearchStrategy[dict[str, Any]]:
    """The leaves of the model's template (derived totals are left out)."""
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for cell in model.leaves:
        kind = model.kinds.get(cell)
        if kind is ColumnKind.AMOUNT:
            fields[cell] = AMOUNTS
        elif kind is ColumnKind.SIGNED:
            fields[cell] = CHANGES
        else:
            fields[cell] = COUNTS
    return st.fixed_dictionaries(fields)


def section_texts(
    template: TemplateSpec, plugin_strategies: Mapping[str, st.SearchStrategy[str]] | None = None
) -> st.SearchStrategy[dict[str, str]]:
    """Text for every section: clean narrative, plus random sentences that never remove
    a topic word; a plugin's strategy is used for its own sections."""
    filler = st.sampled_from(["本年度工作有序开展。", "进一步规范公开流程。", "", "加强组织领导。"])
    fields: dict[str, st.SearchStrategy[str]] = {}
    for section in template.sections:
        own = (plugin_strategies or {}).get(section.id)
        base = CLEAN_SECTIONS.get(section.id, "见下文。")
        fields[section.id] = own if own is not None else filler.map(base.__add__)
    return st.fixed_dictionaries(fields)


def report_meta(year: int) -> st.SearchStrategy[dict[str, Any]]:
    """Metadata a report may have: any level, published any day of the next year."""
    return st.fixed_dictionaries(
        {
            "level": st.sampled_from(list(Level)),
            "published": st.dates(datetime.date(year + 1, 1, 1), datetime.date(year + 1, 12, 31)),
        }
    )


def base_report(
    template: TemplateSpec,
    year: int,
    texts: Mapping[str, str] | None = None,
    meta: Mapping[str, Any] | None = None,
) -> Report:
    """The clean report of a template, with drawn texts and metadata."""
    from attrs import evolve

    report = clean_report(template, year=year)
    if texts:
        sections = tuple(evolve(s, text=texts.get(s.id, s.text)) for s in report.sections)
        report = evolve(report, sections=sections)
    if meta:
        report = evolve(report, meta=evolve(report.meta, **meta))
    return report


def consistent_reports(model: StackModel) -> st.SearchStrategy[Report]:
    """Reports of the model's template that every numeric rule of the stack accepts.

    Leaves whose repair fails (contradictory rules) are filtered out; the joint
    satisfiability property of the kit reports those instead.
    """
    base = clean_report(model.template, year=model.year)

    def build(leaves: dict[str, Any]) -> Report | None:
        from disclosure_core.testing.model import Unsatisfiable

        try:
            return model.repair(leaves, base)
        except Unsatisfiable:
            return None

    return leaf_values(model).map(build).filter(lambda report: report is not None)  # type: ignore[return-value]


def as_decimal(value: Any) -> Decimal:
    """A cell value as a Decimal (for comparisons in tests)."""
    return Decimal(value) if not isinstance(value, Decimal) else value
