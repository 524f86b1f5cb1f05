"""Finding the steps an edit names and the place a new or moved step goes.

Subjects are strings: ``end`` (the last step), ``loop:first`` (the first step of a loop's
body), ``node:<id>``, ``app:<app>[/<resource>]``
(by the service operation a node performs), ``name:<words>`` (a node's own name), a
``vocab.SUBJECTS`` key or ``store:<key>``; ``a|b`` means either. Places are ``after``,
``before``, ``beside`` (fed from where the anchor is fed), ``loop`` (at the end of a loop's
body), ``otherwise`` (on an IF's false output or a switch's fallback) and ``approved`` /
``rejected`` (on that output of the approval step); ``None`` means
beside the existing notifications.
Functions mutate the workflow they are given (``apply_edits`` passes a private copy).
"""

from __future__ import annotations

import re

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_words as w
from flowsmith.planner import graph as g
from flowsmith.planner import vocab as v

_BRANCHING = {"if": "false", "switch": "fallback", "filter": None}
_FIELD = re.compile(r"\$json(?:\.(\w+)|\[\"([^\"]+)\"\])")


def find(wf: Workflow, subject: str | None) -> list[Node]:
    """The nodes ``subject`` names, in flow order, each once."""
    if not subject:
        return []
    found: list[Node] = []
    for alt in subject.split("|"):
        for node in _find_one(wf, alt.strip()):
            if node not in found:
                found.append(node)
    order = {x.id: i for i, x in enumerate(g.ordered(wf))}
    return sorted(found, key=lambda x: order.get(x.id, 0))


def _find_one(wf: Workflow, subject: str) -> list[Node]:
    if subject == "loop:first":
        body = [b for x in loops(wf) for b in body_of(wf, x)]
        return body[:1]
    if subject == "start":
        # "first thing, …": the trigger (the new step goes right after it)
        return [x for x in g.ordered(wf) if x.type == NodeFamily.TRIGGER][:1]
    if subject == "end":
        # "when it is done": the last connected step of the flow (not a node being placed)
        ends = [x for x in g.ordered(wf) if g.incoming(wf, x.id) and not g.outgoing(wf, x.id)]
        return ends[-1:]
    if subject.startswith("node:"):
        node = wf.node(subject.removeprefix("node:"))
        return [node] if node else []
    if subject.startswith("app:"):
        app, resource, _ = ec.parse_step(subject)
        return [x for x in g.ordered(wf) if ec.performs(x, app, resource)] or (
            [x for x in g.ordered(wf) if ec.performs(x, app)] if resource else []
        )
    if subject.startswith("words:"):
        return _by_words(wf, subject.removeprefix("words:"))
    if subject.startswith("name:"):
        words = subject.removeprefix("name:").lower()
        return [x for x in g.ordered(wf) if words and words in x.name.lower()]
    legacy = g.matching(wf, subject)
    entry = v.SUBJECTS.get(subject)
    if not legacy and entry is not None and _is_ai_kind(entry[1]):
        # "翻译这一步", "the analysis step" on a workflow whose AI step is a service's ask
        # (an OpenAI prompt): that ask is the step, not nothing
        return ai_asks(wf)
    if subject == "email":
        # "感谢邮件还是人人都发" after the email moved to Mailgun: a service's email is the email
        legacy += [x for x in g.ordered(wf) if x not in legacy and _sends_mail(x)]
    if entry is None or subject not in v.ACTION_SUBJECT.values():
        return legacy
    # an older destination key ("slack") also means the app nodes of the apps so named
    apps = {a.app for a in load_catalog().apps if any(entry[0].search(x) for x in a.names.all())}
    return legacy + [x for x in g.ordered(wf) if x not in legacy and _app_of(x) in apps]


_STOP = frozenset({"the", "a", "an", "it", "them", "to", "of", "in", "on", "and", "step", "node"})


def _stem(word: str) -> str:
    word = re.sub(r"(?<=[a-z]{3})(?:ing|ed|es|s|e)$", "", word)
    return re.sub(r"([a-z])\1$", r"\1", word)  # "logg" -> "log"


def _word_set(text: str) -> set[str]:
    """Stemmed Latin words and Chinese character pairs ("合同登记" -> 合同, 同登, 登记)."""
    low = text.lower()
    out = {_stem(x) for x in re.findall(r"[a-z0-9]{2,}", low) if x not in _STOP}
    for run in re.findall(r"[\u4e00-\u9fff]{2,}", low):
        out |= {run[i : i + 2] for i in range(len(run) - 1)}
    return out


