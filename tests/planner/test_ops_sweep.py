"""The catalog-wide operation sweep (``bench/eval_planner/ops_sweep.py``) on a fixed sample:
every third operation of both app halves, in catalog order, with all three templates. The floors sit just under what
the planner reached when they were set, so a change that loses services, resources or
operations across the catalog fails here even when no single-sentence test names them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

SWEEP_DIR = Path(__file__).resolve().parents[2] / "bench" / "eval_planner"
sys.path.insert(0, str(SWEEP_DIR))

import ops_sweep  # noqa: E402

# share of sampled sentences fully right (node of app+resource+operation and the trigger)
FLOOR_ALL = 0.90
FLOOR_TEMPLATE = {"en_schedule": 0.96, "en_webhook": 0.94, "zh_schedule": 0.81}


@pytest.fixture(scope="module")
def scores() -> dict[str, object]:
    cases = ops_sweep.sample()
    return ops_sweep.score([ops_sweep.run_case(c) for c in cases])


def test_the_sample_is_fixed_and_covers_the_catalog() -> None:
    cases = ops_sweep.sample()
    assert cases == ops_sweep.sample()
    assert len(cases) >= 900
    assert len({c.app for c in cases}) >= 130
    assert {c.template for c in cases} == set(ops_sweep.TEMPLATES)


def test_the_sweep_stays_above_its_floor(scores: dict[str, object]) -> None:
    assert isinstance(scores["share_right"], float)
    assert scores["share_right"] >= FLOOR_ALL, scores["share_right"]


@pytest.mark.parametrize("template", sorted(FLOOR_TEMPLATE))
def test_each_template_stays_above_its_floor(scores: dict[str, object], template: str) -> None:
    per = scores["per_template"]
    assert isinstance(per, dict)
    assert per[template] >= FLOOR_TEMPLATE[template], (template, per[template])


def test_the_halves_are_a_fixed_hash_of_the_app_key() -> None:
    assert ops_sweep.half_of("salesforce") == ops_sweep.half_of("salesforce")
    halves = {ops_sweep.half_of(a) for a in ("salesforce", "jira", "slack", "github", "notion")}
    assert halves <= {"tune", "heldout"}
