"""Reading service-aware edits: add / remove / replace / move / set, with positions.

Runs before the older readers of :mod:`edit_parse` and marks the text it used (``spans``),
so one phrase becomes one op. Services come from the catalog (:mod:`edit_catalog`), other
steps from ``vocab.SUBJECTS``; verbs, positions and connectives from :mod:`edit_words`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_words as w
from flowsmith.planner import nodes as n
from flowsmith.planner import vocab as v
from flowsmith.planner.edit_delay_steps import new_step_for_delay
from flowsmith.planner.edit_schedule_time import kept_time
from flowsmith.planner.edit_step_names import by_name
from flowsmith.planner.plan import ActionKind, ActionSpec, EditOp, WaitSpec
from flowsmith.planner.schedule import Schedule, parse_schedule
from flowsmith.planner.text import blank_quotes, quoted

Span = tuple[int, int]
_MAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def inside(pos: int, spans: list[Span]) -> bool:
    return any(a <= pos < b for a, b in spans)


def clause_at(low: str, pos: int) -> Span:
    """The clause around ``pos``: between the connectives/punctuation before and after."""
    start = 0
    for m in w.CLAUSE_END.finditer(low, 0, pos):
        start = m.end()
    end_m = w.CLAUSE_END.search(low, pos)
    return start, end_m.start() if end_m else len(low)


def segments(low: str) -> list[Span]:
    """The changes a message asks for, one span each ("change the schedule to 9am | and send
    it to Slack instead"); patterns anchored at a change's start or end run per span."""
    out: list[Span] = []
    start = 0
    for m in w.NEXT_CHANGE.finditer(low):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(low)))
    return [(a, b) for a, b in out if low[a:b].strip()]


@dataclass(frozen=True)
class Hit:
    """A match inside one segment, with positions in the whole text."""

    m: re.Match[str]
    offset: int

    def start(self, group: int = 0) -> int:
        return self.m.start(group) + self.offset

    def end(self, group: int = 0) -> int:
        return self.m.end(group) + self.offset

    def group(self, group: int | str = 0) -> str:
        return self.m.group(group) or ""


def seg_hits(pattern: re.Pattern[str], low: str) -> list[Hit]:
    """``pattern``'s matches within each segment of ``low``."""
    return [Hit(m, a) for a, b in segments(low) for m in pattern.finditer(low[a:b])]


def _segment_end(low: str, pos: int) -> int:
    return next((b for a, b in segments(low) if a <= pos < b), len(low))


# --- subjects ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Named:
    start: int
    end: int
    subject: str


def _legacy_keys(words: str) -> list[str]:
    return [key for key, (pattern, _) in v.SUBJECTS.items() if pattern.search(words)]


def named(fragment: str, offset: int = 0) -> list[Named]:
    """Steps ``fragment`` names: services (with the older subject keys for the same words as
    alternatives), other steps by ``vocab.SUBJECTS``, quoted node names; in text order."""
    found: list[Named] = []
    for hit in ec.mentions(fragment):
        res = ec.refine(hit, fragment[hit.end : hit.end + 24]).resource
        alts = [f"app:{hit.app}" + (f"/{res}" if res else "")]
        alts += _legacy_keys(fragment[hit.start : hit.end])
        found.append(Named(offset + hit.start, offset + hit.end, "|".join(dict.fromkeys(alts))))
    taken = [(n.start - offset, n.end - offset) for n in found]
    for key, (pattern, _) in v.SUBJECTS.items():
        for m in pattern.finditer(fragment):
            if not any(a <= m.start() < b for a, b in taken):
                found.append(Named(offset + m.start(), offset + m.end(), key))
                taken.append((m.start(), m.end()))
                break
    for store in v.STORES:
        sm = store.pattern.search(fragment)
        if sm and not any(a <= sm.start() < b for a, b in taken):
            found.append(Named(offset + sm.start(), offset + sm.end(), f"store:{store.key}"))
    for q in quoted(fragment):
        pos = fragment.find(q)
        found.append(Named(offset + max(pos, 0), offset + max(pos, 0) + len(q), f"name:{q}"))
    return sorted(found, key=lambda x: x.start)


