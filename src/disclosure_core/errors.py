"""Typed exceptions. Every error a user can cause is one of these, never a traceback."""

from __future__ import annotations

from collections.abc import Sequence


class DisclosureError(Exception):
    """Base class of every error disclosure-core raises on purpose."""


class InputError(DisclosureError):
    """A report could not be read: it names the source, where, and what was wrong.

    ``source`` is the path (or ``"<bytes>"``/``"<text>"``), ``where`` a position such
    as ``"byte 0"`` or ``"line 12"`` when one is known.
    """

    def __init__(self, source: str, what: str, where: str | None = None) -> None:
        self.source = source
        self.what = what
        self.where = where
        location = f" ({where})" if where else ""
        super().__init__(f"{source}{location}: {what}")


class EmptyInputError(InputError):
    """The source holds no text at all."""


class BinaryInputError(InputError):
    """The source is binary (a PDF, an image, an archive) where text was expected."""


class InputTooLargeError(InputError):
    """The source is larger than the configured limit."""


class EncodingError(InputError):
    """The source's character encoding could not be determined."""


class UnsupportedFormatError(InputError):
    """No reader handles this kind of file (a reader may need an extra installed)."""


class NoReportError(InputError):
    """The text was read, but it holds nothing that looks like an annual report."""


class AttachedReportError(NoReportError):
    """A page holds no report text, but links to files that may hold the report.

    Many sites publish the report as a PDF or Word attachment on a page that only names
    it. ``attachments`` are ``(name, href)`` pairs as the page writes them (the link
    text, and the address unresolved): the files to read instead.
    """

    #: Attachments named in the message; the rest are counted.
    SHOWN = 3

    def __init__(self, source: str, attachments: Sequence[tuple[str, str]]) -> None:
        self.attachments = tuple(attachments)
        shown = [
            f"{name} <{href}>" if name and name != href else href
            for name, href in self.attachments[: self.SHOWN]
        ]
        more = len(self.attachments) - len(shown)
        listed = "; ".join(shown) + (f" and {more} more" if more > 0 else "")
        super().__init__(
            source,
            "no report text on this page, but it links to files that may hold the report: "
            f"{listed} (read the attachment instead)",
        )


class ModelError(DisclosureError):
    """Data that should describe a model object does not (unknown keys, wrong types)."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        self.problems = list(problems)
        super().__init__(message)


class TemplateError(DisclosureError):
    """A template data file is malformed."""
