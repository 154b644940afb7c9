"""Teams with published weekly summaries, and a manager's hand-chosen self-view answers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from coaching.instrument import ITEMS_BY_ID, Axis
from scheduling.ports import SendResult
from scheduling.summaries import SummaryService
from storage.db import Database
from storage.models import Role
from survey_flows.views import TeamView
from tests.support.summary_weeks import PERIOD, add_member, answer_pulse, make_team, uniform, week_of

# Five sellers (the default minimum) whose per-person axis means are (safety, standard, administration).
# The team's means, hand-computed: safety (3+3+3+3+4)/5 = 3.2, standard (4+4+5+5+5)/5 = 4.6,
# administration (2+2+2+3+3)/5 = 2.4. The traits (see ``uniform``'s items): personal ownership = safety
# = 3.2, clear expectations = standard = 4.6, systematic follow-up = administration = 2.4, and both
# continuous feedback and safety + standard = (safety + standard) / 2 per person:
# (3.5 + 3.5 + 4 + 4 + 4.5) / 5 = 3.9.
TEAM_WEEK: tuple[tuple[int, int, int], ...] = ((3, 4, 2), (3, 4, 2), (3, 5, 2), (3, 5, 3), (4, 5, 3))
TEAM_NUMBERS = ("3,2", "4,6", "2,4", "3,9", "3.2", "4.6", "2.4", "3.9")


class SummaryOnlySender:
    """The summary half of the Sender protocol, always delivered; pulses are not part of these tests."""

    def __init__(self) -> None:
        self.channel_posts = 0

    def post_channel_summary(self, team: TeamView, summary: object, claim: object = None) -> SendResult:
        self.channel_posts += 1
        return SendResult.SENT

    def send_manager_summary(
        self, team: TeamView, summary: object, user_id: str, claim: object = None
    ) -> SendResult:
        return SendResult.SENT

    def send_pulse(self, workspace_id: str, user_id: str) -> SendResult:
        raise NotImplementedError

    def send_reminder(self, workspace_id: str, user_id: str, run: object, claim: object = None) -> SendResult:
        raise NotImplementedError


def team_with_weeks(
    db: Database,
    manager: str,
    weeks: Sequence[tuple[str, Sequence[tuple[int, int, int]]]],
    *,
    channel: str = "C_TEAM",
    name: str = "Salg Øst",
    min_respondents: int = 5,
) -> int:
    """A team managed by `manager`; for each (ISO week, per-seller axis values) the sellers answer that
    week's pulse and the week is published (frozen) like the scheduler does. Returns the team id."""
    with db.session() as s:
        team = make_team(s, channel=channel, name=name, min_respondents=min_respondents)
        add_member(s, team, manager, role=Role.MANAGER)
        size = max(len(values) for _, values in weeks)
        sellers = [add_member(s, team, f"S{channel}{index}") for index in range(size)]
        view = TeamView.of(team)
    sender = SummaryOnlySender()
    for period, values in weeks:
        at = week_of(period)
        with db.session() as s:
            for member, (safety, standard, administration) in zip(sellers, values, strict=False):
                answer_pulse(
                    s, view.id, member, uniform(safety, standard, administration), period=period, at=at
                )
        SummaryService(db, lambda at=at: at, sender).publish(view, at)
    return view.id


def published_team(db: Database, manager: str, **kwargs: object) -> int:
    """A team whose one published week (2026-W48) shows TEAM_WEEK."""
    return team_with_weeks(db, manager, [(PERIOD, TEAM_WEEK)], **kwargs)  # type: ignore[arg-type]


def suppressed_team(db: Database, manager: str) -> int:
    """A team whose latest published week had four answers, below the minimum of five."""
    return team_with_weeks(db, manager, [(PERIOD, TEAM_WEEK[:4])])


def leader(safety: int, standard: int, administration: int) -> Callable[[str], int]:
    """The button per item that gives these axis means after reversing (reverse-keyed: 6 - value)."""
    by_axis = {Axis.SAFETY: safety, Axis.STANDARD: standard, Axis.ADMINISTRATION: administration}

    def choose(item_id: str) -> int:
        item = ITEMS_BY_ID[item_id]
        value = by_axis[item.axis]
        return 6 - value if item.reverse else value

    return choose
