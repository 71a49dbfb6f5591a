"""decode() looks for a declared encoding only when the bytes are not UTF-8."""

from __future__ import annotations

import pytest

from disclosure_core.errors import EmptyInputError
from disclosure_core.readers.html import read_html_bytes
from disclosure_core.readers.sniff import decode

PAGE = "<html><head><meta charset='gbk'></head><body><p>政府信息公开</p></body></html>"


def test_utf8_needs_no_declared_encoding() -> None:
    def declared() -> str | None:
        raise AssertionError("looked for a declared encoding of UTF-8 bytes")

    assert decode(PAGE.encode("utf-8"), "x", declared=declared) == (PAGE, "utf-8")


def test_declared_encoding_is_found_when_utf8_fails() -> None:
    asked: list[bool] = []

    def declared() -> str | None:
        asked.append(True)
        return "gbk"

    assert decode(PAGE.encode("gbk"), "x", declared=declared) == (PAGE, "gb18030")
    assert asked == [True]


def test_declared_encoding_may_be_given_as_text() -> None:
    assert decode(PAGE.encode("gbk"), "x", declared="gbk")[1] == "gb18030"


@pytest.mark.parametrize("data", [b"", b" \t\r\n\x0b\x0c", "\u3000 ".encode()])
def test_white_space_only_is_empty(data: bytes) -> None:
    with pytest.raises(EmptyInputError):
        decode(data, "x")


def test_page_in_declared_encoding_reads() -> None:
    document = read_html_bytes(PAGE.encode("gbk"), "x.html")
    assert document.properties["encoding"] == "gb18030"
    assert document.text() == "政府信息公开"
