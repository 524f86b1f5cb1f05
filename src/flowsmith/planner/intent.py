"""Understanding: what a chat message asks for, read by keywords and patterns (zh + en).

``understand`` only *records* what the text says (nothing is defaulted here), so the
caller can tell a vague request ("create a workflow") from an actionable one, and the
resolver (``resolve.py``) can list every default it fills in as an assumption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from flowsmith.planner import vocab as v
from flowsmith.planner.plan import (
    ActionKind,
    AIKind,
    AIStep,
    ApprovalSpec,
    ConditionSpec,
    SourceSpec,
    Topic,
    TransformKind,
    TriggerSpec,
    WaitSpec,
)
from flowsmith.planner.schedule import parse_schedule
from flowsmith.planner.text import (
    Lang,
    channels,
    detect_lang,
    emails,
    in_quoted_name,
    quoted,
    strip_urls,
    urls,
    zh_number,
)

_NOTIFY_KINDS: frozenset[ActionKind] = frozenset(
    {"email", "gmail", "slack", "telegram", "discord", "teams", "sms"}
)
_EN_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "five": 5, "ten": 10}
_WAIT_UNIT = {
    "second": "seconds",
    "sec": "seconds",
    "秒": "seconds",
    "minute": "minutes",
    "min": "minutes",
    "分钟": "minutes",
    "hour": "hours",
    "hr": "hours",
    "小时": "hours",
    "day": "days",
    "天": "days",
}
_FEEDISH = re.compile(r"rss|feed|atom|\.xml", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(r"[,;，；。.!?！？\n]|\band\b|\bthen\b|然后|并且|再")
_NUMERIC_FIELDS = (
    (re.compile(r"price|cost|价格|价钱|\$|dollar|元|¥|￥"), "price"),
    (re.compile(r"amount|total|order|金额|订单|总额"), "amount"),
    (re.compile(r"\bcount\b|number of|数量|个数"), "count"),
    (re.compile(r"temperature|温度"), "temperature"),
    (re.compile(r"\bscore\b|分数|评分"), "score"),
    (re.compile(r"\bvalue\b|metric|数值|指标"), "value"),
)
_MAIL_NOUN = re.compile(r"e-?mails?|邮件|邮箱|来信|inbox|mailbox", re.IGNORECASE)
_OR_WORD = re.compile(r"\bor\b|或者|或")
_PHONE = re.compile(r"\+[1-9]\d{6,14}")
_REPO = re.compile(r"\b([A-Za-z0-9][\w.-]*)/([A-Za-z0-9][\w.-]*)\b")


@dataclass
class ActionMention:
    """A destination as written: where in the text, and the clause's routing hints."""

    kind: ActionKind
    pos: int
    otherwise: bool = False  # its clause says "others"/"其他": the else branch
    qualifier: str | None = None  # "urgent ones to Slack": the category it receives


@dataclass
class Understanding:
    """What the text names explicitly. Lists are in order of appearance."""

    text: str
    lang: Lang
    trigger: TriggerSpec | None = None
    sources: list[SourceSpec] = field(default_factory=list)
    transforms: list[TransformKind] = field(default_factory=list)
    limit: int | None = None
    loop: bool = False
    ai: list[AIStep] = field(default_factory=list)
    conditions: list[ConditionSpec] = field(default_factory=list)
    combine: Literal["and", "or"] = "and"
    approval: ApprovalSpec | None = None
    approver_named: bool = False
    wait: WaitSpec | None = None
    actions: list[ActionMention] = field(default_factory=list)
    notify: bool = False
    topic: Topic = "generic"
    quoted: str | None = None
    emails: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    repo: tuple[str, str] | None = None
    greeting: bool = False
    capability: bool = False
    create: bool = False
    thanks: bool = False

    @property
    def substance(self) -> bool:
        """True when the text says what the workflow should *do* (a trigger alone is not)."""
        return bool(
            self.sources
            or self.actions
            or self.ai
            or self.conditions
            or self.approval
            or self.transforms
            or self.topic != "generic"
        )


