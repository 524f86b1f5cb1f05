"""The layering contracts in pyproject.toml hold (the same check as ``make lint``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_are_kept() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is a dev dependency"
    result = subprocess.run([exe], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout


def test_the_text_catalogs_import_only_the_standard_library() -> None:
    """``flowsmith.text`` is read by the workflow language, the planner and the web layer:
    importing it loads no other flowsmith package and no third-party module."""
    code = (
        "import sys; before = set(sys.modules); import flowsmith.text; "
        "print('\\n'.join(sorted(set(sys.modules) - before)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    loaded = result.stdout.split()
    ours = [
        m for m in loaded if m.startswith("flowsmith") and m not in ("flowsmith", "flowsmith.text")
    ]
    assert not ours, ours
    third_party = [
        m
        for m in loaded
        if m.split(".")[0] in ("fastapi", "starlette", "sqlalchemy", "redis", "pydantic", "httpx")
    ]
    assert not third_party, third_party
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'source_modules = ["flowsmith.text"]' in pyproject
