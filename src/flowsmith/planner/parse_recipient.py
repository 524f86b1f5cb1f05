"""Who an email goes to when the request names a person, not an address.

"send them a welcome email", "new customers get a welcome email", "the person should get a
confirmation email", "reply asking the sender to …", "会员会收到一封感谢邮件",
"提交人要收到确认邮件", "回复发件人": the recipient is the item's own address (the sender's
for a reply to an email), an expression, never the placeholder inbox.
"""

from __future__ import annotations

import re

# the person an item is about: "them", "the customer", "提交人" (the email goes to them)
_PERSON = re.compile(
    r"\b(?:send|email|mail|message|notify|thank|welcome)\w*\s+(?:them|him|her|each\s+\w+)\b|"
    r"\b(?:they|he|she|them|the\s+(?:new\s+)?(?:person|customer|user|member|subscriber|lead|"
    r"contact|attendee|applicant|buyer|client|invitee|guest|respondent|signup|registrant)s?|"
    r"(?:new\s+)?(?:customers|users|members|subscribers|leads|attendees|applicants|buyers|"
    r"signups|registrants))\s+(?:should\s+|will\s+|must\s+|to\s+)?(?:get|gets|receive|receives)\b|"
    r"\bto\s+(?:the\s+)?(?:person|customer|user|member|subscriber|lead|contact|attendee|"
    r"applicant|buyer|invitee|guest|respondent)\b|"
    r"(?:给|向)?(?:提交人|填写人|报名人|报名者|会员|客户|用户|顾客|买家|联系人|申请人|参会者|对方|他们?|她们?)"
    r"(?:会|要|将|就)?(?:收到|发)",
    re.IGNORECASE,
)

# the sender of the email that started the flow: "reply to the sender", "回复发件人"
_SENDER = re.compile(
    r"\b(?:reply|respond|write\s+back|email)\w*\s+(?:to\s+)?(?:the\s+)?sender\b|"
    r"\basking\s+the\s+sender\b|\bthe\s+sender\s+(?:should\s+)?gets?\b|"
    r"(?:回复|回信给|回邮件给|发邮件给|通知)(?:发件人|来信人|寄件人)",
    re.IGNORECASE,
)

PERSON_EMAIL = "{{ $json.email }}"
SENDER_EMAIL = "{{ $json.from }}"


def person_recipient(text: str) -> str | None:
    """The expression an email step sends to when ``text`` names the person or the sender
    (never an address the text says: the caller prefers that)."""
    if _SENDER.search(text):
        return SENDER_EMAIL
    if _PERSON.search(text):
        return PERSON_EMAIL
    return None
