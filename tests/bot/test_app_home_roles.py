"""App Home by role, and buttons that once did nothing visible: a run of this period that is done shows its
result again and says when the next one opens (as the command does); a manager also sees their teams (next
pulse, next summary, answers so far as "n of N"), the leader's mirror and coaching. nb, sv and en."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from survey_flows.periods import spoken_period
from survey_flows.views import Kind
from tests.support.coaching import OSLO, setup_teams
from tests.support.harness import Harness, block_texts
from tests.support.scheduling import make_team
from tests.support.seeded_runs import all_but_the_last
from tests.support.shown import t

NEXT_WEEK = {"nb": "mandag 30. november", "sv": "måndag 30 november", "en": "Monday 30 November"}
NEXT_MONTH = {"nb": "tirsdag 1. desember", "sv": "tisdag 1 december", "en": "Tuesday 1 December"}
USERS = {"nb": "U1", "sv": "U2", "en": "U3"}


def tap_home(harness: Harness, user_id: str, action_id: str) -> dict[str, Any]:
    harness.send(harness.requests.block_action(user_id=user_id, action_id=action_id, value=action_id))
    publish = harness.fake.calls_to("views.publish")[-1]
    assert publish.params["user_id"] == user_id
    return publish.params["view"]


def home_of(harness: Harness, user_id: str) -> tuple[str, dict[str, Any]]:
    harness.send(harness.requests.app_home_opened(user_id=user_id))
    publish = harness.fake.calls_to("views.publish")[-1]
    return block_texts(publish), publish.params["view"]


def buttons_of(view: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for block in view["blocks"]:
        for element in [block.get("accessory"), *block.get("elements", [])]:
            if isinstance(element, dict) and element.get("type") == "button":
                found.add(element["action_id"])
    return found


@pytest.mark.parametrize("locale", sorted(USERS))
def test_take_the_pulse_after_this_weeks_shows_it_again_and_when_the_next_opens(
    harness: Harness, locale: str
) -> None:
    user_id = USERS[locale]
    harness.command("pulse", user_id=user_id)
    harness.answer_all(lambda item_id: 4, user_id=user_id)
    posted = len(harness.fake.calls_to("chat.postMessage"))

    view = tap_home(harness, user_id, "start_pulse")

    text = block_texts(harness.fake.calls_to("views.publish")[-1])
    notice = next(b for b in view["blocks"] if b.get("block_id") == "home_notice")["text"]["text"]
    assert notice.startswith(t(locale, "home.done.pulse"))
    assert t(locale, "run.next_opens.pulse", day=NEXT_WEEK[locale]) in notice
    period = spoken_period(locale, "2026-W48")
    assert t(locale, "home.last_result", kind=t(locale, "kind.pulse"), period=period) in text
    assert len(harness.fake.calls_to("chat.postMessage")) == posted  # nothing posted, nothing started


@pytest.mark.parametrize("locale", sorted(USERS))
def test_take_the_survey_after_this_months_shows_it_again_and_when_the_next_opens(
    harness: Harness, locale: str
) -> None:
    user_id = USERS[locale]
    all_but_the_last(harness, user_id, locale, lambda item_id: 3, Kind.FULL)
    harness.command("survey", user_id=user_id)
    harness.answer_all(lambda item_id: 3, user_id=user_id)
    harness.command("pulse", user_id=user_id)  # a newer result of another kind
    harness.answer_all(lambda item_id: 5, user_id=user_id)

    tap_home(harness, user_id, "start_survey")

    text = block_texts(harness.fake.calls_to("views.publish")[-1])
    assert t(locale, "home.done.full") in text
    assert t(locale, "run.next_opens.full", day=NEXT_MONTH[locale]) in text
    period = spoken_period(locale, "2026-11")
    assert t(locale, "home.last_result", kind=t(locale, "kind.full"), period=period) in text  # the survey's


def test_the_command_too_says_when_the_next_pulse_opens(harness: Harness) -> None:
    harness.command("pulse", user_id="U3")
    harness.answer_all(lambda item_id: 4, user_id="U3")
    harness.command("pulse", user_id="U3")
    reply = block_texts(harness.fake.calls_to("response_url")[-1])
    assert t("en", "run.already_done.pulse") in reply
    assert t("en", "run.next_opens.pulse", day=NEXT_WEEK["en"]) in reply


def test_a_manager_sees_their_teams_next_pulse_next_summary_and_answers_so_far(harness: Harness) -> None:
    """Team Øst (U1 manages four sellers, minimum 3), pulse Monday 09:00, summary Friday 14:00, set up last
    week; Team Vest (U1 with two sellers, minimum 5) set up the same day."""
    week_ago = harness.clock() - timedelta(weeks=1)
    sellers = [(f"US{n}", OSLO) for n in range(1, 5)]
    make_team(harness.db, week_ago, sellers, channel_id="COST", managers=("U1",), min_respondents=3)
    make_team(harness.db, week_ago, [("UW1", OSLO), ("UW2", OSLO)], channel_id="CVEST", managers=("U1",))
    for user_id, _ in [*sellers[:3], ("UW1", OSLO)]:
        harness.fake.add_user(user_id)
        harness.command("pulse", user_id=user_id)
        harness.answer_all(lambda item_id: 4, user_id=user_id)

    text, view = home_of(harness, "U1")

    lines = [
        t(
            "nb",
            "home.team.line",
            team="Team Nord",
            channel=f"<#{channel}>",
            pulse="mandag 30. november kl. 09:00",
            summary="fredag 27. november kl. 14:00",
            progress=progress,
        )
        for channel, progress in (
            ("COST", t("nb", "summary_now.answered", answered=3, eligible=4)),
            ("CVEST", t("nb", "summary_now.answered_few", minimum=5)),  # one of two: never said as a count
        )
    ]
    assert t("nb", "home.teams.title") in text and all(line in text for line in lines), text
    assert t("nb", "home.self") in text and t("nb", "coach.home.title") in text
    assert {"start_self", "coach_another"} <= buttons_of(view)
    # by role: the runs first, then the teams, the mirror and coaching
    no_run = text.index(t("nb", "home.no_open_run"))
    assert no_run < text.index(lines[0]) < text.index(t("nb", "coach.home.title"))
    assert "US1" not in text and "UW1" not in text  # a count only: no names of who answered


@pytest.mark.parametrize(("user_id", "locale"), [("U2", "sv"), ("U3", "en")])
def test_the_teams_glance_in_swedish_and_english(harness: Harness, user_id: str, locale: str) -> None:
    setup_teams(harness.db, harness.clock())  # Team Sør: U2 (sv) and U3 (en) manage U6 and U7, set up now
    text, _ = home_of(harness, user_id)
    assert t(locale, "home.teams.title") in text
    assert t(locale, "summary_now.no_pulse_yet") in text  # set up after this week's pulse time
    assert t(locale, "home.start_self") in text


def test_a_seller_sees_their_runs_and_no_team_mirror_or_coaching(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.fake.add_user("U4")
    text, view = home_of(harness, "U4")
    assert t("nb", "home.welcome") in text
    assert buttons_of(view) == {"start_survey", "start_pulse"}
    for key in ("home.teams.title", "home.self", "coach.home.title"):
        assert t("nb", key) not in text


def test_the_mirror_button_starts_the_managers_self_view_in_their_dm(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    tap_home(harness, "U1", "start_self")
    intro = harness.fake.calls_to("chat.postMessage")[0]
    assert intro.response["channel"] == "DU1"
    assert t("nb", "intro.self.title") in block_texts(intro)
    assert "1/40" in block_texts(harness.questions("U1")[-1])
