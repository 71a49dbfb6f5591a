"""The plugin manager facade: which plugins load, and the rule stack for a report.

One :class:`PluginManager` per engine, no global state. Integrators choose what loads:
an explicit list of plugin objects, a block list of names, and whether entry points
(group ``disclosure_core``) are read at all. Hook implementations that match no hook
specification (a misspelt hook) are rejected.

Layers stack by level (national, province, city, county). Which layers check a report
is decided by *jurisdiction*: from the division code or the place names in the issuing
body's name; a county layer brings its province (its ``parent``) along.
"""

from __future__ import annotations

import enum
import importlib.metadata
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

import pluggy
from attrs import evolve, field, frozen

from disclosure_core import hookspecs
from disclosure_core.errors import DisclosureError
from disclosure_core.findings import Finding, Message, Severity, Status
from disclosure_core.model.report import Report
from disclosure_core.readers import ReaderSpec
from disclosure_core.rules.engine import LayerSpec, PythonRule
from disclosure_core.rules.loader import LoadedRuleset, RulesetError, load_ruleset_text
from disclosure_core.rules.model import YearRange
from disclosure_core.templates.spec import RowSpec, SectionSpec, TemplateSpec

ENTRY_POINT_GROUP = "disclosure_core"
hookimpl = pluggy.HookimplMarker("disclosure_core")


class PluginError(DisclosureError):
    """A plugin could not be loaded or registered something invalid."""


class Level(str, enum.Enum):
    """Where a layer sits in the stack."""

    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    OTHER = "other"

    @property
    def order(self) -> int:
        return {"national": 0, "province": 1, "city": 2, "county": 3, "other": 4}[self.value]


@frozen
class PluginDescription:
    """What a plugin's layer is: its name, level, and the layer it builds on."""

    name: str
    level: Level
    title: str = ""
    parent: str | None = None


@frozen
class Jurisdiction:
    """Reports a layer applies to: division-code prefixes, place names found in the
    body's name, and the reporting years. ``code`` is the division code a report gets
    when it matches by a place name (e.g. 灵丘县 -> 140224)."""

    name: str
    codes: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    years: YearRange = field(factory=YearRange)
    code: str | None = None

    def matches(self, report: Report, forced: str | None = None) -> bool:
        """Whether the report falls in this jurisdiction (``forced``: a user override)."""
        if not self.years.covers(report.meta.year):
            return False
        if forced is not None:
            return any(
                forced.startswith(code) or code.startswith(forced) for code in self.codes
            ) or forced in (self.name, *self.places)
        code = report.meta.division_code
        if code and any(code.startswith(prefix) for prefix in self.codes):
            return True
        text = (report.meta.body or "") + (report.meta.title or "")
        return any(place in text for place in self.places)


@frozen
class TemplateExtension:
    """A template derived from a registered one: extra sections and rows.

    Used for a province's report format (``shanxi-2022`` = ``national-2021`` + a section
    on the year's 政务公开工作要点). It applies to reports of the plugin's jurisdiction
    whose base template is ``extends`` and whose year is in ``years``.
    """

    id: str
    extends: str
    title: str
    basis: str
    sections: tuple[SectionSpec, ...] = ()
    rows: tuple[tuple[str, RowSpec], ...] = ()  # (table ID, row) added at the table's end
    years: YearRange = field(factory=YearRange)


@frozen
class CollectionViolation:
    """A finding of a collection rule, before it becomes a Finding."""

    message_values: Mapping[str, Any] = field(factory=dict)
    source: str | None = None


@frozen
class CollectionRule:
    """A rule over all reports of a run (``function(reports, params) -> violations``)."""

    id: str
    severity: Severity
    title: Message
    message: Message
    basis: str
    function: Callable[[Sequence[Report], Mapping[str, Any]], Iterable[CollectionViolation]]
    doc: str = ""


@frozen
class WriterSpec:
    """An output format for check results: ``write(outcomes, out, collection)``, where
    each outcome (:class:`~disclosure_core.checker.Outcome`) holds a source, its report
    and result, or the error that kept it from being read, and ``collection`` holds the
    findings of collection rules about the run as a whole (often empty)."""

    name: str
    write: Callable[[Sequence[Any], TextIO, Sequence[Finding]], None]
    description: str = ""


@frozen
class PluginInfo:
    """What ``disclosure plugins`` lists about one plugin."""

    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]
    level: str | None
    parent: str | None
    jurisdictions: tuple[str, ...]
    rulesets: tuple[str, ...]
    rules: int
    templates: tuple[str, ...]


@frozen
class HookFailure:
    """A plugin's hook that raised: it becomes a finding of every affected result."""

    plugin: str
    hook: str
    error: str


