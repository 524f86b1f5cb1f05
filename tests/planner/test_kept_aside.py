"""Where the items live, said in brackets, is read first like the same words said alone
(regression: "email the parents (their addresses are in the 'Bookings' google sheet)" built a
Sheets append after the IF and no email)."""

from __future__ import annotations

import pytest

from tests.planner.branch_graph import Graph


@pytest.mark.parametrize(
    "text",
    [
        "Every day at 6:30, if the lifts are closed, email the parents (their addresses are in "
        "the 'Bookings' google sheet)",
        "每天早上8点给家长发邮件提醒（家长邮箱都在Google表格'学生'里）",
    ],
)
def test_the_sheet_in_brackets_is_read_before_the_email(text: str) -> None:
    g = Graph(text)
    read = g.find("google_sheets")
    assert all(g.nodes[i].parameters["operation"] == "read" for i in read)
    assert g.find("send_email") <= set().union(*(g.below(i) for i in read))


def test_a_bracketed_gloss_without_a_place_stays() -> None:
    g = Graph("Every Monday at 9am post the weekly summary (the short one) to Slack #team")
    assert [n.subtype for n in g.wf.nodes if n.type != "TRIGGER"] == ["summarizer", "slack"]
