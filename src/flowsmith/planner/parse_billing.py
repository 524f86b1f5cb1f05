"""A billing period said as the condition ("如果是年付的套餐", "if it's an annual plan",
"订阅是按月付的"): the item's billing ``interval`` equals ``year`` / ``month`` / ``quarter``.

Invariants: only a clause that says nothing but the period, with at most an if-word, a
pronoun or plan noun as subject and a plan noun after it, is read (never "the annual report is
ready", never a clause with a number); the value is the interval's unit, in English. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition

__all__ = ["billing_period"]

_PLAN_EN = r"(?:plan|subscription|membership|billing(?:\s+(?:cycle|interval|period))?|contract|one)"
_EN = re.compile(
    r"^(?:(?:if|when|only if)\s+)?(?:(?:it's|it\s+is|they're|they\s+are|this\s+is|that's|"
    r"(?:the|their|its)\s+" + _PLAN_EN + r"\s+is)\s+)?(?:an?\s+|on\s+an?\s+|billed\s+)?"
    r"(?P<p>annual|annually|yearly|monthly|quarterly)(?:\s+" + _PLAN_EN + r")?$",
    re.IGNORECASE,
)
_PLAN_ZH = r"(?:套餐|订阅|会员|计划|合同|方案|付费方式|付款方式|计费周期|周期)"
_ZH = re.compile(
    r"^(?:如果|要是|若是?|假如|只要)?(?:这个|这份|该)?(?:" + _PLAN_ZH + r"的?)?(?:是|为)?"
    r"(?P<p>年付|按年付?费?|包年|年缴|年费|年度|月付|按月付?费?|包月|月缴|季付|按季付?费?|季度)"
    r"的?(?:" + _PLAN_ZH + r"|用户|客户)?(?:的话)?$"
)
_UNIT = {"年": "year", "月": "month", "季": "quarter", "an": "year", "ye": "year"}


def billing_period(t: str, phrase: str) -> Condition | None:
    """``interval == year|month|quarter`` when ``t`` says only a billing period, else None."""
    said = t.strip(" ,，。.")
    m = _EN.match(said) or _ZH.match(said)
    if m is None:
        return None
    p = m.group("p").lower()
    unit = next((u for k, u in _UNIT.items() if k in p[:2]), None)
    unit = unit or ("month" if p.startswith("mo") else "quarter")
    return Condition("interval", "eq", unit, phrase)
