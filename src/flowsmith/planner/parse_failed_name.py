"""The failed workflow said by what it did, on a start by a failing run: "if the one that
failed is 'Payroll sync'", "if the workflow that broke was 'X'", "如果失败的是'发票同步'",
"如果出错的工作流是'X'": a test of the failed workflow's name.

Invariants: only applied when the flow starts on a failing run (the caller checks); only a
subject that says the failing itself ("the one that failed", "失败的") followed by "is"/"是"
is rewritten, to "the workflow name", which every condition reader takes. Pure: no I/O.
"""

from __future__ import annotations

import re

__all__ = ["failed_named"]

_FAILED_EN = re.compile(
    r"\b(?:the\s+)?(?:(?:one|workflow|flow|automation|job|run|scenario)\s+(?:that|which)\s+"
    r"(?:has\s+)?(?:failed|broke|errored(?:\s+out)?|crashed)|"
    r"(?:failed|failing|broken|crashed)\s+(?:one|workflow|flow|automation|job|run|scenario))"
    r"(?=\s+(?:is|was|=|equals)\b)",
    re.IGNORECASE,
)
_FAILED_ZH = re.compile(
    r"(?:失败|出错|报错|挂掉?)了?的(?:那个|这个|是)?(?:工作流|流程|自动化)?(?:的?名(?:字|称))?(?=是|为|叫)"
)


def failed_named(text: str) -> str:
    """``text`` with the failed workflow's subject said as its name ("the workflow name")."""
    return _FAILED_ZH.sub("workflow name", _FAILED_EN.sub("the workflow name", text))
