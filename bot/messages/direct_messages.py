"""The bot's answers to a top-level DM: the short help, and a name asked back with buttons."""

from __future__ import annotations

from collections.abc import Mapping

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, MarkdownTextObject, SectionBlock

from bot.ids import ActionId, BlockId, PickRef
from bot.messages import Message
from coaching.i18n import t
from coaching.locale import Locale
from coaching.markup import person
from survey_flows.wording import help_text

BUTTON_TEXT_MAX = 75


def dm_help(locale: Locale, *, manager: bool, understood: bool) -> Message:
    """What the bot is and what the writer can do (a manager's commands only for a manager)."""
    intro = t(locale, "dm.hello" if understood else "dm.not_understood")
    commands = help_text(locale, manager=manager)
    return Message(
        text=f"{intro}\n\n{commands}",
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=intro)),
            SectionBlock(text=MarkdownTextObject(text=commands)),
        ],
    )


def ask_back(locale: Locale, names: Mapping[str, str], text: str, *, several: bool) -> Message:
    """Which of the manager's own sellers the DM is about: `names` (user id -> the name Slack shows, in
    the order offered) as buttons, each carrying the manager's text for the dialogue's observations."""
    question = t(locale, "dm.ask.which" if several else "dm.ask.who")
    buttons = [
        ButtonElement(
            text=_fit(name),
            action_id=f"{ActionId.DM_PICK_PREFIX}{index}",
            value=PickRef(user_id, text).encode(),
        )
        for index, (user_id, name) in enumerate(names.items())
    ]
    return Message(
        text=question,
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=question)),
            ActionsBlock(block_id=BlockId.DM_PICK, elements=buttons),
        ],
    )


def picked(locale: Locale, user_id: str) -> Message:
    """The asked-back message once a seller is chosen: its buttons are gone."""
    text = t(locale, "dm.ask.chosen", person=person(user_id))
    return Message(text=text, blocks=[SectionBlock(text=MarkdownTextObject(text=text))])


def _fit(name: str) -> str:
    return name if len(name) <= BUTTON_TEXT_MAX else name[: BUTTON_TEXT_MAX - 1] + "…"
