"""A case's action said only by the named thing it goes to, and the named thing each step
goes to.

"if the product is 'Pro Course' add the buyer to the 'Pro' sequence in ConvertKit, otherwise
to the 'Onboarding' sequence", "如果金额超过1000就把客户加到Mailchimp的“VIP”列表，否则加到
“普通”列表": the otherwise side names no app and no verb, only a quoted name and a container
noun ("sequence", "列表"). It is the step of the case before again, on the thing it names: the
same app and operation, its own quoted value.

Each such step, and any step whose own words name a quoted container of its app ("the 'Pro'
sequence in ConvertKit"), takes that value into the operation's parameter for the container
(``sequence_id``, ``list``, …), on the resource of that name when the app has one with the
same operation.

Invariants: a side is filled only when it is one recorded decision (a ``set`` Transform with
nothing else) whose words are a quoted name and a container noun with no verb of their own,
and the case before it ends on a catalog service step; a value lands only in a parameter the
operation has; the resource changes only to one of the same app holding the same operation
key. Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.planner.frame import Branch, Case, Loop, ServiceStep, Step, Transform
from flowsmith.planner.services import ServiceIndex

__all__ = ["with_named_sides"]

_Q_OPEN = "'\"‘“「"
_Q_CLOSE = "'\"’”」"
# "the 'Pro' sequence", "“普通”列表", "Mailchimp的“VIP”列表"
_NAMED = re.compile(
    rf"[{_Q_OPEN}](?P<v>[^{_Q_CLOSE}]{{1,60}})[{_Q_CLOSE}]\s*(?:的\s*)?"
    r"(?P<n>[A-Za-z]+|[\u4e00-\u9fff]{1,3})"
)
# the side's words: a preposition or a "put into" verb of no app, then the named thing
_ELIDED = re.compile(
    r"^\W*(?:and\s+)?(?:otherwise|else|if not)?\W*(?:just\s+)?(?:to|into|onto|in)\s+"
    r"(?:the\s+|our\s+)?"
    rf"[{_Q_OPEN}][^{_Q_CLOSE}]{{1,60}}[{_Q_CLOSE}]\s*[A-Za-z]+\s*$|"
    r"^\W*(?:否则|不然|其他的?)?\W*(?:就)?(?:加到|加进|加入|放到|放进|添加到|移到|转到)\s*"
    rf"[{_Q_OPEN}][^{_Q_CLOSE}]{{1,60}}[{_Q_CLOSE}]\s*[\u4e00-\u9fff]{{1,3}}\s*$",
    re.IGNORECASE,
)
# container nouns said in Chinese, by the English word the catalog's parameters use
_ZH_NOUN = {"列表": "list", "名单": "list", "受众": "audience", "序列": "sequence", "标签": "tag"}
# a container noun's other parameter names
_ALSO = {"list": ("list_id", "audience_id"), "audience": ("list", "list_id", "audience_id")}


def with_named_sides(steps: list[Step], index: ServiceIndex) -> list[Step]:
    """``steps`` with elided otherwise sides filled and named containers placed."""
    return [_step(s, index) for s in steps]


def _step(step: Step, index: ServiceIndex) -> Step:
    if isinstance(step, Branch):
        cases: list[Case] = []
        for case in step.cases:
            inner = [_step(s, index) for s in case.steps]
            prior = cases[-1].steps[-1] if cases and cases[-1].steps else None
            side = _side(inner, prior, index)
            cases.append(Case(case.condition, tuple(side if side is not None else inner)))
        return replace(step, cases=tuple(cases))
    if isinstance(step, Loop):
        return replace(step, steps=tuple(_step(s, index) for s in step.steps))
    if isinstance(step, ServiceStep):
        return _placed(step, step.phrase, index)
    return step


def _side(inner: list[Step], prior: Step | None, index: ServiceIndex) -> list[Step] | None:
    """The step of the case before again, when ``inner`` is only its named destination."""
    if len(inner) != 1 or not isinstance(prior, ServiceStep) or prior.app is None:
        return None
    said = inner[0]
    if not isinstance(said, Transform) or said.kind != "set" or not _ELIDED.match(said.phrase):
        return None
    again = replace(prior, params={}, phrase=said.phrase)
    placed = _placed(again, said.phrase, index)
    return [placed] if placed.params else None


def _placed(step: ServiceStep, phrase: str, index: ServiceIndex) -> ServiceStep:
    """``step`` with the quoted container its ``phrase`` names in the operation's parameter."""
    app = index.apps.get(step.app or "")
    if app is None:
        return step
    for m in _NAMED.finditer(phrase):
        noun = _ZH_NOUN.get(m.group("n"), m.group("n").lower())
        resource = _resource_named(step, noun, index)
        op = app.operation(resource or "", step.operation or "")
        if op is None:
            continue
        for key in (noun, f"{noun}_id", f"{noun}_name", *_ALSO.get(noun, ())):
            if key in op.fields:
                params = {**step.params, key: m.group("v").strip()}
                return replace(step, resource=resource, params=params)
    return step


def _resource_named(step: ServiceStep, noun: str, index: ServiceIndex) -> str | None:
    """The app's resource called ``noun`` when it has ``step``'s operation, else the step's."""
    app = index.apps[step.app or ""]
    for key, res in app.resources.items():
        if noun in (key.lower(), *res.names.en) and step.operation in res.operations:
            return key
    return step.resource
