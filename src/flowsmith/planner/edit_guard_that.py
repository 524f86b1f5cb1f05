"""Items qualified by a value an existing IF already tests, said as "<items> that aren't
<value> should …", "<items> that are <value> must also …" or "non-<value> <items> should …"
("tickets that aren't negative should be added to the sheet" on a "sentiment = negative?"
check), or by that IF's own name ("hot leads also get an email" on "Hot lead?"): the new
step goes on that IF's output for those items.

Invariants: only a value some single-rule IF of the workflow compares with ``equals`` is read
(the rule is that IF's field, ``equals`` or ``not_equals`` the value), or the words of a
single-rule IF's name (its own rule), so the condition always meets that IF
(``needs_route``); anything else is None. Pure: reads the workflow.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.core.models import Workflow
from flowsmith.planner.edit_guard_op import Guard

__all__ = ["items_that"]

_MODAL = r"(?:should|must|will|need to|needs to|are to|have to|has to|can)(?:\s+(?:also|be|get))*"
_THAT = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:all\s+|any\s+|the\s+)?(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*s\s+"
    r"(?:that|which|who)\s+(?:are|is|were|was)(?P<neg>n't|\s+not)?\s+(?P<v>[\w-]+)\s+"
    + _MODAL
    + r"\s+(?P<act>.+)$",
    re.IGNORECASE,
)
_NON = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:all\s+|any\s+|the\s+)?(?P<neg>non-|not\s+)(?P<v>[\w]+)\s+"
    r"[a-z][\w-]*s\s+" + _MODAL + r"\s+(?P<act>.+)$",
    re.IGNORECASE,
)


# "hot leads also get an email …": an adjective and the items, then their act
_NAMED = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:the\s+|all\s+)?(?P<adj>[a-z][\w-]*)\s+(?P<items>[a-z][\w-]*?)s\s+"
    r"(?P<act>(?:also|too)\s+.+)$",
    re.IGNORECASE,
)


def _named(current: Workflow, adj: str, items: str) -> dict[str, Any] | None:
    """The single rule of an IF in ``current`` whose name says "<adj> <item>" ("Hot lead?")."""
    said = f"{adj} {items}".lower()
    for node in current.nodes:
        conds = [c for c in node.parameters.get("conditions", []) if isinstance(c, dict)]
        name = re.sub(r"[^a-z ]+", " ", node.name.lower()).strip()
        if node.subtype == "if" and len(conds) == 1 and re.fullmatch(rf"{said}s?", name):
            return conds[0]
    return None


def _tested(current: Workflow, value: str) -> dict[str, Any] | None:
    """The single ``equals`` rule of an IF in ``current`` that compares with ``value``."""
    for node in current.nodes:
        conds = [c for c in node.parameters.get("conditions", []) if isinstance(c, dict)]
        if node.subtype != "if" or len(conds) != 1 or conds[0].get("operator") != "equals":
            continue
        if str(conds[0].get("right", "")).lower() == value.lower():
            return conds[0]
    return None


def items_that(part: str, ctx: object, current: Workflow) -> Guard | None:
    """The guard ``part`` says as items that are (not) a value an existing IF tests, or the
    items an IF's name says (``ctx`` unused: the signature of the guard readers)."""
    m = _THAT.search(part) or _NON.search(part)
    if m is None:
        return _by_name(part, current)
    rule = _tested(current, m.group("v"))
    if rule is None:
        return None
    oper = "not_equals" if m.group("neg") else "equals"
    new = {"left": rule.get("left"), "operator": oper, "right": rule.get("right")}
    label = f"{'not ' if m.group('neg') else ''}{m.group('v')}"
    return _routed(new, label, m, part)


def _by_name(part: str, current: Workflow) -> Guard | None:
    """ "Hot leads also get an email": the items an IF's name says, on its passing output."""
    m = _NAMED.search(part)
    rule = _named(current, m.group("adj"), m.group("items")) if m is not None else None
    if m is None or rule is None:
        return None
    return _routed(dict(rule), f"{m.group('adj')} {m.group('items')}", m, part)


def _routed(rule: dict[str, Any], label: str, m: re.Match[str], part: str) -> Guard:
    """The guard of one ``rule`` whose action is ``m``'s ``act`` group, placed on the output of
    the existing IF it routes to (``needs_route``)."""
    return Guard(
        {"conditions": [rule], "combine": "and"},
        label,
        False,
        m.group("act"),
        False,
        "",
        needs_route=True,
        said=part[: m.start("act")],
    )
