"""Builds ``requests_fresh9.jsonl``: the ninth fresh set for the planner, written blind, HELD OUT.

Who and when: a helper session started by the lead, on 2026-12-07 (12:48–12:53 UTC by the machine
clock), in its own worktree (branch ``fresh9``). What it read: ``build_fresh8.py`` (as a model of
the row format only; none of its sentences was copied), ``build_set.py`` (helpers, check kinds,
the priors P1–P20), ``fresh_rows.py``, ``checks.py``, ``test_fresh_set.py``, the set and check
sections of ``docs/evaluation.md`` (none of its results sections), the catalog (``docs/catalog.md``
and ``src/flowsmith/core/catalog``: app operations and trigger events, dumped by a script), and of
``run.py`` only the lines that register sets. What it did not read: the planner and agent code
(``src/flowsmith/planner/``, ``src/flowsmith/agent/``), ``tests/``, any ``requests*.jsonl``, any other
``build_fresh*.py``, ``test_fresh3_set.py``/``test_fresh7_set.py``, any ``run-*.json``,
``ops_sweep.py``. It never ran the planner, the server or ``make run``. One slip: after registering fresh9 it ran
``run.py --help`` once, to see the ``--set`` choices (argparse's usage and the module docstring; no
request text, no server started).

The rules it wrote by. Unlike fresh8, which leans on hard two-sided conditions, fresh9 tries to
sample what new users ordinarily type: 40 English and 40 Chinese requests (English app names inside
Chinese sentences allowed); roughly a third with a condition or an otherwise-branch; 16 edits of
the priors, no prior used twice, every edit with ``kept_ids``; roughly a third asking for apps
outside the ten most common (``TOP_TEN`` of ``build_set.py``); every trigger kind (app events,
schedules said in words, webhooks, forms, incoming email, RSS, a manual button, workflow errors);
one-liners, arrows and paragraphs; a few typos left in; four vague requests whose right answer is
a question. Each request was typed first, as such a user would, and only then given checks: what
a demanding user would insist on, nothing stricter, nothing looser. Where several graphs are
equally right the checks accept each (``either``/``anyof``: a filter on the trigger or a condition
node, a response once or on both sides, an email or an approval step). After writing, every
``service``+``verb`` selector and every trigger ``event_like`` word was checked against the
catalog's operations and events. ``test_fresh_set.py`` holds hand-written right workflows that
pass every check, and checks that each edit's prior, left as it was, fails.

    .venv/bin/python bench/eval_planner/build_fresh9.py   # rewrites requests_fresh9.jsonl
    .venv/bin/pytest bench/eval_planner/test_fresh_set.py # well formed, without the planner

Held out: ``run.py`` prints counts only for it. No check may change once the set has been run.
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
    GMAIL,
    JIRA_ADD,
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
    P11,
    P12,
    P13,
    P15,
    P16,
    P18,
    P19,
    SAT,
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
    appr,
    asks,
    avoiding,
    both_paths,
    branches,
    cond_text,
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

OUT = HERE / "requests_fresh9.jsonl"
SPLIT = "fresh9"
PREFIX = "p"

# "beyond the ten most common": the long tail is any app outside build_set's TOP_TEN
COMMON = set(TOP_TEN)

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))


# schedules said in words
WEEKDAYS_ONLY = either(trigger_text(["1-5", "mon-fri"]), cond_text(["weekday", "dayofweek", "day_of_week", "getday", "周"]))
MONTHLY_1ST = trigger_text([" 1 * *", "month"])

PUSHOVER = svc("pushover", "create")
WHATSAPP = svc("whatsapp", "create")
MATTERMOST = svc("mattermost", "create")
PAGERDUTY_ADD = svc("pagerduty", "create")
TODOIST_ADD = svc("todoist", "create")
QB_ADD = svc("quickbooks", "create")
GCAL_ADD = svc("google_calendar", "create")
S3_UP = svc("amazon_s3", "create")
SF_ADD = svc("salesforce", "create")
ASANA_ADD = svc("asana", "create")
MAIL_READ = svc(["gmail", "outlook", "microsoft_outlook"], "read")
PARENT_OK = anyof(EMAIL, APPROVAL)


# ================================================================ creates, English
R("every morning at 7 send me the weather for Berlin on telegram",
  trig("schedule"), sched(at="07:00"), http(), TELEGRAM, order(http(), TELEGRAM), NQ)
R("forward emails from landlord@rentco.example in my gmail to my telegram",
  trig(["email", "app_event"]), TELEGRAM,
  either(trigger_text("landlord"), guarded(TELEGRAM, ["from", "sender", "landlord"])), NQ)
R("When a new row is added to my Google Sheet 'Signups', send that person a welcome email from Gmail.",
  trig("app_event", "google_sheets", "row"), GMAIL, NQ)
R("new shopify order -> slack #orders",
  trig("app_event", "shopify", "order"), SLACK, NQ)
R("Can you make something that posts our new blog articles to LinkedIn and Twitter? The feed is https://acmeblog.example/feed.xml",
  trig("rss"), svc("linkedin", "create"), svc(["twitter", "x"], "create"), NQ)
R("whenver someone fills out the contact form on my website, add them to a google sheet and ping me on slack",
  trig(["form", "webhook"]), SHEETS_ADD, SLACK, NQ)
R("When a Stripe payment fails, email the customer asking them to update their card, and if the amount is more than $1,000 also text me via Twilio.",
  trig(["app_event", "webhook"], "stripe", "fail"), EMAIL, unguarded(EMAIL), SMS, guarded(SMS, ["amount"]), SAT, NQ)
R("Every Friday at 5pm read the 'Deals' tab of our Google Sheet and email a summary of the closed ones to sales@brightpath.io",
  trig("schedule"), sched(at="17:00", weekday="friday"), SHEETS_READ, EMAIL, order(SHEETS_READ, EMAIL), NQ)
R("I want to be told on Discord when my website is down. Check https://mybakery.example every 10 minutes.",
  trig("schedule"), sched(every_minutes=10), http("mybakery"), DISCORD, guarded(DISCORD),
  order(http("mybakery"), DISCORD), SAT, NQ)
R("github issue labeled 'bug' → post it in #bugs on Slack. other issues just go to our Notion backlog",
  trig("app_event", "github", "issue"), SLACK, NOTION_ADD, branches(SLACK, NOTION_ADD),
  guarded(SLACK, ["label", "bug"]), SAT, NQ)
R("We run a small yoga studio and people book classes through Calendly. Whenever someone books, I'd like their name and email added to our Mailchimp list so they get the newsletter, and a row added to a Google Sheet called 'Bookings 2027' so I can see who's coming each week.",
  trig("app_event", "calendly", "invitee"), MAILCHIMP_ADD, SHEETS_ADD, NQ)
R("Daily at 6pm, summarize all the emails I got today with AI and send me the summary on Telegram",
  trig("schedule"), sched(at="18:00"), MAIL_READ, ai("summarize"), TELEGRAM, order(MAIL_READ, ai("summarize")),
  order(ai("summarize"), TELEGRAM), NQ)
R("Set up a webhook that receives orders from our POS system, appends them to the 'POS orders' Google Sheet, then replies with 200 OK.",
  trig("webhook"), SHEETS_ADD, WEBHOOK_RESPONSE, order(SHEETS_ADD, WEBHOOK_RESPONSE), NQ)
R("if any of my workflows errors out, send a message to the #alerts channel in our Discord",
  trig("error"), DISCORD, NQ)
R("I need a button I can click that grabs all the open issues from our GitHub repo acme/app and puts them into a Google Sheet",
  trig("manual"), svc("github", "read"), SHEETS_ADD, order(svc("github", "read"), SHEETS_ADD), NQ)
R("automate my emails",
  asks("what", "which", "how", "email"))
R("i need a workflow for my team",
  asks("what", "which", "team"))
R("New Typeform response: if they rated us 4 or 5 stars, email them asking for a Google review. Otherwise create a Zendesk ticket so support can reach out to them.",
  trig("app_event", "typeform", ["form", "submi"]), EMAIL, ZENDESK_ADD, branches(EMAIL, ZENDESK_ADD),
  guarded(ZENDESK_ADD, ["rat", "star", "score"]), SAT, NQ)
R("every hour check the bitcoin price from the coingecko api and if its above 100k send me a pushover notification",
  trig("schedule"), sched(every_minutes=60), http("coingecko"), PUSHOVER, order(http("coingecko"), PUSHOVER),
  guarded(PUSHOVER, ["price", "usd", "bitcoin"]), SAT, NQ)
R("when I star an email in gmail, add it to my Notion to-do database",
  trig(["email", "app_event"]), NOTION_ADD, NQ)
R("Post a message in #general on Slack every Monday at 9:30 reminding everyone to fill in their timesheets.",
  trig("schedule"), sched(at="09:30", weekday="monday"), SLACK, NQ)
R("When we get a new Facebook lead ad submission, create a lead in Salesforce. If the lead is from Germany, also email berlin@fernwood.example so the local team can call them.",
  trig("app_event", "facebook", "lead"), SF_ADD, unguarded(SF_ADD), EMAIL,
  guarded(EMAIL, ["country", "germany", "de"]), SAT, NQ)
R("Sync new rows from my Google Sheet 'Reading list' into Notion",
  trig("app_event", "google_sheets", "row"), NOTION_ADD, NQ)
R("Every night at 2am back up our MySQL customers table as a CSV file to Amazon S3",
  trig("schedule"), sched(at="02:00"), svc("mysql"), S3_UP, order(svc("mysql"), S3_UP), NQ)
R("When a message in our Telegram group contains the word 'urgent', forward it to my email",
  trig("app_event", "telegram", "message"), EMAIL,
  either(guarded(EMAIL, ["urgent", "text"]), trigger_text("urgent")), NQ)
R("Translate new Zendesk tickets that aren't in English into English with DeepL, and add the translation to the ticket as an internal note.",
  trig("app_event", "zendesk", "ticket"), svc("deepl"), svc("zendesk", ["update", "create"]),
  order(svc("deepl"), svc("zendesk", ["update", "create"])), guarded(svc("deepl"), ["lang", "english", "en"]), SAT, NQ)
R("when a deal is won in pipedrive create an invoice in QuickBooks and post to #wins in slack",
  trig("app_event", "pipedrive", "deal"), QB_ADD, SLACK, guarded(QB_ADD, ["status", "won"]),
  guarded(SLACK, ["status", "won"]), SAT, NQ)
R("RSS https://news.ycombinator.com/rss, only the posts that mention rust → discord",
  trig("rss"), DISCORD, guarded(DISCORD, ["rust"]), SAT, NQ)
R("Our office manager gets supplier invoices by email in her Outlook inbox. I'd like the PDF attachments uploaded to the 'Invoices/2027' folder in OneDrive, and then a message posted to our Teams finance channel with the sender and subject, so somebody knows to process it. Please ignore emails that don't have an attachment.",
  trig(["email", "app_event"], ["outlook", "microsoft_outlook"]), svc("onedrive", "create"), TEAMS,
  order(svc("onedrive", "create"), TEAMS),
  either(guarded(svc("onedrive", "create"), ["attach"]), trigger_text("attach")), NQ)
R("every weekday at 8:45 send the standup reminder to the team's Discord channel",
  trig("schedule"), sched(at="08:45"), WEEKDAYS_ONLY, DISCORD, NQ)
R("When a ClickUp task's staus changes to done, send a WhatsApp message to the client's phone number that's saved in the task",
  trig("app_event", "clickup", ["status", "task"]), WHATSAPP, guarded(WHATSAPP, ["status", "done", "complete"]), SAT, NQ)
R("Vacation request form (name, dates, reason). Send it to the manager, lisa@kettleworks.example, for approval by email. Approved → add it to the 'Team vacation' Google Calendar. Rejected → let the employee know by email.",
  trig("form"), appr("lisa"), GCAL_ADD, EMAIL, branches(GCAL_ADD, EMAIL), order(APPROVAL, GCAL_ADD), NQ)

# ================================================================ creates, Chinese
R("每天早上9点把昨天的销售数据从Google表格里读出来，发到我的邮箱",
  trig("schedule"), sched(at="09:00"), SHEETS_READ, EMAIL, order(SHEETS_READ, EMAIL), NQ)
R("网站上的表单有人提交，就把内容存到Google表格",
  trig(["form", "webhook"]), SHEETS_ADD, NQ)
R("GitHub有新的PR就在Discord群里通知一下",
  trig("app_event", "github", "pull"), DISCORD, NQ)
R("每周一早上十点，从GitHub拉出还没关闭的bug issue，发邮件给技术负责人 cto@hanfeng.example",
  trig("schedule"), sched(at="10:00", weekday="monday"), svc("github", "read"), EMAIL,
  order(svc("github", "read"), EMAIL), NQ)
R("客户在Shopify下单后，如果订单金额超过2000元，就在钉钉上通知销售经理；否则只记到Google表格里",
  trig("app_event", "shopify", "order"), DINGTALK, SHEETS_ADD, branches(DINGTALK, SHEETS_ADD),
  guarded(DINGTALK, ["total", "price", "amount"]), SAT, NQ)
R("帮我做个自动化：每隔30分钟检查一下我们官网 https://www.lvyuan-tea.example 能不能打开，打不开就发Telegram消息给我",
  trig("schedule"), sched(every_minutes=30), http("lvyuan"), TELEGRAM, guarded(TELEGRAM), order(http("lvyuan"), TELEGRAM), SAT, NQ)
R("收到标题里带“发票”的邮件时，转发到我的Telegram",
  trig(["email", "app_event"]), TELEGRAM, either(guarded(TELEGRAM, ["发票", "subject"]), trigger_text("发票")), NQ)
R("新的Zendesk工单用AI分个类（退款、技术问题、其他），退款的发到财务的飞书群，技术问题建Jira，其他的不用管",
  trig("app_event", "zendesk", "ticket"), ai("classify"), FEISHU, JIRA_ADD, branches(FEISHU, JIRA_ADD),
  order(ai("classify"), FEISHU), order(ai("classify"), JIRA_ADD), SAT, NQ)
R("做一个webhook接口，接收用户反馈（name, content），用ChatGPT判断一下情绪，负面的话发到Slack #feedback，最后都返回 {\"received\": true}",
  trig("webhook"), ai("sentiment"), SLACK, guarded(SLACK, ["sentiment", "negative", "负面", "情绪"]),
  order(ai("sentiment"), SLACK), WEBHOOK_RESPONSE, both_paths(WEBHOOK_RESPONSE), SAT, NQ)
R("每个月1号早上8点，调用 https://api.shopline-demo.example/revenue 拉上个月的收入，做成报表发到我的邮箱",
  trig("schedule"), sched(at="08:00"), MONTHLY_1ST, http("shopline-demo"), EMAIL, order(http("shopline-demo"), EMAIL), NQ)
R("RSS https://www.36kr.example/feed 有新文章时，用AI总结成三句话，发到Telegram频道",
  trig("rss"), ai("summarize"), TELEGRAM, order(ai("summarize"), TELEGRAM), NQ)
R("新员工填完入职表单后，在Notion里建一个入职清单页面，再发封邮件欢迎一下他",
  trig("form"), NOTION_ADD, EMAIL, NQ)
R("帮我自动化一下客户管理",
  asks("什么", "哪", "客户", "what", "which"))
R("我想做一个提醒",
  asks("什么", "哪", "提醒", "何时", "when", "what"))
R("当HubSpot里新增联系人时，如果公司规模大于100人，就在Salesforce里建一个商机，不然就只加到Mailchimp的培育列表",
  trig("app_event", "hubspot", "contact"), SF_ADD, MAILCHIMP_ADD, branches(SF_ADD, MAILCHIMP_ADD),
  guarded(SF_ADD, ["employee", "size", "规模", "company"]), SAT, NQ)
R("每天晚上11点把Notion里“合同”数据库的内容备份到Google表格",
  trig("schedule"), sched(at="23:00"), svc("notion", "read"), SHEETS_ADD, order(svc("notion", "read"), SHEETS_ADD), NQ)
R("GitHub Actions跑失败的时候给我发个Telegram消息",
  trig("app_event", "github", "workflow"), TELEGRAM,
  either(guarded(TELEGRAM, ["conclusion", "status", "fail"]), trigger_text("fail")), NQ)
R("有人通过网站表单预约以后，等一天给他发一封跟进邮件，然后在Notion里建一条客户记录",
  trig(["form", "webhook"]), WAIT, EMAIL, order(WAIT, EMAIL), NOTION_ADD, NQ)
R("用户在我们App里注销账号时会调用一个webhook，收到后把他从Google表格的会员名单里删掉，再发封邮件确认一下",
  trig("webhook"), svc("google_sheets", ["delete", "update"]), EMAIL, NQ)
R("工作日每天下午6点，把Google表格“工时”里今天的记录汇总一下发到Slack",
  trig("schedule"), sched(at="18:00"), WEEKDAYS_ONLY, SHEETS_READ, SLACK, order(SHEETS_READ, SLACK), NQ)
R("Jotform收到报名后：年龄小于18岁的要家长同意，发邮件给家长确认；18岁以上的直接加到Google表格的报名名单里",
  trig("app_event", "jotform", "form"), PARENT_OK, SHEETS_ADD, guarded(PARENT_OK, ["age", "年龄"]),
  avoiding(SHEETS_ADD, PARENT_OK), SAT, NQ)
R("每小时抓一下 https://item.jd.example/100086.html 的价格，低于3000就发到我的Telegram",
  trig("schedule"), sched(every_minutes=60), http("jd.example"), TELEGRAM, order(http("jd.example"), TELEGRAM),
  guarded(TELEGRAM, ["price", "价格"]), SAT, NQ)
R("Notion里任务的状态改成“已完成”时，在Google表格里记一下完成时间",
  trig("app_event", "notion", "page"), SHEETS_ADD,
  either(guarded(SHEETS_ADD, ["status", "完成", "done"]), trigger_text(["完成", "done"])), NQ)
R("每周五下午五点，把这周GitHub上的提交记录整理一下发邮件给团队 team@xinghe.example",
  trig("schedule"), sched(at="17:00", weekday="friday"), svc("github", "read"), EMAIL, order(svc("github", "read"), EMAIL), NQ)
R("网站有新订单（webhook推过来）就给客户发邮件，告诉他我们已经收到了",
  trig("webhook"), EMAIL, NQ)
R("Google日历里新建会议的时候，自动创建一个Zoom会议，再把链接更新到日历事件里",
  trig("app_event", "google_calendar", "event"), svc("zoom", "create"), svc("google_calendar", "update"),
  order(svc("zoom", "create"), svc("google_calendar", "update")), NQ)
R("Help Scout收到新对话，如果客户邮箱是@bigcorp.com结尾的（大客户），就在Microsoft Teams里通知客户经理，别的不用管",
  trig("app_event", "help_scout", "conversation"), TEAMS, guarded(TEAMS, ["email", "bigcorp"]), SAT, NQ)
R("每天中午12点从Notion的“名言”数据库里随机取一条发到Discord",
  trig("schedule"), sched(at="12:00"), svc("notion", "read"), DISCORD, order(svc("notion", "read"), DISCORD), NQ)
R("我们是做跨境电商的小公司，店铺开在Shopify上。我想要：每当有客户退款，就把退款信息记到Airtable的“退款记录”表里；如果退款金额超过200美元，还要在飞书群里提醒运营主管看一下原因。谢谢！",
  trig("app_event", "shopify", "refund"), AIRTABLE_ADD, unguarded(AIRTABLE_ADD), FEISHU,
  guarded(FEISHU, ["amount", "金额", "price", "total"]), SAT, NQ)
R("每天早上八点半把天气预报发到Discord频道里",
  trig("schedule"), sched(at="08:30"), http(), DISCORD, order(http(), DISCORD), NQ)
R("PayPal收到付款后，自动在Xero里开一张发票，再给付款人发一封感谢邮件",
  trig("app_event", "paypal", "payment"), svc("xero", "create"), EMAIL, NQ)
R("系统出措时发邮件给我，同时在GitHub建一个issue",
  trig("error"), EMAIL, GH_ISSUE, NQ)

# ================================================================ edits of a prior (16 of P1–P20, each at most once)
R("can you change it to 7:30 and skip weekends",
  sched(at="07:30"), WEEKDAYS_ONLY, kept("n2", "n3", "n4"), NQ, prior=P1)
R("如果邮箱是gmail.com、qq.com这种个人邮箱，就不用发邮件通知我了",
  guarded(GMAIL, ["email", "gmail", "qq"]), unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P2)
R("swap monday for asana",
  ASANA_ADD, removed(MONDAY_ADD), kept("n1", "n3"), NQ, prior=P3)
R("also message me on telegram when it's back in stock, email is too slow sometimes",
  TELEGRAM, guarded(TELEGRAM, ["stock"]), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P4)
R("其他类型的邮件也别丢掉，转成Freshdesk工单",
  svc("freshdesk", "create"), branches(svc("freshdesk", "create"), ZENDESK_ADD), branches(svc("freshdesk", "create"), JIRA_ADD),
  kept("n1", "n2", "n3", "n4", "n5"), NQ, prior=P5)
R("only post in #orders if the order is over $100, but keep logging every order to the sheet",
  guarded(SLACK, ["total", "price", "amount"]), unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P6)
R("除了钉钉，也发一份到我邮箱 boss@tianyu.example",
  EMAIL, kept("n1", "n2", "n3"), NQ, prior=P7)
R("正面和中性的工单，在Zendesk里给它加个标签 auto-ok",
  svc("zendesk", "update"), branches(WECOM, svc("zendesk", "update")), kept("n1", "n2", "n3", "n4"), NQ, prior=P8)
R("add a phone number field to the form and text them a thank you too via twilio",
  SMS, trigger_text("phone"), kept("n1", "n2", "n3"), NQ, prior=P9)
R("每次有人star，也在Google表格里记一条",
  SHEETS_ADD, kept("n1", "n2"), NQ, prior=P11)
R("only send me posts about AI or machine learning, skip the rest",
  guarded(TELEGRAM, ["ai", "machine", "title", "content", "topic", "category"]), kept("n1", "n3"), SAT, NQ, prior=P12)
R("审批被拒绝的时候，除了发邮件，也在钉钉里告诉一下采购专员",
  DINGTALK, branches(AIRTABLE_ADD, DINGTALK), order(APPROVAL, DINGTALK), kept("n1", "n2", "n3", "n4"), NQ, prior=P13)
R("send new signups a welcome email after they're added to mailchimp",
  EMAIL, order(MAILCHIMP_ADD, EMAIL), kept("n1", "n2", "n3", "n4"), NQ, prior=P15)
R("如果这周一个问题都没解决，就别发Teams了",
  guarded(TEAMS, ["count", "length", "total", "key", "empty"]), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P16)
R("also open a PagerDuty incident whenever this fires",
  PAGERDUTY_ADD, kept("n1", "n2"), NQ, prior=P18)
R("分数在40到70之间的，发到Slack #sales 让销售看看",
  SLACK, guarded(SLACK, ["score"]), branches(svc("salesforce"), SLACK), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P19)


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
