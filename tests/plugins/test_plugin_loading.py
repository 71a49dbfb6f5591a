"""Plugins as installed packages: entry points, blocking, failing hooks, layering verbs
used from a plugin, jurisdictions, and ``disclosure plugins``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve

from disclosure_core.checker import Checker
from disclosure_core.cli import main
from disclosure_core.model.report import Level, Report
from disclosure_core.plugins import PluginError
from disclosure_core.rules.loader import RulesetError
from disclosure_core.testing.cases import clean_report

ALWAYS = """
[[rule]]
id = "DEMO-ALWAYS"
kind = "expr"
severity = "warning"
check = "year < 2000"
title = { zh = "演示规则", en = "Demo rule" }
message = { zh = "年度{year}", en = "year {year}" }
basis = "演示依据"
"""

RAISING_HOOK = """

@hookimpl
def register_rules():
    raise RuntimeError("the rules file is missing")
"""

JURISDICTION = """

from disclosure_core.plugins import Jurisdiction


@hookimpl
def register_jurisdictions():
    return [Jurisdiction("某某县", codes=("149999",), places=("某某县",), code="149999")]
"""


def report(body: str = "某县某局", **cells: int) -> Report:
    checker = Checker(entry_points=False)
    template = next(t for t in checker.templates if t.id == "national-2021")
    base = clean_report(template, year=2022, body=body, level=Level.DEPARTMENT)
    if cells:
        changed = {cell.replace("__", "."): value for cell, value in cells.items()}
        base = evolve(
            base,
            cells={**base.cells, **{c: evolve(base.cells[c], value=v) for c, v in changed.items()}},
        )
    return base


# ------------------------------------------------------------------ entry points


def test_an_installed_plugin_is_found_through_its_entry_point(make_plugin: Any) -> None:
    make_plugin("county_demo", ALWAYS, entry_point=True)
    checker = Checker()
    assert "county_demo" in checker.manager.layer_names()
    result = checker.check(report())
    [finding] = result.by_rule("DEMO-ALWAYS")
    assert finding.layer == "county_demo"
    assert "county_demo" in [layer.name for layer in result.stack]
    assert checker.manager.distribution("county_demo") == "county_demo"
    assert checker.manager.version("county_demo") == "0.1.0"


def test_entry_points_can_be_turned_off(make_plugin: Any) -> None:
    make_plugin("county_demo", ALWAYS, entry_point=True)
    checker = Checker(entry_points=False)
    assert "county_demo" not in checker.manager.layer_names()
    assert not checker.check(report()).by_rule("DEMO-ALWAYS")


def test_a_plugin_can_be_blocked_by_name(make_plugin: Any) -> None:
    make_plugin("county_demo", ALWAYS, entry_point=True)
    checker = Checker(block=["county_demo"])
    assert "county_demo" not in checker.manager.layer_names()


def test_an_explicit_plugin_needs_no_entry_point(make_plugin: Any) -> None:
    plugin = make_plugin("county_demo", ALWAYS)
    checker = Checker([plugin], entry_points=False)
    assert checker.check(report()).by_rule("DEMO-ALWAYS")


def test_a_misspelt_hook_is_rejected(make_plugin: Any) -> None:
    plugin = make_plugin(
        "county_typo", python="\n\n@hookimpl\ndef register_rulset():\n    return []\n"
    )
    with pytest.raises(PluginError, match="register_rulset"):
        Checker([plugin], entry_points=False)


def test_no_plugins_on_the_command_line(
    make_plugin: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_plugin("county_demo", ALWAYS, entry_point=True)
    source = tmp_path / "report.txt"
    source.write_text(_example_text(), encoding="utf-8")
    main(["check", str(source), "--format", "json"])
    with_plugins = json.loads(capsys.readouterr().out)
    main(["check", str(source), "--format", "json", "--no-plugins"])
    without = json.loads(capsys.readouterr().out)
    rule_ids = {f["rule_id"] for f in with_plugins["reports"][0]["findings"]}
    assert "DEMO-ALWAYS" in rule_ids
    assert {f["layer"] for f in without["reports"][0]["findings"]} <= {"national"}
    assert without["reports"][0]["stack"][0]["layer"] == "national"
    assert len(without["reports"][0]["stack"]) == 1


def _example_text() -> str:
    from disclosure_core.testing import Layout, SyntheticReport, render_text

    checker = Checker(entry_points=False)
    template = next(t for t in checker.templates if t.id == "national-2021")
    cells = dict.fromkeys(template.cell_ids(), 0)
    return render_text(SyntheticReport(template, "某县某局", 2022, None, cells), Layout.TSV)


# ------------------------------------------------------------------ failing hooks


def test_a_raising_hook_gives_a_finding_and_an_incomplete_result(make_plugin: Any) -> None:
    plugin = make_plugin("county_broken", ALWAYS, python=RAISING_HOOK)
    checker = Checker([plugin], entry_points=False)
    # an arithmetic error the national rules must still find
    result = checker.check(report(requests__new__natural_person=5))
    [failure] = result.by_rule("PLUGIN-HOOK-FAILED")
    assert "county_broken" in failure.message.en
    assert "register_rules" in failure.message.en
    assert "the rules file is missing" in failure.message.en
    assert failure.layer == "county_broken"
    assert result.complete is False
    assert result.valid is False
    # the other rules still ran: the national arithmetic and the plugin's TOML rule
    assert result.by_rule("NAT-B4")
    assert result.by_rule("DEMO-ALWAYS")


def test_a_clean_report_is_not_made_to_look_clean_by_a_failing_plugin(make_plugin: Any) -> None:
    plugin = make_plugin("county_broken", python=RAISING_HOOK)
    result = Checker([plugin], entry_points=False).check(report())
    assert not result.complete
    assert not result.valid


# ------------------------------------------------------------------ layering verbs


def test_relevel_from_a_plugin_is_recorded(make_plugin: Any) -> None:
    rules = '\n[[relevel]]\nrule = "NAT-B4"\nseverity = "info"\nreason = "本县只作提示"\n'
    plugin = make_plugin("county_relevel", rules)
    result = Checker([plugin], entry_points=False).check(report(requests__new__natural_person=5))
    assert {f.severity.value for f in result.by_rule("NAT-B4")} == {"info"}
    [adjustment] = [a for a in result.adjustments if a.target == "NAT-B4"]
    assert adjustment.verb == "relevel"
    assert adjustment.layer == "county_relevel"
    assert adjustment.reason == "本县只作提示"


def test_disable_from_a_plugin_is_recorded(make_plugin: Any) -> None:
    rules = '\n[[disable]]\nrule = "NAT-B4"\nreason = "试点"\nbasis = "某县通知"\n'
    plugin = make_plugin("county_disable", rules)
    result = Checker([plugin], entry_points=False).check(report(requests__new__natural_person=5))
    assert not result.by_rule("NAT-B4")
    assert [a.verb for a in result.adjustments if a.target == "NAT-B4"] == ["disable"]


def test_set_from_a_plugin_changes_a_parameter(make_plugin: Any) -> None:
    rules = '\n[[set]]\nparam = "deadline_department"\nvalue = "01-10"\n'
    plugin = make_plugin("county_set", rules)
    late = evolve(
        report(), meta=evolve(report().meta, published=__import__("datetime").date(2023, 1, 20))
    )
    assert not Checker(entry_points=False).check(late).by_rule("NAT-E1A")
    result = Checker([plugin], entry_points=False).check(late)
    assert result.by_rule("NAT-E1A")
    assert any(a.verb == "set" and a.target == "deadline_department" for a in result.adjustments)


@pytest.mark.parametrize(
    ("rules", "needle"),
    [
        (ALWAYS.replace("DEMO-ALWAYS", "NAT-B4"), "NAT-B4"),
        ('\n[[relevel]]\nrule = "NAT-B4"\nseverity = "info"\n', "reason"),
        ('\n[[disable]]\nrule = "NAT-B4"\nreason = "试点"\n', "basis"),
        ('\n[[set]]\nparam = "no_such_parameter"\nvalue = 1\n', "no_such_parameter"),
    ],
    ids=["id-collision", "relevel-without-reason", "disable-without-basis", "unknown-parameter"],
)
def test_layering_misuse_names_the_plugin_and_the_file(
    make_plugin: Any, rules: str, needle: str
) -> None:
    plugin = make_plugin("county_misuse", rules)
    with pytest.raises(RulesetError) as caught:
        checker = Checker([plugin], entry_points=False)
        checker.check(report())
    message = str(caught.value)
    assert "county_misuse" in message
    assert "county_misuse.toml" in message
    assert needle in message


def test_layering_misuse_on_the_command_line_exits_2(
    make_plugin: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_plugin(
        "county_misuse", '\n[[relevel]]\nrule = "NAT-B4"\nseverity = "info"\n', entry_point=True
    )
    source = tmp_path / "report.txt"
    source.write_text(_example_text(), encoding="utf-8")
    assert main(["check", str(source)]) == 2
    err = capsys.readouterr().err
    assert "county_misuse" in err
    assert "reason" in err


# ------------------------------------------------------------------ jurisdictions


def test_a_county_plugin_applies_only_to_its_jurisdiction(make_plugin: Any) -> None:
    plugin = make_plugin("county_place", ALWAYS, python=JURISDICTION)
    checker = Checker([plugin], entry_points=False)
    assert checker.check(report(body="某某县教育局")).by_rule("DEMO-ALWAYS")
    assert not checker.check(report(body="另一县教育局")).by_rule("DEMO-ALWAYS")
    forced = Checker([plugin], entry_points=False, jurisdiction="149999")
    assert forced.check(report(body="另一县教育局")).by_rule("DEMO-ALWAYS")


def test_a_report_of_an_uncovered_province_gets_one_info_finding() -> None:
    checker = Checker(entry_points=False)
    result = checker.check(report(body="河北省某县教育局"))
    infos = [f for f in result.findings if f.severity.value == "info" and "河北" in f.message.zh]
    assert len(infos) == 1


# ------------------------------------------------------------------ disclosure plugins


def test_plugins_command_lists_an_installed_plugin(
    make_plugin: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    make_plugin("county_demo", ALWAYS, python=JURISDICTION, entry_point=True)
    assert main(["plugins", "--format", "json"]) == 0
    plugins = {p["name"]: p for p in json.loads(capsys.readouterr().out)["plugins"]}
    demo = plugins["county_demo"]
    assert demo["distribution"] == "county_demo"
    assert demo["version"] == "0.1.0"
    assert demo["rules"] == 1
    assert demo["rulesets"] == ["county_demo"]
    assert demo["jurisdictions"] == ["某某县"]
    assert "register_rulesets" in demo["hooks"]
    assert plugins["national"]["rules"] >= 30


# ------------------------------------------------------------------ sibling layers

LOCAL_DEADLINE = """
[[param]]
name = "local_deadline"
type = "month-day"
default = "{day}"
"""


def test_sibling_county_plugins_may_declare_the_same_parameter(make_plugin: Any) -> None:
    first = make_plugin("county_a", LOCAL_DEADLINE.format(day="01-25"))
    second = make_plugin("county_b", LOCAL_DEADLINE.format(day="01-20"))
    checker = Checker([first, second], entry_points=False)
    catalog = checker.catalog()
    assert catalog.layers == ("national", "county_a", "county_b")
    assert checker.engine(checker.chain("county_a")).params_for(2022)["local_deadline"] == "01-25"
    assert checker.engine(checker.chain("county_b")).params_for(2022)["local_deadline"] == "01-20"


def test_sibling_plugins_may_not_share_a_rule_id(make_plugin: Any) -> None:
    first = make_plugin("county_a", ALWAYS)
    second = make_plugin("county_b", ALWAYS)
    with pytest.raises(RulesetError) as caught:
        Checker([first, second], entry_points=False).check(report())
    message = str(caught.value)
    assert "DEMO-ALWAYS" in message
    assert "county_a" in message
    assert "county_b.toml" in message


def _listed_rules(
    make_plugin: Any, capsys: pytest.CaptureFixture[str], name: str, rules: str
) -> dict[str, Any]:
    """``disclosure rules --format json`` with plugin ``name`` installed, by rule ID."""
    make_plugin(name, ALWAYS + rules, entry_point=True)
    assert main(["rules", "--format", "json"]) == 0
    return {r["id"]: r for r in json.loads(capsys.readouterr().out)["rules"]}


def test_rules_lists_every_layer_with_adjustments(
    make_plugin: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = '\n[[relevel]]\nrule = "NAT-B4"\nseverity = "info"\nreason = "本县只作提示"\n'
    records = _listed_rules(make_plugin, capsys, "county_relevel", rules)
    assert records["DEMO-ALWAYS"]["layer"] == "county_relevel"
    assert records["NAT-B4"]["severity"] == "error"
    assert records["NAT-B4"]["adjusted_by"] == [
        {"layer": "county_relevel", "verb": "relevel", "severity": "info", "reason": "本县只作提示"}
    ]


def test_rules_say_which_rules_an_upper_layer_disables(
    make_plugin: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = '\n[[disable]]\nrule = "NAT-B4"\nreason = "试点"\nbasis = "某县通知"\n'
    records = _listed_rules(make_plugin, capsys, "county_disable", rules)
    assert records["NAT-B4"]["disabled"] is True
    assert records["NAT-B1"]["disabled"] is False
    assert [a["verb"] for a in records["NAT-B4"]["adjusted_by"]] == ["disable"]


def test_plugins_are_listed_in_registration_order(make_plugin: Any) -> None:
    names = [f"county_{letter}" for letter in "qwertyuiop"]
    plugins = [make_plugin(name) for name in names]
    manager = Checker(plugins, entry_points=False).manager
    assert [name for name, _ in manager.plugins()] == ["national", *names]


def test_a_report_refit_to_a_plugin_template_keeps_its_template_notes() -> None:
    import importlib.util

    if importlib.util.find_spec("disclosure_shanxi") is None:
        pytest.skip("the Shanxi plugin is not installed")
    from disclosure_core.testing import Layout, SyntheticReport, render_text

    checker = Checker()
    template = next(t for t in checker.templates if t.id == "national-2021")
    cells = dict.fromkeys(template.cell_ids(), 0)
    text = render_text(SyntheticReport(template, "大同市某区教育局", 2023, None, cells), Layout.TSV)
    report = checker.read(text.encode(), name="x.txt")
    assert report.template == "shanxi-2022"
    variants = [n.variant for n in report.notes if n.code.value == "template"]
    assert "extension" in variants
    assert len(variants) == len(set(variants))  # nothing twice


def test_rules_and_explain_show_collection_rules(capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    if importlib.util.find_spec("disclosure_lingqiu") is None:
        pytest.skip("the Lingqiu plugin is not installed")
    assert main(["rules", "--format", "json"]) == 0
    records = {r["id"]: r for r in json.loads(capsys.readouterr().out)["rules"]}
    assert records["LQ-FILING"]["kind"] == "collection"
    assert records["LQ-FILING"]["layer"] == "lingqiu"
    assert records["LQ-FILING"]["basis"]
    assert main(["explain", "LQ-FILING"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("LQ-FILING — ")
    assert "collection" in shown
    assert "{count}" in shown  # the message template with its placeholders
