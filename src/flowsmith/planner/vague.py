"""Requests that name a kind of service instead of one ("Connect my CRM to my email").

Invariant: :func:`unnamed_kind` returns a catalog category only when the request says that
kind of service by a category word (:data:`~flowsmith.planner.lexicon.CATEGORY_WORDS`) and
the frame holds no app of that category; the question then offers the catalog's apps of
that category. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.catalog import Catalog
from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Frame, ServiceStep, walk
from flowsmith.planner.services import index_of
from flowsmith.planner.text import Lang, pick

_KIND_NAMES = {
    "crm": ("CRM", "CRM"),
    "support": ("help desk", "工单系统"),
    "work": ("project management tool", "项目管理工具"),
    "finance": ("accounting software", "财务软件"),
}


def unnamed_kind(text: str, frame: Frame, catalog: Catalog) -> str | None:
    """The category of a service the request names only by its kind, or None."""
    index = index_of(catalog)
    apps = {s.app for s in walk(frame.steps) if isinstance(s, ServiceStep) and s.app}
    if frame.trigger.app:
        apps.add(frame.trigger.app)
    present = {index.apps[a].category for a in apps if a in index.apps}
    for category, pattern in lx.CATEGORY_WORDS.items():
        if pattern.search(text) and category not in present:
            return category
    return None


def which_question(
    category: str, frame: Frame, catalog: Catalog, lang: Lang
) -> tuple[str, list[str]]:
    """ "Which CRM do you use?" (naming the services the request did name, so the question
    is about what is missing) and up to four of the catalog's apps of that category."""
    en, zh = _KIND_NAMES.get(category, (category, category))
    names = [a.display_name for a in catalog.apps if a.category == category][:4]
    index = index_of(catalog)
    named = [
        index.apps[a].display_name
        for a in dict.fromkeys(
            [
                frame.trigger.app or "",
                *(s.app or "" for s in walk(frame.steps) if isinstance(s, ServiceStep)),
            ]
        )
        if a in index.apps
    ]
    if named:
        with_ = ", ".join(named)
        return (
            pick(lang, f"Which {en} do you use with {with_}?", f"和 {with_} 配合的是哪个{zh}？"),
            names,
        )
    return pick(lang, f"Which {en} do you use?", f"你用的是哪个{zh}？"), names


# words that only ask to bring a service in, without saying what it should do
_CONNECT_ONLY = re.compile(
    r"\b(?:please|pls|can you|could you|would you|help me|i want to|i'd like to|i need to|"
    r"let's|let me|hook(?:ed)?\s+up|hook|connect(?:ed)?|integrate|integration|link|set\s*up|"
    r"add|use|plug\s+in|bring\s+in|wire\s+up|automate|automation|workflow|flow|something|"
    r"with|to|into|in|my|our|the|a|an|me|it|us|app|account|for|and|some|stuff)\b|"
    r"帮我|给我|请|麻烦|我想|我要|想要|把|将|接进来|接入|接上|接一下|连接|连上|连起来|对接|集成|"
    r"弄|做|搞|整|一个|个|和|跟|与|有关的?|相关的?|流程|工作流|自动化|一下|吧|进来|用|使用|"
    r"打通|关联|的|我们|我|[\s,，.。!！?？、]",
    re.IGNORECASE,
)


def bare_service(text: str, frame: Frame | None, catalog: Catalog) -> list[str]:
    """The names of the services a request only names ("Hook up Stripe", "把飞书接进来",
    "Connect Stripe to Slack"), as the user wrote them: nothing starts the workflow and
    nothing but words asking to connect them is said; empty otherwise."""
    if frame is not None and (frame.trigger.kind != "manual" or frame.trigger.app):
        return []
    index = index_of(catalog)
    mentions = [m for m in index.mentions(text, implicit=False) if m.app in index.apps]
    if not mentions:
        return []
    rest = text
    for m in reversed(mentions):
        rest = rest[: m.start] + " " + rest[m.end :]
    if _CONNECT_ONLY.sub("", rest).strip():
        return []
    # the name as the user wrote it ("飞书", not "Feishu / Lark"); a lower-case one as the
    # catalog spells it
    names = [text[m.start : m.end].strip() for m in mentions]
    shown = [
        n if not n.islower() else index.apps[str(m.app)].display_name
        for n, m in zip(names, mentions, strict=True)
    ]
    return list(dict.fromkeys(shown))


