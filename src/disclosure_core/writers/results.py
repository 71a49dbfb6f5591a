"""Writers for check results: text for people, JSON (the public contract), SARIF 2.1.0.

The JSON form is the canonical machine form for integrators::

    {"schema_version": 1,
     "reports": [{"source": PATH, "valid": bool, "complete": bool, "stack": [...],
                  "findings": [{"rule_id", "severity", "message": {"zh", "en"},
                                "cells": [cell IDs], "expected", "actual", "basis",
                                "layer", ...}]}]}

Fields may be added; these are never renamed. A file that could not be read appears as
``{"source": PATH, "error": "..."}``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from disclosure_core.findings import Finding, Result, Severity
from disclosure_core.writers.export import error_record

if TYPE_CHECKING:  # pragma: no cover
    from disclosure_core.checker import Outcome

#: Version of the JSON check-result layout.
SCHEMA_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_URI = "https://github.com/disclosure-core/disclosure-core"


def _number(value: int | Decimal | None) -> int | float | None:
    if value is None or isinstance(value, int):
        return value
    return float(value)


def finding_record(finding: Finding) -> dict[str, Any]:
    """One finding as plain data (the contract's fields first)."""
    return {
        "rule_id": finding.rule_id,
        "severity": finding.severity.value,
        "message": {"zh": finding.message.zh, "en": finding.message.en},
        "cells": [ref.cell for ref in finding.cells],
        "expected": _number(finding.expected),
        "actual": _number(finding.actual),
        "basis": finding.basis,
        "layer": finding.layer,
        "ruleset": finding.ruleset,
        "title": {"zh": finding.title.zh, "en": finding.title.en} if finding.title else None,
        "section": finding.section,
        "instance": finding.instance,
        "line": finding.line,
        "status": finding.status.value,
        "locations": [
            {
                "cell": ref.cell,
                "value": _number(ref.value),
                "blank": ref.blank,
                "line": ref.line,
                "column": ref.column,
                "text": ref.text,
                "uncertain": ref.uncertain,
            }
            for ref in finding.cells
        ],
        "relevelled_from": finding.relevelled_from.value if finding.relevelled_from else None,
        "reading_uncertain": finding.reading_uncertain,
        "fingerprint": finding.fingerprint,
    }


def result_record(outcome: Outcome) -> dict[str, Any]:
    """One report's result as plain data."""
    if outcome.result is None:
        return error_record(outcome.source, outcome.error or "", outcome.attachments)
    result: Result = outcome.result
    meta = outcome.report.meta if outcome.report is not None else None
    return {
        "source": outcome.source,
        "valid": result.valid,
        "complete": result.complete,
        "template": result.template,
        "year": meta.year if meta else None,
        "body": meta.body if meta else None,
        "division_code": meta.division_code if meta else None,
        "stack": [
            {
                "layer": layer.name,
                "version": layer.version,
                "rulesets": list(layer.rulesets),
                "rules": layer.rules,
            }
            for layer in result.stack
        ],
        "adjustments": [
            {
                "verb": a.verb,
                "target": a.target,
                "layer": a.layer,
                "reason": a.reason,
                "basis": a.basis,
                "old": a.old,
                "new": a.new,
            }
            for a in result.adjustments
        ],
        "rules_run": result.rules_run,
        "counts": {s.value: sum(1 for f in result.findings if f.severity is s) for s in Severity},
        "findings": [finding_record(f) for f in result.findings],
    }


def write_json(
    outcomes: Sequence[Outcome], out: TextIO, collection: Sequence[Finding] = ()
) -> None:
    """The canonical JSON document: every report's result, and the findings of the
    collection rules (about the run as a whole) under ``collection``."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "reports": [result_record(o) for o in outcomes],
        "collection": [finding_record(f) for f in collection],
    }
    out.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def write_text(
    outcomes: Sequence[Outcome], out: TextIO, collection: Sequence[Finding] = ()
) -> None:
    """Findings grouped by report, most severe first, with where each cell was read;
    then the findings about the run as a whole."""
    for outcome in outcomes:
        if outcome.result is None:
            out.write(f"{outcome.source}\n  cannot be read: {outcome.error}\n\n")
            continue
        result = outcome.result
        meta = outcome.report.meta if outcome.report is not None else None
        counts = {s: sum(1 for f in result.findings if f.severity is s) for s in Severity}
        head = ", ".join(
            filter(
                None,
                [
                    result.template or "no national format",
                    str(meta.year) if meta and meta.year else None,
                    meta.body if meta else None,
                ],
            )
        )
        verdict = "valid" if result.valid else "INVALID"
        if not result.complete:
            verdict += ", INCOMPLETE (a rule or plugin failed)"
        out.write(
            f"{outcome.source}\n  {head}\n  {verdict}: {counts[Severity.ERROR]} error(s), "
            f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info; "
            f"{result.rules_run} checks; layers: "
            + " + ".join(f"{layer.name} {layer.version}" for layer in result.stack)
            + "\n"
        )
        for finding in sorted(result.findings, key=lambda f: f.severity.rank):
            where = f" [{finding.instance}]" if finding.instance else ""
            out.write(
                f"  {finding.severity.value:<7} {finding.rule_id}{where}  {finding.message.zh}\n"
            )
            out.write(f"          {finding.message.en}\n")
            cells = [
                f"{ref.cell} = {'blank' if ref.blank else _show(ref.value)}"
                + ("?" if ref.uncertain else "")
                + (f" (line {ref.line})" if ref.line else "")
                for ref in finding.cells[:8]
            ]
            if len(finding.cells) > 8:
                cells.append(f"… {len(finding.cells) - 8} more")
            if cells:
                out.write("          cells: " + "; ".join(cells) + "\n")
            elif finding.section or finding.line:
                section = f"section {finding.section}" if finding.section else ""
                line = f" (line {finding.line})" if finding.line else ""
                out.write(f"          at: {section}{line}\n")
            out.write(f"          basis: {finding.basis}  [{finding.layer}]\n")
        out.write("\n")
    if collection:
        out.write("Across all reports:\n")
        for finding in collection:
            out.write(
                f"  {finding.severity.value:<7} {finding.rule_id}  {finding.message.zh}\n"
                f"          {finding.message.en}\n"
                f"          basis: {finding.basis}  [{finding.layer}]\n"
            )


def _show(value: int | Decimal | None) -> str:
    return "—" if value is None else str(value)


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _sarif_rule(finding: Finding) -> dict[str, Any]:
    """The SARIF reportingDescriptor of a finding's rule."""
    title = finding.title or finding.message
    return {
        "id": finding.rule_id,
        "name": finding.rule_id,
        "shortDescription": {"text": f"{title.en} / {title.zh}"},
        "help": {"text": finding.basis},
        "defaultConfiguration": {"level": _SARIF_LEVEL[finding.severity]},
        "properties": {"layer": finding.layer, "ruleset": finding.ruleset},
    }


def write_sarif(
    outcomes: Sequence[Outcome], out: TextIO, collection: Sequence[Finding] = ()
) -> None:
    """SARIF 2.1.0: one run, the rules that produced findings, one result per finding
    (collection findings are results without a location)."""
    from disclosure_core import __version__

    rules: dict[str, dict[str, Any]] = {}  # rule ID -> descriptor, in first-seen order
    indices: dict[str, int] = {}

    def index_of(finding: Finding) -> int:
        """The index of the finding's rule descriptor, made the first time it is seen."""
        index = indices.get(finding.rule_id)
        if index is None:
            index = indices[finding.rule_id] = len(rules)
            rules[finding.rule_id] = _sarif_rule(finding)
        return index

    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    for outcome in outcomes:
        artifacts.append({"location": {"uri": outcome.source}})
        if outcome.result is None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": outcome.error or ""},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": outcome.source}}}
                    ],
                }
            )
            continue
        for finding in outcome.result.findings:
            rule_index = index_of(finding)
            region: dict[str, Any] = {}
            if finding.line:
                region["startLine"] = finding.line
                column = next((ref.column for ref in finding.cells if ref.column), None)
                if column:
                    region["startColumn"] = column
            physical: dict[str, Any] = {"artifactLocation": {"uri": outcome.source}}
            if region:
                physical["region"] = region
            location: dict[str, Any] = {"physicalLocation": physical}
            logical = [{"name": ref.cell, "kind": "member"} for ref in finding.cells]
            if finding.section:
                logical.append({"name": finding.section, "kind": "module"})
            if logical:
                location["logicalLocations"] = logical
            results.append(
                {
                    "ruleId": finding.rule_id,
                    "ruleIndex": rule_index,
                    "level": _SARIF_LEVEL[finding.severity],
                    "message": {"text": f"{finding.message.en} / {finding.message.zh}"},
                    "locations": [location],
                    "partialFingerprints": {"disclosureFinding/v1": finding.fingerprint},
                    "properties": {
                        "cells": [ref.cell for ref in finding.cells],
                        "expected": _number(finding.expected),
                        "actual": _number(finding.actual),
                        "layer": finding.layer,
                        "basis": finding.basis,
                    },
                }
            )
    for finding in collection:
        results.append(
            {
                "ruleId": finding.rule_id,
                "ruleIndex": index_of(finding),
                "level": _SARIF_LEVEL[finding.severity],
                "message": {"text": f"{finding.message.en} / {finding.message.zh}"},
                "properties": {"layer": finding.layer, "basis": finding.basis, "scope": "run"},
            }
        )
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "disclosure-core",
                        "version": __version__,
                        "informationUri": TOOL_URI,
                        "rules": list(rules.values()),
                    }
                },
                "artifacts": artifacts,
                "invocations": [
                    {
                        "executionSuccessful": not notifications
                        and all(o.result is None or o.result.complete for o in outcomes),
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
            }
        ],
    }
    out.write(json.dumps(sarif, ensure_ascii=False, indent=1) + "\n")
