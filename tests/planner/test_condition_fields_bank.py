"""The condition bank: requests where an action is conditional (sentences of our own), English
and Chinese. Each says which action sits behind an IF/filter/Switch, what that gate compares
(the subject noun of the request, not a default field), the operator and value the sentence
fixes, that an AI judgement comes before the gate when the condition needs one, which actions
stay unguarded, and that no condition of the graph can never hold."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.planner._graph import reachable
from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import Graph, sound

Check = Callable[[Graph], None]
Words = tuple[str, ...]
GATES = ("if", "switch", "filter")
AI = ("sentiment_analysis", "text_classifier", "information_extractor", "llm_chat", "ai_agent")

AMOUNT: Words = ("amount", "total", "金额")
TEMP: Words = ("temperature", "温度")
STOCK: Words = ("quantity", "stock", "inventory", "units", "库存")
SCORE: Words = ("score", "评分", "nps")
RATING: Words = ("rating", "stars", "星级", "评分")
HOURS: Words = ("hours", "工时", "小时")
RATE: Words = ("rate", "汇率")
TITLE: Words = ("title", "标题")
SENTIMENT: Words = ("sentiment", "情绪", "情感")
DUE: Words = ("due", "截止", "deadline")
SINCE: Words = ("created", "since", "start", "注册", "signup", "signed_up", "tenure")


def _trigger_id(g: Graph) -> str:
    return str(g.trigger().id)


def _guards(g: Graph, app: str) -> dict[str, str]:
    """gate id -> the output through which every path from the trigger to ``app`` passes."""
    ids = g.find(app)
    start = _trigger_id(g)
    found: dict[str, str] = {}
    for gid, n in g.nodes.items():
        if n.subtype not in GATES:
            continue
        outs: dict[str, set[str]] = {}
        for s, o, t in g.edges:
            if s == gid:
                outs[o] = outs.get(o, set()) | g.below(t)
        bypass = [(s, o, t) for s, o, t in g.edges if gid not in (s, t)]
        if ids & reachable(bypass, start):
            continue
        hit = [o for o, reach in outs.items() if ids & reach]
        if len(hit) == 1:
            found[gid] = hit[0]
    return found


def _rules(p: Any) -> list[dict[str, Any]]:
    """Every dict under ``p`` that carries an operator (IF conditions, Switch rules)."""
    if isinstance(p, dict):
        own = [p] if "operator" in p else []
        return own + [r for v in p.values() for r in _rules(v)]
    if isinstance(p, list):
        return [r for v in p for r in _rules(v)]
    return []


def _compares(g: Graph, gid: str) -> str:
    return (g.compares(gid) + " " + str(g.nodes[gid].parameters)).lower()


def _same(a: object, b: object) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) < 1e-9
    return str(a).lower() == str(b).lower()


def gated(
    app: str, field: Words, op: str | None = None, value: object = None, *, now: bool = False
) -> Check:
    """``app`` runs only behind a gate comparing one of ``field`` (with ``op``/``value`` when
    given; ``now``: the gate compares against the current time)."""

    def run(g: Graph) -> None:
        guards = _guards(g, app)
        ok = []
        for gid in guards:
            text = _compares(g, gid)
            if not any(f.lower() in text for f in field):
                continue
            if now and "$now" not in text:
                continue
            if op is not None and not any(
                r.get("operator") == op
                and (value is None or _same(r.get("right", r.get("value")), value))
                for r in _rules(g.nodes[gid].parameters)
            ):
                continue
            ok.append(gid)
        assert ok, (app, {i: (o, _compares(g, i)) for i, o in guards.items()})

    return run


def judged(app: str, field: Words) -> Check:
    """``app`` sits behind a gate on ``field`` that an AI step (classifier, sentiment,
    extractor) before it feeds."""

    def run(g: Graph) -> None:
        guards = _guards(g, app)
        ok = []
        for gid in guards:
            if not any(f.lower() in _compares(g, gid) for f in field):
                continue
            above = [i for i, n in g.nodes.items() if n.subtype in AI and gid in g.below(i)]
            if above:
                ok.append(gid)
        assert ok, (app, {i: _compares(g, i) for i in guards}, [n.subtype for n in g.wf.nodes])

    return run


def not_side(app: str, field: Words, said: str) -> Check:
    """``app`` runs only for items the gate on ``field`` judges NOT to be ``said``: on the
    false side of an "is ``said``" test, or the true side of an "is not" one."""

    def run(g: Graph) -> None:
        guards = _guards(g, app)
        ok = []
        for gid, out in guards.items():
            if not any(f.lower() in _compares(g, gid) for f in field):
                continue
            rules = _rules(g.nodes[gid].parameters)
            ops = {r.get("operator") for r in rules}
            has = any(said.lower() in str(r).lower() for r in rules) or said.lower() in (
                g.compares(gid).lower()
            )
            yes_is_said = bool(ops & {"equals", "contains", "is_true"}) and has
            no_is_said = bool(ops & {"not_equals", "is_false"}) and has
            if (out == "false" and yes_is_said) or (out == "true" and no_is_said):
                ok.append(gid)
        assert ok, (app, {i: (o, _compares(g, i)) for i, o in guards.items()})

    return run


def free(app: str) -> Check:
    """``app`` runs for every item: no gate lies on every path to it."""

    def run(g: Graph) -> None:
        assert _guards(g, app) == {}, (app, _guards(g, app))

    return run


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


BANK: list[tuple[str, str, Check]] = [
    # --- English: the field is the subject noun ------------------------------------------------
    (
        "Our devices POST temperature readings to a webhook. Above 30 degrees send a Slack "
        "alert, below 5 email the facilities team",
        "webhook",
        each(
            gated("slack", TEMP, "greater_than", 30),
            gated("send_email", TEMP, "less_than", 5),
        ),
    ),
    (
        "When a Shopify product is updated and fewer than 10 units are left in stock, create a "
        "Trello card to reorder it",
        "shopify",
        gated("trello", STOCK, "less_than", 10),
    ),
    (
        "When a Stripe payment succeeds and it is more than 10,000 EUR, post it to Slack; "
        "always add a row to Google Sheets",
        "stripe",
        each(gated("slack", AMOUNT, "greater_than", 10000), free("google_sheets")),
    ),
    (
        "When a HubSpot deal is updated, if the deal amount is above 2.5k notify the sales "
        "channel on Slack",
        "hubspot",
        gated("slack", AMOUNT, "greater_than", 2500),
    ),
    (
        "When a webhook receives an order, if the order total is over 1,500.50 USD create an "
        "invoice in QuickBooks",
        "webhook",
        gated("quickbooks", AMOUNT, "greater_than", 1500.5),
    ),
    (
        "When a Typeform response comes in and the NPS score is below 7, create a Zendesk "
        "ticket and also add every response to Airtable",
        "typeform",
        each(gated("zendesk", SCORE, "less_than", 7), free("airtable")),
    ),
    # --- English: conditions said without "if" -------------------------------------------------
    (
        "Every 5 minutes get all UptimeRobot monitors. For any monitor that is down, open a "
        "PagerDuty incident",
        "schedule",
        gated("pagerduty", ("status", "down")),
    ),
    (
        "When a new RSS item is published, only posts whose title mentions 'AI' go to our "
        "Discord channel",
        "rss",
        gated("discord", TITLE, "contains", "AI"),
    ),
    (
        "When a new review arrives through a form, open a Zendesk ticket for each negative one",
        "form",
        judged("zendesk", SENTIMENT),
    ),
    (
        "When a support email arrives in Gmail, forward a copy to Slack, and if the customer "
        "sounds angry also create a Jira issue",
        "gmail",
        each(judged("jira", (*SENTIMENT, "angry", "category")), free("slack")),
    ),
    # --- English: durations and dates ----------------------------------------------------------
    (
        "When a Stripe invoice is paid, if the customer has been paying for more than a year "
        "send them a thank-you email with Gmail",
        "stripe",
        gated("gmail", SINCE, now=True),
    ),
    (
        "Every morning at 8 get my Asana tasks and for tasks due within 3 days send me a "
        "Telegram reminder",
        "schedule",
        gated("telegram", DUE, now=True),
    ),
    (
        "When a new GitHub issue is opened, post it to Slack if it has more than 20 comments; "
        "log every issue in Notion",
        "github",
        each(gated("slack", ("comments",), "greater_than", 20), free("notion")),
    ),
    # --- Chinese: the field is the subject noun ------------------------------------------------
    (
        "我们的设备会把温度数据 POST 到 webhook，超过30度就发钉钉提醒，低于5度就发邮件给运维",
        "webhook",
        each(
            gated("dingtalk", TEMP, "greater_than", 30),
            gated("send_email", TEMP, "less_than", 5),
        ),
    ),
    (
        "Shopify 商品更新时，如果库存少于10件，就在飞书群里提醒我补货",
        "shopify",
        gated("feishu", STOCK, "less_than", 10),
    ),
    (
        "每笔 Stripe 付款超过1,000元的都发到企业微信群，所有付款都记到 Google 表格",
        "stripe",
        each(gated("wecom", AMOUNT, "greater_than", 1000), free("google_sheets")),
    ),
    (
        "每天早上9点查一下汇率，美元兑人民币超过7.3就发邮件通知我",
        "schedule",
        gated("send_email", RATE, "greater_than", 7.3),
    ),
    (
        "收到新的 Typeform 问卷时，评分高于90的把联系人加到 HubSpot",
        "typeform",
        gated("hubspot", SCORE, "greater_than", 90),
    ),
    (
        "每天下午6点从 Toggl 读取今天的工时记录，不到8小时就用 Telegram 提醒我补填",
        "schedule",
        gated("telegram", HOURS, "less_than", 8),
    ),
    (
        "表单收到用户评价时，星级低于3的差评就在 Jira 建个工单",
        "form",
        gated("jira", RATING, "less_than", 3),
    ),
    (
        "Stripe 收到新付款时，金额超过1万的发 Slack 通知老板",
        "stripe",
        gated("slack", AMOUNT, "greater_than", 10000),
    ),
    # --- Chinese: conditions said without 如果 -------------------------------------------------
    (
        "有新的 RSS 文章时，只有标题里带“效率”的文章才推送到 Telegram",
        "rss",
        gated("telegram", TITLE, "contains", "效率"),
    ),
    (
        "每小时查一下 Sentry 的问题列表，有新的 fatal 错误的话就发 Telegram，没有就别发",
        "schedule",
        gated("telegram", ("level", "fatal")),
    ),
    # --- Chinese: AI judgement first -----------------------------------------------------------
    (
        "收到新的 Gmail 邮件时，先用 AI 判断是不是广告，不是的话转到飞书群",
        "gmail",
        each(
            judged("feishu", ("category", "广告", "spam")),
            not_side("feishu", ("category", "广告", "spam"), "广告"),
        ),
    ),
    (
        "Zendesk 有新工单时，如果客户情绪是负面的就发钉钉给主管，所有工单都同步到 Notion",
        "zendesk",
        each(judged("dingtalk", SENTIMENT), free("notion")),
    ),
    (
        "表单上传发票后用 AI 提取金额，如果 AI 没提取出金额，就发邮件让财务手动处理",
        "form",
        each(judged("send_email", AMOUNT), gated("send_email", AMOUNT, "is_empty")),
    ),
    # --- Chinese: durations and dates ----------------------------------------------------------
    (
        "每天检查一次 HubSpot 联系人，注册超过30天的用户发一封回访邮件",
        "schedule",
        gated("send_email", SINCE, now=True),
    ),
    (
        "新的 Jira 问题创建时，截止日期在3天以内的发企业微信提醒",
        "jira",
        gated("wecom", DUE, now=True),
    ),
]


# still wrong (strict: a fix makes the test fail until the mark goes); the assertions stand
OPEN: dict[str, str] = {
    "Every morning at 8 get my Asana tasks and for": "'for tasks due within 3 days' not a guard",
    "表单上传发票后用 AI 提取金额": "trigger: '表单上传发票后' not read as a form",
}


@pytest.mark.parametrize("text,trigger,check", bank_cases(BANK, OPEN, id_len=40))
def test_condition_fields(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    sound(g, trigger)
    check(g)
