"""The conformance kit: strategies, mutators, the properties on the national layer,
the pytest plugin and ``disclosure conformance``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from attrs import evolve
from faulty_plugins import CONTRADICTORY
from hypothesis import find, given, settings
from hypothesis import strategies as st

from disclosure_core.checker import Checker
from disclosure_core.cli import main
from disclosure_core.rules.engine import Engine
from disclosure_core.testing.kit import ConformanceKit, kit_for, resolve_layer
from disclosure_core.testing.model import NUMERIC_KINDS, StackModel
from disclosure_core.testing.mutators import break_rule, mutations
from disclosure_core.testing.pytest_plugin import PROPERTY_NAMES
from disclosure_core.testing.strategies import consistent_reports, leaf_values

pytest_plugins = ["pytester"]

CHECKER = Checker(entry_points=False)
ENGINE = CHECKER.engine(["national"])
TEMPLATES = {t.id: t for t in CHECKER.templates}
MODELS = {
    template_id: StackModel(ENGINE, TEMPLATES[template_id], year)
    for template_id, year in (("national-2021", 2022), ("national-2019", 2020))
}


def numeric_findings(report: Any) -> list[str]:
    return [
        f.rule_id
        for f in ENGINE.check(report).findings
        if ENGINE.rules[f.rule_id].kind in NUMERIC_KINDS
    ]


# ------------------------------------------------------------------ the stack model


def test_the_model_derives_totals_from_the_sum_rules() -> None:
    model = MODELS["national-2021"]
    assert "requests.results_total.total" in model.derivations
    assert "requests.new.total" in model.derivations
    assert "requests.new.natural_person" in model.leaves
    # the results total of a column is derived from its results, not typed in
    parts = model.derivations["requests.results_total.natural_person"]
    assert "requests.granted.natural_person" in parts


def test_the_model_knows_nothing_it_was_not_told() -> None:
    # without the arithmetic ruleset nothing is derived: the structure comes from rules
    layer = CHECKER.layer("national")
    content_only = Engine(
        [evolve(layer, rulesets=tuple(r for r in layer.rulesets if "arithmetic" not in r.source))],
        CHECKER.templates,
    )
    model = StackModel(content_only, TEMPLATES["national-2021"], 2022)
    assert model.derivations == {}
    assert "requests.new.total" in model.leaves


@pytest.mark.parametrize("template_id", sorted(MODELS))
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_consistent_reports_raise_no_cross_check_finding(template_id: str, data: Any) -> None:
    report = data.draw(consistent_reports(MODELS[template_id]))
    assert numeric_findings(report) == []


@settings(max_examples=25, deadline=None)
@given(leaves=leaf_values(MODELS["national-2021"]))
def test_leaves_are_non_negative_but_changes(leaves: dict[str, Any]) -> None:
    assert all(value >= 0 for cell, value in leaves.items() if "change" not in cell)


def test_leaves_shrink_towards_small_figures() -> None:
    smallest = find(leaf_values(MODELS["national-2021"]), lambda leaves: True)
    assert set(smallest.values()) == {0}


# ------------------------------------------------------------------ mutators


@pytest.mark.parametrize("rule_id", ["NAT-B1", "NAT-B3", "NAT-B4", "NAT-C1", "NAT-B5"])
def test_break_rule_makes_exactly_that_rule_fire(rule_id: str) -> None:
    model = MODELS["national-2021"]
    report = model.repair(dict.fromkeys(model.leaves, 2), CHECKER_BASE())
    broken = break_rule(report, rule_id, ENGINE)
    changed = [c for c in report.cells if report.value(c) != broken.value(c)]
    assert len(changed) == 1
    assert rule_id in numeric_findings(broken)


def CHECKER_BASE() -> Any:
    from disclosure_core.testing.cases import clean_report

    return clean_report(TEMPLATES["national-2021"], year=2022)


def test_break_rule_rejects_a_rule_that_reads_no_cell() -> None:
    report = CHECKER_BASE()
    with pytest.raises(ValueError, match="NAT-E14"):
        break_rule(report, "NAT-E14", ENGINE)


def test_every_numeric_rule_of_2021_can_be_broken() -> None:
    model = MODELS["national-2021"]
    report = model.repair(dict.fromkeys(model.leaves, 3), CHECKER_BASE())
    rules = sorted({i.rule_id for i in model.instances if i.reads(model.cells)})
    unbreakable = [r for r in rules if next(mutations(model, report, r), None) is None]
    # NAT-Q12 fires only when every 主动公开 figure is 0: no single change does that
    assert unbreakable == ["NAT-Q12"]


# ------------------------------------------------------------------ the kit


def test_property_names_match_the_kit() -> None:
    kit = ConformanceKit(CHECKER, ["national"])
    assert tuple(p.name for p in kit.properties()) == PROPERTY_NAMES


def test_unknown_property_names_are_rejected() -> None:
    kit = ConformanceKit(CHECKER, ["national"])
    with pytest.raises(KeyError, match="no-such"):
        kit.run(["no-such"])


def test_layers_resolve_by_distribution_name() -> None:
    checker = Checker()
    if "lingqiu" not in checker.manager.layer_names():
        pytest.skip("the Lingqiu plugin is not installed")
    assert resolve_layer(checker, "disclosure-lingqiu") == "lingqiu"
    assert resolve_layer(checker, "lingqiu") == "lingqiu"
    with pytest.raises(KeyError, match="nowhere"):
        resolve_layer(checker, "nowhere")


def test_kit_for_without_names_checks_every_layer() -> None:
    checker = Checker()
    kits = kit_for(checker=checker)
    assert [k.layers[-1] for k in kits] == checker.manager.layer_names()


@pytest.mark.disclosure_conformance("national")
def test_conformance(conformance_property: Any) -> None:
    conformance_property.check()


# ------------------------------------------------------------------ the pytest plugin


def test_the_pytest_plugin_runs_one_test_per_property(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.disclosure_conformance("national")
        def test_conformance(conformance_property):
            conformance_property.check()
        """
    )
    result = pytester.runpytest_inprocess("-q", "--disclosure-seed=1", "-k", "cases or determ")
    result.assert_outcomes(passed=2)


