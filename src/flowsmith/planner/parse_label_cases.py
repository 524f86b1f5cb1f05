"""Two cases said by labels, the second the complement of the first: "Ships outside the EU:
…. Inside the EU: …", "收货地址在海外的…；国内的…", "重复的…；不重复就…", "VIP customers: ….
Non-VIP customers: …", "Push to main: …. Pushes to any other branch: …", "推到main分支的…；
其他分支的…".

A label is the head of a clause before its action: a clause the list's colon left alone
("Internal deals"), the words before the first action verb ("External deals create a task"),
or a Chinese head closed by 的/就/的话. Two labels are complements when the second

* negates the first (不/非/未/没/不在/不是 + the first's tail, "not"/"non-" + its words),
* swaps one word of the first for its antonym (:data:`ANTONYMS`: inside/outside, 国内/国外 …),
* or names "any other <noun>" / "其他<noun>" beside a first label that said one value.

Invariants: the first label opens a case only when a later label of the text is its
complement (the evidence that the two are the cases of one condition); its condition is
the comparison its words say when a reader finds one, else one built from the label (the
field its words name, the value the complement does not share). The complement label is
that branch's other case (its "otherwise"), never a second IF. A label whose action is
nothing ("ignore", "不用管") opens its case with no step. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition
from flowsmith.planner.lexicon_cases import ANTONYMS, PLACE_POLES, PLACES
from flowsmith.planner.parse_cases import NOTHING
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import CJK, TOKEN, Context, unmask
from flowsmith.planner.parse_field_names import field_of
from flowsmith.planner.parse_guards import guess_condition
from flowsmith.planner.parse_steps import clause_actions

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

__all__ = ["complement_next", "label_case", "label_complement"]

_NEG_ZH = re.compile(r"^(?:不是|没有|不|非|未|没|无)")
_NEG_EN = re.compile(r"^(?:not|non)\b[\s-]*|^non-?", re.IGNORECASE)
_OTHER_EN = re.compile(r"\b(?:any|all|every)\s+other\s+([a-z]+)|\bother\s+([a-z]+s)\b", re.I)
_OTHER_ZH = re.compile(r"(?:其他|其它|其余|别的)([\u4e00-\u9fff]{1,3}?)(?:的|$)")
# the rest said with no noun: left to the "otherwise" readers
_REST = re.compile(r"\b(?:else|the rest|others?)\s*$|^(?:其他|其它|其余|剩下|别的)的?$", re.I)
_FILLER_EN = re.compile(r"\b(?:the|a|an|to|in|on|from|for|of|at|with|is|are|ones)\b", re.I)
_FILLER_ZH = re.compile(r"^(?:在|是|为|到)|(?:在|是|为|到|的)$")
_VERB_EN = re.compile(
    r"\b(?:create|add|post|send|email|e-mail|message|notify|update|open|trigger|run|put|log|"
    r"record|forward|tell|ping|text|alert|page|file|move|assign|mark|invite|ignore|skip|do|"
    r"get|go|goes|nothing)\b",
    re.IGNORECASE,
)
_ZH_HEAD = re.compile(r"的话|的|就|则")
_TOKENS = re.compile(r"__\w+?__")
# an if-clause or a "for X" head has readers of its own: no label
_IF_LED = re.compile(
    r"^\s*(?:for|if|when|unless|whenever)\b|^\s*(?:如果|要是|假如|若|当|对于)", re.I
)


def _words(text: str) -> list[str]:
    return [_stem(w) for w in re.findall(r"[A-Za-z][\w-]*", text)]


def _stem(word: str) -> str:
    """ "pushes" -> push, "deals" -> deal: a plural or third person said as its stem."""
    low = word.lower()
    return re.sub(r"(?:(?<=sh)|(?<=ch)|(?<=ss)|(?<=x))es$|(?<!s)s$", "", low)


def _content(text: str) -> list[str]:
    return _words(_FILLER_EN.sub(" ", text))


def _within(part: str, whole: str) -> bool:
    """``part`` is said by ``whole``: its tail (Chinese) or its content words (English)."""
    part, whole = part.strip(), whole.strip()
    if not part:
        return False
    if CJK.search(part):
        return whole.endswith(part) or whole.endswith(_FILLER_ZH.sub("", part))
    said = _content(part)
    return bool(said) and set(said) <= set(_content(whole))


def _negated(head: str) -> str | None:
    m = _NEG_ZH.match(head) if CJK.match(head.strip()) else _NEG_EN.match(head.strip())
    return head.strip()[m.end() :] if m else None


def complement(first: str, second: str) -> tuple[str, str] | None:
    """How ``second`` says the other case of ``first``: ("neg", the negated words),
    ("antonym", the word of ``first`` it swaps) or ("other", the noun), else None."""
    first, second = first.strip(" ,，:："), second.strip(" ,，:：")
    if not first or not second or _negated(first) is not None or _REST.search(second):
        return None
    neg = _negated(second)
    if neg and _within(neg, first):
        return "neg", neg
    for a, b in ANTONYMS:
        for mine, theirs in ((a, b), (b, a)):
            if _has(second, theirs) and _has(first, mine):
                swapped = _swap(second, theirs, mine)
                if _within(swapped, first) or _within(mine, first):
                    return "antonym", mine
    other = _OTHER_EN.search(second) or _OTHER_ZH.search(second)
    if other is not None:
        noun = other.group(1) or other.group(2) if other.re is _OTHER_EN else other.group(1)
        return "other", noun
    return None


def _has(text: str, word: str) -> bool:
    if CJK.search(word):
        return word in text
    return re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) is not None


def _swap(text: str, old: str, new: str) -> str:
    if CJK.search(old):
        return text.replace(old, new, 1)
    return re.sub(rf"\b{re.escape(old)}\b", new, text, count=1, flags=re.IGNORECASE)


def heads(clause: str) -> list[tuple[str, str]]:
    """The (label, action) readings of ``clause``, shortest label first."""
    text = clause.strip(" ,，.。")
    out: list[tuple[str, str]] = []
    if CJK.search(text):
        for m in _ZH_HEAD.finditer(text):
            if 0 < m.start() <= 16:
                out.append((text[: m.start()], text[m.end() :]))
        if len(text) <= 12:
            out.append((text, ""))
        return out
    colon = re.match(r"^([^:]{1,60}):\s*(.*)$", text)
    if colon:
        return [(colon.group(1), colon.group(2))]
    verb = _VERB_EN.search(text)
    if verb is not None and verb.start() > 0 and len(text[: verb.start()].split()) <= 5:
        out.append((text[: verb.start()], text[verb.start() :]))
    if len(text.split()) <= 6 and verb is None:
        out.append((text, ""))
    return out


def _later_heads(b: Builder, clause: str, head: str) -> list[str]:
    """The labels of the text after ``clause`` (found by its words, or by its label when the
    list's colon was taken out of it)."""
    at, said = b.text.find(clause), clause
    if at < 0:
        at, said = b.text.find(head), head
    later = b.text[at + len(said) :] if at >= 0 else ""
    found: list[str] = []
    for part in re.split(r"[.;!?。；！？\n]", later):
        for piece in re.split(r"[:：]", part)[:1] or [part]:
            found.extend(h for h, _ in heads(piece))
        found.extend(h for h, _ in heads(part))
    return found


def _label_condition(head: str, how: tuple[str, str], second: str, ctx: Context) -> Condition:
    """The condition the first label says (see the module's invariants)."""
    phrase = unmask(head, ctx).strip()
    said = _said(head, ctx)
    if said is not None:
        return said
    kind, word = how
    if kind == "other":
        field = field_of(word, "type", ctx)
        value = _value_beside(head, word, second)
        return Condition(field, "eq", value or phrase, phrase)
    if kind == "antonym" and not CJK.search(word) and word.lower() in PLACE_POLES:
        before, _, after = re.split(rf"\b({re.escape(word)})\b", head, maxsplit=1, flags=re.I)
        noun = "_".join(_content(before)) or "country"
        place = " ".join(w for w in after.split() if w.lower() not in ("the", "a", "an"))
        field = noun if noun.endswith("country") else f"{noun}_country"
        if place:
            ne = PLACE_POLES[word.lower()] == "ne"
            return Condition(field, "ne" if ne else "eq", place, phrase)
        return Condition(field, "eq", word.lower(), phrase)
    rest = head.replace(word, " ", 1) if CJK.search(word) else _swap(head, word, " ")
    rest = _FILLER_ZH.sub("", rest.strip()) if CJK.search(rest) else " ".join(_content(rest))
    value = _FILLER_ZH.sub("", word.strip()) if CJK.search(word) else word.strip().lower()
    if len(rest.strip()) < 2:  # "寄到国内", "已付款": a verb or a mark, no field's name
        if any(word in pair for pair in ANTONYMS[:PLACES]):
            return Condition("country", "eq", value, phrase)
        return guess_condition(head) or Condition("status", "eq", phrase, phrase)
    return Condition(field_of(rest, "type", ctx), "eq", value, phrase)


def _said(head: str, ctx: Context) -> Condition | None:
    """The comparison the label's words say to a condition reader, if any."""
    tries = [head] if CJK.search(head) else [head, "if it " + _third(head), "if it is " + head]
    for text in tries:
        cond = parse_condition(text, ctx)
        if cond is not None and cond.op not in ("is_true", "category"):
            return cond
    return None


def _third(head: str) -> str:
    """ "shipping outside the EU" -> "ships outside the EU": a gerund said as a verb."""
    m = re.match(r"^\s*([a-z]+?)(?:(?<=([b-df-hj-np-tv-z]))\2)?ing\b", head, re.IGNORECASE)
    return f"{m.group(1)}s{head[m.end() :]}" if m else head


def _value_beside(head: str, noun: str, second: str) -> str:
    """The value a label says beside "any other <noun>": the word before the noun in the
    label ("推到main分支" -> main), else the last word the other label does not say."""
    if CJK.search(head):
        before = head.split(noun, 1)[0] if noun in head else head
        return re.split(r"到|在|是|为|的", before)[-1].strip()
    theirs = set(_words(second))
    mine = [w for w in re.findall(r"[A-Za-z0-9][\w.-]*", _FILLER_EN.sub(" ", head))]
    left = [w for w in mine if _stem(w) not in theirs]
    return left[-1] if left else ""


def complement_next(b: Builder, clause: str) -> bool:
    """Whether ``clause`` (a next sentence's first) is the open label case's complement:
    the branch then stays open across the sentence end."""
    return _complement_of_open(b, clause) is not None


def _complement_of_open(b: Builder, clause: str) -> str | None:
    br = b.branch
    if br is None or br.closed or len(br.cases) != 1 or br.cases[0].condition is None:
        return None
    said = re.sub(r"^\s*(?:if|when|如果|要是)\s*", "", br.cases[0].condition.phrase, flags=re.I)
    said = re.sub(r"(?:的话|的|就|则)$", "", said.strip(" ,，:："))
    firsts = [said, *(h for h, _ in heads(said))]  # the case's label, or its whole clause
    for head, action in heads(clause):
        hows = [complement(first, head) for first in firsts]
        if any(h is not None and (h[0] != "other" or br.labelled) for h in hows):
            return action
    return None


def label_complement(b: Builder, clause: str, ctx: Context) -> bool:
    """Read ``clause`` as the complement of the open case (its other case: "any other
    <noun>" only after a label this module read); False when it is not one."""
    action = _complement_of_open(b, clause)
    return action is not None and _other_side(b, action, ctx)


def label_case(b: Builder, clause: str, ctx: Context) -> bool:
    """Read ``clause`` as a first label whose complement the text says later (a clause no
    other case reader took); False when it is not one."""
    if b.branch is not None and not b.branch.closed:
        return False
    for head, action in heads(clause):
        if (
            not _TOKENS.sub("", head).strip()
            or _IF_LED.match(head)
            or ctx.index.mentions(head, implicit=False)
        ):
            continue
        for later in _later_heads(b, clause, head):
            how = complement(head, later)
            if how is None or (_verb_led(head) and not _shares(head, later)):
                continue
            steps, nothing = _action(action, ctx)
            if action.strip() and not steps and not nothing:
                continue
            cond = _label_condition(TOKEN.sub(" ", head).strip(), how, later, ctx)
            b.open_case(cond, unmask(head, ctx), same=False)
            if b.branch is not None:
                b.branch.labelled = True
            b.add(steps)
            return True
    return False


def _shares(first: str, second: str) -> bool:
    """The two labels say a word in common ("Push to main", "Pushes to any other branch")."""
    if CJK.search(first):
        return any(ch in second for ch in re.findall(r"[\u4e00-\u9fff]{2}", first))
    return bool(set(_content(first)) & set(_content(second)))


def _verb_led(head: str) -> bool:
    verbs = (lx.CREATE_VERB, lx.UPDATE_VERB, lx.DELETE_VERB, lx.READ_VERB)
    return any(v.match(head.strip()) for v in verbs)


def _action(action: str, ctx: Context) -> tuple[list[object], bool]:
    words = unmask(action, ctx).strip(" ,，.。")
    if not words:
        return [], False
    if NOTHING.match(words):
        return [], True
    return list(clause_actions(action, ctx)), False


def _other_side(b: Builder, action: str, ctx: Context) -> bool:
    steps, nothing = _action(action, ctx)
    if action.strip() and not steps and not nothing:
        return False
    b.otherwise()
    b.add(steps)
    return True
