"""The request parser's third pass: the steps of one clause.

Invariants: every service word comes from the catalog through
:mod:`flowsmith.planner.services`; within a clause reads come first, then transforms and
thinking, then writes, so data a step refers to is produced upstream of it. Pure: no I/O,
no clock.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner import lexicon_verbs as lxv
from flowsmith.planner import parse_roles as roles
from flowsmith.planner import vocab as v
from flowsmith.planner.frame import (
    CoreStep,
    Respond,
    ServiceStep,
    Think,
    Transform,
    Wait,
)
from flowsmith.planner.parse_approval_ask import without_ask
from flowsmith.planner.parse_approver import approver_of
from flowsmith.planner.parse_bulk import bulk_steps
from flowsmith.planner.parse_channel import chat_trigger, notice_to_person, review_asked
from flowsmith.planner.parse_channel_post import channel_post
from flowsmith.planner.parse_conditions import parse_condition, qualifier_condition
from flowsmith.planner.parse_context import (
    CJK,
    EN_COUNT,
    TOKEN,
    WAIT_UNIT,
    Context,
    unmask,
)
from flowsmith.planner.parse_convert import file_conversion, format_span
from flowsmith.planner.parse_items_read import on_each_item
from flowsmith.planner.parse_named_verb import as_message, named_as_verb
from flowsmith.planner.parse_one_message import gathers_at
from flowsmith.planner.parse_same_app import same_app_step, same_channel_message
from flowsmith.planner.parse_step_parts import (
    KEPT_NOUN,
    THAT_ZH,
    THE,
    WITHIN_APP,
    api_call,
    api_read,
    by_resource_word,
    can_read,
    core_params,
    emails,
    filter_body,
    from_elsewhere,
    is_trigger_word,
    kept_state,
    removes,
    verb_of_op,
)
from flowsmith.planner.parse_thinking import thinking
from flowsmith.planner.parse_totals import summed_field, top_n
from flowsmith.planner.parse_tree import DraftApproval, DraftLoop
from flowsmith.planner.parse_trigger_place import into_trigger_place
from flowsmith.planner.parse_unknown import unknown_service
from flowsmith.planner.parse_verbs import clause_verb, mention_verb, verbless
from flowsmith.planner.parse_wait_until import relative_wait
from flowsmith.planner.parse_write_back import back_to_item, sets_own_state
from flowsmith.planner.service_words import phrase_in
from flowsmith.planner.text import zh_number

# "加一句“检查前8小时请勿进食”": words quoted as a message's text say no wait of the flow
_QUOTE_SAID = re.compile(r"[“「『\"][^”」』\"]{1,120}[”」』\"]")


def _blanked(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def clause_actions(clause: str, ctx: Context) -> list[Any]:
    """The steps one clause asks for: reads, then transforms and thinking, then writes."""
    text = clause.strip(" ,，")
    if not text or text == "__it__":
        return []
    reads: list[Any] = []
    middle: list[Any] = []
    writes: list[Any] = []
    phrase = unmask(text, ctx)
    blocks: list[Any] = []

    unquoted = _QUOTE_SAID.sub(_blanked, text)
    m = lx.WAIT.search(unquoted)
    relative = relative_wait(unquoted)
    if relative is not None:  # "wait until the day before the appointment"
        middle.append(relative)
    elif m:
        middle.append(Wait(seconds=_wait_seconds(m), phrase=m.group(0)))
    if lx.APPROVAL.search(text) and not review_asked(text, ctx):
        channel = (
            "slack"
            if v.APPROVAL_SLACK.search(text)
            else "form"
            if v.APPROVAL_FORM.search(text)
            else "email"
        )
        blocks.append(DraftApproval(channel=channel, phrase=phrase, approver=approver_of(phrase)))
        asked = v.APPROVAL_EMAIL.sub(" ", v.APPROVAL_SLACK.sub(" ", text))  # where asked
        text = lx.APPROVAL.sub(" ", asked)
    if lx.LOOP.search(text) and not re.search(r"\bfor (?:each|every)\s+__it__", text, re.I):
        blocks.append(DraftLoop(phrase=phrase))  # "for every new release": the trigger's one
    replies = ctx.trigger_kind == "webhook" and _REPLY_START.match(text) is not None
    replies = replies and not ctx.trigger_app
    if (lx.RESPOND.search(text) or replies) and roles.answers_caller(text, ctx):
        writes.append(Respond(phrase=phrase))
        return [*middle, *writes, *blocks]

    said = thinking(text, phrase, ctx) + _transforms(text, phrase, ctx)
    converted = file_conversion(text, phrase)
    if converted is not None:  # "转成CSV上传到…": the file the upload gets
        said.append(converted)
    span = format_span(text)
    # the format of a conversion ("导出成Excel") names no app
    plain = text if span is None else text[: span[0]] + " " * (span[1] - span[0]) + text[span[1] :]
    svc_reads, svc_writes = _services(plain, phrase, ctx)
    if any(_is_ai_app(s, ctx) for s in [*svc_reads, *svc_writes]):
        # "have ChatGPT draft a reply", "ask Claude to categorise it": the named AI does it
        said = [(at, st) for at, st in said if not isinstance(st, Think)]
    middle += [st for _, st in sorted(said, key=lambda x: x[0])]
    if (
        not svc_reads
        and not svc_writes
        and ctx.last_write is not None
        and roles.again(text, clause)
    ):
        svc_writes = [ctx.last_write]  # "…，然后在活动前1天再发一次提醒": the same message
    if not svc_reads and not svc_writes:
        svc_writes = same_app_step(text, phrase, ctx)  # "…, below 10 switch on the heater"
    if not svc_reads and not svc_writes:
        svc_writes = same_channel_message(phrase, ctx)  # "…，没超就发一句“不错”"
    reads += svc_reads
    writes += svc_writes
    if svc_writes:
        ctx.last_write = svc_writes[-1]
    for block in blocks:
        if isinstance(block, DraftApproval):
            block.approved += without_ask(block, writes, clause)
            return [*reads, *middle, block]
    if blocks and isinstance(blocks[-1], DraftLoop):
        return [*reads, *middle, blocks[-1], *writes]
    return [*reads, *middle, *writes, *blocks]


# "if not, add it", "不存在就添加": a write of the item on the app just looked up
_ADD_IT = re.compile(
    r"\s*(?:add|create|insert|save)\s+(?:it|them)\b|\s*(?:就)?(?:添加|新建|加入|创建)(?:它|他们|进去)?\s*$",
    re.IGNORECASE,
)
# the items a step before read, said again: "archive them", "把它们删掉"
_THEM = re.compile(r"\b(?:them|it|those|these|each|each one)\b|它们|它|这些|那些", re.IGNORECASE)
# "…, and reply with the customer id" after a webhook start: the answer to the caller
_REPLY_START = re.compile(r"\s*(?:and\s+|then\s+)?(?:reply|answer|send back)\b", re.IGNORECASE)


def _is_ai_app(step: Any, ctx: Context) -> bool:
    return (
        isinstance(step, ServiceStep)
        and step.app in ctx.index.apps
        and ctx.index.apps[step.app].category == "ai"
    )


def _wait_seconds(m: re.Match[str]) -> float:
    groups = [g for g in m.groups() if g]
    if len(groups) < 2:
        return 86400.0  # "the next morning", "第二天": a day
    count, unit = groups[0], groups[1].lower()
    n = EN_COUNT.get(count.lower()) or zh_number(count) or 1
    return float(n * WAIT_UNIT.get(unit, 60))


def _transforms(text: str, phrase: str, ctx: Context) -> list[tuple[int, Any]]:
    out: list[tuple[int, Any]] = []
    m = lx.FILTER.search(text)
    if m:
        body = text[m.end() :]
        cond = (
            parse_condition(filter_body(body), ctx)
            or kept_state(body, ctx)
            or qualifier_condition(KEPT_NOUN.sub("", body, count=1), ctx, alone=True)
        )
        params: dict[str, Any] = {"condition": cond} if cond else {}
        out.append((m.start(), Transform(kind="filter", params=params, phrase=phrase)))
    m = lx.DEDUPE.search(text)
    if m:
        out.append((m.start(), Transform(kind="dedupe", phrase=phrase)))
    top = top_n(text)
    m = lx.SORT.search(text)
    if top is not None:  # "the 5 most-viewed": sort on that field, keep N (not a max)
        out.append((top[0], Transform(kind="sort", params={"field": top[2]}, phrase=phrase)))
        out.append((10**6, Transform(kind="limit", params={"max_items": top[1]}, phrase=phrase)))
    elif m:
        by = re.search(r"\bby\s+([a-z_]+)", text[m.start() :], re.IGNORECASE)
        field = by.group(1).lower() if by else _zh_sort_field(text)
        params = {"field": field} if field else {}
        out.append((m.start(), Transform(kind="sort", params=params, phrase=phrase)))
    group = _group_by(text)
    for op, pattern in lx.AGGREGATE.items():
        m = pattern.search(text)
        if m and top is not None and op in ("max", "min"):
            continue  # "the 3 highest": a ranking, said with a max word
        if m and "aggregate" in ctx.made and _MADE_BEFORE.search(text[: m.start()]):
            break  # "post the total to Slack": the total made upstream
        if m and _EXTRACTED.search(text[: m.start()]):
            break  # "extract the total with AI": a field to extract, not a sum
        if m and _ITEM_FIELD.search(text[: m.start()]):
            break  # "raise an invoice for the order total": the item's field, not a sum
        if m:
            ctx.made.add("aggregate")
            of = re.search(r"\b(?:of|on)\s+(?:the\s+)?([a-z_]+)", text[m.end() :], re.IGNORECASE)
            said = summed_field(text, m.start(), m.end()) if op == "sum" else None
            fld = said or (of.group(1).lower() if of else "amount")
            params = {"operation": op, "field": fld}
            if group:
                params["group_by"] = [group]
            out.append((m.start(), Transform(kind="aggregate", params=params, phrase=phrase)))
            break
    else:
        m = lx.GROUP_WORD.search(text)
        if m and group:
            params = {"operation": "count", "field": group, "group_by": [group]}
            out.append((m.start(), Transform(kind="aggregate", params=params, phrase=phrase)))
    m = lx.SPLIT.search(text)
    if m:
        out.append((m.start(), Transform(kind="split", phrase=phrase)))
    m = lx.TEMPLATE.search(text)
    if m:
        out.append((m.start(), Transform(kind="template", phrase=phrase)))
    at = gathers_at(text)
    if at is not None:  # "in ONE email not one per item": the items gathered first
        out.append((at, Transform(kind="code", params={"collect": True}, phrase=phrase)))
    m = lx.LIMIT_N.search(text)
    if m and top is None:
        n = lx.limit_count(m)
        out.append((10**6, Transform(kind="limit", params={"max_items": n}, phrase=phrase)))
    return out


# "按金额排序", "按照创建时间从新到旧排序": the field a Chinese sort names, before its sort word
_BY_ZH = re.compile(r"按(?:照)?\s*([\u4e00-\u9fff\w]{1,6}?)\s*(?=从|由|排|降|升|进行)")


def _zh_sort_field(text: str) -> str | None:
    """The field "按X排序" sorts on: X by the catalog's Chinese field names, or X itself when
    it is already a field key ("按price排序"); None when X is a word we have no field for."""
    m = _BY_ZH.search(text)
    if m is None:
        return None
    word = m.group(1)
    if word in lx.FIELD_ZH_NAMES:
        return lx.FIELD_ZH_NAMES[word]
    return word.lower() if re.fullmatch(r"[A-Za-z_]\w*", word) else None


_EXTRACTED = re.compile(
    # "pull out the invoice number, vendor and total": the total ends a list of fields
    r"(?:extract\w*|pull out|pars\w+|提取|抽取|识别)\s*"
    r"(?:(?:the|its|their|\w+)(?:\s*[,&]\s*|\s+)){0,8}$|"
    r"(?:提取|抽取|识别)\S{0,6}$",
    re.IGNORECASE,
)
_MADE_BEFORE = re.compile(r"\b(?:the|this|that|its|their)\s+$|(?:把|将)\s*$", re.IGNORECASE)


# "for the order total", "with the cart total": a field of the item, named by its noun
_ITEM_FIELD = re.compile(r"\b(?:for|with)\s+(?:the|its|their|this|that)\s+[a-z]+\s+$", re.I)


def _group_by(text: str) -> str | None:
    """The field items are grouped by ("group them by label" -> label, "按负责人" -> 负责人)."""
    m = lx.GROUP_BY.search(TOKEN.sub(" ", text))
    if m is None:
        return None
    said = next((g for g in m.groups() if g), "").strip().lower()
    return lx.FIELD_ZH_NAMES.get(said, said.replace(" ", "_")) or None


def _services(text: str, phrase: str, ctx: Context) -> tuple[list[Any], list[Any]]:
    """The reads and the writes of a clause's services: named apps and core services, URLs,
    then the channels said without a service (SMS, email) and the services said without a
    catalog name (an unknown name, a resource of an app named before)."""
    reads: list[Any] = []
    writes: list[Any] = []
    verb = clause_verb(text)
    mentions = [m for m in ctx.index.mentions(text) if not is_trigger_word(m, text, ctx)]
    if TOKEN.search(text):
        # "send it to our EU warehouse API <url>": the URL is the target, not a resource word
        mentions = [m for m in mentions if not by_resource_word(m, ctx)]
    mailed = ctx.trigger_kind == "email" or bool(ctx.trigger_app and emails(ctx, ctx.trigger_app))
    if mailed and roles.REPLY.search(text):
        # "reply asking the sender to attach the file": the reply is the step; a resource
        # word ("file", "附件") names what the sender is asked for, not an app to write to
        mentions = [m for m in mentions if not by_resource_word(m, ctx)]
    notice = notice_to_person(text)
    if notice:  # "send a payment reminder to every client": the client is no app's record
        mentions = [m for m in mentions if not by_resource_word(m, ctx)]
    seen: set[tuple[str, str, str]] = set()
    for i, mention in enumerate(mentions):
        local = mention_verb(text, mentions, i, verb, ctx)
        own = _own_words(text, mentions, i) if i and local != verb else None
        found = _mention_step(text, phrase, mention, local, seen, ctx, own)
        if found is not None:
            (reads if found[0] == "read" else writes).append(found[1])
    reads, writes = bulk_steps(text, phrase, verb, reads, writes, ctx)
    for kind, step in _url_steps(text, phrase, verb, ctx):
        (reads if kind == "read" else writes).append(step)
    if not writes and lx.SMS_WORD.search(text):
        writes.append(_sms_step(text, phrase, ctx))
    elif (
        not writes
        and (lx.EMAIL_WORD.search(text) or notice or (ctx.mails and TOKEN.search(text)))
        and (lx.CREATE_VERB.search(text) or lx.NOTIFY_WORD.search(text))
        and not roles.reads_email(text)
        and not roles.email_field(text)
        and not any(m.app and emails(ctx, m.app) for m in mentions)
    ):
        writes.append(CoreStep(subtype="send_email", params=core_params(text, ctx), phrase=phrase))
    elif not mentions and not reads and not writes:
        for kind, step in _unnamed_steps(text, phrase, verb, ctx):
            (reads if kind == "read" else writes).append(step)
    elif reads and not writes and lx.NOTIFY_WORD.search(text):
        # "把Jira问题汇总后提醒项目负责人": read, then tell someone (by email: no channel said)
        ctx.notes.append("notify:email")
        writes.append(CoreStep(subtype="send_email", params=core_params(text, ctx), phrase=phrase))
    return reads, writes


# "写进", "存到", "导入": a Chinese verb of putting data somewhere
_ZH_INTO = re.compile(r"(?:写|存|记|发|加|放|导|推|同步|传|贴|录|填|插)(?:到|进|入)")
_A_VERB = (lx.CREATE_VERB, lx.COPY_VERB, lx.READ_VERB, lx.UPDATE_VERB, lx.DELETE_VERB, _ZH_INTO)


def _own_words(text: str, mentions: list[Any], i: int) -> str:
    """The words of mention ``i`` alone in a clause whose verb is another mention's ("从Redis
    读取key为“a:b”的值写进Google Sheets"): from the last verb between the mention before and
    it ("写进Google Sheets"), else from the end of the mention before; the read's key or
    name is not the write's."""
    lo, hi = mentions[i - 1].end, mentions[i].start
    between = [m.start() for p in _A_VERB for m in p.finditer(text, lo, hi)]
    return text[max(between, default=lo) :]


