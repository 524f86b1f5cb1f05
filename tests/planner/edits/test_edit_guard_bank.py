"""The guard-edit bank: edits that add or change a CONDITION on an existing workflow ("don't
alert on X", "周末就不用发钉钉了", "contracts under 5,000 don't need to be logged", "only for
issues in the OPS project", "如果是空的就发邮件告诉我，不要上传"). Written before the planner
was run on them. Assertions say what the user wants: which step the new check guards and on
which output it sits, where the sample item the user described goes (by field, not by the
words of a trailing reason), the new step's operation and place, and that every node the
user did not mention keeps its id, name and parameters. A step is removed only where the user
replaces it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from flowsmith.core.models import Node, Workflow
from flowsmith.core.services import node_service
from flowsmith.core.simulate_conditions import _compare
from tests.planner import edit_fixtures as f
from tests.planner.edits import bank_guards as g
from tests.planner.edits import bank_roles as r

Make = Callable[[], Workflow]

# Requests the planner still gets wrong (first words → why); strict: a fix must remove the entry.
_WRONG = {
    "stop pinging us": "'nightly' is read as a new nightly schedule",
    "邮箱是qq.com": "'都是个人用户' clause: the domain condition is not read",
    "contracts under 5,000": "'only the bigger ones' is read as a second part",
    "5000以下": "'以下' reads ≤ 5000, so 5000 itself is not logged",
    "for orders shipping outside": "'outside the US' is no country ≠ US rule",
    "发往美国以外": "'美国以外' is no country ≠ US rule",
}


def _cases(cases: list[Any]) -> list[Any]:
    """``cases`` with the still-wrong ones marked as strict expected failures."""
    out = []
    for case in cases:
        text = case if isinstance(case, str) else case[0]
        why = next((v for k, v in _WRONG.items() if text.startswith(k)), None)
        values = (case,) if isinstance(case, str) else tuple(case)
        out.append(
            case
            if why is None
            else pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=why))
        )
    return out


def _op(node: Node) -> str | None:
    s = node_service(node)
    return s.operation if s is not None else None


def _rules(gate: Node) -> list[dict[str, Any]]:
    rules = gate.parameters["conditions"]
    assert isinstance(rules, list) and rules, gate.parameters
    return rules


def _value(left: Any, sample: dict[str, Any]) -> Any:
    """The sample's value for a rule's left side: the sample key the expression names."""
    text = str(left)
    for key, value in sample.items():
        if re.search(rf"\b{re.escape(key)}\w*\b", text, re.IGNORECASE):
            return value
    return None


def _route(gate: Node, sample: dict[str, Any]) -> str:
    """The output of ``gate`` an item like ``sample`` leaves by ("true"/"false"; a filter's
    "main" or "dropped")."""
    hits = [
        _compare(str(x["operator"]), _value(x["left"], sample), x.get("right"))
        for x in _rules(gate)
    ]
    ok = any(hits) if gate.parameters.get("combine") == "or" else all(hits)
    if gate.subtype == "filter":
        return "main" if ok else "dropped"
    return "true" if ok else "false"


def _other(out: str) -> str:
    return {"true": "false", "false": "true"}.get(out, "dropped")


def _no_reason_words(gate: Node, words: tuple[str, ...]) -> None:
    text = str(gate.parameters).lower()
    assert not any(w in text for w in words), gate.parameters


# --- an existing alert guarded by the workflow's name; the reason is not a condition ----------


@pytest.mark.parametrize(
    "text",
    _cases(
        [
            "Don't alert on failures of the 'nightly-cleanup' workflow, it fails all the time and"
            " nobody cares",
            "nightly-cleanup这个工作流报错就别提醒了，它天天失败，没人在意",
            "stop pinging us when nightly-cleanup fails, that workflow is flaky anyway",
            "nightly-cleanup工作流失败不用告警，因为它本来就经常挂",
        ]
    ),
)
def test_an_alert_skips_one_workflow_whatever_the_reason(text: str) -> None:
    before = r.errors()
    after = f.edit(before, text)
    gate, out = f.gate_of(after, "s")
    assert f.into(after, gate.id) == [("t", "main")]
    assert _route(gate, {"workflow": "nightly-cleanup"}) != out
    assert _route(gate, {"workflow": "billing-sync"}) == out
    _no_reason_words(gate, ("care", "在意", "flaky", "挂", "天天"))
    f.kept(before, after, ["t", "s"])


@pytest.mark.parametrize(
    "text",
    _cases(
        [
            "only alert for failures of workflows whose name starts with 'prod-', ignore the rest",
            "只有名字以prod-开头的工作流出错才报警，其他的不用管",
            "只提醒prod-开头的工作流的失败",
        ]
    ),
)
def test_an_alert_only_for_workflows_named_prod(text: str) -> None:
    # the graph model has no "starts with" operator: "contains 'prod-'" is accepted
    before = r.errors()
    after = f.edit(before, text)
    gate, out = f.gate_of(after, "s")
    assert f.into(after, gate.id) == [("t", "main")]
    assert "workflow" in str(_rules(gate)[0]["left"])
    assert _route(gate, {"workflow": "prod-api"}) == out
    assert _route(gate, {"workflow": "dev-api"}) != out
    f.kept(before, after, ["t", "s"])


# --- a weekday guard before the existing DingTalk step ----------------------------------------


@pytest.mark.parametrize(
    "text",
    _cases(
        [
            "周末就不用发钉钉了，反正没人看",
            "周末别往钉钉推消息",
            "no DingTalk messages on weekends, nobody reads them anyway",
        ]
    ),
)
def test_weekend_dingtalk_is_guarded(text: str) -> None:
    before = g.ding_orders()
    after = f.edit(before, text)
    gate, _out = f.gate_of(after, "d")
    assert f.into(after, gate.id) == [("t", "main")]
    assert "$now.weekday" in str(gate.parameters), gate.parameters
    _no_reason_words(gate, ("看", "read"))
    f.kept(before, after, ["t", "d"])


# --- some items go to a new step instead of the existing one -----------------------------------


@pytest.mark.parametrize(
    ("text", "domain"),
    _cases(
        [
            (
                "Leads with a gmail.com address are personal: don't save them to the sheet, just send"
                " them a short note through Mailgun",
                "gmail.com",
            ),
            (
                "Leads with a .edu email are students: don't put them in the sheet, just email them"
                " via Mailgun",
                ".edu",
            ),
            ("邮箱是qq.com的线索都是个人用户，不用存到表格，直接用Mailgun给他们发封邮件", "qq.com"),
        ]
    ),
)
def test_some_leads_get_mailgun_instead_of_the_sheet(text: str, domain: str) -> None:
    before = r.leads()
    after = f.edit(before, text)
    mail = f.one_new(before, after, "mailgun")
    assert _op(mail) == "send"
    gate, out = f.gate_of(after, mail.id)
    assert f.into(after, "g") == [(gate.id, _other(out))]
    assert (
        _route(gate, {"email": f"ann@x{domain}" if domain.startswith(".") else f"a@{domain}"})
        == out
    )
    assert _route(gate, {"email": "bob@acme.io"}) != out
    f.kept(before, after, ["t", "g"])


# --- the existing log step guarded by an amount ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    _cases(
        [
            "contracts under 5,000 don't need to be logged, only the bigger ones",
            "金额低于5000的合同不用记录，只记大单",
            "5000以下的合同就别记到表里了",
            "skip logging contracts below 5000",
        ]
    ),
)
def test_small_contracts_are_not_logged(text: str) -> None:
    before = g.contracts()
    after = f.edit(before, text)
    gate, out = f.gate_of(after, "g")
    assert f.into(after, gate.id) == [("t", "main")]
    rule = _rules(gate)[0]
    assert "amount" in str(rule["left"]) and "price" not in str(rule["left"]), rule
    assert _route(gate, {"amount": 4000}) != out
    assert _route(gate, {"amount": 12000}) == out
    assert _route(gate, {"amount": 5000}) == out
    f.kept(before, after, ["t", "g"])


# --- the stock check gains a price rule; the email stays behind both ---------------------------


def _gates_to(after: Workflow, nid: str, stop: str) -> list[tuple[Node, str]]:
    """The checks between ``stop`` and ``nid``, each with the output the path leaves by."""
    path: list[tuple[Node, str]] = []
    while True:
        ((src, out),) = f.into(after, nid)
        if src == stop:
            return path
        node = after.node(src)
        assert node is not None and node.subtype in ("if", "filter"), src
        path.append((node, out))
        nid = src


@pytest.mark.parametrize(
    "text",
    _cases(
        [
            "price matters too: only email when it's in stock and under 3999",
            "价格也要看一下：有货而且价格低于3999的时候才给我发邮件",
            "also require the price to be below 3999 before emailing",
            "只有价格小于3999并且有货才发邮件",
        ]
    ),
)
def test_stock_and_price_both_gate_the_email(text: str) -> None:
    before = r.stock()
    after = f.edit(before, text)
    gates = _gates_to(after, "e", "h")
    assert "i" in [x.id for x, _ in gates]
    assert after.node("i").name == "In stock?"  # type: ignore[union-attr]

    def passes(sample: dict[str, Any]) -> bool:
        return all(_route(x, sample) == out for x, out in gates)

    assert passes({"in_stock": True, "price": 3000})
    assert not passes({"in_stock": True, "price": 4500})
    assert not passes({"in_stock": False, "price": 100})
    f.kept(before, after, ["t", "h", "e"])


# --- a new step on one side of a new check; existing steps unchanged ---------------------------


@pytest.mark.parametrize(
    "text",
    _cases(
        [
            "for orders shipping outside the US, also create a customs task in Todoist",
            "发往美国以外的订单，另外在Todoist里建一个报关任务",
        ]
    ),
)
def test_foreign_orders_also_get_a_todoist_task(text: str) -> None:
    before = g.shop()
    after = f.edit(before, text)
    task = f.one_new(before, after, "todoist")
    assert _op(task) == "create"
    gate, out = f.gate_of(after, task.id)
    assert f.into(after, gate.id) in ([("t", "main")], [("s", "main")])
    assert "country" in str(_rules(gate)[0]["left"])
    assert _route(gate, {"country": "DE"}) == out
    assert _route(gate, {"country": "US"}) != out
    assert f.into(after, "s") == [("t", "main")]
    f.kept(before, after, ["t", "s"])


@pytest.mark.parametrize(
    "text",
    _cases(
        [
            "Use Asana instead of monday.com, and only for issues in the OPS project",
            "不用monday.com了，改成Asana，而且只处理OPS项目的问题",
        ]
    ),
)
def test_the_replacement_is_guarded_by_project(text: str) -> None:
    before = g.issues()
    after = f.edit(before, text)
    assert not f.app(after, "monday_com")
    task = f.one_new(before, after, "asana")
    assert _op(task) == "create"
    gate, out = f.gate_of(after, task.id)
    assert f.into(after, gate.id) == [("t", "main")]
    assert "project" in str(_rules(gate)[0]["left"])
    assert _route(gate, {"project": "OPS"}) == out
    assert _route(gate, {"project": "WEB"}) != out
    f.kept(before, after, ["t"])


@pytest.mark.parametrize(
    "text",
    _cases(
        [
            "If the lead's company field is empty, enrich it first by calling"
            " https://api.example.com/enrich?email={{email}} before it goes into the sheet",
            "如果线索的公司字段是空的，先调用 https://api.example.com/enrich 补全信息，再存到表格",
        ]
    ),
)
def test_an_empty_company_is_enriched_before_the_sheet(text: str) -> None:
    before = r.leads()
    after = f.edit(before, text)
    (call,) = [x for x in f.new_nodes(before, after) if x.subtype == "http_request"]
    assert str(call.parameters.get("url", "")).startswith("https://api.example.com/enrich")
    gate, out = f.gate_of(after, call.id)
    assert f.into(after, gate.id) == [("t", "main")]
    assert _route(gate, {"company": ""}) == out and _route(gate, {"company": "Acme"}) != out
    assert f.into(after, "g") == sorted([(gate.id, _other(out)), (call.id, "main")])
    f.kept(before, after, ["t", "g"])


# --- a refusal reply on one side, the existing steps on the other ------------------------------


@pytest.mark.parametrize(
    "text",
    _cases(
        [
            "If the signup's email domain is on our blocklist (a.com, b.com), respond with 403 and"
            " don't save anything",
            "注册邮箱是a.com或者b.com的，直接返回403，什么都不要存",
        ]
    ),
)
def test_blocked_domains_get_403(text: str) -> None:
    before = r.pg_signup()
    after = f.edit(before, text)
    (reply,) = [x for x in f.new_nodes(before, after) if x.subtype == "webhook_response"]
    assert str(reply.parameters.get("status_code")) == "403"
    gate, out = f.gate_of(after, reply.id)
    assert f.into(after, gate.id) == [("t", "main")]
    assert f.into(after, "p") == [(gate.id, _other(out))]
    assert _route(gate, {"email": "x@a.com"}) == out
    assert _route(gate, {"email": "y@b.com"}) == out
    assert _route(gate, {"email": "z@acme.io"}) != out
    f.kept(before, after, ["t", "p", "m", "r"])


def test_an_existing_email_gets_409() -> None:
    before = r.pg_signup()
    after = f.edit(
        before, "如果注册邮箱在Postgres里已经有了，就返回409，不要重复插入，也别加到Mailchimp"
    )
    (reply,) = [x for x in f.new_nodes(before, after) if x.subtype == "webhook_response"]
    assert str(reply.parameters.get("status_code")) == "409"
    gate, out = f.gate_of(after, reply.id)
    assert f.into(after, "p") == [(gate.id, _other(out))]
    (look,) = [x for x in f.new_nodes(before, after) if x.subtype == "postgres"]
    assert _op(look) in ("select", "executeQuery")
    assert f.into(after, gate.id) == [(look.id, "main")]
    f.kept(before, after, ["t", "p", "m", "r"])


# --- an unguarded new step beside the existing check -------------------------------------------


@pytest.mark.parametrize(
    "text",
    _cases(
        [
            "不在库存的时候什么都不用做，但是每次检查的结果都要记到Baserow里",
            "log every check's result to Baserow, in stock or not",
        ]
    ),
)
def test_every_check_is_logged_to_baserow(text: str) -> None:
    before = r.stock()
    after = f.edit(before, text)
    row = f.one_new(before, after, "baserow")
    assert _op(row) == "create"
    beside = f.into(after, row.id) == [("h", "main")] and f.into(after, "i") == [("h", "main")]
    between = f.into(after, row.id) == [("h", "main")] and f.into(after, "i") == [(row.id, "main")]
    assert beside or between, (f.into(after, row.id), f.into(after, "i"))
    assert f.into(after, "e") == [("i", "true")]
    f.kept(before, after, ["t", "h", "i", "e"])


# --- an empty result emails instead of uploading -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    _cases(
        [
            "备份之前先检查Notion有没有返回数据，如果是空的就发邮件告诉我，不要上传",
            "before uploading, check whether Notion returned anything; if it's empty just email me"
            " instead of uploading",
            "Notion读出来是空的话就别上传到Google Drive了，给我发个邮件",
        ]
    ),
)
def test_an_empty_backup_emails_instead_of_uploading(text: str) -> None:
    before = g.backup()
    after = f.edit(before, text)
    (mail,) = [x for x in f.new_nodes(before, after) if f.is_email(x)]
    gate, out = f.gate_of(after, mail.id)
    assert f.into(after, gate.id) == [("n", "main")]
    assert f.into(after, "d") == [(gate.id, _other(out))]
    assert any(x["operator"] in ("is_empty", "is_not_empty") for x in _rules(gate))
    f.kept(before, after, ["t", "n", "d"])