def _is_ai_kind(subtypes: frozenset[str]) -> bool:
    """Whether a step kind's subtypes are all AI steps (analysis, summary, classifier …)."""
    cat = load_catalog()
    families = {(spec.family if (spec := cat.get(x)) else None) for x in subtypes}
    return families == {NodeFamily.AI_AGENT}


def ai_asks(wf: Workflow) -> list[Node]:
    """The AI service steps that ask a model something (an operation in no verb group, such
    as OpenAI's text response), in flow order."""
    found = []
    for node in g.ordered(wf):
        op = node_service(node)
        spec = ec.app(op.app) if op is not None else None
        if op is not None and spec is not None and spec.category == "ai" and not op.verbs():
            found.append(node)
    return found


def named_by_words(wf: Workflow, words: str) -> list[Node]:
    """The steps whose names share words with ``words`` (no fallback to the verb)."""
    return _by_words(wf, words, by_verb=False)


def _by_words(wf: Workflow, words: str, by_verb: bool = True) -> list[Node]:
    """The steps whose names share the most (stemmed) words with ``words``; when none
    does, the steps doing what the words' verb says (recording vs sending a message)."""
    said = _word_set(words)
    best: list[Node] = []
    top = 0
    for node in g.ordered(wf):
        if node.type == NodeFamily.TRIGGER:
            continue
        shared = len(said & _word_set(node.name))
        if shared > top:
            best, top = [], shared
        if shared and shared == top:
            best.append(node)
    return best or (_by_verb(wf, words) if by_verb else [])


def by_verb(wf: Workflow, words: str) -> list[Node]:
    """The result steps doing what the words' verb alone says ("只有…才保存")."""
    return _by_verb(wf, words)


def _by_verb(wf: Workflow, words: str) -> list[Node]:
    """ "合同登记后", "before posting": the result steps that record (or send) things."""
    record = w.RECORD_VERB.search(words) is not None
    send = w.SEND_VERB.search(words) is not None
    if record == send:
        return []
    return [x for x in sinks(wf) if notifies(x) == send]


_MAIL_RESOURCE = re.compile(r"^(?:e-?)?mails?$", re.IGNORECASE)


def _sends_mail(node: Node) -> bool:
    """Whether ``node`` is a service's email send (Mailgun's "email", SendGrid's "mail")."""
    op = node_service(node)
    return op is not None and not op.trigger and mail_resource(op.resource)


def mail_resource(resource: str | None) -> bool:
    """Whether a service's resource is an email (Mailgun's "email", SendGrid's "mail")."""
    return bool(_MAIL_RESOURCE.match(resource or ""))


def _app_of(node: Node) -> str | None:
    op = node_service(node)
    return op.app if op is not None and not op.trigger else None


def sinks(wf: Workflow) -> list[Node]:
    """Steps where results leave the workflow (messages, records), in flow order."""
    return [
        x
        for x in g.ordered(wf)
        if x.type != NodeFamily.TRIGGER and (x.subtype in g.SINK_SUBTYPES or ec.writes(x))
    ]


_MESSAGE_RESOURCE = re.compile(r"message|mail|sms|chat|notification", re.IGNORECASE)
_MESSAGE_SUBTYPES = frozenset({"send_email", "gmail_send", "twilio_sms"})


def notifies(node: Node) -> bool:
    """Whether ``node`` sends someone a message (chat, email, SMS), not records data."""
    if node.subtype in _MESSAGE_SUBTYPES:
        return True
    op = node_service(node)
    if op is None or op.trigger:
        return False
    return _category(node) == "messaging" or resource_notifies(op.resource)


def resource_notifies(resource: str | None) -> bool:
    """Whether a resource of an app is a message ("channelMessage", "email", "sms")."""
    return bool(resource and _MESSAGE_RESOURCE.search(resource))


_AI_CATEGORY = "ai"  # the catalog category of the AI services (openai, anthropic, …)


def replaceable(wf: Workflow, category: str | None, notify: bool) -> list[Node]:
    """The result steps a replacement that names no old step may mean, best first: those
    that send a message when the new step does (records when it records), of the new
    service's category first. A step of that category before the end ("把查询换成MySQL" on
    a query feeding a message) comes before a result step of another category."""
    ends = sorted(sinks(wf), key=lambda x: (notifies(x) != notify, _category(x) != category))
    if category is None or any(_category(x) == category for x in ends):
        return ends
    inner = [x for x in g.ordered(wf) if x.type != NodeFamily.TRIGGER and x not in ends]
    return [x for x in inner if _category(x) == category] + ends


