"""Builds ``requests_fresh8.jsonl``: an eighth fresh set for the planner, written blind (diagnostic).

80 new requests (ids ``n000``–``n079``, ``"split": "fresh8"``), written on 2026-12-07
(09:15–09:21 UTC, by the machine clock) by a helper session that did not read the planner's code or
tests (``src/flowsmith/planner/``, ``src/flowsmith/agent/``, ``tests/``), ``ops_sweep.py``, any
fresh set's requests (``requests*.jsonl``), ``build_fresh.py``/``build_fresh3.py``/``build_fresh4.py``/
``build_fresh7.py``, ``test_fresh3_set.py``/``test_fresh7_set.py``, nor any run output
(``run-*.json``), and never ran the planner, the server, ``make run`` or ``run.py``. It read
``build_fresh6.py`` (format model only; no sentence copied), ``build_set.py`` (helpers, check
kinds, priors P1–P20), ``fresh_rows.py``, ``checks.py``, ``test_fresh_set.py``, the set and check
sections of ``docs/evaluation.md`` (not its results sections) and the catalog
(``docs/catalog.md``, ``src/flowsmith/core/catalog``), so that selectors name real apps and
operations; of ``run.py`` only the lines that name the sets were opened, to register fresh8.
One slip: a ``ruff check bench`` run printed ``build_fresh.py``'s import block (names of
``build_set.py`` helpers, no request text) while checking lint.

Each request was written first, as a user would type it (restaurants, clinics, HR, SaaS
support, e-commerce, education, real estate, personal finance, devops, marketing; terse, chatty,
typos, arrows, numbered lists, Chinese with English app names), then its checks from what a
demanding user would want, no stricter and no looser: ``either``/``anyof`` where several graphs
are equally right (one response before the branches or one per branch, a cron instead of a
weekday IF, a filter in the query instead of an IF). The emphasis is on two-sided outcomes
(if/otherwise, 否则/不然/要不然, "else", "unless", several cases, "only when", conditions stated
after the action, conditions on fields named indirectly: "big orders", "angry customers", "old
customers", "VIP", "if it failed"), checked with ``branches`` (X and Y on different outputs of one
condition) and ``guarded`` + ``by_field``. Triggers: app events (Stripe, Typeform, Shopify, GitHub
PR/star, Calendly, Cal.com, Chargebee, Netlify, GitLab, Bitbucket, lemlist, Zendesk…), email,
forms, webhooks, RSS, manual, error, and schedules in words ("every other Monday at 8",
"每个工作日早上九点", "on the 1st of each month"). The 20 edits use the priors P1–P20 of
``build_set.py`` once each (add, remove, replace, move, change a condition, add on the otherwise
branch), with ``kept_ids`` on every one. After writing, every ``service``+``verb`` selector and
every trigger ``event_like`` word was checked against the catalog's operations and events, and
``test_fresh_set.py`` gained hand-written right workflows for seven creates and four edits
(each passes every check) and checks that each edit's prior left unchanged fails.

    .venv/bin/python bench/eval_planner/build_fresh8.py   # rewrites requests_fresh8.jsonl
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
    LINEAR_ADD,
    MAILCHIMP_ADD,
    MONDAY_ADD,
    NOTION_ADD,
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
    PIPEDRIVE_ADD,
    POSTGRES,
    SAT,
    SHEETS_ADD,
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

OUT = HERE / "requests_fresh8.jsonl"
SPLIT = "fresh8"
PREFIX = "n"

# the brief's "ten most common" plus HubSpot, Airtable and Trello (as fresh5 and fresh6): the long
# tail is beyond these
COMMON = TOP_TEN | {"hubspot", "airtable", "trello"}

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))














# schedules said in words
WEEKDAYS_ONLY = either(trigger_text(["1-5", "mon-fri"]), cond_text(["weekday", "dayofweek", "day_of_week", "getday", "周"]))
MONTHLY_1ST = trigger_text([" 1 * *", "month"])
BIWEEKLY = either(sched(every_minutes=20160), cond_text(["% 2", "%2", "weeknumber", "week_number", "isoweek", "odd", "even"]), core("code", ["% 2", "%2"]))

CLAUDE = anyof(svc("anthropic"), {"ai": "any", "text": "claude"})
SLACK_APPROVAL = anyof(core("approval_slack"), {"approval": True, "service": "slack"})
PAGERDUTY_ADD = svc("pagerduty", "create")
OPSGENIE_ADD = svc("opsgenie", "create")
WHATSAPP = svc("whatsapp", "create")
PUSHOVER = svc("pushover", "create")
LINE = svc("line", "create")
VONAGE = svc("vonage", "create")
ZULIP = svc("zulip", "create")
MATTERMOST = svc("mattermost", "create")
GCAL_READ = svc("google_calendar", "read")
GCAL_ADD = svc("google_calendar", "create")
QB_ADD = svc("quickbooks", "create")
SMARTSHEET_ADD = svc("smartsheet", "create")
BASEROW_ADD = svc("baserow", "create")
SEATABLE_ADD = svc("seatable", "create")
BREVO = svc("brevo", "create")
MAILGUN = svc("mailgun", "create")
SENDGRID = svc("sendgrid", "create")
MAILJET = svc("mailjet", "create")
TODOIST_ADD = svc("todoist", "create")
COPPER_ADD = svc("copper", "create")
FB_POST = svc("facebook", "create")
ZAMMAD_ADD = svc("zammad", "create")
CONVERTKIT_ADD = svc("convertkit", "create")
ACTIVECAMPAIGN_ADD = svc("activecampaign", "create")
ELASTIC_ADD = svc("elasticsearch", "create")


# ================================================================ creates, English
R("new stripe payment over $500 → post it in #big-wins on Slack. everything else just goes into the Payments table in Airtable",
  trig(["app_event", "webhook"], "stripe", ["succeed", "charge", "paid"]), SLACK, AIRTABLE_ADD,
  branches(SLACK, AIRTABLE_ADD), guarded(SLACK, ["amount", "total"]), SAT, NQ)
R("When someone books a table through our Cal.com page, put it on the 'Reservations' Google Calendar. If the party is 8 people or more, text the floor manager with Twilio so she can plan staff; otherwise just email the guest a confirmation.",
  trig("app_event", "cal_com", "booking"), GCAL_ADD, unguarded(GCAL_ADD), SMS, EMAIL, branches(SMS, EMAIL),
  guarded(SMS, ["party", "size", "guest", "people", "attendee", "seat"]), SAT, NQ)
R("Every new Help Scout conversation should get a sentiment check. Angry customers → open a PagerDuty incident so someone jumps on it. Everyone else → just a task in our 'Inbox' Todoist project.",
  trig("app_event", "help_scout", "conversation"), ai("sentiment"), PAGERDUTY_ADD, TODOIST_ADD,
  branches(PAGERDUTY_ADD, TODOIST_ADD), order(ai("sentiment"), PAGERDUTY_ADD),
  guarded(PAGERDUTY_ADD, ["sentiment", "negative", "angry", "category"]), SAT, NQ)
R("on every new PR in acme/api kick off the CircleCI pipeline. ping #release in Mattermost too but only when the PR targets main",
  trig("app_event", "github", "pull"), svc("circleci"), unguarded(svc("circleci")), MATTERMOST,
  guarded(MATTERMOST, ["base", "branch", "main", "ref"]), SAT, NQ)
R("Every other Monday at 8am read our 'Onboarding' Smartsheet. For each new hire starting this week, send them a welcome message in Microsoft Teams, and if the 'laptop ordered' column is still empty open a Freshservice ticket for IT.",
  trig("schedule"), sched(at="08:00", weekday="monday"), BIWEEKLY, svc("smartsheet", "read"), TEAMS,
  order(svc("smartsheet", "read"), TEAMS), svc("freshservice", "create"),
  guarded(svc("freshservice", "create"), ["laptop"]), SAT, NQ)
R("Buyer enquiry comes in via Typeform. If they say they're pre-approved for a mortgage, create an opportunity in Copper and email them our Calendly link. If they're not, add them to the 'first-time buyers' list in ActiveCampaign so they get the mortgage basics drip instead.",
  trig("app_event", "typeform", ["form", "submi"]), COPPER_ADD, EMAIL, ACTIVECAMPAIGN_ADD,
  branches(COPPER_ADD, ACTIVECAMPAIGN_ADD), branches(EMAIL, ACTIVECAMPAIGN_ADD),
  guarded(COPPER_ADD, ["approv", "mortgage"]), SAT, NQ)
R("Weekdays at 7:30 get today's appointments from the 'Clinic' Google Calendar. For each patient: WhatsApp them a reminder if we have their phone number, else email them.",
  trig("schedule"), sched(at="07:30"), WEEKDAYS_ONLY, GCAL_READ, WHATSAPP, EMAIL, order(GCAL_READ, WHATSAPP),
  branches(WHATSAPP, EMAIL), guarded(WHATSAPP, ["phone", "mobile", "number", "tel"]), SAT, NQ)
R("On the 1st of each month at 9, grab my Wise balances. EUR balance under 500 → Pushover me a warning. Over 5000 → create a transfer to my savings. Anything in between, just log the number in my Grist 'Money' table.",
  trig("schedule"), sched(at="09:00"), MONTHLY_1ST, svc("wise", "read"), PUSHOVER, svc("wise", "create"),
  svc("grist", "create"), order(svc("wise", "read"), PUSHOVER),
  branches(PUSHOVER, svc("wise", "create"), svc("grist", "create")),
  guarded(PUSHOVER, ["balance", "amount", "value"]), SAT, NQ)
R("When someone subscribes in ConvertKit, wait 3 days, then look up their Gumroad sales by email. If they haven't bought anything yet, send them a 20% coupon with Mailgun.",
  trig("app_event", "convertkit", "subscri"), WAIT, svc("gumroad", "read"), MAILGUN,
  order(WAIT, svc("gumroad", "read")), order(svc("gumroad", "read"), MAILGUN),
  guarded(MAILGUN, ["sale", "purchase", "count", "length", "empty", "bought", "id"]), SAT, NQ)
R("Students hand in essays through a Google Form. Have Claude grade each one out of 10 and write two lines of feedback. 5 or above: email the feedback to the student from my Gmail. Below 5: don't email, put them on the 'Needs help' list in Trello instead.",
  trig("app_event", "google_forms", ["form", "submi"]), CLAUDE, GMAIL, TRELLO_ADD, order(CLAUDE, GMAIL),
  branches(GMAIL, TRELLO_ADD), guarded(TRELLO_ADD, ["grade", "score", "mark"]), SAT, NQ)
R("when a shopify order is fulfilled send the buyer a review request on whatsapp 5 days later, unless the order is tagged wholesale",
  trig("app_event", "shopify", "fulfil"), WAIT, WHATSAPP, order(WAIT, WHATSAPP),
  guarded(WHATSAPP, ["tag", "wholesale"]), SAT, NQ)
R("Netlify deploy failed -> create a Linear issue for the frontend team + post in Discord #deploys. If it's the production site (acme-www), page on-call through Opsgenie as well.",
  trig("app_event", "netlify", "fail"), LINEAR_ADD, DISCORD, unguarded(LINEAR_ADD), unguarded(DISCORD), OPSGENIE_ADD,
  guarded(OPSGENIE_ADD, ["site", "name", "acme-www"]), SAT, NQ)
R("Our app POSTs bug reports to a webhook (title, severity, customer plan). Critical severity: create a Jira bug with priority Highest and respond 201. Anything else: open a Zammad ticket and respond 202.",
  trig("webhook"), JIRA_ADD, ZAMMAD_ADD, branches(JIRA_ADD, ZAMMAD_ADD), guarded(JIRA_ADD, "severity"),
  branches(core("webhook_response", "201"), core("webhook_response", "202")), SAT, NQ)
R("Square payment comes in: if the tip is above 20% thank the server in our Rocket.Chat #floor channel. Big orders (over $300) get logged in the 'Catering leads' Baserow table. Both can happen on the same payment.",
  trig("app_event", "square", "payment"), svc("rocketchat", "create"), BASEROW_ADD,
  guarded(svc("rocketchat", "create"), ["tip"]), guarded(BASEROW_ADD, ["amount", "total", "money"]), SAT, NQ)
R("Overtime request form (name, hours, reason). Up to 5 hours gets logged straight into Clockify. More than 5 hours needs HR (hr@northwind.co) to approve by email first, and only then goes into Clockify; if HR says no, email the employee.",
  trig("form"), svc("clockify", "create"), APPROVAL, guarded(APPROVAL, ["hour"]), order(APPROVAL, svc("clockify", "create")),
  avoiding(svc("clockify", "create"), APPROVAL), EMAIL, branches(svc("clockify", "create"), EMAIL), SAT, NQ)
R("watch our competitor's blog feed https://blog.rivalco.example/rss. AI summarises each post and says whether it's about pricing. pricing posts go to #competitive in Slack, otherwise just add it to the Notion 'Competitor watch' database",
  trig("rss"), ai("any"), SLACK, NOTION_ADD, order(ai("any"), SLACK), branches(SLACK, NOTION_ADD),
  guarded(SLACK, ["pricing", "price", "category", "topic"]), SAT, NQ)
R("every 5 min call https://api.acme-status.example/health. if it's down (anything but 200) open a PagerDuty incident. if it's up but slower than 2 seconds post a warning in Zulip #ops",
  trig("schedule"), sched(every_minutes=5), http("acme-status"), PAGERDUTY_ADD, ZULIP,
  order(http("acme-status"), PAGERDUTY_ADD), guarded(PAGERDUTY_ADD, ["status", "code", "200"]),
  guarded(ZULIP, ["time", "latency", "duration", "ms", "second"]), SAT, NQ)
R("emails from my bank (alerts@mybank.example): if it says 'large transaction' text me through Vonage, otherwise just log the subject line in my 'Bank log' google sheet",
  trig(["email", "app_event"]), VONAGE, SHEETS_ADD, branches(VONAGE, SHEETS_ADD),
  guarded(VONAGE, ["large", "transaction", "subject", "text", "body"]),
  either(trigger_text("mybank"), guarded(VONAGE, ["from", "sender", "mybank"])), SAT, NQ)
R("New WooCommerce order. Shipping outside the EU: create a customs declaration with POST https://api.customsbot.example/declarations. Inside the EU: straight onto the packing list in Google Sheets. Either way the customer gets an order confirmation from Brevo.",
  trig("app_event", "woocommerce", "order"), http("customsbot"), SHEETS_ADD, branches(http("customsbot"), SHEETS_ADD),
  guarded(http("customsbot"), ["country", "eu"]), BREVO, both_paths(BREVO), SAT, NQ)
R("parent-teacher meetings are booked on Calendly. for each booking create a Zoom meeting and email the link to the parent. if they ticked 'interpreter needed' also add a task in Microsoft To Do for the school office",
  trig("app_event", "calendly", "invitee"), svc("zoom", "create"), EMAIL, order(svc("zoom", "create"), EMAIL),
  svc("microsoft_todo", "create"), guarded(svc("microsoft_todo", "create"), ["interpreter", "answer", "question"]), SAT, NQ)
R("When a Chargebee subscription is cancelled, send the customer a one-question 'why did you leave?' email via SendGrid — unless they were on the Enterprise plan; for those, don't email, open a Salesforce case for their account manager.",
  trig("app_event", "chargebee", "cancel"), SENDGRID, svc("salesforce", "create"), branches(SENDGRID, svc("salesforce", "create")),
  guarded(svc("salesforce", "create"), ["plan", "enterprise"]), SAT, NQ)
R("the blood analyzer posts each result to a webhook. store every result in TimescaleDB. values outside the normal range → SMS the doctor on duty. respond 200 either way",
  trig("webhook"), svc("timescaledb"), unguarded(svc("timescaledb")), SMS,
  guarded(SMS, ["value", "range", "result", "normal", "min", "max"]), WEBHOOK_RESPONSE, SAT, NQ)
R("lemlist reply -> if they're interested, create a deal in pipedrive and tell #sales on slack. if they replied but not interested, mark them as lost in the 'Outreach' google sheet",
  trig("app_event", "lemlist", ["repl", "interest"]), PIPEDRIVE_ADD, SLACK, svc("google_sheets", ["update", "create"]),
  branches(PIPEDRIVE_ADD, svc("google_sheets", ["update", "create"])), guarded(PIPEDRIVE_ADD), SAT, NQ)
R("Fridays at 5pm: query the 'listings' table in Supabase for listings with no viewing in the last 30 days, have AI suggest a price drop for each, and post the suggestions to the 'Agents' channel in Microsoft Teams.",
  trig("schedule"), sched(at="17:00", weekday="friday"), svc("supabase", "read"), ai("any"), TEAMS,
  order(svc("supabase", "read"), ai("any")), order(ai("any"), TEAMS), NQ)
R("Bitbucket push to master → run the Jenkins job deploy-prod → tell #deploys on Discord. Pushes to any other branch only run the 'run-tests' job, no Discord message.",
  trig("app_event", "bitbucket", "push"), svc("jenkins", text="deploy-prod"), svc("jenkins", text="run-tests"),
  branches(svc("jenkins", text="deploy-prod"), svc("jenkins", text="run-tests")),
  guarded(svc("jenkins", text="deploy-prod"), ["branch", "ref", "master"]),
  order(svc("jenkins", text="deploy-prod"), DISCORD), guarded(DISCORD), SAT, NQ)
R("new hire flow:\n1. a new row shows up in our 'New hires' Google Sheet\n2. add a card to the Trello 'Onboarding' board\n3. if the department is Engineering, also open a GitLab issue 'set up dev access'\n4. email the hire's manager",
  trig("app_event", "google_sheets", ["row", "add"]), TRELLO_ADD, unguarded(TRELLO_ADD), svc("gitlab", "create"),
  guarded(svc("gitlab", "create"), ["department", "dept", "engineering"]), EMAIL, unguarded(EMAIL), SAT, NQ)
R("wen someone buys on gumroad and the product is 'Pro' send them there license key via mailjet, else if its 'Basic' just add them to the convertkit sequence basic-onboarding",
  trig("app_event", "gumroad", "sale"), MAILJET, CONVERTKIT_ADD, branches(MAILJET, CONVERTKIT_ADD),
  guarded(MAILJET, ["product", "pro", "name"]), SAT, NQ)
R("On the 1st of each month at 8am, pull last month's unbilled hours from Harvest and create a draft invoice per client. Invoices over $10k need my OK in Slack before they're emailed to the client; smaller ones get emailed right away.",
  trig("schedule"), sched(at="08:00"), MONTHLY_1ST, svc("harvest", "read"), svc("harvest", "create"), SLACK_APPROVAL,
  guarded(SLACK_APPROVAL, ["total", "amount", "hour"]), EMAIL, order(SLACK_APPROVAL, EMAIL), avoiding(EMAIL, APPROVAL), SAT, NQ)

# ================================================================ creates, Chinese (some mixed)
R("每个工作日早上九点，从Jira拉昨天新建的Bug。超过10个就在飞书群里提醒大家，不超过就发到钉钉群里就行",
  trig("schedule"), sched(at="09:00"), WEEKDAYS_ONLY, svc("jira", "read"), FEISHU, DINGTALK, order(svc("jira", "read"), FEISHU),
  branches(FEISHU, DINGTALK), guarded(FEISHU, ["count", "length", "total", "数", "个"]), SAT, NQ)
R("顾客在我们Jotform上订包间。12人以上的要店长在Slack里审批，批了就在Google日历建预订并发短信确认，不批就发邮件告诉客人包间满了；12人以下的直接建日历发短信",
  trig("app_event", "jotform", ["form", "submi"]), SLACK_APPROVAL, guarded(SLACK_APPROVAL, ["人数", "people", "guest", "party", "size"]),
  GCAL_ADD, order(SLACK_APPROVAL, GCAL_ADD), avoiding(GCAL_ADD, APPROVAL), SMS, order(GCAL_ADD, SMS), EMAIL,
  branches(GCAL_ADD, EMAIL), SAT, NQ)
R("病人在表单里填症状，AI判断紧不紧急：紧急的马上用Twilio打电话给值班医生，不紧急的在HaloPSA建工单等护士回电。不管哪种，最后都给病人回一封邮件说已收到",
  trig("form"), ai("any"), svc("twilio", "create"), svc("halopsa", "create"), branches(svc("twilio", "create"), svc("halopsa", "create")),
  order(ai("any"), svc("twilio", "create")), guarded(svc("twilio", "create"), ["urgent", "紧急", "category", "level", "priority"]),
  EMAIL, both_paths(EMAIL), SAT, NQ)
R("每月1号上午10点查一下Postgres里employees表这个月过生日的同事，有的话在企业微信群里发生日祝福，没有就不发",
  trig("schedule"), sched(at="10:00"), MONTHLY_1ST, POSTGRES, WECOM, order(POSTGRES, WECOM),
  either(guarded(WECOM), svc("postgres", text=["birth", "生日"])), NQ)
R("Shopify来新订单：老客户（以前买过的）在Mailchimp里打上“复购”标签；新客户就用Brevo发欢迎邮件，并记到Google表格“新客”里",
  trig("app_event", "shopify", "order"), MAILCHIMP_ADD, BREVO, SHEETS_ADD, branches(MAILCHIMP_ADD, BREVO),
  branches(MAILCHIMP_ADD, SHEETS_ADD), guarded(BREVO, ["order", "count", "老", "新", "customer", "first"]), SAT, NQ)
R("每周日晚上8点读Airtable“作业提交”表：这周没交作业的学生，给家长发LINE消息；交了但分数低于60的，发邮件给班主任",
  trig("schedule"), sched(at="20:00", weekday="sunday"), svc("airtable", "read"), LINE, EMAIL,
  order(svc("airtable", "read"), LINE), branches(LINE, EMAIL), guarded(EMAIL, ["score", "分数", "grade", "成绩"]), SAT, NQ)
R("有人在Calendly上约看房，看的房子500万以上就在Pipedrive建deal、再用企业微信通知高级经纪人；其他的只在Pipedrive建一个activity",
  trig("app_event", "calendly", "invitee"), svc("pipedrive", "create", text="deal"), svc("pipedrive", "create", text="activit"),
  branches(svc("pipedrive", "create", text="deal"), svc("pipedrive", "create", text="activit")), WECOM,
  guarded(WECOM, ["price", "价", "budget", "预算", "answer", "万"]), SAT, NQ)
R("Sentry的报错会推到我们的webhook。环境是production的在PagerDuty建incident；staging的发到Mattermost #dev；其他环境不管。都回200",
  trig("webhook"), PAGERDUTY_ADD, MATTERMOST, branches(PAGERDUTY_ADD, MATTERMOST),
  guarded(PAGERDUTY_ADD, ["environment", "env", "production"]), guarded(MATTERMOST, ["environment", "env", "staging"]),
  WEBHOOK_RESPONSE, SAT, NQ)
R("每天晚上十点读Notion记账数据库里今天的支出，合计超过300就Telegram提醒我“超支了”，没超就发一句“今天表现不错”",
  trig("schedule"), sched(at="22:00"), svc("notion", "read"), svc("telegram", "create", text="超支"),
  svc("telegram", "create", text="不错"), order(svc("notion", "read"), TELEGRAM),
  branches(svc("telegram", "create", text="超支"), svc("telegram", "create", text="不错")),
  guarded(svc("telegram", "create", text="超支"), ["total", "sum", "amount", "总", "支出", "合计"]), SAT, NQ)
R("Facebook广告有新线索时先加到HubSpot联系人。然后按城市分：上海的发飞书给上海销售群，北京的发钉钉，其他城市统一写进SeaTable等周会再分",
  trig("app_event", "facebook", "lead"), HUBSPOT_ADD, unguarded(HUBSPOT_ADD), FEISHU, DINGTALK, SEATABLE_ADD,
  branches(FEISHU, DINGTALK, SEATABLE_ADD), guarded(FEISHU, ["city", "城市", "地区", "region", "location"]), SAT, NQ)
R("Zendesk工单优先级改成urgent的时候：VIP客户（组织上有vip标签）用Twilio直接打电话给客户成功经理，不是VIP的就发到Microsoft Teams的support频道",
  trig("app_event", "zendesk", "priority"), svc("twilio", "create"), TEAMS, branches(svc("twilio", "create"), TEAMS),
  guarded(svc("twilio", "create"), ["vip", "tag", "organization"]),
  either(guarded(TEAMS, ["priority", "urgent"]), trigger_text("urgent")), SAT, NQ)
R("每天下午3点看一下Square今天的订单数，少于20单就让AI写一条今晚特价的帖子发到我们Facebook主页，20单以上就不用发了",
  trig("schedule"), sched(at="15:00"), svc("square", "read"), ai("any"), FB_POST, order(svc("square", "read"), FB_POST),
  order(ai("any"), FB_POST), guarded(FB_POST, ["count", "length", "订单", "order", "total", "数"]), SAT, NQ)
R("GitLab pipeline失败 → 在Taiga建个issue → Matrix的#ci房间发消息；如果是main分支挂的，再用Opsgenie告警",
  trig("app_event", "gitlab", "pipeline"), svc("taiga", "create"), svc("matrix", "create"),
  order(svc("taiga", "create"), svc("matrix", "create")), OPSGENIE_ADD, guarded(OPSGENIE_ADD, ["branch", "ref", "main"]),
  either(guarded(svc("taiga", "create"), ["status", "fail"]), trigger_text("fail")), SAT, NQ)
R("员工在Form.io交报销单。1000以下直接在QuickBooks建bill；1000以上要部门经理 manager@corp.cn 邮件审批；5000以上经理批了之后还要CFO cfo@corp.cn 再批，都批了才建bill。任何一个人拒绝都发邮件告诉员工",
  trig("app_event", "formio", "submission"), QB_ADD, appr("manager@corp.cn"), appr("cfo@corp.cn"),
  guarded(appr("manager@corp.cn"), ["amount", "金额"]), order(appr("manager@corp.cn"), appr("cfo@corp.cn")),
  guarded(appr("cfo@corp.cn"), ["amount", "金额"]), order(appr("cfo@corp.cn"), QB_ADD), avoiding(QB_ADD, APPROVAL),
  EMAIL, order(appr("manager@corp.cn"), EMAIL), SAT, NQ)
R("WooCommerce有新客户注册：邮箱是公司域名的（不是gmail、qq、163这种）在Zoho CRM建线索，否则加到Mailchimp的“个人用户”列表",
  trig("app_event", "woocommerce", "customer"), svc("zoho_crm", "create"), MAILCHIMP_ADD,
  branches(svc("zoho_crm", "create"), MAILCHIMP_ADD), guarded(svc("zoho_crm", "create"), ["email", "邮箱", "domain"]), SAT, NQ)
R("我手动跑就行：读Excel 365里的学生名单，每个学生在Zoom建一个家长会会议，用Outlook把链接发给家长；没填家长邮箱的学生，记到Google表格“缺邮箱”里",
  trig("manual"), svc("excel_365", "read"), svc("zoom", "create"), OUTLOOK, order(svc("excel_365", "read"), svc("zoom", "create")),
  order(svc("zoom", "create"), OUTLOOK), SHEETS_ADD, branches(OUTLOOK, SHEETS_ADD), guarded(SHEETS_ADD, ["email", "邮箱", "mail"]), SAT, NQ)
R("Cal.com上的预约被取消时，删掉Google日历里对应的日程。离预约不到24小时的，发钉钉给前台让她联系候补病人；要不然就从Airtable候补名单里取第一位，自动给他发短信",
  trig("app_event", "cal_com", "cancel"), svc("google_calendar", "delete"), DINGTALK, SMS, branches(DINGTALK, SMS),
  guarded(DINGTALK, ["time", "hour", "start", "date", "小时"]), svc("airtable", "read"), order(svc("airtable", "read"), SMS), SAT, NQ)
R("Gmail收到标题里有“发票”的邮件，把附件存到OneDrive的“发票/2026”文件夹；如果发件人是滴滴或者美团，再在Notion报销数据库里记一笔",
  trig(["email", "app_event"]), svc("onedrive", "create"), NOTION_ADD, guarded(NOTION_ADD, ["from", "sender", "发件", "滴滴", "美团", "didi", "meituan"]),
  either(trigger_text("发票"), guarded(svc("onedrive", "create"), ["subject", "发票"])), SAT, NQ)
R("每周二、周四上午10点：用Perplexity搜一下跨境电商的行业新闻 → AI写成一条LinkedIn帖子 → 先发到Slack让我审批，通过了才发到公司LinkedIn主页，不通过就算了",
  trig("schedule"), sched(at="10:00", weekday="tuesday"), sched(at="10:00", weekday="thursday"), svc("perplexity"), ai("any"),
  SLACK_APPROVAL, svc("linkedin", "create"), order(svc("perplexity"), ai("any")), order(SLACK_APPROVAL, svc("linkedin", "create")),
  guarded(svc("linkedin", "create")), NQ)
R("Stripe发票扣款失败：第一次失败就发邮件提醒客户更新信用卡；第三次还失败就在Chargebee里取消他的订阅，再在Slack #churn 说一声",
  trig(["app_event", "webhook"], "stripe", "fail"), EMAIL, svc("chargebee", "delete"), branches(EMAIL, svc("chargebee", "delete")),
  guarded(svc("chargebee", "delete"), ["attempt", "count", "次"]), order(svc("chargebee", "delete"), SLACK), SAT, NQ)
R("每10分钟查UptimeRobot：有监控是down的，先用Home Assistant把办公室的警示灯打开，再Pushover推给我；全部正常的话就把灯关掉",
  trig("schedule"), sched(every_minutes=10), svc("uptime_robot", "read"), svc("home_assistant", text=["turn_on", "\"on\""]),
  svc("home_assistant", text=["turn_off", "\"off\""]), PUSHOVER,
  branches(svc("home_assistant", text=["turn_on", "\"on\""]), svc("home_assistant", text=["turn_off", "\"off\""])),
  guarded(PUSHOVER, ["status", "down"]), order(svc("uptime_robot", "read"), PUSHOVER), SAT, NQ)
R("招聘网站会把简历推到我们的webhook。用AI提取工作年限和技能：5年以上并且会Python的，写进Airtable“候选人”表再飞书通知HR；不符合的用SendGrid发一封婉拒信。最后回 {\"ok\": true}",
  trig("webhook"), ai("extract"), AIRTABLE_ADD, FEISHU, SENDGRID, order(ai("extract"), AIRTABLE_ADD),
  branches(AIRTABLE_ADD, SENDGRID), branches(FEISHU, SENDGRID), guarded(AIRTABLE_ADD, ["year", "年", "python", "skill", "experience"]),
  WEBHOOK_RESPONSE, SAT, NQ)
R("餐厅的Typeform顾客反馈：1-2分算差评，让AI写一封道歉信存到我Gmail草稿箱，同时Slack #store-manager提醒一下；4-5分的用Mailjet邀请他们去Google上写评价；3分的不用管",
  trig("app_event", "typeform", ["form", "submi"]), ai("any"), svc("gmail", "create", text="draft"), SLACK, MAILJET,
  branches(svc("gmail", "create", text="draft"), MAILJET), branches(SLACK, MAILJET),
  guarded(MAILJET, ["score", "rating", "分", "评分"]), SAT, NQ)
R("Shopify每次有退款都记到Google表格“退款”里；退款金额超过500的再发到飞书财务群",
  trig("app_event", "shopify", "refund"), SHEETS_ADD, unguarded(SHEETS_ADD), FEISHU,
  guarded(FEISHU, ["amount", "金额", "total"]), SAT, NQ)
R("每天早上7点查一下 https://api.weather.example.cn/shanghai ，要下雨就发企业微信提醒我带伞，气温低于5度就提醒我多穿点，都不是就别发",
  trig("schedule"), sched(at="07:00"), http("api.weather.example.cn"), WECOM, order(http("api.weather.example.cn"), WECOM),
  guarded(WECOM, ["rain", "雨", "weather", "temp", "温", "condition"]), SAT, NQ)
R("学生在KoBoToolbox交实验报告后，先去Elasticsearch里搜往年的报告，让AI比一下相似度。相似度高的发邮件给老师人工审阅，不高的就直接存进Elasticsearch",
  trig("app_event", "kobotoolbox", ["form", "submi"]), svc("elasticsearch", "read"), ai("any"), EMAIL, ELASTIC_ADD,
  order(svc("elasticsearch", "read"), EMAIL), branches(EMAIL, ELASTIC_ADD),
  guarded(EMAIL, ["similar", "相似", "score", "plagiar", "抄袭"]), SAT, NQ)
R("ClickUp任务状态变成“待客户确认”时用Gmail给客户发邮件，客户邮箱在任务的自定义字段里。这个字段要是空的，就在任务下面留条评论提醒PM补上",
  trig("app_event", "clickup", "status"), GMAIL, svc("clickup", "create"), branches(GMAIL, svc("clickup", "create")),
  guarded(GMAIL, ["email", "邮箱", "custom", "field"]),
  either(trigger_text("待客户确认"), cond_text("待客户确认")), SAT, NQ)
R("每个月15号下午两点从Baserow读租客名单，房租还没交的（paid=false）用WhatsApp催一下，已经交了的用Mailgun发收据",
  trig("schedule"), sched(at="14:00"), trigger_text("15"), svc("baserow", "read"), WHATSAPP, MAILGUN,
  order(svc("baserow", "read"), WHATSAPP), branches(WHATSAPP, MAILGUN), guarded(WHATSAPP, ["paid", "房租", "rent"]), SAT, NQ)

# ================================================================ vague: the right answer is a question
R("can you automate my restaurant's reviews thing",
  asks("which", "what", "review", "where", "platform", "app", "how"))
R("hook our CRM up to the other tool we use pls",
  asks("which", "what", "crm", "tool", "app"))
R("帮我搞个订单那块的自动化",
  asks("什么", "哪", "订单", "平台", "which", "what"))
R("能不能每天提醒我一下那个事",
  asks("什么", "哪", "提醒", "几点", "什么时候", "what", "which", "when"))

# ================================================================ edits of a prior (P1–P20, each once)
R("only summarise when the API actually returned sales. if it came back empty, post 'no sales data yesterday' in #sales instead",
  guarded(ai("summarize")), svc("slack", "create", text="no sales data"),
  branches(ai("summarize"), svc("slack", "create", text="no sales data")), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P1)
R("表格换成Notion数据库；另外线索邮箱是qq.com或163.com的，就不用发邮件通知我了",
  NOTION_ADD, removed(svc("google_sheets")), unguarded(NOTION_ADD), guarded(EMAIL, ["email", "邮箱", "qq", "163"]),
  kept("n1", "n3"), SAT, NQ, prior=P2)
R("post to #eng first, then create the monday item. and skip monday entirely for issues of type Task",
  order(SLACK, MONDAY_ADD), guarded(MONDAY_ADD, ["type", "task"]), unguarded(SLACK), kept("n1", "n2", "n3"), SAT, NQ, prior=P3)
R("没货的时候也记一下：把检查时间和价格写进Airtable。有货的时候除了发邮件再发条Telegram给我",
  AIRTABLE_ADD, branches(EMAIL, AIRTABLE_ADD), TELEGRAM, branches(TELEGRAM, AIRTABLE_ADD), guarded(TELEGRAM),
  kept("n1", "n2", "n3", "n4"), NQ, prior=P4)
R("billing tickets should go to Freshdesk now, not Zendesk. and bugs reported by anyone @bigclient.com should also page us on PagerDuty",
  svc("freshdesk", "create"), removed(ZENDESK_ADD), guarded(svc("freshdesk", "create")), PAGERDUTY_ADD,
  guarded(PAGERDUTY_ADD, ["from", "sender", "bigclient", "email"]), branches(svc("freshdesk", "create"), PAGERDUTY_ADD),
  kept("n1", "n2", "n3", "n5"), SAT, NQ, prior=P5)
R("订单备注里写了“礼品包装”的，Slack消息照发，另外在Todoist给仓库建个任务；没写的就照旧",
  TODOIST_ADD, guarded(TODOIST_ADD, ["note", "备注", "礼品", "gift"]), unguarded(SLACK), unguarded(SHEETS_ADD),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P6)
R("run it on weekdays only, still at 9. and if yesterday's total is zero, don't send the DingTalk report, alert ops on WeCom instead",
  sched(at="09:00"), WEEKDAYS_ONLY, WECOM, branches(DINGTALK, WECOM),
  guarded(WECOM, ["total", "sum", "count", "empty", "length", "0"]), kept("n2", "n3"), SAT, NQ, prior=P7)
R("swap the WeCom alert for a Feishu message, and tickets that aren't negative should be added to our 'Happy customers' Google Sheet",
  FEISHU, removed(WECOM), SHEETS_ADD, branches(FEISHU, SHEETS_ADD), guarded(FEISHU, ["sentiment", "negative"]),
  kept("n1", "n2", "n3"), NQ, prior=P8)
R("预算低于1000的别进HubSpot了，只发感谢邮件；预算高于5万的，再在Slack #大客户 里说一声",
  guarded(svc("hubspot"), ["budget", "预算"]), unguarded(EMAIL), SLACK, guarded(SLACK, ["budget", "预算"]),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P9)
R("不是critical的告警：warning级别的继续发Slack，info级别的直接丢掉，别发了",
  SLACK, guarded(SLACK, ["warning", "info"]), branches(SMS, SLACK), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P10)
R("only bother Discord for stars from people with more than 100 followers. everyone else: just add their username to the 'Stargazers' google sheet",
  guarded(DISCORD, ["follower"]), SHEETS_ADD, branches(DISCORD, SHEETS_ADD), kept("n1", "n2"), SAT, NQ, prior=P11)
R("Telegram换成发到Discord；另外标题里有“招聘”的文章直接跳过",
  DISCORD, removed(TELEGRAM), guarded(DISCORD, ["title", "标题", "招聘"]), kept("n1", "n2"), SAT, NQ, prior=P12)
R("when the manager rejects, also log the request in a 'Declined' Smartsheet. and approved requests over 5000 need a second OK from cfo@acme.io before the PO is created",
  SMARTSHEET_ADD, branches(AIRTABLE_ADD, SMARTSHEET_ADD), appr("cfo@acme.io"),
  order(appr("manager@acme.io"), appr("cfo@acme.io")), guarded(appr("cfo@acme.io"), "amount"),
  order(appr("cfo@acme.io"), AIRTABLE_ADD), avoiding(AIRTABLE_ADD, appr("cfo@acme.io")), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P13)
R("提醒条件改一下：状态是待跟进、而且超过3天没联系的才提醒；另外状态是“已成交”的客户，发一条祝贺到钉钉群",
  guarded(FEISHU, ["联系", "contact", "date", "day", "时间", "天"]), DINGTALK, guarded(DINGTALK, ["已成交"]),
  kept("n1", "n2", "n4"), SAT, NQ, prior=P14)
R("if the email is already in Postgres, respond 409 with {\"error\": \"exists\"} and skip Mailchimp",
  core("webhook_response", "409"), branches(MAILCHIMP_ADD, core("webhook_response", "409")),
  guarded(MAILCHIMP_ADD, ["id", "exist", "email", "count", "length", "empty"]), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P15)
R("改成下午5点跑；这周解决的问题少于5个的话，Teams照发，另外再发邮件给 cto@acme.io 提醒一下",
  sched(at="17:00", weekday="friday"), EMAIL, guarded(EMAIL, ["count", "total", "length", "数", "key"]), unguarded(TEAMS),
  kept("n2", "n3", "n4"), SAT, NQ, prior=P16)
R("drop the Google Sheet, add a row to the 'Contracts' table in Coda instead. contracts where no end date was found should also get a Basecamp to-do for legal",
  svc("coda", "create"), removed(svc("google_sheets")), unguarded(svc("coda", "create")), svc("basecamp", "create"),
  guarded(svc("basecamp", "create"), ["end", "date"]), order(ai("extract"), svc("basecamp", "create")), kept("n1", "n2"), SAT, NQ, prior=P17)
R("工作日白天（9点到18点）出错还是发Slack，其它时间出错改用Pushover推到我手机上",
  PUSHOVER, branches(SLACK, PUSHOVER), guarded(PUSHOVER, ["hour", "time", "now", "day", "时"]), kept("n1", "n2"), SAT, NQ, prior=P18)
R("leads that don't make the cut (70 or below) go into our ActiveCampaign 'Nurture' list, and hot leads also get an email from us with a Calendly link to book a call",
  ACTIVECAMPAIGN_ADD, branches(svc("salesforce"), ACTIVECAMPAIGN_ADD), EMAIL, guarded(EMAIL, "score"),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P19)
R("加个检查：Notion读出来要是空的（0条），就别传Dropbox了，改成发Telegram告诉我备份有问题",
  TELEGRAM, branches(svc("dropbox"), TELEGRAM), guarded(svc("dropbox")), kept("n1", "n2", "n3"), SAT, NQ, prior=P20)


# ================================================================ output
def build() -> list[dict[str, Any]]:
    return fresh_rows.rows_of(REQUESTS, PREFIX, SPLIT, COMMON)


composition = fresh_rows.composition


def main() -> None:
    rows = build()
    fresh_rows.write(rows, OUT)
    apps = sorted(set().union(*(fresh_rows.longtail_apps(r["checks"], COMMON) for r in rows)))
    print(f"long-tail apps: {len(apps)}")


if __name__ == "__main__":
    main()
