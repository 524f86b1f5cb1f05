"""Prior workflows the edit sentence bank (test_edit_bank) edits: an order log, an order
check on the amount, a ticket check on the priority, a weekday-less daily report, a CRM
signup and a news digest. Each has short ids so assertions can name untouched nodes."""

from __future__ import annotations

from flowsmith.core.models import Workflow
from tests.planner.edit_fixtures import node, wf


def orders() -> Workflow:
    """A webhook order logged to a sheet, then an email."""
    return wf(
        [
            node("t", "webhook_trigger", "Order in", {"path": "o", "method": "POST"}),
            node("g", "google_sheets_append", "Log order", {"sheet": "Orders"}),
            node("e", "send_email", "Email me", {"to": "me@acme.io", "body": "x"}),
        ],
        [("t", "main", "g"), ("g", "main", "e")],
    )


def big_orders() -> Workflow:
    """Orders over 100 go to Slack; the rest are emailed."""
    big = {"left": "{{ $json.amount }}", "operator": "greater_than", "right": 100}
    return wf(
        [
            node("t", "webhook_trigger", "Order in", {"path": "o", "method": "POST"}),
            node("i", "if", "Big order?", {"conditions": [big]}),
            node("s", "slack_message", "Post order", {"channel": "#sales", "text": "x"}),
            node("e", "send_email", "Email me", {"to": "me@acme.io", "body": "x"}),
        ],
        [("t", "main", "i"), ("i", "true", "s"), ("i", "false", "e")],
    )


def urgent() -> Workflow:
    """Urgent tickets go to Slack, the rest are emailed."""
    cond = {"left": "{{ $json.priority }}", "operator": "equals", "right": "urgent"}
    return wf(
        [
            node("t", "webhook_trigger", "Ticket in", {"path": "t", "method": "POST"}),
            node("i", "if", "Urgent?", {"conditions": [cond]}),
            node("s", "slack_message", "Alert team", {"channel": "#support", "text": "x"}),
            node("e", "send_email", "Email support", {"to": "help@acme.io", "body": "x"}),
        ],
        [("t", "main", "i"), ("i", "true", "s"), ("i", "false", "e")],
    )


def report() -> Workflow:
    """Every day at 9: fetch figures, email them."""
    return wf(
        [
            node(
                "t",
                "schedule_trigger",
                "Daily 9",
                {"interval": "days", "every": 1, "at_time": "09:00"},
            ),
            node("h", "http_request", "Get figures", {"url": "https://api.x.io/stats"}),
            node("e", "send_email", "Email report", {"to": "me@acme.io", "body": "x"}),
        ],
        [("t", "main", "h"), ("h", "main", "e")],
    )


def signup() -> Workflow:
    """A form signup becomes a HubSpot contact, then a welcome email."""
    return wf(
        [
            node("t", "webhook_trigger", "Signup", {"path": "s", "method": "POST"}),
            node("h", "hubspot", "Add contact", {"resource": "contact", "operation": "create"}),
            node("e", "send_email", "Welcome", {"to": "{{ $json.email }}", "body": "hi"}),
        ],
        [("t", "main", "h"), ("h", "main", "e")],
    )


def news() -> Workflow:
    """New feed items posted to Slack and emailed."""
    return wf(
        [
            node("t", "rss_trigger", "Feed", {"url": "https://x.io/feed"}),
            node("s", "slack_message", "Post item", {"channel": "#news", "text": "x"}),
            node("e", "send_email", "Email item", {"to": "me@acme.io", "body": "x"}),
        ],
        [("t", "main", "s"), ("s", "main", "e")],
    )


def paid() -> Workflow:
    """Only paid orders are recorded in Airtable: a check with nothing on its false output."""
    cond = {"left": "{{ $json.status }}", "operator": "equals", "right": "paid"}
    return wf(
        [
            node("t", "webhook_trigger", "Order in", {"path": "o", "method": "POST"}),
            node("i", "if", "Paid?", {"conditions": [cond]}),
            node("a", "airtable_create_record", "Record order", {"table": "Orders"}),
        ],
        [("t", "main", "i"), ("i", "true", "a")],
    )


def rows() -> Workflow:
    """Every day: read sheet rows, for each call an API and save to Airtable; then a summary."""
    return wf(
        [
            node("t", "schedule_trigger", "Daily", {"interval": "days", "every": 1}),
            node("r", "google_sheets_read", "Read rows", {"sheet_name": "x"}),
            node("l", "loop", "Each row", {}),
            node("h", "http_request", "Call API", {"method": "GET", "url": "https://x.io"}),
            node("a", "airtable_create_record", "Save row", {"table": "Rows"}),
            node("m", "slack_message", "Summary", {"channel": "#x", "text": "done"}),
        ],
        [
            ("t", "main", "r"),
            ("r", "main", "l"),
            ("l", "loop", "h"),
            ("h", "main", "a"),
            ("a", "main", "l"),
            ("l", "done", "m"),
        ],
    )
