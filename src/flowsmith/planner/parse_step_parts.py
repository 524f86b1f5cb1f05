"""Small readers the step parser shares: what an app can do, which words stand for the
trigger's item, and the words of a kept-items filter.

Invariants: every answer comes from the catalog index in the context, never from a table of
services here. Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner.compile_nodes import reads
from flowsmith.planner.frame import Condition, ServiceStep
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import TOKEN, Context
from flowsmith.planner.parse_recipient import person_recipient
from flowsmith.planner.service_words import phrase_in

# "the page", "that page", "this card": the item the run started with
THE = r"\b(?:the|that|this|same)\s+"
# "那个页面", "这张卡片", "该工单": the same, in Chinese
THAT_ZH = r"(?:那个|这个|那张|这张|那条|这条|该)\s*"


def emails(ctx: Context, app: str) -> bool:
    """Whether an app sends email itself (its names say mail): then "email" is that app."""
    names = " ".join(ctx.index.apps[app].names.all()) if app in ctx.index.apps else ""
    return bool(re.search(r"mail|邮", names))


def verb_of_op(operation: str, fallback: str) -> str:
    if reads(operation):
        return "read"
    k = operation.lower()
    if any(k in keys for keys in lx.OP_KEYS.values()):
        return "create"
    return "read" if fallback == "read" else "create"


def core_params(text: str, ctx: Context) -> dict[str, Any]:
    params: dict[str, Any] = {}
    mails = [ctx.mails[int(t.group(2))] for t in TOKEN.finditer(text) if t.group(1) == "mail"]
    if mails:
        params["to"] = mails[0]
    elif (person := person_recipient(text)) is not None:
        params["to"] = person  # "send them …", "回复发件人": the item's own address
    return params


def by_resource_word(mention: Any, ctx: Context) -> bool:
    """A mention found by one of an app's resource words ("sheet"), not by its name; a name
    said without its inner space ("Google表格" for "google 表格") is still the name."""
    if mention.app is None:
        return False
    names = {re.sub(r"\s+", "", n) for n in ctx.index.apps[mention.app].names.all()}
    return re.sub(r"\s+", "", mention.word.lower()) not in names


def can_read(idx: Any, app_id: str) -> bool:
    """Whether the app's catalog node reads; an AI service's operations make what is read."""
    app = idx.apps[app_id]
    return app.category == "ai" or any(reads(okey) for _r, okey, _op in app.operations())


# operations that copy or move an item inside one app
WITHIN_APP = frozenset({"copy", "move", "duplicate"})


def from_elsewhere(app_id: str, ctx: Context) -> bool:
    """Whether the items come from another app (the trigger's, or one read before)."""
    return any(a and a != app_id for a in [ctx.trigger_app, *ctx.apps_seen])


def removes(idx: Any, app_id: str, choice: Any, text: str) -> bool:
    """Whether the chosen operation deletes, archives or removes: by its key, or by a
    removing name of its own the text says (Trello's ``update`` is also "archive")."""
    k = choice.operation.lower()
    if any(k.startswith(p) for p in lx.OP_KEYS["delete"]):
        return True
    op = idx.apps[app_id].operation(choice.resource, choice.operation)
    low = text.lower()
    return op is not None and any(
        lx.DELETE_VERB.search(n) and phrase_in(n.lower(), low) >= 0 for n in op.names.all()
    )


def api_read(idx: Any, app_id: str, phrase: str) -> ServiceStep:
    """A read of an app whose catalog operations only write (a chat bot's send): an HTTP
    GET to the app's own API, when the catalog gives its address."""
    return api_call(idx, app_id, "get", phrase)


def api_call(idx: Any, app_id: str, operation: str, phrase: str) -> ServiceStep:
    """An operation the app's catalog node lacks (a read of a chat bot, a delete where the
    node only adds): an HTTP Request to the app's own API named for the service and the
    operation (its address when the catalog gives one)."""
    app = idx.apps[app_id]
    params = {"url": app.http.base_url} if app.http is not None else {}
    return ServiceStep(
        app=None,
        resource=None,
        operation=operation,
        params=params,
        service=app.display_name,
        phrase=phrase,
    )


def is_trigger_word(mention: Any, text: str, ctx: Context) -> bool:
    """A resource word standing for another app ("the Bugs list") that names a resource of
    the trigger's app: it is the trigger app's thing, not another service."""
    app = ctx.index.apps.get(ctx.trigger_app or "")
    if app is None or mention.app == app.app:
        return False
    if mention.app is None:
        return False
    word = mention.word.lower()
    if word in ctx.index.apps[mention.app].names.all():
        return False  # the app's own name: a service the user named
    return any(word in res.names.all() for res in app.resources.values())


_ADJ_ONES = re.compile(
    r"^\s*(?:only\s+)?(?:the\s+)?(?!(?:the|only|all|any|those|these)\b)([a-z][\w-]*)\s+ones\b",
    re.IGNORECASE,
)
KEPT_NOUN = re.compile(
    r"^\s*(?:to\s+)?(?:only\s+)?(?:the\s+|all\s+|any\s+)?(?:ones|those|items|rows|records|"
    r"entries|results)?\s*(?:(?:where|with|whose|that|which|who)\s+)?",
    re.IGNORECASE,
)


def kept_state(said: str, ctx: Context) -> Condition | None:
    """ "keep the shipped ones": a state word no grammar reads is the items' status."""
    ones = _ADJ_ONES.match(said)
    return parse_condition(f"if the status is {ones.group(1)}", ctx) if ones else None


def filter_body(said: str) -> str:
    """The condition words of "keep only those where the status is open", "只保留状态为open的";
    "the unpaid ones" says the kept items are unpaid."""
    ones = _ADJ_ONES.match(said)
    if ones is not None:
        return f"if they are {ones.group(1)}"
    said = KEPT_NOUN.sub("", said, count=1)
    return re.sub(r"的(?:[\u4e00-\u9fff]{0,4})?\s*$", "", said)
