"""The ``disclosure`` command line: thin, it parses arguments and picks a writer."""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from disclosure_core import __version__
from disclosure_core.checker import Checker
from disclosure_core.errors import AttachedReportError, DisclosureError, InputError
from disclosure_core.findings import Adjustment, Severity
from disclosure_core.plugins import CollectionRule
from disclosure_core.rules.engine import RuleInfo
from disclosure_core.templates import TemplateSpec
from disclosure_core.writers import export

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2

#: File suffixes a directory walk picks up.
REPORT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".shtml", ".pdf", ".docx", ".doc")


def iter_inputs(paths: Sequence[str]) -> Iterator[str]:
    """The files named, with directories walked (sorted, hidden files skipped)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for file in sorted(files):
                    if not file.startswith(".") and file.lower().endswith(REPORT_SUFFIXES):
                        yield str(Path(root) / file)
        else:
            yield name


class Progress:
    """A one-line counter on stderr for long runs (only on a terminal, or when asked)."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled and total > 1
        self.done = 0

    def step(self, label: str) -> None:
        self.done += 1
        if self.enabled:
            self.stream.write(f"\r[{self.done}/{self.total}] {label[-60:]:<60}")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()


def _read_all(
    reader: Checker,
    files: Sequence[str],
    progress: Progress,
    template: str | None,
    fmt: str | None,
) -> Iterator[dict[str, Any]]:
    for file in files:
        try:
            report = reader.read(file, template=template, format=fmt)
            yield export.report_record(report, file)
        except AttachedReportError as exc:
            yield export.error_record(file, str(exc), exc.attachments)
        except InputError as exc:
            yield export.error_record(file, str(exc))
        except DisclosureError as exc:
            yield export.error_record(file, f"{file}: {exc}")
        progress.step(file)


def _unknown(command: str, what: str, value: str | None, known: Sequence[Any]) -> bool:
    """Whether ``value`` is given and not among ``known`` (names, or objects with a
    ``name``); if so, say so on stderr."""
    names = [getattr(item, "name", item) for item in known]
    if value is None or value in names:
        return False
    print(
        f"disclosure {command}: unknown {what} {value!r} (known: {', '.join(names)})",
        file=sys.stderr,
    )
    return True


def _open_output(path: str | None, newline: str | None = None) -> TextIO:
    """The file to write to: stdout for no path or ``-``; the caller closes a file."""
    if path in (None, "-"):
        return sys.stdout
    return open(path, "w", encoding="utf-8", newline=newline)


def cmd_export(args: argparse.Namespace) -> int:
    files = list(iter_inputs(args.paths))
    if not files:
        print(
            "disclosure export: no report files found in " + " ".join(args.paths), file=sys.stderr
        )
        return EXIT_UNREADABLE
    # a Checker reads with the installed plugins' readers and templates and gives each
    # report its division code; no rule runs
    reader = _checker(args)
    if _unknown("export", "input format", args.input_format, reader.reader.readers) or (
        _unknown("export", "template", args.template, [t.id for t in reader.templates])
    ):
        return EXIT_UNREADABLE
    out = _open_output(args.output, newline="")
    progress = Progress(len(files), sys.stderr, args.progress or sys.stderr.isatty())
    failures = 0

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal failures
        for record in _read_all(reader, files, progress, args.template, args.input_format):
            if "error" in record:
                failures += 1
                print(f"disclosure: {record['error']}", file=sys.stderr)
            yield record

    try:
        if args.format == "jsonl":
            export.write_jsonl(counted(), out)
        elif args.format == "json":
            export.write_json(counted(), out)
        else:
            cell_ids = _cell_ids(reader.templates)
            export.write_csv(counted(), out, cell_ids)
    finally:
        progress.finish()
        if out is not sys.stdout:
            out.close()
    if failures:
        print(f"disclosure: {failures} of {len(files)} files could not be read", file=sys.stderr)
    return EXIT_UNREADABLE if failures else EXIT_OK


