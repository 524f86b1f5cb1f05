"""Reading change requests: "remove the Slack step", "把邮件换成Slack", "add email".

``parse_edits`` looks at the workflow only to choose between "add" and "retarget" (an
address for an existing email step changes its recipient). Ops are resolved against the
workflow again when they are applied, which may be a newer version.
"""

from __future__ import annotations

import re

from flowsmith.core.models import NodeFamily, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_read
from flowsmith.planner import edit_words as w
from flowsmith.planner import vocab as v
from flowsmith.planner.edit_ai_output import without_output_nouns
from flowsmith.planner.edit_ai_swap import without_swapped_ai
from flowsmith.planner.edit_ai_verdict import read_ai_verdict
from flowsmith.planner.edit_approval import read_timeout
from flowsmith.planner.edit_calls import read_calls
from flowsmith.planner.edit_chained import chain_made
from flowsmith.planner.edit_days import day_restriction, joined_day_and_hours
from flowsmith.planner.edit_dedupe_store import read_store_dedupe
from flowsmith.planner.edit_every import on_every_path
from flowsmith.planner.edit_files import read_file_edits
from flowsmith.planner.edit_guard_call import as_detour, with_calls
from flowsmith.planner.edit_guard_head import branch_scope
from flowsmith.planner.edit_guard_read import read_guard
from flowsmith.planner.edit_hour_window import windowed_schedule
from flowsmith.planner.edit_hours import hour_restriction
from flowsmith.planner.edit_instead_front import instead_last
from flowsmith.planner.edit_known import read_known
from flowsmith.planner.edit_message_fields import every_item, message_fields
from flowsmith.planner.edit_parts import read_in_parts
from flowsmith.planner.edit_reasons import reason_start
from flowsmith.planner.edit_schedule_time import kept_time
from flowsmith.planner.edit_second_approval import read_second_approval
from flowsmith.planner.edit_tiers import read_tiers
from flowsmith.planner.edit_timed import timed_new_steps
from flowsmith.planner.edit_transform import read_transforms
from flowsmith.planner.edit_translate_some import translate_some
from flowsmith.planner.edit_trigger import read_trigger_swap
from flowsmith.planner.edit_unguard import without_restated
from flowsmith.planner.edit_unknown import read_unknown
from flowsmith.planner.edit_values import read_value_swap
from flowsmith.planner.intent import Understanding, understand
from flowsmith.planner.plan import ActionKind, ActionSpec, AIKind, EditOp
from flowsmith.planner.text import detect_lang, strip_paths, strip_urls

Span = tuple[int, int]
_CHANGE_WORD = re.compile(
    r"\b(?:change|switch|set|make|update|replace|instead|approver|move)\b|改成|改为|换成|改由|换|"
    r"改到|改发到|调到|移到",
    re.IGNORECASE,
)
_ALSO = re.compile(r"\b(?:also|too|as well|additionally)\b|也|再|另外|同时|还要", re.IGNORECASE)
# a clause asking about what a step returned, not for a new step of its service
_CHECKED = re.compile(
    r"\b(?:check|see|verify|make sure)\w*\s+(?:that|whether|if)\b.*\b(?:returned|returns|gave|"
    r"found|got)\b|(?:检查|看看|看一下)[^，,；;]*(?:返回|读到|读出|有没有)",
    re.IGNORECASE,
)
# a colon not inside a time ("No more Google Drive: put it on Nextcloud") ends a clause too
_CLAUSE_END = re.compile(r"[,;，；。.!?！？：\n]|:(?!\d)|\band\b|然后|并且|同时")


def has_edit_words(text: str) -> bool:
    """Whether ``text`` asks to remove or replace something."""
    low = strip_urls(text).lower()
    return bool(v.REMOVE.search(low) or any(p.search(low) for p, _ in v.REPLACE))


