"""The create path's transform keys: "dedupe them by email", "按邮箱去重" name the field a
transform works on; the word "email" there is a field of the items, not an email to send.
A channel said with "by" ("notify me by email") still sends one.

Sentences of our own, over several apps and both languages.
"""

from __future__ import annotations

import pytest

from flowsmith.planner.frame import CoreStep, Frame, ServiceStep, Transform, walk
from flowsmith.planner.parse import parse_request


def kinds(f: Frame) -> list[str]:
    """Each step as its app, core service or transform kind, in order."""
    out: list[str] = []
    for s in walk(f.steps):
        if isinstance(s, ServiceStep):
            out.append(s.app or "http")
        elif isinstance(s, CoreStep):
            out.append(s.subtype)
        elif isinstance(s, Transform):
            out.append(s.kind)
    return out


KEYED = [
    (
        "Every week, list new Salesforce leads, dedupe them by email, and add them to Mailchimp",
        ["salesforce", "dedupe", "mailchimp"],
    ),
    ("每周从 HubSpot 读取联系人，按邮箱去重，然后加到 Brevo", ["hubspot", "dedupe", "brevo"]),
    (
        "Every day get the Typeform responses, remove duplicates by email and save them to "
        "Airtable",
        ["typeform", "dedupe", "airtable"],
    ),
    (
        "每天读取 Airtable 的记录，根据邮箱地址去重后写入 Google Sheets",
        ["airtable", "dedupe", "google_sheets"],
    ),
]


@pytest.mark.parametrize(("text", "steps"), KEYED)
def test_email_as_a_transform_key_sends_nothing(text: str, steps: list[str]) -> None:
    f = parse_request(text)
    assert f is not None
    assert kinds(f) == steps


def test_a_channel_said_with_by_still_sends() -> None:
    f = parse_request("Every day list Stripe customers and notify me by email")
    assert f is not None
    assert kinds(f) == ["stripe", "send_email"]
