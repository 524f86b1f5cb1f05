"""Resolution: an ``Understanding`` plus sensible defaults becomes a buildable ``Intent``.

Every default filled in here is recorded as an assumption in the user's language, so the
reply can say exactly what the planner guessed. Nothing downstream adds defaults the user
is not told about (catalog defaults of optional parameters aside).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flowsmith.planner import vocab as v
from flowsmith.planner.intent import Understanding
from flowsmith.planner.parse_recipient import person_recipient
from flowsmith.planner.plan import (
    ActionKind,
    ActionSpec,
    AIStep,
    ApprovalSpec,
    ConditionSpec,
    Intent,
    SourceSpec,
    TriggerSpec,
)
from flowsmith.planner.schedule import DAILY_9, HOURLY, describe
from flowsmith.planner.text import Lang, pick
from flowsmith.text import text as say

PLACEHOLDER_EMAIL = "you@example.com"
PLACEHOLDER_FEED = "https://example.com/feed.xml"
PLACEHOLDER_API = "https://api.example.com/data"
PLACEHOLDER_PAGE = "https://example.com/page"
PLACEHOLDER_PRICE = 100.0
DEFAULT_CATEGORIES = ["urgent", "normal"]
_TEXT_STEPS = frozenset({"summarize", "classify", "extract", "sentiment", "translate"})
_PER_ITEM = re.compile(
    r"\beach (customer|user|subscriber|lead|contact|person|recipient|applicant)|"
    r"\b(customers|users|subscribers|leads|contacts|applicants)\b|每(个|位)(客户|用户|联系人)|申请人",
    re.IGNORECASE,
)
_SENTIMENTS = frozenset({"negative", "positive", "neutral"})
_MAX_SWITCH_RULES = 4  # the catalog's switch has output_0..output_3 + fallback

# Per destination: the default target and how to tell the user about it (en, zh).
# the default target of each channel; its note is planner.resolve.target.<kind>
_TARGETS: dict[ActionKind, str] = {
    "slack": "#general",
    "telegram": "YOUR_CHAT_ID",
    "teams": "YOUR_CHANNEL_ID",
    "sms": "+15555550100",
    "sheets_append": "YOUR_SPREADSHEET_ID",
    "notion": "YOUR_NOTION_DATABASE_ID",
    "github_issue": "your-org/your-repo",
    "db_insert": "workflow_events",
    "airtable": "appYOUR_BASE_ID/Table 1",
    "write_file": "/data/output.json",
}


@dataclass
class _Notes:
    lang: Lang
    items: list[str] = field(default_factory=list)

    def add(self, key: str, /, **fields: object) -> None:
        """Add the note ``key`` (a ``planner.*`` text), in the plan's language."""
        self.add_pair(say(key, "en", **fields), say(key, "zh", **fields))

    def add_pair(self, en: str, zh: str) -> None:
        """Add a note whose parts differ by language; every other note is a key (:meth:`add`)."""
        text = pick(self.lang, en, zh)
        if text not in self.items:
            self.items.append(text)


def resolve(u: Understanding) -> tuple[Intent, list[str]]:
    """The intent ``u`` asks for with every gap filled, and the assumptions made (in order)."""
    notes = _Notes(u.lang)
    intent = Intent(topic=u.topic, trigger=TriggerSpec(kind="manual"))
    intent.sources = _sources(u, notes)
    intent.trigger = _trigger(u, intent, notes)
    intent.transforms = list(u.transforms)
    if u.topic == "data_analysis" and not intent.transforms:
        intent.transforms = ["aggregate"]
        notes.add("planner.resolve.the_data_is_aggregated_row_count")
    intent.limit = u.limit
    intent.loop = u.loop
    intent.ai = _ai(u, notes)
    intent.wait = u.wait
    intent.approval = _approval(u, notes)
    _conditions_and_routes(u, intent, notes)
    intent.actions = _actions(u, intent, notes)
    _product(u, intent, notes)
    _message(u, intent, notes)
    return intent, notes.items


