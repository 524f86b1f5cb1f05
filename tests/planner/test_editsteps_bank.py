"""Editsteps bank: edits that add, move or replace steps, and create-time chains and cases,
written before the planner was changed (other words, services, fields and numbers than the
diagnostic failures).

Edits (each applied to a prior built here):

* a new AI step put between two existing steps ("before posting to Slack let AI write the
  totals up as a paragraph", "发Slack之前先让AI把汇总写成一段话"), with or without a new
  schedule in the same message;
* a replaced store whose new folder names the read step's service ("/备份/mysql"): the read
  step keeps its id and feeds the new store;
* an HTTP call behind a condition, before an existing step ("if the phone field is empty,
  look it up first by calling https://… before it goes into Airtable"): the existing step is
  reached both after the call and without it;
* wait, re-check over HTTP, and only go on if still so ("wait 10 minutes and check again at
  GET https://… before paging; only page if it's still open").

Creates:

* a reply to the caller "either way" after two cases: it runs on every path (before or
  beside the decision) or a copy of it ends each case;
* "first A, then AI, then B; X under N skip B": A and the AI run for everything, B after the
  AI behind a condition on X;
* three cases on two fields ("passed: nothing; failed on main: X; failed elsewhere: Y").
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest

from flowsmith.core.models import Node, Workflow
from tests.planner import edit_fixtures as f
from tests.planner._graph import reachable
from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import YES, Graph, sound
from tests.planner.test_conds7_bank import each, fields, free, gated, on

Check = Callable[[Graph], None]
AI = ("llm_chat", "ai_agent", "summarizer", "text_generator", "openai", "anthropic")
GATES = ("if", "switch", "filter")

# Rows still wrong (first words -> why); strict, so a fix must delete its entry.
_OPEN: dict[str, str] = {
    "When a Typeform response arrives": "'A first, then AI, then B' is not one chain",
    "GitHub Actions posts workflow": "'Successful: nothing. Failed on X: …' opens no condition",
    "Jenkins把构建结果发到": "'成功的不用管；在X分支上失败的…' opens no condition",
    "支付回调发到webhook": "'失败且金额超过1000的' tests the amount only, not the status",
    "No more Google Drive": "'No more X: put … on Y instead' reads Y as removed too",
    "线索没有填行业的话": "'先请求 https://…' reads the field as 填行; the store goes behind the IF",
    "紧急工单先等10分钟": "'再用GET https://… 重新查一次' adds no HTTP step nor check",
}


# --- create-time checks --------------------------------------------------------------------


def _free_of_gates(g: Graph) -> set[str]:
    """Nodes reached from the trigger without passing a condition (the eval's reading)."""
    start = next(i for i, n in g.nodes.items() if n is g.trigger())
    seen, todo = {start}, [start]
    while todo:
        i = todo.pop()
        if g.nodes[i].subtype in GATES:
            continue
        for s, _, t in g.edges:
            if s == i and t not in seen:
                seen.add(t)
                todo.append(t)
    return seen


def answered(g: Graph) -> None:
    """The webhook is answered on every path: a reply that passes no condition, or a reply
    on each output of one condition."""
    replies = {i for i, n in g.nodes.items() if n.subtype == "webhook_response"}
    assert replies, sorted(g.nodes)
    if replies & _free_of_gates(g):
        return
    for gid, n in g.nodes.items():
        if n.subtype not in ("if", "switch"):
            continue
        outs = g.outputs(gid)
        hit = [o for o, reach in outs.items() if reach & replies]
        if len(outs) >= 2 and len(hit) == len(outs):
            per = [reach & replies for reach in outs.values()]
            if all(len(p) == 1 for p in per) and len(set().union(*per)) == len(per):
                return
    raise AssertionError({"replies": replies, "edges": g.edges})


def ordered(*steps: str) -> Check:
    """Each step runs after the one before it."""

    def run(g: Graph) -> None:
        for a, b in pairwise(steps):
            assert any(g.find(b) & g.below(x) for x in g.find(a)), (a, b, g.edges)

    return run


def ai_between(first: str, last: str) -> Check:
    """An AI step runs after ``first`` and before ``last``."""

    def run(g: Graph) -> None:
        ais = {i for i, n in g.nodes.items() if n.subtype in AI}
        assert ais, sorted(g.nodes)
        firsts, lasts = g.find(first), g.find(last)
        assert any(ais & g.below(x) for x in firsts), g.edges
        assert any(lasts & g.below(a) for a in ais), g.edges

    return run


def nothing_else(*steps: str) -> Check:
    """No action step but those of ``steps`` (plus plumbing): "do nothing" adds nothing."""

    def run(g: Graph) -> None:
        named: set[str] = set()
        for s in steps:
            named |= g.find(s)
        start = next(i for i, n in g.nodes.items() if n is g.trigger())
        extra = {
            i: n.subtype
            for i, n in g.nodes.items()
            if i != start and i not in named and n.subtype not in (*GATES, "merge", "noop")
        }
        assert not extra, extra

    return run


PRICE = ("price", "价格", "amount")
COUNT = ("人数", "count", "people", "attendees")
BRANCH = ("branch", "分支", "release", "master")
STATUS = ("status", "state", "result", "conclusion", "fail", "success", "成功", "失败", "状态")
AMOUNT = ("amount", "金额")

CREATE: list[tuple[str, str, Check]] = [
    # --- a reply to the caller on every path ---------------------------------------------------
    (
        "A webhook receives support requests. If the plan is enterprise, open a Zendesk ticket "
        "and ping the account manager on Slack; everyone else gets a Freshdesk ticket. Reply "
        '{"accepted": true} to the caller either way.',
        "webhook",
        each(answered, gated("slack", ("plan", "enterprise"))),
    ),
    (
        "网站通过webhook发来预约（姓名、电话、人数）。人数超过8人的在Airtable里记下来并用钉钉通知店长；"
        '其他的只记到Airtable。不管哪种情况都给网站回 {"ok": true}',
        "webhook",
        each(answered, on("dingtalk", COUNT)),
    ),
    (
        "报名数据POST到我们的webhook（姓名、年龄、邮箱）。年龄小于18的发邮件给 guardian@club.cn，"
        '其他人加到Mailchimp；无论如何都返回 {"status": "received"}',
        "webhook",
        each(answered, fields(["send_email", "mailchimp"], ("age", "年龄"))),
    ),
    # --- first A, then AI, then B; B skipped under a value -------------------------------------
    (
        "客户在表单里提交二手车信息（品牌、价格、照片）。先存到Airtable，再让AI写一段卖车文案，"
        "然后发到Telegram频道。价格低于5000的就不要发Telegram了，存着就好",
        "form",
        each(
            free("airtable"),
            ai_between("airtable", "telegram"),
            ordered("airtable", "telegram"),
            on("telegram", PRICE),
        ),
    ),
    (
        "When a Typeform response arrives with a product (name, price, image), save it in "
        "Notion first, then have AI write a short blurb, then post it to our LinkedIn page. "
        "Skip LinkedIn for products priced under 20, just keep them in Notion.",
        "typeform",
        each(
            free("notion"),
            ai_between("notion", "linkedin"),
            ordered("notion", "linkedin"),
            on("linkedin", PRICE),
        ),
    ),
    (
        "每当Jotform有新的活动报名（活动名、人数），先记到Google Sheets，再用AI写一段活动预告，"
        "最后发到Discord。人数不到10人的就别发Discord了",
        "jotform",
        each(
            free("google_sheets"),
            ai_between("google_sheets", "discord"),
            ordered("google_sheets", "discord"),
            on("discord", COUNT),
        ),
    ),
    # --- three cases on two fields -------------------------------------------------------------
    (
        "GitHub Actions posts workflow results to our webhook. Successful runs: do nothing. "
        "Failed on the release branch: create an Opsgenie alert. Failed on any other branch: "
        "post in our Discord channel.",
        "webhook",
        each(
            fields(["opsgenie", "discord"], BRANCH),
            on("opsgenie", BRANCH),
            on("discord", STATUS),
            on("opsgenie", STATUS),
            nothing_else("opsgenie", "discord"),
        ),
    ),
    (
        "Jenkins把构建结果发到我们的webhook。成功的不用管；在master分支上失败的在PagerDuty建事件；"
        "其他分支失败的在钉钉群里通知提交人",
        "webhook",
        each(
            fields(["pagerduty", "dingtalk"], BRANCH),
            on("dingtalk", STATUS),
            on("pagerduty", STATUS),
            nothing_else("pagerduty", "dingtalk"),
        ),
    ),
    (
        "支付回调发到webhook（状态、金额、订单号）。支付成功的什么都不做；失败且金额超过1000的用Twilio"
        "短信通知财务；其他失败的发邮件给 pay@shop.cn",
        "webhook",
        each(
            fields(["twilio", "send_email"], AMOUNT),
            on("twilio", STATUS),
            on("send_email", STATUS),
        ),
    ),
]


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(CREATE, _OPEN, 40))
def test_create_steps(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)


