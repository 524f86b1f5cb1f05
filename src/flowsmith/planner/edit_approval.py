"""An approval's deadline said in an edit: "if nobody answers within 48 hours treat it as
rejected", "48小时没人处理就当作拒绝", "两天内没回复就算拒绝".

Invariants: :func:`read_timeout` returns at most one ``set_param`` op (``param`` is
``timeout:<approved|rejected>``, ``value`` the hours) and the text with that clause blanked
(same length, so other readers' positions hold); :func:`apply_timeout` changes the existing
approval step in place (its ``timeout_hours``) and sends its ``timeout`` output, when its
catalog entry has one, to where the chosen decision's output goes. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Connection, Workflow
from flowsmith.planner import edit_ops as eo
from flowsmith.planner import graph as g
from flowsmith.planner.plan import EditOp
from flowsmith.planner.text import Lang, rx
from flowsmith.text import text as say

_N = r"(?P<n>\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|half an?|[一两二三四五六七半])"
_UNIT = r"\s*(?P<u>hours?|hrs?|h|days?|个?小时|天|日)"
_DECISION = r"(?P<o>rejected|declined|denied|a rejection|approved|accepted|an approval)"
_DECISION_ZH = r"(?P<o>拒绝|驳回|不通过|不批准|否决|通过|批准|同意)"
_TIMEOUT = (
    rx(
        r"(?:if|when|and if)\s+(?:nobody|no one|no-one|the approver|they|there'?s no (?:answer|"
        r"reply|response|decision))\s*(?:doesn'?t|don'?t|does not|do not|has not|hasn'?t)?\s*"
        r"(?:answers?|answered|responds?|responded|repl(?:y|ies|ied)|reacts?|decides?|approves?)?"
        r"\s*(?:within|in|after|for)\s+" + _N + _UNIT + r"\b[\s,，]*(?:then\s+)?(?:just\s+)?"
        r"(?:treat(?:ed)?|count(?:ed)?|consider(?:ed)?|mark(?:ed)?|take|handle)?\s*"
        r"(?:it|that|this|the request)?\s*(?:as|like)?\s*(?:being\s+)?" + _DECISION
    ),
    rx(
        _N
        + _UNIT
        + r"(?:内|之内|以内)?(?:都|还)?(?:没有?人|无人|没有?|未)(?:处理|审批|回复|答复|回应|"
        r"响应|批|理)?(?:的话)?[，,]?\s*(?:就|则)?(?:当作|当成|算作?|视为|视作|按|自动)"
        + _DECISION_ZH
    ),
)
_ZH_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_EN_DIGITS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_EN_DIGITS |= {"six": 6, "seven": 7}


def _hours(n: str, unit: str) -> float:
    said = n.strip().lower()
    if said.startswith("half") or said == "半":
        count = 0.5
    elif said.replace(".", "", 1).isdigit():
        count = float(said)
    else:
        count = float(_EN_DIGITS.get(said) or _ZH_DIGITS.get(said, 1))
    return count * (24 if unit.lower().startswith(("d", "天", "日")) else 1)


def read_timeout(text: str, current: Workflow) -> tuple[EditOp | None, str]:
    """The deadline op ``text`` gives the workflow's approval step, and ``text`` without it."""
    if not any(x.subtype in g.APPROVALS for x in current.nodes):
        return None, text
    for pattern in _TIMEOUT:
        m = pattern.search(text)
        if m is None:
            continue
        hours = _hours(m.group("n"), m.group("u"))
        said = m.group("o").lower()
        outcome = "approved" if re.search(r"approv|accept|通过|批准|同意", said) else "rejected"
        if re.search(r"不通过|不批准", said):
            outcome = "rejected"
        value = str(int(hours)) if hours.is_integer() else str(hours)
        op = EditOp(kind="set_param", subject="approval", param=f"timeout:{outcome}", value=value)
        return op, text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    return None, text


def apply_timeout(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """Set the approval's deadline; no answer in time goes where ``outcome`` goes."""
    outcome = (op.param or "").partition(":")[2]
    approvals = [x for x in g.ordered(wf) if x.subtype in g.APPROVALS]
    if not approvals:
        return eo.skip(lang, "planner.edit_ops.no_approval_step_found_to_replace")
    node = approvals[0]
    hours = float(op.value or "0")
    node.parameters = {
        **node.parameters,
        "timeout_hours": int(hours) if hours.is_integer() else hours,
    }
    spec = load_catalog().get(node.subtype)
    if spec is not None and "timeout" in spec.outputs:
        targets = [
            c.to_node for c in wf.connections if c.from_node == node.id and c.from_output == outcome
        ]
        wf.connections = [
            c for c in wf.connections if not (c.from_node == node.id and c.from_output == "timeout")
        ]
        wf.connections += [
            Connection(from_node=node.id, from_output="timeout", to_node=t) for t in targets
        ]
    return eo.done(
        lang,
        "planner.edit_approval.timeout_set",
        node=eo.q(node),
        hours=op.value,
        outcome=say(f"planner.edit_approval.{outcome}", lang),
    )
