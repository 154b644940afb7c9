"""Typed answers in a survey thread: the buttons' own words and their common forms in nb, sv and en are
understood; anything ambiguous ("3,5", "4 helt enig") gets a hint in the seller's language that lists what
works, and nothing is stored."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from coaching.i18n import t
from storage.models import Answer
from survey_flows.typed_answers import parse_typed_answer
from survey_flows.views import DONT_KNOW
from tests.support.harness import Harness, block_texts

USERS = {"nb": "U1", "sv": "U2", "en": "U3"}
_QUOTED = re.compile(r"[«”\"]([^«»”\"]+)[»”\"]")


def stored(harness: Harness) -> list[tuple[str, int | None]]:
    with harness.db.session() as s:
        return list(s.execute(select(Answer.item_id, Answer.value).order_by(Answer.item_id)).all())


def start_and_type(harness: Harness, locale: str, text: str) -> str:
    user_id = USERS[locale]
    harness.command("survey", user_id=user_id)
    first = harness.questions(user_id)[-1]
    harness.send(
        harness.requests.message_event(
            user_id=user_id,
            text=text,
            channel_id=first.response["channel"],
            ts="1800000000.000101",
            thread_ts=harness.thread_of(first),
        )
    )
    return user_id


@pytest.mark.parametrize(
    ("locale", "text", "value"),
    [
        ("nb", "4 enig", 4),
        ("nb", "Helt enig", 5),
        ("nb", "enig", 4),
        ("nb", "fire", 4),
        ("nb", "stemmer helt", 5),
        ("nb", "vet ikke", None),
        ("nb", "1 Helt uenig", 1),
        ("sv", "instämmer helt", 5),
        ("sv", "3 Varken eller", 3),
        ("sv", "vet ej", None),
        ("en", "agree", 4),
        ("en", "Strongly disagree.", 1),
        ("en", "idk", None),
    ],
)
def test_the_buttons_words_and_their_common_forms_answer_the_open_question(
    harness: Harness, locale: str, text: str, value: int | None
) -> None:
    user_id = start_and_type(harness, locale, text)

    assert stored(harness) == [("q01", value)]
    assert "2/40" in block_texts(harness.questions(user_id)[-1])
    assert harness.fake.calls_to("chat.postEphemeral") == []


@pytest.mark.parametrize(
    ("locale", "text"),
    [("nb", "3,5"), ("nb", "4 helt enig"), ("sv", "3-4"), ("sv", "kanske"), ("en", "3.5"), ("en", "2 or 3")],
)
def test_no_guess_on_anything_ambiguous_and_the_hint_lists_what_works(
    harness: Harness, locale: str, text: str
) -> None:
    user_id = start_and_type(harness, locale, text)

    assert stored(harness) == []
    hint = block_texts(harness.fake.calls_to("chat.postEphemeral")[-1])
    assert t(locale, "answer.typed_hint") in hint
    assert t(locale, "scale.dont_know").lower() in hint
    assert len(harness.questions(user_id)) == 1  # no next question


@pytest.mark.parametrize("locale", sorted(USERS))
def test_every_button_label_and_every_form_the_hint_names_is_understood(locale: str) -> None:
    for value in (1, 2, 3, 4, 5):
        label = t(locale, f"scale.{value}")  # "4 Enig": with and without its number
        assert parse_typed_answer(label) == value, label
        assert parse_typed_answer(label.split(" ", 1)[1]) == value, label
    assert parse_typed_answer(t(locale, "scale.dont_know")) == DONT_KNOW
    named = _QUOTED.findall(t(locale, "answer.typed_hint"))
    assert len(named) == 6, named
    assert [parse_typed_answer(form) for form in named] == [1, 2, 3, 4, 5, DONT_KNOW]
