"""Builds ``requests_fresh2.jsonl``: a second fresh held-out set for the planner, written blind.

100 new requests (ids ``g000``–``g099``, ``"split": "fresh2"``), written on 2026-12-06 by a
helper session that did not read the planner's code or tests, did not run the planner or the
server on them, and did not look at ``requests_fresh.jsonl``, ``build_fresh.py`` or any run
output. Each request's checks say what a demanding user would want from it; ``anyof``/lists
where several graphs would do. The helpers and the priors P1–P20 are those of
``build_set.py``.

    .venv/bin/python bench/eval_planner/build_fresh2.py   # rewrites requests_fresh2.jsonl
    .venv/bin/pytest bench/eval_planner/test_fresh_set.py # well formed, without the planner

No check may be changed after the set has been run (see docs/evaluation.md).
"""

# ruff: noqa: E501
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import fresh_rows  # noqa: E402
from build_set import (  # noqa: E402
    AIRTABLE_ADD,
    APPROVAL,
    DINGTALK,
    DISCORD,
    EMAIL,
    FEISHU,
    GMAIL,
    HUBSPOT_ADD,
    JIRA_ADD,
    MAILCHIMP_ADD,
    MONGO,
    NQ,
    OUTLOOK,
    P1,
    P2,
    P3,
    P4,
    P5,
    P6,
    P7,
    P8,
    P9,
    P10,
    P11,
    P12,
    P13,
    P14,
    P15,
    P16,
    P17,
    P18,
    P19,
    P20,
    POSTGRES,
    SAT,
    SHEETS_ADD,
    SLACK,
    SMS,
    TEAMS,
    TELEGRAM,
    TOP_TEN,
    TRELLO_ADD,
    UNCHANGED,
    WAIT,
    WECOM,
    ZENDESK_ADD,
    ai,
    anyof,
    asks,
    branches,
    core,
    either,
    guarded,
    http,
    kept,
    order,
    removed,
    request,
    sched,
    svc,
    trig,
    trigger_text,
    unguarded,
)

OUT = HERE / "requests_fresh2.jsonl"
SPLIT = "fresh2"
PREFIX = "g"

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))






CLAUDE = anyof(svc("anthropic"), {"ai": "any", "text": "claude"})
PAGERDUTY_ADD = svc("pagerduty", "create")
FRESHDESK_ADD = svc("freshdesk", "create")
WHATSAPP = svc("whatsapp", "create")
PUSHOVER = svc("pushover")
MATRIX = svc("matrix", "create")
ZULIP = svc("zulip", "create")
MATTERMOST = svc("mattermost", "create")
GCAL_READ = svc("google_calendar", "read")
GCAL_ADD = svc("google_calendar", "create")


# ================================================================ creates, English
R("Every weekday at 7:45 grab today's events from my Google Calendar and send me the list on WhatsApp",
  trig("schedule"), sched(at="07:45"), GCAL_READ, WHATSAPP, order(GCAL_READ, WHATSAPP), NQ)
R("When a PayPal payment is refunded, create a credit invoice for that customer in Xero and let #finance know on Mattermost",
  trig("app_event", "paypal", "refund"), svc("xero", "create"), MATTERMOST, NQ)
R("Every 5 minutes get all our monitors from UptimeRobot. For any monitor that is down, open an incident in PagerDuty; monitors that are up need nothing.",
  trig("schedule"), sched(every_minutes=5), svc("uptime_robot", "read"), PAGERDUTY_ADD,
  guarded(PAGERDUTY_ADD, ["status", "down"]), order(svc("uptime_robot", "read"), PAGERDUTY_ADD), SAT, NQ)
R("i sell ebooks on gumroad. whenever someone buys one add them as a subscriber in convertkit",
  trig("app_event", "gumroad", "sale"), svc("convertkit", "create"), NQ)