def parse_edits(text: str, current: Workflow) -> list[EditOp]:
    """The changes ``text`` asks for, in a stable order: replace, remove, set, add.

    Text consumed by a replace/remove phrase is not read again as an addition, so
    "remove the Slack step" never also adds Slack.
    """
    text = instead_last(text)  # "instead of WeCom, post … to X" -> "post … to X instead of WeCom"
    deadline, text = read_timeout(text, current)  # "48小时没人处理就当作拒绝": not a condition
    text = text[: reason_start(text)]  # "…, it fails all the time and nobody cares": no change
    # "改成每周五跑；发Teams之前先让AI写一段话": each change read on the workflow before it
    parts = read_in_parts(text, current, _parse_rest)
    # "Send it with Mailgun now. Drop the old email step.": a removal and a new step of its
    # kind said in two parts are one replacement, as in one sentence
    ops = _as_replacement(parts) if parts is not None else _parse_rest(text, current)
    return [*ops, deadline] if deadline is not None else ops


def _parse_rest(text: str, current: Workflow) -> list[EditOp]:
    tiers = read_tiers(strip_urls(text), current) or read_known(strip_urls(text), current)
    if tiers is not None:
        # "make it three ways: 80+ -> A, 50-79 -> B, under 50 -> nothing", "if the email is
        # already in Postgres, return 409, don't insert it again": that change alone
        return [tiers]
    second = read_second_approval(strip_urls(text), current)
    if second is not None:
        return [second]  # "… also needs the CFO's approval after the manager's": that alone
    verdict = read_ai_verdict(strip_urls(text), current)
    if verdict is not None:
        return verdict  # "先用AI判断是不是垃圾线索，垃圾的直接丢掉": a classifier, its check
    swap = read_value_swap(strip_urls(text), current)
    if swap is not None:
        return [swap]  # "把urgent改成high": the check's value, nothing else
    u = understand(text)
    if u.trigger is not None and u.trigger.kind == "schedule" and u.channels:
        # "Slack频道改为#daily": a channel's name is no schedule
        masked = re.sub(r"#[A-Za-z0-9_][\w-]*", " ", text)
        again = understand(masked).trigger
        if again is None or again.kind != "schedule":
            u.trigger = None
    low = strip_paths(strip_urls(text)).lower()  # "/备份/notion" names no Notion step
    guard, spans = _scoped_guard(strip_urls(text), current)
    guard = with_calls(text, guard, spans)  # "如果填了邀请码，就调用 https://…"
    guard = as_detour(text, guard, current)  # "…, 先调用 https://… 补全，再存进Airtable"
    service_ops = read_trigger_swap(low, spans, current)
    service_ops += read_file_edits(low, spans)  # "转成CSV", "文件名带上日期"
    # "call https://… before texting": said after the older reader's wait, applied after it
    calls = read_calls(text, low, spans, guard) if len(text) == len(low) else []
    service_ops += edit_read.read(low, spans, current, strip_paths(strip_urls(text)))
    service_ops += read_transforms(low, spans)
    service_ops, restricted = _restricted(text, current, service_ops, low)
    if any(op.kind == "add_wait" for op in service_ops):
        u.wait = None  # a delay the service reader placed
    if any(op.where in ("approved", "rejected") for op in service_ops):
        u.approval = None  # "if rejected, …" places a step; it asks for no approval
    every = on_every_path(strip_urls(text), current, guard, service_ops)
    if every is not None:
        guard, service_ops = every  # "…, negative or not": no condition for the new step
        u.conditions = []
    if guard is not None:
        # the condition, its steps and its otherwise part are the guard's (so are the
        # channels and addresses said in them: those of its new steps)
        # "工作日白天（9点到18点）…": the days read beside the guard's hours are its own
        service_ops = joined_day_and_hours([guard, *service_ops])
        u.conditions = []
        u.approval = None
        u.channels = [x for x in u.channels if not _said_in(low, x, spans)]
        u.emails = [x for x in u.emails if not _said_in(low, x, spans)]
    # an address said as a copy or the sender is not a new recipient
    copied = {(m.group("addr") or m.group("zaddr") or m.group("faddr")) for m in w.CC.finditer(low)}
    u.emails = [x for x in u.emails if x.lower() not in copied]
    ops = _replacements(low, spans, u, {x.subtype for x in current.nodes})
    ops += _removals(low, spans)
    rescheduled = any(op.kind == "set_schedule" for op in service_ops)
    rescheduled = rescheduled or restricted is not None
    if u.trigger is not None and u.trigger.kind == "schedule" and not rescheduled:
        said = u.trigger.schedule
        if said is not None:  # "every other Friday, same time": the old time stays
            said = kept_time(text, said, current)
        ops.append(EditOp(kind="set_schedule", schedule=said))
    present = {node.subtype for node in current.nodes}
    ops += _retargets(u, low, present, current)
    ai_present = any(node.type == NodeFamily.AI_AGENT for node in current.nodes)
    ops += _additions(u, low, present, spans, ops, ai_present)
    ops = _without_duplicates(ops, service_ops, low)
    order = {
        "replace_trigger": 0,
        "replace_step": 0,
        "replace_action": 0,
        "remove": 1,
        "move": 2,
        "set_param": 3,
        # after the unconditional additions: "also post to Slack and only email sales if …"
        # puts Slack beside the email as it was, not behind the new check
        "add_guard": 5,
    }
    apps = {s.app for x in current.nodes if (s := node_service(x)) is not None}
    merged = chain_made(low, _as_replacement([*service_ops, *ops], frozenset(apps)), apps)
    merged = translate_some(low, current, merged) or merged  # "some … are in German"
    merged = read_store_dedupe(low, merged)  # "… use Redis to remember what we've seen"
    # "周末也发一封邮件给我": a new email the older reader added, the time check its own
    merged = timed_new_steps(text, current, merged, detect_lang(text)) or merged
    # "put the price in the Telegram message too, and log every check to Baserow"
    merged = every_item(text, current, merged) + message_fields(strip_urls(text), current)
    merged = without_swapped_ai(merged, current)  # "swap the summarizer for Claude and have it …"
    merged += calls
    merged = without_restated(low, current, merged)
    merged = without_output_nouns(
        low, current, merged
    )  # "save every summary to Notion too"  # "remove the check, all go to X"
    merged += read_unknown(strip_urls(text), current, merged)  # "also toot it on Mastodon"
    return sorted(merged, key=lambda op: order.get(op.kind, 4))