def _words_subject(fragment: str) -> str | None:
    """ "after logging the order": a step named by the words of its name (found when the
    edit is applied; a place whose words name no step is dropped then)."""
    words = fragment.strip()
    return f"words:{words}" if re.search(r"[a-z]{3,}|[\u4e00-\u9fff]{2,}", words) else None


def _first_subject(fragment: str) -> str | None:
    names = named(fragment)
    return names[0].subject if names else None


# --- positions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    where: str | None
    anchor: str | None
    span: Span | None  # the anchor's words (not read as steps to add)


def place_in(low: str, clause: Span) -> Place:
    """Where the clause ``low[a:b]`` puts a step; a clause that is only a place ("on the
    otherwise branch, add …", "在循环里，加…") lends it to the clause after it."""
    found = _place_of(low, clause)
    a, b = clause
    if found.where is None and a > 0:
        prev = clause_at(low, a - 1)
        text = low[prev[0] : prev[1]]
        if prev[0] < a - 1 and not w.ADD.search(text) and not w.REMOVE.search(text):
            found = _place_of(low, prev)
    if found.where is None and b < len(low) - 1:
        # "post it to Slack as well, after the email": a clause that is only a place
        after = clause_at(low, b + 1)
        then = _place_of(low, after)
        if then.span is not None and not _rest_of(low, after, then.span).strip():
            found = then
    return found


def _rest_of(low: str, clause: Span, span: Span) -> str:
    """The words of ``clause`` outside ``span``, connectives dropped."""
    rest = low[clause[0] : span[0]] + " " + low[span[1] : clause[1]]
    return re.sub(r"\b(?:and|but|then|just|right|please)\b|[.!。！]", " ", rest)


def _place_of(low: str, clause: Span) -> Place:
    a, b = clause
    text = low[a:b]
    if w.IN_LOOP.search(text):
        return Place("loop", "loop", None)
    for where, pattern in (("rejected", w.ON_REJECTED), ("approved", w.ON_APPROVED)):
        m = pattern.search(text)
        if m:
            return Place(where, "approval", (a + m.start(), a + m.end()))
    start = w.AT_START.search(text)  # before OTHERWISE: "before anything else" is no "else"
    if start is not None:
        return Place("after", "start", (a + start.start(), a + start.end()))
    if w.OTHERWISE.search(text):
        return Place("otherwise", None, None)
    for where, patterns in (("after", w.AFTER), ("before", w.BEFORE)):
        for pattern in patterns:
            m = pattern.search(text)
            if m:
                subject = _first_subject(m.group(1)) or _words_subject(m.group(1))
                if subject is not None:
                    return Place(where, subject, (a + m.start(), a + m.end()))
    for pattern in w.AFTER_DONE:
        m = pattern.search(text)
        if m:
            subject = _first_subject(m.group(1)) or "end"
            return Place("after", subject, (a + m.start(), a + m.end()))
    return Place(None, None, None)


# --- readers -------------------------------------------------------------------------------


def read(low: str, spans: list[Span], current: Workflow, raw: str | None = None) -> list[EditOp]:
    """Service-aware ops in ``low`` (lower-cased, URLs blanked), marking what they used.
    ``raw`` is the same text before lower-casing (capitals mark names)."""
    low = _masked(low, raw if raw is not None and len(raw) == len(low) else low, current)
    ops = _delays(low, spans, current)
    ops += _reschedule(low, spans, current)
    ops += _replacements(low, spans, current)
    ops += _prunes(low, spans)
    ops += _reorders(low, spans, current)
    ops += _moves(low, spans)
    ops += _removals(low, spans, current)
    ops += _copies(low, spans)
    ops += _settings(low, spans, current, raw if raw is not None and len(raw) == len(low) else low)
    ops += _additions(low, spans)
    return ops


def _masked(low: str, raw: str, current: Workflow) -> str:
    """``low`` with service names that are more likely common words blanked out."""
    present = {op.app for x in current.nodes if (op := node_service(x)) is not None}
    for m in ec.mentions(low):
        if not ec.plausible(m, low, raw, present):
            low = low[: m.start] + " " * (m.end - m.start) + low[m.end :]
    return low


