"""Parse a request (English or Chinese) into a :class:`~flowsmith.planner.frame.Frame`.

The text is read in three passes:

1. the trigger: a "when"-clause naming an app event ("When someone stars my GitHub repo",
   "收到新的 Shopify 订单时"), an error / email / form / webhook / RSS start, a schedule,
   or a "new <app> <thing>" event; manual otherwise;
2. sentences split into clauses at commas and connectives; each clause is a condition
   opening a case ("if …", "如果…"), an "otherwise" case, an action guarded by a trailing
   condition ("text me only if it is down"), or plain steps;
3. each clause's steps: services (every service word comes from the catalog through
   :mod:`flowsmith.planner.services`), transforms, thinking, waits, approvals, loops.

Within a clause, reads come first, then transforms and thinking, then writes, so data a
step refers to is produced upstream of it. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flowsmith.core.catalog import Catalog, load_catalog
from flowsmith.planner import lexicon as lx
from flowsmith.planner import vocab as v
from flowsmith.planner.frame import (
    Approval,
    Branch,
    Case,
    Condition,
    CoreStep,
    Frame,
    Loop,
    Respond,
    ServiceStep,
    Step,
    Think,
    Transform,
    Trigger,
    TriggerKind,
    Wait,
    walk,
)
from flowsmith.planner.schedule import parse_schedule
from flowsmith.planner.services import ServiceIndex, index_of, stem
from flowsmith.planner.text import detect_lang, emails, quoted, zh_number

__all__ = ["parse_condition", "parse_request"]

_URL = re.compile(r"https?://[^\s<>\"'，。；！？、）)】\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_TOKEN = re.compile(r"__(url|mail)(\d+)__")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CAPS = re.compile(r"(?<![\w#@'’])([A-Z][\w.&+-]*(?:\s+[A-Z][\w.&+-]*){0,3})")
_NOT_NAMES = frozenset(
    [
        "i",
        "a",
        "an",
        "the",
        "if",
        "when",
        "whenever",
        "every",
        "each",
        "then",
        "and",
        "or",
        "otherwise",
        "else",
        "please",
        "also",
        "only",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "am",
        "pm",
        "ai",
        "api",
        "url",
        "http",
        "https",
        "json",
        "csv",
        "pdf",
        "ok",
        "hi",
        "hello",
        "my",
        "our",
        "new",
        "send",
        "post",
        "create",
        "add",
        "fetch",
        "get",
        "check",
        "text",
        "email",
        "read",
        "retrieve",
        "copy",
        "save",
        "when",
        "once",
        "after",
        "before",
        "for",
        "workflow",
        "flow",
        "app",
        "automation",
        "english",
        "chinese",
        "spanish",
        "french",
        "german",
        "japanese",
        "korean",
        "portuguese",
        "italian",
        "russian",
        "arabic",
    ]
)
_WAIT_UNIT = {"second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600}
_WAIT_UNIT |= {"day": 86400, "秒": 1, "分钟": 60, "小时": 3600, "天": 86400}
_EN_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "five": 5, "ten": 10}
_ZH_CLAUSE_COND = re.compile(r"^(?P<c>[^，,]{1,24}?)(?:的时候|时)(?:就|，|,)?\s*(?P<a>.*)$")
_READABLE = re.compile(r"\b(?:is|are|was|were|gets?|got)\s+\w+ed\b|\b\w+ed\b\s+(?:to|in|into|on)\b")
_CONDITION_VERB = re.compile(
    r"\b(?:is|are|was|gets?|goes|has|contains?|mentions?|exceeds?|fails?)\b"
)


@dataclass
class Context:
    """What the parser has seen so far (for pronouns and classifier categories)."""

    index: ServiceIndex
    urls: list[str]
    mails: list[str]
    trigger_app: str | None = None
    trigger_url: str | None = None  # the token of the URL the trigger uses (a feed)
    categories: list[str] = field(default_factory=list)
    classified: bool = False
    made: set[str] = field(default_factory=set)  # think kinds already in the frame
    notes: list[str] = field(default_factory=list)


# --- entry point --------------------------------------------------------------------------------


def parse_request(text: str, catalog: Catalog | None = None) -> Frame | None:
    """The frame ``text`` asks for, or None when it names nothing to act on."""
    catalog = catalog or load_catalog()
    raw = " ".join(text.split())
    if not raw:
        return None
    lang = detect_lang(raw)
    ctx = Context(index=index_of(catalog), urls=[], mails=[])
    masked = _mask(raw, ctx)
    trigger, rest = _trigger(masked, ctx)
    steps = _with_categories(_steps(rest, ctx), ctx)
    trigger = _poll_for_new(trigger, steps)
    acts = [s for s in walk(tuple(steps)) if isinstance(s, (ServiceStep, CoreStep, Respond))]
    if not acts and (trigger.kind in ("manual", "schedule", "chat") or not steps):
        return None
    return Frame(trigger=trigger, steps=tuple(steps), lang=lang)


def _poll_for_new(trigger: Trigger, steps: list[Step]) -> Trigger:
    """ "copy new Marketo leads to …" with no trigger: look for new items every hour."""
    if trigger.kind != "manual" or not steps:
        return trigger
    first = steps[0]
    if isinstance(first, ServiceStep) and first.app is not None and first.operation:
        m = lx.NEW_WORD.search(first.phrase)
        if m and first.operation.lower().startswith(("get", "list", "search", "read")):
            return Trigger(
                kind="schedule",
                params={"kind": "interval", "minutes": 60, "assumed": True},
                phrase=m.group(0),
            )
    return trigger


def _with_categories(steps: list[Step], ctx: Context) -> list[Step]:
    """A classifier's categories include every category a later case routes on."""
    if not ctx.categories:
        return steps

    def fix(step: Step) -> Step:
        if isinstance(step, Think) and step.kind == "classify":
            cats = list(dict.fromkeys([*step.params.get("categories", []), *ctx.categories]))
            if "other" not in cats and len(cats) < 4:
                cats.append("other")
            return Think(
                kind="classify", params={**step.params, "categories": cats}, phrase=step.phrase
            )
        if isinstance(step, Branch):
            return Branch(
                tuple(Case(c.condition, tuple(fix(s) for s in c.steps)) for c in step.cases),
                step.phrase,
            )
        if isinstance(step, Loop):
            return Loop(tuple(fix(s) for s in step.steps), step.phrase)
        return step

    return [fix(s) for s in steps]