def _cell_ids(templates: Sequence[TemplateSpec]) -> list[str]:
    seen: dict[str, None] = {}
    for template in sorted(templates, key=lambda t: -t.first_year):
        for cell_id in template.cell_ids():
            seen.setdefault(cell_id, None)
    return list(seen)


def _checker(args: argparse.Namespace) -> Checker:
    return Checker(
        entry_points=not args.no_plugins,
        block=args.block or (),
        rulesets=[Path(p) for p in (getattr(args, "ruleset", None) or ())],
        jurisdiction=getattr(args, "jurisdiction", None),
    )


def cmd_check(args: argparse.Namespace) -> int:
    files = list(iter_inputs(args.paths))
    if not files:
        print("disclosure check: no report files found in " + " ".join(args.paths), file=sys.stderr)
        return EXIT_UNREADABLE
    checker = _checker(args)
    writers = checker.manager.writers()
    if _unknown("check", "format", args.format, sorted(writers)):
        return EXIT_UNREADABLE
    writer = writers[args.format]
    progress = Progress(len(files), sys.stderr, args.progress or sys.stderr.isatty())
    outcomes = []
    for file in files:
        outcome = checker.check_path(file)
        if outcome.error is not None:
            print(f"disclosure: {outcome.error}", file=sys.stderr)
        outcomes.append(outcome)
        progress.step(file)
    progress.finish()
    reports = [o.report for o in outcomes if o.report is not None]
    collection = checker.check_collection(reports) if len(files) > 1 or args.collection else []
    out = _open_output(args.output)
    try:
        writer.write(outcomes, out, collection)
    finally:
        if out is not sys.stdout:
            out.close()
    for name, count in sorted(checker.uncovered.items()):
        print(
            f"disclosure: note: {count} report(s) from {name}: no installed plugin covers it; "
            "only national rules ran",
            file=sys.stderr,
        )
    unreadable = sum(1 for o in outcomes if o.error is not None)
    if unreadable:
        print(f"disclosure: {unreadable} of {len(files)} files could not be read", file=sys.stderr)
        return EXIT_UNREADABLE
    errors = any(
        f.severity is Severity.ERROR
        for o in outcomes
        if o.result is not None
        for f in o.result.findings
    ) or any(f.severity is Severity.ERROR for f in collection)
    return EXIT_FINDINGS if errors else EXIT_OK


def _rule_record(info: RuleInfo, adjustments: Sequence[Adjustment]) -> dict[str, Any]:
    spec = info.spec
    return {
        "id": info.id,
        "severity": info.severity.value,
        "kind": info.kind,
        "layer": info.layer,
        "ruleset": info.ruleset,
        "source": info.source,
        "title": {"zh": spec.title.zh, "en": spec.title.en},
        "basis": spec.basis,
        "templates": list(info.templates),
        "years": {"from": info.years.from_, "to": info.years.to},
        "reads": {t: sorted(cells) for t, cells in info.reads.items()},
        # the catalog shows each rule as its own layer declares it; what upper layers
        # do to it for their reports is in adjusted_by
        "disabled": any(a.verb == "disable" for a in adjustments),
        "adjusted_by": [
            {"layer": a.layer, "verb": a.verb, "severity": a.new, "reason": a.reason}
            for a in adjustments
        ],
    }


def _collection_record(layer: str, rule: CollectionRule) -> dict[str, Any]:
    """A collection rule in the shape of :func:`_rule_record` (it reads whole runs)."""
    return {
        "id": rule.id,
        "severity": rule.severity.value,
        "kind": "collection",
        "layer": layer,
        "ruleset": f"{layer}:collection",
        "source": "python",
        "title": {"zh": rule.title.zh, "en": rule.title.en},
        "basis": rule.basis,
        "templates": [],
        "years": {"from": None, "to": None},
        "reads": {},
        "disabled": False,
        "adjusted_by": [],
    }


