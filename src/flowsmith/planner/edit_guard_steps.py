"""What the words of a conditional edit's action name: existing steps (by service, kind or
the words of their names) and new steps (services from the catalog, core email/SMS steps).

Invariants: an existing step is named as a subject (``app:<app>``, a ``vocab.SUBJECTS`` key,
``node:<id>``); a new one as a spec (``app:<app>/<resource>/<operation>[?k=v]``,
``action:<kind>[:<target>]``, ``approval:<channel>``); a trigger is never an existing step
an action names; a core send (email, SMS) said with its verb when the workflow has no step of
that kind is a new step, whatever step its object words ("the summary") name. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_read
from flowsmith.planner import edit_words as w
from flowsmith.planner import graph as g
from flowsmith.planner import lexicon as lx
from flowsmith.planner import vocab as v
from flowsmith.planner.edit_step_names import by_name
from flowsmith.planner.text import rx

# "another email", "再发一封": a new step even when one of its kind exists
_MORE = rx(r"\b(?:also|too|another|as well|additional|extra|second)\b|再|也|另外|额外|另一")
_MAIL = rx(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_ADDRESS = rx(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|https?://\S+")
_RECEIVE = rx(r"\b(?:should |will |would )?gets?\s+(?=(?:a|an|the)\b)")
# "除了发短信，也…", "besides the SMS, …": what stays as it is, not a step to add
_BESIDES = rx(r"除了[^，,。；;]*[，,]?|\b(?:besides|in addition to|apart from)\b[^,;]*,?")
# "email me that there was no data", "发邮件告诉我没有数据": what the message says, whose
# words do not name a step ("data" is not "Post data")
_CONTENT = rx(
    r"\s(?:that|saying|to say|telling (?:me|us|them)|with the (?:text|message|words))\s|"
    r"告诉|说明?|提醒(?:我|他们|对方)"
)


# "respond with 403", "reply with a 422", "a 409 response", "返回409": the webhook's answer
_REPLY = rx(
    r"\b(?:respond|reply|return|answer)\w*\s+(?:with\s+)?(?:an?\s+|the\s+)?"
    r"(?:http\s+|status\s+(?:code\s+)?)?(?P<code>[1-5]\d\d)(?!\d)|"
    r"(?<!\d)(?P<code2>[1-5]\d\d)\s+(?:response|reply|status|error)\b|"
    r"(?:返回|回复|响应|回)\s*(?:状态码|http|错误)?\s*(?P<zcode>[1-5]\d\d)(?!\d)"
)
# "don't save anything", "什么都别存": every step the items reach, not one named step
_EVERYTHING = rx(r"\b(?:anything|everything|any of it|nothing)\b|什么|任何|全部|所有")


# "don't save them or add them to Mailchimp", "别存进数据库也别加到…": one denied step each
_DENIED_SEP = rx(r"\s+(?:or|and|nor)\s+|[,，;；、]\s*|也|或者?|并且|而且")
# "save them", "insert it", "存进数据库", "重复插入": storing the item, no service said
_STORE = rx(
    r"^\s*(?:(?:don'?t|do not|never|not)\s+)?(?:save|store|record|insert|log|keep|write)\b|"
    r"^\s*(?:也?(?:不要|别|不用|不)?(?:再|重复)?)(?:存|保存|插入|记录|写入|入库|录入)"
)


def stored_steps(words: str, current: Workflow) -> list[str]:
    """The record steps (a sink that sends nobody a message) a denied part that stores the
    item without naming where ("save them", "存进数据库") means, ``node:<id>`` each, when
    that part names no step itself; else ``[]``."""
    out: list[str] = []
    for part in _DENIED_SEP.split(words):
        if not _STORE.search(part) or ec.mentions(part.lower()):
            continue
        out += [f"node:{x.id}" for x in g.ordered(current) if _records(x)]
    return list(dict.fromkeys(out))


# a step that stores the item though no catalog operation says so ("insert into users …")
_STORES = rx(r"\b(?:insert|save|store|record|append|upsert)\b|\binto\b")


def _records(node: Node) -> bool:
    """Whether ``node`` keeps the item somewhere (a row, a record) and messages no one."""
    if node.type not in (NodeFamily.ACTION, NodeFamily.EXTERNAL_ACTION) or eg.notifies(node):
        return False
    if node.subtype == "webhook_response":
        return False
    said = f"{node.name} {node.parameters.get('operation', '')} {node.parameters.get('query', '')}"
    return node.subtype in g.SINK_SUBTYPES or _STORES.search(said) is not None


def reply_spec(words: str, current: Workflow) -> list[str]:
    """``["reply:<status>"]`` when ``words`` ask for an answer with a status code and the
    workflow starts on a webhook (the one start a reply answers); else ``[]``."""
    if not any(x.subtype == "webhook_trigger" for x in current.nodes):
        return []
    m = _REPLY.search(words)
    return [f"reply:{m.group('code') or m.group('code2') or m.group('zcode')}"] if m else []


def head_steps(words: str, current: Workflow) -> list[str]:
    """The steps right after the start when ``words`` deny everything ("don't save
    anything"): one check in front of them keeps the items from every step; else ``[]``."""
    if not _EVERYTHING.search(words):
        return []
    starts = [x for x in current.nodes if x.type == NodeFamily.TRIGGER]
    return [
        f"node:{c.to_node}"
        for t in starts
        for c in g.outgoing(current, t.id)
        if (x := current.node(c.to_node)) is not None and x.type != NodeFamily.TRIGGER
    ]


def op_steps(words: str, current: Workflow) -> list[str]:
    """Steps named by a distinctive operation verb alone ("don't upload anything", "别上传"):
    the nodes whose operation is that key. Only the specific write keys (upload, append, …)
    count: "create" or "send" name too many steps to pick one by."""
    low = words.lower()
    said = [
        k
        for k in lx.SPECIFIC_WRITE_KEYS
        if re.search(rf"\b{k}", low) or (k in lx.ZH_KEY_WORDS and lx.ZH_KEY_WORDS[k].search(low))
    ]
    return [
        f"node:{x.id}"
        for x in current.nodes
        if x.type != NodeFamily.TRIGGER and str(x.parameters.get("operation", "")).lower() in said
    ]


def like(new_words: str, current: Workflow) -> list[str]:
    """The existing result step a new one said with a bare "instead" takes over: the one of
    its kind (a message for a message, a record for a record)."""
    hits = ec.mentions(new_words.lower())
    spec = ec.app(hits[0].app) if hits else None
    if spec is None:
        return []
    resource = ec.choose(spec, ec.refine(hits[0], new_words.lower()).resource, None, "create")[0]
    notify = spec.category == "messaging" or eg.resource_notifies(resource)
    olds = eg.replaceable(current, spec.category, notify)
    if not olds or eg.notifies(olds[0]) != notify:
        return []
    return [f"node:{olds[0].id}"]


def steps_in(words: str, current: Workflow) -> tuple[list[str], list[str]]:
    """(subjects of existing steps, specs of new steps) the words of an action name."""
    if not words.strip():
        return [], []
    said = _RECEIVE.sub("send ", _BESIDES.sub(" ", words.lower()))
    low = _ADDRESS.sub(lambda m: " " * len(m.group(0)), said)  # "x.com" in an address
    approval = v.APPROVAL.search(low) is not None
    existing: list[str] = []
    new: list[str] = []
    more = _MORE.search(low) is not None  # "also post bugs to Slack": one more Slack step
    for hit in ec.mentions(low):
        subject = f"app:{hit.app}"
        if not more and any(x.type != NodeFamily.TRIGGER for x in eg.find(current, subject)):
            existing.append(subject)
            continue
        if approval:
            continue  # "approve it in Slack": the approval's channel
        spec = ec.app(hit.app)
        assert spec is not None
        refined = ec.refine(hit, low)
        verb = ec.verb_in(low[: hit.start]) or ec.verb_in(low) or "create"
        resource, operation = ec.choose(spec, refined.resource, refined.operation, verb)
        values = ec.values_in(said, 0, spec.operation(resource, operation))
        new.append(f"app:{hit.app}/{resource}/{operation}{values}")
    if approval:
        if eg.find(current, "approval"):
            existing.append("approval")
        else:
            new.append("approval:" + ("slack" if re.search(r"slack", low) else "email"))
    if not existing and not new:
        # "email the summary to ceo@x.io" on a flow with no email step: the email is new and
        # "the summary" is what it sends, not the summariser step (nor one named so)
        new = [x for x in _action(said) if not eg.find(current, _kind(x))]
    if not existing and not new and not _MORE.search(low):
        # "…时才发邮件": a step the workflow has, named by its kind
        kinds = [x.subject for x in edit_read.named(low) if not x.subject.startswith("app:")]
        existing = [x for x in kinds if x not in ("wait", "condition") and eg.find(current, x)]
    if not existing and not new:
        existing = by_name(_CONTENT.split(low, maxsplit=1)[0], current)
    if not existing and not new:
        new = _action(said)
    if not existing and not new:
        # "只有状态是open的行才保存": a bare verb names the result steps doing it
        verbed = eg.by_verb(current, low)
        # "only text if it's still firing": texting is the SMS among the steps that send
        texts = [x for x in verbed if x in eg.find(current, "sms")] if _TEXTS.search(low) else []
        existing = [f"node:{x.id}" for x in texts or verbed]
    return existing, new


_TEXTS = re.compile(r"\btext(?:s|ed|ing)?\b(?!\s+(?:field|body|content))|发短信|短信")


def _kind(spec: str) -> str:
    """The step kind (a ``vocab.SUBJECTS`` key) an ``action:<kind>[:<target>]`` spec adds."""
    return spec.split(":")[1]


def _action(low: str) -> list[str]:
    """A core step named without a service: "forward them to me@x.io", "text me"."""
    mail = _MAIL.search(low)
    if mail or re.search(r"\bforward\b|\be-?mail\b|邮件|转发", low):
        return ["action:email" + (f":{mail.group(0)}" if mail else "")]
    if v.ACTIONS["sms"].search(low):
        return ["action:sms"]
    return []


_CHANNEL = rx(r"(?<![a-z0-9_&])#[a-z0-9_][a-z0-9_-]*")


def channel_move(words: str, current: Workflow) -> tuple[list[str], list[str]] | None:
    """ "VIP orders should go to #vip instead of #orders", "…改发到#vip": (the existing step
    posting to another channel, a new step of its service posting to the channel said), when
    the words name a channel no step uses and no service; None otherwise (or when "also"
    asks for one more step rather than a move)."""
    low = words.lower()
    if ec.mentions(low) or _MORE.search(re.sub(r"(?:别|不|不要|不用)再", " ", low)):
        return None  # "别再发到#orders" is no "also"
    keys = w.PARAM_KEYS["channel"]
    posting = [
        (x, str(x.parameters[k]).lower())
        for x in g.ordered(current)
        for k in keys
        if k in x.parameters and node_service(x) is not None
    ]
    used = {chan for _, chan in posting}
    said = [m.group(0) for m in _CHANNEL.finditer(low)]
    new = [c for c in said if c not in used]
    named = [x for x, chan in posting if chan in said]
    olds = named or [x for x, _ in posting]
    if len(new) != 1 or len({x.id for x in olds}) != 1:
        return None
    old = olds[0]
    op = node_service(old)
    assert op is not None
    spec = f"app:{op.app}/{op.resource}/{op.operation}?channel={new[0]}"
    return [f"node:{old.id}"], [spec]
