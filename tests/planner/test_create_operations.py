"""The create path's operations and data order, generalised: the operation a verb and
its object ask for on any catalog service (a comment or reply, an update of the record
just looked up, the data a deliver verb sends), one node per service and operation,
waits said as offsets, repeated messages, and email as a field rather than a channel.

Sentences of our own, other services and wordings than the evaluation's; the rules are
general (catalog words only).
"""

from __future__ import annotations

import json

import pytest

from tests.planner._graph import before, graph, guarded_by, nodes, one, trigger

# --- comments and replies ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "app", "op"),
    [
        ("When a new HubSpot ticket arrives, comment on the related Jira issue", "jira", "add"),
        ("有新的GitHub pull request时，用AI审查代码变更并在PR下留言", "github", "createComment"),
        ("当Linear问题被关闭时，在Zendesk工单下评论通知客户", "zendesk", "update"),
        ("When a Stripe payment fails, add a comment to the Trello card", "trello", "create"),
        (
            "When someone comments on a GitHub issue, reply in the issue thread with an AI answer",
            "github",
            "createComment",
        ),
    ],
)
def test_a_comment_or_reply_is_the_apps_comment_operation(text: str, app: str, op: str) -> None:
    wf = graph(text)
    node = one(wf, app)
    assert node.parameters["operation"] == op
    if app == "trello":
        assert node.parameters["resource"] == "cardComment"


# --- the record just looked up -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "app"),
    [
        (
            "When a form is submitted, look up the customer in Salesforce and update their phone "
            "number",
            "salesforce",
        ),
        (
            "When a Stripe payment succeeds, find the person in Pipedrive and change their label",
            "pipedrive",
        ),
        ("收到Typeform提交时，在HubSpot里查询联系人，然后更新他的电话", "hubspot"),
        (
            "When a Calendly meeting is booked, search Zendesk for the user, then update them",
            "zendesk",
        ),
    ],
)
def test_an_update_after_a_lookup_is_on_the_app_looked_up_and_after_it(text: str, app: str) -> None:
    wf = graph(text)
    ops = [str(n.parameters.get("operation")) for n in nodes(wf, app)]
    read = [
        n for n in nodes(wf, app) if str(n.parameters["operation"]).startswith(("get", "search"))
    ]
    write = [
        n
        for n in nodes(wf, app)
        if str(n.parameters["operation"]).lower() in ("update", "upsert", "edit")
    ]
    assert read and write, ops
    assert before(wf, read[0], write[0])


# --- what a deliver verb sends -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "sink"),
    [
        ("Post the open Jira bugs to Slack #dev every morning", "jira", "slack"),
        ("Send today's Stripe payments to Google Sheets every evening", "stripe", "google_sheets"),
        ("Every morning email me the new HubSpot deals", "hubspot", "send_email"),
        ("Text me the failed Stripe payments every hour", "stripe", "twilio"),
        (
            "Share the latest Notion pages in Microsoft Teams every Friday",
            "notion",
            "microsoft_teams",
        ),
        ("Every Monday and Thursday at 10am post the Jira sprint status to Slack", "jira", "slack"),
    ],
)
def test_a_deliver_verbs_object_is_read_before_it_is_sent(
    text: str, source: str, sink: str
) -> None:
    wf = graph(text)
    src = one(wf, source)
    assert str(src.parameters["operation"]).lower().startswith(("get", "search", "list"))
    assert before(wf, src, one(wf, sink))


