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
from bot.messages.survey import result_blocks
from coaching.i18n import t
from coaching.locale import Locale
from survey_flows.periods import spoken_period
from survey_flows.views import ResultView, RunView
from survey_flows.wording import help_text, kind_name, survey_minutes


def home_view(
    locale: Locale,
    open_run: RunView | None,
    last: ResultView | None,
    coaching: Sequence[Block] = (),
    notice: str | None = None,
    teams: Sequence[Block] = (),
) -> View:
    """By role: what everyone does (their runs, their last result), then for a manager `teams` (their teams
    at a glance and the leader's mirror, bot.messages.home_teams.manager_section) and `coaching` (their
    coaching requests, bot.messages.advice_home.home_section). `notice`: mrkdwn for the user right under
    the title (where their open question waits, that a button led nowhere, or when the next run opens)."""
    blocks: list = [HeaderBlock(text=t(locale, "home.title"))]
    if notice:
        blocks.append(SectionBlock(block_id=BlockId.HOME_NOTICE, text=MarkdownTextObject(text=notice)))
    blocks += [
        SectionBlock(text=MarkdownTextObject(text=t(locale, "home.welcome"))),
        DividerBlock(),
    ]
    if open_run is not None:
        text = _open_run_text(locale, open_run)
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
    blocks.extend(teams)
    blocks.extend(coaching)
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t(locale, "home.help_hint"))]))
    return View(type="home", blocks=blocks)


def _open_run_text(locale: Locale, run: RunView) -> str:
    kind = kind_name(locale, run.kind)
    if run.answered == 0:  # not "0 of 40 answered"
        return t(
            locale, "home.open_run_unstarted", kind=kind, total=run.total, minutes=survey_minutes(run.total)
        )
    return t(locale, "home.open_run", kind=kind, answered=run.answered, total=run.total)


def help_message(locale: Locale, unknown: str | None = None, *, manager: bool = False) -> Message:
    text = help_text(locale, manager=manager)
    if unknown:
        text = t(locale, "help.unknown", word=escape(unknown, 40)) + "\n\n" + text
    return Message(
        text=text,
        blocks=[
            HeaderBlock(text=t(locale, "help.title")),
            SectionBlock(text=MarkdownTextObject(text=text)),
        ],
    )
