"""What a word plays in a clause, for the step pass: a field or a channel ("with name and
email" sends nothing), the object a deliver verb sends ("post the Jira bugs to Slack"
reads Jira), data a verb works on ("总结Stripe的付款"), a verb that only qualifies a count
("关闭数量"), a reply to the email or webhook that started the run, a repeated message.

Invariants: pure predicates and rewrites of a clause's text; every service word still
comes from the catalog (through the parser's context). No I/O, no clock.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner.parse_context import Context


def answers_caller(text: str, ctx: Context) -> bool:
    """A response to a webhook's caller; after an app, email or chat start, "respond to
    every new conversation" answers the item instead (a reply, not a webhook response)."""
    if ctx.trigger_kind in (None, "webhook", "manual", "schedule", "form") and not ctx.trigger_app:
        return True  # (an app's events sent to a webhook are that app's items, not a caller)
    return bool(re.search(r"webhook|caller|\brequest\b|回调|请求", text, re.IGNORECASE))


# "with name and email", "remove any without an email", "validates that email is not empty":
# the email is a field of the item, not a channel
FIELD_EMAIL = re.compile(
    r"(?:\b(?:with|without|no|missing|has|have|and|or|their|its|valid|empty|that)|&)\s+"
    r"(?:an?\s+|the\s+)?"
    r"e-?mails?\b(?!\s+(?:me|us|them|him|her|the|a|an|it|to|him)\b)|"
    r"\be-?mail\s+(?:is|was|are|field|address|column)\b|邮箱(?:是|为|不为|字段|地址)|"
    # the key of a transform: "dedupe them by email", "group the rows on e-mail", "按邮箱去重"
    r"\b(?:de-?dup\w*|dedup\w*|duplicat\w*|group\w*|sort\w*|order\w*|merge\w*|match\w*|unique|distinct)"
    r"\s+(?:\w+\s+){0,3}(?:by|on|per)\s+(?:their\s+|the\s+|its\s+)?e-?mails?\b|"
    r"(?:按|根据|以|通过)(?:邮箱|邮件地址|email)(?:地址)?(?:去重|分组|排序|合并|匹配)",
    re.IGNORECASE,
)
SEND_EMAIL = re.compile(
    r"\b(?:send|sends|sending|sent)\s+(?:\w+\s+){0,3}e-?mails?\b|"
    r"\be-?mail\s+(?:me|us|them|him|her|the|it|to)\b|发\S{0,3}邮件|邮件(?:通知|提醒)",
    re.IGNORECASE,
)


def email_field(text: str) -> bool:
    """Whether the clause's "email" is only a field of the item (no email is sent)."""
    if re.fullmatch(r"[\s,]*(?:[a-z_]+\s*(?:,|&|\band\b|\bor\b)\s*)+e-?mails?[\s,]*", text, re.I):
        return True  # "…, phone and email": the rest of a list of fields
    return bool(FIELD_EMAIL.search(text)) and not SEND_EMAIL.search(text)


def again(text: str, clause: str) -> bool:
    """Whether a clause repeats a write: "again" said, or a reminder word with "再"."""
    said_once = re.search(r"^\s*再|一次", clause) is not None  # "再发一次" reaches us as "发一次"
    return bool(lx.AGAIN.search(clause) or (said_once and lx.CREATE_VERB.search(text)))


# "新issue数量和关闭数量", "the closed count": a verb that only qualifies a count
COUNTED = re.compile(
    r"\s*(?:的)?(?:数量|个数|数目|总数|次数|率)|\s+(?:count|number|total|rate)\b", re.I
)


def uncounted(text: str) -> str:
    """``text`` without verbs that only qualify a count ("关闭数量" names no operation)."""
    out = text
    for pattern in (lx.CREATE_VERB, lx.UPDATE_VERB, lx.DELETE_VERB):
        for m in pattern.finditer(text):
            if COUNTED.match(text, m.end()):
                out = out[: m.start()] + " " * (m.end() - m.start()) + out[m.end() :]
    return out


def worked_on(before: str) -> bool:
    """Whether the words right before a mention are a verb working on data ("summarise the",
    "汇总本周"): the mention is what is read."""
    tail = before[-24:]
    for pattern in (lx.SOURCE_VERB, *lx.THINK.values()):
        for m in pattern.finditer(tail):
            rest = tail[m.end() :]
            if re.fullmatch(
                r"\s*(?:(?:the|all|our|my|its|their|new|today's|this\s+week's|"
                r"[a-z]+ed)\s+){0,3}|(?:本周|上周|今天|昨天|当天|所有|全部|的)*",
                rest,
            ):
                return True
    return False