# --- verbs in any form ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "app", "op"),
    [
        ("When a Zendesk ticket is created, escalate it by creating a Jira bug", "jira", "create"),
        ("When a Datadog alert fires via webhook, escalate it to PagerDuty", "pagerduty", None),
        (
            "When a Stripe refund is created, handle it by updating the HubSpot deal",
            "hubspot",
            "update",
        ),
        ("When a Trello card is archived, clean up by deleting the Asana task", "asana", "delete"),
    ],
)
def test_a_verb_in_any_form_picks_its_operation(text: str, app: str, op: str | None) -> None:
    wf = graph(text)
    node = one(wf, app)
    assert op is None or str(node.parameters["operation"]).lower().startswith(op)


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("每周一早上把上周GitHub仓库的新issue数量和关闭数量统计出来，发邮件给我", "github"),
        ("每周五统计本周Jira的创建数量和关闭数量，发到钉钉群", "jira"),
        (
            "Every Monday count the new and the closed count of Linear issues and email it to me",
            "linear",
        ),
        ("每天统计Trello上的删除数量，发到Slack", "trello"),
    ],
)
def test_a_verb_that_only_qualifies_a_count_is_no_operation(text: str, app: str) -> None:
    wf = graph(text)
    for node in nodes(wf, app):
        op = str(node.parameters.get("operation", "")).lower()
        assert op.startswith(("get", "list", "search")), op


# --- waits said as offsets -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("当有人在Typeform报名活动后，发送确认短信，然后在活动前1天再发一次提醒", 86400),
        ("When a Calendly meeting is booked, 2 hours before the meeting text the invitee", 7200),
        ("When a HubSpot deal is created, email the owner the next morning", 86400),
        ("客户在Shopify下单后，第二天发邮件感谢他们", 86400),
        (
            "When someone subscribes in Mailchimp, wait 2 weeks and then send a Gmail follow-up",
            1209600,
        ),
    ],
)
def test_an_offset_said_in_time_words_is_a_wait_before_the_step(text: str, seconds: int) -> None:
    wf = graph(text)
    wait = one(wf, "wait")
    if wait.parameters["mode"] == "until":  # "活动前1天": until that long before the item's time
        assert f"seconds: {seconds} " in wait.parameters["until"]
    else:
        unit = {"days": 86400, "hours": 3600, "minutes": 60, "seconds": 1}
        assert wait.parameters["amount"] * unit[wait.parameters["unit"]] == seconds
    after = [n for n in wf.nodes if n.id != wait.id and before(wf, wait, n)]
    assert after


@pytest.mark.parametrize(
    "text",
    [
        "当有人在Typeform报名活动后，发送确认短信，然后在活动前1天再发一次提醒",
        "When a Calendly meeting is booked, text the invitee via Twilio, then wait 1 day and "
        "send it again",
        "收到新的Stripe付款时，在钉钉群通知财务，1小时后再通知一次",
        "When a Jira issue is created, ping #dev on Slack, wait 30 minutes, then ping them "
        "once more",
    ],
)
def test_a_repeated_message_is_the_same_service_after_the_wait(text: str) -> None:
    wf = graph(text)
    wait = one(wf, "wait")
    acts = [n for n in wf.nodes[1:] if n.subtype not in ("wait", "if")]
    apps = [n.subtype for n in acts]
    assert len(acts) == 2 and apps[0] == apps[1], apps
    assert before(wf, wait, acts[1])


# --- "…后" says the event ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("客户在Shopify下单后等待7天，然后发邮件邀请他们写评价", "shopify"),
        ("有人在Calendly预约后发短信提醒我", "calendly"),
        ("用户在Typeform提交问卷后把答案写入Airtable", "typeform"),
        ("Stripe付款失败后在Slack里通知财务", "stripe"),
    ],
)
def test_an_event_before_hou_is_the_trigger(text: str, app: str) -> None:
    wf = graph(text)
    assert trigger(wf).subtype == f"{app}_trigger"


def test_a_step_before_hou_is_no_trigger() -> None:
    wf = graph("每天早上用AI总结Stripe的付款后发到钉钉群")
    assert trigger(wf).subtype == "schedule_trigger"


# --- email as a field ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Create a webhook that receives JSON with name and email and creates a HubSpot contact",
        "Every hour get new Salesforce leads, skip any without an email, and add them to Mailchimp",
        "When a Typeform response has name, phone and email, add it to Airtable",
        "Receive signups on a webhook; if the email is empty respond with 400",
    ],
)
def test_email_as_a_field_sends_no_email(text: str) -> None:
    wf = graph(text)
    assert not nodes(wf, "send_email")


