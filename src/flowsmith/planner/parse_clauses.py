"""The request parser's second pass: sentences, clauses, and the branches they open.

Invariants: each clause is a case-opening condition, an "otherwise", an action guarded by
a trailing condition, or plain steps; steps go into the innermost open case, loop or
approval of the builder's tree (:mod:`~flowsmith.planner.parse_tree`), which is then
frozen into :data:`~flowsmith.planner.frame.Step` values, order kept. The readers of the
clauses that open a case are in :mod:`~flowsmith.planner.parse_cases`. Pure: no I/O, no
clock.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner import parse_case_rest as crest
from flowsmith.planner.frame import (
    Condition,
    Step,
)
from flowsmith.planner.parse_ai_asked import ai_asked_case
from flowsmith.planner.parse_ai_sorted import ai_sorted_case, ai_whether_case
from flowsmith.planner.parse_ai_unanswered import ai_unanswered_case
from flowsmith.planner.parse_answers import (
    by_doing,
)
from flowsmith.planner.parse_approval_outcome import name_approver, outcome_clause
from flowsmith.planner.parse_case_clauses import (
    answered,
    answers_case,
    check_case,
    except_case,
    fetch_for,
    for_qualified,
    looked_at,
    only_if_case,
    qualifier_alone,
    read_kept_in,
    singular,
    size_case_of,
    straight_case,
    unless_case,
    unless_goes_on,
    value_case,
    when_not_case,
    which_case,
)
from flowsmith.planner.parse_cases import (
    BARE_COMPARE,
    NOTHING,
    decision,
    joined_condition,
    leading_condition,
    skipped,
    trailing_condition,
    zh_condition,
)
from flowsmith.planner.parse_chosen_case import chosen_case
from flowsmith.planner.parse_conditions import (
    qualifier_condition,
)
from flowsmith.planner.parse_context import CJK, Context, unmask
from flowsmith.planner.parse_found import asked_case, found_case, mood_case, new_found_case
from flowsmith.planner.parse_glossed_case import glossed_other_side
from flowsmith.planner.parse_guard_open import inside_event, open_guard
from flowsmith.planner.parse_guards import negate
from flowsmith.planner.parse_headed_case import (
    full_case,
    headed_case,
    opens_full_case,
    opens_headed_case,
)
from flowsmith.planner.parse_independent import split_independent
from flowsmith.planner.parse_item_dates import dated_case
from flowsmith.planner.parse_joined import join_conditions
from flowsmith.planner.parse_label_cases import complement_next, label_case, label_complement
from flowsmith.planner.parse_object_case import object_case
from flowsmith.planner.parse_qualified import WHOSE, changes, note_subject, only_for, qualified_at
from flowsmith.planner.parse_routed import category_case, checked, routed
from flowsmith.planner.parse_split import clauses, clauses_then, led_by_then
from flowsmith.planner.parse_split import sentences as sentences_of
from flowsmith.planner.parse_steps import clause_actions
from flowsmith.planner.parse_subject_cases import (
    as_otherwise,
    kind_case,
    opens_subject_case,
    subject_case,
    value_subject_case,
)
from flowsmith.planner.parse_tree import DraftApproval, DraftBranch, DraftCase, DraftLoop, freeze
from flowsmith.planner.parse_unmarked_head import unmarked_head
from flowsmith.planner.parse_zh_missing_case import zh_missing_case
from flowsmith.planner.parse_zh_number_case import zh_number_case
from flowsmith.planner.parse_zh_value_case import next_value_said, zh_value_case


class _Builder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.top: list[Any] = []
        self.container: list[Any] = self.top  # where the next step or branch goes
        self.branch: DraftBranch | None = None
        self.current: list[Any] = self.top
        self.loop: DraftLoop | None = None
        self.loop_parent: list[Any] | None = None
        self.approval: DraftApproval | None = None
        self.joined = False  # the last clause was a bare condition ("if the type is Bug")
        self.route: str | None = None  # "depending on the plan: …": the field cases compare
        self.approval_case: DraftBranch | None = None  # the branch an approval was asked in
        self.approval_said = False  # an "if approved / rejected" clause was read
        self.after_then = False  # "then"/"然后" led into this clause
        self.last_added: list[Any] = []  # the steps the last add() put in
        self.bare_else = False  # the last clause was "otherwise" alone
        self.case: DraftCase | None = None  # the case opened last
        self.unless: DraftBranch | None = None  # the guard "X, unless A" put around X
        self.text = ""  # the whole request's steps text (a kind said later opens a case now)
        self.filter: DraftBranch | None = None  # the trigger's own condition ("from X")
        self.missing_verb: str | None = None  # "没交作业的…": the verb whose "交了的…" is the rest

    def add(self, steps: list[Any]) -> None:
        steps = [led_by_then(s) for s in steps] if self.after_then else steps
        self.last_added = list(steps)
        for step in steps:
            if isinstance(step, DraftLoop):
                self.current.append(step)
                self.loop = step
                self.loop_parent = self.current
                self.current = self.container = step.steps
                self.branch = None
            elif isinstance(step, DraftApproval):
                self.current.append(step)
                self.approval = step
                self.approval_case = self.branch if self.branch is not None else None
                self.approval_said = False
                self.current = self.container = step.approved
                self.branch = None
            else:
                self.current.append(step)

    def open_case(self, cond: Condition, phrase: str, same: bool) -> None:
        asked = self.approval_case
        if self.branch is None and self.approval is not None and asked and not asked.closed:
            # "over 5000 need approval, …; 5000 or less …": the case beside the approval's
            self.branch, self.approval, same = asked, None, True
        if same and self._negates(cond) and self.otherwise():
            return
        if self._reopens(cond):
            return
        if same and self._same_field_after_trailing(cond):
            assert self.branch is not None
            self.branch.trailing = False  # "X when they are a customer; when a partner, Y"
        if not (
            same and self.branch is not None and not self.branch.closed and not self.branch.trailing
        ):
            self.close_branch()
            self.branch = DraftBranch(phrase=phrase)
            self.container.append(self.branch)
        case = DraftCase(cond)
        self.branch.cases.append(case)
        self.current = case.steps
        self.case = case
        self.remember(cond)

    def _reopens(self, cond: Condition) -> bool:
        """ "除非A，否则X；A的只Y", "if A do X, otherwise Y. For A also Z": a case said again
        right after its branch goes on in that branch's case, not in a second IF."""
        last = self.container[-1] if self.container else None
        if not isinstance(last, DraftBranch) or (
            self.branch is not None and self.branch is not last
        ):
            return False
        case = next(
            (c for c in last.cases if c.condition is not None and _key(c.condition) == _key(cond)),
            None,
        )
        if case is None:
            return False
        self.branch, self.current, self.case = last, case.steps, case
        self.remember(cond)
        return True

    def _same_field_after_trailing(self, cond: Condition) -> bool:
        b = self.branch
        if b is None or b.closed or not b.trailing or not b.cases:
            return False
        last = b.cases[-1].condition
        return (
            last is not None
            and last.field == cond.field
            and last.op in ("eq", "category")
            and cond.op in ("eq", "category")
        )

    def _negates(self, cond: Condition) -> bool:
        """ "if the email is not empty … if the email is empty …": the second is the first's
        other case."""
        b = self.branch
        if b is None or b.closed or len(b.cases) != 1 or b.cases[0].condition is None:
            return False
        return _key(negate(b.cases[0].condition)) == _key(cond)

    def remember(self, cond: Condition) -> None:
        """The field a later "if it is …" compares (no field of its own)."""
        if cond.op not in ("category", "failed", "contains", "not_contains", "is_true"):
            self.ctx.last_field = cond.field
        if cond.op in ("contains", "not_contains") and cond.field != "text":
            self.ctx.last_text = cond.field

    def nest(self, cond: Condition, phrase: str, own_else: bool = False) -> None:
        """A case inside the current one ("if the type is Bug and the priority is High");
        ``own_else`` (the inner case said its own "if"): an "otherwise" after it is the inner
        branch's, as an else belongs to the nearest if. Otherwise a case with no step yet takes
        the condition as a second one of its own ("if A and B": one IF whose rules all hold)."""
        if not own_else and self._join(cond, phrase):
            return
        inner = DraftBranch(phrase=phrase)
        inner.cases.append(DraftCase(cond))
        self.current.append(inner)
        self.current = inner.cases[0].steps
        self.case = inner.cases[0]
        self.remember(cond)
        if own_else:
            self.branch = inner

    def _join(self, cond: Condition, phrase: str) -> bool:
        case = self.case
        if case is None or case.condition is None or case.steps or case.steps is not self.current:
            return False
        first = case.condition
        joined = join_conditions([first, cond], "all", f"{first.phrase} {phrase}".strip())
        if joined is None:
            return False
        case.condition = joined
        self.remember(cond)
        return True

    def guard_here(self, cond: Condition, phrase: str) -> None:
        """The rest of the sentence runs only for items ``cond`` holds for ("for each product
        with stock below 5 …"): a case opened where the steps are going."""
        inner = DraftBranch(phrase=phrase, trailing=True)
        inner.cases.append(DraftCase(cond))
        self.current.append(inner)
        self.current = inner.cases[0].steps
        self.case = inner.cases[0]
        self.remember(cond)

    def enter_filter(self, cond: Condition) -> None:
        """The trigger's own condition ("each email from X", "a card moved to Done") holds
        for every step said after it: its case is where steps and cases go. Invariant: a
        case said later nests inside it (items the filter drops get nothing), never becomes
        its second case; only a bare "otherwise" with no case of its own open is its other
        side (:meth:`otherwise`)."""
        self.filter = DraftBranch(phrase=cond.phrase, event=True)
        case = DraftCase(cond)
        self.filter.cases.append(case)
        self.top.append(self.filter)
        self.current = self.container = case.steps
        self.case = case
        self.remember(cond)

    def leave_filter(self) -> None:
        """ "Every response also goes to …": the next steps run for every item, outside the
        trigger's own condition."""
        f = self.filter
        if f is not None and self.branch is None and self.container is f.cases[0].steps:
            self.current = self.container = self.top

    def _filter_else(self) -> bool:
        """ "When an email from X arrives, text me; otherwise log it": the filter's own other
        side, when no case of its own is open and the steps are still inside the filter."""
        f = self.filter
        if f is None or f.closed or self.branch is not None or self.approval is not None:
            return False
        if self.container is not f.cases[0].steps:
            return False
        self.branch, self.container = f, self.top
        return True

    def otherwise(self) -> bool:
        """The next steps run on the open branch's other case, else on the rejected path of
        the approval; an approval asked inside a case ("over 1000 ask my manager, otherwise
        …") before any "if approved" leaves the "otherwise" to the branch."""
        if self.approval is not None and not self.approval_said and self.approval_case:
            self.branch, self.approval = self.approval_case, None
        self._filter_else()
        if self.branch is not None and not self.branch.closed:
            case = DraftCase(None)
            self.branch.cases.append(case)
            self.current = case.steps
            self.branch.trailing = False
            return True
        if self.approval is not None:
            self.current = self.approval.rejected
            return True
        return False

    def close_branch(self) -> None:
        self.branch = None
        self.current = self.container

    def end_sentence(self) -> None:
        self.unless = None
        self.loop = None
        self.route = None
        if self.branch is None:
            self.current = self.container


