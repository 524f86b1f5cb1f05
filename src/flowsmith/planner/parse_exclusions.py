"""Exclusions: a condition said as what NOT to do, after the actions it limits.

"Skip all of that for wholesale orders", "Spam submissions must not create anything",
"Never email guests whose company is Acme", "…, but not for tickets whose priority is low",
"标签是test的订单全部跳过", "金额小于1000的除外", "评分低于3分的就不用通知了",
"匿名捐款只存档不发邮件".

:func:`cut_exclusions` takes such sentences out of the text before the steps are read (read
as steps, their words made spurious nodes: "create_us", a second Facebook post);
:func:`with_exclusions` then puts ONE condition on the subset's field before the steps the
exclusion covers, letting through everything but the subset. What it covers: every write
said before it ("all of that", "anything", "跳过", "除外"), or only the steps its own words
name (an app from the catalog, or an email / SMS / message said as the verb: "should not get
the email", "不发短信"); reads, AI steps and transforms before it stay unguarded, since the
condition tests what they produced. Steps it does not cover run on every path. When the
excluded get something else ("VIP的发到Slack"), those steps go on the subset's own output.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from flowsmith.planner.exclusion_scope import guard_covered, negated
from flowsmith.planner.frame import Condition, ServiceStep, Step, walk
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import CJK, Context
from flowsmith.planner.parse_windows import read_window


@dataclass(frozen=True)
class Exclusion:
    """One exclusion: ``subset`` names the excluded items, ``scope`` what is not done for
    them ("" or an all-word: every write; "last": the write just before), ``elsewhere``
    what they get instead ("" for nothing); ``kept`` turns it round."""

    subset: str
    scope: str
    elsewhere: str = ""
    kept: bool = False  # "but only when …": ``subset`` names the items that DO get the steps


# --- English ------------------------------------------------------------------------------------

_NOT = (
    r"(?:must\s+not|mustn't|should\s+not|shouldn't|should\s+never|must\s+never|never|"
    r"do\s+not|don't|does\s+not|doesn't|are\s+not\s+to|is\s+not\s+to|cannot|can't|won't|"
    r"will\s+not|need\s+not|shall\s+not)"
)
_EN_SUBJECT_NOT = re.compile(
    rf"^(?P<subset>(?!(?:i|we|you|it|they|he|she|if|when|whenever|please|and|but|then|so|"
    rf"every|each|also)\b)[\w'‘’\"“”-]+(?:\s+[^,]+?)?)\s+{_NOT}\s+(?P<scope>.+)$",
    re.IGNORECASE,
)
_EN_SUBJECT_IGNORED = re.compile(
    r"^(?P<subset>(?!(?:i|we|you|it|they|if|when|please)\b)[^,]+?)\s+(?:should|must|can|are to|"
    r"will|may)\s+(?:all\s+)?(?:be\s+)?(?P<scope>ignored|skipped|excluded|left\s+out|left\s+alone)\b",
    re.IGNORECASE,
)
_EN_SKIP = re.compile(
    r"^(?:but\s+)?(?:please\s+)?(?:skip|ignore|exclude|leave\s+out|"
    r"(?:don't|do\s+not|never)\s+(?:do|run|send|process)|do\s+nothing)"
    r"(?P<scope>(?:\s+(?:all|any|of|that|this|these|those|it|them|anything|everything|"
    r"the\s+whole\s+thing|steps?))*|\s+the\s+(?!whole\b)[\w-]+(?:\s+(?!(?:for|when|if|where|on|with)\b)"
    r"[\w-]+)?)\s+(?:for|when|if|where|on|with)\s+(?P<subset>.+)$",
    re.IGNORECASE,
)
# "If the phone column is empty skip them.", "If the priority is low, ignore it.": the
# condition first, then the item dropped (every write said before it, or the step named)
_EN_IF_SKIP = re.compile(
    r"^(?:but\s+)?(?:if|when|whenever)\s+(?P<subset>[^,;]+?)\s*,?\s+(?:then\s+)?"
    r"(?:just\s+|simply\s+)?(?:skip|ignore|drop|discard)"
    r"(?P<scope>(?:\s+(?:it|them|that|this|these|those|the\s+[\w-]+(?:\s+[\w-]+)?))?)$",
    re.IGNORECASE,
)
_EN_SKIP_OBJECT = re.compile(
    r"^(?:but\s+)?(?:please\s+)?(?:skip|ignore|exclude|leave\s+out)\s+(?P<subset>.+)$",
    re.IGNORECASE,
)
_EN_NEVER = re.compile(
    r"^(?:but\s+)?never\s+(?P<scope>[a-z]+(?:\s+(?:to|it|them))?)\s+(?P<subset>.+)$",
    re.IGNORECASE,
)
# "…, but not for tickets whose priority is low": the write just before
_EN_BUT_NOT = re.compile(
    r"[,;]\s*(?:but\s+)?(?:not|except)\s+(?:for|when|if)\s+(?P<subset>[^,;]+)$", re.IGNORECASE
)
# "…should be shared on LinkedIn, but skip any item whose title contains 'hiring'": the item
# is skipped, so every write said before it
_EN_BUT_SKIP = re.compile(
    r"[,;]\s*(?:but\s+)?(?:skip|ignore|exclude|leave\s+out)\s+(?P<subset>[^,;]+)$", re.IGNORECASE
)
# "email the customer and create a page — except when the amount is below 5": after a dash,
# the whole sentence before it
_EN_DASH_NOT = re.compile(
    r"\s[—–-]{1,2}\s*(?:but\s+)?(?:not|except)\s+(?:for|when|if)\s+(?P<subset>[^,;—–]+)$",
    re.IGNORECASE,
)
# "… -> message in Slack. But not for refunds under $20.": a sentence of its own, every
# write said before it
_EN_NOT_FOR = re.compile(
    r"^(?:but\s+)?(?:not|except)\s+(?:for|when|if)\s+(?P<subset>.+)$", re.IGNORECASE
)
# "…, unless it's a holiday week (the holiday column says yes)", "…, but only when it ships
# outside the EU (EU customers already get …)": a trailing condition with a bracketed aside
# (read here so the aside names the field or is left out, never read as steps)
_EN_TAIL_ASIDE = re.compile(
    r"[,;]\s*(?:(?P<unless>unless|except\s+(?:when|if))|but\s+only\s+(?:when|if))\s+"
    r"(?P<subset>[^,;()]+\([^()]*\))\s*$",
    re.IGNORECASE,
)
# a sentence starts with a capital, or with a lower-case "skip …" / "ignore …" / "but not …"
_EN_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z]|but\s+not\b|(?:skip|ignore)\s)|\n+")

# --- Chinese ------------------------------------------------------------------------------------

_ZH_PIECE = re.compile(r"[，,]")
_ZH_SENTENCE = re.compile(r"(?<=[。；;！!？?\n])")
_ZH_HEAD = r"(?:但是?|不过|另外|注意)?[，,]?\s*"
_ZH_ALL = re.compile(
    rf"^{_ZH_HEAD}(?P<subset>.+?)(?:全部|一律|统统|都|就|则)?(?:直接)?"
    r"(?P<scope>跳过|忽略|不用处理|不处理|不要处理|不做处理|什么都不做|什么也不做|什么都不用做|"
    r"不用管|别管|不管|排除|过滤掉|不算|不要|不需要)(?:掉|了|吧)?$"
)
_ZH_EXCEPT = re.compile(rf"^{_ZH_HEAD}(?P<subset>.+?)(?:的)?(?:要|需)?除外$")
_ZH_NOT_VERB = re.compile(
    rf"^{_ZH_HEAD}(?P<subset>.+?的)[\u4e00-\u9fff]{{0,4}}?(?:就|则|也|都)?"
    r"(?:别|不要|不用|不必|无需|不需要|不能|不许|不得|千万别)(?P<scope>.+?)(?:了|啦|吧)?$"
)
_ZH_ONLY_NOT = re.compile(
    rf"^{_ZH_HEAD}(?P<subset>.+?)只(?P<keep>[^不只]+?)[，,]?不(?P<scope>[^，,]+)$"
)
_ZH_ALSO_NOT = re.compile(r"^(?:也|更|同样)?(?:别|不要|不用|不必|无需|不)(?P<scope>.+?)(?:了)?$")
_ZH_KEEP_ONLY = re.compile(r"^(?:只|光)?(?:存|保存|记|留)\S{0,14}(?:就行|就好|就可以|即可|就够)")
_ZH_REST = re.compile(r"^(?:正常|其余|其他|其它|别的|剩下|剩余|其他情况)的?")
# a case head on a number band: "8000到30000的", "30000以上的", "超过500的"
_ZH_BAND_CASE = re.compile(
    r"^[^，,的]{0,12}?(?:\d[\d.]*\s*(?:到|至|-|~)\s*\d|\d[\d.]*\s*[^\d，,的]{0,3}?(?:以上|以下|以内)|"
    r"(?:超过|不到|不足|低于|高于|大于|小于|不满|满)\s*\d)[^，,的]{0,6}的"
)
_ZH_GOES_ON = re.compile(r"^(?:然后|之后|接着|再|最后|随后|并且|同时|顺便)")
_ZH_OPENS_CONDITION = re.compile(r"^(?:如果|要是|若|假如|当|每当|只要)")


def cut_exclusions(text: str, ctx: Context) -> tuple[str, list[Exclusion]]:
    """``text`` without its exclusion sentences, and the exclusions they say. A sentence is
    one only after some action was said before it, and only when its excluded items make a
    condition (else nothing is cut: "My team doesn't read email, so also text me" keeps
    its step); the first sentence is never cut."""

    def valid(ex: Exclusion) -> bool:
        if ex.subset and read_window(ex.subset) is not None:
            return False  # "工作日的不用管": days of the run, the window reader's
        return not ex.subset or subset_condition(ex.subset, ctx) is not None

    if CJK.search(text):
        return _cut_zh(text, valid)
    return _cut_en(text, valid)


def _cut_en(text: str, valid: Callable[[Exclusion], bool]) -> tuple[str, list[Exclusion]]:
    parts = _EN_SENTENCE.split(text)
    kept: list[str] = [parts[0]]
    found: list[Exclusion] = []
    for part in parts[1:]:
        ex = _en_sentence(part.strip().rstrip(".!"))
        if ex is None or not valid(ex):
            kept.append(part)
        else:
            found.append(ex)
    last = kept[-1]
    m = _EN_BUT_NOT.search(last)
    ex = Exclusion(subset=m.group("subset").strip().rstrip(".!"), scope="last") if m else None
    if m is not None and ex is not None and m.start() > 0 and valid(ex):
        kept[-1] = last[: m.start()]
        found.append(ex)
    m = _EN_BUT_SKIP.search(kept[-1].rstrip(" .!"))
    skip = Exclusion(subset=m.group("subset").strip(), scope="") if m else None
    if m is not None and skip is not None and m.start() > 0 and valid(skip):
        kept[-1] = kept[-1][: m.start()]
        found.append(skip)
    m = _EN_DASH_NOT.search(kept[-1].rstrip(" .!"))
    dash = Exclusion(subset=m.group("subset").strip(), scope="") if m else None
    if m is not None and dash is not None and m.start() > 0 and valid(dash):
        kept[-1] = kept[-1][: m.start()]
        found.append(dash)
    m = _EN_TAIL_ASIDE.search(kept[-1].rstrip(" .!"))
    if m is not None and m.start() > 0:
        aside = Exclusion(subset=m.group("subset"), scope="last", kept=m.group("unless") is None)
        if valid(aside):
            kept[-1] = kept[-1][: m.start()]
            found.append(aside)
    return " ".join(kept), found


def _en_sentence(s: str) -> Exclusion | None:
    m = _EN_IF_SKIP.match(s)
    if m is not None and not _EN_CLAUSE.search(m.group("subset")):
        scope = m.group("scope").strip()
        return Exclusion(
            subset=m.group("subset").strip(), scope=scope if "the " in scope.lower() else ""
        )
    for rx in (_EN_SKIP, _EN_NEVER, _EN_SUBJECT_IGNORED, _EN_SUBJECT_NOT):
        m = rx.match(s)
        if m is not None:
            scope = m.group("scope").strip()
            if rx is _EN_SUBJECT_IGNORED:
                scope = ""
            if not _EN_CLAUSE.search(m.group("subset")):
                return Exclusion(subset=_first_clause(m.group("subset")), scope=scope)
            return None
    m = _EN_NOT_FOR.match(s)
    if m is not None and not _EN_CLAUSE.search(m.group("subset")):
        return Exclusion(subset=_first_clause(m.group("subset")), scope="")
    m = _EN_SKIP_OBJECT.match(s)
    if m is not None and not _EN_CLAUSE.search(m.group("subset")):
        return Exclusion(subset=_first_clause(m.group("subset")), scope="")
    return None


# a subset is a noun phrase: a second clause in it ("…; if nothing is below …") is not one
_EN_CLAUSE = re.compile(r"[;:]|\b(?:if|when|unless|then|otherwise|else)\b", re.IGNORECASE)


def _first_clause(s: str) -> str:
    """``s`` up to its first comma outside brackets ("orders paid with cod (cash on
    delivery), the courier invoices those" -> its first clause)."""
    depth = 0
    for i, ch in enumerate(s):
        depth += ch in "(（"
        depth -= ch in ")）"
        if ch in ",，" and depth <= 0:
            return s[:i].strip()
    return s.strip()


