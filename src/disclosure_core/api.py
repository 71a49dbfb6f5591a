"""The Python API for integrators: read a report from a file, bytes or text.

>>> from disclosure_core import read_text
>>> report = read_text("……")                                       # doctest: +SKIP
>>> report.template, report.meta.year, report.value("requests.new.total")  # doctest: +SKIP

Unreadable input raises a subclass of :class:`~disclosure_core.errors.InputError`
naming the source and what was wrong; nothing else escapes for a user's mistake.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from disclosure_core.errors import (
    AttachedReportError,
    EmptyInputError,
    NoReportError,
    TemplateError,
)
from disclosure_core.model.report import NoteCode, Report
from disclosure_core.readers import BUILTIN_READERS, ReaderSpec, choose_reader
from disclosure_core.readers.document import Document
from disclosure_core.readers.sniff import MAX_INPUT_BYTES, read_bytes
from disclosure_core.readers.text import read_text as _text_document
from disclosure_core.recognize import Recognizer
from disclosure_core.recognize.recognizer import FIRST_NATIONAL_YEAR
from disclosure_core.templates import TemplateSpec, builtin_template_paths, load_template_file

Source = str | os.PathLike[str] | bytes


@lru_cache(maxsize=1)
def builtin_templates() -> tuple[TemplateSpec, ...]:
    """The national templates shipped with the package (loaded once)."""
    return tuple(load_template_file(path) for path in builtin_template_paths())


class ReportReader:
    """Reads reports against a set of templates and readers, compiled once.

    Build one and reuse it for many files: compiling the label index is the expensive
    part. It holds no global state; several readers with different templates (e.g.
    with and without a province's plugins) can live side by side.
    """

    def __init__(
        self,
        templates: Sequence[TemplateSpec] | None = None,
        readers: Sequence[ReaderSpec] = BUILTIN_READERS,
        *,
        limit: int = MAX_INPUT_BYTES,
        detectable: Sequence[str] | None = None,
    ) -> None:
        self.templates = tuple(templates) if templates is not None else builtin_templates()
        self.readers = tuple(readers)
        self.limit = limit
        self.recognizer = Recognizer(self.templates, detectable=detectable)

    def read(
        self,
        source: Source,
        *,
        format: str | None = None,
        template: str | None = None,
        name: str | None = None,
    ) -> Report:
        """Read a report from a path or from bytes (``name`` labels bytes in errors)."""
        document = self.document(source, format=format, name=name)
        return self.recognize(document, template=template)

    def document(
        self,
        source: Source,
        *,
        format: str | None = None,
        name: str | None = None,
    ) -> Document:
        """Read a source into a :class:`Document` (no recognition yet)."""
        if isinstance(source, bytes):
            label = name or "<bytes>"
            data = source
        else:
            label = name or str(source)
            data = read_bytes(Path(source), limit=self.limit)
        reader = choose_reader(label, data, self.readers, format=format)
        return reader.read(data, label, limit=self.limit)

    def read_text(
        self, text: str, *, source: str = "<text>", template: str | None = None
    ) -> Report:
        """Read a report given as text (already decoded)."""
        if not text.strip():
            raise EmptyInputError(source, "the text is empty")
        return self.recognize(_text_document(text, source), template=template)

    def recognize(self, document: Document, *, template: str | None = None) -> Report:
        """Recognise an already-read document.

        Raises :class:`TemplateError` when ``template`` names no template of the reader.
        """
        if template is not None and template not in {t.id for t in self.templates}:
            known = ", ".join(t.id for t in self.templates)
            raise TemplateError(f"unknown template {template!r} (known: {known})")
        report = self.recognizer.recognize(document, template=template)
        _require_report(report, document)
        return report


def _require_report(report: Report, document: Document) -> None:
    """Refuse text in which nothing looks like an annual report at all, and a page
    that only links to its report (see :class:`AttachedReportError`)."""
    if report.template is not None or report.cells:
        return
    attachments = document.properties.get("attachments")
    year = report.meta.year
    if attachments and not (year is not None and year < FIRST_NATIONAL_YEAR):
        # A year before the national format is what the rules report (NAT-NF), not
        # where the report is.
        pairs = [line.partition("\t") for line in attachments.splitlines()]
        raise AttachedReportError(
            report.source or document.source, [(name, href) for name, _, href in pairs]
        )
    signs = [report.meta.year, report.meta.title]
    not_national = any(note.code is NoteCode.NOT_NATIONAL_FORMAT for note in report.notes)
    if any(signs):
        return
    what = "no annual report found: no title, no reporting year, no sections or tables"
    if not not_national:
        what = "no annual report found"
    raise NoReportError(report.source or "<text>", what)


@lru_cache(maxsize=1)
def default_reader() -> ReportReader:
    """A reader with the national templates and the built-in readers."""
    return ReportReader()


def read(
    source: Source,
    *,
    format: str | None = None,
    template: str | None = None,
    name: str | None = None,
) -> Report:
    """Read one report (a path or bytes) with the national templates.

    ``format`` forces a reader (``"text"``, ``"html"``); ``template`` forces a template
    instead of detecting it from the labels. Raises :class:`InputError` subclasses.
    """
    return default_reader().read(source, format=format, template=template, name=name)


def read_text(text: str, *, source: str = "<text>", template: str | None = None) -> Report:
    """Read one report given as text with the national templates."""
    return default_reader().read_text(text, source=source, template=template)