def test_the_pytest_plugin_reports_a_failing_property(
    pytester: pytest.Pytester, make_plugin: Any
) -> None:
    make_plugin("fx_pytest", CONTRADICTORY, entry_point=True)
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.disclosure_conformance("fx_pytest")
        def test_conformance(conformance_property):
            conformance_property.check()
        """
    )
    result = pytester.runpytest_inprocess("-q", "-k", "satisfiable")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*FX-GRANTED*"])


# ------------------------------------------------------------------ the command


def test_conformance_command_passes_on_national(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["conformance", "--no-plugins", "--seed", "3", "--property", "cases", "--property", "break"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "PASS  cases" in out
    assert "PASS  break" in out
    assert "every property holds" in out


def test_conformance_command_fails_on_a_faulty_plugin(
    capsys: pytest.CaptureFixture[str], make_plugin: Any
) -> None:
    make_plugin("fx_cli", CONTRADICTORY, entry_point=True)
    code = main(
        ["conformance", "fx_cli", "--seed", "1", "--property", "satisfiable", "--format", "json"]
    )
    payload = json.loads(capsys.readouterr().out)
    assert code == 1
    assert payload["passed"] is False
    [verdict] = payload["verdicts"]
    assert verdict["property"] == "satisfiable"
    assert "FX-GRANTED" in verdict["rules"]
    assert verdict["stack"] == ["national", "fx_cli"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["conformance", "nowhere"], "nowhere"),
        (["conformance", "--no-plugins", "--property", "nonsense"], "nonsense"),
    ],
)
def test_conformance_command_rejects_unknown_names(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_an_unknown_property_is_rejected_before_any_plugin_loads(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from disclosure_core import cli

    def no_checker(args: Any) -> Any:
        raise AssertionError("plugins were loaded for a command that cannot run")

    monkeypatch.setattr(cli, "_checker", no_checker)
    assert main(["conformance", "--property", "satisfable"]) == 2
    err = capsys.readouterr().err
    assert "satisfable" in err
    assert ", ".join(PROPERTY_NAMES) in err
