"""Reading conditional edits: "only post to Slack if the total is below 1000", "if the budget
is over 10000 also create a deal in Salesforce", "skip posts whose title contains 'ad'",
"只处理优先级为High的问题", "cold leads (score under 30) get …, the rest …", "正面的工单记录到…".

Invariants: one ``add_guard`` op per request at most, and only when a condition parses
(:func:`flowsmith.planner.parse_conditions.parse_condition`, with the workflow's classifier
categories and AI steps as context); the op carries the IF rule as built, the existing steps
it guards (``subject``) or the new steps behind it (``steps``), and what runs otherwise
(``else_subject`` / ``else_steps``). Services come from the catalog (:mod:`edit_catalog`);
only connectives and verbs are written (in :mod:`edit_guard_words`, the patterns this module
reads parts with). Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Workflow
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_guard_join as gj
from flowsmith.planner import edit_guard_skip_words as sw
from flowsmith.planner import edit_guard_words as gw
from flowsmith.planner import edit_read
from flowsmith.planner import edit_words as w
from flowsmith.planner import graph as g
from flowsmith.planner import lexicon as lx
from flowsmith.planner import vocab as v
from flowsmith.planner.compile_state import combine_of, field_ref, if_rule, if_rules
from flowsmith.planner.edit_conditions import (
    level_value,
)
from flowsmith.planner.edit_guard_condition import condition
from flowsmith.planner.edit_guard_denied import kind_said, with_denial
from flowsmith.planner.edit_guard_drop import drops_item
from flowsmith.planner.edit_guard_kind import (
    ALSO_PART as _ALSO_PART,
)
from flowsmith.planner.edit_guard_kind import (
    FIELD_IS as _FIELD_IS,
)
from flowsmith.planner.edit_guard_kind import (
    NEW_CAT_NAMED as _NEW_CAT_NAMED,
)
from flowsmith.planner.edit_guard_kind import (
    ZH_SUBJECT_IF as _ZH_SUBJECT_IF,
)
from flowsmith.planner.edit_guard_kind import (
    only_kind,
    paren_pair,
    since_column,
)
from flowsmith.planner.edit_guard_mentions import cut_mentions
from flowsmith.planner.edit_guard_not_named import items_not_named
from flowsmith.planner.edit_guard_now import now_op, without_now
from flowsmith.planner.edit_guard_op import Guard, guard_op
from flowsmith.planner.edit_guard_said import negated_again
from flowsmith.planner.edit_guard_said import topic_if as _topic_if
from flowsmith.planner.edit_guard_skip_and import skip_and
from flowsmith.planner.edit_guard_steps import steps_in
from flowsmith.planner.edit_guard_still import kept_then_also
from flowsmith.planner.edit_guard_that import items_that
from flowsmith.planner.edit_read import existing_steps
from flowsmith.planner.edit_route import adopt_field, route
from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import Context
from flowsmith.planner.plan import EditOp
from flowsmith.planner.services import index_of

Span = tuple[int, int]


# an operator's sign in a guard's label
_SYMBOL = {
    "equals": "=",
    "not_equals": "≠",
    "greater_than": ">",
    "less_than": "<",
    "contains": "contains",
}


def _decided(current: Workflow) -> bool:
    """Whether ``current`` asks someone to approve (its outputs are approved / rejected)."""
    return any(x.subtype in g.APPROVALS for x in current.nodes)


# a part opening with an approval's outcome: "when a request is approved", "if it's rejected"
_DECISION = re.compile(f"(?:{w.ON_APPROVED.pattern})|(?:{w.ON_REJECTED.pattern})", re.I)


def _decision_only(part: str) -> bool:
    """Whether ``part`` opens with an approval's outcome and says no further condition
    ("if it's approved and over $5k …" still checks the amount)."""
    m = _DECISION.match(part)
    return m is not None and not _MORE_CONDITION.match(part[m.end() :])


_MORE_CONDITION = re.compile(r"\s*(?:and|&|but|with|并且|而且|且)\b", re.I)


def read_guard(text: str, current: Workflow) -> tuple[EditOp | None, list[Span]]:
    """The ``add_guard`` op ``text`` asks for (None when no condition parses) and the spans of
    ``text`` it used (so the other readers do not read its services again)."""
    ctx = context_of(current)
    parts = [_after_replacement(text, span, ctx, current) for span in _parts(text)]
    decided = _decided(current)
    for i, (a, b) in enumerate(parts):
        if decided and _decision_only(text[a:b].strip()):
            continue  # "when a request is approved, …": the approval's output, no new check
        part, now = without_now(_topic_if(gw.LEAD.sub("", text[a:b].strip())))
        part = _as_for(part, ctx, current)  # "<items> are <kind>: don't <old>, just <new>"
        mention = cut_mentions(part)  # "billing emails that mention a chargeback …"
        guard = guard_in(mention[0], ctx, current) if mention is not None else None
        if guard is None or guard.category is None:
            guard, mention = guard_in(part, ctx, current), None
        guard, spans = _with_next(text, parts[i:], part, guard, ctx, current)
        if guard is None:
            continue
        rest = parts[i + len(spans) :]
        still: list[Span] = []
        kept: list[str] = []
        act: Span | None = None
        if len(spans) == 1 and not guard.act.strip() and not guard.flow:
            # "少于5个的话，Teams照发，另外再发邮件…": the kept steps run on every path
            still, kept, act = kept_then_also(text, rest, current)
        if act is not None:
            guard = replace(guard, act=gw.LEAD.sub("", text[slice(*act)].strip()))
            rest = [x for x in rest if x[0] >= act[1]]
            spans += [*still, act]
        elif (
            len(spans) == 1
            and not guard.act.strip()
            and not guard.flow
            and rest
            and _ALSO_PART.match(text[slice(*rest[0])])
        ):
            # "合同金额超过100万的，另外发邮件给…": the qualifier's act is the next part
            guard = replace(guard, act=gw.LEAD.sub("", text[slice(*rest[0])].strip()))
            spans.append(rest[0])
            rest = rest[1:]
        guard, denied = with_denial(text, rest, guard, current)  # "…, and don't insert it"
        spans += denied
        rest = rest[len(denied) :]
        other = ""
        for na, nb in rest:
            if (guard.bypass or guard.negate) and gw.AS_IS.search(text[na:nb]):
                spans.append((na, nb))  # "…, send those to Telegram as they are": the bypass
                continue
            if gw.ELSE.search(text[na:nb]) or negated_again(part, text[na:nb]):
                other = text[na:nb]
                spans.append((na, nb))
                break
            if not gw.KEEP.search(text[na:nb]):
                break
            spans.append((na, nb))  # "critical keep SMS": a case that stays as it is
            kept += steps_in(text[na:nb], current)[0]
        op = guard_op(replace(guard, other=other), current)
        op.keep = [x for x in [*op.keep, *kept] if x not in (op.subject or "").split("|")]
        op.also_rule = mention[1] if mention is not None else None
        if guard.needs_route and route(current, op) is None:
            continue
        return (now_op(op, current) if now else op), spans
    return None, []


def _as_for(part: str, ctx: Context, current: Workflow) -> str:
    """``part`` read as "for <items>, <act>" when it says "<items> are <kind>: <act>" and
    that reading sends the items to a new step instead of an old one."""
    said = kind_said(part)
    if said is None:
        return part
    guard = guard_in(said, ctx, current)
    return said if guard is not None and guard_op(guard, current).where == "instead" else part


def _with_next(
    text: str, parts: list[Span], part: str, guard: Guard | None, ctx: Context, current: Workflow
) -> tuple[Guard | None, list[Span]]:
    """``guard`` read from ``part`` (the words of ``parts[0]``), or from it and the next part
    when ``part`` only qualifies the items and the next goes on with "另外/also …"."""
    first = parts[0]
    if len(parts) < 2 or not gj.continues(text[parts[1][0] : parts[1][1]]):
        return guard, [first]
    if not _items_only(part, guard, ctx):
        return guard, [first]
    act = gw.LEAD.sub("", text[parts[1][0] : parts[1][1]].strip())
    both = guard_in(gj.joined(part, act), ctx, current)
    if both is not None and _acts(both, current):
        return both, [first, parts[1]]
    return guard, [first]


def _acts(guard: Guard | None, current: Workflow) -> bool:
    """Whether ``guard`` says what to do: a step its action names, or the whole flow."""
    if guard is None:
        return False
    return guard.flow or guard.replaces or any(steps_in(guard.act, current))


def _items_only(part: str, guard: Guard | None, ctx: Context) -> bool:
    """Whether ``part`` says a condition and no step ("金额超过1万的合同", "if it is over 500")."""
    if any(steps_in(part, Workflow())):
        return False
    bare = re.sub(r"^\s*(?:如果|假如|要是|if|when)\s*", "", part, flags=re.IGNORECASE)
    return guard is not None or condition(bare, ctx) is not None


def _after_replacement(text: str, span: Span, ctx: Context, current: Workflow) -> Span:
    """``span`` without a leading replacement clause that says no condition ("Use Asana
    instead of monday.com, and only for issues in the OPS project"): the replacement is the
    replace reader's and runs for every item; only the rest can be the guard's."""
    a, b = span
    m = gw.CLAUSE_COMMA.search(text, a, b)
    if m is None or not text[m.end() : b].strip():
        return span
    lead = text[a : m.start()]
    swaps = gw.SWAP.search(lead) is not None and any(ec.mentions(lead.lower()))
    if not swaps and not any(p.search(lead.lower()) for p, _ in v.REPLACE):
        return span
    if guard_in(lead, ctx, current) is not None:
        return span
    return (m.end(), b)


def _parts(text: str) -> list[Span]:
    out: list[Span] = []
    start = 0
    for m in gw.PARTS.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def context_of(current: Workflow) -> Context:
    """The condition reader's context for ``current``: the categories it classifies into."""
    ctx = Context(index=index_of(load_catalog()), urls=[], mails=[])
    for node in current.nodes:
        if node.subtype == "sentiment_analysis":
            ctx.made.add("sentiment")
        cats = node.parameters.get("categories")
        if node.subtype == "text_classifier" and isinstance(cats, list):
            ctx.made.add("classify")
            ctx.classified = True
            ctx.categories += [str(c.get("name", c) if isinstance(c, dict) else c) for c in cats]
    return ctx


def guard_in(part: str, ctx: Context, current: Workflow) -> Guard | None:
    """The guard ``part`` says, by the first reader that finds one."""
    if w.NEITHER.search(part):
        return None  # "既不是billing也不是bug的…": the otherwise of the cases, no new rule
    readers = (
        items_not_named,  # "leads that aren't hot" on a "Hot lead?" check: its other output
        _new_rule,
        _only,
        _if,
        _never,
        _skip,
        _zh,
        _trailing,
        _for,
        items_that,  # before _qualified: a value or name an existing IF already has
        _qualified,
        _items_should,
        _only_kind,
    )
    for reader in readers:
        found = reader(part, ctx, current)
        if found is not None:
            return None if _said_by_trigger(found, current) else found
    return None


def _said_by_trigger(guard: Guard, current: Workflow) -> bool:
    """Whether ``guard`` checks what every run already is: "报错的时候…" on a flow an error
    starts (each item is a failure) is when the flow runs, no condition."""
    failed = guard.label == "failed?" and not guard.negate
    return failed and any(x.subtype == "error_trigger" for x in current.nodes)


def _make(
    cond: Condition | None,
    act: str,
    *,
    negate: bool = False,
    flow: bool = False,
    category: str | None = None,
) -> Guard | None:
    if cond is None:
        return None
    if act.strip() == "话":  # "…少于5个的话": the supposition's mark cut at its "的", no act
        act = ""
    act = gw.ITEMS_LEAD.sub("", act)  # "邮箱是gmail.com的线索，跳过…": the items, then the act
    act = re.sub(r"^\s*[，,]\s*", "", act)  # "…或163.com的，就不用发邮件": the act after "的，"
    if drops_item(act):  # "if the file isn't a PDF, skip it": the kept items go on, all steps
        act, negate, flow = "", not negate, True
    paired = None if gw.NEGATED.match(act) else skip_and(act, denied=False)
    if paired is not None:  # "respond 409 and skip Mailchimp": the skip leads
        act = f"skip {paired[1]}"
    no = gw.NEGATED.match(act)
    swap = ""
    if no is not None:
        # "if the budget is under 1000, don't create …": the step runs on the other output
        act, negate = act[no.end() :], not negate
        but = gw.DONT_BUT.search(act)
        paired = paired or (skip_and(act, denied=True) if but is None else None)
        if but is not None:
            old, new = (x for x in but.groups() if x is not None)
            swap = f"{new} instead of {old}"
        elif paired is not None:  # "skip the upload and email ops@…": the email instead
            # (the act stays whole: when the skipped words name no step, it reads as before)
            swap = f"{paired[0]} instead of {paired[1]}"
    if cond.op == "failed":
        failed = [
            {"left": "{{ $json.error }}", "operator": "is_not_empty"},
            {"left": "{{ $json.statusCode }}", "operator": "greater_than", "right": 399},
        ]
        params = {"conditions": failed, "combine": "or"}
        return Guard(params, "failed?", negate, act, flow, "", said=cond.phrase)
    if cond.op in ("all", "any") or isinstance(cond.value, (tuple, list)):
        # "… and the country is US", "status is A or B", "between 5 and 8": one IF, its rules
        # joined (a rule's value is never a list)
        rules, _ = if_rules(cond)
        joined = {"conditions": rules, "combine": combine_of(cond)}
        return Guard(joined, cond.phrase[:60], negate, act, flow, "", swap=swap)
    rule, swapped = if_rule(cond)
    if " % " in cond.field:
        rule["left"] = "{{ $json." + cond.field + " }}"
    if cond.op == "category":
        rule = {"left": field_ref("category"), "operator": "equals", "right": str(cond.value)}
    label = f"{cond.field} {_SYMBOL.get(rule['operator'], rule['operator'])} {cond.value}"
    if "right" not in rule:
        label = f"{cond.field} {rule['operator'].replace('_', ' ')}"
    if cond.op == "not_contains":
        label = f"{cond.field} not contains {cond.value}"
    params = {"conditions": [rule], "combine": "and"}
    cat = category or _cat(cond)
    return Guard(params, label, negate != swapped, act, flow, "", cat, said=cond.phrase, swap=swap)


def _cat(cond: Condition) -> str | None:
    return str(cond.value) if cond.op == "category" or cond.field == "sentiment" else None


def _only_kind(part: str, ctx: Context, current: Workflow) -> Guard | None:
    """ "only bugs should end up in monday": the items' type (edit_guard_kind)."""
    found = only_kind(part)
    return _make(found[0], found[1]) if found is not None else None


def _new_rule(part: str, ctx: Context, current: Workflow) -> Guard | None:
    m = gw.NEW_RULE.search(part)
    if m is None:
        return None
    said = next((x for x in m.group("cond", "zcond", "cond2", "cond3", "zcond2") if x), "")
    found = _make(condition(said, ctx), "")
    if found is None:
        return None
    return replace(found, replaces=True, rule=adopt_field(found.rule, current, found.said))


def _only(part: str, ctx: Context, current: Workflow) -> Guard | None:
    m = gw.ONLY.search(part)
    late = gw.ACT_ONLY.search(part) if m is None else None
    if m is not None:
        rest = m.group("rest")
    elif late is not None:
        rest = f"{late.group('act')} {late.group('rest')}"  # "alert only for …"
    else:
        return None
    # "only for orders from Canada": the condition alone, no step named
    rest = " " + rest if re.match(r"for\s", rest, re.IGNORECASE) else rest
    found = _split_only(rest, ctx, current, negate=False)
    if found is None and gw.ITEMS.match(rest):
        # "only orders from Canada": items qualified, no step named: the whole flow
        return _make(condition(rest, ctx), "", flow=True)
    return found


def _if(part: str, ctx: Context, current: Workflow) -> Guard | None:
    m = gw.IF.search(part)
    if m is None:
        return None
    rest = m.group("rest")
    for start in [x.start() for x in gw.ACT_START.finditer(rest) if x.start() > 0]:
        if len(re.findall(r"[(（]", rest[:start])) > len(re.findall(r"[)）]", rest[:start])):
            continue  # "on our blocklist (a.com, b.com)": a comma inside the brackets
        cond = condition(rest[:start], ctx)
        if cond is not None:
            act = re.sub(r"^[,，]?\s*(?:then\s+)?(?:also\s+)?", "", rest[start:])
            return _make(cond, act)
    return _make(condition(rest, ctx), "")  # "only when …": the result steps


def _never(part: str, ctx: Context, current: Workflow) -> Guard | None:
    """ "Don't post to Slack for orders under $10": the named step, on the other output."""
    m = gw.DONT.search(part)
    return _split_only(m.group("rest"), ctx, current, negate=True) if m else None


def _split_only(rest: str, ctx: Context, current: Workflow, negate: bool) -> Guard | None:
    """ "<act> if|for|whose <cond>", else a comparison inside the action's own words
    ("log contracts over 50000 to the sheet")."""
    for sep in gw.ONLY_SEP:
        for hit in sep.finditer(rest):
            said, act = rest[hit.end() :], rest[: hit.start()]
            cond = condition(said, ctx)
            tail = gw.DESTINATION.search(said)
            if cond is None and tail is not None:
                # "whose title mentions 'AI' to Telegram": the destination is the action's
                cond, act = condition(said[: tail.start()], ctx), act + said[tail.start() :]
            if cond is not None:
                return _make(cond, act, negate=negate, flow=_is_flow(act, current))
    if any(p.search(rest) for _, p in lx.COMPARE) and not gw.IF.match(rest):
        words = re.sub(r"^\s*\w+\s+", "", rest)  # without its verb
        tail = gw.DESTINATION.search(words)
        cond = condition(words[: tail.start()] if tail else words, ctx)
        if cond is not None and cond.op in ("gt", "lt", "gte", "lte"):
            return _make(cond, rest, negate=negate, flow=_is_flow(rest, current))
    return None


def _trailing(part: str, ctx: Context, current: Workflow) -> Guard | None:
    u = gw.UNLESS.search(part)
    if u is not None:
        act = u.group("act") or u.group("zact") or ""
        cond = condition(u.group("cond") or u.group("zcond") or "", ctx)
        return _make(cond, act, negate=True, flow=_is_flow(act, current))
    m = gw.TRAILING.search(part) or gw.ZH_THEN.search(part)
    if m is None:
        return None
    act = m.group("act")
    return _make(condition(m.group("cond"), ctx), act, flow=_is_flow(act, current))


def _skip(part: str, ctx: Context, current: Workflow) -> Guard | None:
    """ "Skip posts whose …": the whole flow; "skip the email when …": that step."""
    m = sw.SKIP.search(part) or sw.ZH_SKIP.search(part)
    if m is None:
        whole = sw.SKIP_ALL.search(part)
        cond = condition(whole.group("cond"), ctx) if whole else None
        return _make(cond, "", negate=True, flow=True) if cond is not None else None
    said = m.groupdict().get("cond2") or m.groupdict().get("cond3")
    if said:
        return _make(condition(said, ctx), "", negate=True, flow=True)
    what = m.group("what")
    named = sw.THE_STEP.match(what) is not None or any(ec.mentions(what.lower()))
    named = named or sw.stem_said(what, current)  # "skip monday entirely for …": monday_com
    if named and existing_steps(what, current):
        # "skip the approval for amounts under 100": those items go round that step
        found = _make(condition(m.group("cond"), ctx), what, negate=True)
        return replace(found, bypass=True) if found is not None else None
    return _make(condition(m.group("cond"), ctx), "", negate=True, flow=True)


def _zh(part: str, ctx: Context, current: Workflow) -> Guard | None:
    m = gw.ZH_ONLY.search(part)
    if m is not None:
        return _make(condition(m.group("cond"), ctx), "", flow=True)
    m = gw.ZH_IF.search(part)
    if m is not None:
        return _make(condition(m.group("cond"), ctx), m.group("act"))
    m = _ZH_SUBJECT_IF.search(part)
    if m is not None:
        found = _make(condition(m.group("cond"), ctx), m.group("act"))
        if found is not None:
            return found
    m = gw.ZH_ONLY_IF.search(part)
    if m is not None:
        act = m.group("pre") + " " + m.group("act")
        return _make(condition(m.group("cond"), ctx), act, flow=_is_flow(act, current))
    m = gw.ZH_DENIED.search(part)
    if m is not None and not gw.INSTEAD.search(part):
        return _make(condition(m.group("cond"), ctx), m.group("act"))
    return None


def _qualified(part: str, ctx: Context, current: Workflow) -> Guard | None:
    if gw.OTHERWISE.match(part):
        return None  # "否则的话也发…": the other output (edit_read), never a category
    m = gw.PAREN.search(part)
    if m is not None:
        cond = (
            condition(m.group("cond"), ctx)
            or paren_pair(m.group("cond"))
            or since_column(f"{m.group('pre')} {m.group('cond')}")
        )
        if cond is not None:
            return _make(cond, m.group("pre") + " " + m.group("act"))
    for de in re.finditer("的", part):
        # "预算超过1万的，发短信", "金额超过10万的合同需要审批": a comparison qualifies the items
        # "只把超过1000字的文章发到Slack": "只把" says which items, it is no field
        cond = condition(re.sub(r"^(?:只|仅)(?:把|有|将)", "", part[: de.start()]), ctx)
        if cond is not None and _qualifies(cond):
            return _make(cond, part[de.end() :])
        if cond is not None and cond.op == "eq" and _FIELD_IS.search(part[: de.start()]):
            # "优先级为high的工单改成…": a field said with its value qualifies the items
            return _make(cond, part[de.end() :])
    if not eg.branch_nodes(current):
        return None  # a category only routes where the workflow already branches
    m = (
        gw.NEW_CAT.search(part)
        or _NEW_CAT_NAMED.search(part)
        or gw.FOR_CAT.search(part)
        or gw.ZH_CAT.search(part)
        or gw.LEVEL_ITEMS.search(part)
    )
    verb_first = gw.VERB_LEVEL.search(part) if m is None else None
    if m is None and verb_first is None and not gw.INSTEAD.search(part):
        return _category_named(part, ctx)
    if verb_first is not None:
        m = verb_first  # "route high priority tickets to Jira", "send low-priority ones …"
    elif m is None or gw.INSTEAD.search(part):
        return None  # "… instead of Slack": a replacement
    groups = m.groupdict()
    word = level_value(groups.get("cat") or groups.get("zcat") or "")
    act = groups.get("act") if groups.get("cat") else groups.get("zact")
    if verb_first is not None:
        act = f"{groups.get('verb')} {act}"
    cond = parse_condition(word, ctx)
    if cond is None or cond.op not in ("category", "eq"):
        cond = Condition("category", "category", word.lower(), word)
    found = _make(cond, act or "", category=str(cond.value))
    said_category = bool(groups.get("cat") and m.re is not gw.ZH_CAT) or bool(
        groups.get("zcat") or groups.get("kind")
    )
    if found is None:
        return None
    only = gw.ONLY_WORD.search(act or "") is not None
    return replace(found, needs_route=True, new_category=said_category, only=only)


_QUALIFYING = ("gt", "lt", "gte", "lte", "contains", "ne")


def _qualifies(cond: Condition) -> bool:
    """Whether ``cond`` said before "的" picks items: a comparison, a part of a value, or any
    of several of those ("邮箱是qq.com或163.com的")."""
    if cond.op == "any" and isinstance(cond.value, tuple):
        return all(isinstance(x, Condition) and x.op in _QUALIFYING for x in cond.value)
    return cond.op in _QUALIFYING


def _category_named(part: str, ctx: Context) -> Guard | None:
    """ "Also post bugs to #dev on Slack": one classifier category named among the words of
    an action: the action is for that category's items."""
    if not ctx.classified:
        return None
    low = part.lower()
    said = [
        c
        for c in ctx.categories
        if re.search(rf"(?<![a-z]){re.escape(c.lower())}(?:s|es)?(?![a-z])", low)
    ]
    if len(said) != 1 or not gw.ACT_START.search(low):
        return None
    negate = gw.DENIED.search(low) is not None  # "billing emails should not create …"
    cond = Condition("category", "category", said[0].lower(), said[0])
    found = _make(cond, part, negate=negate)
    return replace(found, needs_route=True) if found is not None else None


def _for(part: str, ctx: Context, current: Workflow) -> Guard | None:
    """ "For orders over $500, also post them to Teams": the items, then their action."""
    found = gj.for_items(part, ctx)
    return _make(found[0], found[1]) if found is not None else None


def _items_should(part: str, ctx: Context, current: Workflow) -> Guard | None:
    """ "Leads from Germany should go to Pipedrive instead", "orders over $500 should also be
    posted to Slack": items the words qualify, and what happens to them."""
    m = gw.ITEMS_SHOULD.search(part)
    if m is None:
        return None
    cond = condition(m.group("cond"), ctx)
    if cond is None or cond.op == "category":
        return None
    return _make(cond, m.group("act"), negate=m.group("neg") is not None)


def _is_flow(act: str, current: Workflow) -> bool:
    """ "only process …": the condition guards everything after the trigger."""
    if not gw.FLOW_VERBS.search(act):
        return False
    # "only handle tickets whose …": the items ("tickets"), not a step named by that word
    low = act.lower()
    return not [x for x in edit_read.named(low) if eg.find(current, x.subject)]