R("New Jotform registration for our meetup: if they picked 'in person' put them on the Google Calendar event as a guest, if they picked 'online' send them the stream link by email through SendGrid",
  trig("app_event", "jotform", ["form", "submi"]), svc("google_calendar", ["create", "update"]),
  svc("sendgrid", "create"), branches(svc("google_calendar"), svc("sendgrid")), SAT, NQ)
R("Back up our Supabase 'orders' table to an S3 bucket every night at 1:30",
  trig("schedule"), sched(at="01:30"), svc("supabase", "read"), svc("amazon_s3", "create"),
  order(svc("supabase", "read"), svc("amazon_s3", "create")), NQ)
R("When a GitLab pipeline fails on the main branch, post in our Rocket.Chat room #ci and open an issue in GitLab for it",
  trig("app_event", "gitlab", "pipeline"), svc("rocketchat", "create"), svc("gitlab", "create"),
  either(guarded(svc("rocketchat"), ["status", "fail", "main", "ref"]), trigger_text("fail")), NQ)
R("Fridays at 3pm: pull this week's time entries from Toggl, total the hours per project and email the totals to accounting@studio.io",
  trig("schedule"), sched(at="15:00", weekday="friday"), svc("toggl", "read"),
  anyof(core(["aggregate", "code"]), ai("any")), EMAIL, order(svc("toggl", "read"), EMAIL), NQ)
R("Read each new Help Scout conversation and if the customer sounds angry, message our support lead on Slack. Calm ones don't need anything.",
  trig("app_event", "help_scout", "conversation"), ai("sentiment"), SLACK,
  guarded(SLACK, ["sentiment", "angry", "negative", "label", "category"]), order(ai("sentiment"), SLACK), SAT, NQ)
R("Monday 10am, get all my overdue Todoist tasks and push each one to my phone with Pushover",
  trig("schedule"), sched(at="10:00", weekday="monday"), svc("todoist", "read"), PUSHOVER,
  order(svc("todoist", "read"), PUSHOVER), NQ)
R("Our sensors POST humidity readings to a webhook. Above 70% switch on the dehumidifier through Home Assistant, below 30% send me a Telegram warning, otherwise just write the reading into TimescaleDB.",
  trig("webhook"), svc("home_assistant"), TELEGRAM, svc("timescaledb", "create"),
  branches(svc("home_assistant"), TELEGRAM, svc("timescaledb")), guarded(svc("home_assistant"), "humidity"),
  guarded(TELEGRAM, "humidity"), SAT, NQ)
R("When we publish a new video on our YouTube channel, have Claude write a short LinkedIn post about it and publish it on the company page",
  trig(["app_event", "rss", "schedule"], "youtube"), CLAUDE, svc("linkedin", "create"),
  order(CLAUDE, svc("linkedin", "create")), NQ)
R("Every 30 minutes search Twitter for 'acmecloud', run the tweets through AWS Comprehend for sentiment and open a Freshdesk ticket for each negative one",
  trig("schedule"), sched(every_minutes=30), svc("twitter", "read"), svc("aws_comprehend"), FRESHDESK_ADD,
  guarded(FRESHDESK_ADD, ["sentiment", "negative"]), order(svc("aws_comprehend"), FRESHDESK_ADD), SAT, NQ)
R("Expense claims come in through a Google Form. Anything above $500 has to be approved by the finance manager over email before it goes into QuickBooks as a bill; smaller claims go straight in.",
  trig("app_event", "google_forms", ["form", "submi"]), APPROVAL, svc("quickbooks", "create"),
  guarded(APPROVAL, "amount"), order(APPROVAL, svc("quickbooks", "create")),
  {"path_avoiding": {"to": svc("quickbooks", "create"), "avoid": APPROVAL}}, SAT, NQ)
R("mirror every message from our zulip stream 'announcements' into the matrix room #general",
  trig(["app_event", "webhook"], "zulip"), MATRIX, NQ)
R("I want a chat assistant for my kids' homework that can look things up on Wikipedia and use a calculator",
  trig("chat"), ai("agent"), core("wikipedia_tool"), core("calculator_tool"), NQ)