def _mention_step(
    text: str,
    phrase: str,
    mention: Any,
    local: str,
    seen: set[tuple[str, str, str]],
    ctx: Context,
    own: str | None = None,
) -> tuple[str, Any] | None:
    """("read" or "create", the step) for one service mention; None for a second name of a
    step already made ("an SMS via Twilio"). ``own``: the words of the clause that are this
    mention's alone (see :func:`_own_words`), its operation and fields read from them."""
    idx = ctx.index
    if mention.app is None:
        step = CoreStep(
            subtype=mention.subtype or "http_request", params=core_params(text, ctx), phrase=phrase
        )
        return local, step
    said = as_message(text, mention) if named_as_verb(text, mention, ctx) else (own or text)
    choice = idx.operation(mention.app, roles.uncounted(said), local)
    if choice.operation.lower() in WITHIN_APP and from_elsewhere(mention.app, ctx):
        # "copy it to Google Drive" after a Dropbox event: the file is saved there
        choice = idx.operation(mention.app, lx.COPY_VERB.sub("save", roles.uncounted(text)), local)
    if (mention.app, choice.resource, choice.operation) in seen:
        return None
    seen.add((mention.app, choice.resource, choice.operation))
    if local == "read" and not can_read(idx, mention.app):
        return "read", api_read(idx, mention.app, phrase)
    if local == "delete" and not removes(idx, mention.app, choice, text):
        return "create", api_call(idx, mention.app, "delete", phrase)
    params, placeheld = idx.fill(
        mention.app, choice.resource, choice.operation, unmask(own or text, ctx), "", ""
    )
    given = {
        k: v for k, v in params.items() if k not in placeheld and isinstance(v, str) and v.strip()
    }
    ctx.apps_seen.append(mention.app)
    made = ServiceStep(
        app=mention.app,
        resource=choice.resource,
        operation=choice.operation,
        params=given,
        service=mention.word,
        phrase=phrase,
    )
    return verb_of_op(choice.operation, local), made


