"""Human in the loop: approval by email or Slack (n8n's send-and-wait) and the review form.

n8n's send-and-wait nodes have one output; the exporter adds a decision Switch after them
(see ``convert._helper_params``) for our approved / rejected / timeout outputs.
"""

from __future__ import annotations

from flowsmith.n8n.expr import rl, rl_value
from flowsmith.n8n.nodes.base import Ctx, Params, Translator, as_list, get, ident, opt
from flowsmith.n8n.nodes.external import from_email, from_email_back

APPROVAL_OUTPUTS = ["approved", "rejected", "timeout"]
DECISION_FIELD = "Decision"
DECISION_VALUES = ("Approve", "Reject")


def _limit_wait(p: Params) -> Params:
    if "timeout_hours" not in p:
        return {}
    values = {
        "limitType": "afterTimeInterval",
        "resumeAmount": p["timeout_hours"],
        "resumeUnit": "hours",
    }
    return {"limitWaitTime": {"values": values}}


def _limit_wait_back(p: Params, out: Params) -> None:
    values = get(p, "options", "limitWaitTime", "values")
    if not isinstance(values, dict):
        return
    if values.get("limitType", "afterTimeInterval") != "afterTimeInterval":
        return
    amount = values.get("resumeAmount", 1)
    if isinstance(amount, int | float) and not isinstance(amount, bool):
        units = {"minutes": 1 / 60, "hours": 1, "days": 24}
        scale = units.get(values.get("resumeUnit", "hours"), 1)
        hours = amount * scale
        out["timeout_hours"] = int(hours) if float(hours).is_integer() else hours


_APPROVAL_BUTTONS = {"values": {"approvalType": "double"}}


def _approval_email_fwd(p: Params, c: Ctx) -> Params:
    return {
        "operation": "sendAndWait",
        "fromEmail": from_email(p, c),
        "toEmail": c.out(p.get("to", "")),
        "subject": c.out(p.get("subject", "")),
        "message": c.out(p.get("message", "")),
        "approvalOptions": _APPROVAL_BUTTONS,
        "options": _limit_wait(p),
    }


def _approval_email_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {
        "to": c.back(p.get("toEmail", "")),
        "subject": c.back(p.get("subject", "")),
        "message": c.back(p.get("message", "")),
    }
    from_email_back(p, c, out)
    _limit_wait_back(p, out)
    return out


def _approval_slack_fwd(p: Params, c: Ctx) -> Params:
    return {
        "operation": "sendAndWait",
        "select": "channel",
        "channelId": rl(c.out(p.get("channel", "")), "name"),
        "message": c.out(p.get("message", "")),
        "approvalOptions": _APPROVAL_BUTTONS,
        "options": _limit_wait(p),
    }


def _approval_slack_rev(p: Params, c: Ctx) -> Params | None:
    target = p.get("user") if p.get("select") == "user" else p.get("channelId", "")
    out: Params = {
        "channel": c.back(rl_value(target) or ""),
        "message": c.back(p.get("message", "")),
    }
    _limit_wait_back(p, out)
    return out


_FORM_TYPES = {"text", "number", "email", "textarea", "date", "dropdown", "checkbox"}


def _form_review_fwd(p: Params, c: Ctx) -> Params:
    fields: list[Params] = []
    for f in as_list(p.get("fields")):
        if not isinstance(f, dict):
            continue
        item: Params = {"fieldLabel": f.get("label", ""), "fieldType": f.get("type", "text")}
        if item["fieldType"] not in _FORM_TYPES:
            item["fieldType"] = "text"
        opt(f, "required", item, "requiredField", ident)
        if f.get("options"):
            item["fieldOptions"] = {"values": [{"option": o} for o in f["options"]]}
        fields.append(item)
    fields.append(
        {
            "fieldLabel": DECISION_FIELD,
            "fieldType": "dropdown",
            "requiredField": True,
            "fieldOptions": {"values": [{"option": v} for v in DECISION_VALUES]},
        }
    )
    options: Params = {"formTitle": c.out(p.get("title", ""))}
    opt(p, "instructions", options, "formDescription", c.out)
    out: Params = {"formFields": {"values": fields}, "options": options}
    if "timeout_hours" in p:
        out.update(
            {
                "limitWaitTime": True,
                "limitType": "afterTimeInterval",
                "resumeAmount": p["timeout_hours"],
                "resumeUnit": "hours",
            }
        )
    return out


def _approval_outputs(_: Params) -> list[str]:
    return ["approved"]


def _send_and_wait(p: Params) -> bool:
    return p.get("operation") == "sendAndWait" and p.get("responseType", "approval") == "approval"


TABLE = [
    Translator(
        "approval_email",
        _approval_email_fwd,
        _approval_email_rev,
        min_version=2.1,
        accepts=_send_and_wait,
        outputs=_approval_outputs,
        webhook=True,
    ),
    Translator(
        "approval_slack",
        _approval_slack_fwd,
        _approval_slack_rev,
        min_version=2.3,
        accepts=_send_and_wait,
        outputs=_approval_outputs,
        webhook=True,
    ),
    Translator("form_review", _form_review_fwd, outputs=_approval_outputs, webhook=True),
]
