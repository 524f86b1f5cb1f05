"""The create path's data sources, operations, order and schedule times.

Sentences of our own; each asserts the structure a general rule gives: a read operation
feeds the write that uses its rows, a service named as the data a clause works on is read,
"back up A to B" reads A and writes B, and clock times said in the evening are p.m.
"""

from __future__ import annotations

import pytest

from flowsmith.core.models import Node, Workflow
from flowsmith.planner.compile import compile_frame
from flowsmith.planner.compile_nodes import reads
from flowsmith.planner.parse import parse_request
from flowsmith.planner.schedule import parse_schedule
from tests.planner.frames import needs as _needs


def graph(text: str) -> Workflow:
    frame = parse_request(text)
    assert frame is not None, text
    return compile_frame(frame)[0]


def app_node(wf: Workflow, app: str) -> Node:
    found = [n for n in wf.nodes if n.subtype == app]
    assert len(found) == 1, [(n.subtype, n.parameters.get("operation")) for n in wf.nodes]
    return found[0]


def upstream(wf: Workflow, node: Node) -> set[str]:
    seen: set[str] = set()
    todo = [node.id]
    while todo:
        cur = todo.pop()
        for c in wf.connections:
            if c.to_node == cur and c.from_node not in seen:
                seen.add(c.from_node)
                todo.append(c.from_node)
    return seen


@pytest.mark.parametrize("op", ["select", "executeQuery", "getAll", "find", "readRows", "history"])
def test_read_operations_are_reads(op: str) -> None:
    assert reads(op)


@pytest.mark.parametrize("op", ["insert", "create", "send", "upload", "append"])
def test_write_operations_are_not_reads(op: str) -> None:
    assert not reads(op)


def test_a_select_feeds_the_insert_that_uses_its_rows() -> None:
    _needs("postgres", "mongodb")
    wf = graph("Every hour read the rows of our Postgres 'sales' table and write them to MongoDB")
    pg, mongo = app_node(wf, "postgres"), app_node(wf, "mongodb")
    assert reads(pg.parameters["operation"])
    assert pg.id in upstream(wf, mongo)


def test_a_chinese_query_feeds_the_write_after_a_transform() -> None:
    _needs("postgres", "mongodb")
    wf = graph("每天早上6点查询Postgres里昨天的用户，去重后写入MongoDB")
    pg, mongo = app_node(wf, "postgres"), app_node(wf, "mongodb")
    assert pg.id in upstream(wf, mongo)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Each Friday back up my Airtable base 'Orders' to Dropbox", "airtable", "dropbox"),
        ("每周五把Airtable的订单表备份到Dropbox", "airtable", "dropbox"),
    ],
)
def test_a_backup_reads_its_source_and_writes_its_target(
    text: str, source: str, target: str
) -> None:
    _needs(source, target)
    wf = graph(text)
    src, dst = app_node(wf, source), app_node(wf, target)
    assert reads(src.parameters["operation"])
    assert not reads(dst.parameters["operation"])
    assert src.id in upstream(wf, dst)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Every Monday summarise the open tickets in Zendesk and post the summary to Slack",
            "zendesk",
        ),
        ("每天晚上汇总HubSpot里今天的新联系人，发到钉钉群", "hubspot"),
    ],
)
def test_data_a_clause_summarises_is_read(text: str, source: str) -> None:
    _needs(source)
    wf = graph(text)
    assert reads(app_node(wf, source).parameters["operation"])


@pytest.mark.parametrize(
    ("text", "cron"),
    [
        ("every evening at 7 send me the report", "0 19 * * *"),
        ("every night at 2 back up the database", "0 2 * * *"),
        ("a daily 7:45 digest of the news", "45 7 * * *"),
        ("every day at 9 post the plan", "0 9 * * *"),
    ],
)
def test_clock_times(text: str, cron: str) -> None:
    sched = parse_schedule(text)
    assert sched is not None and sched.cron == cron


