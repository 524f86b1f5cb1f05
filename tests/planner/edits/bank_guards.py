"""Prior workflows for the guard-edit bank (test_edit_guard_bank): a DingTalk order alert, a
contract log, a Shopify order post, a Jira issue copied to monday.com and a Notion backup to
Google Drive. Short ids so assertions can name untouched nodes."""

from __future__ import annotations

from flowsmith.core.models import Workflow
from tests.planner.edit_fixtures import node, wf


def ding_orders() -> Workflow:
    """Each webhook order is announced in a DingTalk group."""
    return wf(
        [
            node("t", "webhook_trigger", "Order in", {"path": "o", "method": "POST"}),
            node(
                "d",
                "dingtalk",
                "Tell group",
                {"resource": "message", "operation": "send", "text": "x"},
            ),
        ],
        [("t", "main", "d")],
    )


def contracts() -> Workflow:
    """Each signed contract (party, amount, price list) is appended to a sheet."""
    return wf(
        [
            node("t", "webhook_trigger", "Contract in", {"path": "c", "method": "POST"}),
            node("g", "google_sheets_append", "Log contract", {"sheet": "Contracts"}),
        ],
        [("t", "main", "g")],
    )


def shop() -> Workflow:
    """Each new Shopify order is posted to Slack #orders."""
    return wf(
        [
            node("t", "shopify_trigger", "New order", {"event": "order_created"}),
            node("s", "slack_message", "Post order", {"channel": "#orders", "text": "x"}),
        ],
        [("t", "main", "s")],
    )


def issues() -> Workflow:
    """Each new Jira issue becomes a monday.com item."""
    item = {"resource": "boardItem", "operation": "create", "board_id": "1"}
    return wf(
        [
            node("t", "jira_trigger", "New issue", {"event": "jira:issue_created"}),
            node("m", "monday_com", "Add item", item),
        ],
        [("t", "main", "m")],
    )


def backup() -> Workflow:
    """Every night read the Notion database and upload it to Google Drive."""
    pages = {"resource": "databasePage", "operation": "getAll", "database_id": "db1"}
    up = {"resource": "file", "operation": "upload", "name": "backup.json"}
    return wf(
        [
            node("t", "schedule_trigger", "Nightly", {"interval": "days", "every": 1}),
            node("n", "notion", "Read pages", pages),
            node("d", "google_drive", "Upload backup", up),
        ],
        [("t", "main", "n"), ("n", "main", "d")],
    )
