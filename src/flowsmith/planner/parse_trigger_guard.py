"""What a trigger's own words say of its item, as a condition on it: a mail's sender or
recipient, a label it gets, a qualifier before the event's verb ("an email whose subject
starts with 'PO-' comes in"). None when the words are the event itself (Slack's mention
event, Zendesk's ticket-solved). Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.event_kinds import change_kind
from flowsmith.planner.frame import Condition, Trigger
from flowsmith.planner.parse_attachment import attachment_guard
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import TOKEN, Context
from flowsmith.planner.parse_guards import event_condition
from flowsmith.planner.parse_item_says import phrase_says
from flowsmith.planner.parse_trigger_item import QUOTED_MENTION
from flowsmith.planner.parse_trigger_kind import item_kind_guard
from flowsmith.planner.parse_trigger_qualifier import qualifier_guard
from flowsmith.planner.parse_trigger_rating import rating_guard
from flowsmith.planner.parse_trigger_said import mail_party
from flowsmith.planner.parse_trigger_state import state_guard
from flowsmith.planner.service_words import stem

# what ends an event phrase after its item's qualifier: "… with 'Order' in the subject arrives"
_EVENT_TAIL = re.compile(
    r"\s+(?:(?:is|are|was|gets?)\s+)?(?:arrives?|comes? in|lands?|received|created|added|"
    r"submitted|posted|opened|filed|raised|logged)\s*$",
    re.IGNORECASE,
)
# "an issue gets the label 'customer'", "is labelled bug", "被打上'紧急'标签", "is tagged VIP"
_LABELLED = re.compile(
    r"\b(?:gets?|got|is given|receives?|has|is assigned)\s+(?:the\s+|a\s+)?(?:label|tag)\s+"
    r"[\"'“‘]?(?P<a>[^\"'”’,;]{1,30}?)[\"'”’]?\s*$|"
    r"\b(?:is\s+|gets\s+)?(?:labell?ed|tagged)\s+(?:as\s+|with\s+)?[\"'“‘]?(?P<b>[^\"'”’,;]{1,30}?)"
    r"[\"'”’]?\s*$|"
    r"(?:被)?(?:打上了?|加上了?|打了|加了|贴了|标记为|标上了?)\s*[\"'“‘「]?(?P<c>[^\"'”’」，,]{1,12}?)"
    r"[\"'”’」]?\s*(?:的)?标签",
    re.IGNORECASE,
)


def said_by_event(phrase: str, trigger: Trigger, ctx: Context) -> bool:
    """Whether what the phrase says of the item is the event itself ("someone mentions our
    bot in Slack" is Slack's mention event, not a text that contains "our bot")."""
    app = ctx.index.apps.get(trigger.app or "")
    if app is None or app.triggers is None or trigger.event not in app.triggers.events:
        return False
    m = lx.CONTAINS.search(phrase) or QUOTED_MENTION.search(phrase)
    if m is None:
        return False
    verb = stem(m.group(0).split()[0])
    names = " ".join(app.triggers.events[trigger.event].names.all())
    return verb in {stem(w) for w in re.findall(r"[a-z]+", names.lower())}


def _event_is_state(cond: Condition, trigger: Trigger, ctx: Context) -> bool:
    """Whether the state a condition asks for is the event itself ("a ticket is marked solved"
    on Zendesk's ticket-solved event): the event's key or names say the value."""
    app = ctx.index.apps.get(trigger.app or "")
    if cond.op != "eq" or app is None or app.triggers is None:
        return False
    event = app.triggers.events.get(trigger.event or "")
    if event is None:
        return False
    said = f"{trigger.event} {' '.join(event.names.all())}".lower().replace("_", " ")
    value = str(cond.value).lower()
    return bool(value) and re.search(rf"(?<!\w){re.escape(value)}(?!\w)", said) is not None


def event_guard(trigger: Trigger, ctx: Context) -> Condition | None:
    """The condition a trigger's own words put on its item ("an email with 'Order' in the
    subject arrives" -> subject contains Order; "an issue gets the label 'customer'" ->
    label contains customer), or None."""
    party = mail_party(trigger, ctx)
    said = _item_guard(trigger, ctx) or attachment_guard(trigger) or phrase_says(trigger)
    if party is not None and said is not None and said.field not in ("from", "to"):
        # "an email whose subject starts with 'PO-' comes into orders@…": both hold
        return Condition(party.field, "all", (party, said), trigger.phrase)
    return party or said


def _item_guard(trigger: Trigger, ctx: Context) -> Condition | None:
    """What the trigger's words say of its item besides a mail's sender or recipient."""
    phrase = trigger.phrase
    if mail_party(trigger, ctx) is not None and not re.search(
        r"\b(?:whose|with|where|having)\s+(?:the\s+|a\s+|an\s+)?(?:subject|title)\b|"
        r"(?:主题|标题)",
        phrase,
        re.IGNORECASE,
    ):
        return None  # a mail start's other words name its box, not its item
    if said_by_event(phrase, trigger, ctx):
        return None
    m = _LABELLED.search(TOKEN.sub(" ", phrase))
    if m:
        value = (m.group("a") or m.group("b") or m.group("c") or "").strip()
        return Condition("label", "contains", value, phrase)
    found = event_condition(phrase, ctx)
    if found is not None:
        return None if _event_is_state(found, trigger, ctx) else found
    trimmed = _EVENT_TAIL.sub("", phrase)
    found = event_condition(trimmed, ctx) if trimmed != phrase else None
    said = _WHOSE_THEN_EVENT.search(TOKEN.sub(" ", phrase))
    if found is None and said is not None:  # "an email whose subject … comes into the inbox"
        return parse_condition(said.group("c"), ctx)
    if found is None and change_kind(ctx, trigger) is not None:
        return None  # the event's own kinds say which ratings (a filter on them follows)
    return (
        found
        or item_kind_guard(trigger, ctx)
        or rating_guard(trigger)
        or state_guard(trigger, ctx)
        or qualifier_guard(trigger, ctx)
    )


# "an email whose subject starts with 'PO-' comes into …": the qualifier, up to the event's verb
_WHOSE_THEN_EVENT = re.compile(
    r"\b(?:whose|where(?:\s+the)?)\s+(?P<c>.+?)\s+(?:(?:is|are|gets?)\s+)?"
    r"(?:comes?\s+in|comes?\s+into|arrives?|lands?|(?:is\s+)?received|shows?\s+up)\b",
    re.IGNORECASE,
)
