"""A small, safe expression language for rules.

Expressions are parsed with Python's own parser (:mod:`ast`, ``mode="eval"``) — a
well-kept, exact parser — then checked against a whitelist and compiled into nested
closures. Nothing is ever passed to ``eval`` or ``exec``; there is no attribute access,
no subscripting, no comprehension, no lambda, and only the functions listed in
:data:`FUNCTIONS` can be called. Size, node count, nesting depth and constants are
bounded, so a hostile ruleset cannot make the engine run arbitrary code or exhaust it.

What an expression can say::

    requests.new.total + requests.carried_over.total >= requests.results_total.total
    sum("requests.withheld.*.total") <= requests.results_total.total
    level in ["township", "department"] and sum("proactive.regulations.*") == 0
    published <= month_day(year + 1, param("department_deadline"))
    mentions("other", ["信息处理费", "处理费"])
    mentions("preamble", join(year, "年1月1日"))

A dotted name whose first part is a table (``requests.new.total``) is a cell: its value,
with a blank cell counting as 0; a cell the report does not contain makes the rule not
applicable to that report (it is skipped, not failed). ``value("…")`` gives ``None`` for
blank or absent cells instead.
"""

from __future__ import annotations

import ast
import datetime
import fnmatch
import operator
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from attrs import frozen

MAX_LENGTH = 2000
MAX_NODES = 400
MAX_DEPTH = 40
MAX_INT = 10**15
MAX_STRING = 500


class ExprError(ValueError):
    """An expression is not allowed or not valid (raised when a ruleset is loaded)."""


class NotApplicable(Exception):
    """A cell the expression needs is not in the report: the rule does not apply."""


class ExprRuntimeError(Exception):
    """An expression failed on a report (e.g. division by zero, adding text to a number)."""