def _cut_zh(text: str, valid: Callable[[Exclusion], bool]) -> tuple[str, list[Exclusion]]:
    sentences = [s for s in _ZH_SENTENCE.split(text) if s]
    out: list[str] = []
    found: list[Exclusion] = []
    for n, sentence in enumerate(sentences):
        body = sentence.rstrip("。；;！!？?\n")
        tail = sentence[len(body) :]
        pieces = _ZH_PIECE.split(body)
        for i, piece in enumerate(pieces):
            if n == 0 and i == 0:
                continue
            # "…，然后在Notion里建一条记录": the flow goes on; what follows is no one's "instead"
            end = next(
                (j for j in range(i + 1, len(pieces)) if _ZH_GOES_ON.match(pieces[j].strip())),
                len(pieces),
            )
            ex = _zh_piece(piece.strip(), pieces[i + 1 : end])
            if ex is None or not valid(ex):
                continue
            kept = "，".join(pieces[:i] + pieces[end:])
            if ex.subset:
                found.append(ex)
            body = kept
            break
        if body.strip():
            out.append(body + (tail if tail.strip() else "。"))
    return "".join(out), found


def _zh_piece(piece: str, rest: list[str]) -> Exclusion | None:
    """The exclusion that starts at ``piece`` (``rest``: the pieces after it in its
    sentence: more things not done, a remark, or what the excluded get instead)."""
    if _ZH_OPENS_CONDITION.match(piece) or any(_ZH_BAND_CASE.match(r.strip()) for r in rest):
        # "金额不到8000的直接忽略，8000到30000的发Slack…": a band list whose first case does
        # nothing, read by the case readers
        return None
    m = _ZH_ONLY_NOT.match(piece)
    if m is not None and _subset_like(m.group("subset")):
        return Exclusion(subset=m.group("subset"), scope=m.group("scope"))
    for rx in (_ZH_ALL, _ZH_EXCEPT, _ZH_NOT_VERB):
        m = rx.match(piece)
        if m is None:
            continue
        # "草稿状态的除外": the 的 the pattern leaves out still says a property
        said = m.group("subset") + ("的" if rx is _ZH_EXCEPT and "的" in piece else "")
        if not _subset_like(said):
            continue
        if _ZH_REST.match(m.group("subset")):
            return Exclusion(subset="", scope="")  # "正常的不用管": the other side does nothing
        scope = m.group("scope") if rx is _ZH_NOT_VERB else ""
        elsewhere: list[str] = []
        for more in rest:
            also = _ZH_ALSO_NOT.match(more.strip())
            if also is not None and scope:
                scope += "，" + also.group("scope")
            elif not _ZH_KEEP_ONLY.match(more.strip()):
                elsewhere.append(more)
        return Exclusion(subset=m.group("subset"), scope=scope, elsewhere="，".join(elsewhere))
    return None


