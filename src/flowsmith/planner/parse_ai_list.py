"""An AI said to sort the item into categories it names in a list, then one clause per
category: "AI sorts it into new client inquiry / existing case / spam -> new clients become a
HubSpot contact, existing case emails get forwarded to …, spam is ignored", "AI分成 报价 /
投诉 / 其他 -> 报价的建…，投诉的转发给…".

The list says the classifier's categories; the clauses after it open with (part of) a
category's words. The AI clause is re-said as the words the AI-sorting reader takes ("have AI
classify it", "让AI分类"), and each English clause head that says a category's words in order
("new clients", "existing case emails") is re-said as that category's one-word name and "ones"
("new_client_inquiry ones"), the head the category readers take.

Invariants: the text changes only when the list holds two categories or more and at least two
clauses after it open with a category's first word; a clause head is re-said only when its
first word is the first word of exactly one category; Chinese heads are left as said (their
readers take "X的"). Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.parse_ai_asked import AI_NAME

__all__ = ["ai_listed_categories"]

_ITEM = r"[\w\u4e00-\u9fff][\w\u4e00-\u9fff' -]{0,30}?"
_SORTED = re.compile(
    r"(?P<ai>\b" + AI_NAME + r")\s+(?:then\s+)?"
    r"(?:sorts?|classif(?:y|ies)|categori[sz]es?|splits?|buckets?|triages?)\s+"
    r"(?:it|them|each(?:\s+one)?|the\s+\w+)\s+(?:into|as)\s+(?:one\s+of\s+)?"
    r"(?P<en>" + _ITEM + r"(?:\s*(?:/|,|\bor\b)\s*" + _ITEM + r")+?)"
    r"(?=\s*(?:->|→|=>|[.;:]|$))|"
    r"(?P<zai>" + AI_NAME + r")\s*(?:把它|把它们)?\s*(?:分成|分为|归为|归类为|分类成|分类为)\s*"
    r"(?P<zh>" + _ITEM + r"(?:\s*[/、,，]\s*" + _ITEM + r")+?)(?=\s*(?:->|→|=>|[。；;]|$))",
    re.IGNORECASE,
)
_LEAD_ARROW = re.compile(r"^\s*(?:->|→|=>)\s*")
_SEP = re.compile(r"\s*(?:/|,|、|，|\bor\b)\s*", re.IGNORECASE)
_GENERIC = frozenset(
    {
        "ones",
        "one",
        "emails",
        "email",
        "messages",
        "message",
        "items",
        "item",
        "tickets",
        "ticket",
        "requests",
        "request",
        "inquiries",
        "inquiry",
        "leads",
        "lead",
        "people",
    }
)
_CLAUSE_START = re.compile(r"(?:^|(?<=->)|(?<=→)|(?<=[,;.:]))\s*(?:and\s+)?(?:the\s+|all\s+)?")


def ai_listed_categories(text: str) -> str:
    """``text`` with an AI sorting into a listed set of categories said as the AI-sorting and
    category readers take it (unchanged unless two clauses after it head with categories)."""
    m = _SORTED.search(text)
    if m is None:
        return text
    listed = m.group("en") or m.group("zh") or ""
    cats = [c.strip(" '\"") for c in _SEP.split(listed) if c.strip(" '\"")]
    if len(cats) < 2 or not _needs_saying(listed, cats, text[m.end() :]):
        return text
    # the arrow after the list leads into the cases, as the colon the readers take
    after = _LEAD_ARROW.sub(": ", text[m.end() :], count=1)
    if m.group("zh"):
        return f"{text[: m.start()]}让AI分类{after}"
    said, count = _heads_said(after, cats)
    if count < 2:
        return text
    before = re.sub(r"\b(?:have|let|get|use)\s+$", "", text[: m.start()], flags=re.IGNORECASE)
    return f"{before}have AI classify it{said}"


def _needs_saying(listed: str, cats: list[str], after: str) -> bool:
    """Whether the readers need the list re-said: it is split by slashes, a category takes
    several words, or an arrow leads into the cases; "classify it as billing, technical or
    sales; billing goes to …" is read as said."""
    return "/" in listed or any(" " in c for c in cats) or bool(_LEAD_ARROW.match(after))


def _singular(word: str) -> str:
    return re.sub(r"(?<=\w\w)(?:ies)$", "y", re.sub(r"(?<=\w\w\w)s$", "", word.lower()))


def _heads_said(after: str, cats: list[str]) -> tuple[str, int]:
    """``after`` with each clause head that says a category re-said as its one-word name."""
    words = [[_singular(w) for w in c.split()] for c in cats]
    count = 0

    def head(start: re.Match[str]) -> str:
        nonlocal count
        rest = after[start.end() :]
        toks = re.match(r"(?:[\w'-]+\s*){1,5}", rest)
        if toks is None:
            return start.group(0)
        said = toks.group(0).split()
        first = _singular(said[0])
        hits = [i for i, w in enumerate(words) if w and w[0] == first]
        if len(hits) != 1:
            return start.group(0)
        cat = words[hits[0]]
        n = 1
        while n < len(said) and n < len(cat) and _singular(said[n]) == cat[n]:
            n += 1
        if n < len(said) and said[n].lower() in _GENERIC:
            n += 1
        count += 1
        key = "_".join(cat)
        return start.group(0) + "\0" + key + " ones" + "\0" + str(n)

    marked = _CLAUSE_START.sub(head, after)
    # drop the head words each mark replaces
    out = re.sub(
        r"\0(?P<k>[^\0]+)\0(?P<n>\d+)(?P<r>(?:[\w'-]+\s*)+)",
        lambda x: x.group("k") + " " + " ".join(x.group("r").split(" ")[int(x.group("n")) :]),
        marked,
    )
    return out, count
