"""Compile rules for one template into checks: closures over cell IDs.

Compilation happens once per template and set of parameter values (parameters can
vary by year; years with the same values share the compiled checks); checking a report
then only runs closures. Each rule kind has a compiler here.
Cell IDs, patterns, ``{column}``/``{row}`` expansions and expressions are all checked
against the template at this point, and every problem names the file and the rule
(``rulesets/x.toml: rule[3].parts: unknown cell 'requests.nwe.total'``).

The cells a rule reads are derived here from the rule itself, never typed by hand.
"""

from __future__ import annotations

import fnmatch
import functools
import operator
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from itertools import repeat
from typing import Any

from attrs import frozen

from disclosure_core.findings import Message
from disclosure_core.rules.expr import (
    Compiled,
    Context,
    ExprError,
    ExprRuntimeError,
    NotApplicable,
    compile_expression,
)
from disclosure_core.rules.model import (
    BalanceRule,
    CompareRule,
    Comparison,
    ExprRule,
    ForEach,
    KeywordsRule,
    NoteRule,
    ParamValue,
    PatternRule,
    RangeRule,
    RequiredRule,
    RuleSpec,
    SumRule,
)
from disclosure_core.templates.spec import TableSpec, TemplateSpec

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
#: Regexes in rulesets are untrusted: see _risky_regex.
MAX_REGEX = 200


