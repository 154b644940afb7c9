"""Hand-made WeekFigures for the summary tests: a bare float means "every respondent, sd 0.5"."""

from coaching.instrument import Axis, Trait
from coaching.stats import Sample
from coaching.summary import WeekFigures

SAFETY, STANDARD, ADMIN = Axis.SAFETY, Axis.STANDARD, Axis.ADMINISTRATION
CE, CF, PO, SS, SFU = (
    Trait.CLEAR_EXPECTATIONS,
    Trait.CONTINUOUS_FEEDBACK,
    Trait.PERSONAL_OWNERSHIP,
    Trait.SAFETY_STANDARD,
    Trait.SYSTEMATIC_FOLLOW_UP,
)


def sample(n: int, mean: float, sd: float = 0.5) -> Sample:
    return Sample(n=n, mean=mean, sd=sd if n > 1 else 0.0)


def week(
    period: str,
    respondents: int = 8,
    *,
    safety: Sample | float | None = 4.0,
    standard: Sample | float | None = 4.0,
    eligible: int = 10,
    administration: Sample | None = None,
    traits: dict | None = None,
    split: dict | None = None,
    paired: dict | None = None,
) -> WeekFigures:
    """A week where a bare float means "every respondent has a mean on the axis, sd 0.5"."""
    if isinstance(safety, float):
        safety = sample(respondents, safety) if respondents else None
    if isinstance(standard, float):
        standard = sample(respondents, standard) if respondents else None
    return WeekFigures(
        period=period,
        respondents=respondents,
        eligible=eligible,
        safety=safety,
        standard=standard,
        administration=administration,
        traits=traits or {},
        split=split or {},
        paired=paired or {},
    )
