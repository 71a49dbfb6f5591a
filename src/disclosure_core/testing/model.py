"""What the rules of a stack say about a template's cells, for generating reports.

Nothing here knows the national tables: the structure is read off the compiled rules.
Every ``sum`` instance makes its total a *derived* cell; every other cell the numeric
rules read is a *leaf*. A report is built by drawing the leaves, deriving the totals in
dependency order, and then *repairing* what the remaining rules (balances, comparisons,
plugin rules) still reject by moving leaves (up, or down to no lower than 0, so
non-negativity holds). Rules that no repair can satisfy together are contradictory, and are named.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from attrs import evolve, frozen

from disclosure_core.model.report import Cell, Report
from disclosure_core.rules.compile import Check
from disclosure_core.rules.engine import Engine, Plan, PythonRule, RuleInfo, make_context
from disclosure_core.rules.expr import Context, NotApplicable
from disclosure_core.templates.spec import ColumnKind, TemplateSpec

#: Rule kinds that constrain figures (the cross-checks).
NUMERIC_KINDS = frozenset({"sum", "balance", "compare", "range", "expr", "python"})
MAX_REPAIRS = 400
MAX_NEAR_MISSES = 24
MAX_REBALANCE_ROUNDS = 6


class Unsatisfiable(Exception):
    """The rules of the stack cannot all hold for these leaves: names the rules."""

    def __init__(self, rules: Sequence[str], cells: Mapping[str, Any]) -> None:
        self.rules = tuple(rules)
        self.cells = dict(cells)
        super().__init__("no figures satisfy these rules together: " + ", ".join(self.rules))


@frozen
class Instance:
    """A compiled rule instance with its owner."""

    info: RuleInfo
    check: Check | PythonRule

    @property
    def rule_id(self) -> str:
        return self.info.id

    def reads(self, cells: Iterable[str]) -> frozenset[str]:
        """Cells of the template this instance reads (patterns expanded)."""
        import fnmatch

        declared = (
            self.check.reads if isinstance(self.check, Check) else frozenset(self.check.reads)
        )
        names = list(cells)
        out: set[str] = set()
        for item in declared:
            if "*" in item or "?" in item:
                out.update(fnmatch.filter(names, item))
            else:
                out.add(item)
        return frozenset(out)


class StackModel:
    """The numeric structure a rule stack imposes on one template's cells."""

    def __init__(self, engine: Engine, template: TemplateSpec, year: int) -> None:
        self.engine = engine
        self.template = template
        self.year = year
        self.plan: Plan = engine.plan(template.id, year)
        self.cells = list(template.cell_ids())
        self.kinds = {
            f"{table.id}.{row.id}.{column}": table.column(column).kind
            for table in template.tables
            for row in table.rows
            for column in table.row_columns(row)
        }
        self.instances: list[Instance] = []
        for info, compiled in self.plan.checks:
            if info.kind not in NUMERIC_KINDS:
                continue
            checks = (compiled,) if isinstance(compiled, PythonRule) else compiled.checks
            self.instances.extend(Instance(info, check) for check in checks)
        # derived cells: the total of the first sum instance that names it
        self.derivations: dict[str, tuple[str, ...]] = {}
        for instance in self.instances:
            arith = instance.check.arith if isinstance(instance.check, Check) else None
            if arith is None or arith[0] != "sum":
                continue
            total, parts = arith[3][0], arith[1]
            if total not in self.derivations and total in self.kinds:
                self.derivations[total] = tuple(p for p in parts if p in self.kinds)
        self.order = self._topological()
        read: set[str] = set()
        for instance in self.instances:
            read |= instance.reads(self.cells)
        self.leaves = [c for c in self.cells if c not in self.derivations]
        self.read = frozenset(read)
        self._shells: dict[int, Context] = {}

    def _topological(self) -> list[str]:
        order: list[str] = []
        state: dict[str, int] = {}

        def visit(cell: str, path: tuple[str, ...]) -> None:
            if state.get(cell) == 2:
                return
            if state.get(cell) == 1:
                # a total that (indirectly) includes itself: keep the first derivation
                self.derivations.pop(cell, None)
                return
            state[cell] = 1
            for part in self.derivations.get(cell, ()):
                if part in self.derivations:
                    visit(part, (*path, cell))
            state[cell] = 2
            if cell in self.derivations:
                order.append(cell)

        for cell in list(self.derivations):
            visit(cell, ())
        return [c for c in order if c in self.derivations]

    # ---------------------------------------------------------------- building

    def derive(self, values: dict[str, Any]) -> None:
        """Compute every derived cell from its parts (in place)."""
        for cell in self.order:
            values[cell] = sum((values.get(p) or 0) for p in self.derivations[cell])

    def leaves_of(self, cell: str) -> list[str]:
        """The leaves that feed a cell (itself when it is a leaf)."""
        if cell not in self.derivations:
            return [cell]
        out: list[str] = []
        for part in self.derivations[cell]:
            out.extend(self.leaves_of(part))
        return out

    def report(self, values: Mapping[str, Any], base: Report) -> Report:
        """``base`` with these cell values."""
        cells = {cell: Cell(values.get(cell, 0)) for cell in self.cells}
        return evolve(base, cells=cells)

    def failing(self, report: Report) -> list[Instance]:
        """The numeric rule instances that reject a report (crashes count as failing)."""
        return self._failing_in(make_context(report, self.plan.params))

    def _context(self, values: Mapping[str, Any], base: Report) -> Context:
        """What the rules see of ``base`` with these cell values (no Report is built)."""
        shell = self._shells.get(id(base))
        if shell is None:
            shell = make_context(evolve(base, cells={}), self.plan.params)
            self._shells = {id(base): shell}
        cells = {cell: values.get(cell, 0) for cell in self.cells}
        return Context(
            cells,
            shell.sections,
            shell.variables,
            shell.params,
            shell.notes,
            self.engine.expansions(self.template.id),
        )

    def _failing_in(self, ctx: Context) -> list[Instance]:
        failing = []
        for instance in self.instances:
            ctx.touched.clear()
            try:
                check = instance.check
                violations = (
                    check.run(ctx) if isinstance(check, Check) else list(check.function(ctx) or ())
                )
            except NotApplicable:
                continue
            except Exception:  # a crashing rule is a failing rule here
                failing.append(instance)
                continue
            if violations:
                failing.append(instance)
        return failing

    def repair_pinned(self, leaves: Mapping[str, Any], base: Report, pinned: str) -> Report:
        """:meth:`repair` without moving ``pinned`` (is any value but 0 possible?)."""
        return self.repair(leaves, base, frozenset([pinned]))

    def repair(
        self, leaves: Mapping[str, Any], base: Report, pinned: frozenset[str] = frozenset()
    ) -> Report:
        """Derive totals, then move leaves until every numeric rule holds.

        Raises :class:`Unsatisfiable` naming the rules still failing when no raise of a
        single leaf helps any more.
        """
        values: dict[str, Any] = dict(leaves)
        self.derive(values)
        failing = self._failing_in(self._context(values, base))
        for _ in range(MAX_REPAIRS):
            if not failing:
                return self.report(values, base)
            fixed = False
            for instance in failing:
                attempt = self._fix(instance, values, base, len(failing), pinned)
                if attempt is not None:
                    values, failing = attempt
                    fixed = True
                    break
            if not fixed:
                break
        raise Unsatisfiable(sorted({i.rule_id for i in failing}), leaves)

    def _fix(
        self,
        instance: Instance,
        values: dict[str, Any],
        base: Report,
        failing_now: int,
        pinned: frozenset[str] = frozenset(),
    ) -> tuple[dict[str, Any], list[Instance]] | None:
        """Move one leaf the instance reads so that fewer rules fail; None if none does.

        A move that fixes the instance but unbalances others (lowering an addend that a
        second sum leaves out breaks 一+二=三+四) is followed by balancing moves on
        leaves the instance does not read, before it is judged.
        """
        near_misses: list[tuple[dict[str, Any], list[Instance]]] = []
        for trial in self._trials(instance, values, base, pinned):
            self.derive(trial)
            still = self._failing_in(self._context(trial, base))
            if instance in still:
                continue
            if len(still) < failing_now or (
                len(still) == failing_now and not any(s.rule_id == instance.rule_id for s in still)
            ):
                return trial, still
            if len(near_misses) < MAX_NEAR_MISSES:
                near_misses.append((trial, still))
        protected = pinned | frozenset(
            leaf for cell in instance.reads(self.cells) for leaf in self.leaves_of(cell)
        )
        for trial, still in near_misses:
            settled = self._rebalance(trial, still, base, protected)
            if settled is not None and len(settled[1]) < failing_now:
                return settled
        return None

    def _rebalance(
        self,
        values: dict[str, Any],
        failing: list[Instance],
        base: Report,
        protected: frozenset[str],
    ) -> tuple[dict[str, Any], list[Instance]] | None:
        """Settle failing balances with moves of unprotected leaves (a few rounds)."""
        for _ in range(MAX_REBALANCE_ROUNDS):
            progress = False
            for instance in failing:
                for trial in self._balance_moves(instance, values, protected):
                    self.derive(trial)
                    still = self._failing_in(self._context(trial, base))
                    if len(still) < len(failing):
                        values, failing, progress = trial, still, True
                        break
                if progress:
                    break
            if not progress or not failing:
                break
        return values, failing

    def _trials(
        self,
        instance: Instance,
        values: dict[str, Any],
        base: Report,
        pinned: frozenset[str] = frozenset(),
    ) -> Iterator[dict[str, Any]]:
        """Candidate repairs, most promising first (made lazily: most fixes need few)."""
        yield from self._balance_moves(instance, values, pinned)
        candidates: list[str] = []
        for cell in sorted(instance.reads(self.cells)):
            for leaf in self.leaves_of(cell):
                if leaf in self.kinds and leaf not in candidates and leaf not in pinned:
                    candidates.append(leaf)
        deltas = self._deltas(instance, values, base)
        for leaf in candidates:
            current = values.get(leaf) or 0
            amount = self.kinds.get(leaf) is ColumnKind.AMOUNT
            signed = self.kinds.get(leaf) is ColumnKind.SIGNED
            moves = [current + d for d in deltas]
            # lowering is allowed down to 0 (a rule may want a figure to be none at all)
            moves += [current - d for d in deltas if signed or current - d >= 0]
            if current and 0 not in moves:
                moves.append(0)
            for target in moves:
                yield {**values, leaf: Decimal(target) if amount else int(target)}
        # a rule may want several figures to be none at all (规章 of a township)
        yield {
            **values,
            **{leaf: 0 for leaf in candidates if self.kinds.get(leaf) is not ColumnKind.AMOUNT},
        }

    def _balance_moves(
        self, instance: Instance, values: Mapping[str, Any], pinned: frozenset[str] = frozenset()
    ) -> list[dict[str, Any]]:
        """For a balance: raise a leaf of the smaller side by the difference (tried first:
        it is usually the one move that works)."""
        check = instance.check
        arith = check.arith if isinstance(check, Check) else None
        if arith is None or arith[0] != "balance":
            return []
        left = sum((values.get(c) or 0) for c in arith[1])
        right = sum((values.get(c) or 0) for c in arith[3])
        if left == right:
            return []
        smaller = arith[1] if left < right else arith[3]
        gap = abs(left - right)
        moves = []
        for cell in smaller:
            for leaf in self.leaves_of(cell):
                if leaf in self.kinds and leaf not in pinned:
                    step = Decimal(gap) if self.kinds[leaf] is ColumnKind.AMOUNT else int(gap)
                    moves.append({**values, leaf: (values.get(leaf) or 0) + step})
        return moves

    def _deltas(self, instance: Instance, values: Mapping[str, Any], base: Report) -> list[int]:
        """Candidate raises: the rule's own difference first, then small steps."""
        out: list[int] = []
        ctx = self._context(values, base)
        try:
            check = instance.check
            violations = (
                check.run(ctx) if isinstance(check, Check) else list(check.function(ctx) or ())
            )
        except Exception:  # a crashing rule gives no hint; the small steps remain
            violations = []
        for violation in violations or ():
            expected: Any = violation.expected
            actual: Any = violation.actual
            if isinstance(expected, (int, Decimal)) and isinstance(actual, (int, Decimal)):
                gap = int(abs(Decimal(expected) - Decimal(actual)))
                if gap and gap not in out:
                    out.append(gap)
        for step in (1, 2, 5, 10, 100):
            if step not in out:
                out.append(step)
        return out
