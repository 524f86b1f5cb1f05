"""Transforms added by an edit: "sort them by amount, highest first", "按数量从高到低排序",
"remove duplicates", "only the top 5".

Invariants: one ``add_transform`` op per kind named in a clause no other reader used; the new
node goes in front of the workflow's result steps (where the data is ready to be sent), and
an existing node of the same kind is reported, not duplicated. Words for the kinds come from
:mod:`flowsmith.planner.lexicon`; nothing here names a service. Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.core.models import Node, Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_ops as eo
from flowsmith.planner import edit_read as er
from flowsmith.planner import graph as g
from flowsmith.planner import lexicon as lx
from flowsmith.planner import nodes as n
from flowsmith.planner.edit_dedupe_store import SEEN_IN_STORE, apply_store_dedupe
from flowsmith.planner.edit_files import CONVERT, apply_conversion
from flowsmith.planner.plan import EditOp
from flowsmith.planner.text import Lang
from flowsmith.text import text as say

Span = tuple[int, int]

_ASC = re.compile(
    r"\bascending\b|\blowest first\b|\bsmallest first\b|\boldest first\b|\bfewest first\b|"
    r"从低到高|从小到大|升序|由低到高|由小到大",
    re.IGNORECASE,
)
_BY = re.compile(
    r"\bby\s+(?:the\s+)?([a-z_]+(?:\s+count)?)|按(?:照)?\s*([\u4e00-\u9fff\w]{1,6}?)(?=从|由|排|降|升|进行|$)"
)
_TIME_AFTER = re.compile(r"\s*(?:minute|hour|day|week|month|year|分钟|小时|天|周|个?月|年)")


def read_transforms(low: str, spans: list[Span]) -> list[EditOp]:
    """``add_transform`` ops for the sorts, dedupes and limits ``low`` asks for; a limit said
    in the clause of a sort ("sort by amount and keep the first two") is read too."""
    ops: list[EditOp] = []
    others = list(spans)  # the clauses other readers used
    for kind, pattern in (("sort", lx.SORT), ("remove_duplicates", lx.DEDUPE)):
        m = pattern.search(low)
        if m is None or er.inside(m.start(), spans):
            continue
        a, b = er.clause_at(low, m.start())
        param = _sort_field(low[a:b]) if kind == "sort" else None
        sentence = re.split(r"[.;；。!?！？\n]", low[a:], maxsplit=1)[0]
        order = "asc" if _ASC.search(sentence) else "desc"
        ops.append(EditOp(kind="add_transform", value=kind, param=param, where=order))
        spans.append((a, b))
    m = lx.LIMIT_N.search(low)
    if m is not None and not er.inside(m.start(), others) and not _TIME_AFTER.match(low, m.end()):
        count = str(lx.limit_count(m))
        ops.append(EditOp(kind="add_transform", value="limit", param=count))
        spans.append(er.clause_at(low, m.start()))
    return ops


def _sort_field(clause: str) -> str | None:
    m = _BY.search(clause)
    if m is None:
        return None
    word = (m.group(1) or m.group(2) or "").strip()
    word = lx.FIELD_ZH_NAMES.get(word, word)
    return re.sub(r"\s+", "_", word) or None


def apply_transform(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    if op.value == SEEN_IN_STORE:  # "… already came in, drop it — use Redis to remember"
        return apply_store_dedupe(wf, op, lang)
    if op.value == CONVERT:  # "上传之前先转成CSV"
        return apply_conversion(wf, op, lang)
    kind = op.value or ""
    existing = [x for x in wf.nodes if x.subtype == kind]
    if existing:
        return eo.skip(
            lang, "planner.edit_transform.the_workflow_already_has", value=eo.q(existing[0])
        )
    targets = eg.guarded(wf, None)
    if not targets:
        return eo.skip(lang, "planner.edit_transform.found_no_step_to_put_it")
    node = _node(wf, op, lang)
    g.insert_before(wf, targets, node, "main")
    names = eo.names(targets, lang)
    return eo.done(lang, "planner.edit_transform.added_before", value=eo.q(node), names=names)


def _node(wf: Workflow, op: EditOp, lang: Lang) -> Node:
    ids = eo.ids(wf)
    if op.value == "sort":
        counted = any(x.subtype == "aggregate" for x in wf.nodes)
        field = op.param or ("count" if counted else "date")
        params: dict[str, Any] = {"fields": [{"field": field, "order": op.where or "desc"}]}
        return n.make(
            ids, "sort", say("planner.edit_transform.sort_by", lang, field=field), "sort", params
        )
    if op.value == "limit":
        params = {"max_items": int(op.param or 10), "keep": "first"}
        name = say("planner.edit_transform.keep_the_first", lang, max_items=params["max_items"])
        return n.make(ids, "limit", name, "limit", params)
    name = say("planner.edit_transform.remove_duplicates", lang)
    return n.make(ids, "remove_duplicates", name, "remove_duplicates", {"compare": "all_fields"})