R("When a Chargebee subscription gets cancelled: if the customer had been paying for more than a year, send them a personal note from our CEO through Gmail, otherwise add them to our lemlist win-back campaign",
  trig("app_event", "chargebee", "cancel"), GMAIL, svc("lemlist", "create"),
  branches(GMAIL, svc("lemlist", "create")), SAT, NQ)
R("Kick off the Jenkins job 'db-vacuum' every night at 3, and if the build fails create an alert in Opsgenie",
  trig("schedule"), sched(at="03:00"), svc("jenkins"), svc("opsgenie", "create"),
  guarded(svc("opsgenie", "create")), order(svc("jenkins"), svc("opsgenie", "create")), SAT, NQ)
R("On every push to main in our Bitbucket repo, trigger a CircleCI pipeline and tell #deploys on Slack",
  trig("app_event", "bitbucket", "push"), svc("circleci"), SLACK,
  either(guarded(svc("circleci"), ["branch", "main", "ref"]), trigger_text("main")), NQ)
R("Create a feedback form with a 1-5 rating and a comment box. Ratings of 1 or 2 open a ticket in Zammad, a 5 gets a thank-you email asking for a review, and everything in between goes into our NocoDB table.",
  trig("form"), svc("zammad", "create"), EMAIL, svc("nocodb", "create"),
  branches(svc("zammad"), EMAIL, svc("nocodb")), guarded(svc("zammad"), "rating"), SAT, NQ)
R("Each morning at 8 read the domains listed in our Coda table, check every one at https://ssl-check.example.com/api?domain=<domain> and email me about any certificate that expires within 14 days",
  trig("schedule"), sched(at="08:00"), svc("coda", "read"), http("ssl-check.example.com"), EMAIL,
  order(svc("coda", "read"), http("ssl-check.example.com")), guarded(EMAIL, ["expir", "days", "valid"]), SAT, NQ)
R("stripe dispute opened -> high priority ticket in HaloPSA + text the finance lead",
  trig("app_event", "stripe", "dispute"), svc("halopsa", "create"), SMS, NQ)
R("When someone books a demo through Cal.com, create a person in Copper — unless they used a gmail, yahoo or hotmail address, in which case just add them to the 'Personal emails' Google Sheet",
  trig("app_event", "cal_com", "booking"), svc("copper", "create"), SHEETS_ADD,
  branches(svc("copper", "create"), SHEETS_ADD), guarded(svc("copper", "create"), ["email", "gmail", "domain"]), SAT, NQ)
R("When a PDF lands in the 'Research' folder on Google Drive, summarize it with AI and save the summary as a new Google Doc",
  trig("app_event", "google_drive", "file"), ai("summarize"), svc("google_docs", "create"),
  order(ai("summarize"), svc("google_docs", "create")), NQ)
R("whenever an opportunity is created in Affinity add a task to my Microsoft To Do so I follow up",
  trig("app_event", "affinity", "opportunit"), svc("microsoft_todo", "create"), NQ)
R("I need a webhook endpoint that counts calls per API key in Redis. If a key has made more than 1000 calls, answer 429; otherwise answer 200 and index the payload in Elasticsearch.",
  trig("webhook"), svc("redis"), svc("elasticsearch", "create"), core("webhook_response", "429"),
  branches(core("webhook_response", "429"), svc("elasticsearch", "create")), guarded(svc("elasticsearch", "create")),
  order(svc("redis"), svc("elasticsearch", "create")), SAT, NQ)
R("On the 1st of every month at 9:00, create invoices in Invoice Ninja for each client from last month's Harvest time entries",
  trig("schedule"), sched(at="09:00"), svc("harvest", "read"), svc("invoice_ninja", "create"),
  order(svc("harvest", "read"), svc("invoice_ninja", "create")), NQ)
R("When money lands in our Wise balance, log it in Airtable, and if it's more than 10,000 EUR message me on Telegram too",
  trig("app_event", "wise", ["balance", "credit"]), AIRTABLE_ADD, unguarded(AIRTABLE_ADD), TELEGRAM,
  guarded(TELEGRAM, "amount"), SAT, NQ)
