"""One message for all the items a step before read: "in ONE email not one per item",
"a single Slack message listing all of them", "整理成一封邮件", "别一间房发一封".

A read hands on one item per row, and a send after it runs once per item. When the words ask
for one message that holds them all, the items are gathered first: a Code step that joins
them into one item whose ``text`` lists them, and the message carries that text.

Invariants:

* :func:`gathers_at` answers only for words that say *one* message *for several items*: a
  count of one said of a message together with a gathering word ("in one", "a single … listing
  all", "整理成一封", "合并成一条") or a refusal of one message per item ("not one per item",
  "别一间房发一封", "不要一条一条发"). "Send an email", "发一封邮件" alone gather nothing.
* The position returned is where those words start in the clause, so the gathering step sorts
  with the clause's other transforms, before the clause's writes.
* :func:`with_one_gather` leaves at most one gathering step in a flow (the first said), and
  one said after the message it is about ("…发邮件给保洁，别一间房发一封") moves before it.
* :func:`collect_code` returns one item, also when nothing was read (the text says so).
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.planner.frame import (
    Approval,
    Branch,
    CoreStep,
    Loop,
    ServiceStep,
    Step,
    Transform,
    walk,
)

__all__ = ["collect_code", "gathers_at", "with_one_gather"]

_MSG_EN = r"(?:e-?mails?|mails?|messages?|posts?|texts?|digests?|notes?|lists?|reports?)"
_MSG_ZH = r"(?:邮件|消息|信息|通知|短信|私信|汇总|清单|列表|报告|信)"

_EN = re.compile(
    # "in ONE email", "as a single message", "all in one Slack post", "into one digest"
    r"\b(?:in|as|into|with)\s+(?:just\s+)?(?:one|a\s+single|1)\s+(?:combined\s+|single\s+)?"
    r"(?:[A-Z][\w-]*\s+)?" + _MSG_EN + r"\b|"
    # "a single email listing all of them", "one message with all the deals"
    r"\b(?:a\s+single|one)\s+(?:combined\s+)?(?:[A-Z][\w-]*\s+)?"
    + _MSG_EN
    + r"\s+(?:listing|with|containing|that\s+lists|for)\s+(?:all|every|each)\b|"
    # "not one per item", "rather than one message per deal", "instead of separate emails"
    r"\b(?:not|rather\s+than|instead\s+of)\s+(?:one|an?|a\s+separate)\s+(?:[A-Z][\w-]*\s+)?"
    r"(?:" + _MSG_EN + r"\s+)?(?:per|for\s+each|for\s+every)\b|"
    r"\b(?:not|rather\s+than|instead\s+of)\s+(?:separate|individual)\s+" + _MSG_EN + r"\b|"
    # "put them all into one Telegram message", "bundle them into one email"
    r"\b(?:them|these|those)\s+all\s+(?:in|into)\s+(?:one|a\s+single)\b|"
    r"\ball\s+(?:of\s+them\s+)?(?:together\s+)?in(?:to)?\s+(?:one|a\s+single)\b",
    re.IGNORECASE,
)
_ZH = re.compile(
    # "整理成一封邮件", "汇总到一封邮件里", "合并成一条消息", "放在一封邮件里"
    r"(?:整理|汇总|合并|合|放|归总|归拢|集中|打包|列)\s*(?:成|到|在|进|为)\s*一\s*[封条份个张]"
    + r"\s*(?:[A-Za-z][\w-]*\s*)?"
    + _MSG_ZH
    + "|"
    # "别一间房发一封", "不要一单发一条", "不要每个任务发一条"
    r"(?:别|不要|不用|无需|不必)\s*(?:一|每)\s*[个间单条位件家张份]?[\u4e00-\u9fff]{0,4}?"
    r"(?:就)?(?:发|推送|推)\s*(?:一)?\s*[封条次]|"
    # "不要一条一条发", "别一个一个发"
    r"(?:别|不要|不用)\s*一\s*([个条封件单])\s*一\s*\1\s*(?:地)?\s*(?:发|推)|"
    # "在一封邮件里列出全部", "用一条消息发全部"
    r"(?:在|用)\s*一\s*[封条]\s*" + _MSG_ZH + r"\s*里?\s*(?:列出|发|写)\s*(?:全部|所有)"
)


def gathers_at(text: str) -> int | None:
    """Where ``text`` asks for one message holding all the items read, or None."""
    hits = [m.start() for m in (_EN.search(text), _ZH.search(text)) if m]
    return min(hits) if hits else None


def collect_code() -> str:
    """JavaScript that joins every item into one item: ``count`` and a ``text`` with a line
    per item (its fields as ``key: value``)."""
    return (
        "// One item for all: a line per item, so the message after this is sent once\n"
        "const items = $input.all().map((item) => item.json);\n"
        "const line = (row) => Object.entries(row).map(([k, v]) => `${k}: ${v}`).join(', ');\n"
        "const text = items.length ? items.map((row) => '- ' + line(row)).join('\\n') "
        ": '(nothing today)';\n"
        "return [{ json: { count: items.length, items, text } }];"
    )


def _gathers(step: Step) -> bool:
    return isinstance(step, Transform) and step.kind == "code" and bool(step.params.get("collect"))


def with_one_gather(steps: list[Step]) -> list[Step]:
    """``steps`` with one gathering step at most: later ones dropped, and one said last in its
    sequence right after a step that acts placed before that step."""
    first = next((s for s in walk(tuple(steps)) if _gathers(s)), None)
    if first is None:
        return steps
    return list(_kept(tuple(steps), first))


def _kept(steps: tuple[Step, ...], first: Step) -> tuple[Step, ...]:
    out: list[Step] = []
    for step in steps:
        if _gathers(step) and step is not first:
            continue
        if isinstance(step, Branch):
            cases = tuple(replace(c, steps=_kept(c.steps, first)) for c in step.cases)
            step = replace(step, cases=cases)
        elif isinstance(step, Loop):
            step = replace(step, steps=_kept(step.steps, first))
        elif isinstance(step, Approval):
            step = replace(
                step, approved=_kept(step.approved, first), rejected=_kept(step.rejected, first)
            )
        out.append(step)
    at = next((i for i, s in enumerate(out) if s is first), None)
    if at is not None and at == len(out) - 1 and at > 0:
        before = out[at - 1]
        if isinstance(before, (ServiceStep, CoreStep)) and at > 1:  # not the read itself
            out[at - 1], out[at] = out[at], before
    return tuple(out)
