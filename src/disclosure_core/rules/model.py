"""Rules and rulesets as data (the TOML schema, as attrs classes).

A ruleset file has a ``[ruleset]`` header, declared ``[[param]]``s, ``[[rule]]``s, and —
in a plugin's ruleset — the layering verbs ``[[set]]``, ``[[relevel]]`` and
``[[disable]]``. Every rule has an immutable ID, a severity, a title and a message in
Chinese and English (named ``{placeholders}``), a legal basis, the templates and years it
applies to, and a ``kind`` saying which shape of check it is:

``sum``       a total equals the sum of its parts
``balance``   the sum of a left side equals the sum of a right side
``compare``   two expressions compared with <, <=, ==, !=, >=, > (with a tolerance)
``range``     cells are numbers within bounds (non-negative integers, amounts)
``required``  cells or sections are present and not blank
``pattern``   a section's text mentions (or does not mention) words or a pattern
``keywords``  a section covers each of several topics (a keyword list per topic)
``note``      the reader recorded a deviation (a wrong label, a misnumbered heading)
``expr``      anything else, in the safe expression language (``expr.py``)

Any rule can run ``for_each`` column or row of a table, with ``{column}`` / ``{row}`` in
its cell IDs.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Union

from attrs import field, frozen

from disclosure_core.findings import Message, Severity

#: A parameter value: a number, a string, a list of strings.
ParamValue = Union[int, float, str, list[str], bool]  # noqa: UP007 - runtime alias


@frozen
class YearRange:
    """Reporting years a rule or ruleset applies to (inclusive; open ends allowed)."""

    from_: int | None = None
    to: int | None = None

    def covers(self, year: int | None) -> bool:
        """True when ``year`` is in range; an unknown year is in every range."""
        if year is None:
            return True
        return (self.from_ is None or year >= self.from_) and (self.to is None or year <= self.to)


@frozen
class ForEach:
    """Run a rule once per column or per row of a table.

    ``columns_of = "requests"`` substitutes ``{column}`` with each column ID;
    ``rows_of = "requests"`` substitutes ``{row}`` with each row ID. ``only`` and
    ``except_`` narrow the list.
    """

    columns_of: str | None = None
    rows_of: str | None = None
    only: tuple[str, ...] = ()
    except_: tuple[str, ...] = ()


class RuleKind(str, enum.Enum):
    """The shapes of rule (see the module docstring)."""

    SUM = "sum"
    BALANCE = "balance"
    COMPARE = "compare"
    RANGE = "range"
    REQUIRED = "required"
    PATTERN = "pattern"
    KEYWORDS = "keywords"
    NOTE = "note"
    EXPR = "expr"
    PYTHON = "python"


@frozen(kw_only=True)
class RuleSpec:
    """What every rule has, whatever its kind."""

    id: str
    severity: Severity
    title: Message
    message: Message
    basis: str
    templates: tuple[str, ...] = ()
    years: YearRange | None = None
    for_each: ForEach | None = None
    doc: str = ""
    example: str = ""
    #: Cells of these patterns that are blank count as 0 in arithmetic; a failure that
    #: involves a blank cell says so in the finding.
    blank_as_zero: bool = True

    @property
    def kind(self) -> RuleKind:
        raise NotImplementedError


@frozen(kw_only=True)
class SumRule(RuleSpec):
    """``total`` equals the sum of ``parts`` (patterns such as ``requests.withheld.*.{column}``
    match every cell present)."""

    total: str
    parts: tuple[str, ...]
    tolerance: Decimal = Decimal(0)

    @property
    def kind(self) -> RuleKind:
        return RuleKind.SUM


@frozen(kw_only=True)
class BalanceRule(RuleSpec):
    """The sum of ``left`` equals the sum of ``right``."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    tolerance: Decimal = Decimal(0)

    @property
    def kind(self) -> RuleKind:
        return RuleKind.BALANCE


class Comparison(str, enum.Enum):
    """Comparison operators of ``compare`` rules."""

    LT = "<"
    LE = "<="
    EQ = "=="
    NE = "!="
    GE = ">="
    GT = ">"


@frozen(kw_only=True)
class CompareRule(RuleSpec):
    """``left op right``; both sides are expressions (a cell ID is the simplest)."""

    left: str
    op: Comparison
    right: str
    tolerance: Decimal = Decimal(0)
    when: str | None = None

    @property
    def kind(self) -> RuleKind:
        return RuleKind.COMPARE


@frozen(kw_only=True)
class RangeRule(RuleSpec):
    """Each cell matching ``cells`` is a number in ``[min, max]`` (integer when asked).
    Blank cells are skipped here (``required`` and the blank-cell rules cover them)."""

    cells: tuple[str, ...]
    min: Decimal | None = None
    max: Decimal | None = None
    integer: bool = False

    @property
    def kind(self) -> RuleKind:
        return RuleKind.RANGE


