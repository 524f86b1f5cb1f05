"""Node factories: one plan element -> one catalog-conformant node (id, name, parameters).

Parameter names follow the catalog (``flowsmith/workflows/catalog/*.json``); every required
parameter is set. Ids are readable slugs made unique by ``Ids``; names are in the user's
language. Message texts use ``{{ $json.… }}`` expressions over the incoming item.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from flowsmith.agent import vocab as v
from flowsmith.agent.plan import (
    ActionSpec,
    AIStep,
    ApprovalSpec,
    ConditionSpec,
    SourceSpec,
    TransformKind,
    TriggerSpec,
    WaitSpec,
)
from flowsmith.agent.resolve import trigger_label
from flowsmith.agent.schedule import Schedule, describe
from flowsmith.agent.text import Lang, pick, slug
from flowsmith.workflows.models import Node, NodeFamily

ALL_JSON = "{{ JSON.stringify($json) }}"
_WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
_FAMILY: dict[str, NodeFamily] = {}


def _families() -> dict[str, NodeFamily]:
    """subtype -> family, from the catalog when it loads, else from the fixed name list."""
    if not _FAMILY:
        try:
            from flowsmith.workflows.catalog import load_catalog

            _FAMILY.update({s.subtype: s.family for s in load_catalog()})
        except Exception:  # the catalog is optional at import time; fall back to names
            _FAMILY.update(_FALLBACK_FAMILIES)
    return _FAMILY


_FALLBACK_FAMILIES: dict[str, NodeFamily] = {
    **dict.fromkeys(
        [
            "manual_trigger",
            "schedule_trigger",
            "webhook_trigger",
            "email_trigger",
            "form_trigger",
            "chat_trigger",
            "rss_trigger",
            "error_trigger",
            "app_event_trigger",
        ],
        NodeFamily.TRIGGER,
    ),
    **dict.fromkeys(
        [
            "http_request",
            "web_page_check",
            "html_extract",
            "set_fields",
            "aggregate",
            "sort",
            "remove_duplicates",
            "limit",
            "split_out",
            "date_time",
            "text_template",
            "code",
            "read_file",
            "write_file",
        ],
        NodeFamily.ACTION,
    ),
    **dict.fromkeys(
        [
            "send_email",
            "gmail_send",
            "slack_message",
            "telegram_message",
            "discord_message",
            "microsoft_teams_message",
            "twilio_sms",
            "google_sheets_append",
            "google_sheets_read",
            "notion_create_page",
            "github_create_issue",
            "postgres_query",
            "mysql_query",
            "airtable_create_record",
            "webhook_response",
        ],
        NodeFamily.EXTERNAL_ACTION,
    ),
    **dict.fromkeys(
        [
            "ai_agent",
            "llm_chat",
            "text_classifier",
            "information_extractor",
            "summarizer",
            "sentiment_analysis",
        ],
        NodeFamily.AI_AGENT,
    ),
    **dict.fromkeys(
        ["if", "switch", "merge", "loop", "filter", "wait", "stop_and_error", "no_op"],
        NodeFamily.FLOW,
    ),
    **dict.fromkeys(["approval_email", "approval_slack", "form_review"], NodeFamily.HUMAN_IN_THE_LOOP),
    **dict.fromkeys(
        [
            "http_tool",
            "calculator_tool",
            "code_tool",
            "web_search_tool",
            "wikipedia_tool",
            "workflow_tool",
        ],
        NodeFamily.TOOL,
    ),
    **dict.fromkeys(["buffer_memory", "postgres_memory", "redis_memory"], NodeFamily.MEMORY),
}


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
        type=_families().get(subtype, NodeFamily.ACTION),
        subtype=subtype,
        parameters=params,
    )


@dataclass
class Payload:
    """What the item flowing at a point carries: its main text and a ready message."""

    text: str
    subject: str
    body: str


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
            return {"interval": "weeks", "every": 1, "weekday": _WEEKDAYS[int(dow)], "at_time": at}
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
        return Schedule(kind="cron", cron=f"{int(minute or 0)} {int(hour or 9)} * * {dow}")
    return None


def schedule_name(schedule: Schedule, lang: Lang) -> str:
    text = describe(schedule, lang)
    return text[:1].upper() + text[1:]


def trigger_node(ids: Ids, spec: TriggerSpec, lang: Lang, title: str, responds: bool) -> Node:
    if spec.kind == "schedule":
        sched = spec.schedule or Schedule(kind="interval", minutes=60)
        return make(ids, "schedule", schedule_name(sched, lang), "schedule_trigger", schedule_params(sched))
    name = trigger_label(spec, lang)
    if spec.kind == "webhook":
        params: dict[str, Any] = {"path": "incoming", "method": "POST"}
        if responds:
            params["response_mode"] = "response_node"
        return make(ids, "webhook", name, "webhook_trigger", params)
    if spec.kind == "email":
        return make(ids, "email_received", name, "email_trigger", {"mailbox": "INBOX", "filter": "UNSEEN"})
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
        what = pick(lang, "New order" if order else "New request", "新订单" if order else "收到新请求")
        body_expr = "{{ JSON.stringify($json.body) }}"
        return Payload(body_expr, what, f"{what}: {body_expr}")
    if spec.kind == "email":
        subject = pick(lang, "New email: {{ $json.subject }}", "新邮件：{{ $json.subject }}")
        body = pick(lang, "From {{ $json.from }}", "发件人 {{ $json.from }}")
        return Payload("{{ $json.text }}", subject, body + "\n\n{{ $json.text }}")
    if spec.kind == "form":
        subject = pick(lang, "New form submission", "新的表单提交")
        return Payload(ALL_JSON, subject, "{{ $json.Name }}: {{ $json.Message }}")
    if spec.kind == "rss":
        return Payload("{{ $json.content }}", "{{ $json.title }}", "{{ $json.title }}\n{{ $json.link }}")
    if spec.kind == "chat":
        return Payload("{{ $json.chatInput }}", title, "{{ $json.chatInput }}")
    if spec.kind == "error":
        subject = pick(lang, "Workflow failed: {{ $json.workflow.name }}", "工作流失败：{{ $json.workflow.name }}")
        body = "{{ $json.execution.error.message }}\n{{ $json.execution.url }}"
        return Payload("{{ $json.execution.error.message }}", subject, body)
    return Payload(ALL_JSON, title, f"{title}: {ALL_JSON}")


# --- sources -------------------------------------------------------------------------------


def source_nodes(ids: Ids, spec: SourceSpec, lang: Lang, product: str) -> list[Node]:
    """The chain of nodes reading one source (usually one node; a scrape is two)."""
    if spec.kind in ("store", "page"):
        store = v.STORE_BY_KEY.get(spec.store or "") or v.store_for_url(spec.url or "")
        store = store or v.GENERIC_STORE
        url = spec.url or store.placeholder_url
        params = {"url": url, "store": store.catalog, "product_name": product}
        base = f"check_{store.key}" if store.key != "generic" else "check_page"
        label = store.name if store.key != "generic" else pick(lang, "product page", "商品页面")
        name = pick(lang, f"Check {label}", f"检查 {label}")
        return [make(ids, base, name, "web_page_check", params)]
    if spec.kind == "feed":
        params = {"url": spec.url, "method": "GET", "response_format": "text"}
        return [make(ids, "fetch_feed", pick(lang, "Fetch RSS feed", "获取 RSS"), "http_request", params)]
    if spec.kind == "scrape":
        fetch = make(
            ids,
            "fetch_page",
            pick(lang, "Fetch web page", "获取网页"),
            "http_request",
            {"url": spec.url, "method": "GET", "response_format": "text"},
        )
        extractions = [
            {"key": "title", "css_selector": "title"},
            {"key": "text", "css_selector": "body"},
        ]
        extract = make(
            ids,
            "extract_content",
            pick(lang, "Extract page content", "提取网页内容"),
            "html_extract",
            {"source_field": "body", "extractions": extractions},
        )
        return [fetch, extract]
    if spec.kind == "sheets":
        params = {"spreadsheet_id": "YOUR_SPREADSHEET_ID", "sheet_name": "Sheet1"}
        return [make(ids, "read_sheet", pick(lang, "Read Google Sheet", "读取 Google 表格"), "google_sheets_read", params)]
    if spec.kind in ("postgres", "mysql"):
        subtype = "mysql_query" if spec.kind == "mysql" else "postgres_query"
        params = {"query": "SELECT * FROM your_table LIMIT 100"}
        return [make(ids, "query_db", pick(lang, "Query database", "查询数据库"), subtype, params)]
    params = {"url": spec.url, "method": "GET"}
    return [make(ids, "fetch_data", pick(lang, "Fetch data", "获取数据"), "http_request", params)]


def source_payload(spec: SourceSpec, lang: Lang, title: str) -> Payload:
    if spec.kind in ("store", "page"):
        body = "{{ $json.product_name }} @ {{ $json.store }}: {{ $json.price }} {{ $json.currency }}"
        return Payload("{{ $json.title }}", title, body + "\n{{ $json.url }}")
    if spec.kind == "feed":
        return Payload("{{ $json.body }}", title, "{{ $json.body }}")
    if spec.kind == "scrape":
        return Payload("{{ $json.text }}", "{{ $json.title }}", "{{ $json.title }}\n{{ $json.text }}")
    if spec.kind == "api":
        expr = "{{ JSON.stringify($json.body) }}"
        return Payload(expr, title, expr)
    return Payload(ALL_JSON, title, ALL_JSON)


def merge_node(ids: Ids, lang: Lang) -> Node:
    return make(ids, "merge_results", pick(lang, "Merge results", "合并结果"), "merge", {"mode": "append"})


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
        return make(ids, "aggregate", pick(lang, "Aggregate data", "汇总数据"), "aggregate", params)
    if kind == "sort":
        field = {"field": "price", "order": "asc"} if store else {"field": "date", "order": "desc"}
        return make(ids, "sort", pick(lang, "Sort items", "排序"), "sort", {"fields": [field]})
    if kind == "remove_duplicates":
        params = {"compare": "all_fields"}
        return make(ids, "remove_duplicates", pick(lang, "Remove duplicates", "去重"), "remove_duplicates", params)
    if kind == "limit":
        params = {"max_items": limit or 10, "keep": "first"}
        return make(ids, "limit", pick(lang, "Keep the first items", "保留前几项"), "limit", params)
    if kind == "split_out":
        params = {"field": "items", "include": "all_other_fields"}
        return make(ids, "split_out", pick(lang, "Split into items", "拆分条目"), "split_out", params)
    if kind == "code":
        params = {"language": "javascript", "code": "return $input.all();", "mode": "all_items"}
        return make(ids, "code", pick(lang, "Custom code", "自定义代码"), "code", params)
    params = {"template": body, "output_field": "text"}
    return make(ids, "format_text", pick(lang, "Format message", "格式化消息"), "text_template", params)


def loop_node(ids: Ids, lang: Lang) -> Node:
    return make(ids, "loop_items", pick(lang, "Loop over items", "逐条处理"), "loop", {"batch_size": 1})


def wait_node(ids: Ids, spec: WaitSpec, lang: Lang) -> Node:
    units_zh = {"seconds": "秒", "minutes": "分钟", "hours": "小时", "days": "天"}
    name = pick(lang, f"Wait {spec.amount} {spec.unit}", f"等待 {spec.amount} {units_zh[spec.unit]}")
    params = {"mode": "interval", "amount": spec.amount, "unit": spec.unit}
    return make(ids, "wait", name, "wait", params)


# --- AI ------------------------------------------------------------------------------------


def ai_nodes(
    ids: Ids, step: AIStep, lang: Lang, text: str, request: str
) -> tuple[Node, list[Node], Payload | None]:
    """The AI node, the TOOL/MEMORY nodes it attaches, and what its output carries."""
    if step.kind == "summarize":
        params: dict[str, Any] = {"input_text": text, "style": "bullets", "max_words": 200, "language": lang}
        node = make(ids, "summarize", pick(lang, "Summarize", "生成摘要"), "summarizer", params)
        out = Payload("{{ $json.summary }}", pick(lang, "Summary", "摘要"), "{{ $json.summary }}")
        return node, [], out
    if step.kind == "classify":
        cats = [{"name": c} for c in step.categories or ["urgent", "normal"]]
        params = {"input_text": text, "categories": cats}
        return make(ids, "classify", pick(lang, "Classify", "AI 分类"), "text_classifier", params), [], None
    if step.kind == "sentiment":
        params = {"input_text": text, "include_score": True}
        node = make(ids, "sentiment", pick(lang, "Analyze sentiment", "情感分析"), "sentiment_analysis", params)
        return node, [], None
    if step.kind == "extract":
        attrs = [
            {"name": "name", "type": "string"},
            {"name": "email", "type": "string"},
            {"name": "summary", "type": "string"},
        ]
        params = {"input_text": text, "attributes": attrs}
        node = make(ids, "extract_info", pick(lang, "Extract information", "提取信息"), "information_extractor", params)
        return node, [], Payload(ALL_JSON, pick(lang, "Extracted data", "提取结果"), ALL_JSON)
    if step.kind == "agent":
        return _agent(ids, step, lang, text, request)
    if step.kind == "translate":
        target = step.language or "en"
        prompt = pick(lang, f"Translate the following text into {target}:\n\n{text}", f"请把下面的内容翻译成 {target}：\n\n{text}")
        node = make(ids, "translate", pick(lang, "Translate", "翻译"), "llm_chat", {"prompt": prompt})
        return node, [], Payload("{{ $json.text }}", pick(lang, "Translation", "翻译结果"), "{{ $json.text }}")
    prompt = pick(
        lang,
        f"Analyse the following data. List the key insights, trends and anomalies.\n\n{text}",
        f"请分析以下数据，列出关键洞察、趋势和异常：\n\n{text}",
    )
    system = pick(lang, "You are a concise data analyst.", "你是一名简洁专业的数据分析师。")
    node = make(ids, "analyze", pick(lang, "AI analysis", "AI 分析"), "llm_chat", {"prompt": prompt, "system_prompt": system})
    out = Payload("{{ $json.text }}", pick(lang, "Analysis", "分析结果"), "{{ $json.text }}")
    return node, [], out


_TOOL_PARAMS: dict[str, dict[str, Any]] = {
    "web_search_tool": {"provider": "duckduckgo", "max_results": 5},
    "calculator_tool": {},
    "wikipedia_tool": {"language": "en"},
    "http_tool": {"description": "Call the API with a path", "url": "https://api.example.com/{path}", "method": "GET"},
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
    system = pick(lang, f"You are a helpful assistant. Task: {request}", f"你是一个乐于助人的助手。任务：{request}")
    params = {"system_prompt": system[:2000], "prompt": text, "max_iterations": 10}
    agent = make(ids, "ai_agent", pick(lang, "AI agent", "AI 智能体"), "ai_agent", params)
    attached: list[Node] = []
    for tool in step.tools:
        tparams = dict(_TOOL_PARAMS.get(tool, {}))
        if tool == "wikipedia_tool":
            tparams["language"] = lang
        en, zh = _TOOL_NAMES.get(tool, (tool, tool))
        attached.append(make(ids, tool.removesuffix("_tool"), pick(lang, en, zh), tool, tparams))
    if step.memory:
        attached.append(make(ids, "memory", pick(lang, "Chat memory", "对话记忆"), step.memory, {"window_size": 10}))
    agent.attached_nodes = [n.id for n in attached]
    return agent, attached, Payload("{{ $json.output }}", pick(lang, "Agent answer", "智能体回复"), "{{ $json.output }}")


# --- conditions, approval ------------------------------------------------------------------


def condition_params(cond: ConditionSpec, text: str) -> dict[str, Any]:
    """One IF/filter condition ``{left, operator, right?}``."""
    if cond.kind == "in_stock":
        return {"left": "{{ $json.in_stock }}", "operator": "is_true"}
    if cond.kind in ("price_below", "price_above"):
        op = "less_than" if cond.kind == "price_below" else "greater_than"
        return {"left": f"{{{{ $json.{cond.field or 'price'} }}}}", "operator": op, "right": cond.value}
    if cond.kind == "category":
        return {"left": f"{{{{ $json.{cond.field or 'category'} }}}}", "operator": "equals", "right": cond.value}
    return {"left": text, "operator": "contains", "right": cond.value}


def condition_label(cond: ConditionSpec, lang: Lang) -> tuple[str, str]:
    """(id base, human name) for an IF testing only ``cond``."""
    value = f"{cond.value:g}" if isinstance(cond.value, float) else str(cond.value)
    if cond.kind == "in_stock":
        return "in_stock", pick(lang, "In stock?", "是否有货？")
    if cond.kind == "price_below":
        return "price_check", pick(lang, f"Price below {value}?", f"价格低于 {value}？")
    if cond.kind == "price_above":
        return "price_check", pick(lang, f"Price above {value}?", f"价格高于 {value}？")
    if cond.kind == "category":
        return f"is_{slug(value, 'match')}", pick(lang, f"Is it {value}?", f"是否为 {value}？")
    return "contains_keyword", pick(lang, f"Contains '{value}'?", f"是否包含“{value}”？")


def if_node(ids: Ids, conds: list[ConditionSpec], combine: str, lang: Lang, text: str) -> Node:
    params = {"conditions": [condition_params(c, text) for c in conds], "combine": combine}
    base, name = condition_label(conds[0], lang) if len(conds) == 1 else ("check_conditions", pick(lang, "Conditions met?", "是否满足条件？"))
    return make(ids, base, name, "if", params)


def switch_node(ids: Ids, conds: list[ConditionSpec], lang: Lang) -> Node:
    field = conds[0].field or "category"
    rules = [{"operator": "equals", "value": c.value} for c in conds[:4]]
    params = {"field": f"{{{{ $json.{field} }}}}", "rules": rules}
    return make(ids, "route", pick(lang, f"Route by {field}", f"按 {field} 分流"), "switch", params)


def approval_node(ids: Ids, spec: ApprovalSpec, lang: Lang, payload: Payload, title: str) -> Node:
    message = pick(lang, f"Please approve: {payload.body}", f"请审批：{payload.body}")
    name = pick(lang, "Manager approval", "主管审批")
    if spec.kind == "slack":
        params: dict[str, Any] = {"channel": spec.approver or "#approvals", "message": message, "timeout_hours": 24}
        return make(ids, "approval", name, "approval_slack", params)
    if spec.kind == "form":
        params = {"title": pick(lang, f"Review: {title}", f"审核：{title}"), "instructions": message, "timeout_hours": 24}
        return make(ids, "review", pick(lang, "Review form", "审核表单"), "form_review", params)
    subject = pick(lang, f"Approval needed: {title}", f"需要审批：{title}")
    params = {"to": spec.approver or "manager@example.com", "subject": subject, "message": message, "timeout_hours": 24}
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


def action_node(ids: Ids, spec: ActionSpec, lang: Lang, payload: Payload, mysql: bool = False) -> Node:
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
    text = f"{payload.subject}\n{payload.body}" if payload.subject not in payload.body else payload.body
    if kind in ("email", "gmail"):
        return {"to": target or "you@example.com", "subject": payload.subject, "body": payload.body}
    if kind == "slack":
        return {"channel": target or "#general", "text": text}
    if kind == "telegram":
        return {"chat_id": target or "YOUR_CHAT_ID", "text": text}
    if kind == "discord":
        return {"content": text}
    if kind == "teams":
        return {"team_id": "YOUR_TEAM_ID", "channel_id": target or "YOUR_CHANNEL_ID", "message": text}
    if kind == "sms":
        return {"to": target or "+15555550100", "from": "+15555550199", "message": text}
    if kind == "sheets_append":
        return {"spreadsheet_id": target or "YOUR_SPREADSHEET_ID", "sheet_name": "Sheet1"}
    if kind == "notion":
        return {"parent_id": target or "YOUR_NOTION_DATABASE_ID", "title": payload.subject, "content": payload.body}
    if kind == "github_issue":
        owner, _, repo = (target or "your-org/your-repo").partition("/")
        return {"owner": owner, "repository": repo or "your-repo", "title": payload.subject, "body": payload.body}
    if kind == "db_insert":
        table = re.sub(r"[^A-Za-z0-9_]", "_", target or "workflow_events")
        mark = "?" if mysql else "$1"
        return {"query": f"INSERT INTO {table} (payload) VALUES ({mark})", "parameters": [ALL_JSON]}
    if kind == "airtable":
        base, _, table = (target or "appYOUR_BASE_ID/Table 1").partition("/")
        return {"base_id": base, "table": table or "Table 1", "fields": {"Summary": payload.subject, "Details": payload.body}}
    if kind == "webhook_response":
        return {"respond_with": "json", "body": {"ok": True}, "status_code": 200}
    return {"path": target or "/data/output.json", "format": "json"}


def describe_params(params: dict[str, Any]) -> str:
    """Compact JSON for replies and debugging (stable key order)."""
    return json.dumps(params, ensure_ascii=False, sort_keys=True)
