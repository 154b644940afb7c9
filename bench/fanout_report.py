"""The figures of the fan-out benchmark (bench/fanout.py): what arrived, the rate against the budget, memory,
the DM warm-up, and where the throughput went (a timeline of Slack's refusals)."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bench.common import Section
from survey_flows.dm_warmup import DEFAULT_OPENS_PER_MINUTE

if TYPE_CHECKING:
    from bench.fanout import FanoutConfig

TARGET_RATE = 0.95
TARGET_GROWTH_KIB = 50 * 1024
TAIL_GAP = 5.0
"""A pause this long in the restarted process's posts ends its sending window (what follows is the
wait for interrupted claims to be taken over)."""
TIMELINE_BINS = 10
STALLED_WAIT = 15.0
"""Seconds without a seller warmed that end the wait for the warm-up: a seller whose conversations.open failed
is left to the next top-up (15 min later), and to the sender at pulse time."""


@dataclass(frozen=True, slots=True)
class Outcome:
    tally: dict[str, list[int]]
    """DM channel -> [intros, first questions] the fake accepted."""
    posts: list[float]
    opens: list[float]
    lookups: list[float]
    """users.info calls (accepted or not)."""
    refusals: list[tuple[float, str, str]]
    began: float
    warmed_at: float | None
    not_warmed: int
    """Sellers whose DM channel the warm-up had not opened when the pulse came."""
    pulse_at: float
    killed_at: float
    finished: float
    growth: list[tuple[int, int]]
    """(peak, baseline) RSS in KiB per process."""


def windows(posts: list[float], killed_at: float) -> tuple[int, float, float, float]:
    """(posts in the sending windows, their length, the outage, the tail after the last window)."""
    before = [t for t in posts if t <= killed_at]
    after = [t for t in posts if t > killed_at]
    count, length = len(before), (before[-1] - before[0]) if len(before) > 1 else 0.0
    outage = (after[0] - killed_at) if after else 0.0
    tail = 0.0
    if after:
        end = len(after)
        for i in range(1, len(after)):
            if after[i] - after[i - 1] > TAIL_GAP:
                end = i
                break
        count += end
        length += after[end - 1] - after[0]
        tail = after[-1] - after[end - 1]
    return count, length, outage, tail


def timeline(out: Outcome, start: float, end: float, bins: int = TIMELINE_BINS) -> str:
    """Per slice of [start, end): accepted posts and opens, and the refusals by reason."""
    width = max((end - start) / bins, 1e-9)
    parts = []
    for i in range(bins):
        lo, hi = start + i * width, start + (i + 1) * width
        posts = sum(1 for t in out.posts if lo <= t < hi)
        opens = sum(1 for t in out.opens if lo <= t < hi)
        refused = Counter(f"{m} {r.split(' ')[0]}" for t, m, r in out.refusals if lo <= t < hi)
        shown = ", ".join(f"{k} ×{v}" for k, v in sorted(refused.items()))
        parts.append(
            f"{i * width:.0f}–{(i + 1) * width:.0f} s: {posts} posts, {opens} opens"
            + (f"; {shown}" if shown else "")
        )
    return " | ".join(parts)


def report(db: str, cfg: FanoutConfig, section: Section, out: Outcome, ledger: dict[str, int]) -> None:
    name, limits = f"2 pulse fan-out ({cfg.label})", cfg.limits
    sent = sum(1 for intro, question in out.tally.values() if intro and question)
    duplicates = sum(max(0, intro - 1) + max(0, question - 1) for intro, question in out.tally.values())
    missing = cfg.sellers - sent
    section.add(
        name,
        db,
        "sent / duplicates / missing",
        f"{sent} / {duplicates} / {missing}",
        f"{sent / cfg.sellers:.2f} of {cfg.sellers} sellers",
        f"{cfg.sellers} pulses due in {cfg.teams} teams; SIGKILL at {cfg.kill_at:.0%} sent, then restart",
        "0 duplicates, 0 missing",
        duplicates == 0 and missing == 0,
    )
    if out.warmed_at is not None:
        _warmup_row(name, db, cfg, section, out)
    budget = limits.budget
    posts = [t for t in out.posts if t >= out.pulse_at]
    count, length, outage, tail = windows(posts, out.killed_at)
    rate = count / length * 60 if length > 0 else 0.0
    overall = len(posts) / (posts[-1] - posts[0]) * 60 if len(posts) > 1 else 0.0
    bound = f"workspace budget {budget:g}/min; outage after kill {outage:.1f} s, then {tail:.1f} s for interrupted claims"
    if cfg.scenario == "cold":
        ceiling = min(1.0, 2 * cfg.opens_per_minute / budget)
        bound += (
            f"; a seller not yet warmed needs a conversations.open first: at {cfg.opens_per_minute:g}/min "
            f"(under Tier 3's {limits.tier3:g}) at most {ceiling:.2f} of budget"
        )
    section.add(
        name,
        db,
        "achieved rate",
        f"{rate:.0f}/min while sending ({overall:.0f}/min overall)",
        f"{rate / budget:.2f} of budget",
        bound,
        f"≥ {TARGET_RATE} of budget",
        rate / budget >= TARGET_RATE,
    )
    growth = max(peak - base for peak, base in out.growth)
    section.add(
        name,
        db,
        "peak RSS (growth)",
        " / ".join(f"{peak / 1024:.0f} MB" for peak, _ in out.growth) + f" (+{growth / 1024:.1f} MB)",
        f"{growth / TARGET_GROWTH_KIB:.2f} of 50 MB",
        "RSS when built: " + " / ".join(f"{base / 1024:.0f} MB" for _, base in out.growth),
        "growth ≤ 50 MB",
        growth <= TARGET_GROWTH_KIB,
    )
    during = [t for t, _m, _r in out.refusals if t >= out.pulse_at]
    refused = Counter(r for t, _m, r in out.refusals if t >= out.pulse_at)
    refusals = ", ".join(f"{k} ×{v}" for k, v in sorted(refused.items())) or "none"
    opens = sum(1 for t in out.opens if t >= out.pulse_at)
    lookups = sum(1 for t in out.lookups if t >= out.pulse_at)
    section.add(
        name,
        db,
        "Slack calls during the pulse",
        f"{len(posts)} posts in {out.finished - out.pulse_at:.0f} s",
        f"{lookups} users.info, {opens} conversations.open",
        f"{len(during)} refused: {refusals}; ledger {dict(sorted(ledger.items()))}",
    )
    end = posts[-1] if posts else out.finished
    section.notes.append(
        f"fan-out {db}, {cfg.label}, where the pulse's time went: " + timeline(out, out.pulse_at, end)
    )
    if os.environ.get("BENCH_VERBOSE"):
        section.notes.append(f"fan-out {db} {cfg.label}: per-channel tally {out.tally}")


def _warmup_row(name: str, db: str, cfg: FanoutConfig, section: Section, out: Outcome) -> None:
    """How long the DM warm-up took before the pulse, against Tier 3."""
    limits = cfg.limits
    opens = [t for t in out.opens if t < out.pulse_at]
    took = (out.warmed_at or out.began) - out.began
    if out.not_warmed:
        took -= STALLED_WAIT  # the wait that gave up on them is not the warm-up's time
    rate = (len(opens) - 1) / (opens[-1] - opens[0]) * 60 if len(opens) > 1 else 0.0
    refused = Counter(r for t, m, r in out.refusals if t < out.pulse_at and m == "conversations.open")
    shown = ", ".join(f"{k} ×{v}" for k, v in sorted(refused.items())) or "none refused"
    in_production = cfg.sellers / DEFAULT_OPENS_PER_MINUTE
    section.add(
        name,
        db,
        "DM warm-up before the pulse",
        f"{len(opens)} DMs opened in {took:.0f} s ({rate:.0f}/min); {out.not_warmed} sellers left for the pulse",
        f"{rate / limits.tier3:.2f} of Tier 3",
        f"conversations.open Tier 3 {limits.tier3:g}/min, the bot's pace {cfg.opens_per_minute:g}/min; {shown}; "
        f"with Slack's own limits: {cfg.sellers} sellers / {DEFAULT_OPENS_PER_MINUTE} a minute = "
        f"{in_production:.0f} min",
    )