def _category(node: Node) -> str | None:
    op = node_service(node)
    if op is None and node.type == NodeFamily.AI_AGENT:
        # a core AI step (llm_chat, a classifier) does what an AI service's steps do, so
        # "打分这一步改用Claude" replaces it, not the record step after its check
        return _AI_CATEGORY
    app = load_catalog().app(op.app) if op else None
    if app is None and op is not None:
        app = next((a for a in load_catalog().apps if a.app == op.app), None)
    return app.category if app else None


def default_ends(wf: Workflow, like: str | None = None, notify: bool | None = None) -> list[g.End]:
    """Where a new result step goes when the user says nowhere: fed like the existing
    result step of its kind (a message beside messages, a record beside records; of the
    ``like`` category first), else where ``graph.anchor`` says."""
    existing = sinks(wf)
    if like is not None or notify is not None:
        said = like == "messaging" if notify is None else notify
        existing = sorted(existing, key=lambda x: (notifies(x) != said, _category(x) != like))
    for sink in existing:
        ins = g.incoming(wf, sink.id)
        if ins:
            return [(c.from_node, c.from_output) for c in ins]
    return g.anchor(wf)


def body_of(wf: Workflow, loop: Node) -> list[Node]:
    """The nodes a loop runs per item: reached from its ``loop`` output without passing it."""
    seen: list[str] = []
    todo = [c.to_node for c in g.outgoing(wf, loop.id) if c.from_output == "loop"]
    while todo:
        cur = todo.pop(0)
        if cur == loop.id or cur in seen:
            continue
        seen.append(cur)
        todo += [c.to_node for c in g.outgoing(wf, cur)]
    return [x for x in g.ordered(wf) if x.id in seen]


def loops(wf: Workflow) -> list[Node]:
    return [x for x in g.ordered(wf) if x.subtype == "loop"]


def branch_nodes(wf: Workflow) -> list[Node]:
    return [x for x in g.ordered(wf) if x.subtype in ("if", "switch")]


def place(
    wf: Workflow, node: Node, where: str | None, anchors: list[Node], like: str | None = None
) -> str:
    """Wire ``node`` (already in ``wf.nodes``) into its place; returns the place's kind
    actually used (``after``, ``before``, ``beside``, ``loop``, ``otherwise``, ``default``)."""
    anchor = anchors[0] if anchors else None
    if where == "loop":
        loop = anchor if anchor is not None and anchor.subtype == "loop" else None
        loop = loop or next(iter(loops(wf)), None)
        if loop is not None:
            _into_loop(wf, loop, node)
            return "loop"
    if where in ("approved", "rejected"):
        gate = anchor if anchor is not None and anchor.subtype in g.APPROVALS else None
        gate = gate or next((x for x in g.ordered(wf) if x.subtype in g.APPROVALS), None)
        if gate is not None:
            g.connect(wf, gate.id, where, node.id)
            return where
    if where == "otherwise":
        branch = anchor if anchor is not None and anchor.subtype in ("if", "switch") else None
        branch = branch or _branch_above(wf, anchor) or next(reversed(branch_nodes(wf)), None)
        if branch is not None:
            g.connect(wf, branch.id, _BRANCHING[branch.subtype] or "main", node.id)
            return "otherwise"
    if anchor is not None and where == "after":
        _after(wf, anchor, node)
        return "after"
    if anchor is not None and where == "before":
        _before(wf, anchor, node)
        return "before"
    if anchor is not None and where == "beside":
        for c in g.incoming(wf, anchor.id):
            g.connect(wf, c.from_node, c.from_output, node.id, c.to_input)
        return "beside"
    if anchor is not None and where is None:
        # "post it to Teams too" said next to a step: on the same branch as it
        ins = g.incoming(wf, anchor.id)
        if ins:
            for c in ins:
                g.connect(wf, c.from_node, c.from_output, node.id, c.to_input)
            return "beside"
    for src, out in default_ends(wf, like, notifies(node)):
        if src != node.id:
            g.connect(wf, src, out, node.id)
    return "default"


def _branch_above(wf: Workflow, node: Node | None) -> Node | None:
    """The nearest IF/switch upstream of ``node`` (or of the first notification)."""
    start = node or next(iter(sinks(wf)), None)
    if start is None:
        return None
    seen: set[str] = set()
    todo = [start.id]
    while todo:
        cur = todo.pop(0)
        for c in g.incoming(wf, cur):
            if c.from_node in seen:
                continue
            seen.add(c.from_node)
            src = wf.node(c.from_node)
            if src is not None and src.subtype in ("if", "switch"):
                return src
            todo.append(c.from_node)
    return None


def _after(wf: Workflow, anchor: Node, node: Node) -> None:
    out = g.main_output(anchor)
    onward = [c for c in g.outgoing(wf, anchor.id) if c.from_output == out]
    wf.connections = [c for c in wf.connections if c not in onward]
    g.connect(wf, anchor.id, out, node.id)
    for c in onward:
        g.connect(wf, node.id, "main", c.to_node, c.to_input)


