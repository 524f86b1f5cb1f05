"""The offline planner's create path: request → frame → workflow, structure asserted.

Each test goes through ``decide`` / ``build`` (what a user meets) or ``parse_request`` +
``compile_frame`` and checks the graph: which node sits behind which condition output, what
feeds what, and which catalog app / resource / operation a named service became.
"""

from __future__ import annotations

import itertools

import pytest

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Node, Workflow
from flowsmith.core.validate import validate_workflow
from flowsmith.planner.compile import compile_frame
from flowsmith.planner.frame import Branch, ServiceStep
from flowsmith.planner.offline import build, decide
from flowsmith.planner.parse import parse_request
from tests.planner.frames import needs as _needs

CATALOG = load_catalog()


def make(text: str) -> Workflow:
    decision = decide(text, [], None)
    assert decision.kind == "generate", decision.reply
    assert decision.request is not None
    wf = build(decision.request, None)
    errors = [f for f in validate_workflow(wf) if f.severity == "error"]
    assert not errors, [f.message for f in errors]
    return wf


def one(wf: Workflow, subtype: str, **params: object) -> Node:
    found = [
        n
        for n in wf.nodes
        if n.subtype == subtype and all(n.parameters.get(k) == v for k, v in params.items())
    ]
    assert len(found) == 1, (subtype, params, [(n.subtype, n.parameters) for n in wf.nodes])
    return found[0]


def feeds(wf: Workflow, node: Node) -> set[tuple[str, str]]:
    return {(c.from_node, c.from_output) for c in wf.connections if c.to_node == node.id}


def upstream(wf: Workflow, node: Node) -> set[str]:
    """Every node id with a path to ``node``."""
    seen: set[str] = set()
    todo = [node.id]
    while todo:
        cur = todo.pop()
        for c in wf.connections:
            if c.to_node == cur and c.from_node not in seen:
                seen.add(c.from_node)
                todo.append(c.from_node)
    return seen


def trigger(wf: Workflow) -> Node:
    ts = [n for n in wf.nodes if n.type.value == "TRIGGER"]
    assert len(ts) == 1
    return ts[0]


# --- the requests --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Check https://status.example.com every 5 minutes and text me only if it is down",
        "每5分钟检查 https://status.example.com ，如果宕机就给我发短信",
    ],
)
def test_status_check_texts_only_when_down(text: str) -> None:
    _needs("twilio")
    wf = make(text)
    assert trigger(wf).parameters == {"interval": "minutes", "every": 5}
    http = one(wf, "http_request", url="https://status.example.com", method="GET")
    assert feeds(wf, http) == {(trigger(wf).id, "main")}
    cond = one(wf, "if")
    assert feeds(wf, cond) == {(http.id, "main")}
    lefts = {c["left"] for c in cond.parameters["conditions"]}
    assert "{{ $json.statusCode }}" in lefts and cond.parameters["combine"] == "or"
    assert http.on_error == "continue"  # a failed request reaches the condition
    sms = one(wf, "twilio", resource="sms", operation="send")
    assert feeds(wf, sms) == {(cond.id, "true")}


@pytest.mark.parametrize(
    "text",
    [
        "When a new row is added to my Google Sheet 'Leads', if the budget is over 10000 send "
        "the lead to Slack #sales and add it to HubSpot, otherwise email me",
        "新的一行添加到谷歌表格时，如果预算超过10000，发到Slack并添加到HubSpot，否则发邮件给我",
    ],
)
def test_sheet_lead_routing(text: str) -> None:
    _needs("google_sheets", "slack", "hubspot")
    wf = make(text)
    t = trigger(wf)
    assert t.subtype == "google_sheets_trigger" and t.parameters["event"] == "rowAdded"
    cond = one(wf, "if")
    assert cond.parameters["conditions"] == [
        {"left": "{{ $json.budget }}", "operator": "greater_than", "right": 10000}
    ]
    assert feeds(wf, cond) == {(t.id, "main")}
    slack = one(wf, "slack", resource="message", operation="post")
    hubspot = one(wf, "hubspot")
    assert hubspot.parameters["resource"] == "contact"
    email = one(wf, "send_email")
    # both writes read the lead itself behind the true branch; email only on the false one
    assert feeds(wf, slack) == {(cond.id, "true")}
    assert feeds(wf, hubspot) == {(cond.id, "true")}
    assert feeds(wf, email) == {(cond.id, "false")}
    if "#sales" in text:
        assert slack.parameters["channel"] == "#sales"


