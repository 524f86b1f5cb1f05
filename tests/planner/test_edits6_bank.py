"""Edits6 bank: edits of an existing workflow that add a condition with two outcomes or a
step before another, written before the planner was changed (other words, services and
fields than the diagnostic failures). "<subset>: don't <old>, just <new>" is a branch (new
step on one output, the old step with its id on the other), never a deletion; a refusal
reply with its status sits on one output and the existing steps on the other; an emptiness
check on a read keeps the existing step on the non-empty side; an enrich call on an empty
field rejoins the existing step; a clause is added to the existing check; a replaced AI step
keeps what follows; a new step goes right before the one named; a look-up before an insert
answers a conflict. Every node the user did not touch keeps its id, name and parameters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from flowsmith.core.models import Node, Workflow
from flowsmith.core.services import node_service
from tests.planner import edit_fixtures as f
from tests.planner import edits6_flows as w
from tests.planner.bank_cases import bank_cases
from tests.planner.edits.test_edit_guard_bank import _gates_to, _other, _route, _rules

Make = Callable[[], Workflow]

# Rows still wrong (first words -> why); strict, so a fix must delete its entry.
_OPEN: dict[str, str] = {
    "注册邮箱是test.com": "a refusal reply with its status is not built",
    "Reject signups from people": "a refusal reply with its status is not built",
    "If the lead has no website": "an enrich call on one branch rejoining the record is not built",
    "如果线索的行业字段为空": "an enrich call on one branch rejoining the record is not built",
    "折扣也要考虑": "折扣 stays the field's name (older tests keep a Chinese field word as said)",
    "重量也要看一下": "重量 stays the field's name (test_edit_guard keeps a Chinese word as said)",
}


def _app(node: Node) -> str | None:
    s = node_service(node)
    return s.app if s is not None else None


def _sample(key: str, value: Any) -> dict[str, Any]:
    """A sample item; money words share one value so any of them can be the rule's field."""
    if key == "amount":
        return {"total": value, "amount": value, "price": value}
    return {key: value}


# --- A: "<subset>: don't <old>, just <new>" is a branch ---------------------------------------

_INSTEAD = [
    (
        "Leads from hotmail.com addresses are private people: don't save them to Airtable, just"
        " send them a short welcome email with SendGrid",
        "a",
        "sendgrid",
        "email",
        "a@hotmail.com",
        "b@firm.io",
    ),
    (
        "邮箱以qq.com结尾的线索都是个人用户：不要存到Airtable，直接用Mailgun给他们发一封说明邮件",
        "a",
        "mailgun",
        "email",
        "c@qq.com",
        "d@firm.io",
    ),
    (
        "Leads whose country is Germany go to our Berlin partner: don't put them into Airtable,"
        " just create a HubSpot contact for them",
        "a",
        "hubspot",
        "country",
        "Germany",
        "France",
    ),
    (
        "预算低于500的线索不用存Airtable了，只在Telegram里告诉我一声",
        "a",
        "telegram",
        "budget",
        200,
        900,
    ),
]


@pytest.mark.parametrize(
    ("text", "old", "app", "key", "yes", "no"), bank_cases(_INSTEAD, _OPEN, 40)
)
def test_a_subset_goes_elsewhere(
    text: str, old: str, app: str, key: str, yes: Any, no: Any
) -> None:
    before = w.airtable_leads()
    after = f.edit(before, text)
    new = f.one_new(before, after, app)
    gate, out = f.gate_of(after, new.id)
    assert f.into(after, gate.id) == [("t", "main")]
    assert f.into(after, old) == [(gate.id, _other(out))]
    assert _route(gate, _sample(key, yes)) == out
    assert _route(gate, _sample(key, no)) != out
    f.kept(before, after, ["t", old, "d"])


# --- B: a refusal reply on one side, the existing insert on the other --------------------------

