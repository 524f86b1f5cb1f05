"""Cases said one after another that can never hold together are one decision: "内容是“退订”
的，…；内容是“预约”的，…；其他的…", "评分4分以上的…，3分及以下的…", "status 'won' → …; status
'lost' → …; anything else → …".

Read clause by clause, such a list comes out as a branch per case in a row; then an item of
the first case also reaches the second branch, and that branch's "otherwise" (meant as "none of
the above") runs for it too. Joined, every case is an output of one test and the otherwise
is what none of them takes.

Invariants: two branches side by side in one list join only when the first has no otherwise
case and every case of the second compares the field of the first's cases (or, for a number
said without its field, "3分及以下", the other side of that number) in a way no item can
meet together with any case of the first (different values of one field, number ranges that
do not overlap); the cases keep their order and steps. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import replace

from flowsmith.planner.frame import Branch, Case, Condition, Loop, Step

_INF = float("inf")
_NUMERIC = ("gt", "gte", "lt", "lte")


def with_cases_merged(steps: tuple[Step, ...] | list[Step]) -> list[Step]:
    """``steps`` with each row of mutually exclusive branches joined into one (at any depth)."""
    out: list[Step] = []
    for step in (_inner(s) for s in steps):
        last = out[-1] if out else None
        if isinstance(step, Branch) and isinstance(last, Branch):
            joined = _joined(last, step)
            if joined is not None:
                out[-1] = joined
                continue
        out.append(step)
    return out


def _inner(step: Step) -> Step:
    if isinstance(step, Branch):
        return replace(
            step,
            cases=tuple(replace(c, steps=tuple(with_cases_merged(c.steps))) for c in step.cases),
        )
    if isinstance(step, Loop):
        return replace(step, steps=tuple(with_cases_merged(step.steps)))
    return step


def _joined(first: Branch, second: Branch) -> Branch | None:
    """One branch with the cases of both, when they are exclusive; else None."""
    said = [c.condition for c in first.cases]
    if not said or None in said:
        return None
    field = said[0].field if said[0] is not None else ""
    cases: list[Case] = []
    for case in second.cases:
        cond = case.condition
        if cond is not None:
            cond = _on_field(cond, field)
            if cond is None or not all(c is not None and _apart(c, cond) for c in said):
                return None
        cases.append(replace(case, condition=cond))
    if not any(c.condition is not None for c in cases):
        return None
    return replace(first, cases=(*first.cases, *cases))


def _on_field(cond: Condition, field: str) -> Condition | None:
    """``cond`` on ``field``: as it is when it compares that field, moved onto it when it is a
    number said without naming its own field; else None."""
    if cond.field == field:
        return cond
    named = cond.field.split("_")[0].lower() in cond.phrase.lower()
    if cond.op in _NUMERIC and not named:
        return replace(cond, field=field)
    return None


def _apart(a: Condition, b: Condition) -> bool:
    """Whether no item can meet both ``a`` and ``b`` (both on one field)."""
    if a.op == "eq" and b.op == "eq":
        return str(a.value).strip().lower() != str(b.value).strip().lower()
    ra, rb = _range(a), _range(b)
    if ra is None or rb is None:
        return False
    (lo_a, lo_in_a, hi_a, hi_in_a), (lo_b, lo_in_b, hi_b, hi_in_b) = ra, rb
    if hi_a < lo_b or (hi_a == lo_b and not (hi_in_a and lo_in_b)):
        return True
    return hi_b < lo_a or (hi_b == lo_a and not (hi_in_b and lo_in_a))


def _range(c: Condition) -> tuple[float, bool, float, bool] | None:
    """(low, low included, high, high included) of a numeric comparison, else None."""
    try:
        v = float(c.value)
    except (TypeError, ValueError):
        return None
    return {
        "gt": (v, False, _INF, False),
        "gte": (v, True, _INF, False),
        "lt": (-_INF, False, v, False),
        "lte": (-_INF, False, v, True),
        "eq": (v, True, v, True),
    }.get(c.op)
