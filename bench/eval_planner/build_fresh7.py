"""Builds ``requests_fresh7.jsonl``: a seventh fresh held-out set for the planner, written blind.

80 new requests (ids ``m000``–``m079``, ``"split": "fresh7"``), written on 2026-12-07
(requests and checks 04:48–04:50 UTC, tests until 04:52, by ``date -u``) by a helper
session that did not read the planner's code or tests (``src/flowsmith/planner/``,
``src/flowsmith/agent/``, ``tests/``), ``ops_sweep.py``, any fresh set's requests
(``requests_*.jsonl``) or ``build_fresh.py``/``build_fresh3.py``/``build_fresh4.py``/
``test_fresh3_set.py``, nor any run output, and never ran the planner, the server, ``make run``
or ``run.py``. It read ``build_set.py`` (helpers and the priors P1–P20), ``build_fresh6.py``
(format model; its requests were read too, so none is repeated here), ``fresh_rows.py``,
``checks.py``, ``test_fresh_set.py`` and the catalog (``docs/catalog.md`` and, for the verb of an
operation key, ``verb_of`` in ``src/flowsmith/core/services.py``), so that selectors name real
apps and operations. ``test_fresh7_set.py`` compares its texts with the other sets' files
programmatically, never printing them.

Each request was written first, as a user would type it (small shops and e-commerce, agencies,
schools, clinics, nonprofits, real estate, logistics, finance, HR, devops and personal life;
terse, chatty, typos, arrows, numbered lists, mixed languages), then its checks from what a
demanding user would want, no stricter and no looser: ``either``/``anyof`` where several graphs
are equally right (a filter on the trigger or in the query instead of an IF, one response before
the branches or one per branch, a cron instead of an IF on the weekday, two triggers or one).
Triggers vary: app events said as habits or noun phrases, schedules in many wordings, webhooks,
forms, incoming email, chat and chat-app messages, file drops, RSS, a manual run. Conditions:
thresholds, "unless"/"except"/"only when", cases as lists, otherwise-branches, yes/no fields an
AI step extracts, time windows and approvals. The 20 edits change each prior P1–P20 once, each
so that the prior alone fails a check; four vague requests should be answered with a question.

    .venv/bin/python bench/eval_planner/build_fresh7.py    # rewrites requests_fresh7.jsonl
    .venv/bin/pytest bench/eval_planner/test_fresh7_set.py # well formed, without the planner

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
    GH_ISSUE,
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
    SF_ADD,
    SHEETS_ADD,
    SHEETS_READ,
    SLACK,
    SMS,
    TEAMS,
    TELEGRAM,
    TOP_TEN,
    WAIT,
    WEBHOOK_RESPONSE,
    WECOM,
    ZENDESK_ADD,
    ai,
    anyof,
    asks,
    branches,
    core,
    guarded,
    http,
    kept,
    order,
    removed,
    request,
    sched,
    svc,
    trig,
    unguarded,
)

OUT = HERE / "requests_fresh7.jsonl"
SPLIT = "fresh7"
PREFIX = "m"

# the brief's "ten most common" plus HubSpot, Airtable and Trello (as fresh5/fresh6): the long
# tail is beyond these
COMMON = TOP_TEN | {"hubspot", "airtable", "trello"}

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))


def trigger_text(words: str | list[str]) -> dict[str, Any]:
    """A trigger node whose parameters mention one of ``words`` (a filter set on the trigger)."""
    return {"trigger_node": True, "text": words}


def either(*checks) -> dict[str, Any]:
    """Any of these checks passes."""
    return {"any": list(checks)}


def absent(sel: dict[str, Any]) -> dict[str, Any]:
    return {"absent": sel}


CLAUDE = anyof(svc("anthropic"), {"ai": "any", "text": "claude"})
PAGERDUTY_ADD = svc("pagerduty", "create")
WHATSAPP = svc("whatsapp", "create")
PUSHOVER = svc("pushover", "create")
PUSHBULLET = svc("pushbullet", "create")
GOTIFY = svc("gotify", "create")
LINE = svc("line", "create")
VONAGE = svc("vonage", "create")
ZULIP = svc("zulip", "create")
MATTERMOST = svc("mattermost", "create")
MATRIX = svc("matrix", "create")
GCAL_READ = svc("google_calendar", "read")
GCAL_ADD = svc("google_calendar", "create")
EXCEL_ADD = svc("excel_365", "create")
SHAREPOINT_ADD = svc("sharepoint", "create")
BASEROW_ADD = svc("baserow", "create")
SEATABLE_ADD = svc("seatable", "create")
BREVO = svc("brevo", "create")
MAILGUN = svc("mailgun", "create")
TODOIST_ADD = svc("todoist", "create")
COPPER_ADD = svc("copper", "create")
RESP_ANY_PATH = either(unguarded(WEBHOOK_RESPONSE), branches(WEBHOOK_RESPONSE, WEBHOOK_RESPONSE))


# ================================================================ creates, English
R("hey, whenever a refund goes through on our Shopify store can you log it in the Baserow 'Refunds' table? and if the refund is more than $200 ping me on Pushover too",
  trig("app_event", "shopify", "refund"), BASEROW_ADD, unguarded(BASEROW_ADD), PUSHOVER,
  guarded(PUSHOVER, ["amount", "total", "price", "refund"]), SAT, NQ)
R("Quote requests come in through our Wufoo form. For each one:\n1. create a lead in Zoho CRM\n2. add a to-do in Basecamp for the project manager\n3. if the budget they entered is above 20k, also ping #bizdev on Slack",
  trig("app_event", "wufoo", ["form", "submi", "entry"]), svc("zoho_crm", "create"), svc("basecamp", "create"),
  SLACK, guarded(SLACK, "budget"), unguarded(svc("zoho_crm", "create")), SAT, NQ)
R("weekday mornings at 7:15 grab today's lunch menu from our Coda doc and post it to the school Matrix room. not on days where the menu row says 'closed' tho",
  trig("schedule"), sched(at="07:15"), svc("coda", "read"), MATRIX, order(svc("coda", "read"), MATRIX),
  either(guarded(MATRIX, ["closed", "status", "menu"]), svc("coda", "read", text="closed")), NQ)
R("Referral letters arrive in our referrals inbox by email. Have AI pull out the patient's name, date of birth and whether it's urgent (yes/no). Everything goes into the Airtable 'Referrals' table; urgent ones also get a text to Dr. Patel through Twilio straight away.",
  trig(["email", "app_event"]), ai("extract"), AIRTABLE_ADD, unguarded(AIRTABLE_ADD), SMS,
  guarded(SMS, "urgent"), order(ai("extract"), SMS), SAT, NQ)
R("watch https://citycouncil.example.gov/agendas.rss — when a new agenda item mentions housing or zoning, summarize it and drop it in our Discord #policy channel. ignore the rest",
  trig("rss"), ai("summarize"), DISCORD, order(ai("summarize"), DISCORD),
  guarded(DISCORD, ["housing", "zoning"]), SAT, NQ)
R("showing cancelled on calendly -> delete the event from the agent's google calendar + text the agent via vonage",
  trig("app_event", "calendly", "cancel"), svc("google_calendar", "delete"), VONAGE, NQ)
R("Our carrier POSTs tracking updates to a webhook. If status is 'exception', open a Freshservice ticket and WhatsApp the customer; if status is 'delivered', set the WooCommerce order to completed. Anything else, ignore. Always answer the carrier with a 200.",
  trig("webhook"), svc("freshservice", "create"), WHATSAPP, svc("woocommerce", "update"),
  branches(svc("freshservice", "create"), svc("woocommerce", "update")), guarded(WHATSAPP, "status"),
  guarded(svc("woocommerce", "update"), ["status", "delivered"]), WEBHOOK_RESPONSE, RESP_ANY_PATH, SAT, NQ)
R("On the 15th of every month at 10am check our Wise balances. If the EUR balance is under 5,000, email the CFO (cfo@northwind.example) so she can top it up.",
  trig("schedule"), sched(at="10:00"), svc("wise", "read"), EMAIL, order(svc("wise", "read"), EMAIL),
  guarded(EMAIL, ["balance", "amount", "eur", "value"]), SAT, NQ)
R("new hire form (name, start date, department, needs laptop yes/no). on submit: create their Nextcloud user, email the hiring manager a summary, and only if they need a laptop add an 'order laptop' task to IT's Microsoft To Do list",
  trig("form"), svc("nextcloud", "create"), EMAIL, unguarded(EMAIL), svc("microsoft_todo", "create"),
  guarded(svc("microsoft_todo", "create"), "laptop"), SAT, NQ)
R("GitLab pipeline failed on main -> Opsgenie alert. failed on any other branch -> just a message in Mattermost #ci. passed -> nothing",
  trig("app_event", "gitlab", "pipeline"), svc("opsgenie", "create"), MATTERMOST,
  branches(svc("opsgenie", "create"), MATTERMOST), guarded(svc("opsgenie", "create"), ["branch", "ref", "main"]),
  guarded(MATTERMOST, ["status", "fail", "branch", "ref"]), SAT, NQ)
R("gotify me 'water the plants' every 3 days at 9am",
  trig("schedule"), sched(at="09:00"), either(sched(every_minutes=4320), trigger_text("*/3")), GOTIFY, NQ)
R("When a Square invoice gets paid, mark the same invoice as paid in Xero. Also send the customer a thank-you through Brevo, except for invoices under $20, not worth it",
  trig("app_event", "square", "invoice"), svc("xero", "update"), unguarded(svc("xero", "update")), BREVO,
  guarded(BREVO, ["amount", "total", "money"]), SAT, NQ)
R("when someone reacts with :white_check_mark: on a message in #approvals in slack, turn that message into a task in our Notion tasks database",
  trig("app_event", "slack", "reaction"), NOTION_ADD,
  either(guarded(NOTION_ADD, ["reaction", "emoji", "white_check_mark"]), trigger_text("white_check_mark")), NQ)
R("Course evaluations come in from SurveyMonkey. Translate the answers to English with DeepL, then store them in Supabase. If the overall rating is 2 or lower, email the department head as well.",
  trig("app_event", "surveymonkey", "response"), svc("deepl"), svc("supabase", "create"),
  order(svc("deepl"), svc("supabase", "create")), EMAIL, guarded(EMAIL, "rating"), SAT, NQ)
R("Drivers upload delivery photos to the Box folder /POD. Each new file: copy it to the S3 bucket pod-archive and log the file name and upload time in Google Sheets.",
  trig("app_event", "box", ["upload", "file"]), svc("amazon_s3", "create"), SHEETS_ADD, NQ)
R("Stripe dispute opened => post it to #finance on Zulip and create a Help Scout conversation so support can gather evidence. Disputes over $500 also page the on-call person with PagerDuty.",
  trig(["app_event", "webhook"], "stripe", "dispute"), ZULIP, svc("help_scout", "create"), PAGERDUTY_ADD,
  guarded(PAGERDUTY_ADD, "amount"), unguarded(ZULIP), SAT, NQ)
R("i want a tiny chat bot: i type stuff like 'uber 23' or 'groceries 61.40' and it adds a row (category, amount, date) to my 'budget' google sheet and replies with what it saved",
  trig("chat"), SHEETS_ADD, anyof(ai("any"), core(["code", "set_fields"])), NQ)
R("website lead hits our webhook -> create the person in Copper. If they ticked 'pre-approved for a mortgage' also create an opportunity in Copper and set up a Zoom intro call. Reply {\"ok\": true}.",
  trig("webhook"), COPPER_ADD, svc("copper", "create", text="opportunity"),
  guarded(svc("copper", "create", text="opportunity"), ["pre", "approv", "mortgage"]), svc("zoom", "create"),
  guarded(svc("zoom", "create"), ["pre", "approv", "mortgage"]), WEBHOOK_RESPONSE, SAT, NQ)
R("Every weekday at 5:30pm get tomorrow's Cal.com bookings and WhatsApp each patient a reminder. Skip bookings that are cancelled.",
  trig("schedule"), sched(at="17:30"), svc("cal_com", "read"), WHATSAPP, order(svc("cal_com", "read"), WHATSAPP),
  either(guarded(WHATSAPP, ["status", "cancel"]), svc("cal_com", "read", text=["accepted", "upcoming", "status", "cancel"])), NQ)
R("Sentry sends alerts to a webhook. production errors: create a Linear issue and post in #oncall on Slack. staging errors: only the Slack post.",
  trig(["webhook", "app_event"]), LINEAR_ADD, guarded(LINEAR_ADD, ["env", "production"]), SLACK,
  either(unguarded(SLACK), branches(SLACK, SLACK)), SAT, NQ)
R("Volunteers submit expense claims on a Jotform. Our treasurer approves each one in Slack. Approved: create a bill in QuickBooks and email the volunteer that it's coming. Rejected: email them with the reason.",
  trig("app_event", "jotform", ["form", "submi"]), APPROVAL, svc("quickbooks", "create"), EMAIL,
  order(APPROVAL, svc("quickbooks", "create")), branches(svc("quickbooks", "create"), EMAIL), NQ)
R("Mondays 8:30: pull last week's Clockify entries. anyone under 35 hours gets a Teams message from the bot; then post the whole table to #managers on Mattermost",
  trig("schedule"), sched(at="08:30", weekday="monday"), svc("clockify", "read"), TEAMS, MATTERMOST,
  guarded(TEAMS, ["hour", "total", "duration", "sum"]), unguarded(MATTERMOST), order(svc("clockify", "read"), MATTERMOST), SAT, NQ)
R("Every 30 minutes grab new Magento orders and insert them into the MySQL 'orders' table. Orders over 2000 EUR also get emailed to me for a manual fraud review.",
  trig("schedule"), sched(every_minutes=30), svc("magento", "read"), svc("mysql"), order(svc("magento", "read"), svc("mysql")),
  EMAIL, guarded(EMAIL, ["total", "amount", "grand"]), SAT, NQ)
R("new post on our blog RSS -> ChatGPT drafts a LinkedIn post -> send the draft to me (anna@brightpixel.example) to approve by email -> publish on LinkedIn only if I approve",
  trig("rss"), ai("any"), APPROVAL, svc("linkedin", "create"), order(ai("any"), APPROVAL),
  order(APPROVAL, svc("linkedin", "create")), guarded(svc("linkedin", "create")), NQ)
R("Catering order form for the cafe: name, date, headcount, dietary notes. Save every order to Airtable. If headcount is more than 40, also post it in the kitchen's Discord channel and Telegram me.",
  trig("form"), AIRTABLE_ADD, unguarded(AIRTABLE_ADD), DISCORD, TELEGRAM, guarded(DISCORD, "headcount"),
  guarded(TELEGRAM, "headcount"), SAT, NQ)
R("Supplier invoices land in ap@ (Outlook). Use AI to get vendor, amount and due date, add them to the SharePoint list 'AP'. If it's due within 3 days, also message the Finance channel in Teams.",
  trig(["email", "app_event"], "outlook"), ai("extract"), SHAREPOINT_ADD, unguarded(SHAREPOINT_ADD),
  order(ai("extract"), SHAREPOINT_ADD), TEAMS, guarded(TEAMS, ["due", "date", "day"]), SAT, NQ)
R("one-off thing, I'll press run myself: read all DNS records from Cloudflare and dump them into a google sheet",
  trig("manual"), svc("cloudflare", "read"), SHEETS_ADD, order(svc("cloudflare", "read"), SHEETS_ADD), NQ)
R("If I get an email from the school nurse (nurse@oakridge.example), turn the hallway light red through Home Assistant and pushbullet my phone",
  trig(["email", "app_event"]), svc("home_assistant"), PUSHBULLET,
  either(trigger_text("nurse"), guarded(PUSHBULLET, ["from", "nurse", "sender"])), NQ)

# ================================================================ creates, Chinese
R("WooCommerce来新订单：收货地址在新疆、西藏、青海的，在飞书群提醒客服联系客户补运费；其他订单直接在Notion里建发货记录",
  trig("app_event", "woocommerce", "order"), FEISHU, NOTION_ADD, branches(FEISHU, NOTION_ADD),
  guarded(FEISHU, ["address", "province", "state", "shipping", "新疆", "地址"]), SAT, NQ)
R("家长在谷歌表单提交请假后，记到在线Excel里，同时企业微信通知班主任。请假超过3天的，另外发邮件给教务处",
  trig("app_event", "google_forms", ["form", "submi"]), EXCEL_ADD, unguarded(EXCEL_ADD), WECOM, unguarded(WECOM),
  EMAIL, guarded(EMAIL, ["day", "天", "数"]), SAT, NQ)
R("每天早上八点半从Zoho CRM里找出今天过生日的患者，用Twilio给每人发一条生日祝福短信",
  trig("schedule"), sched(at="08:30"), svc("zoho_crm", "read"), SMS, order(svc("zoho_crm", "read"), SMS),
  either(guarded(SMS, ["birth", "生日"]), svc("zoho_crm", "read", text=["birth", "生日"])), NQ)
R("仓库系统会把出库单推到我们的webhook。重量超过30公斤的走德邦，调 POST https://api.deppon.example/orders 下单；30公斤及以下走顺丰，调 POST https://api.sf.example/orders。下完单都在钉钉群里发一下单号",
  trig("webhook"), http("deppon"), http("api.sf.example"), branches(http("deppon"), http("api.sf.example")),
  guarded(http("deppon"), ["weight", "重量", "kg"]), DINGTALK, order(http("deppon"), DINGTALK),
  order(http("api.sf.example"), DINGTALK), SAT, NQ)
R("每月1号早上9点：从Stripe拉上个月所有的收款，按币种汇总，生成一份Google文档月报，然后把链接发邮件给老板",
  trig("schedule"), sched(at="09:00"), svc("stripe", "read"), anyof(core(["aggregate", "code"]), ai("any")),
  svc("google_docs", "create"), EMAIL, order(svc("stripe", "read"), svc("google_docs", "create")),
  order(svc("google_docs", "create"), EMAIL), NQ)
R("招聘邮箱（Gmail）收到简历时，用AI提取姓名、电话、教龄、有没有教师资格证。有证的加到Baserow候选人表，并在飞书上通知校长；没证的自动回一封感谢信就行",
  trig(["email", "app_event"], "gmail"), ai("extract"), BASEROW_ADD, FEISHU, EMAIL,
  branches(BASEROW_ADD, EMAIL), guarded(BASEROW_ADD, ["证", "cert", "licen", "资格"]),
  order(ai("extract"), BASEROW_ADD), SAT, NQ)
R("每晚11点拉一下Shopify今天的订单，统计单数和总金额发到企业微信群。如果今天一单都没有，就别发统计了，直接@我一下",
  trig("schedule"), sched(at="23:00"), svc("shopify", "read"), WECOM, order(svc("shopify", "read"), WECOM),
  either(branches(WECOM, WECOM), guarded(WECOM)), NQ)
R("Facebook房产广告来了新线索 → 先存进Supabase → 让AI根据他填的预算和片区，从我们的房源接口 https://api.myhomes.example/listings 里挑三套推荐 → 用WhatsApp模板消息发给他",
  trig("app_event", "facebook", "lead"), svc("supabase", "create"), http("myhomes"), ai("any"), WHATSAPP,
  order(ai("any"), WHATSAPP), NQ)
R("每天凌晨3点在Jenkins上触发 nightly-backup 这个任务，等20分钟再去查构建结果，失败了就在钉钉群里@运维",
  trig("schedule"), sched(at="03:00"), svc("jenkins"), WAIT, svc("jenkins", "read"), DINGTALK,
  order(WAIT, DINGTALK), guarded(DINGTALK, ["status", "result", "fail", "失败"]), SAT, NQ)
R("订阅 https://jobs.example.cn/feed.xml ，新帖子里提到“远程”或者remote的转到我Telegram，其他的不用管",
  trig("rss"), TELEGRAM, guarded(TELEGRAM, ["远程", "remote"]), SAT, NQ)
R("每周五下午3点，从MySQL里查出本周缺勤超过2次的学生，用Vonage给家长发短信；再把名单整理成一张表发到年级主任的邮箱",
  trig("schedule"), sched(at="15:00", weekday="friday"), svc("mysql"), VONAGE, EMAIL, order(svc("mysql"), VONAGE),
  order(svc("mysql"), EMAIL), NQ)
R("我在Telegram群里发“/库存 商品名”，机器人就去WooCommerce查这个商品还有多少库存然后回我；查不到就回“没有这个商品”",
  trig("app_event", "telegram", "message"), svc("woocommerce", "read"), TELEGRAM,
  order(svc("woocommerce", "read"), TELEGRAM), NQ)
R("PayPal上有人开通月捐（订阅），就加进Mailchimp的“月捐人”列表，并在Salesforce建联系人；有人取消订阅，就把他在Mailchimp里改成unsubscribed，再在Slack告诉筹款组",
  trig("app_event", "paypal", "subscription"), MAILCHIMP_ADD, SF_ADD, svc("mailchimp", "update"), SLACK, NQ)
R("病人在网页表单上申请病历复印件，要医务科科长邮件审批。同意了就从Google Drive把病历PDF分享给病人的邮箱；不同意就用短信告诉病人",
  trig("form"), APPROVAL, svc("google_drive"), SMS, order(APPROVAL, svc("google_drive")),
  branches(svc("google_drive"), SMS), NQ)
R("Gumroad有人发起拒付的时候：马上Pushover通知我，在Notion“拒付”数据库记一条；金额超过100美元的，再在Todoist建个三天内到期的任务",
  trig("app_event", "gumroad", "dispute"), PUSHOVER, NOTION_ADD, unguarded(NOTION_ADD), TODOIST_ADD,
  guarded(TODOIST_ADD, ["amount", "金额", "price"]), SAT, NQ)
R("ClickUp任务状态改成“待客户确认”时，用Outlook给客户发封邮件附上任务链接，再在Google日历上建一个两天后的跟进提醒",
  trig("app_event", "clickup", ["status", "task"]), OUTLOOK, GCAL_ADD,
  either(guarded(OUTLOOK, ["status", "待客户确认"]), trigger_text("待客户确认")), NQ)
R("每周一9点从Xero拉所有逾期发票：逾期超过30天的发邮件催款（抄送我），30天以内的只在Slack的 #应收 频道里列一下",
  trig("schedule"), sched(at="09:00", weekday="monday"), svc("xero", "read"), EMAIL, SLACK, branches(EMAIL, SLACK),
  guarded(EMAIL, ["day", "due", "date", "天", "overdue"]), SAT, NQ)
R("Teams的“请假”频道里有人发消息时，让AI判断是不是请假申请；是的话提取起止日期写进SharePoint的请假列表，然后在Teams里回复“已登记”",
  trig("app_event", "microsoft_teams", "message"), ai("any"), SHAREPOINT_ADD, TEAMS,
  guarded(SHAREPOINT_ADD, ["leave", "请假", "is_", "request", "category", "yes", "true"]), order(ai("any"), SHAREPOINT_ADD), SAT, NQ)
R("工作日早9点到晚6点，每两个小时在Telegram上提醒我起来活动一下",
  trig("schedule"), TELEGRAM, either(sched(every_minutes=120), trigger_text(["/2", "9,11,13,15,17"])), NQ)
R("客户发到 orders@ 邮箱（Outlook）的询价，让AI判断是整车还是零担：整车的在Pipedrive建交易给大客户组，零担的在Freshdesk建工单。不管哪种都回一封“已收到，2小时内报价”",
  trig(["email", "app_event"]), ai("any"), PIPEDRIVE_ADD, svc("freshdesk", "create"),
  branches(PIPEDRIVE_ADD, svc("freshdesk", "create")), EMAIL, either(unguarded(EMAIL), branches(EMAIL, EMAIL)), SAT, NQ)
R("每天晚上9点看谷歌日历明天有没有“考试”的日程，有的话用LINE给家长广播提醒，写上考试科目",
  trig("schedule"), sched(at="21:00"), GCAL_READ, LINE, order(GCAL_READ, LINE),
  either(guarded(LINE, ["考试", "exam", "summary", "title"]), svc("google_calendar", "read", text=["考试", "exam"])), NQ)
R("野外调查员用KoBoToolbox交数据，每条都存进PostgreSQL；“是否发现受伤动物”选了“是”的，马上用Twilio打电话给救助站",
  trig("app_event", "kobotoolbox", ["form", "submi"]), POSTGRES, unguarded(POSTGRES), svc("twilio", "create"),
  guarded(svc("twilio", "create"), ["受伤", "injur", "animal", "是"]), SAT, NQ)
R("GitHub发新release的时候，让Claude根据release notes写一段中文更新说明，发到飞书群和Discord；如果是pre-release就只发飞书",
  trig("app_event", "github", "release"), CLAUDE, FEISHU, DISCORD, order(CLAUDE, DISCORD), order(CLAUDE, FEISHU),
  guarded(DISCORD, ["prerelease", "pre_release", "pre-release"]), SAT, NQ)
R("店里Square每笔收款都记到SeaTable的流水表；每周日晚上10点再把这一周的流水汇总一下发我邮箱",
  trig("app_event", "square", "payment"), SEATABLE_ADD, sched(at="22:00", weekday="sunday"), svc("seatable", "read"),
  EMAIL, NQ)
R("小程序会调一个webhook查房源，带 district 参数。去Airtable里搜这个区在售的房源，用JSON返回；搜不到就返回404和“暂无房源”",
  trig("webhook"), svc("airtable", "read"), WEBHOOK_RESPONSE, order(svc("airtable", "read"), WEBHOOK_RESPONSE),
  branches(WEBHOOK_RESPONSE, core("webhook_response", "404")), NQ)
R("Wise账户有钱进来的时候，都记到Notion的收入表；超过5000美元的再Telegram告诉我一声",
  trig("app_event", "wise", ["balance", "credit"]), NOTION_ADD, unguarded(NOTION_ADD), TELEGRAM,
  guarded(TELEGRAM, ["amount", "金额", "value"]), SAT, NQ)
R("每天早上9点读谷歌表格“员工名单”，今天是入职周年的同事，在钉钉群里发祝贺，并用Mailgun给本人发封感谢信",
  trig("schedule"), sched(at="09:00"), SHEETS_READ, DINGTALK, MAILGUN, order(SHEETS_READ, MAILGUN),
  either(guarded(MAILGUN, ["入职", "date", "hire", "周年", "anniversar", "日期"]), core("code", ["入职", "hire", "anniversar", "date"])), NQ)
R("shopify新客户注册 → 如果勾了接受营销（accepts_marketing=true）就加到ActiveCampaign的newsletter列表；没勾的只在HubSpot建个联系人",
  trig("app_event", "shopify", "customer"), svc("activecampaign", "create"), HUBSPOT_ADD,
  guarded(svc("activecampaign", "create"), ["accepts_marketing", "marketing"]), SAT, NQ)

# ================================================================ vague: the right answer is a question
R("need something for the new client onboarding stuff, can you just set it up",
  asks("which", "what", "onboarding", "client", "tool", "app", "step"))
R("automate our inventory pls",
  asks("which", "what", "inventory", "where", "platform", "stock", "how"))
R("帮我搞个自动化，每天提醒一下",
  asks("什么", "哪", "提醒", "谁", "几点", "which", "what", "when"))
R("老师们排课的事能不能弄成自动的",
  asks("什么", "哪", "排课", "课表", "怎么", "which", "what", "how"))

# ================================================================ edits of a prior (P1–P20, each once)
R("also send the summary to #sales-emea on Mattermost, but only on Mondays. Slack keeps getting it every day",
  MATTERMOST, either(guarded(MATTERMOST, ["day", "week", "monday"]), sched(weekday="monday")), unguarded(SLACK), order(core("summarizer"), MATTERMOST),
  kept("n1", "n2", "n3", "n4"), NQ, prior=P1)
R("线索里公司规模（company_size）大于50人的，再在Zoho CRM建一个lead；表格和邮件照旧",
  svc("zoho_crm", "create"), guarded(svc("zoho_crm", "create"), ["company_size", "size"]), unguarded(SHEETS_ADD),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P2)
R("we're leaving monday.com: create a Taiga user story instead of the monday item, slack msg stays",
  svc("taiga", "create"), removed(MONDAY_ADD), order(svc("taiga", "create"), SLACK), kept("n1", "n3"), NQ, prior=P3)
R("有货的时候除了发邮件，再用Pushover推到我手机上，优先级设成高",
  PUSHOVER, guarded(PUSHOVER, ["stock", "in_stock"]), order(core("web_page_check"), PUSHOVER),
  kept("n1", "n2", "n3", "n4"), NQ, prior=P4)
R("emails that are neither billing nor bug are currently dropped. make them a Freshdesk ticket instead",
  svc("freshdesk", "create"), guarded(svc("freshdesk", "create")), branches(ZENDESK_ADD, svc("freshdesk", "create")),
  branches(JIRA_ADD, svc("freshdesk", "create")), kept("n1", "n2", "n4", "n5"), NQ, prior=P5)
R("订单金额低于10块的就别在Slack里说了，表格还是每单都记",
  guarded(SLACK, ["total", "amount", "price", "金额"]), unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P6)
R("after the DingTalk message, also append the numbers to the 'sales' worksheet in our Excel 365 workbook",
  EXCEL_ADD, order(DINGTALK, EXCEL_ADD), order(POSTGRES, EXCEL_ADD), kept("n1", "n2", "n3"), NQ, prior=P7)
R("负面工单除了企业微信告警，还要在Zendesk里把这张工单的优先级改成urgent；不是负面的就在Google表格记一笔",
  svc("zendesk", "update"), guarded(svc("zendesk", "update"), ["sentiment", "negative"]), SHEETS_ADD,
  branches(WECOM, SHEETS_ADD), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P8)
R("we switched CRMs. create the person in Pipedrive instead of HubSpot, thank-you email unchanged",
  svc("pipedrive", "create"), removed(svc("hubspot")), kept("n1", "n3"), NQ, prior=P9)
R("不是critical的告警里，只有severity是warning的才发Slack，info之类的就不用发了",
  guarded(SLACK, "warning"), branches(SMS, SLACK), kept("n1", "n2", "n3"), SAT, NQ, prior=P10)
R("post forks of acme/widgets in discord too, not just stars",
  trig("app_event", "github", ["fork", "any"]), DISCORD, kept("n2"), NQ, prior=P11)
R("摘要除了发Telegram，再发一份到我的Matrix房间；标题里带“广告”或者sponsored的文章直接跳过，两边都不发",
  MATRIX, guarded(TELEGRAM, ["title", "广告", "sponsor"]), guarded(MATRIX, ["title", "广告", "sponsor"]),
  order(core("summarizer"), MATRIX), kept("n1", "n2", "n3"), SAT, NQ, prior=P12)
R("purchases under $200 don't need the manager, create the PO right away for those",
  guarded(APPROVAL, "amount"), {"path_avoiding": {"to": AIRTABLE_ADD, "avoid": APPROVAL}},
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P13)
R("改成每周一、三、五早上10点跑，飞书提醒里把客户电话也带上",
  sched(at="10:00", weekday="wednesday"), sched(at="10:00", weekday="friday"), svc(["feishu", "lark"], "create", text=["phone", "电话", "tel", "mobile"]),
  kept("n2", "n3", "n4"), NQ, prior=P14)
R("Before saving a signup, validate the email with GET https://api.zerobounce.example/validate?email=... If it comes back invalid, respond 400 and don't save or subscribe them.",
  http("zerobounce"), order(http("zerobounce"), POSTGRES), guarded(POSTGRES, ["status", "valid"]),
  guarded(svc("mailchimp"), ["status", "valid"]), branches(POSTGRES, core("webhook_response", "400")),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P15)
R("Teams那条不要了，改发到飞书群，另外再存一份到Notion",
  FEISHU, removed(TEAMS), NOTION_ADD, order(core("aggregate"), FEISHU), order(core("aggregate"), NOTION_ADD),
  kept("n1", "n2", "n3"), NQ, prior=P16)
R("contracts over 100k need legal@lawfirm.example to sign off by email before they get logged. if legal rejects, just ping me on Slack instead",
  APPROVAL, guarded(APPROVAL, "amount"), order(APPROVAL, SHEETS_ADD), {"path_avoiding": {"to": SHEETS_ADD, "avoid": APPROVAL}},
  SLACK, branches(SHEETS_ADD, SLACK), order(ai("extract"), APPROVAL), kept("n1", "n2", "n3"), SAT, NQ, prior=P17)
R("出错时除了Slack，再在GitHub的ops仓库里建个issue；晚上10点到早上8点之间出的错，再发Telegram给值班的人",
  GH_ISSUE, unguarded(GH_ISSUE), TELEGRAM, guarded(TELEGRAM, ["hour", "time", "now", "时"]),
  unguarded(SLACK), kept("n1", "n2"), SAT, NQ, prior=P18)
R("分数线从70改成85；另外低于30分的，直接在HubSpot里把这个联系人删了",
  {"condition_node": True, "text": "85"}, absent({"condition_node": True, "text": "70"}), svc("hubspot", "delete"),
  guarded(svc("hubspot", "delete"), "score"), branches(SF_ADD, svc("hubspot", "delete")), kept("n1", "n2", "n4"), SAT, NQ, prior=P19)
R("also keep a copy on our SFTP server under /backups/notion, and email me if the Dropbox upload fails",
  svc("ftp", "create"), order(svc("notion", "read"), svc("ftp", "create")), EMAIL,
  either(order(svc("dropbox"), EMAIL), trig("error")), kept("n1", "n2", "n3"), NQ, prior=P20)


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
