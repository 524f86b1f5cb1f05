"""Builds ``requests_fresh.jsonl``: a second held-out set of 90 requests, written by hand.

The first held-out third of ``requests.jsonl`` has been looked at while the planner was worked
on, so it no longer measures generalisation. These 90 requests are new sentences (not
paraphrases of ``requests.jsonl``), and their checks were written from what a demanding user
would want, without reading the planner's code or tests, without looking at any run output,
and without running the planner or the server on them. See docs/evaluation.md.

    .venv/bin/python bench/eval_planner/build_fresh.py   # rewrites requests_fresh.jsonl
    .venv/bin/python bench/eval_planner/run.py --set fresh

Every request here has ``"split": "fresh"`` and an id ``f000``…; the helpers, selectors and
edit priors (P1…P20) are those of build_set.py, so the checks mean exactly what they mean
there.
"""

# ruff: noqa: E501
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_set import (
    AIRTABLE_ADD,
    APPROVAL,
    ASANA_ADD,
    CLICKUP_ADD,
    COND,
    CONDITION_CHECKS,
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
    P12,
    P13,
    P14,
    P15,
    P17,
    P18,
    P19,
    P20,
    PIPEDRIVE_ADD,
    POSTGRES,
    SAT,
    SHEETS_ADD,
    SLACK,
    TEAMS,
    TELEGRAM,
    TOP_TEN,
    WAIT,
    WECOM,
    ZENDESK_ADD,
    ZH,
    _apps,
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
    sched,
    svc,
    trig,
    request,
    unguarded,
)

HERE = Path(__file__).resolve().parent
OUT = HERE / "requests_fresh.jsonl"

FRESH: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, tags=(), note: str | None = None):
    FRESH.append(request(text, *checks, prior=prior, tags=tags, note=note))


# ---------------------------------------------------------------- selectors (long tail)
# catalog app ids (src/flowsmith/core/catalog/apps/*.json)
QB_ADD = svc("quickbooks", "create")
ZOOM_ADD = svc("zoom", "create")
SENTRY_READ = svc("sentry_io", "read")
PD_ADD = svc("pagerduty", "create")
MATTERMOST = svc("mattermost", "create")
GITLAB_ADD = svc("gitlab", "create")
HARVEST_READ = svc("harvest", "read")
EXCEL_ADD = svc("excel_365", "create")
FRESHDESK_ADD = svc("freshdesk", "create")
FRESHSERVICE_ADD = svc("freshservice", "create")
DEEPL = svc("deepl")
UPTIME_READ = svc("uptime_robot", "read")
OPSGENIE_ADD = svc("opsgenie", "create")
CONVERTKIT_ADD = svc("convertkit", "create")
WHATSAPP = svc("whatsapp", "create")
XERO_READ = svc("xero", "read")
XERO_ADD = svc("xero", "create")
SENDGRID = svc("sendgrid", "create")
SMARTSHEET_ADD = svc("smartsheet", "create")
GCAL_ADD = svc("google_calendar", "create")
GCAL_READ = svc("google_calendar", "read")
TODOIST_ADD = svc("todoist", "create")
TODOIST_READ = svc("todoist", "read")
ZOHO_ADD = svc("zoho_crm", "create")
SUPABASE_READ = svc("supabase", "read")
SUPABASE_ADD = svc("supabase", "create")
BIGQUERY_ADD = svc("bigquery", "create")
SHAREPOINT_ADD = svc("sharepoint", "create")
S3_ADD = svc("amazon_s3", "create")
PUSHOVER = svc("pushover", "create")
BITBUCKET_READ = svc("bitbucket", "read")
PERPLEXITY = svc("perplexity")
COPPER_ADD = svc("copper", "create")
LEMLIST_ADD = svc("lemlist", "create")
TOGGL_READ = svc("toggl", "read")
BASECAMP_ADD = svc("basecamp", "create")
CODA_READ = svc("coda", "read")
BREVO = svc("brevo", "create")
BASEROW_ADD = svc("baserow", "create")
LINE = svc("line", "create")
GDOCS_ADD = svc("google_docs", "create")
CLAUDE = anyof(svc("anthropic"), core(["llm_chat", "ai_agent", "information_extractor",
                                        "text_classifier", "summarizer"], ["claude", "anthropic"]))
AGGREGATE = core(["aggregate", "code"])  # "total per …": an Aggregate, or a Code step that sums
EMAIL_OR_REPLY = EMAIL
TWILIO = svc("twilio", "create")  # an SMS or a call (make) through Twilio, as named