def _key(cond: Condition) -> tuple[str, str, object]:
    return cond.field, cond.op, cond.value


def read_steps(text: str, ctx: Context, guard: Condition | None = None) -> list[Step]:
    """The steps of ``text``; ``guard`` (a condition in the trigger's words) opens a case
    that the first sentence's steps go into (an "otherwise" after it is its other case)."""
    b = _Builder(ctx)
    b.text = text
    sentences = sentences_of(text)
    sources = [s for s in sentences if _SOURCE.match(s)]
    for said in sources:  # "数据来自 <url>": read first, whatever sentence says so
        m = _SOURCE.match(said)
        assert m is not None
        b.add(clause_actions("get " + (m.group(1) or m.group(2) or ""), ctx))
    sentences = [s for s in sentences if s not in sources]
    if guard is not None:
        open_guard(b, guard)
        ctx.last_text = None  # the start's sender or recipient: "if it says …" reads the text
    for si, sentence in enumerate(sentences):
        if b.branch is None and crest.sentence_taken(sentence, b.container, ctx):
            continue  # "Every report also becomes …", "Only customers who … though!!"
        parts = clauses_then(crest.colon_subject(sentence))
        b.joined = inside_event(b, parts, si)
        for ci, (clause, b.after_then) in enumerate(parts):
            kept = si > 0 and b.branch is not None  # left open for this sentence's case
            _clause(b, clause, ctx, same=ci > 0 or kept or _continues(sentence))
            name_approver(b, clause, ctx)  # "12人以上的要店长在Slack里审批": 店长
        nxt = clauses(sentences[si + 1])[0] if si + 1 < len(sentences) else ""
        unless = b.unless if unless_goes_on(nxt, b) else None
        if b.branch is not None and not (
            _opens_case(nxt, ctx)
            or opens_full_case(nxt, b)
            or unless_goes_on(nxt, b)
            or next_value_said(b, nxt, ctx)
            or complement_next(b, nxt)
        ):
            b.close_branch()
        b.end_sentence()
        b.unless = unless  # "…, unless A; for those, Y": Y is A's case
    return split_independent([freeze(s) for s in b.top], text)


