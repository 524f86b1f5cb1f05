"""An item already known to a store the workflow writes to: "if the email is already in
Postgres, return 409 and don't insert it again", "如果注册邮箱在Postgres里已经有了，就返回409，
不要重复插入，也别加到Mailchimp".

Invariants: read only when the store is a service a step of the workflow performs and the
words after the condition ask for a new step (a reply with a status, another step); the
message is then this one change ("don't insert it twice", "也别加到X" say what the known
items skip, not removals). The store's first step gets, in front of it, a look-up in the same
service (its search/select/get operation, with the step's own settings where they fit) and
an IF on the said field being filled in (found); the found side gets the new steps, the other
side the store's step, so every existing node keeps its id, name, parameters and the wiring
after it. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_ops as eo
from flowsmith.planner import graph as g
from flowsmith.planner import nodes as n
from flowsmith.planner.edit_guard import new_step
from flowsmith.planner.edit_guard_steps import reply_spec, steps_in
from flowsmith.planner.parse_field_names import field_of
from flowsmith.planner.plan import EditOp
from flowsmith.planner.text import Lang, pick

__all__ = ["KNOWN", "apply_known", "read_known"]

KNOWN = "known"  # add_guard where: a look-up in ``subject``'s service, found -> ``steps``
_EN = re.compile(
    r"\b(?:if|when|whenever)\s+(?:the\s+|their\s+|that\s+|this\s+)?(?P<field>[a-z][\w ]{0,30}?)"
    r"\s+(?:is|are)\s+already\s+(?:in|on|stored in|saved in|there in)\s+(?P<store>[\w .-]{2,30}?)"
    r"\s*[,，]\s*(?:then\s+)?(?P<act>.+)$|"
    r"\b(?:if|when|whenever)\s+(?:the\s+|their\s+|that\s+|this\s+)?(?P<field2>[a-z][\w ]{0,30}?)"
    r"\s+already\s+exists?\s+(?:in|on)\s+(?P<store2>[\w .-]{2,30}?)\s*[,，]\s*(?:then\s+)?"
    r"(?P<act2>.+)$",
    re.IGNORECASE,
)
_ZH = re.compile(
    r"(?:如果|要是|若是?|假如)?(?:这个|该)?(?P<field>[\u4e00-\u9fff\w]{1,8}?)(?:已经)?(?:在|已在)"
    r"(?P<store>[\w .\u4e00-\u9fff-]{2,20}?)(?:里面|里|中|内)?(?:已经)?(?:有了|存在了?|有)(?:的话)?"
    r"[，,]\s*(?:就|那就|则)?(?P<act>.+)$"
)
_DATABASE = re.compile(r"\b(?:the\s+)?(?:database|db)\b|数据库", re.IGNORECASE)
_SQL_TABLE = re.compile(r"\b(?:insert\s+into|update)\s+([\w.]+)", re.IGNORECASE)
_LOOKUPS = ("search", "select", "get", "find", "lookup", "getAll")


def read_known(raw: str, current: Workflow) -> EditOp | None:
    """The look-up edit ``raw`` asks for, or None."""
    m = _EN.search(raw) or _ZH.search(raw)
    if m is None:
        return None
    parts = {k: v for k, v in m.groupdict().items() if v}
    field, store, act = (
        parts.get(k) or parts.get(k + "2") or "" for k in ("field", "store", "act")
    )
    apps = [x.app for x in ec.mentions(store.lower())] or _databases(store, current)
    writer = next((x for x in _writers(current, apps[0])), None) if apps else None
    if writer is None:
        return None
    first = re.split(r"[,，;；]|\band\b", act, maxsplit=1)[0]
    steps = reply_spec(act, current) or [
        x for x in steps_in(first, current)[1] if not x.startswith(f"app:{apps[0]}")
    ]
    if not steps:
        return None
    return EditOp(
        kind="add_guard",
        where=KNOWN,
        subject=f"node:{writer.id}",
        steps=steps,
        value=field_of(field.strip() + " is", "email", None),
    )


def _databases(store: str, wf: Workflow) -> list[str]:
    """ "数据库", "the database": the one database service the workflow's steps use."""
    if not _DATABASE.search(store):
        return []
    found = {op.app for x in wf.nodes if (op := node_service(x)) is not None and not op.trigger}
    apps = [a for a in found if (spec := ec.app(a)) is not None and spec.category == "data"]
    return apps if len(apps) == 1 else []


def _writers(wf: Workflow, app: str) -> list[Node]:
    """The steps of ``app``, those that write to it first (a query step counts: its SQL may
    insert), in flow order."""
    steps = [x for x in g.ordered(wf) if x.type != NodeFamily.TRIGGER and ec.performs(x, app)]
    return sorted(steps, key=lambda x: not ec.writes(x))


def apply_known(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """Look-up and check in front of the store's step; the new steps on the found side."""
    writer = next(iter(eg.find(wf, op.subject)), None)
    found = node_service(writer) if writer is not None else None
    if writer is None or found is None or writer.type == NodeFamily.TRIGGER:
        return eo.skip(lang, "planner.edit_transform.found_no_step_to_put_it")
    field = op.value or "email"
    look = _look_up(wf, writer, found.app, field, lang)
    if look is None:
        return eo.skip(lang, "planner.edit_transform.found_no_step_to_put_it")
    rule = {"left": f"{{{{ $json.{field} }}}}", "operator": "is_not_empty"}
    name = pick(lang, f"{field} already there?", f"{field}已存在？")
    check = n.make(eo.ids(wf), "if", name, "if", {"conditions": [rule], "combine": "and"})
    ins = g.incoming(wf, writer.id)
    wf.connections = [c for c in wf.connections if c not in ins]
    wf.nodes += [look, check]
    for c in ins:
        g.connect(wf, c.from_node, c.from_output, look.id)
    g.connect(wf, look.id, "main", check.id)
    g.connect(wf, check.id, "false", writer.id)
    for spec in op.steps:
        new_step(wf, spec, (check.id, "true"), lang)
    return eo.done(
        lang, "planner.edit_transform.added_before", value=eo.q(check), names=eo.q(writer)
    )


def _look_up(wf: Workflow, writer: Node, app: str, field: str, lang: Lang) -> Node | None:
    """A new step of ``app`` that finds the item: a SQL query on the writer's table for the
    said field when the service runs SQL, else its search/select/get, with the writer's
    settings where the look-up has the same fields (base, table …)."""
    spec = ec.app(app)
    if spec is None:
        return None
    carry = {k: v for k, v in writer.parameters.items() if k not in ("resource", "operation")}
    table = _SQL_TABLE.search(str(writer.parameters.get("query", "")))
    if table and "table" not in carry:
        carry["table"] = table.group(1)  # "insert into users(email) …": look in "users"
    ops = [(r, o, op) for r, res in spec.resources.items() for o, op in res.operations.items()]
    sql = next(((r, o) for r, o, op in ops if "query" in op.fields), None)
    if sql is not None and isinstance(carry.get("table"), str):
        resource, operation = sql
        where = f"SELECT * FROM {carry['table']} WHERE {field} = $1 LIMIT 1"
        carry = {"query": where, "query_parameters": f"{{{{ $json.{field} }}}}"}
    else:
        pick_op = next(((r, o) for want in _LOOKUPS for r, o, _ in ops if o == want), None)
        resource, operation = pick_op or ec.choose(spec, None, None, "read")
    node = eo.new_app_node(wf, app, resource, operation, lang)
    wf.nodes.append(node)
    eo.fill(wf, node, carry, lang)
    wf.nodes.remove(node)
    return node
