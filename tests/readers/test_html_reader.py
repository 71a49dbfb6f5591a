"""Tests of the HTML reader on synthetic pages (and, when present, the shared corpus)."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path
from typing import Any

import pytest

from disclosure_core.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    UnsupportedFormatError,
)
from disclosure_core.readers.document import Document, Paragraph, Table, TextCell
from disclosure_core.readers.html import declared_charset, read_html, read_html_bytes
from disclosure_core.readers.sniff import decode

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "reports"

# A report page as a CMS serves it: menus, a search form, scripts and a footer around
# an article pasted from Word (conditional comments, <o:p>, <font>/<span> soup).
WORD_PAGE = """<!DOCTYPE html>
<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="示例县人民政府">
<meta name="ArticleTitle" content="示例县2023年政府信息公开工作年度报告">
<meta name="PubDate" content="2024-01-20 10:00">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ContentSource" content="">
<meta name="Keywords" content="不收录的关键词">
<title>示例县2023年政府信息公开工作年度报告_政府信息公开年报_示例县人民政府</title>
<style>.menu { color: red }</style>
<script>var tip = "脚本里的提示文字";</script>
</head>
<body>
<div class="top">
  <ul class="menu">
    <li><a href="/">网站首页</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
  </ul>
  <nav><a href="/bszn/">办事指南</a> <a href="/zxft/">在线访谈</a></nav>
  <form action="/search" class="search">
    <input name="q" value="请输入关键词"> <button type="submit">站内搜索</button>
    <span>热门搜索：</span><a href="/search?q=nb">年报</a>
  </form>
</div>
<div class="main">
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/nb/">年报</a></div>
  <div class="info"><span>来源：示例县政府办</span> <span>发布时间：2024-01-20</span></div>
  <div class="article">
    <h2>示例县2023年政府信息公开工作年度报告</h2>
    <p class=MsoNormal><!--[if !supportLists]--><span lang=EN-US>一、<span
    >&nbsp;&nbsp;</span></span><!--[endif]--><span style="font-family:黑体">总体情况</span
    ><o:p></o:p></p>
    <p class=MsoNormal><span>2023年，本县认真贯彻落实</span><font face="仿宋">《条例》</font
    ><span>要求，</span><b>主动公开</b><span>政府信息一千余条，依申请公开工作有序开展。</span
    ><o:p>&nbsp;</o:p></p>
    <p class=MsoNormal><o:p>&nbsp;</o:p></p>
    <div class="part"><p>一是完善工作机制，明确专人负责信息发布审核。</p><p
    >二是加强平台建设，及时更新政府信息公开专栏。</p></div>
    <p>本报告电子版可在县政府网站下载<br>如有疑问请与县政府办公室联系</p>
    <p>三、收到和处理政府信息公开申请情况</p>
    <table class=MsoNormalTable border=1 cellspacing=0>
     <tbody>
      <tr>
       <td colspan="3" rowspan="2"><p><span
       >（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</span></p></td>
       <td colspan="2"><p><span>申请人情况</span></p></td>
      </tr>
      <tr>
       <td><p><span>自然人</span></p></td>
       <td><p><span>总计</span></p></td>
      </tr>
      <tr>
       <td colspan="3"><p><span>一、本年新收政府信息公开申请数量</span></p></td>
       <td><p><span>12</span></p></td>
       <td><p><span>12<o:p></o:p></span></p></td>
      </tr>
      <tr>
       <td rowspan="2"><p><span>三、本年度</span></p><p><span>办理结果</span></p></td>
       <td colspan="2"><p>（一）予以公开</p></td>
       <td><p><span>7</span></p></td>
       <td><p><span>&nbsp;</span></p></td>
      </tr>
      <tr>
       <td colspan=2>（二）部分公开<br>（区分处理的，只计这一情形）</td>
       <td>&nbsp;</td>
       <td rowspan="x">0</td>
      </tr>
     </tbody>
    </table>
    <p>四、其他需要报告的事项</p>
    <p>本年度未收取信息处理费。</p>
  </div>
  <div class="share"><a href="#">分享到微信</a> <button>打印本页</button>
    <button>关闭窗口</button></div>
</div>
<div class="footer">
  <p><a href="/about/">关于我们</a> | <a href="/map/">网站地图</a></p>
  <p>版权所有：示例县人民政府　联系电话：0000-12345678</p>
