"""Word patterns of conditions: presence ("has an email", "没有邮箱", "ticked the box"),
"ends with", availability, labels, and the field a bare comparison names (a time unit, the
noun of a verb: "those scoring above 80" -> score).

Invariants: patterns only; every helper returns a :class:`~flowsmith.planner.frame.Condition`
on an item field, a field name, or None / "" when its words are not there. Pure: no I/O, no
clock.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_context import CJK

_Q = r"[\"'“‘「]"
_QE = r"[\"'”’」]"

# "gets the label 'customer'", "is labelled 'bug'", "被打上'vip'标签"
TAGGED = re.compile(
    r"\b(?:gets?|got|is|are|was|has|receives?|is given)\s+(?:the\s+|a\s+)?"
    r"(label|tag)(?:l?ed|ged|s)?\s+(?:as\s+|with\s+)?" + _Q + r"([^\"'”’」]{1,30})" + _QE,
    re.IGNORECASE,
)
TAG_FIELD = {"lab": "label", "tag": "tag"}

# a verb where a field was looked for ("anyone logged fewer than", "those scoring above")
VERBISH = re.compile(
    r"[a-z]+(?:ed|ing)|takes|lasts|costs|spends|logs|runs|scores|gets|uses|been|"
    # irregular: "has made more than 1000 calls" counts the calls, "returns fewer than 3
    # results" the results
    r"made|sent|returns|finds|found|gives|gave|yields"
)
UNIT = re.compile(
    r"\s*(?:(second|minute|hour|day|week|month|year)s?\b|(秒|分钟|个?小时|天|周|个?月|年))",
    re.IGNORECASE,
)
ZH_UNITS = {
    "秒": "second",
    "分钟": "minute",
    "小时": "hour",
    "天": "day",
    "周": "week",
    "月": "month",
    "年": "year",
}


def verb_used(before: str, name: str) -> bool:
    """ "those scoring", "anyone logged", "it takes": the word read as a field is a verb (a noun
    such as "the rating" or "评分" stays the field)."""
    if not VERBISH.fullmatch(name) or CJK.search(before):
        return False
    words = re.findall(r"[a-z]+", before.lower())
    if name not in words:
        return False
    prev = words[: len(words) - 1 - words[::-1].index(name)]
    return (
        not prev
        or bool(
            re.fullmatch(
                r"those|ones|it|they|that|who|which|any|all|[a-z]+s|any\w+|some\w+", prev[-1]
            )
        )
        or name in ("takes", "lasts", "costs", "spends", "logs", "runs", "uses", "gets", "been")
        # "the API returns fewer than 3 results": what a step gave back, counted
        or name in ("returns", "returned", "finds", "found", "gives", "gave", "yields")
    )


def unit_field(after: str) -> str:
    """ "fewer than 4 hours", "超过3天": a comparison naming no field compares a duration, in
    that unit (duration_hours)."""
    m = UNIT.match(after)
    if m is None:
        return ""
    word = m.group(1) or ZH_UNITS[(m.group(2) or "").lstrip("个")]
    return f"duration_{word.lower()}s"


# past forms that are not stem + "ed": "I slept less than 6 hours" is about sleep
IRREGULAR_PAST = {
    "slept": "sleep",
    "ran": "run",
    "drove": "drive",
    "rode": "ride",
    "swam": "swim",
    "ate": "eat",
    "drank": "drink",
    "wrote": "write",
    "flew": "fly",
    "taught": "teach",
}


def irregular_field(name: str, after: str) -> str:
    """ "I slept less than 6 hours" -> sleep_hours, "ran more than 20 km" -> run_km: an
    irregular past verb as the subject names its noun and the unit after the number ("" when
    ``name`` is no such verb)."""
    base = IRREGULAR_PAST.get(name.lower())
    if base is None:
        return ""
    unit = re.match(r"\s*(?:[\d.,]+\s*)?([a-z]{1,7})\b", after.lower())
    if unit is None or unit.group(1) in ("and", "or", "in", "on", "the", "a", "to", "of"):
        return base
    return f"{base}_{unit.group(1)}"


def noun_of(verb: str) -> str:
    """ "scoring" -> score, "rated" -> rate: the noun a verb form names ("" if none)."""
    stem = re.sub(r"(?:ing|ed)$", "", verb)
    if stem == verb or len(stem) < 3:
        return ""
    if stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
        return stem[:-1]
    vowel = "aeiou"
    if stem[-1] not in vowel + "wy" and stem[-2] in vowel and stem[-3] not in vowel:
        return stem + "e"
    return stem


# availability: "back in stock", "sold out", "缺货"
STOCK = re.compile(
    r"(\bout of stock\b|\bsold out\b|\bunavailable\b|缺货|售罄|无货|没货)|"
    r"\b(?:back )?in stock\b|\bavailable again\b|有货|到货|补货",
    re.IGNORECASE,
)
# a request about stock ("watch the stock", "库存"): there "it is back" means back in stock
STOCK_TALK = re.compile(
    r"\b(?:stock|inventory|restock(?:ed)?|sold out)\b|库存|有货|缺货|补货|到货", re.IGNORECASE
)
BACK_AGAIN = re.compile(
    r"\b(?:is|are|comes?|came|gets?)\s+back\b|\bback again\b|\bavailable\b|\brestocked\b|"
    r"重新上架|回来了?$",
    re.IGNORECASE,
)
# "ends with @acme.com", "以@acme.com结尾", "starts with 'Test'": the text holds that part
ENDS = re.compile(
    r"\b(?:ends?|ending|starts?|starting|begins?|beginning)\s+(?:with|in)\s+"
    + _Q
    + r"?([^\"'”’」\s,，]+)"
    + _QE
    + r"?\s*$|(?:以|是)?\s*[(（]?"
    + _Q
    + r"?([@.a-z0-9_-][^\s\"'”’」,，（）()\u4e00-\u9fff]*)"
    + _QE
    + r"?\s*(?:结尾|结束|开头|打头)的?\s*[)）]?\s*$",
    re.IGNORECASE,
)
# "it has an email", "有附件", "without a phone number", "没有邮箱", "missing an address"
HAS = re.compile(
    # "we have their phone number", "we know her email": a field said from the user's side
    r"^(?:(?:it|they|he|she|the \w+|\w+)\s+)?(?:has|have|includes?|comes with|know|knows)\s+"
    r"(?:an?|any|some|the|their|his|her|its)\s+([a-z][\w ]{0,24}?)\s*$|"
    r"^(?:有|存在|带|带有|含有)([\u4e00-\u9fff]{1,6})$",
    re.IGNORECASE,
)
HAS_NOT = re.compile(
    r"(?:^|\s)(?:without|missing|lacks?|lacking|(?:has|have|does|do)\s?n[o']t\s+"
    r"(?:have\s+|know\s+)?)\s*(?:an?\s+|any\s+|the\s+|their\s+|his\s+|her\s+)?"
    r"([a-z][\w ]{0,24}?)\s*$|"
    r"^(?:没有|没|无|缺少|缺)([\u4e00-\u9fff]{1,6})$",
    re.IGNORECASE,
)


# "ticked the newsletter box", "checked 'marketing'", "opted in to the newsletter"
TICKED = re.compile(
    r"\b(?:ticked|checked|selected|ticks|checks|tick|check|select)\s+(?:the\s+)?"
    r"[\"'“‘]?([a-z][\w ]{0,20}?)[\"'”’]?\s+(?:box|checkbox|option|field)\b|"
    r"\bopt(?:ed|s)?[ -]in\s+(?:to|for)\s+(?:the\s+|our\s+)?([a-z][\w]{0,20})",
    re.IGNORECASE,
)
# "填写了电话" (filled in), "没填" (left empty): the field is (not) empty
FILLED = re.compile(
    r"^(?:用户|客户|对方|买家|会员|申请人|提交人|他们?|她们?)?"
    r"(?:((?:没有?|未)(?:填写?|提供|留)了?)|(?:填写?了|提供了|留了))([\u4e00-\u9fff]{0,6})$"
)
# "the signup filled in a coupon code", "they entered a referral code": the field is not empty
FILLED_EN = re.compile(
    r"(?:\b(?:filled (?:in|out)|entered|provided|supplied|gave|typed in|used)\s+"
    r"(?:an?\s+|the\s+|any\s+|their\s+)?|"
    # "if they left a phone number": a field given, never "the item left the warehouse"
    r"\b(?:left|included|added|shared)\s+(?:an?|any|their)\s+)([a-z][\w ]{0,24}?)\s*$",
    re.IGNORECASE,
)


_STARS = re.compile(
    r"\b(?:gave|gives|give|rated|rates|rate|scored|scores|has|have|got|gets)\s+"
    r"(?:it\s+|us\s+|them\s+)?(\d+)\s*(?:stars?|points?|out of \d+|/\s*\d+)\s*$|"
    r"\b(?:gave|gives|give|rated|rates|rate|scored|scores)\s+(?:it\s+|us\s+|them\s+)?(\d+)\s*$",
    re.IGNORECASE,
)


def presence_condition(t: str, phrase: str) -> Condition | None:
    """ "has an email" -> email is not empty; "without a phone number" -> phone_number is empty;
    "ticked the newsletter box" -> newsletter is true; "填写了电话" -> phone is not empty."""
    stars = _STARS.search(t)
    if stars:  # "they gave 5 stars", "rated it 4"
        return Condition("rating", "eq", int(stars.group(1) or stars.group(2)), phrase)
    box = TICKED.search(t)
    if box:
        name = (box.group(1) or box.group(2) or "").strip().lower()
        return Condition(re.sub(r"\W+", "_", name), "is_true", None, phrase)
    filled = FILLED.search(t.strip())
    if filled:
        said = filled.group(2) or ""
        name = lx.FIELD_ZH_NAMES.get(said, said) or "value"
        op = "is_empty" if filled.group(1) else "not_empty"
        return Condition(name, op, None, phrase)  # type: ignore[arg-type]
    filled_en = FILLED_EN.search(t.strip())
    if filled_en:
        name = re.sub(r"\W+", "_", filled_en.group(1).strip().lower())
        return Condition(name, "not_empty", None, phrase)
    for op, pattern in (("is_empty", HAS_NOT), ("not_empty", HAS)):
        m = pattern.search(t.strip())
        if m:
            said = (m.group(1) or m.group(2) or "").strip().lower()
            if lx.NEW_WORD.search(said):
                return None  # "有新文章就…": an event, not a field
            name = lx.FIELD_ZH_NAMES.get(said, said)
            return Condition(re.sub(r"\W+", "_", name), op, None, phrase)  # type: ignore[arg-type]
    return None


# "it has no reviewers", "there are no assignees": that field is empty
HAS_NO = re.compile(r"\b(?:has|have|there (?:is|are)) no\s+([a-z][\w ]{0,30}?)\s*$", re.IGNORECASE)
NOT_A_VALUE = re.compile(
    r"\b(?:and|or|then|to|it|a|an|the|if|not|no|create|add|send|post|update|notify|email|text|"
    r"move|ping|call|tell|delete|remove|get|fetch|make|open|log|save|upload|forward)\b",
    re.IGNORECASE,
)
LABELLED = re.compile(
    r"\b(?:classified|categori[sz]ed|labell?ed|tagged|triaged)\s+as\b|被分为|被归为"
)
EMPTY_WORD = re.compile(r"empty|blank|null|none|missing|set|空|空的")
SOMEONE = re.compile(
    r"any(?:one|body|thing)|some(?:one|body|thing)|every(?:one|body|thing)|those|ones"
)


# "优先级高", "严重程度低的", "风险中等": a field the catalog of data words names, then its level
_LEVEL_ZH = re.compile(
    r"^(?P<f>[\u4e00-\u9fff]{2,5}?)(?P<v>高|低|中等|中|紧急|严重|最高|最低|很高|很低)的?$"
)


_LEVELLED = frozenset({"priority", "severity", "risk", "level", "urgency", "importance"})


# "fatal级别", "warning 级别的", "P1等级": the level an item carries, said before the word
_NAMED_LEVEL = re.compile(
    r"^(?P<v>[a-z][\w-]{0,15}|[\u4e00-\u9fff]{1,3}?)\s*(?:级别|等级)的?$", re.I
)


def level_condition(t: str, phrase: str) -> Condition | None:
    """A Chinese data word followed by a level, with no "是" between ("优先级高"), or a level
    value followed by 级别 ("fatal级别")."""
    named = _NAMED_LEVEL.match(t.strip())
    if named:
        return Condition("level", "eq", named.group("v"), phrase)
    m = _LEVEL_ZH.match(t.strip())
    name = lx.FIELD_ZH_NAMES.get(m.group("f")) if m else None
    if m is None or name not in _LEVELLED:
        return None
    return Condition(name, "eq", m.group("v"), phrase)


# "100+ stars", "$500+", "5+ years": a number and more
_PLUS = re.compile(r"(?<![\w.+])([$€£¥￥]?\d[\d,.]*\s*(?:k|K|万|千)?)\+(?![\d+])")


def plus_as_at_least(text: str) -> str:
    """``text`` with "N+" read as "at least N" ("100+ stars" -> "at least 100 stars");
    "1+1", "+86" and "C++" stay as they are."""
    return _PLUS.sub(r"at least \1", text)


# "payments under 100", "invoices over 5000": items that are sums of money, whose number is
# their amount
_PAID = re.compile(
    r"\b(?:payments?|invoices?|charges?|refunds?|transactions?|expenses?|bills?|payouts?)\b",
    re.IGNORECASE,
)


def paid_field(before: str) -> str:
    """ "amount" when the words before a bare comparison name payments, invoices, …"""
    return "amount" if _PAID.search(before) else ""


# "打0到6分的", "给了9到10分": the points given, said with a verb and no field
_GAVE = re.compile(r"(?:^|[里中上])\s*(?:打了?|给了?|评了?)\s*$")  # "问卷里打0到6分的" too
_POINTS = {"分": "score", "星": "rating"}


def points_field(before: str, said: str, name: str) -> str:
    """The field of a range ``said`` in points ("0到6分"): the score (or the stars' rating)
    when the words ``before`` it name no field of their own, else ``name``."""
    unit = re.search(r"([分星])\s*(?:之间)?\s*$", said)
    if unit and (not before.strip() or _GAVE.search(before)):
        return _POINTS[unit.group(1)]
    return name


# "orders shipping outside the US", "it ships outside of Canada": the destination is not there
_OUTSIDE_COUNTRY = re.compile(
    r"\b(?:ship(?:s|ping|ped)?|deliver(?:s|ing|ed)?|going|goes|sent)\s+(?:to\s+)?"
    r"outside(?:\s+of)?\s+(?:the\s+)?(?P<c>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})"
)
# "发往美国以外的订单", "寄到加拿大以外": the destination is not there (the place as said)
_ZH_OUTSIDE_COUNTRY = re.compile(
    r"(?:发往|寄往|寄到|发到|送往|送到|运往|运到|配送到|邮寄到)(?P<c>[\u4e00-\u9fffA-Za-z]{1,10}?)以外"
)
# "the customer gave a satisfaction rating of 'Not Good'": a field said with its quoted value
_GAVE_VALUE = re.compile(
    r"\b(?:gave|gives|left|leaves|has|have|had|with|gets?|got|received|receives)\s+"
    r"(?:a|an|the)\s+(?P<f>[a-z]+(?:\s+[a-z]+)?)\s+of\s+" + _Q + r"(?P<v>[^\"'”’」]{1,30})" + _QE,
    re.IGNORECASE,
)


def said_value_condition(t: str, phrase: str) -> Condition | None:
    """A condition whose words name the field and value without a comparison verb: the
    shipping country outside a place, a field "of 'X'"."""
    m = _OUTSIDE_COUNTRY.search(t) or _ZH_OUTSIDE_COUNTRY.search(t)
    if m:
        return Condition("shipping_country", "ne", m.group("c").strip(), phrase)
    g = _GAVE_VALUE.search(t)
    if g:
        name = re.sub(r"\W+", "_", g.group("f").strip().lower())
        return Condition(name, "eq", g.group("v").strip(), phrase)
    return None
