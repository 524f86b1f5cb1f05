"""Actions on data: HTTP, Set, Code, the item-list nodes, dates, files, HTML, SQL, responses."""

from __future__ import annotations

import json
import re
from typing import Any

from flowsmith.n8n.expr import stable_uuid, to_n8n_string
from flowsmith.n8n.nodes.base import (
    Ctx,
    F,
    FieldMap,
    Params,
    Translator,
    as_dict,
    as_list,
    flip,
    get,
    ident,
    is_bool,
    is_str,
    json_back,
    json_text,
    mapped,
    operation,
    opt,
    pairs,
    unpairs,
)

AUTH_TYPES = {"basic": "httpBasicAuth", "bearer": "httpBearerAuth", "header": "httpHeaderAuth"}
_BODY_FORMATS = {"json": "json", "form": "form-urlencoded", "raw": "raw"}
_RESPONSE_FORMATS = {"json": "json", "text": "text", "binary": "file"}


def _http_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    opt(p, "method", out, "method", ident)
    out["url"] = c.out(p.get("url", ""))
    auth = p.get("authentication")
    if auth in AUTH_TYPES:
        out["authentication"] = "genericCredentialType"
        out["genericAuthType"] = AUTH_TYPES[auth]
    elif auth == "none":
        out["authentication"] = "none"
    if isinstance(p.get("query"), dict):
        out["sendQuery"] = True
        out["queryParameters"] = {"parameters": pairs(p["query"], c)}
    if isinstance(p.get("headers"), dict):
        out["sendHeaders"] = True
        out["headerParameters"] = {"parameters": pairs(p["headers"], c)}
    if p.get("body") is not None:
        fmt = p.get("body_format", "json")
        body = p["body"]
        out["sendBody"] = True
        if "body_format" in p:
            out["contentType"] = _BODY_FORMATS[fmt]
        if fmt == "raw":
            out["rawContentType"] = "text/plain"
            out["body"] = json_text(body, c)
        elif fmt == "form" and isinstance(body, dict):
            out["bodyParameters"] = {"parameters": pairs(body, c)}
        elif fmt == "form":
            out["specifyBody"] = "string"
            out["body"] = json_text(body, c)
        else:
            out["specifyBody"] = "json"
            out["jsonBody"] = json_text(body, c)
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
        ours = flip(AUTH_TYPES).get(p.get("genericAuthType", ""))
        if ours is not None:
            out["authentication"] = ours
    elif auth == "none":
        out["authentication"] = "none"
    if p.get("sendQuery"):
        if p.get("specifyQuery") == "json":
            query = json_back(p.get("jsonQuery", ""), c)
            if isinstance(query, dict):
                out["query"] = query
        else:
            query = unpairs(p.get("queryParameters", {"parameters": []}), c)
            if query is not None:
                out["query"] = query
    if p.get("sendHeaders") and p.get("specifyHeaders", "keypair") == "keypair":
        headers = unpairs(p.get("headerParameters", {"parameters": []}), c)
        if headers is not None:
            out["headers"] = {
                k: v if isinstance(v, str) else json.dumps(v) for k, v in headers.items()
            }
    if p.get("sendBody"):
        ctype = p.get("contentType", "json")
        fmt = flip(_BODY_FORMATS).get(ctype)
        if fmt is None:
            return None  # multipart / binary bodies
        if "contentType" in p:
            out["body_format"] = fmt
        if ctype == "raw":
            out["body"] = c.back(p.get("body", ""))
        elif p.get("specifyBody") == "json":
            out["body"] = json_back(p.get("jsonBody", ""), c)
        elif p.get("specifyBody") == "string":
            out["body"] = c.back(p.get("body", ""))
        else:
            out["body"] = unpairs(p.get("bodyParameters", {"parameters": []}), c) or {}
    options = as_dict(p.get("options"))
    fmt = get(options, "response", "response", "responseFormat")
    if isinstance(fmt, str) and fmt in flip(_RESPONSE_FORMATS):
        out["response_format"] = flip(_RESPONSE_FORMATS)[fmt]
    timeout = options.get("timeout")
    if isinstance(timeout, int | float) and not isinstance(timeout, bool) and timeout >= 1000:
        out["timeout_seconds"] = max(1, min(300, round(timeout / 1000)))
    return out