</div>
<footer>技术支持：示例网络公司</footer>
<script>document.write("页脚脚本文字");</script>
</body>
</html>
"""

CHROME = (
    "网站首页",
    "互动交流",
    "办事指南",
    "站内搜索",
    "请输入关键词",
    "热门搜索",
    "当前位置",
    "来源：",
    "发布时间",
    "分享到微信",
    "打印本页",
    "版权所有",
    "联系电话",
    "0000-12345678",
    "技术支持",
    "脚本里的提示文字",
    "页脚脚本文字",
    "color: red",
)


def paragraphs(document: Document) -> list[str]:
    return [block.text for block in document.blocks if isinstance(block, Paragraph)]


def tables(document: Document) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table)]


def spans(cell: TextCell) -> tuple[str, int, int]:
    return (cell.text, cell.rowspan, cell.colspan)


@pytest.fixture(scope="module")
def word_page() -> Document:
    return read_html_bytes(WORD_PAGE.encode("utf-8"), "word-page.html")


def test_page_chrome_is_ignored(word_page: Document) -> None:
    text = word_page.text()
    for chrome in CHROME:
        assert chrome not in text, chrome


def test_word_paragraphs(word_page: Document) -> None:
    assert paragraphs(word_page) == [
        "示例县2023年政府信息公开工作年度报告",
        "一、 总体情况",
        "2023年，本县认真贯彻落实《条例》要求，主动公开政府信息一千余条，依申请公开工作有序开展。",
        "一是完善工作机制，明确专人负责信息发布审核。",
        "二是加强平台建设，及时更新政府信息公开专栏。",
        "本报告电子版可在县政府网站下载",
        "如有疑问请与县政府办公室联系",
        "三、收到和处理政府信息公开申请情况",
        "四、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]


def test_blocks_are_in_document_order(word_page: Document) -> None:
    kinds = [type(block).__name__ for block in word_page.blocks]
    assert kinds == ["Paragraph"] * 8 + ["Table"] + ["Paragraph"] * 2


def test_word_table_rows_cells_and_spans(word_page: Document) -> None:
    (table,) = tables(word_page)
    rows = [[spans(cell) for cell in row] for row in table.rows]
    assert rows == [
        [
            ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 2, 3),
            ("申请人情况", 1, 2),
        ],
        [("自然人", 1, 1), ("总计", 1, 1)],
        [("一、本年新收政府信息公开申请数量", 1, 3), ("12", 1, 1), ("12", 1, 1)],
        [("三、本年度 办理结果", 2, 1), ("（一）予以公开", 1, 2), ("7", 1, 1), ("", 1, 1)],
        [
            ("（二）部分公开 （区分处理的，只计这一情形）", 1, 2),
            ("", 1, 1),
            ("0", 1, 1),  # rowspan="x" is read as 1
        ],
    ]


def test_positions_have_lines(word_page: Document) -> None:
    (table,) = tables(word_page)
    assert table.position.line is not None
    lines = [cell.position.line for row in table.rows for cell in row]
    assert all(isinstance(line, int) for line in lines)
    assert lines == sorted(line or 0 for line in lines)
    assert table.rows[0][0].position.line == WORD_PAGE.splitlines().index("      <tr>") + 2
    for block in word_page.blocks:
        if isinstance(block, Paragraph):
            assert isinstance(block.position.line, int)


def test_page_properties(word_page: Document) -> None:
    assert word_page.format == "html"
    assert word_page.source == "word-page.html"
    assert word_page.properties == {
        "title": "示例县2023年政府信息公开工作年度报告_政府信息公开年报_示例县人民政府",
        "SiteName": "示例县人民政府",
        "ArticleTitle": "示例县2023年政府信息公开工作年度报告",
        "PubDate": "2024-01-20 10:00",
        "ColumnName": "政府信息公开年报",
        "page_date_text": "发布时间：2024-01-20",
        "encoding": "utf-8",
    }


def test_read_html_from_text_has_no_encoding_property() -> None:
    document = read_html(WORD_PAGE)
    assert document.source == "<html>"
    assert "encoding" not in document.properties
    assert document.blocks == read_html_bytes(WORD_PAGE.encode(), "x").blocks


def test_text_between_blocks_is_said_once() -> None:
    page = """<html><body><div class="article">开头的文字<p>第一段文字。</p>中间的文字
    <div><div><p>嵌套的段落。</p></div></div><span>结尾</span>的<a href="#">文字</a></div>
    </body></html>"""
    assert paragraphs(read_html(page)) == [
        "开头的文字",
        "第一段文字。",
        "中间的文字",
        "嵌套的段落。",
        "结尾的文字",
    ]


def test_page_marks_between_the_parts_of_a_cut_table_are_dropped() -> None:
    # A Word file saved as a web page keeps its PDF page marks between the two parts
    # of a table cut by a page break; a page mark elsewhere is text like any other,
    # and '- 0 -' is no page (there is no page 0).
    page = """<html><body><div>
    <p>第一段文字，说明下表的来历，字数足够多，使这里成为正文。</p>
    <table><tr><td>规章</td><td>1</td></tr><tr><td>行政规范性文件</td><td>2</td></tr></table>
    <p>- 3 -</p>
    <table><tr><td>行政许可</td><td>4</td></tr></table>
    <p>— 0 —</p>
    <table><tr><td>行政处罚</td><td>5</td></tr></table>
    <p>第二段文字。</p>
    <p>- 4 -</p>
    </div></body></html>"""
    assert paragraphs(read_html(page)) == [
        "第一段文字，说明下表的来历，字数足够多，使这里成为正文。",
        "— 0 —",
        "第二段文字。",
        "- 4 -",
    ]
    assert len(tables(read_html(page))) == 3


def test_nested_table_text_goes_to_its_cell() -> None:
    page = """<html><body><div>
    <p>主动公开政府信息情况如下表所示，数据截至当年年底，单位为条。</p>
    <table>
      <tr><th>信息内容</th><th>数量</th></tr>
      <tr><td>规章<table><tr><td>其中</td><td>新制作</td></tr></table></td><td>3</td></tr>
    </table>
    </div></body></html>"""
    (table,) = tables(read_html(page))
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["信息内容", "数量"],
        ["规章 其中 新制作", "3"],
    ]


def test_root_is_widened_to_hold_the_report_tables() -> None:
    narrative = "".join(
        f"<p>第{n}段：本机关依法做好政府信息公开工作，回应社会关切。</p>" for n in range(8)
    )
    rows = "".join(f"<tr><td>第{n}项</td><td>{n}</td><td>0</td><td>{n}</td></tr>" for n in range(6))
    page = f"""<html><body>
    <div class="menu"><a href="/">首页</a><a href="/a">栏目一</a><a href="/b">栏目二</a></div>
    <div class="content">
      <div class="text">{narrative}</div>
      <div class="attachment"><table>{rows}</table></div>
    </div>
    <div class="footer"><p>主办单位：示例市人民政府办公室</p></div>
    </body></html>"""
    document = read_html(page)
    assert len(paragraphs(document)) == 8
    (table,) = tables(document)
    assert len(table.rows) == 6
    assert "主办单位" not in document.text()
    assert "栏目一" not in document.text()


def test_layout_table_page() -> None:
    rows = "".join(f"<tr><td>第{n}项</td><td>{n}</td><td>{n}</td></tr>" for n in range(5))
    page = f"""<html><body>
    <table width="980">
      <tr><td><a href="/">首页</a> | <a href="/gk">信息公开</a> | <a href="/hd">互动</a></td></tr>
      <tr><td class="article">
        <p>一、总体情况</p>
        <p>本年度，本机关认真落实政府信息公开条例，依法主动公开各类政府信息。</p>
        <p>二、收到和处理政府信息公开申请情况</p>
        <table border="1">{rows}</table>
      </td></tr>
      <tr><td>地址：示例路1号　邮编：000000</td></tr>
    </table>
    </body></html>"""
    document = read_html(page)
    (table,) = tables(document)
    assert [cell.text for cell in table.rows[2]] == ["第2项", "2", "2"]
    assert paragraphs(document)[:2] == [
        "一、总体情况",
        "本年度，本机关认真落实政府信息公开条例，依法主动公开各类政府信息。",
    ]
    assert "首页" not in document.text()
    assert "邮编" not in document.text()


def test_html5_chrome_elements() -> None:
    page = """<!DOCTYPE html><html><head><title>年报</title></head><body>
    <header><div class="logo">示例市人民政府门户网站</div><nav><a href="/">首页</a></nav></header>
    <main>
      <article>
        <header><h1>示例市2019年政府信息公开工作年度报告</h1></header>
        <section><p>本报告根据条例要求编制，全文包括总体情况、主动公开情况等六个部分。</p></section>
        <section><h3>二、主动公开政府信息情况</h3>
          <table><tr><th>信息内容</th><th>本年新制作数量</th></tr>
          <tr><td>规章</td><td>0</td></tr></table></section>
      </article>
      <aside><h3>相关文章</h3><p>示例市2018年政府信息公开工作年度报告的解读材料</p></aside>
    </main>
    <footer><table><tr><td>发布日期:</td><td>2020-01-31</td></tr></table>
      <p>网站标识码：0000000000</p></footer>
    </body></html>"""
    document = read_html(page)
    assert paragraphs(document) == [
        "示例市2019年政府信息公开工作年度报告",
        "本报告根据条例要求编制，全文包括总体情况、主动公开情况等六个部分。",
        "二、主动公开政府信息情况",
    ]
    assert [[cell.text for cell in row] for row in tables(document)[0].rows] == [
        ["信息内容", "本年新制作数量"],
        ["规章", "0"],
    ]
    assert document.properties == {"title": "年报", "page_date_text": "发布日期: 2020-01-31"}


def test_spans_are_clamped() -> None:
    page = """<html><body><p>统计表如下，所有数字均为本年度数据，单位为件。</p><table>
    <tr><td rowspan="0">a</td><td colspan="5000">b</td><td colspan="-2">c</td>
        <td rowspan=" 3 ">d</td><td colspan="2px">e</td></tr></table></body></html>"""
    (table,) = tables(read_html(page))
    assert [spans(cell) for cell in table.rows[0]] == [
        ("a", 1, 1),
        ("b", 1, 1000),
        ("c", 1, 1),
        ("d", 3, 1),
        ("e", 1, 2),
    ]


def test_gbk_page_with_meta_charset() -> None:
    page = (
        '<html><head><meta charset="gbk"><title>某乡政府信息公开年报</title></head>'
        "<body><p>本年新收政府信息公开申请数量为零，上年结转政府信息公开申请数量为零。</p>"
        "<table><tr><td>本年新收政府信息公开申请数量</td><td>0</td></tr></table></body></html>"
    )
    document = read_html_bytes(page.encode("gbk"), "gbk.html")
    assert document.properties["encoding"] == "gb18030"
    assert document.properties["title"] == "某乡政府信息公开年报"
    assert paragraphs(document) == [
        "本年新收政府信息公开申请数量为零，上年结转政府信息公开申请数量为零。"
    ]
    assert tables(document)[0].rows[0][0].text == "本年新收政府信息公开申请数量"


def test_gb2312_page_without_declaration_falls_back_to_gb18030() -> None:
    page = (
        "<html><head><title>政府信息公开工作年度报告</title></head><body>"
        "<p>本报告由县人民政府办公室编制，统计期限自一月一日起至十二月三十一日止。</p>"
        "</body></html>"
    )
    document = read_html_bytes(page.encode("gb2312"), "gb2312.html")
    assert document.properties["encoding"] == "gb18030"
    assert paragraphs(document) == [
        "本报告由县人民政府办公室编制，统计期限自一月一日起至十二月三十一日止。"
    ]


def test_a_utf8_page_is_parsed_without_being_decoded_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # libxml2 checks the bytes as it parses them; a Python decode would cost a tenth of
    # the parse again (a UTF-8 page is the usual case).
    from disclosure_core.readers import html

    def no_decode(*args: object, **kwargs: object) -> None:
        raise AssertionError("decoded")

    monkeypatch.setattr(html, "decode", no_decode)
    page = "<html><body><p>统计说明。</p></body></html>".encode()
    for data, encoding in ((page, "utf-8"), (codecs.BOM_UTF8 + page, "utf-8-sig")):
        document = read_html_bytes(data, "x.html")
        assert paragraphs(document) == ["统计说明。"]
        assert document.properties["encoding"] == encoding


def test_a_page_that_declares_another_encoding_is_parsed_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from disclosure_core.readers import html

    parsed: list[bytes] = []
    read = html._read

    def counting(markup: bytes, *args: Any) -> Document:
        parsed.append(markup)
        return read(markup, *args)

    monkeypatch.setattr(html, "_read", counting)
    page = '<html><head><meta charset="gbk"></head><body><p>统计说明。</p></body></html>'
    document = read_html_bytes(page.encode("gbk"), "x.html")
    assert (paragraphs(document), document.properties["encoding"]) == (["统计说明。"], "gb18030")
    assert len(parsed) == 1  # decoded first: no parse as UTF-8 that would fail
    # A page in UTF-8 that declares GBK (a common slip) is still read as UTF-8.
    parsed.clear()
    document = read_html_bytes(page.encode("utf-8"), "x.html")
    assert (paragraphs(document), document.properties["encoding"]) == (["统计说明。"], "utf-8")
    assert len(parsed) == 1


def test_pages_not_in_utf8_are_decoded_as_before() -> None:
    page = "<html><head><title>年报</title></head><body><p>统计说明。</p></body></html>"
    # UTF-16 with its byte-order mark: not given to the parser as UTF-8 at all.
    document = read_html_bytes(page.encode("utf-16"), "x.html")
    assert (paragraphs(document), document.properties["encoding"]) == (["统计说明。"], "utf-16")
    # UTF-8 but for one GBK character: libxml2 says so, and the page goes to decode(),
    # as it did before libxml2 was asked: neither UTF-8 nor GB18030 reads all of it.
    broken = page.encode("utf-8").replace("说明".encode(), "的".encode("gbk"))
    for read in (decode, read_html_bytes):
        with pytest.raises(EncodingError, match="cannot tell the character encoding"):
            read(broken, "x.html")


def test_http_equiv_and_xml_declarations() -> None:
    assert (
        declared_charset(
            b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        )
        == "gb2312"
    )
    assert declared_charset(b'<?xml version="1.0" encoding="GBK"?><html>') == "GBK"
    assert declared_charset(b"<html><head><title>x</title></head></html>") is None
    page = '<?xml version="1.0" encoding="gbk"?>\n<html><body><p>统计说明。</p></body></html>'
    assert paragraphs(read_html_bytes(page.encode("gbk"), "x.xhtml")) == ["统计说明。"]
    assert paragraphs(read_html(page)) == ["统计说明。"]


def test_empty_input() -> None:
    with pytest.raises(EmptyInputError):
        read_html_bytes(b"", "empty.html")
    with pytest.raises(EmptyInputError):
        read_html_bytes(b"  \n\t", "blank.html")
    with pytest.raises(EmptyInputError):
        read_html("")


def test_a_preformatted_text_table_keeps_its_cells() -> None:
    """Text pasted into ``<pre>``: its tabs, pipes and line breaks are its layout, read
    as the text reader reads them, at the page's lines."""
    page = (
        "<html><body><div class='article'><p>示例县2023年政府信息公开工作年度报告</p>\n"
        "<pre>二、主动公开政府信息情况\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "规章\t0\t\t3\n"
        "| 行政许可 | 12 |\n"
        "</pre><p>三、收到和处理政府信息公开申请情况</p></div></body></html>"
    )
    document = read_html(page)
    assert paragraphs(document) == [
        "示例县2023年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
    ]
    rows = [[cell.text for cell in row] for table in tables(document) for row in table.rows]
    assert ["规章", "0", "", "3"] in rows
    assert ["行政许可", "12"] in rows
    lines = [b.position.line for b in document.blocks]
    assert lines == sorted(lines) and lines[1] == 2  # the <pre>'s first line is the page's second


