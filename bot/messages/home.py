"""The App Home tab and the help text."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.ids import ActionId, BlockId
from bot.messages import Message, escape
from bot.messages.periods import spoken_period
from bot.messages.survey import kind_name, result_blocks, survey_minutes
from coaching.i18n import t
from coaching.instrument import ITEMS
from coaching.locale import Locale
from coaching.pulse import PULSE_SIZE
from survey_flows.views import ResultView, RunView


def home_view(
    locale: Locale,
    open_run: RunView | None,
    last: ResultView | None,
    coaching: Sequence[Block] = (),
    notice: str | None = None,
) -> View:
    """`coaching`: the manager's coaching section (bot.messages.coaching_home.home_section), if any.
    `notice`: mrkdwn for the user right under the title (where their open question waits, or that a
    button led nowhere)."""
    blocks: list = [HeaderBlock(text=t(locale, "home.title"))]
    if notice:
        blocks.append(SectionBlock(block_id=BlockId.HOME_NOTICE, text=MarkdownTextObject(text=notice)))
    blocks += [
        SectionBlock(text=MarkdownTextObject(text=t(locale, "home.welcome"))),
        DividerBlock(),
    ]
    if open_run is not None:
        text = t(
            locale,
            "home.open_run",
            kind=kind_name(locale, open_run.kind),
            answered=open_run.answered,
            total=open_run.total,
        )
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=text),
                accessory=ButtonElement(
                    text=t(locale, "home.continue"),
                    action_id=ActionId.CONTINUE_RUN,
                    value=str(open_run.run_id),
                    style="primary",
                ),
            )
        )
    else:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "home.no_open_run"))))
    blocks.append(
        ActionsBlock(
            block_id=BlockId.HOME_ACTIONS,
            elements=[
                ButtonElement(
                    text=t(locale, "home.start_survey"), action_id=ActionId.START_SURVEY, value="full"
                ),
                ButtonElement(
                    text=t(locale, "home.start_pulse"), action_id=ActionId.START_PULSE, value="pulse"
                ),
            ],
        )
    )
    blocks.append(DividerBlock())
    if last is not None:
        period = spoken_period(locale, last.period)  # "desember 2026", "uke 49"
        title = t(locale, "home.last_result", kind=kind_name(locale, last.kind), period=period)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=title)))
        blocks.extend(result_blocks(locale, last, header=False))
    else:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "home.no_result"))))
    blocks.extend(coaching)
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t(locale, "home.help_hint"))]))
    return View(type="home", blocks=blocks)


def help_message(locale: Locale, unknown: str | None = None) -> Message:
    parts = []
    if unknown:
        parts.append(t(locale, "help.unknown", word=escape(unknown, 40)))
    parts.append(
        t(locale, "help.body", items=len(ITEMS), minutes=survey_minutes(len(ITEMS)), pulse_items=PULSE_SIZE)
    )
    parts.append(t(locale, "help.coach"))
    parts.append(t(locale, "help.leave"))
    parts.append(t(locale, "help.privacy"))
    text = "\n\n".join(parts)
    return Message(
        text=text,
        blocks=[
            HeaderBlock(text=t(locale, "help.title")),
            SectionBlock(text=MarkdownTextObject(text=text)),
        ],
    )
