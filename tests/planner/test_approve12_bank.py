"""Bank for the approve12 round (sentences of our own, written before the fix): approvals asked
of a named person, with a threshold, and the paths around them.

Constructions: the approver said as an address ("approval from ops@acme.io", "发邮件给
buyer@corp.cn 审批"), a Slack handle ("ask @tom in Slack to approve") or a role ("店长",
"the CFO"), kept in the approval node; the outcomes said as headings ("Approved: …",
"Rejected: …", "批准：…") or of the items ("approved ones get …, rejected ones get …"), on the
approval's two outputs; the side under the threshold doing the same action with no approval
("under 2000 goes straight into Airtable", "3天以内的直接建日历"); two approvals in a chain
("above 20000 the CFO must approve too after the lead", "主管批了之后还要财务总监再批") and
three amount bands (straight / one approver / two approvers).

Each row is scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py)."""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, branches, failures, guard, order, svc

FORM: Check = {"trigger": "form"}
ASK: Check = {"approval": True}
MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "microsoft_outlook", "outlook"], "verb": "create"},
    ]
}
SMS: Check = {
    "service": ["twilio", "vonage", "messagebird", "plivo", "aliyun_sms"],
    "verb": "create",
}
OK: Check = {"condition_satisfiable": True}
NO_Q: Check = {"no_question": True}


def by(who: str) -> Check:
    """An approval whose parameters name ``who``."""
    return {"approval": True, "text": who}


def bypass(sel: Check) -> Check:
    """``sel`` is reached on some path with no approval."""
    return {"path_avoiding": {"to": sel, "avoid": ASK}}


def bands(n: int) -> Check:
    return {"branch_count": {"min": n}}


AIRTABLE = svc("airtable", "create")
QB = svc("quickbooks", "create")
XERO = svc("xero", "create")
GCAL = svc("google_calendar", "create")
SHEET = svc("google_sheets", "create")