# ================================================================ creates, English
R("Whenever a WooCommerce order over $250 is placed, create an invoice for it in QuickBooks. "
  "Smaller orders should just be logged to the 'Small orders' tab of our Google Sheet.",
  trig("app_event", "woocommerce", "order"), QB_ADD, SHEETS_ADD, branches(QB_ADD, SHEETS_ADD),
  guarded(QB_ADD, ["total", "amount", "price"]), SAT, NQ)
R("As soon as someone books a call with me on Calendly, set up a Zoom meeting for it and open a deal in HubSpot",
  trig("app_event", "calendly", ["invitee", "book"]), ZOOM_ADD, HUBSPOT_ADD, NQ)
R("Every 10 minutes pull the unresolved Sentry issues of project 'web' and open a PagerDuty incident for any issue with more than 100 events",
  trig("schedule"), sched(every_minutes=10), SENTRY_READ, PD_ADD, order(SENTRY_READ, PD_ADD),
  guarded(PD_ADD, ["count", "event"]), SAT, NQ)
R("When a Netlify deploy fails: 1) post the deploy log link to the 'releases' channel in Mattermost, 2) create a GitLab issue so somebody picks it up",
  trig(["app_event", "webhook"], "netlify", "fail"), MATTERMOST, GITLAB_ADD, NQ)
R("new GitLab merge request -> have Claude review the diff and post the review as a comment on the MR",
  trig("app_event", "gitlab", "merge"), CLAUDE, anyof(GITLAB_ADD, http("gitlab")),
  order(CLAUDE, anyof(GITLAB_ADD, http("gitlab"))), NQ)
R("Every Monday at 08:15, read last week's time entries from Harvest, total the hours per project and append the totals to the 'Utilisation' sheet in Excel 365",
  trig("schedule"), sched(at="08:15", weekday="monday"), HARVEST_READ, AGGREGATE, EXCEL_ADD,
  order(HARVEST_READ, AGGREGATE), order(AGGREGATE, EXCEL_ADD), NQ)
R("When a Stripe dispute is opened, notify finance in Slack #disputes. If the disputed amount is 500 EUR or more, a high-priority Freshdesk ticket should also be created.",
  trig(["app_event", "webhook"], "stripe", "dispute"), SLACK, unguarded(SLACK), FRESHDESK_ADD,
  guarded(FRESHDESK_ADD, "amount"), SAT, NQ)
R("Whenever a SurveyMonkey response is completed, translate the free-text answer into English with DeepL and store the original plus the translation in Airtable",
  trig("app_event", "surveymonkey", "response"), DEEPL, AIRTABLE_ADD, order(DEEPL, AIRTABLE_ADD), NQ)
R("Check our UptimeRobot monitors every 5 minutes. If any monitor is down, create an Opsgenie alert; if everything is up, do nothing.",
  trig("schedule"), sched(every_minutes=5), UPTIME_READ, OPSGENIE_ADD, order(UPTIME_READ, OPSGENIE_ADD),
  guarded(OPSGENIE_ADD, ["status", "down"]), SAT, NQ)
R("Every new Gumroad sale should add the buyer to ConvertKit and send them a WhatsApp message with the download link",
  trig("app_event", "gumroad", "sale"), CONVERTKIT_ADD, WHATSAPP, NQ)
R("On the 1st of each month at 7:00 get all unpaid invoices from Xero. Invoices more than 30 days overdue: email the customer a reminder through SendGrid. The others: just list them in our Smartsheet 'AR' sheet.",
  trig("schedule"), sched(at="07:00"), XERO_READ, SENDGRID, SMARTSHEET_ADD,
  branches(SENDGRID, SMARTSHEET_ADD), guarded(SENDGRID, ["due", "overdue", "day", "date"]),
  order(XERO_READ, SENDGRID), SAT, NQ)
R("I'd like every response to the 'Event signup' Google Form to become an event in Google Calendar, and the person should get a confirmation email",
  trig(["app_event", "webhook"], "google_forms", ["form", "submit", "response"]), GCAL_ADD, EMAIL, NQ)
R("When a Chargebee subscription is cancelled, create a follow-up task in Todoist for the account manager and update the lead's status in Zoho CRM",
  trig("app_event", "chargebee", "cancel"), TODOIST_ADD, svc("zoho_crm", "update"), NQ)
