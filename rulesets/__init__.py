"""The national rulesets (TOML), shipped inside the wheel as ``disclosure_core.rulesets``."""
