"""Two-sided conditions bank: outcomes said in many ways (sentences of our own).

Each row is a create request whose condition has two or more sides, and the structural checks a
demanding user would want, in the scorer's vocabulary (bench/eval_planner/checks.py), scored on
the offline planner's workflow. Constructions:

* "X; otherwise Y", "if A do X, if not Y", "X for A, Y for everyone else", "A → X / B → Y",
  "要是…就…，不然/否则/其余的…", "…的话…，…的话…", "符合条件的…，不符合的…",
  "approved → …, rejected → …", "paid orders go to X, unpaid ones to Y";
* thresholds said with units and words ("over two grand", "五千块以上", "一万以上");
* conditions on a trigger field named indirectly ("big deals", "VIP customers", "urgent
  tickets", "老客户");
* sides of two ordered steps each, a step after both sides ("either way", "无论哪种"), a side
  that does nothing ("otherwise ignore it", "不然就什么都不做");
* typos, arrows, chatty requests, mixed Chinese and English.
"""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, branches, failures, free, guard, order, svc


def app(name: str, *events: str) -> Check:
    """The trigger is an event of app ``name`` whose event name holds one of ``events``."""
    return {"trigger": "app_event", "app": name, "event_like": list(events)}


def kind(*kinds: str) -> Check:
    return {"trigger": list(kinds)}


def mk(name: str) -> Check:
    """A node creating something in ``name``."""
    return svc(name, "create")


def ai() -> Check:
    return {"ai": "any"}


MAIL = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "outlook", "sendgrid", "mailgun"], "verb": "create"},
    ]
}
APPROVAL: Check = {"approval": True}


def has(sel: Check) -> Check:
    return sel


def either(sel: Check, *sides: Check) -> list[Check]:
    """``sel`` runs whichever side is taken: before the condition, or joined after it (a path
    to it avoids each side), as the eval scores an "either way" step."""
    return [{"any": [free(sel), {"path_avoiding": {"to": sel, "avoid": s}}]} for s in sides]


SAT: Check = {"condition_satisfiable": True}
AMOUNT = ("amount", "total", "price", "value", "金额")