_REFUSE = [
    (
        "If the signup comes without a username, reply with 422 and don't insert anything",
        "422",
        "username",
        "",
        "ann",
    ),
    (
        "注册邮箱是test.com结尾的请求，直接返回400，不要写数据库也不要加到Brevo",
        "400",
        "email",
        "x@test.com",
        "y@firm.io",
    ),
    (
        "Reject signups from people younger than 16 with a 403 response and don't save them",
        "403",
        "age",
        12,
        30,
    ),
    (
        "如果注册的国家是朝鲜，就返回451，什么都别存",
        "451",
        "country",
        "朝鲜",
        "日本",
    ),
]


@pytest.mark.parametrize(("text", "code", "key", "yes", "no"), bank_cases(_REFUSE, _OPEN, 40))
def test_a_refusal_reply(text: str, code: str, key: str, yes: Any, no: Any) -> None:
    before = w.mysql_signup()
    after = f.edit(before, text)
    (reply,) = [x for x in f.new_nodes(before, after) if x.subtype == "webhook_response"]
    assert str(reply.parameters.get("status_code")) == code
    gate, out = f.gate_of(after, reply.id)
    assert f.into(after, gate.id) == [("t", "main")]
    assert f.into(after, "p") == [(gate.id, _other(out))]
    assert _route(gate, {key: yes}) == out and _route(gate, {key: no}) != out
    f.kept(before, after, ["t", "p", "b", "r"])


# --- C: an emptiness check on a read before the existing step ---------------------------------

