"""disclosure-core: read and check Chinese government information disclosure annual reports.

The pipeline: source bytes -> :class:`~disclosure_core.readers.Document` (readers) ->
:class:`~disclosure_core.model.Report` (recognition against a template) -> findings
(rules). Start with :func:`read` or :func:`read_text`.
"""

from disclosure_core.api import ReportReader, read, read_text
from disclosure_core.errors import (
    AttachedReportError,
    BinaryInputError,
    DisclosureError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    ModelError,
    NoReportError,
    TemplateError,
    UnsupportedFormatError,
)
from disclosure_core.model import (
    Cell,
    Level,
    NoteCode,
    ParseNote,
    Provenance,
    Report,
    ReportMeta,
    Section,
)

__version__ = "0.1.0"

__all__ = [
    "AttachedReportError",
    "BinaryInputError",
    "Cell",
    "DisclosureError",
    "EmptyInputError",
    "EncodingError",
    "InputError",
    "InputTooLargeError",
    "Level",
    "ModelError",
    "NoReportError",
    "NoteCode",
    "ParseNote",
    "Provenance",
    "Report",
    "ReportMeta",
    "ReportReader",
    "Section",
    "TemplateError",
    "UnsupportedFormatError",
    "__version__",
    "read",
    "read_text",
]
