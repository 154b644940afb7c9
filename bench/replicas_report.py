"""The figures of the replicas benchmark (bench/replicas.py), each beside its ratio to one replica."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bench.common import Section, ms, percentile
from bench.latency import Tally

if TYPE_CHECKING:
    from bench.replicas import ReplicasConfig


@dataclass(frozen=True, slots=True)
class Figures:
    replicas: int
    sellers: int
    workspace_of: dict[str, str]
    tally: dict[str, list[int]]
    """DM channel -> [intros, first questions] the fake made during the fan-out."""
    pulse_at: float
    done_at: float
    """When the last pulse arrived (or when the wait for it gave up)."""
    complete: int
    """Sellers whose pulse arrived (intro and first question)."""
    floor_s: float
    sent_by: dict[str, int]
    """Replica id (None: never claimed) -> pulses it claimed."""
    answers: Tally
    window: tuple[float, float]
    stored: int
    cpu_fanout: float
    fanout_s: float
    cpu_window: float
    refused: dict[str, int]
    crossed: int
    drained: float
    """Seconds waited after the window for the acknowledged answers to be stored."""
    """Calls made with one workspace's token for another workspace's seller."""

    @property
    def wall(self) -> float:
        return self.done_at - self.pulse_at

    @property
    def missing(self) -> int:
        return sum(1 for user in self.workspace_of if min(self.tally.get("D" + user, [0, 0])) == 0)

    @property
    def duplicates(self) -> int:
        return sum(max(0, a - 1) + max(0, b - 1) for a, b in self.tally.values())

    def busiest_posts(self) -> int:
        """Pulse messages the fake made in the busiest workspace (intros, duplicates included)."""
        per: Counter[str] = Counter()
        for channel, (intros, _questions) in self.tally.items():
            per[self.workspace_of.get(channel[1:], "?")] += intros
        return max(per.values(), default=0)

    def in_window(self, times: list[float]) -> list[float]:
        lo, hi = self.window
        return [t for t in times if lo <= t < hi]

    @property
    def answers_per_second(self) -> float:
        """Answers that became the seller's next question (or the result) within the window: what the
        seller lives through. (A tap is acked before its listener runs, so acks alone overstate it.)"""
        lo, hi = self.window
        return len(self.waits()) / (hi - lo)

    @property
    def acks_per_second(self) -> float:
        lo, hi = self.window
        return len(self.in_window(self.answers.heard)) / (hi - lo)

    def waits(self) -> list[float]:
        lo, hi = self.window
        return [w for w, at in zip(self.answers.waits, self.answers.waited_at, strict=True) if lo <= at < hi]


def _ratio(value: float, base: float, n: int) -> str:
    return f"{value / base:.2f}× N={n}" if base > 0 else ""


def report(cfg: ReplicasConfig, results: dict[int, Figures], section: Section, cores: int) -> None:
    if not results:
        return
    base = results[min(results)]
    name = f"6 replicas, {cfg.workspaces}×{cfg.sellers} sellers"
    db = "postgresql"
    budget = cfg.limits.budget
    for n, f in sorted(results.items()):
        waits = f.waits()
        ran_out = max(f.answers.heard, default=0.0) < f.window[1] - 1
        section.add(
            name,
            db,
            f"N={n}: answers/s",
            f"{f.answers_per_second:.1f}/s",
            _ratio(f.answers_per_second, base.answers_per_second, base.replicas),
            f"tap→next question p50 {ms(percentile(waits, 50))}, p99 {ms(percentile(waits, 99))} "
            f"({len(waits)} in the window; taps acked {f.acks_per_second:.1f}/s); bots' CPU {f.cpu_window:.1f} s in {cfg.window:g} s = "
            f"{f.cpu_window / cfg.window:.2f} of {cores} cores",
            f"more than N=1 while cores are idle (ceiling: {cores} cores)",
            None if n == base.replicas else f.answers_per_second > base.answers_per_second,
        )
        section.add(
            name,
            db,
            f"N={n}: fan-out wall time",
            f"{f.wall:.1f} s",
            _ratio(f.wall, base.wall, base.replicas),
            f"floor {f.floor_s:.1f} s ({f.busiest_posts()} posts in the busiest workspace at {budget:g}/min); "
            f"bots' CPU {f.cpu_fanout:.1f} s; pulses per replica: "
            + ", ".join(str(c) for _by, c in sorted(f.sent_by.items(), key=lambda kv: -kv[1])),
            "all arrive, none twice",
            f.missing == 0 and f.duplicates == 0,
        )
        section.add(
            name,
            db,
            f"N={n}: duplicates / missing",
            f"{f.duplicates} / {f.missing}",
            bound=f"{f.complete}/{f.sellers} pulses arrived; answers taken {len(f.answers.heard)}, stored "
            f"{f.stored} ({f.drained:.0f} s after the window); calls with another workspace's token: {f.crossed}",
            target="0 / 0; every answer taken stored; 0 crossed",
            met=f.missing == 0 and f.duplicates == 0 and f.stored >= len(f.answers.heard) and f.crossed == 0,
        )
        if ran_out:
            section.notes.append(
                f"replicas N={n}: the sellers ran out of questions before the window ended (answers/s is low)"
            )
        for error in f.answers.errors[:3]:
            section.notes.append(f"replicas N={n}: {error}")
        refused = ", ".join(f"{k} {v}" for k, v in sorted(f.refused.items()))
        section.notes.append(f"replicas N={n}: the fake refused {refused or 'nothing'}")
    section.notes.append(
        f"replicas: this machine has {cores} cores (os.cpu_count()); the bots, PostgreSQL, the fake Slack and "
        "the sellers all run on them, so the cores are the ceiling: a replica adds throughput only while "
        "a core is idle. OAuth mode: every workspace installed with its own bot token; the fake keeps "
        "Slack's limits per token's workspace"
    )
