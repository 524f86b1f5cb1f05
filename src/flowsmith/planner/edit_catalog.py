"""Services in edit requests, read from the catalog: which app a phrase names, which of its
resources and operations, and the app node a new step becomes.

Every service word comes from ``load_catalog().apps`` (app names, resource and operation names,
both languages); the only fixed words are the verb groups of :mod:`edit_words`. A step is
written ``app:<app>[/<resource>[/<operation>]]``; an existing node is matched by the service
operation it performs (:func:`flowsmith.core.services.node_service`), so an older per-action
node (``slack_message``) is found as ``app:slack`` once its entry says ``alias_of``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.catalog.apps import App, Operation
from flowsmith.core.models import Node
from flowsmith.core.services import VERBS, node_service, verb_of
from flowsmith.planner import edit_words as w
from flowsmith.planner.text import Lang, in_quoted_name, pick, slug

_CJK = re.compile(r"[\u3400-\u9fff]")
_CHANNEL = re.compile(r"(?<![A-Za-z0-9_&])#[A-Za-z0-9_][A-Za-z0-9_-]*")
_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# "should get a Slack message": receiving, i.e. something is sent to them
_RECEIVE = re.compile(r"\bgets?(?=\s+(?:a|an)\s)", re.IGNORECASE)
_TEXT_KEYS = ("text", "message", "body", "content", "comment", "description", "note", "notes")
_TITLE_KEYS = ("summary", "title", "subject", "name", "headline")
# the recipient of a mail send under its names in the catalog (send_email's "to", Mailgun's
# and SendGrid's "to_email"): an email replaced by a service's send keeps its recipient
_TO_KEYS = ("to", "to_email", "recipient", "recipients")


@dataclass(frozen=True)
class Mention:
    """A service named in the text: ``low[start:end]`` names ``app`` (and maybe more)."""

    start: int
    end: int
    app: str
    resource: str | None = None
    operation: str | None = None

    @property
    def step(self) -> str:
        parts = [self.app, self.resource or "", self.operation or ""]
        return "app:" + "/".join(parts).rstrip("/")


def _word(name: str) -> str:
    body = re.escape(name).replace(r"\ ", r"\s*")
    if _CJK.search(name):
        return body
    return rf"(?<![a-z0-9]){body}(?![a-z0-9])"


def _names_rx(names: list[str]) -> re.Pattern[str] | None:
    names = sorted({x for x in names if x.strip()}, key=len, reverse=True)
    return re.compile("|".join(_word(x) for x in names)) if names else None


@dataclass(frozen=True)
class _AppWords:
    app: App
    names: re.Pattern[str] | None
    resources: dict[str, re.Pattern[str]]
    operations: dict[tuple[str, str], re.Pattern[str]]


_CACHE: dict[int, list[_AppWords]] = {}


def _vocab() -> list[_AppWords]:
    catalog = load_catalog()
    key = id(catalog)
    if key not in _CACHE:
        out: list[_AppWords] = []
        for app in catalog.apps:
            names = _names_rx([*app.names.all(), app.app.replace("_", " ")])
            resources: dict[str, re.Pattern[str]] = {}
            operations: dict[tuple[str, str], re.Pattern[str]] = {}
            for rkey, res in app.resources.items():
                rx_ = _names_rx(res.names.all())
                if rx_ is not None:
                    resources[rkey] = rx_
                for okey, op in res.operations.items():
                    orx = _names_rx(op.names.all())
                    if orx is not None:
                        operations[(rkey, okey)] = orx
            out.append(_AppWords(app, names, resources, operations))
        _CACHE.clear()
        _CACHE[key] = out
    return _CACHE[key]


def app(name: str) -> App | None:
    return next((a.app for a in _vocab() if a.app.app == name), None)


def mentions(low: str) -> list[Mention]:
    """Services named in ``low``, in order, longest name first where they overlap."""
    hits: list[tuple[int, int, str]] = []
    for words in _vocab():
        if words.names is None:
            continue
        for m in words.names.finditer(low):
            if m.end() > m.start() and not w.NOT_A_SERVICE_BEFORE.search(low[: m.start()]):
                if _carried_link(low, m.start(), m.end()):
                    continue  # "an email with a Calendly link": no Calendly step
                if _joined_name(low, m.start(), m.end()) or in_quoted_name(m.start(), m.end(), low):
                    continue  # "the bucket 'notion-archive'": a word of a name
                hits.append((m.start(), m.end(), words.app.app))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[Mention] = []
    for start, end, name in hits:
        if out and start < out[-1].end:
            continue
        out.append(Mention(start, end, name))
    return out


def _joined_name(low: str, start: int, end: int) -> bool:
    """Whether the name at ``low[start:end]`` is joined to another word by a hyphen or an
    underscore ("notion-archive", "slack_logs"): a word of a bucket's, channel's or file's
    name, no service."""
    before = low[max(0, start - 2) : start]
    after = low[end : end + 2]
    return bool(re.fullmatch(r"\w[-_]", before) or re.fullmatch(r"[-_]\w", after))


def _carried_link(low: str, start: int, end: int) -> bool:
    """Whether the name at ``low[start:end]`` is said as a link a message carries."""
    before = w.LINK_CARRIED_BEFORE.search(low[:start]) is not None
    return before and w.LINK_CARRIED_AFTER.search(low[end:]) is not None


def plausible(mention: Mention, low: str, raw: str, present: set[str]) -> bool:
    """Whether a mention is the service and not a common word ("add a line break", "the
    summary box"): a one-word Latin name counts when written capitalised, after a lead-in
    or a service verb, before one of the app's resources, in Chinese text, or when the
    workflow already uses that app. Longer and Chinese names always count."""
    word = low[mention.start : mention.end]
    if _CJK.search(word) or not word.isalpha() or len(word) > 8 or _CJK.search(low):
        return True
    if mention.app in present or raw[mention.start : mention.start + 1].isupper():
        return True
    if w.SERVICE_LEAD_IN.search(low[max(0, mention.start - 16) : mention.start]):
        return True
    after = low[mention.end : mention.end + 24].lstrip()
    words = next((a for a in _vocab() if a.app.app == mention.app), None)
    return words is not None and any(rx.match(after) is not None for rx in words.resources.values())


_INTO = re.compile(r"\b(?:to|into|in|onto)\s+(?:(?:our|the|my|a|an|their|your)\s+)?$")


def container_end(mention: Mention, low: str) -> int | None:
    """Where the resource word right after ``mention`` ends when the step puts something
    into it ("copy it to our S3 bucket", "upload it into the Box folder"): the place the
    thing goes, not the resource the step makes (None when the text says no such place)."""
    if _INTO.search(low[max(0, mention.start - 24) : mention.start]) is None:
        return None
    words = next((a for a in _vocab() if a.app.app == mention.app), None)
    after = low[mention.end : mention.end + 24]
    lead = len(after) - len(after.lstrip())
    for rx_ in words.resources.values() if words is not None else []:
        m = rx_.match(after, lead)
        if m is not None:
            return mention.end + m.end()
    return None


def refine(mention: Mention, clause: str) -> Mention:
    """The mention with the resource and operation ``clause`` names for its app, if any."""
    words = next((a for a in _vocab() if a.app.app == mention.app), None)
    if words is None:
        return mention
    for (rkey, okey), orx in words.operations.items():
        if orx.search(clause):
            return Mention(mention.start, mention.end, mention.app, rkey, okey)
    found = [
        (m.start(), rkey) for rkey, rx_ in words.resources.items() if (m := rx_.search(clause))
    ]
    resource = min(found)[1] if found else None
    return Mention(mention.start, mention.end, mention.app, resource)


def verb_in(text: str) -> str | None:
    """The verb group the words of ``text`` say, the last one before its end winning."""
    best: tuple[int, str] | None = None
    text = _RECEIVE.sub(lambda m: "send".ljust(len(m.group(0))), text)  # "should get a …"
    for verb, pattern in w.VERB_WORDS.items():
        for m in pattern.finditer(text):
            if best is None or m.start() >= best[0]:
                best = (m.start(), verb)
    return best[1] if best else None


# --- steps ---------------------------------------------------------------------------------


def parse_step(step: str) -> tuple[str, str | None, str | None]:
    """(app, resource, operation) of ``app:<app>/<resource>/<operation>[?k=v&…]``."""
    parts = step.removeprefix("app:").partition("?")[0].split("/")
    parts += [""] * (3 - len(parts))
    return parts[0], parts[1] or None, parts[2] or None


def step_values(step: str) -> dict[str, str]:
    """The parameter values a step spec carries after ``?`` ("?channel=#sales")."""
    query = step.partition("?")[2]
    return dict(x.split("=", 1) for x in query.split("&") if "=" in x)


def values_in(text: str, near: int = 0, op: Operation | None = None) -> str:
    """``?k=v`` for the channel or address ``text`` names (the one nearest ``near``, where
    the service is named), and for ``op``'s fields the words set: an enum value said as a
    word ("set the status to pending"), a tag ("tag it escalated"); for a new step's spec."""
    found = [f"{k}={v}" for k, v in _field_values(text, op).items()]
    channel = _nearest(_CHANNEL, text, near)
    if channel:
        found.append(f"channel={channel}")
    mail = _nearest(_ADDRESS, text, near)
    if mail:
        found += [f"to={mail}", f"email={mail}"]
    return "?" + "&".join(found) if found else ""


def _field_values(text: str, op: Operation | None) -> dict[str, str]:
    if op is None:
        return {}
    values: dict[str, str] = {}
    low = text.lower()
    for key, field in op.fields.items():
        schema = field.schema_fragment()
        said = [x for x in schema.get("enum") or [] if isinstance(x, str) and _says(low, x)]
        if len(said) == 1:
            values[key] = said[0]
        items = schema.get("items")
        if key == "tags" and isinstance(items, dict) and items.get("type") == "string":
            tag = w.TAG_VALUE.search(low)
            if tag:
                values[key] = tag.group("en") or tag.group("zh")
    return values


def _says(low: str, value: str) -> bool:
    """Whether ``value`` is a word of ``low`` (no Latin letter or digit either side; a
    Chinese character may touch it: "状态改成pending")."""
    return (
        re.search(r"(?<![a-z0-9_-])" + re.escape(value.lower()) + r"(?![a-z0-9_-])", low)
        is not None
    )


def _nearest(pattern: re.Pattern[str], text: str, near: int) -> str | None:
    hits = sorted(
        pattern.finditer(text), key=lambda m: min(abs(m.start() - near), abs(m.end() - near))
    )
    return hits[0].group(0) if hits else None


def choose(
    app_: App, resource: str | None, operation: str | None, verb: str | None
) -> tuple[str, str]:
    """The resource and operation of ``app_`` a step means: the named ones when they exist,
    else the first operation in ``verb``'s group, the example's resource first."""
    if resource and operation and app_.operation(resource, operation) is not None:
        return resource, operation
    order = [r for r in (resource, app_.example.resource) if r in app_.resources]
    order += [r for r in app_.resources if r not in order]
    groups = [verb] if verb else []
    groups += [g for g in ("create", "update", "read", "delete") if g not in groups]
    for group in groups:
        for rkey in order:
            for okey in app_.resources[rkey].operations:
                if group in verb_of(okey):  # "createRow" creates as "create" does
                    return rkey, okey
    rkey = order[0]
    return rkey, next(iter(app_.resources[rkey].operations))


def _kind(schema: dict[str, Any]) -> Any:
    kind = schema.get("type")
    return next((k for k in kind if k != "null"), None) if isinstance(kind, list) else kind


def _placeholder(key: str, schema: dict[str, Any]) -> Any:
    if "default" in schema:
        return schema["default"]
    if schema.get("enum"):
        return schema["enum"][0]
    examples = schema.get("examples")
    if isinstance(examples, list) and examples:
        return copy.deepcopy(examples[0])  # the catalog's own sample: "10.00", a page link
    kind = _kind(schema)
    if kind in ("integer", "number"):
        return schema.get("minimum", 1)
    if kind == "boolean":
        return False
    if kind == "object":
        return {}
    return f"YOUR_{key.upper()}"


def _fits(value: Any, schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    checks = {
        "string": isinstance(value, str),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "boolean": isinstance(value, bool),
        "array": isinstance(value, list),
        "object": isinstance(value, dict),
    }
    return any(checks.get(str(k), False) for k in kinds)


def app_params(
    app_: App,
    resource: str,
    operation: str,
    subject: str,
    body: str,
    carry: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Parameters of a new ``app_`` node: resource, operation, every required field, and
    its message fields filled from the item (``subject``/``body``); ``carry`` (the node it
    replaces) wins where a field of the same name fits."""
    op: Operation | None = app_.operation(resource, operation)
    assert op is not None
    carry = carry or {}
    example = app_.example
    same_op = (example.resource, example.operation) == (resource, operation)
    old_text = next((carry[k] for k in _TEXT_KEYS if isinstance(carry.get(k), str)), None)
    old_title = next((carry[k] for k in _TITLE_KEYS if isinstance(carry.get(k), str)), None)
    old_to = next((carry[k] for k in _TO_KEYS if _mail_to(carry.get(k))), None)
    params: dict[str, Any] = {"resource": resource, "operation": operation}
    for key, field in op.fields.items():
        schema = field.schema_fragment()
        value = carry.get(key)
        if isinstance(value, str) and _kind(schema) == "array" and _fits([value], schema):
            value = [value]  # one tag said ("tags=escalated") for a list field
        if key in carry and _fits(value, schema) and key not in ("resource", "operation"):
            params[key] = value
        elif key in _TO_KEYS and old_to is not None and _fits(old_to, schema):
            params[key] = old_to
        elif key not in op.required and operation in VERBS["update"]:
            continue  # an update changes what was asked, not the record's title or text
        elif key in _TEXT_KEYS and _fits("", schema):
            params[key] = old_text or body
        elif key in _TITLE_KEYS and _fits("", schema):
            params[key] = old_title or subject
        elif key in op.required:
            params[key] = (
                example.parameters[key]
                if same_op and key in example.parameters
                else _required_value(key, schema, subject, old_text or body)
            )
    return params


def _mail_to(value: Any) -> bool:
    """Whether ``value`` is an email recipient (an address, or an expression reading one)."""
    return isinstance(value, str) and ("@" in value or "mail" in value.lower())


def _required_value(key: str, schema: dict[str, Any], subject: str, body: str) -> Any:
    """A value for required field ``key``: an object gets each of its own required
    properties (a message object's ``content`` is the item's text), a list one item built
    the same way from its item schema, so a node built here never fails validation on a
    nested field the catalog requires, nor n8n on an empty list."""
    items = schema.get("items")
    if _kind(schema) == "array":
        # one item built from the item schema (n8n refuses PayPal's payout without one); an
        # object item whose fields the catalog does not name gives none, as an empty one
        # breaks nodes that read a field of each (Xero's line items: quantity.toString())
        item = items if isinstance(items, dict) else {}
        named = item.get("properties") or item.get("examples") or schema.get("minItems")
        if _kind(item) == "object" and not named:
            return []
        return [_required_value(key, item, subject, body)]
    props = schema.get("properties")
    if schema.get("type") != "object" or not isinstance(props, dict):
        return _placeholder(key, schema)
    out: dict[str, Any] = {}
    for name in schema.get("required", []):
        sub = props.get(name, {})
        if name in _TEXT_KEYS and _fits("", sub):
            out[name] = body
        elif name in _TITLE_KEYS and _fits("", sub):
            out[name] = subject
        else:
            out[name] = _required_value(name, sub, subject, body)
    return out


def _op_words(op_key: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", op_key).lower()


def step_name(app_: App, resource: str, operation: str, lang: Lang) -> tuple[str, str]:
    """(id base, name) of a new app node: "create_jira_issue", "Create Jira issue"."""
    res = app_.resources[resource]
    op = res.operations[operation]
    display = app_.display_name
    res_en = res.names.en[0] if res.names.en else _op_words(resource)
    verb_en = op.names.en[0] if op.names.en else _op_words(operation)
    name_en = f"{verb_en[:1].upper()}{verb_en[1:]} {display} {res_en}"
    if verb_en.split()[-1] == res_en.split()[-1]:
        name_en = f"{verb_en[:1].upper()}{verb_en[1:]} ({display})"
    groups = verb_of(operation)
    messaging = app_.category == "messaging"
    verb_zh = op.names.zh[0] if op.names.zh else ""
    if not verb_zh:
        group = next((g for g in ("create", "read", "update", "delete") if g in groups), "create")
        verb_zh = w.VERB_ZH_SEND if messaging and group == "create" else w.VERB_ZH[group]
    display_zh = next((x for x in app_.names.zh if _CJK.search(x)), display)
    res_zh = res.names.zh[0] if res.names.zh else res_en
    name_zh = (
        f"{verb_zh}{display_zh}{res_zh}"
        if _CJK.search(display_zh)
        else f"{verb_zh} {display_zh} {res_zh}"
    )
    res_words = _op_words(resource)
    op_words = _op_words(operation).removesuffix(f" {res_words}")
    base = slug(f"{op_words} {app_.app} {res_words}", app_.app)
    return base, pick(lang, name_en, name_zh)


def performs(node: Node, app_name: str, resource: str | None = None) -> bool:
    """Whether ``node`` acts on ``app_name`` (and ``resource``), in any stored shape."""
    op = node_service(node)
    if op is None or op.app != app_name:
        return False
    return resource is None or op.resource == resource


def writes(node: Node) -> bool:
    """Whether ``node`` sends or records something in a service (not reads, not triggers)."""
    op = node_service(node)
    if op is None or op.trigger:
        return False
    verbs = op.verbs()
    return not verbs or bool(verbs - {"read"})
