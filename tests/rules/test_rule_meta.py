"""Every rule of the national stack is documented and has cases.

Fails when a rule has no case file (``rulesets/cases/<RULE_ID>.toml``), no case that
passes, no case that fails, or an empty legal basis; when a case file names a rule that
does not exist; when a rule ID is malformed; when a title or message lacks Chinese or
English text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from disclosure_core.checker import Checker
from disclosure_core.rules.engine import PythonRule, RuleInfo
from disclosure_core.testing.cases import CaseFile, case_files, installed_case_files

CASES_DIR = Path(__file__).resolve().parents[2] / "rulesets" / "cases"
CHECKER = Checker(entry_points=False)
RULES: dict[str, RuleInfo] = dict(CHECKER.catalog().rules)
RULE_IDS = sorted(RULES)
FILES: list[CaseFile] = case_files(CASES_DIR)
BY_RULE: dict[str, list[CaseFile]] = {}
for _file in FILES:
    BY_RULE.setdefault(_file.rule, []).append(_file)

RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
TEMPLATE_IDS = {template.id for template in CHECKER.templates}


def test_the_national_stack_has_rules() -> None:
    assert len(RULES) >= 30
    assert all(info.layer == "national" for info in RULES.values())


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_has_a_case_file(rule_id: str) -> None:
    path = CASES_DIR / f"{rule_id}.toml"
    assert path.is_file(), f"{rule_id} has no case file {path}"
    assert rule_id in BY_RULE, f"{path} does not say rule = {rule_id!r}"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_has_a_pass_case_and_a_fail_case(rule_id: str) -> None:
    cases = [case for file in BY_RULE.get(rule_id, []) for case in file.case]
    expects = {case.expect for case in cases}
    assert "pass" in expects, f"{rule_id} has no case with expect = 'pass'"
    assert "fail" in expects, f"{rule_id} has no case with expect = 'fail'"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_case_is_named(rule_id: str) -> None:
    cases = [case for file in BY_RULE.get(rule_id, []) for case in file.case]
    names = [case.name for case in cases]
    assert all(name.strip() for name in names), f"{rule_id}: a case without a name"
    assert len(set(names)) == len(names), f"{rule_id}: two cases share a name"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_case_templates_are_templates_of_the_rule(rule_id: str) -> None:
    info = RULES[rule_id]
    allowed = TEMPLATE_IDS if "*" in info.templates else set(info.templates) | TEMPLATE_IDS
    for file in BY_RULE.get(rule_id, []):
        for case in file.case:
            assert case.template is None or case.template in allowed, (
                f"{file.source}: {case.name}: unknown template {case.template!r}"
            )
            if case.expect == "fail":
                # a failing case must run the rule: on a template the rule applies to
                template = case.template or next(
                    (t for t in info.templates if t in TEMPLATE_IDS), None
                )
                assert template is not None, (
                    f"{file.source}: {case.name}: give a template (the rule runs on '*')"
                )
                assert "*" in info.templates or template in info.templates, (
                    f"{file.source}: {case.name}: {rule_id} does not run on {template}"
                )


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_has_a_legal_basis(rule_id: str) -> None:
    basis = RULES[rule_id].spec.basis
    assert isinstance(basis, str) and basis.strip(), f"{rule_id} has an empty basis"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_id_is_well_formed(rule_id: str) -> None:
    assert RULE_ID.match(rule_id), f"malformed rule ID {rule_id!r}"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_title_and_message_have_both_languages(rule_id: str) -> None:
    spec = RULES[rule_id].spec
    assert spec.title is not None, f"{rule_id} has no title"
    for what, text in (
        ("title.zh", spec.title.zh),
        ("title.en", spec.title.en),
        ("message.zh", spec.message.zh),
        ("message.en", spec.message.en),
    ):
        assert isinstance(text, str) and text.strip(), f"{rule_id}: {what} is empty"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_message_placeholders_agree_between_languages(rule_id: str) -> None:
    spec = RULES[rule_id].spec
    placeholder = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
    zh = set(placeholder.findall(spec.message.zh))
    en = set(placeholder.findall(spec.message.en))
    assert zh == en, f"{rule_id}: zh uses {sorted(zh)}, en uses {sorted(en)}"


@pytest.mark.parametrize("file", FILES, ids=[f.rule for f in FILES])
def test_case_file_names_an_existing_rule(file: CaseFile) -> None:
    assert file.rule in RULES, f"{file.source}: no rule {file.rule!r} in the national stack"
    assert Path(file.source).stem == file.rule, (
        f"{file.source}: the file is named after another rule than {file.rule!r}"
    )


def test_rules_are_not_python_rules() -> None:
    # the national layer is data only: every rule has a ruleset file behind it
    assert not any(isinstance(info.spec, PythonRule) for info in RULES.values())


# ---------------------------------------------------------------- installed plugins

INSTALLED = Checker()
INSTALLED_RULES = {
    rule_id: info for rule_id, info in INSTALLED.catalog().rules.items() if info.layer != "national"
}
INSTALLED_CASES: dict[str, set[str]] = {}
for _file in installed_case_files(INSTALLED):
    INSTALLED_CASES.setdefault(_file.rule, set()).update(c.expect for c in _file.case)


@pytest.mark.parametrize("rule_id", sorted(INSTALLED_RULES) or ["(no plugin installed)"])
def test_every_plugin_rule_has_cases_and_a_basis(rule_id: str) -> None:
    if rule_id not in INSTALLED_RULES:
        pytest.skip("no plugin with rules is installed")
    info = INSTALLED_RULES[rule_id]
    assert INSTALLED_CASES.get(rule_id, set()) >= {"pass", "fail"}, (
        f"{rule_id} ({info.layer}) needs a case that passes and one that fails"
    )
    assert info.spec.basis.strip(), f"{rule_id} ({info.layer}) has no legal basis"
    assert RULE_ID.match(rule_id), f"{rule_id} is not a well-formed rule ID"
