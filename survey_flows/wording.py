"""What the conversations say, as texts any front end shows: Slack's Block Kit builders (bot/messages/) and
the terminal console (console/) both compose from here, so a question, a result, the help and the coaching
advice read the same wherever they are shown.

Every function takes values and returns catalog texts (coaching.i18n) in the neutral markup; a person is
passed in already as the front end's token (`person`), never looked up here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Final

from coaching.advice import Focus
from coaching.i18n import t
from coaching.instrument import ITEMS, Axis
from coaching.locale import Locale
from coaching.pulse import PULSE_SIZE
from survey_flows.advice_views import CONFIRM, FIELDS, AdviceView, to_choice
from survey_flows.advice_views import DONT_KNOW as ADVICE_DONT_KNOW
from survey_flows.advice_views import QuestionView as AdviceQuestion
from survey_flows.first_week import FirstWeek
from survey_flows.levers import lever_text
from survey_flows.periods import spoken_moment, when
from survey_flows.summary_on_demand import Progress
from survey_flows.views import DONT_KNOW, Kind, QuestionView, ResultView, TeamView

CHOICES: Final = (1, 2, 3, 4, 5, DONT_KNOW)
"""A survey question's choices, in button order."""
SECONDS_PER_ITEM: Final = 12


# -- the survey and the pulse ---------------------------------------------------------------------------


def kind_name(locale: Locale, kind: Kind) -> str:
    return t(locale, f"kind.{kind}")


def choice_label(locale: Locale, value: int) -> str:
    return t(locale, "scale.dont_know") if value == DONT_KNOW else t(locale, f"scale.{value}")


def survey_minutes(items: int) -> int:
    return max(1, round(items * SECONDS_PER_ITEM / 60))


def progress(locale: Locale, q: QuestionView) -> str:
    """ "12/40" as the catalog words it."""
    return t(locale, "question.progress", position=q.position, total=q.total)


def score_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


@dataclass(frozen=True, slots=True)
class ResultText:
    """A survey's or a pulse's result in words (not the self-view: bot/messages/self_view.py)."""

    title: str
    axes: tuple[str, ...]
    zone: str
    """The zone and its meaning (and the borderline note), or that no zone could be placed."""
    behaviour: str | None
    traits: str | None
    lever: str | None
    private: str


def result_text(locale: Locale, result: ResultView) -> ResultText:
    s = result.scores
    axes = tuple(
        t(locale, "result.axis", axis=t(locale, f"axis.{axis}"), value=score_text(value))
        for axis, value in (
            (Axis.SAFETY, s.safety),
            (Axis.STANDARD, s.standard),
            (Axis.ADMINISTRATION, s.administration),
        )
    )
    behaviour = lever = traits = None
    if s.zone is None:
        zone = t(locale, "result.no_zone")
    else:
        zone = t(
            locale,
            "result.zone",
            zone=t(locale, f"zone.{s.zone}.name"),
            meaning=t(locale, f"zone.{s.zone}.meaning"),
        )
        if s.borderline:
            zone += "\n" + t(locale, "result.borderline")
        behaviour = t(locale, "result.behaviour", behaviour=t(locale, f"zone.{s.zone}.behaviour"))
        if result.lever is not None:
            lever = t(locale, "result.lever", advice=lever_text(locale, result.lever, s.zone, "seller"))
    if s.strongest_trait is not None and s.weakest_trait is not None and s.strongest_trait != s.weakest_trait:
        traits = t(
            locale,
            "result.traits",
            strongest=t(locale, f"trait.{s.strongest_trait}"),
            weakest=t(locale, f"trait.{s.weakest_trait}"),
        )
    title = t(locale, f"result.{result.kind}.title")
    return ResultText(title, axes, zone, behaviour, traits, lever, t(locale, "result.private"))


# -- help ------------------------------------------------------------------------------------------------


def help_text(locale: Locale, *, manager: bool) -> str:
    """The commands by role: what everyone (a seller) can do, then, for a manager only, the manager's
    commands; someone who leads no team gets one line on how a team is set up. The privacy sentence last;
    one separator style ("`/balanse x` – what it does")."""
    seller = [
        t(locale, "help.seller.title"),
        t(locale, "help.body", items=len(ITEMS), minutes=survey_minutes(len(ITEMS)), pulse_items=PULSE_SIZE),
        t(locale, "help.leave"),
        t(locale, "help.privacy"),
        t(locale, "help.help"),
    ]
    sections = ["\n".join(seller)]
    if manager:
        sections.append(
            "\n".join(
                (
                    t(locale, "help.manager.title"),
                    t(locale, "help.summary"),
                    t(locale, "help.report"),
                    t(locale, "help.self"),
                    t(locale, "help.coach"),
                    t(locale, "help.setup"),
                )
            )
        )
    else:
        sections.append(t(locale, "help.setup_new"))
    sections.append(t(locale, "help.private"))
    return "\n\n".join(sections)


# -- the coaching dialogue -------------------------------------------------------------------------------

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


