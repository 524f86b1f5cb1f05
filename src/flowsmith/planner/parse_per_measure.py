"""A measure read per entity: "query the average CPU per host … alert for each host above
90%", "查每台服务器的平均内存使用率，超过80%的服务器…". A comparison on the entity ("each host
above 90%") compares the measure (average_cpu), not the entity's name.

Invariants: the measure is the words before "per / for each / by" (determiners and read verbs
dropped), the entity one word after it, never a unit of time ("revenue per day"); in Chinese
"每<量词>?<entity>的<measure>". Pure: regexes only.
"""

from __future__ import annotations

import re

_EN = re.compile(
    r"\b(?P<m>(?:[a-z]+\s+){0,3}[a-z]+)\s+(?:per|for each|for every|of each|of every)\s+"
    r"(?P<e>[a-z]+)\b",
    re.IGNORECASE,
)
_ZH = re.compile(
    r"每(?:一)?(?:台|个|家|位|条|只|款|个人)?(?P<e>[\u4e00-\u9fff]{1,4}?)的"
    r"(?P<m>[\u4e00-\u9fffA-Za-z]{2,10}?)(?=[，,。；;、\s]|超过|低于|高于|大于|小于|$)"
)
_TIME = re.compile(
    r"(?:second|minute|hour|day|week|month|year|night|morning|time)s?|天|日|周|月|年|小时|分钟|星期|晚|早上"
)
# words before the measure that only say how it is read ("query Postgres for the …")
_LEAD = re.compile(
    r"\b(?:for|the|a|an|of|query|get|read|fetch|pull|check|compute|calculate|find|look|up|"
    r"run|select|all|our|my|its|their|and|with|from|in|on|to|is|are)\b",
    re.IGNORECASE,
)


def per_measure(raw: str) -> tuple[str, str] | None:
    """``(entity, measure field)`` of the first "<measure> per <entity>" read, or None."""
    for m in _EN.finditer(raw):
        entity = m.group("e").lower()
        words = _LEAD.sub(" ", m.group("m").lower()).split()
        if words and not _TIME.fullmatch(entity):
            return entity, "_".join(words[-3:])
    z = _ZH.search(raw)
    if z and not _TIME.fullmatch(z.group("e")):
        return z.group("e"), z.group("m")
    return None


def per_measured(name: str, per: tuple[str, str] | None, implied: str) -> str:
    """The measure when the field ``name`` of a comparison is the entity the
    measure is read per ("each host above 90%"), or is only ``implied`` ("超过80%的服务器": no
    field named); else ``name``."""
    if per is None:
        return name
    entity, measure = per
    if name.lower() in (entity, entity + "s", entity + "es"):
        return measure
    if name in ("", "price", implied):
        return measure  # a bare "超过80%" in a request about that measure
    return name
