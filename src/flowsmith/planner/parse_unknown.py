"""A service the catalog does not know, said by name ("post it to Hacker News", "用Odoo建订单").

Invariant: a word becomes an unknown-service step only when it stands where a service name
stands. Words that are not services never do: the trigger's own transport ("POSTs … to a
webhook", "…会调我们的webhook"), an HTTP verb, a value glossed in brackets ("按月定期捐的
（subscription）"), a segment word qualifying a person noun ("VIP客户", "KOL用户"), a tag value
("有vip标签的"), one more field in the list an AI extracts ("vendor, amount and VAT") and
the thing the user asks to be built ("帮我做个记账bot"). Pure: reads the clause and the
context.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner import parse_roles as roles
from flowsmith.planner.parse_context import CAPS, CJK, NOT_NAMES, TOKEN, Context

# "assign it to Anna", "ask John": the capitalised word after these is a person
_TO_PERSON = re.compile(
    r"\b(?:assign\w*(?:\s+(?:it|them|this|the\s+\w+))?\s+to|ask|tell|remind|ping|notify|email|"
    r"cc|invite|thank|message|dm|call|text|mention)\s+$",
    re.IGNORECASE,
)
_CONTAINER_AFTER = re.compile(
    r"\s+(?:list|sheet|spreadsheet|table|tab|board|channel|folder|database|project|group|"
    r"column|audience|segment|queue|inbox|calendar|repo|repository|page|file)s?\b",
    re.IGNORECASE,
)
# an HTTP method said as a verb ("our app POSTs a confirmation", "PUTs a notice"): how data
# travels, never a service
_HTTP_VERB = re.compile(r"(?:GET|POST|PUT|PATCH|DELETE)(?:s|es|ed|ing)?")
# what a webhook trigger is called: with a webhook start these words describe the start
_TRANSPORT = re.compile(r"(?:web\s?hooks?|hooks?|callbacks?|endpoints?)", re.IGNORECASE)
# "（subscription）" right after Chinese words: a gloss of the value just said
_GLOSS = re.compile(r"[\u4e00-\u9fff”\"]\s*[（(]\s*$")
_GLOSS_END = re.compile(r"\s*[）)]")
# "VIP客户", "KOL用户", "VIP的": a segment of people, not a service
_SEGMENT_AFTER = re.compile(r"(?:客户|用户|会员|客人|顾客|学员|粉丝|员工|级别?|等级|的)")
# "有vip标签的", "status字段": the value of a tag or the name of a field
_VALUE_AFTER = re.compile(r"(?:标签|标记|字段|属性|状态|类型|这一?列|列)")
# "extracts vendor, amount and VAT": one more item of a list just said
_LISTED_BEFORE = re.compile(r"(?:&|,|\band)\s*$", re.IGNORECASE)
# "帮我做个记账bot", "写个小app": the thing being built
_BUILT_BEFORE = re.compile(
    r"(?:做|写|搭|建|弄|搞|开发|创建)(?:一)?个[\u4e00-\u9fff]{0,6}$|(?:build|make|write|create)"
    r"\s+(?:me\s+)?(?:a|an)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def unknown_service(text: str, ctx: Context) -> str | None:
    """A capitalised name the catalog does not know ("Hacker News"), or a Latin name in
    Chinese text ("AI-generated", a resource of an app in play and the words above are
    none)."""
    plain = TOKEN.sub(" ", text).replace("__it__", " ")
    plain = re.sub(r"\b(?:AI|GPT|LLM)-\w+", " ", plain, flags=re.IGNORECASE)
    known = roles.known_words(ctx)  # "在PR下留言" after a GitHub start: the PR is GitHub's
    if CJK.search(plain):
        for m in re.finditer(
            r"[A-Za-z][A-Za-z0-9.&+-]{1,30}(?:\s+[A-Za-z][A-Za-z0-9.&+-]*){0,2}", plain
        ):
            words = m.group(0).split()
            if any(w.lower() in NOT_NAMES for w in words) or all(w.lower() in known for w in words):
                continue
            if not _not_a_service(plain, m.start(), m.end(), ctx):
                return m.group(0)
        return None
    for m in CAPS.finditer(plain):
        if _TO_PERSON.search(plain[: m.start()]):
            continue  # "assign it to Anna", "ask John": a person, not a service
        words = [w for w in m.group(1).split() if w.lower() not in NOT_NAMES | known]
        if not words or _CONTAINER_AFTER.match(plain, m.end()):
            continue  # "the Bugs list", "our Ops channel": the name of a thing, not a service
        # a sentence-initial capital is a name only when several words are capitalised
        if (m.start() == 0 or plain[: m.start()].strip() == "") and len(words) < 2:
            continue
        if _not_a_service(plain, m.start(), m.end(), ctx):
            continue
        return " ".join(words)
    return None


def _not_a_service(plain: str, start: int, end: int, ctx: Context) -> bool:
    """Whether the name at ``plain[start:end]`` is one of the non-service words above."""
    said = plain[start:end].strip()
    if _HTTP_VERB.fullmatch(said):
        return True
    if ctx.trigger_kind == "webhook" and _TRANSPORT.fullmatch(said):
        return True
    before, after = plain[:start], plain[end:]
    if _GLOSS.search(before) and _GLOSS_END.match(after):
        return True
    if CJK.search(plain) and said.isupper() and _SEGMENT_AFTER.match(after):
        return True
    if CJK.search(plain) and _VALUE_AFTER.match(after):
        return True
    if _LISTED_BEFORE.search(before) and lx.THINK["extract"].search(before):
        return True  # "AI extracts vendor, amount and VAT": a field the AI pulls out
    return _BUILT_BEFORE.search(before) is not None
