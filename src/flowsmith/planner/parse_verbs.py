"""The verb class of a clause and of each service it names: read, create, update or delete,
said by the clause's first verb ("pull the open tickets", "把订单更新为已完成") and corrected
per mention by copying ("copy A to B"), a source ("from A"), a destination ("export … to B")
or a place items are written to ("logged in Baserow"). Words only; no service is named here.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner import parse_roles as roles
from flowsmith.planner.parse_context import Context
from flowsmith.planner.parse_named_verb import named_as_message, named_as_verb

# "questions get a Slack ping": to get a message is to be sent one
_GETS_MESSAGE = re.compile(
    r"\bgets?\s+(?:a|an)\s+(?:[\w.-]+\s+){0,2}?"
    r"(?:ping|message|notification|alert|e-?mail|text|sms|reply|dm|note|call|thank-?you)\b",
    re.IGNORECASE,
)
# "smaller gifts get the Brevo thank-you": items (a plural subject, no connective or
# imperative before "get") are sent the message; "then get the email from Gmail" reads
_SUBJECT_GETS_THE = re.compile(
    r"\b(?!(?:and|then|also|just|please|to|we|i|you|first|now|always)\b)[a-z][\w-]*\s+"
    r"get\s+(?:the|their|its)\s+(?:[\w.-]+\s+){0,2}?"
    r"(?:thank-?you|welcome|confirmation|reminder|receipt|notification|message|e-?mail|"
    r"letter|reply|text|sms)s?\b",
    re.IGNORECASE,
)


# "anything over 200 gets messaged to us", "orders also get sent to me": to get sent is a send;
# "normal ones get appended to the log sheet": to get written is a write
_GETS_SENT = re.compile(
    r"\bget(?:s|ting)?\s+(?:messaged|sent|e-?mailed|texted|posted|forwarded|pinged|pushed|"
    r"dm'?e?d|delivered|shared|appended|added|logged|saved|stored|recorded|written|inserted|"
    r"uploaded)\b",
    re.IGNORECASE,
)
# a message received from a sender: "gets a kind 'not right now' email from", "receives a
# welcome email from", "收到一封来自…的邮件", "从…收到一封欢迎邮件"
# someone else receives: "gets"/"receives", never an imperative "get the unread emails from
# Gmail" (a read), nor "收到的邮件" (the mail received, read from the inbox)
_RECEIVE = re.compile(
    r"\b(?:gets|getting|receives|receiving|will (?:get|receive))\b|(?:收到|接到)(?!的)",
    re.IGNORECASE,
)
_MESSAGE_NOUN = re.compile(
    r"\b(?:e-?mail|message|text|sms|note|notification|reminder|newsletter|letter|dm|ping|"
    r"reply|invite|invitation|confirmation|receipt)s?\b|邮件|消息|短信|通知|提醒|确认函|回复",
    re.IGNORECASE,
)
_SENDER_FROM = re.compile(r"(?:\bfrom\s+(?:the\s+|our\s+|my\s+)?|来自|从)\s*$", re.IGNORECASE)


def clause_verb(text: str) -> str:
    """The verb class of a clause: the first of read / create / update / delete it says."""
    sent = _GETS_SENT.search(text)
    if sent and not lx.READ_VERB.search(text[: sent.start()]):
        return "create"
    best: tuple[int, str] = (10**6, "none")
    for verb, pattern in (
        ("read", lx.READ_VERB),
        ("create", lx.CREATE_VERB),
        ("update", lx.UPDATE_VERB),
        ("delete", lx.DELETE_VERB),
    ):
        m = pattern.search(text)
        if m and verb == "read" and _gets_message(text, m.start()):
            m = pattern.search(text, m.end())
        while m and roles.COUNTED.match(text, m.end()):  # "关闭数量", "closed count": a noun
            m = pattern.search(text, m.end())
        if m and m.start() < best[0]:
            best = (m.start(), verb)
    return best[1]


def _gets_message(text: str, at: int) -> bool:
    """Whether the read verb at ``at`` is "get" said of items sent a message ("questions
    get a Slack ping", "smaller gifts get the Brevo thank-you")."""
    if _GETS_MESSAGE.match(text, at):
        return True
    return any(m.end(0) > at >= m.start(0) for m in _SUBJECT_GETS_THE.finditer(text))


def mention_verb(text: str, mentions: list[Any], i: int, verb: str, ctx: Context) -> str:
    """Whether mention ``i`` is read or written: the clause's verb, corrected by copying
    ("copy A to B"), a source word ("from A") or a destination ("export … to B")."""
    mention = mentions[i]
    before = text[: mention.start]
    local = verbless(text, before) if verb == "none" else verb
    if sender(text, before) or _mailed_from(text, before, mention.app, ctx):
        return "create"  # "gets a welcome email from Brevo", "email them from my Gmail"
    if named_as_verb(text, mention, ctx) or named_as_message(text, mention, ctx):
        return "create"  # "WhatsApp the customer …", "send them a gmail": a message sent there
    plain = roles.nouns_masked(text, mention.app, ctx)
    copy = lx.COPY_VERB.search(_QUOTED.sub(" ", plain))
    if copy and roles.within_app(copy.group(0), mention.app, len(mentions), ctx):
        # "move the file in Nextcloud": the app's own copy or move, which writes
        return local if local != "read" else "create"
    if copy:
        # "导出来，存成CSV放到Google Drive备份": the source was read in a clause before
        before_read = any(a != mention.app for a in ctx.apps_seen)
        last = i == len(mentions) - 1 and (
            len(mentions) > 1 or bool(ctx.trigger_app) or before_read or _copied_to(before, ctx)
        )
        return "create" if last else "read"
    if local == "read" and roles.kept_in(before):
        return "read"  # "read the projects listed in our Coda table": they are there already
    if local == "create" and roles.people_in(text, before, mention.end):
        return "read"  # "email every parent in our 'Families' sheet": their addresses
    if local not in ("update", "delete") and roles.written_to(text, before):
        return "create"  # "the rest are logged in Baserow", "each error gets a Zammad ticket"
    if local == "update" and _CHANGED_IN.match(text, mention.end) and i == len(mentions) - 1:
        return "update"  # "把Google表格里对应那一行的状态改成…": the place changed, not a source
    if local != "delete" and _BASED_ON.search(before):
        return "read"  # "根据Google表格'排班'里今天的地点写…": what the step is based on
    if (lx.FROM_WORD.search(before) and local != "delete") or roles.ABOUT.search(before):
        return "read"  # "remove it from Mailchimp" still deletes; "about our orders"
    if _CONTENTS_OF.search(before):
        return "read"  # "send me what's in my 'Deadlines' notion database": its items
    if lx.TO_WORD.search(before) and verb == "read":
        if re.search(r"(?:[在从]|(?<!调)用|通过)\s*$", before) and roles.READ_HERE.match(
            text, mention.end
        ):
            return "read"  # "在HubSpot里查询联系人", "用UptimeRobot查一下": then its read verb
        only_read = (
            lx.READ_VERB.search(text[mention.end :]) is None
            and lx.CREATE_VERB.search(plain) is None
            and not _INTO.search(before)
        )
        return "read" if only_read else "create"
    if local == "create" and roles.worked_on(before) and mention.app != ctx.trigger_app:
        return "read"  # "总结Stripe的付款后发到…", "summarise the Zendesk tickets and post…"
    if local == "create" and roles.delivered(text, mentions, i, ctx):
        return "read"  # "post the open Jira bugs to Slack": Jira's bugs are read, then posted
    return local


# "根据Google表格里的…", "based on our Airtable …": the data a step works from
_BASED_ON = re.compile(
    r"(?:根据|按照|依据|基于|参照)\s*(?:我们的|我的)?\s*$|"
    r"\bbased on\s+(?:the\s+|our\s+|my\s+|what'?s in\s+)?$",
    re.IGNORECASE,
)


def sender(text: str, before: str) -> bool:
    """Whether a mention right after ``before`` is who sends a message the clause says someone
    receives ("gets a kind 'not right now' email from Mailjet", "从Mailjet收到一封欢迎邮件"):
    the message is the service's write, not data read from it."""
    if _SENDER_FROM.search(before) is None:
        return False
    return _RECEIVE.search(text) is not None and _MESSAGE_NOUN.search(text) is not None


# "email the feedback to the student from my Gmail": the clause mails someone
_MAILS = re.compile(r"^\s*(?:then\s+|also\s+|and\s+)?(?:e-?mail|mail)\b|\be-?mails?\b", re.I)


# "send the invitee the Zoom link from my gmail": a send to someone, the mailbox closing the clause
_SENT_THEN_FROM = re.compile(
    r"^\s*(?:(?:then|also|and|just)\s+)*send\s+(?:the|each|every|our|my|him|her|them|me|us)\b"
    r".*\bfrom\s+(?:the\s+|our\s+|my\s+)?[\w-]+(?:\s+account)?\s*[.!]?\s*$",
    re.IGNORECASE,
)


def _mailed_from(text: str, before: str, app: str | None, ctx: Context) -> bool:
    """Whether the mention after ``before`` is the mailbox a mail the clause sends goes out
    from ("email them from my Gmail", "send a reminder email from our Outlook"): an app that
    sends messages, after "from", in a clause whose verb writes and that says a mail or sends
    to someone with the mailbox last ("send the invitee the link from my gmail")."""
    if app is None or _SENDER_FROM.search(before) is None:
        return False
    if not _MAILS.search(before) and not _SENT_THEN_FROM.search(text):
        return False
    if clause_verb(text) != "create":
        return False  # "get the unread emails from my Gmail": mail read there
    if _RECEIVE.search(text) is not None:
        return False  # "emails we receive from Gmail": read there
    res = ctx.index.apps[app].resources.get("message")
    return res is not None and "send" in res.operations


# "what's in my 'Deadlines'", "everything in our", "the contents of the": the items kept in the
# place named next, which the clause reads (and then sends or posts)
_CONTENTS_OF = re.compile(
    r"\b(?:what(?:'s|’s|s| is)|whatever(?:'s| is)|everything|anything)\s+(?:in|on)\s+"
    r"(?:the\s+|my\s+|our\s+|your\s+)?(?:[\"'“‘][^\"'”’]{1,40}[\"'”’]\s+|[A-Z][\w-]*\s+)?$|"
    r"\bthe\s+contents?\s+of\s+(?:the\s+|my\s+|our\s+)?(?:[\"'“‘][^\"'”’]{1,40}[\"'”’]\s+)?$",
    re.IGNORECASE,
)
# "<app>里…", "<app>中…": the items changed sit in the app just named
_CHANGED_IN = re.compile(r"\s*(?:里|中|上|内)")
# a quoted name ("the “文章备份” folder", "'Backups'") names a place; its words are no verb
_QUOTED = re.compile(
    r"[\"“「『][^\"”」』]{1,40}[\"”」』]|(?<![A-Za-z])['‘][^'’]{1,40}['’](?![A-Za-z])"
)
# "export the users to Google Sheets", "导出到Google表格": where read data goes
_INTO = re.compile(
    r"(?:\b(?:to|into|onto)\s+(?:the\s+|my\s+|our\s+|a\s+|an\s+)?|(?:到|至|进)\s*(?:我的|我们的)?)$",
    re.IGNORECASE,
)
# "a summary in Slack": what the clause makes goes there
_MADE_IN = re.compile(
    r"(?:summary|digest|report|recap|translation|reply|answer|alert|notification|总结|摘要|日报|"
    r"报告|提醒)\s*(?:\b(?:in|on)\s+(?:the\s+|my\s+|our\s+)?|在)$",
    re.IGNORECASE,
)


def verbless(text: str, before: str) -> str:
    """The verb class of a mention in a clause with no read/write verb: data the clause
    works on ("summarise the unread emails in my Outlook inbox", "汇总Zendesk工单") is read,
    unless the mention is where something goes ("to Slack"); otherwise a write ("a Slack
    message")."""
    if lx.TO_WORD.search(before) and (
        not re.search(r"\b(?:in|on)\s+(?:the\s+|my\s+|our\s+)?$|在$", before)
        or _MADE_IN.search(before)
    ):
        return "create"
    if lx.SOURCE_VERB.search(text) or any(p.search(text) for p in lx.THINK.values()):
        return "read"
    if lx.LOOP.search(text) and re.search(
        r"\b(?:in|of|from)\s+(?:the\s+|my\s+|our\s+)?(?:[A-Z][\w-]*\s+)?$|[从在]$", before
    ):
        return "read"
    if _OF_ITEMS.search(before):
        return "read"  # "(the views and) likes of my last 10 YouTube videos": its items
    return "create"


# "… of my last 10 ", "of our ": the mention's items are what the clause speaks of
_OF_ITEMS = re.compile(
    r"\bof\s+(?:the\s+|my\s+|our\s+|your\s+)?(?:(?:last|latest|first|recent|top)\s+)?"
    r"(?:\d+\s+)?$",
    re.IGNORECASE,
)


def _copied_to(before: str, ctx: Context) -> bool:
    """ "有人提交表单，就同步到Airtable": the start's item (a form, a webhook's body, an email)
    copied to the app said right after "to"/"到", which is written to."""
    return ctx.trigger_kind in ("form", "webhook", "email") and bool(lx.TO_WORD.search(before))