def test_weekly_naming_a_sheet_is_no_schedule() -> None:
    assert parse_schedule("append it to the weekly review sheet") is None


def nodes_of(wf: Workflow, subtype: str) -> list[Node]:
    return [n for n in wf.nodes if n.subtype == subtype]


@pytest.mark.parametrize(
    "text",
    [
        "Add every bug report submitted through our form to Airtable",
        "Make a form for event sign-ups (name, email) and add each sign-up to Google Sheets",
        "When a visitor submits a quote request on our form: email it to sales@acme.io",
    ],
)
def test_a_request_coming_through_our_form_starts_with_a_form(text: str) -> None:
    frame = parse_request(text)
    assert frame is not None and frame.trigger.kind == "form"


def test_a_chinese_rss_subscription_is_the_feed_trigger_not_a_service() -> None:
    _needs("dingtalk")
    frame = parse_request("订阅 https://example.com/rss.xml 的RSS，有新文章就发到钉钉群")
    assert frame is not None
    assert frame.trigger.kind == "rss"
    assert frame.trigger.params["url"] == "https://example.com/rss.xml"
    wf = compile_frame(frame)[0]
    assert {n.subtype for n in wf.nodes} == {"rss_trigger", "dingtalk"}


def test_a_respondent_is_no_webhook_reply() -> None:
    _needs("typeform", "mailchimp")
    wf = graph("When a Typeform is submitted, add the respondent to our Mailchimp audience")
    assert not nodes_of(wf, "webhook_response")
    assert not reads(app_node(wf, "mailchimp").parameters["operation"])


def test_forward_it_to_me_is_an_email() -> None:
    wf = graph("When an email arrives in the billing inbox, forward it to me")
    assert nodes_of(wf, "send_email")


def test_getting_a_slack_ping_is_a_post() -> None:
    _needs("slack")
    wf = graph("Every morning the on-call engineer gets a Slack ping in #oncall")
    assert not reads(app_node(wf, "slack").parameters["operation"])


def test_group_by_makes_a_grouped_aggregate() -> None:
    _needs("jira", "slack")
    wf = graph(
        "Every Monday get the Jira issues closed last week, group them by assignee and post the counts to Slack"
    )
    agg = nodes_of(wf, "aggregate")
    assert len(agg) == 1 and agg[0].parameters["group_by"] == ["assignee"]
    assert app_node(wf, "jira").id in upstream(wf, agg[0])
    assert agg[0].id in upstream(wf, app_node(wf, "slack"))


def test_a_total_per_field_groups_by_it() -> None:
    _needs("postgres", "slack")
    wf = graph(
        "Every evening query the Postgres sales table, total them per store and post to Slack"
    )
    agg = nodes_of(wf, "aggregate")
    assert agg and agg[0].parameters["group_by"] == ["store"]


def test_an_ai_service_feeds_the_step_that_uses_its_draft() -> None:
    _needs("openai", "gmail", "google_sheets")
    wf = graph(
        "Read the customers from Google Sheets, for each one ask OpenAI to draft a welcome "
        "email, then send it with Gmail"
    )
    assert app_node(wf, "openai").id in upstream(wf, app_node(wf, "gmail"))


def test_an_ai_agent_gets_an_ai_node() -> None:
    _needs("jira", "slack")
    wf = graph("Run an AI agent every Friday that reads our Jira board and posts a recap to Slack")
    assert nodes_of(wf, "llm_chat") or nodes_of(wf, "summarizer")


def test_a_named_list_of_the_trigger_app_is_no_other_service() -> None:
    _needs("trello", "jira")
    wf = graph("take new Trello cards in the Urgent list and create Jira issues from them")
    # the board's trigger fires on any change: a filter keeps the new cards
    assert {n.subtype for n in wf.nodes} == {"trello_trigger", "filter", "jira"}


