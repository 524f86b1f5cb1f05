"""An act that only drops the item the condition matched: "if the file isn't a PDF, skip it",
"…, ignore it", "…, throw it away", "如果金额小于20就直接忽略", "…的话就丢掉", "…就不处理了".

Such an act names no step: the items the condition matches go nowhere, so the check guards
the whole flow (every step after the trigger) with the kept items on its other output.

Invariants: only the whole act is read (a drop verb with a pronoun or nothing for its
object, adverbs like "just"/"直接" allowed); an act that names something else ("skip the
Slack message", "跳过审批") is no drop of the item and returns False. Pure: no I/O.
"""

from __future__ import annotations

from flowsmith.planner.text import rx

__all__ = ["drops_item"]

_DROP = rx(
    r"^\s*(?:then\s+)?(?:just\s+|simply\s+)?(?:"
    r"(?:skip|ignore|drop|discard|reject|bin|trash|throw|toss|get\s+rid\s+of|filter)"
    r"(?:\s+(?:it|them|those|these|that(?:\s+one)?|this(?:\s+one)?|the\s+(?:item|file|one|ones)))?"
    r"(?:\s+(?:away|out))?(?:\s+(?:entirely|completely|altogether))?|"
    r"(?:stop|end)(?:\s+(?:there|here|the\s+(?:flow|workflow|run)))?|do\s+nothing(?:\s+with\s+(?:it|them))?|"
    r"(?:don'?t|do\s+not)\s+(?:process|handle|touch)\s+(?:it|them)(?:\s+at\s+all)?"
    r")\s*[.!]?\s*$|"
    r"^(?:那么|那)?(?:就|都|则)?(?:直接|全部|都)?(?:跳过去?|忽略掉?|丢掉|扔掉|丢弃|过滤掉|去掉|"
    r"不处理|不管|不用管|不要处理|别处理|算了)了?(?:它|掉)?[。！]?$"
)


def drops_item(act: str) -> bool:
    """Whether ``act`` only drops the matched item ("skip it", "就跳过"), naming no step."""
    return _DROP.match(act.strip()) is not None