@pytest.mark.parametrize(
    "text",
    [
        "Every weekday at 9am, fetch the top 10 Hacker News stories and post them to Slack",
        "每个工作日早上9点获取Hacker News前10条热门并发到Slack",
    ],
)
def test_hacker_news_to_slack(text: str) -> None:
    _needs("slack")
    wf = make(text)
    t = trigger(wf)
    assert t.subtype == "schedule_trigger" and t.parameters["cron"] == "0 9 * * 1-5"
    fetch = one(wf, "http_request")
    assert "Hacker News" in fetch.name
    limit = one(wf, "limit", max_items=10)
    slack = one(wf, "slack", operation="post")
    assert feeds(wf, fetch) == {(t.id, "main")}
    assert feeds(wf, limit) == {(fetch.id, "main")}
    assert feeds(wf, slack) == {(limit.id, "main")}


@pytest.mark.parametrize(
    "text",
    [
        "When someone stars my GitHub repository, post a thank-you in Discord",
        "当有人给我的GitHub仓库加星时，在Discord发一条感谢消息",
    ],
)
def test_github_star_to_discord(text: str) -> None:
    _needs("github", "discord")
    wf = make(text)
    t = trigger(wf)
    assert t.subtype == "github_trigger" and t.parameters["event"] == "star"
    discord = one(wf, "discord", resource="message", operation="send")
    assert feeds(wf, discord) == {(t.id, "main")}
    assert len(wf.nodes) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Every hour get the price from https://api.example.com/price, if it is under 100 "
        "email me, if it is over 200 post to Slack, otherwise add a row to Google Sheets",
        "每小时获取 https://api.example.com/price 的价格，如果价格低于100就发邮件给我，"
        "如果高于200就发到Slack，否则在谷歌表格里添加一行",
    ],
)
def test_three_way_price_switch(text: str) -> None:
    _needs("slack", "google_sheets")
    wf = make(text)
    assert not [n for n in wf.nodes if n.subtype == "if"]  # never one IF with < 100 AND > 200
    route = one(wf, "switch")
    assert route.parameters["field"] == "{{ $json.price }}"
    assert route.parameters["rules"] == [
        {"operator": "less_than", "value": 100},
        {"operator": "greater_than", "value": 200},
    ]
    assert feeds(wf, one(wf, "send_email")) == {(route.id, "output_0")}
    assert feeds(wf, one(wf, "slack")) == {(route.id, "output_1")}
    sheets = one(wf, "google_sheets", operation="append")
    assert feeds(wf, sheets) == {(route.id, "fallback")}
    fetch = one(wf, "http_request")
    assert feeds(wf, route) == {(fetch.id, "main")}


@pytest.mark.parametrize(
    "text",
    [
        "Every Friday read this week's rows from the Expenses sheet and email me the total",
        "每周五读取Expenses表格本周的数据，把合计发邮件给我",
    ],
)
def test_weekly_expense_total(text: str) -> None:
    _needs("google_sheets")
    wf = make(text)
    t = trigger(wf)
    assert t.subtype == "schedule_trigger"
    assert t.parameters.get("weekday") == "friday" or t.parameters.get("cron", "").endswith(" 5")
    read = one(wf, "google_sheets", operation="read")
    total = one(wf, "aggregate")
    assert total.parameters["operations"][0]["operation"] == "sum"
    email = one(wf, "send_email")
    assert feeds(wf, read) == {(t.id, "main")}
    assert feeds(wf, total) == {(read.id, "main")}
    assert feeds(wf, email) == {(total.id, "main")}
    assert "sum_" in email.parameters["body"]  # it sends the total the aggregate computed


