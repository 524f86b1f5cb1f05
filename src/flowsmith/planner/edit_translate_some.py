"""A translation for only the items in some languages, before an existing step: "some
contracts are in German or French. Translate those to English with DeepL before the
extraction step", "有些退款申请是日文写的，先用Google翻译翻成中文再做信息提取".

Invariants: only when the words say that SOME items are in named languages and a
translation service step is being added; the service step goes right before the step the
words name by its role (extraction, sentiment, classification, summary), else before the
first step after the trigger; a check on the item's ``language`` (one "equals" per language
said, joined by "or") sends those items through the translation and every other item
straight on to that step. The other readers' translation ops for the same words are
dropped. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import NodeFamily, Workflow
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import graph as g
from flowsmith.planner.plan import EditOp

__all__ = ["translate_some"]

_LANGS = {
    "english": "en",
    "german": "de",
    "deutsch": "de",
    "french": "fr",
    "spanish": "es",
    "portuguese": "pt",
    "italian": "it",
    "dutch": "nl",
    "japanese": "ja",
    "chinese": "zh",
    "korean": "ko",
    "russian": "ru",
    "英文": "en",
    "英语": "en",
    "德文": "de",
    "德语": "de",
    "法文": "fr",
    "法语": "fr",
    "西班牙语": "es",
    "西班牙文": "es",
    "葡萄牙语": "pt",
    "意大利语": "it",
    "日文": "ja",
    "日语": "ja",
    "中文": "zh",
    "韩文": "ko",
    "韩语": "ko",
    "俄语": "ru",
}
_LANG = "|".join(sorted(_LANGS, key=len, reverse=True))
_SOME = re.compile(
    rf"\bsome\s+(?:of\s+(?:the|our)\s+)?[a-z]+\s+(?:are|come|arrive|get written)\s+"
    rf"(?:written\s+)?in\s+(?P<langs>(?:{_LANG})(?:\s*(?:,|or|and|/)\s*(?:{_LANG}))*)|"
    rf"有(?:些|的|一些|部分)[^，,。；;]{{0,12}}?(?:是|用)(?P<zlangs>(?:{_LANG})(?:[、或和/]?(?:{_LANG}))*)"
    rf"(?:写的|的)?",
    re.IGNORECASE,
)
_INTO = re.compile(rf"(?:\binto|\bto|翻成|翻译成|译成|成|为)\s*({_LANG})", re.IGNORECASE)
# the step the translation goes before, by its role
_ROLES = (
    (re.compile(r"extract|提取|抽取", re.IGNORECASE), "information_extractor"),
    (re.compile(r"sentiment|情感|情绪", re.IGNORECASE), "sentiment_analysis"),
    (re.compile(r"classif|分类", re.IGNORECASE), "text_classifier"),
    (re.compile(r"summar|摘要|总结", re.IGNORECASE), "summarizer"),
)
_BEFORE = re.compile(r"\bbefore\b|之前|以前|再做|再进行|然后再", re.IGNORECASE)


def _languages(m: re.Match[str]) -> list[str]:
    said = (m.group("langs") or m.group("zlangs") or "").lower()
    found = [code for name, code in _LANGS.items() if name in said]
    return list(dict.fromkeys(found))


def _anchor(current: Workflow, low: str) -> str | None:
    """The step the words name by role after "before", else the first after the trigger."""
    at = _BEFORE.search(low)
    tail = low[at.end() :] if at else ""
    for pattern, subtype in _ROLES:
        if pattern.search(tail):
            node = next((x for x in current.nodes if x.subtype == subtype), None)
            if node is not None:
                return f"node:{node.id}"
    trigger = next((x for x in g.ordered(current) if x.type == NodeFamily.TRIGGER), None)
    first = g.outgoing(current, trigger.id) if trigger else []
    return f"node:{first[0].to_node}" if first else None


def _translator_named(low: str) -> str | None:
    """ "先用Google翻译翻成中文": a translation service named with no verb the step readers
    know; its translate step."""
    for m in ec.mentions(low):
        spec = ec.app(m.app)
        resource = spec.resources.get("language") if spec is not None else None
        if resource is not None and "translate" in resource.operations:
            return f"app:{m.app}/language/translate"
    return None


def translate_some(low: str, current: Workflow, ops: list[EditOp]) -> list[EditOp] | None:
    """``ops`` with the translation behind a language check (module docstring), or None."""
    m = _SOME.search(low)
    if m is None:
        return None
    adds = [
        op
        for op in ops
        if op.kind == "add_step"
        and op.step
        and ec.parse_step(op.step)[1] == "language"
        and ec.parse_step(op.step)[2] in (None, "translate")
    ]
    said = adds[0].step if adds else _translator_named(low)
    langs = _languages(m)
    anchor = _anchor(current, low)
    if said is None or not langs or anchor is None:
        return None
    app = ec.parse_step(said)[0]
    into = _INTO.search(low)
    if into is not None and "?" not in said:  # "to English", "翻成中文": the target language
        said += f"?target_language={_LANGS[into.group(1).lower()].upper()}"
    step = EditOp(kind="add_step", step=said, where="before", anchor=anchor)
    rules = [{"left": "{{ $json.language }}", "operator": "equals", "right": x} for x in langs]
    guard = EditOp(
        kind="add_guard",
        rule={"conditions": rules, "combine": "or"},
        value="language = " + " / ".join(langs),
        subject=f"app:{app}",
        else_subject=anchor,
    )
    rest = [op for op in ops if op not in adds and op.kind != "add_ai"]
    return [*rest, step, guard]
