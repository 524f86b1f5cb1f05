"""Which resource and operation of an app a text asks for, read off the catalog only: the
resource and operation names (English and Chinese), the keys themselves, the app's example,
and the verb class the parser found. No service is named here; scores only order the
app's own operations, so the same text and app always give the same choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flowsmith.core.catalog.apps import App, Names
from flowsmith.planner import lexicon as lx
from flowsmith.planner.service_words import names_score, stem, tokens


@dataclass(frozen=True)
class Choice:
    resource: str
    operation: str
    score: float


def choose_operation(app: App, text: str, verb: str) -> Choice:
    """The resource and operation of ``app`` that ``text`` (verb class ``verb``)
    asks for: named operations and resources first, then the verb's usual API keys."""
    low = text.lower()
    toks = set(tokens(text))
    prefs = lx.OP_KEYS.get(verb, ())
    deliver = verb == "create" and _DELIVER.search(text) is not None
    comment = lx.COMMENT_WORD.search(text) is not None
    best: Choice | None = None
    for index, (rkey, okey, op) in enumerate(app.operations()):
        res = app.resources[rkey]
        score = 0.0
        res_score = names_score(res.names, low, toks)
        if res_score == 0 and stem(rkey) in toks:
            res_score = 1.0
        score += 1.5 * min(res_score, 2.5)
        nouns = set(res.names.all())
        op_names = Names(
            en=[n for n in op.names.en if n not in nouns],
            zh=[n for n in op.names.zh if n not in nouns],
        )
        op_score = names_score(op_names, low, toks)
        score += 2.0 * min(op_score, 2.5)
        k = okey.lower()
        commented = comment and _is_comment(rkey, okey, res.names, op.names)
        if k in prefs:
            score += 2.0 - 0.1 * prefs.index(k)
        elif any(k.startswith(p) for p in prefs):
            score += 1.0
        elif _verb_of(k) not in (None, verb) and not commented:
            score -= 2.0
        if commented:
            score += 4.0  # "comment on the Jira issue": the app's comment or reply
        if deliver and _is_message(rkey, res.names):
            score += 2.0  # "notify the team in Teams": a message goes there, no channel
        if rkey == app.example.resource:
            score += 0.8
        if (rkey, okey) == (app.example.resource, app.example.operation):
            score += 0.8
        score -= 0.01 * index
        if best is None or score > best.score:
            best = Choice(rkey, okey, score)
    assert best is not None
    return best


# a verb that delivers something somewhere: with it, a channel or chat named in the text is
# where a message goes, and the app's message resource is the one meant
_DELIVER = re.compile(
    r"\b(?:send|post|notify|notif\w+|forward|tell|ping|alert|announce|message|reply|respond)\w*|"
    r"通知|告诉|提醒|推送|转发|发消息|发送|发到|发给|发条|发个|回复",
    re.IGNORECASE,
)


def _is_comment(rkey: str, okey: str, res: Names, op: Names) -> bool:
    """A comment or reply resource or operation, by its key or its names."""
    keys = f"{rkey} {okey}".lower()
    said = " ".join([*res.all(), *op.all()]).lower()
    return "comment" in keys or "reply" in keys or bool(re.search(r"comment|reply|评论|回复", said))


def _is_message(rkey: str, names: Names) -> bool:
    return (
        "message" in rkey.lower()
        or any("message" in n.lower() for n in names.en)
        or any("消息" in n for n in names.zh)
    )


def _verb_of(key: str) -> str | None:
    for verb, keys in lx.OP_KEYS.items():
        if key in keys:
            return verb
    return None