def _trigger(u: Understanding, intent: Intent, notes: _Notes) -> TriggerSpec:
    if u.trigger is not None:
        trig = u.trigger.model_copy()
        if trig.kind == "rss" and not trig.url:
            trig.url = PLACEHOLDER_FEED
            notes.add(
                "planner.resolve.rss_feed_url_is_a_placeholder", placeholder_feed=PLACEHOLDER_FEED
            )
        if trig.kind == "form":
            notes.add("planner.resolve.the_form_has_two_fields_name")
        if trig.kind == "webhook":
            notes.add("planner.resolve.the_webhook_listens_for_post_requests")
        return trig
    if u.topic == "agent":
        notes.add("planner.resolve.started_from_a_chat_message")
        return TriggerSpec(kind="chat")
    polling = bool(intent.sources) or u.topic in ("store_monitor", "data_analysis", "digest")
    if not polling and any(s.kind in _TEXT_STEPS for s in u.ai):
        # classify/summarise/extract with no source: the texts have to come from somewhere
        notes.add("planner.resolve.items_arrive_through_a_webhook_post")
        return TriggerSpec(kind="webhook")
    if not polling:
        notes.add("planner.resolve.started_manually_no_trigger_was_named")
        return TriggerSpec(kind="manual")
    schedule = DAILY_9 if u.topic in ("data_analysis", "digest") else HOURLY
    notes.add_pair(
        f"Runs {describe(schedule, 'en')} (no schedule was named)",
        f"未指定频率：{describe(schedule, 'zh')} 运行一次",
    )
    return TriggerSpec(kind="schedule", schedule=schedule)


def _sources(u: Understanding, notes: _Notes) -> list[SourceSpec]:
    sources = [s.model_copy() for s in u.sources]
    if u.topic == "store_monitor" and not any(s.kind in ("store", "page") for s in sources):
        sources.insert(0, SourceSpec(kind="page", url=v.GENERIC_STORE.placeholder_url))
        notes.add(
            "planner.resolve.no_store_was_named_one_product",
            placeholder_url=v.GENERIC_STORE.placeholder_url,
        )
    event_started = u.trigger is not None and u.trigger.kind not in ("schedule", "manual")
    if u.topic == "data_analysis" and not sources and not event_started:
        sources.append(SourceSpec(kind="sheets"))
        notes.add("planner.resolve.data_is_read_from_a_google")
    placeholder_stores = [s for s in sources if s.kind == "store" and not s.url]
    if placeholder_stores:
        names = ", ".join(v.STORE_BY_KEY[s.store or ""].name for s in placeholder_stores)
        notes.add("planner.resolve.product_urls_for_are_placeholders_replace", names=names)
    for s in sources:
        _source_default(s, notes)
    return sources


def _source_default(s: SourceSpec, notes: _Notes) -> None:
    if s.kind == "feed" and not s.url:
        s.url = PLACEHOLDER_FEED
        notes.add(
            "planner.resolve.rss_feed_url_is_a_placeholder", placeholder_feed=PLACEHOLDER_FEED
        )
    elif s.kind == "api" and not s.url:
        s.url = PLACEHOLDER_API
        notes.add("planner.resolve.api_url_is_a_placeholder", placeholder_api=PLACEHOLDER_API)
    elif s.kind in ("scrape", "page") and not s.url:
        s.url = PLACEHOLDER_PAGE
        notes.add(
            "planner.resolve.web_page_url_is_a_placeholder", placeholder_page=PLACEHOLDER_PAGE
        )
    elif s.kind == "sheets":
        notes.add("planner.resolve.spreadsheet_id_is_a_placeholder_your")
    elif s.kind in ("postgres", "mysql"):
        notes.add("planner.resolve.the_query_reads_select_from_your")


def _ai(u: Understanding, notes: _Notes) -> list[AIStep]:
    steps = [s.model_copy(deep=True) for s in u.ai]
    if u.topic == "data_analysis" and not steps:
        steps.append(AIStep(kind="analyze"))
    for step in steps:
        if step.kind == "classify" and not step.categories:
            qualifiers = _qualifiers(u)
            step.categories = [*qualifiers, "other"] if qualifiers else list(DEFAULT_CATEGORIES)
            if not qualifiers:
                notes.add(
                    "planner.resolve.categories_edit_them_to_match",
                    value=", ".join(step.categories),
                )
        if step.kind == "extract":
            notes.add("planner.resolve.fields_extracted_name_email_summary_edit")
        if step.kind == "agent" and not step.tools:
            step.tools = ["web_search_tool"]
            notes.add("planner.resolve.the_agent_gets_a_web_search")
    return steps


def _qualifiers(u: Understanding) -> list[str]:
    return list(dict.fromkeys(a.qualifier for a in u.actions if a.qualifier))


def _approval(u: Understanding, notes: _Notes) -> ApprovalSpec | None:
    if u.approval is None:
        return None
    approval = u.approval.model_copy()
    if approval.kind == "email" and not u.approver_named:
        notes.add("planner.resolve.approval_requests_go_by_email_to", approver=approval.approver)
    elif approval.kind == "slack" and not u.approver_named:
        notes.add(
            "planner.resolve.approval_requests_are_posted_in_slack", approver=approval.approver
        )
    notes.add("planner.resolve.without_an_answer_within_24_hours")
    return approval


