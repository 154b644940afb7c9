"""Who may put a seller into a team, and who is told (TeamService over a real database, no Slack).

The attack the rules stop: anyone with a channel of their own picks another team's sellers and becomes
their manager, the old team drops under its minimum, and with two accomplices in a team of three the
intruder solves for one person's answers (3m - a - b).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from storage import notices, teams
from storage.db import Database
from storage.models import Member, Notice, Team, TeamMembership
from storage.notices import NoticeKind
from survey_flows.team_settings import TeamSettings
from survey_flows.teams import SaveStatus, SellerConflict, SetupFacts, TeamService
from tests.support.harness import Clock
from tests.support.scheduling import member_id
from tests.survey_flows.conftest import WS

EAST, WEST = "CEAST", "CWEST"
EVERYONE = frozenset({"U1", "U2", "U3", "U4", "U5", "U6", "U9"})


def chosen(name: str, managers: tuple[str, ...], sellers: tuple[str, ...]) -> TeamSettings:
    return TeamSettings(name=name, manager_ids=managers, member_ids=sellers, min_respondents=3)


def facts(*, may_create: bool = True, channel: frozenset[str] = EVERYONE) -> SetupFacts:
    return SetupFacts(channel, may_create)


@pytest.fixture
def service(db: Database, clock: Clock) -> TeamService:
    service = TeamService(db, clock)
    service.save(WS, EAST, "U1", chosen("Team Øst", ("U1", "U5"), ("U2", "U3", "U4")), facts())
    return service


def sellers(service: TeamService, channel: str) -> tuple[str, ...]:
    return service.for_channel(WS, channel)[2]


def notices_to(db: Database, user_id: str) -> list[Notice]:
    member = member_id(db, user_id)
    with db.session() as s:
        return list(notices.for_recipient(s, WS, member))


def add_row(db: Database, row: object) -> None:
    with db.session() as s:
        s.add(row)


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_an_intruder_cannot_take_another_teams_sellers(service: TeamService, db: Database) -> None:
    before = (count(db, Team), count(db, TeamMembership), count(db, Notice), count(db, Member))

    outcome = service.save(WS, WEST, "U9", chosen("Mitt team", ("U9",), ("U2", "U3", "U6")), facts())

    assert outcome.status is SaveStatus.INVALID
    assert outcome.conflicts == (SellerConflict("U2", "Team Øst"), SellerConflict("U3", "Team Øst"))
    assert sellers(service, EAST) == ("U2", "U3", "U4")  # nobody moved: the team keeps its minimum
    assert service.for_channel(WS, WEST)[0] is None
    assert (count(db, Team), count(db, TeamMembership), count(db, Notice), count(db, Member)) == before


def test_a_manager_of_the_old_team_may_move_a_seller_and_both_sides_are_told(
    service: TeamService, db: Database
) -> None:
    moved = service.save(WS, WEST, "U1", chosen("Team Vest", ("U1", "U6"), ("U2",)), facts())

    assert moved.status is SaveStatus.CREATED
    assert sellers(service, EAST) == ("U3", "U4") and sellers(service, WEST) == ("U2",)
    added = [n for n in notices_to(db, "U2") if n.team_id == moved.team.id]  # type: ignore[union-attr]
    assert [(n.kind, n.actor_member_id) for n in added] == [(NoticeKind.ADDED_TO_TEAM, member_id(db, "U1"))]
    east_id = service.for_channel(WS, EAST)[0].id  # type: ignore[union-attr]
    told = notices_to(db, "U5")  # the other manager of Team Øst learns which team took U2, nothing else
    assert [(n.kind, n.team_id, n.subject_member_id, n.other_team_id) for n in told] == [
        (NoticeKind.SELLER_MOVED, east_id, member_id(db, "U2"), moved.team.id)  # type: ignore[union-attr]
    ]
    assert [n.kind for n in notices_to(db, "U1")] == []  # the one who moved them knows


def test_only_people_in_the_teams_channel_can_be_its_sellers(service: TeamService, db: Database) -> None:
    outcome = service.save(
        WS, WEST, "U9", chosen("Team Vest", ("U9",), ("U6", "U7")), facts(channel=frozenset({"U9", "U6"}))
    )

    assert outcome.status is SaveStatus.INVALID and outcome.outsiders == ("U7",)
    assert service.for_channel(WS, WEST)[0] is None


def test_only_someone_the_workspace_allows_may_set_up_a_team(service: TeamService, db: Database) -> None:
    refused = service.save(WS, WEST, "U9", chosen("Team Vest", ("U9",), ("U6",)), facts(may_create=False))

    assert refused.status is SaveStatus.NOT_ALLOWED
    assert service.for_channel(WS, WEST)[0] is None
    assert count(db, Member) == 5  # nothing about U9 or U6 was written

    # ... and a team whose managers have all gone (deactivated) is taken over only by such a person, too,
    # and every seller is told who sees the team's figures now.
    service.member_deactivated(WS, "U1", True)
    service.member_deactivated(WS, "U5", True)
    takeover = chosen("Team Øst", ("U9",), ("U2", "U3", "U4"))
    assert service.save(WS, EAST, "U9", takeover, facts(may_create=False)).status is SaveStatus.NOT_ALLOWED
    assert service.save(WS, EAST, "U9", takeover, facts()).status is SaveStatus.UPDATED
    for seller in ("U2", "U3", "U4"):
        assert [n.kind for n in notices_to(db, seller)][-1] == NoticeKind.TEAM_CHANGED


def test_managers_may_add_managers_but_others_change_nothing(service: TeamService) -> None:
    added = service.save(WS, EAST, "U5", chosen("Team Øst", ("U1", "U5", "U9"), ("U2", "U3", "U4")), facts())
    assert added.status is SaveStatus.UPDATED and added.managers == ("U1", "U5", "U9")

    # An admin who is not a manager of the team is refused too (the right to create is not a right to edit).
    refused = service.save(WS, EAST, "U6", chosen("Kuppet", ("U6",), ("U2",)), facts())
    assert refused.status is SaveStatus.FORBIDDEN
    assert sellers(service, EAST) == ("U2", "U3", "U4")


def test_each_seller_is_told_once_when_added_and_again_only_when_added_again(
    service: TeamService, db: Database, clock: Clock
) -> None:
    assert [n.kind for n in notices_to(db, "U3")] == [NoticeKind.ADDED_TO_TEAM]
    assert notices_to(db, "U1") == [] and notices_to(db, "U5") == []  # managers get no "you were added"

    team = chosen("Team Øst", ("U1", "U5"), ("U2", "U3", "U4"))
    service.save(WS, EAST, "U1", replace(team, name="Team Øst 2"), facts())  # same people: nobody told
    assert len(notices_to(db, "U3")) == 1

    clock.advance(days=1)
    service.save(WS, EAST, "U1", replace(team, member_ids=("U2", "U4")), facts())  # U3 out ...
    service.save(WS, EAST, "U1", team, facts())  # ... and back in: told again
    assert [n.created_at for n in notices_to(db, "U3")][-1] == clock.now
    assert len(notices_to(db, "U3")) == 2


def test_a_seller_leaves_by_themselves_and_an_unknown_person_creates_nothing(
    service: TeamService, db: Database
) -> None:
    members_before = count(db, Member)

    left = service.leave(WS, "U3")

    assert left is not None and left.name == "Team Øst"
    assert sellers(service, EAST) == ("U2", "U4")
    assert service.leave(WS, "U3") is None  # nothing left to leave
    assert service.leave(WS, "U9") is None and count(db, Member) == members_before
    u3 = member_id(db, "U3")
    with db.session() as s:  # the membership is kept, inactive, so the history stays explainable
        row = s.scalars(select(TeamMembership).where(TeamMembership.member_id == u3)).one()
        assert row.active is False
        assert teams.seller_team(s, WS, u3) is None


def test_sellers_are_told_when_who_sees_their_figures_or_from_how_few_answers_changes(
    service: TeamService, db: Database
) -> None:
    base = chosen("Team Øst", ("U1", "U5"), ("U2", "U3", "U4"))
    told = {u: len(notices_to(db, u)) for u in ("U2", "U3", "U4")}

    service.save(WS, EAST, "U1", replace(base, name="Team Øst 2"), facts())  # a new name: nobody told
    service.save(WS, EAST, "U1", replace(base, manager_ids=("U1", "U5", "U9")), facts())  # a new manager
    service.save(WS, EAST, "U1", replace(base, manager_ids=("U1", "U5", "U9"), min_respondents=3), facts())
    service.save(WS, EAST, "U1", replace(base, manager_ids=("U1", "U5", "U9"), min_respondents=4), facts())
    service.save(WS, EAST, "U1", replace(base, manager_ids=("U1", "U5", "U9"), min_respondents=3), facts())

    # Told twice: the added manager and the lowered minimum (raising it, or renaming, exposes nothing).
    for seller in ("U2", "U3", "U4"):
        kinds = [n.kind for n in notices_to(db, seller)][told[seller] :]
        assert kinds == [NoticeKind.TEAM_CHANGED, NoticeKind.TEAM_CHANGED]
    assert [n.actor_member_id for n in notices_to(db, "U2")][-1] == member_id(db, "U1")


def test_the_form_never_says_which_team_someone_outside_the_channel_is_in(service: TeamService) -> None:
    outcome = service.save(
        WS, WEST, "U9", chosen("Team Vest", ("U9",), ("U6", "U3")), facts(channel=frozenset({"U9", "U6"}))
    )

    assert outcome.outsiders == ("U3",)
    assert outcome.conflicts == ()  # U3 is in Team Øst, which is none of U9's business here


def test_the_database_keeps_a_seller_in_one_team_when_two_saves_race(
    service: TeamService, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two managers enrol the same person at once: each save reads them as in no team (PostgreSQL's READ
    COMMITTED lets both). Here the first attempt reads that stale state; the unique index refuses its
    insert, the save is tried again, sees Team Øst and is refused: the seller stays in one team."""
    real = teams.seller_teams
    reads: list[object] = []

    def stale_then_real(*args: Any) -> dict[int, Any]:
        reads.append(args)
        return {} if len(reads) <= 2 else real(*args)  # the first attempt's two reads saw no team

    monkeypatch.setattr(teams, "seller_teams", stale_then_real)

    outcome = service.save(WS, WEST, "U9", chosen("Team Vest", ("U9",), ("U2",)), facts())

    assert len(reads) == 3  # tried again after the index refused the first attempt
    assert outcome.status is SaveStatus.INVALID and outcome.conflicts == (SellerConflict("U2", "Team Øst"),)
    assert sellers(service, EAST) == ("U2", "U3", "U4") and service.for_channel(WS, WEST)[0] is None


def test_an_active_seller_membership_in_a_second_team_is_refused_by_the_database(
    service: TeamService, db: Database, clock: Clock
) -> None:
    with db.session() as s:
        west = teams.create_team(
            s, WS, WEST, chosen("Team Vest", ("U9",), ("U6",)).columns() | {"tz": "UTC"}, clock()
        )
        assert west is not None
        west_id = west.id
    second = TeamMembership(
        workspace_id=WS, team_id=west_id, member_id=member_id(db, "U2"), role="seller", changed_at=clock()
    )
    with pytest.raises(IntegrityError):
        add_row(db, second)
