"""The conformance kit: properties every rule stack must have, checked with generated
reports.

A :class:`ConformanceKit` takes a rule stack (the national layer and any plugin layers
on it) and checks, with Hypothesis:

``consistent``    a report that satisfies the numeric rules by construction raises no
                  cross-check finding;
``satisfiable``   the rules can hold together (a contradictory plugin rule is named,
                  with a minimal counterexample);
``no-forced-zero`` no figure is forced to be 0 by the rules (a sum with a missing
                  addend does that to the addend), checked cell by cell;
``break``         breaking a rule through one cell makes it fire, and a one-cell change
                  fires only rules that read that cell;
``declared-reads`` Python rules read only the cells they declare;
``monotone``      adding a layer never removes a finding of a lower layer unless a
                  recorded relevel or disable did it (checked on every rule's failing
                  cases and on generated reports);
``round-trip``    reports survive dict/JSON and text/HTML rendering and reading;
``deterministic`` the same report gives the same findings in the same order;
``cases``         every rule's own test cases behave as declared.

Profiles: ``disclosure-ci`` keeps the whole kit for the national and bundled plugin
layers under a minute on a small machine; ``disclosure-thorough`` is for releases.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from attrs import frozen
from hypothesis import HealthCheck, given, reject, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable as HypothesisUnsatisfiable

from disclosure_core.checker import USER_LAYER, Checker
from disclosure_core.findings import Finding
from disclosure_core.model.convert import (
    report_from_dict,
    report_from_json,
    report_to_dict,
    report_to_json,
)
from disclosure_core.model.report import Level, Report
from disclosure_core.rules.engine import Engine, PythonRule
from disclosure_core.rules.expr import Context
from disclosure_core.templates.spec import TemplateSpec
from disclosure_core.testing.cases import (
    case_report,
    check_case,
    installed_case_files,
)
from disclosure_core.testing.model import NUMERIC_KINDS, StackModel, Unsatisfiable
from disclosure_core.testing.mutators import mutations
from disclosure_core.testing.strategies import (
    base_report,
    leaf_values,
    report_meta,
    section_texts,
)

settings.register_profile(
    "disclosure-ci",
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
settings.register_profile(
    "disclosure-thorough",
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
PROFILES = ("disclosure-ci", "disclosure-thorough")


class PropertyFailure(AssertionError):
    """A property does not hold: what, which rules, and the smallest report found."""

    def __init__(
        self,
        message: str,
        rules: Sequence[str] = (),
        counterexample: Mapping[str, Any] | None = None,
    ) -> None:
        self.rules = tuple(rules)
        self.counterexample = dict(counterexample or {})
        super().__init__(message)


@frozen
class Verdict:
    """The outcome of one property on one stack."""

    property: str
    title: str
    stack: tuple[str, ...]
    passed: bool
    detail: str = ""
    rules: tuple[str, ...] = ()
    counterexample: Mapping[str, Any] = {}
    seconds: float = 0.0


@frozen
class Property:
    """A property of the kit."""

    name: str
    title: str
    run: Callable[[], None]


def _key(finding: Finding) -> tuple[Any, ...]:
    return (
        finding.rule_id,
        finding.instance,
        tuple(c.cell for c in finding.cells),
        finding.section,
        finding.line,
    )


def _nonzero(values: Mapping[str, Any]) -> dict[str, Any]:
    return {cell: value for cell, value in values.items() if value}


class ConformanceKit:
    """Checks the properties of a rule stack.

    :param checker: a :class:`~disclosure_core.checker.Checker` with the plugins loaded.
    :param layers: the stack to check, bottom first (default: the national layer).
    :param profile: a Hypothesis settings profile (``disclosure-ci`` by default).
    :param seed_value: a fixed Hypothesis seed (for reproducible runs).
    """

    def __init__(
        self,
        checker: Checker,
        layers: Sequence[str] | None = None,
        *,
        profile: str = "disclosure-ci",
        seed_value: int | None = None,
    ) -> None:
        self.checker = checker
        self.layers = tuple(layers or checker.chain("national"))
        self.engine = checker.engine(self.layers)
        self.settings = settings.get_profile(profile)
        self.seed = seed_value
        extensions = {
            ext.id for plugin, ext in checker.manager.extensions() if plugin in self.layers
        }
        base_ids = [t.id for t in checker.templates if t.extends is None]
        self.templates: list[TemplateSpec] = [
            t for t in checker.templates if t.id in base_ids or t.id in extensions
        ]
        self.models = {t.id: StackModel(self.engine, t, self._year(t)) for t in self.templates}
        self.numeric = sorted({i.rule_id for m in self.models.values() for i in m.instances})
        self._contradictions: dict[str, Unsatisfiable | None] = {}
        self.section_strategies: dict[str, st.SearchStrategy[str]] = {
            section: strategy
            for plugin, strategies in checker.manager.strategies_by_plugin()
            if plugin in self.layers
            for section, strategy in strategies.items()
        }

    @staticmethod
    def _year(template: TemplateSpec) -> int:
        return template.first_year + 1

    # ------------------------------------------------------------------ plumbing

    def _prove(self, strategy: st.SearchStrategy[Any], body: Callable[[Any], None]) -> None:
        """Run ``body`` on examples of ``strategy`` under the kit's profile and seed."""

        @settings(self.settings)
        @given(strategy)
        def test(draw: Any) -> None:
            body(draw)

        if self.seed is not None:
            test = seed(self.seed)(test)
        test()

    def _base(
        self,
        model: StackModel,
        meta: Mapping[str, Any] | None = None,
        texts: Mapping[str, str] | None = None,
    ) -> Report:
        return base_report(
            model.template,
            model.year,
            texts,
            {"level": Level.DEPARTMENT, "body": "某县某局", **(meta or {})},
        )

    def _texts(self, model: StackModel) -> st.SearchStrategy[dict[str, str]]:
        """Section texts, drawn with the strategies the stack's plugins register."""
        return section_texts(model.template, self.section_strategies)

    def _consistent(
        self,
        model: StackModel,
        leaves: Mapping[str, Any],
        meta: Mapping[str, Any] | None = None,
        texts: Mapping[str, str] | None = None,
    ) -> Report:
        try:
            return model.repair(leaves, self._base(model, meta, texts))
        except Unsatisfiable:
            reject()
            raise  # pragma: no cover - reject() raises

    def properties(self) -> list[Property]:
        """The kit's properties, in the order they run."""
        return [
            Property("satisfiable", "the rules can all hold together", self.satisfiable),
            Property(
                "consistent", "a consistent report raises no cross-check finding", self.consistent
            ),
            Property(
                "no-forced-zero", "no figure is forced to 0 by the rules", self.no_forced_zero
            ),
            Property(
                "break",
                "a broken rule fires, and a one-cell change fires only rules reading that cell",
                self.breaking,
            ),
            Property(
                "declared-reads",
                "Python rules read only the cells they declare",
                self.declared_reads,
            ),
            Property(
                "monotone",
                "a layer never removes a lower layer's finding unless a "
                "recorded relevel or disable did it",
                self.monotone,
            ),
            Property(
                "round-trip", "reports survive dict/JSON and text/HTML and back", self.round_trip
            ),
            Property(
                "deterministic",
                "the same report gives the same findings in the same order",
                self.deterministic,
            ),
            Property("cases", "every rule's own cases behave as declared", self.cases),
        ]

    def run(self, only: Iterable[str] | None = None) -> list[Verdict]:
        """Run the properties (all, or those named) and return a verdict for each."""
        return list(self.run_iter(only))

    def run_iter(self, only: Iterable[str] | None = None) -> Iterator[Verdict]:
        """Run the properties one by one, yielding each verdict as soon as it is known.

        Raises :class:`KeyError` for a property name the kit does not have.
        """
        properties = self.properties()
        wanted = set(only) if only is not None else None
        if wanted is not None:
            unknown = wanted - {p.name for p in properties}
            if unknown:
                raise KeyError(
                    f"unknown propert{'y' if len(unknown) == 1 else 'ies'} "
                    f"{', '.join(sorted(unknown))} (known: "
                    f"{', '.join(p.name for p in properties)})"
                )
        for prop in properties:
            if wanted is not None and prop.name not in wanted:
                continue
            yield self._verdict(prop)

    def _verdict(self, prop: Property) -> Verdict:
        start = time.monotonic()
        try:
            prop.run()
        except PropertyFailure as failure:
            return Verdict(
                prop.name,
                prop.title,
                self.layers,
                False,
                str(failure),
                failure.rules,
                failure.counterexample,
                time.monotonic() - start,
            )
        except HypothesisUnsatisfiable:
            return Verdict(
                prop.name,
                prop.title,
                self.layers,
                False,
                "no consistent report could be generated: the rules contradict each other "
                "(see the 'satisfiable' property)",
                (),
                {},
                time.monotonic() - start,
            )
        return Verdict(prop.name, prop.title, self.layers, True, seconds=time.monotonic() - start)

    # ------------------------------------------------------------------ properties

    def satisfiable(self) -> None:
        for model in self.models.values():
            # all-zero figures first: when even they cannot be repaired the contradiction
            # needs no figures at all, and that is the smallest counterexample there is
            contradiction = self._contradiction(model)
            if contradiction is not None:
                raise self._unsatisfiable(model, contradiction, dict.fromkeys(model.leaves, 0))
            self._prove(
                leaf_values(model), partial(self._satisfiable_one, model, self._base(model))
            )

    def _contradiction(self, model: StackModel) -> Unsatisfiable | None:
        """Whether the model's rules reject even all-zero figures (cached)."""
        if model.template.id not in self._contradictions:
            try:
                model.repair(dict.fromkeys(model.leaves, 0), self._base(model))
                found = None
            except Unsatisfiable as exc:
                found = exc
            self._contradictions[model.template.id] = found
        return self._contradictions[model.template.id]

    def _generating(self) -> Iterator[StackModel]:
        """The models, each checked first to be able to give consistent reports at all."""
        for model in self.models.values():
            contradiction = self._contradiction(model)
            if contradiction is not None:
                raise PropertyFailure(
                    f"{model.template.id}: no consistent report can be generated, because "
                    f"{', '.join(contradiction.rules)} cannot hold together with the other "
                    "rules (see the 'satisfiable' property)",
                    contradiction.rules,
                )
            yield model

    def _satisfiable_one(self, model: StackModel, base: Report, leaves: dict[str, Any]) -> None:
        try:
            model.repair(leaves, base)
        except Unsatisfiable as exc:
            raise self._unsatisfiable(model, exc, leaves) from None

    def _unsatisfiable(
        self, model: StackModel, exc: Unsatisfiable, leaves: dict[str, Any]
    ) -> PropertyFailure:
        partners = self._partners(model, exc.rules)
        return PropertyFailure(
            f"{model.template.id}: no figures satisfy {', '.join(exc.rules)} "
            f"together with the rules that fix the cells they read "
            f"({', '.join(partners) or 'none'}); smallest figures found: "
            f"{_nonzero(leaves) or 'all 0'}",
            (*exc.rules, *partners),
            _nonzero(leaves),
        )

    def _partners(self, model: StackModel, rules: Sequence[str]) -> list[str]:
        """Sum rules that derive cells the given rules read (what they collide with)."""
        read: set[str] = set()
        for instance in model.instances:
            if instance.rule_id in rules:
                read |= instance.reads(model.cells)
        out = []
        for instance in model.instances:
            arith = getattr(instance.check, "arith", None)
            if (
                arith
                and arith[0] == "sum"
                and arith[3][0] in read
                and instance.rule_id not in rules
                and instance.rule_id not in out
            ):
                out.append(instance.rule_id)
        return out

    def consistent(self) -> None:
        for model in self._generating():
            self._prove(
                st.tuples(leaf_values(model), self._texts(model)),
                partial(self._consistent_one, model),
            )

    def _consistent_one(
        self, model: StackModel, draw: tuple[dict[str, Any], dict[str, str]]
    ) -> None:
        leaves, texts = draw
        report = self._consistent(model, leaves, texts=texts)
        result = self.engine.check(report)
        cross = [
            f
            for f in result.findings
            if self.engine.rules[f.rule_id].kind in NUMERIC_KINDS or f.status.value == "crash"
        ]
        if cross:
            raise PropertyFailure(
                f"{model.template.id}: a report satisfying every numeric rule got "
                + "; ".join(f"{f.rule_id}: {f.message.en}" for f in cross[:5]),
                [f.rule_id for f in cross],
                _nonzero(leaves),
            )

    def no_forced_zero(self) -> None:
        for model in self._generating():
            base = self._base(model)
            start = dict.fromkeys(model.leaves, 1)
            try:
                report = model.repair(start, base)
            except Unsatisfiable:
                continue  # the satisfiable property reports this
            values = {cell: cell_obj.value for cell, cell_obj in report.cells.items()}
            read = {leaf for leaf in model.leaves if leaf in model.read}
            for leaf in sorted(read):
                if values.get(leaf):
                    continue
                pinned = dict(values)
                pinned[leaf] = 1
                try:
                    model.repair_pinned(pinned, base, leaf)
                except Unsatisfiable as exc:
                    raise PropertyFailure(
                        f"{model.template.id}: {leaf} can only be 0: no figures with {leaf} = 1 "
                        f"satisfy {', '.join(exc.rules)} (a sum with a missing addend?)",
                        exc.rules,
                        {leaf: 1},
                    ) from None

    def breaking(self) -> None:
        for model in self._generating():
            rules = sorted({i.rule_id for i in model.instances if i.reads(model.cells)})
            if not rules:
                continue

            self._prove(
                st.tuples(leaf_values(model), st.sampled_from(rules), st.integers(0, 10**6)),
                partial(self._breaking_one, model),
            )

    def _breaking_one(self, model: StackModel, draw: tuple[dict[str, Any], str, int]) -> None:
        leaves, rule_id, salt = draw
        report = self._consistent(model, leaves)
        cells = sorted(
            {c for i in model.instances if i.rule_id == rule_id for c in i.reads(model.cells)}
        )
        order = cells[salt % max(len(cells), 1) :] + cells[: salt % max(len(cells), 1)]
        mutation = next(mutations(model, report, rule_id, order), None)
        if mutation is None:
            return  # no one-cell change breaks it (it reads only blank cells, say)
        result = self.engine.check(mutation.report)
        fired = {
            f.rule_id for f in result.findings if self.engine.rules[f.rule_id].kind in NUMERIC_KINDS
        }
        if rule_id not in fired:
            raise PropertyFailure(
                f"{model.template.id}: changing {mutation.cell} from {mutation.old} to "
                f"{mutation.new} breaks {rule_id} in the model, but the engine reported "
                "no finding for it",
                [rule_id],
                {mutation.cell: mutation.new},
            )
        strangers = sorted(
            r
            for r in fired
            if not any(
                mutation.cell in i.reads(model.cells) for i in model.instances if i.rule_id == r
            )
        )
        if strangers:
            raise PropertyFailure(
                f"{model.template.id}: changing only {mutation.cell} fired "
                f"{', '.join(strangers)}, which do(es) not read that cell: a rule "
                "reading a cell it does not declare",
                strangers,
                {mutation.cell: mutation.new},
            )

    def declared_reads(self) -> None:
        for model in self._generating():
            python = [i for i in model.instances if isinstance(i.check, PythonRule)]
            if not python:
                continue
            base = self._base(model)
            start = dict.fromkeys(model.leaves, 1)
            try:
                report = model.repair(start, base)
            except Unsatisfiable:
                continue
            for instance in python:
                rule = instance.check
                assert isinstance(rule, PythonRule)
                declared = instance.reads(model.cells)
                ctx = _recording_context(
                    report, self.engine.plan(model.template.id, model.year).params
                )
                # a crash is the consistent property's business; here only reads count
                with contextlib.suppress(Exception):
                    list(rule.function(ctx) or ())
                undeclared = sorted(set(ctx.values.read) - declared)  # type: ignore[attr-defined]
                if undeclared:
                    raise PropertyFailure(
                        f"{model.template.id}: Python rule {rule.id} reads "
                        f"{', '.join(undeclared[:6])} but declares only "
                        f"{', '.join(sorted(rule.reads)) or 'nothing'}",
                        [rule.id],
                        {},
                    )

    def monotone(self) -> None:
        if len(self.layers) < 2:
            return
        top = self.engine
        # every rule's failing cases are probes that make lower-layer rules fire
        for file in installed_case_files(self.checker):
            info = top.rules.get(file.rule)
            if info is None or info.layer not in self.layers or info.layer == self.layers[-1]:
                continue
            templates = {t.id: t for t in self.checker.templates}
            for case in file.case:
                if case.expect != "fail":
                    continue
                template_id = case.template or next(
                    (t for t in info.templates if t in templates), None
                )
                if template_id is None or template_id not in templates:
                    continue
                self._compare_layers(
                    case_report(templates[template_id], file, case),
                    f"case '{case.name}' of {file.rule}",
                )
        for model in self._generating():
            self._prove(
                st.tuples(leaf_values(model), report_meta(model.year), self._texts(model)),
                partial(self._monotone_one, model),
            )

    def _monotone_one(
        self, model: StackModel, draw: tuple[dict[str, Any], dict[str, Any], dict[str, str]]
    ) -> None:
        leaves, meta, texts = draw
        self._compare_layers(self._consistent(model, leaves, meta, texts), model.template.id)

    def _compare_layers(self, report: Report, label: str) -> None:
        """Every finding of each lower stack is in the full stack's result, with the same
        severity, unless a recorded disable or relevel explains the difference."""
        top = self.engine
        disabled = {a.target for a in top.adjustments if a.verb == "disable"}
        relevelled = {a.target for a in top.adjustments if a.verb == "relevel"}
        full = {_key(f): f for f in top.check(report).findings}
        for depth in range(1, len(self.layers)):
            stack = self.layers[:depth]
            for finding in self.checker.engine(stack).check(report).findings:
                if finding.rule_id in disabled:
                    continue
                match = full.get(_key(finding))
                if match is None:
                    raise PropertyFailure(
                        f"{label}: {finding.rule_id} ({finding.layer}) reports "
                        f"'{finding.message.en}' with layers {' + '.join(stack)}, but not "
                        f"once {self.layers[depth]} is added, and no recorded disable "
                        "explains it (a [[set]] that weakens the rule?)",
                        [finding.rule_id],
                        {},
                    )
                if match.severity is not finding.severity and finding.rule_id not in relevelled:
                    raise PropertyFailure(
                        f"{label}: {finding.rule_id} changes severity from "
                        f"{finding.severity.value} to {match.severity.value} without a "
                        "recorded relevel",
                        [finding.rule_id],
                        {},
                    )

    def round_trip(self) -> None:
        from disclosure_core.testing.render import Layout

        for model in self._generating():
            if model.template.extends is not None:
                continue  # rendering covers the formats the readers read

            self._prove(
                st.tuples(leaf_values(model), st.sampled_from([*Layout, "html"])),
                partial(self._round_trip_one, model),
            )

    def _round_trip_one(self, model: StackModel, draw: tuple[dict[str, Any], Any]) -> None:
        from disclosure_core.testing.render import SyntheticReport, render_html, render_text

        leaves, layout = draw
        report = self._consistent(model, leaves)
        if (
            report_from_dict(report_to_dict(report)) != report
            or report_from_json(report_to_json(report)) != report
        ):
            raise PropertyFailure(
                f"{model.template.id}: the report changes in a dict/JSON round trip"
            )
        values = {cell: c.value for cell, c in report.cells.items()}
        synthetic = SyntheticReport(model.template, "某县某局", model.year, None, values)
        if layout == "html":
            parsed = self.checker.reader.read(
                render_html(synthetic), name="x.html", template=model.template.id
            )
        else:
            parsed = self.checker.reader.read_text(
                render_text(synthetic, layout), template=model.template.id
            )
        wrong = {
            cell: (value, parsed.value(cell))
            for cell, value in values.items()
            if parsed.value(cell) != value
            and not (cell in parsed.cells and parsed.cells[cell].uncertain)
        }
        if wrong:
            raise PropertyFailure(
                f"{model.template.id}: {len(wrong)} cell(s) change when the report is "
                f"rendered as {layout} and read back: "
                + ", ".join(f"{c} {a}->{b}" for c, (a, b) in list(wrong.items())[:5]),
                [],
                _nonzero(leaves),
            )

    def deterministic(self) -> None:
        fresh = Engine([self.checker.layer(name) for name in self.layers], self.checker.templates)
        for model in self._generating():
            self._prove(
                st.tuples(leaf_values(model), st.integers(0, 10**6)),
                partial(self._deterministic_one, model, fresh),
            )

    def _deterministic_one(
        self, model: StackModel, fresh: Engine, draw: tuple[dict[str, Any], int]
    ) -> None:
        leaves, salt = draw
        report = self._consistent(model, leaves)
        rule_id = self.numeric[salt % len(self.numeric)] if self.numeric else None
        if rule_id is not None:
            report = next((m.report for m in mutations(model, report, rule_id)), report)
        first = [_key(f) for f in self.engine.check(report).findings]
        again = [_key(f) for f in self.engine.check(report).findings]
        other = [_key(f) for f in fresh.check(report).findings]
        if not first == again == other:
            raise PropertyFailure(
                f"{model.template.id}: the same report gave different "
                "findings (or order) on repeated checks",
                [],
            )

    def cases(self) -> None:
        problems = []
        for file in installed_case_files(self.checker):
            info = self.engine.rules.get(file.rule)
            if info is None or info.layer not in self.layers:
                continue
            for case in file.case:
                problem = check_case(self.checker, file, case)
                if problem:
                    problems.append((file.rule, f"{file.source}: {case.name}: {problem}"))
        if problems:
            raise PropertyFailure(
                "; ".join(p for _, p in problems[:5]), sorted({r for r, _ in problems})
            )


