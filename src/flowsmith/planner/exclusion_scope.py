"""Which steps an exclusion covers, and the one condition put before them.

Invariants: a covered step keeps its place relative to the other covered steps; the steps
the exclusion does not cover keep their order and run on every path (they go before the
condition, a reply to the caller after it); a loop whose body holds covered steps gets the
condition inside, since the field is each item's; no step is added or said twice, except
the excluded items' own steps (``elsewhere``), which go on the subset's output.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import (
    Branch,
    Case,
    Condition,
    CoreStep,
    Loop,
    Respond,
    ServiceStep,
    Step,
    Wait,
)
from flowsmith.planner.services import ServiceIndex

_NEGATED = {
    "eq": "ne",
    "ne": "eq",
    "gt": "lte",
    "lte": "gt",
    "gte": "lt",
    "lt": "gte",
    "contains": "not_contains",
    "not_contains": "contains",
    "is_empty": "not_empty",
    "not_empty": "is_empty",
    "is_true": "is_false",
    "is_false": "is_true",
}
_READ_OPS = ("get", "list", "search", "read", "find", "lookup", "fetch", "download")
# words saying the exclusion covers everything ("must not create anything", "全部跳过")
_ALL = re.compile(
    r"\b(?:all|any|anything|anywhere|everything|whole|leave|process\w*|handled?|ignored|"
    r"skipped)\b|^(?:that|this|it|them|these|those)?$|什么|全部|一律|处理|跳过|忽略|管",
    re.IGNORECASE,
)
_POST = re.compile(
    r"\b(?:post\w*|publish\w*|tweet\w*|notif\w*|ping\w*|tell|alert\w*|message\w*|announce\w*|"
    r"go(?:es)?\s+to|sent\s+to)\b|通知|提醒|告诉|发到|发给|发布|推送|群|发送|发消息|^\s*发\s*$",
    re.IGNORECASE,
)
_RECORD = re.compile(
    r"\b(?:creat\w*|add\w*|cop(?:y|ied)|sav\w*|stor\w*|record\w*|task|card)\b|建|记|存|加",
    re.IGNORECASE,
)
_MAIL_APP = re.compile(r"\be-?mail|邮件", re.IGNORECASE)
_SMS_APP = re.compile(r"\bsms\b|text messag|短信", re.IGNORECASE)


def guard_covered(
    steps: list[Step],
    cond: Condition,
    scope: str,
    elsewhere: list[Step],
    index: ServiceIndex,
    keep: bool = False,
) -> list[Step]:
    """``steps`` with ``cond`` (true for the excluded items; with ``keep``, for the items
    that get the steps) kept away from the steps ``scope`` names; ``steps`` unchanged when
    it names none of them."""
    return _guard(steps, cond, _coverage(steps, scope, index), elsewhere, keep=keep)


def _guard(
    steps: list[Step],
    cond: Condition,
    covers: set[int],
    elsewhere: list[Step],
    keep: bool = False,
) -> list[Step]:
    top = [i for i, s in enumerate(steps) if id(s) in covers]
    if not top:
        return [_inside(s, cond, covers, elsewhere, keep) for s in steps]
    out = list(steps)
    inside = {i for i in range(len(out)) if i in top or _waits_for(out, i, top)}
    covered = [s for i, s in enumerate(out) if i in inside]
    rest = [(i, s) for i, s in enumerate(out) if i not in inside]
    before = [s for _, s in rest if not isinstance(s, Respond)]
    after = [s for _, s in rest if isinstance(s, Respond)]
    # the condition takes the first covered step's words ("再用Brevo发…"), so a step said to
    # come after the one before it still waits for it
    phrase = " ".join(p for p in (getattr(covered[0], "phrase", ""), cond.phrase) if p)
    branch = Branch((Case(cond, tuple(covered)),)) if keep else _branch(cond, covered, elsewhere)
    return [*before, replace(branch, phrase=phrase), *after]


def _inside(
    step: Step, cond: Condition, covers: set[int], elsewhere: list[Step], keep: bool
) -> Step:
    """A loop or a case whose body holds covered steps gets the condition inside it."""
    if isinstance(step, Loop):
        return Loop(tuple(_guard(list(step.steps), cond, covers, elsewhere, keep)), step.phrase)
    if isinstance(step, Branch):
        cases = tuple(
            Case(c.condition, tuple(_guard(list(c.steps), cond, covers, elsewhere, keep)))
            if any(id(x) in covers for x in _walk(c.steps))
            else c
            for c in step.cases
        )
        return Branch(cases, step.phrase)
    return step


def _waits_for(steps: list[Step], i: int, top: list[int]) -> bool:
    """A wait right before a covered step belongs to it ("等一天再发")."""
    return isinstance(steps[i], Wait) and i + 1 in top


def negated(cond: Condition) -> Condition | None:
    """The condition true exactly when ``cond`` is false (None: no single test says it)."""
    op = _NEGATED.get(cond.op)
    if op is None:
        return None
    return Condition(field=cond.field, op=op, value=cond.value, phrase=cond.phrase)  # type: ignore[arg-type]


def _branch(cond: Condition, covered: list[Step], elsewhere: list[Step]) -> Branch:
    flip = negated(cond)
    if elsewhere or flip is None:
        return Branch((Case(cond, tuple(elsewhere)), Case(None, tuple(covered))), cond.phrase)
    return Branch((Case(flip, tuple(covered)),), cond.phrase)


def _walk(steps: tuple[Step, ...]) -> list[Step]:
    out: list[Step] = []
    for s in steps:
        out.append(s)
        if isinstance(s, Loop):
            out += _walk(s.steps)
        elif isinstance(s, Branch):
            for c in s.cases:
                out += _walk(c.steps)
    return out


def _coverage(steps: list[Step], scope: str, index: ServiceIndex) -> set[int]:
    """The ids of the write steps ``scope`` covers (top level and loop bodies)."""
    writes = [s for s in _walk(tuple(steps)) if _writes(s) and not _thinks(s, index)]
    if scope == "last":
        return {id(writes[-1])} if writes else set()
    if not scope.strip() or _ALL.search(scope):
        return {id(s) for s in writes}
    apps = {m.app for m in index.mentions(scope, implicit=False) if m.app}
    if apps:
        return {id(s) for s in writes if isinstance(s, ServiceStep) and s.app in apps}
    kinds = _kinds_said(scope)
    named = {id(s) for s in writes if kinds & _kinds_of(s, index)}
    return named or {id(s) for s in writes}


def _kinds_said(scope: str) -> set[str]:
    kinds = set()
    if lx.EMAIL_WORD.search(scope):
        kinds.add("email")
    if lx.SMS_WORD.search(scope) or re.search(r"\btext\b", scope, re.IGNORECASE):
        kinds.add("sms")
    if _POST.search(scope) and not kinds:
        kinds.add("post")
    if not kinds or _RECORD.search(scope):
        kinds.add("record")
    return kinds


def _kinds_of(step: Step, index: ServiceIndex) -> set[str]:
    if isinstance(step, CoreStep):
        return {"email"} if "email" in step.subtype or "mail" in step.subtype else {"record"}
    if not isinstance(step, ServiceStep) or step.app is None:
        return set()
    app = index.apps.get(step.app)
    if app is None:
        return set()
    said = " ".join([app.description, *app.names.en, *app.names.zh])
    if _SMS_APP.search(said):
        return {"sms", "post"}
    sends = (step.operation or "").lower().startswith("send")
    if sends and _MAIL_APP.search(app.description) and app.category in ("marketing", "office"):
        return {"email"}
    if app.category == "messaging" or re.search(r"message|post|publish", step.operation or ""):
        return {"post"}
    return {"record"}


def _thinks(step: Step, index: ServiceIndex) -> bool:
    """An AI app's step (a caption, a summary) makes what the covered steps send."""
    app = index.apps.get(step.app or "") if isinstance(step, ServiceStep) else None
    return app is not None and app.category == "ai"


def _writes(step: Step) -> bool:
    if isinstance(step, ServiceStep):
        op = (step.operation or "").lower()
        return bool(op) and not op.startswith(_READ_OPS)
    if isinstance(step, CoreStep):
        if step.subtype == "http_request":
            return str(step.params.get("method", "GET")).upper() != "GET"
        return "send" in step.subtype or "mail" in step.subtype
    return False
