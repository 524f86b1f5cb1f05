# ruff: noqa: E501
"""
Builds ``requests_fresh14.jsonl``: a fourteenth fresh set for the planner, written blind (diagnostic).

Who and when: a helper session started by the project's lead wrote these 100 requests (ids
``u000``–``u099``, ``"split": "fresh14"``) on 2026-12-07 between 19:07 and 19:13 UTC (machine clock,
``date -u``; the requests themselves were typed and first built by 19:13), in its own worktree
``/work/wt-fresh14`` on branch ``fresh14``. It is a diagnostic set: run blind once, then read.

What it read: the layout of this file came from ``build_fresh12.py`` (its module docstring, its
import block and the thirty lines after it); ``build_set.py`` for the helpers, check kinds and the
priors P1–P20; ``fresh_rows.py``; ``checks.py`` for what each check kind means;
``test_fresh_set.py`` (its structure and tests; no other set's request text); the set and check
sections of ``docs/evaluation.md`` (no results section); the catalog (``docs/catalog.md``,
``src/flowsmith/core/catalog/apps.py``) so that apps, operations and trigger events are real; and
in ``run.py`` only the lines that register sets. It did not open the planner or agent code
(``src/flowsmith/planner/``, ``src/flowsmith/agent/``), ``tests/``, any ``requests*.jsonl``, any
other ``build_fresh*.py`` body, ``test_fresh3_set.py``, ``test_fresh7_set.py``, ``ops_sweep.py``,
``recheck.py`` or any ``run-*.json``; it never ran the planner, the server, ``make run``,
``run.py`` or the ``flowsmith`` CLI. Slips: (1) a ``tail -30 build_fresh12.py`` (meant to see its
closing ``build``/``main`` lines) also showed fresh12's last eight requests (edits of P14–P20);
none of this set's requests was modelled on them. (2) ``test_fresh_set.py``'s new-sentence test
found that one request here ("automate my invoices") equalled a sentence of an earlier set; a
throwaway script printed only this set's id of the repeat (u030), and the request was reworded
("i want to automate my invoicing stuff") with its checks unchanged; no earlier sentence was shown.

How it was written: the ordinary mix of what new users type, spread wide across the catalog
(72 different catalog apps named by the checks, an app's alternative spellings counted once and
the any-LLM / any-mail alternatives not counted), with triggers on the events of 31 apps (Stripe, Calendly, WooCommerce, GitHub issues / workflow runs /
pull requests / releases, HubSpot tickets and deals, Help Scout, SurveyMonkey, OneDrive, Gumroad,
Trello, Airtable, Telegram, Slack messages / mentions / joins, Netlify, Cal.com, Google Forms,
Clockify, Square, Chargebee, Invoice Ninja, Notion, Zendesk, GitLab, Google Sheets, Mailchimp,
Wufoo, Keap, Bitbucket, Facebook lead ads, Linear, Gmail…) besides schedules, webhooks, forms,
RSS, email, chat, manual and error triggers, and many operations (read/list/search, create,
update, delete, archive, upload, send, mark as read), said in varied ways ("pull", "grab",
"log it", "drop them into", "ping", "file a ticket", 记一笔, 同步到, 拉取, 推送到, 归档). 50 English
and 50 Chinese requests (app names kept in English inside Chinese, some terse, some chatty, a
typo or two); 20 edits, each of the priors P1–P20 once (10 English / 10 Chinese: add before,
after or also, remove, replace an app, change the schedule or a condition, guard a step, add an
otherwise path), every one with ``kept_ids``; 39 with a condition (13 of them two-sided with
otherwise/否则/其他 or an approval's rejected path, three three-way); chains of 4–6 steps with
transforms and AI steps (u016, u066, u068); three requests naming services the catalog lacks
(Google Analytics u048, Mastodon u090, Hunter.io u094: each expects an HTTP request naming it);
three vague requests whose right answer is a question. Each request was typed first, then its
checks from what a demanding user would insist on and no more: ``either``/``anyof`` where two
graphs are equally right (a filter in the query or on the trigger instead of an IF, a cron
instead of a weekday IF, a code node instead of an aggregate or limit), ``condition_satisfiable``
only where an IF/Switch/Filter is the only reasonable way. Long tail counts, as in fresh10 and
fresh12, apps beyond the brief's ten plus HubSpot, Airtable and Trello. A first draft had nearly
every create on a long-tail app, twice what the brief asked; about thirty were rewritten onto
common apps (GitHub, HubSpot, Notion, Airtable, Trello, Telegram, an HTTP API) before any check
was final. After writing, a throwaway script checked every ``service``+``verb`` selector against
the catalog's operations and every trigger ``event_like`` word against the app's events (530
selectors, subtypes and event words): eight event words offered as extra alternatives were not in
the catalog (Calendly "book", GitHub "check", Trello "card"/"update"/"move"/"member", Wufoo
"entry") and were dropped from those lists; the requests were not changed. Final counts: 50
English / 50 Chinese, 39 with a condition, 20 edits, 42 long tail, 3 vague.
``test_fresh_set.py`` holds hand-written right workflows for five creates (u003, u007, u018, u051,
u066) and three edits (u083, u094, u096) that pass every check, and checks that each edit's prior
left unchanged fails.

    .venv/bin/python bench/eval_planner/build_fresh14.py   # rewrites requests_fresh14.jsonl
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
    JIRA_ADD,
    MAILCHIMP_ADD,
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

OUT = HERE / "requests_fresh14.jsonl"
SPLIT = "fresh14"
PREFIX = "u"

# common: the brief's ten plus HubSpot, Airtable and Trello (as fresh10 and fresh12 count it)
COMMON = TOP_TEN | {"hubspot", "airtable", "trello"}

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))


# phrasings and selectors used more than once
WEEKDAYS_ONLY = either(
    trigger_text(["1-5", "mon-fri"]),
    cond_text(["weekday", "dayofweek", "day_of_week", "getday", "isoweekday", "weekend"]),
)
FIRST_OF_MONTH = either(
    trigger_text([" 1 * *"]), cond_text(["getdate", ".day", "dayofmonth", "day_of_month"])
)
COUNTED = anyof(core("aggregate"), core("code"))
COND = {"condition_node": True}
GH_READ = svc("github", "read")
GCAL_ADD = svc("google_calendar", "create")
GDRIVE_UP = svc("google_drive", "create")
EXCEL_ADD = svc("excel_365", "create")
OPSGENIE = svc("opsgenie", "create")
PAGERDUTY = svc("pagerduty", "create")
FRESHDESK_ADD = svc("freshdesk", "create")
CONVERTKIT = svc("convertkit", "create")
WHATSAPP = svc("whatsapp", "create")
TWILIO_SMS = svc("twilio", "create")
PIPEDRIVE_ADD = svc("pipedrive", "create")
QUICKBOOKS_ADD = svc("quickbooks", "create")
ZOHO_ADD = svc("zoho_crm", "create")
# an LLM step that is not the prior's own sentiment node (P8)
LLM = anyof(
    core(["llm_chat", "ai_agent", "n8n_ai_node", "summarizer"]),
    svc(["openai", "anthropic", "mistral_ai"]),
)


# ================================================================ creates, English (40)
R(
    "When a Stripe payment fails, grab the customer's email and send them a polite heads-up through SendGrid",
    trig("app_event", "stripe", "fail"),
    svc("sendgrid", "create"),
    NQ,
)
R(
    "new calendly booking -> save the invitee in Google Contacts and ping me on telegram",
    trig("app_event", "calendly", ["invitee", "created"]),
    svc("google_contacts", "create"),
    TELEGRAM,
    NQ,
)
R(
    "Every Friday at 5pm pull this week's closed GitHub issues from acme/api, count them per label and email the summary to me@studio.io",
    trig("schedule"),
    sched(at="17:00", weekday="friday"),
    GH_READ,
    COUNTED,
    EMAIL,
    order(GH_READ, COUNTED),
    order(COUNTED, EMAIL),
    NQ,
)
R(
    "When a new WooCommerce order comes in and the total is over 200, post it in #big-orders on Slack. Otherwise just log it to the Orders sheet in Google Sheets.",
    trig("app_event", "woocommerce", "order"),
    SLACK,
    SHEETS_ADD,
    branches(SLACK, SHEETS_ADD),
    guarded(SLACK, ["total", "amount", "price"]),
    SAT,
    NQ,
)
R(
    "When a GitHub issue in acme/app gets the label 'urgent', ping #oncall in Slack",
    trig("app_event", "github", "issue"),
    SLACK,
    either(guarded(SLACK, "label"), trigger_text("urgent")),
    NQ,
)
R(
    "grab the top 5 stories from the Hacker News API (https://hacker-news.firebaseio.com/v0/topstories.json) every morning at 7 and drop them into my Discord #reading channel",
    trig("schedule"),
    sched(at="07:00"),
    http("hacker-news"),
    anyof(core("limit"), core("code")),
    DISCORD,
    order(http("hacker-news"), DISCORD),
    NQ,
)
R(
    "When someone fills in the 'Job application' form on our careers page, create a card on the Trello 'Hiring' board and email the applicant that we got it",
    trig(["form", "webhook"]),
    TRELLO_ADD,
    EMAIL,
    NQ,
)
R(
    "When a HubSpot ticket is created, wait an hour, and if it's still unassigned post it in Slack #support",
    trig("app_event", "hubspot", "ticket"),
    WAIT,
    svc("hubspot", "read"),
    SLACK,
    order(WAIT, svc("hubspot", "read")),
    order(WAIT, SLACK),
    guarded(SLACK, ["owner", "assign"]),
    SAT,
    NQ,
)
R(
    "Every hour check all our UptimeRobot monitors and if any of them is down create an Opsgenie alert",
    trig("schedule"),
    sched(every_minutes=60),
    svc("uptime_robot", "read"),
    OPSGENIE,
    either(
        guarded(OPSGENIE, ["status", "down"]), svc("uptime_robot", "read", text=["down", "status"])
    ),
    NQ,
)
R(
    "ping me on Telegram whenever a GitHub Actions run on acme/api fails",
    trig("app_event", "github", "workflow"),
    TELEGRAM,
    either(
        guarded(TELEGRAM, ["conclusion", "fail", "status"]), trigger_text(["fail", "conclusion"])
    ),
    NQ,
)
R(
    "When a HubSpot deal is created, log it in the 'Pipeline' table in Airtable, and if the amount is over 50k also shout about it in #deals on Slack",
    trig("app_event", "hubspot", "deal"),
    AIRTABLE_ADD,
    unguarded(AIRTABLE_ADD),
    SLACK,
    guarded(SLACK, "amount"),
    SAT,
    NQ,
)
R(
    "Every Monday 9am, read the 'Invoices' Google Sheet, find the unpaid ones that are past their due date and send each client a reminder email",
    trig("schedule"),
    sched(at="09:00", weekday="monday"),
    SHEETS_READ,
    EMAIL,
    guarded(EMAIL, ["due", "paid", "status"]),
    order(SHEETS_READ, EMAIL),
    SAT,
    NQ,
)
R(
    "When https://engineering.example.com/rss has a new post whose title mentions 'release', post the title and link to our Discord #announcements",
    trig("rss"),
    DISCORD,
    guarded(DISCORD, "title"),
    SAT,
    NQ,
)
R(
    "Every night at 11, grab all pages in my Notion 'Inbox' database that are marked done and archive them",
    trig("schedule"),
    sched(at="23:00"),
    svc("notion", "read"),
    svc("notion", ["delete", "update"]),
    order(svc("notion", "read"), svc("notion", ["delete", "update"])),
    either(cond_text("done"), svc("notion", "read", text="done")),
    NQ,
)
R(
    "When a customer replies in Help Scout, run sentiment analysis on the message; if it's negative ping the support lead on Slack, otherwise do nothing",
    trig("app_event", "help_scout", ["repl", "customer"]),
    ai("sentiment"),
    SLACK,
    guarded(SLACK, ["sentiment", "negative"]),
    order(ai("sentiment"), SLACK),
    SAT,
    NQ,
)
R(
    "back up our Supabase 'orders' table to an S3 bucket every night at 1am",
    trig("schedule"),
    sched(at="01:00"),
    svc("supabase", "read"),
    svc("amazon_s3", "create"),
    order(svc("supabase", "read"), svc("amazon_s3", "create")),
    NQ,
)
R(
    "Every weekday at 8:30 pull the PRs merged yesterday in acme/web on GitHub, keep only the ones labelled 'feature', sort them by merge time, have AI write a short changelog and post it to #releases on Slack",
    trig("schedule"),
    sched(at="08:30"),
    WEEKDAYS_ONLY,
    GH_READ,
    either(cond_text("feature"), svc("github", "read", text="feature")),
    anyof(core("sort"), svc("github", "read", text="sort")),
    ai("any"),
    SLACK,
    order(GH_READ, ai("any")),
    order(ai("any"), SLACK),
    NQ,
)
R(
    "When a SurveyMonkey response is completed: score 0-6 open a Freshdesk ticket so support can reach out, 7-8 just log it in Google Sheets, 9-10 add them to the 'Promoters' audience in Mailchimp",
    trig("app_event", "surveymonkey", ["response", "complet"]),
    FRESHDESK_ADD,
    SHEETS_ADD,
    MAILCHIMP_ADD,
    branches(FRESHDESK_ADD, SHEETS_ADD, MAILCHIMP_ADD),
    SAT,
    NQ,
)
R(
    "When a payment comes in on our webhook at /paid, send the customer a Telegram message if they gave us a Telegram chat id, otherwise email them the receipt. Answer the caller with 200 either way.",
    trig("webhook"),
    TELEGRAM,
    EMAIL,
    branches(TELEGRAM, EMAIL),
    guarded(TELEGRAM, ["telegram", "chat"]),
    WEBHOOK_RESPONSE,
    both_paths(WEBHOOK_RESPONSE),
    SAT,
    NQ,
)
R(
    "Every 30 minutes search GitHub for new issues in our org mentioning 'crash' and save them into my Notion 'Crashes' database, skipping the ones already saved",
    trig("schedule"),
    sched(every_minutes=30),
    GH_READ,
    NOTION_ADD,
    either(core("remove_duplicates"), COND),
    order(GH_READ, NOTION_ADD),
    NQ,
)
R(
    "when someone posts in #help on Slack and the message has the word 'refund', file a ticket in HubSpot",
    trig("app_event", "slack", "message"),
    HUBSPOT_ADD,
    either(guarded(HUBSPOT_ADD, ["refund", "text"]), trigger_text("refund")),
    NQ,
)
R(
    "Whenever a new file lands in our OneDrive 'Scans' folder, have AI pull out the invoice number, vendor and total, then create a bill in Xero. If it can't find a total, email me at ap@acme.io instead of creating the bill.",
    trig("app_event", "onedrive", ["file", "created"]),
    ai("extract"),
    svc("xero", "create"),
    EMAIL,
    branches(svc("xero", "create"), EMAIL),
    guarded(svc("xero", "create"), "total"),
    order(ai("extract"), svc("xero", "create")),
    SAT,
    NQ,
)
R(
    "Each morning at 6 get the Lisbon forecast from https://api.open-meteo.com/v1/forecast?latitude=38.7&longitude=-9.1&daily=precipitation_sum and if rain is expected text me via Vonage",
    trig("schedule"),
    sched(at="06:00"),
    http("open-meteo"),
    svc("vonage", "create"),
    guarded(svc("vonage", "create"), ["rain", "precip"]),
    order(http("open-meteo"), svc("vonage", "create")),
    SAT,
    NQ,
)
R(
    "new Gumroad sale: if the product is 'Pro Course' add the buyer to the 'Pro' sequence in ConvertKit, otherwise to the 'Onboarding' sequence",
    trig("app_event", "gumroad", "sale"),
    guarded(CONVERTKIT, "product"),
    branches(
        svc("convertkit", "create", text="pro"), svc("convertkit", "create", text="onboarding")
    ),
    SAT,
    NQ,
)
R(
    "When a Trello card is moved to the 'Done' list, close the GitHub issue linked in its description",
    trig("app_event", "trello", "change"),
    svc("github", "update"),
    either(guarded(svc("github", "update"), ["done", "list"]), trigger_text("done")),
    NQ,
)
R(
    "every sunday at 10pm delete the rows in my 'Temp' sheet that are older than 7 days",
    trig("schedule"),
    sched(at="22:00", weekday="sunday"),
    svc("google_sheets", "delete"),
    either(cond_text(["date", "day", "7"]), svc("google_sheets", "delete", text=["date", "7"])),
    NQ,
)
R(
    "When a new record shows up in the Airtable 'Orders' base, send a short summary of it to my Telegram",
    trig("app_event", "airtable", ["record", "creat"]),
    TELEGRAM,
    NQ,
)
R(
    "Set up a Telegram bot: when someone messages it, answer with an AI agent that can look things up on Wikipedia, and send the answer back in the same chat",
    trig("app_event", "telegram", "message"),
    ai("agent"),
    anyof(core("wikipedia_tool"), http("wikipedia")),
    TELEGRAM,
    order(ai("agent"), TELEGRAM),
    NQ,
)
R(
    "every night at 11 mark all unread gmail from notifications@github.com as read",
    trig("schedule"),
    sched(at="23:00"),
    svc("gmail", "update"),
    NQ,
)
R(
    "When someone submits the 'Bug report' form on our site, open an issue in acme/app on GitHub with their description and screenshot link, then thank them by email",
    trig(["form", "webhook"]),
    GH_ISSUE,
    EMAIL,
    order(GH_ISSUE, EMAIL),
    NQ,
)
R("i want to automate my invoicing stuff", asks("invoice", "which", "what", "where", "how"))
R(
    "can you make something that keeps my team in the loop?",
    asks("which", "what", "where", "how", "team"),
)
R(
    "Every day at noon read the new rows from the 'Signups' Google Sheet and add each one as a contact in HubSpot",
    trig("schedule"),
    sched(at="12:00"),
    SHEETS_READ,
    HUBSPOT_ADD,
    order(SHEETS_READ, HUBSPOT_ADD),
    NQ,
)
R(
    "Whenever someone joins our Slack workspace, DM them the onboarding guide link and add them to the 'Members' table in Airtable",
    trig("app_event", "slack", ["join", "user"]),
    SLACK,
    AIRTABLE_ADD,
    NQ,
)
R(
    "When a pull request is opened on acme/api, have AI review the diff and post its comments back on the PR",
    trig("app_event", "github", "pull"),
    ai("any"),
    svc("github", "create"),
    order(ai("any"), svc("github", "create")),
    NQ,
)
R(
    "When our Netlify deploy fails, open a GitHub issue in acme/site with a link to the deploy log",
    trig("app_event", "netlify", "fail"),
    GH_ISSUE,
    NQ,
)
R(
    "When a Cal.com booking gets cancelled, delete the Zoom meeting for it and email the attendee that it's off",
    trig("app_event", "cal_com", "cancel"),
    svc("zoom", "delete"),
    EMAIL,
    NQ,
)
R(
    "When the 'Event RSVP' Google Form is submitted, create a Google Calender invite for the person, unless they answered No to attending",
    trig("app_event", "google_forms", ["form", "submit"]),
    GCAL_ADD,
    guarded(GCAL_ADD, ["attend", "no", "yes"]),
    SAT,
    NQ,
)
R(
    "Every 15 min poll our Wise balance and if it drops under 1,000 EUR send an alert to the #finance stream in Zulip",
    trig("schedule"),
    sched(every_minutes=15),
    svc("wise", "read"),
    svc("zulip", "create"),
    guarded(svc("zulip", "create"), ["balance", "amount", "value"]),
    SAT,
    NQ,
)
R(
    "when a new Clockify time entry is added without a description, DM the person on Slack asking them to fill it in",
    trig("app_event", "clockify", ["time", "entry"]),
    SLACK,
    guarded(SLACK, "description"),
    SAT,
    NQ,
)

# ================================================================ creates, Chinese (40)
R(
    "每天早上9点拉取Shopify昨天的订单，按金额汇总后推送到钉钉群",
    trig("schedule"),
    sched(at="09:00"),
    svc("shopify", "read"),
    COUNTED,
    DINGTALK,
    order(svc("shopify", "read"), DINGTALK),
    NQ,
)
R(
    "有人提交'活动报名'表单，就同步到Airtable，再在Telegram群里通知一下",
    trig(["form", "webhook"]),
    AIRTABLE_ADD,
    TELEGRAM,
    NQ,
)
R(
    "Stripe有新订阅的时候，在HubSpot里创建联系人；如果是年付套餐，再用企业微信通知销售主管",
    trig("app_event", "stripe", "subscription"),
    HUBSPOT_ADD,
    unguarded(HUBSPOT_ADD),
    WECOM,
    guarded(WECOM, ["plan", "interval", "year", "年"]),
    SAT,
    NQ,
)
R(
    "GitHub有新的release发布时，帮我用AI把release notes翻译成中文，推送到Discord的#公告频道",
    trig("app_event", "github", "release"),
    ai("translate"),
    DISCORD,
    order(ai("translate"), DISCORD),
    NQ,
)
R(
    "每周日晚上9点，把Trello看板'已完成'列表里的卡片全部归档",
    trig("schedule"),
    sched(at="21:00", weekday="sunday"),
    svc("trello", "read"),
    svc("trello", ["update", "delete"]),
    order(svc("trello", "read"), svc("trello", ["update", "delete"])),
    NQ,
)
R(
    "Gmail收到标题带'发票'的邮件，就把发件人、金额这些信息记一笔到Google表格'发票登记'里",
    trig(["email", "app_event"], "gmail"),
    SHEETS_ADD,
    either(guarded(SHEETS_ADD, ["发票", "subject"]), trigger_text("发票")),
    NQ,
)
R(
    "每小时检查一下 https://api.example.cn/inventory 库存接口，库存低于10的商品在GitHub仓库 acme/ops 里建一个补货issue",
    trig("schedule"),
    sched(every_minutes=60),
    http("api.example.cn/inventory"),
    GH_ISSUE,
    guarded(GH_ISSUE, ["stock", "库存", "quantity", "qty", "inventory"]),
    order(http("api.example.cn/inventory"), GH_ISSUE),
    SAT,
    NQ,
)
R(
    "Linear有新的issue，优先级是Urgent的话用Twilio发短信给值班同事，其他的记一笔到Google表格",
    trig("app_event", "linear", "issue"),
    TWILIO_SMS,
    SHEETS_ADD,
    branches(TWILIO_SMS, SHEETS_ADD),
    guarded(TWILIO_SMS, ["priority", "urgent"]),
    SAT,
    NQ,
)
R(
    "每周一早上8点从Google Analytics拉取上周的访问量，发邮件给我",
    trig("schedule"),
    sched(at="08:00", weekday="monday"),
    http(["analytics", "googleapis"]),
    EMAIL,
    order(http(["analytics", "googleapis"]), EMAIL),
    NQ,
    note="Google Analytics is not in the catalog: an HTTP request to its API",
)
R(
    "Chargebee里有订阅被取消了，就在Pipedrive给这个客户建一个挽回跟进的活动，再用Gmail发一封挽留邮件",
    trig("app_event", "chargebee", "cancel"),
    PIPEDRIVE_ADD,
    GMAIL,
    NQ,
)
R(
    "有人在Slack里@我们的机器人，就用ChatGPT回答他的问题，回复在同一个thread里",
    trig("app_event", "slack", "mention"),
    ai("any"),
    SLACK,
    order(ai("any"), SLACK),
    NQ,
)
R(
    "表单提交报销申请：金额小于500直接记到Excel 365的报销表里；500及以上要先发邮件给财务主管审批，批了再记，不批就邮件通知申请人",
    trig(["form", "webhook"]),
    APPROVAL,
    EXCEL_ADD,
    EMAIL,
    guarded(APPROVAL, ["amount", "金额"]),
    avoiding(EXCEL_ADD, APPROVAL),
    order(APPROVAL, EXCEL_ADD),
    branches(EXCEL_ADD, EMAIL),
    SAT,
    NQ,
)
R(
    "Square收到新付款，金额超过1000块的推送到飞书，其他的不用管",
    trig("app_event", "square", "payment"),
    FEISHU,
    guarded(FEISHU, ["amount", "金额", "total", "money"]),
    SAT,
    NQ,
)
R(
    "Invoice Ninja里有客户付款了，就在Slack #finance 里说一声，顺便把这笔付款记到Google表格",
    trig("app_event", "invoice_ninja", "payment"),
    SLACK,
    SHEETS_ADD,
    NQ,
)
R(
    "Notion的'会议纪要'数据库里新增页面时，用AI提取里面的待办事项，逐条在Trello建卡片",
    trig("app_event", "notion", ["page", "add"]),
    ai("any"),
    TRELLO_ADD,
    order(ai("any"), TRELLO_ADD),
    NQ,
)
R(
    "每天下午6点读一下Google表格'日报'，今天还没交日报的同事，在Slack里私信提醒他",
    trig("schedule"),
    sched(at="18:00"),
    SHEETS_READ,
    SLACK,
    guarded(SLACK),
    order(SHEETS_READ, SLACK),
    SAT,
    NQ,
)
R(
    "新的Zendesk工单进来，用AI判断是哪类问题（账单/技术/其他）：账单类在Slack #billing 通知，技术类在Jira建issue，其他的发邮件给 support@acme.cn",
    trig("app_event", "zendesk", "ticket"),
    ai("classify"),
    SLACK,
    JIRA_ADD,
    EMAIL,
    branches(SLACK, JIRA_ADD, EMAIL),
    NQ,
)
R(
    "每周五下午5点把Airtable'任务'表里本周完成的任务数统计一下，发到Discord",
    trig("schedule"),
    sched(at="17:00", weekday="friday"),
    svc("airtable", "read"),
    COUNTED,
    DISCORD,
    order(svc("airtable", "read"), DISCORD),
    NQ,
)
R("帮我做个自动化，客户的事情都能处理好", asks("哪", "什么", "which", "what", "客户"))
R(
    "GitLab的pipeline失败了就在PagerDuty建一个incident",
    trig("app_event", "gitlab", "pipeline"),
    PAGERDUTY,
    either(guarded(PAGERDUTY, ["status", "fail"]), trigger_text(["fail"])),
    NQ,
)
R(
    "每天凌晨3点把Postgres的orders表导出来，上传到我们的SFTP服务器 /exports 目录",
    trig("schedule"),
    sched(at="03:00"),
    POSTGRES,
    svc("ftp", "create"),
    order(POSTGRES, svc("ftp", "create")),
    NQ,
)
R(
    "Google表格'候选人'里加了新行，如果状态是'通过初筛'，就用Gmail给他发面试邀请，并在Notion的'面试'数据库里建一条记录",
    trig("app_event", "google_sheets", ["row", "add"]),
    GMAIL,
    NOTION_ADD,
    guarded(GMAIL, ["状态", "status", "初筛"]),
    guarded(NOTION_ADD, ["状态", "status", "初筛"]),
    SAT,
    NQ,
)
R(
    "Mailchimp有人退订了，就把他从HubSpot联系人里删掉",
    trig("app_event", "mailchimp", "unsubscri"),
    svc("hubspot", "delete"),
    NQ,
)
R(
    "给我做一个webhook，接收订单JSON，用AI把收货地址拆成省、市、区，存到Airtable，然后把处理结果返回给调用方",
    trig("webhook"),
    ai("any"),
    AIRTABLE_ADD,
    WEBHOOK_RESPONSE,
    order(ai("any"), AIRTABLE_ADD),
    NQ,
)
R(
    "每隔10分钟看一下 https://status.example.cn/health ，如果挂了就发Telegram给我，同时发邮件给ops@acme.cn，正常的话什么都不做",
    trig("schedule"),
    sched(every_minutes=10),
    http("status.example.cn"),
    TELEGRAM,
    EMAIL,
    guarded(TELEGRAM),
    guarded(EMAIL),
    SAT,
    NQ,
)
R(
    "Trello上有卡片分配给我的时候，在Telegram里提醒我一下",
    trig("app_event", "trello", "change"),
    TELEGRAM,
    either(guarded(TELEGRAM, ["member", "assign"]), trigger_text(["member", "assign"])),
    NQ,
)
R(
    "每周一早上8点半，从 https://api.example.cn/orders?range=last_week 拉取上周订单，按商品汇总销量，再用AI写一段周报，发邮件给boss@acme.cn",
    trig("schedule"),
    sched(at="08:30", weekday="monday"),
    http("api.example.cn/orders"),
    COUNTED,
    ai("any"),
    EMAIL,
    order(http("api.example.cn/orders"), COUNTED),
    order(COUNTED, ai("any")),
    order(ai("any"), EMAIL),
    NQ,
)
R(
    "Telegram机器人收到 /todo 开头的消息，就把后面的内容加到Notion的待办数据库里",
    trig("app_event", "telegram", "message"),
    NOTION_ADD,
    either(guarded(NOTION_ADD, ["todo", "text"]), trigger_text("/todo")),
    NQ,
)
R(
    "每天早上7点半：拉取 https://36kr.com/feed 的新文章，去重，只要前10条，用AI翻译成英文，再推送到Slack #cn-news",
    trig("schedule"),
    sched(at="07:30"),
    http("36kr"),
    anyof(core("remove_duplicates"), core("code")),
    anyof(core("limit"), core("code")),
    ai("translate"),
    SLACK,
    order(http("36kr"), ai("translate")),
    order(ai("translate"), SLACK),
    NQ,
)
R(
    "每月1号早上8点，拉取HubSpot上个月新建的deal，按金额从高到低排个序，取前5个发邮件给 ceo@acme.cn",
    trig("schedule"),
    sched(at="08:00"),
    FIRST_OF_MONTH,
    svc("hubspot", "read"),
    anyof(core("sort"), svc("hubspot", "read", text=["sort", "amount"])),
    EMAIL,
    order(svc("hubspot", "read"), EMAIL),
    NQ,
)
R(
    "GitHub有新issue时记一笔到Google表格'问题跟踪'里，如果标签里有security，再发Discord消息提醒我",
    trig("app_event", "github", "issue"),
    SHEETS_ADD,
    unguarded(SHEETS_ADD),
    DISCORD,
    guarded(DISCORD, ["label", "security"]),
    SAT,
    NQ,
)
R(
    "Wufoo表单提交后把数据写进Smartsheet；如果勾选了'需要发票'，再在QuickBooks开一张发票",
    trig("app_event", "wufoo", ["form", "submit"]),
    svc("smartsheet", "create"),
    unguarded(svc("smartsheet", "create")),
    QUICKBOOKS_ADD,
    guarded(QUICKBOOKS_ADD, ["发票", "invoice"]),
    SAT,
    NQ,
)
R(
    "每天早上8点把Notion'今日任务'数据库里今天到期的任务发到我的Telegram",
    trig("schedule"),
    sched(at="08:00"),
    svc("notion", "read"),
    TELEGRAM,
    order(svc("notion", "read"), TELEGRAM),
    NQ,
)
R(
    "Keap有新订单就在Slack里通知一下；订单金额超过2000的，再给客户发一条WhatsApp感谢消息",
    trig("app_event", "keap", "order"),
    SLACK,
    unguarded(SLACK),
    WHATSAPP,
    guarded(WHATSAPP, ["amount", "total", "金额"]),
    SAT,
    NQ,
)
R(
    "HubSpot新建工单时，如果优先级是高，就在Slack #urgent 频道通知；否则把工单记到Notion的'待处理'数据库",
    trig("app_event", "hubspot", "ticket"),
    SLACK,
    NOTION_ADD,
    branches(SLACK, NOTION_ADD),
    guarded(SLACK, ["priority", "优先级"]),
    SAT,
    NQ,
)
R(
    "每天晚上把Slack #general 频道当天的消息拉下来，让AI总结成要点，存到Notion",
    trig("schedule"),
    svc("slack", "read"),
    ai("summarize"),
    NOTION_ADD,
    order(svc("slack", "read"), ai("summarize")),
    order(ai("summarize"), NOTION_ADD),
    NQ,
)
R(
    "Bitbucket上main分支有新的push，就触发Jenkins构建",
    trig("app_event", "bitbucket", "push"),
    svc("jenkins"),
    either(guarded(svc("jenkins"), ["branch", "main", "ref"]), trigger_text("main")),
    NQ,
)
R(
    "Facebook广告有新线索，同步到Zoho CRM；预算一栏超过1万的，同时推送到企业微信群",
    trig("app_event", "facebook", "lead"),
    ZOHO_ADD,
    unguarded(ZOHO_ADD),
    WECOM,
    guarded(WECOM, ["budget", "预算"]),
    SAT,
    NQ,
)
R(
    "手动运行：把Airtable'客户'表里邮箱为空的记录都删掉",
    trig("manual"),
    svc("airtable", "delete"),
    either(
        cond_text(["email", "邮箱"]), svc("airtable", ["read", "delete"], text=["email", "邮箱"])
    ),
    NQ,
)
R(
    "做一个网页聊天机器人，用AI回答客户关于我们产品的问题，答不上来的问题记到Google表格里让人工跟进",
    trig("chat"),
    ai("any"),
    SHEETS_ADD,
    NQ,
)

# ================================================================ edits (20: each prior once, 10 English / 10 Chinese)
R(
    "move it to 7:15 and skip weekends",
    sched(at="07:15"),
    WEEKDAYS_ONLY,
    kept("n2", "n3", "n4"),
    NQ,
    prior=P1,
)
R(
    "如果邮箱是公司域名（不是gmail、qq这种），就同时在HubSpot里建个联系人",
    HUBSPOT_ADD,
    guarded(HUBSPOT_ADD, "email"),
    unguarded(SHEETS_ADD),
    kept("n1", "n2", "n3"),
    SAT,
    NQ,
    prior=P2,
)
R(
    "swap monday.com for Basecamp - make it a to-do in the 'Engineering' project",
    svc("basecamp", "create"),
    removed(svc(["monday_com", "monday", "mondaycom"])),
    kept("n1", "n3"),
    NQ,
    prior=P3,
)
R(
    "有货的话除了发邮件，再用Pushover推送到我手机；没货就在Google表格里记一笔检查时间",
    svc("pushover", "create"),
    guarded(svc("pushover", "create"), "stock"),
    SHEETS_ADD,
    branches(svc("pushover", "create"), SHEETS_ADD),
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P4,
)
R(
    "add a bucket for everything that isn't billing or a bug: those should become a HaloPSA ticket",
    svc("halopsa", "create"),
    branches(ZENDESK_ADD, JIRA_ADD, svc("halopsa", "create")),
    kept("n1", "n2", "n4", "n5"),
    NQ,
    prior=P5,
)
R(
    "不要Google表格了，订单先存到Airtable，再发Slack",
    AIRTABLE_ADD,
    removed(svc("google_sheets")),
    order(AIRTABLE_ADD, SLACK),
    kept("n1", "n3"),
    NQ,
    prior=P6,
)
R(
    "Change the report time to 18:30 and also push the numbers to our Lark group",
    sched(at="18:30"),
    FEISHU,
    kept("n2", "n3"),
    NQ,
    prior=P7,
)
R(
    "负面的工单再加一步：让AI写一段安抚客户的回复草稿，作为内部备注更新到这张Zendesk工单上",
    LLM,
    svc("zendesk", "update"),
    guarded(svc("zendesk", "update"), ["sentiment", "negative"]),
    order(LLM, svc("zendesk", "update")),
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P8,
)
R(
    "Only send the thank-you email to people whose budget is at least 5k; everyone else goes into the 'Nurture' table in Airtable instead",
    guarded(EMAIL, "budget"),
    AIRTABLE_ADD,
    branches(EMAIL, AIRTABLE_ADD),
    unguarded(svc("hubspot")),
    kept("n1", "n2", "n3"),
    SAT,
    NQ,
    prior=P9,
)
R(
    "把'严重'的判断改一下：severity是critical或者high都算严重；严重告警除了短信，再在Opsgenie里建一个alert",
    cond_text("high"),
    OPSGENIE,
    guarded(OPSGENIE, "severity"),
    kept("n1", "n3", "n4"),
    NQ,
    prior=P10,
)
R(
    "also toot it on our Mastodon account",
    http("mastodon"),
    kept("n1", "n2"),
    NQ,
    prior=P11,
    note="Mastodon is not in the catalog: an HTTP request to its API",
)
R(
    "also push the summary to our Discord #news channel",
    DISCORD,
    order(core("summarizer"), DISCORD),
    kept("n1", "n2", "n3"),
    NQ,
    prior=P12,
)
R(
    "when it's rejected, also log the request in a 'Declined' Google Sheet",
    SHEETS_ADD,
    branches(AIRTABLE_ADD, SHEETS_ADD),
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P13,
)
R(
    "改成工作日早上9点半跑，提醒改发到钉钉",
    sched(at="09:30"),
    WEEKDAYS_ONLY,
    DINGTALK,
    removed(FEISHU),
    kept("n2", "n3"),
    NQ,
    prior=P14,
)
R(
    "before saving the user, verify the email with Hunter.io's email verifier API; if it's undeliverable answer with a 422 and don't save anything",
    http("hunter"),
    order(http("hunter"), POSTGRES),
    guarded(POSTGRES),
    core("webhook_response", "422"),
    branches(POSTGRES, core("webhook_response", "422")),
    kept("n1", "n2", "n3", "n4"),
    SAT,
    NQ,
    prior=P15,
    note="Hunter.io is not in the catalog: an HTTP request to its API",
)
R(
    "统计结果也写一份到Coda的'周报'表里",
    svc("coda", "create"),
    order(core("aggregate"), svc("coda", "create")),
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P16,
)
R(
    "合同金额超过20万的，登记后发邮件通知法务 legal@acme.cn；其他的在Slack #contracts 发个简讯就行",
    EMAIL,
    SLACK,
    branches(EMAIL, SLACK),
    guarded(EMAIL, ["amount", "金额"]),
    order(SHEETS_ADD, EMAIL),
    kept("n1", "n2", "n3"),
    SAT,
    NQ,
    prior=P17,
)
R(
    "only alert Slack for failures of workflows whose name starts with 'prod-'; log the rest to a Grist table",
    guarded(SLACK, ["workflow", "name", "prod"]),
    svc("grist", "create"),
    branches(SLACK, svc("grist", "create")),
    kept("n1", "n2"),
    SAT,
    NQ,
    prior=P18,
)
R(
    "热门线索建完Salesforce之后，再用lemlist把他加到'VIP'活动里",
    svc("lemlist", "create"),
    guarded(svc("lemlist", "create"), "score"),
    order(svc("salesforce"), svc("lemlist", "create")),
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P19,
)
R(
    "不要传Dropbox了，改成上传到Nextcloud的/backup目录",
    svc("nextcloud", "create"),
    removed(svc("dropbox")),
    kept("n1", "n2"),
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