# --- edit priors ----------------------------------------------------------------------------


def weekly_counts() -> Workflow:
    """Every Friday at 4pm read Airtable orders, count them per region, post the counts to Slack."""
    rows = {"resource": "record", "operation": "search", "base": "app1", "table": "Orders"}
    friday = {"interval": "weeks", "every": 1, "weekday": "friday", "at_time": "16:00"}
    agg = {"group_by": ["region"], "operations": [{"field": "id", "operation": "count"}]}
    return f.wf(
        [
            f.node("t", "schedule_trigger", "Fridays 4pm", friday),
            f.node("r", "airtable", "Read orders", rows),
            f.node("g", "aggregate", "Count per region", agg),
            f.node("s", "slack_message", "Post counts", {"channel": "#sales", "text": "x"}),
        ],
        [("t", "main", "r"), ("r", "main", "g"), ("g", "main", "s")],
    )


def mysql_backup() -> Workflow:
    """Every night read MySQL rows and upload them to Google Drive."""
    q = {"resource": "database", "operation": "select", "table": "orders"}
    up = {"resource": "file", "operation": "upload", "name": "orders.json"}
    return f.wf(
        [
            f.node("t", "schedule_trigger", "Nightly", {"interval": "days", "every": 1}),
            f.node("r", "mysql", "Read orders", q),
            f.node("d", "google_drive", "Upload export", up),
        ],
        [("t", "main", "r"), ("r", "main", "d")],
    )