class Context:
    """What an expression sees of one report.

    ``values`` maps present cell IDs to values (``None`` when blank); ``cell_ids`` is
    the same keys in template order (for pattern matching); ``touched`` collects the
    cells read, so a finding can name them.
    """

    __slots__ = (
        "_cell_ids",
        "_pattern_values",
        "expansions",
        "getters",
        "has_blanks",
        "irregular",
        "notes",
        "notes_by_code",
        "params",
        "pattern_cache",
        "sections",
        "touched",
        "values",
        "variables",
        "zero",
    )

    def __init__(
        self,
        values: Mapping[str, Any],
        sections: Mapping[str, str],
        variables: Mapping[str, Any],
        params: Mapping[str, Any],
        notes: Sequence[tuple[Any, ...]] = (),
        expansions: Mapping[str, tuple[str, ...]] | None = None,
        *,
        odd: Iterable[str] | None = None,
        getters: Mapping[str, Callable[[Mapping[str, Any]], tuple[Any, ...]]] | None = None,
    ) -> None:
        self.values = values
        # One comprehension finds both the blank cells and the cells that are not
        # non-negative integers: on most reports it finds none or one, and the rest of
        # the work below is skipped (a context is built for every report checked).
        # ``odd``: those cells in the order of ``values``, found by the caller already.
        if odd is None:
            odd = {key for key, value in values.items() if type(value) is not int or value < 0}
        else:
            odd = set(odd)
        zero: Mapping[str, Any] = values if type(values) is dict else dict(values)
        blanks: list[str] = []
        if odd:
            blanks = [key for key in odd if values[key] is None]
            if blanks:
                with_zeros = dict(values)
                with_zeros.update(dict.fromkeys(blanks, 0))
                zero = with_zeros
                odd.difference_update(blanks)
        #: the same values with blank cells as 0, for arithmetic (shared with ``values``
        #: when there is no blank cell: neither is ever written to)
        self.zero = zero
        #: cells that are not non-negative integers (amounts, negative changes)
        self.irregular = odd
        #: whether any cell is blank (findings then say which of theirs are)
        self.has_blanks = bool(blanks)
        self._cell_ids: tuple[str, ...] | None = None
        self.sections = sections
        self.variables = variables
        self.params = params
        self.notes = notes
        self.notes_by_code: dict[str, list[tuple[Any, ...]]] = {}
        for note in notes:
            self.notes_by_code.setdefault(note[0], []).append(note)
        #: cell patterns expanded against the template (shared by every report)
        self.expansions = expansions if expansions is not None else {}
        #: ``itemgetter`` of the cells of an expanded pattern (shared by every report)
        self.getters = getters if getters is not None else {}
        self.touched: list[str] = []
        self.pattern_cache: dict[str, tuple[str, ...]] = {}
        self._pattern_values: dict[str, list[Any]] = {}

    @property
    def cell_ids(self) -> tuple[str, ...]:
        """The present cell IDs in report order (built on first use: few rules need it)."""
        cell_ids = self._cell_ids
        if cell_ids is None:
            cell_ids = self._cell_ids = tuple(self.values)
        return cell_ids

    def matching(self, pattern: str) -> tuple[str, ...]:
        """Present cell IDs matching a glob pattern (``*`` is one ID part or more)."""
        cached = self.pattern_cache.get(pattern)
        if cached is None:
            values = self.values
            if "*" not in pattern and "?" not in pattern:
                cached = (pattern,) if pattern in values else ()
            elif pattern in self.expansions:
                expansion = self.expansions[pattern]
                getter = self.getters.get(pattern)
                if getter is not None:
                    # a report usually has every cell of a pattern: one pass reads
                    # them all (KeyError when one is absent)
                    try:
                        found = getter(values)
                    except KeyError:
                        pass
                    else:
                        self._pattern_values[pattern] = list(found)
                        self.pattern_cache[pattern] = expansion
                        return expansion
                cached = tuple(filter(values.__contains__, expansion))
            else:
                cached = tuple(fnmatch.filter(self.cell_ids, pattern))
            self.pattern_cache[pattern] = cached
        return cached

    def matching_values(self, pattern: str) -> list[Any]:
        """The values of the :meth:`matching` cells, in order (``None`` when blank);
        shared by the functions that read the same pattern: do not change it."""
        cached = self._pattern_values.get(pattern)
        if cached is None:
            cached = list(map(self.values.__getitem__, self.matching(pattern)))
            self._pattern_values[pattern] = cached
        return cached


Evaluator = Callable[[Context], Any]


@frozen
class Compiled:
    """A compiled expression and what it reads."""

    source: str
    evaluate: Evaluator
    cells: frozenset[str]
    patterns: frozenset[str]
    sections: frozenset[str]
    params: frozenset[str]


def _number(value: Any, what: str) -> int | Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ExprRuntimeError(f"{what} is not a number: {value!r}")
    return value


def _arith(op: Callable[[Any, Any], Any], symbol: str) -> Callable[[Any, Any], Any]:
    def apply(left: Any, right: Any) -> Any:
        # an int (the usual operand) is a number: _number only for anything else
        if type(left) is not int:
            _number(left, f"left of {symbol}")
        if type(right) is not int:
            _number(right, f"right of {symbol}")
        try:
            return op(left, right)
        except (ZeroDivisionError, InvalidOperation) as exc:
            raise ExprRuntimeError(f"{left} {symbol} {right}: {exc}") from None

    return apply


def _true_div(a: Any, b: Any) -> Any:
    return Decimal(a) / Decimal(b)


_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: _arith(operator.add, "+"),
    ast.Sub: _arith(operator.sub, "-"),
    ast.Mult: _arith(operator.mul, "*"),
    ast.Div: _arith(_true_div, "/"),
    ast.FloorDiv: _arith(operator.floordiv, "//"),
    ast.Mod: _arith(operator.mod, "%"),
}


