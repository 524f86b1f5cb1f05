"""An ordinal with 次 is an attempt count only when it is about trying ("第三次还失败"); a first
purchase ("第一次付款的新客户") is not (regression: fresh2 g054 lost its new/old-customer cases)."""

from __future__ import annotations

import pytest

from flowsmith.planner.parse_ordinal import ordinal_attempt


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("第三次还失败", 3),
        ("如果第二次重试也失败", 2),
        ("第一次失败就发邮件", 1),
        ("on the third attempt", 3),
    ],
)
def test_a_try_said_by_its_ordinal(text: str, n: int) -> None:
    cond = ordinal_attempt(text, text)
    assert cond is not None and (cond.field, cond.value) == ("attempt_count", n)


@pytest.mark.parametrize("text", ["如果是第一次付款的新客户", "第一次下单的用户", "第二次来的客人"])
def test_a_first_purchase_is_no_attempt(text: str) -> None:
    assert ordinal_attempt(text, text) is None