_PREAMBLE = re.compile(r"^[^:：\n,，;；]{3,60}?[:：](?!\d)\s*")


def _scoped_guard(text: str, current: Workflow) -> tuple[EditOp | None, list[tuple[int, int]]]:
    """The guard ``text`` says; under a heading naming an existing check's output ("不是
    critical的告警：warning级别的…") the one its rest says (the heading spent with it)."""
    at = branch_scope(text, current)
    if at is not None:
        guard, spans = read_guard(text[at:], current)
        if guard is not None:
            return guard, [(0, at), *((a + at, b + at) for a, b in spans)]
    found = read_guard(text, current)
    remark = _PREAMBLE.match(text)
    if found[0] is not None or remark is None or edit_read.named(remark.group(0).lower()):
        return found
    # "the feed is noisy: skip posts under 500 characters": a remark naming no step, then
    # the change (the remark spent with it)
    at = remark.end()
    guard, spans = read_guard(text[at:], current)
    if guard is None:
        return found
    return guard, [(0, at), *((a + at, b + at) for a, b in spans)]


def _restricted(
    text: str, current: Workflow, ops: list[EditOp], low: str
) -> tuple[list[EditOp], list[EditOp] | None]:
    """``ops`` with the day or hour restriction ``text`` says, and the restricted ops (None
    when it says none). A check said for a new step is that step's alone."""
    lang = detect_lang(text)
    # "also text me …, but only between 8am and 10pm": the new step's own check, read before
    # a schedule's window (which it never is when the edit says nothing of when runs happen)
    timed_new = timed_new_steps(text, current, ops, lang)
    if timed_new is not None:
        return timed_new, timed_new
    windowed = windowed_schedule(text, current)
    if windowed is not None:  # "every 20 minutes but only between 8am and midnight"
        ops = [op for op in ops if op.kind != "set_schedule"]
        return [*ops, windowed], [windowed]
    restricted = day_restriction(text, current, ops, subjects_in(low), lang)
    ops = ops if restricted is None else restricted
    timed = hour_restriction(text, current, ops, subjects_in(low), lang)
    ops = ops if timed is None else timed
    return ops, restricted if timed is None else timed