def _safe_compare(op: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def apply(left: Any, right: Any) -> bool:
        try:
            return bool(op(left, right))
        except TypeError:
            raise ExprRuntimeError(f"cannot compare {left!r} with {right!r}") from None

    return apply


def _contains(left: Any, right: Any) -> bool:
    if not isinstance(right, (list, tuple, str, frozenset)):
        raise ExprRuntimeError(f"'in' needs a list or a text on its right, got {right!r}")
    if isinstance(right, str) and not isinstance(left, str):
        raise ExprRuntimeError(f"'in' a text needs a text on its left, got {left!r}")
    return left in right


_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: _safe_compare(operator.eq),
    ast.NotEq: _safe_compare(operator.ne),
    ast.Lt: _safe_compare(operator.lt),
    ast.LtE: _safe_compare(operator.le),
    ast.Gt: _safe_compare(operator.gt),
    ast.GtE: _safe_compare(operator.ge),
    ast.In: _contains,
    ast.NotIn: lambda a, b: not _contains(a, b),
}

#: Variables an expression may name (besides cells).
VARIABLES = frozenset(
    {
        "year",
        "level",
        "body",
        "template",
        "published",
        "page_date",
        "division_code",
        "title",
        "column",
        "row",
    }
)


#: Names that are constants.
_LITERAL_NAMES: dict[str, Any] = {"true": True, "false": False, "none": None}


# ----------------------------------------------------------------------- functions


def _f_sum(ctx: Context, pattern: str) -> int | Decimal:
    ctx.touched.extend(ctx.matching(pattern))
    values = ctx.matching_values(pattern)
    total: int | Decimal = sum(
        [value for value in values if value is not None] if None in values else values
    )
    return total


def _f_count(ctx: Context, pattern: str) -> int:
    return len(ctx.matching(pattern))


def _f_blanks(ctx: Context, pattern: str) -> int:
    ctx.touched.extend(ctx.matching(pattern))
    return ctx.matching_values(pattern).count(None)


def _f_nonzero(ctx: Context, pattern: str) -> int:
    ctx.touched.extend(ctx.matching(pattern))
    values = ctx.matching_values(pattern)
    # a value equals None only when it is None and 0 only when it is zero: the two
    # counts are disjoint, so this is the number of values not in (None, 0)
    return len(values) - values.count(None) - values.count(0)


def _f_present(ctx: Context, pattern: str) -> bool:
    return bool(ctx.matching(pattern))


def _f_blank(ctx: Context, cell: str) -> bool:
    return cell in ctx.values and ctx.values[cell] is None


def _f_value(ctx: Context, cell: str) -> Any:
    if cell in ctx.values:
        ctx.touched.append(cell)
        return ctx.values[cell]
    return None


def _f_section(ctx: Context, section: Any) -> str:
    return str(ctx.sections.get(str(section), ""))


def _f_has_section(ctx: Context, section: Any) -> bool:
    return str(section) in ctx.sections


def _f_mentions(ctx: Context, section: Any, words: Any) -> bool:
    text = ctx.sections.get(str(section), "")
    if isinstance(words, str):
        words = [words]
    if not isinstance(words, (list, tuple)):
        raise ExprRuntimeError(f"mentions() needs a word or a list of words, got {words!r}")
    return any(str(word) in text for word in words)


def _f_note(ctx: Context, code: Any, variant: Any = None) -> bool:
    return any(
        variant is None or fnmatch.fnmatchcase(note[1] or "", str(variant))
        for note in ctx.notes_by_code.get(str(code), ())
    )


def _f_param(ctx: Context, name: Any) -> Any:
    if name not in ctx.params:
        raise ExprRuntimeError(f"unknown parameter {name!r}")
    return ctx.params[name]


def _f_date(ctx: Context, year: Any, month: Any, day: Any) -> datetime.date:
    try:
        return datetime.date(int(year), int(month), int(day))
    except (ValueError, TypeError) as exc:
        raise ExprRuntimeError(f"date({year}, {month}, {day}): {exc}") from None


#: ``month_day`` results by (year, "MM-DD"): deadline rules ask the same few on every
#: report; bounded, as every cache fed by report data is.
_MONTH_DAYS: dict[tuple[int, str], datetime.date] = {}
_MONTH_DAYS_LIMIT = 1024