R("Nightly at 01:30, copy yesterday's rows from the Supabase 'orders' table into BigQuery",
  trig("schedule"), sched(at="01:30"), SUPABASE_READ, BIGQUERY_ADD, order(SUPABASE_READ, BIGQUERY_ADD), NQ)
R("When a scan lands in the OneDrive folder 'Scans', run OCR on it with Mistral. If the text mentions 'invoice', upload it to the SharePoint 'Invoices' library; everything else goes to the 'misc' folder of our S3 bucket.",
  trig("app_event", "onedrive", "file"), svc("mistral_ai"), SHAREPOINT_ADD, S3_ADD,
  branches(SHAREPOINT_ADD, S3_ADD), guarded(SHAREPOINT_ADD, ["invoice"]),
  order(svc("mistral_ai"), SHAREPOINT_ADD), SAT, NQ)
R("Send me a Pushover notification when the BTC price from https://api.coinbase.com/v2/prices/BTC-USD/spot drops under 50,000 USD. Poll it every 2 minutes.",
  trig("schedule"), sched(every_minutes=2), http("api.coinbase.com"), PUSHOVER,
  order(http("api.coinbase.com"), PUSHOVER), guarded(PUSHOVER, ["amount", "price"]), SAT, NQ)
R("When a PayPal payment gets refunded, record the refund in QuickBooks and tell #finance on Slack",
  trig(["app_event", "webhook"], "paypal", "refund"), QB_ADD, SLACK, NQ)
R("Whenever a Help Scout customer gives a satisfaction rating of 'Not Good', create a Jira issue for the support lead and post the conversation link in Microsoft Teams",
  trig("app_event", "help_scout", ["satisfaction", "rating"]), JIRA_ADD, TEAMS,
  guarded(JIRA_ADD, "rating"), guarded(TEAMS, "rating"), SAT, NQ)
R("at 6pm on weekdays fetch the pull requests merged today in our Bitbucket repo and post a little changelog to Discord",
  trig("schedule"), sched(at="18:00"), BITBUCKET_READ, DISCORD, order(BITBUCKET_READ, DISCORD), NQ)
R("When a new lead is created in Copper, look the company up with Perplexity to find out its size. "
  "Companies over 200 employees: create an opportunity in Copper for enterprise sales. Otherwise add the lead to our Lemlist nurture campaign.",
  trig("app_event", "copper", "lead"), PERPLEXITY, COPPER_ADD, LEMLIST_ADD,
  branches(COPPER_ADD, LEMLIST_ADD), guarded(COPPER_ADD, ["size", "employee"]),
  order(PERPLEXITY, COPPER_ADD), SAT, NQ)
R("Fridays at 15:00: post a reminder in the #timesheets channel on Mattermost for everyone who has logged fewer than 40 hours in Toggl this week",
  trig("schedule"), sched(at="15:00", weekday="friday"), TOGGL_READ, MATTERMOST,
  order(TOGGL_READ, MATTERMOST), guarded(MATTERMOST, ["hour", "duration", "time"]), SAT, NQ)
R("Whenever a row is added to the 'Requests' table in SeaTable, create a Basecamp to-do for the ops team",
  trig("app_event", "seatable", "row"), BASECAMP_ADD, NQ)
R("When a customer pays a Square invoice, move the matching Trello card to the 'Paid' list",
  trig(["app_event", "webhook"], "square", "invoice"), svc("trello", "update"), NQ)
R("Poll https://api.github.com/repos/acme/widgets/releases/latest every hour; when the tag is different from last time, purge the Cloudflare cache and kick off a Jenkins build",
  trig("schedule"), sched(every_minutes=60), svc("github", "read"), svc("cloudflare"), svc("jenkins"),
  order(svc("github", "read"), svc("jenkins")), anyof(core("remove_duplicates"), COND), NQ)
R("Every weekday at 9 read today's row from the 'On call' table in Coda and send the engineer on call their shift details on Telegram",
  trig("schedule"), sched(at="09:00"), CODA_READ, TELEGRAM, order(CODA_READ, TELEGRAM), NQ)
R("When our Jotform 'Job application' form gets a submission, pull out the skills and years of experience with AI. "
  "Applicants with 5+ years go into Airtable (Senior table); everyone else gets a polite no-thanks email through Brevo.",
  trig("app_event", "jotform", ["form", "submi"]), ai("extract"), AIRTABLE_ADD, BREVO,
  branches(AIRTABLE_ADD, BREVO), guarded(AIRTABLE_ADD, ["year", "experience"]),
  order(ai("extract"), AIRTABLE_ADD), SAT, NQ)
