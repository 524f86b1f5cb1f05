"""Sentences and clauses of a request: where one step's words end and the next begin.

Invariants: :func:`sentences` splits on sentence punctuation only; :func:`clauses_then`
splits a sentence on commas, "and"/"then" and their Chinese forms, except inside a list
of values ("classify it as billing, technical or other"), a list of fields ("with name
and email") or a list of what an extraction takes ("extract the amount and due date"),
each of which stays one clause; each clause carries whether "then"/"然后" led into it.
Pure: regexes only; :func:`led_by_then` marks a step a "then" led into.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import CoreStep, ServiceStep
from flowsmith.planner.text import mask_quotes, unmask_quotes


def sentences(text: str) -> list[str]:
    """The sentences of ``text``; a stop inside quotes ends none (it is the user's text)."""
    masked, spans = mask_quotes(text)
    parts = lx.SENTENCE_SPLIT.split(masked)
    return [unmask_quotes(s, spans).strip() for s in parts if s and s.strip(" ,，")]


def clauses(sentence: str) -> list[str]:
    return [c for c, _ in clauses_then(sentence)]


def clauses_then(sentence: str) -> list[tuple[str, bool]]:
    """The clauses of a sentence, each with whether "then"/"然后" led into it; a quoted name
    or text stays whole in its clause (no comma, "then", "再" … inside quotes splits)."""
    sentence = _LIST.sub(lambda m: re.sub(r"\s*,\s*", " / ", m.group(0)), sentence)
    sentence = _FIELD_LIST.sub(_joined_fields, sentence)
    sentence, spans = mask_quotes(sentence)
    return [(unmask_quotes(c, spans), then) for c, then in _split_then(sentence)]


def _split_then(sentence: str) -> list[tuple[str, bool]]:
    """:func:`clauses_then` on a sentence whose quoted spans are masked."""
    parts = re.split(f"({lx.CLAUSE_SPLIT.pattern})", sentence, flags=re.IGNORECASE)
    out: list[tuple[str, bool]] = []
    then = False
    for i, part in enumerate(parts):
        if i % 2:  # a separator
            and_ = re.fullmatch(r"\s+and\s+", part, re.IGNORECASE)
            listed = and_ or re.fullmatch(r"\s*[,，]\s*", part)
            joined = (
                out
                and i + 1 < len(parts)
                and (
                    (and_ and (_bare_noun(out[-1][0]) or _reads_more(out[-1][0], parts[i + 1])))
                    or (and_ and _both_approve(out[-1][0], parts[i + 1]))
                    or (listed and _extracts_more(out[-1][0], parts[i + 1]))
                )
            )
            if joined:
                parts[i + 1] = f"{out.pop()[0]} & {parts[i + 1]}"  # "phone and email": a list
                continue
            # "先建客户，再开发票": 再 leads into a step that waits for the one before
            then = then or bool(re.search(r"\bthen\b|然后|接着|再", part))
            continue
        if part and part.strip(" ,，"):
            out.append((part.strip(), then))
            then = False
    return out


# "both the team lead and the CFO must approve": two people, one ask
_BOTH = re.compile(r"\bboth\s+(?:the\s+|my\s+|our\s+)?[\w-]+(?:\s+[\w-]+)?$", re.IGNORECASE)


def _both_approve(before: str, after: str) -> bool:
    return _BOTH.search(before) is not None and lx.APPROVAL.search(after) is not None


# the verbs that make a clause a step of its own on some data
_DATA_VERBS = (
    lx.CREATE_VERB,
    lx.READ_VERB,
    lx.UPDATE_VERB,
    lx.DELETE_VERB,
    lx.SOURCE_VERB,
    lx.COPY_VERB,
)


def _bare_noun(clause: str) -> bool:
    """A clause of one or two lower-case words and no verb ("phone", "job title")."""
    words = clause.strip(" ,，").split()
    if not 1 <= len(words) <= 2 or not all(re.fullmatch(r"[a-z_]+", w) for w in words):
        return False
    if any(w in ("it", "them", "this", "that", "these", "those", "me", "us") for w in words):
        return False  # "summarise it": a verb and its object
    verbs = (*_DATA_VERBS, lx.FILTER, lx.SORT, lx.DEDUPE, lx.RESPOND, *lx.THINK.values())
    return not any(p.search(clause) for p in verbs)


def _reads_more(clause: str, after: str) -> bool:
    """ "get the views and likes of my last 10 YouTube videos": a read whose object is said
    alone ("get the views") and what follows "and" is one more noun of the same read, with
    no verb and no destination of its own."""
    said = lx.READ_VERB.search(clause)
    if said is None or len(clause[said.end() :].split()) > 3:
        return False
    words = after.strip(" ,，").split()
    if not 1 <= len(words) <= 10 or not re.match(r"[a-z]", words[0]):
        return False
    verbs = (*_DATA_VERBS, lx.NOTIFY_WORD, lx.EMAIL_WORD, lx.SMS_WORD, lx.RESPOND)
    return re.search(r"\bof\b", after) is not None and not any(p.search(after) for p in verbs)


_COMPARED = re.compile(
    r"\d\s*[\u4e00-\u9fff]{0,2}\s*(?:以上|以下|以内|之上|之下)|超过|低于|高于|大于|小于"
)


# a total said as a noun ("total", "the grand total", "total amount"): a field to extract
_TOTAL_NOUN = re.compile(
    r"(?:(?:the|its|their|a)\s+)?(?:(?:grand|invoice|order|net|gross|tax)\s+)?(?:sub)?total"
    r"(?:\s+(?:amount|due|price|cost|value))?",
    re.IGNORECASE,
)


def _extracts_more(clause: str, after: str) -> bool:
    """ "extract the amount and due date with AI": what follows "and" has no verb of its own,
    so it is one more thing the extraction takes, not a step."""
    if not lx.THINK["extract"].search(clause):
        return False
    words = after.strip(" ,，").split()
    if _THEN_LEAD.match(after):
        return False  # "extract vendor and VAT, then bill in QuickBooks": the next step
    if _COMPARED.search(after):
        return False  # "…，工作年限5年以上的再…": a case on a field, not one more field
    if re.fullmatch(r"(?:the |their |its )?e-?mail(?: address)?", after.strip(), re.IGNORECASE):
        return True  # "extract the name, email and phone": the address is a field
    if _TOTAL_NOUN.fullmatch(after.strip(" ,，")):
        return True  # "pull out the invoice number, vendor and total": the total is a field
    verbs = (
        *_DATA_VERBS,
        lx.NOTIFY_WORD,
        lx.EMAIL_WORD,
        lx.SMS_WORD,
        lx.TO_WORD,
        lx.RESPOND,
        *(p for kind, p in lx.THINK.items() if kind != "prompt"),
    )
    return 1 <= len(words) <= 6 and not any(p.search(after) for p in verbs)


# "receives JSON with name and email": the fields an item has, one clause (not an action)
_FIELD_LIST = re.compile(
    r"\b(?:[Ww]ith|[Ww]ithout|containing|including|has|have|fields?|columns?)\s+"
    r"(?:(?:the|their|its|a|an)\s+)?[a-z_]+(?:\s*,\s*[a-z_]+)*\s+and\s+"
    r"(?!(?:a|an|the|my|our|then|also|their|its|then)\b)(?P<last>[a-z_]+)\b"
)


def _joined_fields(m: re.Match[str]) -> str:
    last = m.group("last")
    verbs = (lx.CREATE_VERB, lx.READ_VERB, lx.UPDATE_VERB, lx.DELETE_VERB)
    if any(p.fullmatch(last) for p in verbs) and not re.fullmatch(r"e-?mail", last, re.I):
        return m.group(0)
    if re.match(r"(?:the|a|an|my|our|them|it)\b", m.string[m.end() :].strip(), re.I):
        return m.group(0)  # "with AI and email the team": a verb with its object
    return m.group(0)[: m.start("last") - m.start()].replace(" and ", " & ") + last


# "classify it as billing, technical or other": one clause, its commas are a list's
_LIST = re.compile(
    r"\b(?:as|into|either|(?:whether|if)\s+(?:it|the\s+\w+)\s+(?:is|'s)(?:\s+an?)?)\s+"
    r"[\"'“‘]?[\w-]+[\"'”’]?(?:\s*,\s*(?:an?\s+)?[\"'“‘]?[\w-]+[\"'”’]?)+,?\s+"
    r"(?:or|and)\s+(?:an?\s+)?[\"'“‘]?[\w-]+|"
    r"\b[a-z0-9][\w.-]*(?:\s*,\s*[a-z0-9][\w.-]*)+,?\s+(?:or|and)\s+[a-z0-9][\w.-]*\s+"
    r"(?=(?:e-?mail\s+)?(?:address(?:es)?|e-?mails?|accounts?|domains?)\b)|"  # "a gmail, yahoo …"
    r"\b(?:is|are)\s+(?:either\s+|one of\s+)?[\"'“‘][^\"'”’]{1,30}[\"'”’]"
    r"(?:\s*,\s*[\"'“‘][^\"'”’]{1,30}[\"'”’])+,?\s+or\s+[\"'“‘]",
    re.IGNORECASE,
)


_THEN_LEAD = re.compile(r"^\W*(?:and\s+)?then\b|^\W*(?:然后|接着)", re.IGNORECASE)


def led_by_then(step: Any) -> Any:
    """``step`` (a service or core step) with "then" / "然后" kept at the head of its phrase,
    so the compiler still sees that it waits for the write before it (the clause split
    dropped the word); other steps unchanged."""
    if not isinstance(step, (ServiceStep, CoreStep)) or _THEN_LEAD.search(step.phrase):
        return step
    lead = "然后" if re.search(r"[\u4e00-\u9fff]", step.phrase) else "then "
    return replace(step, phrase=lead + step.phrase)