def _conditions_and_routes(u: Understanding, intent: Intent, notes: _Notes) -> None:
    conditions = [c.model_copy() for c in u.conditions]
    qualifiers = _qualifiers(u)
    if not conditions and qualifiers:
        ai_kinds = {s.kind for s in intent.ai}
        if "sentiment" in ai_kinds and set(qualifiers) <= _SENTIMENTS:
            conditions = [
                ConditionSpec(kind="category", value=q, field="sentiment") for q in qualifiers
            ]
        else:
            if "classify" not in ai_kinds:
                intent.ai.append(AIStep(kind="classify", categories=[*qualifiers, "other"]))
                notes.add(
                    "planner.resolve.an_ai_classifier_sorts_items_into",
                    value=", ".join([*qualifiers, "other"]),
                )
            conditions = [
                ConditionSpec(kind="category", value=q, field="category") for q in qualifiers
            ]
    if u.topic == "store_monitor" and not conditions:
        conditions = [_default_store_condition(u, notes)]
    for c in conditions:
        if c.kind in ("price_below", "price_above") and c.field is None:
            c.field = "price"
    intent.conditions = conditions[:_MAX_SWITCH_RULES]
    intent.combine = "or" if u.combine == "or" else "and"
    categories = [c for c in conditions if c.kind == "category"]
    intent.route = "switch" if len(categories) > 1 else "if"


def _default_store_condition(u: Understanding, notes: _Notes) -> ConditionSpec:
    if v.PRICE_WORD.search(u.text.lower()) and not v.IN_STOCK.search(u.text.lower()):
        notes.add(
            "planner.resolve.alerts_when_the_price_drops_below", placeholder_price=PLACEHOLDER_PRICE
        )
        return ConditionSpec(kind="price_below", value=PLACEHOLDER_PRICE, field="price")
    notes.add("planner.resolve.alerts_when_the_product_is_in")
    return ConditionSpec(kind="in_stock")


def _actions(u: Understanding, intent: Intent, notes: _Notes) -> list[ActionSpec]:
    mentions = list(u.actions)
    specs: list[ActionSpec] = []
    for m in mentions:
        specs.append(ActionSpec(kind=m.kind, branch=_branch(intent, m.otherwise, m.qualifier)))
    wants_output = (
        intent.conditions
        or u.notify
        or intent.ai
        or u.topic in ("store_monitor", "data_analysis", "digest")
    )
    if not specs and wants_output and u.topic != "agent":
        specs.append(ActionSpec(kind="email", branch=_branch(intent, False, None)))
        notes.add("planner.resolve.no_channel_was_named_results_are")
    for spec in specs:
        spec.target = _target(u, spec.kind, notes)
    return specs


def _branch(intent: Intent, otherwise: bool, qualifier: str | None) -> str:
    if not intent.conditions:
        return "main"
    if intent.route == "switch":
        if otherwise:
            return "fallback"
        values = [c.value for c in intent.conditions]
        return f"output_{values.index(qualifier)}" if qualifier in values else "output_0"
    return "false" if otherwise else "true"


def _target(u: Understanding, kind: ActionKind, notes: _Notes) -> str | None:
    if kind in ("email", "gmail"):
        approver = u.approval.approver if u.approval and u.approver_named else None
        recipients = [e for e in u.emails if e != approver]
        if recipients:
            return recipients[0]
        person = person_recipient(u.text)  # "they get a welcome email", "回复发件人"
        if person is not None or _PER_ITEM.search(u.text):
            notes.add("planner.resolve.each_email_goes_to_the_address")
            return person or "{{ $json.email }}"
        notes.add(
            "planner.resolve.emails_go_to_placeholder_address", placeholder_email=PLACEHOLDER_EMAIL
        )
        return PLACEHOLDER_EMAIL
    if kind == "slack" and u.channels:
        return u.channels[-1] if u.approval and u.approval.kind == "slack" else u.channels[0]
    if kind == "sms" and u.phones:
        notes.add("planner.resolve.the_twilio_sender_number_is_a")
        return u.phones[0]
    if kind == "github_issue" and u.repo:
        return "/".join(u.repo)
    if kind in ("webhook_response", "discord"):
        return None
    default = _TARGETS.get(kind)
    if default is None:
        return None
    notes.add(f"planner.resolve.target.{kind}")
    return default


