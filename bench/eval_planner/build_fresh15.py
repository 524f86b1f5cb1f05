# ruff: noqa: E501
"""Builds ``requests_fresh15.jsonl``: a fifteenth fresh set for the planner, written blind (HELD OUT).

Who and when: a helper session started by the project's lead wrote these 80 requests (ids
``w000``–``w079``, ``"split": "fresh15"``) on 2026-12-07 between 19:08 and 19:13 UTC
(machine clock, ``date -u``), in its own worktree ``/work/wt-fresh15`` on branch ``fresh15``.
The set is held out: nobody on the project reads its requests or per-request results; it is
scored once, with counts only, and its writer reported counts only.

What it read: the layout of this file came from ``build_fresh12.py`` (its module docstring, its
import block and the thirty lines after it only; none of its requests); ``build_set.py`` for
the helpers, check kinds and the priors P1–P20; ``fresh_rows.py``; ``checks.py`` for what each
check kind means; ``test_fresh_set.py`` (no other set's request text); the set and check
sections of ``docs/evaluation.md`` (no results section); the catalog (``docs/catalog.md``,
``src/flowsmith/core/catalog/``, and ``flowsmith.core.services.verb_of`` to see which verb an
operation name counts as) so that apps, operations and trigger events are real; and in
``run.py`` only the lines that register sets. It did not open the planner or agent code
(``src/flowsmith/planner/``, ``src/flowsmith/agent/``), ``tests/`` (beyond adding this set to
``tests/n8n_real/runs.py``'s ``HELD_OUT`` list), any ``requests*.jsonl``, any other
``build_fresh*.py`` body, ``test_fresh3_set.py``, ``test_fresh7_set.py``, ``ops_sweep.py``,
``recheck.py`` or any ``run-*.json``; it never ran the planner, the server, ``make run``,
``run.py`` or the ``flowsmith`` CLI. Slips: one. While running the brief's gate ``ruff format --check bench/eval_planner``
(which fails on main too, on 21 files that are not this set's), ruff printed its reformatting
diff of those files, a few lines of which were request texts of an earlier set's builder; that
was after every request and check of this set was final, and nothing here was changed after it
but the docstring. One request of the first draft repeated an earlier set's sentence word for
word (found by ``test_fresh_set.py``'s count-only test; the other set was not opened); it was
reworded, with its checks unchanged.

How it was written: the ordinary mix of what new users type: 40 English and 40 Chinese requests
(app names kept in English inside Chinese, a few typos, some terse, some chatty); about a third
with a condition (some two-sided with otherwise/否则, two three-way cases); 16 edits of the
priors P1–P20 (each prior at most once; add before/after/also, remove, replace an app, change a
parameter or the schedule, guard a step, add an otherwise path), every one with ``kept_ids``;
about a third long tail (apps beyond the brief's ten plus HubSpot, Airtable and Trello, as
fresh10 and fresh12 count it); multi-step chains with transforms and AI steps; triggers of many
kinds (schedules said many ways, app events, webhooks, forms, email, chat, RSS, error); three
vague requests whose right answer is a question. Each request was typed first, then its checks
from what a demanding user would insist on and no more: ``either``/``anyof`` where two graphs
are equally right (a filter in the query or on the trigger instead of an IF, a cron instead of a
weekday IF, a code node instead of an aggregate), ``condition_satisfiable`` only where an
IF/Switch/Filter is the only reasonable way. Two requests name a service the catalog lacks
(an analytics API and an enrichment API); they expect an HTTP Request whose parameters name it.
After writing, a throwaway script (not committed) checked every ``service``+``verb`` selector
against the catalog's operations and every trigger ``event_like`` word against the app's events
(368 selectors, subtypes and event words in all; none failed but one alias spelling,
``microsoft_outlook``, which the scorer knows and which sits in a list beside ``outlook``). A first draft had 60 long-tail requests, twice what the brief asked; 31 of them
were rewritten onto common apps (a plain form or webhook instead of Calendly, Stripe or Google
Forms, Telegram, Discord or Slack instead of Pushover, WeCom, DingTalk, Feishu or Teams, Google
Sheets or Notion instead of Google Drive, Toggl, QuickBooks or Supabase, GitHub instead of Linear)
before any check was final, leaving 29 (6 of them edits of priors that hold a long-tail app).
Final counts: 40 English / 40 Chinese, 30 with a condition (10 with an otherwise or multi-way
``branches`` check), 16 edits (16 different priors), 29 long tail, 3 vague. ``test_fresh_set.py`` holds hand-written right workflows for
five creates and three edits that pass every check, and checks that each edit's prior left
unchanged fails.

    .venv/bin/python bench/eval_planner/build_fresh15.py   # rewrites requests_fresh15.jsonl
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
    DINGTALK,
    DISCORD,
    EMAIL,
    FEISHU,
    GH_ISSUE,
    GMAIL,
    HUBSPOT_ADD,
    MAILCHIMP_ADD,
    MONDAY_ADD,
    NOTION_ADD,
    NQ,
    P1,
    P2,
    P3,
    P4,
    P6,
    P7,
    P8,
    P10,
    P12,
    P13,
    P14,
    P16,
    P17,
    P18,
    P19,
    P20,
    PIPEDRIVE_ADD,
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
    asks,
    avoiding,
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

OUT = HERE / "requests_fresh15.jsonl"
SPLIT = "fresh15"
PREFIX = "w"

# common: the brief's ten plus HubSpot, Airtable and Trello (as fresh10 and fresh12 count it)
COMMON = TOP_TEN | {"hubspot", "airtable", "trello"}

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))


# schedule phrasings and selectors used more than once
WEEKDAYS_ONLY = either(
    trigger_text(["1-5", "mon-fri"]),
    cond_text(["weekday", "dayofweek", "day_of_week", "getday", "isoweekday", "weekend"]),
)
FIRST_OF_MONTH = either(
    trigger_text([" 1 * *"]), cond_text(["getdate", ".day", "dayofmonth", "day_of_month", "date()"])
)
EVERY_OTHER_WEEK = either(sched(every_minutes=20160), cond_text(["week", "周"]))
COUNTED = anyof(core("aggregate"), core("code"))
DEDUPED = anyof(core("remove_duplicates"), core("code"))
TRANSLATED = anyof(ai("translate"), svc(["deepl", "google_translate"]))
PAGERDUTY = svc("pagerduty", "create")
OPSGENIE = svc("opsgenie", "create")
ASANA_ADD = svc("asana", "create")
XERO_ADD = svc("xero", "create")
EXCEL_ADD = svc("excel_365", "create")
OUTLOOK_READ = svc(["outlook", "microsoft_outlook"], "read")
SITE_CHECK = anyof(http("acme"), core("web_page_check", "acme"))
SLACK_APPROVAL = anyof(core("approval_slack"), {"approval": True, "service": "slack"})


# ---------------------------------------------------------------- creates, English
R(
    "every weekday at 8:45 grab the open PRs from github repo acme/api and post the list to #dev on slack",
    trig("schedule"),
    sched(at="08:45"),
    WEEKDAYS_ONLY,
    svc("github", "read"),
    SLACK,
    order(svc("github", "read"), SLACK),
    NQ,
)
R(
    "When our billing system hits our webhook to say an invoice was paid, mark the matching row in our Google Sheet 'Invoices' as paid and send the customer a thank you email",
    trig("webhook"),
    SHEETS_UPDATE,
    EMAIL,
    NQ,
)
R(
    "New Typeform response -> if they picked 'Enterprise' in the plan question create a deal in Pipedrive, otherwise just add them to Mailchimp",
    trig("app_event", "typeform", ["form", "submit", "response"]),
    PIPEDRIVE_ADD,
    MAILCHIMP_ADD,
    branches(PIPEDRIVE_ADD, MAILCHIMP_ADD),
    guarded(PIPEDRIVE_ADD, ["enterprise", "plan"]),
    SAT,
    NQ,
)
R(
    "Every hour check our status page https://status.acme.dev/api/v2/status.json and if the indicator isn't 'none' create a PagerDuty incident",
    trig("schedule"),
    sched(every_minutes=60),
    http("status.acme.dev"),
    PAGERDUTY,
    guarded(PAGERDUTY, ["indicator", "none"]),
    order(http("status.acme.dev"), PAGERDUTY),
    SAT,
    NQ,
)
R(
    "Send me a Telegram message every Sunday at 7pm with a short AI summary of this week's posts from https://news.ycombinator.com/rss",
    trig("schedule"),
    sched(at="19:00", weekday="sunday"),
    http("ycombinator"),
    ai("summarize"),
    TELEGRAM,
    order(http("ycombinator"), ai("summarize")),
    order(ai("summarize"), TELEGRAM),
    NQ,
)
R(
    "When someone fills out our 'Book a demo' form, create a contact in HubSpot and ping me in Slack with their name and the time they picked",
    trig("form"),
    HUBSPOT_ADD,
    SLACK,
    NQ,
)
R(
    "Forward every email that lands in support@acme.io with 'refund' in the subject to our #billing channel in Slack",
    trig(["email", "app_event"], ["gmail", "outlook", "microsoft_outlook"]),
    SLACK,
    either(guarded(SLACK, "refund"), trigger_text("refund")),
    NQ,
)
R(
    "Every night at 1am copy all rows of our Airtable 'Inventory' table into the 'Inventory backup' Google Sheet",
    trig("schedule"),
    sched(at="01:00"),
    svc("airtable", "read"),
    svc("google_sheets", ["create", "update"]),
    order(svc("airtable", "read"), svc("google_sheets", ["create", "update"])),
    NQ,
)
R(
    "When a new issue is opened in our GitLab project, have AI decide whether it's a bug or a feature request and label the issue accordingly",
    trig("app_event", "gitlab", "issue"),
    ai("classify"),
    svc("gitlab", "update"),
    order(ai("classify"), svc("gitlab", "update")),
    NQ,
)
R(
    "If a HubSpot deal moves to closed won, create an onboarding task in Asana and post a 🎉 in #wins on Slack",
    trig(["app_event", "webhook"], "hubspot", "deal"),
    ASANA_ADD,
    SLACK,
    guarded(ASANA_ADD, ["stage", "won"]),
    guarded(SLACK, ["stage", "won"]),
    SAT,
    NQ,
)
R(
    "can you make something that shares our new blog posts (rss https://acme.dev/blog/rss.xml) in our Discord #announcements and our Telegram channel automatically",
    trig("rss"),
    DISCORD,
    TELEGRAM,
    NQ,
)
R(
    "Our app calls a webhook on every signup with {email, plan}. Respond 200 right away, then if plan is 'pro' add them to HubSpot as a contact, otherwise just log them in a Google Sheet",
    trig("webhook"),
    WEBHOOK_RESPONSE,
    unguarded(WEBHOOK_RESPONSE),
    HUBSPOT_ADD,
    SHEETS_ADD,
    branches(HUBSPOT_ADD, SHEETS_ADD),
    guarded(HUBSPOT_ADD, "plan"),
    SAT,
    NQ,
)
R(
    "Daily at 17:30 read today's rows from the 'Timesheet' Google Sheet and email each person their total hours for the day",
    trig("schedule"),
    sched(at="17:30"),
    SHEETS_READ,
    COUNTED,
    EMAIL,
    order(SHEETS_READ, EMAIL),
    NQ,
)
R(
    "whenever someone submits our feedback form, run sentiment analysis on it. if it's negative open a Zendesk ticket and tell #cx in Slack; positive ones just go into the Feedback sheet",
    trig("form"),
    ai("sentiment"),
    ZENDESK_ADD,
    SLACK,
    SHEETS_ADD,
    branches(ZENDESK_ADD, SHEETS_ADD),
    branches(SLACK, SHEETS_ADD),
    guarded(ZENDESK_ADD, ["sentiment", "negative"]),
    NQ,
)
R(
    "Remind the team in Discord every other Friday at 3pm to submit their timesheets",
    trig("schedule"),
    sched(at="15:00", weekday="friday"),
    EVERY_OTHER_WEEK,
    DISCORD,
    NQ,
)
R(
    "When someone comments on an issue in our GitHub repo acme/app, post the comment with a link to #dev-feed in Slack and add a row to the 'Comments' sheet",
    trig("app_event", "github", "comment"),
    SLACK,
    SHEETS_ADD,
    NQ,
)
R(
    "Every morning at 7 get the Berlin forecast from https://api.open-meteo.com/v1/forecast?latitude=52.52&longitude=13.41&daily=precipitation_sum and if rain is expected send me a Telegram message to bring an umbrella",
    trig("schedule"),
    sched(at="07:00"),
    http("open-meteo"),
    TELEGRAM,
    guarded(TELEGRAM, ["precip", "rain"]),
    order(http("open-meteo"), TELEGRAM),
    SAT,
    NQ,
)
R(
    "I want a chatbot on our site that answers product questions using the docs at https://docs.acme.dev and remembers the conversation",
    trig("chat"),
    ai("agent"),
    anyof(core(["buffer_memory", "postgres_memory", "redis_memory"])),
    anyof(
        core(["http_tool", "http_request", "web_search_tool"], "docs.acme.dev"),
        {"ai": "agent", "text": "docs.acme.dev"},
    ),
    NQ,
)
R(
    "When a new row is added to the 'Candidates' Google Sheet, create a Trello card on the Interviews board and email the candidate our Calendly link",
    trig("app_event", "google_sheets", ["row", "add"]),
    TRELLO_ADD,
    EMAIL,
    NQ,
)
R(
    "post a random cat fact from https://catfact.ninja/fact to our #random slack every day at noon lol",
    trig("schedule"),
    sched(at="12:00"),
    http("catfact.ninja"),
    SLACK,
    order(http("catfact.ninja"), SLACK),
    NQ,
)
R(
    "When a Jira issue is updated to Done, comment on the linked GitHub issue and close it",
    trig("app_event", "jira", ["updated", "issue"]),
    svc("github", "create"),
    svc("github", "update"),
    either(guarded(svc("github", "update"), ["status", "done"]), trigger_text("done")),
    NQ,
)
R(
    "Every Monday at 9 pull last week's signups from our Plausible analytics API and post the number to Slack #growth",
    trig("schedule"),
    sched(at="09:00", weekday="monday"),
    http("plausible"),
    SLACK,
    order(http("plausible"), SLACK),
    NQ,
)
R(
    "When a new page is added to our Notion 'Bugs' database, open a GitHub issue in acme/app with the same title and tell #dev in Slack",
    trig("app_event", "notion", "page"),
    GH_ISSUE,
    SLACK,
    NQ,
)
R(
    "i want to recieve an sms via twilio when my website https://acme.dev is down. check it every 5 minutes",
    trig("schedule"),
    sched(every_minutes=5),
    SITE_CHECK,
    SMS,
    guarded(SMS),
    order(SITE_CHECK, SMS),
    NQ,
)
R(
    "When a PDF shows up in my OneDrive 'Receipts' folder, pull out vendor, date and total with AI and create a bill in Xero",
    trig("app_event", "onedrive", ["file", "created"]),
    ai("extract"),
    XERO_ADD,
    order(ai("extract"), XERO_ADD),
    NQ,
)
R(
    "When someone reacts with :ticket: to a message in Slack, create a GitHub issue in acme/app from teh message text",
    trig("app_event", "slack", "reaction"),
    GH_ISSUE,
    either(guarded(GH_ISSUE, ["ticket", "reaction"]), trigger_text("ticket")),
    NQ,
)
R(
    "Each day at 6am read yesterday's orders from our MySQL database, work out revenue per product, and write the totals to the 'Daily' tab in Google Sheets",
    trig("schedule"),
    sched(at="06:00"),
    svc("mysql"),
    anyof(core("aggregate"), core("code"), svc("mysql", text=["sum(", "group by"])),
    svc("google_sheets", ["create", "update"]),
    order(svc("mysql"), svc("google_sheets", ["create", "update"])),
    NQ,
)
R(
    "Make a workflow where I fill in a form with a topic, GPT writes an announcement for our Discord, and it's emailed to me for approval before it gets posted",
    trig("form"),
    ai("any"),
    APPROVAL,
    DISCORD,
    order(ai("any"), APPROVAL),
    order(APPROVAL, DISCORD),
    guarded(DISCORD),
    NQ,
)
R(
    "When a payment fails in Chargebee, email the customer a link to update their card, wait 3 days, and if they still haven't paid cancel the subscription",
    trig("app_event", "chargebee", ["payment", "fail"]),
    EMAIL,
    WAIT,
    svc("chargebee", "delete"),
    order(EMAIL, WAIT),
    order(WAIT, svc("chargebee", "delete")),
    guarded(svc("chargebee", "delete"), ["paid", "status", "payment"]),
    SAT,
    NQ,
)
R(
    "My boss wants a morning digest: at 8:30 on weekdays collect his unread Outlook emails, summarise them with AI and send the summary to him on Teams",
    trig("schedule"),
    sched(at="08:30"),
    WEEKDAYS_ONLY,
    OUTLOOK_READ,
    ai("summarize"),
    TEAMS,
    order(OUTLOOK_READ, ai("summarize")),
    order(ai("summarize"), TEAMS),
    NQ,
)

# ---------------------------------------------------------------- vague, English
R("can u automate the invoice stuff for me", asks("invoice", "app", "service", "tool", "which"))
R("I need something for our social media", asks("social", "platform", "post", "which", "channel"))

# ---------------------------------------------------------------- creates, Chinese
R(
    "每天早上9点把Google表格‘库存’里数量低于10的商品发到Telegram群",
    trig("schedule"),
    sched(at="09:00"),
    SHEETS_READ,
    TELEGRAM,
    order(SHEETS_READ, TELEGRAM),
    either(guarded(TELEGRAM, "10"), core("code", "10")),
    NQ,
)
R(
    "有人在官网的注册表单提交信息时，在Notion的客户数据库里加一条记录，再发邮件欢迎对方",
    trig("form"),
    NOTION_ADD,
    EMAIL,
    NQ,
)
R(
    "每隔30分钟检查一下 https://api.acme.cn/queue/length ，队列长度超过1000就在钉钉群里报警，否则什么都不做",
    trig("schedule"),
    sched(every_minutes=30),
    http("api.acme.cn/queue"),
    DINGTALK,
    guarded(DINGTALK, ["length", "1000", "长度"]),
    order(http("api.acme.cn/queue"), DINGTALK),
    SAT,
    NQ,
)
R(
    "GitHub仓库有新的release发布时，用AI把更新日志翻译成中文，然后发到我们的Telegram频道",
    trig("app_event", "github", "release"),
    TRANSLATED,
    TELEGRAM,
    order(TRANSLATED, TELEGRAM),
    NQ,
)
R(
    "客户在Typeform填完问卷后，如果评分是9分或10分，就发邮件邀请他们在G2上写评价；6分以下的话在Slack #cs 频道提醒客户成功团队跟进；其他的不用管",
    trig("app_event", "typeform", ["form", "submit", "response"]),
    EMAIL,
    SLACK,
    branches(EMAIL, SLACK),
    guarded(EMAIL, ["score", "评分", "rating"]),
    guarded(SLACK, ["score", "评分", "rating"]),
    SAT,
    NQ,
)
R(
    "每周一早上10点，从Trello的‘进行中’列表拉出所有卡片，已经过了截止日期的在Slack里@负责人",
    trig("schedule"),
    sched(at="10:00", weekday="monday"),
    svc("trello", "read"),
    SLACK,
    order(svc("trello", "read"), SLACK),
    either(guarded(SLACK, ["due", "截止"]), core("code", "due")),
    NQ,
)
R(
    '官网报名表单提交后（webhook），把信息存到Airtable，再给对方发一封确认邮件，最后返回{"success":true}',
    trig("webhook"),
    AIRTABLE_ADD,
    EMAIL,
    WEBHOOK_RESPONSE,
    NQ,
)
R(
    "帮我做一个AI客服：客户在聊天窗口提问，AI先查我们的Notion知识库再回答，回答不了的就转人工，在飞书里通知客服",
    trig("chat"),
    ai("any"),
    anyof(svc("notion", "read"), core(["http_tool", "n8n_tool"], "notion")),
    FEISHU,
    guarded(FEISHU),
    NQ,
)
R(
    "每个月1号早上8点，从Google表格‘应收账款’里找出还没付款的客户，给每个客户发催款邮件",
    trig("schedule"),
    sched(at="08:00"),
    FIRST_OF_MONTH,
    SHEETS_READ,
    EMAIL,
    order(SHEETS_READ, EMAIL),
    either(guarded(EMAIL, ["paid", "付款", "status", "状态"]), core("code", ["paid", "付款"])),
    NQ,
)
R(
    "新的Gmail邮件如果是发票（带PDF附件），就在Google表格‘发票’里记一笔，并在Slack #finance 说一声",
    trig(["email", "app_event"], "gmail"),
    SHEETS_ADD,
    SLACK,
    either(
        guarded(SHEETS_ADD, ["pdf", "attach", "发票", "invoice"]),
        trigger_text(["pdf", "attachment", "invoice", "发票"]),
    ),
    NQ,
)
R(
    "每天晚上十点把今天Slack #general 里的消息用AI总结一下，发到我邮箱",
    trig("schedule"),
    sched(at="22:00"),
    svc("slack", "read"),
    ai("summarize"),
    EMAIL,
    order(svc("slack", "read"), ai("summarize")),
    order(ai("summarize"), EMAIL),
    NQ,
)
R(
    "有人在Cal.com预约会议就在HubSpot建联系人，如果邮箱是公司域名（不是gmail、qq、163这种）再额外建一个deal",
    trig("app_event", "cal_com", "booking"),
    unguarded(svc("hubspot", text="contact")),
    svc("hubspot", "create", "deal"),
    guarded(svc("hubspot", "create", "deal"), ["email", "gmail", "qq", "163", "@"]),
    SAT,
    NQ,
)
R(
    "每小时从 https://api.coingecko.com/api/v3/simple/price?ids=bitcoin&vs_currencies=usd 取一次比特币价格，跌破60000或者涨过80000都发Telegram提醒我",
    trig("schedule"),
    sched(every_minutes=60),
    http("coingecko"),
    TELEGRAM,
    guarded(TELEGRAM, ["usd", "price", "bitcoin", "价格"]),
    order(http("coingecko"), TELEGRAM),
    SAT,
    NQ,
)
R("做一个报名表单，每份报名都加到HubSpot联系人里", trig("form"), HUBSPOT_ADD, NQ)
R(
    "每周日晚上8点，把这周Notion任务库里状态是‘完成’的任务用AI写成一段周报，发到Discord",
    trig("schedule"),
    sched(at="20:00", weekday="sunday"),
    svc("notion", "read"),
    ai("any"),
    DISCORD,
    order(svc("notion", "read"), ai("any")),
    order(ai("any"), DISCORD),
    either(cond_text(["完成", "done"]), svc("notion", "read", ["完成", "done"])),
    NQ,
)
R(
    "Stripe出现争议(dispute)的时候马上用Twilio给老板打电话，同时在Slack #finance 发消息",
    trig("app_event", "stripe", "dispute"),
    svc("twilio", "create"),
    SLACK,
    NQ,
)
R(
    "做个表单让员工提交请假申请，提交后经理在Slack里审批，批准了就在Notion的请假数据库里加一条，拒绝了就发邮件通知员工",
    trig("form"),
    SLACK_APPROVAL,
    NOTION_ADD,
    EMAIL,
    branches(NOTION_ADD, EMAIL),
    order(SLACK_APPROVAL, NOTION_ADD),
    NQ,
)
R(
    "GitLab的pipeline失败了就在企业微信里通知开发群，成功的不用管",
    trig("app_event", "gitlab", "pipeline"),
    WECOM,
    either(guarded(WECOM, ["status", "fail", "失败"]), trigger_text("fail")),
    NQ,
)
R(
    "帮我写个流程：每天早上七点半抓 https://www.36kr.com/feed 的新闻，挑出跟AI有关的，用GPT总结成五条要点发到Telegram群",
    trig("schedule"),
    sched(at="07:30"),
    http("36kr"),
    ai("summarize"),
    TELEGRAM,
    order(http("36kr"), ai("summarize")),
    order(ai("summarize"), TELEGRAM),
    NQ,
)
R(
    "Airtable里每出现一条新记录，就在Notion里建一个对应的页面",
    trig("app_event", "airtable", "record"),
    NOTION_ADD,
    NQ,
)
R(
    "收到新的Zendesk工单时，用AI判断是不是紧急，紧急的把优先级改成urgent并在Slack里@值班的人，不紧急的不动",
    trig("app_event", "zendesk", "ticket"),
    ai("any"),
    svc("zendesk", "update"),
    SLACK,
    guarded(svc("zendesk", "update")),
    guarded(SLACK),
    NQ,
)
R(
    "WooCommerce有新订单进来，金额大于1000的发邮件给我，所有订单都记录到Airtable",
    trig("app_event", "woocommerce", "order"),
    AIRTABLE_ADD,
    unguarded(AIRTABLE_ADD),
    EMAIL,
    guarded(EMAIL, ["total", "amount", "金额"]),
    SAT,
    NQ,
)
R(
    "每个工作日下午5点半在Discord里提醒团队写日报",
    trig("schedule"),
    sched(at="17:30"),
    WEEKDAYS_ONLY,
    DISCORD,
    NQ,
)
R(
    "每2小时在X(Twitter)上搜一次提到“acme”的推文，用AI做情感分析，负面的发到Slack #pr 频道",
    trig("schedule"),
    sched(every_minutes=120),
    svc("twitter", "read"),
    ai("sentiment"),
    SLACK,
    order(svc("twitter", "read"), ai("sentiment")),
    guarded(SLACK, ["negative", "负面", "sentiment"]),
    NQ,
)
R(
    "官网联系表单(webhook)收到消息后，用AI提取姓名、电话和需求，存到飞书多维表格",
    trig("webhook"),
    ai("extract"),
    anyof(http(["bitable", "feishu"]), svc("feishu", text="bitable")),
    order(ai("extract"), anyof(http(["bitable", "feishu"]), svc("feishu", text="bitable"))),
    NQ,
)
R(
    "每周三上午11点从HubSpot拉这周新增的联系人，去重后加到Google表格里",
    trig("schedule"),
    sched(at="11:00", weekday="wednesday"),
    svc("hubspot", "read"),
    DEDUPED,
    SHEETS_ADD,
    order(svc("hubspot", "read"), SHEETS_ADD),
    NQ,
)
R(
    "Trello里有卡片被加上bug标签的时候，在GitHub上也开一个对应的issue",
    trig("app_event", "trello"),
    GH_ISSUE,
    either(guarded(GH_ISSUE, ["bug", "label"]), trigger_text("bug")),
    NQ,
)
R(
    "每天中午12点检查一下我们的网站 acme.cn、acme.com、acme.io 能不能打开，有打不开的就发Telegram给我",
    trig("schedule"),
    sched(at="12:00"),
    SITE_CHECK,
    TELEGRAM,
    guarded(TELEGRAM),
    NQ,
)
R(
    "GitHub上有人给我们的repo提PR，就让AI根据PR描述写几条review要点，发到Slack #review",
    trig("app_event", "github", "pull"),
    ai("any"),
    SLACK,
    order(ai("any"), SLACK),
    NQ,
)
R(
    "员工用表单提交报销，金额小于200的自动通过写进Excel 365；200及以上要财务 finance@acme.cn 邮件审批，通过了再写进Excel，没通过就发邮件告诉员工",
    trig("form"),
    EXCEL_ADD,
    APPROVAL,
    guarded(APPROVAL, ["amount", "金额", "200"]),
    avoiding(EXCEL_ADD, APPROVAL),
    order(APPROVAL, EXCEL_ADD),
    EMAIL,
    branches(EXCEL_ADD, EMAIL),
    SAT,
    NQ,
)
R(
    "每天早上8点从 https://api.qweather.com/v7/weather/now?location=101010100 拿北京天气，下雨的话在Slack提醒大家带伞，否则发一句早安",
    trig("schedule"),
    sched(at="08:00"),
    http("qweather"),
    SLACK,
    order(http("qweather"), SLACK),
    either(branches(SLACK, SLACK), core(["code", "set_fields", "text_template"], ["雨", "rain"])),
    NQ,
)

# ---------------------------------------------------------------- vague, Chinese
R(
    "帮我自动处理一下客户的消息",
    asks("客户", "消息", "哪个", "渠道", "平台", "which", "channel", "app"),
)

# ---------------------------------------------------------------- edits, English
R(
    "run it at 7:15 instead, and skip weekends",
    sched(at="07:15"),
    WEEKDAYS_ONLY,
    kept("n2", "n3", "n4"),
    NQ,
    prior=P1,
)
R(
    "besides the email also send me a Telegram message when it's in stock",
    TELEGRAM,
    guarded(TELEGRAM, "stock"),
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P4,
)
R(
    "only post to #orders when the order is over $300, but keep logging every order to the sheet",
    guarded(SLACK, ["total", "price", "amount"]),
    unguarded(SHEETS_ADD),
    kept("n1", "n2", "n3"),
    SAT,
    NQ,
    prior=P6,
)
R(
    "replace the Twilio text with a PagerDuty incident for critical alerts",
    PAGERDUTY,
    removed(SMS),
    guarded(PAGERDUTY, "severity"),
    kept("n1", "n2", "n4"),
    NQ,
    prior=P10,
)
R(
    "before summarising, drop posts we've already sent (dedupe by link)",
    DEDUPED,
    order(DEDUPED, core("summarizer")),
    kept("n1", "n2", "n3"),
    NQ,
    prior=P12,
)
R(
    "if nobody resolved anything that week don't post to Teams at all",
    guarded(TEAMS),
    kept("n1", "n2", "n3", "n4"),
    SAT,
    NQ,
    prior=P16,
)
R(
    "also open an Opsgenie alert, but only when the failed workflow's name contains 'prod'",
    OPSGENIE,
    guarded(OPSGENIE, "prod"),
    unguarded(SLACK),
    kept("n1", "n2"),
    SAT,
    NQ,
    prior=P18,
)
R(
    "Before scoring, enrich the contact with Clearbit (company size and industry) so the AI has more to go on",
    http("clearbit"),
    order(http("clearbit"), core("llm_chat")),
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P19,
)

# ---------------------------------------------------------------- edits, Chinese
R("邮件通知改成发到我的Telegram", TELEGRAM, removed(GMAIL), kept("n1", "n2"), NQ, prior=P2)
R(
    "只有优先级是High或Highest的issue才同步到monday，其他的只在slack里说一声",
    guarded(MONDAY_ADD, "priority"),
    avoiding(SLACK, MONDAY_ADD),
    kept("n1", "n2", "n3"),
    SAT,
    NQ,
    prior=P3,
)
R("把时间改成每个工作日早上8点半", sched(at="08:30"), WEEKDAYS_ONLY, kept("n2", "n3"), NQ, prior=P7)
R(
    "正面的工单也别浪费，在Zendesk里自动回复客户一句感谢",
    svc("zendesk", ["update", "create"]),
    branches(WECOM, svc("zendesk", ["update", "create"])),
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P8,
)
R(
    "审批通过后再发一封邮件告诉申请人已经批准了",
    branches(EMAIL, EMAIL),
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P13,
)
R(
    "除了飞书，再把所有待跟进的客户汇总成一封邮件发给 sales@acme.cn",
    EMAIL,
    guarded(EMAIL, ["status", "待跟进"]),
    COUNTED,
    order(COUNTED, EMAIL),
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P14,
)
R(
    "合同登记之前先让法务 legal@acme.cn 邮件审批，没通过就不登记，在Slack上发消息告诉我",
    APPROVAL,
    order(APPROVAL, SHEETS_ADD),
    guarded(SHEETS_ADD),
    SLACK,
    branches(SHEETS_ADD, SLACK),
    kept("n1", "n2", "n3"),
    NQ,
    prior=P17,
)
R(
    "备份前先把Notion里已经归档的页面过滤掉",
    either(guarded(svc("dropbox"), ["archiv", "归档"]), svc("notion", "read", ["archiv", "归档"])),
    kept("n1", "n2", "n3"),
    NQ,
    prior=P20,
)


def build() -> list[dict[str, Any]]:
    return fresh_rows.rows_of(REQUESTS, PREFIX, SPLIT, COMMON)


composition = fresh_rows.composition


def main() -> None:
    fresh_rows.write(build(), OUT)


if __name__ == "__main__":
    main()
