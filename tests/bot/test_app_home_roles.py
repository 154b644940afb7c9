"""App Home by role, and buttons that once did nothing visible: a run of this period that is done shows its
result again and says when the next one opens (as the command does); a manager also sees their teams (next
pulse, next summary, answers so far as "n of N"), the leader's mirror and coaching. nb, sv and en."""

from __future__ import annotations

from typing import Any

import pytest

from coaching.i18n import t
from tests.support.coaching import setup_teams
from tests.support.harness import Harness, block_texts

NEXT_WEEK = {"nb": "mandag 30.11.2026", "sv": "måndag 30/11 2026", "en": "Monday 2026-11-30"}
NEXT_MONTH = {"nb": "tirsdag 1.12.2026", "sv": "tisdag 1/12 2026", "en": "Tuesday 2026-12-01"}
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
    assert t(locale, "home.last_result", kind=t(locale, "kind.pulse"), period="2026-W48") in text
    assert len(harness.fake.calls_to("chat.postMessage")) == posted  # nothing posted, nothing started


@pytest.mark.parametrize("locale", sorted(USERS))
def test_take_the_survey_after_this_months_shows_it_again_and_when_the_next_opens(
    harness: Harness, locale: str
) -> None:
    user_id = USERS[locale]
    harness.command("survey", user_id=user_id)
    harness.answer_all(lambda item_id: 3, user_id=user_id)
    harness.command("pulse", user_id=user_id)  # a newer result of another kind
    harness.answer_all(lambda item_id: 5, user_id=user_id)

    tap_home(harness, user_id, "start_survey")

    text = block_texts(harness.fake.calls_to("views.publish")[-1])
    assert t(locale, "home.done.full") in text
    assert t(locale, "run.next_opens.full", day=NEXT_MONTH[locale]) in text
    assert (
        t(locale, "home.last_result", kind=t(locale, "kind.full"), period="2026-11") in text
    )  # the survey's


def test_the_command_too_says_when_the_next_pulse_opens(harness: Harness) -> None:
    harness.command("pulse", user_id="U3")
    harness.answer_all(lambda item_id: 4, user_id="U3")
    harness.command("pulse", user_id="U3")
    reply = block_texts(harness.fake.calls_to("response_url")[-1])
    assert t("en", "run.already_done.pulse") in reply
    assert t("en", "run.next_opens.pulse", day=NEXT_WEEK["en"]) in reply


def test_a_manager_sees_their_teams_next_pulse_next_summary_and_answers_so_far(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())  # Team Nord: U1 manages U4 and U5; pulse Mon 09, summary Fri 14
    harness.fake.add_user("U4")
    harness.command("pulse", user_id="U4")
    harness.answer_all(lambda item_id: 4, user_id="U4")

    text, view = home_of(harness, "U1")

    line = t(
        "nb",
        "home.team.line",
        team="Team Nord",
        channel="<#CNORD>",
        pulse="mandag 30.11.2026 kl. 09.00",
        summary="fredag 27.11.2026 kl. 14.00",
        answered=1,
        eligible=2,
    )
    assert t("nb", "home.teams.title") in text and line in text
    assert t("nb", "home.self") in text and t("nb", "coach.home.title") in text
    assert {"start_self", "coach_another"} <= buttons_of(view)
    # by role: the runs first, then the teams, the mirror and coaching
    assert (
        text.index(t("nb", "home.no_open_run")) < text.index(line) < text.index(t("nb", "coach.home.title"))
    )
    assert "U4" not in text and "U5" not in text  # a count only: no names of who answered


@pytest.mark.parametrize(("user_id", "locale"), [("U2", "sv"), ("U3", "en")])
def test_the_teams_glance_in_swedish_and_english(harness: Harness, user_id: str, locale: str) -> None:
    setup_teams(harness.db, harness.clock())  # Team Sør: U2 (sv) and U3 (en) manage U6 and U7
    text, _ = home_of(harness, user_id)
    assert t(locale, "home.teams.title") in text
    assert f"*0 {'av' if locale == 'sv' else 'of'} 2*" in text
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
