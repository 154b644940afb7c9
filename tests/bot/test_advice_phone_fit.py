"""The coaching advice fits a phone: the first message says what to do in a few lines; the reasoning, the
warnings and the rest come with its "more" button, which works from the stored request alone (also after
a restart) and only for the manager who asked."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from bot.messages.advice import advice_message
from bot.messages.mrkdwn import rendered_blocks
from coaching.advice import advise
from coaching.situation import _ALLOWED, Situation
from coaching.zones import Lever, Zone
from survey_flows.advice_views import AdviceView, RequestView
from tests.support.coaching import advice_posts, answer_dialogue, published_team, tap_message_button, tap_more
from tests.support.harness import Harness, block_texts
from tests.support.phone import button_labels, lines_of, text_lines
from tests.support.shown import t

PHONE_LINES = 8  # the old advice ran to 17 lines, three of them warnings
PHONE_CHARS = 650


def _the_rest(locale: str, view: AdviceView) -> list[str]:
    """What the first message leaves out and "more" must show, word for word."""
    advice, person = view.advice, f"<@{view.request.subject_user_id}>"
    rest = [
        t(locale, "coach.answer.style", style=advice.style_label(locale), example=advice.example(locale)),
        advice.reasoning(locale).split(". ")[0],
        *(f":warning: {warning}" for warning in advice.warnings(locale)),
        advice.standard_reminder(locale),
        advice.provenance(locale),
        t(locale, "coach.answer.basis", person=person),
    ]
    lever = advice.team_lever(locale)
    if lever is not None:
        rest.append(t(locale, "coach.answer.team", lever=lever))
    return rest


def test_the_advice_leads_with_what_to_do_in_a_few_lines(harness: Harness) -> None:
    _team, sellers = published_team(harness.db, answered=6, safety=4, standard=2)  # the comfort zone
    harness.command(f"coach <@{sellers[0]}|s1>")

    advice = answer_dialogue(harness, {"competence": "low", "will": "low"})  # three warnings

    lines = text_lines(advice)
    assert len(lines) <= PHONE_LINES, lines
    expected = advise(Situation(competence="low", will="low"), Zone.COMFORT, Lever.MORE_SYSTEM)
    assert lines[0] == t("nb", "coach.answer.title", person=f"<@{sellers[0]}>")
    assert expected.balance("nb") in lines[1]
    assert lines[2] == t("nb", "coach.answer.actions")
    assert lines[3 : 3 + len(expected.actions("nb"))] == [f"• {a}" for a in expected.actions("nb")]
    assert ":warning:" not in block_texts(advice)
    assert len(expected.warnings("nb")) == 3
    labels = button_labels(advice)
    assert labels["coach_more"] == t("nb", "coach.more.warnings")
    assert t("nb", "coach.another") in labels.values()  # follow-up and another person stay in reach


def test_more_shows_the_rest_in_the_same_message_even_after_a_restart(harness: Harness) -> None:
    _team, sellers = published_team(harness.db, answered=6, safety=4, standard=2)
    harness.command(f"coach <@{sellers[0]}|s1>")
    advice = answer_dialogue(harness, {"competence": "low", "will": "low"})

    harness.restart()
    full = tap_more(harness, advice)

    assert full.params["channel"] == advice.response["channel"]
    text = block_texts(full)
    request = RequestView(
        1, "T", "U1", sellers[0], None, None, {}, "answered", None, None, datetime.now(), None
    )
    expected = advise(Situation(competence="low", will="low"), Zone.COMFORT, Lever.MORE_SYSTEM)
    for part in _the_rest("nb", AdviceView(request, expected, "2026-W48")):
        assert part in text, part
    assert all(line in lines_of(full.params["blocks"]) for line in text_lines(advice)[:-1])  # lead kept
    assert "coach_more" not in button_labels(full)
    assert "coach_follow_up_2" in button_labels(full)
    assert advice_posts(harness.fake) == [advice]  # edited in place, nothing posted again


def test_another_managers_more_shows_them_nothing(harness: Harness) -> None:
    _team, sellers = published_team(harness.db, answered=6, safety=4, standard=2)
    harness.command(f"coach <@{sellers[0]}|s1>")
    advice = answer_dialogue(harness, {"will": "low"})
    updates = len(harness.fake.calls_to("chat.update"))

    tap_message_button(harness, advice, "coach_more", user_id="US2", block_id="coach_more")

    assert len(harness.fake.calls_to("chat.update")) == updates
    (note,) = harness.fake.calls_to("chat.postEphemeral")
    assert note.params["user"] == "US2"
    assert t("nb", "coach.not_found") in block_texts(note)
    assert t("nb", "coach.answer.basis", person=f"<@{sellers[0]}>") not in block_texts(note)


def _situations() -> list[Situation]:
    options = [(name, value) for name, values in _ALLOWED.items() for value in values]
    found = [Situation()]
    for a, b in itertools.combinations(options, 2):
        if a[0] != b[0]:
            found.append(Situation(**dict([a, b])))  # type: ignore[arg-type]
    return found


@pytest.mark.parametrize("locale", ["nb", "sv", "en"])
def test_every_advice_fits_a_phone_and_more_holds_all_the_rest(locale: str) -> None:
    request = RequestView(7, "T", "U1", "U4", 1, "Salg", {}, "answered", "D1", "1.0", datetime.now(), None)
    for situation in _situations():
        view = AdviceView(request, advise(situation, Zone.STRESS, Lever.MORE_RELATION), "2026-W48")
        short = advice_message(locale, view)
        sent = rendered_blocks(short.blocks)  # as Slack shows it
        short_lines = [line for line in lines_of(sent) if line != "[buttons]"]
        assert len(short_lines) <= PHONE_LINES, (situation, short_lines)
        assert sum(len(line) for line in short_lines) <= PHONE_CHARS, situation
        full = "\n".join(lines_of(rendered_blocks(advice_message(locale, view, full=True).blocks)))
        for part in _the_rest(locale, view) + short_lines:
            assert part in full, (situation, part)
