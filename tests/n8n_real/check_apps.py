"""Check every app entry's n8n mapping against the installed n8n (catalog authors' tool).

.venv/bin/python tests/n8n_real/check_apps.py [app ...]   (N8N_APP_DIR, default /tmp/n8n-try/app)
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from flowsmith.core.catalog import load_catalog
from flowsmith.n8n.apps import app_parameters, trigger_parameters
from tests.n8n_real.describe import Descriptions

SAMPLE = {
    "string": "x",
    "integer": 1,
    "number": 1,
    "boolean": True,
    "array": ["x"],
    "object": {"k": "v"},
}
d = Descriptions(Path(os.environ.get("N8N_APP_DIR", "/tmp/n8n-try/app")))
only = set(sys.argv[1:])
bad = 0
for app in load_catalog().apps:
    if only and app.app not in only:
        continue
    if app.n8n is not None:
        for r, o, op in app.operations():
            params = {"resource": r, "operation": o}
            for name, f in op.fields.items():
                t = f.type if isinstance(f.type, str) else f.type[0]
                params[name] = (f.model_extra or {}).get("enum", [SAMPLE.get(t, "x")])[0]
            n8n = app_parameters(app, params)
            for p in d.check(app.n8n.type, app.n8n.type_version, n8n or {}):
                bad += 1
                print(f"{app.app} {r}.{o}: {p}")
    if app.triggers and app.triggers.n8n:
        for ev in app.triggers.events:
            tp = {"event": ev}
            for name, f in app.triggers.fields.items():  # the repository, the form …
                t = f.type if isinstance(f.type, str) else f.type[0]
                tp[name] = (f.model_extra or {}).get("enum", [SAMPLE.get(t, "x")])[0]
            n8n = trigger_parameters(app, tp)
            for p in d.check(app.triggers.n8n.type, app.triggers.n8n.type_version, n8n or {}):
                bad += 1
                print(f"{app.app} trigger {ev}: {p}")
print(f"{len(load_catalog().apps)} apps, {bad} problems")