def cmd_rules(args: argparse.Namespace) -> int:
    checker = _checker(args)
    catalog = checker.catalog()
    records = [
        _rule_record(info, catalog.adjustments_of(info.id)) for info in catalog.rules.values()
    ]
    collection = checker.manager.collection_rules()
    records.extend(_collection_record(layer, rule) for layer, rule in collection)
    if args.format == "json":
        print(json.dumps({"rules": records}, ensure_ascii=False, indent=1))
        return EXIT_OK
    for info in catalog.rules.values():
        flags = "".join(
            f" ({a.verb} by {a.layer}{': ' + a.new if a.new else ''})"
            for a in catalog.adjustments_of(info.id)
        )
        print(
            f"{info.id:<20} {info.severity.value:<7} {info.kind:<8} {info.layer:<10} "
            f"{info.spec.title.zh}{flags}"
        )
    for layer, rule in collection:
        print(
            f"{rule.id:<20} {rule.severity.value:<7} {'collection':<8} {layer:<10} "
            f"{rule.title.zh} (over all reports of a run)"
        )
    print(f"\n{len(records)} rules in {len(catalog.layers)} layer(s)")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    checker = _checker(args)
    catalog = checker.catalog()
    info = catalog.rules.get(args.rule_id)
    collection = {rule.id: (layer, rule) for layer, rule in checker.manager.collection_rules()}
    if info is None and args.rule_id in collection:
        _explain_collection(*collection[args.rule_id])
        return EXIT_OK
    if info is None:
        known = [*catalog.rules, *collection]
        close = [r for r in known if r.lower().startswith(args.rule_id.lower()[:4])]
        hint = f" (did you mean {', '.join(close[:5])}?)" if close else ""
        print(f"disclosure explain: no rule {args.rule_id!r}{hint}", file=sys.stderr)
        return EXIT_UNREADABLE
    spec = info.spec
    print(f"{info.id} — {spec.title.zh}\n{' ' * len(info.id)}   {spec.title.en}\n")
    print(f"severity:  {info.severity.value}")
    print(f"kind:      {info.kind}")
    print(f"layer:     {info.layer} ({info.ruleset}, {info.source})")
    print(f"templates: {', '.join(info.templates)}")
    years = f"{info.years.from_ or '…'}–{info.years.to or '…'}"
    print(f"years:     {years}")
    print(f"basis:     {spec.basis}")
    for template, cells in info.reads.items():
        if cells:
            shown = sorted(cells)
            more = f" … and {len(shown) - 12} more" if len(shown) > 12 else ""
            print(f"reads ({template}): {', '.join(shown[:12])}{more}")
    for adjustment in catalog.adjustments_of(info.id):
        change = f" to {adjustment.new}" if adjustment.verb == "relevel" else ""
        basis = f" ({adjustment.basis})" if adjustment.basis else ""
        print(
            f"{adjustment.verb}{change} by {adjustment.layer} for its reports: "
            f"{adjustment.reason}{basis}"
        )
    print(f"\nmessage:   {spec.message.zh}\n           {spec.message.en}")
    if getattr(spec, "doc", ""):
        print(f"\n{spec.doc}")
    if getattr(spec, "example", ""):
        print(f"\nexample:   {spec.example}")
    return EXIT_OK


def _explain_collection(layer: str, rule: CollectionRule) -> None:
    print(f"{rule.id} — {rule.title.zh}\n{' ' * len(rule.id)}   {rule.title.en}\n")
    print(f"severity:  {rule.severity.value}")
    print("kind:      collection (runs once over all reports of a check run)")
    print(f"layer:     {layer} (Python rule)")
    print(f"basis:     {rule.basis}")
    print(f"\nmessage:   {rule.message.zh}\n           {rule.message.en}")
    if rule.doc:
        print(f"\n{rule.doc}")


