"""Edits8 bank: edits that put an EXISTING step behind a new condition ("skip monday for issues
message ("everyone else: …", "要是空的就别传Dropbox了，改成发Telegram"), and compound edits
(a replacement or a reorder or a new schedule, then a guard). Written before the planner was
changed; other services, words and fields than the fresh8 diagnostic rows.

Each row names: the flow, the existing step that must end up behind a condition (keeping its
id, name and parameters), words one of which the condition must mention, the app of a new step
on the condition's other output (or None), an app that must be gone (or None), and steps that
must still run on every path."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from flowsmith.core.models import Node, Workflow
from flowsmith.core.services import node_service
from tests.planner import edit_fixtures as f
from tests.planner import edits6_flows as w
from tests.planner.bank_cases import bank_cases

_GATES = ("if", "filter", "switch")

# Rows still wrong (first words -> why); strict, so a fix must delete its entry.
_OPEN: dict[str, str] = {
    "post to Slack first, then create the mon": "'X first, then Y' reorder and guard are lost",
    "先发Slack再建monday任务；另外": "'先X再Y' reorder and guard are lost",
}


def jira_monday() -> Workflow:
    """A new Jira issue creates a monday item, then #dev is told on Slack."""
    item = {"resource": "boardItem", "operation": "create", "board_id": "9", "name": "x"}
    return f.wf(
        [
            f.node("t", "jira_trigger", "New issue", {"event": "issue_created"}),
            f.node("m", "monday_com", "Create item", item),
            f.node("s", "slack_message", "Tell #dev", {"channel": "#dev", "text": "x"}),
        ],
        [("t", "main", "m"), ("m", "main", "s")],
    )


def stars() -> Workflow:
    """A new GitHub star is posted to Discord."""
    ev = {"app": "github", "event": "star", "resource": "acme/app"}
    return f.wf(
        [
            f.node("t", "app_event_trigger", "New star", ev),
            f.node("d", "discord_message", "Post star", {"channel_id": "1", "content": "x"}),
        ],
        [("t", "main", "d")],
    )


def _app(node: Node) -> str | None:
    s = node_service(node)
    return s.app if s is not None else node.subtype


