"""Bank for the joins16 round (sentences of our own, written before the fix): steps placed on
the paths around a condition that the words put them on.

Constructions:

* an approval said with its threshold as one comparison ("300 and above needs approval from
  …", "1000 and over must be approved by …", "50 or more needs …", "500及以上要…审批",
  "200元或以上要…审批"): the approval sits behind that comparison, the other band does the
  work straight away, and the work once approved follows the approval;
* a reply to the webhook's caller said last ("最后返回201", "and finally respond with 201")
  after cases of which one already answered ("重复的直接返回409"): only the cases that did
  not answer reply again, so each run answers once;
* a step said "either way" / "不管哪种" / "无论如何" after cases one of which changes the item
  (an HTTP call): it runs on every path, not behind one case's call;
* an otherwise-side said by its value only ("…add them to the 'Educators' sequence in
  ConvertKit, otherwise to the 'General' sequence"): the same app and operation again, each
  side with its own quoted value.

Rows are scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py);
the webhook rows also ask that no run of the graph answers twice (:func:`answers_once`).
"""

from __future__ import annotations

from itertools import product

import pytest

from tests.planner._graph import reachable
from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import Graph
from tests.planner.eval_checks import Check, branches, failures, free, guard, order, svc

ASK: Check = {"approval": True}
MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "microsoft_outlook", "outlook", "sendgrid"], "verb": "create"},
    ]
}
OK: Check = {"condition_satisfiable": True}
NO_Q: Check = {"no_question": True}


def bypass(sel: Check) -> Check:
    """``sel`` is reached on some path with no approval."""
    return {"path_avoiding": {"to": sel, "avoid": ASK}}


def every_path(sel: Check) -> Check:
    """``sel`` runs whatever the condition said: unguarded, or one copy on each side."""
    return {"any": [free(sel), branches(sel, sel)]}


def reply(code: int) -> Check:
    return {"core": "webhook_response", "text": str(code)}


AIRTABLE = svc("airtable", "create")
XERO = svc("xero", "create")
STRIPE = svc("stripe")
QB = svc("quickbooks", "create")

BANK: list[tuple[str, list[Check]]] = [
    # ---- an approval behind "N and above" ---------------------------------------------------
    (
        "Reimbursement requests arrive via a form. Below 300 they go straight into Airtable. "
        "300 and above needs approval from finance@acme.io by email; approved ones are added to "
        "Airtable, rejected ones get an email back to the requester.",
        [guard(ASK, "amount"), bypass(AIRTABLE), order(ASK, AIRTABLE), OK, NO_Q],
    ),
    (
        "Purchase orders come in on a Typeform. An amount of 1000 and over must be approved by "
        "cfo@globex.com by email before the bill is created in Xero; if rejected, email the "
        "buyer. Smaller orders go straight into Xero.",
        [guard(ASK, "amount"), bypass(XERO), order(ASK, XERO), OK],
    ),
    (
        "New refund request on a form: 50 or more needs the support lead to approve in Slack, "
        "then refund it in Stripe; if they decline, email the customer. Below 50, refund in "
        "Stripe right away.",
        [guard(ASK, "amount"), bypass(STRIPE), order(ASK, STRIPE), OK],
    ),
    (
        "Bills arrive through a webhook. Under 2000 they are created in QuickBooks right away. "
        "2000 and up needs approval from cfo@acme.io by email, then create it in QuickBooks; "
        "if rejected, email the vendor.",
        [guard(ASK, "amount"), bypass(QB), order(ASK, QB), OK, NO_Q],
    ),
    (
        "表单提交报销申请：金额小于500直接记到Airtable；500及以上要先发邮件给 boss@a.cn 审批，"
        "批了再记，不批就邮件通知申请人",
        [guard(ASK, "amount", "金额"), bypass(AIRTABLE), order(ASK, AIRTABLE), OK, NO_Q],
    ),
    (
        "Jotform收到采购单：金额1000及以上需要采购经理 buyer@abc.cn 邮件审批，通过后在Xero建账单，"
        "不通过就发邮件给申请人；1000以下直接在Xero建账单",
        [guard(ASK, "amount", "金额"), bypass(XERO), order(ASK, XERO), OK],
    ),
    (
        "客户在表单上申请退款：金额200元或以上要在Slack里让客服主管审批，批准了就在Stripe退款，"
        "拒绝就发邮件告诉客户；200元以下直接在Stripe退款",
        [guard(ASK, "amount", "金额"), bypass(STRIPE), order(ASK, STRIPE), OK],
    ),
    (
        "员工用表单提交付款申请：3000以下直接在QuickBooks建账单；3000及以上要先让 cfo@corp.cn "
        "邮件审批，批准后再建账单，驳回就发邮件告诉员工",
        [guard(ASK, "amount", "金额"), bypass(QB), order(ASK, QB), OK, NO_Q],
    ),
    # ---- either way after cases, one of which calls an API ----------------------------------
    (
        "New Shopify order. Shipping outside the US: create an export form with POST "
        "https://api.exportly.example/forms. Inside the US: add it to the 'Domestic' Google "
        "Sheet. Either way the customer gets a text from Twilio.",
        [every_path(svc("twilio", "create"))],
    ),
    (
        "New Stripe payment. Amount over 1000: call POST https://api.riskcheck.example/review. "
        "Otherwise: log it in Airtable. Either way post it to Slack #payments.",
        [every_path(svc("slack", "create"))],
    ),
    (
        "WooCommerce有新订单。金额超过500：调用 POST https://api.fraud.example/check 做风控。"
        "其他订单：记到Google表格。不管哪种，都用Brevo给客户发订单确认邮件。",
        [every_path(svc("brevo", "create"))],
    ),
    (
        "Typeform有新报名：如果是学生，调用 POST https://api.school.example/verify 核验学籍；"
        "否则加到HubSpot。无论如何都在Slack #signups 发一条消息。",
        [every_path(svc("slack", "create"))],
    ),
    (
        "Shopify有新订单：金额超过2000的调用 POST https://api.vip.example/notify 通知客户经理，"
        "其余的记到Airtable；不管怎样都发一条钉钉消息",
        [every_path(svc("dingtalk", "create"))],
    ),
    # ---- otherwise said by its value only ---------------------------------------------------
    (
        "On a new Typeform entry, if the role is 'Teacher' add them to the 'Educators' sequence "
        "in ConvertKit, otherwise to the 'General' sequence.",
        [
            branches(
                svc("convertkit", "create", "educators"), svc("convertkit", "create", "general")
            ),
            OK,
        ],
    ),
    (
        "Shopify新订单：如果金额超过1000就把客户加到Mailchimp的“VIP”列表，否则加到“普通”列表",
        [branches(svc("mailchimp", "create", "vip"), svc("mailchimp", "create", "普通"))],
    ),
    (
        "Gumroad有新订单：如果商品是“进阶课”，就把买家加到ConvertKit的“进阶”序列，否则加到"
        "“入门”序列",
        [branches(svc("convertkit", "create", "进阶"), svc("convertkit", "create", "入门"))],
    ),
    (
        "When a Stripe customer is created: if the country is 'DE' add them to the 'Germany' "
        "list in Mailchimp, otherwise to the 'International' list.",
        [
            branches(
                svc("mailchimp", "create", "germany"),
                svc("mailchimp", "create", "international"),
            )
        ],
    ),
    (
        "新的Calendly预约：如果活动类型是“演示”，就把邀约人加到ConvertKit的“销售线索”序列，"
        "不然就加到“普通用户”序列",
        [
            branches(
                svc("convertkit", "create", "销售线索"), svc("convertkit", "create", "普通用户")
            )
        ],
    ),
]

