"""Hook specifications: everything a plugin can add to disclosure-core.

A plugin is a module or object with functions marked ``@hookimpl`` (from
``disclosure_core.plugins``), found through the entry-point group
``disclosure_core`` or passed explicitly. The national templates and rulesets are
loaded through these same hooks by the built-in plugin ``disclosure_core.national``.

Every ``register_*`` hook returns a list (or ``None``); the results of all plugins are
gathered. ``describe_plugin`` is called once per plugin. No hook is ``firstresult``:
plugins add things, they never replace what another plugin registered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from disclosure_core.plugins import (
        CollectionRule,
        Jurisdiction,
        PluginDescription,
        TemplateExtension,
        WriterSpec,
    )
    from disclosure_core.readers import ReaderSpec
    from disclosure_core.rules.engine import PythonRule
    from disclosure_core.templates.spec import TemplateSpec

hookspec = pluggy.HookspecMarker("disclosure_core")


@hookspec
def describe_plugin() -> PluginDescription | None:
    """Describe the plugin: its layer name, level and parent layer.

    Called once per plugin when the plugin manager builds a rule stack. ``level`` orders
    the layers (``national`` 0, ``province`` 1, ``city`` 2, ``county`` 3); a county
    plugin names its province plugin as ``parent`` so it is stacked on top of it.

    :returns: a :class:`~disclosure_core.plugins.PluginDescription`, or ``None`` for a
        plugin that adds readers or writers only (it then forms no rule layer).
    """


@hookspec
def register_templates() -> Sequence[TemplateSpec | TemplateExtension] | None:
    """Register report templates, or extensions of registered ones.

    A :class:`~disclosure_core.templates.spec.TemplateSpec` is a whole format; a
    :class:`~disclosure_core.plugins.TemplateExtension` derives a new template from an
    existing one by adding sections (e.g. Shanxi's 政务公开工作要点落实情况) or rows.

    Called once when the plugin manager is built, for every plugin.
    """


@hookspec
def register_rulesets() -> Sequence[Any] | None:
    """Register ruleset files (TOML) of the plugin's layer.

    Return paths or :mod:`importlib.resources` traversables of files inside the plugin
    package. They may add rules and use the layering verbs ``[[set]]``,
    ``[[relevel]]`` and ``[[disable]]`` on rules and parameters of lower layers.

    Called once per plugin when its layer is built.
    """


@hookspec
def register_rules() -> Sequence[PythonRule] | None:
    """Register rules written in Python, with the same metadata as TOML rules.

    Each :class:`~disclosure_core.rules.engine.PythonRule` declares the cells it
    reads (``reads``); the conformance kit checks the declaration.
    """


@hookspec
def register_collection_rules() -> Sequence[CollectionRule] | None:
    """Register rules that see every report of a run at once.

    A :class:`~disclosure_core.plugins.CollectionRule` receives all reports of a batch
    (e.g. every report a county received for a year) and returns findings about the
    collection: units that filed nothing now; cross-year and roll-up checks later.
    Called after every report of a run has been checked.
    """


@hookspec
def register_readers() -> Sequence[ReaderSpec] | None:
    """Register readers for other source formats (a PDF or DOCX reader, say).

    Readers are chosen by an explicit format, then by file suffix, then by sniffing;
    plugin readers are consulted before the built-in ones.
    """


@hookspec
def register_writers() -> Sequence[WriterSpec] | None:
    """Register output writers for ``disclosure check --format NAME``."""


@hookspec
def register_jurisdictions() -> Sequence[Jurisdiction] | None:
    """Say which reports the plugin's layer applies to.

    A :class:`~disclosure_core.plugins.Jurisdiction` matches reports by division code
    prefix (``14`` for Shanxi, ``140224`` for 灵丘县) or by place names found in the
    issuing body's name (山西省, 大同市, 灵丘县, and the names of its townships), and by
    reporting year. A plugin that registers no jurisdiction applies to every report.
    """


@hookspec
def register_rule_cases() -> Sequence[Any] | None:
    """Register per-rule test case files (TOML, see ``disclosure_core.testing.cases``).

    Every rule of the plugin's layer should have a case file with at least one case that
    passes and one that fails with exactly that rule; the conformance kit and the pytest
    plugin run them. Return paths or :mod:`importlib.resources` traversables.
    """


@hookspec
def register_strategies() -> dict[str, Any] | None:
    """Register Hypothesis strategies for the plugin's own sections.

    Return ``{section_id: strategy}``; each strategy draws the text of that section.
    The conformance kit uses them to generate reports for the plugin's templates.
    """