R("Every 2 hours fetch https://www.reddit.com/r/datascience/top.json, skip anything we've already posted and send the new posts to our Zulip stream 'reading'",
  trig("schedule"), sched(every_minutes=120), anyof(http("reddit.com"), svc("reddit", "read")),
  anyof(core(["remove_duplicates", "code"]), svc("redis")), ZULIP, NQ)
R("Check our Magento store every hour and create a to-do in Basecamp for the buyer for every product with fewer than 5 units left",
  trig("schedule"), sched(every_minutes=60), svc("magento", "read"), svc("basecamp", "create"),
  guarded(svc("basecamp", "create"), ["qty", "quantity", "stock"]), SAT, NQ)
R("slack reaction :ticket: on a message -> make a trello card from that message",
  trig("app_event", "slack", "reaction"), TRELLO_ADD,
  either(guarded(TRELLO_ADD, ["ticket", "reaction"]), trigger_text("ticket")), NQ)
R("Translate incoming WhatsApp messages to English with DeepL and forward them to the support channel in Microsoft Teams",
  trig("app_event", "whatsapp", "message"), svc("deepl"), TEAMS, order(svc("deepl"), TEAMS), NQ)
R("Give me a button that pulls every contact from Google Contacts and upserts them into Brevo",
  trig("manual"), svc("google_contacts", "read"), svc("brevo", "create"),
  order(svc("google_contacts", "read"), svc("brevo", "create")), NQ)
R("If any of my workflows errors out, send a high-priority Pushover notification to my phone and log the error in a Grist table",
  trig("error"), PUSHOVER, svc("grist", "create"), NQ)
R("Forward emails from our biggest client (anyone @globex.com) to my WhatsApp, but only outside office hours (before 9 or after 18); during the day do nothing",
  trig(["email", "app_event"]), WHATSAPP, guarded(WHATSAPP, ["hour", "time", "globex"]), SAT, NQ)

# ================================================================ creates, Chinese
R("每天早上8点半把谷歌日历上今天的会议整理一下，发到我的企业微信",
  trig("schedule"), sched(at="08:30"), GCAL_READ, WECOM, order(GCAL_READ, WECOM), NQ)
R("WooCommerce来了新订单就在Xero里开一张发票，再用钉钉通知一下财务",
  trig("app_event", "woocommerce", "order"), svc("xero", "create"), DINGTALK, NQ)
R("每小时看一下Sentry里有没有新的fatal级别错误，有的话在飞书群里报警，同时建一个Jira任务",
  trig("schedule"), sched(every_minutes=60), svc("sentry_io", "read"), FEISHU, JIRA_ADD,
  guarded(FEISHU, ["level", "fatal"]), guarded(JIRA_ADD), SAT, NQ)
R("每当有人填了我们的Jotform报名表，就把他加到ActiveCampaign联系人里，并且打上“2027峰会”的标签",
  trig("app_event", "jotform", ["form", "submi"]), svc("activecampaign", "create"),
  svc("activecampaign", "create", "2027"), NQ)
R("客服邮箱收到新邮件后，让AI判断一下是什么语言：中文的直接转到飞书客服群，英文的在Freshdesk建工单，其他语言先用谷歌翻译翻成中文再发飞书群",
  trig(["email", "app_event"]), ai("any"), FEISHU, FRESHDESK_ADD, svc("google_translate"),
  branches(FRESHDESK_ADD, svc("google_translate")), branches(FRESHDESK_ADD, FEISHU),
  order(svc("google_translate"), FEISHU),
  {"branch_count": {"min": 3}}, SAT, NQ)
R("每天晚上10点查一下MySQL里今天新注册了多少用户，把数字发到钉钉群",
  trig("schedule"), sched(at="22:00"), svc("mysql"), DINGTALK, order(svc("mysql"), DINGTALK), NQ)
