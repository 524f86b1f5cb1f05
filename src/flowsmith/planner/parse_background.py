"""A first sentence that only says who the writer is: "我们是做跨境小包物流的。",
"我是开瑜伽馆的。", "我们是一家卖咖啡豆的小店。", "We're a small bakery.", "I run a yoga studio.".

Such a sentence sets the scene for the reader; it asks for no step and states no case, so the
readers see the request without it (read as "X是Y的" it would otherwise become a condition).

Invariants: only the text's first sentence, only when a sentence mark closes it and more text
follows, only a self-description ("我们是/我是…的", "we are/we're/I'm a…", "we/I run…") with
no word of an event or a step in it, and no service named ("I run a Shopify store." says where
events come from). Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["drop_background"]

_ZH = re.compile(
    r"^\s*(?:我们|我|咱们)(?:公司|团队)?是(?:一家|一个|个)?[^。！!；;，,]{1,20}的"
    r"(?:公司|店|小店|团队|工作室|平台|工厂|诊所|学校)?\s*[。！!]"
)
_EN = re.compile(
    r"^\s*(?:we\s+are|we're|i\s+am|i'm)\s+(?:a|an)\s+[^.!?;]{1,40}[.!]\s+|"
    r"^\s*(?:we|i)\s+run\s+(?:a|an)\s+[^.!?;]{1,40}[.!]\s+",
    re.IGNORECASE,
)
# words of an event, a case or a step: such a sentence asks for something after all
_ASKS = re.compile(
    r"\b(?:when|whenever|if|every|each|send|post|add|create|notify|email|save|need|want)\b|"
    r"如果|当|每|时|发|存|记|建|通知|需要|想要|要是",
    re.IGNORECASE,
)


def drop_background(text: str, names_service: Callable[[str], bool]) -> str:
    """``text`` without a first sentence that only describes the writer (see module doc);
    ``names_service`` says whether a sentence names a catalog service."""
    m = _ZH.match(text) or _EN.match(text)
    if m is None or _ASKS.search(m.group(0)) or not text[m.end() :].strip():
        return text
    if names_service(m.group(0)):
        return text
    return text[m.end() :].lstrip()
