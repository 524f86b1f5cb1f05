"""Prior workflows for the step-edit bank (test_edit_steps_bank): an AI translation, a Notion
backup uploaded to Google Drive, a monday.com item, a Gmail reply, a Zendesk ticket posted to
Slack and a ticket sentiment branch. Short ids so assertions can name untouched nodes; every
step carries real text so a replacement can be checked to keep it."""

from __future__ import annotations

from flowsmith.core.models import Workflow
from tests.planner.edit_fixtures import node, wf


def translate() -> Workflow:
    """A support message is translated by OpenAI, then the translation is emailed."""
    ai = {"resource": "text", "operation": "response", "prompt": "Translate this into English"}
    return wf(
        [
            node("t", "webhook_trigger", "Message in", {"path": "m", "method": "POST"}),
            node("a", "openai", "Translate", ai),
            node("e", "send_email", "Email translation", {"to": "me@acme.io", "body": "x"}),
        ],
        [("t", "main", "a"), ("a", "main", "e")],
    )


def backup() -> Workflow:
    """Every night all pages of a Notion database are read and uploaded to Google Drive."""
    read = {"resource": "databasePage", "operation": "getAll", "database_id": "db1"}
    up = {"resource": "file", "operation": "upload", "name": "notion-backup.csv"}
    return wf(
        [
            node("t", "schedule_trigger", "Nightly", {"interval": "days", "every": 1}),
            node("n", "notion", "Read pages", read),
            node("d", "google_drive", "Upload backup", up),
        ],
        [("t", "main", "n"), ("n", "main", "d")],
    )


def board() -> Workflow:
    """A request form creates a monday.com item, then Slack is told."""
    item = {
        "resource": "boardItem",
        "operation": "create",
        "board_id": "123",
        "group_id": "topics",
        "name": "{{ $json.title }}",
    }
    return wf(
        [
            node("t", "webhook_trigger", "Request in", {"path": "r", "method": "POST"}),
            node("m", "monday_com", "Create item", item),
            node("s", "slack_message", "Tell team", {"channel": "#ops", "text": "New request"}),
        ],
        [("t", "main", "m"), ("m", "main", "s")],
    )


def mailer() -> Workflow:
    """A signup is answered by a Gmail message, then logged to a sheet."""
    mail = {
        "resource": "message",
        "operation": "send",
        "to": "{{ $json.email }}",
        "subject": "Welcome aboard",
        "message": "Thanks for signing up, {{ $json.name }}!",
    }
    return wf(
        [
            node("t", "webhook_trigger", "Signup", {"path": "s", "method": "POST"}),
            node("g", "gmail", "Welcome mail", mail),
            node("l", "google_sheets_append", "Log signup", {"sheet": "Signups"}),
        ],
        [("t", "main", "g"), ("g", "main", "l")],
    )


def ticket() -> Workflow:
    """Every new Zendesk ticket is posted to Slack with its subject."""
    post = {"channel": "#support", "text": "New ticket: {{ $json.subject }}"}
    return wf(
        [
            node("t", "zendesk_trigger", "New ticket", {"event": "ticket_created"}),
            node("s", "slack_message", "Post ticket", post),
        ],
        [("t", "main", "s")],
    )


def moods() -> Workflow:
    """New Zendesk tickets get a sentiment; negative ones are posted to Slack, others emailed."""
    neg = {"left": "{{ $json.sentiment }}", "operator": "equals", "right": "negative"}
    return wf(
        [
            node("t", "zendesk_trigger", "New ticket", {"event": "ticket_created"}),
            node("a", "sentiment_analysis", "Sentiment", {"input_text": "{{ $json.text }}"}),
            node("i", "if", "Negative?", {"conditions": [neg]}),
            node("s", "slack_message", "Alert support", {"channel": "#support", "text": "x"}),
            node("e", "send_email", "Email digest", {"to": "me@acme.io", "body": "x"}),
        ],
        [("t", "main", "a"), ("a", "main", "i"), ("i", "true", "s"), ("i", "false", "e")],
    )