class CompileError(ValueError):
    """A rule cannot be compiled for a template; ``field`` names the rule's field."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


@frozen
class Violation:
    """One failure of a rule instance, before it becomes a Finding."""

    cells: tuple[str, ...] = ()
    values: Mapping[str, Any] = {}
    expected: int | Decimal | None = None
    actual: int | Decimal | None = None
    section: str | None = None
    line: int | None = None
    blank_cells: tuple[str, ...] = ()


Runner = Callable[[Context], "list[Violation] | None"]


@frozen
class Check:
    """One compiled instance of a rule (one per column for a per-column rule).

    ``arith`` describes a sum or balance instance for the batched fast path:
    ``(kind, cells_a, required_a, cells_b, required_b)``.
    """

    instance: str | None
    run: Runner
    reads: frozenset[str]  # cell IDs and cell patterns the instance reads
    sections: frozenset[str]
    placeholders: Mapping[str, Any]
    arith: tuple[Any, ...] | None = None


#: Feeds ``map(zero.get, cells, _ZEROS)``: an absent cell counts 0 in a sum.
_ZEROS = repeat(0)

Batch = Callable[[Context], "list[int]"]


@frozen
class RuleChecks:
    """All instances of a rule, and (for sums and balances) a batched first pass that
    returns the indices of the instances that fail; only those are run in full.

    ``note_code``: the rule can only find something in a report that has a parse note
    with this code (a ``note`` rule), and, when ``note_variants`` is given, a variant
    matching one of these globs; the engine skips it on every other report.
    """

    checks: tuple[Check, ...]
    batch: Batch | None = None
    note_code: str | None = None
    note_variants: tuple[str, ...] | None = None


#: How many layouts of present and absent cells a batch remembers (a bound against odd
#: input; reports of one template come in a handful of layouts).
_LAYOUTS = 64

_Summed = tuple[int, Callable[[Any], tuple[Any, ...]], Callable[[Any], tuple[Any, ...]]]


def _batch(checks: Sequence[Check]) -> Batch | None:
    """One tight loop over every sum/balance instance of a rule (the hot path).

    An instance whose cells are all required adds them up through an ``itemgetter``:
    a missing cell raises ``KeyError`` and the rule takes the careful loop, which skips
    the instances that do not apply, as the full check would. An instance with cells
    that may be absent (from a pattern, or marked optional) is compiled per layout of
    present cells (which of them the report has): absent cells count 0, so they are
    left out of the sums, and an instance missing a required cell is left out.
    """
    if not checks or any(check.arith is None for check in checks):
        return None
    specs = [check.arith for check in checks if check.arith is not None]
    needed = tuple(
        dict.fromkeys(
            cell
            for spec in specs
            for cell in (*spec[2], *spec[4])  # every required cell
        )
    )
    sums: list[tuple[int, Callable[[Any], tuple[Any, ...]], str]] = []
    balances: list[_Summed] = []
    mixed: list[int] = []
    for index, (kind, cells_a, required_a, cells_b, required_b) in enumerate(specs):
        fixed = len(required_a) == len(cells_a) and len(required_b) == len(cells_b)
        if fixed and cells_a and kind == "sum" and len(cells_b) == 1:
            sums.append((index, _tuple_getter(cells_a), cells_b[0]))
        elif fixed and cells_a and cells_b:
            balances.append((index, _tuple_getter(cells_a), _tuple_getter(cells_b)))
        else:
            mixed.append(index)
    groups = bool(sums) + bool(balances) + bool(mixed)
    mixed_cells = tuple(
        dict.fromkeys(cell for index in mixed for cell in (*specs[index][1], *specs[index][3]))
    )
    layouts: dict[tuple[bool, ...], _Layout] = {}

    def layout(present: tuple[bool, ...]) -> _Layout:
        here = {cell for cell, found in zip(mixed_cells, present, strict=True) if found}
        totals: list[tuple[int, Callable[[Any], tuple[Any, ...]], str]] = []
        summed: list[_Summed] = []
        covered: set[str] = set()
        for index in mixed:
            _kind, cells_a, required_a, cells_b, required_b = specs[index]
            if here.issuperset(required_a) and here.issuperset(required_b):
                side_a = [cell for cell in cells_a if cell in here]
                side_b = [cell for cell in cells_b if cell in here]
                covered.update(side_a, side_b)
                if len(side_b) == 1:
                    totals.append((index, _tuple_getter(side_a), side_b[0]))
                else:
                    summed.append((index, _tuple_getter(side_a), _tuple_getter(side_b)))
        uncovered = [cell for cell in mixed_cells if cell in here and cell not in covered]
        absent = tuple(cell for cell in mixed_cells if cell not in here)
        found = _Layout(absent, _tuple_getter(uncovered) if uncovered else None, totals, summed)
        if len(layouts) < _LAYOUTS:
            layouts[present] = found
        return found

    # the layout of the last report: the next report of the template most likely has it
    recent = [_Layout(mixed_cells, None, [], [])] if mixed else []

    def failing_in(found: _Layout, zero: Mapping[str, Any]) -> list[int]:
        # ``0 + total`` is what ``sum`` of the one cell gives (the same value, and the
        # same error for a value that is no number), without a getter and a tuple
        failing = [index for index, a, total in found.totals if sum(a(zero)) != 0 + zero[total]]
        if found.summed:
            failing += [index for index, a, b in found.summed if sum(a(zero)) != sum(b(zero))]
            if found.totals:
                failing.sort()
        return failing

    def check_mixed(zero: Mapping[str, Any]) -> list[int]:
        has = zero.__contains__
        last = recent[0]
        # The last report's layout, when this report has it too (its absent cells are
        # absent, its present cells present: a getter raises KeyError for a missing
        # one), saves looking at every cell of the layout.
        if not any(map(has, last.absent)):
            try:
                if last.present is not None:
                    last.present(zero)
                return failing_in(last, zero)
            except KeyError:
                pass
        present = tuple(map(has, mixed_cells))
        found = layouts.get(present)
        if found is None:
            found = layout(present)
        recent[0] = found
        return failing_in(found, zero)

    def careful(ctx: Context) -> list[int]:
        zero = ctx.zero
        get = zero.get
        has = zero.__contains__
        failing = []
        complete = all(map(has, needed))
        for index, (kind, cells_a, required_a, cells_b, required_b) in enumerate(specs):
            if not complete and (
                (required_a and not all(map(has, required_a)))
                or (required_b and not all(map(has, required_b)))
            ):
                continue
            if kind == "sum":
                total = get(cells_b[0])
                if total is None:
                    continue
                if total != sum(map(get, cells_a, _ZEROS)):
                    failing.append(index)
            elif sum(map(get, cells_a, _ZEROS)) != sum(map(get, cells_b, _ZEROS)):
                failing.append(index)
        return failing

    def run(ctx: Context) -> list[int]:
        zero = ctx.zero
        try:
            failing = [index for index, parts, total in sums if zero[total] != sum(parts(zero))]
            if balances:
                failing += [index for index, a, b in balances if sum(a(zero)) != sum(b(zero))]
        except KeyError:
            return careful(ctx)
        if mixed:
            failing += check_mixed(zero)
        if groups > 1 and len(failing) > 1:
            failing.sort()
        return failing

    return run


class _Layout:
    """The mixed instances of a batch compiled for one layout of present cells."""

    __slots__ = ("absent", "present", "summed", "totals")

    def __init__(
        self,
        absent: tuple[str, ...],
        present: Callable[[Any], tuple[Any, ...]] | None,
        totals: list[tuple[int, Callable[[Any], tuple[Any, ...]], str]],
        summed: list[_Summed],
    ) -> None:
        self.absent = absent  # the cells of the layout the report lacks
        self.present = present  # a getter of the present cells no sum reads
        self.totals = totals  # (index, left, right cell) of those with one cell right
        self.summed = summed  # (index, left, right) of the other instances that apply


def _tuple_getter(cells: Sequence[str]) -> Callable[[Any], tuple[Any, ...]]:
    """``itemgetter`` that returns a tuple for any number of cells."""
    if len(cells) > 1:
        return operator.itemgetter(*cells)
    if cells:
        cell = cells[0]
        return lambda mapping: (mapping[cell],)
    return lambda mapping: ()


def fill(template: str, values: Mapping[str, Any]) -> str:
    """Fill ``{name}`` placeholders; unknown names stay as written. No attribute or
    index access: message templates come from untrusted rulesets."""
    head, rest = _pieces(template)
    if not rest:
        return template
    out = [head]
    for name, text in rest:
        if name in values:
            value = values[name]
            if isinstance(value, (list, tuple)):
                out.append("、".join([str(v) for v in value]))
            else:
                out.append(str(value))
        else:
            out.append("{" + name + "}")
        out.append(text)
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _pieces(template: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A template split into its leading text and (placeholder name, text after it)
    pairs; parsed once per message, not once per finding."""
    pieces = _PLACEHOLDER.split(template)  # the pattern has one group: names, texts
    return pieces[0], tuple(zip(pieces[1::2], pieces[2::2], strict=True))


