"""Conditions joined across fields: "if the priority is high or the customer is VIP", "over
$500 and the country is US", "金额大于500并且国家是美国", "状态是错误或者延迟大于500".

Invariants: a joined condition is one :class:`~flowsmith.planner.frame.Condition` with op
``all`` ("and", "并且", "而且", "且") or ``any`` ("or", "或者", "或"), whose ``value`` is the
tuple of its parts and ``field`` the first part's field; it is built only when every part
reads as a condition of its own and the parts make one IF whose rules combine the one way
(:func:`~flowsmith.planner.compile_state.joinable`), so a joined condition never compiles to
rules that cannot hold together. "between 100 and 500" is one range, never two parts.
Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flowsmith.planner.compile_state import joinable
from flowsmith.planner.frame import Condition

# the connective between two conditions, and an "if" that may repeat after it
_JOIN = re.compile(
    r"\s+(?P<en>and|or)\s+(?:(?:if|when|whether)\s+)?|"
    r"\s*(?P<zh>并且|而且|且|或者|或是|或)\s*(?:如果|假如|若)?",
    re.IGNORECASE,
)
# "between 100 and 500", "在100和500之间", "介于100到500": the "and" of a range
_RANGE_LEFT = re.compile(
    r"(?:between|from)\s*[$€£¥]?\s*[\d.,]+\s*[a-z%$€£¥]*\s*$|(?:在|介于)\s*[\d.,]+\s*\S{0,2}$",
    re.IGNORECASE,
)
_VALUE_SAID = re.compile(r"(?:\bis\b|\bequals\b|是|为|等于|=)\s*[\"'“‘]?([^\"'”’\s]+)[\"'”’]?\s*$")


def split_joined(text: str) -> tuple[str, list[str]] | None:
    """``("all" | "any", parts)`` when ``text`` joins clauses by one kind of connective, each
    of several words; None when it has no connective, mixes "and" with "or", or a part is
    too short to be a condition of its own ("high or urgent", "3 or 4 stars")."""
    cuts = [m for m in _JOIN.finditer(text) if not _RANGE_LEFT.search(text[: m.start()])]
    if not cuts:
        return None
    kinds = {_kind(m) for m in cuts}
    if len(kinds) != 1:
        return None
    parts, start = [], 0
    for m in cuts:
        parts.append(text[start : m.start()])
        start = m.end()
    parts.append(text[start:])
    if not all(_long_enough(p) for p in parts) or any(_no_subject(p) for p in parts[1:]):
        return None
    return kinds.pop(), [p.strip(" ,，") for p in parts]


def _kind(m: re.Match[str]) -> str:
    word = (m.group("en") or m.group("zh") or "").lower()
    return "any" if word in ("or", "或者", "或是", "或") else "all"


def _long_enough(part: str) -> bool:
    said = part.strip(" ,，")
    if re.search(r"[\u4e00-\u9fff]", said):
        return len(said) >= 4
    return len(said.split()) >= 3


# a part that starts on its comparison ("… or above 38", "或高于38度") compares the first
# part's field: a range or a set of values, not a second condition
_NO_SUBJECT = re.compile(
    r"^\s*(?:is|are|was|not|under|over|below|above|less|more|greater|fewer|higher|lower|at (?:least"
    r"|most)|between|equals?|contains?|[<>=]|低于|高于|大于|小于|超过|不到|少于|多于|不足|介于|"
    r"等于|是|为|不是|包含|在\s*\d)",
    re.IGNORECASE,
)


def _no_subject(part: str) -> bool:
    return bool(_NO_SUBJECT.match(part))


def read_joined(
    text: str, read: Callable[[str], Condition | None], phrase: str
) -> Condition | None:
    """The joined condition ``text`` says, reading each part with ``read``; None unless every
    part reads and the parts compare different fields."""
    split = split_joined(text)
    if split is None:
        return None
    how, said = split
    parts = [read(p) for p in said]
    if any(p is None for p in parts):
        return None
    found = [p for p in parts if p is not None]
    if len({p.field for p in found}) != len(found):
        return None
    return join_conditions(found, how, phrase)


def join_conditions(parts: list[Condition], how: str, phrase: str) -> Condition | None:
    """``parts`` as one condition holding when all (``how`` = "all") or any of them hold;
    None when they cannot make one IF."""
    flat: list[Condition] = []
    for part in parts:
        if part.op == how and isinstance(part.value, tuple):
            flat += list(part.value)
        else:
            flat.append(_literal(part))
    if not joinable(flat, "and" if how == "all" else "or"):
        return None
    return Condition(flat[0].field, "all" if how == "all" else "any", tuple(flat), phrase)


def _literal(part: Condition) -> Condition:
    """A part read as a failure ("the status is error") compares its field with the word
    said, as the other parts compare theirs."""
    if part.op != "failed":
        return part
    m = _VALUE_SAID.search(part.phrase)
    return Condition(part.field, "eq", m.group(1) if m else "error", part.phrase)
