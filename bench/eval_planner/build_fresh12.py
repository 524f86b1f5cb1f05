# ruff: noqa: E501
"""Builds ``requests_fresh12.jsonl``: a twelfth fresh set for the planner, written blind (diagnostic).

Who and when: a helper session started by the project's lead wrote these 100 requests (ids
``s000``–``s099``, ``"split": "fresh12"``) on 2026-12-07 between 15:49 and 15:57 UTC (machine clock,
``date -u``), in its own worktree ``/work/wt-fresh12`` on branch ``fresh12``.

What it read: the layout of this file came from ``build_fresh10.py`` (its module docstring, its
import block and the thirty lines after it only; none of its requests); ``build_set.py`` for
the helpers, check kinds and the priors P1–P20; ``fresh_rows.py``; ``checks.py`` for what each
check kind means; ``test_fresh_set.py``; the set and check sections of ``docs/evaluation.md``
(no results section); the catalog (``docs/catalog.md``, ``src/flowsmith/core/catalog/``) so
that apps, operations and trigger events are real; and in ``run.py`` only the lines that
register sets. It did not open the planner or agent code (``src/flowsmith/planner/``,
``src/flowsmith/agent/``), ``tests/``, any ``requests*.jsonl``, any other ``build_fresh*.py``
body, ``test_fresh3_set.py``, ``test_fresh7_set.py``, ``ops_sweep.py``, ``recheck.py`` or any
``run-*.json``; it never ran the planner, the server, ``make run``, ``run.py`` or the
``flowsmith`` CLI. Slips: none known. (``test_fresh_set.py`` loads the other fresh sets'
files to compare and well-form-check them; its runs were read for pass/fail counts only.)

How it was written: the ordinary mix of what new users type, weighted to multi-step chains
(fetch or read, then filter / sort / limit / dedupe / aggregate / template, then an AI step —
summarise, classify, extract, translate, agent — then send or store), with loops, waits,
approvals with approved/rejected paths, webhooks that must answer, forms, incoming email, RSS,
error and chat triggers, and schedules said many ways ("every other Monday", "on the 1st",
"每月1号", "工作日早上九点半", "下班前"). 50 English and 50 Chinese requests (app names kept in
English inside Chinese, as users type them, and a few typos); 25 edits of the priors P1–P20
(every prior once, five twice; add before/after/also, remove, replace an app, change a
parameter or the schedule, guard a step, add an otherwise path), every one with ``kept_ids``;
about two in five carry a condition; four vague requests whose right answer is a question. Each
request was typed first, then its checks from what a demanding user would insist on and no more:
``either``/``anyof`` where two graphs are equally right (a filter in the query or on the trigger
instead of an IF, a cron instead of a weekday IF, a code node instead of an aggregate),
``condition_satisfiable`` only where an IF/Switch/Filter is the only reasonable way. Long tail
counts, as in fresh10, apps beyond the brief's ten plus HubSpot, Airtable and Trello. After
writing, a throwaway script checked every ``service``+``verb`` selector against the catalog's
operations and every trigger ``event_like`` word against the app's events (499 selectors,
subtypes and event words in all; none failed). A first draft had 66 long-tail requests, twice
what the brief asked; 28 of them were rewritten onto common apps (a plain form instead of
Typeform, HubSpot instead of Salesforce, Telegram or Slack instead of DingTalk and Teams, an HTTP
API instead of MySQL or Stripe, GitHub instead of Linear) before any check was final, leaving 38
(13 of them edits of priors that hold a long-tail app). Final counts: 50 English / 50 Chinese,
43 with a condition, 25 edits, 38 long tail, 4 vague. ``test_fresh_set.py`` holds hand-written
right workflows for five creates (s007, s011, s028, s038, s044) and three edits (s075, s086,
s096) that pass every check, and checks that each edit's prior left unchanged fails.

    .venv/bin/python bench/eval_planner/build_fresh12.py   # rewrites requests_fresh12.jsonl
    .venv/bin/pytest bench/eval_planner/test_fresh_set.py  # well formed, without the planner

No check may be changed after the set has been run (see docs/evaluation.md).
"""

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
    CLICKUP_ADD,
    DINGTALK,
    DISCORD,
    EMAIL,
    FEISHU,
    GH_ISSUE,
    GMAIL,
    HUBSPOT_ADD,
    LINEAR_ADD,
    MAILCHIMP_ADD,
    MONDAY_ADD,
    NOTION_ADD,
    NQ,
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
    SAT,
    SHEETS_ADD,
    SHEETS_READ,
    SHEETS_UPDATE,
    SLACK,
    SMS,
    TEAMS,
    TELEGRAM,
    TOP_TEN,
    TRELLO_ADD,
    WAIT,
    WEBHOOK_RESPONSE,
    WECOM,
    ZENDESK_ADD,
    ai,
    anyof,
    appr,
    asks,
    avoiding,
    both_paths,
    branches,
    cond_text,
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

