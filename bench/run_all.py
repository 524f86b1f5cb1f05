"""Every benchmark, on embedded defaults and on Postgres + Redis, beside its baseline.

    make bench                         # everything (~12 min on 2 cores)
    .venv/bin/python bench/run_all.py --quick
    .venv/bin/python bench/run_all.py --backend embedded --only chat,listeners
    .venv/bin/python bench/run_all.py --profile /tmp/prof   # py-spy, else bench/sampler.py

Each benchmark starts the real server (``bench/servers.py flowsmith``: ``flowsmith serve``
with production settings: HS256 Supabase-style auth, JSON logs, uvicorn) and the baseline
(``bench/servers.py baseline``: Starlette + sse-starlette, no auth, storage or bus) one
after the other, drives both with the same load client in its own process
(``bench/client_main.py``), and prints one table per backend: flowsmith's figure, the
baseline's, their ratio or difference, the target. The Postgres + Redis pass uses its own
schema (dropped afterwards) and Redis database 4 (flushed afterwards).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jwt

from bench.chat import chat_client
from bench.common import (
    PYTHON,
    ROOT,
    Backend,
    Server,
    Table,
    fmt_kib,
    fmt_ms,
    raise_nofile,
    run_client,
    timer,
)
from bench.generation import checks_200, generation_client, pipeline_inprocess
from bench.listeners import fanout_client, hold_client
from bench.throughput import post_client, turn_client

SECRET = "bench-secret-bench-secret-bench-secret!"
FANOUT_MESSAGE = "请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon"
SHORT_TURN = "你好"
NO_LIMIT = "100000000"


def token(sub: str) -> str:
    claims = {
        "sub": sub,
        "aud": "authenticated",
        "role": "authenticated",
        "exp": int(time.time()) + 6 * 3600,
    }
    return jwt.encode(claims, SECRET, algorithm="HS256")


class Plan:
    def __init__(self, quick: bool) -> None:
        self.quick = quick
        self.chat_workers = 200
        self.chat_s = 8.0 if quick else 20.0
        self.listeners = 2000 if quick else 10_000
        self.fanout = 1000
        self.fanout_rounds = 2 if quick else 3
        self.keepalive_s = 5.0
        self.observe_s = 11.0
        self.tp_s = 5.0 if quick else 10.0
        self.tp_conns = 32
        self.gen_rounds = 3 if quick else 10


class Runner:
    def __init__(self, plan: Plan, log_dir: Path, profile: Path | None) -> None:
        self.plan = plan
        self.log_dir = log_dir
        self.profile = profile
        self.raw: dict[str, Any] = {}
        self.current = "bench"

    def env(self, backend: Backend, **extra: str) -> dict[str, str]:
        return {
            **backend.env,
            "SUPABASE_JWT_SECRET": SECRET,
            "BENCH_JWT_SECRET": SECRET,
            **extra,
        }

    def server(self, kind: str, env: dict[str, str]) -> Server:
        if self.profile is not None and kind == "flowsmith" and self._py_spy() is None:
            # no py-spy: the server samples its own event loop (bench/sampler.py), for
            # its whole life, into one file per benchmark and backend
            self.profile.mkdir(parents=True, exist_ok=True)
            env = {**env, "BENCH_SAMPLE": str(self.profile / f"{self.current}.txt")}
        return Server(kind, env, self.log_dir)

    @staticmethod
    def _py_spy() -> str | None:
        return shutil.which("py-spy", path=str(Path(PYTHON).parent)) or shutil.which("py-spy")

    # --- 1. chat ------------------------------------------------------------------------

    def chat(self, backend: Backend, table: Table) -> None:
        p = self.plan
        tokens = [token(f"chat-{i}") for i in range(p.chat_workers)]
        results: dict[str, Any] = {}
        # baseline, flowsmith, baseline: the baseline's figures are the mean of the two runs
        # around flowsmith's, so a burst of load from elsewhere on the machine during one
        # of them does not decide the comparison
        for run in ("baseline", "flowsmith", "baseline-after"):
            kind = run.split("-")[0]
            env = self.env(backend, BENCH_AGENT="scheduled", BENCH_DELTAS="200", BENCH_GAP_MS="20")
            with timer(f"chat {run} ({backend.name})"), self.server(kind, env) as srv:
                spy = self._spy(srv, f"chat-{backend.name}") if kind == "flowsmith" else None
                results[run] = run_client(
                    chat_client,
                    srv.host,
                    srv.port,
                    kind,
                    tokens,
                    p.chat_workers,
                    p.chat_s,
                    4.0,
                    srv.pid,
                )
                if spy is not None:
                    spy.wait()
        self.raw[f"chat/{backend.name}"] = results
        b1, b2 = results["baseline"], results["baseline-after"]
        f = results["flowsmith"]
        b = {k: (b1[k] + b2[k]) / 2 if isinstance(b1[k], int | float) else b1[k] for k in b1}
        b["error_count"] = b1["error_count"] + b2["error_count"]
        results = {"flowsmith": f, "baseline": b}
        added = f["lag_p99"] - b["lag_p99"]
        table.add(
            "chat",
            "delta lag p99 (arrival − schedule)",
            fmt_ms(f["lag_p99"]),
            fmt_ms(b["lag_p99"]),
            f"+{added * 1000:.2f} ms",
            "< +2 ms",
            added < 0.002,
        )
        table.add(
            "chat",
            "delta lag p50",
            fmt_ms(f["lag_p50"]),
            fmt_ms(b["lag_p50"]),
            f"+{(f['lag_p50'] - b['lag_p50']) * 1000:.2f} ms",
            "",
            None,
        )
        table.add("chat", "delta lag max", fmt_ms(f["lag_max"]), fmt_ms(b["lag_max"]), "", "", None)
        table.add(
            "chat",
            "time to first delta p50",
            fmt_ms(f["ttfd_p50"]),
            fmt_ms(b["ttfd_p50"]),
            f"+{(f['ttfd_p50'] - b['ttfd_p50']) * 1000:.2f} ms",
            "< 10 ms",
            f["ttfd_p50"] < 0.010,
        )
        table.add(
            "chat",
            "time to first delta p99",
            fmt_ms(f["ttfd_p99"]),
            fmt_ms(b["ttfd_p99"]),
            "",
            "",
            None,
        )
        per_delta = {k: 1e6 * r["server_cpu_s"] / max(1, r["deltas"]) for k, r in results.items()}
        table.add(
            "chat",
            "server CPU per delta",
            f"{per_delta['flowsmith']:.0f} µs",
            f"{per_delta['baseline']:.0f} µs",
            f"{per_delta['flowsmith'] / max(per_delta['baseline'], 1e-9):.2f}×",
            "",
            None,
        )
        table.add(
            "chat",
            "turns / deltas measured (errors)",
            f"{f['turns']} / {f['deltas']} ({f['error_count']})",
            f"{b['turns']} / {b['deltas']} ({b['error_count']})",
            "",
            "",
            None,
        )

    def _spy(self, srv: Server, name: str) -> subprocess.Popen[bytes] | None:
        if self.profile is None:
            return None
        spy = self._py_spy()
        if spy is None:
            return None  # the server samples itself (see ``server``)
        self.profile.mkdir(parents=True, exist_ok=True)
        duration = int(self.plan.chat_s + 6)
        out = self.profile / f"{name}.txt"
        return subprocess.Popen(
            [
                spy,
                "record",
                "--pid",
                str(srv.pid),
                "--format",
                "raw",
                "--rate",
                "250",
                "--duration",
                str(duration),
                "--output",
                str(out),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    # --- 2. listeners -------------------------------------------------------------------

    def listeners(self, backend: Backend, table: Table) -> None:
        p = self.plan
        users = [token(f"listen-{i}") for i in range(max(1, p.listeners // 10))]
        hold: dict[str, Any] = {}
        env = self.env(
            backend,
            FLOWSMITH_KEEPALIVE_S=str(p.keepalive_s),
            FLOWSMITH_MAX_STREAMS_PER_USER="0",
        )
        for kind in ("flowsmith", "baseline"):
            with timer(f"listeners {kind} ({backend.name})"), self.server(kind, env) as srv:
                hold[kind] = run_client(
                    hold_client,
                    srv.host,
                    srv.port,
                    kind,
                    p.listeners,
                    200,
                    users,
                    p.keepalive_s,
                    p.observe_s,
                    srv.pid,
                )
        self.raw[f"listeners/{backend.name}"] = hold
        f, b = hold["flowsmith"], hold["baseline"]
        table.add(
            "listeners",
            f"held open (of {p.listeners})",
            f"{f['still_open']} ({f['error_count']} errors)",
            f"{b['still_open']} ({b['error_count']} errors)",
            "",
            f"{p.listeners}",
            f["still_open"] == p.listeners,
        )
        ratio = f["kib_per_listener"] / b["kib_per_listener"]
        table.add(
            "listeners",
            "server memory per listener (RSS)",
            fmt_kib(f["kib_per_listener"]),
            fmt_kib(b["kib_per_listener"]),
            f"{ratio:.2f}×",
            "≤ 1.0×",
            ratio <= 1.0,
        )
        table.add(
            "listeners",
            f"keepalive gap p99 / max (every {p.keepalive_s:g} s)",
            f"{f['gap_p99']:.2f} / {f['gap_max']:.2f} s",
            f"{b['gap_p99']:.2f} / {b['gap_max']:.2f} s",
            "",
            f"≤ {p.keepalive_s * 1.2:g} s, none silent",
            f["gap_max"] <= p.keepalive_s * 1.2 and f["silent"] == 0,
        )
        table.add(
            "listeners",
            "time to open all (sessions made before)",
            f"{f['open_s']:.1f} s",
            f"{b['open_s']:.1f} s",
            "",
            "",
            None,
        )

    def fanout(self, backend: Backend, table: Table) -> None:
        """One generation's events to 1,000 listeners of one session; the baseline hands
        the same events, spaced the same way, to 1,000 listeners of one room."""
        p = self.plan
        fan_user = token("fanout")
        fan: dict[str, Any] = {}
        sample: list[str] | None = None
        env = self.env(
            backend,
            FLOWSMITH_KEEPALIVE_S=str(p.keepalive_s),
            FLOWSMITH_MAX_STREAMS_PER_USER="0",
        )
        for kind in ("flowsmith", "baseline"):
            with timer(f"fan-out {kind} ({backend.name})"), self.server(kind, env) as srv:
                fan[kind] = run_client(
                    fanout_client,
                    srv.host,
                    srv.port,
                    kind,
                    p.fanout,
                    p.fanout_rounds,
                    fan_user,
                    FANOUT_MESSAGE,
                    sample,
                )
                sample = fan[kind].pop("sample_events", None) or sample
        self.raw[f"fanout/{backend.name}"] = fan
        ff, fb = fan["flowsmith"]["latency"], fan["baseline"]["latency"]
        for event in ("complete", "start"):
            if event not in ff or event not in fb:
                continue
            r = ff[event]["p99"] / fb[event]["p99"]
            table.add(
                "fan-out",
                f"1 generation → {p.fanout} listeners: `{event}` p99",
                fmt_ms(ff[event]["p99"]),
                fmt_ms(fb[event]["p99"]),
                f"{r:.2f}×",
                "≤ 1.5×" if event == "complete" else "",
                r <= 1.5 if event == "complete" else None,
            )
        table.add(
            "fan-out",
            "`complete` p50 / max",
            f"{fmt_ms(ff['complete']['p50'])} / {fmt_ms(ff['complete']['max'])}",
            f"{fmt_ms(fb['complete']['p50'])} / {fmt_ms(fb['complete']['max'])}",
            "",
            "",
            None,
        )

    # --- 3. throughput ------------------------------------------------------------------

    def throughput(self, backend: Backend, table: Table) -> None:
        p = self.plan
        tokens = [token(f"tp-{i}") for i in range(p.tp_conns)]
        env = self.env(
            backend,
            FLOWSMITH_RATE_SESSIONS_PER_MIN=NO_LIMIT,
            FLOWSMITH_RATE_TURNS_PER_MIN=NO_LIMIT,
            FLOWSMITH_OFFLINE_STREAM_DELAY_MS="0",
        )
        res: dict[str, Any] = {}
        with timer(f"throughput baseline ({backend.name})"), self.server("baseline", env) as srv:
            res["base_post"] = run_client(
                post_client, srv.host, srv.port, "/session", tokens, p.tp_conns, p.tp_s, srv.pid
            )
            res["base_turn"] = run_client(
                turn_client,
                srv.host,
                srv.port,
                "baseline",
                tokens,
                p.tp_conns,
                p.tp_s,
                SHORT_TURN,
                75,
                srv.pid,
            )
        with (
            timer(f"throughput fastapi floor ({backend.name})"),
            self.server("fastapi", env) as srv,
        ):
            res["floor_post"] = run_client(
                post_client, srv.host, srv.port, "/session", tokens, p.tp_conns, p.tp_s, srv.pid
            )
        # one server for each, so each has a profile of its own (``--profile``)
        bench_name = self.current
        self.current = f"{bench_name}-sessions"
        with timer(f"throughput flowsmith ({backend.name})"), self.server("flowsmith", env) as srv:
            res["fs_post"] = run_client(
                post_client,
                srv.host,
                srv.port,
                "/api/v1/session",
                tokens,
                p.tp_conns,
                p.tp_s,
                srv.pid,
            )
        self.current = f"{bench_name}-turns"
        with (
            timer(f"throughput flowsmith turns ({backend.name})"),
            self.server("flowsmith", env) as srv,
        ):
            res["fs_turn"] = run_client(
                turn_client,
                srv.host,
                srv.port,
                "flowsmith",
                tokens,
                p.tp_conns,
                p.tp_s,
                SHORT_TURN,
                75,
                srv.pid,
            )
        self.current = bench_name
        self.raw[f"throughput/{backend.name}"] = res
        base = res["base_post"]["per_s"]
        for name, key in (
            ("sessions/s (POST /api/v1/session)", "fs_post"),
            (f'short offline turns/s ("{SHORT_TURN}", 75 pieces)', "fs_turn"),
        ):
            r = res[key]["per_s"] / base
            table.add(
                "throughput",
                name,
                f"{res[key]['per_s']:.0f}/s",
                f"{base:.0f}/s (auth JSON POST)",
                f"{r:.2f}×",
                "≥ 0.5×",
                r >= 0.5,
            )
        floor = res["floor_post"]
        table.add(
            "throughput",
            "the same POST as a bare FastAPI route (no storage)",
            f"{floor['per_s']:.0f}/s, {floor['server_cpu_ms_per_req']:.2f} ms CPU",
            f"{base:.0f}/s (auth JSON POST)",
            f"{floor['per_s'] / base:.2f}×",
            "",
            None,
        )
        table.add(
            "throughput",
            "short turns vs the baseline's streamed turn",
            f"{res['fs_turn']['per_s']:.0f}/s",
            f"{res['base_turn']['per_s']:.0f}/s",
            f"{res['fs_turn']['per_s'] / res['base_turn']['per_s']:.2f}×",
            "",
            None,
        )
        table.add(
            "throughput",
            "latency p50 (session / turn)",
            f"{fmt_ms(res['fs_post']['p50'])} / {fmt_ms(res['fs_turn']['p50'])}",
            f"{fmt_ms(res['base_post']['p50'])} / {fmt_ms(res['base_turn']['p50'])}",
            "",
            "",
            None,
        )
        table.add(
            "throughput",
            "server CPU per request (session / turn)",
            f"{res['fs_post']['server_cpu_ms_per_req']:.2f} / "
            f"{res['fs_turn']['server_cpu_ms_per_req']:.2f} ms",
            f"{res['base_post']['server_cpu_ms_per_req']:.2f} / "
            f"{res['base_turn']['server_cpu_ms_per_req']:.2f} ms",
            "",
            "",
            None,
        )
        failed = sum(r["failed"] for r in res.values())
        if failed:
            table.notes.append(
                f"throughput: {failed} failed requests: "
                f"{[r['errors'] for r in res.values() if r['errors']]}"
            )

    # --- 4. generation ------------------------------------------------------------------

    def generation(self, backend: Backend, table: Table) -> None:
        p = self.plan
        env = self.env(backend, FLOWSMITH_OFFLINE_STREAM_DELAY_MS="0")
        with timer(f"generation ({backend.name})"), self.server("flowsmith", env) as srv:
            res = run_client(generation_client, srv.host, srv.port, token("gen"), p.gen_rounds)
        base = run_client(pipeline_inprocess, p.gen_rounds)
        self.raw[f"generation/{backend.name}"] = {"server": res, "inprocess": base}
        a = res["all"]
        table.add(
            "generation",
            f"message → `complete` p50 ({a['n']} runs: seed's 3 + 1 edit)",
            fmt_ms(a["p50"]),
            f"{fmt_ms(base['p50'])} (in-process pipeline)",
            f"+{(a['p50'] - base['p50']) * 1000:.1f} ms",
            "< 50 ms",
            a["p50"] < 0.050,
        )
        table.add(
            "generation",
            "message → `complete` p95",
            fmt_ms(a["p95"]),
            fmt_ms(base["p95"]),
            "",
            "",
            None,
        )
        table.add(
            "generation",
            "of which `start` → `complete` (server timestamps) p50",
            fmt_ms(a["pipeline_p50"]),
            "",
            "",
            "",
            None,
        )
        for name in ("create", "edit"):
            if name in res:
                table.add(
                    "generation",
                    f"  {name} p50 / p95",
                    fmt_ms(res[name]["p50"]),
                    fmt_ms(res[name]["p95"]),
                    "",
                    "",
                    None,
                )

    def checks(self, table: Table) -> None:
        with timer("validator + simulator, 200 nodes"):
            res = run_client(checks_200, 30)
        self.raw["checks"] = res
        table.add(
            "checks",
            f"validate {res['nodes']} nodes p50 (best)",
            f"{fmt_ms(res['validate_p50'])} ({fmt_ms(res['validate_min'])})",
            "",
            "",
            "",
            None,
        )
        table.add(
            "checks",
            f"simulate {res['nodes']} nodes p50 (best)",
            f"{fmt_ms(res['simulate_p50'])} ({fmt_ms(res['simulate_min'])})",
            "",
            "",
            "",
            None,
        )
        table.add(
            "checks",
            "validate + simulate (the pipeline's check) p50",
            fmt_ms(res["check_p50"]),
            "",
            "",
            "< 20 ms",
            res["check_p50"] < 0.020,
        )


def machine() -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    versions = subprocess.run(
        [
            PYTHON,
            "-c",
            "import uvicorn, starlette, sse_starlette, fastapi, sqlalchemy;"
            "print(f'uvicorn {uvicorn.__version__}, starlette {starlette.__version__}, "
            "sse-starlette {sse_starlette.__version__}, fastapi {fastapi.__version__}, "
            "sqlalchemy {sqlalchemy.__version__}')",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return (
        f"{os.cpu_count()} × {cpu}, {int(mem) // 1024 // 1024} GiB, Linux {platform.release()}, "
        f"Python {platform.python_version()}; {versions}"
    )


def load() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs, 2,000 listeners")
    parser.add_argument("--backend", choices=["embedded", "pg", "postgres", "both"], default="both")
    parser.add_argument("--only", default="chat,listeners,fanout,throughput,generation")
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        help="profiles of flowsmith's server here (py-spy on the chat bench if installed, "
        "else bench/sampler.py on every benchmark)",
    )
    parser.add_argument("--json", type=Path, default=None, help="write raw results here")
    parser.add_argument(
        "--src",
        type=Path,
        default=None,
        help="run the servers and checks on this copy of src/ (a before/after comparison)",
    )
    args = parser.parse_args()
    if args.src is not None:
        # servers and clients inherit it; it comes before the editable install's src/
        os.environ["PYTHONPATH"] = str(args.src.resolve())
    raise_nofile()
    plan = Plan(args.quick)
    only = set(args.only.split(","))
    work = Path(tempfile.mkdtemp(prefix="flowsmith-bench-"))
    runner = Runner(plan, work, args.profile)
    started = time.time()
    print(f"machine: {machine()}")
    print(f"mode: {'quick' if args.quick else 'full'}; server logs in {work}")
    if args.src is not None:
        print(f"source: {args.src.resolve()}")
    backends = []
    if args.backend in ("embedded", "both"):
        backends.append(lambda: Backend.embedded(Path(tempfile.mkdtemp(dir=work))))
    if args.backend in ("pg", "postgres", "both"):
        backends.append(lambda: Backend.postgres_redis(Path(tempfile.mkdtemp(dir=work))))
    tables = []
    for make in backends:
        backend = make()
        kind = "SQLite, in-process bus" if backend.name == "embedded" else "PostgreSQL + Redis"
        table = Table(f"{backend.name} ({kind})")
        table.notes.append(f"load average before: {load()}")
        try:
            for name in ("chat", "listeners", "fanout", "throughput", "generation"):
                if name in only:
                    runner.current = f"{name}-{backend.name}"
                    try:
                        getattr(runner, name)(backend, table)
                    except Exception as exc:
                        reason = str(exc).strip().splitlines()[-1][:200]
                        table.add(name, "FAILED", reason, "", "", "", False)
                        print(f"  {name} failed: {exc}", file=sys.stderr)
                    table.notes.append(f"load average after {name}: {load()}")
        finally:
            backend.cleanup()
        print(table.render(), flush=True)
        print(flush=True)
        tables.append(table)
    if "generation" in only:
        table = Table("in-process checks (no server)")
        runner.checks(table)
        print(table.render(), flush=True)
        tables.append(table)
    print(f"\ntotal {time.time() - started:.0f} s")
    if args.profile is not None:
        from bench.profile_summary import summarise

        for prof in sorted(args.profile.glob("*.txt")):
            print(f"\n## profile {prof.name}\n{summarise(prof, top=30, main_thread_only=True)}")
    if args.json is not None:
        args.json.write_text(json.dumps(runner.raw, indent=1, default=str))
    if not os.environ.get("BENCH_KEEP_LOGS"):
        shutil.rmtree(work, ignore_errors=True)
    _ = ROOT


if __name__ == "__main__":
    main()