def _new_old(m: Hit, order: str) -> tuple[str, str, int]:
    if order == "new":
        return m.group(1), "", m.start(1)
    if order == "new_old":
        return m.group(1), m.group(2), m.start(1)
    return m.group(2), m.group(1), m.start(2)


def _replacements(low: str, spans: list[Span], current: Workflow) -> list[EditOp]:
    ops: list[EditOp] = []
    approvals = [x for x in current.nodes if x.subtype.startswith("approval_")]
    for pattern, order in w.REPLACE:
        for m in seg_hits(pattern, low):
            if inside(m.start(), spans) or inside(m.end() - 1, spans):
                continue
            new_text, old_text, _ = _new_old(m, order)
            if approvals and v.APPROVAL.search(low[m.start() : m.end()]):
                # "ask for approval in Slack instead of email": the approval's channel
                channel = _approval_channel(new_text)
                if channel is not None:
                    ops.append(
                        EditOp(kind="replace_step", subject="approval", step=f"approval:{channel}")
                    )
                    spans.append((m.start(), m.end()))
                continue
            news = ec.mentions(new_text)
            if not news:
                core = _core_replacement(new_text, old_text, current) or _value_swap(
                    new_text, old_text
                )
                if core is not None:
                    ops.append(core)
                    spans.append((m.start(), m.end()))
                continue  # else a channel, a schedule or a value: read elsewhere
            new = ec.refine(news[-1] if order == "new_old" else news[0], new_text)
            app = ec.app(new.app)
            assert app is not None
            if any(ec.performs(x, new.app) for x in current.nodes) and not _is_service_step(
                _first_subject(old_text) if old_text.strip() else None
            ):
                # "make the Slack message go to #general instead", "post the title to Slack
                # instead of the full summary": the service stays, something else changes
                continue
            step = new.step
            verb = ec.verb_in(new_text[: new.start])
            if new.resource or verb:
                resource, operation = ec.choose(app, new.resource, new.operation, verb)
                step = f"app:{new.app}/{resource}/{operation}"
            subject = _first_subject(old_text) if old_text.strip() else None
            subject = subject or _role_named(new_text, new.app, current)
            ops.append(EditOp(kind="replace_step", subject=subject, step=step))
            spans.append((m.start(), m.end()))
    return ops


def _role_named(new_text: str, app: str, current: Workflow) -> str | None:
    """ "do the summarising with Claude instead", "use Claude for the scoring": the step the
    words around the new service name by what it does (a step kind, or words of a step's
    name), when one such step exists; else None (the replacement picks by kind)."""
    for name in named(new_text):
        if name.subject != f"app:{app}" and eg.find(current, name.subject):
            return name.subject
    rest = new_text
    for m in ec.mentions(new_text):
        rest = rest[: m.start] + " " * (m.end - m.start) + rest[m.end :]
    rest = " ".join(rest.split())
    return f"words:{rest}" if rest and eg.named_by_words(current, rest) else None


def _is_service_step(subject: str | None) -> bool:
    """Whether ``subject`` names a service or message step (what a service can replace)."""
    first = (subject or "").split("|")[0]
    return first.startswith("app:") or first in v.ACTION_SUBJECT.values()


def _core_replacement(new_text: str, old_text: str, current: Workflow) -> EditOp | None:
    """ "Send it to my email instead of Telegram", "改成发短信": a core result step (email,
    SMS) replaces the step ``old_text`` names, or the one result step of another kind
    ("send the email to x@y.io instead" keeps the email step: a new recipient)."""
    kinds = [k for k, pattern in w.NEW_CORE.items() if pattern.search(new_text)]
    if len(kinds) != 1:
        return None
    old = _first_subject(old_text) if old_text.strip() else None
    if old_text.strip() and old is None:
        return None
    if old is None and eg.find(current, kinds[0]):
        return None
    mail = _MAIL.search(new_text)
    target = mail.group(0) if mail and kinds[0] == "email" else None
    kind: ActionKind = "email" if kinds[0] == "email" else "sms"
    return EditOp(kind="replace_action", subject=old, action=ActionSpec(kind=kind, target=target))