OUT = HERE / "requests_fresh12.jsonl"
SPLIT = "fresh12"
PREFIX = "s"

# common: the brief's ten plus HubSpot, Airtable and Trello (as fresh10 counts it)
COMMON = TOP_TEN | {"hubspot", "airtable", "trello"}

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))


# schedule phrasings and selectors used more than once
WEEKDAYS_ONLY = either(trigger_text(["1-5", "mon-fri"]), cond_text(["weekday", "dayofweek", "day_of_week", "getday", "isoweekday", "weekend"]))
FIRST_OF_MONTH = either(trigger_text([" 1 * *"]), cond_text(["getdate", ".day", "dayofmonth", "day_of_month", "date()"]))
EVERY_OTHER_WEEK = either(sched(every_minutes=20160), cond_text(["week", "周"]))
COUNTED = anyof(core("aggregate"), core("code"))
PUSHOVER = svc("pushover", "create")
VONAGE = svc("vonage", "create")
LINE_MSG = svc("line", "create")
MATTERMOST = svc("mattermost", "create")
OPSGENIE = svc("opsgenie", "create")
PAGERDUTY = svc("pagerduty", "create")
QUICKBOOKS = svc("quickbooks", "create")
PIPEDRIVE_ADD = svc("pipedrive", "create")
FRESHDESK_ADD = svc("freshdesk", "create")
EXCEL_ADD = svc("excel_365", "create")
GDRIVE_UP = svc("google_drive", "create")
WHATSAPP = svc("whatsapp", "create")
CONVERTKIT = svc("convertkit", "create")
TWILIO_CALL = svc("twilio", "create", text="call")
GH_FILE = svc("github", "create", text=["backup", "json"])
MAIL_TO_CEO = anyof(core(["send_email", "gmail_send"], "ceo"), svc(["gmail", "outlook", "microsoft_outlook"], "create", text="ceo"))


# ================================================================ creates, English
R("every weekday at 8:15 pull yesterday's closed tickets from HubSpot, count them per owner and post the numbers in slack #support-stats",
  trig("schedule"), sched(at="08:15"), WEEKDAYS_ONLY, svc("hubspot", "read"), COUNTED, SLACK,
  order(svc("hubspot", "read"), SLACK), NQ)
R("When someone submits our 'Book a demo' form, look up their company with GET https://api.clearco.example/v1/company?domain={{domain}}. If the company has more than 50 employees create a deal in Pipedrive, otherwise just add them to the Mailchimp nurture list.",
  trig("form"), http("clearco.example"), PIPEDRIVE_ADD, MAILCHIMP_ADD, branches(PIPEDRIVE_ADD, MAILCHIMP_ADD),
  guarded(PIPEDRIVE_ADD, ["employee", "size", "headcount"]), order(http("clearco.example"), PIPEDRIVE_ADD), SAT, NQ)
R("rss https://news.ycombinator.com/rss -> for each new item ask AI if it's about databases, and only if yes post it to our discord #db-news",
  trig("rss"), ai("any"), DISCORD, guarded(DISCORD), order(ai("any"), DISCORD), NQ)
R("Every other Monday at 10am, read the last two weeks of rows from our 'Timesheet' Google Sheet, total the hours per project and email the summary to finance@ourstudio.co",
  trig("schedule"), sched(at="10:00", weekday="monday"), EVERY_OTHER_WEEK, SHEETS_READ,
  anyof(core("aggregate"), core("code"), ai("any")), EMAIL, order(SHEETS_READ, EMAIL), NQ)
R("webhook from our checkout page sends the cart items. dedupe them by sku, sort by price high to low, and answer the request with the sorted list",
  trig("webhook"), core("remove_duplicates"), core("sort"), WEBHOOK_RESPONSE,
  order(core("sort"), WEBHOOK_RESPONSE), order(core("remove_duplicates"), WEBHOOK_RESPONSE), NQ)
R("When a new email lands in our support inbox, have AI pull out the order number and what the customer is complaining about, look that order up in Shopify, then open a Zendesk ticket with all of it",
  trig("email"), ai("extract"), svc("shopify", "read"), ZENDESK_ADD,
  order(ai("extract"), svc("shopify", "read")), order(svc("shopify", "read"), ZENDESK_ADD), NQ)
R("Go through every row of my 'Suppliers' google sheet and send each supplier a personalised gmail asking for their updated price list. wait 2 seconds between emails so gmail doesnt block me",
  SHEETS_READ, GMAIL, order(SHEETS_READ, GMAIL), WAIT, order(SHEETS_READ, WAIT), NQ)
