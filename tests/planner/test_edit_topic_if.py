"""An "if" said after a condition's topic moves in front of it; a topic that is a time
("注册的时候如果填了邀请码") keeps its words (regression: fresh5 j074 turned into a question)."""

from __future__ import annotations

from flowsmith.planner.edit_guard_said import topic_if


def test_the_topic_said_first_moves_behind_if() -> None:
    assert (
        topic_if("Notion读出来要是空的，就别传Dropbox了") == "如果Notion读出来空的，就别传Dropbox了"
    )


def test_a_time_said_first_is_not_the_topic() -> None:
    for part in (
        "注册的时候如果填了邀请码，就调用 https://api.example.cn/credit 加积分",
        "下单后要是金额超过500，就发Slack",
        "每次如果失败了，就发邮件给我",
    ):
        assert topic_if(part) == part
