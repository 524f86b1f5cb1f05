"""External actions with a per-action subtype of their own (email, chat apps, sheets…).

App nodes (``subtype`` = an app id) translate through :mod:`flowsmith.n8n.apps` instead.
"""

from __future__ import annotations

import json

from flowsmith.n8n.expr import rl, rl_value
from flowsmith.n8n.nodes.base import (
    Ctx,
    F,
    FieldMap,
    Params,
    Translator,
    as_dict,
    get,
    ident,
    is_op,
    mapped,
    operation,
    opt,
)

DEFAULT_FROM_EMAIL = "flowsmith@example.com"
"""n8n's Send Email node requires ``fromEmail``; ours defaults to the credential's address.

Exported when a node of ours has no ``from``: a literal, not ``{{ $env.… }}``, because n8n
2.x blocks ``$env`` in expressions unless ``N8N_BLOCK_ENV_ACCESS_IN_NODE=false`` (the
expression then fails with "access to env vars denied", whatever its fallback), and
``$vars`` needs n8n's licensed Variables feature. n8n runs the node with it; whether the SMTP
server accepts the sender is the server's call, so set ``from`` (or edit the node in n8n)
to the account's address. An import reads this value back as "no ``from``".
"""


def from_email(p: Params, c: Ctx) -> str:
    return str(c.out(p.get("from", DEFAULT_FROM_EMAIL)))


def from_email_back(p: Params, c: Ctx, out: Params) -> None:
    if "fromEmail" in p and p["fromEmail"] != DEFAULT_FROM_EMAIL:
        out["from"] = c.back(p["fromEmail"])


def _email_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {"fromEmail": from_email(p, c)}
    out["toEmail"] = c.out(p.get("to", ""))
    out["subject"] = c.out(p.get("subject", ""))
    html = bool(p.get("html", False))
    out["emailFormat"] = "html" if html else "text"
    out["html" if html else "text"] = c.out(p.get("body", ""))
    options: Params = {}
    opt(p, "cc", options, "ccEmail", c.out)
    opt(p, "bcc", options, "bccEmail", c.out)
    out["options"] = options
    return out


def _email_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {"to": c.back(p.get("toEmail", "")), "subject": c.back(p.get("subject", ""))}
    from_email_back(p, c, out)
    fmt = p.get("emailFormat", "text" if c.type_version < 2.1 else "html")
    if fmt in ("html", "both"):
        out["html"] = True
        out["body"] = c.back(p.get("html", ""))
    else:
        out["body"] = c.back(p.get("text", ""))
    options = as_dict(p.get("options"))
    opt(options, "ccEmail", out, "cc", c.back)
    opt(options, "bccEmail", out, "bcc", c.back)
    return out


def _gmail_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {
        "sendTo": c.out(p.get("to", "")),
        "subject": c.out(p.get("subject", "")),
        "emailType": "html" if p.get("html") else "text",
        "message": c.out(p.get("body", "")),
    }
    options: Params = {}
    opt(p, "cc", options, "ccList", c.out)
    opt(p, "bcc", options, "bccList", c.out)
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
    options = as_dict(p.get("options"))
    opt(options, "ccList", out, "cc", c.back)
    opt(options, "bccList", out, "bcc", c.back)
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
    ts = get(p, "otherOptions", "thread_ts", "replyValues", "thread_ts")
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


_DISCORD = FieldMap(
    (F("content", conv="expr", default=""), F("username", "options.username", "expr")),
    static={"authentication": "webhook", "options": {}},
)

_TEAMS = FieldMap(
    (
        F("team_id", "teamId", "expr", default="", rl="id"),
        F("channel_id", "channelId", "expr", default="", rl="id"),
        F("content_type", "contentType"),
        F("message", conv="expr", default=""),
    ),
    static={"resource": "channelMessage", "options": {}},
)


def _notion_fwd(p: Params, c: Ctx) -> Params:
    if p.get("parent_type", "database") == "page":
        out: Params = {"resource": "page", "pageId": rl(c.out(p.get("parent_id", "")), "id")}
    else:
        out = {"resource": "databasePage", "databaseId": rl(c.out(p.get("parent_id", "")), "id")}
    out["title"] = c.out(p.get("title", ""))
    out["options"] = {}
    return out


def _columns(values: dict[str, object], c: Ctx) -> Params:
    return {
        "mappingMode": "defineBelow",
        "value": {k: c.out(v) for k, v in values.items()},
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
            for k in values
        ],
    }


def _airtable_fwd(p: Params, c: Ctx) -> Params:
    return {
        "operation": "create",
        "base": rl(c.out(p.get("base_id", "")), "id"),
        "table": rl(c.out(p.get("table", "")), "name"),
        "columns": _columns(as_dict(p.get("fields")), c),
        "options": {},
    }


_TELEGRAM = FieldMap(
    (
        F("chat_id", "chatId", "expr", default=""),
        F("text", conv="expr", default=""),
        F("parse_mode", "additionalFields.parse_mode", omit=(None, "none")),
        F("disable_notification", "additionalFields.disable_notification"),
    ),
    static={"additionalFields": {}},
)


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
        out["columns"] = _columns(columns, c)
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
        opt(p, "header_row", values, "headerRow", ident)
        opt(p, "range", values, "range", c.out)
        options["dataLocationOnSheet"] = {"values": values}
    out["options"] = options
    return out


def _sheets_read_rev(p: Params, c: Ctx) -> Params | None:
    out = _sheet_target_back(p, c)
    values = get(p, "options", "dataLocationOnSheet", "values")
    if isinstance(values, dict):
        opt(values, "headerRow", out, "header_row", ident)
        opt(values, "range", out, "range", c.back)
    return out


def _message_post(p: Params) -> bool:
    return is_op(p, "resource", None, "message") and is_op(p, "operation", None, "post")


def _sheets_read(p: Params) -> bool:
    return is_op(p, "resource", None, "sheet") and is_op(p, "operation", None, "read")


def _telegram_send(p: Params) -> bool:
    return is_op(p, "resource", None, "message") and is_op(p, "operation", None, "sendMessage")


def _gmail_send(p: Params) -> bool:
    return is_op(p, "resource", None, "message") and is_op(p, "operation", None, "send")


def _webhook_auth(p: Params) -> bool:
    return p.get("authentication") == "webhook"


TABLE = [
    Translator(
        "send_email", _email_fwd, _email_rev, min_version=2, accepts=operation(None, "send")
    ),
    Translator("gmail_send", _gmail_fwd, _gmail_rev, min_version=2, accepts=_gmail_send),
    Translator("slack_message", _slack_fwd, _slack_rev, min_version=2, accepts=_message_post),
    mapped("discord_message", _DISCORD, min_version=2, accepts=_webhook_auth),
    mapped("microsoft_teams_message", _TEAMS, both=False),
    Translator("notion_create_page", _notion_fwd),
    Translator("airtable_create_record", _airtable_fwd),
    mapped("telegram_message", _TELEGRAM, min_version=1.1, accepts=_telegram_send),
    Translator(
        "google_sheets_append",
        _sheets_append_fwd,
        _sheets_append_rev,
        min_version=4,
        accepts=operation("append"),
    ),
    Translator(
        "google_sheets_read",
        _sheets_read_fwd,
        _sheets_read_rev,
        min_version=4,
        accepts=_sheets_read,
    ),
]
