"""The broad trigger bank (round 3): how a workflow starts and where its data comes from, said
the way many different users say it (sentences of our own, English and Chinese, about half
each). App events of apps from across the catalog (CRMs, shops, payments, support desks,
forms, calendars, repositories, chat apps, storage, databases) in many wordings, schedules of
all shapes, webhooks / forms / email / feeds, and scheduled requests that must first read the
named app. Each check states what the user wants: the start, its schedule fields, that the
named source is read before the step that uses it, and the destination's operation."""

from __future__ import annotations

import pytest

from flowsmith.core.models import Node, Workflow
from tests.planner._graph import downstream, graph, trigger
from tests.planner.bank_cases import bank_cases
from tests.planner.frames import needs
from tests.planner.test_trigger_bank import Check, does, each, on_event, starts

READ_OPS = ("get", "search", "list", "find", "read", "lookup", "query", "select", "execute")


def _shape(wf: Workflow) -> list[tuple[str, dict[str, object]]]:
    return [(n.subtype, n.parameters) for n in wf.nodes]


def _op(n: Node) -> str:
    return str(n.parameters.get("operation", "")).lower()


def every(unit: str, n: int | None = None, at: str | None = None) -> Check:
    """A schedule trigger every ``n`` ``unit`` (minutes, hours, days, weeks), at ``at``."""

    def run(wf: Workflow) -> None:
        t = trigger(wf)
        assert t.subtype == "schedule_trigger", _shape(wf)
        p = t.parameters
        assert p.get("interval") == unit, p
        if n is not None:
            assert int(str(p.get("every", 1))) == n, p
        if at is not None:
            assert p.get("at_time") == at, p

    return run


def weekly(weekday: str, at: str | None = None) -> Check:
    """A schedule trigger on ``weekday`` each week (at ``at``), or the same as a cron."""

    def run(wf: Workflow) -> None:
        t = trigger(wf)
        assert t.subtype == "schedule_trigger", _shape(wf)
        p = t.parameters
        if p.get("interval") == "cron":
            days = {"monday": "1", "tuesday": "2", "wednesday": "3", "thursday": "4"}
            days |= {"friday": "5", "saturday": "6", "sunday": "0"}
            cron = str(p.get("cron", "")).split()
            assert cron[4] == days[weekday], p
            if at is not None:
                h, m = at.split(":")
                assert cron[:2] == [str(int(m)), str(int(h))], p
            return
        assert (p.get("interval"), p.get("weekday")) == ("weeks", weekday), p
        if at is not None:
            assert p.get("at_time") == at, p

    return run


def cron(minute: str, hour: str, dom: str, dow: str) -> Check:
    """A cron schedule with these minute, hour, day-of-month and day-of-week fields."""

    def run(wf: Workflow) -> None:
        t = trigger(wf)
        assert t.subtype == "schedule_trigger", _shape(wf)
        fields = str(t.parameters.get("cron", "")).split()
        assert len(fields) == 5, t.parameters
        assert (fields[0], fields[1], fields[2], fields[4]) == (minute, hour, dom, dow), fields

    return run


def reads_before(app: str, then: str) -> Check:
    """A read of ``app`` follows the trigger, and a ``then`` node comes after that read."""

    def run(wf: Workflow) -> None:
        after = downstream(wf, trigger(wf))
        found = [
            n
            for n in wf.nodes
            if n.id in after and n.subtype == app and _op(n).startswith(READ_OPS)
        ]
        assert found, _shape(wf)
        for r in found:
            later = downstream(wf, r)
            if any(n.subtype == then and n.id in later for n in wf.nodes):
                return
        raise AssertionError((app, then, _shape(wf)))

    return run


def op(app: str, *prefixes: str) -> Check:
    """A node of ``app`` after the trigger runs an operation starting with one of ``prefixes``."""

    def run(wf: Workflow) -> None:
        after = downstream(wf, trigger(wf))
        ops = [_op(n) for n in wf.nodes if n.id in after and n.subtype == app]
        assert any(o.startswith(tuple(p.lower() for p in prefixes)) for o in ops), _shape(wf)

    return run


EMAIL = "send_email"