def _mask(text: str, ctx: Context) -> str:
    def url(m: re.Match[str]) -> str:
        whole = m.group(0)
        bare = whole.rstrip(".,;:!?")
        ctx.urls.append(bare)
        return f" __url{len(ctx.urls) - 1}__ " + whole[len(bare) :]

    def mail(m: re.Match[str]) -> str:
        ctx.mails.append(m.group(0))
        return f" __mail{len(ctx.mails) - 1}__ "

    return _EMAIL.sub(mail, _URL.sub(url, text))


def _unmask(text: str, ctx: Context) -> str:
    def back(m: re.Match[str]) -> str:
        pool = ctx.urls if m.group(1) == "url" else ctx.mails
        return pool[int(m.group(2))]

    return " ".join(_TOKEN.sub(back, text).split())


# --- trigger ------------------------------------------------------------------------------------


def _trigger(text: str, ctx: Context) -> tuple[Trigger, str]:
    """The request's trigger and the text left for the steps (the trigger's words cut out)."""
    found = _when_trigger(text, ctx)
    if found is not None:
        return found
    err = lx.TRIGGER_ERROR.search(text)
    if err:
        return Trigger(kind="error", phrase=err.group(0).strip()), _cut(text, err)
    sched = parse_schedule(_TOKEN.sub(" ", text))
    if sched is not None:
        return Trigger(kind="schedule", params=sched.model_dump(exclude_none=True)), text
    found = _new_app_event(text, ctx)
    if found is not None:
        ctx.trigger_app = found[0].app
        return found
    return _keyword_trigger(text, ctx)


