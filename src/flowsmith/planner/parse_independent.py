"""Conditions on different things, each with its own action, are separate decisions.

"If snow is forecast, text me; if the temperature is below -10, post in Discord",
"要下雨就发短信；气温超过35度就开空调": both can hold on the same run, so each case is an IF of
its own rather than the second being the first one's "else". Cases on one field ("above 30 …,
below 10 …") stay one branch: they exclude each other.

Invariants: a branch is split only when every case has a condition and steps, the otherwise
case (if any) has no steps, no two cases may be one measure said twice (a shared field word,
one threshold), none is a kind or presence test (yes/no, empty, category: those usually name
exclusive kinds, "hot leads …, cold leads …"), and the request never says "else if"; the
split keeps the cases' order. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.planner.frame import Approval, Branch, Case, Condition, Loop, Step
from flowsmith.planner.parse_context import CJK

_ELSE_IF = re.compile(
    r"\b(?:else|otherwise)\s*,?\s+if\b|\bif not\b|否则如果|不然如果|否则若|要不然如果",
    re.IGNORECASE,
)
_KINDS = ("is_true", "is_false", "category", "is_empty", "not_empty", "failed")
_NUMERIC = ("gt", "gte", "lt", "lte", "between", "outside")


def split_independent(steps: list[Step], text: str) -> list[Step]:
    """``steps`` with each branch of independent conditions split into one IF per case."""
    if _ELSE_IF.search(text):
        return steps
    out: list[Step] = []
    for step in steps:
        out += _split(step, text)
    return out


def _split(step: Step, text: str) -> list[Step]:
    if isinstance(step, Loop):
        return [replace(step, steps=tuple(split_independent(list(step.steps), text)))]
    if isinstance(step, Approval):
        return [
            replace(
                step,
                approved=tuple(split_independent(list(step.approved), text)),
                rejected=tuple(split_independent(list(step.rejected), text)),
            )
        ]
    if not isinstance(step, Branch):
        return [step]
    cases = [replace(c, steps=tuple(split_independent(list(c.steps), text))) for c in step.cases]
    if not _independent(cases):
        return [replace(step, cases=tuple(cases))]
    said = [c for c in cases if c.condition is not None]
    return [Branch(cases=(c,), phrase=c.condition.phrase if c.condition else "") for c in said]


def _independent(cases: list[Case]) -> bool:
    said = [c for c in cases if c.condition is not None]
    if len(said) < 2 or any(not c.steps for c in said):
        return False
    if any(c.condition is None and c.steps for c in cases):
        return False
    conds = [c.condition for c in said if c.condition is not None]
    if any(c.op in _KINDS for c in conds):
        return False
    return all(not _related(a, b) for i, a in enumerate(conds) for b in conds[i + 1 :])


def _related(a: Condition, b: Condition) -> bool:
    """Two conditions that may be one measure said twice ("评分低于3分 … 3分以上": rating and
    score): a shared field word, or numbers on the same threshold."""
    fa, fb = _stem(a.field), _stem(b.field)
    if fa == fb or _shares(fa, fb):
        return True
    numeric = a.op in _NUMERIC and b.op in _NUMERIC
    if numeric and "between" in (a.op, b.op):
        return True  # "打0到6分的…；9分以上的…": buckets of one scale, said by their ends
    return numeric and str(a.value) == str(b.value)


def _shares(a: str, b: str) -> bool:
    """A common piece of two fields: a whole word, or two Chinese characters."""
    words = set(re.split(r"[_\W]+", a)) & set(re.split(r"[_\W]+", b))
    if words - {""}:
        return True
    return any(a[i : i + 2] in b for i in range(len(a) - 1) if CJK.search(a[i : i + 2]))


def _stem(field: str) -> str:
    return field.lower().split(".")[-1].rstrip("s")
