"""The condition-field bank: the IF is there and guards the right steps, and what it compares
is the field the sentence's subject names, not the verb, the iterated entity or a default.
English and Chinese sentences of our own:

- a verb as the subject ("I worked more than 10 hours", "跑了超过10公里"): the noun of the verb
  (work hours, run distance);
- a count of people said with a participle ("fewer than 10 people are still registered");
- "for each <entity> above N" after a read of "<measure> per <entity>": the measure;
- "<measure> fell / rose more than N%": the change of that measure in percent;
- an age ("created more than 24 hours ago", "older than 30 days", "overdue by", "下单超过3天"):
  a date field against the run's time (``$now``);
- points given with a verb ("打1到3分的"): the score.
"""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import Graph, sound
from tests.planner.test_condition_fields_bank import (
    Check,
    Words,
    _compares,
    _guards,
    _rules,
    each,
    free,
    gated,
)

CHANGE: Words = ("change", "pct", "percent", "delta", "growth", "drop", "环比", "变化")
CREATED: Words = ("created", "creat", "创建", "placed", "opened", "submitted")
DUE: Words = ("due", "overdue", "逾期", "截止")
SCORE: Words = ("score", "nps", "评分", "分数")
RATING: Words = ("rating", "stars", "star", "星")


def on_all(app: str, *groups: Words, ops: tuple[str, ...] = (), now: bool = False) -> Check:
    """``app`` runs only behind a gate whose comparison mentions a word of every group (the
    measure and, say, its change), with one of ``ops`` when given, against ``$now`` when
    ``now``."""

    def run(g: Graph) -> None:
        ok = []
        for gid in _guards(g, app):
            text = _compares(g, gid)
            if not all(any(w.lower() in text for w in grp) for grp in groups):
                continue
            if now and "$now" not in text:
                continue
            if ops and not any(r.get("operator") in ops for r in _rules(g.nodes[gid].parameters)):
                continue
            ok.append(gid)
        assert ok, (app, {i: _compares(g, i) for i in _guards(g, app)})

    return run


