"""Builds ``requests_fresh13.jsonl``: a thirteenth fresh set for the planner, written blind (held out).

Who and when: a helper session started by the project's lead wrote these 80 requests (ids
``t000``–``t079``, ``"split": "fresh13"``) on 2026-12-07 between 16:55 and 17:02 UTC (machine
clock, ``date -u``), in its own worktree and branch ``fresh13``. The set is held out: after this
commit nobody reads it, it is scored once at the end of the stop and only counts are printed.

What it read: this file's format came from ``build_fresh10.py`` (its docstring, import block and
the first lines after it only, no sentence taken over); ``build_set.py`` for the helpers, check
kinds and the priors P1–P20; ``fresh_rows.py``; ``checks.py`` for what each check kind means;
``test_fresh_set.py``; the section headings of ``docs/evaluation.md`` (none of its results
sections); the catalog (``docs/catalog.md``, ``src/flowsmith/core/catalog/``) so that apps,
operations and trigger events are real. From ``run.py`` it opened only the lines that register
sets, and in ``tests/n8n_real/runs.py`` only the ``HELD_OUT`` line (found with grep). It did not
open the planner or agent code (``src/flowsmith/planner/``, ``src/flowsmith/agent/``), anything
else under ``tests/``, any ``requests*.jsonl``, any other ``build_fresh*.py`` body,
``test_fresh3_set.py``, ``test_fresh7_set.py``, ``ops_sweep.py``, ``recheck.py`` or any
``run-*.json``; it never ran the planner, the server, ``make run``, ``run.py`` or the CLI.
Slips, none of them a look at another set's requests: the headings listed from
``docs/evaluation.md`` (``grep '^#'``) include the titles of its results sections, whose bodies
were not opened; ``test_fresh_set.py`` (allowed) carries comments on other sets' hand-written
workflows; the grep for ``HELD_OUT`` in ``tests/n8n_real/runs.py`` also showed the one line that
uses it. The no-repeat test first failed: one short vague sentence of this set happened to equal
a sentence of an earlier set; a script that printed only this set's id found it, and it was
reworded before any check was final.

How it was written: the ordinary mix of what new users type, not aimed at hard cases. Half
English, half Chinese (English app names kept inside Chinese sentences); about a third carry a
condition (one-sided, if/else, three cases, an approval's two outcomes, an edit's new condition);
sixteen edits use sixteen different priors of P1–P20, all with ``kept_ids``; about a third need a
service outside the thirteen common ones (the brief's ten plus HubSpot, Airtable, Trello) – a
first draft had far more, and about thirty requests were moved onto common apps before any check
was final. Every trigger kind appears (app events, schedules, webhooks, forms, incoming email,
RSS, manual, error, chat), and three requests are vague enough that a question is the right
answer. Each request was typed first, as a user would, with a few typos; its checks came after,
from what a demanding user would insist on and nothing more: ``either``/``anyof`` where two graphs
are equally right (a filter on the trigger or an IF, a schedule that polls or an app event, an
HTTP call or a page check). ``condition_satisfiable`` only where an IF/Switch/Filter is the only
reasonable way. Every ``service``+``verb`` selector and trigger ``event_like`` word was checked
against the catalog by a throwaway script. ``test_fresh_set.py`` holds hand-written right
workflows for four creates and two edits that pass every check, and checks that each edit's prior
left unchanged fails.

    .venv/bin/python bench/eval_planner/build_fresh13.py   # rewrites requests_fresh13.jsonl
    .venv/bin/pytest bench/eval_planner/test_fresh_set.py   # well formed, without the planner

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
    GH_ISSUE,
    GMAIL,
    HUBSPOT_ADD,
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
    P8,
    P9,
    P10,
    P12,
    P13,
    P15,
    P16,
    P17,
    P19,
    P20,
    SAT,
    SHEETS_ADD,
    SHEETS_READ,
    SLACK,
    SMS,
    TELEGRAM,
    TOP_TEN,
    TRELLO_ADD,
    WEBHOOK_RESPONSE,
    WECOM,
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

OUT = HERE / "requests_fresh13.jsonl"
SPLIT = "fresh13"
PREFIX = "t"

# common: the brief's ten plus HubSpot, Airtable and Trello (as the earlier fresh sets count it)
COMMON = TOP_TEN | {"hubspot", "airtable", "trello"}

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))


# selectors used more than once
PAGERDUTY = svc("pagerduty", "create")
OPSGENIE = svc("opsgenie", "create")
FRESHDESK = svc("freshdesk", "create")
PUSHOVER = svc("pushover", "create")
GCAL_ADD = svc("google_calendar", "create")
GCAL_READ = svc("google_calendar", "read")
MATTERMOST = svc("mattermost", "create")
QUICKBOOKS = svc("quickbooks", "create")
GH_READ = svc("github", "read")
NOTION_READ = svc("notion", "read")
SHEETS_WRITE = svc("google_sheets", ["create", "update"])
SF_DEAL = svc("salesforce", "create")
SLACK_APPROVAL = {"any": [core("approval_slack"), svc("slack")], "approval": True}
SITE_CHECK = anyof(http("acme-shop.com"), core("web_page_check", "acme-shop.com"))
RIVAL_CHECK = anyof(http("rival.example.com"), core("web_page_check", "rival.example.com"))
ALIYUN_SMS = anyof(SMS, http(["aliyuncs", "dysms"]))

# ---- creates, English
R("every friday 5pm grab this week's closed deals from HubSpot and post a quick summary in slack #wins",
  trig("schedule"), sched(at="17:00", weekday="friday"), svc("hubspot", "read"), SLACK,
  order(svc("hubspot", "read"), SLACK), NQ)
R("When someone books a call with me on Calendly, create a Zoom meeting for it and add the person to HubSpot",
  trig(["app_event", "webhook"], "calendly", "invitee"), svc("zoom", "create"), HUBSPOT_ADD, NQ)
R("If a Stripe payment fails, email the customer a polite reminder to update their card. If the amount was more than $500 also ping me on Telegram.",
  trig(["app_event", "webhook"], "stripe", "fail"), EMAIL, unguarded(EMAIL), TELEGRAM,
  guarded(TELEGRAM, "amount"), SAT, NQ)
R("new rows in my google sheet 'Signups' -> send each person a welcome email from gmail, but only if they ticked the newsletter box",
  either(trig("app_event", "google_sheets", "row"), trig("schedule")), GMAIL,
  guarded(GMAIL, "newsletter"), SAT, NQ)
R("Watch the Hacker News RSS feed and send any post that mentions postgres to my Discord channel",
  trig("rss"), DISCORD, guarded(DISCORD, "postgres"), SAT, NQ)
R("Make me a webhook endpoint that takes a JSON order, saves it in Airtable and responds with the new record id",
  trig("webhook"), AIRTABLE_ADD, WEBHOOK_RESPONSE, order(AIRTABLE_ADD, WEBHOOK_RESPONSE), NQ)
R("I need a simple feedback form (name, rating 1-5, comments). Everything goes into Airtable, and low ratings (2 or below) should also open a Freshdesk ticket",
  trig("form"), AIRTABLE_ADD, unguarded(AIRTABLE_ADD), FRESHDESK, guarded(FRESHDESK, "rating"), SAT, NQ)
R("when an email arrives at support@ with 'refund' in the subject, forward it to our billing group on Telegram",
  trig("email"), TELEGRAM, either(guarded(TELEGRAM, "refund"), trigger_text("refund")), NQ)
R("a button I can click to pull all open GitHub issues of acme/api and dump them into a google sheet",
  trig("manual"), GH_READ, SHEETS_WRITE, order(GH_READ, SHEETS_WRITE), NQ)
R("build a chatbot for our website that answers questions about our pricing, using the pricing page in our Notion",
  trig("chat"), ai("any"), anyof(NOTION_READ, core(["n8n_tool", "http_tool", "workflow_tool"], "notion")), NQ)
R("whenever one of my workflows crashes, open a PagerDuty incident",
  trig("error"), PAGERDUTY, NQ)
R("check the bitcoin price from the coingecko api every 10 minutes and message me on telegram if it drops under 60k",
  trig("schedule"), sched(every_minutes=10), http("coingecko"), TELEGRAM,
  guarded(TELEGRAM, ["price", "usd", "bitcoin"]), SAT, NQ)
R("When a new issue is opened in our GitLab project, create a matching card on our Trello board",
  trig("app_event", "gitlab", "issue"), TRELLO_ADD, NQ)
R("can you set something up for our invoicing? its a mess right now",
  asks("invoice", "which", "what"))
R("Every morning at 7 send me the weather forecast for Lisbon on Telegram",
  trig("schedule"), sched(at="07:00"), http(), TELEGRAM, order(http(), TELEGRAM), NQ)
R("When someone fills in the contact form on our website (it posts to a webhook), create a HubSpot contact if they say they're a business, otherwise put them in our Airtable 'Consumers' table",
  trig("webhook"), HUBSPOT_ADD, AIRTABLE_ADD, branches(HUBSPOT_ADD, AIRTABLE_ADD), SAT, NQ)
R("Post our new YouTube videos to LinkedIn automaticaly",
  trig(["rss", "schedule"]), svc("linkedin", "create"), NQ)
R("every night at 1am export the 'Orders' google sheet and email it to me as a csv",
  trig("schedule"), sched(at="01:00"), SHEETS_READ, EMAIL, order(SHEETS_READ, EMAIL), NQ)
R("When a pull request is opened on GitHub, have AI review the changes and post the feedback as a comment on the PR",
  trig("app_event", "github", "pull"), ai("any"), svc("github", "create"), order(ai("any"), svc("github", "create")), NQ)
R("When a new HubSpot deal is created and it's worth more than 20k, notify #bigdeals on slack",
  trig("app_event", "hubspot", "deal"), SLACK,
  either(guarded(SLACK, ["amount", "value"]), trigger_text(["amount", "20000"])), NQ)
R("When we publish a new release on GitHub, announce it in our Discord #announcements channel",
  trig("app_event", "github", "release"), DISCORD, NQ)
R("Every hour check if https://acme-shop.com is up. If it's down, create an alert in Opsgenie and post in slack #incidents",
  trig("schedule"), sched(every_minutes=60), SITE_CHECK, OPSGENIE, SLACK, guarded(OPSGENIE), guarded(SLACK),
  order(SITE_CHECK, OPSGENIE), SAT, NQ)
R("every new trello card in the 'Leads' list should become a contact in hubspot",
  trig("app_event", "trello"), HUBSPOT_ADD, NQ)
R("When someone submits my contact form, write them a personal thank-you email with ChatGPT and send it from Gmail",
  trig(["form", "webhook"]), ai("any"), GMAIL, order(ai("any"), GMAIL), NQ)
R("Route incoming webhook alerts by severity: high -> message me on Telegram, medium -> open a GitHub issue, low -> just log it in Google Sheets",
  trig("webhook"), TELEGRAM, GH_ISSUE, SHEETS_ADD, branches(TELEGRAM, GH_ISSUE, SHEETS_ADD), SAT, NQ)
R("Every Monday 8:30am email my team a list of this week's events from my Google Calendar",
  trig("schedule"), sched(at="08:30", weekday="monday"), GCAL_READ, EMAIL, order(GCAL_READ, EMAIL), NQ)
R("Save teh emails we get from accounting@partner.com into our Notion database",
  trig("email"), NOTION_ADD, either(trigger_text("accounting@partner.com"), guarded(NOTION_ADD, ["from", "accounting"])), NQ)
R("When a ClickUp task is marked done, send a message to our Mattermost channel",
  trig("app_event", "clickup", ["status", "updated"]), MATTERMOST,
  either(guarded(MATTERMOST, ["status", "done", "complete"]), trigger_text(["done", "complete"])), NQ)
R("scrape the price off https://shop.example.org/item/42 every 6 hours and store it in a google sheet",
  trig("schedule"), sched(every_minutes=360), anyof(http("shop.example.org"), core("web_page_check", "shop.example.org")),
  SHEETS_ADD, NQ)
R("When a new GitHub issue mentions 'security', email security@acme.io right away",
  trig("app_event", "github", "issue"), EMAIL, either(guarded(EMAIL, "security"), trigger_text("security")), NQ)
R("Every new record in the Feedback table in Airtable should be posted to Slack #feedback",
  either(trig("app_event", "airtable", "record"), trig("schedule")), SLACK, NQ)
R("When a payment comes in on PayPal, create an invoice in QuickBooks for it; if it's over $2,000 also let me know on Slack",
  trig(["app_event", "webhook"], "paypal", "payment"), QUICKBOOKS, SLACK, guarded(SLACK, "amount"), SAT, NQ)

# ---- creates, Chinese
R("每天早上9点把昨天的Shopify订单汇总一下发到钉钉群",
  trig("schedule"), sched(at="09:00"), svc("shopify", "read"), DINGTALK, order(svc("shopify", "read"), DINGTALK), NQ)
R("有人提交报名表单，就把信息存到Airtable，然后给他发一封确认邮件",
  trig("form"), AIRTABLE_ADD, EMAIL, NQ)
R("GitHub仓库有新issue的时候，如果标签是bug就在企业微信群里提醒一下，别的不用管",
  trig("app_event", "github", "issue"), WECOM, either(guarded(WECOM, ["label", "bug"]), trigger_text("bug")), NQ)
R("每周一上午10点调用 https://data.mycompany.cn/api/signups 拿到上周新注册用户数，发邮件给老板",
  trig("schedule"), sched(at="10:00", weekday="monday"), http("data.mycompany.cn"), EMAIL,
  order(http("data.mycompany.cn"), EMAIL), NQ)
R("做一个请假申请表单，提交后发给主管审批，通过了就在Google日历上加一个事件，没通过就邮件通知申请人",
  trig("form"), APPROVAL, GCAL_ADD, EMAIL, branches(GCAL_ADD, EMAIL), order(APPROVAL, GCAL_ADD), NQ)
R("写一个webhook接收设备上报的温度，超过35度就用Pushover推送给我",
  trig("webhook"), PUSHOVER, guarded(PUSHOVER, ["temp", "温度"]), SAT, NQ)
R("订阅 https://www.ruanyifeng.com/blog/atom.xml ，有新文章就用AI总结一下发到我的Telegram",
  trig("rss"), ai("summarize"), TELEGRAM, order(ai("summarize"), TELEGRAM), NQ)
R("收到客户邮件后用AI判断是投诉还是咨询，投诉的发到Slack #complaints，咨询的直接自动回复",
  trig("email"), ai("classify"), SLACK, EMAIL, branches(SLACK, EMAIL), NQ)
R("手动运行：读取Google表格“客户名单”里的每个人，给他们各发一封节日祝福邮件",
  trig("manual"), SHEETS_READ, EMAIL, order(SHEETS_READ, EMAIL), NQ)
R("搞一个聊天机器人，员工问报销政策的问题时用GPT回答",
  trig("chat"), ai("any"), NQ)
R("工作流出错的时候给我发个飞书消息",
  trig("error"), FEISHU, NQ)
R("每隔30分钟检查一下 https://api.example.cn/queue/length ，队列长度超过1000就在钉钉群里@运维",
  trig("schedule"), sched(every_minutes=30), http("api.example.cn"), DINGTALK,
  guarded(DINGTALK, ["length", "长度", "1000"]), SAT, NQ)
R("HubSpot里有新联系人，就发一条Slack消息，同时加到Google表格里",
  trig("app_event", "hubspot", "contact"), SLACK, SHEETS_ADD, NQ)
R("帮我做个自动化，提高一下工作效率",
  asks("什么", "哪", "what", "which"))
R("Shopify订单金额大于1000的发企业微信给销售主管，小于等于1000的只记到Google表格里",
  trig("app_event", "shopify", "order"), WECOM, SHEETS_ADD, branches(WECOM, SHEETS_ADD), SAT, NQ)
R("每天晚上11点把Notion里今天完成的任务导出来，保存到google表格",
  trig("schedule"), sched(at="23:00"), NOTION_READ, SHEETS_ADD, order(NOTION_READ, SHEETS_ADD), NQ)
R("Trello上新建卡片时，自动在Notion数据库里也建一条",
  trig("app_event", "trello"), NOTION_ADD, NQ)
R("客户在表单里选“售前”就建HubSpot联系人，选“售后”就开Freshdesk工单，选“合作”就发邮件给BD",
  trig("form"), HUBSPOT_ADD, FRESHDESK, EMAIL, branches(HUBSPOT_ADD, FRESHDESK, EMAIL), SAT, NQ)
R("每天中午12点在Telegram上提醒我喝水",
  trig("schedule"), sched(at="12:00"), TELEGRAM, NQ)
R("每天下午6点从GitHub拉当天关闭的issue，用AI写个日报，发到Slack",
  trig("schedule"), sched(at="18:00"), GH_READ, ai("any"), SLACK, order(GH_READ, ai("any")), order(ai("any"), SLACK), NQ)
R("webhook收到退款通知时，在Google Sheets的退款表里记一笔，并且发邮件通知财务",
  trig("webhook"), SHEETS_ADD, EMAIL, NQ)
R("给我一个接口，前端POST手机号过来，用阿里云短信发验证码，然后返回成功",
  trig("webhook"), ALIYUN_SMS, WEBHOOK_RESPONSE, order(ALIYUN_SMS, WEBHOOK_RESPONSE), NQ)
R("每周日晚上8点把下周的待办从Notion里读出来，发Telegram提醒我",
  trig("schedule"), sched(at="20:00", weekday="sunday"), NOTION_READ, TELEGRAM, order(NOTION_READ, TELEGRAM), NQ)
R("WooCommerce有新订单时，如果支付方式是货到付款，就用Twilio发短信给客户确认一下",
  trig("app_event", "woocommerce", "order"), SMS, guarded(SMS, ["payment", "cod", "货到付款"]), SAT, NQ)
R("每周五下午4点把GitHub这周合并的PR列出来，发到Slack #release",
  trig("schedule"), sched(at="16:00", weekday="friday"), GH_READ, SLACK, order(GH_READ, SLACK), NQ)
R("Gmail收到发票邮件后，把发票信息记到Google表格，再回复对方“已收到”",
  trig("email"), SHEETS_ADD, EMAIL, NQ)
R("监控竞争对手的价格页 https://rival.example.com/pricing ，每天查一次，有变化就发邮件告诉我",
  trig("schedule"), sched(every_minutes=1440), RIVAL_CHECK, EMAIL, guarded(EMAIL), NQ)
R("我想把客户数据同步一下",
  asks("什么", "哪", "what", "which"))
R("Salesforce里的商机变成Closed Won的时候，在Asana里给交付团队建个任务",
  trig("app_event", "salesforce", "opportunity"), ASANA_ADD,
  either(guarded(ASANA_ADD, ["stage", "closed", "won"]), trigger_text(["closed", "won"])), NQ)
R("每天早上8点读取Google表格里的库存，库存低于10的商品发邮件提醒采购",
  trig("schedule"), sched(at="08:00"), SHEETS_READ, EMAIL,
  guarded(EMAIL, ["库存", "stock", "qty", "quantity", "inventory"]), SAT, NQ)
R("网站上的聊天窗口：客户提问先让AI回答，同时在Slack里通知客服有人在咨询",
  trig("chat"), ai("any"), SLACK, NQ)
R("HubSpot有新工单就做个情感分析，负面的在Slack里提醒客服主管",
  trig("app_event", "hubspot", "ticket"), ai("sentiment"), SLACK, guarded(SLACK, ["sentiment", "negative", "负面"]),
  order(ai("sentiment"), SLACK), NQ)

# ---- edits, English
R("if yesterday's sales come back as zero, don't bother posting to Slack, just email me so I can check the API",
  EMAIL, branches(SLACK, EMAIL), kept("n1", "n2", "n4"), SAT, NQ, prior=P1)
R("swap monday.com for ClickUp",
  CLICKUP_ADD, removed(MONDAY_ADD), kept("n1", "n3"), NQ, prior=P3)
R("check every 5 minutes instead, and when it's in stock also ping me on Telegram",
  sched(every_minutes=5), TELEGRAM, guarded(TELEGRAM), kept("n2", "n3", "n4"), NQ, prior=P4)
R("only post to slack for orders over $200, but keep logging every order in the sheet",
  guarded(SLACK, ["total", "price", "amount"]), unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P6)
R("for critical alerts also open an incident in PagerDuty",
  PAGERDUTY, guarded(PAGERDUTY, ["severity", "critical"]), kept("n1", "n2", "n3", "n4"), NQ, prior=P10)
R("post the summary to our Discord server too",
  DISCORD, order(ai("summarize"), DISCORD), kept("n1", "n2", "n3"), NQ, prior=P12)
R("also post the report in slack #eng pls",
  SLACK, kept("n1", "n2", "n3", "n4"), NQ, prior=P16)
R("leads that aren't hot should go on a Mailchimp nurture list",
  MAILCHIMP_ADD, branches(svc("salesforce"), MAILCHIMP_ADD), kept("n1", "n2", "n3", "n4"), NQ, prior=P19)

# ---- edits, Chinese
R("邮件别发了，改成发到企业微信群",
  WECOM, removed(GMAIL), kept("n1", "n2"), NQ, prior=P2)
R("“other”类的邮件也别丢掉，转发到Slack的#support频道",
  SLACK, guarded(SLACK, ["category", "other"]), kept("n1", "n2", "n3", "n4", "n5"), NQ, prior=P5)
R("负面工单除了企业微信，再给客服主管 lead@acme.cn 发封邮件",
  EMAIL, guarded(EMAIL), kept("n1", "n2", "n3", "n4"), NQ, prior=P8)
R("表单里加一个“公司人数”字段，超过100人的再在Salesforce里建一个商机",
  SF_DEAL, guarded(SF_DEAL, ["人数", "size", "employees", "headcount", "company"]), unguarded(svc("hubspot")),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P9)
R("审批改成在Slack里做，不用邮件了",
  SLACK_APPROVAL, removed(core("approval_email")), kept("n1", "n3", "n4"), NQ, prior=P13)
R("注册成功后再用SendGrid给用户发一封欢迎邮件",
  svc("sendgrid", "create"), kept("n1", "n2", "n3", "n4"), NQ, prior=P15)
R("金额超过5万的合同，登记完以后还要在钉钉里通知法务",
  DINGTALK, guarded(DINGTALK, ["amount", "金额"]), order(SHEETS_ADD, DINGTALK), kept("n1", "n2", "n3"), SAT, NQ, prior=P17)
R("改成每周日凌晨3点备份一次",
  sched(at="03:00", weekday="sunday"), kept("n2", "n3"), NQ, prior=P20)


def build() -> list[dict[str, Any]]:
    return fresh_rows.rows_of(REQUESTS, PREFIX, SPLIT, COMMON)


composition = fresh_rows.composition


def main() -> None:
    fresh_rows.write(build(), OUT)


if __name__ == "__main__":
    main()