def _new(before: Workflow, after: Workflow, kinds: tuple[str, ...]) -> Node:
    (x,) = [n for n in f.new_nodes(before, after) if n.subtype in kinds or _is_app(n, kinds)]
    return x


def _is_app(n: Node, apps: tuple[str, ...]) -> bool:
    return n.parameters.get("app") in apps or any(n.subtype.startswith(a) for a in apps)


def _edges(wf: Workflow) -> list[tuple[str, str, str]]:
    return [(c.from_node, c.from_output or "main", c.to_node) for c in wf.connections]


def _below(wf: Workflow, nid: str, avoid: str | None = None) -> set[str]:
    edges = [e for e in _edges(wf) if avoid not in (e[0], e[2])]
    return reachable(edges, nid)


# --- A: a new AI step between two existing steps --------------------------------------------

_AI_BEFORE = [
    ("改成每周一早上9点跑；发Slack之前先让AI把汇总写成一段话", True),
    (
        "run it every Monday at 8:15 instead; before it goes to Slack, have AI write the totals"
        " up as a short paragraph",
        True,
    ),
    ("发到Slack之前让AI把这些数字写成一段通俗的总结", False),
    ("Before posting to Slack, let AI turn the counts into a friendly paragraph", False),
]


@pytest.mark.parametrize(("text", "rescheduled"), bank_cases(_AI_BEFORE, _OPEN, 40))
def test_a_ai_step_between(text: str, rescheduled: bool) -> None:
    before = weekly_counts()
    after = f.edit(before, text)
    ai = _new(before, after, AI)
    assert f.into(after, ai.id) == [("g", "main")]
    assert f.into(after, "s") == [(ai.id, "main")]
    f.kept(before, after, ["r", "g"])
    post = after.node("s")
    assert post is not None and post.subtype == "slack_message"
    trig = after.node("t")
    assert trig is not None
    assert (trig.parameters != before.node("t").parameters) == rescheduled  # type: ignore[union-attr]


