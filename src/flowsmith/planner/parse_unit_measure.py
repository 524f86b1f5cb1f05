"""The field a condition names by its unit or its identifier word: "超过10公斤的" compares a
weight, "runs longer than 42 km" a distance, "请求里没有会员ID" tests the member id (not the
member) for being missing; and a value said in brackets ("是按月定期捐的（subscription）").

A comparison that names no field but says its unit compares the quantity measured in that
unit, not the request's default money field (which "超过10公斤" is not). Only units of one
quantity each are read here; durations have their own reader (``unit_field``).
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition

# unit words -> the quantity they measure; English units need a word boundary ("km" not "kms…")
_UNITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\s*(?:(?:kg|kgs|kilos?|kilograms?|lbs?|pounds?|grams?|tons?|tonnes?|oz|ounces?)\b"
            r"|公斤|千克|斤|克|吨)",
            re.IGNORECASE,
        ),
        "weight",
    ),
    (
        re.compile(
            r"\s*(?:(?:km|kms|kilomet(?:er|re)s?|miles?|met(?:er|re)s?)\b|公里|千米|英里|米)",
            re.IGNORECASE,
        ),
        "distance",
    ),
)


def physical_field(after: str, name: str, implied: str) -> str:
    """``name``, or the quantity the unit right after the compared number measures when
    ``name`` is no field of its own (empty, the items, or the request's implied money field
    ``implied``): "10公斤的" -> weight, "runs longer than 42 km" -> distance."""
    if name not in ("", implied, "price", "amount", "value"):
        return name
    for pattern, quantity in _UNITS:
        if pattern.match(after):
            return quantity
    return name


# "没有会员ID", "缺少订单编号": a missing identifier, said with its noun
_NO_ID = re.compile(r"(?:没有?|缺少?|无)([\u4e00-\u9fff]{1,6}?(?:ID|Id|id|编号|号码|单号))")


def missing_id(t: str, phrase: str) -> Condition | None:
    """ "请求里没有会员ID" -> 会员ID is empty (None when no identifier is said missing)."""
    m = _NO_ID.search(t)
    if m is None:
        return None
    return Condition(lx.FIELD_ZH_NAMES.get(m.group(1), m.group(1)), "is_empty", None, phrase)


# "如果是按月定期捐的（subscription）", "是货到付款的(cod)": a Chinese description of the
# items, then the English value the data carries, in brackets
_BRACKETED = re.compile(
    r"^(?:如果|要是|假如)?(?:是|为)?(?P<zh>[\u4e00-\u9fff]{2,10}?)的?\s*[（(]\s*"
    r"(?P<v>[A-Za-z][A-Za-z0-9_ -]{1,24}?)\s*[)）]\s*(?:的话|的)?$"
)


def bracketed_value(t: str, phrase: str) -> Condition | None:
    """ "是货到付款的（cod）" -> type is "cod": the bracketed word is the value the items carry
    (the field is the description's data word when the lexicon has one, else ``type``)."""
    m = _BRACKETED.match(t.strip())
    if m is None:
        return None
    said = m.group("zh")
    field = next((n for w, n in lx.FIELD_ZH_NAMES.items() if said.endswith(w)), "type")
    return Condition(field, "eq", m.group("v").strip(), phrase)


# a field name that already says a time or a duration ("response_time", "工时", "sleep_hours")
_TIMELY = re.compile(
    r"time|date|day|hour|minute|second|week|month|year|age|duration|old|"
    r"时间|日期|天数|小时|工时|时长|分钟|期限|到期",
    re.IGNORECASE,
)
# "3 days ago", "3天前": a point in time, read by the date-age conditions
_AGO = re.compile(r"[^,.;，。；]{0,12}?(?:\b(?:ago|before|earlier)\b|前)", re.IGNORECASE)


def duration_named(after: str, name: str, duration: str) -> str:
    """``name`` joined to the unit of ``duration`` (duration_days, from the unit after the
    number) when ``name`` says no time: "sitting in the stage for more than 14 days" compares
    sitting_days, "阶段停留超过10天" 阶段停留_days (how long, not the word); a name that
    already says a time, or a data word ("sum", "总和" -> sum), stays."""
    if not duration or _TIMELY.search(name) or _AGO.match(after):
        return name
    if not name or name.startswith("duration_"):
        return duration
    if name in _DATA_WORDS or name in lx.FIELD_ZH_NAMES.values():
        return name
    return f"{name}_{duration.removeprefix('duration_')}"


# aggregate words a comparison names: their number is already the measure
_DATA_WORDS = frozenset(
    {"sum", "total", "count", "amount", "average", "value"}
    | {"总和", "总数", "合计", "总计", "总额", "平均"}
)


# the counting word after a number names what a comparison with no field of its own counts:
# "8分以上" a score, "超过10个" / "多于20件" a count, "少于20单" orders, "12人以上" people
_COUNTED = {
    "分": "score",
    "星": "rating",
    "次": "count",
    "个": "count",
    "件": "count",
    "条": "count",
    "单": "order_count",
    "人": "people",
}


def counted(unit: str, name: str, about_stock: bool) -> str | None:
    """What the counting word ``unit`` says a comparison on field ``name`` counts, or None.

    分/星/次 name their field over any implied one; the plain counters (个/件/条/单/人) only
    over no field, the default money one or a noun naming the items themselves, and never in
    talk of stock (件 counts stock)."""
    points = _COUNTED.get(unit)
    if points is None or unit in ("分", "星", "次"):
        return points
    if (name not in ("", "price") and name not in _ITEM_NOUNS) or about_stock:
        return None
    return points


def counts_items(name: str) -> bool:
    """Whether the field ``name`` is a noun naming the items themselves ("问题少于5个")."""
    return name in _ITEM_NOUNS


# nouns naming the items themselves: "解决的问题少于5个" counts the issues, no field of theirs
_ITEM_NOUNS = frozenset(
    {"问题", "工单", "任务", "线索", "客户", "评论", "文章", "帖子", "记录", "数据", "结果", "告警"}
)
