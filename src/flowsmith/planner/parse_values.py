"""Values the user names for an action's parameters: a tag ("tag them 'webinar-2027'",
"打上“2027峰会”的标签"), a priority ("a high priority ticket", "优先级设为高"), a subject
("with the subject 'Weekly wrap-up'", "主题是“本周计划”"), a file name ("name the file with
today's date", "文件名用当天的日期") and a list ("to Mailchimp list 'VIP Customers'").

:func:`cut_values` reads them and takes the words of all but lists out of the text before
its clauses are read ("tag them" is no classification, "high priority" no condition);
:func:`with_values` puts each into the first step whose catalog operation has a parameter
of that kind, under the catalog's own parameter name, in the shape its schema asks for.

Invariants: a value lands only in a parameter the step's operation (or core node) has; a
priority word becomes the schema's enum member or the number its description gives that
word; nothing is invented when no step has such a parameter. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from flowsmith.core.catalog import Catalog
from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Branch, Case, CoreStep, Loop, ServiceStep, Step
from flowsmith.planner.services import ServiceIndex

__all__ = ["Said", "cut_values", "with_values"]

TODAY = "{{ $now.toFormat('yyyy-MM-dd') }}"
_Q = r"['\"‘“「『]([^'\"’”」』]{1,60})['\"’”」』]"
_PRIO_EN = r"(urgent|high|medium|normal|low|highest|lowest)"
_PRIO_ZH = {"最高": "urgent", "紧急": "urgent", "高": "high", "中": "medium", "普通": "normal"}
_PRIO_ZH.update({"低": "low", "最低": "low"})
_ZH_PRIO = r"(最高|紧急|高|中|普通|最低|低)"
_DATE = r"(?:today'?s|the current|the|the day'?s|current)\s+date"
_ZH_DATE = r"(?:当天|今天|当日|当前|今日)?的?日期"

# (kind, pattern, cut): group 1 is the value (a date pattern has none: today's date)
_PATTERNS: list[tuple[str, re.Pattern[str], bool]] = [
    (
        "tag",
        re.compile(
            r"(?:,?\s*\band\s+)?\b(?:tag(?:ged|ging)?|label(?:led|ed)?)\s+(?:them|it|him|her|"
            r"each(?: one)?|the \w+)?\s*(?:as|with)?\s*(?:the\s+)?(?:tag\s+)?" + _Q + r"|"
            r"(?:,?\s*\band\s+)?\b(?:with|add(?:ing)?|apply(?:ing)?)\s+(?:the\s+|a\s+)?"
            r"(?:tag|label)s?\s+" + _Q + r"|"
            r"(?:打上|加上|贴上|添加|加)" + _Q + r"(?:的)?(?:标签|tag)|"
            r"[，,]?\s*(?:标签|tag)(?:是|为|设为|用)?[:：]?\s*" + _Q,
            re.IGNORECASE,
        ),
        True,
    ),
    (
        "priority",
        re.compile(
            r"\b(?:a|an|as)\s+" + _PRIO_EN + r"[- ]priority\b|"
            r",?\s*\bwith\s+(?:a\s+)?" + _PRIO_EN + r"\s+priority\b|"
            r",?\s*\b(?:with\s+)?priority\s+(?:set\s+)?(?:to|as|of|:)\s*" + _PRIO_EN + r"\b|"
            r"(?<=[建开提个])" + _ZH_PRIO + r"优先级的?|"
            r"[，,]?\s*优先级(?:设为|设置为|设成|定为|标为|调成|调为|设置成)" + _ZH_PRIO,
            re.IGNORECASE,
        ),
        True,
    ),
    (
        "subject",
        re.compile(
            r",?\s*\b(?:with|using)\s+(?:the\s+|a\s+)?subject(?:\s+line)?\s*(?:of\s+)?:?\s*"
            + _Q
            + r"|[，,]?\s*(?:邮件)?(?:主题|标题)(?:是|为|用|叫|写)?[:：]?\s*"
            + _Q,
            re.IGNORECASE,
        ),
        True,
    ),
    (
        "file_name",
        re.compile(
            r",?\s*\b(?:and\s+)?(?:name|call|title)\s+(?:the\s+|each\s+)?(?:file|it|them|"
            r"export|report)\s+(?:with|after|using|by|for)\s+" + _DATE + r"\b|"
            r",?\s*\bwith\s+" + _DATE + r"\s+in\s+(?:the\s+|its\s+)?(?:file\s*)?name\b|"
            r"[，,]?\s*(?:文件名|文件名称)(?:里|中|上)?(?:要|都)?(?:用|以|为|是|带上?|加上?|采用|包含|含)?"
            + _ZH_DATE
            + r"(?:命名)?|"
            r"[，,]?\s*(?:用|以)" + _ZH_DATE + r"(?:作为|为|当)?(?:文件名|命名)",
            re.IGNORECASE,
        ),
        True,
    ),
    (
        "file_name",
        re.compile(
            r",?\s*\b(?:and\s+)?(?:name|call)\s+(?:the\s+)?(?:file|it)\s+" + _Q + r"|"
            r"[，,]?\s*(?:文件名|文件名称)(?:叫|为|是|用)[:：]?\s*" + _Q,
            re.IGNORECASE,
        ),
        True,
    ),
    (
        "list",
        re.compile(
            r"\blist\s+" + _Q + r"|" + _Q + r"\s+(?:list|audience)\b|"
            r"(?:列表|名单|受众)\s*" + _Q + r"|" + _Q + r"\s*(?:列表|名单|受众)",
            re.IGNORECASE,
        ),
        False,
    ),
]
# the catalog parameter names each kind of value goes into, best first
_FIELDS = {
    "tag": ("tag_names", "tags", "labels", "tag", "tag_id"),
    "priority": ("priority",),
    "subject": ("subject", "email_subject"),
    "file_name": ("file_name", "name", "fileName", "path"),
    "list": ("list", "list_id", "audience_id"),
}


@dataclass(frozen=True)
class Said:
    """A value of ``kind`` the request names for an action's parameter."""

    kind: str
    value: str


