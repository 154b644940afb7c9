"""The console, scripted on standard input as a person would type: the whole survey as a seller, a coaching
dialogue as a manager and the weekly summary, in each language; what the transcript says and what is stored."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from coaching.i18n import t
from coaching.instrument import ITEMS
from coaching.locale import Locale
from coaching.summary_text import compose
from console.cli import run
from console.people import ConsoleNames
from console.render import plain
from scheduling.summaries import SummaryService
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Answer, CoachingRequest, FollowUp, Member, SurveyRun
from survey_flows.periods import when
from survey_flows.summary_on_demand import SummaryOnDemand
from survey_flows.teams import TeamService
from tests.scheduling.summary_publishing import FakeSender
from tests.support.harness import Clock

WORKSPACE = "TDEMO"
MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
FRIDAY_AFTER_SUMMARY = datetime(2026, 12, 4, 13, 30, tzinfo=UTC)  # 14:30 in Oslo
SELLERS = ("Kari Hansen", "Ola Nordmann", "Per Berg", "Lise Dahl", "Tor Li")
TEAM = {"nb": "Salg Øst", "sv": "Sälj Väst", "en": "Sales North"}


@pytest.fixture
def db(db_url: str) -> Database:
    upgrade(db_url)
    return Database.from_url(db_url)


def people() -> ConsoleNames:
    """The name port's people (as the demo's personas are): whom a name means, and the name shown."""
    names = ConsoleNames()
    for name in (*SELLERS, "Marte Lund"):
        names.resolve(name)
    return names


def console(db: Database, clock: Clock, locale: Locale, user: str, *lines: str) -> str:
    out = io.StringIO()
    code = run(db, locale, WORKSPACE, user, io.StringIO("\n".join(lines) + "\n"), out, people(), clock=clock)
    assert code == 0
    return out.getvalue()


def flat(transcript: str) -> str:
    """The transcript's words, without the terminal's line wrapping and frames."""
    return " ".join(transcript.replace("│", " ").replace("╭", " ").replace("╰", " ").split())


def said(locale: Locale, key: str, **params: object) -> str:
    """A catalog text as the terminal shows it (markup rendered, a person by name), wrapping aside."""
    return flat(plain(t(locale, key, **params), people().name))


def member_id(db: Database, user_id: str) -> int:
    with db.session() as s:
        member = s.exec(
            select(Member).where(Member.workspace_id == WORKSPACE, Member.user_id == user_id)
        ).one()
        return member.id  # type: ignore[return-value]


@pytest.mark.parametrize("locale", ["nb", "sv", "en"])
def test_survey_coaching_and_summary_through_the_console(db: Database, locale: Locale) -> None:
    clock = Clock(MONDAY)
    manager = "Marte Lund"
    setup = console(db, clock, locale, manager, "/balanse setup", TEAM[locale], ", ".join(SELLERS))
    assert said(locale, "setup.name.label") in flat(setup)
    assert TEAM[locale] in flat(setup) and "Kari Hansen" in flat(setup)

    # A seller takes the whole survey: a wrong number and an unknown command in the middle lose nothing.
    answers = ["4"] * 10 + ["7", "/balanse nonsense"] + ["2"] * 10 + ["6"] + ["5"] * 19
    survey = console(db, clock, locale, "Kari Hansen", "/balanse survey", *answers)
    assert f"40/{len(ITEMS)}" in survey
    assert said(locale, "terminal.answer_hint") in flat(survey)
    assert said(locale, "help.unknown", word="nonsense") in flat(survey)
    assert said(locale, "result.full.title") in flat(survey)
    assert said(locale, "result.private") in flat(survey)
    member = member_id(db, "UKARI0HANSEN")
    with db.session() as s:
        run_row = s.exec(select(SurveyRun).where(SurveyRun.member_id == member)).one()
        stored = s.exec(select(Answer).where(Answer.run_id == run_row.id)).all()
    assert run_row.finished_at is not None and run_row.kind == "full"
    assert len(stored) == len(ITEMS)
    values = sorted(a.value for a in stored if a.value is not None)
    assert values.count(4) == 10 and values.count(2) == 10 and values.count(5) == 19
    assert sum(a.value is None for a in stored) == 1  # 6 is "don't know", stored as no value

    # Every seller answers the week's pulse, so the team's summary can be published on Friday.
    for seller in SELLERS:
        pulse = console(db, clock, locale, seller, "/balanse pulse", *(["4"] * 7))
        assert said(locale, "result.pulse.title") in flat(pulse)
    clock.now = FRIDAY_AFTER_SUMMARY
    team = TeamService(db, clock).teams()[0]
    SummaryService(db, clock, FakeSender()).publish(team, clock.now)

    # The manager asks how to lead Kari: eight questions, one number each, then the advice.
    dialogue = console(
        db, clock, locale, manager, "/balanse coach Kari", "1", "9", "2", "1", "1", "1", "2", "1", "5", "2"
    )
    assert said(locale, "coach.parent.title", person="@[UKARI0HANSEN]") in flat(dialogue)
    assert said(locale, "terminal.choose", count=3) in flat(dialogue)
    assert said(locale, "coach.answer.title", person="@[UKARI0HANSEN]") in flat(dialogue)
    with db.session() as s:
        request = s.exec(select(CoachingRequest)).one()
        follow_up = s.exec(select(FollowUp)).one()
    assert request.step == "answered"
    assert follow_up.due_at.date().isoformat() == "2026-12-18"  # two weeks on, at 09:00
    assert said(
        locale,
        "coach.follow_up.scheduled",
        person="@[UKARI0HANSEN]",
        when=when(locale, follow_up.due_at, None),
    ) in flat(dialogue)
    assert request.observations["experience"] == "new"
    assert request.observations["competence"] == "low"

    summary = console(db, clock, locale, manager, "/balanse summary")
    assert said(locale, "summary.title", team=TEAM[locale], week=49) in flat(summary)
    assert said(locale, "summary.response", answered=5, eligible=5) in flat(summary)
    published = SummaryOnDemand(db, clock).ask(WORKSPACE, "UMARTE0LUND").summary
    assert published is not None and not published.suppressed
    words = compose(locale, TEAM[locale], published)
    for line in (words.zone, *words.figures):  # the same words as the channel's post and its thread
        assert line is not None and flat(plain(line, people().name)) in flat(summary)


def test_a_seller_gets_no_summary_and_no_advice(db: Database) -> None:
    clock = Clock(MONDAY)
    console(db, clock, "en", "Marte Lund", "/balanse setup", "Sales", ", ".join(SELLERS))

    out = console(
        db, clock, "en", "Kari Hansen", "/balanse summary", "how do I handle Ola?", "/balanse coach Ola"
    )

    assert said("en", "summary_now.refused") in flat(out)
    assert said("en", "coach.refused") in flat(out)
    with db.session() as s:
        assert s.exec(select(CoachingRequest)).all() == []


def test_end_of_input_mid_survey_keeps_the_answers_and_the_next_session_goes_on(db: Database) -> None:
    clock = Clock(MONDAY)
    first = console(db, clock, "sv", "Kari Hansen", "/balanse undersökning", "4", "4")
    assert "3/40" in first
    assert said("sv", "terminal.bye") in flat(first)

    again = console(db, clock, "sv", "Kari Hansen", "/balanse undersökning", "5")
    assert "3/40" in again and "4/40" in again and "1/40" not in again
    with db.session() as s:
        assert len(s.exec(select(Answer)).all()) == 3


@pytest.mark.parametrize("locale", ["nb", "sv", "en"])
def test_a_manager_runs_the_self_view(db: Database, locale: Locale) -> None:
    clock = Clock(MONDAY)
    console(db, clock, locale, "Marte Lund", "/balanse setup", TEAM[locale], ", ".join(SELLERS))

    out = console(db, clock, locale, "Marte Lund", "/balanse self", *(["5", "2"] * 20))

    assert said(locale, "intro.self.title") in flat(out)
    assert said(locale, "result.self.title") in flat(out)
    assert said(locale, "self.own.title") in flat(out)
    assert said(locale, "self.team.hidden") in flat(out)  # no summary published yet: no team figure
    member = member_id(db, "UMARTE0LUND")
    with db.session() as s:
        run_row = s.exec(select(SurveyRun).where(SurveyRun.member_id == member)).one()
        stored = s.exec(select(Answer).where(Answer.run_id == run_row.id)).all()
    assert run_row.kind == "self" and run_row.finished_at is not None
    assert sorted(a.value for a in stored) == [2] * 20 + [5] * 20


def test_a_name_asked_back_is_chosen_by_number_and_a_name_reads_back_in_a_new_session(db: Database) -> None:
    clock = Clock(MONDAY)
    console(db, clock, "en", "Marte Lund", "/balanse setup", "Sales", ", ".join(SELLERS))

    out = run_fresh(db, clock, "Marte Lund", "how do I handle our new seller?", "x", "2", "1")

    assert said("en", "dm.ask.who") in flat(out)
    assert "1 Kari Hansen 2 Ola Nordmann" in flat(out)  # no name port of personas: read back from the id
    assert said("en", "terminal.choose", count=5) in flat(out)
    assert said("en", "coach.parent.title", person="@[UOLA0NORDMANN]") in flat(out)
    with db.session() as s:
        request = s.exec(select(CoachingRequest)).one()
    assert request.subject_member_id == member_id(db, "UOLA0NORDMANN")
    assert request.observations == {"experience": "new"}


def run_fresh(db: Database, clock: Clock, user: str, *lines: str) -> str:
    """A session that knows nobody's name beforehand (a new process without the demo)."""
    out = io.StringIO()
    assert run(db, "en", WORKSPACE, user, io.StringIO("\n".join(lines) + "\n"), out, clock=clock) == 0
    return out.getvalue()