_VALUE_TOKEN = re.compile(
    r"[$€£¥]?\d+(?:\.\d+)?%?|#[A-Za-z0-9_][\w-]*|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|['\"“‘][^'\"”’]+['\"”’]"
)
_BARE_VALUE = re.compile(
    r"^\s*(?:the\s+)?(?P<v>" + _VALUE_TOKEN.pattern + r")\s*(?:元|块|dollars?|usd|eur)?\s*$",
    re.IGNORECASE,
)


def _value_swap(new_text: str, old_text: str) -> EditOp | None:
    """ "Make it 75 instead of 100", "把#news换成#ops": the parameter or condition holding the
    old value takes the new one (``param`` ``value:<old>``)."""
    old = _BARE_VALUE.match(old_text)
    news = _VALUE_TOKEN.findall(new_text)
    if old is None or not news:
        return None
    strip = " '\"“”‘’$€£¥"
    return EditOp(
        kind="set_param", param=f"value:{old.group('v').strip(strip)}", value=news[-1].strip(strip)
    )


def _reschedule(low: str, spans: list[Span], current: Workflow) -> list[EditOp]:
    """ "Move it to Monday 9am" on a scheduled workflow: the same schedule said without
    "every"; a new time alone keeps the old weekday."""
    trigger = next((x for x in current.nodes if x.subtype == "schedule_trigger"), None)
    m = next(iter(seg_hits(w.RESCHEDULE, low)), None)
    if trigger is None or m is None or inside(m.start(), spans):
        return []
    words = (m.group("en") or m.group("zh") or "").strip()
    if ec.mentions(words):
        return []  # "post it to Teams at 7am": a step to add, not a new time
    day = w.WEEKDAY.search(words)
    if not w.CLOCK.search(words) and not day:
        return []
    new = parse_schedule(words) or parse_schedule(
        _with_every(words, day is not None, bool(m.group("zh")))
    )
    if new is None or new.kind != "cron" or new.cron is None:
        return []
    old = n.schedule_from_params(trigger.parameters)
    if not day and old is not None and old.kind == "cron" and old.cron:
        new = Schedule(kind="cron", cron=" ".join([*new.cron.split()[:4], old.cron.split()[4]]))
    spans.append((m.start(), m.end()))
    return [EditOp(kind="set_schedule", schedule=kept_time(words, new, current))]


def _with_every(words: str, day: bool, zh: bool) -> str:
    """ "Monday 9am" said as "every Monday 9am"; "9am" as "every day at 9am"."""
    if day:
        return ("每" if zh else "every ") + words.removeprefix("每")
    return ("每天" if zh else "every day at ") + words.removeprefix("at ")


_ZH_UNITS = {"分钟": "minutes", "小时": "hours", "天": "days"}


def _delays(low: str, spans: list[Span], current: Workflow) -> list[EditOp]:
    """ "Send the email the next day (instead of immediately)": a wait before that step (a
    new one when the workflow has no step of the service named, see ``edit_delay_steps``)."""
    ops: list[EditOp] = []
    for m in w.DELAY.finditer(low):
        a, b = clause_at(low, m.start())
        nxt = w.CLAUSE_END.search(low, b)
        if nxt is not None and not low[a:b].replace(m.group(0), " ").strip(" ,，"):
            b = clause_at(low, nxt.end())[1]  # "after 30 minutes, ping me on …"
        if inside(m.start(), spans):
            continue
        if m.group("n") or m.group("an"):
            amount = int(m.group("n") or m.group("an"))
            unit = (m.group("unit") or m.group("aunit")) + "s"
        elif m.group("zn"):
            amount, unit = int(m.group("zn")), _ZH_UNITS[m.group("zunit")]
        else:
            amount, unit = 1, "days"
        if unit == "weeks":
            amount, unit = amount * 7, "days"
        words = low[a:b].replace(m.group(0), " ")
        steps = [x.subject for x in named(words) if x.subject not in ("wait", "condition")]
        subject = steps[0] if steps else None
        wait = WaitSpec(amount=amount, unit=unit)
        added = new_step_for_delay(words, current)
        ops += [added] if added is not None else []
        ops.append(EditOp(kind="add_wait", wait=wait, subject=subject))
        spans.append((a, b))
    return ops


