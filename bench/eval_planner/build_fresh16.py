# ruff: noqa: E501
"""Builds ``requests_fresh16.jsonl``: a sixteenth fresh set for the planner, written blind (diagnostic).

Who and when: a helper session started by the project's lead wrote these 100 requests (ids
``x000``–``x099``, ``"split": "fresh16"``) on 2026-12-07 between 20:22 and 20:29 UTC (machine clock,
``date -u``; reading the brief and the allowed files first, then typing the requests and their
checks), in its own worktree ``/work/wt-fresh16`` on branch ``fresh16``.

What it read: the layout of this file came from ``build_fresh12.py`` (its module docstring, its
import block and the thirty lines after it only; none of its requests; the names of its functions
to know it ends with ``build``/``main``); ``build_set.py`` for the helpers, check kinds and the
priors P1–P20; ``fresh_rows.py``; ``checks.py`` for what each check kind means;
``test_fresh_set.py`` (its helpers, the set registry and the fresh15/fresh14 per-set tests, to
copy their shape; no other set's request text); the set and check sections of
``docs/evaluation.md`` (no results section); the catalog (``docs/catalog.md``'s service table and
trigger/core sections, ``flowsmith.core.catalog`` through a script) so that apps, operations and
trigger events are real; and in ``run.py`` only the lines that register sets. It did not open
the planner or agent code (``src/flowsmith/planner/``, ``src/flowsmith/agent/``), ``tests/``,
any other ``requests*.jsonl``, any other ``build_fresh*.py`` body, ``test_fresh3_set.py``,
``test_fresh7_set.py``, ``ops_sweep.py``, ``recheck.py`` or any ``run-*.json``; it never ran the
planner, the server, ``make run``, ``run.py`` or the ``flowsmith`` CLI. Slips: one, harmless to
blindness as far as it knows. Running the brief's format gate on ``test_fresh_set.py`` and
``run.py`` (both fail ``ruff format --check`` on main already, as do 19 other files of this
directory) printed ruff's reformatting diff of them; the part shown was ``run.py``'s server code
and ``test_fresh_set.py``'s per-set test functions (no request text), and the middle of the
output (about 4,000 lines) was cut by the tool and never seen. Neither file was reformatted.

How it was written: the ordinary mix of what new users type, by people in walks of life the
earlier sets may not have covered — a dental office, a band on tour, landlords, a school robotics
club and a university photo club, a food truck, a recruiter and a headhunter, podcasts, freelance
designers and translators, NGOs and a food bank, gyms, wedding and studio photographers, a
packaging line and a hardware workshop, a bakery, a yoga studio, a vet and a pet hospital, law
offices, a wedding planner, a tutoring centre and a training school, a parish newsletter, a
plumber, a real-estate office, guesthouses, a coworking desk, a translation agency, a brewery, a
florist, car-repair shops, an esports team, a museum, a farm veg box, a movers' quote API, a
theatre box office, a milk-tea shop, a restaurant, a community library, a kindergarten. 50
English and 50 Chinese requests (app names kept in English inside Chinese, a few typos, terse
arrow notes, a bullet list, long run-ons with chatter, requests that give the why first). 20
edits, one of each prior P1–P20 (add before/after/also, remove, replace an app, reschedule, hour
window, guard a step, add an otherwise path, answer the webhook first), each with ``kept_ids``;
38 with a condition (some two-sided with otherwise/否则/不然/其余, four three-way routes, some
said without "if": "donations of $500 or more", "8人及以上的大桌"); three vague requests whose right
answer is a question. Triggers: schedules said many ways (every night at 9:30, Tuesdays at 5pm,
the 1st / 25th of the month, weekdays 7:45, every 2 hours, 每周一三五), app events said with and
without "when", webhooks (some that must answer first), forms, incoming email, RSS, chat, error and
manual. Each request was typed first, then its checks from what a demanding user would insist on
and no more: ``either``/``anyof`` where two graphs are equally right (a filter in the query or on
the trigger instead of an IF, a cron instead of a weekday IF, a code node instead of an aggregate
or an IF on dates), ``condition_satisfiable`` only where an IF/Switch/Filter is the natural way. A
service the catalog lacks (美团, 微信公众号, a contract tool) is a webhook or an ``http_request``
whose text names it. A first draft had 43 long-tail and 41 condition requests; six were moved
onto common apps (a site form instead of Google Forms, email instead of Twilio) or had a selector
that only restated a kept prior node dropped, and three lost their condition (the condition was
taken out of the request text, not just the checks), all before any check was final. After
writing, a throwaway script checked every ``service``+``verb`` selector against the catalog's
operations, every trigger ``event_like`` word against the app's events and every ``core`` subtype
(457 in all; none failed). Final counts: 50 English / 50 Chinese, 38 with a condition, 20 edits,
38 long tail, 3 vague. ``test_fresh_set.py`` holds hand-written right workflows for five creates
(x002, x011, x025, x049, x056) and three edits (x084, x086, x093) that pass every check, and
checks that each edit's prior left unchanged fails.

    .venv/bin/python bench/eval_planner/build_fresh16.py   # rewrites requests_fresh16.jsonl
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
    GMAIL,
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

OUT = HERE / "requests_fresh16.jsonl"
SPLIT = "fresh16"
PREFIX = "x"

# common: the brief's ten plus HubSpot, Airtable and Trello (as fresh10 counts it)
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
COUNTED = anyof(core("aggregate"), core("code"))
THREE_WAY = {"branch_count": {"min": 3}}
PUSHOVER = svc("pushover", "create")
VONAGE = svc("vonage", "create")
MATTERMOST = svc("mattermost", "create")
OPSGENIE = svc("opsgenie", "create")
PAGERDUTY = svc("pagerduty", "create")
QUICKBOOKS = svc("quickbooks", ["create", "update"])
PIPEDRIVE_ADD = svc("pipedrive", "create")
FRESHDESK_ADD = svc("freshdesk", "create")
WHATSAPP = svc("whatsapp", "create")
CONVERTKIT = svc("convertkit", "create")
ASANA_ADD = svc("asana", "create")
TWITTER = svc(["twitter", "x"], "create")
LINKEDIN = svc("linkedin", "create")
FACEBOOK_POST = svc("facebook", "create")
INVOICE_NINJA = svc("invoice_ninja", "create")
S3_UP = svc("amazon_s3", "create")
GCAL_READ = svc("google_calendar", "read")

# ---------------------------------------------------------------- creates, English
R(
    "When a patient books an appointment through our Cal.com page, text them a confirmation with Twilio, then wait until the day before the appointment and text them a reminder",
    trig("app_event", "cal_com", "booking"),
    SMS,
    WAIT,
    order(WAIT, SMS),
    NQ,
)
R(
    "merch order webhook -> post in discord #merch. if any item name has 'vinyl' in it, also add a row to the Preorders google sheet",
    trig("webhook"),
    DISCORD,
    unguarded(DISCORD),
    SHEETS_ADD,
    guarded(SHEETS_ADD, ["vinyl"]),
    SAT,
    NQ,
)
R(
    "I'm a landlord with a few units and tenants send maintenance requests through a form. If they tick 'urgent' (water leak, no heat etc) message my handyman Dave on Telegram straight away, otherwise just add a card to my Trello board 'Repairs'.",
    trig(["form", "webhook"]),
    TELEGRAM,
    TRELLO_ADD,
    branches(TELEGRAM, TRELLO_ADD),
    guarded(TELEGRAM, ["urgent"]),
    SAT,
    NQ,
)
R(
    "Our high school robotics club takes sign-ups through a form on our site (it posts to a webhook). For every sign-up add the kid to our 'Roster' Notion database and send the parent a welcome email from the club Gmail account.",
    trig(["webhook", "form"]),
    NOTION_ADD,
    GMAIL,
    NQ,
)
R(
    "food truck owner here. every night at 9:30 pull today's Square payments, add up the total and count the sales, and WhatsApp me the numbers",
    trig("schedule"),
    sched(at="21:30"),
    svc("square", "read"),
    COUNTED,
    WHATSAPP,
    order(svc("square", "read"), WHATSAPP),
    NQ,
)
R(
    "I'm a recruiter. When a candidate emails their CV to cv@mytalent.co, use AI to pull out name, phone, current job title and years of experience, save them to the Airtable table 'Candidates', and if they have 5 or more years of experience ping me on Slack.",
    trig(["email", "app_event"]),
    ai("extract"),
    AIRTABLE_ADD,
    SLACK,
    order(ai("extract"), AIRTABLE_ADD),
    unguarded(AIRTABLE_ADD),
    guarded(SLACK, ["year", "experience"]),
    SAT,
    NQ,
)
R(
    "When a new episode shows up in our podcast feed https://feeds.example.fm/deepdive/rss, have AI write a short teaser and post it on Twitter and LinkedIn",
    trig("rss"),
    ai("any"),
    TWITTER,
    LINKEDIN,
    order(ai("any"), LINKEDIN),
    order(ai("any"), TWITTER),
    NQ,
)
R(
    "hey! freelance designer here :) when a client pays one of my invoices in Stripe, record the payment in QuickBooks and send them a thank-you email. and if it's more than $2000 send me a Telegram so I can celebrate lol",
    trig(["app_event", "webhook"], "stripe", ["invoice", "paid", "payment"]),
    QUICKBOOKS,
    EMAIL,
    unguarded(EMAIL),
    TELEGRAM,
    guarded(TELEGRAM, ["amount", "total", "2000"]),
    SAT,
    NQ,
)
R(
    "We're a small NGO and donations come in through PayPal. For every captured payment add the donor to our Google Sheet 'Donors' and email them a thank-you; donations of $500 or more should also create an Asana task for our director to call them personally.",
    trig("app_event", "paypal", ["payment", "captured"]),
    SHEETS_ADD,
    unguarded(SHEETS_ADD),
    EMAIL,
    ASANA_ADD,
    guarded(ASANA_ADD, ["amount", "500", "value"]),
    SAT,
    NQ,
)
R(
    "Every Monday at 6am read the 'Members' sheet of our gym, find everyone whose membership runs out in the next 7 days and send each of them a renewal reminder by email",
    trig("schedule"),
    sched(at="06:00", weekday="monday"),
    SHEETS_READ,
    EMAIL,
    order(SHEETS_READ, EMAIL),
    either(guarded(EMAIL, ["expir", "end", "date", "renew"]), core(["code", "date_time"])),
    NQ,
)
R(
    "I'm a wedding photographer. When someone sends an inquiry through the form on my website (it's a webhook), look up their wedding date in my 'Bookings' Google Sheet: if I'm free that day email them my price list, if I'm already booked email them a kind 'sorry, I'm booked' note.",
    trig("webhook"),
    SHEETS_READ,
    EMAIL,
    order(SHEETS_READ, EMAIL),
    either(branches(EMAIL, EMAIL), guarded(EMAIL)),
    SAT,
    NQ,
)
R(
    "The sensors on our packaging line POST readings to a webhook. Store every reading in TimescaleDB. If vibration goes above 7.5 or temperature above 90C, open a PagerDuty incident and post to the #maintenance channel in Teams.",
    trig("webhook"),
    svc("timescaledb"),
    unguarded(svc("timescaledb")),
    PAGERDUTY,
    TEAMS,
    guarded(PAGERDUTY, ["vibration", "temp"]),
    guarded(TEAMS, ["vibration", "temp"]),
    SAT,
    NQ,
)
R("can you automate my invoices? thx", asks("invoice", "which", "what", "tool", "app"))
R(
    "so we're a little bakery and every evening around 8 I'd like to check what's left in our Airtable inventory base, anything with quantity under 10 should go on a shopping list, and the list gets emailed to our supplier orders@flourco.com in ONE email not one per item, thanks!!",
    trig("schedule"),
    sched(at="20:00"),
    svc("airtable", "read"),
    EMAIL,
    order(svc("airtable", "read"), EMAIL),
    either(cond_text(["quantity", "qty"]), svc("airtable", "read", ["quantity", "qty"])),
    anyof(core(["aggregate", "code", "text_template"])),
    NQ,
)
R(
    "Yoga studio setup:\n- when someone buys a class pack on Gumroad\n- add them to ConvertKit\n- send them a welcome message on WhatsApp\n- if it was the 20-class pack, also let me know on Telegram",
    trig("app_event", "gumroad", "sale"),
    CONVERTKIT,
    WHATSAPP,
    TELEGRAM,
    unguarded(WHATSAPP),
    guarded(TELEGRAM, ["20", "product", "pack"]),
    SAT,
    NQ,
)
R(
    "Every weekday at 7:45am grab today's appointments from our clinic API https://api.pawsclinic.example/appointments?date=today and post the list to #vets on Slack",
    trig("schedule"),
    sched(at="07:45"),
    WEEKDAYS_ONLY,
    http("pawsclinic.example"),
    SLACK,
    order(http("pawsclinic.example"), SLACK),
    NQ,
)
R(
    "Law office intake: new email to intake@ -> AI sorts it into new client inquiry / existing case / spam -> new clients become a HubSpot contact, existing case emails get forwarded to paralegal@firm.law, spam is ignored",
    trig(["email", "app_event"]),
    ai("classify"),
    svc("hubspot", "create"),
    EMAIL,
    branches(svc("hubspot", "create"), EMAIL),
    NQ,
)
R(
    "When a couple signs with us we get a webhook from our contract tool. When that comes in, create a Trello card on the 'Weddings' board, make a Notion page for the couple, and email them our welcome packet.",
    trig("webhook"),
    TRELLO_ADD,
    NOTION_ADD,
    EMAIL,
    NQ,
)
R(
    "tutoring center: each Sunday at 6pm, email every parent in our 'Families' sheet the sessions their kid has coming up next week. the sessions are in an Airtable table called Sessions",
    trig("schedule"),
    sched(at="18:00", weekday="sunday"),
    SHEETS_READ,
    svc("airtable", "read"),
    EMAIL,
    order(svc("airtable", "read"), EMAIL),
    NQ,
)
R(
    "For our parish newsletter: on the first of every month fetch the upcoming events from https://stmarks.example.org/api/events, let AI write a friendly newsletter out of them and send it as a Mailchimp campaign",
    trig("schedule"),
    FIRST_OF_MONTH,
    http("stmarks.example.org"),
    ai("any"),
    svc("mailchimp"),
    order(http("stmarks.example.org"), ai("any")),
    order(ai("any"), svc("mailchimp")),
    NQ,
)
R(
    "I'm a plumber. Whenever a customer texts my Twilio number, auto-reply 'Thanks, we'll call you back within the hour' and log the message in my Google Sheet",
    trig("app_event", "twilio", "sms"),
    SMS,
    SHEETS_ADD,
    NQ,
)
R(
    "real estate office. facebook lead ad lead -> create person + deal in Pipedrive -> if their budget is over 1M DM Maria on Slack, otherwise post it to #leads",
    trig("app_event", "facebook", "lead"),
    PIPEDRIVE_ADD,
    SLACK,
    branches(SLACK, SLACK),
    guarded(SLACK, ["budget"]),
    order(PIPEDRIVE_ADD, SLACK),
    SAT,
    NQ,
)
R(
    "We rent out a guesthouse. Bookings are in the 'Bookings' Google Sheet. Every day at 10 send check-in instructions by email to guests arriving in two days.",
    trig("schedule"),
    sched(at="10:00"),
    SHEETS_READ,
    EMAIL,
    order(SHEETS_READ, EMAIL),
    either(guarded(EMAIL, ["check", "date", "arriv"]), core(["code", "date_time"])),
    NQ,
)
R(
    "Visitors check in at our coworking front desk with a form (name, company, who they're visiting). Slack DM the member they're visiting; if they left 'who are you visiting' empty, post in #frontdesk instead.",
    trig(["form", "webhook"]),
    SLACK,
    branches(SLACK, SLACK),
    guarded(SLACK, ["visit", "member", "host"]),
    SAT,
    NQ,
)
R(
    "When a client drops a file into our Box folder 'Incoming', translate it into German with DeepL and upload the translation into the 'Translated' folder",
    trig("app_event", "box", ["upload", "file"]),
    svc("deepl"),
    svc("box", "create"),
    order(svc("deepl"), svc("box", "create")),
    NQ,
)
R(
    "We're a small brewery and bars order through our WooCommerce shop. If an order is for 10 kegs or more I need to OK it first (approval email to brewmaster@hopsco.com) before it goes into the production sheet in Google Sheets; smaller orders go straight in.",
    trig("app_event", "woocommerce", "order"),
    APPROVAL,
    SHEETS_ADD,
    guarded(APPROVAL, ["keg", "quantity", "qty"]),
    order(APPROVAL, SHEETS_ADD),
    avoiding(SHEETS_ADD, APPROVAL),
    SAT,
    NQ,
)
R(
    "every friday 3pm: pull this week's shopify orders, count them per product and post the top 5 bouquets to our telegram group",
    trig("schedule"),
    sched(at="15:00", weekday="friday"),
    svc("shopify", "read"),
    COUNTED,
    anyof(core(["limit", "code"])),
    TELEGRAM,
    order(svc("shopify", "read"), TELEGRAM),
    NQ,
)
R(
    "When a car is marked ready in our ClickUp (task status changes to 'Ready for pickup'), text the customer through Vonage that their car is ready",
    trig("app_event", "clickup", ["status", "task"]),
    VONAGE,
    either(guarded(VONAGE, ["status", "ready"]), trigger_text(["ready"])),
    NQ,
)
R(
    "I run a food bank and honestly we're drowning in spreadsheets. help?",
    asks("spreadsheet", "sheet", "what", "which", "data"),
)
R(
    "esports team here, every day at 5pm call https://api.example-gg.com/matches?team=ravens and if we have a match today post the time and the opponent in Discord #announcements",
    trig("schedule"),
    sched(at="17:00"),
    http("example-gg.com"),
    DISCORD,
    guarded(DISCORD),
    order(http("example-gg.com"), DISCORD),
    SAT,
    NQ,
)
R(
    "Museum visitor feedback comes in through SurveyMonkey. Run sentiment analysis on the comment: negative ones should create a Freshdesk ticket for visitor services, positive ones get added to our 'Quotes' Notion database for marketing.",
    trig("app_event", "surveymonkey", "response"),
    ai("sentiment"),
    FRESHDESK_ADD,
    NOTION_ADD,
    branches(FRESHDESK_ADD, NOTION_ADD),
    order(ai("sentiment"), FRESHDESK_ADD),
    NQ,
)
R(
    "We're a farm with a weekly veg box. Tuesdays at 5pm, read this week's harvest from our Google Sheet, have AI write a 'what's in your box' note and Gmail it to our subscribers.",
    trig("schedule"),
    sched(at="17:00", weekday="tuesday"),
    SHEETS_READ,
    ai("any"),
    GMAIL,
    order(ai("any"), GMAIL),
    NQ,
)
R(
    'moving company: quote request comes in on a webhook from our site -> answer the caller right away with {"received": true} -> then get the price from our pricing API (POST https://pricing.movefast.example/quote) -> email the quote to the customer',
    trig("webhook"),
    WEBHOOK_RESPONSE,
    http("pricing.movefast"),
    EMAIL,
    order(http("pricing.movefast"), EMAIL),
    avoiding(WEBHOOK_RESPONSE, http("pricing.movefast")),
    NQ,
)
R(
    "Theatre box office: at noon every day check today's show at https://tix.example.com/api/shows/today and if less than 40% of the seats are sold, post a last-minute discount code on our Facebook page",
    trig("schedule"),
    sched(at="12:00"),
    http("tix.example.com"),
    FACEBOOK_POST,
    guarded(FACEBOOK_POST, ["sold", "capacity", "percent", "40", "seat"]),
    SAT,
    NQ,
)
R(
    "I want a chat assistant on our gym website that answers questions about class times and prices, looking them up in our Google Sheet 'Schedule'",
    trig("chat"),
    ai("agent"),
    anyof(SHEETS_READ, core(["http_tool", "n8n_tool", "workflow_tool", "code_tool"])),
    NQ,
)
R(
    "If any of my workflows fails, send me a Pushover notification with the workflow name and the error message",
    trig("error"),
    PUSHOVER,
    NQ,
)
R(
    "When a candidate's record in our Airtable 'Hiring' table is moved to the Offer stage, ask the hiring manager to approve the offer in Slack. Approved: have AI draft the offer letter and email it to the candidate. Rejected: set the record back to 'Interview'.",
    trig("app_event", "airtable", "record"),
    APPROVAL,
    ai("any"),
    EMAIL,
    svc("airtable", "update"),
    branches(EMAIL, svc("airtable", "update")),
    order(APPROVAL, ai("any")),
    either(guarded(APPROVAL, ["offer", "stage", "status"]), trigger_text(["offer"])),
    NQ,
)
R(
    "Every Friday at 6pm get my Toggl time entries for the week, total the hours per client and create a draft invoice in Invoice Ninja for each client",
    trig("schedule"),
    sched(at="18:00", weekday="friday"),
    svc("toggl", "read"),
    COUNTED,
    INVOICE_NINJA,
    order(svc("toggl", "read"), INVOICE_NINJA),
    NQ,
)
R(
    "For our podcast: when a guest books a recording slot on Calendly, create a page in our Notion 'Guests' database with their answers, and an hour after the recording ends send them a thank-you email",
    trig("app_event", "calendly", "invitee"),
    NOTION_ADD,
    WAIT,
    EMAIL,
    order(WAIT, EMAIL),
    NQ,
)
R(
    "Volunteers sign up with our form and pick a skill. Route them by skill: 'teaching' -> add to the Tutors tab of our Google Sheet, 'driving' -> add to the Drivers tab, anything else -> email volunteers@helpinghands.org so someone sorts it by hand.",
    trig(["form", "webhook"]),
    SHEETS_ADD,
    EMAIL,
    branches(SHEETS_ADD, EMAIL),
    THREE_WAY,
    guarded(EMAIL, ["skill"]),
    SAT,
    NQ,
)

# ---------------------------------------------------------------- creates, Chinese
R(
    "我们是牙科诊所，每天下午五点把明天的预约从Google日历里拉出来，给每位病人发短信提醒明天几点来，记得带医保卡",
    trig("schedule"),
    sched(at="17:00"),
    GCAL_READ,
    SMS,
    order(GCAL_READ, SMS),
    NQ,
)
R(
    "乐队巡演卖票：票务系统每卖出一张票会推一个webhook给我们，每张票都在Discord群里播报一下；如果是VIP票，再单独发邮件给经纪人 manager@bandxyz.com",
    trig("webhook"),
    DISCORD,
    unguarded(DISCORD),
    EMAIL,
    guarded(EMAIL, ["vip", "type", "类型", "票"]),
    SAT,
    NQ,
)
R(
    "房东一枚，每个月25号早上9点读一下Google表格'租客'，给每个租客发邮件提醒交下个月房租，金额和房号从表里取",
    trig("schedule"),
    sched(at="09:00"),
    either(trigger_text([" 25 * *"]), cond_text(["getdate", "day", "date()", "dayofmonth"])),
    SHEETS_READ,
    EMAIL,
    order(SHEETS_READ, EMAIL),
    NQ,
)
R(
    "我们大学摄影社，新成员用n8n表单报名（姓名、学号、微信号），报名后存到Notion成员库，再发一封欢迎邮件",
    trig("form"),
    NOTION_ADD,
    EMAIL,
    NQ,
)
R(
    "我们的餐车每天换地方，每天早上10点半根据Google表格'排班'里今天的地点，用AI写一条今天在哪儿出摊的文案，发到Telegram频道和Discord",
    trig("schedule"),
    sched(at="10:30"),
    SHEETS_READ,
    ai("any"),
    TELEGRAM,
    DISCORD,
    order(ai("any"), TELEGRAM),
    order(ai("any"), DISCORD),
    NQ,
)
R(
    "做猎头的，Outlook邮箱收到简历邮件时，用AI提取姓名、电话、工作年限和期望薪资存进Airtable，期望薪资超过50万的同时发企业微信提醒我",
    trig(["email", "app_event"]),
    ai("extract"),
    AIRTABLE_ADD,
    unguarded(AIRTABLE_ADD),
    WECOM,
    order(ai("extract"), AIRTABLE_ADD),
    guarded(WECOM, ["薪资", "salary"]),
    SAT,
    NQ,
)
R(
    "播客每期更新后（RSS：https://podcast.example.cn/feed.xml），用AI生成节目摘要，存到Notion，再推送到我们的微信公众号草稿箱",
    trig("rss"),
    ai("summarize"),
    NOTION_ADD,
    http(["weixin", "wechat"]),
    order(ai("summarize"), NOTION_ADD),
    NQ,
)
R(
    "我是自由译者，网站上的询价表单会推webhook过来，每来一个询价就在Trello建一张卡片，再自动回一封'已收到，24小时内给您报价'的邮件给客户",
    trig("webhook"),
    TRELLO_ADD,
    EMAIL,
    NQ,
)
R(
    "公益组织，每周日晚上8点从Stripe拉取这周所有成功的捐款，按捐赠项目汇总金额，写进Google表格'周报'，再发到钉钉群",
    trig("schedule"),
    sched(at="20:00", weekday="sunday"),
    svc("stripe", "read"),
    COUNTED,
    SHEETS_ADD,
    DINGTALK,
    order(svc("stripe", "read"), SHEETS_ADD),
    NQ,
)
R(
    "健身房私教预约：网站表单(webhook)提交后，看选的是哪个教练：张教练就发企业微信给张教练，李教练就发给李教练，其余的都发到前台的企业微信群",
    trig("webhook"),
    WECOM,
    THREE_WAY,
    guarded(WECOM, ["教练", "coach", "trainer"]),
    SAT,
    NQ,
)
R(
    "摄影工作室：客户在我们的表单里填了拍摄需求后，让AI根据描述判断是婚礼、写真还是商业拍摄；婚礼的在HubSpot建交易，写真的发报价邮件，商业的通知Slack #biz",
    trig(["form", "webhook"]),
    ai("classify"),
    svc("hubspot", "create"),
    EMAIL,
    SLACK,
    branches(svc("hubspot", "create"), EMAIL, SLACK),
    NQ,
)
R(
    "我们是做五金件的小工厂，每隔2小时从MySQL库存表读一次库存，原材料低于安全库存的发钉钉告警给采购，同时在Google表格里记一笔",
    trig("schedule"),
    sched(every_minutes=120),
    svc("mysql"),
    DINGTALK,
    SHEETS_ADD,
    either(
        guarded(DINGTALK, ["库存", "stock", "quantity", "qty", "安全", "safety"]),
        svc("mysql", None, ["<"]),
    ),
    order(svc("mysql"), DINGTALK),
    NQ,
)
R(
    "民宿：每天早上8点查一下Airtable里今天退房的房间，整理成一封邮件发给保洁阿姨，别一间房发一封",
    trig("schedule"),
    sched(at="08:00"),
    svc("airtable", "read"),
    EMAIL,
    order(svc("airtable", "read"), EMAIL),
    anyof(core(["aggregate", "code", "text_template"])),
    NQ,
)
R(
    "培训机构报名（n8n表单）：18岁以下的学员要先发邮件给家长确认，家长同意了才加到Trello的'学员'列表；18岁及以上的直接加",
    trig("form"),
    APPROVAL,
    TRELLO_ADD,
    guarded(APPROVAL, ["年龄", "age", "18"]),
    order(APPROVAL, TRELLO_ADD),
    avoiding(TRELLO_ADD, APPROVAL),
    SAT,
    NQ,
)
R(
    "宠物医院疫苗提醒：每天早上9点读Google表格'疫苗'，下次打疫苗的日期正好是7天后的，给主人发邮件提醒",
    trig("schedule"),
    sched(at="09:00"),
    SHEETS_READ,
    EMAIL,
    order(SHEETS_READ, EMAIL),
    either(guarded(EMAIL, ["日期", "date", "疫苗"]), core(["code", "date_time"])),
    NQ,
)
R(
    "律所：收到带合同附件的邮件时，用AI总结合同要点（双方、金额、期限），存到Notion的'合同'数据库，再把摘要转发给负责律师",
    trig(["email", "app_event"]),
    anyof(ai("summarize"), ai("extract")),
    NOTION_ADD,
    EMAIL,
    order(anyof(ai("summarize"), ai("extract")), NOTION_ADD),
    NQ,
)
R(
    "奶茶店，美团的评价会通过webhook推给我们。评分低于3星的，用AI写一条道歉回复的草稿发企业微信给店长；其余的存到Google表格",
    trig("webhook"),
    ai("any"),
    WECOM,
    SHEETS_ADD,
    branches(WECOM, SHEETS_ADD),
    guarded(WECOM, ["评分", "rating", "star", "score"]),
    SAT,
    NQ,
)
R(
    "Shopify店铺有退款的时候，在Zendesk开一个工单，再通知Slack的#售后频道",
    trig("app_event", "shopify", "refund"),
    ZENDESK_ADD,
    SLACK,
    NQ,
)
R(
    "汽修店保养提醒：客户的保养记录在Airtable，每月1号上午10点，把上次保养超过6个月的客户找出来，发邮件提醒他们回来保养",
    trig("schedule"),
    sched(at="10:00"),
    FIRST_OF_MONTH,
    svc("airtable", "read"),
    EMAIL,
    order(svc("airtable", "read"), EMAIL),
    either(
        guarded(EMAIL, ["保养", "date", "日期", "month", "月"]),
        core(["code", "date_time"]),
        svc("airtable", "read", ["date", "month"]),
    ),
    NQ,
)
R(
    "我们幼儿园想把跟家长沟通这块自动化，你看怎么弄比较好？",
    asks("家长", "什么", "哪", "which", "what", "渠道", "微信"),
)
R(
    "网站上的聊天窗口，客户提问时让AI客服来回答，它要能查我们的订单接口 https://api.shop.example.cn/orders 看订单状态",
    trig("chat"),
    ai("agent"),
    anyof(core(["http_tool", "http_request"], "shop.example.cn")),
    NQ,
)
R(
    "每周五下午5点，把Toggl里这周的工时按客户汇总一下，发邮件给我，我好跟客户对账",
    trig("schedule"),
    sched(at="17:00", weekday="friday"),
    svc("toggl", "read"),
    COUNTED,
    EMAIL,
    order(COUNTED, EMAIL),
    NQ,
)
R(
    "GitHub仓库发新版本（release）的时候，用AI把英文的更新日志翻译成中文，发到Telegram频道",
    trig("app_event", "github", "release"),
    ai("translate"),
    TELEGRAM,
    order(ai("translate"), TELEGRAM),
    NQ,
)
R(
    "志愿者活动提醒：活动都记在Notion数据库里，每天晚上7点看明天有没有活动，有的话给Google表格'志愿者'里的所有人发邮件",
    trig("schedule"),
    sched(at="19:00"),
    svc("notion", "read"),
    SHEETS_READ,
    EMAIL,
    order(svc("notion", "read"), EMAIL),
    NQ,
)
R(
    "健身房：会员打卡记录在Airtable，每天中午12点跑一次，30天没来打卡的会员发一封关怀邮件，附一张免费体验券",
    trig("schedule"),
    sched(at="12:00"),
    svc("airtable", "read"),
    EMAIL,
    order(svc("airtable", "read"), EMAIL),
    NQ,
)
R(
    '质检系统会发webhook过来，不合格的产品在Trello建卡片给质量部，合格的只记到Google表格，最后都返回 {"ok": true}',
    trig("webhook"),
    TRELLO_ADD,
    SHEETS_ADD,
    branches(TRELLO_ADD, SHEETS_ADD),
    WEBHOOK_RESPONSE,
    guarded(TRELLO_ADD, ["合格", "pass", "result", "status", "qualified", "fail"]),
    SAT,
    NQ,
)
R(
    "婚礼策划：新人在网站预约表单提交后，在HubSpot建联系人，然后把预约信息发到我的Telegram",
    trig(["form", "webhook"]),
    svc("hubspot", "create"),
    TELEGRAM,
    NQ,
)
R(
    "我手动点运行的时候，从 https://cms.example.cn/api/drafts 拉取待翻译的文章，用AI翻译成英文，存到Notion",
    trig("manual"),
    http("cms.example.cn"),
    ai("translate"),
    NOTION_ADD,
    order(ai("translate"), NOTION_ADD),
    NQ,
)
R(
    "社团活动报名表（n8n表单）提交后把信息写到Google表格，再给报名的同学发一封确认邮件",
    trig("form"),
    SHEETS_ADD,
    EMAIL,
    NQ,
)
R(
    "餐厅：每天下午3点调 https://api.tablebook.example.cn/reservations?date=today 拿今晚的预订，8人及以上的大桌发到厨房的Telegram群，让他们提前备料",
    trig("schedule"),
    sched(at="15:00"),
    http("tablebook"),
    TELEGRAM,
    guarded(TELEGRAM, ["人数", "party", "size", "guest", "people"]),
    SAT,
    NQ,
)
R(
    "我在Gumroad卖伴奏，每有一笔新的销售，就把买家加到ConvertKit，再在Discord发一句'又卖出一首！'",
    trig("app_event", "gumroad", "sale"),
    CONVERTKIT,
    DISCORD,
    NQ,
)
R(
    "GitHub有新的pull request就发到Slack #dev，如果目标分支是main，再发邮件给技术负责人",
    trig("app_event", "github", "pull"),
    SLACK,
    unguarded(SLACK),
    EMAIL,
    guarded(EMAIL, ["main", "branch", "base", "分支"]),
    SAT,
    NQ,
)
R(
    "房东：租客报修表单(webhook) -> 建Trello卡片 -> 马上返回'已收到，师傅会联系你'",
    trig("webhook"),
    TRELLO_ADD,
    WEBHOOK_RESPONSE,
    NQ,
)
R(
    "摄影工作室：Airtable里订单状态改成'已交片'的时候，给客户发邮件附上下载链接",
    trig("app_event", "airtable", "record"),
    EMAIL,
    either(guarded(EMAIL, ["状态", "status", "已交片"]), trigger_text(["已交片"])),
    NQ,
)
R(
    "播客录音的链接会通过webhook发过来，用OpenAI转成文字，再总结成shownotes，存到Notion",
    trig("webhook"),
    svc("openai"),
    ai("summarize"),
    NOTION_ADD,
    order(svc("openai"), NOTION_ADD),
    order(ai("summarize"), NOTION_ADD),
    NQ,
)
R(
    "面试安排在Notion的'面试'数据库，每天早上8点读一下，给今天有面试的面试官发Slack私信提醒",
    trig("schedule"),
    sched(at="08:00"),
    svc("notion", "read"),
    SLACK,
    order(svc("notion", "read"), SLACK),
    NQ,
)
R(
    "各门店每天晚上10点前要往Google表格'日报'里填营业额，10点半检查一下，哪家店没填就在钉钉群里@对应店长，全都填了就发一句'今日日报已齐'",
    trig("schedule"),
    sched(at="22:30"),
    SHEETS_READ,
    DINGTALK,
    branches(DINGTALK, DINGTALK),
    SAT,
    NQ,
)
R(
    "客户在WooCommerce下单后，如果订单里有定制件，先发邮件给车间主管审批，通过了在Asana建生产任务，驳回就发邮件告诉客户；标准件的订单直接建Asana任务",
    trig("app_event", "woocommerce", "order"),
    APPROVAL,
    ASANA_ADD,
    EMAIL,
    guarded(APPROVAL, ["定制", "custom"]),
    branches(ASANA_ADD, EMAIL),
    avoiding(ASANA_ADD, APPROVAL),
    SAT,
    NQ,
)
R(
    "社区图书馆，每周一早上9点从 https://lib.example.org/api/overdue 拉逾期没还的书，按借阅人汇总，给每个人发一封邮件列出他所有逾期的书",
    trig("schedule"),
    sched(at="09:00", weekday="monday"),
    http("lib.example.org"),
    COUNTED,
    EMAIL,
    order(COUNTED, EMAIL),
    NQ,
)
R(
    "每天早上7点读一下 https://sspai.com/feed 这个RSS，只保留标题里带'效率'的文章，用AI翻译成英文发到Slack #reading",
    trig("schedule"),
    sched(at="07:00"),
    ai("translate"),
    SLACK,
    guarded(SLACK, ["效率", "title", "标题"]),
    order(ai("translate"), SLACK),
    SAT,
    NQ,
)

# ---------------------------------------------------------------- edits, English
R(
    "Could you make it run at 7:15 and on weekdays only? Our sales team doesn't work weekends.",
    sched(at="07:15"),
    WEEKDAYS_ONLY,
    kept("n2", "n3", "n4"),
    NQ,
    prior=P1,
)
R(
    "Bugs should keep going to monday.com like now, but any other issue type should skip monday and only post to Slack.",
    guarded(MONDAY_ADD, ["type", "bug"]),
    SLACK,
    kept("n1", "n2", "n3"),
    SAT,
    NQ,
    prior=P3,
)
R(
    "Before classifying, drop any email that comes from noreply@ or mailer-daemon addresses.",
    either(
        guarded(ai("classify"), ["noreply", "from", "mailer", "sender"]), trigger_text(["noreply"])
    ),
    kept("n1", "n2", "n3", "n4", "n5"),
    NQ,
    prior=P5,
)
R(
    "Replace the DingTalk message with an email to the regional managers (regional-managers@acme.cn) with the numbers in a table",
    EMAIL,
    removed(DINGTALK),
    kept("n1", "n2"),
    NQ,
    prior=P7,
)
R(
    "for the negative ones, also wait 2 hours and if the ticket is still open, page the support lead on PagerDuty",
    WAIT,
    PAGERDUTY,
    order(WAIT, PAGERDUTY),
    guarded(PAGERDUTY, ["status", "open"]),
    order(ai("sentiment"), PAGERDUTY),
    kept("n1", "n2", "n3", "n4"),
    SAT,
    NQ,
    prior=P8,
)
R(
    "swap Discord for our Mattermost town-square channel pls",
    MATTERMOST,
    removed(DISCORD),
    kept("n1"),
    NQ,
    prior=P11,
)
R(
    "When a request is approved, also post it in #purchasing on Slack. When it's rejected keep the email but also log it in a 'Rejected' Google Sheet.",
    SLACK,
    SHEETS_ADD,
    branches(SLACK, SHEETS_ADD),
    order(APPROVAL, SLACK),
    order(APPROVAL, SHEETS_ADD),
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P13,
)
R(
    "Respond to the caller first, right after the webhook comes in, and do the database and Mailchimp stuff after that.",
    WEBHOOK_RESPONSE,
    avoiding(WEBHOOK_RESPONSE, core("postgres_query")),
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P15,
)
R(
    "Add a step at the start: if the uploaded file isn't a PDF, skip it.",
    guarded(ai("extract"), ["pdf", "extension", "mime", "type"]),
    kept("n1", "n2", "n3"),
    SAT,
    NQ,
    prior=P17,
)
R(
    "keep the Dropbox backup but ALSO copy it to our Amazon S3 bucket 'notion-archive'",
    S3_UP,
    svc("dropbox"),
    kept("n1", "n2", "n3"),
    NQ,
    prior=P20,
)

# ---------------------------------------------------------------- edits, Chinese
R(
    "写表格之前先用AI判断一下是不是垃圾线索，垃圾的直接丢掉，不写表也不发邮件",
    ai("any"),
    order(ai("any"), SHEETS_ADD),
    guarded(SHEETS_ADD),
    guarded(svc("gmail", "create")),
    kept("n1", "n2", "n3"),
    NQ,
    prior=P2,
)
R(
    "只在早上9点到晚上9点之间检查就行，晚上别吵我",
    either(
        trigger_text(["9-21", "9-20", "9-2"]), cond_text(["hour", "gethours", "小时", "21", "20:"])
    ),
    kept("n2", "n3", "n4"),
    NQ,
    prior=P4,
)
R(
    "把Slack通知换成飞书，而且只有订单带'加急'标签的才发",
    FEISHU,
    removed(SLACK),
    guarded(FEISHU, ["加急", "tag"]),
    unguarded(SHEETS_ADD),
    kept("n1", "n2"),
    SAT,
    NQ,
    prior=P6,
)
R(
    "表单里加一个'公司规模'字段，规模大于200人的再在Slack #enterprise 里通知销售",
    SLACK,
    guarded(SLACK, ["规模", "size", "company", "200"]),
    unguarded(svc("hubspot")),
    kept("n1", "n2", "n3"),
    SAT,
    NQ,
    prior=P9,
)
R(
    "严重告警除了发短信，还要在Opsgenie里建一个告警；非严重的照旧发Slack",
    OPSGENIE,
    guarded(OPSGENIE, "severity"),
    SLACK,
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P10,
)
R(
    "改成每天早上8点把过去24小时的文章合在一起总结成一条发出来，别一篇一篇发",
    trig("schedule"),
    sched(at="08:00"),
    TELEGRAM,
    kept("n2", "n3"),
    NQ,
    prior=P12,
)
R(
    "每天10点改成每周一、三、五上午10点",
    sched(at="10:00"),
    either(
        trigger_text(["1,3,5", "mon,wed,fri"]),
        cond_text(["weekday", "dayofweek", "getday", "星期", "周"]),
    ),
    kept("n2", "n3", "n4"),
    NQ,
    prior=P14,
)
R(
    "统计结果除了发Teams，再存一份到Google表格里，每周一行",
    SHEETS_ADD,
    order(core("aggregate"), SHEETS_ADD),
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P16,
)
R(
    "报错的时候先用AI分析一下可能的原因，把分析结果和报错一起发到Slack",
    ai("any"),
    order(ai("any"), SLACK),
    kept("n1", "n2"),
    NQ,
    prior=P18,
)
R(
    "分数高的线索建完Salesforce以后再给销售经理发封邮件；70分及以下的发Slack给SDR团队跟进",
    EMAIL,
    SLACK,
    branches(EMAIL, SLACK),
    kept("n1", "n2", "n3", "n4"),
    NQ,
    prior=P19,
)


def build() -> list[dict[str, Any]]:
    return fresh_rows.rows_of(REQUESTS, PREFIX, SPLIT, COMMON)


composition = fresh_rows.composition


def main() -> None:
    fresh_rows.write(build(), OUT)


if __name__ == "__main__":
    main()
