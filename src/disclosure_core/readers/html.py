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
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Union
from urllib.parse import unquote

from disclosure_core.errors import EmptyInputError, InputError, UnsupportedFormatError
from disclosure_core.readers.document import Block, Document, Paragraph, Position, Table, TextCell
from disclosure_core.readers.sniff import (
    MAX_INPUT_BYTES,
    check_size,
    check_text_bytes,
    decode,
    drop_invisible,
)
from disclosure_core.readers.text import PAGE_MARK, read_text

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
#: Elements whose boundaries end a paragraph (and become a space inside a cell).
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote",
        "pre", "section", "article", "center", "address", "ul", "ol", "dl", "main", "figure",
        "figcaption", "hr", "fieldset", "legend", "details", "summary", "form", "br",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "body", "html",
        "header", "footer", "nav", "aside", "menu", "dir", "listing", "xmp", "plaintext",
    }
)
# fmt: on
#: Scored for the text they hold whatever their content.
_SCORED_TAGS = frozenset({"p", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre"})
#: Scored when they hold text of their own (not only child blocks).
_SCORED_WHEN_TEXT = frozenset({"div", "td", "th"})
#: Childless elements that still need :meth:`_Page.score`'s bookkeeping.
_WALKED_LEAVES = frozenset({"a", "td", "th", "tr", "table", "form"})
_SCORED_LEAVES = (_SCORED_TAGS | _SCORED_WHEN_TEXT) - _WALKED_LEAVES
#: Childless elements a cell may hold and still be read by ``_Page._row``'s fast path.
_PLAIN_BLOCKS = _BLOCK_TAGS - _WALKED_LEAVES
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_TABLE_PARTS = frozenset({"table", "tr", "td", "th"})
_CELLS = frozenset({"td", "th"})

#: A ``<form>`` with less non-link text than this is a search or login form.
_SMALL_FORM = 200
#: A table nested in another table with at least this many rows and cells makes the
#: outer table a layout table (read as blocks, not as one table of huge cells).
_DATA_TABLE_ROWS = 3
_DATA_TABLE_CELLS = 6
#: So does a cell holding most of the table's text when it is prose: this much text,
#: or this much in this many paragraphs (a report table's longest label is some 40
#: characters on one to three lines).
_ARTICLE_CELL = 200
_PROSE_CELL = 60
_PROSE_BLOCKS = 3
_PROSE_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"})
#: Tables with at least this share of the largest table's cells must be in the root.
_LARGE_TABLE_SHARE = 0.5
_MAX_SPAN = 1000

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
_SPAN_DIGITS = re.compile(r"\s*(\d+)")
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

#: A cell as ``_Page._row`` reads it: a :class:`TextCell`, or the cell element itself
#: when it is left for ``_Blocks`` to read.
_CellRead = Union[TextCell, Any]  # noqa: UP007 - runtime alias


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
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
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
    page = _Page()
    page.score(body, 0)
    content = page.content_root(body)
    dated.extend(page.chrome_text(content))
    page_date = _page_date(dated)
    if page_date is not None:
        properties["page_date_text"] = page_date

    blocks = _Blocks(page).read(content)
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
        found.append((_collapse("".join(link.itertext())), href))
        if len(found) >= _MAX_ATTACHMENTS:
            break
    return found


def _metadata(root: Any) -> dict[str, str]:
    properties: dict[str, str] = {}
    for element in root.iter("title", "meta"):
        if element.tag == "title":
            if "title" not in properties:
                title = _collapse(drop_invisible("".join(element.itertext())))
                if title:
                    properties["title"] = title
            continue
        name = _META_NAMES.get((element.get("name") or "").strip().lower())
        if name is not None and name not in properties:
            content = _collapse(drop_invisible(element.get("content") or ""))
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
            return _collapse(match.group(0))
    return None


def _collapse(text: str) -> str:
    """Runs of white space (including ``&nbsp;`` and ``\\u3000``) become one space."""
    return " ".join(text.split())


class _Page:
    """One walk over the page: container scores, tables, skipped forms, text pieces.

    The walk also reads the cells of the page's tables (see :meth:`_row`): they are
    most of a report page's elements, and each is touched once.
    """

    def __init__(self) -> None:
        self.accumulated: list[float] = []
        #: The best-scoring container so far: the first of equals in walk order.
        self.best: Any = None
        self.best_score = 0.0
        #: (element, own rows, own cells, text length, link text length) of every table.
        self.tables: list[tuple[Any, int, int, int, int]] = []
        #: [rows, cells, longest prose cell] of the open tables
        self.table_stack: list[list[int]] = []
        self.open_tables: list[Any] = []
        self.layout_tables: set[Any] = set()
        self.skipped: set[Any] = set()
        #: (owner, [piece, next pieces...]) of text holding a date keyword.
        self.dated: list[tuple[Any, list[str]]] = []
        self.pending: list[list[str]] = []  # of those, the ones still taking pieces
        #: The cells of every row (see :meth:`_row`): a tuple when all were read.
        self.rows: dict[Any, tuple[TextCell, ...] | list[_CellRead]] = {}
        #: Positions and cells are immutable: equal ones (on one line) are shared.
        self.positions: dict[int | None, Position] = {}
        #: (text, line, rowspan, colspan as written) -> cell
        self.cells: dict[tuple[str, int | None, str | None, str | None], TextCell] = {}

    def _piece(self, owner: Any, text: str) -> None:
        """Note a text piece that holds a date keyword, or follows one."""
        if self.pending:
            for parts in self.pending:
                parts.append(text)
            self.pending = [parts for parts in self.pending if len(parts) < 3]
        if "时间" in text or "日期" in text:
            parts = [text]
            self.dated.append((owner, parts))
            self.pending.append(parts)

    def score(self, element: Any, depth: int) -> tuple[int, int]:
        """Walk ``element``; return the length of its text and of its link text."""
        accumulated = self.accumulated
        if len(accumulated) <= depth:
            accumulated.append(0.0)
        else:
            accumulated[depth] = 0.0
        tag = element.tag
        if tag in _TABLE_PARTS:
            self._table_part(element, tag)

        total = links = 0
        own_text = False
        text = element.text
        if text:
            stripped = text.strip()
            if stripped and not stripped.isprintable():
                stripped = _visible(stripped)
            if stripped:
                total = len(stripped)
                own_text = True
                if self.pending or "时间" in stripped or "日期" in stripped:  # _DATE_KEYWORDS
                    self._piece(element, stripped)
        for child in element:
            child_tag = child.tag
            if len(child):
                if child_tag == "tr":
                    child_total, child_links = self._row(child, depth + 1)
                    total += child_total
                    links += child_links
                elif isinstance(child_tag, str):
                    child_total, child_links = self.score(child, depth + 1)
                    total += child_total
                    links += child_links
            elif child_tag in _WALKED_LEAVES:
                if child_tag == "a":  # a childless link: its text is link text
                    text = child.text
                    if text:
                        stripped = text.strip()
                        if stripped:
                            points = len(stripped)
                            total += points
                            links += points
                            if self.pending or "时间" in stripped or "日期" in stripped:
                                self._piece(child, stripped)
                else:
                    child_total, child_links = self.score(child, depth + 1)
                    total += child_total
                    links += child_links
            else:  # a childless <p>, <div>, <br>, ...: no call needed
                text = child.text
                if text:
                    stripped = text.strip()
                    if stripped:
                        points = len(stripped)
                        total += points
                        if self.pending or "时间" in stripped or "日期" in stripped:
                            self._piece(child, stripped)
                        if child_tag in _SCORED_LEAVES:
                            accumulated[depth] += points
                            if depth >= 1:
                                accumulated[depth - 1] += points / 2
            tail = child.tail
            if tail:
                stripped = tail.strip()
                if stripped and not stripped.isprintable():
                    stripped = _visible(stripped)
                if stripped:
                    total += len(stripped)
                    own_text = True
                    if self.pending or "时间" in stripped or "日期" in stripped:
                        self._piece(element, stripped)

        if tag in _WALKED_LEAVES:  # <a>, <form>, table parts
            if tag == "a":
                links = total
            elif tag == "form":
                if total - links < _SMALL_FORM:
                    self.skipped.add(element)
            elif tag == "table":
                self._table_end(element, total, links)
            elif tag in _CELLS and self.table_stack and _holds_article(element, total - links):
                counts = self.table_stack[-1]
                counts[2] = max(counts[2], total - links)
        if (tag in _SCORED_TAGS and element not in self.layout_tables) or (
            own_text and tag in _SCORED_WHEN_TEXT
        ):
            points = total - links
            if points > 0 and depth >= 1:
                accumulated[depth - 1] += points
                if depth >= 2:
                    accumulated[depth - 2] += points / 2
        score = accumulated[depth]
        if score > self.best_score:
            self.best_score = score
            self.best = element
        return total, links

    def _row(self, row: Any, depth: int) -> tuple[int, int]:
        """:meth:`score` of a ``<tr>``, reading its plain cells on the way.

        A plain cell is the usual Word cell: one childless block element, such as
        ``<td><p>text</p></td>``, and only white space around it. It is scored here
        as :meth:`score` would score it, and its text, line and spans are kept in
        :attr:`rows`, so that :class:`_Blocks` does not read it again. Other cells
        are scored by :meth:`score` and kept as they are, for ``_Blocks`` to read.
        """
        accumulated = self.accumulated
        if len(accumulated) <= depth:
            accumulated.append(0.0)
        else:
            accumulated[depth] = 0.0
        counts = self.table_stack[-1] if self.table_stack else None
        if counts is not None:
            counts[0] += 1
        # The shares of the row's score and of its parent's score from what is read
        # here: sums of integers and halves, so exact whatever the order of addition.
        row_score = parent_score = 0.0
        others = 0  # cells left to score()

        total = links = 0
        text = row.text
        if text:
            stripped = text.strip()
            if stripped:
                total = len(stripped)
                if self.pending or "时间" in stripped or "日期" in stripped:
                    self._piece(row, stripped)
        cells: list[_CellRead] = []
        append = cells.append
        shared = self.cells
        for cell in row:
            tag = cell.tag
            if tag in _CELLS and len(cell) == 1:
                child = cell[0]
                child_tag = child.tag
                if child_tag in _PLAIN_BLOCKS and not len(child):
                    cell_text = cell.text
                    child_tail = child.tail
                    if (not cell_text or cell_text.isspace()) and (
                        not child_tail or child_tail.isspace()
                    ):
                        # A plain cell, scored as score(cell, depth + 1) scores it: with
                        # no text of its own it is not scored itself; its child's points
                        # are its score, half of them the row's; with a single block it
                        # holds an article only from _ARTICLE_CELL characters on.
                        text = child.text
                        stripped = text.strip() if text else ""
                        if stripped:
                            points = len(stripped)
                            total += points
                            if self.pending or "时间" in stripped or "日期" in stripped:
                                self._piece(child, stripped)
                            if child_tag in _SCORED_LEAVES:
                                row_score += points / 2
                                if points > self.best_score:
                                    self.best_score = points
                                    self.best = cell
                            if points >= _ARTICLE_CELL and counts is not None:
                                counts[2] = max(counts[2], points)
                            # _Blocks._cell_text: the text around the block is white
                            # space; a number or a word has none to collapse.
                            if not stripped.isalnum():
                                stripped = " ".join(stripped.split())
                        # Keyed by the spans as written: equal cells are shared, and
                        # the spans are read only for a cell not seen yet.
                        line = cell.sourceline
                        rowspan = cell.get("rowspan")
                        colspan = cell.get("colspan")
                        key = (stripped, line, rowspan, colspan)
                        text_cell = shared.get(key)
                        if text_cell is None:
                            text_cell = shared[key] = TextCell(
                                stripped,
                                self.position(line),
                                1 if rowspan is None else _span(rowspan),
                                1 if colspan is None else _span(colspan),
                            )
                        append(text_cell)
                        tail = cell.tail
                        if tail:
                            stripped = tail.strip()
                            if stripped:
                                total += len(stripped)
                                if self.pending or "时间" in stripped or "日期" in stripped:
                                    self._piece(row, stripped)
                        continue
            if tag in _CELLS:  # any other cell: scored by score(), read by _Blocks
                append(cell)
                others += 1
                cell_total, cell_links = self.score(cell, depth + 1)
                total += cell_total
                links += cell_links
            elif len(cell) or tag in _WALKED_LEAVES:
                if isinstance(tag, str):
                    cell_total, cell_links = self.score(cell, depth + 1)
                    total += cell_total
                    links += cell_links
            else:  # a childless element that is not a cell, as in score()
                text = cell.text
                if text:
                    stripped = text.strip()
                    if stripped:
                        points = len(stripped)
                        total += points
                        if self.pending or "时间" in stripped or "日期" in stripped:
                            self._piece(cell, stripped)
                        if tag in _SCORED_LEAVES:
                            row_score += points
                            if depth >= 1:
                                parent_score += points / 2
            tail = cell.tail
            if tail:
                stripped = tail.strip()
                if stripped:
                    total += len(stripped)
                    if self.pending or "时间" in stripped or "日期" in stripped:
                        self._piece(row, stripped)
        if counts is not None:
            counts[1] += len(cells) - others  # the plain cells (score() counts the others)
        self.rows[row] = cells if others else tuple(cells)
        if parent_score:
            accumulated[depth - 1] += parent_score
        score = accumulated[depth] + row_score
        accumulated[depth] = score
        if score > self.best_score:
            self.best_score = score
            self.best = row
        return total, links

    def position(self, line: int | None) -> Position:
        """The page's position for ``line``."""
        position = self.positions.get(line)
        if position is None:
            position = self.positions[line] = Position(line)
        return position

    def _table_part(self, element: Any, tag: str) -> None:
        if tag == "table":
            self.table_stack.append([0, 0, 0])
            self.open_tables.append(element)
        elif self.table_stack:
            self.table_stack[-1][0 if tag == "tr" else 1] += 1

    def _table_end(self, table: Any, total: int, links: int) -> None:
        rows, cells, prose = self.table_stack.pop()
        self.open_tables.pop()
        self.tables.append((table, rows, cells, total, links))
        if prose and 2 * prose >= total - links:
            # Most of its text is an article in one cell: it lays the page out.
            self.layout_tables.add(table)
        if rows >= _DATA_TABLE_ROWS and cells >= _DATA_TABLE_CELLS:
            # A data table inside a table: the outer one lays the page out.
            self.layout_tables.update(self.open_tables)

    def content_root(self, body: Any) -> Any:
        """The best-scoring container, widened to hold the largest data tables."""
        root = self.best
        if root is None:
            return body
        # A table row or row group is never the article: take its table.
        while root.tag in _ROW_GROUPS or root.tag == "tr":
            parent = root.getparent()
            if parent is None:
                break
            root = parent
        lineage = _lineage(root)
        data_tables = [
            (element, cells)
            for element, rows, cells, total, links in self.tables
            if rows >= 2
            and cells >= _DATA_TABLE_CELLS
            and total > 2 * links  # a link list laid out as a table is chrome
            and element not in self.layout_tables
            and element not in lineage
        ]
        if data_tables:
            largest = max(cells for _element, cells in data_tables)
            for element, cells in data_tables:
                if cells >= largest * _LARGE_TABLE_SHARE:
                    root = _common_ancestor(lineage, element)
                    lineage = _lineage(root)
        return root

    def chrome_text(self, root: Any) -> list[tuple[int, str]]:
        """Text outside ``root`` near a date keyword, as ``(line, text)``."""
        found: list[tuple[int, str]] = []
        for owner, parts in self.dated:
            if owner is root or root in _lineage(owner):
                continue
            found.append((owner.sourceline or 0, " ".join(parts)))
        return found


def _visible(text: str) -> str:
    """``text`` stripped of white space and invisible characters: a text of zero-width
    spaces between two blocks is no text of their container's (see :meth:`_Page.score`).
    Only called for text that is not printable, which text without them is."""
    return drop_invisible(text).strip()


def _holds_article(cell: Any, length: int) -> bool:
    """Whether a table cell holds an article (prose), not a figure or a label."""
    if length >= _ARTICLE_CELL:
        return True
    if length < _PROSE_CELL or len(cell) < _PROSE_BLOCKS:
        return False
    blocks = sum(1 for child in cell if child.tag in _PROSE_TAGS)
    return blocks >= _PROSE_BLOCKS


def _lineage(element: Any) -> set[Any]:
    """``element`` and its ancestors."""
    lineage = {element}
    lineage.update(element.iterancestors())
    return lineage


def _common_ancestor(lineage: set[Any], element: Any) -> Any:
    """The lowest ancestor-or-self of ``element`` in ``lineage``."""
    if element in lineage:
        return element
    for ancestor in element.iterancestors():
        if ancestor in lineage:
            return ancestor
    return element  # unreachable: the lineages share the root element


def _without_page_marks(blocks: list[Block]) -> list[Block]:
    """``blocks`` without the page marks (``- 3 -``) of a PDF or Word file pasted into
    the page, where they stand between two parts of a table cut by a page break: read
    as text, the number would be a value no row takes. In a page's markup a table row
    is a ``<tr>``, so next to a table such a paragraph is no row of it."""
    if not any(isinstance(block, Table) for block in blocks):
        return blocks
    last = len(blocks) - 1
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if (
            isinstance(block, Paragraph)
            and PAGE_MARK.match(block.text)
            and not _NO_PAGE.search(block.text)
            and (
                (index > 0 and isinstance(blocks[index - 1], Table))
                or (index < last and isinstance(blocks[index + 1], Table))
            )
        ):
            continue
        kept.append(block)
    return kept


#: There is no page 0: ``- 0 -`` is a table's row (blank, 0, blank) written as text.
_NO_PAGE = re.compile(r"(?<!\d)0+(?!\d)")


class _Blocks:
    """Paragraphs and tables of a content root, in document order."""

    def __init__(self, page: _Page) -> None:
        self.skipped = page.skipped
        self.layout_tables = page.layout_tables
        self.rows = page.rows
        self._position = page.position
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.line: int | None = None

    def read(self, root: Any) -> list[Block]:
        if root.tag == "table" and root not in self.layout_tables:
            self._table(root)
        else:
            self._visit(root)
            self._flush()
        if any(isinstance(b, Paragraph) and b.text.count("|") >= 2 for b in self.blocks):
            return _text_table_rows(self.blocks)
        return _without_page_marks(self.blocks)

    def _add(self, text: str, line: int | None) -> None:
        if not self.buffer:
            if text.isspace():
                return
            self.line = line
        self.buffer.append(text)

    def _flush(self) -> None:
        if self.buffer:
            text = _collapse("".join(self.buffer))
            self.buffer.clear()
            if not text.isprintable():  # collapsed text is, unless it holds a control
                text = drop_invisible(text)  # or invisible character: a paragraph of
                # zero-width spaces (an editor's "empty" paragraph) is no paragraph
            if text:
                self.blocks.append(Paragraph(text, self._position(self.line)))

    def _visit(self, element: Any) -> None:
        text = element.text
        if text:
            self._add(text, element.sourceline)
        skipped = self.skipped
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or (skipped and child in skipped):
                pass
            elif tag == "table" and child not in self.layout_tables:
                self._flush()
                self._table(child)
            elif tag == "pre":
                self._flush()
                self._preformatted(child)
            elif tag in _BLOCK_TAGS:
                self._flush()
                if len(child):
                    self._visit(child)
                else:
                    text = child.text
                    if text:
                        self._add(text, child.sourceline)
                self._flush()
            elif len(child):  # inline markup lxml did not unwrap: <a>, <st1:chsdate>, ...
                self._visit(child)
            else:
                text = child.text
                if text:
                    self._add(text, child.sourceline)
            tail = child.tail
            if tail:
                self._add(tail, child.sourceline)

    def _preformatted(self, pre: Any) -> None:
        """A ``<pre>``: its white space is its layout (a text table's tabs, pipes and
        line breaks), so it is read as the text reader reads a text file, each block
        at its line of the page."""
        text = "".join(pre.itertext())
        if not text.strip():
            return
        base = (pre.sourceline or 1) - 1

        def at(where: Position) -> Position:
            return self._position(base + (where.line or 1))

        self.blocks.extend(_placed(read_text(text, "<pre>").blocks, at))

    def _table(self, table: Any) -> None:
        rows: list[tuple[TextCell, ...]] = []
        for child in table:
            tag = child.tag
            if tag == "tr":
                self._row(child, rows)
            elif tag in _ROW_GROUPS:
                for row in child:
                    if row.tag == "tr":
                        self._row(row, rows)
            elif tag == "caption":
                caption = self._cell_text(child)
                if caption:
                    self.blocks.append(Paragraph(caption, self._position(child.sourceline)))
        if rows:
            self.blocks.append(Table(rows=tuple(rows), position=self._position(table.sourceline)))

    def _row(self, row: Any, rows: list[tuple[TextCell, ...]]) -> None:
        read = self.rows.get(row)
        if read is None:  # not read by _Page._row (a childless row, or in tests all rows)
            read = [cell for cell in row if cell.tag in _CELLS]
        if type(read) is tuple:  # all read by _Page._row
            if read:
                rows.append(read)
        elif read:
            rows.append(
                tuple(cell if isinstance(cell, TextCell) else self.TextCell(cell) for cell in read)
            )

    def TextCell(self, cell: Any) -> TextCell:
        """A cell that ``_Page._row`` left to read here."""
        rowspan = cell.get("rowspan")
        colspan = cell.get("colspan")
        return TextCell(
            self._cell_text(cell),
            self._position(cell.sourceline),
            1 if rowspan is None else _span(rowspan),
            1 if colspan is None else _span(colspan),
        )

    def _cell_text(self, cell: Any) -> str:
        count = len(cell)
        if not count:
            return _collapse(cell.text or "")
        if count == 1:  # the usual Word cell, <td><p>text</p></td>
            child = cell[0]
            if not len(child) and child.tag in _BLOCK_TAGS and child not in self.skipped:
                return _collapse(f"{cell.text or ''} {child.text or ''} {child.tail or ''}")
        parts: list[str] = []
        self._gather(cell, parts)
        return _collapse("".join(parts))

    def _gather(self, element: Any, parts: list[str]) -> None:
        text = element.text
        if text:
            parts.append(text)
        skipped = self.skipped
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or (skipped and child in skipped):
                pass
            elif tag in _BLOCK_TAGS:
                parts.append(" ")
                if len(child):
                    self._gather(child, parts)
                else:
                    text = child.text
                    if text:
                        parts.append(text)
                parts.append(" ")
            elif len(child):
                self._gather(child, parts)
            else:
                text = child.text
                if text:
                    parts.append(text)
            tail = child.tail
            if tail:
                parts.append(tail)


def _text_table_rows(blocks: list[Block]) -> list[Block]:
    """``blocks`` with each run of two or more paragraphs that are rows of a text table
    (``| 规章 | 0 | 0 |``: a table pasted into the page as text, as a PDF-to-markdown
    conversion writes it) read as the text reader reads those lines, each block at its
    paragraph's position."""
    out: list[Block] = []
    run: list[Paragraph] = []

    def flush() -> None:
        if len(run) < 2:
            out.extend(run)
        else:
            # each paragraph is one line of the text: line i is run[i - 1]
            lines = tuple(run)
            text = "\n".join(paragraph.text for paragraph in lines)
            out.extend(
                _placed(
                    read_text(text, "<rows>").blocks,
                    lambda where: lines[(where.line or 1) - 1].position,
                )
            )
        run.clear()

    for block in blocks:
        if isinstance(block, Paragraph) and block.text.count("|") >= 2:
            run.append(block)
        else:
            flush()
            out.append(block)
    flush()
    return out


def _placed(blocks: Iterable[Block], at: Callable[[Position], Position]) -> Iterator[Block]:
    """``blocks`` the text reader read from a page's text, each paragraph and cell at
    the page position ``at`` gives for its position in that text."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield Paragraph(block.text, at(block.position))
            continue
        rows = tuple(
            tuple(
                TextCell(cell.text, at(cell.position), cell.rowspan, cell.colspan) for cell in row
            )
            for row in block.rows
        )
        yield Table(rows=rows, position=at(block.position))


def _span(value: str | None) -> int:
    """A rowspan or colspan: leading digits as browsers read them, 1..1000, else 1."""
    if not value:
        return 1
    match = _SPAN_DIGITS.match(value)
    if match is None:
        return 1
    return min(max(int(match.group(1)), 1), _MAX_SPAN)