R("每周一早上9点，读取Notion“本周任务”数据库里的所有条目，给每个负责人发一封Outlook邮件提醒",
  trig("schedule"), sched(at="09:00", weekday="monday"), svc("notion", "read"), OUTLOOK,
  order(svc("notion", "read"), OUTLOOK), NQ)
R("员工通过表单提交请假申请。超过3天的要部门经理在Slack里审批，批准了就在谷歌日历上建请假日程，没批准就发邮件告诉员工；3天及以内的直接建日程。",
  trig("form"), APPROVAL, GCAL_ADD, EMAIL, guarded(APPROVAL, ["day", "天"]), branches(GCAL_ADD, EMAIL),
  {"path_avoiding": {"to": GCAL_ADD, "avoid": APPROVAL}}, order(APPROVAL, EMAIL), SAT, NQ)
R("每天下午5点从Clockify拉一下今天的工时，谁填的不到8小时就在企业微信里提醒他补上",
  trig("schedule"), sched(at="17:00"), svc("clockify", "read"), WECOM,
  guarded(WECOM, ["hour", "duration", "小时", "工时"]), SAT, NQ)
R("GitHub上有人提PR的时候，用AI看看描述写清楚没有，没写清楚就在PR下面留言提醒他补充",
  trig("app_event", "github", "pull"), ai("any"), svc("github", "create"), guarded(svc("github", "create")),
  order(ai("any"), svc("github", "create")), SAT, NQ)
R("把Shopify的新客户同步到Zoho CRM里，作为线索（lead）",
  trig("app_event", "shopify", "customer"), svc("zoho_crm", "create"), NQ)
R("订阅 https://sspai.com/feed ，只有标题里带“效率”的文章才推送到我的LINE",
  trig("rss"), svc("line", "create"), guarded(svc("line"), ["title", "效率"]), SAT, NQ)
R("每10分钟查一次Redis里 jobs:pending 这个队列的长度，超过500就用Pushover提醒我",
  trig("schedule"), sched(every_minutes=10), svc("redis"), PUSHOVER, guarded(PUSHOVER), SAT, NQ)
R("做一个webhook接收物流公司推过来的状态：状态是“已签收”就在Shopify里把订单更新为已完成，状态是“异常”就在企业微信群里通知客服，其他状态不用管",
  trig("webhook"), svc("shopify", "update"), WECOM, branches(svc("shopify", "update"), WECOM),
  guarded(svc("shopify", "update"), ["status", "状态", "签收"]), guarded(WECOM, ["status", "状态", "异常"]), SAT, NQ)
R("每周五晚上6点从BigQuery查本周各渠道的销售额，让AI写一段简短分析，发邮件给管理层 mgmt@company.cn",
  trig("schedule"), sched(at="18:00", weekday="friday"), svc("bigquery"), ai("any"), EMAIL,
  order(svc("bigquery"), ai("any")), order(ai("any"), EMAIL), NQ)
R("Pipedrive里新建交易以后，在Google Drive里自动建一个以客户名字命名的文件夹",
  trig("app_event", "pipedrive", "deal"), svc("google_drive", "create"), NQ)
R("每半小时检查一下 https://tickets.example.cn/show/88 这个页面，出现“有票”两个字就用Twilio给我打电话",
  trig("schedule"), sched(every_minutes=30), anyof(core("web_page_check"), http("tickets.example.cn")),
  svc("twilio", "create"), guarded(svc("twilio"), "有票"), SAT, NQ)
R("做一个公司内部的问答机器人：员工在聊天窗口里提问，AI上网搜索找答案，并且要记得之前聊过的内容",
  trig("chat"), ai("agent"), core("web_search_tool"), core(["buffer_memory", "redis_memory", "postgres_memory"]), NQ)
R("每天凌晨3点把SharePoint上“合同”文件夹里的文件备份到OneDrive",
  trig("schedule"), sched(at="03:00"), svc("sharepoint", "read"), svc("onedrive", "create"),
  order(svc("sharepoint", "read"), svc("onedrive", "create")), NQ)
