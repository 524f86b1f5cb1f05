"""An aside in brackets that only explains the head of a case: "老客户（以前买过的）在Mailchimp
里打标签；新客户就…", "企业用户（填了公司名的）在Salesforce建线索，个人用户就…".

The head ("老客户") already names the case and the next case contrasts with it; the aside is a
gloss for the reader, so the case readers see the clause without it. An aside that reads as a
condition of its own ("海外订单（国家不是中国）用Mailgun…") stays: the bracketed-case reader
takes the case from it.

Invariants: only full-width or ASCII brackets right after a short head that opens a clause
(start of text or after a clause mark) and right before an action word; never a list of
fields ("（姓名、手机）"), never an aside the condition reader parses, never a clock time
("每天下班前（18:00）": the run's time the schedule reader takes). Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import Context

__all__ = ["drop_asides"]

# a clock time ("18:00", "9点", "9:30 am"): what the head ("下班前") means, never a gloss
_CLOCK = re.compile(r"\d{1,2}\s*(?::|：|点|时|\s*[ap]\.?m\b)", re.IGNORECASE)

# a clause's head, its aside, then the action's first word
_ASIDE = re.compile(
    r"(?P<pre>(?:^|[：:；;，,。])\s*[\w\u4e00-\u9fff]{1,8}?)"
    r"\s*[（(](?P<c>[^（()）、,，;；]{2,24})[)）]\s*"
    r"(?=(?:就|则|都|要|先|直接)?(?:在|用|发|记|写|加|存|推|通知|同步|转|放|给|把|提醒|建|打))"
)


def drop_asides(text: str, ctx: Context) -> str:
    """``text`` without the asides that only gloss a case's head (see the module doc)."""

    def keep_or_drop(m: re.Match[str]) -> str:
        if parse_condition(m.group("c"), ctx) is not None or _CLOCK.search(m.group("c")):
            return m.group(0)
        return m.group("pre")

    return _ASIDE.sub(keep_or_drop, text)
