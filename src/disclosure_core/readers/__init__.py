"""Readers: source bytes -> :class:`~disclosure_core.readers.document.Document`.

Each reader handles one source format. :data:`BUILTIN_READERS` lists the ones that
ship with the core; plugins add more through the ``register_readers`` hook. A reader
is chosen by the caller's explicit format, else by file suffix, else by sniffing the
first bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from attrs import frozen

from disclosure_core.errors import UnsupportedFormatError
from disclosure_core.readers.document import Block, Document, Paragraph, Position, Table, TextCell
from disclosure_core.readers.sniff import MAX_INPUT_BYTES, binary_kind

#: ``read(data, source, limit=...) -> Document``
ReadFunction = Callable[..., Document]


@frozen
class ReaderSpec:
    """A reader: its name, the file suffixes it claims, and how to recognise its bytes."""

    name: str
    suffixes: tuple[str, ...]
    read: ReadFunction
    sniff: Callable[[bytes], bool] | None = None
    description: str = ""


def _read_text(data: bytes, source: str, *, limit: int = MAX_INPUT_BYTES) -> Document:
    from disclosure_core.readers.text import read_text_bytes

    return read_text_bytes(data, source, limit=limit)


def _read_html(data: bytes, source: str, *, limit: int = MAX_INPUT_BYTES) -> Document:
    from disclosure_core.readers.html import read_html_bytes

    return read_html_bytes(data, source, limit=limit)


def _looks_like_html(data: bytes) -> bool:
    head = data[:4096].lstrip().lower()
    for bom in (b"\xef\xbb\xbf",):
        head = head.removeprefix(bom)
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head[:1024]


BUILTIN_READERS: tuple[ReaderSpec, ...] = (
    ReaderSpec(
        "html",
        (".html", ".htm", ".shtml", ".xhtml"),
        _read_html,
        _looks_like_html,
        "web pages (UTF-8, GBK, GB18030); needs the html extra",
    ),
    ReaderSpec(
        "text",
        (".txt", ".text", ".md", ".markdown"),
        _read_text,
        None,
        "plain text extracted from pages, PDFs, markdown or OCR",
    ),
)

#: Suffixes of formats no installed reader handles yet, with a hint for the user.
_KNOWN_UNSUPPORTED = {
    ".pdf": "PDF",
    ".docx": "Word (DOCX)",
    ".doc": "Word (DOC)",
    ".wps": "WPS",
    ".xlsx": "Excel",
    ".xls": "Excel",
}


def choose_reader(
    source: str,
    data: bytes,
    readers: Sequence[ReaderSpec] = BUILTIN_READERS,
    *,
    format: str | None = None,
) -> ReaderSpec:
    """Pick the reader for ``data``: explicit ``format``, else suffix, else sniffing."""
    if format is not None:
        for reader in readers:
            if reader.name == format:
                return reader
        known = ", ".join(reader.name for reader in readers)
        raise UnsupportedFormatError(source, f"unknown format {format!r} (known: {known})")
    lowered = source.lower()
    for reader in readers:
        if lowered.endswith(reader.suffixes):
            return reader
    for reader in readers:
        if reader.sniff is not None and reader.sniff(data):
            return reader
    for suffix, name in _KNOWN_UNSUPPORTED.items():
        if lowered.endswith(suffix):
            raise UnsupportedFormatError(
                source,
                f"no reader for {name} files is installed (readers: "
                + ", ".join(reader.name for reader in readers)
                + ")",
            )
    kind = binary_kind(data)
    if kind is not None:
        raise UnsupportedFormatError(source, f"this is {kind}; no installed reader handles it")
    fallback = next((reader for reader in readers if reader.name == "text"), None)
    if fallback is None:
        raise UnsupportedFormatError(source, "no reader handles this file")
    return fallback


__all__ = [
    "BUILTIN_READERS",
    "Block",
    "Document",
    "Paragraph",
    "Position",
    "ReaderSpec",
    "Table",
    "TextCell",
    "choose_reader",
]
