"""A review whose outcome is said is an approval: "发邮件给编辑审核；审核通过以后把状态改成已发布",
"让组长审核一下，审核不通过就通知我", read as "…给编辑审批；审批通过以后…" so the approval
words name the approval step and its approved (or rejected) side.

审核 alone is also "moderation" ("AI审核内容", "待审核" as a status value), so it is read as an
approval only when the request says how the review turns out (审核通过/审核不通过), and only
where someone is asked to do it ("给X审核", "让X审核", "交给X审核").

Invariants: a request with no said outcome of a review is returned unchanged; a 审核 inside
quotes or after 待/已/自动 is never rewritten. Pure.
"""

from __future__ import annotations

import re

__all__ = ["review_as_approval"]

_OUTCOME = re.compile(r"审核(?=(?:不|没有?|未)?通过)")
# "给 editor@x.cn 审核", "让组长审核", "交给法务审核": someone asked to review
_ASKED = re.compile(
    r"(?P<who>(?:发给|交给|转给|给|让|请|由|找)[^，,；;。！？“”\"'「」]{1,40}?)"
    r"(?<![待已动])审核(?!(?:不|没有?|未)?通过)"
)


def review_as_approval(text: str) -> str:
    """``text`` with a review said as an approval when its outcome is said (module doc)."""
    if _OUTCOME.search(text) is None or _ASKED.search(text) is None:
        return text
    asked = _ASKED.sub(lambda m: f"{m.group('who')}审批", text)
    return _OUTCOME.sub("审批", asked)