def understand(text: str) -> Understanding:
    """Read ``text``; deterministic, no defaults filled in."""
    low = strip_urls(text).lower()
    u = Understanding(text=text, lang=detect_lang(text))
    u.emails, u.channels = emails(text), channels(text)
    u.phones = _PHONE.findall(low)
    masked = _read_trigger(u, text, low)
    masked = _read_approval(u, masked)
    _read_actions(u, masked)
    _read_sources(u, text, masked)
    _read_ai(u, masked)
    _read_transforms(u, masked)
    _read_conditions(u, masked)
    _read_misc(u, text, masked)
    u.topic = _topic(u, masked)
    return u


def _mask(text: str, match: re.Match[str]) -> str:
    """Blank a matched span so later keyword passes do not see it again."""
    return text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]


# --- triggers ------------------------------------------------------------------------------


def _read_trigger(u: Understanding, raw: str, low: str) -> str:
    """Set ``u.trigger``; returns ``low`` with trigger-only phrases masked."""
    masked = low
    if v.TRIGGER_ERROR.search(low):
        u.trigger = TriggerSpec(kind="error")
        return masked
    if v.TRIGGER_WEBHOOK.search(low):
        u.trigger = TriggerSpec(kind="webhook")
        return masked
    email_hits = [m for p in v.TRIGGER_EMAIL for m in p.finditer(low)]
    if email_hits:
        u.trigger = TriggerSpec(kind="email")
        # mask only the mail noun: "classify incoming emails" still asks to classify
        for m in email_hits:
            for noun in _MAIL_NOUN.finditer(low, m.start(), m.end()):
                masked = _mask(masked, noun)
        return masked
    app = v.TRIGGER_APP.search(low)
    if app:
        u.trigger = _app_trigger(app, low)
        return _mask(masked, app)
    form_text = v.APPROVAL_FORM.sub(" ", low)
    if v.TRIGGER_FORM.search(form_text):
        u.trigger = TriggerSpec(kind="form")
        return masked
    schedule = parse_schedule(raw)
    if schedule is not None:
        u.trigger = TriggerSpec(kind="schedule", schedule=schedule)
    elif v.TRIGGER_CHAT.search(low):
        u.trigger = TriggerSpec(kind="chat")
    elif v.TRIGGER_RSS.search(low):
        feed = next((x for x in urls(raw) if _FEEDISH.search(x)), None) or next(
            iter(urls(raw)), None
        )
        u.trigger = TriggerSpec(kind="rss", url=feed)
    elif v.TRIGGER_MANUAL.search(low):
        u.trigger = TriggerSpec(kind="manual")
    return masked


def _app_trigger(m: re.Match[str], low: str) -> TriggerSpec:
    app = (m.group(2) or m.group(4) or "").replace(" ", "_")
    special, event, default = v.APP_EVENTS.get(app, (None, "", "event"))
    chosen = event if special is not None and special.search(low) else default
    return TriggerSpec(kind="app_event", app=app, event=chosen or "event")


# --- approval, actions ---------------------------------------------------------------------


def _read_approval(u: Understanding, masked: str) -> str:
    if not v.APPROVAL.search(masked):
        return masked
    slack = v.APPROVAL_SLACK.search(masked)
    if slack:
        u.approval = ApprovalSpec(kind="slack", approver=_first(u.channels, "#approvals"))
        u.approver_named = bool(u.channels)
        return _mask(masked, slack)
    if v.APPROVAL_FORM.search(masked):
        u.approval = ApprovalSpec(kind="form", approver="")
        return masked
    approver = _approver_email(u, masked)
    u.approval = ApprovalSpec(kind="email", approver=approver or "manager@example.com")
    u.approver_named = approver is not None
    return masked


def _approver_email(u: Understanding, masked: str) -> str | None:
    """An address written within a few words after the approval keyword, if any."""
    m = v.APPROVAL.search(masked)
    if m is None:
        return None
    window = u.text[m.start() : m.end() + 60]
    found = emails(window)
    return found[0] if found else None


