"""Per-subtype parameter translation between our nodes and n8n nodes.

Each :class:`Translator` turns one subtype's parameters into the parameters of the n8n node
named by the catalog's ``n8n`` mapping (``forward``) and, where it can, back (``reverse``).
Both directions follow one rule: a key present on one side maps to a key present on the other,
an absent key stays absent (n8n itself leaves default values out). ``reverse`` returns
``None`` when the n8n node uses a feature we cannot express (the importer then keeps it as a
generic ``n8n_node``); otherwise it returns the closest parameters of ours, and the importer
keeps the exact n8n parameters aside whenever ``forward(reverse(p))`` would not give ``p``
back, so nothing is lost either way.

Subtypes without an entry in :data:`TRANSLATORS` are exported by :func:`fallback_forward`
(parameter names read off the catalog mapping notes) and always carry their own parameters in
the node's round-trip note, so they import back exactly while the n8n node stays editable.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flowsmith.core.catalog import NodeSpec
from flowsmith.n8n.expr import (
    from_n8n_deep,
    from_n8n_string,
    from_n8n_value,
    rl,
    rl_value,
    stable_uuid,
    to_n8n_deep,
    to_n8n_string,
    to_n8n_value,
)

CHAT_INPUT = "{{ $json.chatInput }}"
"""Our prompt for "the chat message that started the run" (n8n's ``promptType: auto``)."""


@dataclass(frozen=True)
class Ctx:
    """What a translation may look at besides the parameters."""

    node_id: str
    names: Mapping[str, str] = field(default_factory=dict)  # our id -> n8n name (export)
    ids: Mapping[str, str] = field(default_factory=dict)  # n8n name -> our id (import)
    type_version: float = 1
    input_count: int = 1  # distinct n8n input indexes wired into the node (export)

    def out(self, value: Any) -> Any:
        return to_n8n_value(value, self.names)

    def back(self, value: Any) -> Any:
        return from_n8n_value(value, self.ids)


Params = dict[str, Any]
Forward = Callable[[Params, Ctx], Params]
Reverse = Callable[[Params, Ctx], Params | None]


def _main(_: Params) -> list[str]:
    return ["main"]


@dataclass(frozen=True)
class Translator:
    subtype: str
    forward: Forward
    reverse: Reverse | None = None
    # n8n typeVersions ``reverse`` understands (inclusive range); None = all
    min_version: float | None = None
    max_version: float | None = None
    accepts: Callable[[Params], bool] = lambda _: True
    # our output names in n8n output-index order, given the n8n parameters
    outputs: Callable[[Params], list[str]] = _main
    webhook: bool = False  # the n8n node needs a ``webhookId``

    def can_reverse(self, params: Params, version: float) -> bool:
        if self.reverse is None:
            return False
        if self.min_version is not None and version < self.min_version:
            return False
        if self.max_version is not None and version > self.max_version:
            return False
        return self.accepts(params)


def _opt(src: Params, key: str, dst: Params, dkey: str, conv: Callable[[Any], Any]) -> None:
    if key in src:
        dst[dkey] = conv(src[key])


def _ident(value: Any) -> Any:
    return value


def _flip(mapping: Mapping[str, str]) -> dict[str, str]:
    return {v: k for k, v in mapping.items()}


def _get(params: Any, *path: str) -> Any:
    cur = params
    for key in path:
        if not isinstance(cur, dict):
            return None
        cur = cur.get(key)
    return cur


def _dict(value: Any) -> Params:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _is_op(params: Params, key: str, *values: str | None) -> bool:
    return params.get(key) in values


# --- triggers ------------------------------------------------------------------------------

_WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
_FIELD = {"minutes": "minutes", "hours": "hours", "days": "days", "weeks": "weeks"}


def _schedule_fwd(p: Params, c: Ctx) -> Params:
    interval = p.get("interval", "hours")
    item: Params
    if interval == "cron":
        item = {"field": "cronExpression", "expression": p.get("cron", "")}
    else:
        item = {"field": interval}
        _opt(p, "every", item, f"{interval}Interval", _ident)
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
    items = _get(p, "rule", "interval")
    if not isinstance(items, list) or not items or not isinstance(items[0], dict):
        return None
    item = items[0]
    fld = item.get("field", "days")
    if fld == "cronExpression":
        return {"interval": "cron", "cron": item.get("expression", "")}
    if fld not in _FIELD:
        return None  # seconds / months have no equivalent
    out: Params = {"interval": fld}
    _opt(item, f"{fld}Interval", out, "every", _ident)
    if fld == "weeks" and isinstance(item.get("triggerAtDay"), list) and item["triggerAtDay"]:
        day = item["triggerAtDay"][0]
        if isinstance(day, int) and 0 <= day <= 6:
            out["weekday"] = _WEEKDAYS[day]
    if fld in ("days", "weeks") and ("triggerAtHour" in item or "triggerAtMinute" in item):
        hour, minute = item.get("triggerAtHour", 0), item.get("triggerAtMinute", 0)
        if isinstance(hour, int) and isinstance(minute, int):
            out["at_time"] = f"{hour:02d}:{minute:02d}"
    return out


_WEBHOOK_AUTH = {"none": "none", "basic": "basicAuth", "header": "headerAuth"}
_RESPONSE_MODE = {
    "on_received": "onReceived",
    "last_node": "lastNode",
    "response_node": "responseNode",
}


def _webhook_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    _opt(p, "method", out, "httpMethod", _ident)
    out["path"] = p.get("path", "")
    _opt(p, "authentication", out, "authentication", _WEBHOOK_AUTH.__getitem__)
    _opt(p, "response_mode", out, "responseMode", _RESPONSE_MODE.__getitem__)
    out["options"] = {}
    return out


def _webhook_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("multipleMethods") or not isinstance(p.get("httpMethod", "GET"), str):
        return None
    out: Params = {"path": p.get("path", "")}
    _opt(p, "httpMethod", out, "method", _ident)
    if "authentication" in p:
        auth = _flip(_WEBHOOK_AUTH).get(p["authentication"])
        if auth is None:
            return None
        out["authentication"] = auth
    if "responseMode" in p:
        mode = _flip(_RESPONSE_MODE).get(p["responseMode"])
        if mode is None:
            return None
        out["response_mode"] = mode
    return out


def _chat_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    _opt(p, "public", out, "public", _ident)
    _opt(p, "initial_message", out, "initialMessages", _ident)
    out["options"] = {}
    return out


def _chat_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {}
    _opt(p, "public", out, "public", _ident)
    _opt(p, "initialMessages", out, "initial_message", _ident)
    return out


def _empty_fwd(p: Params, c: Ctx) -> Params:
    return {}


def _empty_rev(p: Params, c: Ctx) -> Params | None:
    return {}


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
    items = _get(p, "pollTimes", "item")
    if isinstance(items, list) and items and isinstance(items[0], dict):
        item = items[0]
        if item.get("mode") == "everyX" and item.get("unit", "hours") == "minutes":
            out["poll_minutes"] = item.get("value", 2)
        elif item.get("mode") == "everyMinute":
            out["poll_minutes"] = 1
    return out


# --- actions -------------------------------------------------------------------------------

_AUTH_TYPES = {"basic": "httpBasicAuth", "bearer": "httpBearerAuth", "header": "httpHeaderAuth"}
_BODY_FORMATS = {"json": "json", "form": "form-urlencoded", "raw": "raw"}
_RESPONSE_FORMATS = {"json": "json", "text": "text", "binary": "file"}


def _pairs(mapping: Mapping[str, Any], c: Ctx) -> list[Params]:
    return [{"name": k, "value": c.out(v)} for k, v in mapping.items()]


def _unpairs(block: Any, c: Ctx) -> dict[str, Any] | None:
    items = _get(block, "parameters") if isinstance(block, dict) else None
    if not isinstance(items, list):
        return None
    out: dict[str, Any] = {}
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            out[item["name"]] = c.back(item.get("value", ""))
    return out


def _json_text(value: Any, c: Ctx) -> str:
    """A JSON body as n8n's ``jsonBody``: pretty text, an expression when it holds ``{{``."""
    if isinstance(value, str):
        return to_n8n_string(value, c.names)
    return to_n8n_string(json.dumps(value, indent=2, ensure_ascii=False), c.names)


def _json_back(text: Any, c: Ctx) -> Any:
    if not isinstance(text, str):
        return text
    plain = from_n8n_string(text, c.ids)
    try:
        parsed = json.loads(plain)
    except ValueError:
        return plain
    return parsed if isinstance(parsed, dict | list) else plain


def _http_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    _opt(p, "method", out, "method", _ident)
    out["url"] = c.out(p.get("url", ""))
    auth = p.get("authentication")
    if auth in _AUTH_TYPES:
        out["authentication"] = "genericCredentialType"
        out["genericAuthType"] = _AUTH_TYPES[auth]
    elif auth == "none":
        out["authentication"] = "none"
    if isinstance(p.get("query"), dict):
        out["sendQuery"] = True
        out["queryParameters"] = {"parameters": _pairs(p["query"], c)}
    if isinstance(p.get("headers"), dict):
        out["sendHeaders"] = True
        out["headerParameters"] = {"parameters": _pairs(p["headers"], c)}
    if p.get("body") is not None:
        fmt = p.get("body_format", "json")
        body = p["body"]
        out["sendBody"] = True
        if "body_format" in p:
            out["contentType"] = _BODY_FORMATS[fmt]
        if fmt == "raw":
            out["rawContentType"] = "text/plain"
            out["body"] = _json_text(body, c)
        elif fmt == "form" and isinstance(body, dict):
            out["bodyParameters"] = {"parameters": _pairs(body, c)}
        elif fmt == "form":
            out["specifyBody"] = "string"
            out["body"] = _json_text(body, c)
        else:
            out["specifyBody"] = "json"
            out["jsonBody"] = _json_text(body, c)
    options: Params = {}
    if "response_format" in p:
        fmt = _RESPONSE_FORMATS[p["response_format"]]
        options["response"] = {"response": {"responseFormat": fmt}}
    if "timeout_seconds" in p:
        options["timeout"] = int(p["timeout_seconds"]) * 1000
    out["options"] = options
    return out


def _http_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {}
    if "method" in p:
        if p["method"] not in ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"):
            return None
        out["method"] = p["method"]
    out["url"] = c.back(p.get("url", ""))
    auth = p.get("authentication")
    if auth == "genericCredentialType":
        ours = _flip(_AUTH_TYPES).get(p.get("genericAuthType", ""))
        if ours is not None:
            out["authentication"] = ours
    elif auth == "none":
        out["authentication"] = "none"
    if p.get("sendQuery"):
        if p.get("specifyQuery") == "json":
            query = _json_back(p.get("jsonQuery", ""), c)
            if isinstance(query, dict):
                out["query"] = query
        else:
            query = _unpairs(p.get("queryParameters", {"parameters": []}), c)
            if query is not None:
                out["query"] = query
    if p.get("sendHeaders") and p.get("specifyHeaders", "keypair") == "keypair":
        headers = _unpairs(p.get("headerParameters", {"parameters": []}), c)
        if headers is not None:
            out["headers"] = {
                k: v if isinstance(v, str) else json.dumps(v) for k, v in headers.items()
            }
    if p.get("sendBody"):
        ctype = p.get("contentType", "json")
        fmt = _flip(_BODY_FORMATS).get(ctype)
        if fmt is None:
            return None  # multipart / binary bodies
        if "contentType" in p:
            out["body_format"] = fmt
        if ctype == "raw":
            out["body"] = c.back(p.get("body", ""))
        elif p.get("specifyBody") == "json":
            out["body"] = _json_back(p.get("jsonBody", ""), c)
        elif p.get("specifyBody") == "string":
            out["body"] = c.back(p.get("body", ""))
        else:
            out["body"] = _unpairs(p.get("bodyParameters", {"parameters": []}), c) or {}
    options = _dict(p.get("options"))
    fmt = _get(options, "response", "response", "responseFormat")
    if isinstance(fmt, str) and fmt in _flip(_RESPONSE_FORMATS):
        out["response_format"] = _flip(_RESPONSE_FORMATS)[fmt]
    timeout = options.get("timeout")
    if isinstance(timeout, int | float) and not isinstance(timeout, bool) and timeout >= 1000:
        out["timeout_seconds"] = max(1, min(300, round(timeout / 1000)))
    return out


def _web_page_fwd(p: Params, c: Ctx) -> Params:
    # a real, working stand-in: fetch the page as text (the note keeps what it really is)
    return {
        "url": c.out(p.get("url", "")),
        "options": {"response": {"response": {"responseFormat": "text"}}},
    }


_WHOLE = re.compile(r"^\s*\{\{(?P<expr>(?:(?!\{\{|\}\}).)*)\}\}\s*$", re.DOTALL)
_LOGIC = re.compile(
    r"===|!==|==|!=|<=|>=|&&|\|\||(?<![=!<>])[<>](?!=)|^\s*!|\.(?:includes|startsWith|endsWith)\("
)
_MATH = re.compile(
    r"[*/%]|(?<=[\w)\]])\s*[-+]\s*(?=[\w($])|\bMath\.|\bNumber\(|\bparse(?:Int|Float)\(|\.length\b"
)


def _set_type(value: Any) -> str:
    """n8n's assignment type for a value; n8n converts the value to it.

    A value that is one whole ``{{ }}`` expression is typed by what it computes (arithmetic:
    number, a comparison: boolean), so n8n does not turn ``{{ $json.price * 2 }}`` into text.
    """
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    whole = _WHOLE.match(value) if isinstance(value, str) else None
    if whole is not None:
        expr = re.sub(r"(['\"`]).*?\1", "''", whole.group("expr"))  # ignore string literals
        if _LOGIC.search(expr):
            return "boolean"
        if _MATH.search(expr) and "JSON.stringify" not in expr:
            return "number"
    return "string"


def _set_fwd(p: Params, c: Ctx) -> Params:
    fields = _dict(p.get("fields"))
    assignments = [
        {
            "id": stable_uuid(c.node_id, "field", name),
            "name": name,
            "value": c.out(value),
            "type": _set_type(value),
        }
        for name, value in fields.items()
    ]
    out: Params = {"assignments": {"assignments": assignments}}
    if not p.get("keep_only_set", False):
        out["includeOtherFields"] = True
    out["options"] = {}
    return out


def _set_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("mode", "manual") != "manual":
        return None
    items = _get(p, "assignments", "assignments")
    if items is None and "assignments" not in p:
        items = []
    if not isinstance(items, list):
        return None
    fields: dict[str, Any] = {}
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            fields[item["name"]] = c.back(item.get("value"))
    out: Params = {"fields": fields}
    if not p.get("includeOtherFields", False):
        out["keep_only_set"] = True
    return out


def _template_fwd(p: Params, c: Ctx) -> Params:
    name = p.get("output_field", "text")
    return {
        "assignments": {
            "assignments": [
                {
                    "id": stable_uuid(c.node_id, "field", name),
                    "name": name,
                    "value": c.out(p.get("template", "")),
                    "type": "string",
                }
            ]
        },
        "includeOtherFields": True,
        "options": {},
    }


_CODE_MODES = {"all_items": "runOnceForAllItems", "each_item": "runOnceForEachItem"}


def _code_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    _opt(p, "mode", out, "mode", _CODE_MODES.__getitem__)
    if p.get("language") == "python":
        out["language"] = "pythonNative"
        out["pythonCode"] = p.get("code", "")
    else:
        if "language" in p:
            out["language"] = "javaScript"
        out["jsCode"] = p.get("code", "")
    return out


def _code_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {}
    if "mode" in p:
        mode = _flip(_CODE_MODES).get(p["mode"])
        if mode is None:
            return None
        out["mode"] = mode
    lang = p.get("language")
    if lang in ("python", "pythonNative"):
        out["language"] = "python"
        out["code"] = p.get("pythonCode", "")
    else:
        if lang is not None:
            out["language"] = "javascript"
        out["code"] = p.get("jsCode", "")
    return out


def _limit_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    _opt(p, "max_items", out, "maxItems", _ident)
    _opt(p, "keep", out, "keep", {"first": "firstItems", "last": "lastItems"}.__getitem__)
    return out


def _limit_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {"max_items": p.get("maxItems", 1)}
    if "keep" in p:
        keep = {"firstItems": "first", "lastItems": "last"}.get(p["keep"])
        if keep is None:
            return None
        out["keep"] = keep
    return out


_INCLUDE = {
    "none": "noOtherFields",
    "all_other_fields": "allOtherFields",
    "selected_fields": "selectedOtherFields",
}


def _split_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {"fieldToSplitOut": p.get("field", "")}
    _opt(p, "include", out, "include", _INCLUDE.__getitem__)
    options: Params = {}
    _opt(p, "destination_field", options, "destinationFieldName", _ident)
    out["options"] = options
    return out


def _split_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {"field": p.get("fieldToSplitOut", "")}
    if "include" in p:
        include = _flip(_INCLUDE).get(p["include"])
        if include is None:
            return None
        out["include"] = include
    dest = _get(p, "options", "destinationFieldName")
    if isinstance(dest, str):
        out["destination_field"] = dest
    return out


def _html_fwd(p: Params, c: Ctx) -> Params:
    values = []
    for ex in p.get("extractions", []):
        item: Params = {"key": ex.get("key", ""), "cssSelector": ex.get("css_selector", "")}
        if "attribute" in ex:
            item["returnValue"] = "attribute"
            item["attribute"] = ex["attribute"]
        _opt(ex, "return_array", item, "returnArray", _ident)
        values.append(item)
    out: Params = {"operation": "extractHtmlContent"}
    _opt(p, "source_field", out, "dataPropertyName", _ident)
    out["extractionValues"] = {"values": values}
    out["options"] = {}
    return out


def _html_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("operation") != "extractHtmlContent" or p.get("sourceData", "json") != "json":
        return None
    values = _get(p, "extractionValues", "values")
    if not isinstance(values, list):
        return None
    extractions = []
    for v in values:
        if not isinstance(v, dict):
            return None
        ex: Params = {"key": v.get("key", ""), "css_selector": v.get("cssSelector", "")}
        if v.get("returnValue") == "attribute":
            ex["attribute"] = v.get("attribute", "")
        _opt(v, "returnArray", ex, "return_array", _ident)
        extractions.append(ex)
    out: Params = {"extractions": extractions}
    _opt(p, "dataPropertyName", out, "source_field", _ident)
    return out


def _query_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {"operation": "executeQuery", "query": c.out(p.get("query", ""))}
    options: Params = {}
    if p.get("parameters"):
        joined = ",".join(str(x) for x in p["parameters"])
        options["queryReplacement"] = to_n8n_string(joined, c.names)
    out["options"] = options
    return out


def _query_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("operation") != "executeQuery":
        return None
    out: Params = {"query": c.back(p.get("query", ""))}
    replacement = _get(p, "options", "queryReplacement")
    if isinstance(replacement, str) and replacement:
        out["parameters"] = [x.strip() for x in c.back(replacement).split(",")]
    return out


_AGGREGATIONS = {
    "count": "count",
    "sum": "sum",
    "avg": "average",
    "min": "min",
    "max": "max",
    "concatenate": "concatenate",
    "collect": "append",
}


def _aggregate_fwd(p: Params, c: Ctx) -> Params:
    values = [
        {
            "aggregation": _AGGREGATIONS.get(op.get("operation", "count"), "count"),
            "field": op.get("field", ""),
        }
        for op in _list(p.get("operations"))
        if isinstance(op, dict)
    ]
    out: Params = {"fieldsToSummarize": {"values": values}}
    if p.get("group_by"):
        out["fieldsToSplitBy"] = ",".join(str(g) for g in p["group_by"])
    out["options"] = {}
    return out


def _aggregate_rev(p: Params, c: Ctx) -> Params | None:
    ops = []
    for v in _list(_get(p, "fieldsToSummarize", "values")):
        if not isinstance(v, dict):
            return None
        op = _flip(_AGGREGATIONS).get(v.get("aggregation", "count"))
        if op is None:
            return None
        ops.append({"field": v.get("field", ""), "operation": op})
    out: Params = {"operations": ops}
    split = p.get("fieldsToSplitBy")
    if isinstance(split, str) and split.strip():
        out["group_by"] = [x.strip() for x in split.split(",") if x.strip()]
    return out


def _sort_fwd(p: Params, c: Ctx) -> Params:
    fields = []
    for f in _list(p.get("fields")):
        if isinstance(f, dict):
            item: Params = {"fieldName": f.get("field", "")}
            _opt(f, "order", item, "order", {"asc": "ascending", "desc": "descending"}.__getitem__)
            fields.append(item)
    return {"sortFieldsUi": {"sortField": fields}, "options": {}}


def _sort_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("type", "simple") != "simple":
        return None
    fields = []
    for f in _list(_get(p, "sortFieldsUi", "sortField")):
        if not isinstance(f, dict):
            return None
        item: Params = {"field": f.get("fieldName", "")}
        if "order" in f:
            order = {"ascending": "asc", "descending": "desc"}.get(f["order"])
            if order is None:
                return None
            item["order"] = order
        fields.append(item)
    return {"fields": fields}


_COMPARE = {"all_fields": "allFields", "selected_fields": "selectedFields"}


def _dedupe_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    _opt(p, "compare", out, "compare", _COMPARE.__getitem__)
    if p.get("fields"):
        out["fieldsToCompare"] = ",".join(str(f) for f in p["fields"])
    out["options"] = {}
    return out


def _dedupe_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("operation", "removeDuplicateInputItems") != "removeDuplicateInputItems":
        return None
    out: Params = {}
    if "compare" in p:
        compare = _flip(_COMPARE).get(p["compare"])
        if compare is None:
            return None
        out["compare"] = compare
    fields = p.get("fieldsToCompare")
    if isinstance(fields, str) and fields.strip():
        out["fields"] = [x.strip() for x in fields.split(",") if x.strip()]
    return out


_DATE_OPS = {
    "now": "getCurrentDate",
    "format": "formatDate",
    "add": "addToDate",
    "subtract": "subtractFromDate",
    "difference": "getTimeBetweenDates",
    "extract": "extractDate",
}


def _date_fwd(p: Params, c: Ctx) -> Params:
    op = p.get("operation", "now")
    out: Params = {"operation": _DATE_OPS.get(op, "getCurrentDate")}
    if op in ("format", "extract"):
        out["date"] = c.out(p.get("value", ""))
    if op == "format":
        out["format"] = "custom"
        out["customFormat"] = p.get("format", "yyyy-MM-dd")
    if op in ("add", "subtract"):
        out["magnitude"] = c.out(p.get("value", ""))
        _opt(p, "unit", out, "timeUnit", _ident)
        _opt(p, "amount", out, "duration", _ident)
    if op == "difference":
        out["startDate"] = c.out(p.get("value", ""))
        out["endDate"] = c.out(p.get("end_value", ""))
        if "unit" in p:
            out["units"] = [str(p["unit"]).rstrip("s")]
    if op == "extract" and p.get("part") in ("year", "month", "week", "day", "hour", "minute"):
        out["part"] = p["part"]
    _opt(p, "output_field", out, "outputFieldName", _ident)
    options: Params = {}
    if op == "now" and "timezone" in p:
        options["timezone"] = p["timezone"]
    out["options"] = options
    return out


def _read_file_fwd(p: Params, c: Ctx) -> Params:
    return {"fileSelector": c.out(p.get("path", "")), "options": {}}


def _read_file_rev(p: Params, c: Ctx) -> Params | None:
    return {"path": c.back(p.get("fileSelector", ""))}


def _write_file_fwd(p: Params, c: Ctx) -> Params:
    options: Params = {}
    _opt(p, "append", options, "append", _ident)
    return {"operation": "write", "fileName": c.out(p.get("path", "")), "options": options}


def _write_file_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {"path": c.back(p.get("fileName", ""))}
    append = _get(p, "options", "append")
    if isinstance(append, bool):
        out["append"] = append
    return out


# --- external actions ----------------------------------------------------------------------


def _email_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    _opt(p, "from", out, "fromEmail", c.out)
    out["toEmail"] = c.out(p.get("to", ""))
    out["subject"] = c.out(p.get("subject", ""))
    html = bool(p.get("html", False))
    out["emailFormat"] = "html" if html else "text"
    out["html" if html else "text"] = c.out(p.get("body", ""))
    options: Params = {}
    _opt(p, "cc", options, "ccEmail", c.out)
    _opt(p, "bcc", options, "bccEmail", c.out)
    out["options"] = options
    return out


def _email_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {"to": c.back(p.get("toEmail", "")), "subject": c.back(p.get("subject", ""))}
    _opt(p, "fromEmail", out, "from", c.back)
    fmt = p.get("emailFormat", "text" if c.type_version < 2.1 else "html")
    if fmt in ("html", "both"):
        out["html"] = True
        out["body"] = c.back(p.get("html", ""))
    else:
        out["body"] = c.back(p.get("text", ""))
    options = _dict(p.get("options"))
    _opt(options, "ccEmail", out, "cc", c.back)
    _opt(options, "bccEmail", out, "bcc", c.back)
    return out


def _gmail_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {
        "sendTo": c.out(p.get("to", "")),
        "subject": c.out(p.get("subject", "")),
        "emailType": "html" if p.get("html") else "text",
        "message": c.out(p.get("body", "")),
    }
    options: Params = {}
    _opt(p, "cc", options, "ccList", c.out)
    _opt(p, "bcc", options, "bccList", c.out)
    out["options"] = options
    return out


def _gmail_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {
        "to": c.back(p.get("sendTo", "")),
        "subject": c.back(p.get("subject", "")),
        "body": c.back(p.get("message", "")),
    }
    if p.get("emailType", "html") == "html":
        out["html"] = True
    options = _dict(p.get("options"))
    _opt(options, "ccList", out, "cc", c.back)
    _opt(options, "bccList", out, "bcc", c.back)
    return out


def _slack_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {
        "select": "channel",
        "channelId": rl(c.out(p.get("channel", "")), "name"),
        "text": c.out(p.get("text", "")),
    }
    if p.get("blocks"):
        out["messageType"] = "block"
        out["blocksUi"] = json.dumps({"blocks": p["blocks"]}, indent=2, ensure_ascii=False)
    other: Params = {}
    if "thread_ts" in p:
        other["thread_ts"] = {"replyValues": {"thread_ts": c.out(p["thread_ts"])}}
    out["otherOptions"] = other
    return out


def _slack_rev(p: Params, c: Ctx) -> Params | None:
    target = p.get("user") if p.get("select") == "user" else p.get("channelId", "")
    out: Params = {"channel": c.back(rl_value(target) or ""), "text": c.back(p.get("text", ""))}
    ts = _get(p, "otherOptions", "thread_ts", "replyValues", "thread_ts")
    if ts is not None:
        out["thread_ts"] = c.back(ts)
    if p.get("messageType") == "block":
        try:
            blocks = json.loads(p.get("blocksUi", ""))
        except (TypeError, ValueError):
            return None
        if isinstance(blocks, dict) and isinstance(blocks.get("blocks"), list):
            out["blocks"] = blocks["blocks"]
    return out


def _discord_fwd(p: Params, c: Ctx) -> Params:
    options: Params = {}
    _opt(p, "username", options, "username", c.out)
    return {"authentication": "webhook", "content": c.out(p.get("content", "")), "options": options}


def _discord_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {"content": c.back(p.get("content", ""))}
    _opt(_dict(p.get("options")), "username", out, "username", c.back)
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


def _teams_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {
        "resource": "channelMessage",
        "teamId": rl(c.out(p.get("team_id", "")), "id"),
        "channelId": rl(c.out(p.get("channel_id", "")), "id"),
    }
    _opt(p, "content_type", out, "contentType", _ident)
    out["message"] = c.out(p.get("message", ""))
    out["options"] = {}
    return out


def _notion_fwd(p: Params, c: Ctx) -> Params:
    if p.get("parent_type", "database") == "page":
        out: Params = {"resource": "page", "pageId": rl(c.out(p.get("parent_id", "")), "id")}
    else:
        out = {"resource": "databasePage", "databaseId": rl(c.out(p.get("parent_id", "")), "id")}
    out["title"] = c.out(p.get("title", ""))
    out["options"] = {}
    return out


def _airtable_fwd(p: Params, c: Ctx) -> Params:
    fields = _dict(p.get("fields"))
    return {
        "operation": "create",
        "base": rl(c.out(p.get("base_id", "")), "id"),
        "table": rl(c.out(p.get("table", "")), "name"),
        "columns": {
            "mappingMode": "defineBelow",
            "value": {k: c.out(v) for k, v in fields.items()},
            "matchingColumns": [],
            "schema": [
                {
                    "id": k,
                    "displayName": k,
                    "required": False,
                    "defaultMatch": False,
                    "display": True,
                    "type": "string",
                    "canBeUsedToMatch": True,
                }
                for k in fields
            ],
        },
        "options": {},
    }


def _telegram_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {"chatId": c.out(p.get("chat_id", "")), "text": c.out(p.get("text", ""))}
    extra: Params = {}
    if p.get("parse_mode") not in (None, "none"):
        extra["parse_mode"] = p["parse_mode"]
    _opt(p, "disable_notification", extra, "disable_notification", _ident)
    out["additionalFields"] = extra
    return out


def _telegram_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {"chat_id": c.back(p.get("chatId", "")), "text": c.back(p.get("text", ""))}
    extra = _dict(p.get("additionalFields"))
    _opt(extra, "parse_mode", out, "parse_mode", _ident)
    _opt(extra, "disable_notification", out, "disable_notification", _ident)
    return out


def _sheet_target(p: Params, c: Ctx) -> Params:
    out: Params = {"documentId": rl(c.out(p.get("spreadsheet_id", "")), "id")}
    if "sheet_name" in p:
        out["sheetName"] = rl(c.out(p["sheet_name"]), "name")
    return out


def _sheet_target_back(p: Params, c: Ctx) -> Params:
    out: Params = {"spreadsheet_id": c.back(rl_value(p.get("documentId", "")) or "")}
    if "sheetName" in p:
        sheet = rl_value(p["sheetName"])
        if isinstance(sheet, str | int) and not isinstance(sheet, bool):
            out["sheet_name"] = c.back(str(sheet))
    return out


def _sheets_append_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {"operation": "append", **_sheet_target(p, c)}
    columns = p.get("columns")
    if isinstance(columns, dict):
        out["columns"] = {
            "mappingMode": "defineBelow",
            "value": {k: c.out(v) for k, v in columns.items()},
            "matchingColumns": [],
            "schema": [
                {
                    "id": k,
                    "displayName": k,
                    "required": False,
                    "defaultMatch": False,
                    "display": True,
                    "type": "string",
                    "canBeUsedToMatch": True,
                }
                for k in columns
            ],
        }
    else:
        out["columns"] = {"mappingMode": "autoMapInputData", "value": {}, "matchingColumns": []}
    out["options"] = {}
    return out


def _sheets_append_rev(p: Params, c: Ctx) -> Params | None:
    out = _sheet_target_back(p, c)
    columns = p.get("columns")
    if isinstance(columns, dict) and columns.get("mappingMode") == "defineBelow":
        value = columns.get("value")
        out["columns"] = {k: c.back(v) for k, v in value.items()} if isinstance(value, dict) else {}
    return out


def _sheets_read_fwd(p: Params, c: Ctx) -> Params:
    out = _sheet_target(p, c)
    options: Params = {}
    if "range" in p or "header_row" in p:
        values: Params = {"rangeDefinition": "specifyRange"}
        _opt(p, "header_row", values, "headerRow", _ident)
        _opt(p, "range", values, "range", c.out)
        options["dataLocationOnSheet"] = {"values": values}
    out["options"] = options
    return out


def _sheets_read_rev(p: Params, c: Ctx) -> Params | None:
    out = _sheet_target_back(p, c)
    values = _get(p, "options", "dataLocationOnSheet", "values")
    if isinstance(values, dict):
        _opt(values, "headerRow", out, "header_row", _ident)
        _opt(values, "range", out, "range", c.back)
    return out


_RESPOND = {
    "first_item": "firstIncomingItem",
    "all_items": "allIncomingItems",
    "json": "json",
    "text": "text",
    "no_data": "noData",
}


def _respond_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    _opt(p, "respond_with", out, "respondWith", _RESPOND.__getitem__)
    if "body" in p and p["body"] is not None:
        out["responseBody"] = _json_text(p["body"], c)
    options: Params = {}
    _opt(p, "status_code", options, "responseCode", _ident)
    if isinstance(p.get("headers"), dict):
        options["responseHeaders"] = {
            "entries": [{"name": k, "value": c.out(v)} for k, v in p["headers"].items()]
        }
    out["options"] = options
    return out


def _respond_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {}
    if "respondWith" in p:
        mode = _flip(_RESPOND).get(p["respondWith"])
        if mode is None:
            return None
        out["respond_with"] = mode
    if "responseBody" in p:
        body = p["responseBody"]
        out["body"] = _json_back(body, c) if p.get("respondWith") == "json" else c.back(body)
    options = _dict(p.get("options"))
    _opt(options, "responseCode", out, "status_code", _ident)
    entries = _get(options, "responseHeaders", "entries")
    if isinstance(entries, list):
        out["headers"] = {
            e["name"]: c.back(e.get("value", ""))
            for e in entries
            if isinstance(e, dict) and isinstance(e.get("name"), str)
        }
    return out


# --- flow ----------------------------------------------------------------------------------

_UNARY = {
    "is_true": ("boolean", "true"),
    "is_false": ("boolean", "false"),
    "is_empty": ("string", "empty"),
    "is_not_empty": ("string", "notEmpty"),
}
_REVERSE_OPS = {
    "equals": "equals",
    "notEquals": "not_equals",
    "gt": "greater_than",
    "after": "greater_than",
    "lt": "less_than",
    "before": "less_than",
    "contains": "contains",
    "true": "is_true",
    "false": "is_false",
    "empty": "is_empty",
    "notExists": "is_empty",
    "notEmpty": "is_not_empty",
    "exists": "is_not_empty",
}
_SCALAR = (str, int, float, bool, type(None))


def _value_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "string"


def _cond_fwd(cond: Params, c: Ctx, key: str) -> Params:
    op = cond.get("operator", "equals")
    operator: Params
    if op in _UNARY:
        kind, operation = _UNARY[op]
        operator = {"type": kind, "operation": operation, "singleValue": True}
    elif op in ("greater_than", "less_than"):
        operator = {"type": "number", "operation": "gt" if op == "greater_than" else "lt"}
    elif op == "contains":
        operator = {"type": "string", "operation": "contains"}
    else:
        kind = _value_type(cond.get("right"))
        operator = {"type": kind, "operation": "equals" if op == "equals" else "notEquals"}
    return {
        "id": stable_uuid(c.node_id, "condition", key),
        "leftValue": c.out(cond.get("left", "")),
        "rightValue": "" if op in _UNARY else c.out(cond.get("right", "")),
        "operator": operator,
    }


def _cond_rev(cond: Any, c: Ctx) -> Params | None:
    if not isinstance(cond, dict) or not isinstance(cond.get("operator"), dict):
        return None
    ours = _REVERSE_OPS.get(str(cond["operator"].get("operation")))
    kind = cond["operator"].get("type")
    if ours is None or (ours == "contains" and kind not in ("string", "array")):
        return None
    left = c.back(cond.get("leftValue", ""))
    if not isinstance(left, _SCALAR):
        return None
    out: Params = {"left": left, "operator": ours}
    if ours not in _UNARY:
        right = c.back(cond.get("rightValue", ""))
        if not isinstance(right, _SCALAR):
            return None
        out["right"] = right
    return out


def _filter_block(conditions: list[Params], combine: str, c: Ctx, prefix: str) -> Params:
    return {
        "options": {"caseSensitive": True, "leftValue": "", "typeValidation": "strict"},
        "conditions": [_cond_fwd(cond, c, f"{prefix}{i}") for i, cond in enumerate(conditions)],
        "combinator": combine,
    }


def _conditions_fwd(p: Params, c: Ctx) -> Params:
    conds = _list(p.get("conditions"))
    return {"conditions": _filter_block(conds, p.get("combine", "and"), c, ""), "options": {}}


def _conditions_rev(p: Params, c: Ctx) -> Params | None:
    block = p.get("conditions")
    if not isinstance(block, dict) or not isinstance(block.get("conditions"), list):
        return None
    conds = [_cond_rev(x, c) for x in block["conditions"]]
    if any(x is None for x in conds):
        return None
    combine = block.get("combinator", "and")
    if combine not in ("and", "or"):
        return None
    return {"conditions": conds, "combine": combine}


def _switch_fwd(p: Params, c: Ctx) -> Params:
    rules = _list(p.get("rules"))
    values = []
    for i, rule in enumerate(rules):
        cond = {"left": p.get("field", ""), "operator": rule.get("operator", "equals")}
        if "value" in rule:
            cond["right"] = rule["value"]
        values.append({"conditions": _filter_block([cond], "and", c, f"rule{i}.")})
    options: Params = {"fallbackOutput": "extra"}
    _opt(p, "all_matching", options, "allMatchingOutputs", _ident)
    return {"rules": {"values": values}, "options": options}


def _switch_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("mode", "rules") != "rules":
        return None
    values = _get(p, "rules", "values")
    if not isinstance(values, list) or not 1 <= len(values) <= 4:
        return None
    field_value: Any = None
    rules = []
    for i, rule in enumerate(values):
        conds = _get(rule, "conditions", "conditions")
        if not isinstance(conds, list) or len(conds) != 1:
            return None
        cond = _cond_rev(conds[0], c)
        if cond is None or (i and cond["left"] != field_value):
            return None
        field_value = cond["left"]
        ours: Params = {"operator": cond["operator"]}
        if "right" in cond:
            ours["value"] = cond["right"]
        rules.append(ours)
    out: Params = {"field": field_value, "rules": rules}
    matching = _get(p, "options", "allMatchingOutputs")
    if isinstance(matching, bool):
        out["all_matching"] = matching
    return out


def _switch_outputs(p: Params) -> list[str]:
    values = _get(p, "rules", "values")
    count = len(values) if isinstance(values, list) else 0
    names = [f"output_{i}" for i in range(count)]
    if _get(p, "options", "fallbackOutput") == "extra":
        names.append("fallback")
    return names


def _merge_fwd(p: Params, c: Ctx) -> Params:
    mode = p.get("mode")
    out: Params = {}
    if mode == "combine_by_key":
        out = {"mode": "combine", "fieldsToMatchString": p.get("key", ""), "options": {}}
    elif mode == "wait_all":
        out = {"mode": "chooseBranch"}
    elif mode == "append":
        out = {"mode": "append"}
    if c.input_count > 2 and mode != "combine_by_key":
        out["numberInputs"] = c.input_count
    return out


def _merge_rev(p: Params, c: Ctx) -> Params | None:
    mode = p.get("mode")
    if mode is None:
        return {}
    if mode == "append":
        return {"mode": "append"}
    if mode == "chooseBranch":
        return {"mode": "wait_all"}
    if mode == "combine" and p.get("combineBy", "combineByFields") == "combineByFields":
        if p.get("advanced"):
            return None
        return {"mode": "combine_by_key", "key": p.get("fieldsToMatchString", "")}
    return None


def _loop_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    _opt(p, "batch_size", out, "batchSize", _ident)
    out["options"] = {}
    return out


def _loop_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {}
    _opt(p, "batchSize", out, "batch_size", _ident)
    return out


def _wait_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    if p.get("mode") == "until":
        out["resume"] = "specificTime"
        out["dateTime"] = c.out(p.get("until", ""))
        return out
    if "mode" in p:
        out["resume"] = "timeInterval"
    _opt(p, "amount", out, "amount", _ident)
    _opt(p, "unit", out, "unit", _ident)
    return out


def _wait_rev(p: Params, c: Ctx) -> Params | None:
    resume = p.get("resume", "timeInterval")
    if resume == "specificTime":
        return {"mode": "until", "until": c.back(p.get("dateTime", ""))}
    if resume != "timeInterval":
        return None
    out: Params = {}
    if "resume" in p:
        out["mode"] = "interval"
    _opt(p, "amount", out, "amount", _ident)
    _opt(p, "unit", out, "unit", _ident)
    return out


def _stop_fwd(p: Params, c: Ctx) -> Params:
    return {"errorMessage": c.out(p.get("message", ""))}


def _stop_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("errorType", "errorMessage") != "errorMessage":
        return None
    return {"message": c.back(p.get("errorMessage", ""))}


def _no_outputs(_: Params) -> list[str]:
    return []


# --- human in the loop ---------------------------------------------------------------------

APPROVAL_OUTPUTS = ["approved", "rejected", "timeout"]


def _limit_wait(p: Params) -> Params:
    if "timeout_hours" not in p:
        return {}
    values = {
        "limitType": "afterTimeInterval",
        "resumeAmount": p["timeout_hours"],
        "resumeUnit": "hours",
    }
    return {"limitWaitTime": {"values": values}}


def _limit_wait_back(p: Params, out: Params) -> None:
    values = _get(p, "options", "limitWaitTime", "values")
    if not isinstance(values, dict):
        return
    if values.get("limitType", "afterTimeInterval") != "afterTimeInterval":
        return
    amount = values.get("resumeAmount", 1)
    if isinstance(amount, int | float) and not isinstance(amount, bool):
        units = {"minutes": 1 / 60, "hours": 1, "days": 24}
        scale = units.get(values.get("resumeUnit", "hours"), 1)
        hours = amount * scale
        out["timeout_hours"] = int(hours) if float(hours).is_integer() else hours


_APPROVAL_BUTTONS = {"values": {"approvalType": "double"}}


def _approval_email_fwd(p: Params, c: Ctx) -> Params:
    return {
        "operation": "sendAndWait",
        "toEmail": c.out(p.get("to", "")),
        "subject": c.out(p.get("subject", "")),
        "message": c.out(p.get("message", "")),
        "approvalOptions": _APPROVAL_BUTTONS,
        "options": _limit_wait(p),
    }


def _approval_email_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {
        "to": c.back(p.get("toEmail", "")),
        "subject": c.back(p.get("subject", "")),
        "message": c.back(p.get("message", "")),
    }
    _limit_wait_back(p, out)
    return out


def _approval_slack_fwd(p: Params, c: Ctx) -> Params:
    return {
        "operation": "sendAndWait",
        "select": "channel",
        "channelId": rl(c.out(p.get("channel", "")), "name"),
        "message": c.out(p.get("message", "")),
        "approvalOptions": _APPROVAL_BUTTONS,
        "options": _limit_wait(p),
    }


def _approval_slack_rev(p: Params, c: Ctx) -> Params | None:
    target = p.get("user") if p.get("select") == "user" else p.get("channelId", "")
    out: Params = {
        "channel": c.back(rl_value(target) or ""),
        "message": c.back(p.get("message", "")),
    }
    _limit_wait_back(p, out)
    return out


_FORM_TYPES = {"text", "number", "email", "textarea", "date", "dropdown", "checkbox"}
DECISION_FIELD = "Decision"
DECISION_VALUES = ("Approve", "Reject")


def _form_review_fwd(p: Params, c: Ctx) -> Params:
    fields: list[Params] = []
    for f in _list(p.get("fields")):
        if not isinstance(f, dict):
            continue
        item: Params = {"fieldLabel": f.get("label", ""), "fieldType": f.get("type", "text")}
        if item["fieldType"] not in _FORM_TYPES:
            item["fieldType"] = "text"
        _opt(f, "required", item, "requiredField", _ident)
        if f.get("options"):
            item["fieldOptions"] = {"values": [{"option": o} for o in f["options"]]}
        fields.append(item)
    fields.append(
        {
            "fieldLabel": DECISION_FIELD,
            "fieldType": "dropdown",
            "requiredField": True,
            "fieldOptions": {"values": [{"option": v} for v in DECISION_VALUES]},
        }
    )
    options: Params = {"formTitle": c.out(p.get("title", ""))}
    _opt(p, "instructions", options, "formDescription", c.out)
    out: Params = {"formFields": {"values": fields}, "options": options}
    if "timeout_hours" in p:
        out.update(
            {
                "limitWaitTime": True,
                "limitType": "afterTimeInterval",
                "resumeAmount": p["timeout_hours"],
                "resumeUnit": "hours",
            }
        )
    return out


def _approval_outputs(_: Params) -> list[str]:
    return ["approved"]


def _send_and_wait(p: Params) -> bool:
    return p.get("operation") == "sendAndWait" and p.get("responseType", "approval") == "approval"


# --- AI ------------------------------------------------------------------------------------


def _prompt_fwd(p: Params, c: Ctx, out: Params) -> None:
    prompt = p.get("prompt")
    if prompt is not None and prompt != CHAT_INPUT:
        out["promptType"] = "define"
        out["text"] = c.out(prompt)


def _prompt_rev(p: Params, c: Ctx, out: Params) -> None:
    if p.get("promptType") == "define" or ("promptType" not in p and "text" in p):
        out["prompt"] = c.back(p.get("text", ""))
    elif "prompt" in p and "promptType" not in p:
        out["prompt"] = c.back(p["prompt"])  # chainLlm before 1.4
    else:
        out["prompt"] = CHAT_INPUT


def _agent_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    _prompt_fwd(p, c, out)
    options: Params = {}
    _opt(p, "system_prompt", options, "systemMessage", c.out)
    _opt(p, "max_iterations", options, "maxIterations", _ident)
    out["options"] = options
    return out


def _agent_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("agent") == "sqlAgent":
        return None
    out: Params = {}
    _prompt_rev(p, c, out)
    options = _dict(p.get("options"))
    _opt(options, "systemMessage", out, "system_prompt", c.back)
    _opt(options, "maxIterations", out, "max_iterations", _ident)
    if p.get("hasOutputParser") is True:
        out["output_format"] = "json"
    return out


def _chain_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    _prompt_fwd(p, c, out)
    if "system_prompt" in p:
        out["messages"] = {"messageValues": [{"message": c.out(p["system_prompt"])}]}
    return out


def _chain_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {}
    _prompt_rev(p, c, out)
    values = _get(p, "messages", "messageValues")
    if isinstance(values, list):
        for v in values:
            if isinstance(v, dict) and v.get("type", "SystemMessagePromptTemplate") == (
                "SystemMessagePromptTemplate"
            ):
                out["system_prompt"] = c.back(v.get("message", ""))
                break
    if p.get("hasOutputParser") is True:
        out["json_output"] = True
    return out


def _memory_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    if "session_key" in p:
        out["sessionIdType"] = "customKey"
        out["sessionKey"] = c.out(p["session_key"])
    _opt(p, "window_size", out, "contextWindowLength", _ident)
    return out


def _memory_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {}
    if p.get("sessionIdType") == "customKey" and "sessionKey" in p:
        out["session_key"] = c.back(p["sessionKey"])
    _opt(p, "contextWindowLength", out, "window_size", _ident)
    return out


def _code_tool_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {"name": p.get("name", ""), "description": p.get("description", "")}
    if p.get("language") == "python":
        out["language"] = "python"
        out["pythonCode"] = p.get("code", "")
    else:
        if "language" in p:
            out["language"] = "javaScript"
        out["jsCode"] = p.get("code", "")
    return out


def _code_tool_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {"name": p.get("name", ""), "description": p.get("description", "")}
    if p.get("language") == "python":
        out["language"] = "python"
        out["code"] = p.get("pythonCode", "")
    else:
        if "language" in p:
            out["language"] = "javascript"
        out["code"] = p.get("jsCode", "")
    return out


def _http_tool_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {"toolDescription": p.get("description", "")}
    _opt(p, "method", out, "method", _ident)
    out["url"] = c.out(p.get("url", ""))
    if isinstance(p.get("headers"), dict):
        out["sendHeaders"] = True
        out["parametersHeaders"] = {
            "values": [
                {"name": k, "valueProvider": "fieldValue", "value": c.out(v)}
                for k, v in p["headers"].items()
            ]
        }
    if p.get("body") is not None:
        out["sendBody"] = True
        out["specifyBody"] = "json"
        out["jsonBody"] = _json_text(p["body"], c)
    return out


def _http_tool_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("method", "GET") not in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        return None
    out: Params = {"description": p.get("toolDescription", ""), "url": c.back(p.get("url", ""))}
    _opt(p, "method", out, "method", _ident)
    values = _get(p, "parametersHeaders", "values")
    if p.get("sendHeaders") and isinstance(values, list):
        out["headers"] = {
            v["name"]: str(c.back(v.get("value", "")))
            for v in values
            if isinstance(v, dict) and isinstance(v.get("name"), str)
        }
    if p.get("sendBody") and p.get("specifyBody") == "json":
        out["body"] = _json_back(p.get("jsonBody", ""), c)
    return out


def _workflow_tool_fwd(p: Params, c: Ctx) -> Params:
    return {
        "name": p.get("name", ""),
        "description": p.get("description", ""),
        "workflowId": rl(c.out(p.get("workflow_id", "")), "id"),
    }


def _workflow_tool_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("source", "database") != "database":
        return None
    wid = rl_value(p.get("workflowId", ""))
    return {
        "workflow_id": c.back(wid if isinstance(wid, str) else str(wid)),
        "name": p.get("name", ""),
        "description": p.get("description", ""),
    }


# --- the table -----------------------------------------------------------------------------


def _operation(*ops: str | None) -> Callable[[Params], bool]:
    return lambda p: p.get("operation") in ops


def _message_post(p: Params) -> bool:
    return _is_op(p, "resource", None, "message") and _is_op(p, "operation", None, "post")


def _sheets_read(p: Params) -> bool:
    return _is_op(p, "resource", None, "sheet") and _is_op(p, "operation", None, "read")


def _telegram_send(p: Params) -> bool:
    return _is_op(p, "resource", None, "message") and _is_op(p, "operation", None, "sendMessage")


def _gmail_send(p: Params) -> bool:
    return _is_op(p, "resource", None, "message") and _is_op(p, "operation", None, "send")


def _webhook_auth(p: Params) -> bool:
    return p.get("authentication") == "webhook"


def _loop_outputs(_: Params) -> list[str]:
    return ["done", "loop"]


def _if_outputs(_: Params) -> list[str]:
    return ["true", "false"]


_TABLE = [
    Translator("manual_trigger", _empty_fwd, _empty_rev),
    Translator("error_trigger", _empty_fwd, _empty_rev),
    Translator("schedule_trigger", _schedule_fwd, _schedule_rev),
    Translator("webhook_trigger", _webhook_fwd, _webhook_rev, webhook=True),
    Translator("app_event_trigger", _app_event_fwd, webhook=True),
    Translator("chat_trigger", _chat_fwd, _chat_rev, webhook=True),
    Translator("rss_trigger", _rss_fwd, _rss_rev),
    Translator("http_request", _http_fwd, _http_rev, min_version=3),
    Translator("web_page_check", _web_page_fwd),
    Translator("set_fields", _set_fwd, _set_rev, min_version=3.3),
    Translator("text_template", _template_fwd),
    Translator("code", _code_fwd, _code_rev),
    Translator("limit", _limit_fwd, _limit_rev),
    Translator("aggregate", _aggregate_fwd, _aggregate_rev),
    Translator("sort", _sort_fwd, _sort_rev),
    Translator("remove_duplicates", _dedupe_fwd, _dedupe_rev, min_version=2),
    Translator("date_time", _date_fwd),
    Translator("read_file", _read_file_fwd, _read_file_rev, accepts=_operation(None, "read")),
    Translator("write_file", _write_file_fwd, _write_file_rev, accepts=_operation("write")),
    Translator("discord_message", _discord_fwd, _discord_rev, min_version=2, accepts=_webhook_auth),
    Translator("microsoft_teams_message", _teams_fwd),
    Translator("notion_create_page", _notion_fwd),
    Translator("airtable_create_record", _airtable_fwd),
    Translator("split_out", _split_fwd, _split_rev),
    Translator("html_extract", _html_fwd, _html_rev, min_version=1.2),
    Translator("postgres_query", _query_fwd, _query_rev, min_version=2),
    Translator("mysql_query", _query_fwd, _query_rev, min_version=2),
    Translator(
        "send_email", _email_fwd, _email_rev, min_version=2, accepts=_operation(None, "send")
    ),
    Translator("gmail_send", _gmail_fwd, _gmail_rev, min_version=2, accepts=_gmail_send),
    Translator("slack_message", _slack_fwd, _slack_rev, min_version=2, accepts=_message_post),
    Translator(
        "telegram_message", _telegram_fwd, _telegram_rev, min_version=1.1, accepts=_telegram_send
    ),
    Translator(
        "google_sheets_append",
        _sheets_append_fwd,
        _sheets_append_rev,
        min_version=4,
        accepts=_operation("append"),
    ),
    Translator(
        "google_sheets_read",
        _sheets_read_fwd,
        _sheets_read_rev,
        min_version=4,
        accepts=_sheets_read,
    ),
    Translator("webhook_response", _respond_fwd, _respond_rev),
    Translator("if", _conditions_fwd, _conditions_rev, min_version=2, outputs=_if_outputs),
    Translator("filter", _conditions_fwd, _conditions_rev, min_version=2),
    Translator(
        "switch", _switch_fwd, _switch_rev, min_version=3, max_version=3.2, outputs=_switch_outputs
    ),
    Translator("merge", _merge_fwd, _merge_rev, min_version=3),
    Translator("loop", _loop_fwd, _loop_rev, min_version=3, outputs=_loop_outputs),
    Translator("wait", _wait_fwd, _wait_rev, webhook=True),
    Translator("stop_and_error", _stop_fwd, _stop_rev, outputs=_no_outputs),
    Translator("no_op", _empty_fwd, _empty_rev),
    Translator(
        "approval_email",
        _approval_email_fwd,
        _approval_email_rev,
        min_version=2.1,
        accepts=_send_and_wait,
        outputs=_approval_outputs,
        webhook=True,
    ),
    Translator(
        "approval_slack",
        _approval_slack_fwd,
        _approval_slack_rev,
        min_version=2.3,
        accepts=_send_and_wait,
        outputs=_approval_outputs,
        webhook=True,
    ),
    Translator("form_review", _form_review_fwd, outputs=_approval_outputs, webhook=True),
    Translator("ai_agent", _agent_fwd, _agent_rev),
    Translator("llm_chat", _chain_fwd, _chain_rev),
    Translator("buffer_memory", _memory_fwd, _memory_rev),
    Translator("calculator_tool", _empty_fwd, _empty_rev),
    Translator("wikipedia_tool", _empty_fwd, _empty_rev),
    Translator("code_tool", _code_tool_fwd, _code_tool_rev, min_version=1.1),
    Translator("http_tool", _http_tool_fwd, _http_tool_rev),
    Translator("workflow_tool", _workflow_tool_fwd, _workflow_tool_rev, min_version=1.2),
]
TRANSLATORS: dict[str, Translator] = {t.subtype: t for t in _TABLE}

MODEL_KEYS = {"model": "model", "temperature": "temperature", "max_tokens": "maxTokens"}
"""Our AI parameters that live on n8n's language-model sub-node (``options.<name>``)."""


_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")


def fallback_forward(spec: NodeSpec, params: Params, ctx: Ctx) -> Params:
    """Best-effort n8n parameters for a subtype without a translator.

    Each of our parameters goes to the n8n path its catalog mapping note starts with (the
    note ``"toEmail (operation sendAndWait)"`` puts ``to`` at ``toEmail``); parameters whose
    note is not a plain path are left to the round-trip note.
    """
    out: Params = {}
    notes = spec.n8n.parameters if spec.n8n is not None else {}
    for key, value in params.items():
        note = notes.get(key, "")
        token = note.split(" ")[0].split("(")[0] if note else ""
        if not token or not _PATH.fullmatch(token):
            continue
        cur = out
        parts = token.split(".")
        for part in parts[:-1]:
            nxt = cur.setdefault(part, {})
            if not isinstance(nxt, dict):
                break
            cur = nxt
        else:
            cur[parts[-1]] = to_n8n_deep(value, ctx.names)
    return out


def reverse_deep(value: Any, ctx: Ctx) -> Any:
    return from_n8n_deep(value, ctx.ids)
