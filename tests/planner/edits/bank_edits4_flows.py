"""Prior workflows for the edits4 bank (test_edits4_bank): a digest posted to Slack, error
alerts on Telegram / DingTalk / Teams, a mail triage switch, a priority check, a request board,
an order record, a refund log, a sentiment branch, a price watch, a purchase approval, a signup
pipeline, a contract extractor and a lead score. Short ids so assertions can name untouched
nodes; every step carries real parameters so "kept" means kept."""

from __future__ import annotations

from flowsmith.core.models import Workflow
from tests.planner.edit_fixtures import node, wf


def _alert(subtype: str, name: str, params: dict[str, object]) -> Workflow:
    return wf(
        [node("t", "error_trigger", "On error", {}), node("m", subtype, name, params)],
        [("t", "main", "m")],
    )


def telegram_alert() -> Workflow:
    return _alert("telegram_message", "Tell ops", {"chat_id": "42", "text": "failed"})


def ding_alert() -> Workflow:
    params = {"resource": "message", "operation": "send", "access_token": "T", "text": "x"}
    return _alert("dingtalk", "钉钉告警", params)


def teams_alert() -> Workflow:
    return _alert("microsoft_teams_message", "Tell ops", {"channel": "Ops", "message": "x"})


def triage() -> Workflow:
    """Mail classified into billing / bug; billing → Freshdesk ticket, bug → Linear issue."""
    cats = [{"name": "billing"}, {"name": "bug"}, {"name": "other"}]
    rules = [{"operator": "equals", "value": "billing"}, {"operator": "equals", "value": "bug"}]
    desk = {"resource": "ticket", "operation": "create", "description": "{{ $json.text }}"}
    issue = {"resource": "issue", "operation": "create", "title": "{{ $json.subject }}"}
    return wf(
        [
            node("t", "email_trigger", "Support mail", {"mailbox": "INBOX"}),
            node("c", "text_classifier", "Classify", {"input_text": "x", "categories": cats}),
            node("r", "switch", "Route", {"field": "{{ $json.category }}", "rules": rules}),
            node("z", "freshdesk", "Billing ticket", desk),
            node("j", "linear", "Bug issue", issue),
        ],
        [("t", "main", "c"), ("c", "main", "r"), ("r", "output_0", "z"), ("r", "output_1", "j")],
    )


def board() -> Workflow:
    """A request webhook creates a Trello card, then Teams is told."""
    card = {"resource": "card", "operation": "create", "list_id": "L1", "name": "{{ $json.t }}"}
    return wf(
        [
            node("t", "webhook_trigger", "Request in", {"path": "r", "method": "POST"}),
            node("k", "trello", "Create card", card),
            node("m", "microsoft_teams_message", "Tell team", {"channel": "Eng", "message": "x"}),
        ],
        [("t", "main", "k"), ("k", "main", "m")],
    )


def shop_orders() -> Workflow:
    """A Shopify order recorded in Airtable, then a DingTalk message."""
    ding = {"resource": "message", "operation": "send", "access_token": "T", "text": "新订单"}
    return wf(
        [
            node("t", "shopify_trigger", "New order", {"event": "order_created"}),
            node("a", "airtable_create_record", "Record order", {"table": "Orders"}),
            node("d", "dingtalk", "钉钉通知", ding),
        ],
        [("t", "main", "a"), ("a", "main", "d")],
    )


def refunds() -> Workflow:
    """A refund webhook is extracted by AI and logged to a sheet."""
    attrs = [{"name": "customer"}, {"name": "amount"}]
    return wf(
        [
            node("t", "webhook_trigger", "Refund in", {"path": "rf", "method": "POST"}),
            node("x", "information_extractor", "Extract", {"input_text": "x", "attributes": attrs}),
            node("g", "google_sheets_append", "Log refund", {"sheet_name": "Refunds"}),
        ],
        [("t", "main", "x"), ("x", "main", "g")],
    )


def sentiment() -> Workflow:
    """Negative reviews (sentiment check) are posted to Slack."""
    neg = {"left": "{{ $json.sentiment }}", "operator": "equals", "right": "negative"}
    return wf(
        [
            node("t", "webhook_trigger", "Review in", {"path": "rv", "method": "POST"}),
            node("a", "sentiment_analysis", "Sentiment", {"input_text": "{{ $json.text }}"}),
            node("i", "if", "Negative?", {"conditions": [neg]}),
            node("s", "slack_message", "Alert CX", {"channel": "#cx", "text": "negative"}),
        ],
        [("t", "main", "a"), ("a", "main", "i"), ("i", "true", "s")],
    )


def approval() -> Workflow:
    """An expense form asks the team lead by email; approved → Airtable, rejected → email."""
    ask = {"to": "lead@acme.io", "subject": "Approve expense", "message": "{{ $json.Item }}"}
    return wf(
        [
            node("t", "form_trigger", "Expense form", {"title": "Expense", "fields": []}),
            node("a", "approval_email", "Lead approval", ask),
            node("p", "airtable_create_record", "Record payout", {"table": "Payouts"}),
            node("e", "send_email", "Tell requester", {"to": "{{ $json.email }}", "body": "no"}),
        ],
        [("t", "main", "a"), ("a", "approved", "p"), ("a", "rejected", "e")],
    )


def signup() -> Workflow:
    """A signup is saved to Postgres, added to HubSpot and answered."""
    sql = {"query": "insert into users(email) values ($1)"}
    crm = {"resource": "contact", "operation": "upsert", "email": "{{ $json.email }}"}
    return wf(
        [
            node("t", "webhook_trigger", "Signup", {"path": "su", "method": "POST"}),
            node("p", "postgres_query", "Save user", sql),
            node("h", "hubspot", "Add contact", crm),
            node("r", "webhook_response", "Respond", {"respond_with": "json", "body": {"ok": 1}}),
        ],
        [("t", "main", "p"), ("p", "main", "h"), ("h", "main", "r")],
    )


def hot_leads() -> Workflow:
    """An AI lead score; hot leads become HubSpot deals."""
    hot = {"left": "{{ $json.score }}", "operator": "greater_than", "right": 80}
    deal = {"resource": "deal", "operation": "create", "name": "{{ $json.company }}"}
    return wf(
        [
            node("t", "webhook_trigger", "Lead in", {"path": "ld", "method": "POST"}),
            node("l", "llm_chat", "Score lead", {"prompt": "Score 0-100: {{ $json }}"}),
            node("i", "if", "Hot?", {"conditions": [hot]}),
            node("h", "hubspot", "Create deal", deal),
        ],
        [("t", "main", "l"), ("l", "main", "i"), ("i", "true", "h")],
    )
