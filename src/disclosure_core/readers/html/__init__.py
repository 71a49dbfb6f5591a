"""HTML reader: a crawled report page, read into paragraphs and tables.

A report page is mostly chrome (menus, search forms, scripts, link lists, footers)
around one article: the report's narrative paragraphs and its data tables, usually
pasted from Word (``<p><span>`` soup, ``<o:p>``, ``<font>``, conditional comments).

The page is parsed by lxml without network access; elements that are never content
are dropped; inline markup is unwrapped; the article's container is chosen by a
readability-style score (paragraph text counts for its parent and, half, for its
grandparent), widened when needed so that it holds the page's largest data tables
too. Blocks are then read from that container in document order: every ``<table>`` a
:class:`Table`, every block-level run of text a :class:`Paragraph`.

Page metadata (``<title>``, the ``ArticleTitle``/``PubDate``/… ``<meta>`` tags a CMS
writes, a ``发布时间：…`` line in the chrome, the links to document files a page that
publishes its report as an attachment holds) goes into ``Document.properties``.
"""

from __future__ import annotations

import codecs
import re
from typing import Any
from urllib.parse import unquote

from disclosure_core.errors import EmptyInputError, InputError, UnsupportedFormatError
from disclosure_core.readers.document import Block, Document, Paragraph
from disclosure_core.readers.html.blocks import Blocks, collapse_spaces
from disclosure_core.readers.html.page import Page
from disclosure_core.readers.sniff import (
    MAX_INPUT_BYTES,
    check_size,
    check_text_bytes,
    decode,
    drop_invisible,
)

_UTF8_NAMES = frozenset({"utf-8", "utf8"})
_UTF16_32_BOMS = (
    codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE
)  # fmt: skip
#: Bytes searched for a declared character encoding.
_SNIFF_BYTES = 4096

_XML_DECLARED = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I
)
_META_DECLARED = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_XML_DECLARATION_BYTES = re.compile(rb"^\s*<\?xml[^>]*>")

# fmt: off
#: Never content, dropped with everything inside them.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "canvas", "audio", "video", "select", "button", "input", "textarea", "link", "meta",
)
#: Page chrome: dropped, but a publication date may be read from their text first.
_CHROME_TAGS = ("nav", "aside", "header", "footer")
#: Inline markup: unwrapped (its text is merged into its parent). ``<a>`` stays,
#: since link text does not count towards a container's score.
_INLINE_TAGS = (
    "span", "font", "o:p", "b", "strong", "em", "i", "u", "s", "strike", "sup", "sub",
    "small", "big", "label", "abbr", "acronym", "cite", "code", "dfn", "kbd", "q", "samp",
    "tt", "var", "mark", "ins", "del", "nobr", "time", "bdi", "bdo", "wbr", "img", "data",
)
# fmt: on


_META_NAMES = {
    name.lower(): name
    for name in ("ArticleTitle", "PubDate", "ContentSource", "Url", "SiteName", "ColumnName")
}
_DATE_KEYWORDS = ("时间", "日期")
_PAGE_DATE = re.compile(
    r"(?:发布|发文|成文|印发|公开|更新)?\s*(?:时间|日期)\s*[:：]\s*"
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?)?"
)


#: Files a page may publish its report in, instead of as the page's own text.
ATTACHMENT_SUFFIXES = (
    ".pdf", ".doc", ".docx", ".wps", ".ofd", ".xls", ".xlsx", ".et", ".zip", ".rar", ".7z"
)  # fmt: skip
#: A name or address that ends in one of them (before a query or a fragment).
_DOCUMENT_FILE = re.compile(
    r"\.(?:"
    + "|".join(re.escape(suffix[1:]) for suffix in ATTACHMENT_SUFFIXES)
    + r")\s*(?:[?#]|$)",
    re.IGNORECASE,
)
#: The address of a frame or a plugin: <iframe src=…>, <embed src=…>, <object data=…>.
_EMBEDDED = re.compile(
    rb"<(?:iframe|embed|object)\b[^>]*?\b(?:src|data)\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE
)
#: Attachments kept in ``Document.properties``: a page lists a few, a file index many.
_MAX_ATTACHMENTS = 20
#: Less article text than this, and no table, is a page that may only name its report
#: (every complete report in the corpus has 2,400 characters or more, glued ones too).
_SHORT_PAGE = 1500


