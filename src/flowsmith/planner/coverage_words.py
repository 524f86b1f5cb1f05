"""The request check's reading of frame steps and nodes into words, and schedule periods.

Invariants: the labels and condition texts are in the frame's language (``zh``); the
sentences are in the text catalogs (:mod:`flowsmith.text`, keys ``coverage.*``); the
tokens and squashed forms compare case- and punctuation-insensitively; a period is in
minutes, or None when it cannot be known (a cron the check does not read). Pure.
"""

from __future__ import annotations

from typing import Any

from flowsmith.core.models import Node
from flowsmith.core.services import verb_of
from flowsmith.planner.compile_state import fields_read
from flowsmith.planner.frame import (
    Approval,
    Condition,
    CoreStep,
    Respond,
    ServiceStep,
    Step,
    Think,
    Transform,
    Trigger,
    Wait,
)
from flowsmith.text import has, text

# --- words -------------------------------------------------------------------------------------


# core nodes that deliver results out of the workflow
_OUTPUT_SUBTYPES = frozenset(
    {
        "send_email",
        "gmail_send",
        "slack_message",
        "telegram_message",
        "discord_message",
        "microsoft_teams_message",
        "twilio_sms",
        "google_sheets_append",
        "notion_create_page",
        "github_create_issue",
        "airtable_create_record",
        "write_file",
    }
)


def step_role(step: Step) -> str | None:
    """``source`` (brings data in), ``output`` (sends, stores, changes or deletes something
    elsewhere: any service operation that is not a read) or None."""
    if is_source(step):
        return "source"
    if isinstance(step, ServiceStep):
        return "output"
    if isinstance(step, CoreStep) and step.subtype in _OUTPUT_SUBTYPES:
        return "output"
    return None


def is_source(step: Step) -> bool:
    """A step that brings data in: a read from a service, an HTTP GET, a page check."""
    if isinstance(step, ServiceStep):
        verbs = verb_of(step.operation)
        return step.app is None or "read" in verbs or (not verbs and not step.operation)
    if isinstance(step, CoreStep):
        if step.subtype in ("web_page_check", "read_file", "google_sheets_read"):
            return True
        method = str(step.params.get("method") or "GET").upper()
        return step.subtype == "http_request" and method == "GET"
    return False


def step_label(step: Step, zh: bool) -> str:
    if step.phrase:
        return f"“{step.phrase}”"
    if isinstance(step, ServiceStep):
        parts = [p for p in (step.app or step.service, step.resource, step.operation) if p]
        return f"“{' '.join(parts)}”"
    if isinstance(step, CoreStep):
        return f"“{step.subtype}”"
    if isinstance(step, Transform | Think):
        return f"“{step.kind}”"
    if isinstance(step, Wait):
        return text("coverage.label.wait", _lang(zh), seconds=step.seconds)
    if isinstance(step, Approval):
        return text("coverage.label.approval", _lang(zh), channel=step.channel)
    if isinstance(step, Respond):
        return text("coverage.label.respond", _lang(zh))
    return f"“{type(step).__name__.lower()}”"


def trigger_label(trigger: Trigger) -> str:
    what = trigger.kind if not trigger.app else f"{trigger.app} {trigger.event or ''}".strip()
    return f"“{what}”"


def condition_text(cond: Condition, zh: bool) -> str:
    if cond.phrase:
        return text("coverage.when.phrase", _lang(zh), phrase=cond.phrase)
    op_key = f"coverage.op.{cond.op}"
    op = text(op_key, _lang(zh)) if has(op_key) else cond.op
    value = "" if cond.value is None else f" {cond.value}"
    return text("coverage.when.test", _lang(zh), field=cond.field, op=op, value=value)


def plain_field(name: str) -> bool:
    return bool(name) and name.replace("_", "").replace(".", "").isalnum() and name.isascii()


def mentions(params: Any, field_name: str) -> bool:
    """Whether ``params`` (a guard's) read the item field ``field_name`` names: the field
    itself, or the date a span of time counts from (``days_since_due_date``: ``due_date``)."""
    text = " ".join(strings(params)).lower()
    names = {field_name.lower().split(".")[-1], *(f.lower() for f in fields_read(field_name))}
    return any(name in text for name in names)


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def identifying(params: Any) -> list[str]:
    """The squashed string values of ``params`` long enough to tell nodes apart."""
    if not isinstance(params, dict):
        return []
    out = []
    for value in params.values():
        if isinstance(value, str) and len(squash(value)) >= 3:
            out.append(squash(value))
    return out


def phrase_tokens(phrase: str) -> list[str]:
    """The words of a phrase: Latin words of 3+ letters, and its CJK text as one word."""
    latin = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in phrase.lower())
    words = [w for w in latin.split() if len(w) >= 3]
    cjk = "".join(ch for ch in phrase if not ch.isascii() and ch.isalnum())
    return [*words, cjk] if len(cjk) >= 2 else words


def squash_node(node: Node) -> str:
    return squash(node.name + " " + node.id + " " + " ".join(strings(node.parameters)))


def squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


# --- schedules ---------------------------------------------------------------------------------


def period_of_frame(params: dict[str, Any]) -> int | None:
    """Minutes between runs of a frame schedule ({kind, minutes | cron}), None if unknown."""
    if params.get("kind") == "interval":
        minutes = params.get("minutes")
        return minutes if isinstance(minutes, int) and minutes > 0 else None
    if params.get("kind") == "cron":
        return _cron_period(params.get("cron"))
    if "interval" in params:
        return period_of_node(params)
    return None


def period_of_node(params: dict[str, Any]) -> int | None:
    unit = params.get("interval", "hours")
    every = params.get("every", 1)
    if not isinstance(every, int) or every < 1:
        every = 1
    minutes = {"minutes": 1, "hours": 60, "days": 1440, "weeks": 10080}.get(str(unit))
    if minutes is not None:
        return minutes * every
    if unit == "cron":
        return _cron_period(params.get("cron"))
    return None


def _cron_period(cron: Any) -> int | None:
    if not isinstance(cron, str):
        return None
    fields = cron.split()
    if len(fields) != 5:
        return None
    minute, hour, dom, month, dow = fields
    if month != "*":
        return None
    if minute.startswith("*/") and minute[2:].isdigit() and hour == "*" and dom == "*":
        return int(minute[2:]) if dow == "*" else None
    if minute == "*" and hour == "*":
        return 1 if dom == "*" and dow == "*" else None
    if minute.isdigit() and hour == "*" and dom == "*" and dow == "*":
        return 60
    if minute.isdigit() and hour.startswith("*/") and hour[2:].isdigit() and dom == "*":
        return 60 * int(hour[2:]) if dow == "*" else None
    if minute.isdigit() and hour.isdigit():
        if dom == "*" and dow == "*":
            return 1440
        if dom == "*" and dow.isdigit():
            return 10080
        if dom.isdigit() and dow == "*":
            return 43200
    return None


def period_text(minutes: int, zh: bool) -> str:
    for size, unit in ((10080, "week"), (1440, "day"), (60, "hour")):
        if minutes % size == 0:
            n = minutes // size
            key = f"coverage.period.{unit}s" if n > 1 else f"coverage.period.{unit}"
            return text(key, _lang(zh), count=n)
    return text("coverage.period.minutes", _lang(zh), count=minutes)


def _lang(zh: bool) -> str:
    return "zh" if zh else "en"