def fill_message(message: Message, values: Mapping[str, Any]) -> Message:
    """A message with its placeholders filled in both languages."""
    return Message(fill(message.zh, values), fill(message.en, values))


class TemplateCells:
    """The cells a template can hold, for checking and expanding rule cell IDs."""

    def __init__(self, template: TemplateSpec) -> None:
        self.template = template
        ids = list(template.cell_ids())
        for table in template.tables:
            for group in table.groups:
                if group.collapsible:  # a group printed as one row has cells of its own
                    ids.extend(f"{table.id}.{group.id}.{column.id}" for column in table.columns)
        # one string object per cell ID, shared by every compiled check (see expand)
        self.ids = tuple(sys.intern(cell) for cell in ids)
        self.id_set = frozenset(self.ids)
        self.tables = frozenset(table.id for table in template.tables)
        self.sections = frozenset(section.id for section in template.sections) | {"preamble"}
        self.expansions: dict[str, tuple[str, ...]] = {}
        #: an ``itemgetter`` of the cells of each expanded pattern of two cells or more
        self.getters: dict[str, Callable[[Mapping[str, Any]], tuple[Any, ...]]] = {}

    def check(self, cell: str) -> str | None:
        """A problem with a cell ID or pattern, or ``None`` when it is fine."""
        if "*" in cell or "?" in cell:
            if not self.expand(cell):
                return f"pattern {cell!r} matches no cell of {self.template.id}"
            return None
        if cell not in self.id_set:
            return f"unknown cell {cell!r} in {self.template.id}"
        return None

    def expand(self, pattern: str) -> tuple[str, ...]:
        """Cell IDs matching a pattern (cached: expressions reuse them on every report)."""
        if "*" in pattern or "?" in pattern:
            cached = self.expansions.get(pattern)
            if cached is None:
                cached = tuple(fnmatch.filter(self.ids, pattern))
                self.expansions[pattern] = cached
                if len(cached) > 1:
                    self.getters[pattern] = operator.itemgetter(*cached)
            return cached
        # interned: the checks of all rules then hold one string per cell, not one per
        # instance, which keeps what checking a report touches small
        return (sys.intern(pattern),) if pattern in self.id_set else ()


def instances(rule: RuleSpec, template: TemplateSpec) -> Iterator[dict[str, str]]:
    """The ``{column}``/``{row}`` substitutions of a rule (one empty one without for_each)."""
    each = rule.for_each
    if each is None:
        yield {}
        return
    table = _table(template, each)
    if each.columns_of is not None:
        for column in table.columns:
            if _selected(column.id, each):
                yield {"column": column.id, "column_label": column.label, "table": table.id}
    else:
        for row in table.rows:
            if _selected(row.id, each):
                yield {"row": row.id, "row_label": row.number + row.label, "table": table.id}