# a real, working stand-in: fetch the page as text (the note keeps what it really is)
_WEB_PAGE = FieldMap(
    (F("url", conv="expr", default=""),),
    static={"options": {"response": {"response": {"responseFormat": "text"}}}},
)

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
    fields = as_dict(p.get("fields"))
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
    items = get(p, "assignments", "assignments")
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
    opt(p, "mode", out, "mode", _CODE_MODES.__getitem__)
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
        mode = flip(_CODE_MODES).get(p["mode"])
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


_LIMIT = FieldMap(
    (
        F("max_items", "maxItems", in_default=1),
        F("keep", values={"first": "firstItems", "last": "lastItems"}),
    )
)

_SPLIT_OUT = FieldMap(
    (
        F("field", "fieldToSplitOut", default=""),
        F(
            "include",
            values={
                "none": "noOtherFields",
                "all_other_fields": "allOtherFields",
                "selected_fields": "selectedOtherFields",
            },
        ),
        F("destination_field", "options.destinationFieldName", check=is_str),
    ),
    static={"options": {}},
)


def _html_fwd(p: Params, c: Ctx) -> Params:
    values = []
    for ex in p.get("extractions", []):
        item: Params = {"key": ex.get("key", ""), "cssSelector": ex.get("css_selector", "")}
        if "attribute" in ex:
            item["returnValue"] = "attribute"
            item["attribute"] = ex["attribute"]
        opt(ex, "return_array", item, "returnArray", ident)
        values.append(item)
    out: Params = {"operation": "extractHtmlContent"}
    opt(p, "source_field", out, "dataPropertyName", ident)
    out["extractionValues"] = {"values": values}
    out["options"] = {}
    return out


def _html_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("operation") != "extractHtmlContent" or p.get("sourceData", "json") != "json":
        return None
    values = get(p, "extractionValues", "values")
    if not isinstance(values, list):
        return None
    extractions = []
    for v in values:
        if not isinstance(v, dict):
            return None
        ex: Params = {"key": v.get("key", ""), "css_selector": v.get("cssSelector", "")}
        if v.get("returnValue") == "attribute":
            ex["attribute"] = v.get("attribute", "")
        opt(v, "returnArray", ex, "return_array", ident)
        extractions.append(ex)
    out: Params = {"extractions": extractions}
    opt(p, "dataPropertyName", out, "source_field", ident)
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
    replacement = get(p, "options", "queryReplacement")
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
        for op in as_list(p.get("operations"))
        if isinstance(op, dict)
    ]
    out: Params = {"fieldsToSummarize": {"values": values}}
    if p.get("group_by"):
        out["fieldsToSplitBy"] = ",".join(str(g) for g in p["group_by"])
    out["options"] = {}
    return out


def _aggregate_rev(p: Params, c: Ctx) -> Params | None:
    ops = []
    for v in as_list(get(p, "fieldsToSummarize", "values")):
        if not isinstance(v, dict):
            return None
        op = flip(_AGGREGATIONS).get(v.get("aggregation", "count"))
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
    for f in as_list(p.get("fields")):
        if isinstance(f, dict):
            item: Params = {"fieldName": f.get("field", "")}
            opt(f, "order", item, "order", {"asc": "ascending", "desc": "descending"}.__getitem__)
            fields.append(item)
    return {"sortFieldsUi": {"sortField": fields}, "options": {}}


def _sort_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("type", "simple") != "simple":
        return None
    fields = []
    for f in as_list(get(p, "sortFieldsUi", "sortField")):
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


_ACROSS_RUNS = "removeItemsSeenInPreviousExecutions"


def _dedupe_fwd(p: Params, c: Ctx) -> Params:
    if p.get("scope") == "previous_runs":
        # n8n keeps the keys it saw in its own store, between the workflow's runs
        return {
            "operation": _ACROSS_RUNS,
            "logic": "removeItemsWithAlreadySeenKeyValues",
            "dedupeValue": c.out(p.get("dedupe_value") or "{{ $json.id }}"),
            "options": {},
        }
    out: Params = {}
    opt(p, "compare", out, "compare", _COMPARE.__getitem__)
    if p.get("fields"):
        out["fieldsToCompare"] = ",".join(str(f) for f in p["fields"])
    out["options"] = {}
    return out