def _f_month_day(ctx: Context, year: Any, month_day: Any) -> datetime.date:
    if type(year) is int and type(month_day) is str:
        key = (year, month_day)
        known = _MONTH_DAYS.get(key)
        if known is None:
            known = _month_day(year, month_day)
            if len(_MONTH_DAYS) < _MONTH_DAYS_LIMIT:
                _MONTH_DAYS[key] = known
        return known
    return _month_day(year, month_day)


def _month_day(year: Any, month_day: Any) -> datetime.date:
    try:
        month, day = str(month_day).split("-")
        return datetime.date(int(year), int(month), int(day))
    except (ValueError, TypeError) as exc:
        raise ExprRuntimeError(f"month_day({year}, {month_day!r}): {exc}") from None


def _f_abs(ctx: Context, value: Any) -> Any:
    return abs(_number(value, "abs()"))


def _f_min(ctx: Context, *values: Any) -> Any:
    return min(_number(v, "min()") for v in values)


def _f_max(ctx: Context, *values: Any) -> Any:
    return max(_number(v, "max()") for v in values)


def _f_round(ctx: Context, value: Any, places: Any = 0) -> Any:
    return round(Decimal(_number(value, "round()")), int(places))


def _f_join(ctx: Context, *parts: Any) -> str:
    text = "".join("" if part is None else str(part) for part in parts)
    if len(text) > MAX_STRING:
        raise ExprRuntimeError("joined text is too long")
    return text


def _f_len(ctx: Context, value: Any) -> int:
    if not isinstance(value, (str, list, tuple)):
        raise ExprRuntimeError(f"len() needs a text or a list, got {value!r}")
    return len(value)


@frozen
class Function:
    """A function expressions may call: its implementation, arity, and which argument
    (if any) is a cell pattern or a section ID that must be a literal."""

    impl: Callable[..., Any]
    min_args: int
    max_args: int
    pattern_arg: bool = False  # first argument is a literal cell ID or pattern
    section_arg: bool = False  # first argument is a literal section ID
    param_arg: bool = False  # first argument is a literal parameter name


FUNCTIONS: dict[str, Function] = {
    "sum": Function(_f_sum, 1, 1, pattern_arg=True),
    "count": Function(_f_count, 1, 1, pattern_arg=True),
    "blanks": Function(_f_blanks, 1, 1, pattern_arg=True),
    "nonzero": Function(_f_nonzero, 1, 1, pattern_arg=True),
    "present": Function(_f_present, 1, 1, pattern_arg=True),
    "blank": Function(_f_blank, 1, 1, pattern_arg=True),
    "value": Function(_f_value, 1, 1, pattern_arg=True),
    "section": Function(_f_section, 1, 1, section_arg=True),
    "has_section": Function(_f_has_section, 1, 1, section_arg=True),
    "mentions": Function(_f_mentions, 2, 2, section_arg=True),
    "note": Function(_f_note, 1, 2),
    "param": Function(_f_param, 1, 1, param_arg=True),
    "date": Function(_f_date, 3, 3),
    "month_day": Function(_f_month_day, 2, 2),
    "abs": Function(_f_abs, 1, 1),
    "min": Function(_f_min, 1, 10),
    "max": Function(_f_max, 1, 10),
    "round": Function(_f_round, 1, 2),
    "len": Function(_f_len, 1, 1),
    "join": Function(_f_join, 1, 10),
}


# ----------------------------------------------------------------------- compiler