R("Stripe收到付款成功的通知时，如果是第一次付款的新客户，就加到Mailchimp的“新客户”列表里并发一条欢迎短信；老客户只在Airtable里记一笔",
  trig("app_event", "stripe", ["payment", "succe", "charge", "invoice"]), MAILCHIMP_ADD, SMS, AIRTABLE_ADD,
  branches(MAILCHIMP_ADD, AIRTABLE_ADD), branches(SMS, AIRTABLE_ADD), SAT, NQ)
R("每天中午12点调用 https://api.rates.example.com/latest?base=USD 查汇率，美元兑人民币超过7.3的话就在钉钉群里提醒财务换汇",
  trig("schedule"), sched(at="12:00"), http("api.rates.example.com"), DINGTALK,
  guarded(DINGTALK, ["cny", "rate", "汇率"]), order(http("api.rates.example.com"), DINGTALK), SAT, NQ)
R("Trello看板“市场部”里有新卡片，就在Taiga里建一个对应的用户故事",
  trig("app_event", "trello"), svc("taiga", "create"), NQ)
R("Facebook主页上有新留言时，用AI判断是不是广告或垃圾信息，不是的话转到飞书运营群",
  trig("app_event", "facebook", ["feed", "comment", "mention"]), ai("any"), FEISHU,
  guarded(FEISHU), order(ai("any"), FEISHU), SAT, NQ)
R("每周日晚上8点，统计这周Linear里完成的issue，按项目算数量，发到Slack的#weekly频道",
  trig("schedule"), sched(at="20:00", weekday="sunday"), svc("linear", "read"),
  anyof(core(["aggregate", "code"]), ai("any")), SLACK, order(svc("linear", "read"), SLACK), NQ)
R("Box里有新文件上传，如果文件名包含“发票”，就用AI提取金额和供应商，存到SeaTable里",
  trig("app_event", "box", "upload"), ai("extract"), svc("seatable", "create"),
  either(guarded(ai("extract"), ["name", "发票"]), trigger_text("发票")),
  order(ai("extract"), svc("seatable", "create")), NQ)
R("客户在Calendly上预约之后，在飞书上给销售发个消息，再在HubSpot里建联系人",
  trig("app_event", "calendly", "invitee"), FEISHU, HUBSPOT_ADD, NQ)
R("Shopify订单付款后按收货国家分流：中国的推到我们ERP接口 https://erp.example.cn/api/orders ，日本的推到 https://jp.3pl.example.com/orders ，其他国家发邮件给 logistics@acme.cn 让人工处理",
  trig("app_event", "shopify", ["paid", "order"]), http("erp.example.cn"), http("jp.3pl.example.com"), EMAIL,
  branches(http("erp.example.cn"), http("jp.3pl.example.com"), EMAIL), guarded(http("erp.example.cn"), "country"), SAT, NQ)
R("有人在Typeform上申请试用以后，马上发一封欢迎邮件，3天后再用Brevo发第二封使用技巧的邮件",
  trig("app_event", "typeform", ["form", "submi"]), anyof(EMAIL, svc(["brevo", "sendgrid", "mailgun"], "create")),
  WAIT, svc("brevo", "create"), order(WAIT, svc("brevo", "create")), NQ)
R("每天早上7点用Perplexity搜一下昨天关于“固态电池”的新闻，整理成简报发到我邮箱",
  trig("schedule"), sched(at="07:00"), svc("perplexity"), EMAIL, order(svc("perplexity"), EMAIL), NQ)
R("GitLab有新的merge request就在钉钉群里通知审核的同事",
  trig("app_event", "gitlab", "merge"), DINGTALK, NQ)
R("谷歌表格“库存”里哪个商品的数量被改成0了，就在WooCommerce把这个商品下架（改成草稿）",
  trig("app_event", "google_sheets", ["update", "any"]), svc("woocommerce", "update"),
  guarded(svc("woocommerce", "update"), ["数量", "qty", "quantity", "stock", "库存"]), SAT, NQ)