# "在HubSpot里查询", "在Supabase的“房源”表里查出": a read said right after the place (its table)
READ_HERE = re.compile(
    r"\s*(?:的[^，,。；;里中]{0,12}?(?:表|表格|数据表|数据库|库|文件夹|列表|看板)\s*)?"
    r"(?:里|中|上|内)?\s*(?:" + lx.READ_VERB.pattern + ")",
    re.IGNORECASE,
)
# "post the open Jira bugs …", "把Stripe的收入发到…": a deliver verb, then its object's app
DELIVER_OBJECT = re.compile(
    r"\b(?:send|post|forward|share|push|email|announce|publish)"
    r"\w*\s+(?:(?:me|us|them|the|all|our|my|any|every|each|new|open|latest|recent|today's|"
    r"yesterday's|this\s+week's|last\s+week's|[a-z]+ed|[a-z]+ing)\s+){0,4}$",
    re.IGNORECASE,
)


TO_PERSON = re.compile(
    r"\b(?:e-?mail|send|text|message|dm|ping|forward)\w*\s+(?:me|us|them|him|her|the\s+team|"
    r"everyone)\s+(?:(?:the|all|our|my|any|new|open|latest|recent|today's|yesterday's|"
    r"this\s+week's|[a-z]+ed)\s+){0,4}$",
    re.IGNORECASE,
)


def delivered(text: str, mentions: list[Any], i: int, ctx: Context) -> bool:
    """Whether mention ``i`` is the object a deliver verb takes somewhere a later mention
    names ("post the Jira bugs to Slack"): the data comes from it."""
    mention = mentions[i]
    if mention.app is None or mention.app == ctx.trigger_app:
        return False
    if TO_PERSON.search(text[: mention.start]):
        return True  # "email me the new HubSpot deals": the deals are read, then sent
    if not DELIVER_OBJECT.search(text[: mention.start]):
        return False
    return any(
        lx.TO_WORD.search(text[: later.start]) and later.app != mention.app
        for later in mentions[i + 1 :]
    )


# "questions about our Shopify orders": what the words are about is data to read
ABOUT = re.compile(
    r"\b(?:about|regarding|concerning)\s+(?:the\s+|our\s+|my\s+|their\s+|your\s+)?$|"
    r"(?:关于|有关)\s*(?:我们的|我的)?$",
    re.IGNORECASE,
)
REPLY = re.compile(r"\b(?:reply|replies|respond|answer)\b|回复|答复|回信|回答", re.IGNORECASE)


def known_words(ctx: Context) -> set[str]:
    """Resource words of the trigger's app and the apps named so far ("PR", "deal")."""
    apps = [a for a in [ctx.trigger_app, *ctx.apps_seen] if a in ctx.index.apps]
    return {
        w.lower()
        for a in apps
        for res in ctx.index.apps[a].resources.values()
        for w in res.names.en
        if " " not in w
    }


def nouns_masked(text: str, app: str | None, ctx: Context) -> str:
    """``text`` with the app's own resource nouns blanked where they are not the clause's
    first word: in "get the record in Airtable" or "delete the transfer in Wise" the noun is
    what is worked on, not a record or transfer verb ("record the order" keeps its verb)."""
    if app is None:
        return text
    out = text
    lead = re.match(r"\s*\S+", text)
    start = lead.end() if lead else 0
    for res in ctx.index.apps[app].resources.values():
        for name in res.names.en:
            pattern = re.compile(r"(?<![a-z0-9])" + re.escape(name) + r"(?:e?s)?(?![a-z0-9])", re.I)
            out = out[:start] + pattern.sub(lambda m: " " * len(m.group(0)), out[start:])
        # Chinese runs have no spaces: a name anywhere past the first character ("在Cloudflare
        # 上的DNS记录": the record is the noun, not "记录" the verb); longest names first
        for name in sorted(res.names.zh, key=len, reverse=True):
            pattern = re.compile(r"(?<![a-z0-9])" + re.escape(name), re.I)
            out = out[:1] + pattern.sub(lambda m: " " * len(m.group(0)), out[1:])
    return out


def within_app(word: str, app: str | None, mentions: int, ctx: Context) -> bool:
    """Whether a copy verb ("copy", "move") is the one app's own operation of that name: the
    only service said, nothing read before, and the app has an operation keyed so."""
    if app is None or mentions != 1 or ctx.trigger_app or ctx.apps_seen:
        return False
    keys = {o.lower() for _, o, _ in ctx.index.apps[app].operations()}
    # 复制 is "copy": a Chinese word says the key it translates
    zh = {k for k in keys if k in lx.ZH_KEY_WORDS and lx.ZH_KEY_WORDS[k].fullmatch(word)}
    return word.lower() in keys or bool(zh)


def reads_email(text: str) -> bool:
    """ "read the emails", "读取邮件": email is what is read, not a channel to send on ("the
    person should get a confirmation email" is one sent to them)."""
    if _GETS_AN_EMAIL.search(text):
        return False
    # "check-in instructions by email": a compound noun, no look at the mail
    return bool(_READS_EMAIL.search(text))


_READS_EMAIL = re.compile(
    r"\b(?:read|fetch|get|check)\b(?!-)[^,]*\be-?mails?\b|读取邮件|查看邮件", re.IGNORECASE
)


