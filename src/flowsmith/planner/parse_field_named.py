"""A field named in one sentence and pointed back to in a later one: "客户邮箱存在联系人的自定义
字段里。这个字段要是空的，就…", "the phone number sits in a custom property. If that property is
empty, …": the pointer ("这个字段", "that property") is that field's own noun.

Invariants: only a pointer after the sentence that says where the value is kept is replaced
(never one without such a sentence, never one before it); the named noun is taken as said
(the condition reader makes the field name of it). Pure.
"""

from __future__ import annotations

import re

__all__ = ["named_field_said"]

_EN = re.compile(
    r"\b(?:the\s+|their\s+|its\s+|his\s+|her\s+|our\s+)?(?P<x>[a-z][a-z ]{1,30}?)\s+"
    r"(?:sits|lives|is\s+(?:stored|kept|saved|held|recorded|written|entered)|is|are|goes)\s+"
    r"in\s+(?:a|an|the|their|its)\s+(?:custom\s+|separate\s+|own\s+)?"
    r"(?:field|property|column|attribute)\b",
    re.IGNORECASE,
)
_ZH = re.compile(
    r"(?:^|(?<=[，。；,;.!?！？\s]))(?P<x>[\u4e00-\u9fff\w]{2,8}?)"
    r"(?:存|写|放|记|填|保存|存放|记录)?在[\u4e00-\u9fff]{0,6}?(?:自定义)?(?:字段|属性|列)(?:里|中|内)?"
)
_POINTER_EN = re.compile(
    r"\b(?:that|this|the)\s+(?:custom\s+)?(?:field|property|column|attribute)\b", re.IGNORECASE
)
_POINTER_ZH = re.compile(r"(?:这个|这一|那个|该)(?:自定义)?(?:字段|属性|列|栏)")


def named_field_said(text: str) -> str:
    """``text`` with each pointer back to a field kept somewhere replaced by its noun."""
    for said, pointer, lead in ((_EN, _POINTER_EN, "the "), (_ZH, _POINTER_ZH, "")):
        m = said.search(text)
        if m is None:
            continue
        noun = m.group("x").strip()
        head, tail = text[: m.end()], text[m.end() :]
        text = head + pointer.sub((lead + noun).replace("\\", r"\\"), tail)
    return text
