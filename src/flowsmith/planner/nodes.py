"""Node factories for the start of a flow: triggers, sources, transforms, merge, loop, wait.

One plan element -> one catalog-conformant node. Parameter names follow the catalog
(``flowsmith/core/catalog/*.json``) and every required parameter is set. Ids are
readable slugs made unique by ``Ids``; names are in the user's language. Texts use
``{{ $json.… }}`` expressions over the incoming item; ``Payload`` tracks what that item
carries, so later steps (``steps.py``) know what to send.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Node, NodeFamily
from flowsmith.planner import vocab as v
from flowsmith.planner.plan import (
    SourceSpec,
    TransformKind,
    TriggerSpec,
    WaitSpec,
)
from flowsmith.planner.resolve import trigger_label
from flowsmith.planner.schedule import Schedule, describe
from flowsmith.planner.text import Lang, pick, slug
from flowsmith.text import text as say

ALL_JSON = "{{ JSON.stringify($json) }}"
_WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]


def _family(subtype: str) -> NodeFamily:
    """The catalog family of ``subtype`` (the planner only uses subtypes the catalog has)."""
    spec = load_catalog().get(subtype)
    if spec is None:
        raise KeyError(f"subtype {subtype!r} is not in the node catalog")
    return spec.family


class Ids:
    """Allocates unique node ids: ``base``, then ``base_2``, ``base_3``… never a taken one."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken: set[str] = set(taken or ())

    def new(self, base: str) -> str:
        base = slug(base, "node")[:60]
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}_{n}", n + 1
        self.taken.add(candidate)
        return candidate


def make(ids: Ids, base_id: str, name: str, subtype: str, params: dict[str, Any]) -> Node:
    """A node of ``subtype`` with a fresh id derived from ``base_id``."""
    return Node(
        id=ids.new(base_id),
        name=name[:200],
        type=_family(subtype),
        subtype=subtype,
        parameters=params,
    )


@dataclass
class Payload:
    """What the item flowing at a point carries: its main text and a ready message."""

    text: str
    subject: str
    body: str
    prefix: str = ""  # where the item's own fields live ("body." for HTTP responses)
    headline: bool = True  # chat messages start with the subject line


# --- triggers ------------------------------------------------------------------------------


