"""Benchmark: checking parsed reports with the national rules.

Run::

    .venv/bin/python benchmarks/bench_check.py [--reports N] [--rounds N] [--json]

It parses N synthetic reports once (both national formats, every cell filled; a
quarter of them carry an arithmetic error), then times, in the same run and on the
same reports:

* the engine with the whole national rule stack (arithmetic, conformance and content
  rules: 38 rules, about 73 checks a report);
* a hand-written Python function doing the national *arithmetic* checks only (the
  per-column balance, the results total, the row totals, the appeals totals, the
  non-negative integers), written the way a careful developer would: keys built once,
  plain loops, no framework.

It prints reports per second for both (median of the rounds; CPU time, so another
process on the machine disturbs it less; the two alternate round by round, so a change
in load falls on both) and the ratio engine / hand-written. Targets:
the engine within 2x of the hand-written function, and at least 10,000 reports per
second on one core. Both checkers are verified to find the same arithmetic errors.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from attrs import evolve

from disclosure_core.checker import Checker
from disclosure_core.model.report import Cell, Level, Report
from disclosure_core.testing import Layout, example_report, render_text

APPLICANTS = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_services",
    "other_org",
)
COLUMNS = (*APPLICANTS, "total")
APPEAL_ROWS = ("review", "litigation_direct", "litigation_after_review")
APPEAL_PARTS = ("upheld", "corrected", "other", "pending")


def make_reports(checker: Checker, count: int) -> list[Report]:
    """Parsed synthetic reports, published on time; every fourth gets an error in its
    (七)总计 row (so the engine also builds findings, as on real batches)."""
    templates = [t for t in checker.templates if t.extends is None]
    reports = []
    for index in range(count):
        template = templates[index % len(templates)]
        synthetic = example_report(template, seed=index)
        synthetic = evolve(synthetic, published=datetime.date(synthetic.year + 1, 1, 20))
        text = render_text(synthetic, Layout.TSV)
        report = checker.reader.read_text(text, source=f"synthetic-{index}")
        if report.meta.level is Level.TOWNSHIP:  # townships make no 规章
            report = evolve(
                report,
                cells={
                    **report.cells,
                    **{k: Cell(0) for k in report.cells if k.startswith("proactive.regulations.")},
                },
            )
        if index % 4 == 3:
            key = "requests.results_total.natural_person"
            cell = report.cells[key]
            value = (cell.value or 0) + 1
            report = evolve(report, cells={**report.cells, key: Cell(value, cell.provenance)})
        reports.append(report)
    return reports


def hand_checker(
    result_rows: Sequence[str], all_rows: Sequence[str]
) -> Callable[[Report], list[str]]:
    """The national arithmetic, written by hand: returns the failing checks' names."""
    balance = [
        (
            c,
            f"requests.new.{c}",
            f"requests.carried_over.{c}",
            f"requests.results_total.{c}",
            f"requests.carry_forward.{c}",
        )
        for c in COLUMNS
    ]
    results = [
        (c, f"requests.results_total.{c}", [f"requests.{r}.{c}" for r in result_rows])
        for c in COLUMNS
    ]
    rows = [(r, f"requests.{r}.total", [f"requests.{r}.{c}" for c in APPLICANTS]) for r in all_rows]
    appeals = [
        (r, f"appeals.{r}.total", [f"appeals.{r}.{p}" for p in APPEAL_PARTS]) for r in APPEAL_ROWS
    ]

    def check(report: Report) -> list[str]:
        values = {}
        for key, cell in report.cells.items():
            value = cell.value
            values[key] = 0 if value is None else value
        get = values.get
        failures = []
        for column, new, carried, total, forward in balance:
            if (
                new in values
                and total in values
                and get(new, 0) + get(carried, 0) != get(total, 0) + get(forward, 0)
            ):
                failures.append(f"NAT-B1:{column}")
        for column, total, parts in results:
            if total in values and sum(get(p, 0) for p in parts) != values[total]:
                failures.append(f"NAT-B3:{column}")
        for row, total, parts in rows:
            if total in values and sum(get(p, 0) for p in parts) != values[total]:
                failures.append(f"NAT-B4:{row}")
        for row, total, parts in appeals:
            if total in values and sum(get(p, 0) for p in parts) != values[total]:
                failures.append(f"NAT-C1:{row}")
        for key, value in values.items():
            if key.startswith(("requests.", "appeals.")) and (
                value < 0 or (isinstance(value, Decimal) and value != value.to_integral_value())
            ):
                failures.append(f"range:{key}")
        return failures

    return check


