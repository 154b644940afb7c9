"""The team setup modal, reading its submission back, and the replies around it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from slack_sdk.models.blocks import (
    CheckboxesElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
    TimePickerElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.ids import ActionId, BlockId, CallbackId
from bot.messages import Message, escape
from coaching.i18n import t
from coaching.locale import LOCALES, Locale
from coaching.markup import channel, person
from coaching.numbers import number
from survey_flows.first_week import FirstWeek
from survey_flows.periods import spoken_moment, weekday_name
from survey_flows.team_settings import (
    CUTOFF_RANGE,
    MIN_RESPONDENTS_CEILING,
    MIN_RESPONDENTS_FLOOR,
    NAME_MAX,
    WORKDAYS,
    TeamSettings,
    parse_dates,
)
from survey_flows.teams import SaveOutcome
from survey_flows.views import TeamView

LANGUAGE_KEYS: Mapping[str, str] = {
    "nb": "setup.language.nb",
    "sv": "setup.language.sv",
    "en": "setup.language.en",
}
"""A language's name in running text, in the reader's language."""
ENDONYMS: Mapping[str, str] = {"nb": "Norsk (bokmål)", "sv": "Svenska", "en": "English"}
"""A language's name in the picker: in that language, so everyone finds their own."""

FIELD_BLOCKS: Mapping[str, BlockId] = {
    "name": BlockId.SETUP_NAME,
    "manager_ids": BlockId.SETUP_MANAGERS,
    "member_ids": BlockId.SETUP_MEMBERS,
    "pulse_weekday": BlockId.SETUP_PULSE_DAY,
    "pulse_minute": BlockId.SETUP_PULSE_TIME,
    "summary_weekday": BlockId.SETUP_SUMMARY_DAY,
    "summary_minute": BlockId.SETUP_SUMMARY_TIME,
    "locale": BlockId.SETUP_LOCALE,
    "min_respondents": BlockId.SETUP_MIN_RESPONDENTS,
    "cutoff": BlockId.SETUP_CUTOFF,
    "no_send_dates": BlockId.SETUP_NO_SEND_DATES,
}
"""Which block shows the error of which `TeamSettings` field."""


# -- formatting ------------------------------------------------------------------------------------------


