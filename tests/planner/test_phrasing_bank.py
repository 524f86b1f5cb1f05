"""Phrasing bank: triggers and conditions said in many ways (sentences of our own).

Each row is a request and the structural checks a demanding user would want, written in the
scorer's own vocabulary (bench/eval_planner/checks.py) and scored on the offline planner's
workflow. Constructions:

* a trigger said as a habit ("customers keep leaving…", "每当有人…"), a noun phrase
  ("new Shopify refunds -> …"), a passive ("when a card is moved…"), "as soon as / the moment /
  一旦 / 只要", incoming mail by sender or subject, chat messages in a channel, a file landing
  in a folder, RSS items, form submissions, a webhook from a named tool;
* schedules in many wordings ("every other Monday", "twice a day", "月底最后一天", "工作日早上",
  "on the 1st and 15th", "每隔两小时");
* conditions said as "unless / except when / only if / but not for / as long as / if not /
  除非 / 要是…的话 / …的除外 / 只有…才 / 否则 / 不然", cases as a list, a condition said after
  its action, a condition on a field the trigger gives.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, branches, failures, free, guard, order, svc


def app(name: str, *events: str) -> Check:
    """The trigger is an event of app ``name`` whose event name holds one of ``events``."""
    return {"trigger": "app_event", "app": name, "event_like": list(events)}


def kind(*kinds: str, apps: tuple[str, ...] = ()) -> Check:
    """The trigger is of one of ``kinds`` (or, with ``apps``, an event of one of them)."""
    check: Check = {"trigger": list(kinds)}
    if apps:
        check = {"any": [check, {"trigger": "app_event", "app": list(apps)}]}
    return check


def sched(**want: Any) -> Check:
    return {"schedule": want}


def ai(what: str = "any") -> Check:
    return {"ai": what}


MAIL = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "outlook", "sendgrid", "mailgun"], "verb": "create"},
    ]
}
EMAIL_TRIGGER = kind("email", apps=("gmail", "outlook"))


def has(sel: Check) -> Check:
    return sel


SAT: Check = {"condition_satisfiable": True}

BANK: list[tuple[str, list[Check]]] = [
    # ---- triggers said as a habit, noun phrase, passive, "as soon as" ------------------------
    (
        "Customers keep filling in our Typeform feedback survey. Each one should be stored in "
        "Airtable, and only if the rating is 2 or lower open a Zendesk ticket.",
        [
            app("typeform", "form", "submi"),
            free(svc("airtable", "create")),
            guard(svc("zendesk", "create"), "rating"),
            SAT,
        ],
    ),
    (
        "new Shopify refunds -> row in Google Sheets -> message in Slack #finance. but not for "
        "refunds under $20",
        [
            app("shopify", "refund"),
            order(svc("google_sheets", "create"), svc("slack", "create")),
            guard(svc("slack", "create"), "amount", "total", "price", "20"),
            SAT,
        ],
    ),
    (
        "When a card is moved to the Done list in Trello, post a note in Slack #shipped unless "
        "the card carries the 'internal' label.",
        [app("trello", "chang", "mov"), guard(svc("slack", "create"), "label", "internal"), SAT],
    ),
    (
        "As soon as a Stripe charge gets refunded, email the customer through Gmail and create a "
        "page in our Notion 'Refunds' database — except when the refunded amount is below 5 "
        "dollars.",
        [
            app("stripe", "refund"),
            guard(MAIL, "amount"),
            guard(svc("notion", "create"), "amount"),
            SAT,
        ],
    ),
    (
        "The moment someone books a call with us on Calendly, add them to HubSpot as a contact, "
        "and text them a thank-you with Twilio if they left a phone number.",
        [
            app("calendly", "invitee_created", "creat"),
            has(svc("hubspot")),
            free(svc("hubspot")),
            guard(svc("twilio", "create"), "phone"),
            SAT,
        ],
    ),
    # ---- mail by sender or subject ------------------------------------------------------------
    (
        "Emails from billing@acme-supplies.com with 'Invoice' in the subject: upload the "
        "attachment to Google Drive and add a row to the 'AP' Google Sheet.",
        [EMAIL_TRIGGER, has(svc("google_drive", "create")), has(svc("google_sheets", "create"))],
    ),
    (
        "Gmail收到 boss@company.com 发来的邮件时，马上推送到Telegram",
        [EMAIL_TRIGGER, has(svc("telegram", "create"))],
    ),
    (
        "收到主题里带“发票”的邮件，就把附件存到Dropbox，再在Airtable里加一条记录",
        [EMAIL_TRIGGER, order(svc("dropbox", "create"), svc("airtable", "create"))],
    ),
    (
        "只要Outlook收到带附件的邮件，就把附件传到OneDrive",
        [EMAIL_TRIGGER, has(svc("onedrive", "create"))],
    ),
    # ---- chat messages in channels --------------------------------------------------------------
    (
        "Whenever somebody posts in #bugs on Slack, create a Jira issue; if the message mentions "
        "'urgent', also open a PagerDuty incident.",
        [
            app("slack", "message"),
            free(svc("jira", "create")),
            guard(svc("pagerduty", "create"), "urgent"),
            SAT,
        ],
    ),
    (
        "messages to our Telegram bot -> ask OpenAI for an answer -> reply in Telegram",
        [app("telegram", "message"), order(ai(), svc("telegram", "create"))],
    ),
    (
        "Slack的#sales频道里有人发消息就同步到Notion；机器人发的不要",
        [app("slack", "message"), guard(svc("notion", "create"), "bot", "机器人"), SAT],
    ),
    # ---- files landing in folders ------------------------------------------------------------
    (
        "A new PDF lands in the Google Drive folder 'Contracts' → pull out the parties and the "
        "end date with AI → save them to Airtable",
        [app("google_drive", "file"), order(ai(), svc("airtable", "create"))],
    ),
    (
        "Every time a file is uploaded to the Box folder 'Invoices', run it through Mistral OCR "
        "and append the total to our Excel 365 sheet.",
        [app("box", "upload", "file"), order(svc("mistral_ai"), svc("excel_365", "create"))],
    ),
    (
        "Google Drive的“报销单”文件夹里一有新文件，就用AI读出金额，金额超过5000的发邮件给老板审批，"
        "其余的直接记到Google表格",
        [
            app("google_drive", "file"),
            has(ai()),
            branches({"approval": True}, svc("google_sheets", "create")),
            SAT,
        ],
    ),
    # ---- RSS ------------------------------------------------------------------------------------
    (
        "New items on https://blog.example.com/rss.xml should be shared on our LinkedIn page, "
        "but skip any item whose title contains 'hiring'.",
        [kind("rss"), guard(svc("linkedin", "create"), "title", "hiring"), SAT],
    ),
    (
        "订阅 https://news.example.cn/feed.xml，有新文章就用DeepL翻译成英文，然后发到Discord",
        [kind("rss"), order(svc("deepl"), svc("discord", "create"))],
    ),
    # ---- form submissions --------------------------------------------------------------------
    (
        "Each Google Forms submission becomes a Mailchimp subscriber, only if they ticked the "
        "newsletter box.",
        [
            app("google_forms", "form", "submi"),
            guard(svc("mailchimp", "create"), "newsletter"),
            SAT,
        ],
    ),
    (
        "每当有人在Typeform填完问卷，就把答案存到Notion数据库里；要是满意度低于3分的话，再发邮件给 cs@shop.cn",
        [
            app("typeform", "form", "submi"),
            free(svc("notion", "create")),
            guard(MAIL, "满意度", "satisf"),
            SAT,
        ],
    ),
    (
        "只要有人在Jotform提交报名表，就在Google日历里建一个活动，除非他选的是“线上参加”",
        [app("jotform", "form", "submi"), guard(svc("google_calendar", "create"), "线上"), SAT],
    ),
    (
        "网站表单（姓名、邮箱、公司）提交后，把人加到Brevo；公司是空的就别加，直接发邮件提醒 me@x.cn",
        [kind("form", "webhook"), branches(svc("brevo", "create"), MAIL), SAT],
    ),
    # ---- webhooks from named tools -------------------------------------------------------------
    (
        "Sentry calls our webhook whenever an error happens. Open a GitHub issue for each one, "
        "and as long as the level is 'fatal', also ping #oncall in Slack.",
        [
            kind("webhook"),
            free(svc("github", "create")),
            guard(svc("slack", "create"), "level"),
            SAT,
        ],
    ),
    (
        "我们的ERP会往webhook推送出库单（单号、仓库、数量），数量大于100的要在Slack #warehouse 提醒，其余的只存到MySQL",
        [kind("webhook"), branches(svc("slack", "create"), svc("mysql")), SAT],
    ),
    # ---- schedules --------------------------------------------------------------------------------
    (
        "every other Monday at 10am pull the open deals from Pipedrive and email a summary to "
        "sales@corp.io",
        [
            sched(weekday="monday", at="10:00", every_minutes=20160),
            order(svc("pipedrive", "read"), MAIL),
        ],
    ),
    (
        "Twice a day (9am and 5pm) check our UptimeRobot monitors and send a Pushover alert if "
        "any of them is down.",
        [
            kind("schedule"),
            order(svc("uptime_robot", "read"), svc("pushover", "create")),
            guard(svc("pushover", "create"), "down", "status"),
            SAT,
        ],
    ),
    (
        "月底最后一天晚上8点，从QuickBooks导出本月的发票，汇总后发到财务的企业微信群",
        [kind("schedule"), order(svc("quickbooks", "read"), svc("wecom", "create"))],
    ),
    (
        "工作日早上8点半，把Todoist里今天到期的任务发到钉钉",
        [
            sched(at="08:30", weekday="monday"),
            sched(weekday="friday"),
            order(svc("todoist", "read"), svc("dingtalk", "create")),
        ],
    ),
    (
        "每隔两小时检查一下Zendesk里还没人处理的工单，有的话发到飞书群里",
        [sched(every_minutes=120), order(svc("zendesk", "read"), svc("feishu", "create"))],
    ),
    (
        "On the 1st and 15th of every month at 7am, export the Harvest time entries to a "
        "Google Sheet.",
        [kind("schedule"), order(svc("harvest", "read"), svc("google_sheets", "create"))],
    ),
    (
        "每周五下午四点，把本周Jira上完成的issue整理一下发到Teams的周报频道",
        [
            sched(weekday="friday", at="16:00"),
            order(svc("jira", "read"), svc("microsoft_teams", "create")),
        ],
    ),
    (
        "每天早晚各一次（9点和21点）查一下MongoDB里库存低于10的商品，发到Slack",
        [kind("schedule"), order(svc("mongodb", "read"), svc("slack", "create"))],
    ),
    (
        "evry mornin at 7 send me the weather forcast for Berlin on telegram pls",
        [sched(at="07:00", every_minutes=1440), has(svc("telegram", "create"))],
    ),
    # ---- app events in Chinese -------------------------------------------------------------------
    (
        "一旦GitHub上有新的Pull Request，就在飞书群里通知一声，草稿状态的除外",
        [app("github", "pull"), guard(svc("feishu", "create"), "draft", "草稿"), SAT],
    ),
    (
        "有新的HubSpot联系人时，如果国家是中国，就在企业微信里通知销售；否则发邮件给 intl@corp.com",
        [app("hubspot", "contact"), branches(svc("wecom", "create"), MAIL), SAT],
    ),
    (
        "Zendesk工单被标记为已解决时，用SendGrid给客户发一封满意度调查邮件，VIP客户的除外",
        [app("zendesk", "solved", "status"), guard(svc("sendgrid", "create"), "vip"), SAT],
    ),
    (
        "Stripe订阅被取消了 → 在Intercom里更新这个用户 → 在Slack #churn 里说一声",
        [app("stripe", "subscription"), order(svc("intercom"), svc("slack", "create"))],
    ),
    (
        "PayPal收到付款后，在Xero里建发票；只有金额大于100美元才在钉钉通知财务",
        [
            app("paypal", "payment"),
            free(svc("xero", "create")),
            guard(svc("dingtalk", "create"), "amount", "金额"),
            SAT,
        ],
    ),
    (
        "WooCommerce订单状态一变，就同步到Google表格；要是变成了已取消，再用Twilio给客户发短信",
        [
            app("woocommerce", "order_updated"),
            free(svc("google_sheets")),
            guard(svc("twilio", "create"), "status", "状态", "cancel", "取消"),
            SAT,
        ],
    ),
    (
        "Calendly上有人取消预约 -> 在Google表格里记一下 -> 发邮件给销售 jack@corp.cn",
        [app("calendly", "cancel"), order(svc("google_sheets", "create"), MAIL)],
    ),
    (
        "ClickUp里任务状态改成“待审核”的时候，在Discord里通知审核组；不然什么都不做",
        [app("clickup", "status"), guard(svc("discord", "create"), "待审核", "status"), SAT],
    ),
    (
        "只有当GitLab流水线失败时，才在钉钉群里发消息通知开发",
        [
            app("gitlab", "pipeline"),
            guard(svc("dingtalk", "create"), "fail", "status", "失败"),
            SAT,
        ],
    ),
    (
        "每次有新的Cal.com预约，如果是付费咨询就在Stripe里建发票，不然就只发一封确认邮件",
        [app("cal_com", "booking"), branches(svc("stripe", "create"), MAIL), SAT],
    ),
    (
        "当Notion数据库里的页面被更新时，同步到Airtable",
        [app("notion", "page_updated", "updat"), has(svc("airtable"))],
    ),
    (
        "Gumroad每卖出一单，就在ConvertKit里给买家打标签，并在Google表格记一行",
        [app("gumroad", "sale"), has(svc("convertkit")), has(svc("google_sheets", "create"))],
    ),
    (
        "Jira新建issue时按类型分：Bug → 在GitLab建issue；需求 → 在Notion建页面；其他 → 发到企业微信",
        [
            app("jira", "issue_created", "creat"),
            branches(svc("gitlab", "create"), svc("notion", "create"), svc("wecom", "create")),
            SAT,
        ],
    ),
    (
        "你好～我们是个小培训机构，学员都是通过Google表单报名的。想要的效果是：每收到一份报名，就在HubSpot里建联系人，"
        "然后发一封欢迎邮件；如果报的是周末班，再在钉钉里通知周末班的老师。谢谢！",
        [
            app("google_forms", "form", "submi"),
            free(svc("hubspot")),
            free(MAIL),
            guard(svc("dingtalk", "create"), "周末", "class", "班"),
            SAT,
        ],
    ),
    # ---- mixed language, typos, chatty ----------------------------------------------------------
    (
        "每次 new Typeform response 进来 → 存 Airtable → 如果 score < 5 就 ping me on Slack",
        [
            app("typeform", "form", "submi"),
            free(svc("airtable", "create")),
            guard(svc("slack", "create"), "score"),
            SAT,
        ],
    ),
    (
        "when 有新的 Shopify 订单, add a row in Google Sheets，金额超过 1000 的话 also notify #vip on "
        "Slack",
        [
            app("shopify", "order"),
            free(svc("google_sheets", "create")),
            guard(svc("slack", "create"), "amount", "total", "price", "金额"),
            SAT,
        ],
    ),
    (
        "wehn a new isssue is creatd in jira, post it to mattermost #dev exept if priority is Low",
        [
            app("jira", "issue_created", "creat"),
            guard(svc("mattermost", "create"), "priority"),
            SAT,
        ],
    ),
    (
        "Hi! So we run a small bakery and take payments through Square. What I'd love is: "
        "whenever a payment comes through Square, add the order to our Airtable base, and then "
        "if the customer asked for delivery, could you text our driver via Twilio? Pickup "
        "orders don't need anything else. Thanks!!",
        [
            app("square", "payment"),
            free(svc("airtable", "create")),
            guard(svc("twilio", "create"), "delivery"),
            SAT,
        ],
    ),
    # ---- conditions said after the action, if not, as long as, except when, lists -------------
    (
        "Send a Slack message to #deals for each new Salesforce opportunity — but only when the "
        "amount is over 50k.",
        [app("salesforce", "opportunity"), guard(svc("slack", "create"), "amount"), SAT],
    ),
    (
        "New Zendesk tickets:\n- priority urgent → PagerDuty incident\n- priority high → Slack "
        "#support-high\n- anything else → just add it to the 'backlog' Google Sheet",
        [
            app("zendesk", "ticket"),
            branches(
                svc("pagerduty", "create"), svc("slack", "create"), svc("google_sheets", "create")
            ),
            SAT,
        ],
    ),
    (
        "When a Pipedrive deal is updated: if it's not won, do nothing. If it is won, create an "
        "invoice in QuickBooks and post to #wins on Slack.",
        [
            app("pipedrive", "deal_updated", "updat"),
            guard(svc("quickbooks", "create"), "status", "won"),
            guard(svc("slack", "create"), "status", "won"),
            SAT,
        ],
    ),
    (
        "Whenever someone subscribes to our Mailchimp list, add them to Salesforce as a lead as "
        "long as they gave a company name.",
        [app("mailchimp", "subscri"), guard(svc("salesforce", "create"), "company"), SAT],
    ),
    (
        "Forward every new Help Scout conversation to Microsoft Teams except when it comes from "
        "our own domain @ourco.com",
        [
            app("help_scout", "conversation"),
            guard(svc("microsoft_teams", "create"), "email", "from", "ourco", "domain"),
            SAT,
        ],
    ),
    (
        "Discord的#feedback频道里每条新消息都让AI判断情绪，负面的在Linear里建issue",
        [
            kind("webhook", "chat", apps=("discord",)),
            has(ai()),
            guard(svc("linear", "create"), "negative", "负面", "sentiment"),
            SAT,
        ],
    ),
]

_OPEN: dict[str, str] = {
    "Discord的#feedback频道": "Discord has no trigger events in the catalog: the planner polls "
    "its messages on an hourly schedule (no webhook, no chat trigger)",
}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_phrasing_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks, ask=False) == []


def test_bank_size() -> None:
    assert len(BANK) >= 50
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 25