# a sentence naming where the data comes from ("the data comes from <url>", "数据来自<url>")
_SOURCE = re.compile(
    r"^\s*(?:the\s+)?(?:data|numbers|readings|values|prices)\s+(?:comes?|is|are)?\s*"
    r"(?:taken\s+|fetched\s+|read\s+)?from\s+(.*__url\d+__.*)$|"
    r"^\s*(?:数据|数值|读数)(?:来自|来源于|来源是|从|取自)\s*(.*__url\d+__.*?)(?:获取|读取)?\s*$",
    re.IGNORECASE,
)


def _opens_case(clause: str, ctx: Context) -> bool:
    """The next sentence goes on with the branch: "otherwise …", "if …", "超过5000则…"."""
    return bool(
        lx.ELSE_OPEN.match(clause)
        or lx.IF_OPEN.match(clause)
        or BARE_COMPARE.match(clause)
        or answers_case(clause)
        or (CJK.search(clause) and zh_condition(clause, ctx) is not None)
        or opens_subject_case(clause, ctx)
        or opens_headed_case(clause, ctx)
        or _next_category(clause, ctx)
    )


def _next_category(clause: str, ctx: Context) -> bool:
    """ "Angry ones …; calm ones …": the next sentence heads a case with a category the
    classifier gives."""
    m = lx.CATEGORY_CASE.match(clause)
    word = (m.group(1) or "").lower() if m else ""
    return bool(ctx.classified and word and singular(word, ctx.categories))


