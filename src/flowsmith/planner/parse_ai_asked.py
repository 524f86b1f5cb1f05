"""A yes/no question put to an AI: "用AI判断是不是垃圾评论，不是的话转到飞书群", "ask GPT
whether the email is spam; if it isn't, forward it".

The question opens a case on the AI's verdict (the category it names, which a classifier
added before the gate decides); "不是的话…" / "if it isn't, …" then acts on the other side of it.

Invariants: the reader returns False (and changes nothing) unless the whole clause is such a
question and no case is open; the case holds a ``category`` condition from
:func:`~flowsmith.planner.parse_conditions.category_condition`. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner.frame import Think
from flowsmith.planner.parse_category import category_condition
from flowsmith.planner.parse_context import CJK, Context, unmask

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

AI_NAME = (
    r"(?:AI|人工智能|大模型|模型|GPT[\w.-]*|ChatGPT|OpenAI|Claude|Gemini|LLM|an? LLM|"
    r"the AI|an AI|the model|a model)"
)
_ASKED = re.compile(
    r"^\s*(?:先|再|并)?(?:用|让|请|交给|通过)\s*" + AI_NAME + r"\s*(?:来|去)?\s*"
    r"(?:判断|识别|检查|看看|看一下|确认|分辨|鉴别)(?:一下)?\s*(?:它|这条|这封|这个|内容)?\s*"
    r"(?:是不是|是否是|是否为|是否属于|是否)\s*(?P<zh>[^，,。；;]{1,12}?)\s*$|"
    r"^\s*(?:and\s+|then\s+|first\s+)*(?:ask|use|have|let|get)\s+" + AI_NAME + r"\s+"
    r"(?:to\s+)?(?:decide|check|judge|tell(?: me)?|determine|classify|work out|say)?\s*"
    r"(?:whether|if)\s+(?:it|this|the [a-z]+|this [a-z]+)\s+(?:is|'s)\s+(?:an?\s+)?"
    r"(?P<en>[a-z][\w-]*(?: [a-z][\w-]*)?)\s*(?:or not)?\s*$",
    re.IGNORECASE,
)


def ai_asked_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "用AI判断是不是广告": a case on the AI's verdict that the answer after it acts in."""
    said = unmask(clause, ctx)
    m = _ASKED.match(said)
    if m is None or (b.branch is not None and not b.branch.closed):
        return False
    word = (m.group("zh") or m.group("en") or "").strip().lower()
    if not word:
        return False
    # the verdict is one of two: what was asked, or anything else
    cats = [word, "其他" if CJK.search(word) else "other"]
    ctx.made.add("classify")
    ctx.classified = True
    ctx.categories = cats
    b.add([Think("classify", params={"categories": cats}, phrase=said.strip())])
    b.open_case(category_condition(word, said.strip(), ctx), said.strip(), same=False)
    return True
