"""Recompute the request check (frame check + check_said, through pipeline.coverage) on run files.

usage: cov_said.py RUN.json SET.jsonl [RUN.json SET.jsonl ...] [--show-fa] [--show-miss] [--base]
       [--show-said]
--base: without check_said (the frame check alone). Prints per file
"wrong warned a/b; right warned (false alarm) c/d" and the codes (said-findings as said:CODE).
"""

import json
import sys
from collections import Counter

from flowsmith.core.models import Workflow
from flowsmith.generation import pipeline
from flowsmith.generation.pipeline import coverage, request_frame, uncovered

flags = {a for a in sys.argv[1:] if a.startswith("--")}
args = [a for a in sys.argv[1:] if not a.startswith("--")]
said_ids: set[int] = set()
if "--base" in flags:
    pipeline.check_said = lambda *a, **k: []  # type: ignore[attr-defined]
else:
    real = pipeline.check_said

    def tracked(*a, **k):  # type: ignore[no-untyped-def]
        out = real(*a, **k)
        said_ids.update(id(f) for f in out)
        return out

    pipeline.check_said = tracked  # type: ignore[attr-defined]

for run_path, set_path in zip(args[::2], args[1::2], strict=True):
    run = json.load(open(run_path))
    reqs = {}
    for line in open(set_path):
        if line.strip():
            r = json.loads(line)
            reqs[r["id"]] = r
    wrong = warned_w = right = warned_r = 0
    codes_fa: Counter[str] = Counter()
    codes_w: Counter[str] = Counter()
    for r in run["requests"]:
        if r["question"] or r["generation"] != "complete" or not r.get("workflow"):
            continue
        req = reqs[r["id"]]
        prior = req.get("prior")
        current = Workflow.model_validate(prior) if prior is not None else None
        wf = Workflow.model_validate(r["workflow"])
        request = {"request_text": req["request"]}
        frame = request_frame(request, current)
        found = uncovered(coverage(frame, wf, request, current))

        def tag(f):  # type: ignore[no-untyped-def]
            said = (f.path or "").startswith(("request.services.", "request.text"))
            return ("said:" if said else "") + f.code

        if r["passed"]:
            right += 1
            warned_r += bool(found)
            codes_fa.update(tag(f) for f in found)
            if found and ("--show-fa" in flags or ("--show-said" in flags and any(tag(f).startswith("said") for f in found))):
                print("FA", r["id"], req["request"][:300])
                for f in found:
                    print("    ", tag(f), f.node_id, f.message[:160])
        else:
            wrong += 1
            warned_w += bool(found)
            codes_w.update(tag(f) for f in found)
            if "--show-miss" in flags and not found:
                print("MISS", r["id"], "EDIT" if prior else "", req["request"][:300])
                for c in r["checks"]:
                    if not c["passed"]:
                        print("    x", json.dumps(c["check"], ensure_ascii=False)[:120], c["reason"][:80])
    name = run_path.rsplit("/", 1)[-1]
    print(f"{name}: wrong warned {warned_w}/{wrong}; right warned (false alarm) {warned_r}/{right}")
    print("   codes on wrong", dict(sorted(codes_w.items())))
    print("   codes on right", dict(sorted(codes_fa.items())))