_MESSAGE_KINDS = frozenset({"email", "gmail", "slack", "telegram", "discord", "teams", "sms"})


def _said_in(low: str, word: str, spans: list[tuple[int, int]]) -> bool:
    pos = low.find(word.lower())
    return pos >= 0 and any(a <= pos < b for a, b in spans)


def _as_replacement(ops: list[EditOp], present: frozenset[str] = frozenset()) -> list[EditOp]:
    """ "改为发到钉钉，不要Slack了", "remove the email and add a Slack message": one step
    removed and one of the same kind (a message for a message, a service step that sends
    nothing for another) added with no place of its own is a replacement (it takes the old
    place). A step of an app the flow already uses (``present``: "不要Google表格了，订单先
    存到Airtable，再发Slack" where Slack posts already) restates that step: it is no new one."""
    removes = [op for op in ops if op.kind == "remove" and op.subject and op.where is None]
    bare = [op for op in ops if op.kind in ("replace_step", "replace_action") and not op.subject]
    if len(removes) == 1 and len(bare) == 1:
        # "drop the Airtable step and add a Notion page instead": that step is replaced
        merged = bare[0].model_copy(update={"subject": removes[0].subject})
        return [merged if op is bare[0] else op for op in ops if op is not removes[0]]
    adds = [
        op
        for op in ops
        if op.kind in ("add_step", "add_action")
        and op.where is None
        and op.anchor is None
        and not (op.step and ec.parse_step(op.step)[0] in present)
    ]
    if len(removes) != 1 or len(adds) != 1:
        return ops
    old, new = _kind_of_subject(removes[0].subject or ""), _kind_of_add(adds[0])
    if old is None or new is None or old[1] != new[1] or (not old[1] and old[0] is None):
        return ops
    add = adds[0]
    if add.kind == "add_step":
        merged = EditOp(kind="replace_step", subject=removes[0].subject, step=add.step)
    else:
        merged = EditOp(kind="replace_action", subject=removes[0].subject, action=add.action)
    return [merged, *(op for op in ops if op is not removes[0] and op is not add)]


def _kind_of_subject(subject: str) -> tuple[str | None, bool] | None:
    """(category, sends a message) of the step a subject names, when it says."""
    first = subject.split("|")[0]
    if first.startswith("app:"):
        app, resource, _ = ec.parse_step(first)
        spec = ec.app(app)
        if spec is None:
            return None
        return spec.category, spec.category == "messaging" or eg.resource_notifies(resource)
    return (None, True) if first in _MESSAGE_KINDS else None


def _kind_of_add(op: EditOp) -> tuple[str | None, bool] | None:
    if op.kind == "add_action":
        return (None, True) if op.action and op.action.kind in _MESSAGE_KINDS else None
    app, resource, _ = ec.parse_step(op.step or "")
    spec = ec.app(app)
    if spec is None:
        return None
    return spec.category, spec.category == "messaging" or eg.resource_notifies(resource)