_SUBSET_WORD = re.compile(r"的|[（(]|是|为|等于|小于|大于|低于|高于|超过|不足|不是|带|有|含")


def _subset_like(s: str) -> bool:
    """A subset is said with a property ("标签是test的订单", "匿名捐款（anonymous为true）"),
    not as a bare verb phrase."""
    return bool(s.strip()) and bool(_SUBSET_WORD.search(s)) and len(s) <= 40


def with_exclusions(steps: list[Step], found: list[Exclusion], ctx: Context) -> list[Step]:
    """``steps`` with each exclusion's condition before the steps it covers."""
    from flowsmith.planner.parse_clauses import read_steps

    for ex in found:
        cond = subset_condition(ex.subset, ctx)
        if cond is None:
            continue
        elsewhere = read_steps(_without_subject(ex.elsewhere), ctx) if ex.elsewhere else []
        elsewhere = [s for s in elsewhere if not _said_before(s, steps)]
        steps = guard_covered(steps, cond, ex.scope, elsewhere, ctx.index, keep=ex.kept)
    return steps


def _said_before(step: Step, steps: list[Step]) -> bool:
    """A step of what the excluded get that repeats one the request already has ("存到
    Notion里就可以"): the step is only being limited, never said twice."""
    if not isinstance(step, ServiceStep):
        return False
    return any(
        isinstance(s, ServiceStep) and (s.app, s.operation) == (step.app, step.operation)
        for s in walk(tuple(steps))
    )