def _url_steps(text: str, phrase: str, verb: str, ctx: Context) -> list[tuple[str, Any]]:
    """An HTTP Request per URL the clause names (POST when it is where data goes)."""
    out: list[tuple[str, Any]] = []
    for tok in TOKEN.finditer(text):
        if tok.group(1) != "url" or (ctx.trigger_url and tok.group(0) == ctx.trigger_url):
            continue
        url = ctx.urls[int(tok.group(2))]
        before = text[: tok.start()]
        write = (
            bool(lx.TO_WORD.search(before)) and verb != "read" and not lx.FROM_WORD.search(before)
        )
        said = lxv.SAID_METHOD.search(before)
        method = said.group(1) if said else "POST" if write else "GET"
        write = method != "GET"
        step = CoreStep(
            subtype="http_request", params={"url": url, "method": method}, phrase=phrase
        )
        out.append(("create" if write else "read", step))
    return out


def _sms_step(text: str, phrase: str, ctx: Context) -> Any:
    """ "text me": the catalog's SMS service."""
    app = ctx.index.sms_app()
    if app is None:
        return CoreStep(subtype=ctx.index.core_sms() or "http_request", phrase=phrase)
    choice = ctx.index.operation(app, "sms " + text, "create")
    return ServiceStep(
        app=app,
        resource=choice.resource,
        operation=choice.operation,
        service="sms",
        phrase=phrase,
    )


