"""Messages of the survey and pulse conversation: intro, questions, result, short notices."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.ids import ActionId, AnswerRef, BlockId
from bot.messages import Message
from bot.messages.notices import enrolment_lines, leave_line
from bot.messages.self_view import self_result_blocks
from coaching.i18n import t
from coaching.locale import Locale
from survey_flows.first_contact import Enrolment
from survey_flows.periods import MONTH_KEYS, spoken_date
from survey_flows.team_glance import next_period_start
from survey_flows.views import Kind, QuestionView, ResultView, RunView
from survey_flows.wording import (
    CHOICES,
    choice_label,
    progress,
    result_text,
    survey_minutes,
)


def _privacy(locale: Locale, kind: Kind) -> str:
    """A seller's answers stay private; a manager's self-view is theirs alone, set against anonymous means."""
    return t(locale, "intro.self.privacy" if kind is Kind.SELF else "intro.privacy")


def intro(
    locale: Locale, run: RunView, enrolment: Enrolment | None = None, first: QuestionView | None = None
) -> Message:
    """The thread's parent. `enrolment`: this pulse is the first thing the bot sends the seller, so it
    also says who put them into which team, what the bot is, who sees what and how to leave (as the
    team's welcome does). `first`: the question the intro carries below its text (one message instead
    of two); the rest come in the thread. Answering it edits the whole intro, so the same `enrolment`
    must come with it then."""
    minutes = survey_minutes(run.total)
    title = t(locale, f"intro.{run.kind}.title")
    body = t(locale, f"intro.{run.kind}.body", total=run.total, minutes=minutes)
    blocks: list = [HeaderBlock(text=title), SectionBlock(text=MarkdownTextObject(text=body))]
    if enrolment is not None:
        lines = "\n".join(enrolment_lines(locale, enrolment))
        blocks.append(SectionBlock(text=MarkdownTextObject(text=lines)))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_privacy(locale, run.kind))]))
    if enrolment is not None:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=leave_line(locale, enrolment))]))
    hint = "intro.thread_hint" if first is None else "intro.first_below"
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t(locale, hint))]))
    if first is not None:
        blocks += question(locale, first).blocks
    return Message(text=title, blocks=blocks)


def intro_done(locale: Locale, run: RunView, first: QuestionView | None = None) -> Message:
    """The parent message once the run is finished: the buttons are gone, the result is in the thread.
    `first`: the question the intro carried, as answered: it stays, with the answer, as the thread's
    other questions do."""
    title = t(locale, f"intro.{run.kind}.title")
    blocks: list = [
        HeaderBlock(text=title),
        SectionBlock(text=MarkdownTextObject(text=t(locale, "intro.done"))),
        ContextBlock(elements=[MarkdownTextObject(text=_privacy(locale, run.kind))]),
    ]
    if first is not None and first.chosen is not None:
        blocks += [_question_section(locale, first), _chosen_note(locale, first.chosen)]
    return Message(text=title, blocks=blocks)


def question(locale: Locale, q: QuestionView) -> Message:
    """The question with its buttons (the chosen one marked). Built and validated once per wording, place
    and choice, then only the run's id is put into the buttons' values: it is sent twice per answer."""
    text, blocks = _question_layout(locale, q.position, q.total, q.item_id, q.text, q.chosen)
    values = {_value(_LAYOUT_RUN, q.item_id, v): _value(q.run_id, q.item_id, v) for v in CHOICES}
    return Message(text=text, blocks=[_with_values(block, values) for block in blocks])


def _value(run_id: int, item_id: str, choice: int) -> str:
    return AnswerRef(run_id, item_id, choice).encode()


_LAYOUT_RUN = 0
"""The run id the cached layout is built with; `question` puts the real one in."""


@lru_cache(maxsize=4096)
def _question_layout(
    locale: Locale, position: int, total: int, item_id: str, text: str, chosen: int | None
) -> tuple[str, tuple[dict[str, Any], ...]]:
    q = QuestionView(_LAYOUT_RUN, position, total, item_id, text, chosen, None)
    shown = progress(locale, q)
    buttons = [
        ButtonElement(
            text=choice_label(locale, value),
            action_id=f"{ActionId.ANSWER_PREFIX}{value}",
            value=_value(q.run_id, q.item_id, value),
            style="primary" if q.chosen == value else None,
        )
        for value in CHOICES
    ]
    blocks = [_question_section(locale, q), ActionsBlock(block_id=BlockId.ANSWER_BUTTONS, elements=buttons)]
    if q.chosen is not None:
        blocks.append(_chosen_note(locale, q.chosen))
    return f"{shown} {q.text}", tuple(block.to_dict() for block in blocks)


def _question_section(locale: Locale, q: QuestionView) -> SectionBlock:
    text = f"**{progress(locale, q)}**  {q.text}"
    return SectionBlock(block_id=BlockId.QUESTION, text=MarkdownTextObject(text=text))


def _chosen_note(locale: Locale, chosen: int) -> ContextBlock:
    text = t(locale, "question.chosen", choice=choice_label(locale, chosen))
    return ContextBlock(elements=[MarkdownTextObject(text=text)])


def _with_values(block: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """A cached layout's block for one run: the answer buttons copied with the run's values; the other
    blocks (and the buttons' texts) are shared, never changed (the renderer on the wire copies them)."""
    if block.get("block_id") != BlockId.ANSWER_BUTTONS:
        return block
    elements = [
        {**button, "value": values.get(button.get("value"), button.get("value"))}
        for button in block["elements"]
    ]
    return {**block, "elements": elements}


def result_blocks(locale: Locale, result: ResultView, *, header: bool = True) -> list:
    if result.kind is Kind.SELF:
        return self_result_blocks(locale, result, header=header)
    words = result_text(locale, result)
    blocks: list = []
    if header:
        blocks.append(HeaderBlock(text=words.title))
    blocks.append(SectionBlock(text=MarkdownTextObject(text="\n".join(words.axes))))
    blocks.append(SectionBlock(text=MarkdownTextObject(text=words.zone)))
    if words.behaviour is not None:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=words.behaviour)]))
    if words.traits is not None:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=words.traits)))
    if words.lever is not None:
        blocks.append(DividerBlock())
        blocks.append(SectionBlock(text=MarkdownTextObject(text=words.lever)))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=words.private)]))
    return blocks


def result(locale: Locale, result: ResultView) -> Message:
    return Message(text=t(locale, f"result.{result.kind}.title"), blocks=result_blocks(locale, result))


def already_done(locale: Locale, res: ResultView) -> Message:
    """The period's result again, and when the next one opens."""
    note = t(locale, f"run.already_done.{res.kind}")
    return Message(
        text=note,
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=note)),
            *result_blocks(locale, res),
            ContextBlock(elements=[MarkdownTextObject(text=next_opens(locale, res))]),
        ],
    )


def next_opens(locale: Locale, res: ResultView) -> str:
    """ "Neste puls åpner mandag 7.12.2026.": the first day of the period after the result's."""
    return t(locale, f"run.next_opens.{res.kind}", day=day_text(locale, next_period_start(res.period)))


def day_text(locale: Locale, day: date) -> str:
    """A date as people say it ("mandag 7. desember"); a Saturday or Sunday without its weekday name."""
    if day.weekday() < 5:
        return spoken_date(locale, day)
    month = t(locale, MONTH_KEYS[day.month - 1])
    return t(locale, "period.date", weekday="", day=day.day, month=month).strip()


def notice(text: str) -> Message:
    """A one-line message (hints, ephemeral explanations)."""
    return Message(text=text, blocks=[SectionBlock(text=MarkdownTextObject(text=text))])
