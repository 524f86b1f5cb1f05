"""Approvals by amount band: several approvers in a chain, and the work each band does.

"金额低于500的直接写进 Airtable；500到5000之间要部门经理审批；超过5000的要经理和财务总监两个人
都审批通过", "below 1000 it goes straight into Google Sheets; between 1000 and 10000 the team
lead must approve; above 10000 both the team lead and the CFO must approve":

* an approval asked of two people ("经理和财务总监", "the team lead and the CFO") is two
  approvals, the second on the first's approved output, in the order said; a rejection by
  either does what a rejection was said to do;
* an approval that says nothing of what happens once approved, in a branch beside a case said
  to do the work straight away ("straight", "直接"), lets that same work through: the approved
  output (of the last approval of a chain) runs the straight case's steps;
* a second approver said for a higher band ("5000以上经理批了之后还要CFO再批", "above 5000,
  after the lead approves, the CFO must approve too"): :func:`second_approver_said` reads it
  as its own case ("5000以上的还要CFO审批"), and that case, whose band lies inside an earlier
  case's band, moves onto the earlier approval's approved side, behind its own condition; the
  rest of the earlier band does the work at once. A rejection by either approver does what a
  rejection was said to do.

Invariants: only approvals with no approved steps are filled, and only from a branch with
exactly one case holding no approval and some steps; a case moves only when it is one
approval on a lower bound ("gt"/"gte") of the field an earlier case's lower bound compares,
above that one; cases keep their order and conditions. Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.planner.frame import Approval, Branch, Case, Condition, Loop, Step
from flowsmith.planner.parse_approver import approvers

__all__ = ["second_approver_said", "with_approval_tiers"]

# "经理批了之后还要CFO cfo@corp.cn 再批": the first approver's yes, then the next one asked
_ZH_THEN_ALSO = re.compile(
    r"(?P<pre>(?:以上|以下|[0-9一二两三四五六七八九十百千万]+(?:元|块)?(?:以上|以下)?)(?:的)?)\s*"
    r"[\u4e00-\u9fffA-Za-z]{1,8}?(?:批了|批准了?|审批通过|同意了?)(?:之后|以后|后)[，,]?\s*"
    r"(?P<also>还要|还需要?|还得|也要|再让|再由|再找)(?P<next>[^，,；;。]{1,40}?)"
    r"(?:再批|再审批|审批|批准|批)(?![量次发号改])"
)
# "above 5000, after the lead approves, the CFO must approve too"
_EN_AFTER = re.compile(
    r",?\s*\b(?:after|once)\s+(?:the\s+|my\s+|our\s+)?[\w@.-]+(?:\s+[\w-]+)?\s+"
    r"(?:has\s+)?approve[sd]?\s*,?\s*(?=[^;。；]{0,80}?\b(?:too|also|as well)\b)",
    re.IGNORECASE,
)


def second_approver_said(text: str) -> str:
    """``text`` with a second approver after the first's yes said as a case of its own."""
    text = _ZH_THEN_ALSO.sub(
        lambda m: f"{m.group('pre').rstrip('的')}的{m.group('also')}{m.group('next')}审批", text
    )
    return _EN_AFTER.sub(" ", text)


def with_approval_tiers(steps: list[Step]) -> list[Step]:
    """``steps`` with multi-person approvals chained and empty approvals given the straight
    case's work (module doc), at every depth."""
    return [_step(s) for s in steps]


def _step(step: Step) -> Step:
    if isinstance(step, Approval):
        return _chained(
            replace(
                step,
                approved=tuple(with_approval_tiers(list(step.approved))),
                rejected=tuple(with_approval_tiers(list(step.rejected))),
            )
        )
    if isinstance(step, Loop):
        return replace(step, steps=tuple(with_approval_tiers(list(step.steps))))
    if isinstance(step, Branch):
        cases = tuple(
            Case(c.condition, tuple(with_approval_tiers(list(c.steps)))) for c in step.cases
        )
        return replace(step, cases=_nested(_filled(cases, step.phrase)))
    return step


