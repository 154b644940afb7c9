"""Coaching outside the dialogue: the "ask about a person" modal, the App Home section and the reminder DM."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.ids import ActionId, BlockId, CallbackId
from bot.messages import Message, link_target
from bot.messages.advice import mention
from coaching.i18n import t
from coaching.locale import Locale
from survey_flows import calendar
from survey_flows.advice_views import OBSERVATION_MAX, FollowUpReminder, HistoryEntry
from survey_flows.periods import when

TEXT_MAX = OBSERVATION_MAX
"""The free-text observation: enough for a few sentences, little enough to stay an observation."""


# -- the modal ----------------------------------------------------------------------------------------


def person_modal(locale: Locale, text: str = "") -> View:
    """Choose one of your sellers and, if you like, write what you have observed."""
    text_input = PlainTextInputElement(
        action_id=ActionId.COACH_TEXT,
        multiline=True,
        max_length=TEXT_MAX,
        initial_value=text[:TEXT_MAX] or None,
    )
    return View(
        type="modal",
        callback_id=CallbackId.COACH_PERSON,
        title=t(locale, "coach.modal.title"),
        submit=t(locale, "coach.modal.submit"),
        close=t(locale, "coach.modal.close"),
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=t(locale, "coach.modal.intro"))),
            InputBlock(
                block_id=BlockId.COACH_PERSON,
                label=t(locale, "coach.modal.person"),
                element=UserSelectElement(action_id=ActionId.COACH_PERSON),
            ),
            InputBlock(
                block_id=BlockId.COACH_TEXT,
                label=t(locale, "coach.modal.text"),
                hint=t(locale, "coach.modal.text_hint"),
                element=text_input,
                optional=True,
            ),
            ContextBlock(elements=[MarkdownTextObject(text=t(locale, "coach.modal.privacy"))]),
        ],
    )


def read_person_modal(values: Mapping[str, Mapping[str, Any]]) -> tuple[str | None, str]:
    """(the chosen user id, the observation text) from view.state.values."""
    person = (values.get(BlockId.COACH_PERSON) or {}).get(ActionId.COACH_PERSON) or {}
    text = (values.get(BlockId.COACH_TEXT) or {}).get(ActionId.COACH_TEXT) or {}
    return person.get("selected_user"), str(text.get("value") or "")


# -- App Home -----------------------------------------------------------------------------------------


def _date(locale: Locale, moment: datetime, tz: str | None) -> str:
    local = moment.astimezone(calendar.zone(tz))
    pad = locale == "en"
    return t(
        locale,
        "coach.home.date",
        day=f"{local.day:02d}" if pad else local.day,
        month=f"{local.month:02d}" if pad else local.month,
        year=local.year,
    )


def _entry_text(locale: Locale, entry: HistoryEntry, tz: str | None) -> str:
    parts = [f"**{mention(entry.subject_user_id)}**", _date(locale, entry.created_at, tz)]
    if entry.advice is not None:
        parts += [entry.advice.balance(locale), entry.advice.style_label(locale)]
    else:
        parts.append(t(locale, "coach.home.unfinished"))
    text = " · ".join(parts)
    if entry.follow_up_due is not None:
        text += "\n" + t(locale, "coach.home.follow_up", when=when(locale, entry.follow_up_due, tz))
    return text


def _delete_button(locale: Locale, entry: HistoryEntry) -> ButtonElement:
    return ButtonElement(
        text=t(locale, "coach.home.delete"),
        action_id=ActionId.COACH_DELETE,
        value=f"{entry.request_id}:{entry.token}",
        confirm=ConfirmObject(
            title=t(locale, "coach.home.confirm_title"),
            text=t(locale, "coach.home.confirm_text"),
            confirm=t(locale, "coach.home.confirm_yes"),
            deny=t(locale, "coach.home.confirm_no"),
            style="danger",
        ),
    )


def home_section(locale: Locale, entries: Sequence[HistoryEntry], tz: str | None) -> list[Block]:
    """A manager's past requests (person, date, balance, style) and open follow-ups, each deletable."""
    blocks: list[Block] = [
        DividerBlock(),
        HeaderBlock(text=t(locale, "coach.home.title")),
        SectionBlock(text=MarkdownTextObject(text=t(locale, "coach.home.intro"))),
        ActionsBlock(
            block_id=BlockId.COACH_HOME,
            elements=[
                ButtonElement(
                    text=t(locale, "coach.home.ask"), action_id=ActionId.COACH_ANOTHER, value="home"
                )
            ],
        ),
    ]
    if not entries:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "coach.home.empty"))))
    for entry in entries:
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=_entry_text(locale, entry, tz)),
                accessory=_delete_button(locale, entry),
            )
        )
    return blocks


# -- the follow-up reminder -----------------------------------------------------------------------------


def reminder(locale: Locale, item: FollowUpReminder, permalink: str | None) -> Message:
    """The DM when a follow-up is due: the plan's checkpoints and a way back to the advice."""
    person = mention(item.subject_user_id)
    title = t(locale, "coach.reminder.title", person=person)
    plan = "\n".join(f"• {step}" for step in item.advice.follow_up_plan(locale))
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=title)),
        SectionBlock(text=MarkdownTextObject(text=f"{t(locale, 'coach.reminder.body')}\n{plan}")),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"{item.advice.balance(locale)} · {item.advice.style_label(locale)}"
                    f" · {item.advice.standard_reminder(locale)}"
                )
            ]
        ),
    ]
    url = link_target(permalink)
    if url is not None:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "coach.reminder.link", url=url))))
    blocks.append(
        ActionsBlock(
            elements=[
                ButtonElement(
                    text=t(locale, "coach.reminder.again"),
                    action_id=ActionId.COACH_AGAIN,
                    value=item.subject_user_id,
                    style="primary",
                )
            ]
        )
    )
    return Message(text=title, blocks=blocks)