def test_a_report_in_a_pre_is_read_like_its_text() -> None:
    from disclosure_core.api import ReportReader
    from disclosure_core.testing import Layout, cells_of, example_report, render_text
    from disclosure_core.testing.render import SyntheticReport

    reader = ReportReader()
    drawn = example_report(reader.recognizer.templates["national-2021"], seed=3)
    # zero requests printed blank: empty cells between tabs, which only the layout keeps
    blank = {k: None if v == 0 and k.startswith("requests.") else v for k, v in drawn.cells.items()}
    report = SyntheticReport(drawn.template, drawn.body, drawn.year, drawn.published, blank)
    text = render_text(report, Layout.TSV)
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    page = f"<html><body><div><pre>{escaped}</pre></div></body></html>".encode()
    read = reader.read(page, name="x.html")
    assert {k: read.value(k) for k in cells_of(report)} == cells_of(report)
    assert not any(cell.uncertain for cell in read.cells.values())


def test_paragraphs_that_are_text_table_rows_become_a_table() -> None:
    """A table pasted into a page as text (a PDF-to-markdown conversion's ``| a | b |``
    lines, one paragraph each) is read as the text reader reads those lines; one line
    with pipes alone stays a paragraph."""
    page = (
        "<html><body><div>\n"
        "<p>发布机构 | 示例县人民政府办公室</p>\n"
        "<p>二、主动公开政府信息情况</p>\n"
        "<p>| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |</p>\n"
        "<p>|---|---|---|---|</p>\n"
        "<p>| 规章 | 0 |  | 3 |</p>\n"
        "<p>| 行政规范性文件 | 5 | 0 | 5 |</p>\n"
        "<p>三、收到和处理政府信息公开申请情况</p>\n"
        "</div></body></html>"
    )
    document = read_html(page)
    assert paragraphs(document) == [
        "发布机构 | 示例县人民政府办公室",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
    ]
    (table,) = tables(document)
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "", "3"],
        ["行政规范性文件", "5", "0", "5"],
    ]
    # each block and cell at its paragraph's line of the page
    assert [b.position.line for b in document.blocks] == [2, 3, 4, 8]
    assert [row[0].position.line for row in table.rows] == [4, 6, 7]


