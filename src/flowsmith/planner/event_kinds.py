"""The kind of change a start names when the app's trigger fires on any change.

Some apps' triggers report every change on what they watch (a Trello board, an Asana
project, Linear issues); the catalog lists, per such event, the kinds of change its payload
tells apart (``Event.kinds``: names, and the payload fields that say the kind). "When a new
card is added to Trello" is that trigger followed by a filter keeping only ``createCard``
actions.

Invariants: the kinds come only from catalog data (no app is named here); a kind is chosen
only when the start's own words say it (a names score of at least 1, the best one winning;
the words read as said and with the app's name cut out, "新的Linear问题" saying 新问题);
the filter's conditions are the kind's ``match`` pairs, all of which must hold. Pure.
"""

from __future__ import annotations

import re

from flowsmith.core.catalog.apps import EventKind
from flowsmith.planner.frame import Condition, Transform, Trigger
from flowsmith.planner.parse_context import TOKEN, Context
from flowsmith.planner.service_words import names_score, tokens

__all__ = ["change_kind", "kind_filter"]


def change_kind(ctx: Context, trigger: Trigger) -> tuple[str, EventKind] | None:
    """The kind of change (its key and entry) the trigger's words say, or None when its
    event lists no kinds or none is said."""
    app = ctx.index.apps.get(trigger.app or "")
    if app is None or app.triggers is None or trigger.event not in app.triggers.events:
        return None
    kinds = app.triggers.events[trigger.event].kinds
    said = TOKEN.sub(" ", trigger.phrase)
    best = max(_scored(kinds, said), _scored(kinds, _without_app(said, app.app, ctx)))
    return (best[1], kinds[best[1]]) if best[0] >= 1.0 else None


def _scored(kinds: dict[str, EventKind], said: str) -> tuple[float, str]:
    low, toks = said.lower(), set(tokens(said))
    scored = [(names_score(kind.names, low, toks), key) for key, kind in kinds.items()]
    return max(scored, default=(0.0, ""))


def _without_app(said: str, app: str, ctx: Context) -> str:
    """The words with the app's own name cut out ("新的Linear问题" -> "新的问题")."""
    for m in reversed(ctx.index.mentions(said, implicit=False)):
        if m.app == app:
            glue = "" if re.search(r"[\u4e00-\u9fff]", said[m.start - 1 : m.end + 1]) else " "
            said = said[: m.start].rstrip() + glue + said[m.end :].lstrip()
    return said


def kind_filter(ctx: Context, trigger: Trigger) -> Transform | None:
    """A filter keeping only the kind of change the start names, or None."""
    found = change_kind(ctx, trigger)
    if found is None:
        return None
    key, kind = found
    conditions = [
        Condition(path, "eq", value, trigger.phrase) for path, value in kind.match.items()
    ]
    return Transform(
        kind="filter",
        params={"conditions": conditions, "change": key},
        phrase=trigger.phrase,
    )
