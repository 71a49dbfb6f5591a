"""The rule engine: a stack of layers of rulesets, compiled per template, run per report.

Layers are applied in order (the national layer first, then a province, then a
county). A layer may only *add* rules (an ID that any lower layer already uses is an
error), *set* parameters a lower layer declared, *relevel* a lower layer's rule (with
a reason) or *disable* it (with a reason and a legal basis). Every such adjustment is
recorded in each result.

Checking a report never stops at a broken rule: a rule that raises becomes a finding
of its own (status ``crash``) and marks the result incomplete.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from attrs import evolve, field, frozen

from disclosure_core.findings import (
    Adjustment,
    CellRef,
    Finding,
    Layer,
    Message,
    Result,
    Severity,
    Status,
)
from disclosure_core.model.report import Report
from disclosure_core.rules.compile import (
    Batch,
    Check,
    CompileError,
    RuleChecks,
    TemplateCells,
    Violation,
    compile_rule,
    fill_message,
    glob_matcher,
)
from disclosure_core.rules.expr import Context, NotApplicable
from disclosure_core.rules.loader import LoadedRuleset, RulesetError
from disclosure_core.rules.model import ParamSpec, ParamType, ParamValue, RuleSpec, YearRange
from disclosure_core.templates.spec import TemplateSpec

#: A rule whose templates list ``"*"`` runs on every report, even one in no national
#: format at all; it can read metadata and parse notes but no cells.
ANY_TEMPLATE = "*"
_ANY_SPEC = TemplateSpec(
    id=ANY_TEMPLATE, title="any report", basis="", first_year=0, sections=(), tables=()
)


@frozen
class PythonRule:
    """A rule written in Python (the escape hatch), with the same metadata as TOML rules.

    ``function(ctx)`` returns violations (or ``None``); ``reads`` declares the cells and
    cell patterns it reads — the conformance kit checks the declaration.
    """

    id: str
    severity: Severity
    title: Message
    message: Message
    basis: str
    function: Callable[[Context], Iterable[Violation] | None]
    reads: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    years: YearRange = field(factory=YearRange)
    doc: str = ""
    example: str = ""


@frozen
class LayerSpec:
    """One layer of rules: a plugin (or the built-in national layer) and what it adds."""

    name: str
    version: str
    rulesets: tuple[LoadedRuleset, ...] = ()
    python_rules: tuple[PythonRule, ...] = ()


@frozen
class RuleInfo:
    """A rule as the engine runs it: its spec, owner, and effective severity."""

    spec: RuleSpec | PythonRule
    layer: str
    ruleset: str
    source: str
    index: int
    templates: tuple[str, ...]
    years: YearRange
    severity: Severity
    relevelled_from: Severity | None = None
    disabled_by: Adjustment | None = None
    reads: Mapping[str, frozenset[str]] = field(factory=dict)  # template -> cells read

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def kind(self) -> str:
        return "python" if isinstance(self.spec, PythonRule) else self.spec.kind.value

    def applies(self, template: str | None, year: int | None, lineage: Sequence[str] = ()) -> bool:
        """Whether the rule runs on a report of this template and year; ``lineage`` are
        the templates the report's template extends (their rules apply to it too)."""
        if ANY_TEMPLATE in self.templates:
            return self.years.covers(year)
        if template is None:
            return False
        if template not in self.templates and not any(t in self.templates for t in lineage):
            return False
        return self.years.covers(year)


@frozen
class Plan:
    """The compiled checks for one template and year."""

    template: str
    year: int | None
    checks: tuple[tuple[RuleInfo, RuleChecks | PythonRule], ...]
    params: Mapping[str, ParamValue]
    #: how many rule instances the plan runs
    instances: int = 0


