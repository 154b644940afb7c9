"""Self-view answers computed by hand, and a team's published week, for the coaching tests of the self-view."""

from __future__ import annotations

from coaching.instrument import ITEMS, Axis, Trait
from coaching.scoring import score
from coaching.stats import Sample
from coaching.summary import TeamSummary, WeekFigures, summarize

SAFETY, STANDARD, ADMIN = Axis.SAFETY, Axis.STANDARD, Axis.ADMINISTRATION


def answers_for(safety: int, standard: int, administration: int) -> dict[str, int | None]:
    """Raw answers that score exactly ``safety``/``standard``/``administration`` on every item of the axis."""
    target = {SAFETY: safety, STANDARD: standard, ADMIN: administration}
    return {item.id: 6 - target[item.axis] if item.reverse else target[item.axis] for item in ITEMS}


def s(n: int, mean: float) -> Sample:
    return Sample(n=n, mean=mean, sd=0.5 if n > 1 else 0.0)


def team_summary(
    *,
    safety: float = 3.0,
    standard: float = 3.5,
    administration: float | None = 2.0,
    traits: dict[Trait, Sample] | None = None,
    respondents: int = 8,
    min_respondents: int = 5,
) -> TeamSummary:
    week = WeekFigures(
        period="2026-W10",
        respondents=respondents,
        eligible=10,
        safety=s(respondents, safety),
        standard=s(respondents, standard),
        administration=s(respondents, administration) if administration is not None else None,
        traits=traits or {},
    )
    return summarize(week, [], min_respondents=min_respondents)


# Self answers: every safety item at 4, every standard item at 2, every administration item at 3
# (after reversing). Trait means by hand, from the items' axes (Sa safety, St standard, A administration);
# the ids are version 1's, and each version-2 item takes the slot, axis and trait of the one it replaces:
#   clear expectations   q01 St q06 A q11 Sa q16 St q21 A q26 St q31 St q36 St: 2+3+4+2+3+2+2+2 = 20/8
#   continuous feedback  q02 Sa q07 St q12 St q17 Sa q22 St q27 A q32 Sa q37 St: 4+2+2+4+2+3+4+2 = 23/8
#   personal ownership   q03 St q08 Sa q13 A q18 St q23 Sa q28 St q33 St q38 Sa: 2+4+3+2+4+2+2+4 = 23/8
#   safety + standard    q04 Sa q09 St q14 Sa q19 Sa q24 Sa q29 Sa q34 St q39 Sa: 4+2+4+4+4+4+2+4 = 28/8
#   systematic follow-up q05 A q10 Sa q15 A q20 St q25 A q30 Sa q35 Sa q40 A: 3+4+3+2+3+4+4+3 = 26/8
SELF_ANSWERS = answers_for(safety=4, standard=2, administration=3)
SELF = score(SELF_ANSWERS)
