"""A clause that only says where the items a scheduled or manual flow works on live ("Bookings
are in the 'Bookings' Google Sheet.", "the sessions are in an Airtable table called Sessions",
"会员打卡记录在Airtable", "活动都记在Notion数据库里"): the flow reads them there first.

Said alone such a clause names an app and no verb, so the clause parser took the app as a
place to write to (an append of nothing), and the steps that use the items ("email the guests
arriving in two days") worked on nothing. The clause is taken out and said again as a read at
the front of the text ("Read the bookings from the 'Bookings' Google Sheet." /
"从Airtable读取会员打卡记录，"), so the read is upstream of every step, wherever the statement
stood (before or after the steps).

Invariants: only a whole clause (between sentence or clause marks) of the form
"<items> are/is/live (kept|stored|…) in <place>" / "<items>(都)(记|存|放|…)在<place>(里)"
is taken; its place names exactly one catalog app and no verb, its items name no app; when the
rest of the text names that app again, the clause is only dropped (the rest says what is done
there). Only the caller decides when (a start that brings no items). Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.services import ServiceIndex

__all__ = ["kept_as_read"]

# a clause and the marks that end it (a "." only before a space or the end: not "10.5")
_CLAUSE = re.compile(r"(?:[^.!?。！？；;，,：:]|\.(?!\s|$))+(?:[.!?。！？；;，,：:]+|$)")
_EN = re.compile(
    r"(?P<items>(?:(?:all|our|my|the|their|your)\s+){0,2}[a-z][\w'’ -]{0,40}?)\s+"
    r"(?:are|is|live|lives|sit|sits)\s+(?:all\s+)?"
    r"(?:(?:kept|stored|listed|tracked|logged|recorded|saved|held|managed|entered)\s+)?"
    r"in\s+(?P<place>.+)",
    re.IGNORECASE,
)
_ZH = re.compile(
    r"(?P<items>[^，。；：:]{1,20}?)(?:都|全都|全部|一般)?"
    r"(?:记录|记|存放|保存|存|放|登记|录|维护)?在(?P<place>[^，。；：:]+?)(?:里面|里|中|上)?"
)
# a time or a run said before the items ("每天早上8点…"): not a statement of a place
_WHEN = re.compile(r"每|\b(?:every|each|when|whenever|if|once)\b|如果|要是|当", re.IGNORECASE)
# what a Chinese place may say besides the app and a quoted name: its container, no action
# ("Notion的'面试'数据库", "Google表格'客户'"; not "Google表格里记一笔")
_ZH_PLACE = re.compile(
    r"(?:\s|的|里|中|上|内|数据库|多维表格|表格|工作表|表|文档|页面|看板|列表|名单|文件夹|空间|库|"
    r"base|table|sheet|database|tab|board|list|folder)*",
    re.IGNORECASE,
)
_VERBS = (lx.CREATE_VERB, lx.READ_VERB, lx.UPDATE_VERB, lx.DELETE_VERB, lx.NOTIFY_WORD)


# "email the parents (their addresses are in the 'Bookings' sheet)": the statement as an aside
_ASIDE = re.compile(r"\s*[（(](?P<c>[^()（）]{6,120})[)）]")


def kept_as_read(text: str, index: ServiceIndex) -> str:
    """``text`` with each clause saying where items live taken out and a read of them said
    at its front (see the module's invariants); ``text`` itself when none does. A statement
    said in brackets is such a clause too."""
    text = _asides_said(text, index)
    clauses = [m.group(0) for m in _CLAUSE.finditer(text)]
    reads: list[str] = []
    kept: list[str] = []
    for i, clause in enumerate(clauses):
        rest = "".join(clauses[:i] + clauses[i + 1 :])
        said = _read_said(clause, rest, index)
        if said is None:
            kept.append(clause)
        elif said:
            reads.append(said)
    if len(kept) == len(clauses) or not kept:
        return text
    return "".join(reads) + "".join(kept).lstrip()


def _asides_said(text: str, index: ServiceIndex) -> str:
    """``text`` with each bracketed statement of where items live said as a read at its
    front ("" when the rest names the app), the brackets taken out."""
    reads: list[str] = []

    def said(m: re.Match[str]) -> str:
        rest = text[: m.start()] + text[m.end() :]
        read = _read_said(m.group("c"), rest, index)
        if read is None:
            return m.group(0)
        reads.append(read)
        return ""

    out = _ASIDE.sub(said, text)
    return "".join(reads) + out if reads else text


def _read_said(clause: str, rest: str, index: ServiceIndex) -> str | None:
    """The read ``clause`` says when it only says where items live ("" when the rest names
    the app itself); None when it says something else."""
    body = clause.strip().rstrip(".!?。！？；;，,：: ")
    zh = bool(re.search(r"[\u4e00-\u9fff]", body[:2])) or "在" in body
    m = (_ZH if zh else _EN).fullmatch(body)
    if m is None or _WHEN.search(m.group("items")):
        return None
    items, place = m.group("items").strip(), m.group("place").strip()
    apps = {x.app for x in index.mentions(place) if x.app}
    if len(apps) != 1 or any(x.app for x in index.mentions(items)):
        return None
    if _has_verb(place, index) or (zh and not _ZH_PLACE.fullmatch(_bare(place, index))):
        return None
    app = next(iter(apps))
    if any(x.app == app for x in index.mentions(rest)):
        return ""
    if zh:
        return f"从{place}读取{items}，"
    return f"Read {_the(items)} from {place}. "


def _has_verb(place: str, index: ServiceIndex) -> bool:
    """Whether ``place`` says an action besides the app's name ("in Slack to remind him")."""
    bare = _bare(place, index)
    return any(v.search(bare) for v in _VERBS)


def _bare(place: str, index: ServiceIndex) -> str:
    """``place`` without its app names and quoted names."""
    for x in index.mentions(place):
        place = place.replace(x.word, " ")
    return re.sub(r"'[^']*'|‘[^’]*’|“[^”]*”|\"[^\"]*\"|「[^」]*」", " ", place)


def _the(items: str) -> str:
    """``items`` as the object of a read ("the bookings"; "our invoices" as said)."""
    if re.match(r"(?:all|our|my|the|their|your)\b", items, re.IGNORECASE):
        return items
    return f"the {items[:1].lower()}{items[1:]}"