BANK: list[tuple[str, list[Check]]] = [
    # ---- English: otherwise / if not / everyone else / arrows --------------------------------
    (
        "When a Shopify order comes in: if the total is over two grand, post it to Slack "
        "#big-deals; otherwise just log it in Google Sheets.",
        [
            app("shopify", "order"),
            branches(mk("slack"), mk("google_sheets")),
            guard(mk("slack"), *AMOUNT, "2000"),
            SAT,
        ],
    ),
    (
        "Stripe payments -> paid ones go to QuickBooks as a sales receipt, failed ones get an "
        "alert in Slack #billing",
        [
            app("stripe", "payment"),
            branches(mk("quickbooks"), mk("slack")),
            SAT,
        ],
    ),
    (
        "New HubSpot deal. Big deals (above $10k) → create a Jira task for legal; small ones → "
        "add a row to Airtable.",
        [
            app("hubspot", "deal"),
            branches(mk("jira"), mk("airtable")),
            guard(mk("jira"), *AMOUNT, "10000"),
            SAT,
        ],
    ),
    (
        "Zendesk ticket created - urgent tickets page the on-call person through PagerDuty, "
        "everything else goes to the #support channel on Slack.",
        [
            app("zendesk", "ticket"),
            branches(mk("pagerduty"), mk("slack")),
            guard(mk("pagerduty"), "priority", "urgent"),
            SAT,
        ],
    ),
    (
        "For each new Typeform response: if the score is 9 or 10, add them to Mailchimp, if "
        "not, create a HubSpot task so someone calls them back.",
        [
            app("typeform", "form", "submi"),
            branches(mk("mailchimp"), mk("hubspot")),
            guard(mk("mailchimp"), "score"),
            SAT,
        ],
    ),
    (
        "Whenever a GitHub issue is opened: label is bug → create a Linear issue, anything else "
        "→ ignore it.",
        [app("github", "issue"), guard(mk("linear"), "label", "bug"), SAT],
    ),
    (
        "When a Calendly meeting is booked, send a Twilio SMS if the invitee gave a phone "
        "number, otherwise email them via Gmail. Either way, add the booking to our Notion "
        "database.",
        [
            app("calendly", "invitee", "creat"),
            branches(mk("twilio"), MAIL),
            guard(mk("twilio"), "phone"),
            *either(mk("notion"), mk("twilio"), MAIL),
            SAT,
        ],
    ),
    (
        "New Jotform expense claim: send it to my manager for approval. approved → create the "
        "bill in Xero and email the employee, rejected → tell the employee on Slack.",
        [
            app("jotform", "form", "submi"),
            has(APPROVAL),
            branches(mk("xero"), mk("slack")),
            branches(MAIL, mk("slack")),
            order(mk("xero"), MAIL),
        ],
    ),
    (
        "WooCommerce orders: paid orders get a row in the 'Fulfilment' Google Sheet, unpaid ones "
        "get a reminder email through SendGrid.",
        [
            app("woocommerce", "order"),
            branches(mk("google_sheets"), mk("sendgrid")),
            guard(mk("sendgrid"), "status", "paid", "pay"),
            SAT,
        ],
    ),
    (
        "New Pipedrive person: VIP customers go straight to the #vip Slack channel and get a "
        "Trello card on the 'Key accounts' board; everyone else just gets added to Brevo.",
        [
            app("pipedrive", "person"),
            branches(mk("slack"), mk("brevo")),
            branches(mk("trello"), mk("brevo")),
            guard(mk("slack"), "vip"),
            SAT,
        ],
    ),
    (
        "When someone fills in our Google Forms job application, if they have more than 5 years "
        "of experience create a card in the Trello 'Interview' list, if not send them a polite "
        "rejection with Gmail.",
        [
            app("google_forms", "form", "submi"),
            branches(mk("trello"), MAIL),
            guard(mk("trello"), "experience", "year"),
            SAT,
        ],
    ),
    (
        "New Help Scout conversation: if the subject mentions refund → open a Jira ticket; "
        "anything else → have OpenAI draft a reply and post it to Slack.",
        [
            app("help_scout", "conversation"),
            branches(mk("jira"), mk("slack")),
            order(ai(), mk("slack")),
            guard(mk("jira"), "subject", "refund"),
            SAT,
        ],
    ),
    (
        "hey, so every time a new record shows up in our Airtable 'Leads' table I'd like this: "
        "leads from Germany should be added to Salesforce, the rest can just go into a "
        "Mailchimp audience. thx!",
        [
            app("airtable", "record"),
            branches(mk("salesforce"), mk("mailchimp")),
            guard(mk("salesforce"), "country", "germany"),
            SAT,
        ],
    ),
    (
        "wen a new clickup task is creatd, if its priorty is high send a msg to telegram, "
        "otherwse add it to todoist",
        [
            app("clickup", "task"),
            branches(mk("telegram"), mk("todoist")),
            guard(mk("telegram"), "priorit"),
            SAT,
        ],
    ),
    (
        "Every morning at 8, read yesterday's orders from MySQL. If there were more than 50, "
        "email the ops team a summary; otherwise post 'quiet day' in Mattermost.",
        [
            kind("schedule"),
            order(svc("mysql", "read"), mk("mattermost")),
            branches(MAIL, mk("mattermost")),
            SAT,
        ],
    ),
    (
        "When a Stripe subscription is cancelled: for annual plans, create a HubSpot task and "
        "then email the account manager; for monthly plans, add the customer to a 'churned' "
        "Mailchimp list and then post in Slack #churn.",
        [
            app("stripe", "subscription"),
            branches(mk("hubspot"), mk("mailchimp")),
            branches(MAIL, mk("slack")),
            order(mk("hubspot"), MAIL),
            order(mk("mailchimp"), mk("slack")),
            guard(mk("hubspot"), "plan", "annual", "interval"),
            SAT,
        ],
    ),
    (
        "New Jira issue → if it's a bug, create a GitHub issue; if it's a feature request, add "
        "a card to Trello; otherwise do nothing.",
        [
            app("jira", "issue"),
            branches(mk("github"), mk("trello")),
            guard(mk("github"), "bug", "type"),
            guard(mk("trello"), "feature", "type"),
            SAT,
        ],
    ),
    (
        "Square payment received. Over $500: notify Slack #big-sales. Under $500: add a row to "
        "Google Sheets. Either way, send a thank-you SMS with Twilio.",
        [
            app("square", "payment"),
            branches(mk("slack"), mk("google_sheets")),
            guard(mk("slack"), *AMOUNT, "500"),
            *either(mk("twilio"), mk("slack"), mk("google_sheets")),
            SAT,
        ],
    ),
    (
        "When a new Mailchimp subscriber joins: if they signed up from the pricing page, create "
        "a Salesforce lead; if not, add them to ActiveCampaign instead.",
        [
            app("mailchimp", "subscri"),
            branches(mk("salesforce"), mk("activecampaign")),
            guard(mk("salesforce"), "pricing", "source", "page"),
            SAT,
        ],
    ),
    (
        "Every hour check UptimeRobot. Down monitors → PagerDuty incident plus a Telegram "
        "message. Up → nothing.",
        [
            kind("schedule"),
            order(svc("uptime_robot", "read"), mk("pagerduty")),
            guard(mk("pagerduty"), "status", "down"),
            guard(mk("telegram"), "status", "down"),
            SAT,
        ],
    ),
    (
        "Incoming SMS on Twilio: if the message says STOP, remove them from our Brevo list; "
        "otherwise forward the text to Slack #sms.",
        [
            app("twilio", "sms"),
            branches(svc("brevo"), mk("slack")),
            guard(svc("brevo"), "stop"),
            SAT,
        ],
    ),
    (
        "New Shopify customer: send a Gmail welcome email for customers in the EU, a Twilio SMS "
        "for everyone else.",
        [
            app("shopify", "customer"),
            branches(MAIL, mk("twilio")),
            guard(MAIL, "country", "eu"),
            SAT,
        ],
    ),
    # ---- Chinese and mixed -----------------------------------------------------------------------
    (
        "Shopify有新订单时，订单金额五千块以上的发到飞书群，其他的记到Google表格",
        [
            app("shopify", "order"),
            branches(mk("feishu"), mk("google_sheets")),
            guard(mk("feishu"), *AMOUNT, "5000"),
            SAT,
        ],
    ),
    (
        "要是新的Zendesk工单是紧急的，就用PagerDuty呼叫值班的人，不然就发到钉钉群里",
        [
            app("zendesk", "ticket"),
            branches(mk("pagerduty"), mk("dingtalk")),
            guard(mk("pagerduty"), "priority", "urgent", "紧急"),
            SAT,
        ],
    ),
    (
        "每当HubSpot里有新联系人，老客户的话发企业微信通知销售，新客户的话加到Mailchimp",
        [app("hubspot", "contact"), branches(mk("wecom"), mk("mailchimp")), SAT],
    ),
    (
        "Typeform问卷提交后，符合条件的（年龄18岁以上）加到Airtable，不符合的用Gmail发拒绝邮件",
        [
            app("typeform", "form", "submi"),
            branches(mk("airtable"), MAIL),
            guard(mk("airtable"), "age", "年龄", "18"),
            SAT,
        ],
    ),
    (
        "WooCommerce订单：已付款的同步到QuickBooks，未付款的用Twilio发短信提醒客户",
        [
            app("woocommerce", "order"),
            branches(mk("quickbooks"), mk("twilio")),
            guard(mk("twilio"), "status", "paid", "pay", "付款"),
            SAT,
        ],
    ),
    (
        "GitHub上有新的issue，如果标签是bug就在Jira里建任务，否则在Notion里记一笔",
        [
            app("github", "issue"),
            branches(mk("jira"), mk("notion")),
            guard(mk("jira"), "label", "bug"),
            SAT,
        ],
    ),
    (
        "Stripe有退款时，退款金额超过一千美元的话先发邮件给财务 finance@co.cn 再在Slack #finance "
        "里说一声；其余的只记到Airtable",
        [
            app("stripe", "refund"),
            branches(MAIL, mk("airtable")),
            branches(mk("slack"), mk("airtable")),
            order(MAIL, mk("slack")),
            guard(MAIL, *AMOUNT, "1000"),
            SAT,
        ],
    ),
    (
        "Trello卡片移到“完成”列表的时候：是紧急卡片的话在Telegram里通知我，不是的话就忽略",
        [app("trello", "chang"), guard(mk("telegram"), "urgent", "紧急", "label"), SAT],
    ),
    (
        "每天早上9点从Postgres里查一下库存，库存少于20件就发邮件给采购 buyer@shop.cn，不然就什么都不做",
        [
            kind("schedule"),
            order(svc("postgres", "read"), MAIL),
            guard(MAIL, "20", "库存", "stock", "quantity"),
            SAT,
        ],
    ),
    (
        "Jotform报名表提交 → 选了“线下参加”的 → 在Google日历里建活动；选了“线上参加”的 → 用Zoom建会议",
        [
            app("jotform", "form", "submi"),
            branches(mk("google_calendar"), mk("zoom")),
            guard(mk("google_calendar"), "线下"),
            SAT,
        ],
    ),
    (
        "新的Pipedrive deal进来，amount大于10000的话建一个Asana任务给法务，小于等于10000的话直接加到Google Sheets",
        [
            app("pipedrive", "deal"),
            branches(mk("asana"), mk("google_sheets")),
            guard(mk("asana"), "amount", "10000"),
            SAT,
        ],
    ),
    (
        "Gmail收到邮件时，发件人是VIP客户就转发到Slack #vip，其余的用AI分类后存到Notion",
        [
            kind("email"),
            branches(mk("slack"), mk("notion")),
            order(ai(), mk("notion")),
            guard(mk("slack"), "vip", "from", "sender"),
            SAT,
        ],
    ),
    (
        "有新的Shopify退款时：金额两千以上的，先在Jira建工单，然后在飞书通知客服主管；两千以下的，"
        "先记到Airtable，再给客户发封邮件。",
        [
            app("shopify", "refund"),
            branches(mk("jira"), mk("airtable")),
            branches(mk("feishu"), MAIL),
            order(mk("jira"), mk("feishu")),
            order(mk("airtable"), MAIL),
            guard(mk("jira"), *AMOUNT, "2000"),
            SAT,
        ],
    ),
    (
        "Calendly有人预约时，公司邮箱的加到Salesforce，个人邮箱的加到Brevo，无论哪种都在Slack "
        "#meetings 里发一条消息",
        [
            app("calendly", "invitee", "creat"),
            branches(mk("salesforce"), mk("brevo")),
            *either(mk("slack"), mk("salesforce"), mk("brevo")),
            SAT,
        ],
    ),
    (
        "ClickUp任务状态变了的话：变成“已完成”的就在Slack里庆祝一下，变成“阻塞”的就用Gmail发邮件给项目经理 "
        "pm@co.cn",
        [
            app("clickup", "status", "updat"),
            branches(mk("slack"), MAIL),
            guard(mk("slack"), "status", "完成"),
            SAT,
        ],
    ),
    (
        "Airtable有新的采购申请时，先发给经理审批；批准了就在Xero建采购单，再用钉钉通知采购员，拒绝了就给申请人发邮件",
        [
            app("airtable", "record"),
            has(APPROVAL),
            branches(mk("xero"), MAIL),
            branches(mk("dingtalk"), MAIL),
            order(mk("xero"), mk("dingtalk")),
        ],
    ),
    (
        "Zendesk新工单，优先级高的化发到企业微信，否者加到Trello",
        [
            app("zendesk", "ticket"),
            branches(mk("wecom"), mk("trello")),
            guard(mk("wecom"), "priority", "优先级"),
            SAT,
        ],
    ),
    (
        "Google表格里新增一行时：国家是中国的 → 用企业微信通知；国家是美国的 → 用Slack通知；其他国家 → 发邮件给 "
        "intl@co.com",
        [
            app("google_sheets", "row"),
            branches(mk("wecom"), mk("slack"), MAIL),
            guard(mk("wecom"), "country", "国家"),
            SAT,
        ],
    ),
    (
        "每周一早上10点从Salesforce拉出本周的商机，总额超过十万的话发到Teams的管理层频道，不到十万就只发邮件给销售总监 "
        "vp@co.cn",
        [
            kind("schedule"),
            order(svc("salesforce", "read"), mk("microsoft_teams")),
            branches(mk("microsoft_teams"), MAIL),
            SAT,
        ],
    ),
    (
        "有人在Google Forms提交反馈的时候，评分低于3分的就在Zendesk建工单并发Slack提醒，评分3分及以上的就只存到Google表格。",
        [
            app("google_forms", "form", "submi"),
            branches(mk("zendesk"), mk("google_sheets")),
            branches(mk("slack"), mk("google_sheets")),
            guard(mk("zendesk"), "rating", "评分", "score"),
            SAT,
        ],
    ),
    (
        "帮我弄个流程哈：Stripe每来一笔付款，大额的（一万以上）发到飞书，小额的就算了，不用管",
        [app("stripe", "payment"), guard(mk("feishu"), *AMOUNT, "10000"), SAT],
    ),
    (
        "Outlook收到带附件的邮件，附件是PDF的话存到OneDrive，不是PDF的话存到Dropbox",
        [
            kind("email"),
            branches(mk("onedrive"), mk("dropbox")),
            guard(mk("onedrive"), "pdf"),
            SAT,
        ],
    ),
    (
        "GitLab有新的merge request：目标分支是main的 → 在Slack #release 里提醒并建一个Jira任务；其他分支的 → 忽略",
        [
            app("gitlab", "merge"),
            guard(mk("slack"), "branch", "main"),
            guard(mk("jira"), "branch", "main"),
            SAT,
        ],
    ),
    (
        "Asana任务有变化的时候，要是项目是“客户交付”，就给客户发Gmail邮件；否则的话在Todoist里建一个复盘任务",
        [
            app("asana", "chang"),
            branches(MAIL, mk("todoist")),
            guard(MAIL, "project", "客户交付"),
            SAT,
        ],
    ),
    (
        "Linear issue created → if priority is Urgent 就在钉钉群里@所有人, else 加到Notion backlog",
        [
            app("linear", "issue"),
            branches(mk("dingtalk"), mk("notion")),
            guard(mk("dingtalk"), "priority", "urgent"),
            SAT,
        ],
    ),
    (
        "每当Wufoo表单有人提交，如果填了公司名称就在HubSpot建公司，没填的话把人加到Mailchimp",
        [
            app("wufoo", "form", "submi"),
            branches(mk("hubspot"), mk("mailchimp")),
            guard(mk("hubspot"), "company", "公司"),
            SAT,
        ],
    ),
]

