"""Starts said without "when": items arriving through an app ("Applications come in
through our Jotform form; …", "有人填了我们的Typeform问卷，就…") and a relay of every item
("Mirror every message from our Mattermost channel into Discord", "把Telegram群里的每条
消息都转发到企业微信").

Invariants: only the request's opening clause is read; the clause's words are returned as
the trigger's body and the text left reads as the action on the item (``__it__`` stands
for the item a relay forwards). The caller decides whether the body names a start; these
functions only split. Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner.parse_trigger_pushed import pushed_span

__all__ = ["arrival_clause", "form_opening", "relay_clause", "response_clause"]


# "Applications come in through our Jotform form;", "Orders arrive via Shopify, …", "Demo
# calls are booked on Calendly." (a passive arrival: what others do in the app)
_ARRIVES_EN = re.compile(
    r"^\s*(?P<body>[^,;.:!?]{2,80}?\b(?:comes?|coming|arrives?|arriving|lands?|"
    r"(?:is|are|gets?|get)\s+(?:submitted|sent|filed|placed|booked|scheduled|reserved|made|"
    r"raised|opened|logged|reported))\s+(?:in\s+)?"
    # a dot inside a domain ("@ourco.com") ends no clause
    r"(?:through|via|from|on|in|by|with)\s+[^,;.:!?]{1,50}?)\s*(?:[,;:]|\.(?=\s))\s*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
# "有人填了我们的Typeform问卷，就…", "只要有客户在Shopify下单，马上…"
_ARRIVES_ZH = re.compile(
    r"^\s*(?:只要)?(?P<body>有(?:人|客户|用户|学员|顾客|访客|买家|会员|同事)[^，,。；;]{2,40}?)"
    r"[，,]?\s*(?:就|便|马上|立刻|立即)(?P<rest>.+)$",
    re.DOTALL,
)


# "Every response to the 'Event signup' Google Form should become …", "Each new answer to
# our Typeform quiz gets saved …", "I'd like every entry in the X form to become …": each
# response of a form (after a wish that names no step), then what happens to it
_RESPONSES_EN = re.compile(
    r"^\s*(?:(?:i|we)(?:'d|\s+would)?\s+(?:like|want|need)\s+)?"
    r"(?P<body>(?:every|each|any|all)\s+(?:new\s+|incoming\s+)?(?:responses?|answers?|"
    r"submissions?|entr(?:y|ies)|sign-?ups?|registrations?)\s+(?:to|from|in|on|of|for|through)\s+"
    r"[^,;.:!?]{2,60}?)"
    r"\s*(?:,\s*)?(?P<rest>\b(?:should|must|gets?|goes|go|becomes?|turns?|is|are|needs?|has|"
    r"to\s+(?:become|be|go|get|turn|end up|land|show up))\b.+)$",
    re.IGNORECASE | re.DOTALL,
)
# "“活动报名”谷歌表单收到的每一份回复，都要存进飞书", "Typeform问卷的每条新回答都同步到…"
_RESPONSES_ZH = re.compile(
    r"^\s*(?P<body>[^，,。；;]{2,40}?(?:收到的|里的|的)\s*(?:每一份|每份|每一条|每条|每个|所有)"
    r"(?:新的?)?(?:回复|回答|答卷|提交|报名|记录))[，,]?\s*(?:都要|都|一律|全部)?(?P<rest>.+)$",
    re.DOTALL,
)


# "每一份Typeform问卷回复都存到Notion", "每条新的Jotform提交都要…": the quantifier first
_EACH_RESPONSE_ZH = re.compile(
    r"^\s*(?P<body>(?:每一份|每份|每一条|每条|每个|所有)(?:新的?)?[^，,。；;]{2,30}?"
    r"(?:回复|回答|答卷|提交|报名))[，,]?\s*(?:都要|都|一律|全部)(?P<rest>.+)$",
    re.DOTALL,
)


def response_clause(text: str) -> tuple[str, str] | None:
    """(the clause naming each response of a form, the text after it), or None."""
    m = _RESPONSES_EN.match(text) or _RESPONSES_ZH.match(text) or _EACH_RESPONSE_ZH.match(text)
    return (m.group("body"), m.group("rest")) if m else None


def arrival_clause(text: str) -> tuple[str, str] | None:
    """(the clause saying what arrives, the text after it), or None."""
    m = _ARRIVES_EN.match(text) or _ARRIVES_ZH.match(text)
    return (m.group("body"), m.group("rest")) if m else None


_RELAY_VERB = r"(?:mirror|forward|relay|copy|repost|cross-?post|pipe|bridge|echo)"
_RELAY_TO = r"(?P<to>(?:in)?to|over to|across to)\s+(?P<rest>\S.*)$"
# "Forward every message posted in Slack #sales into Microsoft Teams"; mail needs no
# "every" ("Forward emails from anyone @initech.com to my Telegram")
_RELAY_EN = re.compile(
    rf"^\s*(?:please\s+)?(?P<verb>{_RELAY_VERB})\s+"
    r"(?:(?:all\s+(?:the\s+)?|every\s+|each\s+|any\s+)(?:new\s+)?"
    r"(?P<body>(?:messages?|posts?|comments?|updates?|chats?|e-?mails?)\b[^,;]*?)|"
    r"(?:all\s+(?:the\s+)?|any\s+)?(?:new\s+)?(?P<body2>e-?mails?\s+(?:from|sent by)\b[^,;]*?))"
    rf"\s+{_RELAY_TO}",
    re.IGNORECASE | re.DOTALL,
)
# "把Telegram群里的每条消息都转发到企业微信", "Gmail里来自 boss@corp.com 的邮件，都转发到飞书"
_RELAY_ZH = re.compile(
    r"^\s*(?:请)?(?:把(?P<body>[^，,。；;把]{2,30}?(?:每条|每个|每篇|每封|所有|全部|新)"
    r"[^，,。；;]{0,4}?(?:消息|帖子|评论|动态|邮件))|"
    r"(?P<body2>[^，,。；;把]{2,40}?的(?:邮件|消息|帖子|评论))[，,]?\s*(?=都|全部|一律))"
    r"(?:都|全部|一律|自动)*(?P<verb>转发|同步|转|推送|搬运|镜像)(?P<rest>.+)$",
    re.DOTALL,
)


def relay_clause(text: str) -> tuple[str, str] | None:
    """(the items relayed, the relay as an action on ``__it__``), or None."""
    m = _RELAY_EN.match(text)
    if m:
        body = m.group("body") or m.group("body2")
        return body, f"{m.group('verb')} __it__ {m.group('to')} {m.group('rest')}"
    m = _RELAY_ZH.match(text)
    if m:
        body = m.group("body") or m.group("body2")
        return body, f"把 __it__ {m.group('verb')}{m.group('rest')}"
    return None


# "set up an endpoint that receives Stripe events", "做一个webhook接收Shopify推过来的订单数据":
# an endpoint the user asks for, described by what it receives (to the clause's end)
_ENDPOINT = re.compile(
    r"\b(?:an?\s+|the\s+|our\s+)?(?:web ?hook|(?:http\s+|api\s+)?endpoint)\b"
    r"(?:\s+(?:url\s+)?(?:that|which|to|for|where we can|we can))?\s+"
    r"(?:receives?|receiving|accepts?|accepting|listens?\s+(?:for|to)|catch(?:es)?|"
    r"collects?|ingests?|takes?)\s+[^,;.:]*?(?=\s+and\s+(?:then\s+)?(?:[a-z]+s|send|post|create|add|save|store|write|"
    r"forward|notify|log|put|push|email it|email them)\b|\s*[,;.:]|$)|"
    r"(?:webhook|web hook|回调|接口|钩子|端点)(?:地址|链接|url)?\s*(?:来|用来|用于|专门)?"
    r"(?:接收|接住|监听|收取)[^，,。；;：:]*?(?=[，,。；;：:]|然后|并且|再|$)|"
    r"(?:做|建|搭|开|创建|设置|新建)一个\s*(?:webhook|web hook|回调|钩子)(?:地址|链接|url)?"
    r"(?=\s*[，,。；;：:])|"
    # "an endpoint our kiosk can call with a card number": the caller, then its call
    r"\b(?:an?\s+|the\s+|our\s+)?(?:web ?hook(?:\s+url)?|(?:http\s+|api\s+)?endpoint|url)\s+"
    r"(?:that\s+|which\s+)?(?:[\w'-]+\s+){1,5}?(?:can|could|will|would|should|may)\s+"
    r"(?:call|hit|ping|post\s+to|send\s+\w+\s+to|use)\b[^,;.]*|"
    # "给我一个webhook地址，家里的电表每分钟推一次数据过来": the address, then who pushes to it
    r"(?:web ?hook|回调|接口)\s*(?:地址|链接|url|URL)[，,]?[^。；;]{0,40}?"
    r"(?:推|发|传|送|post|POST|调用)[^，,。；;]{0,12}?(?:过来|进来|给它|到这里)",
    re.IGNORECASE,
)


def endpoint_span(text: str) -> tuple[int, int] | None:
    """Where the request describes the webhook it wants by what it receives (or by who
    pushes to it, see :mod:`parse_trigger_pushed`), or None."""
    m = _ENDPOINT.search(text)
    return (m.start(), m.end()) if m else pushed_span(text)


# "Overtime request form (name, hours, reason). …", "请假申请表单（姓名、天数、原因）。…",
# "Expense form with employee, amount and receipt. …", "表单收集客户反馈（姓名、评分）。…": an
# opening that only names a form and the fields it asks for; its submissions are the start
_FORM_OPENING = re.compile(
    r"^\s*(?P<body>(?:[\w'-]+\s+){0,4}?form\s*[(（][^()（）]{2,120}[)）])\s*[.:。：]|"
    r"^\s*(?P<body3>(?:[\w'-]+\s+){0,4}?form\s+(?:with|asking for|collecting|for)\s+"
    r"(?:(?:the|their|an?)\s+)?[\w'-]+(?:\s*,\s*[\w'-]+(?:\s+[\w'-]+)?)+,?\s+and\s+[\w'-]+"
    r"(?:\s+[\w'-]+)?)\s*[.:。：]|"
    r"^\s*(?P<body2>[^，,。；;(（]{0,12}?表单(?:收集|填写|登记|包含|里有)?[^，,。；;(（]{0,10}?"
    r"[(（][^()（）]{2,120}[)）])\s*[.:。：]",
    re.IGNORECASE,
)


def form_opening(text: str) -> str | None:
    """The words of an opening that names a form and its fields, or None."""
    m = _FORM_OPENING.match(text)
    return (m.group("body") or m.group("body2") or m.group("body3")) if m else None


def form_fields(text: str) -> dict[str, Any]:
    """The fields a form names in parentheses ("a form for leave requests (name, dates,
    reason)" -> three fields) or lists after "with" ("Leave form with name, dates and
    reason"), or nothing."""
    m = re.match(r"[^()。.;；]{0,60}?[(（]([^()（）]{2,120})[)）]", text) or FORM_WITH.match(text)
    if m is None:
        return {}
    labels = [w.strip() for w in re.split(r"\s*(?:,|，|、|\band\b|和)\s*", m.group(1))]
    labels = [w for w in labels if w and len(w) <= 30][:12]
    return {"fields": labels} if len(labels) >= 2 else {}


# "Expense form with employee, email, amount and receipt": the fields listed after "with"
FORM_WITH = re.compile(
    r"[^.。;；]{0,60}?\bform\s+(?:with|asking for|collecting)\s+([^.。;；:：]{2,120})", re.I
)
