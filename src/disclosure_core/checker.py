"""Read and check reports with the installed plugins: the pipeline in one object.

>>> from disclosure_core.checker import Checker
>>> checker = Checker()                       # national rules + installed plugins
>>> outcome = checker.check_path("report.txt")  # doctest: +SKIP
>>> outcome.result.valid, [f.rule_id for f in outcome.result.findings]  # doctest: +SKIP

A :class:`Checker` holds one plugin manager and one engine per rule stack (national;
national + Shanxi; national + Shanxi + Lingqiu …), built on first use and reused.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from attrs import evolve, frozen

from disclosure_core.api import ReportReader
from disclosure_core.errors import AttachedReportError, DisclosureError, InputError
from disclosure_core.findings import Adjustment, Finding, Message, Result, Severity
from disclosure_core.model.report import NoteCode, ParseNote, Report
from disclosure_core.plugins import Level, PluginDescription, PluginManager
from disclosure_core.readers.document import Document
from disclosure_core.rules.engine import Engine, LayerSpec, RuleInfo
from disclosure_core.rules.loader import RulesetError, load_ruleset_file

#: Province-level divisions (GB/T 2260, first two digits), to tell a user when a report
#: names a province no installed plugin covers. Geography, not rules: the core still
#: knows no province's requirements.
PROVINCES: dict[str, str] = {
    "北京": "11",
    "天津": "12",
    "河北": "13",
    "山西": "14",
    "内蒙古": "15",
    "辽宁": "21",
    "吉林": "22",
    "黑龙江": "23",
    "上海": "31",
    "江苏": "32",
    "浙江": "33",
    "安徽": "34",
    "福建": "35",
    "江西": "36",
    "山东": "37",
    "河南": "41",
    "湖北": "42",
    "湖南": "43",
    "广东": "44",
    "广西": "45",
    "海南": "46",
    "重庆": "50",
    "四川": "51",
    "贵州": "52",
    "云南": "53",
    "西藏": "54",
    "陕西": "61",
    "甘肃": "62",
    "青海": "63",
    "宁夏": "64",
    "新疆": "65",
    "台湾": "71",
    "香港": "81",
    "澳门": "82",
}

USER_LAYER = "user"


@frozen
class RuleCatalog:
    """Every installed rule (by ID, in layer order) and the adjustments layers make."""

    rules: Mapping[str, RuleInfo]
    adjustments: tuple[Adjustment, ...]
    layers: tuple[str, ...]

    def adjustments_of(self, rule_id: str) -> tuple[Adjustment, ...]:
        """The relevels and disables upper layers apply to a rule."""
        return tuple(a for a in self.adjustments if a.target == rule_id)


@frozen
class Outcome:
    """What happened to one input: a result, or an error that kept it from being read
    (with ``attachments``, ``(link text, href)``, when the input was a page that only
    links to its report: see :class:`~disclosure_core.errors.AttachedReportError`)."""

    source: str
    report: Report | None = None
    result: Result | None = None
    error: str | None = None
    attachments: tuple[tuple[str, str], ...] = ()


class Checker:
    """Reads and checks reports with the national rules and the installed plugins.

    :param plugins: plugin objects to register in addition to entry points.
    :param entry_points: load plugins from the ``disclosure_core`` entry-point group.
    :param block: plugin names not to load.
    :param rulesets: extra ruleset files, stacked on top as the ``user`` layer.
    :param jurisdiction: a division code or place name that overrides what the
        report's own name says (``--jurisdiction``).
    """

    def __init__(
        self,
        plugins: Sequence[object] = (),
        *,
        entry_points: bool = True,
        block: Iterable[str] = (),
        rulesets: Sequence[Path] = (),
        jurisdiction: str | None = None,
    ) -> None:
        self.manager = PluginManager(plugins, entry_points=entry_points, block=block)
        self.templates = self.manager.templates()
        extension_ids = {ext.id for _, ext in self.manager.extensions()}
        self.reader = ReportReader(
            self.templates,
            self.manager.readers(),
            detectable=[t.id for t in self.templates if t.id not in extension_ids],
        )
        self.jurisdiction = jurisdiction
        self._user_rulesets = tuple(load_ruleset_file(Path(p)) for p in rulesets)
        self._layers: dict[str, LayerSpec] = {}
        self._engines: dict[tuple[str, ...], Engine] = {}
        self._catalog: RuleCatalog | None = None
        self._ids_checked = False
        self.uncovered: dict[str, int] = {}

    # ------------------------------------------------------------------ engines

    def layer(self, name: str) -> LayerSpec:
        if name not in self._layers:
            if name == USER_LAYER:
                self._layers[name] = LayerSpec(USER_LAYER, "0", self._user_rulesets)
            else:
                self._layers[name] = self.manager.layer(name)
        return self._layers[name]

    def engine(self, stack: Sequence[str]) -> Engine:
        """The engine for a rule stack (built once)."""
        key = tuple(stack)
        engine = self._engines.get(key)
        if engine is None:
            if not self._ids_checked:
                self._check_unique_rule_ids(self.layer_names())
            engine = Engine([self.layer(name) for name in key], self.templates)
            self._engines[key] = engine
        return engine

    def layer_names(self) -> list[str]:
        """Every layer: the national one, the plugins' in registration order, and the
        ``user`` layer last when extra ruleset files were given (``--ruleset``)."""
        names = self.manager.layer_names()
        if self._user_rulesets:
            names.append(USER_LAYER)
        return names

    def chain(self, layer: str) -> list[str]:
        """The stack a layer's rules run in: the layer on the layers beneath it. The
        ``user`` layer (``--ruleset``) sits on the national layer here."""
        if layer == USER_LAYER:
            return [n for n in self.manager.layer_names() if n == "national"] + [USER_LAYER]
        return self.manager.layer_chain(layer)

    def catalog(self) -> RuleCatalog:
        """Every rule of every layer, each as its own layer's stack defines it, and
        every adjustment layers make to the rules beneath them.

        Sibling layers (two county plugins) are never stacked together — no report
        is in both counties — so each may declare its own parameters; rule IDs must
        still be unique across all layers (:class:`RulesetError` otherwise).
        """
        if self._catalog is None:
            names = self.layer_names()
            self._check_unique_rule_ids(names)
            rules: dict[str, RuleInfo] = {}
            adjustments: list[Adjustment] = []
            for name in names:
                engine = self.engine(self.chain(name))
                for rule_id, info in engine.rules.items():
                    if info.layer == name:
                        rules[rule_id] = info
                adjustments.extend(a for a in engine.adjustments if a.layer == name)
            # rules and adjustments are in layer order: each layer is visited once
            self._catalog = RuleCatalog(rules, tuple(adjustments), tuple(names))
        return self._catalog

    def _check_unique_rule_ids(self, names: Sequence[str]) -> None:
        """A rule ID is never used by two layers, even layers never stacked together."""
        owners: dict[str, tuple[str, str]] = {}
        for name in names:
            layer = self.layer(name)
            ids = [(rule.id, r.source) for r in layer.rulesets for rule in r.spec.rule]
            ids += [(rule.id, f"{name}:register_rules") for rule in layer.python_rules]
            for rule_id, source in ids:
                owner = owners.get(rule_id)
                if owner is not None and owner[0] != name:
                    raise RulesetError(
                        source,
                        [
                            f"rule ID {rule_id!r} is already used by layer {owner[0]} "
                            f"({owner[1]}); rule IDs are never reused"
                        ],
                    )
                owners.setdefault(rule_id, (name, source))
        self._ids_checked = True

    def stack_for(self, report: Report) -> list[str]:
        names = self.manager.stack_for(report, self.jurisdiction)
        if self._user_rulesets:
            names.append(USER_LAYER)
        return names

    # ------------------------------------------------------------------ pipeline

    def read(
        self,
        source: str | Path | bytes,
        *,
        name: str | None = None,
        format: str | None = None,
        template: str | None = None,
    ) -> Report:
        """Read a report with the installed plugins' readers and templates, and fit it
        to its jurisdiction (division code; a plugin template extending the detected
        one). ``format`` forces a reader, ``template`` a template (then no refit)."""
        label = name or (source if isinstance(source, (str, Path)) else "<bytes>")
        document = self.reader.document(source, name=str(label), format=format)
        report = self.reader.recognize(document, template=template)
        return self.fit(report, None if template is not None else document)

    def fit(self, report: Report, document: Document | None = None) -> Report:
        """Give a report its division code and, where a plugin's template extends the
        detected one for this jurisdiction and year, re-read it with that template."""
        stack = self.stack_for(report)
        code = self.manager.division_code(report, stack, self.jurisdiction)
        if code and code != report.meta.division_code:
            report = evolve(report, meta=evolve(report.meta, division_code=code))
        if document is None:
            return report
        for plugin, extension in self.manager.extensions():
            if (
                plugin in stack
                and extension.extends == report.template
                and extension.years.covers(report.meta.year)
            ):
                refit = self.reader.recognize(document, template=extension.id)
                # keep why the base template was detected, and say what was done
                again = {(n.code, n.variant, n.element) for n in refit.notes}
                detected = tuple(
                    n
                    for n in report.notes
                    if n.code is NoteCode.TEMPLATE and (n.code, n.variant, n.element) not in again
                )
                extended = ParseNote(
                    NoteCode.TEMPLATE,
                    f"read with {extension.id} ({plugin}): {extension.title}",
                    found=extension.id,
                    variant="extension",
                )
                refit = evolve(refit, notes=(*detected, extended, *refit.notes))
                return evolve(refit, meta=evolve(refit.meta, division_code=code)) if code else refit
        return report

    def check(self, report: Report) -> Result:
        """Check a report with the stack its jurisdiction calls for."""
        stack = self.stack_for(report)
        result = self.engine(stack).check(report)
        extra = self.manager.failure_findings(stack)
        uncovered = self._uncovered(report, stack)
        if uncovered is not None:
            extra.append(uncovered)
        if extra:
            complete = result.complete and not any(f.rule_id == "PLUGIN-HOOK-FAILED" for f in extra)
            result = evolve(result, findings=(*result.findings, *extra), complete=complete)
        return result

    def check_path(self, source: str | Path) -> Outcome:
        """Read and check one file; an unreadable file gives an outcome with an error."""
        label = str(source)
        try:
            report = self.read(source)
        except AttachedReportError as exc:
            return Outcome(label, error=str(exc), attachments=exc.attachments)
        except InputError as exc:
            return Outcome(label, error=str(exc))
        except DisclosureError as exc:
            return Outcome(label, error=f"{label}: {exc}")
        return Outcome(label, report, self.check(report))

    def check_paths(self, sources: Iterable[str | Path]) -> Iterator[Outcome]:
        for source in sources:
            yield self.check_path(source)

    def check_collection(self, reports: Sequence[Report]) -> list[Finding]:
        """Run every collection rule of the layers that apply to these reports."""
        layers: set[str] = set()
        for report in reports:
            layers.update(self.stack_for(report))
        findings: list[Finding] = []
        for plugin, rule in self.manager.collection_rules():
            if plugin not in layers:
                continue
            params = self.engine(self.chain(plugin)).params_for(
                max((r.meta.year or 0 for r in reports), default=None) or None
            )
            try:
                violations = list(rule.function(reports, params))
            except Exception as exc:
                findings.append(
                    Finding(
                        rule.id,
                        Severity.ERROR,
                        Message(
                            f"规则 {rule.id} 未能运行：{exc}",
                            f"rule {rule.id} could not run: {exc}",
                        ),
                        rule.basis,
                        plugin,
                        f"{plugin}:collection",
                        rule.title,
                    )
                )
                continue
            from disclosure_core.rules.compile import fill_message

            findings.extend(
                Finding(
                    rule.id,
                    rule.severity,
                    fill_message(rule.message, v.message_values),
                    rule.basis,
                    plugin,
                    f"{plugin}:collection",
                    rule.title,
                )
                for v in violations
            )
        return findings

    def _uncovered(self, report: Report, stack: Sequence[str]) -> Finding | None:
        """An info finding when the report names a province no plugin layer covers."""
        text = (report.meta.body or "") + (report.meta.title or "")
        named = next((name for name in PROVINCES if name in text), None)
        if named is None:
            return None
        descriptions = [self.manager.description(n) for n in stack]
        if any(
            isinstance(d, PluginDescription) and d.level is not Level.NATIONAL for d in descriptions
        ):
            return None
        self.uncovered[named] = self.uncovered.get(named, 0) + 1
        return Finding(
            "CORE-JURISDICTION",
            Severity.INFO,
            Message(
                f"报告属于{named}，未安装该地区的插件，仅按全国规则检查",
                f"the report is from {named}; no installed plugin covers it, so only "
                "national rules ran",
            ),
            "（检查范围说明）",
            "core",
            "core",
        )