BANK: list[tuple[str, tuple[str, ...], Check]] = [
    # --- app events, English -------------------------------------------------------------------
    (
        "As soon as a new deal is created in Pipedrive, add a row to our Google Sheet",
        ("pipedrive", "google_sheets"),
        each(on_event("pipedrive", "deal_created"), op("google_sheets", "append")),
    ),
    (
        "whenever a HubSpot contact gets created, drop a message in slack #leads",
        ("hubspot", "slack"),
        each(on_event("hubspot", "contact_created"), op("slack", "post")),
    ),
    (
        "New Zendesk ticket -> create a Jira issue",
        ("zendesk", "jira"),
        each(on_event("zendesk", "ticket_created"), op("jira", "create")),
    ),
    (
        "Each time a Stripe payment fails, email billing@acme.io",
        ("stripe",),
        each(on_event("stripe", "payment_failed"), does(EMAIL)),
    ),
    (
        "Once a Shopify order is fulfilled, send the customer a Telegram message",
        ("shopify", "telegram"),
        each(on_event("shopify", "order_fulfilled"), op("telegram", "send")),
    ),
    (
        "every time someone submits our Typeform, create a Notion page with the answers",
        ("typeform", "notion"),
        each(on_event("typeform", "form_submitted"), op("notion", "create")),
    ),
    (
        "After a new file lands in our Google Drive folder, post a note in Microsoft Teams",
        ("google_drive", "microsoft_teams"),
        each(on_event("google_drive", "file_created"), op("microsoft_teams", "create")),
    ),
    (
        "When a pull request is opened on GitHub, ping the team in Discord",
        ("github", "discord"),
        each(on_event("github", "pull_request"), op("discord", "send")),
    ),
    (
        "Whenever someone cancels their Calendly meeting, add a task in Todoist to follow up",
        ("calendly", "todoist"),
        each(on_event("calendly", "invitee_canceled"), op("todoist", "create")),
    ),
    (
        "new subscriber in Mailchimp? create them as a contact in HubSpot",
        ("mailchimp", "hubspot"),
        each(on_event("mailchimp", "subscribed"), op("hubspot", "upsert", "create")),
    ),
    (
        "when a new row is inserted into our Postgres orders table, notify #ops on Slack",
        ("postgres", "slack"),
        each(on_event("postgres", "row_inserted"), op("slack", "post")),
    ),
    (
        "whenever a GitLab pipeline fails, open a Linear issue",
        ("gitlab", "linear"),
        each(on_event("gitlab", "pipeline"), op("linear", "create")),
    ),
    (
        "When I receive a WhatsApp message, log it to Airtable",
        ("whatsapp", "airtable"),
        each(on_event("whatsapp", "message_received"), op("airtable", "create")),
    ),
    # --- app events, Chinese -------------------------------------------------------------------
    (
        "每当Stripe有新订阅，就在飞书群里发消息",
        ("stripe", "feishu"),
        each(on_event("stripe", "subscription_created"), does("feishu")),
    ),
    (
        "一旦Jira里有新评论，马上发邮件通知 pm@acme.cn",
        ("jira",),
        each(on_event("jira", "comment_created"), does(EMAIL)),
    ),
    (
        "Shopify上有人退款之后，在谷歌表格里追加一行记录",
        ("shopify", "google_sheets"),
        each(on_event("shopify", "refund_created"), op("google_sheets", "append")),
    ),
    (
        "收到新的Jotform表单提交后，在Trello建一张卡片",
        ("jotform", "trello"),
        each(on_event("jotform", "form_submitted"), op("trello", "create")),
    ),
    (
        "每次GitHub有人推送代码，就发企业微信消息给开发群",
        ("github", "wecom"),
        each(on_event("github", "push"), does("wecom")),
    ),
    (
        "谷歌日历里新建了活动，就同步到Notion数据库",
        ("google_calendar", "notion"),
        each(on_event("google_calendar", "event_created"), op("notion", "create")),
    ),
    (
        "Salesforce一有新线索，就发钉钉通知销售",
        ("salesforce", "dingtalk"),
        each(on_event("salesforce", "lead_created"), does("dingtalk")),
    ),
    (
        "当PayPal收到付款时，在Airtable里新增一条记录",
        ("paypal", "airtable"),
        each(on_event("paypal", "payment_captured"), op("airtable", "create")),
    ),
    (
        "Box里有新文件上传，就发Slack消息到#files",
        ("box", "slack"),
        each(on_event("box", "file_uploaded"), op("slack", "post")),
    ),
    (
        "ClickUp任务状态变了以后，发一条Telegram消息给我",
        ("clickup", "telegram"),
        each(on_event("clickup", "task_status_updated"), op("telegram", "send")),
    ),
    (
        "Twilio收到短信后，把内容存进MySQL",
        ("twilio", "mysql"),
        each(on_event("twilio", "sms_received"), op("mysql", "insert")),
    ),
    # --- schedules that read the named source, English -----------------------------------------
    (
        "Every weekday at 9am, pull open tickets from Zendesk and post a summary to Slack",
        ("zendesk", "slack"),
        each(cron("0", "9", "*", "1-5"), reads_before("zendesk", "slack")),
    ),
    (
        "Every 30 minutes, check HubSpot for new deals and add them to Google Sheets",
        ("hubspot", "google_sheets"),
        each(every("minutes", 30), reads_before("hubspot", "google_sheets")),
    ),
    (
        "On the 1st of every month at 8:00, get last month's Stripe charges and email them to "
        "finance@acme.io",
        ("stripe",),
        each(cron("0", "8", "1", "*"), reads_before("stripe", EMAIL)),
    ),
    (
        "every friday at 5pm fetch all Asana tasks and send a digest to Teams",
        ("asana", "microsoft_teams"),
        each(weekly("friday", "17:00"), reads_before("asana", "microsoft_teams")),
    ),
    (
        "Daily at 7:30 read the rows of our Google Sheet 'Leads' and create each one in Salesforce",
        ("google_sheets", "salesforce"),
        each(every("days", at="07:30"), reads_before("google_sheets", "salesforce")),
    ),
    (
        "Every 6 hours query the MongoDB users collection and post the count to Discord",
        ("mongodb", "discord"),
        each(every("hours", 6), reads_before("mongodb", "discord")),
    ),
    # --- schedules that read the named source, Chinese -----------------------------------------
    (
        "每天早上8点从Notion数据库读取今天的待办，发到钉钉群",
        ("notion", "dingtalk"),
        each(every("days", at="08:00"), reads_before("notion", "dingtalk")),
    ),
    (
        "每隔10分钟从MySQL查询新订单，写进谷歌表格",
        ("mysql", "google_sheets"),
        each(every("minutes", 10), reads_before("mysql", "google_sheets")),
    ),
    (
        "每周一上午10点从Pipedrive拉取所有交易，发邮件给 boss@acme.cn",
        ("pipedrive",),
        each(weekly("monday", "10:00"), reads_before("pipedrive", EMAIL)),
    ),
    (
        "每月1号早上9点，从Shopify获取上个月的订单，汇总后发到飞书",
        ("shopify", "feishu"),
        each(cron("0", "9", "1", "*"), reads_before("shopify", "feishu")),
    ),
    (
        "工作日每天下午6点，从Jira获取未完成的问题，发到企业微信",
        ("jira", "wecom"),
        each(cron("0", "18", "*", "1-5"), reads_before("jira", "wecom")),
    ),
    (
        "每隔3小时检查一下Airtable里的新记录，有的话发Slack",
        ("airtable", "slack"),
        each(every("hours", 3), reads_before("airtable", "slack")),
    ),
    # --- webhooks, forms, email, feeds ---------------------------------------------------------
    (
        "When our webhook receives a POST, insert the payload into Postgres",
        ("postgres",),
        each(starts("webhook_trigger"), op("postgres", "insert")),
    ),
    (
        "收到webhook请求后，把数据写进Airtable",
        ("airtable",),
        each(starts("webhook_trigger"), op("airtable", "create")),
    ),
    (
        "每当RSS订阅 https://blog.acme.io/feed 有新文章，就发到Telegram频道",
        ("telegram",),
        each(starts("rss_trigger"), op("telegram", "send")),
    ),
    (
        "When a new email arrives in Gmail from a customer, create a Zendesk ticket",
        ("gmail", "zendesk"),
        each(starts(("gmail_trigger", "email_trigger")), op("zendesk", "create")),
    ),
    (
        "有人填写我们的报名表单之后，把信息加到HubSpot联系人",
        ("hubspot",),
        each(starts("form_trigger"), op("hubspot", "upsert", "create")),
    ),
    # --- batch 2: less common apps and wordings ----------------------------------------------
    (
        "Copper: new opportunity created -> post it to Slack #sales",
        ("copper", "slack"),
        each(on_event("copper", "opportunity_created"), op("slack", "post")),
    ),
    (
        "if a Help Scout customer replies, create a ClickUp task for the agent",
        ("help_scout", "clickup"),
        each(on_event("help_scout", "customer_replied"), op("clickup", "create")),
    ),
    (
        "Gumroad refund comes in → email me at me@acme.io",
        ("gumroad",),
        each(on_event("gumroad", "refund"), does(EMAIL)),
    ),
    (
        "Whenever a Netlify deploy fails, send a Telegram alert",
        ("netlify", "telegram"),
        each(on_event("netlify", "deploy_failed"), op("telegram", "send")),
    ),
    (
        "On every new Square payment, add a row to the 'Sales' Google Sheet",
        ("square", "google_sheets"),
        each(on_event("square", "payment_created"), op("google_sheets", "append")),
    ),
    (
        "When someone unsubscribes in ActiveCampaign, remove... no, just log them to Airtable",
        ("activecampaign", "airtable"),
        each(on_event("activecampaign", "unsubscribed"), op("airtable", "create")),
    ),
    (
        "New Cal.com booking gets rescheduled? update the Google Calendar event",
        ("cal_com", "google_calendar"),
        each(on_event("cal_com", "booking_rescheduled"), op("google_calendar", "update")),
    ),
    (
        "Lemlist lead replied to my email -> create a deal in Pipedrive",
        ("lemlist", "pipedrive"),
        each(on_event("lemlist", "email_replied"), op("pipedrive", "create")),
    ),
    (
        "Every morning at 7 fetch the unread emails from Outlook and summarize them into Slack",
        ("outlook", "slack"),
        each(every("days", at="07:00"), reads_before("outlook", "slack")),
    ),
    (
        "nightly at 11pm, export all Airtable records to a Google Sheet",
        ("airtable", "google_sheets"),
        each(every("days", at="23:00"), reads_before("airtable", "google_sheets")),
    ),
    (
        "Hourly: look up new Typeform responses and add them to Notion",
        ("typeform", "notion"),
        each(every("hours", 1), reads_before("typeform", "notion")),
    ),
    (
        "At noon every Sunday, list the files in our Dropbox folder and email the list to "
        "ops@acme.io",
        ("dropbox",),
        each(weekly("sunday", "12:00"), reads_before("dropbox", EMAIL)),
    ),
    (
        "Chargebee订阅续费后，在HubSpot里更新这个客户",
        ("chargebee", "hubspot"),
        each(on_event("chargebee", "subscription_renewed"), op("hubspot", "upsert", "update")),
    ),
    (
        "Bitbucket有新的拉取请求，就通知Microsoft Teams频道",
        ("bitbucket", "microsoft_teams"),
        each(on_event("bitbucket", "pullrequest_created"), op("microsoft_teams", "create")),
    ),
    (
        "一有客户在WooCommerce下单，就往MySQL的orders表插入一条",
        ("woocommerce", "mysql"),
        each(on_event("woocommerce", "order_created"), op("mysql", "insert")),
    ),
    (
        "OneDrive里的文件被修改后，发邮件提醒 team@acme.cn",
        ("onedrive",),
        each(on_event("onedrive", "file_updated"), does(EMAIL)),
    ),
    (
        "Zendesk工单解决了以后，给客户发一封满意度调查邮件",
        ("zendesk",),
        each(on_event("zendesk", "ticket_solved"), does(EMAIL)),
    ),
    (
        "Telegram机器人收到消息时，把消息存到Notion",
        ("telegram", "notion"),
        each(on_event("telegram", "message"), op("notion", "create")),
    ),
    (
        "每天凌晨2点从Postgres查询昨天的数据，写入谷歌表格",
        ("postgres", "google_sheets"),
        each(every("days", at="02:00"), reads_before("postgres", "google_sheets")),
    ),
    (
        "每周五下午3点从ClickUp获取本周完成的任务，发到Slack",
        ("clickup", "slack"),
        each(weekly("friday", "15:00"), reads_before("clickup", "slack")),
    ),
    (
        "每月15号上午10点，从Salesforce拉取商机列表，发邮件给 sales@acme.cn",
        ("salesforce",),
        each(cron("0", "10", "15", "*"), reads_before("salesforce", EMAIL)),
    ),
    (
        "每15分钟看一下Gmail有没有新邮件，有就转发到钉钉",
        ("gmail", "dingtalk"),
        each(every("minutes", 15), reads_before("gmail", "dingtalk")),
    ),
    (
        "Toggl有新的时间记录时，追加到谷歌表格",
        ("toggl", "google_sheets"),
        each(on_event("toggl", "new_time_entry"), op("google_sheets", "append")),
    ),
    (
        "Facebook广告有新线索进来，马上加到Mailchimp名单",
        ("facebook", "mailchimp"),
        each(on_event("facebook", "lead_created"), op("mailchimp", "create")),
    ),
    # --- batch 3: more registers and schedule shapes -----------------------------------------
    (
        "Any time an invoice gets paid in Stripe, mark the matching Airtable record as paid",
        ("stripe", "airtable"),
        each(on_event("stripe", "invoice_paid"), op("airtable", "update")),
    ),
    (
        "When a Jira issue is updated, post the change to Slack #eng",
        ("jira", "slack"),
        each(on_event("jira", "issue_updated"), op("slack", "post")),
    ),
    (
        "pls: each new Google Form response → row in Google Sheets",
        ("google_forms", "google_sheets"),
        each(on_event("google_forms", "form_submitted"), op("google_sheets", "append")),
    ),
    (
        "At 6pm on weekdays, grab today's Calendly bookings... I mean today's Google Calendar "
        "events, and text them to me on Telegram",
        ("google_calendar", "telegram"),
        each(cron("0", "18", "*", "1-5"), reads_before("google_calendar", "telegram")),
    ),
    (
        "Twice a week isn't enough — every Tuesday and Thursday at 9:15, pull the Trello cards "
        "from the 'Doing' list and post them to Slack",
        ("trello", "slack"),
        each(cron("15", "9", "*", "2,4"), reads_before("trello", "slack")),
    ),
    (
        "WooCommerce订单状态变了就发邮件告诉我 shop@acme.cn",
        ("woocommerce",),
        each(on_event("woocommerce", "order_updated"), does(EMAIL)),
    ),
    (
        "HubSpot里新建了交易之后，在Asana里建一个跟进任务",
        ("hubspot", "asana"),
        each(on_event("hubspot", "deal_created"), op("asana", "create")),
    ),
    (
        "Stripe有客户发起拒付时，立刻发飞书消息给财务",
        ("stripe", "feishu"),
        each(on_event("stripe", "dispute_created"), does("feishu")),
    ),
    (
        "每周三和周五早上9点半，从HubSpot获取新联系人，追加到谷歌表格",
        ("hubspot", "google_sheets"),
        each(cron("30", "9", "*", "3,5"), reads_before("hubspot", "google_sheets")),
    ),
    (
        "每个月的最后一个工作日不用管，就每月5号下午2点从Xero拉发票发邮件给 cfo@acme.cn",
        ("xero",),
        each(cron("0", "14", "5", "*"), reads_before("xero", EMAIL)),
    ),
    (
        "Typeform问卷一有人提交，就在Pipedrive里创建一个联系人",
        ("typeform", "pipedrive"),
        each(on_event("typeform", "form_submitted"), op("pipedrive", "create")),
    ),
    (
        "GitHub上有人给仓库点了星，就在Discord里说一声",
        ("github", "discord"),
        each(on_event("github", "star"), op("discord", "send")),
    ),
]


# still wrong (strict: a fix makes the test fail until the mark goes); the assertions stand
OPEN: dict[str, str] = {
    "At 6pm on weekdays, grab today's Calendly": "a self-correction ('… I mean …') keeps the "
    "first-named app as the source",
    "每个月的最后一个工作日不用管": "a schedule word said as not wanted ('工作日不用管') still "
    "sets weekdays on the cron",
}


@pytest.mark.parametrize(("text", "apps", "check"), bank_cases(BANK, OPEN))
def test_trigger_broad_bank(text: str, apps: tuple[str, ...], check: Check) -> None:
    needs(*apps)
    check(graph(text))
