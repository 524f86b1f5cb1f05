"""The request parser's second pass: sentences, clauses, and the branches they open.

Invariants: each clause is a case-opening condition, an "otherwise", an action guarded by
a trailing condition, or plain steps; steps go into the innermost open case, loop or
approval of the builder's tree (:mod:`~flowsmith.planner.parse_tree`), which is then
frozen into :data:`~flowsmith.planner.frame.Step` values, order kept. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import (
    Condition,
    Step,
)
from flowsmith.planner.parse_conditions import looks_category, parse_condition
from flowsmith.planner.parse_context import CJK, ZH_CLAUSE_COND, Context, unmask
from flowsmith.planner.parse_steps import clause_actions
from flowsmith.planner.parse_tree import DraftApproval, DraftBranch, DraftCase, DraftLoop, freeze


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

    def add(self, steps: list[Any]) -> None:
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
                self.current = self.container = step.approved
                self.branch = None
            else:
                self.current.append(step)

    def open_case(self, cond: Condition, phrase: str, same: bool) -> None:
        if not (
            same and self.branch is not None and not self.branch.closed and not self.branch.trailing
        ):
            self.close_branch()
            self.branch = DraftBranch(phrase=phrase)
            self.container.append(self.branch)
        case = DraftCase(cond)
        self.branch.cases.append(case)
        self.current = case.steps

    def otherwise(self) -> bool:
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
        self.loop = None
        if self.branch is None:
            self.current = self.container


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in lx.SENTENCE_SPLIT.split(text) if s and s.strip(" ,，")]


def _clauses(sentence: str) -> list[str]:
    return [c.strip() for c in lx.CLAUSE_SPLIT.split(sentence) if c and c.strip(" ,，")]


def read_steps(text: str, ctx: Context) -> list[Step]:
    b = _Builder(ctx)
    sentences = _sentences(text)
    for si, sentence in enumerate(sentences):
        clauses = _clauses(sentence)
        for ci, clause in enumerate(clauses):
            _clause(b, clause, ctx, same=ci > 0 or _continues(sentence))
        nxt = _clauses(sentences[si + 1])[0] if si + 1 < len(sentences) else ""
        if b.branch is not None and not (lx.ELSE_OPEN.match(nxt) or lx.IF_OPEN.match(nxt)):
            b.close_branch()
        b.end_sentence()
    return [freeze(s) for s in b.top]


def _continues(sentence: str) -> bool:
    return bool(lx.ELSE_OPEN.match(sentence) or lx.IF_OPEN.match(sentence))


def _clause(b: _Builder, clause: str, ctx: Context, same: bool) -> None:
    if b.approval is not None:
        if lx.APPROVAL_REJECT.search(clause):
            b.current = b.approval.rejected
            b.add(clause_actions(lx.APPROVAL_REJECT.sub(" ", clause), ctx))
            return
        if lx.APPROVAL_OK.search(clause):
            b.current = b.approval.approved
            b.add(clause_actions(lx.APPROVAL_OK.sub(" ", clause), ctx))
            return
    m = lx.ELSE_OPEN.match(clause)
    if m:
        if not b.otherwise():
            b.close_branch()
        b.add(clause_actions(clause[m.end() :], ctx))
        return
    m = lx.CATEGORY_CASE.match(clause)
    if m and (b.branch is None or not b.branch.closed):
        word = (m.group(1) or m.group(2) or "").lower()
        if word in ctx.categories or looks_category(word) or ctx.classified:
            if word not in ctx.categories:
                ctx.categories.append(word)
            b.open_case(
                Condition("category", "category", word, unmask(clause, ctx)),
                unmask(clause, ctx),
                same=True,
            )
            b.add(clause_actions(clause[m.end() :], ctx))
            return
    split = _leading_condition(clause, ctx)
    if split is not None:
        cond, action = split
        b.open_case(cond, unmask(clause, ctx), same)
        b.add(clause_actions(action, ctx))
        return
    tail = _trailing_condition(clause, ctx)
    if tail is not None:
        action, cond = tail
        b.close_branch()
        b.open_case(cond, unmask(clause, ctx), same=False)
        branch = b.branch
        b.add(clause_actions(action, ctx))
        if branch is not None:
            branch.trailing = True
        return
    if b.branch is not None and (b.branch.trailing or lx.AFTER_BRANCH.match(clause)):
        b.close_branch()
    elif b.loop is not None and b.loop_parent is not None and lx.AFTER_BRANCH.match(clause):
        b.current = b.container = b.loop_parent  # "…, then respond": after the loop
        b.loop = None
    b.add(clause_actions(clause, ctx))


def _leading_condition(clause: str, ctx: Context) -> tuple[Condition, str] | None:
    m = lx.IF_OPEN.match(clause)
    if m is None:
        if CJK.search(clause):
            z = ZH_CLAUSE_COND.match(clause)
            if z:
                cond = parse_condition(z.group("c"), ctx)
                if cond is not None:
                    return cond, z.group("a")
        return None
    body = clause[m.end() :]
    t = lx.THEN_WORD.search(body)
    if t and t.start() > 0:
        cond = parse_condition(body[: t.start()], ctx)
        if cond is not None:
            return cond, body[t.end() :]
    for start in _action_starts(body, ctx):
        cond = parse_condition(body[:start], ctx)
        if cond is not None and _complete(body[:start]):
            return cond, body[start:]
    cond = parse_condition(body, ctx)
    return (cond, "") if cond is not None else None


def _complete(text: str) -> bool:
    """A condition that ends on its verb ("if the email mentions") still needs its value."""
    return not re.search(r"\b(?:is|are|contains?|mentions?|includes?|than|equals?|to)\s*$", text)


def _action_starts(body: str, ctx: Context) -> list[int]:
    starts: set[int] = set()
    for pattern in (lx.CREATE_VERB, lx.READ_VERB, lx.UPDATE_VERB, lx.DELETE_VERB, lx.SMS_WORD):
        for m in pattern.finditer(body):
            if m.start() > 0:
                starts.add(m.start())
    for mention in ctx.index.mentions(body):
        left = body[: mention.start]
        if lx.TO_WORD.search(left) and mention.start > 0:
            starts.add(lx.TO_WORD.search(left).start())  # type: ignore[union-attr]
    return sorted(starts)


def _trailing_condition(clause: str, ctx: Context) -> tuple[str, Condition] | None:
    for m in lx.IF_TRAILING.finditer(clause):
        if m.start() == 0:
            continue
        cond = parse_condition(clause[m.end() :], ctx)
        if cond is not None:
            return clause[: m.start()], cond
    z = lx.ONLY_IF_ZH.search(clause)
    if z:
        cond = parse_condition(z.group(1), ctx)
        if cond is not None:
            return clause[: z.start()] + " " + clause[z.end() :], cond
    return None