def test_a_markdown_report_pasted_as_paragraphs_is_read_like_its_text() -> None:
    from disclosure_core.api import ReportReader
    from disclosure_core.testing import Layout, cells_of, example_report, render_text

    reader = ReportReader()
    report = example_report(reader.recognizer.templates["national-2019"], seed=5)
    lines = render_text(report, Layout.MARKDOWN).split("\n")
    escaped = [line.replace("&", "&amp;").replace("<", "&lt;") for line in lines]
    body = "".join(f"<p>{line}</p>\n" for line in escaped)
    page = f"<html><body><div>{body}</div></body></html>".encode()
    read = reader.read(page, name="x.html")
    assert {k: read.value(k) for k in cells_of(report)} == cells_of(report)


def test_page_without_content_has_no_blocks() -> None:
    document = read_html("<html><head><title>空白页</title></head><body> </body></html>")
    assert document.blocks == ()
    assert document.properties == {"title": "空白页"}


def test_pdf_bytes_are_refused() -> None:
    with pytest.raises(BinaryInputError):
        read_html_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "report.pdf")


def test_oversized_input_is_refused() -> None:
    with pytest.raises(InputTooLargeError):
        read_html_bytes(b"<html><body>" + b"x" * 200 + b"</body></html>", "big.html", limit=100)


