"""Conditions on how long ago something started: "the customer has (had) been paying for more
than a year", "注册超过30天的用户". They compare the days since the item's creation
(``days_since_created_at``), which the IF computes against the run's time (see
:func:`flowsmith.planner.compile_state.field_ref`).

Invariant: only a span said of being a customer / member / subscriber or of signing up is
read (never a plain duration such as "takes more than 2 hours"). Pure: regexes only.
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
        return None
    said = m.group("n").lower()
    count = 1 if said in ("a", "an") else _ZH_COUNT.get(said) or float(said)
    days = count * _DAYS[m.group("u").lower()]
    value = int(days) if float(days).is_integer() else days
    return Condition(SINCE_FIELD, _OPS[m.group("op").lower()], value, phrase)
