"""The coaching dialogue in each of nb, sv and en through the real Bolt app and the fake Slack: the example
sentences and their variants pre-filled and confirmed in one tap, every question with "don't know",
conflicting observations, and the team's zone with its lever (only from a shown, anonymous summary)."""

from __future__ import annotations

import pytest

from bot.messages.setup import weekday_name
from coaching import advice_texts as texts
from coaching.advice import Situation, advise
from coaching.zones import Zone, lever_for
from tests.support.coaching import (
    answer_dialogue,
    coach_buttons,
    field_of,
    published_team,
    questions,
    setup_teams,
    tap,
    tap_message_button,
    validate_everything,
)
from tests.support.harness import Harness, block_texts
from tests.support.shown import t

# Who asks about whom in each language (tests.support.coaching.setup_teams).
CAST = {"nb": ("U1", "U4"), "sv": ("U2", "U6"), "en": ("U3", "U7")}
FIELD_ORDER = [
    "experience",
    "competence",
    "will",
    "structure",
    "confidence",
    "comfort_zone",
    "relation_when",
    "system_when",
]

# (locale, what the manager writes, what it pre-fills, the seed row it leads to: relation %, style)
PREFILLED = [
    ("nb", "Kari er ny og usikker", {"experience": "new", "confidence": "low"}, 70, "instructing"),
    ("nb", "Ola kan, men gidder ikke", {"competence": "high", "will": "low"}, 65, "direct"),
    ("nb", "Per er erfaren, men bekvem", {"experience": "experienced", "comfort_zone": True}, 30, "challenging"),
    ("nb", "hun er ny og litt usikker", {"experience": "new", "confidence": "low"}, 70, "instructing"),
    ("sv", "Lisa är erfaren men bekväm", {"experience": "experienced", "comfort_zone": True}, 30, "challenging"),
    ("sv", "Erik är ny och osäker", {"experience": "new", "confidence": "low"}, 70, "instructing"),
    ("sv", "Anna kan, men bryr sig inte", {"competence": "high", "will": "low"}, 65, "direct"),
    ("en", "Sam is new and unsure", {"experience": "new", "confidence": "low"}, 70, "instructing"),
    ("en", "Jo can do it but doesn't bother", {"competence": "high", "will": "low"}, 65, "direct"),
    ("en", "Alex is experienced but comfortable", {"experience": "experienced", "comfort_zone": True}, 30, "challenging"),
]  # fmt: skip


def shown(locale: str, field: str, stored: object) -> str:
    """How the confirmation lists one pre-filled observation."""
    choice = ("yes" if stored else "no") if field == "comfort_zone" else stored
    return f"{t(locale, f'coach.field.{field}')}: {t(locale, f'coach.choice.{field}.{choice}')}"


@pytest.mark.parametrize(
    ("locale", "text", "prefilled", "relation", "style"), PREFILLED, ids=[row[1] for row in PREFILLED]
)
def test_free_text_is_prefilled_and_confirmed_in_one_tap(
    harness: Harness, locale: str, text: str, prefilled: dict, relation: int, style: str
) -> None:
    manager, seller = CAST[locale]
    setup_teams(harness.db, harness.clock())

    harness.command(f"coach <@{seller}|someone> {text}", user_id=manager)

    (confirm,) = questions(harness.fake, manager)
    assert field_of(confirm) == "confirm"
    said = block_texts(confirm)
    for field, stored in prefilled.items():
        assert shown(locale, field, stored) in said
    for field in FIELD_ORDER:  # only what the text settles is listed
        assert (f"• {t(locale, f'coach.field.{field}')}:" in said) == (field in prefilled), field
    assert [b["text"]["text"] for b in coach_buttons(confirm)] == [
        t(locale, "coach.confirm.yes"),
        t(locale, "coach.confirm.change"),
    ]

    advice = block_texts(answer_dialogue(harness, {}, user_id=manager, full=True))

    asked = [field_of(q) for q in questions(harness.fake, manager)[1:]]
    assert asked == [field for field in FIELD_ORDER if field not in prefilled]  # confirmed ones not asked
    expected = advise(Situation(**prefilled))
    assert (expected.relation_pct, expected.style) == (relation, style)
    assert texts.BALANCE.get(locale).format(relation=relation, system=100 - relation) in advice
    assert expected.style_label(locale) in advice
    assert expected.example(locale) in advice
    assert expected.standard_reminder(locale) in advice


@pytest.mark.parametrize("locale", list(CAST))
def test_every_question_in_the_managers_language_ends_with_dont_know(harness: Harness, locale: str) -> None:
    manager, seller = CAST[locale]
    setup_teams(harness.db, harness.clock())
    harness.command(f"coach <@{seller}|someone>", user_id=manager)

    answer_dialogue(harness, {}, user_id=manager)

    asked = questions(harness.fake, manager)
    assert [field_of(q) for q in asked] == FIELD_ORDER
    parent_ts = asked[0].params["thread_ts"]
    for question in asked:
        field = field_of(question)
        assert question.params["thread_ts"] == parent_ts  # one thread of the manager's DM
        assert t(locale, f"coach.question.{field}", person=f"<@{seller}>") in block_texts(question)
        labels = [b["text"]["text"] for b in coach_buttons(question)]
        lists = field in ("relation_when", "system_when")  # four of the seed's situations, none, don't know
        assert len(labels) == (6 if lists else 3) and labels[-1] == t(locale, "scale.dont_know")
        assert all(len(label) <= 30 for label in labels), labels  # short enough for a phone's buttons


