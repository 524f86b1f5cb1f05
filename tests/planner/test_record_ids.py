"""An app step on the record its trigger brought reads that record's id, not a placeholder
(regression: a Notion page update after a Notion page trigger kept ``YOUR_PAGE_ID``, which
n8n 2.41.1 refuses before it runs: "No active execution found")."""

from __future__ import annotations

from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.planner.record_ids import trigger_record_ids
from tests.planner.branch_graph import Graph


def _page_update(trigger_subtype: str) -> Workflow:
    trigger = Node(
        id="t", name="New page", type=NodeFamily.TRIGGER, subtype=trigger_subtype, parameters={}
    )
    update = Node(
        id="u",
        name="Update page",
        type=NodeFamily.EXTERNAL_ACTION,
        subtype="notion",
        parameters={"resource": "databasePage", "operation": "update", "page_id": "YOUR_PAGE_ID"},
    )
    return Workflow(
        name="w", nodes=[trigger, update], connections=[Connection(from_node="t", to_node="u")]
    )


def test_a_resource_id_by_its_last_word_takes_the_trigger_record() -> None:
    wf = _page_update("notion_trigger")
    trigger_record_ids(wf)
    assert wf.nodes[1].parameters["page_id"] == "{{ $json.id }}"


def test_another_app_trigger_leaves_the_placeholder() -> None:
    wf = _page_update("webhook_trigger")
    trigger_record_ids(wf)
    assert wf.nodes[1].parameters["page_id"] == "YOUR_PAGE_ID"


def test_a_notion_review_then_status_update_reads_the_page_id() -> None:
    for text in (
        "When a new Notion page is added, if the status is Pending, ask editor@media.cn to "
        "approve it by email; once approved set its status to Published",
        "Notion 数据库新加页面的时候，如果“状态”是“待审核”，就发邮件给 editor@media.cn 审核；"
        "审核通过以后把状态改成“已发布”",
    ):
        wf = Graph(text).wf
        updates = [n for n in wf.nodes if n.subtype == "notion"]
        assert updates, text
        assert all(".id }}" in str(n.parameters.get("page_id")) for n in updates), text
