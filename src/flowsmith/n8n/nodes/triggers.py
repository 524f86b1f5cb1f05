"""Triggers: manual, error, schedule, webhook, chat, RSS, the legacy app event trigger."""

from __future__ import annotations

from flowsmith.n8n.expr import rl
from flowsmith.n8n.nodes.base import (
    Ctx,
    F,
    FieldMap,
    Params,
    Translator,
    get,
    ident,
    mapped,
    opt,
)

_WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
_FIELD = {"minutes": "minutes", "hours": "hours", "days": "days", "weeks": "weeks"}


def _schedule_fwd(p: Params, c: Ctx) -> Params:
    interval = p.get("interval", "hours")
    item: Params
    if interval == "cron":
        item = {"field": "cronExpression", "expression": p.get("cron", "")}
    else:
        item = {"field": interval}
        opt(p, "every", item, f"{interval}Interval", ident)
        if interval == "weeks" and "weekday" in p:
            item["triggerAtDay"] = [_WEEKDAYS.index(p["weekday"])]
        if interval in ("days", "weeks") and "at_time" in p:
            hour, minute = (int(x) for x in str(p["at_time"]).split(":"))
            if hour:
                item["triggerAtHour"] = hour
            if minute:
                item["triggerAtMinute"] = minute
    return {"rule": {"interval": [item]}}


def _schedule_rev(p: Params, c: Ctx) -> Params | None:
    items = get(p, "rule", "interval")
    if not isinstance(items, list) or not items or not isinstance(items[0], dict):
        return None
    item = items[0]
    fld = item.get("field", "days")
    if fld == "cronExpression":
        return {"interval": "cron", "cron": item.get("expression", "")}
    if fld not in _FIELD:
        return None  # seconds / months have no equivalent
    out: Params = {"interval": fld}
    opt(item, f"{fld}Interval", out, "every", ident)
    if fld == "weeks" and isinstance(item.get("triggerAtDay"), list) and item["triggerAtDay"]:
        day = item["triggerAtDay"][0]
        if isinstance(day, int) and 0 <= day <= 6:
            out["weekday"] = _WEEKDAYS[day]
    if fld in ("days", "weeks") and ("triggerAtHour" in item or "triggerAtMinute" in item):
        hour, minute = item.get("triggerAtHour", 0), item.get("triggerAtMinute", 0)
        if isinstance(hour, int) and isinstance(minute, int):
            out["at_time"] = f"{hour:02d}:{minute:02d}"
    return out


_WEBHOOK = FieldMap(
    (
        F("method", "httpMethod"),
        F("path", default=""),
        F(
            "authentication",
            values={"none": "none", "basic": "basicAuth", "header": "headerAuth"},
        ),
        F(
            "response_mode",
            "responseMode",
            values={
                "on_received": "onReceived",
                "last_node": "lastNode",
                "response_node": "responseNode",
            },
        ),
    ),
    static={"options": {}},
)


def _one_method(p: Params) -> bool:
    return not p.get("multipleMethods") and isinstance(p.get("httpMethod", "GET"), str)


_CHAT = FieldMap(
    (F("public"), F("initial_message", "initialMessages")),
    static={"options": {}},
)


def _rss_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    if "poll_minutes" in p:
        out["pollTimes"] = {
            "item": [{"mode": "everyX", "value": p["poll_minutes"], "unit": "minutes"}]
        }
    out["feedUrl"] = c.out(p.get("url", ""))
    return out


def _rss_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {"url": c.back(p.get("feedUrl", ""))}
    items = get(p, "pollTimes", "item")
    if isinstance(items, list) and items and isinstance(items[0], dict):
        item = items[0]
        if item.get("mode") == "everyX" and item.get("unit", "hours") == "minutes":
            out["poll_minutes"] = item.get("value", 2)
        elif item.get("mode") == "everyMinute":
            out["poll_minutes"] = 1
    return out


def _app_event_fwd(p: Params, c: Ctx) -> Params:
    # the catalog maps every app onto n8n's GitHub Trigger (n8n has one trigger node per app);
    # the round-trip note keeps the app, event and filters
    owner, _, repository = str(p.get("resource", "")).partition("/")
    return {
        "authentication": "accessToken",
        "owner": rl(c.out(owner), "name"),
        "repository": rl(c.out(repository), "name"),
        "events": [p.get("event", "")],
        "options": {},
    }


TABLE = [
    mapped("manual_trigger", FieldMap()),
    mapped("error_trigger", FieldMap()),
    Translator("schedule_trigger", _schedule_fwd, _schedule_rev),
    mapped("webhook_trigger", _WEBHOOK, accepts=_one_method, webhook=True),
    Translator("app_event_trigger", _app_event_fwd, webhook=True),
    mapped("chat_trigger", _CHAT, webhook=True),
    Translator("rss_trigger", _rss_fwd, _rss_rev),
]
