"""What a published week keeps, and how every later view reads it back.

A week's snapshot (`storage.summaries`) keeps the counts, the settings the week is judged by (minimum,
cutoff) and, unless it was suppressed, its figures held to that minimum (`WeekFigures.held_to`): every
cell is a sample of at least the minimum or the word "suppressed", never a smaller one, and the split
warning is one yes/no per axis. So nothing kept can name a person, after forget-me and retention too.

The stored minimum is the strictest ever in force for the week ("a figure hidden once stays hidden"):

- at publication it is the team's minimum then;
- when a team's minimum is *raised*, `hold_to_minimum` raises every published week of the team to it
  and drops the cells below it, in the same transaction as the new setting;
- when it is *lowered*, nothing stored changes: only weeks published from then on use the lower one.

Every view judges each week by its own stored minimum (and today's, if stricter): `frozen_week` holds
what it reads to the stored minimum, and `summarize` judges every earlier week by the minimum it carries.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from coaching.summary import MIN_RESPONDENTS_FLOOR, TeamSummary, WeekFigures, summarize
from coaching.zones import DEFAULT_CUTOFF
from storage import summaries


def frozen_figures(week: WeekFigures, minimum: int, cutoff: float, *, suppressed: bool) -> dict[str, Any]:
    """A snapshot's figures: the minimum and cutoff the week was judged by and, unless it was suppressed,
    the week held to that minimum. A suppressed week keeps no figures at all."""
    figures: dict[str, Any] = {"min_respondents": minimum, "cutoff": cutoff}
    if not suppressed:
        figures["week"] = week.held_to(minimum).to_json()
    return figures


def stored_minimum(snapshot: summaries.Snapshot) -> int:
    """The strictest minimum in force for a published week (never below the floor)."""
    return max(int(snapshot.figures.get("min_respondents", MIN_RESPONDENTS_FLOOR)), MIN_RESPONDENTS_FLOOR)


def frozen_week(snapshot: summaries.Snapshot) -> WeekFigures:
    """A published week as it was frozen, carrying its stored minimum and holding no cell below it
    (whatever is stored); a suppressed week has counts only, no samples."""
    minimum = stored_minimum(snapshot)
    data = snapshot.figures.get("week")
    if snapshot.suppressed or data is None:
        return WeekFigures(snapshot.period, snapshot.respondents, snapshot.eligible, min_respondents=minimum)
    return WeekFigures.from_json(data).held_to(minimum)


def summary_of(
    snapshot: summaries.Snapshot, previous: list[summaries.Snapshot], min_respondents: int
) -> TeamSummary:
    """The summary of a frozen week against the frozen weeks before it. Each week is judged by the
    stricter of its own stored minimum and `min_respondents` (today's), so changing the setting later
    can hide a week or a cell but never reveal one."""
    minimum = min_respondents
    if snapshot.suppressed:
        minimum = max(minimum, snapshot.respondents + 1)
    return summarize(
        frozen_week(snapshot),
        [frozen_week(week) for week in previous],
        min_respondents=minimum,
        cutoff=float(snapshot.figures.get("cutoff", DEFAULT_CUTOFF)),
    )


def hold_to_minimum(s: Session, team_id: int, minimum: int) -> int:
    """The team's minimum is now `minimum`: every published week of the team stored with a lower one is
    raised to it and loses its cells below it. Returns how many weeks changed; a lower or equal minimum
    changes nothing (lowering affects future weeks only).

    Call it in the transaction that saves the setting, after the team row is updated: that row's lock
    orders it against a week being frozen at the same moment (`storage.summaries.team_minimum_for_update`),
    so that week is either frozen under the new minimum or held to it here."""
    s.flush()  # the caller's update of the team row first: its lock is what orders us against a freeze
    held = 0
    for snapshot in summaries.team_snapshots(s, team_id):
        if stored_minimum(snapshot) >= minimum:
            continue
        figures = dict(snapshot.figures)
        figures["min_respondents"] = minimum
        if "week" in figures:
            figures["week"] = WeekFigures.from_json(figures["week"]).held_to(minimum).to_json()
        summaries.replace_figures(s, team_id, snapshot.period, figures)
        held += 1
    return held
