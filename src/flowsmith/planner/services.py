"""Every service word the parser knows comes from the catalog: app names, resource,
operation and event names (English and Chinese), and the core service nodes' keywords.

:class:`ServiceIndex` finds service mentions in a text, picks an app's event for a trigger
and a resource and operation for a step, and fills an operation's required fields with
what the text says or with marked placeholders. No service is named in this module.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from flowsmith.core.catalog import Catalog, NodeSpec
from flowsmith.core.catalog.apps import App
from flowsmith.core.models import NodeFamily
from flowsmith.planner import lexicon as lx
from flowsmith.planner.op_choice import Choice, choose_operation, is_message
from flowsmith.planner.service_words import names_score, phrase_in, stem, tokens
from flowsmith.planner.text import (
    channels,
    emails,
    in_quoted_name,
    quoted,
    said_quote,
    urls,
)

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_CJK_SPACE = re.compile(
    r"(?<=[a-z0-9])\s+(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])\s+(?=[a-z0-9])"
)
_PHONE = re.compile(r"\+[1-9]\d{6,14}")
_REPO = re.compile(r"(?<![\w/.])([A-Za-z0-9][\w.-]*)/([A-Za-z0-9][\w.-]*)(?![\w/])")
# words before a single-word service name that make it a service ("to box", "my github")
_LEAD_IN = re.compile(
    r"(?:\b(?:to|in|into|on|onto|via|from|with|using|through|my|our|the|a|new|your|of)\s+$)|"
    r"(?:[到在从用给往至]\s*$)",
    re.IGNORECASE,
)
# "tweet it", "tweet the link": what a verb acts on, right after a name said as that verb
_VERB_OBJECT_AFTER = re.compile(r"\s+(?:it|them|this|that|these|those|the|a|an|about|out)\b")
# a preposition right after a name: "a line to the sheet" (a noun phrase ends there)
_PREPOSITION_AFTER = re.compile(r"\s+(?:to|of|in|into|on|onto|for|at|per|from|with)\b", re.I)
# "notion database", "trello board": a container noun right after a lowercase app name
_CONTAINER_AFTER = re.compile(
    r"\s+(?:database|db|board|workspace|account|inbox|base|table|sheet|spreadsheet|channel|"
    r"folder|calendar|project|vault|repo|repository|mailbox)s?\b"
)
# "unread gmail", "starred outlook": a state only messages are in, said of a mail app's items
_MAIL_STATE = re.compile(r"\b(?:unread|starred|flagged|incoming|inbound)\s+$", re.IGNORECASE)
# "pushover reminder", "gotify alert": a notice word right after an app that sends notifications
_NOTICE_AFTER = re.compile(r"\s*(?:reminders?|alerts?|pings?|nudges?)\b")
# "the Expenses sheet", "my Leads table": a capitalised name before a container word
_NAMED = re.compile(
    r"\b(?:the|my|our|a)\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+(?:sheet|spreadsheet|table|list|"
    r"board|tab|worksheet|base|database|folder|project)\b"
)
# "the Jenkins job deploy-prod", "pipeline build_nightly": a job named right after its noun by
# an identifier (hyphens, underscores or dots join its words, so it is no plain word)
# or quoted before it ("the 'run-tests' job", "run-tests任务")
_JOB_NAMED = re.compile(
    r"\b(?:job|pipeline)s?\s+(?:named\s+|called\s+)?['‘]?(?P<a>[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+)"
    r"|['‘](?P<b>[^'’]{1,60})['’]\s+(?:\w+\s+)?(?:job|pipeline)\b"
    r"|(?:任务|流水线)\s*(?P<c>[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+)"
    r"|(?<![A-Za-z0-9-])(?P<d>[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+)\s*(?:任务|流水线)",
    re.IGNORECASE,
)
# "the sheet 'Leads'", "to the table “Orders”": a container word named by the quote after it
# (not a verb: "post 'bring an umbrella'")
_OBJECT_LEAD = re.compile(r"\b(?:the|my|our|a|an|to|in|into|from|of|on)\s*$", re.IGNORECASE)
# "added as a row to the attendance sheet": a row put into a place named in lowercase (the
# row says the place is a table of that app's kind, no capital needed)
_ROW_INTO = re.compile(
    r"\b(?:a|one|new|the)\s+(?:new\s+)?(?:row|line|entry)\s+(?:to|in|into|on|onto)\s+"
    r"(?:the|our|my|their|your)\s+(?:[a-z][\w-]*\s+){0,2}$"
)
# "写入表格", "存到数据库": a Chinese resource word right where data goes or comes from
_ZH_PLACE = re.compile(r"(?:[到入进至往从在]|存|放)\s*(?:我的|我们的|公司的)?$")
_MESSAGE_FIELDS = ("text", "message", "content", "body", "comment", "note", "markdown", "html")
_TITLE_FIELDS = ("title", "subject", "summary", "name", "headline", "description")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    app: str | None  # a catalog app id
    subtype: str | None  # or a core service node's subtype (no app has the service)
    word: str


class ServiceIndex:
    """The catalog's service words, indexed once per catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.apps: dict[str, App] = {a.app: a for a in catalog.apps}
        names: list[tuple[str, str | None, str | None]] = []
        for app in catalog.apps:
            for name in dict.fromkeys([*app.names.all(), app.display_name.lower()]):
                names.append((name, app.app, None))
                joined = _LATIN_CJK_SPACE.sub("", name)
                if joined != name:  # "google 表格" is also written "google表格"
                    names.append((joined, app.app, None))
        served = {w for w, _, _ in names}
        for spec in _core_services(catalog):
            word = spec.keywords[0].lower()
            if word not in served:
                names.append((word, None, spec.subtype))
        self._names = sorted(names, key=lambda n: -len(n[0]))
        self._implicit_words = _implicit_words(catalog.apps)

    # --- mentions ---------------------------------------------------------------------------

    def mentions(self, text: str, implicit: bool = True) -> list[Mention]:
        """Service mentions in ``text``, in order, longest name first, never overlapping."""
        low = text.lower()
        taken: list[tuple[int, int]] = []
        out: list[Mention] = []
        for name, app, subtype in self._names:
            for m in _finditer(name, low):
                s, e = m
                if any(s < b and a < e for a, b in taken) or in_quoted_name(s, e, text):
                    continue
                if not self._plausible(name, text, s, e, app):
                    continue
                if lx.GENERIC_NAME.fullmatch(name):
                    continue  # "email", "邮件": a channel word, not this one service
                taken.append((s, e))
                out.append(Mention(s, e, app, subtype, text[s:e]))
        if not out and implicit:
            out = self._implicit(text, low)
        elif implicit:
            out += self._implicit_beside(text, low, out, taken)
        return sorted(out, key=lambda m: m.start)

    def _implicit(self, text: str, low: str) -> list[Mention]:
        """ "the Expenses sheet", "写入表格": a resource word of exactly one app whose own
        name contains that word, next to a name (capitalised or quoted) or in Chinese."""
        found: dict[str, tuple[int, Mention]] = {}
        for app, word in self._implicit_words:
            if word in low:
                for s, e in _finditer(word, low):
                    before = text[max(0, s - 24) : s].rstrip()
                    after = text[e : e + 4].lstrip()
                    named = bool(
                        re.search(r"[A-Z][\w-]*$|[\"'”’」]$", before)
                        and not re.search(r"(?<![A-Za-z])(?:AI|GPT|LLM|API)$", before)
                    ) or (
                        after[:1] != "" and after[:1] in "\"'“‘「" and _OBJECT_LEAD.search(before)
                    )
                    rowed = not _CJK.search(word) and _ROW_INTO.search(text[max(0, s - 60) : s])
                    if named or rowed or (_CJK.search(word) and _ZH_PLACE.search(before)):
                        weight = sum(1 for n in app.names.all() if word in n)
                        if app.app not in found or found[app.app][0] < weight:
                            found[app.app] = (weight, Mention(s, e, app.app, None, text[s:e]))
        if not found:
            return []
        ranked = sorted(found.values(), key=lambda f: -f[0])
        if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            return []
        return [ranked[0][1]]

    def _implicit_beside(
        self, text: str, low: str, named: list[Mention], taken: list[tuple[int, int]]
    ) -> list[Mention]:
        """ "post the rows from the Orders sheet to Slack": a Latin resource word next to a
        name still says its app when another app is named, if that app is not named too and
        the name before the word is not another app's ("a Notion page" is Notion's)."""
        apps = {m.app for m in named}
        return [
            m
            for m in self._implicit(text, low)
            if m.app not in apps
            and not _CJK.search(m.word)
            and not in_quoted_name(m.start, m.end, text)
            and not any(m.start < b and a < m.end for a, b in taken)
            and not any(b <= m.start and not text[b : m.start].strip(" '\"’”") for _a, b in taken)
        ]

    def _plausible(self, name: str, text: str, s: int, e: int, app: str | None) -> bool:
        """A one-word Latin name ("box", "line") is a service when written capitalised,
        after a lead-in ("to box", "my github"), or before one of the app's resources or
        events ("stripe dispute")."""
        if _CJK.search(name) or " " in name or not name.isalpha() or len(name) > 8:
            return True
        word = text[s:e]
        if word[:1].isupper():
            return True
        if app is not None and _MAIL_STATE.search(text[max(0, s - 12) : s]):
            return self._sends_messages(app)  # "mark all unread gmail as read": its messages
        if app is not None and lx.SENT_AS_NOUN.search(text[max(0, s - 90) : s]):
            return self._sends_messages(app)  # "send them a quick gmail": the message sent
        lead = text[max(0, s - 12) : s]
        if _LEAD_IN.search(lead) and not self._common_noun(lead, text[e : e + 12]):
            return True
        if app is not None:
            after = text[e : e + 24].lower()
            for res in self.apps[app].resources.values():
                if any(phrase_in(n, after) == 1 or after.startswith(n) for n in res.names.en):
                    return True
            if any(after.lstrip().startswith(n) for n in self._event_words(app)):
                return True  # "stripe dispute -> …": the app's own event right after it
            if _CONTAINER_AFTER.match(after):
                return True  # "my 'Deadlines' notion database": a place kept in that app
            if _NOTICE_AFTER.match(after) and self._notifies(app):
                return True  # "pushover reminder to …": a notice sent through that app
            if _VERB_OBJECT_AFTER.match(after) and self._verb_named(app, name):
                return True  # "… and tweet it": the app's own operation said as its verb
        # Chinese text: a Latin word is a name
        return bool(_CJK.search(text))

    def _verb_named(self, app: str, name: str) -> bool:
        """Whether ``name`` (one of ``app``'s own names) is also the name of one of its
        operations, so said as a verb it asks for that operation ("tweet")."""
        return any(
            name in op.names.en
            for res in self.apps[app].resources.values()
            for op in res.operations.values()
        )

    @staticmethod
    def _common_noun(lead: str, after: str) -> bool:
        """Whether a lowercase name between ``lead`` and ``after`` is a plain noun: an
        indefinite article before it and a preposition after it ("add a line to the sheet",
        "a new line in our log"), never "a slack DM" nor "post a tweet"."""
        return bool(lx.INDEFINITE_BEFORE.search(lead) and _PREPOSITION_AFTER.match(after))

    def _sends_messages(self, app: str) -> bool:
        """Whether one of ``app``'s resources is a message it can send."""
        return any(is_message(k, r.names) for k, r in self.apps[app].resources.items())

    def _notifies(self, app: str) -> bool:
        """Whether one of ``app``'s resources is called a notification."""
        return any("notification" in r.names.en for r in self.apps[app].resources.values())

    def _event_words(self, app: str) -> list[str]:
        """The English names of ``app``'s trigger events ("dispute", "new submission")."""
        triggers = self.apps[app].triggers
        if triggers is None:
            return []
        return [n.lower() for ev in triggers.events.values() for n in ev.names.en]

    def sms_app(self) -> str | None:
        """The first app whose own names say it sends text messages."""
        for app in self.apps.values():
            if any(n in lx.SMS_NOUN for n in app.names.all()):
                return app.app
        return None

    def core_sms(self) -> str | None:
        for spec in _core_services(self.catalog):
            if any(k.lower() in lx.SMS_NOUN for k in spec.keywords):
                return spec.subtype
        return None

    # --- events -----------------------------------------------------------------------------

    def event(self, app_id: str, text: str) -> tuple[str | None, float]:
        """The app's event ``text`` describes best (and its score; 0 = none fits)."""
        app = self.apps[app_id]
        if app.triggers is None:
            return None, 0.0
        low = text.lower()
        toks = set(tokens(text))
        best: tuple[str | None, float] = (None, 0.0)
        change = {kind for kind, pattern in lx.EVENT_CHANGE.items() if pattern.search(low)}
        fitting = _fitting_kinds(app, change)
        for key, ev in app.triggers.events.items():
            # an event that fires on any change is named by the kinds it tells apart too
            score = max(
                names_score(n, low, toks) for n in [ev.names, *(k.names for k in ev.kinds.values())]
            )
            key_words = [stem(w) for w in re.split(r"[_.\W]+", key) if w]
            if score == 0 and key_words and all(w in toks for w in key_words):
                score = 1.2
            if score > 0 and _event_kinds(key_words) & change:
                score += 0.05  # two events said alike: the one whose kind of change is said
                score += 0.02 * bool(_event_kinds(key_words) & fitting)  # beyond a bare "new"
            if 0 < score < 1.0 and fitting and not _event_kinds(key_words) & fitting:
                score /= 2  # a partial name of an event of another kind than the one said
            if score > best[1]:
                best = (key, score)
        if best[1] < 1.0:
            parts = self._event_by_parts(app, low, toks)
            # ties of parts go to the event whose own names the text says best
            said = {k: names_score(ev.names, low, toks) for k, ev in app.triggers.events.items()}
            ranked = [(k, s + 0.01 * said.get(k or "", 0.0)) for k, s in parts]
            pick = max(ranked, key=lambda b: b[1], default=(None, 0.0))
            if pick[1] > best[1]:
                best = (pick[0], round(pick[1], 2))
        return best

    def _event_by_parts(self, app: App, low: str, toks: set[str]) -> list[tuple[str | None, float]]:
        """Events whose key names a resource the text names ("deal" is an opportunity) and
        the kind of change it says ("moves" -> ``*_updated``): each part scores 0.55, so an
        event needs both to count as named (1.0)."""
        assert app.triggers is not None
        named = {
            stem(w)
            for r, res in app.resources.items()
            if names_score(res.names, low, toks) >= 1
            for w in re.split(r"(?<=[a-z])(?=[A-Z])|_", r)
        }
        said = {kind for kind, pattern in lx.EVENT_CHANGE.items() if pattern.search(low)}
        fitting = _fitting_kinds(app, said)
        change = said | fitting
        out: list[tuple[str | None, float]] = []
        for key in app.triggers.events:
            words = [stem(w) for w in re.split(r"[_.\W]+", key) if w]
            score = 0.55 * any(w in named for w in words)
            kinds = _event_kinds(words)
            # a bare noun ("message") is a new one; the change said outweighs the subject
            # noun ("a customer pays an invoice" is the payment, not a new customer)
            score += 0.56 * bool(kinds & change)
            # a change said outright ("fails", "is cancelled") outweighs a bare "new"
            score += 0.04 * bool(kinds & fitting)
            out.append((key, score))
        return out

    # --- operations -------------------------------------------------------------------------

    def operation(self, app_id: str, text: str, verb: str) -> Choice:
        """The resource and operation of ``app_id`` that ``text`` (verb class ``verb``)
        asks for (:func:`flowsmith.planner.op_choice.choose_operation`)."""
        return choose_operation(self.apps[app_id], text, verb)

    # --- fields -----------------------------------------------------------------------------

    def fill(
        self, app_id: str, resource: str, operation: str, text: str, message: str, label: str
    ) -> tuple[dict[str, Any], list[str]]:
        """Required fields of an operation from ``text``, else placeholders (listed)."""
        app = self.apps[app_id]
        op = app.operation(resource, operation)
        assert op is not None
        params: dict[str, Any] = {}
        placeheld: list[str] = []
        for name in op.required:
            field = op.fields[name]
            value, guessed = field_value(name, field.schema_fragment(), text, message, label)
            params[name] = value
            if guessed:
                placeheld.append(name)
        # optional fields the text gives outright (a channel, a recipient)
        for name, field in op.fields.items():
            if name in params:
                continue
            frag = field.schema_fragment()
            value, guessed = field_value(name, frag, text, message, label)
            if not guessed and value not in (None, "") and _given(name, frag):
                params[name] = value
        return params, placeheld


