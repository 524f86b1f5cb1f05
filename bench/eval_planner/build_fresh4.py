"""Builds ``requests_fresh4.jsonl``: a fourth fresh held-out set for the planner, written blind.

80 new requests (ids ``i000``–``i079``, ``"split": "fresh4"``), written on 2026-12-06 (between
22:04 and 22:50 UTC) by a helper session under the blind rules of docs/evaluation.md: it did not
read the planner's code or tests (``src/flowsmith/planner/``, ``src/flowsmith/agent/``,
``tests/planner/``, ``tests/agent/``, ``ops_sweep.py``, ``op_choice.py``, ``service_words.py``),
did not open the other fresh sets or their builders (except ``build_fresh2.py``, the format
model) or any run output, and never ran the planner, the server or ``run.py``. It read only
``build_set.py``, ``build_fresh2.py``, ``checks.py``, ``test_fresh_set.py``,
docs/evaluation.md and the catalog (so that selectors name real apps and operations).

Theme: small businesses and operations people (shops, agencies, clinics, schools, restaurants,
SaaS customer support, sales and finance teams, HR and recruiting). Each request was written
first, as such a user would type it, then its checks from what a demanding user would want, no
stricter and no looser than the request; ``anyof``/``either`` where several graphs are equally
right. The helpers and the priors P1–P20 are those of ``build_set.py``.

    .venv/bin/python bench/eval_planner/build_fresh4.py   # rewrites requests_fresh4.jsonl
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
    ASANA_ADD,
    CLICKUP_ADD,
    DINGTALK,
    DISCORD,
    DROPBOX_UP,
    EMAIL,
    FEISHU,
    HUBSPOT_ADD,
    JIRA_ADD,
    LINEAR_ADD,
    MAILCHIMP_ADD,
    MONDAY_ADD,
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
    PIPEDRIVE_ADD,
    POSTGRES,
    SAT,
    SF_ADD,
    SHEETS_ADD,
    SLACK,
    SMS,
    TEAMS,
    TELEGRAM,
    TOP_TEN,
    UNCHANGED,
    WAIT,
    WECOM,
    ZENDESK_ADD,
    ai,
    anyof,
    asks,
    avoiding,
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

OUT = HERE / "requests_fresh4.jsonl"
SPLIT = "fresh4"
PREFIX = "i"

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))








CLAUDE = anyof(svc("anthropic"), {"ai": "any", "text": "claude"})
GCAL_ADD = svc("google_calendar", "create")
WHATSAPP = svc("whatsapp", "create")
MATTERMOST = svc("mattermost", "create")
FRESHDESK_ADD = svc("freshdesk", "create")
PUSHOVER = svc("pushover", "create")
PUSHBULLET = svc("pushbullet", "create")
ZULIP = svc("zulip", "create")
VONAGE = svc("vonage", "create")
ZOHO_ADD = svc("zoho_crm", "create")
QB_ADD = svc("quickbooks", "create")
EXCEL_ADD = svc("excel_365", "create")
MAILER = svc(["sendgrid", "mailgun", "brevo", "mailjet"], "create")
TRANSLATE = anyof(ai("translate"), svc(["deepl", "google_translate"]))
SUM = anyof(core(["aggregate", "code"]), ai("any"))


# ================================================================ creates, English
R("Every weekday at 7am pull today's appointments from our Cal.com and text each patient a reminder through Vonage",
  trig("schedule"), sched(at="07:00", weekday="monday"), svc("cal_com", "read"), VONAGE,
  order(svc("cal_com", "read"), VONAGE), NQ)
R("When we get a Square payment at the bakery, append it to the 'Takings' worksheet in Excel 365. If the amount is over $300 also ping me on Pushover — big orders usually mean a catering job.",
  trig("app_event", "square", "payment"), EXCEL_ADD, unguarded(EXCEL_ADD), PUSHOVER,
  guarded(PUSHOVER, ["amount", "total", "money"]), SAT, NQ)
R("Table reservations come in through a Jotform. Parties of 8 or more -> email events@trattoria-nonna.com so the manager calls them back. Anything smaller just goes straight onto the 'Tables' Google Calendar.",
  trig("app_event", "jotform", ["form", "submi"]), EMAIL, GCAL_ADD, branches(EMAIL, GCAL_ADD),
  guarded(EMAIL, ["party", "guest", "people", "size", "number"]), SAT, NQ)
R("fridays 2pm: take whatever is in the Google Doc 'Class 5B - this week' and send it to the parents list as a Mailchimp campaign",
  trig("schedule"), sched(at="14:00", weekday="friday"), svc("google_docs", "read"), svc("mailchimp", "create"),
  order(svc("google_docs", "read"), svc("mailchimp", "create")), NQ)
R("When a customer leaves a satisfaction rating in Help Scout: 'not good' ratings should create an Asana task for our support lead and get posted in Mattermost #cx. 'Great' ratings go into the Testimonials table in Baserow. 'Okay' ones can be ignored.",
  trig("app_event", "help_scout", ["satisfaction", "rating"]), ASANA_ADD, MATTERMOST, svc("baserow", "create"),
  branches(ASANA_ADD, svc("baserow", "create")), branches(MATTERMOST, svc("baserow", "create")),
  guarded(ASANA_ADD, "rating"), guarded(svc("baserow", "create"), "rating"), SAT, NQ)
R("Once a deal in Pipedrive is marked won, please create that customer as a contact in Xero and raise a draft invoice for the deal value.",
  trig("app_event", "pipedrive", "deal"), svc("xero", "create"),
  either(guarded(svc("xero", "create"), ["status", "won", "stage"]), trigger_text("won")), NQ)
R("Candidates apply through the Typeform on our careers page. Use AI to pull out name, email, the role and years of experience and add them to the Candidates table in Airtable. Anyone with under 2 years also gets a kind 'not right now' email from Mailjet.",
  trig("app_event", "typeform", ["form", "submi"]), ai("extract"), AIRTABLE_ADD, unguarded(AIRTABLE_ADD),
  svc("mailjet", "create"), guarded(svc("mailjet", "create"), ["experience", "year"]),
  order(ai("extract"), svc("mailjet", "create")), SAT, NQ)
R("On the 1st of each month at 8:00 get all unpaid invoices from Invoice Ninja and send a payment reminder to every client whose invoice is more than 30 days overdue",
  trig("schedule"), sched(at="08:00"), svc("invoice_ninja", "read"),
  anyof(EMAIL, MAILER, svc("invoice_ninja", text="email")),
  guarded(anyof(EMAIL, MAILER, svc("invoice_ninja", text="email")), ["due", "date", "days", "overdue"]), SAT, NQ)
R("monday 9:30 - pull last week's Harvest hours, total them per client and post that in our 'Account managers' channel in Teams",
  trig("schedule"), sched(at="09:30", weekday="monday"), svc("harvest", "read"), SUM, TEAMS,
  order(svc("harvest", "read"), TEAMS), NQ)
R("Our studio website calls a webhook whenever someone cancels a yoga class booking. If fewer than 4 people are still booked after that, delete the class's Zoom meeting and text the teacher through MessageBird. Either way reply 200 to the webhook.",
  trig("webhook"), svc("zoom", "delete"), svc("messagebird", "create"), core("webhook_response"),
  guarded(svc("zoom", "delete"), ["book", "count", "attendee", "spots", "people"]), guarded(svc("messagebird", "create")),
  avoiding(core("webhook_response"), svc("zoom", "delete")), SAT, NQ)
R("If any of our automations crash, open a ticket in Freshservice for the IT guy with the workflow name and the error message",
  trig("error"), svc("freshservice", "create"), NQ)
R("I'd like a chat assistant for the front desk at our dental clinic that can look at the clinic Google Calendar for free slots and book appointments into it",
  trig("chat"), ai("agent"), svc("google_calendar"), NQ)
R("End of term button: read every student from the 'Enrolments' table in SeaTable and add their parent as a contact in Brevo",
  trig("manual"), svc("seatable", "read"), svc("brevo", "create"), order(svc("seatable", "read"), svc("brevo", "create")), NQ)
R("Purchase orders from our wholesale buyers arrive as PDFs in the orders@ Outlook mailbox. Have AI read out the products and quantities and create the order in WooCommerce; if it can't find any products, just forward the email to me.",
  trig(["email", "app_event"]), ai("extract"), svc("woocommerce", "create"), EMAIL,
  branches(svc("woocommerce", "create"), EMAIL), order(ai("extract"), svc("woocommerce", "create")), SAT, NQ)
R("every 20 minutes look in Zendesk for urgent tickets no one has picked up yet and push them to the support manager's phone with Pushbullet",
  trig("schedule"), sched(every_minutes=20), svc("zendesk", "read"), PUSHBULLET,
  either(guarded(PUSHBULLET, ["assign", "priority", "urgent"]), svc("zendesk", "read", ["urgent", "assign"])),
  order(svc("zendesk", "read"), PUSHBULLET), NQ)
R("When a candidate books an interview slot on Calendly, create a Zoom meeting, email the link to both the candidate and the hiring manager, and add a row to our Smartsheet hiring tracker.",
  trig("app_event", "calendly", "invitee"), svc("zoom", "create"), EMAIL, svc("smartsheet", "create"),
  order(svc("zoom", "create"), EMAIL), NQ)
R("Shopify order fulfilled -> wait 10 days -> WhatsApp the customer asking for a review. Only customers who accepted marketing though!!",
  trig("app_event", "shopify", "fulfil"), WAIT, WHATSAPP, order(WAIT, WHATSAPP),
  guarded(WHATSAPP, ["marketing", "accept", "consent", "opt"]), SAT, NQ)
R("When a Stripe invoice payment fails, look the customer up in Salesforce. Enterprise accounts: tell the account owner in Slack. Everyone else: send them an 'update your card' email via SendGrid.",
  trig("app_event", "stripe", "fail"), svc("salesforce", "read"), SLACK, svc("sendgrid", "create"),
  branches(SLACK, svc("sendgrid", "create")), order(svc("salesforce", "read"), SLACK), SAT, NQ)
R("New patient intake form submitted on Form.io -> translate the free-text 'symptoms' answer to English with DeepL and save the whole submission in our Supabase patients table",
  trig("app_event", "formio", "submission"), svc("deepl"), svc("supabase", "create"),
  order(svc("deepl"), svc("supabase", "create")), NQ)
R("Sort every email that comes into our Gmail support inbox with AI: refund requests become Freshdesk tickets, bug reports become Linear issues, and sales questions become leads in Zoho CRM.",
  trig(["email", "app_event"]), ai("classify"), FRESHDESK_ADD, LINEAR_ADD, ZOHO_ADD,
  branches(FRESHDESK_ADD, LINEAR_ADD, ZOHO_ADD), {"branch_count": {"min": 3}}, NQ)
R("Need an endpoint our in-store kiosk can call with a loyalty card number. Look the card up in MySQL and respond with the points balance; when the card doesn't exist respond 404.",
  trig("webhook"), svc("mysql"), core("webhook_response", "404"),
  branches(core("webhook_response", "404"), core("webhook_response")), order(svc("mysql"), core("webhook_response", "404")), SAT, NQ)
R("Sundays at 6pm get next week's shifts from the rota table in our Postgres db and send every staff member their own shifts on Telegram",
  trig("schedule"), sched(at="18:00", weekday="sunday"), POSTGRES, TELEGRAM, order(POSTGRES, TELEGRAM), NQ)
R("Every night at 23:30 read the stock counts from our Grist inventory. Anything below its par level gets emailed as an order to orders@freshproduce.co; if nothing is below par don't send anything.",
  trig("schedule"), sched(at="23:30"), svc("grist", "read"), EMAIL,
  guarded(EMAIL, ["par", "stock", "count", "qty", "quantity"]), order(svc("grist", "read"), EMAIL), SAT, NQ)
R("when a lemlist lead is marked interested make a deal in pipedrive and tell the sales room on rocket.chat",
  trig("app_event", "lemlist", "interest"), PIPEDRIVE_ADD, svc("rocketchat", "create"), NQ)
R("Our clients approve designs by moving the Trello card into the 'Approved' list. When that happens please create an invoice for that client in QuickBooks.",
  trig("app_event", "trello"), QB_ADD,
  either(guarded(QB_ADD, ["list", "approved"]), trigger_text("approved")), NQ)
R("Parent survey answers come in via KoboToolbox. Every answer should be stored in BigQuery for the yearly report, and if the parent asked for a call back, create a Google Tasks to-do for the school office.",
  trig("app_event", "kobotoolbox", "form"), svc("bigquery", "create"), unguarded(svc("bigquery", "create")),
  svc("google_tasks", "create"), guarded(svc("google_tasks", "create"), ["call"]), SAT, NQ)
R("New Chargebee subscription: if the plan is Team or Business, create a lead in Salesforce and a ClickUp task for an AE to reach out. Solo plan signups just get added to the onboarding list in ActiveCampaign.",
  trig("app_event", "chargebee", "subscription"), SF_ADD, CLICKUP_ADD, svc("activecampaign", "create"),
  branches(SF_ADD, svc("activecampaign", "create")), branches(CLICKUP_ADD, svc("activecampaign", "create")),
  guarded(SF_ADD, "plan"), SAT, NQ)
R("Make a little form for gym members to report broken equipment (machine, where it is, how bad). If they say it's dangerous, text the duty manager through Twilio right away. Every report also becomes a card on our Wekan 'Maintenance' board.",
  trig("form"), SMS, guarded(SMS, ["danger", "bad", "severity"]), svc("wekan", "create"),
  unguarded(svc("wekan", "create")), SAT, NQ)

# ================================================================ creates, Chinese
R("每天早上9点把昨天Shopify的订单汇总一下（单数和销售额），发到钉钉老板群",
  trig("schedule"), sched(at="09:00"), svc("shopify", "read"), SUM, DINGTALK,
  order(svc("shopify", "read"), DINGTALK), NQ)
R("帮我做一个洗牙预约表单（姓名、电话、日期、项目）。选周末的发邮件给前台 front@smile-dental.cn 人工确认，选工作日的直接在谷歌日历上建预约",
  trig("form"), EMAIL, GCAL_ADD, branches(EMAIL, GCAL_ADD),
  guarded(EMAIL, ["date", "day", "日期", "周", "week"]), SAT, NQ)
R("每天晚上10点半从Square拉当天的订单，按菜品统计卖了多少份，写进Excel 365的“销量”表",
  trig("schedule"), sched(at="22:30"), svc("square", "read"), anyof(core(["aggregate", "code"]), ai("any")), EXCEL_ADD,
  order(svc("square", "read"), EXCEL_ADD), NQ)
R("学生在谷歌表单上交作业以后，让AI先给个初评分，低于60分的在企业微信上提醒任课老师关注一下",
  trig("app_event", "google_forms", "form"), ai("any"), WECOM, guarded(WECOM, ["score", "分"]),
  order(ai("any"), WECOM), SAT, NQ)
R("HR在Notion“入职”数据库里新加一条记录后，自动在谷歌日历上给新人约一个第一天的欢迎会，同时用Twilio把入职须知短信发给他",
  trig("app_event", "notion", "page"), GCAL_ADD, svc("twilio", "create"), NQ)
R("每月1号上午9点，从Xero拉上个月所有没付的发票：金额超过5万的在飞书上提醒财务总监，其余的汇总成一封邮件发给会计",
  trig("schedule"), sched(at="09:00"), svc("xero", "read"), FEISHU, EMAIL, branches(FEISHU, EMAIL),
  guarded(FEISHU, ["amount", "total", "金额"]), order(svc("xero", "read"), FEISHU), SAT, NQ)
R("Zendesk工单变成已解决之后，等一天再给客户发一封邮件，请他填满意度调查",
  trig("app_event", "zendesk", ["solved", "status"]), WAIT, EMAIL, order(WAIT, EMAIL), NQ)
R("HubSpot里新建交易：金额10万以上的先在Slack上让销售总监审批，批了就在QuickBooks开发票，没批就发邮件告诉销售；10万以下的直接开发票。",
  trig("app_event", "hubspot", "deal"), APPROVAL, QB_ADD, EMAIL, guarded(APPROVAL, "amount"),
  branches(QB_ADD, EMAIL), avoiding(QB_ADD, APPROVAL), order(APPROVAL, EMAIL), SAT, NQ)
R("病人在WhatsApp上发消息，用AI判断一下是不是急症：是急症就用Twilio马上给值班医生打电话，不是就自动回复我们的门诊时间",
  trig("app_event", "whatsapp", "message"), ai("any"), svc("twilio", "create"), WHATSAPP,
  branches(svc("twilio", "create"), WHATSAPP), order(ai("any"), svc("twilio", "create")), NQ)
R("WooCommerce来新订单时：金额超过2000块的发企业微信给店长让他亲自打包；海外订单（国家不是中国）用Mailgun给客户发一封英文的物流说明",
  trig("app_event", "woocommerce", "order"), WECOM, svc("mailgun", "create"),
  guarded(WECOM, ["total", "amount", "金额"]), guarded(svc("mailgun", "create"), ["country", "国家"]), SAT, NQ)
R("facebook线索广告有新线索进来 → 加到Keap联系人 → 再在LINE上通知业务员跟进",
  trig("app_event", "facebook", "lead"), svc("keap", "create"), svc("line", "create"), NQ)
R("每隔15分钟调一次我们网店的库存接口 https://shop.example.cn/api/stock ，哪个商品库存是0就在Microsoft To Do里给采购建个任务",
  trig("schedule"), sched(every_minutes=15), http("shop.example.cn"), svc("microsoft_todo", "create"),
  guarded(svc("microsoft_todo", "create"), ["stock", "库存", "qty", "quantity"]),
  order(http("shop.example.cn"), svc("microsoft_todo", "create")), SAT, NQ)
R("招聘邮箱收到简历后，用Claude把姓名、电话、工作年限提取出来存到NocoDB的候选人表，工作年限5年以上的再用Pushover通知我一下",
  trig(["email", "app_event"]), CLAUDE, svc("nocodb", "create"), unguarded(svc("nocodb", "create")), PUSHOVER,
  guarded(PUSHOVER, ["year", "年限", "experience"]), order(CLAUDE, svc("nocodb", "create")), SAT, NQ)
R("我们所有的自动化流程只要有报错，就往飞书运维群里发一条消息，再在Jira里建个bug",
  trig("error"), FEISHU, JIRA_ADD, NQ)
R("给我们英语培训学校做个在线客服机器人，回答课程和价格的问题，要记得上下文。课程资料都在 https://school.example.cn/courses",
  trig("chat"), ai("agent"), core(["buffer_memory", "redis_memory", "postgres_memory", "n8n_memory"]), NQ)
R("手动点一下就把Copper里所有公司导出来，存成CSV放到Google Drive备份",
  trig("manual"), svc("copper", "read"), svc("google_drive", "create"),
  order(svc("copper", "read"), svc("google_drive", "create")), NQ)
R("每天下午6点读一下Airtable里今天的上课签到记录：缺勤的学生用Vonage给家长发短信，迟到的记到Coda的“迟到”表，正常到的就不用管了",
  trig("schedule"), sched(at="18:00"), svc("airtable", "read"), VONAGE, svc("coda", "create"),
  branches(VONAGE, svc("coda", "create")), guarded(VONAGE, ["status", "状态", "缺勤", "absent", "attendance"]),
  guarded(svc("coda", "create"), ["status", "状态", "迟到", "late", "attendance"]), SAT, NQ)
R("PayPal有付款到账(captured)，就在Invoice Ninja里登记一笔收款",
  trig("app_event", "paypal", ["payment", "captur"]), svc("invoice_ninja", "create"), NQ)
R("财务邮箱收到标题里带“发票”的邮件，就把附件存到OneDrive的“发票/2027”文件夹，别的邮件不用管",
  trig(["email", "app_event"]), svc("onedrive", "create"),
  either(guarded(svc("onedrive", "create"), ["subject", "发票"]), trigger_text("发票")), NQ)
R("收银系统每次退款都会调我们的webhook。退款超过500元的先发邮件给店长审批，审批通过再调用 https://pos.example.cn/api/refund 执行退款，不通过就把这条记录写进MySQL；500元以内的直接退。",
  trig("webhook"), APPROVAL, http("pos.example.cn"), svc("mysql"), guarded(APPROVAL, ["amount", "金额"]),
  avoiding(http("pos.example.cn"), APPROVAL), branches(http("pos.example.cn"), svc("mysql")),
  order(APPROVAL, svc("mysql")), SAT, NQ)
R("每周五17:30从Toggl拉这周每个人的工时，不到40小时的人名单发到钉钉HR群",
  trig("schedule"), sched(at="17:30", weekday="friday"), svc("toggl", "read"), DINGTALK,
  guarded(DINGTALK, ["hour", "duration", "工时", "小时", "40"]), order(svc("toggl", "read"), DINGTALK), SAT, NQ)
R("Zammad有新工单，用AI或者翻译工具翻成中文，然后转到Mattermost的客服频道",
  trig("app_event", "zammad"), TRANSLATE, MATTERMOST, order(TRANSLATE, MATTERMOST), NQ)
R("每学期开学前我手动跑一次：从Excel 365的新生名单里读出学生，在谷歌通讯录里给每个人建联系人",
  trig("manual"), svc("excel_365", "read"), svc("google_contacts", "create"),
  order(svc("excel_365", "read"), svc("google_contacts", "create")), NQ)
R("每天早上8点搜一下Reddit上有没有人提到我们餐厅“Lotus Kitchen”，用AI判断好评还是差评，差评就用Gotify推给我",
  trig("schedule"), sched(at="08:00"), svc("reddit", "read"), ai("sentiment"), svc("gotify", "create"),
  guarded(svc("gotify", "create"), ["sentiment", "negative", "差评", "label", "category"]),
  order(ai("sentiment"), svc("gotify", "create")), SAT, NQ)
R("Copper里一有新商机，就让Perplexity查一下这家公司的背景资料，整理好发邮件给我",
  trig("app_event", "copper", "opportunit"), svc("perplexity"), EMAIL, order(svc("perplexity"), EMAIL), NQ)
R("Twilio号码收到短信：内容是“退订”的，在ActiveCampaign里给这个联系人打上退订标签；内容是“预约”的，回一条带预约链接的短信；其他的在Help Scout里建一个对话让客服处理",
  trig("app_event", "twilio", "sms"), svc("activecampaign", ["create", "update"]), svc("twilio", "create"),
  svc("help_scout", "create"), branches(svc("activecampaign"), svc("twilio", "create"), svc("help_scout", "create")),
  guarded(svc("activecampaign"), ["body", "text", "content", "退订", "message"]), {"branch_count": {"min": 3}}, SAT, NQ)
R("每6个小时从Magento拉一下还没发货的订单，下单超过48小时还没发的在Teams里提醒仓库",
  trig("schedule"), sched(every_minutes=360), svc("magento", "read"), TEAMS,
  either(guarded(TEAMS, ["created", "date", "time", "hour", "时间"]), svc("magento", "read", ["created", "date"])),
  order(svc("magento", "read"), TEAMS), NQ)
R("每天早上8点查一下Wise各个币种的余额，记到Baserow表里；欧元余额不到1万的时候再用Pushbullet提醒我",
  trig("schedule"), sched(at="08:00"), svc("wise", "read"), svc("baserow", "create"), unguarded(svc("baserow", "create")),
  PUSHBULLET, guarded(PUSHBULLET, ["balance", "amount", "余额", "eur", "value"]), SAT, NQ)

# ================================================================ vague: the right answer is a question
R("could you set something up for our new hires?",
  asks("what", "which", "hire", "onboard", "tool", "when", "how"))
R("We keep getting no-shows, can you fix that with an automation",
  asks("what", "which", "where", "how", "booking", "appointment", "remind", "calendar", "tool"))
R("帮我把客户消息自动处理一下",
  asks("什么", "哪", "渠道", "怎么", "如何", "处理", "which", "what"))
R("财务这块能自动化吗",
  asks("什么", "哪", "哪些", "具体", "财务", "which", "what"))

# ================================================================ edits of a prior (P1–P20)
R("The sales team moved off Slack — post the summary to our Microsoft Teams channel instead",
  TEAMS, removed(SLACK), order(ai("summarize"), TEAMS), kept("n1", "n2", "n3"), NQ, prior=P1)
R("除了发邮件给我，也把线索加到Keap里；预算超过1万的再用短信通知一下销售",
  svc("keap", "create"), SMS, guarded(SMS, ["budget", "预算"]), kept("n1", "n2", "n3"), SAT, NQ, prior=P2)
R("only bugs should end up in monday, not stories or tasks. the slack ping stays for every issue",
  guarded(MONDAY_ADD, ["type", "bug"]), unguarded(SLACK), kept("n1", "n2", "n3"), SAT, NQ, prior=P3)
R("改成每30分钟检查一次吧，一小时太慢了",
  sched(every_minutes=30), kept("n2", "n3", "n4"), NQ, prior=P4)
R("Please add a third category, 'sales'. Those emails should create a person in Pipedrive.",
  svc("pipedrive", "create"), guarded(svc("pipedrive", "create")), branches(svc("pipedrive", "create"), ZENDESK_ADD),
  branches(svc("pipedrive", "create"), svc("jira", "create")), kept("n1", "n2", "n3", "n4", "n5"), NQ, prior=P5)
R("订单金额超过1000的，再用WhatsApp通知一下老板",
  WHATSAPP, guarded(WHATSAPP, ["total", "price", "amount", "金额"]), unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P6)
R("for the negative ones also text the support manager with Vonage, keep the WeCom alert",
  VONAGE, guarded(VONAGE, ["sentiment", "negative"]), WECOM, kept("n1", "n2", "n3", "n4"), NQ, prior=P8)
R("表单里预算低于5000的不用进HubSpot了，只发感谢邮件就行",
  guarded(HUBSPOT_ADD, ["budget", "预算"]), avoiding(EMAIL, HUBSPOT_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P9)
R("Warnings (severity = warning) should open an Opsgenie alert instead of going to Slack. Critical stays SMS, everything else stays Slack.",
  svc("opsgenie", "create"), guarded(svc("opsgenie", "create"), "severity"),
  branches(svc("opsgenie", "create"), SLACK), branches(svc("opsgenie", "create"), SMS), branches(SMS, SLACK),
  {"branch_count": {"min": 3}}, kept("n1", "n3", "n4"), SAT, NQ, prior=P10)
R("不发Discord了，改成发到Zulip的“社区”频道",
  ZULIP, removed(DISCORD), kept("n1"), NQ, prior=P11)
R("only send me posts whose title mentions pricing or release, the rest is noise",
  guarded(TELEGRAM, ["title", "pricing", "release"]), kept("n1", "n2", "n3"), SAT, NQ, prior=P12)
R("批准以后，除了在Airtable建采购单，还要在QuickBooks里建一张账单",
  QB_ADD, guarded(QB_ADD), order(APPROVAL, QB_ADD), branches(QB_ADD, EMAIL), kept("n1", "n2", "n3", "n4"), NQ, prior=P13)
R("Can the account owner get the same reminder by email too? Feishu only isn't enough",
  EMAIL, FEISHU, guarded(EMAIL, ["status", "待跟进"]), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P14)
R("注册邮箱如果是公司邮箱（不是qq、163、gmail这种），再在Salesforce里建一个线索",
  SF_ADD, guarded(SF_ADD, ["email", "qq", "163", "gmail", "domain"]), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P15)
R("move this to monday mornings 8:30 pls",
  sched(at="08:30", weekday="monday"), kept("n2", "n3", "n4"), NQ, prior=P16)
R("合同金额超过100万的，另外发邮件给法务总监 legal@corp.cn 审阅一下",
  EMAIL, guarded(EMAIL, ["amount", "金额"]), unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P17)
R("Also open a PagerDuty incident, but only at night (10pm to 7am). During the day the Slack message is enough.",
  svc("pagerduty", "create"), guarded(svc("pagerduty", "create"), ["hour", "time", "now"]), unguarded(SLACK),
  kept("n1", "n2"), SAT, NQ, prior=P18)
R("分数不到70的线索也别扔掉，加到Mailchimp的培育列表里",
  MAILCHIMP_ADD, branches(SF_ADD, MAILCHIMP_ADD), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P19)
R("Upload to OneDrive rather than Dropbox please",
  svc("onedrive", "create"), removed(DROPBOX_UP), order(svc("notion", "read"), svc("onedrive", "create")),
  kept("n1", "n2"), NQ, prior=P20)
R("能不能每天把销售数据发到钉钉群里？",
  UNCHANGED, prior=P7, note="the prior already queries the sales every day at 09:00 and posts them to DingTalk; the right answer is no change")


# ================================================================ output
def build() -> list[dict[str, Any]]:
    return fresh_rows.rows_of(REQUESTS, PREFIX, SPLIT, TOP_TEN)


composition = fresh_rows.composition


def main() -> None:
    fresh_rows.write(build(), OUT)


if __name__ == "__main__":
    main()