def cut_values(text: str) -> tuple[str, list[Said]]:
    """``text`` without the words naming parameter values, and the values (in order)."""
    said: list[Said] = []
    for kind, pattern, cut in _PATTERNS:
        if any(s.kind == kind for s in said):
            continue
        m = next((m for m in pattern.finditer(text) if not _said_of_the_item(text, m)), None)
        if m is None:
            continue
        value = next((g for g in m.groups() if g), None)
        if kind == "priority" and value:
            value = _PRIO_ZH.get(value, value.lower())
        said.append(Said(kind, value if value is not None else TODAY))
        if cut:
            text = " ".join((text[: m.start()] + " " + text[m.end() :]).split())
    return text, said


# "is tagged 'urgent'", "被打上“紧急”标签时", "when its priority is high": a state of the
# item (a condition or an event), not a value the action sets
_STATE_BEFORE = re.compile(
    r"(?:\b(?:is|are|was|were|be|been|gets?|got|has|have|had|if|when|whenever|once)"
    r"(?:\s+\w+)?|被|已|已经|如果|当)\s*$",
    re.IGNORECASE,
)
_STATE_AFTER = re.compile(r"^\s*(?:时|的时候|之后|后|的话)")


# "When a new Jira issue labelled 'security' is created": a value said of the item inside
# a when-clause, before any action verb
_IN_WHEN = re.compile(
    r"(?:^|[.;!?。；！？]\s*)(?:when|whenever|once|every time|each time|as soon as)\b"
    r"(?![^,;.]*\b(?:create|add|send|post|make|open|put|save|file|log|tag|label|mark|set)\b)"
    r"[^,;.]*$",
    re.IGNORECASE,
)


# "the issues labelled 'bug'": a participle on a noun (no pronoun after it)
_PARTICIPLE = re.compile(r"^[\s,]*(?:and\s+)?(?:tagged|labell?ed)\s+(?!them|it|him|her|each)", re.I)
_CLAUSE_END = re.compile(r"[.;!?。；！？]")


def _on_read_noun(text: str, m: re.Match[str]) -> bool:
    """A participle ("labelled 'bug'") on the noun of a read or a keep ("pull the issues
    labelled 'bug'", "keep only the ones tagged 'urgent'"): the items read are picked by it,
    when no write verb comes between the read's verb and it."""
    if not _PARTICIPLE.match(m.group(0)):
        return False
    head = _CLAUSE_END.split(text[: m.start()])[-1]
    reads = [r.end() for p in (lx.READ_VERB, lx.FILTER) for r in p.finditer(head)]
    writes = [w.end() for p in (lx.CREATE_VERB, lx.UPDATE_VERB) for w in p.finditer(head)]
    return bool(reads) and max(reads) > max(writes, default=-1)


def _said_of_the_item(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 20) : m.start()]
    if _IN_WHEN.search(text[: m.start()]) or _on_read_noun(text, m):
        return True
    return bool(_STATE_BEFORE.search(before) or _STATE_AFTER.match(text[m.end() :]))


def with_values(
    steps: list[Step], said: list[Said], index: ServiceIndex, cat: Catalog
) -> list[Step]:
    """``steps`` with each said value in the first step that has a parameter for it."""
    for value in said:
        steps, placed = _place(steps, value, index, cat)
        if not placed and value.kind == "tag":
            steps = _tag_step_after(steps, value, index, cat)
    return steps