# --- B: a replaced store whose folder names the read step's service -------------------------

_REPLACE_STORE = [
    (
        "不要再传Google Drive了，改成存到我的Nextcloud（/备份/mysql），而且每周六凌晨3点跑一次",
        "nextcloud",
    ),
    (
        "No more Google Drive: put the export on our Nextcloud under /exports/mysql instead, and"
        " only run it Saturdays at 3am",
        "nextcloud",
    ),
    ("别存Google Drive了，换成Dropbox（/backup/mysql）", "dropbox"),
]


@pytest.mark.parametrize(("text", "app"), bank_cases(_REPLACE_STORE, _OPEN, 40))
def test_b_replace_store_keeps_read(text: str, app: str) -> None:
    before = mysql_backup()
    after = f.edit(before, text)
    assert after.node("d") is None
    assert not f.app(after, "google_drive")
    new = f.one_new(before, after, app)
    assert f.into(after, new.id) == [("r", "main")]
    f.kept(before, after, ["r"])


# --- C: an HTTP call behind a condition, before an existing step -----------------------------

_CALL_IF = [
    (
        "If the lead's phone field is empty, look it up first by calling "
        "https://api.lookup.example/phone?email=... before it goes into Airtable",
        "api.lookup.example",
        ("phone",),
    ),
    (
        "如果线索的公司字段是空的，先调用 https://api.enrich.example.cn/company 补全，再存进Airtable",
        "api.enrich.example.cn",
        ("company", "公司"),
    ),
    (
        "线索没有填行业的话，先请求 https://api.example.cn/industry 查一下，然后再写入Airtable",
        "api.example.cn",
        ("industry", "行业"),
    ),
]


@pytest.mark.parametrize(("text", "host", "field"), bank_cases(_CALL_IF, _OPEN, 40))
def test_c_call_behind_condition(text: str, host: str, field: tuple[str, ...]) -> None:
    before = f.leads()
    after = f.edit(before, text)
    (call,) = [n for n in f.new_nodes(before, after) if n.subtype == "http_request"]
    assert host in str(call.parameters)
    gate, out = f.gate_of(after, call.id)
    assert out in YES
    assert any(w in str(gate.parameters) for w in field), gate.parameters
    assert "is_empty" in str(gate.parameters), gate.parameters  # not "equals '空'"
    assert "a" in _below(after, call.id)  # the call feeds the store
    assert "a" in _below(after, "t", avoid=call.id)  # leads with the field skip the call
    f.kept(before, after, ["t", "a", "e"])


# --- D: wait, re-check over HTTP, go on only if still so -------------------------------------

_RECHECK = [
    (
        "For urgent tickets, wait 10 minutes and check the ticket again at GET "
        "https://desk.example.org/api/tickets/{id} before paging; only page if it's still open",
    ),
    (
        "紧急工单先等10分钟，再用GET https://desk.example.org/api/tickets/{id} 重新查一次，只有还是未解决的才发短信",
    ),
]


@pytest.mark.parametrize("text", bank_cases(_RECHECK, _OPEN, 40))
def test_d_wait_recheck(text: str) -> None:
    before = f.tickets()
    after = f.edit(before, text)
    (wait,) = [n for n in f.new_nodes(before, after) if n.subtype == "wait"]
    (call,) = [n for n in f.new_nodes(before, after) if n.subtype == "http_request"]
    assert "desk.example.org" in str(call.parameters)
    assert f.into(after, wait.id) == [("i", "true")]
    assert call.id in _below(after, wait.id)
    assert "c" in _below(after, call.id)
    assert "c" not in _below(after, "i", avoid=call.id)  # nobody is paged without the check
    gate, out = f.gate_of(after, "c")
    assert gate.id != "i" and out in YES
    assert any(w in str(gate.parameters).lower() for w in ("status", "open", "未解决", "state"))
    f.kept(before, after, ["t", "i", "c", "m"])


def test_bank_size() -> None:
    rows = [r[0] for r in (*CREATE, *_AI_BEFORE, *_REPLACE_STORE, *_CALL_IF, *_RECHECK)]
    assert len(rows) >= 20
    assert sum(1 for t in rows if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
