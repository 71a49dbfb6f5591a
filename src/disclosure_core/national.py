"""The built-in plugin: national templates, rulesets, readers and writers.

It is registered like any other plugin (through the hooks in ``hookspecs.py``), so
the core itself knows no format or rule that a plugin could not provide.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from typing import Any

from disclosure_core.plugins import Level, PluginDescription, WriterSpec, hookimpl
from disclosure_core.readers import BUILTIN_READERS, ReaderSpec
from disclosure_core.templates import TemplateSpec, builtin_template_paths, load_template_file


@hookimpl
def describe_plugin() -> PluginDescription:
    return PluginDescription(
        "national", Level.NATIONAL, "全国统一格式（国办公开办函〔2021〕30号、〔2019〕60号）"
    )


@hookimpl
def register_templates() -> list[TemplateSpec]:
    return [load_template_file(path) for path in builtin_template_paths()]


@hookimpl
def register_rulesets() -> list[Any]:
    root = resources.files("disclosure_core.rulesets")
    return sorted(
        (entry for entry in root.iterdir() if entry.name.endswith(".toml") and entry.is_file()),
        key=lambda entry: entry.name,
    )


@hookimpl
def register_rule_cases() -> list[Any]:
    root = resources.files("disclosure_core.rulesets") / "cases"
    return sorted(
        (entry for entry in root.iterdir() if entry.name.endswith(".toml")),
        key=lambda entry: entry.name,
    )


@hookimpl
def register_readers() -> Sequence[ReaderSpec]:
    return BUILTIN_READERS


@hookimpl
def register_writers() -> list[WriterSpec]:
    from disclosure_core.writers import results

    return [
        WriterSpec("text", results.write_text, "findings grouped by report, for people"),
        WriterSpec("json", results.write_json, "the canonical machine form (a public contract)"),
        WriterSpec("sarif", results.write_sarif, "SARIF 2.1.0 for code-review and CI systems"),
    ]
