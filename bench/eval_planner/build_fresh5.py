"""Builds ``requests_fresh5.jsonl``: another fresh held-out set for the planner, written blind.

80 new requests (ids ``j000``–``j079``, ``"split": "fresh5"``), written on 2026-12-06
(22:05–22:50 UTC) by a helper session that did not read the planner's code or tests
(``src/flowsmith/planner/``, ``src/flowsmith/agent/``, ``tests/planner/``, ``tests/agent/``,
``ops_sweep.py``, ``op_choice.py``, ``service_words.py``), never ran the planner, the server,
``make run`` or ``run.py``, and did not open any other fresh set or its builder (except
``build_fresh2.py``, as a format model) nor any run output. It read ``build_set.py``,
``build_fresh2.py``, ``checks.py``, ``test_fresh_set.py``, ``docs/evaluation.md`` and the catalog,
so that selectors name real apps and operations.

Each request was written first, as a user would type it (developers, data people, IT/DevOps and
people automating their own notes, calendars, money, home, reading, health and content), then its
checks from what a demanding user would want, no stricter and no looser: ``either``/``anyof``
where several graphs are equally right (a filter on the trigger or in a query instead of an IF,
an aggregate or a code node, a second schedule instead of a weekday IF). The helpers and the
priors P1–P20 are those of ``build_set.py``.

    .venv/bin/python bench/eval_planner/build_fresh5.py   # rewrites requests_fresh5.jsonl
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
    JIRA_ADD,
    LINEAR_ADD,
    MAILCHIMP_ADD,
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
    SLACK,
    SMS,
    SNOW_ADD,
    TEAMS,
    TELEGRAM,
    TOP_TEN,
    TRELLO_ADD,
    UNCHANGED,
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

OUT = HERE / "requests_fresh5.jsonl"
SPLIT = "fresh5"
PREFIX = "j"

# the brief's "ten most common" plus HubSpot, Airtable and Trello: the long tail is beyond these
COMMON = TOP_TEN | {"hubspot", "airtable", "trello"}

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))






CLAUDE = anyof(svc("anthropic"), {"ai": "any", "text": "claude"})
MISTRAL = anyof(svc("mistral_ai"), {"ai": "any", "text": "mistral"})
PAGERDUTY_ADD = svc("pagerduty", "create")
OPSGENIE_ADD = svc("opsgenie", "create")
MATTERMOST = svc("mattermost", "create")
WHATSAPP = svc("whatsapp", "create")
PUSHOVER = svc("pushover", "create")
PUSHBULLET = svc("pushbullet", "create")
GOTIFY = svc("gotify", "create")
LINE = svc("line", "create")
VONAGE = svc("vonage", "create")
GCAL_READ = svc("google_calendar", "read")
GTASKS_ADD = svc("google_tasks", "create")
EXCEL_ADD = svc("excel_365", "create")
ZOOM_ADD = svc("zoom", "create")
HA_CALL = {"service": "home_assistant", "text": "call"}  # a Home Assistant service call
TODOIST = svc("todoist")
MEMORY = core(["buffer_memory", "redis_memory", "postgres_memory", "n8n_memory"])


# ================================================================ creates, English
R("I log my weight and hours of sleep every morning in a Google Form. Put every entry in my Grist 'health' table, and when I slept less than 6 hours send me a Pushbullet nudge to go to bed early tonight",
  trig("app_event", "google_forms", ["form", "submi"]), svc("grist", "create"), unguarded(svc("grist", "create")),
  PUSHBULLET, guarded(PUSHBULLET, ["sleep", "hour"]), SAT, NQ)
R("new release published on github (n8n-io/n8n) -> summarize the release notes with AI -> post to our Rocket.Chat #tooling room",
  trig("app_event", "github", "release"), ai("summarize"), svc("rocketchat", "create"),
  order(ai("summarize"), svc("rocketchat", "create")), NQ)
R("When a Netlify deploy fails, open a Linear issue with a link to the deploy log and ping #frontend in Slack. Successful deploys don't need anything.",
  trig("app_event", "netlify", ["fail", "deploy"]), LINEAR_ADD, SLACK,
  either(trig("app_event", "netlify", "fail"), guarded(LINEAR_ADD, ["state", "status", "fail", "error"])),
  either(trig("app_event", "netlify", "fail"), guarded(SLACK, ["state", "status", "fail", "error"])), NQ)
R("Every 5 min query QuestDB for the average CPU per host over the last 5 minutes and raise an Opsgenie alert for each host above 90%",
  trig("schedule"), sched(every_minutes=5), svc("questdb"), OPSGENIE_ADD, order(svc("questdb"), OPSGENIE_ADD),
  either(guarded(OPSGENIE_ADD, ["cpu", "avg", "usage"]), svc("questdb", text="90")), NQ)
R("whenver someone new subscribes to my newsleter on ConvertKit, add a row for them in my Baserow 'audience' table",
  trig("app_event", "convertkit", "subscri"), svc("baserow", "create"), NQ)
R("Every Tuesday at 5pm get the views and likes of my last 10 YouTube videos and add them as rows to my Grist 'yt-stats' table",
  trig("schedule"), sched(at="17:00", weekday="tuesday"), svc("youtube", "read"), svc("grist", "create"),
  order(svc("youtube", "read"), svc("grist", "create")), NQ)
R("When a book in my Notion 'Reading' database gets status Finished, ask Claude for a 5 bullet recap and append it to that page",
  trig("app_event", "notion", "page"), CLAUDE, svc("notion", ["create", "update"]),
  order(CLAUDE, svc("notion", ["create", "update"])),
  either(guarded(CLAUDE, ["status", "finished"]), guarded(svc("notion", ["create", "update"]), ["status", "finished"]),
         trigger_text("finished")), NQ)
R("Any time a Wise transfer changes state to outgoing_payment_sent, log the amount and the recipient in my SeaTable 'spending' base",
  trig("app_event", "wise", "transfer"), svc("seatable", "create"),
  either(guarded(svc("seatable", "create"), ["state", "status", "sent"]), trigger_text("outgoing_payment_sent")), NQ)
R("My doorbell camera calls a webhook when someone rings. Always send me a Gotify notification, and if it's at night (between 23:00 and 06:00) also switch on the porch light through Home Assistant.",
  trig("webhook"), GOTIFY, unguarded(GOTIFY), HA_CALL, guarded(HA_CALL, ["hour", "time"]), SAT, NQ)
R("When a pull request gets merged in Bitbucket, let AI turn its title and description into a one-line release note and append it to our 'Changelog' Google Doc",
  trig("app_event", "bitbucket", ["fulfill", "merge"]), ai("any"), svc("google_docs", "update"),
  order(ai("any"), svc("google_docs", "update")), NQ)
R("hourly: copy the new rows of our MySQL `events` table into BigQuery",
  trig("schedule"), sched(every_minutes=60), svc("mysql"), svc("bigquery"), order(svc("mysql"), svc("bigquery")), NQ)
R("Employees request a new laptop through our Form.io form. Their manager has to approve it by email: if approved, raise a ticket for IT in Freshservice; if not, email the employee that it was declined.",
  trig("app_event", "formio", "submission"), APPROVAL, svc("freshservice", "create"), EMAIL,
  branches(svc("freshservice", "create"), EMAIL), order(APPROVAL, svc("freshservice", "create")), NQ)
R("Can you build me a chat bot that answers questions about my spending by looking things up in the 'transactions' table of my Supabase project?",
  trig("chat"), ai("any"),
  anyof(svc("supabase"), core(["n8n_tool", "http_tool", "code_tool", "workflow_tool"], "supabase")), NQ)
R("If any workflow fails, create an incident in ServiceNow with the error message. When the failing workflow's name starts with 'prod-', also trigger a PagerDuty incident.",
  trig("error"), SNOW_ADD, unguarded(SNOW_ADD), PAGERDUTY_ADD, guarded(PAGERDUTY_ADD, ["name", "prod"]), SAT, NQ)
R("one-off button: copy every file from my Box folder 'Taxes 2025' to my Nextcloud",
  trig("manual"), svc("box", "read"), svc("nextcloud", "create"), order(svc("box", "read"), svc("nextcloud", "create")), NQ)
R("Watch the arXiv cs.LG feed (http://export.arxiv.org/rss/cs.LG). Papers whose abstract mentions diffusion or retrieval go into the reading list table in my Coda doc, skip the rest",
  trig("rss"), svc("coda", "create"), guarded(svc("coda", "create"), ["diffusion", "retrieval"]), SAT, NQ)
R("Make a little form where my partner and I log shared expenses (who paid, amount, category). Each entry goes into our Smartsheet, and anything over 200 also gets messaged to both of us on WhatsApp",
  trig("form"), svc("smartsheet", "create"), unguarded(svc("smartsheet", "create")), WHATSAPP,
  guarded(WHATSAPP, "amount"), SAT, NQ)
R("When an email whose subject contains 'Your receipt' lands in my Outlook inbox, have AI pull out the merchant, date and total and append them to the receipts worksheet in my Excel 365 workbook",
  trig("email"), ai("extract"), EXCEL_ADD, order(ai("extract"), EXCEL_ADD),
  either(guarded(ai("extract"), ["subject", "receipt"]), guarded(EXCEL_ADD, ["subject", "receipt"]),
         trigger_text("receipt")), NQ)
R("if someone cancels a cal.com booking, delete the zoom meeting that belonged to it and tell me on telegram",
  trig("app_event", "cal_com", "cancel"), svc("zoom", "delete"), TELEGRAM, NQ)
R("Travis posts build results to a webhook of ours. Passed builds: nothing. Failed on main: open a PagerDuty incident. Failed on any other branch: message the committer on Mattermost.",
  trig("webhook"), PAGERDUTY_ADD, MATTERMOST, branches(PAGERDUTY_ADD, MATTERMOST),
  guarded(PAGERDUTY_ADD, ["branch", "main"]), guarded(MATTERMOST, ["status", "state", "result", "fail", "pass"]), SAT, NQ)
R("Mondays 7am: run the weekly revenue query in Snowflake and post the numbers to #data on Slack. If revenue fell more than 10% week over week, also open a Jira ticket so the data team looks into it",
  trig("schedule"), sched(at="07:00", weekday="monday"), svc("snowflake"), SLACK, unguarded(SLACK), JIRA_ADD,
  guarded(JIRA_ADD, ["revenue", "change", "drop", "pct", "percent", "diff", "delta", "growth", "wow"]),
  order(svc("snowflake"), SLACK), SAT, NQ)
R("On the first of every month at 8:00 read my balances from Wise and add them as a new entry in my Notion 'Net worth' database",
  trig("schedule"), sched(at="08:00"), svc("wise", "read"), svc("notion", "create"),
  order(svc("wise", "read"), svc("notion", "create")), NQ)
R("remind me to drink water evry 90 minutes via Vonage SMS, but only on weekdays between 9 and 18",
  trig("schedule"), sched(every_minutes=90), VONAGE, guarded(VONAGE, ["hour", "time", "day"]), SAT, NQ)
R("When someone comments on my Instagram and it's a question, let AI draft an answer and send me the draft on Telegram so I can check it. Do not post anything on Instagram automatically!",
  trig("app_event", "facebook", ["instagram", "comment"]), ai("any"), TELEGRAM, guarded(TELEGRAM),
  order(ai("any"), TELEGRAM), {"absent": svc("facebook", "create")}, NQ)
R("purge the Cloudflare cache for example.dev every night at 4am",
  trig("schedule"), sched(at="04:00"), svc("cloudflare"), NQ)
R("When a scan shows up in the 'scans' folder on OneDrive, invoke our AWS Lambda function ocr-scan with the file, then save the text it returns as a new Google Doc.",
  trig("app_event", "onedrive", "file"), svc("aws_lambda"), svc("google_docs", "create"),
  order(svc("aws_lambda"), svc("google_docs", "create")), NQ)
R("Job applications come in through Wufoo. Have Mistral score the CV from 1 to 10; 7 or higher -> create a Zoom interview, lower -> polite rejection email through Mailjet",
  trig("app_event", "wufoo", ["form", "submi", "entry"]), MISTRAL, ZOOM_ADD, svc("mailjet", "create"),
  branches(ZOOM_ADD, svc("mailjet", "create")), order(MISTRAL, ZOOM_ADD), SAT, NQ)
R("pls when the amazon shipping email arrives (from shipment-tracking@amazon.com) add 'bring in package' to my Microsoft To Do",
  trig("email"), svc("microsoft_todo", "create"),
  either(guarded(svc("microsoft_todo", "create"), ["from", "sender", "amazon"]), trigger_text("amazon")), NQ)

# ================================================================ creates, Chinese
R("每天晚上11点，把我今天Google日历上标了“运动”的日程时长加起来，写进Excel 365的“运动记录”表",
  trig("schedule"), sched(at="23:00"), GCAL_READ, anyof(core(["aggregate", "code"]), ai("any")),
  EXCEL_ADD, order(GCAL_READ, EXCEL_ADD), NQ)
R("我的Google日历里一有新建的日程，标题带“面试”的，就自动建一个Zoom会议，然后把会议链接发到企业微信上",
  trig("app_event", "google_calendar", "creat"), ZOOM_ADD, WECOM, order(ZOOM_ADD, WECOM),
  either(guarded(ZOOM_ADD, ["面试", "title", "summary"]), trigger_text("面试")), NQ)
R("每15分钟读一下Home Assistant里客厅温度传感器 sensor.living_room_temperature，超过28度就通过Home Assistant开空调制冷，低于18度就开暖气，其它情况什么都不做",
  trig("schedule"), sched(every_minutes=15), svc("home_assistant", "read"), HA_CALL,
  guarded(HA_CALL, ["state", "temp", "温度"]), order(svc("home_assistant", "read"), HA_CALL), SAT, NQ)
R("新同事入职时HR系统会往一个webhook推JSON（姓名、邮箱、团队）。收到后把他加进Grafana里对应的团队，再给他发一封欢迎邮件",
  trig("webhook"), svc("grafana", "create"), EMAIL, NQ)
R("我在Medium上写文章。https://medium.com/feed/@mypen 这个RSS一有新文章，就把全文存成文本文件放到Google Drive的“文章备份”文件夹里",
  trig("rss"), svc("google_drive", "create"), NQ)
R("PayPal收到付款后：金额大于1000美元的在QuickBooks里开发票并用钉钉通知我，小于等于1000的只在SeaTable里记一笔",
  trig("app_event", "paypal", ["captur", "payment"]), svc("quickbooks", "create"), DINGTALK, svc("seatable", "create"),
  branches(svc("quickbooks", "create"), svc("seatable", "create")), guarded(svc("quickbooks", "create"), ["amount", "金额", "value"]),
  guarded(DINGTALK, ["amount", "金额", "value"]), SAT, NQ)
R("每天晚上十点，把我今天在Notion里新建的笔记整理成一份摘要，发邮件给我自己",
  trig("schedule"), sched(at="22:00"), svc("notion", "read"), ai("summarize"), EMAIL,
  order(svc("notion", "read"), ai("summarize")), order(ai("summarize"), EMAIL), NQ)
R("读书会用Typeform报名。有人报名后，把他加进Mailchimp的“读书会”受众，再用Mailgun给他发一封确认邮件，附上本月书单",
  trig("app_event", "typeform", ["form", "submi"]), MAILCHIMP_ADD, svc("mailgun", "create"), NQ)
R("每天早上7点请求 https://api.health.example.cn/v1/sleep?date=yesterday 拿到我昨晚的睡眠数据，深睡不到1小时就在LINE上提醒我今晚早点睡，否则不用发",
  trig("schedule"), sched(at="07:00"), http("api.health.example.cn"), LINE,
  guarded(LINE, ["deep", "深睡", "sleep"]), order(http("api.health.example.cn"), LINE), SAT, NQ)
R("员工在Jotform上提交IT报修：类别是“网络”的在Freshservice建工单，类别是“电脑”的在ServiceNow建incident，其他类别发邮件给 it@corp.cn",
  trig("app_event", "jotform", ["form", "submi"]), svc("freshservice", "create"), SNOW_ADD, EMAIL,
  branches(svc("freshservice", "create"), SNOW_ADD, EMAIL), guarded(svc("freshservice", "create"), ["类别", "category", "type"]), SAT, NQ)
R("Bitbucket上有人push到release分支，就触发Travis CI构建，然后在Microsoft Teams里说一声",
  trig("app_event", "bitbucket", "push"), svc("travis_ci"), TEAMS, order(svc("travis_ci"), TEAMS),
  either(guarded(svc("travis_ci"), ["branch", "release", "ref"]), trigger_text("release")), NQ)
R("每小时把Postgres里新增的订单同步到Elasticsearch，方便客服搜索",
  trig(["schedule", "app_event"]), either(sched(every_minutes=60), trig("app_event", "postgres")),
  svc("elasticsearch", "create"), NQ)
R("帮我做一个英语口语陪练的聊天机器人，用Mistral的模型，要能记住我们之前聊过的内容",
  trig("chat"), ai("any"), MISTRAL, MEMORY, NQ)
R("手动运行：把Dropbox里“/照片/2025”文件夹下的所有文件复制到Amazon S3的 family-photos 桶里",
  trig("manual"), svc("dropbox", "read"), svc("amazon_s3", "create"),
  order(svc("dropbox", "read"), svc("amazon_s3", "create")), NQ)
R("每周五下午5点，把这周我在Jira上完成的任务拉出来，让AI写成周报草稿，存成一个Google Docs文档",
  trig("schedule"), sched(at="17:00", weekday="friday"), svc("jira", "read"), ai("any"), svc("google_docs", "create"),
  order(svc("jira", "read"), ai("any")), order(ai("any"), svc("google_docs", "create")), NQ)
R("给我一个webhook地址，家里的智能电表每分钟推一次功率数据过来。每条都存进CrateDB，功率超过3000瓦的时候再发Telegram提醒我",
  trig("webhook"), svc("cratedb", "create"), unguarded(svc("cratedb", "create")), TELEGRAM,
  guarded(TELEGRAM, ["power", "功率", "watt"]), SAT, NQ)
R("收到银行信用卡账单邮件（发件人 service@bank.example.cn）时，用AI提取账单金额和还款日，在Google Tasks里建一个还款任务，截止日期设成还款日",
  trig("email"), ai("extract"), GTASKS_ADD, order(ai("extract"), GTASKS_ADD),
  either(guarded(ai("extract"), ["from", "sender", "bank"]), guarded(GTASKS_ADD, ["from", "sender", "bank"]),
         trigger_text("bank.example.cn")), NQ)
R("做一个家庭报修表单，分水电、家电、网络三类。水电的用Twilio给物业发短信，家电的在Trello“家务”看板上建卡片，网络的直接发到家里的飞书群",
  trig("form"), SMS, TRELLO_ADD, FEISHU, branches(SMS, TRELLO_ADD, FEISHU), SAT, NQ)
R("任何工作流报错的时候，在Jira建一个Bug，同时往Matrix的运维房间发条消息",
  trig("error"), JIRA_ADD, svc("matrix", "create"), NQ)
R("每天早上8点查 https://api.weather.example.cn/shanghai 的天气预报。要下雨就用Vonage给我和老婆发短信提醒带伞；气温超过35度就通过Home Assistant提前把空调打开；别的情况不用管",
  trig("schedule"), sched(at="08:00"), http("api.weather.example.cn"), VONAGE, HA_CALL,
  guarded(VONAGE, ["rain", "雨", "weather", "condition", "precip"]), guarded(HA_CALL, ["temp", "温度"]),
  order(http("api.weather.example.cn"), VONAGE), SAT, NQ)
R("每周日晚上9点，从我Coda里的“读书笔记”表随机挑3条发到我的Telegram",
  trig("schedule"), sched(at="21:00", weekday="sunday"), svc("coda", "read"), TELEGRAM,
  order(svc("coda", "read"), TELEGRAM), NQ)
R("我的YouTube频道（RSS: https://www.youtube.com/feeds/videos.xml?channel_id=UCxxxx）一有新视频，就用DeepL把标题翻译成中文，再发到我们的Facebook主页",
  trig("rss"), svc("deepl"), svc("facebook", "create"), order(svc("deepl"), svc("facebook", "create")), NQ)
R("每个月1号上午9点，从Square拉取上个月的所有付款记录，按天汇总后写进BigQuery",
  trig("schedule"), sched(at="09:00"), svc("square", "read"), anyof(core(["aggregate", "code"]), svc("bigquery", text=["sum", "group"])),
  svc("bigquery"), order(svc("square", "read"), svc("bigquery")), NQ)
R("有人在Calendly上取消了预约，就把我Google日历里对应的日程删掉，再在Todoist里加一条“重新约时间”的任务",
  trig("app_event", "calendly", "cancel"), svc("google_calendar", "delete"), TODOIST, NQ)
R("剪辑师做完视频会通过表单提交（标题、云盘链接、计划发布时间）。先发到Slack等我审批：通过了就在Notion的“发布计划”数据库里建一条，再发一条推特预告；不通过就在Slack上把我的修改意见回给他",
  trig("form"), APPROVAL, svc("notion", "create"), svc("twitter", "create"), SLACK,
  order(APPROVAL, svc("notion", "create")), order(APPROVAL, svc("twitter", "create")),
  branches(svc("notion", "create"), SLACK), NQ)
R("我们GitHub仓库里有人开issue并且打了security标签，就马上在Opsgenie建一个P1告警，其它issue不用管",
  trig("app_event", "github", "issue"), OPSGENIE_ADD,
  either(guarded(OPSGENIE_ADD, ["label", "security"]), trigger_text("security")), NQ)
R("每天凌晨4点把MongoDB里logs集合中7天前的数据导出成JSON，上传到我们的FTP服务器 backup.example.cn",
  trig("schedule"), sched(at="04:00"), svc("mongodb", "read"), svc("ftp", "create"),
  order(svc("mongodb", "read"), svc("ftp", "create")), NQ)
R("老婆在WhatsApp上发给我的消息里只要有“买”字，就自动加到我们共用的Google Tasks购物清单",
  trig("app_event", "whatsapp", "message"), GTASKS_ADD, guarded(GTASKS_ADD, "买"), SAT, NQ)

# ================================================================ vague: the right answer is a question
R("automate my mornings",
  asks("what", "which", "morning", "how", "want", "routine"))
R("can u sync my stuff between apps",
  asks("which", "what", "app", "sync", "where"))
R("帮我把财务管起来",
  asks("什么", "哪", "财务", "账", "which", "what"))
R("有新东西就通知我",
  asks("什么", "哪", "通知", "which", "what"))

# ================================================================ edits of a prior (P1–P20)
R("Slack发完以后，把接口返回的原始数据也存一份到Supabase的 daily_sales 表里",
  svc("supabase", "create"), order(http("api.example.com"), svc("supabase", "create")), SLACK,
  kept("n1", "n2", "n3", "n4"), NQ, prior=P1)
R("邮箱是公司域名的（不是gmail、qq、163这种）再额外在Zoho CRM里建一个线索",
  svc("zoho_crm", "create"), guarded(svc("zoho_crm", "create"), ["email", "gmail", "qq", "163", "domain"]),
  unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P2)
R("issues reported by our customer portal bot (reporter portal-bot) should go to Zendesk as a ticket instead of monday. everything else stays as it is",
  ZENDESK_ADD, branches(ZENDESK_ADD, svc(["monday_com", "monday", "mondaycom"])),
  guarded(ZENDESK_ADD, ["reporter", "portal"]), kept("n1", "n2", "n3"), SAT, NQ, prior=P3)
R("邮件里把价格也写上，另外每次检查的结果（有没有货、价格、时间）都记到Baserow表里",
  svc("baserow", "create"), unguarded(svc("baserow", "create")), core("send_email", "price"),
  kept("n1", "n2", "n3", "n4"), NQ, prior=P4)
R("Bug emails that mention an outage or say something is down should also text the on-call phone through MessageBird",
  svc("messagebird", "create"), guarded(svc("messagebird", "create"), ["outage", "down"]),
  kept("n1", "n2", "n3", "n4", "n5"), SAT, NQ, prior=P5)
R("订单总额超过300美元的，在Keap里给这个客户打上VIP标签",
  svc("keap"), guarded(svc("keap"), ["total", "price", "amount", "金额"]), unguarded(SHEETS_ADD),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P6)
R("On Fridays the report should also be emailed to board@acme.cn. The other days just DingTalk like now.",
  EMAIL, either(guarded(EMAIL, ["day", "weekday", "friday", "week"]), sched(at="09:00", weekday="friday")),
  unguarded(DINGTALK), kept("n1", "n2", "n3"), NQ, prior=P7)
R("when the negative ticket comes from a customer on the Enterprise plan, also call our support manager with Twilio",
  SMS, guarded(SMS, ["plan", "enterprise"]), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P8)
R("感谢邮件改成用SendGrid的模板来发，原来那个发邮件的节点不要了",
  svc("sendgrid", "create"), removed(core("send_email")), kept("n1", "n2"), NQ, prior=P9)
R("we're getting the same alert spammed. If an alert with the same title already came in during the last 10 minutes, drop it — use Redis to remember what we've seen",
  svc("redis"), order(svc("redis"), SMS), guarded(SMS, ["title", "exist", "count", "seen", "dup", "key", "value", "redis"]),
  guarded(SLACK, ["title", "exist", "count", "seen", "dup", "key", "value", "redis"]), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P10)
R("点star的人如果GitHub粉丝超过1000，就在Affinity里给他建一个联系人；Discord照常发",
  svc("affinity", "create"), guarded(svc("affinity", "create"), ["follower", "粉丝"]), unguarded(DISCORD),
  kept("n1", "n2"), SAT, NQ, prior=P11)
R("also publish each summary as a post on our Medium blog... actually keep telegram too, both",
  svc("medium", "create"), order(ai("summarize"), svc("medium", "create")), TELEGRAM, kept("n1", "n2", "n3"), NQ, prior=P12)
R("金额超过5000的采购，经理批准以后还要再让财务总监 finance-director@acme.io 批一次，两个人都同意才建PO；5000以内的经理批了就行",
  {"approval": True, "text": "finance-director"}, guarded({"approval": True, "text": "finance-director"}, ["amount", "金额"]),
  order({"approval": True, "text": "manager@acme.io"}, {"approval": True, "text": "finance-director"}),
  order({"approval": True, "text": "finance-director"}, AIRTABLE_ADD),
  {"path_avoiding": {"to": AIRTABLE_ADD, "avoid": {"approval": True, "text": "finance-director"}}},
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P13)
R("Customers that have been waiting for a follow-up for more than 14 days (see the last_contact column) should be escalated: message their sales manager on Microsoft Teams instead of the Feishu group. The rest stays on Feishu.",
  TEAMS, branches(FEISHU, TEAMS), guarded(TEAMS, ["last_contact", "day", "date"]),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P14)
R("注册的时候如果填了邀请码，就调用 https://api.example.cn/referral/credit 给邀请人加积分；没填就跳过这一步",
  http("api.example.cn/referral"), guarded(http("api.example.cn/referral"), ["邀请码", "invite", "referral", "code"]),
  unguarded(POSTGRES), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P15)
R("请帮我每周五下午4点把Jira里这周解决的问题按负责人数一下，发到Teams",
  UNCHANGED, prior=P16, note="the prior already does exactly this; the right answer is no change")
R("some contracts are in German or French. Translate those to English with DeepL before the extraction step",
  svc("deepl"), order(svc("deepl"), ai("extract")), guarded(svc("deepl"), ["lang", "german", "french", "deutsch"]),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P17)
R("工作日照旧发Slack，周末改成给我发LINE消息",
  LINE, branches(SLACK, LINE), guarded(LINE, ["day", "周", "week"]), kept("n1", "n2"), SAT, NQ, prior=P18)
R("For hot leads, besides Salesforce, create a one-off Calendly scheduling link and email it to the lead so they can book an intro call",
  svc("calendly", "create"), guarded(svc("calendly", "create"), "score"), EMAIL, guarded(EMAIL, "score"),
  order(svc("calendly", "create"), EMAIL), kept("n1", "n2", "n3", "n4"), NQ, prior=P19)
R("upload the same backup file to our Google Cloud Storage bucket too, keep Dropbox",
  svc("google_cloud_storage", "create"), order(svc("notion", "read"), svc("google_cloud_storage", "create")),
  svc("dropbox", "create"), kept("n1", "n2", "n3"), NQ, prior=P20)


# ================================================================ output
CONDITION_KEYS = {"guarded", "branches", "branch_count", "condition_satisfiable"}


def _has_condition(check: Any) -> bool:
    """A condition check, or an ``any`` of checks one of which is one (the condition may be
    written as an IF or, equally right, on the trigger or in a query)."""
    if isinstance(check, dict):
        if CONDITION_KEYS & set(check):
            return True
        if "any" in check and len(check) == 1:
            return any(_has_condition(c) for c in check["any"])
    return False


def build() -> list[dict[str, Any]]:
    return fresh_rows.rows_of(REQUESTS, PREFIX, SPLIT, COMMON, _has_condition)


composition = fresh_rows.composition


def main() -> None:
    rows = build()
    fresh_rows.write(rows, OUT)
    apps = sorted(set().union(*(fresh_rows.longtail_apps(r["checks"], COMMON) for r in rows)))
    print(f"long-tail apps: {len(apps)}")


if __name__ == "__main__":
    main()
