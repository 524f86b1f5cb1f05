"""Prior workflows for the edits6 bank (test_edits6_bank): a MySQL signup answered by the
webhook, a form lead saved to Airtable, an Airtable backup uploaded to Dropbox, an API poll
posted to Discord, a price watch messaging Telegram, an OpenAI rating gated by an IF and a
feed posted to Mattermost. Short ids so assertions can name untouched nodes."""

from __future__ import annotations

from flowsmith.core.models import Workflow
from tests.planner.edit_fixtures import node, wf


def mysql_signup() -> Workflow:
    """A signup is inserted into MySQL, added to Brevo, then answered 200."""
    ins = {"resource": "database", "operation": "insert", "table": "members"}
    add = {"resource": "contact", "operation": "upsert", "email": "{{ $json.email }}"}
    return wf(
        [
            node("t", "webhook_trigger", "Signup", {"path": "join", "method": "POST"}),
            node("p", "mysql", "Insert member", ins),
            node("b", "brevo", "Add contact", add),
            node("r", "webhook_response", "Reply", {"respond_with": "json", "status_code": 200}),
        ],
        [("t", "main", "p"), ("p", "main", "b"), ("b", "main", "r")],
    )


def airtable_leads() -> Workflow:
    """A form lead is saved to Airtable, then the team is told on Discord."""
    rec = {"resource": "record", "operation": "create", "base": "app1", "table": "Leads"}
    return wf(
        [
            node("t", "webhook_trigger", "Lead in", {"path": "lead", "method": "POST"}),
            node("a", "airtable", "Save lead", rec),
            node("d", "discord_message", "Tell team", {"channel": "leads", "text": "x"}),
        ],
        [("t", "main", "a"), ("a", "main", "d")],
    )


def dropbox_backup() -> Workflow:
    """Every night read the Airtable records and upload them to Dropbox."""
    rows = {"resource": "record", "operation": "search", "base": "app1", "table": "Stock"}
    up = {"resource": "file", "operation": "upload", "path": "/backup/stock.json"}
    return wf(
        [
            node("t", "schedule_trigger", "Nightly", {"interval": "days", "every": 1}),
            node("a", "airtable", "Read records", rows),
            node("d", "dropbox", "Upload backup", up),
        ],
        [("t", "main", "a"), ("a", "main", "d")],
    )


def api_discord() -> Workflow:
    """Every hour call an API and post the result to Discord."""
    return wf(
        [
            node("t", "schedule_trigger", "Hourly", {"interval": "hours", "every": 1}),
            node("h", "http_request", "Call API", {"method": "GET", "url": "https://api.y.io"}),
            node("s", "discord_message", "Post result", {"channel": "ops", "text": "x"}),
        ],
        [("t", "main", "h"), ("h", "main", "s")],
    )


def price_watch() -> Workflow:
    """Every hour fetch a product; when it is in stock, message me on Telegram."""
    cond = {"left": "{{ $json.in_stock }}", "operator": "equals", "right": True}
    return wf(
        [
            node("t", "schedule_trigger", "Hourly", {"interval": "hours", "every": 1}),
            node("h", "http_request", "Get item", {"method": "GET", "url": "https://y.io/item"}),
            node("i", "if", "Available?", {"conditions": [cond]}),
            node("m", "telegram_message", "Tell me", {"chat_id": "1", "text": "back"}),
        ],
        [("t", "main", "h"), ("h", "main", "i"), ("i", "true", "m")],
    )


def rated() -> Workflow:
    """A review is rated by OpenAI; ratings under 3 are posted to Mattermost."""
    ai = {"resource": "text", "operation": "response", "prompt": "Rate this review 1-5"}
    low = {"left": "{{ $json.rating }}", "operator": "less_than", "right": 3}
    return wf(
        [
            node("t", "webhook_trigger", "Review in", {"path": "rev", "method": "POST"}),
            node("a", "openai", "Rate review", ai),
            node("i", "if", "Low rating?", {"conditions": [low]}),
            node("s", "mattermost", "Post review", {"channel": "reviews", "message": "x"}),
        ],
        [("t", "main", "a"), ("a", "main", "i"), ("i", "true", "s")],
    )


def feed() -> Workflow:
    """New feed items are posted to a Telegram channel."""
    return wf(
        [
            node("t", "rss_trigger", "Feed", {"url": "https://blog.y.io/feed"}),
            node("m", "telegram_message", "Post item", {"chat_id": "@news", "text": "x"}),
        ],
        [("t", "main", "m")],
    )
