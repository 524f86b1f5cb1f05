"""A case that sends "to someone else" the way the case before it sent: "张教练就发企业微信给
张教练，李教练就发给李教练", "'sales' -> message Anna on Slack, 'support' -> send it to Bob".

The later case names no service, only a sending verb and who gets it; the channel is the one
the case before it used, so it gets that case's send (same app, resource and operation; none
of the first recipient's parameters, which name someone else).

Invariants: only a case whose whole answer is the recorded decision a case with no service
gets (one ``set`` of ``decision``) and whose words open with a sending verb; the send copied is
the last service or email step of the nearest earlier case of the same branch; nothing else in
the tree changes. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.planner.frame import Branch, Case, CoreStep, Loop, ServiceStep, Step, Transform

__all__ = ["with_sends_shared"]

# "发给李教练", "就转给…", "也发到…", "send it to Bob", "forward them to …"
_SEND = re.compile(
    r"^\s*(?:就|也|都|则)?\s*(?:发|转发?|推送|抄送)(?:给|到)|"
    r"^\s*(?:send|forward|pass|message|ping|notify)\s+(?:it\s+|them\s+|that\s+)?(?:on\s+)?to\b",
    re.IGNORECASE,
)
_RECIPIENT_KEYS = frozenset({"to", "cc", "bcc", "user", "chat_id", "channel", "recipient"})


def with_sends_shared(steps: list[Step]) -> list[Step]:
    """``steps`` with each case that only says "send it to <someone>" given the send of the
    case before it."""
    return [_fix(s) for s in steps]


def _fix(step: Step) -> Step:
    if isinstance(step, Loop):
        return replace(step, steps=tuple(_fix(s) for s in step.steps))
    if not isinstance(step, Branch):
        return step
    cases: list[Case] = []
    for case in step.cases:
        inner = tuple(_fix(s) for s in case.steps)
        send = _said_send(inner)
        earlier = _last_send(cases) if send else None
        if send and earlier is not None:
            inner = (_copy(earlier, send),)
        cases.append(Case(case.condition, inner))
    return Branch(tuple(cases), step.phrase)


def _said_send(steps: tuple[Step, ...]) -> str:
    """The words of a case whose only step records a sending verb's decision, else ""."""
    if len(steps) != 1 or not isinstance(steps[0], Transform) or steps[0].kind != "set":
        return ""
    words = steps[0].params.get("fields", {}).get("decision", "")
    return words if isinstance(words, str) and _SEND.search(words) else ""


def _last_send(cases: list[Case]) -> ServiceStep | CoreStep | None:
    for case in reversed(cases):
        for s in reversed(case.steps):
            if isinstance(s, ServiceStep) and s.app:
                return s
            if isinstance(s, CoreStep) and s.subtype == "send_email":
                return s
    return None


def _copy(step: ServiceStep | CoreStep, phrase: str) -> Step:
    params = {k: v for k, v in step.params.items() if k not in _RECIPIENT_KEYS}
    return replace(step, params=params, phrase=phrase)