def _read_actions(u: Understanding, masked: str) -> None:
    mentions: list[ActionMention] = []
    for kind, pattern in v.ACTIONS.items():
        for m in pattern.finditer(masked):
            if in_quoted_name(m.start(), m.end(), masked):
                continue  # "the bucket 'notion-archive'": a word of a name
            mention = _classify_mention(kind, m, masked)
            if mention is not None:
                mentions.append(mention)
    kinds = {m.kind for m in mentions}
    if "gmail" in kinds:
        mentions = [m for m in mentions if m.kind != "email"]
    if "github_issue" in kinds and not re.search(r"issue|bug|工单", masked):
        mentions = [m for m in mentions if m.kind != "github_issue"]
    mentions.sort(key=lambda m: m.pos)
    seen: set[ActionKind] = set()
    for mention in mentions:
        if mention.kind not in seen:
            seen.add(mention.kind)
            _route_hints(mention, masked)
            u.actions.append(mention)
    if u.emails and not seen & _NOTIFY_KINDS and (u.approval is None or not u.approver_named):
        u.actions.append(ActionMention("email", u.text.find(u.emails[0])))


def _classify_mention(kind: ActionKind, m: re.Match[str], masked: str) -> ActionMention | None:
    """A mention of a store (sheets, database) that reads is a source, not an action."""
    if kind in ("sheets_append", "db_insert") and _reads_from(masked, m.start()):
        return None
    return ActionMention(kind, m.start())


def _reads_from(text: str, pos: int) -> bool:
    before = text[max(0, pos - 40) : pos]
    read, write = v.READ_BEFORE.search(before), v.WRITE_BEFORE.search(before)
    if read and write:
        return read.start() > write.start()
    return read is not None


def _route_hints(mention: ActionMention, masked: str) -> None:
    start = max((m.end() for m in _CLAUSE_SPLIT.finditer(masked, 0, mention.pos)), default=0)
    ends = [m.start() for m in _CLAUSE_SPLIT.finditer(masked, mention.pos)]
    clause = masked[start : ends[0] if ends else len(masked)]
    mention.otherwise = v.ELSE_WORDS.search(clause) is not None
    q = v.QUALIFIERS.search(clause)
    if q and not mention.otherwise:
        word = q.group(0).strip()
        mention.qualifier = v.QUALIFIER_ZH.get(word, word.rstrip("s") if word != "vip" else word)


# --- sources -------------------------------------------------------------------------------


def _read_sources(u: Understanding, raw: str, masked: str) -> None:
    found: list[tuple[int, SourceSpec]] = []
    for store in v.STORES:
        m = store.pattern.search(masked)
        if m:
            found.append((m.start(), SourceSpec(kind="store", store=store.key)))
    rss = v.TRIGGER_RSS.search(masked) is not None
    for url in urls(raw):
        if u.trigger is not None and u.trigger.kind == "rss" and u.trigger.url == url:
            continue
        found.append((raw.find(url), _url_source(url, rss, masked, found)))
    found = _dedupe_store_urls(found)
    found.extend(_store_reads(masked))
    rss_word = v.TRIGGER_RSS.search(masked)
    if rss_word and _trigger_kind(u) != "rss" and not any(s.kind == "feed" for _, s in found):
        found.append((rss_word.start(), SourceSpec(kind="feed")))
    if not urls(raw):
        api = v.API_WORD.search(masked)
        if api and not any(s.kind == "api" for _, s in found):
            found.append((api.start(), SourceSpec(kind="api")))
        scrape = v.SCRAPE.search(masked)
        if scrape and not found:
            found.append((scrape.start(), SourceSpec(kind="scrape")))
    found.sort(key=lambda pair: pair[0])
    u.sources = [s for _, s in found]


def _trigger_kind(u: Understanding) -> str | None:
    return u.trigger.kind if u.trigger else None


