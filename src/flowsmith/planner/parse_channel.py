"""Where a message goes when the clause names no channel: a reply after a message trigger goes
back on the trigger's channel ("病人在WhatsApp上发消息 … 不是就自动回复门诊时间"), and a notice
sent to a person ("send a payment reminder to every client", "给预约人发一条确认通知") is an
email. Words and the catalog only; no service is named here.
"""

from __future__ import annotations

import re

from flowsmith.planner.op_choice import is_message
from flowsmith.planner.parse_context import Context

# people an item names (who booked, bought, applied): a message to them goes by email
_PERSON_EN = (
    # "atendee": the doubled letter is often left out
    r"(?:at{1,2}end{1,2}ee|guest|customer|client|buyer|applicant|candidate|participant|registrant|"
    r"invitee|patient|student|booker|subscriber|signee|requester|"
    # a person by their role at work: "forward it to the lawyer on the case"
    r"lawyer|attorney|accountant|editor|manager|owner|teacher|doctor|recruiter|assistant)s?\b"
)
_PERSON_ZH = (
    r"(?:参会人|参会者|预约人|客户|买家|申请人|候选人|学员|嘉宾|病人|患者|报名者|报名人|"
    r"下单人|对方|"
    # a person by their role ("负责律师", "财务会计", "责任编辑", "店长"): a word ending in a
    # role's last character, right before the clause ends or an address
    r"[\u4e00-\u9fff]{0,4}?(?:师|员|长|编辑|会计|顾问|助理|秘书|主管|经理|总监|老板)"
    r"(?=\s*(?:$|[，,。；;.!！]|__mail\d+__|[a-z0-9._-]+@)))"
)

# a notice to a person, no channel said: "send a payment reminder to every client", "send a
# confirmation to the attendee", "send a payment reminder" (the person cut off as a
# condition), "给每个客户发一个付款提醒", "给预约人发一条确认通知"
_NOTICE_TO_PERSON = re.compile(
    r"\b(?:send|sends|sending|email|mail)\s+(?:(?:a|an|the|them|him|her|each|every)\s+)?"
    r"(?:[\w'-]+\s+){0,2}?"
    r"(?:reminder|confirmation|notice|thank-you(?: note)?|follow-up|receipt|invitation)s?"
    r"(?:\s+to\s+(?!(?:the\s+|our\s+|a\s+)?#)|\s*$)|"
    r"给[^，,。；;]{1,10}?发(?:一|个|条|封|份)?[^，,。；;]{0,6}?"
    r"(?:提醒|确认通知|确认|通知|回执|催款单|感谢信)|"
    # anything sent to a person the item names: "send the link to the attendee", "把会议链接
    # 发给预约人"; no channel said, so an email
    r"\b(?:send|sends|sending|e-?mail|mail|forward|forwards)\s+(?:[\w'-]+\s+){0,4}?to\s+"
    r"(?:the\s+|each\s+|every\s+|our\s+|that\s+)?" + _PERSON_EN + r"|"
    r"(?:发给|发送给|寄给|转发给|转给)\s*(?:这位|该|对应的|每个|每位|负责的?)?" + _PERSON_ZH,
    re.IGNORECASE,
)


def notice_to_person(text: str) -> bool:
    """Whether the clause sends a notice (a reminder, a confirmation) to a person."""
    return _NOTICE_TO_PERSON.search(text) is not None


def chat_trigger(ctx: Context) -> str | None:
    """The trigger's app when it is a channel messages come in on and go out of (its catalog
    entry has a message resource), so a reply goes back there; else None."""
    app = ctx.index.apps.get(ctx.trigger_app or "")
    if app is None or ctx.trigger_kind != "app_event":
        return None
    return app.app if any(is_message(r, res.names) for r, res in app.resources.items()) else None


# a message sent to someone for them to check by hand, ending the clause: "发邮件给前台
# front@… 人工确认", "发邮件给 hr@… 让人事人工审核", "email it to desk@… for a manual review"
_REVIEW_ASKED = re.compile(
    r"(?:发|寄)\s*(?:一封|封)?\s*(?:邮件|e-?mail)\s*给[^，,。；;]{1,40}?(?:让|请|由)?"
    r"[^，,。；;\s]{0,6}?(?:人工确认|人工审核)\s*[。.!！]?\s*$|"
    # "给前台 front@… 人工确认" once a case cut "发邮件" off: an address says the email
    r"^\s*给[^，,。；;]{0,20}?__mail\d+__\s*(?:让|请|由)?[^，,。；;\s]{0,6}?"
    r"(?:人工确认|人工审核)\s*[。.!！]?\s*$|"
    r"\be-?mail\w*\s+(?:[\w'-]+\s+){0,3}?to\s+[^,.;]{1,60}?\s+for\s+(?:a\s+)?"
    r"(?:manual|human)\s+(?:review|check|confirmation)\s*[.!]?\s*$",
    re.IGNORECASE,
)


def review_asked(text: str, ctx: Context) -> bool:
    """Whether the clause's approval words only say what the person an email goes to does
    with it ("发邮件给前台…人工确认"), so the step is the email: no later step waits on an
    answer (the request says nothing of an approval's outcome)."""
    return not ctx.gated and _REVIEW_ASKED.search(text) is not None
