"""The ``disclosure`` command line: thin, it parses arguments and picks a writer."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from disclosure_core import __version__
from disclosure_core.api import ReportReader
from disclosure_core.errors import DisclosureError, InputError
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
    reader: ReportReader,
    files: Sequence[str],
    progress: Progress,
    template: str | None,
    fmt: str | None,
) -> Iterator[dict[str, Any]]:
    for file in files:
        try:
            report = reader.read(file, template=template, format=fmt)
            yield export.report_record(report, file)
        except InputError as exc:
            yield export.error_record(file, str(exc))
        except (DisclosureError, KeyError) as exc:
            yield export.error_record(file, f"{file}: {exc}")
        progress.step(file)


def cmd_export(args: argparse.Namespace) -> int:
    files = list(iter_inputs(args.paths))
    if not files:
        print(
            "disclosure export: no report files found in " + " ".join(args.paths), file=sys.stderr
        )
        return EXIT_UNREADABLE
    reader = ReportReader()
    out: TextIO = (
        sys.stdout
        if args.output in (None, "-")
        else open(  # noqa: SIM115
            args.output, "w", encoding="utf-8", newline=""
        )
    )
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
            cell_ids = _cell_ids(reader)
            export.write_csv(counted(), out, cell_ids)
    finally:
        progress.finish()
        if out is not sys.stdout:
            out.close()
    if failures:
        print(f"disclosure: {failures} of {len(files)} files could not be read", file=sys.stderr)
    return EXIT_UNREADABLE if failures else EXIT_OK


def _cell_ids(reader: ReportReader) -> list[str]:
    seen: dict[str, None] = {}
    for template in sorted(reader.templates, key=lambda t: -t.first_year):
        for cell_id in template.cell_ids():
            seen.setdefault(cell_id, None)
    return list(seen)


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
        choices=("text", "html"),
        help="force a reader instead of choosing by suffix",
    )
    export_parser.add_argument(
        "--progress",
        action="store_true",
        help="show progress on stderr even when it is not a terminal",
    )
    export_parser.set_defaults(handler=cmd_export)
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