def advice_choice_label(locale: Locale, field: str, choice: str) -> str:
    """A choice of a coaching question as its button says it."""
    if choice == ADVICE_DONT_KNOW:
        return t(locale, "scale.dont_know")
    return t(locale, CHOICE_KEYS[(field, choice)])


def advice_question_text(locale: Locale, q: AdviceQuestion, person: str) -> str:
    """The question (or, for CONFIRM, what was read from the manager's words, to confirm)."""
    if q.field == CONFIRM:
        lines = [
            f"• {t(locale, FIELD_KEYS[name])}: "
            f"{advice_choice_label(locale, name, to_choice(name, q.prefilled[name]))}"
            for name in FIELDS
            if name in q.prefilled
        ]
        return t(locale, "coach.confirm.question", person=person, observations="\n".join(lines))
    return t(locale, QUESTION_KEYS[q.field], person=person)


def advice_chosen(locale: Locale, q: AdviceQuestion) -> str | None:
    if q.chosen is None:
        return None
    key = "coach.confirm.chosen" if q.field == CONFIRM else "coach.chosen"
    return t(locale, key, choice=advice_choice_label(locale, q.field, q.chosen))


@dataclass(frozen=True, slots=True)
class AdviceLead:
    """What fits a phone: whom it is about, the balance and what to do now."""

    title: str
    balance: str
    actions_title: str
    actions: tuple[str, ...]


def advice_lead(locale: Locale, view: AdviceView, person: str) -> AdviceLead:
    advice = view.advice
    if advice.focus is Focus.BALANCED:
        balance = t(locale, "coach.answer.balance_even", balance=advice.balance(locale))
    else:
        balance = t(
            locale, "coach.answer.balance", balance=advice.balance(locale), focus=advice.focus_label(locale)
        )
    return AdviceLead(
        t(locale, "coach.answer.title", person=person),
        balance,
        t(locale, "coach.answer.actions"),
        tuple(advice.actions(locale)),
    )


@dataclass(frozen=True, slots=True)
class AdviceDetails:
    """Behind "more": how to say it, why, what to watch for, where the advice comes from, the team's zone
    and what the advice rests on."""

    style: str
    reasoning: str
    """The diagnosis first: front ends set its first sentence in bold (`diagnosis_parts`)."""
    warnings: tuple[str, ...]
    sources: tuple[str, str]
    """The reminder that the standard stays, and where the advice comes from."""
    team: tuple[str, str] | None
    """The team's lever and the week it is from, when the team's zone may be shown."""
    basis: str


FOLLOW_UP_KEYS: Final[Mapping[int, str]] = MappingProxyType(
    {1: "coach.follow_up.1", 2: "coach.follow_up.2", 4: "coach.follow_up.4"}
)


def follow_up_scheduled(locale: Locale, person: str, due_at: datetime, tz: str | None) -> str:
    return t(locale, "coach.follow_up.scheduled", person=person, when=when(locale, due_at, tz))


def advice_details(locale: Locale, view: AdviceView, person: str) -> AdviceDetails:
    advice = view.advice
    team = None
    lever = advice.team_lever(locale)
    if lever is not None and view.team_period is not None:
        week = view.team_period.split("-W")[-1].lstrip("0")
        team = (t(locale, "coach.answer.team", lever=lever), t(locale, "coach.answer.team_note", week=week))
    return AdviceDetails(
        t(locale, "coach.answer.style", style=advice.style_label(locale), example=advice.example(locale)),
        advice.reasoning(locale),
        tuple(advice.warnings(locale)),
        (advice.standard_reminder(locale), advice.provenance(locale)),
        team,
        t(locale, "coach.answer.basis", person=person),
    )


def diagnosis_parts(reasoning: str) -> tuple[str, str]:
    """The reasoning's first sentence (the diagnosis, shown in bold) and the rest."""
    head, sep, tail = reasoning.partition(". ")
    return (f"{head}.", tail) if sep else (reasoning, "")


# -- a manager's look at the summary before the first one -------------------------------------------------


def progress_text(locale: Locale, progress: Progress) -> str:
    """How far a week's pulse has come, as a manager may see it (also on App Home's teams at a glance)."""
    if not progress.pulse_sent:
        return t(locale, "summary_now.no_pulse_yet")
    if progress.answered is None:
        return t(locale, "summary_now.answered_few", minimum=progress.minimum)
    return t(locale, "summary_now.answered", answered=progress.answered, eligible=progress.eligible)


def not_yet_lines(
    locale: Locale, team: TeamView, team_name: str, first: FirstWeek, progress: Progress | None, sellers: int
) -> tuple[str, ...]:
    """When the first summary comes, how far the week has come (a count only from the minimum on), and
    what a team with fewer sellers than its minimum will see. `team_name` as the front end shows it."""
    if first.summary_at is None:
        return (t(locale, "summary_now.first_unknown", team=team_name),)
    lines = [
        t(locale, "summary_now.first", team=team_name, when=spoken_moment(locale, first.summary_at, team.tz))
    ]
    if progress is not None:
        lines.append(progress_text(locale, progress))
    if sellers < team.min_respondents:
        lines.append(t(locale, "setup.saved.small_team", sellers=sellers, min=team.min_respondents))
    return tuple(lines)
