"""Report metadata read from the text: title, reporting year, body, level, dates."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from attrs import frozen

from disclosure_core.model.report import Level, NoteCode, ParseNote
from disclosure_core.readers.document import Document
from disclosure_core.recognize.normalize import compact, fold

_YEAR = r"((?:19|20)\d{2})"
_PERIOD = re.compile(
    r"(?:统计期限|统计时限|统计周期|统计区间|统计时段|统计时间|起止时间|统计起止时间|数据期限|时间跨度)"
    r"[^。;；]{0,24}?" + _YEAR + r"年(?:度)?(?:1月1日|01月01日|1月)"
)
_PERIOD_LOOSE = re.compile(r"自" + _YEAR + r"年1月1日(?:起)?(?:至|到)")
_TITLE = re.compile(
    _YEAR
    + r"年(?:度)?[^。，,;；\n]{0,40}?(?:政府)?信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)"
)
#: The year after the title, in brackets: …信息公开工作年度报告（2023年度）.
_TITLE_YEAR_AFTER = re.compile(
    r"信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)[(\[]" + _YEAR + r"(?:年度|年)?[)\]]"
)
_BODY_YEAR = re.compile(_YEAR + r"年(?:度)?(?![0-9]{1,2}月)")
#: The end of the reporting year in running text: 截至2023年12月31日, 截止2023年底.
_YEAR_END = re.compile(r"(?:截至|截止)(?:到)?" + _YEAR + r"年(?:12月31日|底|末)")
_DATE_CN = re.compile(_YEAR + r"年(\d{1,2})月(\d{1,2})日")
_DATE_ANY = re.compile(_YEAR + r"[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_PAGE_DATE = re.compile(
    r"(?:发布日期|发布时间|发文日期|公开日期|成文日期|日期)[:：]?"
    + r"\s*"
    + _YEAR
    + r"[-/.年](\d{1,2})[-/.月](\d{1,2})"
)
_DOC_NUMBER_YEAR = re.compile(r"[〔\[（(]" + _YEAR + r"[〕\])）]")
_ORG_SUFFIX = re.compile(
    r"(人民政府(?:办公室|办公厅)?|街道办事处|办事处|管理委员会|委员会|管委会|管理局|局|厅|办公室|中心|政府|委|署|院|所|处)$"
)
_TITLE_PREFIX = re.compile(r"^(?:标题|题目)[:：]")
_YEAR_ANY = re.compile(_YEAR)
_SIGNED_DATE = re.compile(
    r"(?:人民政府|政府|局|委员会|委|办公室|办公厅|办事处|管委会|中心|厅)"
    + _YEAR
    + r"年(\d{1,2})月(\d{1,2})日"
)
#: 本报告由X（办公室）编制 / 由X根据…: X is the body, its office the compiler.
_COMPILED_BY = re.compile(
    r"由([^，,。；;由《》()（）]{2,30}?(?:人民政府|街道办事处|办事处|管理委员会|委员会|管委会|局|厅))"
    r"(?:党政办公室|党政办|办公室|办公厅|政务公开办公室|综合办公室)?"
    r"(?:\([^()]{0,12}\))?"  # (以下简称我委)
    r"(?:根据|编制|负责|汇总|牵头)"
)

# Dates written in Chinese numerals, as formal documents print them (二〇二三年一月十八日);
# ○ (a circle) and the letter O often stand in for 〇.
_CN_ZEROS = "〇○零OＯ"
_CN_DIGITS = {
    char: value for value, chars in enumerate((_CN_ZEROS, *"一二三四五六七八九")) for char in chars
}
_CN_YEAR = re.compile(f"([{_CN_ZEROS}一二三四五六七八九]{{4}})(?=年)")
_CN_MONTH_DAY = re.compile(
    "(?<=年)([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?"
)


@frozen
class MetaReading:
    """What the text says about the report, with notes on how it was found."""

    title: str | None
    year: int | None
    body: str | None
    level: Level | None
    published: date | None
    page_date: date | None
    notes: tuple[ParseNote, ...]


def read_meta(document: Document, text: str, joined: str | None = None) -> MetaReading:
    """Read title, year, body, level and dates from a document's text (``joined``: its
    compact form, when the caller has made it already)."""
    if joined is None:
        joined = "".join(fold(text).split())  # a whole text: not for compact()'s cache
    if _has_cn_year(text):
        text = arabic_dates(text)
        joined = arabic_dates(joined)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    notes: list[ParseNote] = []
    title = _title(document, lines)
    title_year = _title_year(compact(title)) if title else None
    period_year = _first_year(_PERIOD, joined) or _first_year(_PERIOD_LOOSE, joined)
    if title_year is None:
        title_year = _title_year(compact("".join(lines[:6])))
    # An excerpt without its title may name its year only in dates (截至2023年12月31日):
    # the end of a year is the end of the reporting year; other dates say less.
    body_year = _body_year(joined) or _first_year(_YEAR_END, joined[:4000])
    year = period_year or title_year or body_year
    how = (
        "统计期限" if period_year else "title" if title_year else "body text" if body_year else None
    )
    if how is not None:
        notes.append(
            ParseNote(
                NoteCode.YEAR,
                f"reporting year {year} read from the {how}",
                found=str(year),
                variant=how,
            )
        )
    stated = {
        name: value
        for name, value in (("title", title_year), ("统计期限", period_year))
        if value is not None
    }
    if len(set(stated.values())) > 1:
        notes.append(
            ParseNote(
                NoteCode.YEAR,
                "the text states different years: "
                + ", ".join(f"{k} {v}" for k, v in stated.items()),
                found=", ".join(f"{k}={v}" for k, v in stated.items()),
                variant="conflict",
            )
        )
    page_date = _page_date(document, lines)
    published = _published(lines, year)
    body = _government(_body(lines, title, year), joined)
    return MetaReading(title, year, body, _level(body), published, page_date, tuple(notes))


def _has_cn_year(text: str) -> bool:
    # A year of this century in Chinese numerals has a zero: 二〇二三.
    return any(zero in text for zero in _CN_ZEROS)


def arabic_dates(text: str) -> str:
    """``text`` with years, months and days written in Chinese numerals in Arabic
    digits (二〇二三年一月十八日 -> 2023年1月18日), so that the patterns for years and
    dates read both."""
    text = _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGITS[c]) for c in m.group(1)), text)
    return _CN_MONTH_DAY.sub(_arabic_month_day, text)


def _arabic_month_day(match: re.Match[str]) -> str:
    month = _cn_small_number(match.group(1))
    if month is None or not 1 <= month <= 12:
        return match.group(0)
    written_day = match.group(2)
    if written_day is None:
        return f"{month}月"
    day = _cn_small_number(written_day)
    if day is None or not 1 <= day <= 31:
        return match.group(0)
    return f"{month}月{day}日"


def _cn_small_number(text: str) -> int | None:
    """一 … 三十一 as an int; None for what is not such a number (十十, 二三)."""
    tens, ten, ones = text.partition("十")
    if not ten:
        return _CN_DIGITS.get(text) if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1:
        return None
    high = _CN_DIGITS.get(tens, -1) if tens else 1
    low = _CN_DIGITS.get(ones, -1) if ones else 0
    if high <= 0 or low < 0:
        return None
    return high * 10 + low


def _title_year(title: str) -> int | None:
    return _first_year(_TITLE, title) or _first_year(_TITLE_YEAR_AFTER, title)


def _first_year(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return int(match.group(1)) if match else None


def _title(document: Document, lines: list[str]) -> str | None:
    for key in ("ArticleTitle", "title"):
        value = document.properties.get(key)
        if value and "报告" in value:
            return value.split("_")[0].strip()
    head = [_TITLE_PREFIX.sub("", line.lstrip("#* ")).strip() for line in lines[:12]]
    for index, clean in enumerate(head):
        if _is_title(clean):
            return clean
        # A title broken over two lines: …政府信息 / 公开工作报告, …信息公开工作 / 年度报告.
        # A line above a whole title (a page header's 发布日期) is not its first half.
        if index + 1 < len(head):
            second = head[index + 1]
            pair = clean + second
            if (
                "报告" in second
                and (not _is_title(second) or "信息公开" not in second)
                and "信息公开" in compact(pair)
                and len(pair) <= 60
            ):
                return pair
    return None


def _is_title(line: str) -> bool:
    return "报告" in line and len(line) <= 60 and ("信息公开" in line or "年度报告" in line)


def _body_year(joined: str) -> int | None:
    head = _DOC_NUMBER_YEAR.sub("", joined[:4000])
    counts = Counter(int(m.group(1)) for m in _BODY_YEAR.finditer(head))
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def _to_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _page_date(document: Document, lines: list[str]) -> date | None:
    for key in ("PubDate", "page_date_text", "pubdate", "publishdate"):
        value = document.properties.get(key)
        if value:
            match = _DATE_ANY.search(value)
            if match:
                return _to_date(*match.groups())
    for line in lines[:8]:
        match = _PAGE_DATE.search(compact(line))
        if match:
            return _to_date(*match.groups())
    return None


def _published(lines: list[str], year: int | None) -> date | None:
    """The date the report states for itself: a date closing it, or under its title."""
    candidates = [compact(line)[-80:] for line in reversed(lines[-3:])]
    candidates += [compact(line) for line in lines[1:6] if len(compact(line)) <= 40]
    for text in candidates:
        match = None
        for found in _DATE_CN.finditer(text):
            match = found
        if match is None or text[match.end() :] not in ("", ")", "）"):
            continue
        if match.start() and text[match.start() - 1] in "于在至自止到截":
            continue  # "截至2023年1月18日": running text, not a date line
        found_date = _to_date(*match.groups())
        if found_date is None:
            continue
        if year is not None and not (year <= found_date.year <= year + 1):
            continue
        return found_date
    # A signature and its date followed by a page's leftovers (…管理局 2022年1月7日
    # 抄送：… / 附件下载 / （联系人：…）): the first date right after a body's name.
    for text in candidates[:3]:
        for match in _SIGNED_DATE.finditer(text):
            found_date = _to_date(*match.groups())
            if found_date is not None and (year is None or year <= found_date.year <= year + 1):
                return found_date
    return None


def _body(lines: list[str], title: str | None, year: int | None) -> str | None:
    # The signature above the closing date.
    for index in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
        text = compact(lines[index])
        match = _DATE_CN.search(text)
        if match and match.end() >= len(text) - 1:
            before = text[: match.start()].strip()
            if before and _ORG_SUFFIX.search(before) and len(before) <= 40:
                return _last_org(before)
            if index > 0:
                previous = compact(lines[index - 1])
                if _ORG_SUFFIX.search(previous) and len(previous) <= 40:
                    return previous
            break
    named = _title_body(lines, title) if title else None
    # The preamble names who compiled the report (本报告由X办公室编制), often in full
    # where the title has the short name (洪泽区人民政府, 淮安市洪泽区人民政府).
    match = _COMPILED_BY.search(compact("".join(lines[:8]))[:400])
    if match and (named is None or named in match.group(1)):
        return match.group(1)
    return named


def _title_body(lines: list[str], title: str) -> str | None:
    """The body the title names: before its year, or after it, or on the line above."""
    text = compact(title)
    trailing = _TITLE_YEAR_AFTER.search(text)
    if trailing is not None:  # 某县人民政府政府信息公开工作年度报告（2023年度）
        body = _body_before(text[: trailing.start()])
        return body if len(body) > 1 else None
    match = re.search(_YEAR + r"年(?:度)?", text)
    if match and match.start() > 1:
        return text[: match.start()]
    if match:
        after = text[match.end() :]
        body = _body_before(after[: max(after.find("信息公开"), 0)])
        if len(body) > 1:
            return body
    # The body on its own line above a title that starts with the year
    # (洪泽区人民政府 / 2023年政府信息公开工作年度报告).
    for index, line in enumerate(lines[:12]):
        if compact(line) == text:
            if index > 0:
                above = compact(lines[index - 1])
                if len(above) <= 30 and _ORG_SUFFIX.search(above) and not _YEAR_ANY.search(above):
                    return above
            break
    return None


#: A place's name alone (上海市, 某某镇): a title names its government so.
_PLACE = re.compile(r"(?:省|自治区|市|县|区|旗|州|盟|镇|乡|街道)$")


def _government(body: str | None, joined: str) -> str | None:
    """The government a title names by its place (上海市) or as 政府 (某某镇政府), by
    the name the report's text gives it (上海市人民政府), when it does."""
    if body is None:
        return None
    place = body[:-2] if body.endswith("政府") and not body.endswith("人民政府") else body
    if _PLACE.search(place) and f"{place}人民政府" in joined:
        return f"{place}人民政府"
    return body