def _plugin_name(pm: pluggy.PluginManager, plugin: object) -> str:
    return str(pm.get_name(plugin) or getattr(plugin, "__name__", repr(plugin)))


class PluginManager:
    """Loads plugins and answers what they registered.

    :param plugins: plugin objects (modules or instances) to register explicitly.
    :param entry_points: read plugins from the ``disclosure_core`` entry-point group.
    :param block: names of plugins (entry-point names) not to load.
    :param builtin: register the built-in national plugin (tests may turn it off).
    """

    def __init__(
        self,
        plugins: Sequence[object] = (),
        *,
        entry_points: bool = True,
        block: Iterable[str] = (),
        builtin: bool = True,
    ) -> None:
        pm = pluggy.PluginManager("disclosure_core")
        pm.add_hookspecs(hookspecs)
        for name in block:
            pm.set_blocked(name)
        if builtin:
            from disclosure_core import national

            pm.register(national, name="national")
        if entry_points:
            try:
                pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
            except Exception as exc:
                raise PluginError(f"loading plugins from entry points failed: {exc}") from exc
        for plugin in plugins:
            name = getattr(plugin, "__name__", None) or type(plugin).__name__
            if pm.is_blocked(name) or pm.is_registered(plugin):
                continue
            pm.register(plugin, name=name if pm.get_plugin(name) is None else None)
        try:
            pm.check_pending()
        except pluggy.PluginValidationError as exc:
            raise PluginError(f"plugin {exc.plugin!r} implements an unknown hook: {exc}") from None
        self.pm = pm
        self.failures: list[HookFailure] = []
        self._collected: dict[tuple[str, str], Any] = {}

    # ------------------------------------------------------------------ hooks

    def _call(self, hook: str, plugin: object) -> Any:
        """Call one plugin's implementation of a hook, recording a failure."""
        name = _plugin_name(self.pm, plugin)
        key = (name, hook)
        if key in self._collected:
            return self._collected[key]
        result = None
        for impl in getattr(self.pm.hook, hook).get_hookimpls():
            if impl.plugin is plugin:
                try:
                    result = impl.function()
                except Exception as exc:
                    self.failures.append(HookFailure(name, hook, f"{type(exc).__name__}: {exc}"))
                    result = None
                break
        self._collected[key] = result
        return result

    def plugins(self) -> list[tuple[str, object]]:
        """Registered plugins, by name, in registration order."""
        # get_plugins() is a set; list_name_plugin() keeps the order of registration,
        # which decides e.g. which of two plugins' readers is asked first
        return [(name, p) for name, p in self.pm.list_name_plugin() if p is not None]

    def _gather(self, hook: str) -> list[tuple[str, Any]]:
        """Every plugin's results of a hook, with the plugin's layer name."""
        out: list[tuple[str, Any]] = []
        for _, plugin in self.plugins():
            result = self._call(hook, plugin)
            if result:
                name = self.layer_name(plugin)
                out.extend((name, item) for item in result)
        return out

    def _describe(self, plugin: object) -> PluginDescription | None:
        result = self._call("describe_plugin", plugin)
        return result if isinstance(result, PluginDescription) else None

    def _layers(self) -> dict[str, object]:
        """Layer name (from ``describe_plugin``) -> plugin object."""
        layers: dict[str, object] = {}
        for registered, plugin in self.plugins():
            description = self._describe(plugin)
            if description is None:
                continue
            if description.name in layers:
                raise PluginError(
                    f"two plugins describe the layer {description.name!r} "
                    f"(one of them is {registered})"
                )
            layers[description.name] = plugin
        return layers

    def plugin_for(self, name: str) -> object | None:
        """The plugin of a layer name, or of a registration name."""
        return self._layers().get(name) or self.pm.get_plugin(name)

    def layer_name(self, plugin: object) -> str:
        """The layer name of a plugin (its registration name if it describes none)."""
        description = self._describe(plugin)
        return description.name if description else _plugin_name(self.pm, plugin)

    def description(self, name: str) -> PluginDescription | None:
        plugin = self.plugin_for(name)
        return self._describe(plugin) if plugin is not None else None

    def jurisdictions(self, name: str) -> tuple[Jurisdiction, ...]:
        plugin = self.plugin_for(name)
        return tuple(self._call("register_jurisdictions", plugin) or ()) if plugin else ()

    # ------------------------------------------------------------------ registered things

    def templates(self) -> list[TemplateSpec]:
        """Every template: registered ones, and extensions derived from them."""
        bases: dict[str, TemplateSpec] = {}
        extensions: list[TemplateExtension] = []
        for plugin, item in self._gather("register_templates"):
            if isinstance(item, TemplateSpec):
                if item.id in bases:
                    raise PluginError(f"{plugin}: template {item.id!r} is already registered")
                bases[item.id] = item
            elif isinstance(item, TemplateExtension):
                extensions.append(item)
            else:
                raise PluginError(f"{plugin}: register_templates returned {type(item).__name__}")
        out = dict(bases)
        for extension in extensions:
            base = out.get(extension.extends)
            if base is None:
                raise PluginError(
                    f"template extension {extension.id!r} extends unknown "
                    f"template {extension.extends!r}"
                )
            out[extension.id] = extend_template(base, extension)
        return list(out.values())

    def extensions(self) -> list[tuple[str, TemplateExtension]]:
        """Template extensions with the plugin that registered each."""
        return [
            (name, item)
            for name, item in self._gather("register_templates")
            if isinstance(item, TemplateExtension)
        ]

    def readers(self) -> list[ReaderSpec]:
        """Plugin readers first, then the built-in ones."""
        gathered = [item for name, item in self._gather("register_readers") if name != "national"]
        builtin = [item for name, item in self._gather("register_readers") if name == "national"]
        return gathered + builtin

    def writers(self) -> dict[str, WriterSpec]:
        return {item.name: item for _, item in self._gather("register_writers")}

    def strategies(self) -> dict[str, Any]:
        """Every plugin's Hypothesis strategies for its sections, by section ID."""
        out: dict[str, Any] = {}
        for _, strategies in self.strategies_by_plugin():
            out.update(strategies)
        return out

    def strategies_by_plugin(self) -> list[tuple[str, dict[str, Any]]]:
        """``(layer name, {section_id: strategy})`` for each plugin that registers any."""
        out = []
        for _, plugin in self.plugins():
            result = self._call("register_strategies", plugin)
            if result:
                out.append((self.layer_name(plugin), dict(result)))
        return out

    def collection_rules(self) -> list[tuple[str, CollectionRule]]:
        return self._gather("register_collection_rules")

    def layer(self, name: str) -> LayerSpec:
        """The rule layer of one plugin: its rulesets and Python rules."""
        plugin = self.plugin_for(name)
        if plugin is None:
            raise PluginError(f"no plugin named {name!r}")
        rulesets = []
        for entry in self._call("register_rulesets", plugin) or ():
            rulesets.append(_load_entry(entry, name))
        rules = tuple(self._call("register_rules", plugin) or ())
        for rule in rules:
            if not isinstance(rule, PythonRule):
                raise PluginError(f"{name}: register_rules returned {type(rule).__name__}")
        return LayerSpec(name, self.version(name) or "0", tuple(rulesets), rules)

    def rule_cases(self) -> list[tuple[str, Any]]:
        """Per-rule case files registered by each plugin."""
        return self._gather("register_rule_cases")

    def layer_chain(self, name: str) -> list[str]:
        """A layer with the layers beneath it (its parents and national), bottom first."""
        chain: list[str] = []
        current: str | None = name
        while current is not None and current not in chain:
            chain.append(current)
            description = self.description(current)
            current = description.parent if description else None
        chain.extend(n for n in self.layer_names() if n not in chain and self._is_national(n))
        return [n for n in self.layer_names() if n in chain]

    def _is_national(self, name: str) -> bool:
        description = self.description(name)
        return description is not None and description.level is Level.NATIONAL

    def version(self, name: str) -> str | None:
        if name == "national":
            from disclosure_core import __version__

            return __version__
        target = self.plugin_for(name)
        for plugin, dist in _distributions(self.pm):
            if plugin is target:
                return str(dist.version)
        return getattr(target, "__version__", None)

    def distribution(self, name: str) -> str | None:
        if name == "national":
            return "disclosure-core"
        target = self.plugin_for(name)
        for plugin, dist in _distributions(self.pm):
            if plugin is target:
                return str(getattr(dist, "project_name", None) or dist.metadata["Name"])
        return None

    def layer_names(self) -> list[str]:
        """Plugins that form rule layers, in stacking order (national first)."""
        described = []
        for name, plugin in self._layers().items():
            description = self._describe(plugin)
            assert description is not None
            described.append((description.level.order, name))
        return [name for _, name in sorted(described)]

    def stack_for(self, report: Report, forced: str | None = None) -> list[str]:
        """The layers that check ``report``: national, then the matching jurisdictions
        (each with its parent chain), by level."""
        chosen: set[str] = set()
        for name in self.layer_names():
            description = self.description(name)
            assert description is not None
            jurisdictions = self.jurisdictions(name)
            if not jurisdictions or any(j.matches(report, forced) for j in jurisdictions):
                chosen.add(name)
                parent = description.parent
                while parent is not None and parent not in chosen:
                    chosen.add(parent)
                    parent_description = self.description(parent)
                    parent = parent_description.parent if parent_description else None
        return [name for name in self.layer_names() if name in chosen]

    def division_code(self, report: Report, stack: Sequence[str], forced: str | None) -> str | None:
        """The most specific division code the matching jurisdictions give the report."""
        if report.meta.division_code:
            return report.meta.division_code
        if forced is not None and forced.isascii() and forced.isdigit():
            return forced
        best: str | None = None
        # later layers are more specific (county after province): they win ties, and a
        # code ending in fewer zeros (140224) is more specific than its city's (140200)
        for name in stack:
            for jurisdiction in self.jurisdictions(name):
                code = jurisdiction.code
                if (
                    code
                    and jurisdiction.matches(report, forced)
                    and (best is None or len(code.rstrip("0")) >= len(best.rstrip("0")))
                ):
                    best = code
        return best

    def info(self) -> list[PluginInfo]:
        """Everything ``disclosure plugins`` shows."""
        out = []
        for _, plugin in self.plugins():
            name = self.layer_name(plugin)
            hooks = tuple(sorted(caller.name for caller in self.pm.get_hookcallers(plugin) or ()))
            description = self._describe(plugin)
            layer = self.layer(name) if description is not None else None
            templates = tuple(t.id for t in (self._call("register_templates", plugin) or ()))
            out.append(
                PluginInfo(
                    name=name,
                    distribution=self.distribution(name),
                    version=self.version(name),
                    hooks=hooks,
                    level=description.level.value if description else None,
                    parent=description.parent if description else None,
                    jurisdictions=tuple(j.name for j in self.jurisdictions(name)),
                    rulesets=tuple(r.spec.id for r in layer.rulesets) if layer else (),
                    rules=(sum(len(r.spec.rule) for r in layer.rulesets) + len(layer.python_rules))
                    if layer
                    else 0,
                    templates=templates,
                )
            )
        return out

    def failure_findings(self, stack: Sequence[str]) -> list[Finding]:
        """Findings for hooks of these layers that raised (the result is incomplete)."""
        return [
            Finding(
                rule_id="PLUGIN-HOOK-FAILED",
                severity=Severity.ERROR,
                message=Message(
                    f"插件 {failure.plugin} 的 {failure.hook} 运行失败：{failure.error}",
                    f"plugin {failure.plugin}: hook {failure.hook} failed: {failure.error}",
                ),
                basis="（插件运行说明）",
                layer=failure.plugin,
                ruleset=f"{failure.plugin}:{failure.hook}",
                status=Status.CRASH,
            )
            for failure in self.failures
            if failure.plugin in stack or failure.plugin not in self.layer_names()
        ]


