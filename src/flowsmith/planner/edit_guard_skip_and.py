"""A denial joined with a new step in one act: "skip the Dropbox upload and email ops@…",
"respond 409 and skip Mailchimp", "跳过Dropbox，发邮件告诉…", "返回409并跳过Brevo". Under the
condition the new step runs instead of the skipped one: the skipped step keeps its id on the
condition's other output.

Invariants: pure readers of the act's words; they only split an act, never name a step;
``None`` when the act is not such a pair.
"""

from __future__ import annotations

import re

__all__ = ["skip_and"]

_VERB = (
    r"(?:email|e-mail|mail|send|post|notify|tell|message|ping|alert|respond|reply|return|add|"
    r"create|log|record|save|text|call|page|open|put|write)\b"
)
_ZH_VERB = r"(?:发|通知|返回|回复|回|加到|加入|添加|记到|记录|写到|写入|告诉|提醒|推送|创建|建)"
_SKIP = r"(?:skip|don'?t|do not|never)\b"
# "<old> and <new>" after a denial ("skip the upload and email ops@…")
_OLD_NEW = (
    re.compile(r"^(?P<old>.+?)(?:\s*,)?\s+(?:and|then)\s+(?P<new>" + _VERB + r".*)$", re.I),
    re.compile(
        r"^(?P<old>[^，,]+?)(?:[，,]\s*(?:并且?|然后|再)?|并且?|然后)(?P<new>" + _ZH_VERB + r".*)$"
    ),
)
# "<new> and skip <old>" ("respond 409 with … and skip Mailchimp", "返回409并跳过Brevo")
_NEW_OLD = (
    re.compile(r"^(?P<new>" + _VERB + r".+?)(?:\s*,)?\s+and\s+" + _SKIP + r"\s*(?P<old>.+)$", re.I),
    re.compile(
        r"^(?P<new>"
        + _ZH_VERB
        + r".+?)(?:[，,]\s*)?(?:并且?|然后|再)?(?:跳过|不要|别|不用)(?P<old>.+)$"
    ),
)


def skip_and(act: str, denied: bool) -> tuple[str, str] | None:
    """(new words, skipped words) of ``act``: after its denial word when ``denied`` ("skip X
    and do Y"), else an act doing Y and skipping X; None when ``act`` is no such pair."""
    for pattern in _OLD_NEW if denied else _NEW_OLD:
        m = pattern.search(act.strip())
        if m is not None:
            return m.group("new").strip(), m.group("old").strip()
    return None