def _approval_channel(text: str) -> str | None:
    """The channel an approval is asked in: a chat app named in ``text``, else email."""
    catalog = load_catalog()
    for hit in ec.mentions(text):
        if catalog.get(f"approval_{hit.app}") is not None:
            return hit.app
    if re.search(r"\bforms?\b|表单", text):
        return "form"
    if re.search(r"e-?mail|邮件|邮箱", text):
        return "email"
    return None


def _prunes(low: str, spans: list[Span]) -> list[EditOp]:
    """ "Remove all steps in the loop except X", "循环里只保留X"."""
    ops: list[EditOp] = []
    for m in w.EXCEPT.finditer(low):
        if inside(m.start(), spans):
            continue
        a, b = clause_at(low, m.start())
        text = low[a:b]
        if not w.IN_LOOP.search(text) and not re.search(r"\bloop\b|循环", text):
            continue
        if not (w.REMOVE.search(text) or w.EVERY.search(text) or "保留" in m.group(0)):
            continue
        keep = [n.subject for n in named(low[m.end() : b]) if n.subject != "loop"]
        if not keep:
            continue
        ops.append(EditOp(kind="remove", subject="loop", where="loop", keep=keep))
        spans.append((a, b))
    return ops


def _reorders(low: str, spans: list[Span], current: Workflow) -> list[EditOp]:
    """ "Send the email first, then save to Airtable", "先发邮件再记录到Airtable": two steps
    the workflow has, the second moved after the first."""
    m = w.FIRST_THEN.search(low)
    if m is None or inside(m.start(), spans):
        return []
    said_a = next(x for x in m.group("a", "a2", "za", "a3", "za4") if x is not None)
    said_b = next(x for x in m.group("b", "b2", "zb", "b3", "zb4") if x is not None)
    first = [x.subject for x in named(said_a) if eg.find(current, x.subject)]
    then = [x.subject for x in named(said_b) if eg.find(current, x.subject)]
    first = first or _named_steps(said_a, current)  # "post to #eng first": by its channel
    then = then or _named_steps(said_b, current)  # "then create the monday item": its name
    if not first or not then or eg.find(current, first[0]) == eg.find(current, then[0]):
        return []
    spans.append((m.start(), m.end()))
    if len(then) > 1:
        # "先回200，再写数据库和Mailchimp": the first step goes before the earliest of the
        # others, which keep their order behind it
        return [EditOp(kind="move", subject=first[0], where="before", anchor="|".join(then))]
    return [EditOp(kind="move", subject=then[0], where="after", anchor=first[0])]


def _named_steps(said: str, current: Workflow) -> list[str]:
    """The existing steps ``said`` names by a step's name or channel (no service word)."""
    return [x for x in existing_steps(said, current) if x.startswith("node:")]


def existing_steps(act: str, current: Workflow) -> list[str]:
    """The existing steps the words ``act`` name: by service or kind, then by their names."""
    low = act.lower()
    found = [n.subject for n in named(low) if eg.find(current, n.subject)]
    return found + by_name(low, current)


def _moves(low: str, spans: list[Span]) -> list[EditOp]:
    ops: list[EditOp] = []
    for m in w.MOVE.finditer(low):
        if inside(m.start(), spans):
            continue
        a, b = clause_at(low, m.start())
        place = place_in(low, (a, b))
        if place.where is None or place.span is None:
            continue
        rest = (
            low[a : place.span[0]] + " " * (place.span[1] - place.span[0]) + low[place.span[1] : b]
        )
        moved = [n.subject for n in named(rest) if n.subject != place.anchor]
        if not moved:
            continue
        ops.append(EditOp(kind="move", subject=moved[0], where=place.where, anchor=place.anchor))
        spans.append((a, b))
    return ops


_COLON = re.compile(r"[:：](?!\d)")