def _url_source(
    url: str, rss: bool, masked: str, found: list[tuple[int, SourceSpec]]
) -> SourceSpec:
    # a store's own feed ("status.aws.amazon.com/rss/all.rss") is a feed, not a product page
    if _FEEDISH.search(url):
        return SourceSpec(kind="feed", url=url)
    store = v.store_for_url(url)
    if store is not None:
        return SourceSpec(kind="store", store=store.key, url=url)
    if rss:
        return SourceSpec(kind="feed", url=url)
    if v.SCRAPE.search(masked):
        return SourceSpec(kind="scrape", url=url)
    if v.STORE_TOPIC.search(masked) or any(s.kind == "store" for _, s in found):
        return SourceSpec(kind="page", url=url)
    return SourceSpec(kind="api", url=url)


def _dedupe_store_urls(found: list[tuple[int, SourceSpec]]) -> list[tuple[int, SourceSpec]]:
    """A store named *and* linked ("Amazon: https://amazon.com/dp/X") is one check."""
    linked = {s.store for _, s in found if s.kind == "store" and s.url}
    return [(p, s) for p, s in found if not (s.kind == "store" and not s.url and s.store in linked)]


def _store_reads(masked: str) -> list[tuple[int, SourceSpec]]:
    out: list[tuple[int, SourceSpec]] = []
    for kind, pattern in (("sheets", v.ACTIONS["sheets_append"]), ("db", v.ACTIONS["db_insert"])):
        for m in pattern.finditer(masked):
            if not _reads_from(masked, m.start()):
                continue
            if kind == "sheets":
                out.append((m.start(), SourceSpec(kind="sheets")))
            else:
                db = "mysql" if "mysql" in m.group(0) else "postgres"
                out.append((m.start(), SourceSpec(kind=db)))
            break
    return out


# --- AI, transforms, conditions ------------------------------------------------------------


def _read_ai(u: Understanding, masked: str) -> None:
    found: list[tuple[int, AIStep]] = []
    for kind, pattern in v.AI_STEPS.items():
        m = pattern.search(masked)
        if m is None:
            continue
        if kind == "extract" and any(s.kind == "scrape" for s in u.sources):
            continue  # html_extract in the scrape source already extracts
        found.append((m.start(), _ai_step(kind, u, masked)))
    kinds = {s.kind for _, s in found}
    if "agent" in kinds:
        # the agent does the thinking; other AI words describe what it should do
        found = [(p, s) for p, s in found if s.kind == "agent"]
    elif "analyze" in kinds and len(kinds) > 1:
        # "分析情感" / "analyse and summarise": the specific step says what to do
        found = [(p, s) for p, s in found if s.kind != "analyze"]
    found.sort(key=lambda pair: pair[0])
    u.ai = [s for _, s in found]
    if not u.ai and v.AI_NAMED.search(masked):
        u.ai = [AIStep(kind="analyze")]


def _ai_step(kind: AIKind, u: Understanding, masked: str) -> AIStep:
    if kind == "translate":
        m = v.TRANSLATE_TO.search(masked)
        code = v.LANG_CODES.get(m.group(1).lower()) if m else None
        return AIStep(kind=kind, language=code or ("zh" if u.lang == "en" else "en"))
    if kind == "agent":
        tools = [name for name, pattern in v.AGENT_TOOLS.items() if pattern.search(masked)]
        memory = "buffer_memory" if v.AGENT_MEMORY.search(masked) else None
        return AIStep(kind=kind, tools=tools, memory=memory)
    return AIStep(kind=kind)


def _read_transforms(u: Understanding, masked: str) -> None:
    found: list[tuple[int, TransformKind]] = []
    for kind, pattern in v.TRANSFORMS.items():
        m = pattern.search(masked)
        if m is None:
            continue
        if kind == "code" and any(s.kind == "agent" for s in u.ai):
            continue
        if kind == "sort" and any(s.kind == "classify" for s in u.ai):
            continue
        found.append((m.start(), kind))
    found.sort(key=lambda pair: pair[0])
    u.transforms = [k for _, k in found]
    n = v.LIMIT_N.search(masked)
    u.limit = int(n.group(1)) if n else None


