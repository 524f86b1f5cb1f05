"""What the trigger's item says, said right after the event: "if a new Typeform response says
the customer is 'very unhappy', open …", "when a Slack message mentions 'outage', …".

The steps after it are for the items whose words hold the quoted value: :func:`item_says`
turns the clause into a leading condition before the steps (the form the step reader
guards): for a form or survey response, its answer is the quoted choice; for any other item,
its text contains the quoted words. Invariants: only a clause that starts ``rest`` with a
saying verb, holds one quoted value and ends at a comma is read; any other ``rest`` comes
back unchanged. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition, Trigger

__all__ = ["item_says", "phrase_says"]

_SAYS = re.compile(
    r"^\s*(?:says?|said|mentions?|mentioned|mentioning|contains?|containing|includes?|reads|has)\b[^,;，；'\"“‘]*?"
    r"(?P<q>['\"“‘][^'\"”’]{1,60}['\"”’])[^,;，；]*[,;，；]\s*(?:then\s+)?(?P<after>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_ANSWERED = re.compile(r"respons|submission|answer|survey|form|entr(?:y|ies)", re.IGNORECASE)
_STARTS = ("app_event", "form", "email", "webhook")


def item_says(trigger: Trigger, rest: str) -> str:
    """``rest`` with a leading "says … '<value>'," clause said as a condition on the item."""
    if trigger.kind not in _STARTS:
        return rest
    m = _SAYS.match(rest)
    if m is None:
        return rest
    value = m.group("q").strip("'\"“”‘’")
    if _ANSWERED.search(trigger.phrase or ""):
        return f"if the answer is '{value}' , {m.group('after')}"  # a choice the form offers
    return f"if the text contains '{value}' , {m.group('after')}"


_SAYS_IN = re.compile(
    r"\b(?:says?|said|mentions?|mentioning|contains?|containing|includes?)\b[^,;，；'\"“‘]*?['\"“‘](?P<v>[^'\"”’]{1,60})['\"”’]",
    re.IGNORECASE,
)


def phrase_says(trigger: Trigger) -> Condition | None:
    """The same condition when the start's own phrase holds the saying ("a new Google Forms
    response says the visitor is 'interested'"), or None."""
    phrase = trigger.phrase or ""
    m = _SAYS_IN.search(phrase) if trigger.kind in _STARTS else None
    if m is None:
        return None
    if _ANSWERED.search(phrase[: m.start()]):
        return Condition("answer", "eq", m.group("v"), phrase)
    return Condition("text", "contains", m.group("v"), phrase)