R("Expense form with employee, email, amount and receipt. Anything over 300 EUR needs approval from finance@corp.eu by email: approved ones get created as a bill in QuickBooks, rejected ones get an email back to the employee. Under 300 goes straight into QuickBooks.",
  trig("form"), APPROVAL, guarded(APPROVAL, "amount"), QUICKBOOKS, avoiding(QUICKBOOKS, APPROVAL),
  order(APPROVAL, QUICKBOOKS), EMAIL, branches(QUICKBOOKS, EMAIL), SAT, NQ)
R("Hourly: get unresolved issues of our Sentry project 'web', keep only the ones with more than 100 events and create a PagerDuty incident for each",
  trig("schedule"), sched(every_minutes=60), svc("sentry_io", "read"), PAGERDUTY,
  either(guarded(PAGERDUTY, ["count", "event"]), svc("sentry_io", "read", text="100")),
  order(svc("sentry_io", "read"), PAGERDUTY), NQ)
R("Translate each new post from https://blog.example.de/feed.xml from German to English and save the translation as a page in our Notion 'Blog' database",
  trig("rss"), ai("translate"), NOTION_ADD, order(ai("translate"), NOTION_ADD), NQ)
R("when a deal is created in HubSpot, wait 3 days, then if the deal stage is still 'appointmentscheduled' email the deal owner a nudge",
  trig("app_event", "hubspot", "deal"), WAIT, EMAIL, order(WAIT, EMAIL), guarded(EMAIL, "stage"), SAT, NQ)
R("Our sensors call a webhook with temperature readings. Respond 200 right away. If temp is above 40 send a Pushover alert, if it's below 0 text me with Vonage, otherwise just insert the reading into TimescaleDB.",
  trig("webhook"), WEBHOOK_RESPONSE, unguarded(WEBHOOK_RESPONSE), PUSHOVER, VONAGE, svc("timescaledb", "create"),
  branches(PUSHOVER, VONAGE, svc("timescaledb", "create")), SAT, NQ)
R("Every Sunday night at 11pm back up all records of my Airtable 'Inventory' table as a JSON file in our GitHub repo acme/backups",
  trig("schedule"), sched(at="23:00", weekday="sunday"), svc("airtable", "read"), GH_FILE,
  order(svc("airtable", "read"), GH_FILE), NQ)
R("our payment provider hits a webhook for every successful payment → add a row to the 'Revenue' sheet → if the amount is above 1000 USD also post 🎉 in slack #wins",
  trig("webhook"), SHEETS_ADD, unguarded(SHEETS_ADD), SLACK, guarded(SLACK, "amount"), SAT, NQ)
R("Every morning at 7 get the forecast for Lisbon from https://api.open-meteo.com/v1/forecast?latitude=38.7&longitude=-9.1&hourly=precipitation_probability and if the rain probability is over 60% send me a Telegram to take an umbrella",
  trig("schedule"), sched(at="07:00"), http("open-meteo.com"), TELEGRAM, guarded(TELEGRAM, ["precip", "rain", "probab"]),
  order(http("open-meteo.com"), TELEGRAM), SAT, NQ)
R("When a pull request is opened on acme/api in GitHub, let an AI review the title and description and post its review back as a comment on the PR",
  trig("app_event", "github", ["pull_request", "pullrequest"]), ai("any"), svc("github", "create"),
  order(ai("any"), svc("github", "create")), NQ)
R("a chat bot on our site that answers questions about our return policy with an AI agent",
  trig("chat"), ai("agent"), NQ)
R("if any of my workflows fails, post the error into Mattermost channel ~alerts and raise an Opsgenie alert",
  trig("error"), MATTERMOST, OPSGENIE, NQ)
R("Bug report form (title, steps to reproduce, severity). Always create a GitHub issue in acme/app; if severity is critical also ping #eng-oncall on Slack.",
  trig("form"), GH_ISSUE, both_paths(GH_ISSUE), SLACK, guarded(SLACK, "severity"), SAT, NQ)
R("On the 1st of every month at 9:00 read our 'Invoices' Google Sheet, keep the unpaid ones and send each client a polite payment reminder by email",
  trig("schedule"), FIRST_OF_MONTH, sched(at="09:00"), SHEETS_READ,
  either(guarded(EMAIL, ["paid", "status", "balance"]), svc("google_sheets", "read", text="unpaid")),
  order(SHEETS_READ, EMAIL), NQ)
R("Whenever someone books a meeting through Calendly, create a Zoom meeting and then send the invitee the Zoom link from my gmail",
  trig("app_event", "calendly", "invitee"), svc("zoom", "create"), GMAIL, order(svc("zoom", "create"), GMAIL), NQ)