_EN_HEAD = re.compile(
    r"^(?:the\s+|all\s+|any\s+)?(?:[\w-]+\s+){0,2}?(?P<rel>whose|where|with|that|which|who)\s+",
    re.IGNORECASE,
)
_PAID_WITH = re.compile(
    r"(?:\b(?:it|they)\s+)?(?:\b(?:was|were|is|are|got)\s+)?\bpaid\s+(?:with|by|via|using)\s+",
    re.IGNORECASE,
)
_PAREN = re.compile(r"[（(]([^()（）]+)[)）]")
_HAS_TAG = re.compile(r"^(?:有|带有?|打了)(.+?)(?:标签|tag)的?$")
_WEAK_FIELDS = frozenset({"text", "status", "type"})


def subset_condition(subset: str, ctx: Context) -> Condition | None:
    """The condition that holds for the excluded items ("contacts whose country is US" ->
    country = US). A bracketed aside that names a field ("(the channel field is 'x')",
    "（anonymous为true）") is preferred: the user said the field outright."""
    zh = bool(CJK.search(subset))
    paren = _PAREN.search(subset)
    if paren is not None:
        inner = _explicit(paren.group(1).strip())
        aside = paren.group(1).strip().rstrip("的")
        if inner is None and (_SAYS.search(aside) or _HAS_TAG.match(aside)):
            inner = _condition_of(paren.group(1).strip(), zh, ctx)
        if inner is not None and inner.field not in _WEAK_FIELDS:
            return inner
    bare = _PAREN.sub(" ", subset).strip()
    return _explicit(bare) or _condition_of(bare, zh, ctx)


