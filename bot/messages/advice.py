"""Messages of the coaching dialogue: the parent in the manager's DM, one question per message, the advice.

The advice texts come from coaching.advice (advice_texts.py); the frame around them from the catalogs. The
person is always shown as a Slack mention built from a user id we checked, never from typed text.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Final

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.ids import ActionId, BlockId, CoachRef
from bot.messages import Message, escape
from coaching.advice import Advice
from coaching.i18n import t
from coaching.locale import Locale
from coaching.markup import person
from survey_flows.advice_views import (
    CONFIRM,
    FOLLOW_UP_WEEKS,
    AdviceView,
    QuestionView,
)
from survey_flows.team_settings import NAME_MAX
from survey_flows.wording import (
    FOLLOW_UP_KEYS,
    advice_choice_label,
    advice_chosen,
    advice_details,
    advice_lead,
    advice_question_text,
    diagnosis_parts,
)
from survey_flows.wording import (
    follow_up_scheduled as follow_up_text,
)

_USER_ID: Final = re.compile(r"[UW][A-Z0-9]{1,30}")


def mention(user_id: str) -> str:
    """The person token for a Slack user id; anything else is shown escaped, never as markup."""
    return person(user_id) if _USER_ID.fullmatch(user_id) else escape(user_id, 40)


def _section(text: str, block_id: str | None = None) -> SectionBlock:
    return SectionBlock(block_id=block_id, text=MarkdownTextObject(text=text))


def _context(*texts: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text) for text in texts])


# -- the dialogue -------------------------------------------------------------------------------------


def parent(locale: Locale, subject_user_id: str, team_name: str | None = None) -> Message:
    """The dialogue's first message: about whom, as a seller of which of the manager's teams."""
    person = mention(subject_user_id)
    title = t(locale, "coach.parent.title", person=person)
    lines = [title]
    if team_name:
        lines.append(t(locale, "coach.parent.team", team=escape(team_name, NAME_MAX)))
    lines.append(t(locale, "coach.parent.body", person=person))
    return Message(
        text=title,
        blocks=[_section("\n".join(lines)), _context(t(locale, "coach.parent.privacy"))],
    )


def parent_done(locale: Locale, subject_user_id: str, advice: Advice) -> Message:
    """The parent once the advice is given: the balance at a glance, the rest in the thread."""
    text = t(
        locale,
        "coach.parent.done",
        person=mention(subject_user_id),
        balance=advice.balance(locale),
        style=advice.style_label(locale),
    )
    return Message(text=text, blocks=[_section(text), _context(t(locale, "coach.parent.privacy"))])


def parent_deleted(locale: Locale, subject_user_id: str) -> Message:
    text = t(locale, "coach.parent.deleted", person=mention(subject_user_id))
    return Message(text=text, blocks=[_section(text)])


def question(locale: Locale, q: QuestionView) -> Message:
    """One question with a button per choice (the chosen one highlighted once tapped)."""
    text = advice_question_text(locale, q, mention(q.subject_user_id))
    blocks: list[Block] = [_section(text, BlockId.COACH_QUESTION)]
    if not (q.field == CONFIRM and q.chosen is not None):  # a confirmation is taken once
        buttons = [
            ButtonElement(
                text=advice_choice_label(locale, q.field, choice),
                action_id=f"{ActionId.COACH_ANSWER_PREFIX}{index}",
                value=CoachRef(q.request_id, q.field, choice).encode(),
                style="primary" if q.chosen == choice else None,
            )
            for index, choice in enumerate(q.choices)
        ]
        blocks.append(ActionsBlock(block_id=BlockId.COACH_BUTTONS, elements=buttons))
    chosen = advice_chosen(locale, q)
    if chosen is not None:
        blocks.append(_context(chosen))
    return Message(text=text, blocks=blocks)


# -- the advice ---------------------------------------------------------------------------------------


def _diagnosis(reasoning: str) -> str:
    """The reasoning with its first sentence, the diagnosis, in bold."""
    head, tail = diagnosis_parts(reasoning)
    return f"**{head}** {tail}" if tail else f"**{head}**"


def _lead_blocks(locale: Locale, view: AdviceView) -> list[Block]:
    """What fits a phone: whom it is about, the balance and what to do now."""
    lead = advice_lead(locale, view, mention(view.request.subject_user_id))
    actions = "\n".join(f"• {action}" for action in lead.actions)
    return [_section(f"{lead.title}\n{lead.balance}"), _section(f"{lead.actions_title}\n{actions}")]


def _detail_blocks(locale: Locale, view: AdviceView) -> list[Block]:
    """Behind "more": how to say it, why, what to watch for, where the advice comes from, the team's zone
    and what the advice rests on."""
    details = advice_details(locale, view, mention(view.request.subject_user_id))
    blocks: list[Block] = [_section(details.style), _section(_diagnosis(details.reasoning))]
    if details.warnings:
        blocks.append(_section("\n".join(f":warning: {warning}" for warning in details.warnings)))
    blocks.append(_context(*details.sources))
    if details.team is not None:
        lever, note = details.team
        blocks += [_section(lever), _context(note)]
    blocks.append(_context(details.basis))
    return blocks


def _more_button(locale: Locale, view: AdviceView) -> ActionsBlock:
    key = "coach.more.warnings" if view.advice.warnings(locale) else "coach.more"
    button = ButtonElement(
        text=t(locale, key), action_id=ActionId.COACH_MORE, value=str(view.request.request_id)
    )
    return ActionsBlock(block_id=BlockId.COACH_MORE, elements=[button])


def advice_blocks(locale: Locale, view: AdviceView, *, full: bool = False) -> list[Block]:
    """The advice leads with what to do; the rest comes with the "more" button (`full`: after the tap)."""
    blocks = _lead_blocks(locale, view)
    if full:
        blocks += [DividerBlock(), *_detail_blocks(locale, view)]
    else:
        blocks.append(_more_button(locale, view))
    blocks += [
        DividerBlock(),
        _section(t(locale, "coach.answer.follow_up")),
        ActionsBlock(
            block_id=BlockId.COACH_FOLLOW_UP,
            elements=[
                *(
                    ButtonElement(
                        text=t(locale, FOLLOW_UP_KEYS[weeks]),
                        action_id=f"{ActionId.COACH_FOLLOW_UP_PREFIX}{weeks}",
                        value=str(view.request.request_id),
                    )
                    for weeks in FOLLOW_UP_WEEKS
                ),
                ButtonElement(
                    text=t(locale, "coach.another"),
                    action_id=ActionId.COACH_ANOTHER,
                    value=str(view.request.request_id),
                ),
            ],
        ),
    ]
    return blocks


def advice_message(locale: Locale, view: AdviceView, *, full: bool = False) -> Message:
    person = mention(view.request.subject_user_id)
    text = f"{t(locale, 'coach.answer.title', person=person)} {view.advice.balance(locale)}"
    return Message(text=text, blocks=advice_blocks(locale, view, full=full))


def follow_up_scheduled(locale: Locale, subject_user_id: str, due_at: datetime, tz: str | None) -> Message:
    text = follow_up_text(locale, mention(subject_user_id), due_at, tz)
    return Message(text=text, blocks=[_section(text)])