R("Each night at 1:30, GET https://shop.example.com/api/orders?status=stuck, then for each order call POST https://ops.internal.example/retry with its id. After that, post in Slack how many got retried.",
  trig("schedule"), sched(at="01:30"), http("shop.example.com"), http("ops.internal.example"), SLACK,
  order(http("shop.example.com"), http("ops.internal.example")), order(http("ops.internal.example"), SLACK), NQ)
R("if a new Typeform response says the customer is 'very unhappy', open a Help Scout conversation so support reaches out",
  trig("app_event", "typeform", ["form", "submit"]), svc("help_scout", "create"),
  guarded(svc("help_scout", "create"), ["unhappy", "satisf", "rating", "score", "answer"]), SAT, NQ)
R("Check https://competitor.example.com/pricing every 6 hours, pull the plan prices out of the html and if the Pro plan drops below $49 alert me on Telegram",
  trig("schedule"), sched(every_minutes=360), http("competitor.example.com"), anyof(core("html_extract"), ai("extract")),
  TELEGRAM, guarded(TELEGRAM, ["price", "pro"]), order(http("competitor.example.com"), TELEGRAM), SAT, NQ)
R("Every weekday 5:45pm: fetch the cards in the 'Done' list of our Trello board, have AI write a short standup-style summary, post it in Discord",
  trig("schedule"), sched(at="17:45"), WEEKDAYS_ONLY, svc("trello", "read"), ai("summarize"), DISCORD,
  order(svc("trello", "read"), ai("summarize")), order(ai("summarize"), DISCORD), NQ)
R("A webhook receives a list of event attendees. Split it into one item per attendee, remove duplicate emails, add each one to our Airtable 'Attendees' table and respond with how many were added.",
  trig("webhook"), core("split_out"), core("remove_duplicates"), AIRTABLE_ADD, WEBHOOK_RESPONSE,
  order(core("remove_duplicates"), AIRTABLE_ADD), NQ)
R("automate our invoices pls",
  asks("invoice", "which", "what", "where", "how"))
R("When a new product is created in WooCommerce, write an SEO description for it with OpenAI and update the product with that description",
  trig("app_event", "woocommerce", "product"), ai("any"), svc("woocommerce", "update"),
  order(ai("any"), svc("woocommerce", "update")), NQ)
R("People request repo access on an internal form. Ask @maria in Slack to approve. Approved: add them to the acme org with PUT https://api.github.com/orgs/acme/memberships/{username}. Rejected: email them that it was declined.",
  trig("form"), appr("maria"), anyof(http("api.github.com"), svc("github")), EMAIL,
  branches(anyof(http("api.github.com"), svc("github")), EMAIL), NQ)
R("ping me on LINE when a Gumroad sale over $100 comes in",
  trig("app_event", "gumroad", "sale"), LINE_MSG,
  either(guarded(LINE_MSG, ["price", "amount", "total"]), trigger_text("100")), NQ)
R("Each Friday at 3pm read the 'Hiring pipeline' database in Notion, keep candidates whose status is Offer, sort them by start date and send the list to hr@company.io",
  trig("schedule"), sched(at="15:00", weekday="friday"), svc("notion", "read"),
  either(cond_text(["offer", "status"]), svc("notion", "read", text="offer")), core("sort"), EMAIL,
  order(core("sort"), EMAIL), NQ)
R("When someone signs up on our webinar form, wait 15 min and then email them the link to the recording",
  trig("form"), WAIT, EMAIL, order(WAIT, EMAIL), NQ)
R("Daily at noon, get the last 24h of signups from GET https://api.myapp.io/admin/signups, loop over them, enrich each email via GET https://person.example.io/v2/lookup and create them as contacts in HubSpot",
  trig("schedule"), sched(at="12:00"), http("api.myapp.io"), core("loop"), http("person.example.io"), HUBSPOT_ADD,
  order(http("api.myapp.io"), http("person.example.io")), order(http("person.example.io"), HUBSPOT_ADD), NQ)
R("watch https://status.aws.amazon.com/rss/all.rss and when a new entry mentions eu-west-1 post it to our discord #infra channel",
  trig("rss"), DISCORD, guarded(DISCORD, "eu-west-1"), SAT, NQ)
R("Whenever a receipt gets emailed to receipts@mycompany.com, extract vendor, date and total with AI and append them as a row to my 'Expenses' Google Sheet",
  trig("email"), ai("extract"), SHEETS_ADD, order(ai("extract"), SHEETS_ADD), NQ)
R("When I recieve an SMS on my Twilio number, figure out whether it's STOP, HELP or something else. STOP: update the contact in ActiveCampaign as unsubscribed. HELP: text back our support number. Anything else: forward it to my email.",
  trig("app_event", "twilio", "sms"), svc("activecampaign", "update"), SMS, EMAIL,
  branches(svc("activecampaign", "update"), SMS, EMAIL), NQ)
