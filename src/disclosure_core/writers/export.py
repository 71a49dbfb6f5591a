"""``disclosure export``: one record per input file, as JSON Lines, JSON or CSV.

The JSONL record is a public contract (it is what ``corpus-eval`` scores)::

    {"source": PATH, "template": ID, "meta": {"body", "level", "year", "published", ...},
     "cells": {cell_id: number or null}, "notes": [...]}

and for a file that could not be read ``{"source": PATH, "error": "what and where"}``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, TextIO

from disclosure_core.model.report import CellValue, ParseNote, Report

#: Version of the export record layout; bumped when a field changes meaning.
EXPORT_SCHEMA_VERSION = 1


def number(value: CellValue) -> int | float | None:
    """A cell value as a JSON number (decimals as floats; they print back exactly)."""
    if value is None or isinstance(value, int):
        return value
    return float(value)


def note_record(note: ParseNote) -> dict[str, Any]:
    """A parse note as a plain dict, without empty fields."""
    record: dict[str, Any] = {"code": note.code.value, "message": note.message}
    for key in ("element", "found", "expected", "line", "variant"):
        value = getattr(note, key)
        if value is not None:
            record[key] = value
    return record


def report_record(report: Report, source: str) -> dict[str, Any]:
    """The export record of a report that was read."""
    meta = report.meta
    return {
        "source": source,
        "template": report.template,
        "meta": {
            "body": meta.body,
            "level": meta.level.value if meta.level is not None else None,
            "division_code": meta.division_code,
            "year": meta.year,
            "published": meta.published.isoformat() if meta.published else None,
            "page_date": meta.page_date.isoformat() if meta.page_date else None,
            "title": meta.title,
        },
        "cells": {cell_id: number(cell.value) for cell_id, cell in report.cells.items()},
        "uncertain": sorted(cell_id for cell_id, cell in report.cells.items() if cell.uncertain),
        "notes": [note_record(note) for note in report.notes],
    }


def error_record(
    source: str, message: str, attachments: Sequence[tuple[str, str]] = ()
) -> dict[str, Any]:
    """The export record of a file that could not be read; for a page that only links
    to its report, ``attachments`` lists the files (``{"name", "href"}``) to read instead."""
    record: dict[str, Any] = {"source": source, "error": message}
    if attachments:
        record["attachments"] = [{"name": name, "href": href} for name, href in attachments]
    return record


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> None:
    """One JSON object a line, flushed as it goes (a long run shows progress)."""
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=_default) + "\n")
        out.flush()


def write_json(records: Iterable[dict[str, Any]], out: TextIO) -> None:
    """A JSON document: ``{"schema_version": 1, "reports": [...]}``."""
    data = {"schema_version": EXPORT_SCHEMA_VERSION, "reports": list(records)}
    out.write(json.dumps(data, ensure_ascii=False, indent=1, default=_default) + "\n")


def csv_columns(cell_ids: Sequence[str]) -> list[str]:
    """The CSV header: file and metadata columns, then one column per cell ID."""
    return ["source", "template", "year", "body", "level", "published", "error", *cell_ids]


def write_csv(records: Iterable[dict[str, Any]], out: TextIO, cell_ids: Sequence[str]) -> None:
    """One row per report, one column per cell ID (blank and absent cells are empty)."""
    writer = csv.writer(out, lineterminator="\n")
    columns = csv_columns(cell_ids)
    writer.writerow(columns)
    for record in records:
        meta = record.get("meta") or {}
        cells = record.get("cells") or {}
        row = [
            record.get("source", ""),
            record.get("template") or "",
            meta.get("year") or "",
            meta.get("body") or "",
            meta.get("level") or "",
            meta.get("published") or "",
            record.get("error", ""),
        ]
        row.extend(_csv_value(cells.get(cell_id)) for cell_id in cell_ids)
        writer.writerow(row)
        out.flush()


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps_records(records: Iterable[dict[str, Any]]) -> str:
    """JSON Lines text of some records (for tests and small integrations)."""
    buffer = io.StringIO()
    write_jsonl(records, buffer)
    return buffer.getvalue()