class Engine:
    """Runs a stack of rule layers on reports.

    Build one per configuration and reuse it: rules are compiled once per template and
    set of parameter values (years that set no parameter of their own share them). It
    holds no global state.
    """

    def __init__(self, layers: Sequence[LayerSpec], templates: Sequence[TemplateSpec]) -> None:
        self.layers = tuple(layers)
        self.templates = {template.id: template for template in templates}
        self._cells = {tid: TemplateCells(t) for tid, t in self.templates.items()}
        self._cells[ANY_TEMPLATE] = TemplateCells(_ANY_SPEC)
        self.params: dict[str, ParamSpec] = {}
        self.param_owner: dict[str, str] = {}
        self.param_values: dict[str, tuple[ParamValue | None, dict[str, ParamValue]]] = {}
        self.adjustments: list[Adjustment] = []
        self.rules: dict[str, RuleInfo] = {}
        for layer in self.layers:
            self._add_layer(layer)
        self._validate()
        self._plans: dict[tuple[str, int | None], Plan] = {}
        self._param_sets: list[dict[str, ParamValue]] = []
        self._compiled: dict[tuple[str, str, int], RuleChecks] = {}
        self._steps: dict[tuple[str, int | None], _Steps] = {}
        self._stack = self._make_stack()
        # every relevel and disable is made while the layers are added, above
        self._adjustments = tuple(self.adjustments)

    # ------------------------------------------------------------------ building

    def _add_layer(self, layer: LayerSpec) -> None:
        lower_rules = dict(self.rules)
        lower_params = dict(self.params)
        for loaded in layer.rulesets:
            spec, source = loaded.spec, loaded.source
            header = spec.ruleset
            for index, param in enumerate(spec.param):
                for key in param.by_year:
                    if not (key.isascii() and key.isdigit() and len(key) == 4):
                        raise RulesetError(
                            source,
                            [f'param[{index}].by_year: {key!r} is not a year (write "2023")'],
                        )
                for candidate in (param.default, *param.by_year.values()):
                    problem = _param_type_problem(param, candidate)
                    if problem:
                        raise RulesetError(source, [f"param[{index}].default: {problem}"])
                if param.name in self.params:
                    raise RulesetError(
                        source,
                        [
                            f"param[{index}].name: parameter {param.name!r} is already declared by "
                            f"{self.param_owner[param.name]} (use [[set]] to change its value)"
                        ],
                    )
                self.params[param.name] = param
                self.param_owner[param.name] = f"{layer.name} ({source})"
                self.param_values[param.name] = (param.default, dict(param.by_year))
            for index, rule in enumerate(spec.rule):
                if rule.id in self.rules:
                    owner = self.rules[rule.id]
                    raise RulesetError(
                        source,
                        [
                            f"rule[{index}].id: rule ID {rule.id!r} is already used by "
                            f"{owner.layer} ({owner.source}); a layer may only add new rule IDs"
                        ],
                    )
                templates = rule.templates or header.templates
                known = (*self.templates, ANY_TEMPLATE)
                unknown = [t for t in templates if t not in known]
                if unknown and not any(t in known for t in templates):
                    raise RulesetError(
                        source,
                        [f"rule[{index}].templates: unknown template(s) {', '.join(unknown)}"],
                    )
                self.rules[rule.id] = RuleInfo(
                    rule,
                    layer.name,
                    header.id,
                    source,
                    index,
                    tuple(t for t in templates if t in known),
                    rule.years or header.years,
                    rule.severity,
                )
            for index, item in enumerate(spec.set):
                self._apply_set(
                    layer,
                    source,
                    index,
                    item.param,
                    item.value,
                    item.by_year,
                    item.reason,
                    lower_params,
                )
            for index, relevel in enumerate(spec.relevel):
                self._apply_relevel(
                    layer,
                    source,
                    index,
                    relevel.rule,
                    relevel.severity,
                    relevel.reason,
                    lower_rules,
                )
            for index, disable in enumerate(spec.disable):
                self._apply_disable(
                    layer, source, index, disable.rule, disable.reason, disable.basis, lower_rules
                )
        for python_rule in layer.python_rules:
            if python_rule.id in self.rules:
                owner = self.rules[python_rule.id]
                raise RulesetError(
                    f"{layer.name} (Python rule)",
                    [
                        f"rule ID {python_rule.id!r} is already used by {owner.layer} "
                        f"({owner.source})"
                    ],
                )
            templates = python_rule.templates or tuple(self.templates)
            self.rules[python_rule.id] = RuleInfo(
                python_rule,
                layer.name,
                f"{layer.name}:python",
                f"{layer.name} (Python)",
                0,
                tuple(t for t in templates if t in self.templates),
                python_rule.years,
                python_rule.severity,
            )

    def _apply_set(
        self,
        layer: LayerSpec,
        source: str,
        index: int,
        name: str,
        value: ParamValue | None,
        by_year: Mapping[str, ParamValue],
        reason: str,
        lower: Mapping[str, ParamSpec],
    ) -> None:
        for key in by_year:
            if not (key.isascii() and key.isdigit() and len(key) == 4):
                raise RulesetError(source, [f"set[{index}].by_year: {key!r} is not a year"])
        if value is None and not by_year:
            raise RulesetError(source, [f"set[{index}]: give a value or by_year"])
        if name not in lower:
            raise RulesetError(
                source,
                [
                    f"set[{index}].param: unknown parameter {name!r} "
                    "(a layer may only set parameters a lower layer declared)"
                ],
            )
        spec = lower[name]
        for candidate in ([value] if value is not None else []) + list(by_year.values()):
            problem = _param_type_problem(spec, candidate)
            if problem:
                raise RulesetError(source, [f"set[{index}].value: {problem}"])
        default, years = self.param_values[name]
        self.param_values[name] = (value if value is not None else default, {**years, **by_year})
        shown = value if value is not None else by_year
        self.adjustments.append(
            Adjustment("set", name, layer.name, reason or "", None, None, str(shown))
        )

    def _apply_relevel(
        self,
        layer: LayerSpec,
        source: str,
        index: int,
        rule_id: str,
        severity: Severity,
        reason: str,
        lower: Mapping[str, RuleInfo],
    ) -> None:
        if rule_id not in lower:
            raise RulesetError(
                source,
                [
                    f"relevel[{index}].rule: unknown rule {rule_id!r} "
                    "(a layer may only relevel rules of a lower layer)"
                ],
            )
        info = self.rules[rule_id]
        self.rules[rule_id] = evolve(
            info, severity=severity, relevelled_from=info.relevelled_from or info.severity
        )
        self.adjustments.append(
            Adjustment(
                "relevel", rule_id, layer.name, reason, None, info.severity.value, severity.value
            )
        )

    def _apply_disable(
        self,
        layer: LayerSpec,
        source: str,
        index: int,
        rule_id: str,
        reason: str,
        basis: str,
        lower: Mapping[str, RuleInfo],
    ) -> None:
        if rule_id not in lower:
            raise RulesetError(
                source,
                [
                    f"disable[{index}].rule: unknown rule {rule_id!r} "
                    "(a layer may only disable rules of a lower layer)"
                ],
            )
        adjustment = Adjustment("disable", rule_id, layer.name, reason, basis)
        self.rules[rule_id] = evolve(self.rules[rule_id], disabled_by=adjustment)
        self.adjustments.append(adjustment)

    def _validate(self) -> None:
        """Compile every rule for every template it claims, to report errors at load time."""
        for rule_id, info in list(self.rules.items()):
            if isinstance(info.spec, PythonRule):
                self.rules[rule_id] = evolve(
                    info, reads={t: frozenset(info.spec.reads) for t in info.templates}
                )
                continue
            reads: dict[str, frozenset[str]] = {}
            for template in info.templates:
                params = self._params_for(None)
                cells = self._cells[ANY_TEMPLATE if template == ANY_TEMPLATE else template]
                try:
                    compiled = compile_rule(info.spec, cells, params)
                except CompileError as exc:
                    raise RulesetError(
                        info.source,
                        [
                            f"rule[{info.index}].{exc.field} ({rule_id}, template {template}): "
                            f"{exc.problem}"
                        ],
                    ) from None
                reads[template] = frozenset().union(*(c.reads for c in compiled.checks))
            self.rules[rule_id] = evolve(info, reads=reads)

    def params_for(self, year: int | None) -> dict[str, ParamValue]:
        """Parameter values for a reporting year, after every layer's ``[[set]]``."""
        return self._params_for(year)

    def _params_for(self, year: int | None) -> dict[str, ParamValue]:
        resolved: dict[str, ParamValue] = {}
        for name, (default, by_year) in self.param_values.items():
            value = default
            if year is not None:
                applicable = sorted((int(y), v) for y, v in by_year.items() if int(y) <= year)
                if applicable:
                    value = applicable[-1][1]
            resolved[name] = value if value is not None else ""
        return resolved

    # ------------------------------------------------------------------ running

    def plan(self, template: str, year: int | None) -> Plan:
        """The compiled checks for a template and year (cached)."""
        key = (template, year)
        plan = self._plans.get(key)
        if plan is None:
            params = self._params_for(year)
            # Years whose parameters are the same share compiled rules: one copy of the
            # checks per template keeps what checking touches small (reports of a
            # batch come from several years).
            if params not in self._param_sets:
                self._param_sets.append(params)
            version = self._param_sets.index(params)
            checks: list[tuple[RuleInfo, RuleChecks | PythonRule]] = []
            lineage = self.lineage(template)
            for info in self.rules.values():
                if info.disabled_by is not None or not info.applies(template, year, lineage):
                    continue
                if isinstance(info.spec, PythonRule):
                    checks.append((info, info.spec))
                    continue
                where = ANY_TEMPLATE if ANY_TEMPLATE in info.templates else template
                compiled = self._compiled.get((info.id, where, version))
                if compiled is None:
                    compiled = compile_rule(info.spec, self._cells[where], params)
                    self._compiled[(info.id, where, version)] = compiled
                checks.append((info, compiled))
            instances = sum(1 if isinstance(c, PythonRule) else len(c.checks) for _, c in checks)
            plan = Plan(template, year, tuple(checks), params, instances)
            self._plans[key] = plan
        return plan

    def expansions(self, template: str) -> Mapping[str, tuple[str, ...]]:
        """Cell patterns of a template, expanded (shared by every report)."""
        return self._cells[template].expansions

    def lineage(self, template: str) -> tuple[str, ...]:
        """The templates ``template`` extends, nearest first."""
        out: list[str] = []
        current = self.templates.get(template)
        while current is not None and current.extends and current.extends not in out:
            out.append(current.extends)
            current = self.templates.get(current.extends)
        return tuple(out)

    def stack(self) -> tuple[Layer, ...]:
        """The layers, with their rulesets and how many rules each brought."""
        return self._stack

    def _make_stack(self) -> tuple[Layer, ...]:
        counts: dict[str, int] = {}
        for info in self.rules.values():
            counts[info.layer] = counts.get(info.layer, 0) + 1
        return tuple(
            Layer(
                layer.name,
                layer.version,
                tuple(loaded.spec.id for loaded in layer.rulesets),
                counts.get(layer.name, 0),
            )
            for layer in self.layers
        )

    def check(self, report: Report) -> Result:
        """Check one report with every applicable rule of the stack."""
        template = report.template
        if template not in self.templates:
            template = ANY_TEMPLATE
        key = (template, report.meta.year)
        steps = self._steps.get(key)
        if steps is None:
            steps = self._steps[key] = _Steps(self.plan(*key), self._cells[template])
        plan = steps.plan
        cells = steps.cells
        ctx = make_context(report, plan.params, cells.expansions, cells.getters)
        findings: list[Finding] = []
        complete = True
        for info, compiled, checks, batch in steps.for_notes(ctx.notes):
            if checks is None:
                assert isinstance(compiled, PythonRule)
                complete &= _run_one(info, compiled, ctx, report, findings)
                continue
            run: Sequence[Check] = checks
            if batch is not None:
                try:
                    failing = batch(ctx)
                except Exception as exc:
                    complete = False
                    findings.append(_crash_finding(info, checks[0], exc))
                    continue
                if not failing:
                    continue
                run = [checks[index] for index in failing]
            for check in run:
                # the common path, inlined: most checks pass and return None
                try:
                    violations = check.run(ctx)
                except NotApplicable:
                    continue
                except Exception as exc:  # a broken rule must not stop the others
                    complete = False
                    findings.append(_crash_finding(info, check, exc))
                    continue
                if violations:
                    findings.extend(
                        _finding(info, check.instance, check.placeholders, v, report)
                        for v in violations
                    )
        return Result(
            report.source,
            report.template,
            tuple(findings),
            self._stack,
            complete,
            rules_run=plan.instances,
            adjustments=self._adjustments,
        )