R("when someone submits our 'cancel my subscription' form, log their email and the date in Airtable, and if they had been a customer for more than a year send me a Telegram",
  trig("form"), AIRTABLE_ADD, unguarded(AIRTABLE_ADD), TELEGRAM,
  guarded(TELEGRAM, ["since", "date", "year", "month", "customer", "joined"]), SAT, NQ)
R("set something up for our team notifications",
  asks("notif", "which", "what", "where", "channel", "when"))


# ================================================================ creates, Chinese
R("工作日早上九点半，从Jira拉取昨天新建的bug，按优先级排序，取前5条，用AI写个摘要发到飞书群",
  trig("schedule"), sched(at="09:30"), WEEKDAYS_ONLY, svc("jira", "read"), core("sort"), core("limit"),
  ai("summarize"), FEISHU, order(svc("jira", "read"), core("sort")), order(core("sort"), core("limit")),
  order(ai("summarize"), FEISHU), NQ)
R("每月1号早上8点，从 https://api.myshop.cn/v1/payments?range=last_month 拉上个月的收款，按币种合计一下，发邮件给财务 caiwu@gongsi.cn",
  trig("schedule"), FIRST_OF_MONTH, sched(at="08:00"), http("myshop.cn"), COUNTED, EMAIL,
  order(http("myshop.cn"), EMAIL), NQ)
R("官网的试用申请表单有人提交后，等10分钟，再用企业微信通知销售去跟进",
  trig("form"), WAIT, WECOM, order(WAIT, WECOM), NQ)
R("收到新邮件时，如果发件人是 @bigclient.com 的，用AI总结一下内容发到我的Telegram；别的邮件不用管",
  trig("email"), ai("summarize"), TELEGRAM, order(ai("summarize"), TELEGRAM),
  either(guarded(TELEGRAM, ["bigclient", "from", "sender"]), trigger_text("bigclient")), NQ)
R("每隔一周的周一上午10点，读Google Sheets里的项目进度表，把状态是“延期”的项目整理成一个列表发到Slack #pm",
  trig("schedule"), sched(at="10:00", weekday="monday"), EVERY_OTHER_WEEK, SHEETS_READ, SLACK,
  guarded(SLACK, ["延期", "status", "状态"]), order(SHEETS_READ, SLACK), SAT, NQ)
R("网店有新订单会推送到我们的webhook，收到后在Google表格加一行，金额超过2000的再发个Telegram消息给老板",
  trig("webhook"), SHEETS_ADD, unguarded(SHEETS_ADD), TELEGRAM,
  guarded(TELEGRAM, ["total", "price", "amount", "金额"]), SAT, NQ)
R("做一个webhook接口：接收订单JSON，检查手机号是不是空的，不空就写入Airtable并返回{code:0}，空的话返回400",
  trig("webhook"), AIRTABLE_ADD, WEBHOOK_RESPONSE, guarded(AIRTABLE_ADD, ["phone", "mobile", "手机"]),
  branches(AIRTABLE_ADD, core("webhook_response", "400")), SAT, NQ)
R("每天晚上10点，把当天已解决的Zendesk工单拉出来，用AI判断客户情绪，负面的汇总后发邮件给客服主管",
  trig("schedule"), sched(at="22:00"), svc("zendesk", "read"), ai("sentiment"), EMAIL,
  guarded(EMAIL, ["sentiment", "negative", "负面"]), order(svc("zendesk", "read"), ai("sentiment")),
  order(ai("sentiment"), EMAIL), NQ)
R("订阅 https://www.ruanyifeng.com/blog/atom.xml ，有新文章就翻译成英文发到我的Telegram频道",
  trig("rss"), ai("translate"), TELEGRAM, order(ai("translate"), TELEGRAM), NQ)
R("采购申请表单提交后，发邮件让部门经理审批；通过了就在Slack #purchasing 通知采购部，并在Airtable里记一条；驳回的话发邮件告诉申请人",
  trig("form"), APPROVAL, SLACK, AIRTABLE_ADD, EMAIL, order(APPROVAL, SLACK),
  branches(SLACK, EMAIL), branches(AIRTABLE_ADD, EMAIL), NQ)
R("GitHub仓库发了新release的时候，自动发一条推特",
  trig("app_event", "github", "release"), svc("twitter", "create"), NQ)
R("每小时查一次 https://api.coindesk.com/v1/bpi/currentprice.json ，比特币低于6万美元就发Telegram提醒我",
  trig("schedule"), sched(every_minutes=60), http("coindesk.com"), TELEGRAM, guarded(TELEGRAM, ["rate", "price", "usd", "bpi"]),
  order(http("coindesk.com"), TELEGRAM), SAT, NQ)