def read_html_bytes(data: bytes, source: str, *, limit: int = MAX_INPUT_BYTES) -> Document:
    """Decode and read a report page given as bytes.

    The encoding is the one the page declares (``<meta charset>``, ``<meta
    http-equiv="Content-Type">``, an XML declaration) when the bytes are not UTF-8,
    else GB18030; it is recorded as ``properties["encoding"]``.
    """
    check_size(data, source, limit=limit)
    check_text_bytes(data, source)
    declared = declared_charset(data)
    if not data.startswith(_UTF16_32_BOMS) and (
        declared is None or declared.lower().replace("_", "-") in _UTF8_NAMES
    ):
        # Most pages are UTF-8: the parser is fed the bytes as they are, and says when
        # they are not UTF-8. Decoding them first only to check would cost a tenth of
        # what parsing them costs. (A page that declares another encoding is decoded
        # first, as before: parsing it twice would cost more.)
        signed = data.startswith(codecs.BOM_UTF8)
        markup = data[3:] if signed else data
        try:
            document = _read(_XML_DECLARATION_BYTES.sub(b"", markup, count=1), source, True)
        except _NotUtf8:
            pass
        else:
            return _with_encoding(document, "utf-8-sig" if signed else "utf-8")
    # The declared encoding is only used when the page is not UTF-8.
    text, encoding = decode(data, source, declared=declared)
    if encoding == "utf-8":  # valid UTF-8 to Python, not to libxml2: read as before
        markup = data
    elif encoding == "utf-8-sig":
        markup = data[3:]
    else:
        markup = text.encode("utf-8", "replace")
    document = _read(_XML_DECLARATION_BYTES.sub(b"", markup, count=1), source)
    return _with_encoding(document, encoding)


class _NotUtf8(Exception):
    """The bytes :func:`_read` was given as UTF-8 are not."""


def _with_encoding(document: Document, encoding: str) -> Document:
    return Document(
        source=document.source,
        format=document.format,
        blocks=document.blocks,
        properties={**document.properties, "encoding": encoding},
    )


def declared_charset(data: bytes) -> str | None:
    """The character encoding a page declares in its first 4 KB, if any."""
    head = data[:_SNIFF_BYTES]
    match = _XML_DECLARED.match(head) or _META_DECLARED.search(head)
    if match is None:
        return None
    return match.group(1).decode("ascii")


def read_html(text: str, source: str = "<html>") -> Document:
    """Read a report page's markup into a :class:`Document`."""
    markup = _XML_DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
    return _read(markup.encode("utf-8", "replace"), source)


def _read(markup: bytes, source: str, unchecked: bool = False) -> Document:
    """Read UTF-8 markup (without an XML declaration); ``unchecked``: the bytes may not
    be UTF-8, and :class:`_NotUtf8` is raised when libxml2 finds they are not."""
    try:
        from lxml import etree
    except ImportError:
        raise UnsupportedFormatError(
            source, "reading HTML needs lxml: pip install 'disclosure-core[html]'"
        ) from None

    if not markup or markup.isspace():  # markup.strip() is empty, without a copy
        raise EmptyInputError(source, "the page is empty")
    # The options of lxml.html.HTMLParser, without its element class lookup: that is a
    # Python call for every element proxy and would double the cost of the walks below.
    # No network, no DTD, no external entities: the parser never fetches anything.
    # No table of id attributes either (nothing here looks an element up by its id):
    # 3 % of the parse's instructions.
    parser = etree.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        collect_ids=False,
    )
    try:
        root = etree.fromstring(markup, parser)
    except (etree.Error, ValueError) as exc:
        if unchecked:
            raise _NotUtf8 from None  # decoded first, the page may parse
        raise InputError(source, f"cannot parse the page: {exc}") from None
    if unchecked and parser.error_log.filter_types(etree.ErrorTypes.ERR_INVALID_ENCODING):
        raise _NotUtf8
    if root is None:
        raise EmptyInputError(source, "the page holds no elements")
    # libxml2 stops at its limits (elements nested more than 256 deep, a text node of
    # more than 10 MB) and keeps what it read so far: the report would come out short
    # without a word. The limits stay (they bound the walks below); the page is refused.
    last_error = parser.error_log.last_error
    if last_error is not None and last_error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
        raise InputError(
            source,
            f"the page is cut off here: {last_error.message.strip()} (a limit of lxml; "
            "the rest of the page would be lost)",
            where=f"line {last_error.line}",
        )

    properties = _metadata(root)
    dated: list[tuple[int, str]] = []  # (line, text) of chrome that may hold a date
    for element in list(root.iter(*_CHROME_TAGS)):
        chrome_text = " ".join(element.itertext())
        if any(keyword in chrome_text for keyword in _DATE_KEYWORDS):
            dated.append((element.sourceline or 0, chrome_text))
        if element.tag == "header" and _inside_article(element):
            continue  # an article's own heading: its title is kept
        _drop(element)
    etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    etree.strip_tags(root, *_INLINE_TAGS)

    body = root.find("body")
    if body is None:
        body = root
    page = Page()
    page.score(body, 0)
    content = page.content_root(body)
    dated.extend(page.chrome_text(content))
    page_date = _page_date(dated)
    if page_date is not None:
        properties["page_date_text"] = page_date

    blocks = Blocks(page).read(content)
    attachments = _attachments(content)
    if not attachments and _short(blocks):
        # A page that only names its report may score its footer above the few words
        # around the link: then the link is anywhere. (Not looked for on every page:
        # the chrome's hundreds of links would cost a few per cent of the reading.)
        # Or it shows the file in a viewer, whose frame was dropped with the chrome.
        attachments = _attachments(body) or _embedded(markup)
    if attachments:
        properties["attachments"] = "\n".join(f"{name}\t{href}" for name, href in attachments)
    return Document(source=source, format="html", blocks=tuple(blocks), properties=properties)


