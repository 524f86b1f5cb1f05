"""Conditions and branches in create requests, bank 5 (sentences of our own, English and
Chinese): the field a condition compares follows its context (a sum of money in an expense,
claim, payment or deposit is the ``amount``; "X级别" is the level; "标题带'X'" is the subject
containing X; "改动的文件超过N个" counts changed files; "低于安全库存" compares the stock; "no
attachment" tests the attachment; "main分支的push" filters the branch); conditions said without
"if" (a relative clause or 的-phrase, "打0到6分的…；打9到10分的…" as cases); an approval on one
side while the other side goes straight in from the IF's false output (never from the
approval's rejected output); status values that each do a different operation; a counter read
before a threshold whose sides answer the webhook with their status codes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import APPROVALS, Graph, bypasses, sound, vetted, ways
from tests.planner.test_condition_fields_bank import AMOUNT, SCORE, STOCK, free, gated

Check = Callable[[Graph], None]
Words = tuple[str, ...]
LEVEL: Words = ("level", "severity")
SUBJECT: Words = ("subject", "title", "标题", "主题")
FILES: Words = ("changed_files", "files_changed", "changed")
ATTACH: Words = ("attach", "binary")
STATUS: Words = ("status", "状态")
BRANCH: Words = ("branch", "ref")
STARS: Words = ("rating", "star", "score", "星")
AI = ("llm_chat", "ai_agent", "openai", "anthropic", "text_classifier", "information_extractor")


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


def apart(a: str, b: str, field: Words | None) -> Check:
    """``a`` and ``b`` on different outputs of one gate comparing ``field``."""
    return lambda g: ways(g, [a, b], field)


def op_of(app: str, op: str) -> Check:
    """Some ``app`` node does an operation starting with ``op`` (update, create, …)."""

    def run(g: Graph) -> None:
        ops = [str(g.nodes[i].parameters.get("operation", "")) for i in g.find(app)]
        assert any(o.lower().startswith(op) for o in ops), (app, ops)

    return run


def after(first: str, then: str) -> Check:
    """Some ``then`` node runs downstream of a ``first`` node."""

    def run(g: Graph) -> None:
        below: set[str] = set()
        for i in g.find(first):
            below |= g.below(i)
        assert g.find(then) & below, (first, then, g.edges)

    return run


def straight_in(approved: str, field: Words) -> Check:
    """An approval gated on ``field``; ``approved`` on its approved output; a path reaching
    ``approved`` through no approval; no approval's rejected output leads to ``approved``."""

    def run(g: Graph) -> None:
        vetted(g, approved, None, field)
        bypasses(g, approved)
        ids = g.find(approved)
        for aid, n in g.nodes.items():
            if n.subtype in APPROVALS:
                assert not ids & g.outputs(aid).get("rejected", set()), g.edges

    return run


def filtered(write: str, reader: str, field: Words, value: str) -> Check:
    """``write`` behind a gate testing ``field`` for ``value``, or the ``reader`` node itself
    asks only for items holding ``value`` (a search query)."""

    def run(g: Graph) -> None:
        if any(value in str(g.nodes[i].parameters) for i in g.find(reader)):
            return
        gated(write, field, "contains", value)(g)

    return run


def on_branch(app: str, name: str) -> Check:
    """``app`` runs only for the branch ``name``: a gate on the branch/ref, or the trigger
    itself filters it."""

    def run(g: Graph) -> None:
        if name in str(g.trigger().parameters):
            return
        gated(app, BRANCH)(g)

    return run


def ai_gated(field: Words) -> Check:
    """An AI step sits behind a gate comparing ``field``."""

    def run(g: Graph) -> None:
        ids = [i for i, n in g.nodes.items() if n.subtype in AI or n.parameters.get("app") in AI]
        assert ids, sorted(g.nodes)
        errors = []
        for i in ids:
            try:
                gated(g.nodes[i].subtype, field)(g)
                return
            except AssertionError as e:
                errors.append(e)
        raise AssertionError(errors)

    return run


