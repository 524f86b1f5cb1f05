"""Edits5 bank: edits of an existing workflow built like the diagnostic failures, in other
words, services and fields (written before the planner was changed). Each row names the prior,
the request and what the user wants: a new step guarded behind a new check while the existing
steps keep running ("for X, also ..."), an enrich call on one side of a check that rejoins the
existing step, "X are Y: don't <existing>, just <new>" (a branch, never a deletion), a refusal
reply on one side with the existing steps on the other, a clause added to the existing IF, a
replaced step whose downstream keeps its ids, a replace limited by "only for X", a step added
on every path beside an existing check, a branch on an existing step, a name guard on an error
trigger and an emptiness check after a read. Untouched nodes keep ids, names and parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from flowsmith.core.models import Workflow
from tests.planner import edit_fixtures as f
from tests.planner.bank_cases import bank_cases
from tests.planner.edits import bank_guards as g
from tests.planner.edits import bank_roles as r
from tests.planner.edits.test_edit_guard_bank import _gates_to, _op, _other, _route, _rules

Make = Callable[[], Workflow]

# Rows still wrong (first words -> why); strict, so a fix must delete its entry.
_OPEN: dict[str, str] = {
    "如果线索的地址字段是空的": "an enrich call on one branch rejoining the record is not built",
    "If the signup has no email, respond": "a refusal reply with its status is not built",
    "如果注册邮箱是example.org结尾的": "a refusal reply with its status is not built",
}


def _form() -> Workflow:
    """A web form posts each submission to a Teams channel."""
    return f.teams()


def _sample(key: str, value: Any) -> dict[str, Any]:
    """A sample item; money words share one value so any of them can be the rule's field."""
    if key == "amount":
        return {"total": value, "amount": value, "price": value}
    if key == "country":  # the destination's country, by either name
        return {"shipping_country": value, "country": value}
    return {key: value}


# --- A: "for X, also <new>": the new step is guarded, the existing one still runs -----------

_ALSO = [
    (
        "for orders over $500, also post them to Microsoft Teams",
        g.shop,
        "s",
        "microsoft_teams",
        "amount",
        800,
        100,
    ),
    (
        "金额超过10000的合同，另外在飞书里通知一下法务",
        g.contracts,
        "g",
        "feishu",
        "amount",
        20000,
        300,
    ),
    (
        "for orders shipping outside Canada, also open an Asana task for the customs forms",
        g.shop,
        "s",
        "asana",
        "country",
        "US",
        "Canada",
    ),
    (
        "发往加拿大以外的订单，再在Trello里建一张报关卡片",
        g.shop,
        "s",
        "trello",
        "country",
        "美国",
        "加拿大",
    ),
]


@pytest.mark.parametrize(
    ("text", "make", "kept", "app", "key", "yes", "no"), bank_cases(_ALSO, _OPEN, 40)
)
def test_a_conditional_extra_step(
    text: str, make: Make, kept: str, app: str, key: str, yes: Any, no: Any
) -> None:
    before = make()
    after = f.edit(before, text)
    new = f.one_new(before, after, app)
    gate, out = f.gate_of(after, new.id)
    assert f.into(after, kept) == [("t", "main")]
    assert _route(gate, _sample(key, yes)) == out
    assert _route(gate, _sample(key, no)) != out
    f.kept(before, after, ["t", kept])


# --- B: an enrich call when a field is empty, rejoining the existing step ------------------

_ENRICH = [
    (
        "If the lead's phone field is empty, look it up first by calling"
        " https://lookup.example.net/phone?email={{email}} before it goes into Airtable",
        "phone",
    ),
    (
        "如果线索的地址字段是空的，先调用 https://lookup.example.net/geo 补全地址，再写入Airtable",
        "address",
    ),
]