#: One rule of a plan as :meth:`Engine.check` runs it: its info, what was compiled,
#: its checks (``None`` for a Python rule) and its batched first pass.
_Step = tuple[RuleInfo, RuleChecks | PythonRule, tuple[Check, ...] | None, Batch | None]


class _Steps:
    """A plan's rules in order, and the subsets that can fire on a report.

    A ``note`` rule reports parse notes of one code (and often one variant); most
    reports carry notes of two or three kinds, so most note rules have nothing to look
    at. The rules to run are chosen once per set of kinds of notes (few sets occur)
    instead of asking every note rule on every report.
    """

    #: at most this many sets of kinds of notes are remembered (a bound against odd
    #: input); a report with notes of more than PAIRS kinds is matched by codes only
    LIMIT = 256
    PAIRS = 8

    __slots__ = ("_by_codes", "_by_pairs", "bare", "cells", "plan", "steps")

    def __init__(self, plan: Plan, cells: TemplateCells) -> None:
        self.plan = plan
        #: the template's cells (their expanded patterns, for the reports' contexts)
        self.cells = cells
        steps: list[tuple[_Gate | None, _Step]] = []
        for info, compiled in plan.checks:
            if isinstance(compiled, PythonRule):
                steps.append((None, (info, compiled, None, None)))
                continue
            gate: _Gate | None = None
            if compiled.note_code is not None:
                variants = compiled.note_variants
                matchers = (
                    tuple(glob_matcher(v) for v in variants) if variants is not None else None
                )
                gate = (compiled.note_code, matchers)
            steps.append((gate, (info, compiled, compiled.checks, compiled.batch)))
        self.steps = tuple(steps)
        #: the steps for a report without parse notes
        self.bare = tuple(step for gate, step in self.steps if gate is None)
        self._by_codes: dict[frozenset[str], tuple[_Step, ...]] = {}
        self._by_pairs: dict[frozenset[tuple[str, str | None]], tuple[_Step, ...]] = {}

    def for_notes(self, notes: Sequence[tuple[Any, ...]]) -> tuple[_Step, ...]:
        """The steps to run on a report with these parse notes (as in a Context), in
        plan order."""
        if not notes:
            return self.bare
        pairs = frozenset([(note[0], note[1]) for note in notes])
        if len(pairs) <= self.PAIRS:
            steps = self._by_pairs.get(pairs)
            if steps is None:
                steps = tuple(
                    step for gate, step in self.steps if gate is None or _opens(gate, pairs)
                )
                if len(self._by_pairs) < self.LIMIT:
                    self._by_pairs[pairs] = steps
            return steps
        codes = frozenset(code for code, _ in pairs)
        steps = self._by_codes.get(codes)
        if steps is None:
            steps = tuple(step for gate, step in self.steps if gate is None or gate[0] in codes)
            if len(self._by_codes) < self.LIMIT:
                self._by_codes[codes] = steps
        return steps


