"""A condition said as a relative clause or an attributive phrase of a noun, not after "if":
"tickets that are still unassigned", "deals which are in the 'Negotiation' stage", "an
order that is worth more than 500", "an issue labelled 'security'", "a ticket tagged vip",
"bugs nobody is assigned to", "还没人处理的工单", "优先级是紧急的工单", "标签是bug的issue".

Invariants: the field comes from the qualifier's own words (the noun a "that is in the X
stage" names, the field word before 是, "unassigned" -> the assignee), the value from its
quotes, numbers or words; None when the words name no field or comparison (the caller keeps
its other readings first, this is the fallback). Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_context import CJK
from flowsmith.planner.parse_spans import age_condition

__all__ = ["relative_condition"]

Read = Callable[[str], Condition | None]

# "that are still unassigned", "no one has picked up yet", "还没人处理的": nobody owns the item
_UNOWNED = re.compile(
    r"\b(?:(?:still\s+|yet\s+)?un-?assigned|not\s+(?:yet\s+)?(?:been\s+)?assigned|"
    r"(?:no\s*one|nobody|no-one)\s+(?:is\s+|has\s+|was\s+)?(?:yet\s+)?(?:been\s+)?"
    r"(?:assigned|picked\s+(?:it\s+|them\s+)?up|claimed|taken|handled|owns?)|"
    r"(?:without|with\s+no|has\s+no|have\s+no)\s+(?:an?\s+)?(?:assignee|owner))|"
    r"(?:还)?(?:没有?|无)(?:人|有人)(?:处理|接手|认领|负责|跟进|接单|分配)|未(?:分配|指派|认领|处理)|"
    r"没有?(?:分配|指派)(?:负责人)?",
    re.IGNORECASE,
)
# "that is worth more than 500", "which are in the 'Negotiation' stage", "who are from Berlin"
_THAT_IS = re.compile(
    r"\b(?:that|which|who)\s+(?:is|are|was|were|has been|have been)\s+(?P<c>[^,;.]+?)\s*"
    r"(?=$|,|;|\.|\band\s+(?![\d$€£¥]))",
    re.IGNORECASE,
)
# "labelled 'security'", "tagged vip", "marked as 'blocked'": a label or tag said as a participle
_PARTICIPLE = re.compile(
    r"\b(?P<f>labell?ed|tagged)\s+(?:as\s+|with\s+)?(?:the\s+)?(?:label\s+|tag\s+)?"
    r"(?P<v>[\"'“‘][^\"'”’]{1,30}[\"'”’]|[\w:.-]{1,30})",
    re.IGNORECASE,
)
# "marked done", "marked as 'blocked'", "flagged as spam": a state said as a participle
_MARKED = re.compile(
    r"\b(?:marked|flagged)\s+(?:as\s+)?(?P<v>[\"'“‘][^\"'”’]{1,30}[\"'”’]|(?!as\b|with\b)[\w-]{2,30})",
    re.IGNORECASE,
)
# "优先级是紧急的", "标签是bug的": a field word the lexicon knows, 是/为, the value, 的
_ZH_FIELD_IS = re.compile(
    r"(?P<f>[\u4e00-\u9fff]{2,5}?)(?:是|为|等于)\s*[\"'“‘「]?(?P<v>[\w\u4e00-\u9fff.@-]{1,12}?)"
    r"[\"'”’」]?\s*的"
)


# "带'bug'标签的", "打了“紧急”标签的": a label the item carries, said before its noun
_ZH_TAGGED = re.compile(
    r"(?:带有?|带着|打了|有|贴了)\s*[\"'“‘「]?(?P<v>[\w\u4e00-\u9fff.#-]{1,16}?)[\"'”’」]?\s*"
    r"(?:标签|tag|label)的"
)


# "收货地址在上海的", "城市在北京的": where the item is, a place field containing the value
_PLACE_FIELDS = {"地址": "address", "城市": "city", "省份": "province", "地区": "region"}
_ZH_PLACE_IN = re.compile(
    r"(?P<f>" + "|".join(_PLACE_FIELDS) + r")(?:是|在|位于)(?P<v>[\u4e00-\u9fff\w]{2,8}?)的"
)


def relative_condition(text: str, phrase: str, read: Read) -> Condition | None:
    """The condition a relative clause or attributive phrase in ``text`` puts on its noun
    (``read`` parses plain condition words, e.g. "it is worth more than 500"), or None."""
    if _UNOWNED.search(text):
        return Condition("assignee", "is_empty", None, phrase)
    # "cards that haven't been updated in more than 14 days", "超过20天没有更新的issue"
    age = age_condition(text, phrase)
    if age is not None:
        return age
    if CJK.search(text):
        tagged = _ZH_TAGGED.search(text)
        if tagged is not None:  # "带'bug'标签的issue"
            return Condition("label", "contains", tagged.group("v"), phrase)
        place = _ZH_PLACE_IN.search(text)
        if place is not None:
            field = _PLACE_FIELDS[place.group("f")]
            return Condition(field, "contains", place.group("v"), phrase)
        return _zh_field_is(text, phrase, read)
    m = _PARTICIPLE.search(text)
    if m:
        field = "label" if m.group("f").lower().startswith("label") else "tag"
        return Condition(field, "contains", m.group("v").strip("\"'“”‘’:"), phrase)
    m = _MARKED.search(text)
    if m:  # "pages that are marked done": the item's status
        return Condition("status", "eq", m.group("v").strip("\"'“”‘’:"), phrase)
    m = _THAT_IS.search(text)
    if m:
        cond = read("it is " + m.group("c"))
        if cond is not None and cond.op != "category" and cond.field not in ("is", "it"):
            return cond
    return None


def _zh_field_is(text: str, phrase: str, read: Read) -> Condition | None:
    for m in _ZH_FIELD_IS.finditer(text):
        field = next((f for f in _zh_fields() if m.group("f").endswith(f)), None)
        if field is None:
            continue
        cond = read(f"{field}是{m.group('v')}")
        if cond is not None and cond.op != "category":
            return cond
    return None


def _zh_fields() -> list[str]:
    """The field words of the lexicon, longest first (订单金额 before 金额), and 标签 (kept
    as said: an app calls it labels or tags)."""
    return sorted([*lx.FIELD_ZH_NAMES, "标签"], key=len, reverse=True)
