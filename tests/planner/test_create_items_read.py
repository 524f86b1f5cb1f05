"""A change said of a set of an app's items reads them first (parse_items_read).

On a manual or scheduled start nothing brings the items, so "archive every page …" must
read the pages and act on each one's id; an n8n node given a placeholder id instead refuses
to run (n8n 2.41.1's Notion node: "No active execution found"). Sentences of our own.
"""

from __future__ import annotations

import pytest

from tests.planner._graph import graph


@pytest.mark.parametrize(
    ("text", "app", "read", "act", "id_field"),
    [
        (
            "Archive every page in our Notion tasks database whose status is Done",
            "notion",
            ("databasePage", "getAll"),
            ("page", "archive"),
            "page_id",
        ),
        (
            "手动运行：把Notion项目数据库里状态是“已取消”的页面全部归档",
            "notion",
            ("databasePage", "getAll"),
            ("page", "archive"),
            "page_id",
        ),
        (
            "Every Friday delete all Trello cards that are overdue",
            "trello",
            ("list", "getCards"),
            ("card", "delete"),
            "card_id",
        ),
    ],
)
def test_a_set_wide_change_reads_the_items_and_acts_on_each_id(
    text: str, app: str, read: tuple[str, str], act: tuple[str, str], id_field: str
) -> None:
    wf = graph(text)
    steps = [n for n in wf.nodes if n.subtype == app]
    assert [(n.parameters["resource"], n.parameters["operation"]) for n in steps] == [read, act]
    reader, actor = steps
    assert actor.parameters[id_field] == "{{ $json.id }}"
    downstream = {c.to_node for c in wf.connections if c.from_node == reader.id}
    assert downstream, "the read feeds the change"


@pytest.mark.parametrize(
    "text",
    [
        "Archive the Notion page when a form is submitted",  # the start brings the item
        "Archive the Notion page",  # no set said
        "Every Friday create a Trello card for the weekly review",  # a create needs no items
        "Every hour, acknowledge the incident in PagerDuty",  # "every hour" says when
        "每个月1号把Notion里的那个页面归档",  # 每个月 says when, not which items
        "Every night, remove the Supabase rows that are older than 30 days",  # by filter
    ],
)
def test_no_read_when_the_items_come_otherwise_or_none_are_changed(text: str) -> None:
    ops = [(n.subtype, n.parameters.get("operation")) for n in graph(text).nodes]
    reads = [op for _, op in ops if op in ("getAll", "getCards", "search")]
    assert reads == [], ops
