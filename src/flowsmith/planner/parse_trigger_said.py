"""Triggers said indirectly, read before the keyword starts.

Invariants: an email start said by the address the mail is sent to ("each email sent to
__mail0__", "发到 __mail0__ 的每封邮件") is an email trigger, its words cut and the item left
as ``__it__`` so no step sends a mail to that address. A short leading sentence saying
which app the user works in ("We use Stripe.", "I run a Shopify store.", "我们用Shopify开店。")
names the app a later when-clause's event belongs to; it is context, not a step, so the
caller reads the rest without it (and only when that app's event is found). A condition
joined to the trigger after a comma ("每当…有新订单，并且支付方式是货到付款，就…", "When …, and
the country is Japan, …") is read as an "if"-clause, so its actions sit behind it. An app's
items named as the request's subject with a condition ("Typeform answers that rate us below
5 should …", "SurveyMonkey问卷里打0到6分的回复，…") are that app's event, the condition an
"if"-clause before the actions. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition, Trigger
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import TOKEN, Context, unmask

# "each email sent to __mail0__", "every invoice email addressed to __mail1__",
# "mail arriving at __mail0__", "发到 __mail0__ 的每封邮件", "__mail0__ 收到的邮件"
_MAIL_TO_ADDRESS = re.compile(
    r"\b(?:(?:each|every|any|all|incoming|new|the)\s+)(?:[\w-]+\s+)?e-?mails?\s+"
    r"(?:(?:that|which)\s+(?:is|are|gets?)\s+)?"
    r"(?:sent|addressed|delivered|arriving|landing|received|coming in|comes? in|arrives?)\s+"
    r"(?:to|at|in)\s+(?P<a>__mail\d+__)|"
    r"(?:发到|发往|发给|寄到|寄往|发送到|到达|进入)\s*(?P<b>__mail\d+__)\s*(?:里|中)?的?\s*"
    r"(?:每一?封|所有|任何)?(?:新)?邮件|"
    r"(?P<c>__mail\d+__)\s*(?:收到|里|中)的?\s*(?:每一?封|所有|任何)?(?:新)?邮件",
    re.IGNORECASE,
)


def addressed_mail(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """An email trigger said by the address the mail goes to, and the text left (the
    address's words become the item), or None."""
    m = _MAIL_TO_ADDRESS.search(text)
    if m is None:
        return None
    token = m.group("a") or m.group("b") or m.group("c") or ""
    params = {"address": unmask(token, ctx).strip()}
    trig = Trigger(kind="email", params=params, phrase=unmask(m.group(0), ctx).strip())
    return trig, text[: m.start()] + " __it__ " + text[m.end() :]


# "emails from anyone @initech.com", "来自 boss@corp.com 的邮件": the sender a mail start names
# "emails from my bank (alerts@mybank.example)", "来自我银行（alerts@x.cn）的邮件": the sender
# said by who it is, its address in brackets after
_SENDER = re.compile(
    r"(?:\bfrom|\bsent by|\bsender(?:\s+is)?:?|来自|发自|发件人(?:是|为)?[:：]?)\s*"
    r"(?:anyone|anybody|someone|people|任何人)?\s*(?:at\s+)?"
    r"(?:(?:[\w'’-]+\s+){0,3}[\w'’-]+\s*[(（]\s*|[\u4e00-\u9fff]{1,8}[(（]\s*)?"
    r"(?P<who>[\w.+-]*@[\w-]+(?:\.[\w-]+)+)|"
    # "收到 boss@corp.com 发来的邮件": the sender before the verb that sends
    r"(?P<by>[\w.+-]*@[\w-]+(?:\.[\w-]+)+)\s*(?:发来|寄来|发过来)",
    re.IGNORECASE,
)


def mail_party(trigger: Trigger, ctx: Context | None = None) -> Condition | None:
    """The sender ("from contains @initech.com") or the recipient ("to contains
    support@acme.io") a mail start names, or None; only for a start that is about mail
    (its phrase read with the addresses ``ctx`` masked put back)."""
    about_mail = trigger.kind == "email" or lx.EMAIL_WORD.search(trigger.phrase) is not None
    if not about_mail:
        return None
    phrase = unmask(trigger.phrase, ctx) if ctx is not None else trigger.phrase
    m = _SENDER.search(phrase)
    if m:
        return Condition("from", "contains", m.group("who") or m.group("by"), phrase)
    address = trigger.params.get("address")
    if trigger.kind == "email" and isinstance(address, str) and address:
        return Condition("to", "contains", address, trigger.phrase)
    return None


# "We use Stripe.", "I run a Shopify store.", "We sell on Shopify.", "我们用Stripe收款。"
# (a dot inside a name, "Cal.com", ends no sentence)
_CONTEXT_SENTENCE = re.compile(
    r"^\s*(?:(?:we|i)(?:'re|'m| are| am)?\s+(?:use|using|run|running|sell|selling|on|"
    r"have|host|work|manage|operate|take|taking|accept|accepting|collect|collecting|"
    r"process|processing|handle|handling|track|tracking|keep|keeping|book|booking)\b"
    r"(?:[^.!?;。！？；]|\.(?=[a-z0-9])){0,40}|"
    r"(?:我们|我)(?:公司|团队|的[\u4e00-\u9fff]{1,6})?(?:用|使用|在|放在|有|开了|经营|通过)"
    r"(?:[^.!?;。！？；]|\.(?=[a-z0-9])){1,20}|"
    # "读书会用Typeform报名。": a group or an event of the user's, then the app it uses
    r"[\u4e00-\u9fff]{2,8}?(?:用|使用|通过)(?:[^.!?;。！？；，,]|\.(?=[a-z0-9])){1,20})"
    # (a comma ends it before a clause saying each item: "我在Gumroad卖伴奏，每有一笔…")
    r"(?:[.!;。！；]|[，,](?=\s*(?:每(?:当|次|有|来|收到)|一有|只要有)))\s*",
    re.IGNORECASE,
)


def context_apps(text: str, ctx: Context) -> tuple[list[str], str] | None:
    """The apps (with events) a leading context sentence names, in order, and the text
    after it; None when there is no such sentence."""
    m = _CONTEXT_SENTENCE.match(text)
    if m is None:
        return None
    apps = [
        x.app
        for x in ctx.index.mentions(m.group(0), implicit=False)
        if x.app is not None and ctx.index.apps[x.app].triggers is not None
    ]
    return (list(dict.fromkeys(apps)), text[m.end() :]) if apps else None


# ", and the country is Japan, …", "，并且支付方式是货到付款，就…": a condition joined to the
# trigger, up to the comma before the action
_JOINED = re.compile(
    r"^\s*[,，]?\s*(?:(?:and|but)(?:\s+only)?\s+(?:if\s+|when\s+|where\s+)?)"
    r"(?P<en>[^,，;；.。]+?)\s*[,，]|"
    r"^\s*[,，]?\s*(?:并且|而且|同时|且)(?:如果|要是)?(?P<zh>[^,，;；.。]+?)\s*[,，]",
    re.IGNORECASE,
)


def joined_condition(after: str, ctx: Context) -> str:
    """The text after a trigger clause with a condition joined to it ("and …", "并且…")
    said as an "if"-clause; the text unchanged when no condition is joined there."""
    m = _JOINED.match(after)
    if m is None:
        return after
    said = m.group("en") or m.group("zh") or ""
    if parse_condition(said, ctx) is None:
        return after
    opener = "如果" if m.group("zh") else " if "
    return f"{opener}{said} , {after[m.end() :]}"


# "Typeform answers that rate us below 5 should open …", "SurveyMonkey responses scoring
# under 4 go to …": the app's items, what is said of them, then the action's verb
_ITEMS_EN = re.compile(
    r"^\s*(?:(?:all|any|the)\s+)?(?P<subj>[^,;.]{2,40}?s)\s+"
    r"(?:(?:that|which|who|whose|with)\s+|(?=(?:scor|rat|giv)\w*\s))(?P<cond>[^,;.]+?)\s+"
    r"(?P<rest>(?:should|must|will|need to|are to|go|goes|get|gets)\b.*)$",
    re.IGNORECASE | re.DOTALL,
)
# "SurveyMonkey问卷里打0到6分的回复，在Freshdesk建工单", "Typeform里评分低于3分的回答，发到…",
# "…里打0到6分的（贬损者）马上…", "Wufoo表单里勾选了“要发票”的客户，就…": the items, or the
# people who sent them, or nothing before the action (then a pause or an adverb follows)
_ITEMS_ZH = re.compile(
    r"^\s*(?P<subj>[^，,。；;]{2,30}?)(?:里|中|上)(?:面)?(?P<cond>[^，,。；;]{2,20}?)的"
    r"(?:(?P<noun>回复|回答|答卷|答复|提交|反馈|用户|客户|顾客|学员|会员|受访者|人)|"
    r"(?=[（(，,]|马上|立刻|立即|就|都))(?:[（(][^）)]{1,20}[）)])?"
    r"(?:都|就)?[，,]?\s*(?P<rest>.+)$",
    re.DOTALL,
)
# a rating said by its verb: "rate us below 5", "rated under 3", "打0到6分", "给了低于3分"
_RATING_VERB = re.compile(
    r"^(?:rate(?:s|d)?|rating|give|gives|gave|score(?:s|d)?|scoring)\s+(?:us\s+|it\s+)?(?:an?\s+)?|"
    r"^(?:打了?|给了?|评了?)(?!分)(?=\S*\d)",
    re.IGNORECASE,
)


# what may stand before the app in such a subject: "all", "our", "我们的", nothing
_SUBJECT_LEAD = re.compile(
    r"\s*(?:(?:all|any|the|our|my|new|incoming)\s+)*|\s*(?:所有|我们的?|新的?|每条|每个)*\s*",
    re.IGNORECASE,
)


def items_event(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """An app's items said as the subject with a condition: the app's event, and the text
    left with the condition as an "if"-clause before the actions; None otherwise."""
    m = _ITEMS_EN.match(text) or _ITEMS_ZH.match(text)
    if m is None:
        return None
    subject = m.group("subj")
    apps = [
        x
        for x in ctx.index.mentions(subject, implicit=False)
        if x.app is not None and ctx.index.apps[x.app].triggers is not None
    ]
    if len(apps) != 1 or not _SUBJECT_LEAD.fullmatch(subject[: apps[0].start]):
        return None  # "Get all Typeform answers that …": a read the user asks for
    app_id = apps[0].app or ""
    events = ctx.index.apps[app_id].triggers
    assert events is not None
    event, _score = ctx.index.event(app_id, m.group(0))
    if event is None and (len(events.events) == 1 or ctx.index.apps[app_id].category == "forms"):
        # a form app's first event: a response came in
        event = next(iter(events.events))
    said = _said_choice(_said_rating(m.group("cond").strip()))
    if event is None or parse_condition(said, ctx) is None or not _goes_elsewhere(m, app_id, ctx):
        return None
    zh = m.re is _ITEMS_ZH
    lead = f"如果{said}，" if zh else f"if {said} , "
    phrase = unmask(subject + ("" if zh else " ") + (m.groupdict().get("noun") or ""), ctx)
    trig = Trigger(kind="app_event", app=app_id, event=event, phrase=phrase.strip())
    return trig, lead + m.group("rest")


def _goes_elsewhere(m: re.Match[str], app_id: str, ctx: Context) -> bool:
    """Whether the action sends the items out of their app (another app, an address, a URL,
    an email): "HubSpot contacts that have no email should be deleted" is a clean-up of
    stored items, not an event."""
    rest = m.group("rest")
    if TOKEN.search(rest) or lx.EMAIL_WORD.search(rest):
        return True
    return any(x.app not in (None, app_id) for x in ctx.index.mentions(rest, implicit=False))


# an answer said by the choosing verb: "选了“非常不满意”", "勾选了“要发票”", "picked 'online'"
_CHOICE_VERB = re.compile(
    r"^(?:(?P<many>勾选了?|勾了|多选了?)|选了|选择了?|选的是|(?:picked|chose|selected)\s+)",
    re.IGNORECASE,
)


def _said_choice(cond: str) -> str:
    """ "选了X" -> "选项是X", "勾选了X" -> "选项包含X" (a checkbox holds several), "picked X" ->
    "the choice is X"; other words unchanged."""
    m = _CHOICE_VERB.match(cond)
    if m is None:
        return cond
    rest = cond[m.end() :]
    if cond.isascii():
        return f"the choice is {rest}"
    return f"选项包含{rest}" if m.group("many") else f"选项是{rest}"


def _said_rating(cond: str) -> str:
    """ "rate us below 5" -> "the rating is below 5", "scoring under 4" -> "the score is
    under 4", "打0到6分" -> "分数为0到6分" (points given are a score), "给了4到5星" ->
    "评分为4到5星"; other words unchanged."""
    m = _RATING_VERB.match(cond)
    if m is None:
        return cond
    rest = cond[m.end() :]
    if re.match(r"打|给|评", cond):
        return f"评分为{rest}" if re.search(r"\d\s*(?:颗)?星", rest) else f"分数为{rest}"
    noun = "score" if cond.lower().startswith("scor") else "rating"
    return f"the {noun} is {rest}"