R("有人在报名表单上填了信息，就把他加到HubSpot联系人里，然后发一封欢迎邮件",
  trig("form"), HUBSPOT_ADD, EMAIL, order(HUBSPOT_ADD, EMAIL), NQ)
R("每周五下午5点，从HubSpot拉出本周新建的deal，按金额从大到小排，只留前10个，用模板拼成一段文字报告，发到Slack #sales",
  trig("schedule"), sched(at="17:00", weekday="friday"), svc("hubspot", "read"), core("sort"), core("limit"),
  anyof(core("text_template"), core("set_fields"), core("code")), SLACK,
  order(core("sort"), core("limit")), order(core("limit"), SLACK), NQ)
R("有人在Slack #help 频道发消息时，让AI判断一下是不是个问题，是的话在Notion的FAQ数据库里建一条待回答的记录",
  trig("app_event", "slack", "message"), ai("any"), NOTION_ADD, guarded(NOTION_ADD), order(ai("any"), NOTION_ADD), NQ)
R("帮我做个自动化，处理一下客户数据",
  asks("客户", "什么", "哪", "which", "what", "数据"))
R("工作流出错的时候给我发个Telegram消息，再发封邮件到 ops@xinchen.cn",
  trig("error"), TELEGRAM, EMAIL, NQ)
R("每天早上6点半，读Google表格里的库存表，库存低于安全库存的商品，每个在Trello建一张补货卡片",
  trig("schedule"), sched(at="06:30"), SHEETS_READ, TRELLO_ADD, order(SHEETS_READ, TRELLO_ADD),
  guarded(TRELLO_ADD, ["stock", "库存", "qty", "quantity"]), SAT, NQ)
R("客服邮箱收到新邮件，先用AI分个类（账单/技术/其他）：账单类转发到财务邮箱，技术类在GitHub建issue，其他的发到Slack",
  trig("email"), ai("classify"), EMAIL, GH_ISSUE, SLACK,
  branches(EMAIL, GH_ISSUE, SLACK), order(ai("classify"), GH_ISSUE), NQ)
R("webhook收到支付回调后马上返回success，然后把Supabase里这个订单的状态更新成已支付，再用WhatsApp通知客户",
  trig("webhook"), WEBHOOK_RESPONSE, svc("supabase", "update"), WHATSAPP,
  order(svc("supabase", "update"), WHATSAPP), NQ)
R("每周一早上9点，从Clockify拉上周的工时，按人汇总，超过45小时的人单独发飞书提醒HR",
  trig("schedule"), sched(at="09:00", weekday="monday"), svc("clockify", "read"), COUNTED, FEISHU,
  guarded(FEISHU, ["hour", "duration", "total", "小时", "工时"]), SAT, NQ)
R("表单收集客户反馈（姓名、邮箱、评分1-5、意见）。评分3分及以下的，用AI提炼问题要点后在Trello建一张卡片；4分以上的发感谢邮件",
  trig("form"), ai("any"), TRELLO_ADD, EMAIL, branches(TRELLO_ADD, EMAIL),
  guarded(TRELLO_ADD, ["评分", "score", "rating"]), order(ai("any"), TRELLO_ADD), SAT, NQ)
R("每天下午3点从 https://api.exchangerate.host/latest?base=USD 取汇率存进Google表格，人民币汇率高于7.3就发邮件提醒我",
  trig("schedule"), sched(at="15:00"), http("exchangerate.host"), SHEETS_ADD, unguarded(SHEETS_ADD), EMAIL,
  guarded(EMAIL, ["cny", "rate", "人民币"]), SAT, NQ)
R("GitLab有新的merge request时，让AI总结一下改了什么，发到钉钉群提醒审核人",
  trig("app_event", "gitlab", "merge"), ai("summarize"), DINGTALK, order(ai("summarize"), DINGTALK), NQ)
R("每天凌晨2点把MySQL的orders表导出来，去重以后上传到S3的backup桶",
  trig("schedule"), sched(at="02:00"), svc("mysql"), core("remove_duplicates"), svc("amazon_s3", "create"),
  order(core("remove_duplicates"), svc("amazon_s3", "create")), NQ)
R("收到退款申请表单时，在HubSpot里建一个ticket，同时在slack #finance 频道说一声",
  trig("form"), HUBSPOT_ADD, SLACK, NQ)
R("我们用Cal.com约面试。每当有人预约成功，把候选人信息加到Airtable招聘表，面试前一天再发邮件提醒面试官",
  trig("app_event", "cal_com", "booking"), AIRTABLE_ADD, WAIT, EMAIL, order(WAIT, EMAIL), NQ)
R("收到带发票附件的邮件，就把附件存到OneDrive的“发票”文件夹，再用AI提取金额和开票日期，记到Excel 365里",
  trig("email"), svc("onedrive", "create"), ai("extract"), EXCEL_ADD, order(ai("extract"), EXCEL_ADD),
  either(guarded(svc("onedrive", "create"), ["attach", "发票", "invoice"]), trigger_text(["attach", "invoice", "发票"])), NQ)