def schedule_params(schedule: Schedule) -> dict[str, Any]:
    """Catalog parameters of a schedule_trigger (interval units preferred over cron)."""
    if schedule.kind == "interval":
        minutes = schedule.minutes or 60
        if minutes % 1440 == 0:
            return {"interval": "days", "every": minutes // 1440}
        if minutes % 60 == 0:
            return {"interval": "hours", "every": minutes // 60}
        return {"interval": "minutes", "every": minutes}
    fields = (schedule.cron or "").split()
    if len(fields) == 5 and fields[0].isdigit() and fields[1].isdigit() and fields[3] == "*":
        at = f"{int(fields[1]):02d}:{int(fields[0]):02d}"
        dom, dow = fields[2], fields[4]
        if dom == "*" and dow == "*":
            return {"interval": "days", "every": 1, "at_time": at}
        if dom.startswith("*/") and dom[2:].isdigit() and dow == "*":
            return {"interval": "days", "every": int(dom[2:]), "at_time": at}
        if dom == "*" and dow.isdigit() and int(dow) < 7:
            every = schedule.weeks or 1
            return {
                "interval": "weeks",
                "every": every,
                "weekday": _WEEKDAYS[int(dow)],
                "at_time": at,
            }
    return {"interval": "cron", "cron": schedule.cron or "0 * * * *"}


def schedule_from_params(params: dict[str, Any]) -> Schedule | None:
    """Inverse of ``schedule_params`` (for describing an existing node); None if unreadable."""
    unit, every = params.get("interval", "hours"), params.get("every", 1)
    if not isinstance(every, int) or every < 1:
        every = 1
    at = str(params.get("at_time") or "09:00")
    hour, _, minute = at.partition(":")
    if unit == "cron":
        cron = params.get("cron")
        return Schedule(kind="cron", cron=cron) if isinstance(cron, str) else None
    if unit in ("minutes", "hours"):
        return Schedule(kind="interval", minutes=every * (1 if unit == "minutes" else 60))
    if unit == "days":
        if "at_time" not in params:
            return Schedule(kind="interval", minutes=every * 1440)
        dom = "*" if every == 1 else f"*/{every}"
        return Schedule(kind="cron", cron=f"{int(minute or 0)} {int(hour or 9)} {dom} * *")
    if unit == "weeks":
        day = params.get("weekday", "monday")
        dow = _WEEKDAYS.index(day) if day in _WEEKDAYS else 1
        cron = f"{int(minute or 0)} {int(hour or 9)} * * {dow}"
        return Schedule(kind="cron", cron=cron, weeks=every if every > 1 else None)
    return None


def schedule_name(schedule: Schedule, lang: Lang) -> str:
    text = describe(schedule, lang)
    return text[:1].upper() + text[1:]


def trigger_node(ids: Ids, spec: TriggerSpec, lang: Lang, title: str, responds: bool) -> Node:
    if spec.kind == "schedule":
        sched = spec.schedule or Schedule(kind="interval", minutes=60)
        return make(
            ids, "schedule", schedule_name(sched, lang), "schedule_trigger", schedule_params(sched)
        )
    name = trigger_label(spec, lang)
    if spec.kind == "webhook":
        params: dict[str, Any] = {"path": "incoming", "method": "POST"}
        if responds:
            params["response_mode"] = "response_node"
        return make(ids, "webhook", name, "webhook_trigger", params)
    if spec.kind == "email":
        return make(
            ids, "email_received", name, "email_trigger", {"mailbox": "INBOX", "filter": "UNSEEN"}
        )
    if spec.kind == "form":
        fields = [
            {"label": "Name", "type": "text", "required": True},
            {"label": "Message", "type": "textarea", "required": True},
        ]
        return make(ids, "form", name, "form_trigger", {"title": title, "fields": fields})
    if spec.kind == "rss":
        params = {"url": spec.url or "https://example.com/feed.xml", "poll_minutes": 15}
        return make(ids, "rss_feed", name, "rss_trigger", params)
    if spec.kind == "chat":
        return make(ids, "chat", name, "chat_trigger", {"public": False})
    if spec.kind == "error":
        return make(ids, "on_error", name, "error_trigger", {})
    if spec.kind == "app_event":
        params = {"app": spec.app or "github", "event": spec.event or "issues"}
        return make(ids, f"{spec.app or 'app'}_event", name, "app_event_trigger", params)
    return make(ids, "manual", name, "manual_trigger", {})


def trigger_payload(spec: TriggerSpec, lang: Lang, title: str, order: bool) -> Payload:
    if spec.kind == "webhook":
        what = pick(
            lang, "New order" if order else "New request", "新订单" if order else "收到新请求"
        )
        body_expr = "{{ JSON.stringify($json.body) }}"
        return Payload(body_expr, what, f"{what}: {body_expr}", "body.")
    if spec.kind == "email":
        subject = say("planner.nodes.new_email", lang)
        body = say("planner.nodes.from", lang)
        return Payload("{{ $json.text }}", subject, body + "\n\n{{ $json.text }}")
    if spec.kind == "form":
        subject = say("planner.nodes.new_form_submission", lang)
        return Payload(ALL_JSON, subject, "{{ $json.Name }}: {{ $json.Message }}")
    if spec.kind == "rss":
        return Payload(
            "{{ $json.content }}", "{{ $json.title }}", "{{ $json.title }}\n{{ $json.link }}"
        )
    if spec.kind == "chat":
        return Payload("{{ $json.chatInput }}", title, "{{ $json.chatInput }}")
    if spec.kind == "error":
        subject = say("planner.nodes.workflow_failed", lang)
        body = "{{ $json.execution.error.message }}\n{{ $json.execution.url }}"
        return Payload("{{ $json.execution.error.message }}", subject, body)
    return Payload(ALL_JSON, title, f"{title}: {ALL_JSON}")


# --- sources -------------------------------------------------------------------------------


def source_nodes(ids: Ids, spec: SourceSpec, lang: Lang, product: str) -> list[Node]:
    """The chain of nodes reading one source (usually one node; a scrape is two)."""
    url = spec.url or "https://example.com/data"
    if spec.kind in ("store", "page"):
        store = v.STORE_BY_KEY.get(spec.store or "") or v.store_for_url(spec.url or "")
        store = store or v.GENERIC_STORE
        url = spec.url or store.placeholder_url
        params = {"url": url, "store": store.catalog, "product_name": product}
        base = f"check_{store.key}" if store.key != "generic" else "check_page"
        label = store.name if store.key != "generic" else say("planner.nodes.product_page", lang)
        name = say("planner.nodes.check", lang, label=label)
        return [make(ids, base, name, "web_page_check", params)]
    if spec.kind == "feed":
        params = {"url": url, "method": "GET", "response_format": "text"}
        return [
            make(
                ids, "fetch_feed", say("planner.nodes.fetch_rss_feed", lang), "http_request", params
            )
        ]
    if spec.kind == "scrape":
        fetch = make(
            ids,
            "fetch_page",
            say("planner.nodes.fetch_web_page", lang),
            "http_request",
            {"url": url, "method": "GET", "response_format": "text"},
        )
        extractions = [
            {"key": "title", "css_selector": "title"},
            {"key": "text", "css_selector": "body"},
        ]
        extract = make(
            ids,
            "extract_content",
            say("planner.nodes.extract_page_content", lang),
            "html_extract",
            {"source_field": "body", "extractions": extractions},
        )
        return [fetch, extract]
    if spec.kind == "sheets":
        params = {"spreadsheet_id": "YOUR_SPREADSHEET_ID", "sheet_name": "Sheet1"}
        return [
            make(
                ids,
                "read_sheet",
                say("planner.nodes.read_google_sheet", lang),
                "google_sheets_read",
                params,
            )
        ]
    if spec.kind in ("postgres", "mysql"):
        subtype = "mysql_query" if spec.kind == "mysql" else "postgres_query"
        params = {"query": "SELECT * FROM your_table LIMIT 100"}
        return [make(ids, "query_db", say("planner.nodes.query_database", lang), subtype, params)]
    params = {"url": url, "method": "GET"}
    return [make(ids, "fetch_data", say("planner.nodes.fetch_data", lang), "http_request", params)]


def source_payload(spec: SourceSpec, lang: Lang, title: str) -> Payload:
    if spec.kind in ("store", "page"):
        body = (
            "{{ $json.product_name }} @ {{ $json.store }}: {{ $json.price }} {{ $json.currency }}"
        )
        return Payload("{{ $json.title }}", title, body + "\n{{ $json.url }}")
    if spec.kind == "feed":
        return Payload("{{ $json.body }}", title, "{{ $json.body }}")
    if spec.kind == "scrape":
        return Payload(
            "{{ $json.text }}", "{{ $json.title }}", "{{ $json.title }}\n{{ $json.text }}"
        )
    if spec.kind == "api":
        expr = "{{ JSON.stringify($json.body) }}"
        return Payload(expr, title, expr, "body.")
    return Payload(ALL_JSON, title, ALL_JSON)


def store_payload(in_stock: bool, lang: Lang) -> Payload:
    """The alert a store check sends: back in stock, or the current price."""
    where = "{{ $json.store }}"
    price = "{{ $json.price }} {{ $json.currency }}"
    if in_stock:
        subject = say("planner.nodes.back_in_stock", lang) + "{{ $json.product_name }}"
        body = say("planner.nodes.is_in_stock_at", lang, where=where, price=price)
    else:
        subject = say("planner.nodes.price_alert", lang) + "{{ $json.product_name }}"
        body = say("planner.nodes.costs_at", lang, price=price, where=where)
    return Payload("{{ $json.title }}", subject, body + "\n{{ $json.url }}")


def merge_node(ids: Ids, lang: Lang) -> Node:
    return make(
        ids, "merge_results", say("planner.nodes.merge_results", lang), "merge", {"mode": "append"}
    )


# --- transforms, loop, wait ----------------------------------------------------------------


def transform_node(
    ids: Ids, kind: TransformKind, lang: Lang, store: bool, limit: int | None, body: str
) -> Node:
    if kind == "aggregate":
        ops = [
            {"field": "id", "operation": "count", "output_field": "rows"},
            {"field": "amount", "operation": "sum", "output_field": "total_amount"},
            {"field": "amount", "operation": "avg", "output_field": "average_amount"},
        ]
        params: dict[str, Any] = {"group_by": [], "operations": ops}
        return make(
            ids, "aggregate", say("planner.nodes.aggregate_data", lang), "aggregate", params
        )
    if kind == "sort":
        field = {"field": "price", "order": "asc"} if store else {"field": "date", "order": "desc"}
        return make(ids, "sort", say("planner.nodes.sort_items", lang), "sort", {"fields": [field]})
    if kind == "remove_duplicates":
        params = {"compare": "all_fields"}
        return make(
            ids,
            "remove_duplicates",
            say("planner.nodes.remove_duplicates", lang),
            "remove_duplicates",
            params,
        )
    if kind == "limit":
        params = {"max_items": limit or 10, "keep": "first"}
        return make(ids, "limit", say("planner.nodes.keep_the_first_items", lang), "limit", params)
    if kind == "split_out":
        params = {"field": "items", "include": "all_other_fields"}
        return make(
            ids, "split_out", say("planner.nodes.split_into_items", lang), "split_out", params
        )
    if kind == "code":
        params = {"language": "javascript", "code": "return $input.all();", "mode": "all_items"}
        return make(ids, "code", say("planner.nodes.custom_code", lang), "code", params)
    params = {"template": body, "output_field": "text"}
    return make(
        ids, "format_text", say("planner.nodes.format_message", lang), "text_template", params
    )


def message_node(ids: Ids, text: str, lang: Lang) -> Node:
    params = {"fields": {"text": text}}
    return make(
        ids, "compose_message", say("planner.nodes.compose_message", lang), "set_fields", params
    )


def loop_node(ids: Ids, lang: Lang) -> Node:
    return make(
        ids, "loop_items", say("planner.nodes.loop_over_items", lang), "loop", {"batch_size": 1}
    )


def wait_node(ids: Ids, spec: WaitSpec, lang: Lang) -> Node:
    units_zh = {"seconds": "秒", "minutes": "分钟", "hours": "小时", "days": "天"}
    name = pick(
        lang, f"Wait {spec.amount} {spec.unit}", f"等待 {spec.amount} {units_zh[spec.unit]}"
    )
    params = {"mode": "interval", "amount": spec.amount, "unit": spec.unit}
    return make(ids, "wait", name, "wait", params)
