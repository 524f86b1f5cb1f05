"""Broad Chinese create bank (round 3, sentences of our own, as many different Chinese users
would write them): conditions said with 如果/要是/假如/…的话/只有…才/除非/否则/不然/其他的,
comparisons (超过/低于/不到/以上/以下/之间), text tests (包含/带有/提到), empty values, failures,
AI judgements with a branch per category, approvals passed or turned down, three-way splits,
a condition carried by the trigger, and a read before the decision on what it found. Each says
which actions sit behind which condition (and which run unguarded), which are on different
outputs of one decision, what the decision compares, the trigger, and that no condition can
never hold."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.branch_graph import (
    THINKERS,
    Graph,
    behind,
    bypasses,
    decided_after,
    only,
    routed,
    sound,
    vetted,
    ways,
)

Check = Callable[[Graph], None]
Words = tuple[str, ...]
AMOUNT: Words = ("amount", "金额", "total", "price", "value", "销售额", "sales")
RATING: Words = ("rating", "score", "评分", "分数", "分")
STOCK: Words = ("stock", "inventory", "库存", "quantity")
SUBJECT: Words = ("subject", "title", "标题", "主题")
EMAIL: Words = ("email", "邮箱", "mail")
SENDER: Words = ("from", "sender", "发件人", "email")
STATUS: Words = ("status", "状态")
COUNTRY: Words = ("country", "国家", "shipping")
SIZE: Words = ("size", "规模", "employees", "人数", "employee")
SEVERITY: Words = ("severity", "level", "级别", "严重")
NOTE: Words = ("note", "备注", "notes", "comment", "description")
TAGS: Words = ("tag", "标签")
DAYS: Words = ("days", "天", "duration", "天数")
AGE: Words = ("age", "年龄")
ATTACH: Words = ("attach", "附件")
BRANCH: Words = ("branch", "分支", "target")
PAYMENT: Words = ("payment", "支付", "method")
SHIPPED: Words = ("fulfill", "发货", "shipped", "ship")
LEVEL: Words = ("vip", "VIP", "等级", "level", "tier")
HOURS: Words = ("hours", "工时", "小时")
OUTCOME: Words = ("status", "result", "error", "fail", "success", "失败", "成功", "up", "down")


def each(*checks: Check) -> Check:
    """All of ``checks``, in order."""

    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


def free(step: str) -> Check:
    """``step`` runs on every path: no decision's output alone leads to it."""

    def run(g: Graph) -> None:
        assert g.sides(step) == {}, (step, g.sides(step))

    return run


def gate(step: str, field: Words | None = None) -> Check:
    return lambda g: behind(g, step, field)


def apart(steps: list[str], field: Words | None) -> Check:
    return lambda g: ways(g, steps, field)


def just(*steps: str) -> Check:
    return lambda g: only(g, list(steps))


def after_ai(step: str) -> Check:
    """``step`` sits behind a decision that runs after an AI judgement."""

    def run(g: Graph) -> None:
        thinkers = {i for i, n in g.nodes.items() if n.subtype in THINKERS}
        assert thinkers, sorted(g.nodes)
        gates = g.sides(step)
        assert any(gid in g.below(t) for gid in gates for t in thinkers), (step, gates)

    return run


def same_side(a: str, b: str) -> Check:
    """``a`` and ``b`` are on the same output of every decision both sit behind."""

    def run(g: Graph) -> None:
        sa, sb = g.sides(a), g.sides(b)
        assert sa and sa == sb, (sa, sb)

    return run