def _table(template: TemplateSpec, each: ForEach) -> TableSpec:
    name = each.columns_of or each.rows_of
    if (each.columns_of is None) == (each.rows_of is None):
        raise CompileError("for_each", "give exactly one of columns_of and rows_of")
    try:
        return template.table(name or "")
    except KeyError:
        raise CompileError("for_each", f"unknown table {name!r} in {template.id}") from None


def _selected(item: str, each: ForEach) -> bool:
    if each.only and not any(fnmatch.fnmatchcase(item, p) for p in each.only):
        return False
    return not any(fnmatch.fnmatchcase(item, p) for p in each.except_)


def _subst(text: str, names: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: names.get(m.group(1), m.group(0)), text)


# ------------------------------------------------------------------- compilers


def compile_rule(
    rule: RuleSpec,
    cells: TemplateCells,
    params: Mapping[str, ParamValue],
) -> RuleChecks:
    """Compile every instance of ``rule`` for a template (``params`` resolved)."""
    compiler = _COMPILERS.get(type(rule))
    if compiler is None:
        raise CompileError("kind", f"no compiler for {type(rule).__name__}")
    substitutions = list(instances(rule, cells.template))
    checks = tuple(compiler(rule, cells, params, names) for names in substitutions)
    tolerant = bool(getattr(rule, "tolerance", 0))
    note_code: str | None = None
    note_variants: tuple[str, ...] | None = None
    if isinstance(rule, NoteRule):
        note_code = rule.code
        if rule.variant:
            note_variants = tuple(
                dict.fromkeys(_subst(rule.variant, names) for names in substitutions)
            )
    return RuleChecks(checks, None if tolerant else _batch(checks), note_code, note_variants)


def _cells_field(
    field: str, patterns: Sequence[str], cells: TemplateCells, names: Mapping[str, str]
) -> list[tuple[str, bool]]:
    """Expand a list of cell IDs/patterns: (cell, required). Explicit IDs are required
    (absent -> the rule does not apply); cells from a pattern contribute if present."""
    out: list[tuple[str, bool]] = []
    for index, raw in enumerate(patterns):
        pattern = _subst(raw, names)
        # a trailing "?" marks a cell (or pattern) that a template may not have at all
        optional = pattern.endswith("?")
        pattern = pattern.removesuffix("?") if optional else pattern
        if "{" in pattern:
            raise CompileError(f"{field}[{index}]", f"unknown placeholder in {raw!r}")
        wild = "*" in pattern or "?" in pattern
        expanded = cells.expand(pattern)
        if not expanded and optional:
            continue
        if not expanded:
            what = "pattern" if wild else "cell"
            hint = " (it matches no cell)" if wild else ""
            raise CompileError(
                f"{field}[{index}]", f"unknown {what} {pattern!r} in {cells.template.id}{hint}"
            )
        out.extend((cell, not (wild or optional)) for cell in expanded)
    return out


def _blank_cells(ctx: Context, cells: Iterable[str]) -> tuple[str, ...]:
    if not ctx.has_blanks:
        return ()
    values = ctx.values
    return tuple(cell for cell in cells if cell in values and values[cell] is None)


def _present(values: Mapping[str, Any], cells: Sequence[tuple[str, bool]]) -> list[str]:
    """The cells present in the report; a missing required cell makes the rule not apply."""
    used = []
    for cell, required in cells:
        if cell in values:
            used.append(cell)
        elif required:
            raise NotApplicable(cell)
    return used


class _Sum:
    """A fast sum over a fixed list of cells (blank and absent count 0)."""

    __slots__ = ("cells", "required")

    def __init__(self, cells: Sequence[tuple[str, bool]]) -> None:
        self.cells = tuple(cell for cell, _ in cells)
        self.required = tuple(cell for cell, required in cells if required)

    def __call__(self, zero: Mapping[str, Any]) -> Any:
        if self.required and not all(map(zero.__contains__, self.required)):
            raise NotApplicable(self.required)
        return sum(map(zero.get, self.cells, repeat(0)))


