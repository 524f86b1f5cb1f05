"""A lookup, the actions on what it found, then a case for when it found nothing: "look the
card up in MySQL and respond with the balance; when the card doesn't exist respond 404",
"have AI read out the products and create the order; if it can't find any products, forward
the email", "在Pipedrive里查这个客户，给他建一个交易；找不到这个客户就发邮件给…".

The "not found" case is the negation of what the actions before it presume, so those actions
are its other case: they and the reply sit on different outputs of one test.

Invariants: :func:`not_found_condition` reads only a phrase that says a thing was not found
(or does not exist) and gives ``<thing> is_empty``; :func:`with_lookup_sides` changes only a
branch of one case whose condition is such a phrase, and moves only the acting steps
(service writes, core steps, responses) said right after the last step that looks something up
or works it out (a read, a lookup said in words, an AI step); nothing is added, dropped or
reordered. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner.compile_nodes import reads
from flowsmith.planner.frame import (
    Branch,
    Case,
    Condition,
    CoreStep,
    Loop,
    Respond,
    ServiceStep,
    Step,
)

_THING = r"(?:[a-z]+\s+){0,2}?[a-z]+"
_NOT_FOUND_EN = re.compile(
    r"^(?:if\s+|when\s+|in case\s+)?(?:"
    # "it can't find any products", "we cannot find the customer"
    r"(?:it|we|they|you|ai|the ai|[a-z]+)\s+(?:can(?:'|no)?t|cannot|could(?:n't| not)|"
    r"doesn't|does not|didn't|did not|fails? to)\s+find\s+(?P<n1>[a-z]+(?:\s+[a-z]+){0,2})|"
    # "the person can't be found", "the order isn't found", "the card doesn't exist"
    r"(?:the|a|an|that|this|such|their|its)?\s*(?P<n2>"
    + _THING
    + r")\s+(?:(?:can(?:'|no)?t|cannot|could(?:n't| not))\s+be\s+found|"
    r"(?:is|are|was|were)(?:n't|\s+not)\s+(?:found|there)|(?:doesn't|does not|don't|do not|"
    r"didn't|did not)\s+exist)"
    r"|"
    # "no such order exists", "no matching customer is found"
    r"no\s+(?:such|matching)?\s*(?P<n3>" + _THING + r")\s+(?:exists?|is found|was found|found)"
    r"|"
    # "HubSpot doesn't have them": the app holds no record of them
    r"[a-z]+\s+(?:doesn't|does not|didn't|did not)\s+(?:have|know)\s+(?:them|it|him|her)\b"
    r")",
    re.IGNORECASE,
)
_NOT_FOUND_ZH = re.compile(
    r"^(?:如果|要是|若)?(?:在\S{1,12}?里)?(?:找不到|查不到|搜不到|没找到|没有找到|没查到|没有查到|"
    r"提取不到|识别不到|查无)(?P<n>[^，,；;。就则]{0,10})"
    r"|^(?:如果|要是|若)?(?P<m>[^，,；;。]{1,10}?)不存在"
)
_ARTICLES = re.compile(
    r"^(?:这个|那个|该|对应的|相关的|这条|这位|(?:the|any|a|an|that|this|such|matching)\s+)+", re.I
)
# words that end a thing's name ("a gift message in the note", "the customer so we …")
_NAME_ENDS = re.compile(r"\s+(?:in|on|at|for|so|and|or|from|to|of|with|by)\b.*$", re.I)
# a step said as a lookup ("look the customer up in …", "在Notion里找…") makes what is tested,
# whatever operation it was given
_LOOKS_UP = re.compile(
    r"\b(?:look(?:s|ed)?\b.{0,40}\bup|find|search|check|fetch|query|pull|read|extract|"
    r"identify)\b|查|找|搜|提取|识别|读",
    re.IGNORECASE,
)


def not_found_condition(t: str, phrase: str) -> Condition | None:
    """``<thing> is_empty`` when ``t`` says a thing was not found, else None."""
    m = _NOT_FOUND_EN.match(t.strip()) or _NOT_FOUND_ZH.match(t.strip())
    if m is None:
        return None
    said = next((g for g in m.groupdict().values() if g), "").strip()
    return Condition(field=_field(said), op="is_empty", phrase=phrase)


def _field(said: str) -> str:
    """The field a missing thing is tested by: its noun ("card"), its Chinese data word's
    field ("订单号" -> its name), else the found record's id."""
    noun = _ARTICLES.sub("", said).strip()
    if not noun or noun.lower() in ("them", "it", "him", "her", "anything", "one"):
        return "id"
    if re.search(r"[\u4e00-\u9fff]", noun):
        return next((f for zh, f in lx.FIELD_ZH_NAMES.items() if zh in noun), "id")
    return "_".join(_NAME_ENDS.sub("", noun).lower().split()[-2:])


def says_not_found(phrase: str) -> bool:
    """Whether a condition's words say a thing was not found."""
    t = re.sub(r"^\s*(?:if|when|in case)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    return bool(_NOT_FOUND_EN.match(t) or _NOT_FOUND_ZH.match(t))


def with_lookup_sides(steps: tuple[Step, ...] | list[Step], apps: Mapping[str, Any]) -> list[Step]:
    """``steps`` with the actions on a found thing moved onto the other side of the case for
    when it was not found (at any depth); ``apps`` are the catalog's apps by id (an app of
    category ``ai`` works something out)."""
    out: list[Step] = []
    for step in (_inner(s, apps) for s in steps):
        moving = _acting_tail(out, apps) if _not_found_case(step) else 0
        if moving and isinstance(step, Branch):
            moved = tuple(out[len(out) - moving :])
            del out[len(out) - moving :]
            step = replace(step, cases=(*step.cases, Case(None, moved)))
        out.append(step)
    return out


def _inner(step: Step, apps: Mapping[str, Any]) -> Step:
    if isinstance(step, Branch):
        cases = tuple(replace(c, steps=tuple(with_lookup_sides(c.steps, apps))) for c in step.cases)
        return replace(step, cases=cases)
    if isinstance(step, Loop):
        return replace(step, steps=tuple(with_lookup_sides(step.steps, apps)))
    return step


def _not_found_case(step: Step) -> bool:
    if not isinstance(step, Branch) or len(step.cases) != 1:
        return False
    cond = step.cases[0].condition
    return cond is not None and cond.op == "is_empty" and says_not_found(cond.phrase)


def _acting_tail(steps: list[Step], apps: Mapping[str, Any]) -> int:
    """How many acting steps end ``steps`` after a step that looks something up (0 when no
    such step comes before them: nothing was looked up, so nothing is presumed found)."""
    for count, step in enumerate(reversed(steps)):
        if _looks_up(step, apps):
            return count
        if not isinstance(step, (ServiceStep, CoreStep, Respond)):
            return 0
    return 0


def _looks_up(step: Step, apps: Mapping[str, Any]) -> bool:
    if isinstance(step, CoreStep):  # a GET of a URL fetches what is tested
        return step.subtype == "http_request" and step.params.get("method", "GET") == "GET"
    if not isinstance(step, ServiceStep):
        return not isinstance(step, (Respond, Branch))
    spec = apps.get(step.app or "")
    return (
        (spec is not None and spec.category == "ai")
        or reads(step.operation or "")
        or bool(_LOOKS_UP.search(step.phrase))
    )
