"""Starts said as what happens, not as "when X": the request's opening clause describing
what people do in an app ("Candidates apply through the Typeform on our careers page.",
"病人在WhatsApp上发消息，", "Zammad有新工单，", "PayPal收到付款后："), every item that comes
into an inbox ("Sort every email that comes into our Gmail inbox with AI"), and a change said
in one sentence that a later "When that happens" refers to.

Invariants: these functions only split; each returns (the words that say the start, the text
left for the steps) or None, and the caller decides whether the words name a start. A
splitter never fires when the text left says a schedule ("Staff log hours in Toggl; every
Friday …": the habit is where the data comes from, the clock is the start). An opening
clause said by the user of themselves ("I", "we", "我") counts only for a form app
(filling in one's own form is a submission); a clause that starts with a step's verb or
marker ("Sort …", "在Notion里建…", "把…") is a step. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.parse_context import Context
from flowsmith.planner.parse_run_time import says_run_time

__all__ = ["anaphoric_when", "every_item_clause", "habit_clause", "opening_clause_zh"]


def _says_schedule(text: str) -> bool:
    return says_run_time(text)  # a window of hours said for the actions is no run time


def _app_apps(body: str, ctx: Context) -> list[str]:
    return [m.app for m in ctx.index.mentions(body, implicit=False) if m.app is not None]


# what stands after a subject but is no verb of its own doing: an auxiliary, a modal, a
# comparison or a relative word ("who spent …", "older than …", "should be added …")
_NOT_VERB_WORDS = (
    r"(?:should|must|will|would|can|could|shall|may|might|are|is|was|were|be|been|get|gets|"
    r"got|go|goes|become|becomes|need|needs|have|has|had|who|that|which|whose|older|newer|"
    r"longer|shorter|bigger|smaller|over|under|above|below|more|less|than|with|without|from|"
    r"of|in|on|at|to|for|and|or|not|do|does|did)"
)
# a character of a clause: no stop, but a dot inside a name ("Form.io", "cs.LG")
_CHAR = r"(?:[^,;.:!?]|(?<=\w)\.(?=\w))"


# "Candidates apply through the Typeform on our careers page.", "Purchase orders from our
# buyers arrive as PDFs in the orders@ Outlook mailbox.": a subject, its verb, a place
_HABIT_EN = re.compile(
    r"^\s*(?P<body>(?P<subj>I|we|(?:[A-Za-z][\w'@-]*\s+){0,6}?[A-Za-z][\w'-]*?"
    r"(?:s|one|body|people|staff|team|public))\s+"
    r"(?:(?:usually|always|often|normally|just|all|each)\s+)?"
    rf"(?!{_NOT_VERB_WORDS}\b)(?P<verb>[a-z]+)\b"
    rf"{_CHAR}{{0,60}}?\b(?:through|via|using|on|in|into|to|with|at|from)\s+{_CHAR}{{1,60}}?)"
    r"\s*(?:[,;:]|\.(?:\s|$))\s*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
# who may do something in an app without being the user
_OTHERS = re.compile(
    r"(?:s|someone|somebody|anyone|anybody|people|everyone|staff|team|public|each one)$", re.I
)
_SELF = re.compile(r"^(?:i|we)$", re.IGNORECASE)
# a subject that is no noun phrase: an imperative, a question, a modal, a relative clause
_NOT_SUBJECT = re.compile(
    r"^(?:please|let|can|could|would|will|should|must|need|needs|want|make|if|when|whenever|"
    r"once|after|before|every|each|then|also|and|so|here|there|this|that|it|you)\b|"
    r"\b(?:that|which|who|whose|where|every|each)\b",
    re.IGNORECASE,
)
# the place a subject acts in: "through our Typeform", "in the orders@ Outlook mailbox";
# "to"/"into" only for a place that receives ("to the billing@ Gmail inbox")
_SOURCE_PLACE = re.compile(
    r"\b(?:through|via|using|on|in|with|at|from)\s+|"
    r"\b(?:to|into)\s+(?:the\s+|our\s+|my\s+)?[^,;]{0,30}?\b(?:inbox|mailbox|bot|number|"
    r"account|form|address|folder|drive|bucket|channel|group|board|list|sheet|table|base|"
    r"database|repo|repository)\b",
    re.IGNORECASE,
)


def _source_place(body: str) -> bool:
    return _SOURCE_PLACE.search(body) is not None


_STEP_VERBS = (
    lx.READ_VERB,
    lx.CREATE_VERB,
    lx.UPDATE_VERB,
    lx.DELETE_VERB,
    lx.COPY_VERB,
    lx.SOURCE_VERB,
)


def habit_clause(text: str, ctx: Context) -> tuple[str, str] | None:
    """ "Employees request a new laptop through our Form.io form. …": (the opening clause,
    the text after it) when its subject is someone other than the user (or the user in a
    form app) and it names an app; None otherwise."""
    m = _HABIT_EN.match(text)
    if m is None or _says_schedule(m.group("rest")):
        return None
    subj, body = m.group("subj"), m.group("body")
    first = subj.split()[0]
    if _NOT_SUBJECT.search(subj) or any(p.match(first) for p in _STEP_VERBS):
        return None
    if ctx.index.mentions(subj, implicit=False):
        return None  # "Stripe sends …", "Slack messages in …": an app, not a person
    if not _source_place(body):
        return None  # "Tickets older than 3 days should be added to Jira": a destination
    apps = _app_apps(body, ctx)
    if not apps and not lx.EMAIL_WORD.search(body):
        return None
    if _SELF.match(subj):
        if not apps or ctx.index.apps[apps[0]].category != "forms":
            return None
    elif not _OTHERS.search(subj.split()[-1]):
        return None
    return body, m.group("rest")


# "Sort every email that comes into our Gmail support inbox with AI", "Translate each
# message that lands in our Telegram group …": the items arriving, inside a step
_EVERY_THAT = re.compile(
    r"\b(?:every|each|all|any)\s+(?:(?:new|incoming|single)\s+)?"
    r"(?P<body>(?:[\w-]+\s+){0,2}?[\w-]+\s+(?:that|which)\s+"
    r"(?:comes?(?:\s+in)?|arrives?|lands?|shows?\s+up|(?:is|are|gets?|get)\s+"
    r"(?:posted|received|sent|dropped|delivered))\s+(?:in|into|to|at|on)\s+"
    rf"{_CHAR}{{1,50}}?)(?=\s+(?:with|using|via|by|and|then|to|into|for|so|as)\b|\s*[,;:.!?]|$)",
    re.IGNORECASE,
)


# "进入我们Gmail客服邮箱的每封邮件，都用AI分类": each item that arrives somewhere, as the
# request's subject
_EVERY_ZH = re.compile(
    r"^\s*(?P<body>[^，,。；;]{2,30}?的(?:每一?封|每一?条|每一?个|每一?张|每一?份|所有)(?:新的?)?"
    r"(?:邮件|消息|工单|订单|评论|帖子|回复|提交|记录|短信))[，,]?\s*(?:都要|都|一律|全部)?"
    r"(?P<rest>\S.*)$",
    re.DOTALL,
)


# "I'd like every response to the 'Event signup' Google Form to become …": each response
# of a form, inside the sentence
_EVERY_RESPONSE = re.compile(
    r"\b(?:every|each|any|all)\s+(?:(?:new|incoming|single)\s+)?"
    r"(?P<body>(?:responses?|answers?|submissions?|entr(?:y|ies)|sign-?ups?|registrations?)\s+"
    r"(?:to|from|in|on|of|for|through|via)\s+(?:the\s+|our\s+|my\s+)?"
    rf"(?:[\"'“‘][^\"'”’]{{1,40}}[\"'”’]\s+)?{_CHAR}{{1,40}}?\bforms?\b)",
    re.IGNORECASE,
)


# "Add a row to the Leads sheet for each Facebook lead ad submission, …": each event of an
# app, said after the action (the app's event must be named outright, see _for_each_event)
_FOR_EACH = re.compile(
    r"\bfor\s+(?:each|every|any)\s+(?:(?:new|incoming|single)\s+)?"
    rf"(?P<body>{_CHAR}{{2,50}}?)"
    r"(?=\s*[,;:.!?]|\s+(?:and|then|with|over|under|above|below|if|that|which|where|from|"
    r"whose|worth)\b|$)",
    re.IGNORECASE,
)


def _for_each_event(text: str, ctx: Context) -> re.Match[str] | None:
    """The "for each …" words of ``text`` that open with an app's name and name one of its
    events outright (score 1.0 or more: "Facebook lead ad submission"), else None ("for each
    Notion task" names no event: a read's loop; "for each negative one create a Zendesk
    ticket" opens with no app: an action on items already there)."""
    m = _FOR_EACH.search(text)
    if m is None:
        return None
    for mention in ctx.index.mentions(m.group("body"), implicit=False):
        app = ctx.index.apps.get(mention.app) if mention.app else None
        if app is not None and app.triggers is not None and mention.start == 0:
            return m if ctx.index.event(mention.app or "", m.group("body"))[1] >= 1.0 else None
    return None


def every_item_clause(text: str, ctx: Context) -> tuple[str, str] | None:
    """(the items arriving, the text with them as ``__it__``), or None."""
    m = _EVERY_THAT.search(text) or _EVERY_RESPONSE.search(text) or _for_each_event(text, ctx)
    if m is None:
        zh = _EVERY_ZH.match(text)
        if zh is None or _says_schedule(zh.group("rest")):
            return None
        return _with_app(zh.group("body"), zh.group("rest"), ctx)
    if _says_schedule(text[: m.start()] + text[m.end() :]):
        return None
    return _with_app(m.group("body"), f"{text[: m.start()]} __it__ {text[m.end() :]}", ctx)


def _with_app(body: str, rest: str, ctx: Context) -> tuple[str, str] | None:
    """(body, rest) when the items' words name an app or mail; None otherwise."""
    if not _app_apps(body, ctx) and not lx.EMAIL_WORD.search(body):
        return None
    return body, rest


# "病人在WhatsApp上发消息，", "Zammad有新工单，", "Twilio号码收到短信：", "PayPal收到付款后：",
# "顾客在我们Jotform上订包间。": the opening clause up to its first comma, colon or full stop
_OPENING_ZH = re.compile(
    # (a clause with 就, 后 or 时 inside is a when-clause's: "WooCommerce来了新订单就在Xero
    # 里…", "客户在Shopify下单后等待7天，…")
    r"^\s*(?P<body>[^，,。；;：:！？!?就后时]{2,40}?)\s*(?:之后|以后|后)?\s*(?P<end>[，,：:。])\s*"
    r"(?P<rest>\S.*)$",
    re.DOTALL,
)
# a clause that is a step: a marker of an instruction, or a place then a verb
_STEP_ZH = re.compile(
    r"^(?:请|帮我|帮忙|给我|麻烦|我想|我要|我需要|把|将|在|用(?!户)|从|往|向|去|每|如果|要是|当|先|然后|"
    r"再|自动|定时|做|建|创建|新建|发|发送|获取|读取|查询|拉取|同步)|把|将"
)
# the user as the subject ("我在Notion里…", "我们用…"), unless others act ("我们仓库里有人…")
_SELF_ZH = re.compile(r"^(?:我|咱|本人)")
_OTHERS_ZH = re.compile(r"有人|有新|收到|有(?:客户|用户|顾客|访客|会员)")
# an event said of an app: someone does something there, or the app gets something
_EVENT_ZH = re.compile(
    r"^[\u4e00-\u9fff]{1,6}?(?:在|通过|用|从)|有人|有新|有(?:客户|用户|顾客|访客|会员)|收到|"
    r"来了|进来|新增了?|新建了|"
    # "Trello“采购申请”列表里每新建一张卡": each item made there
    r"每(?:新建|新增|新加|创建|添加|新来|来|进来|收到|提交)(?:一)?(?:张|个|条|封|份|笔|位|篇|项)"
)


# what may stand before the app in such a clause: "我们", "病人在", "用户在我们的"
_LEAD_ZH = re.compile(
    r"(?:我们的?|我的)|[\u4e00-\u9fff]{1,6}?(?:在|通过|用|从)(?:我们的?|我的|公司的?)?"
)


def opening_clause_zh(text: str, ctx: Context) -> tuple[str, str] | None:
    """(the opening clause that says what happens in an app, the text after it), or None."""
    m = _OPENING_ZH.match(text)
    if m is None or _says_schedule(m.group("rest")):
        return None
    body = m.group("body")
    if _form_heading(body, m.group("end"), ctx):
        return body, m.group("rest")
    own = _SELF_ZH.match(body) is not None and not _OTHERS_ZH.search(body)
    if _STEP_ZH.search(body) or own or not _EVENT_ZH.search(body):
        return None
    apps = _app_apps(body, ctx)
    if not apps:
        return None
    first = ctx.index.mentions(body, implicit=False)[0]
    lead = body[: first.start]
    # "病人在WhatsApp上…": a person, then where; "我们GitHub仓库里有人…", "Zammad有新工单"
    if lead and not _LEAD_ZH.fullmatch(lead):
        return None
    return body, m.group("rest")


# what may stand before the form app in a heading: "餐厅的", "我们的", "公司"
_HEADING_LEAD_ZH = re.compile(r"我们的?|我的|公司的?|[\u4e00-\u9fff]{1,6}?的")


def _form_heading(body: str, end: str, ctx: Context) -> bool:
    """ "Typeform客户调查：", "餐厅的Jotform报名表：": a heading that names a form app and what
    its people send, with no verb of a step, says the form's submissions start the flow (a
    form's items always come from others, so a heading of "我们的" counts too)."""
    if end not in "：:" or any(p.search(body) for p in (_STEP_ZH, *_STEP_VERBS)):
        return False
    mentions = [x for x in ctx.index.mentions(body, implicit=False) if x.app is not None]
    if len(mentions) != 1 or ctx.index.apps[mentions[0].app or ""].category != "forms":
        return False
    lead = body[: mentions[0].start]
    return not lead or _HEADING_LEAD_ZH.fullmatch(lead) is not None


# "When that happens", "once they do that", "每当这种情况发生": the when-clause refers back
_BACK = re.compile(
    r"^(?:that|this|it|so)\s+(?:happens|is done|occurs|takes place)|"
    r"^(?:they|someone|he|she|a client|a customer)\s+do(?:es)?\s+(?:that|this|so|it)\b|"
    r"^(?:这种情况|这件事|这个|此事)?(?:发生|出现)(?:了)?",
    re.IGNORECASE,
)


def anaphoric_when(body: str, before: str) -> tuple[str, int] | None:
    """The sentence a when-clause like "When that happens" refers back to (the last one
    before it) and how much of ``body`` the reference takes ("that happens" of "that happens
    please create …"), or None when the clause says its own event."""
    m = _BACK.match(body)
    if m is None:
        return None
    sentences = [s for s in re.split(r"(?<=[.!?。！？；;])\s*", before) if s.strip()]
    return (sentences[-1], m.end()) if sentences else None