def _compile_sum(
    rule: SumRule, cells: TemplateCells, params: Mapping[str, ParamValue], names: Mapping[str, str]
) -> Check:
    total = _cells_field("total", [rule.total], cells, names)
    if len(total) != 1:
        raise CompileError("total", f"{rule.total!r} must name exactly one cell")
    total_cell = total[0][0]
    parts = [(c, r) for c, r in _cells_field("parts", rule.parts, cells, names) if c != total_cell]
    tolerance = rule.tolerance
    add = _Sum(parts)

    def run(ctx: Context) -> list[Violation] | None:
        zero = ctx.zero
        reported = zero.get(total_cell)
        if reported is None:
            raise NotApplicable(total_cell)
        computed = add(zero)
        if reported == computed or (tolerance and abs(reported - computed) <= tolerance):
            return None
        values = ctx.values
        used = _present(values, parts)
        if not used:
            raise NotApplicable("no parts")
        involved = (total_cell, *used)
        blanks = _blank_cells(ctx, involved)
        return [
            Violation(
                cells=involved,
                expected=computed,
                actual=reported,
                blank_cells=blanks,
                values={
                    "expected": computed,
                    "actual": reported,
                    "difference": reported - computed,
                },
            )
        ]

    arith = ("sum", tuple(c for c, _ in parts), add.required, (total_cell,), (total_cell,))
    return Check(
        names.get("column") or names.get("row"),
        run,
        frozenset([total_cell, *(c for c, _ in parts)]),
        frozenset(),
        dict(names),
        arith,
    )


def _compile_balance(
    rule: BalanceRule,
    cells: TemplateCells,
    params: Mapping[str, ParamValue],
    names: Mapping[str, str],
) -> Check:
    left = _cells_field("left", rule.left, cells, names)
    right = _cells_field("right", rule.right, cells, names)
    tolerance = rule.tolerance
    add_left, add_right = _Sum(left), _Sum(right)

    def run(ctx: Context) -> list[Violation] | None:
        zero = ctx.zero
        lhs, rhs = add_left(zero), add_right(zero)
        if lhs == rhs or (tolerance and abs(lhs - rhs) <= tolerance):
            return None
        values = ctx.values
        involved = (*_present(values, left), *_present(values, right))
        return [
            Violation(
                cells=involved,
                expected=lhs,
                actual=rhs,
                blank_cells=_blank_cells(ctx, involved),
                values={"left": lhs, "right": rhs, "difference": rhs - lhs},
            )
        ]

    reads = frozenset(c for c, _ in (*left, *right))
    arith = ("balance", add_left.cells, add_left.required, add_right.cells, add_right.required)
    return Check(
        names.get("column") or names.get("row"), run, reads, frozenset(), dict(names), arith
    )


def _expression(
    field: str,
    source: str,
    cells: TemplateCells,
    params: Mapping[str, ParamValue],
    names: Mapping[str, str],
) -> Compiled:
    text = _subst(source, names)
    try:
        return compile_expression(
            text,
            tables=cells.tables,
            check_cell=cells.check,
            params=params.keys(),
            sections=cells.sections,
        )
    except ExprError as exc:
        raise CompileError(field, str(exc)) from None


def _reads(*compiled: Compiled | None) -> tuple[frozenset[str], frozenset[str]]:
    found: set[str] = set()
    sections: set[str] = set()
    for item in compiled:
        if item is not None:
            found |= item.cells | item.patterns
            sections |= item.sections
    return frozenset(found), frozenset(sections)


def _touched_violation(ctx: Context, **kwargs: Any) -> Violation:
    seen: dict[str, None] = dict.fromkeys(ctx.touched)
    cells = tuple(seen)
    return Violation(cells=cells, blank_cells=_blank_cells(ctx, cells), **kwargs)


def _compile_compare(
    rule: CompareRule,
    cells: TemplateCells,
    params: Mapping[str, ParamValue],
    names: Mapping[str, str],
) -> Check:
    left = _expression("left", rule.left, cells, params, names)
    right = _expression("right", rule.right, cells, params, names)
    when = _expression("when", rule.when, cells, params, names) if rule.when else None
    op, tolerance = rule.op, rule.tolerance
    test = when.evaluate if when is not None else None
    left_of, right_of, apply = left.evaluate, right.evaluate, _OPERATORS[op]

    def run(ctx: Context) -> list[Violation] | None:
        if test is not None and not test(ctx):
            return None
        ctx.touched.clear()
        a, b = left_of(ctx), right_of(ctx)
        if tolerance:
            if _compare(a, op, b, tolerance):
                return None
        else:  # one comparison: done here, not through _compare, saves a call per instance
            try:
                if apply(a, b):
                    return None
            except TypeError:
                raise ExprRuntimeError(f"cannot compare {a!r} {op.value} {b!r}") from None
        return [
            _touched_violation(
                ctx,
                expected=b if isinstance(b, (int, Decimal)) else None,
                actual=a if isinstance(a, (int, Decimal)) else None,
                values={"left": a, "right": b},
            )
        ]

    reads, sections = _reads(left, right, when)
    return Check(names.get("column") or names.get("row"), run, reads, sections, dict(names))