def _unnamed_steps(text: str, phrase: str, verb: str, ctx: Context) -> list[tuple[str, Any]]:
    """A clause naming no catalog service: a name the catalog lacks, a resource of the
    trigger's app or of an app named before, or "notify me" (an email)."""
    posted = channel_post(text, phrase, ctx)  # "…, then post them in #general"
    if posted is not None:
        return [("create", posted)]
    placed = into_trigger_place(text, phrase, ctx) if verb == "create" else None
    if placed is not None:  # "upload the translation into the 'Translated' folder"
        return [("create", placed)]
    if verb == "update" and ctx.trigger_app and sets_own_state(text):
        # "once approved, set its status to Published": the run's own item, not an app "Published"
        return [("create", _on_app(ctx, ctx.trigger_app, text, "update", phrase))]
    unknown = unknown_service(text, ctx)
    if unknown:
        said = verb if verb != "none" else verbless(text, text[: max(0, text.find(unknown))])
        op = {"read": "get", "update": "update", "delete": "delete"}.get(said, "create")
        step = ServiceStep(app=None, resource=None, operation=op, service=unknown, phrase=phrase)
        return [("read" if op == "get" else "create", step)]
    back = _back_to_trigger_item(text, ctx)
    if back is not None and ctx.trigger_app:
        # "write the invoice number back to the deal": an update of the run's own item
        return [("create", _on_app(ctx, ctx.trigger_app, back, "update", phrase))]
    earlier = _earlier_app(text, ctx) if verb in ("create", "update", "delete") else None
    if earlier and ctx.trigger_app and _said_first(text, ctx, earlier, ctx.trigger_app):
        # "… in Xero and raise a draft invoice for the deal value": the invoice is Xero's,
        # the deal (the trigger's item) only gives its value
        return [("create", _on_app(ctx, earlier, text, verb, phrase))]
    if (
        ctx.trigger_app
        and (
            verb in ("create", "update") or roles.REPLY.search(text) or lx.COMMENT_WORD.search(text)
        )
        and _names_trigger_resource(text, ctx)
    ):
        return [("create", _on_app(ctx, ctx.trigger_app, text, verb, phrase))]
    mailed = ctx.trigger_kind == "email" or bool(ctx.trigger_app and emails(ctx, ctx.trigger_app))
    if mailed and roles.REPLY.search(text):
        # "then reply with the status": an answer to the email that started the run
        return [
            (
                "create",
                CoreStep(subtype="send_email", params=core_params(text, ctx), phrase=phrase),
            )
        ]
    chat = chat_trigger(ctx)
    if chat and (roles.REPLY.search(text) or lx.DM_WORD.search(text)):
        # "不是就自动回复我们的门诊时间" after a WhatsApp message: the answer goes back there
        return [("create", _on_app(ctx, chat, text, "create", phrase))]
    if verb in ("create", "update", "delete") and (earlier := _earlier_app(text, ctx)):
        return [("create", _on_app(ctx, earlier, text, verb, phrase))]
    last = ctx.apps_seen[-1] if ctx.apps_seen else None
    added_it = verb == "create" and _ADD_IT.match(text)
    removed_it = verb == "delete" and _THEM.search(text)  # "…, and archive them"
    if last and removed_it and last in ctx.index.apps:
        # "grab all pages in … and archive them": each item just read
        return [
            ("create", on_each_item(ctx.index.apps[last], _on_app(ctx, last, text, verb, phrase)))
        ]
    added_it = added_it or removed_it
    if last and (verb == "update" or lx.COMMENT_WORD.search(text) or added_it):
        # "look up the customer in Salesforce and update their phone": the record just read
        return [("create", _on_app(ctx, last, text, verb, phrase))]
    if lx.NOTIFY_WORD.search(text):
        ctx.notes.append("notify:email")
        return [
            (
                "create",
                CoreStep(subtype="send_email", params=core_params(text, ctx), phrase=phrase),
            )
        ]
    return []