def test_a_seller_exports_leaves_and_forgets_her_data(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(MONDAY)
    monkeypatch.chdir(tmp_path)
    console(db, clock, "nb", "Marte Lund", "/balanse setup", "Salg", ", ".join(SELLERS))
    console(db, clock, "nb", "Kari Hansen", "/balanse puls", *(["4"] * 7))

    out = console(
        db, clock, "nb", "Kari Hansen", "/balanse eksport", "/balanse forlat", "/balanse glem-meg", "3", "2"
    )
    exported = json.loads(next(tmp_path.glob("balansebrett-export-*.json")).read_text(encoding="utf-8"))
    assert said("nb", "leave.done", team="Salg") in flat(out)
    assert said("nb", "terminal.choose", count=2) in flat(out)
    assert said("nb", "privacy.forget.cancelled") in flat(out)
    assert len(exported["runs"]) == 1
    with db.session() as s:
        assert len(s.exec(select(Answer)).all()) == 7  # kept: she chose "keep my data"

    forgot = console(db, clock, "nb", "Kari Hansen", "/balanse glem-meg", "1", "/balanse eksport")

    assert said("nb", "privacy.forget.done") in flat(forgot)
    assert said("nb", "privacy.nothing_stored") in flat(forgot)
    with db.session() as s:
        assert s.exec(select(Answer)).all() == []
        assert s.exec(select(Member).where(Member.user_id == "UKARI0HANSEN")).all() == []


def test_a_team_name_with_markup_characters_reads_as_typed(db: Database) -> None:
    clock = Clock(MONDAY)

    out = console(
        db,
        clock,
        "en",
        "Marte Lund",
        "/balanse setup",
        "Sales_North *2*",
        ", ".join(SELLERS),
        "/balanse summary",
    )

    assert "Sales_North *2*" in flat(out)  # set up, and its summary's status, both name it as typed
    assert flat(out).count("Sales_North *2*") >= 2