BANK: list[tuple[str, str, Check]] = [
    # --- a sum of money in an expense/payment/deposit context is the amount ------------------------
    (
        "When a deposit lands in our Stripe account, log it in Notion, and if it's more than "
        "5,000 USD ping me on Discord as well",
        "stripe",
        each(gated("discord", AMOUNT, "greater_than", 5000), free("notion")),
    ),
    (
        "Reimbursement requests come in through a Typeform. Anything over €300 has to be "
        "approved by the team lead over email before it is added to Xero; cheaper ones go "
        "straight in.",
        "typeform",
        straight_in("xero", AMOUNT),
    ),
    (
        "When a PayPal payment is received, add it to Google Sheets; if it's above $2,500 also "
        "text me on Telegram",
        "paypal",
        each(gated("telegram", AMOUNT, "greater_than", 2500), free("google_sheets")),
    ),
    (
        "每收到一笔Stripe付款就记到Airtable，如果超过5万元再发钉钉通知我",
        "stripe",
        each(gated("dingtalk", AMOUNT, "greater_than", 50000), free("airtable")),
    ),
    # --- the level, the subject, the changed files ------------------------------------------------
    (
        "每30分钟看一下Sentry里有没有新的error级别问题，有的话发Telegram提醒我，同时在Linear建一个问题",
        "schedule",
        each(gated("telegram", LEVEL), gated("linear", LEVEL)),
    ),
    (
        "每天检查一次Sentry的新问题，warning级别的发到钉钉群",
        "schedule",
        gated("dingtalk", LEVEL),
    ),
    (
        "每周一上午10点，把上周Outlook里收到的标题带“发票”的邮件找出来，写到Google Sheets里",
        "schedule",
        filtered("google_sheets", "outlook", SUBJECT, "发票"),
    ),
    (
        "每天晚上8点把今天Gmail里主题包含“订单”的邮件整理到Airtable",
        "schedule",
        filtered("airtable", "gmail", SUBJECT, "订单"),
    ),
    (
        "GitHub有新的拉取请求时，如果改动的文件多于20个就发邮件提醒作者；不然就用OpenAI审查代码，"
        "把审查意见发到Slack频道",
        "github",
        each(gated("send_email", FILES, "greater_than", 20), ai_gated(FILES)),
    ),
    (
        "When a new pull request is opened on GitHub, if more than 40 files changed, post a "
        "Slack message asking the author to split it; otherwise have AI review the code and "
        "email me the review",
        "github",
        each(gated("slack", FILES, "greater_than", 40), ai_gated(FILES)),
    ),
    # --- conditions said without "if" --------------------------------------------------------------
    (
        "每天早上8点读取MySQL里的库存表，库存低于10的商品在Trello里建卡片提醒补货",
        "schedule",
        gated("trello", STOCK, "less_than", 10),
    ),
    (
        "每隔一小时读取Postgres里的商品表，低于安全库存的商品发Slack消息给仓库",
        "schedule",
        gated("slack", STOCK),
    ),
    (
        "Typeform的NPS问卷收到回复时，打0到6分的在Slack里通知客户成功团队；打9到10分的发邮件邀请他们写评价",
        "typeform",
        each(gated("slack", SCORE), gated("send_email", SCORE), apart("slack", "send_email", None)),
    ),
    (
        "Typeform满意度调查里打1到2星的马上在Zendesk建工单回访；打5星的加到Mailchimp的“好评”列表",
        "typeform",
        each(gated("zendesk", STARS), apart("zendesk", "mailchimp", None)),
    ),
    # --- an approval on one side, the other side straight in ---------------------------------------
    (
        "New purchase requests arrive at a webhook. Requests above $10,000 need the CFO's "
        "approval in Slack, then go into Airtable; all the others go into Airtable right away",
        "webhook",
        straight_in("airtable", AMOUNT),
    ),
    (
        "当Dropbox的“发票”文件夹有新文件时，用OpenAI提取发票金额；金额超过5万的要财务总监审批，"
        "审批通过后录入Xero，其他的直接录入Xero",
        "dropbox",
        straight_in("xero", AMOUNT),
    ),
    (
        "Typeform有新的采购申请时，金额超过1万的需要经理邮件审批，批准后写到Google Sheets，其余的直接写进去",
        "typeform",
        straight_in("google_sheets", AMOUNT),
    ),
    # --- status values that each do a different operation ------------------------------------------
    (
        "Build a webhook for delivery updates from our courier: if the status is 'delivered', "
        "update the order in WooCommerce to completed; if it's 'failed', alert support on "
        "Slack; ignore any other status",
        "webhook",
        each(
            op_of("woocommerce", "update"),
            gated("woocommerce", STATUS),
            apart("woocommerce", "slack", STATUS),
        ),
    ),
    (
        "做一个webhook接收支付平台的回调：状态是“成功”就在Airtable里把订单更新为已支付，"
        "状态是“失败”就在钉钉群里通知财务，其他状态忽略",
        "webhook",
        each(
            op_of("airtable", "update"),
            gated("airtable", STATUS),
            apart("airtable", "dingtalk", STATUS),
        ),
    ),
    (
        "做一个webhook接收工单系统推送的状态：状态为“已解决”就在Jira里把问题更新为完成，状态为“重开”就发"
        "Telegram通知我，其他不处理",
        "webhook",
        each(
            op_of("jira", "update"),
            gated("jira", STATUS),
            apart("jira", "telegram", STATUS),
        ),
    ),
    # --- a counter, then answers with status codes -------------------------------------------------
    (
        "Set up a webhook that counts requests per IP address in Redis. If an IP has sent more "
        "than 100 requests, answer 429; otherwise answer 200 and save the body to MongoDB.",
        "webhook",
        each(
            apart("webhook_response:429", "mongodb", None),
            after("redis", "mongodb"),
            after("redis", "webhook_response:429"),
        ),
    ),
    (
        "做一个webhook，用Redis记录每个用户的调用次数，超过500次就返回429，否则返回200并把数据写进Postgres",
        "webhook",
        each(
            apart("webhook_response:429", "postgres", None),
            after("redis", "postgres"),
        ),
    ),
    # --- attachments -------------------------------------------------------------------------------
    (
        "For each email sent to invoices@corp.com, save the attached PDF to Google Drive. If an "
        "email has no attachment, reply asking the sender to attach the invoice.",
        "email",
        each(gated("google_drive", ATTACH), apart("google_drive", "send_email", ATTACH)),
    ),
    (
        "收到Gmail新邮件时，把附件上传到Dropbox；如果邮件没有附件，就回复发件人请他补上附件",
        "gmail",
        each(gated("dropbox", ATTACH), apart("dropbox", "gmail", ATTACH)),
    ),
    # --- the branch of a push ----------------------------------------------------------------------
    (
        "Whenever someone pushes to the release branch on GitHub, trigger a Jenkins build; if "
        "the build fails, alert the team on Slack",
        "github",
        on_branch("jenkins", "release"),
    ),
    (
        "GitLab的develop分支一有新的push，就触发Jenkins构建；如果构建失败，在飞书群里报警",
        "gitlab",
        on_branch("jenkins", "develop"),
    ),
]


# still wrong (strict: a fix makes the test fail until the mark goes); the assertions stand
OPEN: dict[str, str] = {
    "Typeform满意度调查里打1到2星": "trigger: a survey named with no event word starts manually",
    "当Dropbox的“发票”文件夹有新文件时": "trigger: a Dropbox folder's new file reads as a webhook",
    "收到Gmail新邮件时，把附件上传到Dropbox": "the reply reads '附件' as Dropbox, not a mail",
}


@pytest.mark.parametrize("text,trigger,check", bank_cases(BANK, OPEN, id_len=40))
def test_conds5_bank(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    sound(g, trigger)
    check(g)