R("每小时从Snowflake读取最新的风控评分，评分高于90的订单在企业微信里报警，60到90之间的写进Airtable等人工复核，其余的不用管",
  trig("schedule"), sched(every_minutes=60), svc("snowflake"), WECOM, AIRTABLE_ADD,
  branches(WECOM, AIRTABLE_ADD), guarded(WECOM, ["score", "评分"]), guarded(AIRTABLE_ADD, ["score", "评分"]), SAT, NQ)
R("每天下午4点看看Google Tasks里今天到期还没完成的任务，有的话发Telegram提醒我，没有就别发",
  trig("schedule"), sched(at="16:00"), svc("google_tasks", "read"), TELEGRAM, guarded(TELEGRAM), SAT, NQ)
R("每天检查一次我们域名在Cloudflare上的DNS记录，要是跟前一天不一样（被人改过），就发邮件告诉我",
  trig("schedule"), sched(every_minutes=1440), svc("cloudflare", "read"), EMAIL, guarded(EMAIL), SAT, NQ)
R("手动运行：从MongoDB取出所有状态是“待审核”的文章，一篇一篇用AI润色，然后发布到Medium",
  trig("manual"), MONGO, ai("any"), svc("medium", "create"), order(MONGO, ai("any")),
  order(ai("any"), svc("medium", "create")), NQ)

# ================================================================ vague: the right answer is a question
R("can you automate our invoices",
  asks("which", "what", "where", "how", "invoice", "tool"))
R("I need something that keeps my team in the loop",
  asks("which", "what", "team", "channel", "notify", "how", "about"))
R("Hook up Stripe",
  asks("what", "which", "when", "stripe", "happen"))
R("帮我做个提醒",
  asks("什么", "哪", "何时", "时候", "提醒", "when", "what"))
R("每天给我发个报告",
  asks("什么", "哪", "报告", "内容", "数据", "what", "which"))

# ================================================================ edits of a prior (P1–P20)
R("skip weekends — only run it Monday to Friday — and post the summary to Mattermost as well as Slack",
  sched(at="08:00", weekday="monday"), sched(weekday="friday"), MATTERMOST, SLACK,
  order(ai("summarize"), MATTERMOST), kept("n2", "n3", "n4"), NQ, prior=P1)
R("如果接口返回的数据是空的，就别发Slack了，改成给我发封邮件说今天没数据",
  guarded(SLACK), EMAIL, branches(SLACK, EMAIL), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P1)
R("Leads with a .edu email are students: don't save them to the sheet, just send them a polite 'we only work with businesses' email through Mailgun",
  guarded(SHEETS_ADD, ["edu", "email"]), svc("mailgun", "create"), branches(SHEETS_ADD, svc("mailgun", "create")),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P2)
R("Jira每次有新问题，除了在monday建条目，也在Todoist里给我加一个待办",
  svc("todoist", "create"), kept("n1", "n2", "n3"), NQ, prior=P3)
R("swap BestBuy for Walmart, the page is https://www.walmart.com/ip/ps5-console/123456",
  anyof(core("web_page_check", "walmart"), http("walmart")),
  removed(anyof(core("web_page_check", "bestbuy"), http("bestbuy"))), kept("n1", "n3", "n4"), NQ, prior=P4)
R("价格也要看一下：有货而且价格低于3999的时候才给我发邮件",
  EMAIL, guarded(EMAIL, ["price", "价格"]), kept("n1", "n2", "n4"), SAT, NQ, prior=P4)
R("Before classifying, throw away anything sent from a noreply@ or mailer-daemon address",
  guarded(ai("classify"), ["from", "sender", "noreply"]), kept("n1", "n2", "n3", "n4", "n5"), SAT, NQ, prior=P5)
R("账单类的别再进Zendesk了，改成在Freshdesk建工单",
  FRESHDESK_ADD, removed(ZENDESK_ADD), guarded(FRESHDESK_ADD), kept("n1", "n2", "n3", "n5"), NQ, prior=P5)
R("orders tagged 'wholesale' should go to the #wholesale channel instead of #orders",
  svc("slack", "create", "wholesale"), svc("slack", "create", "#orders"), kept("n1", "n2"), NQ, prior=P6)
