"""The items an existing IF turns away, said by negating the IF's own name: "leads that aren't
hot should also go to Mailchimp", "for the leads that aren't hot, …", "non-hot leads …",
"不是热门的线索，也加到…", "非热门线索…" on a "Hot lead?" check: the new step goes on that IF's
other output.

Invariants: only an IF with a single rule whose name holds the negated word (a whole word in
English, a substring in Chinese) is read, and only when that rule has an exact opposite
(equals / not_equals, is_true / is_false, is_empty / is_not_empty, or a whole-number bound);
the guard is that opposite rule, routed to the IF (``needs_route``), so it always lands on
the IF's other output and adds no new check. Anything else is None. Pure: reads the workflow.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.core.models import Workflow
from flowsmith.planner.edit_guard_op import Guard

__all__ = ["items_not_named"]

_ITEMS = r"(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*s"
_MODAL = r"(?:should|must|will|need to|needs to|are to|have to|has to|can)(?:\s+(?:also|be|get))*"
_EN = (
    # "leads that aren't hot should also …", "leads that are not hot: add them …"
    re.compile(
        rf"^\s*(?:and\s+|but\s+)?(?:all\s+|any\s+|the\s+)?{_ITEMS}\s+(?:that|which|who)\s+"
        rf"(?:are|is)(?:n't|\s+not)\s+(?P<adj>[a-z][\w-]*)\s*(?:[:,]\s*|\s+{_MODAL}\s+)"
        r"(?P<act>.+)$",
        re.IGNORECASE,
    ),
    # "for the leads that aren't hot, post them …"
    re.compile(
        rf"^\s*for\s+(?:all\s+|any\s+|the\s+)?{_ITEMS}\s+(?:that|which|who)\s+"
        r"(?:are|is)(?:n't|\s+not)\s+(?P<adj>[a-z][\w-]*)\s*,\s*(?P<act>.+)$",
        re.IGNORECASE,
    ),
    # "non-hot leads should …"
    re.compile(
        rf"^\s*(?:and\s+|but\s+)?(?:all\s+|any\s+|the\s+)?non-(?P<adj>[a-z][\w-]*)\s+{_ITEMS}"
        rf"\s*(?:[:,]\s*|\s+{_MODAL}\s+)(?P<act>.+)$",
        re.IGNORECASE,
    ),
)
# "不是热门的线索，也加到…", "不热门的线索加到…", "非热门线索发到…"
_ZH = re.compile(
    r"^\s*(?:对于|至于)?(?:不是|并非|非|不)(?P<adj>[\u4e00-\u9fff]{1,4}?)的?"
    r"(?P<items>[\u4e00-\u9fff]{1,4}?)(?:[，,：:]\s*)?(?P<act>(?:也|都|就|则|要|请|再|还)?"
    r"(?:加|发|建|创|存|写|同步|推|通知|提醒|放|转|记|添|送|录).+)$"
)


def _opposite(rule: dict[str, Any]) -> dict[str, Any] | None:
    """The rule that holds for exactly the items ``rule`` turns away; None if there is none
    (a float bound, an unknown operator)."""
    pairs = {"equals": "not_equals", "is_true": "is_false", "is_empty": "is_not_empty"}
    flip = {**pairs, **{v: k for k, v in pairs.items()}}
    oper, value = str(rule.get("operator", "")), rule.get("right")
    if oper in flip:
        return {**rule, "operator": flip[oper]}
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    if oper == "greater_than":
        return {**rule, "operator": "less_than", "right": value + 1}
    if oper == "less_than":
        return {**rule, "operator": "greater_than", "right": value - 1}
    return None


def _named_rule(current: Workflow, adj: str, zh: bool) -> dict[str, Any] | None:
    """The single rule of the one IF in ``current`` whose name holds ``adj``."""
    found: list[dict[str, Any]] = []
    for node in current.nodes:
        conds = [c for c in node.parameters.get("conditions", []) if isinstance(c, dict)]
        name = node.name.lower()
        said = adj in name if zh else re.search(rf"\b{re.escape(adj.lower())}\b", name)
        if node.subtype == "if" and len(conds) == 1 and said:
            found.append(conds[0])
    return found[0] if len(found) == 1 else None


def items_not_named(part: str, ctx: object, current: Workflow) -> Guard | None:
    """The guard for the items ``part`` says are not what an IF's name says (``ctx`` unused:
    the signature of the guard readers)."""
    m = next((x for p in _EN if (x := p.search(part))), None)
    zh = m is None
    m = m or _ZH.search(part)
    if m is None:
        return None
    rule = _named_rule(current, m.group("adj"), zh)
    opposite = _opposite(rule) if rule is not None else None
    if opposite is None:
        return None
    return Guard(
        {"conditions": [opposite], "combine": "and"},
        f"not {m.group('adj')}",
        False,
        m.group("act"),
        False,
        "",
        needs_route=True,
        said=part[: m.start("act")],
    )
