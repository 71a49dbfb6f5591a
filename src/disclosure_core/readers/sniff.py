"""Checks every reader runs on raw input: size, binary content, character encoding, and
the invisible characters it drops from text.

Reports and rulesets are untrusted input: a reader never loads more than
:data:`MAX_INPUT_BYTES`, never guesses at binary data, and says which file is wrong.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from disclosure_core.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
)

#: Largest input a reader accepts. Annual reports are tens to hundreds of kilobytes;
#: a crawled page with its chrome rarely passes 2 MB.
MAX_INPUT_BYTES = 20 * 1024 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a DOCX or XLSX file?)"),
    (b"\xd0\xcf\x11\xe0", "an OLE document (an old .doc or .xls file?)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"\x1f\x8b", "a gzip archive"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOM_PREFIXES = tuple(bom for bom, _ in _BOMS)

#: Control bytes that do not occur in text (tab, line feed, form feed, carriage
#: return and escape do); counted with ``bytes.translate``, not a Python loop.
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 12, 13, 27))


def read_bytes(path: Path, *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read a file, refusing one larger than ``limit`` before reading it."""
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if path.is_dir():
        raise InputError(source, "is a directory")
    if size > limit:
        raise InputTooLargeError(
            source, f"{size:,} bytes is larger than the {limit:,}-byte limit for a report"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    check_size(data, source, limit=limit)
    return data


def check_size(data: bytes, source: str, *, limit: int = MAX_INPUT_BYTES) -> None:
    """Refuse input larger than ``limit`` bytes."""
    if len(data) > limit:
        raise InputTooLargeError(
            source, f"more than {limit:,} bytes is larger than the limit for a report"
        )


#: Characters that take no room on the page: zero-width spaces and joiners, a BOM inside
#: the text, soft hyphens, direction marks. Web editors scatter them through crawled
#: text (an "empty" cell holding a zero-width space, one inside a figure or a label), where
#: they would split figures and hide labels. Readers drop them.
INVISIBLE_CHARACTERS = (
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\ufeff"
)
_INVISIBLE_TABLE = dict.fromkeys(map(ord, INVISIBLE_CHARACTERS))


def has_invisible(text: str) -> bool:
    """Whether ``text`` holds any of :data:`INVISIBLE_CHARACTERS`."""
    # One scan a character finds none in a few microseconds; a regex or str.translate
    # over the whole text costs several times that on the usual text without any.
    return any(char in text for char in INVISIBLE_CHARACTERS)


def drop_invisible(text: str) -> str:
    """``text`` without :data:`INVISIBLE_CHARACTERS`."""
    return text.translate(_INVISIBLE_TABLE) if has_invisible(text) else text


#: The first bytes of an input, which tell binary data from text.
_HEAD_BYTES = 8192


def binary_kind(data: bytes) -> str | None:
    """What kind of binary data this is, or ``None`` when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(_BOM_PREFIXES):
        return None
    head = data[:_HEAD_BYTES]
    if b"\x00" in head:
        if utf16_without_bom(head) is not None:
            return None
        return "binary data (it contains NUL bytes)"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls / len(head) > 0.05:
        return "binary data (too many control characters)"
    return None


#: Characters that any report text has many of, and that read in the wrong byte order
#: become rare ones (a line feed, 0A 00, read big-endian is U+0A00).
_COMMON = frozenset("\n 0123456789，。、")


@lru_cache(maxsize=4)  # binary_kind and decode both ask, of the same first bytes
def utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``head`` (a file's first bytes) is
    UTF-16 text written without a byte-order mark, else ``None``.

    Such text has NUL bytes (the high byte of every ASCII character), so it would pass
    for binary data. The byte order whose reading holds many line feeds, spaces,
    digits and Chinese punctuation, and no NUL or other control character, is taken.
    """
    even = len(head) - len(head) % 2
    best: tuple[int, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = head[:even].decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(ord(char) < 32 and char not in "\t\n\r\f" for char in text):
            continue
        common = sum(1 for char in text if char in _COMMON)
        if common * 10 >= len(text) and (best is None or common > best[0]):
            best = (common, encoding)
    return best[1] if best is not None else None


def check_text_bytes(data: bytes, source: str) -> None:
    """Refuse bytes that are empty (or only ASCII white space) or binary."""
    if not data or data.isspace():  # data.strip() is empty, without copying the data
        raise EmptyInputError(source, "the file is empty")
    kind = binary_kind(data)
    if kind is not None:
        raise BinaryInputError(source, f"this is {kind}, not text", where="byte 0")


def decode(
    data: bytes,
    source: str,
    *,
    declared: str | Callable[[], str | None] | None = None,
) -> tuple[str, str]:
    """Decode report bytes to text; returns ``(text, encoding)``.

    Order: a byte-order mark, UTF-8, the encoding the document declares, GB18030 (a
    superset of GBK and GB2312, the usual encodings of Chinese government pages), then
    charset-normalizer's detection when it is installed. ``declared`` may be a function
    that finds the declared encoding: it is only called when UTF-8 does not fit.
    """
    check_text_bytes(data, source)
    candidates: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            candidates.append(encoding)
            break
    else:
        head = data[:_HEAD_BYTES]
        if b"\x00" in head:  # not binary (checked above): UTF-16 without a BOM
            sixteen = utf16_without_bom(head)
            if sixteen is not None:
                candidates.append(sixteen)
    candidates.append("utf-8")
    decoded = _first_fit(data, candidates)
    if decoded is None:
        # Only now look for a declared encoding: most pages are UTF-8.
        if callable(declared):
            declared = declared()
        candidates = [_canonical_encoding(declared)] if declared else []
        decoded = _first_fit(data, [*candidates, "gb18030"])
    if decoded is not None:
        return _checked(decoded[0], source), decoded[1]
    detected = _detect(data)
    if detected is not None:
        return _checked(detected[0], source), detected[1]
    raise EncodingError(source, "cannot tell the character encoding (tried UTF-8 and GB18030)")


def _first_fit(data: bytes, encodings: list[str]) -> tuple[str, str] | None:
    """``(text, encoding)`` for the first encoding that decodes ``data``, else None."""
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _checked(text: str, source: str) -> str:
    if not text or text.isspace():  # text.strip() is empty, without copying the text
        raise EmptyInputError(source, "the file holds only white space")
    return text


def _canonical_encoding(name: str) -> str:
    lowered = name.strip().lower()
    # GB2312 and GBK pages routinely contain GBK-only or GB18030-only characters.
    if lowered in {"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn"}:
        return "gb18030"
    return lowered


def _detect(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is in the html extra
        return None
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    return str(best), str(best.encoding)