_SAYS = re.compile(r"\b(?:is|are|equals?|says)\b|[=为是]|等于")
# "the holiday column says yes", "spam is true", "anonymous为true", "channel = 'wholesale'"
_EXPLICIT = re.compile(
    r"^(?:the\s+|its\s+)?(?P<field>[A-Za-z_][\w.]*)\s*(?:field|column|flag|字段|列)?\s*"
    r"(?:is|==?|says|为|是|等于)\s*(?P<value>[^\s,，]+)$",
    re.IGNORECASE,
)
_TRUE = frozenset({"true", "yes", "y", "1", "checked", "真", "是"})
_FALSE = frozenset({"false", "no", "n", "0", "unchecked", "假", "否"})
_EMPTY = frozenset({"empty", "blank", "missing", "空", "空的", "为空"})


def _explicit(said: str) -> Condition | None:
    """A condition said as ``<field> is <value>`` with the field's own (ASCII) name."""
    m = _EXPLICIT.match(said.strip())
    if m is None or m.group("field").lower() in ("it", "this", "that", "they"):
        return None
    field, value = m.group("field"), m.group("value").strip("'\"‘’“”")
    if value.lower() in _TRUE:
        return Condition(field=field, op="is_true", phrase=said)
    if value.lower() in _FALSE:
        return Condition(field=field, op="is_false", phrase=said)
    if value.lower() in _EMPTY:  # "the phone column is empty": nothing in it, no value "empty"
        return Condition(field=field, op="is_empty", phrase=said)
    number = re.fullmatch(r"-?\d+(?:\.\d+)?", value)
    parsed: object = float(value) if number and "." in value else int(value) if number else value
    return Condition(field=field, op="eq", value=parsed, phrase=said)


