"""Findings and results: what checking a report produced.

A :class:`Finding` says everything a reviewer needs to act: which rule, how severe, a
message in Chinese and English, the cells involved with where each was read, the
expected and actual values of an arithmetic rule, the legal basis, and which layer
(the national ruleset or a plugin) owns the rule. A :class:`Result` gathers a report's
findings with the rule stack that ran; ``valid`` (no error finding) and ``complete``
(every rule ran) are separate: a rule that crashed makes the result incomplete and is a
finding of its own, it never makes a report look clean.
"""

from __future__ import annotations

import enum
import hashlib
from decimal import Decimal

from attrs import frozen


class Severity(str, enum.Enum):
    """How bad a finding is. ``error``: the report breaks the format or the law;
    ``warning``: likely wrong, needs a look; ``info``: worth knowing."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Sort order, most severe first."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@frozen
class Message:
    """A text in Chinese and English."""

    zh: str
    en: str


@frozen
class CellRef:
    """A cell a finding is about, with its value and where it was read."""

    cell: str
    value: int | Decimal | None = None
    blank: bool = False
    line: int | None = None
    column: int | None = None
    text: str | None = None
    #: The value was read with uncertainty (glued digits, blank cells not printed).
    uncertain: bool = False


class Status(str, enum.Enum):
    """``fail``: the rule does not hold; ``crash``: the rule itself raised."""

    FAIL = "fail"
    CRASH = "crash"


@frozen
class Finding:
    """One thing a rule found wrong with a report."""

    rule_id: str
    severity: Severity
    message: Message
    basis: str
    layer: str
    ruleset: str
    title: Message | None = None
    cells: tuple[CellRef, ...] = ()
    section: str | None = None
    expected: int | Decimal | None = None
    actual: int | Decimal | None = None
    instance: str | None = None  # e.g. the column a per-column rule was checking
    status: Status = Status.FAIL
    line: int | None = None
    relevelled_from: Severity | None = None

    @property
    def reading_uncertain(self) -> bool:
        """Whether one of :attr:`cells` was read with uncertainty: the finding may come
        from how the figures were read rather than from the report (an error rule's
        finding is then a warning)."""
        return any(ref.uncertain for ref in self.cells)

    @property
    def fingerprint(self) -> str:
        """A stable ID of this finding (rule, instance, cells, place, message) for review
        tools: the same finding on a re-run keeps its ID."""
        key = "|".join(
            [
                self.rule_id,
                self.instance or "",
                *(c.cell for c in self.cells),
                self.section or "",
                str(self.line or ""),
                self.message.en,
            ]
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@frozen
class Layer:
    """One layer of the rule stack that checked a report: a plugin and its rulesets."""

    name: str
    version: str
    rulesets: tuple[str, ...] = ()
    rules: int = 0


@frozen
class Adjustment:
    """A change a layer made to a rule of a lower layer (relevel or disable)."""

    verb: str  # "relevel" | "disable" | "set"
    target: str  # rule ID or parameter name
    layer: str
    reason: str
    basis: str | None = None
    old: str | None = None
    new: str | None = None


@frozen
class Result:
    """The outcome of checking one report."""

    source: str | None
    template: str | None
    findings: tuple[Finding, ...]
    stack: tuple[Layer, ...]
    complete: bool
    rules_run: int
    adjustments: tuple[Adjustment, ...] = ()

    @property
    def valid(self) -> bool:
        """No error finding (warnings and infos do not make a report invalid)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def by_rule(self, rule_id: str) -> tuple[Finding, ...]:
        """The findings of one rule."""
        return tuple(f for f in self.findings if f.rule_id == rule_id)

    def rule_ids(self) -> frozenset[str]:
        """IDs of the rules that produced findings."""
        return frozenset(f.rule_id for f in self.findings)
