"""A reply to the webhook's caller said after cases of which some already replied.

"重复的直接返回409；不重复就在Brevo建联系人、发欢迎邮件，最后返回201", "if the amount is missing,
respond with 422. Otherwise create the invoice …, post to Slack and then respond 200": a call
is answered once, so the reply said last belongs only to the cases that did not answer yet.
It moves to the end of each such case; a branch with no otherwise case gets one holding just
the reply (the items no case took still get their answer).

Invariants: only a :class:`Respond` right after a :class:`Branch` moves, and only when at
least one case of that branch replies somewhere in its steps (a reply said after cases none
of which replied stays where it is: every path answers with it). Cases keep their order and
conditions; nothing else changes. Loops and cases are rewritten inside as well. Pure.
"""

from __future__ import annotations

from dataclasses import replace

from flowsmith.planner.frame import Branch, Case, Loop, Respond, Step, walk

__all__ = ["answered_once"]


def answered_once(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """``steps`` with each reply said after a branch moved into the cases that gave none."""
    out: list[Step] = []
    i = 0
    while i < len(steps):
        step = _inside(steps[i])
        nxt = steps[i + 1] if i + 1 < len(steps) else None
        if isinstance(step, Branch) and isinstance(nxt, Respond) and _some_replied(step):
            out.append(_with_reply(step, nxt))
            i += 2
            continue
        out.append(step)
        i += 1
    return tuple(out)


def _inside(step: Step) -> Step:
    if isinstance(step, Branch):
        cases = tuple(Case(c.condition, answered_once(c.steps)) for c in step.cases)
        return replace(step, cases=cases)
    if isinstance(step, Loop):
        return replace(step, steps=answered_once(step.steps))
    return step


def _replies(steps: tuple[Step, ...]) -> bool:
    return any(isinstance(s, Respond) for s in walk(steps))


def _some_replied(branch: Branch) -> bool:
    return any(_replies(c.steps) for c in branch.cases)


def _with_reply(branch: Branch, reply: Respond) -> Branch:
    cases = [c if _replies(c.steps) else Case(c.condition, (*c.steps, reply)) for c in branch.cases]
    if all(c.condition is not None for c in branch.cases):
        cases.append(Case(None, (reply,)))
    return replace(branch, cases=tuple(cases))
