"""Plugins with one fault each, as rule TOML (after a ruleset header) or Python hooks.

Shared by the fault tests and the pytest-plugin tests of the conformance kit.
"""

CONTRADICTORY = """
[[rule]]
id = "FX-GRANTED"
kind = "compare"
severity = "error"
left = "requests.granted.total"
op = ">"
right = "requests.results_total.total"
title = { zh = "予以公开多于总计", en = "Granted exceeds the total" }
message = { zh = "予以公开{left}不多于总计{right}", en = "granted {left} does not exceed {right}" }
basis = "测试"
"""

MISSING_ADDEND = """
[[rule]]
id = "FX-SUM"
kind = "sum"
severity = "error"
total = "requests.new.total"
parts = ["requests.new.natural_person", "requests.new.commercial", "requests.new.research",
         "requests.new.public_interest", "requests.new.legal_services"]
title = { zh = "新收申请总计", en = "New requests total" }
message = { zh = "总计{actual}，各项之和{expected}", en = "total {actual}, parts {expected}" }
basis = "测试"
"""

SILENT_DISABLE = """
[[set]]
param = "deadline_department"
value = "12-31"
"""

UNDECLARED_READ = """

from disclosure_core.findings import Message, Severity
from disclosure_core.rules.compile import Violation
from disclosure_core.rules.engine import PythonRule


def _more_new_than_carried(ctx):
    new = ctx.values.get("requests.new.total") or 0
    carried = ctx.values.get("requests.carried_over.total") or 0  # not declared
    if new < carried:
        return [Violation(cells=("requests.new.total",))]
    return None


@hookimpl
def register_rules():
    return [
        PythonRule(
            id="FX-READS",
            severity=Severity.WARNING,
            title=Message("新收多于结转", "New exceeds carried over"),
            message=Message("新收少于结转", "fewer new than carried over"),
            basis="测试",
            function=_more_new_than_carried,
            reads=("requests.new.total",),
            templates=("national-2021",),
        )
    ]
"""