def _message(u: Understanding, intent: Intent, notes: _Notes) -> None:
    """A manual start with no source and no AI has nothing to send: compose a message."""
    if intent.trigger.kind != "manual" or intent.sources or intent.ai or not intent.actions:
        return
    if u.quoted:
        intent.message = u.quoted
        return
    intent.message = say("planner.resolve.write_your_message_here", u.lang)
    notes.add("planner.resolve.the_message_text_is_a_placeholder")


def _product(u: Understanding, intent: Intent, notes: _Notes) -> None:
    if u.quoted and intent.topic == "store_monitor":
        intent.product_name = u.quoted
    elif intent.topic == "store_monitor":
        intent.product_name = say("planner.resolve.your_product", u.lang)
        notes.add("planner.resolve.product_name_is_a_placeholder", product_name=intent.product_name)


def title_for(u: Understanding, intent: Intent) -> str:
    """A short workflow name derived from the request, in the user's language."""
    lang = u.lang
    if intent.topic == "store_monitor":
        stores = [v.STORE_BY_KEY[s.store].name for s in intent.sources if s.store in v.STORE_BY_KEY]
        price = any(c.kind.startswith("price") for c in intent.conditions)
        head = pick(
            lang, "Price monitor" if price else "Stock monitor", "价格监控" if price else "库存监控"
        )
        sep = say("planner.resolve.text", lang)
        return head + (sep + say("planner.resolve.text_2", lang).join(stores) if stores else "")
    fixed = {
        "data_analysis": ("Data analysis report", "数据分析报告"),
        "digest": ("RSS digest", "RSS 摘要"),
        "triage": ("Triage and routing", "分类与分发"),
        "agent": ("AI agent", "AI 智能体"),
    }
    if intent.topic in fixed:
        en, zh = fixed[intent.topic]
        return pick(lang, en, zh)
    outs = [action_label(a.kind, lang) for a in intent.actions][:3]
    if intent.approval is not None and outs:
        joined = " + ".join(outs)
        return say("planner.resolve.with_approval", lang, joined=joined)
    trig = trigger_label(intent.trigger, lang)
    if not outs:
        outs = [step_label(s.kind, lang) for s in intent.ai][:2]
    return f"{trig} → {' + '.join(outs)}" if outs else trig


_TRIGGER_LABELS = {
    "webhook": ("Webhook", "Webhook"),
    "email": ("Incoming email", "收到邮件"),
    "form": ("Form submission", "表单提交"),
    "manual": ("Manual run", "手动运行"),
    "rss": ("New RSS item", "RSS 新条目"),
    "chat": ("Chat message", "聊天消息"),
    "error": ("Workflow error", "工作流出错"),
    "app_event": ("App event", "应用事件"),
}
_ACTION_LABELS: dict[str, tuple[str, str]] = {
    "email": ("Email", "邮件"),
    "gmail": ("Gmail", "Gmail"),
    "slack": ("Slack", "Slack"),
    "telegram": ("Telegram", "Telegram"),
    "discord": ("Discord", "Discord"),
    "teams": ("Microsoft Teams", "Microsoft Teams"),
    "sms": ("SMS", "短信"),
    "sheets_append": ("Google Sheets", "Google 表格"),
    "notion": ("Notion", "Notion"),
    "github_issue": ("GitHub issue", "GitHub issue"),
    "db_insert": ("Database", "数据库"),
    "airtable": ("Airtable", "Airtable"),
    "webhook_response": ("Webhook response", "Webhook 响应"),
    "write_file": ("File", "文件"),
}
_STEP_LABELS = {
    "summarize": ("Summary", "摘要"),
    "classify": ("Classification", "分类"),
    "extract": ("Extraction", "信息提取"),
    "sentiment": ("Sentiment", "情感分析"),
    "translate": ("Translation", "翻译"),
    "analyze": ("AI analysis", "AI 分析"),
    "agent": ("AI agent", "AI 智能体"),
}


def trigger_label(trigger: TriggerSpec, lang: Lang) -> str:
    if trigger.kind == "schedule" and trigger.schedule is not None:
        text = describe(trigger.schedule, lang)
        return text[:1].upper() + text[1:]
    if trigger.kind == "app_event":
        return f"{(trigger.app or 'app').capitalize()} {trigger.event or 'event'}"
    en, zh = _TRIGGER_LABELS.get(trigger.kind, ("Trigger", "触发"))
    return pick(lang, en, zh)


def action_label(kind: str, lang: Lang) -> str:
    en, zh = _ACTION_LABELS.get(kind, (kind, kind))
    return pick(lang, en, zh)


def step_label(kind: str, lang: Lang) -> str:
    en, zh = _STEP_LABELS.get(kind, (kind, kind))
    return pick(lang, en, zh)