def test_no_external_entities_or_network() -> None:
    page = """<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
    <html><body><p>引用实体：&secret;</p><img src="http://example.invalid/x.png">
    <iframe src="http://example.invalid/"></iframe></body></html>"""
    text = read_html(page).text()
    assert "root:" not in text
    assert "引用实体" in text


def test_missing_lxml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lxml", None)
    monkeypatch.setitem(sys.modules, "lxml.etree", None)
    with pytest.raises(UnsupportedFormatError, match=r"disclosure-core\[html\]"):
        read_html("<p>x</p>")


# Words of the real pages' menus, search box and footer, never of a report.
CORPUS_CHROME = ("闽ICP备", "无障碍浏览", "友情链接", "热门搜索", "扫一扫在手机上查看当前页面")


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not present")
@pytest.mark.parametrize(
    "name",
    sorted(path.name for path in CORPUS.glob("*-page.html")) if CORPUS.is_dir() else [],
)
def test_corpus_pages(name: str) -> None:
    path = CORPUS / name
    document = read_html_bytes(path.read_bytes(), str(path))
    cells = [cell.text for table in tables(document) for row in table.rows for cell in row]
    assert any("本年新收政府信息公开申请数量" in cell for cell in cells)
    for block in document.blocks:
        text = block.text if isinstance(block, Paragraph) else Document("", "", (block,)).text()
        for chrome in CORPUS_CHROME:
            assert chrome not in text
    assert document.properties["encoding"] == "utf-8"
    assert "ArticleTitle" in document.properties


