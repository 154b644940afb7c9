"""Messages of the coaching dialogue: the parent in the manager's DM, one question per message, the advice.

The advice texts come from coaching.advice (advice_texts.py); the frame around them from the catalogs. The
person is always shown as a Slack mention built from a user id we checked, never from typed text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
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
from bot.messages.setup import weekday_name
from coaching.advice import Advice, Focus
from coaching.i18n import t
from coaching.locale import Locale
from coaching.markup import person
from survey_flows import calendar
from survey_flows.advice_views import (
    CONFIRM,
    DONT_KNOW,
    FIELDS,
    FOLLOW_UP_WEEKS,
    AdviceView,
    QuestionView,
    to_choice,
)
from survey_flows.team_settings import NAME_MAX

_USER_ID: Final = re.compile(r"[UW][A-Z0-9]{1,30}")

QUESTION_KEYS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "experience": "coach.question.experience",
        "competence": "coach.question.competence",
        "will": "coach.question.will",
        "structure": "coach.question.structure",
        "confidence": "coach.question.confidence",
        "comfort_zone": "coach.question.comfort_zone",
        "relation_when": "coach.question.relation_when",
        "system_when": "coach.question.system_when",
    }
)
FIELD_KEYS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "experience": "coach.field.experience",
        "competence": "coach.field.competence",
        "will": "coach.field.will",
        "structure": "coach.field.structure",
        "confidence": "coach.field.confidence",
        "comfort_zone": "coach.field.comfort_zone",
        "relation_when": "coach.field.relation_when",
        "system_when": "coach.field.system_when",
    }
)
CHOICE_KEYS: Final[Mapping[tuple[str, str], str]] = MappingProxyType(
    {
        ("experience", "new"): "coach.choice.experience.new",
        ("experience", "experienced"): "coach.choice.experience.experienced",
        ("competence", "high"): "coach.choice.competence.high",
        ("competence", "low"): "coach.choice.competence.low",
        ("will", "high"): "coach.choice.will.high",
        ("will", "low"): "coach.choice.will.low",
        ("structure", "ok"): "coach.choice.structure.ok",
        ("structure", "failing"): "coach.choice.structure.failing",
        ("confidence", "high"): "coach.choice.confidence.high",
        ("confidence", "low"): "coach.choice.confidence.low",
        ("comfort_zone", "yes"): "coach.choice.comfort_zone.yes",
        ("comfort_zone", "no"): "coach.choice.comfort_zone.no",
        ("relation_when", "below_level"): "coach.choice.relation_when.below_level",
        ("relation_when", "team_strain"): "coach.choice.relation_when.team_strain",
        ("relation_when", "trust_lost"): "coach.choice.relation_when.trust_lost",
        ("relation_when", "change_unrest"): "coach.choice.relation_when.change_unrest",
        ("relation_when", "none"): "coach.choice.none",
        ("system_when", "below_expectations"): "coach.choice.system_when.below_expectations",
        ("system_when", "expectations_unclear"): "coach.choice.system_when.expectations_unclear",
        ("system_when", "follow_up_missing"): "coach.choice.system_when.follow_up_missing",
        ("system_when", "numbers_disagree"): "coach.choice.system_when.numbers_disagree",
        ("system_when", "none"): "coach.choice.none",
        (CONFIRM, "yes"): "coach.confirm.yes",
        (CONFIRM, "change"): "coach.confirm.change",
    }
)
FOLLOW_UP_KEYS: Final[Mapping[int, str]] = MappingProxyType(
    {1: "coach.follow_up.1", 2: "coach.follow_up.2", 4: "coach.follow_up.4"}
)


def mention(user_id: str) -> str:
    """The person token for a Slack user id; anything else is shown escaped, never as markup."""
    return person(user_id) if _USER_ID.fullmatch(user_id) else escape(user_id, 40)


def _section(text: str, block_id: str | None = None) -> SectionBlock:
    return SectionBlock(block_id=block_id, text=MarkdownTextObject(text=text))


def _context(*texts: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text) for text in texts])


def choice_label(locale: Locale, field: str, choice: str) -> str:
    if choice == DONT_KNOW:
        return t(locale, "scale.dont_know")
    return t(locale, CHOICE_KEYS[(field, choice)])


def when(locale: Locale, moment: datetime, tz: str | None) -> str:
    """A reminder's time in the manager's zone: "mandag 7.12.2026 kl. 09.00"."""
    local = moment.astimezone(calendar.zone(tz))
    pad = locale == "en"  # 2026-12-07 in English, 7.12.2026 and 7/12 2026 in nb and sv
    text = t(
        locale,
        "coach.when",
        weekday=weekday_name(locale, local.weekday()) if local.weekday() < 5 else "",
        day=f"{local.day:02d}" if pad else local.day,
        month=f"{local.month:02d}" if pad else local.month,
        year=local.year,
        hour=f"{local.hour:02d}",
        minute=f"{local.minute:02d}",
    )
    return text.strip(" ,")


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
    person = mention(q.subject_user_id)
    if q.field == CONFIRM:
        lines = [
            f"• {t(locale, FIELD_KEYS[name])}: {choice_label(locale, name, to_choice(name, q.prefilled[name]))}"
            for name in FIELDS
            if name in q.prefilled
        ]
        text = t(locale, "coach.confirm.question", person=person, observations="\n".join(lines))
    else:
        text = t(locale, QUESTION_KEYS[q.field], person=person)
    blocks: list[Block] = [_section(text, BlockId.COACH_QUESTION)]
    if not (q.field == CONFIRM and q.chosen is not None):  # a confirmation is taken once
        buttons = [
            ButtonElement(
                text=choice_label(locale, q.field, choice),
                action_id=f"{ActionId.COACH_ANSWER_PREFIX}{index}",
                value=CoachRef(q.request_id, q.field, choice).encode(),
                style="primary" if q.chosen == choice else None,
            )
            for index, choice in enumerate(q.choices)
        ]
        blocks.append(ActionsBlock(block_id=BlockId.COACH_BUTTONS, elements=buttons))
    if q.chosen is not None:
        key = "coach.confirm.chosen" if q.field == CONFIRM else "coach.chosen"
        blocks.append(_context(t(locale, key, choice=choice_label(locale, q.field, q.chosen))))
    return Message(text=text, blocks=blocks)


# -- the advice ---------------------------------------------------------------------------------------


def _diagnosis(reasoning: str) -> str:
    """The reasoning with its first sentence, the diagnosis, in bold."""
    head, sep, tail = reasoning.partition(". ")
    return f"**{head}.** {tail}" if sep else f"**{reasoning}**"


def _lead_blocks(locale: Locale, view: AdviceView) -> list[Block]:
    """What fits a phone: whom it is about, the balance and what to do now."""
    advice, person = view.advice, mention(view.request.subject_user_id)
    if advice.focus is Focus.BALANCED:
        balance = t(locale, "coach.answer.balance_even", balance=advice.balance(locale))
    else:
        balance = t(
            locale, "coach.answer.balance", balance=advice.balance(locale), focus=advice.focus_label(locale)
        )
    actions = "\n".join(f"• {action}" for action in advice.actions(locale))
    return [
        _section(f"{t(locale, 'coach.answer.title', person=person)}\n{balance}"),
        _section(f"{t(locale, 'coach.answer.actions')}\n{actions}"),
    ]


def _detail_blocks(locale: Locale, view: AdviceView) -> list[Block]:
    """Behind "more": how to say it, why, what to watch for, where the advice comes from, the team's zone
    and what the advice rests on."""
    advice, person = view.advice, mention(view.request.subject_user_id)
    style = t(locale, "coach.answer.style", style=advice.style_label(locale), example=advice.example(locale))
    blocks: list[Block] = [_section(style), _section(_diagnosis(advice.reasoning(locale)))]
    warnings = advice.warnings(locale)
    if warnings:
        blocks.append(_section("\n".join(f":warning: {warning}" for warning in warnings)))
    blocks.append(_context(advice.standard_reminder(locale), advice.provenance(locale)))
    lever = advice.team_lever(locale)
    if lever is not None and view.team_period is not None:
        week = view.team_period.split("-W")[-1].lstrip("0")
        blocks += [
            _section(t(locale, "coach.answer.team", lever=lever)),
            _context(t(locale, "coach.answer.team_note", week=week)),
        ]
    blocks.append(_context(t(locale, "coach.answer.basis", person=person)))
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
    text = t(
        locale, "coach.follow_up.scheduled", person=mention(subject_user_id), when=when(locale, due_at, tz)
    )
    return Message(text=text, blocks=[_section(text)])