#: A note rule's gate: the code it reports, and matchers of the variants it looks for
#: (``None``: any variant), as its checks match them.
_Gate = tuple[str, tuple[Callable[[str], re.Match[str] | None], ...] | None]


def _opens(gate: _Gate, pairs: Iterable[tuple[str, str | None]]) -> bool:
    """Whether a note of one of these (code, variant) kinds can fire the gated rule."""
    code, matchers = gate
    for note_code, variant in pairs:
        if note_code == code and (
            matchers is None or any(match(variant or "") is not None for match in matchers)
        ):
            return True
    return False


def _run_one(
    info: RuleInfo, check: Check | PythonRule, ctx: Context, report: Report, findings: list[Finding]
) -> bool:
    """Run one instance, add its findings; False when the rule crashed."""
    ctx.touched.clear()
    try:
        if isinstance(check, Check):
            violations = check.run(ctx)
        else:
            produced = check.function(ctx)
            violations = list(produced) if produced else None
    except NotApplicable:
        return True
    except Exception as exc:
        findings.append(_crash_finding(info, check, exc))
        return False
    if violations:
        instance = check.instance if isinstance(check, Check) else None
        placeholders = check.placeholders if isinstance(check, Check) else {}
        findings.extend(_finding(info, instance, placeholders, v, report) for v in violations)
    return True