@pytest.mark.parametrize(("text", "key"), bank_cases(_ENRICH, _OPEN, 40))
def test_an_enrich_call_before_the_record(text: str, key: str) -> None:
    before = f.leads()
    after = f.edit(before, text)
    (call,) = [x for x in f.new_nodes(before, after) if x.subtype == "http_request"]
    assert str(call.parameters.get("url", "")).startswith("https://lookup.example.net/")
    gate, out = f.gate_of(after, call.id)
    assert f.into(after, gate.id) == [("t", "main")]
    assert _route(gate, {key: ""}) == out and _route(gate, {key: "x"}) != out
    assert f.into(after, "a") == sorted([(gate.id, _other(out)), (call.id, "main")])
    f.kept(before, after, ["t", "a", "e"])


# --- C: "X are Y: don't <existing>, just <new>" is a branch ----------------------------------

_INSTEAD = [
    (
        "Submissions with a gmail.com email are personal: don't post them to Teams, just add them"
        " to a Google Sheet",
        _form,
        "m",
        "google_sheets",
        "email",
        "a@gmail.com",
        "b@acme.io",
    ),
    (
        "邮箱是163.com的表单都是个人用户：不要发到Teams，直接存到Airtable里",
        _form,
        "m",
        "airtable",
        "email",
        "a@163.com",
        "b@acme.io",
    ),
    (
        "Orders under $10 are tiny: don't post them to Slack, just log them in Airtable",
        g.shop,
        "s",
        "airtable",
        "amount",
        5,
        50,
    ),
    (
        "金额低于50的订单都是小单：别发Slack了，只记到Notion里",
        g.shop,
        "s",
        "notion",
        "amount",
        20,
        80,
    ),
]


@pytest.mark.parametrize(
    ("text", "make", "old", "app", "key", "yes", "no"), bank_cases(_INSTEAD, _OPEN, 40)
)
def test_some_items_go_elsewhere(
    text: str, make: Make, old: str, app: str, key: str, yes: Any, no: Any
) -> None:
    before = make()
    after = f.edit(before, text)
    new = f.one_new(before, after, app)
    gate, out = f.gate_of(after, new.id)
    assert f.into(after, old) == [(gate.id, _other(out))]
    assert _route(gate, _sample(key, yes)) == out
    assert _route(gate, _sample(key, no)) != out
    f.kept(before, after, ["t", old])


# --- D: a refusal reply on one side, the existing steps on the other --------------------------

_REFUSE = [
    (
        "If the signup has no email, respond with 400 and don't save anything",
        "400",
        "email",
        "",
        "a@b.io",
    ),
    (
        "如果注册邮箱是example.org结尾的，直接返回422，什么都不要存",
        "422",
        "email",
        "x@example.org",
        "y@acme.io",
    ),
    ("If the signup's age is under 18, respond with 403 and don't store it", "403", "age", 15, 30),
]


@pytest.mark.parametrize(("text", "code", "key", "yes", "no"), bank_cases(_REFUSE, _OPEN, 40))
def test_a_refusal_reply(text: str, code: str, key: str, yes: Any, no: Any) -> None:
    before = r.pg_signup()
    after = f.edit(before, text)
    (reply,) = [x for x in f.new_nodes(before, after) if x.subtype == "webhook_response"]
    assert str(reply.parameters.get("status_code")) == code
    gate, out = f.gate_of(after, reply.id)
    assert f.into(after, gate.id) == [("t", "main")]
    assert f.into(after, "p") == [(gate.id, _other(out))]
    assert _route(gate, {key: yes}) == out and _route(gate, {key: no}) != out
    f.kept(before, after, ["t", "p", "m", "r"])


# --- E: a clause added to the existing check ---------------------------------------------------

