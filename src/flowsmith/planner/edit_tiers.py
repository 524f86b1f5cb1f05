"""Bands of a number said as cases on a workflow whose check splits that number in two:
"make it three ways instead: 80+ -> Salesforce, 50-79 -> add them to a lemlist campaign,
under 50 -> nothing", "改成三档：80分以上 -> Salesforce，50-79 -> 加到lemlist，50以下 -> 不处理".

Invariants: read only when at least two arrow cases have a number band for a head and the
workflow has an IF comparing one number; the bands with steps are ordered from the highest
down; the existing IF becomes the top band's check (">= low", as "greater_than low-1") and
keeps its id and its true output's steps; each lower band gets a new IF on the false output
of the band above it, with its steps on its true output; what the old false output fed
stays on the last check's false output (the rest). A band's step the workflow has is moved
there; a new one is built as a conditional edit builds it. Bands with "nothing" (and the
rest) get no step. Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.core.models import Node, Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_ops as eo
from flowsmith.planner import graph as g
from flowsmith.planner import nodes as n
from flowsmith.planner.edit_guard import new_step
from flowsmith.planner.edit_guard_steps import steps_in
from flowsmith.planner.edit_route import field_of
from flowsmith.planner.plan import EditOp
from flowsmith.planner.text import Lang

__all__ = ["TIERS", "apply_tiers", "read_tiers"]

TIERS = "tiers"  # set_param param: the bands, in ``rule["bands"]``
_CASE = re.compile(r"(?P<head>[^,;:，；：。]+?)\s*(?:-+>|=+>|→|⇒|⟶|➜)\s*(?P<act>[^,;，；。]*)")
# "90分及以上进HubSpot，60到89分发Telegram消息": a clause opened by a band, then its step
_BAND_FIRST = re.compile(
    r"^\s*(?P<head>\d+(?:\.\d+)?\s*分?\s*(?:(?:-|–|~|到|至)\s*\d+(?:\.\d+)?\s*分?|"
    r"(?:及|或)?(?:以上|以下)|\+))(?P<act>.+)$"
)
_NUM = re.compile(r"\d+(?:\.\d+)?")
_UP = re.compile(
    r"\+|\bor (?:more|higher|above)\b|\band (?:up|above)\b|\bover\b|\babove\b|"
    r"\bat least\b|以上|及以上|或以上|以上的|起"
)
_DOWN = re.compile(r"\bunder\b|\bbelow\b|\bless than\b|\blower than\b|<|以下|不到|低于|少于")
_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:-|–|~|to|到|至)\s*(\d+(?:\.\d+)?)")
_NOTHING = re.compile(
    r"^\s*(?:do\s+)?(?:nothing|none|skip|ignore|no action|drop)\b|不处理|不管|不用管|什么都不做|"
    r"忽略|跳过|不做|无",
    re.IGNORECASE,
)


def _low_of(head: str) -> float | str | None:
    """The band's lower bound; "" for a band below a number (no check of its own)."""
    rng = _RANGE.search(head)
    if rng:
        return float(rng.group(1))
    nums = _NUM.findall(head)
    if len(nums) != 1:
        return None
    if _DOWN.search(head):
        return ""
    return float(nums[0]) if _UP.search(head) else None


def read_tiers(raw: str, current: Workflow) -> EditOp | None:
    """The bands ``raw`` says as arrow cases, when the workflow's IF splits one number."""
    gate = _number_check(current)
    if gate is None:
        return None
    bands: list[dict[str, Any]] = []
    said = 0
    for m in _cases(raw):
        low = _low_of(m.group("head"))
        if low is None:
            continue
        said += 1
        if low == "" or _NOTHING.search(m.group("act")):
            continue
        existing, new = steps_in(m.group("act"), current)
        if existing or new:
            bands.append({"low": low, "existing": existing, "new": new})
    if said < 2 or not bands:
        return None
    bands.sort(key=lambda b: -float(b["low"]))
    return EditOp(kind="set_param", param=TIERS, subject=f"node:{gate.id}", rule={"bands": bands})


def _cases(raw: str) -> list[re.Match[str]]:
    """The arrow cases of ``raw``, else its clauses opened by a band (after a colon)."""
    arrows = list(_CASE.finditer(raw))
    if len(arrows) >= 2:
        return arrows
    body = re.split(r"[:：]", raw, maxsplit=1)[-1]
    found = (_BAND_FIRST.match(x) for x in re.split(r"[,;，；。]", body))
    return [m for m in found if m is not None]


def _number_check(wf: Workflow) -> Node | None:
    """The one IF of ``wf`` comparing a number (its single rule greater/less than)."""
    found = [
        x
        for x in eg.branch_nodes(wf)
        if x.subtype == "if"
        and len(rules := x.parameters.get("conditions", [])) == 1
        and rules[0].get("operator") in ("greater_than", "less_than")
        and isinstance(rules[0].get("right"), (int, float))
    ]
    return found[0] if len(found) == 1 else None


def apply_tiers(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """Rebuild the number check as one check per band (see the module's invariants)."""
    gate = next(iter(eg.find(wf, op.subject)), None)
    bands = (op.rule or {}).get("bands", [])
    if gate is None or not bands:
        return eo.skip(lang, "planner.edit_transform.found_no_step_to_put_it")
    left = gate.parameters["conditions"][0]["left"]
    rest = [c for c in g.outgoing(wf, gate.id) if c.from_output == "false"]
    wf.connections = [c for c in wf.connections if c not in rest]
    gate.parameters = {**gate.parameters, "conditions": [_at_least(left, bands[0]["low"])]}
    check = prev = gate
    for i, band in enumerate(bands):
        if i:
            name = f"{field_of(left) or ''} ≥ {_num(band['low'])}".strip()
            check = n.make(eo.ids(wf), "if", name, "if", {})
            check.parameters = {"conditions": [_at_least(left, band["low"])], "combine": "and"}
            wf.nodes.append(check)
            g.connect(wf, prev.id, "false", check.id)
        _put(wf, check, band, lang)
        prev = check
    for c in rest:
        g.connect(wf, check.id, "false", c.to_node, c.to_input)
    names = eo.names([gate], lang)
    return eo.done(lang, "planner.edit_apply.updated_the_conditions_of", node=names)


def _put(wf: Workflow, check: Node, band: dict[str, Any], lang: Lang) -> None:
    """The band's steps on ``check``'s true output: existing ones moved there, new ones built."""
    for subject in band["existing"]:
        for node in eg.find(wf, subject):
            ins = g.incoming(wf, node.id)
            if any((c.from_node, c.from_output) == (check.id, "true") for c in ins):
                continue
            wf.connections = [c for c in wf.connections if c not in ins]
            g.connect(wf, check.id, "true", node.id)
    for spec in band["new"]:
        new_step(wf, spec, (check.id, "true"), lang)


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _at_least(left: str, low: float) -> dict[str, Any]:
    """ ">= low" as the IF says it: "greater_than low-1" for a whole number."""
    value = _num(low)
    right = value - 1 if isinstance(value, int) else value
    return {"left": left, "operator": "greater_than", "right": right}