_OPERATORS: dict[Comparison, Callable[[Any, Any], Any]] = {
    Comparison.LT: operator.lt,
    Comparison.LE: operator.le,
    Comparison.EQ: operator.eq,
    Comparison.NE: operator.ne,
    Comparison.GE: operator.ge,
    Comparison.GT: operator.gt,
}


def _compare(a: Any, op: Comparison, b: Any, tolerance: Decimal) -> bool:
    numeric = (
        isinstance(a, (int, Decimal))
        and isinstance(b, (int, Decimal))
        and not isinstance(a, bool)
        and not isinstance(b, bool)
    )
    if numeric and tolerance:
        if op is Comparison.EQ:
            return bool(abs(a - b) <= tolerance)
        if op is Comparison.NE:
            return bool(abs(a - b) > tolerance)
        if op in (Comparison.LE, Comparison.LT):
            return bool(a <= b + tolerance) if op is Comparison.LE else bool(a < b + tolerance)
        return bool(a >= b - tolerance) if op is Comparison.GE else bool(a > b - tolerance)
    try:
        return bool(_OPERATORS[op](a, b))
    except TypeError:
        raise ExprRuntimeError(f"cannot compare {a!r} {op.value} {b!r}") from None


def _compile_range(
    rule: RangeRule,
    cells: TemplateCells,
    params: Mapping[str, ParamValue],
    names: Mapping[str, str],
) -> Check:
    targets = tuple(cell for cell, _ in _cells_field("cells", rule.cells, cells, names))
    low, high, integer = rule.min, rule.max, rule.integer
    int_low = int(low) if low is not None and low == low.to_integral_value() else low

    target_set = frozenset(targets)
    simple = high is None and int_low in (None, 0)

    def run(ctx: Context) -> list[Violation] | None:
        values = ctx.values
        if simple and ctx.irregular.isdisjoint(target_set):
            return None  # every value here is a non-negative integer (the common case)
        out = []
        for cell in targets:
            value = values.get(cell)
            if value is None:
                continue
            problem = None
            if integer and not (isinstance(value, int) or value == value.to_integral_value()):
                problem = "not a whole number"
            elif low is not None and value < low:
                problem = f"below {low}"
            elif high is not None and value > high:
                problem = f"above {high}"
            if problem is not None:
                out.append(
                    Violation(
                        cells=(cell,),
                        actual=value,
                        values={"cell": cell, "value": value, "problem": problem},
                    )
                )
        return out or None

    return Check(
        names.get("column") or names.get("row"), run, frozenset(targets), frozenset(), dict(names)
    )


def _compile_required(
    rule: RequiredRule,
    cells: TemplateCells,
    params: Mapping[str, ParamValue],
    names: Mapping[str, str],
) -> Check:
    targets = [cell for cell, _ in _cells_field("cells", rule.cells, cells, names)]
    for index, section in enumerate(rule.sections):
        if section not in cells.sections:
            raise CompileError(f"sections[{index}]", f"unknown section {section!r}")
    sections = tuple(rule.sections)
    when = _expression("when", rule.when, cells, params, names) if rule.when else None

    def run(ctx: Context) -> list[Violation] | None:
        if when is not None and not when.evaluate(ctx):
            return None
        out = []
        values = ctx.values
        for cell in targets:
            if cell not in values:
                out.append(Violation(cells=(cell,), values={"missing": cell, "state": "absent"}))
            elif values[cell] is None:
                out.append(
                    Violation(
                        cells=(cell,),
                        blank_cells=(cell,),
                        values={"missing": cell, "state": "blank"},
                    )
                )
        for section in sections:
            if not ctx.sections.get(section, "").strip():
                state = "absent" if section not in ctx.sections else "empty"
                out.append(Violation(section=section, values={"missing": section, "state": state}))
        return out or None

    reads, expr_sections = _reads(when)
    return Check(
        names.get("column") or names.get("row"),
        run,
        frozenset(targets) | reads,
        frozenset(sections) | expr_sections,
        dict(names),
    )


