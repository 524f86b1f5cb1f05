"""Write ``src/flowsmith/n8n/n8n_locators.json``: the resource-locator modes of n8n's nodes.

Per node type, rows of ``{"versions": [...], "params": {name: [{mode: regex or null}, ...]}}``
read off the installed n8n's node descriptions (a parameter name may have several variants,
one per resource/operation that shows it). :mod:`flowsmith.n8n.locators` reads the file.

.venv/bin/python -m tests.n8n_real.rl_modes [n8n app dir]   (default /tmp/n8n-try/app)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from flowsmith.n8n import locators
from tests.n8n_real.describe import PACKAGES


def _walk(props: list[Any], out: dict[str, list[dict[str, str | None]]]) -> None:
    for p in props:
        if not isinstance(p, dict):
            continue
        if p.get("type") == "resourceLocator":
            modes: dict[str, str | None] = {}
            for m in p.get("modes", []):
                regexes = [
                    v["properties"]["regex"]
                    for v in m.get("validation", []) or []
                    if isinstance(v, dict) and v.get("type") == "regex"
                ]
                modes[m["name"]] = regexes[0] if regexes else None
            if modes not in out.setdefault(p["name"], []):
                out[p["name"]].append(modes)
        for key in ("options", "values"):
            if isinstance(p.get(key), list):
                _walk(p[key], out)


def table(app_dir: Path) -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = {}
    for package, prefix in PACKAGES:
        path = app_dir / "node_modules" / package / "dist" / "types" / "nodes.json"
        for desc in json.loads(path.read_text(encoding="utf-8")):
            params: dict[str, list[dict[str, str | None]]] = {}
            _walk(desc.get("properties", []), params)
            if not params:
                continue
            v = desc["version"]
            versions = sorted(float(x) for x in (v if isinstance(v, list) else [v]))
            data.setdefault(prefix + desc["name"], []).append(
                {"versions": versions, "params": params}
            )
    return dict(sorted(data.items()))


def write(app_dir: Path) -> None:
    rows = table(app_dir)
    lines = [f"  {json.dumps(k)}: {json.dumps(v, sort_keys=True)}" for k, v in rows.items()]
    text = "{\n" + ",\n".join(lines) + "\n}\n"
    (Path(locators.__file__).parent / locators.FILE).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/n8n-try/app"))
