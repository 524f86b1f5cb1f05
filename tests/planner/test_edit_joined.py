"""An edit that guards a step by conditions joined across fields ("only email them if the
score is over 50 and the country is US", "或者"): one IF whose rules combine and/or, with
the step on its true output (sentences of our own)."""

from __future__ import annotations

import pytest

from tests.planner import edit_fixtures as f


@pytest.mark.parametrize(
    ("text", "fields", "how"),
    [
        (
            "only email sales if the score is over 50 and the country is US",
            ("score", "country"),
            "and",
        ),
        (
            "only email sales if the plan is pro or the budget is over 5000",
            ("plan", "budget"),
            "or",
        ),
        ("只有分数大于50并且国家是美国才发邮件", ("score", "country"), "and"),
        ("只有套餐是专业版或者预算超过5000才发邮件", ("套餐", "budget"), "or"),
    ],
)
def test_a_joined_condition_guards_the_step_with_one_if(
    text: str, fields: tuple[str, str], how: str
) -> None:
    wf = f.edit(f.leads(), text)
    ((src, out),) = f.into(wf, "e")
    gate = wf.node(src)
    assert gate is not None and gate.subtype == "if" and out == "true"
    lefts = " ".join(str(c["left"]) for c in gate.parameters["conditions"])
    assert all(x in lefts for x in fields), lefts
    assert gate.parameters["combine"] == how
