"""The built-in national layer: the national templates and rulesets, as a layer."""

from __future__ import annotations

from importlib import resources

from disclosure_core.rules.engine import LayerSpec
from disclosure_core.rules.loader import LoadedRuleset, load_ruleset_text

NATIONAL_LAYER = "national"


def national_rulesets() -> tuple[LoadedRuleset, ...]:
    """The rulesets shipped in ``disclosure_core.rulesets`` (the top-level rulesets/)."""
    root = resources.files("disclosure_core.rulesets")
    loaded = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml") and entry.is_file():
            text = entry.read_text(encoding="utf-8")
            loaded.append(load_ruleset_text(text, source=f"rulesets/{entry.name}"))
    return tuple(loaded)


def national_layer(version: str) -> LayerSpec:
    """The national rules as the first layer of every stack."""
    return LayerSpec(NATIONAL_LAYER, version, national_rulesets())
