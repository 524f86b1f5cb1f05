"""Helpers the create-path tests share: the frame a request parses to, its first branch,
and a skip when the catalog lacks an app a sentence names."""

from __future__ import annotations

import pytest

from flowsmith.core.catalog import load_catalog
from flowsmith.planner.frame import Branch, Frame
from flowsmith.planner.parse import parse_request

APPS = {a.app for a in load_catalog().apps}


def needs(*apps: str) -> None:
    """Skip the test when the catalog has no entry for one of ``apps``."""
    missing = [a for a in apps if a not in APPS]
    if missing:
        pytest.skip(f"catalog lacks {missing}")


def frame(text: str) -> Frame:
    f = parse_request(text)
    assert f is not None, text
    return f


def first_branch(f: Frame) -> Branch:
    found = [s for s in f.steps if isinstance(s, Branch)]
    assert found, f.steps
    return found[0]