def make_context(
    report: Report,
    params: Mapping[str, ParamValue],
    expansions: Mapping[str, tuple[str, ...]] | None = None,
    getters: Mapping[str, Callable[[Mapping[str, Any]], tuple[Any, ...]]] | None = None,
) -> Context:
    """What rules see of a report (``expansions`` and ``getters``: the template's
    expanded cell patterns and their getters, see ``TemplateCells``)."""
    # One pass over the cells reads their values and notes the cells that are not
    # non-negative integers (a few a report), which the context would look for in a
    # second pass. The values replace the cells in a copy of the report's mapping: it
    # is made at its final size, where a comprehension grows a new one step by step.
    cells = report.cells
    values: dict[str, Any] = dict(cells)
    odd: list[str] = []
    for cell_id, cell in cells.items():
        value = cell.value
        if type(value) is not int or value < 0:
            odd.append(cell_id)
        values[cell_id] = value
    report_sections = report.sections
    sections = {section.id: section.text for section in report_sections}
    if len(sections) != len(report_sections):  # a repeated section: the first one counts
        sections = {}
        for section in report_sections:
            sections.setdefault(section.id, section.text)
    meta = report.meta
    level = meta.level
    page_date = meta.page_date
    # ``_value_`` is what Enum.value returns, without the descriptor's Python-level call
    variables = {
        "year": meta.year,
        "level": level._value_ if level is not None else None,
        "body": meta.body,
        "template": report.template,
        "published": page_date or meta.published,
        "page_date": page_date,
        "division_code": meta.division_code,
        "title": meta.title,
    }
    notes = [
        (
            note.code._value_,
            note.variant,
            note.element,
            note.found,
            note.expected,
            note.line,
            note.message,
        )
        for note in report.notes
    ]
    return Context(values, sections, variables, params, notes, expansions, odd=odd, getters=getters)


