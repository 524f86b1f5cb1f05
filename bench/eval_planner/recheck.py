"""Re-run the request check (what a generation tells the user is still missing) on stored runs.

``run.py --json`` keeps each request's workflow and whether the set's checks passed. This
script puts every stored workflow through today's ``pipeline.coverage()`` (the frame check and
the said check, with the edit's prior as the workflow before it) and counts:

* **wrong builds warned**: builds the set's checks find wrong that get at least one warning
  (the user is told something is missing: the warning is deserved);
* **right builds warned**: builds every check passes that still get a warning (a false alarm).

Questions and failed generations are neither. No server, no planner run: it measures the
check alone, on workflows built by whatever code made the run file.

    .venv/bin/python bench/eval_planner/recheck.py RUN.json SET [RUN.json SET ...]
        [--base] [--show-false-alarms] [--show-unwarned]

``SET`` is a set name (``fresh8``) or its jsonl. ``--base``: the frame check alone (no said
check). The ``--show-*`` flags print the request and findings of each case and are refused on
a held-out set (``run.HELD_OUT_SETS``): those are counted, never read.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import HELD_OUT_SETS, SETS  # noqa: E402

from flowsmith.core.models import Finding, Workflow  # noqa: E402
from flowsmith.generation import pipeline  # noqa: E402

SAID_PATHS = ("request.services.", "request.text")


def tag(finding: Finding) -> str:
    said = (finding.path or "").startswith(SAID_PATHS)
    return ("said:" if said else "") + finding.code


def set_rows(name: str) -> tuple[str, dict[str, dict[str, Any]]]:
    path = SETS.get(name, Path(name))
    split = next((k for k, v in SETS.items() if Path(v).resolve() == Path(path).resolve()), name)
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    return split, {r["id"]: r for r in rows if r}


def findings(req: dict[str, Any], workflow: dict[str, Any]) -> list[Finding]:
    prior = req.get("prior")
    current = Workflow.model_validate(prior) if prior is not None else None
    request = {"request_text": req["request"]}
    frame = pipeline.request_frame(request, current)
    built = Workflow.model_validate(workflow)
    return pipeline.uncovered(pipeline.coverage(frame, built, request, current))


def recheck(run_path: str, set_name: str, flags: set[str]) -> None:
    split, reqs = set_rows(set_name)
    held = split in HELD_OUT_SETS
    if held and any(f.startswith("--show") for f in flags):
        sys.exit(f"{split} is held out: counts only, its requests are never printed")
    counts = Counter[str]()
    codes = {"wrong": Counter[str](), "right": Counter[str]()}
    for r in json.loads(Path(run_path).read_text(encoding="utf-8"))["requests"]:
        if r["question"] or r["generation"] != "complete" or not r.get("workflow"):
            continue
        req = reqs[r["id"]]
        found = findings(req, r["workflow"])
        side = "right" if r["passed"] else "wrong"
        counts[side] += 1
        counts[side + "_warned"] += bool(found)
        codes[side].update(tag(f) for f in found)
        show = ("--show-false-alarms" in flags and side == "right" and found) or (
            "--show-unwarned" in flags and side == "wrong" and not found
        )
        if show:
            print(side.upper(), r["id"], req["request"][:300])
            for f in found:
                print("    ", tag(f), f.node_id, f.message[:160])
            for c in r["checks"] if side == "wrong" else []:
                if not c["passed"]:
                    print("    x", json.dumps(c["check"], ensure_ascii=False)[:120])
    print(
        f"{Path(run_path).name}: wrong builds warned {counts['wrong_warned']}/{counts['wrong']}; "
        f"right builds warned (false alarms) {counts['right_warned']}/{counts['right']}"
    )
    print("   codes on wrong builds", dict(sorted(codes["wrong"].items())))
    print("   codes on right builds", dict(sorted(codes["right"].items())))


def main() -> None:
    flags = {a for a in sys.argv[1:] if a.startswith("--")}
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args or len(args) % 2:
        sys.exit(__doc__)
    if "--base" in flags:
        pipeline.check_said = lambda *a, **k: []  # type: ignore[assignment]
    for run_path, set_name in zip(args[::2], args[1::2], strict=True):
        recheck(run_path, set_name, flags)


if __name__ == "__main__":
    main()