def _on_app(ctx: Context, app: str, text: str, verb: str, phrase: str) -> ServiceStep:
    """A write on an app the request named before ("… then update the record status")."""
    choice = ctx.index.operation(app, text, verb if verb in ("update", "delete") else "create")
    return ServiceStep(
        app=app,
        resource=choice.resource,
        operation=choice.operation,
        service=app,
        phrase=phrase,
    )


def _earlier_app(text: str, ctx: Context) -> str | None:
    """The latest app the request named whose resource this clause names ("create a case"
    after "look up the customer in Salesforce"), or None."""
    low = text.lower()
    for app_id in reversed(dict.fromkeys(ctx.apps_seen)):
        for res in ctx.index.apps[app_id].resources.values():
            names = [
                n
                for n in res.names.all()
                if (len(n) > 2 or (CJK.search(n) and len(n) > 1))
                and not lx.GENERIC_NAME.fullmatch(n)  # "a message": a channel word
            ]
            if any(phrase_in(n, low) >= 0 for n in names):
                return app_id
    return None


def _said_first(text: str, ctx: Context, app_id: str, other: str) -> bool:
    """Whether a resource of ``app_id`` is said before any resource of ``other``."""
    low = text.lower()

    def first(app: str) -> int:
        found = [
            phrase_in(n, low)
            for res in ctx.index.apps[app].resources.values()
            for n in res.names.all()
            if (len(n) > 2 or CJK.search(n)) and not lx.GENERIC_NAME.fullmatch(n)
        ]
        return min((i for i in found if i >= 0), default=len(low) + 1)

    mine = first(app_id)
    return mine <= len(low) and mine < first(other)


