"""Who an approval is asked of, as the request says it.

"needs approval from finance@corp.eu", "Ask @maria in Slack to approve", "the support lead
has to approve", "要店长在Slack里审批", "要部门经理 manager@corp.cn 邮件审批", "在Slack里找 @wang
审批": an address, a chat handle and a role are read from the words that ask for the approval
(never from an outcome said after them: "approved ones get …", "批了就…").

Invariants: the result is the user's own words joined by a space (role first, then the
address or handle), or "" when the words name no one; an address or handle is kept only when
it stands in the asking words; :func:`approvers` splits "A and B" / "A和B" into the people
who must both approve, in the order said. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.parse_context import CJK

__all__ = ["address_of", "approver_of", "approvers", "handle_of", "role_of"]

_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_HANDLE = re.compile(r"(?<![\w.@])@([A-Za-z][\w.-]{0,30}[\w])")
_URL = re.compile(r"https?://\S+", re.I)

_WORD = r"(?!(?:by|in|via|on|to|first|before|must|has|have|needs?|should|and|also)\b)[A-Za-z][\w-]*"
# one to four words, "A and B" kept together ("the team lead and the CFO")
_WHO = rf"(?P<who>{_WORD}(?:\s+(?:(?:and|&)\s+(?:the\s+|my\s+)?)?{_WORD}){{0,3}})"
_ARTICLE = r"(?:the\s+|my\s+|our\s+|an?\s+|both\s+the\s+|both\s+)?"
_EN_ROLE = (
    # "approval from the CFO", "sign-off from finance"
    re.compile(r"\b(?:approval|approve|sign[- ]?off|ok|okay)\s+from\s+" + _ARTICLE + _WHO, re.I),
    # "needs HR (hr@x.co) to approve", "ask the team lead in Slack to approve"
    re.compile(
        r"\b(?:ask|asks|asking|needs?|requires?|get|gets|have|has|let)\s+"
        + _ARTICLE
        + _WHO
        + r"\s*(?:\([^)]*\)\s*)?(?:(?:in|on|via|by)\s+\w+\s+)?to\s+(?:approve|sign\s+off|ok|okay)",
        re.I,
    ),
    # "the support lead has to approve", "the CFO must sign off"
    re.compile(
        _ARTICLE + _WHO + r"\s*(?:\([^)]*\)\s*)?(?:must|has to|have to|needs to|should)\s+"
        r"(?:also\s+)?(?:approve|sign\s+off)",
        re.I,
    ),
    # "emailed to my manager for approval", "ask legal for sign-off"
    re.compile(
        r"\b(?:to|ask|asks|asking)\s+" + _ARTICLE + _WHO + r"\s+for\s+(?:an?\s+|their\s+)?"
        r"(?:approval|sign[- ]?off|ok|okay)",
        re.I,
    ),
)
_NOT_ROLE = re.compile(
    r"^(?:it|them|this|that|one|approval|someone|somebody|anyone|you|we|i|me|us|they|he|she|"
    r"anything|everything|requests?|items?|ones|each|every|orders?|invoices?|expenses?)$",
    re.I,
)
# "要店长在Slack里审批", "让 @lihua 审批", "发邮件给采购经理 buyer@corp.cn 审批"
_ZH_ASK = re.compile(r"(?:让|请|要|由|找|给|需要|须)(?!求)")
_ZH_NOISE = re.compile(
    r"(?:在|通过|用|走)\s*[A-Za-z\u4e00-\u9fff]{0,12}?(?:里|上|中|内)|通过\s*\w+|"
    r"(?:发)?(?:邮件|邮箱|电邮)|先|再|来|进行|都|一起|两个人|两人|同时|也|还要|还|发|一下|"
    r"[\s,，:：()（）]"
)
_ZH_APPROVE = re.compile(r"审批|批准|审核|(?<![没不未])批(?!了|量)")
_ZH_ROLE = re.compile(r"^(?!(?:我|我们|你|您|他|她|他们|她们|大家)$)[A-Za-z\u4e00-\u9fff]{1,10}$")
_AND = re.compile(r"\s*(?:\band\b|和|与|及|以及|跟|、|&)\s*", re.I)


def approver_of(phrase: str) -> str:
    """Who the asking words of ``phrase`` name (module doc), or ""."""
    ask = _asking_words(phrase)
    found = [role_of(ask), address_of(ask), handle_of(ask)]
    return " ".join(x for x in found if x)


def address_of(text: str) -> str:
    m = _ADDRESS.search(_URL.sub(" ", text))
    return m.group(0) if m else ""


def handle_of(text: str) -> str:
    m = _HANDLE.search(_ADDRESS.sub(" ", _URL.sub(" ", text)))
    return "@" + m.group(1) if m else ""


def role_of(text: str) -> str:
    """The person's title or team said in the asking words ("CFO", "店长"), or ""."""
    plain = _HANDLE.sub(" ", _ADDRESS.sub(" ", _URL.sub(" ", text)))
    if CJK.search(plain):
        return _zh_role(plain)
    for rx in _EN_ROLE:
        m = rx.search(plain)
        if m:
            who = re.sub(r"^(?:both\s+)?(?:the|my|our)\s+", "", m.group("who").strip(), flags=re.I)
            if who and not _NOT_ROLE.match(who) and not lx.APPROVAL.fullmatch(who):
                return who
    return ""


def approvers(approver: str) -> list[str]:
    """ "经理和财务总监", "the team lead and the CFO": each person who must approve, in order."""
    if _ADDRESS.search(approver) or _HANDLE.search(approver):
        return [approver]
    parts = [re.sub(r"^(?:the|my|our)\s+", "", p.strip(), flags=re.I) for p in _AND.split(approver)]
    return [p for p in parts if p] or [approver]


def _zh_role(text: str) -> str:
    m = _ZH_APPROVE.search(text)
    # "要经理和财务总监都审批通过": the asking words end where the outcome was cut off
    before = re.split(r"[，,。；;！？]", text[: m.start() if m else len(text)])[-1]
    asks = list(_ZH_ASK.finditer(before))
    if not asks:
        return ""
    who = _ZH_NOISE.sub("", before[asks[-1].end() :])
    return who if _ZH_ROLE.match(who) else ""


def _asking_words(phrase: str) -> str:
    """``phrase`` up to where an outcome of the approval is said."""
    cut = [
        m.start() for rx in (lx.APPROVAL_OK, lx.APPROVAL_REJECT) for m in [rx.search(phrase)] if m
    ]
    return phrase[: min(cut)] if cut else phrase