class _Compiler:
    def __init__(
        self,
        source: str,
        tables: Iterable[str],
        check_cell: Callable[[str], str | None],
        params: Iterable[str],
        sections: Iterable[str],
    ) -> None:
        self.source = source
        self.tables = frozenset(tables)
        self.check_cell = check_cell
        self.known_params = frozenset(params)
        self.known_sections = frozenset(sections)
        self.cells: set[str] = set()
        self.patterns: set[str] = set()
        self.sections: set[str] = set()
        self.params: set[str] = set()
        self.nodes = 0

    def fail(self, node: ast.AST, what: str) -> ExprError:
        column = getattr(node, "col_offset", None)
        where = f" at column {column + 1}" if column is not None else ""
        return ExprError(f"{what}{where} in {self.source!r}")

    def compile(self, node: ast.AST, depth: int = 0) -> Evaluator:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(node, f"expression is too large (more than {MAX_NODES} parts)")
        if depth > MAX_DEPTH:
            raise self.fail(node, f"expression is nested too deeply (more than {MAX_DEPTH})")
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            raise self.fail(node, f"{type(node).__name__} is not allowed")
        evaluator: Evaluator = method(node, depth + 1)
        return evaluator

    def _Expression(self, node: ast.Expression, depth: int) -> Evaluator:
        return self.compile(node.body, depth)

    def _Constant(self, node: ast.Constant, depth: int) -> Evaluator:
        value: Any = node.value
        if isinstance(value, bool) or value is None:
            pass
        elif isinstance(value, int):
            if abs(value) > MAX_INT:
                raise self.fail(node, f"number {value} is too large")
        elif isinstance(value, float):
            value = Decimal(repr(value))
        elif isinstance(value, str):
            if len(value) > MAX_STRING:
                raise self.fail(node, "text constant is too long")
        else:
            raise self.fail(node, f"constant {value!r} is not allowed")
        return lambda ctx: value

    def _List(self, node: ast.List, depth: int) -> Evaluator:
        return self._sequence(node.elts, depth)

    def _Tuple(self, node: ast.Tuple, depth: int) -> Evaluator:
        return self._sequence(node.elts, depth)

    def _sequence(self, elements: Sequence[ast.expr], depth: int) -> Evaluator:
        if len(elements) > 100:
            raise ExprError(f"list is too long in {self.source!r}")
        parts = [self.compile(element, depth) for element in elements]
        if all(isinstance(element, ast.Constant) for element in elements):
            constant = tuple(element.value for element in elements)  # type: ignore[attr-defined]
            return lambda ctx: constant
        return lambda ctx: tuple(part(ctx) for part in parts)

    def _Name(self, node: ast.Name, depth: int) -> Evaluator:
        name = node.id
        if name.startswith("_"):
            raise self.fail(node, f"name {name!r} is not allowed")
        if name in _LITERAL_NAMES:
            constant = _LITERAL_NAMES[name]
            return lambda ctx: constant
        if name in VARIABLES:

            def variable(ctx: Context) -> Any:
                return ctx.variables.get(name)

            return variable
        if name in self.tables:
            raise self.fail(node, f"{name!r} is a table; name a cell such as {name}.row.column")
        raise self.fail(node, f"unknown name {name!r}")

    def _Attribute(self, node: ast.Attribute, depth: int) -> Evaluator:
        parts: list[str] = []
        current: ast.expr = node
        while isinstance(current, ast.Attribute):
            parts.append(current.attr)
            current = current.value
        if not isinstance(current, ast.Name):
            raise self.fail(node, "attribute access is not allowed")
        parts.append(current.id)
        cell = ".".join(reversed(parts))
        if any(part.startswith("_") for part in parts):
            raise self.fail(node, f"{cell!r} is not allowed")
        if current.id not in self.tables:
            raise self.fail(node, f"attribute access is not allowed ({cell!r} is not a cell)")
        problem = self.check_cell(cell)
        if problem:
            raise self.fail(node, problem)
        cell = sys.intern(cell)  # one string per cell ID, shared with the other checks
        self.cells.add(cell)

        def cell_value(ctx: Context) -> Any:
            try:  # one lookup: the cell is nearly always there
                value = ctx.values[cell]
            except KeyError:
                raise NotApplicable(cell) from None
            ctx.touched.append(cell)
            return 0 if value is None else value

        return cell_value

    def _BoolOp(self, node: ast.BoolOp, depth: int) -> Evaluator:
        values = [self.compile(value, depth) for value in node.values]
        # all()/any() over a generator cost more than the operands themselves; two or
        # three operands (nearly every ``when``) get a closure of their own
        if isinstance(node.op, ast.And):
            if len(values) == 2:
                a, b = values
                return lambda ctx: bool(a(ctx) and b(ctx))
            if len(values) == 3:
                a, b, c = values
                return lambda ctx: bool(a(ctx) and b(ctx) and c(ctx))
            return lambda ctx: all(value(ctx) for value in values)
        if len(values) == 2:
            a, b = values
            return lambda ctx: bool(a(ctx) or b(ctx))
        return lambda ctx: any(value(ctx) for value in values)

    def _UnaryOp(self, node: ast.UnaryOp, depth: int) -> Evaluator:
        operand = self.compile(node.operand, depth)
        if isinstance(node.op, ast.Not):
            return lambda ctx: not operand(ctx)
        if isinstance(node.op, ast.USub):
            return lambda ctx: -_number(operand(ctx), "operand of -")
        if isinstance(node.op, ast.UAdd):
            return lambda ctx: _number(operand(ctx), "operand of +")
        raise self.fail(node, f"operator {type(node.op).__name__} is not allowed")

    def _BinOp(self, node: ast.BinOp, depth: int) -> Evaluator:
        apply = _BINARY.get(type(node.op))
        if apply is None:
            raise self.fail(node, f"operator {type(node.op).__name__} is not allowed")
        left = self.compile(node.left, depth)
        right = self.compile(node.right, depth)
        return lambda ctx: apply(left(ctx), right(ctx))

    def _Compare(self, node: ast.Compare, depth: int) -> Evaluator:
        first = self.compile(node.left, depth)
        pairs = []
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            apply = _COMPARE.get(type(op))
            if apply is None:
                raise self.fail(node, f"comparison {type(op).__name__} is not allowed")
            pairs.append((apply, self.compile(comparator, depth)))
        if len(pairs) == 1:
            apply, right_of = pairs[0]
            op, comparator = node.ops[0], node.comparators[0]
            known, constant = _constant(comparator)
            variable = node.left.id if isinstance(node.left, ast.Name) else None
            if variable not in VARIABLES:
                variable = None
            if known and isinstance(op, (ast.Eq, ast.NotEq)):
                # == and != never raise for the values expressions handle (numbers,
                # texts, dates, None, tuples): no wrapper needed. ``when`` conditions
                # are mostly a variable compared with a constant: read it in place.
                if variable is not None:
                    if isinstance(op, ast.Eq):
                        return lambda ctx: ctx.variables.get(variable) == constant
                    return lambda ctx: ctx.variables.get(variable) != constant
                if isinstance(op, ast.Eq):
                    return lambda ctx: first(ctx) == constant
                return lambda ctx: first(ctx) != constant
            if known and isinstance(op, (ast.In, ast.NotIn)) and type(constant) is tuple:
                # _contains with its right side known to be a tuple
                if variable is not None and isinstance(op, ast.In):
                    return lambda ctx: ctx.variables.get(variable) in constant
                if isinstance(op, ast.In):
                    return lambda ctx: first(ctx) in constant
                return lambda ctx: first(ctx) not in constant
            if known:
                return lambda ctx: apply(first(ctx), constant)
            return lambda ctx: apply(first(ctx), right_of(ctx))

        def compare(ctx: Context) -> bool:
            left = first(ctx)
            for apply, right_of in pairs:
                right = right_of(ctx)
                if not apply(left, right):
                    return False
                left = right
            return True

        return compare

    def _IfExp(self, node: ast.IfExp, depth: int) -> Evaluator:
        test = self.compile(node.test, depth)
        body = self.compile(node.body, depth)
        orelse = self.compile(node.orelse, depth)
        return lambda ctx: body(ctx) if test(ctx) else orelse(ctx)

    def _Call(self, node: ast.Call, depth: int) -> Evaluator:
        if not isinstance(node.func, ast.Name):
            raise self.fail(node, "only functions can be called, not methods")
        name = node.func.id
        function = FUNCTIONS.get(name)
        if function is None:
            raise self.fail(
                node, f"unknown function {name!r} (known: {', '.join(sorted(FUNCTIONS))})"
            )
        if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
            raise self.fail(node, f"{name}() takes positional arguments only")
        if not function.min_args <= len(node.args) <= function.max_args:
            raise self.fail(
                node, f"{name}() takes {function.min_args}–{function.max_args} arguments"
            )
        literal = function.pattern_arg or function.section_arg or function.param_arg
        if literal:
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                raise self.fail(node, f"the first argument of {name}() must be a quoted text")
            self._literal(node, function, first.value)
        args = [self.compile(arg, depth) for arg in node.args]
        impl = function.impl
        # fixed arities without a generator; a literal first argument is passed as is
        if literal and len(args) == 1:
            text = sys.intern(node.args[0].value)  # type: ignore[attr-defined]
            return lambda ctx: impl(ctx, text)
        if len(args) == 1:
            (a,) = args
            return lambda ctx: impl(ctx, a(ctx))
        if len(args) == 2:
            a, b = args
            return lambda ctx: impl(ctx, a(ctx), b(ctx))
        if len(args) == 3:
            a, b, c = args
            return lambda ctx: impl(ctx, a(ctx), b(ctx), c(ctx))
        return lambda ctx: impl(ctx, *[arg(ctx) for arg in args])

    def _literal(self, node: ast.AST, function: Function, text: str) -> None:
        if function.pattern_arg:
            problem = self.check_cell(text)
            if problem:
                raise self.fail(node, problem)
            if "*" in text or "?" in text:
                self.patterns.add(text)
            else:
                self.cells.add(text)
        elif function.section_arg:
            if self.known_sections and text not in self.known_sections:
                raise self.fail(node, f"unknown section {text!r}")
            self.sections.add(text)
        elif function.param_arg:
            if text not in self.known_params:
                raise self.fail(node, f"unknown parameter {text!r}")
            self.params.add(text)


