"""Conditions on how long ago something started: "the customer has (had) been paying for more
than a year", "注册超过30天的用户", and the age of an item's dates: "created more than 24 hours
ago", "older than 30 days", "more than 14 days overdue", "not updated in 5 days",
"下单超过48小时", "逾期超过15天". They compare ``<unit>s_since_<date field>`` (created_at,
updated_at, due_date), which the IF computes against the run's time (see
:func:`flowsmith.planner.compile_state.field_ref`).

Invariant: only a span said of being a customer / member / subscriber, of signing up, or of
a date-giving verb (created, placed, updated, overdue, 下单, 创建, 逾期 …) is read (never a plain
duration such as "takes more than 2 hours"); units the IF cannot diff by (months, years)
count in days. Pure: regexes only.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import CompareOp, Condition

SINCE_FIELD = "days_since_created_at"
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "天": 1, "周": 7, "月": 30, "年": 365}
_ZH_COUNT = {"一": 1, "两": 2, "二": 2, "三": 3, "半": 0.5}
_OPS: dict[str, CompareOp] = {
    "more than": "gt",
    "over": "gt",
    "longer than": "gt",
    "at least": "gte",
    "less than": "lt",
    "under": "lt",
    "超过": "gt",
    "满": "gte",
    "不到": "lt",
    "少于": "lt",
    "未满": "lt",
}
_EN = re.compile(
    r"(?:\b(?:has|have|had)|'s|'ve|'d)\s+been\s+(?:a\s+)?(?:[a-z]+ing|customers?|members?|subscribed|"
    r"with us|signed up)\s+(?:with us\s+)?(?:for\s+)?"
    r"(?P<op>more than|over|longer than|at least|less than|under)\s+"
    r"(?P<n>an?|\d+(?:\.\d+)?)\s+(?P<u>day|week|month|year)s?\b",
    re.IGNORECASE,
)
_ZH = re.compile(
    r"(?:注册|加入|订阅|付费|开通|成为会员|成为客户|入会)(?:时间|时长)?(?:已经|已)?"
    r"(?P<op>超过|满|不到|少于|未满)\s*(?P<n>\d+(?:\.\d+)?|一|两|二|三|半)\s*个?"
    r"(?P<u>天|周|月|年)"
)


def span_condition(t: str, phrase: str) -> Condition | None:
    """``days_since_created_at`` compared with the span said, or None."""
    m = _EN.search(t) or _ZH.search(t)
    if m is None:
        return age_condition(t, phrase)
    said = m.group("n").lower()
    count = 1 if said in ("a", "an") else _ZH_COUNT.get(said) or float(said)
    days = count * _DAYS[m.group("u").lower()]
    value = int(days) if float(days).is_integer() else days
    return Condition(SINCE_FIELD, _OPS[m.group("op").lower()], value, phrase)


# the unit the IF diffs by (field_ref's spans: minutes, hours, days, weeks)
_AGE_UNITS = {"minute": ("minute", 1), "hour": ("hour", 1), "day": ("day", 1)}
_AGE_UNITS |= {"week": ("week", 1), "month": ("day", 30), "year": ("day", 365)}
_AGE_UNITS |= {"分钟": ("minute", 1), "小时": ("hour", 1), "天": ("day", 1), "日": ("day", 1)}
_AGE_UNITS |= {"周": ("week", 1), "星期": ("week", 1), "月": ("day", 30), "年": ("day", 365)}
_AGE_OPS: dict[str, CompareOp] = _OPS | {
    "within the last": "lt",
    "within the past": "lt",
    "in the last": "lt",
    "已过": "gt",
    "已经超过": "gt",
}
_EN_OP = (
    r"(?P<op>more than|over|longer than|at least|less than|under|"
    r"within the (?:last|past)|in the last)"
)
_EN_N = r"(?P<n>an?|\d+(?:\.\d+)?)\s+(?P<u>minute|hour|day|week|month|year)s?\b"
_CREATED = (
    r"created|opened|placed|submitted|added|posted|raised|filed|logged|received|made|published|"
    r"bought|purchased|ordered|booked|shipped|delivered"  # a purchase's date: its age
)
_UPDATED = r"updated|modified|edited|changed|touched|active"
# the last contact with a customer or lead: a date of its own ("haven't contacted for a week")
_CONTACTED = r"contacted|reached out to|called|followed up(?: with)?|heard from"
_EN_AGE = (
    # "created more than 24 hours ago", "opened over 3 days ago"
    re.compile(rf"\b(?P<w>{_CREATED}|{_UPDATED})\s+(?:{_EN_OP}\s+)?{_EN_N}\s+ago\b", re.IGNORECASE),
    # "not updated in (more than) 5 days", "hasn't been touched for over a week"
    re.compile(
        # "n't" ends its word ("haven't"): no word boundary before it
        rf"(?:\bnot|n't|\bnever)\s+(?:been\s+)?(?P<w>{_UPDATED}|{_CREATED}|{_CONTACTED})\s+"
        r"(?:(?:them|him|her|it|the customer|the lead)\s+)?(?:in|for)\s+"
        rf"(?:{_EN_OP}\s+)?{_EN_N}",
        re.IGNORECASE,
    ),
    # "older than 30 days", "more than a week old"
    re.compile(rf"\b(?P<w>older|newer|younger) than\s+{_EN_N}", re.IGNORECASE),
    re.compile(rf"\b{_EN_OP}\s+{_EN_N}\s+(?P<w>old)\b", re.IGNORECASE),
    # "more than 14 days overdue", "overdue by over 30 days", "past due for 10 days"
    re.compile(rf"\b(?:{_EN_OP}\s+)?{_EN_N}\s+(?P<w>overdue|past due|late)\b", re.IGNORECASE),
    re.compile(
        rf"\b(?P<w>overdue|past due|late)\s+(?:by|for)\s+(?:{_EN_OP}\s+)?{_EN_N}", re.IGNORECASE
    ),
)
_ZH_CREATED = r"创建|新建|建立|下单|提交|发布|提出|开单|上传|收到|录入|开启|购买|签收|发货"
_ZH_UPDATED = r"更新|修改|改动|跟进|活跃"
_ZH_CONTACTED = r"联系|联络|沟通|回访|拜访"
_ZH_N = r"(?P<n>\d+(?:\.\d+)?|一|两|二|三|半)\s*个?(?P<u>分钟|小时|天|日|周|星期|月|年)"
_ZH_AGE = (
    # "下单超过48小时", "创建已经超过3天", "逾期超过15天", "逾期15天以上"
    re.compile(
        rf"(?P<w>{_ZH_CREATED}|{_ZH_UPDATED}|逾期|过期|超期)(?:时间|时长)?(?:已经|已)?"
        rf"(?P<op>超过|满|不到|少于|未满|已过)?\s*{_ZH_N}(?P<tail>以上|以下|以内)?"
    ),
    # "超过5天没更新", "3天以上没有跟进"
    re.compile(
        rf"(?P<op>超过|满|已经超过)\s*{_ZH_N}(?P<tail>以上)?(?:都|还|仍)?(?:没有?|未)"
        rf"(?P<w>{_ZH_UPDATED}|{_ZH_CONTACTED})"
    ),
)


def _age_date(word: str) -> str:
    """The date field a verb of an age says: created (the default), updated, last
    contacted, or due."""
    w = word.lower()
    if re.fullmatch(rf"{_UPDATED}|{_ZH_UPDATED}", w):
        return "updated_at"
    if re.fullmatch(rf"{_CONTACTED}|{_ZH_CONTACTED}", w):
        return "last_contacted_at"
    if re.fullmatch(r"overdue|past due|late|逾期|过期|超期", w):
        return "due_date"
    return "created_at"


# "the invoice is overdue", "the due date has passed", "已经逾期", "过了截止日期": past the due
# date by any time, no span said
_PAST_DUE = re.compile(
    # ("whose status is overdue" names a status value: not read here)
    r"(?<!status\s)(?<!state\s)(?<!stage\s)"
    r"\b(?:is|are|was|were|has become|have become|went|gets?|got|becomes?)\s+(?:already\s+|now\s+)?"
    r"(?:overdue|past due)\b|"
    r"\b(?:due date|deadline|due day)\s+(?:has|have|had|is|was)\s+(?:already\s+)?"
    r"(?:passed|gone by|expired|in the past|over)\b|"
    r"\bpast\s+(?:its|their|the)\s+(?:due date|deadline)\b|^\s*(?:overdue|past due)\s*$|"
    r"已经?(?:逾期|超期)|(?:过了|超过了|错过了)(?:截止日期|截止时间|到期日|期限)|"
    r"(?:截止日期|截止时间|到期日|期限)已经?过了?",
    re.IGNORECASE,
)

# "not overdue yet", "没逾期", "还未到期": not past the due date (the other case of the above)
_NOT_DUE = re.compile(
    r"\b(?:not|isn't|aren't|never)\s+(?:yet\s+)?(?:overdue|past due)\b|"
    r"(?:没有?|未|不|还没有?)(?:逾期|超期)|(?:还)?(?:没有?|未)(?:到期|过截止日期)",
    re.IGNORECASE,
)


def age_condition(t: str, phrase: str) -> Condition | None:
    """``<unit>s_since_<date field>`` compared with the age said ("created more than 24 hours
    ago", "下单超过48小时"), or None; "newer than" / "不到" / "within the last" read as less;
    past due with no span said ("the invoice is overdue", "已逾期") is more than 0 days past
    the due date."""
    m = next((x for x in (*_EN_AGE, *_ZH_AGE) if x.search(t)), None)
    if m is None:
        if _NOT_DUE.search(t):
            return Condition("days_since_due_date", "lte", 0, phrase)
        due = _PAST_DUE.search(t)
        return Condition("days_since_due_date", "gt", 0, phrase) if due else None
    hit = m.search(t)
    assert hit is not None
    said_op = (hit.groupdict().get("op") or "").lower()
    op: CompareOp = _AGE_OPS.get(said_op, "gt")
    tail = hit.groupdict().get("tail") or ""
    if not said_op and tail:
        op = "gte" if tail == "以上" else "lte"
    if hit.group("w").lower() in ("newer", "younger"):
        op = "lt"
    said = hit.group("n").lower()
    count = 1 if said in ("a", "an") else _ZH_COUNT.get(said) or float(said)
    unit, scale = _AGE_UNITS[hit.group("u").lower()]
    span = count * scale
    value = int(span) if float(span).is_integer() else span
    return Condition(f"{unit}s_since_{_age_date(hit.group('w'))}", op, value, phrase)


# "表格里超过30天的行", "超过7天的记录": an age said of the noun with no verb before it, the
# rows' own age (after a place word or at the start, never after a field word: "停留超过10天")
_ZH_BARE_AGE = re.compile(
    rf"(?:^|(?<=[里中上内，,\s\"'”’」]))(?P<w>)(?P<op>超过|满|早于)\s*{_ZH_N}(?P<tail>以上)?(?:前)?的"
)


def bare_age(t: str, phrase: str) -> Condition | None:
    """The created-at age of "超过30天的行" (see ``_ZH_BARE_AGE``), or None."""
    hit = _ZH_BARE_AGE.search(t)
    if hit is None:
        return None
    said = hit.group("n")
    count = _ZH_COUNT.get(said) or float(said)
    unit, scale = _AGE_UNITS[hit.group("u")]
    span = count * scale
    value = int(span) if float(span).is_integer() else span
    op: CompareOp = "gte" if hit.group("tail") else "gt"
    return Condition(f"{unit}s_since_created_at", op, value, phrase)
