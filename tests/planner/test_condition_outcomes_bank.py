"""Condition bank, round 2 (sentences of our own, English and Chinese): conditions on whether a
read found anything ("有的话…"), on a sentiment service's output ("for each negative one"), on
a yes/no AI judgement ("不是的话…"), on the outcome of an action said before them ("if the
build fails"), on fields named by the words of the request (hours, word count, shipping
country, changed files, a rating's label, a subject line), and durations said in the past
perfect. Each says which actions sit behind the gate (and which do not), what it compares,
the operator and value, that the gate comes after the step whose result it reads, and that no
condition can never hold."""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import Graph, sound
from tests.planner.test_condition_fields_bank import (
    AMOUNT,
    HOURS,
    SINCE,
    STOCK,
    Check,
    Words,
    _compares,
    _guards,
    _rules,
    each,
    free,
    gated,
    judged,
    not_side,
)

ANY: Words = ("",)
FATAL: Words = ("level", "fatal")
SENTIMENT: Words = ("sentiment", "情绪", "情感")
SPAM: Words = ("category", "spam", "垃圾", "广告")
OUTCOME: Words = ("status", "result", "error", "fail", "success", "失败", "成功")
WORDS: Words = ("word",)
COUNTRY: Words = ("country", "国家")
SUBJECT: Words = ("subject", "title", "标题", "主题")
FILES: Words = ("changed", "files", "文件")
SATISFACTION: Words = ("satisfaction", "rating", "score", "满意")


def after(first: str, app: str, field: Words = ANY) -> Check:
    """``app`` sits behind a gate on ``field`` that comes after ``first`` (the read or action
    whose result it tests), and ``first`` itself is not behind that gate."""

    def run(g: Graph) -> None:
        firsts = g.find(first)
        ok = [
            gid
            for gid in _guards(g, app)
            if any(f.lower() in _compares(g, gid) for f in field)
            and any(gid in g.below(i) for i in firsts)
            and gid not in _guards(g, first)
        ]
        assert ok, (first, app, {i: _compares(g, i) for i in _guards(g, app)})

    return run


def negative_after(service: str, app: str) -> Check:
    """``app`` runs only when the sentiment ``service`` (before the gate) says negative."""

    def run(g: Graph) -> None:
        ok = [
            gid
            for gid in _guards(g, app)
            if any(f in _compares(g, gid) for f in SENTIMENT)
            and any("negative" in str(r).lower() for r in _rules(g.nodes[gid].parameters))
            and any(gid in g.below(i) for i in g.find(service))
        ]
        assert ok, (app, {i: _compares(g, i) for i in _guards(g, app)})

    return run


def at_least(app: str, field: Words, n: float) -> Check:
    """``app`` runs behind a gate on ``field`` that holds for ``n`` and not for ``n - 1``."""

    def holds(rule: dict[str, object], x: float) -> bool:
        op, right = rule.get("operator"), rule.get("right", rule.get("value"))
        if not isinstance(right, (int, float)):
            return False
        if op == "greater_than":
            return x > right
        if op in ("gte", "greater_than_or_equal", "greater_or_equal"):
            return x >= right
        return False

    def run(g: Graph) -> None:
        ok = [
            gid
            for gid in _guards(g, app)
            if any(f.lower() in _compares(g, gid) for f in field)
            and any(holds(r, n) and not holds(r, n - 1) for r in _rules(g.nodes[gid].parameters))
        ]
        assert ok, (app, {i: (_compares(g, i)) for i in _guards(g, app)})

    return run


