"""Builds ``requests_fresh11.jsonl``: an eleventh fresh set for the planner, written blind (condition-heavy).

Who and when: a helper session started by the project's lead wrote these 100 requests (ids
``r000``–``r099``, ``"split": "fresh11"``) on 2026-12-07 between 15:49 and 15:57 UTC (machine
clock, ``date -u``), in its own worktree and branch ``fresh11``.

What it read: this file's layout came from ``build_fresh10.py`` (its module docstring, import
block and the thirty lines after it only; none of its requests); ``build_set.py`` for the
helpers, check kinds and the priors P1–P20; ``fresh_rows.py``; ``checks.py`` for what each check
kind means; ``test_fresh_set.py``; the set and check sections of ``docs/evaluation.md`` (no
results section); and the catalog (``docs/catalog.md``, ``src/flowsmith/core/catalog/``) so that
apps, operations and trigger events are real. From ``run.py`` it opened only the lines that
register sets. It did not open the planner or agent code (``src/flowsmith/planner/``,
``src/flowsmith/agent/``), ``tests/``, any ``requests*.jsonl``, any other ``build_fresh*.py``
body, ``test_fresh3_set.py``, ``test_fresh7_set.py``, ``ops_sweep.py``, ``recheck.py`` or any
``run-*.json``, and it never ran the planner, the server, ``make run``, ``run.py`` or the
``flowsmith`` CLI. Slips: none of request text. ``build_set.py`` holds the main set's requests
inline and ``test_fresh_set.py`` the earlier fresh sets' hand-written right workflows (with a
one-line comment on what each request asks), both read as the brief allows; no sentence was
taken over, and a request close to one of those comments (a leave form with an approval) was
dropped while drafting. ``ls bench/eval_planner`` listed the names of the ``run-*.json`` files
(none opened). The new no-repeat test found one of these requests (a three-word vague one) equal
to a sentence of an earlier fresh set; only its id here was printed, and it was reworded. The ids
``r000``… are the ones ``build_set.py`` gives ``requests.jsonl`` (the prefix was given by the
brief); the sets are run and reported apart.

How it was written: condition-heavy, in the forms users type. 60 English and 40 Chinese requests
(English app names inside Chinese sentences, as users write them). 67 requests carry a condition
in the text (58 by ``fresh_rows``' reading: eight others are checked with an ``either`` that
also accepts a filter on the trigger or in the query, and one, a 409 when an insert fails, where
the node's error output is as right as an IF): one-sided "only if", "unless", "skip … if",
"except when", if/else and "otherwise",
three or more cases, a condition put after the action ("email me the order if it's over $200"),
conditions on an AI classification or sentiment, on days and times ("on weekends", "after 6pm",
working hours, "overdue"), "for orders over $X", "when the status changes to", "mentions /
contains", "is empty / missing", a fetch that fails or a site that is down, nested conditions,
and something added on the otherwise side; the rest are plain requests and 3 vague ones (the
right answer is a question). 36 need an app beyond the common thirteen (the brief's ten plus
HubSpot, Airtable, Trello); a first draft had 76, and about forty requests were moved onto common
apps before any check was final. 25 edits (P1–P20 each at least once; P4, P6, P10, P16 and P19
twice), all with ``kept_ids``; most of them add, change or remove a condition. Every trigger
kind appears (app events, schedules said in words, webhooks, forms, incoming email, RSS, manual,
error and chat). Each request was typed first, as a user would (a few typos left in); its checks
came after, from what a demanding user would insist on and nothing more: ``either``/``anyof``
where two graphs are equally right (a filter on the trigger or in the query instead of an IF; an
alert on the HTTP node's error output instead of an IF on the response — the scorer cannot tell
an error output from a plain edge, so there the check falls back to the alert coming after the
fetch). ``condition_satisfiable`` only where an IF/Switch/Filter is the only reasonable way.
After writing, every ``service``+``verb`` selector and trigger ``event_like`` word was checked
against the catalog's operations and events by a throwaway script (452 in all; two event
alternatives not in the catalog, Typeform "response" and Trello "card", were dropped, then none
failed).
``test_fresh_set.py`` holds hand-written right workflows for five creates (r000, r003, r013,
r043, r056) and three edits (r077, r086, r090) that pass every check, and checks that each
edit's prior left unchanged fails.

    .venv/bin/python bench/eval_planner/build_fresh11.py   # rewrites requests_fresh11.jsonl
    .venv/bin/pytest bench/eval_planner/test_fresh_set.py  # well formed, without the planner

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
    CLICKUP_ADD,
    DINGTALK,
    DISCORD,
    EMAIL,
    FEISHU,
    GH_ISSUE,
    HUBSPOT_ADD,
    JIRA_ADD,
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
    POSTGRES,
    SAT,
    SHEETS_ADD,
    SHEETS_READ,
    SLACK,
    SMS,
    TELEGRAM,
    TOP_TEN,
    TRELLO_ADD,
    WEBHOOK_RESPONSE,
    WECOM,
    ZENDESK_ADD,
    absent,
    ai,
    anyof,
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

OUT = HERE / "requests_fresh11.jsonl"
SPLIT = "fresh11"
PREFIX = "r"

# common: the brief's ten plus HubSpot, Airtable and Trello (as the earlier fresh sets count it)
COMMON = TOP_TEN | {"hubspot", "airtable", "trello"}

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))


# selectors and phrasings used more than once
WEEKDAYS_ONLY = either(trigger_text(["1-5", "mon-fri", "weekdays"]), cond_text(["weekday", "dayofweek", "day_of_week", "getday", "isoweekday", "weekend"]))
WEEKEND_WORDS = ["week", "day", "sat", "sun"]
HOUR_WORDS = ["hour", "time", "now", "18"]
MONEY = ["total", "amount", "price"]
PAGERDUTY = svc("pagerduty", "create")
OPSGENIE = svc("opsgenie", "create")
PUSHOVER = svc("pushover", "create")
TODOIST = svc("todoist", "create")
FRESHDESK_ADD = svc("freshdesk", "create")
QUICKBOOKS_ADD = svc("quickbooks", "create")
XERO_ADD = svc("xero", "create")
GCAL_ADD = svc("google_calendar", "create")
VONAGE = svc("vonage", "create")
SENDGRID = svc("sendgrid", "create")
ZAMMAD_ADD = svc("zammad", "create")
HELPSCOUT_ADD = svc("help_scout", "create")
SHOPIFY_UPD = svc("shopify", "update")
HUBSPOT_UPD = svc("hubspot", "update")
SITE_CHECK = anyof(http(), core("web_page_check"))

# ---------------------------------------------------------------- creates, English
R("Email me the WooCommerce order details if it's over $200",
  trig("app_event", "woocommerce", "order"), EMAIL, guarded(EMAIL, MONEY), SAT, NQ)
R("New Typeform response -> run sentiment on the feedback field. Negative ones go to #cx-alerts in Slack, positive ones get added to our Testimonials table in Airtable",
  trig("app_event", "typeform", ["form", "submit"]), ai("sentiment"), SLACK, AIRTABLE_ADD,
  branches(SLACK, AIRTABLE_ADD), guarded(SLACK, ["sentiment", "negative", "category"]), order(ai("sentiment"), SLACK), NQ)
R("every weekday at 9:15 read our 'Invoices' Google Sheet and if any are overdue send the list to finance@ourco.com",
  trig("schedule"), sched(at="09:15"), WEEKDAYS_ONLY, SHEETS_READ, EMAIL,
  either(guarded(EMAIL, ["due", "overdue"]), svc("google_sheets", "read", text=["due", "overdue"])),
  order(SHEETS_READ, EMAIL), NQ)
R("When a Stripe payment fails: if the customer has a phone number text them through Twilio, otherwise email them. Either way log it in the 'Failed payments' Google Sheet.",
  trig(["app_event", "webhook"], "stripe", ["fail", "payment"]), SMS, EMAIL, branches(SMS, EMAIL), guarded(SMS, "phone"),
  SHEETS_ADD, both_paths(SHEETS_ADD), SAT, NQ)
R("When a GitLab pipeline on main finishes and it failed, create a PagerDuty incident. Successful runs: do nothing.",
  trig("app_event", "gitlab", "pipeline"), PAGERDUTY, either(guarded(PAGERDUTY, ["status", "fail"]), trigger_text("fail")), NQ)
R("Hit https://api.ourshop.io/health every 5 minutes. If it errors or doesn't answer, open an Opsgenie alert",
  trig("schedule"), sched(every_minutes=5), http("api.ourshop.io"), OPSGENIE,
  either(guarded(OPSGENIE, ["status", "error", "code", "ok", "fail"]), order(http("api.ourshop.io"), OPSGENIE)), NQ)
R("each new Calendly booking should create a contact in HubSpot unless the invitee's email ends with @acme.dev (that's just us testing)",
  trig("app_event", "calendly", "invitee"), HUBSPOT_ADD, guarded(HUBSPOT_ADD, "email"), SAT, NQ)
R("Every Sunday at 10pm back up my Notion tasks database to our GitHub repo acme/backups as a JSON file",
  trig("schedule"), sched(at="22:00", weekday="sunday"), svc("notion", "read"), svc("github", "create"),
  order(svc("notion", "read"), svc("github", "create")), NQ)
R("I want a chat widget that answers customer questions about our return policy with AI and logs every question to a Google Sheet",
  trig("chat"), ai("any"), SHEETS_ADD, NQ)
R("Announce every new GitHub release of acme/cli in our Discord #releases channel",
  trig("app_event", "github", "release"), DISCORD, NQ)
R("When an email lands in the support inbox with 'invoice' in the subject, add a row with the sender and subject to our 'Invoices' Google Sheet; everything else just forward to help@ourco.com",
  trig(["email", "app_event"]), SHEETS_ADD, EMAIL, branches(SHEETS_ADD, EMAIL), guarded(SHEETS_ADD, "subject"), SAT, NQ)
R("a button I can click that pulls all products from https://api.ourstore.io/products and puts them into Airtable",
  trig("manual"), http("api.ourstore.io"), svc("airtable", ["create", "update"]),
  order(http("api.ourstore.io"), svc("airtable")), NQ)
R("if any of my workflows crash after 6pm message me on Telegram, during the day just post it in #eng-alerts on Slack",
  trig("error"), TELEGRAM, SLACK, branches(TELEGRAM, SLACK), guarded(TELEGRAM, HOUR_WORDS), SAT, NQ)
R("Our sensors POST temperature readings to a webhook. Above 30: Pushover alert to me. Between 25 and 30: log a warning row in Google Sheets. Anything else: just store the reading in TimescaleDB.",
  trig("webhook"), PUSHOVER, SHEETS_ADD, svc("timescaledb", "create"),
  branches(PUSHOVER, SHEETS_ADD, svc("timescaledb", "create")), guarded(PUSHOVER, "temp"), SAT, NQ)
R("Job application form (name, email, CV link) -> add the applicant to the Applicants table in Airtable and tell #hiring on Slack",
  trig("form"), AIRTABLE_ADD, SLACK, NQ)
R("when a GitHub pull request in acme/app gets merged, send a thank-you note to #contributors on Discord",
  trig("app_event", "github", "pull"), DISCORD,
  either(guarded(DISCORD, ["merged", "action", "state"]), trigger_text("merged")), NQ)
R("When a Trello card moves to the 'Ready for QA' list, open a GitHub issue for it in acme/app",
  trig("app_event", "trello", "change"), GH_ISSUE,
  either(guarded(GH_ISSUE, ["list", "ready"]), trigger_text("ready for qa")), NQ)
R("New Help Scout conversation: let AI decide if it's a bug report, a feature request or billing. Bugs -> Linear issue, feature requests -> a page in our Notion 'Ideas' database, billing -> forward to billing@ourco.com",
  trig("app_event", "help_scout", "conversation"), ai("classify"), LINEAR_ADD, NOTION_ADD, EMAIL,
  branches(LINEAR_ADD, NOTION_ADD, EMAIL), order(ai("classify"), LINEAR_ADD), NQ)
R("Watch #general in Slack for messages that mention 'outage' and forward each one to our on-call Telegram group",
  trig("app_event", "slack", "message"), TELEGRAM, either(guarded(TELEGRAM, ["text", "outage"]), trigger_text("outage")), NQ)
R("New row in the 'Signups' Google Sheet -> create the person as a contact in HubSpot. If the phone column is empty skip them.",
  trig("app_event", "google_sheets", "row"), HUBSPOT_ADD, guarded(HUBSPOT_ADD, "phone"), SAT, NQ)
R("For every new Shopify order: if it ships outside the US, then if the total is above $500 email ops@shop.co to approve it; international orders under $500 just get the tag 'intl' in Shopify. Domestic orders, nothing.",
  trig("app_event", "shopify", "order"), APPROVAL, SHOPIFY_UPD, branches(APPROVAL, SHOPIFY_UPD),
  guarded(APPROVAL, MONEY), guarded(SHOPIFY_UPD, ["country", "ship"]), SAT, NQ)
R("When a HubSpot deal is created and it's over 50k, post it to #big-deals. For the rest create a follow-up card on my Trello board",
  trig("app_event", "hubspot", "deal"), SLACK, TRELLO_ADD, branches(SLACK, TRELLO_ADD), guarded(SLACK, "amount"), SAT, NQ)
R("Each morning at 7 grab the Lisbon forecast from https://api.open-meteo.com/v1/forecast?latitude=38.7&longitude=-9.1&daily=precipitation_sum and send it to my Telegram. skip the message if no rain is expected",
  trig("schedule"), sched(at="07:00"), http("open-meteo"), TELEGRAM, guarded(TELEGRAM, ["rain", "precip"]),
  order(http("open-meteo"), TELEGRAM), SAT, NQ)
R("Create a bill in QuickBooks for each email from invoices@supplier.io, except when the subject says 'reminder'",
  trig(["email", "app_event"]), QUICKBOOKS_ADD, guarded(QUICKBOOKS_ADD, "subject"), SAT, NQ)
R("new hubspot tickets on weekends -> send them to the on-call person's Telegram. on weekdays leave them alone",
  trig("app_event", "hubspot", "ticket"), TELEGRAM, guarded(TELEGRAM, WEEKEND_WORDS), SAT, NQ)
R("For every Square order, create an item on our monday.com 'Fulfilment' board",
  trig("app_event", "square", ["order", "payment"]), MONDAY_ADD, NQ)
R("When someone fills in our refund request form, add a line to the Refunds sheet and email books@ourco.com about it",
  trig("form"), SHEETS_ADD, EMAIL, NQ)
R("save every signup from our newsletter form into airtable",
  trig("form"), AIRTABLE_ADD, NQ)
R("Post our new YouTube videos to our Discord #videos channel automaticaly",
  trig(["rss", "schedule", "app_event", "webhook"]), DISCORD, NQ)
R("can u automate the invoice stuff for us",
  asks("invoice", "which", "what", "where"))
R("can you set something up for when customers complain?",
  asks("complain", "where", "which", "what", "how"))
R("Add a row to the Leads sheet for each Facebook lead ad submission, and text Sam via Vonage if the lead says their budget is over 10k",
  trig("app_event", "facebook", "lead"), SHEETS_ADD, unguarded(SHEETS_ADD), VONAGE, guarded(VONAGE, "budget"), SAT, NQ)
R("Every morning at 8:30 go through the Notion 'Launch' tasks database and DM me on Slack about every task that's overdue and not done",
  trig("schedule"), sched(at="08:30"), svc("notion", "read"), SLACK,
  either(guarded(SLACK, ["due", "overdue"]), svc("notion", "read", text=["due", "overdue"])),
  order(svc("notion", "read"), SLACK), NQ)
R("Webhook that receives a JSON order from our POS. If sku or qty is missing reply 422 with an error message; if it's fine append it to the 'POS orders' Google Sheet and reply 201.",
  trig("webhook"), SHEETS_ADD, WEBHOOK_RESPONSE, guarded(SHEETS_ADD, ["sku", "qty"]),
  branches(SHEETS_ADD, core("webhook_response", "422")), SAT, NQ)
R("Every hour, pull the GitHub issues updated in acme/app and append them to a Google Sheet",
  trig("schedule"), sched(every_minutes=60), svc("github", "read"), SHEETS_ADD,
  order(svc("github", "read"), SHEETS_ADD), NQ)
R("New Google Forms feedback: have AI rate the sentiment. Negative -> open a Zammad ticket for support. Positive -> send them an email through SendGrid asking for a review. Neutral -> nothing.",
  trig("app_event", "google_forms", "form"), ai("sentiment"), ZAMMAD_ADD, SENDGRID,
  branches(ZAMMAD_ADD, SENDGRID), guarded(ZAMMAD_ADD, ["sentiment", "negative", "category"]),
  order(ai("sentiment"), ZAMMAD_ADD), NQ)
R("Every 10 min scrape the price from https://www.brightleaf.io/pricing and store it in Airtable",
  trig("schedule"), sched(every_minutes=10), SITE_CHECK, AIRTABLE_ADD, order(SITE_CHECK, AIRTABLE_ADD), NQ)
R("Copy each new Trello card in the 'Incoming' list over to our Notion backlog database",
  trig(["app_event", "schedule"]), NOTION_ADD, NQ)
R("Every hour post the number of open GitHub issues in acme/app to Slack #eng",
  trig("schedule"), sched(every_minutes=60), svc("github", "read"), SLACK, order(svc("github", "read"), SLACK), NQ)
R("hey so we get leads from our webflow site thru a webhook. i want them in hubspot as a contact + a deal, and everybody gets a welcome email",
  trig("webhook"), HUBSPOT_ADD, EMAIL, NQ)
R("When a new Cal.com booking is for the 'Demo' event type, create a deal in HubSpot; for any other event type just put it on my Google Calendar 'Misc'",
  trig("app_event", "cal_com", "booking"), HUBSPOT_ADD, GCAL_ADD, branches(HUBSPOT_ADD, GCAL_ADD),
  guarded(HUBSPOT_ADD, ["type", "demo"]), SAT, NQ)
R("every day at 5pm send me whats in my 'Deadlines' notion database on telegram",
  trig("schedule"), sched(at="17:00"), svc("notion", "read"), TELEGRAM, order(svc("notion", "read"), TELEGRAM), NQ)
R("Every Monday 8am fetch the EUR exchange rates from https://api.frankfurter.app/latest?from=EUR and append them to the 'FX' sheet",
  trig("schedule"), sched(at="08:00", weekday="monday"), http("frankfurter"), SHEETS_ADD,
  order(http("frankfurter"), SHEETS_ADD), NQ)
R("We get forwarded receipts on a webhook (JSON with the email text). Pull vendor, total and date out with AI and create a bill in Xero. If the total is over 1000 it needs approval from cfo@ourco.com first.",
  trig("webhook"), ai("extract"), XERO_ADD, APPROVAL, guarded(APPROVAL, ["total", "amount"]),
  order(ai("extract"), XERO_ADD), order(APPROVAL, XERO_ADD), avoiding(XERO_ADD, APPROVAL), SAT, NQ)
R("When a Linear issue changes priority: Urgent -> PagerDuty incident, High -> post in Slack #eng, Low -> add it to my 'someday' project in Todoist. Medium, ignore.",
  trig("app_event", "linear", "issue"), PAGERDUTY, SLACK, TODOIST, branches(PAGERDUTY, SLACK, TODOIST),
  guarded(PAGERDUTY, "priority"), SAT, NQ)
R("Every night at 11 copy the Airtable 'Contacts' table into a Google Sheet",
  trig("schedule"), sched(at="23:00"), svc("airtable", "read"), anyof(SHEETS_ADD, svc("google_sheets", "update")),
  order(svc("airtable", "read"), anyof(SHEETS_ADD, svc("google_sheets", "update"))), NQ)
R("Telegram bot: when someone sends it an order number, look the order up in our 'Orders' Google Sheet and reply with its status",
  trig("app_event", "telegram", "message"), SHEETS_READ, TELEGRAM, order(SHEETS_READ, TELEGRAM), NQ)

# ---------------------------------------------------------------- creates, Chinese
R("Shopify 有新订单时，金额超过 2000 就在钉钉群里通知老板，不然只记到 Google 表格里",
  trig("app_event", "shopify", "order"), DINGTALK, SHEETS_ADD, branches(DINGTALK, SHEETS_ADD), guarded(DINGTALK, MONEY), SAT, NQ)
R("每天早上九点调一下 https://erp.mycompany.cn/api/inventory 拿库存数据，如果哪个商品库存低于10，就发企业微信提醒采购",
  trig("schedule"), sched(at="09:00"), http("erp.mycompany.cn"), WECOM, guarded(WECOM, ["stock", "库存", "qty", "quantity", "inventory"]),
  order(http("erp.mycompany.cn"), WECOM), SAT, NQ)
R("周末收到的官网表单留言，自动回复客户一封邮件说我们周一处理；工作日的不用管",
  trig("form"), EMAIL, guarded(EMAIL, WEEKEND_WORDS), SAT, NQ)
R("用户在官网表单提交反馈后，用AI判断是不是投诉。是投诉就在Jira建一个工单，并且飞书通知客服组长；不是投诉就存到Notion",
  trig("form"), ai("classify"), JIRA_ADD, FEISHU, NOTION_ADD, branches(JIRA_ADD, NOTION_ADD), guarded(FEISHU), NQ)
R("GitHub 仓库有人提 issue，标题里有“紧急”或者 urgent 的，马上发 Telegram 给我",
  trig("app_event", "github", "issue"), TELEGRAM, either(guarded(TELEGRAM, "title"), trigger_text(["紧急", "urgent"])), NQ)
R("每周五下午五点，把这周 Google 表格“收款”里的记录汇总一下发到我邮箱",
  trig("schedule"), sched(at="17:00", weekday="friday"), SHEETS_READ, EMAIL, order(SHEETS_READ, EMAIL), NQ)
R("每30分钟调用一次 https://api.partner.cn/orders 拉订单，如果接口报错或者超时，就发 Telegram 给我",
  trig("schedule"), sched(every_minutes=30), http("api.partner.cn"), TELEGRAM,
  either(guarded(TELEGRAM, ["status", "error", "code", "ok", "fail"]), order(http("api.partner.cn"), TELEGRAM)), NQ)
R("WooCommerce 来新订单：收货地址在国外的发邮件给物流部 logistics@abc.cn；国内的就在 ClickUp 建一个发货任务",
  trig("app_event", "woocommerce", "order"), EMAIL, CLICKUP_ADD, branches(EMAIL, CLICKUP_ADD),
  guarded(CLICKUP_ADD, ["country", "地址", "address", "ship"]), SAT, NQ)
R("收到发件人是 @bank.com 结尾的邮件时，用AI总结一下内容发到 Telegram，其他邮件不用处理",
  trig(["email", "app_event"]), ai("summarize"), TELEGRAM, order(ai("summarize"), TELEGRAM),
  either(guarded(TELEGRAM, ["from", "sender", "发件"]), trigger_text("bank.com")), NQ)
R("做一个报销申请表单：金额低于500的直接写进 Airtable；500到5000之间要部门经理审批；超过5000的要经理和财务总监两个人都审批通过",
  trig("form"), AIRTABLE_ADD, APPROVAL, avoiding(AIRTABLE_ADD, APPROVAL), guarded(APPROVAL, ["amount", "金额"]),
  {"branch_count": {"min": 3}}, SAT, NQ)
R("订阅36氪的RSS新闻，用AI总结成三句话后发到 Discord 的 #news 频道",
  trig("rss"), ai("summarize"), DISCORD, order(ai("summarize"), DISCORD), NQ)
R("每天凌晨两点把 Notion 里的客户数据库导出来，存到 Google 表格里备份",
  trig("schedule"), sched(at="02:00"), svc("notion", "read"), anyof(SHEETS_ADD, svc("google_sheets", "update")),
  order(svc("notion", "read"), anyof(SHEETS_ADD, svc("google_sheets", "update"))), NQ)
R("帮我做个自动化，提高一下团队效率",
  asks("什么", "哪", "which", "what", "团队"))
R("任何工作流出错时：如果在上班时间（9点到18点）就发钉钉，下班时间就发短信给值班的人",
  trig("error"), DINGTALK, SMS, branches(DINGTALK, SMS), guarded(SMS, HOUR_WORDS), SAT, NQ)
R("做一个聊天机器人，用AI回答客户关于物流的问题，聊天记录存到 Airtable",
  trig("chat"), ai("any"), AIRTABLE_ADD, NQ)
R("Typeform问卷提交以后，满意度打分小于等于6分的，在Freshdesk建个工单，同时在Slack里通知客户成功团队；7分及以上的发邮件感谢并邀请他们写评价",
  trig("app_event", "typeform", ["form", "submit"]), FRESHDESK_ADD, SLACK, EMAIL,
  branches(FRESHDESK_ADD, EMAIL), guarded(SLACK, ["score", "满意", "rating"]), SAT, NQ)
R("手动运行：读取Google表格里的客户名单，给每个人发一封节日祝福邮件，邮箱为空的跳过",
  trig("manual"), SHEETS_READ, EMAIL, guarded(EMAIL, ["email", "邮箱"]), order(SHEETS_READ, EMAIL), SAT, NQ)
R("每小时检查一下 GitHub 仓库 acme/app 的新 issue，同步到 Notion 的 Bug 数据库",
  trig(["schedule", "app_event"]), NOTION_ADD, NQ)
R("Gmail 收到的每封邮件，把发件人、主题和时间记到 Google 表格里",
  trig(["email", "app_event"], "gmail"), SHEETS_ADD, NQ)
R("Notion 数据库新加页面的时候，如果“状态”是“待审核”，就发邮件给 editor@media.cn 审核；审核通过以后把状态改成“已发布”",
  trig("app_event", "notion", "page"), APPROVAL, svc("notion", "update"), guarded(APPROVAL, ["状态", "status", "待审核"]),
  order(APPROVAL, svc("notion", "update")), guarded(svc("notion", "update")), SAT, NQ)
R("用户通过 webhook 提交订单号，去 Airtable 的订单表查；查到了就返回订单状态，查不到返回404",
  trig("webhook"), svc("airtable", "read"), WEBHOOK_RESPONSE, order(svc("airtable", "read"), WEBHOOK_RESPONSE),
  branches(core("webhook_response", "404"), WEBHOOK_RESPONSE), SAT, NQ)
R("每天晚上8点统计今天 Google 表格“订单”里的订单数，少于10单就在 Telegram 提醒我，否则发一份日报到 Slack",
  trig("schedule"), sched(at="20:00"), SHEETS_READ, TELEGRAM, SLACK, branches(TELEGRAM, SLACK),
  order(SHEETS_READ, TELEGRAM), SAT, NQ)
R("Stripe 有新订阅时，把客户加到 Mailchimp 的付费用户列表；如果是年付的套餐，再额外发一封感谢信",
  trig("app_event", "stripe", "subscription"), MAILCHIMP_ADD, unguarded(MAILCHIMP_ADD), EMAIL,
  guarded(EMAIL, ["interval", "year", "annual", "plan", "年"]), SAT, NQ)
R("有人在我们的报名表单上报名活动时，把信息加到 Airtable，再发一封确认邮件给他",
  trig("form"), AIRTABLE_ADD, EMAIL, NQ)
R("每周一早上10点从 Harvest 拉上周的工时，总工时不满40小时的同事，发 Slack 私信提醒他们补填",
  trig("schedule"), sched(at="10:00", weekday="monday"), svc("harvest", "read"), SLACK,
  guarded(SLACK, ["hour", "工时"]), order(svc("harvest", "read"), SLACK), SAT, NQ)
R("Twilio收到短信时，如果内容是“退订”或者STOP，就在HubSpot里把这个号码标记为退订；否则转发到客服的Slack频道",
  trig("app_event", "twilio", "sms"), HUBSPOT_UPD, SLACK, branches(HUBSPOT_UPD, SLACK), SAT, NQ)
R("每天早上9点把 Trello 上“本周”列表的卡片整理一下发到我邮箱",
  trig("schedule"), sched(at="09:00"), svc("trello", "read"), EMAIL, order(svc("trello", "read"), EMAIL), NQ)
R("GitHub Actions 跑完的时候：成功就在 Discord 发“部署成功”，失败就发“部署失败”，并且在 GitHub 建一个 issue",
  trig(["app_event", "webhook"], "github", ["workflow", "run"]), DISCORD, GH_ISSUE,
  guarded(GH_ISSUE, ["status", "conclusion", "fail"]), SAT, NQ)

# ---------------------------------------------------------------- edits
R("if the sales API call fails, email me at ops@acme.io instead of posting nothing",
  EMAIL, either(guarded(EMAIL), order(http("api.example.com"), EMAIL)), kept("n1", "n2", "n3", "n4"), NQ, prior=P1)
R("don't email me about leads whose address is gmail.com or hotmail.com, but keep adding them to the sheet",
  guarded(EMAIL, "email"), unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P2)
R("只有 Bug 类型的 issue 才建 monday 项目，其他类型的只在 Slack 里说一声",
  guarded(MONDAY_ADD, ["type", "bug"]), avoiding(SLACK, MONDAY_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P3)
R("also text me through Twilio when it's in stock, but only between 8am and 10pm",
  SMS, guarded(SMS, ["hour", "time", "now"]), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P4)
R("没货的时候也记一条到 Google 表格里",
  SHEETS_ADD, branches(EMAIL, SHEETS_ADD), kept("n1", "n2", "n3", "n4"), NQ, prior=P4)
R("emails that are neither billing nor bug should become a Help Scout conversation",
  HELPSCOUT_ADD, branches(ZENDESK_ADD, JIRA_ADD, HELPSCOUT_ADD), kept("n1", "n2", "n3", "n4", "n5"), NQ, prior=P5)
R("only ping #orders for orders over $300, still log every order in the sheet",
  guarded(SLACK, MONEY), unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P6)
R("如果订单备注里提到“加急”，另外在 Todoist 建个任务提醒我",
  TODOIST, guarded(TODOIST, ["note", "备注", "加急"]), kept("n1", "n2", "n3"), SAT, NQ, prior=P6)
R("查询结果为空的话就别发钉钉了，改成发邮件提醒我去检查数据",
  EMAIL, branches(DINGTALK, EMAIL), kept("n1", "n2", "n3"), NQ, prior=P7)
R("drop the sentiment step. route by ticket priority instead: urgent ones go to WeCom, the rest nothing",
  removed(ai("sentiment")), guarded(WECOM, "priority"), kept("n1", "n4"), SAT, NQ, prior=P8)
R("预算为空的就不要建 HubSpot 联系人了，直接发感谢邮件",
  guarded(svc("hubspot"), ["budget", "预算"]), avoiding(EMAIL, svc("hubspot")), kept("n1", "n2", "n3"), SAT, NQ, prior=P9)
R("For critical alerts also open a PagerDuty incident, and if a critical alert mentions 'database' page the DBA team through Opsgenie too",
  PAGERDUTY, guarded(PAGERDUTY, "severity"), OPSGENIE, guarded(OPSGENIE, ["database", "title", "message"]),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P10)
R("不是 critical 的告警，周末就不用发 Slack 了",
  guarded(SLACK, WEEKEND_WORDS), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P10)
R("Swap Discord for a message to my Telegram",
  TELEGRAM, removed(DISCORD), kept("n1"), NQ, prior=P11)
R("don't bother summarising short posts (under 300 words), send those to Telegram as they are",
  guarded(ai("summarize"), ["length", "word", "content"]), avoiding(TELEGRAM, ai("summarize")), kept("n1", "n3"), SAT, NQ, prior=P12)
R("when a request is rejected, also log it in a 'Rejected' tab in Google Sheets; and if it's approved and over $5k tell #finance on Slack",
  SHEETS_ADD, guarded(SHEETS_ADD), SLACK, guarded(SLACK, "amount"), order(APPROVAL, SLACK), order(APPROVAL, SHEETS_ADD),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P13)
R("超过30天没联系的客户，除了飞书提醒，再发一封邮件给销售总监 director@corp.cn",
  EMAIL, guarded(EMAIL, ["date", "联系", "day", "last", "30"]), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P14)
R("if the Postgres insert fails (duplicate email etc.) respond with a 409 instead of carrying on",
  core("webhook_response", "409"), order(POSTGRES, core("webhook_response", "409")), kept("n1", "n2", "n3", "n4"), NQ, prior=P15)
R("报告也发一份到 Slack 的 #eng 频道",
  SLACK, kept("n1", "n2", "n3", "n4"), NQ, prior=P16)
R("改到每周四下午三点跑",
  sched(at="15:00", weekday="thursday"), kept("n2", "n3", "n4"), NQ, prior=P16)
R("if the extractor can't find an amount, email legal@acme.io to fill it in by hand instead of logging the row",
  EMAIL, branches(SHEETS_ADD, EMAIL), guarded(EMAIL, "amount"), kept("n1", "n2", "n3"), SAT, NQ, prior=P17)
R("只有工作流名字里带“生产”或者 prod 的报错才发 Slack",
  guarded(SLACK, ["workflow", "name", "prod", "生产"]), kept("n1", "n2"), SAT, NQ, prior=P18)
R("不是热门的线索，也加到 Mailchimp 的培育列表里",
  MAILCHIMP_ADD, branches(svc("salesforce"), MAILCHIMP_ADD), kept("n1", "n2", "n3", "n4"), NQ, prior=P19)
R("remove the score threshold, every new contact should go to Salesforce",
  unguarded(svc("salesforce")), absent(cond_text("score")), kept("n1", "n4"), NQ, prior=P19)
R("备份之前先看看 Notion 有没有数据，没有数据就发 Telegram 告诉我，有数据再上传 Dropbox",
  TELEGRAM, branches(svc("dropbox"), TELEGRAM), kept("n1", "n2", "n3"), NQ, prior=P20)


def build() -> list[dict[str, Any]]:
    return fresh_rows.rows_of(REQUESTS, PREFIX, SPLIT, COMMON)


composition = fresh_rows.composition


def main() -> None:
    fresh_rows.write(build(), OUT)


if __name__ == "__main__":
    main()
