"""Builds ``requests_fresh6.jsonl``: a sixth fresh held-out set for the planner, written blind.

80 new requests (ids ``k000``–``k079``, ``"split": "fresh6"``), written on 2026-12-07
(01:36–01:45 UTC, by the machine clock) by a helper session that did not read the planner's code or tests
(``src/flowsmith/planner/``, ``src/flowsmith/agent/``, ``tests/``), ``ops_sweep.py``, any other
fresh set's requests (``requests_*.jsonl``) or ``build_fresh.py``/``build_fresh3.py``/
``build_fresh4.py``, nor any run output, and never ran the planner, the server, ``make run`` or
``run.py``. It read ``build_set.py``, ``build_fresh5.py`` and the opening of ``build_fresh2.py`` (format models),
``fresh_rows.py``, ``checks.py``, ``test_fresh_set.py``, ``docs/evaluation.md`` and the catalog
(``docs/catalog.md``), so that selectors name real apps and operations.

Each request was written first, as a user would type it (small shops and e-commerce, agencies,
schools and teachers, nonprofits, clinics, real-estate, logistics, finance/accounting and
personal life; terse, chatty, typos, arrows, lists, mixed languages), then its checks from what a
demanding user would want, no stricter and no looser: ``either``/``anyof`` where several graphs
are equally right (a filter in the query instead of an IF, one response before the branches or
one per branch, a cron instead of a weekday IF). The sentence shapes vary on purpose: conditions
before and after the action, relative clauses, cases as lists, "unless", "only when", "except",
thresholds in words, time windows, loops over items, approvals, webhook responses, chains of
three to five services, and edits that add, remove, replace, move or change a condition. The
helpers and the priors P1–P20 (each edited once) are those of ``build_set.py``.

    .venv/bin/python bench/eval_planner/build_fresh6.py   # rewrites requests_fresh6.jsonl
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
    CLICKUP_ADD,
    DINGTALK,
    DISCORD,
    EMAIL,
    FEISHU,
    GMAIL,
    MAILCHIMP_ADD,
    MONDAY_ADD,
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

OUT = HERE / "requests_fresh6.jsonl"
SPLIT = "fresh6"
PREFIX = "k"

# the brief's "ten most common" plus HubSpot, Airtable and Trello (as fresh5): the long tail is
# beyond these
COMMON = TOP_TEN | {"hubspot", "airtable", "trello"}

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))






def absent(sel: dict[str, Any]) -> dict[str, Any]:
    return {"absent": sel}


CLAUDE = anyof(svc("anthropic"), {"ai": "any", "text": "claude"})
SLACK_APPROVAL = core("approval_slack")
PAGERDUTY_ADD = svc("pagerduty", "create")
WHATSAPP = svc("whatsapp", "create")
PUSHOVER = svc("pushover", "create")
PUSHBULLET = svc("pushbullet", "create")
GOTIFY = svc("gotify", "create")
LINE = svc("line", "create")
VONAGE = svc("vonage", "create")
ZULIP = svc("zulip", "create")
MATTERMOST = svc("mattermost", "create")
GCAL_READ = svc("google_calendar", "read")
GCAL_ADD = svc("google_calendar", "create")
GDRIVE_ADD = svc("google_drive", "create")
EXCEL_ADD = svc("excel_365", "create")
XERO_ADD = svc("xero", "create")
QB_ADD = svc("quickbooks", "create")
QB_VOID = svc("quickbooks", text="void")
SMARTSHEET_ADD = svc("smartsheet", "create")
SHAREPOINT_ADD = svc("sharepoint", "create")
BASEROW_ADD = svc("baserow", "create")
SEATABLE_ADD = svc("seatable", "create")
BREVO = svc("brevo", "create")
MAILGUN = svc("mailgun", "create")
SENDGRID = svc("sendgrid", "create")
MAILJET = svc("mailjet", "create")
TODOIST_ADD = svc("todoist", "create")
COPPER_ADD = svc("copper", "create")
FB_POST = svc("facebook", "create")
TWEET = svc(["twitter", "x"], "create")
RESP_ANY_PATH = either(unguarded(WEBHOOK_RESPONSE), branches(WEBHOOK_RESPONSE, WEBHOOK_RESPONSE))
MEMORY = core(["buffer_memory", "redis_memory", "postgres_memory", "n8n_memory"])
TOOLS = ["n8n_tool", "http_tool", "code_tool", "workflow_tool"]


# ================================================================ creates, English
R("new WooCommerce order -> create the invoice in Xero -> email it to the customer. Skip all of that for orders paid with 'cod' (cash on delivery), the courier invoices those",
  trig("app_event", "woocommerce", "order"), XERO_ADD, EMAIL, order(XERO_ADD, EMAIL),
  guarded(XERO_ADD, ["payment", "cod", "method"]), guarded(EMAIL, ["payment", "cod", "method"]), SAT, NQ)
R("Clients send us briefs through Jotform. When one comes in: 1) create a ClickUp task in our Intake list 2) make a Google Drive folder named after the client 3) post both links in the Mattermost #new-biz channel",
  trig("app_event", "jotform", ["form", "submi"]), CLICKUP_ADD, GDRIVE_ADD, MATTERMOST,
  order(CLICKUP_ADD, MATTERMOST), order(GDRIVE_ADD, MATTERMOST), NQ)
R("every sunday 6pm pull next week's homework from my Grist 'homework' table and send it to the parents' LINE group, unless it's a holiday week (the holiday column says yes)",
  trig("schedule"), sched(at="18:00", weekday="sunday"), svc("grist", "read"), LINE, order(svc("grist", "read"), LINE),
  either(guarded(LINE, "holiday"), svc("grist", "read", text="holiday")), NQ)
R("Donations come in through PayPal. Gifts of $1,000 or more need our director (director@hopefund.org) to sign off by email before the thank-you letter goes out via Brevo; smaller gifts get the Brevo thank-you right away.",
  trig("app_event", "paypal", ["payment", "captur"]), APPROVAL, BREVO, guarded(APPROVAL, ["amount", "value", "gross"]),
  order(APPROVAL, BREVO), {"path_avoiding": {"to": BREVO, "avoid": APPROVAL}}, SAT, NQ)
R("patients book through cal.com. for every new booking add the patient to google contacts if they're not in there yet, and 24h before the appointment send them a reminder text w/ Vonage",
  trig("app_event", "cal_com", "booking"), svc("google_contacts", "create"),
  guarded(svc("google_contacts", "create"), ["email", "phone", "id", "exist", "found", "empty", "new"]),
  VONAGE, WAIT, order(WAIT, VONAGE), SAT, NQ)
R("Our website sends leads to a webhook. If the lead asks about a listing priced over 1M, create the lead in Copper assigned to our senior agent and text him through MessageBird; all other leads go into Copper unassigned. Reply {\"received\": true} to the site either way.",
  trig("webhook"), COPPER_ADD, either(unguarded(COPPER_ADD), branches(COPPER_ADD, COPPER_ADD)),
  svc("messagebird", "create"), guarded(svc("messagebird", "create"), ["price", "listing"]),
  WEBHOOK_RESPONSE, RESP_ANY_PATH, SAT, NQ)
R("Every 10 min call GET https://tms.fastfreight.example/api/shipments?status=delayed and for each delayed shipment open a Freshdesk ticket and WhatsApp the customer the new ETA",
  trig("schedule"), sched(every_minutes=10), http("tms.fastfreight"), svc("freshdesk", "create"), WHATSAPP,
  order(http("tms.fastfreight"), svc("freshdesk", "create")), order(http("tms.fastfreight"), WHATSAPP), NQ)
R("At 7:00 on the 1st of every month: export last month's invoices from QuickBooks, have OpenAI flag the ones that look like duplicates, and if it finds any email the list to accounting@ledgerly.co. If none, just add a 'clean' item to our SharePoint audit list.",
  trig("schedule"), sched(at="07:00"), svc("quickbooks", "read"), ai("any"), EMAIL, SHAREPOINT_ADD,
  order(svc("quickbooks", "read"), ai("any")), branches(EMAIL, SHAREPOINT_ADD), SAT, NQ)
R("pushover reminder to take my meds, twice a day: 8am and 8pm",
  trig("schedule"), PUSHOVER,
  either(sched(at="08:00"), sched(at="20:00"), trigger_text(["8,20", "20,8"])), NQ)
R("For every Square payment add a row to the 'Daily takings' sheet in our Excel 365 workbook. Payments over $300 should also be posted to the #sales stream on Zulip.",
  trig("app_event", "square", "payment"), EXCEL_ADD, unguarded(EXCEL_ADD), ZULIP,
  guarded(ZULIP, ["amount", "total", "money"]), SAT, NQ)
R("client NPS survey is a Typeform. score below 7 → open a Help Scout conversation for the account manager. 9 or 10 → send them our review link via Mailjet. 7-8 → nothing",
  trig("app_event", "typeform", ["form", "submi"]), svc("help_scout", "create"), MAILJET,
  branches(svc("help_scout", "create"), MAILJET), guarded(svc("help_scout", "create"), ["score", "nps"]),
  guarded(MAILJET, ["score", "nps"]), SAT, NQ)
R("I need a form for parents to report an absence (student name, class, date, reason). Every report goes into our Smartsheet attendance sheet and gets emailed to the homeroom teacher. When the reason is illness, the school nurse also gets a message on Microsoft Teams.",
  trig("form"), SMARTSHEET_ADD, unguarded(SMARTSHEET_ADD), EMAIL, unguarded(EMAIL), TEAMS,
  guarded(TEAMS, ["reason", "ill", "sick"]), SAT, NQ)
R("volunteer signs up on our google form -> add them to the Mailchimp 'Volunteers' audience -> wait 2 days -> send the orientation pack with SendGrid",
  trig("app_event", "google_forms", ["form", "submi"]), MAILCHIMP_ADD, WAIT, SENDGRID,
  order(MAILCHIMP_ADD, WAIT), order(WAIT, SENDGRID), NQ)
R("Lab results arrive by email from results@labcorp.example. Have AI pull out the patient id and whether anything is flagged abnormal. Abnormal ones become a high-priority HaloPSA ticket for the doctor on duty; normal ones just get appended to the 'results log' Google Sheet.",
  trig("email"), ai("extract"), svc("halopsa", "create"), SHEETS_ADD,
  branches(svc("halopsa", "create"), SHEETS_ADD), guarded(svc("halopsa", "create"), ["abnormal", "flag"]),
  order(ai("extract"), svc("halopsa", "create")),
  either(trigger_text("labcorp"), guarded(ai("extract"), ["from", "sender", "labcorp"])), SAT, NQ)
R("mondays 9am: find the Pipedrive deals that have been sitting in the 'Viewing' stage for more than 14 days and make a follow-up task in Todoist for each one",
  trig("schedule"), sched(at="09:00", weekday="monday"), svc("pipedrive", "read"), TODOIST_ADD,
  order(svc("pipedrive", "read"), TODOIST_ADD),
  either(guarded(TODOIST_ADD, ["day", "date", "time", "update", "stage"]), core("code", "14"),
         svc("pipedrive", "read", text="14")), NQ)
R("Our driver app POSTs a delivery confirmation (order_id, photo_url) to a webhook. Upload the photo to the S3 bucket pod-photos, set the order's status to delivered in Postgres and answer 200 with the S3 key. If there's no order_id in the payload, answer 400 and do nothing else.",
  trig("webhook"), svc("amazon_s3", "create"), POSTGRES, WEBHOOK_RESPONSE,
  guarded(svc("amazon_s3", "create"), "order_id"), guarded(POSTGRES, "order_id"),
  branches(svc("amazon_s3", "create"), core("webhook_response", "400")), SAT, NQ)
R("whenever a Stripe invoice is paid record the payment in Invoice Ninja, and send the customer a receipt with Mailgun unless they're tagged internal",
  trig(["app_event", "webhook"], "stripe", ["invoice", "paid"]), svc("invoice_ninja", "create"),
  unguarded(svc("invoice_ninja", "create")), MAILGUN, guarded(MAILGUN, ["internal", "tag", "metadata"]), SAT, NQ)
R("every evening at 9 check how many hours I tracked in Toggl today. less than 6 → Telegram me a nudge, more than 10 → Telegram me to stop working, otherwise don't bother me",
  trig("schedule"), sched(at="21:00"), svc("toggl", "read"), TELEGRAM, guarded(TELEGRAM, ["hour", "duration", "time", "total"]),
  order(svc("toggl", "read"), TELEGRAM), SAT, NQ)
R("Customers start a return on our site, which calls a webhook with the order date. If it was bought more than 30 days ago, respond {\"eligible\": false}. Otherwise request a return label with POST https://api.shipbob.example/returns and respond with the label URL.",
  trig("webhook"), http("shipbob"), guarded(http("shipbob"), ["date", "day", "order"]),
  branches(http("shipbob"), core("webhook_response", "false")), order(http("shipbob"), WEBHOOK_RESPONSE), SAT, NQ)
R("Fridays 4pm: pull this week's Harvest time entries, total the hours per client and post the table to our Rocket.Chat #ops room. Anyone who logged under 30 hours this week gets a reminder email.",
  trig("schedule"), sched(at="16:00", weekday="friday"), svc("harvest", "read"), anyof(core(["aggregate", "code"]), ai("any")),
  svc("rocketchat", "create"), unguarded(svc("rocketchat", "create")), order(svc("harvest", "read"), svc("rocketchat", "create")),
  EMAIL, guarded(EMAIL, ["hour", "total", "sum"]), SAT, NQ)
R("When a teacher drops a file into the OneDrive folder 'Worksheets', copy it to the 'Grade 5' folder on our shared Google Drive and tell the class channel in Teams a new worksheet is up. Ignore anything that isn't a PDF.",
  trig("app_event", "onedrive", "file"), GDRIVE_ADD, TEAMS,
  guarded(GDRIVE_ADD, ["pdf", "name", "mime", "extension", "type"]), guarded(TEAMS, ["pdf", "name", "mime", "extension", "type"]), SAT, NQ)
R("Every Monday at 10 get last week's gifts from the 'gifts' table in our Postgres, have AI write a short summary for the board, then email it to board@greenleaf.org and also save it as a Google Doc",
  trig("schedule"), sched(at="10:00", weekday="monday"), POSTGRES, ai("any"), EMAIL, svc("google_docs", "create"),
  order(POSTGRES, ai("any")), order(ai("any"), EMAIL), order(ai("any"), svc("google_docs", "create")), NQ)
R("intake form on our clinic site posts to a webhook, incl. insurance provider. respond 202 right away. if insurance is 'none' or missing -> create a self-pay quote in Invoice Ninja and email it to the patient; otherwise open a Zammad ticket so billing verifies the insurance",
  trig("webhook"), core("webhook_response", "202"), unguarded(core("webhook_response")),
  svc("invoice_ninja", "create"), svc("zammad", "create"), branches(svc("invoice_ninja", "create"), svc("zammad", "create")),
  guarded(svc("zammad", "create"), "insurance"), anyof(EMAIL, svc("invoice_ninja", text="email")), SAT, NQ)
R("New listing in our Airtable 'Listings' table → GPT writes a catchy caption → post it on our Facebook page and tweet it. Listings marked off-market must not be posted anywhere.",
  trig("app_event", "airtable", "record"), ai("any"), FB_POST, TWEET, order(ai("any"), FB_POST),
  guarded(FB_POST, ["market", "off"]), guarded(TWEET, ["market", "off"]), SAT, NQ)
R("When a Shopify order is fulfilled, look up the tracking status with GET https://api.trackingmore.example/v4/trackings/{tracking_number} and text it to the customer with Twilio, but only when it ships outside the EU (EU customers already get the carrier's email)",
  trig("app_event", "shopify", "fulfill"), http("trackingmore"), SMS, order(http("trackingmore"), SMS),
  guarded(SMS, ["country", "eu", "destination", "shipping"]), SAT, NQ)
R("each new expense receipt in the Box folder 'Receipts' -> AI extracts vendor, amount and VAT -> bill in QuickBooks. receipts up to 50 go straight in; above 50 the CFO has to approve in Slack first",
  trig("app_event", "box", "file"), ai("extract"), QB_ADD, order(ai("extract"), QB_ADD), SLACK_APPROVAL,
  guarded(SLACK_APPROVAL, "amount"), order(SLACK_APPROVAL, QB_ADD), {"path_avoiding": {"to": QB_ADD, "avoid": APPROVAL}}, SAT, NQ)
R("can you make me a chat bot for our family recipes? it should answer from the recipes in my Baserow table (in english or chinese) and remember what we talked about",
  trig("chat"), ai("any"), anyof(svc("baserow"), core(TOOLS, "baserow")), MEMORY, NQ)
R("On the 25th of each month at 10:00 get my Wise balance. If it's above 2,000 EUR, create a Wise transfer of 20% to my savings account; if not, just send me a Gotify note that I skipped this month.",
  trig("schedule"), sched(at="10:00"), svc("wise", "read"), svc("wise", "create"), GOTIFY,
  order(svc("wise", "read"), svc("wise", "create")), branches(svc("wise", "create"), GOTIFY),
  guarded(svc("wise", "create"), ["balance", "amount"]), SAT, NQ)

# ================================================================ creates, Chinese
R("WooCommerce来新订单的时候先在Google表格记一笔，然后分情况：\n- 金额两千块以上 → 钉钉通知老板\n- 两百到两千 → 企业微信发给客服\n- 两百以下啥也不用做",
  trig("app_event", "woocommerce", "order"), SHEETS_ADD, unguarded(SHEETS_ADD), DINGTALK, WECOM,
  branches(DINGTALK, WECOM), guarded(DINGTALK, ["total", "amount", "金额"]), guarded(WECOM, ["total", "amount", "金额"]), SAT, NQ)
R("Zendesk工单被标成已解决以后，等一天再用SendGrid给客户发满意度调查邮件。VIP客户（有vip标签的）除外，VIP的发到Slack让客户经理亲自跟进",
  trig("app_event", "zendesk", ["solved", "status"]), WAIT, SENDGRID, SLACK, order(WAIT, SENDGRID),
  branches(SENDGRID, SLACK), guarded(SENDGRID, ["tag", "vip"]), SAT, NQ)
R("每周五下午三点把Google表格“成绩”里这周的测验分数读出来，不及格（60分以下）的学生，一个一个用Twilio给家长发短信，及格的不用管",
  trig("schedule"), sched(at="15:00", weekday="friday"), SHEETS_READ, SMS, order(SHEETS_READ, SMS),
  guarded(SMS, ["score", "分数", "成绩", "grade"]), SAT, NQ)
R("学生在KoBoToolbox上交了作业问卷 → AI给开放题打分 → 分数写进Airtable“作业”表 → 再发封邮件告诉我",
  trig("app_event", "kobotoolbox", ["form", "submi"]), ai("any"), AIRTABLE_ADD, EMAIL,
  order(ai("any"), AIRTABLE_ADD), order(AIRTABLE_ADD, EMAIL), NQ)
R("捐款人在Stripe上付款成功后，把这笔捐款记到SeaTable里；如果是按月定期捐的（subscription），再把他加到Mailchimp的“月捐人”名单",
  trig(["app_event", "webhook"], "stripe", ["payment", "succeed", "invoice"]), SEATABLE_ADD, unguarded(SEATABLE_ADD),
  MAILCHIMP_ADD, guarded(MAILCHIMP_ADD, ["subscription", "recurring", "invoice", "定期"]), SAT, NQ)
R("病人在我们诊所网站上预约，会通过webhook传过来（姓名、手机、科室、时间）。牙科的在Google日历“牙科”日历里建日程，眼科的建在“眼科”日历，其他科室发邮件给前台 frontdesk@clinic.cn。最后都要回 {\"ok\":true}",
  trig("webhook"), GCAL_ADD, EMAIL, branches(GCAL_ADD, EMAIL), {"branch_count": {"min": 3}},
  guarded(GCAL_ADD, ["科室", "department", "dept"]), WEBHOOK_RESPONSE, SAT, NQ)
R("每天早上8点半从Zoho CRM拉昨天新增的买房线索，预算超过三百万的用企业微信推给高级经纪人，其余的发到飞书群里大家抢",
  trig("schedule"), sched(at="08:30"), svc("zoho_crm", "read"), WECOM, FEISHU, branches(WECOM, FEISHU),
  guarded(WECOM, ["budget", "预算"]), order(svc("zoho_crm", "read"), WECOM), SAT, NQ)
R("仓库扫码枪每扫一个包裹就调一次webhook（单号、重量、目的地）。先写进MySQL的parcels表；超过30公斤的再调 https://api.heavyfreight.example.cn/book 约大件车；最后返回 {\"saved\": true}",
  trig("webhook"), svc("mysql"), unguarded(svc("mysql")), http("heavyfreight"),
  guarded(http("heavyfreight"), ["weight", "重量", "kg"]), WEBHOOK_RESPONSE, SAT, NQ)
R("每月1号早上9点，从Xero拉出所有逾期没付的发票，逐张用Gmail给客户发催款邮件。逾期超过90天的，另外在Asana给法务建个任务",
  trig("schedule"), sched(at="09:00"), svc("xero", "read"), GMAIL, order(svc("xero", "read"), GMAIL),
  svc("asana", "create"), guarded(svc("asana", "create"), ["due", "day", "date", "overdue", "天"]), SAT, NQ)
R("我用Todoist管家务，每天晚上10点看看今天到期还没做完的任务，有的话Pushbullet提醒我一下，一条都没有就别发",
  trig("schedule"), sched(at="22:00"), svc("todoist", "read"), PUSHBULLET, order(svc("todoist", "read"), PUSHBULLET),
  either(guarded(PUSHBULLET), svc("todoist", "read", text=["today", "今天", "due", "overdue"])), NQ)
R("Gumroad上每卖出一单，就把买家邮箱加进ConvertKit的序列；买的是“摄影入门课”的，再用Mailgun给他发一封带课程群链接的邮件",
  trig("app_event", "gumroad", "sale"), svc("convertkit", "create"), unguarded(svc("convertkit", "create")),
  MAILGUN, guarded(MAILGUN, ["product", "摄影"]), SAT, NQ)
R("客户在Typeform提交需求单后，先发到Slack让总监审批。同意的话在monday.com建项目，并在Harvest里建客户；不同意就用Outlook回一封婉拒邮件",
  trig("app_event", "typeform", ["form", "submi"]), SLACK_APPROVAL, MONDAY_ADD, svc("harvest", "create"), OUTLOOK,
  branches(MONDAY_ADD, OUTLOOK), order(SLACK_APPROVAL, MONDAY_ADD), order(SLACK_APPROVAL, svc("harvest", "create")), NQ)
R("家长用Jotform给孩子报名暑期班，每班限30人。报名进来先查Postgres里这个班已经有几个人了：不满30就写进报名表、用Vonage发确认短信；满了就发邮件告诉家长已满，并把他加到Google表格的候补名单",
  trig("app_event", "jotform", ["form", "submi"]), POSTGRES, VONAGE, EMAIL, SHEETS_ADD, branches(VONAGE, EMAIL),
  branches(VONAGE, SHEETS_ADD), guarded(VONAGE, ["count", "人数", "total", "num", "30"]), SAT, NQ)
R("每周一早上9点读NocoDB里“志愿者排班”表这周的安排，给每个志愿者发条WhatsApp提醒他哪天值班",
  trig("schedule"), sched(at="09:00", weekday="monday"), svc("nocodb", "read"), WHATSAPP,
  order(svc("nocodb", "read"), WHATSAPP), NQ)
R("每天晚上8点从Google日历取出明天所有的预约，逐个给病人发LINE提醒；预约备注里写了“空腹”的，提醒里要加一句“检查前8小时请勿进食”",
  trig("schedule"), sched(at="20:00"), GCAL_READ, LINE, order(GCAL_READ, LINE),
  either(guarded(LINE, ["空腹", "note", "description", "备注"]), svc("line", "create", text="空腹"),
         core(["code", "set_fields", "text_template"], "空腹")), NQ)
R("房东在我们的表单里提交房源（地址、租金、照片链接）。先存进Baserow，再让AI写一段房源介绍，然后发到Facebook主页。租金低于1500的就别发Facebook了，存着就行",
  trig("form"), BASEROW_ADD, unguarded(BASEROW_ADD), ai("any"), FB_POST, order(ai("any"), FB_POST),
  order(BASEROW_ADD, FB_POST), guarded(FB_POST, ["rent", "租金", "price"]), SAT, NQ)
R("每小时查一次ServiceNow里分给“物流”组、状态还是New的事件，超过4小时都没人接的发PagerDuty告警",
  trig("schedule"), sched(every_minutes=60), svc("servicenow", "read"), PAGERDUTY_ADD,
  order(svc("servicenow", "read"), PAGERDUTY_ADD),
  either(guarded(PAGERDUTY_ADD, ["created", "opened", "hour", "time", "date"]), svc("servicenow", "read", text=["hour", "ago", "4"])), NQ)
R("PayPal有退款的时候，在QuickBooks里把对应的发票作废，然后钉钉告诉会计一声。退款超过一万的，作废之前先让财务经理邮件审批",
  trig("app_event", "paypal", "refund"), QB_VOID, DINGTALK, order(QB_VOID, DINGTALK), APPROVAL,
  guarded(APPROVAL, ["amount", "金额", "value"]), order(APPROVAL, QB_VOID), {"path_avoiding": {"to": QB_VOID, "avoid": APPROVAL}}, SAT, NQ)
R("帮我做个记账bot：我在Telegram上给它发“午饭 35”这种消息，它就解析出类别和金额，记进Notion的“账本”数据库，然后回我这个月一共花了多少",
  trig("app_event", "telegram", "message"), svc("notion", "create"), TELEGRAM, order(svc("notion", "create"), TELEGRAM),
  svc("notion", "read"), NQ)
R("每天凌晨两点把Shopify里库存少于5件的商品都找出来，每个商品给供应商发一封补货邮件，同时在Trello的“补货”列表建一张卡片",
  trig("schedule"), sched(at="02:00"), svc("shopify", "read"), EMAIL, TRELLO_ADD,
  order(svc("shopify", "read"), EMAIL), order(svc("shopify", "read"), TRELLO_ADD),
  either(guarded(EMAIL, ["inventory", "stock", "库存", "quantity"]), svc("shopify", "read", text=["inventory", "stock", "quantity"])), NQ)
R("客户网站挂了我们得第一时间知道：每5分钟用UptimeRobot查一下所有监控，状态是down的就用Twilio给值班的人打电话，同时在Zulip的#alerts里发消息，正常的不用管",
  trig("schedule"), sched(every_minutes=5), svc("uptime_robot", "read"), SMS, ZULIP,
  guarded(SMS, ["status", "down"]), guarded(ZULIP, ["status", "down"]), SAT, NQ)
R("开学前我手动跑一次就行：读Excel 365里的新生名单，逐个在Google联系人里建联系人，再把家长加进Mailchimp的“新生家长”受众",
  trig("manual"), svc("excel_365", "read"), svc("google_contacts", "create"), MAILCHIMP_ADD,
  order(svc("excel_365", "read"), svc("google_contacts", "create")), order(svc("excel_365", "read"), MAILCHIMP_ADD), NQ)
R("捐赠页面捐款后会调我们的webhook。调用 https://api.receipts.example.org/pdf 生成电子收据，PDF存进Google Drive的“收据”文件夹，再用Brevo发给捐赠人；匿名捐款（anonymous为true）只存档不发邮件",
  trig("webhook"), http("receipts.example.org"), GDRIVE_ADD, unguarded(GDRIVE_ADD), BREVO,
  order(http("receipts.example.org"), GDRIVE_ADD), order(GDRIVE_ADD, BREVO), guarded(BREVO, ["anonymous", "匿名"]), SAT, NQ)
R("每天早上7点用Perplexity搜一下昨天本地有没有“手足口病”的新闻，有的话总结成三句话发到诊所钉钉群，没有就不发",
  trig("schedule"), sched(at="07:00"), svc("perplexity"), DINGTALK, order(svc("perplexity"), DINGTALK),
  guarded(DINGTALK), SAT, NQ)
R("有人在Calendly上约看房时，在Google日历给对应的经纪人建个日程，顺便把看房人加进Copper联系人；他填的预算要是“500万以上”，再在Copper里建一个opportunity",
  trig("app_event", "calendly", "invitee"), GCAL_ADD, COPPER_ADD, unguarded(COPPER_ADD),
  svc("copper", "create", text="opportunity"), guarded(svc("copper", "create", text="opportunity"), ["budget", "预算"]), SAT, NQ)
R("司机每天下班前在表单里交当天里程和油费。每条都写进Smartsheet；油费超过五百的要车队主管邮件审批，批了才在QuickBooks里记费用，没批就发飞书消息告诉司机",
  trig("form"), SMARTSHEET_ADD, unguarded(SMARTSHEET_ADD), APPROVAL, guarded(APPROVAL, ["油费", "fuel", "amount", "cost"]),
  QB_ADD, order(APPROVAL, QB_ADD), FEISHU, branches(QB_ADD, FEISHU), SAT, NQ)
R("每周一早上用Snowflake跑一下上周收入的查询，让AI写成一段中文周报，发到Microsoft Teams的“财务”频道，同时在SharePoint里存一份",
  trig("schedule"), sched(weekday="monday"), svc("snowflake"), ai("any"), TEAMS, SHAREPOINT_ADD,
  order(svc("snowflake"), ai("any")), order(ai("any"), TEAMS), NQ)
R("我订的播客RSS https://feeds.example.fm/tech 一出新一期，就用OpenAI把音频转成文字，总结一下要点，存成一个Google Docs文档",
  trig("rss"), svc("openai"), ai("summarize"), svc("google_docs", "create"), order(svc("openai"), svc("google_docs", "create")), NQ)

# ================================================================ vague: the right answer is a question
R("can u set up the invoice thing for my shop",
  asks("which", "what", "invoice", "shop", "platform", "app", "when"))
R("help me automate the school newsletter stuff pls",
  asks("which", "what", "newsletter", "where", "how", "send", "who"))
R("帮我把客户跟进自动化一下",
  asks("什么", "哪", "客户", "跟进", "which", "what", "crm"))
R("诊所那边的提醒能不能自动发？",
  asks("什么", "哪", "提醒", "谁", "何时", "什么时候", "which", "what", "when"))

# ================================================================ edits of a prior (P1–P20, each once)
R("swap the summarizer for Claude and have it write the summary in Chinese, rest stays",
  CLAUDE, removed(core("summarizer")), order(CLAUDE, SLACK), order(http("api.example.com"), CLAUDE),
  kept("n1", "n2", "n4"), NQ, prior=P1)
R("don't log leads with an @acme.io email, that's just us testing the form",
  guarded(SHEETS_ADD, ["email", "acme"]), kept("n1", "n2", "n3"), SAT, NQ, prior=P2)
R("monday那一步只在问题类型是Bug的时候才建，Slack消息还是每个问题都发",
  guarded(MONDAY_ADD, ["type", "bug", "类型"]), unguarded(SLACK), kept("n1", "n2", "n3"), SAT, NQ, prior=P3)
R("check every 20 minutes but only between 8am and midnight, I don't want emails at 3am",
  either(sched(every_minutes=20), trigger_text("*/20")),
  either(guarded(EMAIL, ["hour", "time", "now"]), trigger_text(["8-23", "8-0"])), kept("n2", "n3", "n4"), NQ, prior=P4)
R("账单类邮件不要在Zendesk建工单了，改成在Freshdesk建，其他不变",
  svc("freshdesk", "create"), removed(ZENDESK_ADD), guarded(svc("freshdesk", "create")),
  kept("n1", "n2", "n3", "n5"), NQ, prior=P5)
R("swap the order: tell #orders on Slack first, then log it in the sheet",
  order(SLACK, SHEETS_ADD), kept("n1", "n2", "n3"), NQ, prior=P6)
R("周末就别发钉钉了，工作日照常",
  either(guarded(DINGTALK, ["day", "week", "周"]), trigger_text(["1-5", "mon-fri"])), DINGTALK, kept("n2", "n3"), NQ, prior=P7)
R("if a negative ticket comes from a VIP customer (tag 'vip'), also push it to the duty manager on Pushover",
  PUSHOVER, guarded(PUSHOVER, ["tag", "vip"]), guarded(PUSHOVER, ["sentiment", "negative"]),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P8)
R("感谢邮件改用Mailgun发；另外预算低于5000的就别在HubSpot建联系人了，感谢邮件还是人人都发",
  MAILGUN, removed(core("send_email")), unguarded(MAILGUN), guarded(svc("hubspot"), ["budget", "预算"]),
  kept("n1", "n2"), SAT, NQ, prior=P9)
R("For critical alerts, wait 5 minutes and re-check the alert at GET https://alerts.example.com/api/alerts/{id} before texting; only text if it's still firing",
  WAIT, http("alerts.example.com"), order(WAIT, http("alerts.example.com")), order(http("alerts.example.com"), SMS),
  guarded(SMS, ["status", "firing", "state", "resolved"]), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P10)
R("Discord那条改成发到Zulip的announce流",
  ZULIP, removed(DISCORD), kept("n1"), NQ, prior=P11)
R("also put each summary on our Wekan 'Reading' board as a card, but only for posts longer than 1000 words. telegram keeps getting all of them",
  svc("wekan", "create"), guarded(svc("wekan", "create"), ["word", "length", "content", "count"]), unguarded(TELEGRAM),
  order(ai("summarize"), svc("wekan", "create")), kept("n1", "n2", "n3"), SAT, NQ, prior=P12)
R("审批人换成校长 principal@school.cn；被拒的时候除了发邮件，也在钉钉群里说一声",
  {"approval": True, "text": "principal@school.cn"}, absent({"approval": True, "text": "manager@acme.io"}),
  DINGTALK, order(APPROVAL, DINGTALK), branches(AIRTABLE_ADD, DINGTALK), kept("n1", "n3", "n4"), NQ, prior=P13)
R("不要只提醒待跟进的了，状态是“待跟进”或者“已看房”的客户都要提醒",
  either({"condition_node": True, "text": "已看房"}, svc("google_sheets", "read", text="已看房")),
  guarded(FEISHU, ["status", "状态"]), kept("n1", "n2", "n4"), SAT, NQ, prior=P14)
R("If the signup's country isn't US or CA (we can't serve them), respond 422 and don't save them or add them to Mailchimp",
  core("webhook_response", "422"), branches(POSTGRES, core("webhook_response", "422")), guarded(POSTGRES, "country"),
  guarded(svc("mailchimp"), "country"), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P15)
R("改成每周五下午5点半跑；发Teams之前先让AI把统计写成一段话",
  sched(at="17:30", weekday="friday"), ai("any"), order(ai("any"), TEAMS), order(core("aggregate"), ai("any")),
  kept("n2", "n3", "n4"), NQ, prior=P16)
R("we moved to SeaTable, so log contracts there instead of the Google Sheet. and leases over $5k a month should also become a deal in Pipedrive",
  SEATABLE_ADD, removed(SHEETS_ADD), unguarded(SEATABLE_ADD), PIPEDRIVE_ADD,
  guarded(PIPEDRIVE_ADD, ["amount", "rent", "month"]), order(ai("extract"), PIPEDRIVE_ADD), kept("n1", "n2"), SAT, NQ, prior=P17)
R("只有名字里带“订单”的工作流出错才发Slack，其他工作流出错发邮件给我就行",
  EMAIL, branches(SLACK, EMAIL), guarded(SLACK, ["name", "订单", "workflow"]), kept("n1", "n2"), SAT, NQ, prior=P18)
R("make it three ways instead: 80+ -> Salesforce, 50-79 -> add them to a lemlist campaign, under 50 -> nothing",
  svc("lemlist", "create"), branches(svc("salesforce"), svc("lemlist", "create")), guarded(svc("lemlist", "create"), "score"),
  {"condition_node": True, "text": ["80", "79"]}, absent({"condition_node": True, "text": "70"}), kept("n1", "n2", "n4"), SAT, NQ, prior=P19)
R("不用再传Dropbox了，改成存到我家里的Nextcloud（/备份/notion），而且每周日凌晨2点跑一次就够",
  svc("nextcloud", "create"), removed(svc("dropbox")), order(svc("notion", "read"), svc("nextcloud", "create")),
  sched(at="02:00", weekday="sunday"), kept("n2"), NQ, prior=P20)


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