_EMPTY = [
    (
        "before the Dropbox upload, check that Airtable returned something; if it's empty, send"
        " me a Telegram message and skip the upload",
        w.dropbox_backup,
        "a",
        "d",
        "telegram",
    ),
    (
        "如果Airtable读出来没有数据，就在钉钉里提醒我，别上传到Dropbox",
        w.dropbox_backup,
        "a",
        "d",
        "dingtalk",
    ),
    (
        "when the API response is empty, ping me on Slack instead of posting to Discord",
        w.api_discord,
        "h",
        "s",
        "slack",
    ),
    ("接口没有返回任何东西的话就别发Discord了，发邮件给我", w.api_discord, "h", "s", None),
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


# --- D: an enrich call when a field is empty, rejoining the existing step ----------------------

_ENRICH = [
    (
        "If the lead has no website, look it up first via https://enrich.example.io/domain?email="
        "{{email}} before saving it to Airtable",
        "website",
    ),
    (
        "如果线索的行业字段为空，先调用 https://enrich.example.io/industry 补上，再存到Airtable",
        "industry",
    ),
    (
        "When the job title is blank, call https://enrich.example.io/title first, then add the"
        " lead to Airtable",
        "title",
    ),
]


@pytest.mark.parametrize(("text", "key"), bank_cases(_ENRICH, _OPEN, 40))
def test_an_enrich_call_rejoins(text: str, key: str) -> None:
    before = w.airtable_leads()
    after = f.edit(before, text)
    (call,) = [x for x in f.new_nodes(before, after) if x.subtype == "http_request"]
    assert str(call.parameters.get("url", "")).startswith("https://enrich.example.io/")
    gate, out = f.gate_of(after, call.id)
    assert f.into(after, gate.id) == [("t", "main")]
    assert _route(gate, {key: ""}) == out and _route(gate, {key: "x"}) != out
    assert f.into(after, "a") == sorted([(gate.id, _other(out)), (call.id, "main")])
    f.kept(before, after, ["t", "a", "d"])


# --- E: a clause added to the existing check ---------------------------------------------------

_MORE = [
    (
        "the rating counts too: only message me when it's in stock and rated above 4",
        {"in_stock": True, "rating": 4.5, "rate": 4.5},
        {"in_stock": True, "rating": 3, "rate": 3},
        {"in_stock": False, "rating": 4.5, "rate": 4.5},
    ),
    (
        "折扣也要考虑：有货并且折扣超过20的时候才提醒我",
        {"in_stock": True, "discount": 30},
        {"in_stock": True, "discount": 10},
        {"in_stock": False, "discount": 30},
    ),
    (
        "重量也要看一下：有货而且重量小于5的时候才发Telegram",
        {"in_stock": True, "weight": 2},
        {"in_stock": True, "weight": 8},
        {"in_stock": False, "weight": 2},
    ),
]


@pytest.mark.parametrize(("text", "ok", "no1", "no2"), bank_cases(_MORE, _OPEN, 40))
def test_the_check_gains_a_clause(
    text: str, ok: dict[str, Any], no1: dict[str, Any], no2: dict[str, Any]
) -> None:
    before = w.price_watch()
    after = f.edit(before, text)
    gates = _gates_to(after, "m", "h")
    assert "i" in [x.id for x, _ in gates]

    def passes(sample: dict[str, Any]) -> bool:
        return all(_route(x, sample) == out for x, out in gates)

    assert passes(ok) and not passes(no1) and not passes(no2)
    f.kept(before, after, ["t", "h", "m"])


# --- F: a replaced AI step; the check after it keeps its id and place --------------------------

_SWAP = [
    ("评分这一步改用Mistral来做", "mistral_ai"),
    ("have Claude do the rating instead of OpenAI", "anthropic"),
    ("把打分换成Claude", "anthropic"),
]


@pytest.mark.parametrize(("text", "app"), bank_cases(_SWAP, _OPEN, 40))
def test_a_replace_keeps_the_check(text: str, app: str) -> None:
    before = w.rated()
    after = f.edit(before, text)
    assert after.node("a") is None
    new = f.one_new(before, after, app)
    assert f.into(after, new.id) == [("t", "main")]
    assert f.into(after, "i") == [(new.id, "main")]
    assert f.into(after, "s") == [("i", "true")]
    f.kept(before, after, ["t", "i", "s"])


# --- G: a new step right before an existing one ------------------------------------------------

_BEFORE = [
    ("before posting to Telegram, translate the item into German with DeepL", w.feed, "m", "deepl"),
    ("发到Telegram之前先用DeepL把内容翻译成英文", w.feed, "m", "deepl"),
    ("存到Airtable之前先用Google翻译把留言翻成中文", w.airtable_leads, "a", "google_translate"),
]


@pytest.mark.parametrize(("text", "make", "old", "app"), bank_cases(_BEFORE, _OPEN, 40))
def test_a_step_goes_before(text: str, make: Make, old: str, app: str) -> None:
    before = make()
    after = f.edit(before, text)
    new = f.one_new(before, after, app)
    (src,) = f.into(before, old)
    assert f.into(after, new.id) == [src]
    assert f.into(after, old) == [(new.id, "main")]
    f.kept(before, after, [x.id for x in before.nodes])


# --- H: a look-up before the insert answers a conflict ----------------------------------------

_CONFLICT = [
    "If the email is already in MySQL, respond 409 and don't insert it again or add it to Brevo",
    "如果这个邮箱在MySQL里已经存在，就返回409，别重复写入，也不要加到Brevo",
]


@pytest.mark.parametrize("text", bank_cases([(x,) for x in _CONFLICT], _OPEN, 40))
def test_a_conflict_is_answered(text: str) -> None:
    before = w.mysql_signup()
    after = f.edit(before, text)
    news = f.new_nodes(before, after)
    (reply,) = [x for x in news if x.subtype == "webhook_response"]
    assert str(reply.parameters.get("status_code")) == "409"
    gate, out = f.gate_of(after, reply.id)
    assert f.into(after, "p") == [(gate.id, _other(out))]
    ((look, _),) = f.into(after, gate.id)
    assert look in [x.id for x in news if _app(x) == "mysql"]
    assert f.into(after, look) == [("t", "main")]
    f.kept(before, after, ["t", "p", "b", "r"])
