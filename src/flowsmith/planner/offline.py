"""The offline planner: flowsmith's embedded, deterministic agent (no network, no LLM).

Public API (pure functions, no I/O):

* ``decide(message, history, current) -> Decision``: answer, ask (clarify) or generate.
  A generate decision carries ``request``, a JSON-serialisable ``Plan`` the caller stores.
* ``build(request, current) -> Workflow``: materialise a stored request. With
  ``current=None`` a fresh workflow (id ``""``); otherwise the request's edits are applied
  to ``current`` (the latest version), keeping every untouched node's id, name and
  parameters.

A create request goes parse → compile: :func:`flowsmith.planner.parse.parse_request` reads
it into a request frame (trigger, steps, branches) with every service word taken from the
catalog, and :func:`flowsmith.planner.compile.compile_frame` builds the graph, which the plan
stores as built. Store/stock monitors and AI agents that name no catalog app keep their
templates (``intent`` → ``resolve`` → ``compose``), as do requests the parser finds nothing
to act on in but the templates recognise (a data-analysis report). The planner asks only
when there is nothing to act on, and then asks what should happen.

Same inputs give the same outputs: keyword tables and regexes only, no clock, no random.
"""

from __future__ import annotations

import re
from dataclasses import replace as _replace
from typing import Any, Literal

from pydantic import BaseModel, Field

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Workflow
from flowsmith.core.services import verb_of
from flowsmith.planner import replies
from flowsmith.planner import vocab as v
from flowsmith.planner.compile import compile_frame
from flowsmith.planner.compose import compose
from flowsmith.planner.edit_apply import apply_edits
from flowsmith.planner.edit_parse import has_edit_words, parse_edits
from flowsmith.planner.edit_words import STEP_NOUN
from flowsmith.planner.frame import Frame, ServiceStep, Think, walk
from flowsmith.planner.graph import matching
from flowsmith.planner.intent import Understanding, understand
from flowsmith.planner.parse import parse_request
from flowsmith.planner.plan import Plan
from flowsmith.planner.resolve import resolve, title_for, trigger_label
from flowsmith.planner.services import index_of
from flowsmith.planner.steps import ACTION_SUBTYPES
from flowsmith.planner.text import Lang, detect_lang, pick
from flowsmith.planner.vague import (
    bare_notice,
    bare_service,
    sourceless_report,
    unnamed_kind,
    unsourced_notice,
    which_question,
)
from flowsmith.planner.vague_mail import bare_mail_flow
from flowsmith.planner.vague_plea import help_plea, topic_only
from flowsmith.text import text as say

__all__ = ["Decision", "Question", "build", "decide"]

MAX_QUESTIONS = 3
# requests the store-monitor and agent templates build better than the request parser
_LEGACY_TOPICS = frozenset({"store_monitor", "agent"})
_MAX_CARRIED_TURNS = 3
_REBUILD = re.compile(
    r"new workflow|from scratch|start over|rebuild|another workflow|重新(创建|生成|做|设计)|"
    r"新的\s*(workflow|工作流)|重做|另一个\s*(workflow|工作流)",
    re.IGNORECASE,
)
_CHANGE_ONLY = frozenset(
    {"remove", "replace_action", "set_schedule", "set_target", "replace_step", "move", "set_param"}
)
_CHANGE_VERB = re.compile(
    r"\b(change|update|modify|switch|make it)\b|改成|改为|修改|调整|换成", re.IGNORECASE
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# words naming a part of an existing workflow ("the Slack step", "run it daily instead")
_NAMES_A_PART = re.compile(
    STEP_NOUN.pattern
    + r"|\b(?:it|instead|workflow|flow|schedule|trigger)\b|工作流|流程|改成|改为|换成|触发",
    re.IGNORECASE,
)
_CREATE_VERB = re.compile(
    r"\b(create|build|make|set ?up|generate|design)\b|创建|新建|生成|搭建|设计", re.IGNORECASE
)
_EDIT_WORDS = re.compile(
    r"\b(add|also|include|insert|plus|remove|delete|drop|change|update|modify|replace|switch|"
    r"set|instead|existing|current|this workflow|make it)\b|"
    r"添加|加上|加一个|增加|新增|再加|也|删除|去掉|修改|改成|改为|换成|替换|调整|现有|当前|这个",
    re.IGNORECASE,
)


class Question(BaseModel):
    question: str
    suggestions: list[str]


class Decision(BaseModel):
    """What the agent does with a chat turn. ``reply`` is in the user's language and says
    it comes from the offline planner; ``request`` is set iff ``kind == "generate"``."""

    kind: Literal["answer", "clarify", "generate"]
    reply: str
    questions: list[Question] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list)
    waiting_message: str | None = None
    request: dict[str, Any] | None = None