def _read_conditions(u: Understanding, masked: str) -> None:
    stores = any(s.kind in ("store", "page") for s in u.sources) or bool(
        v.STORE_TOPIC.search(masked)
    )
    found: list[tuple[int, ConditionSpec]] = []
    numeric_field = "price" if stores else _numeric_field(masked)
    if numeric_field:
        for kind, patterns in (("price_below", v.PRICE_BELOW), ("price_above", v.PRICE_ABOVE)):
            m = _first_match(patterns, masked)
            if m:
                cond = ConditionSpec(kind=kind, value=float(m.group(1)), field=numeric_field)
                found.append((m.start(), cond))
    if stores:
        m = v.IN_STOCK.search(masked)
        if m:
            found.append((m.start(), ConditionSpec(kind="in_stock")))
    contains = _first_match(v.CONTAINS, masked)
    if contains:
        word = _original_case(u.text, contains.group(1).strip())
        found.append((contains.start(), ConditionSpec(kind="contains", value=word)))
    found.sort(key=lambda pair: pair[0])
    u.conditions = [c for _, c in found]
    if len(found) > 1:
        between = masked[found[0][0] : found[-1][0]]
        u.combine = "or" if _OR_WORD.search(between) else "and"
    u.notify = bool(v.NOTIFY.search(masked))


def _numeric_field(masked: str) -> str | None:
    """The item field a "below/above N" compares; None when no numeric field is named
    (then "more than 3" is not a condition)."""
    return next((name for pattern, name in _NUMERIC_FIELDS if pattern.search(masked)), None)


def _first_match(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    hits = [m for p in patterns if (m := p.search(text))]
    return min(hits, key=lambda m: m.start()) if hits else None


def _original_case(text: str, lowered: str) -> str:
    i = text.lower().find(lowered)
    return text[i : i + len(lowered)] if i >= 0 else lowered


# --- the rest ------------------------------------------------------------------------------


def _read_misc(u: Understanding, raw: str, masked: str) -> None:
    u.loop = bool(v.LOOP.search(masked))
    u.wait = _wait(masked)
    names = [q for q in quoted(raw) if "@" not in q and not q.startswith("#")]
    u.quoted = names[0] if names else None
    repo = _REPO.search(strip_urls(raw))
    if repo and "github" in masked:
        u.repo = (repo.group(1), repo.group(2))
    stripped = raw.strip()
    u.greeting = bool(v.GREETING.search(stripped))
    u.capability = bool(v.CAPABILITY.search(stripped))
    u.create = bool(v.CREATE.search(masked))
    u.thanks = bool(v.THANKS.search(stripped))


def _wait(masked: str) -> WaitSpec | None:
    for pattern in v.WAIT:
        m = pattern.search(masked)
        if m is None:
            continue
        token = m.group(1)
        amount = zh_number(token) if not token.isascii() else None
        if token.isdigit():
            amount = int(token)
        elif token.isascii():
            amount = _EN_COUNT.get(token, 1)
        unit = _WAIT_UNIT.get(m.group(2).lower())
        if amount and unit:
            return WaitSpec(amount=amount, unit=unit)
    return None


def _topic(u: Understanding, masked: str) -> Topic:
    kinds = {s.kind for s in u.sources}
    ai = {s.kind for s in u.ai}
    if "agent" in ai:
        return "agent"
    if kinds & {"store", "page"} or (v.STORE_TOPIC.search(masked) and not kinds - {"store"}):
        return "store_monitor"
    if "classify" in ai and any(a.otherwise or a.qualifier for a in u.actions):
        return "triage"
    if (kinds & {"feed"} or _trigger_kind(u) == "rss") and "summarize" in ai:
        return "digest"
    if v.ANALYSIS_TOPIC.search(masked):
        return "data_analysis"
    return "generic"


def _first(items: list[str], default: str) -> str:
    return items[0] if items else default