@frozen(kw_only=True)
class RequiredRule(RuleSpec):
    """``cells`` are present and not blank; ``sections`` are present and not empty."""

    cells: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    when: str | None = None

    @property
    def kind(self) -> RuleKind:
        return RuleKind.REQUIRED


@frozen(kw_only=True)
class PatternRule(RuleSpec):
    """A section's text mentions ``any`` of some words, ``all`` of others, ``none`` of a
    third list, and/or matches ``regex``. A value ``"@name"`` takes a parameter's list.
    A missing section fails ``any``/``all``/``regex`` checks unless ``absent_ok``."""

    section: str
    any: tuple[str, ...] = ()
    all: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    regex: str | None = None
    absent_ok: bool = False
    when: str | None = None

    @property
    def kind(self) -> RuleKind:
        return RuleKind.PATTERN


@frozen(kw_only=True)
class KeywordsRule(RuleSpec):
    """A section covers every topic in ``topics`` (topic ID -> keywords, any one of
    which counts). With ``from_template = true`` the topics come from the template's
    section spec; a parameter (``"@name"``) may replace any keyword list."""

    section: str
    topics: dict[str, tuple[str, ...]] = field(factory=dict)
    from_template: bool = False
    when: str | None = None

    @property
    def kind(self) -> RuleKind:
        return RuleKind.KEYWORDS


@frozen(kw_only=True)
class NoteRule(RuleSpec):
    """Fires once per parse note of ``code`` whose variant and element match the given
    glob patterns (``*`` matches anything)."""

    code: str
    variant: str | None = None
    element: str | None = None

    @property
    def kind(self) -> RuleKind:
        return RuleKind.NOTE


@frozen(kw_only=True)
class ExprRule(RuleSpec):
    """``check`` must be true; ``when`` guards it; ``values`` names expressions whose
    values fill the message's placeholders."""

    check: str
    when: str | None = None
    values: dict[str, str] = field(factory=dict)

    @property
    def kind(self) -> RuleKind:
        return RuleKind.EXPR


Rule = Union[  # noqa: UP007 - runtime alias for cattrs
    SumRule,
    BalanceRule,
    CompareRule,
    RangeRule,
    RequiredRule,
    PatternRule,
    KeywordsRule,
    NoteRule,
    ExprRule,
]

RULE_CLASSES: dict[str, type[RuleSpec]] = {
    "sum": SumRule,
    "balance": BalanceRule,
    "compare": CompareRule,
    "range": RangeRule,
    "required": RequiredRule,
    "pattern": PatternRule,
    "keywords": KeywordsRule,
    "note": NoteRule,
    "expr": ExprRule,
}


class ParamType(str, enum.Enum):
    """Types of ruleset parameters."""

    INT = "int"
    NUMBER = "number"
    STRING = "string"
    STRINGS = "strings"
    MONTH_DAY = "month-day"  # "01-31"
    BOOL = "bool"


@frozen(kw_only=True)
class ParamSpec:
    """A declared parameter: a default, and values from given years on (``by_year``:
    ``{"2022" = [...]}``, the latest year not after the report's applies)."""

    name: str
    type: ParamType
    default: ParamValue
    doc: str = ""
    by_year: dict[str, ParamValue] = field(factory=dict)


@frozen(kw_only=True)
class SetParam:
    """Layering verb: set a parameter declared by a lower layer."""

    param: str
    value: ParamValue | None = None
    by_year: dict[str, ParamValue] = field(factory=dict)
    reason: str = ""


@frozen(kw_only=True)
class Relevel:
    """Layering verb: change the severity of a lower layer's rule (a reason is required)."""

    rule: str
    severity: Severity
    reason: str


@frozen(kw_only=True)
class Disable:
    """Layering verb: switch off a lower layer's rule (reason and legal basis required)."""

    rule: str
    reason: str
    basis: str


@frozen(kw_only=True)
class RulesetHeader:
    """The ``[ruleset]`` table: identity and scope of a ruleset file."""

    id: str
    title: Message
    version: str
    templates: tuple[str, ...]
    years: YearRange = YearRange()
    basis: str = ""
    doc: str = ""


@frozen(kw_only=True)
class RulesetSpec:
    """A ruleset file."""

    ruleset: RulesetHeader
    param: tuple[ParamSpec, ...] = ()
    rule: tuple[Rule, ...] = ()
    set: tuple[SetParam, ...] = ()
    relevel: tuple[Relevel, ...] = ()
    disable: tuple[Disable, ...] = ()

    @property
    def id(self) -> str:
        return self.ruleset.id
