"""Mutators: break one rule of a consistent report by changing one cell it reads."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from attrs import evolve, frozen

from disclosure_core.model.report import Cell, Report
from disclosure_core.rules.engine import Engine
from disclosure_core.testing.model import StackModel


@frozen
class Mutation:
    """A one-cell change: the report after it, the cell, and its old and new values."""

    report: Report
    cell: str
    old: Any
    new: Any


def perturb(report: Report, cell: str, value: Any) -> Report:
    """``report`` with one cell set to ``value`` (``None``: blank)."""
    old = report.cells.get(cell)
    provenance = old.provenance if old is not None else None
    return evolve(report, cells={**report.cells, cell: Cell(value, provenance)})


def _changes(value: Any) -> Iterator[Any]:
    """Values to try for a cell, ordinary first: a rule on ranges (never negative, whole
    numbers) needs the unusual ones last."""
    current = value or 0
    step: Any = Decimal("1.5") if isinstance(current, Decimal) else 1
    yield current + step
    if current >= step:
        yield current - step
    yield current + (Decimal(7) if isinstance(current, Decimal) else 7)
    yield -current - step
    if not isinstance(current, Decimal):
        yield Decimal(current) + Decimal("0.5")


def mutations(
    model: StackModel, report: Report, rule_id: str, order: Sequence[str] | None = None
) -> Iterator[Mutation]:
    """One-cell changes of the cells ``rule_id`` reads that make the rule fire."""
    instances = [i for i in model.instances if i.rule_id == rule_id]
    cells: list[str] = []
    for instance in instances:
        for cell in sorted(instance.reads(model.cells)):
            if cell in report.cells and cell not in cells:
                cells.append(cell)
    if order is not None:
        rank = {cell: index for index, cell in enumerate(order)}
        cells.sort(key=lambda c: rank.get(c, len(rank)))
    for cell in cells:
        for value in _changes(report.cells[cell].value):
            mutated = perturb(report, cell, value)
            if any(i.rule_id == rule_id for i in model.failing(mutated)):
                yield Mutation(mutated, cell, report.cells[cell].value, value)
                break


def break_rule(report: Report, rule_id: str, engine: Engine) -> Report:
    """A report that violates ``rule_id`` after changing one cell the rule reads.

    ``report`` must be in a template the engine knows. Raises :class:`ValueError` when
    no one-cell change makes the rule fire (a rule reading no cell, say).
    """
    if report.template is None or report.meta.year is None:
        raise ValueError("break_rule needs a report with a template and a year")
    template = engine.templates[report.template]
    model = StackModel(engine, template, report.meta.year)
    for mutation in mutations(model, report, rule_id):
        return mutation.report
    raise ValueError(f"no one-cell change of the cells {rule_id} reads makes it fire")
