"""Who the user is, said before the flow: "我们是做跨境小包物流的。", "我们是一家卖咖啡豆的小店",
"We are a small parcel-shipping company." It is context for the reader, never a condition on
the items nor a step.

Invariants: only a whole clause that starts with "我们/我/我们公司" or "we/I" and "是/are/am"
(or "run/own" a business), with no clause mark inside and no words of condition ("如果",
"if") after it; nothing else is dropped. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

__all__ = ["introduction"]

_INTRO = re.compile(
    r"^\s*(?:我们|我|本公司|我们公司|我司)(?:这边)?(?:是|就是)(?:一家|一个|个|家)?"
    r"[^，,。；;：:如若]{1,20}?(?:的|公司|店|小店|团队|工作室|平台|工厂|诊所|学校)\s*[。.！!]?\s*$|"
    r"^\s*(?:we|i)\s*(?:are|am|'re|'m|run|own)\s+(?:a|an|one)\s+"
    r"(?!(?:if|when|whenever)\b)[\w\s'-]{1,40}?(?:company|business|shop|store|startup|agency|team|"
    r"studio|clinic|school|firm|brand|platform)\s*[.!]?\s*$",
    re.IGNORECASE,
)


def introduction(clause: str) -> bool:
    """Whether ``clause`` only says who the user is (see the module doc)."""
    return _INTRO.match(clause) is not None
