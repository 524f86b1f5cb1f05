"""A replacement that names no old step ("use MySQL instead", "换成MongoDB") on a workflow
whose step of the new service's category is not its last: that step is replaced (the
result step of another category stays, with its id), and the new step feeds what it fed."""

from __future__ import annotations

import pytest

from flowsmith.core.models import Workflow
from tests.planner.edit_fixtures import app, edit, into, kept, node, wf


def queried() -> Workflow:
    """Every day run a Postgres query and post the rows to Telegram."""
    return wf(
        [
            node(
                "s",
                "schedule_trigger",
                "Daily",
                {"interval": "days", "every": 1, "at_time": "09:00"},
            ),
            node("q", "postgres_query", "Query", {"query": "select 1"}),
            node("t", "telegram_message", "Tell", {"chat_id": "1", "text": "x"}),
        ],
        [("s", "main", "q"), ("q", "main", "t")],
    )


@pytest.mark.parametrize(
    ("text", "new"),
    [
        ("use MySQL instead", "mysql"),
        ("switch the database to MySQL", "mysql"),
        ("把查询换成MySQL", "mysql"),
        ("改用MySQL数据库", "mysql"),
        ("use MongoDB instead", "mongodb"),
    ],
)
def test_the_step_of_the_new_category_is_replaced(text: str, new: str) -> None:
    before = queried()
    after = edit(before, text)
    assert after.node("q") is None
    (step,) = app(after, new)
    assert into(after, step.id) == [("s", "main")]
    assert into(after, "t") == [(step.id, "main")]
    kept(before, after, ["s", "t"])


def test_a_result_step_of_the_category_is_still_first() -> None:
    """ "use Discord instead" on a query feeding Telegram replaces Telegram."""
    before = queried()
    after = edit(before, "use Discord instead")
    assert after.node("t") is None and after.node("q") is not None
