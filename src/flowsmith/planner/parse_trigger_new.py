"""An app event named by "new" next to the app ("copy new Marketo leads to …", "every new
message in our #ops Slack channel"), and the text left once that phrase is cut out.

Invariants: the event is the app's catalog event the phrase names as well as the whole
window does; a write of new items ("create a new Jira issue") is no event; what a leading
"if"-clause says of the item stays as its condition. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Trigger
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import Context
from flowsmith.planner.parse_trigger_item import eventless_trigger, qualifier
from flowsmith.planner.services import Mention

__all__ = ["app_event_said", "new_app_event"]


def new_app_event(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """ "copy new Marketo leads to …", "every new message in our #ops Slack channel", "if an
    uploaded Dropbox file is a PDF": an app event named by "new" (or "uploaded") next to
    the app. An app the catalog has no events for counts only in a leading "if"-clause."""
    for mention in ctx.index.mentions(text):
        if mention.app is None:
            continue
        span = _event_span(text, mention.start, mention.end, _sent_on(text, mention, ctx))
        if span is None:
            continue
        start, end = span
        window = text[start:end]
        if ctx.index.apps[mention.app].triggers is None:
            if not (_IF_OPENER.search(text[:start]) or _ANSWERS.search(text[:start])):
                continue
            trig = eventless_trigger(mention.app, window, window.strip(), ctx)
        else:
            event, score = app_event_said(text, start, end, mention, ctx)
            if event is None or score < 1.0:
                continue
            end = _shortest_end(text, start, mention, end, score, ctx)
            window = text[start:end]
            trig = Trigger(kind="app_event", app=mention.app, event=event, phrase=window.strip())
        return trig, _residue(text, start, end, ctx)
    return None


_EVENT_ADJ = re.compile(r"\bnew\b|\bincoming\b|\breceived?\b|\buploaded\b|新", re.IGNORECASE)
# "new message in our #global ": the item, then where it is, right before the app's name
_HELD_IN = re.compile(
    r"(?:\bnew|\bincoming|\buploaded)(?:\s+[\w-]+){1,2}\s+(?:in|on|from|at)\s+"
    r"(?:(?:our|my|the|your)\s+)?(?:[#@][\w-]+\s+|[\"'“‘][^\"'”’]{1,30}[\"'”’]\s+)?$",
    re.IGNORECASE,
)
# "add new leads in HubSpot": a write of new items, not an event
_MAKES = re.compile(
    r"\b(?:add|create|post|send|insert|write|make|put|save|push|upload|import|open|file|log)"
    r"\w*\s+(?:the\s+|a\s+|an\s+)?$|(?:创建|新建|添加|新增)(?:一个|一条|一行)?$",
    re.IGNORECASE,
)
# "create a new …": one item made, never items that came in
_ONE_MADE = re.compile(r"\b(?:a|an)\s*$|(?:一个|一条|一行)$", re.IGNORECASE)
# "… to #sales in Slack", "… into Mailchimp": where the items go, up to the clause's end
_SENT_TO = re.compile(r"^[^,;.，。；]*?\b(?:to|into|in|on|onto|over to)\s+(?P<to>[^,;.，。；]+)")


def _sent_on(text: str, mention: Mention, ctx: Context) -> bool:
    """Whether the clause goes on to send the app's items to another app ("new HubSpot deals
    to #sales in Slack", "new Shopify customers into Mailchimp")."""
    m = _SENT_TO.match(text[mention.end :])
    if m is None:
        return False
    return any(x.app not in (None, mention.app) for x in ctx.index.mentions(m.group("to")))


# "reply to new Intercom conversations", "回复新的…": acting on each new item as it comes
_ANSWERS = re.compile(
    r"\b(?:reply|replies|respond|answer|triage|acknowledge)\w*\s+(?:to\s+)?"
    r"(?:all\s+|every\s+|each\s+|any\s+|the\s+)?$|(?:回复|答复|自动回复)\s*(?:所有|每个|每条)?的?$",
    re.IGNORECASE,
)
_IF_OPENER = re.compile(
    r"(?:^|[.;!?。；！？]\s*)(?:only\s+)?if\s+(?:(?:a|an|the|any)\s+)?$|"
    r"(?:^|[.;!?。；！？]\s*)(?:如果|假如|要是|若|只有当|当)(?:有)?\s*$",
    re.IGNORECASE,
)


def _shortest_end(
    text: str, start: int, mention: Mention, end: int, score: float, ctx: Context
) -> int:
    """The end of the shortest event phrase that names the event as well as the whole
    window does ("新的Shopify订单" of "新的Shopify订单金额超过1000元"), so what the text goes
    on to say of the item stays for the steps."""
    for k in range(mention.end, end):
        inside_word = text[k - 1 : k + 1].isascii() and text[k - 1 : k + 1].isalnum()
        if text[k - 1].isspace() or inside_word:
            continue
        if app_event_said(text, start, k, mention, ctx)[1] >= score:
            return k
    return end


def app_event_said(
    text: str, start: int, end: int, mention: Mention, ctx: Context
) -> tuple[str | None, float]:
    """The app's event the phrase ``text[start:end]`` names, and its score: read as written
    and with the app's name cut out of it, the better of the two ("new HubSpot deals" says
    the name "new deal"; "新的Keap订单" says "新订单", the app sitting inside the name). An
    event the words as written name in full (every word of a name, 1.5) stands when the two
    readings differ: "a new Stripe payment fails" is a failed payment, not "new payment"
    (unless the app's own name names that event: "new Invoice Ninja payment")."""
    app = mention.app or ""
    said = ctx.index.event(app, text[start:end])
    head, tail = text[start : mention.start].rstrip(), text[mention.end : end].lstrip()
    glue = "" if _CJK_EDGE.search(head[-1:] + tail[:1]) else " "
    bare = ctx.index.event(app, f"{head}{glue}{tail}")
    own = ctx.index.event(app, mention.word)[0]  # "Invoice Ninja" says "invoice" itself
    if bare[0] != said[0] and said[1] >= _NAMED_IN_FULL and said[0] != own:
        return said
    return bare if bare[1] > said[1] else said