# --- a webhook's response ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "app", "status"),
    [
        (
            '当有人提交网站上的联系表单（webhook）时，把数据存到Airtable，然后返回 {"status":"ok"}',
            "airtable",
            200,
        ),
        ("Receive orders on a webhook, save each to Postgres and return 201", "postgres", 201),
        ("webhook收到请求后，在Notion创建页面并返回200", "notion", 200),
        (
            "When our webhook gets a lead, add it to HubSpot, post it to Slack and respond with 202",
            "slack",
            202,
        ),
    ],
)
def test_the_response_comes_after_the_work(text: str, app: str, status: int) -> None:
    wf = graph(text)
    respond = one(wf, "webhook_response")
    assert before(wf, nodes(wf, app)[0], respond)
    assert respond.parameters["status_code"] == status


# --- replying to new items of an app without events --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Automatically reply to new Intercom conversations with an AI-generated answer",
        "Respond to every new Help Scout conversation with an AI-drafted reply",
        "Answer new Intercom leads with an AI-written welcome",
        "Reply to each new Help Scout conversation using AI",
    ],
)
def test_replying_to_new_items_starts_on_them_and_answers_with_ai(text: str) -> None:
    wf = graph(text)
    assert trigger(wf).subtype != "manual_trigger"
    ai = [n for n in wf.nodes if n.subtype in ("llm_chat", "ai_agent")]
    assert ai
    assert [n for n in wf.nodes[1:] if n.id not in {a.id for a in ai} and before(wf, ai[0], n)]


def test_guard_helper_is_used() -> None:
    wf = graph("When an email mentioning 'invoice' comes in, save the attachment to Google Drive")
    assert guarded_by(wf, one(wf, "google_drive"))
    assert json.dumps(wf.nodes[0].parameters)


# --- one node per step said ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Every morning at 8, read yesterday's Stripe charges, total them, and post the total "
        "to Slack and Teams",
        "Every Friday get the closed Jira issues, count them and email the count to me",
        "每天晚上把当天的Shopify订单汇总，然后把总金额发到钉钉",
        "Each evening sum up today's PayPal payments and send that total to Telegram",
    ],
)
def test_the_total_made_upstream_is_sent_not_made_again(text: str) -> None:
    wf = graph(text)
    assert len(nodes(wf, "aggregate")) == 1


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("当新的Zendesk工单创建时，先用AI翻译成英文，再在Jira建问题", "jira"),
        ("收到新邮件时用AI翻译成中文，然后发到飞书", "feishu"),
        (
            "When a Typeform is submitted, use AI to translate the answers and post to Slack",
            "slack",
        ),
        ("有新的Slack消息时，用GPT翻译成英文后转发到Telegram", "telegram"),
    ],
)
def test_ai_before_a_service_word_is_no_service_name(text: str, app: str) -> None:
    wf = graph(text)
    assert not nodes(wf, "google_translate") and not nodes(wf, "deepl")
    assert nodes(wf, app)


@pytest.mark.parametrize(
    ("text", "app"),
    [
        (
            "When a new lead is added to Salesforce, enrich it with Clearbit and update the lead",
            "salesforce",
        ),
        (
            "When a HubSpot contact is created, enrich it via https://api.enrich.example.com and "
            "update the contact",
            "hubspot",
        ),
        (
            "When a Pipedrive person is created, look them up in Apollo, then update the person",
            "pipedrive",
        ),
        (
            "When a new Intercom lead comes in, enrich them with Clearbit and create a HubSpot "
            "contact",
            "hubspot",
        ),
    ],
)
def test_an_enrichment_is_read_before_the_write_it_feeds(text: str, app: str) -> None:
    wf = graph(text)
    lookup = [n for n in wf.nodes if n.subtype == "http_request"]
    assert lookup and lookup[0].parameters["method"] == "GET"
    assert before(wf, lookup[0], nodes(wf, app)[-1])


