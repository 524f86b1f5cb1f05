"""Edits7 bank: one edit message with several independent changes joined by "；", "另外",
"而且", "and", "also" or a full stop, written before the planner was changed (other words,
services and fields than the diagnostic failures). Each part is applied to the workflow the
previous part produced: a new schedule and a replaced step; a new schedule and a new step
right before an existing one; a replaced step and a new step behind its own condition; a
replaced step and an unconditional new step; a swapped AI step that also gets an
instruction. Every node the user did not touch keeps its id, name and parameters."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.models import Node, Workflow
from flowsmith.core.services import node_service
from tests.planner import edit_fixtures as f
from tests.planner import edits6_flows as w
from tests.planner.bank_cases import bank_cases
from tests.planner.edits.test_edit_guard_bank import _route

# Rows still wrong (first words -> why); strict, so a fix must delete its entry.
_OPEN: dict[str, str] = {
    "Move the backup from Dropbox to OneDrive": '"move … from X to Y" does not replace X',
    "We switched to Notion, so store": "the replaced store lands behind the new condition",
    "replace the summarizer with Mistral": "the said language ('in Japanese', '用英文') is not put into the new AI step's prompt",
    "把总结这一步换成Claude": "the said language ('in Japanese', '用英文') is not put into the new AI step's prompt",
}


def _app(node: Node) -> str | None:
    s = node_service(node)
    return s.app if s is not None else None


def _apps(wf: Workflow) -> set[str | None]:
    return {_app(x) for x in wf.nodes}


def _rescheduled(before: Workflow, after: Workflow) -> None:
    """The trigger keeps its id and is a schedule with other parameters than before."""
    old, new = before.node("t"), after.node("t")
    assert old is not None and new is not None
    assert new.subtype == "schedule_trigger"
    assert new.parameters != old.parameters


# --- A: a new schedule and a replaced step ----------------------------------------------------

_RESCHEDULE_REPLACE = [
    (
        "stop uploading to Dropbox and put the backup on Google Drive instead; also run it every"
        " Monday at 6am",
        "google_drive",
    ),
    (
        "Move the backup from Dropbox to OneDrive. And it only needs to run on the 1st of each"
        " month at 3am",
        "onedrive",
    ),
    ("别再传Dropbox了，改成上传到Google Drive；另外改成每天晚上11点跑一次", "google_drive"),
    ("备份改存到Nextcloud，不用Dropbox了，而且每周一早上7点跑就行", "nextcloud"),
]


@pytest.mark.parametrize(("text", "app"), bank_cases(_RESCHEDULE_REPLACE, _OPEN, 40))
def test_a_reschedule_and_replace(text: str, app: str) -> None:
    before = w.dropbox_backup()
    after = f.edit(before, text)
    _rescheduled(before, after)
    assert "dropbox" not in _apps(after)
    new = f.one_new(before, after, app)
    assert f.into(after, new.id) == [("a", "main")]
    f.kept(before, after, ["a"])


# --- B: a new schedule and a new AI step right before an existing one ---------------------------

_RESCHEDULE_BEFORE = [
    (
        "run it every 15 minutes; and before posting to Discord, have AI summarize the response"
        " in two sentences",
    ),
    (
        "Make it run weekdays at 9am. Also, before the Discord post, let AI turn the response into a short summary",
    ),
    ("改成每两小时跑一次；发Discord之前先让AI把返回的内容总结一下",),
    ("每天早上8点半跑就行，另外发到Discord之前先用AI把结果写成一段简短的说明",),
]


@pytest.mark.parametrize("text", bank_cases(_RESCHEDULE_BEFORE, _OPEN, 40))
def test_a_reschedule_and_step_before(text: str) -> None:
    before = w.api_discord()
    after = f.edit(before, text)
    _rescheduled(before, after)
    (new,) = f.new_nodes(before, after)
    assert f.into(after, new.id) == [("h", "main")]
    assert f.into(after, "s") == [(new.id, "main")]
    f.kept(before, after, ["h"])  # the Discord post keeps its id; its text is the AI's output
    post = after.node("s")
    assert post is not None and post.subtype == "discord_message"


# --- C: a replaced step and a new step behind its own condition ---------------------------------

_REPLACE_GUARDED = [
    (
        "save leads to Baserow instead of Airtable, and leads with a budget over 10000 should"
        " also become a deal in Pipedrive",
        "baserow",
        "pipedrive",
        "budget",
        20000,
        500,
    ),
    (
        "We switched to Notion, so store the leads there rather than in Airtable. Also open a"
        " Zendesk ticket for leads whose country is Japan",
        "notion",
        "zendesk",
        "country",
        "Japan",
        "France",
    ),
    (
        "线索改存到Baserow，不要Airtable了；另外预算超过1万的线索还要在Pipedrive里建一个交易",
        "baserow",
        "pipedrive",
        "budget",
        20000,
        500,
    ),
    (
        "不用Airtable了，改成存到Notion；而且国家是日本的线索还要建一个Zendesk工单",
        "notion",
        "zendesk",
        "country",
        "日本",
        "法国",
    ),
]


@pytest.mark.parametrize(
    ("text", "store", "app", "key", "yes", "no"), bank_cases(_REPLACE_GUARDED, _OPEN, 40)
)
def test_a_replace_and_guarded_add(
    text: str, store: str, app: str, key: str, yes: Any, no: Any
) -> None:
    before = w.airtable_leads()
    after = f.edit(before, text)
    assert "airtable" not in _apps(after)
    kept = f.one_new(before, after, store)
    assert f.into(after, kept.id) == [("t", "main")]  # on every path, as the old store was
    new = f.one_new(before, after, app)
    gate, out = f.gate_of(after, new.id)
    sample = {key: yes, "amount": yes} if isinstance(yes, int) else {key: yes}
    other = {key: no, "amount": no} if isinstance(no, int) else {key: no}
    assert _route(gate, sample) == out
    assert _route(gate, other) != out
    f.kept(before, after, ["t", "d"])


# --- D: a replaced step and an unconditional new step -------------------------------------------

_REPLACE_ADD = [
    (
        "send the email through Mailgun instead; also post every lead to Mattermost",
        "mailgun",
        "mattermost",
    ),
    (
        "Use SendGrid for the email. And put each lead on our Trello board as a card",
        "sendgrid",
        "trello",
    ),
    ("邮件改用SendGrid发；另外每条线索也发到钉钉群里", "sendgrid", "dingtalk"),
    ("通知邮件换成Mailgun，而且每个线索都在Trello上建一张卡片", "mailgun", "trello"),
]


@pytest.mark.parametrize(("text", "swap", "app"), bank_cases(_REPLACE_ADD, _OPEN, 40))
def test_a_replace_and_add(text: str, swap: str, app: str) -> None:
    before = f.leads()
    after = f.edit(before, text)
    assert after.node("e") is None
    new = f.one_new(before, after, swap)
    assert f.into(after, new.id) == [("a", "main")]
    added = f.one_new(before, after, app)
    (src,) = f.into(after, added.id)
    assert after.node(src[0]) is not None
    assert after.node(src[0]).subtype not in ("if", "filter")  # type: ignore[union-attr]
    f.kept(before, after, ["t", "a"])


# --- E: a swapped AI step with an instruction; the rest stays -----------------------------------

_SWAP_SAY = [
    (
        "replace the summarizer with Mistral and have it write the summary in Japanese, keep the rest",
        "mistral_ai",
        ("japanese", "日语"),
    ),
    ("把总结这一步换成Claude，并且用英文写总结，其他不变", "anthropic", ("english", "英文")),
]


@pytest.mark.parametrize(("text", "app", "words"), bank_cases(_SWAP_SAY, _OPEN, 40))
def test_a_swap_with_instruction(text: str, app: str, words: tuple[str, ...]) -> None:
    before = f.digest()
    after = f.edit(before, text)
    assert after.node("s") is None
    assert not [x for x in after.nodes if x.subtype == "summarizer"]
    new = f.one_new(before, after, app)
    assert f.into(after, new.id) == [("t", "main")]
    assert f.into(after, "m") == [(new.id, "main")]
    assert any(x in str(new.parameters).lower() for x in words), new.parameters
    f.kept(before, after, ["t", "m"])