@pytest.mark.parametrize(
    ("text", "app", "resource", "operations"),
    [
        ("create a Jira issue when a Typeform is submitted", "jira", "issue", {"create"}),
        ("copy new Marketo leads to Salesforce", "salesforce", "lead", {"create", "upsert"}),
        ("post it in our 钉钉 group", "dingtalk", None, None),
        ("save the file to Box", "box", "file", {"upload"}),
        ("send an Outlook mail", "outlook", None, {"send"}),
        ("retrieve ServiceNow incidents every morning", "servicenow", "incident", {"getAll"}),
        ("在钉钉群里发一条消息通知大家", "dingtalk", None, None),
        ("每天早上获取ServiceNow的事件", "servicenow", None, None),
        ("把文件保存到Box", "box", "file", {"upload"}),
        ("收到Typeform提交时创建一个Jira工单", "jira", "issue", {"create"}),
    ],
)
def test_named_services_get_their_app_node(
    text: str, app: str, resource: str | None, operations: set[str] | None
) -> None:
    _needs(app)
    wf = make(text)
    node = one(wf, app)
    if resource is not None:
        assert node.parameters["resource"] == resource
    if operations is not None:
        assert node.parameters["operation"] in operations


def test_typeform_trigger_and_marketo_source() -> None:
    _needs("typeform", "jira", "marketo", "salesforce")
    wf = make("create a Jira issue when a Typeform is submitted")
    t = trigger(wf)
    assert t.subtype == "typeform_trigger" and t.parameters["event"] == "form_submitted"
    assert feeds(wf, one(wf, "jira")) == {(t.id, "main")}
    wf = make("copy new Marketo leads to Salesforce")
    marketo = next(n for n in wf.nodes if n.subtype.startswith("marketo"))
    assert marketo.id in upstream(wf, one(wf, "salesforce"))


def test_unknown_service_becomes_a_named_http_request() -> None:
    decision = decide(
        "Every morning fetch the latest posts from Frobnicator and email me", [], None
    )
    assert decision.kind == "generate"
    assert any("Frobnicator" in a for a in decision.assumptions)
    assert decision.request is not None
    wf = build(decision.request, None)
    fetch = one(wf, "http_request")
    assert "Frobnicator" in fetch.name
    assert fetch.id in upstream(wf, one(wf, "send_email"))


def test_placeholders_are_named_in_assumptions() -> None:
    _needs("jira")
    decision = decide("create a Jira issue when a Typeform is submitted", [], None)
    assert any("project" in a for a in decision.assumptions)


# --- structure rules ---------------------------------------------------------------------------


def test_step_after_a_branch_joins_every_case() -> None:
    _needs("slack", "google_sheets")
    wf = make(
        "When a webhook is called, if the amount is over 100 post to Slack, otherwise email me. "
        "Then add a row to Google Sheets"
    )
    cond = one(wf, "if")
    sheets = one(wf, "google_sheets")
    assert feeds(wf, sheets) == {(cond.id, "true"), (cond.id, "false")}


def test_conditional_action_sits_behind_its_condition() -> None:
    _needs("slack")
    wf = make("When a new email arrives, summarise it and post it to Slack if it mentions invoice")
    cond = one(wf, "if")
    assert cond.parameters["conditions"][0]["operator"] == "contains"
    assert cond.parameters["conditions"][0]["right"] == "invoice"
    slack = one(wf, "slack")
    assert feeds(wf, slack) == {(cond.id, "true")}
    summary = one(wf, "summarizer")
    assert summary.id in upstream(wf, cond)


