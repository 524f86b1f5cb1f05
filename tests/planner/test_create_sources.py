"""The create path's data sources, operations, order and schedule times.

Sentences of our own; each asserts the structure a general rule gives: a read operation
feeds the write that uses its rows, a service named as the data a clause works on is read,
"back up A to B" reads A and writes B, and clock times said in the evening are p.m.
"""

from __future__ import annotations

import pytest

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Node, Workflow
from flowsmith.planner.compile import compile_frame
from flowsmith.planner.compile_nodes import reads
from flowsmith.planner.parse import parse_request
from flowsmith.planner.schedule import parse_schedule

APPS = {a.app for a in load_catalog().apps}


def _needs(*apps: str) -> None:
    missing = [a for a in apps if a not in APPS]
    if missing:
        pytest.skip(f"catalog lacks {missing}")


def graph(text: str) -> Workflow:
    frame = parse_request(text)
    assert frame is not None, text
    return compile_frame(frame)[0]


def app_node(wf: Workflow, app: str) -> Node:
    found = [n for n in wf.nodes if n.subtype == app]
    assert len(found) == 1, [(n.subtype, n.parameters.get("operation")) for n in wf.nodes]
    return found[0]


def upstream(wf: Workflow, node: Node) -> set[str]:
    seen: set[str] = set()
    todo = [node.id]
    while todo:
        cur = todo.pop()
        for c in wf.connections:
            if c.to_node == cur and c.from_node not in seen:
                seen.add(c.from_node)
                todo.append(c.from_node)
    return seen


@pytest.mark.parametrize("op", ["select", "executeQuery", "getAll", "find", "readRows", "history"])
def test_read_operations_are_reads(op: str) -> None:
    assert reads(op)


@pytest.mark.parametrize("op", ["insert", "create", "send", "upload", "append"])
def test_write_operations_are_not_reads(op: str) -> None:
    assert not reads(op)


def test_a_select_feeds_the_insert_that_uses_its_rows() -> None:
    _needs("postgres", "mongodb")
    wf = graph("Every hour read the rows of our Postgres 'sales' table and write them to MongoDB")
    pg, mongo = app_node(wf, "postgres"), app_node(wf, "mongodb")
    assert reads(pg.parameters["operation"])
    assert pg.id in upstream(wf, mongo)


def test_a_chinese_query_feeds_the_write_after_a_transform() -> None:
    _needs("postgres", "mongodb")
    wf = graph("每天早上6点查询Postgres里昨天的用户，去重后写入MongoDB")
    pg, mongo = app_node(wf, "postgres"), app_node(wf, "mongodb")
    assert pg.id in upstream(wf, mongo)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Each Friday back up my Airtable base 'Orders' to Dropbox", "airtable", "dropbox"),
        ("每周五把Airtable的订单表备份到Dropbox", "airtable", "dropbox"),
    ],
)
def test_a_backup_reads_its_source_and_writes_its_target(
    text: str, source: str, target: str
) -> None:
    _needs(source, target)
    wf = graph(text)
    src, dst = app_node(wf, source), app_node(wf, target)
    assert reads(src.parameters["operation"])
    assert not reads(dst.parameters["operation"])
    assert src.id in upstream(wf, dst)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Every Monday summarise the open tickets in Zendesk and post the summary to Slack",
            "zendesk",
        ),
        ("每天晚上汇总HubSpot里今天的新联系人，发到钉钉群", "hubspot"),
    ],
)
def test_data_a_clause_summarises_is_read(text: str, source: str) -> None:
    _needs(source)
    wf = graph(text)
    assert reads(app_node(wf, source).parameters["operation"])


@pytest.mark.parametrize(
    ("text", "cron"),
    [
        ("every evening at 7 send me the report", "0 19 * * *"),
        ("every night at 2 back up the database", "0 2 * * *"),
        ("a daily 7:45 digest of the news", "45 7 * * *"),
        ("every day at 9 post the plan", "0 9 * * *"),
    ],
)
def test_clock_times(text: str, cron: str) -> None:
    sched = parse_schedule(text)
    assert sched is not None and sched.cron == cron


def test_weekly_naming_a_sheet_is_no_schedule() -> None:
    assert parse_schedule("append it to the weekly review sheet") is None
