# ruff: noqa: E501
"""Builds ``requests_fresh3.jsonl``: the third blind held-out set (ids h000-h099).

Written from what a user wants, never from what the planner does: the requests were written
first, then each one's checks from what a demanding user would want, without reading the
planner's code or tests, any run output or the other fresh sets (docs/evaluation.md, "The
third fresh set"). It uses the selectors, checks and priors P1-P20 of ``build_set.py``.

    .venv/bin/python bench/eval_planner/build_fresh3.py   # rewrites requests_fresh3.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_set import (  # noqa: E402
    AIRTABLE_ADD,
    APPROVAL,
    ASANA_ADD,
    CLICKUP_ADD,
    DINGTALK,
    DISCORD,
    EMAIL,
    FEISHU,
    GH_ISSUE,
    GMAIL,
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
    PIPEDRIVE_ADD,
    POSTGRES,
    SAT,
    SHEETS_ADD,
    SHEETS_READ,
    SLACK,
    SMS,
    SNOW_ADD,
    TEAMS,
    TELEGRAM,
    UNCHANGED,
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

OUT = HERE / "requests_fresh3.jsonl"
SPLIT = "fresh3"

# the ten most common services (the brief's list); longtail = the checks ask for another app
TOP_TEN = {"slack", "gmail", "google_sheets", "notion", "github", "telegram", "discord",
           "hubspot", "airtable", "trello"}
ZH = re.compile(r"[\u4e00-\u9fff]")
CONDITION_CHECKS = {"guarded", "branches", "branch_count"}


def three(minimum: int = 3) -> dict[str, Any]:
    return {"branch_count": {"min": minimum}}


def avoiding(to: dict[str, Any], avoid: dict[str, Any]) -> dict[str, Any]:
    return {"path_avoiding": {"to": to, "avoid": avoid}}


def either(*checks: dict[str, Any]) -> dict[str, Any]:
    return {"any": list(checks)}


def trigger_text(words: str | list[str]) -> dict[str, Any]:
    """A selector used as a check: the trigger itself filters on ``words``."""
    return {"trigger_node": True, "text": words}


REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks: dict[str, Any], prior: dict[str, Any] | None = None,
      note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))


# ---------------------------------------------------------------- selectors used here
XERO_ADD = svc("xero", "create")
GITLAB_ADD = svc("gitlab", "create")
MATTERMOST = svc("mattermost", "create")
PAGERDUTY_ADD = svc("pagerduty", "create")
OPSGENIE_ADD = svc("opsgenie", "create")
TAIGA_ADD = svc("taiga", "create")
ZOHO_ADD = svc("zoho_crm", "create")
VONAGE = svc("vonage", "create")
TWILIO = svc("twilio", "create")
SF_ADD = svc("salesforce", "create")
BREVO = svc("brevo", "create")
SENDGRID = svc("sendgrid", "create")
STRIPE_ADD = svc("stripe", "create")
CONVERTKIT = svc("convertkit", "create")
TODOIST = svc("todoist", "create")
PUSHBULLET = svc("pushbullet", "create")
GOTIFY = svc("gotify", "create")
PUSHOVER = svc("pushover", "create")
SHAREPOINT_ADD = svc("sharepoint", "create")
FRESHDESK_ADD = svc("freshdesk", "create")
ZOOM_ADD = svc("zoom", "create")
GCAL_ADD = svc("google_calendar", "create")
QB_ADD = svc("quickbooks", "create")
HELPSCOUT_ADD = svc("help_scout", "create")
CLAUDE = anyof(svc("anthropic"), {"ai": "any", "text": "claude"})
SITE_CHECK = "shop.acme.io"
AGGREGATE = anyof(core("aggregate"), core("code"), ai("any"))
RESP_400 = core("webhook_response", "400")

# ---------------------------------------------------------------- creates, English
R("ping #finance on slack whenever a stripe refund is over $150",
  trig(["app_event", "webhook"], "stripe", "refund"), SLACK, guarded(SLACK, "amount"), SAT, NQ)
R("When a WooCommerce order over $500 comes in, create an invoice for it in Xero. Smaller orders just go into the Orders tab of our Google Sheet.",
  trig("app_event", "woocommerce", "order"), XERO_ADD, SHEETS_ADD, branches(XERO_ADD, SHEETS_ADD),
  guarded(XERO_ADD, ["total", "amount"]), SAT, NQ)
R("hey so our support inbox is getting flooded and I want to sort it out. every time a new conversation comes into Help Scout, have AI figure out whether it's a refund request, a bug report or something else. bug reports should become an issue in our GitLab project, refund requests should be posted to the billing channel in Mattermost, and anything else can just stay in Help Scout",
  trig("app_event", "help_scout", "conversation"), ai("classify"), GITLAB_ADD, MATTERMOST,
  branches(GITLAB_ADD, MATTERMOST), guarded(GITLAB_ADD), guarded(MATTERMOST),
  order(ai("classify"), GITLAB_ADD), NQ)
R("Every weekday at 7:45am pull today's events from my Google Calendar and send me the list as a WhatsApp message.",
  trig("schedule"), sched(at="07:45"), svc("google_calendar", "read"), svc("whatsapp", "create"),
  order(svc("google_calendar", "read"), svc("whatsapp", "create")), NQ)
R("If our shop at https://shop.acme.io goes down, open a PagerDuty incident. Check it every 5 minutes.",
  trig("schedule"), sched(every_minutes=5),
  anyof(http(SITE_CHECK), core("web_page_check", SITE_CHECK)), PAGERDUTY_ADD,
  guarded(PAGERDUTY_ADD, ["status", "ok", "down", "error", "code", "reachable"]),
  order(anyof(http(SITE_CHECK), core("web_page_check", SITE_CHECK)), PAGERDUTY_ADD), SAT, NQ)
R("Careers page form: name, email, CV link and role. Put every applicant into Airtable, and if the role is Engineering also create a user story on our Taiga hiring board.",
  trig("form"), AIRTABLE_ADD, unguarded(AIRTABLE_ADD), TAIGA_ADD, guarded(TAIGA_ADD, "role"), SAT, NQ)
R("when a calendly invitee cancels, delete the matching zoom meeting and tell me on pushover",
  trig("app_event", "calendly", "cancel"), svc("zoom", "delete"), PUSHOVER, NQ)
R("Every Sunday at 22:00 back up the customers table from Supabase to our S3 bucket as a JSON file.",
  trig("schedule"), sched(at="22:00", weekday="sunday"), svc("supabase", "read"),
  svc("amazon_s3", "create"), order(svc("supabase", "read"), svc("amazon_s3", "create")), NQ)
R("When Sentry sends us a new issue alert with level fatal, create a Linear issue and post it to Rocket.Chat; for any other level only post to Rocket.Chat.",
  trig(["app_event", "webhook"], "sentry_io"), svc("linear", "create"),
  guarded(svc("linear", "create"), "level"), svc("rocketchat", "create"),
  avoiding(svc("rocketchat", "create"), svc("linear", "create")), SAT, NQ)
R("Hi! We run a small bakery. Could you set something up so that whenever someone books a table through Cal.com, the booking goes into our Google Calendar and we get a LINE message about it? Thanks so much.",
  trig("app_event", "cal_com", "booking"), GCAL_ADD, svc("line", "create"), NQ)
R("automate my invoices",
  asks("invoice", "which", "what", "where", "app", "service", "tool"))
R("When a new Jotform submission comes in with an empty phone number, email the person asking for it; otherwise create a contact in Zoho CRM.",
  trig(["app_event", "webhook"], "jotform", ["form", "submi"]), ZOHO_ADD, EMAIL,
  branches(EMAIL, ZOHO_ADD), guarded(ZOHO_ADD, "phone"), SAT, NQ)
R("Every 30 minutes read the unread messages in our Outlook shared mailbox and for any whose subject contains URGENT send an SMS to +4915112345678 with Vonage.",
  trig("schedule"), sched(every_minutes=30), svc("outlook", "read"), VONAGE,
  either(guarded(VONAGE, "subject"), svc("outlook", "read", "urgent")),
  order(svc("outlook", "read"), VONAGE), NQ)
R("When a Chargebee payment fails, email the customer right away. If the invoice amount is more than 1000, also create an Asana task for the account manager.",
  trig("app_event", "chargebee", ["fail"]), EMAIL, unguarded(EMAIL), ASANA_ADD,
  guarded(ASANA_ADD, "amount"), SAT, NQ)
R("Each night at 1am run SELECT * FROM orders WHERE status='stuck' on our MySQL database. If more than 10 rows come back, raise an Opsgenie alert; otherwise just post the count to Microsoft Teams.",
  trig("schedule"), sched(at="01:00"), svc("mysql"), OPSGENIE_ADD, TEAMS,
  branches(OPSGENIE_ADD, TEAMS), order(svc("mysql"), OPSGENIE_ADD), SAT, NQ)
R("new shopify product -> post it on linkedin and on our facebok page",
  trig("app_event", "shopify", "product"), svc("linkedin", "create"), svc("facebook", "create"), NQ)
R("Our 'Request a demo' form posts JSON to a webhook. If the company size is 200 or more, create an opportunity in Salesforce and notify #enterprise on Slack; from 20 to 199, create a deal in Pipedrive; under 20, add them to our Brevo newsletter contacts.",
  trig("webhook"), SF_ADD, SLACK, PIPEDRIVE_ADD, BREVO, branches(SF_ADD, PIPEDRIVE_ADD, BREVO),
  three(), guarded(SF_ADD, ["size", "employees", "company"]), guarded(SLACK), SAT, NQ)
R("Every email that arrives at bills@acme.io has a PDF bill attached. Pull out the vendor, amount and due date with AI and create a bill in QuickBooks.",
  trig(["email", "app_event"]), ai("extract"), QB_ADD, order(ai("extract"), QB_ADD), NQ)
R("Something I can run by hand: fetch all open Freshservice tickets and write them into a worksheet in Excel 365.",
  trig("manual"), svc("freshservice", "read"), svc("excel_365", "create"),
  order(svc("freshservice", "read"), svc("excel_365", "create")), NQ)
R("When any of my workflows errors, create an Opsgenie alert, and if the failed workflow's name contains 'billing' also text the CFO through Twilio.",
  trig("error"), OPSGENIE_ADD, unguarded(OPSGENIE_ADD), TWILIO,
  guarded(TWILIO, ["workflow", "name", "billing"]), SAT, NQ)
R("Watch our Bitbucket repo: when a pull request is merged, trigger the Jenkins job deploy-staging and then post the result to Zulip.",
  trig("app_event", "bitbucket", ["fulfil", "merge"]), svc("jenkins"), svc("zulip", "create"),
  order(svc("jenkins"), svc("zulip", "create")), NQ)
R("Each morning at 6 check our EUR balance on Wise. If it's below 5000, email finance@acme.io and post in Slack #treasury.",
  trig("schedule"), sched(at="06:00"), svc("wise", "read"), EMAIL, SLACK,
  guarded(EMAIL, "balance"), guarded(SLACK, "balance"), order(svc("wise", "read"), EMAIL), SAT, NQ)
R("new typeform response: if they answered yes to 'Can we contact you?', add them as a contact in ActiveCampaign",
  trig(["app_event", "webhook"], "typeform", ["form", "submi", "response"]),
  svc("activecampaign", "create"), guarded(svc("activecampaign", "create"), ["contact", "yes", "consent"]),
  SAT, NQ)
R("Every hour query the daily_signups view in Snowflake and append the result to the Google Sheet called Growth.",
  trig("schedule"), sched(every_minutes=60), svc("snowflake"), SHEETS_ADD,
  order(svc("snowflake"), SHEETS_ADD), NQ)
R("When a merge request is opened on GitLab, ask Claude to review the changes and post its review as a comment on the merge request.",
  trig("app_event", "gitlab", "merge"), CLAUDE, GITLAB_ADD, order(CLAUDE, GITLAB_ADD), NQ)
R("Can you make something that tells me stuff about my sales?",
  asks("sales", "which", "what", "where", "data", "source", "how often", "when"))
R("Daily standup reminder at 9:30 in the ~dev channel of our Mattermost, but skip weekends.",
  trig("schedule"), sched(at="09:30"), MATTERMOST,
  either(sched(at="09:30", weekday="monday"), guarded(MATTERMOST, ["day", "week"])), NQ)
R("When an NPS survey comes in through Typeform: score 9 or 10, ask them by email (SendGrid) to leave us a review; score 6 or lower, open a Zendesk ticket; anything in between, nothing.",
  trig(["app_event", "webhook"], "typeform", ["form", "submi", "response"]), SENDGRID, ZENDESK_ADD,
  branches(SENDGRID, ZENDESK_ADD), guarded(SENDGRID, ["score", "nps"]),
  guarded(ZENDESK_ADD, ["score", "nps"]), SAT, NQ)
R("pls make a flow: a webhook gets {email, plan}. plan is pro -> create the customer in Stripe; plan is free -> subscribe them in ConvertKit; anything else -> respond with a 400",
  trig("webhook"), STRIPE_ADD, CONVERTKIT, RESP_400, branches(STRIPE_ADD, CONVERTKIT, RESP_400),
  three(), guarded(STRIPE_ADD, "plan"), SAT, NQ)
R("Every Friday at 5pm pull this week's time entries from Toggl, total the hours per project and email me the summary.",
  trig("schedule"), sched(at="17:00", weekday="friday"), svc("toggl", "read"), AGGREGATE, EMAIL,
  order(svc("toggl", "read"), EMAIL), NQ)
R("When a new row lands in the Bugs table in SeaTable and its severity is high, create a Jira issue; for other severities create a Todoist task for me instead.",
  trig("app_event", "seatable", "row"), JIRA_ADD, TODOIST, branches(JIRA_ADD, TODOIST),
  guarded(JIRA_ADD, "severity"), SAT, NQ)
R("For every new message in our #feedback Slack channel run sentiment analysis. Negative ones become a ClickUp task, positive ones get saved to the Testimonials database in Notion, neutral ones are ignored.",
  trig("app_event", "slack", "message"), ai("sentiment"), CLICKUP_ADD, NOTION_ADD,
  branches(CLICKUP_ADD, NOTION_ADD), guarded(CLICKUP_ADD, ["sentiment", "negative"]),
  order(ai("sentiment"), CLICKUP_ADD), NQ)
R("Every 10 min get https://api.coinbase.com/v2/prices/BTC-USD/spot. If the price is above 100000 push me a note via Pushbullet, if it's under 50000 send one via Gotify, otherwise nothing.",
  trig("schedule"), sched(every_minutes=10), http("api.coinbase.com"), PUSHBULLET, GOTIFY,
  branches(PUSHBULLET, GOTIFY), guarded(PUSHBULLET, ["price", "amount"]),
  guarded(GOTIFY, ["price", "amount"]), order(http("api.coinbase.com"), PUSHBULLET), SAT, NQ)
R("When a deal is won in Pipedrive, create an invoice for that client in Invoice Ninja.",
  trig("app_event", "pipedrive", "deal"), svc("invoice_ninja", "create"),
  either(guarded(svc("invoice_ninja", "create"), ["status", "won", "stage"]), trigger_text("won")), NQ)
R("We have a Google Form for equipment requests. Anything over €2,000 needs my approval by email before it goes into the Purchasing list on SharePoint; anything cheaper goes straight into the list.",
  trig(["app_event", "webhook"], "google_forms", ["form", "submi"]), APPROVAL,
  guarded(APPROVAL, ["amount", "price", "cost", "total"]), SHAREPOINT_ADD,
  avoiding(SHAREPOINT_ADD, APPROVAL), order(APPROVAL, SHAREPOINT_ADD), SAT, NQ)
R("something with AI and my emails",
  asks("email", "what", "which", "ai", "do"))
R("When a Netlify deploy fails, open a GitHub issue in acme/site with the link to the deploy log and ping @oncall in Slack.",
  trig("app_event", "netlify", "fail"), GH_ISSUE, SLACK, NQ)

# ---------------------------------------------------------------- creates, Chinese
R("每天早上八点半，从Shopify拉一下昨天的订单，汇总一下总金额和单数，发到企业微信群里",
  trig("schedule"), sched(at="08:30"), svc("shopify", "read"), AGGREGATE, WECOM,
  order(svc("shopify", "read"), WECOM), NQ)
R("WooCommerce 来了新订单，而且金额超过 2000 块的，在飞书群里提醒一下仓库主管；没超过就什么都不用做",
  trig("app_event", "woocommerce", "order"), FEISHU, guarded(FEISHU, ["total", "amount", "金额"]), SAT, NQ)
R("客户在表单里提交投诉以后，先用AI判断紧急程度：紧急的马上用Twilio给值班经理打电话，一般的建一个Zendesk工单，不紧急的就记到Google表格里",
  trig(["form", "webhook"]), ai("classify"), TWILIO, ZENDESK_ADD, SHEETS_ADD,
  branches(TWILIO, ZENDESK_ADD, SHEETS_ADD), order(ai("classify"), TWILIO), NQ)
R("每周一早上9点，把上周 Jira 里关掉的 bug 按负责人统计一下数量，发到钉钉群",
  trig("schedule"), sched(at="09:00", weekday="monday"), svc("jira", "read"), AGGREGATE, DINGTALK,
  order(svc("jira", "read"), DINGTALK), NQ)
R("GitLab 上流水线失败的时候，给提交代码的人发封邮件，同时在飞书群里@所有人",
  trig("app_event", "gitlab", "pipeline"), EMAIL, FEISHU,
  either(guarded(EMAIL, ["status", "fail"]), trigger_text("fail")),
  either(guarded(FEISHU, ["status", "fail"]), trigger_text("fail")), NQ)
R("帮我做个自动化吧",
  asks("什么", "哪", "自动化", "what", "which"))
R("每隔15分钟检查一下我们官网 https://www.acme.cn 能不能打开，打不开就给我发短信（13800138000），正常的时候不用通知",
  trig("schedule"), sched(every_minutes=15), anyof(http("acme.cn"), core("web_page_check", "acme.cn")),
  SMS, guarded(SMS, ["status", "code", "ok", "error", "down", "reachable"]), SAT, NQ)
R("有人在 Calendly 上约了产品演示，就在 HubSpot 里建个联系人，再在谷歌日历上加一个提醒",
  trig("app_event", "calendly", ["invitee", "created"]), svc("hubspot", "create"), GCAL_ADD, NQ)
R("Stripe 出现争议（dispute）的时候，马上在 Slack 的 #finance 发消息，并在 Notion 里建一条记录；金额超过500美元的，还要给财务总监发邮件",
  trig(["app_event", "webhook"], "stripe", "dispute"), SLACK, unguarded(SLACK), NOTION_ADD, EMAIL,
  guarded(EMAIL, ["amount", "金额"]), SAT, NQ)
R("新员工入职表单提交后：在 Jira 里建一个 IT 开通账号的工单，在谷歌日历上给他约第一天的欢迎会；如果部门是研发，再在 GitLab 建一个开权限的 issue",
  trig("form"), JIRA_ADD, unguarded(JIRA_ADD), GCAL_ADD, GITLAB_ADD,
  guarded(GITLAB_ADD, ["部门", "department", "dept"]), SAT, NQ)
R("每天晚上11点把 MongoDB 里当天的日志导出来，存到 Google Cloud Storage 的桶里",
  trig("schedule"), sched(at="23:00"), svc("mongodb", "read"), svc("google_cloud_storage", "create"),
  order(svc("mongodb", "read"), svc("google_cloud_storage", "create")), NQ)
R("收到主题里带“发票”两个字的邮件，就把附件存到 OneDrive 的“财务/发票”文件夹，别的邮件不用管",
  trig(["email", "app_event"]), svc("onedrive", "create"),
  either(guarded(svc("onedrive", "create"), ["subject", "主题", "发票"]), trigger_text("发票")), NQ)
R("Zammad 里有新工单的时候，如果标题里提到“退款”，就发企业微信通知财务组，否则在 Slack 的 #support 频道通知一下",
  trig(["app_event", "webhook"], "zammad"), WECOM, SLACK, branches(WECOM, SLACK),
  guarded(WECOM, ["title", "标题", "退款"]), SAT, NQ)
R("我想每个月1号早上十点，自动从 Harvest 拉上个月的工时，给每个客户在 QuickBooks 里开发票",
  trig("schedule"), sched(at="10:00"), svc("harvest", "read"), QB_ADD,
  order(svc("harvest", "read"), QB_ADD), NQ)
R("官网的联系表单（webhook）收到留言后，用 AI 把姓名、公司、需求提取出来写进 Airtable；需求里提到“报价”的，再在飞书群里通知销售",
  trig("webhook"), ai("extract"), AIRTABLE_ADD, unguarded(AIRTABLE_ADD), FEISHU,
  guarded(FEISHU, ["报价", "quote"]), order(ai("extract"), AIRTABLE_ADD), SAT, NQ)
R("每小时查一下 UptimeRobot 的所有监控，只要有一个状态是 down，就发 Telegram 告警",
  trig("schedule"), sched(every_minutes=60), svc("uptime_robot", "read"), TELEGRAM,
  either(guarded(TELEGRAM, ["status", "down"]), svc("uptime_robot", "read", ["down", "status"])),
  order(svc("uptime_robot", "read"), TELEGRAM), NQ)
R("手动运行：把 Notion 任务数据库里所有状态是“已完成”的页面都归档掉",
  trig("manual"), svc("notion", "read"), svc("notion", ["delete", "update"]),
  either(guarded(svc("notion", ["delete", "update"]), ["status", "状态", "完成"]),
         svc("notion", "read", ["已完成", "status", "状态"])), NQ)
R("每周五下午六点，把这周 ClickUp 里完成的任务列出来，让 AI 写一段周报，发到我的 Gmail",
  trig("schedule"), sched(at="18:00", weekday="friday"), svc("clickup", "read"), ai("any"), EMAIL,
  order(svc("clickup", "read"), ai("any")), order(ai("any"), EMAIL), NQ)
R("Typeform 报名表提交后：选了“线上参会”的，用 Zoom 建一个会议，把链接发邮件给他；选“线下”的，发条短信告诉他地址",
  trig(["app_event", "webhook"], "typeform", ["form", "submi", "response"]), ZOOM_ADD, EMAIL, SMS,
  branches(ZOOM_ADD, SMS), order(ZOOM_ADD, EMAIL),
  guarded(ZOOM_ADD, ["线上", "线下", "参会", "online", "offline", "attend", "方式"]), SAT, NQ)
R("当 Salesforce 里有商机金额大于10万而且阶段是“谈判”的时候，在 Microsoft Teams 里通知销售总监",
  trig("app_event", "salesforce", "opportunit"), TEAMS, guarded(TEAMS, ["amount", "金额"]),
  guarded(TEAMS, ["stage", "阶段", "谈判"]), SAT, NQ)
R("每天凌晨3点，从 Postgres 里查出7天没登录的用户，挨个用 SendGrid 发一封召回邮件",
  trig("schedule"), sched(at="03:00"), POSTGRES, SENDGRID, order(POSTGRES, SENDGRID), NQ)
R("Freshdesk 来了新工单：优先级是紧急的，就用 Pushover 通知值班的同事，不然的话只在谷歌表格里记一笔",
  trig(["app_event", "webhook"], "freshdesk"), PUSHOVER, SHEETS_ADD, branches(PUSHOVER, SHEETS_ADD),
  guarded(PUSHOVER, ["priority", "优先级", "urgent", "紧急"]), SAT, NQ)
R("帮我把 Gmail 里收到的简历附件都自动存到谷歌云盘的“招聘”文件夹",
  trig(["email", "app_event"]), svc("google_drive", "create"), NQ)
R("PayPal 有退款的时候，在 Xero 里把这个客户的发票更新一下状态，然后在钉钉里通知财务",
  trig("app_event", "paypal", "refund"), svc("xero", "update"), DINGTALK, NQ)
R("HubSpot 里新建了工单以后，用 AI 判断是售前、售后还是投诉：售前的在 Pipedrive 里建一个 deal，售后的建 Freshdesk 工单，投诉的发邮件给客服主管",
  trig("app_event", "hubspot", "ticket"), ai("classify"), PIPEDRIVE_ADD, FRESHDESK_ADD, EMAIL,
  branches(PIPEDRIVE_ADD, FRESHDESK_ADD, EMAIL), order(ai("classify"), PIPEDRIVE_ADD), NQ)
R("每两小时从 https://api.example.cn/inventory 拉一次库存数据，库存少于10件的商品在 Shopify 上下架，同时发企业微信提醒采购",
  trig("schedule"), sched(every_minutes=120), http("api.example.cn/inventory"), svc("shopify", "update"),
  WECOM, guarded(svc("shopify", "update"), ["stock", "inventory", "库存", "quantity"]),
  guarded(WECOM, ["stock", "inventory", "库存", "quantity"]),
  order(http("api.example.cn/inventory"), svc("shopify", "update")), SAT, NQ)
R("Teams 的 #ask-it 频道里有人发消息提到“密码重置”，就在 ServiceNow 里开一张事件单",
  trig("app_event", "microsoft_teams", "message"), SNOW_ADD, guarded(SNOW_ADD, ["密码", "password"]), SAT, NQ)
R("请每天中午12点看一下北京的天气（https://api.weather.cn/beijing），如果会下雨，就在家里的 Telegram 群发条消息提醒带伞",
  trig("schedule"), sched(at="12:00"), http("api.weather.cn"), TELEGRAM,
  guarded(TELEGRAM, ["rain", "雨", "weather", "precip", "天气"]), order(http("api.weather.cn"), TELEGRAM), SAT, NQ)
R("把谷歌表格“报名名单”里的每一行都建成 Mailchimp 的联系人，手动跑一次就行",
  trig("manual"), SHEETS_READ, MAILCHIMP_ADD, order(SHEETS_READ, MAILCHIMP_ADD), NQ)
R("想要一个聊天机器人，员工在网页上问 HR 政策方面的问题，它去 Notion 里的 HR 手册找答案回答",
  trig("chat"), ai("any"),
  anyof(svc("notion", "read"), core("http_tool", "notion"), core("n8n_tool", "notion")), NQ)
R("Gumroad 每卖出一单，把买家邮箱加进 ConvertKit 的“购买者”序列；如果买的是课程（产品名里有“课程”），再在 Discord 里发一条欢迎消息",
  trig("app_event", "gumroad", "sale"), CONVERTKIT, unguarded(CONVERTKIT), DISCORD,
  guarded(DISCORD, ["课程", "product", "course"]), SAT, NQ)
R("每天下午5点，把今天 Intercom 里新增的线索同步到 Zoho CRM，邮箱是空的就跳过",
  trig("schedule"), sched(at="17:00"), svc("intercom", "read"), ZOHO_ADD,
  guarded(ZOHO_ADD, ["email", "邮箱"]), order(svc("intercom", "read"), ZOHO_ADD), SAT, NQ)
R("能不能帮我盯着点那个东西，有问题就告诉我",
  asks("监控", "什么", "哪", "what", "which", "url", "网址", "通知"))
R("Jira 里的问题状态变成 Done 的时候，把 Linear 里对应的 issue 也关掉",
  trig("app_event", "jira", ["updat", "issue"]), svc("linear", "update"),
  either(guarded(svc("linear", "update"), ["status", "状态", "done"]), trigger_text("done")), NQ)
R("有人往 Box 的“合同”文件夹里上传文件后，先让法务通过邮件审批：通过了就把文件存一份到 Dropbox 归档，没通过就在 Asana 里给上传的人建一个修改任务",
  trig("app_event", "box", "upload"), APPROVAL, svc("dropbox"), ASANA_ADD,
  branches(svc("dropbox"), ASANA_ADD), order(APPROVAL, svc("dropbox")), NQ)
R("每天早上7点，读取 Airtable 里今天到期的任务，给每个负责人发一条企业微信消息",
  trig("schedule"), sched(at="07:00"), svc("airtable", "read"), WECOM,
  order(svc("airtable", "read"), WECOM), NQ)
R("网站上的退货申请表单：订单金额小于100元的，直接在 Stripe 里退款；100到1000元的，发到钉钉群让客服处理；超过1000元的，要老板邮件审批",
  trig(["form", "webhook"]), STRIPE_ADD, DINGTALK, APPROVAL, branches(STRIPE_ADD, DINGTALK, APPROVAL),
  three(), guarded(STRIPE_ADD, ["amount", "金额", "total"]), SAT, NQ)

# ---------------------------------------------------------------- edits of P1-P20
R("If yesterday's total is under 10000, also page me on PagerDuty.",
  PAGERDUTY_ADD, guarded(PAGERDUTY_ADD, ["total", "revenue", "amount", "sales"]), unguarded(SLACK),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P1)
R("发送时间改到每天晚上9点，频道换成 #sales-cn",
  sched(at="21:00"), svc("slack", "create", "sales-cn"), kept("n2", "n3", "n4"), NQ, prior=P1)
R("只有公司邮箱（不是 gmail.com、qq.com 这种）的线索才给我发邮件，表格还是每条都记",
  guarded(GMAIL, ["email", "邮箱"]), unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P2)
R("Use ClickUp instead of monday.com",
  CLICKUP_ADD, removed(svc(["monday_com", "monday", "mondaycom"])), kept("n1", "n3"), NQ, prior=P3)
R("有货的时候除了发邮件，也给我发一条 Telegram",
  TELEGRAM, guarded(TELEGRAM, ["stock"]), kept("n1", "n2", "n3", "n4"), NQ, prior=P4)
R("check every 10 minutes instead of hourly",
  sched(every_minutes=10), kept("n2", "n3", "n4"), NQ, prior=P4)
R("Emails in the 'other' category should open a new conversation in Help Scout.",
  HELPSCOUT_ADD, branches(svc("zendesk"), svc("jira"), HELPSCOUT_ADD), guarded(HELPSCOUT_ADD),
  kept("n1", "n2", "n3", "n4", "n5"), NQ, prior=P5)
R("bug 类的不要再建 Jira 了，改成在 GitLab 上建 issue",
  GITLAB_ADD, removed(svc("jira")), guarded(GITLAB_ADD), branches(svc("zendesk"), GITLAB_ADD),
  kept("n1", "n2", "n3", "n4"), NQ, prior=P5)
R("订单金额超过1000的，通知改成发到 Microsoft Teams，其余的照旧发 Slack",
  TEAMS, SLACK, branches(TEAMS, SLACK), guarded(TEAMS, ["total", "amount", "price", "金额"]),
  unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P6)
R("Run this on weekdays only.",
  either(sched(at="09:00", weekday="monday"), guarded(DINGTALK, ["day", "week"])),
  either(sched(at="09:00", weekday="friday"), guarded(DINGTALK, ["day", "week"])),
  kept("n2", "n3"), NQ, prior=P7)
R("For the negative ones, also bump the ticket's priority to urgent in Zendesk.",
  svc("zendesk", "update"), guarded(svc("zendesk", "update"), ["sentiment", "negative"]),
  kept("n1", "n2", "n3", "n4"), NQ, prior=P8)
R("不要再发感谢邮件了",
  removed(EMAIL), kept("n1", "n2"), NQ, prior=P9)
R("If the Budget field is left empty, don't create the HubSpot contact, just send the thank-you email.",
  guarded(svc("hubspot"), "budget"), avoiding(EMAIL, svc("hubspot")), kept("n1", "n2", "n3"), SAT,
  NQ, prior=P9)
R("critical 的告警除了发短信，也在 Opsgenie 里建一个 alert",
  OPSGENIE_ADD, guarded(OPSGENIE_ADD, "severity"), branches(OPSGENIE_ADD, SLACK),
  kept("n1", "n2", "n3", "n4"), NQ, prior=P10)
R("make sure new stars get announced in Discord",
  UNCHANGED, prior=P11, note="already announces every new star on Discord")
R("摘要不要了，直接把标题和链接发到 Telegram",
  removed(ai("summarize")), TELEGRAM, kept("n1", "n3"), NQ, prior=P12)
R("When a request is approved, also post it to #purchasing on Mattermost.",
  MATTERMOST, order(APPROVAL, MATTERMOST), guarded(MATTERMOST), branches(MATTERMOST, EMAIL),
  kept("n1", "n2", "n3", "n4"), NQ, prior=P13)
R("筛选条件改成：状态是“待跟进”而且金额大于5万的客户",
  {"condition_node": True, "text": ["amount", "金额"]}, guarded(FEISHU, ["amount", "金额"]),
  guarded(FEISHU, ["status", "待跟进"]), kept("n1", "n2", "n4"), SAT, NQ, prior=P14)
R("Also create a follow-up activity in Pipedrive for each of those customers.",
  svc("pipedrive", "create"), guarded(svc("pipedrive", "create")), kept("n1", "n2", "n3", "n4"),
  NQ, prior=P14)
R("写数据库之前先检查一下邮箱格式，不合法的直接返回 400",
  guarded(POSTGRES, ["email", "邮箱"]), RESP_400, branches(POSTGRES, RESP_400),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P15)
R("Post it to Slack #eng-leads instead of Teams, and make it 5pm.",
  svc("slack", "create", "eng-leads"), removed(TEAMS), sched(at="17:00", weekday="friday"),
  kept("n2", "n3"), NQ, prior=P16)
R("合同金额大于50万的，登记完以后再发邮件给法务总监",
  EMAIL, guarded(EMAIL, ["amount", "金额"]), order(SHEETS_ADD, EMAIL), unguarded(SHEETS_ADD),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P17)
R("Also open a PagerDuty incident, but only when the failed workflow's name starts with prod-",
  PAGERDUTY_ADD, guarded(PAGERDUTY_ADD, ["workflow", "name", "prod"]), unguarded(SLACK),
  kept("n1", "n2"), SAT, NQ, prior=P18)
R("帮我加上用 AI 给新线索打分这一步",
  UNCHANGED, prior=P19, note="the prior already scores every new lead with an LLM")
R("备份改成每周日凌晨3点跑一次就行",
  sched(at="03:00", weekday="sunday"), kept("n2", "n3"), NQ, prior=P20)
R("Leads scoring between 40 and 70 should get a Todoist task for me to call them.",
  TODOIST, branches(svc("salesforce"), TODOIST), guarded(TODOIST, "score"), kept("n1", "n2", "n4"),
  SAT, NQ, prior=P19)


# ---------------------------------------------------------------- output
def _required(obj: Any) -> set[str]:
    """Apps beyond the top ten that ``obj`` (a check or selector) cannot be met without: a
    selector that a top-ten app or a core node would also satisfy (e.g. "email me") names none."""
    if isinstance(obj, list):
        return set().union(*(_required(x) for x in obj)) if obj else set()
    if not isinstance(obj, dict):
        return set()
    if "any" in obj:
        alts = [_required(x) for x in obj["any"]]
        return set() if not all(alts) else set().union(*alts)
    out: set[str] = set()
    for key in ("service", "app"):
        if key in obj:
            apps = {a.lower() for a in ([obj[key]] if isinstance(obj[key], str) else obj[key])}
            if not apps & TOP_TEN:
                out |= apps
    for key, value in obj.items():
        if key not in ("service", "app", "removed", "absent", "kept_ids"):
            out |= _required(value)
    return out


def _asked_apps(checks: list[dict[str, Any]]) -> set[str]:
    """Apps beyond the top ten the checks ask for (not the ones they want gone)."""
    return _required([c for c in checks if not ({"removed", "absent", "kept_ids"} & set(c))])


def build() -> list[dict[str, Any]]:
    rows = []
    for i, r in enumerate(REQUESTS):
        cats: set[str] = set()
        if any(CONDITION_CHECKS & set(c) for c in r["checks"]):
            cats.add("condition")
        if "prior" in r:
            cats.add("edit")
        if _asked_apps(r["checks"]):
            cats.add("longtail")
        if any("asks_about" in c for c in r["checks"]):
            cats.add("question")
        rows.append({
            "id": f"h{i:03d}",
            "split": SPLIT,
            "lang": "zh" if ZH.search(r["request"]) else "en",
            "categories": sorted(cats),
            **r,
        })
    return rows


def composition(rows: list[dict[str, Any]]) -> dict[str, int]:
    def count(pred: Any) -> int:
        return sum(1 for r in rows if pred(r))

    return {
        "all": len(rows),
        "zh": count(lambda r: r["lang"] == "zh"),
        "condition": count(lambda r: "condition" in r["categories"]),
        "edit": count(lambda r: "edit" in r["categories"]),
        "longtail": count(lambda r: "longtail" in r["categories"]),
        "question": count(lambda r: "question" in r["categories"]),
    }


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    comp = composition(rows)
    print(f"{comp['all']} requests -> {OUT}")
    for key in ("zh", "condition", "edit", "longtail", "question"):
        print(f"{key}: {comp[key]}")


if __name__ == "__main__":
    main()