def test_a_url_named_in_a_condition_is_fetched_before_it() -> None:
    wf = graph(
        "Text me if the humidity from https://api.example.org/sensor is above 80, every 10 minutes"
    )
    http = nodes_of(wf, "http_request")
    cond = nodes_of(wf, "if")
    assert len(http) == 1 and http[0].parameters["url"] == "https://api.example.org/sensor"
    assert len(cond) == 1 and http[0].id in upstream(wf, cond[0])
    assert "humidity" in cond[0].parameters["conditions"][0]["left"]


def test_two_names_of_one_step_make_one_node() -> None:
    _needs("twilio")
    wf = graph("Every morning send me an SMS via Twilio with the weather")
    assert len(nodes_of(wf, "twilio")) == 1


def test_a_url_target_is_no_resource_word_service() -> None:
    wf = graph(
        "When a webhook is called, send the order to our billing warehouse API "
        "https://billing.example.com/in"
    )
    assert {n.subtype for n in wf.nodes} == {"webhook_trigger", "http_request"}


def test_reading_an_app_whose_node_only_sends_calls_its_api() -> None:
    _needs("feishu", "postgres")
    frame = parse_request("Every hour copy the Feishu messages into Postgres")
    assert frame is not None
    wf = compile_frame(frame)[0]
    http = nodes_of(wf, "http_request")
    assert len(http) == 1 and http[0].parameters["method"] == "GET"
    assert "feishu" in http[0].parameters["url"]
    assert http[0].id in upstream(wf, app_node(wf, "postgres"))


def test_ba_object_sent_somewhere_is_no_read_of_the_target() -> None:
    _needs("dingtalk")
    wf = graph("每天晚上把销售总额发到钉钉群")
    assert not reads(app_node(wf, "dingtalk").parameters["operation"])


def test_minutes_are_no_minimum() -> None:
    _needs("google_sheets")
    wf = graph("Every 15 min read the 'Stock' Google Sheet and email me the rows")
    assert not nodes_of(wf, "aggregate")


def test_a_summary_in_an_app_is_written_there() -> None:
    _needs("slack", "stripe")
    wf = graph("Every day, a summary in Slack of yesterday's Stripe payments")
    assert not reads(app_node(wf, "slack").parameters["operation"])
    assert app_node(wf, "stripe").id in upstream(wf, app_node(wf, "slack"))


def test_sent_by_email_is_no_group() -> None:
    _needs("stripe")
    wf = graph("Every Friday total the Stripe payments and send it by email")
    agg = nodes_of(wf, "aggregate")
    assert agg and "group_by" not in agg[0].parameters


def test_a_latin_chinese_name_without_its_space_is_the_app() -> None:
    _needs("google_sheets", "mysql")
    wf = graph("每天晚上把MySQL里的新订单导出到Google表格")
    sheets, mysql = app_node(wf, "google_sheets"), app_node(wf, "mysql")
    assert not reads(sheets.parameters["operation"])
    assert mysql.id in upstream(wf, sheets)


def test_exported_to_an_app_is_written_there() -> None:
    _needs("stripe", "airtable")
    wf = graph("Every night export the new Stripe customers to Airtable")
    assert reads(app_node(wf, "stripe").parameters["operation"])
    assert not reads(app_node(wf, "airtable").parameters["operation"])


def test_an_unknown_service_a_clause_analyses_is_read_first() -> None:
    wf = graph("Analyse the sentiment of new Trustpilot reviews and log them in Google Sheets")
    http = nodes_of(wf, "http_request")
    assert len(http) == 1 and http[0].parameters["method"] == "GET"
    assert http[0].id in upstream(wf, nodes_of(wf, "sentiment_analysis")[0])
    assert nodes_of(wf, "schedule_trigger")  # new items of it are polled


def test_a_dump_to_storage_copies() -> None:
    _needs("airtable", "amazon_s3")
    wf = graph("Every night at 1 am dump the Airtable 'Orders' table to an S3 bucket")
    air, s3 = app_node(wf, "airtable"), app_node(wf, "amazon_s3")
    assert reads(air.parameters["operation"]) and air.id in upstream(wf, s3)