R("每5分钟轮询 https://api.jiankong.example.cn/alerts ，有新告警就推到企业微信，级别是P0的还要用Twilio打电话给值班同学",
  trig("schedule"), sched(every_minutes=5), http("jiankong.example.cn"), WECOM, TWILIO_CALL,
  guarded(TWILIO_CALL, ["level", "p0", "级别", "severity"]), SAT, NQ)
R("客户在网站聊天窗口提问时先让AI助手回答，AI答不了的转人工，发到Slack #support",
  trig("chat"), ai("any"), SLACK, guarded(SLACK), NQ)
R("每月15号上午10点在Slack #general 提醒大家提交上半月的工时",
  trig("schedule"), either(trigger_text(" 15 * *"), cond_text(["15"])), sched(at="10:00"), SLACK, NQ)
R("Pipedrive里有deal赢单（状态变成won）时，在QuickBooks开一张发票，再把发票号写回这个deal的备注",
  trig("app_event", "pipedrive", "deal"), QUICKBOOKS, svc("pipedrive", ["create", "update"]),
  order(QUICKBOOKS, svc("pipedrive", ["create", "update"])),
  either(guarded(QUICKBOOKS, ["won", "status"]), trigger_text("won")), NQ)
R("每天早上8点抓一下 https://news.ycombinator.com/ 首页，让AI挑出和AI相关的前5条，翻译成中文发邮件给我",
  trig("schedule"), sched(at="08:00"), http("news.ycombinator.com"), ai("any"), EMAIL,
  order(http("news.ycombinator.com"), ai("any")), order(ai("any"), EMAIL), NQ)
R("帮我搞个自动化，把那些东西每天同步一下",
  asks("什么", "哪", "同步", "which", "what", "从", "source"))
R("SurveyMonkey有新问卷回复时，用DeepL翻成中文，然后写进SeaTable",
  trig("app_event", "surveymonkey", "response"), ai("translate"), svc("seatable", "create"),
  order(ai("translate"), svc("seatable", "create")), NQ)
R("新用户注册走webhook：先查Redis看这个邮箱是不是已经注册过，重复的直接返回409；不重复就在Brevo建联系人、发欢迎邮件模板，最后返回201",
  trig("webhook"), svc("redis"), svc("brevo", "create"), core("webhook_response", "409"),
  branches(core("webhook_response", "409"), svc("brevo", "create")), guarded(svc("brevo", "create")),
  order(svc("redis"), svc("brevo", "create")), NQ)
R("每天下班前（18:00）把Google表格里今天新增的报销记录拿出来，金额大于1000的逐条发邮件给财务审批，审批通过的在表格里标记为已批准",
  trig("schedule"), sched(at="18:00"), SHEETS_READ, APPROVAL, guarded(APPROVAL, ["amount", "金额"]),
  SHEETS_UPDATE, order(APPROVAL, SHEETS_UPDATE), guarded(SHEETS_UPDATE), SAT, NQ)


# ================================================================ edits (P1–P20; five twice)
R("before the summary step, drop rows where revenue is 0 and sort what's left by revenue, highest first",
  core("sort"), order(http("api.example.com"), core("sort")), order(core("sort"), ai("summarize")),
  guarded(ai("summarize"), "revenue"), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P1)
R("改成每个工作日早上九点半跑",
  sched(at="09:30"), WEEKDAYS_ONLY, kept("n2", "n3", "n4"), NQ, prior=P1)
R("answer the webhook with {\"received\": true} right after the row is saved, and only email me when the lead's country is US",
  WEBHOOK_RESPONSE, order(SHEETS_ADD, WEBHOOK_RESPONSE), unguarded(SHEETS_ADD), guarded(GMAIL, "country"),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P2)
R("monday.com 换成 ClickUp",
  CLICKUP_ADD, removed(MONDAY_ADD), kept("n1", "n3"), NQ, prior=P3)
R("check every 20 minutes instead, and when it's in stock also text me through Twilio",
  sched(every_minutes=20), SMS, guarded(SMS, "stock"), kept("n2", "n3", "n4"), NQ, prior=P4)
R("分类之前先用AI把邮件内容翻译成中文",
  ai("translate"), order(ai("translate"), core("text_classifier")), kept("n1", "n2", "n3", "n4", "n5"), NQ, prior=P5)
R("emails that are neither billing nor bug should get an auto reply from gmail saying we got it",
  GMAIL, branches(svc("zendesk"), svc("jira"), GMAIL), kept("n1", "n2", "n3", "n4", "n5"), NQ, prior=P5)