def timed(functions: Sequence[Callable[[], Any]], rounds: int) -> list[list[float]]:
    """CPU time of each function per round. The rounds are interleaved (a round of
    each, then the next), so a change in the load of a shared machine falls on all of
    them alike instead of on whichever happened to run then."""
    for function in functions:
        function()  # warm up (and build caches)
    times: list[list[float]] = [[] for _ in functions]
    gc.disable()
    try:
        for _ in range(rounds):
            for function, spent in zip(functions, times, strict=True):
                start = time.process_time()
                function()
                spent.append(time.process_time() - start)
    finally:
        gc.enable()
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)

    checker = Checker(entry_points=False)
    engine = checker.engine(["national"])
    reports = make_reports(checker, args.reports)
    template = next(t for t in checker.templates if t.id == "national-2021")
    rows = [row.id for row in template.table("requests").rows]
    result_rows = [
        r for r in rows if r not in ("new", "carried_over", "results_total", "carry_forward")
    ]
    result_rows.append("other_handling")  # the 2019 single row; absent cells count 0
    hand = hand_checker(result_rows, [*rows, "other_handling"])

    # Both must agree on which reports have arithmetic errors.
    arithmetic = {"NAT-B1", "NAT-B3", "NAT-B4", "NAT-C1", "NAT-B5", "NAT-C2"}
    for report in reports:
        by_engine = bool(engine.check(report).rule_ids() & arithmetic)
        by_hand = bool(hand(report))
        if by_engine != by_hand:
            print(
                f"disagreement on {report.source}: engine {by_engine}, hand {by_hand}",
                file=sys.stderr,
            )
            return 2

    engine_times, hand_times = timed(
        [lambda: [engine.check(r) for r in reports], lambda: [hand(r) for r in reports]],
        args.rounds,
    )
    engine_rate = len(reports) / statistics.median(engine_times)
    hand_rate = len(reports) / statistics.median(hand_times)
    ratio = hand_rate / engine_rate
    checks = engine.plan("national-2021", 2022).instances
    summary = {
        "reports": len(reports),
        "rounds": args.rounds,
        "checks_per_report": checks,
        "engine_reports_per_second": round(engine_rate),
        "hand_reports_per_second": round(hand_rate),
        "ratio_engine_to_hand": round(ratio, 2),
        "target_ratio": 2.0,
        "target_reports_per_second": 10_000,
        "ratio_ok": ratio <= 2.0,
        "rate_ok": engine_rate >= 10_000,
    }
    if args.json:
        print(json.dumps(summary, indent=1))
        return 0
    print(f"{len(reports)} parsed reports, median of {args.rounds} interleaved rounds (CPU time)")
    print(
        f"  engine, whole national stack ({checks} checks/report): {engine_rate:10,.0f} reports/s"
    )
    print(f"  hand-written arithmetic only:                   {hand_rate:10,.0f} reports/s")
    print(
        f"  ratio engine / hand-written: {ratio:.2f}x (target <= 2x): "
        + ("PASS" if ratio <= 2.0 else "FAIL")
    )
    print(
        f"  engine rate: {engine_rate:,.0f}/s (target >= 10,000/s): "
        + ("PASS" if engine_rate >= 10_000 else "FAIL")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