def _continues(sentence: str) -> bool:
    return bool(lx.ELSE_OPEN.match(sentence) or lx.IF_OPEN.match(sentence))


def _clause(b: _Builder, clause: str, ctx: Context, same: bool) -> None:
    joined, b.joined = b.joined, False
    if crest.remark(clause):
        return
    if outcome_clause(b, clause, ctx):  # "if rejected, …", "Approved: …", "批了就…"
        return
    if b.bare_else:  # "otherwise, | if …": the next case; "otherwise, | do X": the other one
        b.bare_else = False
        clause, same = (clause, True) if lx.IF_OPEN.match(clause) else ("otherwise " + clause, same)
    clause = as_otherwise(b, crest.as_rest(b, clause))
    bare = lx.ELSE_OPEN.match(clause)
    if bare and not clause[bare.end() :].strip() and b.branch is not None and not b.branch.closed:
        b.bare_else = True  # "otherwise" said alone: what follows says which
        return
    if answered(b, clause, ctx):
        return
    if straight_case(b, clause, ctx):
        return  # "其他的直接录入": the gate's other case, not the approval's rejected output
    m = lx.ELSE_OPEN.match(clause)
    elif_ = m is not None and b.branch is not None and lx.IF_OPEN.match(clause[m.end() :])
    if elif_ and m is not None:
        clause, same = clause[m.end() :], True  # "else if …", "否则如果…": the next case
    elif m:
        cased = b.otherwise()
        if not cased:
            b.close_branch()
        rest = clause[m.end() :]
        if not NOTHING.match(unmask(rest, ctx).strip(" ,，.。")):  # "其余的啥也不用做"
            b.add(clause_actions(rest, ctx) or (decision(rest, ctx) if cased else []))
        return
    if (
        label_complement(b, clause, ctx)  # "国外的…；国内的…": a label's complement
        or zh_missing_case(b, clause, ctx)  # before the readers that take "交了但分数低于60的"
        or dated_case(b, clause, ctx)  # "to guests arriving in two days": the items' date
        or found_case(b, clause, ctx)
        or mood_case(b, clause, ctx)
        or object_case(b, clause, ctx)
        or ai_sorted_case(b, clause, ctx)
        or ai_whether_case(b, clause, ctx)
        or ai_unanswered_case(b, clause, ctx)
        or chosen_case(b, clause, ctx)
        or ai_asked_case(b, clause, ctx)
        or asked_case(b, clause, ctx)
        or new_found_case(b, clause, ctx)
        or which_case(b, clause, ctx)
        or straight_case(b, clause, ctx)
        or check_case(b, clause, ctx)
        or looked_at(clause, ctx)
        or qualifier_alone(b, clause, ctx)
        or unless_case(b, clause, ctx)
        or only_if_case(b, clause, ctx)
        or except_case(b, clause, ctx)
        or size_case_of(b, clause, ctx)
        or value_case(b, clause, ctx)
        or when_not_case(b, clause, ctx)
        or for_qualified(b, clause, ctx)
        or category_case(b, clause, ctx)
        or routed(b, clause, ctx)
        or checked(b, clause, ctx)
        or subject_case(b, clause, ctx)
        or value_subject_case(b, clause, ctx)
        or glossed_other_side(b, clause, ctx)
        or zh_number_case(b, clause, ctx)
        or zh_value_case(b, clause, ctx)
        or kind_case(b, clause, ctx)
        or label_case(b, clause, ctx)  # "Internal deals: …. External deals: …"
        or crest.more_cases(b, clause, ctx)
        or headed_case(b, clause, ctx)
        or full_case(b, clause, ctx)
    ):
        return
    split = leading_condition(clause, ctx) or unmarked_head(clause, ctx, b.text)
    if split is None and joined:
        split = joined_condition(clause, ctx)
    if split is not None:
        cond, action = split
        fetch_for(b, cond, ctx)
        if joined and b.branch is not None:
            b.nest(cond, unmask(clause, ctx), own_else=bool(lx.IF_OPEN.match(clause)))
        else:
            b.open_case(cond, unmask(clause, ctx), same)
        steps = clause_actions(by_doing(action), ctx) or decision(action, ctx)
        b.add(steps)
        b.joined = not action.strip(" ,，")
        return
    tail = trailing_condition(clause, ctx)
    if tail is not None:
        action, cond = tail
        b.close_branch()
        fetch_for(b, cond, ctx)
        read_kept_in(b, cond, ctx)
        b.open_case(cond, unmask(clause, ctx), same=False)
        branch = b.branch
        b.add(clause_actions(action, ctx))
        if branch is not None:
            branch.trailing = True
        return
    event_case = b.branch is not None and b.branch.event and not b.branch.closed
    if lx.EVERY_ITEM.match(clause) and (b.current or b.current is b.container):
        b.close_branch()  # "also add every response": every item, even the filter's others
        b.leave_filter()
    elif b.branch is not None and (
        b.branch.trailing
        or (
            lx.AFTER_BRANCH.match(clause)
            and not event_case
            and (b.current or b.current is b.container)
        )
        or (b.after_then and b.branch.closed)
    ):
        b.close_branch()  # "…, otherwise Y, and then Z": Z joins every case
    elif (
        b.loop_parent is not None
        and b.container is not b.loop_parent
        and lx.AFTER_BRANCH.match(clause)
    ):
        # "…, then respond" or, in the next sentence, "After that, post …": after the loop
        b.current = b.container = b.loop_parent
        b.loop = None
    _plain(b, clause, ctx)