_MARKED = re.compile(r"^(?:[\w-]+\s+){0,2}?(?:marked|flagged|labell?ed)\s+(?:as\s+)?", re.I)


def _condition_of(said: str, zh: bool, ctx: Context) -> Condition | None:
    if zh:
        said = said.rstrip("的")
        tag = _HAS_TAG.match(said)
        if tag is not None:
            said = f"标签包含{tag.group(1)}"
        elif "的" in said:
            said = said[: said.rindex("的")]
        named = _ZH_NAMED_STATE.match(said)
        if named is not None:  # "草稿状态": the state is the value, 状态 the field
            said = f"{named.group('field')}是{named.group('value')}"
        # "机器人发的", "VIP客户的": the items are said by what they are
        return parse_condition("如果" + said, ctx) or parse_condition("如果是" + said, ctx)
    said = _PAID_WITH.sub("the payment method is ", said)
    said = _MARKED.sub("the status is ", said)
    m = _EN_HEAD.match(said)
    if m is not None:
        said = ("the " if m.group("rel").lower() == "whose" else "") + said[m.end() :]
    said = _VERB_FIRST.sub(r"it \g<0>", said)
    # "anything that isn't a PDF": read the positive test, then turn it round
    positive, flips = _IS_NOT.subn(r"\g<verb>", said)
    if flips == 1:
        cond = parse_condition("if " + positive, ctx)
        return negated(cond) if cond is not None else None
    return parse_condition("if " + said, ctx)


_ZH_NAMED_STATE = re.compile(r"^(?P<value>[^，,的是]{1,10}?)(?P<field>状态|类型|级别|等级|阶段)$")
_VERB_FIRST = re.compile(r"^(?:is|isn't|are|aren't|was|wasn't|has|hasn't|have)\b", re.I)
_IS_NOT = re.compile(r"\b(?P<verb>is|are|was|were)(?:\s+not\b|n't\b)", re.IGNORECASE)


def _without_subject(text: str) -> str:
    """ "VIP的发到Slack…", "那些发到Telegram就行": what the excluded get, without the words
    that name them again."""
    return re.sub(r"^\s*(?:那些|这些|它们|他们|[^，,的]{1,12}的)", "", text)