def test_classifier_categories_route_through_a_switch() -> None:
    _needs("slack", "telegram", "notion")
    wf = make(
        "classify incoming emails: urgent ones to Slack, billing ones to Telegram, others to Notion"
    )
    classify = one(wf, "text_classifier")
    names = [c["name"] for c in classify.parameters["categories"]]
    assert {"urgent", "billing"} <= set(names)
    route = one(wf, "switch")
    assert feeds(wf, route) == {(classify.id, "main")}
    assert feeds(wf, one(wf, "notion")) == {(route.id, "fallback")}


def test_approval_paths() -> None:
    _needs("slack")
    wf = make(
        "When a form is submitted, ask my manager for approval, then post it to Slack. "
        "If rejected, email me"
    )
    approval = one(wf, "approval_email")
    assert feeds(wf, one(wf, "slack")) == {(approval.id, "approved")}
    assert feeds(wf, one(wf, "send_email")) == {(approval.id, "rejected")}


def test_frame_is_a_tree() -> None:
    frame = parse_request(
        "if it is under 100 email me, if it is over 200 post to Slack, otherwise add a row "
        "to Google Sheets"
    )
    assert frame is not None
    (branch,) = frame.steps
    assert isinstance(branch, Branch)
    assert [c.condition.op if c.condition else None for c in branch.cases] == ["lt", "gt", None]
    last = branch.cases[-1].steps[0]
    assert isinstance(last, ServiceStep)


def test_store_monitor_seed_still_builds_its_monitor() -> None:
    wf = make("请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon")
    stores = {n.parameters["store"] for n in wf.nodes if n.subtype == "web_page_check"}
    assert stores == {"bestbuy", "amazon"}


@pytest.mark.parametrize("text", ["hello", "what can you do?", "thanks"])
def test_nothing_to_act_on_parses_to_none(text: str) -> None:
    assert parse_request(text) is None


def test_vague_request_asks_about_what_is_missing_without_stock_examples() -> None:
    decision = decide("create a workflow", [], None)
    assert decision.kind == "clarify"
    text = decision.reply + " ".join(s for q in decision.questions for s in q.suggestions)
    assert "BestBuy" not in text and "Amazon" not in text
    decision = decide("every hour", [], None)
    assert decision.kind == "clarify"
    assert "what should the workflow do" not in decision.reply.lower()


def test_compile_is_deterministic() -> None:
    text = "When someone stars my GitHub repository, post a thank-you in Discord"
    frame = parse_request(text)
    assert frame is not None
    assert compile_frame(frame) == compile_frame(frame)


# --- more shapes -----------------------------------------------------------------------------


def test_loop_ends_at_then() -> None:
    _needs("telegram")
    wf = make(
        "When a webhook is called with an order, for each item send a Telegram message, "
        "then respond with ok"
    )
    loop = one(wf, "loop")
    telegram = one(wf, "telegram")
    respond = one(wf, "webhook_response")
    assert feeds(wf, telegram) == {(loop.id, "loop")}
    assert feeds(wf, respond) == {(loop.id, "done")}
    assert trigger(wf).parameters.get("response_mode") == "response_node"


def test_sentiment_cases_route_on_the_sentiment() -> None:
    _needs("typeform", "slack", "mailchimp")
    wf = make(
        "When a new Typeform response arrives, use AI to analyse the sentiment; if negative, "
        "alert #support on Slack, if positive add the person to Mailchimp"
    )
    sentiment = one(wf, "sentiment_analysis")
    route = one(wf, "switch")
    assert route.parameters["field"] == "{{ $json.sentiment }}"
    assert feeds(wf, route) == {(sentiment.id, "main")}
    assert feeds(wf, one(wf, "slack")) == {(route.id, "output_0")}
    assert feeds(wf, one(wf, "mailchimp")) == {(route.id, "output_1")}


def test_filter_sort_limit_in_order() -> None:
    _needs("slack")
    wf = make(
        "Every hour fetch https://api.example.com/orders, keep only orders over 100, sort them "
        "by amount and post the top 5 to Slack"
    )
    chain = ["http_request", "filter", "sort", "limit", "slack"]
    nodes = [one(wf, s) for s in chain]
    for a, b in itertools.pairwise(nodes):
        assert feeds(wf, b) == {(a.id, "main")}
    assert nodes[1].parameters["conditions"][0]["operator"] == "greater_than"


