"""A change of a measure said in percent: "revenue fell more than 10% week over week",
"signups rose over 50% day over day", "订单量比上周下降超过20%", "访问量比昨天涨了超过30%".

The condition compares ``<measure>_change_pct`` (the measure's change against the period
before, in percent, as the query or report gives it): a fall of more than N is a change below
-N, a rise of more than N a change above N.

Invariants: read only when a verb of rising or falling is followed by a number with a percent
sign or word (a plain "drops below 100" is a threshold, read elsewhere; "drops" alone is a
change against the last run, :mod:`flowsmith.planner.parse_changes`). Pure: regexes only.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import CompareOp, Condition

_DOWN = (
    r"drop(?:s|ped)?|falls?|fell|decreas(?:es|ed)?|declin(?:es|ed)?|dips?|dipped|shr[iu]nk|shrinks"
)
_UP = r"rises?|rose|increas(?:es|ed)?|grows?|grew|climb(?:s|ed)?|jump(?:s|ed)?|went up|goes up"
_EN = re.compile(
    r"^(?:if|when|whenever|once)?\s*(?:the|its|our|my|total|weekly|daily|monthly)?\s*"
    r"(?P<f>[a-z][a-z ]{0,30}?)\s+(?:has\s+|have\s+)?(?P<v>" + _DOWN + "|" + _UP + r")\s+"
    r"(?:by\s+)?(?P<op>more than|over|at least|less than|under)?\s*"
    r"(?P<n>\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)",
    re.IGNORECASE,
)
_ZH_DOWN = r"下降|下跌|降低|减少|跌|降"
_ZH_UP = r"上涨|上升|增长|增加|涨|升"
_ZH = re.compile(
    r"(?P<f>[\u4e00-\u9fffA-Za-z]{1,8}?)\s*(?:和|与|跟|比|较)?"
    r"(?:上周|昨天|上月|上个月|上次|去年|前一天|上一周|上一天|同期)?(?:相比|同比|环比)?\s*"
    r"(?P<v>" + _ZH_DOWN + "|" + _ZH_UP + r")了?(?:幅度)?\s*"
    r"(?P<op>超过|多于|大于|不止|不到|少于)?\s*(?P<n>\d+(?:\.\d+)?)\s*(?:%|％|个百分点)"
)
_LESS = ("less than", "under", "不到", "少于")


def percent_change_condition(t: str, phrase: str) -> Condition | None:
    """``<measure>_change_pct`` against the percent said, or None."""
    if not re.search(r"[%％]|百分|per\s?cent|pct", t, re.IGNORECASE):
        return None  # the searches below are costly on long text; every match needs a percent
    zh = bool(re.search(r"[\u4e00-\u9fff]", t))
    m = (_ZH if zh else _EN).search(t.strip())
    if m is None:
        return None
    said = m.group("f").strip()
    if zh:
        said = re.sub(r"^(?:如果|若|当|要是|假如|而且|并且)", "", said)
        name = lx.FIELD_ZH_NAMES.get(said, said)
    else:
        name = re.sub(r"\s+", "_", said.lower())
    if not name or lx.PRONOUN.match(name):
        return None
    down = re.fullmatch(_ZH_DOWN if zh else _DOWN, m.group("v"), re.IGNORECASE) is not None
    n = float(m.group("n"))
    value: float | int = int(n) if n.is_integer() else n
    less = (m.group("op") or "").lower() in _LESS
    # a fall of more than N: a change below -N; of less than N: between -N and 0, read as above -N
    op: CompareOp = ("gt" if less else "lt") if down else ("lt" if less else "gt")
    return Condition(f"{name}_change_pct", op, -value if down else value, phrase)
