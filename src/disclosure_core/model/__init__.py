"""The core model: reports, cells, provenance, parse notes."""

from disclosure_core.model.convert import (
    converter,
    report_from_dict,
    report_from_json,
    report_to_dict,
    report_to_json,
)
from disclosure_core.model.report import (
    Cell,
    CellValue,
    Level,
    NoteCode,
    ParseNote,
    Provenance,
    Report,
    ReportMeta,
    Section,
)

__all__ = [
    "Cell",
    "CellValue",
    "Level",
    "NoteCode",
    "ParseNote",
    "Provenance",
    "Report",
    "ReportMeta",
    "Section",
    "converter",
    "report_from_dict",
    "report_from_json",
    "report_to_dict",
    "report_to_json",
]