def _when_trigger(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """A "when"-clause naming an app event; a polled one becomes an hourly schedule."""
    for pattern in (lx.WHEN_EN, lx.WHEN_ZH):
        for m in pattern.finditer(text):
            found = _trigger_of(
                m.group("body") or m.groupdict().get("body2") or "", ctx, explicit=True
            )
            if found is not None:
                ctx.trigger_app = found.app
                poll = found.params.get("poll")
                if poll:
                    found = Trigger(
                        kind="schedule",
                        params={"kind": "interval", "minutes": 60, "assumed": True},
                        phrase=found.phrase,
                    )
                    rest = (
                        text[: m.start()] + f" get {_READABLE.sub(' ', poll)} , " + text[m.end() :]
                    )
                else:
                    rest = text[: m.start()] + " , " + text[m.end() :]
                return found, rest
    return None


_KEYWORD_TRIGGERS: tuple[tuple[TriggerKind, re.Pattern[str]], ...] = (
    ("email", lx.TRIGGER_EMAIL),
    ("webhook", lx.TRIGGER_WEBHOOK),
    ("form", lx.TRIGGER_FORM),
    ("rss", lx.TRIGGER_RSS),
    ("chat", lx.TRIGGER_CHAT),
)


def _keyword_trigger(text: str, ctx: Context) -> tuple[Trigger, str]:
    """The first start a keyword names (an RSS feed takes the first URL); manual otherwise."""
    for kind, pattern in _KEYWORD_TRIGGERS:
        m = pattern.search(text)
        if m:
            params: dict[str, Any] = {}
            if kind == "rss" and ctx.urls:
                params["url"] = ctx.urls[0]
                ctx.trigger_url = "__url0__"
            return Trigger(kind=kind, params=params, phrase=m.group(0).strip()), text
    return Trigger(kind="manual"), text


def _cut(text: str, m: re.Match[str]) -> str:
    return text[: m.start()] + " " + text[m.end() :]


def _trigger_of(body: str, ctx: Context, explicit: bool) -> Trigger | None:
    """The trigger a "when"-clause body names, or None (then it is a condition)."""
    phrase = _unmask(body, ctx)
    if lx.TRIGGER_ERROR.search(body) or lx.TRIGGER_ERROR.search("a " + body):
        return Trigger(kind="error", phrase=phrase)
    for mention in ctx.index.mentions(body, implicit=False):
        if mention.app is None:
            continue
        app = ctx.index.apps[mention.app]
        if app.triggers is None:
            continue
        event, _score = ctx.index.event(mention.app, body)
        if event is None:
            event = next(iter(app.triggers.events))
            ctx.notes.append(f"event:{mention.app}:{event}")
        params: dict[str, Any] = {}
        q = quoted(_unmask(body, ctx))
        if q:
            params["resource"] = q[0]
        return Trigger(kind="app_event", app=mention.app, event=event, params=params, phrase=phrase)
    polled = [m for m in ctx.index.mentions(body, implicit=False) if m.app is not None]
    if polled and (lx.NEW_WORD.search(body) or re.search(r"\b\w+ed\b", body)):
        return Trigger(
            kind="schedule",
            params={"kind": "interval", "minutes": 60, "assumed": True, "poll": body},
            phrase=phrase,
        )
    if lx.TRIGGER_EMAIL.search(body) or (lx.EMAIL_WORD.search(body) and lx.NEW_WORD.search(body)):
        return Trigger(kind="email", phrase=phrase)
    if lx.TRIGGER_FORM.search(body) or re.search(r"\bform\b|表单", body, re.IGNORECASE):
        return Trigger(kind="form", phrase=phrase)
    if lx.TRIGGER_WEBHOOK.search(body):
        return Trigger(kind="webhook", phrase=phrase)
    if lx.TRIGGER_RSS.search(body):
        params = {"url": ctx.urls[0]} if ctx.urls else {}
        ctx.trigger_url = "__url0__" if ctx.urls else None
        return Trigger(kind="rss", params=params, phrase=phrase)
    return None


def _new_app_event(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """ "copy new Marketo leads to …": an app with events named next to "new"."""
    for mention in ctx.index.mentions(text):
        if mention.app is None or ctx.index.apps[mention.app].triggers is None:
            continue
        left = text[max(0, mention.start - 24) : mention.start]
        left = re.split(r"\b(?:to|into|in|on|from)\b|[到在从，,]", left)[-1]
        news = list(lx.NEW_WORD.finditer(left))
        new = news[-1] if news else None
        right = text[mention.end : mention.end + 30]
        right = re.split(
            r"\b(?:to|into|in|on|from|and|is|are|was|were|comes?|arrives?|gets?|"
            r"has|have|with|that|which)\b|[到在从，,是]",
            right,
        )[0]
        if new is None:
            m = lx.NEW_WORD.search(right)
            if m is None:
                continue
            left = ""
        else:
            left = left[new.start() :]
        window = left + text[mention.start : mention.end] + right
        event, score = ctx.index.event(mention.app, window)
        if event is None or score < 1.0:
            continue
        start = mention.start - len(left)
        end = mention.end + len(right)
        trig = Trigger(kind="app_event", app=mention.app, event=event, phrase=window.strip())
        return trig, text[:start] + " __it__ " + text[end:]
    return None


# --- sentences and clauses ------------------------------------------------------------------------


@dataclass
class _MCase:
    condition: Condition | None
    steps: list[Any] = field(default_factory=list)


@dataclass
class _MBranch:
    cases: list[_MCase] = field(default_factory=list)
    trailing: bool = False
    phrase: str = ""

    @property
    def closed(self) -> bool:
        return any(c.condition is None for c in self.cases)


@dataclass
class _MLoop:
    steps: list[Any] = field(default_factory=list)
    phrase: str = ""


@dataclass
class _MApproval:
    channel: str
    approved: list[Any] = field(default_factory=list)
    rejected: list[Any] = field(default_factory=list)
    phrase: str = ""


class _Builder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.top: list[Any] = []
        self.container: list[Any] = self.top  # where the next step or branch goes
        self.branch: _MBranch | None = None
        self.current: list[Any] = self.top
        self.loop: _MLoop | None = None
        self.loop_parent: list[Any] | None = None
        self.approval: _MApproval | None = None

    def add(self, steps: list[Any]) -> None:
        for step in steps:
            if isinstance(step, _MLoop):
                self.current.append(step)
                self.loop = step
                self.loop_parent = self.current
                self.current = self.container = step.steps
                self.branch = None
            elif isinstance(step, _MApproval):
                self.current.append(step)
                self.approval = step
                self.current = self.container = step.approved
                self.branch = None
            else:
                self.current.append(step)

    def open_case(self, cond: Condition, phrase: str, same: bool) -> None:
        if not (
            same and self.branch is not None and not self.branch.closed and not self.branch.trailing
        ):
            self.close_branch()
            self.branch = _MBranch(phrase=phrase)
            self.container.append(self.branch)
        case = _MCase(cond)
        self.branch.cases.append(case)
        self.current = case.steps

    def otherwise(self) -> bool:
        if self.branch is not None and not self.branch.closed:
            case = _MCase(None)
            self.branch.cases.append(case)
            self.current = case.steps
            self.branch.trailing = False
            return True
        if self.approval is not None:
            self.current = self.approval.rejected
            return True
        return False

    def close_branch(self) -> None:
        self.branch = None
        self.current = self.container

    def end_sentence(self) -> None:
        self.loop = None
        if self.branch is None:
            self.current = self.container


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in lx.SENTENCE_SPLIT.split(text) if s and s.strip(" ,，")]


def _clauses(sentence: str) -> list[str]:
    return [c.strip() for c in lx.CLAUSE_SPLIT.split(sentence) if c and c.strip(" ,，")]


def _steps(text: str, ctx: Context) -> list[Step]:
    b = _Builder(ctx)
    sentences = _sentences(text)
    for si, sentence in enumerate(sentences):
        clauses = _clauses(sentence)
        for ci, clause in enumerate(clauses):
            _clause(b, clause, ctx, same=ci > 0 or _continues(sentence))
        nxt = _clauses(sentences[si + 1])[0] if si + 1 < len(sentences) else ""
        if b.branch is not None and not (lx.ELSE_OPEN.match(nxt) or lx.IF_OPEN.match(nxt)):
            b.close_branch()
        b.end_sentence()
    return [_freeze(s) for s in b.top]


def _continues(sentence: str) -> bool:
    return bool(lx.ELSE_OPEN.match(sentence) or lx.IF_OPEN.match(sentence))


def _clause(b: _Builder, clause: str, ctx: Context, same: bool) -> None:
    if b.approval is not None:
        if lx.APPROVAL_REJECT.search(clause):
            b.current = b.approval.rejected
            b.add(_actions(lx.APPROVAL_REJECT.sub(" ", clause), ctx))
            return
        if lx.APPROVAL_OK.search(clause):
            b.current = b.approval.approved
            b.add(_actions(lx.APPROVAL_OK.sub(" ", clause), ctx))
            return
    m = lx.ELSE_OPEN.match(clause)
    if m:
        if not b.otherwise():
            b.close_branch()
        b.add(_actions(clause[m.end() :], ctx))
        return
    m = lx.CATEGORY_CASE.match(clause)
    if m and (b.branch is None or not b.branch.closed):
        word = (m.group(1) or m.group(2) or "").lower()
        if word in ctx.categories or _looks_category(word) or ctx.classified:
            if word not in ctx.categories:
                ctx.categories.append(word)
            b.open_case(
                Condition("category", "category", word, _unmask(clause, ctx)),
                _unmask(clause, ctx),
                same=True,
            )
            b.add(_actions(clause[m.end() :], ctx))
            return
    split = _leading_condition(clause, ctx)
    if split is not None:
        cond, action = split
        b.open_case(cond, _unmask(clause, ctx), same)
        b.add(_actions(action, ctx))
        return
    tail = _trailing_condition(clause, ctx)
    if tail is not None:
        action, cond = tail
        b.close_branch()
        b.open_case(cond, _unmask(clause, ctx), same=False)
        branch = b.branch
        b.add(_actions(action, ctx))
        if branch is not None:
            branch.trailing = True
        return
    if b.branch is not None and (b.branch.trailing or lx.AFTER_BRANCH.match(clause)):
        b.close_branch()
    elif b.loop is not None and b.loop_parent is not None and lx.AFTER_BRANCH.match(clause):
        b.current = b.container = b.loop_parent  # "…, then respond": after the loop
        b.loop = None
    b.add(_actions(clause, ctx))


def _leading_condition(clause: str, ctx: Context) -> tuple[Condition, str] | None:
    m = lx.IF_OPEN.match(clause)
    if m is None:
        if _CJK.search(clause):
            z = _ZH_CLAUSE_COND.match(clause)
            if z:
                cond = parse_condition(z.group("c"), ctx)
                if cond is not None:
                    return cond, z.group("a")
        return None
    body = clause[m.end() :]
    t = lx.THEN_WORD.search(body)
    if t and t.start() > 0:
        cond = parse_condition(body[: t.start()], ctx)
        if cond is not None:
            return cond, body[t.end() :]
    for start in _action_starts(body, ctx):
        cond = parse_condition(body[:start], ctx)
        if cond is not None and _complete(body[:start]):
            return cond, body[start:]
    cond = parse_condition(body, ctx)
    return (cond, "") if cond is not None else None


def _complete(text: str) -> bool:
    """A condition that ends on its verb ("if the email mentions") still needs its value."""
    return not re.search(r"\b(?:is|are|contains?|mentions?|includes?|than|equals?|to)\s*$", text)


def _action_starts(body: str, ctx: Context) -> list[int]:
    starts: set[int] = set()
    for pattern in (lx.CREATE_VERB, lx.READ_VERB, lx.UPDATE_VERB, lx.DELETE_VERB, lx.SMS_WORD):
        for m in pattern.finditer(body):
            if m.start() > 0:
                starts.add(m.start())
    for mention in ctx.index.mentions(body):
        left = body[: mention.start]
        if lx.TO_WORD.search(left) and mention.start > 0:
            starts.add(lx.TO_WORD.search(left).start())  # type: ignore[union-attr]
    return sorted(starts)


def _trailing_condition(clause: str, ctx: Context) -> tuple[str, Condition] | None:
    for m in lx.IF_TRAILING.finditer(clause):
        if m.start() == 0:
            continue
        cond = parse_condition(clause[m.end() :], ctx)
        if cond is not None:
            return clause[: m.start()], cond
    z = lx.ONLY_IF_ZH.search(clause)
    if z:
        cond = parse_condition(z.group(1), ctx)
        if cond is not None:
            return clause[: z.start()] + " " + clause[z.end() :], cond
    return None


# --- conditions -----------------------------------------------------------------------------------


def parse_condition(text: str, ctx: Context | None = None) -> Condition | None:
    """``field op value`` from a condition's words ("the budget is over 10000")."""
    phrase = text.strip(" ,，:：")
    t = _TOKEN.sub(" ", phrase)
    if not t.strip():
        return None
    cats = ctx.categories if ctx else []
    neg = lx.NOT_CONTAINS.search(t)
    if neg:
        said = re.search(
            r"(?:contain|mention|include|包含|含|提到)\w*\s*[\"'“]?([^\"'”,，]+)", t[neg.start() :]
        )
        value = said.group(1).strip() if said else ""
        return Condition(_field(t[: neg.start()], "text"), "not_contains", value, phrase)
    for op, pattern in lx.COMPARE:
        m = pattern.search(t)
        if m:
            number = _number(m.group(1), m.group(2) if m.re.groups >= 2 else None)
            if number is None:
                if op in ("eq", "ne"):
                    return Condition(_field(t[: m.start()], "status"), op, m.group(1), phrase)  # type: ignore[arg-type]
                continue
            return Condition(_field(t[: m.start()], "price"), op, number, phrase)  # type: ignore[arg-type]
    m = lx.CONTAINS.search(t)
    if m:
        word = (m.group(1) or m.group(2) or "").strip(" \"'“”")
        if word:
            return Condition(_field(t[: m.start()], "text"), "contains", word, phrase)
    for op_name, pattern, default in (
        ("not_empty", lx.NOT_EMPTY, "value"),
        ("is_empty", lx.EMPTY, "value"),
    ):
        hit = pattern.search(t)
        if hit:
            return Condition(_field(t[: hit.start()], default), op_name, None, phrase)  # type: ignore[arg-type]
    if lx.FAILED.search(t) and len(t.split()) <= 8:
        return Condition("status", "failed", None, phrase)
    for op_name, pattern in (("is_false", lx.IS_FALSE), ("is_true", lx.IS_TRUE)):
        hit = pattern.search(t)
        if hit:
            return Condition(_field(t[: hit.start()], "value"), op_name, None, phrase)  # type: ignore[arg-type]
    m = lx.IS_WORD.search(t.strip())
    if m:
        word = m.group(1).lower()
        subject = t.strip()[: m.start()].strip()
        if (cats and word in [c.lower() for c in cats]) or (
            _looks_category(word) and (not subject or lx.PRONOUN.match(subject))
        ):
            return Condition("category", "category", word, phrase)
    z = re.search(r"([\u4e00-\u9fff\w]{1,8}?)(?:是|为|等于)([\u4e00-\u9fff\w-]{1,12})$", t.strip())
    if z and _CJK.search(t):
        value = z.group(2)
        if _looks_category(value) and cats:
            return Condition("category", "category", value, phrase)
        return Condition(_field(z.group(1), "status"), "eq", value, phrase)
    m = re.match(
        r"^\s*(?:the\s+|its\s+|their\s+)?([a-z][\w ]{0,24}?)\s+(?:is|are|equals?|=)\s+"
        r"[\"'“]?([\w-]+)[\"'”]?\s*$",
        t.strip(),
        re.IGNORECASE,
    )
    if m and not lx.PRONOUN.match(m.group(1)) and not m.group(2).lower().endswith("ed"):
        return Condition(_field(m.group(1) + " is", "status"), "eq", m.group(2), phrase)
    low = t.strip().lower()
    bare = re.sub(
        r"^(?:it|they|this|that|the (?:result|sentiment|category)|它|结果)\s*"
        r"(?:is|are|'s|是|为)?\s*",
        "",
        low,
    ).strip(" \"'“”")
    if re.fullmatch(r"[\w-]+|[\u4e00-\u9fff]{1,4}", bare or "-") and (
        _looks_category(bare) or bare in cats
    ):
        made = ctx.made if ctx else set()
        if "sentiment" in made and not ("classify" in made and bare in cats):
            return Condition("sentiment", "eq", _SENTIMENT_ZH.get(bare, bare), phrase)
        return Condition("category", "category", bare, phrase)
    for cat in cats:
        if cat.lower() in low:
            return Condition("category", "category", cat, phrase)
    return None


_SENTIMENT_ZH = {
    "正面": "positive",
    "负面": "negative",
    "中性": "neutral",
    "积极": "positive",
    "消极": "negative",
}


def _looks_category(word: str) -> bool:
    return bool(
        re.fullmatch(
            r"urgent|important|spam|positive|negative|neutral|vip|critical|"
            r"high|low|neutral|紧急|重要|垃圾|正面|负面|中性|积极|消极|投诉|退款",
            word,
        )
    )


def _number(digits: str, unit: str | None) -> float | int | None:
    try:
        value = float(digits.replace(",", ""))
    except ValueError:
        return None
    scale = {"k": 1e3, "m": 1e6, "万": 1e4, "千": 1e3}.get((unit or "").lower(), 1)
    value *= scale
    return int(value) if value.is_integer() else value


def _field(before: str, default: str) -> str:
    """The item field a condition compares: "the budget is" -> budget, "it is" -> default."""
    text = _TOKEN.sub(" ", before).replace("__it__", " ").strip(" ,，")
    if _CJK.search(text):
        for word, name in sorted(lx.FIELD_ZH_NAMES.items(), key=lambda kv: -len(kv[0])):
            if word in text:
                return name
        m = re.search(r"([\u4e00-\u9fff]{1,4})(?:是|为|的值)?$", text)
        return m.group(1) if m and not lx.PRONOUN.match(m.group(1)) else default
    text = re.sub(
        r"\b(?:is|are|was|were|goes|gets|has|its|it's|the|a|an|of|their|his|her|my|our|"
        r"this|that|total of|value of)\b",
        " ",
        text.lower(),
    )
    text = re.sub(r"'s\b", " ", text)
    words = [
        w for w in re.findall(r"[a-z_][a-z0-9_]*", text) if w not in ("it", "they", "them", "there")
    ]
    if not words:
        return default
    if len(words) == 1 and re.fullmatch(r"[a-z]+[^s]s", words[0]) and words[0] not in ("status",):
        return default  # "orders over 100": the items, not a field
    name = (
        "_".join(words[-2:])
        if len(words) >= 2
        and words[-1] in ("total", "count", "amount", "price", "score", "status", "date")
        else words[-1]
    )
    return name


# --- actions --------------------------------------------------------------------------------------


def _actions(clause: str, ctx: Context) -> list[Any]:
    """The steps one clause asks for: reads, then transforms and thinking, then writes."""
    text = clause.strip(" ,，")
    if not text or text == "__it__":
        return []
    reads: list[Any] = []
    middle: list[Any] = []
    writes: list[Any] = []
    phrase = _unmask(text, ctx)
    blocks: list[Any] = []

    m = lx.WAIT.search(text)
    if m:
        middle.append(Wait(seconds=_wait_seconds(m), phrase=m.group(0)))
    if lx.APPROVAL.search(text):
        channel = (
            "slack"
            if v.APPROVAL_SLACK.search(text)
            else "form"
            if v.APPROVAL_FORM.search(text)
            else "email"
        )
        blocks.append(_MApproval(channel=channel, phrase=phrase))
        text = lx.APPROVAL.sub(" ", text)
    if lx.LOOP.search(text):
        blocks.append(_MLoop(phrase=phrase))
    if lx.RESPOND.search(text):
        writes.append(Respond(phrase=phrase))
        return [*middle, *writes, *blocks]

    said = _thinking(text, phrase, ctx) + _transforms(text, phrase, ctx)
    middle += [st for _, st in sorted(said, key=lambda x: x[0])]
    svc_reads, svc_writes = _services(text, phrase, ctx)
    reads += svc_reads
    writes += svc_writes
    for block in blocks:
        if isinstance(block, _MApproval):
            block.approved += writes
            return [*reads, *middle, block]
    if blocks and isinstance(blocks[-1], _MLoop):
        return [*reads, *middle, blocks[-1], *writes]
    return [*reads, *middle, *writes, *blocks]


def _wait_seconds(m: re.Match[str]) -> float:
    groups = [g for g in m.groups() if g]
    count, unit = groups[0], groups[1].lower()
    n = _EN_COUNT.get(count.lower()) or zh_number(count) or 1
    return float(n * _WAIT_UNIT.get(unit, 60))


def _thinking(text: str, phrase: str, ctx: Context) -> list[tuple[int, Any]]:
    found: list[tuple[int, Think]] = []
    for kind, pattern in lx.THINK.items():
        m = pattern.search(text)
        if not m:
            continue
        if kind in ctx.made and re.search(
            r"\b(?:the|this|that|its|their|that)\s+$|(?:把|将)$", text[: m.start()]
        ):
            continue  # "email the summary": the one made upstream
        ctx.made.add(kind)
        params: dict[str, Any] = {}
        if kind == "classify":
            ctx.classified = True
            cats = _categories(text)
            params["categories"] = cats
            ctx.categories = cats or ctx.categories
        elif kind == "extract":
            params["fields"] = _extract_fields(text[m.end() :])
        elif kind == "translate":
            t = lx.TRANSLATE_TO.search(text)
            params["language"] = t.group(1).lower() if t else "english"
        elif kind == "prompt":
            params["prompt"] = phrase
        if kind == "prompt" and found:
            continue
        found.append((m.start(), Think(kind=kind, params=params, phrase=phrase)))  # type: ignore[arg-type]
    return found


def _extract_fields(after: str) -> list[str]:
    """ "extract the name and email from …" -> [name, email]; "提取标题" -> [title]."""
    plain = _TOKEN.sub(" ", after)
    if _CJK.search(plain):
        m = re.match(
            r"\s*(?:出|其中的?)?([\u4e00-\u9fff、和与及,，\w]{1,30}?)(?:字段|信息)?(?:[，,。]|$|并|后|然后)",
            plain,
        )
        words = re.split(r"[、和与及,，]", m.group(1)) if m else []
        return [lx.FIELD_ZH_NAMES.get(w, w) for w in words if w][:6]
    m = re.match(
        r"\s*(?:out\s+)?(?:the\s+|their\s+|its\s+)?([a-z][\w ,]*?)(?:\s+(?:from|out of|in|of)\b|$)",
        plain,
        re.I,
    )
    if not m:
        return []
    words = re.split(r"\s*(?:,|\band\b)\s*", m.group(1).lower())
    return [re.sub(r"\W+", "_", w.strip()).strip("_") for w in words if w.strip()][:6]


def _categories(text: str) -> list[str]:
    m = lx.CATEGORIES.search(text)
    if not m:
        return []
    raw = m.group(1) or m.group(2) or ""
    parts = re.split(r"\s*(?:,|/|\bor\b|\band\b|、|，|和|或)\s*", raw)
    return [p.strip().lower() for p in parts if p.strip()][:4]


def _transforms(text: str, phrase: str, ctx: Context) -> list[tuple[int, Any]]:
    out: list[tuple[int, Any]] = []
    m = lx.FILTER.search(text)
    if m:
        cond = parse_condition(text[m.end() :], ctx)
        params: dict[str, Any] = {"condition": cond} if cond else {}
        out.append((m.start(), Transform(kind="filter", params=params, phrase=phrase)))
    m = lx.DEDUPE.search(text)
    if m:
        out.append((m.start(), Transform(kind="dedupe", phrase=phrase)))
    m = lx.SORT.search(text)
    if m:
        by = re.search(r"\bby\s+([a-z_]+)", text[m.start() :], re.IGNORECASE)
        params = {"field": by.group(1).lower()} if by else {}
        out.append((m.start(), Transform(kind="sort", params=params, phrase=phrase)))
    for op, pattern in lx.AGGREGATE.items():
        m = pattern.search(text)
        if m:
            of = re.search(r"\b(?:of|on)\s+(?:the\s+)?([a-z_]+)", text[m.end() :], re.IGNORECASE)
            params = {"operation": op, "field": of.group(1).lower() if of else "amount"}
            out.append((m.start(), Transform(kind="aggregate", params=params, phrase=phrase)))
            break
    m = lx.SPLIT.search(text)
    if m:
        out.append((m.start(), Transform(kind="split", phrase=phrase)))
    m = lx.TEMPLATE.search(text)
    if m:
        out.append((m.start(), Transform(kind="template", phrase=phrase)))
    m = lx.LIMIT_N.search(text)
    if m:
        n = int(next(g for g in m.groups() if g))
        out.append((10**6, Transform(kind="limit", params={"max_items": n}, phrase=phrase)))
    return out


def _verb(text: str) -> str:
    """The verb class of a clause: the first of read / create / update / delete it says."""
    best: tuple[int, str] = (10**6, "none")
    for verb, pattern in (
        ("read", lx.READ_VERB),
        ("create", lx.CREATE_VERB),
        ("update", lx.UPDATE_VERB),
        ("delete", lx.DELETE_VERB),
    ):
        m = pattern.search(text)
        if m and m.start() < best[0]:
            best = (m.start(), verb)
    return best[1]


def _services(text: str, phrase: str, ctx: Context) -> tuple[list[Any], list[Any]]:
    reads: list[Any] = []
    writes: list[Any] = []
    idx = ctx.index
    verb = _verb(text)
    mentions = [m for m in idx.mentions(text) if not _is_trigger_word(m, text, ctx)]
    copy = bool(lx.COPY_VERB.search(text)) and len(mentions) >= 1
    for i, mention in enumerate(mentions):
        before = text[: mention.start]
        local = verb
        if verb == "none":
            local = (
                "read"
                if lx.LOOP.search(text)
                and re.search(
                    r"\b(?:in|of|from)\s+(?:the\s+|my\s+|our\s+)?(?:[A-Z][\w-]*\s+)?$|[从在]$",
                    before,
                )
                else "create"
            )
        if copy:
            local = (
                "create"
                if i == len(mentions) - 1 and (len(mentions) > 1 or ctx.trigger_app)
                else "read"
            )
        elif lx.FROM_WORD.search(before):
            local = "read"
        elif lx.TO_WORD.search(before) and verb == "read":
            local = (
                "read"
                if lx.READ_VERB.search(text[mention.end :]) is None and _only_read(text)
                else "create"
            )
        step: Any
        if mention.app is not None:
            choice = idx.operation(mention.app, text, local)
            params, placeheld = idx.fill(
                mention.app, choice.resource, choice.operation, _unmask(text, ctx), "", ""
            )
            given = {
                k: v
                for k, v in params.items()
                if k not in placeheld and isinstance(v, str) and v.strip()
            }
            step = ServiceStep(
                app=mention.app,
                resource=choice.resource,
                operation=choice.operation,
                params=given,
                service=mention.word,
                phrase=phrase,
            )
            kind = _verb_of_op(choice.operation, local)
        else:
            step = CoreStep(
                subtype=mention.subtype or "http_request",
                params=_core_params(text, ctx),
                phrase=phrase,
            )
            kind = local
        (reads if kind == "read" else writes).append(step)
    for tok in _TOKEN.finditer(text):
        if tok.group(1) != "url" or (ctx.trigger_url and tok.group(0) == ctx.trigger_url):
            continue
        url = ctx.urls[int(tok.group(2))]
        before = text[: tok.start()]
        write = (
            bool(lx.TO_WORD.search(before)) and verb != "read" and not lx.FROM_WORD.search(before)
        )
        method = "POST" if write else "GET"
        step = CoreStep(
            subtype="http_request", params={"url": url, "method": method}, phrase=phrase
        )
        (writes if write else reads).append(step)
    if not mentions and lx.SMS_WORD.search(text):
        app = idx.sms_app()
        if app is not None:
            choice = idx.operation(app, "sms " + text, "create")
            writes.append(
                ServiceStep(
                    app=app,
                    resource=choice.resource,
                    operation=choice.operation,
                    service="sms",
                    phrase=phrase,
                )
            )
        else:
            writes.append(CoreStep(subtype=idx.core_sms() or "http_request", phrase=phrase))
        return reads, writes
    if (
        not writes
        and (lx.EMAIL_WORD.search(text) or (ctx.mails and _TOKEN.search(text)))
        and (lx.CREATE_VERB.search(text) or lx.NOTIFY_WORD.search(text))
        and not _reads_email(text)
        and not any(m.app and _emails(ctx, m.app) for m in mentions)
    ):
        writes.append(CoreStep(subtype="send_email", params=_core_params(text, ctx), phrase=phrase))
        return reads, writes
    if not mentions and not reads and not writes:
        unknown = _unknown_service(text, ctx)
        if unknown:
            op = (
                "get"
                if verb == "read"
                else ("update" if verb == "update" else "delete" if verb == "delete" else "create")
            )
            step = ServiceStep(
                app=None, resource=None, operation=op, service=unknown, phrase=phrase
            )
            (reads if op == "get" else writes).append(step)
        elif (
            ctx.trigger_app and verb in ("create", "update") and _names_trigger_resource(text, ctx)
        ):
            choice = idx.operation(ctx.trigger_app, text, "create")
            writes.append(
                ServiceStep(
                    app=ctx.trigger_app,
                    resource=choice.resource,
                    operation=choice.operation,
                    service=ctx.trigger_app,
                    phrase=phrase,
                )
            )
        elif lx.NOTIFY_WORD.search(text):
            ctx.notes.append("notify:email")
            writes.append(
                CoreStep(subtype="send_email", params=_core_params(text, ctx), phrase=phrase)
            )
    return reads, writes


def _names_trigger_resource(text: str, ctx: Context) -> bool:
    """ "send it back to the channel" after a Slack trigger: a resource of the trigger's app."""
    app = ctx.index.apps.get(ctx.trigger_app or "")
    if app is None:
        return False
    low = text.lower()
    words = [w for res in app.resources.values() for w in res.names.all() if len(w) > 2]
    return (
        bool(re.search(r"\bback\b|\breply\b|回复|回到", low)) and any(w in low for w in words)
    ) or any(re.search(r"\bthe\s+" + re.escape(w) + r"\b", low) for w in words if w.isascii())


def _emails(ctx: Context, app: str) -> bool:
    """Whether an app sends email itself (its names say mail): then "email" is that app."""
    names = " ".join(ctx.index.apps[app].names.all()) if app in ctx.index.apps else ""
    return bool(re.search(r"mail|邮", names))


def _only_read(text: str) -> bool:
    return lx.CREATE_VERB.search(text) is None


def _reads_email(text: str) -> bool:
    return bool(
        re.search(r"\b(?:read|fetch|get|check)\b[^,]*\be-?mails?\b|读取邮件|查看邮件", text, re.I)
    )


def _verb_of_op(operation: str, fallback: str) -> str:
    k = operation.lower()
    for verb, keys in lx.OP_KEYS.items():
        if k in keys:
            return "read" if verb == "read" else "create"
    return "read" if fallback == "read" else "create"


def _core_params(text: str, ctx: Context) -> dict[str, Any]:
    params: dict[str, Any] = {}
    mails = [ctx.mails[int(t.group(2))] for t in _TOKEN.finditer(text) if t.group(1) == "mail"]
    if mails:
        params["to"] = mails[0]
    return params


def _is_trigger_word(mention: Any, text: str, ctx: Context) -> bool:
    return False


def _unknown_service(text: str, ctx: Context) -> str | None:
    """A capitalised name the catalog does not know ("Hacker News"), or a Latin name in
    Chinese text."""
    plain = _TOKEN.sub(" ", text)
    if _CJK.search(plain):
        for m in re.finditer(
            r"[A-Za-z][A-Za-z0-9.&+-]{1,30}(?:\s+[A-Za-z][A-Za-z0-9.&+-]*){0,2}", plain
        ):
            words = m.group(0).split()
            if not any(w.lower() in _NOT_NAMES for w in words):
                return m.group(0)
        return None
    for m in _CAPS.finditer(plain):
        words = [w for w in m.group(1).split() if w.lower() not in _NOT_NAMES]
        if not words:
            continue
        # a sentence-initial capital is a name only when several words are capitalised
        if (m.start() == 0 or plain[: m.start()].strip() == "") and len(words) < 2:
            continue
        return " ".join(words)
    return None


# --- freezing -------------------------------------------------------------------------------------


def _freeze(step: Step | _MBranch | _MLoop | _MApproval) -> Step:
    if isinstance(step, _MBranch):
        cases = [Case(c.condition, tuple(_freeze(s) for s in c.steps)) for c in step.cases]
        return Branch(cases=tuple(cases), phrase=step.phrase)
    if isinstance(step, _MLoop):
        return Loop(steps=tuple(_freeze(s) for s in step.steps), phrase=step.phrase)
    if isinstance(step, _MApproval):
        return Approval(
            channel=step.channel,  # type: ignore[arg-type]
            approved=tuple(_freeze(s) for s in step.approved),
            rejected=tuple(_freeze(s) for s in step.rejected),
            phrase=step.phrase,
        )
    return step


_ = (stem, emails)
