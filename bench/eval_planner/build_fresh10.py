"""Builds ``requests_fresh10.jsonl``: a tenth fresh set for the planner, written blind (diagnostic).

Who and when: a helper session started by the project's lead wrote these 100 requests (ids
``q000``–``q099``, ``"split": "fresh10"``) on 2026-12-07 between 12:53 and 13:00 UTC (machine
clock, ``date -u``), in its own worktree and branch ``fresh10``.

What it read: this file's format came from ``build_fresh8.py`` (its layout and docstring only, no
sentence taken over); ``build_set.py`` for the helpers, check kinds and the priors P1–P20;
``fresh_rows.py``; ``checks.py`` for what each check kind means; ``test_fresh_set.py``; the set
and check sections of ``docs/evaluation.md`` (none of its results sections); and the catalog
(``docs/catalog.md``, ``src/flowsmith/core/catalog/``) so that apps, operations and trigger events
are real. From ``run.py`` it opened only the lines that register sets. It did not open the
planner or agent code (``src/flowsmith/planner/``, ``src/flowsmith/agent/``), ``tests/``, any
``requests*.jsonl``, any other ``build_fresh*.py``, ``test_fresh3_set.py``,
``test_fresh7_set.py``, ``ops_sweep.py`` or any ``run-*.json``, nor anything of the parallel
fresh9 helper; it never ran the planner, the server, ``make run`` or ``run.py``. One slip: a
``ruff check bench/eval_planner/`` run printed the import block of ``build_fresh.py`` (names of
``build_set.py`` helpers, no request text or check of that set) while linting.

How it was written: this set aims at the ordinary mix of what new users type, not at hard
cases. Half English, half Chinese (English app names inside Chinese sentences are kept as users
write them); roughly two in five requests carry a condition (one-sided "only if", two-sided
if/else, three cases, a condition put after the action, a condition on a field the user only
hints at: "bad reviews", "overseas orders", "real customers"); twenty edits use each prior P1–P20
once (add, remove, replace, reorder, change a condition or a parameter, add on the otherwise
side), all with ``kept_ids``; 49 need a service outside the thirteen common ones (the brief's
ten plus HubSpot, Airtable, Trello). That is more than the third asked for: a first draft had
80, and about thirty requests were rewritten onto common apps (a plain form instead of Jotform,
Slack instead of Teams, GitHub instead of Toggl) before any check was final, but an app-event
trigger on Shopify, Stripe, Zendesk or Typeform counts as long tail and stays common in what new
users type. Every trigger kind appears: app events, schedules said in words, webhooks, forms,
incoming email, RSS, manual, error and chat. Lengths go from four words to a paragraph, with a few typos. Each
request was typed first, as a user would; its checks came after, from what a demanding user
would insist on and nothing more: ``either``/``anyof`` where two graphs are equally right (a
filter on the trigger instead of an IF, a schedule that polls instead of an app event).
``condition_satisfiable`` is only added where an IF/Switch/Filter is the only reasonable way to
do the request. After writing, every ``service``+``verb`` selector and every trigger
``event_like`` word (326 in all) was checked against the catalog's operations and events by a
throwaway script (none failed). ``test_fresh_set.py`` holds hand-written right workflows for six
creates (q023, q027, q034, q050, q055, q063) and three edits (q084, q087, q096) that pass every
check, and checks that each edit's prior left unchanged fails.

    .venv/bin/python bench/eval_planner/build_fresh10.py   # rewrites requests_fresh10.jsonl
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
    ASANA_ADD,
    CLICKUP_ADD,
    DINGTALK,
    DISCORD,
    EMAIL,
    FEISHU,
    GMAIL,
    HUBSPOT_ADD,
    JIRA_ADD,
    MAILCHIMP_ADD,
    MONDAY_ADD,
    MONGO,
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
    SF_ADD,
    SHEETS_ADD,
    SHEETS_READ,
    SHEETS_UPDATE,
    SLACK,
    SMS,
    TEAMS,
    TELEGRAM,
    TOP_TEN,
    TRELLO_ADD,
    WEBHOOK_RESPONSE,
    WECOM,
    ZENDESK_ADD,
    absent,
    ai,
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

OUT = HERE / "requests_fresh10.jsonl"
SPLIT = "fresh10"
PREFIX = "q"

# common: the brief's ten plus HubSpot, Airtable and Trello (as the earlier fresh sets count it)
COMMON = TOP_TEN | {"hubspot", "airtable", "trello"}

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))


# selectors and schedule phrasings used more than once
ONLY_WEEKDAYS = either(trigger_text(["1-5", "mon-fri", "MON-FRI"]), cond_text(["weekday", "dayofweek", "day_of_week", "getday", "isoweekday"]))
FIRST_OF_MONTH = trigger_text([" 1 * *", "month"])
PUSHOVER = svc("pushover", "create")
WHATSAPP = svc("whatsapp", "create")
LINE_MSG = svc("line", "create")
MATTERMOST = svc("mattermost", "create")
PAGERDUTY = svc("pagerduty", "create")
GCAL_READ = svc("google_calendar", "read")
GDRIVE_UP = svc("google_drive", "create")
ACTIVECAMPAIGN = svc("activecampaign", "create")
QUICKBOOKS = svc("quickbooks", "create")
MAILGUN = svc("mailgun", "create")
TODOIST = svc("todoist", "create")
TWILIO_CALL = svc("twilio", "create", text="call")


# ================================================================ creates, English
R("every morning at 7 send me the weather for Berlin on telegram",
  trig("schedule"), sched(at="07:00"), http(), TELEGRAM, order(http(), TELEGRAM), NQ)
R("When someone fills in the contact form on our website, add them to HubSpot and ping me on Slack",
  trig(["form", "webhook"]), HUBSPOT_ADD, SLACK, NQ)
R("new typeform response -> row in google sheets",
  trig("app_event", "typeform", "form"), SHEETS_ADD, NQ)
R("Every Friday at 5pm pull this week's closed issues from our GitHub repo acme/site and email me a summary",
  trig("schedule"), sched(at="17:00", weekday="friday"), svc("github", "read"), EMAIL,
  order(svc("github", "read"), EMAIL), NQ)
R("When a receipt email lands in my Gmail, use AI to pull out the vendor, date and total, and add them to the Expenses table in Airtable",
  trig(["email", "app_event"]), ai("extract"), AIRTABLE_ADD, order(ai("extract"), AIRTABLE_ADD), NQ)
R("I want a button I can click that pulls all our HubSpot contacts and dumps them into a google sheet",
  trig("manual"), svc("hubspot", "read"), SHEETS_ADD, order(svc("hubspot", "read"), SHEETS_ADD), NQ)
R("wen someone books a meeting on cal.com create a zoom meeting and send the link to the atendee",
  trig("app_event", "cal_com", "booking"), svc("zoom", "create"), EMAIL, order(svc("zoom", "create"), EMAIL), NQ)
R("We need an endpoint our warehouse scanners can POST to. Each scan (sku, qty, location) goes into the 'Scans' Google Sheet and we answer with {\"ok\": true}.",
  trig("webhook"), SHEETS_ADD, WEBHOOK_RESPONSE, NQ)
R("Right now we onboard new clients by hand and stuff gets forgotten. What I'd like: whenever a deal in Pipedrive is marked as won, create a folder for the client in Google Drive, add a card to the 'Onboarding' board in Trello, and send the client a welcome email from Outlook with our kickoff booking link.",
  trig("app_event", "pipedrive", "deal"), svc("google_drive", "create", text="folder"), TRELLO_ADD,
  svc(["outlook", "microsoft_outlook"], "create"),
  either(guarded(TRELLO_ADD, ["status", "won"]), trigger_text("won")), NQ)
R("post our new YouTube videos to the #announcements channel on Discord",
  DISCORD, either(trig("rss"), svc("youtube", "read")), NQ)
R("Every Monday at 9, grab last week's new GitHub issues in acme/app, have AI write a short rundown of the most common complaints, and post it to #cx in Slack",
  trig("schedule"), sched(at="09:00", weekday="monday"), svc("github", "read"), ai("any"), SLACK,
  order(svc("github", "read"), ai("any")), order(ai("any"), SLACK), NQ)
R("chatbot for our website that answers questions about our return policy, using OpenAI",
  trig("chat"), ai("any"), NQ)
R("When a row is added to the 'Pickups' sheet, create the pickup in our dispatch system (POST https://dispatch.acme-logistics.example/api/orders) and write the tracking number it returns back into the same row",
  trig("app_event", "google_sheets", "row"), http("dispatch.acme-logistics"), SHEETS_UPDATE,
  order(http("dispatch.acme-logistics"), SHEETS_UPDATE), NQ)
R("remind me to drink water every 2 hours on telegram",
  trig("schedule"), sched(every_minutes=120), TELEGRAM, NQ)
R("sync new Stripe customers into HubSpot as contacts",
  trig(["app_event", "webhook"], "stripe", "customer"), HUBSPOT_ADD, NQ)
R("when someone signs up through my newsletter form, add them to the Subscribers database in Notion",
  trig(["form", "webhook"]), NOTION_ADD, NQ)
R("Each school morning at 7:45, email parents today's lunch menu from our Notion 'Menu' database",
  trig("schedule"), sched(at="07:45"), ONLY_WEEKDAYS, svc("notion", "read"), EMAIL, order(svc("notion", "read"), EMAIL), NQ)
R("On the last day of every month, read the active clients from the 'Retainers' table in Airtable and create a QuickBooks invoice for each of them",
  trig("schedule"), svc("airtable", "read"), QUICKBOOKS, order(svc("airtable", "read"), QUICKBOOKS), NQ)
R("New Gumroad sale: add the buyer to my ConvertKit 'Customers' sequence and log the sale in a Google Sheet. If it's the Pro Bundle, send me a Pushover ping too.",
  trig("app_event", "gumroad", "sale"), svc("convertkit", "create"), SHEETS_ADD, unguarded(SHEETS_ADD), PUSHOVER,
  guarded(PUSHOVER, ["product", "bundle", "pro"]), SAT, NQ)
R("save every attachment from emails sent to invoices@brightpath.io into OneDrive under /Accounting/Inbox",
  trig(["email", "app_event"]), svc("onedrive", "create"), NQ)
R("translate new messages in our #general-jp Slack channel to English and post them in #general",
  trig("app_event", "slack", "message"), ai("translate"), SLACK, order(ai("translate"), SLACK), NQ)
R("when someone pushes to main in our GitLab repo, kick off the Jenkins job deploy-staging",
  trig("app_event", "gitlab", "push"), svc("jenkins"),
  either(trigger_text("main"), guarded(svc("jenkins"), ["ref", "branch", "main"])), NQ)
R("If a Stripe payment fails, email the customer asking them to update their card. When that customer is on the annual plan, also create an Asana task for their account manager.",
  trig(["app_event", "webhook"], "stripe", "fail"), EMAIL, unguarded(EMAIL), ASANA_ADD,
  guarded(ASANA_ADD, ["plan", "annual", "interval", "year"]), SAT, NQ)
R("woocommerce new order: if the total is over $200 send it to #vip-orders on slack",
  trig("app_event", "woocommerce", "order"), SLACK, guarded(SLACK, ["total", "amount"]), SAT, NQ)
R("Parents sign the field trip permission slip on our online form. If a parent says no, email the class teacher so she knows. Otherwise add the student to the 'Trip list' sheet.",
  trig(["form", "webhook", "app_event"]), EMAIL, SHEETS_ADD, branches(EMAIL, SHEETS_ADD), SAT, NQ)
R("When someone signs up (our app calls a webhook), create them as a user in Intercom. If the email is from a company domain and not gmail/yahoo/hotmail, also create a lead in Salesforce. Respond 200 either way.",
  trig("webhook"), svc("intercom", "create"), unguarded(svc("intercom", "create")), SF_ADD,
  guarded(SF_ADD, ["email", "domain", "gmail", "yahoo"]), WEBHOOK_RESPONSE, both_paths(WEBHOOK_RESPONSE), SAT, NQ)
R("Every hour, get the delayed shipments from https://api.shipfast.example/shipments?status=delayed and email each customer an apology. If a shipment is more than 2 days late, post it in #ops-escalations on Slack too.",
  trig("schedule"), sched(every_minutes=60), http("shipfast"), EMAIL, order(http("shipfast"), EMAIL), SLACK,
  guarded(SLACK, ["day", "delay", "late", "eta", "date", "hour"]), SAT, NQ)
R("A client fills in the project brief form on our site. Budget under 5k: email them the link to our small-projects price list. 5k or more: create a deal in HubSpot and let #new-biz know on Slack.",
  trig(["form", "webhook"]), EMAIL, HUBSPOT_ADD, SLACK, branches(EMAIL, HUBSPOT_ADD), branches(EMAIL, SLACK),
  guarded(HUBSPOT_ADD, "budget"), SAT, NQ)
R("check the bitcoin price on coingecko every 30 min and email me if it drops below 50k",
  trig("schedule"), sched(every_minutes=30), http("coingecko"), EMAIL, order(http("coingecko"), EMAIL),
  guarded(EMAIL, ["price", "usd", "bitcoin"]), SAT, NQ)
R("New patient intake form submitted -> create the patient in our Airtable. If they ticked that they have allergies, message the nurse on duty in Slack.",
  trig(["form", "webhook", "app_event"]), AIRTABLE_ADD, unguarded(AIRTABLE_ADD), SLACK, guarded(SLACK, "allerg"), SAT, NQ)
R("Send the customer a short satisfaction survey by email once their Zendesk ticket is solved, unless the ticket is tagged spam.",
  trig("app_event", "zendesk", "solved"), EMAIL, either(guarded(EMAIL, ["tag", "spam"]), trigger_text("spam")), NQ)
R("github issues in acme/app: label bug -> card in the Bugs list on Trello, label docs -> add to the Docs board in Notion. ignore anything else",
  trig("app_event", "github", "issue"), TRELLO_ADD, NOTION_ADD, branches(TRELLO_ADD, NOTION_ADD),
  guarded(TRELLO_ADD, ["label", "bug"]), guarded(NOTION_ADD, ["label", "doc"]), SAT, NQ)
R("For each new HubSpot contact: big companies (more than 50 employees) get a ClickUp task for Dana on the enterprise team, everyone else gets added to our onboarding list in ActiveCampaign.",
  trig("app_event", "hubspot", "contact"), CLICKUP_ADD, ACTIVECAMPAIGN, branches(CLICKUP_ADD, ACTIVECAMPAIGN),
  guarded(CLICKUP_ADD, ["employee", "size", "headcount"]), SAT, NQ)
R("alert the store manager on Telegram when someone leaves a 1 or 2 star rating on our feedback form",
  trig(["form", "webhook", "app_event"]), TELEGRAM, guarded(TELEGRAM, ["star", "rating", "score"]), SAT, NQ)
R("At 6pm every weekday read today's deliveries from the 'Dispatch' Google Sheet, and send me a Telegram message for every row whose status isn't delivered",
  trig("schedule"), sched(at="18:00"), ONLY_WEEKDAYS, SHEETS_READ, TELEGRAM, order(SHEETS_READ, TELEGRAM),
  guarded(TELEGRAM, ["status", "deliver"]), SAT, NQ)
R("When any of our workflows fails, post the error to #alerts in Mattermost. If the one that failed is 'Payroll sync', page me on PagerDuty as well.",
  trig("error"), MATTERMOST, unguarded(MATTERMOST), PAGERDUTY, guarded(PAGERDUTY, ["workflow", "name", "payroll"]), SAT, NQ)
R("Emails coming into orders@plantpal.shop: when the subject mentions cancel, add a card to the 'Cancellations' list in Trello for the support team; all the others just get logged in the 'Order mail' table in Airtable",
  trig(["email", "app_event"]), TRELLO_ADD, AIRTABLE_ADD, branches(TRELLO_ADD, AIRTABLE_ADD),
  guarded(TRELLO_ADD, ["subject", "cancel"]), SAT, NQ)
R("Watch the FDA recalls RSS feed (https://www.fda.gov/about-fda/contact-fda/stay-informed/rss-feeds/recalls/rss.xml). If an item mentions insulin, text our pharmacist via Twilio; every other recall just goes into the Notion 'Recalls' database.",
  trig("rss"), SMS, NOTION_ADD, branches(SMS, NOTION_ADD), guarded(SMS, ["insulin"]), SAT, NQ)

# ================================================================ creates, Chinese
R("每天早上8点调一下我们后台的接口 https://admin.xiaodian.example/api/orders/yesterday ，把昨天的订单数发到Slack的#运营频道",
  trig("schedule"), sched(at="08:00"), http("xiaodian"), SLACK, order(http("xiaodian"), SLACK), NQ)
R("Gmail收到带附件的邮件，就把附件存到Google Drive",
  trig(["email", "app_event"]), GDRIVE_UP, NQ)
R("每周一上午10点，用AI总结一下上周Notion里的会议纪要，发到Telegram群",
  trig("schedule"), sched(at="10:00", weekday="monday"), svc("notion", "read"), ai("any"), TELEGRAM,
  order(svc("notion", "read"), ai("any")), order(ai("any"), TELEGRAM), NQ)
R("有人填了我们的活动报名表，就发一封确认邮件给他，再加到Google表格“报名名单”。选了“需要住宿”的，再发Slack告诉行政订房",
  trig(["form", "webhook", "app_event"]), EMAIL, SHEETS_ADD, unguarded(EMAIL), SLACK,
  guarded(SLACK, ["住宿", "hotel", "accommodation", "lodging"]), SAT, NQ)
R("Shopify来了新订单，如果是海外订单（收货国家不是中国）就在Trello建张卡片提醒报关，国内的直接发到飞书群里",
  trig("app_event", "shopify", "order"), TRELLO_ADD, FEISHU, branches(TRELLO_ADD, FEISHU),
  guarded(TRELLO_ADD, ["country", "国家", "shipping", "cn", "china"]), SAT, NQ)
R("诊所用的：每天晚上8点读Google日历里明天的预约，用Twilio给每个病人发短信提醒",
  trig("schedule"), sched(at="20:00"), GCAL_READ, SMS, order(GCAL_READ, SMS), NQ)
R("学生通过表单交作业以后，用AI给作业打分。分数低于60的发邮件告诉老师，其他的写进Airtable成绩表",
  trig(["form", "webhook", "app_event"]), ai("any"), EMAIL, AIRTABLE_ADD, order(ai("any"), EMAIL),
  branches(EMAIL, AIRTABLE_ADD), guarded(EMAIL, ["score", "分", "grade"]), SAT, NQ)
R("GitHub仓库发新版本的时候，自动在Discord的公告频道发一条",
  trig("app_event", "github", "release"), DISCORD, NQ)
R("每隔10分钟检查一下我们官网 https://www.shop-demo.cn 能不能打开，打不开就Telegram通知我",
  trig("schedule"), sched(every_minutes=10), http("shop-demo.cn"), TELEGRAM, guarded(TELEGRAM), NQ)
R("Stripe有新订阅 → 在Notion客户库里新建一条 → 发欢迎邮件",
  trig(["app_event", "webhook"], "stripe", "subscription"), NOTION_ADD, EMAIL, NQ)
R("Zendesk来了新工单，先用Google翻译翻成中文，再发到钉钉客服群",
  trig("app_event", "zendesk", "ticket"), svc("google_translate"), DINGTALK, order(svc("google_translate"), DINGTALK), NQ)
R("每月1号早上9点从Xero拉出所有还没付款的发票，给每个客户发一封催款邮件；金额超过1万的，再在飞书上提醒一下财务总监",
  trig("schedule"), sched(at="09:00"), FIRST_OF_MONTH, svc("xero", "read"), EMAIL, order(svc("xero", "read"), EMAIL),
  FEISHU, guarded(FEISHU, ["amount", "金额", "total"]), SAT, NQ)
R("员工用表单请假。超过3天的要HR邮件审批，批了就记到Google表格“请假记录”，没批就发邮件告诉员工；3天以内的直接记到表格",
  trig("form"), APPROVAL, guarded(APPROVAL, ["day", "天"]), SHEETS_ADD, order(APPROVAL, SHEETS_ADD),
  avoiding(SHEETS_ADD, APPROVAL), EMAIL, branches(SHEETS_ADD, EMAIL), SAT, NQ)
R("把每天新增的HubSpot联系人同步到Google表格里",
  either(trig("app_event", "hubspot", "contact"), svc("hubspot", "read")), SHEETS_ADD, NQ)
R("每天晚上11点把Notion数据库导出成JSON，备份到GitHub仓库里",
  trig("schedule"), sched(at="23:00"), svc("notion", "read"), svc("github", "create"), order(svc("notion", "read"), svc("github", "create")), NQ)
R("订阅36氪的RSS（https://36kr.com/feed），标题里带“AI”或者“大模型”的文章推到我的Telegram，别的不要",
  trig("rss"), TELEGRAM, guarded(TELEGRAM, ["title", "标题", "ai", "大模型"]), SAT, NQ)
R("出错了给我发邮件",
  trig("error"), EMAIL, NQ)
R("快递公司会把物流状态推到我们的webhook（运单号、状态）。状态是“已签收”就在WooCommerce里把订单改成completed；是“异常”就发企业微信给客服；其他状态不用管。都回200",
  trig("webhook"), svc("woocommerce", "update"), WECOM, branches(svc("woocommerce", "update"), WECOM),
  guarded(svc("woocommerce", "update"), ["status", "状态", "签收"]), guarded(WECOM, ["status", "状态", "异常"]),
  WEBHOOK_RESPONSE, SAT, NQ)
R("Jira里新建的bug同步到GitLab的issue",
  trig("app_event", "jira", "issue"), svc("gitlab", "create"),
  either(guarded(svc("gitlab", "create"), ["type", "bug"]), trigger_text("bug")), NQ)
R("手动运行就行：读Google表格里的客户名单，挨个用Gmail发新年祝福邮件",
  trig("manual"), SHEETS_READ, GMAIL, order(SHEETS_READ, GMAIL), NQ)
R("每周五下午6点统计这周Clockify里每个人的工时，谁不到40小时就在Slack上提醒他",
  trig("schedule"), sched(at="18:00", weekday="friday"), svc("clockify", "read"), SLACK,
  order(svc("clockify", "read"), SLACK), guarded(SLACK, ["hour", "小时", "duration", "total", "40"]), SAT, NQ)
R("PayPal收到付款后，在Invoice Ninja里记一笔付款，然后给客户发一封收据邮件",
  trig("app_event", "paypal", "payment"), svc("invoice_ninja", "create"), EMAIL, NQ)
R("客户在Help Scout里给了差评的话，就在ClickUp建个任务让客服主管跟进",
  trig("app_event", "help_scout", ["satisfaction", "rating"]), CLICKUP_ADD,
  either(guarded(CLICKUP_ADD, ["rating", "评", "bad", "score"]), trigger_text(["bad", "差"])), NQ)
R("Airtable库存表有记录更新时，如果库存低于10，就发邮件给采购 purchasing@xiaoshop.cn",
  trig("app_event", "airtable", "record"), EMAIL, guarded(EMAIL, ["stock", "库存", "quantity", "qty"]), SAT, NQ)
R("每天中午12点从Google表格“单词本”里随机挑一个单词发到我的Discord",
  trig("schedule"), sched(at="12:00"), SHEETS_READ, DISCORD, order(SHEETS_READ, DISCORD), NQ)
R("我们是做跨境小包物流的。客户在官网下单会调用我们的webhook，带寄件人、收件国家和重量。想要的流程：收到后先存进Supabase的orders表；重量超过30公斤的要人工报价，发到飞书销售群让他们跟进；30公斤以内的直接调我们的报价接口 https://api.kuaiyun.example/quote 算价，再把报价用邮件发给客户。最后给webhook回一个 {\"received\": true}",
  trig("webhook"), svc("supabase", "create"), unguarded(svc("supabase", "create")), FEISHU, http("kuaiyun"),
  branches(FEISHU, http("kuaiyun")), guarded(FEISHU, ["weight", "重量", "kg"]), EMAIL, order(http("kuaiyun"), EMAIL),
  WEBHOOK_RESPONSE, SAT, NQ)
R("当有人在typefrom里填了问卷，就吧结果存到notion",
  trig("app_event", "typeform", "form"), NOTION_ADD, NQ)
R("Mailchimp里有人退订，就把这个人从HubSpot联系人里删掉",
  trig("app_event", "mailchimp", "unsubscri"), svc("hubspot", "delete"), NQ)
R("每小时查一次Square有没有新订单，有的话发LINE通知店员",
  trig("schedule"), sched(every_minutes=60), svc("square", "read"), LINE_MSG, order(svc("square", "read"), LINE_MSG), NQ)
R("Cal.com上有人取消预约时，把Google表格里对应那一行的状态改成“已取消”",
  trig("app_event", "cal_com", "cancel"), SHEETS_UPDATE, NQ)
R("Facebook广告来了新线索，先让AI判断一下是不是真实客户（不是广告、不是乱填的），是的话在Salesforce建线索，不是就算了",
  trig("app_event", "facebook", "lead"), ai("any"), SF_ADD, order(ai("any"), SF_ADD), guarded(SF_ADD), NQ)
R("GitHub上的PR有更新时，发消息到Slack和Discord",
  trig("app_event", "github", "pull"), SLACK, DISCORD, NQ)
R("每周日晚上把这周GitHub上关掉的issue导出到Google表格",
  trig("schedule"), sched(weekday="sunday"), svc("github", "read"), SHEETS_ADD, order(svc("github", "read"), SHEETS_ADD), NQ)
R("新员工入职表单（Form.io）提交后：在Microsoft Teams里发欢迎消息，在Todoist给IT建个准备电脑的任务；如果是远程办公的员工，再用Mailgun发一封邮件确认寄设备的地址",
  trig("app_event", "formio", "submission"), TEAMS, unguarded(TEAMS), TODOIST, unguarded(TODOIST), MAILGUN,
  guarded(MAILGUN, ["remote", "远程", "location", "地点", "办公"]), SAT, NQ)
R("Shopify有退款时，退款原因是“质量问题”的发到钉钉品控群，其他原因的记到Google表格",
  trig("app_event", "shopify", "refund"), DINGTALK, SHEETS_ADD, branches(DINGTALK, SHEETS_ADD),
  guarded(DINGTALK, ["reason", "原因", "质量", "note"]), SAT, NQ)
R("每天早上用Perplexity搜一下竞争对手的新闻，发到飞书",
  trig("schedule"), svc("perplexity"), FEISHU, order(svc("perplexity"), FEISHU), NQ)
R("WhatsApp收到客户消息时，用AI自动回复常见问题；AI答不上来的，转到飞书客服群让人工处理",
  trig("app_event", "whatsapp", "message"), ai("any"), WHATSAPP, order(ai("any"), WHATSAPP), FEISHU,
  branches(WHATSAPP, FEISHU), order(ai("any"), FEISHU), NQ)
R("每天凌晨2点把MongoDB里的订单表导出来，上传到Amazon S3",
  trig("schedule"), sched(at="02:00"), MONGO, svc("amazon_s3", "create"), order(MONGO, svc("amazon_s3", "create")), NQ)

# ================================================================ vague: the right answer is a question
R("automate my invoices",
  asks("which", "what", "invoice", "tool", "app", "where", "how"))
R("i need something for our clinic's appointments",
  asks("which", "what", "appointment", "calendar", "tool", "app", "how"))
R("帮我做个自动发邮件的流程",
  asks("什么", "哪", "谁", "邮件", "什么时候", "which", "what", "when", "who"))
R("客户那边的数据能不能自动同步一下",
  asks("什么", "哪", "同步", "客户", "which", "what", "where"))

# ================================================================ edits of a prior (P1–P20, each once)
R("move it to 7:30 and don't run it on weekends",
  sched(at="07:30"), ONLY_WEEKDAYS, kept("n2", "n3", "n4"), NQ, prior=P1)
R("不用给我发邮件了，改成发Telegram",
  TELEGRAM, removed(GMAIL), kept("n1", "n2"), NQ, prior=P2)
R("Only create the monday item when the issue's priority is High or Highest. Keep posting every issue to #eng though.",
  guarded(MONDAY_ADD, "priority"), unguarded(SLACK), kept("n1", "n2", "n3"), SAT, NQ, prior=P3)
R("有货的时候别发邮件了，改成发到我的Discord",
  DISCORD, removed(EMAIL), guarded(DISCORD, ["stock", "in_stock"]), kept("n1", "n2", "n3"), NQ, prior=P4)
R("emails that are neither billing nor bug should be forwarded to help@acme.io",
  EMAIL, branches(ZENDESK_ADD, JIRA_ADD, EMAIL), kept("n1", "n2", "n3", "n4", "n5"), SAT, NQ, prior=P5)
R("顺序换一下，先发Slack通知，再记到表格里",
  order(SLACK, SHEETS_ADD), kept("n1", "n2", "n3"), NQ, prior=P6)
R("时间改成早上8点半，另外同样的报告也发一份到飞书群",
  sched(at="08:30"), FEISHU, order(POSTGRES, FEISHU), kept("n2", "n3"), NQ, prior=P7)
R("for the tickets that aren't negative, add the customer to our 'Happy customers' list in Mailchimp",
  MAILCHIMP_ADD, branches(WECOM, MAILCHIMP_ADD), guarded(MAILCHIMP_ADD, ["sentiment", "negative", "positive"]),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P8)
R("HubSpot换成Zoho CRM",
  svc("zoho_crm", "create"), removed(svc("hubspot")), kept("n1", "n3"), NQ, prior=P9)
R("for critical alerts, call the on-call phone instead of sending a text",
  TWILIO_CALL, removed(core("twilio_sms")), guarded(TWILIO_CALL, ["severity", "critical"]),
  kept("n1", "n2", "n4"), SAT, NQ, prior=P10)
R("每次有人star，也在Airtable表里记一笔，用户名和时间",
  AIRTABLE_ADD, kept("n1", "n2"), NQ, prior=P11)
R("drop the AI summary, just send the post title and link",
  removed(ai("any")), TELEGRAM, kept("n1", "n3"), NQ, prior=P12)
R("审批人从经理改成财务 finance@acme.io",
  appr("finance@acme.io"), absent(appr("manager@acme.io")), kept("n1", "n3", "n4"), NQ, prior=P13)
R("also remind us about customers whose status is 'quoted', not just the ones waiting for follow-up",
  either(cond_text(["quoted", "已报价", "报价"]), svc("google_sheets", "read", text=["quoted", "已报价", "报价"])),
  guarded(FEISHU, "status"), kept("n1", "n2", "n4"), NQ, prior=P14)
R("收到请求先马上回200，再去写数据库和Mailchimp",
  order(WEBHOOK_RESPONSE, POSTGRES), order(WEBHOOK_RESPONSE, MAILCHIMP_ADD), kept("n1", "n2", "n3", "n4"), NQ, prior=P15)
R("also add the per-person counts to a Google Sheet, one new row each week",
  SHEETS_ADD, order(core("aggregate"), SHEETS_ADD), kept("n1", "n2", "n3", "n4"), NQ, prior=P16)
R("金额超过50万的合同，除了登记到表格，再发企业微信给法务总监",
  WECOM, guarded(WECOM, ["amount", "金额"]), unguarded(SHEETS_ADD), order(ai("extract"), WECOM),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P17)
R("only alert Slack for production workflows (their names start with 'prod-'), ignore failures of the rest",
  guarded(SLACK, ["workflow", "name", "prod"]), kept("n1", "n2"), SAT, NQ, prior=P18)
R("分数线改成60分；低于60分的加到Mailchimp的培育列表里",
  cond_text("60"), absent(cond_text("70")), MAILCHIMP_ADD, branches(svc("salesforce"), MAILCHIMP_ADD),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P19)
R("run the backup at 3am instead, and message me on Telegram once it's done",
  sched(at="03:00"), TELEGRAM, order(svc("dropbox"), TELEGRAM), kept("n2", "n3"), NQ, prior=P20)


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