@pytest.mark.parametrize(
    ("text", "made", "user"),
    [
        (
            "When a Stripe payment fails, create a Jira issue and post its link to Slack",
            "jira",
            "slack",
        ),
        ("当有新的Typeform提交时，在Jira创建工单，然后把工单链接发到飞书群", "jira", "feishu"),
        (
            "When a HubSpot deal is won, create a QuickBooks invoice and email the invoice number "
            "to the client",
            "quickbooks",
            "send_email",
        ),
        (
            "When a new Linear issue is created, open a Zendesk ticket and post a link in Slack",
            "zendesk",
            "slack",
        ),
    ],
)
def test_a_step_using_what_a_write_made_follows_it(text: str, made: str, user: str) -> None:
    wf = graph(text)
    assert before(wf, one(wf, made), nodes(wf, user)[0])


def test_writes_that_use_only_the_item_fan_out() -> None:
    wf = graph("When a Shopify order comes in, add it to Airtable and notify Slack")
    assert not before(wf, one(wf, "airtable"), one(wf, "slack"))


@pytest.mark.parametrize(
    "text",
    [
        "When a new file is added to our Google Drive folder 'Invoices', extract the total with "
        "AI and log it in QuickBooks",
        "收到发票邮件时，用AI提取总金额和日期，保存到Airtable",
        "When a receipt is uploaded to Dropbox, pull out the total and the vendor, then add a "
        "row to Google Sheets",
        "当Box里上传新合同时，用AI识别合同总额，记录到Notion",
    ],
)
def test_a_total_to_extract_is_a_field_not_a_sum(text: str) -> None:
    wf = graph(text)
    assert nodes(wf, "information_extractor") and not nodes(wf, "aggregate")


@pytest.mark.parametrize(
    ("text", "app"),
    [
        (
            "When a Jira issue moves to Done, close the linked GitHub issue and comment on it",
            "github",
        ),
        ("When a Stripe dispute is created, find the Zendesk ticket and comment on it", "zendesk"),
        ("当Linear问题完成时，在GitHub上关闭对应的issue并留言", "github"),
        ("When a Typeform is submitted, create a Trello card and add a comment to it", "trello"),
    ],
)
def test_a_comment_on_it_is_on_the_item_just_named(text: str, app: str) -> None:
    wf = graph(text)
    found = nodes(wf, app)
    assert len(found) == 2
    said = json.dumps([n.parameters for n in found]).lower()
    assert "comment" in said or "update" in said


@pytest.mark.parametrize(
    ("text", "app"),
    [
        (
            "When a new user signs up (webhook), create a Stripe customer and reply with the "
            "customer id",
            "stripe",
        ),
        (
            "Receive orders on a webhook, store them in Airtable, then answer with the record id",
            "airtable",
        ),
        (
            "When our webhook gets a booking, add it to Google Calendar and reply with the event "
            "link",
            "google_calendar",
        ),
        ("webhook收到注册请求后，在HubSpot创建联系人，然后返回联系人ID", "hubspot"),
    ],
)
def test_a_reply_after_a_webhook_start_answers_the_caller_after_the_work(
    text: str, app: str
) -> None:
    wf = graph(text)
    respond = one(wf, "webhook_response")
    assert before(wf, nodes(wf, app)[0], respond)


@pytest.mark.parametrize(
    "text",
    [
        "When a new job application arrives through our Typeform, use AI to score the CV and "
        "add candidates to Airtable",
        "Every Monday email the KPI summary from our Postgres DB to me",
        "收到新的Typeform回复时，通知一下HR同事",
        "When a Zendesk ticket breaches its SLA, alert the IT team on Slack",
    ],
)
def test_capitalised_document_and_team_words_are_no_services(text: str) -> None:
    wf = graph(text)
    assert not nodes(wf, "http_request")