R("Give me a webhook for our basement sensor. Log every reading to Google Sheets, and when the humidity is above 70% switch on the dehumidifier through Home Assistant.",
  trig("webhook"), SHEETS_ADD, unguarded(SHEETS_ADD), svc("home_assistant"),
  guarded(svc("home_assistant"), "humidity"), SAT, NQ)
R("Each time someone posts in our Telegram group, run the text through AWS Comprehend for sentiment, and forward the negative ones to me on Slack",
  trig("app_event", "telegram", "message"), svc("aws_comprehend"), SLACK,
  order(svc("aws_comprehend"), SLACK), guarded(SLACK, ["sentiment", "negative"]), SAT, NQ)
R("Search Twitter for \"acme outage\" every 3 hours and open a Zendesk ticket for each tweet found",
  trig("schedule"), sched(every_minutes=180), svc("twitter", "read"), ZENDESK_ADD,
  order(svc("twitter", "read"), ZENDESK_ADD), NQ)
R("If a Cal.com booking is cancelled, delete the matching event from Google Calendar and let the host know by email",
  trig("app_event", "cal_com", "cancel"), svc("google_calendar", "delete"), EMAIL, NQ)
R("Take the CSV attached to each email sent to reports@acme.io and upload it to the 'raw' S3 bucket. If an email has no attachment, reply asking the sender to attach the file.",
  trig(["email", "app_event"]), S3_ADD, EMAIL_OR_REPLY, branches(S3_ADD, EMAIL_OR_REPLY),
  guarded(S3_ADD, ["attach", "binary"]), SAT, NQ)
R("Keep Intercom and ActiveCampaign in sync: every 30 minutes fetch the Intercom users updated since the last run and create or update them as ActiveCampaign contacts",
  trig("schedule"), sched(every_minutes=30), svc("intercom", "read"),
  svc("activecampaign", ["create", "update"]),
  order(svc("intercom", "read"), svc("activecampaign", ["create", "update"])), NQ)
R("Whenever someone fills in our Facebook lead ad, create the lead in Zoho CRM and send the sales rep a LINE message",
  trig("app_event", "facebook", "lead"), ZOHO_ADD, LINE, NQ)
R("I run a Shopify store. When an order is paid and ships to Canada, POST it to https://api.shipcan.example/v1/shipments; US orders go to https://api.shipus.example/v1/shipments; "
  "for any other country email me so I can handle it by hand.",
  trig("app_event", "shopify", ["paid", "order"]), http("shipcan"), http("shipus"), EMAIL,
  branches(http("shipcan"), http("shipus"), EMAIL), guarded(http("shipcan"), "country"), SAT, NQ)
R("Every Sunday at 20:00 take the 5 most-viewed videos of the week from our YouTube channel and publish a short roundup post on LinkedIn",
  trig("schedule"), sched(at="20:00", weekday="sunday"), svc("youtube", "read"),
  svc("linkedin", "create"), order(svc("youtube", "read"), svc("linkedin", "create")),
  anyof(core(["limit", "sort", "code"]), ai("any")), NQ,
  note="the top 5 may be picked by a Limit/Sort, a Code step, or the model writing the roundup")
R("Page the on-call engineer through Opsgenie whenever a Taiga issue is created with severity 'Critical'",
  trig("app_event", "taiga", "issue"), OPSGENIE_ADD, guarded(OPSGENIE_ADD, "severity"), SAT, NQ)
R("Every 15 minutes read the new rows of the MySQL table support_calls. Calls longer than 20 minutes get a Freshservice ticket, the rest are just logged in Baserow.",
  trig("schedule"), sched(every_minutes=15), svc("mysql"), FRESHSERVICE_ADD, BASEROW_ADD,
  branches(FRESHSERVICE_ADD, BASEROW_ADD), guarded(FRESHSERVICE_ADD, ["duration", "minute", "length"]),
  SAT, NQ)
R("every morning at 6 ask Perplexity for the latest news about our competitors (Globex, Initech) and mail the digest to my Gmail",
  trig("schedule"), sched(at="06:00"), PERPLEXITY, GMAIL, order(PERPLEXITY, GMAIL), NQ)