def _chained(step: Approval) -> Approval:
    """ "经理和财务总监都审批": one approval per person, each on the one before's approved side."""
    people = approvers(step.approver)
    if len(people) < 2:
        return step
    inner = replace(step, approver=people[-1])
    for who in reversed(people[:-1]):
        inner = replace(step, approver=who, approved=(inner,))
    return inner


def _filled(cases: tuple[Case, ...], phrase: str) -> tuple[Case, ...]:
    plain = [c for c in cases if c.steps and not any(isinstance(s, Approval) for s in c.steps)]
    if len(plain) != 1 or len(cases) < 2 or not _straight(plain[0], phrase, cases):
        return cases
    work = plain[0].steps
    return tuple(
        Case(c.condition, tuple(_given(s, work) for s in c.steps)) if c is not plain[0] else c
        for c in cases
    )


# "below 1000 it goes straight into …", "低于500的直接写进…": the work others wait for
_STRAIGHT = re.compile(
    r"\b(?:straight|directly|right away|at once|without (?:any )?approval)\b|"
    r"直接|无需审批|不用审批",
    re.IGNORECASE,
)


def _straight(case: Case, phrase: str, cases: tuple[Case, ...]) -> bool:
    """The case is said to do its work straight away (the branch's phrase is its first case's)."""
    said = [case.condition.phrase if case.condition else "", *(_phrase(s) for s in case.steps)]
    if case is cases[0]:
        said.append(phrase)
    return any(_STRAIGHT.search(x) for x in said)


def _phrase(step: Step) -> str:
    return str(getattr(step, "phrase", ""))


def _given(step: Step, work: tuple[Step, ...]) -> Step:
    """``step`` with ``work`` on the approved side of its last approval, when that is empty."""
    if not isinstance(step, Approval):
        return step
    if not step.approved:
        return replace(step, approved=work)
    if len(step.approved) == 1 and isinstance(step.approved[0], Approval):
        return replace(step, approved=(_given(step.approved[0], work),))
    return step


def _nested(cases: tuple[Case, ...]) -> tuple[Case, ...]:
    """Each later one-approval case whose band lies above an earlier approval case's lower
    bound moves onto that approval's approved side (module doc)."""
    out = list(cases)
    for late in list(out):
        outer = next((c for c in out if c is not late and _inside(late, c)), None)
        if outer is None or out.index(outer) > out.index(late):
            continue
        at = out.index(outer)
        out[at] = Case(outer.condition, tuple(_behind(s, late) for s in outer.steps))
        out.remove(late)
    return tuple(out)


def _inside(late: Case, outer: Case) -> bool:
    a, b = outer.condition, late.condition
    ask = late.steps[0] if len(late.steps) == 1 else None
    return (
        isinstance(ask, Approval)
        and _lower(a) is not None
        and _lower(b) is not None
        and a is not None
        and b is not None
        and a.field == b.field
        and float(_lower(b) or 0) > float(_lower(a) or 0)
        and any(isinstance(s, Approval) for s in outer.steps)
    )


def _lower(cond: Condition | None) -> float | None:
    if cond is None or cond.op not in ("gt", "gte") or isinstance(cond.value, bool):
        return None
    return float(cond.value) if isinstance(cond.value, int | float) else None


def _behind(step: Step, late: Case) -> Step:
    """``step`` (an approval) with ``late``'s approval behind its approved side, on
    ``late``'s condition; the rest of the band goes on as before."""
    if not isinstance(step, Approval) or not isinstance(late.steps[0], Approval):
        return step
    second = late.steps[0]
    work = step.approved or second.approved
    rejected = step.rejected or second.rejected
    second = replace(second, approved=second.approved or work, rejected=second.rejected or rejected)
    band = Branch(cases=(Case(late.condition, (second,)), Case(None, work)))
    return replace(step, approved=(band,), rejected=rejected)