# The scoring walk reads plain cells (<td><p>text</p></td>) itself and hands them to the
# block reader; every other cell is read by the block reader. Both must agree.
MIXED_TABLE_PAGE = """<html><body><div class="article">
<p>二、主动公开政府信息情况，数据截至当年年底。</p>
<table border="1">
 <tr><td colspan="2"><p>第二十条第（一）项</p></td><td rowspan=" 2 "><p> 信息 内容 </p></td></tr>
 <tr><td>
   <p>规章</p>
 </td><td>0</td><td><p>a</p><p>b</p></td></tr>
 <tr><td><p>&nbsp;</p></td><td>&nbsp;<p>前</p>后</td><td><h3>标题</h3></td></tr>
 <tr><td><a href="#">链接</a></td><td><p>发布<br>日期</p></td><td><div>12</div></td></tr>
 <tr><th><p>合计</p></th><td><table><tr><td><p>内</p></td></tr></table></td><td></td></tr>
</table>
<p>四、其他需要报告的事项。</p>
</div></body></html>"""


def _synthetic_pages() -> list[bytes]:
    from disclosure_core.templates import builtin_template_paths, load_template_file
    from disclosure_core.testing import example_report, render_html

    return [
        render_html(example_report(load_template_file(path), seed=0))
        for path in builtin_template_paths()
    ]


