"""`python -m bench` (`make bench`): the four benchmarks of issue 5, on SQLite and on PostgreSQL, and
issue 10's psychometric figures on simulated teams (no database).

They REPORT and never fail: the exit code is 0 whatever the figures (2 only for bad arguments). Each
figure is given as a ratio against a bound measured in the same run, plus absolute numbers. The table
is printed and written to bench/results/<YYYY-MM-DD>.md.

PostgreSQL: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/bench), created if
missing and WIPED by every benchmark, so its name must contain "bench"; unreachable -> skipped with a
note. Every size is a flag, and each flag also reads BENCH_<FLAG> from the environment (e.g.
BENCH_SELLERS=50); `--full` takes the sizes of issue 5 (see docs/PERFORMANCE.md for how long they take).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import fanout, latency, psychometrics_table, replicas, startup, summaries
from bench.common import Backend, Row, Section, backends, cleanup, workdir
from bench.report import RESULTS, table, write
from bench.slack import Limits

BENCHMARKS = ("latency", "fanout", "summaries", "startup", "psychometrics", "replicas")
FULL = {
    "sellers": "50,200",
    "fanout_sellers": 5000,
    "fanout_teams": 200,
    "warmed_sellers": 5000,
    "warmed_teams": 200,
    "cold_sellers": 5000,
    "cold_teams": 200,
    "scale_teams": 1000,
    "scale_sellers": 10000,
    "scale_weeks": 52,
}


def _env(name: str, default: object) -> object:
    return os.environ.get("BENCH_" + name.upper(), default)


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    add = p.add_argument
    add(
        "--only", default=_env("only", ",".join(BENCHMARKS)), help="comma-separated: " + ", ".join(BENCHMARKS)
    )
    add("--db", default=_env("db", "sqlite,postgresql"), help="sqlite, postgresql or both")
    add("--full", action="store_true", default=bool(_env("full", "")), help="the sizes of issue 5 (long)")
    add("--profile", action="store_true", help="pyinstrument over the in-process work (summaries)")
    add(
        "--profile-bot",
        action="store_true",
        help="latency: the bot's threads under cProfile (CPU time), pstats to bench/results/; fan-out: py-spy "
        "samples of each bot process to bench/results/ (`python -m bench.spy_shares FILE…`; not committed)",
    )
    g = p.add_argument_group("1. answer latency")
    g.add_argument(
        "--sellers", default=_env("sellers", "50,200"), help="comma-separated: each count is one run"
    )
    g.add_argument("--kind", choices=("survey", "pulse"), default=_env("kind", "survey"))
    g.add_argument("--think", default=_env("think", "0.5,1.5"), help="min,max seconds before each tap")
    g = p.add_argument_group("2. pulse fan-out")
    g.add_argument("--fanout-sellers", type=int, default=int(_env("fanout_sellers", 5000)), help="warm DMs")
    g.add_argument("--fanout-teams", type=int, default=int(_env("fanout_teams", 200)))
    g.add_argument(
        "--fanout-cases", default=_env("fanout_cases", "warm,warmed,cold"), help="warm, warmed, cold"
    )
    g.add_argument(
        "--fanout-speed",
        type=float,
        default=float(_env("fanout_speed", 10)),
        help="multiplies the per-minute limits below (and the bot's budgets); 1: Slack's own numbers",
    )
    g.add_argument(
        "--warmed-sellers", type=int, default=int(_env("warmed_sellers", 1000)), help="warm-up first"
    )
    g.add_argument("--warmed-teams", type=int, default=int(_env("warmed_teams", 40)))
    g.add_argument(
        "--cold-sellers", type=int, default=int(_env("cold_sellers", 1000)), help="right after setup"
    )
    g.add_argument("--cold-teams", type=int, default=int(_env("cold_teams", 40)))
    g.add_argument("--budget", type=float, default=float(_env("budget", 300)), help="chat.postMessage/min")
    g.add_argument("--tier3", type=float, default=float(_env("tier3", 50)), help="conversations.open/min")
    g.add_argument("--tier4", type=float, default=float(_env("tier4", 100)), help="users.info/min")
    g.add_argument("--channel-burst", type=int, default=int(_env("channel_burst", 3)))
    g.add_argument("--random-429", type=float, default=float(_env("random_429", 0.05)))
    g.add_argument("--random-500", type=float, default=float(_env("random_500", 0.01)))
    g.add_argument(
        "--random-applied-500",
        type=float,
        default=float(_env("random_applied_500", 0.005)),
        help="posted, then 500",
    )
    g.add_argument(
        "--random-lost", type=float, default=float(_env("random_lost", 0.005)), help="posted, answer lost"
    )
    g = p.add_argument_group("3. summaries at scale")
    g.add_argument("--scale-teams", type=int, default=int(_env("scale_teams", 1000)))
    g.add_argument("--scale-sellers", type=int, default=int(_env("scale_sellers", 10000)))
    g.add_argument("--scale-weeks", type=int, default=int(_env("scale_weeks", 52)))
    g = p.add_argument_group("4. start-up")
    g.add_argument("--startup-runs", type=int, default=int(_env("startup_runs", 3)))
    g = p.add_argument_group("5. psychometrics (simulated teams)")
    g.add_argument("--psy-teams", type=int, default=int(_env("psy_teams", 1000)), help="teams per cell")
    g.add_argument("--psy-people", type=int, default=int(_env("psy_people", 3000)))
    g.add_argument("--psy-seed", type=int, default=int(_env("psy_seed", 10)))
    g = p.add_argument_group("6. replicas (issue 14; PostgreSQL only)")
    g.add_argument("--replica-counts", default=_env("replica_counts", "1,2,4"), help="bot processes per run")
    g.add_argument("--replica-workspaces", type=int, default=int(_env("replica_workspaces", 8)))
    g.add_argument(
        "--replica-sellers", type=int, default=int(_env("replica_sellers", 125)), help="per workspace"
    )
    g.add_argument("--replica-teams", type=int, default=int(_env("replica_teams", 5)), help="per workspace")
    g.add_argument("--replica-think", default=_env("replica_think", "1,2"), help="min,max seconds")
    g.add_argument("--replica-warmup", type=float, default=float(_env("replica_warmup", 30)))
    g.add_argument("--replica-window", type=float, default=float(_env("replica_window", 30)))
    args = p.parse_args(argv)
    if args.full:
        for key, value in FULL.items():
            setattr(args, key, value)
    args.only = [b.strip() for b in str(args.only).split(",") if b.strip()]
    unknown = set(args.only) - set(BENCHMARKS)
    if unknown:
        p.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    return args


def plan(
    args: argparse.Namespace, work: Path
) -> tuple[list[tuple[str, Callable[[Backend, Section], None]]], list[str]]:
    think = tuple(float(x) for x in str(args.think).split(","))
    limits = Limits(
        workspace_per_minute=args.budget,
        tier3_per_minute=args.tier3,
        tier4_per_minute=args.tier4,
        channel_burst=args.channel_burst,
        random_429=args.random_429,
        random_500=args.random_500,
        random_applied_500=args.random_applied_500,
        random_lost=args.random_lost,
        speed=args.fanout_speed,
    )
    lats = [
        latency.LatencyConfig(
            sellers=int(n),
            kind=args.kind,
            think=(think[0], think[-1]),
            profile_to=RESULTS / f"{time.strftime('%Y-%m-%d')}-bot" if args.profile_bot else None,
        )
        for n in str(args.sellers).split(",")
        if n.strip()
    ]
    cases = [c.strip() for c in str(args.fanout_cases).split(",") if c.strip() in fanout.LABELS]
    sizes = {
        "warm": (args.fanout_sellers, args.fanout_teams),
        "warmed": (args.warmed_sellers, args.warmed_teams),
        "cold": (args.cold_sellers, args.cold_teams),
    }
    spy = RESULTS / f"{time.strftime('%Y-%m-%d')}-fanout" if args.profile_bot else None
    fan = {case: fanout.FanoutConfig(*sizes[case], case, limits, profile_to=spy) for case in cases}
    scale = summaries.ScaleConfig(args.scale_teams, args.scale_sellers, args.scale_weeks)
    start = startup.StartupConfig(runs=args.startup_runs)
    steps: list[tuple[str, Callable[[Backend, Section], None]]] = []
    if "latency" in args.only:
        for lat in lats:
            steps.append((f"latency {lat.sellers}", lambda b, s, lat=lat: latency.run(b, lat, work, s)))
    if "fanout" in args.only:
        for case, cfg in fan.items():
            if cfg.sellers:
                steps.append((f"fanout {case}", lambda b, s, cfg=cfg: fanout.run(b, cfg, work, s)))
    rep = replicas.ReplicasConfig(
        workspaces=args.replica_workspaces,
        sellers=args.replica_sellers,
        teams=args.replica_teams,
        counts=tuple(int(n) for n in str(args.replica_counts).split(",") if n.strip()),
        think=(float(str(args.replica_think).split(",")[0]), float(str(args.replica_think).split(",")[-1])),
        warmup=args.replica_warmup,
        window=args.replica_window,
        limits=limits,
    )
    if "replicas" in args.only:
        steps.append(("replicas", lambda b, s: replicas.run(b, rep, work, s)))
    if "summaries" in args.only:
        steps.append(("summaries", lambda b, s: summaries.run(b, scale, s)))
    if "startup" in args.only:
        steps.append(("startup", lambda b, s: startup.run(b, start, work, s)))
    config = [
        f"1. {' and '.join(str(lat.sellers) for lat in lats)} sellers at once, the {args.kind} "
        f"({latency.QUESTIONS[args.kind]} questions), thinking {think[0]:g}–{think[-1]:g} s before each tap; "
        "bot: `python -m bot` (waitress)",
        "2. "
        + "; ".join(
            f"{fanout.LABELS[case]}: {cfg.sellers} sellers in {cfg.teams} teams" for case, cfg in fan.items()
        )
        + f". Fake Slack: {limits.describe()}; the bot's budgets the same (SLACK_POSTS_PER_MINUTE, "
        "SLACK_DM_OPENS_PER_MINUTE); the real `python -m bot`, SIGKILLed once at a random share of the pulse "
        f"and restarted; {fanout.ANSWERING:.0%} of the sellers (at most {fanout.MAX_ANSWERING}) answer as it arrives",
        f"3. {scale.teams} teams, {scale.sellers} sellers, {scale.weeks} weeks of pulses (7 items, 10 % don't "
        f"know, the ledger's pulse rows); median of {scale.repeats}, alternated, after a warm-up",
        f"4. median of {start.runs} starts; RSS after {start.idle_seconds:g} s idle",
    ]
    if "replicas" in args.only:
        config.append(rep.describe())
    if "psychometrics" in args.only:
        config.append(psy_config(args).describe())
    return steps, config


def psy_config(args: argparse.Namespace) -> psychometrics_table.PsychometricsConfig:
    return psychometrics_table.PsychometricsConfig(args.psy_teams, args.psy_people, args.psy_seed)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    began = time.monotonic()
    work = workdir()
    notes: list[str] = []
    rows: list[Row] = []
    profiler = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    try:
        if "psychometrics" in args.only:  # no database: once, before the backends
            section = Section()
            print("bench: psychometrics ...", file=sys.stderr, flush=True)
            psychometrics_table.run(psy_config(args), section)
            rows += section.rows
        found = backends(work, [d.strip() for d in str(args.db).split(",")], notes)
        steps, config = plan(args, work)
        for name, step in steps:
            for backend in found:
                section = Section()
                print(f"bench: {name} on {backend.name} ...", file=sys.stderr, flush=True)
                started = time.monotonic()
                try:
                    step(backend, section)
                except Exception as exc:  # a benchmark that breaks is reported, never fatal
                    traceback.print_exc()
                    section.notes.append(f"{name} on {backend.name} failed: {type(exc).__name__}: {exc}")
                print(f"bench: {name} on {backend.name}: {time.monotonic() - started:.0f} s", file=sys.stderr)
                rows += section.rows
                notes += section.notes
    finally:
        cleanup(work)
    if profiler is not None:
        profiler.stop()
        RESULTS.mkdir(exist_ok=True)
        out = RESULTS / f"{time.strftime('%Y-%m-%d')}-profile.txt"
        out.write_text(profiler.output_text(unicode=True, color=False))
        notes.append(f"profile written to {out.relative_to(RESULTS.parent.parent)}")
    pg = next((b.url for b in found if b.name == "postgresql"), None)
    path = write(rows, notes, config, pg, time.monotonic() - began)
    print(table(rows))
    for note in notes:
        print(f"- {note}")
    print(f"\nwritten to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