def test_chinese_daily_report_is_a_summary() -> None:
    _needs("zendesk", "feishu")
    wf = graph("每天下午6点把Zendesk今天新建的工单整理成日报，发到飞书群")
    summary = nodes_of(wf, "summarizer")
    assert summary and app_node(wf, "zendesk").id in upstream(wf, summary[0])


def test_a_form_gets_the_fields_it_names() -> None:
    wf = graph("Make a form for room bookings (name, email, date, room) and email me each booking")
    form = nodes_of(wf, "form_trigger")[0]
    labels = [f["label"] for f in form.parameters["fields"]]
    assert labels == ["Name", "Email", "Date", "Room"]
    assert form.parameters["fields"][1]["type"] == "email"


def test_forward_to_my_inbox_is_an_email() -> None:
    wf = graph("When an email arrives in the sales inbox, forward it to my inbox")
    assert nodes_of(wf, "send_email")


@pytest.mark.parametrize(
    ("text", "app", "op"),
    [
        (
            "When a Google Form is submitted, look up the account in Salesforce and create a case",
            "salesforce",
            "create",
        ),
        ("每小时从Airtable读取新报名，逐个发送欢迎短信，然后更新记录状态", "airtable", "update"),
    ],
)
def test_a_resource_of_an_app_named_before_is_that_app(text: str, app: str, op: str) -> None:
    _needs(app)
    wf = graph(text)
    ops = [n.parameters.get("operation") for n in nodes_of(wf, app)]
    assert op in ops and len(ops) == 2


def test_a_message_is_no_resource_of_an_earlier_app() -> None:
    _needs("gmail")
    wf = graph("Every hour read my Gmail inbox and send a message to the team")
    assert len(nodes_of(wf, "gmail")) == 1


def test_summed_up_into_a_weekly_report_is_a_summary_not_a_total() -> None:
    _needs("trello", "dingtalk")
    wf = graph("每周五把本周Trello上完成的卡片汇总成周报，发到钉钉")
    assert nodes_of(wf, "summarizer") and not nodes_of(wf, "aggregate")


@pytest.mark.parametrize(
    ("text", "minutes"), [("post the numbers twice a day", 720), ("three times a day", 480)]
)
def test_times_a_day(text: str, minutes: int) -> None:
    sched = parse_schedule(text)
    assert sched is not None and sched.minutes == minutes


def test_a_dotted_clock_time() -> None:
    sched = parse_schedule("daily at 6.15 send the report")
    assert sched is not None and sched.cron == "15 6 * * *"


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Once a day, check Gmail and post to Slack", "cron", "0 9 * * *"),
        ("Once per day at 6pm check Gmail and post to Slack", "cron", "0 18 * * *"),
        ("Once an hour, check Gmail and post to Slack", "interval", 60),
        ("Every other day, back up the Airtable base to Google Drive", "cron", "0 9 */2 * *"),
        ("check the RSS feed every quarter hour and post to Slack", "interval", 15),
        ("隔天把Airtable的数据备份到Google Drive", "cron", "0 9 */2 * *"),
        ("每一刻钟检查Gmail并发到Slack", "interval", 15),
    ],
)
def test_rates_said_with_once_other_and_quarter(text: str, kind: str, value: object) -> None:
    """Regression: "Once a day, …" read "once" as "as soon as" and started by hand or on a
    Gmail event; "every other day" and "every quarter hour" named no schedule."""
    frame = parse_request(text)
    assert frame is not None and frame.trigger.kind == "schedule"
    assert frame.trigger.params["kind"] == kind
    assert frame.trigger.params["cron" if kind == "cron" else "minutes"] == value


def test_once_before_an_event_is_still_as_soon_as() -> None:
    frame = parse_request("Once a new order comes in on Shopify, post it to Slack")
    assert frame is not None and frame.trigger.kind == "app_event"
    assert frame.trigger.app == "shopify"
