"""Trailing reasons of an edit request: "…, it fails all the time and nobody cares",
"…，反正没人看", "…, because that workflow is flaky anyway", "…，因为它本来就经常挂".

Invariant: a reason explains the change and never changes the workflow, so its words are
no condition, no step and no value. Only clauses at the end of the request, after a clause
break, are reasons; a clause is one when it opens with a reason connective, or when it opens
with a subject ("it", "nobody", "它", "没人") and says something habitual or dismissive
("all the time", "anyway", "天天", "没人在意"). Pure: no I/O.
"""

from __future__ import annotations

import re

__all__ = ["reason_start"]

_BREAK = re.compile(r"[,，;；—–]\s*|\s+-\s+")
_CONNECTIVE = re.compile(
    r"^(?:because|since|'?cause|cos|given that|as (?=it|they|that|this|nobody|no one|we|I)|"
    r"因为|由于|反正|毕竟|本来|既然|因)",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"^(?:it|it's|its|that|this|they|they're|these|those|nobody|no one|no-one|we|I|"
    r"that \w+|this \w+|它|它们|这个|那个|这些|那些|没人|没有人|大家|谁都)",
    re.IGNORECASE,
)
_DISMISSIVE = re.compile(
    r"\b(?:all the time|every (?:day|night|time)|constantly|always|anyway|anyhow|nobody|"
    r"no one|no-one|never|flaky|useless|noise|noisy|spam(?:my)?|pointless|doesn'?t matter|"
    r"don'?t care|cares?|reads?)\b|天天|每天都|总是|老是|经常|一直|反正|没人|没有人|不在意|"
    r"无所谓|没用|不重要|本来就|不看",
    re.IGNORECASE,
)


# "…, that's just us testing", "…, they're fake", "…，都是内部测试数据": what the excluded
# items are, said to explain the exclusion
_IDENTIFIES = re.compile(
    r"^(?:it's|it is|that's|that is|they're|they are|those are|these are|those're)\s+"
    r"(?:just\s+|only\s+|all\s+|probably\s+)?(?:us\b|our\b|we\b|fake|spam|test\w*|internal|"
    r"students?\b|bots?\b|junk|not real)|"
    r"^(?:那|这|它们?|那些|这些)?(?:都|全)?是(?:我们|咱们|内部|测试|假的|学生|机器人|垃圾)",
    re.IGNORECASE,
)


# "是垃圾的就不处理了", "是测试的直接丢掉": the items it says are acted on (a reason never acts)
_ACTS_ON = re.compile(r"的(?:话)?(?:就|都|则|直接|全部)*(?:不|别|跳过|忽略|丢|扔|过滤|删|去掉)")


def reason_start(text: str) -> int:
    """Where the trailing reasons of ``text`` begin (``len(text)`` when there are none)."""
    end = len(text)
    while True:
        breaks = [m for m in _BREAK.finditer(text, 0, end) if m.start() > 0]
        if not breaks or not _is_reason(text[breaks[-1].end() : end].strip(" .。!！")):
            return end
        end = breaks[-1].start()


def _is_reason(clause: str) -> bool:
    if not clause:
        return False
    if _CONNECTIVE.match(clause):
        return True
    if _IDENTIFIES.match(clause):
        return _ACTS_ON.search(clause) is None
    return bool(_SUBJECT.match(clause)) and bool(_DISMISSIVE.search(clause))
