"""Node factories for the rest of a flow: AI steps, conditions, approvals, destinations.

Same rules as ``nodes.py``: catalog parameter names, every required parameter set, names in
the user's language, messages built from the ``Payload`` that reaches the node.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.core.models import Node
from flowsmith.planner.nodes import ALL_JSON, Ids, Payload, make
from flowsmith.planner.plan import ActionSpec, AIStep, ApprovalSpec, ConditionSpec
from flowsmith.planner.text import Lang, pick, slug
from flowsmith.text import text as say

# --- AI ------------------------------------------------------------------------------------


def ai_nodes(
    ids: Ids, step: AIStep, lang: Lang, text: str, request: str
) -> tuple[Node, list[Node], Payload | None]:
    """The AI node, the TOOL/MEMORY nodes it attaches, and what its output carries."""
    if step.kind == "summarize":
        params: dict[str, Any] = {
            "input_text": text,
            "style": "bullets",
            "max_words": 200,
            "language": lang,
        }
        node = make(ids, "summarize", say("planner.steps.summarize", lang), "summarizer", params)
        out = Payload(
            "{{ $json.summary }}", say("planner.steps.summary", lang), "{{ $json.summary }}"
        )
        return node, [], out
    if step.kind == "classify":
        cats = [{"name": c} for c in step.categories or ["urgent", "normal"]]
        params = {"input_text": text, "categories": cats}
        return (
            make(ids, "classify", say("planner.steps.classify", lang), "text_classifier", params),
            [],
            None,
        )
    if step.kind == "sentiment":
        params = {"input_text": text, "include_score": True}
        node = make(
            ids,
            "sentiment",
            say("planner.steps.analyze_sentiment", lang),
            "sentiment_analysis",
            params,
        )
        return node, [], None
    if step.kind == "extract":
        attrs = [
            {"name": "name", "type": "string"},
            {"name": "email", "type": "string"},
            {"name": "summary", "type": "string"},
        ]
        params = {"input_text": text, "attributes": attrs}
        node = make(
            ids,
            "extract_info",
            say("planner.steps.extract_information", lang),
            "information_extractor",
            params,
        )
        return node, [], Payload(ALL_JSON, say("planner.steps.extracted_data", lang), ALL_JSON)
    if step.kind == "agent":
        return _agent(ids, step, lang, text, request)
    if step.kind == "translate":
        target = pick(lang, *_LANG_NAMES.get(step.language or "en", ("English", "英文")))
        prompt = say(
            "planner.steps.translate_the_following_text_into", lang, target=target, text=text
        )
        node = make(
            ids, "translate", say("planner.steps.translate", lang), "llm_chat", {"prompt": prompt}
        )
        return (
            node,
            [],
            Payload("{{ $json.text }}", say("planner.steps.translation", lang), "{{ $json.text }}"),
        )
    prompt = say("planner.steps.analyse_the_following_data_list_the", lang, text=text)
    system = say("planner.steps.you_are_a_concise_data_analyst", lang)
    node = make(
        ids,
        "analyze",
        say("planner.steps.ai_analysis", lang),
        "llm_chat",
        {"prompt": prompt, "system_prompt": system},
    )
    out = Payload("{{ $json.text }}", say("planner.steps.analysis", lang), "{{ $json.text }}")
    return node, [], out


_LANG_NAMES = {
    "en": ("English", "英文"),
    "zh": ("Chinese", "中文"),
    "es": ("Spanish", "西班牙语"),
    "fr": ("French", "法语"),
    "de": ("German", "德语"),
    "ja": ("Japanese", "日语"),
    "ko": ("Korean", "韩语"),
}
_TOOL_PARAMS: dict[str, dict[str, Any]] = {
    "web_search_tool": {"provider": "duckduckgo", "max_results": 5},
    "calculator_tool": {},
    "wikipedia_tool": {"language": "en"},
    "http_tool": {
        "description": "Call the API with a path",
        "url": "https://api.example.com/{path}",
        "method": "GET",
    },
    "code_tool": {
        "name": "run_code",
        "description": "Run a small JavaScript snippet on the query",
        "language": "javascript",
        "code": "return String(query);",
    },
}
_TOOL_NAMES = {
    "web_search_tool": ("Web search", "网页搜索"),
    "calculator_tool": ("Calculator", "计算器"),
    "wikipedia_tool": ("Wikipedia", "维基百科"),
    "http_tool": ("HTTP tool", "HTTP 工具"),
    "code_tool": ("Code tool", "代码工具"),
}


def _agent(
    ids: Ids, step: AIStep, lang: Lang, text: str, request: str
) -> tuple[Node, list[Node], Payload | None]:
    system = say("planner.steps.you_are_a_helpful_assistant_task", lang, request=request)
    params = {"system_prompt": system[:2000], "prompt": text, "max_iterations": 10}
    agent = make(ids, "ai_agent", say("planner.steps.ai_agent", lang), "ai_agent", params)
    attached: list[Node] = []
    for tool in step.tools:
        tparams = dict(_TOOL_PARAMS.get(tool, {}))
        if tool == "wikipedia_tool":
            tparams["language"] = lang
        en, zh = _TOOL_NAMES.get(tool, (tool, tool))
        attached.append(make(ids, tool.removesuffix("_tool"), pick(lang, en, zh), tool, tparams))
    if step.memory:
        attached.append(
            make(
                ids,
                "memory",
                say("planner.steps.chat_memory", lang),
                step.memory,
                {"window_size": 10},
            )
        )
    agent.attached_nodes = [n.id for n in attached]
    return (
        agent,
        attached,
        Payload(
            "{{ $json.output }}", say("planner.steps.agent_answer", lang), "{{ $json.output }}"
        ),
    )


# --- conditions, approval ------------------------------------------------------------------


def condition_params(cond: ConditionSpec, text: str, prefix: str = "") -> dict[str, Any]:
    """One IF/filter condition ``{left, operator, right?}``; ``prefix`` locates item fields."""
    if cond.kind == "in_stock":
        return {"left": "{{ $json.in_stock }}", "operator": "is_true"}
    if cond.kind in ("price_below", "price_above"):
        op = "less_than" if cond.kind == "price_below" else "greater_than"
        left = f"{{{{ $json.{prefix}{cond.field or 'price'} }}}}"
        return {"left": left, "operator": op, "right": cond.value}
    if cond.kind == "category":
        return {
            "left": f"{{{{ $json.{cond.field or 'category'} }}}}",
            "operator": "equals",
            "right": cond.value,
        }
    return {"left": text, "operator": "contains", "right": cond.value}


_FIELD_ZH = {
    "price": "价格",
    "amount": "金额",
    "count": "数量",
    "temperature": "温度",
    "score": "分数",
    "value": "数值",
}


def condition_label(cond: ConditionSpec, lang: Lang) -> tuple[str, str]:
    """(id base, human name) for an IF testing only ``cond``."""
    value = f"{cond.value:g}" if isinstance(cond.value, float) else str(cond.value)
    if cond.kind == "in_stock":
        return "in_stock", say("planner.steps.in_stock", lang)
    if cond.kind in ("price_below", "price_above"):
        field = cond.field or "price"
        below = cond.kind == "price_below"
        en = f"{field.capitalize()} {'below' if below else 'above'} {value}?"
        zh = f"{_FIELD_ZH.get(field, field)}{'低于' if below else '高于'} {value}？"
        return f"{field}_check", pick(lang, en, zh)
    if cond.kind == "category":
        return f"is_{slug(value, 'match')}", say("planner.steps.is_it", lang, value=value)
    return "contains_keyword", say("planner.steps.contains", lang, value=value)


def if_node(
    ids: Ids, conds: list[ConditionSpec], combine: str, lang: Lang, payload: Payload
) -> Node:
    conditions = [condition_params(c, payload.text, payload.prefix) for c in conds]
    params = {"conditions": conditions, "combine": combine}
    base, name = (
        condition_label(conds[0], lang)
        if len(conds) == 1
        else ("check_conditions", say("planner.steps.conditions_met", lang))
    )
    return make(ids, base, name, "if", params)


def switch_node(ids: Ids, conds: list[ConditionSpec], lang: Lang) -> Node:
    field = conds[0].field or "category"
    rules = [{"operator": "equals", "value": c.value} for c in conds[:4]]
    params = {"field": f"{{{{ $json.{field} }}}}", "rules": rules}
    return make(ids, "route", say("planner.steps.route_by", lang, field=field), "switch", params)


def approval_node(ids: Ids, spec: ApprovalSpec, lang: Lang, payload: Payload, title: str) -> Node:
    message = say("planner.steps.please_approve", lang, body=payload.body)
    name = say("planner.steps.manager_approval", lang)
    if spec.kind == "slack":
        params: dict[str, Any] = {
            "channel": spec.approver or "#approvals",
            "message": message,
            "timeout_hours": 24,
        }
        return make(ids, "approval", name, "approval_slack", params)
    if spec.kind == "form":
        params = {
            "title": say("planner.steps.review", lang, title=title),
            "instructions": message,
            "timeout_hours": 24,
        }
        return make(ids, "review", say("planner.steps.review_form", lang), "form_review", params)
    subject = say("planner.steps.approval_needed", lang, title=title)
    params = {
        "to": spec.approver or "manager@example.com",
        "subject": subject,
        "message": message,
        "timeout_hours": 24,
    }
    return make(ids, "approval", name, "approval_email", params)


# --- actions -------------------------------------------------------------------------------

ACTION_SUBTYPES: dict[str, str] = {
    "email": "send_email",
    "gmail": "gmail_send",
    "slack": "slack_message",
    "telegram": "telegram_message",
    "discord": "discord_message",
    "teams": "microsoft_teams_message",
    "sms": "twilio_sms",
    "sheets_append": "google_sheets_append",
    "notion": "notion_create_page",
    "github_issue": "github_create_issue",
    "db_insert": "postgres_query",
    "airtable": "airtable_create_record",
    "webhook_response": "webhook_response",
    "write_file": "write_file",
}
_ACTION_IDS = {
    "email": "send_email",
    "gmail": "send_gmail",
    "slack": "post_slack",
    "telegram": "send_telegram",
    "discord": "post_discord",
    "teams": "post_teams",
    "sms": "send_sms",
    "sheets_append": "append_sheet",
    "notion": "create_notion_page",
    "github_issue": "create_github_issue",
    "db_insert": "insert_row",
    "airtable": "create_airtable_record",
    "webhook_response": "respond",
    "write_file": "write_file",
}
_ACTION_NAMES = {
    "email": ("Send email", "发送邮件"),
    "gmail": ("Send Gmail", "发送 Gmail"),
    "slack": ("Post to Slack", "发送到 Slack"),
    "telegram": ("Send Telegram message", "发送 Telegram 消息"),
    "discord": ("Post to Discord", "发送到 Discord"),
    "teams": ("Post to Teams", "发送到 Teams"),
    "sms": ("Send SMS", "发送短信"),
    "sheets_append": ("Add row to Google Sheets", "写入 Google 表格"),
    "notion": ("Create Notion page", "创建 Notion 页面"),
    "github_issue": ("Create GitHub issue", "创建 GitHub issue"),
    "db_insert": ("Insert into database", "写入数据库"),
    "airtable": ("Create Airtable record", "创建 Airtable 记录"),
    "webhook_response": ("Respond to webhook", "响应 Webhook"),
    "write_file": ("Write file", "写入文件"),
}


def action_node(
    ids: Ids, spec: ActionSpec, lang: Lang, payload: Payload, mysql: bool = False
) -> Node:
    kind = spec.kind
    en, zh = _ACTION_NAMES[kind]
    subtype = ACTION_SUBTYPES[kind]
    if kind == "db_insert" and mysql:
        subtype = "mysql_query"
    params = action_params(spec, payload, mysql)
    return make(ids, _ACTION_IDS[kind], pick(lang, en, zh), subtype, params)


def action_params(spec: ActionSpec, payload: Payload, mysql: bool = False) -> dict[str, Any]:
    """Catalog parameters of the node that delivers ``payload`` to ``spec``'s destination."""
    kind, target = spec.kind, spec.target
    headline = payload.headline and payload.subject not in payload.body
    text = f"{payload.subject}\n{payload.body}" if headline else payload.body
    if kind in ("email", "gmail"):
        return {"to": target or "you@example.com", "subject": payload.subject, "body": payload.body}
    if kind == "slack":
        return {"channel": target or "#general", "text": text}
    if kind == "telegram":
        return {"chat_id": target or "YOUR_CHAT_ID", "text": text}
    if kind == "discord":
        return {"content": text}
    if kind == "teams":
        return {
            "team_id": "YOUR_TEAM_ID",
            "channel_id": target or "YOUR_CHANNEL_ID",
            "message": text,
        }
    if kind == "sms":
        return {"to": target or "+15555550100", "from": "+15555550199", "message": text}
    if kind == "sheets_append":
        return {"spreadsheet_id": target or "YOUR_SPREADSHEET_ID", "sheet_name": "Sheet1"}
    if kind == "notion":
        return {
            "parent_id": target or "YOUR_NOTION_DATABASE_ID",
            "title": payload.subject,
            "content": payload.body,
        }
    if kind == "github_issue":
        owner, _, repo = (target or "your-org/your-repo").partition("/")
        return {
            "owner": owner,
            "repository": repo or "your-repo",
            "title": payload.subject,
            "body": payload.body,
        }
    if kind == "db_insert":
        table = re.sub(r"[^A-Za-z0-9_]", "_", target or "workflow_events")
        mark = "?" if mysql else "$1"
        return {"query": f"INSERT INTO {table} (payload) VALUES ({mark})", "parameters": [ALL_JSON]}
    if kind == "airtable":
        base, _, table = (target or "appYOUR_BASE_ID/Table 1").partition("/")
        return {
            "base_id": base,
            "table": table or "Table 1",
            "fields": {"Summary": payload.subject, "Details": payload.body},
        }
    if kind == "webhook_response":
        return {"respond_with": "first_item", "status_code": 200}
    return {"path": target or "/data/output.json", "format": "json"}