def _without_duplicates(ops: list[EditOp], service_ops: list[EditOp], low: str) -> list[EditOp]:
    """The older readers' ops minus those a service-aware op already says."""
    added = edit_read.mentioned_words(service_ops, low)
    set_values = {op.value for op in service_ops if op.kind == "set_param"}
    # "把#news换成#ops": the swap's old value is not a new target either
    set_values |= {
        (op.param or "").removeprefix("value:")
        for op in service_ops
        if op.kind == "set_param" and (op.param or "").startswith("value:")
    }
    # "translate it with DeepL": the service's own operation does the AI step's work
    done_by_app = {
        ec.parse_step(op.step or "")[2]
        for op in service_ops
        if op.kind == "add_step" and (op.step or "").startswith("app:")
    }
    # "send the email with Mailgun": the service's mail send is the email, not a second one
    mailed = any(
        op.kind == "add_step" and eg.mail_resource(ec.parse_step(op.step or "")[1])
        for op in service_ops
    )
    out: list[EditOp] = []
    for op in ops:
        if op.kind == "add_ai" and op.ai is not None and op.ai.kind in done_by_app:
            continue
        if mailed and op.kind == "add_action" and op.action and op.action.kind == "email":
            continue
        if op.kind == "add_action" and op.action is not None:
            subject = v.ACTION_SUBJECT.get(op.action.kind)
            pattern = v.SUBJECTS[subject][0] if subject in v.SUBJECTS else v.ACTIONS[op.action.kind]
            if any(pattern.search(word) for word in added):
                continue
        if op.kind in ("set_target", "set_param") and op.value in set_values:
            continue
        out.append(op)
    return out


def subjects_in(text: str) -> list[str]:
    """Subject keys named in ``text``, in order of appearance (stores as ``store:<key>``)."""
    found: list[tuple[int, str]] = []
    for store in v.STORES:
        m = store.pattern.search(text)
        if m:
            found.append((m.start(), f"store:{store.key}"))
    for key, (pattern, _) in v.SUBJECTS.items():
        m = pattern.search(text)
        if m and all(pos != m.start() for pos, _ in found):
            found.append((m.start(), key))
    return list(dict.fromkeys(key for _, key in sorted(found)))


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _outside(pattern: re.Pattern[str], low: str, spans: list[Span]) -> bool:
    """Whether ``pattern`` occurs somewhere not consumed by a remove/replace phrase."""
    return any(not _inside(m.start(), spans) for m in pattern.finditer(low))


def _action_kind(text: str) -> ActionKind | None:
    hits = [(m.start(), kind) for kind, p in v.ACTIONS.items() if (m := p.search(text))]
    return min(hits)[1] if hits else None


def _target_for(kind: str, u: Understanding) -> str | None:
    if kind in ("email", "gmail") and u.emails:
        return u.emails[0]
    if kind == "slack" and u.channels:
        return u.channels[0]
    return None


def _replacements(low: str, spans: list[Span], u: Understanding, present: set[str]) -> list[EditOp]:
    ops: list[EditOp] = []
    for pattern, order in v.REPLACE:
        for m in pattern.finditer(low):
            if _inside(m.start(), spans):
                continue
            new_text, old_text = _new_and_old(m, order)
            kind = _action_kind(new_text)
            if kind is None:
                continue  # "把时间改成每30分钟" is a schedule change, read elsewhere
            olds = subjects_in(old_text)
            new_subject = v.ACTION_SUBJECT.get(kind)
            used = new_subject in v.SUBJECTS and bool(present & v.SUBJECTS[new_subject][1])
            if used and not (olds and olds[0] in v.ACTION_SUBJECT.values()):
                continue  # "use the title as the Slack message instead of the summary"
            action = ActionSpec(kind=kind, target=_target_for(kind, u))
            ops.append(
                EditOp(kind="replace_action", subject=olds[0] if olds else None, action=action)
            )
            spans.append((m.start(), m.end()))
    return ops


def _new_and_old(m: re.Match[str], order: str) -> tuple[str, str]:
    if order == "new":
        return m.group(1), ""
    if order == "new_old":
        return m.group(1), m.group(2)
    return m.group(2), m.group(1)


_AT_TIME = re.compile(
    r"\b(?:at|after|before)\s+(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)|night|midnight)\b|"
    r"\b(?:overnight|at night|in the middle of the night)\b|半夜|凌晨|深夜|夜里"
)