R("Check our Wise EUR balance every day at noon; if it falls below 2,000, send the CFO a WhatsApp message",
  trig("schedule"), sched(at="12:00"), svc("wise", "read"), WHATSAPP, order(svc("wise", "read"), WHATSAPP),
  guarded(WHATSAPP, ["balance", "amount", "value"]), SAT, NQ)
R("When a Typeform survey comes in, have Claude score the answers from 1 to 10 and save the score together with the response in Notion",
  trig("app_event", "typeform", ["submit", "response", "form"]), CLAUDE, NOTION_ADD,
  order(CLAUDE, NOTION_ADD), NQ)

# ================================================================ creates, Chinese
R("每当WooCommerce有新订单，并且支付方式是货到付款，就在钉钉群里提醒仓库先电话确认；其他订单直接写进谷歌表格",
  trig("app_event", "woocommerce", "order"), DINGTALK, SHEETS_ADD, branches(DINGTALK, SHEETS_ADD),
  guarded(DINGTALK, ["payment", "支付", "cod"]), SAT, NQ)
R("每周一早上8:30从GitLab拉取上周关闭的issue，按标签统计数量，生成报告发到飞书群",
  trig("schedule"), sched(at="08:30", weekday="monday"), svc("gitlab", "read"), AGGREGATE, FEISHU,
  order(svc("gitlab", "read"), FEISHU), NQ)
R("一旦Sentry出现新的错误，就用AI总结一下可能的原因，然后发到企业微信群",
  anyof(trig("app_event", "sentry_io"), SENTRY_READ), ai("summarize"), WECOM,
  order(ai("summarize"), WECOM), NQ)
R("每天晚上10点把Shopify当天已付款订单的金额加起来，总额超过5万元就在钉钉群发喜报，否则什么都不做",
  trig("schedule"), sched(at="22:00"), svc("shopify", "read"), AGGREGATE, DINGTALK,
  guarded(DINGTALK, ["total", "sum", "金额", "amount"]), SAT, NQ)
R("有客户通过Calendly预约产品演示时，在Pipedrive里创建一个交易，再用企业微信通知对应的销售",
  trig("app_event", "calendly", ["invitee", "book"]), PIPEDRIVE_ADD, WECOM, NQ)
R("每3分钟查一次 https://api.example.cn/v1/queue 的积压数量：超过5000条就用Twilio打电话给值班的人，1000到5000条之间就发飞书消息，其他情况不用管",
  trig("schedule"), sched(every_minutes=3), http("api.example.cn"), TWILIO, FEISHU, branches(TWILIO, FEISHU),
  guarded(FEISHU), SAT, NQ)
R("新的Jotform报名表提交后，把报名人加进Mailchimp的“活动”受众，再用Vonage发一条短信确认",
  trig("app_event", "jotform", ["form", "submi"]), MAILCHIMP_ADD, svc("vonage", "create"), NQ)
R("工作日每天上午11点在Mattermost的dev频道发站会提醒",
  trig("schedule"), sched(at="11:00"), MATTERMOST, NQ)
R("每当GitHub仓库有新的PR，如果改动的文件超过50个，就在PR下评论提醒作者拆分；否则让AI审查代码，并把审查意见评论到PR上",
  trig("app_event", "github", ["pull", "pr"]), ai("any"), svc("github", "create"),
  guarded(ai("any"), ["file", "changed"]), order(ai("any"), svc("github", "create")), SAT, NQ)
R("一旦Stripe发生退款，就在QuickBooks里记一笔，同时在企业微信里通知财务",
  trig(["app_event", "webhook"], "stripe", "refund"), QB_ADD, WECOM, NQ)
R("每隔两小时读取Snowflake里的库存表，低于安全库存的商品在ClickUp里给采购建任务",
  trig("schedule"), sched(every_minutes=120), svc("snowflake", "read"), CLICKUP_ADD,
  order(svc("snowflake", "read"), CLICKUP_ADD),
  guarded(CLICKUP_ADD, ["stock", "库存", "quantity", "inventory"]), SAT, NQ)
R("Help Scout里有新会话时，先用DeepL翻译成中文，再发到飞书群",
  trig("app_event", "help_scout", "conversation"), DEEPL, FEISHU, order(DEEPL, FEISHU), NQ)
R("每天早上7点读一下谷歌日历里今天的会议，有会议就用钉钉提醒我，没有会议就别发",
  trig("schedule"), sched(at="07:00"), GCAL_READ, DINGTALK, order(GCAL_READ, DINGTALK),
  guarded(DINGTALK), SAT, NQ)