# --- decide --------------------------------------------------------------------------------


def decide(message: str, history: list[tuple[str, str]], current: Workflow | None) -> Decision:
    """Answer, ask or generate for ``message``, given the session's history and workflow.

    A question never ignores the services the message names (:func:`_heard_services`)."""
    decision = _decide(message, history, current)
    return _heard_services(decision, message, _language(message.strip(), history))


def _heard_services(decision: Decision, message: str, lang: Lang) -> Decision:
    """A question whose reply names none of the services the user named starts by saying
    which it heard ("You named Stripe and Notion."), so it asks about what is missing in
    their terms instead of as if nothing had been said."""
    if decision.kind != "clarify" or not decision.questions:
        return decision
    index = index_of(load_catalog())
    apps = [
        index.apps[a] for a in dict.fromkeys(m.app for m in index.mentions(message, False)) if a
    ]
    low = decision.reply.lower()
    if not apps or any(n in low for a in apps for n in [*a.names.all(), a.display_name.lower()]):
        return decision
    names = [a.display_name for a in apps]
    heard = say("planner.offline.you_named", lang, services=pick(lang, " and ", " 和 ").join(names))
    first, *rest = decision.questions
    asked = Question(question=f"{heard} {first.question}", suggestions=first.suggestions)
    return decision.model_copy(
        update={"reply": f"{heard}\n{decision.reply}", "questions": [asked, *rest]}
    )


def _decide(message: str, history: list[tuple[str, str]], current: Workflow | None) -> Decision:
    text = message.strip()
    lang = _language(text, history)
    if not text:
        return _answer(replies.capabilities(lang), lang)
    carried = pending_request(history)
    combined = "\n".join([*carried, text])
    if current is not None and current.nodes and not _is_new_request(text):
        return _decide_edit(text, combined, lang, current)
    if (current is None or not current.nodes) and not carried and _only_changes(text):
        return _answer(replies.no_workflow_yet(lang), lang)
    u = understand(combined)
    u.lang = lang
    frame = parse_request(combined)
    missing = _missing_question(combined, frame, lang)
    if missing is not None and len(carried) < MAX_QUESTIONS:
        return _ask(missing, lang)
    store = _store_said(u, combined) and not _api_said(u, combined)
    if u.topic in _LEGACY_TOPICS and _template_covers(u, frame) and store:
        return _generate(u, combined, replacing=current)
    if frame is not None:
        kind = unnamed_kind(combined, frame, load_catalog())
        if kind is not None and len(carried) < MAX_QUESTIONS:
            return _clarify_kind(kind, frame, lang)
        return _generate_frame(_replace(frame, lang=lang), combined, replacing=current)
    if u.substance:
        return _generate(u, combined, replacing=current)
    now = understand(text)
    if (now.greeting or now.capability) and not carried:
        return _answer(replies.capabilities(lang), lang)
    if now.thanks and not carried:
        return _answer(replies.thanks(lang), lang)
    return _clarify(u, lang)


def _store_said(u: Understanding, text: str) -> bool:
    """A store monitor is asked for by a store's page or with stock or price words: a plain
    page read to total ("从 https://… 拉取订单，按商品汇总销量") is the request's own steps."""
    if u.topic != "store_monitor" or any(s.kind == "store" for s in u.sources):
        return True
    return bool(v.IN_STOCK.search(text) or v.PRICE_WORD.search(text))


# "检查 <url> 库存接口", "the stock API at <url>": an API the run calls, no product page
_API_SAID = re.compile(r"\b(?:api|endpoint|json)\b|接口", re.IGNORECASE)


def _api_said(u: Understanding, text: str) -> bool:
    """Whether a store monitor's URL is said to be an API: the frame calls it (an HTTP
    Request) and compares what it returns, which the page-check template cannot."""
    return u.topic == "store_monitor" and bool(_API_SAID.search(text))