_REPORT = re.compile(
    r"\b(?:reports?|summary|summaries|digest|overview)\b|报告|报表|汇总|总结|日报|周报|月报"
)
# what a report request may say besides its schedule and delivery and still name no data
_REPORT_FILLER = re.compile(
    r"\b(?:every|each|daily|weekly|monthly|day|week|month|morning|evening|night|at|on|a|an|"
    r"the|me|my|send|email|mail|give|get|please|can you|could you|i want|i'd like|to|of|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|am|pm|\d+(?::\d+)?)\b|"
    r"每天|每日|每周[一二三四五六日天]?|每个?星期[一二三四五六日天]?|每月|每个月|早上|上午|下午|晚上|"
    r"中午|\d+\s*点(?:钟|半)?|给我|帮我|请|发(?:送)?|发个|一份|一个|个|份|邮件|一下|吧|我|的|"
    r"[\s,，.。!！?？、]",
    re.IGNORECASE,
)


def sourceless_report(text: str) -> bool:
    """Whether ``text`` asks only for "a report" (with a schedule and a delivery at most)
    and says neither what it holds nor where its data comes from ("每天给我发个报告")."""
    if not _REPORT.search(text):
        return False
    return not _REPORT_FILLER.sub("", _REPORT.sub("", text)).strip()


_NOTICE = re.compile(
    r"\b(?:notify|notifications?|remind(?:er)?s?|alerts?|ping|heads[- ]up|let\s+\w+\s+know)\b|"
    r"提醒|通知|告诉",
    re.IGNORECASE,
)
# what a bare reminder may say besides who gets it and how often and still say nothing
_NOTICE_FILLER = re.compile(
    r"\b(?:the|a|an|me|us|my|our|team|everyone|everybody|all|people|staff|them|send|"
    r"please|can you|could you|i want|i'd like|to|every|each|daily|weekly|day|week|morning|"
    r"evening|month|monthly|about|that|this|thing|things|stuff|it|we|talked|discussed|"
    r"mentioned|"
    # asking to have some set up ("set something up for …") says nothing more either
    r"set|setup|up|something|some|for|build|make|create|need|can|could|you|i|want|have|get)\b|"
    r"大家|团队|所有人|全员|同事|每天|每日|每周|每个?星期|每个?月|早上|晚上|给|帮|请|设置|搞|做|建|"
    r"一些|些|点|"
    r"我|们|一下|一声|下|吧|个|"
    # a thing only pointed at ("那个事", "that thing we talked about") names nothing to say,
    # and a polite ask ("能不能…", "你能…吗", "记得…") adds nothing
    r"[那这](?:个|件)?(?:事情?)?|能不能|可不可以|可以|你能|能|吗|呢|记得|弄|"
    r"[\s,，.。!！?？、]",
    re.IGNORECASE,
)


def bare_notice(text: str) -> bool:
    """Whether ``text`` asks only to notify or remind someone ("Notify the team.",
    "每天提醒我一下") and says neither what about, nor when, nor where."""
    if not _NOTICE.search(text):
        return False
    return not _NOTICE_FILLER.sub("", _NOTICE.sub("", text)).strip()


# "whenever there's something new", "有新东西", "一有变化": an event with nothing said it is of
_ANY_EVENT = re.compile(
    r"\b(?:something|anything|stuff|things?)\s+(?:new|changes?|happens?)\b|"
    r"\bnew (?:stuff|things?)\b|"
    r"\b(?:changes?|updates?)\b|新东西|新内容|新的东西|新消息|变化|变动|更新|动静|新情况",
    re.IGNORECASE,
)
# what such a request may say besides the event and the notice ("whenever", "就", "一有")
_EVENT_FILLER = re.compile(
    r"\b(?:when|whenever|if|once|as soon as|there's|there is|there|is|are|has|have|been|"
    r"any|some|comes?|in|up|gets?|please|me|us|know|let|tell|about|'s)\b|有|一|就|时|的时候|之后|后|了|"
    r"出现|发生|只要|如果|一旦|马上|立刻|[\s,，.。!！?？、']",
    re.IGNORECASE,
)


_TELL = re.compile(r"\btell (?:me|us)\b", re.IGNORECASE)


def unsourced_notice(text: str) -> bool:
    """Whether ``text`` asks to be told of "something new" or "a change" and names neither
    where it happens nor what it is ("有新东西就通知我", "Let me know whenever there's something
    new"): nothing but the event, the notice and filler words is said."""
    if not (_NOTICE.search(text) or _TELL.search(text)) or not _ANY_EVENT.search(text):
        return False
    rest = _ANY_EVENT.sub(" ", _TELL.sub(" ", _NOTICE.sub(" ", text)))
    return not _NOTICE_FILLER.sub("", _EVENT_FILLER.sub(" ", rest)).strip()