R("Square有新付款时，金额大于等于1000美元的在HubSpot里建交易，小于1000美元的只写进Airtable",
  trig(["app_event", "webhook"], "square", "payment"), HUBSPOT_ADD, AIRTABLE_ADD,
  branches(HUBSPOT_ADD, AIRTABLE_ADD), guarded(HUBSPOT_ADD, ["amount", "金额", "total"]), SAT, NQ)
R("帮我建个流程：每月最后一天下午5点，从Harvest导出本月的工时，在Xero里生成发票，然后用邮件发给客户",
  trig("schedule"), sched(at="17:00"), HARVEST_READ, XERO_ADD, EMAIL, order(HARVEST_READ, XERO_ADD),
  order(XERO_ADD, EMAIL), NQ)
R("当谷歌云盘的“合同”文件夹里有新文件时，用Claude提取合同金额和到期日；金额超过20万的要法务总监审批，审批通过后登记到Smartsheet，其他的直接登记到Smartsheet",
  trig("app_event", "google_drive", "file"), CLAUDE, APPROVAL, SMARTSHEET_ADD,
  guarded(APPROVAL, ["amount", "金额"]), order(APPROVAL, SMARTSHEET_ADD),
  {"path_avoiding": {"to": SMARTSHEET_ADD, "avoid": APPROVAL}}, SAT, NQ)
R("Gumroad每卖出一单，就发一条推特感谢买家",
  trig("app_event", "gumroad", "sale"), svc("twitter", "create"), NQ)
R("每10分钟检查一次我们Netlify站点的部署状态，如果最近一次部署失败了，就在Linear建一个bug，并用Pushover推送给我",
  trig("schedule"), sched(every_minutes=10), svc("netlify", "read"), LINEAR_ADD, PUSHOVER,
  guarded(LINEAR_ADD, ["state", "status", "error", "fail"]), guarded(PUSHOVER), SAT, NQ)
R("Cal.com上的会议结束以后，等30分钟，再通过Brevo给参会人发一封满意度调查邮件",
  trig("app_event", "cal_com", "end"), WAIT, BREVO, order(WAIT, BREVO), NQ)
R("每天凌晨3点把Redis里key为“daily:signups”的计数读出来写进BigQuery，写完之后把这个key清零",
  trig("schedule"), sched(at="03:00"), svc("redis"), BIGQUERY_ADD, order(svc("redis"), BIGQUERY_ADD),
  order(BIGQUERY_ADD, svc("redis")), NQ)
R("SurveyMonkey问卷里打0到6分的（贬损者）马上在Freshdesk建工单让客服回访；打9到10分的推荐者加到ActiveCampaign的“推荐者”列表",
  trig("app_event", "surveymonkey", "response"), FRESHDESK_ADD, svc("activecampaign"),
  branches(FRESHDESK_ADD, svc("activecampaign")), guarded(FRESHDESK_ADD, ["score", "nps", "分"]), SAT, NQ)
R("每周五下午四点，从Todoist取出本周完成的任务，让AI写一段周报，保存成一份谷歌文档",
  trig("schedule"), sched(at="16:00", weekday="friday"), TODOIST_READ, ai("any"), GDOCS_ADD,
  order(TODOIST_READ, ai("any")), order(ai("any"), GDOCS_ADD), NQ)
R("Keap里新增联系人时，无论如何都先在Zoho CRM里建一条线索；如果标签里有“VIP”，再用企业微信通知客户成功团队",
  trig("app_event", "keap", "contact"), ZOHO_ADD, unguarded(ZOHO_ADD), WECOM,
  guarded(WECOM, ["tag", "标签", "vip"]), SAT, NQ)
R("Bitbucket的main分支一有新的push，就触发CircleCI流水线；如果触发失败，在钉钉群里报警",
  trig("app_event", "bitbucket", "push"), svc("circleci"), DINGTALK, order(svc("circleci"), DINGTALK),
  anyof(guarded(svc("circleci"), ["branch", "ref", "main"]), {"trigger_node": True, "text": "main"}), NQ)
R("每天早上9点，把昨天Gmail里收到的标题带“报价”的邮件整理出来，写到Excel在线表格里",
  trig("schedule"), sched(at="09:00"), svc("gmail", "read"), EXCEL_ADD, order(svc("gmail", "read"), EXCEL_ADD),
  anyof(guarded(EXCEL_ADD, ["subject", "报价"]), svc("gmail", "read", "报价")), NQ)