BANK: list[tuple[str, list[Check]]] = [
    # ---- threshold, named approver by address, both outcomes, straight side -------------------
    (
        "Purchase request form with item, amount and requester email. Anything above 2000 USD "
        "needs approval from ops@acme.io by email: approved ones get added as a record in "
        "Airtable, rejected ones get an email back to the requester. Under 2000 goes straight "
        "into Airtable.",
        [
            FORM,
            by("ops@acme.io"),
            guard(ASK, "amount"),
            bypass(AIRTABLE),
            order(ASK, AIRTABLE),
            branches(AIRTABLE, MAIL),
            OK,
            NO_Q,
        ],
    ),
    (
        "New leave request on a form with name, email and days. More than 3 days needs approval "
        "from hr@acme.co by email. Approved: add it to Google Calendar. Rejected: email the "
        "employee. 3 days or fewer go straight onto Google Calendar.",
        [FORM, by("hr@acme.co"), bypass(GCAL), order(ASK, GCAL), branches(GCAL, MAIL), OK, NO_Q],
    ),
    (
        "When a webhook receives a supplier invoice: if the amount is more than 10000, get "
        "approval from cfo@globex.com by email; once approved create a bill in Xero, if rejected email "
        "the supplier. Smaller invoices are created in Xero directly.",
        [by("cfo@globex.com"), guard(ASK, "amount"), bypass(XERO), order(ASK, XERO), OK, NO_Q],
    ),
    # ---- a Slack handle asked, outcomes as headings ----------------------------------------
    (
        "People ask for VPN access on a form. Ask @tom in Slack to approve. Approved: call POST "
        "https://idp.example.com/api/grants. Rejected: email them that access was denied.",
        [
            FORM,
            by("tom"),
            {"core": "http_request", "text": "idp.example.com"},
            branches({"core": "http_request", "text": "idp.example.com"}, MAIL),
            NO_Q,
        ],
    ),
    (
        "People send content requests through a form. Ask @priya in Slack to approve it. Approved: create a Trello "
        "card. Rejected: send the requester an email.",
        [FORM, by("priya"), branches(svc("trello", "create"), MAIL), order(ASK, svc("trello"))],
    ),
    (
        "Someone submits a room booking on a form. Ask @facilities in Slack to approve. "
        "Approved: create the event in Google Calendar. Declined: email them.",
        [FORM, by("facilities"), branches(GCAL, MAIL), order(ASK, GCAL), NO_Q],
    ),
    # ---- a role as the approver, Chinese ----------------------------------------------------
    (
        "客户在Typeform上提交场地预约，超过30人的要场地经理在Slack里审批，批了就在Google日历建活动"
        "并发短信确认，不批就发邮件告诉客户场地满了；30人及以下的直接建日历发短信",
        [
            {"any": [{"core": "approval_slack"}, {"approval": True, "service": "slack"}]},
            by("场地经理"),
            bypass(GCAL),
            order(ASK, GCAL),
            order(GCAL, SMS),
            branches(GCAL, MAIL),
            OK,
            NO_Q,
        ],
    ),
    (
        "员工在表单里提交采购申请，金额超过2000元的要发邮件给采购经理 buyer@corp.cn 审批，批准后在"
        "Airtable里记一条，驳回就发邮件通知申请人；2000元以下的直接记到Airtable",
        [FORM, by("buyer@corp.cn"), bypass(AIRTABLE), order(ASK, AIRTABLE), OK, NO_Q],
    ),
    (
        "Jotform收到报销单：3000元以上要财务 finance@abc.cn 邮件审批，通过了在Xero里建账单，没通过"
        "就发邮件告诉员工；3000元以下直接在Xero建账单",
        [by("finance@abc.cn"), guard(ASK, "amount", "金额"), bypass(XERO), order(ASK, XERO), OK],
    ),
    (
        "请假表单提交后，超过3天的要HR hr@corp.cn 邮件审批，批准了就在Google日历建事件，不批准就发"
        "邮件告诉员工；3天以内的直接建日历事件",
        [FORM, by("hr@corp.cn"), bypass(GCAL), order(ASK, GCAL), branches(GCAL, MAIL), OK],
    ),
    # ---- a Slack handle, Chinese ------------------------------------------------------------
    (
        "有人在表单上申请仓库权限，在Slack里找 @wang 审批。批准：调用 POST "
        "https://api.example.cn/grants 开通；拒绝：发邮件告诉他",
        [
            FORM,
            by("wang"),
            branches({"core": "http_request", "text": "api.example.cn"}, MAIL),
            NO_Q,
        ],
    ),
    (
        "表单收到新的活动申请后，在Slack里让 @lihua 审批，通过了就在Trello建卡片，拒绝了就发邮件给"
        "申请人",
        [FORM, by("lihua"), branches(svc("trello", "create"), MAIL), NO_Q],
    ),
    # ---- two approvals in a chain -------------------------------------------------------------
    (
        "员工在表单里提交付款申请。2000以下直接在Xero建账单；2000以上要主管 lead@corp.cn 邮件审批；"
        "2万以上主管批了之后还要财务总监 cfo@corp.cn 再批，都批了才建账单。谁拒绝都发邮件通知员工",
        [
            by("lead@corp.cn"),
            by("cfo@corp.cn"),
            guard(by("lead@corp.cn"), "amount", "金额"),
            guard(by("cfo@corp.cn"), "amount", "金额"),
            order(by("lead@corp.cn"), by("cfo@corp.cn")),
            order(by("cfo@corp.cn"), XERO),
            bypass(XERO),
            order(by("lead@corp.cn"), MAIL),
            OK,
            NO_Q,
        ],
    ),
    (
        "Payment requests come in on a form. Under 500 goes straight into QuickBooks as a bill. 500 and above "
        "needs approval from lead@corp.io by email; above 5000, after the lead approves, "
        "cfo@corp.io must approve too. Only then create the bill. If anyone rejects, email "
        "the employee.",
        [
            FORM,
            by("lead@corp.io"),
            by("cfo@corp.io"),
            order(by("lead@corp.io"), by("cfo@corp.io")),
            guard(by("cfo@corp.io"), "amount"),
            order(by("cfo@corp.io"), QB),
            bypass(QB),
            OK,
            NO_Q,
        ],
    ),
    (
        "Jotform差旅申请：5000以下直接写进Airtable；5000以上要经理 mgr@corp.cn 审批；3万以上经理"
        "批了以后还要总经理 ceo@corp.cn 再批，都批了才写进Airtable。任何一个人拒绝都发邮件告诉员工",
        [
            by("mgr@corp.cn"),
            by("ceo@corp.cn"),
            order(by("mgr@corp.cn"), by("ceo@corp.cn")),
            guard(by("ceo@corp.cn"), "amount", "金额"),
            bypass(AIRTABLE),
            order(by("ceo@corp.cn"), AIRTABLE),
            OK,
        ],
    ),
    # ---- three amount bands ---------------------------------------------------------------
    (
        "做一个采购申请表单：金额低于1000的直接写进Google表格；1000到10000之间要部门经理审批；超过"
        "10000的要部门经理和总经理两个人都审批通过",
        [FORM, SHEET, ASK, bypass(SHEET), guard(ASK, "amount", "金额"), bands(3), OK, NO_Q],
    ),
    (
        "做一个请款表单：金额不到300的直接记到Airtable；300到3000之间要主管审批；3000以上要主管和"
        "财务两个人都批",
        [FORM, AIRTABLE, ASK, bypass(AIRTABLE), guard(ASK, "amount", "金额"), bands(3), OK],
    ),
    (
        "Build a budget request form: below 1000 it goes straight into Google Sheets; between "
        "1000 and 10000 the team lead must approve; above 10000 both the team lead and the CFO "
        "must approve.",
        [FORM, SHEET, ASK, bypass(SHEET), guard(ASK, "amount"), bands(3), OK, NO_Q],
    ),
    # ---- single threshold, role approver, Slack ----------------------------------------------
    (
        "When a refund request comes in on Typeform and it is over $100, the support lead has "
        "to approve in Slack; if approved, create a refund in Stripe, if rejected email the customer. Refunds of $100 "
        "or less are refunded in Stripe right away.",
        [
            {"any": [{"core": "approval_slack"}, {"approval": True, "service": "slack"}]},
            bypass(svc("stripe", "create")),
            order(ASK, svc("stripe", "create")),
            branches(svc("stripe", "create"), MAIL),
            OK,
        ],
    ),
    (
        "新的报价单表单提交后，折扣超过20%的要销售总监在Slack里审批，批准了就在HubSpot建交易，不批准就"
        "发邮件给销售；20%及以下的直接在HubSpot建交易",
        [
            by("销售总监"),
            bypass(svc("hubspot", "create")),
            order(ASK, svc("hubspot", "create")),
            branches(svc("hubspot", "create"), MAIL),
            OK,
        ],
    ),
    (
        "Overtime requests come in on a form: more than 8 hours needs the HR manager hr@corp.io to approve by email, "
        "then it's logged in Clockify; if HR says no, email the employee. 8 hours or less get "
        "logged in Clockify straight away.",
        [FORM, by("hr@corp.io"), bypass(svc("clockify", "create")), order(ASK, MAIL), OK],
    ),
    (
        "客户在表单上提交退款申请，金额大于500的要发邮件给 refund@shop.cn 审批，审批通过就在Stripe"
        "里退款，不通过就发邮件告诉客户；500及以下的直接在Stripe退款",
        [FORM, by("refund@shop.cn"), bypass(svc("stripe")), order(ASK, svc("stripe")), OK],
    ),
]

_OPEN: dict[str, str] = {
    "Jotform差旅申请": "the band compares 'price': a travel request's amount field is not inferred "
    "without 金额 (condition-field naming, not the approval structure)",
    "Build a budget request form": "the band compares 'price': a budget request's amount field "
    "is not inferred (condition-field naming, not the approval structure)",
}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_approve12_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