def _distributions(pm: pluggy.PluginManager) -> list[tuple[object, Any]]:
    lister = getattr(pm, "list_plugin_distributions", None) or pm.list_plugin_distinfo
    return list(lister())


def _load_entry(entry: Any, plugin: str) -> LoadedRuleset:
    """Load a ruleset a plugin registered: a path or an importlib.resources traversable."""
    name = getattr(entry, "name", str(entry))
    source = f"{plugin}:{name}"
    try:
        if isinstance(entry, (str, Path)):
            path = Path(entry)
            text = path.read_text(encoding="utf-8")
            source = f"{plugin}:{path}"
        else:
            text = entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesetError(source, [f"cannot read: {exc}"]) from None
    return load_ruleset_text(text, source=source)


def extend_template(base: TemplateSpec, extension: TemplateExtension) -> TemplateSpec:
    """A new template: ``base`` plus the extension's sections and rows."""
    sections = (*base.sections, *extension.sections)
    tables = []
    for table in base.tables:
        added = tuple(row for table_id, row in extension.rows if table_id == table.id)
        tables.append(evolve(table, rows=(*table.rows, *added)) if added else table)
    return evolve(
        base,
        id=extension.id,
        title=extension.title,
        basis=f"{base.basis}; {extension.basis}",
        sections=sections,
        tables=tuple(tables),
        extends=base.id,
        first_year=extension.years.from_ or base.first_year,
        last_year=extension.years.to if extension.years.to is not None else base.last_year,
    )


def distributions_of(group: str = ENTRY_POINT_GROUP) -> list[str]:
    """Names of installed distributions that offer plugins (for diagnostics)."""
    found = []
    for entry_point in importlib.metadata.entry_points(group=group):
        dist = getattr(entry_point, "dist", None)
        found.append(dist.name if dist is not None else entry_point.name)
    return found
