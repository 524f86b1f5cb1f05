"""The exclusion bank: a condition said as what NOT to do, after (or before) the actions it
limits (sentences of our own, English and Chinese, about half each).

Constructions: "Skip/ignore/don't do any of this for <subset>", "<subset> must not / should
not get …", "never … <subset>", "…, but not for <subset>", "…, but only when …", "<subset>
除外", "<subset>的不要/不用/就别…", "<subset>只…不…", "<subset>一律忽略", "其余的不用管".

What a user wants: ONE condition on the subset's field before the steps the exclusion
covers, letting through everything but the subset; "all of this" covers every step said
before it, a named step ("should not be copied", "不发短信") covers that step only, and the
steps it does not cover run unguarded; a step that is only being limited is never said twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from flowsmith.core.models import Node, Workflow
from tests.planner._graph import downstream, graph, trigger
from tests.planner.bank_cases import bank_cases
from tests.planner.frames import needs
from tests.planner.test_trigger_bank import each

Check = Callable[[Workflow], None]
MAIL_APPS = ("gmail", "outlook", "sendgrid", "mailgun", "mailjet", "brevo")
GATES = ("if", "filter", "switch")


def _shape(wf: Workflow) -> list[tuple[str, str, dict[str, object]]]:
    return [(n.id, n.subtype, n.parameters) for n in wf.nodes]


def _op(n: Node) -> str:
    return str(n.parameters.get("operation", "")).lower()


def _find(wf: Workflow, app: str, prefixes: tuple[str, ...]) -> list[Node]:
    """Nodes after the trigger of ``app`` ("email": any email send) whose operation starts
    with one of ``prefixes``."""
    reach = downstream(wf, trigger(wf))
    out = []
    for n in wf.nodes:
        if n.id not in reach:
            continue
        if app == "email":
            if n.subtype == "send_email" or (n.subtype in MAIL_APPS and _op(n).startswith("send")):
                out.append(n)
        elif n.subtype == app and _op(n).startswith(tuple(p.lower() for p in prefixes)):
            out.append(n)
    return out


def _conditions(n: Node) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    stack: list[object] = [n.parameters]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            if "left" in cur:
                found.append(cur)
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)
    return found


def _gates(wf: Workflow, node: Node) -> list[tuple[Node, str]]:
    """The (IF / filter / switch, output) pairs on the paths into ``node``."""
    byid = {n.id: n for n in wf.nodes}
    out: list[tuple[Node, str]] = []
    todo, seen = [node.id], set()
    while todo:
        cur = todo.pop()
        for c in wf.connections:
            if c.to_node == cur and c.from_node not in seen:
                seen.add(c.from_node)
                src = byid[c.from_node]
                if src.subtype in GATES:
                    out.append((src, str(c.from_output)))
                todo.append(c.from_node)
    return out


def _num(x: object) -> float | None:
    try:
        return float(str(x).replace(",", ""))
    except ValueError:
        return None


def _holds(cond: dict[str, Any], sample: object) -> bool | None:
    """Whether ``cond`` is true of an item whose tested field is ``sample`` (None: unknown)."""
    op, right = str(cond.get("operator", "")), cond.get("right")
    s, r = str(sample).lower(), str(right).lower()
    a, b = _num(sample), _num(right)
    table: dict[str, Callable[[], bool | None]] = {
        "equals": lambda: s == r,
        "not_equals": lambda: s != r,
        "contains": lambda: r in s,
        "not_contains": lambda: r not in s,
        "starts_with": lambda: s.startswith(r),
        "ends_with": lambda: s.endswith(r),
        "is_true": lambda: sample is True or s in ("true", "yes"),
        "is_false": lambda: not (sample is True or s in ("true", "yes")),
        "greater_than": lambda: None if a is None or b is None else a > b,
        "less_than": lambda: None if a is None or b is None else a < b,
        "greater_or_equal": lambda: None if a is None or b is None else a >= b,
        "less_or_equal": lambda: None if a is None or b is None else a <= b,
    }
    return table[op]() if op in table else None


def _passes(gate: Node, output: str, sample: object, fields: tuple[str, ...]) -> bool | None:
    """Whether an item whose ``fields`` value is ``sample`` leaves ``gate`` on ``output``
    (None: the gate tests none of ``fields``)."""
    conds = [
        c for c in _conditions(gate) if any(f in str(c.get("left", "")).lower() for f in fields)
    ]
    if not conds:
        return None
    held = _holds(conds[0], sample)
    if held is None:
        return None
    return held if output in ("true", "main", "0", "kept") else not held


def behind(app: str, ops: tuple[str, ...], fields: tuple[str, ...], excluded: object) -> Check:
    """Every ``app`` step sits behind a condition on one of ``fields``, on the output that an
    item of the excluded subset (``fields`` = ``excluded``) does NOT take."""

    def run(wf: Workflow) -> None:
        found = _find(wf, app, ops)
        assert found, (app, ops, _shape(wf))
        for n in found:
            verdicts = [_passes(g, o, excluded, fields) for g, o in _gates(wf, n)]
            assert False in verdicts, (app, fields, excluded, _shape(wf))

    return run


def routed(app: str, ops: tuple[str, ...], fields: tuple[str, ...], excluded: object) -> Check:
    """An ``app`` step runs for the excluded subset (the subset goes elsewhere)."""

    def run(wf: Workflow) -> None:
        found = _find(wf, app, ops)
        assert found, (app, ops, _shape(wf))
        for n in found:
            verdicts = [_passes(g, o, excluded, fields) for g, o in _gates(wf, n)]
            assert True in verdicts and False not in verdicts, (app, _shape(wf))

    return run


def free(app: str, *ops: str) -> Check:
    """The ``app`` step runs on every path (no condition before it), exactly once."""

    def run(wf: Workflow) -> None:
        found = _find(wf, app, ops)
        assert len(found) == 1, (app, ops, _shape(wf))
        assert not [g for g, _ in _gates(wf, found[0]) if not _event_wide(wf, g)], _shape(wf)

    return run


def _event_wide(wf: Workflow, gate: Node) -> bool:
    """A gate every step hangs behind (the trigger's own event filter): not a condition
    on the request's items."""
    reach = downstream(wf, gate) | {gate.id, trigger(wf).id}
    return all(n.id in reach for n in wf.nodes)


def once(app: str, *ops: str) -> Check:
    """Exactly one ``app`` step with that operation: a limited step is not said twice."""

    def run(wf: Workflow) -> None:
        assert len(_find(wf, app, ops)) == 1, (app, ops, _shape(wf))

    return run


def no_app(app: str) -> Check:
    """No node of ``app`` (a spurious step from the exclusion's words)."""

    def run(wf: Workflow) -> None:
        assert not any(n.subtype == app for n in wf.nodes), (app, _shape(wf))

    return run


def no_node_named(word: str) -> Check:
    """No node id carries ``word`` (a spurious step made of the subset's name)."""

    def run(wf: Workflow) -> None:
        assert not any(word in n.id for n in wf.nodes), (word, _shape(wf))

    return run


def on(app: str, event_part: str) -> Check:
    def run(wf: Workflow) -> None:
        t = trigger(wf)
        assert t.subtype == f"{app}_trigger", _shape(wf)
        assert event_part in json.dumps(t.parameters).lower(), _shape(wf)

    return run


def gated(app: str, *ops: str, fields: tuple[str, ...], excluded: object) -> Check:
    """Shorthand: said once and behind the exclusion."""
    return each(once(app, *ops), behind(app, ops, fields, excluded))


BANK: list[tuple[str, tuple[str, ...], Check]] = [
    # --- English: a later sentence covering every step said before it --------------------------
    (
        "When a Shopify order comes in, create a customer in Stripe and add them to the Mailchimp "
        "list. Skip all of that for wholesale orders (the channel field is 'wholesale').",
        ("shopify", "stripe", "mailchimp"),
        each(
            on("shopify", "order"),
            gated("stripe", "create", fields=("channel",), excluded="wholesale"),
            gated("mailchimp", "create", fields=("channel",), excluded="wholesale"),
        ),
    ),
    (
        "Every new HubSpot contact gets a person in Pipedrive and a welcome SMS through Vonage. "
        "Don't do any of this for contacts whose country is US.",
        ("hubspot", "pipedrive", "vonage"),
        each(
            gated("pipedrive", "create", fields=("country",), excluded="US"),
            gated("vonage", "send", fields=("country",), excluded="US"),
        ),
    ),
    (
        "When a row is added to the 'Orders' Google Sheet, create an invoice in QuickBooks and "
        "post a note to Slack #billing. Ignore rows where the status is 'test'.",
        ("google_sheets", "quickbooks", "slack"),
        each(
            gated("quickbooks", "create", fields=("status",), excluded="test"),
            gated("slack", "post", fields=("status",), excluded="test"),
        ),
    ),
    (
        "For every new Jotform submission, create a HubSpot contact and a Trello card. Spam "
        "submissions (spam is true) must not create anything.",
        ("jotform", "hubspot", "trello"),
        each(
            gated("trello", "create", fields=("spam",), excluded=True),
            behind("hubspot", ("create", "upsert"), ("spam",), True),
        ),
    ),
    (
        "When a new Asana task is created, mirror it in ClickUp and post it to Microsoft Teams. "
        "Tasks whose project is 'Personal' must never leave Asana.",
        ("asana", "clickup", "microsoft_teams"),
        each(
            gated("clickup", "create", fields=("project",), excluded="Personal"),
            behind("microsoft_teams", ("",), ("project",), "Personal"),
        ),
    ),
    (
        "When a GitHub issue is opened, create a Jira issue and tell the team on Mattermost. "
        "Issues whose label is 'wontfix' should be ignored.",
        ("github", "jira", "mattermost"),
        each(
            gated("jira", "create", fields=("label",), excluded="wontfix"),
            behind("mattermost", ("",), ("label",), "wontfix"),
        ),
    ),
    # --- English: a named step only ------------------------------------------------------------
    (
        "When a new Trello card is created, copy it to Asana and ping me on Telegram. Cards "
        "whose list is 'Archive' should not be copied to Asana.",
        ("trello", "asana", "telegram"),
        each(
            gated("asana", "create", fields=("list",), excluded="Archive"),
            free("telegram", "send"),
        ),
    ),
    (
        "When a PayPal payment arrives, add a row to Google Sheets and send the payer a thank-you "
        "email with Mailgun. Payments whose type is refund should not get the email.",
        ("paypal", "google_sheets", "mailgun"),
        each(
            free("google_sheets", "append"),
            gated("mailgun", "send", fields=("type",), excluded="refund"),
        ),
    ),
    (
        "When a Calendly meeting is booked, add the guest to Google Contacts and send them a "
        "prep email with SendGrid. Never email guests whose company is Acme.",
        ("calendly", "google_contacts", "sendgrid"),
        each(
            free("google_contacts", "create"),
            gated("sendgrid", "send", fields=("company",), excluded="Acme"),
        ),
    ),
    (
        "New Typeform response: add it to Airtable and post it in Discord. Responses whose role "
        "is student shouldn't go to Discord.",
        ("typeform", "airtable", "discord"),
        each(
            free("airtable", "create"),
            gated("discord", "", fields=("role",), excluded="student"),
        ),
    ),
    # --- English: trailing "but only when / but not for" on the step it follows ----------------
    (
        "When a Stripe charge succeeds, record it in Xero and email a receipt with Mailgun, but "
        "only when the amount is above 20.",
        ("stripe", "xero", "mailgun"),
        each(
            free("xero", "create"),
            gated("mailgun", "send", fields=("amount",), excluded=10),
        ),
    ),
    (
        "Every hour fetch new Zendesk tickets and create a Jira issue for each, but not for "
        "tickets whose priority is low.",
        ("zendesk", "jira"),
        gated("jira", "create", fields=("priority",), excluded="low"),
    ),
    (
        "Every Monday at 8am read the rota from Airtable and message the on-call person on "
        "Slack, unless it's a bank holiday (the bank_holiday field is true)",
        ("airtable", "slack"),
        each(free("airtable", ""), gated("slack", "post", fields=("bank_holiday",), excluded=True)),
    ),
    (
        "When a WooCommerce order is refunded, create a credit note in Xero and email the "
        "customer through Mailjet, but only if it was paid by card (cash refunds are handled at "
        "the till)",
        ("woocommerce", "xero", "mailjet"),
        each(
            free("xero", "create"),
            gated("mailjet", "send", fields=("payment", "method"), excluded="cash"),
        ),
    ),
    (
        "When a new file is added to the Dropbox folder 'Exports', upload it to the 'archive' "
        "S3 bucket and post a note in Slack. Ignore anything that is not a CSV.",
        ("amazon_s3", "slack"),
        each(
            gated(
                "amazon_s3", "upload", fields=("type", "mime", "extension", "name"), excluded="xlsx"
            ),
            gated("slack", "post", fields=("type", "mime", "extension", "name"), excluded="xlsx"),
        ),
    ),
    # --- Chinese: everything said before it -----------------------------------------------------
    (
        "Shopify有新订单时，在Airtable里记一条，再用钉钉通知仓库。标签是test的订单全部跳过。",
        ("shopify", "airtable", "dingtalk"),
        each(
            gated("airtable", "create", fields=("标签", "tag"), excluded="test"),
            gated("dingtalk", "", fields=("标签", "tag"), excluded="test"),
        ),
    ),
    (
        "GitHub有新issue时，在Jira建任务，同时发到Slack。标签是wontfix的issue一律忽略。",
        ("github", "jira", "slack"),
        each(
            gated("jira", "create", fields=("标签", "label"), excluded="wontfix"),
            gated("slack", "post", fields=("标签", "label"), excluded="wontfix"),
        ),
    ),
    (
        "Stripe收到付款后，在QuickBooks开发票，再用SendGrid把发票发给客户；状态为refunded的付款"
        "不用处理。",
        ("stripe", "quickbooks", "sendgrid"),
        each(
            gated("quickbooks", "create", fields=("状态", "status"), excluded="refunded"),
            gated("sendgrid", "send", fields=("状态", "status"), excluded="refunded"),
        ),
    ),
    (
        "每当Airtable里新增一条记录，就在Asana建任务，并在Discord通知大家。状态为草稿的记录不要"
        "建任务，也不要通知。",
        ("airtable", "asana", "discord"),
        each(
            gated("asana", "create", fields=("状态", "status"), excluded="草稿"),
            gated("discord", "", fields=("状态", "status"), excluded="草稿"),
        ),
    ),
    (
        "Jotform收到报名后，把报名人加入ActiveCampaign，再用Mailgun发确认邮件；年龄小于18的"
        "什么都不做。",
        ("jotform", "activecampaign", "mailgun"),
        each(
            behind("activecampaign", ("create", "upsert"), ("年龄", "age"), 15),
            gated("mailgun", "send", fields=("年龄", "age"), excluded=15),
        ),
    ),
    (
        "Google Drive的“合同”文件夹里有新文件时，上传到OneDrive，再在钉钉里通知法务。不是PDF的文件"
        "一律忽略。",
        ("google_drive", "onedrive", "dingtalk"),
        each(
            gated(
                "onedrive", "upload", fields=("type", "mime", "extension", "name"), excluded="docx"
            ),
            gated("dingtalk", "", fields=("type", "mime", "extension", "name"), excluded="docx"),
        ),
    ),
    # --- Chinese: a named step only ------------------------------------------------------------
    (
        "每当HubSpot里新建联系人，就把他加到Mailchimp，再用Brevo发一封欢迎邮件。国家是中国的"
        "联系人不用发欢迎邮件。",
        ("hubspot", "mailchimp", "brevo"),
        each(
            free("mailchimp", "create"),
            gated("brevo", "send", fields=("国家", "country"), excluded="中国"),
        ),
    ),
    (
        "Typeform有新回复时存到Notion，然后在Telegram群里通知。评分低于3分的就不用通知了，存到"
        "Notion里就可以。",
        ("typeform", "notion", "telegram"),
        each(
            free("notion", "create"),
            gated("telegram", "send", fields=("评分", "score", "rating"), excluded=2),
        ),
    ),
    (
        "Calendly有新预约时，在Google日历建日程，再用Twilio发短信提醒；国家不是中国的客户只建"
        "日程不发短信。",
        ("calendly", "google_calendar", "twilio"),
        each(
            free("google_calendar", "create"),
            gated("twilio", "send", fields=("国家", "country"), excluded="美国"),
        ),
    ),
    (
        "表单提交后把数据写入Airtable，再用企业微信通知销售，但是来源是内部测试的不要通知。",
        ("airtable", "wecom"),
        each(
            free("airtable", "create"),
            gated("wecom", "", fields=("来源", "source"), excluded="内部测试"),
        ),
    ),
    # --- Chinese: 除外 / the excluded go elsewhere ------------------------------------------------
    (
        "每天早上9点从Pipedrive读取新交易，给每个交易在Trello建卡片，金额小于1000的除外。",
        ("pipedrive", "trello"),
        gated("trello", "create", fields=("金额", "amount", "value"), excluded=500),
    ),
    (
        "Intercom有新对话时，用OpenAI总结一下发到Slack。优先级是low的对话除外，那些发到Telegram"
        "就行。",
        ("intercom", "openai", "slack", "telegram"),
        each(
            gated("slack", "post", fields=("优先级", "priority"), excluded="low"),
            routed("telegram", ("send",), ("优先级", "priority"), "low"),
            no_node_named("low"),
        ),
    ),
    (
        "每周一从Google表格读取库存表，库存低于10的商品用钉钉提醒采购，其余的不用管。",
        ("google_sheets", "dingtalk"),
        gated("dingtalk", "", fields=("库存", "stock", "inventory"), excluded=50),
    ),
]


# still wrong (strict: a fix makes the test fail until the mark goes); the assertions stand
OPEN: dict[str, str] = {
    "Google Drive的“合同”文件夹里有新文件时": "condition field: '不是PDF的文件' is read as "
    "status ≠ PDF (parse_condition has no file-type reading in Chinese), not the file's type",
    "Every new HubSpot contact gets": "not the exclusion: 'gets a person in Pipedrive' is read "
    "as a Pipedrive get, and 'a welcome SMS through Vonage' adds a Twilio step for the SMS word",
}


@pytest.mark.parametrize(("text", "apps", "check"), bank_cases(BANK, OPEN, 60))
def test_exclude_bank(text: str, apps: tuple[str, ...], check: Check) -> None:
    needs(*apps)
    check(graph(text))
