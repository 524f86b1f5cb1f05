"""Whom a direct message goes to: "DM them the guide link", "send them a direct message",
"私信他", "DM me on Slack", "在Slack上私信我".

A direct message reaches a person, never a channel: the field is the operation's own address
field the catalog describes as taking a user ("Channel id or name, or a user id for a direct
message", "#channel or @user", "User, group or room id"), and the person is

* the one the trigger's event is from or about, when the trigger is of the same app and its
  event names that person's id in its item (the catalog's ``person`` path: Slack's team_join
  ``user.id``): ``{{ $json.<path> }}``;
* else (the user themself, "DM me", or a person no trigger item names) ``YOUR_USER_ID``, a
  placeholder the user fills.

Invariants: only a step whose own words say a direct message; never a field the step already
sets from the words (a channel said, "#ops"); nothing for an operation with no field that
takes a user (a Discord channel id).
"""

from __future__ import annotations

import re

from flowsmith.core.catalog.apps import App, Operation

__all__ = ["USER_PLACEHOLDER", "dm_field", "dm_recipient", "says_dm"]

USER_PLACEHOLDER = "YOUR_USER_ID"

_DM = re.compile(
    r"\b(?:dms?|dm'?ed|direct(?:ly)?[- ]messages?|private(?:ly)?[- ]messages?)\b|"
    r"\bmessage\s+(?:them|him|her|me|the\s+\w+)\s+(?:directly|privately)\b|"
    r"私信|私聊|单独(?:发|通知)|私下(?:发|通知)",
    re.IGNORECASE,
)
# the user themself is the one messaged: "DM me", "send me a DM", "私信我", "给我发私信"
_ME = re.compile(
    r"\b(?:dm|message|send|ping)\s+me\b|\bme\s+(?:a\s+)?(?:dm|direct\s+message)\b|"
    r"私信(?:给|通知)?我|私聊我|给我(?:发|单独发)?(?:个|一条)?私信|我的私信",
    re.IGNORECASE,
)
# an address field that takes a user: its description says so
_TAKES_USER = re.compile(r"\b(?:users?|direct message|@user)\b", re.IGNORECASE)


def says_dm(words: str) -> bool:
    return bool(_DM.search(words))


def dm_field(op: Operation) -> str | None:
    """The field of ``op`` a direct message's person goes in, or None."""
    for name, field in op.fields.items():
        if field.type == "string" and _TAKES_USER.search(field.description):
            return name
    return None


def dm_recipient(words: str, app: App, trigger_app: str | None, event: str | None) -> str:
    """The person a direct message ``words`` say reaches, as the field's value."""
    if _ME.search(words):
        return USER_PLACEHOLDER
    if trigger_app == app.app and event and app.triggers is not None:
        ev = app.triggers.events.get(event)
        if ev is not None and ev.person:
            return "{{ $json." + ev.person + " }}"
    return USER_PLACEHOLDER
