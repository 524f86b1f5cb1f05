"""A change said in one clause of the items of the app the clause reads from.

"把Airtable'客户'表里邮箱为空的记录都删掉" names the table the items are in (a source: the
mention is read) and the change it asks for (删掉); the clause's one mention gave the read
only. The change follows on the same app, acting on each read item's id. "把Gmail里的未读邮件
全部标为已读": the app's own operation named by the text ("标为已读", ``markAsRead``) changes
items even where a state word ("未读") made the clause look like a read; it is the change, and
:mod:`flowsmith.planner.parse_items_read` reads the items before it.

Invariants: only a clause whose service steps are one step of ONE catalog app changes; the
change is added only when the clause's verb is an update or a delete and the catalog's chosen
operation changes or removes an item (:func:`acts`). Operations come from the catalog through
the service index. Pure.
"""

from __future__ import annotations

from typing import Any

from flowsmith.core.catalog.apps import App
from flowsmith.planner.frame import ServiceStep
from flowsmith.planner.parse_context import Context
from flowsmith.planner.parse_items_read import collection_read, on_each_item, says_set
from flowsmith.planner.said_filters import read_filters

# leading words of an operation key that change or remove an item
_ACT_LEADS = (
    "update",
    "edit",
    "patch",
    "move",
    "delete",
    "remove",
    "archive",
    "clear",
    "cancel",
    "mark",
    "close",
    "trash",
)


def acts(operation: str) -> bool:
    """Whether an operation key changes or removes an item (``markAsRead``, ``deleteRecord``)."""
    return operation.lower().startswith(_ACT_LEADS)


def bulk_steps(
    text: str, phrase: str, verb: str, reads: list[Any], writes: list[Any], ctx: Context
) -> tuple[list[Any], list[Any]]:
    """``reads`` and ``writes`` of a clause, with the change of the items read (see the
    module's invariants)."""
    if len(reads) + len(writes) != 1:
        return reads, writes
    step = (reads or writes)[0]
    if not isinstance(step, ServiceStep) or step.app is None or step.operation is None:
        return reads, writes
    if step.app not in ctx.index.apps:
        return reads, writes
    if reads and acts(step.operation):
        reads, writes = [], reads  # "全部标为已读" after "未读": the change, not a read
    if writes and acts(step.operation):
        read = _read_first(text, step, ctx)
        if read:
            return read, [on_each_item(ctx.index.apps[step.app], step)]
        return reads, writes
    if reads and verb in ("update", "delete"):
        app = ctx.index.apps[step.app]
        choice = ctx.index.operation(step.app, text, verb)
        if acts(choice.operation):
            act = ServiceStep(
                app=step.app,
                resource=choice.resource,
                operation=choice.operation,
                service=step.service,
                phrase=phrase,
            )
            return reads, [on_each_item(app, act)]
    return reads, writes


def _read_first(text: str, step: ServiceStep, ctx: Context) -> list[Any]:
    """The collection read of the items a change of a set acts on ("把表里…的记录都删掉",
    "archive all cards in …"), when the start brings none (a manual or scheduled run) and
    the app is not the trigger's; said in the clause, a qualifier of the items ("邮箱为空的")
    then guards the change. Else nothing (:mod:`~flowsmith.planner.parse_items_read` still
    reads a set-wide change said across clauses)."""
    if ctx.trigger_kind not in ("manual", "schedule") or step.app == ctx.trigger_app:
        return []
    if step.app is None or step.resource is None:
        return []
    app = ctx.index.apps[step.app]
    if on_each_item(app, step) is step:
        return []  # the change names its items another way (a filter, a path): no read
    read = collection_read(app, step.resource, text.lower())
    if read is None or not (says_set(text) or _filtered(app, read, text)):
        return []
    return [ServiceStep(app=step.app, resource=read[0], operation=read[1], phrase=step.phrase)]


def _filtered(app: App, read: tuple[str, str], text: str) -> bool:
    """Whether ``text`` says of the items a filter the read takes ("unread gmail from
    x@y.com", "来自 x@y.com 的未读邮件"): the items are those the filter finds, a set."""
    op = app.operation(*read)
    return op is not None and bool(read_filters(read[1], op, app, read[0], text, [], {}))
