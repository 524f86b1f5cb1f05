"""Units of the round-6 case readers: "not found" conditions, exclusive branches joined, case
arrows and colons of a number's band."""

from __future__ import annotations

import pytest

from flowsmith.planner.parse_case_arrows import as_bound, case_arrows
from flowsmith.planner.parse_not_found import not_found_condition
from tests.planner.branch_graph import Graph


@pytest.mark.parametrize(
    ("said", "field"),
    [
        ("the card doesn't exist", "card"),
        ("it can't find any products", "products"),
        ("the person can't be found", "person"),
        ("no such order exists", "order"),
        ("HubSpot doesn't have them", "id"),
        ("找不到这个客户", "id"),
        ("查不到订单号", "id"),
    ],
)
def test_not_found_is_empty(said: str, field: str) -> None:
    cond = not_found_condition(said, said)
    assert cond is not None and cond.op == "is_empty" and cond.field == field


@pytest.mark.parametrize("said", ["the card is blue", "the amount is over 500", "金额超过1000"])
def test_other_conditions_are_not_not_found(said: str) -> None:
    assert not_found_condition(said, said) is None


def test_bands_read_as_bounds() -> None:
    assert as_bound("70 and above") == "at least 70"
    assert as_bound("a score of 3 or lower") == "a score of at most 3"
    assert as_bound("9+") == "at least 9"
    assert as_bound("0-6") == "0-6"


def test_a_chain_of_steps_keeps_its_arrows() -> None:
    text = "typeform -> summary -> notion"
    assert case_arrows(text) == text


def test_overlapping_cases_stay_apart() -> None:
    """Over 100 and over 1000 can both hold: two decisions, not outputs of one."""
    g = Graph("Stripe有新付款时：金额超过100的在Slack里通知；金额超过1000的再用Twilio给我发短信")
    slack, twilio = g.sides("slack"), g.sides("twilio")
    assert slack and twilio
    assert not [k for k in slack if k in twilio and slack[k] != twilio[k]], g.edges


def test_unlooked_thing_moves_nothing() -> None:
    """No lookup before the "not found" case: the step before it is not presumed on it."""
    g = Graph(
        "When a Typeform is submitted, add a row to Google Sheets; if the coupon doesn't "
        "exist, email me"
    )
    assert g.sides("google_sheets") == {}, g.edges