def _before(wf: Workflow, anchor: Node, node: Node) -> None:
    ins = g.incoming(wf, anchor.id)
    wf.connections = [c for c in wf.connections if c not in ins]
    for c in ins:
        g.connect(wf, c.from_node, c.from_output, node.id)
    g.connect(wf, node.id, "main", anchor.id)


def _into_loop(wf: Workflow, loop: Node, node: Node) -> None:
    body = {x.id for x in body_of(wf, loop)}
    back = [c for c in g.incoming(wf, loop.id) if c.from_node in body]
    if not back:
        starts = [c for c in g.outgoing(wf, loop.id) if c.from_output == "loop"]
        wf.connections = [c for c in wf.connections if c not in starts]
        g.connect(wf, loop.id, "loop", node.id)
        for c in starts:
            g.connect(wf, node.id, "main", c.to_node, c.to_input)
        if not starts:
            g.connect(wf, node.id, "main", loop.id)
        return
    wf.connections = [c for c in wf.connections if c not in back]
    for c in back:
        g.connect(wf, c.from_node, c.from_output, node.id)
    g.connect(wf, node.id, "main", loop.id)


def detach(wf: Workflow, node: Node) -> None:
    """Take ``node``'s connections away, wiring its predecessors to its successors; the node
    itself (id, name, parameters) stays."""
    ins, outs = g.incoming(wf, node.id), g.outgoing(wf, node.id)
    wf.connections = [c for c in wf.connections if node.id not in (c.from_node, c.to_node)]
    for i in ins:
        for o in outs:
            g.connect(wf, i.from_node, i.from_output, o.to_node, o.to_input)


def guarded(wf: Workflow, subject: str | None) -> list[Node]:
    """What an inserted approval/wait/condition/AI step goes in front of: the named nodes,
    else the result steps fed from the same place as the first one, else the last node."""
    named = find(wf, subject)
    if named:
        return named
    existing = sinks(wf)
    if not existing:
        last = g.tail(wf)
        return [last] if last is not None and last.type != NodeFamily.TRIGGER else []
    feed = _feed(wf, existing[0].id)
    return [x for x in existing if _feed(wf, x.id) == feed]


def _feed(wf: Workflow, node_id: str) -> set[g.End]:
    return {(c.from_node, c.from_output) for c in g.incoming(wf, node_id)}


def _produced(nodes: list[Node]) -> set[str]:
    """Item fields ``nodes`` add, from their catalog outputs ("sentiment", "category")."""
    out: set[str] = set()
    for node in nodes:
        spec = load_catalog().get(node.subtype)
        for output in spec.outputs.values() if spec is not None else []:
            out |= set((output.item_schema or {}).get("properties", {}))
    return out


def _tested(node: Node) -> set[str]:
    p = node.parameters
    exprs = [c.get("left") for c in p.get("conditions", []) if isinstance(c, dict)]
    if node.subtype == "switch":
        exprs = [p.get("field")]
    fields: set[str] = set()
    for expr in exprs:
        m = _FIELD.search(str(expr))
        fields.add((m.group(1) or m.group(2)) if m else "")
    return fields


def drop_orphan_checks(wf: Workflow, removed: list[Node]) -> list[Node]:
    """Remove the IF/switch nodes that only tested fields the ``removed`` steps produced
    (and no remaining step does): "no more sentiment analysis" drops its "negative?" check.
    What the check guarded now runs for every item. Returns the nodes dropped."""
    gone = _produced(removed) - _produced(wf.nodes)
    dropped: list[Node] = []
    for node in branch_nodes(wf):
        fields = _tested(node)
        if gone and fields and fields <= gone:
            g.remove_node(wf, node)
            dropped.append(node)
    return dropped


def rejected_only(wf: Workflow, approvals: list[Node]) -> list[Node]:
    """Steps only a removed approval's "rejected" output leads to ("tell the requester it was
    declined"): without the approval nothing is declined, so they go with it."""
    gone = {x.id for x in approvals}
    out: list[Node] = []
    todo = [
        c.to_node for x in approvals for c in g.outgoing(wf, x.id) if c.from_output == "rejected"
    ]
    while todo:
        node = wf.node(todo.pop(0))
        if node is None or node.id in gone:
            continue
        if any(c.from_node not in gone for c in g.incoming(wf, node.id)):
            continue  # also reached another way: it stays
        gone.add(node.id)
        out.append(node)
        todo += [c.to_node for c in g.outgoing(wf, node.id)]
    return out
