"""The one reminder of a weekly pulse, posted as a reply in the pulse's own DM thread."""

from __future__ import annotations

from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from bot.messages import Message
from bot.messages.survey import survey_minutes
from coaching.i18n import t
from coaching.locale import Locale
from survey_flows.views import RunView


def pulse_reminder(locale: Locale, run: RunView) -> Message:
    text = t(
        locale, "reminder.pulse", answered=run.answered, total=run.total, minutes=survey_minutes(run.total)
    )
    return Message(text=text, blocks=[SectionBlock(text=MarkdownTextObject(text=text))])