_OPEN: dict[str, str] = {
    "New Pipedrive person: VIP customers": "'… and get a Trello card' reads 'get' as a Trello "
    "read (a 'gets a <item>' receive was tried, but broke 'then get a Zendesk ticket by id')",
    "Stripe payments -> paid ones": "'paid' in the sides picks the refund event "
    "(charge_refunded) over payment_succeeded for a bare 'Stripe payments' heading",
    "New Jotform expense claim": "'expense claim' heading is read as a schedule and the "
    "approval's approved/rejected arrows are not read as its two outputs",
    "When a Stripe subscription is cancelled: for annual": "'for annual plans, X; for "
    "monthly plans, Y': a 'for <kind>' head cut from its steps by the comma opens no case",
    "When a new Mailchimp subscriber joins": "'signed up from the pricing page' is read as a "
    "yes/no field signed_up_from, not a source equal to the pricing page",
    "Incoming SMS on Twilio": "'remove them from our Brevo list' makes no Brevo node (Brevo "
    "has no contact delete/unsubscribe operation in the catalog)",
    "New Shopify customer: send a Gmail": "'X for customers in the EU, Y for everyone else': "
    "a 'for <kind>' tail after each step opens no case",
    "要是新的Zendesk工单是紧急的": "the trigger phrase inside the 要是-clause takes the clause "
    "with it; the condition left ('是紧急的') is dropped",
    "Jotform报名表提交 → 选了": "'选了“X”的 → …；选了“Y”的 → …': a quoted choice head "
    "after '选了' with arrows is not read as a case",
    "ClickUp任务状态变了的话": "'变成“已完成”的就…，变成“阻塞”的就…': a state change said "
    "as 变成 + quoted value + 的 opens no case",
    "Google表格里新增一行时": "'国家是中国的 → …；国家是美国的 → …；其他国家 → …': the "
    "rest head '其他国家' is not read as the third output",
    "GitLab有新的merge request": "'目标分支是main的 → …；其他分支的 → 忽略': a field-is-value "
    "head + 的 before an arrow opens no case",
}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_branches_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks, ask=False) == []


def test_bank_size() -> None:
    assert len(BANK) >= 45
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 22