# "the volunteer should get a welcome email", "I want to get an email": one email someone is
# to receive (a modal before "get", a single email after it), i.e. an email sent to them
_GETS_AN_EMAIL = re.compile(
    r"\b(?:should|will|must|would|shall|to|can)\s+(?:also\s+|then\s+)?(?:get|receive)\s+"
    r"(?:an?|one)\s+(?:[\w-]+\s+){0,2}e-?mail\b",
    re.IGNORECASE,
)


# "… should just be logged to the 'Leads' tab of our", "the rest go into my", "list it in our",
# "记到…", "进…": a verb that sends items somewhere, then where (no source word between)
_SENT_TO = re.compile(
    r"(?:\b(?:go|goes|gone|going|went|land|lands|landed|end(?:s|ed)? up|logged|put|puts|"
    r"sav(?:e|es|ed)|filed|listed|dropped|dumped)"
    r"(?:\s+(?:it|them|these|those|each|all|just|only|also|directly|straight|\w+ly))*|"
    # a verb that is a noun too ("the files in …", "a list in …") needs its object said
    r"\b(?:log|logs|file|files|list|lists|drop|drops|dump)"
    r"(?:\s+(?:just|only|also))?\s+(?:it|them|these|those|each one|the rest|everything else))"
    r"\s+(?:in|into|to|onto|under)\b(?:(?!\b(?:from|of all)\b)[^,.;:!?，。；：！？]){0,60}$|"
    r"(?:记到|记在|记进|记入|进到|进入|放进|放到|放在|放入|归到|归入|归进|列到|列在|列入|"
    r"丢到|丢进|扔到|扔进|存进|(?<![获拉读取先改推促前])进(?![行度展程]))[^，。；：！？,.;:!?]{0,30}$",
    re.IGNORECASE,
)
# "calls over 20 minutes get a" (a subject, then get): a resource of the app is made for them;
# an imperative "get a …" ("then get a contact by id") reads
_GETS_ONE = re.compile(
    r"(?:\bgets|(?<!\bthen)(?<!\band)(?<!\balso)(?<!\bplease)(?<!\bto)(?<![,，])\s+get)"
    r"\s+(?:a|an|one|its own|their own)\s+(?:new\s+|separate\s+)?$",
    re.IGNORECASE,
)


# "the projects listed in our Coda table", "rows stored in Baserow": a noun, then where it is
# kept (no "are"/"get" making it an event of writing), so the items are already there
_KEPT_IN = re.compile(
    r"\b(?!(?:is|are|was|were|be|been|get|gets|got)\b)[a-z][\w'-]*\s+"
    r"(?:listed|stored|kept|saved|logged|tracked|filed|recorded)\s+(?:in|on|under)\s+"
    r"(?:the\s+|my\s+|our\s+|your\s+)?$",
    re.IGNORECASE,
)


def kept_in(before: str) -> bool:
    """Whether the mention after ``before`` names where items already are ("the projects
    listed in our Coda table"): read there, not written."""
    return _KEPT_IN.search(before) is not None


def written_to(text: str, before: str) -> bool:
    """Whether the mention after ``before`` is where items go ("go into", "logged to",
    "列到") or what a subject is given ("each error gets a Zammad ticket"): a write."""
    if _SENT_TO.search(before):
        return True
    m = _GETS_ONE.search(before)
    return m is not None and bool(text[: m.start()].strip())


# "email every parent in our 'Families' sheet": the people are where the mention is
_EVERYONE_IN = re.compile(
    r"\b(?:everyone|everybody|(?:every|each|all)(?: of)?(?: the| our| my)? [a-z]+(?: [a-z]+)?)\s+"
    r"(?:listed\s+)?(?:in|on|from)\s+(?:the\s+|my\s+|our\s+|your\s+)?(?:'[^']*'\s*)?$",
    re.IGNORECASE,
)
# "给Google表格'志愿者'里的所有人发邮件": the people listed there
_ZH_TO = re.compile(r"(?:给|向|通知|提醒)\s*$")
_ZH_ALL_IN = re.compile(
    r"\s*(?:'[^']*'|‘[^’]*’|“[^”]*”)?\s*(?:表格|表|数据库|名单)?\s*(?:里|中|上)的?"
    r"(?:所有|全部|每一?(?:个|位))"
)


def people_in(text: str, before: str, end: int) -> bool:
    """Whether the mention from ``before`` to ``end`` holds the people a message goes to
    ("email every parent in our 'Families' sheet", "给Google表格'志愿者'里的所有人发邮件"):
    read there for their addresses, no write."""
    if not (lx.EMAIL_WORD.search(text) or lx.SMS_WORD.search(text)):
        return False
    if _EVERYONE_IN.search(before):
        return True
    return _ZH_TO.search(before) is not None and _ZH_ALL_IN.match(text, end) is not None
