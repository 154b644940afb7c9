"""The one reminder of a weekly pulse, posted as a reply in the pulse's own DM thread."""

from __future__ import annotations

from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from bot.messages import Message
from coaching.i18n import t
from coaching.locale import Locale
from survey_flows.views import RunView
from survey_flows.wording import survey_minutes


def pulse_reminder(locale: Locale, run: RunView) -> Message:
    minutes = survey_minutes(run.total)
    if run.answered == 0:  # "0 of 7 answered" reads like a reproach
        text = t(locale, "reminder.pulse_unstarted", total=run.total, minutes=minutes)
    else:
        text = t(locale, "reminder.pulse", answered=run.answered, total=run.total, minutes=minutes)
    return Message(text=text, blocks=[SectionBlock(text=MarkdownTextObject(text=text))])