# webhook rows: (text, the code said first for one case, the code said last for the rest)
WEBHOOK: list[tuple[str, int, int]] = [
    (
        "收到webhook注册请求：邮箱重复的直接返回409；不重复就在HubSpot建联系人、用SendGrid发欢迎"
        "邮件，最后返回201",
        409,
        201,
    ),
    (
        "When my webhook gets a payment: if the amount is missing, respond with 422. Otherwise "
        "create the invoice in QuickBooks, post to Slack #billing and then respond 200.",
        422,
        200,
    ),
    (
        "On a webhook signup: if the email is already in Mailchimp, respond 409; otherwise add "
        "them to the Mailchimp audience, send a welcome email, and finally respond with 201.",
        409,
        201,
    ),
    (
        "webhook收到报名：如果手机号为空就返回400；否则在Airtable建一条记录、发Slack通知，最后"
        "返回200",
        400,
        200,
    ),
    (
        "Webhook gets a new lead: if the email is empty respond 400. Otherwise add the lead to "
        "HubSpot and post it to Slack #leads, and finally respond 201.",
        400,
        201,
    ),
]

_OPEN: dict[str, str] = {
    "员工用表单提交付款申请": "the trigger's words run on over the colon into the first case "
    "('…申请：3000以下直接在QuickBooks建账单'), so that case is lost (trigger extent, not the "
    "approval's place)",
}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_joins16_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def answers_once(g: Graph) -> list[list[str]]:
    """The replies of each run of ``g`` (one chosen output per IF or Switch) that answers
    other than exactly once."""
    gates = [i for i, n in g.nodes.items() if n.subtype in ("if", "switch")]
    outs = [sorted({o for s, o, _ in g.edges if s == gid}) for gid in gates]
    replies = {i for i, n in g.nodes.items() if n.subtype == "webhook_response"}
    bad = []
    for pick in product(*outs):
        chosen = dict(zip(gates, pick, strict=True))
        edges = [(s, o, t) for s, o, t in g.edges if s not in chosen or chosen[s] == o]
        got = sorted(replies & reachable(edges, g.trigger().id))
        if len(got) != 1:
            bad.append(got)
    return bad


@pytest.mark.parametrize(("text", "first", "last"), bank_cases(WEBHOOK, _OPEN, 48))
def test_joins16_webhook(text: str, first: int, last: int) -> None:
    assert failures(text, [reply(first), reply(last), branches(reply(first), reply(last))]) == []
    assert answers_once(Graph(text)) == []


def test_bank_size() -> None:
    rows = [t for t, *_ in [*BANK, *WEBHOOK]]
    assert len(rows) >= 20
    assert sum(1 for t in rows if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