def clock_time(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def parse_clock_time(text: str | None) -> int:
    """Minutes after midnight for "HH:MM"; -1 when missing or malformed (the validation names it)."""
    hours, _, minutes = (text or "").partition(":")
    if not all(part.isascii() and part.isdigit() and len(part) <= 2 for part in (hours, minutes)):
        return -1
    return int(hours) * 60 + int(minutes)


def mentions(user_ids: Sequence[str]) -> str:
    return ", ".join(person(user_id) for user_id in user_ids)


# -- the modal -------------------------------------------------------------------------------------------


def _day_select(locale: Locale, action_id: ActionId, selected: int) -> StaticSelectElement:
    options = [Option(value=str(day), label=weekday_name(locale, day).capitalize()) for day in WORKDAYS]
    initial = options[selected] if selected in WORKDAYS else options[0]
    return StaticSelectElement(action_id=action_id, options=options, initial_option=initial)


def _language_select(selected: str) -> StaticSelectElement:
    options = [Option(value=code, label=ENDONYMS[code]) for code in LOCALES]
    initial = next((o for o in options if o.value == selected), options[0])
    return StaticSelectElement(action_id=ActionId.SETUP_LOCALE, options=options, initial_option=initial)


def setup_modal(
    locale: Locale, channel_id: str, settings: TeamSettings, tz: str | None, *, editing: bool
) -> View:
    """The form, pre-filled with `settings`; the channel travels in private_metadata."""
    low, high = CUTOFF_RANGE
    intro = t(locale, "setup.intro.edit" if editing else "setup.intro.new", channel=channel(channel_id))
    blocks: list = [
        SectionBlock(block_id=BlockId.SETUP_INTRO, text=MarkdownTextObject(text=intro)),
        InputBlock(
            block_id=BlockId.SETUP_NAME,
            label=t(locale, "setup.name.label"),
            element=PlainTextInputElement(
                action_id=ActionId.SETUP_NAME,
                initial_value=settings.name or None,
                placeholder=t(locale, "setup.name.placeholder"),
                max_length=NAME_MAX,
            ),
        ),
        InputBlock(
            block_id=BlockId.SETUP_MANAGERS,
            label=t(locale, "setup.managers.label"),
            hint=t(locale, "setup.managers.hint"),
            element=UserMultiSelectElement(
                action_id=ActionId.SETUP_MANAGERS, initial_users=list(settings.manager_ids) or None
            ),
        ),
        InputBlock(
            block_id=BlockId.SETUP_MEMBERS,
            label=t(locale, "setup.members.label"),
            hint=t(locale, "setup.members.hint"),
            element=UserMultiSelectElement(
                action_id=ActionId.SETUP_MEMBERS, initial_users=list(settings.member_ids) or None
            ),
        ),
        InputBlock(
            block_id=BlockId.SETUP_PULSE_DAY,
            label=t(locale, "setup.pulse_day.label"),
            element=_day_select(locale, ActionId.SETUP_PULSE_DAY, settings.pulse_weekday),
        ),
        InputBlock(
            block_id=BlockId.SETUP_PULSE_TIME,
            label=t(locale, "setup.pulse_time.label"),
            hint=t(locale, "setup.pulse_time.hint"),
            element=TimePickerElement(
                action_id=ActionId.SETUP_PULSE_TIME, initial_time=clock_time(settings.pulse_minute)
            ),
        ),
        InputBlock(
            block_id=BlockId.SETUP_SUMMARY_DAY,
            label=t(locale, "setup.summary_day.label"),
            element=_day_select(locale, ActionId.SETUP_SUMMARY_DAY, settings.summary_weekday),
        ),
        InputBlock(
            block_id=BlockId.SETUP_SUMMARY_TIME,
            label=t(locale, "setup.summary_time.label"),
            hint=t(locale, "setup.summary_time.hint", tz=tz or "UTC"),
            element=TimePickerElement(
                action_id=ActionId.SETUP_SUMMARY_TIME, initial_time=clock_time(settings.summary_minute)
            ),
        ),
        InputBlock(
            block_id=BlockId.SETUP_LOCALE,
            label=t(locale, "setup.locale.label"),
            element=_language_select(settings.locale),
        ),
        InputBlock(
            block_id=BlockId.SETUP_MIN_RESPONDENTS,
            label=t(locale, "setup.min_respondents.label"),
            hint=t(locale, "setup.min_respondents.hint"),
            element=NumberInputElement(
                action_id=ActionId.SETUP_MIN_RESPONDENTS,
                is_decimal_allowed=False,
                initial_value=str(settings.min_respondents),
                min_value=str(MIN_RESPONDENTS_FLOOR),
                max_value=str(MIN_RESPONDENTS_CEILING),
            ),
        ),
        InputBlock(
            block_id=BlockId.SETUP_CUTOFF,
            label=t(locale, "setup.cutoff.label"),
            hint=t(locale, "setup.cutoff.hint"),
            element=NumberInputElement(
                action_id=ActionId.SETUP_CUTOFF,
                is_decimal_allowed=True,
                initial_value=f"{settings.cutoff:g}",
                min_value=f"{low:g}",
                max_value=f"{high:g}",
            ),
        ),
        InputBlock(
            block_id=BlockId.SETUP_NO_SEND_DATES,
            label=t(locale, "setup.no_send_dates.label"),
            hint=t(locale, "setup.no_send_dates.hint"),
            optional=True,
            element=PlainTextInputElement(
                action_id=ActionId.SETUP_NO_SEND_DATES,
                initial_value=", ".join(settings.no_send_dates) or None,
            ),
        ),
        ContextBlock(elements=[MarkdownTextObject(text=t(locale, "setup.privacy"))]),
    ]
    if not editing:  # before the privacy line: the last thing read is who sees what
        blocks.insert(-1, _pulse_now_input(locale))
    return View(
        type="modal",
        callback_id=CallbackId.TEAM_SETUP,
        title=t(locale, "setup.title"),
        submit=t(locale, "setup.submit"),
        private_metadata=channel_id,
        blocks=blocks,
    )


PULSE_NOW = "now"


def _pulse_now_input(locale: Locale) -> InputBlock:
    """ "Send this week's pulse now", ticked: a team set up on a Tuesday gets its first summary that
    Friday instead of ten days later. Only for a new team (an edit never sends a pulse)."""
    option = Option(value=PULSE_NOW, label=t(locale, "setup.pulse_now.option"))
    return InputBlock(
        block_id=BlockId.SETUP_PULSE_NOW,
        label=t(locale, "setup.pulse_now.label"),
        hint=t(locale, "setup.pulse_now.hint"),
        optional=True,
        element=CheckboxesElement(
            action_id=ActionId.SETUP_PULSE_NOW, options=[option], initial_options=[option]
        ),
    )


# -- the submission --------------------------------------------------------------------------------------


def _number(text: str | None, kind: type[int] | type[float]) -> Any:
    try:
        return kind((text or "").strip().replace(",", "."))
    except ValueError:
        return kind(-1)


def read_submission(values: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> TeamSettings:
    """The settings in a submitted form (view.state.values); malformed input fails `validate()`."""

    def element(block: BlockId) -> Mapping[str, Any]:
        return next(iter(values.get(block, {}).values()), {})

    def day(block: BlockId) -> int:
        return _number((element(block).get("selected_option") or {}).get("value"), int)

    return TeamSettings(
        name=(element(BlockId.SETUP_NAME).get("value") or "").strip(),
        manager_ids=tuple(element(BlockId.SETUP_MANAGERS).get("selected_users") or ()),
        member_ids=tuple(element(BlockId.SETUP_MEMBERS).get("selected_users") or ()),
        pulse_weekday=day(BlockId.SETUP_PULSE_DAY),
        pulse_minute=parse_clock_time(element(BlockId.SETUP_PULSE_TIME).get("selected_time")),
        summary_weekday=day(BlockId.SETUP_SUMMARY_DAY),
        summary_minute=parse_clock_time(element(BlockId.SETUP_SUMMARY_TIME).get("selected_time")),
        locale=(element(BlockId.SETUP_LOCALE).get("selected_option") or {}).get("value") or "",
        min_respondents=_number(element(BlockId.SETUP_MIN_RESPONDENTS).get("value"), int),
        cutoff=_number(element(BlockId.SETUP_CUTOFF).get("value"), float),
        no_send_dates=parse_dates(element(BlockId.SETUP_NO_SEND_DATES).get("value")),
        send_pulse_now=any(
            option.get("value") == PULSE_NOW
            for option in element(BlockId.SETUP_PULSE_NOW).get("selected_options") or ()
        ),
    )


MAX_NAMED = 5
"""Sellers named in one error; more are counted ("+3")."""


def named_sellers(outcome: SaveOutcome) -> list[str]:
    """The refused sellers an error names (whose display names are worth a users.info each)."""
    return [c.user_id for c in outcome.conflicts[:MAX_NAMED]] + list(outcome.outsiders[:MAX_NAMED])


def _names(user_ids: Sequence[str], names: Mapping[str, str]) -> str:
    shown = [names.get(u, u) for u in user_ids[:MAX_NAMED]]
    extra = len(user_ids) - len(shown)
    return ", ".join(shown) + (f" (+{extra})" if extra else "")


def modal_errors(locale: Locale, outcome: SaveOutcome, names: Mapping[str, str]) -> dict[str, str]:
    """`response_action: errors` for a refused submission: block id -> the text shown under that input.
    Errors are plain text, so sellers are named by `names` (user id -> display name), not mentioned."""
    errors = {
        FIELD_BLOCKS[name]: t(locale, key) for name, key in outcome.errors.items() if name in FIELD_BLOCKS
    }
    sellers = [errors[BlockId.SETUP_MEMBERS]] if BlockId.SETUP_MEMBERS in errors else []
    sellers += [
        t(locale, "setup.error.seller_elsewhere", name=names.get(c.user_id, c.user_id), team=c.team_name)
        for c in outcome.conflicts[:MAX_NAMED]
    ]
    if outcome.outsiders:
        sellers.append(t(locale, "setup.error.outside_channel", names=_names(outcome.outsiders, names)))
    if sellers:
        errors[BlockId.SETUP_MEMBERS] = "\n".join(sellers)
    return errors


# -- replies ---------------------------------------------------------------------------------------------


def _notice(text: str) -> Message:
    return Message(text=text, blocks=[SectionBlock(text=MarkdownTextObject(text=text))])


def not_in_channel(locale: Locale) -> Message:
    return _notice(t(locale, "setup.not_in_channel"))


def invite_bot(locale: Locale) -> Message:
    return _notice(t(locale, "setup.invite_bot"))


def not_allowed(locale: Locale) -> Message:
    return _notice(t(locale, "setup.not_allowed"))


def refused(locale: Locale, team_name: str, managers: Sequence[str]) -> Message:
    return _notice(t(locale, "setup.refused", name=escape(team_name, NAME_MAX), managers=mentions(managers)))


def saved(
    locale: Locale,
    team: TeamView,
    managers: Sequence[str],
    sellers: Sequence[str],
    *,
    created: bool,
    left_out: Sequence[str] = (),
    first: FirstWeek | None = None,
) -> Message:
    """The confirmation for whoever saved the form: the team, who is in it, and when what is sent.
    `left_out`: chosen as sellers but never pulsed (apps, deactivated accounts); `first`: a new team's
    first pulse and first summary."""
    name = escape(team.name, NAME_MAX)
    key = "setup.saved.created" if created else "setup.saved.updated"
    lines = [
        t(locale, key, name=name, sellers=len(sellers), managers=len(managers)),
        t(
            locale,
            "setup.saved.pulse",
            day=weekday_name(locale, team.pulse_weekday),
            time=clock_time(team.pulse_minute),
        ),
        t(
            locale,
            "setup.saved.summary",
            day=weekday_name(locale, team.summary_weekday),
            time=clock_time(team.summary_minute),
            tz=team.tz,
            language=t(locale, LANGUAGE_KEYS[team.locale]),
        ),
        t(
            locale,
            "setup.saved.anonymity",
            min=team.min_respondents,
            cutoff=number(locale, team.cutoff, compact=True),
        ),
    ]
    if team.no_send_dates:
        lines.append(t(locale, "setup.saved.no_send_dates", dates=", ".join(team.no_send_dates)))
    if first is not None:
        lines.extend(_first_week_lines(locale, team, first))
    if left_out:
        lines.append(t(locale, "setup.saved.left_out", users=mentions(left_out)))
    if len(sellers) < team.min_respondents:
        lines.append(t(locale, "setup.saved.small_team", sellers=len(sellers), min=team.min_respondents))
    text = "\n".join(lines)
    return Message(text=lines[0], blocks=[SectionBlock(text=MarkdownTextObject(text=text))])


def _first_week_lines(locale: Locale, team: TeamView, first: FirstWeek) -> list[str]:
    lines = []
    if first.pulse_now:
        lines.append(t(locale, "setup.saved.first_pulse_now"))
    elif first.pulse_at is not None:
        when = spoken_moment(locale, first.pulse_at, team.tz)
        lines.append(t(locale, "setup.saved.first_pulse", when=when))
    if first.summary_at is not None:
        when = spoken_moment(locale, first.summary_at, team.tz)
        lines.append(t(locale, "setup.saved.first_summary", when=when))
    return lines