BANK: list[tuple[str, str, Check]] = [
    # --- English: a verb as the subject ---------------------------------------------------------
    (
        "Every night I fill in a form with how many hours I worked today. Save it to Airtable, "
        "and if I worked more than 10 hours send me a Telegram message telling me to rest",
        "form",
        each(on_all("telegram", ("work",), ops=("greater_than",)), free("airtable")),
    ),
    (
        "I record every run in a form with distance and time. Add each run to Notion, and "
        "when I ran more than 20 km post a congratulation in Discord",
        "form",
        each(on_all("discord", ("run", "distance"), ops=("greater_than",)), free("notion")),
    ),
    (
        "When a Google Forms entry with my study log comes in, add it to Baserow; if I studied "
        "fewer than 2 hours, send me a Pushover reminder",
        "google_forms",
        each(on_all("pushover", ("stud",), ops=("less_than",)), free("baserow")),
    ),
    # --- English: a count of people said with a participle --------------------------------------
    (
        "A webhook fires when someone unregisters from our meetup. If fewer than 10 people are "
        "still registered, post a warning in Mattermost",
        "webhook",
        on_all("mattermost", ("regist", "attendee", "people"), ops=("less_than",)),
    ),
    (
        "When a Jotform RSVP is withdrawn and fewer than 6 guests are still confirmed, send "
        "me a Pushover notification",
        "jotform",
        on_all("pushover", ("confirm", "guest"), ops=("less_than",)),
    ),
    # --- English: the measure read per entity ---------------------------------------------------
    (
        "Every 10 minutes query Postgres for the average response time per endpoint and send "
        "a Slack alert for each endpoint above 800 ms",
        "schedule",
        on_all("slack", ("response", "average", "avg"), ops=("greater_than",)),
    ),
    (
        "Every hour run a MySQL query for the disk usage per server and open a PagerDuty "
        "incident for every server over 85%",
        "schedule",
        on_all("pagerduty", ("disk", "usage"), ops=("greater_than",)),
    ),
    # --- English: a change in percent -----------------------------------------------------------
    (
        "Every Monday at 9 run the weekly sales query in Postgres and post the figures to "
        "Slack; if sales dropped by more than 15% compared to the previous week, also create "
        "a Trello card",
        "schedule",
        each(on_all("trello", ("sales",), CHANGE), free("slack")),
    ),
    (
        "Daily at 6pm query TimescaleDB for yesterday's signups and send them to Telegram. If "
        "signups rose more than 50% day over day, also post to Discord",
        "schedule",
        each(on_all("discord", ("signup",), CHANGE, ops=("greater_than",)), free("telegram")),
    ),
    # --- English: an age against now ------------------------------------------------------------
    (
        "Every hour get the open Zendesk tickets and notify Slack about tickets created more "
        "than 24 hours ago",
        "schedule",
        on_all("slack", CREATED, now=True),
    ),
    (
        "Each morning get all unpaid Xero invoices and send a Telegram message for invoices "
        "more than 14 days overdue",
        "schedule",
        on_all("telegram", DUE, now=True),
    ),
    (
        "Every day get all Pipedrive deals and post to Microsoft Teams about deals older than "
        "30 days",
        "schedule",
        on_all("microsoft_teams", ("created", "add", "date"), now=True),
    ),
    # --- English: points given with a verb ------------------------------------------------------
    (
        "When a Typeform survey comes in, customers who scored us 0 to 6 get a Freshdesk "
        "ticket and those who scored 9 or 10 are added to Mailchimp",
        "typeform",
        each(gated("freshdesk", SCORE), gated("mailchimp", SCORE)),
    ),
    # --- Chinese: a verb as the subject ---------------------------------------------------------
    (
        "我每天晚上用表单记一下今天跑了多少公里，存到Notion，跑了超过10公里就在Telegram夸我一下",
        "form",
        each(on_all("telegram", ("跑", "run", "distance"), ops=("greater_than",)), free("notion")),
    ),
    (
        "我每天早上在表单里填昨晚睡了几个小时，记到Grist，睡了不到7小时就用Gotify提醒我早点睡",
        "form",
        each(on_all("gotify", ("睡", "sleep"), ops=("less_than",)), free("grist")),
    ),
    (
        "学生在Jotform里填每天学习了几个小时，全部存到Airtable，学习不到2小时的发飞书消息提醒",
        "jotform",
        each(on_all("feishu", ("学习", "study"), ops=("less_than",)), free("airtable")),
    ),
    (
        "Typeform收到新的运动打卡时，都存到Airtable，如果跑了超过10公里就发Telegram夸我一下",
        "typeform",
        each(
            on_all("telegram", ("跑", "run", "distance"), ops=("greater_than",)), free("airtable")
        ),
    ),
    (
        "Jotform收到新的睡眠记录时，睡了不到6小时的就用Gotify提醒我早点睡",
        "jotform",
        on_all("gotify", ("睡", "sleep"), ops=("less_than",)),
    ),
    # --- Chinese: a count of people -------------------------------------------------------------
    (
        "有人通过webhook取消报名时，如果剩下的报名人数少于5人，就在钉钉群里通知组织者",
        "webhook",
        on_all("dingtalk", ("报名", "人数", "count"), ops=("less_than",)),
    ),
    # --- Chinese: the measure read per entity ---------------------------------------------------
    (
        "每10分钟在Postgres里查每台服务器的平均内存使用率，超过80%的服务器在Slack里告警",
        "schedule",
        on_all("slack", ("内存", "memory", "使用率", "usage"), ops=("greater_than",)),
    ),
    # --- Chinese: a change in percent -----------------------------------------------------------
    (
        "每周一早上查一下MySQL里上周的订单量，发到企业微信；如果订单量比上周下降超过20%，再在Jira建个任务",
        "schedule",
        each(on_all("jira", ("订单", "order"), CHANGE), free("wecom")),
    ),
    (
        "每天晚上从Postgres读今天的访问量发到Slack，访问量比昨天涨了超过30%就在Discord里说一声",
        "schedule",
        each(on_all("discord", ("访问", "visit"), CHANGE, ops=("greater_than",)), free("slack")),
    ),
    # --- Chinese: an age against now ------------------------------------------------------------
    (
        "每小时从Zendesk拉一下未处理的工单，创建超过24小时还没人处理的发到钉钉",
        "schedule",
        on_all("dingtalk", CREATED, now=True),
    ),
    (
        "每天早上从Shopify拿还没发货的订单，下单超过3天的在Slack里提醒仓库",
        "schedule",
        on_all("slack", CREATED, now=True),
    ),
    (
        "每天从QuickBooks拉未付款的发票，逾期超过15天的在企业微信里提醒财务",
        "schedule",
        on_all("wecom", DUE, now=True),
    ),
    (
        "每天早上查一下GitHub上还开着的pull request，提交超过7天的在飞书里提醒一下",
        "schedule",
        on_all("feishu", CREATED, now=True),
    ),
    # --- Chinese: points given with a verb ------------------------------------------------------
    (
        "Typeform问卷里打1到3分的在Jira建工单，打8到10分的加到Mailchimp",
        "typeform",
        each(gated("jira", SCORE), gated("mailchimp", SCORE)),
    ),
    (
        "Typeform收到新问卷时，打0到4分的在Zendesk建工单，打9到10分的加到HubSpot",
        "typeform",
        each(gated("zendesk", SCORE), gated("hubspot", SCORE)),
    ),
    (
        "Jotform评价表里给了4到5星的客户，在HubSpot里建一个联系人",
        "jotform",
        gated("hubspot", RATING),
    ),
]


# still wrong (strict: a fix makes the test fail until the mark goes); the assertions stand
OPEN: dict[str, str] = {
    "Every night I fill in a form with how ma": "trigger: 'Every night I fill in a form' read as a schedule",
    "I record every run in a form with distan": "trigger: 'I record every run in a form' not read as a form",
    "我每天晚上用表单记一下今天跑了多少公里": "trigger: '每天晚上用表单记' read as a schedule",
    "学生在Jotform里填每天学习了几个小时": "trigger: '在Jotform里填每天' read as a schedule",
    "Typeform问卷里打1到3分的在Jira建工单": "trigger: 'Typeform问卷里…' (no event word) read as manual",
}


@pytest.mark.parametrize("text,trigger,check", bank_cases(BANK, OPEN, id_len=40))
def test_condfield(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    sound(g, trigger)
    check(g)