@pytest.mark.parametrize("kind", ["word", "mixed", "synthetic", "corpus"])
def test_cells_read_by_the_walk_equal_cells_read_by_blocks(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from disclosure_core.readers.html import blocks as html_blocks
    from disclosure_core.readers.html import page as html_page

    if kind == "word":
        pages = [WORD_PAGE.encode("utf-8")]
    elif kind == "mixed":
        pages = [MIXED_TABLE_PAGE.encode("utf-8")]
    elif kind == "synthetic":
        pages = _synthetic_pages()
    else:
        if not CORPUS.is_dir():
            pytest.skip("the shared corpus is not present")
        pages = [path.read_bytes() for path in sorted(CORPUS.glob("*-page.html"))]
    walked = [read_html_bytes(page, "x.html") for page in pages]
    assert any(tables(document) for document in walked)

    init = html_blocks.Blocks.__init__

    def forget_rows(self: html_blocks.Blocks, walked_page: html_page.Page) -> None:
        init(self, walked_page)
        self.rows = {}  # the block reader reads every cell itself

    monkeypatch.setattr(html_blocks.Blocks, "__init__", forget_rows)
    assert [read_html_bytes(page, "x.html") for page in pages] == walked


def test_mixed_cells() -> None:
    (table,) = tables(read_html(MIXED_TABLE_PAGE))
    assert [[spans(cell) for cell in row] for row in table.rows] == [
        [("第二十条第（一）项", 1, 2), ("信息 内容", 2, 1)],
        [("规章", 1, 1), ("0", 1, 1), ("a b", 1, 1)],
        [("", 1, 1), ("前 后", 1, 1), ("标题", 1, 1)],
        [("链接", 1, 1), ("发布 日期", 1, 1), ("12", 1, 1)],
        [("合计", 1, 1), ("内", 1, 1), ("", 1, 1)],
    ]


def test_equal_scores_take_the_first_container() -> None:
    # A layout table (each cell holds half of its text, as prose): the first of two
    # equally scored cells is the article.
    first, second = "文" * 200, "字" * 200
    page = f"<html><body><table><tr><td><p>{first}</p></td><td><p>{second}</p></td></tr></table>"
    assert paragraphs(read_html(page)) == [first]


def test_date_in_a_plain_cell_is_dated_by_its_paragraph_line() -> None:
    article = "<p>本年度政府信息公开工作情况说明。</p>" * 10
    page = (
        f"<html><body><div>{article}</div><table><tr><td>\n"
        "<nav>更新时间：2021-02-02</nav>\n<p>发布时间：2020-01-01</p></td></tr></table></body></html>"
    )
    # The <p> is on the line after the menu, so the menu's date comes first.
    assert read_html(page).properties == {"page_date_text": "更新时间：2021-02-02"}


def test_a_page_nested_past_the_parsers_limit_is_refused_not_cut_short() -> None:
    # libxml2 stops reading at 256 levels and keeps what it read: the tables below
    # would be lost without a word.
    table = "<table><tr><td>规章</td><td>0</td></tr></table>"
    deep = "<html><body>" + "<div>" * 300 + f"<p>报告</p>{table}</body></html>"
    with pytest.raises(InputError, match=r"x\.html \(line 1\): the page is cut off here"):
        read_html_bytes(deep.encode("utf-8"), "x.html")
    shallow = "<html><body>" + "<div>" * 200 + f"<p>报告</p>{table}</body></html>"
    document = read_html_bytes(shallow.encode("utf-8"), "x.html")
    assert any(isinstance(block, Table) for block in document.blocks)


# ------------------------------------------------------------------ attachments

#: A page that publishes its report only as attachments (the usual CMS wrapper).
WRAPPER_PAGE = """<html><head><meta charset="utf-8">
<title>某县2023年政府信息公开工作年度报告</title>
</head><body><div class="menu"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="article"><h1>某县2023年政府信息公开工作年度报告</h1><p>发布时间：2024-01-20</p>
<p>附件：<a href="/files/2023nb.PDF?v=2#page=1">某县2023年政府信息公开工作年度报告</a></p>
<p><a href="/download.jsp?id=77">统计表.docx</a> <a href="/files/2023nb.PDF?v=2#page=1">同上</a></p>
<p><a href="/zwgk/list.html">返回列表</a> <a href="mailto:a@b.cn">联系我们</a></p></div>
</body></html>"""


def test_links_to_document_files_are_attachments() -> None:
    document = read_html(WRAPPER_PAGE)
    # By the address (its query and fragment ignored, any case) or by the link text; an
    # address listed twice once; links to pages and mail addresses are not attachments.
    assert document.properties["attachments"].splitlines() == [
        "某县2023年政府信息公开工作年度报告\t/files/2023nb.PDF?v=2#page=1",
        "统计表.docx\t/download.jsp?id=77",
    ]


def test_a_page_without_document_links_has_no_attachments(word_page: Document) -> None:
    assert "attachments" not in word_page.properties
    page = "<html><body><p>本页无附件。</p><p><a href='/a.html'>a.pdf 说明</a></p></body></html>"
    assert "attachments" not in read_html(page).properties


def test_attachments_are_capped() -> None:
    links = "".join(f'<p><a href="/f/{number}.pdf">表{number}</a></p>' for number in range(50))
    document = read_html(f"<html><body><div>{links}</div></body></html>")
    assert len(document.properties["attachments"].splitlines()) == 20


def test_a_short_page_finds_its_attachment_outside_the_article() -> None:
    # The footer's address outscores the two words around the link, so the article is
    # not the container read; on a page this short the link is looked for anywhere.
    address = "主办单位：某县人民政府办公室 地址：某县某路1号 " * 4
    footer = f"<div class='footer'><p>{address}</p></div>"
    page = (
        "<html><body><div class='content'><p>附件：<a href='/f/nb.wps'>年报</a></p></div>"
        f"{footer}</body></html>"
    )
    assert read_html(page).properties["attachments"] == "年报\t/f/nb.wps"


def test_a_report_page_does_not_look_for_attachments_in_its_chrome(word_page: Document) -> None:
    menu = "<div class='links'><a href='/guide.pdf'>政府信息公开指南.pdf</a></div>"
    page = WORD_PAGE.replace("<body>", f"<body>{menu}", 1)
    assert "attachments" not in read_html(page).properties


def test_a_short_page_that_shows_its_report_in_a_viewer_names_the_file() -> None:
    # The frame or plugin is dropped with the chrome; its address is kept.
    viewer = "<iframe src='/pdfjs/web/viewer.html?file=%2Ffiles%2F2023nb.pdf'></iframe>"
    plugin = '<EMBED type="application/pdf" src="/f/nb.wps">'
    page = f"<html><body><h1>某县年报</h1>{viewer}{plugin}<iframe src='/ad.html'></iframe>"
    assert read_html(page).properties["attachments"].splitlines() == [
        "2023nb.pdf\t/pdfjs/web/viewer.html?file=%2Ffiles%2F2023nb.pdf",
        "nb.wps\t/f/nb.wps",
    ]
