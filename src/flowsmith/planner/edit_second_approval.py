"""A second approval in series for some items: "Expenses over 3000 need a second sign-off
from the CFO cfo@acme.io after the team lead approves; below that the lead's approval is
enough", "金额超过5000的采购，经理批准以后还要再让财务总监 finance-director@acme.io 批一次".

Invariants: read only when the workflow already asks for an approval, the words name an
address that approval does not ask yet, say a second / further approval, and carry a
comparison for the items that need it. Applied right behind the existing approval's
approved output: a check on that comparison; its true output asks the new approver (by
email), whose approved output goes where the first approval's went and whose rejected
output goes where its rejected went; the false output goes straight on. Other nodes keep
their ids, names and parameters; the op is an ``add_guard`` with ``where`` ``"then_approval"``
and the approver in ``value``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.planner import edit_ops as eo
from flowsmith.planner import graph as g
from flowsmith.planner import nodes as n
from flowsmith.planner.compile_state import if_rule
from flowsmith.planner.edit_guard_condition import condition
from flowsmith.planner.parse_context import Context
from flowsmith.planner.plan import ApprovalSpec, EditOp
from flowsmith.planner.services import index_of
from flowsmith.planner.steps import approval_node
from flowsmith.planner.text import Lang

__all__ = ["THEN_APPROVAL", "apply_second_approval", "read_second_approval"]

THEN_APPROVAL = "then_approval"
_MAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_SECOND = re.compile(
    r"\b(?:second|another|additional|extra|further)\s+(?:\w+\s+)?(?:approval|sign-?off|"
    r"signature|review|ok|okay|go-?ahead)\b|\bapprov\w*\b[^.;]{0,30}\b(?:as well|too|again)\b|"
    r"\b(?:also|then)\s+(?:need|needs|require|requires|get|gets)\s+(?:an?\s+)?(?:approval|sign-?off)\b|"
    r"再[^，,。；;]{0,24}?(?:批|确认|审核|把关)|还要[^，,。；;]{0,24}?(?:审批|批准|批)|二次审批|两个人都同意|都同意",
    re.IGNORECASE,
)
_SYMBOL = {"gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}
_CLAUSE = re.compile(r"[,，;；。]|\bneed\b|\bneeds\b|\bmust\b|\brequire\w*\b", re.IGNORECASE)


def _asked(node: Node) -> str:
    return str(node.parameters).lower()


def read_second_approval(text: str, current: Workflow) -> EditOp | None:
    """The ``add_guard`` for a second approval ``text`` asks for (module docstring)."""
    ctx = Context(index=index_of(load_catalog()), urls=[], mails=[])
    approvals = [x for x in g.ordered(current) if x.subtype in g.APPROVALS]
    if not approvals or not _SECOND.search(text):
        return None
    new = [
        m.group(0) for m in _MAIL.finditer(text) if m.group(0).lower() not in _asked(approvals[0])
    ]
    if not new:
        return None
    for part in _CLAUSE.split(text):
        cond = condition(part, ctx) if part.strip() else None
        if cond is not None and cond.op in ("gt", "gte", "lt", "lte"):
            cond = replace(cond, field=_numeric_field(cond.field, current))
            rule, _ = if_rule(cond)
            return EditOp(
                kind="add_guard",
                where=THEN_APPROVAL,
                subject=f"node:{approvals[0].id}",
                rule={"conditions": [rule], "combine": "and"},
                value=new[0],
                anchor=f"{cond.field} {_SYMBOL[cond.op]} {cond.value}",
            )
    return None


_REF = re.compile(r"\$json\.([A-Za-z_]\w*)")
_MONEY = re.compile(r"amount|price|total|cost|budget|value|sum|金额|价格|总价|预算|费用", re.I)


def _numeric_field(said: str, wf: Workflow) -> str:
    """The field a comparison of the items is on: ``said`` as the flow spells it, else the
    flow's one money field ("approved requests over 5000" where the form asks an Amount:
    "requests" names the items, not a field of theirs)."""
    known: set[str] = set()
    for node in wf.nodes:
        fields = node.parameters.get("fields") if node.type == NodeFamily.TRIGGER else None
        for f in fields if isinstance(fields, list) else []:
            if isinstance(f, dict) and isinstance(f.get("label"), str):
                known.add(f["label"])
        known.update(_REF.findall(str(node.parameters)))
    same = sorted(k for k in known if k.lower() == said.lower())
    if same:
        return same[0]  # as the flow spells it: a form's "Amount" is $json.Amount
    money = sorted({k for k in known if _MONEY.search(k)})
    return money[0] if len(money) == 1 else said


def apply_second_approval(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """Wire the check and the second approval behind the first (module docstring)."""
    first = wf.node((op.subject or "").removeprefix("node:"))
    if first is None:
        return eo.skip(lang, "planner.edit_guard.found_no_step_to_put_a")
    approved = [c for c in g.outgoing(wf, first.id) if c.from_output == "approved"]
    rejected = [c.to_node for c in g.outgoing(wf, first.id) if c.from_output == "rejected"]
    label = op.anchor or "check"
    gate = n.make(eo.ids(wf), "if", label, "if", dict(op.rule or {}))
    wf.nodes.append(gate)
    payload = g.payload_at(wf, first.id, lang)
    spec = ApprovalSpec(kind="email", approver=op.value or "")
    second = approval_node(eo.ids(wf), spec, lang, payload, wf.name)
    second.name = f"{second.name} ({spec.approver})"
    wf.nodes.append(second)
    wf.connections = [c for c in wf.connections if c not in approved]
    g.connect(wf, first.id, "approved", gate.id)
    g.connect(wf, gate.id, "true", second.id)
    for c in approved:
        g.connect(wf, second.id, "approved", c.to_node, c.to_input)
        g.connect(wf, gate.id, "false", c.to_node, c.to_input)
    for nid in rejected:
        g.connect(wf, second.id, "rejected", nid)
    return eo.done(
        lang, "planner.edit_guard.added_the_condition_before", value=eo.q(gate), what=eo.q(second)
    )