def _back_to_trigger_item(text: str, ctx: Context) -> str | None:
    """Where ``text`` writes a value back to, when that is the trigger's item."""
    app = ctx.index.apps.get(ctx.trigger_app or "")
    if app is None:
        return None
    words = [w for res in app.resources.values() for w in res.names.all()]
    return back_to_item(text, words)


def _names_trigger_resource(text: str, ctx: Context) -> bool:
    """ "send it back to the channel" after a Slack trigger: a resource of the trigger's app."""
    app = ctx.index.apps.get(ctx.trigger_app or "")
    if app is None:
        return False
    low = text.lower()
    if lx.COMMENT_WORD.search(low) and any(
        phrase_in(w, low) >= 0
        for res in app.resources.values()
        for w in res.names.all()
        if not lx.COMMENT_WORD.fullmatch(w)
    ):
        return True  # "comment on the PR", "在PR下留言": on the item the run started with
    words = [
        w for res in app.resources.values() for w in res.names.all() if len(w) > 2 or CJK.search(w)
    ]
    if re.search(
        r"\b(?:reply|respond|answer)\w*\s+(?:with|to)\s+(?:it|them|the (?:sender|user))\b|"
        r"\b(?:reply|respond|answer)\w*\s+(?:(?:with|to)\s+)?__it__|"
        r"\b(?:reply|respond|answer)\w*\s+(?:to\s+)?(?:their|his|her|the|each|every)\s+"
        r"(?:question|message|dm|comment|request|inquiry|enquiry|query|email)s?\b|"
        r"回复(?:他们|用户|客户)?的?(?:问题|消息|提问)|"
        r"回复(?:他们?|她|对方|用户|客户)?\s*$",
        low,
    ):
        return True  # "reply with it": back where the item came from
    return (
        (bool(re.search(r"\bback\b|\breply\b|回复|回到", low)) and any(w in low for w in words))
        or any(re.search(THE + re.escape(w) + r"\b", low) for w in words if w.isascii())
        or any(re.search(THAT_ZH + re.escape(w), low) for w in words if CJK.search(w))
    )
