"""Properties over random valid workflows: the validator, the simulator and the layout agree."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from flowsmith.core.layout import auto_layout
from flowsmith.core.models import Finding, Workflow
from flowsmith.core.simulate import simulate
from flowsmith.core.validate import validate_workflow
from tests.core.strategies import valid_workflows

PROPERTY_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _errors(findings: list[Finding]) -> list[str]:
    return [f"{f.code} {f.node_id}: {f.message}" for f in findings if f.severity == "error"]


@PROPERTY_SETTINGS
@given(valid_workflows())
def test_valid_workflows_validate_without_errors(workflow: Workflow) -> None:
    assert _errors(validate_workflow(workflow)) == []


@PROPERTY_SETTINGS
@given(valid_workflows())
def test_valid_workflows_simulate_without_errors(workflow: Workflow) -> None:
    result = simulate(workflow)
    assert _errors(result.findings) == []
    assert not result.step_limit_reached
    assert result.trace and result.trace[0].node_id == "n0"


@PROPERTY_SETTINGS
@given(valid_workflows())
def test_simulation_is_deterministic(workflow: Workflow) -> None:
    first, second = simulate(workflow, seed=7), simulate(workflow, seed=7)
    assert [s.as_dict() for s in first.trace] == [s.as_dict() for s in second.trace]
    assert first.findings == second.findings


@PROPERTY_SETTINGS
@given(valid_workflows())
def test_layout_does_not_change_validity(workflow: Workflow) -> None:
    laid_out = auto_layout(workflow)
    assert validate_workflow(laid_out) == validate_workflow(workflow)
    assert _errors(simulate(laid_out).findings) == []