@pytest.mark.parametrize("locale", list(CAST))
def test_cant_and_wont_say_which_first_why_and_warn_in_each_language(harness: Harness, locale: str) -> None:
    manager, seller = CAST[locale]
    setup_teams(harness.db, harness.clock())
    harness.command(f"coach <@{seller}|someone>", user_id=manager)

    advice = block_texts(
        answer_dialogue(harness, {"competence": "low", "will": "low"}, user_id=manager, full=True)
    )

    expected = advise(Situation(competence="low", will="low"))
    order = {
        "nb": "Start med ferdighetsproblemet, deretter viljeproblemet.",
        "sv": "Börja med färdighetsproblemet, sedan viljeproblemet.",
        "en": "Start with the skill problem, then the will problem.",
    }[locale]
    assert order in advice
    diagnosis = expected.reasoning(locale).split(". ")[0]
    assert f"*{diagnosis}.*" in advice  # the diagnosis in one sentence, first and in bold
    assert f":warning: {texts.WHY_FIRST['skill'].get(locale)}" in advice
    assert f":warning: {texts.WRONG_DIAGNOSIS.get(locale)}" in advice
    assert texts.NEXT_ACTIONS["will"].get(locale) in advice
    assert texts.BALANCE.get(locale).format(relation=40, system=60) in advice  # the first concern decides
    assert expected.standard_reminder(locale) in advice


# (manager, the team's safety and standard means, the zone they make)
ZONES = [
    ("U1", 2, 4, Zone.STRESS),
    ("U2", 2, 2, Zone.APATHY),
    ("U3", 4, 4, Zone.PERFORMANCE),
    ("U3", 4, 2, Zone.COMFORT),
]
LOCALE = {"U1": "nb", "U2": "sv", "U3": "en"}


@pytest.mark.parametrize(("manager", "safety", "standard", "zone"), ZONES, ids=[z[3].value for z in ZONES])
def test_the_teams_zone_and_its_lever_as_context_in_each_language(
    harness: Harness, manager: str, safety: int, standard: int, zone: Zone
) -> None:
    locale = LOCALE[manager]
    harness.fake.add_user(manager, locale={"nb": "nb-NO", "sv": "sv-SE", "en": "en-US"}[locale])
    _team, sellers = published_team(harness.db, answered=6, safety=safety, standard=standard, manager=manager)
    harness.command(f"coach <@{sellers[0]}|s1>", user_id=manager)

    advice = block_texts(answer_dialogue(harness, {"will": "low"}, user_id=manager, full=True))

    assert t(locale, "coach.answer.team", lever=texts.TEAM_LEVERS[lever_for(zone)].get(locale)) in advice
    assert t(locale, "coach.answer.team_note", week="48") in advice
    others = [
        lever for lever in texts.TEAM_LEVERS.values() if lever is not texts.TEAM_LEVERS[lever_for(zone)]
    ]
    assert not any(other.get(locale) in advice for other in others)
    assert texts.BALANCE.get(locale).format(relation=65, system=35) in advice  # the person's own balance
    assert not any(f"<@{seller}>" in advice for seller in sellers[1:])  # nobody else is named
    assert validate_everything(harness.fake) > 10


def test_a_confirmation_tapped_twice_is_taken_once(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari> Kari er ny og usikker")
    (confirm,) = questions(harness.fake)

    tap(harness, confirm, "yes")
    tap(harness, confirm, "change")  # the buttons are gone once confirmed; a late second tap changes nothing

    assert [field_of(q) for q in questions(harness.fake)] == ["confirm", "competence"]


@pytest.mark.parametrize(
    ("locale", "date", "due"),
    [
        ("sv", "23/11 2026", "7/12 2026 kl. 09.00"),
        ("en", "2026-11-23", "2026-12-07 at 09:00"),  # 09:00 in New York, where U3 is
    ],
)
def test_app_home_lists_requests_and_follow_ups_in_the_managers_language(
    harness: Harness, locale: str, date: str, due: str
) -> None:
    manager, seller = CAST[locale]
    setup_teams(harness.db, harness.clock())
    harness.command(f"coach <@{seller}|someone>", user_id=manager)
    advice = answer_dialogue(harness, {"experience": "experienced", "comfort_zone": "yes"}, user_id=manager)
    tap_message_button(harness, advice, "coach_follow_up_2", user_id=manager)

    harness.send(harness.requests.app_home_opened(user_id=manager))

    home = block_texts(harness.fake.calls_to("views.publish")[-1])
    assert t(locale, "coach.home.title") in home
    balance = texts.BALANCE.get(locale).format(relation=30, system=70)
    style = advise(Situation(experience="experienced", comfort_zone=True)).style_label(locale)
    assert f"*<@{seller}>* · {date} · {balance} · {style}" in home
    monday = weekday_name(locale, 0)
    assert t(locale, "coach.home.follow_up", when=f"{monday}{',' if locale == 'en' else ''} {due}") in home
    assert t(locale, "coach.home.delete") in home
    assert validate_everything(harness.fake) > 10