def _dedupe_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("operation") == _ACROSS_RUNS:
        if p.get("logic", "removeItemsWithAlreadySeenKeyValues") != (
            "removeItemsWithAlreadySeenKeyValues"
        ):
            return None
        key = p.get("dedupeValue")
        return {"scope": "previous_runs", **({"dedupe_value": c.back(key)} if key else {})}
    if p.get("operation", "removeDuplicateInputItems") != "removeDuplicateInputItems":
        return None
    out: Params = {}
    if "compare" in p:
        compare = flip(_COMPARE).get(p["compare"])
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
        opt(p, "unit", out, "timeUnit", ident)
        opt(p, "amount", out, "duration", ident)
    if op == "difference":
        out["startDate"] = c.out(p.get("value", ""))
        out["endDate"] = c.out(p.get("end_value", ""))
        if "unit" in p:
            out["units"] = [str(p["unit"]).rstrip("s")]
    if op == "extract" and p.get("part") in ("year", "month", "week", "day", "hour", "minute"):
        out["part"] = p["part"]
    opt(p, "output_field", out, "outputFieldName", ident)
    options: Params = {}
    if op == "now" and "timezone" in p:
        options["timezone"] = p["timezone"]
    out["options"] = options
    return out


_READ_FILE = FieldMap((F("path", "fileSelector", "expr", default=""),), static={"options": {}})
_WRITE_FILE = FieldMap(
    (F("path", "fileName", "expr", default=""), F("append", "options.append", check=is_bool)),
    static={"operation": "write", "options": {}},
)

_RESPOND = {
    "first_item": "firstIncomingItem",
    "all_items": "allIncomingItems",
    "json": "json",
    "text": "text",
    "no_data": "noData",
}


def _respond_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    opt(p, "respond_with", out, "respondWith", _RESPOND.__getitem__)
    if "body" in p and p["body"] is not None:
        out["responseBody"] = json_text(p["body"], c)
    options: Params = {}
    opt(p, "status_code", options, "responseCode", ident)
    if isinstance(p.get("headers"), dict):
        options["responseHeaders"] = {
            "entries": [{"name": k, "value": c.out(v)} for k, v in p["headers"].items()]
        }
    out["options"] = options
    return out


def _respond_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {}
    if "respondWith" in p:
        mode = flip(_RESPOND).get(p["respondWith"])
        if mode is None:
            return None
        out["respond_with"] = mode
    if "responseBody" in p:
        body = p["responseBody"]
        out["body"] = json_back(body, c) if p.get("respondWith") == "json" else c.back(body)
    options = as_dict(p.get("options"))
    opt(options, "responseCode", out, "status_code", ident)
    entries = get(options, "responseHeaders", "entries")
    if isinstance(entries, list):
        out["headers"] = {
            e["name"]: c.back(e.get("value", ""))
            for e in entries
            if isinstance(e, dict) and isinstance(e.get("name"), str)
        }
    return out


TABLE = [
    Translator("http_request", _http_fwd, _http_rev, min_version=3),
    mapped("web_page_check", _WEB_PAGE, both=False),
    Translator("set_fields", _set_fwd, _set_rev, min_version=3.3),
    Translator("text_template", _template_fwd),
    Translator("code", _code_fwd, _code_rev),
    mapped("limit", _LIMIT),
    Translator("aggregate", _aggregate_fwd, _aggregate_rev),
    Translator("sort", _sort_fwd, _sort_rev),
    Translator("remove_duplicates", _dedupe_fwd, _dedupe_rev, min_version=2),
    Translator("date_time", _date_fwd),
    mapped("read_file", _READ_FILE, accepts=operation(None, "read")),
    mapped("write_file", _WRITE_FILE, accepts=operation("write")),
    mapped("split_out", _SPLIT_OUT),
    Translator("html_extract", _html_fwd, _html_rev, min_version=1.2),
    Translator("postgres_query", _query_fwd, _query_rev, min_version=2),
    Translator("mysql_query", _query_fwd, _query_rev, min_version=2),
    Translator("webhook_response", _respond_fwd, _respond_rev),
]