def _body_before(name: str) -> str:
    """The body in what a title has before 信息公开: 某县人民政府 of 某县人民政府政府…
    and of 某县人民政府…, 某市某局 of 某市某局政府… (政府信息公开 is the report's name)."""
    if name.endswith("政府") and (name.endswith("政府政府") or not name.endswith("人民政府")):
        return name[:-2]
    return name


def _last_org(text: str) -> str:
    # "…本年度没有产生信息公开处理费。平潭综合实验区海坛片区管理局" -> the name after the last stop
    for stop in ("。", "；", ";", "，", ","):
        if stop in text:
            text = text.rsplit(stop, 1)[1]
    return text


def _level(body: str | None) -> Level | None:
    if not body:
        return None
    if re.search(r"(乡|镇|街道)(人民政府|政府|办事处)?$|街道办事处$", body):
        return Level.TOWNSHIP
    if re.search(r"(局|委员会|委|办公室|办公厅|厅|中心|署|院|所|处|管理局)$", body):
        return Level.DEPARTMENT
    if re.search(r"(省|自治区)(人民政府)?$|^(北京|上海|天津|重庆)市(人民政府)?$", body):
        return Level.PROVINCE
    if re.search(r"(县|区|旗)(人民政府)?$", body):
        return Level.COUNTY
    if re.search(r"(市|州|盟)(人民政府)?$", body):
        return Level.CITY
    return None