_MORE = [
    (
        "the price matters as well: only email me when it's in stock and cheaper than 500",
        r.stock,
        "h",
        "e",
        {"in_stock": True, "price": 300},
        {"in_stock": True, "price": 900},
        {"in_stock": False, "price": 300},
    ),
    (
        "还要看价格：有货并且价格低于200的时候才发邮件",
        r.watch,
        "p",
        "e",
        {"in_stock": True, "price": 150},
        {"in_stock": True, "price": 250},
        {"in_stock": False, "price": 150},
    ),
    (
        "优先级也要看：负面而且优先级是high的时候才发Slack",
        r.moods,
        "a",
        "s",
        {"sentiment": "negative", "priority": "high"},
        {"sentiment": "negative", "priority": "low"},
        {"sentiment": "positive", "priority": "high"},
    ),
]


@pytest.mark.parametrize(
    ("text", "make", "read", "act", "ok", "no1", "no2"), bank_cases(_MORE, _OPEN, 40)
)
def test_the_check_gains_a_clause(
    text: str,
    make: Make,
    read: str,
    act: str,
    ok: dict[str, Any],
    no1: dict[str, Any],
    no2: dict[str, Any],
) -> None:
    before = make()
    after = f.edit(before, text)
    gates = _gates_to(after, act, read)
    assert "i" in [x.id for x, _ in gates]

    def passes(sample: dict[str, Any]) -> bool:
        return all(_route(x, sample) == out for x, out in gates)

    assert passes(ok) and not passes(no1) and not passes(no2)
    f.kept(before, after, ["t", read, act])


# --- F: a replaced step; what follows keeps its id and place ---------------------------------

_SWAP = [
    ("情感分析这一步改用Claude来做", r.moods, "a", "i", "anthropic"),
    ("do the scoring with Claude instead", r.scored, "a", "s", "anthropic"),
    ("摘要这一步换成Mistral", r.digest, "a", "s", "mistral_ai"),
]


@pytest.mark.parametrize(("text", "make", "old", "nxt", "app"), bank_cases(_SWAP, _OPEN, 40))
def test_a_replace_keeps_what_follows(text: str, make: Make, old: str, nxt: str, app: str) -> None:
    before = make()
    after = f.edit(before, text)
    assert after.node(old) is None
    new = f.one_new(before, after, app)
    assert f.into(after, new.id) == [("t", "main")]
    assert f.into(after, nxt) == [(new.id, "main")]
    rest = [x.id for x in before.nodes if x.id != old]
    f.kept(before, after, rest)


# --- G: a replace limited to some items -------------------------------------------------------

_SWAP_ONLY = [
    (
        "Use Feishu instead of DingTalk, and only for orders over 1000",
        g.ding_orders,
        "d",
        "feishu",
        1500,
        500,
    ),
    ("不用Slack了，改成Discord，而且只通知金额超过100的订单", g.shop, "s", "discord", 300, 50),
]


@pytest.mark.parametrize(
    ("text", "make", "old", "app", "yes", "no"), bank_cases(_SWAP_ONLY, _OPEN, 40)
)
def test_a_guarded_replacement(
    text: str, make: Make, old: str, app: str, yes: Any, no: Any
) -> None:
    before = make()
    after = f.edit(before, text)
    assert after.node(old) is None
    new = f.one_new(before, after, app)
    gate, out = f.gate_of(after, new.id)
    assert f.into(after, gate.id) == [("t", "main")]
    assert _route(gate, _sample("amount", yes)) == out
    assert _route(gate, _sample("amount", no)) != out
    f.kept(before, after, ["t"])


# --- H: a step on every path beside an existing check ----------------------------------------

_EVERY = [
    ("不管是不是负面，每张工单的情感结果都要记到Airtable里", "airtable"),
    ("log every ticket's sentiment to a Google Sheet, negative or not", "google_sheets"),
]


@pytest.mark.parametrize(("text", "app"), bank_cases(_EVERY, _OPEN, 40))
def test_every_item_is_logged(text: str, app: str) -> None:
    before = r.moods()
    after = f.edit(before, text)
    row = f.one_new(before, after, app)
    assert _op(row) in ("create", "append", "appendOrUpdate")
    beside = f.into(after, row.id) == [("a", "main")] and f.into(after, "i") == [("a", "main")]
    between = f.into(after, row.id) == [("a", "main")] and f.into(after, "i") == [(row.id, "main")]
    assert beside or between, (f.into(after, row.id), f.into(after, "i"))
    assert f.into(after, "s") == [("i", "true")]
    f.kept(before, after, ["t", "a", "i", "s"])


