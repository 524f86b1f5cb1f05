"""Prior workflows for the role-edit bank (test_edit_roles_bank): an AI scoring step, a page
check on one store, a Shopify order post, an API poll posted to Slack, a lead sheet, an error
alert, a mail classifier, a sentiment branch, a Postgres signup, an approval, a stock check
and a contract extractor. Short ids so assertions can name untouched nodes."""

from __future__ import annotations

from flowsmith.core.models import Workflow
from tests.planner.edit_fixtures import node, wf


def scored() -> Workflow:
    """A lead is scored by OpenAI, then the score is posted to Slack."""
    ai = {"resource": "text", "operation": "response", "prompt": "Score this lead 1-10"}
    return wf(
        [
            node("t", "webhook_trigger", "Lead in", {"path": "l", "method": "POST"}),
            node("a", "openai", "Score lead", ai),
            node("s", "slack_message", "Post score", {"channel": "#sales", "text": "x"}),
        ],
        [("t", "main", "a"), ("a", "main", "s")],
    )


def digest() -> Workflow:
    """Feed items summarised by AI, then posted to Slack."""
    return wf(
        [
            node("t", "rss_trigger", "Feed", {"url": "https://x.io/feed"}),
            node("a", "summarizer", "Summarise item", {"input_text": "{{ $json.content }}"}),
            node("s", "slack_message", "Post digest", {"channel": "#news", "text": "x"}),
        ],
        [("t", "main", "a"), ("a", "main", "s")],
    )


def watch() -> Workflow:
    """Every hour check a Target product page; if it is in stock, email me."""
    page = {"url": "https://www.target.com/p/a-123", "store": "target"}
    stock = {"left": "{{ $json.in_stock }}", "operator": "equals", "right": True}
    return wf(
        [
            node("t", "schedule_trigger", "Hourly", {"interval": "hours", "every": 1}),
            node("p", "web_page_check", "Check Target page", page),
            node("i", "if", "In stock?", {"conditions": [stock]}),
            node("e", "send_email", "Email me", {"to": "me@acme.io", "body": "x"}),
        ],
        [("t", "main", "p"), ("p", "main", "i"), ("i", "true", "e")],
    )


def shop() -> Workflow:
    """Every new Shopify order is posted to Slack #orders."""
    return wf(
        [
            node("t", "shopify_trigger", "New order", {"event": "order_created"}),
            node("s", "slack_message", "Post order", {"channel": "#orders", "text": "x"}),
        ],
        [("t", "main", "s")],
    )


def poll() -> Workflow:
    """Every morning call an API and post what it returns to Slack."""
    return wf(
        [
            node("t", "schedule_trigger", "Daily", {"interval": "days", "every": 1}),
            node("h", "http_request", "Call API", {"method": "GET", "url": "https://api.x.io"}),
            node("s", "slack_message", "Post data", {"channel": "#data", "text": "x"}),
        ],
        [("t", "main", "h"), ("h", "main", "s")],
    )


def leads() -> Workflow:
    """A form lead is appended to a Google sheet."""
    return wf(
        [
            node("t", "webhook_trigger", "Lead in", {"path": "l", "method": "POST"}),
            node("g", "google_sheets_append", "Save lead", {"sheet": "Leads"}),
        ],
        [("t", "main", "g")],
    )


def errors() -> Workflow:
    """Any failed workflow raises a Slack alert."""
    return wf(
        [
            node("t", "error_trigger", "On error", {}),
            node("s", "slack_message", "Alert", {"channel": "#alerts", "text": "x"}),
        ],
        [("t", "main", "s")],
    )


def inbox() -> Workflow:
    """New Gmail messages are classified by AI, then posted to Slack."""
    cats = {"input_text": "{{ $json.text }}", "categories": ["sales", "support"]}
    return wf(
        [
            node("t", "gmail_trigger", "New mail", {}),
            node("c", "text_classifier", "Classify mail", cats),
            node("s", "slack_message", "Post mail", {"channel": "#inbox", "text": "x"}),
        ],
        [("t", "main", "c"), ("c", "main", "s")],
    )


def moods() -> Workflow:
    """New Zendesk tickets get a sentiment; negative ones are posted to Slack."""
    neg = {"left": "{{ $json.sentiment }}", "operator": "equals", "right": "negative"}
    return wf(
        [
            node("t", "zendesk_trigger", "New ticket", {"event": "ticket_created"}),
            node("a", "sentiment_analysis", "Sentiment", {"input_text": "{{ $json.text }}"}),
            node("i", "if", "Negative?", {"conditions": [neg]}),
            node("s", "slack_message", "Alert support", {"channel": "#support", "text": "x"}),
        ],
        [("t", "main", "a"), ("a", "main", "i"), ("i", "true", "s")],
    )


def pg_signup() -> Workflow:
    """A signup is inserted into Postgres, added to Mailchimp, then answered."""
    ins = {"resource": "database", "operation": "insert", "table": "users"}
    sub = {"resource": "member", "operation": "create"}
    return wf(
        [
            node("t", "webhook_trigger", "Signup", {"path": "s", "method": "POST"}),
            node("p", "postgres", "Insert user", ins),
            node("m", "mailchimp", "Subscribe", sub),
            node("r", "webhook_response", "Reply", {"respond_with": "json", "status_code": 200}),
        ],
        [("t", "main", "p"), ("p", "main", "m"), ("m", "main", "r")],
    )


def approval() -> Workflow:
    """An expense asks the manager for approval: approved → Slack, rejected → email back."""
    ask = {"to": "manager@acme.io", "subject": "Expense", "message": "x"}
    return wf(
        [
            node("t", "webhook_trigger", "Expense in", {"path": "e", "method": "POST"}),
            node("p", "approval_email", "Ask manager", ask),
            node("s", "slack_message", "Post approved", {"channel": "#finance", "text": "x"}),
            node("e", "send_email", "Tell rejected", {"to": "{{ $json.email }}", "body": "x"}),
        ],
        [("t", "main", "p"), ("p", "approved", "s"), ("p", "rejected", "e")],
    )


def stock() -> Workflow:
    """Every hour fetch a product; if it is in stock, email me."""
    cond = {"left": "{{ $json.in_stock }}", "operator": "equals", "right": True}
    return wf(
        [
            node("t", "schedule_trigger", "Hourly", {"interval": "hours", "every": 1}),
            node("h", "http_request", "Get product", {"method": "GET", "url": "https://x.io/p"}),
            node("i", "if", "In stock?", {"conditions": [cond]}),
            node("e", "send_email", "Email me", {"to": "me@acme.io", "body": "x"}),
        ],
        [("t", "main", "h"), ("h", "main", "i"), ("i", "true", "e")],
    )


def contract() -> Workflow:
    """An uploaded contract's terms are extracted by AI and saved to Notion."""
    ext = {"input_text": "{{ $json.text }}", "attributes": ["party", "amount", "date"]}
    return wf(
        [
            node("t", "webhook_trigger", "Contract in", {"path": "c", "method": "POST"}),
            node("x", "information_extractor", "Extract terms", ext),
            node(
                "n", "notion", "Save contract", {"resource": "databasePage", "operation": "create"}
            ),
        ],
        [("t", "main", "x"), ("x", "main", "n")],
    )
