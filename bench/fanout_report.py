"""The figures of the fan-out benchmark (bench/fanout.py): what arrived, the rate against the budget, memory,
the DM warm-up, and where the throughput went (a timeline of Slack's refusals)."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bench.common import Section, ms, percentile
from bench.latency import Tally
from scheduling.dm_warmup import DEFAULT_OPENS_PER_MINUTE

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
    """DM channel -> [intros, first questions] the fake made."""
    posts: list[float]
    """When the fake made each message (chat.postMessage), also those whose answer failed or was lost."""
    opens: list[float]
    lookups: list[float]
    """users.info calls (accepted or not)."""
    refusals: list[tuple[float, str, str]]
    began: float
    warmed_at: float | None
    not_warmed: int
    """Sellers whose DM channel the warm-up had not opened when the pulse came."""
    pulse_at: float
    """The pulse minute (the scheduler's cron time)."""
    killed_at: float
    kill_share: float
    """The share of pulses delivered at which the bot was killed (drawn per run)."""
    restarted_at: float
    """When the restarted process answered over HTTP."""
    finished: float
    done_at: float
    """When the last pulse was delivered (its DM had the intro and the first question)."""
    floor_s: float
    """The planned floor (the pulses' own posts at the budget; for cold DMs, Tier 3 too)."""
    growth: list[tuple[int, int]]
    """(peak, baseline) RSS in KiB per process."""
    answering: int
    """Sellers answering their pulse as it arrived."""
    answers: Tally


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
        f"{cfg.sellers} pulses due in {cfg.teams} teams; SIGKILL at {out.kill_share:.0%} delivered, "
        f"answering again {out.restarted_at - out.killed_at:.1f} s later",
        "0 duplicates, 0 missing",
        duplicates == 0 and missing == 0,
    )
    if out.warmed_at is not None:
        _warmup_row(name, db, cfg, section, out)
    budget = limits.budget
    end = out.done_at if missing == 0 and out.done_at else out.finished
    whole = [t for t in out.posts if out.pulse_at <= t <= end]
    opens = [t for t in out.opens if out.pulse_at <= t <= end]
    elapsed = max(end - out.pulse_at, 1e-9)
    floor = len(whole) / budget * 60  # the fewest seconds Slack allows for the messages it made
    bound = f"{len(whole)} messages at {budget:g}/min"
    if cfg.scenario == "cold":
        floor = max(floor, len(opens) / limits.tier3 * 60)
        bound += f", {len(opens)} DMs opened at Tier 3's {limits.tier3:g}/min"
    section.add(
        name,
        db,
        "whole pulse vs floor",
        f"{elapsed:.0f} s from the pulse minute to the last pulse ({len(whole) / elapsed * 60:.0f}/min)",
        f"{floor / elapsed:.2f} of the floor",
        f"floor {floor:.0f} s: {bound}; kill and restart included",
        "≥ 0.95 of the floor",
        floor / elapsed >= TARGET_RATE,
    )
    posts = [t for t in out.posts if t >= out.pulse_at]
    count, length, outage, tail = windows(posts, out.killed_at)
    rate = count / length * 60 if length > 0 else 0.0
    section.add(
        name,
        db,
        "rate while a process was sending",
        f"{rate:.0f}/min",
        f"{rate / budget:.2f} of budget",
        f"outage after the kill {outage:.1f} s, then {tail:.1f} s for interrupted claims",
    )
    answered = out.answers
    section.add(
        name,
        db,
        "sellers answering during the pulse",
        f"{len(answered.taps)} answers by {out.answering} sellers",
        f"tap ack p99 {ms(percentile(answered.taps, 99))}",
        f"tap→next question p50 {ms(percentile(answered.waits, 50))}, p99 {ms(percentile(answered.waits, 99))}"
        + (f"; {len(answered.errors)} errors, e.g. {answered.errors[0]}" if answered.errors else ""),
    )
    growth = max(peak - base for peak, base in out.growth)
    section.add(
        name,
        db,
        "peak RSS (growth)",
        " / ".join(f"{peak / 1024:.0f} MB" for peak, _ in out.growth) + f" (+{growth / 1024:.1f} MB)",
        f"{growth / TARGET_GROWTH_KIB:.2f} of 50 MB",
        "RSS when ready: " + " / ".join(f"{base / 1024:.0f} MB" for _, base in out.growth),
        "growth ≤ 50 MB",
        growth <= TARGET_GROWTH_KIB,
    )
    during = [t for t, _m, _r in out.refusals if t >= out.pulse_at]
    refused = Counter(r for t, _m, r in out.refusals if t >= out.pulse_at)
    refusals = ", ".join(f"{k} ×{v}" for k, v in sorted(refused.items())) or "none"
    lookups = sum(1 for t in out.lookups if t >= out.pulse_at)
    section.add(
        name,
        db,
        "Slack calls during the pulse",
        f"{len(posts)} messages in {out.finished - out.pulse_at:.0f} s",
        f"{lookups} users.info, {len(opens)} conversations.open",
        f"{len(during)} refused or failed: {refusals}; ledger {dict(sorted(ledger.items()))}",
    )
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
