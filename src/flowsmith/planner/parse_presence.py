"""Steps that use a thing, then a case for when it is missing: "save the attached PDF to
Drive. If an email has no attachment, reply …", "把附件上传到Dropbox；如果邮件没有附件，就回复…".

The steps said just before an "X is missing" case that use X (their words name X) run only
when X is there: they become that branch's other case, so the upload and the reply sit on
different outputs of one test of X.

Invariants: only a branch of one case whose condition is ``field is_empty`` changes, and only
service or core steps (never an AI judgement, which makes the field) right before it whose
phrase names the field (its English stem or a Chinese data word
for it) move; nothing else is added, dropped or reordered. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.planner import lexicon as lx
from flowsmith.planner.compile_nodes import reads
from flowsmith.planner.frame import Branch, Case, CoreStep, Loop, ServiceStep, Step


def with_presence_sides(steps: tuple[Step, ...] | list[Step], start: str = "") -> list[Step]:
    """``steps`` with the users of a thing moved onto the "it is there" side of the case
    for when it is missing (at any depth); when the trigger's words ``start`` name the thing
    ("the CSV attached to each email"), every step before that case uses it."""
    out: list[Step] = []
    for step in (_inner(s, start) for s in steps):
        field = _missing_field(step)
        own = _case_phrase(step) if field else ""
        users = _trailing_users(out, field, start, own) if field else 0
        if users and isinstance(step, Branch):
            moved = tuple(out[len(out) - users :])
            del out[len(out) - users :]
            step = replace(step, cases=(*step.cases, Case(None, moved)))
        out.append(step)
    return out


def _inner(step: Step, start: str) -> Step:
    if isinstance(step, Branch):
        cases = tuple(
            replace(c, steps=tuple(with_presence_sides(c.steps, start))) for c in step.cases
        )
        return replace(step, cases=cases)
    if isinstance(step, Loop):
        return replace(step, steps=tuple(with_presence_sides(step.steps, start)))
    return step


def _missing_field(step: Step) -> str:
    """The field a one-case branch tests for being missing ("" if it is no such branch)."""
    if not isinstance(step, Branch) or len(step.cases) != 1:
        return ""
    cond = step.cases[0].condition
    return cond.field if cond is not None and cond.op == "is_empty" else ""


def _case_phrase(step: Step) -> str:
    """The words of a one-case branch's condition (lower case)."""
    cond = step.cases[0].condition if isinstance(step, Branch) else None
    return cond.phrase.lower() if cond is not None else ""


def _trailing_users(steps: list[Step], field: str, start: str, own: str = "") -> int:
    """How many steps at the end of ``steps`` name ``field`` in their words (all of them
    when the trigger's words ``start`` do); a step whose words are the condition's own
    ("look for tickets nobody is assigned to": the read the qualifier picks from) is none."""
    said = _words_for(field)
    everyone = any(w in start.lower() for w in said)
    count = 0
    for step in reversed(steps):
        phrase = str(getattr(step, "phrase", "")).lower()
        acts = isinstance(step, (ServiceStep, CoreStep))  # a judge makes the field: it stays
        named = everyone or any(w in phrase for w in said) or _mails_to(step, field)
        if not acts or not named or phrase == own:
            break
        if isinstance(step, ServiceStep) and reads(step.operation or ""):
            break  # "look up the customer in HubSpot": the read makes what is tested
        count += 1
    return count


def _words_for(field: str) -> list[str]:
    """The words that name ``field``: its stem ("attachment" -> "attach") and the Chinese
    data words the lexicon maps to it ("附件")."""
    stem = field.lower().split("_")[0]
    stem = stem[: max(4, len(stem) - 4)] if len(stem) > 6 else stem
    return [stem, *(zh for zh, name in lx.FIELD_ZH_NAMES.items() if name == field)]


# a field that holds a mail address ("email", "家长邮箱", "contact_mail")
_ADDRESS = re.compile(r"e-?mail|邮箱|邮件地址|mail", re.IGNORECASE)


def _mails_to(step: Step, field: str) -> bool:
    """Whether ``step`` sends an email, so it needs the address ``field`` holds ("用Outlook把
    链接发给家长" before "没填家长邮箱的…": the send goes on the side that has one)."""
    if not _ADDRESS.search(field):
        return False
    if isinstance(step, CoreStep):
        return "mail" in step.subtype
    if isinstance(step, ServiceStep):
        mail_send = step.operation == "send" and step.resource in ("message", "email", "mail")
        return mail_send or lx.EMAIL_WORD.search(step.phrase) is not None
    return False
