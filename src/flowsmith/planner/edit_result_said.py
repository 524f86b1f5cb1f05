"""What the step before gave back, said in an edit's condition: "the API actually returned
sales", "it came back with results" (something came back) and "Notion读出来要是空的（0条）",
"the Airtable read comes back empty" (nothing came back).

Invariant: the condition is on the previous step's result as a whole (``data``), never on a
named field; a quantity or a status code after "returned" is no such condition (None). Pure.
"""

from __future__ import annotations

from flowsmith.planner.frame import Condition
from flowsmith.planner.text import rx

__all__ = ["result_said"]


# "the API actually returned sales", "it came back with results", "the query found rows"
_SOMETHING = rx(
    r"^(?:the\s+|it\s+|they\s+)?(?:[a-z][\w -]*?\s+)?(?:actually\s+|really\s+)?"
    r"(?:returns?|returned|gives?|gave|comes? back with|came back with|finds?|found|got)\s+"
    r"(?!nothing\b|no\b|none\b|empty\b|an? empty\b|an? error|errors?\b|zero\b|\d)"
    r"(?:some|any|a few)?\s*(?:something|anything|data|[a-z]+s)$|"
    r"^[\u4e00-\u9fffa-z]{0,10}?(?:有|返回了?|读到了?|查到了?|拿到了?)(?:数据|结果|内容|记录)$"
)
# "Notion读出来要是空的（0条）", "查出来为空", "读到0条": what the step read is empty
_NOTHING = rx(
    r"^(?:[\u4e00-\u9fffa-z ]{0,12}?)(?:读出来|查出来|读到的?|查到的?|拿到的?|取到的?|返回的?)"
    r"(?:要|如果|若)?(?:是|为)?(?:空的?|0\s*条|零条)(?:\s*[(（][^()（）]{0,8}[)）])?$|"
    r"^(?:the\s+)?(?:[a-z][\w -]*?\s+)?(?:read|query|search|lookup|call|request|fetch)\s+"
    r"(?:comes?|came)\s+back\s+empty$"
)


def result_said(text: str) -> Condition | None:
    """``data`` not_empty / is_empty when ``text`` says the step before gave something or
    nothing back; None otherwise."""
    t = text.strip(" ,，.。")
    if _NOTHING.search(t):
        return Condition("data", "is_empty", None, text)
    if _SOMETHING.search(t):
        return Condition("data", "not_empty", None, text)
    return None
