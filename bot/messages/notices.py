"""The notices a team change owes (scheduling/notices.py), as direct messages."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from bot.messages import Message, escape
from bot.messages.setup import clock_time, mentions, weekday_name
from coaching import markup
from coaching.i18n import t
from coaching.locale import Locale
from scheduling.notices import NoticeView
from storage.notices import NoticeKind
from survey_flows.first_contact import Enrolment
from survey_flows.team_settings import NAME_MAX


def _joined(locale: Locale, user_ids: Sequence[str]) -> str:
    """ "@[A], @[B] og @[C]" in the reader's language."""
    if len(user_ids) <= 1:
        return mentions(user_ids)
    return t(locale, "notice.and", first=mentions(user_ids[:-1]), last=mentions(user_ids[-1:]))


def notice(locale: Locale, view: NoticeView) -> Message:
    if view.kind is NoticeKind.ADDED_TO_TEAM:
        return added_to_team(locale, view)
    if view.kind is NoticeKind.TEAM_CHANGED:
        return team_changed(locale, view)
    return seller_moved(locale, view)


def _who_sees(locale: Locale, view: NoticeView | Enrolment, channel: str) -> str:
    managers = _joined(locale, view.managers)
    return t(
        locale, "notice.added.who_sees", managers=managers, channel=channel, min=view.team.min_respondents
    )


def enrolment_lines(locale: Locale, view: NoticeView | Enrolment) -> list[str]:
    """What a seller's first message from the bot says, whichever it is (the team's welcome, or a pulse that
    got there first): who put them into which team, what the bot is, who sees what."""
    team, channel = escape(view.team.name, NAME_MAX), markup.channel(view.team.channel_id)
    by = (
        t(locale, "notice.added.by", actor=markup.person(view.actor), team=team, channel=channel)
        if view.actor
        else t(locale, "notice.added.by_someone", team=team, channel=channel)
    )
    return [by, t(locale, "notice.added.what"), _who_sees(locale, view, channel)]


def leave_line(locale: Locale, view: NoticeView | Enrolment) -> str:
    return t(locale, "notice.added.leave", channel=markup.channel(view.team.channel_id))


def team_changed(locale: Locale, view: NoticeView) -> Message:
    """To a seller: who sees the team's figures, or from how few answers, changed; as things stand now."""
    team, channel = escape(view.team.name, NAME_MAX), markup.channel(view.team.channel_id)
    by = (
        t(locale, "notice.changed.by", actor=markup.person(view.actor), team=team)
        if view.actor
        else t(locale, "notice.changed.by_someone", team=team)
    )
    lines = [t(locale, "notice.changed.title", team=team), by, _who_sees(locale, view, channel)]
    return Message(
        text=lines[0],
        blocks=[
            SectionBlock(text=MarkdownTextObject(text="\n".join(lines))),
            ContextBlock(
                elements=[MarkdownTextObject(text=t(locale, "notice.added.leave", channel=channel))]
            ),
        ],
    )


def added_to_team(locale: Locale, view: NoticeView) -> Message:
    """To a seller: which team, who added them, what the bot is and sends, who sees what, how to leave."""
    by, what, who_sees = enrolment_lines(locale, view)
    lines = [
        t(locale, "notice.added.title", team=escape(view.team.name, NAME_MAX)),
        by,
        what,
        t(
            locale,
            "notice.added.pulse",
            day=weekday_name(locale, view.team.pulse_weekday),
            time=clock_time(view.team.pulse_minute),
        ),
        who_sees,
    ]
    leave = leave_line(locale, view)
    return Message(
        text=lines[0],
        blocks=[
            SectionBlock(text=MarkdownTextObject(text="\n".join(lines))),
            ContextBlock(elements=[MarkdownTextObject(text=leave)]),
        ],
    )


def seller_moved(locale: Locale, view: NoticeView) -> Message:
    """To a manager of the team that lost a seller: which team took them, and nothing else."""
    team, subject = escape(view.team.name, NAME_MAX), markup.person(view.subject)
    if view.other_team is not None:
        text = t(locale, "notice.moved", subject=subject, team=team, other=escape(view.other_team, NAME_MAX))
    else:
        text = t(locale, "notice.moved.gone", subject=subject, team=team)
    return Message(text=text, blocks=[SectionBlock(text=MarkdownTextObject(text=text))])