@pytest.mark.parametrize(
    ("text", "app"),
    [
        (
            "When a Typeform is submitted, check if the email exists in Mailchimp; if not, add it",
            "mailchimp",
        ),
        (
            "When a Calendly booking comes in, check whether the invitee exists in Salesforce; if "
            "not, add them as a lead",
            "salesforce",
        ),
        (
            "When a form is submitted, check whether the contact exists in HubSpot; if not, create "
            "it",
            "hubspot",
        ),
        (
            "When a Stripe payment succeeds, check if the customer exists in Airtable; if not, add "
            "them",
            "airtable",
        ),
    ],
)
def test_a_check_that_the_item_is_in_an_app_reads_it_first(text: str, app: str) -> None:
    wf = graph(text)
    cond = one(wf, "if")
    found = nodes(wf, app)
    read = [
        n for n in found if str(n.parameters["operation"]).lower().startswith(("get", "search"))
    ]
    write = [n for n in found if n not in read]
    assert read and write
    assert before(wf, read[0], cond)
    assert (cond, "false") in [(g, o) for g, o in guarded_by(wf, write[0])]


def test_a_chinese_check_that_the_item_is_in_an_app_reads_it_first() -> None:
    wf = graph("收到Typeform提交时，检查邮箱是否存在于Mailchimp，如果不存在就添加")
    cond = one(wf, "if")
    read = one(wf, "mailchimp", "get")
    assert before(wf, read, cond) and before(wf, cond, one(wf, "mailchimp", "create"))


@pytest.mark.parametrize(
    "text",
    [
        "When a new Trello card is added to the 'Leads' list, create a HubSpot deal and assign "
        "it to Anna",
        "When a Zendesk ticket is created, create a Jira issue and assign it to Marco",
        "When a Typeform is submitted, add a row to Google Sheets and ask Priya to review it",
        "When a GitHub issue is opened, post it to Slack and mention Kenji",
    ],
)
def test_a_person_named_after_assign_or_ask_is_no_service(text: str) -> None:
    wf = graph(text)
    assert not nodes(wf, "http_request")


@pytest.mark.parametrize(
    ("text", "app"),
    [
        (
            "As soon as someone unsubscribes in Mailchimp, remove them from our Airtable CRM table",
            "airtable",
        ),
        ("When a HubSpot deal is won, add it to the CRM sheet in Google Sheets", "google_sheets"),
        ("When a Typeform is submitted, save it to our CRM base in Airtable", "airtable"),
        ("When a Calendly meeting is booked, log it in the CRM list in SharePoint", "sharepoint"),
    ],
)
def test_crm_as_the_name_of_a_table_asks_nothing(text: str, app: str) -> None:
    from flowsmith.planner.offline import decide

    assert decide(text, [], None).kind == "generate"
    assert nodes(graph(text), app)


@pytest.mark.parametrize(
    "text",
    [
        "每当有人在企业微信提交审批时，把审批内容写入飞书",
        "收到钉钉审批结果后，把审批记录保存到Google表格",
        "当飞书有新的审批单时，把审批信息发到Slack",
        "每天把企业微信的审批数据汇总后发邮件给我",
    ],
)
def test_approval_as_a_noun_asks_for_no_approval(text: str) -> None:
    wf = graph(text)
    assert not nodes(wf, "approval_email") and not nodes(wf, "approval_slack")


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("每当有新的Airtable记录，就用AI生成一段产品描述，写回Airtable", "airtable"),
        (
            "When a new Notion page is added, summarise it with AI and write the summary back to "
            "Notion",
            "notion",
        ),
        ("有新的Google表格行时，用AI翻译后回写到表格", "google_sheets"),
        (
            "When a new Airtable record is created, classify it with AI and write it back to "
            "Airtable",
            "airtable",
        ),
    ],
)
def test_writing_back_updates_the_item_after_the_ai_step(text: str, app: str) -> None:
    wf = graph(text)
    node = one(wf, app)
    assert str(node.parameters["operation"]).lower() in ("update", "upsert", "appendorupdate")
    ai = [n for n in wf.nodes if n.subtype in ("llm_chat", "summarizer", "text_classifier")]
    assert ai and before(wf, ai[0], node)