def _removals(low: str, spans: list[Span], current: Workflow) -> list[EditOp]:
    """Removals of services, and of steps named by the words of their names ("stop paging
    the on-call"); other steps are left to the older reader."""
    ops: list[EditOp] = []
    for m in w.REMOVE.finditer(low):
        if inside(m.start(), spans):
            continue
        end = min(clause_at(low, m.start())[1], _segment_end(low, m.start()))
        colon = _COLON.search(low, m.end(), end)  # "drop the threshold: all go to Airtable"
        end = colon.start() if colon is not None else end
        hits = [x for x in ec.mentions(low[m.start() : end])]
        if not hits:
            ops += _removal_by_words(low, (m.start(), end), spans, current)
            continue
        for hit in named(low[m.start() : end], m.start()):
            if any(hit.start == m.start() + x.start for x in hits):
                ops.append(EditOp(kind="remove", subject=hit.subject))
        spans.append((m.start(), end))
    return ops + _removals_after(low, spans)


def _removal_by_words(low: str, where: Span, spans: list[Span], current: Workflow) -> list[EditOp]:
    start, end = where
    if named(low[start:end]):
        return []  # a step of a known kind: the older reader's
    subject = _words_subject(low[start:end])
    if subject is None or not eg.find(current, subject):
        return []
    if not eg.named_by_words(current, low[start:end]) and not w.STEP_NOUN.search(low[start:end]):
        return []  # "不要发给销售了": a verb alone names no step to remove ("…这一步" does)
    spans.append((start, end))
    return [EditOp(kind="remove", subject=subject)]


def _removals_after(low: str, spans: list[Span]) -> list[EditOp]:
    """ "飞书提醒不要了": the subject comes before the verb, in the same clause."""
    ops: list[EditOp] = []
    for m in w.REMOVE_AFTER.finditer(low):
        start, _ = clause_at(low, m.start())
        if inside(m.start(), spans) and not inside(start, spans):
            continue
        words = low[start : m.start()]
        found = [n.subject for n in named(words, start)]
        ops += [EditOp(kind="remove", subject=x) for x in found if x != "loop"]
        if found:
            spans.append((start, m.end()))
    return ops


def _copies(low: str, spans: list[Span]) -> list[EditOp]:
    """ "CC boss@acme.io on the email", "抄送给boss@acme.cn": the email step's copy field;
    "send it from sales@acme.io", "发件人改成…": its sender."""
    ops: list[EditOp] = []
    for m in w.CC.finditer(low):
        if inside(m.start(), spans):
            continue
        kind = m.group("kind") or ("bcc" if m.group("zkind") == "密送" else "cc")
        param = "sender" if m.group("from") is not None else "bcc" if kind == "bcc" else "cc"
        value = m.group("addr") or m.group("zaddr") or m.group("faddr")
        ops.append(EditOp(kind="set_param", subject="email", param=param, value=value))
        spans.append(clause_at(low, m.start()))
    return ops


def _param_of(phrase: str, current: Workflow) -> str | None:
    """Which parameter ``phrase`` ("the threshold", "jira project") names: a parameter key
    of an existing node, else a kind of :data:`edit_words.PARAM_WORDS`."""
    words = re.sub(r"[_\s]+", " ", phrase)
    keys = {k for x in current.nodes for k in x.parameters if k not in ("resource", "operation")}
    for key in sorted(keys, key=len, reverse=True):
        if len(key) > 2 and re.search(
            rf"(?<![a-z]){re.escape(key.replace('_', ' '))}(?![a-z])", words
        ):
            return key
    for kind, pattern in w.PARAM_WORDS.items():
        if pattern.search(phrase):
            return kind
    return None