def _constant(node: ast.expr) -> tuple[bool, Any]:
    """Whether a (checked) node always evaluates to the same value, and that value, as
    its compiled evaluator returns it."""
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, float):
            return True, Decimal(repr(value))
        return True, value
    if isinstance(node, ast.Name) and node.id in _LITERAL_NAMES:
        return True, _LITERAL_NAMES[node.id]
    if isinstance(node, (ast.List, ast.Tuple)) and all(
        isinstance(element, ast.Constant) for element in node.elts
    ):
        return True, tuple(element.value for element in node.elts)  # type: ignore[attr-defined]
    return False, None


def compile_expression(
    source: str,
    *,
    tables: Iterable[str],
    check_cell: Callable[[str], str | None],
    params: Iterable[str] = (),
    sections: Iterable[str] = (),
) -> Compiled:
    """Parse, check and compile an expression.

    ``tables`` are the table IDs a dotted name may start with; ``check_cell`` returns a
    problem description for an unknown cell ID (or ``None``); ``params`` and
    ``sections`` are the names literal arguments may use.
    """
    if not isinstance(source, str):
        raise ExprError("an expression must be a text")
    if len(source) > MAX_LENGTH:
        raise ExprError(f"expression is too long ({len(source)} > {MAX_LENGTH} characters)")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"invalid expression {source!r}: {exc.msg}") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExprError(f"expression cannot be parsed (too complex): {source[:80]!r}") from None
    compiler = _Compiler(source, tables, check_cell, params, sections)
    evaluate = compiler.compile(tree)
    return Compiled(
        source,
        evaluate,
        frozenset(compiler.cells),
        frozenset(compiler.patterns),
        frozenset(compiler.sections),
        frozenset(compiler.params),
    )