def _words(field: str, words: Sequence[str], params: Mapping[str, ParamValue]) -> tuple[str, ...]:
    out: list[str] = []
    for index, word in enumerate(words):
        if word.startswith("@"):
            name = word[1:]
            if name not in params:
                raise CompileError(f"{field}[{index}]", f"unknown parameter {name!r}")
            value = params[name]
            if isinstance(value, list):
                out.extend(value)
            else:
                out.append(str(value))
        else:
            out.append(word)
    return tuple(out)


def _risky_regex(pattern: str) -> bool:
    """True for a group that repeats something repeated or alternated (``(a+)+``,
    ``(a|aa)*``, ``(a{1,5})+``) or a backreference: the shapes of catastrophic
    backtracking."""
    if re.search(r"\\[1-9]|\(\?P=", pattern):
        return True
    stack: list[bool] = []  # per open group: does it contain a quantifier or a '|'?
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":  # a character class repeats nothing by itself
            close = pattern.find("]", index + 2)
            index = close + 1 if close != -1 else len(pattern)
            continue
        if char == "(":
            stack.append(False)
        elif char == ")":
            inner = stack.pop() if stack else False
            following = pattern[index + 1 : index + 2]
            unbounded = following in ("*", "+") or (
                following == "{" and re.match(r"\{\d*,\}", pattern[index + 1 :]) is not None
            )
            if inner and unbounded:
                return True
            if stack:
                stack[-1] = stack[-1] or inner
        elif (char in "*+{|" and stack) or (
            char == "?" and stack and pattern[index - 1 : index] != "("
        ):
            stack[-1] = True
        index += 1
    return False


def _safe_regex(field: str, pattern: str) -> re.Pattern[str]:
    if len(pattern) > MAX_REGEX:
        raise CompileError(field, f"regex longer than {MAX_REGEX} characters")
    if _risky_regex(pattern):
        raise CompileError(
            field,
            "nested quantifiers (a repeated group that contains repetition or alternatives) "
            "and backreferences are not allowed in a regex: they can take exponential time",
        )
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise CompileError(field, f"invalid regex: {exc}") from None


def _mentions(text: str, words: Sequence[str]) -> bool:
    """Whether any of the words is in the text: ``any(<generator>)`` without the
    generator, which costs more than the search itself on most sections."""
    for word in words:  # noqa: SIM110 - see the docstring
        if word in text:
            return True
    return False


def _compile_pattern(
    rule: PatternRule,
    cells: TemplateCells,
    params: Mapping[str, ParamValue],
    names: Mapping[str, str],
) -> Check:
    if rule.section not in cells.sections:
        raise CompileError("section", f"unknown section {rule.section!r}")
    section = rule.section
    any_words = _words("any", rule.any, params)
    all_words = _words("all", rule.all, params)
    none_words = _words("none", rule.none, params)
    regex = _safe_regex("regex", rule.regex) if rule.regex else None
    when = _expression("when", rule.when, cells, params, names) if rule.when else None
    absent_ok = rule.absent_ok

    def run(ctx: Context) -> list[Violation] | None:
        if when is not None and not when.evaluate(ctx):
            return None
        if section not in ctx.sections:
            if absent_ok or not (any_words or all_words or regex):
                return None
            return [Violation(section=section, values={"missing": "section", "section": section})]
        text = ctx.sections[section]
        problems: list[str] = []
        if any_words and not _mentions(text, any_words):
            problems.append("none of: " + "、".join(any_words))
        missing = [word for word in all_words if word not in text]
        if missing:
            problems.append("missing: " + "、".join(missing))
        present = [word for word in none_words if word in text]
        if present:
            problems.append("contains: " + "、".join(present))
        if regex is not None and not regex.search(text):
            problems.append(f"does not match {regex.pattern}")
        if not problems:
            return None
        return [
            Violation(
                section=section,
                values={
                    "section": section,
                    "problems": problems,
                    "missing": missing or list(any_words),
                    "found": present,
                },
            )
        ]

    reads, sections = _reads(when)
    return Check(
        names.get("column") or names.get("row"),
        run,
        reads,
        frozenset([section]) | sections,
        dict(names),
    )