def _template_covers(u: Understanding, frame: Frame | None) -> bool:
    """Whether the store-monitor / agent template builds every app the frame names: it does
    for the notification channels it read itself ("有货时发Slack消息"), never for an app
    trigger or any other service, nor for an app the frame reads when no store page is
    said (then the frame is compiled instead)."""
    if frame is None:
        return True
    if frame.trigger.app is not None:
        return False
    if any(isinstance(s, Think) and s.kind == "agent" for s in walk(frame.steps)):
        return False  # the frame's own agent, with the tools and steps the request names
    catalog = load_catalog()
    covered = set()
    for action in u.actions:
        spec = catalog.get(ACTION_SUBTYPES.get(action.kind, ""))
        if spec is not None and spec.alias_of is not None:
            covered.add(spec.alias_of.app)
    steps = [s for s in walk(frame.steps) if isinstance(s, ServiceStep) and s.app]
    if any("read" in verb_of(s.operation) for s in steps) and not any(
        s.kind == "store" for s in u.sources
    ):
        return False  # "check what's left in our Airtable base": the app is read, no page
    return {s.app for s in steps} <= covered


def _only_changes(text: str) -> bool:
    """Whether ``text`` only asks to change an existing workflow ("remove the Slack step")."""
    if not has_edit_words(text) and not _CHANGE_VERB.search(text):
        return False
    frame = parse_request(text)
    if frame is not None and frame.trigger.kind not in ("manual", "schedule"):
        return False  # "each time a contact is deleted, remove them from …": a new workflow
    if frame is not None and frame.trigger.kind == "schedule" and not _NAMES_A_PART.search(text):
        return False  # "every night, remove old rows from Postgres": a schedule and its steps
    ops = parse_edits(text, Workflow())
    return bool(ops) and all(op.kind in _CHANGE_ONLY for op in ops)


def _is_new_request(text: str) -> bool:
    """In an edit session: does ``text`` describe a whole new workflow, not a change?"""
    if _REBUILD.search(text):
        return True
    if not _CREATE_VERB.search(text) or _EDIT_WORDS.search(text):
        return False
    u = understand(text)
    if u.substance and (u.trigger is not None or u.topic != "generic"):
        return True
    frame = parse_request(text)
    return frame is not None and frame.trigger.kind != "manual"


def _language(text: str, history: list[tuple[str, str]]) -> Lang:
    """The message's language; a short Latin-only answer ("Slack") keeps the session's."""
    if _CJK.search(text) or len(text.split()) >= 3:
        return detect_lang(text)
    for role, earlier in reversed(history):
        if role == "user" and earlier.strip():
            return detect_lang(earlier)
    return detect_lang(text)


def pending_request(history: list[tuple[str, str]]) -> list[str]:
    """User messages still waiting for an answer: those the assistant answered by asking
    a clarifying question, back to the last turn that was not a question (oldest first)."""
    carried: list[str] = []
    turns = list(history)
    rounds = 0
    while len(turns) >= 2 and rounds < _MAX_CARRIED_TURNS:
        role_a, said = turns[-1]
        role_u, asked = turns[-2]
        if role_a != "assistant" or role_u != "user" or not _is_question(said):
            break
        carried.insert(0, asked.strip())
        turns = turns[:-2]
        rounds += 1
    return carried


def _is_question(reply: str) -> bool:
    if any(marker in reply for marker in replies.CLARIFY_MARKERS):
        return True
    # another provider's clarifying turn: short and ending in a question mark
    return reply.rstrip().endswith(("?", "？")) and len(reply) < 600


def _answer(reply: str, lang: Lang) -> Decision:
    waiting = say("planner.offline.waiting_for_you_to_describe_an", lang)
    return Decision(kind="answer", reply=reply, waiting_message=waiting)


def _generate(u: Understanding, combined: str, replacing: Workflow | None = None) -> Decision:
    intent, assumptions = resolve(u)
    if replacing is not None and replacing.nodes:
        assumptions.insert(
            0,
            say("planner.offline.this_replaces_the_steps_of_its", u.lang, name=replacing.name),
        )
    title = title_for(u, intent)
    plan = Plan(lang=u.lang, text=combined, title=title, intent=intent, assumptions=assumptions)
    preview = compose(intent, u.lang, title, combined)
    return Decision(
        kind="generate",
        reply=replies.generated(u.lang, preview, assumptions),
        assumptions=assumptions,
        request=plan.model_dump(mode="json"),
    )


def _replacing_note(replacing: Workflow | None, lang: Lang) -> list[str]:
    if replacing is None or not replacing.nodes:
        return []
    return [say("planner.offline.this_replaces_the_steps_of_its", lang, name=replacing.name)]