R("PayPal一有新的订阅激活，就在Notion客户数据库里建一条记录，并通过LINE给客户发欢迎消息",
  trig(["app_event", "webhook"], "paypal", "subscription"), NOTION_ADD, LINE, NQ)

# ================================================================ vague: the answer is a question
R("Can you set up something for our invoices?",
  asks("invoice", "which", "what", "quickbooks", "xero", "service", "app"))
R("Notify the team.",
  asks("when", "trigger", "which", "what", "channel", "slack"))
R("帮我把客户信息同步一下",
  asks("哪", "什么", "客户", "which", "source", "crm"))
R("每天提醒我一下",
  asks("什么", "提醒", "哪", "what", "channel", "which"))

# ================================================================ edits of build_set's priors
# P1 daily sales: schedule 8:00 -> GET sales -> summarise -> Slack
R("It shouldn't run at weekends - Monday to Friday at 8 only",
  anyof(sched(at="08:00", weekday="friday"), guarded(SLACK, ["day", "weekday", "week"])),
  kept("n2", "n3", "n4"), NQ, prior=P1,
  note="a Mon-Fri schedule (cron 1-5) or a weekday condition before Slack")
R("统计结果也存一份到Supabase", SUPABASE_ADD, order(core("http_request"), SUPABASE_ADD),
  kept("n1", "n2", "n3", "n4"), NQ, prior=P1)
# P2 website leads: webhook -> sheet -> gmail
R("If the lead's company field is empty, enrich it first by calling https://api.clearbit.example/enrich?email=... before it goes into the sheet",
  http("clearbit"), guarded(http("clearbit"), "company"), order(http("clearbit"), SHEETS_ADD),
  {"path_avoiding": {"to": SHEETS_ADD, "avoid": http("clearbit")}}, kept("n1", "n2", "n3"), SAT, NQ,
  prior=P2)
# P3 Jira -> monday -> Slack
R("Use Asana instead of monday.com, and only for issues in the OPS project",
  ASANA_ADD, removed(MONDAY_ADD),
  anyof(guarded(ASANA_ADD, "project"), {"trigger_node": True, "text": "ops"}), kept("n1", "n3"), NQ,
  prior=P3, note="an IF on the project, or the Jira trigger limited to project OPS")
# P4 stock watch: hourly -> page check -> if in stock -> email
R("不在库存的时候什么都不用做，但是每次检查的结果都要记到Baserow里",
  BASEROW_ADD, unguarded(BASEROW_ADD), order(core("web_page_check"), BASEROW_ADD),
  kept("n1", "n2", "n3", "n4"), NQ, prior=P4)
# P5 support triage: email -> classify -> switch -> Zendesk / Jira
R("Before classifying, translate the emails into English with DeepL",
  DEEPL, order(DEEPL, core("text_classifier")), kept("n1", "n2", "n3", "n4", "n5"), NQ, prior=P5)
R("账单类的不要在Zendesk建工单了，改成在Freshdesk建",
  FRESHDESK_ADD, removed(ZENDESK_ADD), guarded(FRESHDESK_ADD), kept("n1", "n2", "n3", "n5"), NQ, prior=P5)
# P6 Shopify order -> sheet -> Slack
R("for orders shipping outside the US, also create a customs task in Todoist",
  TODOIST_ADD, guarded(TODOIST_ADD, ["country", "shipping"]), unguarded(SHEETS_ADD),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P6)
# P7 每日销售报告: 9:00 -> Postgres -> DingTalk
R("周末就不用发钉钉了",
  anyof(sched(at="09:00", weekday="friday"), guarded(DINGTALK, ["day", "weekday", "周", "星期"])),
  kept("n2", "n3"), NQ, prior=P7,
  note="a Mon-Fri schedule or a weekday condition before DingTalk")
# P8 新工单提醒: Zendesk -> sentiment -> if negative -> WeCom
R("负面工单同时在PagerDuty里建一个事件",
  PD_ADD, guarded(PD_ADD, ["sentiment", "negative"]), kept("n1", "n2", "n3", "n4"), NQ, prior=P8)
# P9 form -> HubSpot -> thank-you email
R("Send the thank-you email through SendGrid rather than plain SMTP",
  SENDGRID, removed(core("send_email")), order(svc("hubspot"), SENDGRID), kept("n1", "n2"), NQ, prior=P9)