def _removals(low: str, spans: list[Span]) -> list[EditOp]:
    ops: list[EditOp] = []
    for m in w.REMOVE.finditer(low):
        if _inside(m.start(), spans):
            continue
        end_match = _CLAUSE_END.search(low, m.end())
        end = end_match.start() if end_match else len(low)
        if _AT_TIME.search(low[m.end() : end]):
            continue  # "I don't want emails at 3am": when, not whether (a window says it)
        # from the verb on: "don't send email" names its subject inside the verb phrase
        subjects = subjects_in(low[m.start() : end])
        ops += [EditOp(kind="remove", subject=s) for s in subjects]
        if subjects:
            spans.append((m.start(), end))
    for m in w.REMOVE_AFTER.finditer(low):
        start, _ = edit_read.clause_at(low, m.start())
        if _inside(start, spans):
            continue
        subjects = subjects_in(low[start : m.start()])
        ops += [EditOp(kind="remove", subject=s) for s in subjects]
        if subjects:
            spans.append((start, m.end()))
    return ops


def _has_channel(current: Workflow) -> bool:
    return any(k in x.parameters for x in current.nodes for k in w.PARAM_KEYS["channel"])


def _retargets(u: Understanding, low: str, present: set[str], current: Workflow) -> list[EditOp]:
    """New addresses/channels/links for steps that exist: change them in place."""
    ops: list[EditOp] = []
    approvals = present & {"approval_email", "approval_slack"}
    # "ask the CFO instead of my boss": who approves, where an approval step exists
    about_approval = v.APPROVAL.search(low) is not None or bool(
        approvals and re.search(r"\bask\b|请示|改由", low)
    )
    if u.emails and present & {"send_email", "gmail_send"} and not about_approval:
        if _ALSO.search(low) and not _CHANGE_WORD.search(low):
            # "also email boss@acme.io": one more recipient of the email step
            ops.append(
                EditOp(kind="set_param", subject="email", param="add:recipient", value=u.emails[0])
            )
        else:
            ops.append(EditOp(kind="set_target", subject="email", value=u.emails[0]))
    if u.channels and "slack_message" in present and not about_approval:
        ops.append(EditOp(kind="set_target", subject="slack", value=u.channels[0]))
    elif u.channels and not about_approval and _CHANGE_WORD.search(low) and _has_channel(current):
        # "send it to #ops instead" where another chat app posts: its channel parameter
        ops.append(EditOp(kind="set_param", param="channel", value=u.channels[-1]))
    if about_approval and approvals and (u.emails or u.channels) and _CHANGE_WORD.search(low):
        # "change the approver to cfo@acme.io", "ask #finance for the approval instead"
        value = u.emails[0] if "approval_email" in approvals and u.emails else None
        value = value or (u.channels[0] if u.channels else None)
        if value is not None:
            ops.append(EditOp(kind="set_target", subject="approval", value=value))
    for src in u.sources:
        if src.kind == "store" and src.url and "web_page_check" in present:
            subject = _checked_page(current, low, f"store:{src.store}")
            ops.append(EditOp(kind="set_target", subject=subject, value=src.url))
    return ops


def _checked_page(current: Workflow, low: str, subject: str) -> str:
    """The page check a new product link goes to: the one on that store when there is one;
    else, "swap Target for Walmart, the page is …", the check on the store the text names
    and the flow has, or the flow's only page check (one store's page for another's)."""
    if eg.find(current, subject):
        return subject
    checks = [x for x in current.nodes if x.subtype == "web_page_check"]
    for named in subjects_in(low):
        if named.startswith("store:") and eg.find(current, named):
            return named
    return f"node:{checks[0].id}" if len(checks) == 1 else subject