def _settings(low: str, spans: list[Span], current: Workflow, raw: str) -> list[EditOp]:
    """ "Change the channel to Alerts": the value as written (``raw``, same positions)."""
    ops: list[EditOp] = []
    for pattern in w.SET:
        for m in pattern.finditer(low):
            if inside(m.start(), spans):
                continue
            phrase, value = m.group(1).strip(), raw[m.start(2) : m.end(2)].strip(" \"'“”")
            phrase = re.sub(r"^(?:把|将)", "", phrase)
            if not value or ec.mentions(value):
                continue  # a service to switch to: a replacement
            value = re.sub(r"\s+instead$", "", value)
            subjects = named(phrase)
            param = _param_of(phrase, current)
            if value.startswith("#") or _MAIL.fullmatch(value):
                param = "channel" if value.startswith("#") else "recipient"  # what the value is
            if param is None:
                continue
            if param == "threshold":
                number = w.NUMBER.search(value)
                if number is None:
                    continue
                value = number.group(0)
                field = re.sub(r"\b(the|its|threshold|limit)\b|阈值|门槛|的", " ", phrase).strip()
                param = f"threshold:{field}" if field else "threshold"
            subject = next((n.subject for n in subjects if not n.subject.startswith("name:")), None)
            ops.append(EditOp(kind="set_param", subject=subject, param=param, value=value))
            spans.append((m.start(), m.end()))
    return ops


_TO_SERVICE = re.compile(
    r"(?:\bto|\bin|\bon|\binto|\bvia|\bwith|\busing|到|在|给|去|再用|也用|用|通过)\s*"
    r"(?:the\s+|my\s+|our\s+)?$"
)


# "skip weekends — only run Monday to Friday — and post …", "skip weekends and also post …":
# a second request inside one clause (a removal word before it is not about it); "add a Lark
# notification and remove the old DingTalk one": the removal is a request of its own
_SECOND_REQUEST = re.compile(
    r"\s+and\s+(?=(?:also|then|please|remove|delete|drop|get rid of)\b)|\s*[—–]\s*"
)


def _own_part(clause: str, at: int) -> str:
    """The part of ``clause`` holding position ``at``, cut at a second request's start."""
    start, end = 0, len(clause)
    for m in _SECOND_REQUEST.finditer(clause):
        if m.end() <= at:
            start = m.end()
        elif m.start() > at:
            end = m.start()
            break
    return clause[start:end]


def _additions(low: str, spans: list[Span]) -> list[EditOp]:
    ops: list[EditOp] = []
    for mention in ec.mentions(low):
        if inside(mention.start, spans):
            continue
        a, b = clause_at(low, mention.start)
        clause = low[a:b]
        before = low[a : mention.start]
        cue = w.ADD.search(clause) or ec.verb_in(before) is not None or _TO_SERVICE.search(before)
        if not cue or w.REMOVE.search(_own_part(clause, mention.start - a)):
            continue
        if w.KEPT_BEFORE.search(before):
            continue  # "keep the Dropbox backup": no new step
        place = place_in(low, (a, b))
        if place.span is not None and place.span[0] <= mention.start < place.span[1]:
            continue  # the anchor, not a new step
        app = ec.app(mention.app)
        assert app is not None
        named = blank_quotes(clause)  # a quoted name says no operation
        into = ec.container_end(mention, low)
        if into is not None:  # "copy it to our S3 bucket": the bucket is where it goes
            cut = (mention.end - a, into - a)
            named = named[: cut[0]] + " " * (cut[1] - cut[0]) + named[cut[1] :]
        refined = ec.refine(mention, named)
        verb = ec.verb_in(blank_quotes(before)) or ec.verb_in(named) or "create"
        resource, operation = ec.choose(app, refined.resource, refined.operation, verb)
        values = ec.values_in(clause, mention.start - a, app.operation(resource, operation))
        ops.append(
            EditOp(
                kind="add_step",
                step=f"app:{mention.app}/{resource}/{operation}{values}",
                where=place.where,
                anchor=place.anchor,
            )
        )
        spans.append((mention.start, mention.end))
        if place.span is not None:
            spans.append(place.span)
    return ops


def mentioned_words(ops: list[EditOp], low: str) -> list[str]:
    """The words of the services ``ops`` add (to drop the older reader's duplicates)."""
    out: list[str] = []
    for m in ec.mentions(low):
        steps = [x for op in ops for x in (op.step, *op.steps) if x]
        if any(x.startswith(f"app:{m.app}/") for x in steps):
            out.append(low[m.start : m.end])
    return out
