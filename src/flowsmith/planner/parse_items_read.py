"""A change said of a set of an app's items reads those items first.

"Archive every Notion page in our tasks database whose status is Done", "把Notion数据库里状态
是已取消的页面全部归档", "delete all Trello cards that are overdue": on a manual or scheduled
start nothing brings the items, so the app's update or delete would act on a placeholder id
(n8n's Notion node refuses ``YOUR_PAGE_ID`` before it runs). The frame gets a collection read
of the same app before it, and the change acts on each read item's ``id``.

Invariants: only when the start brings no items (manual, schedule), the text says a set
(all / every / each / 所有 / 全部 …) or a condition picks the items changed first ("delete the
rows that are older than 7 days"), the first service step (at the top, after filters only,
or first in a branch's first case) updates or deletes in a catalog app, and nothing reads
before it; which operation reads the items is the catalog's (a collection read of the resource
acted on or of one whose key holds it, ``databasePage`` for ``page``), and only a change whose
operation takes the item's id (``page_id``, ``card_id``, ``id``) gets one: a delete by filter
(Supabase rows "older than 30 days") needs no read. Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.core.catalog.apps import App
from flowsmith.core.services import verb_of
from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Branch, ServiceStep, Step, Transform, Trigger

# a set of items, not of times: "every Friday", "each morning", 每个月 say when, not what
_TIMES = (
    r"(?:other |single )?(?:\d+ |few )?(?:second|minute|hour|day|morning|afternoon|evening|night|"
    r"week|weekday|weekend|month|quarter|year|time|run|mon|tue|wed|thu|fri|sat|sun)"
)
_SET = re.compile(
    r"\b(?:all|every|each)\b(?! "
    + _TIMES
    + r")|所有|全部|凡是|每(?:一)?个(?!月|小时|星期|礼拜|周|工作日)|"
    # "…的记录都删掉", "卡片都归档": 都 right before the change says every item
    r"都(?=[\u4e00-\u9fff]{0,2}(?:删|归档|标|清|移|改|关|存档))",
    re.IGNORECASE,
)
_ITEM_ID = "{{ $json.id }}"
# operation keys that change an item though no verb group lists them (``markAsRead``,
# ``archive``, ``closeIssue``)
_CHANGE_KEY = re.compile(r"(?:mark|archive|close|trash)(?![a-z])")


def with_items_read(
    steps: list[Step], trigger: Trigger, apps: dict[str, App], text: str
) -> list[Step]:
    """``steps`` with a read of the items a set-wide change acts on, when nothing brings
    them (see the module's invariants); else ``steps`` unchanged."""
    picked = bool(steps) and isinstance(steps[0], Branch)  # "delete the rows older than …"
    if trigger.kind not in ("manual", "schedule") or not (says_set(text) or picked):
        return steps
    step = _first_service(steps)
    if step is None or step.app not in apps or not step.resource or not step.operation:
        return steps
    if not verb_of(step.operation) & {"update", "delete"} and not _CHANGE_KEY.match(step.operation):
        return steps
    app = apps[step.app]
    read = collection_read(app, step.resource, text.lower())
    if read is None:
        return steps
    rkey, okey = read
    source = ServiceStep(app=step.app, resource=rkey, operation=okey, phrase=step.phrase)
    acting = on_each_item(app, step)
    if acting is step:
        return steps  # the change names its items another way (a filter, a path): no read
    return [source, *_replaced(steps, step, acting)]


def says_set(text: str) -> bool:
    """Whether ``text`` says a set of items ("all", "每个", "…都删掉"), not of times."""
    return _SET.search(text) is not None


def _first_service(steps: list[Step] | tuple[Step, ...]) -> ServiceStep | None:
    for s in steps:
        if isinstance(s, ServiceStep):
            return s
        if isinstance(s, Branch):
            return _first_service(s.cases[0].steps) if s.cases else None
        if not isinstance(s, Transform):
            return None  # an AI step, a loop, a wait …: the change is not what comes first
    return None


def collection_read(app: App, resource: str, low: str) -> tuple[str, str] | None:
    """The (resource, operation) reading many of ``resource``'s items, by the catalog: a
    read whose resource or key holds the resource's key, a listing (getAll, list) before a
    search, one whose resource the text names before one it does not."""
    res = resource.lower()
    best: tuple[float, str, str] | None = None
    for rkey, res_spec in app.resources.items():
        named = any(_said(name, low) for name in res_spec.names.all())
        for okey in res_spec.operations:
            key = okey.lower()
            if "read" not in verb_of(okey) or key in lx.OP_ONE:
                continue
            holds = res in rkey.lower() or res in key
            if not holds:
                continue
            score = 2.0 + (1.0 if key.startswith(lx.OP_MANY) else 0.0) + (1.0 if named else 0.0)
            if best is None or score > best[0]:
                best = (score, rkey, okey)
    return (best[1], best[2]) if best else None


def _said(name: str, low: str) -> bool:
    """Whether ``low`` says a resource name or its head ("database" of "database page",
    数据库 of 数据库页面)."""
    name = name.lower()
    head = name.split()[0] if " " in name else name[:3]
    return bool(head) and head in low


def on_each_item(app: App, step: ServiceStep) -> ServiceStep:
    """``step`` acting on the read item's id: its resource's required id field (``page_id``
    of a page, ``card_id`` of a card, or ``id``) gets ``{{ $json.id }}``."""
    assert step.resource is not None and step.operation is not None
    op = app.operation(step.resource, step.operation)
    if op is None:
        return step
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", step.resource).lower()
    ids = [f for f in op.required if f in ("id", f"{snake}_id") and f not in step.params]
    if len(ids) != 1:
        return step
    return replace(step, params={**step.params, ids[0]: _ITEM_ID})


def _replaced(steps: list[Step], old: ServiceStep, new: ServiceStep) -> list[Step]:
    out: list[Step] = []
    for s in steps:
        if s is old:
            out.append(new)
        elif isinstance(s, Branch):
            cases = tuple(
                replace(c, steps=tuple(_replaced(list(c.steps), old, new))) for c in s.cases
            )
            out.append(replace(s, cases=cases))
        else:
            out.append(s)
    return out