def _finding(
    info: RuleInfo,
    instance: str | None,
    placeholders: Mapping[str, Any],
    violation: Violation,
    report: Report,
) -> Finding:
    meta = report.meta
    values: dict[str, Any] = {**placeholders, **violation.values}
    if "cells" not in values:
        values["cells"] = list(violation.cells)
    if "year" not in values:
        values["year"] = meta.year
    if "level" not in values:
        level = meta.level
        values["level"] = level._value_ if level else ""
    if "body" not in values:
        values["body"] = meta.body or ""
    if "published" not in values:
        values["published"] = meta.page_date or meta.published or ""
    spec = info.spec
    message = fill_message(spec.message, values)
    if violation.blank_cells:
        blanks = "、".join(violation.blank_cells)
        message = Message(
            message.zh + f"（空白单元格按0计：{blanks}）",
            message.en + f" (blank cells counted as 0: {', '.join(violation.blank_cells)})",
        )
    # the cells, and the first line one of them was read on (a finding has about ten
    # cells: one loop, no call per cell)
    line = violation.line
    first_line: int | None = None
    refs: list[CellRef] = []
    unsure: list[str] = []
    get = report.cells.get
    for cell_id in violation.cells:
        cell = get(cell_id)
        if cell is None:
            refs.append(CellRef(cell_id))
            continue
        value, provenance, uncertain = cell.value, cell.provenance, cell.uncertain
        if uncertain:
            unsure.append(cell_id)
        if provenance is None:
            refs.append(CellRef(cell_id, value, value is None, None, None, None, uncertain))
            continue
        cell_line = provenance.line
        if first_line is None:
            first_line = cell_line
        refs.append(
            CellRef(
                cell_id,
                value,
                value is None,
                cell_line,
                provenance.column,
                provenance.text,
                uncertain,
            )
        )
    severity = info.severity
    if unsure:
        # The figures may be misread (NAT-P1 says which): the report is not called
        # wrong on the strength of a guess, but the finding is kept for a reviewer.
        if severity is Severity.ERROR:
            severity = Severity.WARNING
        shown, more = unsure[:3], len(unsure) > 3
        message = Message(
            message.zh
            + f"（所涉数字读取不确定，请核对原件：{'、'.join(shown)}{'…' if more else ''}）",
            message.en + " (figures read with uncertainty, check the original: "
            f"{', '.join(shown)}{', …' if more else ''})",
        )
    if line is None:
        line = first_line
    if line is None and violation.section is not None:
        section = report.section(violation.section)
        if section is not None and section.provenance is not None:
            line = section.provenance.line
    return Finding(
        rule_id=spec.id,
        severity=severity,
        message=message,
        basis=spec.basis,
        layer=info.layer,
        ruleset=info.ruleset,
        title=spec.title,
        cells=tuple(refs),
        section=violation.section,
        expected=violation.expected,
        actual=violation.actual,
        instance=instance,
        line=line,
        relevelled_from=info.relevelled_from,
    )