# --- I: a branch on an existing step; the rest goes to a new one -----------------------------

_SPLIT = [
    (
        "Only post items longer than 500 words to Slack; shorter ones go into my Notion reading"
        " list",
        r.digest,
        "s",
        "notion",
        "word",
        800,
        100,
    ),
    (
        "只有金额超过200的订单才发到Slack，其他的记到Google Sheets里",
        r.shop,
        "s",
        "google_sheets",
        "amount",
        300,
        100,
    ),
    (
        "只把超过1000字的文章发到Slack，短的放到Todoist里以后再看",
        r.digest,
        "s",
        "todoist",
        "word",
        1500,
        300,
    ),
]


@pytest.mark.parametrize(
    ("text", "make", "old", "app", "key", "yes", "no"), bank_cases(_SPLIT, _OPEN, 40)
)
def test_an_existing_step_splits(
    text: str, make: Make, old: str, app: str, key: str, yes: Any, no: Any
) -> None:
    before = make()
    after = f.edit(before, text)
    gate, out = f.gate_of(after, old)
    new = f.one_new(before, after, app)
    assert f.into(after, new.id) == [(gate.id, _other(out))]
    assert _route(gate, _sample(key, yes)) == out
    assert _route(gate, _sample(key, no)) != out
    f.kept(before, after, ["t", old])


# --- J: the error alert guarded by the failing workflow's name -------------------------------

_NAMES = [
    ("only alert when the failing workflow's name contains 'billing'", "billing-sync", "crm-sync"),
    ("只有名字里带billing的工作流出错才提醒", "billing-sync", "crm-sync"),
    ("只提醒名字以live-开头的工作流的报错，别的都忽略", "live-orders", "test-orders"),
    (
        "alert only for workflows whose name starts with 'live-'; skip the others",
        "live-orders",
        "test-orders",
    ),
]


@pytest.mark.parametrize(("text", "yes", "no"), bank_cases(_NAMES, _OPEN, 40))
def test_the_alert_is_limited_by_name(text: str, yes: str, no: str) -> None:
    before = r.errors()
    after = f.edit(before, text)
    gate, out = f.gate_of(after, "s")
    assert f.into(after, gate.id) == [("t", "main")]
    assert "workflow" in str(_rules(gate)[0]["left"])
    assert _route(gate, {"workflow": yes}) == out
    assert _route(gate, {"workflow": no}) != out
    f.kept(before, after, ["t", "s"])


# --- K: an emptiness check after a read ------------------------------------------------------

_EMPTY = [
    (
        "先看看Notion读到的数据是不是空的，空的话就在Slack里告诉我，别上传",
        g.backup,
        "n",
        "d",
        "slack",
    ),
    ("if the API returns nothing, email me instead of posting to Slack", r.poll, "h", "s", None),
    ("接口返回为空的时候不要发Slack，改成给我发邮件", r.poll, "h", "s", None),
]


@pytest.mark.parametrize(("text", "make", "read", "old", "app"), bank_cases(_EMPTY, _OPEN, 40))
def test_an_empty_read_is_caught(
    text: str, make: Make, read: str, old: str, app: str | None
) -> None:
    before = make()
    after = f.edit(before, text)
    news = f.new_nodes(before, after)
    (tell,) = [x for x in news if f.is_email(x)] if app is None else [f.one_new(before, after, app)]
    gate, out = f.gate_of(after, tell.id)
    assert f.into(after, gate.id) == [(read, "main")]
    assert f.into(after, old) == [(gate.id, _other(out))]
    assert any(x["operator"] in ("is_empty", "is_not_empty") for x in _rules(gate))
    f.kept(before, after, [x.id for x in before.nodes])
