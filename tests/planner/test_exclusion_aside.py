"""A bracketed aside is read as a condition when it says a field's value: its verbs match as
words ("status is open"), never inside another word ("this", "share")."""

from __future__ import annotations

import pytest

from flowsmith.planner.parse_exclusions import _SAYS


@pytest.mark.parametrize(
    "aside",
    ["the channel is general", "tags are vip", "plan equals pro", "状态为关闭", "类型是退款"],
)
def test_an_aside_that_says_a_value_is_read(aside: str) -> None:
    assert _SAYS.search(aside)


@pytest.mark.parametrize("aside", ["this one", "shares and likes", "reissued orders"])
def test_a_verb_inside_another_word_is_not(aside: str) -> None:
    assert not _SAYS.search(aside)