BANK: list[tuple[str, str, Check]] = [
    # --- English: existence after a read -------------------------------------------------------
    (
        "Every weekday at 9am check Asana for overdue tasks and if there are any, send me a "
        "Slack reminder; if there are none, don't send anything",
        "schedule",
        after("asana", "slack"),
    ),
    (
        "Every 15 minutes look in Sentry for new errors, and if there are any, page me on "
        "PagerDuty",
        "schedule",
        after("sentry_io", "pagerduty"),
    ),
    (
        "Every hour pull the latest Sentry issues; if any of them is fatal, post it to Discord "
        "and also open a Jira ticket",
        "schedule",
        each(
            after("sentry_io", "discord", FATAL),
            gated("discord", FATAL),
            gated("jira", FATAL),
        ),
    ),
    # --- English: sentiment service, yes/no AI judgement ---------------------------------------
    (
        "When a product review comes in through a webhook, run it through AWS Comprehend and "
        "for each negative one create a Zendesk ticket",
        "webhook",
        each(negative_after("aws_comprehend", "zendesk"), free("aws_comprehend")),
    ),
    (
        "When a new email arrives in Gmail, ask GPT whether it is spam; if it isn't, forward "
        "it to our Slack channel",
        "gmail",
        each(judged("slack", SPAM), not_side("slack", SPAM, "spam")),
    ),
    # --- English: the outcome of an action said before -----------------------------------------
    (
        "Run the Jenkins job every night at 2am and if the build fails create an Opsgenie alert",
        "schedule",
        each(after("jenkins", "opsgenie", OUTCOME), free("jenkins")),
    ),
    (
        "When a pull request is opened on GitHub, trigger a CircleCI pipeline; if triggering "
        "fails, send the team a Telegram message",
        "github",
        each(after("circleci", "telegram", OUTCOME), free("circleci")),
    ),
    # --- English: fields by the words of the request -------------------------------------------
    (
        "When money arrives in our Wise account and it is more than 10,000 EUR, post it to Slack",
        "wise",
        gated("slack", AMOUNT, "greater_than", 10000),
    ),
    (
        "When a new post shows up in our blog's RSS feed, share posts longer than 1000 words "
        "on LinkedIn",
        "rss",
        gated("linkedin", WORDS, "greater_than", 1000),
    ),
    (
        "When a Shopify order is created, for orders shipping outside the US create a Trello "
        "card for the customs team",
        "shopify",
        gated("trello", COUNTRY, "not_equals", "US"),
    ),
    (
        "When a Zendesk ticket is solved and the customer gave a satisfaction rating of 'Not "
        "Good', create a task in HubSpot for the account manager",
        "zendesk",
        gated("hubspot", SATISFACTION, "equals", "Not Good"),
    ),
    (
        "When a Stripe dispute is created, if the disputed amount is 500 EUR or more notify "
        "the finance channel on Microsoft Teams; always log the dispute in Airtable",
        "stripe",
        each(at_least("microsoft_teams", AMOUNT, 500), free("airtable")),
    ),
    # --- English: past perfect -----------------------------------------------------------------
    (
        "When a Stripe invoice is paid, if the customer had been paying for more than a year, "
        "send them a coupon with Gmail",
        "stripe",
        gated("gmail", SINCE, now=True),
    ),
    # --- Chinese: existence after a read -------------------------------------------------------
    (
        "每个工作日早上9点看看 Asana 里有没有逾期任务，有的话发 Slack 提醒我，没有就别发",
        "schedule",
        after("asana", "slack"),
    ),
    (
        "每半小时检查一下 Sentry 有没有新的报错，有的话就在钉钉群里通知大家",
        "schedule",
        after("sentry_io", "dingtalk"),
    ),
    (
        "每小时拉一次 Sentry 的问题，有没有新的 fatal 错误，有的话发飞书通知，同时在 Jira 建个单",
        "schedule",
        each(after("sentry_io", "feishu", FATAL), gated("feishu", FATAL), gated("jira", FATAL)),
    ),
    # --- Chinese: sentiment service, yes/no AI judgement ---------------------------------------
    (
        "有人在表单里留言时，用 AI 判断是不是垃圾评论，不是的话转到飞书群",
        "form",
        each(judged("feishu", SPAM), not_side("feishu", SPAM, "垃圾")),
    ),
    (
        "收到新的 Zendesk 工单时，用 AWS Comprehend 分析一下情绪，负面的就发企业微信给客服主管",
        "zendesk",
        negative_after("aws_comprehend", "wecom"),
    ),
    # --- Chinese: the outcome of an action said before -----------------------------------------
    (
        "每天凌晨1点触发 CircleCI 流水线；如果触发失败，在钉钉群里报警",
        "schedule",
        each(after("circleci", "dingtalk", OUTCOME), free("circleci")),
    ),
    (
        "每晚11点运行一次 Jenkins 任务，失败了就用 Telegram 通知我",
        "schedule",
        each(after("jenkins", "telegram", OUTCOME), free("jenkins")),
    ),
    # --- Chinese: fields by the words of the request -------------------------------------------
    (
        "每天下午6点从 Harvest 读取今天的工时，谁填的不到8小时就发邮件提醒他",
        "schedule",
        gated("send_email", HOURS, "less_than", 8),
    ),
    (
        "每天早上8点检查 WooCommerce 的商品，库存低于20件的在 Trello 建卡片补货",
        "schedule",
        gated("trello", STOCK, "less_than", 20),
    ),
    (
        "收到新的 Gmail 邮件时，标题带“报价”的邮件转发到企业微信群",
        "gmail",
        gated("wecom", SUBJECT, "contains", "报价"),
    ),
    (
        "GitLab 有新的合并请求时，如果改动的文件超过50个，就在 Slack 通知技术负责人",
        "gitlab",
        gated("slack", FILES, "greater_than", 50),
    ),
    (
        "Stripe 有新的争议时，争议金额达到500欧元及以上就发邮件给财务",
        "stripe",
        at_least("send_email", AMOUNT, 500),
    ),
    (
        "Wise 账户收到超过1万欧元的汇款时，发钉钉通知财务",
        "wise",
        gated("dingtalk", AMOUNT, "greater_than", 10000),
    ),
    # --- Chinese: durations said of the past ---------------------------------------------------
    (
        "Stripe 发票付款成功时，如果这个客户之前已经连续付费超过一年了，就用 Gmail 发一封感谢信",
        "stripe",
        gated("gmail", SINCE, now=True),
    ),
]


# still wrong (strict: a fix makes the test fail until the mark goes); the assertions stand
OPEN: dict[str, str] = {
    "When money arrives in our Wise account": "trigger: 'money arrives in Wise' not the event",
    "Wise 账户收到超过1万欧元的汇款时": "trigger: '账户收到…的汇款' not read as Wise's event",
}


@pytest.mark.parametrize("text,trigger,check", bank_cases(BANK, OPEN, id_len=40))
def test_condition_outcomes(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    sound(g, trigger)
    check(g)
