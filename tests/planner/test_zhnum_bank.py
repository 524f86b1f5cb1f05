"""Numbers said in words and cases said by phrase (bank, sentences of our own, both languages).

Constructions: Chinese numerals and magnitudes wherever a number is read ("一千五", "两万",
"1.5万", "三百块", "不满十八岁", "等十五分钟"), English number words ("two thousand dollars",
"fewer than twenty", "wait two hours"); cases said by phrase: "X的…，其余的/其他的/剩下的/别的…",
"…的不用管/不用理/啥也不用做" (a case with no action), bulleted or numbered case lists
("- A → X", "1. A -> X") in both languages, "不满N…；满了…"; the step said before the cases
runs for every item.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import Graph, sound, vetted
from tests.planner.test_cases4_bank import apart, each, just, on, unguarded

Check = Callable[[Graph], None]
AMOUNT = ("amount", "金额", "total", "price", "value", "价格")
SCORE = ("score", "rating", "分", "打分", "评分", "star")
STOCK = ("stock", "库存", "qty", "quantity", "units", "inventory", "level")
PEOPLE = ("people", "count", "人数", "size", "number", "guest", "party", "人")
AGE = ("age", "年龄")
REVENUE = ("营业额", "revenue", "sales", "amount", "turnover")
BUDGET = ("budget", "预算")
OVERDUE = ("overdue", "due", "day", "逾期", "天")


def at(step: str, *values: float) -> Check:
    """A gate before ``step`` compares with one of ``values`` (or one off it, for a bound
    written as its strict neighbour)."""

    def run(g: Graph) -> None:
        said = {str(int(v + d)) for v in values for d in (-1, 0, 1)}
        said |= {str(v + d) for v in values for d in (-1, 0, 1)}
        gates = g.sides(step)
        texts = [str(g.nodes[k].parameters) for k in gates]
        assert any(
            any(f" {s}}}" in t or f" {s}," in t or f" {s}]" in t or f"'{s}'" in t for s in said)
            for t in texts
        ), texts

    return run


def waits(amount: int, unit: str, before: str) -> Check:
    """A wait of ``amount`` ``unit`` with ``before`` after it."""

    def run(g: Graph) -> None:
        ws = [
            i
            for i, n in g.nodes.items()
            if n.subtype == "wait"
            and n.parameters.get("amount") == amount
            and n.parameters.get("unit") == unit
        ]
        assert ws, {i: n.parameters for i, n in g.nodes.items() if n.subtype == "wait"}
        assert any(g.find(before) & g.below(w) for w in ws), g.edges

    return run


BANK: list[tuple[str, str, Check]] = [
    # --- Chinese numerals in thresholds, with an otherwise or a do-nothing case -----------
    (
        "Shopify有新订单时，金额超过一千五的用Telegram通知我，其他的不用管",
        "shopify",
        each(on("telegram", AMOUNT), at("telegram", 1500), just("telegram")),
    ),
    (
        "每天早上9点从HubSpot拉新的交易，金额两万以上的发到Slack给销售总监，剩下的加到Trello看板",
        "schedule",
        each(apart(["slack", "trello"], AMOUNT), at("slack", 20000)),
    ),
    (
        "Typeform问卷提交后，评分低于三分的在Jira建工单，别的发到飞书群",
        "typeform",
        each(apart(["jira", "feishu"], SCORE), at("jira", 3)),
    ),
    (
        "每小时读一次MySQL里的库存表，库存少于二十件的用钉钉提醒采购，其余的啥也不用做",
        "schedule",
        each(on("dingtalk", STOCK), at("dingtalk", 20), just("mysql", "dingtalk")),
    ),
    (
        "Gumroad每卖出一单，先写进Notion数据库；价格三百块以上的再在Discord里发个消息",
        "gumroad",
        each(unguarded("notion"), on("discord", AMOUNT), at("discord", 300)),
    ),
    (
        "每天晚上10点读Google表格“门店”里每家店今天的营业额，营业额低于两万的用企业微信发给区域经理，"
        "其他的不用理",
        "schedule",
        each(on("wecom", REVENUE), at("wecom", 20000), just("google_sheets", "wecom")),
    ),
    (
        "每天早上七点半从Xero拉出所有未付的发票，逾期超过三十天的在Asana给财务建个任务",
        "schedule",
        each(on("asana", OVERDUE), at("asana", 30)),
    ),
    (
        "用户在Jotform报名后，年龄不满十八岁的用Twilio给家长发短信，满十八岁的加到Mailchimp名单",
        "jotform",
        each(apart(["twilio", "mailchimp"], AGE), at("twilio", 18)),
    ),
    (
        "Stripe收到付款后，金额超过1.5万的在Slack里@财务，其余的不用管",
        "stripe",
        each(on("slack", AMOUNT), at("slack", 15000), just("slack")),
    ),
    # --- Chinese ranges and bulleted case lists ---------------------------------------------
    (
        "Stripe收到付款后先记到Airtable，然后分情况：\n- 金额五千元以上 → 用Telegram通知老板\n"
        "- 五百到五千 → 发邮件给财务 finance@shop.cn\n- 五百以下不用管",
        "stripe",
        each(
            unguarded("airtable"),
            apart(["telegram", "send_email"], AMOUNT),
            at("telegram", 5000),
            just("airtable", "telegram", "send_email"),
        ),
    ),
    (
        "每周一早上8点从Pipedrive拉出所有交易，金额不到八千的直接忽略，八千到三万的发Slack给销售，"
        "三万以上的发邮件给 vp@corp.cn",
        "schedule",
        each(
            apart(["slack", "send_email"], AMOUNT),
            at("send_email", 30000),
            just("pipedrive", "slack", "send_email"),
        ),
    ),
    (
        "Shopify有新订单时，金额在一千到五千之间的用Telegram发给我，五千以上的发邮件给老板 "
        "boss@shop.cn，其他的不用管",
        "shopify",
        each(
            apart(["telegram", "send_email"], AMOUNT),
            at("send_email", 5000),
            just("telegram", "send_email"),
        ),
    ),
    # --- limits: 满了 / 不满N ------------------------------------------------------------------
    (
        "有人在Typeform报名工作坊时，先在MySQL里查这场已经报了多少人：不满五十就加到Airtable报名表"
        "并用Twilio发确认短信；满了就发邮件告诉他名额已满",
        "typeform",
        each(apart(["airtable", "send_email"], None), apart(["twilio", "send_email"], None)),
    ),
    (
        "Calendly有新预约时，人数满十个人的就发邮件给经理 boss@studio.cn；不满十个的直接加到Google日历",
        "calendly",
        each(apart(["send_email", "google_calendar"], PEOPLE), at("google_calendar", 10)),
    ),
    # --- an approval inside the case a Chinese threshold opens ---------------------------------
    (
        "PayPal收到付款时，金额超过两万的先发邮件给财务主管审批，批准了就在QuickBooks里开发票，"
        "没批准就发钉钉消息给销售",
        "paypal",
        lambda g: vetted(g, "quickbooks", "dingtalk", AMOUNT),
    ),
    # --- Chinese numerals in waits --------------------------------------------------------------
    (
        "Zendesk有新工单时等十五分钟，然后发到Slack",
        "zendesk",
        waits(15, "minutes", "slack"),
    ),
    # --- English: number words, bulleted lists, "the rest" -------------------------------------
    (
        "When a Stripe payment comes in:\n- over 5k → post in Slack #bigdeals\n"
        "- 1k to 5k → email sales@acme.com\n- under 1k → do nothing",
        "stripe",
        each(
            apart(["slack", "send_email"], AMOUNT),
            at("slack", 5000),
            just("slack", "send_email"),
        ),
    ),
    (
        "Every morning at 8 pull new HubSpot deals. Deals worth more than 20k go to Slack; the "
        "rest get added to a Trello board.",
        "schedule",
        each(apart(["slack", "trello"], AMOUNT), at("slack", 20000)),
    ),
    (
        "When a Typeform response arrives, save it to Airtable first, then:\n"
        "1. score below 5 -> create a Jira issue\n"
        "2. score 9 or above -> send a thank-you email via Mailgun\n"
        "3. anything else: nothing",
        "typeform",
        each(
            unguarded("airtable"),
            apart(["jira", "mailgun"], SCORE),
            just("airtable", "jira", "mailgun"),
        ),
    ),
    (
        "When a PayPal refund comes in, refunds over two thousand dollars go to Slack "
        "#finance; ignore the others.",
        "paypal",
        each(on("slack", AMOUNT), at("slack", 2000), just("slack")),
    ),
    (
        "Every hour read the inventory sheet in Google Sheets; items with fewer than twenty "
        "units left get emailed to purchasing@shop.com, ignore the rest.",
        "schedule",
        each(on("send_email", STOCK), at("send_email", 20)),
    ),
    (
        "New WooCommerce order: log it in Google Sheets. Orders over $2,000 -> Telegram me. "
        "Orders between $200 and $2,000 -> post in Discord. Anything under $200: nothing.",
        "woocommerce",
        each(
            unguarded("google_sheets"),
            apart(["telegram", "discord"], AMOUNT),
            just("google_sheets", "telegram", "discord"),
        ),
    ),
    (
        "Every day at 9 pull yesterday's leads from Salesforce. Leads with a budget above 3 "
        "million go to senior agents on Microsoft Teams, everyone else goes into Pipedrive.",
        "schedule",
        each(apart(["microsoft_teams", "pipedrive"], BUDGET), at("microsoft_teams", 3000000)),
    ),
    (
        "When a GitHub issue is opened, wait two hours, then post it to Discord",
        "github",
        waits(2, "hours", "discord"),
    ),
    (
        "Every Friday at 5pm read the scores from the 'Exam' Airtable table; students scoring "
        "under 60 get a Twilio SMS to their parents one by one, the ones who passed need nothing.",
        "schedule",
        each(on("twilio", SCORE), at("twilio", 60), just("airtable", "twilio", "loop")),
    ),
    (
        "When a Stripe invoice is paid:\n- under $500: nothing\n- $500 to $5,000: Slack #sales\n"
        "- above $5,000: Telegram the founder",
        "stripe",
        each(apart(["slack", "telegram"], AMOUNT), just("slack", "telegram")),
    ),
    (
        "When an Intercom conversation is rated, ratings of three stars or less create a "
        "Zendesk ticket; the rest are ignored.",
        "intercom",
        each(on("zendesk", SCORE), at("zendesk", 3), just("zendesk")),
    ),
]

_OPEN: dict[str, str] = {
    "When an Intercom conversation is rated": "the catalog has no Intercom rating event: the "
    "trigger is read as a webhook (trigger reading, not the cases)",
}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, _OPEN, 40))
def test_zhnum_bank(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)


def test_bank_size() -> None:
    assert len(BANK) >= 24
    assert sum(1 for t, _, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 12