def _generate_frame(frame: Frame, combined: str, replacing: Workflow | None = None) -> Decision:
    """Parse → compile: the workflow is built now and stored in the plan as it is."""
    wf, assumptions = compile_frame(frame)
    assumptions = _replacing_note(replacing, frame.lang) + assumptions
    plan = Plan(
        lang=frame.lang,
        text=combined,
        title=wf.name,
        workflow=wf.model_dump(mode="json"),
        assumptions=assumptions,
    )
    return Decision(
        kind="generate",
        reply=replies.generated(frame.lang, wf, assumptions),
        assumptions=assumptions,
        request=plan.model_dump(mode="json"),
    )


def _clarify(u: Understanding, lang: Lang) -> Decision:
    questions = clarifying_questions(u, lang)[:MAX_QUESTIONS]
    example = say("planner.offline.when_a_new_row_is_added", lang)
    reply = replies.clarify(lang, [(q.question, q.suggestions) for q in questions], example)
    waiting = say("planner.offline.waiting_for_your_answer", lang) + questions[0].question
    return Decision(kind="clarify", reply=reply, questions=questions, waiting_message=waiting)


def _missing_question(text: str, frame: Frame | None, lang: Lang) -> str | None:
    """The question about what a vague request leaves out: what to do with the one service
    it only names ("Hook up Stripe"), or what a bare report holds ("每天给我发个报告")."""
    services = bare_service(text, frame, load_catalog())
    if services:
        service = pick(lang, " and ", " 和 ").join(services)
        return say("planner.offline.what_should_happen_with_service", lang, service=service)
    if sourceless_report(text):
        return say("planner.offline.what_should_the_report_hold", lang)
    if bare_notice(text):
        return say("planner.offline.what_should_the_notice_say", lang)
    if bare_mail_flow(text):  # "帮我做个自动发邮件的流程": to whom, what, when
        return say("planner.offline.what_should_the_mail_say", lang)
    if unsourced_notice(text):
        return say("planner.offline.what_should_be_watched", lang)
    if help_plea(text) or topic_only(text):  # "drowning in sheets. help?", "跟库存有关的"
        return say("planner.offline.what_should_the_workflow_do", lang)
    return None


def _ask(question: str, lang: Lang) -> Decision:
    examples = _pick_list(
        lang,
        ["When a payment succeeds, add a row to Google Sheets", "Every Monday, email me a summary"],
        ["收到付款时，在 Google 表格里加一行", "每周一把汇总发邮件给我"],
    )
    q = Question(question=question, suggestions=examples)
    reply = replies.clarify(lang, [(q.question, q.suggestions)], "")
    waiting = say("planner.offline.waiting_for_your_answer", lang) + question
    return Decision(kind="clarify", reply=reply, questions=[q], waiting_message=waiting)


def _clarify_kind(category: str, frame: Frame, lang: Lang) -> Decision:
    """ "Connect my CRM to …": ask which service of that kind, offering the catalog's."""
    question, names = which_question(category, frame, load_catalog(), lang)
    q = Question(question=question, suggestions=names)
    reply = replies.clarify(lang, [(q.question, q.suggestions)], names[0] if names else "")
    waiting = say("planner.offline.waiting_for_your_answer", lang) + question
    return Decision(kind="clarify", reply=reply, questions=[q], waiting_message=waiting)


def clarifying_questions(u: Understanding, lang: Lang) -> list[Question]:
    """The questions whose answers are missing, most important first (at most three)."""
    out: list[Question] = []
    if not u.substance:
        # nothing to act on: ask what should happen (after the trigger when one is known)
        when = trigger_label(u.trigger, lang) if u.trigger is not None else None
        out.append(
            Question(
                question=(
                    say("planner.offline.what_should_happen", lang, when=when)
                    if when
                    else say("planner.offline.what_should_happen_and_in_which", lang)
                ),
                suggestions=_pick_list(
                    lang,
                    [
                        "Post new form submissions to Slack",
                        "Email me a daily summary of a Google Sheet",
                        "Create a Jira issue for each new support email",
                        "Text me when my website is down",
                    ],
                    [
                        "把新的表单提交发到 Slack",
                        "每天把 Google 表格的汇总发邮件给我",
                        "每封新的客服邮件都创建一个 Jira 工单",
                        "网站宕机时给我发短信",
                    ],
                ),
            )
        )
    if u.trigger is None:
        out.append(
            Question(
                question=say("planner.offline.what_should_start_it", lang),
                suggestions=_pick_list(
                    lang,
                    [
                        "Every hour",
                        "Every day at 9:00",
                        "When a webhook is called",
                        "When an email arrives",
                        "Manually",
                    ],
                    ["每小时", "每天 9 点", "收到 Webhook 请求时", "收到邮件时", "手动运行"],
                ),
            )
        )
    if not u.actions:
        out.append(
            Question(
                question=say("planner.offline.where_should_the_results_go", lang),
                suggestions=_pick_list(
                    lang,
                    ["Email", "Slack", "Telegram", "Google Sheets"],
                    ["邮件", "Slack", "Telegram", "Google 表格"],
                ),
            )
        )
    return out or [
        Question(
            question=say("planner.offline.what_should_the_workflow_do", lang),
            suggestions=[say("planner.offline.describe_it_in_one_sentence", lang)],
        )
    ]


