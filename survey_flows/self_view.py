"""The leader's self-view run (Kind.SELF): its questions and its result.

The manager answers the 40 items in their mirror wording ("Jeg gjør det helt tydelig for hver selger
hvilke resultater som forventes…"); the run is an ordinary survey run (month period, one per month,
resumable, idempotent), only the question text and the result differ.

The result sets the manager's own scores against the team's experience, from frozen, published weekly
summaries only (``scheduling.summaries.latest_summary``), never from a seller's answers:

- A manager may manage several teams. The self-view is compared with ONE team: among the teams the
  member actively manages, the one whose latest published week may be shown (not suppressed, at
  least the minimum of respondents) and is the most recent; on a tie, the team set up first (lowest
  id). Only each team's latest published week counts: when that week was suppressed the team is
  hidden, even if an earlier week was shown (the same rule as App Home, and never an old figure
  presented as current). The result names the team and the week.
- No such team: the comparison is hidden and carries no team figure (``coaching.self_view.compare``
  with ``None``); the result says whether the member manages no team at all or the team has no
  figures to show yet.
- The result is computed whenever it is shown (the run's end, App Home, `/balanse selv` again), so a
  newer published week shows up without a new self-view; the manager's own answers never change once
  the run is finished.
- The profile's cutoff is the compared team's zone cutoff (so the profile and the team's zone use the
  same line), else that of the first team the member manages, else the model's 3.5.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from coaching.instrument import Item
from coaching.locale import Locale
from coaching.mirror_items import mirror_text
from coaching.scoring import Answers, score
from coaching.self_view import compare, team_is_hidden
from coaching.summary import TeamSummary
from coaching.zones import DEFAULT_CUTOFF
from storage import teams
from storage.models import SurveyRun, Team
from survey_flows.summary_weeks import latest_summary
from survey_flows.views import ComparedTeam, Kind, ResultView


def question_text(kind: Kind, item: Item, locale: Locale) -> str:
    """What a run's question says: the mirror wording in a self-view, the seller wording otherwise."""
    return mirror_text(item.id, locale) if kind is Kind.SELF else item.text(locale)


def shown_team(s: Session, managed: Sequence[Team]) -> tuple[Team, TeamSummary] | None:
    """The managed team whose latest published week may be shown, the most recent week first."""
    best: tuple[Team, TeamSummary] | None = None
    for team in managed:
        summary = latest_summary(s, team.id)  # type: ignore[arg-type]
        if summary is None or team_is_hidden(summary):
            continue
        if best is None or summary.period > best[1].period:
            best = (team, summary)
    return best


def self_result(s: Session, run: SurveyRun, answers: Answers, asked: Sequence[Item]) -> ResultView:
    """The self-view result of a finished (or shown) self run, with its answers to the `asked` items
    (the version of the survey the run asked)."""
    scores = score(answers, items=asked)
    managed = teams.managed_teams(s, run.workspace_id, run.member_id)
    chosen = shown_team(s, managed)
    cutoff_team = chosen[0] if chosen is not None else (managed[0] if managed else None)
    cutoff = cutoff_team.cutoff if cutoff_team is not None else DEFAULT_CUTOFF
    summary = chosen[1] if chosen is not None else None
    comparison = compare(scores, summary, answers=answers, items=asked, cutoff=cutoff)
    compared = None
    if chosen is not None and not comparison.team_hidden:
        compared = ComparedTeam(chosen[0].name, chosen[1].period)
    return ResultView(
        run.id,  # type: ignore[arg-type]
        Kind.SELF,
        run.period,
        scores,
        None,
        comparison=comparison,
        team=compared,
        manages_team=bool(managed),
    )
