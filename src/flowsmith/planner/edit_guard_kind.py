"""Items of one kind named as the only ones a step is for: "only bugs should end up in
monday, not stories or tasks", "only feature requests should go to Trello"; and a field with
its value said in brackets after the items: "issues reported by our portal bot (reporter
portal-bot)".

Invariants: the kind is a plural noun phrase right after "only" and before a verb of
arriving ("end up in", "go to", "be posted to"), and the step is what follows; the check is
on the items' ``type`` (the kind in the singular), the one field a bare kind names. A
trailing "not X or Y" only restates the rest. A bracket of exactly a field name and a value
reads as "field = value"; "waiting … more than 14 days (see the last_contact column)" as the
time since that column's date. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition
from flowsmith.planner.text import rx

__all__ = [
    "ALSO_PART",
    "FIELD_IS",
    "NEW_CAT_NAMED",
    "ZH_SUBJECT_IF",
    "only_kind",
    "paren_pair",
    "since_column",
]


# patterns the guard reader (edit_guard_read) uses for the constructions of this module's
# family: qualifiers said by a field's value, parts adding a step, who-or-when before 如果
# "优先级为high", "来源是partner": a field named with its value
FIELD_IS = rx(
    r"^[\u4e00-\u9fffA-Za-z_]{1,8}(?:为|是|=|等于)\s*['\"“]?[\w-]+['\"”]?$|"
    # "warning级别的", "P1优先级的": the value said before its field word
    r"^['\"“]?[A-Za-z0-9_-]{1,16}['\"”]?\s*(?:级别|等级|优先级|状态|类型|阶段)$"
)

# a part adding a step beside the others ("另外发邮件给…", "also email …")
ALSO_PART = rx(r"^\s*(?:另外|同时|并且|还要|也|and also\b|also\b|additionally\b)")

# "点star的人如果GitHub粉丝超过1000，就…", "注册的时候如果填了邀请码，就…": who or when first
ZH_SUBJECT_IF = rx(
    r"^(?P<subj>[^，,如假要]{1,12}?)(?:如果|假如|要是)(?P<cond>[^，,]+?)(?:的话|时|的时候)?"
    r"[，,]\s*(?:就|则|才|再)?(?P<act>.+)$"
)

# "再加一个类别“合作”，这类邮件…": the category's name after the word for category
NEW_CAT_NAMED = rx(
    r"^(?:再|还要)?(?:增加|添加|新增|加)(?:一个|个)?(?:新的?)?(?:类别|分类|类型)[：:，,]?\s*"
    r"['\"“‘](?P<zcat>[^'\"”’]{1,8})['\"”’][，,：:。]?\s*(?P<zact>.*)$"
)


_ONLY_KIND = re.compile(
    r"^\s*(?:please\s+)?(?:and\s+|but\s+)?only\s+(?:the\s+)?['\"“‘]?"
    r"(?P<kind>[a-z][\w-]*(?:\s+(?!(?:should|must|will|need|are|may|go|end|get|land|make|be)\b)"
    r"[a-z][\w-]*)?)['\"”’]?\s+"
    r"(?:(?:should|must|will|need to|are to|may)\s+)?(?:still\s+|ever\s+)?"
    r"(?P<verb>end up|go|get (?:sent|posted|added|created|synced)|land|make it|"
    r"be (?:sent|posted|added|created|logged|synced|copied|pushed|forwarded|filed))\s+"
    r"(?P<act>(?:in|to|into|on|onto|via)\s+[^,，.;；]+?)\s*(?:[,，]\s*(?:but\s+)?not\s+[^.;；]+)?"
    r"(?=$|[.;；]|[,，])",
    re.IGNORECASE,
)
# words that name no kind of item ("only new ones", "only these")
_NOT_KINDS = frozenset({"new", "these", "those", "ones", "some", "the", "it", "them", "items"})


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def only_kind(part: str) -> tuple[Condition, str] | None:
    """The ``type`` check and the action words of "only <kind> should <arrive> <step>"."""
    m = _ONLY_KIND.search(part)
    if m is None:
        return None
    words = m.group("kind").lower().split()
    if words[0] in _NOT_KINDS or not words[-1].endswith("s"):
        return None  # "only new leads", "only the data": no kind of item
    kind = " ".join([*words[:-1], _singular(words[-1])])
    cond = Condition("type", "eq", kind, m.group("kind"))
    return cond, f"{m.group('verb')} {m.group('act')}"


_PAIR = re.compile(
    r"^\s*(?P<field>[a-z_][\w.]*)\s*[:：]?\s+['\"“]?(?P<value>[\w@.+-]+)['\"”]?\s*$", re.I
)
_NOT_FIELDS = frozenset(
    {"or", "and", "e.g.", "i.e.", "eg", "ie", "via", "like", "see", "not", "no"}
)


def paren_pair(said: str) -> Condition | None:
    """ "reporter portal-bot" (said in brackets): ``reporter = portal-bot``."""
    m = _PAIR.match(said)
    if m is None or m.group("field").lower() in _NOT_FIELDS:
        return None
    return Condition(m.group("field").lower(), "eq", m.group("value"), said.strip())


_LONGER = re.compile(
    r"\b(?:more than|over|longer than|at least)\s+(?P<n>\d+)\s+(?P<u>minute|hour|day|week)s?\b|"
    r"超过\s*(?P<zn>\d+)\s*(?P<zu>分钟|小时|天|周)",
    re.IGNORECASE,
)
_COLUMN = re.compile(
    r"\b(?:see\s+)?(?:the\s+)?['\"“]?(?P<col>[a-z][a-z0-9_]*)['\"”]?\s+(?:column|field|date)\b|"
    r"['\"“]?(?P<zcol>[a-z][a-z0-9_]*)['\"”]?\s*(?:列|字段)",
    re.IGNORECASE,
)
_ZH_UNITS = {"分钟": "minute", "小时": "hour", "天": "day", "周": "week"}


def since_column(said: str) -> Condition | None:
    """ "waiting for more than 14 days (see the last_contact column)": ``days_since_<col>``
    greater than 14 (the time between that column's date and the run)."""
    span, col = _LONGER.search(said), _COLUMN.search(said)
    if span is None or col is None:
        return None
    unit = span.group("u") or _ZH_UNITS[span.group("zu")]
    number = int(span.group("n") or span.group("zn"))
    name = (col.group("col") or col.group("zcol")).lower()
    return Condition(f"{unit.lower()}s_since_{name}", "gt", number, said.strip())