def _fitting_kinds(app: App, change: set[str]) -> set[str]:
    """The kinds of change the text says, other than a bare "new", that some event of
    ``app`` is of; a change no event is of is an update when the app has one; empty when
    nothing fits (then no event is preferred for its kind)."""
    assert app.triggers is not None
    said = change - {"created"}
    kinds: set[str] = set()
    for key in app.triggers.events:
        kinds |= _event_kinds([stem(w) for w in re.split(r"[_.\W]+", key) if w])
    if said and not said & kinds and "updated" in kinds:
        return {"updated"}  # a refund or failure the app has no event for changes the item
    return said & kinds


def _event_kinds(key_words: list[str]) -> set[str]:
    """The kinds of change an event key says (``invitee_canceled`` -> deleted); a bare noun
    (``message``) is a new one."""
    return {lx.EVENT_KIND[w] for w in key_words if w in lx.EVENT_KIND} or {"created"}


def _given(name: str, frag: dict[str, Any]) -> bool:
    low = name.lower()
    return any(w in low for w in ("channel", "to", "email", "url", "sheet", "chat"))


def field_value(
    name: str, frag: dict[str, Any], text: str, message: str, label: str
) -> tuple[Any, bool]:
    """A value for field ``name`` (JSON Schema ``frag``) and whether it is a placeholder."""
    low = name.lower()
    desc = str(frag.get("description", "")).lower()
    typ = frag.get("type")
    if isinstance(typ, list):
        typ = next((t for t in typ if t != "null"), "string")
    if frag.get("enum"):
        return frag["enum"][0], True
    if typ == "boolean":
        return False, True
    if typ in ("integer", "number"):
        return max(1, int(frag.get("minimum", 1) or 1)), True
    if typ == "array":
        # one item built from the item schema: n8n refuses a node whose required list is
        # empty (PayPal's payout: "You must have at least one item."). An item schema that
        # names no fields gives no item: an empty one breaks nodes that read a field of each
        # (Xero's line items: quantity.toString())
        items = frag.get("items", {})
        if isinstance(items, dict) and items.get("type") == "object":
            if not items.get("properties") and not frag.get("minItems"):
                return _examples(items), True
            item, _ = field_value(name, {**items, "description": desc}, text, message, label)
            return [item], True
        return [f"YOUR_{name.upper()}"], True
    if typ == "object":
        props = frag.get("properties")
        if isinstance(props, dict) and props:
            out: dict[str, Any] = {}
            guessed_any = False
            for sub in frag.get("required", []) or list(props)[:1]:
                value, guessed = field_value(sub, props.get(sub, {}), text, message, label)
                out[sub] = value
                guessed_any = guessed_any or guessed
            return out, guessed_any
        return {"data": message}, True
    if "channel" in low or "channel" in desc:
        found = channels(text)
        if found:
            return (found[0] if found[0].startswith("#") else f"#{found[0]}"), False
        if low.endswith("_id"):
            # an id field (Teams' channel_id) with no channel said: "#general" is no id, and
            # n8n rejects the "#" before it ever calls the service
            return f"YOUR_{name.upper()}", True
        return "#general", True
    # the description says which kind of address a "to" is: Gmail's "Recipient address(es)"
    # and Zulip's "Recipient emails" take an email, Twilio's "Recipient number" a phone number
    addressee = low in ("to", "cc", "bcc") or "recipient" in desc
    if "email" in low or (addressee and ("email" in desc or "address" in desc)):
        found = emails(text)
        return (found[0], False) if found else ("you@example.com", True)
    if (
        low in ("phone", "phone_number", "number")
        or "phone" in desc
        or "number" in desc
        or (low in ("to", "from") and not desc)
    ):
        found = _PHONE.findall(text)
        if found and low != "from":
            return found[0], False
        return ("+15555550100" if low != "from" else "+15555550199"), True
    if low == "to" or "recipient" in desc:
        found = emails(text)
        return (found[0], False) if found else ("you@example.com", True)
    if low == "id" or low.endswith("_id") or low.endswith("_key"):
        return _placeholder(name, frag), True
    container = ("sheet", "table", "list", "board", "tab", "base", "database", "folder", "project")
    if any(w in low for w in container) or low in ("file_name", "filename", "document"):
        q = quoted(text)
        if q:
            return q[0], False
        m = _NAMED.search(text)
        if m:
            return m.group(1), False
        # a container the user did not name is a neutral default, never the workflow's title
        return ("Sheet1" if "sheet" in low else _placeholder(name, frag)), True
    if low in ("job", "pipeline"):
        q = quoted(text)
        m = _JOB_NAMED.search(text)
        if q or m:
            return (q[0] if q else next(g for g in m.groups() if g)), False  # type: ignore[union-attr]
    if "url" in low or "url" in desc or "link" in low:
        found = urls(text)
        return (found[0], False) if found else ("https://example.com", True)
    if low in ("owner", "repository", "repo") or "repository" in desc:
        m = _REPO.search(text)
        if m:
            return (m.group(1) if low == "owner" else m.group(2)), False
        return ("your-org" if low == "owner" else "your-repo"), True
    if any(low == f or low.endswith("_" + f) for f in _MESSAGE_FIELDS) or "message" in desc:
        return said_quote(text) or message, False
    if any(low == f or low.endswith("_" + f) or low.startswith(f + "_") for f in _TITLE_FIELDS):
        return label, False
    if "query" in low or "jql" in low or "search" in low:
        return label, True
    return _placeholder(name, frag), True


