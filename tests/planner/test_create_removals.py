"""The create path's removals: a delete, archive or clean-up the request names gets a node
that removes (the app's delete or archive operation, else an HTTP Request to the app's API
named for the delete), never the app's create; and in a create session a schedule with
steps that remove things is a new workflow, not an edit of one that does not exist yet.

Sentences of our own, over several apps and both languages.
"""

from __future__ import annotations

import pytest

from flowsmith.core.models import Node, Workflow
from flowsmith.planner import offline


def build(text: str) -> Workflow:
    d = offline.decide(text, [], None)
    assert d.kind == "generate" and d.request is not None, (text, d.reply)
    return offline.build(d.request, None)


def actions(wf: Workflow) -> list[Node]:
    """The workflow's nodes other than its trigger."""
    targets = {c.to_node for c in wf.connections}
    return [n for n in wf.nodes if n.id in targets]


def removes(node: Node) -> bool:
    """A node that removes: a catalog operation that deletes or archives, or an HTTP DELETE."""
    p = node.parameters or {}
    if p.get("method") == "DELETE":
        return True
    op = str(p.get("operation", "")).lower()
    return op.startswith(("delete", "remove", "archive", "trash")) or (
        op == "update" and "archive" in node.name.lower()
    )


REMOVALS = [
    ("When a HubSpot contact is deleted, delete the Mailchimp subscriber", "Mailchimp"),
    ("当 Stripe 订阅取消时，从 Mailchimp 删除这个订阅者", "Mailchimp"),
    ("Every night, remove the unsubscribed members from Mailchimp", "Mailchimp"),
    ("每天早上把 Trello 已完成的卡片删掉", "Trello"),
    ("每周一清理 Airtable 里过期的记录", "Airtable"),
    ("When a Typeform is submitted, delete the Airtable record", "Airtable"),
]


@pytest.mark.parametrize(("text", "service"), REMOVALS)
def test_a_removal_gets_a_node_that_removes(text: str, service: str) -> None:
    wf = build(text)
    named = [n for n in actions(wf) if service.lower() in n.name.lower()]
    assert named, [n.name for n in wf.nodes]
    assert all(removes(n) for n in named), [(n.name, n.parameters) for n in named]


def test_an_archive_the_app_names_is_its_own_operation() -> None:
    wf = build("Every Friday at 5pm, archive the done cards in Trello")
    trello = [n for n in actions(wf) if n.subtype == "trello"]
    assert trello and trello[0].parameters["operation"] == "update"


SCHEDULED = [
    "Every night, remove the unsubscribed members from Mailchimp",
    "每天晚上删除 Mailchimp 里退订的成员",
    "every hour delete old rows from the Postgres logs table",
    "每周一清理 Airtable 里过期的记录",
]


@pytest.mark.parametrize("text", SCHEDULED)
def test_a_scheduled_removal_in_a_create_session_is_a_new_workflow(text: str) -> None:
    d = offline.decide(text, [], None)
    assert d.kind == "generate", d.reply


@pytest.mark.parametrize(
    "text", ["remove the Slack step", "delete the email step and run it daily"]
)
def test_a_change_to_a_workflow_part_still_says_there_is_none_yet(text: str) -> None:
    d = offline.decide(text, [], None)
    assert d.kind == "answer"


COPIES = [
    "When a new file is uploaded to Dropbox, copy it to Google Drive",
    "Dropbox 有新文件时，复制到 Google Drive",
    "Every night copy the Box files to Google Drive",
    "When a new Gmail email has an attachment, copy it to Google Drive",
]


@pytest.mark.parametrize("text", COPIES)
def test_a_copy_from_another_app_saves_into_the_target(text: str) -> None:
    wf = build(text)
    drive = [n for n in actions(wf) if n.subtype == "google_drive"]
    assert [n.parameters["operation"] for n in drive] == ["upload"]


def test_a_copy_inside_one_app_stays_its_copy() -> None:
    wf = build("Every day copy the file 'Report' in Google Drive")
    drive = [n for n in actions(wf) if n.subtype == "google_drive"]
    assert [n.parameters["operation"] for n in drive] == ["copy"]
