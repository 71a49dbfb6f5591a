"""The conformance kit catches faulty plugins, whatever the seed.

Each test writes a plugin with one fault into a temporary directory and runs the kit
with 20 different seeds: every run must fail the property that the fault breaks and
name the faulty rule.
"""

from __future__ import annotations

from typing import Any

import pytest
from faulty_plugins import CONTRADICTORY, MISSING_ADDEND, SILENT_DISABLE, UNDECLARED_READ

from disclosure_core.checker import Checker
from disclosure_core.testing.kit import ConformanceKit

SEEDS = range(20)


def kit_of(plugin: Any, seed: int, layer: str) -> ConformanceKit:
    checker = Checker([plugin], entry_points=False)
    return ConformanceKit(checker, ["national", layer], seed_value=seed)


def assert_caught(plugin: Any, layer: str, prop: str, rule: str) -> None:
    checker = Checker([plugin], entry_points=False)
    for seed in SEEDS:
        kit = ConformanceKit(checker, ["national", layer], seed_value=seed)
        [verdict] = kit.run([prop])
        assert not verdict.passed, f"seed {seed}: {prop} passed"
        assert rule in verdict.rules, f"seed {seed}: {verdict.rules}"
        assert rule in verdict.detail, f"seed {seed}: {verdict.detail}"


def test_a_contradictory_rule_is_caught_and_named(make_plugin: Any) -> None:
    plugin = make_plugin("fx_contradiction", CONTRADICTORY)
    assert_caught(plugin, "fx_contradiction", "satisfiable", "FX-GRANTED")


def test_the_contradiction_comes_with_a_minimal_counterexample(make_plugin: Any) -> None:
    plugin = make_plugin("fx_contradiction", CONTRADICTORY)
    kit = kit_of(plugin, 0, "fx_contradiction")
    [verdict] = kit.run(["satisfiable"])
    # any figures at all fail, so Hypothesis shrinks to all zeros
    assert verdict.counterexample == {}
    assert "all 0" in verdict.detail
    # the national rule that derives the total it collides with is named too
    assert {"NAT-B3", "NAT-B4"} <= set(verdict.rules)


def test_a_sum_with_a_missing_addend_is_caught(make_plugin: Any) -> None:
    plugin = make_plugin("fx_addend", MISSING_ADDEND)
    assert_caught(plugin, "fx_addend", "no-forced-zero", "FX-SUM")


def test_the_missing_addend_is_named(make_plugin: Any) -> None:
    plugin = make_plugin("fx_addend", MISSING_ADDEND)
    [verdict] = kit_of(plugin, 0, "fx_addend").run(["no-forced-zero"])
    assert "requests.new.other_org" in verdict.detail


def test_a_rule_reading_an_undeclared_cell_is_caught(make_plugin: Any) -> None:
    plugin = make_plugin("fx_reads", python=UNDECLARED_READ)
    assert_caught(plugin, "fx_reads", "declared-reads", "FX-READS")


def test_the_undeclared_cell_is_named(make_plugin: Any) -> None:
    plugin = make_plugin("fx_reads", python=UNDECLARED_READ)
    [verdict] = kit_of(plugin, 0, "fx_reads").run(["declared-reads"])
    assert "requests.carried_over.total" in verdict.detail


def test_a_silent_disable_is_caught(make_plugin: Any) -> None:
    plugin = make_plugin("fx_disable", SILENT_DISABLE)
    assert_caught(plugin, "fx_disable", "monotone", "NAT-E1A")


def test_a_recorded_disable_is_not_a_fault(make_plugin: Any) -> None:
    rules = '\n[[disable]]\nrule = "NAT-E1A"\nreason = "本县另有规定"\nbasis = "某县通知"\n'
    plugin = make_plugin("fx_recorded", rules)
    [verdict] = kit_of(plugin, 0, "fx_recorded").run(["monotone"])
    assert verdict.passed, verdict.detail


@pytest.mark.parametrize(
    ("rules", "python"),
    [(CONTRADICTORY, ""), (MISSING_ADDEND, ""), (SILENT_DISABLE, ""), ("", UNDECLARED_READ)],
    ids=["contradiction", "missing-addend", "silent-disable", "undeclared-read"],
)
def test_the_whole_kit_fails_on_each_fault(make_plugin: Any, rules: str, python: str) -> None:
    plugin = make_plugin("fx_any", rules, python=python)
    verdicts = kit_of(plugin, 1, "fx_any").run()
    assert not all(v.passed for v in verdicts)