def _embedded(markup: bytes) -> list[tuple[str, str]]:
    """``(file name, address)`` of document files a page shows in a frame or a plugin
    (``<iframe src=".../viewer.html?file=/f/nb.pdf">``, ``<embed src="nb.pdf">``,
    ``<object data=...>``), read from the markup: the reader drops those elements."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for match in _EMBEDDED.finditer(markup):
        address = match.group(1).decode("utf-8", "replace").strip()
        if _DOCUMENT_FILE.search(address) and address not in seen:
            seen.add(address)
            # the file's own name: the last piece of the (decoded) address that is one
            pieces = re.split(r"[/=?&]", unquote(address.split("#", 1)[0]))
            name = next((p for p in reversed(pieces) if _DOCUMENT_FILE.search(p)), address)
            found.append((name, address))
            if len(found) >= _MAX_ATTACHMENTS:
                break
    return found


def _short(blocks: list[Block]) -> bool:
    """Whether ``blocks`` are too little to be a report: no table, little text."""
    length = 0
    for block in blocks:
        if not isinstance(block, Paragraph):
            return False
        length += len(block.text)
        if length >= _SHORT_PAGE:
            return False
    return True


def _attachments(root: Any) -> list[tuple[str, str]]:
    """``(link text, href)`` of the links under ``root`` to document files (a report
    published as a PDF or Word attachment), by the address or by the link text, since
    a download address may name no file (``/download?id=…``)."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    search = _DOCUMENT_FILE.search
    # A page's chrome holds hundreds of links: each costs one look at its address and
    # its own text (inline markup is unwrapped by now), nothing more unless it matches.
    for link in root.iter("a"):
        href = link.get("href")
        if not href or not (search(href) or search(link.text or "")):
            continue
        href = href.strip()
        if href in seen:
            continue
        seen.add(href)
        found.append((collapse_spaces("".join(link.itertext())), href))
        if len(found) >= _MAX_ATTACHMENTS:
            break
    return found


def _metadata(root: Any) -> dict[str, str]:
    properties: dict[str, str] = {}
    for element in root.iter("title", "meta"):
        if element.tag == "title":
            if "title" not in properties:
                title = collapse_spaces(drop_invisible("".join(element.itertext())))
                if title:
                    properties["title"] = title
            continue
        name = _META_NAMES.get((element.get("name") or "").strip().lower())
        if name is not None and name not in properties:
            content = collapse_spaces(drop_invisible(element.get("content") or ""))
            if content:
                properties[name] = content
    return properties


def _drop(element: Any) -> None:
    """Remove ``element`` and its content, keeping the text that follows it."""
    parent = element.getparent()
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _inside_article(element: Any) -> bool:
    return any(ancestor.tag == "article" for ancestor in element.iterancestors())


def _page_date(dated: list[tuple[int, str]]) -> str | None:
    for _line, text in sorted(dated, key=lambda item: item[0]):
        match = _PAGE_DATE.search(drop_invisible(text))
        if match is not None:
            return collapse_spaces(match.group(0))
    return None
