"""The framed answers of the console: a result, the advice, a team's summary, as (title, paragraphs) in the
neutral markup. The words come from survey_flows/wording.py and the catalogs, as Slack's do."""

from __future__ import annotations

from coaching.i18n import t
from coaching.locale import Locale
from coaching.markup import escape
from coaching.summary_text import compose
from reports.render import week_blocks
from survey_flows.advice_views import AdviceView
from survey_flows.levers import lever_text
from survey_flows.self_view_text import self_view_text
from survey_flows.summary_on_demand import SummaryAnswer
from survey_flows.views import Kind, ResultView
from survey_flows.wording import advice_details, advice_lead, diagnosis_parts, not_yet_lines, result_text

Framed = tuple[str, list[str]]


def result_lines(locale: Locale, result: ResultView) -> Framed:
    if result.kind is Kind.SELF:
        words = self_view_text(locale, result)
        return words.title, [
            words.profile,
            *words.profile_notes,
            words.own,
            *words.team,
            words.split,
            words.private,
        ]
    text = result_text(locale, result)
    lines = ["\n".join(text.axes), text.zone, text.behaviour, text.traits, text.lever, text.private]
    return text.title, [line for line in lines if line]


def advice_lines(locale: Locale, view: AdviceView, person: str) -> Framed:
    """The whole advice at once (the terminal has room for what Slack puts behind "more")."""
    lead = advice_lead(locale, view, person)
    details = advice_details(locale, view, person)
    head, tail = diagnosis_parts(details.reasoning)
    actions = "\n".join(f"• {action}" for action in lead.actions)
    lines = [
        lead.balance,
        f"{lead.actions_title}\n{actions}",
        details.style,
        f"**{head}** {tail}".strip(),
        *(f":warning: {warning}" for warning in details.warnings),
        *(details.team or ()),
        *details.sources,
        details.basis,
    ]
    return lead.title, lines


def summary_lines(locale: Locale, answer: SummaryAnswer) -> Framed:
    team, summary = answer.team, answer.summary
    assert team is not None  # noqa: S101 - a summary answer about a team
    if summary is None:
        assert answer.first is not None  # noqa: S101 - NOT_YET always says when the first comes
        return escape(team.name), list(
            not_yet_lines(locale, team, escape(team.name), answer.first, answer.progress, answer.sellers)
        )
    blocks = week_blocks(compose(locale, team.name, summary))
    lines = [f"• {block.text}" if block.kind == "bullet" else block.text for block in blocks[1:]]
    if summary.lever is not None and summary.zone is not None and not summary.suppressed:
        lever = lever_text(locale, summary.lever, summary.zone, "manager")
        lines.insert(0, t(locale, "summary.lever", advice=lever))  # a manager's look leads with the lever
    return blocks[0].text, lines
