"""A heading that names the items a flow handles, closed by a colon, as its start:
"github issues in acme/app: label bug -> …", "Emails coming into orders@shop.io: when …",
"GitHub仓库acme/app的issue：标签是bug就…", "发到orders@shop.io的邮件：…".

Invariants: only the request's first clause counts, and only when it ends on a colon (not
the colon of an address such as "https://"), says no verb of a step, names items in the
plural (English) or an item noun (Chinese), and names an app or mail; the text after the
colon must say no schedule (then the heading is where the data comes from, not the start).
The function only splits; the caller decides whether the words name a start. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.parse_context import Context
from flowsmith.planner.parse_run_time import says_run_time

__all__ = ["heading_clause"]

# the items a heading names: "issues", "emails", "new HubSpot contacts", "pull requests"
_ITEMS_EN = (
    r"(?:e-?mails|mails|messages|issues|tickets|orders|contacts|leads|deals|submissions|"
    r"responses|payments|charges|comments|pull\s+requests|PRs|posts|reviews|sign-?ups|"
    r"bookings|invoices|tasks|cards|events|alerts|errors|applications|entries|replies|"
    r"mentions|subscribers|customers|users)"
)
# "github issues in acme/app", "Emails coming into orders@x.io", "new Shopify orders from
# the EU store": the items, then where they come from
_HEADING_EN = re.compile(
    # a dot only inside a word ("orders@x.io"): a full stop ends the first clause
    r"^\s*(?P<body>(?:(?:all|any|every|new|incoming)\s+)*(?:[\w@/'-]+(?:\.[\w@/'-]+)*\s+){0,3}?"
    rf"{_ITEMS_EN}\b(?:\s+(?:coming|arriving|landing|that\s+come|that\s+arrive|sent|posted|"
    r"opened|created|filed)(?:\s+in)?)?(?:\s+(?:in|into|to|at|on|from|for)\s+[^\s,;:!?]+"
    r"(?:\s+[^\s,;:!?]+){0,3}?)?)\s*:(?!//)\s*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
# "GitHub仓库acme/app的issue：", "发到orders@x.io的邮件：", "Shopify的新订单：": the items,
# after what they belong to
_HEADING_ZH = re.compile(
    r"^\s*(?P<body>[^，,。；;：:！？!?]{1,40}?的?(?:新的?)?(?:issues?|邮件|工单|订单|消息|评论|"
    r"提交|表单提交|回复|联系人|线索|付款|预订|申请|告警|帖子|PR|拉取请求))\s*[：:]\s*"
    r"(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
# a heading that opens with an instruction is a step ("Send these emails: …", "把邮件：")
_STEP_LEAD = re.compile(
    r"^\s*(?:please|send|post|add|create|make|forward|copy|move|put|log|save|sort|route|"
    r"handle|process|check|watch|monitor|read|get|fetch|pull|请|把|将|帮我|每|如果|当)",
    re.IGNORECASE,
)


def _says_schedule(text: str) -> bool:
    return says_run_time(text)  # a window of hours said for the actions is no run time


def heading_clause(text: str, ctx: Context) -> tuple[str, str] | None:
    """(the heading's words, the text after its colon), or None."""
    m = _HEADING_EN.match(text) or _HEADING_ZH.match(text)
    if m is None or _STEP_LEAD.match(m.group("body")) or _says_schedule(m.group("rest")):
        return None
    body = m.group("body")
    if any(p.match(body.strip()) for p in (lx.CREATE_VERB, lx.UPDATE_VERB, lx.DELETE_VERB)):
        return None
    mentions = [x for x in ctx.index.mentions(body, implicit=False) if x.app is not None]
    if not mentions and not lx.EMAIL_WORD.search(body) and "@" not in body:
        return None
    if m.re is _HEADING_EN and not _opens_with_items(body, mentions[0].start if mentions else -1):
        return None
    return body, m.group("rest")


_LEAD_EN = re.compile(r"^\s*(?:(?:all|any|every|new|incoming|our|the|my)\s+)*", re.IGNORECASE)
_ITEMS_FIRST = re.compile(rf"{_ITEMS_EN}\b", re.IGNORECASE)


def _opens_with_items(body: str, app_at: int) -> bool:
    """The heading is a noun phrase: after its determiners it opens with the app or the
    items ("github issues", "Emails coming …"), never with a verb ("classify incoming
    emails: …" is a step)."""
    at = _LEAD_EN.match(body)
    start = at.end() if at else 0
    return app_at == start or _ITEMS_FIRST.match(body, start) is not None
