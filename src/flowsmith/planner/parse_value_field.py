"""The field of Chinese cases said by a bare value + 的: "小学的…，初中的…，其他年级…".

A case head with no field of its own ("牙科的在日历里建日程") is read as a test on a
placeholder ``status`` field. When the request does not speak of a status, the field is the
one the sentence names for these values: the word after the rest case's "其他/其余/别的"
("其他科室发邮件" -> 科室), or else the one field of the trigger's bracketed list
("（姓名、手机、科室、时间）") that shares a character with every value (牙科, 眼科 -> 科室).

Invariants: only branches whose every tested condition is ``status eq <Chinese word>`` are
renamed, and only to a field listed in brackets or named by the rest case; the values, ops
and steps stay as they were. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Approval, Branch, Case, Condition, Loop, Step

# "（姓名、手机、科室、时间）", "(单号, 重量, 目的地)": the fields an incoming item carries
_LISTED = re.compile(r"[（(]([^（()）]{2,60})[)）]")
_REST = re.compile(r"(?:其他|其余|其它|别的|剩下的?)([\u4e00-\u9fff]{2,4})")
_STATUS = re.compile(r"状态|status", re.IGNORECASE)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _listed(text: str) -> list[str]:
    out: list[str] = []
    for m in _LISTED.finditer(text):
        parts = [p.strip() for p in re.split(r"[、,，/]", m.group(1))]
        if len(parts) >= 2 and all(_CJK.search(p) and len(p) <= 6 for p in parts):
            out += parts
    return out


def _field_for(values: list[str], text: str) -> str | None:
    """The field the bare ``values`` belong to, or None when the sentence names none."""
    listed = _listed(text)
    for m in _REST.finditer(text):
        named = next((f for f in listed if m.group(1).startswith(f)), None)
        if named is not None:
            return named
    sharing = [f for f in listed if all(set(v) & set(f) for v in values)]
    return sharing[0] if len(sharing) == 1 else None


def _bare(cond: Condition | None) -> bool:
    return (
        cond is not None
        and cond.field == "status"
        and cond.op == "eq"
        and isinstance(cond.value, str)
        and bool(_CJK.search(cond.value))
    )


def _renamed(branch: Branch, text: str) -> Branch:
    conds = [c.condition for c in branch.cases if c.condition is not None]
    if not conds or not all(_bare(c) for c in conds):
        return branch
    said = _field_for([str(c.value) for c in conds if c is not None], text)
    if said is None:
        return branch
    name = lx.FIELD_ZH_NAMES.get(said, said)
    return replace(
        branch,
        cases=tuple(
            Case(replace(c.condition, field=name) if c.condition else None, c.steps)
            for c in branch.cases
        ),
    )


def with_value_fields(steps: list[Step], text: str) -> list[Step]:
    """``steps`` with each bare-value branch testing the field the request names for it."""
    if _STATUS.search(text):
        return steps
    return [_step(s, text) for s in steps]


def _step(step: Step, text: str) -> Step:
    if isinstance(step, Branch):
        step = _renamed(step, text)
        return replace(
            step,
            cases=tuple(
                replace(c, steps=tuple(_step(s, text) for s in c.steps)) for c in step.cases
            ),
        )
    if isinstance(step, Loop):
        return replace(step, steps=tuple(_step(s, text) for s in step.steps))
    if isinstance(step, Approval):
        return replace(
            step,
            approved=tuple(_step(s, text) for s in step.approved),
            rejected=tuple(_step(s, text) for s in step.rejected),
        )
    return step