R("Swap Slack for Discord, and wait 5 minutes before sending the message",
  DISCORD, removed(SLACK), WAIT, order(WAIT, DISCORD), kept("n1", "n2"), NQ, prior=P6)
R("只有已经付款的订单才记到表格里",
  either(guarded(SHEETS_ADD, ["paid", "financial", "status", "付款"]), trig("app_event", "shopify", "paid")),
  kept("n1", "n2", "n3"), NQ, prior=P6)
R("发钉钉之前先按销售额从高到低排个序，只留前三个大区",
  either(order(core("sort"), DINGTALK), svc("postgres", text="desc")),
  either(order(core("limit"), DINGTALK), svc("postgres", text="limit 3")), kept("n1", "n2", "n3"), NQ, prior=P7)
R("instead of WeCom, post the negative ones to Mattermost #cx-alerts",
  MATTERMOST, removed(WECOM), guarded(MATTERMOST), kept("n1", "n2", "n3"), NQ, prior=P8)
R("感谢邮件改成等一天再发；预算超过5万的，再发飞书通知销售总监",
  WAIT, order(WAIT, EMAIL), FEISHU, guarded(FEISHU, ["budget", "预算"]), kept("n1", "n2", "n3"), SAT, NQ, prior=P9)
R("first thing, reply 200 to the caller. also warnings (severity = warning) should create an Opsgenie alert",
  WEBHOOK_RESPONSE, unguarded(WEBHOOK_RESPONSE), OPSGENIE, guarded(OPSGENIE, "severity"), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P10)
R("发Discord之前先调GitHub API查一下这个人的粉丝数，超过1000的才发",
  anyof(http("api.github.com"), svc("github", "read")), order(anyof(http("api.github.com"), svc("github", "read")), DISCORD),
  guarded(DISCORD, ["follower", "粉丝"]), kept("n1", "n2"), SAT, NQ, prior=P11)
R("the feed is noisy: skip posts under 500 characters, and save every summary that does go out to Notion as well",
  guarded(TELEGRAM, ["length", "content", "500"]), NOTION_ADD, order(ai("summarize"), NOTION_ADD),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P12)
R("审批改成在Slack里审批；如果超时没人处理，发邮件给CEO ceo@acme.io",
  core("approval_slack"), removed(core("approval_email")), MAIL_TO_CEO, branches(AIRTABLE_ADD, MAIL_TO_CEO),
  kept("n1", "n3", "n4"), NQ, prior=P13)
R("run it on the 1st of every month at 10 instead of every day",
  FIRST_OF_MONTH, sched(at="10:00"), kept("n2", "n3", "n4"), NQ, prior=P14)
R("筛选完之后，让AI给每个客户写一句个性化的跟进建议，一起发到飞书",
  ai("any"), order(core("filter"), ai("any")), order(ai("any"), FEISHU), kept("n1", "n2", "n3", "n4"), NQ, prior=P14)
R("把Mailchimp换成ConvertKit",
  CONVERTKIT, removed(svc("mailchimp")), kept("n1", "n2", "n4"), NQ, prior=P15)
R("make it every other friday, same time",
  sched(at="16:00", weekday="friday"), EVERY_OTHER_WEEK, kept("n2", "n3", "n4"), NQ, prior=P16)
R("统计完之后让AI写一段简短点评，和统计结果一起发到Teams",
  ai("any"), order(core("aggregate"), ai("any")), order(ai("any"), TEAMS), kept("n1", "n2", "n3", "n4"), NQ, prior=P16)
R("only log contracts where an amount was found; the ones without an amount should be emailed to legal@acme.io for a manual look",
  guarded(SHEETS_ADD, "amount"), EMAIL, branches(SHEETS_ADD, EMAIL), kept("n1", "n2", "n3"), SAT, NQ, prior=P17)
R("除了Slack，再在Linear建一个issue；Slack消息改发到 #oncall 频道",
  LINEAR_ADD, svc("slack", "create", text="oncall"), kept("n1", "n2"), NQ, prior=P18)
R("热门线索除了建Salesforce，2小时后再在Slack提醒一下销售",
  SLACK, WAIT, order(WAIT, SLACK), guarded(SLACK, "score"), kept("n1", "n2", "n3", "n4"), NQ, prior=P19)
R("swap Dropbox for Google Drive, and run it sundays at 3am instead of nightly",
  GDRIVE_UP, removed(svc("dropbox")), sched(at="03:00", weekday="sunday"), kept("n2"), NQ, prior=P20)


def build() -> list[dict[str, Any]]:
    return fresh_rows.rows_of(REQUESTS, PREFIX, SPLIT, COMMON)


composition = fresh_rows.composition


def main() -> None:
    fresh_rows.write(build(), OUT)


if __name__ == "__main__":
    main()