# P10 incident alerts: webhook -> if critical -> SMS / Slack
R("critical的告警同时在Opsgenie里建一条告警",
  OPSGENIE_ADD, guarded(OPSGENIE_ADD, "severity"), kept("n1", "n2", "n3", "n4"), NQ, prior=P10)
# P12 RSS -> summarise -> Telegram
R("Only send posts longer than 1000 words to Telegram; shorter ones just go into my Todoist 'Read later' project",
  TODOIST_ADD, branches(TELEGRAM, TODOIST_ADD), guarded(TELEGRAM, ["length", "word", "content"]),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P12)
# P13 purchase approval: form -> approval -> Airtable / decline email
R("审批通过后，在QuickBooks里创建一张采购账单",
  QB_ADD, order(APPROVAL, QB_ADD), guarded(QB_ADD), kept("n1", "n2", "n3", "n4"), NQ, prior=P13)
# P14 客户跟进: daily 10:00 -> Sheets read -> filter 待跟进 -> Feishu
R("跟进提醒除了发飞书，还要用WhatsApp发给客户本人",
  WHATSAPP, guarded(WHATSAPP, ["status", "待跟进"]), kept("n1", "n2", "n3", "n4"), NQ, prior=P14)
# P15 signup: webhook -> Postgres -> Mailchimp -> respond
R("If the signup's email domain is on our blocklist (mailinator.com, tempmail.com), respond with 403 and don't save anything",
  core("webhook_response", "403"), guarded(POSTGRES, ["email", "domain", "mailinator"]),
  guarded(MAILCHIMP_ADD, ["email", "domain", "mailinator"]),
  branches(POSTGRES, core("webhook_response", "403")), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P15)
# P17 contract intake: Box -> extract -> Sheets
R("contracts under 5,000 don't need to be logged, only the bigger ones",
  guarded(SHEETS_ADD, "amount"), kept("n1", "n2", "n3"), SAT, NQ, prior=P17)
# P18 error trigger -> Slack
R("only alert for failures of workflows whose name starts with 'prod-', ignore the rest",
  guarded(SLACK, ["workflow", "name", "prod"]), kept("n1", "n2"), SAT, NQ, prior=P18)
# P19 lead scoring: HubSpot -> LLM score -> if > 70 -> Salesforce
R("Use Anthropic's Claude to score the leads instead of the current model",
  CLAUDE, order(CLAUDE, core("if")), kept("n1", "n3", "n4"), NQ, prior=P19)
# P20 nightly Notion -> Dropbox
R("备份之前先检查Notion有没有返回数据，如果是空的就发邮件告诉我，不要上传",
  EMAIL, branches(svc("dropbox"), EMAIL), kept("n1", "n2", "n3"), SAT, NQ, prior=P20)


# ---------------------------------------------------------------- output
def build() -> list[dict[str, Any]]:
    rows = []
    for i, r in enumerate(FRESH):
        lang = "zh" if ZH.search(r["request"]) else "en"
        cats = set(r.get("tags", []))
        if any(CONDITION_CHECKS & set(c) for c in r["checks"]):
            cats.add("condition")
        if "prior" in r:
            cats.add("edit")
        if any("asks_about" in c for c in r["checks"]):
            cats.add("question")
        # names a service beyond the ten most common: a service the checks ask for (not one an
        # edit removes). build_set's word list is not used here: its "monday" also matches the
        # weekday.
        wanted = [c for c in r["checks"] if "removed" not in c]
        if _apps(wanted) - TOP_TEN:
            cats.add("longtail")
        rows.append({
            "id": f"f{i:03d}",
            "split": "fresh",
            "lang": lang,
            "categories": sorted(cats),
            **{k: v for k, v in r.items() if k != "tags"},
        })
    return rows


def composition(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {
        "all": len(rows),
        "zh": sum(r["lang"] == "zh" for r in rows),
        "en": sum(r["lang"] == "en" for r in rows),
        "condition": sum("condition" in r["categories"] for r in rows),
        "edit": sum("edit" in r["categories"] for r in rows),
        "longtail": sum("longtail" in r["categories"] for r in rows),
        "question": sum("question" in r["categories"] for r in rows),
    }


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    comp = composition(rows)
    n = comp["all"]
    print(f"{n} requests -> {OUT}")
    for k, v in comp.items():
        if k != "all":
            print(f"{k}: {v} ({v / n:.0%})")


if __name__ == "__main__":
    main()
