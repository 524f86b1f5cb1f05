"""A required list field of an app operation gets one item, never an empty list.

n8n refuses a node whose required list is empty (PayPal's payout create throws "You must
have at least one item." before any call), so the planner fills such a field with one item
built from the catalog's item schema: its required properties (an address the request
gives, else a placeholder). An item schema that names no field gives no item: an empty one
breaks nodes that read a field of each (Xero's line items). Both ways a
node comes in: a new request (:mod:`flowsmith.planner.services`) and an edit that adds an
app step (:func:`flowsmith.planner.edit_catalog.app_params`).
"""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.catalog import App, load_catalog
from flowsmith.planner.edit_catalog import app_params
from tests.planner._graph import downstream, graph, one, trigger


def _app(name: str) -> App:
    return next(a for a in load_catalog().apps if a.app == name)


def schema_min(op: Any, key: str) -> int:
    return int(op.fields[key].schema_fragment().get("minItems", 0))


def _required_lists() -> list[tuple[str, str, str, str]]:
    """Every (app, resource, operation, field) whose field is a required list (only a list)."""
    out = []
    for app in load_catalog().apps:
        for resource, operation, op in app.operations():
            for key in op.required:
                if op.fields[key].schema_fragment().get("type") == "array":
                    out.append((app.app, resource, operation, key))
    return out


@pytest.mark.parametrize(
    ("text", "trigger_subtype", "address"),
    [
        (
            "When a new Stripe payment comes in, send a PayPal payout to partner@example.com",
            "stripe_trigger",
            "partner@example.com",
        ),
        ("Every Monday pay bob@example.org through PayPal", "schedule_trigger", "bob@example.org"),
        ("每周一用 PayPal 给 ann@example.com 打款", "schedule_trigger", "ann@example.com"),
        ("收到 Stripe 新付款后，用贝宝给 li@example.cn 付款", "stripe_trigger", "li@example.cn"),
    ],
)
def test_a_paypal_payout_pays_one_recipient(text: str, trigger_subtype: str, address: str) -> None:
    wf = graph(text)
    assert trigger(wf).subtype == trigger_subtype
    payout = one(wf, "paypal", "create")
    assert payout.parameters["resource"] == "payout"
    assert payout.id in downstream(wf, trigger(wf))
    (item,) = payout.parameters["items"]
    assert item["receiverValue"] == address
    assert item["amount"]


@pytest.mark.parametrize(
    ("text", "trigger_subtype", "app"),
    [
        ("When a form is submitted, create a Shopify order", "form_trigger", "shopify"),
        ("当表单提交时，在 Shopify 创建订单", "form_trigger", "shopify"),
        ("Every morning create a WooCommerce order", "schedule_trigger", "woocommerce"),
    ],
)
def test_an_item_whose_fields_the_catalog_does_not_name_is_not_made_up(
    text: str, trigger_subtype: str, app: str
) -> None:
    # an empty item breaks nodes that read a field of each (Xero: quantity.toString())
    wf = graph(text)
    assert trigger(wf).subtype == trigger_subtype
    order = one(wf, app, "create")
    assert order.parameters["resource"] == "order"
    assert order.id in downstream(wf, trigger(wf))
    assert order.parameters["line_items"] == []


@pytest.mark.parametrize(("app_name", "resource", "operation", "key"), _required_lists())
def test_an_added_app_step_has_one_item_in_each_required_list_it_can_build(
    app_name: str, resource: str, operation: str, key: str
) -> None:
    params: dict[str, Any] = app_params(
        _app(app_name), resource, operation, "New order", "{{ $json.text }}"
    )
    value = params[key]
    op = _app(app_name).operation(resource, operation)
    assert op is not None
    items = op.fields[key].schema_fragment().get("items", {})
    example = _app(app_name).example
    if (example.resource, example.operation) == (resource, operation):
        assert value == example.parameters.get(key, value)
    elif items.get("type") == "object" and not items.get("properties") and not schema_min(op, key):
        assert value == []  # no field named: no item made up
    else:
        assert isinstance(value, list) and len(value) == 1, (key, value)
        if items.get("type") == "object":
            assert set(items.get("required", [])) <= set(value[0])
