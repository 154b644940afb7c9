"""Forget-me's confirmation and its outcome, and the note that an export was sent."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ConfirmObject,
    MarkdownTextObject,
    SectionBlock,
)

from bot.ids import ActionId, BlockId
from bot.messages import Message
from bot.messages.survey import notice
from coaching.i18n import t
from coaching.locale import Locale

FORGET_VALUE = "forget"


def forget_confirmation(locale: Locale) -> Message:
    """What will be deleted and what is kept, with a danger button (behind Slack's confirm dialog) and a
    cancel button."""
    text = t(locale, "privacy.forget.ask")
    confirm = ConfirmObject(
        title=t(locale, "privacy.forget.confirm_title"),
        text=MarkdownTextObject(text=t(locale, "privacy.forget.confirm_text")),
        confirm=t(locale, "privacy.forget.confirm_yes"),
        deny=t(locale, "privacy.forget.confirm_no"),
        style="danger",
    )
    return Message(
        text=text,
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=text)),
            SectionBlock(text=MarkdownTextObject(text=t(locale, "privacy.forget.kept"))),
            ActionsBlock(
                block_id=BlockId.FORGET_ME,
                elements=[
                    ButtonElement(
                        text=t(locale, "privacy.forget.button"),
                        action_id=ActionId.FORGET_ME_CONFIRM,
                        value=FORGET_VALUE,
                        style="danger",
                        confirm=confirm,
                    ),
                    ButtonElement(
                        text=t(locale, "privacy.forget.cancel"),
                        action_id=ActionId.FORGET_ME_CANCEL,
                        value=FORGET_VALUE,
                    ),
                ],
            ),
        ],
    )


def forget_done(locale: Locale) -> Message:
    return notice(t(locale, "privacy.forget.done"))


def forget_cancelled(locale: Locale) -> Message:
    return notice(t(locale, "privacy.forget.cancelled"))