def _reach(wf: Workflow, start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        cur = todo.pop()
        for c in wf.connections:
            if c.from_node == cur and c.to_node not in seen:
                seen.add(c.to_node)
                todo.append(c.to_node)
    return seen


def _trigger(wf: Workflow) -> str:
    targets = {c.to_node for c in wf.connections}
    (root,) = [x.id for x in wf.nodes if x.id not in targets and _reach(wf, x.id)]
    return root


def _ungated(wf: Workflow, nid: str) -> bool:
    """Whether ``nid`` is reachable from the trigger without passing a condition."""
    byid = {x.id: x for x in wf.nodes}
    seen: set[str] = set()
    todo = [_trigger(wf)]
    while todo:
        cur = todo.pop()
        if cur == nid:
            return True
        if cur in seen or byid[cur].subtype in _GATES:
            continue
        seen.add(cur)
        todo += [c.to_node for c in wf.connections if c.from_node == cur]
    return False


def _gates_before(wf: Workflow, nid: str) -> list[Node]:
    return [x for x in wf.nodes if x.subtype in _GATES and nid in _reach(wf, x.id)]


def _guarded(wf: Workflow, nid: str, words: tuple[str, ...]) -> None:
    assert wf.node(nid) is not None, nid
    assert not _ungated(wf, nid), f"{nid} runs on every path"
    said = [json.dumps(g.parameters, ensure_ascii=False).lower() for g in _gates_before(wf, nid)]
    assert any(x in s for s in said for x in words), said


def _other_side(wf: Workflow, nid: str, app: str) -> None:
    """A new step of ``app`` hangs on another output of a condition before ``nid``."""
    new = [x for x in wf.nodes if _app(x) == app]
    assert new, [(_app(x), x.id) for x in wf.nodes]
    for gate in _gates_before(wf, nid):
        outs = {
            c.from_output: {c.to_node} | _reach(wf, c.to_node)
            for c in wf.connections
            if c.from_node == gate.id
        }
        mine = {o for o, r in outs.items() if nid in r}
        theirs = {o for o, r in outs.items() if any(x.id in r for x in new)}
        if mine and theirs and not mine & theirs:
            return
    raise AssertionError(f"no condition splits {nid} from {app}")


Flow = Callable[[], Workflow]
_FIELD_EMPTY = ("length", "empty", "count", "0", "items", "result")
_TITLE = ("title", "标题")
_BANK: list[tuple[str, Flow, str, tuple[str, ...], str | None, str | None]] = [
    # --- A: an existing step behind a new condition ------------------------------------------
    (
        "only post to Discord when the API actually returned results",
        w.api_discord,
        "s",
        _FIELD_EMPTY,
        None,
        None,
    ),
    (
        "skip Telegram entirely for posts whose title contains 'sponsored'",
        w.feed,
        "m",
        (*_TITLE, "sponsored"),
        None,
        None,
    ),
    ("标题里带“广告”的文章就别发Telegram了", w.feed, "m", (*_TITLE, "广告"), None, None),
    (
        "only ping Discord for leads with a budget over 5000",
        w.airtable_leads,
        "d",
        ("budget",),
        None,
        None,
    ),
    (
        "预算不到5000的线索就不用通知Discord了",
        w.airtable_leads,
        "d",
        ("budget", "预算"),
        None,
        None,
    ),
    (
        "don't create the monday item for issues of type Task",
        jira_monday,
        "m",
        ("type", "task"),
        None,
        None,
    ),
    ("类型是Task的问题不要建monday任务", jira_monday, "m", ("type", "task", "类型"), None, None),
    ("只给粉丝超过100的star发Discord", stars, "d", ("follower", "粉丝"), None, None),
    # --- B: the existing step guarded, a new step on the other output -----------------------
    (
        "only post to Discord when the API returned something. if it came back empty, send me a"
        " Telegram message instead",
        w.api_discord,
        "s",
        _FIELD_EMPTY,
        "telegram",
        None,
    ),
    (
        "接口返回为空的话就别发Discord了，改成发Telegram给我",
        w.api_discord,
        "s",
        _FIELD_EMPTY,
        "telegram",
        None,
    ),
    (
        "加个检查：Airtable读出来要是空的，就别传Dropbox了，改成发Slack告诉我",
        w.dropbox_backup,
        "d",
        _FIELD_EMPTY,
        "slack",
        None,
    ),
    (
        "if the Airtable read comes back empty, don't upload to Dropbox, post in #ops on Slack"
        " instead",
        w.dropbox_backup,
        "d",
        _FIELD_EMPTY,
        "slack",
        None,
    ),
    (
        "only post to Discord for stars from people with more than 100 followers. everyone else:"
        " just add them to a google sheet",
        stars,
        "d",
        ("follower",),
        "google_sheets",
        None,
    ),
    (
        "粉丝超过100的才发Discord，其他人就记到Google表格里",
        stars,
        "d",
        ("follower", "粉丝"),
        "google_sheets",
        None,
    ),
    (
        "邮箱是qq.com的线索就不用发Discord了，改为发邮件给 sales@acme.io",
        w.airtable_leads,
        "d",
        ("email", "邮箱", "qq"),
        "send_email",
        None,
    ),
    # --- C: compound: a replacement, a reorder or a schedule, then a guard -------------------
    (
        "Telegram换成Discord；另外标题里有“招聘”的文章直接跳过",
        w.feed,
        "",
        (*_TITLE, "招聘"),
        None,
        "telegram",
    ),
    (
        "switch Telegram to Discord, and skip posts whose title mentions 'hiring'",
        w.feed,
        "",
        (*_TITLE, "hiring"),
        None,
        "telegram",
    ),
    (
        "post to Slack first, then create the monday item. and skip monday for issues of type Task",
        jira_monday,
        "m",
        ("type", "task"),
        None,
        None,
    ),
    (
        "先发Slack再建monday任务；另外类型是Task的问题就不建monday了",
        jira_monday,
        "m",
        ("type", "task", "类型"),
        None,
        None,
    ),
    (
        "run it every 2 hours instead. and if the API returns nothing, don't post to Discord",
        w.api_discord,
        "s",
        _FIELD_EMPTY,
        None,
        None,
    ),
    (
        "改成每天早上8点跑；另外接口返回为空的话就别发Discord了",
        w.api_discord,
        "s",
        _FIELD_EMPTY,
        None,
        None,
    ),
]


@pytest.mark.parametrize(
    ("text", "flow", "nid", "words", "other", "gone"), bank_cases(_BANK, _OPEN, 40)
)
def test_edits8(
    text: str, flow: Flow, nid: str, words: tuple[str, ...], other: str | None, gone: str | None
) -> None:
    before = flow()
    after = f.edit(before, text)
    if gone is not None:
        assert gone not in {_app(x) for x in after.nodes}
        # the replacement's new step is the one the condition guards
        (nid,) = [x.id for x in f.new_nodes(before, after) if x.subtype not in _GATES]
    else:
        f.kept(before, after, [x.id for x in before.nodes if x.id != "t"])
    _guarded(after, nid, words)
    if other is not None:
        _other_side(after, nid, other)
    if "first" in text or "先发" in text:
        slack = [x.id for x in after.nodes if _app(x) == "slack"]
        assert slack and any(nid in _reach(after, s) for s in slack), "Slack is not before monday"
        assert all(_ungated(after, s) for s in slack)