def _examples(frag: dict[str, Any]) -> list[Any]:
    """The schema's first example (a copy) as a one-item list, else no item."""
    examples = frag.get("examples")
    if isinstance(examples, list) and examples:
        return [copy.deepcopy(examples[0])]
    return []


def _placeholder(name: str, frag: dict[str, Any]) -> str:
    """What the user still has to fill: the field's own example when the catalog gives one
    (a Notion page link, whose id n8n checks for even before a run), else ``YOUR_NAME``."""
    examples = frag.get("examples")
    if isinstance(examples, list) and examples and isinstance(examples[0], str):
        return examples[0]
    return f"YOUR_{name.upper()}"


# a resource word this many apps have names no one service ("list", "列表", "document", "频道")
_GENERIC_SHARE = 5


def _implicit_words(apps: list[App]) -> list[tuple[App, str]]:
    """Resource words that may stand for their app ("the Expenses sheet"): long enough, not a
    channel word, not a generic noun (a resource word of :data:`_GENERIC_SHARE` apps or
    more: a service is named by its own name, "sharepoint 列表", not by "列表" alone), and
    part of one of the app's own names (computed once per catalog)."""
    shared: dict[str, int] = {}
    for app in apps:
        for w in {w for res in app.resources.values() for w in res.names.all()}:
            shared[w] = shared.get(w, 0) + 1
    out: list[tuple[App, str]] = []
    for app in apps:
        own = " ".join(app.names.all())
        for res in app.resources.values():
            for word in res.names.all():
                if len(word) < 2 or (not _CJK.search(word) and len(word) < 4):
                    continue
                if lx.GENERIC_NAME.fullmatch(word) or shared[word] >= _GENERIC_SHARE:
                    continue
                if word not in own or (not _CJK.search(word) and word not in own.split()):
                    continue
                out.append((app, word))
    return out


def _finditer(name: str, low: str) -> list[tuple[int, int]]:
    # a plain substring test first: most of the catalog's names are absent from a message,
    # and this keeps a long message linear in the number of names it actually contains
    if name not in low:
        return []
    if _CJK.search(name):
        out, i = [], low.find(name)
        while i >= 0:
            out.append((i, i + len(name)))
            i = low.find(name, i + 1)
        return out
    return [(m.start(), m.end()) for m in _word_pattern(name).finditer(low)]


@functools.lru_cache(maxsize=4096)
def _word_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + re.escape(name) + r"(?![a-z0-9])")


def _core_services(catalog: Catalog) -> list[NodeSpec]:
    """Core (non-app) service nodes: their first keyword is the service's name."""
    out = []
    for spec in catalog.by_family(NodeFamily.EXTERNAL_ACTION):
        core = spec.app is None and spec.alias_of is None and bool(spec.keywords)
        if core and spec.subtype not in ("send_email", "webhook_response"):
            out.append(spec)
    return out


@lru_cache(maxsize=8)
def _index(catalog_id: int, catalog: Catalog) -> ServiceIndex:
    return ServiceIndex(catalog)


def index_of(catalog: Catalog) -> ServiceIndex:
    return _index(id(catalog), catalog)