class _Recording(dict):  # type: ignore[type-arg]
    """A dict that remembers which keys were read."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        super().__init__(data)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.read.add(key)
        return super().__contains__(key)


def _recording_context(report: Report, params: Mapping[str, Any]) -> Context:
    from disclosure_core.rules.engine import make_context

    ctx = make_context(report, params)
    ctx.values = _Recording(ctx.values)
    recording_zero = _Recording(ctx.zero)
    recording_zero.read = ctx.values.read
    ctx.zero = recording_zero
    return ctx


def kit_for(
    plugins: Sequence[str] = (),
    *,
    checker: Checker | None = None,
    profile: str = "disclosure-ci",
    seed_value: int | None = None,
) -> list[ConformanceKit]:
    """One kit per layer: each named plugin on the layers beneath it (its parents and the
    national layer), or, when none is named, the national layer and every installed
    plugin layer. A name may be a layer name (``lingqiu``) or a distribution name
    (``disclosure-lingqiu``). Raises :class:`KeyError` for a name no plugin has.
    """
    checker = checker or Checker()
    names = list(plugins) or checker.layer_names()
    kits = []
    for name in names:
        stack = checker.chain(name if name == USER_LAYER else resolve_layer(checker, name))
        kits.append(ConformanceKit(checker, stack, profile=profile, seed_value=seed_value))
    return kits


def resolve_layer(checker: Checker, name: str) -> str:
    """The layer name of a plugin given by layer or distribution name."""
    manager = checker.manager
    layers = manager.layer_names()
    if name in layers:
        return name
    wanted = name.replace("_", "-").lower()
    for layer in layers:
        distribution = manager.distribution(layer)
        if distribution and distribution.replace("_", "-").lower() == wanted:
            return layer
    raise KeyError(
        f"no installed plugin forms a rule layer named {name!r} (layers: {', '.join(layers)})"
    )


__all__ = [
    "PROFILES",
    "ConformanceKit",
    "Property",
    "PropertyFailure",
    "Verdict",
    "kit_for",
    "resolve_layer",
]