def cmd_plugins(args: argparse.Namespace) -> int:
    checker = _checker(args)
    infos = checker.manager.info()
    if args.format == "json":
        print(
            json.dumps({"plugins": [attrs.asdict(i) for i in infos]}, ensure_ascii=False, indent=1)
        )
        return EXIT_OK
    for info in infos:
        print(f"{info.name} ({info.distribution or 'not a distribution'} {info.version or ''})")
        if info.level:
            parent = f", on top of {info.parent}" if info.parent else ""
            print(f"  layer:         {info.level}{parent}")
        if info.jurisdictions:
            print(f"  jurisdictions: {', '.join(info.jurisdictions)}")
        if info.templates:
            print(f"  templates:     {', '.join(info.templates)}")
        if info.rulesets:
            print(f"  rulesets:      {', '.join(info.rulesets)} ({info.rules} rules)")
        print(f"  hooks:         {', '.join(info.hooks)}")
    for failure in checker.manager.failures:
        print(
            f"warning: plugin {failure.plugin}: {failure.hook} failed: {failure.error}",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_conformance(args: argparse.Namespace) -> int:
    from disclosure_core.testing.property_names import PROPERTY_NAMES

    unknown = sorted(set(args.property or ()) - set(PROPERTY_NAMES))
    if unknown:  # before plugins load and kits are built: a typo fails at once
        print(
            f"disclosure: unknown property {', '.join(unknown)} (known: "
            f"{', '.join(PROPERTY_NAMES)})",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    try:
        from disclosure_core.testing.kit import kit_for
    except ImportError as exc:  # Hypothesis is an optional dependency
        print(
            f"disclosure conformance needs Hypothesis ({exc}); install "
            "disclosure-core[conformance]",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    checker = _checker(args)
    try:
        kits = kit_for(
            args.plugins,
            checker=checker,
            profile=f"disclosure-{args.profile}",
            seed_value=args.seed,
        )
    except KeyError as exc:
        print(f"disclosure: {exc.args[0]}", file=sys.stderr)
        return EXIT_UNREADABLE
    records = []
    failed = False
    for kit in kits:
        label = " + ".join(kit.layers)
        if args.format == "text":
            print(f"{label}")
        for verdict in kit.run_iter(args.property or None):
            failed = failed or not verdict.passed
            records.append(attrs.asdict(verdict))
            if args.format == "text":
                mark = "PASS" if verdict.passed else "FAIL"
                print(f"  {mark}  {verdict.property:<15} {verdict.title} ({verdict.seconds:.1f} s)")
                if not verdict.passed:
                    print(textwrap.indent(textwrap.fill(verdict.detail, 88), " " * 8))
                    if verdict.rules:
                        print(f"        rules: {', '.join(verdict.rules)}")
                sys.stdout.flush()
    if args.format == "json":
        print(
            json.dumps(
                {"passed": not failed, "verdicts": records},
                ensure_ascii=False,
                indent=1,
                default=str,
            )
        )
    elif failed:
        print("conformance: FAILED")
    else:
        print("conformance: every property holds")
    return EXIT_FINDINGS if failed else EXIT_OK


def _plugin_options(
    parser: argparse.ArgumentParser,
    *,
    rulesets: bool = True,
    only: str = "national rules only",
) -> None:
    """``--ruleset`` (when rules run), ``--no-plugins`` and ``--block``: what loads."""
    if rulesets:
        parser.add_argument(
            "--ruleset",
            action="append",
            metavar="FILE",
            help="an extra ruleset file, stacked on top (repeatable)",
        )
    parser.add_argument(
        "--no-plugins",
        action="store_true",
        help=f"{only}: do not load installed plugins",
    )
    parser.add_argument(
        "--block", action="append", metavar="NAME", help="do not load the plugin NAME (repeatable)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="disclosure",
        description="Read and check 政府信息公开工作年度报告 (government information "
        "disclosure annual reports).",
    )
    parser.add_argument("--version", action="version", version=f"disclosure-core {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    export_parser = commands.add_parser(
        "export",
        help="read reports and write their figures (JSONL, JSON or CSV)",
        description="Read each report (files, or directories walked) and write one record "
        "per file: template, metadata, every cell under its canonical ID, parse notes.",
    )
    export_parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="report files or directories"
    )
    export_parser.add_argument(
        "--format",
        choices=("jsonl", "json", "csv"),
        default="jsonl",
        help="output format (default: jsonl)",
    )
    export_parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of stdout"
    )
    export_parser.add_argument("--template", help="force a template instead of detecting it")
    export_parser.add_argument(
        "--input-format",
        metavar="READER",
        help="force a reader instead of choosing by suffix: text, html, or a plugin's",
    )
    _plugin_options(
        export_parser, rulesets=False, only="national templates and built-in readers only"
    )
    export_parser.add_argument(
        "--progress",
        action="store_true",
        help="show progress on stderr even when it is not a terminal",
    )
    export_parser.set_defaults(handler=cmd_export)

    check_parser = commands.add_parser(
        "check",
        help="check reports against the national rules and installed plugins",
        description="Read and check each report. Exit code 0: no error findings; 1: error "
        "findings; 2: a file or a ruleset could not be read.",
    )
    check_parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="report files or directories"
    )
    check_parser.add_argument(
        "--format", default="text", help="text (default), json or sarif, or a plugin's writer"
    )
    check_parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of stdout"
    )
    check_parser.add_argument(
        "--jurisdiction",
        metavar="CODE_OR_NAME",
        help="check as a report of this division code or place",
    )
    check_parser.add_argument(
        "--collection", action="store_true", help="run collection rules even for a single file"
    )
    check_parser.add_argument(
        "--progress",
        action="store_true",
        help="show progress on stderr even when it is not a terminal",
    )
    _plugin_options(check_parser)
    check_parser.set_defaults(handler=cmd_check)

    rules_parser = commands.add_parser(
        "rules", help="list the rules of the national rulesets and installed plugins"
    )
    rules_parser.add_argument("--format", choices=("text", "json"), default="text")
    _plugin_options(rules_parser)
    rules_parser.set_defaults(handler=cmd_rules)

    explain_parser = commands.add_parser("explain", help="show one rule: basis, cells, example")
    explain_parser.add_argument("rule_id", metavar="RULE_ID")
    _plugin_options(explain_parser)
    explain_parser.set_defaults(handler=cmd_explain)

    plugins_parser = commands.add_parser("plugins", help="list installed plugins")
    plugins_parser.add_argument("--format", choices=("text", "json"), default="text")
    _plugin_options(plugins_parser)
    plugins_parser.set_defaults(handler=cmd_plugins)

    conformance_parser = commands.add_parser(
        "conformance",
        help="prove with generated reports that a plugin's rules are consistent",
        description="Run the conformance kit (Hypothesis properties) on the national layer "
        "and on each plugin named (by layer or distribution name), each on top of the "
        "layers beneath it; with no name, on every installed layer. Exit code 0: every "
        "property holds; 1: a property fails; 2: a plugin or ruleset could not be loaded.",
    )
    conformance_parser.add_argument(
        "plugins", nargs="*", metavar="PLUGIN", help="plugin layers to check (default: all)"
    )
    conformance_parser.add_argument(
        "--profile",
        choices=("ci", "thorough"),
        default="ci",
        help="ci: quick (default); thorough: many more examples, for releases",
    )
    conformance_parser.add_argument("--seed", type=int, help="fixed Hypothesis seed")
    conformance_parser.add_argument(
        "--property",
        action="append",
        metavar="NAME",
        help="run only this property (repeatable)",
    )
    conformance_parser.add_argument("--format", choices=("text", "json"), default="text")
    _plugin_options(conformance_parser)
    conformance_parser.set_defaults(handler=cmd_conformance)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``disclosure`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_UNREADABLE
    try:
        result: int = handler(args)
    except KeyboardInterrupt:
        print("disclosure: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except DisclosureError as exc:
        print(f"disclosure: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:
        print(f"disclosure: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