def _additions(
    u: Understanding,
    low: str,
    present: set[str],
    spans: list[Span],
    done: list[EditOp],
    ai_present: bool,
) -> list[EditOp]:
    retargeted = {
        op.subject
        for op in done
        if op.kind == "set_target"
        or (op.kind == "set_param" and (op.param or "").startswith("add:"))
    }
    replaced = {op.action.kind for op in done if op.kind == "replace_action" and op.action}
    ops: list[EditOp] = []
    for mention in u.actions:
        if _inside(mention.pos, spans) or mention.kind in replaced:
            continue
        if v.ACTION_SUBJECT.get(mention.kind) in retargeted:
            continue
        clause = edit_read.clause_at(low, mention.pos)
        if _CHECKED.search(low[clause[0] : clause[1]]):
            continue  # "check that Airtable returned something": the read's result, no new step
        action = ActionSpec(kind=mention.kind, target=_target_for(mention.kind, u))
        place = edit_read.place_in(low, clause)
        if place.span is not None and place.span[0] <= mention.pos < place.span[1]:
            continue  # "after the Slack step": the anchor, not a new step
        ops.append(EditOp(kind="add_action", action=action, where=place.where, anchor=place.anchor))
    moved = {op.value for op in done if op.kind == "set_target"}
    ops += _added_sources(u, low, spans, retargeted, moved)
    ops += [
        EditOp(kind="add_ai", ai=step, subject=_before_what(low, asked))
        for step in u.ai
        if (asked := _ai_said(step.kind, low, ai_present)) and _outside(asked, low, spans)
    ]
    placed = any(op.where in ("approved", "rejected") for op in ops) or "approval" in retargeted
    if u.approval is not None and _outside(v.APPROVAL, low, spans) and not placed:
        ops = _with_approval(u, present, ops, _before_what(low, v.APPROVAL))
    if u.wait is not None and not any(op.subject == "wait" for op in done):
        said = next((p for p in (v.SUBJECTS["wait"][0], *v.WAIT) if p.search(low)), None)
        subject = _before_what(low, said) if said is not None else None
        ops.append(EditOp(kind="add_wait", wait=u.wait, subject=subject))
    for cond in u.conditions:
        if cond.kind != "in_stock" or _outside(v.IN_STOCK, low, spans):
            ops.append(EditOp(kind="add_condition", condition=cond))
    return ops


def _ai_said(kind: AIKind, low: str, ai_present: bool) -> re.Pattern[str] | None:
    """The words that asked for a new AI step of ``kind``: its own ("summarize", "分类"), or,
    for a step read from AI being named alone ("让AI把汇总写成一段话"), the AI's name; but
    AI named alone in a workflow that has an AI step already means that step ("skip the GPT
    step for…"), so it asks for none."""
    own = v.AI_STEPS[kind]
    if own.search(low):
        return own
    return None if ai_present else v.AI_NAMED


def _before_what(low: str, pattern: re.Pattern[str]) -> str | None:
    """The step a new AI step or wait goes in front of: "before posting to Slack", "发Slack前"."""
    m = pattern.search(low)
    if m is None:
        return None
    place = edit_read.place_in(low, edit_read.clause_at(low, m.start()))
    if place.where == "loop":
        return "loop:first"  # "在循环里…等待": at the start of each pass
    return place.anchor if place.where == "before" else None


def _added_sources(
    u: Understanding,
    low: str,
    spans: list[Span],
    retargeted: set[str | None],
    moved: set[str | None],
) -> list[EditOp]:
    ops: list[EditOp] = []
    for src in u.sources:
        store = v.STORE_BY_KEY.get(src.store or "")
        subject = f"store:{src.store}"
        if src.kind != "store" or store is None or subject in retargeted:
            continue
        if src.url and src.url in moved:
            continue  # the link went to the page check already there
        if src.url or _outside(store.pattern, low, spans):
            ops.append(EditOp(kind="add_source", source=src, subject=subject))
    return ops


def _with_approval(
    u: Understanding, present: set[str], ops: list[EditOp], before: str | None = None
) -> list[EditOp]:
    """ "Approval before posting to Slack": guard Slack, and don't add a second Slack;
    "… to approve before emailing sales": the step the place names."""
    subject = before or next((v.ACTION_SUBJECT.get(a.kind) for a in u.actions), None)
    if subject in v.SUBJECTS and present & v.SUBJECTS[subject][1]:
        ops = [
            op
            for op in ops
            if not (
                op.kind == "add_action"
                and op.action
                and v.ACTION_SUBJECT.get(op.action.kind) == subject
            )
        ]
    # an existing approval step is reported by apply_edits, not duplicated
    return [*ops, EditOp(kind="add_approval", approval=u.approval, subject=subject)]