R("查询结果为空的时候就不要发钉钉了",
  guarded(DINGTALK), kept("n1", "n2", "n3"), SAT, NQ, prior=P7)
R("Also keep each day's numbers in a Snowflake table so we have the history",
  svc("snowflake", "create"), DINGTALK, kept("n1", "n2", "n3"), order(POSTGRES, svc("snowflake", "create")), NQ, prior=P7)
R("for the negative ones, also bump the ticket's priority to urgent in Zendesk",
  svc("zendesk", "update"), guarded(svc("zendesk", "update")), kept("n1", "n2", "n3", "n4"), NQ, prior=P8)
R("HubSpot不用了，换成Zoho CRM，作为线索(lead)创建",
  svc("zoho_crm", "create"), removed(svc("hubspot")), kept("n1", "n3"), NQ, prior=P9)
R("Critical alerts should also open a PagerDuty incident",
  PAGERDUTY_ADD, guarded(PAGERDUTY_ADD, "severity"), SMS, kept("n1", "n2", "n3", "n4"), NQ, prior=P10)
R("顺便把点star的人的GitHub用户名记到Baserow表里",
  svc("baserow", "create"), DISCORD, kept("n1", "n2"), NQ, prior=P11)
R("send it to our Matrix room as well as Telegram, and drop the AI summary — title and link are enough",
  MATRIX, TELEGRAM, removed(ai("summarize")), kept("n1", "n3"), NQ, prior=P12)
R("审批人改成财务总监 cfo@acme.io，48小时内没人处理就当作拒绝，照样通知申请人",
  {"approval": True, "text": "cfo@acme.io"}, {"approval": True, "text": "48"}, AIRTABLE_ADD, EMAIL,
  kept("n1", "n3", "n4"), NQ, prior=P13)
R("run it only on weekdays, at 9:30 instead of 10",
  sched(at="09:30", weekday="monday"), kept("n2", "n3", "n4"), NQ, prior=P14)
R("如果注册邮箱在Postgres里已经有了，就返回409，不要重复插入，也别加到Mailchimp",
  core("webhook_response", "409"), guarded(MAILCHIMP_ADD), branches(core("webhook_response", "409"), MAILCHIMP_ADD),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P15)
R("post the weekly numbers to our Zulip stream 'eng' too",
  ZULIP, TEAMS, order(core("aggregate"), ZULIP), kept("n1", "n2", "n3", "n4"), NQ, prior=P16)
R("要是AI没提取出合同金额，就在钉钉上提醒法务手动补一下",
  DINGTALK, guarded(DINGTALK, ["amount", "金额"]), unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P17)
R("Don't alert on failures of the 'nightly-cleanup' workflow, it fails all the time and nobody cares",
  guarded(SLACK, ["workflow", "name", "nightly-cleanup"]), kept("n1", "n2"), SAT, NQ, prior=P18)
R("打分这一步改用Claude来做",
  CLAUDE, order(CLAUDE, {"condition_node": True}), kept("n1", "n3", "n4"), NQ, prior=P19)
R("备份之前先把Notion的数据转成CSV，文件名里带上当天日期",
  anyof(core(["code", "set_fields", "text_template", "write_file", "n8n_node"], "csv"), svc("dropbox", "create", "csv")),
  svc("dropbox", "create", ["now", "date", "today"]), order(svc("notion", "read"), svc("dropbox", "create")),
  kept("n1", "n2"), NQ, prior=P20)
R("能不能让它每天凌晨2点自动跑一次？",
  UNCHANGED, prior=P20, note="the prior already runs every day at 02:00; the right answer is no change")


# ================================================================ output
def build() -> list[dict[str, Any]]:
    return fresh_rows.rows_of(REQUESTS, PREFIX, SPLIT, TOP_TEN)


composition = fresh_rows.composition


def main() -> None:
    fresh_rows.write(build(), OUT)


if __name__ == "__main__":
    main()