BANK: list[tuple[str, str, Check]] = [
    # --- a condition in the trigger sentence ---------------------------------------------------
    (
        "Shopify收到金额超过1000元的订单时，在飞书群里通知销售",
        "shopify",
        each(gate("feishu", AMOUNT), just("feishu")),
    ),
    (
        "Stripe每收到一笔付款，要是金额在5000以上就发钉钉给财务，不然就只记到谷歌表格",
        "stripe",
        each(apart(["dingtalk", "google_sheets"], AMOUNT), just("dingtalk", "google_sheets")),
    ),
    # --- a read, then a decision on what it found -----------------------------------------------
    (
        "每天早上9点查一下MySQL里的库存表，库存低于10的话就在企业微信群提醒采购",
        "schedule",
        each(
            lambda g: decided_after(g, "mysql", STOCK),
            gate("wecom", STOCK),
            free("mysql"),
            just("mysql", "wecom"),
        ),
    ),
    (
        "每周一早上从Postgres查出上周的销售额，如果低于10万就发邮件给销售总监，否则在Slack里发个喜报",
        "schedule",
        each(
            lambda g: decided_after(g, "postgres", AMOUNT),
            apart(["send_email", "slack"], AMOUNT),
            free("postgres"),
        ),
    ),
    (
        "每天下午6点从Harvest拉取今天的工时，不到8小时的员工发邮件提醒补填",
        "schedule",
        each(
            lambda g: decided_after(g, "harvest", HOURS),
            gate("send_email", HOURS),
            free("harvest"),
        ),
    ),
    # --- an unguarded step beside a guarded one --------------------------------------------------
    (
        "有新的Typeform回复时，先存到Airtable，然后如果评分不到3分就在Zendesk建工单",
        "typeform",
        each(free("airtable"), gate("zendesk", RATING), just("airtable", "zendesk")),
    ),
    (
        "Typeform有新反馈时都记到Notion；要是客户等级是VIP的话，还要在Slack通知客户经理",
        "typeform",
        each(free("notion"), gate("slack", LEVEL), just("notion", "slack")),
    ),
    (
        "Calendly有新预约时，都发一封确认邮件；如果备注里提到“报价”，再在Pipedrive建一个交易",
        "calendly",
        each(free("send_email"), gate("pipedrive", NOTE)),
    ),
    (
        "Stripe付款失败时，给客户发短信提醒，金额超过500的还要在Slack通知客服跟进",
        "stripe",
        each(free("twilio"), gate("slack", AMOUNT), just("twilio", "slack")),
    ),
    # --- text tests ------------------------------------------------------------------------------
    (
        "Gmail收到新邮件时，如果主题包含“发票”，就把附件存到谷歌云盘，并在飞书通知财务",
        "gmail",
        each(gate("google_drive", SUBJECT), gate("feishu", SUBJECT)),
    ),
    (
        "Gmail来了新邮件，要是发件人是@alibaba.com的，就转发到钉钉群；要不然就归档到Notion",
        "gmail",
        each(apart(["dingtalk", "notion"], SENDER), just("dingtalk", "notion")),
    ),
    (
        "收到新的Outlook邮件时，只有带附件的才存到OneDrive",
        "outlook",
        each(gate("onedrive", ATTACH), just("onedrive")),
    ),
    # --- empty values -----------------------------------------------------------------------------
    (
        "客户在Jotform提交报名表后，邮箱为空的话就发Slack提醒运营补充，否则在HubSpot创建联系人",
        "jotform",
        each(apart(["slack", "hubspot"], EMAIL), just("slack", "hubspot")),
    ),
    # --- failures ------------------------------------------------------------------------------
    (
        "每隔5分钟检查一下官网 https://example.com 能不能打开，如果宕机了就在钉钉群报警并在PagerDuty建事件",
        "schedule",
        each(gate("dingtalk"), gate("pagerduty")),
    ),
    (
        "每晚11点把Airtable的记录导出到谷歌云盘，如果导出失败就发Telegram消息提醒我",
        "schedule",
        each(free("airtable"), gate("telegram")),
    ),
    # --- two ways on one field ------------------------------------------------------------------
    (
        "有新的谷歌表单提交时，年龄不满18岁的发邮件婉拒，18岁及以上的加到Airtable报名表",
        "google_forms",
        each(apart(["send_email", "airtable"], AGE), just("send_email", "airtable")),
    ),
    (
        "Shopify有订单取消时，如果已经发货了就在Trello建一张退货卡片，还没发货的就发邮件通知仓库拦截",
        "shopify",
        each(apart(["trello", "send_email"], SHIPPED), just("trello", "send_email")),
    ),
    (
        "WooCommerce新订单的支付方式是货到付款的话，在企业微信通知客服电话确认，"
        "其他支付方式的直接在谷歌表格里登记",
        "woocommerce",
        each(apart(["wecom", "google_sheets"], PAYMENT), just("wecom", "google_sheets")),
    ),
    (
        "收到Shopify新订单时，只有订单金额大于200美元才同步到Salesforce",
        "shopify",
        each(gate("salesforce", AMOUNT), just("salesforce")),
    ),
    (
        "GitLab上有新的合并请求时，假如目标分支是main就在Slack通知审核人，否则不用管",
        "gitlab",
        each(gate("slack", BRANCH), just("slack")),
    ),
    # --- three ways and more --------------------------------------------------------------------
    (
        "收到Webhook时，假如订单状态是已付款就在QuickBooks建发票，是已退款就发邮件给财务，"
        "其他的在Slack里提醒一下",
        "webhook",
        each(
            lambda g: routed(g, ["quickbooks", "send_email"], "slack", STATUS),
            just("quickbooks", "send_email", "slack"),
        ),
    ),
    (
        "WooCommerce有新订单时，收货国家是中国的发飞书给国内仓，美国的发邮件给美国仓，其他国家的在Trello建卡片",
        "woocommerce",
        each(
            lambda g: routed(g, ["feishu", "send_email"], "trello", COUNTRY),
            just("feishu", "send_email", "trello"),
        ),
    ),
    (
        "HubSpot有新联系人时，公司规模在50到200人之间的在Pipedrive建交易，200人以上的在Salesforce"
        "建商机，不到50人的加到Mailchimp列表",
        "hubspot",
        each(
            apart(["pipedrive", "salesforce", "mailchimp"], SIZE),
            just("pipedrive", "salesforce", "mailchimp"),
        ),
    ),
    (
        "收到Webhook告警时，严重级别是critical就在PagerDuty建事件，warning就发到钉钉群，info的忽略",
        "webhook",
        each(apart(["pagerduty", "dingtalk"], SEVERITY), just("pagerduty", "dingtalk")),
    ),
    (
        "Zendesk有新工单时，标签里带有“退款”的在飞书通知财务，带有“技术”的在Jira建任务，"
        "其他的都在Slack通知客服",
        "zendesk",
        each(
            apart(["feishu", "jira", "slack"], TAGS),
            just("feishu", "jira", "slack"),
        ),
    ),
    (
        "Pipedrive的交易赢单后，金额在1万到5万之间的在钉钉通知销售经理，5万以上的发邮件给CEO，"
        "1万以下的不用管",
        "pipedrive",
        each(apart(["dingtalk", "send_email"], AMOUNT), just("dingtalk", "send_email")),
    ),
    # --- AI judgements --------------------------------------------------------------------------
    (
        "GitHub上有新的issue时，让AI判断是bug还是功能需求：bug就在Jira建缺陷，功能需求就加到Linear，"
        "其他的忽略",
        "github",
        each(apart(["jira", "linear"], None), after_ai("jira"), just("jira", "linear")),
    ),
    (
        "Zendesk有新工单时，用AI做情感分析，负面的立刻在企业微信通知客服主管，正面的不用管",
        "zendesk",
        each(after_ai("wecom"), just("wecom")),
    ),
    (
        "收到Typeform调查结果时，用AI把内容分成投诉、咨询、表扬三类：投诉在Freshdesk建工单，"
        "咨询发到企业微信，表扬存到谷歌表格",
        "typeform",
        each(
            apart(["freshdesk", "wecom", "google_sheets"], None),
            after_ai("freshdesk"),
            just("freshdesk", "wecom", "google_sheets"),
        ),
    ),
    (
        "有人提交谷歌表单问卷时，先用OpenAI判断情绪，负面的在Zendesk建工单并发钉钉通知，"
        "中性的记到谷歌表格，正面的发感谢邮件",
        "google_forms",
        each(
            apart(["zendesk", "google_sheets", "send_email"], None),
            after_ai("zendesk"),
            same_side("zendesk", "dingtalk"),
        ),
    ),
    # --- approvals --------------------------------------------------------------------------------
    (
        "员工在表单里提交请假申请，超过3天的需要主管在Slack审批，审批通过就加到谷歌日历，"
        "驳回就发邮件告诉他；3天以内的直接加到谷歌日历",
        "form",
        each(
            lambda g: vetted(g, "google_calendar", "send_email", DAYS),
            lambda g: bypasses(g, "google_calendar"),
        ),
    ),
    (
        "Stripe有退款时，要是退款金额超过2000元，就要财务通过邮件审批，通过了才在Xero记一笔，"
        "驳回就在Slack通知客服",
        "stripe",
        lambda g: vetted(g, "xero", "slack", AMOUNT),
    ),
    (
        "收到采购申请表单时，除非金额在1000元以下，否则都要经理在邮件里审批；审批通过后写进Airtable",
        "form",
        each(
            lambda g: vetted(g, "airtable", None, AMOUNT),
            lambda g: bypasses(g, "airtable"),
        ),
    ),
]


# Cases still open after this round, with the reason:
# z06: "Typeform有新反馈时都记到Notion" reads as a schedule polling Typeform (trigger reading,
#   "时都" with the event "反馈"); the branch after it is right
_OPEN: set[int] = {6}


@pytest.mark.parametrize(
    ("text", "trigger", "check"),
    [
        pytest.param(*row, marks=pytest.mark.xfail(strict=True)) if i in _OPEN else row
        for i, row in enumerate(BANK)
    ],
    ids=[f"z{i:02d}" for i in range(len(BANK))],
)
def test_broad_zh(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)