_NAMED_IN_FULL = 1.5


_CJK_EDGE = re.compile(r"[\u4e00-\u9fff]")


def _event_span(text: str, start: int, end: int, sent_on: bool) -> tuple[int, int] | None:
    """Where the event phrase around the app mention ``text[start:end]`` begins and ends;
    ``sent_on``: the items go on to another app, so a verb of writing before "new" acts
    there ("post new HubSpot deals to Slack")."""
    left = text[max(0, start - 24) : start]
    left = re.split(r"\b(?:to|into|in|on|from)\b|[到在从，,]", left)[-1]
    news = list(_EVENT_ADJ.finditer(left))
    right = text[end : end + 30]
    right = re.split(
        r"\b(?:to|into|in|on|from|and|is|are|was|were|comes?|arrives?|gets?|"
        r"has|have|with|that|which|for|each|every)\b|[到在从，,是]",
        right,
    )[0]
    changed = _CHANGED.match(text, end + len(right))
    if changed is not None:  # "booking gets rescheduled": the change said is the event's
        right = text[end : changed.end()]
    if news:
        begin = start - len(left) + news[-1].start()
        made = _MAKES.search(text[:begin])
        if made is None or (sent_on and not _ONE_MADE.search(made.group(0))):
            return begin, end + len(right)
        return None  # "create a new Jira issue": a write, not an event
    held = _HELD_IN.search(text[max(0, start - 60) : start])
    if held is not None:
        begin = max(0, start - 60) + held.start()
        if not _MAKES.search(text[:begin]):
            return begin, end + len(right)
    if _EVENT_ADJ.search(right):
        return start, end + len(right)
    return None


# "… booking gets rescheduled", "… order was paid": a change said of the item right after it
_CHANGED = re.compile(
    r"\s*(?:is|are|was|were|gets?|got|has been|have been)\s+(?:just\s+)?"
    r"(?:[a-z]+ed|paid|sent|done)\b",
    re.IGNORECASE,
)


_EVENT_VERB = re.compile(
    r"^\s*(?:(?:is|are|was|were|gets?|has been|have been)\s+)?(?:just\s+)?"
    r"(?:created|added|opened|uploaded|submitted|posted|published|inserted|filed|raised|"
    r"logged|arrives?|comes? in|appears?)\b",
    re.IGNORECASE,
)


# "New Shopify orders over 200 dollars should be posted …": what the subject says of the
# item, up to the verb of its action
_LEADING_QUALIFIER = re.compile(
    r"^\s*(?P<q>(?:over|above|under|below|more than|less than|with|whose|where|from|"
    r"(?:that|which|who)\s+(?:is|are)\b)[^,;]*?)"
    r"\s+(?=(?:should|must|will|shall|need to|go|goes|get|gets|are|is)\b)",
    re.IGNORECASE,
)


def _subject_condition(q: str, ctx: Context) -> str | None:
    """Condition words from what a leading event phrase's subject says ("over 200")."""
    if re.match(r"(?:with|whose|where)\b", q, re.IGNORECASE):
        return qualifier("x " + q, ctx)
    said = "it is " + re.sub(r"^(?:that|which|who)\s+(?:is|are)\s+", "", q, flags=re.I)
    return said if parse_condition(said, ctx) is not None else None


def _residue(text: str, start: int, end: int, ctx: Context) -> str:
    """The text left for the steps once the event phrase ``text[start:end]`` is cut out.

    Elsewhere the item stays as ``__it__``; in a leading "if"-clause what the clause says of
    the item stays as its condition: "If a new issue is created with priority 1" -> "If the
    priority is 1", "If an uploaded file is a PDF" -> "If it is a PDF", "If the budget of a
    new task is over 10" -> "If the budget is over 10"."""
    before, after = text[:start], text[end:]
    # "Each new Shopify order that is …", "Any new file whose …": a determiner is no clause
    bare = re.sub(r"^\s*(?:each|every|any|all|the)\s*$", "", before, flags=re.IGNORECASE)
    if not bare.strip(" ,，") or re.search(r"[.;!?。；！？]\s*$", before):
        lead = _LEADING_QUALIFIER.match(after)
        cond = _subject_condition(lead.group("q"), ctx) if lead else None
        if lead and cond:
            return f"{before} if {cond} , {after[lead.end() :]}"
    owner = re.search(r"\s+(?:of|for)\s+(?:(?:a|an|the|each|every|any)\s+)?$", before)
    if owner and re.match(r"^\s*(?:only\s+)?if\b", before, re.IGNORECASE):
        return before[: owner.start()] + " " + after
    if not _IF_OPENER.search(before):
        return before + " __it__ " + after
    opener = re.sub(r"\s*\b(?:a|an|the|any)\s*$", " ", before)
    verb = _EVENT_VERB.match(after)
    if verb:
        after = after[verb.end() :]
    clause = re.split(r"[,;]", after, maxsplit=1)
    cond = qualifier("x " + clause[0].strip(), ctx)
    if cond:
        return opener + cond + (", " + clause[1] if len(clause) > 1 else "")
    if re.match(r"^\s*(?:is|are|has|contains?|mentions?)\b", after, re.IGNORECASE):
        return opener + "it " + after.lstrip()
    return re.sub(r"\bif\s*$", " ", opener, flags=re.IGNORECASE) + after