def _crash_finding(info: RuleInfo, check: Check | PythonRule, exc: BaseException) -> Finding:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    detail = f"{type(exc).__name__}: {exc}"
    if where is not None and isinstance(check, PythonRule):
        detail += f" ({where.filename}:{where.lineno})"
    instance = check.instance if isinstance(check, Check) else None
    return Finding(
        rule_id=info.id,
        severity=Severity.ERROR,
        message=Message(
            f"规则 {info.id} 未能运行：{detail}", f"rule {info.id} could not run: {detail}"
        ),
        basis=info.spec.basis,
        layer=info.layer,
        ruleset=info.ruleset,
        title=info.spec.title,
        instance=instance,
        status=Status.CRASH,
    )


def _param_type_problem(spec: ParamSpec, value: object) -> str | None:
    expected: Callable[[object], bool] = {
        ParamType.INT: lambda v: isinstance(v, int) and not isinstance(v, bool),
        ParamType.NUMBER: lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        ParamType.STRING: lambda v: isinstance(v, str),
        ParamType.STRINGS: lambda v: isinstance(v, list),
        ParamType.BOOL: lambda v: isinstance(v, bool),
        ParamType.MONTH_DAY: lambda v: isinstance(v, str) and _month_day_ok(v),
    }[spec.type]
    if not expected(value):
        return f"parameter {spec.name!r} expects {spec.type.value}, got {value!r}"
    return None


def _month_day_ok(text: str) -> bool:
    try:
        month, day = text.split("-")
        date(2001, int(month), int(day))  # not a leap year: 02-29 is no deadline
    except ValueError:
        return False
    return True