def _tag_step_after(
    steps: list[Step], value: Said, index: ServiceIndex, cat: Catalog
) -> list[Step]:
    """``steps`` with the tag put on by the app's own tag operation, right after the first
    step of an app that has one ("add them to ActiveCampaign and tag them 'VIP'": the
    contact's create has no tag field, its contactTag add does)."""
    for i, step in enumerate(steps):
        if not isinstance(step, ServiceStep) or step.app not in index.apps:
            continue
        app = index.apps[step.app]
        for rkey, res in app.resources.items():
            if rkey == step.resource or not {"tag", "标签"} & set(res.names.all()):
                continue
            for okey in res.operations:
                tagged = ServiceStep(step.app, rkey, okey, phrase=step.phrase)
                key = _field_for("tag", _fields_of(tagged, index, cat), tagged)
                if key is not None:
                    frag = _fields_of(tagged, index, cat)[key]
                    params = {key: _shaped(value, frag)}
                    made = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", step.resource or "").lower()
                    if f"{made}_id" in _fields_of(tagged, index, cat):
                        params[f"{made}_id"] = "{{ $json.id }}"  # the record just made
                    return [*steps[: i + 1], replace(tagged, params=params), *steps[i + 1 :]]
    return steps


def _place(
    steps: list[Step], value: Said, index: ServiceIndex, cat: Catalog
) -> tuple[list[Step], bool]:
    out = list(steps)
    for i, step in enumerate(out):
        if isinstance(step, Branch):
            cases = []
            done = False
            for c in step.cases:
                inner, hit = (
                    (list(c.steps), True) if done else _place(list(c.steps), value, index, cat)
                )
                done = done or hit
                cases.append(Case(c.condition, tuple(inner)))
            if done:
                out[i] = replace(step, cases=tuple(cases))
                return out, True
            continue
        if isinstance(step, Loop):
            inner, hit = _place(list(step.steps), value, index, cat)
            if hit:
                out[i] = replace(step, steps=tuple(inner))
                return out, True
            continue
        fields = _fields_of(step, index, cat)
        key = _field_for(value.kind, fields, step)
        shaped = _shaped(value, fields[key], key) if key is not None else None
        if key is not None and shaped is not None and isinstance(step, (ServiceStep, CoreStep)):
            params = {**step.params, key: shaped}
            out[i] = replace(step, params=params)
            return out, True
    return out, False


def _fields_of(step: Step, index: ServiceIndex, cat: Catalog) -> dict[str, dict[str, Any]]:
    """The parameter schemas of ``step``'s operation (or core node)."""
    if isinstance(step, ServiceStep) and step.app in index.apps and step.resource:
        op = index.apps[step.app].operation(step.resource, step.operation or "")
        if op is not None:
            return {k: f.schema_fragment() for k, f in op.fields.items()}
    if isinstance(step, CoreStep):
        spec = cat.get(step.subtype)
        if spec is not None:
            props = spec.parameters.get("properties", {})
            return {k: v for k, v in props.items() if isinstance(v, dict)}
    return {}


def _field_for(kind: str, fields: dict[str, dict[str, Any]], step: Step) -> str | None:
    for key in _FIELDS[kind]:
        if key not in fields:
            continue
        if kind == "file_name" and key == "name" and not _about_files(step):
            continue  # a project's or a contact's name is no file name
        return key
    return None


def _about_files(step: Step) -> bool:
    if isinstance(step, ServiceStep):
        said = f"{step.resource} {step.operation}".lower()
        return "file" in said or "upload" in said
    return False


def _shaped(value: Said, frag: dict[str, Any], key: str = "") -> Any:
    """``value`` in the shape ``frag`` (a JSON Schema fragment) asks for."""
    if value.kind == "file_name" and key == "path":
        return "/" + value.value.lstrip("/")  # a file's name as its path (Dropbox, FTP)
    if value.kind == "priority":
        return _priority(value.value, frag)
    if frag.get("type") == "array":
        items = frag.get("items", {})
        if isinstance(items, dict) and items.get("type") == "object":
            return [{"label": value.value}]  # labels said as {label: name} (GitHub, GitLab)
        return [value.value]
    return value.value


def _priority(word: str, frag: dict[str, Any]) -> Any:
    """The schema's value for a priority word: the enum member of that name, the number
    the description gives it ("1 urgent, 2 high"), next to urgent when only urgent is
    numbered ("1 (normal) to 4 (urgent)"), else the word as the description spells it."""
    enum = frag.get("enum") or []
    desc = str(frag.get("description", ""))
    word = {"highest": "urgent", "lowest": "low"}.get(word, word)
    for member in enum:
        if isinstance(member, str) and member.lower() == word:
            return member
    numbered = {
        m.group(2).lower(): int(m.group(1)) for m in re.finditer(r"(\d)\s*\(?\s*([A-Za-z]+)", desc)
    }
    if word in numbered:
        return numbered[word]
    if word == "high" and "urgent" in numbered and enum and all(isinstance(e, int) for e in enum):
        top = numbered["urgent"]
        return top - 1 if top == max(enum) else top + 1
    if enum:
        return None  # no member fits the word: leave the node's default
    spelled = re.search(r"\b" + re.escape(word) + r"\b", desc, re.IGNORECASE)
    return spelled.group(0) if spelled else word.capitalize()