def _plain(b: _Builder, clause: str, ctx: Context) -> None:
    """Plain steps; a read or loop whose noun is qualified ("each product with stock below
    5") guards the rest of the sentence with that qualifier."""
    if re.match(r"\s*(?:with|whose|where|having)\b", clause, re.IGNORECASE):
        alone = qualifier_condition(clause, ctx, alone=True)  # "…, with priority 1, …"
        if alone is not None:
            b.open_case(alone, unmask(clause, ctx), same=True)
            b.joined = True
            return
    skip = skipped(clause, ctx)
    if skip is not None:
        b.add([skip])
        return
    only = only_for(clause, ctx)
    if only is not None:
        picked, rest = only
        b.guard_here(picked, unmask(clause, ctx))
        b.add(clause_actions(rest, ctx))
        return
    steps = clause_actions(clause, ctx)
    if (
        not steps
        and b.branch is not None
        and b.current is not b.container
        and (lx.CREATE_VERB.search(clause) or lx.UPDATE_VERB.search(clause))
    ):
        steps = decision(clause, ctx)  # "…, 通知部门经理": the case still does something
    note_subject(clause, steps, ctx)
    if not steps:
        cond = qualifier_condition(clause, ctx, alone=True)  # "凡是金额大于1000的订单，都…"
        if cond is not None:
            b.open_case(cond, unmask(clause, ctx), same=True)
            b.joined = True
            return
    whose = WHOSE.search(clause)
    chosen = qualifier_condition(clause[whose.start() :], ctx, alone=True) if whose else None
    if chosen is not None and steps and qualified_at(steps) is None:
        b.guard_here(chosen, unmask(clause, ctx))  # "email every customer whose renewal …"
        b.add(steps)
        return
    at = qualified_at(steps)
    cond = qualifier_condition(clause, ctx) if at is not None or changes(steps) else None
    if cond is None:
        b.add(steps)
        return
    at = -1 if at is None else at  # a change's items: "delete the rows older than 7 days"
    b.add(steps[: at + 1])
    b.guard_here(cond, unmask(clause, ctx))
    b.add(steps[at + 1 :])
