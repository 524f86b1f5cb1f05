"""The said check: what the request says in so many words that the workflow does not do.

:func:`check_said` reads the user's raw text, not the planner's parse (a
:class:`~flowsmith.planner.frame.Frame`), so a misread request still gets a warning:

* ``request_not_covered``   a catalog service the text names (:meth:`ServiceIndex.mentions`,
  explicit names only) that no node uses: an app node or ``<app>_trigger``
  (:func:`~flowsmith.core.services.node_service`), an ``app_event_trigger`` of the app, a
  legacy ``<app>_…`` subtype, an HTTP node, webhook or feed named for it, or for a mail app
  any core mail node (as :mod:`~flowsmith.planner.coverage` counts them). A service named
  in a negated, replaced or removed phrase ("instead of X", "replace X with Y", 不要X,
  把X换成Y, "X → Y" in an edit) is not asked for and never reported.
* ``condition_not_applied`` the text states a condition in a strong form ("if", "unless",
  "only when", "otherwise", 如果, 除非, 否则, …的话) but no node gates anything (an if,
  switch, filter, approval, a node with two used outputs, an error output for "if it
  fails"); or it says "otherwise" and no gate has two outputs that lead to nodes. A
  comparison with a number ("orders over $500", 不满40小时, 10万以上) is a condition without
  "if" too: reported when no node's parameters carry that number (read with its multiplier,
  within 1). With no gate at all, "for the rest" / 其他的 and two or more short case labels
  with arrows ("Bugs -> Linear, features -> Notion") are reported as well. A quoted value
  said as what a condition tests ("labelled 'feature'") that no node carries is reported
  (:func:`~flowsmith.planner.coverage_said_values.untested_value`) when nothing else about
  conditions is.
* ``request_not_covered`` also for an ``http(s)://`` address the text names that no node
  uses (:func:`~flowsmith.planner.coverage_said_values.unused_addresses`).
* ``trigger_mismatch``      (not in edits) the text says when it runs, by a clock ("every
  morning", "每5分钟") or on an event at its start ("when a lead comes in", "每当…"), and
  the workflow only starts by hand (unless the text asks for a manual start).

Invariants: only the words of :data:`_EN`/:data:`_ZH`-style language tables below decide
(words of English and Chinese, never of a service); findings are warnings, at most one
per service and one per kind of condition, in text order; messages come from the text
catalogs (keys ``coverage.*``), in Chinese when the text has CJK. Pure: no I/O.
:func:`merged` drops a said-finding the frame check already made.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from flowsmith.core.catalog import Catalog, load_catalog
from flowsmith.core.models import Finding, Node, NodeFamily, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner.coverage import CONDITION_NOT_APPLIED, REQUEST_NOT_COVERED, TRIGGER_MISMATCH
from flowsmith.planner.coverage_said_values import untested_value, unused_addresses
from flowsmith.planner.coverage_tables import (
    APPROVAL_SUBTYPES,
    GENERAL_AI,
    GUARDS,
    MAIL_APPS,
    SIDE_PORTS,
    THINK_SUBTYPES,
)
from flowsmith.planner.coverage_words import squash, strings
from flowsmith.planner.frame import CoreStep, Frame, ServiceStep
from flowsmith.planner.services import Mention, index_of
from flowsmith.text import text as catalog_text

_CJK = re.compile(r"[\u3400-\u9fff]")
_I = re.IGNORECASE

# --- language tables: words of English and Chinese, never of a service ---------------------

# where a clause ends: a negation or a condition reaches no further
_CLAUSE = re.compile(
    r"[.:](?=\s|$)|[;!?。；！？\n,，：]|\s(?:and|but|then|so|while|plus)\s|但是|并且|然后|另外", _I
)
# "not X", "instead of X": the service follows within three words
_NEAR = re.compile(
    r"(?:\binstead\s+of|\brather\s+than|\bnot|\bno\s+longer|\bwithout|\bno\s+more|而不是|不是)"
    r"\s*(?:[\w'’#@.-]+[\s、/]*){0,3}$",
    _I,
)
# "don't … X", "remove the X step", 不要X: anywhere before it in its clause
_BEFORE = re.compile(
    r"\b(?:don'?t|do\s+not|doesn'?t|stop\w*|no\s+longer|never|remove\w*|delet\w*|drop\w*|"
    r"get\s+rid\s+of|skip\w*|disabl\w*|cancel\w*|quit)\b|"
    r"而不是|不要|不用|不必|不需要|无需|不再|别再|别用|别发|别进|别在|别往|(?<![分区类级特个识告])别(?![的人处])|"
    r"去掉|删掉|删除|删了|去除|移除|取消|停止|停掉|不发|不进|不往|不存",
    _I,
)
# "replace X with Y": X is dropped until the word that brings Y in
_PAIRS = (
    (re.compile(r"\breplac\w*\b", _I), re.compile(r"\b(?:with|by)\b", _I)),
    (re.compile(r"\bswap\w*\b", _I), re.compile(r"\b(?:for|with|to)\b", _I)),
    (
        re.compile(r"\b(?:switch\w*|chang\w*|mov\w*|migrat\w*)\b", _I),
        re.compile(r"\b(?:to|into)\b", _I),
    ),
)
# "X 换成 Y", "把X改成Y": what stands before the word is replaced
_REPLACED_BY = re.compile(
    r"换成|改成|替换成|替换为|换为|改为|改用|换到|迁到|搬到|不用了|不要了|不需要了|去掉|删掉|停掉|"
    r"\b(?:is|are)\s+no\s+longer\b|\b(?:isn'?t|aren'?t)\s+needed\b",
    _I,
)
# "a gmail address": the name of a mail domain, not the service
_NOT_SERVICE = re.compile(
    r"(?:\s*(?:,|、|/|\bor\b|或|和)\s*[\w.]+){0,3}?\s*(?:(?:address(?:es)?|domains?)\b|"
    r"邮箱|域名|地址|这种|之类)",
    _I,
)
_ARROW = re.compile(r"^\s*(?:[\w'’#@-]+\s*){0,3}?(?:→|->|=>)")
# strong conditional forms
_IF = re.compile(
    r"\b(?:only\s+if|only\s+when|if|unless|in\s+case|otherwise)\b|"
    r"如果|假如|要是|倘若|(?<![倘])若(?!干)|只有|仅当|除非|否则|不然|的话",
    _I,
)
# conditionals that a trigger, a filter or nothing realise ("if any", "if needed")
_SOFT_AFTER = re.compile(
    r"\s*(?:any\b|there(?:'s|\s+is|\s+are)\s+(?:any|new|a\s+new)\b|new\b|possible\b|needed\b|"
    r"necessary\b|you\s+(?:can|want|like)\b|so\s+desired\b|applicable\b|有新|需要|可以)",
    _I,
)
_SOFT_BEFORE = re.compile(r"\b(?:as|even|what)\s+$|(?:有|需要|可以|可能|方便)$", _I)
_FAILURE = re.compile(
    r"\bfail\w*|\berrors?\b|\bgoes\s+wrong|\bbreaks?\b|\bcrash\w*|\btime[sd]?\s*out\b|"
    r"\bbounce\w*|失败|出错|报错|错误|异常|挂了|超时",
    _I,
)
_OTHERWISE = re.compile(
    r"\botherwise\b|\bor\s+else\b|\b(?:everything|everyone|anything|all)\s+else\b|"
    r"(?:^|[.;,:]\s*)else\b|\ball\s+(?:the\s+)?others?\b|\bany\s+other\b|"
    r"\bevery\s+other\b(?!\s+(?:day|week|month|year|hour|minute|morning|evening|night|weekday|"
    r"weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b)|\bfor\s+the\s+rest\b|"
    r"否则|不然|要不然|反之|其[他它]的|其余|剩下的|其[他它](?:情况|时间|时候)",
    _I,
)
# "otherwise nothing": the other side is meant to be empty
_NOTHING = re.compile(
    r"\W*(?:just\s+|simply\s+)?(?:do\s+nothing|nothing|ignore|skip|leave|drop|discard|don'?t|"
    r"do\s+not|no\s+action|不用|不管|忽略|跳过|什么都不|不做|不处理|不发|就算了|不理|别管|不动|丢弃|无需)",
    _I,
)

# a comparison with a number is a condition without an "if" ("orders over $500", 不满40小时)
_COMPARE = re.compile(
    r"\b(?:over|above|under|below|more\s+than|less\s+than|fewer\s+than|greater\s+than|"
    r"higher\s+than|lower\s+than|bigger\s+than|smaller\s+than|at\s+least|at\s+most|"
    r"exceed\w*)\s+(?:[$€£¥]\s*)?(?P<n>\d[\d,.]*)(?P<nk>\s*(?:k\b|thousand|million|m\b))?|"
    r"(?:超过|高于|低于|大于|小于|不满|不足|少于|多于|不到|跌破|突破)\s*[$￥¥]?\s*(?P<zn>\d[\d,.]*)"
    r"(?P<zk>[万千百])?|"
    r"(?P<un>\d[\d,.]*)\s*(?P<uk>[万千百])?(?:元|块|美元|小时|分|星|个|%)?\s*(?:以上|以下)",
    _I,
)
_MULTIPLIERS = {
    **{"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6},
    **{"百": 1e2, "千": 1e3, "万": 1e4},
}
# "Bugs -> Linear, features -> Notion": a short label opening a clause, then an arrow
_CASE_ARROW = re.compile(r"(?:^|[.;,:，；。\n])\s*(?P<label>[\w'’ -]{1,30}?)\s*(?:→|->|=>)")

# a request that starts on an event ("when a lead comes in", "每当有新订单"), at its start
_ON_EVENT = re.compile(
    r"^\W*(?:(?:when|whenever|every\s+time|each\s+time|as\s+soon\s+as|once)\b|"
    r"(?:on|for|with)\s+(?:every|each|any)\s+new\b|"
    r"每当|每次有|一旦|只要有|当有|有新的?|收到新的?|(?:当|在)[^，,。]{1,20}(?:时|的时候))",
    _I,
)
# runs by a clock: a period or a time of day said as when it runs
_PERIOD = re.compile(
    r"\bevery\s+(?:other\s+|\d+\s*)?(?:minute|min|hour|hr|day|morning|evening|night|week|"
    r"weekday|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b|"
    r"\b(?:hourly|daily|nightly|weekly|monthly|yearly|annually)\b|"
    r"\beach\s+(?:morning|evening|night|day|week|month|hour|weekday)\b|"
    r"\b(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekdays)\b|"
    r"\bon\s+the\s+\d+(?:st|nd|rd|th)\s+of\s+(?:each|every)\s+month\b|"
    r"每(?:天|日|周|星期|礼拜|月|年|小时|个?工作日|隔|晚|早|(?:\d+|[一二三四五六七八九十半两]+)\s*(?:个)?(?:分钟|小时|天|周|月))|"
    r"(?:周|星期|礼拜)[一二三四五六日天]|工作日(?:早上|上午|下午|晚上)",
    _I,
)
# the user starts it: a manual start is what was asked
_BY_HAND = re.compile(
    r"\b(?:manual(?:ly)?|by\s+hand|on\s+demand|(?:i|we)\s+(?:click|press|run|trigger|start)|"
    r"button)\b|手动|手工|按钮|点一下|我来触发",
    _I,
)

_HTTP_LIKE = frozenset(
    {"http_request", "http_tool", "n8n_node", "web_page_check", "webhook_trigger", "rss_trigger"}
)
_MAIL_NODES = frozenset({"send_email", "gmail_send", "email_trigger", "approval_email"})
_AI = GENERAL_AI.union(*THINK_SUBTYPES.values())


def check_said(
    text: str, workflow: Workflow, *, edit: bool, catalog: Catalog | None = None
) -> list[Finding]:
    """The ways ``workflow`` falls short of what ``text`` says (see the module docstring).

    ``edit``: ``text`` asks for a change; only the services it says to use are checked
    (arrows "X → Y" also drop X)."""
    cat = catalog if catalog is not None else load_catalog()
    lang = "zh" if _CJK.search(text) else "en"
    out: list[Finding] = []
    seen: set[str] = set()
    for m in index_of(cat).mentions(text, implicit=False):
        if m.app is None or m.app in seen or _negated(text, m, edit):
            continue
        seen.add(m.app)
        if not _uses(workflow, m.app, cat, _clause(text, m.start, m.end)[0] == 0):
            name = cat_name(cat, m.app)
            out.append(
                _finding(
                    REQUEST_NOT_COVERED,
                    catalog_text("coverage.request_not_covered", lang, what=f"“{name}”"),
                    f"request.services.{m.app}",
                )
            )
    address = unused_addresses(text, workflow)
    if address is not None:
        what = catalog_text("coverage.said.address", lang, address=address)
        out.append(_finding(REQUEST_NOT_COVERED, what, "request.text.address"))
    out += _conditions(text, workflow, lang, cat) or _untested(text, workflow, lang)
    if not edit:
        out += _trigger(text, workflow, lang)
    return out


def cat_name(cat: Catalog, app: str) -> str:
    return next((a.display_name for a in cat.apps if a.app == app), app)


def _finding(code: str, message: str, path: str) -> Finding:
    return Finding(code=code, severity="warning", path=path, message=message)


# --- services ------------------------------------------------------------------------------


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    cs = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    after = _CLAUSE.search(text, end)
    return cs, after.start() if after else len(text)


def _negated(text: str, m: Mention, edit: bool) -> bool:
    cs, ce = _clause(text, m.start, m.end)
    before, after = text[cs : m.start], text[m.end : ce]
    if _NEAR.search(before) or _BEFORE.search(before) or _REPLACED_BY.search(after):
        return True
    if _NOT_SERVICE.match(text, m.end):
        return True
    for opener, release in _PAIRS:
        found = list(opener.finditer(before))
        if found and not release.search(before, found[-1].end()):
            return True
    return edit and bool(_ARROW.match(after))


def _uses(wf: Workflow, app: str, cat: Catalog, first: bool) -> bool:
    """Whether a node of ``wf`` uses ``app`` (``first``: named in the request's first clause,
    where an app without catalog events may be its trigger's webhook or feed)."""
    spec = next((a for a in cat.apps if a.app == app), None)
    names = [squash(n) for n in (spec.names.en if spec else [])] + [squash(app)]
    names = [n for n in names if len(n) >= 3]
    eventless = spec is not None and not (spec.triggers and spec.triggers.events)
    for node in wf.nodes:
        if spec is not None and spec.category == "ai" and node.subtype in _AI:
            return True  # the model of an AI node is its credential's choice
        if first and eventless and node.subtype in ("webhook_trigger", "rss_trigger"):
            return True
        op = node_service(node, cat)
        if op is not None and op.app == app:
            return True
        if node.subtype == "app_event_trigger" and node.parameters.get("app") == app:
            return True
        if node.subtype == app or node.subtype.startswith(app + "_"):
            return True
        if app in MAIL_APPS and node.subtype in _MAIL_NODES:
            return True
        named = node.subtype in _HTTP_LIKE or node.subtype in APPROVAL_SUBTYPES
        if named or node.type == NodeFamily.HUMAN_IN_THE_LOOP:
            hay = squash(" ".join([node.subtype, node.name, *strings(node.parameters)]))
            if any(n in hay for n in names):
                return True
    return False


# --- conditions ----------------------------------------------------------------------------


def _conditions(text: str, wf: Workflow, lang: str, cat: Catalog) -> list[Finding]:
    started = _trigger_apps(wf, cat)
    strong = [m for m in _IF.finditer(text) if not _soft(text, m, started, cat)]
    gates = [n for n in wf.nodes if _gates(n, wf)]
    if not gates:
        said = _ungated(text, wf, strong) or _implied(text, wf, cat)
        if said is None:
            return []
        message = catalog_text("coverage.said.condition", lang, phrase=_phrase(text, said))
        return [_finding(CONDITION_NOT_APPLIED, message, "request.text")]
    unset = _unset_number(text, wf)
    if unset is not None:
        message = catalog_text("coverage.said.condition", lang, phrase=_phrase(text, unset))
        return [_finding(CONDITION_NOT_APPLIED, message, "request.text")]
    if not strong:
        return []
    for m in _OTHERWISE.finditer(text):
        if _NOTHING.match(text, m.end()) or any(_two_way(n, wf) for n in gates):
            continue
        phrase = _phrase(text, m)
        message = catalog_text("coverage.said.otherwise", lang, phrase=phrase)
        return [_finding(CONDITION_NOT_APPLIED, message, "request.text")]
    return []


def _untested(text: str, wf: Workflow, lang: str) -> list[Finding]:
    said = untested_value(text, wf)
    if said is None:
        return []
    value, phrase = said
    message = catalog_text("coverage.said.value", lang, phrase=phrase, value=value)
    return [_finding(CONDITION_NOT_APPLIED, message, "request.text")]


def _ungated(text: str, wf: Workflow, strong: list[re.Match[str]]) -> re.Match[str] | None:
    """The first strong conditional of a workflow with no gate; one that only says "if it
    fails" is met by an error trigger or an error output."""
    if not strong:
        return None
    failing = any(
        n.subtype == "error_trigger" or n.on_error == "error_output" for n in wf.nodes
    ) or any(c.from_output == "error" for c in wf.connections)
    plain = [m for m in strong if not _FAILURE.search(text[slice(*_clause(text, *m.span()))])]
    if plain or not failing:
        return (plain or strong)[0]
    return None


def _implied(text: str, wf: Workflow, cat: Catalog) -> re.Match[str] | None:
    """A condition said without "if", in a workflow with no gate: a comparison with a number
    that no node's parameters carry (a query or a trigger filter may hold it), the other case
    ("otherwise", "for the rest", 其他的) unless it is meant to be empty, or two or more short
    case labels with arrows that are not services ("Bugs -> Linear, features -> Notion")."""
    unset = _unset_number(text, wf)
    if unset is not None:
        return unset
    for m in _OTHERWISE.finditer(text):
        if not _NOTHING.match(text, m.end()):
            return m
    labels = [
        m
        for m in _CASE_ARROW.finditer(text)
        if len(m.group("label").split()) <= 3
        and not any(x.app for x in index_of(cat).mentions(m.group("label"), implicit=False))
    ]
    if len({m.group("label").strip().lower() for m in labels}) >= 2:
        return labels[0]
    return None


def _unset_number(text: str, wf: Workflow) -> re.Match[str] | None:
    """The first comparison with a number ("over $500", 低于6万) whose number no node's
    parameters carry: whatever tests it, if anything, tests something else."""
    said = " ".join(s for n in wf.nodes for s in _scalars(n.parameters))
    carried = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", said.replace(",", ""))]
    for m in _COMPARE.finditer(text):
        value = _said_value(m)
        if value is not None and not any(abs(value - x) <= 1 for x in carried):
            return m
    return None


def _said_value(m: re.Match[str]) -> float | None:
    """The number a comparison says, with its multiplier ("$5k" 5000, "6万" 60000)."""
    digits = (m.group("n") or m.group("zn") or m.group("un") or "").replace(",", "").rstrip(".")
    unit = (m.group("nk") or m.group("zk") or m.group("uk") or "").strip().lower()
    try:
        return float(digits) * _MULTIPLIERS.get(unit, 1)
    except ValueError:
        return None


def _scalars(value: object) -> list[str]:
    """Every string and number in ``value`` as text (a rule's right side is often a number)."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in _scalars(v)]
    if isinstance(value, list):
        return [s for v in value for s in _scalars(v)]
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, float) and value.is_integer():
        return [str(int(value))]
    return [str(value)]


def _trigger_apps(wf: Workflow, cat: Catalog) -> set[str]:
    out: set[str] = set()
    for node in wf.nodes:
        if node.type == NodeFamily.TRIGGER:
            op = node_service(node, cat)
            app = op.app if op is not None else node.parameters.get("app")
            if isinstance(app, str):
                out.add(app)
    return out


def _soft(text: str, m: re.Match[str], started: set[str], cat: Catalog) -> bool:
    """ "if any", "even if", "需要的话", "if a Cal.com booking is cancelled" (the trigger's
    app's event): no condition a gate must test."""
    ce = _clause(text, m.start(), m.end())[1]
    said = {x.app for x in index_of(cat).mentions(text[m.start() : ce], implicit=False)}
    if said & started:
        return True
    word = m.group(0).lower()
    if word not in ("if", "如果", "的话"):
        return False
    return bool(
        (word != "的话" and _SOFT_AFTER.match(text, m.end()))
        or _SOFT_BEFORE.search(text[max(0, m.start() - 6) : m.start()])
    )


def _phrase(text: str, m: re.Match[str]) -> str:
    """The user's clause around ``m`` (from ``m`` on, in English)."""
    cs, ce = _clause(text, m.start(), m.end())
    words = text[cs:ce] if _CJK.search(text) else text[m.start() : ce]
    return words.strip()[:60]


def _outputs(node: Node, wf: Workflow) -> set[str]:
    """The outputs of ``node`` that lead to a node (side ports and loop bodies aside)."""
    return {
        c.from_output
        for c in wf.connections
        if c.from_node == node.id and c.from_output not in SIDE_PORTS | {"loop", "done"}
    }


def _two_way(node: Node, wf: Workflow) -> bool:
    return len(_outputs(node, wf)) >= 2


def _gates(node: Node, wf: Workflow) -> bool:
    if node.subtype in GUARDS or node.subtype in APPROVAL_SUBTYPES:
        return True
    return node.type == NodeFamily.HUMAN_IN_THE_LOOP or _two_way(node, wf)


# --- the trigger -----------------------------------------------------------------------------


def _trigger(text: str, wf: Workflow, lang: str) -> list[Finding]:
    """A request said to run by a clock ("every morning", "每5分钟") or to start on an event
    ("when a lead comes in", "每当…") whose workflow only starts by hand."""
    starts = [n for n in wf.nodes if n.type == NodeFamily.TRIGGER]
    if not starts or any(n.subtype != "manual_trigger" for n in starts):
        return []  # a start that is not by hand: a period said may be of something else
    said_at = _PERIOD.search(text) or _ON_EVENT.search(text)
    if said_at is None or _BY_HAND.search(text):
        return []
    said = _phrase(text, said_at)
    node = f"“{starts[0].name}”"
    message = catalog_text(
        "coverage.trigger_mismatch.kind",
        lang,
        said=f"“{said}”",
        node=node,
        subtype=starts[0].subtype,
    )
    return [_finding(TRIGGER_MISMATCH, message, "request.text.trigger")]


# --- with the frame check --------------------------------------------------------------------


def merged(
    frame_found: Sequence[Finding], said: Sequence[Finding], frame: Frame | None
) -> list[Finding]:
    """``frame_found`` and the said-findings the frame check did not already make: a
    service it reported missing (a step or the trigger of that app), any condition."""
    apps: set[str] = set()
    conditions = False
    for f in frame_found:
        conditions |= f.code == CONDITION_NOT_APPLIED
        if frame is not None and f.code == TRIGGER_MISMATCH and frame.trigger.app:
            apps.add(frame.trigger.app)
        if frame is not None and f.code == REQUEST_NOT_COVERED and f.path:
            step = _step_at(frame, f.path)
            if isinstance(step, ServiceStep) and step.app:
                apps.add(step.app)
            if isinstance(step, CoreStep) and step.subtype in ("send_email", "gmail_send"):
                apps |= MAIL_APPS
    out = list(frame_found)
    for f in said:
        if f.code == CONDITION_NOT_APPLIED and conditions:
            continue
        if f.code == TRIGGER_MISMATCH and any(g.code == TRIGGER_MISMATCH for g in frame_found):
            continue
        if f.path and f.path.removeprefix("request.services.") in apps:
            continue
        if f not in out:
            out.append(f)
    return out


def _step_at(frame: Frame, path: str) -> object:
    """The frame part at ``path`` ("request.steps[1].cases[0].steps[0]"), None if none."""
    here: object = frame
    for name, index in re.findall(r"\.(\w+)(?:\[(\d+)\])?", path.removeprefix("request")):
        here = getattr(here, name, None)
        if index:
            if not isinstance(here, tuple | list) or int(index) >= len(here):
                return None
            here = here[int(index)]
    return here
