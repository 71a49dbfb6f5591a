"""灵丘县 plugin for disclosure-core: a county layer on top of the Shanxi plugin.

It applies to 灵丘县 (division code 140224) and its townships, adds county rules
(``rulesets/lingqiu.toml``), relevels one national rule, and registers a collection
rule that names the obliged units that filed no report in a batch.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from typing import Any

from disclosure_core.findings import Message, Severity
from disclosure_core.model.report import Report
from disclosure_core.plugins import (
    CollectionRule,
    CollectionViolation,
    Jurisdiction,
    Level,
    PluginDescription,
    hookimpl,
)

__version__ = "0.1.0"

PACKAGE = resources.files("disclosure_lingqiu")
TOWNSHIPS = (
    "武灵镇",
    "东河南镇",
    "上寨镇",
    "落水河乡",
    "史庄乡",
    "赵北乡",
    "独峪乡",
    "红石塄乡",
    "下关乡",
    "柳科乡",
    "石家田乡",
    "白崖台乡",
)


@hookimpl
def describe_plugin() -> PluginDescription:
    return PluginDescription("lingqiu", Level.COUNTY, "灵丘县（大同市，山西省）", parent="shanxi")


@hookimpl
def register_jurisdictions() -> list[Jurisdiction]:
    return [Jurisdiction("灵丘县", codes=("140224",), places=("灵丘县", "灵丘"), code="140224")]


@hookimpl
def register_rule_cases() -> list[Any]:
    return sorted((PACKAGE / "cases").iterdir(), key=lambda entry: entry.name)


@hookimpl
def register_rulesets() -> list[Any]:
    return [PACKAGE / "rulesets" / "lingqiu.toml"]


def unfiled_units(
    reports: Sequence[Report], params: Mapping[str, Any]
) -> Iterator[CollectionViolation]:
    """LQ-FILING: every obliged unit of the county filed a report for each year seen."""
    units = [str(unit) for unit in params.get("obliged_units") or ()]
    years = sorted({r.meta.year for r in reports if r.meta.year is not None})
    for year in years:
        names = " ".join(
            (r.meta.body or "") + (r.meta.title or "") for r in reports if r.meta.year == year
        )
        missing = [unit for unit in units if unit not in names]
        if missing:
            yield CollectionViolation(
                {"year": year, "missing": missing, "count": len(missing), "obliged": len(units)}
            )


@hookimpl
def register_collection_rules() -> list[CollectionRule]:
    return [
        CollectionRule(
            id="LQ-FILING",
            severity=Severity.ERROR,
            title=Message("有应报单位未发布年度报告", "Obliged units filed no annual report"),
            message=Message(
                "{year}年度：{obliged}个应报单位中有{count}个未见年度报告：{missing}",
                "{year}: {count} of {obliged} obliged units filed no report: {missing}",
            ),
            basis=(
                "《中华人民共和国政府信息公开条例》第四十九条、第五十条；"
                "县级政府汇总所属乡镇和部门年报的做法"
                "（石狮市“年度报告公布情况”，provinces.md §4.4）"
            ),
            function=unfiled_units,
            doc="Run over a batch of the county's reports for a year; names each obliged unit "
            "(parameter obliged_units) whose name appears in no report's issuing body.",
        )
    ]
