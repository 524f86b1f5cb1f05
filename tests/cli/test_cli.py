"""The console script, run as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jwt

from flowsmith.auth.dev import load_or_create_dev_secret

FLOWSMITH = str(Path(sys.executable).parent / "flowsmith")


def run(args: list[str], data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FLOWSMITH_", "SUPABASE_"))}
    clean.pop("DATABASE_URL", None)
    clean.pop("REDIS_URL", None)
    full_env = {**clean, "FLOWSMITH_DATA_DIR": str(data_dir), **env}
    return subprocess.run(
        [FLOWSMITH, *args], env=full_env, capture_output=True, text=True, timeout=60, cwd=data_dir
    )


def test_token_prints_a_valid_dev_token(tmp_path: Path) -> None:
    result = run(["token", "--sub", "alice"], tmp_path)
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip()
    claims = jwt.decode(
        token, load_or_create_dev_secret(tmp_path), algorithms=["HS256"], audience="authenticated"
    )
    assert claims["sub"] == "alice"


def test_bad_setting_stops_with_one_line_naming_it(tmp_path: Path) -> None:
    result = run(["serve"], tmp_path, FLOWSMITH_PORT="not-a-port")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "FLOWSMITH_PORT" in lines[0]

    result = run(["serve"], tmp_path, DATABASE_URL="mysql://x")
    assert result.returncode == 2 and "DATABASE_URL" in result.stderr


def test_db_upgrade_creates_the_schema(tmp_path: Path) -> None:
    result = run(["db", "upgrade"], tmp_path)
    assert result.returncode == 0, result.stderr
    import sqlite3

    with sqlite3.connect(tmp_path / "flowsmith.db") as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    assert {
        "sessions",
        "messages",
        "workflows",
        "workflow_versions",
        "generations",
        "generation_events",
    } <= tables