def test_chinese_transforms_keep_the_said_order() -> None:
    _needs("feishu")
    wf = make("每天早上9点从 https://api.example.com/news 获取新闻，去重后总结，发到飞书群")
    dedupe, summary = one(wf, "remove_duplicates"), one(wf, "summarizer")
    assert feeds(wf, summary) == {(dedupe.id, "main")}
    assert summary.id in upstream(wf, one(wf, "feishu"))


def test_new_rows_of_a_data_store_without_events_are_polled() -> None:
    _needs("mysql", "google_sheets")
    decision = decide(
        "When a new row is inserted in our MySQL 'orders' table, copy it to Google Sheets "
        "and notify me by email",
        [],
        None,
    )
    assert decision.request is not None
    wf = build(decision.request, None)
    assert trigger(wf).subtype == "schedule_trigger"
    assert any("every hour" in a for a in decision.assumptions)
    mysql = one(wf, "mysql")
    assert mysql.id in upstream(wf, one(wf, "google_sheets"))


def test_events_of_a_service_without_events_come_by_webhook() -> None:
    _needs("dropbox", "google_drive")
    decision = decide(
        "When a new file is uploaded to Dropbox, copy it to Google Drive and notify me by email",
        [],
        None,
    )
    assert decision.request is not None
    wf = build(decision.request, None)
    assert trigger(wf).subtype == "webhook_trigger"
    assert any("no Dropbox trigger" in a for a in decision.assumptions)
    assert trigger(wf).id in upstream(wf, one(wf, "google_drive"))


def test_app_trigger_fields_come_from_the_request() -> None:
    _needs("github", "discord")
    wf = make("When someone stars acme/website on GitHub, post a thank-you in Discord")
    assert trigger(wf).parameters == {"event": "star", "owner": "acme", "repository": "website"}


def test_chinese_only_if_guards_the_action() -> None:
    _needs("twilio")
    wf = make("每小时获取 https://api.example.com/orders ，只有当订单金额大于1000时才发短信给我")
    cond = one(wf, "if")
    assert cond.parameters["conditions"] == [
        {"left": "{{ $json.amount }}", "operator": "greater_than", "right": 1000}
    ]
    assert feeds(wf, one(wf, "twilio")) == {(cond.id, "true")}


def test_chinese_new_event_with_condition() -> None:
    _needs("shopify", "dingtalk")
    wf = make("收到新的Shopify订单时，如果金额超过500就发到钉钉群，否则发邮件给我")
    t = trigger(wf)
    assert t.subtype == "shopify_trigger" and t.parameters["event"] == "order_created"
    cond = one(wf, "if")
    assert cond.parameters["conditions"][0]["right"] == 500
    assert feeds(wf, one(wf, "dingtalk")) == {(cond.id, "true")}
    assert feeds(wf, one(wf, "send_email")) == {(cond.id, "false")}


def test_a_store_monitor_notifying_a_channel_keeps_every_store_and_its_condition() -> None:
    """Regression: naming the notification channel ("有货时发Slack消息") once sent the seed's
    monitor through the request compiler, which dropped Amazon and the in-stock check."""
    from flowsmith.planner.offline import build, decide

    decision = decide(
        "请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon，有货时发Slack消息", [], None
    )
    assert decision.request is not None
    wf = build(decision.request, None)
    stores = [n.parameters.get("store") for n in wf.nodes if n.subtype == "web_page_check"]
    assert sorted(stores) == ["amazon", "bestbuy"]
    slack = next(n for n in wf.nodes if n.subtype in ("slack", "slack_message"))
    condition = next(n for n in wf.nodes if n.subtype == "if")
    assert any(
        c.from_node == condition.id and c.to_node == slack.id and c.from_output == "true"
        for c in wf.connections
    )