def _compile_keywords(
    rule: KeywordsRule,
    cells: TemplateCells,
    params: Mapping[str, ParamValue],
    names: Mapping[str, str],
) -> Check:
    if rule.section not in cells.sections:
        raise CompileError("section", f"unknown section {rule.section!r}")
    topics: dict[str, tuple[str, ...]] = {}
    if rule.from_template:
        spec = next(s for s in cells.template.sections if s.id == rule.section)
        topics.update(spec.topics)
    for topic, words in rule.topics.items():
        topics[topic] = _words(f"topics.{topic}", words, params)
    if not topics:
        raise CompileError("topics", "no topics to look for")
    section = rule.section
    when = _expression("when", rule.when, cells, params, names) if rule.when else None

    search = tuple(topics.items())

    def run(ctx: Context) -> list[Violation] | None:
        if when is not None and not when.evaluate(ctx):
            return None
        if section not in ctx.sections:
            return None  # a missing section is the missing-section rule's finding
        text = ctx.sections[section]
        missing = [topic for topic, words in search if not _mentions(text, words)]
        if not missing:
            return None
        labels = [topics[t][0] for t in missing]
        return [Violation(section=section, values={"missing": labels, "topics": missing})]

    reads, sections = _reads(when)
    return Check(
        names.get("column") or names.get("row"),
        run,
        reads,
        frozenset([section]) | sections,
        dict(names),
    )


def glob_matcher(pattern: str) -> Callable[[str], re.Match[str] | None]:
    """``fnmatch.fnmatchcase(text, pattern)`` as a compiled matcher: note rules match
    the notes of most reports, and translating the pattern each time would dominate."""
    return re.compile(fnmatch.translate(pattern)).match


def _compile_note(
    rule: NoteRule, cells: TemplateCells, params: Mapping[str, ParamValue], names: Mapping[str, str]
) -> Check:
    code = rule.code
    variant = _subst(rule.variant, names) if rule.variant else None
    element = _subst(rule.element, names) if rule.element else None
    variant_match = glob_matcher(variant) if variant is not None else None
    element_match = glob_matcher(element) if element is not None else None

    def run(ctx: Context) -> list[Violation] | None:
        notes = ctx.notes_by_code.get(code)
        if not notes:
            return None
        out = []
        for note in notes:
            note_variant, note_element = note[1], note[2]
            if variant_match is not None and variant_match(note_variant or "") is None:
                continue
            if element_match is not None and element_match(note_element or "") is None:
                continue
            found, expected, line, message = note[3], note[4], note[5], note[6]
            involved: tuple[str, ...] = ()
            if note_element and note_element.count(".") >= 2:
                involved = (note_element,)
            elif note_element and note_element.count(".") == 1:
                prefix = note_element + "."  # a row: the row's cells the report has
                involved = tuple(c for c in ctx.cell_ids if c.startswith(prefix))
            is_section = note_element in cells.sections
            out.append(
                Violation(
                    cells=involved,
                    section=note_element if is_section else None,
                    line=line,
                    values={
                        "element": note_element or "",
                        "found": found or "",
                        "expected": expected or "",
                        "note": message,
                    },
                )
            )
        return out or None

    return Check(
        names.get("column") or names.get("row"), run, frozenset(), frozenset(), dict(names)
    )


def _compile_expr(
    rule: ExprRule, cells: TemplateCells, params: Mapping[str, ParamValue], names: Mapping[str, str]
) -> Check:
    check = _expression("check", rule.check, cells, params, names)
    when = _expression("when", rule.when, cells, params, names) if rule.when else None
    values = {
        name: _expression(f"values.{name}", source, cells, params, names)
        for name, source in rule.values.items()
    }

    test = when.evaluate if when is not None else None
    holds = check.evaluate

    def run(ctx: Context) -> list[Violation] | None:
        if test is not None and not test(ctx):
            return None
        ctx.touched.clear()
        if holds(ctx):
            return None
        touched = list(ctx.touched)
        shown = {}
        for name, compiled in values.items():
            try:
                shown[name] = compiled.evaluate(ctx)
            except NotApplicable:
                shown[name] = "—"
        ctx.touched[:] = touched
        return [_touched_violation(ctx, values=shown)]

    reads, sections = _reads(check, when, *values.values())
    return Check(names.get("column") or names.get("row"), run, reads, sections, dict(names))


_COMPILERS: dict[type, Callable[..., Check]] = {
    SumRule: _compile_sum,
    BalanceRule: _compile_balance,
    CompareRule: _compile_compare,
    RangeRule: _compile_range,
    RequiredRule: _compile_required,
    PatternRule: _compile_pattern,
    KeywordsRule: _compile_keywords,
    NoteRule: _compile_note,
    ExprRule: _compile_expr,
}