def _pick_list(lang: Lang, en: list[str], zh: list[str]) -> list[str]:
    return zh if lang == "zh" else en


def _decide_edit(text: str, combined: str, lang: Lang, current: Workflow) -> Decision:
    ops = parse_edits(text, current)
    if not ops and combined != text:
        ops = parse_edits(combined, current)
    if not ops:
        now = understand(text)
        if now.thanks:
            return _answer(replies.thanks(lang), lang)
        if now.greeting or now.capability:
            return _answer(replies.capabilities(lang), lang)
        return _clarify_edit(current, lang)
    result = apply_edits(current, ops, lang)
    if not result.changed:
        reply = replies.unchanged(lang, current.name, result.notes)
        waiting = say("planner.offline.waiting_for_your_next_change", lang)
        return Decision(kind="answer", reply=reply, waiting_message=waiting)
    plan = Plan(lang=lang, text=text, title=current.name, edits=ops)
    return Decision(
        kind="generate",
        reply=replies.edited(lang, current.name, result.notes),
        request=plan.model_dump(mode="json"),
    )


def _clarify_edit(current: Workflow, lang: Lang) -> Decision:
    suggestions = []
    if not matching(current, "email"):
        suggestions.append(say("planner.offline.add_an_email_notification", lang))
    if any(x.subtype == "schedule_trigger" for x in current.nodes):
        suggestions.append(say("planner.offline.change_the_schedule_to_every_30", lang))
    if not any(x.subtype in ("approval_email", "approval_slack") for x in current.nodes):
        suggestions.append(say("planner.offline.require_approval_before_notifying", lang))
    suggestions.append(say("planner.offline.also_post_to_slack", lang))
    question = Question(
        question=say("planner.offline.what_should_i_change_in", lang, name=current.name),
        suggestions=suggestions[:4],
    )
    example = suggestions[0]
    reply = replies.clarify(lang, [(question.question, question.suggestions)], example)
    waiting = say("planner.offline.waiting_for_your_answer", lang) + question.question
    return Decision(kind="clarify", reply=reply, questions=[question], waiting_message=waiting)


# --- build ---------------------------------------------------------------------------------


def build(request: dict[str, Any], current: Workflow | None) -> Workflow:
    """The workflow ``request`` (a ``Plan`` from ``decide``) describes.

    A plan with an intent builds from scratch (keeping ``current``'s id and version when
    there is one) and then applies its edits; a plan of edits only changes ``current``.
    """
    plan = Plan.model_validate(request)
    if plan.workflow is not None:
        wf = Workflow.model_validate(plan.workflow)
        if current is not None:
            wf = wf.model_copy(update={"id": current.id, "version": current.version})
    elif plan.intent is not None:
        wf = compose(plan.intent, plan.lang, plan.title, plan.text)
        if current is not None:
            wf = wf.model_copy(update={"id": current.id, "version": current.version})
    elif current is not None:
        wf = current
    else:
        # an edit planned before the workflow existed and still without one: start from
        # what the edit's own text describes
        u = understand(plan.text)
        intent, _ = resolve(u)
        wf = compose(intent, plan.lang, title_for(u, intent), plan.text)
    if plan.edits:
        wf = apply_edits(wf, plan.edits, plan.lang).workflow
    return _layout(wf)


def _layout(wf: Workflow) -> Workflow:
    """Positions from ``auto_layout`` (deterministic); imported lazily so the planner
    still works, unpositioned, in a checkout without the layout module."""
    try:
        from flowsmith.core.layout import auto_layout
    except ImportError:  # pragma: no cover - the layout module ships with flowsmith
        return wf
    return auto_layout(wf)
