"""What a parsed conditional edit does to the workflow: the :class:`Guard` a reader of
:mod:`edit_guard_read` builds, and :func:`guard_op`, the ``add_guard`` op it becomes (the
steps it guards or adds, what runs otherwise, or "<new> instead of <old>" on the condition's
output).

Invariants: the op's steps come from the catalog through :mod:`edit_guard_steps`; existing
steps are named by their ids, new ones by their service words. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from flowsmith.core.models import NodeFamily, Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner.edit_guard_else import else_steps
from flowsmith.planner.edit_guard_steps import (
    channel_move,
    head_steps,
    like,
    op_steps,
    reply_spec,
    steps_in,
    stored_steps,
)
from flowsmith.planner.edit_guard_still import kept_by_swap
from flowsmith.planner.edit_read import existing_steps, place_in
from flowsmith.planner.edit_route import adopt_field
from flowsmith.planner.plan import EditOp

# "send them to Mailchimp instead of emailing sales", "… go to Pipedrive instead"
INSTEAD_OF = re.compile(
    r"^(?P<new>.+?)\s+(?:instead(?:\s+of\s+(?P<old>.+?))?|rather than\s+(?P<old2>.+?))\s*$|"
    r"^(?:用|改用|换成|改成)(?P<znew>.+?)(?:代替|替代|取代)(?P<zold>.+)$|"
    # "改成创建Trello卡片，不发邮件", "create a Trello card, no more email"
    r"^(?P<new2>.+?)[,，]\s*(?:(?:and\s+|but\s+)?(?:no more|not|no longer|don'?t)\s+|"
    r"(?:什么都|啥都|都)?(?:不要|不用|别|不再|不)再?)(?P<old3>.+?)了?$|"
    # "respond with 403 and don't save anything", "send me a Telegram and skip the upload"
    r"^(?P<new3>.+?)[,，]?\s+and\s+(?:then\s+)?(?:skip|don'?t|do not|never)\s+(?P<old4>.+?)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Guard:
    """A parsed condition edit: the rule, whether matching items are the ones *not* acted
    on (``negate``: "skip …"), and the words of the action and of the otherwise part."""

    rule: dict[str, Any]
    label: str
    negate: bool
    act: str
    flow: bool
    other: str
    category: str | None = None
    needs_route: bool = False  # a bare category word: only where the workflow branches on it
    new_category: bool = False  # said as a category ("add a category", "for X emails", "X类的")
    replaces: bool = False  # "change the condition to …": the rule of the existing check
    only: bool = False  # "… only go to Trello": not to the steps already on that output
    bypass: bool = False  # "skip the approval for …": matching items go round the step
    said: str = ""  # the condition's words (a failure's name the step to check)
    # "…, don't post to Slack, email me instead": the same edit said as "<new> instead of <old>"
    # (new on the condition's output), tried before the denied reading
    swap: str = ""


# --- what the action and the otherwise part name ------------------------------------------


def guard_op(guard: Guard, current: Workflow) -> EditOp:
    guard = replace(guard, rule=adopt_field(guard.rule, current, guard.said))
    moved = channel_move(f"{guard.act} {guard.other}", current) if guard.act else None
    if moved is not None and not guard.negate:
        # "tagged vip should go to #vip instead of #orders": those items only, to #vip
        return EditOp(
            kind="add_guard",
            rule=guard.rule,
            value=guard.label,
            where="instead",
            subject="|".join(moved[0]),
            steps=moved[1],
        )
    said_swap = replace(guard, act=guard.swap, negate=not guard.negate) if guard.swap else None
    swap = (_instead(said_swap, current) if said_swap else None) or _instead(guard, current)
    if swap is not None:
        return swap
    failed = guard.label == "failed?"  # an error notice is a new step, never an existing one
    # "金额超过20万的，登记后发邮件…": the check and its new steps go after the step said
    after, act = (None, guard.act) if failed else placed_after(guard.act, current)
    guard = replace(guard, act=act)
    existing, new = steps_in(guard.act, Workflow() if failed else current)
    new = new or reply_spec(guard.act, current)  # "if the insert fails, respond with a 409"
    if guard.flow and all(x.startswith("node:") for x in existing):
        existing = []  # "only handle tickets …": the items, not the step named "Post ticket"
    # "别进HubSpot了，只发感谢邮件": the thank-you email still goes to every item
    kept = kept_by_swap(guard.swap, current) if guard.swap and guard.negate else []
    existing = [x for x in existing if x not in kept]
    else_existing, else_new = else_steps(guard.other, current, existing)
    return EditOp(
        keep=kept,
        kind="add_guard",
        rule=guard.rule,
        value=guard.label,
        negate=guard.negate,
        where=(
            "replace"
            if guard.replaces
            else "flow"
            if guard.flow and not existing and not new
            else "new_category"
            if guard.new_category
            else "bypass"
            if guard.bypass or (guard.negate and existing and not new)
            else None
        ),
        subject="|".join(existing) or None,
        steps=new,
        else_subject="|".join(else_existing) or None,
        else_steps=else_new,
        category=guard.category,
        only=guard.only,
        anchor=next(iter(existing_steps(guard.said, current)), None) if failed else after,
    )


def placed_after(act: str, current: Workflow) -> tuple[str | None, str]:
    """(the existing step the action's words put its new steps after, the words without
    that place) for "登记后发邮件…", "after logging it, email …"; (None, ``act``) when the
    words say no such place or it names no step but the trigger."""
    low = act.lower()
    place = place_in(low, (0, len(low)))
    if place.where != "after" or place.anchor is None or place.span is None:
        return None, act
    if not [x for x in eg.find(current, place.anchor) if x.type != NodeFamily.TRIGGER]:
        return None, act
    a, b = place.span
    return place.anchor, act[:a] + " " + act[b:]


def _instead(guard: Guard, current: Workflow) -> EditOp | None:
    """ "When the budget is under 1000, send them to Mailchimp instead of emailing sales":
    the new step on the condition's output, the old one now only on the other."""
    m = INSTEAD_OF.search(guard.act)
    if m is None:
        return None
    new_words = m.group("new") or m.group("znew") or m.group("new2") or m.group("new3") or ""
    old_words = next((x for x in m.group("old", "old2", "zold", "old3", "old4") if x), "")
    said_new = [g for g in ("new", "znew", "new2", "new3") if m.group(g)]
    denied = guard.act[m.end(said_new[0]) :] if said_new else ""  # "… don't save anything"
    old = (
        op_steps(old_words, current)
        or head_steps(denied, current)
        or (_denied(old_words, current) if old_words.strip() else like(new_words, current))
    )
    new = reply_spec(new_words, current) or steps_in(new_words, current)[1]
    if not old or not new:
        return None
    return EditOp(
        kind="add_guard",
        rule=guard.rule,
        value=guard.label,
        negate=guard.negate,
        where="instead",
        subject="|".join(old),
        steps=new,
    )


def _denied(words: str, current: Workflow) -> list[str]:
    """The existing steps a denied part names ("don't add them to Mailchimp"), with the
    record steps a part that only says "save them" / "别存" means."""
    named = steps_in(words, current)[0]
    return named + [x for x in stored_steps(words, current) if x not in named]
